import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { databaseKinds } from './helpers/databases'
import { Client, startTestServer, type TestServer } from './helpers/server'

const kinds = await databaseKinds()

describe.each(kinds)('client registry access on %s', (kind) => {
  let t: TestServer
  const db = () => t.server.database.db
  const userId = async (username: string) => (await db().selectFrom('staff_user').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id
  const someone = async (turvakielto = false) =>
    db().selectFrom('person').select(['id', 'hetu', 'last_name']).where('turvakielto', '=', turvakielto).orderBy('hetu').limit(1).executeTakeFirstOrThrow()

  beforeAll(async () => {
    t = await startTestServer(kind)
  })
  afterAll(() => t?.stop())

  it('seeded Demola: about 300 persons with temporary henkilötunnus, some under turvakielto', async () => {
    const persons = await db().selectFrom('person').select(['hetu', 'turvakielto']).execute()
    expect(persons.length).toBeGreaterThanOrEqual(250)
    expect(persons.every((p) => p.hetu && /^\d{6}[-+A-FU-Y]9\d\d[0-9A-Y]$/.test(p.hetu))).toBe(true)
    expect(persons.filter((p) => p.turvakielto).length).toBeGreaterThanOrEqual(3)
  })

  it('a social worker without a client relationship sees only that a person exists', async () => {
    const p = await someone()
    const c = new Client(t.url)
    await c.login('sosiaalityontekija')
    const res = await c.get(`/api/persons?hetu=${p.hetu}`)
    expect(res.status).toBe(200)
    // The id only (for break the glass): the searcher typed the henkilötunnus; nothing else about the person.
    expect(await res.json()).toEqual({ persons: [], hiddenMatches: 1, hiddenMatchId: p.id })
    const read = await c.get(`/api/persons/${p.id}`)
    expect(read.status).toBe(404)
    const missing = await c.get('/api/persons/00000000-0000-4000-8000-000000000000')
    expect(missing.status).toBe(404)
    expect(await missing.json()).toMatchObject({ title: (await read.json()).title })
    const denied = await db().selectFrom('audit_log').selectAll().where('event', '=', 'persons:read').where('outcome', '=', 'denied').execute()
    expect(denied.map((d) => d.client_ids[0])).toContain(p.id)
  })

  it('with a relationship the worker reads the client, and the view is audited with its basis', async () => {
    const p = await someone()
    const worker = await userId('sosiaalityontekija')
    await db().insertInto('client_relationship').values({ person_id: p.id, user_id: worker, service_task: 'adult_social_work', kind: 'responsible', start_date: '2026-01-01' }).execute()
    const c = new Client(t.url)
    await c.login('sosiaalityontekija')
    const res = await c.get(`/api/persons/${p.id}`)
    expect(res.status).toBe(200)
    expect(await res.json()).toMatchObject({ id: p.id, hetu: p.hetu, lastName: p.last_name })
    const rows = await db().selectFrom('audit_log').selectAll().where('event', '=', 'persons:read').where('outcome', '=', 'success').execute()
    const row = rows.find((r) => r.client_ids.includes(p.id))!
    expect(row).toMatchObject({ user_id: worker, action: 'view', basis: 'relationship', data_group: 'registry/person' })
    const search = await (await c.get(`/api/persons?hetu=${p.hetu}`)).json()
    expect(search.persons.map((x: { id: string }) => x.id)).toEqual([p.id])
  })

  it('the office secretary finds persons by name ignoring diacritics, and under turvakielto only the contact address', async () => {
    const c = new Client(t.url)
    await c.login('toimistosihteeri')
    const some = await db().selectFrom('person').select(['last_name']).where('last_name', 'like', '%ä%').limit(1).executeTakeFirst()
    if (some) {
      const folded = some.last_name.replace(/ä/g, 'a').replace(/ö/g, 'o').replace(/å/g, 'a')
      const r = await (await c.get(`/api/persons?name=${encodeURIComponent(folded)}`)).json()
      expect(r.persons.some((x: { lastName: string }) => x.lastName === some.last_name)).toBe(true)
    }
    const protectedPerson = await someone(true)
    const details = await (await c.get(`/api/persons/${protectedPerson.id}`)).json()
    expect(details.turvakielto).toBe(true)
    expect(details.addresses.every((a: { kind: string }) => a.kind === 'contact')).toBe(true)
  })

  it('refuses an invalid henkilötunnus with a precise field message', async () => {
    const c = new Client(t.url, 'sv')
    await c.login('toimistosihteeri')
    const res = await c.get('/api/persons?hetu=131052-308U')
    expect(res.status).toBe(400)
    expect((await res.json()).errors).toEqual([{ field: 'query.hetu', code: 'hetu.checksum', message: 'Personbeteckningens kontrolltecken stämmer inte.' }])
  })
})

import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { todayInHelsinki } from '@huoma/domain'
import { controlCharacterPaths } from '../src/http/edge'
import { databaseKinds } from './helpers/databases'
import { Client, startTestServer, type TestServer } from './helpers/server'

/**
 * A NUL byte (and any other control character but tab and line breaks) is refused at the schema edge with a field
 * message in the user's language — before sign-in too — instead of a 500 from deep inside a query; nothing is
 * written. Text with line breaks and tabs still passes.
 */
const kinds = await databaseKinds()

describe('finding control characters', () => {
  it('names each string and key holding one, by JSON pointer, and lets tab and line breaks pass', () => {
    expect(controlCharacterPaths({ a: 'ok\tline\r\nnext', b: ['x', 'y\u0000'], c: { 'd/e': '\u001b[31m' }, n: 1, z: null })).toEqual(['/b/1', '/c/d~1e'])
    expect(controlCharacterPaths({ 'k\u0007': 'v' })).toEqual(['/k\u0007'])
    expect(controlCharacterPaths('\u007f')).toEqual([''])
    expect(controlCharacterPaths({ text: 'Ääkköset, € ja — viiva' })).toEqual([])
  })
})

describe.each(kinds)('control characters at the edge on %s', (kind) => {
  let t: TestServer
  let worker: Client
  let client: string
  const db = () => t.server.database.db

  beforeAll(async () => {
    t = await startTestServer(kind)
    worker = new Client(t.url)
    await worker.login('sosiaalityontekija')
    const uid = (await db().selectFrom('staff_user').select('id').where('username', '=', 'sosiaalityontekija').executeTakeFirstOrThrow()).id
    client = (await db().selectFrom('client_relationship').select('person_id').where('user_id', '=', uid).where('service_task', '=', 'adult_social_work').where('end_date', 'is', null).executeTakeFirstOrThrow()).person_id
  })
  afterAll(() => t?.stop())

  it('refuses a NUL in the user name at sign-in with a field message, before any lookup', async () => {
    for (const [lang, text] of [['fi', /ohjausmerkin/], ['sv', /styrtecken/], ['en', /control character/]] as const) {
      const res = await fetch(`${t.url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'accept-language': lang },
        body: JSON.stringify({ username: 'a\u0000b', password: 'x' }),
      })
      expect(res.status).toBe(400)
      expect(res.headers.get('content-type')).toContain('application/problem+json')
      const body = await res.json()
      expect(body.errors).toEqual([expect.objectContaining({ field: 'body.username', code: 'controlCharacters', message: expect.stringMatching(text) })])
    }
  })

  it('refuses one in a query, a nested body field and a text, writing nothing; line breaks and tabs pass', async () => {
    const search = await worker.get('/api/persons?name=virta%00nen')
    expect(search.status).toBe(400)
    expect((await search.json()).errors).toEqual([expect.objectContaining({ field: 'query.name', code: 'controlCharacters' })])

    const journal = `/api/persons/${client}/journal/adult_social_work`
    const count = async () => Number((await db().selectFrom('journal_entry').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)
    const before = await count()
    const bad = await worker.post(journal, { type: 'phone_call', eventDate: todayInHelsinki(new Date()), text: 'Puhelu\u0000asiakkaalle.', otherParticipants: ['Äiti', 'Isä\u0008'] })
    expect(bad.status).toBe(400)
    expect((await bad.json()).errors.map((e: { field: string; code: string }) => [e.field, e.code])).toEqual([
      ['body.text', 'controlCharacters'],
      ['body.otherParticipants.1', 'controlCharacters'],
    ])
    expect(await count()).toBe(before)

    const good = await worker.post(journal, { type: 'phone_call', eventDate: todayInHelsinki(new Date()), text: 'Puhelu asiakkaalle.\n\n\tSovittiin tapaaminen.\r\n' })
    expect(good.status).toBe(201)
    expect(await count()).toBe(before + 1)
  })
})

describe.each(kinds)('no API answer is kept in a cache on %s', (kind) => {
  let t: TestServer
  beforeAll(async () => {
    t = await startTestServer(kind)
  })
  afterAll(() => t?.stop())

  it('says no-store on client data, a refusal, the signed-in user and a public answer', async () => {
    const worker = new Client(t.url)
    await worker.login('sosiaalityontekija')
    const db = t.server.database.db
    const uid = (await db.selectFrom('staff_user').select('id').where('username', '=', 'sosiaalityontekija').executeTakeFirstOrThrow()).id
    const person = (await db.selectFrom('client_relationship').select('person_id').where('user_id', '=', uid).where('end_date', 'is', null).executeTakeFirstOrThrow()).person_id
    for (const path of [`/api/persons/${person}/card`, `/api/persons/${person}`, '/api/persons/00000000-0000-4000-8000-000000000000', '/api/auth/me']) {
      const res = await worker.get(path)
      expect(res.headers.get('cache-control'), path).toBe('no-store')
    }
    const health = await fetch(`${t.url}/api/health`)
    expect(health.headers.get('cache-control')).toBe('no-store')
  })
})

describe.each(kinds)('ids in any case on %s', (kind) => {
  let t: TestServer
  beforeAll(async () => {
    t = await startTestServer(kind)
  })
  afterAll(() => t?.stop())

  it('reads the same card, family roles included, for an id written in upper case', async () => {
    const db = t.server.database.db
    const secretary = new Client(t.url)
    await secretary.login('toimistosihteeri')
    // a child with a guardian, and the guardian
    const rel = await db.selectFrom('person_relation').select(['person_id', 'related_id']).where('kind', '=', 'guardian').orderBy('person_id').executeTakeFirstOrThrow()
    for (const id of [rel.person_id, rel.related_id]) {
      const lower = await secretary.get(`/api/persons/${id}/card`)
      expect(lower.status).toBe(200)
      const upper = await secretary.get(`/api/persons/${id.toUpperCase()}/card`)
      expect(upper.status).toBe(200)
      const a = await lower.json()
      const b = await upper.json()
      expect(b.person.id).toBe(id)
      expect(a.family.length).toBeGreaterThan(0)
      expect(b.family).toEqual(a.family)
      expect(b.household).toEqual(a.household)
    }
  })
})

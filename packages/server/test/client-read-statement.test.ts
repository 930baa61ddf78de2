import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadConfig } from '../src/config'
import { databaseKinds } from './helpers/databases'
import { Client, startTestServer, type TestServer } from './helpers/server'
import { statements } from './helpers/statements'

const kinds = await databaseKinds()

/**
 * Issue 16 item 1: the client read in as few round trips as the work needs — the access decision, the person with
 * the addresses and the audit row as ONE statement (no BEGIN/COMMIT, no re-read), while refusals, merged and
 * destroyed clients keep the chokepoint's one way of deciding and logging them.
 */
describe.each(kinds)('the client read as one statement on %s', (kind) => {
  let t: TestServer
  const db = () => t.server.database.db
  const userId = async (username: string) => (await db().selectFrom('staff_user').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id
  const persons = async (n: number, turvakielto = false) =>
    db().selectFrom('person').select(['id', 'hetu', 'last_name']).where('turvakielto', '=', turvakielto).where('merged_into', 'is', null).orderBy('hetu', 'desc').limit(n).execute()
  const auditOf = async (personId: string) =>
    db()
      .selectFrom('audit_log')
      .select(['user_id', 'event', 'action', 'basis', 'ref_id', 'outcome', 'data_group', 'request_id', 'client_ids'])
      .where('event', '=', 'persons:read')
      .where((eb) => eb(eb.val(personId), '=', eb.fn.any('client_ids')))
      .orderBy('id')
      .execute()

  beforeAll(async () => {
    // no scheduled jobs, so that only the requests' own statements are counted
    t = await startTestServer(kind, { jobs: { ...loadConfig(process.env).jobs, run: [] } })
  })
  afterAll(() => t?.stop())

  it('reads a related client with one statement that also writes the audit row, and answers what the card edits', async () => {
    const [p, warm] = await persons(2)
    const worker = await userId('sosiaalityontekija')
    for (const x of [p!, warm!]) {
      await db().insertInto('client_relationship').values({ person_id: x.id, user_id: worker, service_task: 'adult_social_work', kind: 'responsible', start_date: '2026-01-01' }).execute()
    }
    await db()
      .insertInto('person_address')
      .values([
        { person_id: p!.id, kind: 'permanent', street: 'Kauppakatu 1', postal_code: '00100', post_office: 'HELSINKI', valid_from: '2020-01-01' },
        { person_id: p!.id, kind: 'contact', street: 'PL 5', postal_code: '00101', post_office: 'HELSINKI', valid_from: '2021-02-03' },
      ])
      .execute()
    const c = new Client(t.url)
    await c.login('sosiaalityontekija')
    expect((await c.get(`/api/persons/${warm!.id}`)).status).toBe(200) // the session in the cache, the statement compiled
    let res: Response | undefined
    const n = await statements(async () => {
      res = await c.get(`/api/persons/${p!.id}`)
    })
    expect(res!.status).toBe(200)
    const body = await res!.json()
    expect(body).toMatchObject({ id: p!.id, hetu: p!.hetu, lastName: p!.last_name, turvakielto: false })
    expect(body.addresses).toEqual(
      expect.arrayContaining([
        { kind: 'permanent', street: 'Kauppakatu 1', postalCode: '00100', postOffice: 'HELSINKI', validFrom: '2020-01-01', validUntil: null },
        { kind: 'contact', street: 'PL 5', postalCode: '00101', postOffice: 'HELSINKI', validFrom: '2021-02-03', validUntil: null },
      ]),
    )
    // one round trip for the work (the session may slide its idle timeout now and then: that one is the access layer's)
    const work = n.texts.filter((x) => !/staff_session|staff_user|staff_grant|user_commitment/.test(x))
    expect(work).toHaveLength(1)
    expect(work[0]).toMatch(/INSERT INTO audit_log/)
    expect(n.texts.some((x) => /^\s*(BEGIN|COMMIT)/i.test(x))).toBe(false)
    const rows = await auditOf(p!.id)
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({ user_id: worker, action: 'view', basis: 'relationship', ref_id: null, outcome: 'success', data_group: 'registry/person', client_ids: [p!.id] })
    expect(rows[0]!.request_id).toBeTruthy()
    // the same read inside a transaction (what an edit answers) gives the same shape
    const edited = await c.request('PATCH', `/api/persons/${p!.id}`, { version: body.version, phone: '040 123 4567' })
    expect(edited.status).toBe(200)
    const after = await edited.json()
    expect({ ...after, phone: null, version: 0 }).toEqual({ ...body, phone: null, version: 0 })
  })

  it('a search by henkilötunnus alone: one statement with its audit row; a hidden match the one way of every search', async () => {
    const [mine, hidden, warm] = (await persons(12)).slice(9) // persons no other test here relates to anyone
    const worker = await userId('sosiaalityontekija')
    for (const x of [mine!, warm!]) {
      await db().insertInto('client_relationship').values({ person_id: x.id, user_id: worker, service_task: 'adult_social_work', kind: 'responsible', start_date: '2026-01-01' }).execute()
    }
    const searches = async (requestId?: string) =>
      db()
        .selectFrom('audit_log')
        .select(['user_id', 'event', 'basis', 'outcome', 'data_group', 'client_ids', 'request_id'])
        .where('event', '=', 'persons:search')
        .where('user_id', '=', worker)
        .$if(requestId !== undefined, (q) => q.where('request_id', '=', requestId!))
        .orderBy('id')
        .execute()
    const c = new Client(t.url)
    await c.login('sosiaalityontekija')
    expect((await c.get(`/api/persons?hetu=${warm!.hetu}`)).status).toBe(200) // the session in the cache, the statement compiled
    const before = (await searches()).length

    let res: Response | undefined
    const n = await statements(async () => {
      res = await c.get(`/api/persons?hetu=${mine!.hetu}`)
    })
    expect(res!.status).toBe(200)
    const body = await res!.json()
    expect(body).toMatchObject({ hiddenMatches: 0, persons: [{ id: mine!.id, hetu: mine!.hetu, lastName: mine!.last_name }] })
    const work = n.texts.filter((x) => !/staff_session|staff_user|staff_grant|user_commitment/.test(x))
    expect(work, work.join('\n---\n')).toHaveLength(1)
    expect(work[0]).toMatch(/INSERT INTO audit_log/)
    const logged = await searches()
    expect(logged).toHaveLength(before + 1)
    expect(logged.at(-1)).toMatchObject({ basis: 'search', outcome: 'success', data_group: 'registry/person', client_ids: [mine!.id] })

    // a henkilötunnus nobody has: one statement, the search logged with no client
    const none = await c.get('/api/persons?hetu=010101A998W')
    expect(none.status).toBe(200)
    expect(await none.json()).toMatchObject({ persons: [], hiddenMatches: 0 })
    expect((await searches()).at(-1)).toMatchObject({ client_ids: [] })

    // a person the worker may not see: counted as hidden, one audit row (the search's own way), naming no one
    const count = (await searches()).length
    const other = await c.get(`/api/persons?hetu=${hidden!.hetu}`)
    expect(other.status).toBe(200)
    expect(await other.json()).toMatchObject({ persons: [], hiddenMatches: 1 })
    const after = await searches()
    expect(after).toHaveLength(count + 1)
    expect(after.at(-1)).toMatchObject({ basis: 'search', client_ids: [] })
  })

  it('under turvakielto the registry basis reads only the contact address, in one statement', async () => {
    const [p] = await persons(1, true)
    const c = new Client(t.url)
    await c.login('toimistosihteeri')
    expect((await c.get(`/api/persons/${p!.id}`)).status).toBe(200)
    const n = await statements(async () => {
      const res = await c.get(`/api/persons/${p!.id}`)
      expect(res.status).toBe(200)
      expect((await res.json()).addresses.every((a: { kind: string }) => a.kind === 'contact')).toBe(true)
    })
    expect(n.texts.filter((x) => !/staff_session|staff_user|staff_grant|user_commitment/.test(x))).toHaveLength(1)
    expect((await auditOf(p!.id)).map((r) => r.basis)).toEqual(['registry', 'registry'])
  })

  it('a refusal is decided and logged once, by the chokepoint: one denied row, 404', async () => {
    const [, , p] = await persons(3)
    const c = new Client(t.url)
    await c.login('sosiaalityontekija')
    expect((await c.get(`/api/persons/${p!.id}`)).status).toBe(404)
    const rows = await auditOf(p!.id)
    expect(rows.map((r) => [r.outcome, r.basis])).toEqual([['denied', null]])
  })

  it('break the glass: the row names the access, and an expired one no longer opens the client', async () => {
    const [, , , p] = await persons(4)
    const worker = await userId('sosiaalityontekija')
    const bg = await db()
      .insertInto('break_glass')
      .values({ user_id: worker, person_id: p!.id, service_task: 'adult_social_work', reason: 'Kiireellinen selvitys poliisin pyynnöstä', expires_at: new Date(Date.now() + 3600_000) })
      .returning('id')
      .executeTakeFirstOrThrow()
    const c = new Client(t.url)
    await c.login('sosiaalityontekija')
    expect((await c.get(`/api/persons/${p!.id}`)).status).toBe(200)
    await db().updateTable('break_glass').set({ expires_at: new Date(Date.now() - 1000) }).where('id', '=', bg.id).execute()
    expect((await c.get(`/api/persons/${p!.id}`)).status).toBe(404)
    const rows = await auditOf(p!.id)
    expect(rows.map((r) => [r.outcome, r.basis, r.ref_id])).toEqual([
      ['success', 'break_glass', bg.id],
      ['denied', null, null],
    ])
  })

  it('a merged identity answers 404 with the survivor, logged once as a refusal', async () => {
    const [, , , , p, survivor] = await persons(6)
    const worker = await userId('sosiaalityontekija')
    await db().insertInto('client_relationship').values({ person_id: p!.id, user_id: worker, service_task: 'adult_social_work', kind: 'responsible', start_date: '2026-01-01' }).execute()
    await db().updateTable('person').set({ merged_into: survivor!.id }).where('id', '=', p!.id).execute()
    const c = new Client(t.url)
    await c.login('sosiaalityontekija')
    const res = await c.get(`/api/persons/${p!.id}`)
    expect(res.status).toBe(404)
    expect(await res.json()).toMatchObject({ mergedInto: survivor!.id })
    expect((await auditOf(p!.id)).map((r) => [r.outcome, r.basis])).toEqual([['denied', 'relationship']])
  })
  it('the client card: the registry and the timeline in one statement, whatever the number of modules', async () => {
    const [, , , , , , p] = await persons(7)
    const worker = await userId('sosiaalityontekija')
    await db().insertInto('client_relationship').values({ person_id: p!.id, user_id: worker, service_task: 'adult_social_work', kind: 'responsible', start_date: '2026-01-01' }).execute()
    const c = new Client(t.url)
    await c.login('sosiaalityontekija')
    const first = await c.get(`/api/persons/${p!.id}/card`) // refreshes from the population register once
    expect(first.status).toBe(200)
    let card: { person: { id: string }; relationships: unknown[]; timeline: { kind: string }[] } | undefined
    const n = await statements(async () => {
      const res = await c.get(`/api/persons/${p!.id}/card`)
      expect(res.status).toBe(200)
      card = await res.json()
    })
    expect(card!.person.id).toBe(p!.id)
    expect(card!.relationships.length).toBeGreaterThanOrEqual(1)
    expect(card!.timeline.map((e) => e.kind)).toContain('relationship.opened')
    // the access layer's own statements (the session slid, read on a miss) all name staff_session
    const work = n.texts.filter((x) => !/staff_session/.test(x))
    // ONE statement: the access decision, the card (the registry, the registers the reader has a basis in and their
    // records on the timeline) and the audit row; no BEGIN, no COMMIT
    expect(work, work.join('\n---\n')).toHaveLength(1)
    expect(work[0]).toMatch(/UNION ALL/i) // the timeline's registers
    expect(work[0]).toMatch(/person_history/) // the registry's
    expect(work[0]).toMatch(/INSERT INTO audit_log/)
    const rows = await db().selectFrom('audit_log').select(['client_ids', 'basis', 'outcome']).where('event', '=', 'persons:card').where((eb) => eb(eb.val(p!.id), '=', eb.fn.any('client_ids'))).orderBy('id', 'desc').limit(1).execute()
    expect(rows[0]).toMatchObject({ basis: 'relationship', outcome: 'success' })
    expect(rows[0]!.client_ids[0]).toBe(p!.id)
  })
})

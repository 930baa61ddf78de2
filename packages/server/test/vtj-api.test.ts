import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { VtjSimulator } from '../src/integrations/vtj'
import { syncFromVtj } from '../src/modules/persons/vtj-sync'
import { databaseKinds } from './helpers/databases'
import { Client, startTestServer, type TestServer } from './helpers/server'

const kinds = await databaseKinds()

describe.each(kinds)('population register (VTJ simulator) over HTTP on %s', (kind) => {
  let t: TestServer
  let secretary: Client
  const db = () => t.server.database.db
  const sim = () => t.server.app.vtj as VtjSimulator
  const outsider = () => sim().list({ origin: 'generated' }).find((p) => !p.turvakielto && !p.deceased)!

  beforeAll(async () => {
    t = await startTestServer(kind)
    secretary = new Client(t.url)
    await secretary.login('toimistosihteeri')
  })
  afterAll(() => t?.stop())

  it('queries a person who is not yet a client, with the purpose logged and the audit row pointing to it', async () => {
    const { hetu } = outsider()
    const res = await secretary.post('/api/vtj/query', { hetu, purpose: 'Asiakkuuden aloittaminen: hakemus' })
    expect(res.status).toBe(200)
    const body = await res.json()
    expect(body).toMatchObject({ status: 'found', existingPersonId: null, person: { hetu } })
    const audit = await db().selectFrom('audit_log').selectAll().where('event', '=', 'vtj:query').orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow()
    const logged = await db().selectFrom('vtj_query').selectAll().where('id', '=', audit.ref_id!).executeTakeFirstOrThrow()
    expect(logged).toMatchObject({ purpose: 'Asiakkuuden aloittaminen: hakemus', outcome: 'found', person_id: null })
    expect(sim().queryLog.at(-1)).toMatchObject({ purpose: 'Asiakkuuden aloittaminen: hakemus' })
  })

  it('refuses a query without a purpose', async () => {
    const res = await secretary.post('/api/vtj/query', { hetu: outsider().hetu })
    expect(res.status).toBe(400)
    expect((await res.json()).errors).toEqual([expect.objectContaining({ field: 'body.purpose', code: 'required' })])
  })

  it('registers the client from the register, with addresses, and refuses the second time', async () => {
    const { hetu } = outsider()
    const res = await secretary.post('/api/persons/from-vtj', { hetu, purpose: 'Asiakkuuden aloittaminen: hakemus' })
    expect(res.status).toBe(201)
    const { id } = await res.json()
    const card = await (await secretary.get(`/api/persons/${id}/card`)).json()
    expect(card.person.hetu).toBe(hetu)
    expect(card.person.addresses.length).toBeGreaterThan(0)
    expect(card.vtjCheckedAt).not.toBeNull()
    expect((await secretary.post('/api/persons/from-vtj', { hetu, purpose: 'Uudelleen' })).status).toBe(409)
  })

  it('refreshes stale data when the card is opened and tells what changed', async () => {
    const p = await db().selectFrom('person').select(['id', 'hetu']).where('turvakielto', '=', false).where('hetu', 'is not', null).orderBy('hetu').limit(1).executeTakeFirstOrThrow()
    await db().updateTable('person').set({ vtj_checked_at: sql<Date>`now() - interval '8 days'` }).where('id', '=', p.id).execute()
    sim().simulateAddressChange(p.hetu!, { street: 'Muuttokatu 5 A 1', postalCode: '99130', postOffice: 'DEMOLA' }, '2026-11-01')
    const card = await (await secretary.get(`/api/persons/${p.id}/card`)).json()
    expect(card.vtjChanges).toContain('address.permanent')
    expect(card.person.addresses.some((a: { street: string }) => a.street === 'Muuttokatu 5 A 1')).toBe(true)
    expect(card.timeline[0]).toMatchObject({ kind: 'person.vtj' })
    // Fresh now: opening again does not query the register.
    const queries = sim().queryLog.length
    await secretary.get(`/api/persons/${p.id}/card`)
    expect(sim().queryLog.length).toBe(queries)
  })

  it('the nightly sync applies the change feed to registry clients, audited as the system', async () => {
    const seeded = sim().seedDemoChanges()
    expect(seeded.length).toBeGreaterThan(0)
    const r = await syncFromVtj(db(), sim(), t.server.app.clock, { persistCursor: true })
    expect(r.updatedPersons).toBeGreaterThan(0)
    const died = seeded.find((c) => c.change === 'death')
    if (died) {
      const p = await db().selectFrom('person').select('death_date').where('hetu', '=', died.hetu).executeTakeFirstOrThrow()
      expect(p.death_date).not.toBeNull()
    }
    const row = await db().selectFrom('audit_log').selectAll().where('event', '=', 'vtj:sync').executeTakeFirstOrThrow()
    expect(row).toMatchObject({ user_id: null, action: 'update' })
    expect(row.client_ids.length).toBe(r.updatedPersons)
    expect((await db().selectFrom('vtj_sync_state').select('cursor').executeTakeFirstOrThrow()).cursor).toBe(r.cursor)
    // Nothing new: a second run changes nothing.
    expect((await syncFromVtj(db(), sim(), t.server.app.clock, { persistCursor: true })).updatedPersons).toBe(0)
  })
})

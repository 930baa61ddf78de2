import { todayInHelsinki } from '@huoma/domain'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { databaseKinds } from './helpers/databases'
import { Client, startTestServer, type TestServer } from './helpers/server'

/**
 * Refusals leave a row naming the client the URL names: a state-changing request without its CSRF token, and a
 * role that may not perform the action at all (before this, neither named the client, and the CSRF refusal left no
 * row), so the client's report of who tried to process their data shows them.
 */
const kinds = await databaseKinds()

describe.each(kinds)('refusals in the audit log on %s', (kind) => {
  let t: TestServer
  let worker: Client
  let client: string
  const db = () => t.server.database.db
  const maxId = async () => Number((await db().selectFrom('audit_log').select((eb) => eb.fn.max('id').as('m')).executeTakeFirstOrThrow()).m)
  const since = (id: number) => db().selectFrom('audit_log').select(['event', 'action', 'outcome', 'client_ids', 'basis']).where('id', '>', id).orderBy('id').execute()

  beforeAll(async () => {
    t = await startTestServer(kind)
    worker = new Client(t.url)
    await worker.login('sosiaalityontekija')
    const uid = (await db().selectFrom('staff_user').select('id').where('username', '=', 'sosiaalityontekija').executeTakeFirstOrThrow()).id
    client = (await db().selectFrom('client_relationship').select('person_id').where('user_id', '=', uid).where('service_task', '=', 'adult_social_work').where('end_date', 'is', null).executeTakeFirstOrThrow()).person_id
  })
  afterAll(() => t?.stop())

  it('writes a row naming the client when a write comes without its CSRF token, and writes nothing else', async () => {
    const before = await maxId()
    const res = await worker.post(`/api/persons/${client}/journal/adult_social_work`, { type: 'phone_call', eventDate: todayInHelsinki(new Date()), text: 'Puhelu.' }, { 'x-csrf-token': 'vaara' })
    expect(res.status).toBe(403)
    expect((await res.json()).type).toMatch(/csrf/)
    expect(await since(before)).toEqual([{ event: 'access:csrf-refused', action: 'security', outcome: 'denied', client_ids: [client], basis: 'journal:write' }])
  })

  it('names the client in the row of a role that may not read the journal at all', async () => {
    const finance = new Client(t.url)
    await finance.login('talous')
    const before = await maxId()
    expect((await finance.get(`/api/persons/${client.toUpperCase()}/journal/adult_social_work`)).status).toBe(403)
    expect(await since(before)).toEqual([{ event: 'journal:read', action: 'security', outcome: 'denied', client_ids: [client], basis: 'role' }])
  })

  it('leaves a row naming the client when access is allowed but the record looked for is not there', async () => {
    const before = await maxId()
    const missing = '00000000-0000-4000-8000-00000000beef'
    expect((await worker.get(`/api/persons/${client}/journal/adult_social_work/entries/${missing}`)).status).toBe(404)
    const rows = await since(before)
    expect(rows).toEqual([expect.objectContaining({ outcome: 'failure', client_ids: [client], basis: 'relationship' })])
    expect(rows[0]!.event).toMatch(/^journal:/)
  })
})

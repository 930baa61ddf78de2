import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { databaseKinds } from './helpers/databases'
import { Client, startTestServer, type TestServer } from './helpers/server'

const kinds = await databaseKinds()

interface Event {
  at: string
  kind: string
  by: string | null
  serviceTask: string | null
}

/**
 * The client card's timeline shows everything recorded (issue 14): the modules' records as events — a signed journal
 * entry, an appointment, a decision — in the registers where the reader has a basis of their own, never the content,
 * and nothing of a register where they have none (nor to the registry basis of the office secretary).
 */
describe.each(kinds)("the client card's timeline on %s", (kind) => {
  let t: TestServer
  let worker: Client
  let counsellor: Client
  let secretary: Client
  let personId: string
  const db = () => t.server.database.db
  const today = () => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Helsinki' }).format(new Date())
  const userId = async (username: string) => (await db().selectFrom('staff_user').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id
  const timeline = async (c: Client): Promise<Event[]> => {
    const res = await c.get(`/api/persons/${personId}/card`)
    expect(res.status).toBe(200)
    return (await res.json()).timeline
  }

  beforeAll(async () => {
    t = await startTestServer(kind)
    secretary = new Client(t.url)
    await secretary.login('toimistosihteeri')
    personId = (await (await secretary.post('/api/persons', { firstNames: 'Tuula', lastName: 'Aikajana', birthDate: '1966-03-03' })).json()).id
    await secretary.post(`/api/persons/${personId}/relationships`, { serviceTask: 'adult_social_work', userId: await userId('sosiaalityontekija'), kind: 'team', startReason: 'other' })
    await secretary.post(`/api/persons/${personId}/relationships`, { serviceTask: 'income_support', userId: await userId('sosiaaliohjaaja'), kind: 'team', startReason: 'other' })
    worker = new Client(t.url)
    await worker.login('sosiaalityontekija')
    counsellor = new Client(t.url)
    await counsellor.login('sosiaaliohjaaja')
    const draft = await (await worker.post(`/api/persons/${personId}/journal/adult_social_work`, { type: 'home_visit', eventDate: today(), text: 'Kotikäynnillä sovittiin jatkosta.' })).json()
    expect((await worker.post(`/api/persons/${personId}/journal/adult_social_work/entries/${draft.entryId}/sign`, { version: draft.versions[0].version })).status).toBe(200)
    const other = await (await counsellor.post(`/api/persons/${personId}/journal/income_support`, { type: 'phone_call', eventDate: today(), text: 'Puhelu tuesta.' })).json()
    expect((await counsellor.post(`/api/persons/${personId}/journal/income_support/entries/${other.entryId}/sign`, { version: other.versions[0].version })).status).toBe(200)
  })
  afterAll(() => t?.stop())

  it("shows the reader's registers' records as events, newest first, without their content", async () => {
    const events = await timeline(worker)
    const signed = events.filter((e) => e.kind === 'journal.signed')
    expect(signed).toEqual([expect.objectContaining({ by: 'Aino Lehtinen', serviceTask: 'adult_social_work' })])
    expect(JSON.stringify(events)).not.toContain('Kotikäynnillä')
    expect(events.map((e) => e.at)).toEqual([...events.map((e) => e.at)].sort().reverse())
    expect(events.some((e) => e.kind === 'relationship.opened')).toBe(true)
  })

  it("leaves out the registers where the reader has no relationship, and every record for the registry's basis", async () => {
    // the social worker has an income support grant but no relationship there: the counsellor's entry is not shown
    expect((await timeline(worker)).some((e) => e.serviceTask === 'income_support' && e.kind.startsWith('journal.'))).toBe(false)
    expect((await timeline(counsellor)).filter((e) => e.kind === 'journal.signed').map((e) => e.serviceTask)).toEqual(['income_support'])
    expect((await timeline(secretary)).some((e) => e.kind.startsWith('journal.'))).toBe(false)
  })
})

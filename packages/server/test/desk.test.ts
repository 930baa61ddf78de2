import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { todayInHelsinki } from '@huoma/domain'
import { openDeadline } from '../src/kernel/deadlines'
import { databaseKinds } from './helpers/databases'
import { Client, startTestServer, type TestServer } from './helpers/server'

/**
 * The desk (GET /api/desk), every role's home page: the social worker's clients, today's appointment, an unsigned
 * journal draft and an overdue deadline, all through the list chokepoint whose one audit row names the clients
 * shown; finance's batches waiting for the second person, the main user's grant requests, the data protection
 * officer's open reviews; the statistician's desk has no section.
 */
const kinds = await databaseKinds()

interface Desk {
  today: string
  weekEnd: string
  clients: { id: string; name: string; serviceTask: string }[] | null
  appointments: { id: string; client: { id: string; name: string } | null; start: string; serviceTask: string | null }[] | null
  drafts: { kind: string; id: string; client: { id: string } }[] | null
  deadlines: { items: { id: string; client: { id: string } | null; standing: string; workingDaysLeft: number }[]; overdueCount: number; total: number } | null
  waiting: { kind: string; id?: string; count?: number }[] | null
}

const addDays = (iso: string, days: number) => {
  const d = new Date(`${iso}T12:00:00Z`)
  d.setUTCDate(d.getUTCDate() + days)
  return d.toISOString().slice(0, 10)
}

describe.each(kinds)('the desk on %s', (kind) => {
  let t: TestServer
  let worker: Client
  let client: string
  let stranger: string
  let draftId: string
  let deadlineId: string
  let farDeadlineId: string
  const db = () => t.server.database.db
  const today = todayInHelsinki(new Date())
  const userId = async (username: string) => (await db().selectFrom('staff_user').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id
  const login = async (username: string) => {
    const c = new Client(t.url)
    await c.login(username)
    return c
  }
  const desk = async (c: Client): Promise<Desk> => {
    const res = await c.get('/api/desk')
    expect(res.status).toBe(200)
    return (await res.json()) as Desk
  }

  beforeAll(async () => {
    t = await startTestServer(kind)
    const workerId = await userId('sosiaalityontekija')
    const sec = await login('toimistosihteeri')
    client = (await (await sec.post('/api/persons', { firstNames: 'Työpöytä', lastName: 'Asiakas', birthDate: '1971-03-04' })).json()).id
    expect((await sec.post(`/api/persons/${client}/relationships`, { serviceTask: 'adult_social_work', userId: workerId, kind: 'responsible', startReason: 'other' })).status).toBe(201)
    stranger = (await (await sec.post('/api/persons', { firstNames: 'Vieras', lastName: 'Henkilö', birthDate: '1972-03-04' })).json()).id
    worker = await login('sosiaalityontekija')
    const entry = await (await worker.post(`/api/persons/${client}/journal/adult_social_work`, { type: 'meeting', eventDate: today, text: 'Kesken jäänyt kirjaus.' })).json()
    draftId = entry.entryId
    const aiku = (await db().selectFrom('unit').select('id').where('code', '=', 'AIKU').executeTakeFirstOrThrow()).id
    // today's appointment with the client, and one booked for the worker by someone else with a client they may not see
    await db()
      .insertInto('appointment')
      .values([
        { person_id: client, worker_id: workerId, unit_id: aiku, service_task: 'adult_social_work', start_at: sql<Date>`(${`${today} 06:10`}::timestamp AT TIME ZONE 'Europe/Helsinki')`, end_at: sql<Date>`(${`${today} 06:20`}::timestamp AT TIME ZONE 'Europe/Helsinki')`, place: 'office', created_by: workerId },
        { person_id: stranger, worker_id: workerId, unit_id: aiku, service_task: 'adult_social_work', start_at: sql<Date>`(${`${today} 06:25`}::timestamp AT TIME ZONE 'Europe/Helsinki')`, end_at: sql<Date>`(${`${today} 06:30`}::timestamp AT TIME ZONE 'Europe/Helsinki')`, place: 'phone', created_by: workerId },
      ])
      .execute()
    const open = (dueOn: string) =>
      db()
        .transaction()
        .execute((trx) =>
          openDeadline(trx, { kind: 'test.desk', serviceTask: 'adult_social_work', unitId: aiku, personId: client, responsibleUserId: workerId, subjectId: crypto.randomUUID(), legalBasis: 'testilaki 1 §', startEvent: 'test', startedOn: addDays(today, -30), dueOn, rule: 'test', urgent: false }, null),
        )
    deadlineId = await open(addDays(today, -3))
    farDeadlineId = await open(addDays(today, 60))
  })
  afterAll(() => t?.stop())

  it('shows the social worker their clients, today\'s appointment, their draft and the overdue deadline', async () => {
    const before = Number((await db().selectFrom('audit_log').select((eb) => eb.fn.max('id').as('m')).executeTakeFirstOrThrow()).m)
    const d = await desk(worker)
    expect(d.today).toBe(today)
    expect(d.weekEnd >= today && d.weekEnd <= addDays(today, 6)).toBe(true)
    expect(d.clients).toContainEqual(expect.objectContaining({ id: client, name: 'Asiakas Työpöytä', serviceTask: 'adult_social_work' }))
    expect(d.clients!.some((c) => c.id === stranger)).toBe(false)
    const mine = d.appointments!.find((a) => a.client?.id === client)
    expect(mine?.start).toBe(`${today}T06:10`)
    // the other client's appointment is a busy slot without content
    const busy = d.appointments!.find((a) => a.start === `${today}T06:25`)
    expect(busy).toMatchObject({ client: null, serviceTask: null })
    expect(d.drafts).toContainEqual(expect.objectContaining({ kind: 'journal', id: draftId, client: expect.objectContaining({ id: client }) }))
    const overdue = d.deadlines!.items.find((i) => i.id === deadlineId)
    expect(overdue).toMatchObject({ standing: 'overdue', client: { id: client } })
    expect(overdue!.workingDaysLeft).toBeLessThan(0)
    expect(d.deadlines!.items.some((i) => i.id === farDeadlineId)).toBe(false)
    expect(d.deadlines!.total).toBeGreaterThanOrEqual(2)
    expect(d.deadlines!.overdueCount).toBeGreaterThanOrEqual(1)
    // one audit row, naming the clients shown and never the stranger
    const rows = await db().selectFrom('audit_log').select(['id', 'event', 'client_ids', 'data_group']).where('id', '>', before).where('event', '=', 'desk:read').execute()
    expect(rows).toHaveLength(1)
    expect(rows[0]!.data_group).toBe('case/desk')
    expect(rows[0]!.client_ids).toContain(client)
    expect(rows[0]!.client_ids).not.toContain(stranger)
  })

  it('is gone from the drafts once the entry is signed', async () => {
    const e = await (await worker.get(`/api/persons/${client}/journal/adult_social_work/entries/${draftId}`)).json()
    expect((await worker.post(`/api/persons/${client}/journal/adult_social_work/entries/${draftId}/sign`, { version: e.versions[0].version })).status).toBe(200)
    expect((await desk(worker)).drafts!.some((d) => d.id === draftId)).toBe(false)
  })

  it('shows finance the batches another made, waiting for approval', async () => {
    const maker = await userId('maksuliikenne')
    const batch = await db().insertInto('payment_batch').values({ due_from: today, due_to: today, item_count: 1, total_cents: 12345, created_by: maker }).returning('id').executeTakeFirstOrThrow()
    const approver = await desk(await login('talouspaallikko'))
    expect(approver.clients).toBeNull()
    expect(approver.waiting).toContainEqual(expect.objectContaining({ kind: 'payment_batch', id: batch.id, createdByName: 'Hanna Virtanen' }))
    const own = await desk(await login('maksuliikenne'))
    expect(own.waiting!.some((w) => w.id === batch.id)).toBe(false)
  })

  it('shows a main user the grant requests another must decide', async () => {
    const target = await userId('sosiaaliohjaaja')
    const hall = (await db().selectFrom('unit').select('id').where('code', '=', 'HALL').executeTakeFirstOrThrow()).id
    const filer = await login('paakayttaja2')
    const filed = await filer.post('/api/admin/grant-requests', { userId: target, roleCode: 'social_counsellor', unitId: hall, serviceTasks: ['adult_social_work'], validFrom: today, validUntil: null, justification: 'Sijaisuus työpöydän testiä varten.' })
    expect(filed.status, await filed.clone().text()).toBe(201)
    const id = (await filed.json()).id as string
    const main = await desk(await login('paakayttaja'))
    expect(main.waiting).toContainEqual(expect.objectContaining({ kind: 'grant_request', id, requestedByName: 'Paula Ahonen' }))
  })

  it('shows the data protection officer the open reviews', async () => {
    const dpo = await userId('tietosuojavastaava')
    const auditId = Number((await db().selectFrom('audit_log').select((eb) => eb.fn.max('id').as('m')).executeTakeFirstOrThrow()).m)
    await db().insertInto('audit_review').values({ audit_id: auditId, sampled_by: dpo }).execute()
    const d = await desk(await login('tietosuojavastaava'))
    expect(d.clients).toBeNull()
    expect(d.waiting).toContainEqual(expect.objectContaining({ kind: 'audit_samples' }))
    expect(d.waiting!.find((w) => w.kind === 'audit_samples')!.count).toBeGreaterThanOrEqual(1)
  })

  it('gives the statistician a desk without sections', async () => {
    const d = await desk(await login('tilastot'))
    expect(d).toMatchObject({ clients: null, appointments: null, drafts: null, deadlines: null, waiting: null })
  })

  it('refuses without a session', async () => {
    expect((await new Client(t.url).get('/api/desk')).status).toBe(401)
  })
})

import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { todayInHelsinki } from '@huoma/domain'
import { openDeadline } from '../src/kernel/deadlines'
import { databaseKinds } from './helpers/databases'
import { Client, startTestServer, type TestServer } from './helpers/server'

/**
 * The statutory deadlines of every service as one worklist (GET /api/deadlines): the worker's own — where they are
 * the responsible worker and may see the client — and their units' queue (nobody responsible, only the service tasks
 * their grant in the unit covers), due date first, overdue and urgent marked, reminders shown; read through the list
 * chokepoint, whose audit row names the clients shown. Income support's TTTL 14 a § deadlines are one kind among
 * others here.
 */
const kinds = await databaseKinds()

interface Item {
  id: string
  kind: string
  serviceTask: string
  person: { id: string; name: string; canOpen: boolean } | null
  dueOn: string
  urgent: boolean
  standing: string
  workingDaysLeft: number
  reminded: boolean
}

const addDays = (iso: string, days: number) => {
  const d = new Date(`${iso}T12:00:00Z`)
  d.setUTCDate(d.getUTCDate() + days)
  return d.toISOString().slice(0, 10)
}

describe.each(kinds)('the deadline worklist on %s', (kind) => {
  let t: TestServer
  let worker: Client // sosiaalityontekija: adult social work and child welfare in AIKU/LAPS
  let handler: Client // etuuskasittelija: income support in ETUU
  let workerId: string
  let ownClient: string // a client of the worker's own relationship
  let stranger: string // a person the worker has no basis for
  let laps: string
  const db = () => t.server.database.db
  const today = todayInHelsinki(new Date())
  const maxAuditId = async () => Number((await db().selectFrom('audit_log').select((eb) => eb.fn.max('id').as('m')).executeTakeFirst())?.m ?? 0)

  beforeAll(async () => {
    t = await startTestServer(kind)
    worker = new Client(t.url)
    await worker.login('sosiaalityontekija')
    handler = new Client(t.url)
    await handler.login('etuuskasittelija')
    workerId = (await db().selectFrom('staff_user').select('id').where('username', '=', 'sosiaalityontekija').executeTakeFirstOrThrow()).id
    const rel = await db()
      .selectFrom('client_relationship')
      .select(['person_id', 'service_task'])
      .where('user_id', '=', workerId)
      .where('end_date', 'is', null)
      .orderBy('person_id')
      .executeTakeFirstOrThrow()
    ownClient = rel.person_id
    stranger = (
      await db()
        .selectFrom('person')
        .select('id')
        .where((eb) => eb.not(eb.exists(eb.selectFrom('client_relationship as cr').select('cr.id').whereRef('cr.person_id', '=', 'person.id'))))
        .orderBy('id')
        .limit(1)
        .executeTakeFirstOrThrow()
    ).id
    const grant = await db()
      .selectFrom('staff_grant as g')
      .innerJoin('unit as u', 'u.id', 'g.unit_id')
      .select(['u.id', 'g.service_tasks'])
      .where('g.user_id', '=', workerId)
      .where(sql<boolean>`'child_welfare' = ANY(g.service_tasks)`)
      .executeTakeFirstOrThrow()
    laps = grant.id
    const aiku = (await db().selectFrom('unit').select('id').where('code', '=', 'AIKU').executeTakeFirstOrThrow()).id
    await db()
      .transaction()
      .execute(async (trx) => {
        const base = { legalBasis: 'testilaki 1 §', startEvent: 'test', startedOn: addDays(today, -20), rule: 'test', urgent: false }
        // mine: overdue, due in two days (urgent), and one about a person I may not see
        await openDeadline(trx, { ...base, kind: 'test.overdue', serviceTask: 'adult_social_work', unitId: aiku, personId: ownClient, responsibleUserId: workerId, subjectId: crypto.randomUUID(), dueOn: addDays(today, -3) }, null)
        await openDeadline(trx, { ...base, kind: 'test.soon', serviceTask: 'adult_social_work', unitId: aiku, personId: ownClient, responsibleUserId: workerId, subjectId: crypto.randomUUID(), dueOn: addDays(today, 2), urgent: true }, null)
        await openDeadline(trx, { ...base, kind: 'test.hidden', serviceTask: 'adult_social_work', unitId: aiku, personId: stranger, responsibleUserId: workerId, subjectId: crypto.randomUUID(), dueOn: addDays(today, 1) }, null)
        // the child welfare queue of the worker's unit: nobody responsible yet
        await openDeadline(trx, { ...base, kind: 'test.child_welfare_queue', serviceTask: 'child_welfare', unitId: laps, personId: stranger, responsibleUserId: null, subjectId: crypto.randomUUID(), dueOn: addDays(today, 5) }, null)
      })
  })
  afterAll(() => t?.stop())

  it('lists my own deadlines by due date, overdue and urgent marked, only of clients I may see, audited', async () => {
    const before = await maxAuditId()
    const res = await worker.get('/api/deadlines?scope=mine')
    expect(res.status).toBe(200)
    const list = await res.json()
    const mine: Item[] = list.items.filter((i: Item) => i.kind.startsWith('test.'))
    expect(mine.map((i) => [i.kind, i.standing, i.urgent])).toEqual([
      ['test.overdue', 'overdue', false],
      ['test.soon', 'upcoming', true],
    ])
    expect(mine[0]!.workingDaysLeft).toBeLessThan(0)
    expect(mine[0]!.person).toMatchObject({ id: ownClient, canOpen: true })
    expect(list.overdueCount).toBeGreaterThanOrEqual(1)
    expect(list.today).toBe(today)
    // the chokepoint's audit row names the clients shown, and only them
    const rows = await db().selectFrom('audit_log').select(['event', 'action', 'client_ids']).where('id', '>', before).execute()
    expect(rows).toEqual([{ event: 'deadlines:list', action: 'view', client_ids: [...new Set(list.items.flatMap((i: Item) => (i.person ? [i.person.id] : [])))] }])
    expect(rows[0]!.client_ids).not.toContain(stranger)

    const overdueOnly = await (await worker.get('/api/deadlines?scope=mine&overdue=true')).json()
    expect(overdueOnly.items.every((i: Item) => i.standing === 'overdue')).toBe(true)
    expect(overdueOnly.items.map((i: Item) => i.kind)).toContain('test.overdue')
  })

  it('gives the unit queue of the service tasks my grant in the unit covers', async () => {
    const queue = await (await worker.get('/api/deadlines?scope=unit')).json()
    expect(queue.items.map((i: Item) => i.kind)).toContain('test.child_welfare_queue')
    // the queue names a client the worker has no basis for yet, without opening the card
    expect(queue.items.find((i: Item) => i.kind === 'test.child_welfare_queue')?.person).toMatchObject({ id: stranger, canOpen: false })
    expect(queue.items.every((i: Item) => i.kind !== 'income_support.decision')).toBe(true)
    expect(queue.units.map((u: { id: string }) => u.id)).toContain(laps)
    // the benefit handler's queue is income support's own (the demo's Kela applications), not child welfare's
    const is = await (await handler.get('/api/deadlines?scope=unit')).json()
    expect(is.items.length).toBeGreaterThan(0)
    expect(is.items.every((i: Item) => i.serviceTask === 'income_support')).toBe(true)
    expect(is.items.map((i: Item) => i.dueOn)).toEqual([...is.items.map((i: Item) => i.dueOn)].sort())
    // a unit filter narrows it; a unit that is not mine gives nothing
    const other = await (await handler.get(`/api/deadlines?scope=unit&unitId=${laps}`)).json()
    expect(other.items).toEqual([])
  })

  it('shows a reminder made by the daily round, and refuses roles without case work', async () => {
    const soon = await db().selectFrom('deadline').select(['id', 'due_on']).where('kind', '=', 'test.soon').executeTakeFirstOrThrow()
    await db().insertInto('deadline_reminder').values({ deadline_id: soon.id, kind: 'upcoming', due_on: soon.due_on, user_id: workerId }).execute()
    const mine = await (await worker.get('/api/deadlines?scope=mine')).json()
    expect(mine.items.find((i: Item) => i.kind === 'test.soon')?.reminded).toBe(true)
    expect(mine.items.find((i: Item) => i.kind === 'test.overdue')?.reminded).toBe(false)
    const finance = new Client(t.url)
    await finance.login('talous')
    expect((await finance.get('/api/deadlines')).status).toBe(403)
  })
})

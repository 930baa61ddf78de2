import { dueDate, localDate } from '@huoma/domain'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { TestClock } from '../src/kernel/clock'
import { deadlineOf, deadlineRound, meetDeadline, moveDeadline, openDeadline, pauseDeadline, standing } from '../src/kernel/deadlines'
import { databaseKinds } from './helpers/databases'
import { Client, startTestServer, type TestServer } from './helpers/server'

/**
 * The kernel's statutory deadlines as a state machine over the Finnish calendar, driven by a test clock: a matter
 * received the Friday before Christmas is due on the 7th working day (2.1.2026, the holidays skipped); reminders come
 * two working days before and once it has passed; a request for completion moves it; the daily round marks it
 * missed; meeting it late keeps the day it was missed. Every event keeps the due date before and after.
 */
const kinds = await databaseKinds()

describe.each(kinds)('case kernel deadlines on %s', (kind) => {
  let t: TestServer
  const clock = new TestClock('2025-12-19T08:00:00Z')
  const db = () => t.server.database.db
  let personId: string
  let unitId: string
  let worker: string
  const KIND = 'test_only.statement'

  beforeAll(async () => {
    t = await startTestServer(kind, {}, { clock })
    personId = (await db().selectFrom('person').select('id').orderBy('hetu').limit(1).executeTakeFirstOrThrow()).id
    unitId = (await db().selectFrom('unit').select('id').where('code', '=', 'AIKU').executeTakeFirstOrThrow()).id
    worker = (await db().selectFrom('staff_user').select('id').where('username', '=', 'sosiaalityontekija').executeTakeFirstOrThrow()).id
  })
  afterAll(() => t?.stop())

  const today = () => clock.today()
  const round = () => deadlineRound(db(), today(), { daysBefore: 2, mode: 'strict' })
  const reminders = async (deadlineId: string) =>
    (await db().selectFrom('deadline_reminder').select(['kind', 'due_on', 'user_id']).where('deadline_id', '=', deadlineId).orderBy('id').execute()).map((r) => [r.kind, r.due_on, r.user_id])

  it('runs from start to a late meeting across Christmas, the new year and a completion', async () => {
    const subjectId = crypto.randomUUID()
    const received = today()
    expect(received).toBe('2025-12-19')
    const due = dueDate({ kind: 'working_days', days: 7 }, received)
    expect(due).toBe('2026-01-02') // 24–26.12 and 1.1 are not working days; the eve counts in the strict mode
    const id = await db()
      .transaction()
      .execute((trx) =>
        openDeadline(
          trx,
          {
            kind: KIND,
            serviceTask: 'adult_social_work',
            unitId,
            personId,
            responsibleUserId: worker,
            subjectId,
            legalBasis: 'testilaki 1 §',
            startEvent: 'received',
            startedOn: received,
            dueOn: due,
            rule: 'seventh_working_day',
            urgent: false,
          },
          worker,
        ),
      )
    expect(standing(await deadlineOf(db(), KIND, subjectId), today(), 'strict')).toEqual({ standing: 'upcoming', workingDaysLeft: 7 })

    // Monday 29.12: three working days left (29, 30, 31.12 … 2.1): no reminder yet
    clock.set('2025-12-29')
    expect(await round()).toMatchObject({ missed: 0 })
    expect(await reminders(id)).toEqual([])
    // Wednesday 31.12: the 2nd of January is one working day away: reminded, once
    clock.set('2025-12-31')
    await round()
    await round()
    expect(await reminders(id)).toEqual([['upcoming', '2026-01-02', worker]])

    // a request for completion on 31.12, to be answered by Friday 9.1: due the 7th working day after, Tue 20.1
    const moved = dueDate({ kind: 'working_days', days: 7 }, localDate('2026-01-09'))
    expect(moved).toBe('2026-01-20')
    await db().transaction().execute((trx) => moveDeadline(trx, KIND, subjectId, { dueOn: moved, rule: 'after_completion', on: today(), reason: 'completion_requested', byUser: worker }))
    // paused while waiting, then resumed with the same date when the answer came late
    await db().transaction().execute((trx) => pauseDeadline(trx, KIND, subjectId, { on: today(), reason: 'waiting for the client', byUser: worker }))
    clock.set('2026-01-19')
    expect(standing(await deadlineOf(db(), KIND, subjectId), today(), 'strict').standing).toBe('paused')
    expect(await round()).toMatchObject({ missed: 0 }) // a paused deadline is not missed nor reminded
    expect(await reminders(id)).toEqual([['upcoming', '2026-01-02', worker]])
    await db().transaction().execute((trx) => moveDeadline(trx, KIND, subjectId, { dueOn: moved, rule: 'after_completion', on: today(), reason: 'completion_answered', byUser: worker }))
    await round()
    expect(await reminders(id)).toEqual([
      ['upcoming', '2026-01-02', worker],
      ['upcoming', '2026-01-20', worker],
    ])

    // Wednesday 21.1: the round marks it missed on the day after the due date, and reminds of it
    clock.set('2026-01-21')
    expect(await round()).toMatchObject({ missed: 1 })
    expect(await round()).toMatchObject({ missed: 0 }) // once
    const missed = await deadlineOf(db(), KIND, subjectId)
    expect(missed).toMatchObject({ state: 'open', missedOn: '2026-01-21' })
    expect(standing(missed, today(), 'strict')).toEqual({ standing: 'overdue', workingDaysLeft: -1 })
    expect((await reminders(id)).at(-1)).toEqual(['overdue', '2026-01-20', worker])

    // met late on Thursday 22.1: the day it was missed stays
    clock.set('2026-01-22')
    await db().transaction().execute((trx) => meetDeadline(trx, KIND, subjectId, { on: today(), byUser: worker }))
    const met = await deadlineOf(db(), KIND, subjectId)
    expect(met).toMatchObject({ state: 'met', metOn: '2026-01-22', missedOn: '2026-01-21', dueOn: '2026-01-20' })
    expect(standing(met, today(), 'strict').standing).toBe('met_late')
    // a met deadline is left alone by later events
    await db().transaction().execute((trx) => moveDeadline(trx, KIND, subjectId, { dueOn: '2026-02-27', rule: 'x', on: today(), reason: 'late', byUser: worker }))
    expect((await deadlineOf(db(), KIND, subjectId)).dueOn).toBe('2026-01-20')

    const events = await db().selectFrom('deadline_event').select(['event', 'on_date', 'due_before', 'due_after', 'reason']).where('deadline_id', '=', id).orderBy('id').execute()
    expect(events.map((e) => [e.event, e.on_date, e.due_before, e.due_after])).toEqual([
      ['started', '2025-12-19', null, '2026-01-02'],
      ['moved', '2025-12-31', '2026-01-02', '2026-01-20'],
      ['paused', '2025-12-31', '2026-01-20', null],
      ['resumed', '2026-01-19', '2026-01-20', '2026-01-20'],
      ['missed', '2026-01-21', '2026-01-20', null],
      ['met', '2026-01-22', '2026-01-20', null],
    ])
  })

  it('makes an income support application\'s TTTL 14 a § deadline one row of the kernel, and the daily job reminds', async () => {
    clock.set('2026-04-01') // Wednesday before Easter: due Tuesday 14.4
    const secretary = new Client(t.url)
    await secretary.login('toimistosihteeri')
    const applicant = (await db()
      .selectFrom('person')
      .select(['id'])
      .where('hetu', 'is not', null)
      .where('death_date', 'is', null)
      .where('birth_date', '<', '2000-01-01')
      .where('turvakielto', '=', false)
      .orderBy('hetu', 'desc')
      .limit(1)
      .executeTakeFirstOrThrow()).id
    const etuu = (await db().selectFrom('unit').select('id').where('code', '=', 'ETUU').executeTakeFirstOrThrow()).id
    const res = await secretary.post(`/api/persons/${applicant}/income-support/applications`, {
      unitId: etuu,
      channel: 'paper',
      receivedOn: '2026-04-01',
      urgent: false,
      periodStart: '2026-04-01',
      periodEnd: '2026-04-30',
      members: [{ personId: applicant, role: 'applicant' }],
      claims: { expenses: [], incomes: [], assets: [], supplementary: [], preventive: [] },
    })
    expect(res.status, await res.clone().text()).toBe(201)
    const app = await res.json()
    expect(app).toMatchObject({ dueOn: '2026-04-14', deadlineRule: 'seventh_working_day' })
    const d = await deadlineOf(db(), 'income_support.decision', app.id)
    expect(d).toMatchObject({ state: 'open', dueOn: '2026-04-14', unitId: etuu, personId: applicant, responsibleUserId: null, legalBasis: 'TTTL 14 a §', urgent: false })

    // the main user runs the daily round by hand on Friday 10.4 (two working days before: 13.4 and 14.4)
    clock.set('2026-04-10')
    const admin = new Client(t.url)
    await admin.login('paakayttaja')
    const run = await admin.post('/api/admin/jobs/deadline-reminders/run', {})
    expect(run.status).toBe(202)
    await expect.poll(async () => (await reminders(d.id)).length, { timeout: 15_000 }).toBe(1)
    // the unit's queue holds it (nobody has taken the application yet)
    expect(await reminders(d.id)).toEqual([['upcoming', '2026-04-14', null]])
  })
})


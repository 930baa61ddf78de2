// the kernel's tables in the database type (declaration merging)
import type {} from './schema'
import { deadlineStanding, missedOn, reminderDue, workingDaysLeft, type DeadlineStanding, type LocalDate, type WorkingDayMode } from '@huoma/domain'
import { sql, type Expression, type ExpressionBuilder, type Kysely, type Selectable, type SqlBool } from 'kysely'
import type { Executor } from '../access/audit'
import type { DB } from '../db/schema'
import type { DeadlineEventKind, DeadlineStateColumn, DeadlineTable } from './schema'
import { dailyAt, type JobDefinition } from './jobs'

/**
 * Statutory deadlines as data: what (kind), whose (client, unit, responsible worker), on what legal basis, from
 * which event and day, due when; paused and moved by events (each kept in deadline_event with the due date before
 * and after), met or missed with the date. Modules open a deadline when a matter starts and tell the kernel what
 * happens to it; the kernel keeps the state and the history, builds the queues and sends the reminders.
 *
 * A kind is `<service>.<deadline>`, e.g. `income_support.decision` (TTTL 14 a §), later
 * `child_welfare.assessment_start` (LSL 26 §). One deadline per kind and matter.
 */
export interface NewDeadline {
  kind: string
  serviceTask: string
  unitId: string
  personId: string | null
  responsibleUserId: string | null
  subjectId: string
  legalBasis: string
  startEvent: string
  startedOn: LocalDate | string
  dueOn: LocalDate | string
  /** the rule that set the due date (the kind's own name) */
  rule: string
  urgent: boolean
}

export interface DeadlineRow {
  id: string
  kind: string
  serviceTask: string
  unitId: string
  personId: string | null
  responsibleUserId: string | null
  subjectId: string
  legalBasis: string
  startEvent: string
  startedOn: string
  dueOn: string
  rule: string
  urgent: boolean
  state: DeadlineStateColumn
  metOn: string | null
  missedOn: string | null
}

async function event(trx: Executor, deadlineId: string, e: { event: DeadlineEventKind; on: string; before?: string | null; after?: string | null; reason?: string | null; by?: string | null }) {
  await trx
    .insertInto('deadline_event')
    .values({ deadline_id: deadlineId, event: e.event, on_date: e.on, due_before: e.before ?? null, due_after: e.after ?? null, reason: e.reason ?? null, by_user: e.by ?? null })
    .execute()
}

/** Opens the deadline of a matter (its `started` event). */
export async function openDeadline(trx: Executor, d: NewDeadline, byUser: string | null): Promise<string> {
  const row = await trx
    .insertInto('deadline')
    .values({
      kind: d.kind,
      service_task: d.serviceTask,
      unit_id: d.unitId,
      person_id: d.personId,
      responsible_user_id: d.responsibleUserId,
      subject_id: d.subjectId,
      legal_basis: d.legalBasis,
      start_event: d.startEvent,
      started_on: d.startedOn,
      due_on: d.dueOn,
      rule: d.rule,
      urgent: d.urgent,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  await event(trx, row.id, { event: 'started', on: String(d.startedOn), after: String(d.dueOn), by: byUser })
  return row.id
}

function toRow(r: Selectable<DeadlineTable>): DeadlineRow {
  return {
    id: r.id,
    kind: r.kind,
    serviceTask: r.service_task,
    unitId: r.unit_id,
    personId: r.person_id,
    responsibleUserId: r.responsible_user_id,
    subjectId: r.subject_id,
    legalBasis: r.legal_basis,
    startEvent: r.start_event,
    startedOn: r.started_on,
    dueOn: r.due_on,
    rule: r.rule,
    urgent: r.urgent,
    state: r.state,
    metOn: r.met_on,
    missedOn: r.missed_on,
  }
}

function selectDeadline(trx: Executor, kind: string, subjectId: string) {
  return trx.selectFrom('deadline').selectAll().where('kind', '=', kind).where('subject_id', '=', subjectId).forUpdate().executeTakeFirstOrThrow()
}

/** The deadline of a matter, locked for the transaction (events on one deadline never interleave). */
export async function deadlineOf(trx: Executor, kind: string, subjectId: string): Promise<DeadlineRow> {
  return toRow(await selectDeadline(trx, kind, subjectId))
}

async function update(trx: Executor, id: string, set: Partial<{ due_on: string; rule: string; state: DeadlineStateColumn; met_on: string | null; missed_on: string | null; responsible_user_id: string | null; urgent: boolean }>) {
  await trx
    .updateTable('deadline')
    .set({ ...set, version: sql<number>`version + 1`, updated_at: sql<Date>`now()` })
    .where('id', '=', id)
    .execute()
}

/**
 * Moves the due date (a request for completion, a new statutory period after the client answered): the deadline
 * stays open or is resumed when it was paused; the event keeps the due date before and after and the reason.
 */
export async function moveDeadline(trx: Executor, kind: string, subjectId: string, m: { dueOn: string; rule: string; on: string; reason: string; byUser: string | null; urgent?: boolean }) {
  const d = await deadlineOf(trx, kind, subjectId)
  if (d.state === 'met' || d.state === 'cancelled') return d
  if (d.state === 'open' && d.dueOn === m.dueOn && d.rule === m.rule && (m.urgent === undefined || m.urgent === d.urgent)) return d
  await update(trx, d.id, { due_on: m.dueOn, rule: m.rule, state: 'open', missed_on: null, ...(m.urgent !== undefined ? { urgent: m.urgent } : {}) })
  await event(trx, d.id, { event: d.state === 'paused' ? 'resumed' : 'moved', on: m.on, before: d.dueOn, after: m.dueOn, reason: m.reason, by: m.byUser })
  return { ...d, dueOn: m.dueOn, rule: m.rule, state: 'open' as const }
}

/** Pauses the deadline (waiting for the client): it is not overdue while paused; `moveDeadline` resumes it. */
export async function pauseDeadline(trx: Executor, kind: string, subjectId: string, p: { on: string; reason: string; byUser: string | null }) {
  const d = await deadlineOf(trx, kind, subjectId)
  if (d.state !== 'open') return d
  await update(trx, d.id, { state: 'paused' })
  await event(trx, d.id, { event: 'paused', on: p.on, before: d.dueOn, reason: p.reason, by: p.byUser })
  return { ...d, state: 'paused' as const }
}

/** The deadline is met on a day (the decision was made): late when after the due date, with the day it was missed. */
export async function meetDeadline(trx: Executor, kind: string, subjectId: string, m: { on: string; byUser: string | null }) {
  const d = await deadlineOf(trx, kind, subjectId)
  if (d.state === 'met' || d.state === 'cancelled') return d
  const missed = m.on > d.dueOn ? (d.missedOn ?? missedOn(d.dueOn as LocalDate)) : null
  await update(trx, d.id, { state: 'met', met_on: m.on, missed_on: missed })
  await event(trx, d.id, { event: 'met', on: m.on, before: d.dueOn, by: m.byUser })
  return { ...d, state: 'met' as const, metOn: m.on, missedOn: missed }
}

/** The matter ended without the act the deadline asked for (withdrawn, merged into another matter). */
export async function cancelDeadline(trx: Executor, kind: string, subjectId: string, c: { on: string; reason: string; byUser: string | null }) {
  const d = await deadlineOf(trx, kind, subjectId)
  if (d.state === 'met' || d.state === 'cancelled') return d
  await update(trx, d.id, { state: 'cancelled' })
  await event(trx, d.id, { event: 'cancelled', on: c.on, before: d.dueOn, reason: c.reason, by: c.byUser })
  return { ...d, state: 'cancelled' as const }
}

/** A worker takes the matter (or a supervisor assigns it): the deadline becomes theirs. */
export async function assignDeadline(trx: Executor, kind: string, subjectId: string, a: { userId: string; on: string; byUser: string | null }) {
  const d = await deadlineOf(trx, kind, subjectId)
  if (d.responsibleUserId === a.userId) return d
  await update(trx, d.id, { responsible_user_id: a.userId })
  await event(trx, d.id, { event: 'assigned', on: a.on, by: a.byUser, reason: a.userId })
  return { ...d, responsibleUserId: a.userId }
}

/** Where a deadline stands today, and the working days left (negative when overdue). */
export function standing(d: Pick<DeadlineRow, 'state' | 'dueOn' | 'metOn'>, today: LocalDate, mode: WorkingDayMode): { standing: DeadlineStanding; workingDaysLeft: number } {
  return {
    standing: deadlineStanding({ state: d.state, dueOn: d.dueOn as LocalDate, metOn: d.metOn as LocalDate | null }, today),
    workingDaysLeft: workingDaysLeft(today, d.dueOn as LocalDate, mode),
  }
}

/**
 * The daily round (a scheduled job): every open deadline past its due date gets its `missed` event and day once,
 * and every open deadline within `daysBefore` working days of its due date, or past it, a reminder for its
 * responsible worker (or for the unit's queue when it has none) — once per kind and due date, so a moved deadline
 * reminds again. Returns what it did.
 */
export async function deadlineRound(db: Kysely<DB>, today: LocalDate, opts: { daysBefore: number; mode: WorkingDayMode }): Promise<{ missed: number; reminders: number }> {
  return db.transaction().execute(async (trx) => {
    const overdue = await trx
      .selectFrom('deadline')
      .select(['id', 'due_on'])
      .where('state', '=', 'open')
      .where('missed_on', 'is', null)
      .where('due_on', '<', today)
      .forUpdate()
      .execute()
    for (const d of overdue) {
      await trx.updateTable('deadline').set({ missed_on: missedOn(d.due_on as LocalDate) }).where('id', '=', d.id).execute()
      await event(trx, d.id, { event: 'missed', on: missedOn(d.due_on as LocalDate), before: d.due_on })
    }
    // Candidates: open deadlines due within the window (calendar days bound the working days from above).
    const horizon = new Date(`${today}T12:00:00Z`)
    horizon.setUTCDate(horizon.getUTCDate() + opts.daysBefore * 2 + 14)
    const open = await trx
      .selectFrom('deadline')
      .select(['id', 'due_on', 'state', 'responsible_user_id'])
      .where('state', '=', 'open')
      .where('due_on', '<=', horizon.toISOString().slice(0, 10))
      .execute()
    const rows = open.flatMap((d) => {
      const kind = reminderDue({ state: d.state, dueOn: d.due_on as LocalDate }, today, opts.daysBefore, opts.mode)
      return kind ? [{ deadline_id: d.id, kind, due_on: d.due_on, user_id: d.responsible_user_id }] : []
    })
    let reminders = 0
    if (rows.length) {
      const inserted = await trx.insertInto('deadline_reminder').values(rows).onConflict((oc) => oc.columns(['deadline_id', 'kind', 'due_on']).doNothing()).returning('id').execute()
      reminders = inserted.length
    }
    return { missed: overdue.length, reminders }
  })
}

/**
 * The daily deadline round as a scheduled job (every morning, before office hours): missed deadlines get their
 * day, reminders are made `daysBefore` working days before the due date and when it has passed.
 */
export function deadlineRoundJob(opts: { at: string; daysBefore: number; mode: WorkingDayMode }): JobDefinition {
  return {
    name: 'deadline-reminders',
    title: { fi: 'Määräaikamuistutukset', sv: 'Påminnelser om tidsfrister', en: 'Deadline reminders' },
    description: {
      fi: `Merkitsee ylittyneet lakisääteiset määräajat ja muistuttaa vastuutyöntekijää ${opts.daysBefore} arkipäivää ennen määräaikaa ja sen ylityttyä.`,
      sv: `Markerar överskridna lagstadgade tidsfrister och påminner den ansvariga arbetstagaren ${opts.daysBefore} vardagar före tidsfristen och när den har överskridits.`,
      en: `Marks missed statutory deadlines and reminds the responsible worker ${opts.daysBefore} working days before a deadline and once it has passed.`,
    },
    schedule: dailyAt(opts.at),
    maxAttempts: 3,
    backoff: { firstMs: 5 * 60_000, factor: 2, maxMs: 60 * 60_000 },
    run: async ({ db, clock }) => {
      const r = await deadlineRound(db, clock.today(), { daysBefore: opts.daysBefore, mode: opts.mode })
      return { worked: r.missed + r.reminders > 0, summary: `${r.missed} missed, ${r.reminders} reminders` }
    },
  }
}

// ---- The worklist of every service -------------------------------------------------------------------------------

export interface DeadlineQueueOptions {
  /** mine: the user is the responsible worker (and may see the client); unit: nobody is, in the user's units */
  scope: 'mine' | 'unit'
  userId: string
  /** the user's grants: the units and, in each, the service tasks whose queues the user works */
  units: readonly { unitId: string; serviceTasks: readonly string[] }[]
  overdueOnly: boolean
  limit: number
  today: LocalDate
  mode: WorkingDayMode
  lang: 'fi' | 'sv' | 'en'
}

export interface DeadlineQueueItem extends Omit<DeadlineRow, 'personId' | 'metOn' | 'missedOn' | 'subjectId' | 'startEvent' | 'rule' | 'responsibleUserId'> {
  unitName: string
  /** canOpen: the chokepoint lets the user open the client's card (a queue may name clients the user has no basis for yet) */
  person: { id: string; name: string; canOpen: boolean } | null
  responsibleName: string | null
  state: 'open' | 'paused'
  standing: 'upcoming' | 'due_today' | 'overdue' | 'paused'
  workingDaysLeft: number
  reminded: boolean
}

type PersonVisibility = (eb: ExpressionBuilder<DB, 'person'>) => Expression<SqlBool>

/**
 * The open deadlines of every kind as one queue, due date first (urgent first on a day): the user's own — where they
 * are the responsible worker and the client chokepoint lets them see the client — or their units' queue (nobody
 * responsible yet; only the service tasks the user's grant in that unit covers). Runs inside the chokepoint's list
 * transaction (`isVisible`), which writes the audit row naming the clients returned.
 */
export async function deadlineQueue(trx: Executor, isVisible: PersonVisibility, o: DeadlineQueueOptions): Promise<{ items: DeadlineQueueItem[]; total: number; overdueCount: number }> {
  type DeadlineEB = ExpressionBuilder<DB & { dl: DB['deadline'] }, 'dl'>
  const where = (eb: DeadlineEB): Expression<SqlBool> => {
    const base = eb('dl.state', 'in', ['open', 'paused'])
    let scoped: Expression<SqlBool>
    if (o.scope === 'mine') {
      scoped = eb.and([
        eb('dl.responsible_user_id', '=', o.userId),
        eb.or([
          eb('dl.person_id', 'is', null),
          eb.exists(eb.selectFrom('person').select(sql.lit(1).as('one')).whereRef('person.id', '=', 'dl.person_id').where((p) => isVisible(p as unknown as ExpressionBuilder<DB, 'person'>))),
        ]),
      ])
    } else {
      const own = o.units.filter((u) => u.serviceTasks.length)
      scoped = own.length
        ? eb.and([eb('dl.responsible_user_id', 'is', null), eb.or(own.map((u) => eb.and([eb('dl.unit_id', '=', u.unitId), eb('dl.service_task', 'in', [...u.serviceTasks])])))])
        : sql<SqlBool>`false`
    }
    const parts = [base, scoped]
    if (o.overdueOnly) parts.push(eb.and([eb('dl.state', '=', 'open'), eb('dl.due_on', '<', o.today)]))
    return eb.and(parts)
  }
  const rows = await trx
    .selectFrom('deadline as dl')
    .innerJoin('unit as u', 'u.id', 'dl.unit_id')
    .leftJoin('person as p', 'p.id', 'dl.person_id')
    .leftJoin('staff_user as w', 'w.id', 'dl.responsible_user_id')
    .select([
      'dl.id',
      'dl.kind',
      'dl.service_task',
      'dl.unit_id',
      'u.name_fi',
      'u.name_sv',
      'dl.legal_basis',
      'dl.person_id',
      'p.first_names',
      'p.last_name',
      'w.display_name as responsible_name',
      'dl.started_on',
      'dl.due_on',
      'dl.urgent',
      'dl.state',
      // mine are visible by their selection; the unit's queue may name clients the user has no basis for yet
      (eb) =>
        o.scope === 'mine'
          ? sql<boolean>`dl.person_id IS NOT NULL`.as('can_open')
          : eb.exists(eb.selectFrom('person').select(sql.lit(1).as('one')).whereRef('person.id', '=', 'dl.person_id').where((p) => isVisible(p as unknown as ExpressionBuilder<DB, 'person'>))).as('can_open'),
      (eb) =>
        eb
          .exists(eb.selectFrom('deadline_reminder as r').select(sql.lit(1).as('one')).whereRef('r.deadline_id', '=', 'dl.id').whereRef('r.due_on', '=', 'dl.due_on'))
          .as('reminded'),
    ])
    .where(where)
    .orderBy('dl.due_on')
    .orderBy('dl.urgent', 'desc')
    .orderBy('dl.started_on')
    .orderBy('dl.id')
    .limit(o.limit)
    .execute()
  const counts = await trx
    .selectFrom('deadline as dl')
    .select([sql<number>`count(*)::int`.as('total'), sql<number>`(count(*) FILTER (WHERE dl.state = 'open' AND dl.due_on < ${o.today}))::int`.as('overdue')])
    .where(where)
    .executeTakeFirstOrThrow()
  const items = rows.map((r): DeadlineQueueItem => {
    const state = r.state as 'open' | 'paused'
    const s = standing({ state, dueOn: r.due_on, metOn: null }, o.today, o.mode)
    return {
      id: r.id,
      kind: r.kind,
      serviceTask: r.service_task,
      unitId: r.unit_id,
      unitName: o.lang === 'sv' ? r.name_sv : r.name_fi,
      legalBasis: r.legal_basis,
      person: r.person_id ? { id: r.person_id, name: `${r.last_name ?? ''} ${r.first_names ?? ''}`.trim(), canOpen: Boolean(r.can_open) } : null,
      responsibleName: r.responsible_name,
      startedOn: r.started_on,
      dueOn: r.due_on,
      urgent: r.urgent,
      state,
      standing: s.standing as DeadlineQueueItem['standing'],
      workingDaysLeft: s.workingDaysLeft,
      reminded: Boolean(r.reminded),
    }
  })
  return { items, total: counts.total, overdueCount: counts.overdue }
}

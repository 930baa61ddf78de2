// the kernel's and this module's tables in the database type (declaration merging)
import type {} from '../../kernel/schema'
import type {} from './schema'
import { randomInt } from 'node:crypto'
import type {
  AddChildInput,
  ChildSearchInput,
  ChildSearchResult,
  ChildMatter,
  CloseNotificationInput,
  DeadlineInfo,
  InformedInput,
  Notification,
  RegisterNotificationInput,
  NotificationQueue,
  NotificationQueueQuery,
  PublicNotificationInput,
  StartDecisionInput,
  UrgencyInput,
} from '@huoma/contract'
import { type CW_DEADLINE_KINDS, type NOTIFICATION_KINDS as CW_KINDS, type NOTIFICATION_REPORTER_TYPES as CW_REPORTERS } from '@huoma/contract'
import {
  childWelfareDue,
  CHILD_WELFARE_DEADLINES,
  addMonths,
  ageOn,
  compareLocalDates,
  foldForSearch,
  localDate,
  type NOTIFICATION_KINDS,
  type NOTIFICATION_REPORTER_TYPES,
  parseLocalDate,
  reporterIsOfficial,
  startsAssessmentDeadlines,
  todayInHelsinki,
  type ChildWelfareDeadlineKey,
  type LocalDate,
  type NotificationKind,
  type NotificationReporterType,
  type WorkingDayMode,
} from '@huoma/domain'
import { sql, type Expression, type ExpressionBuilder, type SqlBool, type Transaction } from 'kysely'
import type { DB } from '../../db/schema'
import { cancelDeadline, meetDeadline, openDeadline, standing } from '../../kernel/deadlines'
import { closeIntake, openIntake, addIntakePerson } from '../../kernel/intake'
import { openCaseRelationship } from '../../kernel/relationships'
import { hasLiveGrant } from '../../kernel/units'
import type { Lang } from '../../http/language'
import { type HttpProblem, problems, type FieldIssue } from '../../http/problem'

type Trx = Transaction<DB>

/** The contract's code lists are the domain's (a list changed on one side only fails to compile here). */
type Same<A extends readonly string[], B extends readonly string[]> = A[number] extends B[number] ? (B[number] extends A[number] ? true : false) : false
const sameLists: [Same<typeof CW_KINDS, typeof NOTIFICATION_KINDS>, Same<typeof CW_REPORTERS, typeof NOTIFICATION_REPORTER_TYPES>] = [true, true]
void sameLists

export const SERVICE_TASK = 'child_welfare'

/** The intake kind of each notification kind (the kernel's `intake.kind`). */
const INTAKE_KIND: Record<NotificationKind, string> = {
  notification: 'child_welfare_notification',
  anticipatory: 'child_welfare_anticipatory',
  assessment_request: 'service_need_request',
  other: 'child_welfare_other',
}

const deadlineKind = (key: ChildWelfareDeadlineKey): CwDeadlineKindCode => `child_welfare.${key}`
/** The contract's deadline kinds are the domain's keys, prefixed (checked both ways at compile time). */
type CwDeadlineKindCode = `child_welfare.${ChildWelfareDeadlineKey}`
const sameKinds: [CwDeadlineKindCode extends (typeof CW_DEADLINE_KINDS)[number] ? true : false, (typeof CW_DEADLINE_KINDS)[number] extends CwDeadlineKindCode ? true : false] = [true, true]
void sameKinds

// ---- Receipt numbers ---------------------------------------------------------------------------------------------

/** Letters and digits that cannot be mistaken for each other when read over the phone (no 0/O, 1/I/L). */
const RECEIPT_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ'

function receiptNumber(): string {
  const part = () => Array.from({ length: 4 }, () => RECEIPT_ALPHABET[randomInt(RECEIPT_ALPHABET.length)]).join('')
  return `LS-${part()}-${part()}`
}

// ---- Receiving ---------------------------------------------------------------------------------------------------

/** The unit whose queue receives the e-form's notifications: HUOMA_CHILD_WELFARE_UNIT, else the unit with most child welfare social workers. */
export async function intakeUnit(trx: Trx, unitCode: string | undefined): Promise<{ id: string; name_fi: string; name_sv: string } | undefined> {
  if (unitCode) return trx.selectFrom('unit').select(['id', 'name_fi', 'name_sv']).where('code', '=', unitCode).where('active', '=', true).executeTakeFirst()
  return trx
    .selectFrom('unit as u')
    .innerJoin('staff_grant as g', 'g.unit_id', 'u.id')
    .select(['u.id', 'u.name_fi', 'u.name_sv'])
    .where('u.active', '=', true)
    .where('g.ended_at', 'is', null)
    .where('g.role_code', '=', 'social_worker')
    .where((eb) => eb(eb.val(SERVICE_TASK), '=', eb.fn.any('g.service_tasks')))
    .groupBy(['u.id', 'u.name_fi', 'u.name_sv', 'u.code'])
    .orderBy(sql`count(*)`, 'desc')
    .orderBy('u.code')
    .executeTakeFirst()
}

interface Received {
  kind: NotificationKind
  channel: Notification['channel']
  reporterType: NotificationReporterType
  reporterDuty: boolean
  reporterName: string | null
  reporterOrganisation: string | null
  reporterPhone: string | null
  reporterEmail: string | null
  withholdIdentity: boolean
  receivedAt: Date
  unitId: string
  content: string
  children: PublicNotificationInput['children']
  family: string | null
  registeredBy: string | null
}

const addYears = (d: LocalDate, years: number) => addMonths(d, 12 * years)

const clean = (s: string | null | undefined) => {
  const t = s?.trim()
  return t ? t : null
}

/** The reporter's fields checked: an official identifies themselves; a private person may stay anonymous. */
function reporterIssues(r: Pick<Received, 'reporterType' | 'reporterDuty' | 'reporterName' | 'reporterOrganisation' | 'reporterPhone' | 'reporterEmail'>): FieldIssue[] {
  const issues: FieldIssue[] = []
  if (r.reporterDuty || reporterIsOfficial(r.reporterType)) {
    if (!r.reporterName) issues.push({ field: 'reporterName', code: 'cw.reporter.identify' })
    if (!r.reporterOrganisation) issues.push({ field: 'reporterOrganisation', code: 'cw.reporter.identify' })
    if (!r.reporterPhone) issues.push({ field: 'reporterPhone', code: 'cw.reporter.identify' })
  }
  return issues
}

/**
 * Receives a notification into the unit's queue: the kernel's intake (no persons yet: the children are identified by
 * the intake worker), the register's row with a receipt number, and the deadline to assess its urgency at once.
 */
async function receive(trx: Trx, r: Received, mode: WorkingDayMode): Promise<{ id: string; receipt: string }> {
  const receivedOn = todayInHelsinki(r.receivedAt)
  const intake = await openIntake(trx, { kind: INTAKE_KIND[r.kind], serviceTask: SERVICE_TASK, unitId: r.unitId, receivedAt: r.receivedAt, persons: [], createdBy: r.registeredBy })
  let row: { id: string; receipt: string } | undefined
  for (let attempt = 0; !row; attempt++) {
    const receipt = receiptNumber()
    row = await trx
      .insertInto('cw_notification')
      .values({
        intake_id: intake.id,
        receipt,
        kind: r.kind,
        channel: r.channel,
        reporter_type: r.reporterType,
        reporter_duty: r.reporterDuty,
        reporter_name: r.reporterName,
        reporter_organisation: r.reporterOrganisation,
        reporter_phone: r.reporterPhone,
        reporter_email: r.reporterEmail,
        withhold_identity: r.withholdIdentity,
        received_at: r.receivedAt,
        received_on: receivedOn,
        content: r.content,
        reported_children: JSON.stringify(r.children.map((c) => ({ name: c.name.trim(), birthDate: c.birthDate ?? null, details: clean(c.details) }))),
        family: r.family,
        registered_by: r.registeredBy,
      })
      .onConflict((oc) => oc.column('receipt').doNothing())
      .returning(['id', 'receipt'])
      .executeTakeFirst()
    if (!row && attempt > 5) throw new Error('No free receipt number after 6 attempts')
  }
  const d = CHILD_WELFARE_DEADLINES.urgency
  await openDeadline(
    trx,
    {
      kind: deadlineKind('urgency'),
      serviceTask: SERVICE_TASK,
      unitId: r.unitId,
      personId: null,
      responsibleUserId: null,
      subjectId: row.id,
      legalBasis: d.legalBasis,
      startEvent: 'notification_received',
      startedOn: receivedOn,
      dueOn: childWelfareDue('urgency', receivedOn, mode),
      rule: 'immediately',
      urgent: true,
    },
    r.registeredBy,
  )
  return row
}

/** The public e-form: anyone, no sign-in; into the intake unit's queue. */
export async function receivePublic(trx: Trx, input: PublicNotificationInput, o: { unitId: string; now: Date; mode: WorkingDayMode }): Promise<{ id: string; receipt: string }> {
  const r: Received = {
    kind: input.kind,
    channel: 'eform',
    reporterType: input.reporterType,
    reporterDuty: reporterIsOfficial(input.reporterType),
    reporterName: clean(input.reporterName),
    reporterOrganisation: clean(input.reporterOrganisation),
    reporterPhone: clean(input.reporterPhone),
    reporterEmail: clean(input.reporterEmail),
    withholdIdentity: input.withholdIdentity ?? false,
    receivedAt: o.now,
    unitId: o.unitId,
    content: input.content.trim(),
    children: input.children,
    family: clean(input.family),
    registeredBy: null,
  }
  const issues = reporterIssues(r)
  if (input.reporterType === 'anonymous' && (r.reporterName || r.reporterPhone || r.reporterEmail)) r.reporterType = 'private_person'
  // an anonymous reporter has no identity to withhold
  if (r.reporterType === 'anonymous') r.withholdIdentity = false
  if (!r.content) issues.push({ field: 'content', code: 'required' })
  if (issues.length) throw problems.validation(issues)
  return receive(trx, r, o.mode)
}

/**
 * A Europe/Helsinki local `YYYY-MM-DDTHH:MM[:SS]`, or an instant with its offset, as an instant: checked here first
 * (a value the database could not read would abort the transaction), then converted by the database.
 */
async function instantOf(trx: Trx, input: string): Promise<Date | null> {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})?$/.exec(input)
  if (!m || !parseLocalDate(m[1]!) || Number(m[2]) > 23 || Number(m[3]) > 59 || Number(m[4] ?? 0) > 59) return null
  const row = await sql<{ at: Date }>`SELECT ${m[5] ? sql`${input}::timestamptz` : sql`(${input}::timestamp AT TIME ZONE 'Europe/Helsinki')`} AS at`.execute(trx)
  return row.rows[0]?.at ?? null
}

/** A worker registers a notification received otherwise than through the e-form. */
export async function registerNotification(trx: Trx, input: RegisterNotificationInput, o: { userId: string; units: string[]; anyUnit: boolean; now: Date; mode: WorkingDayMode }): Promise<string> {
  const issues: FieldIssue[] = []
  const unit = await trx.selectFrom('unit').select('id').where('id', '=', input.unitId).where('active', '=', true).executeTakeFirst()
  if (!unit || (!o.anyUnit && !o.units.includes(input.unitId))) issues.push({ field: 'unitId', code: 'cw.unit.not_yours' })
  const receivedAt = await instantOf(trx, input.receivedAt)
  if (!receivedAt) issues.push({ field: 'receivedAt', code: 'cw.received.invalid' })
  else if (receivedAt.getTime() > o.now.getTime() + 60_000) issues.push({ field: 'receivedAt', code: 'cw.received.future' })
  const r: Received = {
    kind: input.kind,
    channel: input.channel,
    reporterType: input.reporterType,
    reporterDuty: input.reporterDuty ?? reporterIsOfficial(input.reporterType),
    reporterName: clean(input.reporterName),
    reporterOrganisation: clean(input.reporterOrganisation),
    reporterPhone: clean(input.reporterPhone),
    reporterEmail: clean(input.reporterEmail),
    withholdIdentity: input.withholdIdentity ?? false,
    receivedAt: receivedAt ?? o.now,
    unitId: input.unitId,
    content: input.content.trim(),
    children: input.children,
    family: clean(input.family),
    registeredBy: o.userId,
  }
  issues.push(...reporterIssues(r))
  if (!r.content) issues.push({ field: 'content', code: 'required' })
  if (issues.length) throw problems.validation(issues)
  return (await receive(trx, r, o.mode)).id
}

// ---- Reading -----------------------------------------------------------------------------------------------------

/** A deadline row as the contract shows it, with where it stands today (the kernel's `standing`). */
export function deadlineInfo(d: { due_on: string; state: 'open' | 'paused' | 'met' | 'cancelled'; met_on: string | null } | undefined, today: LocalDate, mode: WorkingDayMode): DeadlineInfo | null {
  if (!d) return null
  return { dueOn: d.due_on, state: d.state, metOn: d.met_on, ...standing({ state: d.state, dueOn: d.due_on, metOn: d.met_on }, today, mode) }
}

/** The notification row, locked for the transaction when `forUpdate`, or 404 when it is not in the user's units. */
async function notificationRow(trx: Trx, id: string, units: readonly string[], forUpdate = false) {
  let q = trx
    .selectFrom('cw_notification as n')
    .innerJoin('intake as i', 'i.id', 'n.intake_id')
    .selectAll('n')
    .select(['i.unit_id', 'i.state as intake_state', 'i.closed_on'])
    .where('n.id', '=', id)
  if (forUpdate) q = q.forUpdate()
  const row = await q.executeTakeFirst()
  if (!row || !units.includes(row.unit_id)) throw problems.notFound()
  return row
}

/** One notification as the intake worker sees it; returns the ids of its identified children for the audit row. */
/** Who reads a notification: the reporter's identity, when withheld, is shown only to the workers of the case. */
export interface Viewer {
  userId: string
  /** a child welfare supervisor (supervises the unit's case work) */
  supervisor: boolean
}

/**
 * Whether the viewer may see a reporter who asked to stay unknown to the family (LSL 25 §; the identity may be
 * withheld where telling it would endanger the child or the reporter): while no child's assessment has started,
 * the unit's intake workers handle it and see it; afterwards only the workers of the case — a supervisor, whoever
 * registered it or assessed its urgency, a child's responsible worker, or a worker with a child welfare
 * relationship to one of its children today.
 */
async function seesReporter(trx: Trx, n: { withhold_identity: boolean; registered_by: string | null; urgency_by: string | null }, matters: { person_id: string; start_decision: string | null; responsible_user_id: string | null }[], v: Viewer, today: LocalDate): Promise<boolean> {
  if (!n.withhold_identity || v.supervisor) return true
  if (!matters.some((m) => m.start_decision)) return true
  if ([n.registered_by, n.urgency_by, ...matters.map((m) => m.responsible_user_id)].includes(v.userId)) return true
  const rel = await trx
    .selectFrom('client_relationship')
    .select('id')
    .where('user_id', '=', v.userId)
    .where('service_task', '=', SERVICE_TASK)
    .where('person_id', 'in', matters.map((m) => m.person_id))
    .where('start_date', '<=', today)
    .where((eb) => eb.or([eb('end_date', 'is', null), eb('end_date', '>=', today)]))
    .executeTakeFirst()
  return !!rel
}

export async function readNotification(trx: Trx, id: string, o: { units: readonly string[]; lang: Lang; today: LocalDate; mode: WorkingDayMode; viewer: Viewer }): Promise<{ notification: Notification; childIds: string[] }> {
  const n = await notificationRow(trx, id, o.units)
  const [unit, users, matters] = await Promise.all([
    trx.selectFrom('unit').select(['id', 'name_fi', 'name_sv']).where('id', '=', n.unit_id).executeTakeFirstOrThrow(),
    trx.selectFrom('staff_user').select(['id', 'display_name']).where('id', 'in', [n.urgency_by, n.registered_by, '00000000-0000-0000-0000-000000000000'].filter((x): x is string => !!x)).execute(),
    trx
      .selectFrom('cw_matter as m')
      .innerJoin('person as p', 'p.id', 'm.person_id')
      .leftJoin('staff_user as d', 'd.id', 'm.start_decided_by')
      .leftJoin('staff_user as r', 'r.id', 'm.responsible_user_id')
      .selectAll('m')
      .select(['p.first_names', 'p.last_name', 'p.birth_date', 'd.display_name as decided_by_name', 'r.display_name as responsible_name'])
      .where('m.notification_id', '=', id)
      .orderBy('p.birth_date')
      .execute(),
  ])
  const deadlines = await trx
    .selectFrom('deadline')
    .select(['kind', 'subject_id', 'due_on', 'state', 'met_on'])
    .where('subject_id', 'in', [id, ...matters.map((m) => m.id)])
    .where('kind', 'like', 'child_welfare.%')
    .execute()
  const reporterShown = await seesReporter(trx, n, matters, o.viewer, o.today)
  const nameOf = (uid: string | null) => (uid ? (users.find((u) => u.id === uid)?.display_name ?? null) : null)
  const dl = (kind: ChildWelfareDeadlineKey, subject: string) => deadlineInfo(deadlines.find((d) => d.kind === deadlineKind(kind) && d.subject_id === subject), o.today, o.mode)
  const childMatters: ChildMatter[] = matters.map((m) => ({
    id: m.id,
    person: { id: m.person_id, name: `${m.last_name} ${m.first_names}`.trim(), birthDate: m.birth_date },
    pendingOn: m.pending_on,
    state: m.state,
    startDecision: m.start_decision
      ? { decision: m.start_decision, decidedOn: m.start_decided_on!, reasons: m.start_reasons ?? '', decidedBy: m.decided_by_name ?? '', responsibleName: m.responsible_name }
      : null,
    informed: m.informed_on ? { informedOn: m.informed_on, method: m.informed_method!, note: m.informed_note } : null,
    startDeadline: dl('assessment_start', m.id),
    completeDeadline: dl('assessment_complete', m.id),
    version: m.version,
  }))
  const notification: Notification = {
    id: n.id,
    receipt: n.receipt,
    kind: n.kind,
    channel: n.channel,
    reporterType: n.reporter_type as Notification['reporterType'],
    reporterDuty: n.reporter_duty,
    reporterName: reporterShown ? n.reporter_name : null,
    reporterOrganisation: reporterShown ? n.reporter_organisation : null,
    reporterPhone: reporterShown ? n.reporter_phone : null,
    reporterEmail: reporterShown ? n.reporter_email : null,
    withholdIdentity: n.withhold_identity,
    reporterHidden: !reporterShown,
    receivedAt: n.received_at.toISOString(),
    receivedOn: n.received_on,
    unit: { id: unit.id, name: o.lang === 'sv' ? unit.name_sv : unit.name_fi },
    content: n.content,
    reportedChildren: n.reported_children.map((c) => ({ name: c.name, birthDate: c.birthDate ?? null, details: c.details ?? null })),
    family: n.family,
    urgency: n.urgency ? { urgency: n.urgency, reason: n.urgency_reason ?? '', assessedBy: nameOf(n.urgency_by) ?? '', assessedAt: n.urgency_at!.toISOString() } : null,
    urgencyDeadline: dl('urgency', n.id),
    state: n.intake_state,
    closed: n.closed_on ? { on: n.closed_on, reason: n.closed_reason } : null,
    registeredBy: nameOf(n.registered_by),
    matters: childMatters,
    version: n.version,
  }
  return { notification, childIds: matters.map((m) => m.person_id) }
}

/**
 * The intake queue of the user's units: open notifications with their earliest open deadline, unassessed urgency
 * first, then by that deadline; closed ones newest first. Returns the identified children for the audit row.
 */
export async function notificationQueue(trx: Trx, q: NotificationQueueQuery, o: { units: readonly string[]; lang: Lang; today: LocalDate; mode: WorkingDayMode }): Promise<{ queue: NotificationQueue; childIds: string[] }> {
  const state = q.state ?? 'open'
  const units = q.unitId ? o.units.filter((u) => u === q.unitId) : [...o.units]
  if (!units.length) return { queue: { today: o.today, items: [], total: 0, unassessed: 0, overdue: 0 }, childIds: [] }
  // The earliest open deadline of the notification itself or of one of its children's matters: two lookups by subject
  // (deadline_subject_idx), one per branch. As one `subject_id = n.id OR subject_id IN (…)` the condition could not use
  // the index and every notification it was computed for scanned every open deadline: at 6 910 open notifications and
  // 52 000 open deadlines (bench `child-welfare`, issue 12) a page took ~25 s and the counts 154 s.
  const nextDue = sql<string | null>`(SELECT min(x.due_on) FROM (
      SELECT dl.due_on FROM deadline dl WHERE dl.subject_id = n.id AND dl.state = 'open' AND dl.kind LIKE 'child_welfare.%'
      UNION ALL
      SELECT dl.due_on FROM cw_matter m JOIN deadline dl ON dl.subject_id = m.id
       WHERE m.notification_id = n.id AND dl.state = 'open' AND dl.kind LIKE 'child_welfare.%') x)`
  const base = trx
    .selectFrom('cw_notification as n')
    .innerJoin('intake as i', 'i.id', 'n.intake_id')
    .where('i.unit_id', 'in', units)
    .where('i.service_task', '=', SERVICE_TASK)
    .$if(state !== 'all', (b) => b.where('i.state', '=', state === 'open' ? 'open' : 'closed'))
  const counts = await trx
    .selectFrom('cw_notification as n')
    .innerJoin('intake as i', 'i.id', 'n.intake_id')
    .where('i.unit_id', 'in', units)
    .where('i.service_task', '=', SERVICE_TASK)
    .where('i.state', '=', 'open')
    .select((eb) => [
      eb.fn.countAll<string>().as('open'),
      sql<string>`count(*) FILTER (WHERE n.urgency IS NULL)`.as('unassessed'),
      // overdue: the earliest open deadline is past, i.e. some open deadline of the notification or its children is.
      // Asked of the past-due open deadlines once (two hashed sets: ~9 600 rows at 50 000 open matters) rather than
      // as nextDue per open notification, which costs two index lookups each and, by its cost estimate, JIT compilation.
      sql<string>`count(*) FILTER (WHERE n.id IN (SELECT dl.subject_id FROM deadline dl
          WHERE dl.state = 'open' AND dl.kind LIKE 'child_welfare.%' AND dl.due_on < ${o.today})
        OR n.id IN (SELECT m.notification_id FROM cw_matter m JOIN deadline dl ON dl.subject_id = m.id
          WHERE dl.state = 'open' AND dl.kind LIKE 'child_welfare.%' AND dl.due_on < ${o.today}))`.as('overdue'),
    ])
    .executeTakeFirstOrThrow()
  const total = await base.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()
  const rows = await base
    .innerJoin('unit as u', 'u.id', 'i.unit_id')
    .select(['n.id', 'n.receipt', 'n.kind', 'n.channel', 'n.reporter_type', 'n.received_at', 'n.urgency', 'n.reported_children', 'i.state', 'u.name_fi', 'u.name_sv'])
    .select(nextDue.as('next_due'))
    .$if(state === 'closed', (b) => b.orderBy('n.received_at', 'desc'))
    .$if(state !== 'closed', (b) => b.orderBy(sql`i.state = 'open'`, 'desc').orderBy(sql`n.urgency IS NULL`, 'desc').orderBy(sql`n.urgency = 'urgent'`, 'desc').orderBy(nextDue, (ob) => ob.asc().nullsLast()).orderBy('n.received_at'))
    .orderBy('n.id')
    .limit(q.limit ?? 100)
    .offset(q.offset ?? 0)
    .execute()
  const ids = rows.map((r) => r.id)
  const [children, deadlines] = ids.length
    ? await Promise.all([
        trx
          .selectFrom('cw_matter as m')
          .innerJoin('person as p', 'p.id', 'm.person_id')
          .select(['m.notification_id', 'm.person_id', 'p.first_names', 'p.last_name'])
          .where('m.notification_id', 'in', ids)
          .orderBy('p.birth_date')
          .execute(),
        // the notifications' own open deadlines and their children's, each by subject (an OR across the two would
        // scan every deadline: ~100 ms at 120 000 deadlines)
        trx
          .selectFrom('deadline as dl')
          .select(['dl.kind', 'dl.due_on', 'dl.state', 'dl.met_on', 'dl.subject_id as notification_id'])
          .where('dl.subject_id', 'in', ids)
          .where('dl.state', '=', 'open')
          .where('dl.kind', 'like', 'child_welfare.%')
          .unionAll(
            trx
              .selectFrom('cw_matter as m')
              .innerJoin('deadline as dl', 'dl.subject_id', 'm.id')
              .select(['dl.kind', 'dl.due_on', 'dl.state', 'dl.met_on', 'm.notification_id'])
              .where('m.notification_id', 'in', ids)
              .where('dl.state', '=', 'open')
              .where('dl.kind', 'like', 'child_welfare.%'),
          )
          .orderBy('due_on')
          .execute(),
      ])
    : [[], []]
  const items = rows.map((r) => {
    const own = children.filter((c) => c.notification_id === r.id)
    const next = deadlines.find((d) => d.notification_id === r.id)
    const info = next ? deadlineInfo(next, o.today, o.mode)! : null
    return {
      id: r.id,
      receipt: r.receipt,
      kind: r.kind,
      channel: r.channel,
      reporterType: r.reporter_type as NotificationQueue['items'][number]['reporterType'],
      receivedAt: r.received_at.toISOString(),
      unitName: o.lang === 'sv' ? r.name_sv : r.name_fi,
      children: own.length ? own.map((c) => ({ name: `${c.last_name} ${c.first_names}`.trim(), identified: true })) : r.reported_children.map((c) => ({ name: c.name, identified: false })),
      urgency: r.urgency,
      state: r.state,
      nextDeadline: next && info ? { kind: next.kind as CwDeadlineKindCode, dueOn: next.due_on, standing: info.standing, workingDaysLeft: info.workingDaysLeft } : null,
    }
  })
  return {
    queue: { today: o.today, items, total: Number(total.n), unassessed: Number(counts.unassessed), overdue: Number(counts.overdue) },
    childIds: [...new Set(children.map((c) => c.person_id))],
  }
}

// ---- Handling ----------------------------------------------------------------------------------------------------

function staleVersion(): HttpProblem {
  return problems.conflict()
}

async function bump(trx: Trx, id: string, version: number) {
  const r = await trx.updateTable('cw_notification').set({ version: sql<number>`version + 1` }).where('id', '=', id).where('version', '=', version).executeTakeFirst()
  if (Number(r.numUpdatedRows) !== 1) throw staleVersion()
}

function refuseClosed(n: { intake_state: 'open' | 'closed' }) {
  if (n.intake_state === 'closed') throw problems.validation([{ field: 'notification', code: 'cw.closed' }])
}

/** Records the urgency assessed at once, with who and when; meets the urgency deadline. Urgent marks the children's deadlines urgent. */
export async function assessUrgency(trx: Trx, id: string, input: UrgencyInput, o: { units: readonly string[]; userId: string; now: Date }): Promise<void> {
  const n = await notificationRow(trx, id, o.units, true)
  refuseClosed(n)
  if (n.urgency) throw problems.validation([{ field: 'urgency', code: 'cw.urgency.assessed' }])
  await bump(trx, id, input.version)
  await trx.updateTable('cw_notification').set({ urgency: input.urgency, urgency_reason: input.reason.trim(), urgency_by: o.userId, urgency_at: o.now }).where('id', '=', id).execute()
  await meetDeadline(trx, deadlineKind('urgency'), id, { on: todayInHelsinki(o.now), byUser: o.userId })
  if (input.urgency === 'urgent') {
    await trx
      .updateTable('deadline')
      .set({ urgent: true })
      .where('kind', 'like', 'child_welfare.%')
      .where('subject_id', 'in', trx.selectFrom('cw_matter').select('id').where('notification_id', '=', id))
      .execute()
  }
}

/**
 * Identifies a child the notification concerns: the child (and their guardians, for their registry data) join the
 * intake, the child's matter opens pending from the notification's day, and — unless the notification is an
 * anticipatory one — the deadline to decide on starting the assessment by the 7th working day, in the unit's queue.
 */
export async function addChild(trx: Trx, id: string, input: AddChildInput, o: { units: readonly string[]; userId: string; mode: WorkingDayMode }): Promise<string> {
  const n = await notificationRow(trx, id, o.units, true)
  refuseClosed(n)
  const person = await trx.selectFrom('person').select(['id', 'birth_date', 'merged_into']).where('id', '=', input.personId).executeTakeFirst()
  if (!person || person.merged_into) throw problems.validation([{ field: 'personId', code: 'cw.child.not_found' }])
  const exists = await trx.selectFrom('cw_matter').select('id').where('notification_id', '=', id).where('person_id', '=', input.personId).executeTakeFirst()
  if (exists) throw problems.validation([{ field: 'personId', code: 'cw.child.duplicate' }])
  const pendingOn = localDate(n.received_on)
  if (n.kind !== 'anticipatory' && person.birth_date && ageOn(localDate(person.birth_date), pendingOn) >= 18) throw problems.validation([{ field: 'personId', code: 'cw.child.adult' }])
  await bump(trx, id, input.version)
  await addIntakePerson(trx, n.intake_id, input.personId, n.kind === 'anticipatory' ? 'expectant_parent' : 'child')
  const guardians = await trx
    .selectFrom('person_relation')
    .select('related_id')
    .where('person_id', '=', input.personId)
    .where('kind', '=', 'guardian')
    .where((eb) => eb.or([eb('valid_until', 'is', null), eb('valid_until', '>=', pendingOn)]))
    .execute()
  for (const g of guardians) await addIntakePerson(trx, n.intake_id, g.related_id, 'guardian')
  const matter = await trx.insertInto('cw_matter').values({ notification_id: id, person_id: input.personId, pending_on: pendingOn }).returning('id').executeTakeFirstOrThrow()
  if (startsAssessmentDeadlines(n.kind)) {
    const d = CHILD_WELFARE_DEADLINES.assessment_start
    await openDeadline(
      trx,
      {
        kind: deadlineKind('assessment_start'),
        serviceTask: SERVICE_TASK,
        unitId: n.unit_id,
        personId: input.personId,
        responsibleUserId: null,
        subjectId: matter.id,
        legalBasis: d.legalBasis,
        startEvent: 'notification_received',
        startedOn: pendingOn,
        dueOn: childWelfareDue('assessment_start', pendingOn, o.mode),
        rule: 'seventh_working_day',
        urgent: n.urgency === 'urgent',
      },
      o.userId,
    )
  }
  return input.personId
}

async function matterRow(trx: Trx, notificationId: string, matterId: string, version: number) {
  const m = await trx.selectFrom('cw_matter').selectAll().where('id', '=', matterId).where('notification_id', '=', notificationId).forUpdate().executeTakeFirst()
  if (!m) throw problems.notFound()
  if (m.version !== version) throw staleVersion()
  return m
}

/** Who may be a child's responsible worker (LSL 13 § 3 mom): a licensed social worker (a social worker or supervisor grant). */
export const RESPONSIBLE_ROLES = ['social_worker', 'supervisor'] as const
export const RESPONSIBLE_QUALIFICATION = 'licensed_social_worker'

/** Whether a user may be the child's responsible worker: a licensed social worker with a live child welfare grant in the unit. */
const eligibleResponsible = (trx: Trx, userId: string, unitId: string, today: LocalDate) =>
  hasLiveGrant(trx, { userId, unitId, serviceTask: SERVICE_TASK, roles: RESPONSIBLE_ROLES, on: today, qualification: RESPONSIBLE_QUALIFICATION })

/**
 * The decision whether to start the service-need assessment (LSL 26 § 3 mom): meets the 7-working-day deadline on
 * the decision's day (late when after it). Starting opens the 3-month completion deadline counted from the day the
 * matter became pending (SHL 36 §) and the responsible social worker's relationship with the child for the
 * assessment; not starting (or the child being a client already) closes the child's matter.
 */
export async function decideStart(
  trx: Trx,
  notificationId: string,
  matterId: string,
  input: StartDecisionInput,
  o: { units: readonly string[]; userId: string; today: LocalDate; mode: WorkingDayMode },
): Promise<string> {
  const n = await notificationRow(trx, notificationId, o.units, true)
  refuseClosed(n)
  const m = await matterRow(trx, notificationId, matterId, input.version)
  const issues: FieldIssue[] = []
  if (!n.urgency) issues.push({ field: 'urgency', code: 'cw.urgency.first' })
  if (m.start_decision) issues.push({ field: 'decision', code: 'cw.start.decided' })
  if (compareLocalDates(localDate(input.decidedOn), localDate(m.pending_on)) < 0) issues.push({ field: 'decidedOn', code: 'cw.start.before_pending', params: { pendingOn: m.pending_on } })
  if (compareLocalDates(localDate(input.decidedOn), o.today) > 0) issues.push({ field: 'decidedOn', code: 'cw.start.future' })
  const responsible = input.decision === 'start' ? (input.responsibleUserId ?? o.userId) : null
  if (responsible && !(await eligibleResponsible(trx, responsible, n.unit_id, o.today))) issues.push({ field: 'responsibleUserId', code: 'cw.start.responsible' })
  if (issues.length) throw problems.validation(issues)
  await trx
    .updateTable('cw_matter')
    .set({
      start_decision: input.decision,
      start_decided_on: input.decidedOn,
      start_reasons: input.reasons.trim(),
      start_decided_by: o.userId,
      responsible_user_id: responsible,
      state: input.decision === 'start' ? 'assessment' : 'closed',
      version: sql<number>`version + 1`,
    })
    .where('id', '=', matterId)
    .execute()
  await bump(trx, notificationId, n.version)
  const startKind = deadlineKind('assessment_start')
  const hasStart = await trx.selectFrom('deadline').select('id').where('kind', '=', startKind).where('subject_id', '=', matterId).executeTakeFirst()
  if (hasStart) await meetDeadline(trx, startKind, matterId, { on: input.decidedOn, byUser: o.userId })
  if (responsible) {
    const d = CHILD_WELFARE_DEADLINES.assessment_complete
    await openDeadline(
      trx,
      {
        kind: deadlineKind('assessment_complete'),
        serviceTask: SERVICE_TASK,
        unitId: n.unit_id,
        personId: m.person_id,
        responsibleUserId: responsible,
        subjectId: matterId,
        legalBasis: d.legalBasis,
        startEvent: 'notification_received',
        startedOn: m.pending_on,
        dueOn: childWelfareDue('assessment_complete', localDate(m.pending_on), o.mode),
        rule: 'three_months',
        urgent: n.urgency === 'urgent',
      },
      o.userId,
    )
    await openCaseRelationship(trx, { personId: m.person_id, userId: responsible, serviceTask: SERVICE_TASK, openedBy: o.userId, today: o.today, startReason: 'notification' })
  }
  return m.person_id
}

/** Records that the child and the guardians were told of the notification and what follows (LSL 26 § 3 mom). */
export async function recordInformed(trx: Trx, notificationId: string, matterId: string, input: InformedInput, o: { units: readonly string[]; today: LocalDate }): Promise<string> {
  const n = await notificationRow(trx, notificationId, o.units, true)
  const m = await matterRow(trx, notificationId, matterId, input.version)
  const issues: FieldIssue[] = []
  if (m.informed_on) issues.push({ field: 'informedOn', code: 'cw.informed.done' })
  if (compareLocalDates(localDate(input.informedOn), localDate(m.pending_on)) < 0) issues.push({ field: 'informedOn', code: 'cw.informed.before_pending', params: { pendingOn: m.pending_on } })
  if (compareLocalDates(localDate(input.informedOn), o.today) > 0) issues.push({ field: 'informedOn', code: 'cw.informed.future' })
  if (issues.length) throw problems.validation(issues)
  await trx
    .updateTable('cw_matter')
    .set({ informed_on: input.informedOn, informed_method: input.method, informed_note: clean(input.note), version: sql<number>`version + 1` })
    .where('id', '=', matterId)
    .execute()
  await bump(trx, notificationId, n.version)
  return m.person_id
}

/**
 * Closes the notification: it leaves the queue and stays in the register. The urgency must have been assessed and
 * every identified child's start decided; with no child identified (nobody could be found) it closes on the reason.
 */
export async function closeNotification(trx: Trx, id: string, input: CloseNotificationInput, o: { units: readonly string[]; userId: string; today: LocalDate }): Promise<string[]> {
  const n = await notificationRow(trx, id, o.units, true)
  refuseClosed(n)
  const issues: FieldIssue[] = []
  if (!n.urgency) issues.push({ field: 'urgency', code: 'cw.urgency.first' })
  const matters = await trx.selectFrom('cw_matter').select(['id', 'person_id', 'start_decision']).where('notification_id', '=', id).execute()
  if (matters.some((m) => !m.start_decision)) issues.push({ field: 'matters', code: 'cw.close.pending' })
  if (issues.length) throw problems.validation(issues)
  await bump(trx, id, input.version)
  await trx.updateTable('cw_notification').set({ closed_reason: input.reason.trim() }).where('id', '=', id).execute()
  await closeIntake(trx, n.intake_id, o.today)
  const urgency = await trx.selectFrom('deadline').select('state').where('kind', '=', deadlineKind('urgency')).where('subject_id', '=', id).executeTakeFirst()
  if (urgency && urgency.state === 'open') await cancelDeadline(trx, deadlineKind('urgency'), id, { on: o.today, reason: 'closed', byUser: o.userId })
  return matters.map((m) => m.person_id)
}

/**
 * Finds the child an open notification of the user's units concerns: persons of the registry who were minors on the
 * day of receipt (any age for an anticipatory notification, which names the expectant parent), by the registry's
 * name search or by birth date. At least three letters or a birth date, so that minors cannot be listed wholesale.
 */
export async function findChild(
  trx: Trx,
  id: string,
  input: ChildSearchInput,
  o: { units: readonly string[]; search: (trx: Trx, c: { nameKey?: string; birthDate?: string; limit: number }, isVisible: (eb: ExpressionBuilder<DB, 'person'>) => Expression<SqlBool>) => Promise<ChildSearchResult['persons']> },
): Promise<ChildSearchResult['persons']> {
  const n = await notificationRow(trx, id, o.units)
  refuseClosed(n)
  const nameKey = foldForSearch(input.name ?? '').trim()
  if (nameKey.replace(/\s/g, '').length < 3 && !input.birthDate) throw problems.validation([{ field: 'name', code: 'cw.search.too_short' }])
  const adultFrom = addYears(localDate(n.received_on), -18)
  return o.search(trx, { ...(nameKey ? { nameKey } : {}), ...(input.birthDate ? { birthDate: input.birthDate } : {}), limit: 20 }, (eb) =>
    n.kind === 'anticipatory' ? sql<SqlBool>`true` : eb('person.birth_date', '>', adultFrom),
  )
}

// the kernel's tables in the database type (declaration merging)
import type {} from '../../kernel/schema'
import { assignDeadline, moveDeadline, openDeadline } from '../../kernel/deadlines'
import { openCaseRelationship } from '../../kernel/relationships'
import { hasLiveGrant } from '../../kernel/units'
import type {
  Application,
  ApplicationCreate,
  ApplicationListItem,
  ApplicationUpdate,
  CalculationOutcome,
  CalculationRequest,
  Claims,
  CompletionAnswer,
  CompletionRequest,
  DecisionSummary,
  KelaBasic,
  Member,
  MemberInput,
  Worklist,
  WorklistSort,
} from '@huoma/contract'
import {
  addDays,
  compareFinnish,
  compareLocalDates,
  incomeSupportDeadline,
  isWorkingDay,
  localDate,
  todayInHelsinki,
  type IncomeSupportParameters,
  type LocalDate,
  type WorkingDayMode,
} from '@huoma/domain'
import { sql, type Expression, type ExpressionBuilder, type SqlBool, type Transaction } from 'kysely'
import type { ClientScope } from '../../access/client-access'
import { finnishSortKey, type PageRequest } from '../../kernel/paging'
import type { DB } from '../../db/schema'
import type { Lang } from '../../http/language'
import { HttpProblem, problems, type FieldIssue } from '../../http/problem'
import { calculate, type EngineMember } from './calculation'
import { engineParameters } from './parameters'

type Trx = Transaction<DB>

export const SERVICE_TASK = 'income_support'

const stale = new HttpProblem(409, 'conflict', {
  type: 'https://huoma.fi/problems/stale-version',
  detail: (l: Lang) =>
    ({
      fi: 'Hakemusta on muutettu sillä välin. Lataa se uudelleen ja tee muutoksesi sitten.',
      sv: 'Ansökan har ändrats under tiden. Ladda om den och gör sedan dina ändringar.',
      en: 'The application was changed meanwhile. Reload it and then make your changes.',
    })[l],
})

const notOpen = new HttpProblem(409, 'conflict', {
  type: 'https://huoma.fi/problems/income-support-decided',
  detail: (l: Lang) =>
    ({
      fi: 'Hakemus on jo ratkaistu, eikä sitä voi enää muuttaa. Korjaus tehdään uudella päätöksellä.',
      sv: 'Ansökan är redan avgjord och kan inte längre ändras. En rättelse görs med ett nytt beslut.',
      en: 'The application has been decided and can no longer be changed. A correction is made with a new decision.',
    })[l],
})

/** Working days from `from` to `to` (positive when `to` is later; negative when earlier). */
export function workingDaysBetween(from: LocalDate, to: LocalDate, mode: WorkingDayMode): number {
  const sign = compareLocalDates(from, to)
  if (sign === 0) return 0
  let n = 0
  let d = from
  const step = sign < 0 ? 1 : -1
  while (compareLocalDates(d, to) !== 0) {
    d = addDays(d, step)
    if (isWorkingDay(d, mode)) n += step
  }
  return n
}

export interface DeadlineFields {
  received_on: string
  urgent: boolean
  completion_requested_on: string | null
  completion_due_on: string | null
  completion_answered_on: string | null
}

export function deadlineOf(a: DeadlineFields, mode: WorkingDayMode) {
  return incomeSupportDeadline(
    {
      receivedOn: localDate(a.received_on),
      urgent: a.urgent,
      completion:
        a.completion_requested_on && a.completion_due_on
          ? {
              requestedOn: localDate(a.completion_requested_on),
              dueOn: localDate(a.completion_due_on),
              answeredOn: a.completion_answered_on ? localDate(a.completion_answered_on) : null,
            }
          : null,
    },
    mode,
  )
}

// ---------------------------------------------------------------------------------------------------------------
// Household members

interface MemberRow {
  person_id: string
  role: MemberInput['role']
  alternating_residence: boolean
  reduction_percent: number
  reduction_ground: MemberInput['reductionGround'] | null
  sanction_month: number | null
  first_names: string
  last_name: string
  birth_date: string | null
}

const toMember = (r: MemberRow): Member => ({
  personId: r.person_id,
  role: r.role,
  alternatingResidence: r.alternating_residence,
  perusosaReductionPercent: r.reduction_percent,
  reductionGround: r.reduction_ground ?? null,
  sanctionMonth: r.sanction_month,
  firstNames: r.first_names,
  lastName: r.last_name,
  birthDate: r.birth_date,
})

/** A stored member as the engine takes it. */
export const engineMember = (m: {
  person_id: string
  role: MemberInput['role']
  alternating_residence: boolean
  reduction_percent: number
  reduction_ground: MemberInput['reductionGround'] | null
  sanction_month: number | null
  birth_date: string | null
}): EngineMember => ({
  personId: m.person_id,
  role: m.role,
  alternatingResidence: m.alternating_residence,
  perusosaReductionPercent: m.reduction_percent,
  reductionGround: m.reduction_ground ?? null,
  sanctionMonth: m.sanction_month,
  birthDate: m.birth_date,
})

/**
 * Check the household against the registry: every member exists and has a birth date, nobody twice, one applicant
 * who is the client, at most one spouse. Returns the members with their birth dates for the engine.
 */
export async function checkMembers(trx: Trx, personId: string, members: MemberInput[]): Promise<EngineMember[]> {
  const issues: FieldIssue[] = []
  const ids = members.map((m) => m.personId)
  const rows = ids.length
    ? await trx.selectFrom('person').select(['id', 'birth_date', 'merged_into']).where('id', 'in', ids).execute()
    : []
  const byId = new Map(rows.map((r) => [r.id, r]))
  const seen = new Set<string>()
  members.forEach((m, i) => {
    const row = byId.get(m.personId)
    if (!row || row.merged_into) issues.push({ field: `members[${i}].personId`, code: 'is.member.not_found' })
    else if (!row.birth_date) issues.push({ field: `members[${i}].personId`, code: 'is.member.no_birth_date' })
    if (seen.has(m.personId)) issues.push({ field: `members[${i}].personId`, code: 'is.member.duplicate' })
    seen.add(m.personId)
  })
  const applicants = members.map((m, i) => ({ m, i })).filter(({ m }) => m.role === 'applicant')
  if (applicants.length !== 1) issues.push({ field: 'members', code: 'is.calc.no_applicant' })
  else if (applicants[0]!.m.personId !== personId) issues.push({ field: `members[${applicants[0]!.i}].personId`, code: 'is.member.applicant_mismatch' })
  if (members.filter((m) => m.role === 'spouse').length > 1) issues.push({ field: 'members', code: 'is.member.spouse_count' })
  if (issues.length) throw problems.validation(issues)
  return members.map((m) => ({ ...m, birthDate: byId.get(m.personId)?.birth_date ?? null }))
}

/** Items must name members of the household (field-level, before the engine says the same less precisely). */
function checkClaims(claims: Claims, members: MemberInput[]) {
  const ids = new Set(members.map((m) => m.personId))
  const issues: FieldIssue[] = []
  claims.expenses.forEach((e, i) => {
    if (e.memberId && !ids.has(e.memberId)) issues.push({ field: `claims.expenses[${i}].memberId`, code: 'is.calc.unknown_member' })
  })
  claims.incomes.forEach((e, i) => {
    if (!ids.has(e.memberId)) issues.push({ field: `claims.incomes[${i}].memberId`, code: 'is.calc.unknown_member' })
  })
  claims.assets.forEach((e, i) => {
    if (!ids.has(e.memberId)) issues.push({ field: `claims.assets[${i}].memberId`, code: 'is.calc.unknown_member' })
  })
  if (issues.length) throw problems.validation(issues)
}

function checkPeriod(periodStart: string, periodEnd: string) {
  const issues: FieldIssue[] = []
  if (periodStart.slice(0, 7) !== periodEnd.slice(0, 7) || periodEnd < periodStart) issues.push({ field: 'periodEnd', code: 'is.calc.period_invalid' })
  if (issues.length) throw problems.validation(issues)
}

/** The calculation of a saved or edited application; a refusal by the engine is a field error. */
function calculateOrThrow(src: Parameters<typeof calculate>[0], sets: IncomeSupportParameters[], lang: Lang) {
  const outcome = calculate(src, sets, lang)
  if (!outcome.ok) {
    throw new HttpProblem(400, 'validation', {
      type: 'https://huoma.fi/problems/validation',
      issues: [{ field: outcome.field, code: outcome.code === 'is.calc.no_parameters' ? outcome.code : outcome.code, params: { month: (src.periodStart ?? '').slice(0, 7) } }],
    })
  }
  return outcome.calculation
}

// ---------------------------------------------------------------------------------------------------------------
// Reading

async function membersOf(trx: Trx, applicationId: string): Promise<MemberRow[]> {
  return trx
    .selectFrom('income_support_member as m')
    .innerJoin('person as p', 'p.id', 'm.person_id')
    .select(['m.person_id', 'm.role', 'm.alternating_residence', 'm.reduction_percent', 'm.reduction_ground', 'm.sanction_month', 'p.first_names', 'p.last_name', 'p.birth_date'])
    .where('m.application_id', '=', applicationId)
    .orderBy('m.position')
    .execute()
}

async function decisionsOf(trx: Trx, applicationId: string): Promise<DecisionSummary[]> {
  const rows = await trx
    .selectFrom('income_support_decision as d')
    .innerJoin('staff_user as u', 'u.id', 'd.decision_maker_id')
    .leftJoin('decision_notification as n', 'n.decision_id', 'd.id')
    .leftJoin('decision as c', 'c.corrects_id', 'd.id')
    .select([
      'd.id',
      'd.number',
      'd.decided_on',
      'd.decision_maker_id',
      'u.display_name',
      'd.language',
      'd.outcome',
      'd.granted_cents',
      'd.corrects_id',
      'c.id as corrected_by',
      'n.notified_on',
    ])
    .where('d.application_id', '=', applicationId)
    .orderBy('d.decided_at')
    .execute()
  return rows.map((r) => ({
    id: r.id,
    number: r.number,
    decidedOn: r.decided_on,
    decisionMaker: { id: r.decision_maker_id, name: r.display_name },
    language: r.language,
    outcome: r.outcome,
    grantedCents: r.granted_cents,
    correctsId: r.corrects_id,
    correctedById: r.corrected_by ?? null,
    notifiedOn: r.notified_on ?? null,
  }))
}

/** The kernel's deadline of an application (TTTL 14 a §): one per application, kind `income_support.decision`. */
export const DEADLINE_KIND = 'income_support.decision'

export async function applicationRow(trx: Trx, personId: string, applicationId: string) {
  const row = await trx
    .selectFrom('income_support_application as a')
    .innerJoin('deadline as dl', (j) => j.onRef('dl.subject_id', '=', 'a.id').on('dl.kind', '=', DEADLINE_KIND))
    .leftJoin('staff_user as h', 'h.id', 'a.handler_id')
    .selectAll('a')
    .select(['h.display_name as handler_name', 'dl.due_on', 'dl.rule as deadline_rule'])
    .where('a.id', '=', applicationId)
    .where('a.person_id', '=', personId)
    .executeTakeFirst()
  if (!row) throw problems.notFound()
  return row
}

export type ApplicationRow = Awaited<ReturnType<typeof applicationRow>>

export async function readApplication(scope: ClientScope, applicationId: string, lang: Lang, now: Date): Promise<Application> {
  const { trx } = scope
  const row = await applicationRow(trx, scope.personId, applicationId)
  const members = await membersOf(trx, applicationId)
  scope.touch(...members.map((m) => m.person_id))
  const claims = row.claims as Claims
  const sets = await engineParameters(trx)
  const calculation: CalculationOutcome = calculate(
    {
      periodStart: row.period_start,
      periodEnd: row.period_end,
      members: members.map(engineMember),
      claims,
      housingCapped: row.housing_capped,
    },
    sets,
    lang,
  )
  const today = todayInHelsinki(now)
  const open = row.state === 'received' || row.state === 'in_preparation'
  return {
    id: row.id,
    number: row.number,
    personId: row.person_id,
    unitId: row.unit_id,
    channel: row.channel,
    kelaCaseRef: row.kela_case_ref,
    receivedOn: row.received_on,
    urgent: row.urgent,
    periodStart: row.period_start,
    periodEnd: row.period_end,
    state: row.state,
    handler: row.handler_id ? { id: row.handler_id, name: row.handler_name ?? '' } : null,
    dueOn: row.due_on,
    deadlineRule: row.deadline_rule,
    overdue: open && row.due_on < today,
    completion:
      row.completion_requested_on && row.completion_due_on
        ? { requestedOn: row.completion_requested_on, dueOn: row.completion_due_on, answeredOn: row.completion_answered_on, request: row.completion_request ?? '' }
        : null,
    housingCapped: row.housing_capped,
    members: members.map(toMember),
    claims,
    kelaBasic: (row.kela_basic as KelaBasic | null) ?? null,
    calculation,
    decisions: await decisionsOf(trx, applicationId),
    version: row.version,
  }
}

/** The calculation of an application being registered (nothing saved yet): the household's birth dates from the registry. */
export async function calculateNew(scope: ClientScope, body: CalculationRequest, lang: Lang): Promise<CalculationOutcome> {
  checkPeriod(body.periodStart, body.periodEnd)
  const members = await checkMembers(scope.trx, scope.personId, body.members)
  scope.touch(...members.map((m) => m.personId))
  return calculate({ ...body, members }, await engineParameters(scope.trx), lang)
}

/** A what-if calculation of unsaved edits on the handler's screen. */
export async function whatIf(scope: ClientScope, applicationId: string, body: CalculationRequest, lang: Lang): Promise<CalculationOutcome> {
  const { trx } = scope
  await applicationRow(trx, scope.personId, applicationId)
  checkPeriod(body.periodStart, body.periodEnd)
  const members = await checkMembers(trx, scope.personId, body.members)
  scope.touch(...members.map((m) => m.personId))
  return calculate({ ...body, members }, await engineParameters(trx), lang)
}

// ---------------------------------------------------------------------------------------------------------------
// Lists


function listQuery(trx: Trx) {
  return trx
    .selectFrom('income_support_application as a')
    .innerJoin('deadline as dl', (j) => j.onRef('dl.subject_id', '=', 'a.id').on('dl.kind', '=', DEADLINE_KIND))
    .innerJoin('person', 'person.id', 'a.person_id')
    .innerJoin('unit as u', 'u.id', 'a.unit_id')
    .leftJoin('staff_user as h', 'h.id', 'a.handler_id')
    .select((eb) => [
      'a.id',
      'a.number',
      'a.person_id',
      'person.first_names',
      'person.last_name',
      'a.unit_id',
      'u.name_fi',
      'u.name_sv',
      'a.channel',
      'a.received_on',
      'a.urgent',
      'a.state',
      'dl.due_on',
      'a.completion_requested_on',
      'a.completion_answered_on',
      'a.handler_id',
      'a.version',
      'h.display_name as handler_name',
      eb.selectFrom('income_support_member as m').select(sql<number>`count(*)::int`.as('n')).whereRef('m.application_id', '=', 'a.id').as('member_count'),
    ])
}

type ListRow = Awaited<ReturnType<ReturnType<typeof listQuery>['execute']>>[number]

function toListItem(r: ListRow, today: LocalDate, mode: WorkingDayMode, lang: Lang): ApplicationListItem {
  const open = r.state === 'received' || r.state === 'in_preparation'
  return {
    id: r.id,
    number: r.number,
    personId: r.person_id,
    applicantName: `${r.last_name} ${r.first_names}`,
    unitId: r.unit_id,
    unitName: lang === 'sv' ? r.name_sv : r.name_fi,
    channel: r.channel,
    receivedOn: r.received_on,
    urgent: r.urgent,
    state: r.state,
    dueOn: r.due_on,
    overdue: open && r.due_on < today,
    workingDaysLeft: workingDaysBetween(today, localDate(r.due_on), mode),
    completionPending: !!r.completion_requested_on && !r.completion_answered_on,
    handler: r.handler_id ? { id: r.handler_id, name: r.handler_name ?? '' } : null,
    memberCount: r.member_count ?? 0,
    version: r.version,
  }
}

export async function clientApplications(scope: ClientScope, lang: Lang, mode: WorkingDayMode, now: Date): Promise<ApplicationListItem[]> {
  const rows = await listQuery(scope.trx).where('a.person_id', '=', scope.personId).orderBy('a.received_on', 'desc').orderBy('a.number', 'desc').execute()
  const today = todayInHelsinki(now)
  return rows.map((r) => toListItem(r, today, mode, lang))
}

export interface WorklistOptions {
  scope: 'mine' | 'queue' | 'all'
  unitId: string | undefined
  /** only applications in this state */
  state: 'received' | 'in_preparation' | undefined
  /** only this handler's, or `none`: the unassigned ones */
  handler: string | undefined
  /** only those whose deadline has passed */
  overdueOnly: boolean
  page: PageRequest<WorklistSort>
  userId: string
  /** units where the user's grants reach income support */
  units: string[]
}

/**
 * The handler's worklist: open applications, a page at a time, by deadline (or by the day received, the applicant's
 * name, the state). "Mine" are those assigned to the user (who has the client relationship); the "queue" holds the
 * unassigned applications of the user's units — the application addressed to the unit is the basis on which its
 * handlers see who applied. Filtered in SQL; every client listed is audited.
 */
export async function worklist(
  trx: Trx,
  isVisible: (eb: ExpressionBuilder<DB, 'person'>) => Expression<SqlBool>,
  opts: WorklistOptions,
  lang: Lang,
  mode: WorkingDayMode,
  now: Date,
): Promise<{ worklist: Worklist; personIds: string[] }> {
  const units = opts.unitId ? opts.units.filter((u) => u === opts.unitId) : opts.units
  const today = todayInHelsinki(now)
  // The selection is decided on the kernel's open deadlines of this kind (their partial indexes): mine = my
  // deadlines with my open relationship in income support; the queue = unassigned deadlines of my units. By
  // deadline without a state filter, the page and the counts never touch the application or person tables beyond
  // the page's own rows; the other sort keys and the state filter join the application (and the name the person).
  type DeadlineEB = ExpressionBuilder<DB & { dl: DB['deadline'] }, 'dl'>
  const scoped = (eb: DeadlineEB, scope: WorklistOptions['scope']) => {
    const mine = eb.and([
      eb('dl.responsible_user_id', '=', opts.userId),
      eb.exists(
        eb
          .selectFrom('client_relationship as cr')
          .select(sql.lit(1).as('one'))
          .whereRef('cr.person_id', '=', 'dl.person_id')
          .where('cr.user_id', '=', opts.userId)
          .where('cr.service_task', '=', SERVICE_TASK)
          .where('cr.start_date', '<=', today)
          .where((w) => w.or([w('cr.end_date', 'is', null), w('cr.end_date', '>=', today)])),
      ),
    ])
    const queue = units.length ? eb.and([eb('dl.responsible_user_id', 'is', null), eb('dl.unit_id', 'in', units)]) : sql<SqlBool>`false`
    return scope === 'mine' ? mine : scope === 'queue' ? queue : eb.or([mine, queue])
  }
  const inScope = (eb: DeadlineEB) => eb.and([eb('dl.kind', '=', DEADLINE_KIND), eb('dl.state', 'in', ['open', 'paused']), scoped(eb, opts.scope)])
  const where = (eb: DeadlineEB) => {
    const parts: Expression<SqlBool>[] = [inScope(eb)]
    if (opts.handler === 'none') parts.push(eb('dl.responsible_user_id', 'is', null))
    else if (opts.handler) parts.push(eb('dl.responsible_user_id', '=', opts.handler))
    if (opts.overdueOnly) parts.push(eb.and([eb('dl.state', '=', 'open'), eb('dl.due_on', '<', today)]))
    if (opts.state) {
      const state = opts.state
      parts.push(eb.exists(eb.selectFrom('income_support_application as sa').select(sql.lit(1).as('one')).whereRef('sa.id', '=', 'dl.subject_id').where('sa.state', '=', state)))
    }
    return eb.and(parts)
  }
  const { sort, order, offset, limit } = opts.page
  const base = trx.selectFrom('deadline as dl').where(where)
  let pageQuery
  if (sort === 'deadline') {
    pageQuery = base
      .select('dl.subject_id as id')
      .orderBy('dl.due_on', order)
      .orderBy('dl.urgent', order === 'asc' ? 'desc' : 'asc')
      .orderBy('dl.started_on', order)
      .orderBy('dl.subject_id', order)
  } else {
    const joined = base.innerJoin('income_support_application as a', 'a.id', 'dl.subject_id').innerJoin('person as p', 'p.id', 'a.person_id').select('dl.subject_id as id')
    pageQuery =
      sort === 'received'
        ? joined.orderBy('a.received_on', order).orderBy('a.number', order)
        : sort === 'name'
          ? joined.orderBy(finnishSortKey(sql<string>`p.last_name || ' ' || p.first_names`), order).orderBy('a.number', order)
          : joined.orderBy('a.state', order).orderBy('dl.due_on', 'asc').orderBy('a.number', 'asc')
  }
  const page = await pageQuery.offset(offset).limit(limit).execute()
  const ids = page.map((r) => r.id)
  const found = ids.length
    ? await listQuery(trx)
        .where('a.id', 'in', ids)
        // the chokepoint's own filter as well, for the assigned ones (the queue's basis is the unit)
        .where((eb) => eb.or([eb('a.handler_id', 'is', null), isVisible(eb as unknown as ExpressionBuilder<DB, 'person'>)]))
        .execute()
    : []
  const byId = new Map(found.map((r) => [r.id, r]))
  const rows = ids.map((id) => byId.get(id)).filter((r): r is ListRow => !!r)
  const counts = await trx
    .selectFrom('deadline as dl')
    .select([sql<number>`count(*)::int`.as('total'), sql<number>`count(*) FILTER (WHERE dl.due_on < ${today})::int`.as('overdue')])
    .where(where)
    .executeTakeFirstOrThrow()
  // the handlers the scope holds (for the filter): names of staff, no client data
  const handlers = await trx
    .selectFrom('deadline as dl')
    .innerJoin('staff_user as h', 'h.id', 'dl.responsible_user_id')
    .select(['h.id', 'h.display_name'])
    .distinct()
    .where(inScope)
    .execute()
  const items = rows.map((r) => toListItem(r, today, mode, lang))
  return {
    worklist: {
      today,
      items,
      overdueCount: counts.overdue,
      offset,
      limit,
      total: counts.total,
      handlers: handlers.map((h) => ({ id: h.id, name: h.display_name })).sort((a, b) => compareFinnish(a.name, b.name)),
    },
    personIds: [...new Set(rows.map((r) => r.person_id))],
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Writing

async function writeMembers(trx: Trx, applicationId: string, members: MemberInput[]) {
  await trx.deleteFrom('income_support_member').where('application_id', '=', applicationId).execute()
  await trx
    .insertInto('income_support_member')
    .values(
      members.map((m, i) => ({
        application_id: applicationId,
        person_id: m.personId,
        role: m.role,
        alternating_residence: m.alternatingResidence ?? false,
        reduction_percent: m.perusosaReductionPercent ?? 0,
        reduction_ground: m.reductionGround ?? null,
        sanction_month: m.reductionGround === 'unemployment_sanction' ? (m.sanctionMonth ?? 1) : null,
        position: i,
      })),
    )
    .execute()
}

/** Opens the handler's client relationship in income support unless one is open (the kernel's rule). */
export async function openRelationship(trx: Trx, personId: string, userId: string, openedBy: string, today: string) {
  await openCaseRelationship(trx, { personId, userId, serviceTask: SERVICE_TASK, openedBy, today })
}

export interface NewApplication {
  personId: string
  unitId: string
  channel: 'paper' | 'eform' | 'kela'
  kelaCaseRef: string | null
  receivedOn: string
  urgent: boolean
  periodStart: string
  periodEnd: string
  members: MemberInput[]
  claims: Claims
  housingCapped: boolean
  kelaBasic: KelaBasic | null
  handlerId: string | null
  createdBy: string | null
}

/** Inserts an application after checking it; returns its id. Used by registration and the Kela import alike. */
export async function insertApplication(trx: Trx, a: NewApplication, lang: Lang, mode: WorkingDayMode, now: Date): Promise<string> {
  const today = todayInHelsinki(now)
  const issues: FieldIssue[] = []
  if (a.receivedOn > today) issues.push({ field: 'receivedOn', code: 'is.date.future' })
  if (issues.length) throw problems.validation(issues)
  checkPeriod(a.periodStart, a.periodEnd)
  const members = await checkMembers(trx, a.personId, a.members)
  checkClaims(a.claims, a.members)
  // the month must have parameters and the claims must calculate: nothing is saved that cannot be decided
  calculateOrThrow({ periodStart: a.periodStart, periodEnd: a.periodEnd, members, claims: a.claims, housingCapped: a.housingCapped }, await engineParameters(trx), lang)
  const deadline = deadlineOf({ received_on: a.receivedOn, urgent: a.urgent, completion_requested_on: null, completion_due_on: null, completion_answered_on: null }, mode)
  const row = await trx
    .insertInto('income_support_application')
    .values({
      person_id: a.personId,
      unit_id: a.unitId,
      channel: a.channel,
      kela_case_ref: a.kelaCaseRef,
      received_on: a.receivedOn,
      urgent: a.urgent,
      period_start: a.periodStart,
      period_end: a.periodEnd,
      state: a.handlerId ? 'in_preparation' : 'received',
      handler_id: a.handlerId,
      housing_capped: a.housingCapped,
      claims: JSON.stringify(a.claims),
      kela_basic: a.kelaBasic ? JSON.stringify(a.kelaBasic) : null,
      created_by: a.createdBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  await writeMembers(trx, row.id, a.members)
  await openDeadline(
    trx,
    {
      kind: DEADLINE_KIND,
      serviceTask: SERVICE_TASK,
      unitId: a.unitId,
      personId: a.personId,
      responsibleUserId: a.handlerId,
      subjectId: row.id,
      legalBasis: 'TTTL 14 a §',
      startEvent: 'application_received',
      startedOn: a.receivedOn,
      dueOn: deadline.dueOn,
      rule: deadline.rule,
      urgent: a.urgent,
    },
    a.createdBy,
  )
  if (a.handlerId) await openRelationship(trx, a.personId, a.handlerId, a.createdBy ?? a.handlerId, today)
  return row.id
}

export function createInput(personId: string, body: ApplicationCreate, handlerId: string | null, createdBy: string): NewApplication {
  return {
    personId,
    unitId: body.unitId,
    channel: body.channel,
    kelaCaseRef: null,
    receivedOn: body.receivedOn,
    urgent: body.urgent,
    periodStart: body.periodStart,
    periodEnd: body.periodEnd,
    members: body.members,
    claims: body.claims,
    housingCapped: body.housingCapped ?? false,
    kelaBasic: null,
    handlerId,
    createdBy,
  }
}

function assertOpen(row: ApplicationRow) {
  if (row.state !== 'received' && row.state !== 'in_preparation') throw notOpen
}

function assertVersion(row: ApplicationRow, version: number) {
  if (row.version !== version) throw stale
}

const bump = { version: sql<number>`version + 1`, updated_at: sql<Date>`now()` }

export async function updateApplication(scope: ClientScope, applicationId: string, body: ApplicationUpdate, lang: Lang, mode: WorkingDayMode, now: Date, byUser: string) {
  const { trx } = scope
  const row = await applicationRow(trx, scope.personId, applicationId)
  assertVersion(row, body.version)
  assertOpen(row)
  checkPeriod(body.periodStart, body.periodEnd)
  const members = await checkMembers(trx, scope.personId, body.members)
  checkClaims(body.claims, body.members)
  calculateOrThrow({ ...body, members }, await engineParameters(trx), lang)
  const deadline = deadlineOf({ ...row, urgent: body.urgent }, mode)
  await trx
    .updateTable('income_support_application')
    .set({
      urgent: body.urgent,
      period_start: body.periodStart,
      period_end: body.periodEnd,
      claims: JSON.stringify(body.claims),
      housing_capped: body.housingCapped,
      ...bump,
    })
    .where('id', '=', applicationId)
    .execute()
  await moveDeadline(trx, DEADLINE_KIND, applicationId, { dueOn: deadline.dueOn, rule: deadline.rule, urgent: body.urgent, on: todayInHelsinki(now), reason: 'urgency', byUser })
  await writeMembers(trx, applicationId, body.members)
}

export async function requestCompletion(scope: ClientScope, applicationId: string, body: CompletionRequest, mode: WorkingDayMode, now: Date, byUser: string) {
  const { trx } = scope
  const row = await applicationRow(trx, scope.personId, applicationId)
  assertVersion(row, body.version)
  assertOpen(row)
  const today = todayInHelsinki(now)
  const issues: FieldIssue[] = []
  if (body.requestedOn > today) issues.push({ field: 'requestedOn', code: 'is.date.future' })
  if (body.requestedOn < row.received_on) issues.push({ field: 'requestedOn', code: 'is.date.before_received' })
  if (body.dueOn < body.requestedOn) issues.push({ field: 'dueOn', code: 'is.completion.due_before_request' })
  if (issues.length) throw problems.validation(issues)
  const fields = { completion_requested_on: body.requestedOn, completion_due_on: body.dueOn, completion_answered_on: null }
  const deadline = deadlineOf({ ...row, ...fields }, mode)
  await trx
    .updateTable('income_support_application')
    .set({ ...fields, completion_request: body.request.trim(), ...bump })
    .where('id', '=', applicationId)
    .execute()
  await moveDeadline(trx, DEADLINE_KIND, applicationId, { dueOn: deadline.dueOn, rule: deadline.rule, on: today, reason: 'completion_requested', byUser })
}

export async function answerCompletion(scope: ClientScope, applicationId: string, body: CompletionAnswer, mode: WorkingDayMode, now: Date, byUser: string) {
  const { trx } = scope
  const row = await applicationRow(trx, scope.personId, applicationId)
  assertVersion(row, body.version)
  assertOpen(row)
  if (!row.completion_requested_on) throw problems.validation([{ field: 'answeredOn', code: 'is.completion.none' }])
  const issues: FieldIssue[] = []
  if (body.answeredOn > todayInHelsinki(now)) issues.push({ field: 'answeredOn', code: 'is.date.future' })
  if (body.answeredOn < row.completion_requested_on) issues.push({ field: 'answeredOn', code: 'is.date.before_received' })
  if (issues.length) throw problems.validation(issues)
  const deadline = deadlineOf({ ...row, completion_answered_on: body.answeredOn }, mode)
  await trx
    .updateTable('income_support_application')
    .set({ completion_answered_on: body.answeredOn, ...bump })
    .where('id', '=', applicationId)
    .execute()
  await moveDeadline(trx, DEADLINE_KIND, applicationId, { dueOn: deadline.dueOn, rule: deadline.rule, on: todayInHelsinki(now), reason: 'completion_answered', byUser })
}

/**
 * Registers an application received on paper or as an e-form, as the role event's one transaction: the applicant must
 * be in the registry (not merged away) and the unit active. Answers the application as it now is and every client it
 * names (the applicant and the household members) for the one audit row: the registrar sees what they registered.
 */
export async function registerApplication(
  trx: Trx,
  personId: string,
  body: ApplicationCreate,
  opts: { handlerId: string | null; createdBy: string; lang: Lang; mode: WorkingDayMode; now: Date },
): Promise<{ application: Application; clientIds: string[] }> {
  const exists = await trx.selectFrom('person').select('id').where('id', '=', personId).where('merged_into', 'is', null).executeTakeFirst()
  if (!exists) throw problems.notFound()
  const unit = await trx.selectFrom('unit').select('id').where('id', '=', body.unitId).where('active', '=', true).executeTakeFirst()
  if (!unit) throw problems.validation([{ field: 'unitId', code: 'is.unit.not_yours' }])
  const id = await insertApplication(trx, createInput(personId, body, opts.handlerId, opts.createdBy), opts.lang, opts.mode, opts.now)
  const touched = new Set([personId, ...body.members.map((m) => m.personId)])
  const scope: ClientScope = { trx, personId, basis: 'relationship', touch: (...ids: string[]) => ids.forEach((x) => touched.add(x)) }
  const application = await readApplication(scope, id, opts.lang, opts.now)
  return { application, clientIds: [...touched] }
}

/**
 * Whether a handler may be given applications of a unit on a day: an active user with a valid grant there in income
 * support as a benefit handler, social worker or supervisor.
 */
export async function eligibleHandler(trx: Trx, handlerId: string, unitId: string, today: LocalDate): Promise<boolean> {
  return hasLiveGrant(trx, { userId: handlerId, unitId, serviceTask: SERVICE_TASK, roles: ['benefit_handler', 'social_worker', 'supervisor'], on: today })
}

/**
 * Take an application from the unit's queue (or, as a supervisor, give it to a handler): the handler becomes the
 * responsible worker of the client in income support. Returns the client id for the audit row.
 */
export async function assign(
  trx: Trx,
  applicationId: string,
  version: number,
  opts: { userId: string; handlerId: string; units: string[]; mayAssignOthers: boolean; today: string; assignable: (unitId: string) => Promise<boolean> },
): Promise<string> {
  const row = await trx.selectFrom('income_support_application').selectAll().where('id', '=', applicationId).executeTakeFirst()
  // an application outside the user's units answers like a missing one
  if (!row || !opts.units.includes(row.unit_id)) throw problems.notFound()
  if (row.version !== version) throw stale
  if (row.state !== 'received' && row.state !== 'in_preparation') throw notOpen
  if (opts.handlerId !== opts.userId) {
    if (!opts.mayAssignOthers) throw problems.validation([{ field: 'handlerId', code: 'is.handler.others_supervisor_only' }])
    if (!(await opts.assignable(row.unit_id))) throw problems.validation([{ field: 'handlerId', code: 'is.handler.not_eligible' }])
  }
  await trx
    .updateTable('income_support_application')
    .set({ handler_id: opts.handlerId, state: 'in_preparation', ...bump })
    .where('id', '=', applicationId)
    .execute()
  await assignDeadline(trx, DEADLINE_KIND, applicationId, { userId: opts.handlerId, on: opts.today, byUser: opts.userId })
  await openRelationship(trx, row.person_id, opts.handlerId, opts.userId, opts.today)
  return row.person_id
}

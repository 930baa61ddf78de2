// the kernel's and this module's tables in the database type (declaration merging)
import type {} from '../../kernel/schema'
import type {} from './schema'
import type { AssessmentInput, CareOrderInput, CareOrderResult, ChildWelfareRecord, CourtApplication, EndPlacementInput, ExtensionInput, Placement, UrgentPlacementInput } from '@huoma/contract'
import { addDays, afterCareEligible, ageOn, childWelfareDue, compareLocalDates, localDate, type LocalDate, type WorkingDayMode } from '@huoma/domain'
import { sql } from 'kysely'
import type { ClientScope } from '../../access/client-access'
import { insertDecision } from '../../kernel/decisions/decisions'
import type { DecisionType } from '../../kernel/decisions/types'
import { meetDeadline, moveDeadline, openDeadline } from '../../kernel/deadlines'
import { problems, type FieldIssue } from '../../http/problem'
import type { Lang } from '../../http/language'
import { CARE_END, CARE_ORDER, CHILD_WELFARE_DECISION_TYPES, URGENT_PLACEMENT, URGENT_PLACEMENT_EXTENSION } from './decision-types'
import { deadlineInfo, SERVICE_TASK } from './notifications'
import { readBans, readMeasures } from './measures-read'

/**
 * The child's child welfare record, through the client chokepoint in the child welfare register: the matters with
 * their assessments, the decisions, the placements outside the home as a timeline, and the care order applications
 * to the court. Every change checks its dates and overlaps first and writes nothing on a refusal (one transaction).
 */

const URGENT_KIND = 'child_welfare.urgent_placement'
const COMPLETE_KIND = 'child_welfare.assessment_complete'

const ageOrNull = (birthDate: string | null, on: LocalDate): number | null => (birthDate ? ageOn(localDate(birthDate), on) : null)

const name = (p: { first_names: string; last_name: string }) => `${p.last_name} ${p.first_names}`.trim()


/** The child's current guardians (the registry's guardian relations valid on the day). */
export async function guardiansOf(scope: ClientScope, on: string) {
  return scope.trx
    .selectFrom('person_relation as r')
    .innerJoin('person as g', 'g.id', 'r.related_id')
    .select(['g.id', 'g.first_names', 'g.last_name'])
    .where('r.person_id', '=', scope.personId)
    .where('r.kind', '=', 'guardian')
    .where((eb) => eb.or([eb('r.valid_from', 'is', null), eb('r.valid_from', '<=', on)]))
    .where((eb) => eb.or([eb('r.valid_until', 'is', null), eb('r.valid_until', '>=', on)]))
    .orderBy('g.last_name')
    .orderBy('g.first_names')
    .execute()
}

/**
 * What the young person's after-care follows (LSL 75 §): the latest ended substitute care (a care order), or an
 * open-care placement (of six months or more, which the domain checks); null when none has ended.
 */
export function afterCareBasis(
  birthDate: string | null,
  placements: readonly { id: string; basis: string; starts_on: string; ends_on: string | null }[],
): { input: Parameters<typeof afterCareEligible>[0]; placementId: string } | null {
  const ended = [...placements].sort((a, b) => a.starts_on.localeCompare(b.starts_on)).reverse().find((p) => p.ends_on && (p.basis === 'care_order' || p.basis === 'open_care'))
  if (!ended || !birthDate) return null
  return {
    input: {
      birthDate: localDate(birthDate),
      endedPlacement: { kind: ended.basis === 'care_order' ? 'substitute_care' : 'open_care_placement', startedOn: localDate(ended.starts_on), endedOn: localDate(ended.ends_on!) },
    },
    placementId: ended.id,
  }
}

export async function readRecord(scope: ClientScope, o: { today: LocalDate; mode: WorkingDayMode; lang: Lang }): Promise<ChildWelfareRecord> {
  const { trx, personId } = scope
  const person = await trx.selectFrom('person').select(['id', 'first_names', 'last_name', 'birth_date']).where('id', '=', personId).executeTakeFirstOrThrow()
  const guardians = await guardiansOf(scope, o.today)
  scope.touch(...guardians.map((g) => g.id))
  const matters = await trx
    .selectFrom('cw_matter as m')
    .innerJoin('cw_notification as n', 'n.id', 'm.notification_id')
    .leftJoin('staff_user as r', 'r.id', 'm.responsible_user_id')
    .leftJoin('cw_assessment as a', 'a.matter_id', 'm.id')
    .leftJoin('staff_user as ab', 'ab.id', 'a.completed_by')
    .leftJoin('deadline as dl', (j) => j.onRef('dl.subject_id', '=', 'm.id').on('dl.kind', '=', COMPLETE_KIND))
    .select([
      'm.id', 'm.notification_id', 'n.receipt', 'm.pending_on', 'm.state', 'm.version', 'r.display_name as responsible_name',
      'a.child_views', 'a.guardian_views', 'a.summary', 'a.conclusion', 'a.completed_on', 'ab.display_name as completed_by_name',
      'dl.due_on', 'dl.state as dl_state', 'dl.met_on',
    ])
    .where('m.person_id', '=', personId)
    .orderBy('m.pending_on', 'desc')
    .execute()
  const decisions = await trx
    .selectFrom('decision as d')
    .innerJoin('staff_user as u', 'u.id', 'd.decision_maker_id')
    .select(['d.id', 'd.number', 'd.decision_type', 'd.decided_on', 'd.outcome', 'u.display_name'])
    .where('d.person_id', '=', personId)
    .where('d.decision_type', 'in', CHILD_WELFARE_DECISION_TYPES.map((t) => t.code))
    .orderBy('d.decided_at')
    .execute()
  const placements = await trx
    .selectFrom('cw_placement as p')
    .leftJoin('provider as pr', 'pr.id', 'p.provider_id')
    .leftJoin('deadline as dl', (j) => j.onRef('dl.subject_id', '=', 'p.id').on('dl.kind', '=', URGENT_KIND))
    .selectAll('p')
    .select(['pr.name as provider_name', 'dl.due_on', 'dl.state as dl_state', 'dl.met_on'])
    .where('p.person_id', '=', personId)
    .orderBy('p.starts_on')
    .execute()
  const apps = await trx
    .selectFrom('cw_court_application as c')
    .innerJoin('staff_user as u', 'u.id', 'c.prepared_by')
    .selectAll('c')
    .select('u.display_name')
    .where('c.person_id', '=', personId)
    .orderBy('c.prepared_on')
    .execute()
  const named = new Map<string, string>([[person.id, name(person)], ...guardians.map((g): [string, string] => [g.id, name(g)])])
  const decisionRef = (id: string | null) => {
    const d = id ? decisions.find((x) => x.id === id) : undefined
    return d ? { id: d.id, number: d.number, maker: d.display_name } : null
  }
  const basis = afterCareBasis(person.birth_date, placements)
  const afterCare = basis ? { ...afterCareEligible(basis.input, o.today), placementId: basis.placementId } : null
  return {
    afterCare,
    measures: await readMeasures(scope),
    bans: await readBans(scope),
    person: { id: person.id, name: name(person), birthDate: person.birth_date, ageToday: ageOrNull(person.birth_date, o.today) },
    guardians: guardians.map((g) => ({ id: g.id, name: name(g) })),
    matters: matters.map((m) => ({
      id: m.id,
      notificationId: m.notification_id,
      receipt: m.receipt,
      pendingOn: m.pending_on,
      state: m.state,
      responsibleName: m.responsible_name,
      completeDeadline: m.due_on && m.dl_state ? deadlineInfo({ due_on: m.due_on, state: m.dl_state, met_on: m.met_on }, o.today, o.mode) : null,
      assessment:
        m.conclusion && m.completed_on
          ? { childViews: m.child_views ?? '', guardianViews: m.guardian_views ?? '', summary: m.summary ?? '', conclusion: m.conclusion, completedOn: m.completed_on, completedBy: m.completed_by_name ?? '' }
          : null,
      version: m.version,
    })),
    decisions: decisions.map((d) => ({ id: d.id, number: d.number, type: d.decision_type, decidedOn: d.decided_on, maker: d.display_name, outcome: d.outcome })),
    placements: placements.map(
      (p): Placement => ({
        id: p.id,
        basis: p.basis,
        form: p.form,
        place: p.provider_name ?? p.place_name ?? '',
        providerId: p.provider_id,
        reasons: p.reasons,
        startsOn: p.starts_on,
        endsOn: p.ends_on,
        decision: decisionRef(p.decision_id)!,
        extension: decisionRef(p.extension_decision_id),
        deadline: p.due_on && p.dl_state ? deadlineInfo({ due_on: p.due_on, state: p.dl_state, met_on: p.met_on }, o.today, o.mode) : null,
        version: p.version,
      }),
    ),
    courtApplications: apps.map(
      (c): CourtApplication => ({
        id: c.id,
        number: c.number,
        preparedOn: c.prepared_on,
        preparedBy: c.display_name,
        positions: c.positions.map((p) => ({ personId: p.personId, name: named.get(p.personId) ?? '', role: p.role, position: p.position, heardOn: p.heardOn, note: p.note })),
        filedOn: c.filed_on,
      }),
    ),
  }
}

// ---- The assessment ---------------------------------------------------------------------------------------------

/**
 * Completes the assessment of one of the child's matters with its conclusion: meets the 3-month deadline on the day
 * (late when after it). A child found not to need child welfare ends the child welfare relationships opened for the
 * assessment, unless the child is placed or another matter is still being assessed.
 */
export async function completeAssessment(scope: ClientScope, matterId: string, input: AssessmentInput, o: { userId: string; today: LocalDate }): Promise<void> {
  const { trx, personId } = scope
  const m = await trx.selectFrom('cw_matter').selectAll().where('id', '=', matterId).where('person_id', '=', personId).forUpdate().executeTakeFirst()
  if (!m) throw problems.notFound()
  if (m.version !== input.version) throw problems.conflict()
  const issues: FieldIssue[] = []
  if (m.state !== 'assessment') issues.push({ field: 'matter', code: 'cw.assessment.not_started' })
  if (compareLocalDates(localDate(input.completedOn), localDate(m.pending_on)) < 0) issues.push({ field: 'completedOn', code: 'cw.start.before_pending', params: { pendingOn: m.pending_on } })
  if (m.start_decided_on && compareLocalDates(localDate(input.completedOn), localDate(m.start_decided_on)) < 0) issues.push({ field: 'completedOn', code: 'cw.assessment.before_start', params: { startedOn: m.start_decided_on } })
  if (compareLocalDates(localDate(input.completedOn), o.today) > 0) issues.push({ field: 'completedOn', code: 'cw.date.future' })
  if (issues.length) throw problems.validation(issues)
  await trx
    .insertInto('cw_assessment')
    .values({
      matter_id: matterId,
      person_id: personId,
      child_views: input.childViews.trim(),
      guardian_views: input.guardianViews.trim(),
      summary: input.summary.trim(),
      conclusion: input.conclusion,
      completed_on: input.completedOn,
      completed_by: o.userId,
    })
    .execute()
  await trx.updateTable('cw_matter').set({ state: 'closed', version: sql<number>`version + 1` }).where('id', '=', matterId).execute()
  await meetDeadline(trx, COMPLETE_KIND, matterId, { on: input.completedOn, byUser: o.userId })
  if (input.conclusion === 'not_client') {
    const busy = await trx
      .selectFrom('cw_matter')
      .select('id')
      .where('person_id', '=', personId)
      .where('state', '=', 'assessment')
      .unionAll(trx.selectFrom('cw_placement').select('id').where('person_id', '=', personId).where('ends_on', 'is', null))
      .executeTakeFirst()
    if (!busy) {
      await trx
        .updateTable('client_relationship')
        .set({ end_date: input.completedOn, end_reason: 'needs_met' })
        .where('person_id', '=', personId)
        .where('service_task', '=', SERVICE_TASK)
        .where('start_reason', '=', 'notification')
        .where('end_date', 'is', null)
        .where('start_date', '<=', input.completedOn)
        .execute()
    }
  }
}

// ---- Placements -------------------------------------------------------------------------------------------------

interface Place {
  form: Placement['form']
  providerId?: string | null | undefined
  placeName?: string | null | undefined
  reasons: readonly string[]
}

export async function placeIssues(scope: ClientScope, p: Place, on: string): Promise<FieldIssue[]> {
  const issues: FieldIssue[] = []
  if (p.providerId) {
    const provider = await scope.trx
      .selectFrom('provider')
      .select('id')
      .where('id', '=', p.providerId)
      .where('valid_from', '<=', on)
      .where((eb) => eb.or([eb('valid_until', 'is', null), eb('valid_until', '>=', on)]))
      .executeTakeFirst()
    if (!provider) issues.push({ field: 'providerId', code: 'cw.place.provider' })
  } else if (!p.placeName?.trim()) issues.push({ field: 'providerId', code: 'cw.place.required' })
  return issues
}

/** Placements of the child that overlap [from, to] (to null: open-ended), other than those listed. */
export async function overlapping(scope: ClientScope, from: string, to: string | null, except: string[] = []) {
  return scope.trx
    .selectFrom('cw_placement')
    .select(['id', 'basis', 'starts_on', 'ends_on'])
    .where('person_id', '=', scope.personId)
    .where((eb) => eb.or([eb('ends_on', 'is', null), eb('ends_on', '>=', from)]))
    .$if(to !== null, (q) => q.where('starts_on', '<=', to!))
    .$if(except.length > 0, (q) => q.where('id', 'not in', except))
    .execute()
}

/** Serialises the child's placement changes (two officials placing the same child at once). */
export async function lockChild(scope: ClientScope) {
  await scope.trx.selectFrom('person').select('id').where('id', '=', scope.personId).forUpdate().execute()
}

export async function decide(scope: ClientScope, type: DecisionType, o: { unitId: string; userId: string; decidedOn: string; language: 'fi' | 'sv'; reasons: string; subjectId: string | null; items: unknown[]; outcome: string }) {
  return insertDecision(scope, type, {
    unitId: o.unitId,
    subjectId: o.subjectId,
    correctsId: null,
    decidedOn: o.decidedOn,
    makerId: o.userId,
    language: o.language,
    outcome: o.outcome,
    reasons: o.reasons,
    items: o.items,
  })
}

/**
 * The urgent placement (LSL 38 §): the decision, the placement, and its statutory end on the responsible worker's
 * worklist — day 30 of the period that starts on the day the child was placed, or on the decision day when the
 * decision came first.
 */
export async function urgentPlacement(scope: ClientScope, input: UrgentPlacementInput, o: { unitId: string; userId: string; today: LocalDate; mode: WorkingDayMode }): Promise<void> {
  await lockChild(scope)
  const issues: FieldIssue[] = []
  if (compareLocalDates(localDate(input.decidedOn), o.today) > 0) issues.push({ field: 'decidedOn', code: 'cw.date.future' })
  if (compareLocalDates(localDate(input.placedOn), addDays(o.today, 30)) > 0) issues.push({ field: 'placedOn', code: 'cw.date.future' })
  issues.push(...(await placeIssues(scope, input, input.placedOn)))
  const start = compareLocalDates(localDate(input.placedOn), localDate(input.decidedOn)) < 0 ? input.placedOn : input.decidedOn
  const end = childWelfareDue('urgent_placement', localDate(start), o.mode)
  const clash = await overlapping(scope, start, end)
  if (clash.length) issues.push({ field: 'placedOn', code: 'cw.placement.overlap', params: { from: clash[0]!.starts_on } })
  if (issues.length) throw problems.validation(issues)
  const placementId = crypto.randomUUID()
  const d = await decide(scope, URGENT_PLACEMENT, {
    unitId: o.unitId,
    userId: o.userId,
    decidedOn: input.decidedOn,
    language: input.language ?? 'fi',
    reasons: input.decisionReasons,
    subjectId: placementId,
    items: [{ form: input.form, providerId: input.providerId ?? null, placeName: input.placeName ?? null, placedOn: input.placedOn, reasons: input.reasons, endsAtLatest: end }],
    outcome: 'placed',
  })
  await scope.trx
    .insertInto('cw_placement')
    .values({ id: placementId, person_id: scope.personId, basis: 'urgent', decision_id: d.id, form: input.form, provider_id: input.providerId ?? null, place_name: input.placeName?.trim() || null, reasons: [...input.reasons], starts_on: start })
    .execute()
  await openDeadline(
    scope.trx,
    {
      kind: URGENT_KIND,
      serviceTask: SERVICE_TASK,
      unitId: o.unitId,
      personId: scope.personId,
      responsibleUserId: o.userId,
      subjectId: placementId,
      legalBasis: 'LSL 38 §',
      startEvent: 'urgent_placement',
      startedOn: start,
      dueOn: end,
      rule: 'thirtieth_day',
      urgent: true,
    },
    o.userId,
  )
}

/**
 * The one extension of an urgent placement (LSL 38 a §), by another official than the one who placed the child,
 * decided before the 30 days ran out: the statutory end moves to day 60 of the same period.
 */
export async function extendUrgentPlacement(scope: ClientScope, placementId: string, input: ExtensionInput, o: { unitId: string; userId: string; today: LocalDate; mode: WorkingDayMode }): Promise<void> {
  await lockChild(scope)
  const p = await scope.trx
    .selectFrom('cw_placement as p')
    .innerJoin('decision as d', 'd.id', 'p.decision_id')
    .selectAll('p')
    .select('d.decision_maker_id')
    .where('p.id', '=', placementId)
    .where('p.person_id', '=', scope.personId)
    .executeTakeFirst()
  if (!p || p.basis !== 'urgent') throw problems.notFound()
  if (p.version !== input.version) throw problems.conflict()
  const deadline = await scope.trx.selectFrom('deadline').select(['due_on', 'state']).where('kind', '=', URGENT_KIND).where('subject_id', '=', placementId).executeTakeFirstOrThrow()
  const issues: FieldIssue[] = []
  if (p.extension_decision_id) issues.push({ field: 'placement', code: 'cw.extension.once' })
  if (p.ends_on) issues.push({ field: 'placement', code: 'cw.placement.ended' })
  if (p.decision_maker_id === o.userId) issues.push({ field: 'decisionMaker', code: 'cw.extension.same_official' })
  if (compareLocalDates(localDate(input.decidedOn), localDate(p.starts_on)) < 0) issues.push({ field: 'decidedOn', code: 'cw.extension.before_placement', params: { startsOn: p.starts_on } })
  if (compareLocalDates(localDate(input.decidedOn), localDate(deadline.due_on)) > 0) issues.push({ field: 'decidedOn', code: 'cw.extension.late', params: { dueOn: deadline.due_on } })
  if (compareLocalDates(localDate(input.decidedOn), o.today) > 0) issues.push({ field: 'decidedOn', code: 'cw.date.future' })
  if (issues.length) throw problems.validation(issues)
  const newEnd = childWelfareDue('urgent_placement_extended', localDate(p.starts_on), o.mode)
  const d = await decide(scope, URGENT_PLACEMENT_EXTENSION, {
    unitId: o.unitId,
    userId: o.userId,
    decidedOn: input.decidedOn,
    language: input.language ?? 'fi',
    reasons: input.decisionReasons,
    subjectId: placementId,
    items: [{ placementId, previousEnd: deadline.due_on, endsAtLatest: newEnd }],
    outcome: 'extended',
  })
  await scope.trx.updateTable('cw_placement').set({ extension_decision_id: d.id, version: sql<number>`version + 1` }).where('id', '=', placementId).execute()
  await moveDeadline(scope.trx, URGENT_KIND, placementId, { dueOn: newEnd, rule: 'extended_sixtieth_day', on: input.decidedOn, reason: 'LSL 38 a §', byUser: o.userId })
}

/**
 * A care order (LSL 40 §) after hearing every guardian and the child of 12 or over (LSL 42 §): when none of them
 * objects, the official decides it and the child's substitute care begins (ending an urgent placement the day
 * before); when one objects, the matter goes to the administrative court on the municipality's application
 * (LSL 43 § 2 mom), prepared here as a document to file.
 */
export async function careOrder(scope: ClientScope, input: CareOrderInput, o: { unitId: string; userId: string; today: LocalDate }): Promise<CareOrderResult> {
  await lockChild(scope)
  const { trx, personId } = scope
  const child = await trx.selectFrom('person').select(['birth_date']).where('id', '=', personId).executeTakeFirstOrThrow()
  const guardians = await guardiansOf(scope, input.decidedOn)
  scope.touch(...guardians.map((g) => g.id))
  const issues: FieldIssue[] = []
  if (compareLocalDates(localDate(input.decidedOn), o.today) > 0) issues.push({ field: 'decidedOn', code: 'cw.date.future' })
  if (compareLocalDates(localDate(input.startsOn), localDate(input.decidedOn)) < 0) issues.push({ field: 'startsOn', code: 'cw.care.starts_before_decision' })
  const byPerson = new Map(input.positions.map((p) => [p.personId, p]))
  for (const g of guardians) if (!byPerson.has(g.id)) issues.push({ field: 'positions', code: 'cw.care.guardian_missing', params: { name: `${g.first_names} ${g.last_name}` } })
  const age = ageOrNull(child.birth_date, localDate(input.decidedOn))
  if (age !== null && age >= 12 && !byPerson.has(personId)) issues.push({ field: 'positions', code: 'cw.care.child_missing' })
  for (const p of input.positions) {
    if (p.personId !== personId && !guardians.some((g) => g.id === p.personId)) issues.push({ field: 'positions', code: 'cw.care.not_a_party' })
    if (p.position === 'not_heard' && !p.note?.trim()) issues.push({ field: 'positions', code: 'cw.care.not_heard_reason' })
    if (p.position !== 'not_heard' && !p.heardOn) issues.push({ field: 'positions', code: 'cw.care.heard_on' })
    if (p.heardOn && compareLocalDates(localDate(p.heardOn), localDate(input.decidedOn)) > 0) issues.push({ field: 'positions', code: 'cw.care.heard_after' })
  }
  issues.push(...(await placeIssues(scope, input, input.startsOn)))
  const objection = input.positions.some((p) => p.position === 'objection')
  const urgent = await trx.selectFrom('cw_placement').selectAll().where('person_id', '=', personId).where('basis', '=', 'urgent').where('ends_on', 'is', null).executeTakeFirst()
  if (!objection) {
    const clash = (await overlapping(scope, input.startsOn, null, urgent ? [urgent.id] : [])).filter((c) => c.basis !== 'after_care')
    if (clash.length) issues.push({ field: 'startsOn', code: 'cw.placement.overlap', params: { from: clash[0]!.starts_on } })
    if (urgent && compareLocalDates(localDate(input.startsOn), localDate(urgent.starts_on)) <= 0) issues.push({ field: 'startsOn', code: 'cw.placement.overlap', params: { from: urgent.starts_on } })
  }
  if (issues.length) throw problems.validation(issues)
  const positions = input.positions.map((p) => ({ personId: p.personId, role: p.personId === personId ? ('child' as const) : ('guardian' as const), position: p.position, heardOn: p.heardOn ?? null, note: p.note?.trim() || null }))
  if (objection) {
    const app = await trx
      .insertInto('cw_court_application')
      .values({
        person_id: personId,
        unit_id: o.unitId,
        prepared_on: input.decidedOn,
        prepared_by: o.userId,
        positions: JSON.stringify(positions),
        reasons: input.decisionReasons.trim(),
        form: input.form,
        provider_id: input.providerId ?? null,
        place_name: input.placeName?.trim() || null,
        language: input.language ?? 'fi',
      })
      .returning(['id', 'number'])
      .executeTakeFirstOrThrow()
    return { outcome: 'court_application', applicationId: app.id, applicationNumber: Number(app.number) }
  }
  const placementId = crypto.randomUUID()
  const d = await decide(scope, CARE_ORDER, {
    unitId: o.unitId,
    userId: o.userId,
    decidedOn: input.decidedOn,
    language: input.language ?? 'fi',
    reasons: input.decisionReasons,
    subjectId: placementId,
    items: [{ form: input.form, providerId: input.providerId ?? null, placeName: input.placeName ?? null, startsOn: input.startsOn, reasons: input.reasons, positions }],
    outcome: 'care_order',
  })
  if (urgent) {
    await trx.updateTable('cw_placement').set({ ends_on: addDays(localDate(input.startsOn), -1), version: sql<number>`version + 1` }).where('id', '=', urgent.id).execute()
    await meetDeadline(trx, URGENT_KIND, urgent.id, { on: input.decidedOn, byUser: o.userId })
  }
  await trx
    .insertInto('cw_placement')
    .values({ id: placementId, person_id: personId, basis: 'care_order', decision_id: d.id, form: input.form, provider_id: input.providerId ?? null, place_name: input.placeName?.trim() || null, reasons: [...input.reasons], starts_on: input.startsOn })
    .execute()
  return { outcome: 'decision', decisionId: d.id, decisionNumber: d.number, placementId }
}

/**
 * The care order application was filed with the administrative court: an urgent placement of the child then
 * continues until the court decides (LSL 38 § 2 mom) — its 30-day deadline is met on the filing day.
 */
export async function courtApplicationFiled(scope: ClientScope, applicationId: string, filedOn: string, o: { userId: string; today: LocalDate }): Promise<void> {
  await lockChild(scope)
  const a = await scope.trx.selectFrom('cw_court_application').selectAll().where('id', '=', applicationId).where('person_id', '=', scope.personId).executeTakeFirst()
  if (!a) throw problems.notFound()
  const issues: FieldIssue[] = []
  if (a.filed_on) issues.push({ field: 'filedOn', code: 'cw.court.filed' })
  if (compareLocalDates(localDate(filedOn), localDate(a.prepared_on)) < 0) issues.push({ field: 'filedOn', code: 'cw.court.before_prepared', params: { preparedOn: a.prepared_on } })
  if (compareLocalDates(localDate(filedOn), o.today) > 0) issues.push({ field: 'filedOn', code: 'cw.date.future' })
  if (issues.length) throw problems.validation(issues)
  await scope.trx.updateTable('cw_court_application').set({ filed_on: filedOn }).where('id', '=', applicationId).execute()
  const urgent = await scope.trx.selectFrom('cw_placement').select('id').where('person_id', '=', scope.personId).where('basis', '=', 'urgent').where('ends_on', 'is', null).executeTakeFirst()
  if (urgent) await meetDeadline(scope.trx, URGENT_KIND, urgent.id, { on: filedOn, byUser: o.userId })
}

/**
 * Ends a placement: a care order by a decision to end the care (LSL 47 §), from which the child's after-care
 * follows; an urgent or open-care placement on the day the child left (a factual act, whose deadline is then met).
 */
export async function endPlacement(scope: ClientScope, placementId: string, input: EndPlacementInput, o: { unitId: string; userId: string; today: LocalDate }): Promise<void> {
  await lockChild(scope)
  const p = await scope.trx.selectFrom('cw_placement').selectAll().where('id', '=', placementId).where('person_id', '=', scope.personId).executeTakeFirst()
  if (!p) throw problems.notFound()
  if (p.version !== input.version) throw problems.conflict()
  const issues: FieldIssue[] = []
  if (p.ends_on) issues.push({ field: 'placement', code: 'cw.placement.ended' })
  if (compareLocalDates(localDate(input.endsOn), localDate(p.starts_on)) < 0) issues.push({ field: 'endsOn', code: 'cw.placement.end_before_start', params: { startsOn: p.starts_on } })
  if (compareLocalDates(localDate(input.endsOn), o.today) > 0) issues.push({ field: 'endsOn', code: 'cw.date.future' })
  const reasons = input.decisionReasons?.trim() ?? ''
  if (p.basis === 'care_order' && reasons.length < 10) issues.push({ field: 'decisionReasons', code: 'cw.placement.end_reasons' })
  if (issues.length) throw problems.validation(issues)
  if (p.basis === 'care_order') {
    await decide(scope, CARE_END, {
      unitId: o.unitId,
      userId: o.userId,
      decidedOn: input.endsOn,
      language: input.language ?? 'fi',
      reasons,
      subjectId: placementId,
      items: [{ placementId, endsOn: input.endsOn }],
      outcome: 'care_ended',
    })
  }
  await scope.trx.updateTable('cw_placement').set({ ends_on: input.endsOn, version: sql<number>`version + 1` }).where('id', '=', placementId).execute()
  // a placing support measure ends with its placement
  await scope.trx.updateTable('cw_support_measure').set({ ends_on: input.endsOn, version: sql<number>`version + 1` }).where('placement_id', '=', placementId).execute()
  if (p.basis === 'urgent') {
    const d = await scope.trx.selectFrom('deadline').select('state').where('kind', '=', URGENT_KIND).where('subject_id', '=', placementId).executeTakeFirst()
    if (d && (d.state === 'open' || d.state === 'paused')) await meetDeadline(scope.trx, URGENT_KIND, placementId, { on: input.endsOn, byUser: o.userId })
  }
}

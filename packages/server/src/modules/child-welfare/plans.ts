// this module's and the kernel's tables in the database type (declaration merging)
import type {} from './schema'
import type {} from '../../kernel/schema'
import type { Plan, PlanInput } from '@huoma/contract'
import { childWelfareDue, compareLocalDates, localDate, type LocalDate, type WorkingDayMode } from '@huoma/domain'
import type { ClientScope } from '../../access/client-access'
import { openDeadline, moveDeadline } from '../../kernel/deadlines'
import { problems, type FieldIssue } from '../../http/problem'
import { deadlineInfo, SERVICE_TASK } from './notifications'

/**
 * The client plan (asiakassuunnitelma, LSL 30 §): every child welfare client has one, reviewed as needed and at least
 * yearly; a placed child's parents get their own. A review is a new version replacing the current one (the old stay
 * readable); the plan's `child_welfare.plan_review` deadline (one per child and kind) moves with each version.
 */
const REVIEW_KIND = 'child_welfare.plan_review'
/** The review deadline's subject: the first plan of the kind, so that every later version moves the same deadline. */
const reviewSubject = async (scope: ClientScope, kind: 'child' | 'parents') => {
  const first = await scope.trx.selectFrom('cw_plan').select('id').where('person_id', '=', scope.personId).where('kind', '=', kind).where('replaces_id', 'is', null).executeTakeFirst()
  return first?.id ?? null
}

export async function listPlans(scope: ClientScope, o: { today: LocalDate; mode: WorkingDayMode }): Promise<Plan[]> {
  const rows = await scope.trx
    .selectFrom('cw_plan as p')
    .innerJoin('staff_user as u', 'u.id', 'p.made_by')
    .leftJoin('cw_plan as n', 'n.replaces_id', 'p.id')
    .selectAll('p')
    .select(['u.display_name', 'n.id as replaced_by'])
    .where('p.person_id', '=', scope.personId)
    .orderBy('p.kind')
    .orderBy('p.made_on', 'desc')
    .orderBy('p.created_at', 'desc')
    .execute()
  const firsts = rows.filter((r) => r.replaces_id === null).map((r) => r.id)
  const deadlines = firsts.length
    ? await scope.trx.selectFrom('deadline').select(['subject_id', 'due_on', 'state', 'met_on']).where('kind', '=', REVIEW_KIND).where('subject_id', 'in', firsts).execute()
    : []
  const rootOf = (id: string): string => {
    let r = rows.find((x) => x.id === id)
    while (r?.replaces_id) r = rows.find((x) => x.id === r!.replaces_id)
    return r?.id ?? id
  }
  return rows.map((r) => {
    const current = !r.replaced_by
    const d = current ? deadlines.find((x) => x.subject_id === rootOf(r.id)) : undefined
    return {
      id: r.id,
      kind: r.kind,
      replacesId: r.replaces_id,
      current,
      goals: r.goals,
      measures: r.measures,
      childViews: r.child_views,
      parentViews: r.parent_views,
      madeOn: r.made_on,
      madeBy: r.display_name,
      reviewBy: r.review_by,
      reviewDeadline: deadlineInfo(d, o.today, o.mode),
    }
  })
}

/** Makes the first plan of its kind, or reviews the current one (a new version). */
export async function makePlan(scope: ClientScope, input: PlanInput, o: { unitId: string; userId: string; today: LocalDate; mode: WorkingDayMode }): Promise<void> {
  const { trx, personId } = scope
  await trx.selectFrom('person').select('id').where('id', '=', personId).forUpdate().execute()
  const issues: FieldIssue[] = []
  const madeOn = localDate(input.madeOn)
  if (compareLocalDates(madeOn, o.today) > 0) issues.push({ field: 'madeOn', code: 'cw.date.future' })
  const latest = childWelfareDue('plan_review', madeOn, o.mode)
  const reviewBy = input.reviewBy ? localDate(input.reviewBy) : latest
  if (compareLocalDates(reviewBy, madeOn) <= 0) issues.push({ field: 'reviewBy', code: 'cw.plan.review_before' })
  if (compareLocalDates(reviewBy, latest) > 0) issues.push({ field: 'reviewBy', code: 'cw.plan.review_yearly', params: { latest } })
  const current = await trx
    .selectFrom('cw_plan as p')
    .select(['p.id', 'p.made_on'])
    .where('p.person_id', '=', personId)
    .where('p.kind', '=', input.kind)
    .where((eb) => eb.not(eb.exists(eb.selectFrom('cw_plan as n').select('n.id').whereRef('n.replaces_id', '=', 'p.id'))))
    .executeTakeFirst()
  // a review names the current version; a first plan names none (someone else's review in between answers 409)
  if ((input.replacesId ?? null) !== (current?.id ?? null)) throw problems.conflict()
  if (current && compareLocalDates(madeOn, localDate(current.made_on)) < 0) issues.push({ field: 'madeOn', code: 'cw.plan.before_previous', params: { previous: current.made_on } })
  if (input.kind === 'parents') {
    const placed = await trx.selectFrom('cw_placement').select('id').where('person_id', '=', personId).where('starts_on', '<=', input.madeOn).where((eb) => eb.or([eb('ends_on', 'is', null), eb('ends_on', '>=', input.madeOn)])).executeTakeFirst()
    if (!placed) issues.push({ field: 'kind', code: 'cw.plan.parents_not_placed' })
  }
  if (issues.length) throw problems.validation(issues)
  const row = await trx
    .insertInto('cw_plan')
    .values({
      person_id: personId,
      kind: input.kind,
      replaces_id: current?.id ?? null,
      goals: input.goals.trim(),
      measures: input.measures.trim(),
      child_views: input.childViews?.trim() || null,
      parent_views: input.parentViews?.trim() || null,
      made_on: madeOn,
      made_by: o.userId,
      review_by: reviewBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  const subject = (await reviewSubject(scope, input.kind)) ?? row.id
  if (!current) {
    await openDeadline(
      trx,
      { kind: REVIEW_KIND, serviceTask: SERVICE_TASK, unitId: o.unitId, personId, responsibleUserId: o.userId, subjectId: subject, legalBasis: 'LSL 30 §', startEvent: 'plan_made', startedOn: madeOn, dueOn: reviewBy, rule: 'yearly_review', urgent: false },
      o.userId,
    )
  } else {
    await moveDeadline(trx, REVIEW_KIND, subject, { dueOn: reviewBy, rule: 'yearly_review', on: madeOn, reason: 'plan reviewed', byUser: o.userId })
  }
}

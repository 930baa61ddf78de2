// the kernel's tables in the database type (declaration merging)
import type {} from '../schema'
import { appealDeadline, deemedNotificationDate, localDate, type LocalDate, type NotificationMethod } from '@huoma/domain'
import { sql } from 'kysely'
import type { ClientScope } from '../../access/client-access'
import type { Executor } from '../../access/audit'
import { HttpProblem, problems, type FieldIssue } from '../../http/problem'
import type { DecisionType } from './types'

/** What a module hands the kernel to make a decision; items are the type's own shape, stored frozen. */
export interface NewDecision {
  unitId: string
  subjectId: string | null
  correctsId: string | null
  decidedOn: LocalDate | string
  makerId: string
  language: 'fi' | 'sv'
  outcome: string
  reasons: string
  items: readonly unknown[]
  /**
   * The register, for a type that serves several (the data protection officer's decisions on a client's requests
   * name the register the request concerns); otherwise the type's own.
   */
  serviceTask?: string
}

export interface DecisionRow {
  id: string
  number: number
  decisionType: string
  serviceTask: string
  personId: string
  unitId: string
  subjectId: string | null
  correctsId: string | null
  correctedById: string | null
  decidedOn: string
  decidedAt: Date
  maker: { id: string; name: string; qualification: string | null }
  language: 'fi' | 'sv'
  appealRoute: 'review_request' | 'administrative_court' | 'none'
  appealDays: number | null
  outcome: string
  reasons: string
  items: unknown[]
  notification: { method: NotificationMethod; sentOn: string | null; notifiedOn: string } | null
  /** the last day to request a review or appeal, once the client has been notified */
  appealDeadline: string | null
}

/** The maker lacks the qualification the decision type requires (403, named in the message). */
export function qualificationMissing(type: DecisionType): HttpProblem {
  return new HttpProblem(403, 'forbidden', {
    type: 'https://huoma.fi/problems/decision-qualification',
    issues: [{ field: 'decisionMaker', code: 'decision.qualification', params: { qualification: type.qualification ?? '' } }],
  })
}

/**
 * Makes a decision of `type` about the scope's client: checks the maker's qualification when the type requires one,
 * then inserts the frozen row (the database refuses any later change, and a second correction of one decision).
 * The caller has validated the type-specific content. Returns the new decision's id and number.
 */
export async function insertDecision(scope: Pick<ClientScope, 'trx' | 'personId'>, type: DecisionType, d: NewDecision): Promise<{ id: string; number: number }> {
  const { trx } = scope
  const maker = await trx.selectFrom('staff_user').select(['qualification']).where('id', '=', d.makerId).executeTakeFirstOrThrow()
  if (type.qualification && maker.qualification !== type.qualification) throw qualificationMissing(type)
  if (!type.outcomes.includes(d.outcome)) throw new Error(`Outcome ${d.outcome} is not one of ${type.code}'s`)
  const issues: FieldIssue[] = []
  if (d.reasons.trim().length < 10) issues.push({ field: 'reasons', code: 'decision.reasons', params: { min: 10 } })
  if (issues.length) throw problems.validation(issues)
  return trx
    .insertInto('decision')
    .values({
      decision_type: type.code,
      service_task: d.serviceTask ?? type.serviceTask,
      person_id: scope.personId,
      unit_id: d.unitId,
      subject_id: d.subjectId,
      corrects_id: d.correctsId,
      decided_on: d.decidedOn,
      decision_maker_id: d.makerId,
      maker_qualification: type.qualification ? maker.qualification : null,
      language: d.language,
      appeal_route: type.appeal.route,
      appeal_days: type.appeal.route === 'none' ? null : type.appeal.days,
      outcome: d.outcome,
      reasons: d.reasons.trim(),
      items: JSON.stringify(d.items),
    })
    .returning(['id', 'number'])
    .executeTakeFirstOrThrow()
}

/** The decision in force for a matter: the latest of the type that no later decision corrects. */
export async function latestDecision(trx: Executor, type: DecisionType, subjectId: string): Promise<{ id: string; number: number } | undefined> {
  return trx
    .selectFrom('decision as d')
    .select(['d.id', 'd.number'])
    .where('d.decision_type', '=', type.code)
    .where('d.subject_id', '=', subjectId)
    .where((eb) => eb.not(eb.exists(eb.selectFrom('decision as c').select('c.id').whereRef('c.corrects_id', '=', 'd.id'))))
    .orderBy('d.decided_at', 'desc')
    .executeTakeFirst()
}

/**
 * A decision and every decision it corrects, directly or through earlier corrections (newest first): what a correction
 * of it replaces, e.g. whose payables it must take into account.
 */
export async function correctionChain(trx: Executor, decisionId: string): Promise<string[]> {
  const r = await sql<{ id: string }>`
    WITH RECURSIVE chain (id, corrects_id, depth) AS (
      SELECT id, corrects_id, 0 FROM decision WHERE id = ${decisionId}
      UNION ALL
      SELECT d.id, d.corrects_id, c.depth + 1 FROM decision d JOIN chain c ON d.id = c.corrects_id
    )
    SELECT id FROM chain ORDER BY depth`.execute(trx)
  return r.rows.map((x) => x.id)
}

function decisionQuery(trx: Executor) {
  return trx
    .selectFrom('decision as d')
    .innerJoin('staff_user as u', 'u.id', 'd.decision_maker_id')
    .leftJoin('decision_notification as n', 'n.decision_id', 'd.id')
    .leftJoin('decision as c', 'c.corrects_id', 'd.id')
    .selectAll('d')
    .select(['u.display_name', 'n.method', 'n.sent_on', 'n.notified_on', 'c.id as corrected_by'])
}

type QueryRow = Awaited<ReturnType<ReturnType<typeof decisionQuery>['executeTakeFirstOrThrow']>>

function toRow(r: QueryRow): DecisionRow {
  return {
    id: r.id,
    number: r.number,
    decisionType: r.decision_type,
    serviceTask: r.service_task,
    personId: r.person_id,
    unitId: r.unit_id,
    subjectId: r.subject_id,
    correctsId: r.corrects_id,
    correctedById: r.corrected_by ?? null,
    decidedOn: r.decided_on,
    decidedAt: r.decided_at,
    maker: { id: r.decision_maker_id, name: r.display_name, qualification: r.maker_qualification },
    language: r.language,
    appealRoute: r.appeal_route,
    appealDays: r.appeal_days,
    outcome: r.outcome,
    reasons: r.reasons,
    items: r.items as unknown[],
    notification: r.method && r.notified_on ? { method: r.method, sentOn: r.sent_on ?? null, notifiedOn: r.notified_on } : null,
    appealDeadline: r.notified_on && r.appeal_days ? appealDeadline(localDate(r.notified_on), r.appeal_days) : null,
  }
}

/** One decision of the scope's client (404 when it is another's or of another type). */
export async function readDecision(scope: ClientScope, type: DecisionType, decisionId: string): Promise<DecisionRow> {
  const r = await decisionQuery(scope.trx).where('d.id', '=', decisionId).where('d.person_id', '=', scope.personId).where('d.decision_type', '=', type.code).executeTakeFirst()
  if (!r) throw problems.notFound()
  return toRow(r)
}

/** The decisions of a matter, oldest first. */
export async function decisionsOf(trx: Executor, type: DecisionType, subjectId: string): Promise<DecisionRow[]> {
  const rows = await decisionQuery(trx).where('d.decision_type', '=', type.code).where('d.subject_id', '=', subjectId).orderBy('d.decided_at').execute()
  return rows.map(toRow)
}

export interface NotificationInput {
  method: NotificationMethod
  /** when the decision was sent or handed over; for a letter the client is deemed notified on the 7th day after */
  sentOn?: string | undefined
  /** the day the client was shown to have received it (a receipt, a meeting); overrides the deemed day */
  notifiedOn?: string | undefined
}

/**
 * Records how and when the decision reached the client (tiedoksianto), once: the day given, or the deemed day of the
 * method (a letter the 7th day, an electronic message the 3rd). Field issues: `notifiedOn` exists, is before the
 * decision or in the future. Returns the notification day.
 */
export async function recordNotification(
  scope: ClientScope,
  type: DecisionType,
  decisionId: string,
  input: NotificationInput,
  userId: string,
  today: LocalDate,
): Promise<{ notifiedOn: string; decision: DecisionRow }> {
  const d = await readDecision(scope, type, decisionId)
  const issues: FieldIssue[] = []
  if (d.notification) issues.push({ field: 'notifiedOn', code: 'decision.notification.exists' })
  const sentOn = input.sentOn ?? null
  const notifiedOn = input.notifiedOn ?? (sentOn ? deemedNotificationDate(input.method, localDate(sentOn)) : null)
  if (!notifiedOn) issues.push({ field: 'notifiedOn', code: 'required' })
  else {
    if (notifiedOn < d.decidedOn) issues.push({ field: 'notifiedOn', code: 'decision.notification.beforeDecision' })
    if (input.notifiedOn && input.notifiedOn > today) issues.push({ field: 'notifiedOn', code: 'decision.notification.future' })
  }
  if (sentOn && (sentOn < d.decidedOn || sentOn > today)) issues.push({ field: 'sentOn', code: 'decision.notification.sentOn' })
  if (sentOn && notifiedOn && notifiedOn < sentOn) issues.push({ field: 'notifiedOn', code: 'decision.notification.beforeSent' })
  if (issues.length || !notifiedOn) throw problems.validation(issues)
  await scope.trx
    .insertInto('decision_notification')
    .values({ decision_id: decisionId, method: input.method, sent_on: sentOn, notified_on: notifiedOn, recorded_by: userId, recorded_at: sql<Date>`now()` })
    .execute()
  return { notifiedOn, decision: d }
}

// the kernel's tables in the database type (declaration merging)
import type {} from './schema'
import { ageOn, compareLocalDates, localDate, type LocalDate } from '@huoma/domain'
import { sql } from 'kysely'
import type { Executor } from '../access/audit'
import { problems, type FieldIssue } from '../http/problem'

/**
 * A minor's own prohibition to disclose their data to a guardian (sosiaalihuollon asiakaslaki 812/2000 11 § 2 mom):
 * recorded in a register (or in every one) for one guardian or all, with what the child said and the worker's
 * assessment of the child's maturity; lifted, never deleted. Every output addressed to a guardian asks
 * `guardianWithholding` first: 'all' — nothing of the register goes to that guardian; 'child_views' — the child's
 * own views and statements are left out; null — no prohibition.
 */
export type Withholding = 'all' | 'child_views' | null

export interface BanRow {
  id: string
  guardianId: string | null
  guardianName: string | null
  scope: 'all' | 'child_views'
  childStatement: string
  maturityAssessment: string
  recordedOn: string
  recordedBy: string
  liftedOn: string | null
  liftedBy: string | null
  liftReason: string | null
  version: number
}

/** What the person's prohibitions withhold from the guardian in the register on the day (the strictest one). */
export async function guardianWithholding(trx: Executor, o: { personId: string; guardianId: string; serviceTask: string; on: string }): Promise<Withholding> {
  const rows = await trx
    .selectFrom('minor_disclosure_ban')
    .select('scope')
    .where('person_id', '=', o.personId)
    .where((eb) => eb.or([eb('service_task', 'is', null), eb('service_task', '=', o.serviceTask)]))
    .where((eb) => eb.or([eb('guardian_id', 'is', null), eb('guardian_id', '=', o.guardianId)]))
    .where('recorded_on', '<=', o.on)
    .where((eb) => eb.or([eb('lifted_on', 'is', null), eb('lifted_on', '>', o.on)]))
    .execute()
  if (rows.some((r) => r.scope === 'all')) return 'all'
  return rows.length ? 'child_views' : null
}

/**
 * The registers whose data the person has forbidden disclosing to the guardian altogether on the day: `every` when
 * a prohibition covers all registers, else the service tasks named.
 */
export async function withheldRegisters(trx: Executor, o: { personId: string; guardianId: string; on: string }): Promise<{ every: boolean; tasks: string[] }> {
  const rows = await trx
    .selectFrom('minor_disclosure_ban')
    .select('service_task')
    .where('person_id', '=', o.personId)
    .where('scope', '=', 'all')
    .where((eb) => eb.or([eb('guardian_id', 'is', null), eb('guardian_id', '=', o.guardianId)]))
    .where('recorded_on', '<=', o.on)
    .where((eb) => eb.or([eb('lifted_on', 'is', null), eb('lifted_on', '>', o.on)]))
    .execute()
  return { every: rows.some((r) => r.service_task === null), tasks: [...new Set(rows.flatMap((r) => (r.service_task ? [r.service_task] : [])))] }
}

/** Whether the guardian is the person's guardian on the day (the registry's guardian relation). */
export async function isGuardianOf(trx: Executor, o: { personId: string; guardianId: string; on: string }): Promise<boolean> {
  const row = await trx
    .selectFrom('person_relation')
    .select('related_id')
    .where('person_id', '=', o.personId)
    .where('related_id', '=', o.guardianId)
    .where('kind', '=', 'guardian')
    .where((eb) => eb.or([eb('valid_from', 'is', null), eb('valid_from', '<=', o.on)]))
    .where((eb) => eb.or([eb('valid_until', 'is', null), eb('valid_until', '>=', o.on)]))
    .executeTakeFirst()
  return !!row
}

/** The person's prohibitions in the register (and those covering every register), newest first. */
export async function listBans(trx: Executor, personId: string, serviceTask: string): Promise<BanRow[]> {
  const rows = await trx
    .selectFrom('minor_disclosure_ban as b')
    .innerJoin('staff_user as r', 'r.id', 'b.recorded_by')
    .leftJoin('staff_user as l', 'l.id', 'b.lifted_by')
    .leftJoin('person as g', 'g.id', 'b.guardian_id')
    .selectAll('b')
    .select(['r.display_name as recorded_by_name', 'l.display_name as lifted_by_name', 'g.first_names', 'g.last_name'])
    .where('b.person_id', '=', personId)
    .where((eb) => eb.or([eb('b.service_task', 'is', null), eb('b.service_task', '=', serviceTask)]))
    .orderBy('b.recorded_on', 'desc')
    .orderBy('b.created_at', 'desc')
    .execute()
  return rows.map((b) => ({
    id: b.id,
    guardianId: b.guardian_id,
    guardianName: b.guardian_id ? `${b.last_name ?? ''} ${b.first_names ?? ''}`.trim() : null,
    scope: b.scope,
    childStatement: b.child_statement,
    maturityAssessment: b.maturity_assessment,
    recordedOn: b.recorded_on,
    recordedBy: b.recorded_by_name,
    liftedOn: b.lifted_on,
    liftedBy: b.lifted_by_name,
    liftReason: b.lift_reason,
    version: b.version,
  }))
}

/**
 * Records a prohibition: only a minor on the day may make one (an adult's data goes to no guardian), the guardian
 * named must be the person's guardian on the day, and the day cannot be in the future.
 */
export async function recordBan(
  trx: Executor,
  b: { personId: string; serviceTask: string | null; guardianId: string | null; scope: 'all' | 'child_views'; childStatement: string; maturityAssessment: string; recordedOn: string },
  o: { userId: string; today: LocalDate },
): Promise<string> {
  const person = await trx.selectFrom('person').select('birth_date').where('id', '=', b.personId).executeTakeFirstOrThrow()
  const issues: FieldIssue[] = []
  if (compareLocalDates(localDate(b.recordedOn), o.today) > 0) issues.push({ field: 'recordedOn', code: 'ban.date.future' })
  if (person.birth_date && ageOn(localDate(person.birth_date), localDate(b.recordedOn)) >= 18) issues.push({ field: 'recordedOn', code: 'ban.not_minor' })
  if (b.guardianId && !(await isGuardianOf(trx, { personId: b.personId, guardianId: b.guardianId, on: b.recordedOn }))) issues.push({ field: 'guardianId', code: 'ban.not_guardian' })
  if (issues.length) throw problems.validation(issues)
  const row = await trx
    .insertInto('minor_disclosure_ban')
    .values({
      person_id: b.personId,
      service_task: b.serviceTask,
      guardian_id: b.guardianId,
      scope: b.scope,
      child_statement: b.childStatement.trim(),
      maturity_assessment: b.maturityAssessment.trim(),
      recorded_on: b.recordedOn,
      recorded_by: o.userId,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

/** Lifts a prohibition on a day with the reason (optimistic version); the record stays readable. */
export async function liftBan(trx: Executor, b: { personId: string; banId: string; liftedOn: string; reason: string; version: number }, o: { userId: string; today: LocalDate }): Promise<void> {
  const ban = await trx.selectFrom('minor_disclosure_ban').selectAll().where('id', '=', b.banId).where('person_id', '=', b.personId).forUpdate().executeTakeFirst()
  if (!ban) throw problems.notFound()
  if (ban.version !== b.version) throw problems.conflict()
  const issues: FieldIssue[] = []
  if (ban.lifted_on) issues.push({ field: 'liftedOn', code: 'ban.lifted' })
  if (compareLocalDates(localDate(b.liftedOn), localDate(ban.recorded_on)) < 0) issues.push({ field: 'liftedOn', code: 'ban.lift_before', params: { recordedOn: ban.recorded_on } })
  if (compareLocalDates(localDate(b.liftedOn), o.today) > 0) issues.push({ field: 'liftedOn', code: 'ban.date.future' })
  if (issues.length) throw problems.validation(issues)
  await trx
    .updateTable('minor_disclosure_ban')
    .set({ lifted_on: b.liftedOn, lifted_by: o.userId, lift_reason: b.reason.trim(), version: sql<number>`version + 1` })
    .where('id', '=', b.banId)
    .execute()
}

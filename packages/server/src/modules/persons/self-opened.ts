import type { SelfOpenedRelationship } from '@huoma/contract'
import { sql, type Expression, type ExpressionBuilder, type SqlBool, type Transaction } from 'kysely'
import type { DB } from '../../db/schema'

/**
 * Relationships that workers opened for themselves outside their unit's intake (they carry `self_reason`), in these
 * service tasks, opened within `days` days before `today`, newest first; only clients the chokepoint's `isVisible`
 * lets the supervisor see (their supervision basis covers the task).
 */
export async function selfOpenedRelationships(
  trx: Transaction<DB>,
  isVisible: (eb: ExpressionBuilder<DB, 'person'>) => Expression<SqlBool>,
  q: { serviceTasks: readonly string[]; today: string; days: number },
): Promise<SelfOpenedRelationship[]> {
  if (!q.serviceTasks.length) return []
  const rows = await trx
    .selectFrom('client_relationship as cr')
    .innerJoin('person', 'person.id', 'cr.person_id')
    .innerJoin('staff_user as u', 'u.id', 'cr.user_id')
    .select(['cr.id', 'cr.service_task', 'cr.start_date', 'cr.end_date', 'cr.created_at', 'cr.self_reason', 'person.id as person_id', 'person.first_names', 'person.last_name', 'u.id as user_id', 'u.display_name'])
    .where('cr.self_reason', 'is not', null)
    .where('cr.service_task', 'in', [...q.serviceTasks])
    .where(sql<boolean>`(cr.created_at AT TIME ZONE 'Europe/Helsinki')::date > ${q.today}::date - ${q.days}::int`)
    .where((eb) => isVisible(eb as unknown as ExpressionBuilder<DB, 'person'>))
    .orderBy('cr.created_at', 'desc')
    .limit(500)
    .execute()
  return rows.map((r) => ({
    id: r.id,
    person: { id: r.person_id, firstNames: r.first_names, lastName: r.last_name },
    serviceTask: r.service_task as SelfOpenedRelationship['serviceTask'],
    worker: { id: r.user_id, displayName: r.display_name },
    startDate: r.start_date,
    endDate: r.end_date,
    openedAt: new Date(r.created_at).toISOString(),
    reason: r.self_reason ?? '',
  }))
}

import type { Executor } from '../access/audit'
import type { RelationshipStartReason } from '../db/schema'

/**
 * Opens a worker's client relationship in a service task as the work of a matter (an application assigned, an
 * assessment started), unless one is open on the day. The client has one responsible worker per task: when
 * someone else already is, the new relationship is an assigned task. Returns whether one was opened and its kind.
 */
export async function openCaseRelationship(
  trx: Executor,
  r: { personId: string; userId: string; serviceTask: string; openedBy: string; today: string; startReason?: RelationshipStartReason; asResponsible?: boolean },
): Promise<{ opened: boolean; kind: 'responsible' | 'team' | 'task' }> {
  const open = await trx
    .selectFrom('client_relationship')
    .select(['id', 'kind'])
    .where('person_id', '=', r.personId)
    .where('user_id', '=', r.userId)
    .where('service_task', '=', r.serviceTask)
    .where('start_date', '<=', r.today)
    .where((eb) => eb.or([eb('end_date', 'is', null), eb('end_date', '>=', r.today)]))
    .executeTakeFirst()
  if (open) return { opened: false, kind: open.kind }
  const responsible = await trx
    .selectFrom('client_relationship')
    .select('id')
    .where('person_id', '=', r.personId)
    .where('service_task', '=', r.serviceTask)
    .where('kind', '=', 'responsible')
    .where((eb) => eb.or([eb('end_date', 'is', null), eb('end_date', '>=', r.today)]))
    .executeTakeFirst()
  const kind = responsible ? 'task' : 'responsible'
  await trx
    .insertInto('client_relationship')
    .values({
      person_id: r.personId,
      user_id: r.userId,
      service_task: r.serviceTask,
      kind,
      start_date: r.today,
      opened_by: r.openedBy,
      ...(r.startReason ? { start_reason: r.startReason } : {}),
    })
    .execute()
  return { opened: true, kind }
}

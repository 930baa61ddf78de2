import type { HoldInput } from '@huoma/contract'
import type { ClientScope } from '../../access/client-access'
import { HttpProblem, problems, type FieldIssue } from '../../http/problem'

/** Places a legal hold on the scope's client, or on one register of theirs (an appeal or complaint pending). */
export async function placeHold(scope: ClientScope, input: HoldInput, userId: string): Promise<void> {
  const issues: FieldIssue[] = []
  const reason = input.reason.trim()
  if ([...reason].length < 3) issues.push({ field: 'reason', code: 'retention.reason' })
  if (input.serviceTask !== null) {
    const task = await scope.trx.selectFrom('service_task').select('code').where('code', '=', input.serviceTask).executeTakeFirst()
    if (!task) issues.push({ field: 'serviceTask', code: 'retention.task' })
  }
  if (issues.length) throw problems.validation(issues)
  await scope.trx.insertInto('retention_hold').values({ person_id: scope.personId, service_task: input.serviceTask, kind: input.kind, reason, placed_by: userId }).execute()
}

/** Lifts a hold at the version shown; a lifted hold stays in the list with who and when. */
export async function liftHold(scope: ClientScope, holdId: string, version: number, userId: string, now: Date): Promise<void> {
  const hold = await scope.trx.selectFrom('retention_hold').selectAll().where('id', '=', holdId).where('person_id', '=', scope.personId).forUpdate().executeTakeFirst()
  if (!hold) throw problems.notFound()
  if (hold.lifted_at) throw new HttpProblem(409, 'conflict', { issues: [{ field: 'hold', code: 'retention.hold_lifted' }] })
  if (hold.version !== version) throw problems.conflict()
  await scope.trx.updateTable('retention_hold').set({ lifted_at: now, lifted_by: userId, version: hold.version + 1 }).where('id', '=', holdId).execute()
}

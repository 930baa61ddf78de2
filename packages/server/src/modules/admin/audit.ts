import { appendAudit, type Executor } from '../../access/audit'
import { actorAudit } from '../../access/actor-audit'
import type { AuditEventType } from '../../access/audit-events'
import type { AuthedContext } from '../../access/context'
import { HttpProblem } from '../../http/problem'
import { adminDetail } from './messages'


/**
 * Refuses a change of one's own rights or second factor (no one escalates their own access): a denial audit row,
 * written outside any transaction so that it stays, and 403.
 */
export async function refuseSelf(db: Executor, ctx: AuthedContext, event: AuditEventType): Promise<never> {
  await appendAudit(db, actorAudit(ctx, { event, refId: ctx.principal.userId, outcome: 'denied' }))
  throw new HttpProblem(403, 'forbidden', { detail: adminDetail('selfChange') })
}

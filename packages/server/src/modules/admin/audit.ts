import { appendAudit, type AuditEvent, type Executor } from '../../access/audit'
import type { AuditEventType } from '../../access/audit-events'
import type { AuthedContext } from '../../access/context'
import { HttpProblem } from '../../http/problem'
import { adminDetail } from './messages'

/**
 * An audit row of the signed-in actor, in the role that permitted the action: the grant in the unit concerned when
 * there is one (a supervisor's request), else the first grant giving the action. The affected user's id is in
 * `ref_id`; never free text.
 */
export function adminAudit(ctx: AuthedContext, e: { event: AuditEventType; refId: string; outcome?: AuditEvent['outcome']; unitId?: string }): AuditEvent {
  const grant = ctx.grants.find((g) => g.unitId === e.unitId) ?? ctx.grants[0]
  return {
    userId: ctx.principal.userId,
    roleCode: grant?.roleCode ?? null,
    unitId: grant?.unitId ?? null,
    event: e.event,
    basis: 'role',
    refId: e.refId,
    outcome: e.outcome ?? 'success',
    requestId: ctx.requestId,
    clientAddress: ctx.clientAddress,
  }
}

/**
 * Refuses a change of one's own rights or second factor (no one escalates their own access): a denial audit row,
 * written outside any transaction so that it stays, and 403.
 */
export async function refuseSelf(db: Executor, ctx: AuthedContext, event: AuditEventType): Promise<never> {
  await appendAudit(db, adminAudit(ctx, { event, refId: ctx.principal.userId, outcome: 'denied' }))
  throw new HttpProblem(403, 'forbidden', { detail: adminDetail('selfChange') })
}

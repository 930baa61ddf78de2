import type { AuditEvent } from './audit'
import type { AuditEventType } from './audit-events'
import type { AuthedContext } from './context'

/**
 * An audit row of the signed-in actor for an event that names no client (a user or grant changed, a provider entered):
 * in the role that permitted the action — the grant in the unit concerned when there is one (a supervisor's request),
 * else the first grant giving the action. What was changed is in `ref_id`; never free text.
 */
export function actorAudit(ctx: AuthedContext, e: { event: AuditEventType; refId: string; outcome?: AuditEvent['outcome']; unitId?: string }): AuditEvent {
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

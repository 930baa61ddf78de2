import type { SessionStage, SessionUser } from '@huoma/contract'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { sql, type Kysely } from 'kysely'
import type { DB } from '../../db/schema'
import type { SecuritySettings } from '../../config'
import { permittedActions, type ActionCatalogue } from '../../access/actions'
import { appendAudit, type AuditEvent, type Executor } from '../../access/audit'
import type { AuditEventType } from '../../access/audit-events'
import type { AuthedContext, Principal } from '../../access/context'
import { createSession, revokeAllSessions, setSessionCookies, type NewSession } from '../../access/session'
import { HttpProblem } from '../../http/problem'
import { detail } from './messages'
import { authEvents } from './events'

/**
 * The signed-in user as the web app sees them. Until the sign-in is complete (`mfa_pending`) the session shows
 * neither roles nor actions; while a password change is due it may do nothing but that, so it lists no actions.
 */
export function toSessionUser(catalogue: ActionCatalogue, p: Principal, stage: SessionStage = 'active'): SessionUser {
  return {
    id: p.userId,
    username: p.username,
    displayName: p.displayName,
    language: p.language,
    roles: stage === 'mfa_pending' ? [] : p.roles,
    actions: stage === 'active' ? permittedActions(catalogue, p.roles) : [],
  }
}

export function passwordExpired(changedAt: Date | null, settings: SecuritySettings): boolean {
  return !changedAt || Date.now() - changedAt.getTime() > settings.passwordMaxAgeDays * 86_400_000
}

/** The stage a fully authenticated session starts in. */
export function stageAfterAuthentication(changedAt: Date | null, settings: SecuritySettings): SessionStage {
  return passwordExpired(changedAt, settings) ? 'password_change' : 'active'
}

export const invalidCredentials = () =>
  new HttpProblem(401, 'unauthorized', { type: 'https://huoma.fi/problems/invalid-credentials', detail: detail('invalidCredentials') })

export const accountLocked = (settings: SecuritySettings) =>
  new HttpProblem(423, 'forbidden', {
    type: 'https://huoma.fi/problems/account-locked',
    detail: detail('accountLocked', { minutes: settings.lockoutMinutes }),
  })

/**
 * Refuses a request whose session is not in one of `stages`: a session still waiting for its second factor may
 * only verify it (or sign out), and one whose password must change may only change it.
 */
export function requireStage(ctx: AuthedContext, ...stages: SessionStage[]): void {
  const stage = ctx.session.stage
  if (stages.includes(stage)) return
  if (stage === 'mfa_pending') {
    throw new HttpProblem(403, 'forbidden', { type: 'https://huoma.fi/problems/mfa-pending', detail: detail('finishSignIn') })
  }
  if (stage === 'password_change') {
    throw new HttpProblem(403, 'forbidden', { type: 'https://huoma.fi/problems/password-change', detail: detail('passwordChangeRequired') })
  }
  throw new HttpProblem(409, 'conflict', { type: 'https://huoma.fi/problems/mfa-not-pending', detail: detail('mfaNotPending') })
}

/**
 * Counts a failed password or second-factor attempt towards the lockout shared by both. At the threshold the
 * account is locked for `lockoutMinutes` and the counter starts over. Returns whether this attempt locked it.
 */
export async function countFailure(trx: Executor, settings: SecuritySettings, userId: string): Promise<boolean> {
  const r = await trx
    .updateTable('staff_user')
    .set((eb) => ({ failed_logins: eb('failed_logins', '+', 1) }))
    .where('id', '=', userId)
    .returning('failed_logins')
    .executeTakeFirstOrThrow()
  if (r.failed_logins < settings.lockoutThreshold) return false
  await trx
    .updateTable('staff_user')
    .set({ locked_until: sql<Date>`now() + make_interval(mins => ${settings.lockoutMinutes})`, failed_logins: 0 })
    .where('id', '=', userId)
    .execute()
  return true
}

/** Whether the account is locked now. */
export async function isLocked(db: Executor, userId: string): Promise<boolean> {
  const row = await db
    .selectFrom('staff_user')
    .select(sql<boolean>`locked_until IS NOT NULL AND locked_until > now()`.as('locked'))
    .where('id', '=', userId)
    .executeTakeFirst()
  return row?.locked ?? false
}

/** An audit row builder for one request and user; `dataGroup` overrides the events' own (a step of another flow). */
export function securityAudit(request: FastifyRequest, userId: string | null, dataGroup?: string) {
  return (event: AuditEventType, outcome: AuditEvent['outcome'], extra: Partial<AuditEvent> = {}): AuditEvent => ({
    userId,
    ...(dataGroup ? { dataGroup } : {}),
    event,
    outcome,
    requestId: request.id,
    clientAddress: request.ip,
    ...extra,
  })
}

/**
 * A failed attempt inside a session (a wrong second-factor code, or a wrong current password when changing the
 * password or the second factor): counted towards the lockout and audited. When it locks the account, every
 * session of the user ends, this one included, and the answer is 423; otherwise `refusal` is thrown.
 */
export async function failInSession(
  db: Kysely<DB>,
  settings: SecuritySettings,
  request: FastifyRequest,
  args: { userId: string; event: AuditEventType; dataGroup: string; basis?: string; refusal: HttpProblem; clearCookies: () => void },
): Promise<never> {
  const audit = securityAudit(request, args.userId, args.dataGroup)
  const locked = await db.transaction().execute(async (trx) => {
    const nowLocked = await countFailure(trx, settings, args.userId)
    if (nowLocked) await revokeAllSessions(trx, args.userId)
    await appendAudit(
      trx,
      audit(args.event, 'failure', { basis: args.basis ?? null }),
      ...(nowLocked ? [audit(authEvents.lockout, 'failure', { basis: args.basis ?? null })] : []),
    )
    return nowLocked
  })
  if (locked) {
    args.clearCookies()
    throw accountLocked(settings)
  }
  throw args.refusal
}

/** Issues a new session (new token, new CSRF token) and sets its cookies. */
export async function issueSession(
  trx: Executor,
  settings: SecuritySettings,
  request: FastifyRequest,
  args: { userId: string; stage: SessionStage },
): Promise<NewSession> {
  return createSession(trx, settings, {
    userId: args.userId,
    stage: args.stage,
    clientAddress: request.ip,
    userAgent: request.headers['user-agent'],
  })
}

export function sendSessionCookies(reply: FastifyReply, session: NewSession, secure: boolean, settings: SecuritySettings) {
  setSessionCookies(reply, session, secure, settings.sessionAbsoluteHours * 3600)
}

import type { SessionStage as ReportedStage, SessionUser } from '@huoma/contract'
import type { SessionStage } from '../../access/session'
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { Kysely } from 'kysely'
import type { DB } from '../../db/schema'
import type { SecuritySettings } from '../../config'
import { permittedActions, type ActionCatalogue } from '../../access/actions'
import type { AuditEvent, Executor } from '../../access/audit'
import { commitmentPending } from '../../access/commitment'
import type { AuditEventType } from '../../access/audit-events'
import type { AuthedContext, Principal } from '../../access/context'
import { setSessionCookies, type NewSession } from '../../access/session'
import { HttpProblem } from '../../http/problem'
import { detail } from './messages'
import { authEvents } from './events'
import { recordFailure, type SessionOrigin } from './account.queries'

/**
 * The signed-in user as the web app sees them. Until the sign-in is complete (`mfa_pending`) the session shows
 * neither roles nor actions; while a password change is due it may do nothing but that, so it lists no actions.
 */
export function toSessionUser(catalogue: ActionCatalogue, p: Principal, stage: ReportedStage = 'active'): SessionUser {
  return {
    id: p.userId,
    username: p.username,
    displayName: p.displayName,
    language: p.language,
    roles: stage === 'mfa_pending' ? [] : p.roles,
    actions: stage === 'active' ? permittedActions(catalogue, p.roles) : [],
  }
}

/**
 * The stage a session is reported in: a complete sign-in (`active`) whose user has yet to accept the user commitment
 * in force is `commitment` (the access layer refuses everything else until it is accepted).
 */
export async function reportedStage(db: Executor, userId: string, stage: SessionStage): Promise<ReportedStage> {
  return stage === 'active' && (await commitmentPending(db, userId)) ? 'commitment' : stage
}

/** The answer of a sign-in step and of `me`: the user as the web app sees them, in the reported stage. */
export async function sessionAnswer(db: Executor, catalogue: ActionCatalogue, p: Principal, stage: SessionStage): Promise<{ user: SessionUser; stage: ReportedStage }> {
  const reported = await reportedStage(db, p.userId, stage)
  return { user: toSessionUser(catalogue, p, reported), stage: reported }
}

/** Whether the password is older than the maximum age at `now` (the app's clock), or was never set by the user. */
export function passwordExpired(changedAt: Date | null, settings: SecuritySettings, now: Date): boolean {
  return !changedAt || now.getTime() - changedAt.getTime() > settings.passwordMaxAgeDays * 86_400_000
}

/** The stage a fully authenticated session starts in. */
export function stageAfterAuthentication(changedAt: Date | null, settings: SecuritySettings, now: Date): SessionStage {
  return passwordExpired(changedAt, settings, now) ? 'password_change' : 'active'
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
  const basis = args.basis ?? null
  const locked = await recordFailure(db, settings, args.userId, {
    endSessionsOnLock: true,
    audit: (nowLocked) => [audit(args.event, 'failure', { basis }), ...(nowLocked ? [audit(authEvents.lockout, 'failure', { basis })] : [])],
  })
  if (locked) {
    args.clearCookies()
    throw accountLocked(settings)
  }
  throw args.refusal
}

/** Where the request's new session comes from. */
export function sessionOrigin(request: FastifyRequest): SessionOrigin {
  return { clientAddress: request.ip, userAgent: request.headers['user-agent'] }
}

export function sendSessionCookies(reply: FastifyReply, session: NewSession, secure: boolean, settings: SecuritySettings) {
  setSessionCookies(reply, session, secure, settings.sessionAbsoluteHours * 3600)
}

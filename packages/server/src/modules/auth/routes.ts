import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { authEndpoints as ep } from '@huoma/contract'
import type { SessionStage } from '../../access/session'
import { appendAudit } from '../../access/audit'
import { loadPrincipal, requireAuthed } from '../../access/context'
import { dummyHash, verifyPassword } from '../../access/passwords'
import { clearSessionCookies, SESSION_COOKIE, tokenHash } from '../../access/session'
import { endpoint } from '../../http/endpoint'
import { accountSecurity, accountsDb, endAllSessions, endSession, findLoginUser, issueReservedSignInSession, recordReservedFailure, recordUnknownFailure, unknownLocked, releaseAttempt, reserveAttempt } from './account.queries'
import { authEvents } from './events'
import { mfaRoutes } from './mfa-routes'
import { oidcRoutes } from './oidc'
import { passwordRoutes } from './password-routes'
import {
  accountLocked,
  invalidCredentials,
  requireStage,
  securityAudit,
  sendSessionCookies,
  sessionOrigin,
  sessionAnswer,
  stageAfterAuthentication,
} from './security'

export { toSessionUser } from './security'

export const authRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const settings = app.config.security
  const db = accountsDb(app)
  const rateLimit = { max: settings.loginRateLimitPerMinute, timeWindow: '1 minute' }

  app.route({
    ...endpoint(ep['auth.login'], { config: { rateLimit } }),
    handler: async (request, reply) => {
      const username = request.body.username.trim().toLowerCase()
      const user = await findLoginUser(db, username)
      const audit = securityAudit(request, user?.id ?? null)
      if (!user || !user.active || !user.password_hash) {
        if (await unknownLocked(db, username)) {
          await appendAudit(db, audit(authEvents.loginLocked, 'denied'))
          throw accountLocked(settings)
        }
        await verifyPassword(await dummyHash(), request.body.password)
        // counted and locked like a real account, so that 401 and 423 do not tell which user names exist
        const locked = await recordUnknownFailure(db, settings, username)
        await appendAudit(db, audit(locked ? authEvents.loginLocked : authEvents.loginFailure, locked ? 'denied' : 'failure'))
        if (locked) throw accountLocked(settings)
        throw invalidCredentials()
      }
      // The attempt takes its place in the failure count before the password is checked (parallel guesses cannot
      // all pass the lock check): refused unchecked while the account is locked (null) or beyond the threshold.
      const place = await reserveAttempt(db, user.id)
      if (place === null || place > settings.lockoutThreshold) {
        if (place !== null) await releaseAttempt(db, user.id)
        await appendAudit(db, audit(authEvents.loginLocked, 'denied'))
        throw accountLocked(settings)
      }
      if (!(await verifyPassword(user.password_hash, request.body.password))) {
        const locked = await recordReservedFailure(db, settings, user.id, place, (nowLocked) => [audit(nowLocked ? authEvents.lockout : authEvents.loginFailure, 'failure')])
        if (locked) throw accountLocked(settings)
        throw invalidCredentials()
      }
      // A user who has enrolled TOTP must give a code, whether or not they are exempt from having to enrol one.
      const stage: SessionStage = user.totp_enabled_at ? 'mfa_pending' : stageAfterAuthentication(user.password_changed_at, settings, app.clock.now())
      // A session this browser already holds (someone else's, or the same user's) ends with the new sign-in: two
      // people taking turns at one browser must not leave the first one signed in underneath.
      const presented = request.cookies[SESSION_COOKIE]
      const session = await issueReservedSignInSession(db, settings, {
        userId: user.id,
        stage,
        origin: sessionOrigin(request),
        ...(presented ? { replaces: tokenHash(presented) } : {}),
        // The failure count is cleared only when the whole sign-in succeeds: knowing the password must not reset
        // the count of wrong second-factor codes.
        clearFailures: stage !== 'mfa_pending',
        audit: [audit(authEvents.loginSuccess, 'success', { basis: stage })],
      })
      if (!session) {
        // a parallel attempt locked the account after this one took its place: no session, the refusal audited
        await appendAudit(db, audit(authEvents.loginLocked, 'denied'))
        throw accountLocked(settings)
      }
      const principal = await loadPrincipal(db, user.id)
      if (!principal) throw invalidCredentials()
      sendSessionCookies(reply, session, app.config.secureCookies, settings)
      return sessionAnswer(db, app.actions, principal, stage)
    },
  })

  app.route({
    ...endpoint(ep['auth.me']),
    handler: async (request) => {
      const ctx = requireAuthed(request)
      return sessionAnswer(db, app.actions, ctx.principal, ctx.session.stage)
    },
  })

  app.route({
    ...endpoint(ep['auth.account']),
    handler: async (request) => {
      const ctx = requireAuthed(request)
      requireStage(ctx, 'active', 'password_change')
      const user = await accountSecurity(db, ctx.principal.userId)
      const changedAt = user.password_changed_at
      const enabled = user.totp_enabled_at !== null
      return {
        username: user.username,
        password: {
          changedAt: changedAt?.toISOString() ?? null,
          expiresAt: changedAt ? new Date(changedAt.getTime() + settings.passwordMaxAgeDays * 86_400_000).toISOString() : null,
          minLength: settings.passwordMinLength,
        },
        mfa: {
          totpEnabled: enabled,
          totpEnabledAt: user.totp_enabled_at?.toISOString() ?? null,
          enrolmentPending: !enabled && user.totp_secret !== null,
          recoveryCodesRemaining: enabled ? user.unusedRecoveryCodes : 0,
          exempt: user.mfa_exempt,
        },
      }
    },
  })

  app.route({
    ...endpoint(ep['auth.logout']),
    handler: async (request, reply) => {
      const ctx = requireAuthed(request)
      await endSession(db, ctx.session.id, securityAudit(request, ctx.principal.userId)(authEvents.logout, 'success'))
      clearSessionCookies(reply, app.config.secureCookies)
      return reply.status(204).send(null)
    },
  })

  app.route({
    ...endpoint(ep['auth.logoutAll']),
    handler: async (request, reply) => {
      const ctx = requireAuthed(request)
      await endAllSessions(db, ctx.principal.userId, securityAudit(request, ctx.principal.userId)(authEvents.logoutAll, 'success'))
      clearSessionCookies(reply, app.config.secureCookies)
      return reply.status(204).send(null)
    },
  })

  await app.register(passwordRoutes)
  await app.register(mfaRoutes)
  await app.register(oidcRoutes)
}

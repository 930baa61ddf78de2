import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { AccountSecurity, LoginRequest, LoginResponse, type SessionStage } from '@huoma/contract'
import Type from 'typebox'
import { sql } from 'kysely'
import { appendAudit } from '../../access/audit'
import { loadPrincipal, requireAuthed } from '../../access/context'
import { dummyHash, verifyPassword } from '../../access/passwords'
import { clearSessionCookies, revokeAllSessions, revokeSession } from '../../access/session'
import { mfaRoutes } from './mfa-routes'
import { oidcRoutes } from './oidc'
import { passwordRoutes } from './password-routes'
import {
  accountLocked,
  countFailure,
  invalidCredentials,
  issueSession,
  requireStage,
  securityAudit,
  sendSessionCookies,
  stageAfterAuthentication,
  toSessionUser,
} from './security'
import { authEvents } from './events'

export { toSessionUser } from './security'

/* eslint-disable no-restricted-syntax -- sign-in reads and writes staff accounts and sessions, never client data */
export const authRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const settings = app.config.security

  app.post(
    '/api/auth/login',
    {
      config: {
        action: 'auth:login',
        rateLimit: { max: settings.loginRateLimitPerMinute, timeWindow: '1 minute' },
      },
      schema: { tags: ['auth'], summary: 'Sign in', body: LoginRequest, response: { 200: LoginResponse } },
    },
    async (request, reply) => {
      const db = app.database.db
      const username = request.body.username.trim().toLowerCase()
      const user = await db
        .selectFrom('staff_user')
        .select(['id', 'password_hash', 'active', 'totp_enabled_at', 'password_changed_at'])
        .select(sql<boolean>`locked_until IS NOT NULL AND locked_until > now()`.as('locked'))
        .where('username', '=', username)
        .executeTakeFirst()
      const audit = securityAudit(request, user?.id ?? null)
      if (!user || !user.active || !user.password_hash) {
        await verifyPassword(await dummyHash(), request.body.password)
        await appendAudit(db, audit(authEvents.loginFailure, 'failure'))
        throw invalidCredentials()
      }
      if (user.locked) {
        await appendAudit(db, audit(authEvents.loginLocked, 'denied'))
        throw accountLocked(settings)
      }
      if (!(await verifyPassword(user.password_hash, request.body.password))) {
        const locked = await db.transaction().execute(async (trx) => {
          const nowLocked = await countFailure(trx, settings, user.id)
          await appendAudit(trx, audit(nowLocked ? authEvents.lockout : authEvents.loginFailure, 'failure'))
          return nowLocked
        })
        if (locked) throw accountLocked(settings)
        throw invalidCredentials()
      }
      // A user who has enrolled TOTP must give a code, whether or not they are exempt from having to enrol one.
      const stage: SessionStage = user.totp_enabled_at ? 'mfa_pending' : stageAfterAuthentication(user.password_changed_at, settings)
      const session = await db.transaction().execute(async (trx) => {
        // The failure count is cleared only when the whole sign-in succeeds: knowing the password must not reset
        // the count of wrong second-factor codes.
        if (stage !== 'mfa_pending') {
          await trx.updateTable('staff_user').set({ failed_logins: 0, locked_until: null }).where('id', '=', user.id).execute()
        }
        const s = await issueSession(trx, settings, request, { userId: user.id, stage })
        await appendAudit(trx, audit(authEvents.loginSuccess, 'success', { basis: stage }))
        return s
      })
      const principal = await loadPrincipal(db, user.id)
      if (!principal) throw invalidCredentials()
      sendSessionCookies(reply, session, app.config.secureCookies, settings)
      return { user: toSessionUser(app.actions, principal, stage), stage }
    },
  )

  app.get(
    '/api/auth/me',
    { config: { action: 'auth:session' }, schema: { tags: ['auth'], summary: 'The signed-in user', response: { 200: LoginResponse } } },
    async (request) => {
      const ctx = requireAuthed(request)
      return { user: toSessionUser(app.actions, ctx.principal, ctx.session.stage), stage: ctx.session.stage }
    },
  )

  app.get(
    '/api/auth/account',
    {
      config: { action: 'auth:session' },
      schema: {
        tags: ['auth'],
        summary: 'One\'s own account security: password age and policy, second factor',
        response: { 200: AccountSecurity },
      },
    },
    async (request) => {
      const ctx = requireAuthed(request)
      requireStage(ctx, 'active', 'password_change')
      const db = app.database.db
      const user = await db
        .selectFrom('staff_user')
        .select(['username', 'password_changed_at', 'totp_enabled_at', 'totp_secret', 'mfa_exempt'])
        .where('id', '=', ctx.principal.userId)
        .executeTakeFirstOrThrow()
      const codes = await db
        .selectFrom('staff_recovery_code')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('user_id', '=', ctx.principal.userId)
        .where('used_at', 'is', null)
        .executeTakeFirstOrThrow()
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
          recoveryCodesRemaining: enabled ? Number(codes.n) : 0,
          exempt: user.mfa_exempt,
        },
      }
    },
  )

  app.post(
    '/api/auth/logout',
    { config: { action: 'auth:session' }, schema: { tags: ['auth'], summary: 'Sign out', response: { 204: Type.Null() } } },
    async (request, reply) => {
      const ctx = requireAuthed(request)
      await app.database.db.transaction().execute(async (trx) => {
        await revokeSession(trx, ctx.session.id)
        await appendAudit(trx, securityAudit(request, ctx.principal.userId)(authEvents.logout, 'success'))
      })
      clearSessionCookies(reply, app.config.secureCookies)
      return reply.status(204).send(null)
    },
  )

  app.post(
    '/api/auth/logout-all',
    { config: { action: 'auth:session' }, schema: { tags: ['auth'], summary: 'Sign out of every session', response: { 204: Type.Null() } } },
    async (request, reply) => {
      const ctx = requireAuthed(request)
      await app.database.db.transaction().execute(async (trx) => {
        await revokeAllSessions(trx, ctx.principal.userId)
        await appendAudit(trx, securityAudit(request, ctx.principal.userId)(authEvents.logoutAll, 'success'))
      })
      clearSessionCookies(reply, app.config.secureCookies)
      return reply.status(204).send(null)
    },
  )

  await app.register(passwordRoutes)
  await app.register(mfaRoutes)
  await app.register(oidcRoutes)
}

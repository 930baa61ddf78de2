import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { LoginRequest, LoginResponse, type SessionUser, type SessionStage } from '@huoma/contract'
import Type from 'typebox'
import { sql } from 'kysely'
import { permittedActions } from '../../access/actions'
import { appendAudit } from '../../access/audit'
import { loadPrincipal, requireAuthed, type Principal } from '../../access/context'
import { dummyHash, verifyPassword } from '../../access/passwords'
import {
  clearSessionCookies,
  createSession,
  revokeAllSessions,
  revokeSession,
  setSessionCookies,
} from '../../access/session'
import { HttpProblem } from '../../http/problem'

export function toSessionUser(p: Principal): SessionUser {
  return {
    id: p.userId,
    username: p.username,
    displayName: p.displayName,
    language: p.language,
    roles: p.roles,
    actions: permittedActions(p.roles),
  }
}

const invalidCredentials = () => new HttpProblem(401, 'unauthorized', { type: 'https://huoma.fi/problems/invalid-credentials' })

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
      const audit = { dataGroup: 'security/login', action: 'security' as const, requestId: request.id, clientAddress: request.ip }
      const user = await db
        .selectFrom('staff_user')
        .select(['id', 'password_hash', 'active', 'failed_logins', 'locked_until', 'totp_enabled_at', 'mfa_exempt', 'password_changed_at'])
        .select(sql<boolean>`locked_until IS NOT NULL AND locked_until > now()`.as('locked'))
        .where('username', '=', username)
        .executeTakeFirst()
      if (!user || !user.active || !user.password_hash) {
        await verifyPassword(await dummyHash(), request.body.password)
        await appendAudit(db, { ...audit, userId: user?.id ?? null, event: 'login.failure', outcome: 'failure' })
        throw invalidCredentials()
      }
      if (user.locked) {
        await appendAudit(db, { ...audit, userId: user.id, event: 'login.locked', outcome: 'denied' })
        throw new HttpProblem(423, 'forbidden', { type: 'https://huoma.fi/problems/account-locked' })
      }
      if (!(await verifyPassword(user.password_hash, request.body.password))) {
        const locked = await db.transaction().execute(async (trx) => {
          const r = await trx
            .updateTable('staff_user')
            .set((eb) => ({ failed_logins: eb('failed_logins', '+', 1) }))
            .where('id', '=', user.id)
            .returning('failed_logins')
            .executeTakeFirstOrThrow()
          const nowLocked = r.failed_logins >= settings.lockoutThreshold
          if (nowLocked) {
            await trx
              .updateTable('staff_user')
              .set({ locked_until: sql<Date>`now() + make_interval(mins => ${settings.lockoutMinutes})`, failed_logins: 0 })
              .where('id', '=', user.id)
              .execute()
          }
          await appendAudit(trx, { ...audit, userId: user.id, event: nowLocked ? 'login.lockout' : 'login.failure', outcome: 'failure' })
          return nowLocked
        })
        if (locked) throw new HttpProblem(423, 'forbidden', { type: 'https://huoma.fi/problems/account-locked' })
        throw invalidCredentials()
      }
      const passwordExpired =
        !user.password_changed_at || Date.now() - user.password_changed_at.getTime() > settings.passwordMaxAgeDays * 86_400_000
      const stage: SessionStage = user.totp_enabled_at && !user.mfa_exempt ? 'mfa_pending' : passwordExpired ? 'password_change' : 'active'
      const session = await db.transaction().execute(async (trx) => {
        await trx.updateTable('staff_user').set({ failed_logins: 0, locked_until: null }).where('id', '=', user.id).execute()
        const s = await createSession(trx, settings, {
          userId: user.id,
          stage,
          clientAddress: request.ip,
          userAgent: request.headers['user-agent'],
        })
        await appendAudit(trx, { ...audit, userId: user.id, event: 'login.success', outcome: 'success', basis: stage })
        return s
      })
      const principal = await loadPrincipal(db, user.id)
      if (!principal) throw invalidCredentials()
      setSessionCookies(reply, session, app.config.secureCookies, settings.sessionAbsoluteHours * 3600)
      return { user: toSessionUser(principal), stage }
    },
  )

  app.get(
    '/api/auth/me',
    { config: { action: 'auth:session' }, schema: { tags: ['auth'], summary: 'The signed-in user', response: { 200: LoginResponse } } },
    async (request) => {
      const ctx = requireAuthed(request)
      return { user: toSessionUser(ctx.principal), stage: ctx.session.stage }
    },
  )

  app.post(
    '/api/auth/logout',
    { config: { action: 'auth:session' }, schema: { tags: ['auth'], summary: 'Sign out', response: { 204: Type.Null() } } },
    async (request, reply) => {
      const ctx = requireAuthed(request)
      await app.database.db.transaction().execute(async (trx) => {
        await revokeSession(trx, ctx.session.id)
        await appendAudit(trx, { userId: ctx.principal.userId, dataGroup: 'security/login', action: 'security', event: 'logout', outcome: 'success', requestId: request.id, clientAddress: request.ip })
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
        await appendAudit(trx, { userId: ctx.principal.userId, dataGroup: 'security/login', action: 'security', event: 'logout.all', outcome: 'success', requestId: request.id, clientAddress: request.ip })
      })
      clearSessionCookies(reply, app.config.secureCookies)
      return reply.status(204).send(null)
    },
  )
}

import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { LoginResponse, PasswordChangeRequest } from '@huoma/contract'
import { sql } from 'kysely'
import { appendAudit } from '../../access/audit'
import { requireAuthed } from '../../access/context'
import { hashPassword, verifyPassword } from '../../access/passwords'
import { clearSessionCookies, revokeAllSessions } from '../../access/session'
import { problems } from '../../http/problem'
import { passwordPolicyIssues } from './password-policy'
import { accountLocked, failInSession, isLocked, issueSession, requireStage, securityAudit, sendSessionCookies, toSessionUser } from './security'
import { authEvents } from './events'

const DATA_GROUP = 'security/password'

/* eslint-disable no-restricted-syntax -- changes the staff member's own password and sessions, never client data */
export const passwordRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const settings = app.config.security

  app.post(
    '/api/auth/password',
    {
      config: { action: 'auth:password', rateLimit: { max: settings.loginRateLimitPerMinute, timeWindow: '1 minute' } },
      schema: {
        tags: ['auth'],
        summary: 'Change one\'s own password',
        description:
          'Also the only thing a session in stage `password_change` may do (besides `me` and `logout`). On success every ' +
          'session of the user ends and this one is replaced by a new active session (new cookies).',
        body: PasswordChangeRequest,
        response: { 200: LoginResponse },
      },
    },
    async (request, reply) => {
      const ctx = requireAuthed(request)
      requireStage(ctx, 'active', 'password_change')
      const db = app.database.db
      const userId = ctx.principal.userId
      const audit = securityAudit(request, userId, DATA_GROUP)
      if (await isLocked(db, userId)) {
        await appendAudit(db, audit(authEvents.passwordLocked, 'denied'))
        throw accountLocked(settings)
      }
      const user = await db.selectFrom('staff_user').select(['username', 'password_hash']).where('id', '=', userId).executeTakeFirstOrThrow()
      const { currentPassword, newPassword } = request.body
      if (!user.password_hash || !(await verifyPassword(user.password_hash, currentPassword))) {
        return failInSession(db, settings, request, {
          userId,
          event: authEvents.passwordFailure,
          dataGroup: DATA_GROUP,
          basis: ctx.session.stage,
          refusal: problems.validation([{ field: 'body.currentPassword', code: 'password.incorrect' }]),
          clearCookies: () => clearSessionCookies(reply, app.config.secureCookies),
        })
      }
      const issues = passwordPolicyIssues(newPassword, {
        username: user.username,
        currentPassword,
        minLength: settings.passwordMinLength,
        field: 'body.newPassword',
      })
      if (issues.length) {
        await appendAudit(db, audit(authEvents.passwordRejected, 'denied', { basis: issues.map((i) => i.code).join(',') }))
        throw problems.validation(issues)
      }
      const hash = await hashPassword(newPassword)
      const session = await db.transaction().execute(async (trx) => {
        await trx
          .updateTable('staff_user')
          .set({ password_hash: hash, password_changed_at: sql<Date>`now()`, failed_logins: 0, locked_until: null })
          .where('id', '=', userId)
          .execute()
        // Every other session ends; this one is replaced by a new token (a changed password is a new sign-in).
        await revokeAllSessions(trx, userId)
        const s = await issueSession(trx, settings, request, { userId, stage: 'active' })
        await appendAudit(trx, audit(authEvents.passwordChanged, 'success', { basis: ctx.session.stage === 'password_change' ? 'expired' : 'voluntary' }))
        return s
      })
      sendSessionCookies(reply, session, app.config.secureCookies, settings)
      return { user: toSessionUser(app.actions, ctx.principal, 'active'), stage: 'active' as const }
    },
  )
}

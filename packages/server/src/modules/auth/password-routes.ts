import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { authEndpoints as ep } from '@huoma/contract'
import { appendAudit } from '../../access/audit'
import { requireAuthed } from '../../access/context'
import { hashPassword, verifyPassword } from '../../access/passwords'
import { clearSessionCookies } from '../../access/session'
import { endpoint } from '../../http/endpoint'
import { problems } from '../../http/problem'
import { accountsDb, changePassword, credentials, earlierPasswordHashes, isLocked } from './account.queries'
import { authEvents } from './events'
import { passwordPolicyIssues } from '../../access/password-policy'
import { accountLocked, failInSession, requireStage, securityAudit, sendSessionCookies, sessionAnswer, sessionOrigin } from './security'

const DATA_GROUP = 'security/password'

export const passwordRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const settings = app.config.security
  const db = accountsDb(app)

  app.route({
    ...endpoint(ep['auth.changePassword'], { config: { rateLimit: { max: settings.loginRateLimitPerMinute, timeWindow: '1 minute' } } }),
    handler: async (request, reply) => {
      const ctx = requireAuthed(request)
      requireStage(ctx, 'active', 'password_change')
      const userId = ctx.principal.userId
      const audit = securityAudit(request, userId, DATA_GROUP)
      if (await isLocked(db, userId)) {
        await appendAudit(db, audit(authEvents.passwordLocked, 'denied'))
        throw accountLocked(settings)
      }
      const user = await credentials(db, userId)
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
      // nor one of the earlier passwords (each checked against its own salted hash)
      if (!issues.length) {
        for (const earlier of await earlierPasswordHashes(db, userId, settings.passwordHistory)) {
          if (await verifyPassword(earlier, newPassword)) {
            issues.push({ field: 'body.newPassword', code: 'password.reused', params: { count: settings.passwordHistory } })
            break
          }
        }
      }
      if (issues.length) {
        await appendAudit(db, audit(authEvents.passwordRejected, 'denied', { basis: issues.map((i) => i.code).join(',') }))
        throw problems.validation(issues)
      }
      const hash = await hashPassword(newPassword)
      const session = await changePassword(db, settings, {
        userId,
        hash,
        origin: sessionOrigin(request),
        audit: audit(authEvents.passwordChanged, 'success', { basis: ctx.session.stage === 'password_change' ? 'expired' : 'voluntary' }),
      })
      sendSessionCookies(reply, session, app.config.secureCookies, settings)
      return sessionAnswer(db, app.actions, ctx.principal, 'active')
    },
  })
}

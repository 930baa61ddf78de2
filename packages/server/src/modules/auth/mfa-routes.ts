import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { authEndpoints as ep } from '@huoma/contract'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { appendAudit } from '../../access/audit'
import type { AuditEventType } from '../../access/audit-events'
import { requireAuthed, type AuthedContext } from '../../access/context'
import {
  checkTotp,
  consumeRecoveryCode,
  loadSecretKey,
  MFA_PENDING_MINUTES,
  newTotpSecret,
  openTotp,
  prepareRecoveryCodes,
  qrCodeDataUrl,
  sealTotp,
  TOTP_DIGITS,
  TOTP_PERIOD_SECONDS,
  totpUri,
  type TotpState,
} from '../../access/mfa'
import { verifyPassword } from '../../access/passwords'
import { clearSessionCookies, revokeSession } from '../../access/session'
import { endpoint } from '../../http/endpoint'
import { HttpProblem, problems } from '../../http/problem'
import {
  accountsDb,
  confirmEnrolment,
  disableSecondFactor,
  isLocked,
  issueSignInSession,
  organisationName,
  replaceRecoveryCodes,
  replaceTotpState,
  secondFactor,
  startEnrolment,
} from './account.queries'
import { authEvents } from './events'
import { detail } from './messages'
import {
  accountLocked,
  failInSession,
  requireStage,
  securityAudit,
  sendSessionCookies,
  sessionOrigin,
  stageAfterAuthentication,
  sessionAnswer,
} from './security'

const DATA_GROUP = 'security/mfa'
const ISSUER = 'Huoma'

const conflict = (key: 'totpAlreadyEnabled' | 'totpNotEnabled' | 'noEnrolment') =>
  new HttpProblem(409, 'conflict', { type: `https://huoma.fi/problems/${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`, detail: detail(key) })

export const mfaRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const settings = app.config.security
  const key = loadSecretKey({ secretKey: app.config.secretKey, dataDir: app.config.dataDir })
  const db = accountsDb(app)
  const clearCookies = (reply: FastifyReply) => () => clearSessionCookies(reply, app.config.secureCookies)

  function openState(request: FastifyRequest, userId: string, sealed: string): TotpState {
    try {
      return openTotp(key, userId, sealed)
    } catch (e) {
      request.log.error({ err: e, userId }, 'TOTP secret cannot be opened')
      throw new HttpProblem(500, 'internal', { type: 'https://huoma.fi/problems/totp-unavailable', detail: detail('totpUnavailable') })
    }
  }

  /** Refuses (423) while the account is locked; a second factor or a password is not even checked then. */
  async function refuseIfLocked(request: FastifyRequest, ctx: AuthedContext, event: AuditEventType, onLocked?: () => Promise<void>) {
    if (!(await isLocked(db, ctx.principal.userId))) return
    await onLocked?.()
    await appendAudit(db, securityAudit(request, ctx.principal.userId, DATA_GROUP)(event, 'denied'))
    throw accountLocked(settings)
  }

  app.route({
    ...endpoint(ep['auth.mfaVerify'], { config: { rateLimit: { max: settings.loginRateLimitPerMinute, timeWindow: '1 minute' } } }),
    handler: async (request, reply) => {
      const ctx = requireAuthed(request)
      requireStage(ctx, 'mfa_pending')
      const userId = ctx.principal.userId
      const audit = securityAudit(request, userId, DATA_GROUP)
      const endThisSession = async () => {
        await revokeSession(db, ctx.session.id)
        clearCookies(reply)()
      }
      if (app.clock.now().getTime() - ctx.session.createdAt.getTime() > MFA_PENDING_MINUTES * 60_000) {
        await endThisSession()
        await appendAudit(db, audit(authEvents.mfaExpired, 'denied'))
        throw problems.unauthorized('https://huoma.fi/problems/mfa-expired')
      }
      await refuseIfLocked(request, ctx, authEvents.mfaLocked, endThisSession)
      const user = await secondFactor(db, userId)
      if (!user.totp_enabled_at || !user.totp_secret) {
        // The second factor was removed meanwhile (reset by the main user): sign in again.
        await endThisSession()
        throw problems.unauthorized('https://huoma.fi/problems/mfa-expired')
      }
      const { method, code } = request.body
      let recoveryCodeId: string | undefined
      if (method === 'totp') {
        const state = openState(request, userId, user.totp_secret)
        const step = await checkTotp(state, code, app.clock.now())
        // Compare-and-set on the sealed state: of two requests with the same code, only one gets through.
        const accepted = step !== undefined && (await replaceTotpState(db, userId, user.totp_secret, sealTotp(key, userId, { ...state, lastStep: step })))
        if (!accepted) {
          return failInSession(db, settings, request, {
            userId,
            event: authEvents.mfaFailure,
            dataGroup: DATA_GROUP,
            basis: 'totp',
            refusal: problems.validation([{ field: 'body.code', code: 'mfa.invalidCode' }]),
            clearCookies: clearCookies(reply),
          })
        }
      } else {
        recoveryCodeId = await consumeRecoveryCode(db, userId, code, app.clock.now())
        if (!recoveryCodeId) {
          return failInSession(db, settings, request, {
            userId,
            event: authEvents.mfaFailure,
            dataGroup: DATA_GROUP,
            basis: 'recovery',
            refusal: problems.validation([{ field: 'body.code', code: 'mfa.invalidRecoveryCode' }]),
            clearCookies: clearCookies(reply),
          })
        }
      }
      const stage = stageAfterAuthentication(user.password_changed_at, settings, app.clock.now())
      // A new token for the authenticated session: a token seen before the second factor is worth nothing.
      const session = await issueSignInSession(db, settings, {
        userId,
        stage,
        origin: sessionOrigin(request),
        clearFailures: true,
        replaces: ctx.session.id,
        audit: [
          ...(recoveryCodeId ? [audit(authEvents.mfaRecoveryUsed, 'success', { refId: recoveryCodeId })] : []),
          audit(authEvents.mfaVerified, 'success', { basis: method }),
        ],
      })
      sendSessionCookies(reply, session, app.config.secureCookies, settings)
      return sessionAnswer(db, app.actions, ctx.principal, stage)
    },
  })

  app.route({
    ...endpoint(ep['auth.mfaEnrol']),
    handler: async (request) => {
      const ctx = requireAuthed(request)
      requireStage(ctx, 'active')
      const userId = ctx.principal.userId
      const user = await secondFactor(db, userId)
      if (user.totp_enabled_at) throw conflict('totpAlreadyEnabled')
      const organisation = await organisationName(db)
      const accountName = organisation !== undefined ? `${user.username} (${organisation})` : user.username
      const secret = newTotpSecret()
      await startEnrolment(db, userId, sealTotp(key, userId, { secret, lastStep: 0 }), securityAudit(request, userId, DATA_GROUP)(authEvents.mfaEnrolmentStarted, 'success'))
      const otpauthUri = totpUri({ issuer: ISSUER, accountName, secret })
      return {
        secret,
        otpauthUri,
        qrCode: qrCodeDataUrl(otpauthUri),
        issuer: ISSUER,
        accountName,
        digits: TOTP_DIGITS,
        period: TOTP_PERIOD_SECONDS,
      }
    },
  })

  app.route({
    ...endpoint(ep['auth.mfaConfirm']),
    handler: async (request) => {
      const ctx = requireAuthed(request)
      requireStage(ctx, 'active')
      const userId = ctx.principal.userId
      const audit = securityAudit(request, userId, DATA_GROUP)
      const user = await secondFactor(db, userId)
      if (user.totp_enabled_at) throw conflict('totpAlreadyEnabled')
      if (!user.totp_secret) throw conflict('noEnrolment')
      const sealed = user.totp_secret
      const state = openState(request, userId, sealed)
      const step = await checkTotp(state, request.body.code, app.clock.now())
      if (step === undefined) {
        await appendAudit(db, audit(authEvents.mfaFailure, 'failure', { basis: 'enrolment' }))
        throw problems.validation([{ field: 'body.code', code: 'mfa.invalidCode' }])
      }
      const { codes, hashes } = await prepareRecoveryCodes()
      const confirmed = await confirmEnrolment(db, {
        userId,
        expected: sealed,
        sealed: sealTotp(key, userId, { ...state, lastStep: step }),
        recoveryHashes: hashes,
        keepSession: ctx.session.id,
        audit: audit(authEvents.mfaEnrolled, 'success', { basis: 'totp' }),
      })
      if (!confirmed) throw conflict('noEnrolment')
      return { recoveryCodes: codes }
    },
  })

  /** Checks the current password again before the second factor is weakened or replaced. */
  async function confirmPassword(request: FastifyRequest, ctx: AuthedContext, password: string, basis: string, reply: FastifyReply) {
    await refuseIfLocked(request, ctx, authEvents.mfaLocked)
    const user = await secondFactor(db, ctx.principal.userId)
    if (user.password_hash && (await verifyPassword(user.password_hash, password))) return
    await failInSession(db, settings, request, {
      userId: ctx.principal.userId,
      event: authEvents.passwordFailure,
      dataGroup: DATA_GROUP,
      basis,
      refusal: problems.validation([{ field: 'body.password', code: 'password.incorrect' }]),
      clearCookies: clearCookies(reply),
    })
  }

  app.route({
    ...endpoint(ep['auth.mfaDisable']),
    handler: async (request, reply) => {
      const ctx = requireAuthed(request)
      requireStage(ctx, 'active')
      await confirmPassword(request, ctx, request.body.password, 'mfa.disable', reply)
      const userId = ctx.principal.userId
      const user = await secondFactor(db, userId)
      if (!user.totp_enabled_at && !user.totp_secret) throw conflict('totpNotEnabled')
      await disableSecondFactor(
        db,
        userId,
        securityAudit(request, userId, DATA_GROUP)(authEvents.mfaDisabled, 'success', { basis: user.totp_enabled_at ? 'totp' : 'enrolment' }),
      )
      return reply.status(204).send(null)
    },
  })

  app.route({
    ...endpoint(ep['auth.mfaRecoveryCodes']),
    handler: async (request, reply) => {
      const ctx = requireAuthed(request)
      requireStage(ctx, 'active')
      await confirmPassword(request, ctx, request.body.password, 'mfa.recovery_codes', reply)
      const userId = ctx.principal.userId
      const user = await secondFactor(db, userId)
      if (!user.totp_enabled_at) throw conflict('totpNotEnabled')
      const { codes, hashes } = await prepareRecoveryCodes()
      await replaceRecoveryCodes(db, userId, hashes, securityAudit(request, userId, DATA_GROUP)(authEvents.mfaRecoveryRegenerated, 'success'))
      return { recoveryCodes: codes }
    },
  })
}

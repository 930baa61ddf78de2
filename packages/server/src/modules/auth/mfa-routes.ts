import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import {
  LoginResponse,
  MfaVerifyRequest,
  PasswordConfirmation,
  RecoveryCodes,
  TotpConfirmRequest,
  TotpEnrolment,
} from '@huoma/contract'
import type { FastifyReply, FastifyRequest } from 'fastify'
import Type from 'typebox'
import { sql } from 'kysely'
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
  removeSecondFactor,
  sealTotp,
  storeRecoveryCodes,
  TOTP_DIGITS,
  TOTP_PERIOD_SECONDS,
  totpUri,
  type TotpState,
} from '../../access/mfa'
import { verifyPassword } from '../../access/passwords'
import { clearSessionCookies, revokeOtherSessions, revokeSession } from '../../access/session'
import { HttpProblem, problems } from '../../http/problem'
import { detail } from './messages'
import {
  accountLocked,
  failInSession,
  isLocked,
  issueSession,
  requireStage,
  securityAudit,
  sendSessionCookies,
  stageAfterAuthentication,
  toSessionUser,
} from './security'
import { authEvents } from './events'

const DATA_GROUP = 'security/mfa'
const ISSUER = 'Huoma'

const conflict = (key: 'totpAlreadyEnabled' | 'totpNotEnabled' | 'noEnrolment') =>
  new HttpProblem(409, 'conflict', { type: `https://huoma.fi/problems/${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`, detail: detail(key) })

/* eslint-disable no-restricted-syntax -- the staff member's own second factor and sessions, never client data */
export const mfaRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const settings = app.config.security
  const key = loadSecretKey({ secretKey: app.config.secretKey, dataDir: app.config.dataDir })
  const db = app.database.db
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

  app.post(
    '/api/auth/mfa/verify',
    {
      config: { action: 'auth:mfa', rateLimit: { max: settings.loginRateLimitPerMinute, timeWindow: '1 minute' } },
      schema: {
        tags: ['auth'],
        summary: 'Second sign-in step: a TOTP code or a recovery code',
        description:
          'Only for a session in stage `mfa_pending`. On success the session token is replaced (new cookies) and the ' +
          'new session is `active`, or `password_change` when the password is older than the maximum age. Wrong ' +
          'codes count towards the same lockout as wrong passwords; a recovery code works once.',
        body: MfaVerifyRequest,
        response: { 200: LoginResponse },
      },
    },
    async (request, reply) => {
      const ctx = requireAuthed(request)
      requireStage(ctx, 'mfa_pending')
      const userId = ctx.principal.userId
      const audit = securityAudit(request, userId, DATA_GROUP)
      const endThisSession = async () => {
        await revokeSession(db, ctx.session.id)
        clearCookies(reply)()
      }
      if (Date.now() - ctx.session.createdAt.getTime() > MFA_PENDING_MINUTES * 60_000) {
        await endThisSession()
        await appendAudit(db, audit(authEvents.mfaExpired, 'denied'))
        throw problems.unauthorized('https://huoma.fi/problems/mfa-expired')
      }
      await refuseIfLocked(request, ctx, authEvents.mfaLocked, endThisSession)
      const user = await db
        .selectFrom('staff_user')
        .select(['totp_secret', 'totp_enabled_at', 'password_changed_at'])
        .where('id', '=', userId)
        .executeTakeFirstOrThrow()
      if (!user.totp_enabled_at || !user.totp_secret) {
        // The second factor was removed meanwhile (reset by the main user): sign in again.
        await endThisSession()
        throw problems.unauthorized('https://huoma.fi/problems/mfa-expired')
      }
      const { method, code } = request.body
      let recoveryCodeId: string | undefined
      if (method === 'totp') {
        const state = openState(request, userId, user.totp_secret)
        const step = await checkTotp(state, code)
        // Compare-and-set on the sealed state: of two requests with the same code, only one gets through.
        const accepted =
          step !== undefined &&
          Number(
            (
              await db
                .updateTable('staff_user')
                .set({ totp_secret: sealTotp(key, userId, { ...state, lastStep: step }) })
                .where('id', '=', userId)
                .where('totp_secret', '=', user.totp_secret)
                .executeTakeFirst()
            ).numUpdatedRows,
          ) === 1
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
        recoveryCodeId = await consumeRecoveryCode(db, userId, code)
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
      const stage = stageAfterAuthentication(user.password_changed_at, settings)
      const session = await db.transaction().execute(async (trx) => {
        await trx.updateTable('staff_user').set({ failed_logins: 0, locked_until: null }).where('id', '=', userId).execute()
        // A new token for the authenticated session: a token seen before the second factor is worth nothing.
        await revokeSession(trx, ctx.session.id)
        const s = await issueSession(trx, settings, request, { userId, stage })
        await appendAudit(
          trx,
          ...(recoveryCodeId ? [audit(authEvents.mfaRecoveryUsed, 'success', { refId: recoveryCodeId })] : []),
          audit(authEvents.mfaVerified, 'success', { basis: method }),
        )
        return s
      })
      sendSessionCookies(reply, session, app.config.secureCookies, settings)
      return { user: toSessionUser(app.actions, ctx.principal, stage), stage }
    },
  )

  app.post(
    '/api/auth/mfa/enrol',
    {
      config: { action: 'auth:mfa' },
      schema: {
        tags: ['auth'],
        summary: 'Start TOTP enrolment: a new secret, its otpauth URI and QR code',
        description: 'The secret takes effect only when confirmed with a code (`/api/auth/mfa/enrol/confirm`).',
        response: { 200: TotpEnrolment },
      },
    },
    async (request) => {
      const ctx = requireAuthed(request)
      requireStage(ctx, 'active')
      const userId = ctx.principal.userId
      const user = await db.selectFrom('staff_user').select(['username', 'totp_enabled_at']).where('id', '=', userId).executeTakeFirstOrThrow()
      if (user.totp_enabled_at) throw conflict('totpAlreadyEnabled')
      const organisation = await db.selectFrom('organisation').select('name').orderBy('created_at').limit(1).executeTakeFirst()
      const accountName = organisation ? `${user.username} (${organisation.name})` : user.username
      const secret = newTotpSecret()
      await db.transaction().execute(async (trx) => {
        await trx
          .updateTable('staff_user')
          .set({ totp_secret: sealTotp(key, userId, { secret, lastStep: 0 }) })
          .where('id', '=', userId)
          .where('totp_enabled_at', 'is', null)
          .execute()
        await appendAudit(trx, securityAudit(request, userId, DATA_GROUP)(authEvents.mfaEnrolmentStarted, 'success'))
      })
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
  )

  app.post(
    '/api/auth/mfa/enrol/confirm',
    {
      config: { action: 'auth:mfa' },
      schema: {
        tags: ['auth'],
        summary: 'Confirm TOTP enrolment with a code; returns ten one-time recovery codes (shown once)',
        description: 'Also ends the user\'s other sessions: they were opened without the second factor.',
        body: TotpConfirmRequest,
        response: { 200: RecoveryCodes },
      },
    },
    async (request) => {
      const ctx = requireAuthed(request)
      requireStage(ctx, 'active')
      const userId = ctx.principal.userId
      const audit = securityAudit(request, userId, DATA_GROUP)
      const user = await db.selectFrom('staff_user').select(['totp_secret', 'totp_enabled_at']).where('id', '=', userId).executeTakeFirstOrThrow()
      if (user.totp_enabled_at) throw conflict('totpAlreadyEnabled')
      if (!user.totp_secret) throw conflict('noEnrolment')
      const sealed = user.totp_secret
      const state = openState(request, userId, sealed)
      const step = await checkTotp(state, request.body.code)
      if (step === undefined) {
        await appendAudit(db, audit(authEvents.mfaFailure, 'failure', { basis: 'enrolment' }))
        throw problems.validation([{ field: 'body.code', code: 'mfa.invalidCode' }])
      }
      const { codes, hashes } = await prepareRecoveryCodes()
      await db.transaction().execute(async (trx) => {
        const r = await trx
          .updateTable('staff_user')
          .set({ totp_secret: sealTotp(key, userId, { ...state, lastStep: step }), totp_enabled_at: sql<Date>`now()` })
          .where('id', '=', userId)
          .where('totp_secret', '=', sealed)
          .where('totp_enabled_at', 'is', null)
          .executeTakeFirst()
        if (Number(r.numUpdatedRows) !== 1) throw conflict('noEnrolment')
        await storeRecoveryCodes(trx, userId, hashes)
        await revokeOtherSessions(trx, userId, ctx.session.id)
        await appendAudit(trx, audit(authEvents.mfaEnrolled, 'success', { basis: 'totp' }))
      })
      return { recoveryCodes: codes }
    },
  )

  /** Checks the current password again before the second factor is weakened or replaced. */
  async function confirmPassword(request: FastifyRequest, ctx: AuthedContext, password: string, basis: string, reply: FastifyReply) {
    await refuseIfLocked(request, ctx, authEvents.mfaLocked)
    const user = await db.selectFrom('staff_user').select('password_hash').where('id', '=', ctx.principal.userId).executeTakeFirstOrThrow()
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

  app.post(
    '/api/auth/mfa/disable',
    {
      config: { action: 'auth:mfa' },
      schema: {
        tags: ['auth'],
        summary: 'Turn TOTP off (and drop the recovery codes); needs the current password',
        body: PasswordConfirmation,
        response: { 204: Type.Null() },
      },
    },
    async (request, reply) => {
      const ctx = requireAuthed(request)
      requireStage(ctx, 'active')
      await confirmPassword(request, ctx, request.body.password, 'mfa.disable', reply)
      const userId = ctx.principal.userId
      const user = await db.selectFrom('staff_user').select(['totp_secret', 'totp_enabled_at']).where('id', '=', userId).executeTakeFirstOrThrow()
      if (!user.totp_enabled_at && !user.totp_secret) throw conflict('totpNotEnabled')
      await db.transaction().execute(async (trx) => {
        await removeSecondFactor(trx, userId)
        await appendAudit(trx, securityAudit(request, userId, DATA_GROUP)(authEvents.mfaDisabled, 'success', { basis: user.totp_enabled_at ? 'totp' : 'enrolment' }))
      })
      return reply.status(204).send(null)
    },
  )

  app.post(
    '/api/auth/mfa/recovery-codes',
    {
      config: { action: 'auth:mfa' },
      schema: {
        tags: ['auth'],
        summary: 'Replace the recovery codes with ten new ones (the old ones stop working); needs the current password',
        body: PasswordConfirmation,
        response: { 200: RecoveryCodes },
      },
    },
    async (request, reply) => {
      const ctx = requireAuthed(request)
      requireStage(ctx, 'active')
      await confirmPassword(request, ctx, request.body.password, 'mfa.recovery_codes', reply)
      const userId = ctx.principal.userId
      const user = await db.selectFrom('staff_user').select('totp_enabled_at').where('id', '=', userId).executeTakeFirstOrThrow()
      if (!user.totp_enabled_at) throw conflict('totpNotEnabled')
      const { codes, hashes } = await prepareRecoveryCodes()
      await db.transaction().execute(async (trx) => {
        await storeRecoveryCodes(trx, userId, hashes)
        await appendAudit(trx, securityAudit(request, userId, DATA_GROUP)(authEvents.mfaRecoveryRegenerated, 'success'))
      })
      return { recoveryCodes: codes }
    },
  )
}

import { randomBytes } from 'node:crypto'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { OidcCallbackQuery, OidcConfig } from '@huoma/contract'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { sql, type Kysely } from 'kysely'
import * as oidc from 'openid-client'
import type { OidcSettings } from '../../config'
import type { DB } from '../../db/schema'
import { appendAudit, type AuditEvent } from '../../access/audit'
import { tokenHash } from '../../access/session'
import { problems } from '../../http/problem'
import { issueSession, securityAudit, sendSessionCookies } from './security'
import { authEvents } from './events'

/**
 * Single sign-on through the organisation's OpenID Connect provider: authorization code flow with PKCE (S256),
 * state and nonce, through `openid-client`.
 *
 * - `GET /api/auth/oidc/start` keeps state, nonce and the PKCE verifier server-side (`oidc_login_flow`, ten
 *   minutes, used once) under a random token that the browser holds in an httpOnly SameSite=Lax cookie (Lax, so the
 *   provider's redirect back — a cross-site navigation — carries it), and redirects to the provider.
 * - `GET /api/auth/oidc/callback` exchanges the code (the library checks state, `iss`, the ID token's signature,
 *   audience and nonce, and sends the verifier), maps the identity to an existing staff user and issues the same
 *   session as a password sign-in. Users are never created here: the main user creates them and grants rights.
 *   The identity is linked at its first sign-in by the username claim (`staff_user_identity`), by issuer and
 *   subject from then on. The provider's authentication (its MFA) stands in for Huoma's password and TOTP, so the
 *   session starts `active`.
 * - Any failure redirects to `/login?error=oidc` and is audited as `login.failure` (or `login.locked`) with the
 *   reason as a fixed code in `basis` (`oidc:<reason>`), never the provider's free text.
 */

export const OIDC_FLOW_COOKIE = 'huoma-oidc'
const FLOW_COOKIE_PATH = '/api/auth/oidc'
const FLOW_MINUTES = 10
const CALLBACK_PATH = '/api/auth/oidc/callback'
const FAILURE_REDIRECT = '/login?error=oidc'

export type OidcFailureReason =
  | 'discovery'
  | 'no_flow'
  | 'provider_error'
  | 'invalid_response'
  | 'no_username'
  | 'unknown_user'
  | 'inactive'
  | 'locked'
  | 'identity_conflict'

class OidcFailure extends Error {
  constructor(
    readonly reason: OidcFailureReason,
    readonly userId: string | null = null,
    cause?: unknown,
  ) {
    super(`OIDC sign-in refused: ${reason}`, { cause })
  }
}

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]'])

/** The issuer URL, accepting the discovery document's own URL too. */
export function issuerUrl(issuer: string): URL {
  return new URL(issuer.replace(/\/\.well-known\/openid-configuration\/?$/, ''))
}

/**
 * The provider's metadata is discovered on first use and kept; a failed discovery is retried on the next sign-in.
 * Plain http is accepted only for a provider on the loopback interface (development and tests).
 */
export function relyingParty(settings: OidcSettings): () => Promise<oidc.Configuration> {
  let pending: Promise<oidc.Configuration> | undefined
  return () => {
    pending ??= (async () => {
      const url = issuerUrl(settings.issuer)
      const auth = settings.clientSecret ? oidc.ClientSecretBasic(settings.clientSecret) : oidc.None()
      const insecure = url.protocol === 'http:' && LOOPBACK.has(url.hostname)
      return oidc.discovery(url, settings.clientId, undefined, auth, insecure ? { execute: [oidc.allowInsecureRequests] } : undefined)
    })().catch((err: unknown) => {
      pending = undefined
      throw err
    })
    return pending
  }
}

function claimText(claims: Record<string, unknown> | undefined, name: string): string | undefined {
  const v = claims?.[name]
  return typeof v === 'string' && v.trim() !== '' ? v.trim().toLowerCase() : undefined
}

/* eslint-disable no-restricted-syntax -- single sign-on reads and writes staff accounts, identities and sessions, never client data */
export const oidcRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const oidcSettings = app.config.oidc
  const security = app.config.security
  const secure = app.config.secureCookies
  const configuration = oidcSettings ? relyingParty(oidcSettings) : undefined
  const rateLimit = { max: security.loginRateLimitPerMinute, timeWindow: '1 minute' }
  const clearFlowCookie = (reply: FastifyReply) =>
    reply.clearCookie(OIDC_FLOW_COOKIE, { path: FLOW_COOKIE_PATH, httpOnly: true, sameSite: 'lax', secure })

  app.get(
    '/api/auth/oidc/config',
    {
      config: { action: 'auth:oidc-config' },
      schema: { tags: ['auth'], summary: 'Whether single sign-on (OpenID Connect) is offered', response: { 200: OidcConfig } },
    },
    async () => ({ enabled: oidcSettings !== undefined, label: oidcSettings?.label ?? null }),
  )

  app.get(
    '/api/auth/oidc/start',
    {
      config: { action: 'auth:oidc-login', rateLimit },
      schema: { tags: ['auth'], summary: 'Start a single sign-on: redirects to the identity provider' },
    },
    async (request, reply) => {
      if (!oidcSettings || !configuration) throw problems.notFound()
      const db = app.database.db
      let config: oidc.Configuration
      try {
        config = await configuration()
      } catch (err) {
        return fail(db, request, reply, new OidcFailure('discovery', null, err))
      }
      const token = randomBytes(32).toString('base64url')
      const state = oidc.randomState()
      const nonce = oidc.randomNonce()
      const verifier = oidc.randomPKCECodeVerifier()
      const redirectUri = oidcSettings.redirectUri ?? `${request.protocol}://${request.host}${CALLBACK_PATH}`
      await db.transaction().execute(async (trx) => {
        await trx.deleteFrom('oidc_login_flow').where(sql<boolean>`expires_at <= now()`).execute()
        await trx
          .insertInto('oidc_login_flow')
          .values({
            id: tokenHash(token),
            state,
            nonce,
            code_verifier: verifier,
            redirect_uri: redirectUri,
            expires_at: sql<Date>`now() + make_interval(mins => ${FLOW_MINUTES})` as unknown as Date,
          })
          .execute()
      })
      reply.setCookie(OIDC_FLOW_COOKIE, token, { path: FLOW_COOKIE_PATH, httpOnly: true, sameSite: 'lax', secure, maxAge: FLOW_MINUTES * 60 })
      const target = oidc.buildAuthorizationUrl(config, {
        redirect_uri: redirectUri,
        scope: oidcSettings.scope,
        state,
        nonce,
        code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
        code_challenge_method: 'S256',
      })
      return reply.header('cache-control', 'no-store').redirect(target.href, 302)
    },
  )

  app.get(
    CALLBACK_PATH,
    {
      config: { action: 'auth:oidc-login', rateLimit },
      schema: { tags: ['auth'], summary: 'The identity provider\'s redirect back: signs in and redirects to the app', querystring: OidcCallbackQuery },
    },
    async (request, reply) => {
      if (!oidcSettings || !configuration) throw problems.notFound()
      const db = app.database.db
      const token = request.cookies[OIDC_FLOW_COOKIE]
      clearFlowCookie(reply)
      reply.header('cache-control', 'no-store')
      try {
        // The flow is consumed whatever happens next: a code and its verifier are good for one attempt.
        const flow = token
          ? await db
              .deleteFrom('oidc_login_flow')
              .where('id', '=', tokenHash(token))
              .where(sql<boolean>`expires_at > now()`)
              .returningAll()
              .executeTakeFirst()
          : undefined
        if (!flow) throw new OidcFailure('no_flow')
        const config = await configuration().catch((err: unknown) => {
          throw new OidcFailure('discovery', null, err)
        })
        // The authorization response exactly as the provider sent it, on the redirect URI the flow started with.
        const current = new URL(flow.redirect_uri)
        current.search = request.url.includes('?') ? request.url.slice(request.url.indexOf('?')) : ''
        const tokens = await oidc
          .authorizationCodeGrant(config, current, {
            pkceCodeVerifier: flow.code_verifier,
            expectedState: flow.state,
            expectedNonce: flow.nonce,
            idTokenExpected: true,
          })
          .catch((err: unknown) => {
            throw new OidcFailure(err instanceof oidc.AuthorizationResponseError ? 'provider_error' : 'invalid_response', null, err)
          })
        const claims = tokens.claims()
        if (!claims) throw new OidcFailure('invalid_response')
        const issuer = config.serverMetadata().issuer
        const subject = claims.sub
        const username = async () => {
          const fromToken = claimText(claims, oidcSettings.usernameClaim)
          if (fromToken || !tokens.access_token) return fromToken
          // With the authorization code flow most providers put profile claims in userinfo only.
          const info = await oidc.fetchUserInfo(config, tokens.access_token, subject).catch((err: unknown) => {
            throw new OidcFailure('invalid_response', null, err)
          })
          return claimText(info, oidcSettings.usernameClaim)
        }
        const userId = await signIn(db, request, reply, { issuer, subject, username })
        request.log.info({ userId }, 'signed in through OpenID Connect')
        return reply.redirect('/', 302)
      } catch (err) {
        if (!(err instanceof OidcFailure)) throw err
        return fail(db, request, reply, err)
      }
    },
  )

  /** Maps the identity to a staff user, links it on first use, and issues an active session. */
  async function signIn(
    db: Kysely<DB>,
    request: FastifyRequest,
    reply: FastifyReply,
    identity: { issuer: string; subject: string; username: () => Promise<string | undefined> },
  ): Promise<string> {
    const linked = await db
      .selectFrom('staff_user_identity')
      .select('user_id')
      .where('issuer', '=', identity.issuer)
      .where('subject', '=', identity.subject)
      .executeTakeFirst()
    let userId = linked?.user_id
    if (!userId) {
      const username = await identity.username()
      if (!username) throw new OidcFailure('no_username')
      const byName = await db.selectFrom('staff_user').select('id').where('username', '=', username).executeTakeFirst()
      if (!byName) throw new OidcFailure('unknown_user')
      userId = byName.id
    }
    const user = await db
      .selectFrom('staff_user')
      .select(['id', 'active'])
      .select(sql<boolean>`locked_until IS NOT NULL AND locked_until > now()`.as('locked'))
      .where('id', '=', userId)
      .executeTakeFirstOrThrow()
    if (!user.active) throw new OidcFailure('inactive', user.id)
    if (user.locked) throw new OidcFailure('locked', user.id)
    const audit = securityAudit(request, user.id)
    const session = await db.transaction().execute(async (trx) => {
      const events: AuditEvent[] = []
      if (!linked) {
        // One identity per user and issuer: another subject presenting the same username is not this user.
        const other = await trx
          .selectFrom('staff_user_identity')
          .select('subject')
          .where('user_id', '=', user.id)
          .where('issuer', '=', identity.issuer)
          .executeTakeFirst()
        if (other) throw new OidcFailure('identity_conflict', user.id)
        const inserted = await trx
          .insertInto('staff_user_identity')
          .values({ issuer: identity.issuer, subject: identity.subject, user_id: user.id })
          .onConflict((oc) => oc.doNothing())
          .returning('subject')
          .executeTakeFirst()
        if (!inserted) throw new OidcFailure('identity_conflict', user.id)
        events.push(audit(authEvents.identityLink, 'success', { basis: 'oidc' }))
      }
      await trx
        .updateTable('staff_user_identity')
        .set({ last_login_at: sql`now()` as unknown as Date })
        .where('issuer', '=', identity.issuer)
        .where('subject', '=', identity.subject)
        .execute()
      await trx.updateTable('staff_user').set({ failed_logins: 0, locked_until: null }).where('id', '=', user.id).execute()
      const s = await issueSession(trx, security, request, { userId: user.id, stage: 'active' })
      await appendAudit(trx, ...events, audit(authEvents.loginSuccess, 'success', { basis: 'oidc' }))
      return s
    })
    sendSessionCookies(reply, session, secure, security)
    return user.id
  }

  async function fail(db: Kysely<DB>, request: FastifyRequest, reply: FastifyReply, failure: OidcFailure) {
    request.log.warn({ reason: failure.reason, err: failure.cause }, 'OpenID Connect sign-in refused')
    const locked = failure.reason === 'locked'
    await appendAudit(
      db,
      securityAudit(request, failure.userId)(locked ? authEvents.loginLocked : authEvents.loginFailure, locked ? 'denied' : 'failure', { basis: `oidc:${failure.reason}` }),
    )
    return reply.redirect(FAILURE_REDIRECT, 302)
  }
}

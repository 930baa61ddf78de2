import { randomBytes } from 'node:crypto'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { authEndpoints as ep } from '@huoma/contract'
import type { FastifyReply, FastifyRequest } from 'fastify'
import * as oidc from 'openid-client'
import type { OidcSettings } from '../../config'
import { appendAudit } from '../../access/audit'
import { tokenHash } from '../../access/session'
import { endpoint } from '../../http/endpoint'
import { problems } from '../../http/problem'
import { accountsDb } from './account.queries'
import { linkedUserId, saveFlow, signInState, signInWithIdentity, takeFlow, userIdByUsername } from './oidc.queries'
import { securityAudit, sendSessionCookies, sessionOrigin } from './security'
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

export const oidcRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const oidcSettings = app.config.oidc
  const security = app.config.security
  const secure = app.config.secureCookies
  const db = accountsDb(app)
  const configuration = oidcSettings ? relyingParty(oidcSettings) : undefined
  const rateLimit = { max: security.loginRateLimitPerMinute, timeWindow: '1 minute' }
  const clearFlowCookie = (reply: FastifyReply) =>
    reply.clearCookie(OIDC_FLOW_COOKIE, { path: FLOW_COOKIE_PATH, httpOnly: true, sameSite: 'lax', secure })

  app.route({
    ...endpoint(ep['auth.oidcConfig']),
    handler: async () => ({ enabled: oidcSettings !== undefined, label: oidcSettings?.label ?? null }),
  })

  app.route({
    ...endpoint(ep['auth.oidcStart'], { config: { rateLimit } }),
    handler: async (request, reply) => {
      if (!oidcSettings || !configuration) throw problems.notFound()
      let config: oidc.Configuration
      try {
        config = await configuration()
      } catch (err) {
        return fail(request, reply, new OidcFailure('discovery', null, err))
      }
      const token = randomBytes(32).toString('base64url')
      const state = oidc.randomState()
      const nonce = oidc.randomNonce()
      const verifier = oidc.randomPKCECodeVerifier()
      const redirectUri = oidcSettings.redirectUri ?? `${request.protocol}://${request.host}${CALLBACK_PATH}`
      await saveFlow(db, { id: tokenHash(token), state, nonce, codeVerifier: verifier, redirectUri, minutes: FLOW_MINUTES })
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
  })

  app.route({
    ...endpoint(ep['auth.oidcCallback'], { config: { rateLimit } }),
    handler: async (request, reply) => {
      if (!oidcSettings || !configuration) throw problems.notFound()
      const token = request.cookies[OIDC_FLOW_COOKIE]
      clearFlowCookie(reply)
      reply.header('cache-control', 'no-store')
      try {
        // The flow is consumed whatever happens next: a code and its verifier are good for one attempt.
        const flow = token ? await takeFlow(db, tokenHash(token)) : undefined
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
        const userId = await signIn(request, reply, { issuer, subject, username })
        request.log.info({ userId }, 'signed in through OpenID Connect')
        return reply.redirect('/', 302)
      } catch (err) {
        if (!(err instanceof OidcFailure)) throw err
        return fail(request, reply, err)
      }
    },
  })

  /** Maps the identity to a staff user, links it on first use, and issues an active session. */
  async function signIn(
    request: FastifyRequest,
    reply: FastifyReply,
    identity: { issuer: string; subject: string; username: () => Promise<string | undefined> },
  ): Promise<string> {
    const linked = await linkedUserId(db, identity.issuer, identity.subject)
    let userId = linked
    if (!userId) {
      const username = await identity.username()
      if (!username) throw new OidcFailure('no_username')
      const byName = await userIdByUsername(db, username)
      if (!byName) throw new OidcFailure('unknown_user')
      userId = byName
    }
    const user = await signInState(db, userId)
    if (!user.active) throw new OidcFailure('inactive', user.id)
    if (user.locked) throw new OidcFailure('locked', user.id)
    const audit = securityAudit(request, user.id)
    const session = await signInWithIdentity(db, security, {
      userId: user.id,
      issuer: identity.issuer,
      subject: identity.subject,
      // One identity per user and issuer: another subject presenting the same username is not this user.
      link: !linked,
      origin: sessionOrigin(request),
      linkAudit: audit(authEvents.identityLink, 'success', { basis: 'oidc' }),
      audit: audit(authEvents.loginSuccess, 'success', { basis: 'oidc' }),
    })
    if (session === 'identity_conflict') throw new OidcFailure('identity_conflict', user.id)
    sendSessionCookies(reply, session, secure, security)
    return user.id
  }

  async function fail(request: FastifyRequest, reply: FastifyReply, failure: OidcFailure) {
    request.log.warn({ reason: failure.reason, err: failure.cause }, 'OpenID Connect sign-in refused')
    const locked = failure.reason === 'locked'
    await appendAudit(
      db,
      securityAudit(request, failure.userId)(locked ? authEvents.loginLocked : authEvents.loginFailure, locked ? 'denied' : 'failure', { basis: `oidc:${failure.reason}` }),
    )
    return reply.redirect(FAILURE_REDIRECT, 302)
  }
}

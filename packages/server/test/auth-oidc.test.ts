import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { OidcSettings } from '../src/config'
import { verifyAuditChain } from '../src/access/audit'
import { databaseKinds } from './helpers/databases'
import { ACCOUNTS, startIdp, type Idp } from './helpers/oidc-provider'
import { startTestServer, type TestServer } from './helpers/server'

/**
 * Single sign-on through OpenID Connect against a real provider (`oidc-provider`) started here on a random port:
 * the whole authorization code flow with PKCE over HTTP, with a cookie jar per origin like a browser, on both
 * databases. The provider (helpers/oidc-provider.ts) signs in as whoever `idp.nextLogin` names.
 */
const kinds = await databaseKinds()

/** A browser in miniature: one cookie jar per origin (cookie paths honoured), redirects followed by hand. */
class Browser {
  private jars = new Map<string, Map<string, { value: string; path: string }>>()

  async request(method: string, url: string, headers: Record<string, string> = {}): Promise<Response> {
    const u = new URL(url)
    const jar = this.jars.get(u.origin) ?? new Map<string, { value: string; path: string }>()
    this.jars.set(u.origin, jar)
    const cookies = [...jar].filter(([, c]) => u.pathname === c.path || u.pathname.startsWith(c.path.endsWith('/') ? c.path : `${c.path}/`))
    const h: Record<string, string> = { ...headers }
    if (cookies.length) h.cookie = cookies.map(([k, c]) => `${k.split('\u0000')[0]}=${c.value}`).join('; ')
    const res = await fetch(url, { method, headers: h, redirect: 'manual' })
    for (const line of res.headers.getSetCookie()) {
      const [pair = '', ...attrs] = line.split(';').map((s) => s.trim())
      const i = pair.indexOf('=')
      const name = pair.slice(0, i)
      const value = pair.slice(i + 1)
      const path = attrs.find((a) => /^path=/i.test(a))?.slice(5) || '/'
      const key = `${name}\u0000${path}`
      if (value === '' || /max-age=0|expires=thu, 01 jan 1970/i.test(line)) jar.delete(key)
      else jar.set(key, { value, path })
    }
    return res
  }

  cookie(origin: string, name: string): string | undefined {
    for (const [k, c] of this.jars.get(origin) ?? []) if (k.split('\u0000')[0] === name) return c.value
    return undefined
  }

  /** Follows redirects from `url` until one leads out of the API onto a page of `appOrigin` (or is not a redirect). */
  async follow(url: string, appOrigin: string): Promise<{ final: URL; hops: URL[] }> {
    const hops: URL[] = []
    let current = new URL(url)
    for (let i = 0; i < 20; i++) {
      hops.push(current)
      const res = await this.request('GET', current.href)
      const location = res.headers.get('location')
      if (res.status < 300 || res.status >= 400 || !location) throw new Error(`${current.href} answered ${res.status}: ${await res.text()}`)
      current = new URL(location, current)
      if (current.origin === appOrigin && !current.pathname.startsWith('/api/')) return { final: current, hops }
    }
    throw new Error('too many redirects')
  }
}

describe.each(kinds)('single sign-on (OpenID Connect) on %s', (kind) => {
  let idp: Idp
  let t: TestServer
  let pub: TestServer
  const settings = (issuer: string, clientId: string, clientSecret?: string): OidcSettings => ({
    issuer,
    clientId,
    clientSecret,
    redirectUri: undefined,
    usernameClaim: 'preferred_username',
    scope: 'openid profile',
    label: 'Demolan tunnukset',
  })

  beforeAll(async () => {
    idp = await startIdp()
    t = await startTestServer(kind, { oidc: settings(idp.issuer, 'huoma', 'huoma-client-secret') })
    // A second Huoma as a public client: no secret, PKCE alone protects the code.
    pub = await startTestServer(kind, { oidc: settings(`${idp.issuer}/.well-known/openid-configuration`, 'huoma-public') })
    idp.serve([
      { clientId: 'huoma', secret: 'huoma-client-secret', redirectUri: `${t.url}/api/auth/oidc/callback` },
      { clientId: 'huoma-public', redirectUri: `${pub.url}/api/auth/oidc/callback` },
    ])
  })
  afterAll(async () => {
    await t?.stop()
    await pub?.stop()
    await idp?.close()
  })

  const audit = (server: TestServer, event: string, basis: string) =>
    server.server.database.db.selectFrom('audit_log').selectAll().where('event', '=', event).where('basis', '=', basis).orderBy('id').execute()
  const userId = async (username: string) =>
    (await t.server.database.db.selectFrom('staff_user').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id

  /** Signs in at the provider as `subject` through Huoma's start endpoint; returns the browser and where it ended. */
  async function signIn(subject: string, server: TestServer = t) {
    idp.nextLogin = subject
    const browser = new Browser()
    const { final, hops } = await browser.follow(`${server.url}/api/auth/oidc/start`, server.url)
    return { browser, final, hops, me: await browser.request('GET', `${server.url}/api/auth/me`) }
  }

  it('tells the login page that single sign-on is offered, with the organisation\'s button text', async () => {
    const res = await fetch(`${t.url}/api/auth/oidc/config`)
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({ enabled: true, label: 'Demolan tunnukset' })
  })

  it('signs an existing user in through the provider (code + PKCE), links the identity and audits it', async () => {
    const { browser, final, hops, me } = await signIn('idp-aino')
    // Start: state, nonce and an S256 code challenge go to the provider; the verifier stays on the server.
    const authorize = hops[1]!
    expect(authorize.origin).toBe(idp.issuer)
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256')
    expect(authorize.searchParams.get('code_challenge')).toMatch(/^[\w-]{43}$/)
    expect(authorize.searchParams.get('state')).toBeTruthy()
    expect(authorize.searchParams.get('nonce')).toBeTruthy()
    expect(authorize.searchParams.get('redirect_uri')).toBe(`${t.url}/api/auth/oidc/callback`)
    expect(authorize.searchParams.has('code_verifier')).toBe(false)
    // The callback was reached with a code and ended on the app's front page.
    const callback = hops.find((h) => h.pathname === '/api/auth/oidc/callback')!
    expect(callback.searchParams.get('code')).toBeTruthy()
    expect(final.pathname).toBe('/')
    expect(final.search).toBe('')

    expect(me.status).toBe(200)
    const body = await me.json()
    expect(body.stage).toBe('active')
    expect(body.user).toMatchObject({ username: 'sosiaalityontekija', roles: ['social_worker'] })
    expect(body.user.actions).toContain('persons:search')
    // The same kind of session as a password sign-in: CSRF-protected state changes, sign-out works.
    const csrf = browser.cookie(t.url, 'huoma-csrf')!
    expect(csrf).toBeTruthy()
    expect(browser.cookie(t.url, 'huoma-oidc')).toBeUndefined()
    expect((await browser.request('POST', `${t.url}/api/auth/logout`, { 'x-csrf-token': 'forged' })).status).toBe(403)
    expect((await browser.request('POST', `${t.url}/api/auth/logout`, { 'x-csrf-token': csrf })).status).toBe(204)
    expect((await browser.request('GET', `${t.url}/api/auth/me`)).status).toBe(401)

    const db = t.server.database.db
    const link = await db.selectFrom('staff_user_identity').selectAll().where('subject', '=', 'idp-aino').executeTakeFirstOrThrow()
    expect(link).toMatchObject({ issuer: idp.issuer, user_id: await userId('sosiaalityontekija') })
    expect(link.last_login_at).not.toBeNull()
    expect((await audit(t, 'auth:identity-link', 'oidc')).map((r) => r.user_id)).toEqual([link.user_id])
    const success = await audit(t, 'auth:login-success', 'oidc')
    expect(success.map((r) => [r.user_id, r.outcome])).toEqual([[link.user_id, 'success']])
    // The flow's state, nonce and verifier were used once and are gone.
    expect(Number((await db.selectFrom('oidc_login_flow').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)).toBe(0)
  })

  it('recognises a linked identity by its subject even when the username claim changes', async () => {
    const before = (await audit(t, 'auth:identity-link', 'oidc')).length
    ACCOUNTS['idp-aino']!.preferred_username = 'aino.lehtinen@demola.example'
    try {
      const { final, me } = await signIn('idp-aino')
      expect(final.pathname).toBe('/')
      expect((await me.json()).user.username).toBe('sosiaalityontekija')
    } finally {
      ACCOUNTS['idp-aino']!.preferred_username = 'sosiaalityontekija'
    }
    expect((await audit(t, 'auth:identity-link', 'oidc')).length).toBe(before)
  })

  it('refuses another subject presenting the username of an already linked user', async () => {
    const { final, me } = await signIn('idp-impostor')
    expect(final.pathname + final.search).toBe('/login?error=oidc')
    expect(me.status).toBe(401)
    const rows = await audit(t, 'auth:login-failure', 'oidc:identity_conflict')
    expect(rows.map((r) => [r.user_id, r.outcome])).toEqual([[await userId('sosiaalityontekija'), 'failure']])
    expect(await t.server.database.db.selectFrom('staff_user_identity').select('subject').where('subject', '=', 'idp-impostor').execute()).toEqual([])
  })

  it('refuses an identity that matches no staff user: no user is created, no session, a failure row', async () => {
    const users = async () => Number((await t.server.database.db.selectFrom('staff_user').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)
    const count = await users()
    const { browser, final, me } = await signIn('idp-ghost')
    expect(final.pathname + final.search).toBe('/login?error=oidc')
    expect(me.status).toBe(401)
    expect(browser.cookie(t.url, 'huoma-session')).toBeUndefined()
    expect(await users()).toBe(count)
    const rows = await audit(t, 'auth:login-failure', 'oidc:unknown_user')
    expect(rows.map((r) => [r.user_id, r.outcome, r.action, r.data_group])).toEqual([[null, 'failure', 'security', 'security/login']])
  })

  it('refuses an identity without the username claim', async () => {
    const { final, me } = await signIn('idp-nameless')
    expect(final.pathname + final.search).toBe('/login?error=oidc')
    expect(me.status).toBe(401)
    expect((await audit(t, 'auth:login-failure', 'oidc:no_username')).length).toBe(1)
  })

  it('refuses a deactivated user and a locked user', async () => {
    const db = t.server.database.db
    await db.updateTable('staff_user').set({ active: false }).where('username', '=', 'talous').execute()
    await db.updateTable('staff_user').set({ locked_until: sql<Date>`now() + interval '1 hour'` }).where('username', '=', 'tilastot').execute()
    try {
      const deactivated = await signIn('idp-talous')
      expect(deactivated.final.pathname + deactivated.final.search).toBe('/login?error=oidc')
      expect(deactivated.me.status).toBe(401)
      expect((await audit(t, 'auth:login-failure', 'oidc:inactive')).map((r) => r.user_id)).toEqual([await userId('talous')])
      const locked = await signIn('idp-tilastot')
      expect(locked.final.pathname + locked.final.search).toBe('/login?error=oidc')
      expect(locked.me.status).toBe(401)
      expect((await audit(t, 'auth:login-locked', 'oidc:locked')).map((r) => [r.user_id, r.outcome])).toEqual([[await userId('tilastot'), 'denied']])
    } finally {
      await db.updateTable('staff_user').set({ active: true }).where('username', '=', 'talous').execute()
      await db.updateTable('staff_user').set({ locked_until: null }).where('username', '=', 'tilastot').execute()
    }
  })

  it('refuses a callback whose state does not match the started flow', async () => {
    idp.nextLogin = 'idp-esihenkilo'
    const browser = new Browser()
    const start = await browser.request('GET', `${t.url}/api/auth/oidc/start`)
    expect(start.status).toBe(302)
    const authorize = new URL(start.headers.get('location')!)
    authorize.searchParams.set('state', 'forged-state-value')
    const { final } = await browser.follow(authorize.href, t.url)
    expect(final.pathname + final.search).toBe('/login?error=oidc')
    expect((await browser.request('GET', `${t.url}/api/auth/me`)).status).toBe(401)
    expect((await audit(t, 'auth:login-failure', 'oidc:invalid_response')).length).toBeGreaterThan(0)
  })

  it('refuses a callback without a started flow, and a replayed callback', async () => {
    const stray = await fetch(`${t.url}/api/auth/oidc/callback?code=made-up&state=x`, { redirect: 'manual' })
    expect(stray.status).toBe(302)
    expect(stray.headers.get('location')).toBe('/login?error=oidc')
    const noFlow = (await audit(t, 'auth:login-failure', 'oidc:no_flow')).length
    expect(noFlow).toBe(1)

    // A successful callback URL used again gets nothing: the flow was consumed and its cookie cleared.
    const { browser, hops, me } = await signIn('idp-esihenkilo')
    expect(me.status).toBe(200)
    const callback = hops.find((h) => h.pathname === '/api/auth/oidc/callback')!
    const replay = await new Browser().request('GET', callback.href)
    expect(replay.headers.get('location')).toBe('/login?error=oidc')
    expect((await audit(t, 'auth:login-failure', 'oidc:no_flow')).length).toBe(noFlow + 1)
    await browser.request('POST', `${t.url}/api/auth/logout`, { 'x-csrf-token': browser.cookie(t.url, 'huoma-csrf')! })
  })

  it('refuses an error answer from the provider (the user cancelled)', async () => {
    const browser = new Browser()
    const start = await browser.request('GET', `${t.url}/api/auth/oidc/start`)
    const state = new URL(start.headers.get('location')!).searchParams.get('state')!
    const q = new URLSearchParams({ error: 'access_denied', error_description: 'Käyttäjä peruutti', state, iss: idp.issuer })
    const res = await browser.request('GET', `${t.url}/api/auth/oidc/callback?${q}`)
    expect(res.status).toBe(302)
    expect(res.headers.get('location')).toBe('/login?error=oidc')
    expect((await audit(t, 'auth:login-failure', 'oidc:provider_error')).length).toBe(1)
  })

  it('works as a public client (PKCE, no client secret), discovered from the configuration document URL', async () => {
    const { final, me } = await signIn('idp-esihenkilo', pub)
    expect(final.pathname).toBe('/')
    expect(me.status).toBe(200)
    expect((await me.json()).user.username).toBe('esihenkilo')
    expect((await audit(pub, 'auth:login-success', 'oidc')).length).toBe(1)
  })

  it('keeps the audit chain intact', async () => {
    expect((await verifyAuditChain(t.server.database.db)).ok).toBe(true)
  })
})

describe('single sign-on switched off', () => {
  let t: TestServer
  beforeAll(async () => {
    t = await startTestServer('pglite', { oidc: undefined }, { demo: false })
  })
  afterAll(() => t?.stop())

  it('says it is off, and its start and callback do not exist', async () => {
    expect(await (await fetch(`${t.url}/api/auth/oidc/config`)).json()).toEqual({ enabled: false, label: null })
    expect((await fetch(`${t.url}/api/auth/oidc/start`, { redirect: 'manual' })).status).toBe(404)
    expect((await fetch(`${t.url}/api/auth/oidc/callback?code=x&state=y`, { redirect: 'manual' })).status).toBe(404)
  })
})

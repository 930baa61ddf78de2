import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadConfig } from '../src/config'
import { databaseKinds } from './helpers/databases'
import { Client, DEMO_PASSWORD, startTestServer, type TestServer } from './helpers/server'

const kinds = await databaseKinds()

describe.each(kinds)('staff login and sessions on %s', (kind) => {
  let t: TestServer
  beforeAll(async () => {
    t = await startTestServer(kind, {}, {})
    t.config.security.lockoutThreshold = 3
  })
  afterAll(() => t?.stop())

  const auditEvents = async (event: string) =>
    (await t.server.database.db.selectFrom('audit_log').selectAll().where('event', '=', event).orderBy('id').execute())

  it('signs a demo user in with an httpOnly SameSite=Strict session cookie and a readable CSRF cookie', async () => {
    const c = new Client(t.url)
    const res = await c.post('/api/auth/login', { username: 'Sosiaalityontekija', password: DEMO_PASSWORD })
    expect(res.status).toBe(200)
    const body = await res.json()
    expect(body.stage).toBe('active')
    expect(body.user).toMatchObject({ username: 'sosiaalityontekija', displayName: 'Aino Lehtinen', roles: ['social_worker'] })
    expect(body.user.actions).toContain('persons:search')
    expect(body.user.actions).not.toContain('admin:users')
    const cookies = res.headers.getSetCookie()
    const session = cookies.find((s) => s.startsWith('huoma-session='))!
    expect(session).toMatch(/HttpOnly/i)
    expect(session).toMatch(/SameSite=Strict/i)
    expect(cookies.find((s) => s.startsWith('huoma-csrf='))).not.toMatch(/HttpOnly/i)
    const me = await c.get('/api/auth/me')
    expect(me.status).toBe(200)
    expect((await me.json()).user.username).toBe('sosiaalityontekija')
    expect((await auditEvents('auth:login-success')).length).toBeGreaterThan(0)
  })

  it('refuses a wrong password without telling whether the user exists, and logs both', async () => {
    const c = new Client(t.url)
    const wrong = await c.post('/api/auth/login', { username: 'talous', password: 'wrong-password' })
    const unknown = await c.post('/api/auth/login', { username: 'nobody-here', password: 'wrong-password' })
    expect(wrong.status).toBe(401)
    expect(unknown.status).toBe(401)
    expect((await wrong.json()).type).toBe((await unknown.json()).type)
    const failures = await auditEvents('auth:login-failure')
    expect(failures.some((f) => f.user_id === null)).toBe(true)
    expect(failures.some((f) => f.user_id !== null)).toBe(true)
  })

  it('locks the account after repeated failures, even for the right password', async () => {
    const c = new Client(t.url)
    const statuses: number[] = []
    for (let i = 0; i < 3; i++) statuses.push((await c.post('/api/auth/login', { username: 'tilastot', password: 'nope-nope' })).status)
    expect(statuses).toEqual([401, 401, 423])
    const right = await c.post('/api/auth/login', { username: 'tilastot', password: DEMO_PASSWORD })
    expect(right.status).toBe(423)
    expect((await right.json()).type).toMatch(/account-locked/)
    expect((await auditEvents('auth:lockout')).length).toBe(1)
    expect((await auditEvents('auth:login-locked')).length).toBeGreaterThan(0)
  })

  it('requires the CSRF token on state-changing requests', async () => {
    const c = new Client(t.url)
    await c.login('esihenkilo')
    const forged = await c.post('/api/auth/logout', undefined, { 'x-csrf-token': 'forged' })
    expect(forged.status).toBe(403)
    expect((await c.get('/api/auth/me')).status).toBe(200)
    expect((await c.post('/api/auth/logout')).status).toBe(204)
    expect((await c.get('/api/auth/me')).status).toBe(401)
  })

  it('logs out everywhere', async () => {
    const a = new Client(t.url)
    const b = new Client(t.url)
    await a.login('sosiaaliohjaaja')
    await b.login('sosiaaliohjaaja')
    expect((await a.post('/api/auth/logout-all')).status).toBe(204)
    expect((await b.get('/api/auth/me')).status).toBe(401)
  })

  it('ends a session after the idle timeout', async () => {
    const c = new Client(t.url)
    await c.login('etuuskasittelija')
    await t.server.database.db
      .updateTable('staff_session')
      .set({ last_seen_at: sql<Date>`now() - interval '31 minutes'` })
      .where('user_id', '=', (await t.server.database.db.selectFrom('staff_user').select('id').where('username', '=', 'etuuskasittelija').executeTakeFirstOrThrow()).id)
      .execute()
    expect((await c.get('/api/auth/me')).status).toBe(401)
  })

  it('denies a role without the action and writes a denial audit row', async () => {
    const c = new Client(t.url)
    await c.login('paakayttaja')
    const res = await c.get('/api/persons?name=virtanen')
    expect(res.status).toBe(403)
    const denials = await t.server.database.db.selectFrom('audit_log').selectAll().where('event', '=', 'persons:search').where('outcome', '=', 'denied').execute()
    expect(denials.length).toBe(1)
  })
})

describe.each(kinds)('login throttling on %s', (kind) => {
  let t: TestServer
  beforeAll(async () => {
    t = await startTestServer(kind, { security: { ...loadConfig().security, loginRateLimitPerMinute: 3 } })
  })
  afterAll(() => t?.stop())

  it('answers 429 with a problem once an address has tried too often', async () => {
    const c = new Client(t.url)
    const statuses: number[] = []
    for (let i = 0; i < 4; i++) statuses.push((await c.post('/api/auth/login', { username: 'talous', password: 'wrong-password' })).status)
    expect(statuses).toEqual([401, 401, 401, 429])
    const res = await c.post('/api/auth/login', { username: 'talous', password: DEMO_PASSWORD })
    expect(res.status).toBe(429)
    expect(await res.json()).toMatchObject({ status: 429, title: 'Liian monta pyyntöä' })
  })
})

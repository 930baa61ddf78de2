import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { databaseKinds } from './helpers/databases'
import { Client, DEMO_PASSWORD, startTestServer, type TestServer } from './helpers/server'

/**
 * The lockout holds against parallel guesses: each attempt takes its place in the failure count before its password
 * is checked, so a burst of wrong passwords with the right one among the last locks the account without letting
 * the right one in, and no more passwords are checked than the threshold allows. One at a time, nothing changes:
 * the right password after a few wrong ones signs in and clears the count.
 */
const kinds = await databaseKinds()

describe.each(kinds)('lockout under parallel guesses on %s', (kind) => {
  let t: TestServer
  const db = () => t.server.database.db
  const login = (username: string, password: string) =>
    fetch(`${t.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) })
  const events = async (userId: string, since: number) =>
    (await db().selectFrom('audit_log').select('event').where('user_id', '=', userId).where('id', '>', since).orderBy('id').execute()).map((r) => r.event)
  const maxId = async () => Number((await db().selectFrom('audit_log').select((eb) => eb.fn.max('id').as('m')).executeTakeFirstOrThrow()).m)
  const user = async (username: string) => db().selectFrom('staff_user').select(['id', 'failed_logins', 'locked_until']).where('username', '=', username).executeTakeFirstOrThrow()

  beforeAll(async () => {
    t = await startTestServer(kind)
  })
  afterAll(() => t?.stop())

  it('lets no burst of 14 wrong and the right one last through, and checks at most the threshold of passwords', async () => {
    const threshold = t.config.security.lockoutThreshold
    expect(threshold).toBeLessThan(14)
    const { id } = await user('sosiaaliohjaaja')
    const before = await maxId()
    const wrong = Array.from({ length: 14 }, (_, i) => login('sosiaaliohjaaja', `vaara-salasana-${i}`))
    // the right one a moment later, while the wrong ones are still being checked
    await new Promise((r) => setTimeout(r, 50))
    const right = login('sosiaaliohjaaja', DEMO_PASSWORD)
    const answers = await Promise.all([...wrong, right])
    const statuses = answers.map((r) => r.status)
    expect(statuses.filter((s) => s === 200)).toEqual([])
    expect(statuses.at(-1)).toBe(423)
    expect(statuses.every((s) => s === 401 || s === 423)).toBe(true)
    // exactly `threshold` passwords were checked and failed (the last of them locked); the rest were refused unchecked
    const written = await events(id, before)
    expect(written.filter((e) => e === 'auth:login-failure' || e === 'auth:lockout')).toHaveLength(threshold)
    expect(written.filter((e) => e === 'auth:lockout')).toHaveLength(1)
    expect(written.filter((e) => e === 'auth:login-success')).toEqual([])
    expect(written.filter((e) => e === 'auth:login-locked')).toHaveLength(15 - threshold)
    const after = await user('sosiaaliohjaaja')
    expect(after.locked_until!.getTime()).toBeGreaterThan(Date.now())
    // still locked for the right password afterwards
    expect((await login('sosiaaliohjaaja', DEMO_PASSWORD)).status).toBe(423)
  })

  it('one at a time: the right password after fewer wrong ones than the threshold signs in and clears the count', async () => {
    const threshold = t.config.security.lockoutThreshold
    for (let i = 0; i < threshold - 1; i++) expect((await login('sosiaalityontekija', 'vaara')).status).toBe(401)
    expect((await user('sosiaalityontekija')).failed_logins).toBe(threshold - 1)
    expect((await login('sosiaalityontekija', DEMO_PASSWORD)).status).toBe(200)
    expect(await user('sosiaalityontekija')).toMatchObject({ failed_logins: 0, locked_until: null })
    // and the threshold-th wrong one in a row locks, as before
    for (let i = 0; i < threshold - 1; i++) expect((await login('sosiaalityontekija', 'vaara')).status).toBe(401)
    expect((await login('sosiaalityontekija', 'vaara')).status).toBe(423)
    expect((await login('sosiaalityontekija', DEMO_PASSWORD)).status).toBe(423)
  })

  it('ends the session a browser already holds when someone else signs in on it', async () => {
    const browser = new Client(t.url)
    await browser.login('etuuskasittelija')
    const a = await user('etuuskasittelija')
    const live = (userId: string) =>
      db().selectFrom('staff_session').select('user_id').where('user_id', '=', userId).where('revoked_at', 'is', null).where('expires_at', '>', new Date()).execute()
    expect(await live(a.id)).toHaveLength(1)
    await browser.login('toimistosihteeri')
    expect(await live(a.id)).toEqual([])
    expect((await (await browser.get('/api/auth/me')).json()).user.username).toBe('toimistosihteeri')
  })

  it('refuses a change back to one of the earlier passwords, and keeps only as many as configured', async () => {
    const c = new Client(t.url)
    await c.login('talous')
    const first = 'Ensimmäinen uusi salasana 1'
    const second = 'Toinen aivan uusi salasana 2'
    const change = (currentPassword: string, newPassword: string) => c.post('/api/auth/password', { currentPassword, newPassword })
    expect((await change(DEMO_PASSWORD, first)).status).toBe(200)
    // straight back to the password it had a moment ago: refused at the field, in the user's language
    const back = await change(first, DEMO_PASSWORD)
    expect(back.status).toBe(400)
    expect((await back.json()).errors).toEqual([
      expect.objectContaining({ field: 'body.newPassword', code: 'password.reused', message: expect.stringContaining(String(t.config.security.passwordHistory)) }),
    ])
    expect((await change(first, second)).status).toBe(200)
    expect((await change(second, first)).status).toBe(400)
    const { id } = await user('talous')
    const kept = await db().selectFrom('staff_password_history').select('password_hash').where('user_id', '=', id).execute()
    expect(kept).toHaveLength(2)
    expect(kept.every((k) => k.password_hash.startsWith('$argon2id$'))).toBe(true)
    // the history holds at most the configured number: with one, the oldest is forgotten
    t.config.security.passwordHistory = 1
    const third = 'Kolmas salasana tähän 3'
    expect((await change(second, third)).status).toBe(200)
    expect(await db().selectFrom('staff_password_history').select('id').where('user_id', '=', id).execute()).toHaveLength(1)
    expect((await change(third, first)).status).toBe(200)
  })

  it('answers a user name that does not exist as it answers a real one: 401, then 423 at the threshold', async () => {
    const threshold = t.config.security.lockoutThreshold
    const answers = async (username: string) => {
      const out: [number, string][] = []
      for (let i = 0; i <= threshold; i++) {
        const res = await login(username, 'vaara-salasana')
        out.push([res.status, (await res.json()).type])
      }
      return out
    }
    const real = await answers('paakayttaja')
    expect(real.map(([s]) => s)).toEqual([...Array<number>(threshold - 1).fill(401), 423, 423])
    expect(await answers('ei-tallaista-kayttajaa')).toEqual(real)
    // only a hash of the name is kept
    const rows = await db().selectFrom('login_unknown_attempt').selectAll().execute()
    expect(JSON.stringify(rows)).not.toContain('tallaista')
  })
})

import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { isCommonPassword, passwordPolicyIssues } from '../src/access/password-policy'
import { databaseKinds } from './helpers/databases'
import { Client, DEMO_PASSWORD, startTestServer, type TestServer } from './helpers/server'

const kinds = await databaseKinds()

describe('the password policy', () => {
  it('refuses common passwords and the words they are built on, in Finnish, Swedish and English', () => {
    for (const p of [
      'salasana',
      'Salasana2024!',
      'SALASANA123456',
      'Kesä2024',
      'kesa2025!!!!',
      '!!Talvi-2026',
      'P@ssw0rd1234',
      'Lösenord2024!',
      'Sommar2025',
      'qwertyuiopå12',
      'asdfghjklöä',
      '123456789012',
      'aaaaaaaaaaaaaaa',
      'abcabcabcabcabc',
      'Kissa2024!Kissa2024!',
      'Jokerit1967',
      'Helsinki2026',
    ]) {
      expect(isCommonPassword(p), p).toBe(true)
    }
    for (const p of ['Kolme karhua kävi metsässä 2026', 'Tuulimylly-Hyppää-Ylös-7', 'vihreä sohva laulaa aamulla']) {
      expect(isCommonPassword(p), p).toBe(false)
    }
  })

  it('reports every rule that fails', () => {
    const issues = passwordPolicyIssues('Talous2024', { username: 'talous', currentPassword: 'x', minLength: 12, field: 'body.newPassword' })
    expect(issues.map((i) => i.code)).toEqual(['password.tooShort', 'password.sameAsUsername'])
    expect(issues[0]?.params).toEqual({ min: 12 })
  })
})

describe.each(kinds)('password change on %s', (kind) => {
  let t: TestServer
  beforeAll(async () => {
    t = await startTestServer(kind)
    t.config.security.lockoutThreshold = 3
  })
  afterAll(() => t?.stop())

  const db = () => t.server.database.db
  const auditRows = async (username: string, event: string) => {
    const { id } = await db().selectFrom('staff_user').select('id').where('username', '=', username).executeTakeFirstOrThrow()
    return db().selectFrom('audit_log').selectAll().where('user_id', '=', id).where('event', '=', event).orderBy('id').execute()
  }

  it('explains each broken rule at the field, in Finnish and in Swedish', async () => {
    const fi = new Client(t.url, 'fi')
    await fi.login('etuuskasittelija')
    const short = await fi.post('/api/auth/password', { currentPassword: DEMO_PASSWORD, newPassword: 'lyhyempi' })
    expect(short.status).toBe(400)
    expect((await short.json()).errors).toEqual([
      { field: 'body.newPassword', code: 'password.tooShort', message: 'Salasanassa pitää olla vähintään 12 merkkiä.' },
    ])

    const cases: Array<[string, string, string]> = [
      ['Etuuskasittelija-2026', 'password.sameAsUsername', 'Salasana ei saa olla käyttäjätunnuksesi eikä sisältää sitä.'],
      ['Salasana2024!', 'password.common', 'Salasana on liian yleinen tai helposti arvattava. Valitse pidempi ja harvinaisempi salasana, esimerkiksi usean sanan lause.'],
      [DEMO_PASSWORD, 'password.sameAsCurrent', 'Uuden salasanan pitää olla eri kuin nykyinen.'],
    ]
    for (const [newPassword, code, message] of cases) {
      const res = await fi.post('/api/auth/password', { currentPassword: DEMO_PASSWORD, newPassword })
      expect(res.status, newPassword).toBe(400)
      expect((await res.json()).errors, newPassword).toEqual([{ field: 'body.newPassword', code, message }])
    }

    const sv = new Client(t.url, 'sv')
    await sv.login('etuuskasittelija')
    const svRes = await sv.post('/api/auth/password', { currentPassword: DEMO_PASSWORD, newPassword: 'Kesä2024' })
    expect(svRes.status).toBe(400)
    const svBody = await svRes.json()
    expect(svBody.title).toBe('Uppgifterna innehåller fel')
    expect(svBody.errors).toEqual([
      { field: 'body.newPassword', code: 'password.tooShort', message: 'Lösenordet ska ha minst 12 tecken.' },
      {
        field: 'body.newPassword',
        code: 'password.common',
        message: 'Lösenordet är för vanligt eller lätt att gissa. Välj ett längre och ovanligare lösenord, till exempel en mening av flera ord.',
      },
    ])
    const svWrong = await sv.post('/api/auth/password', { currentPassword: 'fel lösenord', newPassword: 'Kolme karhua kävi metsässä' })
    expect((await svWrong.json()).errors).toEqual([{ field: 'body.currentPassword', code: 'password.incorrect', message: 'Lösenordet är fel.' }])
    await db().updateTable('staff_user').set({ failed_logins: 0 }).where('username', '=', 'etuuskasittelija').execute()

    // Nothing changed: the old password still signs in.
    expect((await new Client(t.url).post('/api/auth/login', { username: 'etuuskasittelija', password: DEMO_PASSWORD })).status).toBe(200)
    expect((await auditRows('etuuskasittelija', 'auth:password-rejected')).length).toBe(5)
  })

  it('changes the password, ends the other sessions and replaces this one', async () => {
    const c = new Client(t.url)
    const login = await c.login('sosiaalityontekija')
    const oldToken = login.headers.getSetCookie().find((s) => s.startsWith('huoma-session='))
    const other = new Client(t.url)
    await other.login('sosiaalityontekija')

    const newPassword = 'Vihreä sohva laulaa aamulla'
    const res = await c.post('/api/auth/password', { currentPassword: DEMO_PASSWORD, newPassword })
    expect(res.status).toBe(200)
    expect(await res.json()).toMatchObject({ stage: 'active', user: { username: 'sosiaalityontekija' } })
    const newToken = res.headers.getSetCookie().find((s) => s.startsWith('huoma-session='))
    expect(newToken).toBeTruthy()
    expect(newToken).not.toBe(oldToken)

    expect((await c.get('/api/auth/me')).status).toBe(200)
    expect((await other.get('/api/auth/me')).status).toBe(401)
    const stale = await fetch(`${t.url}/api/auth/me`, { headers: { cookie: oldToken!.split(';')[0]! } })
    expect(stale.status).toBe(401)

    expect((await new Client(t.url).post('/api/auth/login', { username: 'sosiaalityontekija', password: DEMO_PASSWORD })).status).toBe(401)
    expect((await new Client(t.url).post('/api/auth/login', { username: 'sosiaalityontekija', password: newPassword })).status).toBe(200)
    expect((await auditRows('sosiaalityontekija', 'auth:password-changed')).map((r) => [r.basis, r.outcome])).toEqual([['voluntary', 'success']])
    const account = await (await c.get('/api/auth/account')).json()
    expect(Date.now() - Date.parse(account.password.changedAt)).toBeLessThan(60_000)
    expect(account.password.minLength).toBe(12)
  })

  it('forces a change when the password is older than the maximum age, and allows nothing else until then', async () => {
    await db()
      .updateTable('staff_user')
      .set({ password_changed_at: sql<Date>`now() - interval '181 days'` })
      .where('username', '=', 'sosiaaliohjaaja')
      .execute()
    const c = new Client(t.url)
    const login = await (await c.login('sosiaaliohjaaja')).json()
    expect(login.stage).toBe('password_change')
    expect(login.user.actions).toEqual([])
    expect(login.user.roles).toEqual(['social_counsellor'])

    const search = await c.get('/api/persons?name=virtanen')
    expect(search.status).toBe(403)
    expect((await search.json()).type).toBe('https://huoma.fi/problems/password-change')
    const enrol = await c.post('/api/auth/mfa/enrol')
    expect(enrol.status).toBe(403)
    expect((await enrol.json()).type).toBe('https://huoma.fi/problems/password-change')
    expect((await (await c.get('/api/auth/me')).json()).stage).toBe('password_change')
    const account = await (await c.get('/api/auth/account')).json()
    expect(Date.parse(account.password.expiresAt)).toBeLessThan(Date.now())

    const changed = await c.post('/api/auth/password', { currentPassword: DEMO_PASSWORD, newPassword: 'Tuulimylly-Hyppää-Ylös-7' })
    expect(changed.status).toBe(200)
    const body = await changed.json()
    expect(body.stage).toBe('active')
    expect(body.user.actions).toContain('persons:search')
    expect((await c.get('/api/persons?name=virtanen')).status).toBe(200)
    expect((await auditRows('sosiaaliohjaaja', 'auth:password-changed')).map((r) => r.basis)).toEqual(['expired'])
    expect((await (await new Client(t.url).login('sosiaaliohjaaja', 'Tuulimylly-Hyppää-Ylös-7')).json()).stage).toBe('active')
  })

  it('counts a wrong current password towards the lockout and ends the sessions when it locks', async () => {
    const c = new Client(t.url)
    await c.login('talous')
    const attempt = () => c.post('/api/auth/password', { currentPassword: 'arvaus', newPassword: 'Kolme karhua kävi metsässä' })
    expect((await attempt()).status).toBe(400)
    expect((await attempt()).status).toBe(400)
    const third = await attempt()
    expect(third.status).toBe(423)
    expect((await c.get('/api/auth/me')).status).toBe(401)
    expect((await new Client(t.url).post('/api/auth/login', { username: 'talous', password: DEMO_PASSWORD })).status).toBe(423)
    expect((await auditRows('talous', 'auth:password-failure')).length).toBe(3)
    expect((await auditRows('talous', 'auth:lockout')).length).toBe(1)
  })
})

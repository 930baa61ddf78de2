import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { sql } from 'kysely'
import { generate } from 'otplib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadSecretKey, normaliseRecoveryCode, openTotp, sealTotp } from '../src/access/mfa'
import { databaseKinds } from './helpers/databases'
import { Client, DEMO_PASSWORD, startTestServer, type TestServer } from './helpers/server'

const kinds = await databaseKinds()

/** The TOTP code of `secret` `steps` time steps from now (the server accepts −1…+1 and each step only once). */
const totp = (secret: string, steps = 0) => generate({ secret, epoch: Math.floor(Date.now() / 1000) + steps * 30 })

/** A six-digit code that is valid in none of the steps the server would accept now. */
async function wrongCode(secret: string): Promise<string> {
  const valid = new Set(await Promise.all([-2, -1, 0, 1, 2].map((s) => totp(secret, s))))
  for (let n = 0; ; n++) {
    const candidate = String((123456 + n * 7919) % 1_000_000).padStart(6, '0')
    if (!valid.has(candidate)) return candidate
  }
}

const sessionCookie = (res: Response) =>
  res.headers
    .getSetCookie()
    .find((c) => c.startsWith('huoma-session='))
    ?.split(';')[0]
    ?.slice('huoma-session='.length)

describe('sealing TOTP secrets at rest', () => {
  const key = Buffer.alloc(32, 7)

  it('round-trips the state, and refuses another user id, another key or a tampered value', () => {
    const sealed = sealTotp(key, 'user-a', { secret: 'JBSWY3DPEHPK3PXP', lastStep: 42 })
    expect(sealed).toMatch(/^v1\./)
    expect(sealed).not.toContain('JBSWY3DPEHPK3PXP')
    expect(openTotp(key, 'user-a', sealed)).toEqual({ secret: 'JBSWY3DPEHPK3PXP', lastStep: 42 })
    expect(() => openTotp(key, 'user-b', sealed)).toThrow()
    expect(() => openTotp(Buffer.alloc(32, 8), 'user-a', sealed)).toThrow(/another key/)
    const tampered = sealed.slice(0, -2) + (sealed.endsWith('A') ? 'BB' : 'AA')
    expect(() => openTotp(key, 'user-a', tampered)).toThrow()
  })

  it('takes the key from HUOMA_SECRET_KEY (base64 or hex) or a generated key file with mode 600', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'huoma-key-'))
    try {
      const b64 = Buffer.alloc(32, 1).toString('base64')
      expect(loadSecretKey({ secretKey: b64, dataDir: dir })).toEqual(Buffer.alloc(32, 1))
      expect(loadSecretKey({ secretKey: 'ab'.repeat(32), dataDir: dir })).toEqual(Buffer.alloc(32, 0xab))
      expect(() => loadSecretKey({ secretKey: 'too-short', dataDir: dir })).toThrow(/32 bytes/)
      expect(fs.existsSync(path.join(dir, 'secret.key'))).toBe(false)

      const generated = loadSecretKey({ secretKey: undefined, dataDir: path.join(dir, 'data') })
      const file = path.join(dir, 'data', 'secret.key')
      expect(fs.statSync(file).mode & 0o777).toBe(0o600)
      expect(loadSecretKey({ secretKey: undefined, dataDir: path.join(dir, 'data') })).toEqual(generated)
      fs.chmodSync(file, 0o644)
      expect(() => loadSecretKey({ secretKey: undefined, dataDir: path.join(dir, 'data') })).toThrow(/chmod 600/)
    } finally {
      fs.rmSync(dir, { recursive: true, force: true })
    }
  })

  it('normalises recovery codes as people type them', () => {
    expect(normaliseRecoveryCode(' ABCDE-fghjk ')).toBe('abcdefghjk')
    expect(normaliseRecoveryCode('abcde fghjk')).toBe('abcdefghjk')
  })
})

describe.each(kinds)('TOTP second factor on %s', (kind) => {
  let t: TestServer
  beforeAll(async () => {
    t = await startTestServer(kind)
    t.config.security.lockoutThreshold = 3
  })
  afterAll(() => t?.stop())

  const db = () => t.server.database.db
  const userRow = (username: string) => db().selectFrom('staff_user').selectAll().where('username', '=', username).executeTakeFirstOrThrow()
  const auditRows = async (username: string, event: string) => {
    const { id } = await userRow(username)
    return db().selectFrom('audit_log').selectAll().where('user_id', '=', id).where('event', '=', event).orderBy('id').execute()
  }

  /** Enrols TOTP for a signed-in client; returns the secret and the recovery codes. */
  async function enrol(c: Client): Promise<{ secret: string; recoveryCodes: string[] }> {
    const start = await c.post('/api/auth/mfa/enrol')
    expect(start.status).toBe(200)
    const { secret } = await start.json()
    const confirm = await c.post('/api/auth/mfa/enrol/confirm', { code: await totp(secret) })
    expect(confirm.status).toBe(200)
    return { secret, recoveryCodes: (await confirm.json()).recoveryCodes }
  }

  async function loginPending(username: string, language = 'fi'): Promise<{ c: Client; res: Response }> {
    const c = new Client(t.url, language)
    const res = await c.login(username)
    expect((await res.clone().json()).stage).toBe('mfa_pending')
    return { c, res }
  }

  it('enrols: secret, otpauth URI and QR code; the secret is encrypted at rest; a code confirms it and yields ten recovery codes', async () => {
    const c = new Client(t.url)
    await c.login('esihenkilo')
    const other = new Client(t.url)
    await other.login('esihenkilo')

    const start = await c.post('/api/auth/mfa/enrol')
    expect(start.status).toBe(200)
    const enrolment = await start.json()
    expect(enrolment.secret).toMatch(/^[A-Z2-7]{32}$/)
    expect(enrolment.otpauthUri).toMatch(/^otpauth:\/\/totp\/Huoma:esihenkilo/)
    expect(enrolment.otpauthUri).toContain(`secret=${enrolment.secret}`)
    expect(enrolment.otpauthUri).toContain('issuer=Huoma')
    expect(enrolment).toMatchObject({ issuer: 'Huoma', digits: 6, period: 30 })
    expect(enrolment.qrCode).toMatch(/^data:image\/svg\+xml;base64,/)
    expect(Buffer.from(enrolment.qrCode.split(',')[1], 'base64').toString()).toMatch(/^<svg [^>]*viewBox="0 0 \d+ \d+"/)

    const pending = await userRow('esihenkilo')
    expect(pending.totp_enabled_at).toBeNull()
    expect(pending.totp_secret).toMatch(/^v1\./)
    expect(pending.totp_secret).not.toContain(enrolment.secret)
    expect(fs.statSync(path.join(t.config.dataDir, 'secret.key')).mode & 0o777).toBe(0o600)
    expect((await (await c.get('/api/auth/account')).json()).mfa).toMatchObject({ totpEnabled: false, enrolmentPending: true })

    const wrong = await c.post('/api/auth/mfa/enrol/confirm', { code: await wrongCode(enrolment.secret) })
    expect(wrong.status).toBe(400)
    expect((await wrong.json()).errors).toEqual([
      { field: 'body.code', code: 'mfa.invalidCode', message: 'Koodi ei kelpaa. Tarkista koodi todennussovelluksesta ja yritä uudelleen.' },
    ])

    const confirm = await c.post('/api/auth/mfa/enrol/confirm', { code: await totp(enrolment.secret) })
    expect(confirm.status).toBe(200)
    const { recoveryCodes } = await confirm.json()
    expect(recoveryCodes).toHaveLength(10)
    expect(new Set(recoveryCodes).size).toBe(10)
    for (const code of recoveryCodes) expect(code).toMatch(/^[a-z2-9]{5}-[a-z2-9]{5}$/)
    const stored = await db().selectFrom('staff_recovery_code').selectAll().where('user_id', '=', pending.id).execute()
    expect(stored).toHaveLength(10)
    for (const row of stored) {
      expect(row.code_hash).toMatch(/^\$argon2id\$/)
      expect(recoveryCodes.some((code: string) => row.code_hash.includes(normaliseRecoveryCode(code)))).toBe(false)
    }

    expect((await (await c.get('/api/auth/account')).json()).mfa).toMatchObject({ totpEnabled: true, enrolmentPending: false, recoveryCodesRemaining: 10 })
    // The other session was opened without the second factor: it has ended. This one goes on.
    expect((await other.get('/api/auth/me')).status).toBe(401)
    expect((await c.get('/api/auth/me')).status).toBe(200)
    expect((await c.post('/api/auth/mfa/enrol')).status).toBe(409)
    expect((await auditRows('esihenkilo', 'auth:mfa-enrolment-started')).length).toBe(1)
    expect((await auditRows('esihenkilo', 'auth:mfa-enrolled')).length).toBe(1)
    expect((await auditRows('esihenkilo', 'auth:mfa-failure')).map((r) => r.basis)).toEqual(['enrolment'])
  })

  it('asks an enrolled user for a code at sign-in, lets the pending session do nothing else, and rotates the session token at verify', async () => {
    const c = new Client(t.url)
    await c.login('sosiaaliohjaaja')
    const { secret } = await enrol(c)
    await c.post('/api/auth/logout')

    const { c: pending, res } = await loginPending('sosiaaliohjaaja')
    const body = await res.json()
    expect(body.user).toMatchObject({ username: 'sosiaaliohjaaja', roles: [], actions: [] })
    const pendingToken = sessionCookie(res)!
    expect(pendingToken).toBeTruthy()

    const me = await (await pending.get('/api/auth/me')).json()
    expect(me.stage).toBe('mfa_pending')
    const search = await pending.get('/api/persons?name=virtanen')
    expect(search.status).toBe(403)
    expect((await search.json()).type).toBe('https://huoma.fi/problems/mfa-pending')
    for (const [method, url, payload] of [
      ['POST', '/api/auth/password', { currentPassword: DEMO_PASSWORD, newPassword: 'Uusi pitkä lause tähän 9' }],
      ['POST', '/api/auth/mfa/enrol', undefined],
      ['POST', '/api/auth/mfa/disable', { password: DEMO_PASSWORD }],
      ['POST', '/api/auth/mfa/recovery-codes', { password: DEMO_PASSWORD }],
      ['GET', '/api/auth/account', undefined],
    ] as const) {
      const r = await pending.request(method, url, payload)
      expect(r.status, `${method} ${url}`).toBe(403)
      expect((await r.json()).type).toBe('https://huoma.fi/problems/mfa-pending')
    }

    // The code confirmed at enrolment is of this step; the next step's code is new (a replay is refused below).
    const code = await totp(secret, 1)
    const verified = await pending.post('/api/auth/mfa/verify', { method: 'totp', code })
    expect(verified.status).toBe(200)
    const after = await verified.json()
    expect(after.stage).toBe('active')
    expect(after.user.actions).toContain('persons:search')
    const activeToken = sessionCookie(verified)!
    expect(activeToken).toBeTruthy()
    expect(activeToken).not.toBe(pendingToken)
    expect((await pending.get('/api/persons?name=virtanen')).status).toBe(200)
    // The token from before the second factor is worth nothing now.
    const stale = await fetch(`${t.url}/api/auth/me`, { headers: { cookie: `huoma-session=${pendingToken}` } })
    expect(stale.status).toBe(401)

    // The same code again, in a new sign-in within its validity window: refused as a replay.
    const { c: again } = await loginPending('sosiaaliohjaaja')
    const replay = await again.post('/api/auth/mfa/verify', { method: 'totp', code })
    expect(replay.status).toBe(400)
    expect((await replay.json()).errors[0].code).toBe('mfa.invalidCode')

    expect((await auditRows('sosiaaliohjaaja', 'auth:mfa-verified')).map((r) => [r.basis, r.outcome])).toEqual([['totp', 'success']])
    expect((await auditRows('sosiaaliohjaaja', 'auth:mfa-failure')).map((r) => r.basis)).toEqual(['totp'])
    await db().updateTable('staff_user').set({ failed_logins: 0 }).where('username', '=', 'sosiaaliohjaaja').execute()
  })

  it('requires the code from an enrolled demo user even though demo users are exempt from enrolling', async () => {
    const c = new Client(t.url)
    await c.login('talous')
    await enrol(c)
    await db().updateTable('staff_user').set({ mfa_exempt: true }).where('username', '=', 'talous').execute()
    await loginPending('talous')
    expect((await (await c.get('/api/auth/account')).json()).mfa.exempt).toBe(true)
  })

  it('counts wrong codes towards the password lockout; knowing the password does not reset the count', async () => {
    const c = new Client(t.url)
    await c.login('tilastot')
    const { secret } = await enrol(c)
    await c.post('/api/auth/logout')
    const wrong = await wrongCode(secret)

    // failure 1: a wrong password
    expect((await new Client(t.url).post('/api/auth/login', { username: 'tilastot', password: 'väärä salasana' })).status).toBe(401)
    // failure 2: a wrong code, in Swedish
    const first = await loginPending('tilastot', 'sv')
    const r1 = await first.c.post('/api/auth/mfa/verify', { method: 'totp', code: wrong })
    expect(r1.status).toBe(400)
    expect((await r1.json()).errors).toEqual([
      { field: 'body.code', code: 'mfa.invalidCode', message: 'Koden godkändes inte. Kontrollera koden i autentiseringsappen och försök igen.' },
    ])
    // failure 3: the right password again does not clear the count; a third wrong code locks the account
    const second = await loginPending('tilastot')
    const r2 = await second.c.post('/api/auth/mfa/verify', { method: 'totp', code: wrong })
    expect(r2.status).toBe(423)
    expect((await r2.json()).type).toBe('https://huoma.fi/problems/account-locked')
    expect((await second.c.get('/api/auth/me')).status).toBe(401)
    expect((await first.c.get('/api/auth/me')).status).toBe(401)

    // Locked: neither the password nor a right code gets in.
    expect((await new Client(t.url).post('/api/auth/login', { username: 'tilastot', password: DEMO_PASSWORD })).status).toBe(423)
    expect((await auditRows('tilastot', 'auth:mfa-failure')).length).toBe(2)
    expect((await auditRows('tilastot', 'auth:lockout')).map((r) => r.basis)).toEqual(['totp'])

    await db().updateTable('staff_user').set({ locked_until: null }).where('username', '=', 'tilastot').execute()
    const third = await loginPending('tilastot')
    expect((await third.c.post('/api/auth/mfa/verify', { method: 'totp', code: await totp(secret, 1) })).status).toBe(200)
    expect((await userRow('tilastot')).failed_logins).toBe(0)
  })

  it('accepts each recovery code once, and replaces them all on request with the current password', async () => {
    const c = new Client(t.url)
    await c.login('toimistosihteeri')
    const { recoveryCodes } = await enrol(c)
    await c.post('/api/auth/logout')
    const [first, second, third] = recoveryCodes as [string, string, string]

    const a = await loginPending('toimistosihteeri')
    const used = await a.c.post('/api/auth/mfa/verify', { method: 'recovery', code: first })
    expect(used.status).toBe(200)
    expect((await used.json()).stage).toBe('active')
    expect(sessionCookie(used)).not.toBe(sessionCookie(a.res))
    expect((await (await a.c.get('/api/auth/account')).json()).mfa.recoveryCodesRemaining).toBe(9)

    const b = await loginPending('toimistosihteeri')
    const reused = await b.c.post('/api/auth/mfa/verify', { method: 'recovery', code: first })
    expect(reused.status).toBe(400)
    expect((await reused.json()).errors).toEqual([
      { field: 'body.code', code: 'mfa.invalidRecoveryCode', message: 'Varakoodi ei kelpaa tai se on jo käytetty.' },
    ])
    // Typed from paper: upper case, a space instead of the dash.
    const typed = await b.c.post('/api/auth/mfa/verify', { method: 'recovery', code: ` ${second.toUpperCase().replace('-', ' ')} ` })
    expect(typed.status).toBe(200)
    expect((await auditRows('toimistosihteeri', 'auth:mfa-recovery-used')).length).toBe(2)
    expect((await auditRows('toimistosihteeri', 'auth:mfa-verified')).map((r) => r.basis)).toEqual(['recovery', 'recovery'])

    const refused = await b.c.post('/api/auth/mfa/recovery-codes', { password: 'ei tämä' })
    expect(refused.status).toBe(400)
    expect((await refused.json()).errors[0]).toMatchObject({ field: 'body.password', code: 'password.incorrect' })
    const regenerated = await b.c.post('/api/auth/mfa/recovery-codes', { password: DEMO_PASSWORD })
    expect(regenerated.status).toBe(200)
    const fresh: string[] = (await regenerated.json()).recoveryCodes
    expect(fresh).toHaveLength(10)
    expect(fresh).not.toContain(third)
    expect((await auditRows('toimistosihteeri', 'auth:mfa-recovery-regenerated')).length).toBe(1)
    await db().updateTable('staff_user').set({ failed_logins: 0 }).where('username', '=', 'toimistosihteeri').execute()

    const d = await loginPending('toimistosihteeri')
    expect((await d.c.post('/api/auth/mfa/verify', { method: 'recovery', code: third })).status).toBe(400)
    expect((await d.c.post('/api/auth/mfa/verify', { method: 'recovery', code: fresh[0] })).status).toBe(200)
  })

  it('turns TOTP off only with the current password; sign-in then needs no code', async () => {
    const c = new Client(t.url)
    await c.login('paakayttaja')
    await enrol(c)
    const refused = await c.post('/api/auth/mfa/disable', { password: 'väärä' })
    expect(refused.status).toBe(400)
    expect((await refused.json()).errors[0]).toMatchObject({ field: 'body.password', code: 'password.incorrect', message: 'Salasana on väärä.' })
    expect((await userRow('paakayttaja')).totp_enabled_at).not.toBeNull()
    expect((await c.post('/api/auth/mfa/disable', { password: DEMO_PASSWORD })).status).toBe(204)
    const row = await userRow('paakayttaja')
    expect(row.totp_enabled_at).toBeNull()
    expect(row.totp_secret).toBeNull()
    expect(await db().selectFrom('staff_recovery_code').selectAll().where('user_id', '=', row.id).execute()).toEqual([])
    expect((await (await new Client(t.url).login('paakayttaja')).json()).stage).toBe('active')
    expect((await c.post('/api/auth/mfa/disable', { password: DEMO_PASSWORD })).status).toBe(409)
    expect((await auditRows('paakayttaja', 'auth:mfa-disabled')).length).toBe(1)
    expect((await auditRows('paakayttaja', 'auth:password-failure')).map((r) => r.basis)).toEqual(['mfa.disable'])
  })

  it('moves to the password change after the code when the password is too old', async () => {
    const c = new Client(t.url)
    await c.login('tietosuojavastaava')
    const { secret } = await enrol(c)
    await c.post('/api/auth/logout')
    await db()
      .updateTable('staff_user')
      .set({ password_changed_at: sql<Date>`now() - interval '181 days'` })
      .where('username', '=', 'tietosuojavastaava')
      .execute()
    const { c: pending } = await loginPending('tietosuojavastaava')
    const verified = await pending.post('/api/auth/mfa/verify', { method: 'totp', code: await totp(secret, 1) })
    expect(verified.status).toBe(200)
    expect((await verified.json()).stage).toBe('password_change')
    const refused = await pending.post('/api/auth/mfa/enrol')
    expect(refused.status).toBe(403)
    expect((await refused.json()).type).toBe('https://huoma.fi/problems/password-change')
    expect((await pending.get('/api/auth/account')).status).toBe(200)
    const changed = await pending.post('/api/auth/password', { currentPassword: DEMO_PASSWORD, newPassword: 'Kolme karhua kävi metsässä 2026' })
    expect(changed.status).toBe(200)
    expect((await changed.json()).stage).toBe('active')
  })

  it('ends a sign-in left waiting for the code too long', async () => {
    const { c } = await loginPending('esihenkilo')
    const { id } = await userRow('esihenkilo')
    await db()
      .updateTable('staff_session')
      .set({ created_at: sql<Date>`now() - interval '11 minutes'` })
      .where('user_id', '=', id)
      .where('stage', '=', 'mfa_pending')
      .execute()
    const late = await c.post('/api/auth/mfa/verify', { method: 'totp', code: '123456' })
    expect(late.status).toBe(401)
    expect((await late.json()).type).toBe('https://huoma.fi/problems/mfa-expired')
    expect((await c.get('/api/auth/me')).status).toBe(401)
  })

  it('refuses to verify a session that is not waiting for a second factor', async () => {
    const c = new Client(t.url)
    await c.login('etuuskasittelija')
    const r = await c.post('/api/auth/mfa/verify', { method: 'totp', code: '123456' })
    expect(r.status).toBe(409)
  })
})

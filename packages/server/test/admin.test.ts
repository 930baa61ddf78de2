import { addDays, todayInHelsinki } from '@huoma/domain'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { verifyAuditChain } from '../src/access/audit'
import { databaseKinds } from './helpers/databases'
import { Client, DEMO_PASSWORD, startTestServer, type TestServer } from './helpers/server'
import { adminEvents } from '../src/modules/admin/events'

/**
 * Käyttäjät ja oikeudet over real HTTP on both databases: the main user's administration of staff accounts and
 * grants, the supervisors' grant requests, the audit events of every change, and the proof that the main user
 * never receives client data.
 */
const kinds = await databaseKinds()

const MISSING = '00000000-0000-4000-8000-000000000009'

describe.each(kinds)('user administration on %s', (kind) => {
  let t: TestServer
  let admin: Client
  const db = () => t.server.database.db
  const today = () => todayInHelsinki(new Date())
  const userId = async (username: string) =>
    (await db().selectFrom('staff_user').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id
  const unitId = async (code: string) => (await db().selectFrom('unit').select('id').where('code', '=', code).executeTakeFirstOrThrow()).id
  const auditRows = (event: string) => db().selectFrom('audit_log').selectAll().where('event', '=', event).orderBy('id').execute()
  const deniedCount = async (username: string, event: string) => {
    const row = await db()
      .selectFrom('audit_log')
      .select(sql<number>`count(*)::int`.as('n'))
      .where('user_id', '=', await userId(username))
      .where('event', '=', event)
      .where('outcome', '=', 'denied')
      .executeTakeFirstOrThrow()
    return Number(row.n)
  }
  const signedIn = async (username: string, language = 'fi') => {
    const c = new Client(t.url, language)
    await c.login(username)
    return c
  }
  const patch = (c: Client, path: string, body: unknown) => c.request('PATCH', path, body)
  const version = async (id: string) => (await db().selectFrom('staff_user').select('version').where('id', '=', id).executeTakeFirstOrThrow()).version

  let admin2: Client
  /**
   * A right that sees client data, given by two people: the main user asks (a request with a justification) and the
   * second main user grants it. Answers the grant's view.
   */
  const grantByTwo = async (id: string, body: { roleCode: string; unitId: string; serviceTasks: string[]; validFrom: string; validUntil?: string }) => {
    const filed = await admin.post('/api/admin/grant-requests', { userId: id, ...body, justification: 'Sijaisuus testin ajan.' })
    expect(filed.status, JSON.stringify(await filed.clone().json())).toBe(201)
    const decided = await admin2.post(`/api/admin/grant-requests/${(await filed.json()).id}/grant`)
    expect(decided.status).toBe(200)
    const { grantId } = await decided.json()
    return (await (await admin.get(`/api/admin/users/${id}/grants`)).json()).grants.find((g: { id: string }) => g.id === grantId)
  }

  beforeAll(async () => {
    t = await startTestServer(kind)
    admin = await signedIn('paakayttaja')
    admin2 = await signedIn('paakayttaja2')
  })
  afterAll(() => t?.stop())

  describe('who may do what', () => {
    /** Every endpoint with the action it declares and a request that would pass validation. */
    const endpoints = async () => {
      const worker = await userId('tilastot')
      const laps = await unitId('LAPS')
      const grant = { roleCode: 'social_worker', unitId: laps, serviceTasks: ['child_welfare'], validFrom: today() }
      return [
        { method: 'GET', path: '/api/admin/users', action: 'admin:users' },
        { method: 'GET', path: `/api/admin/users/${worker}`, action: 'admin:users' },
        { method: 'GET', path: `/api/admin/users/${worker}/grants`, action: 'admin:users' },
        { method: 'POST', path: '/api/admin/users', action: 'admin:users-write', body: { username: 'kokeilu', displayName: 'Kokeilu', language: 'fi' } },
        { method: 'PATCH', path: `/api/admin/users/${worker}`, action: 'admin:users-write', body: { version: 1, displayName: 'X' } },
        { method: 'POST', path: `/api/admin/users/${worker}/deactivate`, action: 'admin:users-write', body: { version: 1 } },
        { method: 'POST', path: `/api/admin/users/${worker}/reactivate`, action: 'admin:users-write', body: { version: 1 } },
        { method: 'POST', path: `/api/admin/users/${worker}/reset-mfa`, action: 'admin:users-write', body: { version: 1 } },
        { method: 'POST', path: `/api/admin/users/${worker}/grants`, action: 'admin:grants-write', body: grant },
        { method: 'POST', path: `/api/admin/grants/${MISSING}/end`, action: 'admin:grants-write' },
        { method: 'POST', path: `/api/admin/grant-requests/${MISSING}/grant`, action: 'admin:grants-write' },
        { method: 'POST', path: `/api/admin/grant-requests/${MISSING}/refuse`, action: 'admin:grants-write' },
        { method: 'GET', path: '/api/admin/organisation', action: 'admin:grant-requests' },
        { method: 'GET', path: '/api/admin/grant-requests/options', action: 'admin:grant-requests' },
        { method: 'GET', path: '/api/admin/grant-requests', action: 'admin:grant-requests' },
        {
          method: 'POST',
          path: '/api/admin/grant-requests',
          action: 'admin:grant-requests',
          body: { ...grant, userId: worker, justification: 'Sijaisuus lastensuojelussa' },
        },
      ] as const
    }

    it('refuses a social worker everything, with a denial audit row each time, and changes nothing', async () => {
      const c = await signedIn('sosiaalityontekija')
      const before = await db().selectFrom('staff_user').select(['id', 'version', 'active']).orderBy('id').execute()
      for (const e of await endpoints()) {
        const denied = await deniedCount('sosiaalityontekija', e.action)
        const res = await c.request(e.method, e.path, 'body' in e ? e.body : undefined)
        expect(res.status, `${e.method} ${e.path}`).toBe(403)
        expect(await deniedCount('sosiaalityontekija', e.action), `${e.method} ${e.path}`).toBe(denied + 1)
      }
      expect(await db().selectFrom('staff_user').select(['id', 'version', 'active']).orderBy('id').execute()).toEqual(before)
    })

    it('refuses a supervisor the main user\'s actions, with denial audit rows, and lets them at requests', async () => {
      const c = await signedIn('esihenkilo')
      for (const e of await endpoints()) {
        const denied = await deniedCount('esihenkilo', e.action)
        const res = await c.request(e.method, e.path, 'body' in e ? e.body : undefined)
        if (e.action === 'admin:grant-requests') {
          expect([200, 201], `${e.method} ${e.path}`).toContain(res.status)
        } else {
          expect(res.status, `${e.method} ${e.path}`).toBe(403)
          expect(await deniedCount('esihenkilo', e.action), `${e.method} ${e.path}`).toBe(denied + 1)
        }
      }
    })

    it('refuses anyone not signed in', async () => {
      const anonymous = new Client(t.url)
      for (const e of await endpoints()) expect((await anonymous.request(e.method, e.path, 'body' in e ? e.body : undefined)).status).toBe(401)
    })
  })

  describe('the main user sees no client content', () => {
    it('is refused the client registry, with denial audit rows', async () => {
      const person = await db().selectFrom('person').select('id').limit(1).executeTakeFirstOrThrow()
      const search = await deniedCount('paakayttaja', 'persons:search')
      const read = await deniedCount('paakayttaja', 'persons:read')
      expect((await admin.get('/api/persons?name=virtanen')).status).toBe(403)
      expect((await admin.get(`/api/persons/${person.id}`)).status).toBe(403)
      expect(await deniedCount('paakayttaja', 'persons:search')).toBe(search + 1)
      expect(await deniedCount('paakayttaja', 'persons:read')).toBe(read + 1)
    })

    it('gets no person field, id, name or henkilötunnus in any administration response', async () => {
      const someone = await userId('sosiaalityontekija')
      const grant = (await (await admin.get(`/api/admin/users/${someone}/grants`)).json()).grants[0].id
      const bodies: string[] = []
      for (const path of [
        '/api/admin/organisation',
        '/api/admin/grant-requests/options',
        '/api/admin/users?status=all',
        `/api/admin/users/${someone}`,
        `/api/admin/users/${someone}/grants`,
        '/api/admin/grant-requests?status=all',
      ]) {
        const res = await admin.get(path)
        expect(res.status, path).toBe(200)
        bodies.push(await res.text())
      }
      expect(grant).toBeTruthy()
      const text = bodies.join('\n')
      for (const field of ['hetu', 'firstNames', 'lastName', 'birthDate', 'turvakielto', 'addresses', 'personId', 'clientIds']) {
        expect(text).not.toContain(`"${field}"`)
      }
      const persons = await db().selectFrom('person').select(['id', 'hetu', 'last_name', 'first_names']).execute()
      expect(persons.length).toBeGreaterThan(100)
      for (const p of persons) {
        expect(text).not.toContain(p.id)
        if (p.hetu) expect(text).not.toContain(p.hetu)
      }
    })
  })

  describe('organisation structure', () => {
    it('lists units, service tasks and roles with names in three languages', async () => {
      const res = await admin.get('/api/admin/organisation')
      expect(res.status).toBe(200)
      const body = await res.json()
      expect(body.organisation).toMatchObject({ name: 'Demolan kaupunki', businessId: '1234567-1' })
      expect(body.units.map((u: { code: string }) => u.code).sort()).toEqual(['AIKU', 'ETUU', 'HALL', 'LAPS', 'VAMM'])
      expect(body.serviceTasks).toHaveLength(8)
      expect(body.serviceTasks[0]).toEqual({
        code: 'adult_social_work',
        names: { fi: 'Aikuisten sosiaalityö', sv: 'Socialt arbete för vuxna', en: 'Adult social work' },
      })
      expect(body.roles).toHaveLength(10)
      expect(body.roles.find((r: { code: string }) => r.code === 'main_user')).toEqual({
        code: 'main_user',
        names: { fi: 'Pääkäyttäjä', sv: 'Huvudanvändare', en: 'Main user' },
        clientContent: false,
      })
    })
  })

  describe('users', () => {
    it('finds users by a part of the name regardless of diacritics, or by username, with current and future grants', async () => {
      const byName = await (await admin.get('/api/admin/users?q=heikkila')).json()
      expect(byName.users.map((u: { username: string }) => u.username)).toEqual(['esihenkilo'])
      expect(byName.total).toBe(1)
      const jari = byName.users[0]
      expect(jari).toMatchObject({ displayName: 'Jari Heikkilä', active: true, mfaEnabled: false, mustChangePassword: false, language: 'fi' })
      expect(jari.grants).toHaveLength(3)
      expect(jari.grants.every((g: { status: string; roleCode: string }) => g.status === 'current' && g.roleCode === 'supervisor')).toBe(true)
      const byUsername = await (await admin.get('/api/admin/users?q=TIETOSUOJA')).json()
      expect(byUsername.users.map((u: { displayName: string }) => u.displayName)).toEqual(['Maria Lindqvist'])
      const all = await (await admin.get('/api/admin/users')).json()
      expect(all.total).toBeGreaterThanOrEqual(9)
      const names = all.users.map((u: { displayName: string }) => u.displayName)
      expect(names).toEqual([...names].sort(new Intl.Collator('fi').compare))
      const limited = await (await admin.get('/api/admin/users?limit=2')).json()
      expect(limited.users).toHaveLength(2)
      expect(limited.total).toBe(all.total)
    })

    it('validates the query with field messages', async () => {
      const res = await admin.get('/api/admin/users?status=sometimes')
      expect(res.status).toBe(400)
      expect((await res.json()).errors[0]).toMatchObject({ field: 'query.status', code: 'enum' })
      expect((await admin.get(`/api/admin/users/${MISSING}`)).status).toBe(404)
      expect((await admin.get('/api/admin/users/not-a-uuid')).status).toBe(400)
    })

    it('creates a user with a one-time password shown once, who must change it at first sign-in', async () => {
      const res = await admin.post('/api/admin/users', { username: '  Uusi.Tyontekija ', displayName: 'Ulla Uusi', email: 'ulla.uusi@demola.fi', language: 'sv' })
      expect(res.status).toBe(201)
      const body = await res.json()
      expect(body.initialPassword).toMatch(/^[a-z2-9]{4}(-[a-z2-9]{4}){3}$/)
      expect(body.user).toMatchObject({ username: 'uusi.tyontekija', displayName: 'Ulla Uusi', email: 'ulla.uusi@demola.fi', language: 'sv', active: true, mustChangePassword: true, version: 1, grants: [] })
      const stored = await db().selectFrom('staff_user').selectAll().where('id', '=', body.user.id).executeTakeFirstOrThrow()
      expect(stored.password_changed_at).toBeNull()
      expect(stored.password_hash).toMatch(/^\$argon2id\$/)
      expect(stored.password_hash).not.toContain(body.initialPassword)

      const again = await (await admin.get(`/api/admin/users/${body.user.id}`)).json()
      expect(again).not.toHaveProperty('initialPassword')
      expect(JSON.stringify(again)).not.toContain(body.initialPassword)

      const newcomer = new Client(t.url)
      const login = await newcomer.post('/api/auth/login', { username: 'uusi.tyontekija', password: body.initialPassword })
      expect(login.status).toBe(200)
      expect((await login.json()).stage).toBe('password_change')

      const created = (await auditRows('admin:user-created')).at(-1)!
      expect(created).toMatchObject({ user_id: await userId('paakayttaja'), ref_id: body.user.id, action: 'security', outcome: 'success', role_code: 'main_user' })
    })

    it('takes a password set by the main user when it passes the policy, and still requires a change', async () => {
      const res = await admin.post('/api/admin/users', { username: 'oma.salasana', displayName: 'Olli Oma', language: 'fi', password: 'Pitkä ja harvinainen lause 42' })
      expect(res.status).toBe(201)
      const body = await res.json()
      expect(body).not.toHaveProperty('initialPassword')
      expect(body.user.mustChangePassword).toBe(true)
      const c = new Client(t.url)
      expect((await (await c.post('/api/auth/login', { username: 'oma.salasana', password: 'Pitkä ja harvinainen lause 42' })).json()).stage).toBe('password_change')
    })

    it('refuses a short, common or username-containing password and a malformed or taken username, at the fields, in the user\'s language', async () => {
      const short = await admin.post('/api/admin/users', { username: 'lyhyt', displayName: 'L', language: 'fi', password: 'lyhyt-1' })
      expect(short.status).toBe(400)
      expect((await short.json()).errors).toContainEqual({ field: 'body.password', code: 'admin.password.tooShort', message: 'Salasanassa pitää olla vähintään 12 merkkiä.' })

      const sv = new Client(t.url, 'sv')
      await sv.login('paakayttaja')
      const svRes = await sv.post('/api/admin/users', { username: 'lyhyt', displayName: 'L', language: 'fi', password: 'lyhyt-1' })
      expect((await svRes.json()).errors).toContainEqual({ field: 'body.password', code: 'admin.password.tooShort', message: 'Lösenordet ska ha minst 12 tecken.' })

      const common = await (await admin.post('/api/admin/users', { username: 'yleinen', displayName: 'Y', language: 'fi', password: 'salasana1234' })).json()
      expect(common.errors.map((e: { code: string }) => e.code)).toContain('admin.password.common')

      const containsName = await (await admin.post('/api/admin/users', { username: 'mattimeikalainen', displayName: 'M', language: 'fi', password: 'xMattiMeikalainen-77' })).json()
      expect(containsName.errors.map((e: { code: string }) => e.code)).toContain('admin.password.containsUsername')

      const malformed = await admin.post('/api/admin/users', { username: 'ei sallittu!', displayName: 'X', language: 'fi' })
      expect((await malformed.json()).errors).toEqual([
        expect.objectContaining({ field: 'body.username', code: 'admin.username.format' }),
      ])
      const taken = await admin.post('/api/admin/users', { username: 'Esihenkilo', displayName: 'X', language: 'fi' })
      expect(taken.status).toBe(400)
      expect((await taken.json()).errors).toEqual([
        { field: 'body.username', code: 'admin.username.taken', message: 'Käyttäjätunnus on jo käytössä. Valitse toinen tunnus.' },
      ])
      const schema = await admin.post('/api/admin/users', { username: 'x', displayName: '', language: 'de', extra: 1 })
      const fields = (await schema.json()).errors.map((e: { field: string }) => e.field)
      expect(fields).toEqual(expect.arrayContaining(['body.username', 'body.displayName', 'body.language']))
    })

    it('changes a user under an optimistic lock: a stale version gets 409 with a clear message', async () => {
      const id = await userId('talous')
      const current = await (await admin.get(`/api/admin/users/${id}`)).json()
      const first = await patch(admin, `/api/admin/users/${id}`, { version: current.version, displayName: 'Kari Mattila-Virta', email: 'kari@demola.fi' })
      expect(first.status).toBe(200)
      const changed = await first.json()
      expect(changed).toMatchObject({ displayName: 'Kari Mattila-Virta', email: 'kari@demola.fi', version: current.version + 1 })

      const stale = await patch(admin, `/api/admin/users/${id}`, { version: current.version, language: 'sv' })
      expect(stale.status).toBe(409)
      const problem = await stale.json()
      expect(problem).toMatchObject({ status: 409, title: 'Tiedot ovat muuttuneet', type: 'https://huoma.fi/problems/stale-version' })
      expect(problem.detail).toMatch(/muutettu sillä välin.*Lataa tiedot uudelleen/)
      expect((await admin.get(`/api/admin/users/${id}`)).status).toBe(200)
      expect((await (await admin.get(`/api/admin/users/${id}`)).json()).language).toBe('fi')

      const cleared = await (await patch(admin, `/api/admin/users/${id}`, { version: changed.version, email: null })).json()
      expect(cleared).toMatchObject({ email: null, version: changed.version + 1 })
      const updates = (await auditRows('admin:user-updated')).filter((r) => r.ref_id === id)
      expect(updates).toHaveLength(2)
      expect((await patch(admin, `/api/admin/users/${MISSING}`, { version: 1, displayName: 'X' })).status).toBe(404)
    })
  })

  describe('grants', () => {
    it('grants a substitute right with an end date that counts at once, and lists statuses', async () => {
      const id = await userId('sosiaaliohjaaja')
      const laps = await unitId('LAPS')
      const until = addDays(today(), 14)
      const c = await signedIn('sosiaaliohjaaja')
      expect((await c.get('/api/auth/me').then((r) => r.json())).user.roles).toEqual(['social_counsellor'])

      const grant = await grantByTwo(id, { roleCode: 'social_worker', unitId: laps, serviceTasks: ['child_welfare'], validFrom: today(), validUntil: until })
      expect(grant).toMatchObject({
        userId: id,
        roleCode: 'social_worker',
        unitId: laps,
        serviceTasks: ['child_welfare'],
        validFrom: today(),
        validUntil: until,
        status: 'current',
        endedAt: null,
        requestedBy: { username: 'paakayttaja', displayName: 'Pekka Aaltonen' },
        grantedBy: { username: 'paakayttaja2', displayName: 'Paula Ahonen' },
      })
      expect((await c.get('/api/auth/me').then((r) => r.json())).user.roles.sort()).toEqual(['social_counsellor', 'social_worker'])
      expect((await new Client(t.url).login('sosiaaliohjaaja').then((r) => r.json())).user.roles).toContain('social_worker')

      const future = await grantByTwo(id, { roleCode: 'social_worker', unitId: laps, serviceTasks: ['family_services'], validFrom: addDays(today(), 30) })
      expect(future.status).toBe('future')

      const audit = (await auditRows('admin:grant-created')).filter((r) => r.ref_id === id)
      expect(audit).toHaveLength(2)
      expect(audit[0]).toMatchObject({ user_id: await userId('paakayttaja2'), action: 'security', data_group: 'security/grant', outcome: 'success' })

      const list = await (await admin.get(`/api/admin/users/${id}/grants`)).json()
      expect(list.grants.map((g: { status: string }) => g.status)).toEqual(['current', 'current', 'current', 'future'])
      const inList = (await (await admin.get('/api/admin/users?q=sosiaaliohjaaja')).json()).users[0]
      expect(inList.grants).toHaveLength(4)
    })

    it('checks service tasks against the role, the dates and the unit, at the fields', async () => {
      const id = await userId('toimistosihteeri')
      const hall = await unitId('HALL')
      const post = (body: Record<string, unknown>) =>
        admin.post(`/api/admin/users/${id}/grants`, { roleCode: 'social_worker', unitId: hall, serviceTasks: ['income_support'], validFrom: today(), ...body })
      const errors = async (body: Record<string, unknown>) => {
        const res = await post(body)
        expect(res.status).toBe(400)
        return (await res.json()).errors as { field: string; code: string; message: string }[]
      }
      expect(await errors({ roleCode: 'main_user' })).toEqual([
        { field: 'body.serviceTasks', code: 'admin.grant.serviceTasksNotAllowed', message: 'Tällä roolilla ei nähdä asiakastietoja, joten sille ei valita palvelutehtäviä.' },
      ])
      expect((await errors({ roleCode: 'statistician' }))[0]!.code).toBe('admin.grant.serviceTasksNotAllowed')
      expect((await errors({ serviceTasks: [] }))[0]).toMatchObject({ field: 'body.serviceTasks', code: 'admin.grant.serviceTasksRequired' })
      expect((await errors({ serviceTasks: ['astrology'] }))[0]).toMatchObject({ code: 'admin.grant.serviceTaskUnknown', message: 'Palvelutehtävää astrology ei ole olemassa.' })
      expect((await errors({ roleCode: 'wizard' }))[0]).toMatchObject({ field: 'body.roleCode', code: 'admin.grant.roleUnknown' })
      expect((await errors({ unitId: MISSING }))[0]).toMatchObject({ field: 'body.unitId', code: 'admin.grant.unitUnknown' })
      expect((await errors({ validFrom: addDays(today(), -1) }))[0]).toMatchObject({ field: 'body.validFrom', code: 'admin.grant.fromPast' })
      expect((await errors({ validUntil: addDays(today(), -1) }))[0]).toMatchObject({ field: 'body.validUntil', code: 'admin.grant.untilBeforeFrom' })
      expect((await errors({ substitute: true }))[0]).toMatchObject({ field: 'body.validUntil', code: 'admin.grant.substituteUntilRequired' })
      expect((await errors({ validFrom: '2026-02-30' }))[0]).toMatchObject({ field: 'body.validFrom', code: 'format' })
      const statistician = await post({ roleCode: 'statistician', serviceTasks: [] })
      expect(statistician.status).toBe(201)
      // Valid fields, but a right that sees client data takes a request and a second person.
      expect(await errors({ validFrom: today() })).toEqual([
        {
          field: 'body.roleCode',
          code: 'admin.grant.needsRequest',
          message: 'Tämä rooli näkee asiakastietoja, joten sen myöntää kaksi henkilöä: lähetä pyyntö, ja toinen pääkäyttäjä hyväksyy sen.',
        },
      ])
    })

    it('refuses a main user granting rights to themselves, with a denial audit row', async () => {
      const self = await userId('paakayttaja')
      const denied = await deniedCount('paakayttaja', 'admin:grant-created')
      const res = await admin.post(`/api/admin/users/${self}/grants`, {
        roleCode: 'social_worker',
        unitId: await unitId('AIKU'),
        serviceTasks: ['adult_social_work'],
        validFrom: today(),
      })
      expect(res.status).toBe(403)
      expect((await res.json()).detail).toMatch(/itsellesi/)
      expect(await deniedCount('paakayttaja', 'admin:grant-created')).toBe(denied + 1)
      expect(await db().selectFrom('staff_grant').select('id').where('user_id', '=', self).where('role_code', '=', 'social_worker').execute()).toEqual([])
    })

    it('ends a grant at once: it stops counting on the next request and its end date is today', async () => {
      const id = await userId('etuuskasittelija')
      const c = await signedIn('etuuskasittelija')
      expect((await c.get('/api/persons?name=virtanen')).status).toBe(200)
      const [grant] = (await (await admin.get(`/api/admin/users/${id}/grants`)).json()).grants
      const res = await admin.post(`/api/admin/grants/${grant.id}/end`)
      expect(res.status).toBe(200)
      const ended = await res.json()
      expect(ended).toMatchObject({ id: grant.id, status: 'ended', validUntil: today() })
      expect(ended.endedAt).toBeTruthy()
      const denied = await deniedCount('etuuskasittelija', 'persons:search')
      expect((await c.get('/api/persons?name=virtanen')).status).toBe(403)
      expect(await deniedCount('etuuskasittelija', 'persons:search')).toBe(denied + 1)
      const again = await admin.post(`/api/admin/grants/${grant.id}/end`)
      expect(again.status).toBe(409)
      expect((await again.json()).detail).toBe('Käyttöoikeus on jo päättynyt.')
      expect((await admin.post(`/api/admin/grants/${MISSING}/end`)).status).toBe(404)
      expect((await auditRows('admin:grant-ended')).at(-1)).toMatchObject({ ref_id: id, outcome: 'success', data_group: 'security/grant' })
    })

    it('will not end the last main-user right in force', async () => {
      const self = await userId('paakayttaja')
      const grant = (await (await admin.get(`/api/admin/users/${self}/grants`)).json()).grants.find((g: { roleCode: string }) => g.roleCode === 'main_user')
      // The second main user's right is out of force for the moment: this one is the last.
      const second = db().updateTable('staff_grant').where('user_id', '=', await userId('paakayttaja2')).where('role_code', '=', 'main_user')
      await second.set({ ended_at: new Date() }).execute()
      try {
        const res = await admin.post(`/api/admin/grants/${grant.id}/end`)
        expect(res.status).toBe(409)
        expect((await res.json()).type).toBe('https://huoma.fi/problems/last-main-user')
        expect((await admin.get('/api/admin/users')).status).toBe(200)
      } finally {
        await second.set({ ended_at: null }).execute()
      }
    })

    it('a substitute right whose end date has passed no longer counts: the next request is denied and audited', async () => {
      const id = await userId('talous')
      const c = await signedIn('talous')
      expect((await c.get('/api/persons?name=virtanen')).status).toBe(403)
      const grant = await grantByTwo(id, {
        roleCode: 'office_secretary',
        unitId: await unitId('HALL'),
        serviceTasks: ['income_support'],
        validFrom: today(),
        validUntil: addDays(today(), 7),
      })
      expect((await c.get('/api/persons?name=virtanen')).status).toBe(200)

      // The substitution ended yesterday (as if the days had passed).
      await db()
        .updateTable('staff_grant')
        .set({ valid_from: addDays(today(), -10), valid_until: addDays(today(), -1) })
        .where('id', '=', grant.id)
        .execute()
      const denied = await deniedCount('talous', 'persons:search')
      expect((await c.get('/api/persons?name=virtanen')).status).toBe(403)
      expect(await deniedCount('talous', 'persons:search')).toBe(denied + 1)
      const row = (await auditRows('persons:search')).at(-1)!
      expect(row).toMatchObject({ user_id: id, outcome: 'denied', action: 'security' })
      const listed = (await (await admin.get(`/api/admin/users/${id}/grants`)).json()).grants.find((g: { id: string }) => g.id === grant.id)
      expect(listed.status).toBe('expired')
      expect((await admin.post(`/api/admin/grants/${grant.id}/end`)).status).toBe(409)
    })
  })

  describe('deactivation, reactivation and second-factor reset', () => {
    it('deactivation ends every grant and every session at once, in one step', async () => {
      const id = await userId('sosiaalityontekija')
      const worker = await signedIn('sosiaalityontekija')
      const other = await signedIn('sosiaalityontekija')
      expect((await worker.get('/api/auth/me')).status).toBe(200)
      const future = await grantByTwo(id, {
        roleCode: 'social_worker',
        unitId: await unitId('VAMM'),
        serviceTasks: ['disability_services'],
        validFrom: addDays(today(), 3),
      })
      expect(future.status).toBe('future')
      const seen = await (await admin.get(`/api/admin/users/${id}`)).json()
      // Someone else changes the user in between: the version the first main user saw is stale.
      const user = await (await patch(admin, `/api/admin/users/${id}`, { version: seen.version, email: 'aino.lehtinen@demola.fi' })).json()
      const stale = await admin.post(`/api/admin/users/${id}/deactivate`, { version: seen.version })
      expect(stale.status).toBe(409)
      expect(await db().selectFrom('staff_user').select('active').where('id', '=', id).executeTakeFirstOrThrow()).toEqual({ active: true })

      const res = await admin.post(`/api/admin/users/${id}/deactivate`, { version: user.version })
      expect(res.status).toBe(200)
      const body = await res.json()
      expect(body).toMatchObject({ active: false, version: user.version + 1 })
      expect(body.deactivatedAt).toBeTruthy()
      expect(body.grants.every((g: { status: string }) => g.status === 'ended')).toBe(true)
      const grants = await db().selectFrom('staff_grant').select(['ended_at', 'valid_from', 'valid_until']).where('user_id', '=', id).execute()
      expect(grants.length).toBe(3)
      for (const g of grants) {
        expect(g.ended_at).not.toBeNull()
        expect(g.valid_until).toBe(g.valid_from > today() ? g.valid_from : today())
      }
      const sessions = await db().selectFrom('staff_session').select('revoked_at').where('user_id', '=', id).execute()
      expect(sessions.length).toBeGreaterThanOrEqual(2)
      expect(sessions.every((s) => s.revoked_at !== null)).toBe(true)

      expect((await worker.get('/api/auth/me')).status).toBe(401)
      expect((await other.get('/api/persons?name=virtanen')).status).toBe(401)
      expect((await new Client(t.url).post('/api/auth/login', { username: 'sosiaalityontekija', password: DEMO_PASSWORD })).status).toBe(401)
      expect((await auditRows('admin:user-deactivated')).at(-1)).toMatchObject({ ref_id: id, user_id: await userId('paakayttaja'), outcome: 'success' })

      const twice = await admin.post(`/api/admin/users/${id}/deactivate`, { version: body.version })
      expect(twice.status).toBe(409)
      const inactive = await (await admin.get('/api/admin/users?status=inactive')).json()
      expect(inactive.users.map((u: { username: string }) => u.username)).toContain('sosiaalityontekija')
      expect((await (await admin.get('/api/admin/users?q=sosiaalityontekija')).json()).users).toEqual([])

      const grantToInactive = await admin.post(`/api/admin/users/${id}/grants`, {
        roleCode: 'statistician',
        unitId: await unitId('AIKU'),
        serviceTasks: [],
        validFrom: today(),
      })
      expect(grantToInactive.status).toBe(409)

      const back = await admin.post(`/api/admin/users/${id}/reactivate`, { version: body.version })
      expect(back.status).toBe(200)
      expect(await back.json()).toMatchObject({ active: true, deactivatedAt: null, version: body.version + 1 })
      const login = await (await new Client(t.url).login('sosiaalityontekija')).json()
      expect(login.user.roles).toEqual([])
      expect((await auditRows('admin:user-reactivated')).at(-1)).toMatchObject({ ref_id: id })
    })

    it('refuses a main user deactivating themselves', async () => {
      const self = await userId('paakayttaja')
      const res = await admin.post(`/api/admin/users/${self}/deactivate`, { version: await version(self) })
      expect(res.status).toBe(409)
      expect((await res.json()).detail).toMatch(/omaa käyttäjätunnustasi/)
      expect((await admin.get('/api/admin/users')).status).toBe(200)
    })

    it('resets a second factor: secret and recovery codes go, and sessions are revoked', async () => {
      const id = await userId('tilastot')
      await db()
        .updateTable('staff_user')
        .set({ totp_secret: 'JBSWY3DPEHPK3PXP', totp_enabled_at: new Date() })
        .where('id', '=', id)
        .execute()
      await db().insertInto('staff_recovery_code').values([{ user_id: id, code_hash: 'x' }, { user_id: id, code_hash: 'y' }]).execute()
      await db().insertInto('staff_session').values({ id: Buffer.alloc(32, 7), user_id: id, csrf_token: 'c', stage: 'active', expires_at: new Date(Date.now() + 3600_000) }).execute()
      const before = await (await admin.get(`/api/admin/users/${id}`)).json()
      expect(before.mfaEnabled).toBe(true)

      expect((await admin.post(`/api/admin/users/${id}/reset-mfa`, { version: before.version + 1 })).status).toBe(409)
      const res = await admin.post(`/api/admin/users/${id}/reset-mfa`, { version: before.version })
      expect(res.status).toBe(200)
      expect(await res.json()).toMatchObject({ mfaEnabled: false, version: before.version + 1 })
      const row = await db().selectFrom('staff_user').select(['totp_secret', 'totp_enabled_at']).where('id', '=', id).executeTakeFirstOrThrow()
      expect(row).toEqual({ totp_secret: null, totp_enabled_at: null })
      expect(await db().selectFrom('staff_recovery_code').select('id').where('user_id', '=', id).execute()).toEqual([])
      const sessions = await db().selectFrom('staff_session').select('revoked_at').where('user_id', '=', id).execute()
      expect(sessions.every((s) => s.revoked_at !== null)).toBe(true)
      expect((await auditRows('admin:mfa-reset')).at(-1)).toMatchObject({ ref_id: id, outcome: 'success', data_group: 'security/user' })
    })

    it('refuses a main user resetting their own second factor, with a denial audit row', async () => {
      const self = await userId('paakayttaja')
      const denied = await deniedCount('paakayttaja', 'admin:mfa-reset')
      const res = await admin.post(`/api/admin/users/${self}/reset-mfa`, { version: await version(self) })
      expect(res.status).toBe(403)
      expect(await deniedCount('paakayttaja', 'admin:mfa-reset')).toBe(denied + 1)
    })
  })

  describe('grant requests', () => {
    it('a supervisor files a request; the main user grants it with the requester named', async () => {
      const supervisor = await signedIn('esihenkilo')
      const worker = await userId('toimistosihteeri')
      const laps = await unitId('LAPS')
      const until = addDays(today(), 60)
      const options = await (await supervisor.get('/api/admin/grant-requests/options')).json()
      expect(options.users.find((u: { id: string }) => u.id === worker)).toEqual({ id: worker, username: 'toimistosihteeri', displayName: 'Tiina Rantala' })
      expect(Object.keys(options.users[0]).sort()).toEqual(['displayName', 'id', 'username'])
      expect(options.unitIds.sort()).toEqual([await unitId('AIKU'), await unitId('ETUU'), laps].sort())
      // A main user may ask in any active unit (another main user then decides).
      const units = await db().selectFrom('unit').select('id').where('active', '=', true).execute()
      expect((await (await admin.get('/api/admin/grant-requests/options')).json()).unitIds.sort()).toEqual(units.map((u) => u.id).sort())

      const filed = await supervisor.post('/api/admin/grant-requests', {
        userId: worker,
        roleCode: 'social_counsellor',
        unitId: laps,
        serviceTasks: ['family_services'],
        validFrom: today(),
        validUntil: until,
        justification: 'Sijaistaa perhetyön ohjaajaa vuosiloman ajan.',
      })
      expect(filed.status).toBe(201)
      const request = await filed.json()
      expect(request).toMatchObject({
        user: { id: worker, displayName: 'Tiina Rantala' },
        roleCode: 'social_counsellor',
        requestedBy: { username: 'esihenkilo' },
        decision: null,
        decidedBy: null,
        grantId: null,
      })
      const filedAudit = (await auditRows('admin:grant-request-filed')).at(-1)!
      expect(filedAudit).toMatchObject({ user_id: await userId('esihenkilo'), role_code: 'supervisor', unit_id: laps, ref_id: worker, outcome: 'success' })

      const own = await (await supervisor.get('/api/admin/grant-requests')).json()
      expect(own.requests.map((r: { id: string }) => r.id)).toContain(request.id)
      const open = await (await admin.get('/api/admin/grant-requests')).json()
      expect(open.requests.map((r: { id: string }) => r.id)).toContain(request.id)

      const granted = await admin.post(`/api/admin/grant-requests/${request.id}/grant`)
      expect(granted.status).toBe(200)
      const decided = await granted.json()
      expect(decided).toMatchObject({ decision: 'granted', decidedBy: { username: 'paakayttaja' } })
      expect(decided.grantId).toBeTruthy()
      const grant = await db().selectFrom('staff_grant').selectAll().where('id', '=', decided.grantId).executeTakeFirstOrThrow()
      expect(grant).toMatchObject({
        user_id: worker,
        role_code: 'social_counsellor',
        unit_id: laps,
        service_tasks: ['family_services'],
        valid_from: today(),
        valid_until: until,
        requested_by: await userId('esihenkilo'),
        granted_by: await userId('paakayttaja'),
      })
      const view = (await (await admin.get(`/api/admin/users/${worker}/grants`)).json()).grants.find((g: { id: string }) => g.id === decided.grantId)
      expect(view).toMatchObject({ status: 'current', requestedBy: { username: 'esihenkilo' }, grantedBy: { username: 'paakayttaja' } })
      expect((await auditRows('admin:grant-request-granted')).at(-1)).toMatchObject({ ref_id: worker, user_id: await userId('paakayttaja') })
      expect((await auditRows('admin:grant-created')).at(-1)).toMatchObject({ ref_id: worker })

      const twice = await admin.post(`/api/admin/grant-requests/${request.id}/grant`)
      expect(twice.status).toBe(409)
      expect((await admin.post(`/api/admin/grant-requests/${request.id}/refuse`)).status).toBe(409)
      expect((await (await admin.get('/api/admin/grant-requests')).json()).requests.map((r: { id: string }) => r.id)).not.toContain(request.id)
      expect((await (await admin.get('/api/admin/grant-requests?status=decided')).json()).requests.map((r: { id: string }) => r.id)).toContain(request.id)

      // The justification is free text: it stays in its table and never reaches the audit log.
      const rows = await db().selectFrom('audit_log').selectAll().execute()
      expect(JSON.stringify(rows)).not.toContain('vuosiloman')
    })

    it('the main user refuses a request', async () => {
      const supervisor = await signedIn('esihenkilo')
      const worker = await userId('tietosuojavastaava')
      const request = await (
        await supervisor.post('/api/admin/grant-requests', {
          userId: worker,
          roleCode: 'social_worker',
          unitId: await unitId('AIKU'),
          serviceTasks: ['adult_social_work'],
          validFrom: addDays(today(), 1),
          justification: 'Tarvitaan lisäresurssia ruuhkaan.',
        })
      ).json()
      const res = await admin.post(`/api/admin/grant-requests/${request.id}/refuse`)
      expect(res.status).toBe(200)
      expect(await res.json()).toMatchObject({ decision: 'refused', grantId: null, decidedBy: { username: 'paakayttaja' } })
      expect(await db().selectFrom('staff_grant').select('id').where('user_id', '=', worker).where('role_code', '=', 'social_worker').execute()).toEqual([])
      expect((await auditRows('admin:grant-request-refused')).at(-1)).toMatchObject({ ref_id: worker, outcome: 'success' })
      const mine = await (await supervisor.get('/api/admin/grant-requests?status=all')).json()
      expect(mine.requests.find((r: { id: string }) => r.id === request.id).decision).toBe('refused')
    })

    it('a supervisor may request only in units they supervise, and sees only their own requests', async () => {
      const supervisor = await signedIn('esihenkilo')
      const denied = await deniedCount('esihenkilo', 'admin:grant-request-filed')
      const res = await supervisor.post('/api/admin/grant-requests', {
        userId: await userId('sosiaaliohjaaja'),
        roleCode: 'social_worker',
        unitId: await unitId('VAMM'),
        serviceTasks: ['disability_services'],
        validFrom: today(),
        justification: 'Vammaispalveluiden sijaisuus.',
      })
      expect(res.status).toBe(403)
      expect((await res.json()).detail).toMatch(/yksiköihin, joissa toimit itse esihenkilönä/)
      expect(await deniedCount('esihenkilo', 'admin:grant-request-filed')).toBe(denied + 1)

      const invalid = await supervisor.post('/api/admin/grant-requests', {
        userId: MISSING,
        roleCode: 'social_worker',
        unitId: await unitId('LAPS'),
        serviceTasks: [],
        validFrom: today(),
        justification: 'lyhyt',
      })
      expect(invalid.status).toBe(400)
      const fields = (await invalid.json()).errors.map((e: { field: string }) => e.field)
      expect(fields).toContain('body.justification')

      const invalid2 = await supervisor.post('/api/admin/grant-requests', {
        userId: MISSING,
        roleCode: 'social_worker',
        unitId: await unitId('LAPS'),
        serviceTasks: [],
        validFrom: today(),
        justification: 'Riittävän pitkä perustelu.',
      })
      expect((await invalid2.json()).errors.map((e: { field: string; code: string }) => `${e.field} ${e.code}`)).toEqual([
        'body.userId admin.grantRequest.userUnknown',
        'body.serviceTasks admin.grant.serviceTasksRequired',
      ])

      // A request filed by someone else is not shown to this supervisor.
      const other = await db()
        .insertInto('grant_request')
        .values({
          user_id: await userId('talous'),
          role_code: 'finance',
          unit_id: await unitId('HALL'),
          service_tasks: ['client_fees'],
          valid_from: today(),
          justification: 'Toisen esihenkilön pyyntö.',
          requested_by: await userId('paakayttaja'),
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      const mine = await (await supervisor.get('/api/admin/grant-requests?status=all')).json()
      expect(mine.requests.map((r: { id: string }) => r.id)).not.toContain(other.id)
      expect(mine.requests.every((r: { requestedBy: { username: string } }) => r.requestedBy.username === 'esihenkilo')).toBe(true)
      const everyone = await (await admin.get('/api/admin/grant-requests')).json()
      expect(everyone.requests.map((r: { id: string }) => r.id)).toContain(other.id)
    })

    it('refuses a main user granting a request for themselves', async () => {
      const self = await userId('paakayttaja')
      const req = await db()
        .insertInto('grant_request')
        .values({
          user_id: self,
          role_code: 'social_worker',
          unit_id: await unitId('AIKU'),
          service_tasks: ['adult_social_work'],
          valid_from: today(),
          justification: 'Pyyntö pääkäyttäjälle itselleen.',
          requested_by: await userId('esihenkilo'),
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      expect((await admin.post(`/api/admin/grant-requests/${req.id}/grant`)).status).toBe(403)
      expect((await db().selectFrom('grant_request').select('decided_at').where('id', '=', req.id).executeTakeFirstOrThrow()).decided_at).toBeNull()
    })
  })

  describe('separation of duties in granting access', () => {
    it('a main user cannot reach client data through an account they created: not alone, not as asker, not as granter', async () => {
      const laps = await unitId('LAPS')
      const created = await admin.post('/api/admin/users', { username: 'ville.varjo', displayName: 'Ville Varjo', language: 'fi', password: 'Varjotili-kokeilu-2026' })
      expect(created.status).toBe(201)
      const id = (await created.json()).user.id
      expect((await db().selectFrom('staff_user').select('created_by').where('id', '=', id).executeTakeFirstOrThrow()).created_by).toBe(await userId('paakayttaja'))
      const right = { roleCode: 'supervisor', unitId: laps, serviceTasks: ['child_welfare'], validFrom: today() }

      // Alone: the grant form refuses a right that sees client data, at the role field, with a denial row.
      const denied = await deniedCount('paakayttaja', 'admin:grant-created')
      const direct = await admin.post(`/api/admin/users/${id}/grants`, right)
      expect(direct.status).toBe(400)
      expect((await direct.json()).errors).toMatchObject([{ field: 'body.roleCode', code: 'admin.grant.needsRequest' }])
      expect(await deniedCount('paakayttaja', 'admin:grant-created')).toBe(denied + 1)

      // As the asker: refused at the worker field.
      const asked = await admin.post('/api/admin/grant-requests', { userId: id, ...right, justification: 'Uusi esihenkilö lastensuojeluun.' })
      expect(asked.status).toBe(400)
      expect((await asked.json()).errors).toMatchObject([
        { field: 'body.userId', code: 'admin.grantRequest.accountCreator', message: expect.stringMatching(/Loit tämän käyttäjätunnuksen itse/) },
      ])

      // As the granter of a supervisor's request: 403 with the reason and a denial row; the request stays open.
      const supervisor = await signedIn('esihenkilo')
      const filed = await (await supervisor.post('/api/admin/grant-requests', { userId: id, ...right, roleCode: 'social_worker', justification: 'Uusi sosiaalityöntekijä.' })).json()
      expect(filed.accountCreatedBy).toBe(await userId('paakayttaja'))
      const deniedGrant = await deniedCount('paakayttaja', 'admin:grant-request-granted')
      const mine = await admin.post(`/api/admin/grant-requests/${filed.id}/grant`)
      expect(mine.status).toBe(403)
      expect((await mine.json()).detail).toMatch(/Loit tämän käyttäjätunnuksen itse/)
      expect(await deniedCount('paakayttaja', 'admin:grant-request-granted')).toBe(deniedGrant + 1)
      expect(await db().selectFrom('staff_grant').select('id').where('user_id', '=', id).execute()).toEqual([])

      // The creator signs in as the account: it reaches no client data.
      const shadow = new Client(t.url)
      expect((await shadow.post('/api/auth/login', { username: 'ville.varjo', password: 'Varjotili-kokeilu-2026' })).status).toBe(200)
      expect([401, 403]).toContain((await shadow.get('/api/persons?name=virtanen')).status)

      // Another main user may grant it.
      const granted = await admin2.post(`/api/admin/grant-requests/${filed.id}/grant`)
      expect(granted.status).toBe(200)
      const grant = await db().selectFrom('staff_grant').selectAll().where('id', '=', (await granted.json()).grantId).executeTakeFirstOrThrow()
      expect(grant).toMatchObject({ requested_by: await userId('esihenkilo'), granted_by: await userId('paakayttaja2'), role_code: 'social_worker' })
    })

    it('the one who asked does not grant, and nobody asks for themselves', async () => {
      const worker = await userId('sosiaalityontekija')
      const aiku = await unitId('AIKU')
      const filed = await (
        await admin.post('/api/admin/grant-requests', {
          userId: worker,
          roleCode: 'social_worker',
          unitId: aiku,
          serviceTasks: ['substance_mental_health'],
          validFrom: today(),
          justification: 'Päihdetyön sijaisuus.',
        })
      ).json()
      expect(filed.requestedBy.username).toBe('paakayttaja')
      const own = await admin.post(`/api/admin/grant-requests/${filed.id}/grant`)
      expect(own.status).toBe(403)
      expect((await own.json()).detail).toBe('Teit tämän pyynnön itse. Asiakastietoja näkevän oikeuden hyväksyy toinen pääkäyttäjä.')
      expect((await admin2.post(`/api/admin/grant-requests/${filed.id}/grant`)).status).toBe(200)

      const supervisor = await signedIn('esihenkilo', 'sv')
      const forSelf = await supervisor.post('/api/admin/grant-requests', {
        userId: await userId('esihenkilo'),
        roleCode: 'social_worker',
        unitId: aiku,
        serviceTasks: ['adult_social_work'],
        validFrom: today(),
        justification: 'Oma lisäoikeus.',
      })
      expect(forSelf.status).toBe(400)
      expect((await forSelf.json()).errors).toMatchObject([{ field: 'body.userId', code: 'admin.grantRequest.self', message: expect.stringMatching(/åt dig själv/) }])
      expect(await db().selectFrom('grant_request').select('id').where('user_id', '=', await userId('esihenkilo')).where('requested_by', '=', await userId('esihenkilo')).execute()).toEqual([])
    })

    it('a main user holds no right to client data, and its holder is not made a main user', async () => {
      const supervisor = await signedIn('esihenkilo')
      const toMainUser = await supervisor.post('/api/admin/grant-requests', {
        userId: await userId('paakayttaja2'),
        roleCode: 'social_worker',
        unitId: await unitId('LAPS'),
        serviceTasks: ['child_welfare'],
        validFrom: today(),
        justification: 'Pääkäyttäjä lastensuojeluun.',
      })
      expect(toMainUser.status).toBe(400)
      expect((await toMainUser.json()).errors).toMatchObject([{ field: 'body.roleCode', code: 'admin.grant.mainUserNoClientContent' }])

      const worker = await userId('maksuliikenne')
      const mainUser = await admin.post(`/api/admin/users/${worker}/grants`, { roleCode: 'main_user', unitId: await unitId('HALL'), serviceTasks: [], validFrom: today() })
      expect(mainUser.status).toBe(400)
      expect((await mainUser.json()).errors).toMatchObject([{ field: 'body.roleCode', code: 'admin.grant.clientContentNoMainUser' }])
      expect(await db().selectFrom('staff_grant').select('id').where('user_id', '=', worker).where('role_code', '=', 'main_user').execute()).toEqual([])
    })

    it('the database refuses a one-person grant however it is written', async () => {
      const worker = await userId('tilastot')
      const main = await userId('paakayttaja')
      const base = { user_id: worker, role_code: 'social_worker', unit_id: await unitId('AIKU'), service_tasks: ['adult_social_work'], valid_from: today() }
      const insert = (values: { requested_by: string | null; granted_by: string | null; user_id?: string; role_code?: string }) =>
        db().insertInto('staff_grant').values({ ...base, service_tasks: values.role_code === 'main_user' ? [] : base.service_tasks, ...values }).execute()
      await expect(insert({ requested_by: null, granted_by: main })).rejects.toThrow(/two people/)
      await expect(insert({ requested_by: main, granted_by: main })).rejects.toThrow(/two people/)
      await expect(insert({ requested_by: worker, granted_by: main })).rejects.toThrow(/for themselves/)
      await expect(insert({ requested_by: await userId('esihenkilo'), granted_by: main, user_id: await userId('paakayttaja2') })).rejects.toThrow(/main user holds no right/)
      await expect(insert({ requested_by: null, granted_by: main, user_id: await userId('talous'), role_code: 'main_user' })).rejects.toThrow(/not made a main user/)
      expect(await db().selectFrom('staff_grant').select('id').where('user_id', '=', worker).where('role_code', '=', 'social_worker').execute()).toEqual([])
    })
  })

  describe('the audit trail of administration', () => {
    it('holds ids only, names the affected user in ref_id, and the chain verifies', async () => {
      const rows = await db().selectFrom('audit_log').selectAll().where('event', 'in', Object.values(adminEvents).map((e) => e.name)).execute()
      const events = new Set(rows.map((r) => r.event))
      for (const e of [
        'admin:user-created',
        'admin:user-updated',
        'admin:user-deactivated',
        'admin:user-reactivated',
        'admin:mfa-reset',
        'admin:grant-created',
        'admin:grant-ended',
        'admin:grant-request-filed',
        'admin:grant-request-granted',
        'admin:grant-request-refused',
      ]) {
        expect(events, e).toContain(e)
      }
      const userIds = new Set((await db().selectFrom('staff_user').select('id').execute()).map((u) => u.id))
      for (const r of rows) {
        expect(r.action).toBe('security')
        expect(r.ref_id && userIds.has(r.ref_id), `${r.event} ref_id`).toBe(true)
        expect(r.client_ids).toEqual([])
        expect(r.request_id).toBeTruthy()
      }
      expect((await verifyAuditChain(db())).ok).toBe(true)
    })
  })
})

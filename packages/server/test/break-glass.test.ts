import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { databaseKinds } from './helpers/databases'
import { Client, startTestServer, type TestServer } from './helpers/server'

const kinds = await databaseKinds()
const REASON = 'Asiakas soitti kriisitilanteessa, vastuutyöntekijä on lomalla'

describe.each(kinds)('break the glass on %s', (kind) => {
  let t: TestServer
  const db = () => t.server.database.db
  const userId = async (username: string) => (await db().selectFrom('staff_user').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id
  let offset = 0
  /** A different person each time, with no relationship to anyone. */
  const stranger = async () =>
    db().selectFrom('person').select(['id', 'hetu', 'last_name']).where('turvakielto', '=', false).orderBy('hetu').offset(offset++).limit(1).executeTakeFirstOrThrow()
  const maxAuditId = async () => Number((await db().selectFrom('audit_log').select((eb) => eb.fn.max('id').as('m')).executeTakeFirst())?.m ?? 0)
  const auditSince = (id: number) => db().selectFrom('audit_log').selectAll().where('id', '>', id).orderBy('id').execute()

  beforeAll(async () => {
    t = await startTestServer(kind)
  })
  afterAll(() => t?.stop())

  it('lists the service tasks of the user\'s grants in the request language, and the hours an access lasts', async () => {
    const c = new Client(t.url, 'sv')
    await c.login('sosiaaliohjaaja')
    const res = await c.get('/api/break-glass/service-tasks')
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({
      serviceTasks: [
        { code: 'adult_social_work', name: 'Socialt arbete för vuxna' },
        { code: 'income_support', name: 'Utkomststöd' },
        { code: 'family_services', name: 'Socialservice för barnfamiljer' },
      ],
      hours: 24,
    })
  })

  it('requires a meaningful reason and a service task of the user\'s own grants, with field messages in fi/sv/en', async () => {
    const p = await stranger()
    const fi = new Client(t.url, 'fi')
    await fi.login('sosiaalityontekija')
    const before = await maxAuditId()
    const short = await fi.post(`/api/persons/${p.id}/break-glass`, { serviceTask: 'adult_social_work', reason: 'kiire !!!' })
    expect(short.status).toBe(400)
    expect((await short.json()).errors).toEqual([
      { field: 'body.reason', code: 'reason.tooShort', message: 'Kirjoita syy omin sanoin: vähintään 10 kirjainta tai numeroa.' },
    ])
    const repeated = await fi.post(`/api/persons/${p.id}/break-glass`, { serviceTask: 'adult_social_work', reason: 'aaaaaaaaaaaaaaaa ..........' })
    expect((await repeated.json()).errors.map((e: { code: string }) => e.code)).toEqual(['reason.tooShort'])

    const sv = new Client(t.url, 'sv')
    await sv.login('sosiaalityontekija')
    const task = await sv.post(`/api/persons/${p.id}/break-glass`, { serviceTask: 'disability_services', reason: REASON })
    expect(task.status).toBe(400)
    expect((await task.json()).errors).toEqual([
      { field: 'body.serviceTask', code: 'breakGlass.serviceTask', message: 'Välj en tjänsteuppgift som du har behörighet till.' },
    ])
    const en = new Client(t.url, 'en')
    await en.login('sosiaalityontekija')
    const missing = await en.post(`/api/persons/${p.id}/break-glass`, { serviceTask: 'adult_social_work' })
    expect(missing.status).toBe(400)
    expect((await missing.json()).errors[0]).toMatchObject({ field: 'body.reason', code: 'required' })
    const both = await en.post(`/api/persons/${p.id}/break-glass`, { serviceTask: 'nope', reason: '   ' })
    expect((await both.json()).errors).toEqual([
      { field: 'body.serviceTask', code: 'breakGlass.serviceTask', message: 'Choose a service task you hold a grant for.' },
      { field: 'body.reason', code: 'reason.tooShort', message: 'State the reason in your own words: at least 10 letters or digits.' },
    ])
    expect(await db().selectFrom('break_glass').select('id').where('person_id', '=', p.id).execute()).toEqual([])
    expect((await auditSince(before)).filter((r) => r.event === 'persons:break-glass')).toEqual([])
  })

  it('answers 404 for a person that does not exist, and logs the refusal', async () => {
    const c = new Client(t.url)
    await c.login('sosiaalityontekija')
    const before = await maxAuditId()
    const missing = '00000000-0000-4000-8000-00000000abcd'
    const res = await c.post(`/api/persons/${missing}/break-glass`, { serviceTask: 'adult_social_work', reason: REASON })
    expect(res.status).toBe(404)
    const rows = await auditSince(before)
    expect(rows.find((r) => r.event === 'persons:break-glass')).toMatchObject({ outcome: 'denied', client_ids: [missing], ref_id: null })
  })

  it('is refused (403, audited) to a role that may not break the glass', async () => {
    const p = await stranger()
    const c = new Client(t.url)
    await c.login('toimistosihteeri')
    const before = await maxAuditId()
    const res = await c.post(`/api/persons/${p.id}/break-glass`, { serviceTask: 'adult_social_work', reason: REASON })
    expect(res.status).toBe(403)
    const rows = await auditSince(before)
    expect(rows.find((r) => r.event === 'persons:break-glass')).toMatchObject({ outcome: 'denied', user_id: await userId('toimistosihteeri') })
    expect(await db().selectFrom('break_glass').select('id').where('person_id', '=', p.id).execute()).toEqual([])
  })

  it('opens a hidden client for the stated time: the read is audited with basis break_glass and the access id, and ends at expiry', async () => {
    const p = await stranger()
    const worker = await userId('sosiaalityontekija')
    const c = new Client(t.url)
    await c.login('sosiaalityontekija')

    // The exact henkilötunnus search tells that the person exists and gives only the id to break the glass with.
    const search = await (await c.get(`/api/persons?hetu=${p.hetu}`)).json()
    expect(search).toEqual({ persons: [], hiddenMatches: 1, hiddenMatchId: p.id })
    expect((await c.get(`/api/persons/${p.id}`)).status).toBe(404)

    const before = await maxAuditId()
    const res = await c.post(`/api/persons/${p.id}/break-glass`, { serviceTask: 'adult_social_work', reason: `  ${REASON}  ` })
    expect(res.status).toBe(201)
    const access = await res.json()
    expect(access).toMatchObject({ personId: p.id, serviceTask: 'adult_social_work' })
    const hours = (Date.parse(access.expiresAt) - Date.now()) / 3_600_000
    expect(hours).toBeGreaterThan(23.9)
    expect(hours).toBeLessThanOrEqual(24)

    const bg = await db().selectFrom('break_glass').selectAll().where('id', '=', access.id).executeTakeFirstOrThrow()
    expect(bg).toMatchObject({ user_id: worker, person_id: p.id, service_task: 'adult_social_work', reason: REASON, reviewed_at: null })
    const opened = (await auditSince(before)).filter((r) => r.event === 'persons:break-glass')
    expect(opened).toHaveLength(1)
    expect(opened[0]).toMatchObject({
      user_id: worker,
      role_code: 'social_worker',
      action: 'security',
      outcome: 'success',
      basis: 'break_glass',
      ref_id: access.id,
      client_ids: [p.id],
    })

    const read = await c.get(`/api/persons/${p.id}`)
    expect(read.status).toBe(200)
    expect(await read.json()).toMatchObject({ id: p.id, hetu: p.hetu, lastName: p.last_name })
    const reads = (await auditSince(before)).filter((r) => r.event === 'persons:read' && r.outcome === 'success')
    expect(reads).toHaveLength(1)
    expect(reads[0]).toMatchObject({ user_id: worker, action: 'view', basis: 'break_glass', ref_id: access.id, client_ids: [p.id] })

    // The reason is free text: it stays in break_glass and is never written to the audit log.
    const { rows: leaked } = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM audit_log a WHERE audit_log_canonical(a) LIKE ${'%' + REASON.slice(0, 20) + '%'}`.execute(db())
    expect(leaked[0]?.n).toBe(0)

    // Nobody else gets in on this worker's access.
    const other = new Client(t.url)
    await other.login('sosiaaliohjaaja')
    expect((await other.get(`/api/persons/${p.id}`)).status).toBe(404)

    // Now visible to the worker, so the search no longer speaks of a hidden match.
    expect(await (await c.get(`/api/persons?hetu=${p.hetu}`)).json()).toMatchObject({ persons: [{ id: p.id }], hiddenMatches: 0 })

    await db().updateTable('break_glass').set({ expires_at: sql<Date>`now() - interval '1 minute'` }).where('id', '=', access.id).execute()
    expect((await c.get(`/api/persons/${p.id}`)).status).toBe(404)
    expect(await (await c.get(`/api/persons?hetu=${p.hetu}`)).json()).toEqual({ persons: [], hiddenMatches: 1, hiddenMatchId: p.id })
  })

  it('gives no ids of hidden matches for a name or birth-date search', async () => {
    const p = await db().selectFrom('person').select(['id', 'last_name', 'birth_date']).where('turvakielto', '=', false).orderBy('hetu', 'desc').limit(1).executeTakeFirstOrThrow()
    const c = new Client(t.url)
    await c.login('sosiaalityontekija')
    const byName = await (await c.get(`/api/persons?name=${encodeURIComponent(p.last_name)}`)).json()
    expect(byName.hiddenMatches).toBeGreaterThan(0)
    expect(byName).not.toHaveProperty('hiddenMatchId')
    const byBirth = await (await c.get(`/api/persons?birthDate=${p.birth_date}`)).json()
    expect(byBirth.hiddenMatches).toBeGreaterThan(0)
    expect(byBirth).not.toHaveProperty('hiddenMatchId')
  })

  it('lasts as long as the setting says', async () => {
    const settings = t.server.app.config.security
    const saved = settings.breakGlassHours
    settings.breakGlassHours = 2
    try {
      const p = await stranger()
      const c = new Client(t.url)
      await c.login('esihenkilo')
      const res = await c.post(`/api/persons/${p.id}/break-glass`, { serviceTask: 'child_welfare', reason: REASON })
      expect(res.status).toBe(201)
      const hours = (Date.parse((await res.json()).expiresAt) - Date.now()) / 3_600_000
      expect(hours).toBeGreaterThan(1.9)
      expect(hours).toBeLessThanOrEqual(2)
    } finally {
      settings.breakGlassHours = saved
    }
  })
})

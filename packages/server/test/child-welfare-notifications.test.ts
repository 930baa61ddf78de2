import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { childWelfareDue, localDate, todayInHelsinki } from '@huoma/domain'
import { databaseKinds } from './helpers/databases'
import { Client, startTestServer, type TestServer } from './helpers/server'

/**
 * Child welfare's notifications register over HTTP: the public e-form without signing in (receipt, rate limit,
 * officials identify themselves, the audit row with the address), the intake queue of the worker's child welfare
 * units, the urgency assessed at once, siblings identified as matters with the 7-working-day deadline, the decision
 * to start the assessment (its 3-month deadline and the responsible worker's relationship), informing the family,
 * and closing — every bad input refused with a field message and nothing half saved.
 */
const kinds = await databaseKinds()

interface Problem {
  status: number
  errors?: { field: string; code: string; message: string }[]
}

const schoolReport = (children: { name: string; birthDate?: string }[]) => ({
  kind: 'notification',
  reporterType: 'school',
  reporterName: 'Outi Opettaja',
  reporterOrganisation: 'Demolan koulu',
  reporterPhone: '040 123 4567',
  content: 'Sisarukset ovat tulleet kouluun useana aamuna nälkäisinä ja kertoneet, ettei kotona ole ollut aikuista.',
  children,
})

describe.each(kinds)('child welfare notifications on %s', (kind) => {
  let t: TestServer
  let worker: Client // sosiaalityontekija: child welfare in LAPS, licensed social worker
  let supervisor: Client // esihenkilo: child welfare in LAPS
  let counsellor: Client // sosiaaliohjaaja: no child welfare grant
  let secretary: Client // toimistosihteeri: registers, does not read
  let anon: Client
  let siblings: { id: string; birth_date: string }[]
  let laps: string
  const db = () => t.server.database.db
  const today = todayInHelsinki(new Date())
  const maxAuditId = async () => Number((await db().selectFrom('audit_log').select((eb) => eb.fn.max('id').as('m')).executeTakeFirst())?.m ?? 0)

  beforeAll(async () => {
    t = await startTestServer(kind)
    worker = new Client(t.url)
    await worker.login('sosiaalityontekija')
    supervisor = new Client(t.url)
    await supervisor.login('esihenkilo')
    counsellor = new Client(t.url)
    await counsellor.login('sosiaaliohjaaja')
    secretary = new Client(t.url)
    await secretary.login('toimistosihteeri')
    anon = new Client(t.url)
    laps = (await db().selectFrom('unit').select('id').where('code', '=', 'LAPS').executeTakeFirstOrThrow()).id
    // two minors with the same guardian
    const pair = await sql<{ a: string; b: string }>`
      SELECT r1.person_id AS a, r2.person_id AS b
        FROM person_relation r1 JOIN person_relation r2 ON r2.related_id = r1.related_id AND r2.kind = 'guardian' AND r2.person_id > r1.person_id
        JOIN person p1 ON p1.id = r1.person_id JOIN person p2 ON p2.id = r2.person_id
       WHERE r1.kind = 'guardian' AND p1.birth_date > current_date - interval '16 years' AND p2.birth_date > current_date - interval '16 years'
         AND p1.merged_into IS NULL AND p2.merged_into IS NULL
       ORDER BY 1, 2 LIMIT 1`.execute(db())
    const { a, b } = pair.rows[0]!
    siblings = await db().selectFrom('person').select(['id', 'birth_date']).where('id', 'in', [a, b]).orderBy('id').execute() as { id: string; birth_date: string }[]
  })
  afterAll(async () => t?.stop())

  it('takes a school\'s notification about two siblings through the public e-form, with a receipt and an audit row without a user', async () => {
    const before = await maxAuditId()
    const res = await anon.post('/api/public/child-welfare/notifications', schoolReport([{ name: 'Eka Lapsi' }, { name: 'Toka Lapsi', birthDate: '2015-05-05' }]))
    expect(res.status).toBe(201)
    const body = (await res.json()) as { receipt: string; unitName: string }
    expect(body.receipt).toMatch(/^LS-[0-9A-Z]{4}-[0-9A-Z]{4}$/)
    expect(body.unitName).toBe('Lapsiperheiden palvelut ja lastensuojelu')
    const row = await db().selectFrom('cw_notification').selectAll().where('receipt', '=', body.receipt).executeTakeFirstOrThrow()
    expect(row).toMatchObject({ channel: 'eform', reporter_duty: true, registered_by: null, received_on: today })
    const audit = await db().selectFrom('audit_log').selectAll().where('id', '>', before as never).where('event', '=', 'child-welfare:public-notify').executeTakeFirstOrThrow()
    expect(audit).toMatchObject({ user_id: null, basis: 'public', outcome: 'success', ref_id: row.id, action: 'insert' })
    // the urgency deadline waits in the unit's queue
    const dl = await db().selectFrom('deadline').selectAll().where('subject_id', '=', row.id).executeTakeFirstOrThrow()
    expect(dl).toMatchObject({ kind: 'child_welfare.urgency', state: 'open', person_id: null, responsible_user_id: null, urgent: true, unit_id: laps })
  })

  it('holds an official to identify themselves; a private person may stay anonymous', async () => {
    const res = await anon.post('/api/public/child-welfare/notifications', { ...schoolReport([{ name: 'Lapsi' }]), reporterName: ' ', reporterPhone: null })
    expect(res.status).toBe(400)
    const p = (await res.json()) as Problem
    expect(p.errors?.map((e) => e.field).sort()).toEqual(['reporterName', 'reporterPhone'])
    expect(p.errors?.[0]?.message).toContain('ilmoitusvelvollisen')
    const anonymous = await anon.post('/api/public/child-welfare/notifications', { kind: 'notification', reporterType: 'anonymous', content: 'Naapurista kuuluu huutoa öisin.', children: [{ name: 'Naapurin poika' }] })
    expect(anonymous.status).toBe(201)
    const missing = await anon.post('/api/public/child-welfare/notifications', { kind: 'notification', reporterType: 'anonymous', content: 'x', children: [] })
    expect(missing.status).toBe(400)
  })

  it('shows the queue to the unit\'s child welfare workers only; the office secretary registers but does not read', async () => {
    const q = await worker.get('/api/child-welfare/notifications')
    expect(q.status).toBe(200)
    const queue = (await q.json()) as { items: { receipt: string; urgency: null; nextDeadline: { kind: string; dueOn: string } | null; children: { name: string; identified: boolean }[] }[]; unassessed: number; total: number }
    expect(queue.total).toBeGreaterThanOrEqual(2)
    expect(queue.unassessed).toBeGreaterThanOrEqual(2)
    expect(queue.items[0]!.nextDeadline?.kind).toBe('child_welfare.urgency')
    expect(queue.items.flatMap((i) => i.children).some((c) => c.name === 'Toka Lapsi' && !c.identified)).toBe(true)
    const other = await counsellor.get('/api/child-welfare/notifications')
    expect(other.status).toBe(200)
    expect(((await other.json()) as { items: unknown[] }).items).toEqual([])
    expect((await secretary.get('/api/child-welfare/notifications')).status).toBe(403)
    const id = (await db().selectFrom('cw_notification').select('id').orderBy('created_at').executeTakeFirstOrThrow()).id
    expect((await counsellor.get(`/api/child-welfare/notifications/${id}`)).status).toBe(404)
  })

  it('registers a phoned-in notification by its local time of receipt, never in the future', async () => {
    const input = { ...schoolReport([{ name: 'Puhelinlapsi' }]), channel: 'phone', receivedAt: '2026-12-01T09:30', unitId: laps }
    const res = await secretary.post('/api/child-welfare/notifications', input)
    expect(res.status).toBe(201)
    const n = (await res.json()) as { receivedOn: string; receivedAt: string; registeredBy: string; urgencyDeadline: { dueOn: string } }
    expect(n.receivedOn).toBe('2026-12-01')
    expect(n.receivedAt).toBe('2026-12-01T07:30:00.000Z')
    expect(n.registeredBy).toBe('Tiina Rantala')
    expect(n.urgencyDeadline.dueOn).toBe('2026-12-01')
    const future = await secretary.post('/api/child-welfare/notifications', { ...input, receivedAt: '2099-01-01T10:00' })
    expect(future.status).toBe(400)
    const bad = await secretary.post('/api/child-welfare/notifications', { ...input, receivedAt: '2026-13-45T10:00' })
    expect(bad.status).toBe(400)
    expect(((await bad.json()) as Problem).errors?.[0]).toMatchObject({ field: 'receivedAt', code: 'cw.received.invalid' })
    const notMine = await worker.post('/api/child-welfare/notifications', { ...input, unitId: (await db().selectFrom('unit').select('id').where('code', '=', 'ETUU').executeTakeFirstOrThrow()).id })
    expect(notMine.status).toBe(400)
  })

  it('runs a notification about siblings through urgency, the start decision, informing and closing, with its deadlines', async () => {
    const received = (await db().selectFrom('cw_notification').select(['id', 'received_on']).where('received_on', '=', '2026-12-01').executeTakeFirstOrThrow())
    const id = received.id
    const url = `/api/child-welfare/notifications/${id}`
    let n = (await (await worker.get(url)).json()) as { version: number; matters: { id: string; person: { id: string }; version: number; startDeadline: { dueOn: string } | null; completeDeadline: { dueOn: string } | null; state: string }[]; urgency: unknown; state: string }
    expect(n.urgency).toBeNull()

    // the urgency: a reason is required; then recorded with who and when
    expect((await worker.post(`${url}/urgency`, { urgency: 'not_urgent', reason: 'lyhyt', version: n.version })).status).toBe(400)
    let res = await worker.post(`${url}/urgency`, { urgency: 'not_urgent', reason: 'Ei välitöntä vaaraa; koulu seuraa tilannetta.', version: n.version })
    expect(res.status).toBe(200)
    n = (await res.json()) as typeof n
    expect(n.urgency).toMatchObject({ urgency: 'not_urgent', assessedBy: 'Aino Lehtinen' })
    expect((await worker.post(`${url}/urgency`, { urgency: 'urgent', reason: 'Toinen arvio samasta asiasta.', version: n.version })).status).toBe(400)

    // two siblings identified: each a matter with its own 7-working-day deadline from the day of receipt
    for (const s of siblings) {
      res = await worker.post(`${url}/children`, { personId: s.id, version: n.version })
      expect(res.status).toBe(200)
      n = (await res.json()) as typeof n
    }
    expect((await worker.post(`${url}/children`, { personId: siblings[0]!.id, version: n.version })).status).toBe(400)
    expect(n.matters).toHaveLength(2)
    const due7 = childWelfareDue('assessment_start', localDate('2026-12-01'))
    expect(due7).toBe('2026-12-10')
    for (const m of n.matters) expect(m.startDeadline).toMatchObject({ dueOn: due7, state: 'open' })
    // the children and their guardians joined the intake
    const intakePersons = await db().selectFrom('intake_person as ip').innerJoin('cw_notification as cn', 'cn.intake_id', 'ip.intake_id').select(['ip.person_id', 'ip.role']).where('cn.id', '=', id).execute()
    expect(intakePersons.filter((p) => p.role === 'child').map((p) => p.person_id).sort()).toEqual(siblings.map((s) => s.id).sort())
    expect(intakePersons.some((p) => p.role === 'guardian')).toBe(true)

    const [first, second] = n.matters
    const decide = (m: typeof first, body: Record<string, unknown>) => worker.post(`${url}/matters/${m!.id}/start-decision`, { reasons: 'Palvelutarpeen arviointi aloitetaan koulun huolen vuoksi.', version: m!.version, ...body })
    // bad input: before the matter was pending, in the future, a responsible worker who is not a licensed social worker
    res = await decide(first, { decision: 'start', decidedOn: '2026-11-30' })
    expect(res.status).toBe(400)
    expect(((await res.json()) as Problem).errors?.[0]).toMatchObject({ field: 'decidedOn', code: 'cw.start.before_pending' })
    expect((await decide(first, { decision: 'start', decidedOn: '2099-01-01' })).status).toBe(400)
    const counsellorId = (await db().selectFrom('staff_user').select('id').where('username', '=', 'sosiaaliohjaaja').executeTakeFirstOrThrow()).id
    res = await decide(first, { decision: 'start', decidedOn: '2026-12-04', responsibleUserId: counsellorId })
    expect(res.status).toBe(400)
    expect(((await res.json()) as Problem).errors?.[0]).toMatchObject({ field: 'responsibleUserId', code: 'cw.start.responsible' })
    // nothing was half saved
    expect((await db().selectFrom('cw_matter').select('start_decision').where('id', '=', first!.id).executeTakeFirstOrThrow()).start_decision).toBeNull()

    res = await decide(first, { decision: 'start', decidedOn: '2026-12-04' })
    expect(res.status).toBe(200)
    n = (await res.json()) as typeof n
    const started = n.matters.find((m) => m.id === first!.id)!
    expect(started.state).toBe('assessment')
    expect(started.startDeadline).toMatchObject({ state: 'met', metOn: '2026-12-04' })
    expect(started.completeDeadline).toMatchObject({ dueOn: '2027-03-01', state: 'open' })
    const rel = await db().selectFrom('client_relationship').select(['kind', 'start_reason']).where('person_id', '=', started.person.id).where('service_task', '=', 'child_welfare').where('end_date', 'is', null).execute()
    expect(rel.length).toBeGreaterThanOrEqual(1)
    // a stale version of the other matter is refused
    expect((await decide(second, { decision: 'no_assessment', decidedOn: '2026-12-04', version: 99 })).status).toBe(409)

    // closing with the second child undecided is refused; the decision then closes the child's matter
    expect((await worker.post(`${url}/close`, { reason: 'Käsitelty: arviointi aloitettu.', version: n.version })).status).toBe(400)
    res = await decide(second, { decision: 'no_assessment', decidedOn: '2026-12-04', reasons: 'Lapsi on jo sosiaalihuollon palvelujen piirissä eikä arviota tarvita.' })
    expect(res.status).toBe(200)
    n = (await res.json()) as typeof n
    expect(n.matters.find((m) => m.id === second!.id)).toMatchObject({ state: 'closed', completeDeadline: null })

    // informing the family
    const m1 = n.matters.find((m) => m.id === first!.id)!
    expect((await worker.post(`${url}/matters/${m1.id}/informed`, { informedOn: '2026-11-20', method: 'letter', version: m1.version })).status).toBe(400)
    res = await worker.post(`${url}/matters/${m1.id}/informed`, { informedOn: '2026-12-04', method: 'letter', version: m1.version })
    expect(res.status).toBe(200)
    n = (await res.json()) as typeof n

    res = await worker.post(`${url}/close`, { reason: 'Käsitelty: arviointi aloitettu.', version: n.version })
    expect(res.status).toBe(200)
    n = (await res.json()) as typeof n
    expect(n.state).toBe('closed')
    const open = (await (await worker.get('/api/child-welfare/notifications')).json()) as { items: { id: string }[] }
    expect(open.items.map((i) => i.id)).not.toContain(id)
    const closed = (await (await worker.get('/api/child-welfare/notifications?state=closed')).json()) as { items: { id: string }[] }
    expect(closed.items.map((i) => i.id)).toContain(id)
    // the 3-month deadline is the worker's own on the deadline worklist
    const mine = (await (await worker.get('/api/deadlines?scope=mine')).json()) as { items: { kind: string; dueOn: string; person: { id: string } | null }[] }
    expect(mine.items.some((i) => i.kind === 'child_welfare.assessment_complete' && i.dueOn === '2027-03-01' && i.person?.id === started.person.id)).toBe(true)
  })

  it('finds the minors of the registry by name for an open notification, and nobody of age', async () => {
    const id = (await db().selectFrom('cw_notification').select('id').where('received_on', '=', today).orderBy('created_at').executeTakeFirstOrThrow()).id
    const url = `/api/child-welfare/notifications/${id}/child-search`
    const kid = await db().selectFrom('person').select(['id', 'last_name', 'first_names']).where('id', '=', siblings[0]!.id).executeTakeFirstOrThrow()
    const res = await worker.post(url, { name: `${kid.last_name} ${kid.first_names.split(' ')[0]}` })
    expect(res.status).toBe(200)
    const found = ((await res.json()) as { persons: { id: string }[] }).persons.map((p) => p.id)
    expect(found).toContain(kid.id)
    const adult = await db().selectFrom('person').select(['last_name', 'first_names', 'birth_date']).where('birth_date', '<', '1990-01-01').where('merged_into', 'is', null).orderBy('id').executeTakeFirstOrThrow()
    const adults = ((await (await worker.post(url, { name: `${adult.last_name} ${adult.first_names}` })).json()) as { persons: { birthDate: string }[] }).persons
    expect(adults.every((p) => p.birthDate > '2008-01-01')).toBe(true)
    const short = await worker.post(url, { name: 'ab' })
    expect(short.status).toBe(400)
    expect((await short.json()).errors[0]).toMatchObject({ field: 'name', code: 'cw.search.too_short' })
    expect((await counsellor.post(url, { name: kid.last_name })).status).toBe(404)
  })

  it('shows a reporter who asked to stay unknown only to the workers of the case once the assessment has started', async () => {
    // a second child welfare worker of the unit, not on this case
    const mikko = (await db().selectFrom('staff_user').select('id').where('username', '=', 'sosiaaliohjaaja').executeTakeFirstOrThrow()).id
    await db().insertInto('staff_grant').values({ user_id: mikko, role_code: 'social_counsellor', unit_id: laps, service_tasks: ['child_welfare'], valid_from: '2026-01-01' }).execute()
    const other = new Client(t.url)
    await other.login('sosiaaliohjaaja')
    const res = await anon.post('/api/public/child-welfare/notifications', {
      kind: 'notification', reporterType: 'day_care', reporterName: 'Päivi Päiväkoti', reporterOrganisation: 'Päiväkoti Satu', reporterPhone: '0405556666',
      withholdIdentity: true, content: 'Lapsi on kertonut väkivallasta kotona.', children: [{ name: 'Lapsi' }],
    })
    const { receipt } = (await res.json()) as { receipt: string }
    const id = (await db().selectFrom('cw_notification').select('id').where('receipt', '=', receipt).executeTakeFirstOrThrow()).id
    const url = `/api/child-welfare/notifications/${id}`
    type N = { version: number; reporterName: string | null; reporterPhone: string | null; reporterHidden: boolean; matters: { id: string; version: number }[] }
    // in intake every worker of the unit handles it and sees the reporter
    expect(((await (await other.get(url)).json()) as N)).toMatchObject({ reporterName: 'Päivi Päiväkoti', reporterHidden: false })
    let n = (await (await worker.post(`${url}/urgency`, { urgency: 'urgent', reason: 'Lapsen turvallisuus on arvioitava heti.', version: 1 })).json()) as N
    n = (await (await worker.post(`${url}/children`, { personId: siblings[0]!.id, version: n.version })).json()) as N
    const m = n.matters[0]!
    expect((await worker.post(`${url}/matters/${m.id}/start-decision`, { decision: 'start', decidedOn: today, reasons: 'Arviointi aloitetaan ilmoituksen perusteella.', version: m.version })).status).toBe(200)
    // the case started: the other worker no longer sees who reported; the case's worker and the supervisor do
    expect(((await (await other.get(url)).json()) as N)).toMatchObject({ reporterName: null, reporterPhone: null, reporterHidden: true })
    expect(((await (await worker.get(url)).json()) as N)).toMatchObject({ reporterName: 'Päivi Päiväkoti', reporterHidden: false })
    expect(((await (await supervisor.get(url)).json()) as N)).toMatchObject({ reporterPhone: '0405556666', reporterHidden: false })
    // an anonymous reporter has nothing to withhold
    const anonymous = await anon.post('/api/public/child-welfare/notifications', { kind: 'notification', reporterType: 'anonymous', withholdIdentity: true, content: 'Huoli naapurin lapsesta.', children: [{ name: 'Lapsi' }] })
    const anonId = (await db().selectFrom('cw_notification').select(['id', 'withhold_identity']).where('receipt', '=', ((await anonymous.json()) as { receipt: string }).receipt).executeTakeFirstOrThrow())
    expect(anonId.withhold_identity).toBe(false)
  })

  it('audits every read of a notification naming its identified children', async () => {
    const n = await db().selectFrom('cw_matter').select(['notification_id', 'person_id']).executeTakeFirstOrThrow()
    const before = await maxAuditId()
    expect((await supervisor.get(`/api/child-welfare/notifications/${n.notification_id}`)).status).toBe(200)
    const rows = await db().selectFrom('audit_log').select(['event', 'action', 'client_ids', 'ref_id']).where('id', '>', before as never).execute()
    expect(rows.some((r) => r.event === 'child-welfare:notifications' && r.action === 'view' && r.client_ids.includes(n.person_id) && r.ref_id === n.notification_id)).toBe(true)
  })
})

describe.each(kinds)('the public e-form\'s rate limit on %s', (kind) => {
  let t: TestServer
  beforeAll(async () => {
    t = await startTestServer(kind, { publicFormRateLimitPerHour: 2 })
  })
  afterAll(async () => t?.stop())

  it('refuses the third notification from one address within the hour with 429 and saves nothing', async () => {
    const c = new Client(t.url)
    const body = { kind: 'notification', reporterType: 'private_person', content: 'Huoli lapsesta.', children: [{ name: 'Lapsi' }] }
    expect((await c.post('/api/public/child-welfare/notifications', body)).status).toBe(201)
    expect((await c.post('/api/public/child-welfare/notifications', body)).status).toBe(201)
    const third = await c.post('/api/public/child-welfare/notifications', body)
    expect(third.status).toBe(429)
    expect(third.headers.get('content-type')).toContain('application/problem+json')
    const count = await t.server.database.db.selectFrom('cw_notification').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()
    expect(Number(count.n)).toBe(2)
  })
})

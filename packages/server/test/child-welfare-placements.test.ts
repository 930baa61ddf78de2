import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { todayInHelsinki } from '@huoma/domain'
import { databaseKinds } from './helpers/databases'
import { pdfText } from './helpers/pdf'
import { Client, startTestServer, type TestServer } from './helpers/server'

/**
 * The child's child welfare record over HTTP: the assessment completed with its conclusion (the 3-month deadline
 * met), an urgent placement with its day-30 end on the worklist, the one extension by another official (day 60), a
 * care order that a guardian objects to becoming an application to the administrative court (its PDF read back with
 * pdftotext) and, filed, keeping the urgent placement going; a care order everyone consents to as a decision with a
 * placement. Bad input — missing positions, the same official extending, overlapping placements, dates out of order
 * — refused with field messages and nothing half saved.
 */
const kinds = await databaseKinds()

interface Problem {
  errors?: { field: string; code: string; message: string }[]
}
interface RecordBody {
  matters: { id: string; state: string; version: number; assessment: { conclusion: string } | null; completeDeadline: { state: string; metOn: string | null } | null }[]
  placements: { id: string; basis: string; startsOn: string; endsOn: string | null; version: number; deadline: { dueOn: string; state: string } | null; extension: { maker: string } | null; place: string }[]
  decisions: { id: string; type: string; number: number }[]
  courtApplications: { id: string; filedOn: string | null; positions: { position: string; role: string }[] }[]
  guardians: { id: string; name: string }[]
}

describe.each(kinds)('the child welfare record on %s', (kind) => {
  let t: TestServer
  let worker: Client // sosiaalityontekija, licensed social worker
  let supervisor: Client // esihenkilo, licensed social worker
  let child: string
  let sibling: string
  let guardians: string[]
  let provider: string
  const db = () => t.server.database.db
  const today = todayInHelsinki(new Date())
  const base = (id: string) => `/api/persons/${id}/child-welfare`
  const errorsOf = async (res: Response) => ((await res.json()) as Problem).errors ?? []

  beforeAll(async () => {
    t = await startTestServer(kind)
    worker = new Client(t.url)
    await worker.login('sosiaalityontekija')
    supervisor = new Client(t.url)
    await supervisor.login('esihenkilo')
    const pair = await sql<{ a: string; b: string }>`
      SELECT r1.person_id AS a, r2.person_id AS b
        FROM person_relation r1 JOIN person_relation r2 ON r2.related_id = r1.related_id AND r2.kind = 'guardian' AND r2.person_id > r1.person_id
        JOIN person p1 ON p1.id = r1.person_id JOIN person p2 ON p2.id = r2.person_id
       WHERE r1.kind = 'guardian' AND p1.birth_date BETWEEN date '2026-12-03' - interval '17 years' + interval '1 day' AND date '2026-12-03' - interval '12 years'
         AND p2.birth_date > date '2026-12-03' - interval '17 years' AND p1.merged_into IS NULL AND p2.merged_into IS NULL
       ORDER BY 1, 2 LIMIT 1`.execute(db())
    child = pair.rows[0]!.a
    sibling = pair.rows[0]!.b
    guardians = (await db().selectFrom('person_relation').select('related_id').where('person_id', '=', child).where('kind', '=', 'guardian').execute()).map((g) => g.related_id)
    provider = (await db().selectFrom('provider').select('id').where(sql<boolean>`'family_care' = ANY(service_types) OR 'institutional_care' = ANY(service_types)`).executeTakeFirstOrThrow()).id
  })
  afterAll(async () => t?.stop())

  it('completes the assessment of a notified child with its conclusion, meeting the 3-month deadline', async () => {
    const anon = new Client(t.url)
    const { receipt } = (await (await anon.post('/api/public/child-welfare/notifications', { kind: 'notification', reporterType: 'private_person', content: 'Huoli lapsesta.', children: [{ name: 'Lapsi' }] })).json()) as { receipt: string }
    const id = (await db().selectFrom('cw_notification').select('id').where('receipt', '=', receipt).executeTakeFirstOrThrow()).id
    const url = `/api/child-welfare/notifications/${id}`
    let n = (await (await worker.post(`${url}/urgency`, { urgency: 'not_urgent', reason: 'Ei välitöntä vaaraa lapselle.', version: 1 })).json()) as { version: number; matters: { id: string; version: number }[] }
    n = (await (await worker.post(`${url}/children`, { personId: child, version: n.version })).json()) as typeof n
    const matter = n.matters[0]!
    expect((await worker.post(`${url}/matters/${matter.id}/start-decision`, { decision: 'start', decidedOn: today, reasons: 'Arviointi aloitetaan ilmoituksen perusteella.', version: matter.version })).status).toBe(200)
    // the worker now has the child welfare relationship: the record opens
    let res = await worker.get(base(child))
    expect(res.status).toBe(200)
    let rec = (await res.json()) as RecordBody
    const m = rec.matters.find((x) => x.id === matter.id)!
    expect(m.state).toBe('assessment')
    const input = { childViews: 'Lapsi kertoi viihtyvänsä koulussa.', guardianViews: 'Huoltajat pitävät huolta aiheettomana.', summary: 'Perheellä on tuen tarve; lapsi tarvitsee lastensuojelun avohuollon tukea.', conclusion: 'client', version: m.version }
    res = await worker.post(`${base(child)}/matters/${m.id}/assessment`, { ...input, completedOn: '2020-01-01' })
    expect(res.status).toBe(400)
    expect((await errorsOf(res))[0]).toMatchObject({ field: 'completedOn', code: 'cw.start.before_pending' })
    res = await worker.post(`${base(child)}/matters/${m.id}/assessment`, { ...input, completedOn: today })
    expect(res.status).toBe(200)
    rec = (await res.json()) as RecordBody
    expect(rec.matters.find((x) => x.id === matter.id)).toMatchObject({ state: 'closed', assessment: { conclusion: 'client' }, completeDeadline: { state: 'met', metOn: today } })
    expect(rec.guardians.map((g) => g.id).sort()).toEqual([...guardians].sort())
    // a second completion is refused
    expect((await worker.post(`${base(child)}/matters/${m.id}/assessment`, { ...input, completedOn: today, version: m.version + 1 })).status).toBe(400)
  })

  it('places the child urgently with the day-30 end on the worklist; an overlapping one is refused', async () => {
    const body = { decidedOn: '2026-11-20', placedOn: '2026-11-20', form: 'institution', reasons: ['neglect'], decisionReasons: 'Lapsi on välittömässä vaarassa kotona; kiireellinen sijoitus on välttämätön.' }
    let res = await worker.post(`${base(child)}/urgent-placements`, { ...body, form: 'kinship_care' })
    expect(res.status).toBe(400)
    expect((await errorsOf(res))[0]).toMatchObject({ field: 'providerId', code: 'cw.place.required' })
    res = await worker.post(`${base(child)}/urgent-placements`, { ...body, providerId: provider })
    expect(res.status).toBe(201)
    const rec = (await res.json()) as RecordBody
    const p = rec.placements.find((x) => x.basis === 'urgent')!
    expect(p).toMatchObject({ startsOn: '2026-11-20', endsOn: null, deadline: { dueOn: '2026-12-19', state: 'open' } })
    expect(rec.decisions.some((d) => d.type === 'child_welfare_urgent_placement')).toBe(true)
    const clash = await worker.post(`${base(child)}/urgent-placements`, { ...body, decidedOn: '2026-11-25', placedOn: '2026-11-25', providerId: provider })
    expect(clash.status).toBe(400)
    expect((await errorsOf(clash))[0]).toMatchObject({ code: 'cw.placement.overlap' })
    const mine = (await (await worker.get('/api/deadlines?scope=mine')).json()) as { items: { kind: string; dueOn: string; urgent: boolean }[] }
    expect(mine.items.some((i) => i.kind === 'child_welfare.urgent_placement' && i.dueOn === '2026-12-19' && i.urgent)).toBe(true)
  })

  it('extends the urgent placement once, only by another official, to day 60', async () => {
    const rec = (await (await worker.get(base(child))).json()) as RecordBody
    const p = rec.placements.find((x) => x.basis === 'urgent')!
    const body = { decidedOn: '2026-12-01', decisionReasons: 'Huostaanoton valmistelu on kesken; sijoitusta jatketaan.', version: p.version }
    let res = await worker.post(`${base(child)}/urgent-placements/${p.id}/extension`, body)
    expect(res.status).toBe(400)
    expect((await errorsOf(res))[0]).toMatchObject({ field: 'decisionMaker', code: 'cw.extension.same_official' })
    expect((await db().selectFrom('cw_placement').select('extension_decision_id').where('id', '=', p.id).executeTakeFirstOrThrow()).extension_decision_id).toBeNull()
    res = await supervisor.post(`${base(child)}/urgent-placements/${p.id}/extension`, body)
    expect(res.status).toBe(200)
    const after = ((await res.json()) as RecordBody).placements.find((x) => x.id === p.id)!
    expect(after).toMatchObject({ deadline: { dueOn: '2027-01-18', state: 'open' }, extension: { maker: 'Jari Heikkilä' } })
    res = await supervisor.post(`${base(child)}/urgent-placements/${p.id}/extension`, { ...body, version: after.version })
    expect(res.status).toBe(400)
    expect((await errorsOf(res)).map((e) => e.code)).toContain('cw.extension.once')
  })

  it('turns a care order a guardian objects to into an application to the administrative court, filed in time', async () => {
    const positions = [
      ...guardians.map((g, i) => ({ personId: g, position: i === 0 ? 'objection' : 'consent', heardOn: '2026-12-02' })),
      { personId: child, position: 'consent', heardOn: '2026-12-02' },
    ]
    const body = { decidedOn: '2026-12-03', startsOn: '2026-12-03', form: 'professional_family_home', providerId: provider, reasons: ['neglect', 'parents_substance_abuse'], decisionReasons: 'Kotiolot vaarantavat vakavasti lapsen terveyden ja kehityksen; avohuollon tukitoimet eivät ole riittäneet.' }
    // without a guardian's position, and without the 12-year-old child's, it is refused
    let res = await worker.post(`${base(child)}/care-orders`, { ...body, positions: positions.slice(1) })
    expect(res.status).toBe(400)
    const codes = (await errorsOf(res)).map((e) => e.code)
    expect(codes).toContain('cw.care.guardian_missing')
    res = await worker.post(`${base(child)}/care-orders`, { ...body, positions: positions.filter((p) => p.personId !== child) })
    expect(res.status).toBe(400)
    expect((await errorsOf(res)).map((e) => e.code)).toContain('cw.care.child_missing')
    expect(await db().selectFrom('cw_court_application').select('id').where('person_id', '=', child).execute()).toEqual([])

    res = await worker.post(`${base(child)}/care-orders`, { ...body, positions })
    expect(res.status).toBe(201)
    const result = (await res.json()) as { outcome: string; applicationId: string; applicationNumber: number }
    expect(result.outcome).toBe('court_application')
    const pdf = await worker.get(`${base(child)}/court-applications/${result.applicationId}/pdf`)
    expect(pdf.status).toBe(200)
    expect(pdf.headers.get('content-type')).toBe('application/pdf')
    const text = await pdfText(Buffer.from(await pdf.arrayBuffer()))
    expect(text).toContain('Hakemus huostaanotosta ja sijaishuoltoon sijoittamisesta')
    expect(text).toContain('Helsingin hallinto-oikeus')
    expect(text).toContain('Vastustaa')
    expect(text).toContain('lastensuojelulaki 43 § 2 mom')
    expect(text).toContain('avohuollon tukitoimet eivät ole riittäneet')

    // filed: the urgent placement continues past its day 60 until the court decides
    res = await worker.post(`${base(child)}/court-applications/${result.applicationId}/filed`, { filedOn: '2026-12-04' })
    expect(res.status).toBe(200)
    const rec = (await res.json()) as RecordBody
    expect(rec.courtApplications[0]).toMatchObject({ filedOn: '2026-12-04' })
    expect(rec.placements.find((p) => p.basis === 'urgent')).toMatchObject({ endsOn: null, deadline: { state: 'met' } })
    expect((await worker.post(`${base(child)}/court-applications/${result.applicationId}/filed`, { filedOn: '2026-12-04' })).status).toBe(400)
  })

  it('decides a care order everyone consents to, with its placement and a PDF with the court\'s appeal instructions', async () => {
    await db().insertInto('client_relationship').values({ person_id: sibling, user_id: (await db().selectFrom('staff_user').select('id').where('username', '=', 'sosiaalityontekija').executeTakeFirstOrThrow()).id, service_task: 'child_welfare', kind: 'responsible', start_date: '2026-01-01' }).execute()
    const sibGuardians = (await db().selectFrom('person_relation').select('related_id').where('person_id', '=', sibling).where('kind', '=', 'guardian').execute()).map((g) => g.related_id)
    const sib = await db().selectFrom('person').select('birth_date').where('id', '=', sibling).executeTakeFirstOrThrow()
    const twelve = new Date(`${sib.birth_date}T12:00:00Z`)
    twelve.setUTCFullYear(twelve.getUTCFullYear() + 12)
    const positions = [...sibGuardians.map((g) => ({ personId: g, position: 'consent', heardOn: '2026-12-02' })), ...(twelve.toISOString().slice(0, 10) <= '2026-12-03' ? [{ personId: sibling, position: 'consent', heardOn: '2026-12-02' }] : [])]
    const body = { decidedOn: '2026-12-03', startsOn: '2026-12-05', form: 'family_care', providerId: provider, reasons: ['parents_exhaustion'], decisionReasons: 'Huoltajat suostuvat huostaanottoon; lapsen kehitys vaatii sijaishuoltoa.', positions }
    expect((await worker.post(`${base(sibling)}/care-orders`, { ...body, startsOn: '2026-12-01' })).status).toBe(400)
    const res = await worker.post(`${base(sibling)}/care-orders`, body)
    expect(res.status).toBe(201)
    const result = (await res.json()) as { outcome: string; decisionId: string; placementId: string }
    expect(result.outcome).toBe('decision')
    const rec = (await (await worker.get(base(sibling))).json()) as RecordBody
    expect(rec.placements).toEqual([expect.objectContaining({ id: result.placementId, basis: 'care_order', startsOn: '2026-12-05', endsOn: null })])
    const pdf = await worker.get(`${base(sibling)}/decisions/${result.decisionId}/pdf`)
    expect(pdf.status).toBe(200)
    const text = await pdfText(Buffer.from(await pdf.arrayBuffer()))
    expect(text).toContain('Päätös huostaanotosta ja sijaishuoltoon sijoittamisesta')
    expect(text).toContain('Perhehoito')
    expect(text).toContain('hallinto-oikeu')
    // a second care order overlapping the first is refused
    const again = await worker.post(`${base(sibling)}/care-orders`, { ...body, startsOn: '2026-12-06' })
    expect(again.status).toBe(400)
    expect((await errorsOf(again)).map((e) => e.code)).toContain('cw.placement.overlap')
  })

  it('ends the care by a decision, never before it began, and computes the after-care that follows', async () => {
    const rec = (await (await worker.get(base(sibling))).json()) as RecordBody & { afterCare: unknown }
    expect(rec.afterCare).toBeNull()
    const p = rec.placements.find((x) => x.basis === 'care_order')!
    let res = await worker.post(`${base(sibling)}/placements/${p.id}/end`, { endsOn: '2026-12-01', decisionReasons: 'Huostassapidon edellytykset ovat lakanneet.', version: p.version })
    expect(res.status).toBe(400)
    expect((await errorsOf(res))[0]).toMatchObject({ field: 'endsOn', code: 'cw.placement.end_before_start' })
    res = await worker.post(`${base(sibling)}/placements/${p.id}/end`, { endsOn: '2026-12-05', version: p.version })
    expect(res.status).toBe(400)
    expect((await errorsOf(res))[0]).toMatchObject({ field: 'decisionReasons', code: 'cw.placement.end_reasons' })
    res = await worker.post(`${base(sibling)}/placements/${p.id}/end`, { endsOn: '2026-12-05', decisionReasons: 'Huostassapidon edellytykset ovat lakanneet.', version: p.version })
    expect(res.status).toBe(200)
    const after = (await res.json()) as RecordBody & { afterCare: { eligible: boolean; endsOn: string; law: string; placementId: string } | null }
    expect(after.placements.find((x) => x.id === p.id)).toMatchObject({ endsOn: '2026-12-05' })
    expect(after.decisions.some((d) => d.type === 'child_welfare_care_end')).toBe(true)
    const sib = await db().selectFrom('person').select('birth_date').where('id', '=', sibling).executeTakeFirstOrThrow()
    const [y, m, d] = sib.birth_date!.split('-').map(Number)
    expect(after.afterCare).toMatchObject({ eligible: today > '2026-12-05', law: 'age_23', placementId: p.id, endsOn: `${y! + 23}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}` })
  })

  it('shows the supervisor the children per responsible social worker against the maximum of 30', async () => {
    const res = await supervisor.get('/api/child-welfare/caseload')
    expect(res.status).toBe(200)
    const c = (await res.json()) as { maximum: number; workers: { name: string; children: number; over: boolean }[] }
    expect(c.maximum).toBe(30)
    const aino = c.workers.find((w) => w.name === 'Aino Lehtinen')!
    expect(aino.children).toBeGreaterThanOrEqual(2)
    expect(aino.over).toBe(aino.children > 30)
    expect((await worker.get('/api/child-welfare/caseload')).status).toBe(403)
  })

  it('lists the licensed social workers of the worker\'s units as possible responsible workers', async () => {
    const res = await worker.get('/api/child-welfare/responsible-workers')
    expect(res.status).toBe(200)
    const { workers } = (await res.json()) as { workers: { name: string; unitName: string }[] }
    expect(workers.map((w) => w.name)).toEqual(['Aino Lehtinen', 'Jari Heikkilä'])
    expect(new Set(workers.map((w) => w.unitName)).size).toBe(1)
    // a counsellor without a child welfare grant reaches no unit: nobody to list
    const counsellor = new Client(t.url)
    await counsellor.login('sosiaaliohjaaja')
    expect(((await (await counsellor.get('/api/child-welfare/responsible-workers')).json()) as { workers: unknown[] }).workers).toEqual([])
  })

  it('makes the client plan, reviews it as a new version at least yearly, and the parents\' plan only while placed', async () => {
    const plan = { kind: 'child', goals: 'Lapsen koulunkäynti vakiintuu ja arki on turvallista.', measures: 'Tukihenkilö, perhetyö kahdesti viikossa.', childViews: 'Haluaa käydä harrastuksissa.', parentViews: 'Toivovat apua arkeen.', madeOn: '2026-12-04' }
    let res = await worker.post(`${base(child)}/plans`, { ...plan, reviewBy: '2028-01-01' })
    expect(res.status).toBe(400)
    expect((await errorsOf(res))[0]).toMatchObject({ field: 'reviewBy', code: 'cw.plan.review_yearly' })
    res = await worker.post(`${base(child)}/plans`, plan)
    expect(res.status).toBe(201)
    let list = ((await res.json()) as { plans: { id: string; kind: string; current: boolean; reviewBy: string; reviewDeadline: { dueOn: string } | null }[] }).plans
    expect(list).toEqual([expect.objectContaining({ kind: 'child', current: true, reviewBy: '2027-12-04', reviewDeadline: expect.objectContaining({ dueOn: '2027-12-04' }) })])
    // a second first plan (someone else made one meanwhile) conflicts; a review names the current version
    expect((await worker.post(`${base(child)}/plans`, plan)).status).toBe(409)
    res = await worker.post(`${base(child)}/plans`, { ...plan, madeOn: '2026-12-05', reviewBy: '2027-06-01', replacesId: list[0]!.id })
    expect(res.status).toBe(201)
    list = ((await res.json()) as { plans: typeof list }).plans
    expect(list.filter((p) => p.current)).toEqual([expect.objectContaining({ reviewBy: '2027-06-01', reviewDeadline: expect.objectContaining({ dueOn: '2027-06-01' }) })])
    expect(list).toHaveLength(2)
    // the child is placed (the urgent placement continues): the parents get their own plan; the sibling's ended
    expect((await worker.post(`${base(child)}/plans`, { ...plan, kind: 'parents' })).status).toBe(201)
    res = await worker.post(`${base(sibling)}/plans`, { ...plan, kind: 'parents', madeOn: today })
    expect(res.status).toBe(400)
    expect((await errorsOf(res))[0]).toMatchObject({ field: 'kind', code: 'cw.plan.parents_not_placed' })
  })

  it('keeps the record from workers without a child welfare basis', async () => {
    const counsellor = new Client(t.url)
    await counsellor.login('sosiaaliohjaaja')
    expect((await counsellor.get(base(child))).status).toBe(404)
    const handler = new Client(t.url)
    await handler.login('etuuskasittelija')
    expect((await handler.get(base(child))).status).toBe(403)
  })
})

import { addDays, addMonths, localDate, todayInHelsinki } from '@huoma/domain'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { databaseKinds } from './helpers/databases'
import { pdfText } from './helpers/pdf'
import { Client, startTestServer, type TestServer } from './helpers/server'

/**
 * Child welfare over HTTP, part 4: open-care support measures (an open-care placement among them) and after-care
 * measures as decisions with every measure granted or refused, fitted to the after-care the domain computes; the
 * assessment summary PDF that never names the reporter; the child's prohibition to disclose to a guardian honoured
 * in the guardian's copy of the summary and of a decision, and in the access report given to a guardian. Bad input
 * refused with field messages, nothing half saved.
 */
const kinds = await databaseKinds()

interface Problem {
  errors?: { field: string; code: string; message: string }[]
}
interface RecordBody {
  matters: { id: string; state: string; version: number }[]
  placements: { id: string; basis: string; startsOn: string; endsOn: string | null; place: string }[]
  decisions: { id: string; type: string; number: number; outcome: string }[]
  measures: { id: string; phase: string; code: string; granted: boolean; startsOn: string; endsOn: string | null; placementId: string | null; version: number; decision: { number: number } }[]
  bans: { id: string; scope: string; guardian: { id: string } | null; lifted: { on: string } | null; version: number }[]
  afterCare: { eligible: boolean; endsOn: string } | null
  guardians: { id: string; name: string }[]
}

describe.each(kinds)('child welfare support measures and the child\'s prohibitions on %s', (kind) => {
  let t: TestServer
  let worker: Client
  let child: string
  let sibling: string
  let guardians: string[]
  let provider: { id: string; name: string }
  let matterId: string
  const db = () => t.server.database.db
  const today = todayInHelsinki(new Date())
  const base = (id: string) => `/api/persons/${id}/child-welfare`
  const errorsOf = async (res: Response) => ((await res.json()) as Problem).errors ?? []
  const record = async () => (await (await worker.get(base(child))).json()) as RecordBody
  const decisionCount = async () => Number((await db().selectFrom('decision').select(db().fn.countAll().as('n')).where('person_id', '=', child).executeTakeFirstOrThrow()).n)
  const eightMonthsAgo = addMonths(localDate(today), -8)
  const monthAgo = addDays(localDate(today), -30)

  beforeAll(async () => {
    t = await startTestServer(kind)
    worker = new Client(t.url)
    await worker.login('sosiaalityontekija')
    const pair = await sql<{ a: string; b: string }>`
      SELECT r1.person_id AS a, r2.person_id AS b
        FROM person_relation r1 JOIN person_relation r2 ON r2.related_id = r1.related_id AND r2.kind = 'guardian' AND r2.person_id > r1.person_id
        JOIN person p1 ON p1.id = r1.person_id JOIN person p2 ON p2.id = r2.person_id
       WHERE r1.kind = 'guardian' AND p1.birth_date BETWEEN current_date - interval '16 years' AND current_date - interval '10 years'
         AND p2.birth_date > current_date - interval '17 years' AND p1.merged_into IS NULL AND p2.merged_into IS NULL
       ORDER BY 1, 2 LIMIT 1`.execute(db())
    child = pair.rows[0]!.a
    sibling = pair.rows[0]!.b
    guardians = (await db().selectFrom('person_relation').select('related_id').where('person_id', '=', child).where('kind', '=', 'guardian').orderBy('related_id').execute()).map((g) => g.related_id)
    provider = await db().selectFrom('provider').select(['id', 'name']).where(sql<boolean>`'family_care' = ANY(service_types)`).executeTakeFirstOrThrow()
    // a school's notification with the reporter named; the child identified, the assessment started and completed
    const anon = new Client(t.url)
    const res = await anon.post('/api/public/child-welfare/notifications', {
      kind: 'notification',
      reporterType: 'school',
      reporterName: 'Reijo Raportoija',
      reporterOrganisation: 'Keskuskoulu',
      reporterPhone: '0401234567',
      withholdIdentity: true,
      content: 'Oppilas on ollut poissa koulusta ja kertonut riidoista kotona.',
      children: [{ name: 'Oppilas' }],
    })
    expect(res.status).toBe(201)
    const { receipt } = (await res.json()) as { receipt: string }
    const id = (await db().selectFrom('cw_notification').select('id').where('receipt', '=', receipt).executeTakeFirstOrThrow()).id
    const url = `/api/child-welfare/notifications/${id}`
    let n = (await (await worker.post(`${url}/urgency`, { urgency: 'not_urgent', reason: 'Ei välitöntä vaaraa lapselle.', version: 1 })).json()) as { version: number; matters: { id: string; version: number }[] }
    n = (await (await worker.post(`${url}/children`, { personId: child, version: n.version })).json()) as typeof n
    const matter = n.matters[0]!
    expect((await worker.post(`${url}/matters/${matter.id}/start-decision`, { decision: 'start', decidedOn: today, reasons: 'Arviointi aloitetaan ilmoituksen perusteella.', version: matter.version })).status).toBe(200)
    const m = (await record()).matters.find((x) => x.id === matter.id)!
    const done = await worker.post(`${base(child)}/matters/${m.id}/assessment`, {
      childViews: 'LAPSEN-OMA-NÄKEMYS: haluaa asua kotona mutta pelkää riitoja.',
      guardianViews: 'Huoltajat toivovat apua arkeen.',
      summary: 'Perhe tarvitsee lastensuojelun avohuollon tukea; lapsi on lastensuojelun asiakas.',
      conclusion: 'client',
      completedOn: today,
      version: m.version,
    })
    expect(done.status).toBe(200)
    matterId = m.id
  })
  afterAll(async () => t?.stop())

  it('refuses measures of the wrong phase, ends before starts and overlapping placements, saving nothing', async () => {
    const before = await decisionCount()
    const measure = { code: 'family_work', granted: true, description: 'Perhetyö kahdesti viikossa.', startsOn: today }
    let res = await worker.post(`${base(child)}/support-measures`, {
      phase: 'open_care',
      decidedOn: today,
      decisionReasons: 'Perhe tarvitsee tukea arkeen.',
      measures: [measure, { ...measure, code: 'supported_housing' }, { ...measure, endsOn: addDays(localDate(today), -1) }, { ...measure, code: 'open_care_placement' }],
    })
    expect(res.status).toBe(400)
    const errors = await errorsOf(res)
    expect(errors.map((e) => `${e.field} ${e.code}`)).toEqual(
      expect.arrayContaining(['measures/1/code cw.measure.code', 'measures/2/endsOn cw.measure.end_before_start', 'measures/3/form cw.measure.place', 'measures/3/providerId cw.place.required']),
    )
    expect(errors.find((e) => e.code === 'cw.measure.code')!.message).toMatch(/avohuolto/)
    // after-care before any placement has ended
    res = await worker.post(`${base(child)}/support-measures`, { phase: 'after_care', decidedOn: today, decisionReasons: 'Jälkihuolto alkaa.', measures: [{ ...measure, code: 'support_person' }] })
    expect(res.status).toBe(400)
    expect((await errorsOf(res))[0]).toMatchObject({ field: 'phase', code: 'cw.aftercare.none' })
    expect(await decisionCount()).toBe(before)
  })

  it('decides open-care measures, granted and refused, with an open-care placement on the timeline and in the PDF', async () => {
    const res = await worker.post(`${base(child)}/support-measures`, {
      phase: 'open_care',
      decidedOn: today,
      decisionReasons: 'Perhe tarvitsee tukea arkeen, ja lapsi tarvitsee tilapäisesti toisen asuinpaikan.',
      measures: [
        { code: 'family_work', granted: true, description: 'Perhetyö kahdesti viikossa.', startsOn: today },
        { code: 'support_person', granted: false, description: 'Tukihenkilöä ei ole nyt saatavilla.', startsOn: today },
        { code: 'open_care_placement', granted: true, description: 'Lapsi asuu perhekodissa yksin.', startsOn: eightMonthsAgo, form: 'family_care', providerId: provider.id, reasons: ['parents_exhaustion'] },
      ],
    })
    expect(res.status).toBe(201)
    const rec = (await res.json()) as RecordBody
    const decision = rec.decisions.find((d) => d.type === 'child_welfare_open_care')!
    expect(decision.outcome).toBe('partly_granted')
    expect(rec.measures.map((m) => [m.code, m.granted])).toEqual([['open_care_placement', true], ['family_work', true], ['support_person', false]])
    const placing = rec.measures.find((m) => m.code === 'open_care_placement')!
    expect(rec.placements).toEqual([expect.objectContaining({ id: placing.placementId, basis: 'open_care', startsOn: eightMonthsAgo, endsOn: null, place: provider.name })])
    // a second placement at the same time is refused
    const clash = await worker.post(`${base(child)}/support-measures`, {
      phase: 'open_care',
      decidedOn: today,
      decisionReasons: 'Toinen sijoitus samaan aikaan.',
      measures: [{ code: 'open_care_placement', granted: true, description: 'Toinen paikka.', startsOn: today, form: 'kinship_care', placeName: 'Mummola' }],
    })
    expect(clash.status).toBe(400)
    expect((await errorsOf(clash))[0]).toMatchObject({ field: 'measures/0/startsOn', code: 'cw.placement.overlap' })
    const pdf = await worker.get(`${base(child)}/decisions/${decision.id}/pdf`)
    expect(pdf.status).toBe(200)
    const text = (await pdfText(Buffer.from(await pdf.arrayBuffer()))).replace(/\s+/g, ' ')
    expect(text).toContain('Päätös avohuollon tukitoimista')
    expect(text).toContain('Perhetyö')
    expect(text).toContain('Ei myönnetä')
    expect(text).toContain(provider.name)
    expect(text).toMatch(/hallinto-oikeu/i)
  })

  it('ends the open-care placement, after which after-care measures fit the computed after-care', async () => {
    let rec = await record()
    const placing = rec.measures.find((m) => m.code === 'open_care_placement')!
    let res = await worker.post(`${base(child)}/support-measures/${placing.id}/end`, { endsOn: addDays(localDate(eightMonthsAgo), -1), version: placing.version })
    expect(res.status).toBe(400)
    expect((await errorsOf(res))[0]).toMatchObject({ field: 'endsOn', code: 'cw.measure.end_before_start' })
    res = await worker.post(`${base(child)}/support-measures/${placing.id}/end`, { endsOn: monthAgo, version: placing.version })
    expect(res.status).toBe(200)
    rec = (await res.json()) as RecordBody
    expect(rec.placements[0]).toMatchObject({ basis: 'open_care', endsOn: monthAgo })
    expect(rec.afterCare).toMatchObject({ eligible: true })
    const lastDay = addDays(localDate(rec.afterCare!.endsOn), -1)
    const measure = { code: 'support_person', granted: true, description: 'Jälkihuollon tukihenkilö.', startsOn: today }
    res = await worker.post(`${base(child)}/support-measures`, { phase: 'after_care', decidedOn: today, decisionReasons: 'Nuori tarvitsee tukea itsenäistymiseen.', measures: [{ ...measure, endsOn: rec.afterCare!.endsOn }] })
    expect(res.status).toBe(400)
    expect((await errorsOf(res))[0]).toMatchObject({ field: 'measures/0/endsOn', code: 'cw.aftercare.past_end' })
    res = await worker.post(`${base(child)}/support-measures`, { phase: 'after_care', decidedOn: today, decisionReasons: 'Nuori tarvitsee tukea itsenäistymiseen.', measures: [{ ...measure, endsOn: lastDay }] })
    expect(res.status).toBe(201)
    rec = (await res.json()) as RecordBody
    expect(rec.decisions.map((d) => d.type)).toContain('child_welfare_after_care')
    expect(rec.measures.filter((m) => m.phase === 'after_care')).toEqual([expect.objectContaining({ code: 'support_person', endsOn: lastDay })])
  })

  it('prints the assessment summary without the reporter, and honours the child\'s prohibition in a guardian\'s copy', async () => {
    const url = `${base(child)}/matters/${matterId}/assessment/pdf`
    const file = (await pdfText(Buffer.from(await (await worker.get(url)).arrayBuffer()))).replace(/\s+/g, ' ')
    expect(file).toContain('Palvelutarpeen arvio')
    expect(file).toContain('LAPSEN-OMA-NÄKEMYS')
    expect(file).toContain('lastensuojelun asiakas')
    for (const secret of ['Reijo', 'Raportoija', 'Keskuskoulu', '0401234567']) expect(file).not.toContain(secret)
    // the prohibition: not to a sibling (not a guardian), not in the future
    let res = await worker.post(`${base(child)}/disclosure-bans`, { guardianId: sibling, scope: 'child_views', childStatement: 'En halua, että isä tietää.', maturityAssessment: 'Lapsi on ikäisekseen kypsä ymmärtämään asian.', recordedOn: today })
    expect(res.status).toBe(400)
    expect((await errorsOf(res))[0]).toMatchObject({ field: 'guardianId', code: 'ban.not_guardian' })
    res = await worker.post(`${base(child)}/disclosure-bans`, { guardianId: guardians[0], scope: 'child_views', childStatement: 'En halua, että isä tietää mitä kerroin.', maturityAssessment: 'Lapsi on ikäisekseen kypsä ymmärtämään asian.', recordedOn: today })
    expect(res.status).toBe(201)
    const rec = (await res.json()) as RecordBody
    expect(rec.bans).toEqual([expect.objectContaining({ scope: 'child_views', guardian: expect.objectContaining({ id: guardians[0] }), lifted: null })])
    const copy = (await pdfText(Buffer.from(await (await worker.get(`${url}?recipient=${guardians[0]}`)).arrayBuffer()))).replace(/\s+/g, ' ')
    expect(copy).toContain('Jäljennös huoltajalle')
    expect(copy).not.toContain('LAPSEN-OMA-NÄKEMYS')
    expect(copy).toContain('asiakaslaki 11 §')
    expect(copy).toContain('Huoltajat toivovat apua arkeen.')
    // the decision copy to that guardian leaves the reasons out; the file copy keeps them
    const decision = rec.decisions.find((d) => d.type === 'child_welfare_open_care')!
    const decisionCopy = (await pdfText(Buffer.from(await (await worker.get(`${base(child)}/decisions/${decision.id}/pdf?recipient=${guardians[0]}`)).arrayBuffer()))).replace(/\s+/g, ' ')
    expect(decisionCopy).not.toContain('tilapäisesti toisen asuinpaikan')
    expect(decisionCopy).toContain('Perustelut on jätetty pois')
    expect(decisionCopy).toContain('Perhetyö')
    // the whole register forbidden: no copy at all for that guardian
    res = await worker.post(`${base(child)}/disclosure-bans`, { guardianId: guardians[0], scope: 'all', childStatement: 'Isälle ei saa kertoa mitään.', maturityAssessment: 'Lapsi on ikäisekseen kypsä ymmärtämään asian.', recordedOn: today })
    expect(res.status).toBe(201)
    res = await worker.get(`${url}?recipient=${guardians[0]}`)
    expect(res.status).toBe(400)
    expect((await errorsOf(res))[0]).toMatchObject({ field: 'recipient', code: 'ban.guardian' })
    expect((await worker.get(`${base(child)}/decisions/${decision.id}/pdf?recipient=${guardians[0]}`)).status).toBe(400)
    if (guardians[1]) expect((await worker.get(`${url}?recipient=${guardians[1]}`)).status).toBe(200)
  })

  it('leaves the forbidden register out of the access report given to that guardian, and lifts the prohibition', async () => {
    const officer = new Client(t.url)
    await officer.login('tietosuojavastaava')
    const own = await officer.post('/api/privacy/access-report', { personId: child, language: 'fi' })
    expect(own.status).toBe(200)
    const ownText = (await pdfText(Buffer.from(await own.arrayBuffer()))).replace(/\s+/g, ' ')
    expect(ownText).toMatch(/Lastensuojelu/i)
    const res = await officer.post('/api/privacy/access-report', { personId: child, language: 'fi', guardianId: guardians[0] })
    expect(res.status).toBe(200)
    const text = (await pdfText(Buffer.from(await res.arrayBuffer()))).replace(/\s+/g, ' ')
    expect(text).toContain('Annettu huoltajalle')
    expect(text).toContain('jätetty pois rekisterit')
    expect(text.split('jätetty pois rekisterit')[1]!.match(/Lastensuojelu: /gi)).toBeNull()
    // a sibling is no guardian
    expect((await officer.post('/api/privacy/access-report', { personId: child, language: 'fi', guardianId: sibling })).status).toBe(400)
    // lifting: not before it was recorded; then the copy goes to the guardian again
    const rec = await record()
    const all = rec.bans.find((b) => b.scope === 'all')!
    let lift = await worker.post(`${base(child)}/disclosure-bans/${all.id}/lift`, { liftedOn: addDays(localDate(today), -1), reason: 'Lapsi peruutti kiellon.', version: all.version })
    expect(lift.status).toBe(400)
    expect((await errorsOf(lift))[0]).toMatchObject({ field: 'liftedOn', code: 'ban.lift_before' })
    lift = await worker.post(`${base(child)}/disclosure-bans/${all.id}/lift`, { liftedOn: addDays(localDate(today), 0), reason: 'Lapsi peruutti kiellon.', version: all.version })
    expect(lift.status).toBe(200)
    expect(((await lift.json()) as RecordBody).bans.find((b) => b.id === all.id)!.lifted).toMatchObject({ on: today })
    // lifted today: no longer in force (the milder one still is: the copy goes, without the child's views)
    expect((await worker.get(`${base(child)}/matters/${matterId}/assessment/pdf?recipient=${guardians[0]}`)).status).toBe(200)
  })
})

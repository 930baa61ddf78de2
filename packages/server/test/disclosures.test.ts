import { addDays, localDate, todayInHelsinki } from '@huoma/domain'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { databaseKinds } from './helpers/databases'
import { pdfText } from './helpers/pdf'
import { Client, startTestServer, type TestServer } from './helpers/server'

/**
 * Disclosures and consents over HTTP (issue 13, part 1): a police request on the client act's 18 § decided and
 * disclosed into the disclosure log, audited as a disclosure and printed in the client's access report; a
 * disclosure on consent checked against the consent when decided and when sent (expired, revoked); the client's ban
 * on genealogy honoured; bad input refused with field messages and nothing saved; another register's worker kept out.
 */
const kinds = await databaseKinds()

interface Problem {
  errors?: { field: string; code: string; message: string }[]
}
interface Register {
  requests: { id: string; number: number; version: number; decision: { outcome: string } | null; basis: string }[]
  log: { recipient: string; basis: string; what: string; disclosedOn: string }[]
}
interface ConsentList {
  consents: { id: string; kind: string; standing: string; version: number; revoked: unknown }[]
}

describe.each(kinds)('disclosures and consents on %s', (kind) => {
  let t: TestServer
  let worker: Client
  let client: string
  const today = todayInHelsinki(new Date())
  const yesterday = addDays(localDate(today), -1)
  const TASK = 'adult_social_work'
  const base = () => `/api/persons/${client}/disclosures`
  const errorsOf = async (res: Response) => ((await res.json()) as Problem).errors ?? []
  const requestCount = async () => Number((await t.server.database.db.selectFrom('disclosure_request').select((eb) => eb.fn.countAll().as('n')).where('person_id', '=', client).executeTakeFirstOrThrow()).n)
  const police = { serviceTask: TASK, requesterKind: 'police', requesterName: 'Rikoskomisario Kalle Komisario', requesterOrganisation: 'Sisä-Suomen poliisilaitos', receivedOn: yesterday, basis: 'client_act_18', purpose: 'Rikoksen selvittäminen (esitutkinta).', requested: 'Tiedot asiakkaan tapaamisista 1.1.–30.6.2026.' }

  beforeAll(async () => {
    t = await startTestServer(kind)
    const sec = new Client(t.url)
    await sec.login('toimistosihteeri')
    client = ((await (await sec.post('/api/persons', { firstNames: 'Luovutus', lastName: 'Asiakas', birthDate: '1975-06-06' })).json()) as { id: string }).id
    const aino = (await t.server.database.db.selectFrom('staff_user').select('id').where('username', '=', 'sosiaalityontekija').executeTakeFirstOrThrow()).id
    expect((await sec.post(`/api/persons/${client}/relationships`, { serviceTask: TASK, userId: aino, kind: 'responsible', startReason: 'other' })).status).toBe(201)
    worker = new Client(t.url)
    await worker.login('sosiaalityontekija')
  })
  afterAll(async () => t?.stop())

  it('decides a police request, records the disclosure in the log, audits it and prints it in the access report', async () => {
    let res = await worker.post(base(), police)
    expect(res.status).toBe(201)
    let reg = (await res.json()) as Register
    const r = reg.requests[0]!
    expect(r).toMatchObject({ basis: 'client_act_18', decision: null })
    // nothing can be sent before a decision to disclose
    res = await worker.post(`${base()}/${r.id}/disclosed`, { serviceTask: TASK, what: 'Tapaamiset', method: 'secure_email', disclosedOn: today, version: r.version })
    expect(res.status).toBe(400)
    expect((await errorsOf(res))[0]).toMatchObject({ field: 'request', code: 'disclosure.refused' })
    res = await worker.post(`${base()}/${r.id}/decision`, { serviceTask: TASK, outcome: 'partly', reasons: 'Luovutetaan tapaamisten ajankohdat; sisältö ei ole tarpeen esitutkinnalle.', decidedOn: '2020-01-01', version: r.version })
    expect((await errorsOf(res))[0]).toMatchObject({ field: 'decidedOn', code: 'disclosure.before_received' })
    res = await worker.post(`${base()}/${r.id}/decision`, { serviceTask: TASK, outcome: 'partly', reasons: 'Luovutetaan tapaamisten ajankohdat; sisältö ei ole tarpeen esitutkinnalle.', decidedOn: today, version: r.version })
    expect(res.status).toBe(200)
    reg = (await res.json()) as Register
    const decided = reg.requests[0]!
    expect(decided.decision).toMatchObject({ outcome: 'partly' })
    // a second decision on the same request is refused; a stale version conflicts
    expect((await worker.post(`${base()}/${r.id}/decision`, { serviceTask: TASK, outcome: 'refuse', reasons: 'Toinen päätös samasta pyynnöstä.', decidedOn: today, version: r.version })).status).toBe(409)
    const audit = async () => Number((await t.server.database.db.selectFrom('audit_log').select((eb) => eb.fn.countAll().as('n')).where('action', '=', 'disclose').executeTakeFirstOrThrow()).n)
    const before = await audit()
    res = await worker.post(`${base()}/${r.id}/disclosed`, { serviceTask: TASK, what: 'Tapaamisten päivämäärät 1.1.–30.6.2026', method: 'secure_email', disclosedOn: today, version: decided.version })
    expect(res.status).toBe(200)
    reg = (await res.json()) as Register
    expect(reg.log).toEqual([expect.objectContaining({ recipient: 'Rikoskomisario Kalle Komisario, Sisä-Suomen poliisilaitos', basis: 'client_act_18', disclosedOn: today })])
    expect(await audit()).toBe(before + 1)
    // the client's access report names the recipient
    const officer = new Client(t.url)
    await officer.login('tietosuojavastaava')
    const report = await officer.post('/api/privacy/access-report', { personId: client, language: 'fi' })
    expect(report.status).toBe(200)
    const text = (await pdfText(Buffer.from(await report.arrayBuffer()))).replace(/\s+/g, ' ')
    expect(text).toContain('Tietojen luovutukset')
    expect(text).toContain('Sisä-Suomen poliisilaitos')
    expect(text).toContain('asiakaslaki 18 §')
  })

  it('sends the decided request\'s documents as one PDF with a cover letter, the chosen records within the period', async () => {
    // a signed journal entry today and one from last year
    const entry = async (eventDate: string, text: string) => {
      const res = await worker.post(`/api/persons/${client}/journal/${TASK}`, { type: 'home_visit', eventDate, text })
      expect(res.status).toBe(201)
      const { entryId, versions } = (await res.json()) as { entryId: string; versions: { version: number }[] }
      expect((await worker.post(`/api/persons/${client}/journal/${TASK}/entries/${entryId}/sign`, { version: versions[0]!.version })).status).toBe(200)
    }
    await entry(today, 'Kotikäynti: keittiön vesivahinko korjattu.')
    await entry(addDays(localDate(today), -400), 'Vanha merkintä, joka ei kuulu luovutukseen.')
    let res = await worker.post(base(), { ...police, requested: 'Kotikäyntien merkinnät tältä vuodelta.' })
    expect(res.status).toBe(201)
    const r = ((await res.json()) as Register).requests.find((x) => x.decision === null)!
    const bundle = (query: string) => worker.get(`${base()}/${r.id}/bundle/pdf?serviceTask=${TASK}&${query}`)
    // nothing to send before the decision
    res = await bundle('records=journal/entry')
    expect(res.status).toBe(409)
    expect((await errorsOf(res))[0]).toMatchObject({ field: 'requestId', code: 'disclosure.bundle.refused' })
    res = await worker.post(`${base()}/${r.id}/decision`, { serviceTask: TASK, outcome: 'disclose', reasons: 'Esitutkinta edellyttää tietoja (asiakaslaki 18 §).', decidedOn: today, version: r.version })
    expect(res.status).toBe(200)
    expect((await bundle('records=journal/unknown')).status).toBe(400)
    const prints = async () => Number((await t.server.database.db.selectFrom('audit_log').select((eb) => eb.fn.countAll().as('n')).where('action', '=', 'print').where('event', '=', 'disclosures:print').executeTakeFirstOrThrow()).n)
    const before = await prints()
    res = await bundle(`records=journal/entry&from=${addDays(localDate(today), -30)}`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('application/pdf')
    const text = await pdfText(Buffer.from(await res.arrayBuffer()))
    expect(text).toContain('Saate: tietojen luovutus')
    expect(text).toContain('Rikoskomisario Kalle Komisario, Sisä-Suomen poliisilaitos')
    expect(text).toContain('Sosiaalihuollon asiakaslaki 18 §')
    expect(text).toContain('Asiakaskertomus: 1 merkintää')
    expect(text).toMatch(/salassa pidettäviä/)
    expect(text).toContain('Kotikäynti: keittiön vesivahinko korjattu.')
    expect(text).toContain('Laji: Kotikäynti')
    expect(text).not.toContain('Vanha merkintä')
    expect(await prints()).toBe(before + 1)
    // in Swedish
    const sv = await pdfText(Buffer.from(await (await bundle('records=journal/entry&language=sv')).arrayBuffer()))
    expect(sv).toContain('Följebrev: utlämnande av uppgifter')
    expect(sv).toContain('Typ: Hembesök')
  })

  it('refuses a request without its legal basis or consent, saving nothing', async () => {
    const before = await requestCount()
    let res = await worker.post(base(), { ...police, basis: 'other_act' })
    expect(res.status).toBe(400)
    expect((await errorsOf(res))[0]).toMatchObject({ field: 'basisCitation', code: 'disclosure.citation' })
    res = await worker.post(base(), { ...police, basis: 'consent' })
    const [missing] = await errorsOf(res)
    expect(missing).toMatchObject({ field: 'consentId', code: 'disclosure.consent.required' })
    expect(missing!.message).toMatch(/suostumu/i)
    res = await worker.post(base(), { ...police, receivedOn: addDays(localDate(today), 2) })
    expect((await errorsOf(res))[0]).toMatchObject({ field: 'receivedOn', code: 'disclosure.date.future' })
    expect(await requestCount()).toBe(before)
  })

  it('checks the consent a disclosure rests on when deciding and when sending: past its end or revoked, refused', async () => {
    const consents = `/api/persons/${client}/consents`
    const consent = { kind: 'consent', recipient: 'Kela', purpose: 'Perustoimeentulotuen käsittely', serviceTasks: [TASK], form: 'written', givenOn: '2026-01-01' }
    let res = await worker.post(consents, { ...consent, validUntil: '2026-03-31' })
    expect(res.status).toBe(201)
    const expired = ((await res.json()) as ConsentList).consents[0]!
    expect(expired.standing).toBe('expired')
    res = await worker.post(base(), { ...police, requesterKind: 'kela', requesterName: 'Kela', requesterOrganisation: null, basis: 'consent', consentId: expired.id })
    expect(res.status).toBe(400)
    expect((await errorsOf(res))[0]).toMatchObject({ field: 'consentId', code: 'disclosure.consent.expired' })
    // a consent without an end; the request on it decided, then the consent revoked before sending
    res = await worker.post(consents, { ...consent, validUntil: null })
    const valid = ((await res.json()) as ConsentList).consents.find((c) => c.standing === 'valid')!
    res = await worker.post(base(), { ...police, requesterKind: 'kela', requesterName: 'Kela', requesterOrganisation: null, basis: 'consent', consentId: valid.id })
    expect(res.status).toBe(201)
    const r = ((await res.json()) as Register).requests[0]!
    res = await worker.post(`${base()}/${r.id}/decision`, { serviceTask: TASK, outcome: 'disclose', reasons: 'Asiakas on antanut suostumuksen luovutukseen.', decidedOn: today, version: r.version })
    expect(res.status).toBe(200)
    const decided = ((await res.json()) as Register).requests.find((x) => x.id === r.id)!
    res = await worker.post(`${consents}/${valid.id}/revoke`, { revokedOn: today, note: 'Asiakas peruutti suostumuksen puhelimessa.', version: valid.version })
    expect(res.status).toBe(200)
    expect(((await res.json()) as ConsentList).consents.find((c) => c.id === valid.id)).toMatchObject({ standing: 'revoked' })
    res = await worker.post(`${base()}/${r.id}/disclosed`, { serviceTask: TASK, what: 'Tulotiedot', method: 'interface', disclosedOn: today, version: decided.version })
    expect(res.status).toBe(400)
    expect((await errorsOf(res))[0]).toMatchObject({ field: 'disclosedOn', code: 'disclosure.consent.revoked' })
  })

  it('honours the client\'s ban on genealogy: disclosing is refused, refusing is allowed', async () => {
    let res = await worker.post(`/api/persons/${client}/consents`, { kind: 'ban', purpose: 'Asiakas kieltää tietojensa käytön sukututkimukseen.', banPurpose: 'genealogy', serviceTasks: [], form: 'written', givenOn: today })
    expect(res.status).toBe(201)
    res = await worker.post(base(), { ...police, requesterKind: 'genealogy', requesterName: 'Sukututkija Sirkka', requesterOrganisation: null, basis: 'other_act', basisCitation: 'Julkisuuslaki 28 §' })
    const r = ((await res.json()) as Register).requests[0]!
    res = await worker.post(`${base()}/${r.id}/decision`, { serviceTask: TASK, outcome: 'disclose', reasons: 'Sukututkimusta varten pyydetyt tiedot.', decidedOn: today, version: r.version })
    expect(res.status).toBe(400)
    expect((await errorsOf(res))[0]).toMatchObject({ field: 'outcome', code: 'disclosure.banned' })
    res = await worker.post(`${base()}/${r.id}/decision`, { serviceTask: TASK, outcome: 'refuse', reasons: 'Asiakas on kieltänyt luovutuksen sukututkimukseen.', decidedOn: today, version: r.version })
    expect(res.status).toBe(200)
  })

  it('records an information request to another authority and what it obtained', async () => {
    const url = `/api/persons/${client}/information-requests`
    let res = await worker.post(url, { serviceTask: TASK, authority: 'Kela', basis: 'other_act', asked: 'Asiakkaan maksetut etuudet 2026.', sentOn: yesterday })
    expect(res.status).toBe(400)
    expect((await errorsOf(res))[0]).toMatchObject({ field: 'basisCitation', code: 'disclosure.citation' })
    res = await worker.post(url, { serviceTask: TASK, authority: 'Kela', basis: 'client_act_20', asked: 'Asiakkaan maksetut etuudet 2026.', sentOn: yesterday })
    expect(res.status).toBe(201)
    const asked = ((await res.json()) as { informationRequests: { id: string; version: number; answer: unknown }[] }).informationRequests[0]!
    expect(asked.answer).toBeNull()
    res = await worker.post(`${url}/${asked.id}/answer`, { serviceTask: TASK, answeredOn: addDays(localDate(yesterday), -1), obtained: 'Etuustiedot', version: asked.version })
    expect((await errorsOf(res))[0]).toMatchObject({ field: 'answeredOn', code: 'information.before_sent' })
    res = await worker.post(`${url}/${asked.id}/answer`, { serviceTask: TASK, answeredOn: today, obtained: 'Kelan etuuspäätökset 1–11/2026.', version: asked.version })
    expect(res.status).toBe(200)
    expect(((await res.json()) as { informationRequests: { answer: unknown }[] }).informationRequests[0]!.answer).toEqual({ answeredOn: today, obtained: 'Kelan etuuspäätökset 1–11/2026.' })
  })

  it('keeps the register from workers without a relationship in it', async () => {
    const counsellor = new Client(t.url)
    await counsellor.login('sosiaaliohjaaja')
    expect((await counsellor.get(`${base()}?serviceTask=${TASK}`)).status).toBe(404)
    expect((await worker.get(`${base()}?serviceTask=child_welfare`)).status).toBe(404)
    const own = await worker.get(`${base()}?serviceTask=${TASK}`)
    expect(own.status).toBe(200)
  })
})

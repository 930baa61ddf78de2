import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { regenerateAtStartup } from '../src/modules/notice/queries'
import { databaseKinds } from './helpers/databases'
import { pdfText } from './helpers/pdf'
import { Client, startTestServer, type TestServer } from './helpers/server'

/**
 * Issue 13, items 7 and 8: the privacy notice generated from the live configuration (public JSON, HTML and PDF in
 * Finnish and Swedish, a new version whenever the generated content changes, the old ones kept), the main user's
 * configuration it is generated from, the record that a client was informed of the processing (audited through the
 * chokepoint), and the user commitment every user accepts before doing anything else.
 */
const kinds = await databaseKinds()

const NEW_DISCLOSURE = {
  serviceTask: 'disability_services',
  recipientFi: 'Verohallinto',
  recipientSv: 'Skatteförvaltningen',
  legalBasisFi: 'Verotusmenettelystä annettu laki 1558/1995 15 §',
  legalBasisSv: 'Lagen om beskattningsförfarande 1558/1995 15 §',
  contentFi: 'Maksetut kuljetuspalvelujen korvaukset',
  contentSv: 'Utbetalda ersättningar för färdtjänst',
  frequency: 'yearly',
}

describe.each(kinds)('privacy notice, informed record and user commitment on %s', (kind) => {
  let t: TestServer
  let admin: Client
  let worker: Client
  const anonymous = () => new Client(t.url)
  const db = () => t.server.database.db
  const userId = async (username: string) => (await db().selectFrom('staff_user').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id
  const auditRows = (event: string) => db().selectFrom('audit_log').select(['event', 'action as kind', 'data_group', 'client_ids', 'ref_id', 'outcome', 'basis', 'user_id']).where('event', '=', event).orderBy('id').execute()
  const versions = async () => (await (await anonymous().get('/api/privacy-notice/versions')).json()).versions as { number: number; reason: string; contentHash: string }[]

  beforeAll(async () => {
    t = await startTestServer(kind)
    admin = new Client(t.url)
    await admin.login('paakayttaja')
    worker = new Client(t.url)
    await worker.login('sosiaalityontekija')
  })
  afterAll(() => t?.stop())

  it('serves the notice to anyone: JSON, HTML and PDF in Finnish and Swedish, generated once at start-up', async () => {
    const list = await versions()
    expect(list).toHaveLength(1)
    expect(list[0]).toMatchObject({ number: 1, reason: 'startup' })
    expect(list[0]!.contentHash).toMatch(/^[0-9a-f]{64}$/)
    // the start-up generation of an unchanged configuration writes nothing
    expect(await regenerateAtStartup(db())).toEqual({ number: 1, created: false })

    const fi = await (await anonymous().get('/api/privacy-notice')).json()
    expect(fi).toMatchObject({ number: 1, language: 'fi', document: { title: 'Tietosuojaseloste – sosiaalihuollon asiakasrekisteri' } })
    const section = (doc: { sections: { id: string }[] }, id: string) => doc.sections.find((s) => s.id === id) as unknown as { paragraphs: string[]; items: { title: string; lines: string[] }[] }
    expect(fi.document.sections.map((s: { id: string }) => s.id)).toEqual(['controller', 'dpo', 'purposes', 'data', 'sources', 'disclosures', 'transfers', 'retention', 'paper', 'security', 'rights'])
    expect(section(fi.document, 'controller').paragraphs).toContain('Sähköposti: kirjaamo@demola.fi')
    expect(section(fi.document, 'dpo').paragraphs).toContain('Sähköposti: tietosuoja@demola.fi')
    expect(section(fi.document, 'disclosures').items.map((i) => i.title)).toEqual(['Kansaneläkelaitos (Kela)', 'Terveyden ja hyvinvoinnin laitos (THL)', 'Ulosottolaitos'])
    expect(section(fi.document, 'disclosures').items[0]!.lines).toContain('Oikeusperuste: Laki toimeentulotuesta 1412/1997 14 a § ja 18 §')
    const purposes = section(fi.document, 'purposes').items
    expect(purposes.find((i) => i.title === 'Lastensuojelu')!.lines).toContain('Laki: Lastensuojelulaki 417/2007')
    expect(section(fi.document, 'retention').items).toContainEqual({ title: 'Lapsiperheiden palvelutehtävä', lines: ['30 vuotta asian päättymisestä', expect.stringContaining('703/2023')] })
    expect(section(fi.document, 'paper').items[0]!.title).toBe('Aikuisten sosiaalityö – Aikuissosiaalityö')
    expect(section(fi.document, 'transfers').paragraphs).toEqual(['Tietoja ei siirretä Euroopan unionin tai Euroopan talousalueen ulkopuolelle.'])

    const sv = await (await anonymous().get('/api/privacy-notice?language=sv')).json()
    expect(sv.document.title).toBe('Dataskyddsbeskrivning – socialvårdens klientregister')
    expect(section(sv.document, 'disclosures').items.map((i) => i.title)).toEqual(['Folkpensionsanstalten (FPA)', 'Institutet för hälsa och välfärd (THL)', 'Utsökningsverket'])

    const html = await anonymous().get('/api/privacy-notice/html?language=sv')
    expect(html.status).toBe(200)
    expect(html.headers.get('content-type')).toMatch(/^text\/html/)
    const page = await html.text()
    expect(page).toContain('<html lang="sv">')
    expect(page).toContain('<h2>Regelbundna utlämnanden av uppgifter</h2>')
    expect(page).toContain('Utsökningsverket')

    const pdfFi = await anonymous().get('/api/privacy-notice/pdf')
    expect(pdfFi.headers.get('content-type')).toBe('application/pdf')
    const textFi = await pdfText(Buffer.from(await pdfFi.arrayBuffer()))
    expect(textFi).toContain('Tietosuojaseloste – sosiaalihuollon asiakasrekisteri')
    expect(textFi).toContain('Versio 1, laadittu')
    expect(textFi).toContain('Säännönmukaiset tietojen luovutukset')
    expect(textFi).toContain('Kansaneläkelaitos (Kela)')
    expect(textFi).toContain('Ulosottokaari 705/2007')
    expect(textFi).toContain('Tietosuojavastaava')
    expect(textFi).toContain('Lastensuojelun palvelutehtävä')
    const textSv = await pdfText(Buffer.from(await (await anonymous().get('/api/privacy-notice/pdf?language=sv')).arrayBuffer()))
    expect(textSv).toContain('Dataskyddsbeskrivning')
    expect(textSv).toContain('Folkpensionsanstalten (FPA)')
    expect(textSv).toContain('Den registrerades rättigheter')
  })

  it('regenerates the notice when the configuration changes and keeps every earlier version', async () => {
    expect((await worker.post('/api/admin/regular-disclosures', NEW_DISCLOSURE)).status).toBe(403)
    const before = (await versions()).length

    const created = await admin.post('/api/admin/regular-disclosures', NEW_DISCLOSURE)
    expect(created.status).toBe(201)
    const disclosure = await created.json()
    expect(disclosure).toMatchObject({ ...NEW_DISCLOSURE, active: true, version: 1 })
    const afterCreate = await versions()
    expect(afterCreate).toHaveLength(before + 1)
    expect(afterCreate[0]).toMatchObject({ number: before + 1, reason: 'regular_disclosures' })
    const current = await (await anonymous().get('/api/privacy-notice')).json()
    expect(JSON.stringify(current.document)).toContain('Verohallinto')
    // the earlier version is kept as it was
    const first = await (await anonymous().get('/api/privacy-notice/versions/1')).json()
    expect(JSON.stringify(first.document)).not.toContain('Verohallinto')

    // ending it: gone from the notice in force, a new version again
    const ended = await admin.request('PUT', `/api/admin/regular-disclosures/${disclosure.id}`, { ...NEW_DISCLOSURE, active: false, version: 1 })
    expect(ended.status).toBe(200)
    expect((await versions())[0]).toMatchObject({ number: before + 2 })
    expect(JSON.stringify((await (await anonymous().get('/api/privacy-notice')).json()).document)).not.toContain('Verohallinto')
    // a stale version is refused and generates nothing
    expect((await admin.request('PUT', `/api/admin/regular-disclosures/${disclosure.id}`, { ...NEW_DISCLOSURE, active: true, version: 1 })).status).toBe(409)
    expect(await versions()).toHaveLength(before + 2)

    // the data protection parameters
    const settings = await (await admin.get('/api/admin/data-protection')).json()
    expect(settings).toMatchObject({ controllerName: 'Demolan kaupunki', dpoEmail: 'tietosuoja@demola.fi' })
    const { controllerName: _n, businessId: _b, updatedAt: _u, ...input } = settings
    // saving the same values changes nothing in the notice: no new version
    const same = await admin.request('PUT', '/api/admin/data-protection', input)
    expect(same.status).toBe(200)
    expect(await versions()).toHaveLength(before + 2)
    const changed = await admin.request('PUT', '/api/admin/data-protection', { ...input, version: input.version + 1, dpoEmail: 'tietosuojavastaava@demola.fi', transfersFi: 'Pilvipalvelun varmuuskopiot säilytetään Ruotsissa.', transfersSv: 'Molntjänstens säkerhetskopior förvaras i Sverige.' })
    expect(changed.status).toBe(200)
    expect((await changed.json()).version).toBe(input.version + 2)
    expect((await versions())[0]).toMatchObject({ number: before + 3, reason: 'settings' })
    const now = await (await anonymous().get('/api/privacy-notice?language=sv')).json()
    expect(JSON.stringify(now.document)).toContain('tietosuojavastaava@demola.fi')
    expect(JSON.stringify(now.document)).toContain('Molntjänstens säkerhetskopior förvaras i Sverige.')
    expect((await admin.request('PUT', '/api/admin/data-protection', input)).status).toBe(409)

    // the paper records register
    const laps = (await db().selectFrom('unit').select('id').where('code', '=', 'VAMM').executeTakeFirstOrThrow()).id
    const paper = await admin.post('/api/admin/paper-records', { serviceTask: 'disability_services', unitId: laps, place: 'Vammaispalvelujen arkistohuone 3', content: 'Kuljetuspalvelupäätökset', period: '2001–2016', responsible: 'Vammaispalvelujen johtaja' })
    expect(paper.status).toBe(201)
    expect(await paper.json()).toMatchObject({ unitName: 'Vammaispalvelut', active: true, version: 1 })
    const badUnit = await admin.post('/api/admin/paper-records', { serviceTask: 'disability_services', unitId: '00000000-0000-4000-8000-000000000000', place: 'X-paikka', content: 'Jotain', period: '2001', responsible: 'Joku' })
    expect(badUnit.status).toBe(400)
    expect((await badUnit.json()).errors).toEqual([{ field: 'body.unitId', code: 'notice.unit', message: 'Toimintayksikköä ei löydy.' }])
    expect((await versions())[0]).toMatchObject({ number: before + 4, reason: 'paper_records' })
    const pdf = await pdfText(Buffer.from(await (await anonymous().get('/api/privacy-notice/pdf')).arrayBuffer()))
    expect(pdf).toContain('Vammaispalvelujen arkistohuone 3')
    expect(pdf).toContain(`Versio ${before + 4}`)
    const old = await (await anonymous().get('/api/privacy-notice/versions/1?language=sv')).json()
    expect(old).toMatchObject({ number: 1, language: 'sv', reason: 'startup' })
    expect((await anonymous().get('/api/privacy-notice/versions/999')).status).toBe(404)

    // every change is a configuration audit row of the main user
    const main = await userId('paakayttaja')
    expect(await auditRows('notice:regular-disclosure-created')).toEqual([expect.objectContaining({ kind: 'security', data_group: 'config/regular-disclosure', ref_id: disclosure.id, user_id: main, outcome: 'success' })])
    expect(await auditRows('notice:regular-disclosure-updated')).toHaveLength(1)
    expect(await auditRows('notice:settings-updated')).toHaveLength(2)
    expect(await auditRows('notice:paper-record-created')).toHaveLength(1)
  })

  it('records that a client was informed of the processing, through the chokepoint and audited', async () => {
    const sec = new Client(t.url)
    await sec.login('toimistosihteeri')
    const { id } = await (await sec.post('/api/persons', { firstNames: 'Informoitu', lastName: 'Asiakas', birthDate: '1980-03-03' })).json()
    const other = new Client(t.url)
    await other.login('sosiaaliohjaaja')
    expect((await other.post(`/api/persons/${id}/processing-notices`, { serviceTask: 'adult_social_work', informedOn: '2026-01-02', method: 'letter' })).status).toBe(404)
    await sec.post(`/api/persons/${id}/relationships`, { serviceTask: 'adult_social_work', userId: await userId('sosiaalityontekija'), kind: 'responsible', startReason: 'other' })

    const today = t.server.app.clock.today()
    const future = await worker.post(`/api/persons/${id}/processing-notices`, { serviceTask: 'adult_social_work', informedOn: '2999-01-01', method: 'in_person' })
    expect(future.status).toBe(400)
    expect((await future.json()).errors).toEqual([{ field: 'body.informedOn', code: 'notice.informedOn', message: 'Päivä ei voi olla tulevaisuudessa.' }])
    const byFinance = await worker.post(`/api/persons/${id}/processing-notices`, { serviceTask: 'adult_social_work', informedOn: today, method: 'in_person', informedBy: await userId('talous') })
    expect((await byFinance.json()).errors.map((e: { code: string }) => e.code)).toEqual(['notice.informedBy'])

    const res = await worker.post(`/api/persons/${id}/processing-notices`, { serviceTask: 'adult_social_work', informedOn: today, method: 'in_person' })
    expect(res.status).toBe(201)
    const notice = (await (await anonymous().get('/api/privacy-notice')).json()).number
    expect((await res.json()).records).toEqual([
      expect.objectContaining({ serviceTask: 'adult_social_work', informedOn: today, method: 'in_person', informedBy: { id: await userId('sosiaalityontekija'), displayName: 'Aino Lehtinen' }, noticeVersion: notice }),
    ])
    const list = await (await worker.get(`/api/persons/${id}/processing-notices?serviceTask=adult_social_work`)).json()
    expect(list.records).toHaveLength(1)
    // another register's records are not the worker's to read, and the office secretary reads none
    expect((await worker.get(`/api/persons/${id}/processing-notices?serviceTask=child_welfare`)).status).toBe(404)
    expect((await sec.get(`/api/persons/${id}/processing-notices?serviceTask=adult_social_work`)).status).toBe(403)
    // the refusal of the counsellor without a relationship and the social worker's record, both naming the client
    expect(await auditRows('notice:informed-record')).toEqual([
      expect.objectContaining({ kind: 'insert', client_ids: [id], outcome: 'denied', user_id: await userId('sosiaaliohjaaja') }),
      expect.objectContaining({ kind: 'insert', data_group: 'adult_social_work/processing-notice', client_ids: [id], outcome: 'success', basis: 'relationship' }),
    ])
    expect((await auditRows('notice:informed-read')).filter((r) => r.outcome === 'success')).toEqual([expect.objectContaining({ kind: 'view', client_ids: [id] })])
  })

  it('gates every user until they accept the commitment in force, and records the acceptance', async () => {
    expect(await (await worker.get('/api/commitment')).json()).toMatchObject({ version: 1, acceptedAt: expect.any(String) })
    expect((await worker.post('/api/admin/commitment', { textFi: 'Uusi sitoumus, joka on tarpeeksi pitkä.', textSv: 'Ny förbindelse som är tillräckligt lång.' })).status).toBe(403)
    const published = await admin.post('/api/admin/commitment', { textFi: 'Käyttäjäsitoumus, versio 2: lupaan pitää salassa.', textSv: 'Användarförbindelse, version 2: jag lovar att iaktta sekretess.' })
    expect(published.status).toBe(201)
    const list = await published.json()
    expect(list.versions.map((v: { version: number; acceptances: number }) => [v.version, v.acceptances])).toEqual([[2, 0], [1, 13]])
    expect(list.pendingUsers).toBeGreaterThanOrEqual(12)
    expect(await auditRows('notice:commitment-published')).toEqual([expect.objectContaining({ basis: 'version:2', user_id: await userId('paakayttaja') })])

    // the worker's running session is refused everything but the commitment and signing out
    const refused = await worker.get('/api/deadlines')
    expect(refused.status).toBe(403)
    expect(await refused.json()).toMatchObject({ type: 'https://huoma.fi/problems/commitment-required', detail: 'Hyväksy käyttäjäsitoumus ennen kuin jatkat.' })
    expect(await (await worker.get('/api/auth/me')).json()).toMatchObject({ stage: 'commitment', user: { actions: [] } })
    const status = await (await worker.get('/api/commitment')).json()
    expect(status).toMatchObject({ version: 2, textFi: 'Käyttäjäsitoumus, versio 2: lupaan pitää salassa.', acceptedAt: null })
    // accepting a version that is no longer in force is refused with a field message
    const stale = await worker.post('/api/commitment/accept', { version: 1 })
    expect(stale.status).toBe(400)
    expect((await stale.json()).errors[0]).toMatchObject({ field: 'body.version', code: 'commitment.version' })
    const accepted = await worker.post('/api/commitment/accept', { version: 2 })
    expect(accepted.status).toBe(200)
    const answer = await accepted.json()
    expect(answer.stage).toBe('active')
    expect(answer.user.actions).toContain('deadlines:list')
    expect((await worker.get('/api/deadlines')).status).toBe(200)
    expect(await auditRows('notice:commitment-accepted')).toEqual([expect.objectContaining({ kind: 'security', data_group: 'security/commitment', basis: 'version:2', user_id: await userId('sosiaalityontekija') })])
    const row = await db().selectFrom('user_commitment_acceptance').selectAll().where('user_id', '=', await userId('sosiaalityontekija')).where('version', '=', 2).executeTakeFirstOrThrow()
    expect(row.accepted_at).toBeInstanceOf(Date)
    // accepting again writes nothing new
    expect((await worker.post('/api/commitment/accept', { version: 2 })).status).toBe(200)
    expect(await auditRows('notice:commitment-accepted')).toHaveLength(1)

    // a sign-in of someone who has not accepted starts in stage `commitment`
    const other = new Client(t.url)
    const login = await (await other.login('sosiaaliohjaaja')).json()
    expect(login).toMatchObject({ stage: 'commitment', user: { actions: [] } })
    expect((await other.get('/api/persons?name=virtanen')).status).toBe(403)
  })

  it('a new user accepts the commitment after setting their own password at first sign-in', async () => {
    // the main user accepts the version they published before they can create users
    const current = await (await admin.get('/api/commitment')).json()
    expect((await admin.post('/api/admin/users', { username: 'ei.viela', displayName: 'Ei Vielä', language: 'fi' })).status).toBe(403)
    expect((await admin.post('/api/commitment/accept', { version: current.version })).status).toBe(200)
    const created = await admin.post('/api/admin/users', { username: 'uusi.sitoutuja', displayName: 'Uusi Sitoutuja', language: 'fi', password: 'Pitkä ja harvinainen lause 42' })
    expect(created.status).toBe(201)
    const newcomer = new Client(t.url)
    expect((await (await newcomer.post('/api/auth/login', { username: 'uusi.sitoutuja', password: 'Pitkä ja harvinainen lause 42' })).json()).stage).toBe('password_change')
    // the commitment waits for the password
    expect((await newcomer.post('/api/commitment/accept', { version: current.version })).status).toBe(403)
    const changed = await newcomer.post('/api/auth/password', { currentPassword: 'Pitkä ja harvinainen lause 42', newPassword: 'Toinen harvinainen lause 43' })
    expect(changed.status).toBe(200)
    expect((await changed.json()).stage).toBe('commitment')
    const accepted = await newcomer.post('/api/commitment/accept', { version: current.version })
    expect((await accepted.json()).stage).toBe('active')
    expect((await (await newcomer.get('/api/auth/me')).json()).stage).toBe('active')
  })
})

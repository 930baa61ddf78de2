import { addMonths, localDate } from '@huoma/domain'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { databaseKinds } from './helpers/databases'
import { pdfText } from './helpers/pdf'
import { Client, startTestServer, type TestServer } from './helpers/server'

const kinds = await databaseKinds()

const ADULT_TEXT = 'Asiakas kertoi asunnon vuokrarästeistä ja sovittiin tapaaminen.'
const BENEFIT_TEXT = 'Toimeentulotuen selvittely: puolison tulot tarkistettu.'

/**
 * The client's requests about their data (issue 13 item 3): registration with the identity check, the one-month
 * deadline and its extension, a decision in parts per register with a refusal ground, the refusal certificate, the
 * copy as JSON and PDF with the refused register left out, and a restriction of processing that stops outputs.
 */
describe.each(kinds)("the client's requests about their data on %s", (kind) => {
  let t: TestServer
  let dpo: Client
  let worker: Client
  let personId: string
  const db = () => t.server.database.db
  const today = () => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Helsinki' }).format(new Date())
  const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toLocaleDateString('sv-SE', { timeZone: 'Europe/Helsinki' })
  const userId = async (username: string) => (await db().selectFrom('staff_user').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id
  const register = (body: Record<string, unknown>) =>
    dpo.post('/api/rights/requests', {
      personId,
      kind: 'access',
      requesterKind: 'client',
      channel: 'in_person',
      identityCheck: 'identity_document',
      receivedOn: daysAgo(3),
      serviceTasks: [],
      details: 'Pyydän jäljennöksen kaikista tiedoistani.',
      language: 'fi',
      ...body,
    })
  const journalEntry = async (task: string, text: string) => {
    const res = await worker.post(`/api/persons/${personId}/journal/${task}`, { type: 'meeting', eventDate: today(), text })
    expect(res.status).toBe(201)
    const { entryId, versions } = await res.json()
    expect((await worker.post(`/api/persons/${personId}/journal/${task}/entries/${entryId}/sign`, { version: versions[0].version })).status).toBe(200)
  }

  beforeAll(async () => {
    t = await startTestServer(kind)
    const secretary = new Client(t.url)
    await secretary.login('toimistosihteeri')
    const res = await secretary.post('/api/persons', { firstNames: 'Riitta', lastName: 'Pyytäjä', birthDate: '1975-06-14' })
    expect(res.status).toBe(201)
    personId = (await res.json()).id
    for (const serviceTask of ['adult_social_work', 'income_support']) {
      const r = await secretary.post(`/api/persons/${personId}/relationships`, { serviceTask, userId: await userId('sosiaalityontekija'), kind: 'team', startReason: 'other' })
      expect(r.status).toBe(201)
    }
    worker = new Client(t.url)
    await worker.login('sosiaalityontekija')
    dpo = new Client(t.url)
    await dpo.login('tietosuojavastaava')
    await journalEntry('adult_social_work', ADULT_TEXT)
    await journalEntry('income_support', BENEFIT_TEXT)
  })
  afterAll(() => t?.stop())

  it('registers a request only with the identity check, due one month after receipt', async () => {
    const refused = await register({ identityCheck: null })
    expect(refused.status).toBe(400)
    expect((await refused.json()).errors).toEqual([expect.objectContaining({ field: 'body.identityCheck', code: 'rights.identityRequired' })])
    const guardianless = await register({ requesterKind: 'guardian' })
    expect((await guardianless.json()).errors).toEqual([expect.objectContaining({ field: 'body.requesterId', code: 'rights.requesterRequired' })])
    const future = await register({ receivedOn: '2099-01-01' })
    expect((await future.json()).errors[0]).toMatchObject({ field: 'body.receivedOn', code: 'rights.future' })

    const res = await register({ kind: 'log' })
    expect(res.status).toBe(201)
    const r = await res.json()
    expect(r).toMatchObject({ kind: 'log', state: 'open', receivedOn: daysAgo(3), dueOn: addMonths(localDate(daysAgo(3)), 1), standing: 'open', identityCheckedBy: 'Maria Lindqvist' })
    // the officer's list of open requests by due date names the client
    const list = await (await dpo.get('/api/rights/requests')).json()
    expect(list.requests.map((x: { id: string }) => x.id)).toContain(r.id)
    // only the data protection officer handles them
    expect((await worker.get('/api/rights/requests')).status).toBe(403)
  })

  it('extends the deadline once, by at most two months, told within the first month', async () => {
    const r = await (await register({ kind: 'log' })).json()
    const tooFar = await dpo.post(`/api/rights/requests/${r.id}/extension`, { extendedTo: addMonths(localDate(r.receivedOn), 4), reason: 'Pyyntö koskee useita rekistereitä.', noticeOn: today(), version: r.version })
    expect((await tooFar.json()).errors[0]).toMatchObject({ field: 'body.extendedTo', code: 'rights.extension.too_late' })
    const to = addMonths(localDate(r.receivedOn), 3)
    const ok = await dpo.post(`/api/rights/requests/${r.id}/extension`, { extendedTo: to, reason: 'Pyyntö koskee useita rekistereitä.', noticeOn: today(), version: r.version })
    expect(ok.status).toBe(200)
    const extended = await ok.json()
    expect(extended).toMatchObject({ extendedTo: to, effectiveDue: to, extensionNoticeOn: today() })
    const again = await dpo.post(`/api/rights/requests/${r.id}/extension`, { extendedTo: to, reason: 'Vielä lisää aikaa tarvitaan.', noticeOn: today(), version: extended.version })
    expect((await again.json()).errors[0]).toMatchObject({ code: 'rights.extension.already_extended' })
    const stale = await dpo.post(`/api/rights/requests/${r.id}/withdrawal`, { withdrawnOn: today(), version: r.version })
    expect(stale.status).toBe(409)
  })

  it('answers an access request in parts: the copy leaves out the refused register, the certificate names its ground', async () => {
    const r = await (await register({})).json()
    // the copy waits for the decision
    expect((await dpo.get(`/api/rights/requests/${r.id}/copy`)).status).toBe(409)
    const decide = (parts: unknown[], version = r.version) => dpo.post(`/api/rights/requests/${r.id}/decision`, { parts, reasons: 'Pyyntöön vastataan tietosuoja-asetuksen 15 artiklan mukaisesti.', decidedOn: today(), version })
    const noGround = await decide([{ serviceTask: 'income_support', outcome: 'refused', explanation: 'Tiedot koskevat myös toista henkilöä.' }])
    expect((await noGround.json()).errors[0]).toMatchObject({ field: 'body.parts.0.ground', code: 'rights.groundRequired' })
    const wrongGround = await decide([{ serviceTask: 'income_support', outcome: 'refused', ground: 'statutory_retention', explanation: 'Tiedot koskevat myös toista henkilöä.' }])
    expect((await wrongGround.json()).errors[0]).toMatchObject({ field: 'body.parts.0.ground', code: 'rights.groundNotFor' })

    const res = await decide([
      { serviceTask: null, outcome: 'granted', explanation: 'Tiedot annetaan.' },
      { serviceTask: 'income_support', outcome: 'refused', ground: 'others_rights', explanation: 'Tiedot koskevat puolison tuloja, joihin hänellä on oikeus.' },
    ])
    expect(res.status).toBe(200)
    const decided = await res.json()
    expect(decided).toMatchObject({ state: 'decided', standing: 'closed', decision: { outcome: 'partly', maker: 'Maria Lindqvist' } })
    expect((await decide([{ serviceTask: null, outcome: 'granted', explanation: '' }], decided.version)).status).toBe(409)
    // a kernel decision of the client, never edited
    const d = await db().selectFrom('decision').selectAll().where('id', '=', decided.decision.id).executeTakeFirstOrThrow()
    expect(d).toMatchObject({ decision_type: 'data_subject_rights', person_id: personId, outcome: 'partly', appeal_route: 'administrative_court', appeal_days: 30 })

    const copy = await (await dpo.get(`/api/rights/requests/${r.id}/copy`)).json()
    expect(copy.format).toBe('huoma-client-copy/1')
    expect(copy.client.name).toBe('Riitta Pyytäjä')
    expect(copy.withheld).toEqual([{ serviceTask: 'income_support', ground: 'others_rights' }])
    const keys = copy.sections.map((s: { key: string; serviceTask: string | null }) => `${s.key}@${s.serviceTask}`)
    expect(keys).toEqual(expect.arrayContaining(['registry/person@null', 'journal/entry@adult_social_work', 'rights/request@null']))
    expect(keys.some((k: string) => k.endsWith('@income_support'))).toBe(false)
    const json = JSON.stringify(copy)
    expect(json).toContain(ADULT_TEXT)
    expect(json).not.toContain(BENEFIT_TEXT)
    // who processed: the worker's journal writes are there (in the granted register), in words
    expect(copy.processing.some((p: { who: string; register: string; action: string }) => p.who === 'Aino Lehtinen' && p.register === 'Aikuisten sosiaalityö' && p.action === 'tallensi')).toBe(true)
    expect(copy.processing.some((p: { register: string }) => p.register === 'Toimeentulotuki')).toBe(false)

    const pdf = await pdfText(Buffer.from(await (await dpo.get(`/api/rights/requests/${r.id}/copy/pdf`)).arrayBuffer()))
    expect(pdf).toContain('Jäljennös asiakastiedoistasi')
    expect(pdf).toContain(ADULT_TEXT)
    expect(pdf).not.toContain(BENEFIT_TEXT)
    expect(pdf).toContain('Toimeentulotuki: tietoja ei anneta')
    expect(pdf).toContain('Kuka on käsitellyt tietojasi')

    const decision = await pdfText(Buffer.from(await (await dpo.get(`/api/rights/requests/${r.id}/decision/pdf`)).arrayBuffer()))
    expect(decision).toContain('Päätös tietosuojapyyntöön')
    expect(decision).toContain('Pyyntöön suostutaan osittain')
    expect(decision).toContain('Tietosuojalaki (1050/2018) 34 §')
    expect(decision).toContain('valittamalla hallinto-oikeuteen (tietosuojalaki 1050/2018')
    const certificate = await pdfText(Buffer.from(await (await dpo.get(`/api/rights/requests/${r.id}/refusal-certificate/pdf`)).arrayBuffer()))
    expect(certificate).toContain('Kieltäytymistodistus')
    expect(certificate).toContain('Tiedot koskevat puolison tuloja')
    expect(certificate).toMatch(/tietosuojavaltuutetu/)
    expect(certificate).toContain('tietosuoja@om.fi')

    // each output was audited as the officer's, naming the client
    const rows = await db().selectFrom('audit_log').select(['event', 'action', 'client_ids', 'outcome']).where('event', 'in', ['rights:copy', 'rights:print']).execute()
    expect(rows.filter((x) => x.client_ids.includes(personId) && x.outcome === 'success').map((x) => x.action).sort()).toEqual(['export', 'export', 'print', 'print'])
  })

  it('a fully granted request has no refusal certificate; an erasure is refused on the statutory retention', async () => {
    const erasure = await (await register({ kind: 'erasure', serviceTasks: ['adult_social_work'], details: 'Poistakaa kaikki tietoni.' })).json()
    const res = await dpo.post(`/api/rights/requests/${erasure.id}/decision`, {
      parts: [{ serviceTask: 'adult_social_work', outcome: 'refused', ground: 'statutory_retention', explanation: 'Asiakirjat säilytetään lain määräämän ajan.' }],
      reasons: 'Sosiaalihuollon asiakirjojen säilytysajat ovat lakisääteisiä.',
      decidedOn: today(),
      version: erasure.version,
    })
    expect(res.status).toBe(200)
    expect((await res.json()).decision.outcome).toBe('refused')
    expect((await dpo.get(`/api/rights/requests/${erasure.id}/copy`)).status).toBe(409)
    const cert = await pdfText(Buffer.from(await (await dpo.get(`/api/rights/requests/${erasure.id}/refusal-certificate/pdf`)).arrayBuffer()))
    expect(cert).toContain('17 art. 3 kohdan b alakohta')

    const access = await (await register({ serviceTasks: ['adult_social_work'] })).json()
    await dpo.post(`/api/rights/requests/${access.id}/decision`, { parts: [{ serviceTask: 'adult_social_work', outcome: 'granted', explanation: 'Annetaan.' }], reasons: 'Tiedot annetaan kokonaan.', decidedOn: today(), version: access.version })
    const none = await dpo.get(`/api/rights/requests/${access.id}/refusal-certificate/pdf`)
    expect(none.status).toBe(409)
    expect((await none.json()).errors[0].code).toBe('rights.nothingRefused')
    // a register the request did not ask about cannot be answered
    const other = await (await register({ serviceTasks: ['adult_social_work'] })).json()
    const stray = await dpo.post(`/api/rights/requests/${other.id}/decision`, { parts: [{ serviceTask: 'child_welfare', outcome: 'granted', explanation: '' }], reasons: 'Tiedot annetaan kokonaan.', decidedOn: today(), version: other.version })
    expect((await stray.json()).errors[0]).toMatchObject({ field: 'body.parts.0.serviceTask', code: 'rights.partNotAsked' })
  })

  it('a granted restriction stops every print of the register until it is lifted, and the refusal is logged', async () => {
    const print = () => worker.get(`/api/persons/${personId}/journal/adult_social_work/print`)
    expect((await print()).status).toBe(200)
    const r = await (await register({ kind: 'restriction', serviceTasks: ['adult_social_work'], details: 'Kiistän kirjauksen oikeellisuuden; rajoittakaa käsittelyä.' })).json()
    await dpo.post(`/api/rights/requests/${r.id}/decision`, { parts: [{ serviceTask: 'adult_social_work', outcome: 'granted', explanation: 'Käsittelyä rajoitetaan, kunnes oikeellisuus on selvitetty.' }], reasons: 'Asiakas kiistää tietojen paikkansapitävyyden.', decidedOn: today(), version: r.version })

    const blocked = await print()
    expect(blocked.status).toBe(409)
    const problem = await blocked.json()
    expect(problem.type).toBe('https://huoma.fi/problems/processing-restricted')
    expect(problem.errors[0].code).toBe('restriction.active')
    // reading is not an output: the worker still sees the journal
    expect((await worker.get(`/api/persons/${personId}/journal/adult_social_work`)).status).toBe(200)
    // another register is not restricted
    expect((await worker.get(`/api/persons/${personId}/journal/income_support/print`)).status).toBe(200)
    const denied = await db().selectFrom('audit_log').select(['outcome', 'client_ids']).where('event', '=', 'journal:print').orderBy('id', 'desc').limit(2).execute()
    expect(denied.map((x) => x.outcome)).toContain('denied')

    const { restrictions } = await (await dpo.get(`/api/rights/restrictions?personId=${personId}`)).json()
    expect(restrictions).toHaveLength(1)
    expect(restrictions[0]).toMatchObject({ serviceTasks: ['adult_social_work'], requestNumber: r.number, liftedOn: null })
    const lifted = await dpo.post(`/api/rights/restrictions/${restrictions[0].id}/lift`, { liftedOn: today(), note: 'Kirjaus tarkistettu ja oikaistu.', version: restrictions[0].version })
    expect(lifted.status).toBe(200)
    expect((await lifted.json()).restrictions[0]).toMatchObject({ liftedOn: today(), liftedBy: 'Maria Lindqvist' })
    expect((await print()).status).toBe(200)
    const twice = await dpo.post(`/api/rights/restrictions/${restrictions[0].id}/lift`, { liftedOn: today(), note: 'Kirjaus tarkistettu ja oikaistu.', version: restrictions[0].version + 1 })
    expect(twice.status).toBe(409)
  })
})

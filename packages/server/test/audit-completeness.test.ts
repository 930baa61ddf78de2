import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Action, ActionDef } from '../src/access/actions'
import { ACTIONS, AUDIT_EVENTS } from '../src/catalogue'
import { databaseKinds } from './helpers/databases'
import { Client, startTestServer, type TestServer } from './helpers/server'
import { insertPayables, pain002 } from './helpers/payments'
import { insertDecision } from '../src/kernel/decisions/decisions'
import { createCommitment } from '../src/kernel/payables'
import { openDeadline } from '../src/kernel/deadlines'
import { INCOME_SUPPORT_DECISION } from '../src/modules/income-support/decision-type'

/**
 * Audit completeness: every registered route either declares (through its action) that it touches no client
 * data, or has a probe here that performs it and finds the expected audit rows. A new client-data route without
 * a probe fails this test.
 */
const kinds = await databaseKinds()

interface AuditRow {
  user_id: string | null
  client_ids: string[]
  action: string
  event: string
  outcome: string
  data_group: string
}

/** username null: a public action's row, written without a user */
type Probe = (t: TestServer) => Promise<{ username: string | null; clientIds: string[] }>

const userId = async (t: TestServer, username: string) =>
  (await t.server.database.db.selectFrom('staff_user').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id

/** A fresh registry client opened by the office secretary, with a relationship for `worker` in adult social work. */
async function clientOf(t: TestServer, worker: string): Promise<{ id: string; c: Client }> {
  const sec = new Client(t.url)
  await sec.login('toimistosihteeri')
  const res = await sec.post('/api/persons', { firstNames: 'Loki', lastName: 'Koetapaus', birthDate: '1970-05-05' })
  const { id } = await res.json()
  await sec.post(`/api/persons/${id}/relationships`, { serviceTask: 'adult_social_work', userId: await userId(t, worker), kind: 'team', startReason: 'other' })
  const c = new Client(t.url)
  await c.login(worker)
  return { id, c }
}

/** A police request to disclose a fresh client's data in adult social work, registered by the social worker. */
async function disclosureRequest(t: TestServer) {
  const { id, c } = await clientOf(t, 'sosiaalityontekija')
  const res = await c.post(`/api/persons/${id}/disclosures`, {
    serviceTask: 'adult_social_work', requesterKind: 'police', requesterName: 'Komisario', receivedOn: '2026-02-02', basis: 'client_act_18', purpose: 'Esitutkinta.', requested: 'Tapaamiset.',
  })
  expect(res.status).toBe(201)
  const request = (await res.json()).requests[0] as { id: string; version: number }
  return { id, c, request }
}

/** Kela's regular disclosure run by the main user for a day with a fresh income support decision of a client with a henkilötunnus. */
async function regularRun(t: TestServer, day: string) {
  const db = t.server.database.db
  const person = await db.selectFrom('person').select('id').where('hetu', 'is not', null).where('merged_into', 'is', null).orderBy('hetu').limit(1).executeTakeFirstOrThrow()
  const unitId = (await db.selectFrom('unit').select('id').where('code', '=', 'ETUU').executeTakeFirstOrThrow()).id
  const makerId = await userId(t, 'etuuskasittelija')
  await db.transaction().execute((trx) =>
    insertDecision({ trx, personId: person.id }, INCOME_SUPPORT_DECISION, { unitId, subjectId: null, correctsId: null, decidedOn: day, makerId, language: 'fi', outcome: 'granted', reasons: 'Täydentävä toimeentulotuki.', items: [{ code: 'medicine', outcome: 'granted' }] }),
  )
  const main = new Client(t.url)
  await main.login('paakayttaja')
  const defs = (await (await main.get('/api/admin/regular-disclosures/runs')).json()) as { definitions: { id: string; producer: string | null }[] }
  const kela = defs.definitions.find((d) => d.producer === 'kela_income_support_decisions')!.id
  const res = await main.post(`/api/admin/regular-disclosures/${kela}/runs`, { periodStart: day, periodEnd: day })
  expect(res.status).toBe(200)
  return { kela, main, run: ((await res.json()) as { run: { id: string } }).run }
}

const regularClients = async (t: TestServer, runId: string) =>
  (await t.server.database.db.selectFrom('disclosure_log').select('person_id').distinct().where('regular_run_id', '=', runId).execute()).map((r) => r.person_id)

/** A fresh client's request about their data, registered by the data protection officer (and decided when asked). */
async function rightsRequest(t: TestServer, kind: 'access' | 'restriction', decide?: 'granted' | 'refused') {
  const { id } = await clientOf(t, 'sosiaalityontekija')
  const dpo = new Client(t.url)
  await dpo.login('tietosuojavastaava')
  const res = await dpo.post('/api/rights/requests', {
    personId: id, kind, requesterKind: 'client', channel: 'in_person', identityCheck: 'identity_document', receivedOn: '2026-02-02', serviceTasks: ['adult_social_work'], details: 'Pyydän tietoni.', language: 'fi',
  })
  expect(res.status).toBe(201)
  let request = (await res.json()) as { id: string; version: number }
  if (decide) {
    const part = decide === 'granted' ? { serviceTask: 'adult_social_work', outcome: 'granted', explanation: 'Annetaan.' } : { serviceTask: 'adult_social_work', outcome: 'refused', ground: 'others_rights', explanation: 'Tiedot koskevat toista henkilöä.' }
    const decided = await dpo.post(`/api/rights/requests/${request.id}/decision`, { parts: [part], reasons: 'Pyyntö on ratkaistu lain mukaan.', decidedOn: '2026-02-20', version: request.version })
    expect(decided.status).toBe(200)
    request = await decided.json()
  }
  return { id, dpo, request }
}

/** A fresh client's consent to disclose to Kela from adult social work. */
async function consentOf(t: TestServer) {
  const { id, c } = await clientOf(t, 'sosiaalityontekija')
  const res = await c.post(`/api/persons/${id}/consents`, { kind: 'consent', recipient: 'Kela', purpose: 'Etuuden käsittely', serviceTasks: ['adult_social_work'], form: 'written', givenOn: '2026-02-02' })
  expect(res.status).toBe(201)
  const consent = (await res.json()).consents[0] as { id: string; version: number }
  return { id, c, consent }
}

/** A journal entry of a fresh client in adult social work, written (and signed) by the social worker. */
async function journalEntry(t: TestServer, sign: boolean) {
  const { id, c } = await clientOf(t, 'sosiaalityontekija')
  const base = `/api/persons/${id}/journal/adult_social_work`
  const d = await (await c.post(base, { type: 'meeting', eventDate: '2026-01-02', text: 'Tapaaminen.' })).json()
  if (sign) expect((await c.post(`${base}/entries/${d.entryId}/sign`, { version: d.versions[0].version })).status).toBe(200)
  return { id, c, base, entry: `${base}/entries/${d.entryId}`, versionId: d.versions[0].id as string }
}

/** A notification through the public e-form and a fresh child (a minor) identified in it by the social worker. */
async function notificationWithChild(t: TestServer): Promise<{ id: string; childId: string; c: Client }> {
  const anon = new Client(t.url)
  const made = await anon.post('/api/public/child-welfare/notifications', { kind: 'notification', reporterType: 'private_person', content: 'Huoli naapurin lapsesta.', children: [{ name: 'Loki Lapsi' }] })
  expect(made.status).toBe(201)
  const { receipt } = await made.json()
  const id = (await t.server.database.db.selectFrom('cw_notification').select('id').where('receipt', '=', receipt).executeTakeFirstOrThrow()).id
  const sec = new Client(t.url)
  await sec.login('toimistosihteeri')
  const childId = (await (await sec.post('/api/persons', { firstNames: 'Loki', lastName: 'Lapsi', birthDate: '2016-03-03' })).json()).id
  const c = new Client(t.url)
  await c.login('sosiaalityontekija')
  const added = await c.post(`/api/child-welfare/notifications/${id}/children`, { personId: childId, version: 1 })
  expect(added.status).toBe(200)
  return { id, childId, c }
}

/** A fresh child (a minor) in the social worker's child welfare relationship. */
async function childWelfareClient(t: TestServer): Promise<{ id: string; c: Client }> {
  const sec = new Client(t.url)
  await sec.login('toimistosihteeri')
  const id = (await (await sec.post('/api/persons', { firstNames: 'Loki', lastName: 'Sijoitus', birthDate: '2015-04-04' })).json()).id
  await t.server.database.db
    .insertInto('client_relationship')
    .values({ person_id: id, user_id: await userId(t, 'sosiaalityontekija'), service_task: 'child_welfare', kind: 'responsible', start_date: '2026-01-01' })
    .execute()
  const c = new Client(t.url)
  await c.login('sosiaalityontekija')
  return { id, c }
}

const URGENT = { decidedOn: '2026-02-02', placedOn: '2026-02-02', form: 'kinship_care', placeName: 'Isovanhempien koti', reasons: ['neglect'], decisionReasons: 'Lapsi on välittömässä vaarassa kotona.' }

let payDay = 0
/** A payable of a client of the benefit handler, due on its own day, taken as far as `upTo` by two finance users. */
async function paymentBatch(t: TestServer, upTo: 'open' | 'draft' | 'approved' | 'sent') {
  const db = t.server.database.db
  const day = `2040-02-${String(1 + payDay++).padStart(2, '0')}`
  const person = (
    await db
      .selectFrom('client_relationship as cr')
      .innerJoin('staff_user as u', 'u.id', 'cr.user_id')
      .select('cr.person_id')
      .where('u.username', '=', 'etuuskasittelija')
      .where('cr.service_task', '=', 'income_support')
      .where('cr.end_date', 'is', null)
      .executeTakeFirstOrThrow()
  ).person_id
  const unit = (await db.selectFrom('unit').select('id').where('code', '=', 'ETUU').executeTakeFirstOrThrow()).id
  await insertPayables(db, [{ personId: person, unitId: unit, amountCents: 4200, dueOn: day }])
  const f = new Client(t.url)
  await f.login('talous')
  const a = new Client(t.url)
  await a.login('maksuliikenne')
  let batch = { id: '', version: 0, msgId: null as string | null }
  if (upTo !== 'open') batch = await (await f.post('/api/payments/batches', { dueFrom: day, dueTo: day })).json()
  if (upTo === 'approved' || upTo === 'sent') batch = await (await a.post(`/api/payments/batches/${batch.id}/approve`, { version: batch.version })).json()
  if (upTo === 'sent') {
    expect((await f.get(`/api/payments/batches/${batch.id}/pain001`)).status).toBe(200)
    batch = await (await f.get(`/api/payments/batches/${batch.id}`)).json()
  }
  return { person, day, batch, f, a }
}

/** A payment commitment to the demo pharmacy for a client of income support, made by a kernel decision. */
async function commitment(t: TestServer) {
  const db = t.server.database.db
  const person = (await db.selectFrom('person').select('id').orderBy('hetu').offset(3).limit(1).executeTakeFirstOrThrow()).id
  const unitId = (await db.selectFrom('unit').select('id').where('code', '=', 'ETUU').executeTakeFirstOrThrow()).id
  const pharmacy = (await db.selectFrom('provider').select('id').where('business_id', '=', '2734561-5').executeTakeFirstOrThrow()).id
  const makerId = await userId(t, 'etuuskasittelija')
  // (the transaction holds PGlite's only connection: everything it needs is read before it)
  const made = await db.transaction().execute(async (trx) => {
    const d = await insertDecision({ trx, personId: person }, INCOME_SUPPORT_DECISION, {
      unitId,
      subjectId: null,
      correctsId: null,
      decidedOn: '2026-03-02',
      makerId,
      language: 'fi',
      outcome: 'granted',
      reasons: 'Lääkkeet maksusitoumuksella.',
      items: [{ code: 'medicine', outcome: 'granted' }],
    })
    return createCommitment(trx, { decisionId: d.id, personId: person, serviceTask: 'income_support', provider: { providerId: pharmacy, kind: 'pharmacy' }, purpose: 'Lääkkeet', validFrom: '2026-03-02', validUntil: '2026-03-31', maxCents: 5000 })
  })
  const f = new Client(t.url)
  await f.login('talous')
  return { person, f, ...made }
}

let appointmentDay = 0
/** An appointment of a fresh client with the social worker, each on its own day (so probes never overlap). */
async function appointment(t: TestServer) {
  const { id, c } = await clientOf(t, 'sosiaalityontekija')
  const day = `2031-01-${String(10 + appointmentDay++).padStart(2, '0')}`
  const body = { workerId: await userId(t, 'sosiaalityontekija'), serviceTask: 'adult_social_work', start: `${day}T09:00`, end: `${day}T10:00`, place: 'office' }
  const res = await c.post(`/api/persons/${id}/appointments`, body)
  expect(res.status).toBe(201)
  const a = await res.json()
  return { id, c, day, url: `/api/persons/${id}/appointments/${a.id}`, version: a.version as number }
}

/** Uploads a small PDF for a fresh client of the social worker in adult social work (multipart, so raw fetch). */
async function attachment(t: TestServer) {
  const { id, c } = await clientOf(t, 'sosiaalityontekija')
  const base = `/api/persons/${id}/attachments/adult_social_work`
  const form = new FormData()
  form.append('documentType', 'authority_statement')
  form.append('file', new Blob([new TextEncoder().encode('%PDF-1.4\n%%EOF\n')], { type: 'application/pdf' }), 'liite.pdf')
  const cookies = (c as unknown as { cookies: Map<string, string> }).cookies
  const res = await fetch(c.baseUrl + base, {
    method: 'POST',
    headers: { cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join('; '), 'x-csrf-token': c.csrf ?? '' },
    body: form,
  })
  expect(res.status).toBe(201)
  return { id, c, base, attachmentId: (await res.json()).id as string }
}

/** An income support application of a fresh single client, registered and taken by the benefit handler. */
async function incomeSupportApplication(t: TestServer) {
  const sec = new Client(t.url)
  await sec.login('toimistosihteeri')
  const id = (await (await sec.post('/api/persons', { firstNames: 'Loki', lastName: 'Hakija', birthDate: '1975-05-05' })).json()).id as string
  const etuu = (await t.server.database.db.selectFrom('unit').select('id').where('code', '=', 'ETUU').executeTakeFirstOrThrow()).id
  const c = new Client(t.url)
  await c.login('etuuskasittelija')
  const res = await c.post(`/api/persons/${id}/income-support/applications`, {
    unitId: etuu,
    channel: 'paper',
    receivedOn: '2026-03-02',
    urgent: false,
    periodStart: '2026-03-01',
    periodEnd: '2026-03-31',
    members: [{ personId: id, role: 'applicant' }],
    claims: {
      expenses: [{ type: 'rent', amountCents: 60000 }],
      incomes: [{ type: 'labour_market_subsidy', amountCents: 70000, memberId: id }],
      assets: [],
      supplementary: [{ type: 'furniture', amountCents: 10000 }],
      preventive: [],
    },
    takeIt: true,
  })
  expect(res.status).toBe(201)
  const a = await res.json()
  const base = `/api/persons/${id}/income-support/applications/${a.id}`
  const decision = {
    version: a.version,
    decidedOn: '2026-03-05',
    reasons: 'Kalusteet myönnetään kohtuullisen hinnan mukaan (TTTL 7 c §).',
    iban: 'FI2112345600000785',
    items: [{ kind: 'supplementary', index: 0, outcome: 'granted', grantedCents: 10000, reason: 'Välttämättömät kalusteet.' }],
  }
  return { id, c, a, base, decision }
}


/** A destruction list proposed by the data protection officer with a fresh client who died in 2000 on it. */
async function proposedList(t: TestServer) {
  const sec = new Client(t.url)
  await sec.login('toimistosihteeri')
  const { id } = await (await sec.post('/api/persons', { firstNames: 'Loki', lastName: 'Hävitys', birthDate: '1930-05-05' })).json()
  await t.server.database.db.updateTable('person').set({ death_date: '2000-01-01' }).where('id', '=', id).execute()
  const dpo = new Client(t.url)
  await dpo.login('tietosuojavastaava')
  const res = await dpo.post('/api/retention/destruction-lists')
  expect(res.status).toBe(201)
  const detail = (await res.json()) as { list: { id: string; version: number }; items: { id: string; personId: string }[] }
  expect(detail.items.map((i) => i.personId)).toContain(id)
  return { list: detail.list, detail, items: detail.items.map((i) => i.personId) }
}

/** A client in the permanent sample (born on the 18th) whose only matter closed long ago: ready for the archive. */
async function archiveReady(t: TestServer) {
  const { id } = await clientOf(t, 'sosiaalityontekija')
  await t.server.database.db.updateTable('person').set({ birth_date: '1950-03-18' }).where('id', '=', id).execute()
  await t.server.database.db
    .updateTable('client_relationship')
    .set({ start_date: '1999-01-01', end_date: '2001-06-30', end_reason: 'needs_met' })
    .where('person_id', '=', id)
    .execute()
  const c = new Client(t.url)
  await c.login('arkistonhoitaja')
  return { id, c }
}

const probes: Partial<Record<Action, Probe>> = {
  'attachments:upload': async (t) => {
    const { id } = await attachment(t)
    return { username: 'sosiaalityontekija', clientIds: [id] }
  },
  'attachments:read': async (t) => {
    const { id, c, base } = await attachment(t)
    expect((await c.get(base)).status).toBe(200)
    return { username: 'sosiaalityontekija', clientIds: [id] }
  },
  'attachments:download': async (t) => {
    const { id, c, base, attachmentId } = await attachment(t)
    expect((await c.get(`${base}/${attachmentId}/content`)).status).toBe(200)
    return { username: 'sosiaalityontekija', clientIds: [id] }
  },
  'relationships:self-opened': async (t) => {
    const { id, c } = await clientOf(t, 'sosiaalityontekija')
    const opened = await c.post(`/api/persons/${id}/relationships`, {
      serviceTask: 'substance_mental_health',
      userId: await userId(t, 'sosiaalityontekija'),
      kind: 'team',
      startReason: 'other',
      selfReason: 'Asiakas pyysi samaa työntekijää päihdetyöhön.',
    })
    expect(opened.status).toBe(201)
    const supervisor = new Client(t.url)
    await supervisor.login('esihenkilo')
    const res = await supervisor.get('/api/relationships/self-opened')
    expect(res.status).toBe(200)
    const shown: string[] = (await res.json()).relationships.map((r: { person: { id: string } }) => r.person.id)
    expect(shown).toContain(id)
    return { username: 'esihenkilo', clientIds: [...new Set(shown)] }
  },
  'disclosures:read': async (t) => {
    const { id, c } = await clientOf(t, 'sosiaalityontekija')
    expect((await c.get(`/api/persons/${id}/disclosures?serviceTask=adult_social_work`)).status).toBe(200)
    return { username: 'sosiaalityontekija', clientIds: [id] }
  },
  'disclosures:receive': async (t) => {
    const { id } = await disclosureRequest(t)
    return { username: 'sosiaalityontekija', clientIds: [id] }
  },
  'disclosures:decide': async (t) => {
    const { id, c, request } = await disclosureRequest(t)
    expect((await c.post(`/api/persons/${id}/disclosures/${request.id}/decision`, { serviceTask: 'adult_social_work', outcome: 'refuse', reasons: 'Pyynnölle ei ole laillista perustetta.', decidedOn: '2026-02-03', version: request.version })).status).toBe(200)
    return { username: 'sosiaalityontekija', clientIds: [id] }
  },
  'disclosures:disclose': async (t) => {
    const { id, c, request } = await disclosureRequest(t)
    const decided = await (await c.post(`/api/persons/${id}/disclosures/${request.id}/decision`, { serviceTask: 'adult_social_work', outcome: 'disclose', reasons: 'Poliisilla on oikeus saada tiedot.', decidedOn: '2026-02-03', version: request.version })).json()
    const res = await c.post(`/api/persons/${id}/disclosures/${request.id}/disclosed`, { serviceTask: 'adult_social_work', what: 'Tapaamisten päivät', method: 'secure_email', disclosedOn: '2026-02-04', version: decided.requests[0].version })
    expect(res.status).toBe(200)
    return { username: 'sosiaalityontekija', clientIds: [id] }
  },
  'disclosures:print': async (t) => {
    const { id, c, request } = await disclosureRequest(t)
    await c.post(`/api/persons/${id}/disclosures/${request.id}/decision`, { serviceTask: 'adult_social_work', outcome: 'refuse', reasons: 'Pyynnölle ei ole laillista perustetta.', decidedOn: '2026-02-03', version: request.version })
    expect((await c.get(`/api/persons/${id}/disclosures/${request.id}/decision/pdf?serviceTask=adult_social_work`)).status).toBe(200)
    return { username: 'sosiaalityontekija', clientIds: [id] }
  },
  'disclosures:ask': async (t) => {
    const { id, c } = await clientOf(t, 'sosiaalityontekija')
    const res = await c.post(`/api/persons/${id}/information-requests`, { serviceTask: 'adult_social_work', authority: 'Kela', basis: 'client_act_20', asked: 'Etuustiedot.', sentOn: '2026-02-02' })
    expect(res.status).toBe(201)
    return { username: 'sosiaalityontekija', clientIds: [id] }
  },
  'consents:read': async (t) => {
    const { id, c } = await clientOf(t, 'sosiaalityontekija')
    expect((await c.get(`/api/persons/${id}/consents`)).status).toBe(200)
    return { username: 'sosiaalityontekija', clientIds: [id] }
  },
  'consents:record': async (t) => {
    const { id } = await consentOf(t)
    return { username: 'sosiaalityontekija', clientIds: [id] }
  },
  'consents:revoke': async (t) => {
    const { id, c, consent } = await consentOf(t)
    expect((await c.post(`/api/persons/${id}/consents/${consent.id}/revoke`, { revokedOn: '2026-02-05', note: 'Asiakas peruutti.', version: consent.version })).status).toBe(200)
    return { username: 'sosiaalityontekija', clientIds: [id] }
  },
  'rights:read': async (t) => {
    const { id, dpo, request } = await rightsRequest(t, 'access')
    expect((await dpo.get(`/api/rights/requests/${request.id}`)).status).toBe(200)
    return { username: 'tietosuojavastaava', clientIds: [id] }
  },
  'rights:register': async (t) => {
    const { id } = await rightsRequest(t, 'access')
    return { username: 'tietosuojavastaava', clientIds: [id] }
  },
  'rights:handle': async (t) => {
    const { id, dpo, request } = await rightsRequest(t, 'access')
    expect((await dpo.post(`/api/rights/requests/${request.id}/withdrawal`, { withdrawnOn: '2026-02-03', version: request.version })).status).toBe(200)
    return { username: 'tietosuojavastaava', clientIds: [id] }
  },
  'rights:decide': async (t) => {
    const { id } = await rightsRequest(t, 'restriction', 'granted')
    return { username: 'tietosuojavastaava', clientIds: [id] }
  },
  'rights:print': async (t) => {
    const { id, dpo, request } = await rightsRequest(t, 'access', 'refused')
    expect((await dpo.get(`/api/rights/requests/${request.id}/refusal-certificate/pdf`)).status).toBe(200)
    return { username: 'tietosuojavastaava', clientIds: [id] }
  },
  'rights:copy': async (t) => {
    const { id, dpo, request } = await rightsRequest(t, 'access', 'granted')
    expect((await dpo.get(`/api/rights/requests/${request.id}/copy`)).status).toBe(200)
    return { username: 'tietosuojavastaava', clientIds: [id] }
  },
  'child-welfare:public-notify': async (t) => {
    const res = await new Client(t.url).post('/api/public/child-welfare/notifications', { kind: 'notification', reporterType: 'anonymous', content: 'Huoli lapsesta.', children: [{ name: 'Lapsi' }] })
    expect(res.status).toBe(201)
    return { username: null, clientIds: [] }
  },
  'child-welfare:register': async (t) => {
    const sec = new Client(t.url)
    await sec.login('toimistosihteeri')
    const laps = (await t.server.database.db.selectFrom('unit').select('id').where('code', '=', 'LAPS').executeTakeFirstOrThrow()).id
    const res = await sec.post('/api/child-welfare/notifications', { kind: 'notification', channel: 'letter', reporterType: 'relative', content: 'Kirje isovanhemmalta.', children: [{ name: 'Lapsi' }], receivedAt: '2026-01-05T10:00', unitId: laps })
    expect(res.status).toBe(201)
    return { username: 'toimistosihteeri', clientIds: [] }
  },
  'child-welfare:find-child': async (t) => {
    const { id, childId, c } = await notificationWithChild(t)
    const res = await c.post(`/api/child-welfare/notifications/${id}/child-search`, { name: 'Lapsi Loki' })
    expect(res.status).toBe(200)
    const shown: string[] = (await res.json()).persons.map((p: { id: string }) => p.id)
    expect(shown).toContain(childId)
    return { username: 'sosiaalityontekija', clientIds: shown }
  },
  'child-welfare:handle': async (t) => {
    const { childId } = await notificationWithChild(t)
    return { username: 'sosiaalityontekija', clientIds: [childId] }
  },
  'child-welfare:notifications': async (t) => {
    const { id, childId, c } = await notificationWithChild(t)
    expect((await c.get(`/api/child-welfare/notifications/${id}`)).status).toBe(200)
    return { username: 'sosiaalityontekija', clientIds: [childId] }
  },
  'child-welfare:read': async (t) => {
    const { id, c } = await childWelfareClient(t)
    expect((await c.get(`/api/persons/${id}/child-welfare`)).status).toBe(200)
    return { username: 'sosiaalityontekija', clientIds: [id] }
  },
  'child-welfare:decide': async (t) => {
    const { id, c } = await childWelfareClient(t)
    expect((await c.post(`/api/persons/${id}/child-welfare/urgent-placements`, URGENT)).status).toBe(201)
    return { username: 'sosiaalityontekija', clientIds: [id] }
  },
  'child-welfare:print': async (t) => {
    const { id } = await childWelfareClient(t)
    const sup = new Client(t.url)
    await sup.login('esihenkilo')
    const rec = await (await sup.post(`/api/persons/${id}/child-welfare/urgent-placements`, URGENT)).json()
    const c = new Client(t.url)
    await c.login('sosiaalityontekija')
    expect((await c.get(`/api/persons/${id}/child-welfare/decisions/${rec.decisions[0].id}/pdf`)).status).toBe(200)
    return { username: 'sosiaalityontekija', clientIds: [id] }
  },
  'child-welfare:ban': async (t) => {
    const { id, c } = await childWelfareClient(t)
    const res = await c.post(`/api/persons/${id}/child-welfare/disclosure-bans`, { scope: 'child_views', childStatement: 'Älkää kertoko vanhemmille.', maturityAssessment: 'Lapsi ymmärtää kiellon merkityksen.', recordedOn: '2026-02-02' })
    expect(res.status).toBe(201)
    return { username: 'sosiaalityontekija', clientIds: [id] }
  },
  'child-welfare:plan': async (t) => {
    const { id, c } = await childWelfareClient(t)
    const res = await c.post(`/api/persons/${id}/child-welfare/plans`, { kind: 'child', goals: 'Turvallinen arki ja koulunkäynti.', measures: 'Perhetyö kerran viikossa.', madeOn: '2026-02-02' })
    expect(res.status).toBe(201)
    return { username: 'sosiaalityontekija', clientIds: [id] }
  },
  'child-welfare:assess': async (t) => {
    const { id, childId, c } = await notificationWithChild(t)
    const url = `/api/child-welfare/notifications/${id}`
    const n = await (await c.post(`${url}/urgency`, { urgency: 'not_urgent', reason: 'Ei välitöntä vaaraa lapselle.', version: 2 })).json()
    const m = n.matters[0]
    expect((await c.post(`${url}/matters/${m.id}/start-decision`, { decision: 'start', decidedOn: m.pendingOn, reasons: 'Arviointi aloitetaan ilmoituksen perusteella.', version: m.version })).status).toBe(200)
    const res = await c.post(`/api/persons/${childId}/child-welfare/matters/${m.id}/assessment`, {
      childViews: 'Lapsi kertoi voivansa hyvin.',
      guardianViews: 'Huoltajat ovat samaa mieltä.',
      summary: 'Lastensuojelun tarvetta ei ole.',
      conclusion: 'not_client',
      completedOn: m.pendingOn,
      version: m.version + 1,
    })
    expect(res.status).toBe(200)
    // not a child welfare client: the relationship opened for the assessment ends that day
    const open = await t.server.database.db.selectFrom('client_relationship').select('id').where('person_id', '=', childId).where('service_task', '=', 'child_welfare').where('end_date', 'is', null).execute()
    expect(open).toEqual([])
    return { username: 'sosiaalityontekija', clientIds: [childId] }
  },
  'deadlines:list': async (t) => {
    const { id, c } = await clientOf(t, 'sosiaalityontekija')
    const db = t.server.database.db
    const unitId = (await db.selectFrom('unit').select('id').where('code', '=', 'AIKU').executeTakeFirstOrThrow()).id
    const responsible = await userId(t, 'sosiaalityontekija')
    await db.transaction().execute((trx) =>
      openDeadline(trx, { kind: 'test.probe', serviceTask: 'adult_social_work', unitId, personId: id, responsibleUserId: responsible, subjectId: crypto.randomUUID(), legalBasis: 'testilaki 1 §', startEvent: 'test', startedOn: '2030-01-01', dueOn: '2030-01-10', rule: 'test', urgent: false }, null),
    )
    const res = await c.get('/api/deadlines?scope=mine')
    expect(res.status).toBe(200)
    const shown: string[] = (await res.json()).items.flatMap((i: { person: { id: string } | null }) => (i.person ? [i.person.id] : []))
    expect(shown).toContain(id)
    return { username: 'sosiaalityontekija', clientIds: [...new Set(shown)] }
  },
  'appointments:read': async (t) => {
    const { id, c, day } = await appointment(t)
    expect((await c.get(`/api/appointments?from=${day}&to=${day}`)).status).toBe(200)
    return { username: 'sosiaalityontekija', clientIds: [id] }
  },
  'appointments:client': async (t) => {
    const { id, c } = await appointment(t)
    expect((await c.get(`/api/persons/${id}/appointments`)).status).toBe(200)
    return { username: 'sosiaalityontekija', clientIds: [id] }
  },
  'appointments:book': async (t) => {
    const { id } = await appointment(t)
    return { username: 'sosiaalityontekija', clientIds: [id] }
  },
  'appointments:change': async (t) => {
    const { id, c, day, url, version } = await appointment(t)
    expect((await c.post(`${url}/move`, { start: `${day}T11:00`, end: `${day}T12:00`, version })).status).toBe(200)
    return { username: 'sosiaalityontekija', clientIds: [id] }
  },
  'appointments:cancel': async (t) => {
    const { id, c, url, version } = await appointment(t)
    expect((await c.post(`${url}/cancel`, { reason: 'client_cancelled', version })).status).toBe(200)
    return { username: 'sosiaalityontekija', clientIds: [id] }
  },
  'audit:client-report': async (t) => {
    const p = await t.server.database.db.selectFrom('person').select('id').limit(1).executeTakeFirstOrThrow()
    const c = new Client(t.url)
    await c.login('tietosuojavastaava')
    expect((await c.post('/api/privacy/access-report', { personId: p.id, language: 'fi' })).status).toBe(200)
    return { username: 'tietosuojavastaava', clientIds: [p.id] }
  },
  'journal:read': async (t) => {
    const { id, c, entry } = await journalEntry(t, true)
    expect((await c.get(entry)).status).toBe(200)
    return { username: 'sosiaalityontekija', clientIds: [id] }
  },
  'journal:write': async (t) => {
    const { id } = await journalEntry(t, false)
    return { username: 'sosiaalityontekija', clientIds: [id] }
  },
  'journal:delete-draft': async (t) => {
    const { id, c, entry } = await journalEntry(t, false)
    expect((await c.request('DELETE', entry)).status).toBe(204)
    return { username: 'sosiaalityontekija', clientIds: [id] }
  },
  'journal:sign': async (t) => {
    const { id } = await journalEntry(t, true)
    return { username: 'sosiaalityontekija', clientIds: [id] }
  },
  'journal:correct': async (t) => {
    const { id, c, entry, versionId } = await journalEntry(t, true)
    const res = await c.post(`${entry}/corrections`, { type: 'meeting', eventDate: '2026-01-02', text: 'Tapaaminen puhelimitse.', basedOn: versionId, reason: 'Tapaamistapa kirjattiin väärin' })
    expect(res.status).toBe(201)
    return { username: 'sosiaalityontekija', clientIds: [id] }
  },
  'journal:print': async (t) => {
    const { id, c, base } = await journalEntry(t, true)
    expect((await c.get(`${base}/print?lang=fi`)).status).toBe(200)
    return { username: 'sosiaalityontekija', clientIds: [id] }
  },
  'persons:create': async (t) => {
    const c = new Client(t.url)
    await c.login('toimistosihteeri')
    const res = await c.post('/api/persons', { firstNames: 'Uusi', lastName: 'Asiakas', birthDate: '1990-01-01' })
    expect(res.status).toBe(201)
    return { username: 'toimistosihteeri', clientIds: [(await res.json()).id] }
  },
  'persons:update': async (t) => {
    const { id, c } = await clientOf(t, 'sosiaalityontekija')
    const card = await (await c.get(`/api/persons/${id}/card`)).json()
    expect((await c.request('PATCH', `/api/persons/${id}`, { version: card.person.version, phone: '+358 40 765 4321' })).status).toBe(200)
    return { username: 'sosiaalityontekija', clientIds: [id] }
  },
  'persons:card': async (t) => {
    const { id, c } = await clientOf(t, 'sosiaaliohjaaja')
    expect((await c.get(`/api/persons/${id}/card`)).status).toBe(200)
    return { username: 'sosiaaliohjaaja', clientIds: [id] }
  },
  'persons:protected-address': async (t) => {
    const { id, c } = await clientOf(t, 'sosiaalityontekija')
    expect((await c.get(`/api/persons/${id}/protected-address`)).status).toBe(200)
    return { username: 'sosiaalityontekija', clientIds: [id] }
  },
  'relationships:open': async (t) => {
    const { id } = await clientOf(t, 'sosiaaliohjaaja')
    return { username: 'toimistosihteeri', clientIds: [id] }
  },
  'relationships:end': async (t) => {
    const { id } = await clientOf(t, 'sosiaaliohjaaja')
    const sec = new Client(t.url)
    await sec.login('toimistosihteeri')
    const card = await (await sec.get(`/api/persons/${id}/card`)).json()
    expect((await sec.post(`/api/persons/${id}/relationships/${card.relationships[0].id}/end`, { endReason: 'needs_met' })).status).toBe(200)
    return { username: 'toimistosihteeri', clientIds: [id] }
  },
  'persons:merge': async (t) => {
    const sec = new Client(t.url)
    await sec.login('toimistosihteeri')
    const temp = (await (await sec.post('/api/persons', { firstNames: 'Loki', lastName: 'Yhdistys', birthDate: '1970-05-05' })).json()).id
    const real = await (await sec.post('/api/persons', { hetu: '050570-998H', firstNames: 'Loki', lastName: 'Oikea' })).json()
    expect(real.hetu).toBe('050570-998H')
    expect((await sec.post(`/api/persons/${temp}/merge`, { hetu: real.hetu, reason: 'Tunnistettu passista', version: 1 })).status).toBe(200)
    return { username: 'toimistosihteeri', clientIds: [temp, real.id] }
  },
  'persons:family': async (t) => {
    const { id } = await clientOf(t, 'sosiaalityontekija')
    const sec = new Client(t.url)
    await sec.login('toimistosihteeri')
    const other = (await (await sec.post('/api/persons', { firstNames: 'Loki', lastName: 'Puoliso', birthDate: '1971-05-05' })).json()).id
    expect((await sec.post(`/api/persons/${id}/family`, { relatedId: other, relation: 'spouse' })).status).toBe(201)
    return { username: 'toimistosihteeri', clientIds: [id, other] }
  },
  'persons:household': async (t) => {
    const { id, c } = await clientOf(t, 'sosiaalityontekija')
    const sec = new Client(t.url)
    await sec.login('toimistosihteeri')
    const other = (await (await sec.post('/api/persons', { firstNames: 'Loki', lastName: 'Jäsen', birthDate: '1972-05-05' })).json()).id
    // The worker starts the household (its row names only the client); the secretary's addition names both.
    expect((await c.post(`/api/persons/${id}/household`, { validFrom: '2025-01-01' })).status).toBe(201)
    expect((await sec.post(`/api/persons/${id}/household/members`, { personId: other, validFrom: '2025-01-01' })).status).toBe(201)
    return { username: 'toimistosihteeri', clientIds: [id, other] }
  },
  'persons:contacts': async (t) => {
    const { id, c } = await clientOf(t, 'sosiaalityontekija')
    expect((await c.get(`/api/persons/${id}/contacts`)).status).toBe(200)
    return { username: 'sosiaalityontekija', clientIds: [id] }
  },
  'persons:contact-add': async (t) => {
    const { id, c } = await clientOf(t, 'sosiaalityontekija')
    expect((await c.post(`/api/persons/${id}/contacts`, { kind: 'edunvalvoja', name: 'Loki Edunvalvoja', matters: 'Talous' })).status).toBe(201)
    return { username: 'sosiaalityontekija', clientIds: [id] }
  },
  'persons:contact-update': async (t) => {
    const { id, c } = await clientOf(t, 'sosiaalityontekija')
    const contact = await (await c.post(`/api/persons/${id}/contacts`, { kind: 'contact_person', name: 'Loki Yhteyshenkilö' })).json()
    expect((await c.post(`/api/persons/${id}/contacts/${contact.id}/end`, { version: contact.version })).status).toBe(200)
    return { username: 'sosiaalityontekija', clientIds: [id] }
  },
  'persons:life-situation': async (t) => {
    const { id, c } = await clientOf(t, 'sosiaalityontekija')
    expect((await c.get(`/api/persons/${id}/life-situation`)).status).toBe(200)
    return { username: 'sosiaalityontekija', clientIds: [id] }
  },
  'persons:life-situation-record': async (t) => {
    const { id, c } = await clientOf(t, 'sosiaalityontekija')
    expect((await c.post(`/api/persons/${id}/life-situation`, { basedOn: null, housingKind: 'rental', incomeSource: 'pension' })).status).toBe(201)
    return { username: 'sosiaalityontekija', clientIds: [id] }
  },
  'persons:vtj-refresh': async (t) => {
    const p = await t.server.database.db.selectFrom('person').select('id').where('hetu', 'is not', null).orderBy('hetu', 'desc').limit(1).executeTakeFirstOrThrow()
    const c = new Client(t.url)
    await c.login('toimistosihteeri')
    expect((await c.post(`/api/persons/${p.id}/vtj-refresh`, { purpose: 'Tietojen tarkistus' })).status).toBe(200)
    return { username: 'toimistosihteeri', clientIds: [p.id] }
  },
  'vtj:query': async (t) => {
    const p = await t.server.database.db.selectFrom('person').select(['id', 'hetu']).where('hetu', 'is not', null).limit(1).executeTakeFirstOrThrow()
    const c = new Client(t.url)
    await c.login('toimistosihteeri')
    expect((await c.post('/api/vtj/query', { hetu: p.hetu, purpose: 'Tietojen tarkistus' })).status).toBe(200)
    return { username: 'toimistosihteeri', clientIds: [p.id] }
  },
  'persons:search': async (t) => {
    const c = new Client(t.url)
    await c.login('toimistosihteeri')
    const res = await (await c.get('/api/persons?name=ko&limit=5')).json()
    expect(res.persons.length).toBeGreaterThan(0)
    return { username: 'toimistosihteeri', clientIds: res.persons.map((p: { id: string }) => p.id) }
  },
  'income-support:household': async (t) => {
    const { id } = await incomeSupportApplication(t)
    const sec = new Client(t.url)
    await sec.login('toimistosihteeri')
    expect((await sec.get(`/api/persons/${id}/income-support/household`)).status).toBe(200)
    return { username: 'toimistosihteeri', clientIds: [id] }
  },
  'income-support:calculate': async (t) => {
    const { id } = await incomeSupportApplication(t)
    const sec = new Client(t.url)
    await sec.login('toimistosihteeri')
    const res = await sec.post(`/api/persons/${id}/income-support/calculate`, {
      periodStart: '2026-03-01',
      periodEnd: '2026-03-31',
      members: [{ personId: id, role: 'applicant' }],
      claims: { expenses: [], incomes: [], assets: [], supplementary: [], preventive: [] },
      housingCapped: false,
    })
    expect(res.status).toBe(200)
    return { username: 'toimistosihteeri', clientIds: [id] }
  },
  'income-support:register': async (t) => {
    const { id } = await incomeSupportApplication(t)
    return { username: 'etuuskasittelija', clientIds: [id] }
  },
  'income-support:read': async (t) => {
    const { id, c, base } = await incomeSupportApplication(t)
    expect((await c.get(base)).status).toBe(200)
    return { username: 'etuuskasittelija', clientIds: [id] }
  },
  'income-support:payments': async (t) => {
    const { person } = await paymentBatch(t, 'open')
    const c = new Client(t.url)
    await c.login('etuuskasittelija')
    const res = await c.get(`/api/persons/${person}/income-support/payments`)
    expect(res.status).toBe(200)
    expect((await res.json()).payments.length).toBeGreaterThan(0)
    return { username: 'etuuskasittelija', clientIds: [person] }
  },
  'income-support:edit': async (t) => {
    const { id, c, a, base } = await incomeSupportApplication(t)
    const res = await c.request('PUT', base, { version: a.version, urgent: true, periodStart: a.periodStart, periodEnd: a.periodEnd, members: [{ personId: id, role: 'applicant' }], claims: a.claims, housingCapped: false })
    expect(res.status).toBe(200)
    return { username: 'etuuskasittelija', clientIds: [id] }
  },
  'payments:preview': async (t) => {
    const { person, day, f } = await paymentBatch(t, 'open')
    expect((await f.get(`/api/payments/preview?dueFrom=${day}&dueTo=${day}`)).status).toBe(200)
    return { username: 'talous', clientIds: [person] }
  },
  'payments:create': async (t) => {
    const { person, batch } = await paymentBatch(t, 'draft')
    expect(batch.id).toBeTruthy()
    return { username: 'talous', clientIds: [person] }
  },
  'payments:commitments': async (t) => {
    const { person, f, number } = await commitment(t)
    expect((await f.get(`/api/payments/commitments/${number}`)).status).toBe(200)
    return { username: 'talous', clientIds: [person] }
  },
  'payments:commitment-bill': async (t) => {
    const { person, f, id } = await commitment(t)
    const bill = { amountCents: 1200, servedOn: '2026-03-03', dueOn: '2040-03-01', reference: '1232' }
    expect((await f.post(`/api/payments/commitments/${id}/bills`, bill)).status).toBe(201)
    return { username: 'talous', clientIds: [person] }
  },
  'payments:batch-read': async (t) => {
    const { person, batch, a } = await paymentBatch(t, 'draft')
    expect((await a.get(`/api/payments/batches/${batch.id}`)).status).toBe(200)
    return { username: 'maksuliikenne', clientIds: [person] }
  },
  'payments:approve': async (t) => {
    const { person } = await paymentBatch(t, 'approved')
    return { username: 'maksuliikenne', clientIds: [person] }
  },
  'payments:cancel': async (t) => {
    const { person, batch, a } = await paymentBatch(t, 'draft')
    expect((await a.post(`/api/payments/batches/${batch.id}/cancel`, { version: batch.version })).status).toBe(200)
    return { username: 'maksuliikenne', clientIds: [person] }
  },
  'payments:file': async (t) => {
    const { person } = await paymentBatch(t, 'sent')
    return { username: 'talous', clientIds: [person] }
  },
  'payments:import': async (t) => {
    const { person, batch, f } = await paymentBatch(t, 'sent')
    const res = await f.post('/api/payments/imports/pain002', pain002({ msgId: batch.msgId!, groupStatus: 'RJCT', groups: [] }), { 'content-type': 'application/xml' })
    expect(res.status).toBe(200)
    return { username: 'talous', clientIds: [person] }
  },
  'payments:returned': async (t) => {
    const { batch, f } = await paymentBatch(t, 'sent')
    await f.post('/api/payments/imports/pain002', pain002({ msgId: batch.msgId!, groupStatus: 'RJCT', groups: [] }), { 'content-type': 'application/xml' })
    const h = new Client(t.url)
    await h.login('etuuskasittelija')
    const list = await (await h.get('/api/payments/returned')).json()
    expect(list.payments.length).toBeGreaterThan(0)
    // one id per payment shown (the list chokepoint names the client of every row)
    return { username: 'etuuskasittelija', clientIds: list.payments.map((p: { personId: string }) => p.personId) as string[] }
  },
  'payments:accounting': async (t) => {
    const { person, batch, f } = await paymentBatch(t, 'sent')
    expect((await f.get(`/api/payments/accounting?batchId=${batch.id}&format=csv`)).status).toBe(200)
    return { username: 'talous', clientIds: [person] }
  },
  'income-support:decide': async (t) => {
    const { id, c, base, decision } = await incomeSupportApplication(t)
    expect((await c.post(`${base}/decisions`, decision)).status).toBe(201)
    return { username: 'etuuskasittelija', clientIds: [id] }
  },
  'income-support:notify': async (t) => {
    const { id, c, base, decision } = await incomeSupportApplication(t)
    const d = await (await c.post(`${base}/decisions`, decision)).json()
    expect((await c.post(`/api/persons/${id}/income-support/decisions/${d.id}/notification`, { notifiedOn: '2026-03-06', method: 'in_person' })).status).toBe(200)
    return { username: 'etuuskasittelija', clientIds: [id] }
  },
  'income-support:print': async (t) => {
    const { id, c, base, decision } = await incomeSupportApplication(t)
    const d = await (await c.post(`${base}/decisions`, decision)).json()
    expect((await c.get(`/api/persons/${id}/income-support/decisions/${d.id}/pdf`)).status).toBe(200)
    return { username: 'etuuskasittelija', clientIds: [id] }
  },
  'income-support:assign': async (t) => {
    const c = new Client(t.url)
    await c.login('esihenkilo')
    const queue = await (await c.get('/api/income-support/worklist?scope=queue&limit=1')).json()
    const item = queue.items[0]
    const version = (await t.server.database.db.selectFrom('income_support_application').select('version').where('id', '=', item.id).executeTakeFirstOrThrow()).version
    expect((await c.post(`/api/income-support/applications/${item.id}/assign`, { version })).status).toBe(200)
    return { username: 'esihenkilo', clientIds: [item.personId] }
  },
  'income-support:worklist': async (t) => {
    const c = new Client(t.url)
    await c.login('etuuskasittelija')
    const w = await (await c.get('/api/income-support/worklist')).json()
    expect(w.items.length).toBeGreaterThan(0)
    return { username: 'etuuskasittelija', clientIds: [...new Set(w.items.map((i: { personId: string }) => i.personId))] as string[] }
  },
  'income-support:kela-import': async (t) => {
    const c = new Client(t.url)
    await c.login('etuuskasittelija')
    const r = await (await c.post('/api/income-support/kela/fetch')).json()
    // the demo already holds every forwarded application: the fetch imports none and names no client
    expect(r.imported).toBe(0)
    return { username: 'etuuskasittelija', clientIds: [] }
  },
  'client-accounts:open': async (t) => {
    const { id } = await clientAccount(t)
    return { username: 'sosiaalityontekija', clientIds: [id] }
  },
  'client-accounts:read': async (t) => {
    const { id, c, url } = await clientAccount(t)
    expect((await c.get(url)).status).toBe(200)
    return { username: 'sosiaalityontekija', clientIds: [id] }
  },
  'client-accounts:edit': async (t) => {
    const { id, c, url, account } = await clientAccount(t)
    expect((await c.request('PUT', url, { version: account.version, responsibleUserId: null, closedOn: null })).status).toBe(200)
    return { username: 'sosiaalityontekija', clientIds: [id] }
  },
  'client-accounts:record': async (t) => {
    const { id, c, url } = await clientAccount(t)
    expect((await c.post(`${url}/entries`, { kind: 'deposit', entryOn: accountToday(), amountCents: 1000, description: 'Eläke' })).status).toBe(201)
    return { username: 'sosiaalityontekija', clientIds: [id] }
  },
  'client-accounts:print': async (t) => {
    const { id, c, url } = await clientAccount(t)
    expect((await c.get(`${url}/statement?from=${accountToday()}&to=${accountToday()}`)).status).toBe(200)
    return { username: 'sosiaalityontekija', clientIds: [id] }
  },
  'client-accounts:reconcile': async (t) => {
    await clientAccount(t)
    const f = new Client(t.url)
    await f.login('talous')
    const month = accountToday().slice(0, 7)
    expect((await f.get(`/api/client-accounts/reconciliation?month=${month}`)).status).toBe(200)
    const rows = await t.server.database.db.selectFrom('client_account').select('person_id').distinct().execute()
    return { username: 'talous', clientIds: rows.map((r) => r.person_id) }
  },
  'persons:read': async (t) => {
    const db = t.server.database.db
    const person = await db.selectFrom('person').select('id').orderBy('hetu', 'desc').limit(1).executeTakeFirstOrThrow()
    await db
      .insertInto('client_relationship')
      .values({ person_id: person.id, user_id: await userId(t, 'sosiaaliohjaaja'), service_task: 'adult_social_work', kind: 'team', start_date: '2026-01-01' })
      .execute()
    const c = new Client(t.url)
    await c.login('sosiaaliohjaaja')
    expect((await c.get(`/api/persons/${person.id}`)).status).toBe(200)
    return { username: 'sosiaaliohjaaja', clientIds: [person.id] }
  },
  'notice:informed-record': async (t) => {
    const { id, c } = await clientOf(t, 'sosiaalityontekija')
    const res = await c.post(`/api/persons/${id}/processing-notices`, { serviceTask: 'adult_social_work', informedOn: t.server.app.clock.today(), method: 'letter' })
    expect(res.status).toBe(201)
    return { username: 'sosiaalityontekija', clientIds: [id] }
  },
  'notice:informed-read': async (t) => {
    const { id, c } = await clientOf(t, 'sosiaalityontekija')
    expect((await c.get(`/api/persons/${id}/processing-notices?serviceTask=adult_social_work`)).status).toBe(200)
    return { username: 'sosiaalityontekija', clientIds: [id] }
  },
  'desk:read': async (t) => {
    const { id, c } = await clientOf(t, 'sosiaalityontekija')
    const res = await c.get('/api/desk')
    expect(res.status).toBe(200)
    const shown: string[] = (await res.json()).clients.map((x: { id: string }) => x.id)
    expect(shown).toContain(id)
    return { username: 'sosiaalityontekija', clientIds: [...new Set(shown)] }
  },
  'retention:read': async (t) => {
    const { id, c } = await clientOf(t, 'sosiaalityontekija')
    expect((await c.get(`/api/persons/${id}/retention`)).status).toBe(200)
    return { username: 'sosiaalityontekija', clientIds: [id] }
  },
  'retention:hold': async (t) => {
    const { id, c } = await clientOf(t, 'sosiaalityontekija')
    expect((await c.post(`/api/persons/${id}/retention/holds`, { serviceTask: null, kind: 'appeal', reason: 'Valitus hallinto-oikeudessa' })).status).toBe(201)
    return { username: 'sosiaalityontekija', clientIds: [id] }
  },
  'destruction:propose': async (t) => {
    const { items } = await proposedList(t)
    return { username: 'tietosuojavastaava', clientIds: items }
  },
  'destruction:read': async (t) => {
    const { list, items } = await proposedList(t)
    const c = new Client(t.url)
    await c.login('arkistonhoitaja')
    expect((await c.get(`/api/retention/destruction-lists/${list.id}`)).status).toBe(200)
    return { username: 'arkistonhoitaja', clientIds: items }
  },
  'destruction:review': async (t) => {
    const { list, detail } = await proposedList(t)
    const c = new Client(t.url)
    await c.login('arkistonhoitaja')
    const item = detail.items[0]!
    expect((await c.post(`/api/retention/destruction-lists/${list.id}/items/${item.id}/remove`, { reason: 'Valitus vireillä', version: list.version })).status).toBe(200)
    return { username: 'arkistonhoitaja', clientIds: [item.personId] }
  },
  'destruction:approve': async (t) => {
    const { list, items } = await proposedList(t)
    const c = new Client(t.url)
    await c.login('arkistonhoitaja')
    expect((await c.post(`/api/retention/destruction-lists/${list.id}/approve`, { version: list.version })).status).toBe(200)
    return { username: 'arkistonhoitaja', clientIds: items }
  },
  'disclosures:regular-run': async (t) => {
    const { run } = await regularRun(t, '2025-01-10')
    return { username: 'paakayttaja', clientIds: await regularClients(t, run.id) }
  },
  'disclosures:regular-file': async (t) => {
    const { kela, run, main } = await regularRun(t, '2025-01-20')
    expect((await main.get(`/api/admin/regular-disclosures/${kela}/runs/${run.id}/file`)).status).toBe(200)
    return { username: 'paakayttaja', clientIds: await regularClients(t, run.id) }
  },
  'archive:candidates': async (t) => {
    const { id, c } = await archiveReady(t)
    const res = await c.get('/api/archive/candidates')
    expect(res.status).toBe(200)
    const shown = [...new Set(((await res.json()) as { candidates: { personId: string }[] }).candidates.map((x) => x.personId))]
    expect(shown).toContain(id)
    // the listing's audit row names every client it showed (the demo data has sampled clients with closed matters too)
    return { username: 'arkistonhoitaja', clientIds: shown }
  },
  'archive:package': async (t) => {
    const { id, c } = await archiveReady(t)
    expect((await c.post('/api/archive/packages', { personIds: [id] })).status).toBe(201)
    return { username: 'arkistonhoitaja', clientIds: [id] }
  },
  'archive:download': async (t) => {
    const { id, c } = await archiveReady(t)
    const res = await c.post('/api/archive/packages', { personIds: [id] })
    expect(res.status).toBe(201)
    expect((await c.get(`/api/archive/packages/${((await res.json()) as { id: string }).id}/zip`)).status).toBe(200)
    return { username: 'arkistonhoitaja', clientIds: [id] }
  },
  'destruction:execute': async (t) => {
    const { list, items } = await proposedList(t)
    const c = new Client(t.url)
    await c.login('arkistonhoitaja')
    expect((await c.post(`/api/retention/destruction-lists/${list.id}/approve`, { version: list.version })).status).toBe(200)
    expect((await c.post(`/api/retention/destruction-lists/${list.id}/execute`)).status).toBe(200)
    return { username: 'arkistonhoitaja', clientIds: items }
  },
}

const accountToday = () => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Helsinki' }).format(new Date())

/** An intermediary account of a fresh client of the social worker in adult social work. */
async function clientAccount(t: TestServer) {
  const { id, c } = await clientOf(t, 'sosiaalityontekija')
  const res = await c.post(`/api/persons/${id}/client-accounts/adult_social_work`, { kind: 'intermediary', openedOn: accountToday() })
  expect(res.status).toBe(201)
  const account = await res.json()
  return { id, c, account, url: `/api/persons/${id}/client-accounts/adult_social_work/${account.id}` }
}

describe.each(kinds)('audit completeness on %s', (kind) => {
  let t: TestServer
  beforeAll(async () => {
    t = await startTestServer(kind)
  })
  afterAll(() => t?.stop())

  it('every route touching client data has a probe', () => {
    const audited = [...new Set(t.server.app.routeCatalogue.map((r) => r.action))].filter((a) => (ACTIONS[a] as ActionDef).audit)
    expect(audited.filter((a) => !probes[a])).toEqual([])
  })

  for (const [action, probe] of Object.entries(probes) as [Action, Probe][]) {
    it(`${action} writes its audit row with the client ids it touched`, async () => {
      const def: ActionDef = ACTIONS[action]
      const before = await maxId()
      const { username, clientIds } = await probe(t)
      const rows = (await t.server.database.db.selectFrom('audit_log').selectAll().where('id', '>', before).where('event', '=', action).execute()) as AuditRow[]
      const uid = username === null ? null : await userId(t, username)
      const row = rows.find((r) => r.user_id === uid && r.outcome === 'success')
      expect(row, `no success audit row for ${action}`).toBeDefined()
      expect(row!.action).toBe(def.audit)
      expect(row!.data_group.split('/')[1]).toBe(def.dataGroup!.split('/')[1])
      expect([...row!.client_ids].sort()).toEqual([...clientIds].sort())
    })
  }

  // Runs after every probe (tests run in order): whatever the probes, the demo seed and the denials wrote, each row
  // names an event of the typed catalogue, kind and data group's record type as declared.
  it('every audit row names a catalogued event, with its declared kind', async () => {
    const rows = await t.server.database.db.selectFrom('audit_log').select(['event', 'action', 'data_group']).distinct().execute()
    expect(rows.length).toBeGreaterThan(10)
    const strays = rows.filter((r) => {
      const e = AUDIT_EVENTS.get(r.event)
      if (!e) return true
      // a refusal of an action is written as `security`; a service task replaces the register of the data group
      return r.action !== e.kind && r.action !== 'security' ? true : r.data_group.split('/')[1] !== e.dataGroup.split('/')[1] && r.action !== 'security'
    })
    expect(strays).toEqual([])
  })

  async function maxId(): Promise<number> {
    const r = await t.server.database.db.selectFrom('audit_log').select((eb) => eb.fn.max('id').as('m')).executeTakeFirst()
    return Number(r?.m ?? 0)
  }
})

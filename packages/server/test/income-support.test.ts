import { execFileSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { databaseKinds } from './helpers/databases'
import { Client, startTestServer, type TestServer } from './helpers/server'

const kinds = await databaseKinds()

interface FieldErr {
  field: string
  code: string
  message: string
}

const emptyClaims = () => ({ expenses: [], incomes: [], assets: [], supplementary: [], preventive: [] })
const pdfText = (buf: ArrayBuffer) => {
  const dir = mkdtempSync(path.join(tmpdir(), 'huoma-is-'))
  const file = path.join(dir, 'd.pdf')
  writeFileSync(file, Buffer.from(buf))
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' })
}

describe.each(kinds)('income support (toimeentulotuki) on %s', (kind) => {
  let t: TestServer
  let handler: Client // etuuskasittelija: benefit handler in ETUU (income support)
  let handlerSv: Client
  let secretary: Client // toimistosihteeri: registers paper applications
  let counsellor: Client // sosiaaliohjaaja: no income support rights (social counsellor role)
  let worker: Client // sosiaalityontekija: income support rights in AIKU, no relationship with the Kela clients
  let mainUser: Client
  let etuu: string
  let family: { personId: string; birthDate: string; role: 'applicant' | 'spouse' | 'child' }[]
  const db = () => t.server.database.db
  const maxAuditId = async () => Number((await db().selectFrom('audit_log').select((eb) => eb.fn.max('id').as('m')).executeTakeFirst())?.m ?? 0)
  const auditSince = (id: number) => db().selectFrom('audit_log').selectAll().where('id', '>', id).orderBy('id').execute()
  const put = (c: Client, p: string, body: unknown) => c.request('PUT', p, body)

  beforeAll(async () => {
    t = await startTestServer(kind)
    handler = new Client(t.url)
    await handler.login('etuuskasittelija')
    handlerSv = new Client(t.url, 'sv')
    await handlerSv.login('etuuskasittelija')
    secretary = new Client(t.url)
    await secretary.login('toimistosihteeri')
    counsellor = new Client(t.url)
    await counsellor.login('sosiaaliohjaaja')
    worker = new Client(t.url)
    await worker.login('sosiaalityontekija')
    mainUser = new Client(t.url)
    await mainUser.login('paakayttaja')
    etuu = (await db().selectFrom('unit').select('id').where('code', '=', 'ETUU').executeTakeFirstOrThrow()).id
    // a demo household with two adults and children, all with a henkilötunnus
    const { rows } = await sql<{ household_id: string }>`
      SELECT m.household_id FROM household_member m JOIN person p ON p.id = m.person_id
      WHERE m.valid_until IS NULL AND p.hetu IS NOT NULL
      GROUP BY m.household_id
      HAVING count(*) FILTER (WHERE p.birth_date <= '2000-01-01') = 2 AND count(*) FILTER (WHERE p.birth_date > '2010-01-01') >= 2
      ORDER BY m.household_id LIMIT 1`.execute(db())
    const members = await db()
      .selectFrom('household_member as m')
      .innerJoin('person as p', 'p.id', 'm.person_id')
      .select(['p.id', 'p.birth_date'])
      .where('m.household_id', '=', rows[0]!.household_id)
      .where('m.valid_until', 'is', null)
      .orderBy('p.birth_date')
      .execute()
    family = members.map((m, i) => ({ personId: m.id, birthDate: m.birth_date!, role: i === 0 ? 'applicant' : m.birth_date! <= '2000-01-01' ? 'spouse' : 'child' }))
  })
  afterAll(() => t?.stop())

  const memberInput = () => family.map(({ personId, role }) => ({ personId, role }))
  const applicant = () => family[0]!.personId

  const paperApplication = (over: Record<string, unknown> = {}) => ({
    unitId: etuu,
    channel: 'paper',
    receivedOn: '2026-03-03',
    urgent: false,
    periodStart: '2026-03-01',
    periodEnd: '2026-03-31',
    members: memberInput(),
    claims: {
      ...emptyClaims(),
      expenses: [
        { type: 'rent', amountCents: 95000 },
        { type: 'water', amountCents: 8000 },
      ],
      incomes: [
        { type: 'labour_market_subsidy', amountCents: 70000, memberId: family[0]!.personId },
        { type: 'housing_allowance', amountCents: 50000, memberId: family[0]!.personId },
        { type: 'child_benefit', amountCents: 22400, memberId: family[0]!.personId },
      ],
      supplementary: [
        { type: 'children_hobbies', amountCents: 12000 },
        { type: 'furniture', amountCents: 30000 },
      ],
      preventive: [{ purpose: 'Velkaneuvonnan matkakulut', amountCents: 4000 }],
    },
    ...over,
  })

  it('starts with Kela\'s published parameter sets, and only the main user changes them, with history and no overlaps', async () => {
    const res = await handler.get('/api/income-support/parameters')
    expect(res.status).toBe(200)
    const { sets } = await res.json()
    expect(sets.map((s: { validFrom: string }) => s.validFrom)).toEqual(['2024-01-01', '2025-01-01', '2026-01-01', '2026-03-01'])
    const march = sets[3]
    expect(march.perusosa.single).toBe(57843)
    expect(march.perusosa.single_parent).toBe(66519)

    const { id, version, updatedAt: _u, updatedBy: _b, ...values } = march
    expect((await put(handler, `/api/income-support/parameters/${id}`, { ...values, version })).status).toBe(403)
    // a set overlapping another is refused
    const overlap = await mainUser.post('/api/income-support/parameters', { ...values, validFrom: '2026-06-01', validUntil: null })
    expect(overlap.status).toBe(409)
    // end the March set and add one from 2027: both kept in the history
    const ended = await put(mainUser, `/api/income-support/parameters/${id}`, { ...values, validUntil: '2026-12-31', version })
    expect(ended.status).toBe(200)
    expect((await ended.json()).version).toBe(version + 1)
    const stale = await put(mainUser, `/api/income-support/parameters/${id}`, { ...values, validUntil: '2026-12-31', version })
    expect(stale.status).toBe(409)
    const next = await mainUser.post('/api/income-support/parameters', { ...values, validFrom: '2027-01-01', validUntil: null, perusosa: { ...values.perusosa, single: 58000 } })
    expect(next.status).toBe(201)
    const history = await (await mainUser.get(`/api/income-support/parameters/${id}/history`)).json()
    expect(history.history.map((h: { change: string }) => h.change)).toEqual(['update', 'create'])
    expect(history.history[0].changedBy).toBeTruthy()
    // a negative amount is refused at the edge with the field named
    const bad = await mainUser.post('/api/income-support/parameters', { ...values, validFrom: '2028-01-01', perusosa: { ...values.perusosa, single: -1 } })
    expect(bad.status).toBe(400)
    expect((await bad.json()).errors.some((e: FieldErr) => e.field.includes('perusosa'))).toBe(true)
  })

  it('the demo queue holds Kela-forwarded applications by deadline; the Kela fetch is idempotent', async () => {
    const res = await handler.get('/api/income-support/worklist?scope=queue')
    expect(res.status).toBe(200)
    const w = await res.json()
    expect(w.items.length).toBeGreaterThan(0)
    const dues = w.items.map((i: { dueOn: string }) => i.dueOn)
    expect([...dues].sort()).toEqual(dues)
    expect(w.items.every((i: { channel: string; handler: unknown }) => i.channel === 'kela' && i.handler === null)).toBe(true)
    expect(w.overdueCount).toBeGreaterThan(0)
    expect(w.items.find((i: { overdue: boolean }) => i.overdue).workingDaysLeft).toBeLessThan(0)
    const mine = await (await handler.get('/api/income-support/worklist?scope=mine')).json()
    expect(mine.items.length).toBe(2)

    const before = await db().selectFrom('income_support_application').select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow()
    const fetch = await handler.post('/api/income-support/kela/fetch')
    expect(fetch.status).toBe(200)
    const r = await fetch.json()
    expect(r.imported).toBe(0)
    expect(r.alreadyImported).toBeGreaterThan(0)
    const after = await db().selectFrom('income_support_application').select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow()
    expect(after.n).toBe(before.n)
    // a worker outside income support has no worklist at all
    expect((await counsellor.get('/api/income-support/worklist')).status).toBe(403)
  })

  it('taking an application from the queue opens the relationship; without one the client answers 404', async () => {
    const queue = await (await handler.get('/api/income-support/worklist?scope=queue')).json()
    const item = queue.items[0]
    const path = `/api/persons/${item.personId}/income-support/applications/${item.id}`
    const hasRelationship = await db()
      .selectFrom('client_relationship as cr')
      .innerJoin('staff_user as u', 'u.id', 'cr.user_id')
      .select('cr.id')
      .where('u.username', '=', 'etuuskasittelija')
      .where('cr.person_id', '=', item.personId)
      .where('cr.service_task', '=', 'income_support')
      .executeTakeFirst()
    if (!hasRelationship) expect((await handler.get(path)).status).toBe(404)
    const take = await handler.post(`/api/income-support/applications/${item.id}/assign`, { version: item.version })
    expect(take.status).toBe(200)
    const app = await handler.get(path)
    expect(app.status).toBe(200)
    const a = await app.json()
    expect(a).toMatchObject({ state: 'in_preparation', channel: 'kela', handler: { name: 'Leena Kivelä' } })
    expect(a.kelaBasic.lines.length).toBeGreaterThan(2)
    expect(a.calculation.ok).toBe(true)
    // Huoma reproduces Kela's basic calculation exactly
    expect(a.calculation.calculation.basic.resultCents).toBe(a.kelaBasic.basicCents)
    // a worker with income support rights but no relationship with this client: not found, like a missing one
    expect((await worker.get(path)).status).toBe(404)
    // a role without income support at all is refused outright
    expect((await counsellor.get(path)).status).toBe(403)
  })

  it('a second handler taking an application of a client who has a responsible worker gets an assigned task', async () => {
    const id = (await (await secretary.post('/api/persons', { firstNames: 'Toinen', lastName: 'Käsittelijä', birthDate: '1979-01-01' })).json()).id as string
    const app = (over: Record<string, unknown>) => paperApplication({ members: [{ personId: id, role: 'applicant' }], claims: emptyClaims(), ...over })
    expect((await handler.post(`/api/persons/${id}/income-support/applications`, app({ takeIt: true }))).status).toBe(201)
    const queued = await (await secretary.post(`/api/persons/${id}/income-support/applications`, app({ receivedOn: '2026-03-04' }))).json()
    const supervisor = new Client(t.url)
    await supervisor.login('esihenkilo')
    expect((await supervisor.post(`/api/income-support/applications/${queued.id}/assign`, { version: queued.version })).status).toBe(200)
    const kinds = await db()
      .selectFrom('client_relationship as cr')
      .innerJoin('staff_user as u', 'u.id', 'cr.user_id')
      .select(['u.username', 'cr.kind'])
      .where('cr.person_id', '=', id)
      .where('cr.service_task', '=', 'income_support')
      .orderBy('u.username')
      .execute()
    expect(kinds).toEqual([
      { username: 'esihenkilo', kind: 'task' },
      { username: 'etuuskasittelija', kind: 'responsible' },
    ])
  })

  it('registers a paper application for a family; bad input is refused field by field and nothing is saved', async () => {
    const count = async () => (await db().selectFrom('income_support_application').select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow()).n
    const before = await count()
    const base = `/api/persons/${applicant()}/income-support/applications`
    // a household member not in the registry
    const ghost = await secretary.post(base, paperApplication({ members: [...memberInput(), { personId: '00000000-0000-4000-8000-000000000001', role: 'child' }] }))
    expect(ghost.status).toBe(400)
    expect((await ghost.json()).errors).toEqual([expect.objectContaining({ field: `members[${family.length}].personId`, code: 'is.member.not_found' })])
    // a negative amount and a non-numeric one
    const neg = paperApplication()
    ;(neg.claims as { expenses: { amountCents: unknown }[] }).expenses[0]!.amountCents = -5
    expect((await secretary.post(base, neg)).status).toBe(400)
    const text = paperApplication()
    ;(text.claims as { expenses: { amountCents: unknown }[] }).expenses[0]!.amountCents = '950'
    expect((await secretary.post(base, text)).status).toBe(400)
    // a month outside every parameter period
    const old = await secretary.post(base, paperApplication({ periodStart: '2023-05-01', periodEnd: '2023-05-31', receivedOn: '2023-05-02' }))
    expect(old.status).toBe(400)
    expect((await old.json()).errors[0]).toMatchObject({ field: 'periodStart', code: 'is.calc.no_parameters' })
    // in Swedish too
    const svSecretary = new Client(t.url, 'sv')
    await svSecretary.login('toimistosihteeri')
    const oldSv = await (await svSecretary.post(base, paperApplication({ periodStart: '2023-05-01', periodEnd: '2023-05-31', receivedOn: '2023-05-02' }))).json()
    expect(oldSv.errors[0].message).toContain('parametrar')
    // a period over two months
    const two = await secretary.post(base, paperApplication({ periodEnd: '2026-04-15' }))
    expect((await two.json()).errors[0]).toMatchObject({ field: 'periodEnd', code: 'is.calc.period_invalid' })
    expect(await count()).toBe(before)

    const before2 = await maxAuditId()
    const ok = await secretary.post(base, paperApplication())
    expect(ok.status).toBe(201)
    const a = await ok.json()
    expect(a).toMatchObject({ state: 'received', handler: null, dueOn: '2026-03-12', deadlineRule: 'seventh_working_day' })
    expect(a.members).toHaveLength(family.length)
    const audit = await auditSince(before2)
    expect(audit).toEqual([expect.objectContaining({ event: 'income-support:register', action: 'insert', outcome: 'success' })])
    expect([...audit[0]!.client_ids].sort()).toEqual(family.map((f) => f.personId).sort())
    expect(await count()).toBe(before + 1)
  })

  it('proposes the registry household as the members: the client as applicant, the family by relations and ages', async () => {
    // today: the family fixture is the household as it is now (a member may have joined after any fixed date)
    const res = await secretary.get(`/api/persons/${applicant()}/income-support/household`)
    expect(res.status).toBe(200)
    const h = await res.json()
    expect(h.members[0]).toMatchObject({ personId: applicant(), role: 'applicant' })
    expect(h.members.map((m: { personId: string }) => m.personId).sort()).toEqual(family.map((f) => f.personId).sort())
    // a minor proposed as a child is under 18 on the day
    const adultOn = `${Number(h.on.slice(0, 4)) - 18}${h.on.slice(4)}`
    for (const m of h.members.filter((x: { role: string }) => x.role === 'child')) expect(m.birthDate > adultOn).toBe(true)
    // the registration form's live calculation: nothing saved, the household's birth dates from the registry
    const calc = await secretary.post(`/api/persons/${applicant()}/income-support/calculate`, {
      periodStart: '2026-03-01',
      periodEnd: '2026-03-31',
      members: memberInput(),
      claims: paperApplication().claims,
      housingCapped: false,
    })
    expect(calc.status).toBe(200)
    expect((await calc.json()).ok).toBe(true)
    const units = await (await secretary.get('/api/units')).json()
    expect(units.units.map((u: { code: string }) => u.code)).toContain('ETUU')
    expect(units.units.find((u: { code: string }) => u.code === 'HALL').mine).toBe(true)
    // a worker without any basis for the client gets not found
    expect((await worker.get(`/api/persons/${applicant()}/income-support/household`)).status).toBe(404)
  })

  it('reduces a member\'s perusosa by a ground whose percentage comes from the period\'s parameters', async () => {
    const sets = (await (await handler.get('/api/income-support/parameters')).json()).sets
    expect(sets.find((x: { validFrom: string }) => x.validFrom === '2025-01-01').reductions.grounds).toEqual({ refused_work: 20, repeated_refusal: 40 })
    const base = `/api/persons/${applicant()}/income-support/applications`
    const members = memberInput().map((m, i) => (i === 0 ? { ...m, reductionGround: 'unemployment_sanction', sanctionMonth: 2 } : m))
    const res = await handler.post(base, paperApplication({ members, takeIt: true }))
    expect(res.status).toBe(201)
    const a = await res.json()
    expect(a.members[0]).toMatchObject({ reductionGround: 'unemployment_sanction', sanctionMonth: 2 })
    const reduction = a.calculation.calculation.lines.find((l: { code: string }) => l.code === 'perusosa_reduction')
    expect(reduction).toMatchObject({ memberId: applicant(), rule: 'TTTL 10 §', detail: { percent: 40 } })
    // a ground that is not one of the month's (refusing work ended with the 2026 reform)
    const old = await handler.post(base, paperApplication({ members: memberInput().map((m, i) => (i === 0 ? { ...m, reductionGround: 'refused_work' } : m)) }))
    expect(old.status).toBe(400)
    expect((await old.json()).errors[0].code).toBe('is.calc.reduction_invalid')
  })

  it('deadlines follow TTTL 14 a § across Christmas and Easter, urgent ones the next working day', async () => {
    const base = `/api/persons/${applicant()}/income-support/applications`
    const christmas = await (await handler.post(base, paperApplication({ receivedOn: '2025-12-19', periodStart: '2025-12-01', periodEnd: '2025-12-31', takeIt: true }))).json()
    expect(christmas.dueOn).toBe('2026-01-02')
    const easter = await (await handler.post(base, paperApplication({ receivedOn: '2026-04-01', periodStart: '2026-04-01', periodEnd: '2026-04-30', takeIt: true }))).json()
    expect(easter.dueOn).toBe('2026-04-14')
    const urgent = await (await handler.post(base, paperApplication({ receivedOn: '2026-05-01', urgent: true, periodStart: '2026-05-01', periodEnd: '2026-05-31', takeIt: true }))).json()
    expect(urgent).toMatchObject({ dueOn: '2026-05-04', deadlineRule: 'urgent' })
    // the overdue ones are at the top of the handler's worklist and marked
    const mine = await (await handler.get('/api/income-support/worklist?scope=mine')).json()
    const ids = mine.items.map((i: { id: string }) => i.id)
    expect(ids.indexOf(christmas.id)).toBeLessThan(ids.indexOf(easter.id))
    expect(mine.items.find((i: { id: string }) => i.id === christmas.id).overdue).toBe(true)

    // a request for completion moves the deadline to the 7th working day after the answer
    const req = await handler.post(`${base}/${easter.id}/completion`, { requestedOn: '2026-04-07', dueOn: '2026-04-21', request: 'Tiliotteet kahdelta kuukaudelta', version: easter.version })
    expect(req.status).toBe(200)
    const waiting = await req.json()
    expect(waiting.completion).toMatchObject({ requestedOn: '2026-04-07', dueOn: '2026-04-21', answeredOn: null })
    expect(waiting.dueOn).toBe('2026-04-30') // 7 working days after the completion due date (1.5. is a holiday → after it)
    const answered = await (await handler.post(`${base}/${easter.id}/completion/answer`, { answeredOn: '2026-04-14', version: waiting.version })).json()
    expect(answered.dueOn).toBe('2026-04-23')
    expect(answered.deadlineRule).toBe('after_completion')
  })

  it('prepares, previews and decides a family application; the decision is frozen, pays once, and prints in Swedish', async () => {
    const base = `/api/persons/${applicant()}/income-support/applications`
    let a = await (await handler.post(base, paperApplication({ receivedOn: '2026-03-03', takeIt: true }))).json()
    expect(a.calculation.ok).toBe(true)
    const calc = a.calculation.calculation
    expect(calc.supplementaryCents).toBeGreaterThan(0)

    // a what-if calculation of an unsaved change: more income lowers the result, nothing saved
    const whatIf = await handler.post(`${base}/${a.id}/calculate`, {
      periodStart: a.periodStart,
      periodEnd: a.periodEnd,
      members: memberInput(),
      claims: { ...a.claims, incomes: [...a.claims.incomes, { type: 'net_wage', amountCents: 100000, memberId: family[1]!.personId }] },
      housingCapped: false,
    })
    const wi = await whatIf.json()
    expect(wi.ok).toBe(true)
    expect(wi.calculation.withSupplementary.resultCents).toBeLessThan(calc.withSupplementary.resultCents)

    // the handler accepts less for furniture: saved with the version, recalculated
    const claims = { ...a.claims, supplementary: [a.claims.supplementary[0], { ...a.claims.supplementary[1], acceptedCents: 20000 }] }
    const saved = await put(handler, `${base}/${a.id}`, { version: a.version, urgent: false, periodStart: a.periodStart, periodEnd: a.periodEnd, members: memberInput(), claims, housingCapped: false })
    expect(saved.status).toBe(200)
    a = await saved.json()
    expect((await put(handler, `${base}/${a.id}`, { version: a.version - 1, urgent: false, periodStart: a.periodStart, periodEnd: a.periodEnd, members: memberInput(), claims, housingCapped: false })).status).toBe(409)

    const hobbies = a.claims.supplementary[0].amountCents
    const decision = {
      version: a.version,
      decidedOn: '2026-03-10',
      language: 'sv',
      reasons: 'Utgifterna för barnens hobbyer godkänns; möblerna delvis enligt skälig kostnad (TTTL 7 c §).',
      iban: 'FI2112345600000785',
      items: [
        { kind: 'supplementary', index: 0, outcome: 'granted', grantedCents: hobbies, reason: 'Nödvändiga utgifter för barnens hobbyer.' },
        { kind: 'supplementary', index: 1, outcome: 'partly_granted', grantedCents: 15000, reason: 'Godkänns till skälig kostnad.' },
        {
          kind: 'preventive',
          index: 0,
          outcome: 'granted',
          grantedCents: 4000,
          reason: 'Främjar självständig ekonomi.',
          commitment: { providerKind: 'other', providerName: 'Demolan Liikenne Oy', validFrom: '2026-03-10', validUntil: '2026-04-30' },
        },
      ],
    }
    // bad input: no reasons, an item left undecided, an outcome that does not match its amount
    const noReasons = await handler.post(`${base}/${a.id}/decisions`, { ...decision, reasons: ' ' })
    expect((await noReasons.json()).errors.map((e: FieldErr) => e.field)).toContain('reasons')
    const missing = await handler.post(`${base}/${a.id}/decisions`, { ...decision, items: decision.items.slice(0, 2) })
    expect((await missing.json()).errors).toEqual([expect.objectContaining({ field: 'items', code: 'is.decision.item_missing' })])
    const mismatch = await handler.post(`${base}/${a.id}/decisions`, { ...decision, items: [{ ...decision.items[0], grantedCents: 1 }, ...decision.items.slice(1)] })
    expect((await mismatch.json()).errors[0]).toMatchObject({ field: 'items[0].grantedCents', code: 'is.decision.granted_mismatch' })
    const badIban = await handler.post(`${base}/${a.id}/decisions`, { ...decision, iban: 'FI2112345600000786' })
    expect((await badIban.json()).errors[0]).toMatchObject({ field: 'iban', code: 'is.decision.iban_invalid' })
    expect(await db().selectFrom('income_support_decision').select('id').where('application_id', '=', a.id).execute()).toHaveLength(0)

    // the preview is a PDF marked as such, audited as a print; nothing saved
    const preview = await handler.post(`${base}/${a.id}/decision-preview`, decision)
    expect(preview.status).toBe(200)
    expect(preview.headers.get('content-type')).toContain('application/pdf')
    expect(await db().selectFrom('income_support_decision').select('id').where('application_id', '=', a.id).execute()).toHaveLength(0)

    const before = await maxAuditId()
    const made = await handlerSv.post(`${base}/${a.id}/decisions`, decision)
    expect(made.status).toBe(201)
    const d = await made.json()
    expect(d).toMatchObject({ outcome: 'partly_granted', grantedCents: hobbies + 15000 + 4000, language: 'sv', correctsId: null })
    expect(d.commitments).toEqual([expect.objectContaining({ providerName: 'Demolan Liikenne Oy', maxCents: 4000 })])
    expect(d.items[2].commitmentId).toBe(d.commitments[0].id)
    // money to the client = the supplementary items; the preventive one goes by the commitment
    expect(d.payables).toEqual([expect.objectContaining({ payeeKind: 'client', iban: 'FI2112345600000785', amountCents: hobbies + 15000, state: 'open' })])
    // the client's bank statement says what the payment is, in the decision's language
    expect(d.payables[0]).toMatchObject({ reference: null, message: expect.stringMatching(new RegExp(`^Utkomststöd \\d+\\.\\d+\\.-\\d+\\.\\d+\\.\\d{4}, beslut ${d.number}\\. \\S`)) })
    expect((await auditSince(before)).map((r) => [r.event, r.action, r.data_group])).toEqual([['income-support:decide', 'insert', 'income_support/decision']])
    const state = await (await handler.get(`${base}/${a.id}`)).json()
    expect(state.state).toBe('decided')
    expect(state.decisions).toHaveLength(1)

    // a decision is never edited: the database refuses it too
    await expect(sql`UPDATE income_support_decision SET reasons = 'x' WHERE id = ${d.id}`.execute(db())).rejects.toThrow(/never edited/)
    // a second decision without correcting the first is refused
    const again = await handler.post(`${base}/${a.id}/decisions`, { ...decision, version: state.version })
    expect((await again.json()).errors[0]).toMatchObject({ field: 'correctsId', code: 'is.decision.not_open' })

    // the PDF in Swedish: the amounts and the appeal instructions, audited as a print
    const beforePrint = await maxAuditId()
    const pdf = await handler.get(`/api/persons/${applicant()}/income-support/decisions/${d.id}/pdf`)
    expect(pdf.status).toBe(200)
    const text = pdfText(await pdf.arrayBuffer())
    expect(text).toContain('Beslut om utkomststöd')
    expect(text).toMatch(/omprövning/i)
    expect(text).toContain('150,00')
    expect((await auditSince(beforePrint)).map((r) => [r.event, r.action])).toEqual([['income-support:print', 'print']])
    const commitmentPdf = await handler.get(`/api/persons/${applicant()}/income-support/commitments/${d.commitments[0].id}/pdf`)
    expect(commitmentPdf.status).toBe(200)
    expect(pdfText(await commitmentPdf.arrayBuffer())).toContain('Demolan Liikenne Oy')

    // notification: recorded once; the appeal period runs 30 days from it
    const n = await handler.post(`/api/persons/${applicant()}/income-support/decisions/${d.id}/notification`, { notifiedOn: '2026-03-17', method: 'post' })
    expect(n.status).toBe(200)
    expect((await n.json()).appealDeadline).toBe('2026-04-16')
    expect((await handler.post(`/api/persons/${applicant()}/income-support/decisions/${d.id}/notification`, { notifiedOn: '2026-03-18', method: 'post' })).status).toBe(400)
    expect((await (await handler.get(`${base}/${a.id}`)).json()).state).toBe('notified')

    // a correcting decision refers to the first, cancels its unpaid payable and pays the new amount once
    const latest = await (await handler.get(`${base}/${a.id}`)).json()
    const corrected = await handler.post(`${base}/${a.id}/decisions`, {
      ...decision,
      version: latest.version,
      correctsId: d.id,
      decidedOn: '2026-03-18',
      items: [decision.items[0], { ...decision.items[1], outcome: 'granted', grantedCents: 20000 }, decision.items[2]],
    })
    expect(corrected.status).toBe(201)
    const d2 = await corrected.json()
    expect(d2.correctsId).toBe(d.id)
    expect(d2.payables).toEqual([expect.objectContaining({ amountCents: hobbies + 20000, state: 'open' })])
    const old = await (await handler.get(`/api/persons/${applicant()}/income-support/decisions/${d.id}`)).json()
    expect(old.correctedById).toBe(d2.id)
    expect(old.payables[0].state).toBe('cancelled')
    // the database keeps one payable per decision and payee
    await expect(
      sql`INSERT INTO payable (source_kind, source_id, source_key, person_id, service_task, unit_id, payee_kind, payee_name, iban, amount_cents, due_on, reference, message)
          SELECT source_kind, source_id, source_key, person_id, service_task, unit_id, payee_kind, payee_name, iban, amount_cents, due_on, reference, message FROM payable WHERE source_id = ${d2.id}`.execute(db()),
    ).rejects.toThrow(/duplicate|unique/i)
  })

  it('prints a decision for a client under turvakielto with the contact address only', async () => {
    const created = await secretary.post('/api/persons', {
      firstNames: 'Salla',
      lastName: 'Suojattu',
      birthDate: '1985-06-06',
      turvakielto: true,
      addresses: [
        { kind: 'permanent', street: 'Salainenkuja 7', postalCode: '00990', postOffice: 'Helsinki' },
        { kind: 'contact', street: 'PL 123', postalCode: '00101', postOffice: 'Helsinki' },
      ],
    })
    expect(created.status).toBe(201)
    const id = (await created.json()).id as string
    const a = await (
      await handler.post(`/api/persons/${id}/income-support/applications`, {
        ...paperApplication({ takeIt: true }),
        members: [{ personId: id, role: 'applicant' }],
        claims: { ...emptyClaims(), expenses: [{ type: 'rent', amountCents: 60000 }], supplementary: [{ type: 'moving', amountCents: 20000 }] },
      })
    ).json()
    const d = await (
      await handler.post(`/api/persons/${id}/income-support/applications/${a.id}/decisions`, {
        version: a.version,
        decidedOn: '2026-03-10',
        reasons: 'Muuttokustannukset myönnetään turvallisuussyistä (TTTL 7 c §).',
        iban: 'FI2112345600000785',
        items: [{ kind: 'supplementary', index: 0, outcome: 'granted', grantedCents: 20000, reason: 'Välttämätön muutto.' }],
      })
    ).json()
    const text = pdfText(await (await handler.get(`/api/persons/${id}/income-support/decisions/${d.id}/pdf`)).arrayBuffer())
    expect(text).toContain('PL 123')
    expect(text).not.toContain('Salainenkuja')
    expect(text).not.toContain('00990')
  })

  it('refuses supplementary assistance beyond the calculation', async () => {
    const base = `/api/persons/${applicant()}/income-support/applications`
    // income well above the expenses: the calculation allows no supplementary assistance
    const rich = paperApplication({ takeIt: true })
    ;(rich.claims as { incomes: { amountCents: number }[] }).incomes[0]!.amountCents = 900000
    const a = await (await handler.post(base, rich)).json()
    expect(a.calculation.calculation.supplementaryCents).toBe(0)
    const res = await handler.post(`${base}/${a.id}/decisions`, {
      version: a.version,
      decidedOn: '2026-03-10',
      reasons: 'Tulot ylittävät hyväksyttävät menot (TTTL 6 §).',
      iban: 'FI2112345600000785',
      items: [
        { kind: 'supplementary', index: 0, outcome: 'granted', grantedCents: a.claims.supplementary[0].amountCents, reason: 'x' },
        { kind: 'supplementary', index: 1, outcome: 'refused', grantedCents: 0, reason: 'Tulot ylittävät menot.' },
        { kind: 'preventive', index: 0, outcome: 'refused', grantedCents: 0, reason: 'Ei perusteita.' },
      ],
    })
    expect(res.status).toBe(400)
    expect((await res.json()).errors[0].code).toBe('is.decision.exceeds_calculation')
    // refusing everything is a decision too, with no payable
    const refused = await handler.post(`${base}/${a.id}/decisions`, {
      version: a.version,
      decidedOn: '2026-03-10',
      reasons: 'Tulot ylittävät hyväksyttävät menot (TTTL 6 §).',
      items: [
        { kind: 'supplementary', index: 0, outcome: 'refused', grantedCents: 0, reason: 'Tulot ylittävät menot.' },
        { kind: 'supplementary', index: 1, outcome: 'refused', grantedCents: 0, reason: 'Tulot ylittävät menot.' },
        { kind: 'preventive', index: 0, outcome: 'refused', grantedCents: 0, reason: 'Ei perusteita.' },
      ],
    })
    expect(refused.status).toBe(201)
    expect(await refused.json()).toMatchObject({ outcome: 'refused', grantedCents: 0, payables: [] })
  })
  it('a correction of a correction counts what the first decision has in a batch: the client is paid the corrected amount once', async () => {
    const base = `/api/persons/${applicant()}/income-support/applications`
    const a = await (await handler.post(base, paperApplication({ takeIt: true }))).json()
    const hobbies = a.claims.supplementary[0].amountCents as number
    const decide = async (furnitureCents: number, correctsId?: string) => {
      const { version } = await (await handler.get(`${base}/${a.id}`)).json()
      const res = await handler.post(`${base}/${a.id}/decisions`, {
        version,
        decidedOn: '2026-03-10',
        reasons: 'Huonekalujen tarve on selvitetty kotikäynnillä.',
        iban: 'FI2112345600000785',
        items: [
          { kind: 'supplementary', index: 0, outcome: 'granted', grantedCents: hobbies, reason: 'Lasten harrastukset.' },
          { kind: 'supplementary', index: 1, outcome: furnitureCents < 30000 ? 'partly_granted' : 'granted', grantedCents: furnitureCents, reason: 'Välttämättömät huonekalut.' },
          { kind: 'preventive', index: 0, outcome: 'refused', grantedCents: 0, reason: 'Ei perusteita.' },
        ],
        ...(correctsId ? { correctsId } : {}),
      })
      expect(res.status, await res.clone().text()).toBe(201)
      return res.json()
    }
    const first = await decide(10000)
    // the first decision's payable goes into a batch: on its way, no longer the decision's to cancel
    const finance = new Client(t.url)
    await finance.login('maksuliikenne')
    const due = first.payables[0].dueOn
    expect((await finance.post('/api/payments/batches', { dueFrom: due, dueTo: due, unitId: etuu })).status).toBe(201)
    // the first correction pays the difference to it; the second cancels that and pays the difference to the batched one
    const second = await decide(20000, first.id)
    expect(second.payables).toEqual([expect.objectContaining({ amountCents: 10000, state: 'open' })])
    const third = await decide(30000, second.id)
    expect(third.payables).toEqual([expect.objectContaining({ amountCents: 20000, state: 'open' })])
    const payables = await db().selectFrom('payable').select(['source_id', 'state', 'amount_cents']).where('source_id', 'in', [first.id, second.id, third.id]).orderBy('number').execute()
    expect(payables).toEqual([
      { source_id: first.id, state: 'in_batch', amount_cents: hobbies + 10000 },
      { source_id: second.id, state: 'cancelled', amount_cents: 10000 },
      { source_id: third.id, state: 'open', amount_cents: 20000 },
    ])
    expect(payables.filter((p) => p.state !== 'cancelled').reduce((s, p) => s + p.amount_cents, 0)).toBe(hobbies + 30000)
  })
})

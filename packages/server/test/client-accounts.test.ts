import { execFileSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { addMonths, createFinnishReference, isBankingDay, isValidFinnishReference, localDate, todayInHelsinki } from '@huoma/domain'
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

const pdfText = (buf: ArrayBuffer) => {
  const dir = mkdtempSync(path.join(tmpdir(), 'huoma-ca-'))
  const file = path.join(dir, 's.pdf')
  writeFileSync(file, Buffer.from(buf))
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).replace(/[\u00a0\u202f]/g, ' ')
}

const PROVIDER_IBAN = 'FI21 1234 5600 0007 85'
const CLIENT_IBAN = 'FI4950009420028730'

describe.each(kinds)('client accounts (välitystili, itsenäistymisvarat) on %s', (kind) => {
  let t: TestServer
  let worker: Client // sosiaalityontekija: relationship in adult social work
  let workerSv: Client
  let counsellor: Client // sosiaaliohjaaja: no relationship with the client
  let finance: Client // talous
  let personId: string
  let accountId: string
  let base: string
  const today = todayInHelsinki(new Date())
  // the account is opened two months back, so that a past month can be reconciled and closed
  const opened = `${addMonths(localDate(today), -2).slice(0, 7)}-01`
  const closedMonth = opened.slice(0, 7)
  const db = () => t.server.database.db
  const userId = async (username: string) => (await db().selectFrom('staff_user').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id
  const maxAuditId = async () => Number((await db().selectFrom('audit_log').select((eb) => eb.fn.max('id').as('m')).executeTakeFirst())?.m ?? 0)
  const auditSince = (id: number) => db().selectFrom('audit_log').selectAll().where('id', '>', id).orderBy('id').execute()
  const balance = async () => (await (await worker.get(`${base}/${accountId}`)).json()).account.balanceCents as number
  const bill = (amountCents: number, over: Record<string, unknown> = {}) => ({
    kind: 'bill',
    amountCents,
    description: 'Vuokra',
    dueOn: today,
    payee: { name: 'Vuokrataloyhtiö Demola Oy', iban: PROVIDER_IBAN, reference: createFinnishReference('4455') },
    ...over,
  })

  beforeAll(async () => {
    t = await startTestServer(kind)
    const secretary = new Client(t.url)
    await secretary.login('toimistosihteeri')
    const res = await secretary.post('/api/persons', {
      firstNames: 'Veera Välitys',
      lastName: 'Tilinen',
      birthDate: '1958-02-03',
      turvakielto: true,
      addresses: [
        { kind: 'permanent', street: 'Salainenkuja 7', postalCode: '00990', postOffice: 'Helsinki' },
        { kind: 'contact', street: 'PL 456', postalCode: '00101', postOffice: 'Helsinki' },
      ],
    })
    expect(res.status).toBe(201)
    personId = (await res.json()).id
    const r = await secretary.post(`/api/persons/${personId}/relationships`, {
      serviceTask: 'adult_social_work',
      userId: await userId('sosiaalityontekija'),
      kind: 'responsible',
      startReason: 'other',
    })
    expect(r.status).toBe(201)
    worker = new Client(t.url)
    await worker.login('sosiaalityontekija')
    workerSv = new Client(t.url, 'sv')
    await workerSv.login('sosiaalityontekija')
    counsellor = new Client(t.url)
    await counsellor.login('sosiaaliohjaaja')
    finance = new Client(t.url)
    await finance.login('talous')
    base = `/api/persons/${personId}/client-accounts/adult_social_work`
  })
  afterAll(() => t?.stop())

  it('opens an intermediary account with its own Finnish reference; a second open one of the same kind is refused', async () => {
    const before = await maxAuditId()
    const res = await worker.post(base, { kind: 'intermediary', openedOn: opened })
    expect(res.status).toBe(201)
    const a = await res.json()
    accountId = a.id
    expect(a).toMatchObject({ kind: 'intermediary', serviceTask: 'adult_social_work', openedOn: opened, closedOn: null, balanceCents: 0, version: 1 })
    expect(isValidFinnishReference(a.reference)).toBe(true)
    expect(a.responsible.id).toBe(await userId('sosiaalityontekija'))
    const audit = (await auditSince(before)).find((r) => r.event === 'client-accounts:open')
    expect(audit).toMatchObject({ action: 'insert', outcome: 'success', data_group: 'adult_social_work/account' })
    expect(audit!.client_ids).toEqual([personId])

    const again = await worker.post(base, { kind: 'intermediary', openedOn: today })
    expect(again.status).toBe(400)
    expect((await again.json()).errors.map((e: FieldErr) => e.code)).toEqual(['ca.account.exists'])
    // an after-care fund beside it is another account with another reference
    const fund = await (await worker.post(base, { kind: 'after_care_fund', openedOn: today })).json()
    expect(fund.reference).not.toBe(a.reference)
    const list = await (await worker.get(base)).json()
    expect(list.accounts.map((x: { kind: string }) => x.kind).sort()).toEqual(['after_care_fund', 'intermediary'])
  })

  it('records deposits and bills: a bill creates a payable due on a banking day, and the balance follows', async () => {
    const dep = await worker.post(`${base}/${accountId}/entries`, { kind: 'deposit', entryOn: opened, amountCents: 100000, description: 'Eläke', bankRef: `ARK-${kind}-1` })
    expect(dep.status).toBe(201)
    expect((await dep.json()).amountCents).toBe(100000)
    // the same bank archive reference again is the same payment: nothing new (a bank import is idempotent)
    const again = await worker.post(`${base}/${accountId}/entries`, { kind: 'deposit', entryOn: opened, amountCents: 100000, description: 'Eläke', bankRef: `ARK-${kind}-1` })
    expect(again.status).toBe(200)
    const clash = await worker.post(`${base}/${accountId}/entries`, { kind: 'deposit', entryOn: opened, amountCents: 5, description: 'Eläke', bankRef: `ARK-${kind}-1` })
    expect(clash.status).toBe(400)
    expect((await clash.json()).errors[0].code).toBe('ca.bank_ref.conflict')
    expect(await balance()).toBe(100000)

    const res = await worker.post(`${base}/${accountId}/entries`, bill(30000))
    expect(res.status).toBe(201)
    const e = await res.json()
    expect(e).toMatchObject({ kind: 'bill', amountCents: -30000, entryOn: today, balanceAfterCents: 70000 })
    expect(e.payable).toMatchObject({ payeeName: 'Vuokrataloyhtiö Demola Oy', iban: 'FI2112345600000785', state: 'open' })
    expect(isBankingDay(localDate(e.payable.dueOn))).toBe(true)
    expect(e.payable.dueOn >= today).toBe(true)
    const p = await db().selectFrom('payable').selectAll().where('id', '=', e.payable.id).executeTakeFirstOrThrow()
    expect(p).toMatchObject({ source_kind: 'client_account', source_id: e.id, person_id: personId, service_task: 'adult_social_work', payee_kind: 'provider', bic: 'NDEAFIHH' })
    expect(Number(p.amount_cents)).toBe(30000)
    expect(await balance()).toBe(70000)

    // a payout to the client's own account is a payable too, in the client's name
    const payout = await (await worker.post(`${base}/${accountId}/entries`, { kind: 'payout', amountCents: 5000, description: 'Käyttövarat', dueOn: today, iban: CLIENT_IBAN })).json()
    expect(payout.payable).toMatchObject({ payeeName: 'Veera Välitys Tilinen', message: 'Käyttövarat' })
    expect(await balance()).toBe(65000)

    // the balance at a date: the day before the account opened nothing, at its opening day the pension
    const at = await (await worker.get(`${base}/${accountId}?on=${opened}`)).json()
    expect(at.balanceOnCents).toBe(100000)
    expect(at.entries).toHaveLength(3)
  })

  it('refuses a bill larger than the balance, also when two bills race', async () => {
    const over = await worker.post(`${base}/${accountId}/entries`, bill(65001))
    expect(over.status).toBe(400)
    const body = await over.json()
    expect(body.errors[0]).toMatchObject({ field: 'body.amountCents', code: 'ca.overdraft' })
    expect(body.errors[0].message).toContain('650,00')
    expect(await balance()).toBe(65000)

    // two bills of 40 € each against 65 €: the account row lock lets exactly one through
    const [a, b] = await Promise.all([worker.post(`${base}/${accountId}/entries`, bill(40000)), worker.post(`${base}/${accountId}/entries`, bill(40000))])
    expect([a.status, b.status].sort()).toEqual([201, 400])
    expect(await balance()).toBe(25000)
    const payables = await db().selectFrom('payable').select('id').where('person_id', '=', personId).where('amount_cents', '=', 40000).execute()
    expect(payables).toHaveLength(1)
  })

  it('corrects with a reversing entry: an unpaid bill\'s payable is cancelled, and an entry is reversed once', async () => {
    const detail = await (await worker.get(`${base}/${accountId}`)).json()
    const theBill = detail.entries.find((e: { kind: string; amountCents: number }) => e.kind === 'bill' && e.amountCents === -40000)
    const res = await worker.post(`${base}/${accountId}/entries/${theBill.id}/reverse`, { description: 'Lasku maksettiin jo itse' })
    expect(res.status).toBe(201)
    const r = await res.json()
    expect(r).toMatchObject({ kind: 'reversal', amountCents: 40000, reversesId: theBill.id, entryOn: today })
    expect(await balance()).toBe(65000)
    const p = await db().selectFrom('payable').select('state').where('id', '=', theBill.payable.id).executeTakeFirstOrThrow()
    expect(p.state).toBe('cancelled')
    const after = await (await worker.get(`${base}/${accountId}`)).json()
    expect(after.entries.find((e: { id: string }) => e.id === theBill.id).reversedById).toBe(r.id)

    const twice = await worker.post(`${base}/${accountId}/entries/${theBill.id}/reverse`, { description: 'Uudelleen' })
    expect(twice.status).toBe(400)
    expect((await twice.json()).errors[0].code).toBe('ca.reversal.already')
    const ofReversal = await worker.post(`${base}/${accountId}/entries/${r.id}/reverse`, { description: 'Uudelleen' })
    expect((await ofReversal.json()).errors[0].code).toBe('ca.reversal.of_reversal')
  })

  it('keeps the ledger append-only in the database itself', async () => {
    const e = await db().selectFrom('client_account_entry').select('id').where('account_id', '=', accountId).limit(1).executeTakeFirstOrThrow()
    await expect(sql`UPDATE client_account_entry SET amount_cents = 1 WHERE id = ${e.id}`.execute(db())).rejects.toThrow(/append-only/)
    await expect(sql`DELETE FROM client_account_entry WHERE id = ${e.id}`.execute(db())).rejects.toThrow(/append-only/)
    await expect(sql`TRUNCATE client_account_entry CASCADE`.execute(db())).rejects.toThrow(/append-only/)
    expect(await balance()).toBe(65000)
  })

  it('prints a statement for a period as PDF with opening and closing balance and the contact address only', async () => {
    const before = await maxAuditId()
    // the period from the day after opening: the pension is in the opening balance
    const from = `${opened.slice(0, 8)}02`
    const res = await worker.get(`${base}/${accountId}/statement?from=${from}&to=${today}`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toContain('application/pdf')
    const text = pdfText(await res.arrayBuffer())
    expect(text).toContain('Tiliote – välitystili')
    expect(text).toMatch(/Alkusaldo.*\s+1 000,00 €/)
    expect(text).toMatch(/Loppusaldo.*\s+650,00 €/)
    expect(text).toContain('Vuokrataloyhtiö Demola Oy')
    expect(text).toContain('PL 456')
    expect(text).not.toContain('Salainenkuja')
    const audit = (await auditSince(before)).find((r) => r.event === 'client-accounts:print')
    expect(audit).toMatchObject({ action: 'print', outcome: 'success', data_group: 'adult_social_work/account' })

    const sv = pdfText(await (await workerSv.get(`${base}/${accountId}/statement?from=${opened}&to=${today}&language=sv`)).arrayBuffer())
    expect(sv).toContain('Kontoutdrag – förmedlingskonto')
    expect(sv).toMatch(/Ingående saldo.*\s+0,00 €/)
    expect(sv).toMatch(/Utgående saldo.*\s+650,00 €/)

    const bad = await worker.get(`${base}/${accountId}/statement?from=${today}&to=${opened}`)
    expect(bad.status).toBe(400)
    expect((await bad.json()).errors[0].code).toBe('ca.period.invalid')
  })

  it('refuses bad input with field messages in the user\'s language', async () => {
    const url = `${base}/${accountId}/entries`
    const iban = await worker.post(url, bill(100, { payee: { name: 'X Oy', iban: 'FI21 1234 5600 0007 86', message: 'Lasku 1' } }))
    expect(iban.status).toBe(400)
    expect((await iban.json()).errors[0]).toMatchObject({ field: 'body.payee.iban', code: 'ca.iban.invalid', message: 'Tilinumero ei ole kelvollinen suomalainen IBAN.' })
    const both = await worker.post(url, bill(100, { payee: { name: 'X Oy', iban: PROVIDER_IBAN, reference: createFinnishReference('4455'), message: 'Lasku 1' } }))
    expect((await both.json()).errors[0].code).toBe('ca.payee.reference_or_message')
    const ref = await worker.post(url, bill(100, { payee: { name: 'X Oy', iban: PROVIDER_IBAN, reference: '12345' } }))
    expect((await ref.json()).errors[0].code).toBe('ca.reference.invalid')
    const past = await worker.post(url, bill(100, { dueOn: opened }))
    expect((await past.json()).errors[0].code).toBe('ca.date.past')
    const future = await workerSv.post(url, { kind: 'deposit', entryOn: addMonths(localDate(today), 1), amountCents: 100, description: 'Tuleva' })
    expect((await future.json()).errors[0]).toMatchObject({ code: 'ca.date.future', message: 'Datumet kan inte vara i framtiden.' })
    const early = await worker.post(url, { kind: 'deposit', entryOn: '2020-01-01', amountCents: 100, description: 'Vanha' })
    expect((await early.json()).errors[0].code).toBe('ca.date.before_opened')
    const zero = await worker.post(url, { kind: 'deposit', entryOn: today, amountCents: 0, description: 'Nolla' })
    expect(zero.status).toBe(400)
    const closeWithMoney = await worker.request('PUT', `${base}/${accountId}`, { version: 1, responsibleUserId: null, closedOn: today })
    expect((await closeWithMoney.json()).errors[0].code).toBe('ca.close.balance')
    expect(await balance()).toBe(65000)
  })

  it('answers 404 to a worker without a relationship, and in a service task without one', async () => {
    const before = await maxAuditId()
    expect((await counsellor.get(base)).status).toBe(404)
    expect((await counsellor.get(`${base}/${accountId}`)).status).toBe(404)
    expect((await counsellor.post(`${base}/${accountId}/entries`, bill(100))).status).toBe(404)
    const denied = (await auditSince(before)).filter((r) => r.outcome === 'denied')
    expect(denied.length).toBeGreaterThanOrEqual(3)
    // the social worker has child welfare rights but no relationship there: the account is not reachable through it
    expect((await worker.get(`/api/persons/${personId}/client-accounts/child_welfare/${accountId}`)).status).toBe(404)
    // finance reconciles but reads no client's ledger, and case workers do not reconcile
    expect((await finance.get(base)).status).toBe(403)
    expect((await worker.get(`/api/client-accounts/reconciliation?month=${closedMonth}`)).status).toBe(403)
  })

  it('reconciles a month against the bank balance; a month reconciled with no difference is closed', async () => {
    const before = await maxAuditId()
    const view = await (await finance.get(`/api/client-accounts/reconciliation?month=${closedMonth}`)).json()
    expect(view.closed).toBe(false)
    const mine = view.accounts.find((a: { id: string }) => a.id === accountId)
    expect(mine).toMatchObject({ balanceCents: 100000, personId, clientName: 'Tilinen Veera Välitys' })
    expect(view.ledgerCents).toBe(view.accounts.reduce((s: number, a: { balanceCents: number }) => s + a.balanceCents, 0))
    const audit = (await auditSince(before)).find((r) => r.event === 'client-accounts:reconcile')
    expect(audit).toMatchObject({ action: 'view', outcome: 'success' })
    expect(audit!.client_ids).toContain(personId)

    const off = await finance.post('/api/client-accounts/reconciliation', { month: closedMonth, bankBalanceCents: view.ledgerCents - 1250, note: 'Pankkikulu selvitettävä' })
    expect(off.status).toBe(201)
    const o = await off.json()
    expect(o.closed).toBe(false)
    expect(o.history).toHaveLength(1)
    expect(o.history[0]).toMatchObject({ differenceCents: -1250, ledgerCents: view.ledgerCents, reconciledBy: { displayName: 'Kari Mattila' } })
    // still open: an entry dated in the month is accepted (and moves the ledger)
    expect((await worker.post(`${base}/${accountId}/entries`, { kind: 'interest', entryOn: `${closedMonth}-28`, amountCents: 1250, description: 'Korko' })).status).toBe(201)

    const ok = await (await finance.post('/api/client-accounts/reconciliation', { month: closedMonth, bankBalanceCents: view.ledgerCents + 1250 })).json()
    expect(ok.closed).toBe(true)
    expect(ok.history.map((h: { differenceCents: number }) => h.differenceCents)).toEqual([-1250, 0])

    const again = await finance.post('/api/client-accounts/reconciliation', { month: closedMonth, bankBalanceCents: 0 })
    expect((await again.json()).errors[0].code).toBe('ca.month.already_closed')
    const late = await worker.post(`${base}/${accountId}/entries`, { kind: 'deposit', entryOn: `${closedMonth}-15`, amountCents: 100, description: 'Myöhässä' })
    expect(late.status).toBe(400)
    expect((await late.json()).errors[0]).toMatchObject({ code: 'ca.month.closed', field: 'body.entryOn' })
    // the trigger holds even against code that forgets
    await expect(
      db().insertInto('client_account_entry').values({ account_id: accountId, kind: 'deposit', entry_on: `${closedMonth}-15`, amount_cents: 100, description: 'Ohi' }).execute(),
    ).rejects.toThrow(/closed/)
    const current = today.slice(0, 7)
    expect((await (await finance.post('/api/client-accounts/reconciliation', { month: current, bankBalanceCents: 0 })).json()).errors[0].code).toBe('ca.month.not_ended')
  })
})

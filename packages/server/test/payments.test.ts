import { mkdtemp, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { addDays, isBankingDay, todayInHelsinki, type LocalDate } from '@huoma/domain'
import type { BankImportResult, PaymentBatch, PaymentPreview, ReturnedPayments, AccountingExport } from '@huoma/contract'
import { sql, type Transaction } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { databaseKinds } from './helpers/databases'
import { Client, startTestServer, type TestServer } from './helpers/server'
import { camt054, camt054Entries, insertPayables, pain002, sample, xsdErrors, type CamtEntrySpec } from './helpers/payments'
import type { DB } from '../src/db/schema'

const kinds = await databaseKinds()

interface Problem {
  status: number
  errors?: { field: string; code: string; message: string }[]
}

describe.each(kinds)('payments on %s', (kind) => {
  let t: TestServer
  let finance: Client // talous: creates batches
  let approver: Client // maksuliikenne: a second finance person
  let approverEn: Client
  let handler: Client // etuuskasittelija: sees returned payments of own clients
  let etuu: string
  let visible: string[] // clients of the handler in income support
  let other: string // a client the handler has no relationship with
  const db = () => t.server.database.db
  const today = todayInHelsinki(new Date())
  const d = (n: number) => addDays(today, n)
  const xml = { 'content-type': 'application/xml' }
  const maxAuditId = async () => Number((await db().selectFrom('audit_log').select((eb) => eb.fn.max('id').as('m')).executeTakeFirst())?.m ?? 0)
  const auditSince = (id: number) => db().selectFrom('audit_log').selectAll().where('id', '>', id).orderBy('id').execute()

  // the import bodies are spooled under the temporary folder: a private one here, to see that they are removed
  let spoolDir: string
  const savedTmp = process.env.TMPDIR

  beforeAll(async () => {
    spoolDir = await mkdtemp(join(tmpdir(), 'huoma-payments-test-'))
    process.env.TMPDIR = spoolDir
    t = await startTestServer(kind)
    finance = new Client(t.url)
    await finance.login('talous')
    approver = new Client(t.url)
    await approver.login('maksuliikenne')
    approverEn = new Client(t.url, 'en')
    await approverEn.login('maksuliikenne')
    handler = new Client(t.url)
    await handler.login('etuuskasittelija')
    etuu = (await db().selectFrom('unit').select('id').where('code', '=', 'ETUU').executeTakeFirstOrThrow()).id
    // the demo's own decided applications left open payables: these tests count exactly what they insert
    await db().updateTable('payable').set({ state: 'cancelled' }).where('state', '=', 'open').execute()
    const rel = await sql<{ person_id: string }>`
      SELECT DISTINCT cr.person_id FROM client_relationship cr JOIN staff_user u ON u.id = cr.user_id
      WHERE u.username = 'etuuskasittelija' AND cr.service_task = 'income_support' AND cr.end_date IS NULL LIMIT 3`.execute(db())
    visible = rel.rows.map((r) => r.person_id)
    expect(visible.length).toBeGreaterThanOrEqual(2)
    other = (
      await sql<{ id: string }>`
      SELECT p.id FROM person p WHERE NOT EXISTS (SELECT 1 FROM client_relationship cr WHERE cr.person_id = p.id) LIMIT 1`.execute(db())
    ).rows[0]!.id
  }, 120_000)
  afterAll(async () => {
    await t?.stop()
    if (savedTmp === undefined) delete process.env.TMPDIR
    else process.env.TMPDIR = savedTmp
    await rm(spoolDir, { recursive: true, force: true })
  })

  let batch: PaymentBatch
  let file: string

  it('previews open payables by due date and unit, audited with the clients named', async () => {
    await insertPayables(db(), [
      { personId: visible[0]!, unitId: etuu, amountCents: 12_345, dueOn: d(-3) }, // past due: moved to a banking day
      { personId: visible[1]!, unitId: etuu, amountCents: 50_000, dueOn: d(5), reference: '1234561' },
      { personId: other, unitId: etuu, amountCents: 7_000, dueOn: d(8), reference: 'RF341234561' },
    ])
    const before = await maxAuditId()
    const res = await finance.get(`/api/payments/preview?dueFrom=${d(-10)}&dueTo=${d(10)}&unitId=${etuu}`)
    expect(res.status).toBe(200)
    const p = (await res.json()) as PaymentPreview
    expect(p.count).toBe(3)
    expect(p.totalCents).toBe(69_345)
    const past = p.payables.find((x) => x.amountCents === 12_345)!
    expect(past.executionOn >= today).toBe(true)
    expect(isBankingDay(past.executionOn as LocalDate)).toBe(true)
    const audit = await auditSince(before)
    const row = audit.find((a) => a.event === 'payments:preview')!
    expect(row.outcome).toBe('success')
    expect([...row.client_ids].sort()).toEqual([visible[0], visible[1], other].sort())
    // a benefit handler may not batch
    expect((await handler.get(`/api/payments/preview?dueFrom=${d(-10)}&dueTo=${d(10)}`)).status).toBe(403)
    // an inverted range is refused with a field message
    const bad = (await (await approverEn.get(`/api/payments/preview?dueFrom=${d(10)}&dueTo=${d(1)}`)).json()) as Problem
    expect(bad.errors?.[0]?.code).toBe('pay.selection.range')
  })

  it('creates a draft batch; its payables leave the open list in the same transaction', async () => {
    const stale = await finance.post('/api/payments/batches', { dueFrom: d(-10), dueTo: d(10), unitId: etuu, expectedCount: 2 })
    expect(stale.status).toBe(409)
    const before = await maxAuditId()
    const res = await finance.post('/api/payments/batches', { dueFrom: d(-10), dueTo: d(10), unitId: etuu, expectedCount: 3, expectedTotalCents: 69_345 })
    expect(res.status).toBe(201)
    batch = (await res.json()) as PaymentBatch
    expect(batch.state).toBe('draft')
    expect(batch.count).toBe(3)
    expect(batch.payments).toHaveLength(3)
    expect(batch.canApprove).toBe(false)
    expect(new Set(batch.payments.map((x) => x.endToEndId)).size).toBe(3)
    const states = await db().selectFrom('payable').select('state').where('id', 'in', batch.payments.map((x) => x.payableId)).execute()
    expect(states.every((s) => s.state === 'in_batch')).toBe(true)
    const p = (await (await finance.get(`/api/payments/preview?dueFrom=${d(-10)}&dueTo=${d(10)}`)).json()) as PaymentPreview
    expect(p.count).toBe(0)
    const audit = await auditSince(before)
    expect(audit.find((a) => a.event === 'payments:create')?.client_ids).toHaveLength(3)
    // the batch list carries no client data and needs no audit
    const list = (await (await approver.get('/api/payments/batches')).json()) as { batches: { id: string; canApprove: boolean }[] }
    expect(list.batches.find((b) => b.id === batch.id)?.canApprove).toBe(true)
  })

  it('the creator can never approve: refused in code and by the database', async () => {
    const own = await finance.post(`/api/payments/batches/${batch.id}/approve`, { version: batch.version })
    expect(own.status).toBe(403)
    expect(((await own.json()) as Problem).errors?.[0]?.code).toBe('pay.batch.own_batch')
    await expect(
      sql`UPDATE payment_batch SET state = 'approved', approved_by = created_by, approved_at = now() WHERE id = ${batch.id}`.execute(db()),
    ).rejects.toThrow(/payment_batch_two_persons/)
    // a file of a draft is refused
    expect((await finance.get(`/api/payments/batches/${batch.id}/pain001`)).status).toBe(409)
    const before = await maxAuditId()
    const ok = await approver.post(`/api/payments/batches/${batch.id}/approve`, { version: batch.version })
    expect(ok.status).toBe(200)
    batch = (await ok.json()) as PaymentBatch
    expect(batch.state).toBe('approved')
    expect(batch.approvedBy?.name).toBeTruthy()
    const audit = await auditSince(before)
    expect(audit.find((a) => a.event === 'payments:approve')?.client_ids).toHaveLength(3)
  })

  it('a payable is in at most one live batch item (the database refuses a second)', async () => {
    const item = batch.payments[0]!
    await expect(
      sql`INSERT INTO payment_item (batch_id, payable_id, amount_cents, end_to_end_id) VALUES (${batch.id}, ${item.payableId}, ${item.amountCents}, 'DUP-1')`.execute(db()),
    ).rejects.toThrow()
    const draft = await sql<{ id: string }>`
      INSERT INTO payment_batch (due_from, due_to, item_count, total_cents, created_by)
      SELECT ${d(0)}::date, ${d(0)}::date, 1, 1, id FROM staff_user WHERE username = 'talous' RETURNING id`.execute(db())
    await expect(
      sql`INSERT INTO payment_item (batch_id, payable_id, amount_cents, end_to_end_id) VALUES (${draft.rows[0]!.id}, ${item.payableId}, ${item.amountCents}, 'DUP-2')`.execute(db()),
    ).rejects.toThrow(/not open|payment_item_payable_once/)
    await expect(sql`UPDATE payable SET state = 'cancelled' WHERE id = ${item.payableId}`.execute(db())).rejects.toThrow(/cannot be cancelled/)
    await sql`UPDATE payment_batch SET state = 'cancelled', cancelled_at = now() WHERE id = ${draft.rows[0]!.id}`.execute(db())
  })

  it('writes a valid pain.001.001.09, marks the batch sent, and gives the identical file again', async () => {
    const before = await maxAuditId()
    const res = await finance.get(`/api/payments/batches/${batch.id}/pain001`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-disposition')).toMatch(/attachment/)
    file = await res.text()
    expect(await xsdErrors(file, 'pain.001.001.09')).toEqual([])
    for (const p of batch.payments) expect(file).toContain(`<EndToEndId>${p.endToEndId}</EndToEndId>`)
    expect(file).toContain('<CtrlSum>693.45</CtrlSum>')
    expect(file).toContain('Äijälä Åsa')
    const audit = await auditSince(before)
    const row = audit.find((a) => a.event === 'payments:file')!
    expect(row.action).toBe('export')
    expect(row.client_ids).toHaveLength(3)
    const sent = (await (await finance.get(`/api/payments/batches/${batch.id}`)).json()) as PaymentBatch
    expect(sent.state).toBe('sent')
    expect(sent.msgId).toBeTruthy()
    expect(file).toContain(`<MsgId>${sent.msgId}</MsgId>`)
    expect(sent.payments.every((p) => p.executionOn && isBankingDay(p.executionOn as LocalDate))).toBe(true)
    batch = sent
    const again = await (await approver.get(`/api/payments/batches/${batch.id}/pain001`)).text()
    expect(again).toBe(file)
    expect((await finance.get(`/api/payments/batches/${batch.id}/pain001?version=001.001.03`)).status).toBe(409)
    // a sent batch cannot be cancelled, nor its items
    expect((await finance.post(`/api/payments/batches/${batch.id}/cancel`, { version: batch.version })).status).toBe(409)
    await expect(sql`UPDATE payment_item SET cancelled = true WHERE batch_id = ${batch.id}`.execute(db())).rejects.toThrow(/sent batch/)
  })

  it('writes pain.001.001.03 on request; cancelling a draft returns its payables to open', async () => {
    const [p1] = await insertPayables(db(), [{ personId: visible[0]!, unitId: etuu, amountCents: 999, dueOn: d(20) }])
    const created = (await (await finance.post('/api/payments/batches', { dueFrom: d(20), dueTo: d(20) })).json()) as PaymentBatch
    const cancelled = await approver.post(`/api/payments/batches/${created.id}/cancel`, { version: created.version })
    expect(cancelled.status).toBe(200)
    expect(((await cancelled.json()) as PaymentBatch).state).toBe('cancelled')
    expect((await db().selectFrom('payable').select('state').where('id', '=', p1!.id).executeTakeFirstOrThrow()).state).toBe('open')
    const b2 = (await (await finance.post('/api/payments/batches', { dueFrom: d(20), dueTo: d(20) })).json()) as PaymentBatch
    expect(b2.payments[0]!.payableId).toBe(p1!.id)
    expect(b2.payments[0]!.endToEndId).not.toBe(created.payments[0]!.endToEndId)
    await approver.post(`/api/payments/batches/${b2.id}/approve`, { version: b2.version })
    const v03 = await (await finance.get(`/api/payments/batches/${b2.id}/pain001?version=001.001.03`)).text()
    expect(await xsdErrors(v03, 'pain.001.001.03')).toEqual([])
  })

  it('refuses a payable whose IBAN is invalid, naming it', async () => {
    const [bad] = await insertPayables(db(), [{ personId: visible[0]!, unitId: etuu, amountCents: 100, dueOn: d(30), iban: 'FI0012345600000785' }])
    const res = await approverEn.post('/api/payments/batches', { dueFrom: d(30), dueTo: d(30) })
    expect(res.status).toBe(422)
    const body = (await res.json()) as Problem
    expect(body.errors?.[0]?.code).toBe('pay.payable.iban_invalid')
    expect(body.errors?.[0]?.message).toContain(String(bad!.number))
    expect((await db().selectFrom('payable').select('state').where('id', '=', bad!.id).executeTakeFirstOrThrow()).state).toBe('open')
    await sql`UPDATE payable SET state = 'cancelled' WHERE id = ${bad!.id}`.execute(db())
  })

  it('imports a pain.002 (PART: one payment rejected with a reason), all or nothing', async () => {
    const [a, b, c] = batch.payments as [PaymentBatch['payments'][number], PaymentBatch['payments'][number], PaymentBatch['payments'][number]]
    const groups = [...new Set(batch.payments.map((p) => `${batch.msgId}-${p.executionOn!.replaceAll('-', '')}`))]
    // a file naming a payment that is not in the batch changes nothing
    const foreign = pain002({ msgId: batch.msgId!, groupStatus: 'PART', groups: [{ pmtInfId: groups[0]!, status: 'PART', txs: [{ e2e: 'NOT-OURS', status: 'RJCT', code: 'AC01', text: 'x', amountCents: 1 }] }] })
    const r0 = await finance.post('/api/payments/imports/pain002', foreign, xml)
    expect(r0.status).toBe(422)
    expect(((await r0.json()) as Problem).errors?.[0]?.code).toBe('pay.import.unknown_payment')
    // the corporate.js samples are about files Huoma never sent
    const s = await finance.post('/api/payments/imports/pain002', sample('corporate-js/pain.002.001.03-4-accepted-and-rejected-payments.xml'), xml)
    expect(s.status).toBe(422)
    expect(((await s.json()) as Problem).errors?.[0]?.code).toBe('pay.import.unknown_message')
    // malformed
    const m = await finance.post('/api/payments/imports/pain002', '<Document><broken', xml)
    expect(m.status).toBe(422)
    expect(((await m.json()) as Problem).errors?.[0]?.code).toMatch(/pay.import.(wrong_kind|malformed)/)
    // a camt.054 posted as a pain.002
    const w = await finance.post('/api/payments/imports/pain002', sample('camt.054.001.02-fffs-b2c-sample.xml'), xml)
    expect(((await w.json()) as Problem).errors?.[0]?.code).toMatch(/pay.import.(wrong_kind|malformed)/)

    const actc = pain002({ msgId: batch.msgId!, groupStatus: 'ACTC', groups: [] })
    const r1 = (await (await finance.post('/api/payments/imports/pain002', actc, xml)).json()) as BankImportResult
    expect(r1.accepted).toBe(0)
    const part = pain002({
      msgId: batch.msgId!,
      groupStatus: 'PART',
      groups: groups.map((g) => ({
        pmtInfId: g,
        status: 'PART',
        txs: [b].filter((p) => `${batch.msgId}-${p.executionOn!.replaceAll('-', '')}` === g).map((p) => ({ e2e: p.endToEndId, status: 'RJCT', code: 'NARR', text: 'Viite virheellinen', amountCents: p.amountCents })),
      })),
    })
    const before = await maxAuditId()
    const r2 = await finance.post('/api/payments/imports/pain002', part, xml)
    expect(r2.status).toBe(200)
    const res = (await r2.json()) as BankImportResult
    expect(res).toMatchObject({ kind: 'pain002', accepted: 2, rejected: 1, duplicate: false, batchIds: [batch.id], batchNumbers: [batch.number] })
    const again = (await (await finance.post('/api/payments/imports/pain002', part, xml)).json()) as BankImportResult
    expect(again).toMatchObject({ duplicate: true, batchIds: [batch.id], batchNumbers: [batch.number] })
    const after = (await (await finance.get(`/api/payments/batches/${batch.id}`)).json()) as PaymentBatch
    expect(after.state).toBe('partly_accepted')
    expect(after.bankStatus).toBe('PART')
    const rb = after.payments.find((p) => p.id === b.id)!
    expect(rb).toMatchObject({ state: 'rejected', reasonCode: 'NARR', reasonText: 'Viite virheellinen' })
    expect(after.payments.find((p) => p.id === a.id)!.state).toBe('accepted')
    expect(after.payments.find((p) => p.id === c.id)!.state).toBe('accepted')
    // the payables follow their items (in one statement per import chunk, migration 0072)
    const payStates = await db().selectFrom('payable').select(['id', 'state']).where('id', 'in', [a.payableId, b.payableId, c.payableId]).execute()
    expect(Object.fromEntries(payStates.map((p) => [p.id, p.state]))).toEqual({ [a.payableId]: 'in_batch', [b.payableId]: 'returned', [c.payableId]: 'in_batch' })
    const audit = await auditSince(before)
    // every client whose payment changed state is named
    expect([...(audit.find((x) => x.event === 'payments:import')?.client_ids ?? [])].sort()).toEqual([visible[0], visible[1], other].sort())
  })

  it('imports a camt.054: settlement and an AC01 return, idempotent on AcctSvcrRef; foreign and malformed files refused', async () => {
    const [a, , c] = batch.payments as [PaymentBatch['payments'][number], PaymentBatch['payments'][number], PaymentBatch['payments'][number]]
    const iban = t.config.debtor.iban
    // the Finance Finland sample is about another account
    const fffs = await approverEn.post('/api/payments/imports/camt054', sample('camt.054.001.02-fffs-b2c-sample.xml'), xml)
    expect(fffs.status).toBe(422)
    const fb = (await fffs.json()) as Problem
    expect(fb.errors?.[0]?.code).toBe('pay.import.foreign_account')
    expect(fb.errors?.[0]?.message).toContain('FI7433010001222090')
    // the same sample on our account: its entries are other movements (no EndToEndId of ours), recorded as unrelated
    const ours = sample('camt.054.001.02-fffs-b2c-sample.xml').replaceAll('FI7433010001222090', iban)
    const u = (await (await finance.post('/api/payments/imports/camt054', ours, xml)).json()) as BankImportResult
    expect(u.unrelated).toBeGreaterThan(0)
    expect(u.settled + u.returned).toBe(0)
    expect(u.batchNumbers).toEqual([])

    const settle = camt054({ iban, debits: { entryRef: 'ARCH-E1', txs: [{ ref: 'ARCH-1', e2e: a.endToEndId, amountCents: a.amountCents }, { ref: 'ARCH-3', e2e: c.endToEndId, amountCents: c.amountCents }] } })
    expect(await xsdErrors(settle, 'camt.054.001.02')).toEqual([])
    // an amount that does not match: the whole file is refused, nothing applied
    const wrong = camt054({ iban, debits: { entryRef: 'ARCH-W1', txs: [{ ref: 'ARCH-W', e2e: a.endToEndId, amountCents: a.amountCents + 1 }] } })
    const rw = await finance.post('/api/payments/imports/camt054', wrong, xml)
    expect(rw.status).toBe(422)
    expect((await db().selectFrom('payment_item').select('state').where('id', '=', a.id).executeTakeFirstOrThrow()).state).toBe('accepted')
    const r1 = (await (await finance.post('/api/payments/imports/camt054', settle, xml)).json()) as BankImportResult
    expect(r1).toMatchObject({ settled: 2, returned: 0, duplicate: false, batchIds: [batch.id], batchNumbers: [batch.number] })
    // the byte-identical file again: answered as a duplicate, with the first import's batches
    const dup = (await (await finance.post('/api/payments/imports/camt054', settle, xml)).json()) as BankImportResult
    expect(dup).toMatchObject({ id: r1.id, duplicate: true, settled: 0, batchIds: [batch.id], batchNumbers: [batch.number] })
    // the same entries again in another file (another MsgId): skipped by AcctSvcrRef
    const r2 = (await (await finance.post('/api/payments/imports/camt054', settle.replace(/<MsgId>[^<]*</, '<MsgId>OTHER<'), xml)).json()) as BankImportResult
    expect(r2).toMatchObject({ settled: 0, skipped: 2, duplicate: false, batchIds: [], batchNumbers: [] })
    // a return of a settled payment, as the Finance Finland sample's entry 6 shows (CRDT, RvslInd, RtrInf AC01)
    const ret = camt054({ iban, returns: { entryRef: 'ARCH-E2', txs: [{ ref: 'ARCH-9', e2e: c.endToEndId, amountCents: c.amountCents, return: { code: 'AC01', text: '1+TILIÄ EI LÖYDY' } }] } })
    const r3 = (await (await finance.post('/api/payments/imports/camt054', ret, xml)).json()) as BankImportResult
    expect(r3.returned).toBe(1)
    const after = (await (await finance.get(`/api/payments/batches/${batch.id}`)).json()) as PaymentBatch
    expect(after.payments.find((p) => p.id === c.id)).toMatchObject({ state: 'returned', reasonCode: 'AC01', reasonText: '1+TILIÄ EI LÖYDY' })
    expect(after.state).toBe('closed')
    const payStates = await db().selectFrom('payable').select(['id', 'state']).where('id', 'in', [a.payableId, c.payableId]).execute()
    expect(Object.fromEntries(payStates.map((p) => [p.id, p.state]))).toEqual({ [a.payableId]: 'paid', [c.payableId]: 'returned' })
    const mal = await finance.post('/api/payments/imports/camt054', '<?xml version="1.0"?><Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.054.001.02"><BkToCstmrDbtCdtNtfctn>', xml)
    expect(mal.status).toBe(422)
    const empty = await finance.post('/api/payments/imports/camt054', '  \n', xml)
    expect(((await empty.json()) as Problem).errors?.[0]?.code).toBe('pay.import.empty')
    // not the file as it is (JSON): refused before anything is read
    expect((await finance.post('/api/payments/imports/camt054', { xml: settle })).status).toBe(415)
    // the bodies were spooled to private temporary files, all removed again
    expect((await readdir(spoolDir)).filter((f) => f.startsWith('huoma-import-'))).toEqual([])
  })

  it('returned payments go back to the handler, for their own clients only', async () => {
    const before = await maxAuditId()
    const res = await handler.get('/api/payments/returned')
    expect(res.status).toBe(200)
    const list = (await res.json()) as ReturnedPayments
    // visible[1]'s payment was rejected (pain.002); `other`'s was returned (camt.054) but is not the handler's client
    expect(list.payments.map((p) => p.personId)).toEqual([visible[1]])
    expect(list.payments[0]).toMatchObject({ state: 'rejected', reasonCode: 'NARR' })
    const audit = await auditSince(before)
    expect(audit.find((a) => a.event === 'payments:returned')?.client_ids).toEqual([visible[1]])
  })

  it('finance sees every returned and rejected payment (no client relationships), audited with the clients named', async () => {
    const before = await maxAuditId()
    const res = await approver.get('/api/payments/returned')
    expect(res.status).toBe(200)
    const list = (await res.json()) as ReturnedPayments
    expect(list.payments.map((p) => [p.personId, p.state]).sort()).toEqual(
      [
        [visible[1], 'rejected'],
        [other, 'returned'],
      ].sort(),
    )
    expect(list.payments.every((p) => p.batchNumber === batch.number)).toBe(true)
    const audit = (await auditSince(before)).filter((a) => a.event === 'payments:returned')
    expect(audit).toHaveLength(1)
    expect(audit[0]).toMatchObject({ action: 'view', role_code: 'finance', outcome: 'success' })
    expect([...audit[0]!.client_ids].sort()).toEqual([visible[1], other].sort())
  })

  it('exports accounting entries per batch and per period as JSON and CSV (audited exports)', async () => {
    const before = await maxAuditId()
    const j = (await (await finance.get(`/api/payments/accounting?batchId=${batch.id}`)).json()) as AccountingExport
    expect(j.count).toBe(3)
    expect(j.totalCents).toBe(69_345)
    expect(j.entries[0]).toMatchObject({ account: '4710', serviceTask: 'income_support', sourceKind: 'income_support_decision', unitCode: 'ETUU' })
    const res = await finance.get(`/api/payments/accounting?from=${d(-30)}&to=${d(60)}&format=csv`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/text\/csv/)
    const bytes = new Uint8Array(await res.arrayBuffer())
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    const text = new TextDecoder().decode(bytes.slice(3))
    const lines = text.trimEnd().split('\r\n')
    expect(lines[0]).toBe('batchNumber;paymentNumber;endToEndId;executionOn;state;costCentre;account;serviceTask;sourceKind;unitCode;amountCents;amount')
    expect(lines.length).toBeGreaterThanOrEqual(5)
    expect(text).toContain(';123,45')
    expect((await finance.get('/api/payments/accounting')).status).toBe(400)
    const audit = await auditSince(before)
    expect(audit.filter((a) => a.event === 'payments:accounting').every((a) => a.action === 'export')).toBe(true)
  })
  it('imports a camt.054 of 2 100 entries in chunks: settled and returned counted, idempotent, and a malformed entry near the end rolls back all', { timeout: 240_000 }, async () => {
    const N = 2_100
    const due = d(150)
    const persons = [visible[0]!, visible[1]!, other]
    await insertPayables(
      db(),
      Array.from({ length: N }, (_, i) => ({ personId: persons[i % 3]!, unitId: etuu, amountCents: 1_000 + i, dueOn: due })),
    )
    const created = await finance.post('/api/payments/batches', { dueFrom: due, dueTo: due, unitId: etuu, expectedCount: N })
    expect(created.status).toBe(201)
    const draft = (await created.json()) as PaymentBatch
    const approved = await approver.post(`/api/payments/batches/${draft.id}/approve`, { version: draft.version })
    expect(approved.status).toBe(200)
    expect((await (await finance.get(`/api/payments/batches/${draft.id}/pain001`)).text()).length).toBeGreaterThan(0)
    const big = (await (await finance.get(`/api/payments/batches/${draft.id}`)).json()) as PaymentBatch
    expect(big.state).toBe('sent')
    expect(big.payments).toHaveLength(N)
    const iban = t.config.debtor.iban
    // every 7th payment comes back (AC04), the others are booked
    const specs: CamtEntrySpec[] = big.payments.map((p, i) => ({
      ref: `BIG-${big.number}-${i}`,
      e2e: p.endToEndId,
      amountCents: p.amountCents,
      kind: i % 7 === 3 ? 'return' : 'debit',
      returnCode: 'AC04',
    }))
    const returns = specs.filter((x) => x.kind === 'return').length
    const state = async () =>
      Object.fromEntries(
        (
          await db()
            .selectFrom('payment_item')
            .select(['state', (eb) => eb.fn.countAll<number>().as('n')])
            .where('batch_id', '=', big.id)
            .groupBy('state')
            .execute()
        ).map((r) => [r.state, Number(r.n)]),
      )
    const bankEntries = async () =>
      Number((await sql<{ n: number }>`SELECT count(*) AS n FROM bank_entry WHERE acct_svcr_ref LIKE ${`BIG-${big.number}-%`}`.execute(db())).rows[0]!.n)

    // A malformed amount in the 2 090th entry, after two chunks were applied: nothing of the file stays.
    const broken = specs.map((x, i) => (i === N - 11 ? { ...x, rawAmount: '12,x' } : x))
    const importsBefore = Number((await db().selectFrom('bank_import').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n)
    const rb = await finance.post('/api/payments/imports/camt054', camt054Entries({ iban, entries: broken }), xml)
    expect(rb.status).toBe(422)
    expect(((await rb.json()) as Problem).errors?.[0]?.code).toBe('pay.import.malformed')
    // cut off in the last entry (not well-formed XML): the same
    const whole = camt054Entries({ iban, entries: specs })
    const cut = await finance.post('/api/payments/imports/camt054', whole.slice(0, whole.lastIndexOf('<Ntry>') + 60), xml)
    expect(cut.status).toBe(422)
    // an amount that differs in the first chunk, found while the parser already reads the second: the same
    const differs = specs.map((x, i) => (i === 4 ? { ...x, amountCents: x.amountCents + 1 } : x))
    const rd = await finance.post('/api/payments/imports/camt054', camt054Entries({ iban, entries: differs }), xml)
    expect(rd.status).toBe(422)
    expect(((await rd.json()) as Problem).errors?.[0]?.code).toBe('pay.import.amount_mismatch')
    expect(await state()).toEqual({ pending: N })
    expect(await bankEntries()).toBe(0)
    expect(Number((await db().selectFrom('bank_import').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n)).toBe(importsBefore)
    const payables = async () =>
      Object.fromEntries(
        (
          await db()
            .selectFrom('payable')
            .select(['state', (eb) => eb.fn.countAll<number>().as('n')])
            .where('due_on', '=', due)
            .groupBy('state')
            .execute()
        ).map((r) => [r.state, Number(r.n)]),
      )
    expect(await payables()).toEqual({ in_batch: N })

    const before = await maxAuditId()
    const res = await finance.post('/api/payments/imports/camt054', whole, xml)
    expect(res.status).toBe(200)
    const r = (await res.json()) as BankImportResult
    expect(r).toMatchObject({ duplicate: false, settled: N - returns, returned: returns, skipped: 0, unrelated: 0, batchIds: [big.id], batchNumbers: [big.number] })
    expect(await state()).toEqual({ settled: N - returns, returned: returns })
    expect(await payables()).toEqual({ paid: N - returns, returned: returns })
    expect(await bankEntries()).toBe(N)
    const sample = await db().selectFrom('payment_item').select(['state', 'reason_code', 'reason_text', 'bank_ref', 'returned_on', 'settled_on']).where('id', 'in', [big.payments[3]!.id, big.payments[4]!.id]).orderBy('number').execute()
    expect(sample).toEqual([
      { state: 'returned', reason_code: 'AC04', reason_text: '1+TILIÄ EI LÖYDY', bank_ref: `BIG-${big.number}-3`, returned_on: '2026-11-20', settled_on: null },
      { state: 'settled', reason_code: null, reason_text: null, bank_ref: `BIG-${big.number}-4`, returned_on: null, settled_on: '2026-11-20' },
    ])
    expect((await (await finance.get(`/api/payments/batches/${big.id}`)).json()).state).toBe('closed')
    const audit = (await auditSince(before)).find((a) => a.event === 'payments:import')!
    expect([...audit.client_ids].sort()).toEqual([...persons].sort())

    // the same file again: a duplicate; the same entries in another file: every one skipped by AcctSvcrRef
    const again = (await (await finance.post('/api/payments/imports/camt054', whole, xml)).json()) as BankImportResult
    expect(again).toMatchObject({ id: r.id, duplicate: true, settled: 0, returned: 0, batchNumbers: [big.number] })
    const other2 = (await (await finance.post('/api/payments/imports/camt054', camt054Entries({ iban, msgId: 'BIG-AGAIN', entries: specs }), xml)).json()) as BankImportResult
    expect(other2).toMatchObject({ duplicate: false, settled: 0, returned: 0, skipped: N, batchIds: [], batchNumbers: [] })
    expect(await state()).toEqual({ settled: N - returns, returned: returns })
    expect(await bankEntries()).toBe(N)
  })

  it('moves a payable on from in_batch without touching its indexes (HOT: the open index names is_open, pages keep room)', async () => {
    const [payable] = await insertPayables(db(), [{ personId: other, unitId: etuu, amountCents: 4_200, dueOn: d(400) }])
    const hot = async (trx: Transaction<DB>) =>
      (await sql<{ n: number; hot: number }>`SELECT n_tup_upd AS n, n_tup_hot_upd AS hot FROM pg_stat_xact_user_tables WHERE relid = 'payable'::regclass`.execute(trx))
        .rows[0]
    await db()
      .transaction()
      .execute(async (trx) => {
        // the transaction's counters (deltas: the backend may still hold earlier transactions' unflushed counts)
        const start = await hot(trx)
        const since = async () => {
          const now = await hot(trx)
          return { n: now!.n - start!.n, hot: now!.hot - start!.hot }
        }
        // into a batch: it leaves the open list, so the open index changes (not HOT)
        await trx.updateTable('payable').set({ state: 'in_batch' }).where('id', '=', payable!.id).execute()
        expect(await since()).toEqual({ n: 1, hot: 0 })
        // paid, then returned: no indexed column changes, and the page has room
        await trx.updateTable('payable').set({ state: 'paid' }).where('id', '=', payable!.id).execute()
        await trx.updateTable('payable').set({ state: 'returned' }).where('id', '=', payable!.id).execute()
        expect(await since()).toEqual({ n: 3, hot: 2 })
        const open = await trx.selectFrom('payable').select(['state', 'is_open']).where('id', '=', payable!.id).executeTakeFirstOrThrow()
        expect(open).toEqual({ state: 'returned', is_open: false })
        throw new RolledBack()
      })
      .catch((e: unknown) => {
        if (!(e instanceof RolledBack)) throw e
      })
  })
})

class RolledBack extends Error {}

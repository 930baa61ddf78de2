import { createHash } from 'node:crypto'
import type { BankImportResult } from '@huoma/contract'
import { BankFileParseError, parseCamt054, parsePain002, type Camt054Entry, type Pain002Report, type Pain002StatusCode } from '@huoma/domain'
import { sql, type Transaction } from 'kysely'
import type { DB, PaymentBatchState, PaymentItemState } from '../../db/schema'
import type { FieldIssue } from '../../http/problem'
import { refuse } from './batches'
import { paymentInfoId } from './file'

const bad = (issue: Omit<FieldIssue, 'field'>) => refuse(422, [{ field: 'body', ...issue }])

function parseError(e: unknown, expected: string): never {
  if (e instanceof BankFileParseError) {
    if (e.code === 'unexpected_document') throw bad({ code: 'pay.import.wrong_kind', params: { expected } })
    throw bad({ code: 'pay.import.malformed', params: { detail: e.message.slice(0, 200) } })
  }
  throw e
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex')
const ACCEPTED: Pain002StatusCode[] = ['ACCP', 'ACSP', 'ACSC', 'ACWC', 'ACCC']

interface Outcome {
  result: BankImportResult
  personIds: string[]
}

async function recordImport(trx: Transaction<DB>, kind: 'pain002' | 'camt054', messageId: string, hash: string, userId: string, result: Omit<BankImportResult, 'id' | 'kind' | 'duplicate'>) {
  const row = await trx
    .insertInto('bank_import')
    .values({ kind, message_id: messageId, sha256: hash, summary: JSON.stringify(result), imported_by: userId })
    .onConflict((oc) => oc.columns(['kind', 'sha256']).doNothing())
    .returning('id')
    .executeTakeFirst()
  return row?.id
}

async function previousImport(trx: Transaction<DB>, kind: 'pain002' | 'camt054', hash: string): Promise<BankImportResult | undefined> {
  const prev = await trx.selectFrom('bank_import').select(['id', 'summary']).where('kind', '=', kind).where('sha256', '=', hash).executeTakeFirst()
  if (!prev) return undefined
  const s = (typeof prev.summary === 'string' ? JSON.parse(prev.summary) : prev.summary) as Omit<BankImportResult, 'id' | 'kind' | 'duplicate'>
  return { ...s, id: prev.id, kind, duplicate: true, accepted: 0, rejected: 0, settled: 0, returned: 0, skipped: s.skipped }
}

const reasonOf = (reasons: { code?: string | undefined; proprietary?: string | undefined; text: string }[]) => {
  const r = reasons[0]
  return { code: r?.code ?? r?.proprietary ?? null, text: r?.text ? r.text.slice(0, 500) : null }
}

/**
 * A pain.002 status report, in one transaction: the report must be about a file Huoma sent (OrgnlMsgId) and name
 * only its payment groups and payments; statuses given for a group apply to its payments, a transaction's own
 * status wins; PART at group level leaves the unlisted payments accepted. Settled or returned payments keep their
 * state (camt.054 is later and final). The batch's state follows its payments.
 */
export async function importPain002(trx: Transaction<DB>, userId: string, xml: string): Promise<Outcome> {
  if (!xml.trim()) throw bad({ code: 'pay.import.empty' })
  let report: Pain002Report
  try {
    report = await parsePain002(xml)
  } catch (e) {
    parseError(e, 'pain.002')
  }
  const hash = sha256(xml)
  const prev = await previousImport(trx, 'pain002', hash)
  const batch = await trx.selectFrom('payment_batch').select(['id', 'msg_id', 'state']).where('msg_id', '=', report.originalMessageId).forUpdate().executeTakeFirst()
  if (!batch) throw bad({ code: 'pay.import.unknown_message', params: { msgId: report.originalMessageId.slice(0, 40) } })
  if (prev) return { result: { ...prev, batchIds: [batch.id] }, personIds: [] }

  const items = await trx
    .selectFrom('payment_item as i')
    .innerJoin('payable as p', 'p.id', 'i.payable_id')
    .select(['i.id', 'i.end_to_end_id', 'i.execution_on', 'i.state', 'p.person_id'])
    .where('i.batch_id', '=', batch.id)
    .where('i.cancelled', '=', false)
    .execute()
  const byE2e = new Map(items.map((i) => [i.end_to_end_id, i]))
  const groupOf = new Map(items.map((i) => [i.id, paymentInfoId(batch.msg_id!, i.execution_on ?? '')]))
  const knownGroups = new Set(groupOf.values())

  // status per item: start from the group level, then the payment groups, then the transactions
  const target = new Map<string, { status: Pain002StatusCode; code: string | null; text: string | null }>()
  const setAll = (ids: string[], status: Pain002StatusCode | undefined, reasons: Parameters<typeof reasonOf>[0]) => {
    if (!status || status === 'PART') return
    const r = reasonOf(reasons)
    for (const id of ids) target.set(id, { status, code: r.code, text: r.text })
  }
  const groupStatus = report.groupStatus
  setAll(
    items.map((i) => i.id),
    groupStatus,
    report.reasons,
  )
  for (const pi of report.paymentInformation) {
    if (!knownGroups.has(pi.originalPaymentInfoId)) {
      throw bad({ code: 'pay.import.unknown_payment', params: { id: pi.originalPaymentInfoId.slice(0, 40), msgId: batch.msg_id! } })
    }
    const inGroup = items.filter((i) => groupOf.get(i.id) === pi.originalPaymentInfoId).map((i) => i.id)
    if (pi.status === 'PART' || (!pi.status && groupStatus === 'PART')) setAll(inGroup, 'ACCP', [])
    setAll(inGroup, pi.status, pi.reasons)
    for (const tx of pi.transactions) {
      if (!tx.originalEndToEndId) continue // identified by amount only: the group's status covers it
      const item = byE2e.get(tx.originalEndToEndId)
      if (!item) throw bad({ code: 'pay.import.unknown_payment', params: { id: tx.originalEndToEndId.slice(0, 40), msgId: batch.msg_id! } })
      const r = reasonOf(tx.reasons.length ? tx.reasons : pi.reasons)
      if (tx.status && tx.status !== 'PART') target.set(item.id, { status: tx.status, code: r.code, text: r.text })
    }
  }

  let accepted = 0
  let rejected = 0
  const touched = new Set<string>()
  for (const item of items) {
    const t = target.get(item.id)
    if (!t) continue
    const next: PaymentItemState | null = t.status === 'RJCT' ? 'rejected' : ACCEPTED.includes(t.status) ? 'accepted' : null
    if (!next || item.state === next || item.state === 'settled' || item.state === 'returned') continue
    await trx
      .updateTable('payment_item')
      .set({ state: next, reason_code: next === 'rejected' ? t.code : null, reason_text: next === 'rejected' ? t.text : null })
      .where('id', '=', item.id)
      .execute()
    touched.add(item.person_id)
    if (next === 'accepted') accepted++
    else rejected++
  }
  await trx.updateTable('payment_batch').set({ bank_status: groupStatus ?? null }).where('id', '=', batch.id).execute()
  await settleBatchState(trx, batch.id)
  const summary = { messageId: report.originalMessageId, batchIds: [batch.id], accepted, rejected, settled: 0, returned: 0, skipped: 0, unrelated: 0 }
  const id = (await recordImport(trx, 'pain002', report.messageId, hash, userId, summary))!
  return { result: { id, kind: 'pain002', duplicate: false, ...summary }, personIds: [...touched] }
}

/** The batch's state from its payments (only after it was sent). */
export async function settleBatchState(trx: Transaction<DB>, batchId: string) {
  const rows = await trx
    .selectFrom('payment_item')
    .select(['state', (eb) => eb.fn.countAll<number>().as('n')])
    .where('batch_id', '=', batchId)
    .where('cancelled', '=', false)
    .groupBy('state')
    .execute()
  const c: Record<string, number> = Object.fromEntries(rows.map((r) => [r.state, Number(r.n)]))
  const total = rows.reduce((s, r) => s + Number(r.n), 0)
  const final = (c.settled ?? 0) + (c.returned ?? 0) + (c.rejected ?? 0)
  let state: PaymentBatchState = 'sent'
  if (total > 0 && final === total) state = 'closed'
  else if ((c.rejected ?? 0) === total) state = 'rejected'
  else if ((c.rejected ?? 0) > 0) state = 'partly_accepted'
  else if ((c.pending ?? 0) === 0) state = 'accepted'
  await trx
    .updateTable('payment_batch')
    .set({ state, version: sql<number>`version + 1` })
    .where('id', '=', batchId)
    .where('state', 'not in', ['draft', 'approved', 'cancelled', 'closed'])
    .where('state', '<>', state)
    .execute()
}

/**
 * A camt.054 debit/credit notification, in one transaction. The account must be the organisation's. Each
 * transaction is applied once, keyed by its archive reference (AcctSvcrRef; the entry's plus the transaction's
 * position when only the entry has one): a booked debit with one of Huoma's EndToEndIds settles the payment; a
 * transaction with return information (RtrInf) — a returned payment, or an unsuccessful credit shown as a reversal
 * as in the Finance Finland sample — marks it returned with the reason (AC01 …); a reversed debit returns it too.
 * Other movements on the account are recorded as unrelated. A repeated file changes nothing.
 */
export async function importCamt054(trx: Transaction<DB>, userId: string, xml: string, debtorIban: string): Promise<Outcome> {
  if (!xml.trim()) throw bad({ code: 'pay.import.empty' })
  const entries: Camt054Entry[] = []
  try {
    for await (const e of parseCamt054(xml)) entries.push(e)
  } catch (e) {
    parseError(e, 'camt.054')
  }
  const hash = sha256(xml)
  const messageId = entries[0]?.messageId ?? ''
  const prev = await previousImport(trx, 'camt054', hash)
  if (prev) return { result: prev, personIds: [] }

  interface Tx {
    key: string
    e2e: string | undefined
    amount: number
    entry: Camt054Entry
    returnCode: string | null
    returnText: string | null
  }
  const txs: Tx[] = []
  for (const entry of entries) {
    const account = entry.notification.accountIban ?? entry.notification.accountOther ?? ''
    if (account.replace(/\s+/g, '').toUpperCase() !== debtorIban) throw bad({ code: 'pay.import.foreign_account', params: { iban: account.slice(0, 40) } })
    const list = entry.transactions.length ? entry.transactions : [undefined]
    list.forEach((tx, i) => {
      const key = tx?.accountServicerReference ?? (entry.accountServicerReference ? (list.length > 1 ? `${entry.accountServicerReference}#${i + 1}` : entry.accountServicerReference) : undefined)
      if (!key) throw bad({ code: 'pay.import.no_archive_reference', params: { entry: entry.entryReference ?? String(entry.index + 1) } })
      const rtr = tx?.returnInformation
      txs.push({
        key,
        e2e: tx?.endToEndId,
        amount: Number(tx?.amount ?? entry.amount),
        entry,
        returnCode: rtr ? (rtr.reasonCode ?? rtr.proprietaryReason ?? null) : null,
        returnText: rtr ? rtr.additionalInfo.join(' ').slice(0, 500) || null : null,
      })
    })
  }
  const seen = new Set<string>()
  const keys = txs.map((t) => t.key).filter((k) => (seen.has(k) ? false : (seen.add(k), true)))
  const done = new Set<string>()
  for (let i = 0; i < keys.length; i += 1000) {
    const rows = await trx.selectFrom('bank_entry').select('acct_svcr_ref').where('acct_svcr_ref', 'in', keys.slice(i, i + 1000)).execute()
    rows.forEach((r) => done.add(r.acct_svcr_ref))
  }
  const e2es = [...new Set(txs.map((t) => t.e2e).filter((x): x is string => !!x))]
  // in chunks: one statement's parameters are limited (65 535), and a bank's file can hold more payments than that
  const itemRows: { id: string; batch_id: string; end_to_end_id: string; amount_cents: number; state: string; person_id: string }[] = []
  for (let i = 0; i < e2es.length; i += 1000) {
    itemRows.push(
      ...(await trx
        .selectFrom('payment_item as i')
        .innerJoin('payable as p', 'p.id', 'i.payable_id')
        .innerJoin('payment_batch as b', 'b.id', 'i.batch_id')
        .select(['i.id', 'i.batch_id', 'i.end_to_end_id', 'i.amount_cents', 'i.state', 'p.person_id'])
        .where('i.end_to_end_id', 'in', e2es.slice(i, i + 1000))
        .where('i.cancelled', '=', false)
        .where('b.msg_id', 'is not', null)
        .forUpdate('i')
        .execute()),
    )
  }
  const items = new Map(itemRows.map((r) => [r.end_to_end_id, { ...r, state: r.state as PaymentItemState }]))
  const counts = { settled: 0, returned: 0, skipped: 0, unrelated: 0 }
  const batches = new Set<string>()
  const persons = new Set<string>()
  const applied = new Set<string>()
  const entriesToStore: { acct_svcr_ref: string; import_id: string; payment_item_id: string | null; effect: 'settled' | 'returned' | 'reversal' | 'unrelated'; amount_cents: number; booked_on: string | null }[] = []
  for (const t of txs) {
    if (done.has(t.key) || applied.has(t.key)) {
      counts.skipped++
      continue
    }
    applied.add(t.key)
    const item = t.e2e ? items.get(t.e2e) : undefined
    const booked = t.entry.bookingDate ?? t.entry.valueDate ?? null
    let effect: 'settled' | 'returned' | 'reversal' | 'unrelated' = 'unrelated'
    if (item) {
      if (t.amount !== Number(item.amount_cents)) throw bad({ code: 'pay.import.amount_mismatch', params: { id: t.e2e!, amount: (t.amount / 100).toFixed(2) } })
      const isReturn = t.returnCode !== null || (t.entry.creditDebit === 'CRDT' && !t.entry.reversal) || (t.entry.creditDebit === 'DBIT' && t.entry.reversal)
      if (isReturn) {
        effect = t.entry.reversal ? 'reversal' : 'returned'
        if (item.state !== 'returned') {
          await trx
            .updateTable('payment_item')
            .set({ state: 'returned', reason_code: t.returnCode, reason_text: t.returnText, bank_ref: t.key, returned_on: booked })
            .where('id', '=', item.id)
            .execute()
          item.state = 'returned'
          counts.returned++
        }
      } else if (t.entry.creditDebit === 'DBIT' && t.entry.status === 'BOOK') {
        effect = 'settled'
        if (item.state !== 'settled' && item.state !== 'returned') {
          await trx.updateTable('payment_item').set({ state: 'settled', bank_ref: t.key, settled_on: booked }).where('id', '=', item.id).execute()
          item.state = 'settled'
          counts.settled++
        }
      } else {
        // pending or information only, no return: nothing happened yet; a later booking has its own reference
        applied.delete(t.key)
        continue
      }
      batches.add(item.batch_id)
      persons.add(item.person_id)
    } else counts.unrelated++
    entriesToStore.push({ acct_svcr_ref: t.key, import_id: '', payment_item_id: item?.id ?? null, effect, amount_cents: t.amount, booked_on: booked })
  }
  for (const b of batches) await settleBatchState(trx, b)
  const summary = { messageId, batchIds: [...batches], accepted: 0, rejected: 0, ...counts }
  const id = (await recordImport(trx, 'camt054', messageId, hash, userId, summary))!
  for (let i = 0; i < entriesToStore.length; i += 1000) {
    await trx
      .insertInto('bank_entry')
      .values(entriesToStore.slice(i, i + 1000).map((e) => ({ ...e, import_id: id })))
      .execute()
  }
  return { result: { id, kind: 'camt054', duplicate: false, ...summary }, personIds: [...persons] }
}

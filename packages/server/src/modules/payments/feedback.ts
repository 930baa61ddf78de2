import { createHash } from 'node:crypto'
import type { BankImportResult } from '@huoma/contract'
import { BankFileParseError, parseCamt054, parsePain002, type Pain002Report, type Pain002StatusCode } from '@huoma/domain'
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

/** What `bank_import.summary` holds (the batch numbers are read with the result: older summaries lack them). */
type Summary = Omit<BankImportResult, 'id' | 'kind' | 'duplicate' | 'batchNumbers'>

/** The result with the numbers of its batches, in the order of `batchIds`. */
async function withBatchNumbers(trx: Transaction<DB>, result: Omit<BankImportResult, 'batchNumbers'>): Promise<BankImportResult> {
  const rows = result.batchIds.length ? await trx.selectFrom('payment_batch').select(['id', 'number']).where('id', 'in', result.batchIds).execute() : []
  const numbers = new Map(rows.map((r) => [r.id, Number(r.number)]))
  const { batchIds, ...rest } = result
  return { ...rest, batchIds, batchNumbers: batchIds.map((id) => numbers.get(id)).filter((n): n is number => n !== undefined) }
}

async function recordImport(trx: Transaction<DB>, kind: 'pain002' | 'camt054', messageId: string, hash: string, userId: string, result: Summary) {
  const row = await trx
    .insertInto('bank_import')
    .values({ kind, message_id: messageId, sha256: hash, summary: JSON.stringify(result), imported_by: userId })
    .onConflict((oc) => oc.columns(['kind', 'sha256']).doNothing())
    .returning('id')
    .executeTakeFirst()
  return row?.id
}

async function previousImport(trx: Transaction<DB>, kind: 'pain002' | 'camt054', hash: string): Promise<Omit<BankImportResult, 'batchNumbers'> | undefined> {
  const prev = await trx.selectFrom('bank_import').select(['id', 'summary']).where('kind', '=', kind).where('sha256', '=', hash).executeTakeFirst()
  if (!prev) return undefined
  const s = (typeof prev.summary === 'string' ? JSON.parse(prev.summary) : prev.summary) as Summary & { batchNumbers?: unknown }
  const { batchNumbers: _stored, ...summary } = s
  return { ...summary, id: prev.id, kind, duplicate: true, accepted: 0, rejected: 0, settled: 0, returned: 0, skipped: s.skipped }
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
  if (prev) return { result: await withBatchNumbers(trx, { ...prev, batchIds: [batch.id] }), personIds: [] }

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
  return { result: await withBatchNumbers(trx, { id, kind: 'pain002', duplicate: false, ...summary }), personIds: [...touched] }
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

/** The bytes of a bank file and their hash (the request body spooled to disk: see `spool.ts`). */
export interface BankFileSource {
  sha256: string
  /** nothing but whitespace */
  blank: boolean
  read(): AsyncIterable<Uint8Array>
}

/** Entries read before they are applied together; also the size of each lookup, update and insert. */
export const CAMT054_CHUNK = 1000

type Effect = 'settled' | 'returned' | 'reversal' | 'unrelated'

/**
 * What a chunk keeps of one transaction until it is applied: a few values, not the parsed entry (whose objects
 * then die young instead of piling up in the old generation between garbage collections).
 */
interface CamtTx {
  key: string
  e2e: string | undefined
  amount: number
  creditDebit: 'CRDT' | 'DBIT'
  reversal: boolean
  booked: boolean
  bookedOn: string | null
  returnCode: string | null
  returnText: string | null
}

/** One payment's new bank state within a chunk (a settle and a later return in the same chunk merge). */
interface ItemChange {
  id: string
  state: 'settled' | 'returned'
  bankRef: string
  settled: boolean
  settledOn: string | null
  returned: boolean
  returnedOn: string | null
  reasonCode: string | null
  reasonText: string | null
}

/**
 * A camt.054 debit/credit notification, in one transaction. The account must be the organisation's. Each
 * transaction is applied once, keyed by its archive reference (AcctSvcrRef; the entry's plus the transaction's
 * position when only the entry has one): a booked debit with one of Huoma's EndToEndIds settles the payment; a
 * transaction with return information (RtrInf) — a returned payment, or an unsuccessful credit shown as a reversal
 * as in the Finance Finland sample — marks it returned with the reason (AC01 …); a reversed debit returns it too.
 * Other movements on the account are recorded as unrelated. A repeated file changes nothing.
 *
 * The file is parsed as a stream and applied in chunks of {@link CAMT054_CHUNK} transactions, each with one lookup
 * of the archive references already applied (earlier imports, and earlier chunks of this one), one locking lookup
 * of the payments, one set-based `UPDATE … FROM unnest(…)` and one `INSERT … SELECT FROM unnest(…)` of the entries:
 * memory does not grow with the file, and the statements' parameters stay few. Anything wrong anywhere in the file
 * (malformed XML, a foreign account, an amount that differs) throws, and the caller's transaction rolls back every
 * chunk already applied.
 */
export async function importCamt054(trx: Transaction<DB>, userId: string, file: BankFileSource, debtorIban: string): Promise<Outcome> {
  if (file.blank) throw bad({ code: 'pay.import.empty' })
  const prev = await previousImport(trx, 'camt054', file.sha256)
  if (prev) return { result: await withBatchNumbers(trx, prev), personIds: [] }

  const counts = { settled: 0, returned: 0, skipped: 0, unrelated: 0 }
  const batches = new Set<string>()
  const persons = new Set<string>()
  let messageId = ''
  let importId: string | undefined
  /** The bank_import row first (the entries reference it); its summary is written at the end. */
  const ensureImport = async () => {
    if (importId) return importId
    const row = await trx
      .insertInto('bank_import')
      .values({ kind: 'camt054', message_id: messageId, sha256: file.sha256, summary: JSON.stringify({}), imported_by: userId })
      .onConflict((oc) => oc.columns(['kind', 'sha256']).doNothing())
      .returning('id')
      .executeTakeFirst()
    // the same file committed by a concurrent import meanwhile (the unique index waited for it)
    if (!row) throw new DuplicateFile()
    return (importId = row.id)
  }

  const apply = async (txs: CamtTx[]) => {
    const id = await ensureImport()
    const keys = [...new Set(txs.map((t) => t.key))]
    const done = new Set(
      (await sql<{ acct_svcr_ref: string }>`SELECT acct_svcr_ref FROM bank_entry WHERE acct_svcr_ref = ANY(${keys}::text[])`.execute(trx)).rows.map(
        (r) => r.acct_svcr_ref,
      ),
    )
    const e2es = [...new Set(txs.filter((t) => t.e2e && !done.has(t.key)).map((t) => t.e2e!))]
    const itemRows = e2es.length
      ? await trx
          .selectFrom('payment_item as i')
          .innerJoin('payable as p', 'p.id', 'i.payable_id')
          .innerJoin('payment_batch as b', 'b.id', 'i.batch_id')
          .select(['i.id', 'i.batch_id', 'i.end_to_end_id', 'i.amount_cents', 'i.state', 'p.person_id'])
          .where(sql<boolean>`i.end_to_end_id = ANY(${e2es}::text[])`)
          .where('i.cancelled', '=', false)
          .where('b.msg_id', 'is not', null)
          .forUpdate('i')
          .execute()
      : []
    const items = new Map(itemRows.map((r) => [r.end_to_end_id, { ...r, state: r.state as PaymentItemState }]))
    const changes = new Map<string, ItemChange>()
    const applied = new Set<string>()
    const stored: { key: string; item: string | null; effect: Effect; amount: number; booked: string | null }[] = []
    for (const t of txs) {
      if (done.has(t.key) || applied.has(t.key)) {
        counts.skipped++
        continue
      }
      const item = t.e2e ? items.get(t.e2e) : undefined
      const booked = t.bookedOn
      let effect: Effect = 'unrelated'
      if (item) {
        if (t.amount !== Number(item.amount_cents)) throw bad({ code: 'pay.import.amount_mismatch', params: { id: t.e2e!, amount: (t.amount / 100).toFixed(2) } })
        const isReturn = t.returnCode !== null || (t.creditDebit === 'CRDT' && !t.reversal) || (t.creditDebit === 'DBIT' && t.reversal)
        const change = (): ItemChange =>
          changes.get(item.id) ?? { id: item.id, state: 'settled', bankRef: t.key, settled: false, settledOn: null, returned: false, returnedOn: null, reasonCode: null, reasonText: null }
        if (isReturn) {
          effect = t.reversal ? 'reversal' : 'returned'
          if (item.state !== 'returned') {
            changes.set(item.id, { ...change(), state: 'returned', bankRef: t.key, returned: true, returnedOn: booked, reasonCode: t.returnCode, reasonText: t.returnText })
            item.state = 'returned'
            counts.returned++
          }
        } else if (t.creditDebit === 'DBIT' && t.booked) {
          effect = 'settled'
          if (item.state !== 'settled' && item.state !== 'returned') {
            changes.set(item.id, { ...change(), state: 'settled', bankRef: t.key, settled: true, settledOn: booked })
            item.state = 'settled'
            counts.settled++
          }
        } else {
          // pending or information only, no return: nothing happened yet; a later booking has its own reference
          continue
        }
        batches.add(item.batch_id)
        persons.add(item.person_id)
      } else counts.unrelated++
      applied.add(t.key)
      stored.push({ key: t.key, item: item?.id ?? null, effect, amount: t.amount, booked })
    }
    if (changes.size) {
      const c = [...changes.values()]
      // one statement for the chunk; the item trigger still moves each payable (paid / returned) row by row
      await sql`
        UPDATE payment_item AS i SET
          state = v.state,
          bank_ref = v.bank_ref,
          settled_on = CASE WHEN v.settled THEN v.settled_on ELSE i.settled_on END,
          returned_on = CASE WHEN v.returned THEN v.returned_on ELSE i.returned_on END,
          reason_code = CASE WHEN v.returned THEN v.reason_code ELSE i.reason_code END,
          reason_text = CASE WHEN v.returned THEN v.reason_text ELSE i.reason_text END
        FROM unnest(
          ${c.map((x) => x.id)}::uuid[], ${c.map((x) => x.state)}::text[], ${c.map((x) => x.bankRef)}::text[],
          ${c.map((x) => x.settled)}::boolean[], ${c.map((x) => x.settledOn)}::date[],
          ${c.map((x) => x.returned)}::boolean[], ${c.map((x) => x.returnedOn)}::date[],
          ${c.map((x) => x.reasonCode)}::text[], ${c.map((x) => x.reasonText)}::text[]
        ) AS v(id, state, bank_ref, settled, settled_on, returned, returned_on, reason_code, reason_text)
        WHERE i.id = v.id`.execute(trx)
    }
    if (stored.length) {
      await sql`
        INSERT INTO bank_entry (acct_svcr_ref, import_id, payment_item_id, effect, amount_cents, booked_on)
        SELECT k, ${id}::uuid, item, effect, amount, booked FROM unnest(
          ${stored.map((s) => s.key)}::text[], ${stored.map((s) => s.item)}::uuid[], ${stored.map((s) => s.effect)}::text[],
          ${stored.map((s) => s.amount)}::bigint[], ${stored.map((s) => s.booked)}::date[]
        ) AS v(k, item, effect, amount, booked)`.execute(trx)
    }
  }

  let pending: CamtTx[] = []
  /**
   * The chunk PostgreSQL is applying while the next one is parsed (two cores: the parse and the statements overlap).
   * At most one is in flight: the next chunk waits for it, so memory stays two chunks and the statements keep their
   * order on the transaction's connection. Its failure is taken at that wait or below, never left unobserved.
   */
  let inFlight: Promise<void> | undefined
  const applyNext = async (chunk: CamtTx[]) => {
    if (inFlight) await inFlight
    inFlight = apply(chunk)
    inFlight.catch(() => undefined)
  }
  try {
    for await (const entry of parseCamt054(file.read())) {
      messageId ||= entry.messageId
      const account = entry.notification.accountIban ?? entry.notification.accountOther ?? ''
      if (account.replace(/\s+/g, '').toUpperCase() !== debtorIban) throw bad({ code: 'pay.import.foreign_account', params: { iban: account.slice(0, 40) } })
      const list = entry.transactions.length ? entry.transactions : [undefined]
      list.forEach((tx, i) => {
        const key = tx?.accountServicerReference ?? (entry.accountServicerReference ? (list.length > 1 ? `${entry.accountServicerReference}#${i + 1}` : entry.accountServicerReference) : undefined)
        if (!key) throw bad({ code: 'pay.import.no_archive_reference', params: { entry: entry.entryReference ?? String(entry.index + 1) } })
        const rtr = tx?.returnInformation
        pending.push({
          key,
          e2e: tx?.endToEndId,
          amount: Number(tx?.amount ?? entry.amount),
          creditDebit: entry.creditDebit,
          reversal: entry.reversal,
          booked: entry.status === 'BOOK',
          bookedOn: entry.bookingDate ?? entry.valueDate ?? null,
          returnCode: rtr ? (rtr.reasonCode ?? rtr.proprietaryReason ?? null) : null,
          returnText: rtr ? rtr.additionalInfo.join(' ').slice(0, 500) || null : null,
        })
      })
      if (pending.length >= CAMT054_CHUNK) {
        const chunk = pending
        pending = []
        await applyNext(chunk)
      }
    }
  } catch (e) {
    // the chunk still in flight finishes (or fails) before the error leaves: the caller's rollback comes after it
    await inFlight?.catch(() => undefined)
    if (e instanceof DuplicateFile) return duplicateOf(trx, file.sha256)
    parseError(e, 'camt.054')
  }
  try {
    if (inFlight) await inFlight
    if (pending.length) await apply(pending)
    else await ensureImport()
  } catch (e) {
    if (e instanceof DuplicateFile) return duplicateOf(trx, file.sha256)
    throw e
  }
  for (const b of batches) await settleBatchState(trx, b)
  const summary: Summary = { messageId, batchIds: [...batches], accepted: 0, rejected: 0, ...counts }
  await trx.updateTable('bank_import').set({ message_id: messageId, summary: JSON.stringify(summary) }).where('id', '=', importId!).execute()
  return { result: await withBatchNumbers(trx, { id: importId!, kind: 'camt054', duplicate: false, ...summary }), personIds: [...persons] }
}

class DuplicateFile extends Error {}

async function duplicateOf(trx: Transaction<DB>, hash: string): Promise<Outcome> {
  const prev = await previousImport(trx, 'camt054', hash)
  if (!prev) throw new Error('a camt.054 import conflicted with one that is not visible')
  return { result: await withBatchNumbers(trx, prev), personIds: [] }
}

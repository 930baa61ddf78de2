import type { OpenPayable, PaymentBatch, PaymentBatchSummary, PaymentItem, PaymentSelection } from '@huoma/contract'
import {
  isBankingDay,
  nextBankingDay,
  SEPA_MAX_AMOUNT,
  todayInHelsinki,
  validatePain001Payment,
  type Cents,
  type LocalDate,
} from '@huoma/domain'
import { isValidIBAN } from 'ibantools'
import { sql, type Kysely, type Transaction } from 'kysely'
import type { Database } from '../../db/database'
import type { DB, PaymentBatchState } from '../../db/schema'
import { HttpProblem, type FieldIssue } from '../../http/problem'
import { remittanceOf } from './remittance'

type Db = Kysely<DB> | Transaction<DB>

/** The handle of the batch list (`listBatches`): outside any chokepoint, because a summary names no client. */
// eslint-disable-next-line no-restricted-syntax -- batch summaries are no client data (states, counts, totals, staff)
export const batchSummariesDb = (app: { database: Database }): Kysely<DB> => app.database.db

export const refuse = (status: number, issues: FieldIssue[]) =>
  new HttpProblem(status, status === 409 ? 'conflict' : 'validation', { issues })

const euros = (c: number) => `${(c / 100).toFixed(2).replace('.', ',')} €`

/**
 * The day the bank is asked to pay: the due date, or today when the due date is past, moved forward to the next
 * Finnish banking day (bank holidays, weekends). A past due date is not refused: the money is owed, so it goes out
 * on the first possible day.
 */
export function executionDate(dueOn: string, today: LocalDate): LocalDate {
  const start = (dueOn < today ? today : dueOn) as LocalDate
  return isBankingDay(start) ? start : nextBankingDay(start)
}

function selectionQuery(db: Db, sel: PaymentSelection) {
  let q = db
    .selectFrom('payable as p')
    .innerJoin('unit as u', 'u.id', 'p.unit_id')
    // the column itself, not `= $n`: the partial index's predicate (is_open) is then provable in a generic plan too
    .where(sql.ref<boolean>('p.is_open'))
    .where('p.due_on', '>=', sel.dueFrom)
    .where('p.due_on', '<=', sel.dueTo)
  if (sel.unitId) q = q.where('p.unit_id', '=', sel.unitId)
  return q
}

function checkRange(sel: PaymentSelection) {
  if (sel.dueTo < sel.dueFrom) throw refuse(400, [{ field: 'dueTo', code: 'pay.selection.range' }])
}

/** The open payables of a selection, in due-date order, each checked for what the bank file needs. */
export async function selectOpen(db: Db, sel: PaymentSelection, now: Date, lock = false): Promise<OpenPayable[]> {
  checkRange(sel)
  let q = selectionQuery(db, sel)
    .select([
      'p.id',
      'p.number',
      'p.person_id',
      'p.service_task',
      'p.unit_id',
      'u.name_fi as unit_name',
      'p.payee_kind',
      'p.payee_name',
      'p.iban',
      'p.bic',
      'p.amount_cents',
      'p.due_on',
      'p.reference',
      'p.message',
    ])
    .orderBy('p.due_on')
    .orderBy('p.number')
  if (lock) q = q.forUpdate('p')
  const rows = await q.execute()
  const today = todayInHelsinki(now)
  return rows.map((r) => ({
    id: r.id,
    number: Number(r.number),
    personId: r.person_id,
    serviceTask: r.service_task,
    unitId: r.unit_id,
    unitName: r.unit_name,
    payeeKind: r.payee_kind,
    payeeName: r.payee_name,
    iban: r.iban,
    bic: r.bic,
    amountCents: Number(r.amount_cents),
    dueOn: r.due_on,
    executionOn: executionDate(r.due_on, today),
    reference: r.reference,
    message: r.message,
  }))
}

/** Bad input that cannot reach a bank file: an invalid IBAN, an amount over the SEPA limit, unwritable text. */
export function payableIssues(payables: OpenPayable[]): FieldIssue[] {
  const issues: FieldIssue[] = []
  payables.forEach((p, i) => {
    const field = `payables/${i}`
    if (!isValidIBAN(p.iban)) issues.push({ field, code: 'pay.payable.iban_invalid', params: { number: p.number, iban: p.iban } })
    else if (p.amountCents > SEPA_MAX_AMOUNT) issues.push({ field, code: 'pay.payable.amount_over_limit', params: { number: p.number } })
    else {
      const found = validatePain001Payment({
        endToEndId: `H1-${p.number}`,
        amount: p.amountCents as Cents,
        creditorName: p.payeeName,
        creditorIban: p.iban,
        ...(p.bic ? { creditorBic: p.bic } : {}),
        remittance: remittanceOf(p.reference, p.message),
      })
      if (found.length) issues.push({ field, code: 'pay.payable.invalid', params: { number: p.number, problem: found.map((f) => `${f.field} ${f.code}`).join(', ') } })
    }
  })
  return issues
}

/**
 * Create a draft batch: under row locks on the selected payables, check the selection against the preview the user
 * saw, insert the batch and one item per payable (the trigger turns each payable `in_batch`, and the partial unique
 * index refuses a payable that is already in a live item). Returns the batch id and the clients named.
 */
export async function createBatch(
  trx: Transaction<DB>,
  userId: string,
  body: PaymentSelection & { expectedCount?: number | undefined; expectedTotalCents?: number | undefined },
  now: Date,
): Promise<{ batchId: string; personIds: string[] }> {
  const payables = await selectOpen(trx, body, now, true)
  const total = payables.reduce((s, p) => s + p.amountCents, 0)
  if (!payables.length) throw refuse(409, [{ field: 'dueFrom', code: 'pay.selection.empty' }])
  if ((body.expectedCount !== undefined && body.expectedCount !== payables.length) || (body.expectedTotalCents !== undefined && body.expectedTotalCents !== total)) {
    throw refuse(409, [{ field: 'expectedCount', code: 'pay.selection.changed', params: { count: payables.length, total: euros(total) } }])
  }
  const issues = payableIssues(payables)
  if (issues.length) throw refuse(422, issues)
  const batch = await trx
    .insertInto('payment_batch')
    .values({
      unit_id: body.unitId ?? null,
      due_from: body.dueFrom,
      due_to: body.dueTo,
      item_count: payables.length,
      total_cents: total,
      created_by: userId,
      approved_by: null,
      approved_at: null,
      cancelled_by: null,
      cancelled_at: null,
      pain_version: null,
      msg_id: null,
      file_created_at: null,
      sent_at: null,
      sent_by: null,
      bank_status: null,
    })
    .returning(['id', 'number'])
    .executeTakeFirstOrThrow()
  const n = Number(batch.number)
  for (let i = 0; i < payables.length; i += 1000) {
    const chunk = payables.slice(i, i + 1000)
    await trx
      .insertInto('payment_item')
      .values(
        chunk.map((p) => ({
          batch_id: batch.id,
          payable_id: p.id,
          amount_cents: p.amountCents,
          end_to_end_id: endToEndId(n, p.number),
          execution_on: null,
          reason_code: null,
          reason_text: null,
          bank_ref: null,
          settled_on: null,
          returned_on: null,
        })),
      )
      .execute()
  }
  return { batchId: batch.id, personIds: [...new Set(payables.map((p) => p.personId))] }
}

/** The reconciliation key: batch number and payable number, SEPA-safe, unique because a payable is once per batch. */
export const endToEndId = (batchNumber: number, payableNumber: number) => `HUOMA-${batchNumber}-${payableNumber}`

async function lockBatch(trx: Transaction<DB>, batchId: string) {
  const b = await trx.selectFrom('payment_batch').selectAll().where('id', '=', batchId).forUpdate().executeTakeFirst()
  if (!b) throw new HttpProblem(404, 'notFound')
  return b
}

const personsOf = async (db: Db, batchId: string) =>
  (
    await db
      .selectFrom('payment_item as i')
      .innerJoin('payable as p', 'p.id', 'i.payable_id')
      .select('p.person_id')
      .distinct()
      .where('i.batch_id', '=', batchId)
      .execute()
  ).map((r) => r.person_id)

/** Approve a draft: never by its creator (refused here, and by the table's CHECK should code ever forget). */
export async function approveBatch(trx: Transaction<DB>, userId: string, batchId: string, version: number) {
  const b = await lockBatch(trx, batchId)
  if (b.state !== 'draft') throw refuse(409, [{ field: 'batchId', code: 'pay.batch.not_draft' }])
  if (b.created_by === userId) throw refuse(403, [{ field: 'batchId', code: 'pay.batch.own_batch' }])
  if (b.version !== version) throw refuse(409, [{ field: 'version', code: 'pay.batch.not_draft' }])
  await trx
    .updateTable('payment_batch')
    .set({ state: 'approved', approved_by: userId, approved_at: sql<Date>`now()`, version: sql<number>`version + 1` })
    .where('id', '=', batchId)
    .execute()
  return personsOf(trx, batchId)
}

/** Cancel an unsent batch: its items are cancelled and their payables return to the open list (trigger). */
export async function cancelBatch(trx: Transaction<DB>, userId: string, batchId: string, version: number) {
  const b = await lockBatch(trx, batchId)
  if (b.msg_id !== null || !['draft', 'approved'].includes(b.state)) throw refuse(409, [{ field: 'batchId', code: 'pay.batch.sent' }])
  if (b.version !== version) throw refuse(409, [{ field: 'version', code: 'pay.batch.not_draft' }])
  const persons = await personsOf(trx, batchId)
  await trx.updateTable('payment_item').set({ cancelled: true }).where('batch_id', '=', batchId).where('cancelled', '=', false).execute()
  await trx
    .updateTable('payment_batch')
    .set({ state: 'cancelled', cancelled_by: userId, cancelled_at: sql<Date>`now()`, version: sql<number>`version + 1` })
    .where('id', '=', batchId)
    .execute()
  return persons
}

function summaryQuery(db: Db) {
  return db
    .selectFrom('payment_batch as b')
    .innerJoin('staff_user as c', 'c.id', 'b.created_by')
    .leftJoin('staff_user as a', 'a.id', 'b.approved_by')
    .leftJoin('unit as u', 'u.id', 'b.unit_id')
    .select([
      'b.id',
      'b.number',
      'b.state',
      'b.version',
      'b.unit_id',
      'u.name_fi as unit_name',
      'b.due_from',
      'b.due_to',
      'b.item_count',
      'b.total_cents',
      'b.created_by',
      'c.display_name as created_name',
      'b.created_at',
      'b.approved_by',
      'a.display_name as approved_name',
      'b.approved_at',
      'b.cancelled_at',
      'b.sent_at',
      'b.pain_version',
      'b.msg_id',
      'b.bank_status',
    ])
}

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString())

async function itemCounts(db: Db, batchIds: string[]) {
  if (!batchIds.length) return new Map<string, Record<string, number>>()
  const rows = await db
    .selectFrom('payment_item')
    .select(['batch_id', 'state', (eb) => eb.fn.countAll<number>().as('n')])
    .where('batch_id', 'in', batchIds)
    .where('cancelled', '=', false)
    .groupBy(['batch_id', 'state'])
    .execute()
  const map = new Map<string, Record<string, number>>()
  for (const r of rows) {
    const m = map.get(r.batch_id) ?? {}
    m[r.state] = Number(r.n)
    map.set(r.batch_id, m)
  }
  return map
}

export async function listBatches(db: Db, userId: string, opts: { state?: PaymentBatchState | undefined; limit?: number | undefined }): Promise<PaymentBatchSummary[]> {
  let q = summaryQuery(db).orderBy('b.number', 'desc').limit(opts.limit ?? 50)
  if (opts.state) q = q.where('b.state', '=', opts.state)
  const rows = await q.execute()
  const counts = await itemCounts(
    db,
    rows.map((r) => r.id),
  )
  return rows.map((r) => toSummary(r, counts.get(r.id) ?? {}, userId))
}

type SummaryRow = Awaited<ReturnType<ReturnType<typeof summaryQuery>['executeTakeFirstOrThrow']>>

function toSummary(r: SummaryRow, c: Record<string, number>, userId: string): PaymentBatchSummary {
  return {
    id: r.id,
    number: Number(r.number),
    state: r.state,
    version: r.version,
    unitId: r.unit_id,
    unitName: r.unit_name,
    dueFrom: r.due_from,
    dueTo: r.due_to,
    count: r.item_count,
    totalCents: Number(r.total_cents),
    createdBy: { id: r.created_by, name: r.created_name },
    createdAt: iso(r.created_at)!,
    approvedBy: r.approved_by ? { id: r.approved_by, name: r.approved_name ?? '' } : null,
    approvedAt: iso(r.approved_at),
    cancelledAt: iso(r.cancelled_at),
    sentAt: iso(r.sent_at),
    painVersion: r.pain_version,
    msgId: r.msg_id,
    bankStatus: r.bank_status,
    items: { pending: c.pending ?? 0, accepted: c.accepted ?? 0, rejected: c.rejected ?? 0, settled: c.settled ?? 0, returned: c.returned ?? 0 },
    canApprove: r.state === 'draft' && r.created_by !== userId,
  }
}

export async function readBatch(db: Db, userId: string, batchId: string): Promise<{ batch: PaymentBatch; personIds: string[] }> {
  const r = await summaryQuery(db).where('b.id', '=', batchId).executeTakeFirst()
  if (!r) throw new HttpProblem(404, 'notFound')
  const counts = await itemCounts(db, [batchId])
  const items = await db
    .selectFrom('payment_item as i')
    .innerJoin('payable as p', 'p.id', 'i.payable_id')
    .select([
      'i.id',
      'i.payable_id',
      'p.number as payable_number',
      'p.person_id',
      'p.service_task',
      'p.unit_id',
      'p.payee_name',
      'p.iban',
      'p.bic',
      'i.amount_cents',
      'p.due_on',
      'i.execution_on',
      'p.reference',
      'p.message',
      'i.end_to_end_id',
      'i.state',
      'i.reason_code',
      'i.reason_text',
      'i.bank_ref',
    ])
    .where('i.batch_id', '=', batchId)
    .where((eb) => (r.state === 'cancelled' ? sql<boolean>`true` : eb('i.cancelled', '=', false)))
    .orderBy('i.number')
    .execute()
  const payments: PaymentItem[] = items.map((i) => ({
    id: i.id,
    payableId: i.payable_id,
    payableNumber: Number(i.payable_number),
    personId: i.person_id,
    serviceTask: i.service_task,
    unitId: i.unit_id,
    payeeName: i.payee_name,
    iban: i.iban,
    bic: i.bic,
    amountCents: Number(i.amount_cents),
    dueOn: i.due_on,
    executionOn: i.execution_on,
    reference: i.reference,
    message: i.message,
    endToEndId: i.end_to_end_id,
    state: i.state,
    reasonCode: i.reason_code,
    reasonText: i.reason_text,
    bankReference: i.bank_ref,
  }))
  return { batch: { ...toSummary(r, counts.get(batchId) ?? {}, userId), payments }, personIds: [...new Set(payments.map((p) => p.personId))] }
}

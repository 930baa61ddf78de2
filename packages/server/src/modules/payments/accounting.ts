import type { AccountingEntry, ReturnedPayment } from '@huoma/contract'
import { sql, type Expression, type ExpressionBuilder, type SqlBool, type Transaction } from 'kysely'
import type { DB } from '../../db/schema'

/** Columns of the accounting CSV, in order (the header row uses these names). */
export const ACCOUNTING_COLUMNS = [
  'batchNumber',
  'paymentNumber',
  'endToEndId',
  'executionOn',
  'state',
  'costCentre',
  'account',
  'serviceTask',
  'sourceKind',
  'unitCode',
  'amountCents',
  'amount',
] as const satisfies readonly (keyof AccountingEntry)[]

/**
 * One entry per payment sent to the bank (the file was generated), of one batch or with an execution date in the
 * period: cost centre from the unit, account from `payment_account` by source and service task (`UNMAPPED` when
 * the table has no row: the ledger then shows what needs a mapping).
 */
export async function accountingEntries(
  trx: Transaction<DB>,
  sel: { batchId?: string | undefined; from?: string | undefined; to?: string | undefined },
): Promise<{ entries: AccountingEntry[]; personIds: string[] }> {
  let q = trx
    .selectFrom('payment_item as i')
    .innerJoin('payment_batch as b', 'b.id', 'i.batch_id')
    .innerJoin('payable as p', 'p.id', 'i.payable_id')
    .innerJoin('unit as u', 'u.id', 'p.unit_id')
    .leftJoin('payment_account as a', (j) => j.onRef('a.source_kind', '=', 'p.source_kind').onRef('a.service_task', '=', 'p.service_task'))
    .select([
      'b.number as batch_number',
      'i.number',
      'i.end_to_end_id',
      'i.execution_on',
      'i.state',
      'u.cost_centre',
      'u.code as unit_code',
      'a.account',
      'p.service_task',
      'p.source_kind',
      'i.amount_cents',
      'p.person_id',
    ])
    .where('i.cancelled', '=', false)
    .where('b.msg_id', 'is not', null)
  if (sel.batchId) q = q.where('b.id', '=', sel.batchId)
  if (sel.from) q = q.where('i.execution_on', '>=', sel.from)
  if (sel.to) q = q.where('i.execution_on', '<=', sel.to)
  const rows = await q.orderBy('b.number').orderBy('i.number').execute()
  return {
    entries: rows.map((r) => ({
      batchNumber: Number(r.batch_number),
      paymentNumber: Number(r.number),
      endToEndId: r.end_to_end_id,
      executionOn: r.execution_on!,
      state: r.state,
      costCentre: r.cost_centre ?? '',
      account: r.account ?? 'UNMAPPED',
      serviceTask: r.service_task,
      sourceKind: r.source_kind,
      unitCode: r.unit_code,
      amountCents: Number(r.amount_cents),
      amount: (Number(r.amount_cents) / 100).toFixed(2),
    })),
    personIds: [...new Set(rows.map((r) => r.person_id))],
  }
}

const csvCell = (v: string | number) => {
  const s = String(v)
  return /[";\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s
}

/** UTF-8 with BOM (Excel in Finland opens it right), semicolons, CRLF, decimal comma in `amount`. */
export function accountingCsv(entries: AccountingEntry[]): string {
  const lines = [ACCOUNTING_COLUMNS.join(';')]
  for (const e of entries) lines.push(ACCOUNTING_COLUMNS.map((c) => csvCell(c === 'amount' ? e.amount.replace('.', ',') : e[c])).join(';'))
  return `\uFEFF${lines.join('\r\n')}\r\n`
}

/**
 * Returned and rejected payments of the clients the handler may see (the list chokepoint's filter), newest first.
 * Rows carry `id` = the client, so the chokepoint's audit row names exactly the clients shown.
 */
export async function returnedPayments(
  trx: Transaction<DB>,
  isVisible: (eb: ExpressionBuilder<DB, 'person'>) => Expression<SqlBool>,
  includeHandled: boolean,
): Promise<(ReturnedPayment & { id: string })[]> {
  let q = trx
    .selectFrom('payment_item as i')
    .innerJoin('payment_batch as b', 'b.id', 'i.batch_id')
    .innerJoin('payable as p', 'p.id', 'i.payable_id')
    .innerJoin('person', 'person.id', 'p.person_id')
    .select([
      'p.id as payable_id',
      'p.number as payable_number',
      'p.person_id',
      'p.service_task',
      'p.source_kind',
      'p.source_id',
      'p.payee_name',
      'p.iban',
      'i.amount_cents',
      'p.due_on',
      'i.state',
      'i.reason_code',
      'i.reason_text',
      'b.id as batch_id',
      'b.number as batch_number',
      'i.returned_on',
      'i.updated_at',
    ])
    .where('i.cancelled', '=', false)
    .where('i.state', 'in', ['returned', 'rejected'])
    .where((eb) => isVisible(eb as unknown as ExpressionBuilder<DB, 'person'>))
  if (!includeHandled) q = q.where('p.state', '=', 'returned')
  const rows = await q.orderBy('i.updated_at', 'desc').limit(500).execute()
  return rows.map((r) => ({
    id: r.person_id,
    payableId: r.payable_id,
    payableNumber: Number(r.payable_number),
    personId: r.person_id,
    serviceTask: r.service_task,
    sourceKind: r.source_kind,
    sourceId: r.source_id,
    payeeName: r.payee_name,
    iban: r.iban,
    amountCents: Number(r.amount_cents),
    dueOn: r.due_on,
    state: r.state as 'returned' | 'rejected',
    reasonCode: r.reason_code,
    reasonText: r.reason_text,
    batchId: r.batch_id,
    batchNumber: Number(r.batch_number),
    returnedOn: r.returned_on,
  }))
}

/**
 * Every returned and rejected payment, for finance: it has no client relationships but processes every payment (as
 * in a batch's view), so no visibility filter applies; the caller's audit row names the clients shown.
 */
export function allReturnedPayments(trx: Transaction<DB>, includeHandled: boolean): Promise<(ReturnedPayment & { id: string })[]> {
  return returnedPayments(trx, () => sql<SqlBool>`true`, includeHandled)
}

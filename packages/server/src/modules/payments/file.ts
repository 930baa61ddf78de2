import { randomBytes } from 'node:crypto'
import { generatePain001, todayInHelsinki, type Cents, type LocalDate, type Pain001Group, type Pain001Input, type Pain001Payment, type Pain001Version } from '@huoma/domain'
import { sql, type Kysely, type Transaction } from 'kysely'
import type { DebtorSettings } from '../../config'
import type { Database } from '../../db/database'
import type { DB } from '../../db/schema'
import { executionDate, refuse } from './batches'
import { remittanceOf } from './remittance'

/** Rows are read from the database in pages of this many while the file streams out. */
const PAGE = 500

/**
 * The handle `streamFile` pages the file's rows with: after `prepareFile`'s transaction (with the export's audit row
 * naming every client of the batch) has committed, so that no transaction stays open while the file downloads.
 */
// eslint-disable-next-line no-restricted-syntax -- the file's rows are paged after the audited export transaction committed
export const fileRowsDb = (app: { database: Database }): Kysely<DB> => app.database.db

export interface PreparedFile {
  batchId: string
  number: number
  msgId: string
  version: Pain001Version
  createdAt: Date
  groups: { executionOn: string; count: number; totalCents: number }[]
  count: number
  totalCents: number
  personIds: string[]
  firstGeneration: boolean
}

/**
 * Fix what the file says, once: on the first download of an approved batch, the version, MsgId, creation time and
 * every payment's execution date are stored and the batch becomes `sent` (in the caller's transaction, with the
 * audit row). Every later download reads the same stored values, so the file is byte-identical.
 */
export async function prepareFile(
  trx: Transaction<DB>,
  userId: string,
  batchId: string,
  requested: Pain001Version | undefined,
  now: Date,
): Promise<PreparedFile> {
  const b = await trx.selectFrom('payment_batch').selectAll().where('id', '=', batchId).forUpdate().executeTakeFirst()
  if (!b) throw refuse(404, [])
  let firstGeneration = false
  if (b.msg_id === null) {
    if (b.state !== 'approved') throw refuse(409, [{ field: 'batchId', code: 'pay.batch.not_approved' }])
    firstGeneration = true
    const version = requested ?? '001.001.09'
    const today = todayInHelsinki(now)
    const dues = await trx
      .selectFrom('payment_item as i')
      .innerJoin('payable as p', 'p.id', 'i.payable_id')
      .select('p.due_on')
      .distinct()
      .where('i.batch_id', '=', batchId)
      .where('i.cancelled', '=', false)
      .execute()
    for (const { due_on } of dues) {
      await trx
        .updateTable('payment_item as i')
        .set({ execution_on: executionDate(due_on, today) })
        .from('payable as p')
        .whereRef('p.id', '=', 'i.payable_id')
        .where('p.due_on', '=', due_on)
        .where('i.batch_id', '=', batchId)
        .where('i.cancelled', '=', false)
        .execute()
    }
    // Fresh statistics for the batch's rows: without them the planner does not see that the (batch_id, number) index
    // pages a new batch cheaply, and streams a large one quadratically (each page scanning every remaining item).
    await sql`ANALYZE payment_item`.execute(trx)
    // Unique per sender: the batch number makes it unique in Huoma, the random part across installations/resets.
    const msgId = `HUOMA-${b.number}-${randomBytes(5).toString('hex').toUpperCase()}`
    await trx
      .updateTable('payment_batch')
      .set({
        state: 'sent',
        pain_version: version,
        msg_id: msgId,
        // whole seconds: CreDtTm is written to the second, and a regenerated file must say the same
        file_created_at: new Date(Math.floor(now.getTime() / 1000) * 1000),
        sent_at: sql<Date>`now()`,
        sent_by: userId,
        version: sql<number>`version + 1`,
      })
      .where('id', '=', batchId)
      .execute()
  } else if (requested && requested !== b.pain_version) {
    throw refuse(409, [{ field: 'version', code: 'pay.batch.version_mismatch', params: { version: b.pain_version ?? '' } }])
  }
  const fixed = await trx.selectFrom('payment_batch').select(['number', 'msg_id', 'pain_version', 'file_created_at']).where('id', '=', batchId).executeTakeFirstOrThrow()
  const groups = await trx
    .selectFrom('payment_item')
    .select(['execution_on', (eb) => eb.fn.countAll<number>().as('n'), (eb) => eb.fn.sum<number>('amount_cents').as('total')])
    .where('batch_id', '=', batchId)
    .where('cancelled', '=', false)
    .groupBy('execution_on')
    .orderBy('execution_on')
    .execute()
  const persons = await trx
    .selectFrom('payment_item as i')
    .innerJoin('payable as p', 'p.id', 'i.payable_id')
    .select('p.person_id')
    .distinct()
    .where('i.batch_id', '=', batchId)
    .where('i.cancelled', '=', false)
    .execute()
  const g = groups.map((r) => ({ executionOn: r.execution_on!, count: Number(r.n), totalCents: Number(r.total) }))
  return {
    batchId,
    number: Number(fixed.number),
    msgId: fixed.msg_id!,
    version: fixed.pain_version!,
    createdAt: new Date(fixed.file_created_at!),
    groups: g,
    count: g.reduce((s, x) => s + x.count, 0),
    totalCents: g.reduce((s, x) => s + x.totalCents, 0),
    personIds: persons.map((p) => p.person_id),
    firstGeneration,
  }
}

/** PmtInfId of a group: the MsgId and the execution date (the bank echoes it in pain.002). */
export const paymentInfoId = (msgId: string, executionOn: string) => `${msgId}-${executionOn.replaceAll('-', '')}`

/** The payments of one group, read in keyset pages (memory stays flat however large the batch). */
async function* groupPayments(db: Kysely<DB>, batchId: string, executionOn: string): AsyncGenerator<Pain001Payment> {
  let after = 0
  for (;;) {
    const rows = await db
      .selectFrom('payment_item as i')
      .innerJoin('payable as p', 'p.id', 'i.payable_id')
      .select(['i.number', 'i.end_to_end_id', 'i.amount_cents', 'p.payee_name', 'p.iban', 'p.bic', 'p.reference', 'p.message'])
      .where('i.batch_id', '=', batchId)
      .where('i.cancelled', '=', false)
      .where('i.execution_on', '=', executionOn)
      .where('i.number', '>', after)
      .orderBy('i.number')
      .limit(PAGE)
      .execute()
    for (const r of rows) {
      yield {
        endToEndId: r.end_to_end_id,
        amount: Number(r.amount_cents) as Cents,
        creditorName: r.payee_name,
        creditorIban: r.iban,
        ...(r.bic ? { creditorBic: r.bic } : {}),
        remittance: remittanceOf(r.reference, r.message),
      }
    }
    if (rows.length < PAGE) return
    after = Number(rows[rows.length - 1]!.number)
  }
}

/** The pain.001 as a stream of text chunks, from the stored batch (deterministic: same rows, same bytes). */
export function streamFile(db: Kysely<DB>, debtor: DebtorSettings, file: PreparedFile): AsyncGenerator<string> {
  const groups: Pain001Group[] = file.groups.map((g) => ({
    paymentInfoId: paymentInfoId(file.msgId, g.executionOn),
    requestedExecutionDate: g.executionOn as LocalDate,
    batchBooking: false,
    numberOfTransactions: g.count,
    controlSum: BigInt(g.totalCents),
    payments: groupPayments(db, file.batchId, g.executionOn),
  }))
  const input: Pain001Input = {
    version: file.version,
    messageId: file.msgId,
    creationDateTime: file.createdAt,
    // the execution dates were fixed at the first generation: check them against that day, not today
    today: todayInHelsinki(file.createdAt),
    debtor: {
      name: debtor.name,
      iban: debtor.iban,
      ...(debtor.bic ? { bic: debtor.bic } : {}),
      ...(debtor.organisationId ? { organisationId: debtor.organisationId } : {}),
    },
    numberOfTransactions: file.count,
    controlSum: BigInt(file.totalCents),
    groups,
  }
  return generatePain001(input)
}

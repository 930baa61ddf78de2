/**
 * The worker of the kill -9 test (payments-crash.test.ts): pays every open payable of the given due dates, one
 * batch per date — create (finance A), approve (finance B), generate the pain.001 (marks it sent) — resuming whatever
 * an earlier, killed run left: drafts are approved, approved batches get their file, sent ones are regenerated.
 * Prints one line per step so the parent can kill it at a random point.
 */
import { Writable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { Readable } from 'node:stream'
import { openDatabase } from '../../src/db/database'
import { approveBatch, createBatch } from '../../src/modules/payments/batches'
import { prepareFile, streamFile } from '../../src/modules/payments/file'

const [url, creator, approver, ...days] = process.argv.slice(2)
const debtor = { name: 'Demolan kaupunki', iban: 'FI2112345600000785', bic: undefined, organisationId: undefined }
const { db, close } = await openDatabase({ databaseUrl: url!, dataDir: '/tmp' })

async function file(batchId: string) {
  const prepared = await db.transaction().execute((trx) => prepareFile(trx, approver!, batchId, undefined, new Date()))
  let bytes = 0
  await pipeline(
    Readable.from(streamFile(db, debtor, prepared)),
    new Writable({
      write(chunk: Buffer, _e, cb) {
        bytes += chunk.length
        cb()
      },
    }),
  )
  process.stdout.write(`file ${batchId} ${bytes}` + '\n')
}

// resume what a killed run left
for (const b of await db.selectFrom('payment_batch').select(['id', 'state', 'version']).where('state', 'in', ['draft', 'approved']).execute()) {
  if (b.state === 'draft') {
    await db.transaction().execute((trx) => approveBatch(trx, approver!, b.id, b.version))
    process.stdout.write(`approved ${b.id}` + '\n')
  }
  await file(b.id)
}
for (const day of days) {
  const open = await db.selectFrom('payable').select('id').where('state', '=', 'open').where('due_on', '=', day!).limit(1).execute()
  if (!open.length) continue
  const { batchId } = await db.transaction().execute((trx) => createBatch(trx, creator!, { dueFrom: day!, dueTo: day! }, new Date()))
  process.stdout.write(`created ${batchId}` + '\n')
  const { version } = await db.selectFrom('payment_batch').select('version').where('id', '=', batchId).executeTakeFirstOrThrow()
  await db.transaction().execute((trx) => approveBatch(trx, approver!, batchId, version))
  process.stdout.write(`approved ${batchId}` + '\n')
  await file(batchId)
}
process.stdout.write('done' + '\n')
await close()

/**
 * Destruction at scale (issue 13, item 5, Bench): `destruction --persons N --due M [--batch B]` on its own PostgreSQL
 * database (`huoma_bench_destruction`, or `--database-url`: it destroys clients, so never the shared bench database).
 * Prepares the demo municipality and a population of N persons, of whom M are made due (died in 2000, a client
 * relationship in adult social work closed in 2001 and a signed journal entry each; none in the 8/18/28 sample), then
 * times what the retention job and the archive officer run — the recomputation of every stale client, the proposal,
 * the approval (every item checked again) and the execution in batches of B (`executeList`, each batch one
 * transaction) — with rows/s and this process's RSS after every batch (flat memory: the run holds one batch).
 */
import { randomBytes } from 'node:crypto'
import { CLIENT_FORGETTERS, REGISTER_RECORDS } from '../../packages/server/src/catalogue'
import os from 'node:os'
import { parseArgs } from 'node:util'
import { sql } from 'kysely'
import { localDate, todayInHelsinki } from '../../packages/domain/src/index'
import { DEFAULT_DEMO_PASSWORD } from '../../packages/server/src/config'
import { migrateToLatest } from '../../packages/server/src/db/migrate'
import { approveList, destructionKey, executeList, proposeList } from '../../packages/server/src/modules/retention/destruction'
import { recomputeStale } from '../../packages/server/src/modules/retention/state'
import { isDemoSeeded, seedDemo } from '../../packages/server/src/seed/demo'
import { insertPopulation } from '../../packages/server/src/seed/population'
import { describeTarget, ensureDatabaseExists, openTarget, resolveTarget } from './target'

const log = (msg: string) => process.stderr.write(`bench destruction: ${msg}\n`)
const USAGE = 'Usage: npm run bench -- destruction [--persons N] [--due M] [--batch B] [--database-url URL]'
const mb = (bytes: number) => Math.round(bytes / 1024 / 1024)

function count(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined) return fallback
  const n = Number(raw.replace(/_/g, ''))
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} must be a positive integer, got "${raw}"`)
  return n
}

export async function destructionCommand(argv: string[]): Promise<void> {
  const { values } = parseArgs({ args: argv, options: { persons: { type: 'string' }, due: { type: 'string' }, batch: { type: 'string' }, 'database-url': { type: 'string' }, help: { type: 'boolean' } } })
  if (values.help) return void process.stdout.write(`${USAGE}\n`)
  const persons = count('persons', values.persons, 1_000_000)
  const due = count('due', values.due, 100_000)
  const batch = count('batch', values.batch, 1000)
  const base = resolveTarget({ databaseUrl: values['database-url'] })
  if (base.kind !== 'postgresql') throw new Error('destruction runs on PostgreSQL')
  const url = new URL(base.url)
  if (!values['database-url']) url.pathname = '/huoma_bench_destruction'
  const target = { ...base, url: url.toString() }
  if (await ensureDatabaseExists(target)) log(`created ${describeTarget(target)}`)
  const database = await openTarget(target, 4)
  const db = database.db
  const today = localDate(todayInHelsinki(new Date()))
  try {
    await migrateToLatest(db)
    if (!(await isDemoSeeded(db))) await seedDemo(database, { password: process.env.HUOMA_DEMO_PASSWORD || DEFAULT_DEMO_PASSWORD, now: new Date() })
    const have = (await sql<{ n: number }>`SELECT count(*)::int AS n FROM person`.execute(db)).rows[0]!.n
    if (have < persons) {
      log(`adding ${(persons - have).toLocaleString('en')} persons`)
      const seeded = await insertPopulation(database, { count: persons - have, databaseUrl: target.url })
      log(`seeded ${seeded.persons.toLocaleString('en')} persons in ${(seeded.elapsedMs / 1000).toFixed(1)} s`)
    }
    const worker = (await db.selectFrom('staff_user').select('id').where('username', '=', 'sosiaalityontekija').executeTakeFirstOrThrow()).id
    const archivist = (await db.selectFrom('staff_user').select('id').where('username', '=', 'arkistonhoitaja').executeTakeFirstOrThrow()).id
    const dpo = (await db.selectFrom('staff_user').select('id').where('username', '=', 'tietosuojavastaava').executeTakeFirstOrThrow()).id
    const already = (await sql<{ n: number }>`SELECT count(*)::int AS n FROM person WHERE death_date = '2000-01-01'`.execute(db)).rows[0]!.n
    if (already < due) {
      const t0 = performance.now()
      const ids = await sql<{ id: string }>`
        UPDATE person SET death_date = '2000-01-01' WHERE id IN (
          SELECT id FROM person WHERE merged_into IS NULL AND death_date IS NULL AND birth_date IS NOT NULL
            AND extract(day FROM birth_date) NOT IN (8, 18, 28) ORDER BY id LIMIT ${due - already})
        RETURNING id`.execute(db)
      const list = ids.rows.map((r) => r.id)
      for (let i = 0; i < list.length; i += 10_000) {
        const part = list.slice(i, i + 10_000)
        await sql`INSERT INTO client_relationship (person_id, user_id, service_task, kind, start_date, end_date, start_reason, end_reason)
          SELECT id, ${worker}, 'adult_social_work', 'responsible', '1999-01-01', '2001-06-30', 'other', 'needs_met' FROM unnest(${part}::uuid[]) id`.execute(db)
        await sql`INSERT INTO journal_entry (person_id, service_task, type, event_date, body, status, author_id, signed_by, signed_at)
          SELECT id, 'adult_social_work', 'meeting', '2000-06-01', 'Tapaaminen.', 'signed', ${worker}, ${worker}, now() FROM unnest(${part}::uuid[]) id`.execute(db)
      }
      log(`made ${list.length.toLocaleString('en')} clients due in ${((performance.now() - t0) / 1000).toFixed(1)} s`)
    }
    // the planner's statistics after the bulk load (autovacuum would take its time): without them the purge's
    // statements were planned as over empty tables — 75 clients/s instead of ~565 at 1 M persons
    await sql`ANALYZE`.execute(db)
    const stale = (await sql<{ n: number }>`SELECT count(*)::int AS n FROM retention_stale`.execute(db)).rows[0]!.n
    const rss: number[] = []
    const sample = () => rss.push(process.memoryUsage().rss)

    let t = performance.now()
    const recomputed = await recomputeStale(db, today, { batch: 5000 })
    const recomputeMs = performance.now() - t
    log(`recomputed ${recomputed.toLocaleString('en')} clients (${stale.toLocaleString('en')} stale) in ${(recomputeMs / 1000).toFixed(1)} s`)

    t = performance.now()
    const proposal = await db.transaction().execute((trx) => proposeList(trx, { proposedBy: dpo, today }))
    const proposeMs = performance.now() - t
    if (!proposal) throw new Error('nobody due')
    log(`proposed ${proposal.clientIds.length.toLocaleString('en')} clients in ${(proposeMs / 1000).toFixed(1)} s`)
    await sql`ANALYZE destruction_item`.execute(db)

    t = performance.now()
    const list = await db.selectFrom('destruction_list').select('version').where('id', '=', proposal.listId).executeTakeFirstOrThrow()
    await db.transaction().execute((trx) => approveList(trx, { listId: proposal.listId, version: list.version, userId: archivist, today, now: new Date() }))
    const approveMs = performance.now() - t
    log(`approved (every item checked again) in ${(approveMs / 1000).toFixed(1)} s`)

    sample()
    t = performance.now()
    let last = performance.now()
    let slowest = 0
    const result = await executeList(db, proposal.listId, {
      userId: archivist,
      today,
      now: () => new Date(),
      key: destructionKey(randomBytes(32)),
      attachmentFolder: os.tmpdir(),
      forgetters: CLIENT_FORGETTERS,
      registerRecords: REGISTER_RECORDS,
      batchSize: batch,
      onBatch: (n) => {
        sample()
        const now = performance.now()
        slowest = Math.max(slowest, now - last)
        last = now
        if ((n / batch) % 10 === 0) log(`${n.toLocaleString('en')} destroyed, ${((now - t) / 1000).toFixed(1)} s, RSS ${mb(process.memoryUsage().rss)} MB`)
      },
    })
    const executeMs = performance.now() - t
    const rows = await sql<{ n: number }>`SELECT coalesce(sum(v::int), 0)::int AS n FROM destruction_record, jsonb_each_text(counts) AS e(k, v) WHERE list_id = ${proposal.listId}::uuid AND k <> 'files'`.execute(db)
    const summary = {
      target: describeTarget(target),
      persons,
      due: proposal.clientIds.length,
      batch,
      recompute: { clients: recomputed, seconds: +(recomputeMs / 1000).toFixed(1), perSecond: Math.round(recomputed / (recomputeMs / 1000)) },
      proposeSeconds: +(proposeMs / 1000).toFixed(1),
      approveSeconds: +(approveMs / 1000).toFixed(1),
      execute: {
        destroyed: result.destroyed,
        batches: result.batches,
        seconds: +(executeMs / 1000).toFixed(1),
        clientsPerSecond: Math.round(result.destroyed / (executeMs / 1000)),
        rowsDeleted: rows.rows[0]!.n,
        rowsPerSecond: Math.round(rows.rows[0]!.n / (executeMs / 1000)),
        slowestBatchMs: Math.round(slowest),
        rssMb: { first: mb(rss[0]!), max: mb(Math.max(...rss)), last: mb(rss.at(-1)!), afterHalf: mb(rss[Math.floor(rss.length / 2)]!) },
      },
    }
    process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`)
  } finally {
    await database.close()
  }
}

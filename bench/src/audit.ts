/**
 * Audit log at scale (issue 3, Bench):
 *
 * - `audit-seed --rows N` appends N synthetic audit rows (demo users with their real role and unit, 1–3 client ids
 *   from the database's persons with a skew towards frequent clients, events of the action catalogue, mostly
 *   successes with some denials and security events, times over the last two years on working days 07:30–16:30 in
 *   id order) and keeps the hash chain valid. Rows are generated here with a seeded random source and sent in
 *   batches as arrays (`INSERT … SELECT FROM unnest(…)`).
 *   - `--method trigger` (default): plain inserts, like the server's: the insert trigger adds the clients
 *     (audit_client) and the pending entries; the rows are sealed into the chain at the end (`sealAuditLog`, what the
 *     server's sealer runs).
 *   - `--method window`: for a superuser only (the application user cannot disable triggers). Per batch, in one
 *     transaction: lock the chain head, reserve the ids from the sequence, switch the triggers off for this
 *     transaction (`SET LOCAL session_replication_role = replica`), insert the rows, their audit_client rows, and
 *     their seals with the hashes computed in one statement by a window over the rows in id order — a running
 *     aggregate whose state is the previous hash, `sha256(convert_to(audit_log_canonical(row), 'UTF8') || prev)`,
 *     the sealer's own formula and function — then move the chain head. `audit verify` afterwards proves it all.
 * - `audit-verify` runs the server's `verifyAuditChain` (what `npm run huoma -- audit verify` runs) over the whole
 *   log and reports rows/s.
 */
import { parseArgs } from 'node:util'
import { sql, type Kysely, type Transaction } from 'kysely'
import { sealAuditLog, verifyAuditChain } from '../../packages/server/src/access/audit'
import { loadVerifyingKeys, openAuditAnchor } from '../../packages/server/src/access/audit-anchor'
import { ensureAuditPartitionRange } from '../../packages/server/src/access/audit-partitions'
import { loadConfig } from '../../packages/server/src/config'
import { migrateToLatest } from '../../packages/server/src/db/migrate'
import type { DB } from '../../packages/server/src/db/schema'
import { Random, WeightedTable } from '../../packages/server/src/seed/names'
import { benchDataDir, describeTarget, ensureDatabaseExists, openTarget, resolveTarget, type BenchTarget } from './target'

const log = (msg: string) => process.stderr.write(`bench audit: ${msg}\n`)

/** The audit anchor's settings (signing key, witness) of the target: its data folder (`benchDataDir`). */
const anchorSettings = (target: BenchTarget) => loadConfig({ ...process.env, HUOMA_DATA_DIR: benchDataDir(target) }).audit

const SEED_USAGE = `Usage: npm run bench -- audit-seed --rows N [--method trigger|window] [--batch N] [--seed N]
                    [--database-url URL | --pglite DIR]`
const VERIFY_USAGE = 'Usage: npm run bench -- audit-verify [--database-url URL | --pglite DIR]'

function count(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined) return fallback
  const n = Number(raw.replace(/_/g, ''))
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} must be a positive integer, got "${raw}"`)
  return n
}

interface Grant {
  userId: string
  roleCode: string
  unitId: string
  tasks: string[]
}

/** What a row records: a kind of event and how many clients it names. */
interface Template {
  dataGroup: (task: string) => string
  action: string
  event: string
  basis: string | null
  clients: [number, number]
  outcome?: 'success' | 'denied' | 'failure'
  /** Security events are logged for every role, with no client. */
  security?: boolean
}

const T = (
  dataGroup: string | ((task: string) => string),
  action: string,
  event: string,
  basis: string | null,
  clients: [number, number],
  extra: Partial<Template> = {},
): Template => ({ dataGroup: typeof dataGroup === 'string' ? () => dataGroup : dataGroup, action, event, basis, clients, ...extra })

/** Relative frequencies of what the staff do, roughly as the server audits it. */
const TEMPLATES = new WeightedTable<Template>([
  [T('registry/person', 'search', 'persons:search', 'search', [1, 3]), 14],
  [T('registry/person', 'view', 'persons:read', 'relationship', [1, 1]), 18],
  [T('registry/client-card', 'view', 'persons:card', 'relationship', [1, 1]), 14],
  [T((t) => `${t}/entry`, 'view', 'journal:read', 'relationship', [1, 1]), 16],
  [T((t) => `${t}/entry`, 'insert', 'journal:write', 'relationship', [1, 1]), 4],
  [T((t) => `${t}/entry`, 'update', 'journal:sign', 'relationship', [1, 1]), 3],
  [T('registry/family', 'view', 'persons:family', 'relationship', [1, 3]), 3],
  [T('registry/household', 'view', 'persons:household', 'relationship', [2, 3]), 2],
  [T('income_support/application', 'view', 'income-support:read', 'role', [1, 2]), 7],
  [T('income_support/application', 'update', 'income-support:edit', 'role', [1, 2]), 3],
  [T('income_support/application', 'view', 'income-support:worklist', 'role', [3, 3]), 2],
  [T('income_support/decision', 'insert', 'income-support:decide', 'role', [1, 2]), 1.5],
  [T('appointments/appointment', 'view', 'appointments:read', 'relationship', [1, 1]), 4],
  [T('attachments/attachment', 'view', 'attachments:download', 'relationship', [1, 1]), 1.5],
  [T((t) => `${t}/entry`, 'print', 'journal:print', 'relationship', [1, 1]), 0.5],
  [T('registry/person', 'view', 'persons:read', 'break_glass', [1, 1]), 0.2],
  [T('registry/person', 'view', 'persons:read', null, [1, 1], { outcome: 'denied' }), 0.4],
  [T('security/login', 'security', 'auth:login-success', 'active', [0, 0], { security: true }), 4],
  [T('security/login', 'security', 'auth:password-failure', null, [0, 0], { security: true, outcome: 'failure' }), 0.3],
])

/** Who works how much: benefit handlers and social workers write most of the log. */
const ROLE_WEIGHT: Record<string, number> = {
  social_worker: 4,
  social_counsellor: 4,
  benefit_handler: 5,
  office_secretary: 2,
  supervisor: 1,
  finance: 0.5,
  statistician: 0.1,
  data_protection_officer: 0.1,
}

const DAY_MS = 86_400_000
const WORKDAY_START_MS = 7.5 * 3_600_000
const WORKDAY_MS = 9 * 3_600_000

/** Working days (Mon–Fri) of the two years before today, as UTC midnights (times are Helsinki-ish, close enough). */
function workingDays(): number[] {
  const today = Math.floor(Date.now() / DAY_MS) * DAY_MS
  const days: number[] = []
  for (let d = today - 730 * DAY_MS; d < today; d += DAY_MS) {
    const wd = new Date(d).getUTCDay()
    if (wd !== 0 && wd !== 6) days.push(d)
  }
  return days
}

interface Batch {
  occurredAt: string[]
  userId: string[]
  roleCode: string[]
  unitId: string[]
  clientIds: string[]
  dataGroup: string[]
  action: string[]
  event: string[]
  basis: (string | null)[]
  outcome: string[]
  requestId: string[]
  clientAddress: string[]
}

/** Generates rows `from` … `from + n - 1` of `total`, the times rising with the row number. */
function makeBatch(random: Random, persons: readonly string[], grants: WeightedTable<Grant>, days: number[], from: number, n: number, total: number): Batch {
  const b: Batch = { occurredAt: [], userId: [], roleCode: [], unitId: [], clientIds: [], dataGroup: [], action: [], event: [], basis: [], outcome: [], requestId: [], clientAddress: [] }
  for (let k = from; k < from + n; k++) {
    const position = (k + random.next()) / total // rising, within [k/total, (k+1)/total)
    const dayFloat = position * days.length
    const day = days[Math.min(days.length - 1, Math.floor(dayFloat))] as number
    b.occurredAt.push(new Date(day + WORKDAY_START_MS + (dayFloat % 1) * WORKDAY_MS).toISOString())
    const grant = grants.pick(random)
    const t = TEMPLATES.pick(random)
    const clients = new Set<string>()
    const wanted = random.int(t.clients[0], t.clients[1])
    // Skewed: a few clients are processed very often, most rarely (u³ puts ~22 % of the picks on 1 % of persons).
    while (clients.size < wanted) clients.add(persons[Math.floor(persons.length * random.next() ** 3)] as string)
    b.userId.push(grant.userId)
    b.roleCode.push(grant.roleCode)
    b.unitId.push(grant.unitId)
    b.clientIds.push(`{${[...clients].join(',')}}`)
    b.dataGroup.push(t.dataGroup(grant.tasks.length ? random.pick(grant.tasks) : 'adult_social_work'))
    b.action.push(t.action)
    b.event.push(t.event)
    b.basis.push(t.basis)
    b.outcome.push(t.outcome ?? 'success')
    b.requestId.push(`req-${(k + 1).toString(36)}-${random.int(0, 0xffffff).toString(16)}`)
    b.clientAddress.push(`10.${random.int(10, 40)}.${random.int(0, 255)}.${random.int(1, 254)}`)
  }
  return b
}

/** The batch's columns as one row set, in row order (`ord`). */
const unnestBatch = (b: Batch) => sql`unnest(
    ${b.occurredAt}::timestamptz[], ${b.userId}::uuid[], ${b.roleCode}::text[], ${b.unitId}::uuid[], ${b.clientIds}::text[],
    ${b.dataGroup}::text[], ${b.action}::text[], ${b.event}::text[], ${b.basis}::text[], ${b.outcome}::text[],
    ${b.requestId}::text[], ${b.clientAddress}::text[])
  WITH ORDINALITY AS x(occurred_at, user_id, role_code, unit_id, client_ids, data_group, action, event, basis, outcome, request_id, client_address, ord)`

/** Plain inserts, as the server writes them (sealed at the end of the seeding). */
async function insertThroughTrigger(db: Kysely<DB>, b: Batch): Promise<void> {
  await sql`
    INSERT INTO audit_log (occurred_at, user_id, role_code, unit_id, client_ids, data_group, action, event, basis, outcome, request_id, client_address)
    SELECT occurred_at, user_id, role_code, unit_id, client_ids::uuid[], data_group, action, event, basis, outcome, request_id, client_address
      FROM ${unnestBatch(b)}
     ORDER BY ord`.execute(db)
}

/**
 * The running chain as a window aggregate: the state is the previous row's hash (the chain head's for the first
 * row of the batch), each step `sha256(canonical || prev)` exactly as the trigger computes it. Temporary objects of
 * this session only.
 */
async function createChainAggregate(db: Transaction<DB> | Kysely<DB>): Promise<void> {
  await sql`CREATE OR REPLACE FUNCTION pg_temp.audit_chain_step(prev bytea, canonical bytea, head bytea) RETURNS bytea
              LANGUAGE sql IMMUTABLE AS 'SELECT sha256(canonical || coalesce(prev, head))'`.execute(db)
  await sql`DROP AGGREGATE IF EXISTS pg_temp.audit_chain(bytea, bytea)`.execute(db)
  await sql`CREATE AGGREGATE pg_temp.audit_chain(bytea, bytea) (SFUNC = pg_temp.audit_chain_step, STYPE = bytea)`.execute(db)
}

/** Triggers off for one transaction (superuser): rows, their clients and their seals, and the chain head moved. */
async function insertWithWindow(db: Kysely<DB>, b: Batch): Promise<void> {
  const n = b.occurredAt.length
  await db.transaction().execute(async (trx) => {
    const head = (await sql<{ last_position: string; last_hash: Buffer }>`
      SELECT last_position, last_hash FROM audit_chain_head WHERE id = 1 FOR UPDATE`.execute(trx)).rows[0]
    if (!head) throw new Error('audit_chain_head has no row')
    const position = Number(head.last_position)
    // The benchmark writes alone: the ids are reserved by moving the sequence past them.
    const first = Number((await sql<{ id: string }>`SELECT nextval('audit_log_id_seq') AS id`.execute(trx)).rows[0]?.id)
    const last = first + n - 1
    await sql`SELECT setval('audit_log_id_seq', ${last})`.execute(trx)
    await sql`SET LOCAL session_replication_role = replica`.execute(trx)
    await sql`
      INSERT INTO audit_log (id, occurred_at, user_id, role_code, unit_id, client_ids, data_group, action, event, basis, outcome,
                             request_id, client_address)
      SELECT ${first - 1}::bigint + ord, occurred_at, user_id, role_code, unit_id, client_ids::uuid[], data_group, action, event, basis,
             outcome, request_id, client_address
        FROM ${unnestBatch(b)}`.execute(trx)
    await sql`
      INSERT INTO audit_client (client_id, audit_id, occurred_at)
      SELECT DISTINCT c.id, a.id, a.occurred_at FROM audit_log a CROSS JOIN LATERAL unnest(a.client_ids) AS c(id)
       WHERE a.id BETWEEN ${first} AND ${last}`.execute(trx)
    await sql`
      INSERT INTO audit_seal (position, audit_id, hash)
      SELECT ${position - first + 1}::bigint + a.id, a.id,
             pg_temp.audit_chain(convert_to(audit_log_canonical(a), 'UTF8'), ${head.last_hash}::bytea) OVER (ORDER BY a.id ROWS UNBOUNDED PRECEDING)
        FROM audit_log a
       WHERE a.id BETWEEN ${first} AND ${last}`.execute(trx)
    await sql`
      UPDATE audit_chain_head SET last_position = ${position + n}, last_hash = (SELECT hash FROM audit_seal WHERE position = ${position + n})
       WHERE id = 1`.execute(trx)
  })
}

export async function auditSeedCommand(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      rows: { type: 'string' },
      method: { type: 'string' },
      batch: { type: 'string' },
      seed: { type: 'string' },
      'database-url': { type: 'string' },
      pglite: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  })
  if (values.help || values.rows === undefined) {
    process.stdout.write(`${SEED_USAGE}\n`)
    if (!values.help) process.exitCode = 2
    return
  }
  const total = count('rows', values.rows, 0)
  const method = values.method ?? 'trigger'
  if (method !== 'trigger' && method !== 'window') throw new Error(`--method must be trigger or window, got "${method}"`)
  const batchSize = count('batch', values.batch, method === 'trigger' ? 300 : 20_000)
  const target = resolveTarget({ pglite: values.pglite, databaseUrl: values['database-url'] })
  await ensureDatabaseExists(target)
  const database = await openTarget(target, 2)
  try {
    const db = database.db
    const anchor = openAuditAnchor(anchorSettings(target))
    await migrateToLatest(db)
    const persons = (await sql<{ id: string }>`SELECT id FROM person WHERE merged_into IS NULL ORDER BY md5(id::text)`.execute(db)).rows.map((r) => r.id)
    if (persons.length === 0) throw new Error('No persons: run `npm run bench -- prepare` on this database first')
    const grantRows = (
      await sql<{ user_id: string; role_code: string; unit_id: string; service_tasks: string[] }>`
        SELECT user_id, role_code, unit_id, service_tasks FROM staff_grant
         WHERE valid_from <= current_date AND (valid_until IS NULL OR valid_until >= current_date)`.execute(db)
    ).rows.filter((g) => (ROLE_WEIGHT[g.role_code] ?? 0) > 0)
    if (grantRows.length === 0) throw new Error('No staff grants: seed the demo municipality (`npm run bench -- prepare`) first')
    const grants = new WeightedTable<Grant>(
      grantRows.map((g) => [{ userId: g.user_id, roleCode: g.role_code, unitId: g.unit_id, tasks: g.service_tasks }, ROLE_WEIGHT[g.role_code] ?? 1] as const),
    )
    // Whatever is pending is sealed first: the window method appends its seals after the chain's current end.
    await sealAuditLog(db, anchor)
    const before = Number((await sql<{ id: string | null }>`SELECT max(id) AS id FROM audit_log`.execute(db)).rows[0]?.id ?? 0)
    log(
      `${describeTarget(target)}: appending ${total.toLocaleString('en')} rows (${method}, batches of ${batchSize}) after id ${before.toLocaleString('en')}; ` +
        `${persons.length.toLocaleString('en')} persons, ${grantRows.length} grants`,
    )
    if (method === 'window') await createChainAggregate(db)
    const random = new Random(count('seed', values.seed, 1) + before)
    const days = workingDays()
    // The log is partitioned by month (migration 0058): the seeded months get theirs first, as the server's job
    // keeps the coming months ready (else the rows would all land in the DEFAULT partition).
    const monthOf = (ms: number) => new Date(ms).toISOString().slice(0, 7)
    const months = await ensureAuditPartitionRange(db, monthOf(days[0] ?? Date.now()), monthOf(Date.now()))
    if (months.length) log(`audit log partitions: ${months.map((m) => `${m.month} ${m.outcome}`).join(', ')}`)
    const started = performance.now()
    let done = 0
    let lastReport = started
    let next = makeBatch(random, persons, grants, days, 0, Math.min(batchSize, total), total)
    while (next) {
      const current = next
      const writing = method === 'trigger' ? insertThroughTrigger(db, current) : insertWithWindow(db, current)
      // Generate the next batch while the database writes this one.
      const from = done + current.occurredAt.length
      next = from < total ? makeBatch(random, persons, grants, days, from, Math.min(batchSize, total - from), total) : (undefined as unknown as Batch)
      await writing
      done = from
      const now = performance.now()
      if (now - lastReport > 5000 || done === total) {
        lastReport = now
        const rate = done / ((now - started) / 1000)
        log(`${done.toLocaleString('en')}/${total.toLocaleString('en')} rows, ${Math.round(rate).toLocaleString('en')} rows/s, ETA ${Math.round((total - done) / rate)} s`)
      }
    }
    // The window method's seals bypass the sealer: this round signs them (one head) and writes the witness.
    await sealAuditLog(db, anchor)
    const seconds = (performance.now() - started) / 1000
    // Statistics for the planner, and the visibility maps set (index-only scans of audit_client).
    await sql`VACUUM (ANALYZE) audit_log`.execute(db)
    await sql`VACUUM (ANALYZE) audit_client`.execute(db)
    await sql`VACUUM (ANALYZE) audit_seal`.execute(db)
    const rows = Number((await sql<{ n: string }>`SELECT count(*) AS n FROM audit_log`.execute(db)).rows[0]?.n ?? 0)
    process.stdout.write(
      `audit-seed: ${total.toLocaleString('en')} rows in ${seconds.toFixed(1)} s = ${Math.round(total / seconds).toLocaleString('en')} rows/s ` +
        `(${method}, batches of ${batchSize}); the log now has ${rows.toLocaleString('en')} rows\n`,
    )
  } finally {
    await database.close()
  }
}

export async function auditVerifyCommand(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: { 'database-url': { type: 'string' }, pglite: { type: 'string' }, batch: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  })
  if (values.help) {
    process.stdout.write(`${VERIFY_USAGE}\n`)
    return
  }
  const target = resolveTarget({ pglite: values.pglite, databaseUrl: values['database-url'] })
  const database = await openTarget(target, 2)
  try {
    let lastReport = performance.now()
    const settings = anchorSettings(target)
    const r = await verifyAuditChain(database.db, {
      anchor: { keys: loadVerifyingKeys(settings).keys, witnessFile: settings.witnessFile },
      ...(values.batch ? { batchSize: count('batch', values.batch, 20_000) } : {}),
      onProgress: (n) => {
        if (performance.now() - lastReport < 5000) return
        lastReport = performance.now()
        log(`${n.toLocaleString('en')} rows verified`)
      },
    })
    const rate = Math.round(r.rows / Math.max(r.ms / 1000, 0.001))
    process.stdout.write(
      `audit-verify on ${describeTarget(target)}: ${r.ok ? 'intact' : `BROKEN at row ${r.brokenAt?.id} (${r.brokenAt?.reason})`}, ` +
        `${r.rows.toLocaleString('en')} rows and ${r.heads.toLocaleString('en')} signed heads in ${(r.ms / 1000).toFixed(1)} s = ${rate.toLocaleString('en')} rows/s\n`,
    )
    if (!r.ok) process.exitCode = 1
  } finally {
    await database.close()
  }
}

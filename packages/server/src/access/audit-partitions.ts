import { sql, type Kysely, type Transaction } from 'kysely'
import type { DB } from '../db/schema'

/**
 * The audit log's months (migration 0058): audit_log and audit_client are partitioned by occurred_at, one partition
 * per Helsinki calendar month (`audit_log_y2026m12`, `audit_client_y2026m12`) and a DEFAULT partition each.
 *
 * - `ensureAuditPartitions` creates the coming months' partitions ahead of time (the job `audit-partitions`); a row
 *   whose month has none yet lands in the DEFAULT partition, so an insert never fails.
 * - `detachAuditPartitions` takes whole months older than a given month out of the log for cold storage (the log's
 *   retention: 12 years from creation, rules.md §4.2): each month's rows are checked against the chain first, the
 *   month is recorded in `audit_detached` (its rows, the seal positions they had, the hash at the last of them), then
 *   both partitions are detached into tables of their own, to be dumped (`pg_dump -t`) and dropped. `verifyAuditChain`
 *   accounts for the recorded rows: the seals stay in audit_seal, so the chain still runs through them.
 */

/** Years the audit log is kept from its creation (rules.md §4.2: 12 years, the rule of the former 159/2007). */
export const AUDIT_RETENTION_YEARS = 12

export interface EnsuredMonth {
  /** 'YYYY-MM' */
  month: string
  /** created now, or its rows already sit in the DEFAULT partition (left there; found and verified as any row). */
  outcome: 'created' | 'in-default'
}

const monthText = (d: Date | string) => (typeof d === 'string' ? d.slice(0, 7) : `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`)

/**
 * Creates the partitions of this Helsinki month and the `monthsAhead` after it that do not exist yet (idempotent:
 * a second call creates nothing). The SQL function is SECURITY DEFINER, so the server's application role may call it.
 */
export async function ensureAuditPartitions(db: Kysely<DB>, now: Date, monthsAhead = 3): Promise<EnsuredMonth[]> {
  const { rows } = await sql<{ month: string; outcome: EnsuredMonth['outcome'] }>`
    SELECT to_char(month, 'YYYY-MM') AS month, outcome
      FROM audit_ensure_partitions((${now}::timestamptz AT TIME ZONE 'Europe/Helsinki')::date,
                                   ((${now}::timestamptz AT TIME ZONE 'Europe/Helsinki') + make_interval(months => ${monthsAhead}::int))::date)`.execute(db)
  return rows
}

/** Creates the partitions of the months from..through ('YYYY-MM'), e.g. before loading older rows (the bench). */
export async function ensureAuditPartitionRange(db: Kysely<DB>, from: string, through: string): Promise<EnsuredMonth[]> {
  const { rows } = await sql<{ month: string; outcome: EnsuredMonth['outcome'] }>`
    SELECT to_char(month, 'YYYY-MM') AS month, outcome
      FROM audit_ensure_partitions(${`${from}-01`}::date, ${`${through}-01`}::date)`.execute(db)
  return rows
}

export interface AuditPartition {
  /** 'YYYY-MM' */
  month: string
  logTable: string
  clientTable: string
  from: Date
  to: Date
}

/** The month partitions attached now, oldest first (not the DEFAULT partition). */
export async function listAuditPartitions(db: Kysely<DB>): Promise<AuditPartition[]> {
  const { rows } = await sql<{ log_table: string; month: string; from: Date; to: Date }>`
    SELECT c.relname AS log_table, to_char(m.month, 'YYYY-MM') AS month,
           audit_month_start(m.month) AS "from", audit_month_start((m.month + interval '1 month')::date) AS "to"
      FROM pg_inherits i
      JOIN pg_class c ON c.oid = i.inhrelid
      CROSS JOIN LATERAL (SELECT to_date(substring(c.relname FROM 'y([0-9]{4}m[0-9]{2})$'), 'YYYY"m"MM') AS month) m
     WHERE i.inhparent = 'audit_log'::regclass AND c.relname ~ '^audit_log_y[0-9]{4}m[0-9]{2}$'
     ORDER BY m.month`.execute(db)
  return rows.map((r) => ({ month: r.month, logTable: r.log_table, clientTable: r.log_table.replace(/^audit_log_/, 'audit_client_'), from: r.from, to: r.to }))
}

export type DetachRefusal =
  /** The month is younger than the retention (12 years from creation); `force` detaches it anyway. */
  | 'retention'
  /** Rows of the month wait to be sealed (`huoma audit seal`, then again). */
  | 'unsealed'
  /** A row of the month does not match its seal, has none, or its client index differs: verify the log first. */
  | 'chain'

export interface DetachedMonth {
  month: string
  logTable: string
  clientTable: string
  rows: number
  clientRows: number
  firstPosition: number | null
  lastPosition: number | null
  forced: boolean
}

export interface DetachResult {
  detached: DetachedMonth[]
  refused: { month: string; reason: DetachRefusal; detail: string }[]
  /** Rows older than the given month in the DEFAULT partition (they stay: no month partition holds them). */
  inDefault: number
}

/**
 * Detaches the month partitions older than `before` ('YYYY-MM'), oldest first, and stops at the first it refuses (so
 * the detached months stay one run from the oldest). Each month: younger than the retention → refused unless
 * `force`; rows still pending → refused; then its chain is checked (every row sealed, its hash recomputed from the row
 * and the previous seal's hash, its client index exact) outside any lock; then in one short transaction the count is
 * checked again, the month recorded in audit_detached and both partitions detached (the log is locked for that
 * moment). Needs the log's owner (HUOMA_MIGRATION_DATABASE_URL when the server runs as an application role).
 */
export async function detachAuditPartitions(
  db: Kysely<DB>,
  opts: { before: string; now: Date; force?: boolean; onMonth?: (m: DetachedMonth) => void },
): Promise<DetachResult> {
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(opts.before)) throw new Error(`--before takes a month as YYYY-MM, got "${opts.before}"`)
  const force = opts.force ?? false
  const { rows: lim } = await sql<{ boundary: Date; retained_from: Date }>`
    SELECT audit_month_start(${`${opts.before}-01`}::date) AS boundary,
           audit_month_start(((${opts.now}::timestamptz AT TIME ZONE 'Europe/Helsinki')::date - make_interval(years => ${AUDIT_RETENTION_YEARS}::int))::date)
             AS retained_from`.execute(db)
  const boundary = lim[0]!.boundary
  // A month may go when all of it is older than 12 years: its end at most the start of the month 12 years ago.
  const retainedFrom = lim[0]!.retained_from
  const result: DetachResult = { detached: [], refused: [], inDefault: 0 }
  for (const p of await listAuditPartitions(db)) {
    if (p.to.getTime() > boundary.getTime()) break
    if (p.to.getTime() > retainedFrom.getTime() && !force) {
      result.refused.push({ month: p.month, reason: 'retention', detail: `its rows are kept ${AUDIT_RETENTION_YEARS} years from creation (until ${monthText(p.to)} + ${AUDIT_RETENTION_YEARS} years)` })
      break
    }
    const pending = (await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM audit_pending WHERE occurred_at >= ${p.from} AND occurred_at < ${p.to}`.execute(db)).rows[0]!.n
    if (pending > 0) {
      result.refused.push({ month: p.month, reason: 'unsealed', detail: `${pending} rows are not sealed yet (huoma audit seal)` })
      break
    }
    const check = await checkMonth(db, p)
    if (typeof check === 'string') {
      result.refused.push({ month: p.month, reason: 'chain', detail: check })
      break
    }
    const done = await db.transaction().execute(async (trx) => {
      // The month cannot grow past the check: its two partitions are locked against writes (other months are not),
      // the count is read under the lock, and the detach then holds the log for a moment.
      await sql`LOCK TABLE ${sql.table(p.logTable)}, ${sql.table(p.clientTable)} IN SHARE MODE`.execute(trx)
      const again = (await sql<{ n: string }>`SELECT count(*) AS n FROM audit_log WHERE occurred_at >= ${p.from} AND occurred_at < ${p.to}`.execute(trx)).rows[0]!
      if (Number(again.n) !== check.rows) return undefined
      await sql`
        INSERT INTO audit_detached (month, log_table, client_table, range_from, range_to, row_count, client_rows,
                                    first_position, last_position, last_hash, min_audit_id, max_audit_id, forced)
        VALUES (${`${p.month}-01`}::date, ${p.logTable}, ${p.clientTable}, ${p.from}, ${p.to}, ${check.rows}, ${check.clientRows},
                ${check.firstPosition}, ${check.lastPosition}, ${check.lastHash}, ${check.minId}, ${check.maxId},
                ${force && p.to.getTime() > retainedFrom.getTime()})`.execute(trx)
      await sql`ALTER TABLE audit_log DETACH PARTITION ${sql.table(p.logTable)}`.execute(trx)
      await sql`ALTER TABLE audit_client DETACH PARTITION ${sql.table(p.clientTable)}`.execute(trx)
      return true
    })
    if (!done) {
      result.refused.push({ month: p.month, reason: 'chain', detail: 'rows were added to the month while it was checked' })
      break
    }
    const m: DetachedMonth = {
      month: p.month,
      logTable: p.logTable,
      clientTable: p.clientTable,
      rows: check.rows,
      clientRows: check.clientRows,
      firstPosition: check.firstPosition,
      lastPosition: check.lastPosition,
      forced: force && p.to.getTime() > retainedFrom.getTime(),
    }
    result.detached.push(m)
    opts.onMonth?.(m)
  }
  result.inDefault = Number((await sql<{ n: string }>`SELECT count(*) AS n FROM audit_log_default WHERE occurred_at < ${boundary}`.execute(db)).rows[0]!.n)
  return result
}

interface MonthCheck {
  rows: number
  clientRows: number
  firstPosition: number | null
  lastPosition: number | null
  lastHash: Buffer | null
  minId: number | null
  maxId: number | null
}

/** The month's chain and client index as `verifyAuditChain` checks them, over this month's rows only; a problem as text. */
async function checkMonth(db: Kysely<DB>, p: AuditPartition): Promise<MonthCheck | string> {
  return db
    .transaction()
    .setIsolationLevel('repeatable read')
    .execute(async (trx) => {
      const zero = Buffer.alloc(32)
      const r = (await sql<{ rows: string; sealed: string; bad_id: string | null; first: string | null; last: string | null; min_id: string | null; max_id: string | null }>`
        SELECT count(*) AS rows, count(s.audit_id) AS sealed,
               min(a.id) FILTER (WHERE s.audit_id IS NULL
                  OR s.hash IS DISTINCT FROM sha256(convert_to(audit_log_canonical(a), 'UTF8') || coalesce(prev.hash, ${zero}::bytea))) AS bad_id,
               min(s.position) AS first, max(s.position) AS last, min(a.id) AS min_id, max(a.id) AS max_id
          FROM audit_log a
          LEFT JOIN audit_seal s ON s.audit_id = a.id
          LEFT JOIN audit_seal prev ON prev.position = s.position - 1
         WHERE a.occurred_at >= ${p.from} AND a.occurred_at < ${p.to}`.execute(trx)).rows[0]!
      if (r.bad_id !== null) return `row ${r.bad_id} does not match its seal (or has none): run huoma audit verify`
      const clients = (await sql<{ bad: string | null; n: string }>`
        WITH expected AS (
          SELECT DISTINCT c.id AS client_id, a.id AS audit_id
            FROM audit_log a CROSS JOIN LATERAL unnest(a.client_ids) AS c(id)
           WHERE a.occurred_at >= ${p.from} AND a.occurred_at < ${p.to}
        ), actual AS (
          SELECT client_id, audit_id FROM audit_client WHERE occurred_at >= ${p.from} AND occurred_at < ${p.to}
        )
        SELECT (SELECT min(audit_id) FROM ((SELECT * FROM expected EXCEPT SELECT * FROM actual)
                                          UNION ALL (SELECT * FROM actual EXCEPT SELECT * FROM expected)) d) AS bad,
               (SELECT count(*) FROM actual) AS n`.execute(trx)).rows[0]!
      if (clients.bad !== null) return `the client index of row ${clients.bad} does not match the row: run huoma audit verify`
      const last = r.last === null ? null : Number(r.last)
      const lastHash = last === null ? null : (await sql<{ hash: Buffer }>`SELECT hash FROM audit_seal WHERE position = ${last}`.execute(trx)).rows[0]!.hash
      const num = (v: string | null) => (v === null ? null : Number(v))
      return {
        rows: Number(r.rows),
        clientRows: Number(clients.n),
        firstPosition: num(r.first),
        lastPosition: last,
        lastHash,
        minId: num(r.min_id),
        maxId: num(r.max_id),
      }
    })
}

export interface DetachedRecord {
  month: string
  rows: number
  firstPosition: number | null
  lastPosition: number | null
  lastHash: Buffer | null
}

/** The months detached so far (for `verifyAuditChain`). */
export async function detachedMonths(db: Kysely<DB> | Transaction<DB>): Promise<DetachedRecord[]> {
  const { rows } = await sql<{ month: string; row_count: string; first_position: string | null; last_position: string | null; last_hash: Buffer | null }>`
    SELECT to_char(month, 'YYYY-MM') AS month, row_count, first_position, last_position, last_hash FROM audit_detached ORDER BY month`.execute(db)
  return rows.map((r) => ({
    month: r.month,
    rows: Number(r.row_count),
    firstPosition: r.first_position === null ? null : Number(r.first_position),
    lastPosition: r.last_position === null ? null : Number(r.last_position),
    lastHash: r.last_hash,
  }))
}

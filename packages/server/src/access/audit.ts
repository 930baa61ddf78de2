import { sql, type Kysely, type Transaction } from 'kysely'
import type { AuditActionKind, DB } from '../db/schema'
import type { AuditEventType } from './audit-events'
import { checkTrailingWitness, walkSignedHeads, type AnchorProblem, type AuditAnchor, type VerifyingKeys } from './audit-anchor'
import { detachedMonths } from './audit-partitions'

export type Executor = Kysely<DB> | Transaction<DB>

/**
 * One audit row to write. Ids only: no free text from records, no henkilötunnus. The event comes from the typed
 * catalogue (`access/audit-events.ts`): its name, kind and data group are written as declared.
 */
export interface AuditEvent {
  event: AuditEventType
  userId: string | null
  roleCode?: string | null
  unitId?: string | null
  clientIds?: string[]
  /** The data group when it is not the event's own: the register of a service task, the record type read. */
  dataGroup?: string
  /** The kind when one event covers several (the officer's read of the log is a search or a view). */
  kind?: AuditActionKind
  basis?: string | null
  refId?: string | null
  outcome: 'success' | 'denied' | 'failure'
  requestId?: string | null
  clientAddress?: string | null
}

/**
 * Appends audit rows in the caller's transaction: the row, its clients (audit_client) and its place in the queue
 * of rows to seal (audit_pending) commit or roll back with the work. Nothing is locked: the hash chain is extended
 * by the sealer off the request path (`auditSealerJob`), so concurrent requests never queue for the chain.
 */
export async function appendAudit(db: Executor, ...events: AuditEvent[]): Promise<void> {
  if (!events.length) return
  await db.insertInto('audit_log').values(events.map(auditRow)).execute()
}

/** The `audit_log` columns of an event: the one mapping, for `appendAudit` and for a statement that inserts its row. */
export function auditRow(e: AuditEvent) {
  return {
    user_id: e.userId,
    role_code: e.roleCode ?? null,
    unit_id: e.unitId ?? null,
    client_ids: e.clientIds ?? [],
    data_group: e.dataGroup ?? e.event.dataGroup,
    action: e.kind ?? e.event.kind,
    event: e.event.name,
    basis: e.basis ?? null,
    ref_id: e.refId ?? null,
    outcome: e.outcome,
    request_id: e.requestId ?? null,
    client_address: e.clientAddress ?? null,
  }
}

/** The SQL types of those columns (an `INSERT … SELECT` must cast its parameters: there they have no type). */
export const AUDIT_ROW_TYPES: Record<keyof ReturnType<typeof auditRow>, string> = {
  user_id: 'uuid',
  role_code: 'text',
  unit_id: 'uuid',
  client_ids: 'uuid[]',
  data_group: 'text',
  action: 'text',
  event: 'text',
  basis: 'text',
  ref_id: 'uuid',
  outcome: 'text',
  request_id: 'text',
  client_address: 'text',
}

// ---- Sealing -------------------------------------------------------------------------------------------------------

/**
 * Seals pending audit rows into the hash chain (the SQL function `audit_seal_pending`, migration 0016) until none is
 * left or another sealer holds the chain; returns how many this call sealed. Each round signs its head in the same
 * transaction (`AuditAnchor.signHead`, migration 0022), and the new heads are then appended to the witness outside
 * the database; a witness that cannot be written makes this throw (the sealer's job retries, and the next call
 * writes what is missing). An idle call — nothing pending, every seal signed, the witness up to date as far as this
 * process knows — is one read and writes nothing.
 */
export async function sealAuditLog(
  db: Kysely<DB>,
  anchor: AuditAnchor,
  opts: { batchSize?: number; now?: () => Date } = {},
): Promise<number> {
  const batchSize = opts.batchSize ?? 5_000
  const now = opts.now ?? (() => new Date())
  const state = (await sql<{ pending: boolean; head: number | null; signed: number | null; seq: number | null }>`
    SELECT EXISTS (SELECT 1 FROM audit_pending) AS pending,
           (SELECT last_position FROM audit_chain_head WHERE id = 1) AS head,
           a.last_position AS signed, a.seq
      FROM (SELECT 1) one
      LEFT JOIN LATERAL (SELECT seq, last_position FROM audit_anchor ORDER BY seq DESC LIMIT 1) a ON true`.execute(db)).rows[0]
  const signedTo = Number(state?.signed ?? 0)
  if (!state?.pending && Number(state?.head ?? 0) === signedTo && anchor.witnessed(Number(state?.seq ?? 0))) return 0
  let total = 0
  if (state?.pending || Number(state?.head ?? 0) !== signedTo) {
    for (;;) {
      const n = await db.transaction().execute(async (trx) => {
        const { rows } = await sql<{ n: number }>`SELECT audit_seal_pending(${batchSize}::int) AS n`.execute(trx)
        await anchor.signHead(trx, now())
        return Number(rows[0]?.n ?? 0)
      })
      total += n
      if (n < batchSize) break
    }
  }
  await anchor.catchUp(db)
  return total
}

// ---- Verification --------------------------------------------------------------------------------------------------

export type BrokenReason =
  | 'hash'
  | 'link'
  | 'head'
  | 'missing'
  | 'unsealed'
  | 'clients'
  | 'detached'
  // The anchor outside the database (given `anchor`): see access/audit-anchor.ts.
  | 'signature'
  | 'anchor'
  | 'anchor-gap'
  | 'unsigned'
  | 'witness-missing'
  | 'witness-extra'
  | 'witness-differs'
  | 'witness-unreadable'

export interface VerifyResult {
  ok: boolean
  /** Sealed rows verified. */
  rows: number
  /** Rows written and not yet sealed (the sealer's window); not an error. */
  pending: number
  /** Sealed rows of detached months (`huoma audit detach`): gone on purpose, their seals still in the chain. */
  detached: number
  /** Signed heads verified (with `anchor`). */
  heads: number
  /**
   * The first row whose hash, link, presence or client index does not hold (its audit id), or the first signed head
   * (`seq`) that does not hold or that the witness disagrees on (`line`: the witness file's line).
   */
  brokenAt?: { id: number; reason: BrokenReason; position?: number; seq?: number; line?: number; keyId?: string }
  ms: number
}

/**
 * Verifies the log in one repeatable-read snapshot:
 * - walks audit_seal in position order: positions follow one another, each row still exists and its hash equals
 *   sha256(canonical(row as it is now) || previous hash), recomputed by the SQL function the sealer used;
 * - the chain head names the last position and its hash (rows cut from the end are noticed);
 * - every audit row is sealed or pending, and every pending entry names a row (rows slipped in past the triggers,
 *   or removed before sealing, are noticed);
 * - audit_client holds exactly each row's client ids (the "who processed my data" lookups read it), per id range;
 * - with `anchor` (what `huoma audit verify` always does): every seal round's signed head holds under the public
 *   key, still matches the chain, the heads cover every sealed position, and the witness outside the database holds
 *   the same heads (access/audit-anchor.ts). Without it the chain is only consistent with itself, which an owner who
 *   recomputes it can achieve.
 */
export async function verifyAuditChain(
  db: Kysely<DB>,
  opts: { batchSize?: number; onProgress?: (rows: number) => void; anchor?: VerifyingKeys } = {},
): Promise<VerifyResult> {
  const started = performance.now()
  const batchSize = opts.batchSize ?? 20_000
  let heads = 0
  let detached = 0
  const result = (ok: boolean, rows: number, pending: number, brokenAt?: VerifyResult['brokenAt']): VerifyResult => ({
    ok,
    rows,
    pending,
    detached,
    heads,
    ...(brokenAt ? { brokenAt } : {}),
    ms: Math.round(performance.now() - started),
  })
  const inSnapshot = await db
    .transaction()
    .setIsolationLevel('repeatable read')
    .execute(async (trx): Promise<{ done: VerifyResult } | { rows: number; pending: number; walk?: Awaited<ReturnType<typeof walkSignedHeads>> }> => {
      const chain = await verifyChainIn(trx, batchSize, opts.onProgress, result, (n) => (detached = n))
      if ('done' in chain) return chain
      if (!opts.anchor) return chain
      const walk = await walkSignedHeads(trx, opts.anchor, chain.position, Math.min(batchSize, 5_000))
      heads = walk.heads
      if (walk.problem) return { done: result(false, chain.rows, chain.pending, anchorBroken(walk.problem)) }
      return { ...chain, walk }
    })
  if ('done' in inSnapshot) return inSnapshot.done
  const { rows, pending, walk } = inSnapshot
  if (walk) {
    // Witness heads newer than the snapshot are looked up again; the first the database lacks was removed from it.
    const extra = await checkTrailingWitness(db, walk.trailing)
    if (extra) return result(false, rows, pending, anchorBroken(extra))
    if (walk.unsignedFrom !== undefined) {
      const at = (await sql<{ audit_id: number }>`SELECT audit_id FROM audit_seal WHERE position = ${walk.unsignedFrom}`.execute(db)).rows[0]
      return result(false, rows, pending, { id: Number(at?.audit_id ?? 0), position: walk.unsignedFrom, reason: 'unsigned' })
    }
  }
  return result(true, rows, pending)
}

function anchorBroken(p: AnchorProblem): NonNullable<VerifyResult['brokenAt']> {
  switch (p.reason) {
    case 'signature':
      return { id: 0, reason: p.reason, seq: p.seq, keyId: p.keyId }
    case 'anchor':
      return { id: p.id, reason: p.reason, seq: p.seq, position: p.position }
    case 'anchor-gap':
      return { id: 0, reason: p.reason, seq: p.seq, position: p.position }
    case 'witness-unreadable':
      return { id: 0, reason: p.reason, line: p.line }
    default:
      return { id: 0, reason: p.reason, seq: p.seq }
  }
}

/** The chain's own checks in the snapshot: its end (position, rows, pending) when they hold, else the result. */
async function verifyChainIn(
  trx: Transaction<DB>,
  batchSize: number,
  onProgress: ((rows: number) => void) | undefined,
  result: (ok: boolean, rows: number, pending: number, brokenAt?: VerifyResult['brokenAt']) => VerifyResult,
  onDetached: (rows: number) => void,
): Promise<{ done: VerifyResult } | { rows: number; pending: number; position: number }> {
  const fail = (rows: number, pending: number, brokenAt: VerifyResult['brokenAt']) => ({ done: result(false, rows, pending, brokenAt) })
  // Detached months (migration 0058): a sealed row may be absent when its position lies within a detached month's
  // positions; such rows must number exactly what the months recorded, and the chain must still have the recorded
  // hash at each month's last position (where it goes on after the month).
  const months = (await detachedMonths(trx)).filter((m) => m.firstPosition !== null && m.lastPosition !== null)
  const expectedDetached = months.reduce((n, m) => n + m.rows, 0)
  const lastOfMonth = new Map(months.map((m) => [m.lastPosition!, m]))
  const inDetached = (position: number) => months.some((m) => position >= m.firstPosition! && position <= m.lastPosition!)
  let detached = 0
  const head = (await sql<{ last_position: number; last_hash: Buffer }>`
    SELECT last_position, last_hash FROM audit_chain_head WHERE id = 1`.execute(trx)).rows[0]
  const pending = Number((await sql<{ n: number }>`SELECT count(*)::int AS n FROM audit_pending`.execute(trx)).rows[0]?.n ?? 0)
  let position = 0
  let prevHash: Buffer = Buffer.alloc(32)
  let rows = 0
  let checkedUpTo = 0 // audit ids ≤ this have had their clients compared
  for (;;) {
    // The log is partitioned by time: the batch's id range bounds every month's primary key scan.
    const { rows: batch } = await sql<{ position: number; audit_id: number; hash: Buffer; present: boolean; valid: boolean | null }>`
      WITH s AS (SELECT * FROM audit_seal WHERE position > ${position} ORDER BY position LIMIT ${batchSize})
      SELECT s.position, s.audit_id, s.hash, a.id IS NOT NULL AS present,
             s.hash = sha256(convert_to(audit_log_canonical(a), 'UTF8')
                             || coalesce(lag(s.hash) OVER (ORDER BY s.position), ${prevHash}::bytea)) AS valid
        FROM s
        LEFT JOIN audit_log a ON a.id = s.audit_id
                             AND a.id BETWEEN (SELECT min(audit_id) FROM s) AND (SELECT max(audit_id) FROM s)
       ORDER BY s.position`.execute(trx)
    let maxId = checkedUpTo
    for (const r of batch) {
      if (r.position !== position + 1) return fail(rows, pending, { id: r.audit_id, position: position + 1, reason: 'link' })
      const month = lastOfMonth.get(r.position)
      if (month && !month.lastHash?.equals(r.hash)) return fail(rows, pending, { id: r.audit_id, position: r.position, reason: 'detached' })
      if (!r.present) {
        if (!inDetached(r.position) || ++detached > expectedDetached) return fail(rows, pending, { id: r.audit_id, position: r.position, reason: 'missing' })
        prevHash = r.hash
        position = r.position
        continue
      }
      if (!r.valid) return fail(rows, pending, { id: r.audit_id, position: r.position, reason: 'hash' })
      prevHash = r.hash
      position = r.position
      if (r.audit_id > maxId) maxId = r.audit_id
      rows++
    }
    if (maxId > checkedUpTo) {
      const bad = await clientMismatch(trx, checkedUpTo + 1, maxId)
      if (bad !== undefined) return fail(rows, pending, { id: bad, reason: 'clients' })
      checkedUpTo = maxId
    }
    onProgress?.(rows)
    if (batch.length < batchSize) break
  }
  if (!head || head.last_position !== position || !head.last_hash.equals(prevHash)) {
    return fail(rows, pending, { id: 0, position: head?.last_position ?? position, reason: 'head' })
  }
  // Fewer absent rows than recorded: a detached month's rows are back (re-attached) or the record was altered.
  if (detached !== expectedDetached) return fail(rows, pending, { id: 0, reason: 'detached' })
  onDetached(detached)
  // Every row is sealed or pending: rows = sealed rows, all present (checked above), so the counts must agree.
  const total = Number((await sql<{ n: number }>`SELECT count(*)::int AS n FROM audit_log`.execute(trx)).rows[0]?.n ?? 0)
  if (total !== rows + pending) {
    const unsealed = (await sql<{ id: number | null }>`
      SELECT min(a.id) AS id FROM audit_log a
       WHERE NOT EXISTS (SELECT 1 FROM audit_seal s WHERE s.audit_id = a.id)
         AND NOT EXISTS (SELECT 1 FROM audit_pending p WHERE p.audit_id = a.id)`.execute(trx)).rows[0]?.id
    if (unsealed != null) return fail(rows, pending, { id: Number(unsealed), reason: 'unsealed' })
    const missing = (await sql<{ id: number | null }>`
      SELECT min(p.audit_id) AS id FROM audit_pending p
       WHERE NOT EXISTS (SELECT 1 FROM audit_log a WHERE a.id = p.audit_id)`.execute(trx)).rows[0]?.id
    return fail(rows, pending, { id: Number(missing ?? 0), reason: 'missing' })
  }
  // The clients of the rows above the last sealed id (pending rows, and anything claiming a later id).
  const top = (await sql<{ id: number | null }>`
    SELECT greatest((SELECT max(id) FROM audit_log), (SELECT max(audit_id) FROM audit_client)) AS id`.execute(trx)).rows[0]?.id
  if (top != null && Number(top) > checkedUpTo) {
    const bad = await clientMismatch(trx, checkedUpTo + 1, Number(top))
    if (bad !== undefined) return fail(rows, pending, { id: bad, reason: 'clients' })
  }
  return { rows, pending, position }
}

/** The first audit id in [lo, hi] whose audit_client rows differ from its client_ids, if any. */
async function clientMismatch(trx: Transaction<DB>, lo: number, hi: number): Promise<number | undefined> {
  const { rows } = await sql<{ id: number | null }>`
    WITH expected AS (
      SELECT DISTINCT c.id AS client_id, a.id AS audit_id
        FROM audit_log a CROSS JOIN LATERAL unnest(a.client_ids) AS c(id)
       WHERE a.id BETWEEN ${lo} AND ${hi}
    ), actual AS (
      SELECT client_id, audit_id FROM audit_client WHERE audit_id BETWEEN ${lo} AND ${hi}
    )
    SELECT min(audit_id) AS id FROM (
      (SELECT * FROM expected EXCEPT SELECT * FROM actual)
      UNION ALL
      (SELECT * FROM actual EXCEPT SELECT * FROM expected)
    ) d`.execute(trx)
  const id = rows[0]?.id
  return id == null ? undefined : Number(id)
}

import { sql, type Kysely, type Transaction } from 'kysely'
import type { AuditActionKind, DB } from '../db/schema'
import type { AuditEventType } from './audit-events'

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
  await db
    .insertInto('audit_log')
    .values(
      events.map((e) => ({
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
      })),
    )
    .execute()
}

// ---- Sealing -------------------------------------------------------------------------------------------------------

/**
 * Seals pending audit rows into the hash chain (the SQL function `audit_seal_pending`, migration 0016) until none is
 * left or another sealer holds the chain; returns how many this call sealed.
 */
export async function sealAuditLog(db: Kysely<DB>, opts: { batchSize?: number } = {}): Promise<number> {
  const batchSize = opts.batchSize ?? 5_000
  let total = 0
  for (;;) {
    const { rows } = await sql<{ n: number }>`SELECT audit_seal_pending(${batchSize}::int) AS n`.execute(db)
    const n = Number(rows[0]?.n ?? 0)
    total += n
    if (n < batchSize) return total
  }
}


// ---- Verification --------------------------------------------------------------------------------------------------

export type BrokenReason = 'hash' | 'link' | 'head' | 'missing' | 'unsealed' | 'clients'

export interface VerifyResult {
  ok: boolean
  /** Sealed rows verified. */
  rows: number
  /** Rows written and not yet sealed (the sealer's window); not an error. */
  pending: number
  /** The first row whose hash, link, presence or client index does not hold (its audit id). */
  brokenAt?: { id: number; reason: BrokenReason; position?: number }
  ms: number
}

/**
 * Verifies the log in one repeatable-read snapshot:
 * - walks audit_seal in position order: positions follow one another, each row still exists and its hash equals
 *   sha256(canonical(row as it is now) || previous hash), recomputed by the SQL function the sealer used;
 * - the chain head names the last position and its hash (rows cut from the end are noticed);
 * - every audit row is sealed or pending, and every pending entry names a row (rows slipped in past the triggers,
 *   or removed before sealing, are noticed);
 * - audit_client holds exactly each row's client ids (the "who processed my data" lookups read it), per id range.
 */
export async function verifyAuditChain(
  db: Kysely<DB>,
  opts: { batchSize?: number; onProgress?: (rows: number) => void } = {},
): Promise<VerifyResult> {
  const started = performance.now()
  const batchSize = opts.batchSize ?? 20_000
  return db
    .transaction()
    .setIsolationLevel('repeatable read')
    .execute(async (trx) => {
      const result = (ok: boolean, rows: number, pending: number, brokenAt?: VerifyResult['brokenAt']): VerifyResult => ({
        ok,
        rows,
        pending,
        ...(brokenAt ? { brokenAt } : {}),
        ms: Math.round(performance.now() - started),
      })
      const head = (await sql<{ last_position: number; last_hash: Buffer }>`
        SELECT last_position, last_hash FROM audit_chain_head WHERE id = 1`.execute(trx)).rows[0]
      const pending = Number((await sql<{ n: number }>`SELECT count(*)::int AS n FROM audit_pending`.execute(trx)).rows[0]?.n ?? 0)
      let position = 0
      let prevHash: Buffer = Buffer.alloc(32)
      let rows = 0
      let checkedUpTo = 0 // audit ids ≤ this have had their clients compared
      for (;;) {
        const { rows: batch } = await sql<{ position: number; audit_id: number; hash: Buffer; present: boolean; valid: boolean | null }>`
          SELECT s.position, s.audit_id, s.hash, a.id IS NOT NULL AS present,
                 s.hash = sha256(convert_to(audit_log_canonical(a), 'UTF8')
                                 || coalesce(lag(s.hash) OVER (ORDER BY s.position), ${prevHash}::bytea)) AS valid
            FROM (SELECT * FROM audit_seal WHERE position > ${position} ORDER BY position LIMIT ${batchSize}) s
            LEFT JOIN audit_log a ON a.id = s.audit_id
           ORDER BY s.position`.execute(trx)
        let maxId = checkedUpTo
        for (const r of batch) {
          if (r.position !== position + 1) return result(false, rows, pending, { id: r.audit_id, position: position + 1, reason: 'link' })
          if (!r.present) return result(false, rows, pending, { id: r.audit_id, position: r.position, reason: 'missing' })
          if (!r.valid) return result(false, rows, pending, { id: r.audit_id, position: r.position, reason: 'hash' })
          prevHash = r.hash
          position = r.position
          if (r.audit_id > maxId) maxId = r.audit_id
          rows++
        }
        if (maxId > checkedUpTo) {
          const bad = await clientMismatch(trx, checkedUpTo + 1, maxId)
          if (bad !== undefined) return result(false, rows, pending, { id: bad, reason: 'clients' })
          checkedUpTo = maxId
        }
        opts.onProgress?.(rows)
        if (batch.length < batchSize) break
      }
      if (!head || head.last_position !== position || !head.last_hash.equals(prevHash)) {
        return result(false, rows, pending, { id: 0, position: head?.last_position ?? position, reason: 'head' })
      }
      // Every row is sealed or pending: rows = sealed rows, all present (checked above), so the counts must agree.
      const total = Number((await sql<{ n: number }>`SELECT count(*)::int AS n FROM audit_log`.execute(trx)).rows[0]?.n ?? 0)
      if (total !== rows + pending) {
        const unsealed = (await sql<{ id: number | null }>`
          SELECT min(a.id) AS id FROM audit_log a
           WHERE NOT EXISTS (SELECT 1 FROM audit_seal s WHERE s.audit_id = a.id)
             AND NOT EXISTS (SELECT 1 FROM audit_pending p WHERE p.audit_id = a.id)`.execute(trx)).rows[0]?.id
        if (unsealed != null) return result(false, rows, pending, { id: Number(unsealed), reason: 'unsealed' })
        const missing = (await sql<{ id: number | null }>`
          SELECT min(p.audit_id) AS id FROM audit_pending p
           WHERE NOT EXISTS (SELECT 1 FROM audit_log a WHERE a.id = p.audit_id)`.execute(trx)).rows[0]?.id
        return result(false, rows, pending, { id: Number(missing ?? 0), reason: 'missing' })
      }
      // The clients of the rows above the last sealed id (pending rows, and anything claiming a later id).
      const top = (await sql<{ id: number | null }>`
        SELECT greatest((SELECT max(id) FROM audit_log), (SELECT max(audit_id) FROM audit_client)) AS id`.execute(trx)).rows[0]?.id
      if (top != null && Number(top) > checkedUpTo) {
        const bad = await clientMismatch(trx, checkedUpTo + 1, Number(top))
        if (bad !== undefined) return result(false, rows, pending, { id: bad, reason: 'clients' })
      }
      return result(true, rows, pending)
    })
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

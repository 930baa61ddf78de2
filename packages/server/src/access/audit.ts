import { sql, type Kysely, type Transaction } from 'kysely'
import type { AuditActionKind, DB } from '../db/schema'

export type Executor = Kysely<DB> | Transaction<DB>

/** One audit event. Ids only: no free text from records, no henkilötunnus. */
export interface AuditEvent {
  userId: string | null
  roleCode?: string | null
  unitId?: string | null
  clientIds?: string[]
  dataGroup: string
  action: AuditActionKind
  event: string
  basis?: string | null
  refId?: string | null
  outcome: 'success' | 'denied' | 'failure'
  requestId?: string | null
  clientAddress?: string | null
}

/**
 * Appends audit rows. The database's trigger assigns the id and chains the hash under a lock on the chain head,
 * so call this as the last step of the transaction that did the work: the lock is held until commit.
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
        data_group: e.dataGroup,
        action: e.action,
        event: e.event,
        basis: e.basis ?? null,
        ref_id: e.refId ?? null,
        outcome: e.outcome,
        request_id: e.requestId ?? null,
        client_address: e.clientAddress ?? null,
      })),
    )
    .execute()
}

export interface VerifyResult {
  ok: boolean
  rows: number
  /** The first row whose hash or link does not hold. */
  brokenAt?: { id: number; reason: 'hash' | 'link' | 'head' }
  ms: number
}

/**
 * Walks the whole chain in id order: each row's hash must equal sha256(canonical(row) || prev_hash), each
 * prev_hash must equal the previous row's hash, and the chain head must name the last row. The hash is recomputed
 * by the same SQL function the trigger used.
 */
export async function verifyAuditChain(
  db: Kysely<DB>,
  opts: { batchSize?: number; onProgress?: (rows: number) => void } = {},
): Promise<VerifyResult> {
  const started = Date.now()
  const batchSize = opts.batchSize ?? 20_000
  let lastId = 0
  let prevHash: Buffer = Buffer.alloc(32)
  let rows = 0
  for (;;) {
    const { rows: batch } = await sql<{ id: number; prev_hash: Buffer; hash: Buffer; valid: boolean }>`
      SELECT id, prev_hash, hash,
             hash = sha256(convert_to(audit_log_canonical(a), 'UTF8') || prev_hash) AS valid
        FROM audit_log a
       WHERE id > ${lastId}
       ORDER BY id
       LIMIT ${batchSize}`.execute(db)
    for (const r of batch) {
      if (!r.prev_hash.equals(prevHash)) return { ok: false, rows, brokenAt: { id: r.id, reason: 'link' }, ms: Date.now() - started }
      if (!r.valid) return { ok: false, rows, brokenAt: { id: r.id, reason: 'hash' }, ms: Date.now() - started }
      prevHash = r.hash
      lastId = r.id
      rows++
    }
    opts.onProgress?.(rows)
    if (batch.length < batchSize) break
  }
  const head = await db.selectFrom('audit_chain_head').select(['last_id', 'last_hash']).where('id', '=', 1).executeTakeFirst()
  if (!head || head.last_id !== lastId || !head.last_hash.equals(prevHash)) {
    return { ok: false, rows, brokenAt: { id: head?.last_id ?? lastId, reason: 'head' }, ms: Date.now() - started }
  }
  return { ok: true, rows, ms: Date.now() - started }
}

import { execFile } from 'node:child_process'
import path from 'node:path'
import { promisify } from 'node:util'
import { sql, type Kysely } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { appendAudit, sealAuditLog, verifyAuditChain } from '../src/access/audit'
import { auditSealerJob } from '../src/kernel/jobs/audit-sealer'
import { openAuditAnchor, type AuditAnchor } from '../src/access/audit-anchor'
import { loadConfig } from '../src/config'
import { actionEvent } from '../src/access/audit-events'
import { ACTIONS } from '../src/catalogue'
import { openDatabase, type Database } from '../src/db/database'
import { migrateToLatest, migrateUpTo } from '../src/db/migrate'
import type { DB } from '../src/db/schema'
import { createLogger } from '../src/http/logger'
import { systemClock } from '../src/kernel/clock'
import { JobRunner } from '../src/kernel/jobs'
import { databaseKinds, scratchDatabase, type DbKind, type ScratchDatabase } from './helpers/databases'

const run = promisify(execFile)
const CLI = path.join(import.meta.dirname, '../src/cli.ts')
const kinds = await databaseKinds()

const event = (i: number, clientIds = [crypto.randomUUID()]) => ({
  userId: null,
  clientIds,
  event: actionEvent('persons:read', ACTIONS['persons:read']),
  outcome: 'success' as const,
  requestId: `req-${i}`,
})

async function appendRows(db: Kysely<DB>, n: number) {
  for (let i = 0; i < n; i++) await appendAudit(db, event(i))
}

/** As the database superuser with every trigger off: what an attacker with the server's keys could do. */
async function bypass(db: Kysely<DB>, statement: ReturnType<typeof sql>) {
  await db.transaction().execute(async (trx) => {
    await sql`SET LOCAL session_replication_role = replica`.execute(trx)
    await statement.execute(trx)
  })
}

/** The anchor (signing key, witness) a server or the CLI would use with this scratch database's data folder. */
const anchorOf = (scratch: ScratchDatabase): AuditAnchor => openAuditAnchor(loadConfig({ HUOMA_DATA_DIR: scratch.dataDir }).audit)

/** A fresh database with n sealed rows, for one tampering scenario. */
async function freshLog(kind: DbKind, n: number) {
  const scratch = await scratchDatabase(kind)
  const database = await openDatabase({ databaseUrl: scratch.databaseUrl, dataDir: scratch.dataDir })
  const anchor = anchorOf(scratch)
  await migrateToLatest(database.db)
  await appendRows(database.db, n)
  await sealAuditLog(database.db, anchor)
  return {
    db: database.db,
    anchor,
    kind: database.kind,
    close: async () => {
      await database.close()
      await scratch.drop()
    },
  }
}

describe.each(kinds)('the audit log on %s', (kind) => {
  let scratch: ScratchDatabase
  let database: Database
  let anchor: AuditAnchor
  const cli = async (...args: string[]) => {
    const env = { ...process.env, DATABASE_URL: scratch.databaseUrl ?? '', HUOMA_DATA_DIR: scratch.dataDir }
    try {
      const r = await run(process.execPath, ['--import', 'tsx', CLI, ...args], { env })
      return { code: 0, out: r.stdout }
    } catch (e) {
      const err = e as { code: number; stdout: string; stderr: string }
      return { code: err.code, out: err.stdout + err.stderr }
    }
  }

  beforeAll(async () => {
    scratch = await scratchDatabase(kind)
    database = await openDatabase({ databaseUrl: scratch.databaseUrl, dataDir: scratch.dataDir })
    anchor = anchorOf(scratch)
    await migrateToLatest(database.db)
    await appendRows(database.db, 30)
  })
  afterAll(async () => {
    await database?.close()
    await scratch?.drop()
  })

  it('refuses UPDATE, DELETE and TRUNCATE on the log, its client index and its seals', async () => {
    await sealAuditLog(database.db, anchor)
    await expect(sql`UPDATE audit_log SET outcome = 'failure' WHERE id = 1`.execute(database.db)).rejects.toThrow(/append-only/)
    await expect(sql`DELETE FROM audit_log WHERE id = 1`.execute(database.db)).rejects.toThrow(/append-only/)
    await expect(sql`TRUNCATE audit_log CASCADE`.execute(database.db)).rejects.toThrow(/append-only/)
    await expect(sql`DELETE FROM audit_client WHERE audit_id = 1`.execute(database.db)).rejects.toThrow(/audit_client is append-only/)
    await expect(sql`UPDATE audit_seal SET hash = '\\x00' WHERE position = 1`.execute(database.db)).rejects.toThrow(/audit_seal is append-only/)
    await expect(sql`TRUNCATE audit_seal`.execute(database.db)).rejects.toThrow(/append-only/)
  })

  it('writes rows unsealed, seals them in id order, and verifies intact', async () => {
    // The 30 rows of beforeAll were sealed by the first test; three more wait for the sealer.
    await appendRows(database.db, 3)
    expect(await verifyAuditChain(database.db, { batchSize: 7 })).toMatchObject({ ok: true, rows: 30, pending: 3 })
    expect(await sealAuditLog(database.db, anchor)).toBe(3)
    expect(await verifyAuditChain(database.db, { batchSize: 7 })).toMatchObject({ ok: true, rows: 33, pending: 0 })
    const seals = await database.db.selectFrom('audit_seal').select(['position', 'audit_id']).orderBy('position').execute()
    expect(seals.map((s) => s.position)).toEqual(Array.from({ length: 33 }, (_, i) => i + 1))
    expect(seals.map((s) => s.audit_id)).toEqual(Array.from({ length: 33 }, (_, i) => i + 1))
    // With nothing pending, a sealing round (the server runs one every 200 ms) writes nothing: no transaction id.
    await database.db.transaction().execute(async (trx) => {
      expect((await sql<{ n: number }>`SELECT audit_seal_pending(100) AS n`.execute(trx)).rows[0]?.n).toBe(0)
      expect((await sql<{ x: unknown }>`SELECT txid_current_if_assigned() AS x`.execute(trx)).rows[0]?.x).toBeNull()
    })
  })

  it('indexes every client of a row once in audit_client', async () => {
    const a = crypto.randomUUID()
    const b = crypto.randomUUID()
    await appendAudit(database.db, event(99, [a, b, a]))
    const rows = await database.db.selectFrom('audit_client').select(['client_id', 'audit_id']).where('client_id', 'in', [a, b]).execute()
    expect(rows).toHaveLength(2)
    expect(new Set(rows.map((r) => r.audit_id)).size).toBe(1)
    await sealAuditLog(database.db, anchor)
  })

  it('audit verify (CLI) exits 0 on an intact log and 1 naming the first altered row', async () => {
    if (kind === 'pglite') await database.close() // the embedded folder admits one process at a time
    const intact = await cli('audit', 'verify')
    expect(intact.code).toBe(0)
    expect(intact.out).toMatch(/intact: 34 rows/)
    if (kind === 'pglite') database = await openDatabase({ dataDir: scratch.dataDir })
    // A superuser bypasses the trigger and edits row 12.
    await bypass(database.db, sql`UPDATE audit_log SET event = 'persons:search' WHERE id = 12`)
    expect(await verifyAuditChain(database.db)).toMatchObject({ ok: false, brokenAt: { id: 12, reason: 'hash' } })
    if (kind === 'pglite') await database.close()
    const broken = await cli('audit', 'verify')
    expect(broken.code).toBe(1)
    expect(broken.out).toMatch(/BROKEN at row 12/)
    if (kind === 'pglite') database = await openDatabase({ dataDir: scratch.dataDir })
  })

  it('detects a deleted row and a removed seal', async () => {
    const deleted = await freshLog(kind, 25)
    try {
      await bypass(deleted.db, sql`DELETE FROM audit_log WHERE id = 20`)
      expect(await verifyAuditChain(deleted.db, { batchSize: 7 })).toMatchObject({ ok: false, brokenAt: { id: 20, reason: 'missing' } })
      // …and the seal removed too: the chain has a hole at position 20.
      await bypass(deleted.db, sql`DELETE FROM audit_seal WHERE audit_id = 20`)
      expect(await verifyAuditChain(deleted.db, { batchSize: 7 })).toMatchObject({ ok: false, brokenAt: { id: 21, position: 20, reason: 'link' } })
    } finally {
      await deleted.close()
    }
  })

  it('detects seals cut from the end by the chain head', async () => {
    const cut = await freshLog(kind, 10)
    try {
      // The last row, its seal and its client rows removed: only the chain head still knows.
      await bypass(cut.db, sql`DELETE FROM audit_log WHERE id = 10`)
      await bypass(cut.db, sql`DELETE FROM audit_seal WHERE audit_id = 10`)
      await bypass(cut.db, sql`DELETE FROM audit_client WHERE audit_id = 10`)
      expect(await verifyAuditChain(cut.db)).toMatchObject({ ok: false, brokenAt: { reason: 'head', position: 10 } })
    } finally {
      await cut.close()
    }
  })

  it('detects a row slipped in past the triggers', async () => {
    const slipped = await freshLog(kind, 10)
    try {
      await bypass(
        slipped.db,
        sql`INSERT INTO audit_log (data_group, action, event, outcome) VALUES ('registry/person', 'view', 'persons:read', 'success')`,
      )
      expect(await verifyAuditChain(slipped.db)).toMatchObject({ ok: false, brokenAt: { id: 11, reason: 'unsealed' } })
    } finally {
      await slipped.close()
    }
  })

  it('detects an access hidden from, or added to, the client index', async () => {
    const hidden = await freshLog(kind, 10)
    try {
      // Hiding an access from the "who processed my data" report by removing its client index row.
      await bypass(hidden.db, sql`DELETE FROM audit_client WHERE audit_id = 7`)
      expect(await verifyAuditChain(hidden.db, { batchSize: 4 })).toMatchObject({ ok: false, brokenAt: { id: 7, reason: 'clients' } })
      // An extra client index row (an access ascribed to the wrong client) is noticed as well.
      await bypass(hidden.db, sql`INSERT INTO audit_client (client_id, audit_id, occurred_at) VALUES (gen_random_uuid(), 3, now())`)
      expect(await verifyAuditChain(hidden.db, { batchSize: 4 })).toMatchObject({ ok: false, brokenAt: { id: 3, reason: 'clients' } })
    } finally {
      await hidden.close()
    }
  })

  it('the upgrade to off-request sealing carries an existing chain over unchanged (migration 0016)', async () => {
    const old = await scratchDatabase(kind)
    const db = await openDatabase({ databaseUrl: old.databaseUrl, dataDir: old.dataDir })
    try {
      await migrateUpTo(db.db, '0015_income_support_reductions')
      const a = crypto.randomUUID()
      // Rows chained the old way, by the insert trigger under the chain-head lock; one rolled back (a gap in the ids).
      for (let i = 0; i < 12; i++) {
        await sql`INSERT INTO audit_log (client_ids, data_group, action, event, outcome) VALUES (${[a, crypto.randomUUID()]}::uuid[], 'registry/person', 'view', 'persons:read', 'success')`.execute(db.db)
        if (i === 5) {
          await db.db.transaction().execute(async (trx) => {
            await sql`INSERT INTO audit_log (data_group, action, event, outcome) VALUES ('x', 'view', 'x', 'success')`.execute(trx)
            throw new Error('rollback')
          }).catch(() => undefined)
        }
      }
      await migrateToLatest(db.db)
      expect(await verifyAuditChain(db.db, { batchSize: 5 })).toMatchObject({ ok: true, rows: 12, pending: 0 })
      // The seals made before the anchor (0022) are signed by no head until the first round after the upgrade.
      const oldAnchor = anchorOf(old)
      const verifying = { keys: [oldAnchor.publicKey], witnessFile: oldAnchor.settings.witnessFile }
      expect(await verifyAuditChain(db.db, { anchor: verifying })).toMatchObject({ ok: false, brokenAt: { reason: 'unsigned', position: 1 } })
      const forA = await db.db.selectFrom('audit_client').select('audit_id').where('client_id', '=', a).execute()
      expect(forA).toHaveLength(12)
      // New rows continue the same chain.
      await appendRows(db.db, 4)
      await sealAuditLog(db.db, oldAnchor)
      expect(await verifyAuditChain(db.db, { batchSize: 5, anchor: verifying })).toMatchObject({ ok: true, rows: 16, pending: 0, heads: 1 })
    } finally {
      await db.close()
      await old.drop()
    }
  })

  it('the server sealer keeps up with concurrent writers and never seals a row twice', async () => {
    const log = await freshLog(kind, 0)
    try {
      // The server's sealer: the audit-sealer job every 20 ms in a job runner.
      const sealer = new JobRunner({ database: log, clock: systemClock, logger: createLogger('silent'), jobs: [auditSealerJob({ intervalMs: 20, anchor: log.anchor })] })
      await sealer.register()
      sealer.start()
      const writers = Array.from({ length: 8 }, (_, w) =>
        (async () => {
          for (let i = 0; i < 25; i++) {
            await log.db.transaction().execute(async (trx) => {
              await appendAudit(trx, event(w * 100 + i), event(w * 100 + i))
            })
          }
        })(),
      )
      // A rolled-back write leaves a gap in the ids and nothing to seal.
      await log.db
        .transaction()
        .execute(async (trx) => {
          await appendAudit(trx, event(999))
          throw new Error('rollback')
        })
        .catch(() => undefined)
      // Two sealers at once: the second finds the chain head locked and returns.
      await Promise.all([...writers, sealAuditLog(log.db, log.anchor), sealAuditLog(log.db, log.anchor)])
      await sealer.stop()
      const r = await verifyAuditChain(log.db, { batchSize: 50, anchor: { keys: [log.anchor.publicKey], witnessFile: log.anchor.settings.witnessFile } })
      expect(r).toMatchObject({ ok: true, rows: 400, pending: 0 })
      expect(r.heads).toBeGreaterThan(0)
      const dupes = await sql<{ n: number }>`SELECT count(*)::int AS n FROM (SELECT audit_id FROM audit_seal GROUP BY audit_id HAVING count(*) > 1) d`.execute(log.db)
      expect(dupes.rows[0]?.n).toBe(0)
    } finally {
      await log.close()
    }
  })
})

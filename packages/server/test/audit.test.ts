import { execFile } from 'node:child_process'
import path from 'node:path'
import { promisify } from 'node:util'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { appendAudit, verifyAuditChain } from '../src/access/audit'
import { openDatabase, type Database } from '../src/db/database'
import { migrateToLatest } from '../src/db/migrate'
import { databaseKinds, scratchDatabase, type ScratchDatabase } from './helpers/databases'

const run = promisify(execFile)
const CLI = path.join(import.meta.dirname, '../src/cli.ts')
const kinds = await databaseKinds()

describe.each(kinds)('the audit log on %s', (kind) => {
  let scratch: ScratchDatabase
  let database: Database
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
    await migrateToLatest(database.db)
    for (let i = 0; i < 30; i++) {
      await appendAudit(database.db, {
        userId: null,
        clientIds: [crypto.randomUUID()],
        dataGroup: 'registry/person',
        action: 'view',
        event: 'persons:read',
        outcome: 'success',
        requestId: `req-${i}`,
      })
    }
  })
  afterAll(async () => {
    await database?.close()
    await scratch?.drop()
  })

  it('refuses UPDATE, DELETE and TRUNCATE', async () => {
    await expect(sql`UPDATE audit_log SET outcome = 'failure' WHERE id = 1`.execute(database.db)).rejects.toThrow(/append-only/)
    await expect(sql`DELETE FROM audit_log WHERE id = 1`.execute(database.db)).rejects.toThrow(/append-only/)
    await expect(sql`TRUNCATE audit_log CASCADE`.execute(database.db)).rejects.toThrow(/append-only/)
  })

  it('chains every row and verifies intact', async () => {
    const r = await verifyAuditChain(database.db, { batchSize: 7 })
    expect(r).toMatchObject({ ok: true, rows: 30 })
  })

  it('audit verify (CLI) exits 0 on an intact log and 1 naming the first altered row', async () => {
    if (kind === 'pglite') await database.close() // the embedded folder admits one process at a time
    const intact = await cli('audit', 'verify')
    expect(intact.code).toBe(0)
    expect(intact.out).toMatch(/intact: 30 rows/)
    if (kind === 'pglite') database = await openDatabase({ dataDir: scratch.dataDir })
    // A superuser bypasses the trigger and edits row 12.
    await database.db.transaction().execute(async (trx) => {
      await sql`SET LOCAL session_replication_role = replica`.execute(trx)
      await sql`UPDATE audit_log SET event = 'persons:search' WHERE id = 12`.execute(trx)
    })
    expect(await verifyAuditChain(database.db)).toMatchObject({ ok: false, brokenAt: { id: 12, reason: 'hash' } })
    if (kind === 'pglite') await database.close()
    const broken = await cli('audit', 'verify')
    expect(broken.code).toBe(1)
    expect(broken.out).toMatch(/BROKEN at row 12/)
    if (kind === 'pglite') database = await openDatabase({ dataDir: scratch.dataDir })
  })

  it('detects a deleted row by the broken link', async () => {
    await database.db.transaction().execute(async (trx) => {
      await sql`SET LOCAL session_replication_role = replica`.execute(trx)
      await sql`UPDATE audit_log SET event = 'persons:read' WHERE id = 12`.execute(trx)
      await sql`DELETE FROM audit_log WHERE id = 20`.execute(trx)
    })
    expect(await verifyAuditChain(database.db)).toMatchObject({ ok: false, brokenAt: { id: 21, reason: 'link' } })
  })
})

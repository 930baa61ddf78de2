import { execFile } from 'node:child_process'
import path from 'node:path'
import { promisify } from 'node:util'
import { sql, type Kysely } from 'kysely'
import pino from 'pino'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { appendAudit, sealAuditLog, verifyAuditChain } from '../src/access/audit'
import { openAuditAnchor, type AuditAnchor } from '../src/access/audit-anchor'
import { detachAuditPartitions, ensureAuditPartitionRange, listAuditPartitions } from '../src/access/audit-partitions'
import { actionEvent } from '../src/access/audit-events'
import { ACTIONS } from '../src/catalogue'
import { loadConfig } from '../src/config'
import { openDatabase, type Database } from '../src/db/database'
import { migrateToLatest, migrateUpTo } from '../src/db/migrate'
import type { DB } from '../src/db/schema'
import { TestClock } from '../src/kernel/clock'
import { auditPartitionsJob } from '../src/kernel/jobs/audit-partitions'
import { searchAuditLog } from '../src/modules/privacy/repository'
import { databaseKinds, scratchDatabase, type DbKind, type ScratchDatabase } from './helpers/databases'

const run = promisify(execFile)
const CLI = path.join(import.meta.dirname, '../src/cli.ts')
const kinds = await databaseKinds()

/** A row at a given instant, written as the server writes it (the insert trigger adds its clients and pending entry). */
async function rowAt(db: Kysely<DB>, at: string, clientIds: string[]): Promise<number> {
  const { rows } = await sql<{ id: string }>`
    INSERT INTO audit_log (occurred_at, client_ids, data_group, action, event, basis, outcome, request_id)
    VALUES (${at}::timestamptz, ${clientIds}::uuid[], 'registry/person', 'view', 'persons:read', 'relationship', 'success', 'req')
    RETURNING id`.execute(db)
  return Number(rows[0]!.id)
}

/** As the database superuser with every trigger off: what an attacker with the server's keys could do. */
async function bypass(db: Kysely<DB>, statement: ReturnType<typeof sql>) {
  await db.transaction().execute(async (trx) => {
    await sql`SET LOCAL session_replication_role = replica`.execute(trx)
    await statement.execute(trx)
  })
}

const partitionOf = async (db: Kysely<DB>, id: number) =>
  (await sql<{ p: string }>`SELECT tableoid::regclass::text AS p FROM audit_log WHERE id = ${id}`.execute(db)).rows[0]?.p

const NOW = new Date('2026-12-07T10:00:00Z')

describe.each(kinds)('the audit log by month on %s', (kind: DbKind) => {
  let scratch: ScratchDatabase
  let database: Database
  let db: Kysely<DB>
  let anchor: AuditAnchor
  const client = crypto.randomUUID()
  const ids: Record<string, number> = {}

  beforeAll(async () => {
    scratch = await scratchDatabase(kind)
    database = await openDatabase({ databaseUrl: scratch.databaseUrl, dataDir: scratch.dataDir })
    db = database.db
    anchor = openAuditAnchor(loadConfig({ HUOMA_DATA_DIR: scratch.dataDir }).audit)
    await migrateToLatest(db)
    // Old months (past the 12-year retention), a recent one, and today's rows.
    await ensureAuditPartitionRange(db, '2013-03', '2013-05')
    await ensureAuditPartitionRange(db, '2025-06', '2025-06')
    ids['2013-03'] = await rowAt(db, '2013-03-01T00:30:00+02:00', [client]) // just past Helsinki midnight: March, not February
    ids['2013-03b'] = await rowAt(db, '2013-03-31T23:30:00+03:00', [client, crypto.randomUUID()])
    ids['2013-04'] = await rowAt(db, '2013-04-15T12:00:00Z', [crypto.randomUUID()])
    ids['2025-06'] = await rowAt(db, '2025-06-10T12:00:00Z', [client])
    // A month with no partition: the row lands in the DEFAULT partition, the insert does not fail.
    ids['2012-11'] = await rowAt(db, '2012-11-20T12:00:00Z', [client])
    await appendAudit(db, { userId: null, clientIds: [client], event: actionEvent('persons:read', ACTIONS['persons:read']), outcome: 'success' })
    ids.now = Number((await sql<{ id: string }>`SELECT max(id) AS id FROM audit_log`.execute(db)).rows[0]!.id)
    await sealAuditLog(db, anchor)
  })
  afterAll(async () => {
    await database?.close()
    await scratch?.drop()
  })

  it('keeps each row in its Helsinki month, an unplanned month in the default, and verifies across them', async () => {
    expect(await partitionOf(db, ids['2013-03']!)).toBe('audit_log_y2013m03')
    expect(await partitionOf(db, ids['2013-03b']!)).toBe('audit_log_y2013m03')
    expect(await partitionOf(db, ids['2013-04']!)).toBe('audit_log_y2013m04')
    expect(await partitionOf(db, ids['2025-06']!)).toBe('audit_log_y2025m06')
    expect(await partitionOf(db, ids['2012-11']!)).toBe('audit_log_default')
    // The client index lies in the same months.
    const clientParts = (await sql<{ p: string }>`SELECT DISTINCT tableoid::regclass::text AS p FROM audit_client WHERE client_id = ${client} ORDER BY 1`.execute(db)).rows
    expect(clientParts.map((r) => r.p)).toEqual(expect.arrayContaining(['audit_client_default', 'audit_client_y2013m03', 'audit_client_y2025m06']))
    expect(await verifyAuditChain(db, { batchSize: 2 })).toMatchObject({ ok: true, rows: 6, pending: 0, detached: 0 })
  })

  it('refuses changes on the months themselves as on the log', async () => {
    await expect(sql`UPDATE audit_log_y2013m03 SET outcome = 'failure'`.execute(db)).rejects.toThrow(/audit_log is append-only/)
    await expect(sql`DELETE FROM audit_client_y2013m03`.execute(db)).rejects.toThrow(/audit_client is append-only/)
    await expect(sql`TRUNCATE audit_log_y2013m04`.execute(db)).rejects.toThrow(/append-only/)
    await expect(sql`TRUNCATE audit_client_default`.execute(db)).rejects.toThrow(/append-only/)
  })

  it('"who processed" finds the client\'s rows in every month, newest first', async () => {
    const page = await searchAuditLog(db, { clientId: client, limit: 50 })
    // In id order (the order rows were written), whatever their months.
    expect(page.entries.map((e) => e.id)).toEqual([ids.now, ids['2012-11'], ids['2025-06'], ids['2013-03b'], ids['2013-03']])
    const older = await searchAuditLog(db, { clientId: client, limit: 2, before: ids['2025-06'] })
    expect(older.entries.map((e) => e.id)).toEqual([ids['2013-03b'], ids['2013-03']])
  })

  it('the partition job creates the coming months once, and names a month already in the default', async () => {
    const job = auditPartitionsJob()
    const ctx = (now: string) => ({
      db,
      clock: new TestClock(new Date(now)),
      log: pino({ level: 'silent' }),
      signal: new AbortController().signal,
      trigger: 'manual' as const,
      slotAt: null,
      attempt: 1,
    })
    await rowAt(db, '2031-03-05T10:00:00Z', [crypto.randomUUID()]) // before its month exists
    const first = await job.run(ctx('2030-12-31T23:30:00Z')) // already January in Helsinki
    expect(first).toMatchObject({ worked: true, summary: 'created 2031-01, 2031-02, 2031-04; rows of 2031-03 are in the default partition' })
    const again = await job.run(ctx('2031-01-01T06:00:00Z'))
    expect(again).toMatchObject({ worked: false, summary: 'no month created; rows of 2031-03 are in the default partition' })
    const months = (await listAuditPartitions(db)).map((p) => p.month)
    expect(months.filter((m) => m.startsWith('2031'))).toEqual(['2031-01', '2031-02', '2031-04'])
    const bounds = (await listAuditPartitions(db)).find((p) => p.month === '2031-01')!
    expect([bounds.from.toISOString(), bounds.to.toISOString()]).toEqual(['2030-12-31T22:00:00.000Z', '2031-01-31T22:00:00.000Z'])
    await sealAuditLog(db, anchor)
    expect(await verifyAuditChain(db)).toMatchObject({ ok: true, rows: 7 })
    // With no row in the default for it, a month is simply created.
    expect(await job.run(ctx('2031-05-15T12:00:00Z'))).toMatchObject({ worked: true, summary: 'created 2031-05, 2031-06, 2031-07, 2031-08' })
    expect(await job.run(ctx('2031-05-16T12:00:00Z'))).toMatchObject({ worked: false, summary: 'no month created' })
  })

  it('detaches whole sealed months past the retention, and verify still passes through them', async () => {
    // A row waiting to be sealed in a month keeps that month (and the later ones) attached.
    await rowAt(db, '2013-05-02T12:00:00Z', [crypto.randomUUID()])
    const refused = await detachAuditPartitions(db, { before: '2014-01', now: NOW })
    expect(refused.detached.map((m) => m.month)).toEqual(['2013-03', '2013-04'])
    expect(refused.refused).toEqual([{ month: '2013-05', reason: 'unsealed', detail: expect.stringMatching(/1 rows are not sealed/) }])
    expect(refused.inDefault).toBe(1) // the 2012-11 row stays in the log
    expect(refused.detached[0]).toMatchObject({ rows: 2, clientRows: 3, logTable: 'audit_log_y2013m03' })
    await sealAuditLog(db, anchor)
    const r = await verifyAuditChain(db, { batchSize: 3 })
    expect(r).toMatchObject({ ok: true, rows: 5, detached: 3, pending: 0 })
    // The detached rows are tables of their own now, out of the log and its client index.
    expect((await sql<{ n: number }>`SELECT count(*)::int AS n FROM audit_log_y2013m03`.execute(db)).rows[0]!.n).toBe(2)
    expect((await listAuditPartitions(db)).map((p) => p.month)).not.toContain('2013-03')
    const page = await searchAuditLog(db, { clientId: client, limit: 50 })
    expect(page.entries.map((e) => e.id)).toEqual([ids.now, ids['2012-11'], ids['2025-06']])
    // A detached month is not created again: a row of it now goes to the default partition.
    expect(await ensureAuditPartitionRange(db, '2013-03', '2013-03')).toEqual([])
    const record = (await sql<{ month: string; row_count: string; forced: boolean }>`SELECT to_char(month, 'YYYY-MM') AS month, row_count, forced FROM audit_detached ORDER BY month`.execute(db)).rows
    expect(record.map((x) => [x.month, Number(x.row_count), x.forced])).toEqual([['2013-03', 2, false], ['2013-04', 1, false]])
    await expect(sql`DELETE FROM audit_detached`.execute(db)).rejects.toThrow(/append-only/)
  })

  it('refuses a month within the retention unless forced', async () => {
    const r = await detachAuditPartitions(db, { before: '2025-07', now: NOW })
    expect(r.detached.map((m) => m.month)).toEqual(['2013-05'])
    expect(r.refused).toEqual([{ month: '2025-06', reason: 'retention', detail: expect.stringMatching(/12 years/) }])
    const forced = await detachAuditPartitions(db, { before: '2025-07', now: NOW, force: true })
    expect(forced.detached).toMatchObject([{ month: '2025-06', rows: 1, forced: true }])
    expect(await verifyAuditChain(db, { batchSize: 4 })).toMatchObject({ ok: true, rows: 3, detached: 5 })
  })

  it('notices a row deleted among detached months, a detached month brought back, and a row altered in a month', async () => {
    // A kept row deleted in the positions of a detached month is one absent row more than recorded.
    const kept = ids['2012-11']!
    await bypass(db, sql`DELETE FROM audit_log WHERE id = ${kept}`)
    expect(await verifyAuditChain(db)).toMatchObject({ ok: false, brokenAt: { id: kept, reason: 'missing' } })
    await bypass(db, sql`INSERT INTO audit_log (id, occurred_at, client_ids, data_group, action, event, basis, outcome, request_id)
                          VALUES (${kept}, '2012-11-20T12:00:00Z', ${[client]}::uuid[], 'registry/person', 'view', 'persons:read', 'relationship', 'success', 'req')`)
    expect(await verifyAuditChain(db)).toMatchObject({ ok: true })
    // A detached month's rows back in the log: fewer absent rows than recorded.
    await sql`ALTER TABLE audit_log ATTACH PARTITION audit_log_y2025m06 FOR VALUES FROM ('2025-05-31T21:00:00Z') TO ('2025-06-30T21:00:00Z')`.execute(db)
    expect(await verifyAuditChain(db)).toMatchObject({ ok: false, brokenAt: { reason: 'clients' } })
    await sql`ALTER TABLE audit_client ATTACH PARTITION audit_client_y2025m06 FOR VALUES FROM ('2025-05-31T21:00:00Z') TO ('2025-06-30T21:00:00Z')`.execute(db)
    expect(await verifyAuditChain(db)).toMatchObject({ ok: false, brokenAt: { reason: 'detached' } })
    await sql`ALTER TABLE audit_log DETACH PARTITION audit_log_y2025m06`.execute(db)
    await sql`ALTER TABLE audit_client DETACH PARTITION audit_client_y2025m06`.execute(db)
    expect(await verifyAuditChain(db)).toMatchObject({ ok: true, rows: 3, detached: 5 })
    // A row altered inside a month partition.
    const now = ids.now!
    await bypass(db, sql`UPDATE audit_log SET outcome = 'denied' WHERE id = ${now}`)
    expect(await verifyAuditChain(db)).toMatchObject({ ok: false, brokenAt: { id: now, reason: 'hash' } })
    // …and a month with an altered row is not detached.
    const r = await detachAuditPartitions(db, { before: '2027-01', now: NOW, force: true })
    expect(r.detached).toEqual([])
    expect(r.refused).toEqual([{ month: '2026-12', reason: 'chain', detail: expect.stringMatching(new RegExp(`row ${now} does not match`)) }])
  })
})

describe.each(kinds)('the upgrade to a partitioned log on %s', (kind: DbKind) => {
  it('moves the rows into months with the chain unchanged, and the CLI detaches and verifies (migration 0058)', async () => {
    const scratch = await scratchDatabase(kind)
    let database: Database | undefined = await openDatabase({ databaseUrl: scratch.databaseUrl, dataDir: scratch.dataDir })
    const anchor = openAuditAnchor(loadConfig({ HUOMA_DATA_DIR: scratch.dataDir }).audit)
    try {
      await migrateUpTo(database.db, '0056_person_life_situation')
      const a = crypto.randomUUID()
      for (const at of ['2010-01-10T10:00:00Z', '2010-02-10T10:00:00Z', '2010-02-11T10:00:00Z', '2026-12-01T10:00:00Z']) {
        await sql`INSERT INTO audit_log (occurred_at, client_ids, data_group, action, event, outcome) VALUES (${at}::timestamptz, ${[a]}::uuid[], 'registry/person', 'view', 'persons:read', 'success')`.execute(database.db)
      }
      await sealAuditLog(database.db, anchor)
      // One more, pending over the upgrade.
      await sql`INSERT INTO audit_log (occurred_at, client_ids, data_group, action, event, outcome) VALUES ('2010-02-12T10:00:00Z', ${[a]}::uuid[], 'registry/person', 'view', 'persons:read', 'success')`.execute(database.db)
      const before = (await sql<{ hash: Buffer }>`SELECT hash FROM audit_seal ORDER BY position`.execute(database.db)).rows.map((r) => r.hash.toString('hex'))
      await migrateToLatest(database.db)
      const verifying = { keys: [anchor.publicKey], witnessFile: anchor.settings.witnessFile }
      expect(await verifyAuditChain(database.db, { anchor: verifying })).toMatchObject({ ok: true, rows: 4, pending: 1 })
      expect((await listAuditPartitions(database.db)).map((p) => p.month).slice(0, 2)).toEqual(['2010-01', '2010-02'])
      expect(await sealAuditLog(database.db, anchor)).toBe(1)
      const after = (await sql<{ hash: Buffer }>`SELECT hash FROM audit_seal ORDER BY position`.execute(database.db)).rows.map((r) => r.hash.toString('hex'))
      expect(after.slice(0, 4)).toEqual(before)
      expect((await database.db.selectFrom('audit_client').select('audit_id').where('client_id', '=', a).execute()).length).toBe(5)
      // The audit_review reference became a trigger check.
      await expect(
        sql`INSERT INTO audit_review (audit_id, sampled_by) VALUES (999999, ${crypto.randomUUID()})`.execute(database.db),
      ).rejects.toThrow(/no audit row 999999|foreign key/)

      if (kind === 'pglite') {
        await database.close() // the embedded folder admits one process at a time
        database = undefined
      }
      const env = { ...process.env, DATABASE_URL: scratch.databaseUrl ?? '', HUOMA_DATA_DIR: scratch.dataDir }
      const cli = async (...args: string[]) => {
        try {
          const r = await run(process.execPath, ['--import', 'tsx', CLI, ...args], { env })
          return { code: 0, out: r.stdout }
        } catch (e) {
          const err = e as { code: number; stdout: string; stderr: string }
          return { code: err.code, out: err.stdout + err.stderr }
        }
      }
      const detach = await cli('audit', 'detach', '--before', '2010-03')
      expect(detach.out).toMatch(/Detached 2010-01: 1 rows/)
      expect(detach.out).toMatch(/Detached 2010-02: 3 rows .* now the tables audit_log_y2010m02 and audit_client_y2010m02/)
      expect(detach.code).toBe(0)
      const verify = await cli('audit', 'verify')
      expect(verify.out).toMatch(/Audit log intact: 1 rows verified \(and 4 rows of detached months accounted for\)/)
      expect(verify.code).toBe(0)
      const young = await cli('audit', 'detach', '--before', '2027-01')
      expect(young.out).toMatch(/Refused 2026-12 \(retention\)/)
      expect(young.code).toBe(1)
    } finally {
      await database?.close()
      await scratch.drop()
    }
  })
})

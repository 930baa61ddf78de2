import { execFile } from 'node:child_process'
import { generateKeyPairSync, randomBytes } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { sql, type Kysely } from 'kysely'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { appendAudit, sealAuditLog, verifyAuditChain } from '../src/access/audit'
import { headFromRow, keyIdOf, loadVerifyingKeys, openAuditAnchor, witnessLine, type VerifyingKeys } from '../src/access/audit-anchor'
import { actionEvent } from '../src/access/audit-events'
import { ACTIONS } from '../src/catalogue'
import { loadConfig, type AuditAnchorSettings, type Config } from '../src/config'
import { openDatabase, type Database } from '../src/db/database'
import { auditLogPowers, migrateForServer, migrateToLatest } from '../src/db/migrate'
import type { DB } from '../src/db/schema'
import { createLogger } from '../src/http/logger'
import { startServer, type RunningServer } from '../src/server'
import { databaseKinds, scratchDatabase, type ScratchDatabase } from './helpers/databases'
import { Client, DEMO_PASSWORD } from './helpers/server'

/*
 * The audit chain's anchor outside the database (issue 15, item 3): signed seal heads, the witness file, and the
 * application role that may only insert and read the log.
 */

const run = promisify(execFile)
const CLI = path.join(import.meta.dirname, '../src/cli.ts')
const kinds = await databaseKinds()

const event = (i: number) => ({
  userId: null,
  clientIds: [crypto.randomUUID()],
  event: actionEvent('persons:read', ACTIONS['persons:read']),
  outcome: 'success' as const,
  requestId: `req-${i}`,
})

async function appendRows(db: Kysely<DB>, n: number) {
  for (let i = 0; i < n; i++) await appendAudit(db, event(i))
}

/** As the database's owner (here a superuser) with every trigger off: what the attacker can do. */
async function asOwner(db: Kysely<DB>, statement: ReturnType<typeof sql>) {
  await db.transaction().execute(async (trx) => {
    await sql`SET LOCAL session_replication_role = replica`.execute(trx)
    await statement.execute(trx)
  })
}

/** The attack: rewrite row `id` and recompute every later hash with the chain's own SQL function. */
const rewriteAndRecompute = (id: number) => sql`
  DO $$
  DECLARE
    h bytea;
    r record;
    p bigint;
  BEGIN
    UPDATE audit_log SET event = 'persons:search' WHERE id = ${sql.lit(id)};
    SELECT position INTO p FROM audit_seal WHERE audit_id = ${sql.lit(id)};
    SELECT coalesce((SELECT hash FROM audit_seal WHERE position = p - 1), '\\x0000000000000000000000000000000000000000000000000000000000000000'::bytea) INTO h;
    FOR r IN SELECT s.position, a AS row FROM audit_seal s JOIN audit_log a ON a.id = s.audit_id WHERE s.position >= p ORDER BY s.position LOOP
      h := sha256(convert_to(audit_log_canonical(r.row), 'UTF8') || h);
      UPDATE audit_seal SET hash = h WHERE position = r.position;
    END LOOP;
    UPDATE audit_chain_head SET last_hash = h WHERE id = 1;
  END
  $$`

const settingsOf = (scratch: ScratchDatabase, env: Record<string, string> = {}): AuditAnchorSettings =>
  loadConfig({ HUOMA_DATA_DIR: scratch.dataDir, ...env }).audit

describe.each(kinds)('the audit anchor on %s', (kind) => {
  /**
   * A fresh database with three sealed rounds, each signed and witnessed: head 1 = positions 1–10, head 2 = 11–20,
   * head 3 = 21–25 (row ids equal positions).
   */
  async function anchoredLog() {
    const scratch = await scratchDatabase(kind)
    let database: Database = await openDatabase({ databaseUrl: scratch.databaseUrl, dataDir: scratch.dataDir })
    const settings = settingsOf(scratch)
    const anchor = openAuditAnchor(settings)
    await migrateToLatest(database.db)
    for (const n of [10, 10, 5]) {
      await appendRows(database.db, n)
      await sealAuditLog(database.db, anchor)
    }
    const verifying: VerifyingKeys = { keys: [anchor.publicKey], witnessFile: settings.witnessFile }
    const log = {
      scratch,
      settings,
      anchor,
      verifying,
      get db() {
        return database.db
      },
      verify: (keys: VerifyingKeys = verifying) => verifyAuditChain(database.db, { batchSize: 7, anchor: keys }),
      /** `huoma audit verify` in its own process (the embedded folder admits one process at a time). */
      cli: async (env: Record<string, string> = {}) => {
        if (kind === 'pglite') await database.close()
        try {
          const r = await run(process.execPath, ['--import', 'tsx', CLI, 'audit', 'verify'], {
            env: { ...process.env, DATABASE_URL: scratch.databaseUrl ?? '', HUOMA_DATA_DIR: scratch.dataDir, ...env },
          })
          return { code: 0, out: r.stdout }
        } catch (e) {
          const err = e as { code: number; stdout: string; stderr: string }
          return { code: err.code, out: err.stdout + err.stderr }
        } finally {
          if (kind === 'pglite') database = await openDatabase({ dataDir: scratch.dataDir })
        }
      },
      close: async () => {
        await database.close()
        await scratch.drop()
      },
    }
    return log
  }

  it('a healthy log verifies: every head signed, in the database and in the witness, and the CLI says so', async () => {
    const log = await anchoredLog()
    try {
      expect(await log.verify()).toMatchObject({ ok: true, rows: 25, pending: 0, heads: 3 })
      const heads = await log.db.selectFrom('audit_anchor').selectAll().orderBy('seq').execute()
      expect(heads.map((h) => [h.seq, h.first_position, h.last_position, h.last_audit_id, h.row_count])).toEqual([
        [1, 1, 10, 10, 10],
        [2, 11, 20, 20, 10],
        [3, 21, 25, 25, 5],
      ])
      expect(heads.every((h) => h.key_id === log.anchor.keyId)).toBe(true)
      // The witness holds the same heads, one JSON line each, in order.
      const lines = fs.readFileSync(log.settings.witnessFile, 'utf8').trimEnd().split('\n')
      expect(lines).toEqual(heads.map((h) => witnessLine(headFromRow(h))))
      // The key is a file beside the embedded database, never in it; only its owner may read it.
      expect(path.dirname(log.settings.signingKeyFile)).toBe(log.scratch.dataDir)
      expect(fs.statSync(log.settings.signingKeyFile).mode & 0o777).toBe(0o600)
      expect(fs.readFileSync(log.settings.signingKeyFile.replace(/\.key$/, '.pub'), 'utf8')).toMatch(/BEGIN PUBLIC KEY/)
      // An idle round signs nothing and writes nothing.
      expect(await sealAuditLog(log.db, log.anchor)).toBe(0)
      expect(await log.db.selectFrom('audit_anchor').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst()).toMatchObject({ n: 3 })
      expect(fs.readFileSync(log.settings.witnessFile, 'utf8').trimEnd().split('\n')).toHaveLength(3)
      const cli = await log.cli()
      expect(cli.code).toBe(0)
      expect(cli.out).toMatch(/intact: 25 rows .* 3 signed heads hold under ed25519:[0-9a-f]{32} and match the witness/)
    } finally {
      await log.close()
    }
  })

  it('the issue\'s attack — a row rewritten and every later hash recomputed — fails against the signed head', async () => {
    const log = await anchoredLog()
    try {
      await asOwner(log.db, rewriteAndRecompute(12))
      // The chain alone is consistent again: this is what the issue reported as "intact".
      expect(await verifyAuditChain(log.db)).toMatchObject({ ok: true, rows: 25 })
      // The head signed for positions 11–20 names the hash the chain had before.
      expect(await log.verify()).toMatchObject({ ok: false, heads: 1, brokenAt: { reason: 'anchor', seq: 2, position: 20, id: 20 } })
      const cli = await log.cli()
      expect(cli.code).toBe(1)
      expect(cli.out).toMatch(/BROKEN at signed head 2: the chain at position 20 \(row 20\) no longer has the hash the head signed/)
      // Bringing the stored heads into line with the new chain breaks their signatures (the key is not in the database).
      await asOwner(
        log.db,
        sql`UPDATE audit_anchor a SET last_hash = s.hash FROM audit_seal s WHERE s.position = a.last_position AND a.last_hash <> s.hash`,
      )
      expect(await log.verify()).toMatchObject({ ok: false, brokenAt: { reason: 'signature', seq: 2 } })
    } finally {
      await log.close()
    }
  })

  it('heads removed from the database (with their rows and seals) are caught by the witness, and the sealer will not re-sign them', async () => {
    const log = await anchoredLog()
    try {
      // The last round taken away entirely: rows, client index, seals, its head, and the chain head moved back.
      await asOwner(
        log.db,
        sql`
          DELETE FROM audit_client WHERE audit_id > 20;
          DELETE FROM audit_seal WHERE position > 20;
          DELETE FROM audit_log WHERE id > 20;
          DELETE FROM audit_anchor WHERE seq = 3;
          UPDATE audit_chain_head SET last_position = 20, last_hash = (SELECT hash FROM audit_seal WHERE position = 20) WHERE id = 1`,
      )
      // Everything in the database agrees with itself, signatures included: only the witness remembers head 3.
      expect(await verifyAuditChain(log.db)).toMatchObject({ ok: true, rows: 20 })
      expect(await log.verify()).toMatchObject({ ok: false, heads: 2, brokenAt: { reason: 'witness-extra', seq: 3 } })
      // A new round would be head 3 again: the sealer refuses to sign it, and its seals roll back with it.
      await appendRows(log.db, 1)
      await expect(sealAuditLog(log.db, log.anchor)).rejects.toThrow(/already holds signed head 3, which the database does not/)
      expect(await log.db.selectFrom('audit_pending').select('audit_id').execute()).toHaveLength(1)
      const cli = await log.cli()
      expect(cli.code).toBe(1)
      expect(cli.out).toMatch(/BROKEN at signed head 3: the witness .* holds it and the database does not/)
    } finally {
      await log.close()
    }
  })

  it('a head removed or rewritten in the middle, or a witness line changed, is caught', async () => {
    const log = await anchoredLog()
    try {
      await asOwner(log.db, sql`UPDATE audit_anchor SET sealed_at = sealed_at - interval '1 hour' WHERE seq = 1`)
      expect(await log.verify()).toMatchObject({ ok: false, heads: 0, brokenAt: { reason: 'signature', seq: 1 } })
      await asOwner(log.db, sql`UPDATE audit_anchor SET sealed_at = sealed_at + interval '1 hour' WHERE seq = 1`)
      expect(await log.verify()).toMatchObject({ ok: true, heads: 3 })
      // The witness's copy of head 2 edited.
      const file = log.settings.witnessFile
      const original = fs.readFileSync(file, 'utf8')
      const lines = original.trimEnd().split('\n')
      lines[1] = lines[1]!.replace(/"rows":10/, '"rows":9')
      fs.writeFileSync(file, lines.join('\n') + '\n')
      expect(await log.verify()).toMatchObject({ ok: false, heads: 1, brokenAt: { reason: 'witness-differs', seq: 2 } })
      fs.writeFileSync(file, 'not json\n' + original)
      expect(await log.verify()).toMatchObject({ ok: false, brokenAt: { reason: 'witness-unreadable', line: 1 } })
      fs.writeFileSync(file, original)
      // Head 2 deleted from the database: the heads no longer follow one another.
      await asOwner(log.db, sql`DELETE FROM audit_anchor WHERE seq = 2`)
      expect(await log.verify()).toMatchObject({ ok: false, heads: 1, brokenAt: { reason: 'anchor-gap', seq: 2, position: 11 } })
    } finally {
      await log.close()
    }
  })

  it('signatures are checked with the trusted public key: another key fails, several keys (a key change) pass', async () => {
    const log = await anchoredLog()
    try {
      const other = generateKeyPairSync('ed25519').publicKey
      expect(await log.verify({ ...log.verifying, keys: [other] })).toMatchObject({ ok: false, heads: 0, brokenAt: { reason: 'signature', seq: 1, keyId: log.anchor.keyId } })
      expect(await log.verify({ ...log.verifying, keys: [] })).toMatchObject({ ok: false, brokenAt: { reason: 'signature', seq: 1 } })
      const otherFile = path.join(log.scratch.dataDir, 'other.pub')
      fs.writeFileSync(otherFile, other.export({ type: 'spki', format: 'pem' }))
      const both = path.join(log.scratch.dataDir, 'both.pub')
      fs.writeFileSync(both, String(other.export({ type: 'spki', format: 'pem' })) + String(log.anchor.publicKey.export({ type: 'spki', format: 'pem' })))
      const keys = loadVerifyingKeys({ ...log.settings, publicKeyFile: both }).keys
      expect(keys.map(keyIdOf)).toEqual([keyIdOf(other), log.anchor.keyId])
      expect(await log.verify({ ...log.verifying, keys })).toMatchObject({ ok: true, heads: 3 })
      const cli = await log.cli({ HUOMA_AUDIT_PUBLIC_KEY_FILE: otherFile })
      expect(cli.code).toBe(1)
      expect(cli.out).toMatch(/BROKEN at signed head 1: its signature does not hold under the verifying key/)
    } finally {
      await log.close()
    }
  })

  it('a witness that cannot be written fails the round; the next round writes what is missing', async () => {
    const log = await anchoredLog()
    try {
      // The witness's folder is a plain file: every write fails.
      const blocked = path.join(log.scratch.dataDir, 'blocked')
      fs.writeFileSync(blocked, '')
      const settings = { ...log.settings, witnessFile: path.join(blocked, 'witness.jsonl') }
      const anchor = openAuditAnchor(settings)
      const verifying = { ...log.verifying, witnessFile: settings.witnessFile }
      // (The new witness starts empty: the first write it gets must hold every head from 1.)
      await appendRows(log.db, 4)
      await expect(sealAuditLog(log.db, anchor)).rejects.toThrow(/audit witness .*witness.jsonl cannot be written \(E(EXIST|NOTDIR)/)
      // The seals and their signed head committed; the witness lags, and verify says so.
      expect(await log.verify(verifying)).toMatchObject({ ok: false, rows: 29, brokenAt: { reason: 'witness-missing', seq: 1 } })
      fs.rmSync(blocked)
      expect(await sealAuditLog(log.db, anchor)).toBe(0)
      expect(await log.verify(verifying)).toMatchObject({ ok: true, rows: 29, heads: 4 })
      expect(fs.readFileSync(settings.witnessFile, 'utf8').trimEnd().split('\n')).toHaveLength(4)
      // The original witness lags by head 4 until its own sealer catches up.
      expect(await log.verify()).toMatchObject({ ok: false, brokenAt: { reason: 'witness-missing', seq: 4 } })
      await sealAuditLog(log.db, log.anchor)
      expect(await log.verify()).toMatchObject({ ok: true, heads: 4 })
      // A witness cut short under a running sealer is not rewritten from the database.
      fs.writeFileSync(settings.witnessFile, fs.readFileSync(settings.witnessFile, 'utf8').split('\n').slice(0, 2).join('\n') + '\n')
      await appendRows(log.db, 1)
      await expect(sealAuditLog(log.db, anchor)).rejects.toThrow(/ends at head 2, but this server had written heads up to 4/)
    } finally {
      await log.close()
    }
  })

  it('seals made past the sealer are reported unsigned until the next round signs them', async () => {
    const log = await anchoredLog()
    try {
      await appendRows(log.db, 3)
      await sql`SELECT audit_seal_pending(100)`.execute(log.db)
      expect(await log.verify()).toMatchObject({ ok: false, rows: 28, brokenAt: { reason: 'unsigned', position: 26, id: 26 } })
      expect(await sealAuditLog(log.db, log.anchor)).toBe(0)
      expect(await log.verify()).toMatchObject({ ok: true, rows: 28, heads: 4 })
      // The anchor table is append-only like the log.
      await expect(sql`UPDATE audit_anchor SET row_count = row_count WHERE seq = 1`.execute(log.db)).rejects.toThrow(/audit_anchor is append-only/)
      await expect(sql`DELETE FROM audit_anchor WHERE seq = 4`.execute(log.db)).rejects.toThrow(/audit_anchor is append-only/)
      await expect(sql`TRUNCATE audit_anchor`.execute(log.db)).rejects.toThrow(/append-only/)
    } finally {
      await log.close()
    }
  })
})

describe('the signing key', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'huoma-key-'))
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }))
  const settings = (env: Record<string, string>) => loadConfig({ HUOMA_DATA_DIR: dir, ...env }).audit

  it('is created once, mode 600, beside the data; a named file must exist, be Ed25519 and private', () => {
    const a = openAuditAnchor(settings({}))
    expect(fs.statSync(path.join(dir, 'audit-signing.key')).mode & 0o777).toBe(0o600)
    expect(openAuditAnchor(settings({})).keyId).toBe(a.keyId)
    expect(() => openAuditAnchor(settings({ HUOMA_AUDIT_SIGNING_KEY_FILE: path.join(dir, 'nope.key') }))).toThrow(/does not exist/)
    const rsa = path.join(dir, 'rsa.key')
    fs.writeFileSync(rsa, generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 })
    expect(() => openAuditAnchor(settings({ HUOMA_AUDIT_SIGNING_KEY_FILE: rsa }))).toThrow(/rsa key; the audit log is signed with Ed25519/)
    const open = path.join(dir, 'open.key')
    fs.copyFileSync(path.join(dir, 'audit-signing.key'), open)
    fs.chmodSync(open, 0o644)
    expect(() => openAuditAnchor(settings({ HUOMA_AUDIT_SIGNING_KEY_FILE: open }))).toThrow(/readable by other users/)
    // A verifier without the private key uses the public key written beside it.
    const moved = path.join(dir, 'moved.key')
    fs.renameSync(path.join(dir, 'audit-signing.key'), moved)
    expect(loadVerifyingKeys(settings({})).keys.map(keyIdOf)).toEqual([a.keyId])
    fs.rmSync(path.join(dir, 'audit-signing.pub'))
    expect(loadVerifyingKeys(settings({}))).toMatchObject({ keys: [], source: expect.stringMatching(/audit-signing.key \(missing\)/) })
    fs.renameSync(moved, path.join(dir, 'audit-signing.key'))
    expect(loadVerifyingKeys(settings({})).keys.map(keyIdOf)).toEqual([a.keyId])
    expect(() => loadConfig({ HUOMA_AUDIT_WITNESS_SYSLOG: 'yes' })).toThrow(/HUOMA_AUDIT_WITNESS_SYSLOG must be 1 or 0/)
    expect(() => loadConfig({ HUOMA_MIGRATION_DATABASE_URL: 'postgres://x@y/z' })).toThrow(/DATABASE_URL is not/)
  })
})

describe.runIf(kinds.includes('postgresql'))('two database roles on PostgreSQL', () => {
  let scratch: ScratchDatabase
  let server: RunningServer
  let config: Config
  let app: pg.Client
  const role = `huoma_app_${randomBytes(5).toString('hex')}`
  let appUrl: string

  beforeAll(async () => {
    scratch = await scratchDatabase('postgresql')
    const owner = new pg.Client({ connectionString: scratch.databaseUrl })
    await owner.connect()
    await owner.query(`CREATE ROLE ${role} LOGIN`)
    await owner.end()
    const url = new URL(scratch.databaseUrl!)
    url.username = role
    appUrl = url.toString()
    const base = loadConfig({
      ...process.env,
      DATABASE_URL: appUrl,
      HUOMA_MIGRATION_DATABASE_URL: scratch.databaseUrl!,
      HUOMA_DATA_DIR: scratch.dataDir,
      HUOMA_DEMO_PASSWORD: DEMO_PASSWORD,
      HUOMA_WEB_DIST: '',
      HUOMA_AUDIT_SEAL_INTERVAL_MS: '50',
    })
    config = { ...base, port: 0, host: '127.0.0.1', jobs: { ...base.jobs, run: ['audit-sealer'] } }
    // The demo municipality is seeded through the application role: its rights are enough for the whole server.
    server = await startServer(config, { demo: true, logger: createLogger(process.env.TEST_LOG_LEVEL ?? 'silent') })
    app = new pg.Client({ connectionString: appUrl })
    await app.connect()
  })
  afterAll(async () => {
    await app?.end()
    await server?.close()
    await scratch?.drop()
    const admin = new pg.Client({ connectionString: scratch.databaseUrl!.replace(/\/[^/]*$/, '/postgres') })
    await admin.connect()
    await admin.query(`DROP ROLE IF EXISTS ${role}`)
    await admin.end()
  })

  it('the application role may insert and read the log, never change it, nor switch its triggers off', async () => {
    expect((await app.query<{ u: string }>('SELECT current_user AS u')).rows[0]?.u).toBe(role)
    expect(await auditLogPowers(server.database.db)).toBeUndefined()
    await appendAudit(server.database.db, event(1))
    expect(Number((await app.query<{ n: string }>('SELECT count(*) AS n FROM audit_log')).rows[0]?.n)).toBeGreaterThan(0)
    for (const refused of [
      "UPDATE audit_log SET outcome = 'failure' WHERE id = 1",
      'DELETE FROM audit_log WHERE id = 1',
      'TRUNCATE audit_log',
      'UPDATE audit_seal SET hash = hash',
      'DELETE FROM audit_seal',
      "INSERT INTO audit_seal VALUES (999999, 999999, '\\x00')",
      'UPDATE audit_chain_head SET last_position = 0',
      'DELETE FROM audit_pending',
      'DELETE FROM audit_client',
      'UPDATE audit_anchor SET row_count = row_count',
      'DELETE FROM audit_anchor',
      'TRUNCATE audit_anchor',
      // The monthly partitions are the owner's (the role reads and appends through the parents), the record of
      // detached months read-only (migration 0058).
      'DELETE FROM audit_log_default',
      'SELECT count(*) FROM audit_client_default',
      'DELETE FROM audit_detached',
    ]) {
      // Refused by the privileges before any trigger runs (the triggers' message would be "append-only").
      await expect(app.query(refused), refused).rejects.toThrow(/permission denied for table/)
    }
    await expect(app.query('ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update')).rejects.toThrow(/must be owner of table audit_log/)
    await expect(app.query('ALTER TABLE audit_log DISABLE TRIGGER ALL')).rejects.toThrow(/must be owner of table audit_log/)
    await expect(app.query('SET session_replication_role = replica')).rejects.toThrow(/permission denied to set parameter/)
    await expect(app.query('ALTER TABLE audit_log DETACH PARTITION audit_log_default')).rejects.toThrow(/must be owner of table audit_log/)
    // Adding the coming months is the one change of shape it may make (the nightly job runs as this role).
    await app.query("SELECT * FROM audit_ensure_partitions('2040-01-01', '2040-01-01')")
    expect(Number((await app.query<{ n: string }>("SELECT count(*) AS n FROM pg_class WHERE relname = 'audit_log_y2040m01'")).rows[0]?.n)).toBe(1)
    await expect(app.query("SELECT huoma_grant_app_role('postgres')")).rejects.toThrow(/permission denied for function huoma_grant_app_role/)
    // …and still seals (audit_seal_pending runs with the owner's rights) and signs.
    expect(await sealAuditLog(server.database.db, openAuditAnchor(config.audit))).toBeGreaterThanOrEqual(0)
  })

  it('the server works as the application role: an audited read is sealed, signed and verifies', async () => {
    const worker = new Client(server.url)
    await worker.login('sosiaalityontekija')
    const before = Number((await app.query<{ n: string }>('SELECT count(*) AS n FROM audit_log')).rows[0]?.n)
    expect((await worker.get('/api/persons?name=Virtanen')).status).toBe(200)
    const after = Number((await app.query<{ n: string }>('SELECT count(*) AS n FROM audit_log')).rows[0]?.n)
    expect(after).toBeGreaterThan(before)
    // The sealer (every 50 ms here) seals and signs it.
    const deadline = Date.now() + 10_000
    while (Number((await app.query<{ n: string }>('SELECT count(*) AS n FROM audit_pending')).rows[0]?.n) > 0 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 50))
    }
    await (await server.jobs.runNow('audit-sealer')).done
    const r = await verifyAuditChain(server.database.db, { anchor: { keys: loadVerifyingKeys(config.audit).keys, witnessFile: config.audit.witnessFile } })
    expect(r).toMatchObject({ ok: true, pending: 0 })
    expect(r.heads).toBeGreaterThan(0)
    expect(r.rows).toBe(after)
  })

  it('the grant refuses an owner or superuser as application role, and one URL for both roles is refused', async () => {
    const owner = await openDatabase({ databaseUrl: scratch.databaseUrl, dataDir: scratch.dataDir })
    try {
      expect(await auditLogPowers(owner.db)).toMatch(/superuser/)
      await expect(sql`SELECT huoma_grant_app_role('postgres')`.execute(owner.db)).rejects.toThrow(/is a superuser/)
      await expect(migrateForServer(owner.db, scratch.databaseUrl)).rejects.toThrow(/both connect as "postgres"/)
      // Granting again (every migration run does) changes nothing.
      expect((await migrateForServer(server.database.db, scratch.databaseUrl)).appRole).toBe(role)
      await expect(app.query('DELETE FROM audit_log')).rejects.toThrow(/permission denied for table audit_log/)
    } finally {
      await owner.close()
    }
  })
})

import { execFile } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { todayInHelsinki } from '@huoma/domain'
import { sql, type Kysely } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { readTotals } from '../src/backup'
import { openDatabase } from '../src/db/database'
import type { DB } from '../src/db/schema'
import { databaseKinds } from './helpers/databases'
import { clusterFolder, hasPgTools, pgTool, startCluster, type Cluster } from './helpers/pg-cluster'
import { Client, startTestServer, type TestServer } from './helpers/server'

/*
 * Issue 15, "Backup and restore": point-in-time recovery of PostgreSQL with WAL archiving, done as README's
 * "Point-in-time recovery" says. A throwaway cluster archives its WAL into a folder; Huoma is migrated and seeded on it,
 * a base backup is taken (pg_basebackup -Ft -z -X stream), client data is written through the API, a named restore
 * point is made, more data is written after it. The base backup is then restored into a new data directory with
 * restore_command, recovery_target_name and recovery.signal: what was written before the target is there, what came
 * after is not, the totals are those counted at the target, and `huoma audit verify` first reports the witness's
 * newer heads (the anchor noticing the recovery to an earlier time), then — with the witness cut at the recovered
 * database's last head, as the README tells — the chain intact; a server on the recovered database seals and signs on.
 */

const run = promisify(execFile)
const CLI = path.join(import.meta.dirname, '../src/cli.ts')
const hasPostgres = (await databaseKinds()).includes('postgresql')
const hasTools = hasPgTools('pg_basebackup')
if (hasPostgres && !hasTools) console.warn('pitr: no initdb/pg_ctl/pg_basebackup under /usr/lib/postgresql/*/bin, skipped (CI installs PostgreSQL via .ci/run)')
const RESTORE_POINT = 'huoma-pitr-test'

async function huoma(args: string[], env: { databaseUrl: string; dataDir: string }): Promise<{ code: number; out: string }> {
  try {
    const r = await run(process.execPath, ['--import', 'tsx', CLI, ...args], {
      env: { ...process.env, DATABASE_URL: env.databaseUrl, HUOMA_DATA_DIR: env.dataDir, HUOMA_MIGRATION_DATABASE_URL: '' },
      cwd: path.join(import.meta.dirname, '..'),
      timeout: 120_000,
    })
    return { code: 0, out: r.stdout + r.stderr }
  } catch (e) {
    const err = e as { code?: number; stdout?: string; stderr?: string }
    return { code: typeof err.code === 'number' ? err.code : -1, out: (err.stdout ?? '') + (err.stderr ?? '') }
  }
}

/** Until the sealer has sealed (and so signed) every audit row written so far. */
async function sealed(db: Kysely<DB>) {
  const deadline = Date.now() + 30_000
  while ((await readTotals(db)).audit.pending > 0) {
    if (Date.now() > deadline) throw new Error('the audit sealer did not seal within 30 s')
    await new Promise((r) => setTimeout(r, 100))
  }
}

describe.skipIf(!hasPostgres || !hasTools)('point-in-time recovery of PostgreSQL (WAL archive, base backup, restore point)', () => {
  let dir: string
  let archive: string
  let source: Cluster
  let restored: Cluster | undefined
  let t: TestServer
  let personId: string
  let worker: Client
  const today = todayInHelsinki(new Date())

  beforeAll(async () => {
    dir = clusterFolder(fs.mkdtempSync(path.join(os.tmpdir(), 'huoma-pitr-')))
    archive = clusterFolder(`${dir}/wal-archive`)
    // README's postgresql.conf lines (archive_timeout aside: the test switches the segment itself)
    source = await startCluster({
      dir,
      settings: { wal_level: 'replica', archive_mode: 'on', archive_command: `test ! -f ${archive}/%f && cp %p ${archive}/%f` },
    })
    t = await startTestServer('postgresql', {}, { adminUrl: source.adminUrl })
    const secretary = new Client(t.url)
    await secretary.login('toimistosihteeri')
    const res = await secretary.post('/api/persons', {
      firstNames: 'Palautus',
      lastName: 'Testinen',
      birthDate: '1979-04-05',
      addresses: [{ kind: 'permanent', street: 'Arkistokatu 2', postalCode: '00100', postOffice: 'Helsinki' }],
    })
    expect(res.status).toBe(201)
    personId = ((await res.json()) as { id: string }).id
    const me = await t.server.database.db.selectFrom('staff_user').select('id').where('username', '=', 'sosiaalityontekija').executeTakeFirstOrThrow()
    expect((await secretary.post(`/api/persons/${personId}/relationships`, { serviceTask: 'adult_social_work', userId: me.id, kind: 'team', startReason: 'other' })).status).toBe(201)
    worker = new Client(t.url)
    await worker.login('sosiaalityontekija')
  }, 300_000)

  afterAll(async () => {
    await t?.server.close().catch(() => undefined)
    await restored?.stop('immediate')
    await source?.stop('immediate')
    if (t) fs.rmSync(t.scratch.dataDir, { recursive: true, force: true })
    if (dir) fs.rmSync(dir, { recursive: true, force: true })
  })

  const journal = async (text: string) => {
    const res = await worker.post(`/api/persons/${personId}/journal/adult_social_work`, { type: 'phone_call', eventDate: today, text })
    expect(res.status).toBe(201)
    return ((await res.json()) as { entryId: string }).entryId
  }

  it('recovers to the restore point: what came before is there, what came after is not, the totals are the target\'s, and the audit log verifies once the witness is cut there', { timeout: 300_000 }, async () => {
    const db = t.server.database.db
    const started = performance.now()
    const ms = () => Math.round(performance.now() - started)
    const figures: string[] = []

    // the base backup, while the server runs: README's command (-c fast: a checkpoint now, not spread over minutes)
    await pgTool('pg_basebackup', ['-h', '127.0.0.1', '-p', String(source.port), '-U', 'postgres', '-D', `${dir}/base`, '-Ft', '-z', '-X', 'stream', '-c', 'fast'])
    expect(fs.readdirSync(`${dir}/base`).sort()).toEqual(['backup_manifest', 'base.tar.gz', 'pg_wal.tar.gz'])
    figures.push(`base backup ${ms()} ms`)

    // client data after the base backup: only the WAL archive can bring it back
    const before = []
    for (let i = 0; i < 5; i++) before.push(await journal(`Ennen palautuspistettä ${i}`))
    await sealed(db)
    const atTarget = await readTotals(db)
    const point = await sql<{ lsn: string }>`SELECT pg_create_restore_point(${RESTORE_POINT})::text AS lsn`.execute(db)
    // nothing was written meanwhile (the sealer is idle, no request runs): these are the totals at the restore point
    expect(await readTotals(db)).toEqual(atTarget)
    figures.push(`restore point at ${point.rows[0]!.lsn} with ${atTarget.totals.journalEntries} journal entries, ${atTarget.totals.auditRows} audit rows under signed head ${atTarget.audit.lastHeadSeq}`)

    const after = []
    for (let i = 0; i < 4; i++) after.push(await journal(`Palautuspisteen jälkeen ${i}`))
    await sealed(db)
    const later = await readTotals(db)
    expect(later.totals.journalEntries).toBe(atTarget.totals.journalEntries + after.length)
    expect(later.audit.lastHeadSeq).toBeGreaterThan(atTarget.audit.lastHeadSeq)

    // the segment holding the restore point and what follows goes to the archive (else only archive_timeout would send it)
    const segment = (await sql<{ f: string }>`SELECT pg_walfile_name(pg_switch_wal()) AS f`.execute(db)).rows[0]!.f
    const deadline = Date.now() + 60_000
    while (!fs.existsSync(`${archive}/${segment}`)) {
      if (Date.now() > deadline) throw new Error(`${segment} was not archived within 60 s`)
      await new Promise((r) => setTimeout(r, 200))
    }
    figures.push(`${fs.readdirSync(archive).length} files archived`)
    await t.server.close()
    await source.stop('fast')

    // the recovery: README's steps, into a new data directory
    const data = clusterFolder(`${dir}/restored`)
    await run('tar', ['-xzf', `${dir}/base/base.tar.gz`, '-C', data])
    await run('tar', ['-xzf', `${dir}/base/pg_wal.tar.gz`, '-C', `${data}/pg_wal`])
    fs.writeFileSync(`${data}/recovery.signal`, '')
    clusterFolder(data)
    const recoveryStarted = performance.now()
    restored = await startCluster({
      dir,
      dataDir: data,
      settings: { restore_command: `cp ${archive}/%f %p`, recovery_target_name: RESTORE_POINT, recovery_target_action: 'promote' },
    })
    const url = new URL(t.scratch.databaseUrl!)
    url.port = String(restored.port)
    const env = { databaseUrl: url.toString(), dataDir: t.scratch.dataDir }
    const recovered = await openDatabase(env)
    try {
      const rdb = recovered.db
      // pg_ctl -w returns once connections are accepted; the recovery has ended when the cluster is promoted
      const promoted = Date.now() + 60_000
      while ((await sql<{ r: boolean }>`SELECT pg_is_in_recovery() AS r`.execute(rdb)).rows[0]!.r) {
        if (Date.now() > promoted) throw new Error('the restored cluster was not promoted within 60 s')
        await new Promise((res) => setTimeout(res, 200))
      }
      figures.push(`recovery and promotion ${Math.round(performance.now() - recoveryStarted)} ms`)
      expect(fs.readFileSync(`${dir}/log-restored`, 'utf8')).toContain(`recovery stopping at restore point "${RESTORE_POINT}"`)

      // before the target: there; after it: not; the totals are those counted at the target
      const kept = await rdb.selectFrom('journal_entry').select('id').where('id', 'in', [...before, ...after]).execute()
      expect(kept.map((k) => k.id).sort()).toEqual([...before].sort())
      expect(await readTotals(rdb)).toEqual(atTarget)
    } finally {
      await recovered.close()
    }

    // `huoma audit verify` against the witness as it is: the heads signed after the target are noticed
    const stale = await huoma(['audit', 'verify'], env)
    expect(stale.code, stale.out).toBe(1)
    expect(stale.out).toMatch(new RegExp(`BROKEN at signed head ${atTarget.audit.lastHeadSeq + 1}: the witness .* holds it and the database does not`))
    // README: keep that witness as evidence, and give the servers one cut at the recovered database's last head
    const witness = t.config.audit.witnessFile
    fs.renameSync(witness, `${witness}.before-recovery`)
    const lines = fs.readFileSync(`${witness}.before-recovery`, 'utf8').split('\n').filter(Boolean)
    expect(lines.length).toBe(later.audit.lastHeadSeq)
    fs.writeFileSync(witness, lines.slice(0, atTarget.audit.lastHeadSeq).map((l) => l + '\n').join(''), { mode: 0o600 })
    const verified = await huoma(['audit', 'verify'], env)
    expect(verified.code, verified.out).toBe(0)
    expect(verified.out).toMatch(new RegExp(`Audit log intact: ${atTarget.totals.auditRows} rows verified .* ${atTarget.audit.lastHeadSeq} signed heads hold under ed25519:[0-9a-f]{32} and match the witness`))

    // the recovered database serves: a new entry is sealed under the next signed head, and the log still verifies
    const r = await startTestServer('postgresql', {}, { scratch: { ...t.scratch, databaseUrl: env.databaseUrl, drop: async () => undefined } })
    try {
      const client = new Client(r.url)
      await client.login('sosiaalityontekija')
      expect((await client.post(`/api/persons/${personId}/journal/adult_social_work`, { type: 'phone_call', eventDate: today, text: 'Palautuksen jälkeen' })).status).toBe(201)
      await sealed(r.server.database.db)
      expect((await readTotals(r.server.database.db)).audit.lastHeadSeq).toBeGreaterThan(atTarget.audit.lastHeadSeq)
    } finally {
      await r.server.close()
    }
    const again = await huoma(['audit', 'verify'], env)
    expect(again.code, again.out).toBe(0)
    console.warn(`pitr: ${figures.join('; ')}; ${ms()} ms in all`)
  })
})

import { spawn } from 'node:child_process'
import { createHash } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { sql, type Kysely } from 'kysely'
import pg from 'pg'
import { publicKeyFileBeside } from './access/audit-anchor'
import type { Config } from './config'
import { openDatabase, type Database, type DatabaseKind } from './db/database'
import { acquireDataDirLock, DataDirLockedError } from './db/lock'
import { latestMigration } from './db/migrate'
import type { DB } from './db/schema'

/*
 * `huoma backup <folder>` and `huoma restore <folder>` (issue 15, "Backup and restore").
 *
 * A backup is a folder, written as `<folder>.partial-<pid>` and renamed into place once every file in it is fsync'd:
 * - `database.tar.gz` (embedded: PGlite's consistent export of its data folder, `dumpDataDir`) or `database.dump`
 *   (PostgreSQL: `pg_dump -Fc`, taken in a snapshot exported by the transaction that counted the totals);
 * - `files/`: the files of the data folder that must travel with the database — `secret.key` (seals the TOTP
 *   secrets), `audit-signing.key` and `audit-signing.pub` (sign and verify the audit log's seal heads),
 *   `audit-witness.jsonl` (the witness, cut to the heads the database holds) — each only when it lives in the data
 *   folder; a file configured elsewhere is named in the manifest as kept apart and must be backed up on its own;
 * - `manifest.json`: when, which database kind, the migration level, totals of the key tables, the audit chain's head
 *   and last signed head, and the SHA-256 of every file. `restore` refuses a backup whose files do not match it.
 *
 * The embedded database serves one process (huoma.lock): `backup` opens it like any command, so it refuses with a
 * clear message while a server runs; the export itself is online (from the open database, WAL included), takes
 * seconds, and the server can start again right after.
 */

export const BACKUP_FORMAT = 'huoma-backup/1'

export type SideFileRole = 'secret-key' | 'audit-signing-key' | 'audit-public-key' | 'audit-witness'

const SIDE_FILE_NAMES: Record<SideFileRole, string> = {
  'secret-key': 'secret.key',
  'audit-signing-key': 'audit-signing.key',
  'audit-public-key': 'audit-signing.pub',
  'audit-witness': 'audit-witness.jsonl',
}

/** Counts and cent sums of the tables a restore must give back exactly. */
export interface Totals {
  persons: number
  personRelations: number
  clientRelationships: number
  journalEntries: number
  paymentCommitments: number
  payables: number
  payableCents: number
  paymentItems: number
  paymentItemCents: number
  auditRows: number
  auditSeals: number
  auditHeads: number
}

export interface AuditHead {
  /** audit_chain_head: the last sealed position and its hash (hex). */
  lastPosition: number
  lastHash: string
  /** The last signed head (audit_anchor.seq), 0 when none. */
  lastHeadSeq: number
  /** Rows written and not yet sealed when the backup was taken. */
  pending: number
}

interface FileEntry {
  file: string
  bytes: number
  sha256: string
}

export interface BackupManifest {
  format: typeof BACKUP_FORMAT
  createdAt: string
  kind: DatabaseKind
  /** The latest applied migration. */
  migration: string
  totals: Totals
  audit: AuditHead
  database: FileEntry
  files: Array<FileEntry & { role: SideFileRole }>
  /** Files Huoma needs that are configured outside the data folder: not in the backup, to be backed up apart. */
  keptApart: Array<{ role: SideFileRole | 'attachments'; path: string }>
}

export class BackupError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'BackupError'
  }
}

// ---- Totals ------------------------------------------------------------------------------------------------------

const TOTALS_SQL = `
  SELECT (SELECT count(*) FROM person)::int8 AS persons,
         (SELECT count(*) FROM person_relation)::int8 AS person_relations,
         (SELECT count(*) FROM client_relationship)::int8 AS client_relationships,
         (SELECT count(*) FROM journal_entry)::int8 AS journal_entries,
         (SELECT count(*) FROM payment_commitment)::int8 AS payment_commitments,
         (SELECT count(*) FROM payable)::int8 AS payables,
         (SELECT coalesce(sum(amount_cents), 0) FROM payable)::int8 AS payable_cents,
         (SELECT count(*) FROM payment_item)::int8 AS payment_items,
         (SELECT coalesce(sum(amount_cents), 0) FROM payment_item)::int8 AS payment_item_cents,
         (SELECT count(*) FROM audit_log)::int8 AS audit_rows,
         (SELECT count(*) FROM audit_seal)::int8 AS audit_seals,
         (SELECT count(*) FROM audit_anchor)::int8 AS audit_heads,
         (SELECT count(*) FROM audit_pending)::int8 AS audit_pending,
         (SELECT coalesce(max(seq), 0) FROM audit_anchor)::int8 AS last_head_seq,
         (SELECT last_position FROM audit_chain_head WHERE id = 1)::int8 AS last_position,
         (SELECT encode(last_hash, 'hex') FROM audit_chain_head WHERE id = 1) AS last_hash`

/** The totals and the audit chain's head, on Huoma's Kysely or on a plain pg client (inside pg_dump's snapshot). */
export async function readTotals(db: Kysely<DB> | pg.Client): Promise<{ totals: Totals; audit: AuditHead }> {
  const row =
    db instanceof pg.Client
      ? (await db.query<Record<string, number | string | null>>(TOTALS_SQL)).rows[0]!
      : (await sql.raw<Record<string, number | string | null>>(TOTALS_SQL).execute(db)).rows[0]!
  const n = (k: string) => Number(row[k] ?? 0)
  return {
    totals: {
      persons: n('persons'),
      personRelations: n('person_relations'),
      clientRelationships: n('client_relationships'),
      journalEntries: n('journal_entries'),
      paymentCommitments: n('payment_commitments'),
      payables: n('payables'),
      payableCents: n('payable_cents'),
      paymentItems: n('payment_items'),
      paymentItemCents: n('payment_item_cents'),
      auditRows: n('audit_rows'),
      auditSeals: n('audit_seals'),
      auditHeads: n('audit_heads'),
    },
    audit: { lastPosition: n('last_position'), lastHash: String(row.last_hash ?? ''), lastHeadSeq: n('last_head_seq'), pending: n('audit_pending') },
  }
}

/** The differences between what the manifest promises and what the restored database holds; empty when equal. */
export function compareWithManifest(m: BackupManifest, now: { totals: Totals; audit: AuditHead; migration: string }): string[] {
  const diffs: string[] = []
  for (const [k, v] of Object.entries(m.totals) as Array<[keyof Totals, number]>) {
    if (now.totals[k] !== v) diffs.push(`${k}: backup ${v}, restored ${now.totals[k]}`)
  }
  for (const k of ['lastPosition', 'lastHash', 'lastHeadSeq', 'pending'] as const) {
    if (now.audit[k] !== m.audit[k]) diffs.push(`audit ${k}: backup ${m.audit[k]}, restored ${now.audit[k]}`)
  }
  if (now.migration !== m.migration) diffs.push(`migration: backup ${m.migration}, restored ${now.migration}`)
  return diffs
}

// ---- Files -------------------------------------------------------------------------------------------------------

function sha256(buf: Buffer): string {
  return createHash('sha256').update(buf).digest('hex')
}

function fsyncPath(p: string): void {
  const fd = fs.openSync(p, 'r')
  try {
    fs.fsyncSync(fd)
  } finally {
    fs.closeSync(fd)
  }
}

function writeDurable(file: string, content: Buffer | string, mode = 0o600): void {
  const fd = fs.openSync(file, 'wx', mode)
  try {
    fs.writeSync(fd, typeof content === 'string' ? Buffer.from(content) : content)
    fs.fsyncSync(fd)
  } finally {
    fs.closeSync(fd)
  }
}

function fileEntry(folder: string, rel: string): FileEntry {
  const buf = fs.readFileSync(path.join(folder, rel))
  return { file: rel, bytes: buf.length, sha256: sha256(buf) }
}

function inside(folder: string, file: string): boolean {
  const rel = path.relative(path.resolve(folder), path.resolve(file))
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel)
}

/** Where each side file lives under this configuration (undefined: not a file, e.g. HUOMA_SECRET_KEY is set). */
export function sideFilePaths(config: Config): Record<SideFileRole, string | undefined> {
  return {
    'secret-key': config.secretKey ? undefined : path.join(config.dataDir, 'secret.key'),
    'audit-signing-key': config.audit.signingKeyFile,
    'audit-public-key': config.audit.publicKeyFile ?? publicKeyFileBeside(config.audit.signingKeyFile),
    'audit-witness': config.audit.witnessFile,
  }
}

/** The witness's lines up to the last head the backed-up database holds (later ones were sealed after its snapshot). */
function witnessUpTo(text: string, lastSeq: number): string {
  const kept: string[] = []
  for (const line of text.split('\n')) {
    if (!line.trim()) continue
    let seq: number | undefined
    try {
      seq = (JSON.parse(line) as { seq?: number }).seq
    } catch {
      seq = undefined
    }
    if (typeof seq === 'number' && seq > lastSeq) break
    kept.push(line)
  }
  return kept.length ? kept.join('\n') + '\n' : ''
}

function copySideFiles(config: Config, tmp: string, lastHeadSeq: number): Pick<BackupManifest, 'files' | 'keptApart'> {
  const files: BackupManifest['files'] = []
  const keptApart: BackupManifest['keptApart'] = []
  fs.mkdirSync(path.join(tmp, 'files'), { mode: 0o700 })
  for (const [role, file] of Object.entries(sideFilePaths(config)) as Array<[SideFileRole, string | undefined]>) {
    if (!file || !fs.existsSync(file)) continue
    if (!inside(config.dataDir, file)) {
      keptApart.push({ role, path: path.resolve(file) })
      continue
    }
    let content = fs.readFileSync(file)
    if (role === 'audit-witness') content = Buffer.from(witnessUpTo(content.toString('utf8'), lastHeadSeq))
    const rel = path.join('files', SIDE_FILE_NAMES[role])
    writeDurable(path.join(tmp, rel), content, role === 'audit-public-key' ? 0o644 : 0o600)
    files.push({ role, ...fileEntry(tmp, rel) })
  }
  if (config.attachments.store === 'folder') keptApart.push({ role: 'attachments', path: path.resolve(config.attachments.folder) })
  fsyncPath(path.join(tmp, 'files'))
  return { files, keptApart }
}

// ---- Backup ------------------------------------------------------------------------------------------------------

export interface BackupResult {
  folder: string
  manifest: BackupManifest
}

export async function backup(config: Config, target: string): Promise<BackupResult> {
  const folder = path.resolve(target)
  if (fs.existsSync(folder)) throw new BackupError(`${folder} already exists: a backup is written into a new folder and never over another.`)
  fs.mkdirSync(path.dirname(folder), { recursive: true })
  const tmp = `${folder}.partial-${process.pid}`
  fs.rmSync(tmp, { recursive: true, force: true })
  fs.mkdirSync(tmp, { mode: 0o700 })
  try {
    const partial = config.databaseUrl ? await dumpPostgres(config, tmp) : await dumpPglite(config, tmp)
    const side = copySideFiles(config, tmp, partial.audit.lastHeadSeq)
    const manifest: BackupManifest = { format: BACKUP_FORMAT, createdAt: new Date().toISOString(), ...partial, ...side }
    writeDurable(path.join(tmp, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n')
    fsyncPath(tmp)
    fs.renameSync(tmp, folder)
    fsyncPath(path.dirname(folder))
    return { folder, manifest }
  } catch (e) {
    fs.rmSync(tmp, { recursive: true, force: true })
    throw e
  }
}

type DumpPart = Pick<BackupManifest, 'kind' | 'migration' | 'totals' | 'audit' | 'database'>

async function openForBackup(config: Config): Promise<Database> {
  try {
    return await openDatabase(config)
  } catch (e) {
    if (e instanceof DataDirLockedError) {
      throw new BackupError(
        `The embedded database is in use by a running Huoma process (pid ${e.holderPid}, ${e.lockFile}); it serves one ` +
          'process at a time, so a second one cannot read it safely. Stop the server, run `huoma backup` (it takes ' +
          'seconds), and start the server again — or stop it and copy the whole data folder.',
      )
    }
    throw e
  }
}

async function dumpPglite(config: Config, tmp: string): Promise<DumpPart> {
  const database = await openForBackup(config)
  try {
    if (!database.dumpDataDir) throw new BackupError('This database cannot export its data folder.')
    const migration = await latestMigration(database.db)
    // Nothing else can write (we hold the folder's lock): the totals and the export see the same state.
    const { totals, audit } = await readTotals(database.db)
    await sql`CHECKPOINT`.execute(database.db)
    const tarball = Buffer.from(await (await database.dumpDataDir()).arrayBuffer())
    writeDurable(path.join(tmp, 'database.tar.gz'), tarball)
    return { kind: 'pglite', migration, totals, audit, database: fileEntry(tmp, 'database.tar.gz') }
  } finally {
    await database.close()
  }
}

/** libpq's environment for a URL (the password goes in PGPASSWORD, never on a command line others can read). */
function libpqTarget(url: string): { dbname: string; env: NodeJS.ProcessEnv } {
  const u = new URL(url)
  const env: NodeJS.ProcessEnv = {}
  if (u.password) env.PGPASSWORD = decodeURIComponent(u.password)
  u.password = ''
  return { dbname: u.toString(), env }
}

function runTool(tool: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(tool, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] })
    let stderr = ''
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
    child.on('error', (e: NodeJS.ErrnoException) =>
      reject(
        new BackupError(
          e.code === 'ENOENT'
            ? `${tool} is not installed (Debian: \`apt-get install postgresql-client\`); it is needed to back up and restore PostgreSQL.`
            : `${tool} could not be started: ${e.message}`,
        ),
      ),
    )
    child.on('close', (code) => (code === 0 ? resolve() : reject(new BackupError(`${tool} failed (exit ${code}): ${stderr.trim()}`))))
  })
}

/** The connection that owns the schema: the migrations' owner when set, else DATABASE_URL. */
function ownerUrl(config: Config): string {
  return config.migrationDatabaseUrl ?? config.databaseUrl!
}

async function dumpPostgres(config: Config, tmp: string): Promise<DumpPart> {
  const url = ownerUrl(config)
  const client = new pg.Client({ connectionString: url, application_name: 'huoma-backup' })
  try {
    await client.connect()
  } catch (e) {
    throw new BackupError(`Cannot connect to PostgreSQL for the backup: ${(e as Error).message}`)
  }
  try {
    // One snapshot for the totals and the dump: the servers keep running, and what the manifest counts is what
    // pg_dump writes.
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY')
    const snapshot = (await client.query<{ s: string }>('SELECT pg_export_snapshot() AS s')).rows[0]!.s
    const { totals, audit } = await readTotals(client)
    const migration =
      (await client.query<{ name: string }>('SELECT name FROM kysely_migration ORDER BY name DESC LIMIT 1').catch(() => ({ rows: [] as Array<{ name: string }> })))
        .rows[0]?.name ?? 'none'
    const { dbname, env } = libpqTarget(url)
    await runTool('pg_dump', ['--format=custom', `--snapshot=${snapshot}`, '--file', path.join(tmp, 'database.dump'), '--dbname', dbname], env)
    await client.query('COMMIT')
    fsyncPath(path.join(tmp, 'database.dump'))
    return { kind: 'postgresql', migration, totals, audit, database: fileEntry(tmp, 'database.dump') }
  } finally {
    await client.end().catch(() => undefined)
  }
}

// ---- Restore -----------------------------------------------------------------------------------------------------

/** Reads the manifest and checks every file of the backup against it; throws naming the first that differs. */
export function readBackup(source: string): { folder: string; manifest: BackupManifest } {
  const folder = path.resolve(source)
  const manifestFile = path.join(folder, 'manifest.json')
  if (!fs.existsSync(manifestFile)) throw new BackupError(`${folder} is not a Huoma backup (no manifest.json).`)
  let manifest: BackupManifest
  try {
    manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8')) as BackupManifest
  } catch (e) {
    throw new BackupError(`${manifestFile} is not valid JSON (${(e as Error).message}): the backup is damaged.`)
  }
  if (manifest.format !== BACKUP_FORMAT) throw new BackupError(`${manifestFile} is not a ${BACKUP_FORMAT} manifest (format ${String(manifest.format)}).`)
  for (const entry of [manifest.database, ...manifest.files]) {
    const file = path.join(folder, entry.file)
    if (!inside(folder, file) || !fs.existsSync(file)) throw new BackupError(`The backup lacks ${entry.file}, which its manifest lists: it is incomplete.`)
    const actual = fileEntry(folder, entry.file)
    if (actual.sha256 !== entry.sha256 || actual.bytes !== entry.bytes) {
      throw new BackupError(`${entry.file} in the backup does not match its manifest (SHA-256 ${actual.sha256}, expected ${entry.sha256}): the backup was damaged or altered. Nothing was restored.`)
    }
  }
  return { folder, manifest }
}

export interface RestoreResult {
  manifest: BackupManifest
  /** Side files written, and those left as they were (already there with the same content, or a witness kept). */
  written: string[]
  kept: string[]
}

/** Plans where each side file goes and refuses, before anything is written, a key that differs from one already there. */
function planSideFiles(config: Config, folder: string, manifest: BackupManifest) {
  const targets = sideFilePaths(config)
  const plan: Array<{ from: string; to: string; mode: number; write: boolean; note?: string }> = []
  for (const f of manifest.files) {
    const to = targets[f.role]
    if (!to) continue // HUOMA_SECRET_KEY is set: the operator supplies the key
    const content = fs.readFileSync(path.join(folder, f.file))
    const mode = f.role === 'audit-public-key' ? 0o644 : 0o600
    if (!fs.existsSync(to)) {
      plan.push({ from: f.file, to, mode, write: true })
      continue
    }
    if (fs.readFileSync(to).equals(content)) {
      plan.push({ from: f.file, to, mode, write: false })
      continue
    }
    if (f.role === 'audit-witness') {
      // The witness outside the database is the evidence a restore is checked against: never overwritten.
      plan.push({ from: f.file, to, mode, write: false, note: 'the existing witness was kept; the restored database is verified against it' })
      continue
    }
    throw new BackupError(`${to} exists and differs from the backup's ${f.file}: restore refuses to replace a key. Move it aside or point the configuration at another file.`)
  }
  return plan
}

export async function restore(config: Config, source: string): Promise<RestoreResult> {
  const { folder, manifest } = readBackup(source)
  const kind: DatabaseKind = config.databaseUrl ? 'postgresql' : 'pglite'
  if (manifest.kind !== kind) {
    throw new BackupError(
      `The backup holds a ${manifest.kind === 'pglite' ? 'embedded (PGlite)' : 'PostgreSQL'} database but this configuration uses ${kind === 'pglite' ? 'the embedded database (no DATABASE_URL)' : 'PostgreSQL (DATABASE_URL)'}.`,
    )
  }
  const plan = planSideFiles(config, folder, manifest)
  if (kind === 'pglite') await loadPglite(config, path.join(folder, manifest.database.file))
  else await loadPostgres(config, path.join(folder, manifest.database.file))
  const written: string[] = []
  const kept: string[] = []
  for (const p of plan) {
    if (p.write) {
      fs.mkdirSync(path.dirname(p.to), { recursive: true, mode: 0o700 })
      writeDurable(p.to, fs.readFileSync(path.join(folder, p.from)), p.mode)
      fsyncPath(path.dirname(p.to))
      written.push(p.to)
    } else {
      kept.push(p.note ? `${p.to} (${p.note})` : p.to)
    }
  }
  return { manifest, written, kept }
}

async function loadPglite(config: Config, tarball: string): Promise<void> {
  const pgDir = path.join(config.dataDir, 'pglite')
  let lock
  try {
    lock = acquireDataDirLock(config.dataDir)
  } catch (e) {
    if (e instanceof DataDirLockedError) throw new BackupError(`The data folder ${config.dataDir} is in use by a running Huoma process (pid ${e.holderPid}): stop it; restore goes into an empty folder.`)
    throw e
  }
  try {
    if (fs.existsSync(pgDir) && fs.readdirSync(pgDir).length > 0) {
      throw new BackupError(`${pgDir} is not empty: restore goes into an empty data folder only and never over a database. Set HUOMA_DATA_DIR to a new folder, or move the old one aside.`)
    }
    const [{ PGlite }, { pg_trgm }, { pgcrypto }, { unaccent }] = await Promise.all([
      import('@electric-sql/pglite'),
      import('@electric-sql/pglite/contrib/pg_trgm'),
      import('@electric-sql/pglite/contrib/pgcrypto'),
      import('@electric-sql/pglite/contrib/unaccent'),
    ])
    fs.mkdirSync(pgDir, { recursive: true, mode: 0o700 })
    try {
      const pglite = await PGlite.create(pgDir, { loadDataDir: new Blob([fs.readFileSync(tarball)]), extensions: { pg_trgm, pgcrypto, unaccent } })
      await pglite.exec('CHECKPOINT')
      await pglite.close()
    } catch (e) {
      fs.rmSync(pgDir, { recursive: true, force: true })
      throw new BackupError(`The embedded database could not be loaded from ${tarball}: ${(e as Error).message ?? String(e)}. The data folder was left empty.`)
    }
  } finally {
    lock.release()
  }
}

async function loadPostgres(config: Config, dump: string): Promise<void> {
  const url = ownerUrl(config)
  const client = new pg.Client({ connectionString: url, application_name: 'huoma-restore' })
  try {
    await client.connect()
  } catch (e) {
    throw new BackupError(`Cannot connect to PostgreSQL for the restore: ${(e as Error).message}`)
  }
  try {
    const r = await client.query<{ n: string; db: string }>(
      `SELECT count(*) AS n, current_database() AS db FROM pg_class c JOIN pg_namespace ns ON ns.oid = c.relnamespace WHERE ns.nspname = 'public'`,
    )
    if (Number(r.rows[0]!.n) > 0) {
      throw new BackupError(`The database "${r.rows[0]!.db}" is not empty (${r.rows[0]!.n} relations in public): restore goes into a new, empty database (\`createdb -O huoma_owner huoma_restored\`) and never over one.`)
    }
  } finally {
    await client.end().catch(() => undefined)
  }
  const { dbname, env } = libpqTarget(url)
  // One transaction: a failed restore leaves the database empty. Owners and grants as dumped (the roles must exist).
  await runTool('pg_restore', ['--exit-on-error', '--single-transaction', '--dbname', dbname, dump], env)
  if (config.migrationDatabaseUrl) {
    // The application role's rights, as after a migration run (it may differ from the dumped cluster's role).
    const owner = new pg.Client({ connectionString: config.migrationDatabaseUrl })
    const app = new pg.Client({ connectionString: config.databaseUrl })
    await Promise.all([owner.connect(), app.connect()])
    try {
      const role = (await app.query<{ r: string }>('SELECT current_user AS r')).rows[0]!.r
      await owner.query('SELECT huoma_grant_app_role($1)', [role])
    } finally {
      await Promise.all([owner.end(), app.end()])
    }
  }
}

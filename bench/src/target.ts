import path from 'node:path'
import pg from 'pg'
import { openDatabase, redactUrl, type Database } from '../../packages/server/src/db/database'

export const REPO_ROOT = path.resolve(import.meta.dirname, '../..')
export const BENCH_DATABASE = 'huoma_bench'
const LOCAL_PG = 'postgres://postgres@127.0.0.1:5432/postgres'

/** The benchmark database: PostgreSQL `huoma_bench` (default) or an embedded PGlite folder (`--pglite DIR`). */
export type BenchTarget = { kind: 'postgresql'; url: string; adminUrl: string } | { kind: 'pglite'; dir: string }

/**
 * `--pglite DIR` → PGlite in DIR. Otherwise PostgreSQL: `--database-url`, else DATABASE_URL, else the local
 * server; the database name in that URL is replaced by `huoma_bench` (the URL's own database is only used to
 * create it).
 */
export function resolveTarget(opts: { pglite?: string | undefined; databaseUrl?: string | undefined }): BenchTarget {
  if (opts.pglite) return { kind: 'pglite', dir: path.resolve(opts.pglite) }
  const base = opts.databaseUrl || process.env.DATABASE_URL || LOCAL_PG
  const url = new URL(base)
  if (!opts.databaseUrl) url.pathname = `/${BENCH_DATABASE}`
  const admin = new URL(base)
  admin.pathname = '/postgres'
  return { kind: 'postgresql', url: url.toString(), adminUrl: admin.toString() }
}

export function describeTarget(t: BenchTarget): string {
  return t.kind === 'pglite' ? `PGlite in ${t.dir}` : `PostgreSQL ${redactUrl(t.url)}`
}

/** Creates the PostgreSQL database when it does not exist. */
export async function ensureDatabaseExists(t: BenchTarget): Promise<boolean> {
  if (t.kind !== 'postgresql') return false
  const name = decodeURIComponent(new URL(t.url).pathname.slice(1))
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`Refusing to create a database with the name "${name}"`)
  const admin = new pg.Client({ connectionString: t.adminUrl })
  await admin.connect()
  try {
    const { rowCount } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])
    if (rowCount) return false
    await admin.query(`CREATE DATABASE ${name}`)
    return true
  } finally {
    await admin.end()
  }
}

export function openTarget(t: BenchTarget, poolSize = 10): Promise<Database> {
  return t.kind === 'pglite'
    ? openDatabase({ dataDir: t.dir })
    : openDatabase({ databaseUrl: t.url, dataDir: benchDataDir(t), pgPoolSize: poolSize })
}

/**
 * The server's data folder (audit signing key, witness, secrets) for a benchmark database: the PGlite folder itself;
 * for PostgreSQL `HUOMA_DATA_DIR` when set, else `data/bench/<database>`. One folder per database because the audit
 * witness belongs to one database's hash chain: a witness shared by two databases (the developer's `npm start`, a
 * bench database, a copy of it) makes the sealer refuse the other chain, rightly.
 */
export function benchDataDir(t: BenchTarget): string {
  if (t.kind === 'pglite') return t.dir
  if (process.env.HUOMA_DATA_DIR) return path.resolve(process.env.HUOMA_DATA_DIR)
  return path.join(REPO_ROOT, 'data', 'bench', decodeURIComponent(new URL(t.url).pathname.slice(1)) || 'postgres')
}

/** Environment for a Huoma server process on this database. */
export function serverEnv(t: BenchTarget): Record<string, string> {
  return t.kind === 'pglite' ? { HUOMA_DATA_DIR: t.dir, DATABASE_URL: '' } : { DATABASE_URL: t.url, HUOMA_DATA_DIR: benchDataDir(t) }
}

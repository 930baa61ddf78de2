import { createHash } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { Kysely, PostgresDialect } from 'kysely'
import pg from 'pg'
import type { DB } from './schema'
import { acquireDataDirLock, type DataDirLock } from './lock'

export type DatabaseKind = 'pglite' | 'postgresql'

export interface Database {
  readonly kind: DatabaseKind
  readonly db: Kysely<DB>
  /** Where the data lives, for messages: the data folder or the connection's host/database (no password). */
  readonly location: string
  /**
   * The embedded database only: a consistent tarball (gzip) of its data folder, taken from the open database
   * (PGlite's `dumpDataDir`, WAL included) — what `huoma backup` writes.
   */
  dumpDataDir?(): Promise<Blob>
  close(): Promise<void>
}

/**
 * Type parsers shared by both databases: calendar dates stay `YYYY-MM-DD` strings (a JS Date would shift them by
 * the time zone), bigint counts become numbers (every integer Huoma stores fits in 2^53: cents, counts, ids).
 */
const types = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === pg.types.builtins.DATE) return (v: string) => v
    if (oid === pg.types.builtins.INT8) return (v: string) => Number(v)
    return pg.types.getTypeParser(oid, format)
  },
}

export class DatabaseOpenError extends Error {
  constructor(message: string, override readonly cause?: unknown) {
    super(message)
    this.name = 'DatabaseOpenError'
  }
}

export interface OpenOptions {
  databaseUrl?: string | undefined
  /** HUOMA_DATA_DIR; the embedded database lives in `<dataDir>/pglite`. */
  dataDir: string
  pgPoolSize?: number
  /** Connections the pool keeps open however long they idle (HUOMA_PG_POOL_MIN; default 2, at most the size). */
  pgPoolMin?: number
  /** How long a connection above the minimum may idle before it is closed (HUOMA_PG_IDLE_TIMEOUT_MS; 5 min). */
  pgIdleTimeoutMs?: number
  /** PostgreSQL's JIT compilation for this pool's sessions (HUOMA_PG_JIT=on); off by default. */
  pgJit?: boolean
  /** Parameterised statements prepared by name on each connection (HUOMA_PG_NAMED_STATEMENTS=on); off by default. */
  pgNamedStatements?: boolean
}

/** At most this many statements are prepared by name on one connection; later ones go unnamed as before. */
const NAMED_STATEMENTS_PER_CONNECTION = 1000

/**
 * A pg client that prepares each parameterised statement once per connection under a name derived from its text
 * (Kysely compiles a query to the same text whatever its values), so PostgreSQL parses it once and may reuse a
 * generic plan; statements without parameters (migrations: many statements in one text) keep the simple protocol.
 */
class NamedStatementClient extends pg.Client {
  private readonly named = new Set<string>()
  override query(...args: unknown[]): never {
    const [text, values] = args
    if (typeof text === 'string' && Array.isArray(values) && values.length > 0 && args.length === 2) {
      const name = `huoma_${createHash('sha1').update(text).digest('hex').slice(0, 24)}`
      if (this.named.has(name) || this.named.size < NAMED_STATEMENTS_PER_CONNECTION) {
        this.named.add(name)
        return (super.query as (config: unknown) => never)({ name, text, values })
      }
    }
    return (super.query as (...a: unknown[]) => never)(...args)
  }
}

export async function openDatabase(opts: OpenOptions): Promise<Database> {
  return opts.databaseUrl ? openPostgres(opts.databaseUrl, opts) : openPglite(opts.dataDir)
}

/**
 * The transactional pool. JIT is off for its sessions: Huoma's queries are short index lookups where compiling
 * costs more than it saves (PostgreSQL's cost threshold fires on large tables' estimates), and the pool keeps warm
 * connections — `pgPoolMin` opened at start and never closed for idling, the rest closed after `pgIdleTimeoutMs`
 * (pg's default was 10 s: a quiet minute cost every request a new connection and its backend's cold caches).
 */
async function openPostgres(url: string, opts: OpenOptions): Promise<Database> {
  const max = opts.pgPoolSize ?? 10
  const min = Math.min(opts.pgPoolMin ?? 2, max)
  const pool = new pg.Pool({
    connectionString: url,
    max,
    min,
    idleTimeoutMillis: opts.pgIdleTimeoutMs ?? 300_000,
    types,
    application_name: 'huoma',
    ...(opts.pgJit ? {} : { options: '-c jit=off' }),
    ...(opts.pgNamedStatements ? { Client: NamedStatementClient } : {}),
  })
  // An idle connection can be closed by the server (restart, failover, pg_terminate_backend): the pool drops it and
  // opens a new one on demand; without a listener the error would crash the process.
  pool.on('error', (e) => process.emitWarning(`PostgreSQL closed an idle connection: ${e.message}`))
  // …and one that is checked out (inside a transaction, between its queries) emits its error on the client, where
  // the pool's listener is removed while it is lent: without one of its own the process would crash on a database
  // restart. The request's next query fails instead (a 503), and the pool discards the client on release.
  pool.on('connect', (client) => client.on('error', () => undefined))
  try {
    const clients = await Promise.all(Array.from({ length: Math.max(min, 1) }, () => pool.connect()))
    for (const client of clients) client.release()
  } catch (e) {
    await pool.end().catch(() => undefined)
    throw new DatabaseOpenError(`Cannot connect to PostgreSQL (${redactUrl(url)}): ${(e as Error).message}`, e)
  }
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) })
  return { kind: 'postgresql', db, location: redactUrl(url), close: () => db.destroy() }
}

export function redactUrl(url: string): string {
  try {
    const u = new URL(url)
    if (u.password) u.password = '***'
    return u.toString()
  } catch {
    return 'postgres://(unparseable URL)'
  }
}

/**
 * The embedded database. PGlite serves exactly one session, so the pool has exactly one connection: every query
 * and every transaction waits its turn in the pool's queue, and a transaction holds the only connection until it
 * ends, so no other request can see its uncommitted work.
 */
async function openPglite(dataDir: string): Promise<Database> {
  const pgDir = path.join(dataDir, 'pglite')
  const lock: DataDirLock = acquireDataDirLock(dataDir)
  try {
    checkDataFolder(pgDir)
    const [{ PGlite }, { createPgConfig }, { pg_trgm }, { pgcrypto }, { unaccent }] = await Promise.all([
      import('@electric-sql/pglite'),
      import('@electric-sql/pglite/node-postgres'),
      import('@electric-sql/pglite/contrib/pg_trgm'),
      import('@electric-sql/pglite/contrib/pgcrypto'),
      import('@electric-sql/pglite/contrib/unaccent'),
    ])
    let pglite: InstanceType<typeof PGlite>
    try {
      pglite = await PGlite.create(pgDir, { extensions: { pg_trgm, pgcrypto, unaccent } })
    } catch (e) {
      throw new DatabaseOpenError(
        `The embedded database in ${pgDir} cannot be opened (${(e as Error).message ?? String(e)}). ` +
          'The folder may be damaged. Nothing was changed in it; restore it from a backup or move it aside ' +
          'and start again to create a new database.',
        e,
      )
    }
    const pool = new pg.Pool({ ...createPgConfig(pglite), max: 1, types })
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) })
    return {
      kind: 'pglite',
      db,
      location: pgDir,
      dumpDataDir: () => pglite.dumpDataDir('gzip'),
      close: async () => {
        await db.destroy()
        await pglite.close()
        lock.release()
      },
    }
  } catch (e) {
    lock.release()
    throw e
  }
}

/** Refuses a folder that holds something other than a PostgreSQL data directory, so nothing is overwritten. */
function checkDataFolder(pgDir: string): void {
  if (!fs.existsSync(pgDir)) return
  const stat = fs.statSync(pgDir)
  if (!stat.isDirectory()) throw new DatabaseOpenError(`${pgDir} exists but is not a folder; refusing to touch it.`)
  const entries = fs.readdirSync(pgDir)
  if (entries.length === 0) return
  if (!entries.includes('PG_VERSION') || !entries.includes('global') || !entries.includes('base')) {
    throw new DatabaseOpenError(
      `${pgDir} is not an embedded Huoma database (no PG_VERSION/global/base). It may be damaged or belong to ` +
        'something else. Nothing was changed; move it aside or set HUOMA_DATA_DIR to another folder.',
    )
  }
}

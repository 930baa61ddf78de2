import { createHash } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { Kysely, PostgresDialect, sql } from 'kysely'
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
  /**
   * Listens to a notification channel (`LISTEN`): PostgreSQL on a dedicated connection of its own, reconnected when
   * it drops; PGlite (one process, one session) on its only connection, where a notification arrives before the
   * statement that caused it returns.
   */
  listen(channel: string, handlers: ListenHandlers): Promise<Listener>
  close(): Promise<void>
}

export interface ListenHandlers {
  notify(payload: string): void
  /** listening (again): what was missed while down is unknown */
  up(): void
  /** the listening connection is lost: notifications may be missed until `up` */
  down(reason: string): void
}

export interface Listener {
  readonly listening: boolean
  /**
   * Resolves once every notification committed before the call has been handed to `notify` (a round trip on the
   * listening connection: PostgreSQL sends pending notifications before a statement's answer); false when the
   * connection is down or does not answer within `timeoutMs`.
   */
  sync(timeoutMs?: number): Promise<boolean>
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
  /** Parameterised statements prepared by name on each connection (HUOMA_PG_NAMED_STATEMENTS; on unless `off`). */
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
  const listeners = new Set<PgListener>()
  return {
    kind: 'postgresql',
    db,
    location: redactUrl(url),
    listen: async (channel, handlers) => {
      const listener = new PgListener(url, channel, handlers, () => listeners.delete(listener))
      listeners.add(listener)
      await listener.start()
      return listener
    },
    close: async () => {
      await Promise.all([...listeners].map((l) => l.close()))
      await db.destroy()
    },
  }
}

const CHANNEL = /^[a-z_][a-z0-9_]{0,62}$/

/**
 * A dedicated PostgreSQL connection that LISTENs (a pooled one would lose its LISTEN when the pool closes it).
 * When it drops or stops answering the heartbeat it reports `down` and reconnects (after 0.25 s, backing off to
 * 5 s), then reports `up` again.
 */
class PgListener implements Listener {
  private client: pg.Client | undefined
  private closed = false
  private retryMs = 250
  private retry: NodeJS.Timeout | undefined
  private heartbeat: NodeJS.Timeout | undefined
  private inflight: Promise<boolean> | undefined
  private next: Promise<boolean> | undefined

  constructor(
    private readonly url: string,
    private readonly channel: string,
    private readonly handlers: ListenHandlers,
    private readonly onClose: () => void,
  ) {
    if (!CHANNEL.test(channel)) throw new Error(`Not a channel name: ${channel}`)
  }

  get listening(): boolean {
    return this.client !== undefined
  }

  /** Connects now; a failure is reported as `down` and retried in the background (the server starts anyway). */
  async start(): Promise<void> {
    await this.connect()
    this.heartbeat = setInterval(() => void this.sync(5000), 10_000)
    this.heartbeat.unref()
  }

  private async connect(): Promise<void> {
    this.retry = undefined
    if (this.closed) return
    const client = new pg.Client({ connectionString: this.url, application_name: 'huoma-listen', keepAlive: true })
    const lost = (reason: string) => this.lost(client, reason)
    client.on('error', (e) => lost(e.message))
    client.on('end', () => lost('the connection ended'))
    client.on('notification', (m) => {
      if (this.client === client && m.channel === this.channel) this.handlers.notify(m.payload ?? '')
    })
    try {
      await client.connect()
      await client.query(`LISTEN ${this.channel}`)
    } catch (e) {
      client.removeAllListeners('end')
      client.on('error', () => undefined)
      await client.end().catch(() => undefined)
      this.handlers.down(`cannot listen: ${(e as Error).message}`)
      this.scheduleRetry()
      return
    }
    if (this.closed) {
      await client.end().catch(() => undefined)
      return
    }
    this.client = client
    this.retryMs = 250
    this.handlers.up()
  }

  private lost(client: pg.Client, reason: string): void {
    if (this.client !== client) return
    this.client = undefined
    client.on('error', () => undefined)
    client.end().catch(() => undefined)
    if (this.closed) return
    this.handlers.down(reason)
    this.scheduleRetry()
  }

  private scheduleRetry(): void {
    if (this.closed || this.retry) return
    this.retry = setTimeout(() => void this.connect(), this.retryMs)
    this.retry.unref()
    this.retryMs = Math.min(this.retryMs * 2, 5000)
  }

  /** Concurrent callers share the next round trip that starts after their call. */
  sync(timeoutMs = 2000): Promise<boolean> {
    if (!this.inflight) {
      this.inflight = this.roundTrip(timeoutMs).finally(() => {
        this.inflight = undefined
      })
      return this.inflight
    }
    this.next ??= this.inflight.then(() => {
      this.next = undefined
      return this.sync(timeoutMs)
    })
    return this.next
  }

  private async roundTrip(timeoutMs: number): Promise<boolean> {
    const client = this.client
    if (!client) return false
    let timer: NodeJS.Timeout | undefined
    const timeout = new Promise<false>((resolve) => {
      timer = setTimeout(() => resolve(false), timeoutMs)
    })
    const ok = await Promise.race([client.query('SELECT 1').then(() => true, () => false), timeout])
    clearTimeout(timer)
    if (!ok) this.lost(client, 'the listening connection did not answer')
    return ok
  }

  async close(): Promise<void> {
    this.closed = true
    clearInterval(this.heartbeat)
    clearTimeout(this.retry)
    const client = this.client
    this.client = undefined
    this.onClose()
    if (client) {
      client.on('error', () => undefined)
      await client.end().catch(() => undefined)
    }
  }
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
    // One session: a LISTEN stays for good whichever pg client the pool lends, and each client passes on the
    // notifications it reads (its own statement's included, before that statement's answer).
    const channels = new Map<string, Set<ListenHandlers>>()
    pool.on('connect', (client) =>
      client.on('notification', (m) => {
        for (const h of channels.get(m.channel) ?? []) h.notify(m.payload ?? '')
      }),
    )
    return {
      kind: 'pglite',
      db,
      location: pgDir,
      dumpDataDir: () => pglite.dumpDataDir('gzip'),
      listen: async (channel, handlers) => {
        if (!CHANNEL.test(channel)) throw new Error(`Not a channel name: ${channel}`)
        let set = channels.get(channel)
        if (!set) {
          await sql.raw(`LISTEN ${channel}`).execute(db)
          channels.set(channel, (set = new Set()))
        }
        set.add(handlers)
        handlers.up()
        let open = true
        return {
          get listening() {
            return open
          },
          sync: async () => open,
          close: async () => {
            open = false
            set.delete(handlers)
          },
        }
      },
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

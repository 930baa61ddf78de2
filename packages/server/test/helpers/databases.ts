import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'

/**
 * The databases the API tests run against: always the embedded PGlite, and PostgreSQL from DATABASE_URL or the
 * local server on 127.0.0.1:5432 when it answers. Under CI=true a missing PostgreSQL fails the run instead of
 * being skipped.
 */
export type DbKind = 'pglite' | 'postgresql'

const LOCAL_PG = 'postgres://postgres@127.0.0.1:5432/postgres'

export function postgresAdminUrl(): string {
  return process.env.DATABASE_URL || LOCAL_PG
}

let pgAvailable: Promise<boolean> | undefined
async function postgresAnswers(): Promise<boolean> {
  pgAvailable ??= (async () => {
    const client = new pg.Client({ connectionString: postgresAdminUrl(), connectionTimeoutMillis: 3000 })
    try {
      await client.connect()
      await client.query('SELECT 1')
      return true
    } catch {
      return false
    } finally {
      await client.end().catch(() => undefined)
    }
  })()
  return pgAvailable
}

export async function databaseKinds(): Promise<DbKind[]> {
  // HUOMA_TEST_DB=pglite|postgresql narrows a local run to one database (never under CI, which runs both) — and
  // a repeated run (HUOMA_TEST_REPEAT=true: npm test's second pass on another Node.js, after the first covered both).
  const only = process.env.HUOMA_TEST_DB
  if (only && (process.env.CI !== 'true' || process.env.HUOMA_TEST_REPEAT === 'true')) {
    if (only !== 'pglite' && only !== 'postgresql') throw new Error(`HUOMA_TEST_DB must be pglite or postgresql, not ${only}`)
    return [only]
  }
  if (await postgresAnswers()) return ['pglite', 'postgresql']
  if (process.env.CI === 'true') {
    throw new Error(`CI=true but PostgreSQL does not answer at ${postgresAdminUrl()}: the PostgreSQL half of the tests cannot be skipped`)
  }
  console.warn('PostgreSQL not reachable: running the API tests on PGlite only')
  return ['pglite']
}

export interface ScratchDatabase {
  kind: DbKind
  /** DATABASE_URL for PostgreSQL, undefined for PGlite */
  databaseUrl: string | undefined
  dataDir: string
  drop(): Promise<void>
}

/**
 * A fresh, empty database of the kind: a temp folder for PGlite, a new database for PostgreSQL (on the cluster of
 * `adminUrl`, by default the shared one of the tests).
 */
export async function scratchDatabase(kind: DbKind, adminUrl = postgresAdminUrl()): Promise<ScratchDatabase> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'huoma-test-'))
  if (kind === 'pglite') {
    return { kind, databaseUrl: undefined, dataDir, drop: async () => fs.rmSync(dataDir, { recursive: true, force: true }) }
  }
  const name = `huoma_test_${randomBytes(6).toString('hex')}`
  const admin = new pg.Client({ connectionString: adminUrl })
  await admin.connect()
  await admin.query(`CREATE DATABASE ${name}`)
  await admin.end()
  const url = new URL(adminUrl)
  url.pathname = `/${name}`
  return {
    kind,
    databaseUrl: url.toString(),
    dataDir,
    drop: async () => {
      const c = new pg.Client({ connectionString: adminUrl })
      await c.connect()
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
      await c.end()
      fs.rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

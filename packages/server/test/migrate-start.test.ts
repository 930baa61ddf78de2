import fs from 'node:fs'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openDatabase, type Database } from '../src/db/database'
import { MIGRATIONS_DIR, MigrationError, migrateToLatest } from '../src/db/migrate'
import { databaseKinds, scratchDatabase, type DbKind, type ScratchDatabase } from './helpers/databases'

const kinds = await databaseKinds()
const files = fs
  .readdirSync(MIGRATIONS_DIR)
  .filter((f) => /^\d{4}_[a-z0-9_]+\.sql$/.test(f))
  .map((f) => f.replace(/\.sql$/, ''))
  .sort()

/**
 * Issue 16 (cold start): a start whose database has applied every migration file asks two small questions and
 * leaves Kysely's migrator (file reads, catalogue introspection, a lock) out; anything else still goes through it.
 */
describe.each(kinds)('migrations at start on %s', (kind: DbKind) => {
  let scratch: ScratchDatabase
  let database: Database
  const lockTable = async () => (await sql<{ t: string | null }>`SELECT to_regclass('kysely_migration_lock')::text AS t`.execute(database.db)).rows[0]!.t

  beforeAll(async () => {
    scratch = await scratchDatabase(kind)
    database = await openDatabase({ databaseUrl: scratch.databaseUrl, dataDir: scratch.dataDir })
  }, 240_000)
  afterAll(async () => {
    await database?.close()
    await scratch?.drop()
  })

  it('applies every file on a new database, then finds them applied without the migrator', async () => {
    expect(await migrateToLatest(database.db)).toEqual(files)
    // the migrator made its lock table; a start that used the migrator again would make it again
    await sql`DROP TABLE kysely_migration_lock`.execute(database.db)
    expect(await migrateToLatest(database.db)).toEqual([])
    expect(await lockTable()).toBeNull()
  }, 240_000)

  it('leaves an applied migration whose file is gone to the migrator, which refuses to start', async () => {
    await sql`INSERT INTO kysely_migration (name, timestamp) VALUES ('9999_gone', now()::text)`.execute(database.db)
    await expect(migrateToLatest(database.db)).rejects.toBeInstanceOf(MigrationError)
    expect(await lockTable()).not.toBeNull() // the migrator ran
    await sql`DELETE FROM kysely_migration WHERE name = '9999_gone'`.execute(database.db)
  })
})

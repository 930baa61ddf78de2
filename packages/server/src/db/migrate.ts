/* eslint-disable @typescript-eslint/no-explicit-any -- migrations run before any table type exists */
import fs from 'node:fs/promises'
import path from 'node:path'
import { Migrator, sql, type Kysely, type Migration, type MigrationProvider, type MigrationResultSet } from 'kysely'

export const MIGRATIONS_DIR = path.join(import.meta.dirname, 'migrations')

/** Numbered plain-SQL files (`0001_name.sql`), each applied in its own transaction, in name order. */
class SqlFileMigrationProvider implements MigrationProvider {
  constructor(private readonly dir: string) {}
  async getMigrations(): Promise<Record<string, Migration>> {
    const files = (await fs.readdir(this.dir)).filter((f) => /^\d{4}_[a-z0-9_]+\.sql$/.test(f)).sort()
    const migrations: Record<string, Migration> = {}
    for (const file of files) {
      const text = await fs.readFile(path.join(this.dir, file), 'utf8')
      migrations[file.replace(/\.sql$/, '')] = {
        // A query without parameters goes over the simple query protocol, so one file may hold many statements.
        up: async (db) => {
          await sql.raw(text).execute(db)
        },
      }
    }
    return migrations
  }
}

function migrator(db: Kysely<any>): Migrator {
  return new Migrator({ db, provider: new SqlFileMigrationProvider(MIGRATIONS_DIR) })
}

export class MigrationError extends Error {
  constructor(
    message: string,
    readonly migration: string | undefined,
    override readonly cause: unknown,
  ) {
    super(message)
    this.name = 'MigrationError'
  }
}

/** Applies pending migrations up to and including `name` (tests of an upgrade path start from an older schema). */
export async function migrateUpTo(db: Kysely<any>, name: string): Promise<void> {
  const result = await migrator(db).migrateTo(name)
  if (result.error) throw new MigrationError(`Migration to ${name} failed: ${String(result.error)}`, name, result.error)
}

/** Applies every pending migration; returns the names applied now. */
export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
  const result: MigrationResultSet = await migrator(db).migrateToLatest()
  const failed = result.results?.find((r) => r.status === 'Error')
  if (result.error) {
    const cause = result.error
    throw new MigrationError(
      `Migration ${failed?.migrationName ?? ''} failed: ${cause instanceof Error ? cause.message : String(cause)}`,
      failed?.migrationName,
      cause,
    )
  }
  return (result.results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName)
}

export interface MigrationStatus {
  name: string
  executedAt: Date | undefined
}

export async function migrationStatus(db: Kysely<any>): Promise<MigrationStatus[]> {
  const list = await migrator(db).getMigrations()
  return list.map((m) => ({ name: m.name, executedAt: m.executedAt }))
}

/** Name of the latest applied migration, or 'none'. */
export async function latestMigration(db: Kysely<any>): Promise<string> {
  const applied = (await migrationStatus(db)).filter((m) => m.executedAt)
  return applied.at(-1)?.name ?? 'none'
}

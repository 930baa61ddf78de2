/* eslint-disable @typescript-eslint/no-explicit-any -- migrations run before any table type exists */
import fs from 'node:fs/promises'
import path from 'node:path'
import { Migrator, sql, type Kysely, type Migration, type MigrationProvider, type MigrationResultSet } from 'kysely'
import { openDatabase } from './database'

export const MIGRATIONS_DIR = path.join(import.meta.dirname, 'migrations')

const MIGRATION_FILE = /^\d{4}_[a-z0-9_]+\.sql$/

/** Numbered plain-SQL files (`0001_name.sql`), each applied in its own transaction, in name order. */
class SqlFileMigrationProvider implements MigrationProvider {
  constructor(private readonly dir: string) {}
  async getMigrations(): Promise<Record<string, Migration>> {
    const files = (await fs.readdir(this.dir)).filter((f) => MIGRATION_FILE.test(f)).sort()
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

/**
 * Whether the database has applied exactly the migration files there are — the usual start. Two small queries: no
 * file read, no catalogue introspection and no lock, where Kysely's migrator does all three (on the embedded
 * database about half a second of every start). Anything else (a new file, no migration table yet, an applied
 * migration whose file is gone) is left to the migrator, which applies or refuses it.
 */
async function allApplied(db: Kysely<any>): Promise<boolean> {
  const files = (await fs.readdir(MIGRATIONS_DIR)).filter((f) => MIGRATION_FILE.test(f)).map((f) => f.replace(/\.sql$/, ''))
  const present = (await sql<{ present: boolean }>`SELECT to_regclass('kysely_migration') IS NOT NULL AS present`.execute(db)).rows[0]?.present
  if (!present) return false
  const applied = new Set((await sql<{ name: string }>`SELECT name FROM kysely_migration`.execute(db)).rows.map((r) => r.name))
  return applied.size === files.length && files.every((f) => applied.has(f))
}

/** Applies every pending migration; returns the names applied now. */
export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
  if (await allApplied(db)) return []
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

/**
 * Applies pending migrations for the server and `huoma db migrate`. With `migrationDatabaseUrl`
 * (HUOMA_MIGRATION_DATABASE_URL: the owner) they run over the owner's own connection, and the role of `app`'s
 * connection (DATABASE_URL: the application role) is then granted what the server needs and no more on the audit
 * log (`huoma_grant_app_role`, migration 0022) — after every run, so tables of later migrations are covered too.
 * Without it the application's connection migrates (one role does everything, as in the zero-configuration case).
 */
export async function migrateForServer(app: Kysely<any>, migrationDatabaseUrl: string | undefined): Promise<{ applied: string[]; appRole?: string }> {
  if (!migrationDatabaseUrl) return { applied: await migrateToLatest(app) }
  const owner = await openDatabase({ databaseUrl: migrationDatabaseUrl, dataDir: '.', pgPoolSize: 1 })
  try {
    const whoApp = (await sql<{ role: string; db: string }>`SELECT current_user AS role, current_database() AS db`.execute(app)).rows[0]!
    const whoOwner = (await sql<{ role: string; db: string }>`SELECT current_user AS role, current_database() AS db`.execute(owner.db)).rows[0]!
    if (whoApp.db !== whoOwner.db) {
      throw new Error(`HUOMA_MIGRATION_DATABASE_URL reaches database "${whoOwner.db}" but DATABASE_URL reaches "${whoApp.db}": both must name the same database`)
    }
    if (whoApp.role === whoOwner.role) {
      throw new Error(
        `HUOMA_MIGRATION_DATABASE_URL and DATABASE_URL both connect as "${whoApp.role}": the server's DATABASE_URL must use its own application role (see README, "Two database roles"), or leave HUOMA_MIGRATION_DATABASE_URL unset`,
      )
    }
    const applied = await migrateToLatest(owner.db)
    await sql`SELECT huoma_grant_app_role(${whoApp.role})`.execute(owner.db)
    return { applied, appRole: whoApp.role }
  } finally {
    await owner.close()
  }
}

/**
 * Why the server's own connection could alter the audit log (PostgreSQL): it is a superuser, or owns the log (then
 * it could disable the append-only triggers). Undefined when it can only insert and read it.
 */
export async function auditLogPowers(app: Kysely<any>): Promise<string | undefined> {
  const r = (await sql<{ role: string; superuser: boolean; owner: boolean }>`
    SELECT current_user AS role,
           (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) AS superuser,
           pg_has_role(current_user, (SELECT relowner FROM pg_class WHERE oid = 'audit_log'::regclass), 'USAGE') AS owner`.execute(app)).rows[0]
  if (!r) return undefined
  if (r.superuser) return `the server connects as "${r.role}", a superuser`
  if (r.owner) return `the server connects as "${r.role}", the owner of the audit log`
  return undefined
}

import { sql, type Kysely } from 'kysely'
import type { Database } from '../../db/database'
import type { DB } from '../../db/schema'

/*
 * What the platform's routes read: the migration table (health) and the organisation's units. No client data.
 */

/** The handle of the platform's reads. */
// eslint-disable-next-line no-restricted-syntax -- the migration table and the organisation's units only, no client data
export const platformDb = (app: { database: Database }): Kysely<DB> => app.database.db

/** The name of the latest applied migration, or undefined before any. */
export async function latestMigration(db: Kysely<DB>): Promise<string | undefined> {
  const { rows } = await sql<{ name: string }>`SELECT name FROM kysely_migration ORDER BY name DESC LIMIT 1`.execute(db)
  return rows[0]?.name
}

/** The organisation's active units, by code. */
export async function activeUnits(db: Kysely<DB>) {
  return db.selectFrom('unit').select(['id', 'code', 'name_fi', 'name_sv']).where('active', '=', true).orderBy('code').execute()
}

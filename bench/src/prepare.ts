import { sql } from 'kysely'
import { migrateToLatest } from '../../packages/server/src/db/migrate'
import { DEFAULT_DEMO_PASSWORD } from '../../packages/server/src/config'
import { isDemoSeeded, seedDemo } from '../../packages/server/src/seed/demo'
import { insertPopulation, type InsertPopulationResult } from '../../packages/server/src/seed/population'
import { describeTarget, ensureDatabaseExists, openTarget, type BenchTarget } from './target'


export interface PrepareOptions {
  persons: number
  seed?: number | undefined
  /** The user whose client relationships the read scenarios use. */
  username: string
  /** Open client relationships to give that user (so reads pass the access check). */
  relationships: number
}

export interface PrepareResult {
  target: string
  personsBefore: number
  personsAfter: number
  seeded: InsertPopulationResult | null
  demoSeeded: boolean
  relationshipsAdded: number
  elapsedMs: number
}

const log = (msg: string) => process.stderr.write(`bench prepare: ${msg}\n`)

/**
 * Creates the database if needed, applies migrations, seeds the demo municipality (its users log in), tops the
 * person count up to `persons` and gives the bench user open client relationships to a sample of persons.
 */
export async function prepare(target: BenchTarget, opts: PrepareOptions): Promise<PrepareResult> {
  const started = performance.now()
  if (await ensureDatabaseExists(target)) log(`created ${describeTarget(target)}`)
  const database = await openTarget(target, 4)
  try {
    const applied = await migrateToLatest(database.db)
    if (applied.length) log(`migrations applied: ${applied.join(', ')}`)
    let demoSeeded = false
    if (!(await isDemoSeeded(database.db))) {
      log('seeding the demo municipality (users, ~300 persons)')
      await seedDemo(database, { password: process.env.HUOMA_DEMO_PASSWORD || DEFAULT_DEMO_PASSWORD, now: new Date() })
      demoSeeded = true
    }
    const count = async () => (await sql<{ n: number }>`SELECT count(*)::int AS n FROM person`.execute(database.db)).rows[0]?.n ?? 0
    const personsBefore = await count()
    let seeded: InsertPopulationResult | null = null
    if (personsBefore < opts.persons) {
      const missing = opts.persons - personsBefore
      log(`${describeTarget(target)} has ${personsBefore.toLocaleString('en')} persons; adding ${missing.toLocaleString('en')}`)
      seeded = await insertPopulation(database, {
        count: missing,
        seed: opts.seed,
        databaseUrl: target.kind === 'postgresql' ? target.url : undefined,
      })
      log(
        `seeded ${seeded.persons.toLocaleString('en')} persons (${seeded.rows.toLocaleString('en')} rows) in ` +
          `${(seeded.elapsedMs / 1000).toFixed(1)} s: ${Math.round(seeded.persons / (seeded.elapsedMs / 1000)).toLocaleString('en')} persons/s, ` +
          `${Math.round(seeded.rows / (seeded.elapsedMs / 1000)).toLocaleString('en')} rows/s (${seeded.method})`,
      )
    } else {
      log(`${describeTarget(target)} already has ${personsBefore.toLocaleString('en')} persons (target ${opts.persons.toLocaleString('en')})`)
    }
    const relationshipsAdded = await ensureRelationships(database.db, opts.username, opts.relationships)
    if (relationshipsAdded) log(`gave ${opts.username} ${relationshipsAdded} open client relationships`)
    return {
      target: describeTarget(target),
      personsBefore,
      personsAfter: await count(),
      seeded,
      demoSeeded,
      relationshipsAdded,
      elapsedMs: performance.now() - started,
    }
  } finally {
    await database.close()
  }
}

/**
 * Open client relationships (adult social work, "responsible") between the bench user and random persons, so
 * the read scenarios measure the allowed path, not the 404 of "no relationship". Best effort: a schema without
 * the table only logs a warning.
 */
export async function ensureRelationships(db: Awaited<ReturnType<typeof openTarget>>['db'], username: string, wanted: number): Promise<number> {
  try {
    const user = await db.selectFrom('staff_user').select('id').where('username', '=', username).executeTakeFirst()
    if (!user) {
      log(`warning: no user ${username}; no client relationships created`)
      return 0
    }
    const { rows } = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM client_relationship WHERE user_id = ${user.id} AND end_date IS NULL`.execute(db)
    const have = rows[0]?.n ?? 0
    if (have >= wanted) return 0
    const result = await sql`
      INSERT INTO client_relationship (person_id, user_id, service_task, kind, start_date)
      SELECT p.id, ${user.id}, 'adult_social_work', 'responsible', current_date - 30
        FROM person p
       WHERE NOT EXISTS (
               SELECT 1 FROM client_relationship cr
                WHERE cr.person_id = p.id
                  AND (cr.user_id = ${user.id} OR (cr.service_task = 'adult_social_work' AND cr.kind = 'responsible' AND cr.end_date IS NULL)))
       ORDER BY random()
       LIMIT ${wanted - have}`.execute(db)
    return Number(result.numAffectedRows ?? 0)
  } catch (e) {
    log(`warning: could not create client relationships (${(e as Error).message})`)
    return 0
  }
}

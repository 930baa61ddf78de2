import { sql } from 'kysely'
import type { Logger } from 'pino'
import type { Database } from '../../db/database'
import type { Clock } from '../../kernel/clock'
import { createVtjConnector, vtjPersonsFromRegistry, type VtjConnector } from './index'

/** Registries up to this size are mirrored into the simulator; larger ones (benchmarks) are not. */
const MIRROR_LIMIT = 20_000

/**
 * The population-register connector for this process: the X-Road adapter when HUOMA_VTJ_URL is set, otherwise
 * the simulator, holding the registry's own persons (so refreshes find them) and ~100 persons Huoma does not
 * have yet (so a client can be registered from the register). Either reads the time from `clock` (the request
 * log's and the simulator's "today").
 */
export async function connectVtj(database: Database, logger: Logger, clock: Clock, env: NodeJS.ProcessEnv = process.env): Promise<VtjConnector> {
  if (env.HUOMA_VTJ_URL) {
    const c = createVtjConnector({ env, now: () => clock.now() })
    logger.info({ url: env.HUOMA_VTJ_URL }, 'population register: X-Road adapter')
    return c
  }
  const db = database.db
  // Counted only up to one past the limit: a count of a million-person registry took ~0.3 s of every start.
  const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM (SELECT 1 FROM person WHERE hetu IS NOT NULL LIMIT ${MIRROR_LIMIT + 1}) AS p`.execute(db)
  const count = rows[0]?.n ?? 0
  let persons: ReturnType<typeof vtjPersonsFromRegistry> = []
  if (count <= MIRROR_LIMIT) {
    const [ps, addresses, relations] = await Promise.all([
      db.selectFrom('person').selectAll().where('hetu', 'is not', null).execute(),
      db.selectFrom('person_address').selectAll().execute(),
      db.selectFrom('person_relation').selectAll().execute(),
    ])
    persons = vtjPersonsFromRegistry({ persons: ps.map((p) => ({ ...p, hetu: p.hetu! })), addresses, relations })
  }
  logger.info({ mirrored: persons.length, registry: count <= MIRROR_LIMIT ? count : `over ${MIRROR_LIMIT}` }, 'population register: simulator')
  return createVtjConnector({ env: {}, now: () => clock.now(), simulator: { persons } })
}

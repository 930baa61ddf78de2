import { sql } from 'kysely'
import type { Logger } from 'pino'
import { todayInHelsinki, type IncomeSupportParameters } from '@huoma/domain'
import type { Database } from '../../db/database'
import { KelaSimulator, type SimulatedHousehold } from './simulator'
import type { KelaForwardingClient } from './types'

/** Registries up to this size are mirrored into the simulator (as the VTJ simulator does); larger ones are not. */
const MIRROR_LIMIT = 20_000

/**
 * The Kela forwarding connector of this process. Kela publishes no machine-readable specification of its
 * forwarding interface, so only the simulator exists: it knows the registry's households (as Kela knows the
 * population) and forwards a deterministic share of them every working day. The households are those of `now`'s day
 * (the caller's clock).
 */
export async function connectKela(database: Database, parameters: readonly IncomeSupportParameters[], logger: Logger, now: Date): Promise<KelaForwardingClient> {
  const db = database.db
  // Counted only up to one past the limit (a whole count of a large registry is paid on every start).
  const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM (SELECT 1 FROM person WHERE hetu IS NOT NULL LIMIT ${MIRROR_LIMIT + 1}) AS p`.execute(db)
  const households: SimulatedHousehold[] = []
  if ((rows[0]?.n ?? 0) <= MIRROR_LIMIT) {
    const today = todayInHelsinki(now)
    const members = await db
      .selectFrom('household_member as m')
      .innerJoin('person as p', 'p.id', 'm.person_id')
      .select(['m.household_id', 'p.hetu', 'p.birth_date'])
      .where('p.hetu', 'is not', null)
      .where('p.birth_date', 'is not', null)
      .where('p.death_date', 'is', null)
      .where('p.merged_into', 'is', null)
      .where('m.valid_from', '<=', today)
      .where((eb) => eb.or([eb('m.valid_until', 'is', null), eb('m.valid_until', '>=', today)]))
      .orderBy('m.household_id')
      .orderBy('p.birth_date')
      .execute()
    const adultLimit = `${Number(today.slice(0, 4)) - 18}${today.slice(4)}`
    const byId = new Map<string, SimulatedHousehold>()
    for (const m of members) {
      const h = byId.get(m.household_id) ?? { id: m.household_id, adults: [], children: [] }
      byId.set(m.household_id, h)
      const who = { hetu: m.hetu!, birthDate: m.birth_date! }
      if (m.birth_date! <= adultLimit) {
        if (h.adults.length < 2) h.adults.push(who)
      } else h.children.push(who)
    }
    households.push(...byId.values())
  }
  logger.info({ households: households.length }, 'Kela forwarding: simulator')
  return new KelaSimulator({ households, parameters })
}

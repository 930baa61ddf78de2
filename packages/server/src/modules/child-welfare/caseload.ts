import type { Caseload } from '@huoma/contract'
import { caseloadMaximum, type LocalDate } from '@huoma/domain'
import { sql, type Kysely } from 'kysely'
import type { Database } from '../../db/database'
import type { DB } from '../../db/schema'
import type { Lang } from '../../http/language'
import { RESPONSIBLE_ROLES, SERVICE_TASK } from './notifications'
import { liveGrants } from '../../kernel/units'

// eslint-disable-next-line no-restricted-syntax -- counts of children per worker only: no client's data is read or returned
export const caseloadDb = (app: { database: Database }): Kysely<DB> => app.database.db

/**
 * The caseload of the responsible social workers of the supervisor's units (LSL 13 b §): the children whose
 * responsible worker in child welfare each is today, against the statutory maximum of the day. Counts only.
 */
export async function caseload(trx: Kysely<DB>, units: readonly string[], o: { today: LocalDate; lang: Lang }): Promise<Caseload> {
  const maximum = caseloadMaximum(o.today)
  if (!units.length) return { today: o.today, maximum, workers: [] }
  const rows = await liveGrants(trx, { unitIds: units, serviceTask: SERVICE_TASK, roles: RESPONSIBLE_ROLES, on: o.today })
    .innerJoin('unit as un', 'un.id', 'g.unit_id')
    .select(['u.id', 'u.display_name', 'un.name_fi', 'un.name_sv'])
    .select(
      sql<string>`(SELECT count(DISTINCT r.person_id) FROM client_relationship r
        WHERE r.user_id = u.id AND r.service_task = ${SERVICE_TASK} AND r.kind = 'responsible'
          AND r.start_date <= ${o.today} AND (r.end_date IS NULL OR r.end_date >= ${o.today}))`.as('children'),
    )
    .orderBy('u.display_name')
    .execute()
  const seen = new Set<string>()
  const workers = rows
    .filter((r) => (seen.has(r.id) ? false : (seen.add(r.id), true)))
    .map((r) => {
      const children = Number(r.children)
      return { userId: r.id, name: r.display_name, unitName: o.lang === 'sv' ? r.name_sv : r.name_fi, children, over: maximum !== null && children > maximum }
    })
    .sort((a, b) => b.children - a.children || a.name.localeCompare(b.name, 'fi'))
  return { today: o.today, maximum, workers }
}

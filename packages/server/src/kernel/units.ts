import type { Executor } from '../access/audit'
import type { Lang } from '../http/language'

/** Units (offices) of the given ids with their names in the language, in code order: organisation data, no client data. */
export async function unitNames(trx: Executor, unitIds: readonly string[], lang: Lang): Promise<{ id: string; name: string }[]> {
  if (!unitIds.length) return []
  const rows = await trx.selectFrom('unit').select(['id', 'name_fi', 'name_sv']).where('id', 'in', [...unitIds]).orderBy('code').execute()
  return rows.map((u) => ({ id: u.id, name: lang === 'sv' ? u.name_sv : u.name_fi }))
}

export interface LiveGrantFilter {
  unitIds: readonly string[]
  serviceTask: string
  roles: readonly string[]
  on: string
  qualification?: string
}

/**
 * The live grants — not ended, valid on the day, of an active user — in the units with one of the roles, covering the
 * service task, and, when asked, of users with the professional qualification: the base of who may take a matter,
 * be named its responsible worker, or be counted in a caseload. Selects nothing yet (the caller picks columns).
 */
export function liveGrants(trx: Executor, g: LiveGrantFilter) {
  return trx
    .selectFrom('staff_grant as g')
    .innerJoin('staff_user as u', 'u.id', 'g.user_id')
    .where('g.unit_id', 'in', [...g.unitIds])
    .where('u.active', '=', true)
    .$if(g.qualification !== undefined, (q) => q.where('u.qualification', '=', g.qualification as never))
    .where('g.ended_at', 'is', null)
    .where('g.role_code', 'in', [...g.roles])
    .where((eb) => eb(eb.val(g.serviceTask), '=', eb.fn.any('g.service_tasks')))
    .where('g.valid_from', '<=', g.on)
    .where((eb) => eb.or([eb('g.valid_until', 'is', null), eb('g.valid_until', '>=', g.on)]))
}

/** Whether a user holds a live grant (see liveGrants) in the unit: who may take a matter or be its responsible worker. */
export async function hasLiveGrant(
  trx: Executor,
  g: { userId: string; unitId: string; serviceTask: string; roles: readonly string[]; on: string; qualification?: string },
): Promise<boolean> {
  const row = await liveGrants(trx, { ...g, unitIds: [g.unitId] }).select('g.id').where('g.user_id', '=', g.userId).executeTakeFirst()
  return !!row
}

/** The users holding a live grant (see liveGrants) in each of the units, by name: whom a worker may choose. */
export async function liveGrantHolders(trx: Executor, g: LiveGrantFilter, lang: Lang): Promise<{ userId: string; name: string; unitId: string; unitName: string }[]> {
  if (!g.unitIds.length) return []
  const rows = await liveGrants(trx, g)
    .innerJoin('unit as un', 'un.id', 'g.unit_id')
    .select(['u.id', 'u.display_name', 'un.id as unit_id', 'un.name_fi', 'un.name_sv'])
    .distinct()
    .orderBy('u.display_name')
    .orderBy('un.id')
    .execute()
  return rows.map((r) => ({ userId: r.id, name: r.display_name, unitId: r.unit_id, unitName: lang === 'sv' ? r.name_sv : r.name_fi }))
}

import type { Executor } from '../access/audit'
import type { Lang } from '../http/language'

/** Units (offices) of the given ids with their names in the language, in code order: organisation data, no client data. */
export async function unitNames(trx: Executor, unitIds: readonly string[], lang: Lang): Promise<{ id: string; name: string }[]> {
  if (!unitIds.length) return []
  const rows = await trx.selectFrom('unit').select(['id', 'name_fi', 'name_sv']).where('id', 'in', [...unitIds]).orderBy('code').execute()
  return rows.map((u) => ({ id: u.id, name: lang === 'sv' ? u.name_sv : u.name_fi }))
}

/**
 * Whether a user (active) holds a live grant — not ended, valid on the day — in the unit with one of the roles,
 * covering the service task, and, when asked, the professional qualification: who may take a matter or be named its
 * responsible worker.
 */
export async function hasLiveGrant(
  trx: Executor,
  g: { userId: string; unitId: string; serviceTask: string; roles: readonly string[]; on: string; qualification?: string },
): Promise<boolean> {
  const row = await trx
    .selectFrom('staff_grant as g')
    .innerJoin('staff_user as u', 'u.id', 'g.user_id')
    .select('g.id')
    .where('g.user_id', '=', g.userId)
    .where('g.unit_id', '=', g.unitId)
    .where('u.active', '=', true)
    .$if(g.qualification !== undefined, (q) => q.where('u.qualification', '=', g.qualification as never))
    .where('g.ended_at', 'is', null)
    .where('g.role_code', 'in', [...g.roles])
    .where((eb) => eb(eb.val(g.serviceTask), '=', eb.fn.any('g.service_tasks')))
    .where('g.valid_from', '<=', g.on)
    .where((eb) => eb.or([eb('g.valid_until', 'is', null), eb('g.valid_until', '>=', g.on)]))
    .executeTakeFirst()
  return !!row
}

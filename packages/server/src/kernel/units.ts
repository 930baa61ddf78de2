import type { Executor } from '../access/audit'
import type { Lang } from '../http/language'

/** Units (offices) of the given ids with their names in the language, in code order: organisation data, no client data. */
export async function unitNames(trx: Executor, unitIds: readonly string[], lang: Lang): Promise<{ id: string; name: string }[]> {
  if (!unitIds.length) return []
  const rows = await trx.selectFrom('unit').select(['id', 'name_fi', 'name_sv']).where('id', 'in', [...unitIds]).orderBy('code').execute()
  return rows.map((u) => ({ id: u.id, name: lang === 'sv' ? u.name_sv : u.name_fi }))
}

import type { Executor } from '../../access/audit'
// the kernel's tables in the database type (declaration merging)
import type {} from '../../kernel/schema'

/** The names of the user's units, for the unit filter (organisation data). */
export async function unitNames(trx: Executor, unitIds: readonly string[], lang: 'fi' | 'sv' | 'en'): Promise<{ id: string; name: string }[]> {
  if (!unitIds.length) return []
  const rows = await trx.selectFrom('unit').select(['id', 'name_fi', 'name_sv']).where('id', 'in', [...unitIds]).where('active', '=', true).orderBy('name_fi').execute()
  return rows.map((u) => ({ id: u.id, name: lang === 'sv' ? u.name_sv : u.name_fi }))
}


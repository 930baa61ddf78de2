import type { SortOrder } from '@huoma/contract'
import { sql, type RawBuilder } from 'kysely'

/**
 * The server half of the paged, sorted lists (`@huoma/contract` `pageQueryFields` / `PageFields`): a list's query
 * terms with the list's defaults filled in. The list orders by its key and then by a unique column, so pages never
 * overlap or skip a row, and counts the rows matching its filters for `total`.
 */
export interface PageRequest<K extends string> {
  offset: number
  limit: number
  sort: K
  order: SortOrder
}

export function pageRequest<K extends string>(
  q: { offset?: number | undefined; limit?: number | undefined; sort?: K | undefined; order?: SortOrder | undefined },
  defaults: { sort: K; limit: number; order?: SortOrder },
): PageRequest<K> {
  return { offset: q.offset ?? 0, limit: q.limit ?? defaults.limit, sort: q.sort ?? defaults.sort, order: q.order ?? defaults.order ?? 'asc' }
}

/**
 * A name as a sort key in Finnish alphabetical order without ICU (PGlite has none): lower case, compared byte by
 * byte, with å, ä and ö after z in that order (`{`, `|`, `}` follow `z` in ASCII; æ as ä and ø as ö), ü as y, and
 * the other letters with diacritics as their base letter (õ as o, š as s), as `Intl.Collator('fi')` orders them.
 */
export function finnishSortKey(expression: RawBuilder<string>): RawBuilder<string> {
  return sql<string>`(translate(lower(${expression}), ${FOLD_FROM}, ${FOLD_TO}) COLLATE "C")`
}

const FOLD_FROM = 'åäöæøáàâãéèêëíìîïóòôõúùûüýÿñçšž'
const FOLD_TO = '{|}|}aaaaeeeeiiiioooouuuyyyncsz'

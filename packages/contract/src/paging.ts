import Type, { type Static } from 'typebox'

/*
 * Paged, sorted lists: the one shape every list that can outgrow a screen takes (issue 14). The query names an
 * offset, a page size, a sort key of the list's own and a direction; the answer carries the page's position and the
 * total after the filters, so the client can say "101–134 of 134" and never cuts a list silently. Offset paging: the
 * lists it serves are worklists of hundreds, not millions, and the user jumps to a page.
 */

export const SortOrder = Type.Union([Type.Literal('asc'), Type.Literal('desc')])
export type SortOrder = Static<typeof SortOrder>

/** The largest page any list gives. */
export const MAX_PAGE_SIZE = 500

/** The paging and sorting terms of a list's query, with the list's sort keys (the first is the default). */
export function pageQueryFields<const K extends readonly [string, ...string[]]>(sortKeys: K) {
  return {
    /** rows to skip (0: the first page) */
    offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000 })),
    /** rows on the page */
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_PAGE_SIZE })),
    /** the sort key; each list states its default (one key: a constant, not a union of one) */
    sort: Type.Optional(Type.Unsafe<K[number]>(sortKeys.length === 1 ? Type.Literal(sortKeys[0]) : Type.Union(sortKeys.map((k) => Type.Literal(k))))),
    order: Type.Optional(SortOrder),
  }
}

/** Where the page stands: spread into a list's answer beside its `items`. */
export const PageFields = {
  offset: Type.Integer({ minimum: 0 }),
  limit: Type.Integer({ minimum: 1 }),
  /** rows matching the filters, over all pages */
  total: Type.Integer({ minimum: 0 }),
}

export interface PageInfo {
  offset: number
  limit: number
  total: number
}

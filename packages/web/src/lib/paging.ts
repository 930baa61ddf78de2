import { useSearchParams } from 'react-router'

/**
 * A paged, sorted, filtered list's state in the address (`?sort=name&order=desc&offset=100&state=received`), so a
 * reload, a link and the back button keep the page. Changing the sort or a filter returns to the first page. The
 * server half is `kernel/paging.ts`, the contract's `pageQueryFields` / `PageFields` their common shape.
 */
export type SortOrder = 'asc' | 'desc'

export interface PagedListState<K extends string> {
  offset: number
  sort: K
  order: SortOrder
  /** a filter's value in the address; '' when it is not set */
  filter(name: string): string
  setOffset(offset: number): void
  /** sorts by the key; the same key again turns the order */
  setSort(key: K): void
  setFilter(name: string, value: string): void
  /** the terms to send: only those that differ from the list's defaults */
  query: { offset?: number; sort?: K; order?: SortOrder }
}

export function usePagedList<K extends string>(sortKeys: readonly K[], defaults: { sort: K; order?: SortOrder }): PagedListState<K> {
  const [params, setParams] = useSearchParams()
  const parsed = Number.parseInt(params.get('offset') ?? '', 10)
  const offset = Number.isFinite(parsed) && parsed > 0 ? parsed : 0
  const asked = params.get('sort')
  const sort = (sortKeys as readonly (string | null)[]).includes(asked) ? (asked as K) : defaults.sort
  const defaultOrder = defaults.order ?? 'asc'
  const orderParam = params.get('order')
  const order: SortOrder = orderParam === 'asc' || orderParam === 'desc' ? orderParam : defaultOrder
  const update = (changes: Record<string, string | undefined>, keepOffset: boolean) => {
    const next = new URLSearchParams(params)
    for (const [name, value] of Object.entries(changes)) {
      if (value) next.set(name, value)
      else next.delete(name)
    }
    if (!keepOffset) next.delete('offset')
    setParams(next)
  }
  return {
    offset,
    sort,
    order,
    filter: (name) => params.get(name) ?? '',
    setOffset: (o) => update({ offset: o > 0 ? String(o) : undefined }, true),
    setSort: (key) => {
      const nextOrder: SortOrder = key === sort ? (order === 'asc' ? 'desc' : 'asc') : 'asc'
      update({ sort: key === defaults.sort && nextOrder === defaultOrder ? undefined : key, order: nextOrder === defaultOrder ? undefined : nextOrder }, false)
    },
    setFilter: (name, value) => update({ [name]: value || undefined }, false),
    query: {
      ...(offset ? { offset } : {}),
      ...(sort !== defaults.sort ? { sort } : {}),
      ...(order !== defaultOrder ? { order } : {}),
    },
  }
}

import { useTranslation } from 'react-i18next'

/**
 * Paging under a list: where the page stands ("Näytetään 101–134 / 134"), and the previous and next pages. A list
 * never stops silently at a page: the total is always said.
 */
export function Pager({ offset, limit, total, onOffset }: { offset: number; limit: number; total: number; onOffset: (offset: number) => void }) {
  const { t } = useTranslation()
  if (total === 0) return null
  const from = Math.min(offset + 1, total)
  const to = Math.min(offset + limit, total)
  const pages = Math.max(1, Math.ceil(total / limit))
  const page = Math.min(pages, Math.floor(offset / limit) + 1)
  return (
    <nav className="pager" aria-label={t('common.paging.label')}>
      <button type="button" className="button" disabled={offset === 0} onClick={() => onOffset(Math.max(0, Math.min(offset, total) - limit))}>
        {t('common.paging.previous')}
      </button>
      <span className="pager-position">
        {t('common.paging.shown', { from, to, total })} · {t('common.paging.page', { page, pages })}
      </span>
      <button type="button" className="button" disabled={offset + limit >= total} onClick={() => onOffset(offset + limit)}>
        {t('common.paging.next')}
      </button>
    </nav>
  )
}

/** A column header that sorts the list by its key; `aria-sort` says the current order to screen readers. */
export function SortableHeader<K extends string>({ column, label, sort, order, onSort }: { column: K; label: string; sort: K; order: 'asc' | 'desc'; onSort: (column: K) => void }) {
  const active = sort === column
  return (
    <th scope="col" aria-sort={active ? (order === 'asc' ? 'ascending' : 'descending') : undefined}>
      <button type="button" className="button-link" onClick={() => onSort(column)}>
        {label}
        <span aria-hidden="true">{active ? (order === 'asc' ? ' ▲' : ' ▼') : ''}</span>
      </button>
    </th>
  )
}

import { WORKLIST_SORTS, type ApplicationListItem, type KelaImportResult, type Worklist, type WorklistSort } from '@huoma/contract'
import { useEffect, useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useNavigate, useSearchParams } from 'react-router'
import { describeError, type ErrorText } from '../../api/client'
import { ErrorAlert } from '../../components/Alert'
import { Page } from '../../components/Page'
import { Pager, SortableHeader } from '../../components/Pager'
import { usePagedList, type PagedListState } from '../../lib/paging'
import { can, useUser } from '../../session/context'
import { fetchFromKela, fetchWorklist, takeApplication, type WorklistScope, type WorklistTerms } from './api'
import { isLabel } from './labels'
import './income-support.css'
import { formatDate } from '../../lib/format'

const SCOPES: readonly WorklistScope[] = ['mine', 'queue', 'all']
const isScope = (value: string | null): value is WorklistScope => (SCOPES as readonly (string | null)[]).includes(value)

type Load = { status: 'loading' } | { status: 'done'; worklist: Worklist } | { status: 'error'; error: ErrorText }

/**
 * Toimeentulotuen työlista: the benefit handler's open applications by deadline, own or the unit's queue. The scope
 * lives in the address (`?scope=queue`). Overdue applications are marked with words and colour, not colour alone.
 */
export function WorklistPage() {
  const { t } = useTranslation()
  const user = useUser()
  const navigate = useNavigate()
  const [params, setParams] = useSearchParams()
  const scope: WorklistScope = isScope(params.get('scope')) ? (params.get('scope') as WorklistScope) : 'mine'
  const [round, setRound] = useState(0)
  const [load, setLoad] = useState<{ key: string; state: Load }>()
  const [imported, setImported] = useState<KelaImportResult>()
  const [fetching, setFetching] = useState(false)
  const [actionError, setActionError] = useState<ErrorText>()
  const [taking, setTaking] = useState<string>()
  const list = usePagedList<WorklistSort>(WORKLIST_SORTS, { sort: 'deadline' })
  const stateFilter = list.filter('state')
  const handlerFilter = list.filter('handler')
  const overdueOnly = list.filter('overdue') === 'true'
  const terms: WorklistTerms = {
    ...list.query,
    ...(stateFilter === 'received' || stateFilter === 'in_preparation' ? { state: stateFilter } : {}),
    ...(handlerFilter ? { handler: handlerFilter } : {}),
    ...(overdueOnly ? { overdue: true } : {}),
  }
  const termsKey = JSON.stringify(terms)
  // the previous page stays on screen while the next loads, so paging does not jump
  const [shown, setShown] = useState<Worklist>()
  const key = `${scope} ${round} ${termsKey}`

  useEffect(() => {
    const controller = new AbortController()
    fetchWorklist(scope, controller.signal, JSON.parse(termsKey) as WorklistTerms).then(
      (worklist) => {
        setShown(worklist)
        setLoad({ key, state: { status: 'done', worklist } })
      },
      (failure: unknown) => {
        if (!controller.signal.aborted) setLoad({ key, state: { status: 'error', error: describeError(failure) } })
      },
    )
    return () => controller.abort()
  }, [scope, key, termsKey])


  const state: Load = load?.key === key ? load.state : { status: 'loading' }

  async function fetchKela() {
    setFetching(true)
    setActionError(undefined)
    setImported(undefined)
    try {
      setImported(await fetchFromKela())
      setRound((n) => n + 1)
    } catch (failure) {
      setActionError(describeError(failure))
    } finally {
      setFetching(false)
    }
  }

  async function take(item: ApplicationListItem) {
    setTaking(item.id)
    setActionError(undefined)
    try {
      await takeApplication(item)
      void navigate(`/persons/${item.personId}/income-support/${item.id}`)
    } catch (failure) {
      setActionError(describeError(failure))
      setTaking(undefined)
      setRound((n) => n + 1)
    }
  }

  return (
    <Page title={t('incomeSupport.worklist.title')}>
      <p className="lead">{t('incomeSupport.worklist.intro')}</p>
      <div className="is-toolbar">
        <fieldset className="is-scopes">
          <legend className="visually-hidden">{t('incomeSupport.worklist.scopeLabel')}</legend>
          {SCOPES.map((s) => (
            <button
              key={s}
              type="button"
              className={s === scope ? 'button button-primary' : 'button'}
              aria-pressed={s === scope}
              onClick={() => setParams(new URLSearchParams({ scope: s }))}
            >
              {t(`incomeSupport.worklist.scopes.${s}`)}
            </button>
          ))}
        </fieldset>
        {can(user, 'income-support:kela-import') && (
          <button type="button" className="button" onClick={() => void fetchKela()} disabled={fetching}>
            {fetching ? t('incomeSupport.worklist.kelaFetching') : t('incomeSupport.worklist.kelaFetch')}
          </button>
        )}
        {can(user, 'income-support:parameters') && <Link to="/income-support/parameters">{t('incomeSupport.worklist.parametersLink')}</Link>}
      </div>
      <div role="status" className="status-region">
        {imported && <KelaResult result={imported} />}
      </div>
      <ErrorAlert error={actionError} />
      <ErrorAlert error={state.status === 'error' ? state.error : undefined} />
      <WorklistFilters list={list} handlers={shown?.handlers ?? []} stateFilter={stateFilter} handlerFilter={handlerFilter} overdueOnly={overdueOnly} />
      {state.status === 'loading' && !shown && <p className="muted">{t('incomeSupport.loading')}</p>}
      {state.status === 'loading' && shown && (
        <p className="muted" role="status">
          {t('incomeSupport.loading')}
        </p>
      )}
      {(state.status === 'done' || (state.status === 'loading' && shown)) && (
        <WorklistTable
          worklist={state.status === 'done' ? state.worklist : shown!}
          scope={scope}
          filtered={Boolean(stateFilter || handlerFilter || overdueOnly)}
          list={list}
          taking={taking}
          onTake={(item) => void take(item)}
          mayTake={can(user, 'income-support:assign')}
        />
      )}
    </Page>
  )
}

function KelaResult({ result }: { result: KelaImportResult }) {
  const { t } = useTranslation()
  return (
    <div className="notice">
      <p>{t('incomeSupport.worklist.kelaResult', { imported: result.imported, already: result.alreadyImported, refused: result.refused.length })}</p>
      {result.refused.length > 0 && (
        <ul>
          {result.refused.map((r) => (
            <li key={r.kelaCaseRef}>
              {r.kelaCaseRef}: {r.reason}
            </li>
          ))}
        </ul>
      )}
    </div>
  )
}

function WorklistFilters({
  list,
  handlers,
  stateFilter,
  handlerFilter,
  overdueOnly,
}: {
  list: PagedListState<WorklistSort>
  handlers: Worklist['handlers']
  stateFilter: string
  handlerFilter: string
  overdueOnly: boolean
}) {
  const { t } = useTranslation()
  const id = useId()
  return (
    <fieldset className="is-filters">
      <legend className="visually-hidden">{t('incomeSupport.worklist.filters.label')}</legend>
      <label htmlFor={`${id}-state`}>{t('incomeSupport.worklist.filters.state')}</label>
      <select id={`${id}-state`} value={stateFilter} onChange={(e) => list.setFilter('state', e.target.value)}>
        <option value="">{t('incomeSupport.worklist.filters.stateAll')}</option>
        <option value="received">{isLabel(t, 'states', 'received')}</option>
        <option value="in_preparation">{isLabel(t, 'states', 'in_preparation')}</option>
      </select>
      <label htmlFor={`${id}-handler`}>{t('incomeSupport.worklist.filters.handler')}</label>
      <select id={`${id}-handler`} value={handlerFilter} onChange={(e) => list.setFilter('handler', e.target.value)}>
        <option value="">{t('incomeSupport.worklist.filters.handlerAll')}</option>
        <option value="none">{t('incomeSupport.worklist.filters.handlerNone')}</option>
        {handlers.map((h) => (
          <option key={h.id} value={h.id}>
            {h.name}
          </option>
        ))}
      </select>
      <label>
        <input type="checkbox" checked={overdueOnly} onChange={(e) => list.setFilter('overdue', e.target.checked ? 'true' : '')} /> {t('incomeSupport.worklist.filters.overdue')}
      </label>
    </fieldset>
  )
}

interface TableProps {
  worklist: Worklist
  scope: WorklistScope
  filtered: boolean
  list: PagedListState<WorklistSort>
  taking: string | undefined
  mayTake: boolean
  onTake: (item: ApplicationListItem) => void
}

/** The applications as a table in the server's order (deadline first unless another column is chosen), a page at a time. */
export function WorklistTable({ worklist, scope, filtered, list, taking, mayTake, onTake }: TableProps) {
  const { t } = useTranslation()
  const id = useId()
  if (worklist.total === 0) return <p className="muted">{filtered ? t('incomeSupport.worklist.noMatch') : t(`incomeSupport.worklist.empty.${scope}`)}</p>
  const sortable = (column: WorklistSort, label: string) => <SortableHeader column={column} label={label} sort={list.sort} order={list.order} onSort={list.setSort} />
  return (
    <section aria-labelledby={`${id}-caption`}>
      <p id={`${id}-caption`} className="is-summary">
        {t('incomeSupport.worklist.summary', { shown: worklist.items.length, total: worklist.total, overdue: worklist.overdueCount, today: formatDate(worklist.today) })}
      </p>
      <div className="table-scroll" role="region" aria-labelledby={`${id}-caption`} tabIndex={0}>
        <table className="is-worklist">
          <thead>
            <tr>
              {sortable('deadline', t('incomeSupport.worklist.deadline'))}
              {sortable('name', t('incomeSupport.worklist.applicant'))}
              <th scope="col">{t('incomeSupport.worklist.number')}</th>
              {sortable('received', t('incomeSupport.worklist.received'))}
              <th scope="col">{t('incomeSupport.worklist.markers')}</th>
              {sortable('state', t('incomeSupport.worklist.state'))}
              <th scope="col">{t('incomeSupport.worklist.handler')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('incomeSupport.worklist.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {worklist.items.map((item) => (
              <tr key={item.id} className={item.overdue ? 'is-row-overdue' : undefined}>
                <td>
                  <span className="is-deadline">{formatDate(item.dueOn)}</span>{' '}
                  {item.overdue ? (
                    <span className="badge badge-danger">{t('incomeSupport.overdue')}</span>
                  ) : null}
                  <span className="is-days">
                    {item.overdue
                      ? t('incomeSupport.worklist.daysOverdue', { count: -item.workingDaysLeft })
                      : t('incomeSupport.worklist.daysLeft', { count: item.workingDaysLeft })}
                  </span>
                </td>
                <td>
                  {item.handler ? <Link to={`/persons/${item.personId}/income-support/${item.id}`}>{item.applicantName}</Link> : item.applicantName}
                  <span className="is-members">{t('incomeSupport.worklist.members', { count: item.memberCount })}</span>
                </td>
                <td className="num">{item.number}</td>
                <td>{formatDate(item.receivedOn)}</td>
                <td>
                  {item.urgent && <span className="badge badge-warning">{t('incomeSupport.urgent')}</span>}
                  {item.channel === 'kela' && <span className="badge badge-info">{t('incomeSupport.kelaForwarded')}</span>}
                  {item.completionPending && <span className="badge badge-muted">{t('incomeSupport.completionPending')}</span>}
                </td>
                <td>{isLabel(t, 'states', item.state)}</td>
                <td>{item.handler?.name ?? <span className="muted">{t('incomeSupport.worklist.inQueue', { unit: item.unitName })}</span>}</td>
                <td>
                  {!item.handler && mayTake && (
                    <button
                      type="button"
                      className="button button-small"
                      disabled={taking !== undefined}
                      aria-label={t('incomeSupport.worklist.takeLabel', { name: item.applicantName, number: item.number })}
                      onClick={() => onTake(item)}
                    >
                      {taking === item.id ? t('incomeSupport.worklist.taking') : t('incomeSupport.worklist.take')}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Pager offset={worklist.offset} limit={worklist.limit} total={worklist.total} onOffset={list.setOffset} />
    </section>
  )
}

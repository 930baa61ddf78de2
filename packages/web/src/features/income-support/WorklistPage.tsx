import type { ApplicationListItem, KelaImportResult, Worklist } from '@huoma/contract'
import { useEffect, useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useNavigate, useSearchParams } from 'react-router'
import { describeError, type ErrorText } from '../../api/client'
import { ErrorAlert } from '../../components/Alert'
import { Page } from '../../components/Page'
import { can, useUser } from '../../session/context'
import { fetchFromKela, fetchWorklist, takeApplication, type WorklistScope } from './api'
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
  const key = `${scope} ${round}`

  useEffect(() => {
    const controller = new AbortController()
    fetchWorklist(scope, controller.signal).then(
      (worklist) => setLoad({ key, state: { status: 'done', worklist } }),
      (failure: unknown) => {
        if (!controller.signal.aborted) setLoad({ key, state: { status: 'error', error: describeError(failure) } })
      },
    )
    return () => controller.abort()
  }, [scope, key])

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
      {state.status === 'loading' && <p className="muted">{t('incomeSupport.loading')}</p>}
      {state.status === 'done' && <WorklistTable worklist={state.worklist} scope={scope} taking={taking} onTake={(item) => void take(item)} mayTake={can(user, 'income-support:assign')} />}
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

interface TableProps {
  worklist: Worklist
  scope: WorklistScope
  taking: string | undefined
  mayTake: boolean
  onTake: (item: ApplicationListItem) => void
}

/** The applications as a table ordered by deadline (the server's order). */
export function WorklistTable({ worklist, scope, taking, mayTake, onTake }: TableProps) {
  const { t } = useTranslation()
  const id = useId()
  if (worklist.items.length === 0) return <p className="muted">{t(`incomeSupport.worklist.empty.${scope}`)}</p>
  return (
    <section aria-labelledby={`${id}-caption`}>
      <p id={`${id}-caption`} className="is-summary">
        {t('incomeSupport.worklist.summary', { shown: worklist.items.length, total: worklist.total, overdue: worklist.overdueCount, today: formatDate(worklist.today) })}
      </p>
      <div className="table-scroll" role="region" aria-labelledby={`${id}-caption`} tabIndex={0}>
        <table className="is-worklist">
          <thead>
            <tr>
              <th scope="col">{t('incomeSupport.worklist.deadline')}</th>
              <th scope="col">{t('incomeSupport.worklist.applicant')}</th>
              <th scope="col">{t('incomeSupport.worklist.number')}</th>
              <th scope="col">{t('incomeSupport.worklist.received')}</th>
              <th scope="col">{t('incomeSupport.worklist.markers')}</th>
              <th scope="col">{t('incomeSupport.worklist.state')}</th>
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
                    <span className="badge is-badge-overdue">{t('incomeSupport.overdue')}</span>
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
                  {item.urgent && <span className="badge is-badge-urgent">{t('incomeSupport.urgent')}</span>}
                  {item.channel === 'kela' && <span className="badge is-badge-kela">{t('incomeSupport.kelaForwarded')}</span>}
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
    </section>
  )
}

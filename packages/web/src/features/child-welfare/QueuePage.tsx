import { childWelfareEndpoints as ep, type NotificationQueue, type NotificationQueueItem } from '@huoma/contract'
import { useId } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useSearchParams } from 'react-router'
import { useEndpoint } from '../../api/endpoint'
import { ErrorAlert } from '../../components/Alert'
import { Page } from '../../components/Page'
import { formatDate, formatDateTime } from '../../lib/format'
import { can, useUser } from '../../session/context'
import { DeadlineDays, deadlineKindName, StandingBadge, UrgencyBadge } from './display'
import './child-welfare.css'

const STATES = ['open', 'closed', 'all'] as const
type QueueState = (typeof STATES)[number]
const isState = (value: string | null): value is QueueState => (STATES as readonly (string | null)[]).includes(value)

/** Rows on a page of the queue. */
export const PAGE_SIZE = 50

/**
 * Lastensuojeluilmoitukset (/child-welfare/notifications, action `child-welfare:notifications`): the intake queue of
 * the user's child welfare units — unassessed first, then the urgent and by the nearest deadline (the server's
 * order) — or the register's closed ones, a page at a time. The state and the page live in the address
 * (`?state=closed&offset=50`), so that coming back from a notification returns to the same list.
 */
export function QueuePage() {
  const { t } = useTranslation()
  const user = useUser()
  const [params, setParams] = useSearchParams()
  const state: QueueState = isState(params.get('state')) ? (params.get('state') as QueueState) : 'open'
  const offset = Math.max(0, Number.parseInt(params.get('offset') ?? '0', 10) || 0)
  const queue = useEndpoint(ep['childWelfare.queue'], { query: { state, limit: PAGE_SIZE, ...(offset ? { offset } : {}) } })

  const go = (next: { state?: QueueState; offset?: number }) => {
    const search = new URLSearchParams()
    const s = next.state ?? state
    if (s !== 'open') search.set('state', s)
    const o = next.offset ?? 0
    if (o > 0) search.set('offset', String(o))
    setParams(search)
  }

  return (
    <Page title={t('childWelfare.queue.title')}>
      <p className="lead">{t('childWelfare.queue.intro')}</p>
      <div className="cw-toolbar">
        <fieldset className="cw-states">
          <legend>{t('childWelfare.queue.stateLabel')}</legend>
          {STATES.map((s) => (
            <button key={s} type="button" className={s === state ? 'button button-primary' : 'button'} aria-pressed={s === state} onClick={() => go({ state: s })}>
              {t(`childWelfare.queue.states.${s}`)}
            </button>
          ))}
        </fieldset>
        {can(user, 'child-welfare:register') && (
          <Link className="button button-primary" to="/child-welfare/notifications/new">
            {t('childWelfare.queue.register')}
          </Link>
        )}
      </div>
      {queue.status === 'loading' && <p role="status">{t('childWelfare.loading')}</p>}
      <ErrorAlert error={queue.status === 'error' ? queue.error : undefined} />
      {queue.status === 'success' && <QueueTable queue={queue.data} state={state} offset={offset} onPage={(o) => go({ offset: o })} />}
    </Page>
  )
}

function QueueTable({ queue, state, offset, onPage }: { queue: NotificationQueue; state: QueueState; offset: number; onPage: (offset: number) => void }) {
  const { t } = useTranslation()
  const id = useId()
  const summary = (
    <p role="status">
      {t('childWelfare.queue.summary', { count: queue.total, unassessed: queue.unassessed, overdue: queue.overdue })}{' '}
      {queue.items.length > 0 && queue.items.length < queue.total && t('childWelfare.queue.shown', { from: offset + 1, to: offset + queue.items.length, total: queue.total })}
    </p>
  )
  if (queue.items.length === 0) {
    return (
      <>
        {summary}
        <p>{t(`childWelfare.queue.empty.${state}`)}</p>
        {offset > 0 && <Pager offset={offset} shown={0} total={queue.total} onPage={onPage} />}
      </>
    )
  }
  return (
    <>
      {summary}
      <div className="table-scroll" role="region" aria-labelledby={`${id}-caption`} tabIndex={0}>
        <table className="cw-queue">
          <caption id={`${id}-caption`}>{t('childWelfare.queue.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('childWelfare.queue.columns.receipt')}</th>
              <th scope="col">{t('childWelfare.queue.columns.received')}</th>
              <th scope="col">{t('childWelfare.queue.columns.kind')}</th>
              <th scope="col">{t('childWelfare.queue.columns.reporter')}</th>
              <th scope="col">{t('childWelfare.queue.columns.children')}</th>
              <th scope="col">{t('childWelfare.queue.columns.urgency')}</th>
              <th scope="col">{t('childWelfare.queue.columns.deadline')}</th>
              {state !== 'open' && <th scope="col">{t('childWelfare.queue.columns.state')}</th>}
            </tr>
          </thead>
          <tbody>
            {queue.items.map((item) => (
              <Row key={item.id} item={item} showState={state !== 'open'} />
            ))}
          </tbody>
        </table>
      </div>
      <Pager offset={offset} shown={queue.items.length} total={queue.total} onPage={onPage} />
    </>
  )
}

function Row({ item, showState }: { item: NotificationQueueItem; showState: boolean }) {
  const { t } = useTranslation()
  const next = item.nextDeadline
  const overdue = next?.standing === 'overdue'
  return (
    <tr className={overdue ? 'cw-row-overdue' : undefined}>
      <th scope="row" className="cw-nowrap">
        <Link to={`/child-welfare/notifications/${item.id}`}>{item.receipt}</Link>
      </th>
      <td className="cw-nowrap">{formatDateTime(item.receivedAt)}</td>
      <td>{t(`childWelfare.kinds.${item.kind}`)}</td>
      <td>{t(`childWelfare.reporterTypes.${item.reporterType}`)}</td>
      <td>
        <ul className="cw-names">
          {item.children.map((child, i) => (
            <li key={`${i} ${child.name}`}>
              {child.name}
              {!child.identified && <span className="cw-muted"> ({t('childWelfare.queue.notIdentified')})</span>}
            </li>
          ))}
        </ul>
      </td>
      <td>
        <UrgencyBadge urgency={item.urgency} />
      </td>
      <td>
        {next ? (
          <>
            <span className="cw-deadline-kind">{deadlineKindName(t, next.kind)}</span> <span className="cw-nowrap">{formatDate(next.dueOn)}</span>{' '}
            <StandingBadge standing={next.standing} /> <DeadlineDays info={next} />
          </>
        ) : (
          <span className="cw-muted">{t('childWelfare.queue.noDeadline')}</span>
        )}
      </td>
      {showState && <td>{t(`childWelfare.queue.rowStates.${item.state}`)}</td>}
    </tr>
  )
}

function Pager({ offset, shown, total, onPage }: { offset: number; shown: number; total: number; onPage: (offset: number) => void }) {
  const { t } = useTranslation()
  const hasPrevious = offset > 0
  const hasNext = offset + shown < total
  if (!hasPrevious && !hasNext) return null
  return (
    <nav className="button-row" aria-label={t('childWelfare.queue.pages')}>
      <button type="button" className="button" disabled={!hasPrevious} onClick={() => onPage(Math.max(0, offset - PAGE_SIZE))}>
        {t('childWelfare.queue.previous')}
      </button>
      <button type="button" className="button" disabled={!hasNext} onClick={() => onPage(offset + PAGE_SIZE)}>
        {t('childWelfare.queue.next')}
      </button>
    </nav>
  )
}

import { personsEndpoints as ep } from '@huoma/contract'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { useEndpoint } from '../../api/endpoint'
import { ErrorAlert } from '../../components/Alert'
import { Page } from '../../components/Page'
import { formatDate, formatDateTime } from '../../lib/format'
import { serviceTaskName } from '../../lib/labels'

const PERIODS = [30, 90, 365] as const

/**
 * Itse avatut asiakkuudet (action `relationships:self-opened`): for supervisors, the relationships that workers opened
 * for themselves in the supervisor's service tasks when no matter in their unit's intake named the client, with the
 * reason each gave — so that widening one's own access is seen by someone else.
 */
export function SelfOpenedPage() {
  const { t } = useTranslation()
  const [days, setDays] = useState<number>(90)
  const list = useEndpoint(ep['persons.selfOpenedRelationships'], { query: { days } })

  return (
    <Page title={t('persons.selfOpened.title')}>
      <p className="lead">{t('persons.selfOpened.intro')}</p>
      <label>
        {t('persons.selfOpened.period')}{' '}
        <select value={days} onChange={(e) => setDays(Number(e.target.value))}>
          {PERIODS.map((d) => (
            <option key={d} value={d}>
              {t('persons.selfOpened.days', { count: d })}
            </option>
          ))}
        </select>
      </label>
      {list.status === 'loading' && <p>{t('app.loading')}</p>}
      {list.status === 'error' && <ErrorAlert error={list.error} />}
      {list.status === 'success' && list.data.relationships.length === 0 && <p>{t('persons.selfOpened.empty')}</p>}
      {list.status === 'success' && list.data.relationships.length > 0 && (
        <div className="table-wrap">
          <table className="table">
            <caption>{t('persons.selfOpened.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('persons.selfOpened.columns.opened')}</th>
                <th scope="col">{t('persons.selfOpened.columns.worker')}</th>
                <th scope="col">{t('persons.selfOpened.columns.client')}</th>
                <th scope="col">{t('persons.selfOpened.columns.task')}</th>
                <th scope="col">{t('persons.selfOpened.columns.period')}</th>
                <th scope="col">{t('persons.selfOpened.columns.reason')}</th>
              </tr>
            </thead>
            <tbody>
              {list.data.relationships.map((r) => (
                <tr key={r.id}>
                  <td>{formatDateTime(r.openedAt)}</td>
                  <td>{r.worker.displayName}</td>
                  <td>
                    <Link to={`/persons/${r.person.id}`}>
                      {r.person.lastName}, {r.person.firstNames}
                    </Link>
                  </td>
                  <td>{serviceTaskName(t, r.serviceTask)}</td>
                  <td>
                    {formatDate(r.startDate)}–{r.endDate ? formatDate(r.endDate) : ''}
                  </td>
                  <td>{r.reason}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Page>
  )
}

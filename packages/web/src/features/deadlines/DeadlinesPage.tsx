import { deadlinesEndpoints as ep, type DeadlineItem, type DeadlineScope } from '@huoma/contract'
import { legalCitationText } from '@huoma/domain'
import { useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { useEndpoint } from '../../api/endpoint'
import { ErrorAlert } from '../../components/Alert'
import { Page } from '../../components/Page'
import { formatDate, MISSING } from '../../lib/format'
import { serviceTaskName } from '../../lib/labels'
import { isUiLanguage } from '../../lib/language'
import './deadlines.css'

/**
 * The deadlines whose work is done on the child's child welfare record (/persons/:id/child-welfare): the row's kind
 * links there. (The notification's own deadlines are met on the notification, whose page the intake queue reaches.)
 */
const RECORD_KINDS = new Set(['child_welfare.assessment_complete', 'child_welfare.urgent_placement', 'child_welfare.urgent_placement_extended', 'child_welfare.plan_review'])

/**
 * Määräajat (action `deadlines:list`): the statutory deadlines of every service in one list, due date first — the
 * worker's own or their units' queue — with overdue, urgent and reminded marked and the working days left. A row
 * names the client (a link to the card) where the worker may see them.
 */
export function DeadlinesPage() {
  const { t, i18n } = useTranslation()
  const lang = isUiLanguage(i18n.language) ? i18n.language : 'fi'
  const id = useId()
  const [scope, setScope] = useState<DeadlineScope>('mine')
  const [unitId, setUnitId] = useState('')
  const [overdue, setOverdue] = useState(false)
  const list = useEndpoint(ep['deadlines.list'], { query: { scope, ...(unitId ? { unitId } : {}), ...(overdue ? { overdue } : {}) } })

  const kinds: Record<string, string> = t('deadlines.kinds', { returnObjects: true })
  const kindName = (item: DeadlineItem) => kinds[item.kind] ?? item.kind
  const daysText = (item: DeadlineItem) =>
    item.workingDaysLeft < 0 ? t('deadlines.daysLate', { count: -item.workingDaysLeft }) : t('deadlines.daysLeft', { count: item.workingDaysLeft })

  return (
    <Page title={t('deadlines.title')}>
      <p className="lead">{t('deadlines.intro')}</p>
      <div className="deadline-filters">
        <fieldset>
          <legend>{t('deadlines.scope.label')}</legend>
          {(['mine', 'unit'] as const).map((s) => (
            <label key={s}>
              <input type="radio" name={`${id}-scope`} value={s} checked={scope === s} onChange={() => setScope(s)} /> {t(`deadlines.scope.${s}`)}
            </label>
          ))}
        </fieldset>
        {scope === 'unit' && list.status === 'success' && list.data.units.length > 1 && (
          <label>
            {t('deadlines.unit.label')}{' '}
            <select value={unitId} onChange={(e) => setUnitId(e.target.value)}>
              <option value="">{t('deadlines.unit.all')}</option>
              {list.data.units.map((u) => (
                <option key={u.id} value={u.id}>
                  {u.name}
                </option>
              ))}
            </select>
          </label>
        )}
        <label>
          <input type="checkbox" checked={overdue} onChange={(e) => setOverdue(e.target.checked)} /> {t('deadlines.overdueOnly')}
        </label>
        <button type="button" className="button" onClick={list.reload}>
          {t('deadlines.refresh')}
        </button>
      </div>
      {list.status === 'loading' && <p role="status">{t('deadlines.loading')}</p>}
      <ErrorAlert error={list.status === 'error' ? list.error : undefined} />
      {list.status === 'success' && (
        <>
          <p role="status">
            {t('deadlines.summary', { count: list.data.total, overdue: list.data.overdueCount })}
            {list.data.items.length < list.data.total && <> {t('deadlines.shownOf', { shown: list.data.items.length, total: list.data.total })}</>}
          </p>
          {list.data.items.length === 0 ? (
            <p>{t('deadlines.empty')}</p>
          ) : (
            <div className="deadline-table-wrap">
              <table>
                <caption>{t('deadlines.caption')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('deadlines.columns.due')}</th>
                    <th scope="col">{t('deadlines.columns.what')}</th>
                    <th scope="col">{t('deadlines.columns.client')}</th>
                    <th scope="col">{t('deadlines.columns.task')}</th>
                    <th scope="col">{t('deadlines.columns.unit')}</th>
                    <th scope="col">{t('deadlines.columns.responsible')}</th>
                    <th scope="col">{t('deadlines.columns.standing')}</th>
                  </tr>
                </thead>
                <tbody>
                  {list.data.items.map((item) => (
                    <tr key={item.id} className={item.standing === 'overdue' ? 'deadline-row-overdue' : undefined}>
                      <td>{formatDate(item.dueOn)}</td>
                      <td>
                        {item.person?.canOpen && RECORD_KINDS.has(item.kind) ? <Link to={`/persons/${item.person.id}/child-welfare`}>{kindName(item)}</Link> : kindName(item)}{' '}
                        <span className="deadline-basis">({legalCitationText(item.legalBasis, lang)})</span>{' '}
                        {item.urgent && <span className="badge badge-warning">{t('deadlines.urgent')}</span>}
                      </td>
                      <td>{item.person ? item.person.canOpen ? <Link to={`/persons/${item.person.id}`}>{item.person.name}</Link> : item.person.name : MISSING}</td>
                      <td>{serviceTaskName(t, item.serviceTask)}</td>
                      <td>{item.unitName}</td>
                      <td>{item.responsibleName ?? t('deadlines.nobody')}</td>
                      <td>
                        <span className={item.standing === 'overdue' ? 'badge badge-danger' : 'badge'}>{t(`deadlines.standing.${item.standing}`)}</span>{' '}
                        {item.state === 'open' && <span>{daysText(item)}</span>}{' '}
                        {item.reminded && <span className="badge badge-info">{t('deadlines.reminded')}</span>}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
    </Page>
  )
}

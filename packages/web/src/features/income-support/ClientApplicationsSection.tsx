import { incomeSupportEndpoints as ep } from '@huoma/contract'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { useEndpoint } from '../../api/endpoint'
import { isLabel } from './labels'
import './income-support.css'
import { formatDate } from '../../lib/format'
import { FoldingPanel } from '../../components/FoldingPanel'

/** The client card's income support section: the client's applications, each a link to the handler's screen. */
export function ClientApplicationsSection({ personId }: { personId: string }) {
  const { t } = useTranslation()
  const list = useEndpoint(ep['incomeSupport.clientApplications'], { params: { id: personId } })
  return (
    <FoldingPanel panel="card:income-support-applications" className="card-section is-client-section" title={t('incomeSupport.client.title')}>
      {list.status === 'loading' && <p className="muted">{t('incomeSupport.loading')}</p>}
      {list.status === 'error' && <p className="muted">{list.error.title}</p>}
      {list.status === 'success' && list.data.applications.length === 0 && <p className="muted">{t('incomeSupport.client.none')}</p>}
      {list.status === 'success' && list.data.applications.length > 0 && (
        <table className="compact">
          <thead>
            <tr>
              <th scope="col">{t('incomeSupport.worklist.number')}</th>
              <th scope="col">{t('incomeSupport.worklist.received')}</th>
              <th scope="col">{t('incomeSupport.worklist.deadline')}</th>
              <th scope="col">{t('incomeSupport.worklist.state')}</th>
            </tr>
          </thead>
          <tbody>
            {list.data.applications.map((a) => (
              <tr key={a.id}>
                <td>
                  <Link to={`/persons/${personId}/income-support/${a.id}`}>{t('incomeSupport.client.link', { number: a.number })}</Link>
                </td>
                <td>{formatDate(a.receivedOn)}</td>
                <td>
                  {formatDate(a.dueOn)} {a.overdue && <span className="badge badge-danger">{t('incomeSupport.overdue')}</span>}
                </td>
                <td>{isLabel(t, 'states', a.state)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </FoldingPanel>
  )
}

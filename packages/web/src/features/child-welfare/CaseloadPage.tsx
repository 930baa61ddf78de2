import { childWelfareCaseEndpoints as ep } from '@huoma/contract'
import { useTranslation } from 'react-i18next'
import { useEndpoint } from '../../api/endpoint'
import { ErrorAlert } from '../../components/Alert'
import { Page } from '../../components/Page'
import { formatDate } from '../../lib/format'
import './child-welfare.css'

/**
 * Asiakasmäärät (/child-welfare/caseload, action `child-welfare:caseload`, supervisors): the children whose
 * responsible social worker each licensed social worker of the supervisor's child welfare units is, against the
 * statutory maximum of the day (LSL 13 b §: 30 from 2024); the rows over it marked in words and colour. Counts only.
 */
export function CaseloadPage() {
  const { t } = useTranslation()
  const caseload = useEndpoint(ep['childWelfare.caseload'])
  return (
    <Page title={t('childWelfare.caseload.title')}>
      <p className="lead">{t('childWelfare.caseload.intro')}</p>
      {caseload.status === 'loading' && <p role="status">{t('childWelfare.loading')}</p>}
      <ErrorAlert error={caseload.status === 'error' ? caseload.error : undefined} />
      {caseload.status === 'success' && (
        <>
          <p role="status">
            {caseload.data.maximum !== null
              ? t('childWelfare.caseload.maximum', { maximum: caseload.data.maximum, date: formatDate(caseload.data.today) })
              : t('childWelfare.caseload.noMaximum', { date: formatDate(caseload.data.today) })}{' '}
            {t('childWelfare.caseload.over', { count: caseload.data.workers.filter((w) => w.over).length })}
          </p>
          {caseload.data.workers.length === 0 ? (
            <p>{t('childWelfare.caseload.empty')}</p>
          ) : (
            <div className="cw-table-wrap">
              <table className="cw-caseload">
                <caption>{t('childWelfare.caseload.caption')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('childWelfare.caseload.columns.worker')}</th>
                    <th scope="col">{t('childWelfare.caseload.columns.unit')}</th>
                    <th scope="col" className="num">
                      {t('childWelfare.caseload.columns.children')}
                    </th>
                    <th scope="col">{t('childWelfare.caseload.columns.standing')}</th>
                  </tr>
                </thead>
                <tbody>
                  {caseload.data.workers.map((w) => (
                    <tr key={w.userId} className={w.over ? 'cw-row-over' : undefined}>
                      <th scope="row">{w.name}</th>
                      <td>{w.unitName}</td>
                      <td className="num">
                        {caseload.data.maximum !== null ? t('childWelfare.caseload.ofMaximum', { children: w.children, maximum: caseload.data.maximum }) : w.children}
                      </td>
                      <td>
                        {w.over ? (
                          <span className="badge badge-danger">{t('childWelfare.caseload.overLimit', { count: w.children - (caseload.data.maximum ?? 0) })}</span>
                        ) : (
                          <span className="badge badge-ok">{t('childWelfare.caseload.within')}</span>
                        )}
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

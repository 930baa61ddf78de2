import { platformEndpoints } from '@huoma/contract'
import { useTranslation } from 'react-i18next'
import { useEndpoint } from '../../api/endpoint'
import { ErrorAlert } from '../../components/Alert'

export function SystemStatus() {
  const { t } = useTranslation()
  const health = useEndpoint(platformEndpoints['platform.health'])
  return (
    <section className="panel" aria-labelledby="system-status-heading">
      <h2 id="system-status-heading">{t('status.title')}</h2>
      {health.status === 'loading' && <p role="status">{t('status.loading')}</p>}
      {health.status === 'success' && (
        <dl className="facts">
          <dt>{t('status.state')}</dt>
          <dd>
            <span className="badge badge-ok">{t('status.ok')}</span>
          </dd>
          <dt>{t('status.database')}</dt>
          <dd>{health.data.database === 'postgresql' ? t('status.postgresql') : t('status.pglite')}</dd>
          <dt>{t('status.migration')}</dt>
          <dd>
            <code>{health.data.migration}</code>
          </dd>
        </dl>
      )}
      <ErrorAlert error={health.status === 'error' ? { title: t('status.failed'), detail: health.error.title } : undefined} />
      {health.status === 'error' && (
        <button type="button" className="button" onClick={health.reload}>
          {t('errors.retry')}
        </button>
      )}
    </section>
  )
}

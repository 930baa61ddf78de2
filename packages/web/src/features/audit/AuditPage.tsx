import { useTranslation } from 'react-i18next'
import { Page } from '../../components/Page'

/** Lokivalvonta: review of the audit log of client data use (action `audit:read`). */
export function AuditPage() {
  const { t } = useTranslation()
  return (
    <Page title={t('audit.title')}>
      <p className="lead">{t('audit.description')}</p>
    </Page>
  )
}

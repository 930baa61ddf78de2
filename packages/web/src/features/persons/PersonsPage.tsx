import { useTranslation } from 'react-i18next'
import { Page } from '../../components/Page'

/** Asiakkaat: client search and basic details (action `persons:search`). */
export function PersonsPage() {
  const { t } = useTranslation()
  return (
    <Page title={t('persons.title')}>
      <p className="lead">{t('persons.description')}</p>
    </Page>
  )
}

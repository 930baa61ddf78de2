import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { Page } from './Page'

export function NotFoundPage() {
  const { t } = useTranslation()
  return (
    <Page title={t('errors.notFoundTitle')}>
      <p>{t('errors.notFoundText')}</p>
      <p>
        <Link to="/">{t('errors.backHome')}</Link>
      </p>
    </Page>
  )
}

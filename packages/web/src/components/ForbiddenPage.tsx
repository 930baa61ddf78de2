import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { Page } from './Page'

export function ForbiddenPage() {
  const { t } = useTranslation()
  return (
    <Page title={t('errors.forbiddenTitle')}>
      <p>{t('errors.forbiddenText')}</p>
      <p>
        <Link to="/">{t('errors.backHome')}</Link>
      </p>
    </Page>
  )
}

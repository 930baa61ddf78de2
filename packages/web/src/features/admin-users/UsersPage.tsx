import { useTranslation } from 'react-i18next'
import { Page } from '../../components/Page'

/** Käyttäjät ja oikeudet: user accounts, roles and grants (action `admin:users`). */
export function UsersPage() {
  const { t } = useTranslation()
  return (
    <Page title={t('adminUsers.title')}>
      <p className="lead">{t('adminUsers.description')}</p>
    </Page>
  )
}

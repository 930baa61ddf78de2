import { useTranslation } from 'react-i18next'
import { Page } from '../../components/Page'
import { roleName } from '../../lib/labels'
import { useNavigation } from '../../components/FeatureList'
import { useUser } from '../../session/context'
import { SystemStatus } from './SystemStatus'

function greetingKey(hour: number) {
  if (hour >= 5 && hour < 10) return 'home.greetingMorning' as const
  if (hour >= 10 && hour < 18) return 'home.greetingDay' as const
  return 'home.greetingEvening' as const
}

export function HomePage() {
  const { t } = useTranslation()
  const user = useUser()
  const hasModules = useNavigation().visible.length > 1
  return (
    <Page title={t('home.title')}>
      <p className="greeting">{t(greetingKey(new Date().getHours()), { name: user.displayName })}</p>
      <p>{hasModules ? t('home.intro') : t('home.noModules')}</p>
      {user.roles.length > 0 && (
        <section className="panel" aria-labelledby="home-roles-heading">
          <h2 id="home-roles-heading">{t('home.roles')}</h2>
          <ul className="plain-list">
            {user.roles.map((role) => (
              <li key={role}>{roleName(t, role)}</li>
            ))}
          </ul>
        </section>
      )}
      <SystemStatus />
    </Page>
  )
}

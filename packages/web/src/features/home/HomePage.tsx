import { useTranslation } from 'react-i18next'
import { Page } from '../../components/Page'
import { roleName } from '../../lib/labels'
import { useNavigation } from '../../components/FeatureList'
import { can, useUser } from '../../session/context'
import { Desk } from './Desk'
import { SystemStatus } from './SystemStatus'
import './desk.css'

function greetingKey(hour: number) {
  if (hour >= 5 && hour < 10) return 'home.greetingMorning' as const
  if (hour >= 10 && hour < 18) return 'home.greetingDay' as const
  return 'home.greetingEvening' as const
}

/**
 * Etusivu: the greeting and the user's desk (`desk:read`, every role with a grant). The system status (database,
 * its latest migration) is the main user's (`jobs:read`), not the workers'.
 */
export function HomePage() {
  const { t } = useTranslation()
  const user = useUser()
  const hasModules = useNavigation().visible.length > 1
  const hasDesk = can(user, 'desk:read')
  return (
    <Page title={t('home.title')}>
      <p className="greeting">{t(greetingKey(new Date().getHours()), { name: user.displayName })}</p>
      {hasDesk ? <Desk /> : <p>{hasModules ? t('home.intro') : t('home.noModules')}</p>}
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
      {can(user, 'jobs:read') && <SystemStatus />}
    </Page>
  )
}

import type { ParseKeys } from 'i18next'
import { useTranslation } from 'react-i18next'
import { NavLink } from 'react-router'
import { APP_VERSION } from '../appInfo'
import { matchesOnlyItself } from '../lib/feature'
import { useNavigation } from './FeatureList'

/** The left navigation: the menu entries of the features list that the user may open, in menu order. */
export function Navigation() {
  const { t } = useTranslation()
  const { visible, all } = useNavigation()
  return (
    <nav className="app-nav" aria-label={t('nav.label')}>
      <ul>
        {visible.map((entry) => (
          <li key={entry.id}>
            {/* An entry whose path contains another's (/income-support/parameters) marks only itself current. */}
            <NavLink to={entry.path} end={matchesOnlyItself(entry, all)}>
              {/* The label is a key of the feature's own slice, checked where the feature declares it. */}
              {t(entry.label as ParseKeys)}
            </NavLink>
          </li>
        ))}
      </ul>
      <p className="app-version">
        {t('app.name')} {APP_VERSION}
      </p>
    </nav>
  )
}

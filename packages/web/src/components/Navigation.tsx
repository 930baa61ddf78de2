import { useTranslation } from 'react-i18next'
import { NavLink } from 'react-router'
import { visibleModules } from '../modules'
import { APP_VERSION } from '../appInfo'

export function Navigation({ actions }: { actions: readonly string[] }) {
  const { t } = useTranslation()
  return (
    <nav className="app-nav" aria-label={t('nav.label')}>
      <ul>
        {visibleModules(actions).map((module) => (
          <li key={module.id}>
            <NavLink to={module.path} end={module.path === '/'}>
              {t(module.label)}
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

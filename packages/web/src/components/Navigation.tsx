import { useTranslation } from 'react-i18next'
import { NavLink } from 'react-router'
import { modules, visibleModules } from '../modules'
import { APP_VERSION } from '../appInfo'

export function Navigation({ actions }: { actions: readonly string[] }) {
  const { t } = useTranslation()
  return (
    <nav className="app-nav" aria-label={t('nav.label')}>
      <ul>
        {visibleModules(actions).map((module) => (
          <li key={module.id}>
            {/* A module whose path contains another's (/income-support/parameters) marks only itself current. */}
            <NavLink to={module.path} end={module.path === '/' || modules.some((other) => other.path.startsWith(`${module.path}/`))}>
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

import { useTranslation } from 'react-i18next'
import { Outlet } from 'react-router'
import { Header } from './Header'
import { Navigation } from './Navigation'

export function AppShell() {
  const { t } = useTranslation()
  return (
    <div className="shell">
      <a
        className="skip-link"
        href="#main"
        onClick={(event) => {
          event.preventDefault()
          document.getElementById('main')?.focus()
        }}
      >
        {t('app.skipToContent')}
      </a>
      <Header />
      <Navigation />
      <main id="main" className="app-main" tabIndex={-1}>
        <Outlet />
      </main>
    </div>
  )
}

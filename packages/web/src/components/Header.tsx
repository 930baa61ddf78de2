import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, NavLink } from 'react-router'
import { describeError, type ErrorText } from '../api/client'
import { useSession, useUser } from '../session/context'
import { ORGANISATION_NAME } from '../appInfo'
import { ErrorAlert } from './Alert'
import { LanguageSwitcher } from './LanguageSwitcher'
import { roleName } from '../lib/labels'

export function Header() {
  const { t } = useTranslation()
  const user = useUser()
  const { logout } = useSession()
  const [signingOut, setSigningOut] = useState(false)
  const [error, setError] = useState<ErrorText>()

  async function signOut() {
    setSigningOut(true)
    setError(undefined)
    try {
      await logout()
    } catch (failure) {
      setError({ title: t('header.logoutFailed'), detail: describeError(failure).title })
      setSigningOut(false)
    }
  }

  return (
    <header className="app-header">
      <div className="brand">
        <Link to="/" className="brand-name">
          {t('app.name')}
        </Link>
        {ORGANISATION_NAME && <span className="brand-organisation">{ORGANISATION_NAME}</span>}
      </div>
      <div className="header-tools">
        <p className="header-user">
          <span className="visually-hidden">{t('header.userLabel')}: </span>
          <span className="header-user-name">{user.displayName}</span>
          {user.roles.length > 0 && (
            <span className="header-user-roles">{user.roles.map((role) => roleName(t, role)).join(', ')}</span>
          )}
        </p>
        <NavLink to="/account" className="button button-quiet">
          {t('header.account')}
        </NavLink>
        <LanguageSwitcher />
        <button type="button" className="button button-quiet" onClick={signOut} disabled={signingOut}>
          {signingOut ? t('header.loggingOut') : t('header.logout')}
        </button>
      </div>
      <ErrorAlert error={error} />
    </header>
  )
}

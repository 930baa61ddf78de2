import './auth.css'
import type { OidcConfig } from '@huoma/contract'
import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, Navigate, useLocation, type Location } from 'react-router'
import { ApiError, describeError, type ErrorText } from '../../api/client'
import { ErrorAlert } from '../../components/Alert'
import { LanguageSwitcher } from '../../components/LanguageSwitcher'
import { TextField } from '../../components/TextField'
import { useDocumentTitle } from '../../components/useDocumentTitle'
import { useSession } from '../../session/context'
import { APP_VERSION } from '../../appInfo'
import { fetchOidcConfig, oidcStartPath } from './api'
import { CommitmentStep } from './CommitmentStep'
import { ExpiredPasswordStep } from './ExpiredPasswordStep'
import { SecondFactorStep } from './SecondFactorStep'
import { splitFieldErrors } from '../../lib/fieldErrors'

const FIELDS = ['username', 'password'] as const
type Field = (typeof FIELDS)[number]

function returnPath(state: unknown): string {
  const from = (state as { from?: Location } | null)?.from
  return from && from.pathname !== '/login' ? `${from.pathname}${from.search}${from.hash}` : '/'
}

/**
 * Sign-in: username and password, then — when the server asks for it — the second factor and/or a new password.
 * The step follows the session's stage, so a reload in the middle of a sign-in comes back to the same step.
 */
export function LoginPage() {
  const session = useSession()
  const location = useLocation()
  // A step whose session the server ended (account locked, too slow): its message is shown at the first step.
  const [endedWith, setEndedWith] = useState<ErrorText>()

  if (session.state.status === 'signed-in') return <Navigate to={returnPath(location.state)} replace />
  if (session.state.status === 'second-step') {
    return (
      <LoginLayout>
        {session.state.stage === 'mfa_pending' ? (
          <SecondFactorStep onSessionEnded={setEndedWith} />
        ) : session.state.stage === 'commitment' ? (
          <CommitmentStep />
        ) : (
          <ExpiredPasswordStep onSessionEnded={setEndedWith} />
        )}
      </LoginLayout>
    )
  }
  const reason = session.state.status === 'signed-out' ? session.state.reason : undefined
  // The single sign-on callback sends a refused sign-in here with ?error=oidc (the reason is in the audit log only).
  const ssoFailed = new URLSearchParams(location.search).get('error') === 'oidc'
  return (
    <LoginLayout>
      <CredentialsStep reason={reason} initialError={endedWith} ssoFailed={ssoFailed} />
    </LoginLayout>
  )
}

function LoginLayout({ children }: { children: ReactNode }) {
  const { t } = useTranslation()
  return (
    <div className="login-page">
      <header className="login-header">
        <span className="brand-name">{t('app.name')}</span>
        <LanguageSwitcher />
      </header>
      <main id="main" className="login-main">
        <div className="login-card">
          <p className="login-tagline">{t('app.tagline')}</p>
          {children}
        </div>
      </main>
      <footer className="login-footer">
        {t('app.name')} · {t('app.version', { version: APP_VERSION })}
      </footer>
    </div>
  )
}

function CredentialsStep({
  reason,
  initialError,
  ssoFailed,
}: {
  reason: 'anonymous' | 'logout' | 'expired' | undefined
  initialError: ErrorText | undefined
  ssoFailed: boolean
}) {
  const { t } = useTranslation()
  const session = useSession()
  const sso = useOidcConfig()
  const ssoError: ErrorText | undefined = ssoFailed ? { title: t('login.oidcFailed'), detail: t('login.oidcFailedDetail') } : undefined
  const [username, setUsername] = useState('')
  const [password, setPassword] = useState('')
  const [fieldErrors, setFieldErrors] = useState<Partial<Record<Field, string>>>({})
  const firstError = initialError ?? ssoError
  const [error, setError] = useState<{ text: ErrorText; messages: string[] } | undefined>(
    firstError && { text: firstError, messages: [] },
  )
  const [submitting, setSubmitting] = useState(false)
  const usernameInput = useRef<HTMLInputElement>(null)
  const passwordInput = useRef<HTMLInputElement>(null)
  const focusAfterSubmit = useRef<Field>(undefined)
  useDocumentTitle(t('login.title'))

  function focusField(field: Field) {
    const input = field === 'username' ? usernameInput : passwordInput
    input.current?.focus()
  }

  // The submit button was disabled while signing in, which drops its focus: put it where the user goes next.
  useEffect(() => {
    if (submitting || !focusAfterSubmit.current) return
    focusField(focusAfterSubmit.current)
    focusAfterSubmit.current = undefined
  })

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    const missing: Partial<Record<Field, string>> = {}
    if (!username.trim()) missing.username = t('login.usernameRequired')
    if (!password) missing.password = t('login.passwordRequired')
    setError(undefined)
    setFieldErrors(missing)
    const firstMissing = FIELDS.find((field) => missing[field])
    if (firstMissing) {
      focusField(firstMissing)
      return
    }
    setSubmitting(true)
    try {
      await session.login({ username: username.trim(), password })
    } catch (failure) {
      const { byField, other } =
        failure instanceof ApiError ? splitFieldErrors(failure.problem, FIELDS) : { byField: {}, other: [] }
      setFieldErrors(byField)
      setError({ text: describeError(failure), messages: other })
      const firstInvalid = FIELDS.find((field) => byField[field])
      if (failure instanceof ApiError && (failure.status === 401 || failure.status === 423)) {
        setPassword('')
        focusAfterSubmit.current = 'password'
      } else {
        focusAfterSubmit.current = firstInvalid ?? 'username'
      }
      setSubmitting(false)
    }
  }

  return (
    <>
      <h1>{t('login.title')}</h1>
      <p>{t('login.intro')}</p>
      {reason === 'logout' && !error && (
        <p role="status" className="notice">
          {t('login.signedOut')}
        </p>
      )}
      {reason === 'expired' && !error && (
        <p role="status" className="notice">
          {t('login.sessionExpired')}
        </p>
      )}
      <ErrorAlert error={error?.text} messages={error?.messages} />
      <form noValidate onSubmit={submit} className="form">
        <TextField
          ref={usernameInput}
          name="username"
          label={t('login.username')}
          autoComplete="username"
          autoCapitalize="none"
          spellCheck={false}
          value={username}
          error={fieldErrors.username}
          onChange={(event) => setUsername(event.target.value)}
        />
        <TextField
          ref={passwordInput}
          name="password"
          type="password"
          label={t('login.password')}
          autoComplete="current-password"
          value={password}
          error={fieldErrors.password}
          onChange={(event) => setPassword(event.target.value)}
        />
        <button type="submit" className="button button-primary button-wide" disabled={submitting}>
          {submitting ? t('login.submitting') : t('login.submit')}
        </button>
      </form>
      {sso?.enabled && (
        <div className="login-sso">
          <p className="login-sso-or">{t('login.oidcOr')}</p>
          {/* A full-page navigation: the server redirects on to the organisation's identity provider. */}
          <a className="button button-wide" href={oidcStartPath}>
            {sso.label ?? t('login.oidcSignIn')}
          </a>
        </div>
      )}
      {/* The public e-form is for anyone: a concern about a child needs no account. */}
      <div className="login-public">
        <Link to="/lastensuojeluilmoitus">{t('login.childWelfareNotification')}</Link>
        <p className="field-hint">{t('login.childWelfareNotificationHint')}</p>
      </div>
    </>
  )
}

/** Whether single sign-on is offered; undefined until known (or when the server does not answer). */
function useOidcConfig(): OidcConfig | undefined {
  const [config, setConfig] = useState<OidcConfig>()
  useEffect(() => {
    let live = true
    fetchOidcConfig()
      .then((c) => live && setConfig(c))
      .catch(() => undefined)
    return () => {
      live = false
    }
  }, [])
  return config
}

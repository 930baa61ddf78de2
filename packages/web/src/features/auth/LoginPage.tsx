import { useEffect, useRef, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { Navigate, useLocation, type Location } from 'react-router'
import { ApiError, describeError, type ErrorText } from '../../api/client'
import { ErrorAlert } from '../../components/Alert'
import { LanguageSwitcher } from '../../components/LanguageSwitcher'
import { TextField } from '../../components/TextField'
import { useDocumentTitle } from '../../components/useDocumentTitle'
import { useSession } from '../../session/context'
import { APP_VERSION } from '../../appInfo'
import { splitFieldErrors } from './fieldErrors'

const FIELDS = ['username', 'password'] as const
type Field = (typeof FIELDS)[number]

function returnPath(state: unknown): string {
  const from = (state as { from?: Location } | null)?.from
  return from && from.pathname !== '/login' ? `${from.pathname}${from.search}${from.hash}` : '/'
}

export function LoginPage() {
  const { t } = useTranslation()
  const session = useSession()
  const location = useLocation()
  const [username, setUsername] = useState('')
  const [password, setPassword] = useState('')
  const [fieldErrors, setFieldErrors] = useState<Partial<Record<Field, string>>>({})
  const [error, setError] = useState<{ text: ErrorText; messages: string[] }>()
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

  if (session.state.status === 'signed-in') return <Navigate to={returnPath(location.state)} replace />
  const reason = session.state.status === 'signed-out' ? session.state.reason : undefined

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
    <div className="login-page">
      <header className="login-header">
        <span className="brand-name">{t('app.name')}</span>
        <LanguageSwitcher />
      </header>
      <main id="main" className="login-main">
        <div className="login-card">
          <p className="login-tagline">{t('app.tagline')}</p>
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
        </div>
      </main>
      <footer className="login-footer">
        {t('app.name')} · {t('app.version', { version: APP_VERSION })}
      </footer>
    </div>
  )
}

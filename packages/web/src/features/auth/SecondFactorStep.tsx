import { useEffect, useRef, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { ApiError, describeError, type ErrorText } from '../../api/client'
import { ErrorAlert } from '../../components/Alert'
import { TextField } from '../../components/TextField'
import { useDocumentTitle } from '../../components/useDocumentTitle'
import { useSession } from '../../session/context'
import { verifySecondFactor } from './api'
import { endsSession, useFocusOnMount } from './stepHelpers'
import { splitFieldErrors } from '../../lib/fieldErrors'

type Method = 'totp' | 'recovery'

/** The second sign-in step: the code of the authenticator app, or one of the one-time recovery codes. */
export function SecondFactorStep({ onSessionEnded }: { onSessionEnded: (error: ErrorText) => void }) {
  const { t } = useTranslation()
  const session = useSession()
  const [method, setMethod] = useState<Method>('totp')
  const [code, setCode] = useState('')
  const [fieldError, setFieldError] = useState<string>()
  const [error, setError] = useState<{ text: ErrorText; messages: string[] }>()
  const [submitting, setSubmitting] = useState(false)
  const heading = useFocusOnMount<HTMLHeadingElement>()
  const input = useRef<HTMLInputElement>(null)
  const focusInput = useRef(false)
  useDocumentTitle(t('login.mfaTitle'))

  useEffect(() => {
    if (submitting || !focusInput.current) return
    focusInput.current = false
    input.current?.focus()
  })

  function switchMethod() {
    setMethod(method === 'totp' ? 'recovery' : 'totp')
    setCode('')
    setFieldError(undefined)
    setError(undefined)
    focusInput.current = true
  }

  async function cancel() {
    try {
      await session.logout()
    } catch {
      session.forget() // the server could not be reached: leave the sign-in here; the session times out there
    }
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    setError(undefined)
    if (!code.trim()) {
      setFieldError(t('login.codeRequired'))
      input.current?.focus()
      return
    }
    setFieldError(undefined)
    setSubmitting(true)
    try {
      await session.accept(await verifySecondFactor({ method, code: code.trim() }))
    } catch (failure) {
      if (endsSession(failure)) {
        onSessionEnded(describeError(failure))
        session.forget()
        return
      }
      const { byField, other } = failure instanceof ApiError ? splitFieldErrors(failure.problem, ['code'] as const) : { byField: {}, other: [] }
      setFieldError(byField.code)
      setError({ text: describeError(failure), messages: other })
      setCode('')
      focusInput.current = true
      setSubmitting(false)
    }
  }

  return (
    <>
      <h1 ref={heading} tabIndex={-1}>
        {t('login.mfaTitle')}
      </h1>
      <p>{method === 'totp' ? t('login.mfaIntro') : t('login.recoveryIntro')}</p>
      <ErrorAlert error={error?.text} messages={error?.messages} />
      <form noValidate onSubmit={submit} className="form">
        <TextField
          key={method}
          ref={input}
          name={method === 'totp' ? 'totp' : 'recovery-code'}
          label={method === 'totp' ? t('login.mfaCode') : t('login.recoveryCode')}
          autoComplete={method === 'totp' ? 'one-time-code' : 'off'}
          inputMode={method === 'totp' ? 'numeric' : 'text'}
          autoCapitalize="none"
          spellCheck={false}
          maxLength={method === 'totp' ? 12 : 32}
          value={code}
          error={fieldError}
          onChange={(event) => setCode(event.target.value)}
        />
        <button type="submit" className="button button-primary button-wide" disabled={submitting}>
          {submitting ? t('login.verifying') : t('login.verify')}
        </button>
      </form>
      <div className="login-alternatives">
        <button type="button" className="button-link" onClick={switchMethod}>
          {method === 'totp' ? t('login.useRecoveryCode') : t('login.useAuthenticator')}
        </button>
        <button type="button" className="button-link" onClick={cancel}>
          {t('login.cancel')}
        </button>
      </div>
    </>
  )
}

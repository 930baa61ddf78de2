import type { AccountSecurity, TotpEnrolment } from '@huoma/contract'
import { useRef, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { ApiError, describeError, type ErrorText } from '../../api/client'
import { ErrorAlert } from '../../components/Alert'
import { TextField } from '../../components/TextField'
import { confirmTotpEnrolment, disableTotp, regenerateRecoveryCodes, startTotpEnrolment } from './api'
import { RecoveryCodesPanel } from './RecoveryCodesPanel'
import { endsSession, useFocusOnMount } from './stepHelpers'
import { splitFieldErrors } from '../../lib/fieldErrors'
import { formatDate, helsinkiDateOf } from '../../lib/format'

type Mode =
  | { kind: 'status' }
  | { kind: 'enrolling'; enrolment: TotpEnrolment }
  | { kind: 'codes'; codes: string[]; after: 'enrolled' | 'regenerated' }
  | { kind: 'password'; action: 'regenerate' | 'disable' }

type Notice = 'enabled' | 'disabled' | 'regenerated'

/** "ABCD EFGH …": the key in groups of four, as authenticator apps show and accept it. */
const groupKey = (secret: string) => secret.replace(/(.{4})(?=.)/g, '$1 ')

/** The second factor on the account page: enrol TOTP, show recovery codes once, replace them, turn TOTP off. */
export function TotpSettings({
  account,
  reload,
  onSessionEnded,
}: {
  account: AccountSecurity
  reload: () => Promise<void>
  onSessionEnded: () => void
}) {
  const { t } = useTranslation()
  const [mode, setMode] = useState<Mode>({ kind: 'status' })
  const [notice, setNotice] = useState<Notice>()
  const [error, setError] = useState<ErrorText>()
  const [busy, setBusy] = useState(false)
  const mfa = account.mfa

  async function run(work: () => Promise<void>) {
    setBusy(true)
    setError(undefined)
    setNotice(undefined)
    try {
      await work()
    } catch (failure) {
      if (endsSession(failure)) onSessionEnded()
      else setError(describeError(failure))
    } finally {
      setBusy(false)
    }
  }

  const startEnrolment = () => run(async () => setMode({ kind: 'enrolling', enrolment: await startTotpEnrolment() }))

  async function finishCodes(after: 'enrolled' | 'regenerated') {
    setMode({ kind: 'status' })
    setNotice(after === 'enrolled' ? 'enabled' : 'regenerated')
    await reload()
  }

  if (mode.kind === 'enrolling') {
    return (
      <EnrolmentForm
        enrolment={mode.enrolment}
        onConfirmed={async (codes) => {
          setMode({ kind: 'codes', codes, after: 'enrolled' })
          await reload()
        }}
        onCancel={() => setMode({ kind: 'status' })}
        onSessionEnded={onSessionEnded}
      />
    )
  }
  if (mode.kind === 'codes') {
    return <RecoveryCodesPanel codes={mode.codes} username={account.username} onDone={() => void finishCodes(mode.after)} />
  }
  if (mode.kind === 'password') {
    return (
      <PasswordConfirmForm
        action={mode.action}
        onCancel={() => setMode({ kind: 'status' })}
        onSessionEnded={onSessionEnded}
        onDone={async (codes) => {
          if (codes) {
            setMode({ kind: 'codes', codes, after: 'regenerated' })
          } else {
            setMode({ kind: 'status' })
            setNotice('disabled')
          }
          await reload()
        }}
      />
    )
  }

  return (
    <>
      <ErrorAlert error={error} />
      {notice && (
        <p role="status" className="notice">
          {t(`account.${notice}`)}
        </p>
      )}
      {mfa.totpEnabled ? (
        <>
          <p>
            {mfa.totpEnabledAt ? t('account.mfaOn', { date: formatDate(helsinkiDateOf(mfa.totpEnabledAt)) }) : null}{' '}
            {t('account.recoveryRemaining', { n: mfa.recoveryCodesRemaining })}
          </p>
          <div className="account-actions">
            <button type="button" className="button" onClick={() => setMode({ kind: 'password', action: 'regenerate' })}>
              {t('account.regenerate')}
            </button>
            <button type="button" className="button" onClick={() => setMode({ kind: 'password', action: 'disable' })}>
              {t('account.disable')}
            </button>
          </div>
        </>
      ) : (
        <>
          <p>{t('account.mfaOff')}</p>
          {mfa.exempt && <p>{t('account.mfaExempt')}</p>}
          <div className="account-actions">
            <button type="button" className="button button-primary" onClick={startEnrolment} disabled={busy}>
              {busy ? t('account.starting') : t('account.enable')}
            </button>
          </div>
        </>
      )}
    </>
  )
}

function EnrolmentForm({
  enrolment,
  onConfirmed,
  onCancel,
  onSessionEnded,
}: {
  enrolment: TotpEnrolment
  onConfirmed: (codes: string[]) => Promise<void>
  onCancel: () => void
  onSessionEnded: () => void
}) {
  const { t } = useTranslation()
  const heading = useFocusOnMount<HTMLHeadingElement>()
  const input = useRef<HTMLInputElement>(null)
  const [code, setCode] = useState('')
  const [fieldError, setFieldError] = useState<string>()
  const [error, setError] = useState<{ text: ErrorText; messages: string[] }>()
  const [submitting, setSubmitting] = useState(false)

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
      const codes = await confirmTotpEnrolment(code.trim())
      await onConfirmed(codes)
    } catch (failure) {
      if (endsSession(failure)) return onSessionEnded()
      const { byField, other } = failure instanceof ApiError ? splitFieldErrors(failure.problem, ['code'] as const) : { byField: {}, other: [] }
      setFieldError(byField.code)
      setError({ text: describeError(failure), messages: other })
      setCode('')
      setSubmitting(false)
      input.current?.focus()
    }
  }

  return (
    <div>
      <h3 ref={heading} tabIndex={-1}>
        {t('account.enrolTitle')}
      </h3>
      <ErrorAlert error={error?.text} messages={error?.messages} />
      <ol className="enrol-steps">
        <li>{t('account.enrolStep1')}</li>
        <li>
          {t('account.enrolStep2')}
          <img className="qr-code" src={enrolment.qrCode} alt={t('account.qrAlt')} width={200} height={200} />
          <p>
            {t('account.manualKeyIntro')}
            <br />
            <code className="manual-key" aria-label={t('account.manualKey')} data-secret={enrolment.secret}>
              {groupKey(enrolment.secret)}
            </code>
          </p>
          <p className="field-hint">
            {t('account.manualKeyDetails', { account: enrolment.accountName, digits: enrolment.digits, period: enrolment.period })}
          </p>
        </li>
        <li>
          {t('account.enrolStep3')}
          <form noValidate onSubmit={submit} className="form">
            <TextField
              ref={input}
              name="totp"
              label={t('account.enrolCode')}
              autoComplete="one-time-code"
              inputMode="numeric"
              maxLength={12}
              value={code}
              error={fieldError}
              onChange={(event) => setCode(event.target.value)}
            />
            <div className="account-actions">
              <button type="submit" className="button button-primary" disabled={submitting}>
                {submitting ? t('account.confirming') : t('account.confirmEnrol')}
              </button>
              <button type="button" className="button" onClick={onCancel}>
                {t('account.cancel')}
              </button>
            </div>
          </form>
        </li>
      </ol>
    </div>
  )
}

function PasswordConfirmForm({
  action,
  onDone,
  onCancel,
  onSessionEnded,
}: {
  action: 'regenerate' | 'disable'
  onDone: (codes: string[] | undefined) => Promise<void>
  onCancel: () => void
  onSessionEnded: () => void
}) {
  const { t } = useTranslation()
  const heading = useFocusOnMount<HTMLHeadingElement>()
  const input = useRef<HTMLInputElement>(null)
  const [password, setPassword] = useState('')
  const [fieldError, setFieldError] = useState<string>()
  const [error, setError] = useState<{ text: ErrorText; messages: string[] }>()
  const [submitting, setSubmitting] = useState(false)

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    setError(undefined)
    if (!password) {
      setFieldError(t('login.passwordRequired'))
      input.current?.focus()
      return
    }
    setFieldError(undefined)
    setSubmitting(true)
    try {
      if (action === 'regenerate') await onDone(await regenerateRecoveryCodes(password))
      else {
        await disableTotp(password)
        await onDone(undefined)
      }
    } catch (failure) {
      if (endsSession(failure)) return onSessionEnded()
      const { byField, other } =
        failure instanceof ApiError ? splitFieldErrors(failure.problem, ['password'] as const) : { byField: {}, other: [] }
      setFieldError(byField.password)
      setError({ text: describeError(failure), messages: other })
      setPassword('')
      setSubmitting(false)
      input.current?.focus()
    }
  }

  return (
    <div>
      <h3 ref={heading} tabIndex={-1}>
        {action === 'regenerate' ? t('account.regenerate') : t('account.disable')}
      </h3>
      <p>{action === 'regenerate' ? t('account.regenerateIntro') : t('account.disableIntro')}</p>
      <ErrorAlert error={error?.text} messages={error?.messages} />
      <form noValidate onSubmit={submit} className="form">
        <TextField
          ref={input}
          name="password"
          type="password"
          label={t('account.currentPassword')}
          autoComplete="current-password"
          value={password}
          error={fieldError}
          onChange={(event) => setPassword(event.target.value)}
        />
        <div className="account-actions">
          <button type="submit" className="button button-primary" disabled={submitting}>
            {submitting ? t('account.working') : action === 'regenerate' ? t('account.regenerateConfirm') : t('account.disableConfirm')}
          </button>
          <button type="button" className="button" onClick={onCancel}>
            {t('account.cancel')}
          </button>
        </div>
      </form>
    </div>
  )
}

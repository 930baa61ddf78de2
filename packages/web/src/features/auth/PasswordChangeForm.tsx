import type { LoginResponse } from '@huoma/contract'
import { useEffect, useRef, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { ApiError, describeError, type ErrorText } from '../../api/client'
import { ErrorAlert } from '../../components/Alert'
import { TextField } from '../../components/TextField'
import { changePassword } from './api'
import { endsSession } from './stepHelpers'
import { splitFieldErrors } from '../../lib/fieldErrors'

const FIELDS = ['currentPassword', 'newPassword', 'confirmPassword'] as const
type Field = (typeof FIELDS)[number]

/**
 * Current password, new password twice. The server checks the policy (length, common passwords, not the
 * username, not the current one) and answers with a message per broken rule, shown at the field.
 */
export function PasswordChangeForm({
  minLength,
  onChanged,
  onSessionEnded,
}: {
  /** The policy's minimum length, for the hint; the server enforces it either way. */
  minLength: number | undefined
  onChanged: (response: LoginResponse) => void | Promise<void>
  onSessionEnded: (error: ErrorText) => void
}) {
  const { t } = useTranslation()
  const [values, setValues] = useState<Record<Field, string>>({ currentPassword: '', newPassword: '', confirmPassword: '' })
  const [fieldErrors, setFieldErrors] = useState<Partial<Record<Field, string>>>({})
  const [error, setError] = useState<{ text: ErrorText; messages: string[] }>()
  const [submitting, setSubmitting] = useState(false)
  const currentInput = useRef<HTMLInputElement>(null)
  const newInput = useRef<HTMLInputElement>(null)
  const confirmInput = useRef<HTMLInputElement>(null)
  const focusAfterSubmit = useRef<Field>(undefined)

  function focusField(field: Field) {
    const input = field === 'currentPassword' ? currentInput : field === 'newPassword' ? newInput : confirmInput
    input.current?.focus()
  }

  useEffect(() => {
    if (submitting || !focusAfterSubmit.current) return
    focusField(focusAfterSubmit.current)
    focusAfterSubmit.current = undefined
  })

  const set = (field: Field) => (event: { target: { value: string } }) => setValues((v) => ({ ...v, [field]: event.target.value }))

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    setError(undefined)
    const problems: Partial<Record<Field, string>> = {}
    if (!values.currentPassword) problems.currentPassword = t('account.currentPasswordRequired')
    if (!values.newPassword) problems.newPassword = t('account.newPasswordRequired')
    else if (values.confirmPassword !== values.newPassword) problems.confirmPassword = t('account.passwordMismatch')
    setFieldErrors(problems)
    const first = FIELDS.find((field) => problems[field])
    if (first) {
      focusField(first)
      return
    }
    setSubmitting(true)
    try {
      const response = await changePassword({ currentPassword: values.currentPassword, newPassword: values.newPassword })
      setValues({ currentPassword: '', newPassword: '', confirmPassword: '' })
      setSubmitting(false)
      await onChanged(response)
    } catch (failure) {
      if (endsSession(failure)) {
        onSessionEnded(describeError(failure))
        return
      }
      const { byField, other } = failure instanceof ApiError ? splitFieldErrors(failure.problem, FIELDS) : { byField: {}, other: [] }
      setFieldErrors(byField)
      setError({ text: describeError(failure), messages: other })
      if (byField.currentPassword) setValues((v) => ({ ...v, currentPassword: '' }))
      focusAfterSubmit.current = FIELDS.find((field) => byField[field]) ?? 'currentPassword'
      setSubmitting(false)
    }
  }

  return (
    <>
      <ErrorAlert error={error?.text} messages={error?.messages} />
      {minLength !== undefined && <p className="field-hint">{t('account.passwordHint', { min: minLength })}</p>}
      <form noValidate onSubmit={submit} className="form">
        <TextField
          ref={currentInput}
          name="currentPassword"
          type="password"
          label={t('account.currentPassword')}
          autoComplete="current-password"
          value={values.currentPassword}
          error={fieldErrors.currentPassword}
          onChange={set('currentPassword')}
        />
        <TextField
          ref={newInput}
          name="newPassword"
          type="password"
          label={t('account.newPassword')}
          autoComplete="new-password"
          value={values.newPassword}
          error={fieldErrors.newPassword}
          onChange={set('newPassword')}
        />
        <TextField
          ref={confirmInput}
          name="confirmPassword"
          type="password"
          label={t('account.confirmPassword')}
          autoComplete="new-password"
          value={values.confirmPassword}
          error={fieldErrors.confirmPassword}
          onChange={set('confirmPassword')}
        />
        <button type="submit" className="button button-primary" disabled={submitting}>
          {submitting ? t('account.changingPassword') : t('account.changePassword')}
        </button>
      </form>
    </>
  )
}

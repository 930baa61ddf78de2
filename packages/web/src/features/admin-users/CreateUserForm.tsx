import type { CreateUserResponse, Language } from '@huoma/contract'
import { useEffect, useRef, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { ErrorAlert } from '../../components/Alert'
import { TextField } from '../../components/TextField'
import { LANGUAGES, LANGUAGE_NAMES } from '../../lib/language'
import { adminApi } from './api'
import { SelectField } from './fields'
import { useFormErrors } from '../../components/useFormErrors'

const FIELDS = ['username', 'displayName', 'email', 'language', 'password'] as const

/** A new staff user: a one-time password is made by Huoma (shown once) or set here; either must be changed at first sign-in. */
export function CreateUserForm({ onCreated, onCancel }: { onCreated: (created: CreateUserResponse) => void; onCancel: () => void }) {
  const { t } = useTranslation()
  const [username, setUsername] = useState('')
  const [displayName, setDisplayName] = useState('')
  const [email, setEmail] = useState('')
  const [language, setLanguage] = useState<Language>('fi')
  const [ownPassword, setOwnPassword] = useState(false)
  const [password, setPassword] = useState('')
  const [submitting, setSubmitting] = useState(false)
  const { fieldErrors, error: formError, register, check, fail } = useFormErrors(FIELDS)

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    const errors: Partial<Record<(typeof FIELDS)[number], string>> = {}
    if (!username.trim()) errors.username = t('adminUsers.create.usernameRequired')
    if (!displayName.trim()) errors.displayName = t('adminUsers.create.displayNameRequired')
    if (ownPassword && !password) errors.password = t('adminUsers.create.passwordRequired')
    if (!check(errors)) return
    setSubmitting(true)
    try {
      const created = await adminApi.createUser({
        username: username.trim(),
        displayName: displayName.trim(),
        email: email.trim() || null,
        language,
        ...(ownPassword ? { password } : {}),
      })
      onCreated(created)
    } catch (failure) {
      setSubmitting(false)
      fail(failure)
    }
  }

  return (
    <section className="panel" aria-labelledby="create-user-heading">
      <h2 id="create-user-heading">{t('adminUsers.create.title')}</h2>
      <ErrorAlert error={formError?.text} messages={formError?.messages} />
      <form noValidate onSubmit={submit} className="form">
        <TextField
          ref={register('username')}
          label={t('adminUsers.user.username')}
          autoComplete="off"
          autoCapitalize="none"
          spellCheck={false}
          value={username}
          error={fieldErrors.username}
          onChange={(event) => setUsername(event.target.value)}
        />
        <p className="field-hint">{t('adminUsers.create.usernameHint')}</p>
        <TextField
          ref={register('displayName')}
          label={t('adminUsers.user.displayName')}
          autoComplete="off"
          value={displayName}
          error={fieldErrors.displayName}
          onChange={(event) => setDisplayName(event.target.value)}
        />
        <TextField
          ref={register('email')}
          type="email"
          label={t('adminUsers.user.emailOptional')}
          autoComplete="off"
          value={email}
          error={fieldErrors.email}
          onChange={(event) => setEmail(event.target.value)}
        />
        <SelectField
          ref={register('language')}
          label={t('adminUsers.user.language')}
          value={language}
          error={fieldErrors.language}
          onChange={(event) => setLanguage(event.target.value as Language)}
        >
          {LANGUAGES.map((code) => (
            <option key={code} value={code}>
              {LANGUAGE_NAMES[code]}
            </option>
          ))}
        </SelectField>
        <fieldset className="field">
          <legend>{t('adminUsers.create.passwordLegend')}</legend>
          <label className="checkbox">
            <input type="radio" name="password-mode" checked={!ownPassword} onChange={() => setOwnPassword(false)} />
            {t('adminUsers.create.generatePassword')}
          </label>
          <label className="checkbox">
            <input type="radio" name="password-mode" checked={ownPassword} onChange={() => setOwnPassword(true)} />
            {t('adminUsers.create.setPassword')}
          </label>
        </fieldset>
        {ownPassword && (
          <TextField
            ref={register('password')}
            type="password"
            label={t('adminUsers.create.password')}
            autoComplete="new-password"
            value={password}
            error={fieldErrors.password}
            onChange={(event) => setPassword(event.target.value)}
          />
        )}
        <p className="field-hint">{t('adminUsers.create.passwordHint')}</p>
        <div className="button-row">
          <button type="submit" className="button button-primary" disabled={submitting}>
            {submitting ? t('adminUsers.saving') : t('adminUsers.create.submit')}
          </button>
          <button type="button" className="button" onClick={onCancel}>
            {t('adminUsers.cancel')}
          </button>
        </div>
      </form>
    </section>
  )
}

/** The one-time password, shown exactly once after the user was created. */
export function CreatedNotice({ created, onOpen }: { created: CreateUserResponse; onOpen: () => void }) {
  const { t } = useTranslation()
  const heading = useRef<HTMLHeadingElement>(null)
  useEffect(() => heading.current?.focus(), [])
  return (
    <section className="panel" aria-labelledby="created-heading">
      <h2 id="created-heading" tabIndex={-1} ref={heading}>
        {t('adminUsers.create.created', { name: created.user.displayName })}
      </h2>
      {created.initialPassword ? (
        <>
          <p>{t('adminUsers.create.oneTimePasswordIntro', { username: created.user.username })}</p>
          <p className="one-time-password">
            <span className="visually-hidden">{t('adminUsers.create.oneTimePassword')}: </span>
            <code>{created.initialPassword}</code>
          </p>
          <p>{t('adminUsers.create.oneTimePasswordNote')}</p>
        </>
      ) : (
        <p>{t('adminUsers.create.ownPasswordNote')}</p>
      )}
      <button type="button" className="button button-primary" onClick={onOpen}>
        {t('adminUsers.create.openUser')}
      </button>
    </section>
  )
}

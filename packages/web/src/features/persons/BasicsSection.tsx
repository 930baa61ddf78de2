import type { PersonDetails, PersonUpdate } from '@huoma/contract'
import { useEffect, useRef, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { ApiError, describeError, type ErrorText } from '../../api/client'
import { ErrorAlert } from '../../components/Alert'
import { TextField } from '../../components/TextField'
import { can, useUser } from '../../session/context'
import { personsApi } from './api'
import { codeLabel, codesOf, languageName } from './labels'
import { SelectField } from './SelectField'
import { splitFieldErrors } from '../../lib/fieldErrors'
import { formatRegisterDate } from '../../lib/format'
import { FoldingPanel } from '../../components/FoldingPanel'

const FIELDS = ['firstNames', 'lastName', 'callingName', 'nativeLanguage', 'serviceLanguage', 'phone', 'email'] as const
type Field = (typeof FIELDS)[number]
type Values = Record<Field, string>

function valuesOf(p: PersonDetails): Values {
  return {
    firstNames: p.firstNames,
    lastName: p.lastName,
    callingName: p.callingName ?? '',
    nativeLanguage: p.nativeLanguage ?? '',
    serviceLanguage: p.serviceLanguage,
    phone: p.phone ?? '',
    email: p.email ?? '',
  }
}

interface BasicsSectionProps {
  person: PersonDetails
  onSaved: () => void
  /** The server refused a stale version (409): the card reloads and says the data changed. */
  onConflict: (text: ErrorText) => void
  onEdit: () => void
}

/** Perustiedot: names and languages, and the form that changes them (and the phone and email) under optimistic locking. */
export function BasicsSection({ person, onSaved, onConflict, onEdit }: BasicsSectionProps) {
  const { t, i18n } = useTranslation()
  const user = useUser()
  const [editing, setEditing] = useState(false)
  const [saved, setSaved] = useState(false)
  const editButton = useRef<HTMLButtonElement>(null)
  const wasEditing = useRef(false)

  useEffect(() => {
    if (wasEditing.current && !editing) editButton.current?.focus()
    wasEditing.current = editing
  }, [editing])

  return (
    <FoldingPanel panel="card:basics" className="card-section" title={t('persons.card.basics')} actions={
        <>
        {can(user, 'persons:update') && !editing && (
          <button
            ref={editButton}
            type="button"
            className="button button-small"
            aria-label={t('persons.card.editBasics')}
            onClick={() => {
              setSaved(false)
              onEdit()
              setEditing(true)
            }}
          >
            {t('persons.card.edit')}
          </button>
        )}
        </>
      }>
      <div role="status" className="status-region">
        {saved && <p className="notice">{t('persons.card.saved')}</p>}
      </div>
      {editing ? (
        <BasicsForm
          person={person}
          onCancel={() => setEditing(false)}
          onSaved={() => {
            setEditing(false)
            setSaved(true)
            onSaved()
          }}
          onConflict={(text) => {
            setEditing(false)
            onConflict(text)
          }}
        />
      ) : (
        <dl className="facts">
          <dt>{t('persons.register.lastName')}</dt>
          <dd>{person.lastName}</dd>
          <dt>{t('persons.register.firstNames')}</dt>
          <dd>{person.firstNames}</dd>
          {person.callingName && (
            <>
              <dt>{t('persons.register.callingName')}</dt>
              <dd>{person.callingName}</dd>
            </>
          )}
          <dt>{t('persons.register.birthDate')}</dt>
          <dd>{formatRegisterDate(person.birthDate) || '–'}</dd>
          <dt>{t('persons.register.nativeLanguage')}</dt>
          <dd>{person.nativeLanguage ? languageName(person.nativeLanguage, i18n.language) : '–'}</dd>
          <dt>{t('persons.register.serviceLanguage')}</dt>
          <dd>{codeLabel(t, 'serviceLanguages', person.serviceLanguage)}</dd>
        </dl>
      )}
    </FoldingPanel>
  )
}

function BasicsForm({
  person,
  onCancel,
  onSaved,
  onConflict,
}: {
  person: PersonDetails
  onCancel: () => void
  onSaved: () => void
  onConflict: (text: ErrorText) => void
}) {
  const { t } = useTranslation()
  const [values, setValues] = useState<Values>(() => valuesOf(person))
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({})
  const [error, setError] = useState<{ text: ErrorText; messages: string[] }>()
  const [saving, setSaving] = useState(false)
  const form = useRef<HTMLFormElement>(null)

  useEffect(() => {
    form.current?.querySelector<HTMLInputElement>('input')?.focus()
  }, [])

  const set = (field: Field) => (event: { target: { value: string } }) => setValues((v) => ({ ...v, [field]: event.target.value }))

  function focusFirst(byField: Partial<Record<Field, string>>) {
    const first = FIELDS.find((f) => byField[f])
    if (first) form.current?.querySelector<HTMLElement>(`[name="${first}"]`)?.focus()
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    const missing: Partial<Record<Field, string>> = {}
    if (!values.firstNames.trim()) missing.firstNames = t('persons.register.firstNamesRequired')
    if (!values.lastName.trim()) missing.lastName = t('persons.register.lastNameRequired')
    setErrors(missing)
    setError(undefined)
    if (Object.keys(missing).length) return focusFirst(missing)
    const orNull = (s: string) => s.trim() || null
    const body: PersonUpdate = {
      version: person.version,
      firstNames: values.firstNames.trim(),
      lastName: values.lastName.trim(),
      callingName: orNull(values.callingName),
      nativeLanguage: orNull(values.nativeLanguage.toLowerCase()),
      serviceLanguage: values.serviceLanguage as PersonUpdate['serviceLanguage'],
      phone: orNull(values.phone),
      email: orNull(values.email),
    }
    setSaving(true)
    try {
      await personsApi.update(person.id, body)
      onSaved()
    } catch (failure) {
      setSaving(false)
      if (failure instanceof ApiError && failure.status === 409) return onConflict(describeError(failure))
      const { byField, other } = failure instanceof ApiError ? splitFieldErrors(failure.problem, FIELDS) : { byField: {}, other: [] }
      setErrors(byField)
      setError({ text: describeError(failure), messages: other })
      focusFirst(byField)
    }
  }

  return (
    <form ref={form} noValidate onSubmit={submit} className="form form-grid">
      <ErrorAlert error={error?.text} messages={error?.messages} />
      <TextField name="lastName" label={t('persons.register.lastName')} value={values.lastName} onChange={set('lastName')} error={errors.lastName} maxLength={200} />
      <TextField name="firstNames" label={t('persons.register.firstNames')} value={values.firstNames} onChange={set('firstNames')} error={errors.firstNames} maxLength={200} />
      <TextField name="callingName" label={t('persons.register.callingName')} value={values.callingName} onChange={set('callingName')} error={errors.callingName} maxLength={100} />
      <TextField
        name="nativeLanguage"
        label={`${t('persons.register.nativeLanguage')} (${t('persons.card.nativeLanguageHint')})`}
        value={values.nativeLanguage}
        onChange={set('nativeLanguage')}
        error={errors.nativeLanguage}
        maxLength={3}
        spellCheck={false}
      />
      <SelectField
        name="serviceLanguage"
        label={t('persons.register.serviceLanguage')}
        value={values.serviceLanguage}
        onChange={set('serviceLanguage')}
        error={errors.serviceLanguage}
        options={codesOf('serviceLanguages').map((c) => ({ value: c, label: codeLabel(t, 'serviceLanguages', c) }))}
      />
      <TextField name="phone" type="tel" label={t('persons.register.phone')} value={values.phone} onChange={set('phone')} error={errors.phone} autoComplete="off" />
      <TextField name="email" type="email" label={t('persons.register.email')} value={values.email} onChange={set('email')} error={errors.email} autoComplete="off" />
      <div className="form-buttons">
        <button type="submit" className="button button-primary" disabled={saving}>
          {saving ? t('persons.card.saving') : t('persons.card.save')}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          {t('persons.card.cancel')}
        </button>
      </div>
    </form>
  )
}

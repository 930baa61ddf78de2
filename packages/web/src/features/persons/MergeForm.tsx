import type { PersonDetails } from '@huoma/contract'
import { useId, useRef, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { useNavigate } from 'react-router'
import { ApiError, describeError, type ErrorText } from '../../api/client'
import { ErrorAlert } from '../../components/Alert'
import { TextField } from '../../components/TextField'
import { splitFieldErrors } from '../../lib/fieldErrors'
import { personsApi } from './api'

/** A temporary identity: no henkilötunnus (an `<OID>.99.<n>` id), or one with an individual number 900–999. */
export function isTemporaryIdentity(person: Pick<PersonDetails, 'hetu'>): boolean {
  if (!person.hetu) return true
  const individual = Number(person.hetu.slice(7, 10))
  return Number.isInteger(individual) && individual >= 900
}

const FIELDS = ['hetu', 'reason'] as const
type Field = (typeof FIELDS)[number]

/**
 * "Yhdistä henkilötunnukseen": the real henkilötunnus of a person registered with a temporary identity. The server
 * sets it on this person when nobody has it, or moves every record of this person to its holder; then the card of
 * the surviving person opens.
 */
export function MergeForm({ person, onCancel, onIdentified }: { person: PersonDetails; onCancel: () => void; onIdentified: () => void }) {
  const { t } = useTranslation()
  const id = useId()
  const navigate = useNavigate()
  const [values, setValues] = useState({ hetu: '', reason: '' })
  const [confirming, setConfirming] = useState(false)
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({})
  const [error, setError] = useState<{ text: ErrorText; messages: string[] }>()
  const [busy, setBusy] = useState(false)
  const form = useRef<HTMLFormElement>(null)
  const set = (k: Field) => (e: { target: { value: string } }) => setValues((v) => ({ ...v, [k]: e.target.value }))

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    const found: Partial<Record<Field, string>> = {}
    if (!values.hetu.trim()) found.hetu = t('persons.merge.hetuRequired')
    if (values.reason.trim().length < 5) found.reason = t('persons.merge.reasonRequired')
    setErrors(found)
    setError(undefined)
    const first = FIELDS.find((f) => found[f])
    if (first) return form.current?.querySelector<HTMLElement>(`[name="${first}"]`)?.focus()
    if (!confirming) return setConfirming(true)
    setBusy(true)
    try {
      const result = await personsApi.merge(person.id, {
        hetu: values.hetu.trim().toUpperCase(),
        reason: values.reason.trim(),
        version: person.version,
      })
      if (result.outcome === 'merged') void navigate(`/persons/${result.personId}`, { state: { merged: true } })
      else onIdentified()
    } catch (failure) {
      setBusy(false)
      setConfirming(false)
      const { byField, other } = failure instanceof ApiError ? splitFieldErrors(failure.problem, FIELDS) : { byField: {}, other: [] }
      setErrors(byField)
      setError({ text: describeError(failure), messages: other })
      const invalid = FIELDS.find((f) => byField[f])
      if (invalid) form.current?.querySelector<HTMLElement>(`[name="${invalid}"]`)?.focus()
    }
  }

  return (
    <form ref={form} noValidate onSubmit={submit} className="form subform panel" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="subheading">
        {t('persons.merge.title')}
      </h2>
      <p className="muted">{t('persons.merge.explain')}</p>
      <ErrorAlert error={error?.text} messages={error?.messages} />
      <div className="form-row">
        <TextField name="hetu" label={t('persons.merge.hetu')} value={values.hetu} onChange={set('hetu')} error={errors.hetu} autoComplete="off" />
        <TextField name="reason" label={t('persons.merge.reason')} value={values.reason} onChange={set('reason')} error={errors.reason} autoComplete="off" />
      </div>
      {confirming && (
        <p role="alert" className="notice">
          {t('persons.merge.confirm', { hetu: values.hetu.trim().toUpperCase() })}
        </p>
      )}
      <div className="form-buttons">
        <button type="submit" className="button button-primary" disabled={busy}>
          {confirming ? t('persons.merge.confirmButton') : t('persons.merge.submit')}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          {t('persons.card.cancel')}
        </button>
      </div>
    </form>
  )
}

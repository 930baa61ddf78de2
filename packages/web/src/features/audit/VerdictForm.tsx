import type { VerdictRequest } from '@huoma/contract'
import { useId, useRef, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { ApiError, describeError, type ErrorText } from '../../api/client'
import { ErrorAlert } from '../../components/Alert'
import { VERDICTS, type VerdictCode } from './format'
import { splitFieldErrors } from '../../lib/fieldErrors'

/**
 * Closes one reviewed access: a verdict (radio group) and its grounds (required). `save` sends them to the verdict endpoint.
 * `label` names the access the form is about, so that every form on the page has its own accessible name.
 */
export function VerdictForm({ save, label, onSaved }: { save: (body: VerdictRequest) => Promise<unknown>; label: string; onSaved: () => void }) {
  const { t } = useTranslation()
  const id = useId()
  const [verdict, setVerdict] = useState<VerdictCode>()
  const [note, setNote] = useState('')
  const [errors, setErrors] = useState<{ verdict?: string; note?: string }>({})
  const [error, setError] = useState<{ text: ErrorText; messages: string[] }>()
  const [saving, setSaving] = useState(false)
  const firstRadio = useRef<HTMLInputElement>(null)
  const noteInput = useRef<HTMLTextAreaElement>(null)

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    const missing = {
      ...(verdict ? {} : { verdict: t('audit.verdict.verdictRequired') }),
      ...(note.trim() ? {} : { note: t('audit.verdict.noteRequired') }),
    }
    setErrors(missing)
    setError(undefined)
    if (!verdict) return firstRadio.current?.focus()
    if (missing.note) return noteInput.current?.focus()
    setSaving(true)
    try {
      await save({ verdict, note })
      onSaved()
    } catch (failure) {
      const { byField, other } = failure instanceof ApiError ? splitFieldErrors(failure.problem, ['verdict', 'note'] as const) : { byField: {}, other: [] }
      setErrors(byField)
      setError({ text: describeError(failure), messages: other })
      setSaving(false)
    }
  }

  const noteId = `${id}-note`
  return (
    <form noValidate onSubmit={submit} className="verdict-form" aria-label={label}>
      <ErrorAlert error={error?.text} messages={error?.messages} />
      <fieldset className={errors.verdict ? 'field field-invalid' : 'field'} aria-describedby={errors.verdict ? `${id}-verdict-error` : undefined}>
        <legend>{t('audit.verdict.legend')}</legend>
        <div className="radio-row">
          {VERDICTS.map((code, index) => (
            <label key={code} className="radio">
              <input
                ref={index === 0 ? firstRadio : undefined}
                type="radio"
                name={`${id}-verdict`}
                value={code}
                checked={verdict === code}
                onChange={() => setVerdict(code)}
              />
              {t(`audit.verdicts.${code}`)}
            </label>
          ))}
        </div>
        {errors.verdict && (
          <p id={`${id}-verdict-error`} className="field-error">
            {errors.verdict}
          </p>
        )}
      </fieldset>
      <div className={errors.note ? 'field field-invalid' : 'field'}>
        <label htmlFor={noteId}>{t('audit.verdict.note')}</label>
        <textarea
          ref={noteInput}
          id={noteId}
          rows={2}
          maxLength={2000}
          value={note}
          aria-invalid={errors.note ? true : undefined}
          aria-describedby={errors.note ? `${noteId}-error` : undefined}
          onChange={(e) => setNote(e.target.value)}
        />
        {errors.note && (
          <p id={`${noteId}-error`} className="field-error">
            {errors.note}
          </p>
        )}
      </div>
      <button type="submit" className="button button-primary" disabled={saving}>
        {saving ? t('audit.verdict.saving') : t('audit.verdict.submit')}
      </button>
    </form>
  )
}

/** The outcome of a closed review: the verdict, who gave it and when, and the grounds. */
export function ReviewOutcome({ verdict, note, by, at }: { verdict: string; note: string | null; by: string | null; at: string | null }) {
  const { t } = useTranslation()
  return (
    <div className={`review-outcome review-${verdict}`}>
      <p className="review-verdict">{t('audit.verdict.reviewed', { verdict: t(`audit.verdicts.${verdict}`, { defaultValue: verdict }) })}</p>
      {note && <p className="review-note">{note}</p>}
      {by && at && <p className="muted">{t('audit.verdict.reviewedBy', { name: by, date: at })}</p>}
    </div>
  )
}

import { useId, useRef, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { ApiError, describeError, type ErrorText } from '../../api/client'
import { ErrorAlert } from '../../components/Alert'
import { TextField } from '../../components/TextField'
import { currentLanguage } from '../../lib/language'
import { downloadAccessReport } from './api'
import { ClientFinder } from './ClientFinder'
import { UUID_PATTERN } from './format'
import { splitFieldErrors } from '../../lib/fieldErrors'
import { isMeaningfulReason } from '../../lib/reason'
import { addMonths, todayInHelsinki } from '../../lib/format'

const FIELDS = ['personId', 'from', 'to', 'reason'] as const
type Field = (typeof FIELDS)[number]

/** Selvitys asiakkaalle: "who has processed my data" as a PDF in Finnish or Swedish. */
export function ClientReport({ clientId }: { clientId: string }) {
  const { t } = useTranslation()
  const id = useId()
  const today = todayInHelsinki()
  const twoYearsBack = addMonths(today, -24)
  const [personId, setPersonId] = useState(clientId)
  const [unresolved, setUnresolved] = useState(false)
  const [language, setLanguage] = useState<'fi' | 'sv'>(currentLanguage() === 'sv' ? 'sv' : 'fi')
  const [from, setFrom] = useState(twoYearsBack)
  const [to, setTo] = useState(today)
  const [reason, setReason] = useState('')
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({})
  const [error, setError] = useState<{ text: ErrorText; messages: string[] }>()
  const [busy, setBusy] = useState(false)
  const [done, setDone] = useState(false)
  const personIdInput = useRef<HTMLInputElement>(null)
  const fromInput = useRef<HTMLInputElement>(null)
  const toInput = useRef<HTMLInputElement>(null)
  const reasonInput = useRef<HTMLTextAreaElement>(null)
  const needsReason = from !== '' && from < twoYearsBack

  function focusFirst(found: Partial<Record<Field, string>>) {
    const first = FIELDS.find((f) => found[f])
    const input = { personId: personIdInput, from: fromInput, to: toInput, reason: reasonInput }
    if (first) input[first].current?.focus()
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    setDone(false)
    setError(undefined)
    const found: Partial<Record<Field, string>> = {}
    const trimmed = personId.trim()
    if (!trimmed) found.personId = unresolved ? t('audit.finder.choose') : t('audit.report.clientRequired')
    else if (!UUID_PATTERN.test(trimmed)) found.personId = t('audit.common.invalidId')
    if (needsReason && !isMeaningfulReason(reason)) found.reason = t('audit.report.reasonRequired')
    setErrors(found)
    if (Object.keys(found).length) return focusFirst(found)
    setBusy(true)
    try {
      await downloadAccessReport({
        personId: trimmed,
        language,
        ...(from ? { from } : {}),
        ...(to ? { to } : {}),
        ...(needsReason ? { reason } : {}),
      })
      setDone(true)
    } catch (failure) {
      const { byField, other } = failure instanceof ApiError ? splitFieldErrors(failure.problem, FIELDS) : { byField: {}, other: [] }
      setErrors(byField)
      setError({ text: describeError(failure), messages: other })
      focusFirst(byField)
    } finally {
      setBusy(false)
    }
  }

  const reasonId = `${id}-reason`
  return (
    <section aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{t('audit.report.heading')}</h2>
      <p className="lead">{t('audit.report.intro')}</p>
      <ErrorAlert error={error?.text} messages={error?.messages} />
      <div role="status" className="status-region">
        {done && <p className="notice">{t('audit.report.done')}</p>}
      </div>
      <form noValidate onSubmit={submit} className="form report-form">
        <ClientFinder
          inputRef={personIdInput}
          label={t('audit.finder.label')}
          value={personId}
          onChange={(chosen, pending) => {
            setPersonId(chosen)
            setUnresolved(pending)
          }}
          error={errors.personId}
        />
        <fieldset className="field">
          <legend>{t('audit.report.language')}</legend>
          <div className="radio-row">
            {(['fi', 'sv'] as const).map((code) => (
              <label key={code} className="radio">
                <input type="radio" name={`${id}-language`} value={code} checked={language === code} onChange={() => setLanguage(code)} />
                {t(`audit.report.${code}`)}
              </label>
            ))}
          </div>
        </fieldset>
        <div className="filter-grid">
          <TextField ref={fromInput} type="date" label={t('audit.report.from')} name="from" value={from} max={to || today} onChange={(e) => setFrom(e.target.value)} error={errors.from} />
          <TextField ref={toInput} type="date" label={t('audit.report.to')} name="to" value={to} max={today} onChange={(e) => setTo(e.target.value)} error={errors.to} />
        </div>
        <div className={errors.reason ? 'field field-invalid' : 'field'}>
          <label htmlFor={reasonId}>{t('audit.report.reason')}</label>
          <p id={`${reasonId}-hint`} className="field-hint">
            {t('audit.report.reasonHint')}
          </p>
          <textarea
            ref={reasonInput}
            id={reasonId}
            rows={3}
            maxLength={2000}
            value={reason}
            required={needsReason}
            aria-required={needsReason}
            aria-invalid={errors.reason ? true : undefined}
            aria-describedby={[`${reasonId}-hint`, errors.reason ? `${reasonId}-error` : ''].filter(Boolean).join(' ')}
            onChange={(e) => setReason(e.target.value)}
          />
          {errors.reason && (
            <p id={`${reasonId}-error`} className="field-error">
              {errors.reason}
            </p>
          )}
        </div>
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? t('audit.report.downloading') : t('audit.report.submit')}
        </button>
      </form>
    </section>
  )
}

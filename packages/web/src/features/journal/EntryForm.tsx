import { JOURNAL_ENTRY_TYPES, type JournalEntryType, type JournalVersion } from '@huoma/contract'
import { useEffect, useId, useRef, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { ApiError, describeError, type ErrorText } from '../../api/client'
import { ErrorAlert } from '../../components/Alert'
import { splitFieldErrors } from '../../lib/fieldErrors'
import { todayInHelsinki } from '../../lib/format'

export interface EntryValues {
  type: JournalEntryType
  eventDate: string
  eventTime: string | null
  staffParticipants: string[]
  otherParticipants: string[]
  text: string
  reason: string
}

const FIELDS = ['type', 'eventDate', 'eventTime', 'otherParticipants', 'text', 'reason'] as const
type Field = (typeof FIELDS)[number]

const meaningful = (text: string, min: number) => text.replace(/[^\p{L}\p{N}]/gu, '').length >= min

/**
 * The form of a journal entry: a new draft, an edit of one's own draft, or a correction of a signed entry (which
 * adds the required reason). It takes the focus when it opens; errors are shown at their fields and announced.
 */
export function EntryForm({
  mode,
  initial,
  userId,
  onSubmit,
  onCancel,
}: {
  mode: 'new' | 'edit' | 'correct'
  initial?: JournalVersion | undefined
  userId: string
  onSubmit: (values: EntryValues) => Promise<void>
  onCancel: () => void
}) {
  const { t } = useTranslation()
  const id = useId()
  const heading = useRef<HTMLHeadingElement>(null)
  const [type, setType] = useState<JournalEntryType>(initial?.type ?? 'meeting')
  const [eventDate, setEventDate] = useState(initial?.eventDate ?? todayInHelsinki())
  const [eventTime, setEventTime] = useState(initial?.eventTime ?? '')
  const initialStaff = initial?.staffParticipants.map((p) => p.id) ?? [userId]
  const [self, setSelf] = useState(initialStaff.includes(userId))
  const [others, setOthers] = useState((initial?.otherParticipants ?? []).join('\n'))
  const [text, setText] = useState(initial?.text ?? '')
  const [reason, setReason] = useState('')
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({})
  const [error, setError] = useState<{ text: ErrorText; messages: string[] }>()
  const [busy, setBusy] = useState(false)
  const refs = useRef<Partial<Record<Field, HTMLElement | null>>>({})

  useEffect(() => heading.current?.focus(), [])

  const title = mode === 'new' ? t('journal.formNew') : mode === 'edit' ? t('journal.formEdit') : t('journal.formCorrect')

  function focusFirst(found: Partial<Record<Field, string>>) {
    const first = FIELDS.find((f) => found[f])
    if (first) refs.current[first]?.focus()
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    const found: Partial<Record<Field, string>> = {}
    if (!eventDate) found.eventDate = t('journal.required')
    if (!text.trim()) found.text = t('journal.required')
    if (mode === 'correct' && !meaningful(reason, 5)) found.reason = t('journal.reasonRequired')
    setErrors(found)
    setError(undefined)
    if (Object.keys(found).length) return focusFirst(found)
    const staff = initialStaff.filter((p) => p !== userId)
    if (self) staff.unshift(userId)
    setBusy(true)
    try {
      await onSubmit({
        type,
        eventDate,
        eventTime: eventTime || null,
        staffParticipants: staff,
        otherParticipants: others
          .split('\n')
          .map((line) => line.trim())
          .filter(Boolean),
        text,
        reason,
      })
    } catch (failure) {
      const { byField, other } = failure instanceof ApiError ? splitFieldErrors(failure.problem, FIELDS) : { byField: {}, other: [] }
      setErrors(byField)
      setError({ text: describeError(failure), messages: other })
      setBusy(false)
      focusFirst(byField)
    }
  }

  const field = (name: Field) => ({
    id: `${id}-${name}`,
    'aria-invalid': errors[name] ? true : undefined,
    'aria-describedby': errors[name] ? `${id}-${name}-error` : undefined,
  })
  const fieldError = (name: Field) =>
    errors[name] && (
      <p id={`${id}-${name}-error`} className="field-error">
        {errors[name]}
      </p>
    )
  const cls = (name: Field) => (errors[name] ? 'field field-invalid' : 'field')

  return (
    <section className="journal-form" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`} ref={heading} tabIndex={-1}>
        {title}
      </h3>
      {mode === 'correct' && <p className="journal-note">{t('journal.correctIntro')}</p>}
      <ErrorAlert error={error?.text} messages={error?.messages} />
      <form
        noValidate
        onSubmit={submit}
        className="form"
        onKeyDown={(event) => {
          if (event.key === 'Escape') onCancel()
        }}
      >
        <div className="journal-form-row">
          <div className={cls('type')}>
            <label htmlFor={`${id}-type`}>{t('journal.type')}</label>
            <select
              {...field('type')}
              ref={(el) => {
                refs.current.type = el
              }}
              value={type}
              onChange={(e) => setType(e.target.value as JournalEntryType)}
            >
              {JOURNAL_ENTRY_TYPES.map((code) => (
                <option key={code} value={code}>
                  {t(`journal.types.${code}`)}
                </option>
              ))}
            </select>
            {fieldError('type')}
          </div>
          <div className={cls('eventDate')}>
            <label htmlFor={`${id}-eventDate`}>{t('journal.eventDate')}</label>
            <input
              {...field('eventDate')}
              ref={(el) => {
                refs.current.eventDate = el
              }}
              type="date"
              required
              max={todayInHelsinki()}
              value={eventDate}
              onChange={(e) => setEventDate(e.target.value)}
            />
            {fieldError('eventDate')}
          </div>
          <div className={cls('eventTime')}>
            <label htmlFor={`${id}-eventTime`}>{t('journal.eventTime')}</label>
            <input
              {...field('eventTime')}
              ref={(el) => {
                refs.current.eventTime = el
              }}
              type="time"
              value={eventTime}
              onChange={(e) => setEventTime(e.target.value)}
            />
            {fieldError('eventTime')}
          </div>
        </div>
        <fieldset className="journal-participants">
          <legend>{t('journal.participants')}</legend>
          <div className="journal-checkbox">
            <input id={`${id}-self`} type="checkbox" checked={self} onChange={(e) => setSelf(e.target.checked)} />
            <label htmlFor={`${id}-self`}>{t('journal.selfParticipant')}</label>
          </div>
          <div className={cls('otherParticipants')}>
            <label htmlFor={`${id}-otherParticipants`}>{t('journal.otherParticipants')}</label>
            <p id={`${id}-others-hint`} className="field-hint">
              {t('journal.otherParticipantsHint')}
            </p>
            <textarea
              {...field('otherParticipants')}
              aria-describedby={[`${id}-others-hint`, errors.otherParticipants ? `${id}-otherParticipants-error` : ''].filter(Boolean).join(' ')}
              ref={(el) => {
                refs.current.otherParticipants = el
              }}
              rows={2}
              value={others}
              onChange={(e) => setOthers(e.target.value)}
            />
            {fieldError('otherParticipants')}
          </div>
        </fieldset>
        <div className={cls('text')}>
          <label htmlFor={`${id}-text`}>{t('journal.text')}</label>
          <textarea
            {...field('text')}
            ref={(el) => {
              refs.current.text = el
            }}
            rows={8}
            required
            maxLength={20000}
            value={text}
            onChange={(e) => setText(e.target.value)}
          />
          {fieldError('text')}
        </div>
        {mode === 'correct' && (
          <div className={cls('reason')}>
            <label htmlFor={`${id}-reason`}>{t('journal.reasonLabel')}</label>
            <textarea
              {...field('reason')}
              ref={(el) => {
                refs.current.reason = el
              }}
              rows={2}
              required
              maxLength={1000}
              value={reason}
              onChange={(e) => setReason(e.target.value)}
            />
            {fieldError('reason')}
          </div>
        )}
        <div className="button-row">
          <button type="submit" className="button button-primary" disabled={busy}>
            {busy ? t('journal.saving') : mode === 'correct' ? t('journal.saveCorrection') : t('journal.save')}
          </button>
          <button type="button" className="button" onClick={onCancel}>
            {t('journal.cancel')}
          </button>
        </div>
      </form>
    </section>
  )
}

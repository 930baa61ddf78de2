import { JOURNAL_ENTRY_TYPES, JOURNAL_TEXT_MAX, type JournalEntryType, type JournalVersion } from '@huoma/contract'
import { useEffect, useId, useRef, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { ApiError, describeError, type ErrorText } from '../../api/client'
import { CharacterCount } from '../../components/CharacterCount'
import { ConfirmDialog } from '../../components/ConfirmDialog'
import { ErrorSummary } from '../../components/ErrorSummary'
import { useKeptDraft } from '../../components/KeptDraft'
import { UnsavedChangesGuard } from '../../components/UnsavedChangesGuard'
import { characterCount } from '../../lib/characters'
import { splitFieldErrors } from '../../lib/fieldErrors'
import { formatDateTime, todayInHelsinki, uiLocale } from '../../lib/format'

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

/** What the form keeps as its draft in the tab (and compares with what it opened with). */
interface DraftValues {
  type: JournalEntryType
  eventDate: string
  eventTime: string
  self: boolean
  others: string
  text: string
  reason: string
}

/**
 * The form of a journal entry: a new draft, an edit of one's own draft, or a correction of a signed entry (which
 * adds the required reason). It takes the focus when it opens. Nothing written is lost without a word: the text is
 * never cut (a counter shows the limit before it bites, and a text over it is refused with a message at the field),
 * the values are kept in the tab while they are written (`draftKey`) and restored after a reload, leaving the page or
 * cancelling with unsaved text asks first, and errors are listed in a summary at the top that takes the focus and
 * links to the fields.
 */
export function EntryForm({
  mode,
  initial,
  userId,
  draftKey,
  onSubmit,
  onCancel,
}: {
  mode: 'new' | 'edit' | 'correct'
  initial?: JournalVersion | undefined
  userId: string
  /** names this form's draft in the tab: the client, the task, the mode and the entry (the user is prefixed) */
  draftKey: string
  onSubmit: (values: EntryValues) => Promise<void>
  onCancel: () => void
}) {
  const { t } = useTranslation()
  const id = useId()
  const heading = useRef<HTMLHeadingElement>(null)
  const initialStaff = initial?.staffParticipants.map((p) => p.id) ?? [userId]
  const [opened] = useState<DraftValues>(() => ({
    type: initial?.type ?? 'meeting',
    eventDate: initial?.eventDate ?? todayInHelsinki(),
    eventTime: initial?.eventTime ?? '',
    self: initialStaff.includes(userId),
    others: (initial?.otherParticipants ?? []).join('\n'),
    text: initial?.text ?? '',
    reason: '',
  }))
  const [type, setType] = useState<JournalEntryType>(opened.type)
  const [eventDate, setEventDate] = useState(opened.eventDate)
  const [eventTime, setEventTime] = useState(opened.eventTime)
  const [self, setSelf] = useState(opened.self)
  const [others, setOthers] = useState(opened.others)
  const [text, setText] = useState(opened.text)
  const [reason, setReason] = useState(opened.reason)
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({})
  const [error, setError] = useState<{ text: ErrorText; messages: string[] }>()
  const [busy, setBusy] = useState(false)

  useEffect(() => heading.current?.focus(), [])

  // Kept in the tab while it differs from what the form opened with (components/KeptDraft), restored after a reload.
  const values: DraftValues = { type, eventDate, eventTime, self, others, text, reason }
  const draft = useKeptDraft(draftKey, values, (kept) => {
    setType(kept.type)
    setEventDate(kept.eventDate)
    setEventTime(kept.eventTime)
    setSelf(kept.self)
    setOthers(kept.others)
    setText(kept.text)
    setReason(kept.reason)
  })

  const title = mode === 'new' ? t('journal.formNew') : mode === 'edit' ? t('journal.formEdit') : t('journal.formCorrect')
  const max = JOURNAL_TEXT_MAX.toLocaleString(uiLocale())

  const requestCancel = () => draft.cancel(onCancel)

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    const found: Partial<Record<Field, string>> = {}
    if (!eventDate) found.eventDate = t('journal.required')
    if (!text.trim()) found.text = t('journal.required')
    else if (characterCount(text) > JOURNAL_TEXT_MAX) found.text = t('journal.textTooLong', { max })
    if (mode === 'correct' && !meaningful(reason, 5)) found.reason = t('journal.reasonRequired')
    setErrors(found)
    setError(undefined)
    if (Object.keys(found).length) return
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
      // Saved on the server: the copy in the tab is no longer needed.
      draft.discard()
    } catch (failure) {
      const { byField, other } = failure instanceof ApiError ? splitFieldErrors(failure.problem, FIELDS) : { byField: {}, other: [] }
      setErrors(byField)
      setError({ text: describeError(failure), messages: other })
      setBusy(false)
    }
  }

  const summaryItems = [
    ...FIELDS.filter((name) => errors[name]).map((name) => ({ message: errors[name] ?? '', fieldId: `${id}-${name}` })),
    ...(error?.messages ?? []).map((message) => ({ message })),
  ]

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
      {draft.restoredAt && (
        <p className="notice" role="status">
          {t('journal.restored', { time: formatDateTime(draft.restoredAt) })}
        </p>
      )}
      <ErrorSummary error={error?.text} items={summaryItems} />
      <UnsavedChangesGuard when={draft.dirty && !busy} />
      <form
        noValidate
        onSubmit={submit}
        className="form"
        onKeyDown={(event) => {
          if (event.key === 'Escape') requestCancel()
        }}
      >
        <div className="journal-form-row">
          <div className={cls('type')}>
            <label htmlFor={`${id}-type`}>{t('journal.type')}</label>
            <select
              {...field('type')}
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
            aria-describedby={[`${id}-text-count`, errors.text ? `${id}-text-error` : ''].filter(Boolean).join(' ')}
            rows={8}
            required
            value={text}
            onChange={(e) => setText(e.target.value)}
          />
          {fieldError('text')}
          <CharacterCount id={`${id}-text-count`} value={text} max={JOURNAL_TEXT_MAX} />
        </div>
        {mode === 'correct' && (
          <div className={cls('reason')}>
            <label htmlFor={`${id}-reason`}>{t('journal.reasonLabel')}</label>
            <textarea
              {...field('reason')}
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
          <button type="button" className="button" onClick={requestCancel}>
            {t('journal.cancel')}
          </button>
        </div>
      </form>
      {draft.confirming && (
        <ConfirmDialog
          title={t('journal.discardTitle')}
          confirmLabel={t('journal.discardConfirm')}
          cancelLabel={t('journal.keepWriting')}
          busy={false}
          danger
          onConfirm={() => {
            const go = draft.confirming
            draft.stopConfirming()
            go?.()
          }}
          onCancel={draft.stopConfirming}
        >
          <p>{t('journal.discardWarning')}</p>
        </ConfirmDialog>
      )}
    </section>
  )
}

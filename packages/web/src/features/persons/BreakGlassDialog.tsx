import { personsEndpoints, type BreakGlassAccess } from '@huoma/contract'
import { useEffect, useId, useRef, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { ApiError, describeError, type ErrorText } from '../../api/client'
import { useEndpoint } from '../../api/endpoint'
import { ErrorAlert } from '../../components/Alert'
import './break-glass.css'
import { splitFieldErrors } from '../../lib/fieldErrors'
import { isMeaningfulReason } from '../../lib/reason'
import { personsApi } from './api'

const FIELDS = ['serviceTask', 'reason'] as const
type Field = (typeof FIELDS)[number]

export interface BreakGlassDialogProps {
  /** The person to open: the id of a hidden match (a search never reveals more). */
  personId: string
  onClose: () => void
  onOpened: (access: BreakGlassAccess) => void
}

/**
 * Break the glass: a modal dialog asking for the service task and the reason, with a clear warning that the access
 * is logged and reviewed. Rendered only while open; a native <dialog> shown with showModal() keeps the focus inside,
 * closes on Escape and gives the focus back to the button that opened it.
 */
export function BreakGlassDialog({ personId, onClose, onOpened }: BreakGlassDialogProps) {
  const { t } = useTranslation()
  const id = useId()
  const dialog = useRef<HTMLDialogElement>(null)
  const taskSelect = useRef<HTMLSelectElement>(null)
  const reasonInput = useRef<HTMLTextAreaElement>(null)
  const tasks = useEndpoint(personsEndpoints['persons.breakGlassServiceTasks'])
  const [serviceTask, setServiceTask] = useState('')
  const [reason, setReason] = useState('')
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({})
  const [error, setError] = useState<{ text: ErrorText; messages: string[] }>()
  const [submitting, setSubmitting] = useState(false)

  useEffect(() => {
    const element = dialog.current
    if (!element) return
    const previous = document.activeElement instanceof HTMLElement ? document.activeElement : null
    if (typeof element.showModal === 'function') element.showModal()
    else element.setAttribute('open', '')
    return () => {
      if (element.open && typeof element.close === 'function') element.close()
      previous?.focus()
    }
  }, [])

  // One service task: choose it. Then start where the user has something to do.
  const options = tasks.status === 'success' ? tasks.data.serviceTasks : []
  const only = options.length === 1 ? options[0]?.code : undefined
  const chosen = serviceTask || only || ''
  useEffect(() => {
    if (tasks.status !== 'success') return
    if (only) reasonInput.current?.focus()
    else taskSelect.current?.focus()
  }, [tasks.status, only])

  function focusField(field: Field) {
    if (field === 'serviceTask') taskSelect.current?.focus()
    else reasonInput.current?.focus()
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    const found: Partial<Record<Field, string>> = {}
    if (!chosen) found.serviceTask = t('breakGlass.dialog.taskRequired')
    if (!isMeaningfulReason(reason)) found.reason = t('breakGlass.dialog.reasonRequired')
    setErrors(found)
    setError(undefined)
    const first = FIELDS.find((f) => found[f])
    if (first) return focusField(first)
    setSubmitting(true)
    try {
      const access = await personsApi.breakGlass(personId, { serviceTask: chosen, reason })
      onOpened(access)
    } catch (failure) {
      const { byField, other } = failure instanceof ApiError ? splitFieldErrors(failure.problem, FIELDS) : { byField: {}, other: [] }
      setErrors(byField)
      setError({ text: describeError(failure), messages: other })
      setSubmitting(false)
      const firstInvalid = FIELDS.find((f) => byField[f])
      if (firstInvalid) focusField(firstInvalid)
    }
  }

  const taskId = `${id}-task`
  const reasonId = `${id}-reason`
  return (
    <dialog
      ref={dialog}
      className="break-glass-dialog"
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-warning`}
      onCancel={(event) => {
        event.preventDefault()
        onClose()
      }}
      onKeyDown={(event) => {
        // Where the browser has no modal dialog (tests), Escape still closes.
        if (event.key === 'Escape' && typeof dialog.current?.showModal !== 'function') onClose()
      }}
    >
      <h2 id={`${id}-title`}>{t('breakGlass.dialog.title')}</h2>
      <p id={`${id}-warning`} className="break-glass-warning">
        {t('breakGlass.dialog.warning', { hours: tasks.status === 'success' ? tasks.data.hours : 24 })}
      </p>
      <ErrorAlert error={error?.text ?? (tasks.status === 'error' ? tasks.error : undefined)} messages={error?.messages} />
      {tasks.status === 'loading' && <p role="status">{t('breakGlass.dialog.loading')}</p>}
      {tasks.status === 'success' && options.length === 0 && <p>{t('breakGlass.dialog.noTasks')}</p>}
      <form noValidate onSubmit={submit} className="form">
        <div className={errors.serviceTask ? 'field field-invalid' : 'field'}>
          <label htmlFor={taskId}>{t('breakGlass.dialog.serviceTask')}</label>
          <select
            ref={taskSelect}
            id={taskId}
            value={chosen}
            required
            aria-invalid={errors.serviceTask ? true : undefined}
            aria-describedby={errors.serviceTask ? `${taskId}-error` : undefined}
            onChange={(e) => setServiceTask(e.target.value)}
          >
            <option value="">{t('breakGlass.dialog.chooseTask')}</option>
            {options.map((o) => (
              <option key={o.code} value={o.code}>
                {o.name}
              </option>
            ))}
          </select>
          {errors.serviceTask && (
            <p id={`${taskId}-error`} className="field-error">
              {errors.serviceTask}
            </p>
          )}
        </div>
        <div className={errors.reason ? 'field field-invalid' : 'field'}>
          <label htmlFor={reasonId}>{t('breakGlass.dialog.reason')}</label>
          <p id={`${reasonId}-hint`} className="field-hint">
            {t('breakGlass.dialog.reasonHint')}
          </p>
          <textarea
            ref={reasonInput}
            id={reasonId}
            rows={4}
            maxLength={2000}
            required
            value={reason}
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
        <div className="dialog-buttons">
          <button type="submit" className="button button-danger" disabled={submitting || tasks.status !== 'success' || options.length === 0}>
            {submitting ? t('breakGlass.dialog.submitting') : t('breakGlass.dialog.submit')}
          </button>
          <button type="button" className="button" onClick={onClose}>
            {t('breakGlass.dialog.cancel')}
          </button>
        </div>
      </form>
    </dialog>
  )
}

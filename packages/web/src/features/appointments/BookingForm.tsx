import { APPOINTMENT_PLACES, type Appointment, type AppointmentPlace, type PersonSummary } from '@huoma/contract'
import { useEffect, useId, useRef, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { ApiError, describeError, type ErrorText } from '../../api/client'
import { ErrorAlert } from '../../components/Alert'
import { bookAppointment, searchClients } from './api'
import { splitFieldErrors } from '../../lib/fieldErrors'
import { formatDate } from '../../lib/format'

const SERVICE_TASKS = [
  'adult_social_work',
  'income_support',
  'child_welfare',
  'family_services',
  'disability_services',
  'substance_mental_health',
  'child_maintenance',
  'client_fees',
] as const

const FIELDS = ['client', 'serviceTask', 'date', 'start', 'end', 'place', 'workerId'] as const
type Field = (typeof FIELDS)[number]

type Search = { status: 'idle' } | { status: 'loading' } | { status: 'done'; persons: PersonSummary[] } | { status: 'error'; error: ErrorText }

/**
 * Books an appointment of the signed-in worker: the client is picked from a name search (only clients the user may
 * see are found), then the service task, day, times and place. The server's field messages (e.g. an overlapping
 * booking) are shown at their fields. A click on an empty slot of the time grid opens it with that day and time
 * filled in (`defaultStart`, `defaultEnd`) and the focus in the client search (`focusOnOpen`). Opened from the client
 * card it has the client already (`fixedClient`: no search) and the user's one service task with them, if one.
 */
export function BookingForm({
  workerId,
  defaultDate,
  defaultStart = '',
  defaultEnd = '',
  focusOnOpen = false,
  fixedClient,
  defaultServiceTask = '',
  headingLevel = 2,
  onBooked,
  onCancel,
}: {
  workerId: string
  defaultDate: string
  defaultStart?: string | undefined
  defaultEnd?: string | undefined
  focusOnOpen?: boolean
  /** The client the booking is for, chosen already (the client card): no search is shown. */
  fixedClient?: { id: string; name: string } | undefined
  defaultServiceTask?: string | undefined
  /** The level of the form's heading (3 inside a card section). */
  headingLevel?: 2 | 3
  onBooked: (a: Appointment) => void
  onCancel: () => void
}) {
  const { t } = useTranslation()
  const id = useId()
  const [query, setQuery] = useState('')
  const [search, setSearch] = useState<Search>({ status: 'idle' })
  const [client, setClient] = useState<{ id: string } | undefined>(fixedClient)
  const [serviceTask, setServiceTask] = useState(defaultServiceTask)
  const [date, setDate] = useState(defaultDate)
  const [start, setStart] = useState(defaultStart)
  const [end, setEnd] = useState(defaultEnd)
  const searchBox = useRef<HTMLInputElement>(null)
  const firstField = useRef<HTMLSelectElement>(null)
  useEffect(() => {
    if (focusOnOpen) (fixedClient ? firstField.current : searchBox.current)?.focus()
  }, [focusOnOpen, fixedClient])
  const [place, setPlace] = useState<AppointmentPlace | ''>('office')
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({})
  const [error, setError] = useState<{ text: ErrorText; messages: string[] } | undefined>(undefined)
  const [busy, setBusy] = useState(false)

  const term = query.trim()
  useEffect(() => {
    if (term.length < 2) return
    const controller = new AbortController()
    const timer = setTimeout(() => {
      setSearch({ status: 'loading' })
      searchClients(term, controller.signal).then(
        (result) => setSearch({ status: 'done', persons: result.persons }),
        (failure: unknown) => {
          if (!controller.signal.aborted) setSearch({ status: 'error', error: describeError(failure) })
        },
      )
    }, 250)
    return () => {
      clearTimeout(timer)
      controller.abort()
    }
  }, [term])

  async function submit(event: FormEvent) {
    event.preventDefault()
    const missing: Partial<Record<Field, string>> = {}
    if (!client) missing.client = t('appointments.chooseClient')
    for (const [name, value] of [
      ['serviceTask', serviceTask],
      ['date', date],
      ['start', start],
      ['end', end],
      ['place', place],
    ] as const) {
      if (!value) missing[name] = t('appointments.required')
    }
    setErrors(missing)
    setError(undefined)
    if (Object.keys(missing).length || !client || !place) return
    setBusy(true)
    try {
      const booked = await bookAppointment(client.id, { workerId, serviceTask, start: `${date}T${start}`, end: `${date}T${end}`, place })
      onBooked(booked)
    } catch (failure) {
      const { byField, other } = failure instanceof ApiError ? splitFieldErrors(failure.problem, FIELDS) : { byField: {}, other: [] }
      // The worker has no grant in the chosen task: the task is what to change.
      if (byField.workerId) byField.serviceTask = byField.serviceTask ? `${byField.serviceTask} ${byField.workerId}` : byField.workerId
      setErrors(byField)
      setError({ text: describeError(failure), messages: other })
      setBusy(false)
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
  const Heading = headingLevel === 2 ? 'h2' : 'h3'

  return (
    <section className="panel appt-form" aria-labelledby={`${id}-title`}>
      <Heading id={`${id}-title`}>{t('appointments.bookTitle')}</Heading>
      <form className="form" noValidate onSubmit={submit}>
        {fixedClient ? (
          <p className="field">
            {t('appointments.client')}: <strong>{fixedClient.name}</strong>
          </p>
        ) : (
        <fieldset className={cls('client')}>
          <legend>{t('appointments.client')}</legend>
          <label htmlFor={`${id}-q`}>{t('appointments.clientSearch')}</label>
          <input ref={searchBox} id={`${id}-q`} type="search" autoComplete="off" value={query} aria-describedby={`${id}-q-hint`} onChange={(e) => setQuery(e.target.value)} />
          <p id={`${id}-q-hint`} className="field-hint">
            {t('appointments.clientSearchHint')}
          </p>
          {term.length >= 2 && search.status === 'loading' && <p className="muted">{t('appointments.searching')}</p>}
          {term.length >= 2 && search.status === 'error' && <ErrorAlert error={search.error} />}
          {term.length >= 2 && search.status === 'done' && search.persons.length === 0 && <p className="muted">{t('appointments.noClients')}</p>}
          {term.length >= 2 && search.status === 'done' && search.persons.length > 0 && (
            <ul className="plain-list appt-clients">
              {search.persons.map((p) => (
                <li key={p.id}>
                  <label>
                    <input type="radio" name={`${id}-client`} value={p.id} checked={client?.id === p.id} onChange={() => setClient(p)} />{' '}
                    {p.lastName} {p.firstNames}
                    {p.birthDate ? ` (${formatDate(p.birthDate)})` : ''}
                  </label>
                </li>
              ))}
            </ul>
          )}
          {fieldError('client')}
        </fieldset>
        )}

        <div className={cls('serviceTask')}>
          <label htmlFor={`${id}-serviceTask`}>{t('appointments.serviceTask')}</label>
          <select ref={firstField} {...field('serviceTask')} value={serviceTask} onChange={(e) => setServiceTask(e.target.value)}>
            <option value="">{t('appointments.choose')}</option>
            {SERVICE_TASKS.map((code) => (
              <option key={code} value={code}>
                {t(`common.serviceTasks.${code}`)}
              </option>
            ))}
          </select>
          {fieldError('serviceTask')}
        </div>

        <div className="appt-form-row">
          <div className={cls('date')}>
            <label htmlFor={`${id}-date`}>{t('appointments.date')}</label>
            <input {...field('date')} type="date" value={date} onChange={(e) => setDate(e.target.value)} />
            {fieldError('date')}
          </div>
          <div className={cls('start')}>
            <label htmlFor={`${id}-start`}>{t('appointments.start')}</label>
            <input {...field('start')} type="time" step={300} value={start} onChange={(e) => setStart(e.target.value)} />
            {fieldError('start')}
          </div>
          <div className={cls('end')}>
            <label htmlFor={`${id}-end`}>{t('appointments.end')}</label>
            <input {...field('end')} type="time" step={300} value={end} onChange={(e) => setEnd(e.target.value)} />
            {fieldError('end')}
          </div>
        </div>

        <div className={cls('place')}>
          <label htmlFor={`${id}-place`}>{t('appointments.place')}</label>
          <select {...field('place')} value={place} onChange={(e) => setPlace(e.target.value as AppointmentPlace | '')}>
            <option value="">{t('appointments.choose')}</option>
            {APPOINTMENT_PLACES.map((p) => (
              <option key={p} value={p}>
                {t(`appointments.places.${p}`)}
              </option>
            ))}
          </select>
          {fieldError('place')}
        </div>

        <ErrorAlert error={error?.text} messages={error?.messages ?? []} />
        <div className="button-row">
          <button type="submit" className="button button-primary" disabled={busy}>
            {busy ? t('appointments.booking') : t('appointments.book')}
          </button>
          <button type="button" className="button" onClick={onCancel}>
            {t('appointments.close')}
          </button>
        </div>
      </form>
    </section>
  )
}

import { APPOINTMENT_CANCEL_REASONS, type Appointment, type AppointmentCancelReason } from '@huoma/contract'
import { useId, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { ApiError, describeError, type ErrorText } from '../../api/client'
import { ErrorAlert } from '../../components/Alert'
import { cancelAppointment, moveAppointment } from './api'
import { splitFieldErrors } from '../../lib/fieldErrors'
import { formatWallClock } from '../../lib/format'

/**
 * One appointment in a day column: its time, the client (or only "busy" when the user may not see who it is) and
 * the place; a visible client's appointment can be cancelled with a reason code.
 */
export function AppointmentItem({
  appointment: a,
  mayCancel,
  mayMove = false,
  showWorker = false,
  onCancelled,
  onMoved = () => undefined,
}: {
  appointment: Appointment
  mayCancel: boolean
  mayMove?: boolean
  showWorker?: boolean
  onCancelled: () => void
  onMoved?: (moved: Appointment) => void
}) {
  const { t } = useTranslation()
  const id = useId()
  const [cancelling, setCancelling] = useState(false)
  const [moving, setMoving] = useState(false)
  const [reason, setReason] = useState<AppointmentCancelReason | ''>('')
  const [error, setError] = useState<ErrorText | undefined>(undefined)
  const [busy, setBusy] = useState(false)
  const time = `${formatWallClock(a.start)}–${formatWallClock(a.end)}`

  async function submit(event: FormEvent) {
    event.preventDefault()
    if (!a.client || !reason) return
    setBusy(true)
    try {
      await cancelAppointment(a.client.id, a.id, reason, a.version)
      onCancelled()
    } catch (failure) {
      setError(describeError(failure))
      setBusy(false)
    }
  }

  return (
    <li className={a.client ? 'appt-item' : 'appt-item appt-busy'}>
      <p className="appt-time">{time}</p>
      {a.client ? (
        <p className="appt-client">
          <Link to={`/persons/${a.client.id}`}>{a.client.name}</Link>
        </p>
      ) : (
        <p className="appt-client">{t('appointments.busy')}</p>
      )}
      {showWorker && <p className="appt-worker muted">{a.worker.name}</p>}
      {a.place && <p className="appt-place">{t(`appointments.places.${a.place}`)}</p>}
      {a.status === 'cancelled' && <p className="badge">{t('appointments.statusCancelled')}</p>}
      {mayMove && a.client && a.status === 'booked' && !moving && !cancelling && (
        <button type="button" className="button button-quiet" onClick={() => setMoving(true)}>
          {t('appointments.move')}
        </button>
      )}
      {moving && a.client && <MoveForm appointment={a} onCancel={() => setMoving(false)} onMoved={(m) => (setMoving(false), onMoved(m))} />}
      {mayCancel && a.client && a.status === 'booked' && !cancelling && !moving && (
        <button type="button" className="button button-quiet" onClick={() => setCancelling(true)}>
          {t('appointments.cancel')}
        </button>
      )}
      {cancelling && a.client && (
        <form className="form appt-cancel" noValidate onSubmit={submit} aria-label={t('appointments.cancelTitle', { client: a.client.name, time })}>
          <div className="field">
            <label htmlFor={`${id}-reason`}>{t('appointments.cancelReason')}</label>
            <select id={`${id}-reason`} value={reason} onChange={(e) => setReason(e.target.value as AppointmentCancelReason)}>
              <option value="">{t('appointments.choose')}</option>
              {APPOINTMENT_CANCEL_REASONS.map((r) => (
                <option key={r} value={r}>
                  {t(`appointments.cancelReasons.${r}`)}
                </option>
              ))}
            </select>
          </div>
          <ErrorAlert error={error} />
          <div className="button-row">
            <button type="submit" className="button button-primary" disabled={busy || !reason}>
              {t('appointments.confirmCancel')}
            </button>
            <button type="button" className="button" onClick={() => setCancelling(false)}>
              {t('appointments.keep')}
            </button>
          </div>
        </form>
      )}
    </li>
  )
}

/** Moves the appointment to another day and time; an overlap refused by the database is shown at the fields. */
function MoveForm({ appointment: a, onCancel, onMoved }: { appointment: Appointment; onCancel: () => void; onMoved: (moved: Appointment) => void }) {
  const { t } = useTranslation()
  const id = useId()
  const [date, setDate] = useState(a.start.slice(0, 10))
  const [start, setStart] = useState(a.start.slice(11))
  const [end, setEnd] = useState(a.end.slice(11))
  const [error, setError] = useState<{ text: ErrorText; messages: string[] } | undefined>(undefined)
  const [busy, setBusy] = useState(false)
  const time = `${formatWallClock(a.start)}–${formatWallClock(a.end)}`

  async function submit(event: FormEvent) {
    event.preventDefault()
    if (!a.client) return
    setBusy(true)
    setError(undefined)
    try {
      onMoved(await moveAppointment(a.client.id, a.id, { start: `${date}T${start}`, end: `${date}T${end}`, version: a.version }))
    } catch (failure) {
      const { byField, other } = failure instanceof ApiError ? splitFieldErrors(failure.problem, ['start', 'end'] as const) : { byField: {}, other: [] }
      setError({ text: describeError(failure), messages: [...Object.values(byField), ...other].filter((m): m is string => !!m) })
      setBusy(false)
    }
  }

  return (
    <form className="form appt-cancel" noValidate onSubmit={submit} aria-label={t('appointments.moveTitle', { client: a.client?.name ?? '', time })}>
      <div className="field">
        <label htmlFor={`${id}-date`}>{t('appointments.date')}</label>
        <input id={`${id}-date`} type="date" value={date} onChange={(e) => setDate(e.target.value)} required />
      </div>
      <div className="field">
        <label htmlFor={`${id}-start`}>{t('appointments.start')}</label>
        <input id={`${id}-start`} type="time" step={300} value={start} onChange={(e) => setStart(e.target.value)} required />
      </div>
      <div className="field">
        <label htmlFor={`${id}-end`}>{t('appointments.end')}</label>
        <input id={`${id}-end`} type="time" step={300} value={end} onChange={(e) => setEnd(e.target.value)} required />
      </div>
      <ErrorAlert error={error?.text} messages={error?.messages} />
      <div className="button-row">
        <button type="submit" className="button button-primary" disabled={busy || !date || !start || !end}>
          {t('appointments.confirmMove')}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          {t('appointments.keep')}
        </button>
      </div>
    </form>
  )
}

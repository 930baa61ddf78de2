import { APPOINTMENT_CANCEL_REASONS, type Appointment, type AppointmentCancelReason } from '@huoma/contract'
import { useId, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { describeError, type ErrorText } from '../../api/client'
import { ErrorAlert } from '../../components/Alert'
import { cancelAppointment } from './api'

/**
 * One appointment in a day column: its time, the client (or only "busy" when the user may not see who it is) and
 * the place; a visible client's appointment can be cancelled with a reason code.
 */
export function AppointmentItem({ appointment: a, mayCancel, onCancelled }: { appointment: Appointment; mayCancel: boolean; onCancelled: () => void }) {
  const { t } = useTranslation()
  const id = useId()
  const [cancelling, setCancelling] = useState(false)
  const [reason, setReason] = useState<AppointmentCancelReason | ''>('')
  const [error, setError] = useState<ErrorText | undefined>(undefined)
  const [busy, setBusy] = useState(false)
  const time = `${a.start.slice(11)}–${a.end.slice(11)}`

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
      {a.place && <p className="appt-place">{t(`appointments.places.${a.place}`)}</p>}
      {a.status === 'cancelled' && <p className="badge">{t('appointments.statusCancelled')}</p>}
      {mayCancel && a.client && a.status === 'booked' && !cancelling && (
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

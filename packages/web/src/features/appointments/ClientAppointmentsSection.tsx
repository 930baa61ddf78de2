import { appointmentsEndpoints as ep, type Appointment } from '@huoma/contract'
import { useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useEndpoint } from '../../api/endpoint'
import { FoldingPanel } from '../../components/FoldingPanel'
import type { PersonCardSectionProps } from '../../lib/feature'
import { personName, serviceTaskName } from '../../lib/labels'
import { formatDate, formatWallClock, formatWallClockRange } from '../../lib/format'
import { can, useUser } from '../../session/context'
import { BookingForm } from './BookingForm'
import './appointments.css'

/** Coming appointments first (soonest first), then the past and cancelled ones (newest first). */
export function splitAppointments(appointments: readonly Appointment[], now: Date): { coming: Appointment[]; past: Appointment[] } {
  const at = now.toISOString()
  const coming = appointments.filter((a) => a.status === 'booked' && a.endAt > at).sort((a, b) => a.startAt.localeCompare(b.startAt))
  const past = appointments.filter((a) => !coming.includes(a)).sort((a, b) => b.startAt.localeCompare(a.startAt))
  return { coming, past }
}

/**
 * The client card's appointments (ajanvaraukset): the client's coming and past appointments, read audited through
 * the chokepoint (`appointments:client`), and booking for this client from the card — the booking form opens with
 * the client chosen and, when the user has one open relationship with the client, its service task.
 */
export function ClientAppointmentsSection({ card }: PersonCardSectionProps) {
  const { t } = useTranslation()
  const user = useUser()
  const personId = card.person.id
  const list = useEndpoint(ep['appointments.forClient'], { params: { id: personId } })
  const [booking, setBooking] = useState(false)
  const [notice, setNotice] = useState('')
  const opener = useRef<HTMLButtonElement>(null)
  // the focus goes back to the button once the form has closed and the button is there again
  const [returnFocus, setReturnFocus] = useState(false)
  useEffect(() => {
    if (booking || !returnFocus) return
    opener.current?.focus()
    setReturnFocus(false)
  }, [booking, returnFocus])
  const mayBook = can(user, 'appointments:book')
  const ownTasks = [...new Set(card.relationships.filter((r) => r.userId === user.id && r.endDate === null).map((r) => r.serviceTask))]
  const name = personName(card.person)

  const table = (items: Appointment[], label: string) => (
    <table className="compact appt-client-table" aria-label={label}>
      <thead>
        <tr>
          <th scope="col">{t('appointments.cardWhen')}</th>
          <th scope="col">{t('appointments.cardWorker')}</th>
          <th scope="col">{t('appointments.place')}</th>
          <th scope="col">{t('appointments.serviceTask')}</th>
        </tr>
      </thead>
      <tbody>
        {items.map((a) => (
          <tr key={a.id}>
            <td>
              {formatDate(a.start.slice(0, 10))} {formatWallClockRange(a.start, a.end)}
              {a.status === 'cancelled' && (
                <>
                  {' '}
                  <span className="badge">{t('appointments.statusCancelled')}</span>
                  {a.cancelReason && ` ${t(`appointments.cancelReasons.${a.cancelReason}`)}`}
                </>
              )}
            </td>
            <td>{a.worker.name}</td>
            <td>{a.place ? t(`appointments.places.${a.place}`) : ''}</td>
            <td>{a.serviceTask ? serviceTaskName(t, a.serviceTask) : ''}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )

  const split = list.status === 'success' ? splitAppointments(list.data.appointments, new Date()) : undefined
  return (
    <FoldingPanel panel="card:appointments" className="card-section appt-client-section" title={t('appointments.cardTitle')}>
      {list.status === 'loading' && <p className="muted">{t('appointments.cardLoading')}</p>}
      {list.status === 'error' && <p className="muted">{list.error.title}</p>}
      {split && (
        <>
          <h3>{t('appointments.cardComing')}</h3>
          {split.coming.length === 0 ? <p className="muted">{t('appointments.cardNoComing')}</p> : table(split.coming, t('appointments.cardComing'))}
          <h3>{t('appointments.cardPast')}</h3>
          {split.past.length === 0 ? <p className="muted">{t('appointments.cardNoPast')}</p> : table(split.past, t('appointments.cardPast'))}
        </>
      )}
      <p role="status" className="appt-client-notice">
        {notice}
      </p>
      {mayBook && !booking && (
        <p>
          <button
            ref={opener}
            type="button"
            className="button button-primary"
            onClick={() => {
              setNotice('')
              setBooking(true)
            }}
          >
            {t('appointments.cardBook')}
          </button>
        </p>
      )}
      {mayBook && booking && (
        <BookingForm
          workerId={user.id}
          defaultDate=""
          fixedClient={{ id: personId, name }}
          defaultServiceTask={ownTasks.length === 1 ? ownTasks[0] : ''}
          focusOnOpen
          headingLevel={3}
          onCancel={() => {
            setBooking(false)
            setReturnFocus(true)
          }}
          onBooked={(a) => {
            setBooking(false)
            setNotice(t('appointments.booked', { client: a.client?.name ?? name, date: formatDate(a.start.slice(0, 10)), start: formatWallClock(a.start) }))
            list.reload()
            setReturnFocus(true)
          }}
        />
      )}
    </FoldingPanel>
  )
}

import type { Appointment } from '@huoma/contract'
import { useTranslation } from 'react-i18next'
import { formatShortDate, formatWallClock } from '../../lib/format'
import { clockOf, gridHours, layoutLanes, minutesOf, weekdayOf } from './dates'

/** A grid row is half an hour: an empty slot books from its start. */
const SLOT = 30

/**
 * The calendar as a time grid: a column per day, the hours as rows, each appointment placed by its start and
 * duration, overlapping ones side by side. Appointments are buttons in day and time order (each named by day,
 * time, client and type); an empty half hour is a button that starts a booking at that time (mouse and screen
 * reader; keyboard users book with the toolbar's "new booking", so the tab order holds only the appointments).
 */
export function WeekGrid({
  days,
  appointments,
  today,
  selectedId,
  onOpen,
  onSlot,
}: {
  days: string[]
  appointments: Appointment[]
  today: string
  selectedId: string | undefined
  onOpen: (a: Appointment) => void
  /** An empty slot was clicked: its day and start (`HH:MM`); undefined when the user may not book. */
  onSlot: ((day: string, start: string) => void) | undefined
}) {
  const { t } = useTranslation()
  const { first, last } = gridHours(appointments)
  const span = (last - first) * 60
  const hours = Array.from({ length: last - first }, (_, i) => first + i)
  const slots = Array.from({ length: span / SLOT }, (_, i) => first * 60 + i * SLOT)
  const dayLabel = (day: string) => `${t(`appointments.weekdays.${weekdayOf(day)}`)} ${formatShortDate(day)}`
  const percent = (minutes: number) => `${((Math.min(Math.max(minutes - first * 60, 0), span) / span) * 100).toFixed(3)}%`

  return (
    <div className="appt-tg" style={{ ['--appt-days' as string]: days.length, ['--appt-rows' as string]: span / SLOT }}>
      <div className="appt-tg-hours" aria-hidden="true">
        <div className="appt-tg-corner" />
        <div className="appt-tg-body">
          {hours.map((h) => (
            <span key={h} className="appt-tg-hour" style={{ top: percent(h * 60) }}>
              {formatWallClock(clockOf(h * 60))}
            </span>
          ))}
        </div>
      </div>
      {days.map((day) => {
        const label = dayLabel(day)
        const items = appointments.filter((a) => a.start.slice(0, 10) === day).sort((a, b) => a.start.localeCompare(b.start))
        const lanes = layoutLanes(items)
        const isToday = day === today
        const taken = (m: number) => items.some((a) => a.status === 'booked' && minutesOf(a.start) < m + SLOT && minutesOf(a.end) > m)
        return (
          <section key={day} className={isToday ? 'appt-tg-day appt-today' : 'appt-tg-day'} aria-label={label}>
            <h3 className="appt-tg-head">
              {label}
              {isToday && (
                <>
                  {' '}
                  <span className="badge appt-today-badge" aria-current="date">
                    {t('appointments.todayBadge')}
                  </span>
                </>
              )}
            </h3>
            <div className="appt-tg-body">
              {hours.map((h) => (
                <div key={h} className="appt-tg-line" style={{ top: percent(h * 60) }} />
              ))}
              {onSlot &&
                slots
                  .filter((m) => !taken(m))
                  .map((m) => (
                    <button
                      key={m}
                      type="button"
                      tabIndex={-1}
                      className="appt-tg-slot"
                      style={{ top: percent(m), height: percent(first * 60 + SLOT) }}
                      onClick={() => onSlot(day, clockOf(m))}
                    >
                      <span className="visually-hidden">{t('appointments.bookSlot', { day: label, time: formatWallClock(clockOf(m), { clockWord: true }) })}</span>
                    </button>
                  ))}
              {items.map((a, i) => {
                const { lane, lanes: of } = lanes[i]!
                const time = `${formatWallClock(a.start, { clockWord: true })}–${formatWallClock(a.end)}`
                const who = a.client ? a.client.name : t('appointments.busy')
                const what = [a.serviceTask ? t(`common.serviceTasks.${a.serviceTask}`, { defaultValue: a.serviceTask }) : '', a.place ? t(`appointments.places.${a.place}`) : '']
                  .filter(Boolean)
                  .join(', ')
                const cancelled = a.status === 'cancelled' ? t('appointments.statusCancelled') : ''
                const name = [`${label} ${time}`, who, what, cancelled].filter(Boolean).join(', ')
                const classes = ['appt-tg-item', a.client ? '' : 'appt-busy', a.status === 'cancelled' ? 'appt-cancelled' : '', a.id === selectedId ? 'appt-selected' : '']
                return (
                  <button
                    key={a.id}
                    type="button"
                    className={classes.filter(Boolean).join(' ')}
                    aria-label={name}
                    aria-expanded={a.id === selectedId}
                    aria-controls={a.id === selectedId ? 'appt-details' : undefined}
                    style={{
                      top: percent(minutesOf(a.start)),
                      height: `calc(${percent(first * 60 + Math.max(minutesOf(a.end) - minutesOf(a.start), 15))} - 2px)`,
                      left: `${((lane / of) * 100).toFixed(3)}%`,
                      width: `calc(${(100 / of).toFixed(3)}% - 2px)`,
                    }}
                    onClick={() => onOpen(a)}
                  >
                    <span className="appt-tg-time">{`${formatWallClock(a.start)}–${formatWallClock(a.end)}`}</span> <span className="appt-tg-who">{who}</span>
                  </button>
                )
              })}
            </div>
          </section>
        )
      })}
    </div>
  )
}

import type { Appointment, Calendar } from '@huoma/contract'
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useSearchParams } from 'react-router'
import { describeError, type ErrorText } from '../../api/client'
import { ErrorAlert } from '../../components/Alert'
import { Page } from '../../components/Page'
import { can, useUser } from '../../session/context'
import { fetchCalendar } from './api'
import { AppointmentItem } from './AppointmentItem'
import { BookingForm } from './BookingForm'
import { isoWeek, mondayOf, weekdayOf } from './dates'
import './appointments.css'
import { addDays, formatDate, formatShortDate, formatWallClock, isIsoDate, todayInHelsinki } from '../../lib/format'

type View = 'week' | 'day'

type Load = { status: 'loading' } | { status: 'done'; calendar: Calendar } | { status: 'error'; error: ErrorText }

/**
 * The signed-in worker's calendar: a week with one column per day, or one day. The date and the view live in the
 * address (`?date=2030-01-14&view=day`), so a view can be bookmarked and the back button works.
 */
export function AppointmentsPage() {
  const { t } = useTranslation()
  const user = useUser()
  const [params, setParams] = useSearchParams()
  const date = isIsoDate(params.get('date')) ? params.get('date')! : todayInHelsinki()
  const view: View = params.get('view') === 'day' ? 'day' : 'week'
  /** An office (unit) calendar instead of one's own: `?unit=<id>`. */
  const unitId = params.get('unit') ?? ''
  const [units, setUnits] = useState<{ id: string; name: string }[]>([])
  const from = view === 'week' ? mondayOf(date) : date
  const to = view === 'week' ? addDays(from, 6) : date
  const [load, setLoad] = useState<{ key: string; state: Load } | undefined>(undefined)
  const [reload, setReload] = useState(0)
  const [booking, setBooking] = useState(false)
  const [notice, setNotice] = useState<string | undefined>(undefined)
  const key = `${from}/${to}/${unitId}/${reload}`

  useEffect(() => {
    const controller = new AbortController()
    fetchCalendar(from, to, controller.signal, unitId || undefined).then(
      (calendar) => {
        if (calendar.units?.length) setUnits(calendar.units)
        setLoad({ key, state: { status: 'done', calendar } })
      },
      (failure: unknown) => {
        if (!controller.signal.aborted) setLoad({ key, state: { status: 'error', error: describeError(failure) } })
      },
    )
    return () => controller.abort()
  }, [from, to, unitId, key])

  const state: Load = load?.key === key ? load.state : { status: 'loading' }
  const go = (next: { date?: string; view?: View; unit?: string }) => {
    const search = new URLSearchParams(params)
    search.set('date', next.date ?? date)
    search.set('view', next.view ?? view)
    const unit = next.unit ?? unitId
    if (unit) search.set('unit', unit)
    else search.delete('unit')
    setParams(search)
  }
  const step = view === 'week' ? 7 : 1
  const days = view === 'week' ? Array.from({ length: 7 }, (_, i) => addDays(from, i)) : [date]
  const byDay = (day: string): Appointment[] => (state.status === 'done' ? state.calendar.appointments.filter((a) => a.start.slice(0, 10) === day) : [])
  const changed = (message: string) => {
    setNotice(message)
    setReload((n) => n + 1)
  }
  const heading =
    view === 'week'
      ? t('appointments.weekTitle', { week: isoWeek(from), from: formatDate(from), to: formatDate(to) })
      : `${t(`appointments.weekdaysLong.${weekdayOf(date)}`)} ${formatDate(date)}`

  return (
    <Page title={t('appointments.title')}>
      <p className="lead">{t('appointments.intro')}</p>
      <div className="appt-toolbar">
        <div className="appt-nav">
          <button type="button" className="button" onClick={() => go({ date: addDays(date, -step) })}>
            {view === 'week' ? t('appointments.previousWeek') : t('appointments.previousDay')}
          </button>
          <button type="button" className="button" onClick={() => go({ date: todayInHelsinki() })}>
            {t('appointments.today')}
          </button>
          <button type="button" className="button" onClick={() => go({ date: addDays(date, step) })}>
            {view === 'week' ? t('appointments.nextWeek') : t('appointments.nextDay')}
          </button>
        </div>
        <fieldset className="appt-view">
          <legend className="visually-hidden">{t('appointments.viewLabel')}</legend>
          {(['week', 'day'] as const).map((v) => (
            <button key={v} type="button" className={v === view ? 'button button-primary' : 'button'} aria-pressed={v === view} onClick={() => go({ view: v })}>
              {v === 'week' ? t('appointments.weekView') : t('appointments.dayView')}
            </button>
          ))}
        </fieldset>
        {units.length > 0 && (
          <div className="field appt-calendar-choice">
            <label htmlFor="appt-calendar">{t('appointments.calendarChoice')}</label>
            <select id="appt-calendar" value={unitId} onChange={(e) => go({ unit: e.target.value })}>
              <option value="">{t('appointments.ownCalendar')}</option>
              {units.map((u) => (
                <option key={u.id} value={u.id}>
                  {t('appointments.officeCalendar', { unit: u.name })}
                </option>
              ))}
            </select>
          </div>
        )}
        {can(user, 'appointments:book') && !booking && (
          <button type="button" className="button" onClick={() => setBooking(true)}>
            {t('appointments.newBooking')}
          </button>
        )}
      </div>

      <p role="status" className="appt-notice">
        {notice}
      </p>

      {booking && (
        <BookingForm
          workerId={user.id}
          defaultDate={date}
          onCancel={() => setBooking(false)}
          onBooked={(a) => {
            setBooking(false)
            changed(t('appointments.booked', { client: a.client?.name ?? '', date: formatDate(a.start.slice(0, 10)), start: formatWallClock(a.start) }))
            go({ date: a.start.slice(0, 10) })
          }}
        />
      )}

      <h2>{heading}</h2>
      <ErrorAlert error={state.status === 'error' ? state.error : undefined} />
      {state.status === 'loading' && <p className="muted">{t('appointments.loading')}</p>}
      {state.status === 'done' && (
        <div className={view === 'week' ? 'appt-grid appt-week' : 'appt-grid appt-day'} role="group" aria-label={t('appointments.calendarLabel')}>
          {days.map((day) => {
            const items = byDay(day)
            const label = `${t(`appointments.weekdays.${weekdayOf(day)}`)} ${formatShortDate(day)}`
            return (
              <section key={day} className={day === todayInHelsinki() ? 'appt-column appt-today' : 'appt-column'} aria-label={label}>
                <h3>
                  {view === 'week' ? (
                    <button type="button" className="button-quiet appt-day-link" onClick={() => go({ date: day, view: 'day' })}>
                      {label}
                    </button>
                  ) : (
                    label
                  )}
                </h3>
                {items.length === 0 ? (
                  <p className="muted">{t('appointments.noAppointments')}</p>
                ) : (
                  <ol className="plain-list appt-list">
                    {items.map((a) => (
                      <AppointmentItem
                        key={a.id}
                        appointment={a}
                        mayCancel={can(user, 'appointments:cancel')}
                        mayMove={can(user, 'appointments:change')}
                        showWorker={!!unitId}
                        onCancelled={() => changed(t('appointments.cancelled'))}
                        onMoved={(m) => {
                          changed(t('appointments.moved', { date: formatDate(m.start.slice(0, 10)), start: formatWallClock(m.start) }))
                          go({ date: m.start.slice(0, 10) })
                        }}
                      />
                    ))}
                  </ol>
                )}
              </section>
            )
          })}
        </div>
      )}
    </Page>
  )
}

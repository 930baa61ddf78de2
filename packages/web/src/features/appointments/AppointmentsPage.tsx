import type { Appointment, Calendar } from '@huoma/contract'
import { useEffect, useRef, useState, useSyncExternalStore } from 'react'
import { useTranslation } from 'react-i18next'
import { useSearchParams } from 'react-router'
import { describeError, type ErrorText } from '../../api/client'
import { ErrorAlert } from '../../components/Alert'
import { Page } from '../../components/Page'
import { can, useUser } from '../../session/context'
import { fetchCalendar } from './api'
import { AppointmentItem } from './AppointmentItem'
import { BookingForm } from './BookingForm'
import { clockOf, isoWeek, minutesOf, mondayOf, weekColumns, weekdayOf } from './dates'
import { WeekGrid } from './WeekGrid'
import './appointments.css'
import { addDays, formatDate, formatShortDate, formatWallClock, isIsoDate, todayInHelsinki } from '../../lib/format'

type View = 'week' | 'day'
type Layout = 'grid' | 'list'

/** The width from which the time grid is the default layout; narrower screens get the list. */
const WIDE = '(min-width: 56rem)'

/** Whether the screen is wide enough for the time grid (false where media queries are not known, e.g. jsdom). */
function useWideScreen(): boolean {
  return useSyncExternalStore(
    (notify) => {
      const query = typeof window.matchMedia === 'function' ? window.matchMedia(WIDE) : undefined
      query?.addEventListener('change', notify)
      return () => query?.removeEventListener('change', notify)
    },
    () => (typeof window.matchMedia === 'function' ? window.matchMedia(WIDE).matches : false),
  )
}

type Load = { status: 'loading' } | { status: 'done'; calendar: Calendar } | { status: 'error'; error: ErrorText }

/**
 * The signed-in worker's calendar: a week with one column per day, or one day. The date and the view live in the
 * address (`?date=2030-01-14&view=day`), so a view can be bookmarked and the back button works. On a wide screen
 * the days are a time grid (hours as rows, {@link WeekGrid}); on a narrow one, or when chosen (`&layout=list`), a
 * list per day.
 */
export function AppointmentsPage() {
  const { t } = useTranslation()
  const user = useUser()
  const [params, setParams] = useSearchParams()
  const date = isIsoDate(params.get('date')) ? params.get('date')! : todayInHelsinki()
  const view: View = params.get('view') === 'day' ? 'day' : 'week'
  const wide = useWideScreen()
  const chosenLayout = params.get('layout')
  const layout: Layout = chosenLayout === 'list' || chosenLayout === 'grid' ? chosenLayout : wide ? 'grid' : 'list'
  const [selectedId, setSelectedId] = useState<string | undefined>(undefined)
  const [prefill, setPrefill] = useState<{ date: string; start: string; end: string } | undefined>(undefined)
  const details = useRef<HTMLElement>(null)
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
  const go = (next: { date?: string; view?: View; unit?: string; layout?: Layout }) => {
    const search = new URLSearchParams(params)
    search.set('date', next.date ?? date)
    search.set('view', next.view ?? view)
    if (next.layout) search.set('layout', next.layout)
    const unit = next.unit ?? unitId
    if (unit) search.set('unit', unit)
    else search.delete('unit')
    setParams(search)
  }
  const step = view === 'week' ? 7 : 1
  const days = view === 'week' ? Array.from({ length: 7 }, (_, i) => addDays(from, i)) : [date]
  const byDay = (day: string): Appointment[] => (state.status === 'done' ? state.calendar.appointments.filter((a) => a.start.slice(0, 10) === day) : [])
  const shown = state.status === 'done' ? state.calendar.appointments : []
  const selected = shown.find((a) => a.id === selectedId)
  const mayBook = can(user, 'appointments:book')
  useEffect(() => {
    if (selectedId) details.current?.focus()
  }, [selectedId])
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
            {view === 'week' ? t('appointments.thisWeek') : t('appointments.today')}
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
        <fieldset className="appt-view">
          <legend className="visually-hidden">{t('appointments.layoutLabel')}</legend>
          {(['grid', 'list'] as const).map((l) => (
            <button key={l} type="button" className={l === layout ? 'button button-primary' : 'button'} aria-pressed={l === layout} onClick={() => go({ layout: l })}>
              {l === 'grid' ? t('appointments.gridLayout') : t('appointments.listLayout')}
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
          <button
            type="button"
            className="button"
            onClick={() => {
              setPrefill(undefined)
              setBooking(true)
            }}
          >
            {t('appointments.newBooking')}
          </button>
        )}
      </div>

      <p role="status" className="appt-notice">
        {notice}
      </p>

      {booking && (
        <BookingForm
          key={prefill ? `${prefill.date}T${prefill.start}` : 'new'}
          workerId={user.id}
          defaultDate={prefill?.date ?? date}
          defaultStart={prefill?.start}
          defaultEnd={prefill?.end}
          focusOnOpen={!!prefill}
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
      {state.status === 'done' && layout === 'grid' && (
        <>
          <div className="appt-grid-wrap" role="group" aria-label={t('appointments.calendarLabel')}>
            <WeekGrid
              days={view === 'week' ? weekColumns(from, shown) : [date]}
              appointments={shown}
              today={todayInHelsinki()}
              selectedId={selectedId}
              onOpen={(a) => setSelectedId(a.id === selectedId ? undefined : a.id)}
              onSlot={
                mayBook
                  ? (day, start) => {
                      setPrefill({ date: day, start, end: clockOf(Math.min(minutesOf(start) + 60, 23 * 60 + 55)) })
                      setBooking(true)
                    }
                  : undefined
              }
            />
          </div>
          {selected && (
            <section id="appt-details" ref={details} tabIndex={-1} className="panel appt-details" aria-labelledby="appt-details-title">
              <h3 id="appt-details-title">
                {t(`appointments.weekdaysLong.${weekdayOf(selected.start.slice(0, 10))}`)} {formatDate(selected.start.slice(0, 10))}
              </h3>
              <ul className="plain-list appt-list">
                <AppointmentItem
                  appointment={selected}
                  mayCancel={can(user, 'appointments:cancel')}
                  mayMove={can(user, 'appointments:change')}
                  showWorker={!!unitId}
                  onCancelled={() => {
                    setSelectedId(undefined)
                    changed(t('appointments.cancelled'))
                  }}
                  onMoved={(m) => {
                    changed(t('appointments.moved', { date: formatDate(m.start.slice(0, 10)), start: formatWallClock(m.start) }))
                    go({ date: m.start.slice(0, 10) })
                  }}
                />
              </ul>
              <button type="button" className="button" onClick={() => setSelectedId(undefined)}>
                {t('appointments.closeDetails')}
              </button>
            </section>
          )}
        </>
      )}
      {state.status === 'done' && layout === 'list' && (
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

/** Calendar arithmetic on `YYYY-MM-DD` strings (Helsinki calendar dates), independent of the browser's zone. */

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const
export type Weekday = (typeof WEEKDAYS)[number]

const HELSINKI_DATE = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Helsinki', year: 'numeric', month: '2-digit', day: '2-digit' })

export function todayInHelsinki(now = new Date()): string {
  return HELSINKI_DATE.format(now)
}

export function isIsoDate(value: string | null | undefined): value is string {
  if (!value || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false
  const d = new Date(`${value}T00:00:00Z`)
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value
}

function utc(date: string): Date {
  return new Date(`${date}T00:00:00Z`)
}

export function addDays(date: string, days: number): string {
  const d = utc(date)
  d.setUTCDate(d.getUTCDate() + days)
  return d.toISOString().slice(0, 10)
}

/** Monday = 0 … Sunday = 6. */
export function weekdayIndex(date: string): number {
  return (utc(date).getUTCDay() + 6) % 7
}

export function weekdayOf(date: string): Weekday {
  return WEEKDAYS[weekdayIndex(date)]!
}

export function mondayOf(date: string): string {
  return addDays(date, -weekdayIndex(date))
}

/** ISO 8601 week number (the one Finnish calendars print). */
export function isoWeek(date: string): number {
  const thursday = utc(addDays(date, 3 - weekdayIndex(date)))
  const jan1 = Date.UTC(thursday.getUTCFullYear(), 0, 1)
  return Math.floor((thursday.getTime() - jan1) / 86_400_000 / 7) + 1
}

/** `2030-01-04` → `4.1.2030`. */
export function formatDate(date: string): string {
  const [y, m, d] = date.split('-')
  return `${Number(d)}.${Number(m)}.${y}`
}

/** `2030-01-04` → `4.1.` */
export function formatShortDate(date: string): string {
  const [, m, d] = date.split('-')
  return `${Number(d)}.${Number(m)}.`
}

/**
 * Dates, times and sizes as the user interface writes them. The rules themselves live in `@huoma/domain` (the
 * server's documents use the same): calendar dates as Finns write them in every language (`4.1.2030`), date and
 * time in Helsinki in the UI language's style (`4.1.2030 klo 10.05`, `4.1.2030 kl. 10.05`, `4.1.2030 10:05`).
 */
import {
  addDays as addLocalDays,
  addMonths as addLocalMonths,
  formatClockTime,
  formatDayAndMonth,
  formatFinnishDate,
  formatHelsinkiDateTime,
  formatHelsinkiTime,
  formatRegisterDate as registerDate,
  helsinkiWallClock,
  localDate,
  parseFinnishDate as parseDate,
  todayInHelsinki as helsinkiToday,
} from '@huoma/domain'
import { currentLanguage } from './language'

/** What stands in a table cell or a sentence for a date or moment that is not there. */
export const MISSING = '–'

/**
 * Today's calendar date in Helsinki, `YYYY-MM-DD` (the browser's own zone does not matter). The web app keeps dates
 * as plain `YYYY-MM-DD` strings, as the API carries them; these helpers check them with `@huoma/domain`.
 */
export function todayInHelsinki(now: Date = new Date()): string {
  return helsinkiToday(now)
}

/** `2030-01-04` → `4.1.2030` in every UI language; `–` when there is no date. */
export function formatDate(date: string | null | undefined): string {
  return date ? formatFinnishDate(date) : MISSING
}

/** `2030-01-04` → `4.1.` (a day in a week view). */
export function formatShortDate(date: string): string {
  return formatDayAndMonth(date)
}

/**
 * `1976-07-05` → `05.07.1976`: dates of birth and death as the population register prints them, in the client
 * search and on the client card; an empty text when there is no date.
 */
export function formatRegisterDate(date: string | null | undefined): string {
  return date ? registerDate(date) : ''
}

/** `2030-01-04`, `2030-01-10` → `4.1.2030–10.1.2030`; one date when both are the same day. */
export function formatDateRange(from: string, to: string): string {
  return from === to ? formatDate(from) : `${formatDate(from)}–${formatDate(to)}`
}

/**
 * A calendar date in the UI language's own locale convention (`1.6.2099`, Swedish `2099-06-01`, English
 * `01/06/2099`). Only the user administration writes grant dates so (its tests assert the Swedish form); everything
 * else uses {@link formatDate}.
 */
export function formatLocaleDate(date: string): string {
  const at = new Date(`${date.slice(0, 10)}T00:00:00Z`)
  if (Number.isNaN(at.getTime())) return date
  const language = currentLanguage()
  return new Intl.DateTimeFormat(language === 'en' ? 'en-GB' : language, { timeZone: 'UTC' }).format(at)
}

/** An instant (ISO timestamp) as date and time in Helsinki in the UI language; `–` when there is none. */
export function formatDateTime(instant: string | null | undefined): string {
  if (!instant) return MISSING
  try {
    return formatHelsinkiDateTime(instant, currentLanguage())
  } catch {
    return instant
  }
}

/** An instant's Helsinki time of day in the UI language's style (`10.05`, `10:05`). */
export function formatTime(instant: string): string {
  try {
    return formatHelsinkiTime(instant, currentLanguage())
  } catch {
    return instant
  }
}

/** The word before a time of day: `klo`, `kl.`, none in English (as `formatDateTime` writes it). */
const CLOCK_WORD: Record<string, string> = { fi: 'klo ', sv: 'kl. ', en: '' }

/**
 * A Helsinki wall-clock time as the API gives it (`2030-01-04T08:27`, or `08:27`) → `8.27` (fi, sv) / `08:27` (en);
 * with `clockWord`, `klo 8.27` / `kl. 8.27` / `08:27`. The text as it is when it is not a time.
 */
export function formatWallClock(local: string, options: { clockWord?: boolean } = {}): string {
  const m = /(?:^|T)(\d{2}):(\d{2})$/.exec(local)
  if (!m) return local
  const language = currentLanguage()
  const word = options.clockWord ? (CLOCK_WORD[language] ?? '') : ''
  return `${word}${formatClockTime(Number(m[1]), Number(m[2]), language)}`
}

/** Two wall-clock times of one day as a span: `klo 9.00–10.30`, `kl. 9.00–10.30`, `09:00–10:30`. */
export function formatWallClockRange(start: string, end: string): string {
  return `${formatWallClock(start, { clockWord: true })}–${formatWallClock(end)}`
}

/** The Helsinki calendar date of an instant (ISO timestamp), `YYYY-MM-DD`. */
export function helsinkiDateOf(instant: string): string {
  return helsinkiWallClock(instant).date
}

/** The Finnish date input `d.m.yyyy` → `YYYY-MM-DD`; undefined when it is not a real date. */
export function parseFinnishDate(text: string): string | undefined {
  return parseDate(text) ?? undefined
}

/** Whether a text is a real calendar date `YYYY-MM-DD`. */
export function isIsoDate(value: string | null | undefined): value is string {
  try {
    return !!value && localDate(value) === value
  } catch {
    return false
  }
}

/** `date` plus `days` calendar days (negative: back). */
export function addDays(date: string, days: number): string {
  return addLocalDays(localDate(date), days)
}

/** `date` moved by whole months: the last day of a shorter month when the day does not exist there. */
export function addMonths(date: string, months: number): string {
  return addLocalMonths(localDate(date), months)
}

const LOCALES: Record<string, string> = { fi: 'fi-FI', sv: 'sv-FI', en: 'en-GB' }

/** The BCP 47 locale of a UI language for `Intl` (numbers, units, language names); Finnish for any other. */
export function localeOf(language: string): string {
  return LOCALES[language] ?? 'fi-FI'
}

/** The BCP 47 locale of the UI language in use. */
export function uiLocale(): string {
  return localeOf(currentLanguage())
}

/** A byte count as people read it: `812 B`, `12,3 kB`, `4,1 MB` in the UI language. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return new Intl.NumberFormat(uiLocale(), { style: 'unit', unit: 'byte', unitDisplay: 'short' }).format(bytes)
  const mb = bytes >= 1024 * 1024
  return new Intl.NumberFormat(uiLocale(), { style: 'unit', unit: mb ? 'megabyte' : 'kilobyte', maximumFractionDigits: 1 }).format(
    mb ? bytes / (1024 * 1024) : bytes / 1024,
  )
}

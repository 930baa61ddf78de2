import { formatClockTime } from '@huoma/domain'
import { isWorkingDay, todayInHelsinki, addDays, type LocalDate } from '@huoma/domain'

/** A text in the three languages of the user interface. */
export interface Localized {
  fi: string
  sv: string
  en: string
}

/**
 * When a job runs. Times of day are Europe/Helsinki wall-clock times (the offices' time, across EET/EEST).
 * - `interval`: every `everyMs` milliseconds, at the multiples of `everyMs` since the epoch (so every server process
 *   agrees on the slots without talking to the others).
 * - `daily`: every day at `at` (`HH:MM`), or only on Finnish working days (Monday–Friday except public holidays).
 *   A time that does not exist on the spring DST night (03:00–03:59) runs an hour later; a time that happens twice
 *   on the autumn night runs at its first occurrence, once.
 */
export type JobSchedule = { kind: 'interval'; everyMs: number } | { kind: 'daily'; at: string; workingDaysOnly?: boolean }

export const every = (everyMs: number): JobSchedule => ({ kind: 'interval', everyMs })
export const dailyAt = (at: string, opts: { workingDaysOnly?: boolean } = {}): JobSchedule => ({ kind: 'daily', at, ...(opts.workingDaysOnly ? { workingDaysOnly: true } : {}) })

const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/

/** Throws on a schedule that cannot run (a zero interval, a time of day that is not HH:MM). */
export function checkSchedule(s: JobSchedule): void {
  if (s.kind === 'interval') {
    if (!Number.isInteger(s.everyMs) || s.everyMs < 10) throw new RangeError(`a job interval must be a whole number of milliseconds, at least 10 (got ${s.everyMs})`)
  } else if (!TIME.test(s.at)) throw new RangeError(`a job's time of day must be HH:MM (got "${s.at}")`)
}

/** A short stable text of the schedule, stored with the job so that a changed schedule is noticed at start. */
export function scheduleKey(s: JobSchedule): string {
  return s.kind === 'interval' ? `every ${s.everyMs} ms` : `${s.workingDaysOnly ? 'working days' : 'daily'} at ${s.at} Europe/Helsinki`
}

const wallClock = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/Helsinki',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
})

/** `YYYY-MM-DD HH:MM` in Helsinki at the instant. */
export function helsinkiWallClock(t: Date): string {
  const p = Object.fromEntries(wallClock.formatToParts(t).map((x) => [x.type, x.value]))
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`
}

/**
 * The instant of a Helsinki wall-clock time on a date. Helsinki is UTC+2 in winter and UTC+3 in summer; on the
 * spring night the hour 03:00–03:59 does not exist (such a time gives the instant an hour later), on the autumn
 * night 03:00–03:59 happens twice (the first, summer-time one is given).
 */
export function helsinkiInstant(date: LocalDate | string, hour: number, minute: number): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number]
  const wanted = `${date} ${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`
  for (const offset of [3, 2]) {
    const t = new Date(Date.UTC(y, m - 1, d, hour - offset, minute))
    if (helsinkiWallClock(t) === wanted) return t
  }
  return new Date(Date.UTC(y, m - 1, d, hour - 2, minute))
}

/** The first scheduled time strictly after `t`. */
export function nextAfter(s: JobSchedule, t: Date): Date {
  if (s.kind === 'interval') return new Date((Math.floor(t.getTime() / s.everyMs) + 1) * s.everyMs)
  const [hour, minute] = s.at.split(':').map(Number) as [number, number]
  let date = todayInHelsinki(t)
  // A year has no run of more than a few non-working days; 40 days is far beyond any.
  for (let i = 0; i < 40; i++, date = addDays(date, 1)) {
    if (s.workingDaysOnly && !isWorkingDay(date, 'strict')) continue
    const at = helsinkiInstant(date, hour, minute)
    if (at.getTime() > t.getTime()) return at
  }
  throw new Error(`no scheduled time within 40 days after ${t.toISOString()}`)
}

/**
 * The latest scheduled time not after `now`, counting from `slot` (`slot` itself when no later one has come): a run
 * claimed late serves the latest slot it stands for, so missed slots run once, together, not one by one.
 */
export function catchUp(s: JobSchedule, slot: Date, now: Date): Date {
  if (s.kind === 'interval') return new Date(Math.max(slot.getTime(), Math.floor(now.getTime() / s.everyMs) * s.everyMs))
  let latest = slot
  for (let i = 0; i < 4000; i++) {
    const after = nextAfter(s, latest)
    if (after.getTime() > now.getTime()) return latest
    latest = after
  }
  return latest
}

/**
 * The slot after a run of `slot` that ended at `now`: the next scheduled time, or, when that has passed already (a
 * long run, a server that was down), the latest scheduled time that has.
 */
export function nextSlot(s: JobSchedule, slot: Date, now: Date): Date {
  const next = nextAfter(s, slot)
  return next.getTime() > now.getTime() ? next : catchUp(s, next, now)
}

const svOrdinal = (n: number) => `${n}:${n % 10 <= 2 && n % 10 >= 1 && n % 100 !== 11 && n % 100 !== 12 ? 'a' : 'e'}`

/** The schedule in words, in each language. */
export function describeSchedule(s: JobSchedule): Localized {
  if (s.kind === 'daily') {
    const [hour, minute] = s.at.split(':').map(Number) as [number, number]
    const [fi, sv, en] = (['fi', 'sv', 'en'] as const).map((l) => formatClockTime(hour, minute, l))
    return s.workingDaysOnly
      ? { fi: `arkipäivisin klo ${fi} Suomen aikaa`, sv: `vardagar kl. ${sv} finsk tid`, en: `on working days at ${en} Helsinki time` }
      : { fi: `päivittäin klo ${fi} Suomen aikaa`, sv: `dagligen kl. ${sv} finsk tid`, en: `daily at ${en} Helsinki time` }
  }
  const ms = s.everyMs
  const unit = (n: number, fi: [string, string], sv: [string, string], en: [string, string]): Localized =>
    n === 1
      ? { fi: `${fi[0]} välein`, sv: `varje ${sv[0]}`, en: `every ${en[0]}` }
      : { fi: `${n} ${fi[1]} välein`, sv: `var ${svOrdinal(n)} ${sv[1]}`, en: `every ${n} ${en[1]}` }
  if (ms % 3_600_000 === 0) return unit(ms / 3_600_000, ['tunnin', 'tunnin'], ['timme', 'timme'], ['hour', 'hours'])
  if (ms % 60_000 === 0) return unit(ms / 60_000, ['minuutin', 'minuutin'], ['minut', 'minut'], ['minute', 'minutes'])
  if (ms % 1000 === 0) return unit(ms / 1000, ['sekunnin', 'sekunnin'], ['sekund', 'sekund'], ['second', 'seconds'])
  return { fi: `${ms} millisekunnin välein`, sv: `var ${svOrdinal(ms)} millisekund`, en: `every ${ms} ms` }
}

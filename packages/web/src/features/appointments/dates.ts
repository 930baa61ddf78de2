/** The week view's calendar: weekdays and weeks of Helsinki calendar dates (`YYYY-MM-DD`), from `@huoma/domain`. */
import { addDays, dayOfWeek, isoWeekNumber, localDate } from '@huoma/domain'

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const
export type Weekday = (typeof WEEKDAYS)[number]

export function weekdayOf(date: string): Weekday {
  return WEEKDAYS[dayOfWeek(localDate(date)) - 1]!
}

export function mondayOf(date: string): string {
  return addDays(localDate(date), 1 - dayOfWeek(localDate(date)))
}

/** ISO 8601 week number (the one Finnish calendars print). */
export function isoWeek(date: string): number {
  return isoWeekNumber(localDate(date))
}

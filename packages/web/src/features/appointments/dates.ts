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

/** The first calendar week day of `date`'s ISO week (Monday): an alias the week grid reads by. */
export const weekStart = mondayOf

/** `HH:MM` or `YYYY-MM-DDTHH:MM` (a Helsinki wall-clock time as the API gives it) → minutes after midnight. */
export function minutesOf(local: string): number {
  const m = /(\d{2}):(\d{2})$/.exec(local)
  if (!m) throw new Error(`not a wall-clock time: ${local}`)
  return Number(m[1]) * 60 + Number(m[2])
}

/** Minutes after midnight → `HH:MM` (what a `<input type="time">` holds). */
export function clockOf(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`
}

/** Something with a start and an end on one day (`YYYY-MM-DDTHH:MM`). */
export type Span = { start: string; end: string }

/** Where one appointment stands in its day column: lane `lane` of `lanes` side-by-side lanes. */
export type Placement = { lane: number; lanes: number }

/**
 * Lays a day's appointments out into side-by-side lanes: appointments that overlap in time never share a lane, and
 * every appointment of a cluster of (transitively) overlapping ones gets the cluster's lane count, so they are all
 * equally wide. An appointment that ends when another starts does not overlap it. The result is in the input's
 * order; the lanes are filled first-free in start order (the earlier appointment stands to the left).
 */
export function layoutLanes<T extends Span>(items: readonly T[]): Placement[] {
  const order = items
    .map((item, index) => ({ index, start: minutesOf(item.start), end: Math.max(minutesOf(item.end), minutesOf(item.start) + 1) }))
    .sort((a, b) => a.start - b.start || b.end - a.end || a.index - b.index)
  const result: Placement[] = new Array<Placement>(items.length)
  let cluster: { index: number; lane: number }[] = []
  let laneEnds: number[] = []
  let clusterEnd = -1
  const close = () => {
    for (const member of cluster) result[member.index] = { lane: member.lane, lanes: laneEnds.length }
    cluster = []
    laneEnds = []
  }
  for (const item of order) {
    if (item.start >= clusterEnd) {
      close()
      clusterEnd = item.end
    } else clusterEnd = Math.max(clusterEnd, item.end)
    let lane = laneEnds.findIndex((end) => end <= item.start)
    if (lane === -1) {
      lane = laneEnds.length
      laneEnds.push(item.end)
    } else laneEnds[lane] = item.end
    cluster.push({ index: item.index, lane })
  }
  close()
  return result
}

/**
 * The hours a week grid shows: 7–18 (from 7.00 to 18.00), widened to whole hours to take in any appointment that
 * starts earlier or ends later. `last` is the hour the grid ends at.
 */
export function gridHours(items: readonly Span[], first = 7, last = 18): { first: number; last: number } {
  for (const item of items) {
    first = Math.min(first, Math.floor(minutesOf(item.start) / 60))
    const end = minutesOf(item.end)
    last = Math.max(last, end === 0 ? 24 : Math.ceil(end / 60))
  }
  return { first, last }
}

/**
 * The days of the week starting `monday` that the grid shows as columns: Monday to Friday always, Saturday and
 * Sunday only when something is booked on them (`YYYY-MM-DD` dates of the items' starts).
 */
export function weekColumns(monday: string, items: readonly Span[]): string[] {
  const booked = new Set(items.map((item) => item.start.slice(0, 10)))
  return Array.from({ length: 7 }, (_, i) => addDays(localDate(monday), i)).filter((day, i) => i < 5 || booked.has(day))
}

import { todayInHelsinki, type LocalDate } from '@huoma/domain'

/**
 * The one source of the current time for server code. Modules never read the system time themselves: they take
 * the clock handed to them (the app's `clock`, a job's context, the CLI's), so that deadlines, decisions and jobs
 * can be tested at any moment and across holidays by moving a `TestClock`.
 */
export interface Clock {
  /** The current instant. */
  now(): Date
  /** Today's calendar date in Europe/Helsinki. */
  today(): LocalDate
}

/** The machine's clock. */
export const systemClock: Clock = {
  now: () => new Date(),
  today: () => todayInHelsinki(new Date()),
}

/**
 * A clock the tests move by hand. It starts at the given instant and stands still unless `tick` is set (then it
 * advances with real time from the last move, so time-outs and ordering by time still behave).
 */
export class TestClock implements Clock {
  private base: number
  private setAt: number

  constructor(
    start: Date | string,
    private readonly ticking = true,
  ) {
    this.base = new Date(start).getTime()
    this.setAt = performance.now()
  }

  now(): Date {
    return new Date(this.base + (this.ticking ? performance.now() - this.setAt : 0))
  }

  today(): LocalDate {
    return todayInHelsinki(this.now())
  }

  /** Jump to an instant (a date `YYYY-MM-DD` means 12:00 Helsinki time that day). */
  set(to: Date | string): void {
    this.base = typeof to === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(to) ? helsinkiNoon(to) : new Date(to).getTime()
    this.setAt = performance.now()
  }

  /** Move forward (or back, with negative values) by days, hours, minutes and milliseconds. */
  advance(by: { days?: number; hours?: number; minutes?: number; ms?: number }): void {
    const ms = (by.days ?? 0) * 86_400_000 + (by.hours ?? 0) * 3_600_000 + (by.minutes ?? 0) * 60_000 + (by.ms ?? 0)
    this.base = this.now().getTime() + ms
    this.setAt = performance.now()
  }
}

/** 12:00 in Helsinki on a calendar date (noon is the same date in every offset Helsinki has). */
function helsinkiNoon(date: string): number {
  return new Date(`${date}T10:00:00Z`).getTime()
}

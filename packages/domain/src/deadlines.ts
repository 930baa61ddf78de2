import {
  addDays,
  calendarDayDeadline,
  compareLocalDates,
  isWorkingDay,
  monthDeadline,
  nthDayOfPeriod,
  workingDayDeadline,
  type LocalDate,
  type WorkingDayMode,
} from './calendar';

/**
 * Statutory deadlines as data (rules.md §2): how a due date follows from the day the matter started, and where a
 * deadline stands on a given day. The server keeps each deadline as a row (what, whose, legal basis, start, due,
 * events); these rules compute its dates.
 */
export type DeadlineRule =
  /** at the latest on the n-th working day after the start (start not counted), rolled forward (TTTL 14 a §, LSL 26 §) */
  | { kind: 'working_days'; days: number }
  /** n calendar days after the start (start not counted), rolled forward (150/1930 2 §, 5 §) */
  | { kind: 'calendar_days'; days: number }
  /** n months after the start, the same-numbered day or the month's last, not rolled forward (SHL 36 §) */
  | { kind: 'months'; months: number }
  /** the n-th day of a period whose first day is the start, not rolled forward (urgent placement, LSL 38 §) */
  | { kind: 'period_day'; day: number };

/** The due date of a deadline that starts on `start`. */
export function dueDate(rule: DeadlineRule, start: LocalDate, mode: WorkingDayMode = 'strict'): LocalDate {
  switch (rule.kind) {
    case 'working_days':
      return workingDayDeadline(start, rule.days, mode);
    case 'calendar_days':
      return calendarDayDeadline(start, rule.days);
    case 'months':
      return monthDeadline(start, rule.months);
    case 'period_day':
      return nthDayOfPeriod(start, rule.day);
  }
}

/** The stored state: open (running), paused (waiting for the client, e.g. a completion), met or cancelled. */
export type DeadlineState = 'open' | 'paused' | 'met' | 'cancelled';

/** Where a deadline stands on a day, for worklists. */
export type DeadlineStanding = 'upcoming' | 'due_today' | 'overdue' | 'paused' | 'met_on_time' | 'met_late' | 'cancelled';

export function deadlineStanding(d: { state: DeadlineState; dueOn: LocalDate; metOn: LocalDate | null }, today: LocalDate): DeadlineStanding {
  switch (d.state) {
    case 'cancelled':
      return 'cancelled';
    case 'paused':
      return 'paused';
    case 'met':
      return d.metOn !== null && compareLocalDates(d.metOn, d.dueOn) > 0 ? 'met_late' : 'met_on_time';
    case 'open': {
      const c = compareLocalDates(today, d.dueOn);
      return c < 0 ? 'upcoming' : c === 0 ? 'due_today' : 'overdue';
    }
  }
}

/**
 * The day a missed deadline was missed: the day after its due date (recorded when it is met late, or when the
 * daily run finds it still open past its due date).
 */
export function missedOn(dueOn: LocalDate): LocalDate {
  return addDays(dueOn, 1);
}

/**
 * Working days from `today` to `dueOn`: 0 on the due day, 1 when the next working day is the due day, negative
 * when overdue (−1 the first working day after). Counts working days of the given mode.
 */
export function workingDaysLeft(today: LocalDate, dueOn: LocalDate, mode: WorkingDayMode = 'strict'): number {
  const c = compareLocalDates(today, dueOn);
  if (c === 0) return 0;
  const [from, to, sign] = c < 0 ? [today, dueOn, 1] : [dueOn, today, -1];
  let n = 0;
  for (let day = addDays(from, 1); compareLocalDates(day, to) <= 0; day = addDays(day, 1)) if (isWorkingDay(day, mode)) n++;
  return sign * n;
}

/** Whether a reminder is due: an open deadline within `daysBefore` working days of its due date, or past it. */
export function reminderDue(d: { state: DeadlineState; dueOn: LocalDate }, today: LocalDate, daysBefore: number, mode: WorkingDayMode = 'strict'): 'upcoming' | 'overdue' | null {
  if (d.state !== 'open') return null;
  const left = workingDaysLeft(today, d.dueOn, mode);
  if (compareLocalDates(today, d.dueOn) > 0) return 'overdue';
  return left <= daysBefore ? 'upcoming' : null;
}

import { describe, expect, it } from 'vitest';
import {
  appealDeadline,
  businessIdCheckDigit,
  deadlineStanding,
  deemedNotificationDate,
  dueDate,
  localDate,
  missedOn,
  reminderDue,
  validateBusinessId,
  workingDaysLeft,
} from '../src/index';

const d = localDate;

describe('decision notification (tiedoksianto) and appeal period', () => {
  it('deems a letter received on the 7th day, an electronic message on the 3rd, a handed decision at once', () => {
    expect(deemedNotificationDate('post', d('2026-03-02'))).toBe('2026-03-09');
    expect(deemedNotificationDate('electronic', d('2026-03-02'))).toBe('2026-03-05');
    expect(deemedNotificationDate('in_person', d('2026-03-02'))).toBe('2026-03-02');
    // a deemed date is not a deadline: not moved off a Sunday
    expect(deemedNotificationDate('post', d('2026-03-01'))).toBe('2026-03-08');
  });

  it('ends the 30-day appeal period on a working day (150/1930 5 §)', () => {
    expect(appealDeadline(d('2026-03-09'))).toBe('2026-04-08');
    // 30 days from 24.11.2025 is Christmas Eve: moved to Monday 29.12.2025
    expect(appealDeadline(d('2025-11-24'))).toBe('2025-12-29');
    // 30 days from 4.3.2026 is Good Friday 3.4: Easter Monday is a holiday too → Tuesday 7.4.2026
    expect(appealDeadline(d('2026-03-04'))).toBe('2026-04-07');
    expect(appealDeadline(d('2026-03-09'), 14)).toBe('2026-03-23');
  });
});

describe('statutory deadline rules (rules.md §2)', () => {
  it('counts working days from the day after receipt, in both modes (§2.4)', () => {
    const seven = { kind: 'working_days', days: 7 } as const;
    expect(dueDate(seven, d('2026-03-03'))).toBe('2026-03-12');
    expect(dueDate(seven, d('2025-12-19'))).toBe('2026-01-02');
    expect(dueDate(seven, d('2025-12-19'), 'administrative')).toBe('2026-01-05');
    expect(dueDate(seven, d('2026-04-01'))).toBe('2026-04-14');
    expect(dueDate(seven, d('2026-05-11'))).toBe('2026-05-21');
  });

  it('completes a 3-month assessment on the same-numbered day or the month\'s last, not rolled forward', () => {
    expect(dueDate({ kind: 'months', months: 3 }, d('2025-11-30'))).toBe('2026-02-28');
    // 3 months from 6.9.2026 is Sunday 6.12.2026 (Independence Day): not moved
    expect(dueDate({ kind: 'months', months: 3 }, d('2026-09-06'))).toBe('2026-12-06');
  });

  it('counts an urgent placement\'s 30 days with the placement day as day 1', () => {
    expect(dueDate({ kind: 'period_day', day: 30 }, d('2026-03-10'))).toBe('2026-04-08');
    expect(dueDate({ kind: 'period_day', day: 60 }, d('2026-03-10'))).toBe('2026-05-08');
  });

  it('moves a calendar-day deadline past an eve and a weekend', () => {
    expect(dueDate({ kind: 'calendar_days', days: 30 }, d('2025-11-24'))).toBe('2025-12-29');
  });
});

describe('where a deadline stands', () => {
  const due = d('2026-04-14');
  it('is upcoming, due today, overdue, paused, met on time or late, cancelled', () => {
    expect(deadlineStanding({ state: 'open', dueOn: due, metOn: null }, d('2026-04-13'))).toBe('upcoming');
    expect(deadlineStanding({ state: 'open', dueOn: due, metOn: null }, due)).toBe('due_today');
    expect(deadlineStanding({ state: 'open', dueOn: due, metOn: null }, d('2026-04-15'))).toBe('overdue');
    expect(deadlineStanding({ state: 'paused', dueOn: due, metOn: null }, d('2026-05-15'))).toBe('paused');
    expect(deadlineStanding({ state: 'met', dueOn: due, metOn: due }, d('2026-05-15'))).toBe('met_on_time');
    expect(deadlineStanding({ state: 'met', dueOn: due, metOn: d('2026-04-15') }, d('2026-05-15'))).toBe('met_late');
    expect(deadlineStanding({ state: 'cancelled', dueOn: due, metOn: null }, d('2026-04-15'))).toBe('cancelled');
    expect(missedOn(due)).toBe('2026-04-15');
  });

  it('counts working days left across Easter, negative when overdue', () => {
    // Wed 1.4.2026 → Tue 14.4.2026: 2, 7, 8, 9, 10, 13, 14 April (Good Friday 3.4 and Easter Monday 6.4 skipped)
    expect(workingDaysLeft(d('2026-04-01'), due)).toBe(7);
    expect(workingDaysLeft(due, due)).toBe(0);
    expect(workingDaysLeft(d('2026-04-16'), due)).toBe(-2);
    // from a Sunday to the Monday after: one working day
    expect(workingDaysLeft(d('2026-04-12'), d('2026-04-13'))).toBe(1);
  });

  it('reminds within the given working days of the due date, and when overdue', () => {
    expect(reminderDue({ state: 'open', dueOn: due }, d('2026-04-09'), 2)).toBeNull();
    expect(reminderDue({ state: 'open', dueOn: due }, d('2026-04-10'), 2)).toBe('upcoming');
    expect(reminderDue({ state: 'open', dueOn: due }, d('2026-04-15'), 2)).toBe('overdue');
    expect(reminderDue({ state: 'met', dueOn: due }, d('2026-04-15'), 2)).toBeNull();
  });
});

describe('Y-tunnus (business id)', () => {
  it('accepts ids whose check digit holds, padding the old six-digit form', () => {
    expect(validateBusinessId('0112038-9')).toEqual({ ok: true, value: '0112038-9' });
    expect(validateBusinessId(' 2617416-4 ')).toEqual({ ok: true, value: '2617416-4' });
    expect(validateBusinessId('112038-9')).toEqual({ ok: true, value: '0112038-9' });
  });

  it('refuses a wrong check digit, a bad format, and digits whose remainder is 1 (never issued)', () => {
    expect(validateBusinessId('0112038-8')).toEqual({ ok: false, error: 'checksum' });
    expect(validateBusinessId('01120389')).toEqual({ ok: false, error: 'format' });
    expect(validateBusinessId('FI01120389')).toEqual({ ok: false, error: 'format' });
    // find seven digits with remainder 1: no check digit exists for them
    const digits = Array.from({ length: 200 }, (_, i) => String(1000000 + i)).find((x) => businessIdCheckDigit(x) === null)!;
    for (let c = 0; c <= 9; c++) expect(validateBusinessId(`${digits}-${c}`)).toEqual({ ok: false, error: 'checksum' });
  });
});

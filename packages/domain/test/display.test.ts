import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  formatClockTime,
  formatDayAndMonth,
  formatFinnishDate,
  formatHelsinkiDateTime,
  formatHelsinkiTime,
  formatRegisterDate,
  helsinkiWallClock,
  isoWeekNumber,
  localDate,
  localDateFromParts,
  looksLikeFinnishDate,
  parseFinnishDate,
  type LocalDate,
} from '../src/index';

const d = localDate;

describe('calendar dates for people', () => {
  it('writes a date as Finns do, in every language', () => {
    expect(formatFinnishDate(d('2030-01-04'))).toBe('4.1.2030');
    expect(formatFinnishDate('2026-12-31')).toBe('31.12.2026');
    expect(formatFinnishDate('2026-03-02T10:15:00Z')).toBe('2.3.2026'); // the date part as written, no zone change
    expect(formatFinnishDate('not a date')).toBe('not a date');
    expect(formatRegisterDate('1976-07-05')).toBe('05.07.1976');
    expect(formatDayAndMonth('2030-01-04')).toBe('4.1.');
  });

  it('reads the Finnish date input d.m.yyyy, refusing days that do not exist', () => {
    expect(parseFinnishDate('5.7.1976')).toBe('1976-07-05');
    expect(parseFinnishDate(' 05.07.1976 ')).toBe('1976-07-05');
    expect(parseFinnishDate('29.2.2024')).toBe('2024-02-29');
    expect(parseFinnishDate('29.2.2023')).toBeNull();
    expect(parseFinnishDate('31.4.2026')).toBeNull();
    expect(parseFinnishDate('1976-07-05')).toBeNull();
    expect(parseFinnishDate('5.7.76')).toBeNull();
    expect(looksLikeFinnishDate('31.2.1976')).toBe(true);
    expect(looksLikeFinnishDate('0507')).toBe(false);
  });

  it('round-trips every date through the written form', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 3_000_000 }), (n) => {
        const date = addDays(d('0001-01-01'), n);
        if (date > '9999-12-31') return;
        expect(parseFinnishDate(formatFinnishDate(date))).toBe(date);
        expect(parseFinnishDate(formatRegisterDate(date))).toBe(date);
      }),
    );
  });

  it('numbers ISO weeks as Finnish calendars print them', () => {
    expect(isoWeekNumber(d('2030-01-14'))).toBe(3);
    expect(isoWeekNumber(d('2030-01-20'))).toBe(3);
    expect(isoWeekNumber(d('2031-03-12'))).toBe(11);
    expect(isoWeekNumber(d('2025-12-29'))).toBe(1); // Monday of the week holding 1.1.2026 (Thursday)
    expect(isoWeekNumber(d('2021-01-03'))).toBe(53); // Sunday: still 2020's week 53
    expect(isoWeekNumber(d('2026-12-31'))).toBe(53);
  });

  it('agrees with a reference ISO week computation on any day', () => {
    const reference = (date: LocalDate) => {
      const t = new Date(`${date}T00:00:00Z`);
      const weekday = (t.getUTCDay() + 6) % 7;
      t.setUTCDate(t.getUTCDate() - weekday + 3);
      const firstThursday = new Date(Date.UTC(t.getUTCFullYear(), 0, 4));
      const fw = (firstThursday.getUTCDay() + 6) % 7;
      firstThursday.setUTCDate(firstThursday.getUTCDate() - fw + 3);
      return 1 + Math.round((t.getTime() - firstThursday.getTime()) / (7 * 86_400_000));
    };
    fc.assert(
      fc.property(fc.integer({ min: 1900, max: 2200 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 }), (y, m, day) => {
        const date = localDateFromParts(y, m, day) as LocalDate;
        expect(isoWeekNumber(date)).toBe(reference(date));
      }),
    );
  });
});

describe('times of day in Helsinki', () => {
  it('reads the Helsinki wall clock in winter and in summer', () => {
    expect(helsinkiWallClock('2030-01-04T08:05:00Z')).toEqual({ date: '2030-01-04', hour: 10, minute: 5 });
    expect(helsinkiWallClock(new Date('2026-07-01T21:30:00Z'))).toEqual({ date: '2026-07-02', hour: 0, minute: 30 });
    expect(helsinkiWallClock('2025-12-31T22:30:00Z').date).toBe('2026-01-01');
    expect(() => helsinkiWallClock('nonsense')).toThrow(RangeError);
  });

  it('has one time style per language', () => {
    expect(formatClockTime(10, 0, 'fi')).toBe('10.00');
    expect(formatClockTime(9, 5, 'sv')).toBe('9.05');
    expect(formatClockTime(9, 5, 'en')).toBe('09:05');
    expect(formatHelsinkiTime('2026-03-02T08:15:00Z', 'fi')).toBe('10.15');
    expect(formatHelsinkiTime('2026-03-02T08:15:00Z', 'en')).toBe('10:15');
  });

  it('writes date and time: klo, kl. and the English 24-hour clock', () => {
    const instant = '2026-03-02T08:15:00Z';
    expect(formatHelsinkiDateTime(instant, 'fi')).toBe('2.3.2026 klo 10.15');
    expect(formatHelsinkiDateTime(instant, 'sv')).toBe('2.3.2026 kl. 10.15');
    expect(formatHelsinkiDateTime(instant, 'en')).toBe('2.3.2026 10:15');
    expect(formatHelsinkiDateTime(instant, 'fi', { clockWord: false })).toBe('2.3.2026 10.15');
    // Summer time: UTC+3.
    expect(formatHelsinkiDateTime('2026-06-19T06:00:00Z', 'fi')).toBe('19.6.2026 klo 9.00');
  });

  it('follows the switch to and from summer time', () => {
    // 29.3.2026 03:00 EET → 04:00 EEST; 25.10.2026 04:00 EEST → 03:00 EET.
    expect(formatHelsinkiDateTime('2026-03-29T00:59:00Z', 'en')).toBe('29.3.2026 02:59');
    expect(formatHelsinkiDateTime('2026-03-29T01:00:00Z', 'en')).toBe('29.3.2026 04:00');
    expect(formatHelsinkiDateTime('2026-10-25T00:30:00Z', 'en')).toBe('25.10.2026 03:30');
    expect(formatHelsinkiDateTime('2026-10-25T01:30:00Z', 'en')).toBe('25.10.2026 03:30');
  });
});

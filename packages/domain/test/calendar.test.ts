import { describe, expect, it } from 'vitest';
import {
  addDays,
  addMonths,
  addWorkingDays,
  calendarDayDeadline,
  compareLocalDates,
  dayOfWeek,
  daysBetween,
  easterSunday,
  finnishHoliday,
  finnishHolidays,
  isBankingDay,
  isDeadlineDay,
  isLocalDate,
  isTarget2Day,
  isWorkingDay,
  localDate,
  monthDeadline,
  nextBankingDay,
  nthDayOfPeriod,
  parseLocalDate,
  rollForwardDeadline,
  todayInHelsinki,
  workingDayDeadline,
  type LocalDate,
  type WorkingDayMode,
} from '../src/index';
import data from './vectors/fi-holidays.json';

const d = localDate;
const WEEKDAY = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 } as const;
const MODES: WorkingDayMode[] = ['strict', 'administrative'];

/** Every date from `from` to `to` inclusive. */
const range = (from: LocalDate, to: LocalDate) =>
  Array.from({ length: daysBetween(from, to) + 1 }, (_, i) => addDays(from, i));

describe('LocalDate', () => {
  it('parses only real YYYY-MM-DD days', () => {
    expect(parseLocalDate('2024-02-29')).toBe('2024-02-29');
    expect(parseLocalDate('2000-02-29')).toBe('2000-02-29');
    for (const bad of ['2025-02-29', '1900-02-29', '2025-13-01', '2025-00-10', '2025-04-31', '2025-4-1', '20250401', '2025-04-01T00:00', ' 2025-04-01']) {
      expect(parseLocalDate(bad)).toBeNull();
    }
    expect(isLocalDate('2025-04-01')).toBe(true);
    expect(isLocalDate(20250401)).toBe(false);
    expect(() => localDate('2025-02-29')).toThrow(RangeError);
  });

  it('adds days across months, years and leap days; agrees with Date.UTC on a sweep', () => {
    expect(addDays(d('2024-02-28'), 1)).toBe('2024-02-29');
    expect(addDays(d('2025-02-28'), 1)).toBe('2025-03-01');
    expect(addDays(d('2025-12-31'), 1)).toBe('2026-01-01');
    expect(addDays(d('2026-01-01'), -1)).toBe('2025-12-31');
    for (let i = -80_000; i <= 80_000; i += 997) {
      const expected = new Date(Date.UTC(2000, 0, 1) + i * 86_400_000).toISOString().slice(0, 10);
      expect(addDays(d('2000-01-01'), i)).toBe(expected);
      expect(daysBetween(d('2000-01-01'), d(expected))).toBe(i);
    }
  });

  it('clamps month arithmetic to the end of the month (150/1930 3 §)', () => {
    expect(addMonths(d('2025-11-30'), 3)).toBe('2026-02-28');
    expect(addMonths(d('2024-01-31'), 1)).toBe('2024-02-29');
    expect(addMonths(d('2025-01-31'), 1)).toBe('2025-02-28');
    expect(addMonths(d('2025-03-31'), -1)).toBe('2025-02-28');
    expect(addMonths(d('2025-01-15'), -13)).toBe('2023-12-15');
    expect(addMonths(d('2025-03-15'), 12)).toBe('2026-03-15');
    expect(addMonths(d('2024-02-29'), 12)).toBe('2025-02-28');
  });

  it('compares chronologically', () => {
    const dates = [d('2026-01-01'), d('1999-12-31'), d('2025-12-31'), d('2025-02-01')];
    expect([...dates].sort(compareLocalDates)).toEqual(['1999-12-31', '2025-02-01', '2025-12-31', '2026-01-01']);
    expect(compareLocalDates(d('2025-01-01'), d('2025-01-01'))).toBe(0);
  });

  it('knows weekdays of old and new dates', () => {
    expect(dayOfWeek(d('1970-01-01'))).toBe(4);
    expect(dayOfWeek(d('1917-12-06'))).toBe(4);
    expect(dayOfWeek(d('2026-03-03'))).toBe(2);
    expect(dayOfWeek(d('1899-12-31'))).toBe(7);
  });
});

describe('todayInHelsinki', () => {
  it.each([
    ['2025-12-31T21:59:59Z', '2025-12-31'], // 23:59:59 EET (UTC+2)
    ['2025-12-31T22:00:00Z', '2026-01-01'],
    ['2026-06-30T20:59:59Z', '2026-06-30'], // 23:59:59 EEST (UTC+3)
    ['2026-06-30T21:00:00Z', '2026-07-01'],
    ['2026-03-29T00:59:59Z', '2026-03-29'], // DST starts 29.3.2026 at 03:00 local
    ['2026-10-24T21:00:00Z', '2026-10-25'],
  ])('%s → %s', (instant, expected) => {
    expect(todayInHelsinki(new Date(instant))).toBe(expected);
  });

  it('rejects an invalid Date', () => {
    expect(() => todayInHelsinki(new Date('nope'))).toThrow(RangeError);
  });
});

describe('Finnish holidays – fi-holidays.json', () => {
  const years = Object.entries(data.years);

  it.each(years)('%s: every holiday with names, kind and flags', (year, { holidays }) => {
    expect(
      finnishHolidays(Number(year)).map((h) => ({
        date: h.date, fi: h.fi, sv: h.sv, en: h.en, type: h.kind, target2Closed: h.target2Closed, weekday: dayOfWeek(h.date),
      })),
    ).toEqual(
      holidays.map((h) => ({
        date: h.date, fi: h.fi, sv: h.sv, en: h.en, type: h.type, target2Closed: h.target2Closed, weekday: WEEKDAY[h.weekday as keyof typeof WEEKDAY],
      })),
    );
  });

  it.each(years)('%s: weekday holidays', (year, { weekdayHolidays }) => {
    const weekdays = range(d(`${year}-01-01`), d(`${year}-12-31`)).filter((x) => dayOfWeek(x) <= 5 && finnishHoliday(x));
    expect(weekdays).toEqual(weekdayHolidays);
  });

  it.each(years.flatMap(([, y]) => y.holidays))('$date $fi: deadline roll and bank closure', (h) => {
    const date = d(h.date);
    expect(isDeadlineDay(date)).toBe(!h.deadlineRollForward_150_1930_s5);
    expect(isBankingDay(date)).toBe(!h.finnishBankHoliday);
    expect(isTarget2Day(date)).toBe(!h.target2Closed && dayOfWeek(date) <= 5);
  });

  it('Easter Sundays 2024–2030 (dateutil cross-check)', () => {
    const expected = data.crossChecks['python dateutil.easter'].match(/\d{4}-\d{2}-\d{2}/g);
    expect(expected).toHaveLength(7);
    expect([2024, 2025, 2026, 2027, 2028, 2029, 2030].map(easterSunday)).toEqual(expected);
  });

  it('rules.md §2.3 table and §9.6 (2025–2027)', () => {
    const dates = (year: number) => Object.fromEntries(finnishHolidays(year).map((h) => [h.key, h.date]));
    expect(dates(2027)).toMatchObject({
      goodFriday: '2027-03-26', easterSunday: '2027-03-28', easterMonday: '2027-03-29', ascensionDay: '2027-05-06',
      midsummerEve: '2027-06-25', midsummerDay: '2027-06-26', allSaintsDay: '2027-11-06',
    });
    expect(dates(2026)).toMatchObject({ ascensionDay: '2026-05-14', midsummerEve: '2026-06-19', allSaintsDay: '2026-10-31' });
    expect(dates(2025)).toMatchObject({ easterSunday: '2025-04-20', allSaintsDay: '2025-11-01' });
  });

  it('Easter agrees with Lichtenberg’s form of Gauss’s algorithm, 1583–4099, and known extremes', () => {
    const gauss = (y: number) => {
      const k = Math.floor(y / 100);
      const m = 15 + Math.floor((3 * k + 3) / 4) - Math.floor((8 * k + 13) / 25);
      const s = 2 - Math.floor((3 * k + 3) / 4);
      const a = y % 19;
      const dd = (19 * a + m) % 30;
      const r = Math.floor((dd + Math.floor(a / 11)) / 29);
      const og = 21 + dd - r;
      const sz = 7 - ((y + Math.floor(y / 4) + s) % 7);
      const marchDay = og + 7 - ((og - sz) % 7);
      return addDays(d(`${y}-03-01`), marchDay - 1);
    };
    const mismatches = [];
    for (let y = 1583; y <= 4099; y++) if (easterSunday(y) !== gauss(y)) mismatches.push(y);
    expect(mismatches).toEqual([]);
    expect([1818, 1943, 2038, 2285].map(easterSunday)).toEqual(['1818-03-22', '1943-04-25', '2038-04-25', '2285-03-22']);
  });

  it('holiday structure holds for 1600–2400 (property)', () => {
    for (let year = 1600; year <= 2400; year++) {
      const hs = finnishHolidays(year);
      expect(hs).toHaveLength(15);
      const byKey = Object.fromEntries(hs.map((h) => [h.key, h.date]));
      const easter = byKey.easterSunday as LocalDate;
      expect(dayOfWeek(easter)).toBe(7);
      expect(easter >= `${year}-03-22` && easter <= `${year}-04-25`).toBe(true);
      expect(dayOfWeek(byKey.midsummerEve as LocalDate)).toBe(5);
      expect(daysBetween(byKey.midsummerEve as LocalDate, byKey.midsummerDay as LocalDate)).toBe(1);
      expect(dayOfWeek(byKey.allSaintsDay as LocalDate)).toBe(6);
      expect(byKey.allSaintsDay! >= `${year}-10-31` && byKey.allSaintsDay! <= `${year}-11-06`).toBe(true);
    }
  });

  it('ordinary Sundays and New Year’s Eve are not listed holidays', () => {
    expect(finnishHoliday(d('2026-03-01'))).toBeUndefined();
    expect(finnishHoliday(d('2025-12-31'))).toBeUndefined();
    expect(finnishHoliday(d('2026-12-24'))).toMatchObject({ key: 'christmasEve', kind: 'de-facto' });
  });
});

describe('working days and deadlines', () => {
  it('isWorkingDay (rules.md §9.6)', () => {
    expect(isWorkingDay(d('2026-01-06'))).toBe(false);
    expect(isWorkingDay(d('2025-12-24'))).toBe(true);
    expect(isWorkingDay(d('2025-12-24'), 'strict')).toBe(true);
    expect(isWorkingDay(d('2025-12-24'), 'administrative')).toBe(false);
    expect(isWorkingDay(d('2026-06-19'), 'administrative')).toBe(false);
    expect(isWorkingDay(d('2026-03-07'))).toBe(false); // Saturday
    expect(isWorkingDay(d('2026-03-08'))).toBe(false); // Sunday
    expect(isWorkingDay(d('2026-03-09'))).toBe(true);
  });

  it.each(data.workingDayDeadlineVectors)('$start ($startWeekday) + $workingDays: strict $deadlineStrict, administrative $deadlineAdministrative', (v) => {
    expect(dayOfWeek(d(v.start))).toBe(WEEKDAY[v.startWeekday as keyof typeof WEEKDAY]);
    expect(workingDayDeadline(d(v.start), v.workingDays)).toBe(v.deadlineStrict);
    expect(workingDayDeadline(d(v.start), v.workingDays, 'strict')).toBe(v.deadlineStrict);
    expect(workingDayDeadline(d(v.start), v.workingDays, 'administrative')).toBe(v.deadlineAdministrative);
  });

  it.each([
    ['2026-03-03', '2026-03-12', '2026-03-12'],
    ['2025-12-19', '2026-01-02', '2026-01-05'],
    ['2026-04-01', '2026-04-14', '2026-04-14'],
    ['2026-05-11', '2026-05-21', '2026-05-21'],
    ['2024-12-20', '2025-01-03', '2025-01-07'], // integrations.md §8
  ])('rules.md §2.4: received %s → strict %s, administrative %s', (received, strict, administrative) => {
    expect(workingDayDeadline(d(received), 7)).toBe(strict);
    expect(workingDayDeadline(d(received), 7, 'administrative')).toBe(administrative);
  });

  it('strict mode counts an eve but does not end a deadline on it', () => {
    // Mon 21.12.2026 + 3 working days: 22, 23, 24 (Christmas Eve) → rolls past 25.12 and the weekend
    expect(addWorkingDays(d('2026-12-21'), 3)).toBe('2026-12-24');
    expect(workingDayDeadline(d('2026-12-21'), 3)).toBe('2026-12-28');
    expect(workingDayDeadline(d('2026-12-21'), 3, 'administrative')).toBe('2026-12-28');
    // … whereas with 4 days the modes differ by the eve itself
    expect(workingDayDeadline(d('2026-12-21'), 4)).toBe('2026-12-28');
    expect(workingDayDeadline(d('2026-12-21'), 4, 'administrative')).toBe('2026-12-29');
    // Tue 16.6.2026 + 3 → Midsummer Eve Fri 19.6 → Mon 22.6
    expect(addWorkingDays(d('2026-06-16'), 3)).toBe('2026-06-19');
    expect(workingDayDeadline(d('2026-06-16'), 3)).toBe('2026-06-22');
  });

  it('urgent toimeentulotuki received on a holiday is decided the next working day (rules.md §9.5)', () => {
    expect(workingDayDeadline(d('2026-05-01'), 1)).toBe('2026-05-04');
    expect(workingDayDeadline(d('2026-05-04'), 1)).toBe('2026-05-05');
  });

  it('n = 0 is the start day itself (rolled forward if a deadline cannot end on it)', () => {
    expect(addWorkingDays(d('2026-05-01'), 0)).toBe('2026-05-01');
    expect(workingDayDeadline(d('2026-05-01'), 0)).toBe('2026-05-04');
    expect(workingDayDeadline(d('2026-05-05'), 0)).toBe('2026-05-05');
    expect(() => addWorkingDays(d('2026-05-05'), -1)).toThrow(RangeError);
    expect(() => addWorkingDays(d('2026-05-05'), 1.5)).toThrow(RangeError);
  });

  it('property: every start day 2024–2030, n = 1…10, both modes', { timeout: 30_000 }, () => {
    const failures: string[] = [];
    for (const start of range(d('2024-01-01'), d('2030-12-31'))) {
      for (const mode of MODES) {
        let previous = start;
        for (let n = 1; n <= 10; n++) {
          const end = addWorkingDays(start, n, mode);
          const deadline = workingDayDeadline(start, n, mode);
          let between = 0; // working days in (previous, end]: must be exactly the one at `end`
          for (let x = addDays(previous, 1); x <= end; x = addDays(x, 1)) if (isWorkingDay(x, mode)) between++;
          const ok =
            isWorkingDay(end, mode) &&
            between === 1 &&
            isDeadlineDay(deadline) &&
            (deadline === end || (mode === 'strict' && finnishHoliday(end)?.kind === 'de-facto' && deadline > end));
          if (!ok) failures.push(`${start} +${n} ${mode}: ${end} / ${deadline}`);
          previous = end;
        }
      }
    }
    expect(failures).toEqual([]);
  });

  it.each(data.calendarDayDeadlineVectors)('$start + $calendarDays days → $deadline', (v) => {
    expect(calendarDayDeadline(d(v.start), v.calendarDays)).toBe(v.deadline);
  });

  it('rollForwardDeadline leaves a deadline day alone and skips weekends, holidays and eves', () => {
    expect(rollForwardDeadline(d('2026-03-04'))).toBe('2026-03-04');
    expect(rollForwardDeadline(d('2026-03-07'))).toBe('2026-03-09');
    expect(rollForwardDeadline(d('2026-04-03'))).toBe('2026-04-07');
    expect(rollForwardDeadline(d('2025-12-24'))).toBe('2025-12-29');
  });

  it('urgent placement: day 30 and day 60 counting the placement day (LSL 38 §, 38 a §)', () => {
    expect(nthDayOfPeriod(d('2026-03-10'), 30)).toBe('2026-04-08');
    expect(nthDayOfPeriod(d('2026-03-10'), 60)).toBe('2026-05-08');
    expect(nthDayOfPeriod(d('2026-03-10'), 1)).toBe('2026-03-10');
    expect(() => nthDayOfPeriod(d('2026-03-10'), 0)).toThrow(RangeError);
  });

  it('month deadlines are not rolled forward', () => {
    expect(monthDeadline(d('2025-11-30'), 3)).toBe('2026-02-28'); // a Saturday, kept
    expect(dayOfWeek(d('2026-02-28'))).toBe(6);
    expect(monthDeadline(d('2025-03-15'), 12)).toBe('2026-03-15'); // client plan review
    expect(() => monthDeadline(d('2025-03-15'), -1)).toThrow(RangeError);
  });
});

describe('banking days', () => {
  it('Finnish banks are closed on all Finnish holidays and eves, TARGET2 only on six of them', () => {
    expect(isBankingDay(d('2026-01-06'))).toBe(false); // Epiphany
    expect(isTarget2Day(d('2026-01-06'))).toBe(true);
    expect(isBankingDay(d('2026-05-14'))).toBe(false); // Ascension
    expect(isBankingDay(d('2026-06-19'))).toBe(false); // Midsummer Eve
    expect(isBankingDay(d('2027-12-06'))).toBe(false); // Independence Day (Mon)
    expect(isBankingDay(d('2026-12-24'))).toBe(false); // Christmas Eve
    expect(isTarget2Day(d('2026-12-25'))).toBe(false);
    expect(isBankingDay(d('2025-12-31'))).toBe(true); // disputed "bank" day in date-holidays: not closed
    expect(isBankingDay(d('2026-03-07'))).toBe(false);
    expect(isTarget2Day(d('2026-03-07'))).toBe(false);
  });

  it('nextBankingDay is strictly after and skips closures', () => {
    expect(nextBankingDay(d('2026-03-04'))).toBe('2026-03-05');
    expect(nextBankingDay(d('2025-12-23'))).toBe('2025-12-29');
    expect(nextBankingDay(d('2026-06-18'))).toBe('2026-06-22');
    expect(nextBankingDay(d('2026-04-02'))).toBe('2026-04-07');
    expect(nextBankingDay(d('2025-12-31'))).toBe('2026-01-02');
  });
});

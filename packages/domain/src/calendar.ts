/**
 * Calendar dates in Finland (Europe/Helsinki), Finnish public holidays and statutory deadline arithmetic.
 *
 * Deadlines follow *Laki säädettyjen määräaikain laskemisesta* 150/1930 (määräaikalaki):
 * 2 § the start day is not counted; 3 § a period in months ends on the same-numbered day, or on the last day of
 * the month when that day does not exist; 5 § when the last day is a pyhäpäivä, itsenäisyyspäivä, vapunpäivä,
 * jouluaatto, juhannusaatto or arkilauantai, the act may still be done on the next arkipäivä.
 *
 * @module
 */

/** A calendar date `YYYY-MM-DD` (no time, no zone). Obtain one with {@link localDate} or {@link parseLocalDate}. */
export type LocalDate = string & { readonly __brand: 'LocalDate' };

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export type IsoWeekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** Whether `year` is a Gregorian leap year. */
export function isLeapYear(year: number): boolean {
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
}

/** Days in a month of the Gregorian calendar (month 1–12). */
export function daysInMonth(year: number, month: number): number {
  return month === 2 ? (isLeapYear(year) ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** Builds a date from its parts, or `null` if the parts do not name a real day (e.g. 29.2.2001). */
export function localDateFromParts(year: number, month: number, day: number): LocalDate | null {
  if (![year, month, day].every(Number.isInteger) || year < 1 || year > 9999) return null;
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}` as LocalDate;
}

/** Parses a strict `YYYY-MM-DD` string; `null` for any other shape or a non-existent day. */
export function parseLocalDate(input: string): LocalDate | null {
  const m = DATE_RE.exec(input);
  return m ? localDateFromParts(Number(m[1]), Number(m[2]), Number(m[3])) : null;
}

/** Type guard for {@link LocalDate}. */
export function isLocalDate(input: unknown): input is LocalDate {
  return typeof input === 'string' && parseLocalDate(input) !== null;
}

/** Like {@link parseLocalDate} but throws `RangeError`; for literals and already-validated data. */
export function localDate(input: string): LocalDate {
  const d = parseLocalDate(input);
  if (d === null) throw new RangeError(`Not a calendar date (YYYY-MM-DD): ${JSON.stringify(input)}`);
  return d;
}

/** Year, month (1–12) and day of a date. */
export function dateParts(date: LocalDate): { year: number; month: number; day: number } {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return { year: y, month: m, day: d };
}

// Days since 1970-01-01 and back, proleptic Gregorian (H. Hinnant's days_from_civil / civil_from_days).
const toEpochDay = (date: LocalDate) => {
  const { year, month, day } = dateParts(date);
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  return era * 146_097 + yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy - 719_468;
};

const fromEpochDay = (epochDay: number): LocalDate => {
  const z = epochDay + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const month = mp < 10 ? mp + 3 : mp - 9;
  const result = localDateFromParts(yoe + era * 400 + (month <= 2 ? 1 : 0), month, doy - Math.floor((153 * mp + 2) / 5) + 1);
  if (result === null) throw new RangeError('Date arithmetic left the years 0001–9999');
  return result;
};

/** `date` plus `days` calendar days (negative moves back). */
export function addDays(date: LocalDate, days: number): LocalDate {
  if (!Number.isInteger(days)) throw new RangeError(`days must be an integer, got ${days}`);
  return fromEpochDay(toEpochDay(date) + days);
}

/**
 * `date` plus `months` calendar months (negative moves back). When the target month has no such day the result is
 * its last day (150/1930 3 §): 30.11.2025 + 3 months = 28.2.2026; 31.1.2024 + 1 month = 29.2.2024.
 */
export function addMonths(date: LocalDate, months: number): LocalDate {
  if (!Number.isInteger(months)) throw new RangeError(`months must be an integer, got ${months}`);
  const { year, month, day } = dateParts(date);
  const index = year * 12 + (month - 1) + months;
  const y = Math.floor(index / 12);
  const m = (index % 12) + 1;
  const result = localDateFromParts(y, m, Math.min(day, daysInMonth(y, m)));
  if (result === null) throw new RangeError('Date arithmetic left the years 0001–9999');
  return result;
}

/** Number of days from `from` to `to` (positive when `to` is later). */
export function daysBetween(from: LocalDate, to: LocalDate): number {
  return toEpochDay(to) - toEpochDay(from);
}

/** ISO weekday of a date (1 = Monday … 7 = Sunday). */
export function dayOfWeek(date: LocalDate): IsoWeekday {
  return (((toEpochDay(date) + 3) % 7 + 7) % 7 + 1) as IsoWeekday; // 1970-01-01 was a Thursday
}

/**
 * ISO 8601 week number (1–53), the one Finnish calendars print: the week that holds the year's first Thursday is
 * week 1, and weeks start on Monday. Example: Mon 29.12.2025 is in week 1 of 2026.
 */
export function isoWeekNumber(date: LocalDate): number {
  const thursday = addDays(date, 4 - dayOfWeek(date));
  const jan1 = localDateFromParts(dateParts(thursday).year, 1, 1) as LocalDate;
  return Math.floor(daysBetween(jan1, thursday) / 7) + 1;
}

/** Orders two dates: negative, zero or positive like `Array.prototype.sort` expects. */
export function compareLocalDates(a: LocalDate, b: LocalDate): -1 | 0 | 1 {
  return a < b ? -1 : a > b ? 1 : 0; // zero-padded ISO strings sort chronologically
}

const helsinkiFormat = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Helsinki',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/**
 * The calendar date in Finland (Europe/Helsinki, EET/EEST) at the instant `now`. Pass the clock in; this module
 * never reads it. Example: `2025-12-31T22:30:00Z` is already `2026-01-01` in Helsinki.
 */
export function todayInHelsinki(now: Date): LocalDate {
  if (Number.isNaN(now.getTime())) throw new RangeError('Invalid Date');
  const parts = helsinkiFormat.formatToParts(now);
  const part = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value);
  return localDate(`${pad(part('year'), 4)}-${pad(part('month'), 2)}-${pad(part('day'), 2)}`);
}

// ---------------------------------------------------------------------------------------------------------------
// Holidays

/** Stable identifier of a Finnish holiday. */
export type FinnishHolidayKey =
  | 'newYearsDay'
  | 'epiphany'
  | 'goodFriday'
  | 'easterSunday'
  | 'easterMonday'
  | 'mayDay'
  | 'ascensionDay'
  | 'whitSunday'
  | 'midsummerEve'
  | 'midsummerDay'
  | 'allSaintsDay'
  | 'independenceDay'
  | 'christmasEve'
  | 'christmasDay'
  | 'stStephensDay';

/**
 * A Finnish holiday. `kind: 'public'` = pyhäpäivä of the church calendar, vapunpäivä or itsenäisyyspäivä;
 * `'de-facto'` = Christmas Eve and Midsummer Eve, which are not public holidays but are named in 150/1930 5 § and
 * are closing days of offices and banks. Every holiday is also a Finnish bank holiday; `target2Closed` marks the
 * days on which the euro-area TARGET2 payment system is closed as well.
 */
export interface FinnishHoliday {
  date: LocalDate;
  key: FinnishHolidayKey;
  kind: 'public' | 'de-facto';
  target2Closed: boolean;
  fi: string;
  sv: string;
  en: string;
}

type HolidayInfo = Omit<FinnishHoliday, 'date' | 'key'>;
const info = (kind: HolidayInfo['kind'], target2Closed: boolean, fi: string, sv: string, en: string): HolidayInfo =>
  ({ kind, target2Closed, fi, sv, en });

const HOLIDAY_INFO: Record<FinnishHolidayKey, HolidayInfo> = {
  newYearsDay: info('public', true, 'Uudenvuodenpäivä', 'Nyårsdagen', "New Year's Day"),
  epiphany: info('public', false, 'Loppiainen', 'Trettondagen', 'Epiphany'),
  goodFriday: info('public', true, 'Pitkäperjantai', 'Långfredagen', 'Good Friday'),
  easterSunday: info('public', false, 'Pääsiäispäivä', 'Påskdagen', 'Easter Sunday'),
  easterMonday: info('public', true, '2. pääsiäispäivä', 'Annandag påsk', 'Easter Monday'),
  mayDay: info('public', true, 'Vappu', 'Första maj', 'May Day'),
  ascensionDay: info('public', false, 'Helatorstai', 'Kristi himmelsfärdsdag', 'Ascension Day'),
  whitSunday: info('public', false, 'Helluntaipäivä', 'Pingstdagen', 'Whit Sunday'),
  midsummerEve: info('de-facto', false, 'Juhannusaatto', 'Midsommarafton', 'Midsummer Eve'),
  midsummerDay: info('public', false, 'Juhannuspäivä', 'Midsommardagen', 'Midsummer Day'),
  allSaintsDay: info('public', false, 'Pyhäinpäivä', 'Alla helgons dag', "All Saints' Day"),
  independenceDay: info('public', false, 'Itsenäisyyspäivä', 'Självständighetsdagen', 'Independence Day'),
  christmasEve: info('de-facto', false, 'Jouluaatto', 'Julafton', 'Christmas Eve'),
  christmasDay: info('public', true, 'Joulupäivä', 'Juldagen', 'Christmas Day'),
  stStephensDay: info('public', true, 'Tapaninpäivä', 'Annandag jul', "St. Stephen's Day"),
};

const dateOf = (year: number, month: number, day: number) => localDate(`${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`);

/** Easter Sunday of a Gregorian year (anonymous Gregorian computus / Meeus–Jones–Butcher). */
export function easterSunday(year: number): LocalDate {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - Math.floor(b / 4) - g + 15) % 30;
  const l = (32 + 2 * (b % 4) + 2 * Math.floor(c / 4) - h - (c % 4)) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const n = h + l - 7 * m + 114;
  return dateOf(year, Math.floor(n / 31), (n % 31) + 1);
}

/** First date on or after `from` that falls on `weekday`. */
const onOrAfter = (from: LocalDate, weekday: IsoWeekday) => addDays(from, (weekday - dayOfWeek(from) + 7) % 7);

const holidayCache = new Map<number, readonly FinnishHoliday[]>();
const holidayByDate = new Map<number, ReadonlyMap<string, FinnishHoliday>>();

/**
 * Finnish holidays of `year` in date order, computed by the rules in force since 1992: the fixed days (1.1, 6.1,
 * 1.5, 6.12, 24.–26.12), Easter-based days (Good Friday E−2, Easter E, Easter Monday E+1, Ascension E+39,
 * Pentecost E+49), Midsummer Eve = Friday 19–25 June, Midsummer Day = Saturday 20–26 June, All Saints' Day =
 * Saturday 31 Oct – 6 Nov. Ordinary Sundays are not listed (every Sunday is a pyhäpäivä anyway). Years before 1992
 * get the same modern rules, not the historical ones.
 */
export function finnishHolidays(year: number): readonly FinnishHoliday[] {
  if (!Number.isInteger(year) || year < 1583 || year > 9999) throw new RangeError(`Unsupported year ${year}`);
  const cached = holidayCache.get(year);
  if (cached) return cached;
  const easter = easterSunday(year);
  const dates: Record<FinnishHolidayKey, LocalDate> = {
    newYearsDay: dateOf(year, 1, 1),
    epiphany: dateOf(year, 1, 6),
    goodFriday: addDays(easter, -2),
    easterSunday: easter,
    easterMonday: addDays(easter, 1),
    mayDay: dateOf(year, 5, 1),
    ascensionDay: addDays(easter, 39),
    whitSunday: addDays(easter, 49),
    midsummerEve: onOrAfter(dateOf(year, 6, 19), 5),
    midsummerDay: onOrAfter(dateOf(year, 6, 20), 6),
    allSaintsDay: onOrAfter(dateOf(year, 10, 31), 6),
    independenceDay: dateOf(year, 12, 6),
    christmasEve: dateOf(year, 12, 24),
    christmasDay: dateOf(year, 12, 25),
    stStephensDay: dateOf(year, 12, 26),
  };
  const list = (Object.keys(dates) as FinnishHolidayKey[])
    .map((key) => Object.freeze({ date: dates[key], key, ...HOLIDAY_INFO[key] }))
    .sort((x, y) => compareLocalDates(x.date, y.date));
  holidayCache.set(year, Object.freeze(list));
  holidayByDate.set(year, new Map(list.map((h) => [h.date, h])));
  return list;
}

/** The Finnish holiday falling on `date`, if any (ordinary Sundays are not holidays in this sense). */
export function finnishHoliday(date: LocalDate): FinnishHoliday | undefined {
  const year = Number(date.slice(0, 4));
  if (!holidayByDate.has(year)) finnishHolidays(year);
  return holidayByDate.get(year)?.get(date);
}

// ---------------------------------------------------------------------------------------------------------------
// Working days and deadlines

/**
 * How arkipäivä (working day) is counted for statutory deadlines; an organisation setting, default `'strict'`.
 *
 * - `'strict'` (THL lastensuojelun käsikirja: "Arkipäivänä ei pidetä pyhäpäiviä eikä arkilauantaita"):
 *   Monday–Friday except public holidays. Christmas Eve and Midsummer Eve *are* working days, but a deadline may
 *   not end on them (150/1930 5 §; see {@link workingDayDeadline}).
 * - `'administrative'`: additionally the eves are not working days (offices are closed).
 */
export type WorkingDayMode = 'strict' | 'administrative';

const isWeekend = (date: LocalDate) => dayOfWeek(date) >= 6;

/** Whether `date` is an arkipäivä in the given counting mode. */
export function isWorkingDay(date: LocalDate, mode: WorkingDayMode = 'strict'): boolean {
  if (isWeekend(date)) return false;
  const holiday = finnishHoliday(date);
  return holiday === undefined || (mode === 'strict' && holiday.kind === 'de-facto');
}

const assertCount = (n: number, what: string) => {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`${what} must be a non-negative integer, got ${n}`);
};

/**
 * The `n`-th working day after `date`; the start day itself is not counted (150/1930 2 §). `n = 0` returns `date`.
 * In strict mode the result may be Christmas Eve or Midsummer Eve; use {@link workingDayDeadline} for a deadline.
 */
export function addWorkingDays(date: LocalDate, n: number, mode: WorkingDayMode = 'strict'): LocalDate {
  assertCount(n, 'n');
  let current = date;
  for (let counted = 0; counted < n; ) {
    current = addDays(current, 1);
    if (isWorkingDay(current, mode)) counted++;
  }
  return current;
}

/**
 * Whether a deadline may end on `date` under 150/1930 5 §: not a Saturday (arkilauantai), Sunday, public holiday,
 * May Day, Independence Day, Christmas Eve or Midsummer Eve.
 */
export function isDeadlineDay(date: LocalDate): boolean {
  return !isWeekend(date) && finnishHoliday(date) === undefined;
}

/** Moves a deadline's last day forward to the next day a deadline may end on (150/1930 5 §); unchanged if it is one. */
export function rollForwardDeadline(date: LocalDate): LocalDate {
  let current = date;
  while (!isDeadlineDay(current)) current = addDays(current, 1);
  return current;
}

/**
 * Deadline of "at the latest on the n-th arkipäivä after receipt", e.g. 7 arkipäivää in TTTL 14 a §
 * (toimeentulotuki decision), SHL 36 § and LSL 26 § (service-need assessment). The day of receipt is not counted
 * and the result is rolled forward by 150/1930 5 § (strict mode: never ends on an eve).
 * Examples: Tue 3.3.2026 + 7 → Thu 12.3.2026; Fri 19.12.2025 + 7 → Fri 2.1.2026 (strict) / Mon 5.1.2026
 * (administrative). Urgent toimeentulotuki ("the same or the next arkipäivä") is `n = 1`.
 */
export function workingDayDeadline(received: LocalDate, n: number, mode: WorkingDayMode = 'strict'): LocalDate {
  return rollForwardDeadline(addWorkingDays(received, n, mode));
}

/**
 * Deadline of `days` calendar days from `start` (start day not counted, 150/1930 2 §), rolled forward by 5 §.
 * Example: 24.11.2025 + 30 days = 24.12.2025 (Christmas Eve) → Mon 29.12.2025.
 */
export function calendarDayDeadline(start: LocalDate, days: number): LocalDate {
  assertCount(days, 'days');
  return rollForwardDeadline(addDays(start, days));
}

/**
 * Deadline of `months` months from `start` (150/1930 3 §: same-numbered day, else the last day of the month).
 * Deliberately **not** rolled forward (rules.md §2.2: the authority must not gain days), e.g. a child-welfare
 * service-need assessment pending 30.11.2025 must be complete by 28.2.2026 (LSL 26 § 5 mom, SHL 36 §).
 */
export function monthDeadline(start: LocalDate, months: number): LocalDate {
  assertCount(months, 'months');
  return addMonths(start, months);
}

/**
 * The `n`-th day of a period whose first day is `start` (start counted as day 1), e.g. urgent placement
 * (kiireellinen sijoitus, LSL 38 §) lasts at most 30 days counting the day of placement: placed 10.3.2026 →
 * day 30 = 8.4.2026; with the one extension of LSL 38 a § → day 60 = 8.5.2026. Not rolled forward.
 */
export function nthDayOfPeriod(start: LocalDate, n: number): LocalDate {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`n must be a positive integer, got ${n}`);
  return addDays(start, n - 1);
}

// ---------------------------------------------------------------------------------------------------------------
// Banking days

/**
 * Whether Finnish banks execute payments on `date` (pankkipäivä): Monday–Friday except every Finnish holiday
 * including Epiphany, Ascension, Midsummer Eve, Independence Day and Christmas Eve (fi-holidays.json flags all of
 * them `finnishBankHoliday`). New Year's Eve is *not* treated as a bank holiday (only npm date-holidays claims so;
 * recorded as disputed in integrations.md §8).
 */
export function isBankingDay(date: LocalDate): boolean {
  return isDeadlineDay(date);
}

/** The first banking day strictly after `date`. For "on or after" use `isBankingDay(d) ? d : nextBankingDay(d)`. */
export function nextBankingDay(date: LocalDate): LocalDate {
  let current = addDays(date, 1);
  while (!isBankingDay(current)) current = addDays(current, 1);
  return current;
}

/**
 * Whether the euro-area TARGET2 (T2) system is open on `date`: weekdays except 1.1, Good Friday, Easter Monday,
 * 1.5, 25.12 and 26.12. Interbank settlement may happen on days Finnish banks are closed (e.g. Epiphany).
 */
export function isTarget2Day(date: LocalDate): boolean {
  return !isWeekend(date) && finnishHoliday(date)?.target2Closed !== true;
}

/**
 * Dates and times written for people, in the three languages of Huoma (fi, sv, en), independent of the reader's
 * browser or server zone: calendar dates as Finns write them (`4.1.2030`, in every language), clock times in
 * Helsinki with one style per language (`klo 10.05`, `kl. 10.05`, `10:05`), and the Finnish date input
 * `d.m.yyyy`. The web app and the server's documents use the same functions, so that a date on the screen and on
 * the PDF read alike. Only the digits are taken from `Intl` (the Helsinki wall clock), never its punctuation, which
 * varies between ICU versions.
 *
 * @module
 */
import { localDateFromParts, type LocalDate } from './calendar';

/** The languages of Huoma's user interface and documents. */
export type DisplayLanguage = 'fi' | 'sv' | 'en';

const ISO_DATE_PREFIX = /^(\d{4})-(\d{2})-(\d{2})/;
const FINNISH_DATE = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/;

/**
 * A calendar date as Finns write it, the same in every language: `2030-01-04` → `4.1.2030`. Takes a
 * {@link LocalDate} or any string that starts with `YYYY-MM-DD` (a timestamp's date part as it is written, with no
 * change of zone); anything else is returned as it is.
 */
export function formatFinnishDate(date: LocalDate | string): string {
  const m = ISO_DATE_PREFIX.exec(date);
  return m ? `${Number(m[3])}.${Number(m[2])}.${m[1]}` : date;
}

/**
 * Like {@link formatFinnishDate} with day and month in two digits, as the population register prints dates of
 * birth and death: `1976-07-05` → `05.07.1976`.
 */
export function formatRegisterDate(date: LocalDate | string): string {
  const m = ISO_DATE_PREFIX.exec(date);
  return m ? `${m[3]}.${m[2]}.${m[1]}` : date;
}

/** A short day without the year: `2030-01-04` → `4.1.` */
export function formatDayAndMonth(date: LocalDate | string): string {
  const m = ISO_DATE_PREFIX.exec(date);
  return m ? `${Number(m[3])}.${Number(m[2])}.` : date;
}

/**
 * The Finnish date input: `5.7.1976` or `05.07.1976` (surrounding spaces allowed) → `1976-07-05`; `null` when the
 * text has another shape or names a day that does not exist (`29.2.2023`).
 */
export function parseFinnishDate(input: string): LocalDate | null {
  const m = FINNISH_DATE.exec(input.trim());
  return m ? localDateFromParts(Number(m[3]), Number(m[2]), Number(m[1])) : null;
}

/** Whether `input` has the shape of a Finnish date input (`d.m.yyyy`), whether or not the day exists. */
export function looksLikeFinnishDate(input: string): boolean {
  return FINNISH_DATE.test(input.trim());
}

/** The wall clock in Helsinki at an instant: its calendar date, hour (0–23) and minute. */
export interface HelsinkiWallClock {
  date: LocalDate;
  hour: number;
  minute: number;
}

const helsinkiParts = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/Helsinki',
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: 'numeric',
  minute: 'numeric',
  hourCycle: 'h23',
});

const toInstant = (instant: Date | string): Date => {
  const date = typeof instant === 'string' ? new Date(instant) : instant;
  if (Number.isNaN(date.getTime())) throw new RangeError(`Invalid instant: ${String(instant)}`);
  return date;
};

/**
 * Date, hour and minute in Helsinki (EET/EEST) at `instant` (a `Date` or an ISO 8601 timestamp). Throws `RangeError`
 * for an invalid instant. Example: `2030-01-04T08:05:00Z` → 4.1.2030 at 10.05.
 */
export function helsinkiWallClock(instant: Date | string): HelsinkiWallClock {
  const parts = helsinkiParts.formatToParts(toInstant(instant));
  const part = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value);
  const date = localDateFromParts(part('year'), part('month'), part('day'));
  if (date === null) throw new RangeError(`Instant outside the years 0001–9999: ${String(instant)}`);
  return { date, hour: part('hour') % 24, minute: part('minute') };
}

/**
 * A time of day in the language's style: Finnish and Swedish `9.05`, `10.00` (a full stop, no leading zero),
 * English `09:05`, `10:00` (24-hour clock with a colon).
 */
export function formatClockTime(hour: number, minute: number, language: DisplayLanguage): string {
  const mm = String(minute).padStart(2, '0');
  return language === 'en' ? `${String(hour).padStart(2, '0')}:${mm}` : `${hour}.${mm}`;
}

/** The word that stands before a time of day: `klo`, `kl.`, none in English. */
const CLOCK_WORD: Record<DisplayLanguage, string> = { fi: 'klo ', sv: 'kl. ', en: '' };

/** The Helsinki time of day at `instant` in the language's style, without a date: `10.05` / `10:05`. */
export function formatHelsinkiTime(instant: Date | string, language: DisplayLanguage): string {
  const { hour, minute } = helsinkiWallClock(instant);
  return formatClockTime(hour, minute, language);
}

/**
 * An instant as date and time in Helsinki, one style per language: `4.1.2030 klo 10.05` (fi),
 * `4.1.2030 kl. 10.05` (sv), `4.1.2030 10:05` (en). `clockWord: false` leaves out `klo`/`kl.` where space is short
 * (a narrow table column): `4.1.2030 10.05`.
 */
export function formatHelsinkiDateTime(
  instant: Date | string,
  language: DisplayLanguage,
  options: { clockWord?: boolean } = {},
): string {
  const { date, hour, minute } = helsinkiWallClock(instant);
  const word = options.clockWord === false ? '' : CLOCK_WORD[language];
  return `${formatFinnishDate(date)} ${word}${formatClockTime(hour, minute, language)}`;
}

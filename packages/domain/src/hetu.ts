/**
 * Henkilötunnus (Finnish personal identity code), format `DDMMYY C NNN Q`.
 *
 * Rules: Valtioneuvoston asetus henkilötunnuksesta (in force 1.1.2023; new century signs issued from 19.12.2023),
 * Väestötietojärjestelmästä ja Digi- ja väestötietoviraston varmennepalveluista annettu laki 661/2009 11 §.
 * - `C` century sign: `+` 1800s; `-` `Y` `X` `W` `V` `U` 1900s; `A` `B` `C` `D` `E` `F` 2000s. The sign is part
 *   of the identity: `010190-999W` and `010190Y999W` are different persons. Compare and store the full 11
 *   characters; never match on the digits only.
 * - `NNN` individual number: 002–899 permanent codes, 900–999 temporary / test codes ("keinohetu", never in VTJ).
 * - `Q` check character: `DDMMYYNNN mod 31` indexed into `0123456789ABCDEFHJKLMNPRSTUVWXY`.
 *
 * @module
 */
import { compareLocalDates, dateParts, localDate, localDateFromParts, type LocalDate } from './calendar';
import { err, ok, type Result } from './result';

const CHECK_CHARS = '0123456789ABCDEFHJKLMNPRSTUVWXY';
const CENTURY_BY_SIGN: Readonly<Record<string, 1800 | 1900 | 2000>> = {
  '+': 1800,
  '-': 1900, Y: 1900, X: 1900, W: 1900, V: 1900, U: 1900,
  A: 2000, B: 2000, C: 2000, D: 2000, E: 2000, F: 2000,
};
const SHAPE = /^(\d{2})(\d{2})(\d{2})([-+A-FU-Y])(\d{3})([0-9A-Y])$/;

/**
 * Births from this date on may get gender-neutral codes (planned reform from 2027, not yet enacted): parity of the
 * individual number is then no longer a sex marker, so {@link HetuInfo.sexHint} is `null` for them.
 */
export const HETU_GENDER_NEUTRAL_FROM = localDate('2027-01-01');

/** A parsed, valid henkilötunnus. */
export interface HetuInfo {
  /** Canonical form: 11 characters, upper case. This full string is the person key. */
  hetu: string;
  birthDate: LocalDate;
  century: 1800 | 1900 | 2000;
  /** 2–999. */
  individualNumber: number;
  /** Individual number 900–999: temporary or test code, organisation-specific, never to be sent to VTJ. */
  temporary: boolean;
  /**
   * Odd individual number = male, even = female, as for every code issued so far. `null` for birth dates from
   * {@link HETU_GENDER_NEUTRAL_FROM}. Codes issued from 2027 to people born earlier (e.g. immigrants) cannot be
   * recognised from the code, so treat this as a hint, never as the person's legal gender.
   */
  sexHint: 'male' | 'female' | null;
}

/**
 * `format`: not 11 characters of the shape `DDMMYYCNNNQ` with a known century sign;
 * `date`: no such calendar day; `individual_number`: 000 or 001; `checksum`: wrong check character.
 */
export type HetuError = 'format' | 'date' | 'checksum' | 'individual_number';

/** Input normalisation: surrounding whitespace is dropped and letters are upper-cased. */
export const normalizeHetu = (input: string): string => input.trim().toUpperCase();

const checkChar = (ddmmyy: string, nnn: string) => CHECK_CHARS[Number(ddmmyy + nnn) % 31] as string;

/**
 * Parses and validates a henkilötunnus. Input is normalised first (`' 311210a540n'` is accepted and returned as
 * `311210A540N`); compare `value.hetu` with the input if the canonical spelling matters. Births in the future are
 * structurally valid (`A`–`F` cover 2000–2099); reject them at input by comparing `birthDate` with today.
 */
export function parseHetu(input: string): Result<HetuInfo, HetuError> {
  const hetu = normalizeHetu(input);
  const m = SHAPE.exec(hetu);
  if (!m) return err('format');
  const [, dd, mm, yy, sign, nnn, check] = m as unknown as [string, string, string, string, string, string, string];
  const century = CENTURY_BY_SIGN[sign];
  if (century === undefined) return err('format');
  const birthDate = localDateFromParts(century + Number(yy), Number(mm), Number(dd));
  if (birthDate === null) return err('date');
  const individualNumber = Number(nnn);
  if (individualNumber < 2) return err('individual_number');
  if (checkChar(dd + mm + yy, nnn) !== check) return err('checksum');
  const sexHint =
    compareLocalDates(birthDate, HETU_GENDER_NEUTRAL_FROM) >= 0 ? null : individualNumber % 2 ? 'male' : 'female';
  return ok({ hetu, birthDate, century, individualNumber, temporary: individualNumber >= 900, sexHint });
}

/** Whether `input` (after normalisation) is a valid henkilötunnus. */
export function isValidHetu(input: string): boolean {
  return parseHetu(input).ok;
}

/**
 * Matches every syntactically hetu-looking token in free text (any century sign, any check letter, either case),
 * bounded by non-alphanumerics (also `_`-adjacent codes match, unlike `\b`). Used by the server's logger to mask
 * henkilötunnus in log lines: `line.replace(HETU_PATTERN, formatHetuMasked)` or {@link maskHetus}. The regex is
 * global, so `test`/`exec` are stateful (`lastIndex`); prefer `replace`/`matchAll`.
 */
export const HETU_PATTERN = /(?<![0-9A-Za-z])\d{6}[-+A-FU-Y]\d{3}[0-9A-Y](?![0-9A-Za-z])/gi;

/**
 * Log-safe form that keeps the birth date and century sign and hides the individual number and check character:
 * `010190-999W` → `010190-****`. Input that is not hetu-shaped is masked completely (`***********`).
 */
export function formatHetuMasked(hetu: string): string {
  const h = normalizeHetu(hetu);
  return SHAPE.test(h) ? `${h.slice(0, 7)}****` : '*'.repeat(11);
}

/** Masks every hetu-looking token in `text` with {@link formatHetuMasked}. */
export function maskHetus(text: string): string {
  return text.replace(HETU_PATTERN, formatHetuMasked);
}

const PRIMARY_SIGN: Record<1800 | 1900 | 2000, string> = { 1800: '+', 1900: '-', 2000: 'A' };

/**
 * Builds a temporary henkilötunnus (individual number 900–999) with the correct check character, e.g. to seed
 * demo persons. The century sign is the primary one (`+`, `-`, `A`) unless `sign` names another sign of the same
 * century. Throws `RangeError` for a birth date outside 1800–2099, a number outside 900–999 or a mismatched sign.
 */
export function makeTemporaryHetu(birthDate: LocalDate, individualNumber: number, sign?: string): string {
  const { year, month, day } = dateParts(birthDate);
  const century = (Math.floor(year / 100) * 100) as 1800 | 1900 | 2000;
  if (!(century in PRIMARY_SIGN)) throw new RangeError(`Birth year ${year} has no henkilötunnus century sign`);
  if (!Number.isInteger(individualNumber) || individualNumber < 900 || individualNumber > 999) {
    throw new RangeError(`Temporary individual number must be 900–999, got ${individualNumber}`);
  }
  const c = sign ?? PRIMARY_SIGN[century];
  if (CENTURY_BY_SIGN[c] !== century) throw new RangeError(`Century sign ${c} does not denote the ${century}s`);
  const ddmmyy = [day, month, year % 100].map((n) => String(n).padStart(2, '0')).join('');
  const nnn = String(individualNumber);
  return `${ddmmyy}${c}${nnn}${checkChar(ddmmyy, nnn)}`;
}

/**
 * Character-set, identifier, amount and timestamp rules shared by the ISO 20022 bank messages.
 *
 * - Identifiers (MsgId, PmtInfId, InstrId, EndToEndId) use the EPC basic Latin set `A–Z a–z 0–9 / - ? : ( ) . , ' +`
 *   and space, 1–35 characters, with no leading or trailing `/` and no `//` (EPC implementation guidelines; Nordea
 *   forbids å/ä/ö and special characters in them).
 * - Names and free text may use the printable characters of ISO-8859-15 (Latin-9), which is what Finnish banks
 *   accept (Nordea: "only the characters included in ISO-8859-15"), so å, ä, ö, Å, Ä, Ö, é, ü, š, ž, € are kept.
 *
 * @module
 */
import { cents, type Cents } from '../money';

/** Longest identifier ISO 20022 allows (Max35Text). */
export const SEPA_IDENTIFIER_MAX_LENGTH = 35;

/** Why an identifier is not SEPA-safe; see {@link checkSepaIdentifier}. */
export type SepaIdentifierError = 'required' | 'too_long' | 'invalid_characters' | 'invalid_slashes';

const IDENTIFIER_CHARS = /^[A-Za-z0-9/?:().,'+ -]+$/;

/**
 * Checks an identifier against the EPC rules (see the module comment). Returns `null` when it is fine. Leading or
 * trailing spaces count as `invalid_characters` (banks trim them, which would break matching).
 */
export function checkSepaIdentifier(value: string): SepaIdentifierError | null {
  if (typeof value !== 'string' || value === '') return 'required';
  if (value.length > SEPA_IDENTIFIER_MAX_LENGTH) return 'too_long';
  if (!IDENTIFIER_CHARS.test(value) || value.trim() !== value) return 'invalid_characters';
  if (value.startsWith('/') || value.endsWith('/') || value.includes('//')) return 'invalid_slashes';
  return null;
}

/** Printable ISO-8859-15 except the no-break space and the soft hyphen. */
const LATIN9_TEXT =
  /^[\x20-\x7E\u00A1-\u00A3\u00A5\u00A7\u00A9-\u00AC\u00AE-\u00B3\u00B5-\u00B7\u00B9-\u00BB\u00BF-\u00FF\u20AC\u0160\u0161\u017D\u017E\u0152\u0153\u0178]*$/;

/** Whether `text` uses only characters Finnish banks accept in names and messages (printable ISO-8859-15). */
export function isSepaText(text: string): boolean {
  return LATIN9_TEXT.test(text);
}

/** Why a name or message is not acceptable; see {@link checkSepaText}. */
export type SepaTextError = 'required' | 'too_long' | 'invalid_characters';

/**
 * Checks a name (`maxLength` 70, EPC) or unstructured message (140): non-empty after trimming, at most `maxLength`
 * characters, only {@link isSepaText} characters, no leading/trailing whitespace. Callers normalise with
 * {@link toSepaText} first when the text comes from elsewhere (e.g. a population-register name).
 */
export function checkSepaText(text: string, maxLength: number): SepaTextError | null {
  if (typeof text !== 'string' || text.trim() === '') return 'required';
  if ([...text].length > maxLength) return 'too_long';
  if (!isSepaText(text) || text.trim() !== text) return 'invalid_characters';
  return null;
}

const SPECIAL_TRANSLITERATIONS: Record<string, string> = {
  ł: 'l', Ł: 'L', đ: 'd', Đ: 'D', ı: 'i', ħ: 'h', Ħ: 'H', ŀ: 'l', Ŀ: 'L', ŋ: 'n', Ŋ: 'N', ŧ: 't', Ŧ: 'T',
  '\u2018': "'", '\u2019': "'", '\u201A': "'", '\u201C': '"', '\u201D': '"', '\u201E': '"',
  '\u2010': '-', '\u2011': '-', '\u2012': '-', '\u2013': '-', '\u2014': '-', '\u2212': '-', '\u2026': '...',
};

/**
 * Makes text acceptable to Finnish banks while keeping what they accept: NFC-normalises, collapses every run of
 * whitespace (tabs, line breaks, no-break spaces) to one space and trims, keeps ISO-8859-15 characters (å, ä, ö …),
 * strips diacritics from other letters (`Nguyễn` → `Nguyen`, `Dvořák` → `Dvorák`), maps typographic quotes and
 * dashes to ASCII and replaces anything else with `?`. Does not truncate.
 */
export function toSepaText(input: string): string {
  const collapsed = input.normalize('NFC').replace(/[\s\u00A0\u00AD]+/gu, ' ').trim();
  let out = '';
  for (const ch of collapsed) {
    if (isSepaText(ch)) {
      out += ch;
      continue;
    }
    const special = SPECIAL_TRANSLITERATIONS[ch];
    if (special !== undefined) {
      out += special;
      continue;
    }
    const stripped = ch.normalize('NFD').replace(/\p{M}+/gu, '');
    out += stripped !== '' && isSepaText(stripped) ? stripped : '?';
  }
  return out;
}

/** Largest single SEPA credit transfer: 999 999 999,99 € (EPC rulebook, AT-04). */
export const SEPA_MAX_AMOUNT = 99_999_999_999 as Cents;

/** A non-negative bigint number of cents as an ISO 20022 decimal: `12345n` → `123.45`. */
export function centsToDecimal(amount: bigint | Cents): string {
  const value = BigInt(amount);
  const negative = value < 0n;
  const digits = (negative ? -value : value).toString().padStart(3, '0');
  return `${negative ? '-' : ''}${digits.slice(0, -2)}.${digits.slice(-2)}`;
}

/**
 * Parses an ISO 20022 decimal amount (`123.45`, `100`, `0.00000`) to cents. Digits beyond the second decimal must
 * be zeros. Returns `null` for anything else, including values beyond `Number.MAX_SAFE_INTEGER` cents.
 */
export function decimalToCents(text: string): Cents | null {
  const m = /^([+-]?)(\d+)(?:\.(\d*))?$/.exec(text.trim());
  if (!m) return null;
  const [, sign, whole, fraction = ''] = m as unknown as [string, string, string, string | undefined];
  if (/[1-9]/.test(fraction.slice(2))) return null;
  const value = BigInt(whole) * 100n + BigInt(fraction.slice(0, 2).padEnd(2, '0'));
  if (value > BigInt(Number.MAX_SAFE_INTEGER)) return null;
  return cents(Number(sign === '-' ? -value : value));
}

const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:Z|[+-]\d{2}:\d{2})?$/;

/** Whether `text` is an `xs:dateTime` as ISO 20022 uses it (`2026-03-02T09:30:00`, optional fraction and zone). */
export function isIsoDateTime(text: string): boolean {
  if (!ISO_DATE_TIME.test(text)) return false;
  const [month, day, hour, minute, second] = [5, 8, 11, 14, 17].map((i) => Number(text.slice(i, i + 2))) as [
    number,
    number,
    number,
    number,
    number,
  ];
  return month >= 1 && month <= 12 && day >= 1 && day <= 31 && hour <= 23 && minute <= 59 && second <= 59;
}

const helsinkiDateTimeFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/Helsinki',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
  timeZoneName: 'longOffset',
});

/** The instant `at` as Finnish local time with its UTC offset: `2026-03-02T11:30:00+02:00`. */
export function helsinkiDateTime(at: Date): string {
  if (Number.isNaN(at.getTime())) throw new RangeError('Invalid Date');
  const parts = helsinkiDateTimeFormat.formatToParts(at);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  const offset = part('timeZoneName').replace(/^GMT/, '') || '+00:00';
  return `${part('year')}-${part('month')}-${part('day')}T${part('hour')}:${part('minute')}:${part('second')}${offset}`;
}

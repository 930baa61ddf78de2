/**
 * Euro amounts as integer cents. Never use floating-point euros for money: every amount in Huoma is a {@link Cents}
 * value, arithmetic stays within `Number.MAX_SAFE_INTEGER` or throws, and every division states its rounding.
 *
 * @module
 */
import { err, ok, type Result } from './result';

/** An amount of euro cents: a safe integer (may be negative, e.g. a refund or a correction). */
export type Cents = number & { readonly __brand: 'Cents' };

/** Brands a number as {@link Cents}; throws `RangeError` unless it is a safe integer. `-0` becomes `0`. */
export function cents(value: number): Cents {
  if (!Number.isSafeInteger(value)) throw new RangeError(`Not a safe integer amount of cents: ${value}`);
  return (value === 0 ? 0 : value) as Cents;
}

/**
 * `empty`: nothing but whitespace / a currency sign; `format`: not a number of the accepted shape;
 * `grouping`: thousands separated by spaces in the wrong places (`12 34`); `too_many_decimals`: more than two
 * decimals (also catches `1.234` meant as one thousand); `negative`: a minus sign where not allowed;
 * `out_of_range`: beyond ±90 071 992 547 409,91 €.
 */
export type MoneyParseError = 'empty' | 'format' | 'grouping' | 'too_many_decimals' | 'negative' | 'out_of_range';

/**
 * Parses a euro amount typed by a user in Finnish or plain form: `1 234,56`, `1234.56`, `12,5`, `12`,
 * `1 234,56 €`. The decimal separator is `,` or `.`; thousands may be grouped with spaces (also no-break spaces)
 * but never with `.` or `,`. A leading `-` or `−` is accepted only with `allowNegative`.
 */
export function parseEuros(input: string, options: { allowNegative?: boolean } = {}): Result<Cents, MoneyParseError> {
  const s = input.trim().replace(/\s*€$/, '');
  if (s === '') return err('empty');
  const m = /^([-−]?)(\d[\d \u00a0\u202f]*)(?:[.,](\d+))?$/.exec(s);
  if (!m) return err('format');
  const [, sign, whole, decimals = ''] = m as unknown as [string, string, string, string | undefined];
  if (/[ \u00a0\u202f]/.test(whole) && !/^\d{1,3}(?:[ \u00a0\u202f]\d{3})*$/.test(whole)) return err('grouping');
  if (decimals.length > 2) return err('too_many_decimals');
  const magnitude = BigInt(whole.replace(/[ \u00a0\u202f]/g, '')) * 100n + BigInt(decimals.padEnd(2, '0'));
  if (magnitude > BigInt(Number.MAX_SAFE_INTEGER)) return err('out_of_range');
  if (sign && magnitude > 0n && !options.allowNegative) return err('negative');
  return ok(cents(Number(sign ? -magnitude : magnitude)));
}

/** Plain decimal form with a dot and two decimals, as in ISO 20022 payment files: `123456` → `1234.56`. */
export function toDecimalString(amount: Cents): string {
  const abs = String(Math.abs(amount)).padStart(3, '0');
  return `${amount < 0 ? '-' : ''}${abs.slice(0, -2)}.${abs.slice(-2)}`;
}

/** UI languages whose Finnish-region number format is used for money. */
export type MoneyLocale = 'fi' | 'sv' | 'en';

const formatters = new Map<MoneyLocale, Intl.NumberFormat>();

/**
 * Formats an amount for display with `Intl.NumberFormat('<locale>-FI')`: `fi`/`sv` → `1 234,56 €`, `en` →
 * `€1,234.56`. The spaces are whatever ICU produces (no-break space U+00A0 in Node 20, U+202F in some other ICU
 * versions) and negatives use the minus sign U+2212 in `fi`/`sv`; compare output after normalising whitespace.
 */
export function formatEuros(amount: Cents, locale: MoneyLocale = 'fi'): string {
  let nf = formatters.get(locale);
  if (!nf) {
    nf = new Intl.NumberFormat(`${locale}-FI`, { style: 'currency', currency: 'EUR' });
    formatters.set(locale, nf);
  }
  return nf.format(toDecimalString(amount) as `${number}`); // exact: no float division
}

/** `a + b`; throws `RangeError` if the result is not a safe integer. */
export function addCents(a: Cents, b: Cents): Cents {
  return cents(a + b);
}

/** `a − b`; throws `RangeError` if the result is not a safe integer. */
export function subtractCents(a: Cents, b: Cents): Cents {
  return cents(a - b);
}

/** Sum of amounts (0 for none); throws `RangeError` on overflow instead of losing cents. */
export function sumCents(amounts: Iterable<Cents>): Cents {
  let total = cents(0);
  for (const amount of amounts) total = addCents(total, amount);
  return total;
}

/**
 * Rounding of a result that falls between two cents.
 * - `'half-up'`: ties away from zero (kaupallinen pyöristys, what Kela and most Finnish benefit computations use:
 *   289,215 → 289,22; −0,125 → −0,13).
 * - `'half-even'`: ties to the even cent (banker's rounding: 0,125 → 0,12; 0,135 → 0,14).
 * Non-ties always round to the nearest cent.
 */
export type RoundingMode = 'half-up' | 'half-even';

/** A finite number's exact decimal value as a fraction (numerator, positive denominator). */
const toFraction = (x: number): [bigint, bigint] => {
  if (!Number.isFinite(x)) throw new RangeError(`Not a finite number: ${x}`);
  const m = /^(-?)(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/.exec(String(x));
  if (!m) throw new RangeError(`Unsupported number: ${x}`);
  const [, sign = '', int = '', frac = '', exp = '0'] = m;
  const shift = Number(exp) - frac.length;
  const digits = BigInt(sign + int + frac);
  return shift >= 0 ? [digits * 10n ** BigInt(shift), 1n] : [digits, 10n ** BigInt(-shift)];
};

const divideRounded = (n: bigint, d: bigint, mode: RoundingMode): bigint => {
  const q = n / d; // truncates toward zero
  const twiceRest = 2n * (n % d < 0n ? -(n % d) : n % d);
  const away = n < 0n ? q - 1n : q + 1n;
  if (twiceRest > d) return away;
  if (twiceRest < d) return q;
  return mode === 'half-up' || q % 2n !== 0n ? away : q;
};

/**
 * `amount × numerator / denominator`, exactly, rounded once. The factors are taken at their decimal value
 * (`0.1` is exactly one tenth). Example: ten days of a 578,43 € monthly basic amount =
 * `multiplyByFraction(57843, 10, 30, 'half-up')` = 19281 (192,81 €).
 */
export function multiplyByFraction(amount: Cents, numerator: number, denominator: number, rounding: RoundingMode): Cents {
  const [nn, nd] = toFraction(numerator);
  const [dn, dd] = toFraction(denominator);
  if (dn === 0n) throw new RangeError('Division by zero');
  let n = BigInt(amount) * nn * dd;
  let d = nd * dn;
  if (d < 0n) [n, d] = [-n, -d];
  const result = divideRounded(n, d, rounding);
  if (result > BigInt(Number.MAX_SAFE_INTEGER) || result < -BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new RangeError('Result out of safe range');
  }
  return cents(Number(result));
}

/**
 * `amount × percentage %`, rounded by `rounding`. Example: perusosa 578,43 € reduced by 20 % (TTTL 10 §) =
 * `multiplyByPercentage(57843, 80, 'half-up')` = 46274 (462,74 €).
 */
export function multiplyByPercentage(amount: Cents, percentage: number, rounding: RoundingMode): Cents {
  return multiplyByFraction(amount, percentage, 100, rounding);
}

/**
 * Euros as the user types them ("1 234,50") ↔ integer cents as the API carries them, and amounts for display.
 * Parsing and formatting are `@huoma/domain`'s (`parseEuros`, `formatEuros`), so that the screen, the server's
 * messages and its PDFs write an amount alike.
 */
import { cents as toCents, formatEuros as formatAmount, parseEuros, type MoneyParseError } from '@huoma/domain'
import { currentLanguage } from './language'

/** The largest amount the contract accepts (CentsAmount: below 10 million euros). */
export const MAX_CENTS = 999_999_999

/** Why a typed amount is not usable; the keys of `incomeSupport.euro` in the dictionary. */
export type EuroInputError = 'invalid' | 'negative' | 'precision' | 'tooLarge'

export type EuroParse = { ok: true; cents: number | null } | { ok: false; error: EuroInputError }

const INPUT_ERRORS: Record<Exclude<MoneyParseError, 'empty'>, EuroInputError> = {
  format: 'invalid',
  grouping: 'invalid',
  too_many_decimals: 'precision',
  negative: 'negative',
  out_of_range: 'tooLarge',
}

/**
 * A non-negative amount typed in a form: `"123,45"` → 12345 cents. A comma or a point separates the decimals,
 * spaces (also no-break) group thousands, a trailing "€" is allowed. Empty text is `null` (no amount); a negative,
 * non-numeric, over-precise or too large amount is an error the form shows at its field, never a silent rounding.
 */
export function parseEuroInput(text: string): EuroParse {
  const trimmed = text.trim()
  if (/^[-−–]/.test(trimmed) && /\d/.test(trimmed)) return { ok: false, error: 'negative' }
  const parsed = parseEuros(trimmed)
  if (!parsed.ok) return parsed.error === 'empty' ? { ok: true, cents: null } : { ok: false, error: INPUT_ERRORS[parsed.error] }
  if (parsed.value > MAX_CENTS) return { ok: false, error: 'tooLarge' }
  return { ok: true, cents: parsed.value }
}

/** An amount that may be negative (a bank balance): cents, or null when the text is not a sum. */
export function parseSignedEuros(text: string): number | null {
  const parsed = parseEuros(text.trim().replace(/^–/, '-'), { allowNegative: true })
  return parsed.ok ? parsed.value : null
}

/** 12345 → `"123,45"`: the text an amount input starts with (no thousands separator, so it parses back). */
export function centsToInput(cents: number | null | undefined): string {
  if (cents === null || cents === undefined) return ''
  const sign = cents < 0 ? '-' : ''
  const abs = Math.abs(cents)
  return `${sign}${Math.floor(abs / 100)},${String(abs % 100).padStart(2, '0')}`
}

/** 123456 → `1 234,56 €` (fi, sv) or `€1,234.56` (en) for display, in the UI language unless one is given. */
export function formatEuros(cents: number, language = currentLanguage()): string {
  return formatAmount(toCents(cents), language)
}

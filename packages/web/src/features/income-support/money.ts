/**
 * Euros as the handler types them ("1 234,50") ↔ integer cents as the API carries them. The parse is strict:
 * a negative, non-numeric or over-precise amount is an error the form shows at its field, never a silent rounding.
 */

/** The largest amount the contract accepts (CentsAmount: below 10 million euros). */
export const MAX_CENTS = 999_999_999

export type EuroParse = { ok: true; cents: number | null } | { ok: false; error: 'invalid' | 'negative' | 'precision' | 'tooLarge' }

/**
 * `"123,45"` → 12345 cents. Accepts a comma or a point as the decimal separator, spaces (also no-break) between
 * thousands and an optional trailing "€". Empty text is `null` (no amount).
 */
export function parseEuros(text: string): EuroParse {
  const trimmed = text.replace(/[\s\u00a0\u202f]/g, '').replace(/€$/, '')
  if (trimmed === '') return { ok: true, cents: null }
  if (/^[-−–]/.test(trimmed)) return { ok: false, error: 'negative' }
  const match = /^(\d+)(?:[,.](\d*))?$/.exec(trimmed)
  if (!match) return { ok: false, error: 'invalid' }
  const whole = match[1]!
  const fraction = match[2] ?? ''
  if (fraction.length > 2) return { ok: false, error: 'precision' }
  if (whole.replace(/^0+/, '').length > 7) return { ok: false, error: 'tooLarge' }
  const cents = Number(whole) * 100 + Number(fraction.padEnd(2, '0'))
  if (cents > MAX_CENTS) return { ok: false, error: 'tooLarge' }
  return { ok: true, cents }
}

/** 12345 → `"123,45"`: the text an amount input starts with (no thousands separator, so it parses back). */
export function centsToInput(cents: number | null | undefined): string {
  if (cents === null || cents === undefined) return ''
  const sign = cents < 0 ? '-' : ''
  const abs = Math.abs(cents)
  return `${sign}${Math.floor(abs / 100)},${String(abs % 100).padStart(2, '0')}`
}

/** 123456 → `"1 234,56 €"` for display (a no-break space between thousands and before the sign; minus as "−"). */
export function formatEuros(cents: number): string {
  const sign = cents < 0 ? '−' : ''
  const abs = Math.abs(cents)
  const whole = String(Math.floor(abs / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, '\u00a0')
  return `${sign}${whole},${String(abs % 100).padStart(2, '0')}\u00a0€`
}

import { currentLanguage } from '../../i18n'

export { formatEuros } from '../income-support/money'
import { formatDate } from '../income-support/format'

export { formatDate }
export { addDays, todayInHelsinki } from '../income-support/format'

const LOCALES = { fi: 'fi-FI', sv: 'sv-FI', en: 'en-GB' } as const
const locale = () => LOCALES[currentLanguage()]

/**
 * `FI4950009420028730` → `FI49 •••• •••• •• 87 30`-like: the country and the last four characters shown, the rest
 * masked, in groups of four as an IBAN is written. Enough to recognise an account without showing it whole.
 */
export function maskIban(iban: string): string {
  const compact = iban.replace(/\s+/g, '').toUpperCase()
  if (compact.length <= 8) return compact
  const masked = compact.slice(0, 2) + '•'.repeat(compact.length - 6) + compact.slice(-4)
  return masked.replace(/(.{4})(?=.)/g, '$1 ')
}

/** A byte count as people read it: `812 B`, `12,3 kB`, `4,1 MB` in the UI language. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return new Intl.NumberFormat(locale(), { style: 'unit', unit: 'byte', unitDisplay: 'short' }).format(bytes)
  const mb = bytes >= 1024 * 1024
  return new Intl.NumberFormat(locale(), { style: 'unit', unit: mb ? 'megabyte' : 'kilobyte', maximumFractionDigits: 1 }).format(mb ? bytes / (1024 * 1024) : bytes / 1024)
}

/** An ISO timestamp as a Helsinki date and time. */
export function formatMoment(iso: string | null | undefined): string {
  if (!iso) return '–'
  return new Intl.DateTimeFormat(locale(), { timeZone: 'Europe/Helsinki', day: 'numeric', month: 'numeric', year: 'numeric', hour: '2-digit', minute: '2-digit' }).format(new Date(iso))
}

/** `2030-01-04`, `2030-01-10` → `4.1.2030–10.1.2030`. */
export function formatRange(from: string, to: string): string {
  return from === to ? formatDate(from) : `${formatDate(from)}–${formatDate(to)}`
}

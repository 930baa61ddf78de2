/**
 * `FI4950009420028730` → `FI•• •••• •••• ••87 30`: the last four characters shown, the rest masked, in groups of four
 * as an IBAN is written. Enough to recognise an account without showing it whole.
 */
export function maskIban(iban: string): string {
  const compact = iban.replace(/\s+/g, '').toUpperCase()
  if (compact.length <= 8) return compact
  const masked = compact.slice(0, 2) + '•'.repeat(compact.length - 6) + compact.slice(-4)
  return masked.replace(/(.{4})(?=.)/g, '$1 ')
}

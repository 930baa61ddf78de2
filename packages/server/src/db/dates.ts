import type { LocalDate } from '@huoma/domain'

/**
 * A `date` column as the calendar date `YYYY-MM-DD`: the pg driver is set to hand dates over as text, PGlite may
 * give a Date at UTC midnight; either way the first ten characters of its ISO form. `null` stays `null`.
 */
export function dateOf(d: Date | string): LocalDate
export function dateOf(d: Date | string | null | undefined): LocalDate | null
export function dateOf(d: Date | string | null | undefined): LocalDate | null {
  if (d === null || d === undefined) return null
  return (typeof d === 'string' ? d.slice(0, 10) : d.toISOString().slice(0, 10)) as LocalDate
}

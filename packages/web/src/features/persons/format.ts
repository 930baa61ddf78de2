/** What the one search field of the client search understands. */
import type { PersonSearchQuery } from '@huoma/contract'
import { formatIban, looksLikeFinnishDate, parseFinnishDate } from '@huoma/domain'

/** A henkilötunnus: PPKKVV, the century sign (- + A–F, U–Y), the individual number and the check character. */
const HETU = /^\d{6}[-+A-FU-Y]\d{3}[0-9A-FHJ-NPR-Y]$/i

export type SearchQuery =
  | { kind: 'hetu'; value: string }
  | { kind: 'birthDate'; value: string }
  | { kind: 'name'; value: string }
  /** Not searchable as typed: too short for a name, or a date that does not exist. */
  | { kind: 'invalid'; reason: 'tooShort' | 'date' }

export function isHetu(text: string): boolean {
  return HETU.test(text.trim())
}

/** A henkilötunnus searches by henkilötunnus, a date by birth date, anything else by name. */
export function classifyQuery(text: string): SearchQuery {
  const value = text.trim().replace(/\s+/g, ' ')
  if (isHetu(value)) return { kind: 'hetu', value: value.toUpperCase() }
  if (looksLikeFinnishDate(value)) {
    const date = parseFinnishDate(value)
    return date ? { kind: 'birthDate', value: date } : { kind: 'invalid', reason: 'date' }
  }
  if (value.length < 2) return { kind: 'invalid', reason: 'tooShort' }
  return { kind: 'name', value: value.slice(0, 100) }
}

/** The API query of a classified search: its one criterion, then the limit. */
export function searchQuery(query: Exclude<SearchQuery, { kind: 'invalid' }>, limit = 50): PersonSearchQuery {
  switch (query.kind) {
    case 'hetu':
      return { hetu: query.value, limit }
    case 'birthDate':
      return { birthDate: query.value, limit }
    case 'name':
      return { name: query.value, limit }
  }
}

/** Whole years from `birthDate` to `at` (both `YYYY-MM-DD`). */
export function ageOn(birthDate: string, at: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number]
  const [y, m, d] = at.split('-').map(Number) as [number, number, number]
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0)
}

/** An account in groups of four as it is printed (`FI21 1234 5600 0007 85`); a foreign IBAN grouped the same way. */
export function groupedIban(iban: string): string {
  const compact = iban.replace(/\s+/g, '').toUpperCase()
  try {
    return formatIban(compact)
  } catch {
    return compact.replace(/(.{4})(?=.)/g, '$1 ')
  }
}

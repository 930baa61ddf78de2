/** What the one search field of the client search understands, and how persons are written out. */

/** A henkilötunnus: PPKKVV, the century sign (- + A–F, U–Y), the individual number and the check character. */
const HETU = /^\d{6}[-+A-FU-Y]\d{3}[0-9A-FHJ-NPR-Y]$/i
/** A Finnish date: d.m.yyyy or dd.mm.yyyy. */
const FINNISH_DATE = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/

export type SearchQuery =
  | { kind: 'hetu'; value: string }
  | { kind: 'birthDate'; value: string }
  | { kind: 'name'; value: string }
  /** Not searchable as typed: too short for a name, or a date that does not exist. */
  | { kind: 'invalid'; reason: 'tooShort' | 'date' }

export function isHetu(text: string): boolean {
  return HETU.test(text.trim())
}

/** `5.7.1976` / `05.07.1976` → `1976-07-05`; undefined when it is not a real date. */
export function parseFinnishDate(text: string): string | undefined {
  const m = FINNISH_DATE.exec(text.trim())
  if (!m) return undefined
  const [day, month, year] = [Number(m[1]), Number(m[2]), Number(m[3])]
  const date = new Date(Date.UTC(year, month - 1, day))
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`
}

/** A henkilötunnus searches by henkilötunnus, a date by birth date, anything else by name. */
export function classifyQuery(text: string): SearchQuery {
  const value = text.trim().replace(/\s+/g, ' ')
  if (isHetu(value)) return { kind: 'hetu', value: value.toUpperCase() }
  if (FINNISH_DATE.test(value)) {
    const date = parseFinnishDate(value)
    return date ? { kind: 'birthDate', value: date } : { kind: 'invalid', reason: 'date' }
  }
  if (value.length < 2) return { kind: 'invalid', reason: 'tooShort' }
  return { kind: 'name', value: value.slice(0, 100) }
}

/** The API path of a classified search. */
export function searchPath(query: Exclude<SearchQuery, { kind: 'invalid' }>, limit = 50): string {
  return `/api/persons?${query.kind}=${encodeURIComponent(query.value)}&limit=${limit}`
}

/** `1976-07-05` → `05.07.1976`. */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return ''
  const [y, m, d] = iso.slice(0, 10).split('-')
  return `${d}.${m}.${y}`
}

/** Registry order and form: "Sukunimi Etunimet". */
export function fullName(p: { lastName: string; firstNames: string }): string {
  return `${p.lastName} ${p.firstNames}`.trim()
}

/** Whole years from `birthDate` to `at` (both `YYYY-MM-DD`). */
export function ageOn(birthDate: string, at: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number]
  const [y, m, d] = at.split('-').map(Number) as [number, number, number]
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0)
}

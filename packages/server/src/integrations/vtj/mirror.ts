/**
 * Turns Huoma's own person rows (the demo population: `person`, `address`, `relation` tables or the seed
 * generator's `GeneratedHousehold`s, which use the same column names) into {@link VtjPerson}s, so the simulator
 * can mirror the demo persons: the register then knows every Huoma demo client, with the same names and addresses.
 *
 * The inputs are structural (only the columns read here), so this module does not depend on the database layer.
 *
 * @module
 */
import { parseLocalDate, type LocalDate } from '@huoma/domain'
import type { VtjAddress, VtjMaritalStatus, VtjPerson, VtjPersonRef, VtjSex } from './types'

type DateLike = string | Date | null | undefined

export interface PersonRowLike {
  id: string
  hetu: string
  first_names: string
  last_name: string
  calling_name?: string | null
  birth_date: DateLike
  sex?: string | null
  native_language?: string | null
  marital_status?: string | null
  municipality_code?: string | null
  turvakielto?: boolean | null
}

export interface AddressRowLike {
  person_id: string
  kind: string
  street: string
  postal_code: string
  post_office: string
  municipality_code?: string | null
  country?: string | null
  valid_from?: DateLike
  valid_until?: DateLike
}

/** "`related_id` is `person_id`'s `kind`" (parent, guardian, spouse, cohabitant). */
export interface RelationRowLike {
  person_id: string
  related_id: string
  kind: string
  valid_from?: DateLike
  valid_until?: DateLike
}

export interface RegistryRows {
  persons: Iterable<PersonRowLike>
  addresses?: Iterable<AddressRowLike>
  relations?: Iterable<RelationRowLike>
}

/** `YYYY-MM-DD` from a string or a `Date` (pg returns `date` columns as local midnight). */
function toLocalDate(value: DateLike): LocalDate | undefined {
  if (value === null || value === undefined) return undefined
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return undefined
    const iso = `${value.getFullYear()}-${String(value.getMonth() + 1).padStart(2, '0')}-${String(value.getDate()).padStart(2, '0')}`
    return parseLocalDate(iso) ?? undefined
  }
  return parseLocalDate(String(value).slice(0, 10)) ?? undefined
}

const MARITAL: ReadonlySet<string> = new Set(['unmarried', 'married', 'divorced', 'widowed', 'registered_partnership'])
const ADDRESS_KINDS: ReadonlySet<string> = new Set(['permanent', 'temporary', 'postal', 'contact'])

/**
 * Maps the rows. Addresses abroad (`country` other than FI) and cohabitant relations have no counterpart in the
 * register's domestic data and are skipped; a `guardian` row also makes the child a dependant of the guardian, and
 * a `parent` row makes it the parent's child. Municipality names come from `municipalityNames` (kuntanumero →
 * name).
 */
export function vtjPersonsFromRegistry(rows: RegistryRows, municipalityNames: Readonly<Record<string, string>> = { '999': 'Demola' }): VtjPerson[] {
  const byId = new Map<string, VtjPerson>()
  for (const row of rows.persons) {
    const birthDate = toLocalDate(row.birth_date)
    if (!birthDate) continue
    const person: VtjPerson = {
      hetu: row.hetu.trim().toUpperCase(),
      firstNames: row.first_names,
      lastName: row.last_name,
      birthDate,
      turvakielto: row.turvakielto === true,
      addresses: [],
      guardians: [],
      dependants: [],
      children: [],
    }
    if (row.calling_name) person.callingName = row.calling_name
    if (row.sex === 'male' || row.sex === 'female') person.sex = row.sex as VtjSex
    if (row.native_language && /^[a-z]{2}$/.test(row.native_language)) person.nativeLanguage = row.native_language
    if (row.marital_status && MARITAL.has(row.marital_status)) person.maritalStatus = row.marital_status as VtjMaritalStatus
    if (row.municipality_code && /^\d{3}$/.test(row.municipality_code)) {
      person.municipalityCode = row.municipality_code
      const name = municipalityNames[row.municipality_code]
      if (name) person.municipalityName = name
    }
    byId.set(row.id, person)
  }

  for (const a of rows.addresses ?? []) {
    const person = byId.get(a.person_id)
    if (!person || !ADDRESS_KINDS.has(a.kind) || (a.country && a.country !== 'FI')) continue
    const address: VtjAddress = { kind: a.kind as VtjAddress['kind'], street: a.street, postalCode: a.postal_code, postOffice: a.post_office }
    if (a.municipality_code) address.municipalityCode = a.municipality_code
    const from = toLocalDate(a.valid_from)
    const until = toLocalDate(a.valid_until)
    if (from) address.validFrom = from
    if (until) address.validUntil = until
    person.addresses.push(address)
  }

  const refTo = (p: VtjPerson, from: DateLike, until: DateLike): VtjPersonRef => {
    const ref: VtjPersonRef = { hetu: p.hetu, firstNames: p.firstNames, lastName: p.lastName, birthDate: p.birthDate }
    const f = toLocalDate(from)
    const u = toLocalDate(until)
    if (f) ref.validFrom = f
    if (u) ref.validUntil = u
    return ref
  }
  for (const r of rows.relations ?? []) {
    const person = byId.get(r.person_id)
    const related = byId.get(r.related_id)
    if (!person || !related) continue
    switch (r.kind) {
      case 'guardian':
        person.guardians.push(refTo(related, r.valid_from, r.valid_until))
        related.dependants.push(refTo(person, r.valid_from, r.valid_until))
        break
      case 'parent':
        related.children.push(refTo(person, undefined, undefined))
        break
      case 'spouse':
        person.spouse = refTo(related, r.valid_from, r.valid_until)
        break
    }
  }
  return [...byId.values()]
}

/**
 * "What changed" between what Huoma holds of a person (a snapshot of an earlier VTJ answer, or the client
 * registry's own record mapped to the same shape) and a fresh {@link VtjPerson} from the register. Pure.
 *
 * Under turvakielto the register withholds the municipality, residence code and the permanent and temporary
 * addresses. Their absence in `after` is then **not** a change (the person did not move; Huoma keeps what it has
 * and hides it), so those fields are not compared; the `turvakielto` change itself tells the caller.
 *
 * @module
 */
import type { LocalDate } from '@huoma/domain'
import type { VtjAddress, VtjAddressKind, VtjPerson, VtjPersonRef } from './types'

/** A registry snapshot: any subset of a {@link VtjPerson}. Missing fields count as empty. */
export type VtjPersonSnapshot = Partial<VtjPerson>

export type VtjScalarField =
  | 'hetu'
  | 'firstNames'
  | 'lastName'
  | 'birthDate'
  | 'sex'
  | 'deathDate'
  | 'deceased'
  | 'nativeLanguage'
  | 'municipalityCode'
  | 'turvakielto'
  | 'turvakieltoUntil'
  | 'residenceCode'
  | 'maritalStatus'
  | 'spouse'

export type VtjListField = 'guardians' | 'dependants' | 'children' | 'nationalities'

export type VtjFieldChange =
  | { field: VtjScalarField; before: string | boolean | null; after: string | boolean | null }
  | { field: 'address'; kind: VtjAddressKind; before: VtjAddress | null; after: VtjAddress | null }
  | { field: VtjListField; added: string[]; removed: string[] }

export type VtjDiffField = VtjScalarField | VtjListField | 'addresses'

export interface DiffOptions {
  /** Compare only these fields (e.g. those the client registry keeps); default all. */
  fields?: readonly VtjDiffField[]
  /** Compare the addresses valid on this date; default the open-ended (current) ones. */
  on?: LocalDate
}

const SCALARS: readonly VtjScalarField[] = [
  'hetu', 'firstNames', 'lastName', 'birthDate', 'sex', 'deathDate', 'deceased', 'nativeLanguage', 'municipalityCode', 'turvakielto',
  'turvakieltoUntil', 'residenceCode', 'maritalStatus', 'spouse',
]
const LISTS: readonly VtjListField[] = ['guardians', 'dependants', 'children', 'nationalities']
const ADDRESS_KINDS: readonly VtjAddressKind[] = ['permanent', 'temporary', 'postal', 'contact']
/** Withheld by the register under turvakielto. */
const WITHHELD: ReadonlySet<string> = new Set(['municipalityCode', 'residenceCode', 'permanent', 'temporary'])

const squash = (s: string) => s.replace(/\s+/g, ' ').trim()

function scalar(p: VtjPersonSnapshot, field: VtjScalarField): string | boolean | null {
  switch (field) {
    case 'spouse':
      return p.spouse?.hetu ?? null
    case 'deceased':
      return !!(p.deceased || p.deathDate)
    case 'turvakielto':
      return !!p.turvakielto
    case 'turvakieltoUntil':
      return p.turvakielto ? (p.turvakieltoUntil ?? null) : null
    default: {
      const v = p[field]
      return typeof v === 'string' && squash(v) !== '' ? squash(v) : null
    }
  }
}

/** Names compare case-sensitively (a spelling fix is a change) but ignore extra spaces. */
const sameScalar = (a: string | boolean | null, b: string | boolean | null) => a === b

function listKeys(p: VtjPersonSnapshot, field: VtjListField): string[] {
  if (field === 'nationalities') return [...new Set(p.nationalities ?? [])].sort()
  const refs: VtjPersonRef[] = p[field] ?? []
  return [...new Set(refs.map((r) => r.hetu.toUpperCase()))].sort()
}

/** Street and post office compared without case and extra spaces (DVV writes ESPOO, Huoma may write Espoo). */
const addressKey = (a: VtjAddress) => [a.street, a.postalCode, a.postOffice].map((s) => squash(s ?? '').toLocaleLowerCase('fi')).join('|')

function currentAddresses(p: VtjPersonSnapshot, kind: VtjAddressKind, on: LocalDate | undefined): VtjAddress[] {
  return (p.addresses ?? []).filter(
    (a) => a.kind === kind && (on === undefined ? !a.validUntil : (!a.validFrom || a.validFrom <= on) && (!a.validUntil || a.validUntil >= on)),
  )
}

/** The changed fields, in a stable order: scalars, addresses (by kind), then relation lists. */
export function diffPerson(before: VtjPersonSnapshot, after: VtjPerson, opts: DiffOptions = {}): VtjFieldChange[] {
  const wanted = (f: VtjDiffField) => !opts.fields || opts.fields.includes(f)
  const withheld = (f: string) => after.turvakielto && WITHHELD.has(f)
  const changes: VtjFieldChange[] = []

  for (const field of SCALARS) {
    if (!wanted(field) || withheld(field)) continue
    const b = scalar(before, field)
    const a = scalar(after, field)
    if (!sameScalar(b, a)) changes.push({ field, before: b, after: a })
  }

  if (wanted('addresses')) {
    for (const kind of ADDRESS_KINDS) {
      if (withheld(kind)) continue
      const b = currentAddresses(before, kind, opts.on)
      const a = currentAddresses(after, kind, opts.on)
      const bKeys = new Set(b.map(addressKey))
      const aKeys = new Set(a.map(addressKey))
      if (bKeys.size === aKeys.size && [...bKeys].every((k) => aKeys.has(k))) continue
      changes.push({
        field: 'address',
        kind,
        before: b.find((x) => !aKeys.has(addressKey(x))) ?? null,
        after: a.find((x) => !bKeys.has(addressKey(x))) ?? null,
      })
    }
  }

  for (const field of LISTS) {
    if (!wanted(field)) continue
    const b = listKeys(before, field)
    const a = listKeys(after, field)
    const added = a.filter((k) => !b.includes(k))
    const removed = b.filter((k) => !a.includes(k))
    if (added.length || removed.length) changes.push({ field, added, removed })
  }
  return changes
}

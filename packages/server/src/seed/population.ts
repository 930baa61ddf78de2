/**
 * Synthetic Finnish population: households with persons, addresses, family relations and household members,
 * generated deterministically from a seed and written to PostgreSQL (COPY) or PGlite (multi-row `unnest` inserts).
 *
 * Every person is fictional and gets a temporary henkilötunnus (individual number 900–999, "keinohetu"), which no
 * real person has. Allocation is deterministic and collision-free:
 *
 * - Per (birth date, sex) the generator hands out slots 0, 1, 2, …; slot n is individual number
 *   `900 + 2·(n mod 50)` for women and `901 + 2·(n mod 50)` for men (odd = male, as in every code issued so far),
 *   under century sign number `⌊n / 50⌋` of the century's signs (`-` `Y` `X` `W` `V` `U` for the 1900s, `A`–`F` for
 *   the 2000s). So the primary signs `-` and `A` are used first, and `010190-999W`/`010190Y999W` are two people.
 *   That is 300 codes per birth date and sex; a million persons use about 15 per date on average.
 * - Should a date run out, the birth date moves by a day (within the person's age-year, so ages stay right).
 * - **Repeated runs** on a database that already has persons: {@link insertPopulation} first reads every existing
 *   temporary hetu (keyset-paged, kept as small integers) and the allocator skips those. So seeding twice never
 *   collides, whatever created the existing codes. Use a different seed per run for different names; without an
 *   explicit seed, `insertPopulation` derives one from the current person count.
 *
 * Relation rows read "`related_id` is `person_id`'s <kind>": a child has one `parent` row per parent in the
 * household and, while a minor, one `guardian` row per parent (valid until the 18th birthday). `spouse` and
 * `cohabitant` are written in both directions.
 *
 * @module
 */
import { randomUUID } from 'node:crypto'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { composeIBAN } from 'ibantools'
import { sql, type Kysely } from 'kysely'
import pg from 'pg'
import { from as copyFrom } from 'pg-copy-streams'
import { foldForSearch, makeTemporaryHetu, todayInHelsinki, type LocalDate } from '@huoma/domain'
import type { Database } from '../db/database'
import type { DB } from '../db/schema'
import {
  DEMOLA_MUNICIPALITY,
  FINNISH_FEMALE_OLDER,
  FINNISH_FEMALE_YOUNGER,
  FINNISH_MALE_OLDER,
  FINNISH_MALE_YOUNGER,
  FINNISH_MUNICIPALITIES,
  FINNISH_STREET_STEMS,
  FINNISH_STREET_SUFFIXES,
  FINNISH_SURNAMES,
  OTHER_LANGUAGE_NAMES,
  OTHER_LANGUAGES,
  Random,
  SWEDISH_FEMALE_OLDER,
  SWEDISH_FEMALE_YOUNGER,
  SWEDISH_MALE_OLDER,
  SWEDISH_MALE_YOUNGER,
  SWEDISH_STREET_STEMS,
  SWEDISH_STREET_SUFFIXES,
  SWEDISH_SURNAMES,
  WeightedTable,
  femaleSurname,
  type Municipality,
} from './names'

export { DEMOLA_MUNICIPALITY, FINNISH_MUNICIPALITIES, type Municipality }

// ---------------------------------------------------------------------------------------------------------------
// Row types (column names as in the database)
// ---------------------------------------------------------------------------------------------------------------

export type Sex = 'male' | 'female'
export type ServiceLanguage = 'fi' | 'sv' | 'other'
export type MaritalStatus = 'unmarried' | 'married' | 'divorced' | 'widowed'

export interface PersonRow {
  id: string
  hetu: string
  first_names: string
  last_name: string
  calling_name: string | null
  birth_date: string
  sex: Sex
  /** ISO 639-1 */
  native_language: string
  service_language: ServiceLanguage
  marital_status: MaritalStatus
  municipality_code: string
  turvakielto: boolean
  /** E.164, e.g. +358401234567 */
  phone: string | null
  email: string | null
  /** Electronic form, e.g. FI2112345600000785 */
  iban: string | null
  bic: string | null
  search_name: string
}

export interface AddressRow {
  id: string
  person_id: string
  kind: 'permanent' | 'temporary' | 'postal' | 'contact'
  street: string
  postal_code: string
  post_office: string
  municipality_code: string | null
  country: string
  valid_from: string | null
  valid_until: string | null
}

export interface RelationRow {
  id: string
  /** The person the relation belongs to … */
  person_id: string
  /** … and who is that person's `kind` (parent, guardian, spouse, cohabitant). */
  related_id: string
  kind: 'parent' | 'guardian' | 'spouse' | 'cohabitant'
  valid_from: string | null
  valid_until: string | null
}

export interface HouseholdMemberRow {
  household_id: string
  person_id: string
  valid_from: string
  valid_until: string | null
}

export type HouseholdKind =
  | 'single_young'
  | 'single_middle'
  | 'single_elderly'
  | 'couple'
  | 'elderly_couple'
  | 'family'
  | 'single_parent'
  | 'adult_child'

export interface GeneratedHousehold {
  id: string
  kind: HouseholdKind
  municipality_code: string
  /** Adults first, then children from the oldest. */
  persons: PersonRow[]
  addresses: AddressRow[]
  relations: RelationRow[]
  members: HouseholdMemberRow[]
}

// ---------------------------------------------------------------------------------------------------------------
// Dates as UTC epoch days
// ---------------------------------------------------------------------------------------------------------------

const DAY_MS = 86_400_000

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
function daysFromCivil(y: number, m: number, d: number): number {
  y -= m <= 2 ? 1 : 0
  const era = Math.floor(y / 400)
  const yoe = y - era * 400
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy
  return era * 146097 + doe - 719468
}

/** [year, month 1–12, day] of an epoch day (H. Hinnant's civil_from_days). */
function civilFromDays(z: number): [number, number, number] {
  z += 719468
  const era = Math.floor(z / 146097)
  const doe = z - era * 146097
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365)
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100))
  const mp = Math.floor((5 * doy + 2) / 153)
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1
  const m = mp < 10 ? mp + 3 : mp - 9
  return [yoe + era * 400 + (m <= 2 ? 1 : 0), m, d]
}

const isoToDay = (iso: string) => daysFromCivil(+iso.slice(0, 4), +iso.slice(5, 7), +iso.slice(8, 10))
const ISO_CACHE = new Map<number, string>()
const dayToIso = (day: number): string => {
  let iso = ISO_CACHE.get(day)
  if (iso === undefined) {
    const [y, m, d] = civilFromDays(day)
    iso = `${String(y).padStart(4, '0')}-${m < 10 ? '0' : ''}${m}-${d < 10 ? '0' : ''}${d}`
    ISO_CACHE.set(day, iso)
  }
  return iso
}
const yearOfDay = (day: number) => civilFromDays(day)[0]

function addYears(day: number, years: number): number {
  const [y0, m, d] = civilFromDays(day)
  const y = y0 + years
  const leap = y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0)
  return daysFromCivil(y, m, m === 2 && d === 29 && !leap ? 28 : d)
}

/** Whole years between two dates (age on `on` of someone born on `birth`). */
export function ageOn(birthIso: string, onIso: string): number {
  const [by, bm, bd] = birthIso.split('-').map(Number) as [number, number, number]
  const [y, m, d] = onIso.split('-').map(Number) as [number, number, number]
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0)
}

// ---------------------------------------------------------------------------------------------------------------
// Temporary henkilötunnus allocation
// ---------------------------------------------------------------------------------------------------------------

const SIGNS = '+-YXWVUABCDEF'
const SIGNS_BY_CENTURY: Readonly<Record<number, string>> = { 1800: '+', 1900: '-YXWVU', 2000: 'ABCDEF' }
const CENTURY_OF_SIGN = (idx: number) => (idx === 0 ? 1800 : idx <= 6 ? 1900 : 2000)
const KEY_DAY_OFFSET = 80_000 // keeps keys positive back to year 1751; all keys < 2^30 (small integers)

const hetuKeyOf = (day: number, signIndex: number, individualNumber: number) =>
  (day + KEY_DAY_OFFSET) * 1300 + signIndex * 100 + (individualNumber - 900)

/** Numeric key of a temporary (9xx) henkilötunnus, or `null` for anything else. */
function hetuKey(hetu: string): number | null {
  if (hetu.length !== 11) return null
  const signIndex = SIGNS.indexOf(hetu[6] as string)
  const nnn = Number(hetu.slice(7, 10))
  if (signIndex < 0 || !(nnn >= 900 && nnn <= 999)) return null
  const day = Date.UTC(CENTURY_OF_SIGN(signIndex) + Number(hetu.slice(4, 6)), Number(hetu.slice(2, 4)) - 1, Number(hetu.slice(0, 2))) / DAY_MS
  return Number.isFinite(day) ? hetuKeyOf(day, signIndex, nnn) : null
}

/**
 * A compact set of temporary henkilötunnus (9xx); other codes are ignored by `add` and never reported by `has`
 * (the generator only makes 9xx codes, so only those can collide). A million entries take roughly 30 MB.
 */
export class HetuSet {
  private readonly keys = new Set<number>()
  add(hetu: string): void {
    const k = hetuKey(hetu.toUpperCase())
    if (k !== null) this.keys.add(k)
  }
  has(hetu: string): boolean {
    const k = hetuKey(hetu.toUpperCase())
    return k !== null && this.keys.has(k)
  }
  /** @internal */
  hasKey(key: number): boolean {
    return this.keys.has(key)
  }
  get size(): number {
    return this.keys.size
  }
}

/** Anything that can tell whether a hetu is already taken (a {@link HetuSet}, a `Set<string>` …). */
export interface HetuLookup {
  has(hetu: string): boolean
}

/** Hands out unique temporary henkilötunnus as described in the module comment. */
export class HetuAllocator {
  private readonly next = new Map<number, number>()
  constructor(private readonly reserved?: HetuLookup) {}

  /**
   * A unique temporary hetu for a person of this sex born on `day` (epoch day), moving the birth date within
   * [lo, hi] if that date's 300 codes are used up. Returns the hetu and the (possibly moved) birth day.
   */
  allocate(day: number, sex: Sex, lo = day, hi = day): { hetu: string; day: number } {
    const span = Math.max(hi - day, day - lo)
    for (let offset = 0; offset <= span; offset++) {
      for (const d of offset === 0 ? [day] : [day + offset, day - offset]) {
        if (d < lo || d > hi) continue
        const hetu = this.tryDay(d, sex)
        if (hetu) return { hetu, day: d }
      }
    }
    throw new RangeError(`Temporary henkilötunnus space exhausted for ${sex} born ${dayToIso(lo)}…${dayToIso(hi)}`)
  }

  private tryDay(day: number, sex: Sex): string | null {
    const iso = dayToIso(day)
    const year = +iso.slice(0, 4)
    const signs = SIGNS_BY_CENTURY[Math.floor(year / 100) * 100]
    if (!signs) throw new RangeError(`No henkilötunnus century sign for year ${year}`)
    const counterKey = day * 2 + (sex === 'male' ? 1 : 0)
    let n = this.next.get(counterKey) ?? 0
    const capacity = signs.length * 50
    const reserved = this.reserved
    while (n < capacity) {
      const sign = signs[Math.floor(n / 50)] as string
      const individualNumber = (sex === 'male' ? 901 : 900) + 2 * (n % 50)
      n++
      if (reserved) {
        const taken =
          reserved instanceof HetuSet
            ? reserved.hasKey(hetuKeyOf(day, SIGNS.indexOf(sign), individualNumber))
            : reserved.has(makeTemporaryHetu(iso as LocalDate, individualNumber, sign))
        if (taken) continue
      }
      this.next.set(counterKey, n)
      return makeTemporaryHetu(iso as LocalDate, individualNumber, sign)
    }
    this.next.set(counterKey, n)
    return null
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Generator
// ---------------------------------------------------------------------------------------------------------------

export interface PopulationOptions {
  /** Number of persons (exactly this many are generated). */
  count: number
  /** PRNG seed; the same seed (and options) gives the same population apart from the uuids. Default 1. */
  seed?: number
  /** Ages are computed on this date (`YYYY-MM-DD`); default today in Helsinki. */
  referenceDate?: string
  /** Share of persons under turvakielto (decided per household); default 0.003. */
  turvakieltoRate?: number
  /** At least this many turvakielto persons; default 3 when count ≥ 100, else 0. */
  minTurvakielto?: number
  /** Where people live; default {@link FINNISH_MUNICIPALITIES}. Pass `[DEMOLA_MUNICIPALITY]` for the demo. */
  municipalities?: readonly Municipality[]
  /** Henkilötunnus that must not be handed out (e.g. those already in the database). */
  reservedHetus?: HetuLookup
  /** uuid factory; default `crypto.randomUUID`. */
  newId?: () => string
}

const HOUSEHOLD_KINDS = new WeightedTable<HouseholdKind>([
  ['single_young', 11],
  ['single_middle', 13],
  ['single_elderly', 13],
  ['couple', 14],
  ['elderly_couple', 9],
  ['family', 22],
  ['single_parent', 7],
  ['adult_child', 4],
])
const ALL_KINDS: readonly HouseholdKind[] = HOUSEHOLD_KINDS.values
const MIN_SIZE: Readonly<Record<HouseholdKind, number>> = {
  single_young: 1, single_middle: 1, single_elderly: 1, couple: 2, elderly_couple: 2, family: 3, single_parent: 2, adult_child: 2,
}

type LangGroup = 'fi' | 'sv' | 'other'
const HOUSEHOLD_LANGUAGE = new WeightedTable<LangGroup>([['fi', 87], ['sv', 5], ['other', 8]])
const OTHER_LANGUAGE = new WeightedTable(OTHER_LANGUAGES)
const FI_SURNAME = new WeightedTable(FINNISH_SURNAMES)
const SV_SURNAME = new WeightedTable(SWEDISH_SURNAMES)
const FIRST_NAMES = {
  fi: {
    male: [new WeightedTable(FINNISH_MALE_OLDER), new WeightedTable(FINNISH_MALE_YOUNGER)],
    female: [new WeightedTable(FINNISH_FEMALE_OLDER), new WeightedTable(FINNISH_FEMALE_YOUNGER)],
  },
  sv: {
    male: [new WeightedTable(SWEDISH_MALE_OLDER), new WeightedTable(SWEDISH_MALE_YOUNGER)],
    female: [new WeightedTable(SWEDISH_FEMALE_OLDER), new WeightedTable(SWEDISH_FEMALE_YOUNGER)],
  },
} as const
const FI_STREET_SUFFIX = new WeightedTable(FINNISH_STREET_SUFFIXES)
const SV_STREET_SUFFIX = new WeightedTable(SWEDISH_STREET_SUFFIXES)
const EMAIL_DOMAINS = ['example.com', 'example.org', 'example.net'] as const // RFC 2606: never real mailboxes
const MOBILE_PREFIXES = ['40', '40', '41', '44', '44', '45', '46', '50', '50'] as const

/** Finnish banks by rahalaitostunnus range, with rough market shares (Swedish speakers: Aktia, Ålandsbanken more). */
const BANKS: ReadonlyArray<{ bic: string; from: number; to: number; w: number; wSv: number }> = [
  { bic: 'OKOYFIHH', from: 500, to: 599, w: 35, wSv: 25 },
  { bic: 'NDEAFIHH', from: 100, to: 299, w: 30, wSv: 28 },
  { bic: 'DABAFIHH', from: 800, to: 899, w: 10, wSv: 10 },
  { bic: 'SBANFIHH', from: 360, to: 369, w: 10, wSv: 5 },
  { bic: 'ITELFIHH', from: 423, to: 432, w: 6, wSv: 4 },
  { bic: 'HELSFIHH', from: 405, to: 405, w: 4, wSv: 16 },
  { bic: 'POPFFI22', from: 470, to: 479, w: 3, wSv: 2 },
  { bic: 'AABAFI22', from: 600, to: 699, w: 2, wSv: 10 },
]
const BANK_TABLE = new WeightedTable(BANKS.map((b) => [b, b.w] as const))
const BANK_TABLE_SV = new WeightedTable(BANKS.map((b) => [b, b.wSv] as const))

interface Draft {
  sex: Sex
  day: number
  lo: number
  hi: number
  lang: string
  surname: string
  adult: boolean
  marital: MaritalStatus
  /** Age in whole years on the reference date (birth-date moves stay within the age-year). */
  age: number
}

/** Generates households one at a time; never holds more than one household in memory. */
export function* generatePopulation(opts: PopulationOptions): Generator<GeneratedHousehold, void, undefined> {
  const count = Math.max(0, Math.floor(opts.count))
  const random = new Random(opts.seed ?? 1)
  const newId = opts.newId ?? randomUUID
  const refIso = opts.referenceDate ?? todayInHelsinki(new Date())
  const ref = isoToDay(refIso)
  const turvaRate = opts.turvakieltoRate ?? 0.003
  const minTurva = opts.minTurvakielto ?? (count >= 100 ? 3 : 0)
  const municipalities = opts.municipalities ?? FINNISH_MUNICIPALITIES
  if (municipalities.length === 0) throw new RangeError('At least one municipality is needed')
  const muniAll = new WeightedTable(municipalities.map((m) => [m, m.weight] as const))
  const svCandidates = municipalities.filter((m) => (m.weightSv ?? 0) > 0)
  const muniSv = svCandidates.length ? new WeightedTable(svCandidates.map((m) => [m, m.weightSv ?? 0] as const)) : muniAll
  const muniOther = new WeightedTable(municipalities.map((m) => [m, m.weight * (0.2 + m.urban)] as const))
  const allocator = new HetuAllocator(opts.reservedHetus)

  // Birth-day window per exact age in years on the reference date: (ref − (age+1) y, ref − age y].
  const windows: Array<[number, number]> = []
  for (let age = 0; age <= 110; age++) windows.push([addYears(ref, -(age + 1)) + 1, addYears(ref, -age)])
  const windowOf = (age: number) => windows[age] as [number, number]

  // Small populations (the demo) get every household kind and both minority language groups early on.
  const prelude: HouseholdKind[] = count <= 5000 ? shuffle(random, ALL_KINDS) : []

  let produced = 0
  let turvaPersons = 0
  let householdIndex = 0

  const draft = (sex: Sex, age: number, lang: string, surname: string, adult: boolean, marital: MaritalStatus): Draft => {
    const [lo, hi] = windowOf(age)
    return { sex, day: random.int(lo, hi), lo, hi, lang, surname, adult, marital, age }
  }
  const ageBetween = (min: number, max: number, peak = 0.5) => {
    // a single-peaked distribution on [min, max], mode near min + peak·(max−min)
    const u = (random.next() + random.next()) / 2
    const shifted = peak === 0.5 ? u : u < 0.5 ? u * 2 * peak : peak + (u - 0.5) * 2 * (1 - peak)
    return Math.min(max, min + Math.floor(shifted * (max - min + 1)))
  }
  const otherSex = (s: Sex): Sex => (s === 'male' ? 'female' : 'male')

  const surnameFor = (lang: string, sex: Sex): string => {
    if (lang === 'fi') return random.chance(0.04) ? SV_SURNAME.pick(random) : FI_SURNAME.pick(random)
    if (lang === 'sv') return random.chance(0.75) ? SV_SURNAME.pick(random) : FI_SURNAME.pick(random)
    const names = OTHER_LANGUAGE_NAMES[lang]
    if (!names) return FI_SURNAME.pick(random)
    const s = random.pick(names.surnames)
    return names.genderedSurnames && sex === 'female' ? femaleSurname(s) : s
  }
  /** The surname as a person of `sex` in language `lang` carries it (Ivanov → Ivanova). */
  const genderedFor = (surname: string, lang: string, sex: Sex) => {
    const names = OTHER_LANGUAGE_NAMES[lang]
    if (!names?.genderedSurnames) return surname
    const base = surname.replace(/(ov|ev|in)a$/, '$1')
    return sex === 'female' ? femaleSurname(base) : base
  }

  const givenNames = (lang: string, sex: Sex, birthYear: number): string[] => {
    const other = OTHER_LANGUAGE_NAMES[lang]
    if (other) {
      const pool = sex === 'male' ? other.male : other.female
      const first = random.pick(pool)
      if (random.chance(0.6)) return [first]
      const second = random.pick(pool)
      return second === first ? [first] : [first, second]
    }
    const group = lang === 'sv' && random.chance(0.85) ? FIRST_NAMES.sv : FIRST_NAMES.fi
    const table = group[sex][birthYear < 1980 ? 0 : 1]
    const r = random.next()
    const n = birthYear < 1980 ? (r < 0.15 ? 1 : r < 0.75 ? 2 : 3) : r < 0.08 ? 1 : r < 0.63 ? 2 : 3
    const names: string[] = []
    for (let tries = 0; names.length < n && tries < n * 4; tries++) {
      const name = table.pick(random)
      if (!names.includes(name)) names.push(name)
    }
    return names
  }

  const streetName = (sv: boolean) =>
    sv
      ? random.pick(SWEDISH_STREET_STEMS) + SV_STREET_SUFFIX.pick(random)
      : random.pick(FINNISH_STREET_STEMS) + FI_STREET_SUFFIX.pick(random)

  const postalCode = (m: Municipality) => {
    const from = Number(m.postalCodes[0])
    const to = Number(m.postalCodes[1])
    return String(from + 10 * random.int(0, Math.floor((to - from) / 10))).padStart(5, '0')
  }
  const postOffice = (m: Municipality, sv: boolean) => (sv && m.nameSv ? m.nameSv : m.name).toUpperCase()

  const homeAddress = (m: Municipality, sv: boolean) => {
    const flat = random.chance(m.urban)
    const number = flat ? random.int(1, 60) : random.int(1, 250)
    const letter = flat ? ` ${'ABCDEFG'[random.int(0, random.chance(0.7) ? 2 : 6)]} ${random.int(1, 60)}` : ''
    return { street: `${streetName(sv)} ${number}${letter}`, postal_code: postalCode(m), post_office: postOffice(m, sv) }
  }
  /** A PO box: box postal codes end in 1 in Finland. */
  const boxAddress = (m: Municipality, sv: boolean) => {
    const code = postalCode(m)
    return { street: `${sv ? 'PB' : 'PL'} ${random.int(1, 999)}`, postal_code: `${code.slice(0, 4)}1`, post_office: postOffice(m, sv) }
  }

  const phone = () => `+358${random.pick(MOBILE_PREFIXES)}${String(random.int(0, 9_999_999)).padStart(7, '0')}`
  const email = (first: string, last: string) => {
    const clean = (s: string) => foldForSearch(s).replace(/[^a-z0-9]+/g, '')
    const suffix = random.chance(0.5) ? String(random.int(1, 99)) : ''
    return `${clean(first)}.${clean(last)}${suffix}@${random.pick(EMAIL_DOMAINS)}`
  }
  const iban = (sv: boolean): { iban: string; bic: string } => {
    const bank = (sv ? BANK_TABLE_SV : BANK_TABLE).pick(random)
    const head = String(random.int(bank.from, bank.to)) + String(random.int(0, 999)).padStart(3, '0')
    // Machine form (14 digits): savings banks/OP (4xx, 5xx) pad after the 7th digit, others after the 6th.
    const accountLen = random.int(4, 7)
    const account = String(random.int(10 ** (accountLen - 1), 10 ** accountLen - 1))
    const body =
      head[0] === '4' || head[0] === '5'
        ? head + account[0] + account.slice(1).padStart(6, '0')
        : head + account.padStart(7, '0')
    const bban = body + luhnCheckDigit(body)
    const composed = composeIBAN({ countryCode: 'FI', bban })
    if (!composed) throw new Error(`Could not compose an IBAN from ${bban}`)
    return { iban: composed, bic: bank.bic }
  }

  while (produced < count) {
    const remaining = count - produced
    const h = householdIndex++

    // --- kind, language, place
    let kind: HouseholdKind = h < prelude.length ? (prelude[h] as HouseholdKind) : HOUSEHOLD_KINDS.pick(random)
    if (MIN_SIZE[kind] > remaining) kind = remaining === 1 ? random.pick(['single_young', 'single_middle', 'single_elderly'] as const) : random.chance(0.5) ? 'couple' : 'single_parent'
    let group: LangGroup = HOUSEHOLD_LANGUAGE.pick(random)
    if (prelude.length && h === 1) group = 'sv'
    if (prelude.length && h === 4) group = 'other'
    const lang = group === 'other' ? OTHER_LANGUAGE.pick(random) : group
    const muni = (group === 'sv' ? muniSv : group === 'other' ? muniOther : muniAll).pick(random)
    const svAddress = group === 'sv' && !!muni.nameSv
    /** A partner's language: mostly the household's, sometimes Finnish (bilingual families). */
    const partnerLang = () =>
      group === 'sv' ? (random.chance(0.3) ? 'fi' : 'sv') : group === 'other' ? (random.chance(0.2) ? 'fi' : lang) : random.chance(0.02) ? 'sv' : 'fi'

    // --- people
    const adults: Draft[] = []
    const children: Draft[] = []
    const couple: { relation: 'spouse' | 'cohabitant' | null } = { relation: null }

    const addCouple = (minAge: number, maxAge: number, marriedShare: number, peak: number) => {
      const sameSex = random.chance(0.015)
      const first: Sex = random.chance(0.5) ? 'male' : 'female'
      const second: Sex = sameSex ? first : otherSex(first)
      const a1 = ageBetween(minAge, maxAge, peak)
      const a2 = Math.max(minAge, Math.min(maxAge + 5, a1 + Math.round((first === 'male' ? -2 : 2) + 3 * random.normal())))
      const married = random.chance(marriedShare)
      couple.relation = married ? 'spouse' : 'cohabitant'
      const lang2 = partnerLang()
      let s1 = surnameFor(lang, first)
      let s2 = surnameFor(lang2, second)
      if (married) {
        const r = random.next()
        if (sameSex) {
          if (r < 0.4) s2 = s1
        } else if (first === 'male') {
          // The wife most often takes the husband's surname, sometimes as a double name; a few husbands
          // take the wife's.
          if (r < 0.68) s2 = genderedFor(s1, lang2, second)
          else if (r < 0.74) s2 = `${s2}-${s1}`
          else if (r < 0.77) s1 = genderedFor(s2, lang, first)
        } else {
          if (r < 0.68) s1 = genderedFor(s2, lang, first)
          else if (r < 0.74) s1 = `${s1}-${s2}`
          else if (r < 0.77) s2 = genderedFor(s1, lang2, second)
        }
      }
      const marital: MaritalStatus = married ? 'married' : 'unmarried'
      const status = (age: number): MaritalStatus => (!married && age > 35 && random.chance(0.3) ? 'divorced' : marital)
      adults.push(draft(first, a1, lang, s1, true, status(a1)), draft(second, a2, lang2, s2, true, status(a2)))
    }
    /** n children of parents whose youngest is `parentAge`: born when that parent was 19–45. */
    const addChildren = (n: number, parentAge: number, surname: () => string) => {
      const hiAge = Math.max(0, Math.min(17, parentAge - 19))
      const loAge = Math.max(0, Math.min(hiAge, parentAge - 45))
      const ages: number[] = []
      for (let i = 0; i < n; i++) ages.push(random.int(loAge, hiAge))
      ages.sort((a, b) => b - a)
      let prev: Draft | null = null
      for (const age of ages) {
        const sex: Sex = random.chance(0.51) ? 'male' : 'female'
        const childLang = group === 'other' && adults.some((a) => a.lang === 'fi') ? (random.chance(0.5) ? 'fi' : lang) : lang
        const d = draft(sex, age, childLang, genderedFor(surname(), childLang, sex), false, 'unmarried')
        // twins now and then
        if (prev && prev.day >= d.lo && prev.day <= d.hi && random.chance(0.03)) d.day = prev.day
        children.push(d)
        prev = d
      }
    }
    const childCount = (weights: readonly number[]) => {
      let r = random.next() * weights.reduce((a, b) => a + b, 0)
      for (let i = 0; i < weights.length; i++) if ((r -= weights[i] as number) < 0) return i + 1
      return weights.length
    }

    switch (kind) {
      case 'single_young':
      case 'single_middle':
      case 'single_elderly': {
        const age = kind === 'single_young' ? ageBetween(18, 34, 0.35) : kind === 'single_middle' ? ageBetween(35, 64) : 65 + Math.floor(33 * random.next() ** 1.6)
        const sex: Sex = random.chance(kind === 'single_elderly' ? 0.65 : 0.47) ? 'female' : 'male'
        const r = random.next()
        const marital: MaritalStatus =
          kind === 'single_young' ? (r < 0.97 ? 'unmarried' : 'divorced')
          : kind === 'single_middle' ? (r < 0.45 ? 'unmarried' : r < 0.9 ? 'divorced' : 'widowed')
          : r < 0.5 ? 'widowed' : r < 0.78 ? 'divorced' : 'unmarried'
        adults.push(draft(sex, age, lang, surnameFor(lang, sex), true, marital))
        break
      }
      case 'couple':
        addCouple(22, 64, 0.55, 0.4)
        break
      case 'elderly_couple':
        addCouple(65, 92, 0.9, 0.25)
        break
      case 'family': {
        addCouple(22, 52, 0.65, 0.5)
        const n = Math.min(childCount([40, 38, 15, 7]), remaining - 2)
        const [p1, p2] = adults as [Draft, Draft]
        const youngest = Math.min(p1.age, p2.age)
        const father = p1.sex === 'male' ? p1 : p2
        const mother = p1.sex === 'female' ? p1 : p2
        const shared = p1.surname === p2.surname
        addChildren(n, youngest, () => (shared || random.chance(0.65) ? father.surname : mother.surname))
        break
      }
      case 'single_parent': {
        const sex: Sex = random.chance(0.85) ? 'female' : 'male'
        const age = ageBetween(22, 55, 0.45)
        const r = random.next()
        const parent = draft(sex, age, lang, surnameFor(lang, sex), true, r < 0.5 ? 'unmarried' : r < 0.95 ? 'divorced' : 'widowed')
        adults.push(parent)
        const n = Math.min(childCount([60, 30, 10]), remaining - 1)
        addChildren(n, age, () => (random.chance(0.7) ? parent.surname : surnameFor(lang, 'male')))
        break
      }
      case 'adult_child': {
        if (remaining >= 3 && random.chance(0.7)) addCouple(45, 70, 0.8, 0.5)
        else {
          const sex: Sex = random.chance(0.7) ? 'female' : 'male'
          const r = random.next()
          adults.push(draft(sex, ageBetween(45, 70), lang, surnameFor(lang, sex), true, r < 0.6 ? 'divorced' : r < 0.8 ? 'widowed' : 'unmarried'))
        }
        const youngest = Math.min(...adults.map((a) => a.age))
        const sex: Sex = random.chance(0.6) ? 'male' : 'female'
        const parentSurname = (adults.find((a) => a.sex === 'male') ?? (adults[0] as Draft)).surname
        const age = random.int(18, Math.max(18, Math.min(30, youngest - 19)))
        const d = draft(sex, age, lang, genderedFor(parentSurname, lang, sex), true, 'unmarried')
        children.push(d)
        break
      }
    }

    // --- dates: when the household formed and when its members moved into the current home
    const members = [...adults, ...children]
    const adultDays = adults.map((a) => a.day)
    const came18 = Math.max(...adultDays.map((d) => addYears(d, 18)))
    const oldestChild = children.length ? Math.min(...children.map((c) => c.day)) : null
    let since: number
    if (kind === 'single_parent') {
      since = random.int(oldestChild ?? came18, ref)
    } else if (oldestChild !== null) {
      since = Math.max(came18, oldestChild - random.int(0, 8 * 365))
      if (since > oldestChild) since = oldestChild
    } else {
      // singles moved in during the last 15 years; couples have been together up to 30 years (elderly: 5–60)
      const span = Math.max(0, Math.min(ref - came18, (kind === 'elderly_couple' ? 60 : kind === 'couple' ? 30 : 15) * 365))
      since = ref - random.int(kind === 'elderly_couple' ? Math.min(span, 5 * 365) : 0, span)
    }
    const movedIn = since + Math.floor(random.next() * 0.7 * (ref - since))

    // --- turvakielto (whole household)
    const forced = turvaPersons < minTurva && produced >= Math.floor((count * (turvaPersons + 1)) / (minTurva + 1))
    const turva = forced || random.chance(turvaRate)

    // --- rows
    const householdId = newId()
    const persons: PersonRow[] = []
    const addresses: AddressRow[] = []
    const relations: RelationRow[] = []
    const memberRows: HouseholdMemberRow[] = []
    const home = homeAddress(muni, svAddress)
    const contact = turva ? boxAddress(muni, svAddress) : null

    for (const m of members) {
      const { hetu, day } = allocator.allocate(m.day, m.sex, m.lo, m.hi)
      m.day = day
      const birthIso = dayToIso(day)
      const birthYear = yearOfDay(day)
      const names = givenNames(m.lang, m.sex, birthYear)
      const age = m.age
      const r = random.next()
      const calling = names.length === 1 ? names[0] : r < 0.88 ? names[0] : r < 0.98 ? names[1] : null
      const firstNames = names.join(' ')
      const serviceLanguage: ServiceLanguage =
        m.lang === 'fi' ? 'fi' : m.lang === 'sv' ? 'sv' : random.chance(m.adult ? 0.35 : 0.1) ? 'other' : 'fi'
      const hasPhone = m.adult ? random.chance(age > 85 ? 0.4 : 0.78) : age >= 13 && random.chance(0.45)
      const hasEmail = m.adult && random.chance(age > 75 ? 0.2 : 0.55)
      const account = m.adult && random.chance(0.6) ? iban(m.lang === 'sv') : null
      const person: PersonRow = {
        id: newId(),
        hetu,
        first_names: firstNames,
        last_name: m.surname,
        calling_name: calling ?? null,
        birth_date: birthIso,
        sex: m.sex,
        native_language: m.lang,
        service_language: serviceLanguage,
        marital_status: m.marital,
        municipality_code: muni.code,
        turvakielto: turva,
        phone: hasPhone ? phone() : null,
        email: hasEmail ? email(calling ?? names[0] ?? 'x', m.surname) : null,
        iban: account?.iban ?? null,
        bic: account?.bic ?? null,
        search_name: foldForSearch(`${m.surname} ${firstNames}`),
      }
      persons.push(person)
      const memberFrom = Math.max(since, day)
      memberRows.push({ household_id: householdId, person_id: person.id, valid_from: dayToIso(memberFrom), valid_until: null })
      addresses.push({
        id: newId(),
        person_id: person.id,
        kind: 'permanent',
        ...home,
        municipality_code: muni.code,
        country: 'FI',
        valid_from: dayToIso(Math.max(movedIn, day)),
        valid_until: null,
      })
      if (contact) {
        addresses.push({ id: newId(), person_id: person.id, kind: 'contact', ...contact, municipality_code: muni.code, country: 'FI', valid_from: dayToIso(Math.max(movedIn, day)), valid_until: null })
      } else if (m.adult && random.chance(0.02)) {
        addresses.push({ id: newId(), person_id: person.id, kind: 'postal', ...boxAddress(muni, svAddress), municipality_code: muni.code, country: 'FI', valid_from: dayToIso(Math.max(movedIn, day)), valid_until: null })
      }
      if (kind === 'single_young' && age < 30 && random.chance(0.05)) {
        // a student's temporary address elsewhere
        const away = muniAll.pick(random)
        const from = ref - random.int(30, 700)
        addresses.push({ id: newId(), person_id: person.id, kind: 'temporary', ...homeAddress(away, false), municipality_code: away.code, country: 'FI', valid_from: dayToIso(from), valid_until: dayToIso(ref + random.int(30, 400)) })
      }
    }
    if (turva) turvaPersons += persons.length

    // partners (both directions)
    const adultPersons = persons.slice(0, adults.length)
    const partnership = couple.relation
    if (partnership && adultPersons.length === 2) {
      const [a, b] = adultPersons as [PersonRow, PersonRow]
      const from = dayToIso(since)
      relations.push({ id: newId(), person_id: a.id, related_id: b.id, kind: partnership, valid_from: from, valid_until: null })
      relations.push({ id: newId(), person_id: b.id, related_id: a.id, kind: partnership, valid_from: from, valid_until: null })
    }
    // parents and guardians
    for (let i = adults.length; i < persons.length; i++) {
      const child = persons[i] as PersonRow
      const c = members[i] as Draft
      for (const parent of adultPersons) {
        relations.push({ id: newId(), person_id: child.id, related_id: parent.id, kind: 'parent', valid_from: child.birth_date, valid_until: null })
        if (!c.adult) {
          relations.push({ id: newId(), person_id: child.id, related_id: parent.id, kind: 'guardian', valid_from: child.birth_date, valid_until: dayToIso(addYears(c.day, 18)) })
        }
      }
    }

    produced += persons.length
    yield { id: householdId, kind, municipality_code: muni.code, persons, addresses, relations, members: memberRows }
  }
}

function shuffle<T>(random: Random, items: readonly T[]): T[] {
  const a = [...items]
  for (let i = a.length - 1; i > 0; i--) {
    const j = random.int(0, i)
    ;[a[i], a[j]] = [a[j] as T, a[i] as T]
  }
  return a
}

/** Luhn (weights 2-1 from the right of the payload) check digit, as Finnish account numbers use. */
function luhnCheckDigit(payload: string): string {
  let sum = 0
  for (let i = payload.length - 1, w = 2; i >= 0; i--, w = 3 - w) {
    const d = Number(payload[i]) * w
    sum += d > 9 ? d - 9 : d
  }
  return String((10 - (sum % 10)) % 10)
}

// ---------------------------------------------------------------------------------------------------------------
// Insertion
// ---------------------------------------------------------------------------------------------------------------

export interface PopulationProgress {
  persons: number
  total: number
  /** Rows written so far over all five tables. */
  rows: number
  elapsedMs: number
  rowsPerSecond: number
  personsPerSecond: number
  /** Estimated seconds left (persons still to write at the current rate). */
  etaSeconds: number
  done: boolean
}

export interface InsertPopulationOptions extends Omit<PopulationOptions, 'reservedHetus' | 'seed'> {
  /** Default: derived from the number of persons already in the database, so repeated runs differ. */
  seed?: number
  /** Called about every `progressIntervalMs` and once at the end. Default: a line on stderr; `false`: silent. */
  onProgress?: ((p: PopulationProgress) => void) | false
  progressIntervalMs?: number
  /**
   * `copy`: COPY FROM STDIN (PostgreSQL only; needs a pg pool, see `databaseUrl`); `unnest`: multi-row
   * `INSERT … SELECT * FROM unnest(…)` through Kysely (both databases). `auto` (default): copy when possible.
   */
  method?: 'auto' | 'copy' | 'unnest'
  /**
   * Persons per transaction; default 2 000. Small on purpose: V8 lets garbage grow to a multiple of what is live
   * before a full collection, and what is live is the chunks in flight — at 20 000 a chunk the generator of 1 M
   * persons peaked at 1 GB RSS (live 130–190 MB after each collection), at 2 000 it stays near 420 MB.
   */
  chunkSize?: number
  /** Rows per `unnest` statement; default 5 000. */
  batchRows?: number
  /**
   * PostgreSQL connection string for the COPY path. Not needed when the `Database` object exposes its pg pool
   * as `pool`. Without either, PostgreSQL falls back to `unnest`.
   */
  databaseUrl?: string
  /** Parallel COPY connections (generation overlaps with the database's work); default 2. */
  copyConnections?: number
  /** ANALYZE the tables afterwards; default when count ≥ 10 000. */
  analyze?: boolean
}

export interface InsertPopulationResult {
  persons: number
  households: number
  addresses: number
  relations: number
  householdMembers: number
  /** All rows written. */
  rows: number
  turvakielto: number
  elapsedMs: number
  method: 'copy' | 'unnest'
  seed: number
  /** Temporary hetus that already existed and were avoided. */
  reservedHetus: number
}

const PERSON_COLUMNS = [
  'id', 'hetu', 'first_names', 'last_name', 'calling_name', 'birth_date', 'sex', 'native_language', 'service_language',
  'marital_status', 'municipality_code', 'turvakielto', 'phone', 'email', 'iban', 'bic', 'search_name',
] as const satisfies readonly (keyof PersonRow)[]
const PERSON_TYPES = [
  'uuid', 'text', 'text', 'text', 'text', 'date', 'text', 'text', 'text', 'text', 'text', 'boolean', 'text', 'text', 'text', 'text', 'text',
] as const
const ADDRESS_COLUMNS = [
  'id', 'person_id', 'kind', 'street', 'postal_code', 'post_office', 'municipality_code', 'country', 'valid_from', 'valid_until',
] as const satisfies readonly (keyof AddressRow)[]
const ADDRESS_TYPES = ['uuid', 'uuid', 'text', 'text', 'text', 'text', 'text', 'text', 'date', 'date'] as const
const RELATION_COLUMNS = ['id', 'person_id', 'related_id', 'kind', 'valid_from', 'valid_until'] as const satisfies readonly (keyof RelationRow)[]
const RELATION_TYPES = ['uuid', 'uuid', 'uuid', 'text', 'date', 'date'] as const
const MEMBER_COLUMNS = ['household_id', 'person_id', 'valid_from', 'valid_until'] as const satisfies readonly (keyof HouseholdMemberRow)[]
const MEMBER_TYPES = ['uuid', 'uuid', 'date', 'date'] as const

interface Chunk {
  households: GeneratedHousehold[]
  persons: number
  rows: number
}

type Cell = string | boolean | null

/** Reads every temporary (9xx) hetu in the database, a page at a time, into a compact set. */
export async function loadTemporaryHetus(db: Kysely<DB>): Promise<HetuSet> {
  const set = new HetuSet()
  let last = ''
  for (;;) {
    const { rows } = await sql<{ hetu: string }>`
      SELECT hetu FROM person WHERE hetu > ${last} AND substr(hetu, 8, 1) = '9' ORDER BY hetu LIMIT 50000`.execute(db)
    for (const r of rows) set.add(r.hetu)
    if (rows.length < 50000) return set
    last = (rows[rows.length - 1] as { hetu: string }).hetu
  }
}

/**
 * Generates `count` persons (see {@link generatePopulation}) and writes them with their households, addresses,
 * relations and household members, one transaction per chunk. Safe to call again on a populated database.
 */
export async function insertPopulation(database: Database, opts: InsertPopulationOptions): Promise<InsertPopulationResult> {
  const started = performance.now()
  const db = database.db
  const countRow = await sql<{ n: number }>`SELECT count(*)::int AS n FROM person`.execute(db)
  const existing = countRow.rows[0]?.n ?? 0
  const seed = opts.seed ?? 0x5eed + existing
  const reserved = existing > 0 ? await loadTemporaryHetus(db) : new HetuSet()

  const pool = await copyPool(database, opts)
  const method: 'copy' | 'unnest' = pool ? 'copy' : 'unnest'
  const chunkSize = opts.chunkSize ?? 2_000
  const report = opts.onProgress === false ? null : (opts.onProgress ?? stderrProgress)
  const interval = opts.progressIntervalMs ?? 2000

  const result: InsertPopulationResult = {
    persons: 0, households: 0, addresses: 0, relations: 0, householdMembers: 0, rows: 0, turvakielto: 0,
    elapsedMs: 0, method, seed, reservedHetus: reserved.size,
  }
  let lastReport = performance.now()
  const progress = (done: boolean): PopulationProgress => {
    const elapsedMs = performance.now() - started
    const secs = Math.max(elapsedMs / 1000, 1e-3)
    const personsPerSecond = result.persons / secs
    return {
      persons: result.persons, total: opts.count, rows: result.rows, elapsedMs, rowsPerSecond: result.rows / secs,
      personsPerSecond, etaSeconds: personsPerSecond > 0 ? (opts.count - result.persons) / personsPerSecond : Infinity, done,
    }
  }
  const maybeReport = () => {
    if (report && performance.now() - lastReport >= interval) {
      lastReport = performance.now()
      report(progress(false))
    }
  }
  const account = (chunk: Chunk) => {
    for (const h of chunk.households) {
      result.households++
      result.persons += h.persons.length
      result.addresses += h.addresses.length
      result.relations += h.relations.length
      result.householdMembers += h.members.length
      if (h.persons[0]?.turvakielto) result.turvakielto += h.persons.length
    }
    result.rows += chunk.rows
  }

  const generator = generatePopulation({ ...opts, seed, reservedHetus: reserved })
  /** Next chunk, yielding to the event loop now and then so that sockets keep flowing while we generate. */
  const nextChunk = async (): Promise<Chunk | null> => {
    const chunk: Chunk = { households: [], persons: 0, rows: 0 }
    let sinceYield = 0
    while (chunk.persons < chunkSize) {
      const r = generator.next()
      if (r.done) break
      const h = r.value
      chunk.households.push(h)
      chunk.persons += h.persons.length
      chunk.rows += 1 + h.persons.length + h.addresses.length + h.relations.length + h.members.length
      if ((sinceYield += h.persons.length) >= 2000) {
        sinceYield = 0
        await new Promise<void>((resolve) => setImmediate(resolve))
      }
    }
    return chunk.households.length ? chunk : null
  }

  try {
    if (pool) {
      const connections = Math.max(1, opts.copyConnections ?? 2)
      const inFlight = new Set<Promise<void>>()
      let failure: unknown = null
      for (;;) {
        const chunk = await nextChunk()
        if (!chunk) break
        while (inFlight.size >= connections) await Promise.race(inFlight)
        if (failure) throw failure
        const p: Promise<void> = copyChunk(pool, chunk)
          .then(() => {
            account(chunk)
            maybeReport()
          })
          .catch((e: unknown) => {
            failure ??= e
          })
          .finally(() => inFlight.delete(p))
        inFlight.add(p)
        maybeReport()
      }
      await Promise.all(inFlight)
      if (failure) throw failure
    } else {
      const batchRows = opts.batchRows ?? 5000
      for (;;) {
        const chunk = await nextChunk()
        if (!chunk) break
        await unnestChunk(db, chunk, batchRows)
        account(chunk)
        maybeReport()
      }
    }
    if (opts.analyze ?? opts.count >= 10_000) {
      await sql`ANALYZE household, person, person_address, person_relation, household_member`.execute(db)
    }
  } finally {
    if (pool && pool !== (database as { pool?: unknown }).pool) await pool.end()
  }
  result.elapsedMs = performance.now() - started
  report?.(progress(true))
  return result
}

async function copyPool(database: Database, opts: InsertPopulationOptions): Promise<pg.Pool | null> {
  if (opts.method === 'unnest' || database.kind !== 'postgresql') {
    if (opts.method === 'copy') throw new Error('COPY needs PostgreSQL; the embedded database takes method "unnest"')
    return null
  }
  const own = (database as { pool?: unknown }).pool
  if (own instanceof pg.Pool) return own
  if (opts.databaseUrl) {
    return new pg.Pool({ connectionString: opts.databaseUrl, max: Math.max(1, opts.copyConnections ?? 2), application_name: 'huoma-seed' })
  }
  if (opts.method === 'copy') throw new Error('COPY needs a databaseUrl (or a Database that exposes its pg pool)')
  return null
}

// --- COPY (PostgreSQL)

/** COPY text format: tab-separated, `\N` for NULL, backslash escapes for backslash, tab, newline, CR. */
function copyValue(v: Cell): string {
  if (v === null) return '\\N'
  if (typeof v === 'boolean') return v ? 't' : 'f'
  return /[\\\t\n\r]/.test(v) ? v.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r')) : v
}

function copyText<R>(rows: Iterable<R>, columns: readonly (keyof R)[]): string {
  const lines: string[] = []
  for (const row of rows) lines.push(columns.map((c) => copyValue(row[c] as Cell)).join('\t'))
  return lines.length ? `${lines.join('\n')}\n` : ''
}

async function copyInto(client: pg.PoolClient, table: string, columns: readonly string[], data: string): Promise<void> {
  if (!data) return
  const stream = client.query(copyFrom(`COPY ${table} (${columns.join(', ')}) FROM STDIN`))
  await pipeline(Readable.from([data]), stream)
}

async function copyChunk(pool: pg.Pool, chunk: Chunk): Promise<void> {
  const hs = chunk.households
  const texts = {
    household: hs.map((h) => `${h.id}\n`).join(''),
    person: copyText(hs.flatMap((h) => h.persons), PERSON_COLUMNS),
    member: copyText(hs.flatMap((h) => h.members), MEMBER_COLUMNS),
    address: copyText(hs.flatMap((h) => h.addresses), ADDRESS_COLUMNS),
    relation: copyText(hs.flatMap((h) => h.relations), RELATION_COLUMNS),
  }
  const client = await pool.connect()
  try {
    await client.query('BEGIN')
    await client.query('SET LOCAL synchronous_commit = off')
    await copyInto(client, 'household', ['id'], texts.household)
    await copyInto(client, 'person', PERSON_COLUMNS, texts.person)
    await copyInto(client, 'household_member', MEMBER_COLUMNS, texts.member)
    await copyInto(client, 'person_address', ADDRESS_COLUMNS, texts.address)
    await copyInto(client, 'person_relation', RELATION_COLUMNS, texts.relation)
    await client.query('COMMIT')
  } catch (e) {
    await client.query('ROLLBACK').catch(() => undefined)
    throw e
  } finally {
    client.release()
  }
}

// --- unnest (PGlite, or PostgreSQL without a pool)

async function unnestInsert<R>(
  db: Kysely<DB>,
  table: string,
  columns: readonly (keyof R & string)[],
  types: readonly string[],
  rows: readonly R[],
  batchRows: number,
): Promise<void> {
  for (let start = 0; start < rows.length; start += batchRows) {
    const batch = rows.slice(start, start + batchRows)
    const arrays = columns.map((c) => batch.map((r) => r[c] as Cell))
    const args = sql.join(arrays.map((a, i) => sql`${a}::${sql.raw(types[i] as string)}[]`))
    await sql`INSERT INTO ${sql.table(table)} (${sql.join(columns.map((c) => sql.ref(c)))}) SELECT * FROM unnest(${args})`.execute(db)
  }
}

async function unnestChunk(db: Kysely<DB>, chunk: Chunk, batchRows: number): Promise<void> {
  const hs = chunk.households
  await db.transaction().execute(async (trx) => {
    await unnestInsert(trx, 'household', ['id'], ['uuid'], hs.map((h) => ({ id: h.id })), batchRows)
    await unnestInsert(trx, 'person', PERSON_COLUMNS, PERSON_TYPES, hs.flatMap((h) => h.persons), batchRows)
    await unnestInsert(trx, 'household_member', MEMBER_COLUMNS, MEMBER_TYPES, hs.flatMap((h) => h.members), batchRows)
    await unnestInsert(trx, 'person_address', ADDRESS_COLUMNS, ADDRESS_TYPES, hs.flatMap((h) => h.addresses), batchRows)
    await unnestInsert(trx, 'person_relation', RELATION_COLUMNS, RELATION_TYPES, hs.flatMap((h) => h.relations), batchRows)
  })
}

// --- progress

function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '?'
  const s = Math.round(seconds)
  return s >= 60 ? `${Math.floor(s / 60)} min ${s % 60} s` : `${s} s`
}

function stderrProgress(p: PopulationProgress): void {
  const pct = p.total ? ((100 * p.persons) / p.total).toFixed(1) : '100.0'
  const tail = p.done ? `done in ${formatDuration(p.elapsedMs / 1000)}` : `ETA ${formatDuration(p.etaSeconds)}`
  process.stderr.write(
    `population: ${p.persons.toLocaleString('en')}/${p.total.toLocaleString('en')} persons (${pct} %), ` +
      `${p.rows.toLocaleString('en')} rows, ${Math.round(p.rowsPerSecond).toLocaleString('en')} rows/s, ` +
      `${Math.round(p.personsPerSecond).toLocaleString('en')} persons/s, ${tail}\n`,
  )
}

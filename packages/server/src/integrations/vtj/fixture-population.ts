/**
 * The simulator's own register population: fictional persons generated deterministically from a seed, in
 * households (singles, couples, families with guardians and children, single parents, elderly people), with
 * address histories, a few persons under turvakielto (with only a PL contact address disclosed) and a few
 * deceased persons. Every henkilötunnus is a temporary/test code (individual number 900–999; odd for men, even for
 * women), so no real person can match.
 *
 * The same options give the same population. Ages are counted from `referenceDate`, so pass a fixed date where
 * the exact persons matter (tests).
 *
 * @module
 */
import { addDays, localDate, makeTemporaryHetu, parseLocalDate, type LocalDate } from '@huoma/domain'
import type { VtjAddress, VtjPerson, VtjSex } from './types'

export interface FixtureMunicipality {
  /** Kuntanumero (three digits). */
  code: string
  name: string
  /** Inclusive range of postal codes; drawn in steps of 10. */
  postalCodes: readonly [string, string]
}

/** Demola, the fictional municipality of the Huoma demo (kuntanumero 999 is not in use). */
export const DEMOLA: FixtureMunicipality = { code: '999', name: 'Demola', postalCodes: ['99100', '99190'] }

export interface FixturePopulationOptions {
  /** PRNG seed; default 1. */
  seed?: number
  /** Number of persons (at least); default 100. */
  count?: number
  /** Ages and validity dates are computed from this date (`YYYY-MM-DD`). */
  referenceDate: LocalDate | string
  municipality?: FixtureMunicipality
  /** Henkilötunnus that must not be handed out (e.g. the mirrored Huoma persons). */
  isTaken?: (hetu: string) => boolean
}

// mulberry32: small, fast, deterministic.
function prng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

class Rng {
  readonly next: () => number
  constructor(seed: number) {
    this.next = prng(seed)
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1))
  }
  chance(p: number): boolean {
    return this.next() < p
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)] as T
  }
}

const SURNAMES = [
  'Korhonen', 'Virtanen', 'Mäkinen', 'Nieminen', 'Mäkelä', 'Hämäläinen', 'Laine', 'Heikkinen', 'Koskinen', 'Järvinen',
  'Lehtonen', 'Lehtinen', 'Saarinen', 'Salminen', 'Heinonen', 'Niemi', 'Heikkilä', 'Kinnunen', 'Salonen', 'Turunen',
  'Salo', 'Laitinen', 'Tuominen', 'Rantanen', 'Karjalainen', 'Jokinen', 'Mattila', 'Savolainen', 'Lahtinen', 'Ahonen',
  'Öhman', 'Lindholm', 'Sjöberg', 'Åkerlund',
] as const
const MALE = [
  'Juhani', 'Johannes', 'Mikael', 'Olavi', 'Onni', 'Matias', 'Elias', 'Oliver', 'Ilmari', 'Eemeli', 'Antero', 'Tapani',
  'Kalevi', 'Ville', 'Jukka', 'Timo', 'Pekka', 'Aleksi', 'Väinö', 'Leo',
] as const
const FEMALE = [
  'Maria', 'Sofia', 'Emilia', 'Olivia', 'Aino', 'Helmi', 'Johanna', 'Anneli', 'Kaarina', 'Marjatta', 'Tuulikki',
  'Ellen', 'Linnea', 'Aada', 'Elina', 'Sari', 'Päivi', 'Minna', 'Hilkka', 'Eeva',
] as const
const STREETS = [
  'Koivukuja', 'Pihlajatie', 'Rantakatu', 'Kirkkotie', 'Myllytie', 'Kauppakatu', 'Puistokatu', 'Haapapolku',
  'Mäntyrinne', 'Asemakatu', 'Satamatie', 'Kuusikallio', 'Vaahterakuja', 'Niittytie', 'Harjukatu', 'Tervaspolku',
] as const

type HouseholdKind = 'single' | 'couple' | 'family' | 'single_parent' | 'elderly'
const KINDS: ReadonlyArray<readonly [HouseholdKind, number]> = [
  ['single', 22],
  ['couple', 18],
  ['family', 32],
  ['single_parent', 16],
  ['elderly', 12],
]

function pickKind(rng: Rng): HouseholdKind {
  let r = rng.next() * KINDS.reduce((s, [, w]) => s + w, 0)
  for (const [kind, w] of KINDS) if ((r -= w) < 0) return kind
  return 'single'
}

const yearsBefore = (date: LocalDate, years: number): LocalDate => {
  const y = Number(date.slice(0, 4)) - years
  const md = date.slice(5)
  return (parseLocalDate(`${y}-${md}`) ?? localDate(`${y}-02-28`)) as LocalDate
}

/**
 * Generates the population. Persons in a household share a home address; relations (spouse, guardians,
 * dependants, children) refer to each other by henkilötunnus.
 */
export function generateFixturePopulation(opts: FixturePopulationOptions): VtjPerson[] {
  const rng = new Rng(opts.seed ?? 1)
  const count = Math.max(0, Math.floor(opts.count ?? 100))
  const ref = localDate(opts.referenceDate)
  const muni = opts.municipality ?? DEMOLA
  const taken = new Set<string>()
  const isTaken = (h: string) => taken.has(h) || (opts.isTaken?.(h) ?? false)
  const persons: VtjPerson[] = []

  const allocate = (birth: LocalDate, sex: VtjSex): { hetu: string; birthDate: LocalDate } => {
    for (let shift = 0; shift < 366; shift++) {
      const day = addDays(birth, shift % 2 ? -Math.ceil(shift / 2) : shift / 2)
      for (let n = sex === 'male' ? 901 : 900; n <= 999; n += 2) {
        const hetu = makeTemporaryHetu(day, n)
        if (!isTaken(hetu)) {
          taken.add(hetu)
          return { hetu, birthDate: day }
        }
      }
    }
    throw new RangeError('Temporary henkilötunnus space exhausted')
  }
  const birthFor = (age: number): LocalDate => addDays(yearsBefore(ref, age + 1), rng.int(1, 364))
  const postalCode = () => {
    const from = Number(muni.postalCodes[0])
    const to = Number(muni.postalCodes[1])
    return String(from + 10 * rng.int(0, Math.floor((to - from) / 10))).padStart(5, '0')
  }
  const homeAddress = (): Omit<VtjAddress, 'kind'> => {
    const flat = rng.chance(0.55)
    const street = `${rng.pick(STREETS)} ${rng.int(1, flat ? 40 : 180)}${flat ? ` ${'ABC'[rng.int(0, 2)]} ${rng.int(1, 40)}` : ''}`
    return { street, postalCode: postalCode(), postOffice: muni.name.toUpperCase(), municipalityCode: muni.code }
  }
  const boxAddress = (): Omit<VtjAddress, 'kind'> => {
    const code = postalCode()
    return { street: `PL ${rng.int(10, 999)}`, postalCode: `${code.slice(0, 4)}1`, postOffice: muni.name.toUpperCase() }
  }
  const firstNames = (sex: VtjSex) => {
    const pool: readonly string[] = sex === 'male' ? MALE : FEMALE
    const a = rng.pick(pool)
    let b = rng.pick(pool)
    if (b === a) b = pool[(pool.indexOf(a) + 1) % pool.length] as string
    return rng.chance(0.2) ? a : `${a} ${b}`
  }
  const newPerson = (sex: VtjSex, age: number, lastName: string): VtjPerson => {
    const { hetu, birthDate } = allocate(birthFor(age), sex)
    const names = firstNames(sex)
    return {
      hetu,
      firstNames: names,
      lastName,
      birthDate,
      sex,
      nativeLanguage: rng.chance(0.9) ? 'fi' : rng.chance(0.6) ? 'sv' : rng.pick(['ru', 'et', 'ar', 'so', 'uk']),
      municipalityCode: muni.code,
      municipalityName: muni.name,
      turvakielto: false,
      addresses: [],
      guardians: [],
      dependants: [],
      children: [],
      nationalities: ['246'],
      maritalStatus: 'unmarried',
    }
  }

  let household = 0
  while (persons.length < count) {
    const h = household++
    // Fixed slots make sure even a small population has turvakielto households and deceased persons.
    const forcedTurva = h === 1 || h === 6
    const forcedDeath = h === 3 || h === 8
    let kind: HouseholdKind = forcedDeath ? 'elderly' : h === 1 ? 'single_parent' : pickKind(rng)
    if (h === 0) kind = 'family'
    const turva = forcedTurva || (h > 8 && rng.chance(0.01))
    const surname = rng.pick(SURNAMES)
    const members: VtjPerson[] = []
    const adults: VtjPerson[] = []
    const kids: VtjPerson[] = []
    const sexOf = (p = 0.5): VtjSex => (rng.chance(p) ? 'female' : 'male')

    switch (kind) {
      case 'single':
        adults.push(newPerson(sexOf(), rng.int(19, 64), surname))
        break
      case 'elderly':
        adults.push(newPerson(sexOf(0.65), rng.int(70, 96), surname))
        break
      case 'couple':
      case 'family': {
        const a1 = rng.int(kind === 'family' ? 27 : 22, kind === 'family' ? 50 : 75)
        const first = sexOf()
        adults.push(newPerson(first, a1, surname))
        const second: VtjSex = rng.chance(0.97) ? (first === 'male' ? 'female' : 'male') : first
        adults.push(newPerson(second, Math.max(20, a1 + rng.int(-4, 4)), rng.chance(0.7) ? surname : rng.pick(SURNAMES)))
        if (kind === 'family') {
          const youngest = Math.min(...adults.map((a) => Number(ref.slice(0, 4)) - Number(a.birthDate.slice(0, 4))))
          const n = rng.int(1, 3)
          for (let i = 0; i < n; i++) kids.push(newPerson(sexOf(0.49), rng.int(0, Math.min(17, youngest - 20)), surname))
        }
        break
      }
      case 'single_parent': {
        const age = rng.int(24, 48)
        adults.push(newPerson(sexOf(0.85), age, surname))
        const n = rng.int(1, 2)
        for (let i = 0; i < n; i++) kids.push(newPerson(sexOf(0.49), rng.int(0, Math.min(17, age - 20)), surname))
        break
      }
    }
    members.push(...adults, ...kids)

    // --- addresses: the current home, the previous one for adults (address history)
    const home = homeAddress()
    const oldestKidBirth = kids.length ? kids.map((k) => k.birthDate).sort()[0] : undefined
    const movedIn = addDays(ref, -rng.int(60, 12 * 365))
    const contact = turva ? boxAddress() : undefined
    for (const p of members) {
      const from = p.birthDate > movedIn ? p.birthDate : movedIn
      p.addresses.push({ kind: 'permanent', ...home, validFrom: from })
      if (adults.includes(p) && from > addDays(p.birthDate, 18 * 366)) {
        p.addresses.unshift({ kind: 'permanent', ...homeAddress(), validFrom: addDays(from, -rng.int(400, 3000)), validUntil: addDays(from, -1) })
      }
      if (contact) {
        p.turvakielto = true
        p.turvakieltoUntil = addDays(ref, rng.int(200, 1500))
        p.addresses.push({ kind: 'contact', ...contact, validFrom: from })
      }
    }
    if (kind === 'single' && !turva && rng.chance(0.25)) {
      const p = adults[0] as VtjPerson
      p.addresses.push({ kind: 'temporary', ...homeAddress(), validFrom: addDays(ref, -rng.int(30, 300)), validUntil: addDays(ref, rng.int(30, 300)) })
    }

    // --- relations
    if (adults.length === 2 && (kind === 'couple' || kind === 'family')) {
      const [a, b] = adults as [VtjPerson, VtjPerson]
      if (rng.chance(0.65)) {
        const since = oldestKidBirth && oldestKidBirth < movedIn ? addDays(oldestKidBirth, -rng.int(100, 900)) : addDays(movedIn, -rng.int(0, 900))
        a.spouse = { hetu: b.hetu, firstNames: b.firstNames, lastName: b.lastName, birthDate: b.birthDate, validFrom: since }
        b.spouse = { hetu: a.hetu, firstNames: a.firstNames, lastName: a.lastName, birthDate: a.birthDate, validFrom: since }
        a.maritalStatus = 'married'
        b.maritalStatus = 'married'
      }
    }
    if (kind === 'single_parent') (adults[0] as VtjPerson).maritalStatus = rng.chance(0.5) ? 'divorced' : 'unmarried'
    for (const kid of kids) {
      const until = addDays(yearsBefore(kid.birthDate, -18), -1)
      for (const parent of adults) {
        kid.guardians.push({ hetu: parent.hetu, firstNames: parent.firstNames, lastName: parent.lastName, birthDate: parent.birthDate, validFrom: kid.birthDate, validUntil: until })
        parent.dependants.push({ hetu: kid.hetu, firstNames: kid.firstNames, lastName: kid.lastName, birthDate: kid.birthDate, validFrom: kid.birthDate, validUntil: until })
        parent.children.push({ hetu: kid.hetu, firstNames: kid.firstNames, lastName: kid.lastName, birthDate: kid.birthDate })
      }
    }

    // --- deaths (an elderly person living alone)
    if (kind === 'elderly') {
      const p = adults[0] as VtjPerson
      p.maritalStatus = 'widowed'
      if (forcedDeath || rng.chance(0.08)) {
        p.deathDate = addDays(ref, -rng.int(5, 700))
        p.deceased = true
      }
    }
    persons.push(...members)
  }
  return persons
}

import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sql } from 'kysely'
import { bicForFinnishIban, foldForSearch, isValidFinnishIban, parseHetu } from '@huoma/domain'
import { openDatabase, type Database } from '../src/db/database'
import { migrateToLatest } from '../src/db/migrate'
import {
  DEMOLA_MUNICIPALITY,
  HetuAllocator,
  HetuSet,
  ageOn,
  generatePopulation,
  insertPopulation,
  type GeneratedHousehold,
  type HouseholdKind,
  type PopulationOptions,
} from '../src/seed/population'
import { Random, WeightedTable } from '../src/seed/names'
import { databaseKinds, scratchDatabase, type ScratchDatabase } from './helpers/databases'

const REF = '2026-11-22'

function counterIds(): () => string {
  let n = 0
  return () => `00000000-0000-4000-8000-${(++n).toString(16).padStart(12, '0')}`
}

function generate(opts: PopulationOptions): GeneratedHousehold[] {
  return [...generatePopulation({ referenceDate: REF, ...opts })]
}

describe('names: deterministic random helpers', () => {
  it('the same seed gives the same sequence; weights are respected', () => {
    const a = new Random(42)
    const b = new Random(42)
    expect(Array.from({ length: 5 }, () => a.next())).toEqual(Array.from({ length: 5 }, () => b.next()))
    const table = new WeightedTable([
      ['rare', 1],
      ['common', 9],
    ] as const)
    const r = new Random(7)
    let common = 0
    for (let i = 0; i < 10_000; i++) if (table.pick(r) === 'common') common++
    expect(common).toBeGreaterThan(8500)
    expect(common).toBeLessThan(9500)
  })
})

describe('generatePopulation', () => {
  it('is deterministic by seed', () => {
    const one = generate({ count: 2000, seed: 99, newId: counterIds() })
    const two = generate({ count: 2000, seed: 99, newId: counterIds() })
    const other = generate({ count: 2000, seed: 100, newId: counterIds() })
    expect(two).toEqual(one)
    expect(other.map((h) => h.persons.map((p) => p.hetu))).not.toEqual(one.map((h) => h.persons.map((p) => p.hetu)))
  })

  it.each([1, 2, 3, 7, 300, 1001])('produces exactly %i persons', (count) => {
    const persons = generate({ count, seed: count }).flatMap((h) => h.persons)
    expect(persons).toHaveLength(count)
  })

  describe('over 50 000 persons', () => {
    let households: GeneratedHousehold[]
    beforeAll(() => {
      households = generate({ count: 50_000, seed: 2026 })
    })
    const persons = () => households.flatMap((h) => h.persons)

    it('every henkilötunnus is valid, temporary (900–999), unique and agrees with birth date and sex', () => {
      const problems: string[] = []
      const seen = new Set<string>()
      for (const p of persons()) {
        const parsed = parseHetu(p.hetu)
        if (!parsed.ok) problems.push(`${p.hetu}: ${parsed.error}`)
        else if (
          parsed.value.hetu !== p.hetu ||
          !parsed.value.temporary ||
          parsed.value.birthDate !== p.birth_date ||
          parsed.value.sexHint !== p.sex
        ) {
          problems.push(`${p.hetu}: does not match ${p.birth_date} ${p.sex}`)
        }
        if (seen.has(p.hetu)) problems.push(`${p.hetu}: duplicate`)
        seen.add(p.hetu)
      }
      expect(problems).toEqual([])
      expect(seen.size).toBe(50_000)
      // the primary century signs carry almost everyone
      const primary = persons().filter((p) => p.hetu[6] === '-' || p.hetu[6] === 'A').length
      expect(primary / 50_000).toBeGreaterThan(0.99)
    })

    it('search_name is the folded "last_name first_names"; IBANs and BICs are valid; contacts look right', () => {
      const problems: string[] = []
      for (const p of persons()) {
        if (p.search_name !== foldForSearch(`${p.last_name} ${p.first_names}`)) problems.push(`search_name ${p.search_name}`)
        if (p.iban) {
          const bank = bicForFinnishIban(p.iban)
          if (!isValidFinnishIban(p.iban) || !bank.ok || bank.value.bic !== p.bic) problems.push(`iban ${p.iban} ${p.bic}`)
        } else if (p.bic !== null) problems.push(`bic without iban ${p.bic}`)
        if (p.email && !/^[a-z0-9]+\.[a-z0-9]+\d*@example\.(com|org|net)$/.test(p.email)) problems.push(`email ${p.email}`)
        if (p.phone && !/^\+358(4\d|50)\d{7}$/.test(p.phone)) problems.push(`phone ${p.phone}`)
      }
      expect(problems).toEqual([])
      expect(persons().filter((p) => p.iban).length).toBeGreaterThan(10_000)
    })

    it('households are consistent: members, ages by role, parents and guardians of children', () => {
      const adultAges: Record<HouseholdKind, [number, number]> = {
        single_young: [18, 34], single_middle: [35, 64], single_elderly: [65, 110], couple: [18, 75],
        elderly_couple: [60, 110], family: [18, 70], single_parent: [18, 60], adult_child: [18, 80],
      }
      const problems: string[] = []
      const fail = (h: GeneratedHousehold, what: string) => problems.push(`${h.kind} ${h.persons.map((p) => p.hetu).join(' ')}: ${what}`)
      const seenPersons = new Set<string>()
      for (const h of households) {
        const ids = new Set(h.persons.map((p) => p.id))
        const memberIds = h.members.map((m) => m.person_id)
        if (memberIds.length !== ids.size || !memberIds.every((id) => ids.has(id))) fail(h, 'members differ from persons')
        if (!h.members.every((m) => m.household_id === h.id)) fail(h, 'member of another household')
        for (const p of h.persons) {
          if (seenPersons.has(p.id)) fail(h, `${p.hetu} in two households`)
          seenPersons.add(p.id)
          if (p.municipality_code !== h.municipality_code) fail(h, 'municipality')
          if (h.addresses.filter((a) => a.person_id === p.id && a.kind === 'permanent').length !== 1) fail(h, `${p.hetu} permanent address`)
          if (p.turvakielto && !h.addresses.some((a) => a.person_id === p.id && a.kind === 'contact')) fail(h, `${p.hetu} turvakielto without contact address`)
        }
        for (const r of h.relations) {
          if (!ids.has(r.person_id) || !ids.has(r.related_id) || r.person_id === r.related_id) fail(h, `relation ${r.kind} outside the household`)
        }
        const byId = new Map(h.persons.map((p) => [p.id, p]))
        const childIds = new Set(h.relations.filter((r) => r.kind === 'parent').map((r) => r.person_id))
        for (const p of h.persons) {
          const age = ageOn(p.birth_date, REF)
          if (age < 0) fail(h, `${p.hetu} born after the reference date`)
          if (childIds.has(p.id)) {
            const parents = h.relations.filter((r) => r.person_id === p.id && r.kind === 'parent').map((r) => byId.get(r.related_id)!)
            for (const parent of parents) {
              if (ageOn(parent.birth_date, p.birth_date) < 17) fail(h, `${parent.hetu} too young to be the parent of ${p.hetu}`)
            }
            const guardians = h.relations.filter((r) => r.person_id === p.id && r.kind === 'guardian').length
            if (guardians !== (age < 18 ? parents.length : 0)) fail(h, `${p.hetu} has ${guardians} guardians`)
          } else {
            const [lo, hi] = adultAges[h.kind]
            if (age < lo || age > hi) fail(h, `${p.hetu} aged ${age}`)
          }
          if (age < 18 && !childIds.has(p.id)) fail(h, `minor ${p.hetu} without a parent in the household`)
        }
        if ((h.kind === 'family' || h.kind === 'single_parent') && !h.persons.some((p) => ageOn(p.birth_date, REF) < 18)) {
          fail(h, 'no children')
        }
        for (const r of h.relations.filter((r) => r.kind === 'spouse' || r.kind === 'cohabitant')) {
          if (!h.relations.some((s) => s.kind === r.kind && s.person_id === r.related_id && s.related_id === r.person_id)) fail(h, `one-way ${r.kind}`)
        }
      }
      expect(problems.slice(0, 20)).toEqual([])
      expect(seenPersons.size).toBe(50_000)
    })

    it('has a realistic mix of languages, household kinds and turvakielto', () => {
      const all = persons()
      const share = (f: (p: (typeof all)[number]) => boolean) => all.filter(f).length / all.length
      expect(share((p) => p.service_language === 'sv')).toBeGreaterThan(0.03)
      expect(share((p) => p.service_language === 'sv')).toBeLessThan(0.08)
      expect(share((p) => p.native_language !== 'fi' && p.native_language !== 'sv')).toBeGreaterThan(0.05)
      expect(share((p) => p.native_language !== 'fi' && p.native_language !== 'sv')).toBeLessThan(0.12)
      expect(share((p) => p.turvakielto)).toBeGreaterThan(0.0005)
      expect(share((p) => p.turvakielto)).toBeLessThan(0.01)
      expect(new Set(households.map((h) => h.kind)).size).toBe(8)
      expect(all.some((p) => /[åäöÅÄÖ]/.test(p.last_name))).toBe(true)
    })
  })

  it('a 300-person demo population in Demola is varied and has at least 3 under turvakielto', () => {
    const hs = generate({ count: 300, seed: 2026, municipalities: [DEMOLA_MUNICIPALITY] })
    const persons = hs.flatMap((h) => h.persons)
    expect(persons).toHaveLength(300)
    expect(persons.every((p) => p.municipality_code === '999')).toBe(true)
    expect(persons.filter((p) => p.turvakielto).length).toBeGreaterThanOrEqual(3)
    expect(new Set(hs.map((h) => h.kind)).size).toBe(8)
    expect(persons.some((p) => p.service_language === 'sv')).toBe(true)
    expect(persons.some((p) => !['fi', 'sv'].includes(p.native_language))).toBe(true)
    expect(hs.flatMap((h) => h.addresses).every((a) => a.post_office === 'DEMOLA')).toBe(true)
  })

  it.each([100, 150, 1000])('guarantees 3 turvakielto persons at count %i even with rate 0', (count) => {
    const persons = generate({ count, seed: 5, turvakieltoRate: 0 }).flatMap((h) => h.persons)
    expect(persons.filter((p) => p.turvakielto).length).toBeGreaterThanOrEqual(3)
  })

  it('skips reserved henkilötunnus', () => {
    const first = generate({ count: 5000, seed: 1 }).flatMap((h) => h.persons.map((p) => p.hetu))
    const reserved = new HetuSet()
    for (const h of first) reserved.add(h)
    expect(reserved.size).toBe(5000)
    const second = generate({ count: 5000, seed: 1, reservedHetus: reserved }).flatMap((h) => h.persons.map((p) => p.hetu))
    expect(second.some((h) => reserved.has(h))).toBe(false)
    expect(new Set([...first, ...second]).size).toBe(10_000)
  })
})

describe('HetuAllocator', () => {
  const day = Date.UTC(1990, 0, 1) / 86_400_000
  it('uses 50 numbers per sex under "-", then the other 1900s signs, then moves the date within the window', () => {
    const a = new HetuAllocator()
    const got = Array.from({ length: 301 }, () => a.allocate(day, 'male', day, day + 1))
    expect(new Set(got.map((g) => g.hetu)).size).toBe(301)
    expect(got[0]!.hetu.slice(0, 10)).toBe('010190-901')
    // 010190-999W and 010190Y999W are both handed out: the century sign is part of the identity
    expect(got[49]!.hetu).toBe('010190-999W')
    expect(got[99]!.hetu).toBe('010190Y999W')
    expect(got.slice(0, 50).every((g) => g.hetu[6] === '-')).toBe(true)
    expect(got.slice(50, 100).every((g) => g.hetu[6] === 'Y')).toBe(true)
    expect(got.slice(250, 300).every((g) => g.hetu[6] === 'U')).toBe(true)
    expect(got[300]!.day).toBe(day + 1)
    expect(got.every((g) => parseHetu(g.hetu).ok && Number(g.hetu.slice(7, 10)) % 2 === 1)).toBe(true)
    const women = Array.from({ length: 100 }, () => a.allocate(day, 'female').hetu)
    expect(women[0]!.slice(0, 10)).toBe('010190-900')
    expect(women[49]!.slice(0, 10)).toBe('010190-998')
    expect(women[99]!.slice(0, 10)).toBe('010190Y998')
  })

  it('2000s dates use A first, then B–F; throws when the window is exhausted', () => {
    const d = Date.UTC(2010, 5, 15) / 86_400_000
    const a = new HetuAllocator()
    const got = Array.from({ length: 300 }, () => a.allocate(d, 'female').hetu)
    expect(got[0]!.slice(6, 10)).toBe('A900')
    expect(got[299]!.slice(6, 10)).toBe('F998')
    expect(() => a.allocate(d, 'female')).toThrow(RangeError)
  })
})

// ---------------------------------------------------------------------------------------------------------------
// Writing to the databases
// ---------------------------------------------------------------------------------------------------------------

const kinds = await databaseKinds()

describe.each(kinds)('insertPopulation on %s', (kind) => {
  let scratch: ScratchDatabase
  let database: Database

  beforeAll(async () => {
    scratch = await scratchDatabase(kind)
    database = await openDatabase({ databaseUrl: scratch.databaseUrl, dataDir: scratch.dataDir })
    await migrateToLatest(database.db)
  })
  afterAll(async () => {
    await database?.close()
    await scratch?.drop()
  })

  const count = async (table: string) =>
    (await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(table)}`.execute(database.db)).rows[0]!.n

  it('writes 2 000 persons with households, addresses, relations and members', async () => {
    const progress: number[] = []
    const result = await insertPopulation(database, {
      count: 2000,
      seed: 11,
      databaseUrl: scratch.databaseUrl,
      chunkSize: 700,
      onProgress: (p) => progress.push(p.persons),
      progressIntervalMs: 0,
    })
    expect(result.method).toBe(kind === 'postgresql' ? 'copy' : 'unnest')
    expect(result.persons).toBe(2000)
    expect(await count('person')).toBe(2000)
    expect(await count('household')).toBe(result.households)
    expect(await count('household_member')).toBe(2000)
    expect(await count('person_address')).toBe(result.addresses)
    expect(await count('person_relation')).toBe(result.relations)
    expect(result.rows).toBe(result.persons + result.households + result.addresses + result.relations + result.householdMembers)
    expect(progress.at(-1)).toBe(2000)

    const persons = await database.db.selectFrom('person').select(['hetu', 'first_names', 'last_name', 'search_name', 'turvakielto', 'birth_date']).execute()
    expect(persons.every((p) => p.search_name === foldForSearch(`${p.last_name} ${p.first_names}`))).toBe(true)
    expect(persons.some((p) => p.search_name !== `${p.last_name} ${p.first_names}`.toLowerCase())).toBe(true) // something was folded
    expect(persons.every((p) => parseHetu(p.hetu!).ok)).toBe(true)
    expect(persons.filter((p) => p.turvakielto).length).toBe(result.turvakielto)
    expect(persons.filter((p) => p.turvakielto).length).toBeGreaterThanOrEqual(3)
    expect(persons.every((p) => /^\d{4}-\d{2}-\d{2}$/.test(p.birth_date!))).toBe(true)
  })

  it('can run again on a populated database without henkilötunnus collisions (same seed)', async () => {
    const result = await insertPopulation(database, { count: 1500, seed: 11, databaseUrl: scratch.databaseUrl, onProgress: false })
    expect(result.reservedHetus).toBe(2000)
    expect(await count('person')).toBe(3500)
    const distinct = await sql<{ n: number }>`SELECT count(DISTINCT hetu)::int AS n FROM person`.execute(database.db)
    expect(distinct.rows[0]!.n).toBe(3500)
    // default seed (from the person count) also works
    const third = await insertPopulation(database, { count: 10, onProgress: false })
    expect(third.seed).not.toBe(11)
    expect(await count('person')).toBe(3510)
  })

  it('the unnest path works on this database too', async () => {
    const result = await insertPopulation(database, { count: 300, seed: 12, method: 'unnest', onProgress: false, batchRows: 97 })
    expect(result.method).toBe('unnest')
    expect(await count('person')).toBe(3810)
  })
})

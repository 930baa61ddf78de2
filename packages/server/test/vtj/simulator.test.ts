import { describe, expect, it } from 'vitest'
import { localDate, parseHetu } from '@huoma/domain'
import {
  generateFixturePopulation,
  parsePersonQueryResponse,
  buildPersonQueryRequest,
  vtjPersonsFromRegistry,
  VtjPurposeRequiredError,
  VtjSimulator,
  type VtjPerson,
  type VtjQueryResult,
} from '../../src/integrations/vtj'
import { validateEnvelope } from './helpers'

const REF = '2026-03-01'
const NOW = new Date('2026-03-01T09:00:00Z')
const ctx = { purpose: 'Asiakkuuden avaaminen', userId: 'sosiaalityontekija' }
const newSim = (extra: ConstructorParameters<typeof VtjSimulator>[0] = {}) =>
  new VtjSimulator({ seed: 11, count: 80, referenceDate: REF, now: () => NOW, ...extra })

const found = (r: VtjQueryResult): VtjPerson => {
  if (r.status !== 'found') throw new Error(`expected found, got ${JSON.stringify(r)}`)
  return r.person
}

/** A demo person as Huoma's seed writes it (column names of the person, address and relation tables). */
const demoRows = () => ({
  persons: [
    { id: 'p1', hetu: '150585-902R', first_names: 'Aino Maria', last_name: 'Demolainen', calling_name: 'Aino', birth_date: '1985-05-15', sex: 'female', native_language: 'fi', marital_status: 'married', municipality_code: '999', turvakielto: false },
    { id: 'p2', hetu: '020283-905H', first_names: 'Pekka', last_name: 'Demolainen', calling_name: null, birth_date: new Date(1983, 1, 2), sex: 'male', native_language: 'fi', marital_status: 'married', municipality_code: '999', turvakielto: false },
    { id: 'c1', hetu: '100315A902U', first_names: 'Helmi', last_name: 'Demolainen', calling_name: 'Helmi', birth_date: '2015-03-10', sex: 'female', native_language: 'fi', marital_status: 'unmarried', municipality_code: '999', turvakielto: false },
  ],
  addresses: [
    { person_id: 'p1', kind: 'permanent', street: 'Demolankatu 1 A 2', postal_code: '99100', post_office: 'DEMOLA', municipality_code: '999', country: 'FI', valid_from: '2015-01-01', valid_until: null },
    { person_id: 'p2', kind: 'permanent', street: 'Demolankatu 1 A 2', postal_code: '99100', post_office: 'DEMOLA', municipality_code: '999', country: 'FI', valid_from: '2015-01-01', valid_until: null },
    { person_id: 'c1', kind: 'permanent', street: 'Demolankatu 1 A 2', postal_code: '99100', post_office: 'DEMOLA', municipality_code: '999', country: 'FI', valid_from: '2015-03-10', valid_until: null },
    { person_id: 'p2', kind: 'temporary', street: 'Rue X 1', postal_code: '75001', post_office: 'PARIS', country: 'FR', valid_from: null, valid_until: null },
  ],
  relations: [
    { person_id: 'p1', related_id: 'p2', kind: 'spouse', valid_from: '2012-06-01', valid_until: null },
    { person_id: 'p2', related_id: 'p1', kind: 'spouse', valid_from: '2012-06-01', valid_until: null },
    { person_id: 'c1', related_id: 'p1', kind: 'parent', valid_from: '2015-03-10', valid_until: null },
    { person_id: 'c1', related_id: 'p2', kind: 'parent', valid_from: '2015-03-10', valid_until: null },
    { person_id: 'c1', related_id: 'p1', kind: 'guardian', valid_from: '2015-03-10', valid_until: '2033-03-10' },
    { person_id: 'c1', related_id: 'p2', kind: 'guardian', valid_from: '2015-03-10', valid_until: '2033-03-10' },
    { person_id: 'p1', related_id: 'p2', kind: 'cohabitant', valid_from: '2010-01-01', valid_until: null },
  ],
})

describe('fixture population', () => {
  const persons = generateFixturePopulation({ seed: 11, count: 80, referenceDate: REF })
  const byHetu = new Map(persons.map((p) => [p.hetu, p]))

  it('is deterministic for a seed and differs between seeds', () => {
    expect(generateFixturePopulation({ seed: 11, count: 80, referenceDate: REF })).toEqual(persons)
    expect(generateFixturePopulation({ seed: 12, count: 80, referenceDate: REF }).map((p) => p.hetu)).not.toEqual(persons.map((p) => p.hetu))
  })

  it('has only valid, unique temporary codes (900–999) whose parity matches the recorded sex', () => {
    expect(persons.length).toBeGreaterThanOrEqual(80)
    expect(byHetu.size).toBe(persons.length)
    for (const p of persons) {
      const parsed = parseHetu(p.hetu)
      expect(parsed.ok && parsed.value.temporary).toBe(true)
      if (parsed.ok) {
        expect(parsed.value.birthDate).toBe(p.birthDate)
        expect(parsed.value.sexHint).toBe(p.sex)
      }
    }
  })

  it('has families whose guardian, dependant and child links agree in both directions', () => {
    const children = persons.filter((p) => p.guardians.length > 0)
    expect(children.length).toBeGreaterThan(5)
    for (const child of children) {
      for (const g of child.guardians) {
        const guardian = byHetu.get(g.hetu)
        expect(guardian?.dependants.map((d) => d.hetu)).toContain(child.hetu)
        expect(guardian?.children.map((d) => d.hetu)).toContain(child.hetu)
        expect(g.validUntil && g.validUntil > child.birthDate).toBe(true)
      }
    }
    const married = persons.filter((p) => p.spouse)
    expect(married.length).toBeGreaterThan(2)
    for (const p of married) expect(byHetu.get(p.spouse?.hetu ?? '')?.spouse?.hetu).toBe(p.hetu)
  })

  it('has a few persons under turvakielto, each with a contact address, and a few deceased persons', () => {
    const protectedPersons = persons.filter((p) => p.turvakielto)
    expect(protectedPersons.length).toBeGreaterThanOrEqual(2)
    for (const p of protectedPersons) {
      expect(p.addresses.some((a) => a.kind === 'contact' && a.street.startsWith('PL '))).toBe(true)
      expect(p.turvakieltoUntil && p.turvakieltoUntil > REF).toBe(true)
    }
    const dead = persons.filter((p) => p.deathDate)
    expect(dead.length).toBeGreaterThanOrEqual(2)
    for (const p of dead) expect(p.deathDate && p.deathDate < REF).toBe(true)
  })

  it('has address histories: adults with an ended earlier permanent address', () => {
    const withHistory = persons.filter((p) => p.addresses.filter((a) => a.kind === 'permanent').length > 1)
    expect(withHistory.length).toBeGreaterThan(5)
    for (const p of withHistory) {
      const [old, current] = p.addresses.filter((a) => a.kind === 'permanent') as [NonNullable<VtjPerson['addresses'][0]>, NonNullable<VtjPerson['addresses'][0]>]
      expect(old.validUntil).toBeDefined()
      expect(old.validUntil && current.validFrom && old.validUntil < current.validFrom).toBe(true)
      expect(current.validUntil).toBeUndefined()
    }
  })

  it('the simulator default (no reference date) gives the same codes on any day', () => {
    const a = new VtjSimulator({ count: 10, now: () => new Date('2026-05-05T12:00:00Z') }).list()
    const b = new VtjSimulator({ count: 10, now: () => new Date('2031-12-24T12:00:00Z') }).list()
    expect(b).toEqual(a)
  })

  it('skips codes that are taken', () => {
    const taken = new Set(persons.slice(0, 10).map((p) => p.hetu))
    const other = generateFixturePopulation({ seed: 11, count: 80, referenceDate: REF, isTaken: (h) => taken.has(h) })
    expect(other.some((p) => taken.has(p.hetu))).toBe(false)
  })
})

describe('VtjSimulator.queryPerson', () => {
  it('finds a person, logs the query with its purpose, user and request id', async () => {
    const sim = newSim()
    const [first] = sim.list({ origin: 'generated' })
    const result = await sim.queryPerson(first!.hetu, { ...ctx, requestId: 'req-7' })
    expect(found(result).hetu).toBe(first!.hetu)
    expect(result).toMatchObject({ extractedAt: '2026-03-01T11:00:00' })
    expect(sim.queryLog).toEqual([{ hetu: first!.hetu, purpose: 'Asiakkuuden avaaminen', userId: 'sosiaalityontekija', requestId: 'req-7', at: NOW, outcome: 'found' }])
  })

  it('normalises the code (lower case, spaces) and answers not_found for an unknown valid code', async () => {
    const sim = newSim()
    const [first] = sim.list()
    expect(found(await sim.queryPerson(` ${first!.hetu.toLowerCase()} `, ctx)).hetu).toBe(first!.hetu)
    expect(await sim.queryPerson('010190-999W', ctx)).toEqual({ status: 'not_found' })
    expect(sim.queryLog.map((e) => e.outcome)).toEqual(['found', 'not_found'])
  })

  it('an invalid code is an invalid_hetu error and no query (nothing logged)', async () => {
    const sim = newSim()
    for (const bad of ['131052-308U', '010190-999', 'hello', '', '290201A902D']) {
      expect(await sim.queryPerson(bad, ctx)).toEqual({ status: 'error', code: 'invalid_hetu' })
    }
    expect(sim.queryLog).toEqual([])
  })

  it('refuses a query without a purpose or without a user, before logging anything', async () => {
    const sim = newSim()
    const [first] = sim.list()
    await expect(sim.queryPerson(first!.hetu, { purpose: '', userId: 'u' })).rejects.toBeInstanceOf(VtjPurposeRequiredError)
    await expect(sim.queryPerson(first!.hetu, { purpose: '   ', userId: 'u' })).rejects.toThrow(/purpose/)
    await expect(sim.queryPerson(first!.hetu, { userId: 'u' } as never)).rejects.toThrow(VtjPurposeRequiredError)
    await expect(sim.queryPerson(first!.hetu, undefined as never)).rejects.toThrow(VtjPurposeRequiredError)
    await expect(sim.queryPerson(first!.hetu, { purpose: 'x', userId: ' ' })).rejects.toThrow(/userId/)
    await expect(sim.queryPerson(first!.hetu, { purpose: 'x'.repeat(201), userId: 'u' })).rejects.toThrow(RangeError)
    expect(sim.queryLog).toEqual([])
    // every logged query carries a purpose
    await sim.queryPerson(first!.hetu, ctx)
    expect(sim.queryLog.every((e) => e.purpose.trim().length > 0 && e.userId.length > 0)).toBe(true)
  })

  it('discloses no protected data under turvakielto, only the contact address', async () => {
    const sim = newSim()
    const hetu = sim.list().find((p) => p.turvakielto)!.hetu
    const stored = sim.peek(hetu)!
    expect(stored.addresses.some((a) => a.kind === 'permanent')).toBe(true)
    const person = found(await sim.queryPerson(hetu, ctx))
    expect(person.turvakielto).toBe(true)
    expect(person.addresses.map((a) => a.kind)).toEqual(['contact'])
    expect(person.municipalityCode).toBeUndefined()
    expect(person.municipalityName).toBeUndefined()
    const permanent = stored.addresses.find((a) => a.kind === 'permanent')!
    expect(JSON.stringify(person)).not.toContain(permanent.street)
  })

  it('discloses only current addresses and custody relations', async () => {
    const sim = newSim()
    const withHistory = sim.list().map((p) => sim.peek(p.hetu)!).find((p) => !p.turvakielto && p.addresses.filter((a) => a.kind === 'permanent').length > 1)!
    const person = found(await sim.queryPerson(withHistory.hetu, ctx))
    expect(person.addresses.filter((a) => a.kind === 'permanent')).toHaveLength(1)
    expect(person.addresses.every((a) => !a.validUntil || a.validUntil >= REF)).toBe(true)

    sim.addPerson({
      hetu: '010101A900R', firstNames: 'Aikuinen', lastName: 'Lapsi', birthDate: localDate('2001-01-01'), turvakielto: false, addresses: [],
      guardians: [{ hetu: '010170-902L', validFrom: localDate('2001-01-01'), validUntil: localDate('2018-12-31') }], dependants: [], children: [],
    })
    expect(found(await sim.queryPerson('010101A900R', ctx)).guardians).toEqual([])
  })

  it('a deceased person is found with the date of death', async () => {
    const sim = newSim()
    const dead = sim.list().find((p) => p.deceased)!
    const person = found(await sim.queryPerson(dead.hetu, ctx))
    expect(person.deceased).toBe(true)
    expect(person.deathDate! < REF).toBe(true)
  })

  it('staged refusals and their clearing', async () => {
    const sim = newSim()
    const [first] = sim.list()
    sim.simulateRefusal(first!.hetu, 'not_disclosable')
    expect(await sim.queryPerson(first!.hetu, ctx)).toEqual({ status: 'error', code: 'not_disclosable' })
    sim.simulateRefusal(first!.hetu, null)
    expect((await sim.queryPerson(first!.hetu, ctx)).status).toBe('found')
    expect(sim.queryLog.map((e) => e.outcome)).toEqual(['not_disclosable', 'found'])
  })

  it('returns copies: changing an answer does not change the register', async () => {
    const sim = newSim()
    const [first] = sim.list()
    const a = found(await sim.queryPerson(first!.hetu, ctx))
    a.lastName = 'Muutettu'
    a.addresses.length = 0
    const b = found(await sim.queryPerson(first!.hetu, ctx))
    expect(b.lastName).not.toBe('Muutettu')
    expect(b.addresses.length).toBeGreaterThan(0)
  })
})

describe('included persons (mirroring Huoma) and addPerson', () => {
  it('maps Huoma rows: relations both ways, no cohabitant, no foreign address, Date columns', () => {
    const [aino, pekka, helmi] = vtjPersonsFromRegistry(demoRows())
    expect(aino).toMatchObject({ hetu: '150585-902R', callingName: 'Aino', sex: 'female', maritalStatus: 'married', municipalityCode: '999', municipalityName: 'Demola', spouse: { hetu: '020283-905H', validFrom: '2012-06-01' } })
    expect(aino?.dependants).toEqual([{ hetu: '100315A902U', firstNames: 'Helmi', lastName: 'Demolainen', birthDate: '2015-03-10', validFrom: '2015-03-10', validUntil: '2033-03-10' }])
    expect(aino?.children.map((c) => c.hetu)).toEqual(['100315A902U'])
    expect(pekka?.birthDate).toBe('1983-02-02')
    expect(pekka?.addresses.map((a) => a.kind)).toEqual(['permanent'])
    expect(helmi?.guardians.map((g) => g.hetu)).toEqual(['150585-902R', '020283-905H'])
  })

  it('holds the included persons next to generated ones that Huoma does not have, without collisions', async () => {
    const included = vtjPersonsFromRegistry(demoRows())
    const sim = newSim({ persons: included })
    expect(sim.size).toBe(included.length + sim.list({ origin: 'generated' }).length)
    expect(sim.list({ origin: 'included' }).map((p) => p.hetu)).toEqual(['150585-902R', '020283-905H', '100315A902U'])
    const generated = new Set(sim.list({ origin: 'generated' }).map((p) => p.hetu))
    for (const p of included) expect(generated.has(p.hetu)).toBe(false)
    const helmi = found(await sim.queryPerson('100315A902U', ctx))
    expect(helmi.guardians.map((g) => g.hetu)).toEqual(['150585-902R', '020283-905H'])
    expect(helmi.addresses).toEqual([{ kind: 'permanent', street: 'Demolankatu 1 A 2', postalCode: '99100', postOffice: 'DEMOLA', municipalityCode: '999', validFrom: '2015-03-10' }])
  })

  it('addPerson rejects duplicates and invalid codes', () => {
    const sim = newSim({ count: 5 })
    const [first] = sim.list()
    expect(() => sim.addPerson({ ...sim.peek(first!.hetu)! })).toThrow(/already/)
    expect(() => sim.addPerson({ ...sim.peek(first!.hetu)!, hetu: '131052-308U' })).toThrow(/Invalid/)
    sim.addPerson({ ...sim.peek(first!.hetu)!, hetu: '010190-999W' })
    expect(sim.has('010190-999w')).toBe(true)
  })

  it('count 0 gives only the included persons', () => {
    expect(newSim({ count: 0, persons: vtjPersonsFromRegistry(demoRows()) }).size).toBe(3)
  })
})

describe('VtjSimulator hooks and the change feed', () => {
  const adultWithoutProtection = (sim: VtjSimulator) =>
    sim.list().map((p) => sim.peek(p.hetu)!).find((p) => !p.turvakielto && !p.deceased && p.birthDate < '2000-01-01')!

  it('starts empty; the cursor only moves forward', async () => {
    const sim = newSim()
    expect(await sim.changesSince(null, 10)).toEqual({ changes: [], nextCursor: '100000000', upToDate: true })
    expect(sim.cursor).toBe('100000000')
    await expect(sim.changesSince('abc', 10)).rejects.toThrow(/cursor/)
    await expect(sim.changesSince(null, 0)).rejects.toThrow(/limit/)
  })

  it('address change: the register and the feed (new address added, old one ended)', async () => {
    const sim = newSim()
    const p = adultWithoutProtection(sim)
    const oldHome = p.addresses.find((a) => a.kind === 'permanent' && !a.validUntil)!
    const cursor = sim.cursor
    sim.simulateAddressChange(p.hetu, { street: 'Uusitie 17 A 2', postalCode: '99150', postOffice: 'DEMOLA' }, '2026-02-15')
    const person = found(await sim.queryPerson(p.hetu, ctx))
    expect(person.addresses.filter((a) => a.kind === 'permanent')).toEqual([
      { kind: 'permanent', street: 'Uusitie 17 A 2', postalCode: '99150', postOffice: 'DEMOLA', municipalityCode: '999', validFrom: '2026-02-15' },
    ])
    const page = await sim.changesSince(cursor, 10)
    expect(page.upToDate).toBe(true)
    expect(page.nextCursor).toBe(sim.cursor)
    expect(page.changes).toHaveLength(1)
    expect(page.changes[0]).toMatchObject({ hetu: p.hetu, changedAt: NOW.toISOString() })
    expect(page.changes[0]?.groups).toEqual([
      { type: 'address', action: 'added', kind: 'permanent', withheldFields: [], address: { kind: 'permanent', street: 'Uusitie 17 A 2', postalCode: '99150', postOffice: 'DEMOLA', validFrom: '2026-02-15' } },
      { type: 'address', action: 'changed', kind: 'permanent', withheldFields: [], address: { kind: 'permanent', street: oldHome.street, postalCode: oldHome.postalCode, postOffice: oldHome.postOffice, validFrom: oldHome.validFrom, validUntil: '2026-02-14' } },
    ])
  })

  it('a move to another municipality changes the kotikunta too', async () => {
    const sim = newSim()
    const p = adultWithoutProtection(sim)
    const cursor = sim.cursor
    sim.simulateAddressChange(p.hetu, { street: 'Hämeenkatu 1', postalCode: '33100', postOffice: 'TAMPERE', municipalityCode: '837' }, '2026-02-01')
    expect(found(await sim.queryPerson(p.hetu, ctx))).toMatchObject({ municipalityCode: '837' })
    const groups = (await sim.changesSince(cursor, 10)).changes[0]?.groups
    expect(groups?.at(-1)).toEqual({ type: 'municipality', action: 'added', municipalityCode: '837', since: '2026-02-01' })
  })

  it('death', async () => {
    const sim = newSim()
    const p = adultWithoutProtection(sim)
    const cursor = sim.cursor
    sim.simulateDeath(p.hetu, '2026-02-20')
    expect(found(await sim.queryPerson(p.hetu, ctx))).toMatchObject({ deceased: true, deathDate: '2026-02-20' })
    expect((await sim.changesSince(cursor, 10)).changes[0]?.groups).toEqual([{ type: 'death', action: 'added', deceased: true, deathDate: '2026-02-20' }])
  })

  it('turvakielto on: the query and the feed withhold the address; off: both give it again', async () => {
    const sim = newSim()
    const p = adultWithoutProtection(sim)
    const home = p.addresses.find((a) => a.kind === 'permanent' && !a.validUntil)!
    const cursor = sim.cursor
    expect(sim.simulateTurvakielto(p.hetu, true, '2031-03-01')).toBe(true)
    expect(sim.simulateTurvakielto(p.hetu, true)).toBe(false)
    const hidden = found(await sim.queryPerson(p.hetu, ctx))
    expect(hidden).toMatchObject({ turvakielto: true, turvakieltoUntil: '2031-03-01' })
    expect(hidden.addresses.filter((a) => a.kind === 'permanent')).toEqual([])
    expect(hidden.municipalityCode).toBeUndefined()

    // A move while protected: nothing of the new address reaches the feed or the answer.
    sim.simulateAddressChange(p.hetu, { street: 'Salainen polku 3', postalCode: '99170', postOffice: 'DEMOLA' }, '2026-02-25')
    expect(JSON.stringify(await sim.queryPerson(p.hetu, ctx))).not.toContain('Salainen')

    expect(sim.simulateTurvakielto(p.hetu, false)).toBe(true)
    const page = await sim.changesSince(cursor, 10)
    expect(page.changes.map((c) => c.groups.map((g) => g.type))).toEqual([['turvakielto', 'address'], ['address'], ['turvakielto', 'address', 'municipality']])
    const [on, moved, off] = page.changes
    expect(on?.groups).toEqual([
      { type: 'turvakielto', action: 'added', active: true, until: '2031-03-01' },
      { type: 'address', action: 'changed', kind: 'permanent', withheldFields: expect.arrayContaining(['katunimi', 'postinumero']) },
    ])
    expect(JSON.stringify(moved)).not.toContain('Salainen')
    expect(JSON.stringify([on, moved])).not.toContain(home.street)
    expect(JSON.stringify([on, moved])).not.toContain(home.postalCode)
    expect(off?.groups[0]).toEqual({ type: 'turvakielto', action: 'changed', active: false, until: '2026-03-01' })
    expect(off?.groups[1]).toMatchObject({ type: 'address', address: { street: 'Salainen polku 3', postalCode: '99170' } })
    expect(off?.groups[2]).toEqual({ type: 'municipality', action: 'info', municipalityCode: '999' })
    const visible = found(await sim.queryPerson(p.hetu, ctx))
    expect(visible.turvakielto).toBe(false)
    expect(visible.addresses.find((a) => a.kind === 'permanent')?.street).toBe('Salainen polku 3')
  })

  it('turvakielto off for a generated protected person: the contact address ends, the home address shows', async () => {
    const sim = newSim()
    const hetu = sim.list().find((p) => p.turvakielto)!.hetu
    sim.simulateTurvakielto(hetu, false)
    const person = found(await sim.queryPerson(hetu, ctx))
    expect(person.addresses.map((a) => a.kind)).toContain('permanent')
    expect(person.municipalityCode).toBe('999')
  })

  it('name change: HENKILON_NIMI and history; references in relatives follow', async () => {
    const sim = newSim()
    const child = sim.list().map((p) => sim.peek(p.hetu)!).find((p) => p.guardians.length > 0 && !p.turvakielto)!
    const parentHetu = child.guardians[0]!.hetu
    const cursor = sim.cursor
    sim.simulateNameChange(parentHetu, { lastName: 'Uusinimi' }, '2026-02-10')
    sim.simulateNameChange(parentHetu, { lastName: 'Uusinimi' }, '2026-02-11') // no change, no document
    expect(found(await sim.queryPerson(parentHetu, ctx)).lastName).toBe('Uusinimi')
    expect(sim.peek(child.hetu)!.guardians.find((g) => g.hetu === parentHetu)?.lastName).toBe('Uusinimi')
    const page = await sim.changesSince(cursor, 10)
    expect(page.changes).toHaveLength(1)
    expect(page.changes[0]?.groups[0]).toMatchObject({ type: 'name', action: 'changed', lastName: 'Uusinimi', validFrom: '2026-02-10' })
    expect(page.changes[0]?.groups.slice(1)).toMatchObject([
      { type: 'name_history', action: 'added', nameKind: 'NYKYINEN_SUKUNIMI', name: 'Uusinimi' },
      { type: 'name_history', action: 'changed', nameKind: 'EDELLINEN_SUKUNIMI', validUntil: '2026-02-09' },
    ])
  })

  it('henkilötunnus correction: the old code is passivated and names the new one', async () => {
    const sim = newSim()
    const p = adultWithoutProtection(sim)
    const cursor = sim.cursor
    const newHetu = p.sex === 'male' ? '010190-999W' : '010190-998V'
    expect(parseHetu(newHetu).ok).toBe(true)
    sim.simulateHetuCorrection(p.hetu, newHetu)
    expect(await sim.queryPerson(p.hetu, ctx)).toEqual({ status: 'error', code: 'passivated', returnCode: '0002', activeHetu: newHetu })
    expect(found(await sim.queryPerson(newHetu, ctx)).firstNames).toBe(p.firstNames)
    const [change] = (await sim.changesSince(cursor, 10)).changes
    expect(change?.hetu).toBe(p.hetu)
    expect(change?.groups[0]).toEqual({ type: 'hetu_correction', action: 'added', validity: 'active', changedHetu: newHetu, activeHetu: newHetu, previousHetus: [p.hetu] })
    expect(() => sim.addPerson({ ...p })).toThrow(/already/)
  })

  it('hooks refuse unknown persons', () => {
    const sim = newSim({ count: 3 })
    expect(() => sim.simulateDeath('010190-999W', '2026-01-01')).toThrow(RangeError)
    expect(() => sim.simulateTurvakielto('nonsense', true)).toThrow(RangeError)
    expect(() => sim.simulateAddressChange(sim.list()[0]!.hetu, { street: 'x 1', postalCode: '99100', postOffice: 'D' }, 'not a date')).toThrow(RangeError)
  })

  it('pages by limit and cursor, filters by hetulista while the cursor still moves', async () => {
    const sim = newSim()
    const people = sim.list().filter((p) => !p.deceased).slice(0, 5)
    for (const p of people) sim.simulateDeath(p.hetu, '2026-02-01')
    const first = await sim.changesSince(null, 2)
    expect(first.changes.map((c) => c.hetu)).toEqual(people.slice(0, 2).map((p) => p.hetu))
    expect(first.upToDate).toBe(false)
    const second = await sim.changesSince(first.nextCursor, 2)
    expect(second.changes.map((c) => c.hetu)).toEqual(people.slice(2, 4).map((p) => p.hetu))
    const third = await sim.changesSince(second.nextCursor, 2)
    expect(third.changes.map((c) => c.hetu)).toEqual([people[4]!.hetu])
    expect(third.upToDate).toBe(true)
    expect(await sim.changesSince(third.nextCursor, 2)).toEqual({ changes: [], nextCursor: third.nextCursor, upToDate: true })

    const filtered = await sim.changesSince(null, 10, { hetus: [people[3]!.hetu] })
    expect(filtered.changes.map((c) => c.hetu)).toEqual([people[3]!.hetu])
    expect(filtered.nextCursor).toBe(sim.cursor)
  })

  it('seedDemoChanges changes included persons: address, name, turvakielto on and off, death (never a child)', async () => {
    const included = vtjPersonsFromRegistry(demoRows())
    const adult = (hetu: string, firstNames: string, extra: Partial<VtjPerson> = {}): VtjPerson => ({
      hetu, firstNames, lastName: 'Lisä', birthDate: parseHetu(hetu).ok ? (parseHetu(hetu) as { value: { birthDate: VtjPerson['birthDate'] } }).value.birthDate : localDate('1970-01-01'),
      turvakielto: false, addresses: [{ kind: 'permanent', street: 'Lisäkatu 1', postalCode: '99110', postOffice: 'DEMOLA', municipalityCode: '999' }], guardians: [], dependants: [], children: [], ...extra,
    })
    const extra = [
      adult('050575-904S', 'Suojattu', { turvakielto: true, turvakieltoUntil: localDate('2030-01-01'), addresses: [{ kind: 'contact', street: 'PL 5', postalCode: '99101', postOffice: 'DEMOLA' }] }),
      adult('070750-9036', 'Vanhin'),
      adult('080860-906A', 'Keski'),
    ]
    const sim = newSim({ persons: [...included, ...extra] })
    const done = sim.seedDemoChanges('2026-02-27')
    // Sorted by code: 020283-905H Pekka, 050575-904S Suojattu, 070750-9036 Vanhin, 080860-906A Keski, 100315A902U Helmi (child), 150585-902R Aino
    expect(done).toEqual([
      { hetu: '020283-905H', change: 'address' },
      { hetu: '070750-9036', change: 'name' },
      { hetu: '080860-906A', change: 'turvakielto_on' },
      { hetu: '050575-904S', change: 'turvakielto_off' },
      { hetu: '150585-902R', change: 'death' },
    ])
    const page = await sim.changesSince(null, 100)
    expect(page.changes.map((c) => c.hetu)).toEqual(done.map((d) => d.hetu))
    expect(found(await sim.queryPerson('150585-902R', ctx)).deathDate).toBe('2026-02-25')
    expect(found(await sim.queryPerson('100315A902U', ctx)).deceased).toBeUndefined()
  })
})

describe('VtjSimulator wire protocols', () => {
  const xroad = {
    client: { instance: 'FI-TEST', memberClass: 'MUN', memberCode: '1234567-8', subsystemCode: 'huoma' },
    service: { instance: 'FI-TEST', memberClass: 'GOV', memberCode: '0245437-2', subsystemCode: 'VTJkysely', serviceCode: 'HenkilonTunnusKysely', serviceVersion: 'v1' },
  }

  it('answers a SOAP request with a schema-valid response and logs the purpose from the issue header', async () => {
    const sim = newSim()
    const hetu = sim.list().find((p) => p.turvakielto)!.hetu
    const response = await sim.handleSoapRequest(buildPersonQueryRequest({ hetu, purpose: 'Lastensuojeluilmoitus', endUser: 'u-9', requestId: 'r-9', xroad }))
    expect((await validateEnvelope(response)).errors).toEqual([])
    const person = found(parsePersonQueryResponse(response))
    expect(person.addresses.map((a) => a.kind)).toEqual(['contact'])
    expect(sim.queryLog).toEqual([{ hetu, purpose: 'Lastensuojeluilmoitus', userId: 'u-9', requestId: 'r-9', at: NOW, outcome: 'found' }])
  })

  it('answers not found, -1904 for a request without end user or purpose, and a fault for garbage', async () => {
    const sim = newSim()
    const nf = await sim.handleSoapRequest(buildPersonQueryRequest({ hetu: '010190-999W', purpose: 'p', endUser: 'u', requestId: 'r', xroad }))
    expect(parsePersonQueryResponse(nf)).toEqual({ status: 'not_found' })
    const noPurpose = buildPersonQueryRequest({ hetu: '010190-999W', purpose: 'p', endUser: 'u', requestId: 'r', xroad }).replace('<xrd:issue>p</xrd:issue>', '<xrd:issue></xrd:issue>')
    expect(parsePersonQueryResponse(await sim.handleSoapRequest(noPurpose))).toMatchObject({ status: 'error', code: 'invalid_request', returnCode: '-1904' })
    expect(parsePersonQueryResponse(await sim.handleSoapRequest('<nonsense'))).toMatchObject({ status: 'error', code: 'soap_fault' })
    expect(sim.queryLog.map((e) => e.outcome)).toEqual(['not_found'])
  })

  it('serves kirjausavain and muutokset in the DVV shape', () => {
    const times = ['2026-02-27T10:00:00Z', '2026-02-28T10:00:00Z', '2026-03-01T09:00:00Z']
    let i = 0
    const sim = new VtjSimulator({ seed: 11, count: 20, referenceDate: REF, now: () => new Date(times[Math.min(i, 2)]!) })
    const people = sim.list().filter((p) => !p.deceased)
    for (const p of people.slice(0, 3)) {
      sim.simulateDeath(p.hetu, '2026-02-01')
      i++
    }
    expect(sim.handleKirjausavain('2026-02-28')).toEqual({ viimeisinKirjausavain: 100000001 })
    expect(sim.handleKirjausavain('2026-02-01')).toEqual({ viimeisinKirjausavain: 100000000 })
    const res = sim.handleMuutokset({ viimeisinKirjausavain: 100000001, hetulista: [] })
    expect(res.viimeisinKirjausavain).toBe(100000003)
    expect(res.ajanTasalla).toBe(true)
    expect(res.muutokset.map((m) => m.henkilotunnus)).toEqual(people.slice(1, 3).map((p) => p.hetu))
    expect(res.muutokset[0]).toEqual({
      henkilotunnus: people[1]!.hetu,
      muutospv: '2026-02-28T10:00:00.000Z',
      tietoryhmat: [{ tietoryhma: 'KUOLINPAIVA', muutosattribuutti: 'LISATTY', kuollut: true, kuolinpv: { arvo: '2026-02-01', tarkkuus: 'PAIVA' } }],
    })
  })
})

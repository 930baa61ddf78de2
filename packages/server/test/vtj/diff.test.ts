import { describe, expect, it } from 'vitest'
import { localDate } from '@huoma/domain'
import { diffPerson, VtjSimulator, type VtjPerson } from '../../src/integrations/vtj'

const base: VtjPerson = {
  hetu: '150585-902R',
  firstNames: 'Aino Maria',
  lastName: 'Demolainen',
  birthDate: localDate('1985-05-15'),
  sex: 'female',
  nativeLanguage: 'fi',
  municipalityCode: '999',
  turvakielto: false,
  residenceCode: '1034567890A1B002',
  maritalStatus: 'married',
  spouse: { hetu: '020283-905H' },
  addresses: [
    { kind: 'permanent', street: 'Vanhakatu 3', postalCode: '99110', postOffice: 'DEMOLA', validFrom: localDate('2010-01-01'), validUntil: localDate('2014-12-31') },
    { kind: 'permanent', street: 'Demolankatu 1 A 2', postalCode: '99100', postOffice: 'DEMOLA', municipalityCode: '999', validFrom: localDate('2015-01-01') },
  ],
  guardians: [],
  dependants: [{ hetu: '100315A902U' }],
  children: [{ hetu: '100315A902U' }],
  nationalities: ['246'],
}
const clone = (): VtjPerson => structuredClone(base)

describe('diffPerson', () => {
  it('nothing changed', () => {
    expect(diffPerson(base, clone())).toEqual([])
  })

  it('ignores extra spaces, the case of the address and the order of relations', () => {
    const after = clone()
    after.firstNames = ' Aino  Maria '
    after.addresses[1] = { ...after.addresses[1]!, street: 'DEMOLANKATU 1  A 2', postOffice: 'Demola' }
    after.children = [{ hetu: '100315a902u' }]
    expect(diffPerson(base, after)).toEqual([])
  })

  it('a name change and a move', () => {
    const after = clone()
    after.lastName = 'Uusinimi'
    after.addresses[1]!.validUntil = localDate('2026-02-14')
    after.addresses.push({ kind: 'permanent', street: 'Uusitie 17 A 2', postalCode: '99150', postOffice: 'DEMOLA', validFrom: localDate('2026-02-15') })
    after.residenceCode = '1034567899A1B017'
    expect(diffPerson(base, after)).toEqual([
      { field: 'lastName', before: 'Demolainen', after: 'Uusinimi' },
      { field: 'residenceCode', before: '1034567890A1B002', after: '1034567899A1B017' },
      { field: 'address', kind: 'permanent', before: base.addresses[1], after: after.addresses[2] },
    ])
  })

  it('a move seen on a given date (validity instead of open-endedness)', () => {
    const after = clone()
    after.addresses.push({ kind: 'temporary', street: 'Mökkitie 5', postalCode: '99190', postOffice: 'DEMOLA', validFrom: localDate('2026-06-01'), validUntil: localDate('2026-08-31') })
    expect(diffPerson(base, after, { on: localDate('2026-03-01') })).toEqual([])
    expect(diffPerson(base, after, { on: localDate('2026-07-01') })).toEqual([{ field: 'address', kind: 'temporary', before: null, after: after.addresses[2] }])
  })

  it('death', () => {
    const after = { ...clone(), deathDate: localDate('2026-02-20'), deceased: true }
    expect(diffPerson(base, after)).toEqual([
      { field: 'deathDate', before: null, after: '2026-02-20' },
      { field: 'deceased', before: false, after: true },
    ])
  })

  it('turvakielto on: the withheld address, municipality and residence code are not reported as removed', () => {
    const after: VtjPerson = {
      ...clone(),
      turvakielto: true,
      turvakieltoUntil: localDate('2031-03-01'),
      municipalityCode: undefined,
      residenceCode: undefined,
      addresses: [{ kind: 'contact', street: 'PL 5', postalCode: '99101', postOffice: 'DEMOLA' }],
    }
    delete after.municipalityCode
    delete after.residenceCode
    expect(diffPerson(base, after)).toEqual([
      { field: 'turvakielto', before: false, after: true },
      { field: 'turvakieltoUntil', before: null, after: '2031-03-01' },
      { field: 'address', kind: 'contact', before: null, after: after.addresses[0] },
    ])
  })

  it('turvakielto off: the address shows again and counts as a change if it differs', () => {
    const before: VtjPerson = { ...clone(), turvakielto: true, addresses: [{ kind: 'contact', street: 'PL 5', postalCode: '99101', postOffice: 'DEMOLA' }] }
    delete before.municipalityCode
    const after = clone()
    const changes = diffPerson(before, after)
    expect(changes.map((c) => (c.field === 'address' ? `address.${c.kind}` : c.field))).toEqual(['municipalityCode', 'turvakielto', 'address.permanent', 'address.contact'])
  })

  it('guardians, dependants, children and nationality lists report what was added and removed', () => {
    const after = clone()
    after.dependants = []
    after.children = [{ hetu: '100315A902U' }, { hetu: '010120A905J' }]
    after.nationalities = ['246', '752']
    expect(diffPerson(base, after)).toEqual([
      { field: 'dependants', added: [], removed: ['100315A902U'] },
      { field: 'children', added: ['010120A905J'], removed: [] },
      { field: 'nationalities', added: ['752'], removed: [] },
    ])
  })

  it('a partial registry snapshot compared on chosen fields', () => {
    const snapshot = { hetu: base.hetu, firstNames: 'Aino', lastName: 'Demolainen', turvakielto: false }
    expect(diffPerson(snapshot, clone(), { fields: ['firstNames', 'lastName', 'turvakielto', 'deceased'] })).toEqual([
      { field: 'firstNames', before: 'Aino', after: 'Aino Maria' },
    ])
    // Without a field list, everything the snapshot lacks counts as empty.
    expect(diffPerson(snapshot, clone()).map((c) => c.field)).toContain('municipalityCode')
  })

  it('with the simulator: refresh after hooks shows exactly what changed', async () => {
    const sim = new VtjSimulator({ seed: 5, count: 30, referenceDate: '2026-03-01', now: () => new Date('2026-03-01T09:00:00Z') })
    const ctx = { purpose: 'Tietojen päivitys', userId: 'u' }
    const hetu = sim.list().find((p) => !p.turvakielto && !p.deceased && p.birthDate < '2000-01-01')!.hetu
    const before = await sim.queryPerson(hetu, ctx)
    sim.simulateNameChange(hetu, { firstNames: 'Uusi Etunimi' }, '2026-02-01')
    sim.simulateAddressChange(hetu, { street: 'Siirtokatu 4', postalCode: '99140', postOffice: 'DEMOLA' }, '2026-02-01')
    const after = await sim.queryPerson(hetu, ctx)
    if (before.status !== 'found' || after.status !== 'found') throw new Error('not found')
    expect(diffPerson(before.person, after.person).map((c) => (c.field === 'address' ? `address.${c.kind}` : c.field))).toEqual(['firstNames', 'address.permanent'])
  })
})

import { describe, expect, it } from 'vitest'
import { ChangeFeedError, parseChangeFeed, parseKirjausavain, type VtjChange, type VtjChangeGroup } from '../../src/integrations/vtj'
import { fixture } from './helpers'

interface Samples {
  _responseEnvelope: { viimeisinKirjausavain: number; ajanTasalla: boolean }
  modificationsByKey: Record<string, unknown>
}
const samples = JSON.parse(fixture('muutosrajapinta-samples.json')) as Samples
const keys = Object.keys(samples.modificationsByKey)
/** The samples as one `POST muutokset` response, in file order. */
const envelope = {
  viimeisinKirjausavain: samples._responseEnvelope.viimeisinKirjausavain,
  muutokset: Object.values(samples.modificationsByKey),
  ajanTasalla: samples._responseEnvelope.ajanTasalla,
}
const feed = parseChangeFeed(JSON.stringify(envelope))
/** The mapped change of a sample (changes keep the order of the readable documents). */
const changeAt = (key: string): VtjChange => {
  const index = keys.indexOf(key)
  const change = feed.changes[index - feed.rejected.filter((r) => r.index < index).length]
  if (index < 0 || !change) throw new Error(`no change for ${key}`)
  return change
}
const groups = <T extends VtjChangeGroup['type']>(key: string, type: T) =>
  changeAt(key).groups.filter((g): g is Extract<VtjChangeGroup, { type: T }> => g.type === type)

describe('parseChangeFeed on muutosrajapinta-samples.json', () => {
  it('reads the envelope: key, up-to-date flag, 13 documents and one broken one rejected', () => {
    expect(feed.lastKey).toBe(100000022)
    expect(feed.upToDate).toBe(true)
    expect(envelope.muutokset).toHaveLength(14)
    expect(feed.changes).toHaveLength(13)
    expect(feed.rejected).toEqual([{ index: keys.indexOf('rikkinainen_tietue'), reason: 'henkilotunnus missing or malformed' }])
  })

  it('keeps a document whose code fails the check character, with a masked warning', () => {
    expect(changeAt('huoltaja').hetu).toBe('010118-9999')
    expect(feed.warnings).toEqual(['henkilötunnus 010118-**** fails validation (checksum)'])
  })

  it('name change: HENKILON_NIMI and the NIMENMUUTOS history', () => {
    expect(changeAt('nimenmuutos').hetu).toBe('010579-9999')
    expect(changeAt('nimenmuutos').changedAt).toBe('2019-09-24T21:00:00.000Z')
    expect(groups('nimenmuutos', 'name')).toEqual([{ type: 'name', action: 'changed', firstNames: 'Etunimi5_muutos', lastName: 'Sukunimi5', validFrom: '2019-09-25' }])
    expect(groups('nimenmuutos', 'name_history')).toEqual([
      { type: 'name_history', action: 'added', nameKind: 'NYKYINEN_ETUNIMI', name: 'Etunimi5_muutos', validFrom: '2019-09-25' },
      { type: 'name_history', action: 'changed', nameKind: 'EDELLINEN_ETUNIMI', name: 'Etunimi5', validFrom: '2019-09-25', validUntil: '2019-09-25' },
      { type: 'name_history', action: 'added', nameKind: 'NYKYINEN_ETUNIMI', name: 'Etunimi5_muutos', validFrom: '2019-09-25' },
      { type: 'name_history', action: 'changed', nameKind: 'EDELLINEN_ETUNIMI', name: 'Etunimi5', validFrom: '2019-09-25', validUntil: '2019-09-25' },
    ])
    expect(groups('010179-9992', 'name')).toEqual([{ type: 'name', action: 'changed', firstNames: 'Uusinimi', lastName: 'Urkki', validFrom: '2019-09-25' }])
  })

  it('turvakielto added: the address comes as withheld field names only', () => {
    expect(changeAt('020180-999Y').groups).toEqual([
      { type: 'turvakielto', action: 'added', active: true },
      {
        type: 'address',
        action: 'changed',
        kind: 'permanent',
        withheldFields: ['katunimi', 'katunumero', 'huoneistokirjain', 'huoneistonumero', 'jakokirjain', 'postinumero', 'postitoimipaikka', 'rakennustunnus', 'osoitenumero'],
      },
    ])
  })

  it('turvakielto removed: the address and municipality are given again', () => {
    expect(changeAt('030180-999L').groups).toEqual([
      { type: 'turvakielto', action: 'changed', active: false, until: '2030-01-01' },
      {
        type: 'address',
        action: 'changed',
        kind: 'permanent',
        withheldFields: [],
        address: { kind: 'permanent', street: 'Vanhakatu 10h5 3', streetSv: 'Gamlagatan 10h5 3', postalCode: '02230', postOffice: 'Espoo', postOfficeSv: 'Esbo', validFrom: '1986-06-02', validUntil: '2999-02-28' },
      },
      { type: 'municipality', action: 'info', municipalityCode: '049', since: '1986-06-02' },
    ])
  })

  it('death', () => {
    expect(changeAt('010180-999A').groups).toEqual([{ type: 'death', action: 'added', deceased: true, deathDate: '2019-07-30' }])
  })

  it('address change: the new address added, the old one ended, the residence code', () => {
    const [added, ended, residence] = changeAt('040180-9998').groups
    expect(added).toEqual({
      type: 'address',
      action: 'added',
      kind: 'permanent',
      withheldFields: [],
      address: { kind: 'permanent', street: 'Uusitie 17 A 2', streetSv: 'Nyvägen 17 A 2', postalCode: '02940', postOffice: 'ESPOO', postOfficeSv: 'ESBO', validFrom: '2020-10-01' },
    })
    expect(ended).toMatchObject({ action: 'changed', address: { street: 'Samatie 2 A 31', validFrom: '2018-03-01', validUntil: '2020-09-30' } })
    expect(residence).toEqual({ type: 'residence_code', action: 'added', residenceCode: '123456789V1B033', municipalityCode: '049', validFrom: '2020-10-12' })
  })

  it('custody: appointed and statutory guardians on both sides', () => {
    expect(groups('yksinhuoltaja-muutos', 'dependant')).toEqual([
      {
        type: 'dependant', action: 'added', dependant: { hetu: '010118-999A', firstNames: 'Etu', lastName: 'Suku' },
        guardianKind: 'appointed', role: 'mother', validFrom: '2020-09-08', validUntil: '2036-11-16', livesWith: 'AIDIN_LUONA',
      },
      {
        type: 'dependant', action: 'changed', dependant: { hetu: '010118-999A', firstNames: 'Etu', lastName: 'Suku' },
        guardianKind: 'statutory', role: 'mother', validFrom: '2018-11-16', validUntil: '2020-09-08', livesWith: 'AIDIN_LUONA',
      },
    ])
    expect(groups('huoltaja', 'guardian')).toEqual([
      {
        type: 'guardian', action: 'added', guardian: { hetu: '010579-9999', firstNames: 'Etu', lastName: 'Suku' },
        guardianKind: 'appointed', role: 'mother', validFrom: '2020-09-08', validUntil: '2036-11-16', livesWith: 'AIDIN_LUONA',
      },
    ])
    expect(groups('050180-999W', 'dependant')[0]).toMatchObject({ dependant: { hetu: '050118A999W' }, guardianKind: 'statutory', validFrom: '2020-10-01' })
    expect(groups('060118A999J', 'guardian')[0]).toMatchObject({ guardian: { hetu: '060180-999J' }, role: 'mother' })
  })

  it('henkilötunnus correction: active and passive codes', () => {
    expect(changeAt('010181-999K').groups).toEqual([
      { type: 'hetu_correction', action: 'added', validity: 'active', changedHetu: '010281-999C', activeHetu: '010281-999C', previousHetus: ['010181-999K'] },
      { type: 'hetu_correction', action: 'changed', validity: 'passive', changedHetu: '010118-9999', activeHetu: '010281-999C', previousHetus: ['010118-9999'] },
    ])
  })

  it('a child, and an unknown group kept as it came', () => {
    expect(changeAt('010170-123F').groups).toEqual([{ type: 'child', action: 'added', child: { hetu: '010120A123K' }, parentRole: 'father', ended: false }])
    expect(changeAt('tuntematon_muutos').groups).toEqual([{ type: 'unknown', action: 'added', group: 'JOKU_MUU', raw: { tietoryhma: 'JOKU_MUU', muutosattribuutti: 'LISATTY' } }])
  })

  it('accepts the parsed object as well as the JSON text', () => {
    expect(parseChangeFeed(envelope)).toEqual(feed)
  })
})

describe('parseChangeFeed defensiveness', () => {
  it('an unusable envelope throws (the cursor must not move)', () => {
    expect(() => parseChangeFeed('{')).toThrow(ChangeFeedError)
    expect(() => parseChangeFeed('[]')).toThrow(ChangeFeedError)
    expect(() => parseChangeFeed({ muutokset: [] })).toThrow(/viimeisinKirjausavain/)
    expect(() => parseChangeFeed({ viimeisinKirjausavain: '5', muutokset: [] })).toThrow(/viimeisinKirjausavain/)
    expect(() => parseChangeFeed({ viimeisinKirjausavain: 5 })).toThrow(/muutokset/)
  })

  it('bad documents are rejected one by one, odd groups never throw', () => {
    const parsed = parseChangeFeed({
      viimeisinKirjausavain: 7,
      ajanTasalla: false,
      muutokset: [
        null,
        'x',
        { henkilotunnus: '010190-999W' },
        { henkilotunnus: '010190-999w', muutospv: '2026-01-01T00:00:00Z', tietoryhmat: [null, 3, { tietoryhma: 'HUOLTAJA_SUPPEA' }, { tietoryhma: 'KUOLINPAIVA', kuolinpv: '2026-01-02' }, {}] },
      ],
    })
    expect(parsed.upToDate).toBe(false)
    expect(parsed.rejected.map((r) => r.index)).toEqual([0, 1, 2])
    expect(parsed.changes).toHaveLength(1)
    expect(parsed.changes[0]?.hetu).toBe('010190-999W')
    expect(parsed.changes[0]?.groups).toEqual([
      { type: 'unknown', action: 'unknown', group: 'HUOLTAJA_SUPPEA', raw: { tietoryhma: 'HUOLTAJA_SUPPEA' } },
      { type: 'death', action: 'unknown', deceased: true, deathDate: '2026-01-02' },
      { type: 'unknown', action: 'unknown', group: '(none)', raw: {} },
    ])
  })

  it('never reads address fields that are marked withheld, even if they came', () => {
    const parsed = parseChangeFeed({
      viimeisinKirjausavain: 1,
      ajanTasalla: true,
      muutokset: [
        {
          henkilotunnus: '010190-999W',
          muutospv: '2026-01-01T00:00:00Z',
          tietoryhmat: [
            { tietoryhma: 'VAKINAINEN_KOTIMAINEN_OSOITE', muutosattribuutti: 'MUUTETTU', turvakiellonAlaisetKentat: ['katunimi'], katunimi: { fi: 'Salainen tie' }, postinumero: '99110' },
            { tietoryhma: 'KOTIKUNTA', muutosattribuutti: 'MUUTETTU', turvakiellonAlaisetKentat: ['kuntakoodi'], kuntakoodi: '999' },
          ],
        },
      ],
    })
    expect(JSON.stringify(parsed.changes)).not.toMatch(/Salainen|99110|999"/)
  })

  it('parseKirjausavain', () => {
    expect(parseKirjausavain('{"viimeisinKirjausavain": 100000021}')).toBe(100000021)
    expect(() => parseKirjausavain('{}')).toThrow(ChangeFeedError)
  })
})

import { describe, expect, it } from 'vitest'
import { localDate } from '@huoma/domain'
import {
  buildPersonQueryRequest,
  buildPersonQueryResponse,
  mailingAddress,
  parsePersonQueryRequest,
  parsePersonQueryResponse,
  PALUUKOODIT,
  VtjSimulator,
  type PersonQueryRequestInput,
  type VtjPerson,
  type VtjQueryResult,
} from '../../src/integrations/vtj'
import { fixture, skeleton, validateEnvelope, validateEnvelopes, withoutHenkilo, withReturnCode, withValues } from './helpers'

const HETU = '010190-999W'

const REQUEST: PersonQueryRequestInput = {
  hetu: HETU,
  purpose: 'Asiakkuuden avaaminen: toimeentulotukihakemus',
  endUser: 'huoma:7f3e0c2a',
  requestId: 'req-1',
  xroad: {
    client: { instance: 'FI-TEST', memberClass: 'MUN', memberCode: '1234567-8', subsystemCode: 'huoma' },
    service: { instance: 'FI-TEST', memberClass: 'GOV', memberCode: '0245437-2', subsystemCode: 'VTJkysely', serviceCode: 'HenkilonTunnusKysely', serviceVersion: 'v1' },
  },
}

const found = (r: VtjQueryResult): VtjPerson => {
  if (r.status !== 'found') throw new Error(`expected found, got ${JSON.stringify(r)}`)
  return r.person
}

describe('fixtures', () => {
  it('the saved skeleton (henkilötunnus filled in) is a valid response envelope', async () => {
    const result = await validateEnvelope(skeleton(HETU))
    expect(result.errors).toEqual([])
    expect(result.valid).toBe(true)
  })

  it('the WSDL binds HenkilonTunnusKysely with the six X-Road headers the request carries', () => {
    const wsdl = fixture('service.wsdl')
    for (const part of ['clientField', 'id', 'issue', 'protocolVersion', 'serviceField', 'userId']) {
      expect(wsdl).toContain(`<soap:header message="tns:HenkilonTunnusKyselyRequest60_Headers" part="${part}" use="literal"/>`)
    }
    expect(wsdl).toContain('<wsdl:part name="HenkilonTunnusKysely" element="tns:HenkilonTunnusKysely"/>')
  })
})

describe('the XSD check itself', () => {
  it('rejects broken envelopes, and attributes errors to the right document of a batch', async () => {
    const good = buildPersonQueryRequest(REQUEST)
    const misspelt = good.replace(/vtj:Henkilotunnus>/g, 'vtj:Henkilotunus>')
    const unknownHeader = good.replace('<xrd:protocolVersion>', '<xrd:protokolla>x</xrd:protokolla><xrd:protocolVersion>')
    const badHetu = skeleton('320190-999W')
    const badDate = withValues(skeleton(HETU), { 'Henkilo/Kuolintiedot/Kuolinpvm': '2026-02-14' })
    const errors = await validateEnvelopes([good, misspelt, unknownHeader, badHetu, badDate])
    expect(errors[0]).toEqual([])
    for (const e of errors.slice(1)) expect(e.length).toBeGreaterThan(0)
  })
})

describe('buildPersonQueryRequest', () => {
  it('builds an envelope that is valid against query.xsd and xroad.xsd', async () => {
    const xml = buildPersonQueryRequest(REQUEST)
    const result = await validateEnvelope(xml)
    expect(result.errors).toEqual([])
    expect(result.valid).toBe(true)
  })

  it('puts the purpose in the X-Road issue header and the end user in userId and Loppukayttaja', () => {
    const parsed = parsePersonQueryRequest(buildPersonQueryRequest(REQUEST))
    expect(parsed).toMatchObject({
      hetu: HETU,
      soSoNimi: 'Perussanoma 3',
      endUser: 'huoma:7f3e0c2a',
      userId: 'huoma:7f3e0c2a',
      purpose: 'Asiakkuuden avaaminen: toimeentulotukihakemus',
      requestId: 'req-1',
      client: REQUEST.xroad.client,
      service: REQUEST.xroad.service,
    })
  })

  it('uses objectType MEMBER for a client without a subsystem and stays schema-valid', async () => {
    const xml = buildPersonQueryRequest({
      ...REQUEST,
      username: 'huoma-kayttaja',
      password: 'salainen & <sala>',
      billing: 'Demola/4100',
      xroad: { ...REQUEST.xroad, client: { instance: 'FI', memberClass: 'MUN', memberCode: '1234567-8' } },
    })
    expect(xml).toContain('id:objectType="MEMBER"')
    expect(xml).toContain('salainen &amp; &lt;sala&gt;')
    expect((await validateEnvelope(xml)).valid).toBe(true)
  })

  it('escapes markup and drops control characters in user-given text', async () => {
    const xml = buildPersonQueryRequest({ ...REQUEST, purpose: 'Selvitys <b>"kiireellinen"</b> & muu\u0007' })
    expect(xml).toContain('<xrd:issue>Selvitys &lt;b&gt;"kiireellinen"&lt;/b&gt; &amp; muu</xrd:issue>')
    expect((await validateEnvelope(xml)).valid).toBe(true)
  })

  it('refuses to build a request without a purpose, an end user or a request id', () => {
    expect(() => buildPersonQueryRequest({ ...REQUEST, purpose: '  ' })).toThrow(/purpose/)
    expect(() => buildPersonQueryRequest({ ...REQUEST, endUser: '' })).toThrow(/endUser/)
    expect(() => buildPersonQueryRequest({ ...REQUEST, requestId: '' })).toThrow(/requestId/)
  })
})

describe('parsePersonQueryResponse', () => {
  it('maps the skeleton: found, names empty, birth date from the code, nothing invented', () => {
    const person = found(parsePersonQueryResponse(skeleton(HETU)))
    expect(person).toEqual({
      hetu: HETU,
      firstNames: '',
      lastName: '',
      birthDate: '1990-01-01',
      turvakielto: false,
      addresses: [],
      guardians: [],
      dependants: [],
      children: [],
    })
  })

  const filled = () =>
    withValues(skeleton(HETU), {
      'Henkilo/NykyinenSukunimi/Sukunimi': 'Virtanen',
      'Henkilo/NykyisetEtunimet/Etunimet': 'Aino Maria',
      'Henkilo/VakinainenKotimainenLahiosoite/LahiosoiteS': 'Koivukuja 5 B 12',
      'Henkilo/VakinainenKotimainenLahiosoite/LahiosoiteR': 'Björkgränden 5 B 12',
      'Henkilo/VakinainenKotimainenLahiosoite/Postinumero': '99120',
      'Henkilo/VakinainenKotimainenLahiosoite/PostitoimipaikkaS': 'DEMOLA',
      'Henkilo/VakinainenKotimainenLahiosoite/PostitoimipaikkaR': 'DEMOLA',
      'Henkilo/VakinainenKotimainenLahiosoite/AsuminenAlkupvm': '20190301',
      'Henkilo/VakinainenAsuinpaikka/Asuinpaikantunnus': '103456789A1B012 ',
      'Henkilo/TilapainenKotimainenLahiosoite/LahiosoiteS': 'Opiskelijankatu 3 C 40',
      'Henkilo/TilapainenKotimainenLahiosoite/Postinumero': '33100',
      'Henkilo/TilapainenKotimainenLahiosoite/PostitoimipaikkaS': 'TAMPERE',
      'Henkilo/TilapainenKotimainenLahiosoite/AsuminenAlkupvm': '20250901',
      'Henkilo/TilapainenKotimainenLahiosoite/AsuminenLoppupvm': '20260531',
      'Henkilo/KotimainenPostiosoite/PostiosoiteS': 'PL 45',
      'Henkilo/KotimainenPostiosoite/Postinumero': '99101',
      'Henkilo/KotimainenPostiosoite/PostitoimipaikkaS': 'DEMOLA',
      'Henkilo/KotimainenPostiosoite/PostiosoiteAlkupvm': '20250101',
      'Henkilo/Kotikunta/Kuntanumero': '999',
      'Henkilo/Kotikunta/KuntaS': 'Demola',
      'Henkilo/Kotikunta/KuntasuhdeAlkupvm': '20190301',
      'Henkilo/Aidinkieli/Kielikoodi': 'fi',
      'Henkilo/Aidinkieli/KieliS': 'suomi',
      'Henkilo/Sukupuoli/Sukupuolikoodi': '2',
      'Henkilo/Edunvalvonta/Rajoituskoodi': '2',
      'Henkilo/Edunvalvonta/Alkupvm': '20200101',
      'Henkilo/Edunvalvonta/HenkiloEdunvalvoja/Henkilotunnus': '010170-902C',
      'Henkilo/Edunvalvonta/HenkiloEdunvalvoja/NykyinenSukunimi/Sukunimi': 'Edunvalvoja',
    })

  it('maps a filled-in answer: names, addresses with validity, municipality, language, sex, edunvalvonta', async () => {
    const xml = filled()
    expect((await validateEnvelope(xml)).valid).toBe(true)
    const person = found(parsePersonQueryResponse(xml))
    expect(person).toMatchObject({
      hetu: HETU,
      firstNames: 'Aino Maria',
      lastName: 'Virtanen',
      sex: 'female',
      nativeLanguage: 'fi',
      municipalityCode: '999',
      municipalityName: 'Demola',
      residenceCode: '103456789A1B012',
      turvakielto: false,
      guardianship: { restriction: 'partly_restricted', validFrom: '2020-01-01', guardians: [{ hetu: '010170-902C', lastName: 'Edunvalvoja' }], organisations: [] },
    })
    expect(person.addresses).toEqual([
      { kind: 'permanent', street: 'Koivukuja 5 B 12', streetSv: 'Björkgränden 5 B 12', postalCode: '99120', postOffice: 'DEMOLA', municipalityCode: '999', validFrom: '2019-03-01' },
      { kind: 'temporary', street: 'Opiskelijankatu 3 C 40', postalCode: '33100', postOffice: 'TAMPERE', validFrom: '2025-09-01', validUntil: '2026-05-31' },
      { kind: 'postal', street: 'PL 45', postalCode: '99101', postOffice: 'DEMOLA', validFrom: '2025-01-01' },
    ])
    // evaka's rule: a valid postal address first, then a valid temporary one, then the permanent one.
    expect(mailingAddress(person, localDate('2026-03-01'))?.street).toBe('PL 45')
    expect(mailingAddress({ ...person, addresses: person.addresses.filter((a) => a.kind !== 'postal') }, localDate('2026-03-01'))?.kind).toBe('temporary')
    expect(mailingAddress({ ...person, addresses: person.addresses.filter((a) => a.kind !== 'postal') }, localDate('2026-06-01'))?.kind).toBe('permanent')
  })

  it('turvakielto: no permanent or temporary address, municipality or residence code gets through; the postal address becomes the contact address', async () => {
    const xml = withValues(filled(), {
      'Henkilo/Turvakielto/TurvakieltoTieto': '1',
      'Henkilo/Turvakielto/TurvakieltoPaattymispvm': '20301231',
    })
    expect((await validateEnvelope(xml)).valid).toBe(true)
    const person = found(parsePersonQueryResponse(xml))
    expect(person.turvakielto).toBe(true)
    expect(person.turvakieltoUntil).toBe('2030-12-31')
    expect(person.addresses).toEqual([{ kind: 'contact', street: 'PL 45', postalCode: '99101', postOffice: 'DEMOLA', validFrom: '2025-01-01' }])
    expect(person.municipalityCode).toBeUndefined()
    expect(person.municipalityName).toBeUndefined()
    expect(person.residenceCode).toBeUndefined()
    const serialised = JSON.stringify(person)
    for (const leak of ['Koivukuja', 'Björkgränden', 'Opiskelijankatu', '99120', '33100', 'TAMPERE', '103456789A1B012', '"999"']) {
      expect(serialised).not.toContain(leak)
    }
    expect(mailingAddress(person, localDate('2026-03-01'))?.street).toBe('PL 45')
  })

  it('turvakielto with no contact address: no address at all', () => {
    const xml = withValues(filled(), { 'Henkilo/Turvakielto/TurvakieltoTieto': '1', 'Henkilo/KotimainenPostiosoite/PostiosoiteS': '', 'Henkilo/KotimainenPostiosoite/Postinumero': '', 'Henkilo/KotimainenPostiosoite/PostitoimipaikkaS': '' })
    const person = found(parsePersonQueryResponse(xml))
    expect(person.addresses).toEqual([])
    expect(mailingAddress(person, localDate('2026-03-01'))).toBeUndefined()
  })

  it('TurvakieltoTieto 0 or empty means no turvakielto', () => {
    expect(found(parsePersonQueryResponse(withValues(filled(), { 'Henkilo/Turvakielto/TurvakieltoTieto': '0' }))).turvakielto).toBe(false)
    expect(found(parsePersonQueryResponse(filled())).turvakielto).toBe(false)
  })

  it('deceased: Kuollut 1 with Kuolinpvm', async () => {
    const xml = withValues(filled(), { 'Henkilo/Kuolintiedot/Kuollut': '1', 'Henkilo/Kuolintiedot/Kuolinpvm': '20260214' })
    expect((await validateEnvelope(xml)).valid).toBe(true)
    const person = found(parsePersonQueryResponse(xml))
    expect(person.deceased).toBe(true)
    expect(person.deathDate).toBe('2026-02-14')
  })

  it('deceased without a date, and a declaration of death', () => {
    expect(found(parsePersonQueryResponse(withValues(filled(), { 'Henkilo/Kuolintiedot/Kuollut': '1' })))).toMatchObject({ deceased: true })
    const declared = found(parsePersonQueryResponse(withValues(filled(), { 'Henkilo/Kuolleeksijulistamistiedot/Kuolleeksijulistamispvm': '20240102' })))
    expect(declared).toMatchObject({ deceased: true, deathDate: '2024-01-02' })
    const alive = found(parsePersonQueryResponse(filled()))
    expect(alive.deceased).toBeUndefined()
    expect(alive.deathDate).toBeUndefined()
  })

  it('not found: paluukoodi 0001 and hakuperustePaluukoodi 0, without a Henkilo', async () => {
    const xml = withReturnCode(withoutHenkilo(skeleton(HETU)), '0001', 'Hakuperusteella ei löydy tietoja vtj:stä.', '0', HETU)
    expect((await validateEnvelope(xml)).valid).toBe(true)
    expect(parsePersonQueryResponse(xml)).toEqual({ status: 'not_found' })
    expect(parsePersonQueryResponse(withReturnCode(withoutHenkilo(skeleton(HETU)), '0006', '', '0', HETU))).toEqual({ status: 'not_found' })
    // hakuperustePaluukoodi 0 alone also means not found
    expect(parsePersonQueryResponse(withReturnCode(withoutHenkilo(skeleton(HETU)), '0000', '', '0', HETU))).toEqual({ status: 'not_found' })
  })

  const returnCodes: Array<[string, string]> = [
    ['0002', 'passivated'],
    ['0007', 'deceased'],
    ['0018', 'under_15'],
    ['0019', 'not_disclosable'],
    ['0003', 'unauthorized'],
    ['0005', 'invalid_request'],
    ['4242', 'unknown'],
  ]
  const withCode = (code: string) => withReturnCode(withoutHenkilo(skeleton(HETU)), code, PALUUKOODIT[code]?.text ?? 'Jotain', code === '0002' ? '2' : '4', HETU)
  it.each(returnCodes)('paluukoodi %s → error %s', (code, expected) => {
    expect(parsePersonQueryResponse(withCode(code))).toMatchObject({ status: 'error', code: expected, returnCode: code })
  })

  const faultCodes: Array<[string, string]> = [
    ['-1500', 'unauthorized'],
    ['-1505', 'billing'],
    ['-1904', 'invalid_request'],
    ['-1800', 'service_error'],
    ['-1906', 'service_error'],
    ['E42', 'soap_fault'],
  ]
  const withFault = (code: string) => withoutHenkilo(skeleton(HETU)).replace('<faultCode/>', `<faultCode>${code}</faultCode>`).replace('<faultString/>', '<faultString>virhe</faultString>')
  it.each(faultCodes)('adapter error %s in faultCode → error %s', (code, expected) => {
    expect(parsePersonQueryResponse(withFault(code))).toMatchObject({ status: 'error', code: expected, returnCode: code, message: 'virhe' })
  })

  it('the return-code and fault variations are themselves schema-valid answers', async () => {
    const errors = await validateEnvelopes([...returnCodes.map(([c]) => withCode(c)), ...faultCodes.map(([c]) => withFault(c))])
    expect(errors.flat()).toEqual([])
  })

  it('a passivated code with the active person: the active henkilötunnus is reported', () => {
    const xml = withReturnCode(skeleton('010281-999C'), '0002', 'passivoitu', '2', '010181-999K')
    expect(parsePersonQueryResponse(xml)).toMatchObject({ status: 'error', code: 'passivated', activeHetu: '010281-999C' })
  })

  it('SOAP faults and fault fields of the response', () => {
    const fault = `<?xml version="1.0"?><s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><s:Fault><faultcode>s:Server</faultcode><faultstring>Security server: service unavailable</faultstring></s:Fault></s:Body></s:Envelope>`
    expect(parsePersonQueryResponse(fault)).toMatchObject({ status: 'error', code: 'soap_fault', returnCode: 's:Server', message: 'Security server: service unavailable' })
    const inResponse = skeleton(HETU).replace('<faultCode/>', '<faultCode>VTJ-1</faultCode>').replace('<faultString/>', '<faultString>Internal</faultString>')
    expect(parsePersonQueryResponse(inResponse)).toMatchObject({ status: 'error', code: 'soap_fault', returnCode: 'VTJ-1', message: 'Internal' })
  })

  it('rejects what is not a VTJ answer: garbage, other envelopes, DTDs (no entity expansion)', () => {
    expect(parsePersonQueryResponse('not xml')).toMatchObject({ status: 'error', code: 'invalid_response' })
    expect(parsePersonQueryResponse('')).toMatchObject({ status: 'error', code: 'invalid_response' })
    expect(parsePersonQueryResponse('<a/>')).toMatchObject({ status: 'error', code: 'invalid_response' })
    expect(parsePersonQueryResponse('<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body/></s:Envelope>')).toMatchObject({ code: 'invalid_response' })
    const dtd = `<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">]>${skeleton(HETU).replace(/^<!--[\s\S]*?-->\s*/, '')}`
    expect(parsePersonQueryResponse(dtd)).toMatchObject({ status: 'error', code: 'invalid_response' })
    // A Henkilo whose henkilötunnus is not a code
    expect(parsePersonQueryResponse(skeleton(''))).toMatchObject({ status: 'error', code: 'invalid_response' })
  })

  it('reads tietojenPoimintaaika as Finnish local time', () => {
    const xml = skeleton(HETU).replace('tietojenPoimintaaika=""', 'tietojenPoimintaaika="20260301121530"')
    expect(parsePersonQueryResponse(xml)).toMatchObject({ status: 'found', extractedAt: '2026-03-01T12:15:30' })
  })
})

describe('buildPersonQueryResponse (the register side) round-trips through the parser', () => {
  const sim = new VtjSimulator({ seed: 7, count: 60, referenceDate: '2026-03-01', now: () => new Date('2026-03-01T08:00:00Z') })
  const ctx = { purpose: 'testi', userId: 'tester' }

  it('every simulated person renders schema-valid and maps back to what the simulator disclosed', async () => {
    const hetus = sim.list().map((p) => p.hetu)
    // Validate a family, a turvakielto person and a deceased person against the XSDs; map all of them back.
    const sample = new Set([hetus[0], sim.list().find((p) => p.turvakielto)?.hetu, sim.list().find((p) => p.deceased)?.hetu])
    const toValidate: string[] = []
    for (const hetu of hetus) {
      const result = await sim.queryPerson(hetu, ctx)
      const disclosed = found(result)
      const xml = buildPersonQueryResponse({ queriedHetu: hetu, result, at: new Date('2026-03-01T08:00:00Z') })
      if (sample.has(hetu)) toValidate.push(xml)
      const back = found(parsePersonQueryResponse(xml))
      // Perussanoma 3 carries no spouse, marital status or calling name, nor relation validity.
      // Only the permanent address carries the municipality (Kotikunta).
      const strip = (p: VtjPerson) => {
        const { spouse: _s, maritalStatus: _m, callingName: _c, ...rest } = p
        const refs = (list: VtjPerson['guardians']) => list.map((r) => ({ hetu: r.hetu, firstNames: r.firstNames, lastName: r.lastName, birthDate: r.birthDate }))
        const addresses = p.addresses.map(({ municipalityCode, ...a }) => (a.kind === 'permanent' && municipalityCode ? { ...a, municipalityCode } : a))
        return { ...rest, addresses, guardians: refs(p.guardians), dependants: refs(p.dependants), children: refs(p.children) }
      }
      expect(strip(back)).toEqual(strip(disclosed))
    }
    expect(toValidate).toHaveLength(3)
    expect((await validateEnvelopes(toValidate)).flat()).toEqual([])
  })

  it('renders not found, refusals and a passivated code with its successor', async () => {
    const rendered: string[] = []
    for (const [result, code] of [
      [{ status: 'not_found' }, '0001'],
      [{ status: 'error', code: 'not_disclosable' }, '0019'],
      [{ status: 'error', code: 'deceased' }, '0007'],
      [{ status: 'error', code: 'transport' }, '-1800'],
      [{ status: 'error', code: 'unauthorized' }, '-1500'],
    ] as Array<[VtjQueryResult, string]>) {
      const xml = buildPersonQueryResponse({ queriedHetu: HETU, result })
      rendered.push(xml)
      expect(xml).toContain(code.startsWith('-') ? `<faultCode>${code}</faultCode>` : `koodi="${code}"`)
      const back = parsePersonQueryResponse(xml)
      expect(back.status).toBe(result.status === 'not_found' ? 'not_found' : 'error')
    }
    const passive = buildPersonQueryResponse({ queriedHetu: '010181-999K', result: { status: 'error', code: 'passivated', activeHetu: '010281-999C' } })
    expect((await validateEnvelopes([...rendered, passive])).flat()).toEqual([])
    expect(parsePersonQueryResponse(passive)).toMatchObject({ status: 'error', code: 'passivated', activeHetu: '010281-999C' })
  })

  it('never renders a protected address, even when handed an unredacted person', async () => {
    const person: VtjPerson = {
      hetu: HETU,
      firstNames: 'Salainen',
      lastName: 'Henkilö',
      birthDate: localDate('1990-01-01'),
      turvakielto: true,
      municipalityCode: '999',
      municipalityName: 'Demola',
      residenceCode: '1234567890A1B002',
      addresses: [
        { kind: 'permanent', street: 'Piilokatu 1', postalCode: '99110', postOffice: 'DEMOLA' },
        { kind: 'contact', street: 'PL 9', postalCode: '99101', postOffice: 'DEMOLA' },
      ],
      guardians: [],
      dependants: [],
      children: [],
    }
    const xml = buildPersonQueryResponse({ queriedHetu: HETU, result: { status: 'found', person } })
    expect((await validateEnvelope(xml)).valid).toBe(true)
    for (const leak of ['Piilokatu', '99110', '1234567890A1B002', '<Kuntanumero>999']) expect(xml).not.toContain(leak)
    expect(xml).toContain('PL 9')
    expect(found(parsePersonQueryResponse(xml)).addresses).toEqual([{ kind: 'contact', street: 'PL 9', postalCode: '99101', postOffice: 'DEMOLA' }])
  })
})

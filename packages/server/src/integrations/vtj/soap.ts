/**
 * SOAP mapping of the VTJ person query "HenkilonTunnusKysely" (service.wsdl `SoSoAdapterService60`, query.xsd,
 * vtj-vastaus-unified.xsd; integrations.md §5.1) as carried over X-Road / Suomi.fi-palveluväylä. Pure functions:
 *
 * - {@link buildPersonQueryRequest}: the request envelope with the X-Road headers (`client`, `service`, `id`,
 *   `userId`, `issue`, `protocolVersion`). The käyttötarkoitus goes into `issue` ("the application, issue or
 *   document that was the cause of the service request", xroad.xsd); the end user into `userId` and
 *   `Loppukayttaja`.
 * - {@link parsePersonQueryResponse}: a response envelope to a {@link VtjQueryResult}, applying the turvakielto
 *   redaction.
 * - {@link buildPersonQueryResponse} / {@link parsePersonQueryRequest}: the register's side, used by the simulator
 *   to answer SOAP requests and by tests.
 *
 * Dates in VTJ are `vvvvkkpp` or empty; most fields are "may be empty" strings, so everything is parsed
 * defensively. Documents with a DTD are refused (SOAP forbids them; no entity is ever expanded).
 *
 * @module
 */
import { create } from 'xmlbuilder2'
import { parseLocalDate, type LocalDate } from '@huoma/domain'
import { systemClock } from '../../kernel/clock'
import {
  redactForTurvakielto,
  type VtjAddress,
  type VtjErrorCode,
  type VtjGuardianship,
  type VtjPerson,
  type VtjPersonRef,
  type VtjQueryResult,
} from './types'

export const NS = {
  soapEnv: 'http://schemas.xmlsoap.org/soap/envelope/',
  xroad: 'http://x-road.eu/xsd/xroad.xsd',
  xroadId: 'http://x-road.eu/xsd/identifiers',
  query: 'http://xml.vrk.fi/ws/vtj/vtjkysely/1',
  response: 'http://xml.vrk.fi/schema/vtjkysely',
  xmlns: 'http://www.w3.org/2000/xmlns/',
} as const

/** The VTJ product evaka and most municipal systems use for a person's basic data with family relations. */
export const DEFAULT_SOSO_NIMI = 'Perussanoma 3'
export const DEFAULT_XROAD_PROTOCOL_VERSION = '4.0'

// ---------------------------------------------------------------------------------------------------------------
// Return codes (PaluukoodiTekstiTyyppi in VTJHenkilotiedotKatalogi.xsd)
// ---------------------------------------------------------------------------------------------------------------

type Outcome = 'ok' | 'not_found' | VtjErrorCode

/** paluukoodi → outcome and the register's Finnish text. */
export const PALUUKOODIT: Readonly<Record<string, { outcome: Outcome; text: string }>> = {
  '0000': { outcome: 'ok', text: 'Haku onnistui' },
  '0001': { outcome: 'not_found', text: 'Hakuperusteella ei löydy tietoja vtj:stä.' },
  '0002': { outcome: 'passivated', text: 'Hakuperusteena käytetty henkilötunnus tai asiointitunnus on passivoitu' },
  '0003': { outcome: 'unauthorized', text: 'Kysyvän sovelluksen lähettämä tunnussana puuttuu, on virheellinen tai vanhentunut.' },
  '0004': { outcome: 'unauthorized', text: 'Kysyvän sovelluksen lähettämä käyttäjätunnus puuttuu, on virheellinen tai vanhentunut.' },
  '0005': { outcome: 'invalid_request', text: 'Pakollinen hakuehto puuttuu.' },
  '0006': { outcome: 'not_found', text: 'Hakuperusteella ei löydy tietoja vtj:stä.' },
  '0007': { outcome: 'deceased', text: 'Haettava henkilö on kuollut, joten tietoja ei voida palauttaa.' },
  '0008': { outcome: 'ok', text: 'Varmenteen sulkulistatarkistusta ei suoriteta.' },
  '0009': { outcome: 'ok', text: 'Varmenteen voimassaolotarkistusta ei suoriteta.' },
  '0010': { outcome: 'unauthorized', text: 'Sähköisen asiointitunnuksen sisältävä varmenne puuttuu.' },
  '0011': { outcome: 'unauthorized', text: 'Käyttäjätunnusta ei lähetetty.' },
  '0012': { outcome: 'unauthorized', text: 'Varmenteen voimassaolo on päättynyt.' },
  '0013': { outcome: 'unauthorized', text: 'Varmenne on sulkulistalla.' },
  '0014': { outcome: 'unauthorized', text: 'Varmenne ei ole hyväksytty.' },
  '0015': { outcome: 'unauthorized', text: 'Varmenne ei ole hyväksytty.' },
  '0016': { outcome: 'unauthorized', text: 'Kysely- ja vastaussanomien tunnistetiedot eroavat.' },
  '0017': { outcome: 'not_found', text: 'Hakuperusteella ei löydy tietoja holhousasiain rekisteristä.' },
  '0018': { outcome: 'under_15', text: 'Henkilö on alle 15-vuotias' },
  '0019': { outcome: 'not_disclosable', text: 'Tietoja ei voida luovuttaa' },
  '-1500': { outcome: 'unauthorized', text: 'Virheellinen tunnus/salasana pari' },
  '-1505': { outcome: 'billing', text: 'Laskutustiedoissa jokin virhe' },
  '-1800': { outcome: 'service_error', text: 'WebServicen sisäinen virhe' },
  '-1805': { outcome: 'invalid_request', text: 'Kyselysanoma ei ole skeeman mukainen.' },
  '-1900': { outcome: 'invalid_request', text: 'Tuotetta ei löydy' },
  '-1901': { outcome: 'invalid_request', text: 'Tuotetta ei löydy' },
  '-1902': { outcome: 'invalid_request', text: 'Sanoma ei ole validi (merkit)' },
  '-1903': { outcome: 'invalid_request', text: 'Sanoma ei ole validi (tunnistuksen hakuxml merkit)' },
  '-1904': { outcome: 'invalid_request', text: 'Sanoma ei ole validi (loppukäyttäjä puuttuu)' },
  '-1905': { outcome: 'billing', text: 'Sanoman käsittely ei onnistunut (laskutustietovirhe)' },
  '-1906': { outcome: 'service_error', text: 'Sanoman käsittely ei onnistunut (muu odottamaton virhe)' },
}

/** The paluukoodi the register uses for an outcome (the simulator's answers). */
const CODE_FOR_OUTCOME: Readonly<Partial<Record<Outcome, string>>> = {
  ok: '0000',
  not_found: '0001',
  passivated: '0002',
  deceased: '0007',
  under_15: '0018',
  not_disclosable: '0019',
  unauthorized: '-1500',
  billing: '-1505',
  invalid_request: '-1904',
  service_error: '-1800',
}

// ---------------------------------------------------------------------------------------------------------------
// Small helpers
// ---------------------------------------------------------------------------------------------------------------

/** `vvvvkkpp` → `YYYY-MM-DD`; empty or malformed → undefined. */
export function fromVtjDate(value: string | undefined): LocalDate | undefined {
  const v = (value ?? '').trim()
  if (!/^\d{8}$/.test(v)) return undefined
  return parseLocalDate(`${v.slice(0, 4)}-${v.slice(4, 6)}-${v.slice(6, 8)}`) ?? undefined
}

/** `YYYY-MM-DD` → `vvvvkkpp`; undefined → empty. */
export function toVtjDate(date: string | undefined): string {
  return date ? date.replaceAll('-', '') : ''
}

/** Drops characters XML 1.0 cannot carry (control characters other than tab, newline, carriage return). */
function xmlSafe(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
}

/** Finnish local time `vvvvkkpphhmmss` of an instant. */
export function vtjTimestamp(at: Date): string {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/Helsinki',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(at)
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '00'
  return `${get('year')}${get('month')}${get('day')}${get('hour')}${get('minute')}${get('second')}`
}

/** `vvvvkkpphhmmss` → `YYYY-MM-DDTHH:MM:SS` (Finnish local time, as the register gives it); else undefined. */
export function fromVtjTimestamp(stamp: string): string | undefined {
  return /^\d{14}$/.test(stamp)
    ? `${stamp.slice(0, 4)}-${stamp.slice(4, 6)}-${stamp.slice(6, 8)}T${stamp.slice(8, 10)}:${stamp.slice(10, 12)}:${stamp.slice(12, 14)}`
    : undefined
}

// ---------------------------------------------------------------------------------------------------------------
// Request
// ---------------------------------------------------------------------------------------------------------------

/** An X-Road member or subsystem (`FI/GOV/0245437-2/VTJkysely` style). */
export interface XRoadClientId {
  instance: string
  memberClass: string
  memberCode: string
  subsystemCode?: string
}

export interface XRoadServiceId extends XRoadClientId {
  /** `HenkilonTunnusKysely` for the person query. */
  serviceCode: string
  /** `v1` in service.wsdl. */
  serviceVersion?: string
}

export interface PersonQueryRequestInput {
  hetu: string
  /** Käyttötarkoitus; sent as the X-Road `issue` header. */
  purpose: string
  /** The end user (Loppukayttaja, audited by the register), e.g. `huoma:<user id>`. */
  endUser: string
  /** X-Road `userId` header; defaults to `endUser`. */
  userId?: string
  /** X-Road message id (unique per request). */
  requestId: string
  xroad: { client: XRoadClientId; service: XRoadServiceId; protocolVersion?: string }
  /** Product name (SoSoNimi); default {@link DEFAULT_SOSO_NIMI}. */
  soSoNimi?: string
  /** The agreement credentials (Kayttajatunnus, Salasana) when the register requires them. */
  username?: string
  password?: string
  /** Laskutustiedot, when the agreement has them. */
  billing?: string
}

/**
 * Builds the SOAP 1.1 envelope of a `HenkilonTunnusKysely` request (document/literal, service.wsdl). Throws
 * `TypeError` when the purpose, end user or request id is blank: nothing may go out without them.
 */
export function buildPersonQueryRequest(input: PersonQueryRequestInput): string {
  const purpose = xmlSafe(input.purpose ?? '').trim()
  const endUser = xmlSafe(input.endUser ?? '').trim()
  const requestId = xmlSafe(input.requestId ?? '').trim()
  if (!purpose) throw new TypeError('buildPersonQueryRequest: purpose is required')
  if (!endUser) throw new TypeError('buildPersonQueryRequest: endUser is required')
  if (!requestId) throw new TypeError('buildPersonQueryRequest: requestId is required')
  const { client, service } = input.xroad

  const doc = create({ version: '1.0', encoding: 'UTF-8' })
  const env = doc
    .ele(NS.soapEnv, 'soapenv:Envelope')
    .att(NS.xmlns, 'xmlns:xrd', NS.xroad)
    .att(NS.xmlns, 'xmlns:id', NS.xroadId)
    .att(NS.xmlns, 'xmlns:vtj', NS.query)
  const header = env.ele(NS.soapEnv, 'soapenv:Header')

  const identifier = (name: 'xrd:client' | 'xrd:service', id: XRoadClientId & Partial<XRoadServiceId>, objectType: string) => {
    const el = header.ele(NS.xroad, name).att(NS.xroadId, 'id:objectType', objectType)
    el.ele(NS.xroadId, 'id:xRoadInstance').txt(id.instance)
    el.ele(NS.xroadId, 'id:memberClass').txt(id.memberClass)
    el.ele(NS.xroadId, 'id:memberCode').txt(id.memberCode)
    if (id.subsystemCode) el.ele(NS.xroadId, 'id:subsystemCode').txt(id.subsystemCode)
    if (id.serviceCode) el.ele(NS.xroadId, 'id:serviceCode').txt(id.serviceCode)
    if (id.serviceVersion) el.ele(NS.xroadId, 'id:serviceVersion').txt(id.serviceVersion)
  }
  identifier('xrd:client', client, client.subsystemCode ? 'SUBSYSTEM' : 'MEMBER')
  identifier('xrd:service', service, 'SERVICE')
  header.ele(NS.xroad, 'xrd:id').txt(requestId)
  header.ele(NS.xroad, 'xrd:userId').txt(xmlSafe(input.userId ?? endUser))
  header.ele(NS.xroad, 'xrd:issue').txt(purpose)
  header.ele(NS.xroad, 'xrd:protocolVersion').txt(input.xroad.protocolVersion ?? DEFAULT_XROAD_PROTOCOL_VERSION)

  const request = env.ele(NS.soapEnv, 'soapenv:Body').ele(NS.query, 'vtj:HenkilonTunnusKysely').ele(NS.query, 'vtj:request')
  // Sequence order of HenkiloTunnusKyselyReqBodyTiedot.
  request.ele(NS.query, 'vtj:SoSoNimi').txt(input.soSoNimi ?? DEFAULT_SOSO_NIMI)
  request.ele(NS.query, 'vtj:Kayttajatunnus').txt(xmlSafe(input.username ?? ''))
  request.ele(NS.query, 'vtj:Salasana').txt(xmlSafe(input.password ?? ''))
  request.ele(NS.query, 'vtj:Loppukayttaja').txt(endUser)
  if (input.billing) request.ele(NS.query, 'vtj:Laskutustiedot').txt(xmlSafe(input.billing))
  request.ele(NS.query, 'vtj:Henkilotunnus').txt(input.hetu.trim().toUpperCase())
  return doc.end({ prettyPrint: true })
}

export interface ParsedPersonQueryRequest {
  hetu: string
  soSoNimi: string
  endUser: string
  username: string
  purpose: string
  userId: string
  requestId: string
  client?: XRoadClientId
  service?: XRoadServiceId
}

/** Reads a `HenkilonTunnusKysely` request envelope (the register's side: the simulator's SOAP endpoint, tests). */
export function parsePersonQueryRequest(xml: string): ParsedPersonQueryRequest | { error: string } {
  const root = parseXml(xml)
  if (!root) return { error: 'not well-formed XML' }
  if (!is(root, NS.soapEnv, 'Envelope')) return { error: 'not a SOAP envelope' }
  const header = child(root, NS.soapEnv, 'Header')
  const body = child(root, NS.soapEnv, 'Body')
  const request = child(child(body, NS.query, 'HenkilonTunnusKysely'), NS.query, 'request')
  if (!request) return { error: 'no HenkilonTunnusKysely request' }
  const q = (name: string) => text(child(request, NS.query, name))
  const h = (name: string) => text(child(header, NS.xroad, name))
  const ident = (el: XNode | undefined) => {
    if (!el) return undefined
    const f = (name: string) => text(child(el, NS.xroadId, name))
    const id: XRoadServiceId = { instance: f('xRoadInstance'), memberClass: f('memberClass'), memberCode: f('memberCode'), serviceCode: f('serviceCode') }
    if (f('subsystemCode')) id.subsystemCode = f('subsystemCode')
    if (f('serviceVersion')) id.serviceVersion = f('serviceVersion')
    return id
  }
  const client = ident(child(header, NS.xroad, 'client'))
  const service = ident(child(header, NS.xroad, 'service'))
  const parsed: ParsedPersonQueryRequest = {
    hetu: q('Henkilotunnus'),
    soSoNimi: q('SoSoNimi'),
    endUser: q('Loppukayttaja'),
    username: q('Kayttajatunnus'),
    purpose: h('issue'),
    userId: h('userId'),
    requestId: h('id'),
  }
  if (client) {
    const { serviceCode: _s, serviceVersion: _v, ...c } = client
    parsed.client = c
  }
  if (service) parsed.service = service
  return parsed
}

// ---------------------------------------------------------------------------------------------------------------
// Response parsing
// ---------------------------------------------------------------------------------------------------------------

/** The part of a parsed DOM node this module uses (xmlbuilder2's DOM). */
interface XNode {
  nodeType: number
  localName?: string | null
  namespaceURI?: string | null
  textContent: string | null
  childNodes: ArrayLike<XNode> & Iterable<XNode>
  getAttribute?(name: string): string | null
}

const ELEMENT = 1
const DOCUMENT_TYPE = 10

/** The document element, or `null` for input that is not well-formed or has a DTD. */
function parseXml(xml: string): XNode | null {
  if (typeof xml !== 'string' || !xml.trim()) return null
  // Refuse DTDs before parsing: SOAP messages must not have one, and no entity may ever be expanded.
  if (/<!DOCTYPE/i.test(xml)) return null
  try {
    const doc = create(xml.replace(/^\uFEFF/, '')).node as unknown as XNode
    let rootEl: XNode | null = null
    for (const n of Array.from(doc.childNodes)) {
      if (n.nodeType === DOCUMENT_TYPE) return null
      if (n.nodeType === ELEMENT) rootEl = n
    }
    return rootEl
  } catch {
    return null
  }
}

const is = (n: XNode | undefined, ns: string, name: string) =>
  !!n && n.nodeType === ELEMENT && n.localName === name && (n.namespaceURI ?? '') === ns

function children(n: XNode | undefined, ns: string, name: string): XNode[] {
  if (!n) return []
  return Array.from(n.childNodes).filter((c) => is(c, ns, name))
}
const child = (n: XNode | undefined, ns: string, name: string): XNode | undefined => children(n, ns, name)[0]
const text = (n: XNode | undefined): string => (n?.textContent ?? '').trim()
const attr = (n: XNode | undefined, name: string): string => (n?.getAttribute?.(name) ?? '').trim()

/** Elements of the VTJ response namespace. */
const R = (n: XNode | undefined, ...path: string[]): XNode | undefined => {
  let cur = n
  for (const p of path) cur = child(cur, NS.response, p)
  return cur
}
const rAll = (n: XNode | undefined, name: string) => children(n, NS.response, name)
const rText = (n: XNode | undefined, ...path: string[]) => text(R(n, ...path))

const firstNonBlank = (...values: string[]) => values.find((v) => v !== '') ?? ''

function mapRef(el: XNode): VtjPersonRef | undefined {
  const hetu = rText(el, 'Henkilotunnus').toUpperCase()
  if (!hetu) return undefined
  const ref: VtjPersonRef = { hetu }
  const first = rText(el, 'NykyisetEtunimet', 'Etunimet')
  const last = rText(el, 'NykyinenSukunimi', 'Sukunimi')
  const birth = fromVtjDate(rText(el, 'Syntymaaika'))
  if (first) ref.firstNames = first
  if (last) ref.lastName = last
  if (birth) ref.birthDate = birth
  return ref
}

function withDates<T extends { validFrom?: LocalDate; validUntil?: LocalDate }>(obj: T, from: string, until: string): T {
  const f = fromVtjDate(from)
  const u = fromVtjDate(until)
  if (f) obj.validFrom = f
  if (u) obj.validUntil = u
  return obj
}

function mapDomesticAddress(
  el: XNode,
  kind: VtjAddress['kind'],
  f: { street: string; from: string; until: string },
): VtjAddress | undefined {
  const streetFi = rText(el, `${f.street}S`)
  const streetSv = rText(el, `${f.street}R`)
  const postalCode = rText(el, 'Postinumero')
  const officeFi = rText(el, 'PostitoimipaikkaS')
  const officeSv = rText(el, 'PostitoimipaikkaR')
  if (![streetFi, streetSv, postalCode, officeFi, officeSv].some(Boolean)) return undefined
  const address: VtjAddress = {
    kind,
    street: firstNonBlank(streetFi, streetSv),
    postalCode,
    postOffice: firstNonBlank(officeFi, officeSv),
  }
  if (streetSv && streetFi && streetSv !== streetFi) address.streetSv = streetSv
  if (officeSv && officeFi && officeSv !== officeFi) address.postOfficeSv = officeSv
  return withDates(address, rText(el, f.from), rText(el, f.until))
}

const GUARDIANSHIP_RESTRICTION: Readonly<Record<string, VtjGuardianship['restriction']>> = {
  '1': 'not_restricted',
  '2': 'partly_restricted',
  '3': 'declared_incompetent',
}

function mapGuardianship(el: XNode | undefined): VtjGuardianship | undefined {
  if (!el) return undefined
  const guardians = rAll(el, 'HenkiloEdunvalvoja')
    .map((g) => {
      const ref = mapRef(g)
      return ref && withDates(ref, rText(g, 'TehtavaAlkupvm'), rText(g, 'TehtavaLoppupvm'))
    })
    .filter((r): r is VtjPersonRef => !!r)
  const organisations = [
    ...rAll(el, 'YritysJaYhteisoEdunvalvoja').map((o) => rText(o, 'Nimi')),
    ...rAll(el, 'OikeusaputoimistoEdunvalvoja').map((o) => rText(o, 'ViranomainenS')),
  ].filter(Boolean)
  const code = rText(el, 'Rajoituskoodi')
  if (!code && guardians.length === 0 && organisations.length === 0) return undefined
  return withDates<VtjGuardianship>(
    { restriction: GUARDIANSHIP_RESTRICTION[code] ?? 'unknown', guardians, organisations },
    rText(el, 'Alkupvm'),
    rText(el, 'Paattymispvm'),
  )
}

const CENTURY: Readonly<Record<string, number>> = {
  '+': 1800, '-': 1900, Y: 1900, X: 1900, W: 1900, V: 1900, U: 1900, A: 2000, B: 2000, C: 2000, D: 2000, E: 2000, F: 2000,
}

/** Birth date encoded in a (register-given) henkilötunnus; the check character is not verified here. */
function birthDateOf(hetu: string): LocalDate | undefined {
  const m = /^(\d{2})(\d{2})(\d{2})([-+A-FU-Y])\d{3}[0-9A-Y]$/.exec(hetu)
  if (!m) return undefined
  const century = CENTURY[m[4] as string]
  if (century === undefined) return undefined
  return parseLocalDate(`${century + Number(m[3])}-${m[2]}-${m[1]}`) ?? undefined
}

/** Maps a `Henkilo` element; `undefined` when it carries no henkilötunnus. Applies the turvakielto redaction. */
function mapHenkilo(h: XNode): VtjPerson | undefined {
  const hetu = rText(h, 'Henkilotunnus').toUpperCase()
  const birthDate = birthDateOf(hetu)
  if (!hetu || !birthDate) return undefined
  const turvakielto = rText(h, 'Turvakielto', 'TurvakieltoTieto') === '1'
  const person: VtjPerson = {
    hetu,
    firstNames: rText(h, 'NykyisetEtunimet', 'Etunimet'),
    lastName: rText(h, 'NykyinenSukunimi', 'Sukunimi'),
    birthDate,
    turvakielto,
    addresses: [],
    guardians: [],
    dependants: [],
    children: [],
  }
  const sex = rText(h, 'Sukupuoli', 'Sukupuolikoodi')
  if (sex === '1') person.sex = 'male'
  else if (sex === '2') person.sex = 'female'

  const deathDate = fromVtjDate(rText(h, 'Kuolintiedot', 'Kuolinpvm')) ?? fromVtjDate(rText(h, 'Kuolleeksijulistamistiedot', 'Kuolleeksijulistamispvm'))
  if (deathDate) person.deathDate = deathDate
  if (deathDate || rText(h, 'Kuolintiedot', 'Kuollut') === '1') person.deceased = true

  const language = rText(h, 'Aidinkieli', 'Kielikoodi').toLowerCase()
  if (/^[a-z]{2}$/.test(language)) person.nativeLanguage = language

  const municipalityCode = rText(h, 'Kotikunta', 'Kuntanumero')
  if (/^\d{3}$/.test(municipalityCode)) {
    person.municipalityCode = municipalityCode
    const name = firstNonBlank(rText(h, 'Kotikunta', 'KuntaS'), rText(h, 'Kotikunta', 'KuntaR'))
    if (name) person.municipalityName = name
  }
  if (turvakielto) {
    const until = fromVtjDate(rText(h, 'Turvakielto', 'TurvakieltoPaattymispvm'))
    if (until) person.turvakieltoUntil = until
  }

  const lahi = { street: 'Lahiosoite', from: 'AsuminenAlkupvm', until: 'AsuminenLoppupvm' }
  const permanent = R(h, 'VakinainenKotimainenLahiosoite')
  const permanentAddress = permanent && mapDomesticAddress(permanent, 'permanent', lahi)
  if (permanentAddress) {
    if (person.municipalityCode) permanentAddress.municipalityCode = person.municipalityCode
    person.addresses.push(permanentAddress)
  }
  for (const t of rAll(h, 'TilapainenKotimainenLahiosoite')) {
    const a = mapDomesticAddress(t, 'temporary', lahi)
    if (a) person.addresses.push(a)
  }
  for (const p of rAll(h, 'KotimainenPostiosoite')) {
    const a = mapDomesticAddress(p, 'postal', { street: 'Postiosoite', from: 'PostiosoiteAlkupvm', until: 'PostiosoiteLoppupvm' })
    if (a) person.addresses.push(a)
  }
  const residence = rText(h, 'VakinainenAsuinpaikka', 'Asuinpaikantunnus')
  if (residence) person.residenceCode = residence

  const refs = (name: string) => rAll(h, name).map(mapRef).filter((r): r is VtjPersonRef => !!r)
  person.guardians = refs('Huoltaja')
  person.dependants = refs('Huollettava')
  person.children = refs('Lapsi')
  const nationalities = rAll(h, 'Kansalaisuus').map((k) => rText(k, 'Kansalaisuuskoodi3')).filter((c) => /^\d{3}$/.test(c))
  if (nationalities.length) person.nationalities = nationalities
  const guardianship = mapGuardianship(R(h, 'Edunvalvonta'))
  if (guardianship) person.guardianship = guardianship

  return redactForTurvakielto(person)
}

const errorResult = (code: VtjErrorCode, extra: { returnCode?: string; message?: string; activeHetu?: string } = {}): VtjQueryResult => ({
  status: 'error',
  code,
  ...extra,
})

/**
 * Maps a `HenkilonTunnusKyselyResponse` envelope (or a SOAP fault) to a {@link VtjQueryResult}:
 * - a SOAP `Fault` → `soap_fault`; a non-empty `faultCode` in the response → the error of that code in
 *   {@link PALUUKOODIT} (the adapter's negative codes: -1500 credentials, -1800 …), else `soap_fault`;
 * - `Paluukoodi@koodi` other than 0000 (or 0008/0009) → `not_found` or the error code of {@link PALUUKOODIT};
 * - `Hakuperusteet/Henkilotunnus@hakuperustePaluukoodi` 0 → `not_found`, 2 → `passivated`;
 * - a `Henkilo` with a henkilötunnus → `found`, redacted for turvakielto;
 * - anything else → `invalid_response`.
 */
export function parsePersonQueryResponse(xml: string): VtjQueryResult {
  const root = parseXml(xml)
  if (!root || !is(root, NS.soapEnv, 'Envelope')) return errorResult('invalid_response', { message: 'not a SOAP envelope' })
  const body = child(root, NS.soapEnv, 'Body')
  if (!body) return errorResult('invalid_response', { message: 'no SOAP body' })
  const fault = child(body, NS.soapEnv, 'Fault')
  if (fault) {
    const faultCode = text(Array.from(fault.childNodes).find((n) => n.localName === 'faultcode'))
    const faultString = text(Array.from(fault.childNodes).find((n) => n.localName === 'faultstring'))
    return errorResult('soap_fault', { returnCode: faultCode, message: faultString.slice(0, 500) })
  }
  const response = child(child(body, NS.query, 'HenkilonTunnusKyselyResponse'), NS.query, 'response')
  if (!response) return errorResult('invalid_response', { message: 'no HenkilonTunnusKyselyResponse/response' })
  const faultCode = text(child(response, NS.query, 'faultCode'))
  if (faultCode) {
    // The SoSo adapter reports its own errors (-1500 credentials, -1800 …) here, not in Paluukoodi (1–5 digits).
    const known = PALUUKOODIT[faultCode]
    const outcome = known && known.outcome !== 'ok' && known.outcome !== 'not_found' ? known.outcome : 'soap_fault'
    return errorResult(outcome, { returnCode: faultCode, message: (text(child(response, NS.query, 'faultString')) || known?.text || '').slice(0, 500) })
  }
  const sanoma = child(response, NS.response, 'VTJHenkiloVastaussanoma')
  if (!sanoma) return errorResult('invalid_response', { message: 'no VTJHenkiloVastaussanoma' })

  const henkilo = R(sanoma, 'Henkilo')
  const person = henkilo ? mapHenkilo(henkilo) : undefined
  const queried = R(sanoma, 'Hakuperusteet', 'Henkilotunnus')
  const queriedHetu = text(queried).toUpperCase()
  const activeHetu = person && queriedHetu && person.hetu !== queriedHetu ? { activeHetu: person.hetu } : {}

  const paluukoodi = R(sanoma, 'Paluukoodi')
  const code = attr(paluukoodi, 'koodi')
  if (code) {
    const known = PALUUKOODIT[code]
    const outcome = known?.outcome ?? 'unknown'
    if (outcome === 'not_found') return { status: 'not_found' }
    if (outcome !== 'ok') {
      return errorResult(outcome, { returnCode: code, message: (text(paluukoodi) || known?.text || '').slice(0, 200), ...(outcome === 'passivated' ? activeHetu : {}) })
    }
  }
  const searchCode = attr(queried, 'hakuperustePaluukoodi')
  if (searchCode === '0') return { status: 'not_found' }
  if (searchCode === '2') return errorResult('passivated', { returnCode: '0002', ...activeHetu })

  if (!person) {
    return henkilo ? errorResult('invalid_response', { message: 'Henkilo without a valid henkilötunnus' }) : { status: 'not_found' }
  }
  const extractedAt = fromVtjTimestamp(attr(sanoma, 'tietojenPoimintaaika'))
  return extractedAt ? { status: 'found', person, extractedAt } : { status: 'found', person }
}

// ---------------------------------------------------------------------------------------------------------------
// Response building (the register's side)
// ---------------------------------------------------------------------------------------------------------------

export interface PersonQueryResponseInput {
  /** The henkilötunnus that was asked for (Hakuperusteet). */
  queriedHetu: string
  result: VtjQueryResult
  /** Tietojen poiminta-aika; default the machine clock's now. */
  at?: Date
  /** sanomatunnus (≤ 50 characters). */
  messageId?: string
  /** SoSoNimi (echoed in the message version); default {@link DEFAULT_SOSO_NIMI}. */
  soSoNimi?: string
}

const LANGUAGE_NAMES: Readonly<Record<string, [string, string]>> = {
  fi: ['suomi', 'finska'],
  sv: ['ruotsi', 'svenska'],
  en: ['englanti', 'engelska'],
  ru: ['venäjä', 'ryska'],
  et: ['viro, eesti', 'estniska'],
  ar: ['arabia', 'arabiska'],
  so: ['somali', 'somaliska'],
  uk: ['ukraina', 'ukrainska'],
}

const XSD_HETU = /^(((0[1-9]|[12]\d|3[01])(0[13578]|1[02]))|((0[1-9]|[12]\d|30)(0[469]|11))|((0[1-9]|[12]\d)02))\d{2}[-+A-FU-Y]\d{3}[0-9A-FHJ-NPR-Y]$/
const cut = (s: string | undefined, max: number) => xmlSafe(s ?? '').slice(0, max)
const digits = (s: string | undefined, n: number) => (s && new RegExp(`^\\d{${n}}$`).test(s) ? s : '')

/**
 * Renders a {@link VtjQueryResult} as the register would answer (`HenkilonTunnusKyselyResponse` with a
 * `VTJHenkiloVastaussanoma` valid against vtj-vastaus-unified.xsd). A found person is redacted for turvakielto
 * before rendering, so the register side never discloses a protected address either. Exchange failures
 * (`transport`, `timeout` …) have no register answer and render as -1800.
 */
export function buildPersonQueryResponse(input: PersonQueryResponseInput): string {
  const { result } = input
  const outcome: Outcome = result.status === 'found' ? 'ok' : result.status === 'not_found' ? 'not_found' : result.code
  const code = CODE_FOR_OUTCOME[outcome] ?? '-1800'
  const queried = input.queriedHetu.trim().toUpperCase()

  const doc = create({ version: '1.0', encoding: 'UTF-8' })
  const env = doc.ele(NS.soapEnv, 'SOAP-ENV:Envelope')
  const response = env
    .ele(NS.soapEnv, 'SOAP-ENV:Body')
    .ele(NS.query, 'HenkilonTunnusKyselyResponse')
    .ele(NS.query, 'response')
  if (code.startsWith('-')) {
    // Adapter-level errors travel as faultCode/faultString (Paluukoodi@koodi allows only 1–5 digits).
    response.ele(NS.query, 'faultCode').txt(code)
    response.ele(NS.query, 'faultString').txt(PALUUKOODIT[code]?.text ?? '')
    return doc.end({ prettyPrint: true })
  }
  const sanoma = response.ele(NS.response, 'VTJHenkiloVastaussanoma', {
    tietojenPoimintaaika: vtjTimestamp(input.at ?? systemClock.now()),
    sanomatunnus: cut(input.messageId ?? 'PERUSSANOMA 3', 50),
    versio: '1.0',
  })
  const r = (parent: typeof sanoma, name: string, value?: string) => parent.ele(NS.response, name).txt(value ?? '')

  sanoma.ele(NS.response, 'Paluukoodi', { koodi: code }).txt(PALUUKOODIT[code]?.text ?? '')
  const searchCode = code === '0000' ? '1' : code === '0002' ? '2' : code === '0001' ? '0' : '4'
  const searchTexts: Record<string, [string, string, string]> = {
    '0': ['Ei löytynyt', 'Hittades inte', 'Not found'],
    '1': ['Löytyi', 'Hittades', 'Found'],
    '2': ['Passiivi', 'Passiv', 'Passive'],
    '4': ['', '', ''],
  }
  const [textS, textR, textE] = searchTexts[searchCode] as [string, string, string]
  sanoma
    .ele(NS.response, 'Hakuperusteet')
    .ele(NS.response, 'Henkilotunnus', { hakuperustePaluukoodi: searchCode, hakuperusteTekstiS: textS, hakuperusteTekstiR: textR, hakuperusteTekstiE: textE })
    .txt(XSD_HETU.test(queried) ? queried : '')

  let person: VtjPerson | undefined
  if (result.status === 'found') person = redactForTurvakielto(result.person)
  else if (result.status === 'error' && result.code === 'passivated' && result.activeHetu) {
    // The register names the active code of a passivated one.
    person = { hetu: result.activeHetu, firstNames: '', lastName: '', birthDate: '1900-01-01' as LocalDate, turvakielto: false, addresses: [], guardians: [], dependants: [], children: [] }
  }
  if (!person) return doc.end({ prettyPrint: true })

  const h = sanoma.ele(NS.response, 'Henkilo')
  h.ele(NS.response, 'Henkilotunnus', { voimassaolokoodi: '1' }).txt(XSD_HETU.test(person.hetu) ? person.hetu : '')
  r(h.ele(NS.response, 'NykyinenSukunimi'), 'Sukunimi', cut(person.lastName, 100))
  r(h.ele(NS.response, 'NykyisetEtunimet'), 'Etunimet', cut(person.firstNames, 100))

  const redacted = person.turvakielto
  const current = (kind: VtjAddress['kind']) => person.addresses.filter((a) => a.kind === kind)
  const permanent = redacted ? undefined : current('permanent').find((a) => !a.validUntil) ?? current('permanent').at(-1)
  const lahi = (el: typeof h, a: VtjAddress | undefined) => {
    r(el, 'LahiosoiteS', cut(a?.street, 100))
    r(el, 'LahiosoiteR', cut(a?.streetSv ?? a?.street, 100))
    r(el, 'Postinumero', digits(a?.postalCode, 5))
    r(el, 'PostitoimipaikkaS', cut(a?.postOffice, 50))
    r(el, 'PostitoimipaikkaR', cut(a?.postOfficeSv ?? a?.postOffice, 50))
    r(el, 'AsuminenAlkupvm', toVtjDate(a?.validFrom))
    r(el, 'AsuminenLoppupvm', toVtjDate(a?.validUntil))
  }
  lahi(h.ele(NS.response, 'VakinainenKotimainenLahiosoite'), permanent)
  r(h.ele(NS.response, 'VakinainenAsuinpaikka'), 'Asuinpaikantunnus', redacted ? '' : cut(person.residenceCode, 16))
  const temporary: Array<VtjAddress | undefined> = redacted ? [] : current('temporary')
  for (const a of temporary.length ? temporary : [undefined]) lahi(h.ele(NS.response, 'TilapainenKotimainenLahiosoite'), a)
  const postal: Array<VtjAddress | undefined> = person.addresses.filter((a) => a.kind === 'postal' || a.kind === 'contact')
  for (const a of postal.length ? postal : [undefined]) {
    const el = h.ele(NS.response, 'KotimainenPostiosoite')
    r(el, 'PostiosoiteS', cut(a?.street, 100))
    r(el, 'PostiosoiteR', cut(a?.streetSv ?? a?.street, 100))
    r(el, 'Postinumero', digits(a?.postalCode, 5))
    r(el, 'PostitoimipaikkaS', cut(a?.postOffice, 50))
    r(el, 'PostitoimipaikkaR', cut(a?.postOfficeSv ?? a?.postOffice, 50))
    r(el, 'PostiosoiteAlkupvm', toVtjDate(a?.validFrom))
    r(el, 'PostiosoiteLoppupvm', toVtjDate(a?.validUntil))
  }
  const kunta = h.ele(NS.response, 'Kotikunta')
  r(kunta, 'Kuntanumero', redacted ? '' : digits(person.municipalityCode, 3))
  r(kunta, 'KuntaS', redacted ? '' : cut(person.municipalityName, 30))
  r(kunta, 'KuntaR', redacted ? '' : cut(person.municipalityName, 30))
  r(kunta, 'KuntasuhdeAlkupvm', '')
  const kuolin = h.ele(NS.response, 'Kuolintiedot')
  r(kuolin, 'Kuollut', person.deceased || person.deathDate ? '1' : '')
  r(kuolin, 'Kuolinpvm', toVtjDate(person.deathDate))
  r(h.ele(NS.response, 'Kuolleeksijulistamistiedot'), 'Kuolleeksijulistamispvm', '')
  const kieli = h.ele(NS.response, 'Aidinkieli')
  const lang = person.nativeLanguage && /^[a-z]{2}$/.test(person.nativeLanguage) ? person.nativeLanguage : ''
  const langNames = LANGUAGE_NAMES[lang]
  r(kieli, 'Kielikoodi', lang || '99')
  r(kieli, 'KieliS', langNames?.[0] ?? '')
  r(kieli, 'KieliR', langNames?.[1] ?? '')
  r(kieli, 'KieliSelvakielinen', '')
  const turva = h.ele(NS.response, 'Turvakielto')
  r(turva, 'TurvakieltoTieto', person.turvakielto ? '1' : '')
  r(turva, 'TurvakieltoPaattymispvm', person.turvakielto ? toVtjDate(person.turvakieltoUntil) : '')
  const sp = h.ele(NS.response, 'Sukupuoli')
  r(sp, 'Sukupuolikoodi', person.sex === 'male' ? '1' : person.sex === 'female' ? '2' : '')
  r(sp, 'SukupuoliS', person.sex === 'male' ? 'mies' : person.sex === 'female' ? 'nainen' : '')
  r(sp, 'SukupuoliR', person.sex === 'male' ? 'man' : person.sex === 'female' ? 'kvinna' : '')
  const refs = (name: string, list: VtjPersonRef[]) => {
    for (const ref of list) {
      const el = h.ele(NS.response, name)
      r(el, 'Henkilotunnus', XSD_HETU.test(ref.hetu) ? ref.hetu : '')
      r(el, 'Syntymaaika', toVtjDate(ref.birthDate ?? birthDateOf(ref.hetu)))
      r(el.ele(NS.response, 'NykyinenSukunimi'), 'Sukunimi', cut(ref.lastName, 100))
      r(el.ele(NS.response, 'NykyisetEtunimet'), 'Etunimet', cut(ref.firstNames, 100))
    }
  }
  refs('Huoltaja', person.guardians)
  refs('Huollettava', person.dependants)
  refs('Lapsi', person.children)
  for (const code3 of person.nationalities ?? []) {
    const el = h.ele(NS.response, 'Kansalaisuus')
    r(el, 'Kansalaisuuskoodi3', digits(code3, 3))
    r(el, 'KansalaisuusS', code3 === '246' ? 'Suomi' : '')
    r(el, 'KansalaisuusR', code3 === '246' ? 'Finland' : '')
    r(el, 'KansalaisuusSelvakielinen', '')
    r(el, 'Saamispvm', '')
  }
  const maa = h.ele(NS.response, 'Syntymamaa')
  for (const n of ['Valtiokoodi3', 'ValtioS', 'ValtioR', 'ValtioSelvakielinen']) r(maa, n, '')

  const ev = h.ele(NS.response, 'Edunvalvonta')
  const g = person.guardianship
  const restrictionCode = g ? (Object.entries(GUARDIANSHIP_RESTRICTION).find(([, v]) => v === g.restriction)?.[0] ?? '') : ''
  r(ev, 'Alkupvm', toVtjDate(g?.validFrom))
  r(ev, 'Paattymispvm', toVtjDate(g?.validUntil))
  r(ev, 'Rajoituskoodi', restrictionCode)
  for (const n of ['RajoitustekstiS', 'RajoitustekstiR', 'Tehtavienjakokoodi', 'TehtavienjakoS', 'TehtavienjakoR']) r(ev, n, '')
  const guardians: Array<VtjPersonRef | undefined> = g?.guardians.length ? g.guardians : [undefined]
  for (const ref of guardians) {
    const el = ev.ele(NS.response, 'HenkiloEdunvalvoja')
    r(el, 'Henkilotunnus', ref && XSD_HETU.test(ref.hetu) ? ref.hetu : '')
    r(el, 'Syntymaaika', toVtjDate(ref?.birthDate))
    r(el.ele(NS.response, 'NykyinenSukunimi'), 'Sukunimi', cut(ref?.lastName, 100))
    r(el.ele(NS.response, 'NykyisetEtunimet'), 'Etunimet', cut(ref?.firstNames, 100))
    r(el, 'TehtavaAlkupvm', toVtjDate(ref?.validFrom))
    r(el, 'TehtavaLoppupvm', toVtjDate(ref?.validUntil))
  }
  const yritys = ev.ele(NS.response, 'YritysJaYhteisoEdunvalvoja')
  for (const n of ['Ytunnus', 'Nimi', 'TehtavaLoppupvm', 'TehtavaAlkupvm']) r(yritys, n, '')
  const oikeusapu = ev.ele(NS.response, 'OikeusaputoimistoEdunvalvoja')
  for (const n of ['Viranomaisnumero', 'ViranomainenS', 'ViranomainenR', 'TehtavaAlkupvm', 'TehtavaLoppupvm']) r(oikeusapu, n, '')

  const valtuutus = h.ele(NS.response, 'Edunvalvontavaltuutus')
  for (const n of ['Alkupvm', 'Paattymispvm', 'Tehtavienjakokoodi', 'TehtavienjakoS', 'TehtavienjakoR']) r(valtuutus, n, '')
  const valtuutettu = valtuutus.ele(NS.response, 'HenkiloEdunvalvontavaltuutettu')
  r(valtuutettu, 'Henkilotunnus', '')
  r(valtuutettu, 'Syntymaaika', '')
  r(valtuutettu.ele(NS.response, 'NykyinenSukunimi'), 'Sukunimi', '')
  r(valtuutettu.ele(NS.response, 'NykyisetEtunimet'), 'Etunimet', '')
  r(valtuutettu, 'ValtuutusAlkupvm', '')
  r(valtuutettu, 'ValtuutusLoppupvm', '')

  return doc.end({ prettyPrint: true })
}

/** A SOAP 1.1 fault envelope (the simulator's answer to a request it cannot read). */
export function buildSoapFault(faultCode: string, faultString: string): string {
  const doc = create({ version: '1.0', encoding: 'UTF-8' })
  const fault = doc.ele(NS.soapEnv, 'SOAP-ENV:Envelope').ele(NS.soapEnv, 'SOAP-ENV:Body').ele(NS.soapEnv, 'SOAP-ENV:Fault')
  fault.ele('faultcode').txt(`SOAP-ENV:${faultCode}`)
  fault.ele('faultstring').txt(xmlSafe(faultString))
  return doc.end({ prettyPrint: true })
}

/**
 * A population-register simulator that behaves like VTJ for the demo and tests (integrations.md §5.3).
 *
 * - Its register holds a deterministic fixture population generated from a seed ({@link generateFixturePopulation})
 *   — persons Huoma does not know yet, so the office secretary can find one and create the client from it — plus
 *   any persons passed in `persons` (the lead passes Huoma's demo population, see {@link vtjPersonsFromRegistry}).
 * - {@link VtjSimulator.queryPerson} answers like the register: unknown code → `not_found`; an invalid code →
 *   `invalid_hetu` without a query; a passivated code → `passivated` with the active code; scenarios set with
 *   {@link VtjSimulator.simulateRefusal} → that error. Only what the register discloses is returned: current
 *   addresses and custody relations, and under turvakielto no municipality, residence code, permanent or temporary
 *   address (only the contact address). Every query must carry a purpose and is logged ({@link VtjSimulator.queryLog}).
 * - The hooks (`simulateAddressChange`, `simulateDeath`, `simulateTurvakielto`, `simulateNameChange`,
 *   `simulateHetuCorrection`) change the register and append VTJ-muutosrajapinta documents (shape of
 *   muutosrajapinta-samples.json) under an advancing kirjausavain; {@link VtjSimulator.changesSince} pages through
 *   them via the same parser as the real feed. Under turvakielto the feed withholds address fields
 *   (`turvakiellonAlaisetKentat`), as DVV does.
 * - {@link VtjSimulator.handleSoapRequest}, {@link VtjSimulator.handleKirjausavain} and
 *   {@link VtjSimulator.handleMuutokset} answer the wire protocols, so the X-Road adapter can be run against the
 *   simulator behind a local HTTP server.
 *
 * @module
 */
import { addDays, parseHetu, parseLocalDate, todayInHelsinki, type LocalDate } from '@huoma/domain'
import { parseChangeFeed, type DvvChangeDocument, type DvvChangeResponse } from './changes'
import { DEMOLA, generateFixturePopulation, type FixtureMunicipality } from './fixture-population'
import { buildPersonQueryResponse, buildSoapFault, fromVtjTimestamp, parsePersonQueryRequest, vtjTimestamp } from './soap'
import { systemClock } from '../../kernel/clock'
import {
  canonicalHetu,
  checkQueryContext,
  clonePerson,
  redactForTurvakielto,
  type VtjAddress,
  type VtjChangePage,
  type VtjChangesOptions,
  type VtjClient,
  type VtjErrorCode,
  type VtjPerson,
  type VtjQueryContext,
  type VtjQueryResult,
} from './types'

export interface VtjSimulatorOptions {
  /** Seed of the generated population; default 1. */
  seed?: number
  /** Number of generated persons (not in Huoma); default 100. 0 = only `persons`. */
  count?: number
  /**
   * Reference date of the generated population (ages, validity dates); default {@link SIMULATOR_REFERENCE_DATE}, a
   * fixed date so that the same seed always gives the same henkilötunnus (demo guides and e2e tests can name them).
   */
  referenceDate?: LocalDate | string
  municipality?: FixtureMunicipality
  /** Persons to include as they are (e.g. Huoma's demo population, mirrored). */
  persons?: readonly VtjPerson[]
  /** Clock; default the machine's ({@link systemClock}). */
  now?: () => Date
  /** kirjausavain before the first change; default 100000000. */
  firstKey?: number
}

export interface VtjQueryLogEntry {
  hetu: string
  purpose: string
  userId: string
  requestId?: string
  at: Date
  outcome: 'found' | 'not_found' | VtjErrorCode
}

export type VtjPersonOrigin = 'generated' | 'included' | 'added'

export interface VtjPersonSummary {
  hetu: string
  firstNames: string
  lastName: string
  birthDate: LocalDate
  origin: VtjPersonOrigin
  turvakielto: boolean
  deceased: boolean
}

/** The register refusals {@link VtjSimulator.simulateRefusal} can stage. */
export type VtjRefusal = 'deceased' | 'under_15' | 'not_disclosable' | 'service_error' | 'unauthorized'

export interface SimulatedAddress {
  street: string
  postalCode: string
  postOffice: string
  /** Default: the person's current municipality. A different one moves the kotikunta too (permanent only). */
  municipalityCode?: string
  /** Default `permanent`. */
  kind?: 'permanent' | 'temporary' | 'postal'
  validUntil?: LocalDate | string
}

/** The turvakielto-protected fields of a domestic address, as the feed lists them. */
const PROTECTED_ADDRESS_FIELDS = [
  'katunimi', 'katunumero', 'huoneistokirjain', 'huoneistonumero', 'jakokirjain', 'postinumero', 'postitoimipaikka', 'rakennustunnus', 'osoitenumero',
]
const MAX_PAGE = 1000

/** Default reference date of the generated population. */
export const SIMULATOR_REFERENCE_DATE = '2026-01-01'

const dvvDate = (d: LocalDate) => ({ arvo: d, tarkkuus: 'PAIVA' })

/** Splits `Koivukuja 5 B 12 a` into the DVV address fields (katunimi, katunumero, huoneistokirjain …). */
function dvvStreetFields(street: string): Record<string, unknown> {
  const m = /^(.*?)\s+(\d+[a-z]?(?:-\d+[a-z]?)?)(?:\s+([A-Z]))?(?:\s+(\d{1,3}))?(?:\s+([a-z]))?$/.exec(street.trim())
  if (!m) return { katunimi: { fi: street.trim() } }
  const out: Record<string, unknown> = { katunimi: { fi: m[1] }, katunumero: m[2] }
  if (m[3]) out.huoneistokirjain = m[3]
  if (m[4]) out.huoneistonumero = m[4].padStart(3, '0')
  if (m[5]) out.jakokirjain = m[5]
  return out
}

function addressGroup(kind: VtjAddress['kind'], a: VtjAddress, action: 'LISATTY' | 'MUUTETTU'): Record<string, unknown> {
  const tietoryhma = kind === 'temporary' ? 'TILAPAINEN_KOTIMAINEN_OSOITE' : kind === 'permanent' ? 'VAKINAINEN_KOTIMAINEN_OSOITE' : 'KOTIMAINEN_POSTIOSOITE'
  const g: Record<string, unknown> = { tietoryhma, muutosattribuutti: action }
  if (kind === 'permanent' || kind === 'temporary') Object.assign(g, dvvStreetFields(a.street))
  else g.postiosoite = { fi: a.street }
  g.postinumero = a.postalCode
  g.postitoimipaikka = { fi: a.postOffice }
  if (a.validFrom) g.alkupv = dvvDate(a.validFrom)
  if (a.validUntil) g.loppupv = dvvDate(a.validUntil)
  return g
}

function withheldAddressGroup(kind: 'permanent' | 'temporary' | 'postal'): Record<string, unknown> {
  const tietoryhma = kind === 'temporary' ? 'TILAPAINEN_KOTIMAINEN_OSOITE' : kind === 'permanent' ? 'VAKINAINEN_KOTIMAINEN_OSOITE' : 'KOTIMAINEN_POSTIOSOITE'
  return { tietoryhma, turvakiellonAlaisetKentat: [...PROTECTED_ADDRESS_FIELDS], muutosattribuutti: 'MUUTETTU' }
}

function toDate(value: LocalDate | string, what: string): LocalDate {
  const d = parseLocalDate(String(value))
  if (!d) throw new RangeError(`${what}: not a date: ${String(value)}`)
  return d
}

export class VtjSimulator implements VtjClient {
  private readonly store = new Map<string, VtjPerson>()
  private readonly origin = new Map<string, VtjPersonOrigin>()
  /** Passivated henkilötunnus → the active one. */
  private readonly passivated = new Map<string, string>()
  private readonly refusals = new Map<string, VtjRefusal>()
  private readonly feed: Array<{ key: number; doc: DvvChangeDocument }> = []
  private readonly log: VtjQueryLogEntry[] = []
  private readonly now: () => Date
  private readonly firstKey: number
  private key: number

  constructor(opts: VtjSimulatorOptions = {}) {
    this.now = opts.now ?? systemClock.now
    this.firstKey = opts.firstKey ?? 100_000_000
    this.key = this.firstKey
    for (const p of opts.persons ?? []) this.insert(p, 'included')
    const generated = generateFixturePopulation({
      seed: opts.seed ?? 1,
      count: opts.count ?? 100,
      referenceDate: opts.referenceDate ?? SIMULATOR_REFERENCE_DATE,
      municipality: opts.municipality ?? DEMOLA,
      isTaken: (h) => this.store.has(h),
    })
    for (const p of generated) this.insert(p, 'generated')
  }

  private insert(p: VtjPerson, origin: VtjPersonOrigin) {
    const parsed = parseHetu(p.hetu)
    if (!parsed.ok) throw new RangeError(`Invalid henkilötunnus in a simulated person (${parsed.error})`)
    const hetu = parsed.value.hetu
    if (this.store.has(hetu) || this.passivated.has(hetu)) throw new RangeError(`The register already has ${hetu.slice(0, 7)}****`)
    this.store.set(hetu, { ...clonePerson(p), hetu })
    this.origin.set(hetu, origin)
  }

  private today(): LocalDate {
    return todayInHelsinki(this.now())
  }

  private get(hetu: string): VtjPerson {
    const canonical = canonicalHetu(hetu)
    const p = canonical ? this.store.get(canonical) : undefined
    if (!p) throw new RangeError('No such person in the simulated register')
    return p
  }

  private record(hetu: string, tietoryhmat: Array<Record<string, unknown>>) {
    this.key += 1
    this.feed.push({ key: this.key, doc: { henkilotunnus: hetu, muutospv: this.now().toISOString(), tietoryhmat } })
  }

  // -------------------------------------------------------------------------------------------------------------
  // VtjClient
  // -------------------------------------------------------------------------------------------------------------

  /** What the register discloses of a stored person today. */
  private disclose(p: VtjPerson): VtjPerson {
    const today = this.today()
    const current = <T extends { validUntil?: LocalDate }>(x: T) => !x.validUntil || x.validUntil >= today
    const person = clonePerson(p)
    const permanent = person.addresses.filter((a) => a.kind === 'permanent' && current(a) && (!a.validFrom || a.validFrom <= today)).at(-1)
    person.addresses = person.addresses.filter((a) => (a.kind === 'permanent' ? a === permanent : current(a)))
    person.guardians = person.guardians.filter(current)
    person.dependants = person.dependants.filter(current)
    return redactForTurvakielto(person)
  }

  async queryPerson(hetu: string, ctx: VtjQueryContext): Promise<VtjQueryResult> {
    const c = checkQueryContext(ctx)
    const canonical = canonicalHetu(hetu)
    if (!canonical) return { status: 'error', code: 'invalid_hetu' }
    const result = this.lookup(canonical)
    const entry: VtjQueryLogEntry = {
      hetu: canonical,
      purpose: c.purpose,
      userId: c.userId,
      at: this.now(),
      outcome: result.status === 'error' ? result.code : result.status,
    }
    if (c.requestId) entry.requestId = c.requestId
    this.log.push(entry)
    return result
  }

  private lookup(hetu: string): VtjQueryResult {
    const refusal = this.refusals.get(hetu)
    if (refusal) return { status: 'error', code: refusal }
    const active = this.passivated.get(hetu)
    if (active) return { status: 'error', code: 'passivated', returnCode: '0002', activeHetu: active }
    const p = this.store.get(hetu)
    if (!p) return { status: 'not_found' }
    const extractedAt = fromVtjTimestamp(vtjTimestamp(this.now()))
    return extractedAt ? { status: 'found', person: this.disclose(p), extractedAt } : { status: 'found', person: this.disclose(p) }
  }

  /**
   * Change documents after `cursor`. `null` starts from the simulator's creation (everything it has recorded);
   * the cursor is the decimal kirjausavain. With `opts.hetus` only those persons' documents are returned, but the
   * cursor still moves past the others.
   */
  async changesSince(cursor: string | null, limit: number, opts: VtjChangesOptions = {}): Promise<VtjChangePage> {
    const response = this.page(cursor === null ? this.firstKey : this.parseCursor(cursor), limit, opts.hetus)
    const parsed = parseChangeFeed(JSON.stringify(response))
    return { changes: parsed.changes, nextCursor: String(parsed.lastKey), upToDate: parsed.upToDate }
  }

  private parseCursor(cursor: string): number {
    if (!/^\d{1,15}$/.test(cursor)) throw new RangeError('Invalid VTJ change cursor')
    return Number(cursor)
  }

  private page(after: number, limit: number, hetus?: readonly string[]): DvvChangeResponse {
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError('limit must be a positive integer')
    const max = Math.min(limit, MAX_PAGE)
    const filter = hetus ? new Set(hetus.map((h) => h.trim().toUpperCase())) : null
    const muutokset: DvvChangeDocument[] = []
    let last = Math.max(after, this.firstKey)
    let upToDate = true
    for (const { key, doc } of this.feed) {
      if (key <= after) continue
      if (muutokset.length >= max) {
        upToDate = false
        break
      }
      last = key
      if (!filter || filter.has(doc.henkilotunnus)) muutokset.push(structuredClone(doc))
    }
    return { viimeisinKirjausavain: last, muutokset, ajanTasalla: upToDate }
  }

  // -------------------------------------------------------------------------------------------------------------
  // Test and demo tooling (not part of VtjClient)
  // -------------------------------------------------------------------------------------------------------------

  /** Every query made so far (henkilötunnus, purpose, user, time, outcome); invalid codes are never logged. */
  get queryLog(): readonly VtjQueryLogEntry[] {
    return this.log
  }

  clearQueryLog(): void {
    this.log.length = 0
  }

  /** The current end of the change feed (a cursor that yields only later changes). */
  get cursor(): string {
    return String(this.key)
  }

  get size(): number {
    return this.store.size
  }

  has(hetu: string): boolean {
    const canonical = canonicalHetu(hetu)
    return !!canonical && this.store.has(canonical)
  }

  /**
   * The stored record as it is in the register, protected fields included, without a query or a log entry. For
   * tests and the simulator's own tooling only; Huoma code must use {@link queryPerson}.
   */
  peek(hetu: string): VtjPerson | undefined {
    const canonical = canonicalHetu(hetu)
    const p = canonical ? this.store.get(canonical) : undefined
    return p && clonePerson(p)
  }

  /**
   * Names and codes of the register's persons, for the demo guide ("look up 010203A904F") and tests; no
   * addresses. Filter by origin: `generated` persons are the ones Huoma does not have.
   */
  list(opts: { origin?: VtjPersonOrigin; limit?: number } = {}): VtjPersonSummary[] {
    const out: VtjPersonSummary[] = []
    for (const [hetu, p] of this.store) {
      const origin = this.origin.get(hetu) ?? 'added'
      if (opts.origin && origin !== opts.origin) continue
      out.push({ hetu, firstNames: p.firstNames, lastName: p.lastName, birthDate: p.birthDate, origin, turvakielto: p.turvakielto, deceased: !!(p.deceased || p.deathDate) })
      if (opts.limit !== undefined && out.length >= opts.limit) break
    }
    return out
  }

  /** Adds a person to the register (no change document: a test's starting state). Throws on a duplicate or invalid code. */
  addPerson(p: VtjPerson): void {
    this.insert(p, 'added')
  }

  /**
   * Moves the person (permanent address by default) from `date`: the old address ends the day before, the new one
   * starts. A different `municipalityCode` changes the kotikunta too. The feed gets the new and the ended address
   * (and KOTIKUNTA), or — under turvakielto — only a withheld-fields notice.
   */
  simulateAddressChange(hetu: string, address: SimulatedAddress, date: LocalDate | string): void {
    const p = this.get(hetu)
    const from = toDate(date, 'simulateAddressChange')
    const kind = address.kind ?? 'permanent'
    const municipalityCode = kind === 'permanent' ? (address.municipalityCode ?? p.municipalityCode) : address.municipalityCode
    const next: VtjAddress = { kind, street: address.street, postalCode: address.postalCode, postOffice: address.postOffice, validFrom: from }
    if (municipalityCode) next.municipalityCode = municipalityCode
    if (address.validUntil) next.validUntil = toDate(address.validUntil, 'validUntil')
    const ended: VtjAddress[] = []
    if (kind !== 'temporary') {
      for (const a of p.addresses) {
        if (a.kind === kind && (!a.validUntil || a.validUntil >= from)) {
          a.validUntil = addDays(from, -1)
          ended.push(a)
        }
      }
    }
    p.addresses.push(next)
    const municipalityChanged = kind === 'permanent' && !!municipalityCode && municipalityCode !== p.municipalityCode
    if (municipalityChanged) {
      p.municipalityCode = municipalityCode
      if (municipalityCode === DEMOLA.code) p.municipalityName = DEMOLA.name
      else delete p.municipalityName
    }
    if (p.turvakielto) {
      this.record(p.hetu, [withheldAddressGroup(kind)])
      return
    }
    const groups = [addressGroup(kind, next, 'LISATTY'), ...ended.map((a) => addressGroup(kind, a, 'MUUTETTU'))]
    if (municipalityChanged) groups.push({ tietoryhma: 'KOTIKUNTA', kuntakoodi: municipalityCode, kuntaanMuuttopv: dvvDate(from), muutosattribuutti: 'LISATTY' })
    this.record(p.hetu, groups)
  }

  /** Records the death on `date`. */
  simulateDeath(hetu: string, date: LocalDate | string): void {
    const p = this.get(hetu)
    const d = toDate(date, 'simulateDeath')
    p.deathDate = d
    p.deceased = true
    this.record(p.hetu, [{ tietoryhma: 'KUOLINPAIVA', muutosattribuutti: 'LISATTY', kuollut: true, kuolinpv: dvvDate(d) }])
  }

  /**
   * Turns turvakielto on (until `until`, default five years, the first order's maximum) or off. On: the feed says
   * so and lists the withheld address fields. Off: the feed gives the address and municipality again. Returns
   * false (and records nothing) when the person is already in that state.
   */
  simulateTurvakielto(hetu: string, on: boolean, until?: LocalDate | string): boolean {
    const p = this.get(hetu)
    if (p.turvakielto === on) return false
    p.turvakielto = on
    if (on) {
      p.turvakieltoUntil = until ? toDate(until, 'until') : addDays(this.today(), 5 * 365)
      this.record(p.hetu, [
        { tietoryhma: 'TURVAKIELTO', muutosattribuutti: 'LISATTY', turvakieltoAktiivinen: true, turvaLoppuPv: dvvDate(p.turvakieltoUntil) },
        withheldAddressGroup('permanent'),
      ])
      return true
    }
    const ended = this.today()
    delete p.turvakieltoUntil
    // The contact (PL) address was only for the protection period.
    for (const a of p.addresses) if (a.kind === 'contact' && !a.validUntil) a.validUntil = ended
    const groups: Array<Record<string, unknown>> = [
      { tietoryhma: 'TURVAKIELTO', muutosattribuutti: 'MUUTETTU', turvakieltoAktiivinen: false, turvaLoppuPv: dvvDate(ended) },
    ]
    const home = p.addresses.filter((a) => a.kind === 'permanent' && !a.validUntil).at(-1)
    if (home) groups.push(addressGroup('permanent', home, 'MUUTETTU'))
    if (p.municipalityCode) groups.push({ tietoryhma: 'KOTIKUNTA', kuntakoodi: p.municipalityCode, muutosattribuutti: 'LISATIETO' })
    this.record(p.hetu, groups)
    return true
  }

  /** Changes the first names and/or the last name from `date` (HENKILON_NIMI + NIMENMUUTOS documents). */
  simulateNameChange(hetu: string, names: { firstNames?: string; lastName?: string }, date: LocalDate | string): void {
    const p = this.get(hetu)
    const d = toDate(date, 'simulateNameChange')
    const groups: Array<Record<string, unknown>> = []
    const history = (kind: 'ETUNIMI' | 'SUKUNIMI', previous: string, next: string) => {
      groups.push({ tietoryhma: 'NIMENMUUTOS', muutosattribuutti: 'LISATTY', nimilaji: `NYKYINEN_${kind}`, nimi: next, alkupv: dvvDate(d) })
      groups.push({ tietoryhma: 'NIMENMUUTOS', muutosattribuutti: 'MUUTETTU', nimilaji: `EDELLINEN_${kind}`, nimi: previous, loppupv: dvvDate(addDays(d, -1)) })
    }
    if (names.firstNames && names.firstNames !== p.firstNames) {
      history('ETUNIMI', p.firstNames, names.firstNames)
      p.firstNames = names.firstNames
      if (p.callingName && !names.firstNames.split(/\s+/).includes(p.callingName)) delete p.callingName
    }
    if (names.lastName && names.lastName !== p.lastName) {
      history('SUKUNIMI', p.lastName, names.lastName)
      p.lastName = names.lastName
    }
    if (!groups.length) return
    groups.unshift({ tietoryhma: 'HENKILON_NIMI', muutosattribuutti: 'MUUTETTU', alkupv: dvvDate(d), etunimi: p.firstNames, sukunimi: p.lastName })
    for (const other of this.store.values()) {
      for (const ref of [...other.guardians, ...other.dependants, ...other.children, ...(other.spouse ? [other.spouse] : [])]) {
        if (ref.hetu === p.hetu) {
          ref.firstNames = p.firstNames
          ref.lastName = p.lastName
        }
      }
    }
    this.record(p.hetu, groups)
  }

  /**
   * Corrects a henkilötunnus: the person is known by `newHetu` from now on, `oldHetu` becomes passive (queries for
   * it answer `passivated` with the active code), references are updated, and the feed gets a
   * HENKILOTUNNUS_KORJAUS document under the old code (as in the DVV samples).
   */
  simulateHetuCorrection(oldHetu: string, newHetu: string): void {
    const p = this.get(oldHetu)
    const next = canonicalHetu(newHetu)
    if (!next) throw new RangeError('simulateHetuCorrection: invalid new henkilötunnus')
    if (this.store.has(next) || this.passivated.has(next)) throw new RangeError('simulateHetuCorrection: the new code is taken')
    const old = p.hetu
    this.store.delete(old)
    const origin = this.origin.get(old) ?? 'added'
    this.origin.delete(old)
    p.hetu = next
    const parsed = parseHetu(next)
    if (parsed.ok) p.birthDate = parsed.value.birthDate
    this.store.set(next, p)
    this.origin.set(next, origin)
    this.passivated.set(old, next)
    for (const [k, v] of this.passivated) if (v === old) this.passivated.set(k, next)
    for (const other of this.store.values()) {
      for (const ref of [...other.guardians, ...other.dependants, ...other.children, ...(other.spouse ? [other.spouse] : [])]) {
        if (ref.hetu === old) ref.hetu = next
      }
    }
    this.record(old, [
      { tietoryhma: 'HENKILOTUNNUS_KORJAUS', voimassaolo: 'AKTIIVI', muutosattribuutti: 'LISATTY', muutettuHenkilotunnus: next, aktiivinenHenkilotunnus: next, edellisetHenkilotunnukset: [old] },
      { tietoryhma: 'HENKILOTUNNUS_KORJAUS', voimassaolo: 'PASSIIVI', muutosattribuutti: 'MUUTETTU', muutettuHenkilotunnus: old, aktiivinenHenkilotunnus: next, edellisetHenkilotunnukset: [old] },
    ])
  }

  /** Makes queries for `hetu` answer with a register refusal (0007, 0018, 0019, -1800, -1500); `null` clears it. */
  simulateRefusal(hetu: string, refusal: VtjRefusal | null): void {
    const canonical = canonicalHetu(hetu)
    if (!canonical) throw new RangeError('simulateRefusal: invalid henkilötunnus')
    if (refusal) this.refusals.set(canonical, refusal)
    else this.refusals.delete(canonical)
  }

  /**
   * A few changes for the demo's "VTJ sync" to show, on included (Huoma) persons when there are any: an address
   * change, a name change, turvakielto on for one person and off for one already under it, and a death. Returns
   * what was done. Deterministic for the same register.
   */
  seedDemoChanges(date?: LocalDate | string): Array<{ hetu: string; change: 'address' | 'name' | 'turvakielto_on' | 'turvakielto_off' | 'death' }> {
    const d = date ? toDate(date, 'seedDemoChanges') : this.today()
    const included = [...this.store.values()].filter((p) => this.origin.get(p.hetu) === 'included')
    const pool = (included.length ? included : [...this.store.values()]).slice().sort((a, b) => (a.hetu < b.hetu ? -1 : 1))
    const adult = (p: VtjPerson) => p.birthDate <= addDays(d, -18 * 366) && !p.deceased && !p.deathDate
    const done: Array<{ hetu: string; change: 'address' | 'name' | 'turvakielto_on' | 'turvakielto_off' | 'death' }> = []
    const used = new Set<string>()
    const take = (pred: (p: VtjPerson) => boolean) => {
      const p = pool.find((x) => !used.has(x.hetu) && pred(x))
      if (p) used.add(p.hetu)
      return p
    }
    const mover = take((p) => adult(p) && !p.turvakielto)
    if (mover) {
      const home = mover.addresses.find((a) => a.kind === 'permanent' && !a.validUntil)
      this.simulateAddressChange(mover.hetu, { street: 'Muuttajankatu 7 B 21', postalCode: home?.postalCode ?? '99100', postOffice: home?.postOffice ?? 'DEMOLA' }, d)
      done.push({ hetu: mover.hetu, change: 'address' })
    }
    const renamed = take((p) => adult(p) && !p.turvakielto)
    if (renamed) {
      this.simulateNameChange(renamed.hetu, { lastName: `${renamed.lastName}-Uusinimi` }, d)
      done.push({ hetu: renamed.hetu, change: 'name' })
    }
    const protect = take((p) => adult(p) && !p.turvakielto)
    if (protect) {
      this.simulateTurvakielto(protect.hetu, true)
      done.push({ hetu: protect.hetu, change: 'turvakielto_on' })
    }
    const release = take((p) => p.turvakielto && !p.deceased)
    if (release) {
      this.simulateTurvakielto(release.hetu, false)
      done.push({ hetu: release.hetu, change: 'turvakielto_off' })
    }
    const oldest = pool.filter((p) => !used.has(p.hetu) && adult(p) && !p.turvakielto).sort((a, b) => (a.birthDate < b.birthDate ? -1 : 1))[0]
    if (oldest) {
      used.add(oldest.hetu)
      this.simulateDeath(oldest.hetu, addDays(d, -2))
      done.push({ hetu: oldest.hetu, change: 'death' })
    }
    return done
  }

  // -------------------------------------------------------------------------------------------------------------
  // Wire protocols (the register's side)
  // -------------------------------------------------------------------------------------------------------------

  /**
   * Answers a `HenkilonTunnusKysely` SOAP request as the register would. A request without an end user
   * (Loppukayttaja) or a purpose (X-Road `issue`) gets paluukoodi -1904 and is not logged as a query; an unreadable
   * one gets a SOAP fault.
   */
  async handleSoapRequest(xml: string): Promise<string> {
    const req = parsePersonQueryRequest(xml)
    if ('error' in req) return buildSoapFault('Client', req.error)
    const at = this.now()
    if (!req.endUser || !req.purpose) {
      return buildPersonQueryResponse({ queriedHetu: req.hetu, result: { status: 'error', code: 'invalid_request' }, at })
    }
    const ctx: VtjQueryContext = { purpose: req.purpose, userId: req.userId || req.endUser }
    if (req.requestId) ctx.requestId = req.requestId
    let result = await this.queryPerson(req.hetu, ctx)
    if (result.status === 'error' && result.code === 'invalid_hetu') result = { status: 'not_found' }
    return buildPersonQueryResponse({ queriedHetu: req.hetu, result, at, messageId: req.requestId })
  }

  /** `GET kirjausavain/{date}`: the key to start from on `date` (the last key recorded before that day). */
  handleKirjausavain(date: LocalDate | string): { viimeisinKirjausavain: number } {
    const d = toDate(date, 'kirjausavain')
    let key = this.firstKey
    for (const { key: k, doc } of this.feed) {
      if (todayInHelsinki(new Date(doc.muutospv)) >= d) break
      key = k
    }
    return { viimeisinKirjausavain: key }
  }

  /** `POST muutokset`: `{viimeisinKirjausavain, hetulista?}` → a page of at most 100 documents. */
  handleMuutokset(body: unknown): DvvChangeResponse {
    const b = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>
    const after = typeof b.viimeisinKirjausavain === 'number' ? b.viimeisinKirjausavain : this.firstKey
    const hetus = Array.isArray(b.hetulista) ? b.hetulista.filter((h): h is string => typeof h === 'string') : undefined
    return this.page(after, 100, hetus && hetus.length ? hetus : undefined)
  }
}

/** A simulator with Huoma's demo persons included (mirrored) and `count` more persons Huoma does not have. */
export function createDemoSimulator(persons: readonly VtjPerson[], opts: Omit<VtjSimulatorOptions, 'persons'> = {}): VtjSimulator {
  return new VtjSimulator({ ...opts, persons })
}

/**
 * VTJ-muutosrajapinta (the population register's change interface, REST/JSON; integrations.md §5.2).
 *
 * - `GET kirjausavain/{yyyy-mm-dd}` → `{"viimeisinKirjausavain": n}`: where to start tracking from that day.
 * - `POST muutokset` with `{"viimeisinKirjausavain": n, "hetulista": [...]}` →
 *   `{"viimeisinKirjausavain", "muutokset": [{"henkilotunnus", "muutospv", "tietoryhmat": [...]}], "ajanTasalla"}`;
 *   repeat with the returned key until `ajanTasalla`.
 *
 * {@link parseChangeFeed} maps a response defensively: a document without a henkilötunnus-shaped `henkilotunnus` or
 * without a `tietoryhmat` array is reported in `rejected` (never thrown); unknown tietoryhmät are kept as `unknown`
 * groups; dates are `{"arvo": "YYYY-MM-DD", "tarkkuus": "PAIVA"}`. Address fields withheld under turvakielto
 * (`turvakiellonAlaisetKentat`) are never read even if present.
 *
 * @module
 */
import { parseHetu, parseLocalDate, type LocalDate } from '@huoma/domain'
import type {
  VtjAddress,
  VtjChange,
  VtjChangeAction,
  VtjChangeGroup,
  VtjGuardianKind,
  VtjParentRole,
  VtjPersonRef,
} from './types'

/** One raw change document as DVV sends it. */
export interface DvvChangeDocument {
  henkilotunnus: string
  muutospv: string
  tietoryhmat: Array<Record<string, unknown>>
}

/** The `POST muutokset` response. */
export interface DvvChangeResponse {
  viimeisinKirjausavain: number
  muutokset: DvvChangeDocument[]
  ajanTasalla: boolean
}

export interface ParsedChangeFeed {
  /** viimeisinKirjausavain: the key to send next time. */
  lastKey: number
  upToDate: boolean
  changes: VtjChange[]
  /** Documents that could not be read (index in `muutokset`, reason). */
  rejected: Array<{ index: number; reason: string }>
  /** Readable documents with something odd (e.g. a henkilötunnus with a wrong check character), as text. */
  warnings: string[]
}

export class ChangeFeedError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'ChangeFeedError'
  }
}

const HETU_SHAPE = /^\d{6}[-+A-FU-Y]\d{3}[0-9A-Y]$/

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)
const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined)

/** `{"arvo": "YYYY-MM-DD", "tarkkuus": "PAIVA"}` (or a bare date string) → LocalDate. */
function dvvDate(v: unknown): LocalDate | undefined {
  const raw = isObject(v) ? v.arvo : v
  return typeof raw === 'string' ? (parseLocalDate(raw.slice(0, 10)) ?? undefined) : undefined
}

/** `{"fi": …, "sv": …}` or a plain string. */
function localized(v: unknown): { fi?: string; sv?: string } {
  if (typeof v === 'string') return { fi: v.trim() }
  if (!isObject(v)) return {}
  const out: { fi?: string; sv?: string } = {}
  const fi = str(v.fi)
  const sv = str(v.sv)
  if (fi) out.fi = fi
  if (sv) out.sv = sv
  return out
}

const ACTIONS: Readonly<Record<string, VtjChangeAction>> = {
  LISATTY: 'added',
  MUUTETTU: 'changed',
  POISTETTU: 'removed',
  LISATIETO: 'info',
}
const action = (g: Record<string, unknown>): VtjChangeAction => ACTIONS[String(g.muutosattribuutti)] ?? 'unknown'

const GUARDIAN_KINDS: Readonly<Record<string, VtjGuardianKind>> = {
  LAKISAATEINEN_HUOLTAJA: 'statutory',
  MAARATTY_HUOLTAJA: 'appointed',
}
const ROLES: Readonly<Record<string, VtjParentRole>> = { AITI: 'mother', ISA: 'father' }
const role = (v: unknown): VtjParentRole | undefined => {
  const s = str(v)
  return s === undefined ? undefined : (ROLES[s] ?? 'other')
}

function ref(v: unknown): VtjPersonRef | undefined {
  if (!isObject(v)) return undefined
  const hetu = str(v.henkilotunnus)?.toUpperCase()
  if (!hetu) return undefined
  const r: VtjPersonRef = { hetu }
  const first = str(v.etunimet)
  const last = str(v.sukunimi)
  if (first) r.firstNames = first
  if (last) r.lastName = last
  return r
}

type Defined<U> = { [K in keyof U]?: Exclude<U[K], undefined> }

/** Sets the optional properties that are defined (keeps results free of `undefined` keys). */
function assign<T extends object, U extends object>(target: T, values: U): T & Defined<U> {
  for (const [k, v] of Object.entries(values)) if (v !== undefined) (target as Record<string, unknown>)[k] = v
  return target as T & Defined<U>
}

/**
 * Street line in Finnish address order: `Uusitie 17 A 2`, `Koivukuja 5 B 12 a`. The apartment number is printed
 * without leading zeros.
 */
function streetLine(name: string | undefined, g: Record<string, unknown>): string {
  const apartment = str(g.huoneistonumero)
  const parts = [
    name,
    str(g.katunumero),
    str(g.huoneistokirjain),
    apartment && /^\d+$/.test(apartment) ? String(Number(apartment)) : apartment,
  ].filter(Boolean)
  const division = str(g.jakokirjain)
  return parts.join(' ') + (division ? ` ${division}` : '')
}

function withheld(g: Record<string, unknown>): string[] {
  return Array.isArray(g.turvakiellonAlaisetKentat) ? g.turvakiellonAlaisetKentat.filter((f): f is string => typeof f === 'string') : []
}

function addressGroup(g: Record<string, unknown>, kind: 'permanent' | 'temporary' | 'postal'): VtjChangeGroup {
  const withheldFields = withheld(g)
  const base = { type: 'address' as const, action: action(g), kind, withheldFields }
  // Under turvakielto the register leaves the fields out; never take any that still came.
  if (withheldFields.length) return base
  const street = kind === 'postal' ? localized(g.postiosoite) : localized(g.katunimi)
  const office = localized(g.postitoimipaikka)
  const postalCode = str(g.postinumero)
  const fi = kind === 'postal' && street.fi ? street.fi : streetLine(street.fi, g)
  if (!street.fi && !street.sv && !postalCode && !office.fi) return base
  const address: VtjAddress = {
    kind,
    street: fi || streetLine(street.sv, g),
    postalCode: postalCode ?? '',
    postOffice: office.fi ?? office.sv ?? '',
  }
  const sv = kind === 'postal' && street.sv ? street.sv : street.sv ? streetLine(street.sv, g) : undefined
  if (sv && sv !== address.street) address.streetSv = sv
  if (office.sv && office.sv !== address.postOffice) address.postOfficeSv = office.sv
  assign(address, { validFrom: dvvDate(g.alkupv), validUntil: dvvDate(g.loppupv) })
  return { ...base, address }
}

function custodyFields(g: Record<string, unknown>) {
  return {
    guardianKind: GUARDIAN_KINDS[String(g.huoltajanLaji)],
    role: role(g.huoltajanRooli),
    validFrom: dvvDate(g.huoltosuhteenAlkupv),
    validUntil: dvvDate(g.huoltosuhteenLoppupv),
    livesWith: str(g.asuminen),
  }
}

/** Maps one tietoryhmä. */
export function parseChangeGroup(g: Record<string, unknown>): VtjChangeGroup {
  const group = String(g.tietoryhma ?? '')
  const act = action(g)
  switch (group) {
    case 'HENKILON_NIMI':
      return assign({ type: 'name' as const, action: act }, { firstNames: str(g.etunimi) ?? str(g.etunimet), lastName: str(g.sukunimi), validFrom: dvvDate(g.alkupv) })
    case 'NIMENMUUTOS':
    case 'NIMENMUUTOS_LAAJA':
      return assign(
        { type: 'name_history' as const, action: act, nameKind: str(g.nimilaji) ?? '', name: str(g.nimi) ?? '' },
        { validFrom: dvvDate(g.alkupv), validUntil: dvvDate(g.loppupv) },
      )
    case 'HENKILOTUNNUS_KORJAUS': {
      const validity: 'active' | 'passive' | 'unknown' = g.voimassaolo === 'AKTIIVI' ? 'active' : g.voimassaolo === 'PASSIIVI' ? 'passive' : 'unknown'
      const previous = Array.isArray(g.edellisetHenkilotunnukset)
        ? g.edellisetHenkilotunnukset.filter((h): h is string => typeof h === 'string').map((h) => h.trim().toUpperCase())
        : []
      return assign(
        { type: 'hetu_correction' as const, action: act, validity, previousHetus: previous },
        { changedHetu: str(g.muutettuHenkilotunnus)?.toUpperCase(), activeHetu: str(g.aktiivinenHenkilotunnus)?.toUpperCase() },
      )
    }
    case 'TURVAKIELTO':
      return assign({ type: 'turvakielto' as const, action: act, active: g.turvakieltoAktiivinen === true }, { until: dvvDate(g.turvaLoppuPv) })
    case 'VAKINAINEN_KOTIMAINEN_OSOITE':
      return addressGroup(g, 'permanent')
    case 'TILAPAINEN_KOTIMAINEN_OSOITE':
      return addressGroup(g, 'temporary')
    case 'KOTIMAINEN_POSTIOSOITE':
      return addressGroup(g, 'postal')
    case 'VAKINAINEN_ULKOMAINEN_OSOITE':
    case 'TILAPAINEN_ULKOMAINEN_OSOITE':
    case 'ULKOMAINEN_POSTIOSOITE':
      return { type: 'foreign_address', action: act, permanent: group === 'VAKINAINEN_ULKOMAINEN_OSOITE', withheldFields: withheld(g) }
    case 'VAKINAINEN_KOTIMAINEN_ASUINPAIKKATUNNUS':
      if (withheld(g).length) return { type: 'residence_code', action: act }
      return assign(
        { type: 'residence_code' as const, action: act },
        { residenceCode: str(g.asuinpaikantunnus), municipalityCode: str(g.kuntakoodi), validFrom: dvvDate(g.alkupv) },
      )
    case 'KOTIKUNTA':
      if (withheld(g).length) return { type: 'municipality', action: act }
      return assign(
        { type: 'municipality' as const, action: act },
        { municipalityCode: str(g.kuntakoodi), since: dvvDate(g.kuntaanMuuttopv) ?? dvvDate(g.kuntaanMuuttoPv) },
      )
    case 'KUOLINPAIVA':
      return assign({ type: 'death' as const, action: act, deceased: g.kuollut === true || (g.kuollut === undefined && dvvDate(g.kuolinpv) !== undefined) }, { deathDate: dvvDate(g.kuolinpv) })
    case 'HUOLTAJA_SUPPEA':
    case 'HUOLTAJA': {
      const guardian = ref(g.huoltaja)
      if (!guardian) break
      return assign({ type: 'guardian' as const, action: act, guardian }, custodyFields(g))
    }
    case 'HUOLLETTAVA_SUPPEA':
    case 'HUOLLETTAVA': {
      const dependant = ref(g.huollettava)
      if (!dependant) break
      return assign({ type: 'dependant' as const, action: act, dependant }, custodyFields(g))
    }
    case 'LAPSI':
    case 'LAPSI_SUPPEA': {
      const child = ref(g.lapsi)
      if (!child) break
      return assign({ type: 'child' as const, action: act, child, ended: g.lapsiVanhempiSuhdePaattynyt === true }, { parentRole: role(g.isaAiti) })
    }
    case 'AIDINKIELI': {
      const code = str(g.kielikoodi) ?? (isObject(g.kieli) ? str(g.kieli.kielikoodi) : undefined)
      return assign({ type: 'native_language' as const, action: act }, { language: code && /^[a-z]{2}$/i.test(code) ? code.toLowerCase() : undefined })
    }
  }
  return { type: 'unknown', action: act, group: group || '(none)', raw: g }
}

/** Maps one change document; a string reason when it cannot be read. */
export function parseChangeDocument(doc: unknown): { change: VtjChange; warnings: string[] } | { reason: string } {
  if (!isObject(doc)) return { reason: 'not an object' }
  const hetu = typeof doc.henkilotunnus === 'string' ? doc.henkilotunnus.trim().toUpperCase() : ''
  if (!HETU_SHAPE.test(hetu)) return { reason: 'henkilotunnus missing or malformed' }
  if (!Array.isArray(doc.tietoryhmat)) return { reason: 'tietoryhmat missing' }
  const warnings: string[] = []
  const parsed = parseHetu(hetu)
  if (!parsed.ok) warnings.push(`henkilötunnus ${hetu.slice(0, 7)}**** fails validation (${parsed.error})`)
  const groups = doc.tietoryhmat.filter(isObject).map(parseChangeGroup)
  const changedAt = typeof doc.muutospv === 'string' ? doc.muutospv : ''
  return { change: { hetu, changedAt, groups }, warnings }
}

/**
 * Parses a `POST muutokset` response (a JSON string or the parsed value). Throws {@link ChangeFeedError} only when
 * the envelope itself is unusable (no numeric `viimeisinKirjausavain` or no `muutokset` array): then nothing can
 * be applied and the cursor must not move.
 */
export function parseChangeFeed(json: string | unknown): ParsedChangeFeed {
  let value: unknown = json
  if (typeof json === 'string') {
    try {
      value = JSON.parse(json)
    } catch {
      throw new ChangeFeedError('change feed is not JSON')
    }
  }
  if (!isObject(value)) throw new ChangeFeedError('change feed is not an object')
  const lastKey = value.viimeisinKirjausavain
  if (typeof lastKey !== 'number' || !Number.isSafeInteger(lastKey)) throw new ChangeFeedError('viimeisinKirjausavain missing')
  if (!Array.isArray(value.muutokset)) throw new ChangeFeedError('muutokset missing')
  const out: ParsedChangeFeed = { lastKey, upToDate: value.ajanTasalla === true, changes: [], rejected: [], warnings: [] }
  value.muutokset.forEach((doc, index) => {
    const r = parseChangeDocument(doc)
    if ('reason' in r) out.rejected.push({ index, reason: r.reason })
    else {
      out.changes.push(r.change)
      out.warnings.push(...r.warnings)
    }
  })
  return out
}

/** Parses a `GET kirjausavain/{date}` response. */
export function parseKirjausavain(json: string | unknown): number {
  let value: unknown = json
  if (typeof json === 'string') {
    try {
      value = JSON.parse(json)
    } catch {
      throw new ChangeFeedError('kirjausavain response is not JSON')
    }
  }
  const key = isObject(value) ? value.viimeisinKirjausavain : undefined
  if (typeof key !== 'number' || !Number.isSafeInteger(key)) throw new ChangeFeedError('viimeisinKirjausavain missing')
  return key
}

/**
 * Data model of the population-register (VTJ, väestötietojärjestelmä) connector (integrations.md §5.3), shared
 * by the X-Road adapter ({@link ./http-adapter}), the SOAP mapping ({@link ./soap}), the change feed
 * ({@link ./changes}) and the simulator ({@link ./simulator}).
 *
 * Turvakielto (väestötietolaki 661/2009 36 §, rules.md §4.5): the register does not disclose the municipality,
 * the permanent or temporary address or the residence code of a protected person; only a registered
 * *yhteysosoite* (contact address) may be disclosed. Every producer of a {@link VtjPerson} in this module
 * (the SOAP mapping, the simulator) passes it through {@link redactForTurvakielto}, so a protected address can never
 * reach Huoma through this connector, even if the register sent one.
 *
 * @module
 */
import { parseHetu, type LocalDate } from '@huoma/domain'

// ---------------------------------------------------------------------------------------------------------------
// Person
// ---------------------------------------------------------------------------------------------------------------

/**
 * `permanent` vakinainen kotimainen osoite; `temporary` tilapäinen kotimainen osoite; `postal` kotimainen
 * postiosoite; `contact` yhteysosoite of a person under turvakielto (the only address disclosed for them).
 */
export type VtjAddressKind = 'permanent' | 'temporary' | 'postal' | 'contact'

export interface VtjAddress {
  kind: VtjAddressKind
  /** Street address in Finnish (or the only language given), e.g. `Koivukuja 5 B 12` or `PL 123`. */
  street: string
  /** Five digits. */
  postalCode: string
  /** Post office in Finnish (or the only language given), e.g. `DEMOLA`. */
  postOffice: string
  /** Swedish form, when the register gives one that differs. */
  streetSv?: string
  postOfficeSv?: string
  /** Kuntanumero (three digits) of the municipality the address is in; never given under turvakielto. */
  municipalityCode?: string
  validFrom?: LocalDate
  validUntil?: LocalDate
}

/** Another person, referred to by henkilötunnus (guardian, dependant, child, spouse). */
export interface VtjPersonRef {
  hetu: string
  firstNames?: string
  lastName?: string
  birthDate?: LocalDate
  /** Start and end of the relationship (custody, marriage …), when known. */
  validFrom?: LocalDate
  validUntil?: LocalDate
}

export type VtjSex = 'male' | 'female'

export type VtjMaritalStatus = 'unmarried' | 'married' | 'divorced' | 'widowed' | 'registered_partnership'

/** Edunvalvonta (guardianship of an adult), Rajoituskoodi 1/2/3. */
export interface VtjGuardianship {
  restriction: 'not_restricted' | 'partly_restricted' | 'declared_incompetent' | 'unknown'
  validFrom?: LocalDate
  validUntil?: LocalDate
  /** Personal edunvalvojat (a public guardian office or a company appears as `organisations`). */
  guardians: VtjPersonRef[]
  organisations: string[]
}

/** A person as the population register discloses them to Huoma. */
export interface VtjPerson {
  /** Canonical 11-character henkilötunnus (the full string is the key; the century sign is significant). */
  hetu: string
  firstNames: string
  lastName: string
  /** The register holds no calling name; Huoma records it itself. Kept for mirrored demo persons. */
  callingName?: string
  birthDate: LocalDate
  /** As recorded in the register (Sukupuolikoodi); never derived from the henkilötunnus here. */
  sex?: VtjSex
  /** Kuolinpäivä, or the date of a declaration of death. */
  deathDate?: LocalDate
  /** The register says the person is dead (even if no date is known). */
  deceased?: boolean
  /** ISO 639-1 code; absent when unknown (VTJ `99`) or given only as text (`98`). */
  nativeLanguage?: string
  /** Kotikunta (three digits); never given under turvakielto. */
  municipalityCode?: string
  municipalityName?: string
  turvakielto: boolean
  turvakieltoUntil?: LocalDate
  /**
   * Addresses with their validity. Under turvakielto only `contact` addresses are ever present.
   * Use {@link mailingAddress} to choose the one to send letters to.
   */
  addresses: VtjAddress[]
  /** Asuinpaikkatunnus (building + apartment), used for household detection; never given under turvakielto. */
  residenceCode?: string
  /** Huoltajat of a minor. */
  guardians: VtjPersonRef[]
  /** Huollettavat: the minors this person is a guardian of. */
  dependants: VtjPersonRef[]
  /** Lapset (whether or not in this person's custody). */
  children: VtjPersonRef[]
  spouse?: VtjPersonRef
  maritalStatus?: VtjMaritalStatus
  /** ISO 3166 numeric country codes (three digits). */
  nationalities?: string[]
  guardianship?: VtjGuardianship
}

// ---------------------------------------------------------------------------------------------------------------
// Query
// ---------------------------------------------------------------------------------------------------------------

/**
 * Who asks and why. `purpose` (käyttötarkoitus) is mandatory: it travels in the request (X-Road `issue` header) and
 * the register's own log keeps it. `userId` identifies the end user (Loppukayttaja, X-Road `userId`).
 */
export interface VtjQueryContext {
  purpose: string
  userId: string
  /** Correlation id; becomes the X-Road message id. */
  requestId?: string
}

/**
 * Why a query gave no person:
 * - `invalid_hetu`: not a valid henkilötunnus; nothing was sent.
 * - `temporary_hetu`: an organisation's temporary code (900–999) that the production register cannot know; nothing
 *   was sent (the X-Road adapter only; test environments can allow them).
 * - `passivated` (0002): the code has been replaced; `activeHetu` names the current code when the register told it.
 * - `deceased` (0007), `under_15` (0018), `not_disclosable` (0019): register refusals.
 * - `unauthorized` (0003/0004/0010–0016/-1500), `billing` (-1505/-1905), `invalid_request` (0005/-1805/-19xx),
 *   `service_error` (-1800/-1906): agreement or service problems.
 * - `soap_fault`, `http_status`, `transport`, `timeout`, `invalid_response`: the exchange failed.
 * - `unknown`: a return code this connector does not know (kept in `returnCode`).
 */
export type VtjErrorCode =
  | 'invalid_hetu'
  | 'temporary_hetu'
  | 'passivated'
  | 'deceased'
  | 'under_15'
  | 'not_disclosable'
  | 'unauthorized'
  | 'billing'
  | 'invalid_request'
  | 'service_error'
  | 'soap_fault'
  | 'http_status'
  | 'transport'
  | 'timeout'
  | 'invalid_response'
  | 'unknown'

export type VtjQueryResult =
  | {
      status: 'found'
      person: VtjPerson
      /** Tietojen poiminta-aika as given by the register (`YYYY-MM-DDTHH:MM:SS`, Finnish local time). */
      extractedAt?: string
    }
  | { status: 'not_found' }
  | {
      status: 'error'
      code: VtjErrorCode
      /** The register's paluukoodi (e.g. `0019`), SOAP fault code or HTTP status, when there was one. */
      returnCode?: string
      /** Diagnostic text (never contains the henkilötunnus). */
      message?: string
      /** For `passivated`: the person's current henkilötunnus, when given. */
      activeHetu?: string
    }

// ---------------------------------------------------------------------------------------------------------------
// Change feed (VTJ-muutosrajapinta)
// ---------------------------------------------------------------------------------------------------------------

/** muutosattribuutti: LISATTY / MUUTETTU / POISTETTU / LISATIETO. */
export type VtjChangeAction = 'added' | 'changed' | 'removed' | 'info' | 'unknown'

export type VtjGuardianKind = 'statutory' | 'appointed'
export type VtjParentRole = 'mother' | 'father' | 'other'

/** One tietoryhmä of a change document, mapped. Unknown groups are kept as `unknown` with their raw JSON. */
export type VtjChangeGroup =
  | { type: 'name'; action: VtjChangeAction; firstNames?: string; lastName?: string; validFrom?: LocalDate }
  | { type: 'name_history'; action: VtjChangeAction; nameKind: string; name: string; validFrom?: LocalDate; validUntil?: LocalDate }
  | {
      type: 'hetu_correction'
      action: VtjChangeAction
      /** Whether `changedHetu` is now active or passive. */
      validity: 'active' | 'passive' | 'unknown'
      changedHetu?: string
      activeHetu?: string
      previousHetus: string[]
    }
  | { type: 'turvakielto'; action: VtjChangeAction; active: boolean; until?: LocalDate }
  | {
      type: 'address'
      action: VtjChangeAction
      kind: 'permanent' | 'temporary' | 'postal'
      /** Absent when the fields are withheld under turvakielto (see `withheldFields`). */
      address?: VtjAddress
      /** turvakiellonAlaisetKentat: the fields the register left out because of turvakielto. */
      withheldFields: string[]
    }
  | { type: 'foreign_address'; action: VtjChangeAction; permanent: boolean; withheldFields: string[] }
  | { type: 'residence_code'; action: VtjChangeAction; residenceCode?: string; municipalityCode?: string; validFrom?: LocalDate }
  | { type: 'municipality'; action: VtjChangeAction; municipalityCode?: string; since?: LocalDate }
  | { type: 'death'; action: VtjChangeAction; deceased: boolean; deathDate?: LocalDate }
  | {
      type: 'guardian'
      action: VtjChangeAction
      /** The guardian of the document's person (HUOLTAJA_SUPPEA, on a child's document). */
      guardian: VtjPersonRef
      guardianKind?: VtjGuardianKind
      role?: VtjParentRole
      validFrom?: LocalDate
      validUntil?: LocalDate
      /** asuminen: with whom the child lives (AIDIN_LUONA, ISAN_LUONA …), as given. */
      livesWith?: string
    }
  | {
      type: 'dependant'
      action: VtjChangeAction
      /** A minor in the document person's custody (HUOLLETTAVA_SUPPEA, on a guardian's document). */
      dependant: VtjPersonRef
      guardianKind?: VtjGuardianKind
      role?: VtjParentRole
      validFrom?: LocalDate
      validUntil?: LocalDate
      livesWith?: string
    }
  | { type: 'child'; action: VtjChangeAction; child: VtjPersonRef; parentRole?: VtjParentRole; ended: boolean }
  | { type: 'native_language'; action: VtjChangeAction; language?: string }
  | { type: 'unknown'; action: VtjChangeAction; group: string; raw: unknown }

/** One change document: what changed for one person. */
export interface VtjChange {
  hetu: string
  /** muutospv: when the change was recorded (ISO 8601 instant). */
  changedAt: string
  groups: VtjChangeGroup[]
}

export interface VtjChangePage {
  changes: VtjChange[]
  /** Pass back to {@link VtjClient.changesSince} to continue; store it after the changes are applied. */
  nextCursor: string
  /** ajanTasalla: nothing more after `nextCursor` at the moment. */
  upToDate: boolean
}

// ---------------------------------------------------------------------------------------------------------------
// Client
// ---------------------------------------------------------------------------------------------------------------

export interface VtjChangesOptions {
  /** Limit the feed to these persons (hetulista); the X-Road adapter sends them, the simulator filters by them. */
  hetus?: readonly string[]
}

/** What the client registry needs from the population register. */
export interface VtjClient {
  /**
   * Henkilötunnuskysely for one person. Never rejects for register or network problems (those are `error`
   * results); rejects with {@link VtjPurposeRequiredError} when `ctx` lacks a purpose or a user.
   */
  queryPerson(hetu: string, ctx: VtjQueryContext): Promise<VtjQueryResult>
  /**
   * Changes after `cursor` (an opaque string from a previous page; `null` starts tracking from the register's
   * current position, see the implementations), at most `limit` change documents.
   */
  changesSince(cursor: string | null, limit: number, opts?: VtjChangesOptions): Promise<VtjChangePage>
}

/** A query without a käyttötarkoitus or without an end user is refused before anything is sent or logged. */
export class VtjPurposeRequiredError extends TypeError {
  constructor(what: 'purpose' | 'userId') {
    super(
      what === 'purpose'
        ? 'A VTJ query needs a purpose (käyttötarkoitus)'
        : 'A VTJ query needs the end user (userId)',
    )
    this.name = 'VtjPurposeRequiredError'
  }
}

/** Longest purpose text sent to the register (the X-Road `issue` header is logged by both parties). */
export const VTJ_PURPOSE_MAX_LENGTH = 200

/**
 * Checks the query context and returns it trimmed. Throws {@link VtjPurposeRequiredError} for a missing or blank
 * purpose or user, `RangeError` for a purpose longer than {@link VTJ_PURPOSE_MAX_LENGTH}.
 */
export function checkQueryContext(ctx: VtjQueryContext | undefined | null): VtjQueryContext {
  const purpose = typeof ctx?.purpose === 'string' ? ctx.purpose.trim() : ''
  const userId = typeof ctx?.userId === 'string' ? ctx.userId.trim() : ''
  if (!purpose) throw new VtjPurposeRequiredError('purpose')
  if (!userId) throw new VtjPurposeRequiredError('userId')
  if (purpose.length > VTJ_PURPOSE_MAX_LENGTH) {
    throw new RangeError(`A VTJ query purpose may be at most ${VTJ_PURPOSE_MAX_LENGTH} characters`)
  }
  const requestId = typeof ctx?.requestId === 'string' && ctx.requestId.trim() ? ctx.requestId.trim() : undefined
  return requestId ? { purpose, userId, requestId } : { purpose, userId }
}

/** Parses the henkilötunnus of a query; the canonical form, or `null` when invalid. */
export function canonicalHetu(input: string): string | null {
  if (typeof input !== 'string') return null
  const parsed = parseHetu(input)
  return parsed.ok ? parsed.value.hetu : null
}

// ---------------------------------------------------------------------------------------------------------------
// Helpers on persons
// ---------------------------------------------------------------------------------------------------------------

/**
 * What the register discloses of a person under turvakielto: no municipality, residence code, permanent or
 * temporary address; a postal address is their yhteysosoite and becomes `contact` (without a municipality).
 * Returns the person unchanged (same object) when there is no turvakielto.
 */
export function redactForTurvakielto(person: VtjPerson): VtjPerson {
  if (!person.turvakielto) return person
  const { municipalityCode: _m, municipalityName: _n, residenceCode: _r, ...rest } = person
  return {
    ...rest,
    addresses: person.addresses
      .filter((a) => a.kind === 'contact' || a.kind === 'postal')
      .map(({ municipalityCode: _mc, ...a }) => ({ ...a, kind: 'contact' as const })),
  }
}

const within = (a: VtjAddress, on: LocalDate) =>
  (a.validFrom === undefined || a.validFrom <= on) && (a.validUntil === undefined || a.validUntil >= on)

/**
 * The address to send mail to on `on`: under turvakielto only a valid `contact` address (or none); otherwise, as
 * evaka does, a valid postal address, else a valid temporary address, else the valid permanent address.
 */
export function mailingAddress(person: VtjPerson, on: LocalDate): VtjAddress | undefined {
  const valid = person.addresses.filter((a) => within(a, on))
  if (person.turvakielto) return valid.find((a) => a.kind === 'contact')
  for (const kind of ['postal', 'temporary', 'permanent'] as const) {
    const hit = valid.find((a) => a.kind === kind)
    if (hit) return hit
  }
  return undefined
}

/** A deep copy (persons are plain data). */
export function clonePerson(person: VtjPerson): VtjPerson {
  return structuredClone(person)
}

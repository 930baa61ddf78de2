import Type, { type Static } from 'typebox'
import { IsoDate, Uuid } from './common'
import { endpoints } from './endpoint'
import { BreakGlassAccess, BreakGlassRequest, BreakGlassTasks } from './privacy'

export const PersonSearchQuery = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 2, maxLength: 100, description: 'Surname and/or first names, prefix or approximate' })),
    hetu: Type.Optional(Type.String({ minLength: 10, maxLength: 11, description: 'Henkilötunnus, exact' })),
    birthDate: Type.Optional(IsoDate),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 50 })),
  },
  { additionalProperties: false },
)
export type PersonSearchQuery = Static<typeof PersonSearchQuery>

export const PersonSummary = Type.Object({
  id: Uuid,
  hetu: Type.Union([Type.String(), Type.Null()]),
  temporaryId: Type.Union([Type.String(), Type.Null()]),
  firstNames: Type.String(),
  lastName: Type.String(),
  birthDate: Type.Union([IsoDate, Type.Null()]),
  deathDate: Type.Union([IsoDate, Type.Null()]),
  turvakielto: Type.Boolean(),
})
export type PersonSummary = Static<typeof PersonSummary>

export const PersonSearchResult = Type.Object({
  persons: Type.Array(PersonSummary),
  /** Matching persons the user has no access to: shown only as "a person exists" (break the glass if allowed). */
  hiddenMatches: Type.Integer({ minimum: 0 }),
  /** The hidden matches are counted only up to a cap (100): present when there are more than `hiddenMatches`. */
  hiddenMatchesCapped: Type.Optional(Type.Literal(true)),
  /**
   * Only for an exact henkilötunnus search whose one match is hidden, and only to a user who may break the glass:
   * the person's opaque id, so that the UI can offer break the glass. Nothing else about the person is returned.
   */
  hiddenMatchId: Type.Optional(Uuid),
})
export type PersonSearchResult = Static<typeof PersonSearchResult>

export const AddressKind = Type.Union([Type.Literal('permanent'), Type.Literal('temporary'), Type.Literal('postal'), Type.Literal('contact')])

export const Address = Type.Object({
  kind: AddressKind,
  street: Type.String(),
  postalCode: Type.String(),
  postOffice: Type.String(),
  validFrom: Type.Union([IsoDate, Type.Null()]),
  validUntil: Type.Union([IsoDate, Type.Null()]),
})
export type Address = Static<typeof Address>

export const PersonDetails = Type.Object({
  ...PersonSummary.properties,
  callingName: Type.Union([Type.String(), Type.Null()]),
  serviceLanguage: Type.Union([Type.Literal('fi'), Type.Literal('sv'), Type.Literal('other')]),
  nativeLanguage: Type.Union([Type.String(), Type.Null()]),
  phone: Type.Union([Type.String(), Type.Null()]),
  email: Type.Union([Type.String(), Type.Null()]),
  /** The account for payments to the client (IBAN, stored compact; the card shows it in groups of four). */
  iban: Type.Union([Type.String(), Type.Null()]),
  /** Protected addresses are left out under turvakielto unless the user's role and relationship need them. */
  addresses: Type.Array(Address),
  version: Type.Integer(),
})
export type PersonDetails = Static<typeof PersonDetails>

export const PersonIdParams = Type.Object({ id: Uuid })

export const RelationshipParams = Type.Object({ id: Uuid, relationshipId: Uuid })

const nonEmpty = (max: number) => Type.String({ minLength: 1, maxLength: max })
const optionalNullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Optional(Type.Union([t, Type.Null()]))

export const AddressInput = Type.Object(
  {
    kind: AddressKind,
    street: nonEmpty(200),
    postalCode: Type.String({ pattern: '^[0-9]{5}$' }),
    postOffice: nonEmpty(100),
    municipalityCode: Type.Optional(Type.String({ pattern: '^[0-9]{3}$' })),
    validFrom: Type.Optional(IsoDate),
    validUntil: Type.Optional(IsoDate),
  },
  { additionalProperties: false },
)
export type AddressInput = Static<typeof AddressInput>

export const ServiceTaskCode = Type.Union([
  Type.Literal('adult_social_work'),
  Type.Literal('income_support'),
  Type.Literal('child_welfare'),
  Type.Literal('family_services'),
  Type.Literal('disability_services'),
  Type.Literal('substance_mental_health'),
  Type.Literal('child_maintenance'),
  Type.Literal('client_fees'),
])
export type ServiceTaskCode = Static<typeof ServiceTaskCode>

export const RelationshipKind = Type.Union([Type.Literal('responsible'), Type.Literal('team'), Type.Literal('task')])
export const RelationshipStartReason = Type.Union([
  Type.Literal('application'),
  Type.Literal('notification'),
  Type.Literal('referral'),
  Type.Literal('own_initiative'),
  Type.Literal('kela_forward'),
  Type.Literal('transfer'),
  Type.Literal('other'),
])
export type RelationshipStartReason = Static<typeof RelationshipStartReason>
export const RelationshipEndReason = Type.Union([
  Type.Literal('needs_met'),
  Type.Literal('moved_away'),
  Type.Literal('client_declined'),
  Type.Literal('transferred'),
  Type.Literal('deceased'),
  Type.Literal('age_limit'),
  Type.Literal('other'),
])
export type RelationshipEndReason = Static<typeof RelationshipEndReason>

export const PersonCreate = Type.Object(
  {
    /** Henkilötunnus; without one the system issues a temporary id (birth date then required). */
    hetu: Type.Optional(Type.String({ minLength: 10, maxLength: 11 })),
    firstNames: nonEmpty(200),
    lastName: nonEmpty(200),
    callingName: Type.Optional(Type.String({ maxLength: 100 })),
    birthDate: Type.Optional(IsoDate),
    sex: Type.Optional(Type.Union([Type.Literal('male'), Type.Literal('female')])),
    nativeLanguage: Type.Optional(Type.String({ pattern: '^[a-z]{2,3}$' })),
    serviceLanguage: Type.Optional(Type.Union([Type.Literal('fi'), Type.Literal('sv'), Type.Literal('other')])),
    phone: Type.Optional(Type.String({ maxLength: 40, pattern: '^[+0-9 ()-]{5,40}$' })),
    email: Type.Optional(Type.String({ maxLength: 200, format: 'email' })),
    iban: Type.Optional(Type.String({ maxLength: 42 })),
    turvakielto: Type.Optional(Type.Boolean()),
    addresses: Type.Optional(Type.Array(AddressInput, { maxItems: 10 })),
    /** Open a client relationship at the same time (asiakkuuden alkaminen). */
    relationship: Type.Optional(
      Type.Object(
        {
          serviceTask: ServiceTaskCode,
          userId: Type.Optional(Uuid),
          kind: Type.Optional(RelationshipKind),
          startReason: Type.Optional(RelationshipStartReason),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
)
export type PersonCreate = Static<typeof PersonCreate>

export const PersonUpdate = Type.Object(
  {
    version: Type.Integer({ minimum: 1 }),
    firstNames: Type.Optional(nonEmpty(200)),
    lastName: Type.Optional(nonEmpty(200)),
    callingName: optionalNullable(Type.String({ maxLength: 100 })),
    nativeLanguage: optionalNullable(Type.String({ pattern: '^[a-z]{2,3}$' })),
    serviceLanguage: Type.Optional(Type.Union([Type.Literal('fi'), Type.Literal('sv'), Type.Literal('other')])),
    phone: optionalNullable(Type.String({ maxLength: 40, pattern: '^[+0-9 ()-]{5,40}$' })),
    email: optionalNullable(Type.String({ maxLength: 200, format: 'email' })),
    iban: optionalNullable(Type.String({ maxLength: 42 })),
    addresses: Type.Optional(Type.Array(AddressInput, { maxItems: 10 })),
  },
  { additionalProperties: false },
)
export type PersonUpdate = Static<typeof PersonUpdate>

export const PersonCreated = Type.Object({ id: Uuid, hetu: Type.Union([Type.String(), Type.Null()]), temporaryId: Type.Union([Type.String(), Type.Null()]) })

export const Relationship = Type.Object({
  id: Uuid,
  serviceTask: Type.String(),
  kind: RelationshipKind,
  userId: Uuid,
  userName: Type.String(),
  startDate: IsoDate,
  endDate: Type.Union([IsoDate, Type.Null()]),
  startReason: Type.String(),
  endReason: Type.Union([Type.String(), Type.Null()]),
})
export type Relationship = Static<typeof Relationship>

export const RelationshipOpen = Type.Object(
  {
    serviceTask: ServiceTaskCode,
    userId: Uuid,
    kind: RelationshipKind,
    startDate: Type.Optional(IsoDate),
    startReason: RelationshipStartReason,
    /**
     * Why the worker opens the relationship for themselves (at least 10 characters), required when no open matter in
     * their unit's intake names the person: the service task's supervisors see it. Never client details beyond need.
     */
    selfReason: Type.Optional(Type.String({ maxLength: 1000 })),
  },
  { additionalProperties: false },
)
export type RelationshipOpen = Static<typeof RelationshipOpen>

export const RelationshipEnd = Type.Object(
  { endDate: Type.Optional(IsoDate), endReason: RelationshipEndReason },
  { additionalProperties: false },
)
export type RelationshipEnd = Static<typeof RelationshipEnd>

export const FamilyRelation = Type.Union([
  Type.Literal('parent'),
  Type.Literal('child'),
  Type.Literal('guardian'),
  Type.Literal('ward'),
  Type.Literal('spouse'),
  Type.Literal('cohabitant'),
])
export type FamilyRelation = Static<typeof FamilyRelation>

export const FamilyMember = Type.Object({
  id: Uuid,
  /** The relation row (to end it); `relation` is read from the card's person: "parent" = this is my parent. */
  relationId: Type.Optional(Uuid),
  relation: FamilyRelation,
  firstNames: Type.String(),
  lastName: Type.String(),
  birthDate: Type.Union([IsoDate, Type.Null()]),
  deathDate: Type.Union([IsoDate, Type.Null()]),
  validFrom: Type.Union([IsoDate, Type.Null()]),
  validUntil: Type.Union([IsoDate, Type.Null()]),
})

export const HouseholdMember = Type.Object({
  id: Uuid,
  householdId: Type.Optional(Uuid),
  firstNames: Type.String(),
  lastName: Type.String(),
  birthDate: Type.Union([IsoDate, Type.Null()]),
  validFrom: IsoDate,
  validUntil: Type.Union([IsoDate, Type.Null()]),
})

export const TimelineEvent = Type.Object({
  at: Type.String({ format: 'date-time' }),
  kind: Type.String({ description: 'person.created, person.changed, person.vtj, relationship.opened, relationship.ended, …' }),
  by: Type.Union([Type.String(), Type.Null()]),
  serviceTask: Type.Union([Type.String(), Type.Null()]),
  fields: Type.Array(Type.String()),
})

export const ClientCard = Type.Object({
  person: PersonDetails,
  family: Type.Array(FamilyMember),
  household: Type.Array(HouseholdMember),
  relationships: Type.Array(Relationship),
  timeline: Type.Array(TimelineEvent),
  /** How the user reached this client: relationship, supervision, registry or break_glass. */
  accessBasis: Type.String(),
  /** When the data was last compared with the population register (VTJ). */
  vtjCheckedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  /** Fields the population register changed when this card was opened (refresh of stale data). */
  vtjChanges: Type.Array(Type.String()),
  /** The person's own open household membership (ruokakunta), if any: the household the `household` list is of. */
  ownHousehold: Type.Optional(Type.Union([Type.Object({ householdId: Uuid, validFrom: IsoDate }), Type.Null()])),
})
export type ClientCard = Static<typeof ClientCard>

export const ProtectedAddress = Type.Object({
  municipalityCode: Type.Union([Type.String(), Type.Null()]),
  addresses: Type.Array(Address),
})
export type ProtectedAddress = Static<typeof ProtectedAddress>

export const DuplicatePerson = Type.Object({ existingPersonId: Uuid })

/** Merge a temporary identity into the real one (`POST /api/persons/:id/merge`, :id = the temporary person). */
export const PersonMerge = Type.Object(
  {
    /** The real henkilötunnus: set on this person when nobody has it, else this person is merged into its holder. */
    hetu: Type.String({ minLength: 10, maxLength: 11 }),
    /** Why (kept in the person history of both persons). */
    reason: Type.String({ minLength: 5, maxLength: 500 }),
    /** The temporary person's version as the user saw it (optimistic locking). */
    version: Type.Integer({ minimum: 1 }),
  },
  { additionalProperties: false },
)
export type PersonMerge = Static<typeof PersonMerge>

export const PersonMergeResult = Type.Object({
  /** `identified`: the hetu was set on this person; `merged`: this person was merged into `personId`. */
  outcome: Type.Union([Type.Literal('identified'), Type.Literal('merged')]),
  /** The surviving person (open this one). */
  personId: Uuid,
  /** Rows moved per table (merged only). */
  moved: Type.Record(Type.String(), Type.Integer()),
})
export type PersonMergeResult = Static<typeof PersonMergeResult>

/**
 * The problem answered for a person merged into another (status 404, type https://huoma.fi/problems/person-merged):
 * the old id no longer serves data; `mergedInto` points at the surviving person.
 */
export const PersonMergedProblem = Type.Object({ mergedInto: Uuid })

export const FamilyRelationAdd = Type.Object(
  {
    /** The other person (must be in the registry and visible to the user). */
    relatedId: Uuid,
    /** What the other person is to this one: "parent" = the other is this person's parent. */
    relation: FamilyRelation,
    validFrom: Type.Optional(IsoDate),
    validUntil: Type.Optional(IsoDate),
  },
  { additionalProperties: false },
)
export type FamilyRelationAdd = Static<typeof FamilyRelationAdd>

export const FamilyRelationEnd = Type.Object({ validUntil: IsoDate }, { additionalProperties: false })
export type FamilyRelationEnd = Static<typeof FamilyRelationEnd>

export const FamilyRelationParams = Type.Object({ id: Uuid, relationId: Uuid })

/** The family relation added or ended. */
export const FamilyRelationRef = Type.Object({ relationId: Uuid })
export type FamilyRelationRef = Static<typeof FamilyRelationRef>

/** Start a new household (ruokakunta) with this person as its first member. */
export const HouseholdStart = Type.Object({ validFrom: IsoDate }, { additionalProperties: false })
export type HouseholdStart = Static<typeof HouseholdStart>

/** Add a person to this person's current household. */
export const HouseholdMemberAdd = Type.Object({ personId: Uuid, validFrom: IsoDate }, { additionalProperties: false })
export type HouseholdMemberAdd = Static<typeof HouseholdMemberAdd>

/** End a member's (possibly this person's own) membership of this person's current household. */
export const HouseholdMemberEnd = Type.Object({ validUntil: IsoDate }, { additionalProperties: false })
export type HouseholdMemberEnd = Static<typeof HouseholdMemberEnd>

export const HouseholdMemberParams = Type.Object({ id: Uuid, memberId: Uuid })

/** The household started or changed. */
export const HouseholdRef = Type.Object({ householdId: Uuid })
export type HouseholdRef = Static<typeof HouseholdRef>

/**
 * The client registry's operations: search, basic data, the client card, relationships, merge, family and
 * household, break the glass. Registration from the population register and its refresh are in `vtjEndpoints`.
 */
/** A relationship a worker opened for themselves outside their unit's intake, with the reason they gave. */
export const SelfOpenedRelationship = Type.Object({
  id: Uuid,
  person: Type.Object({ id: Uuid, firstNames: Type.String(), lastName: Type.String() }),
  serviceTask: ServiceTaskCode,
  worker: Type.Object({ id: Uuid, displayName: Type.String() }),
  startDate: IsoDate,
  endDate: Type.Union([IsoDate, Type.Null()]),
  openedAt: Type.String({ format: 'date-time' }),
  reason: Type.String(),
})
export type SelfOpenedRelationship = Static<typeof SelfOpenedRelationship>

export const SelfOpenedQuery = Type.Object(
  { days: Type.Optional(Type.Integer({ minimum: 1, maximum: 366, description: 'How many days back (default 90)' })) },
  { additionalProperties: false },
)
export const SelfOpenedList = Type.Object({ relationships: Type.Array(SelfOpenedRelationship) })
export type SelfOpenedList = Static<typeof SelfOpenedList>


export const PersonContactKind = Type.Union([
  Type.Literal('relative'),
  Type.Literal('contact_person'),
  Type.Literal('edunvalvoja'),
  Type.Literal('other_representative'),
])
export type PersonContactKind = Static<typeof PersonContactKind>
export const PERSON_CONTACT_KINDS = ['relative', 'contact_person', 'edunvalvoja', 'other_representative'] as const satisfies readonly PersonContactKind[]

/**
 * A relative or contact person beyond the family relations, or an adult's representative: an edunvalvoja or another
 * person managing their affairs (`matters` says for which). `linkedPersonId`: the person in the registry, if known.
 */
export const PersonContact = Type.Object({
  id: Uuid,
  kind: PersonContactKind,
  name: Type.String(),
  relation: Type.Union([Type.String(), Type.Null()]),
  phone: Type.Union([Type.String(), Type.Null()]),
  email: Type.Union([Type.String(), Type.Null()]),
  address: Type.Union([Type.String(), Type.Null()]),
  matters: Type.Union([Type.String(), Type.Null()]),
  validFrom: Type.Union([IsoDate, Type.Null()]),
  validUntil: Type.Union([IsoDate, Type.Null()]),
  linkedPersonId: Type.Union([Uuid, Type.Null()]),
  version: Type.Integer(),
})
export type PersonContact = Static<typeof PersonContact>

export const PersonContactList = Type.Object({ contacts: Type.Array(PersonContact) })
export type PersonContactList = Static<typeof PersonContactList>

const contactFields = {
  kind: PersonContactKind,
  name: Type.String({ minLength: 1, maxLength: 200 }),
  relation: optionalNullable(Type.String({ maxLength: 100 })),
  phone: optionalNullable(Type.String({ maxLength: 40, pattern: '^[+0-9 ()-]{5,40}$' })),
  email: optionalNullable(Type.String({ maxLength: 200, format: 'email' })),
  address: optionalNullable(Type.String({ maxLength: 300 })),
  matters: optionalNullable(Type.String({ maxLength: 1000 })),
  validFrom: Type.Optional(Type.Union([IsoDate, Type.Null()])),
  validUntil: Type.Optional(Type.Union([IsoDate, Type.Null()])),
  linkedPersonId: Type.Optional(Type.Union([Uuid, Type.Null()])),
}

/** A new contact; a representative (edunvalvoja, other) needs `matters`: for which matters they act. */
export const PersonContactAdd = Type.Object(contactFields, { additionalProperties: false })
export type PersonContactAdd = Static<typeof PersonContactAdd>

/** The whole contact again under optimistic locking (the version read). */
export const PersonContactUpdate = Type.Object({ ...contactFields, version: Type.Integer({ minimum: 1 }) }, { additionalProperties: false })
export type PersonContactUpdate = Static<typeof PersonContactUpdate>

/** Ends a contact: its last day (today when left out), under optimistic locking. */
export const PersonContactEnd = Type.Object({ validUntil: Type.Optional(IsoDate), version: Type.Integer({ minimum: 1 }) }, { additionalProperties: false })
export type PersonContactEnd = Static<typeof PersonContactEnd>

export const PersonContactParams = Type.Object({ id: Uuid, contactId: Uuid })


export const HOUSING_KINDS = ['rental', 'owner', 'right_of_occupancy', 'supported_housing', 'institution', 'with_relatives', 'homeless', 'other'] as const
export const INCOME_SOURCES = ['employment', 'pension', 'unemployment_benefit', 'sickness_benefit', 'studies', 'income_support', 'other', 'none'] as const
export const HousingKind = Type.Enum(HOUSING_KINDS)
export const IncomeSource = Type.Enum(INCOME_SOURCES)

/** One recorded housing and life situation; the newest is the current one, the older ones its history. */
export const LifeSituation = Type.Object({
  id: Uuid,
  housingKind: HousingKind,
  household: Type.Union([Type.String(), Type.Null()]),
  incomeSource: IncomeSource,
  notes: Type.Union([Type.String(), Type.Null()]),
  recordedAt: Type.String({ format: 'date-time' }),
  recordedBy: Type.Union([Type.String(), Type.Null()]),
})
export type LifeSituation = Static<typeof LifeSituation>

export const LifeSituationHistory = Type.Object({ current: Type.Union([LifeSituation, Type.Null()]), history: Type.Array(LifeSituation) })
export type LifeSituationHistory = Static<typeof LifeSituationHistory>

/**
 * A new situation. `basedOn`: the id of the current situation the user saw (null when there was none): if another
 * has been recorded since, 409.
 */
export const LifeSituationRecord = Type.Object(
  {
    basedOn: Type.Union([Uuid, Type.Null()]),
    housingKind: HousingKind,
    household: optionalNullable(Type.String({ maxLength: 500 })),
    incomeSource: IncomeSource,
    notes: optionalNullable(Type.String({ maxLength: 2000 })),
  },
  { additionalProperties: false },
)
export type LifeSituationRecord = Static<typeof LifeSituationRecord>

export const personsEndpoints = endpoints({
  'persons.search': {
    method: 'GET',
    path: '/api/persons',
    action: 'persons:search',
    summary: 'Search persons by name, henkilötunnus or birth date',
    query: PersonSearchQuery,
    response: { 200: PersonSearchResult },
  },
  'persons.read': {
    method: 'GET',
    path: '/api/persons/:id',
    action: 'persons:read',
    summary: 'A person\'s basic data',
    params: PersonIdParams,
    response: { 200: PersonDetails },
  },
  'persons.create': {
    method: 'POST',
    path: '/api/persons',
    action: 'persons:create',
    summary: 'Register a person as a client',
    body: PersonCreate,
    response: { 201: PersonCreated },
    errors: [409],
  },
  'persons.update': {
    method: 'PATCH',
    path: '/api/persons/:id',
    action: 'persons:update',
    summary: 'Change a client\'s basic data',
    params: PersonIdParams,
    body: PersonUpdate,
    response: { 200: PersonDetails },
    errors: [409],
  },
  'persons.card': {
    method: 'GET',
    path: '/api/persons/:id/card',
    action: 'persons:card',
    summary: 'The client card',
    params: PersonIdParams,
    response: { 200: ClientCard },
  },
  'persons.protectedAddress': {
    method: 'GET',
    path: '/api/persons/:id/protected-address',
    action: 'persons:protected-address',
    summary: 'The address and municipality under turvakielto',
    params: PersonIdParams,
    response: { 200: ProtectedAddress },
  },
  'persons.openRelationship': {
    method: 'POST',
    path: '/api/persons/:id/relationships',
    action: 'relationships:open',
    summary: 'Open a client relationship',
    params: PersonIdParams,
    body: RelationshipOpen,
    response: { 201: Relationship },
  },
  'persons.selfOpenedRelationships': {
    method: 'GET',
    path: '/api/relationships/self-opened',
    action: 'relationships:self-opened',
    summary: "Relationships workers opened for themselves outside their unit's intake, with their reasons",
    description:
      'For supervisors: the relationships opened in the service tasks of their grants by the worker named in them, ' +
      'when no open matter in the intake of the worker\'s unit named the client, newest first. An audited list.',
    query: SelfOpenedQuery,
    response: { 200: SelfOpenedList },
  },
  'persons.endRelationship': {
    method: 'POST',
    path: '/api/persons/:id/relationships/:relationshipId/end',
    action: 'relationships:end',
    summary: 'End a client relationship',
    params: RelationshipParams,
    body: RelationshipEnd,
    response: { 200: Relationship },
  },
  'persons.merge': {
    method: 'POST',
    path: '/api/persons/:id/merge',
    action: 'persons:merge',
    summary: 'Merge a temporary identity into the real henkilötunnus',
    description:
      'Sets the henkilötunnus on this (temporary) person when nobody has it; otherwise moves every record of this ' +
      'person to its holder in one transaction and marks this person merged. Reads of a merged person answer 404 ' +
      'with type https://huoma.fi/problems/person-merged and `mergedInto`.',
    params: PersonIdParams,
    body: PersonMerge,
    response: { 200: PersonMergeResult },
    errors: [409],
  },
  'persons.addFamilyRelation': {
    method: 'POST',
    path: '/api/persons/:id/family',
    action: 'persons:family',
    summary: 'Add a family relation',
    params: PersonIdParams,
    body: FamilyRelationAdd,
    response: { 201: FamilyRelationRef },
  },
  'persons.endFamilyRelation': {
    method: 'POST',
    path: '/api/persons/:id/family/:relationId/end',
    action: 'persons:family',
    summary: 'End a family relation',
    params: FamilyRelationParams,
    body: FamilyRelationEnd,
    response: { 200: FamilyRelationRef },
  },
  'persons.startHousehold': {
    method: 'POST',
    path: '/api/persons/:id/household',
    action: 'persons:household',
    summary: 'Start a household (ruokakunta) with this person',
    params: PersonIdParams,
    body: HouseholdStart,
    response: { 201: HouseholdRef },
  },
  'persons.addHouseholdMember': {
    method: 'POST',
    path: '/api/persons/:id/household/members',
    action: 'persons:household',
    summary: 'Add a member to this person\'s household',
    params: PersonIdParams,
    body: HouseholdMemberAdd,
    response: { 201: HouseholdRef },
  },
  'persons.endHouseholdMember': {
    method: 'POST',
    path: '/api/persons/:id/household/members/:memberId/end',
    action: 'persons:household',
    summary: 'End a household membership',
    params: HouseholdMemberParams,
    body: HouseholdMemberEnd,
    response: { 200: HouseholdRef },
  },
  'persons.contacts': {
    method: 'GET',
    path: '/api/persons/:id/contacts',
    action: 'persons:contacts',
    summary: "The client's relatives, contact persons and representatives (edunvalvoja), current and ended",
    params: PersonIdParams,
    response: { 200: PersonContactList },
  },
  'persons.addContact': {
    method: 'POST',
    path: '/api/persons/:id/contacts',
    action: 'persons:contact-add',
    summary: 'Add a relative, contact person or representative',
    params: PersonIdParams,
    body: PersonContactAdd,
    response: { 201: PersonContact },
  },
  'persons.updateContact': {
    method: 'PATCH',
    path: '/api/persons/:id/contacts/:contactId',
    action: 'persons:contact-update',
    summary: 'Change a contact person or representative (optimistic locking)',
    params: PersonContactParams,
    body: PersonContactUpdate,
    response: { 200: PersonContact },
    errors: [409],
  },
  'persons.endContact': {
    method: 'POST',
    path: '/api/persons/:id/contacts/:contactId/end',
    action: 'persons:contact-update',
    summary: 'End a contact person or representative',
    params: PersonContactParams,
    body: PersonContactEnd,
    response: { 200: PersonContact },
    errors: [409],
  },
  'persons.lifeSituation': {
    method: 'GET',
    path: '/api/persons/:id/life-situation',
    action: 'persons:life-situation',
    summary: "The client's housing and life situation, with its history",
    params: PersonIdParams,
    response: { 200: LifeSituationHistory },
  },
  'persons.recordLifeSituation': {
    method: 'POST',
    path: '/api/persons/:id/life-situation',
    action: 'persons:life-situation-record',
    summary: 'Record the housing and life situation (the previous one stays in the history)',
    params: PersonIdParams,
    body: LifeSituationRecord,
    response: { 201: LifeSituation },
    errors: [409],
  },
  'persons.breakGlassServiceTasks': {
    method: 'GET',
    path: '/api/break-glass/service-tasks',
    action: 'persons:break-glass',
    summary: 'The service tasks in which the signed-in user may break the glass, and for how long an access lasts',
    response: { 200: BreakGlassTasks },
  },
  'persons.breakGlass': {
    method: 'POST',
    path: '/api/persons/:id/break-glass',
    action: 'persons:break-glass',
    summary: 'Break the glass: open a client without a relationship for a bounded time, on a stated reason',
    description:
      'The reason is stored with the access (never in the audit log) and the access is reviewed by the data protection ' +
      'officer. A person that does not exist answers 404.',
    params: PersonIdParams,
    body: BreakGlassRequest,
    response: { 201: BreakGlassAccess },
  },
})

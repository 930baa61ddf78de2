import Type, { type Static } from 'typebox'
import { IsoDate, Uuid } from './common'

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
})
export type PersonSearchResult = Static<typeof PersonSearchResult>

export const Address = Type.Object({
  kind: Type.Union([Type.Literal('permanent'), Type.Literal('temporary'), Type.Literal('postal'), Type.Literal('contact')]),
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
  /** Protected addresses are left out under turvakielto unless the user's role and relationship need them. */
  addresses: Type.Array(Address),
  version: Type.Integer(),
})
export type PersonDetails = Static<typeof PersonDetails>

export const PersonIdParams = Type.Object({ id: Uuid })

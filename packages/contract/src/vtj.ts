import Type, { type Static } from 'typebox'
import { IsoDate, Uuid } from './common'
import { AddressKind, RelationshipKind, RelationshipStartReason, ServiceTaskCode } from './persons'

/** Why the population register is queried (käyttötarkoitus); required by the register and kept in Huoma's log. */
export const VtjPurpose = Type.String({ minLength: 3, maxLength: 200 })

export const VtjQueryRequest = Type.Object({ hetu: Type.String({ minLength: 10, maxLength: 11 }), purpose: VtjPurpose }, { additionalProperties: false })
export type VtjQueryRequest = Static<typeof VtjQueryRequest>

export const VtjPersonView = Type.Object({
  hetu: Type.String(),
  firstNames: Type.String(),
  lastName: Type.String(),
  birthDate: IsoDate,
  sex: Type.Union([Type.Literal('male'), Type.Literal('female'), Type.Null()]),
  deathDate: Type.Union([IsoDate, Type.Null()]),
  nativeLanguage: Type.Union([Type.String(), Type.Null()]),
  turvakielto: Type.Boolean(),
  /** Under turvakielto only a contact address, if the person has registered one. */
  addresses: Type.Array(
    Type.Object({ kind: AddressKind, street: Type.String(), postalCode: Type.String(), postOffice: Type.String() }),
  ),
  guardians: Type.Array(Type.Object({ hetu: Type.String(), name: Type.String() })),
  children: Type.Array(Type.Object({ hetu: Type.String(), name: Type.String() })),
})
export type VtjPersonView = Static<typeof VtjPersonView>

export const VtjQueryResponse = Type.Union([
  Type.Object({ status: Type.Literal('found'), person: VtjPersonView, existingPersonId: Type.Union([Uuid, Type.Null()]) }),
  Type.Object({ status: Type.Literal('not_found') }),
  Type.Object({ status: Type.Literal('error'), code: Type.String() }),
])
export type VtjQueryResponse = Static<typeof VtjQueryResponse>

export const PersonFromVtj = Type.Object(
  {
    hetu: Type.String({ minLength: 10, maxLength: 11 }),
    purpose: VtjPurpose,
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
export type PersonFromVtj = Static<typeof PersonFromVtj>

export const VtjRefreshRequest = Type.Object({ purpose: Type.Optional(VtjPurpose) }, { additionalProperties: false })

export const VtjRefreshResult = Type.Object({
  status: Type.Union([Type.Literal('updated'), Type.Literal('unchanged'), Type.Literal('not_found'), Type.Literal('error')]),
  /** Names of the fields that changed (values of protected fields are never returned here). */
  changedFields: Type.Array(Type.String()),
})
export type VtjRefreshResult = Static<typeof VtjRefreshResult>

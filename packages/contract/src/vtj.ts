import Type, { type Static } from 'typebox'
import { IsoDate, Uuid } from './common'
import { endpoints } from './endpoint'
import { AddressKind, PersonCreated, PersonIdParams, RelationshipKind, RelationshipStartReason, ServiceTaskCode } from './persons'

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

/**
 * The population register's operations: a query with a stated purpose, registering a client from the register and
 * refreshing a client's data from it. Every query's purpose is kept in Huoma's log and referenced from the audit row.
 */
export const vtjEndpoints = endpoints({
  'vtj.query': {
    method: 'POST',
    path: '/api/vtj/query',
    action: 'vtj:query',
    summary: 'Query a person from the population register',
    body: VtjQueryRequest,
    response: { 200: VtjQueryResponse },
  },
  'persons.fromVtj': {
    method: 'POST',
    path: '/api/persons/from-vtj',
    action: 'persons:create',
    summary: 'Register a client from the population register',
    body: PersonFromVtj,
    response: { 201: PersonCreated },
    errors: [409, 502],
  },
  'persons.refreshFromVtj': {
    method: 'POST',
    path: '/api/persons/:id/vtj-refresh',
    action: 'persons:vtj-refresh',
    summary: 'Refresh from the population register',
    params: PersonIdParams,
    body: VtjRefreshRequest,
    response: { 200: VtjRefreshResult },
  },
})

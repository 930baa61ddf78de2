import Type, { type Static } from 'typebox'
import { IsoDate, Uuid } from './common'
import { endpoints } from './endpoint'
import { PageFields, pageQueryFields } from './paging'

/**
 * The register of service providers (palveluntuottajarekisteri): pharmacies, funeral services, landlords, energy
 * companies, housing and care services, family carers — those payment commitments are given to and payables are paid
 * to. Finance keeps it: the business id (Y-tunnus) with its check digit, the account, the address and contact, the
 * service types and the validity; every change is kept with who and when. No client data.
 */

export const PROVIDER_SERVICE_TYPES = [
  'pharmacy',
  'funeral',
  'landlord',
  'energy',
  'housing_service',
  'home_care',
  'family_care',
  'institutional_care',
  'substance_abuse_care',
  'other',
] as const
export const ProviderServiceType = Type.Enum(PROVIDER_SERVICE_TYPES)
export type ProviderServiceType = Static<typeof ProviderServiceType>

const Text = (max: number) => Type.String({ maxLength: max })
const Nullable = <T extends ReturnType<typeof Text> | typeof IsoDate>(t: T) => Type.Union([t, Type.Null()])

/** What finance enters or changes. */
export const ProviderInput = Type.Object(
  {
    name: Type.String({ minLength: 2, maxLength: 200 }),
    /** Y-tunnus `1234567-8`; absent for a private person's business without one */
    businessId: Type.Optional(Nullable(Text(11))),
    iban: Type.Optional(Nullable(Text(42))),
    bic: Type.Optional(Nullable(Text(11))),
    street: Type.Optional(Nullable(Text(200))),
    postalCode: Type.Optional(Nullable(Text(5))),
    postOffice: Type.Optional(Nullable(Text(100))),
    email: Type.Optional(Nullable(Text(200))),
    phone: Type.Optional(Nullable(Text(40))),
    serviceTypes: Type.Array(ProviderServiceType, { minItems: 1, maxItems: PROVIDER_SERVICE_TYPES.length, uniqueItems: true }),
    validFrom: IsoDate,
    validUntil: Type.Optional(Nullable(IsoDate)),
  },
  { additionalProperties: false },
)
export type ProviderInput = Static<typeof ProviderInput>

export const ProviderUpdate = Type.Object({ ...ProviderInput.properties, version: Type.Integer({ minimum: 1 }) }, { additionalProperties: false })
export type ProviderUpdate = Static<typeof ProviderUpdate>

export const Provider = Type.Object({
  id: Uuid,
  number: Type.Integer(),
  name: Type.String(),
  businessId: Type.Union([Type.String(), Type.Null()]),
  iban: Type.Union([Type.String(), Type.Null()]),
  bic: Type.Union([Type.String(), Type.Null()]),
  street: Type.Union([Type.String(), Type.Null()]),
  postalCode: Type.Union([Type.String(), Type.Null()]),
  postOffice: Type.Union([Type.String(), Type.Null()]),
  email: Type.Union([Type.String(), Type.Null()]),
  phone: Type.Union([Type.String(), Type.Null()]),
  serviceTypes: Type.Array(ProviderServiceType),
  validFrom: IsoDate,
  validUntil: Type.Union([IsoDate, Type.Null()]),
  /** valid today */
  active: Type.Boolean(),
  version: Type.Integer(),
})
export type Provider = Static<typeof Provider>

/** A page of the register (by name), with the total matching the search. */
export const ProviderList = Type.Object({ providers: Type.Array(Provider), ...PageFields })
export type ProviderList = Static<typeof ProviderList>

export const ProviderQuery = Type.Object(
  {
    q: Type.Optional(Type.String({ maxLength: 100, description: 'Part of the name, or the business id' })),
    serviceType: Type.Optional(ProviderServiceType),
    /** include providers not valid today */
    all: Type.Optional(Type.Boolean()),
    /** paging (default: the first 200) and the order of names */
    ...pageQueryFields(['name'] as const),
  },
  { additionalProperties: false },
)
export type ProviderQuery = Static<typeof ProviderQuery>

export const ProviderParams = Type.Object({ providerId: Uuid })

export const ProviderHistory = Type.Object({
  provider: Provider,
  changes: Type.Array(Type.Object({ version: Type.Integer(), changedAt: Type.String({ format: 'date-time' }), changedBy: Type.Union([Type.String(), Type.Null()]), snapshot: Type.Record(Type.String(), Type.Unknown()) })),
})
export type ProviderHistory = Static<typeof ProviderHistory>

export const providersEndpoints = endpoints({
  'providers.list': {
    method: 'GET',
    path: '/api/providers',
    action: 'providers:read',
    summary: 'Search the provider register by name or business id (valid today unless all)',
    query: ProviderQuery,
    response: { 200: ProviderList },
  },
  'providers.read': {
    method: 'GET',
    path: '/api/providers/:providerId',
    action: 'providers:read',
    summary: 'One provider with every change (who and when)',
    params: ProviderParams,
    response: { 200: ProviderHistory },
  },
  'providers.create': {
    method: 'POST',
    path: '/api/providers',
    action: 'providers:write',
    summary: 'Enter a provider: the business id\'s check digit and the account are checked',
    body: ProviderInput,
    response: { 201: Provider },
    errors: [409],
  },
  'providers.update': {
    method: 'PUT',
    path: '/api/providers/:providerId',
    action: 'providers:write',
    summary: 'Change a provider (optimistic locking: a stale version answers 409); the change is kept in its history',
    params: ProviderParams,
    body: ProviderUpdate,
    response: { 200: Provider },
    errors: [409],
  },
})

import Type, { type Static } from 'typebox'
import { FileBody, IsoDate, Uuid } from './common'
import { endpoints } from './endpoint'

/*
 * The client's own requests about their data (rekisteröidyn oikeudet): access, rectification, restriction,
 * erasure and the log request, registered by the data protection officer's team once the requester's identity was
 * checked, due in a month (extendable once by two), answered by a decision in parts per register with the refusal
 * ground of each refused part, the refusal certificate, and the copy of the client's data as PDF and JSON.
 * The code lists mirror `@huoma/domain` (data-subject-rights.ts); the server asserts they are equal.
 */

const Text = (max: number, min = 0) => Type.String({ maxLength: max, minLength: min })
const Lang = Type.Union([Type.Literal('fi'), Type.Literal('sv')])
const ServiceTaskCode = Type.String({ minLength: 1, maxLength: 64, pattern: '^[a-z_]+$' })

export const RIGHTS_REQUEST_KINDS = ['access', 'rectification', 'restriction', 'erasure', 'log'] as const
export const RIGHTS_REQUESTER_KINDS = ['client', 'guardian', 'representative'] as const
export const IDENTITY_CHECKS = ['identity_document', 'strong_electronic', 'signed_letter_verified', 'known_in_person'] as const
export const RIGHTS_CHANNELS = ['in_person', 'letter', 'e_service', 'secure_email'] as const
export const REFUSAL_GROUNDS = ['health_or_care', 'child_development', 'others_rights', 'statutory_retention', 'data_correct', 'unfounded'] as const
export const RightsRequestKind = Type.Enum(RIGHTS_REQUEST_KINDS)
export const RefusalGround = Type.Enum(REFUSAL_GROUNDS)
export const RightsState = Type.Union([Type.Literal('open'), Type.Literal('decided'), Type.Literal('withdrawn')])

export const RightsRequestInput = Type.Object(
  {
    personId: Uuid,
    kind: RightsRequestKind,
    requesterKind: Type.Enum(RIGHTS_REQUESTER_KINDS),
    /** the guardian or representative (a person in the registry); absent for the client themself */
    requesterId: Type.Optional(Type.Union([Uuid, Type.Null()])),
    channel: Type.Enum(RIGHTS_CHANNELS),
    /** how the identity was verified; a request is not registered without it */
    identityCheck: Type.Union([Type.Enum(IDENTITY_CHECKS), Type.Null()]),
    receivedOn: IsoDate,
    /** the registers asked about; empty: every register */
    serviceTasks: Type.Array(ServiceTaskCode, { maxItems: 20 }),
    periodFrom: Type.Optional(Type.Union([IsoDate, Type.Null()])),
    periodTo: Type.Optional(Type.Union([IsoDate, Type.Null()])),
    details: Text(5000, 1),
    language: Lang,
  },
  { additionalProperties: false },
)
export type RightsRequestInput = Static<typeof RightsRequestInput>

export const RightsExtensionInput = Type.Object(
  { extendedTo: IsoDate, reason: Text(2000, 10), noticeOn: IsoDate, version: Type.Integer({ minimum: 1 }) },
  { additionalProperties: false },
)
export type RightsExtensionInput = Static<typeof RightsExtensionInput>

export const RightsWithdrawInput = Type.Object({ withdrawnOn: IsoDate, version: Type.Integer({ minimum: 1 }) }, { additionalProperties: false })
export type RightsWithdrawInput = Static<typeof RightsWithdrawInput>

/** A part of the answer: one register (null: the registry's basic data), granted or refused on a ground. */
export const RightsPart = Type.Object(
  {
    serviceTask: Type.Union([ServiceTaskCode, Type.Null()]),
    outcome: Type.Union([Type.Literal('granted'), Type.Literal('refused')]),
    ground: Type.Optional(Type.Union([RefusalGround, Type.Null()])),
    /** what was done (e.g. what was corrected) or why refused, in words for the client */
    explanation: Text(5000),
  },
  { additionalProperties: false },
)
export type RightsPart = Static<typeof RightsPart>

export const RightsDecisionInput = Type.Object(
  { parts: Type.Array(RightsPart, { minItems: 1, maxItems: 20 }), reasons: Text(20_000, 10), decidedOn: IsoDate, version: Type.Integer({ minimum: 1 }) },
  { additionalProperties: false },
)
export type RightsDecisionInput = Static<typeof RightsDecisionInput>

const PersonRef = Type.Object({ id: Uuid, name: Type.String(), hetu: Type.Union([Type.String(), Type.Null()]) })

export const RightsRequest = Type.Object({
  id: Uuid,
  number: Type.Integer(),
  person: PersonRef,
  kind: RightsRequestKind,
  requesterKind: Type.Enum(RIGHTS_REQUESTER_KINDS),
  requester: Type.Union([PersonRef, Type.Null()]),
  channel: Type.Enum(RIGHTS_CHANNELS),
  identityCheck: Type.Enum(IDENTITY_CHECKS),
  identityCheckedBy: Type.String(),
  receivedOn: IsoDate,
  dueOn: IsoDate,
  extendedTo: Type.Union([IsoDate, Type.Null()]),
  extensionReason: Type.Union([Type.String(), Type.Null()]),
  extensionNoticeOn: Type.Union([IsoDate, Type.Null()]),
  /** the due date in force (the extended one when extended) and how it stands today */
  effectiveDue: IsoDate,
  standing: Type.Union([Type.Literal('open'), Type.Literal('due_soon'), Type.Literal('overdue'), Type.Literal('closed')]),
  serviceTasks: Type.Array(Type.String()),
  periodFrom: Type.Union([IsoDate, Type.Null()]),
  periodTo: Type.Union([IsoDate, Type.Null()]),
  details: Type.String(),
  language: Lang,
  state: RightsState,
  withdrawnOn: Type.Union([IsoDate, Type.Null()]),
  decision: Type.Union([
    Type.Object({
      id: Uuid,
      number: Type.Integer(),
      decidedOn: IsoDate,
      maker: Type.String(),
      outcome: Type.Union([Type.Literal('granted'), Type.Literal('partly'), Type.Literal('refused')]),
      reasons: Type.String(),
      parts: Type.Array(RightsPart),
    }),
    Type.Null(),
  ]),
  version: Type.Integer(),
})
export type RightsRequest = Static<typeof RightsRequest>

export const RightsRequestList = Type.Object({ requests: Type.Array(RightsRequest) })
export type RightsRequestList = Static<typeof RightsRequestList>

export const Restriction = Type.Object({
  id: Uuid,
  personId: Uuid,
  serviceTasks: Type.Array(Type.String()),
  grounds: Type.String(),
  requestNumber: Type.Union([Type.Integer(), Type.Null()]),
  restrictedOn: IsoDate,
  restrictedBy: Type.String(),
  liftedOn: Type.Union([IsoDate, Type.Null()]),
  liftedBy: Type.Union([Type.String(), Type.Null()]),
  liftNote: Type.Union([Type.String(), Type.Null()]),
  version: Type.Integer(),
})
export type Restriction = Static<typeof Restriction>
export const RestrictionList = Type.Object({ restrictions: Type.Array(Restriction) })
export type RestrictionList = Static<typeof RestrictionList>

export const LiftRestrictionInput = Type.Object({ liftedOn: IsoDate, note: Text(2000, 5), version: Type.Integer({ minimum: 1 }) }, { additionalProperties: false })
export type LiftRestrictionInput = Static<typeof LiftRestrictionInput>

/** The machine-readable copy of a client's data: sections per register, the processing log and the disclosures. */
export const ClientCopy = Type.Object({
  format: Type.Literal('huoma-client-copy/1'),
  request: Type.Object({ number: Type.Integer(), kind: RightsRequestKind, decidedOn: IsoDate }),
  controller: Type.String(),
  producedAt: Type.String({ format: 'date-time' }),
  client: Type.Object({ name: Type.String(), hetu: Type.Union([Type.String(), Type.Null()]), temporaryId: Type.Union([Type.String(), Type.Null()]) }),
  /** the registers refused, with the ground (their data is not in the copy) */
  withheld: Type.Array(Type.Object({ serviceTask: Type.Union([Type.String(), Type.Null()]), ground: Type.Union([RefusalGround, Type.Null()]) })),
  sections: Type.Array(
    Type.Object({
      key: Type.String(),
      title: Type.String(),
      serviceTask: Type.Union([Type.String(), Type.Null()]),
      records: Type.Array(Type.Record(Type.String(), Type.Union([Type.String(), Type.Number(), Type.Boolean(), Type.Null()]))),
    }),
  ),
  processing: Type.Array(Type.Object({ at: Type.String(), who: Type.Union([Type.String(), Type.Null()]), role: Type.Union([Type.String(), Type.Null()]), register: Type.String(), action: Type.String() })),
  disclosures: Type.Array(Type.Object({ on: IsoDate, recipient: Type.String(), serviceTask: Type.String(), basis: Type.String(), what: Type.String() })),
})
export type ClientCopy = Static<typeof ClientCopy>

const RequestParams = Type.Object({ requestId: Uuid })
const R = '/api/rights/requests'

export const rightsEndpoints = endpoints({
  'rights.list': {
    method: 'GET',
    path: R,
    action: 'rights:read',
    summary: 'The clients\' requests about their data: the open ones by due date, or one client\'s every request',
    query: Type.Object({ state: Type.Optional(Type.Union([Type.Literal('open'), Type.Literal('all')])), personId: Type.Optional(Uuid) }, { additionalProperties: false }),
    response: { 200: RightsRequestList },
  },
  'rights.register': {
    method: 'POST',
    path: R,
    action: 'rights:register',
    summary: 'Register a client\'s request (access, rectification, restriction, erasure, log) once the identity is checked; due in one month',
    body: RightsRequestInput,
    response: { 201: RightsRequest },
  },
  'rights.read': {
    method: 'GET',
    path: `${R}/:requestId`,
    action: 'rights:read',
    summary: 'One request with its decision',
    params: RequestParams,
    response: { 200: RightsRequest },
  },
  'rights.extend': {
    method: 'POST',
    path: `${R}/:requestId/extension`,
    action: 'rights:handle',
    summary: 'Extend the answer\'s deadline once by at most two months; the requester told within the first month',
    params: RequestParams,
    body: RightsExtensionInput,
    response: { 200: RightsRequest },
    errors: [409],
  },
  'rights.withdraw': {
    method: 'POST',
    path: `${R}/:requestId/withdrawal`,
    action: 'rights:handle',
    summary: 'Record that the requester withdrew the request',
    params: RequestParams,
    body: RightsWithdrawInput,
    response: { 200: RightsRequest },
    errors: [409],
  },
  'rights.decide': {
    method: 'POST',
    path: `${R}/:requestId/decision`,
    action: 'rights:decide',
    summary: 'Answer the request as a decision in parts per register, each refused part with its ground; a granted restriction restricts processing',
    params: RequestParams,
    body: RightsDecisionInput,
    response: { 200: RightsRequest },
    errors: [409],
  },
  'rights.decisionPdf': {
    method: 'GET',
    path: `${R}/:requestId/decision/pdf`,
    action: 'rights:print',
    summary: 'The decision as PDF for the requester, with the appeal instructions when anything was refused',
    params: RequestParams,
    response: { 200: FileBody },
    produces: 'application/pdf',
  },
  'rights.refusalCertificate': {
    method: 'GET',
    path: `${R}/:requestId/refusal-certificate/pdf`,
    action: 'rights:print',
    summary: 'The refusal certificate (kieltäytymistodistus) of a refused or partly refused request, with how to turn to the Data Protection Ombudsman',
    params: RequestParams,
    response: { 200: FileBody },
    produces: 'application/pdf',
    errors: [409],
  },
  'rights.copy': {
    method: 'GET',
    path: `${R}/:requestId/copy`,
    action: 'rights:copy',
    summary: 'The machine-readable copy of the client\'s data for a granted access or log request (refused registers left out)',
    params: RequestParams,
    response: { 200: ClientCopy },
    errors: [409],
  },
  'rights.copyPdf': {
    method: 'GET',
    path: `${R}/:requestId/copy/pdf`,
    action: 'rights:copy',
    summary: 'The copy of the client\'s data as PDF in the request\'s language, with who processed the data and to whom it was disclosed',
    params: RequestParams,
    response: { 200: FileBody },
    produces: 'application/pdf',
    errors: [409],
  },
  'rights.restrictions': {
    method: 'GET',
    path: '/api/rights/restrictions',
    action: 'rights:read',
    summary: 'A client\'s restrictions of processing, standing and lifted',
    query: Type.Object({ personId: Uuid }, { additionalProperties: false }),
    response: { 200: RestrictionList },
  },
  'rights.liftRestriction': {
    method: 'POST',
    path: '/api/rights/restrictions/:restrictionId/lift',
    action: 'rights:handle',
    summary: 'Lift a restriction of processing (outputs of the client\'s data are allowed again)',
    params: Type.Object({ restrictionId: Uuid }),
    body: LiftRestrictionInput,
    response: { 200: RestrictionList },
    errors: [409],
  },
})

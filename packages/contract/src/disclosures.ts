import Type, { type Static } from 'typebox'
import { FileBody, IsoDate, Uuid } from './common'
import { endpoints } from './endpoint'

/*
 * Disclosures of client data (luovutukset) and consents, per register (service task): a request from another
 * authority or party with its legal basis, its decision (disclose, partly, refuse, with reasons), the disclosure
 * itself into the disclosure log — which the client's access report prints — and the client's consents and bans.
 * The code lists mirror `@huoma/domain` (disclosures.ts); the server asserts they are equal.
 */

const Text = (max: number, min = 0) => Type.String({ maxLength: max, minLength: min })
const Opt = <T extends ReturnType<typeof Text>>(t: T) => Type.Optional(Type.Union([t, Type.Null()]))

export const DISCLOSURE_BASES = ['consent', 'client_act_17', 'client_act_18', 'client_act_19', 'child_welfare_act', 'other_act', 'research_permit'] as const
export const DisclosureBasis = Type.Enum(DISCLOSURE_BASES)
export const REQUESTER_KINDS = ['authority', 'police', 'court', 'kela', 'enforcement', 'provider', 'party', 'research', 'genealogy', 'other'] as const
export const RequesterKind = Type.Enum(REQUESTER_KINDS)
export const DISCLOSURE_BAN_PURPOSES = ['genealogy', 'register_research'] as const
export const DISCLOSURE_METHODS = ['secure_email', 'post', 'in_person', 'interface', 'phone'] as const
export const DisclosureOutcome = Type.Union([Type.Literal('disclose'), Type.Literal('partly'), Type.Literal('refuse')])
const ServiceTaskCode = Type.String({ minLength: 1, maxLength: 64, pattern: '^[a-z_]+$' })

const PersonParams = Type.Object({ id: Uuid })
export const DisclosureRequestParams = Type.Object({ id: Uuid, requestId: Uuid })
export const ConsentParams = Type.Object({ id: Uuid, consentId: Uuid })
export const DisclosureRegisterQuery = Type.Object({ serviceTask: ServiceTaskCode }, { additionalProperties: false })

export const DisclosureRequestInput = Type.Object(
  {
    serviceTask: ServiceTaskCode,
    requesterKind: RequesterKind,
    requesterName: Text(200, 2),
    requesterOrganisation: Opt(Text(200)),
    receivedOn: IsoDate,
    basis: DisclosureBasis,
    /** the act and section (other act) or the permit's number (research) */
    basisCitation: Opt(Text(500)),
    /** the consent a `consent` basis rests on */
    consentId: Type.Optional(Type.Union([Uuid, Type.Null()])),
    purpose: Text(2000, 3),
    requested: Text(5000, 3),
  },
  { additionalProperties: false },
)
export type DisclosureRequestInput = Static<typeof DisclosureRequestInput>

export const DisclosureDecisionInput = Type.Object(
  { serviceTask: ServiceTaskCode, outcome: DisclosureOutcome, reasons: Text(20_000, 10), decidedOn: IsoDate, version: Type.Integer({ minimum: 1 }) },
  { additionalProperties: false },
)
export type DisclosureDecisionInput = Static<typeof DisclosureDecisionInput>

export const DiscloseInput = Type.Object(
  { serviceTask: ServiceTaskCode, what: Text(5000, 3), method: Type.Enum(DISCLOSURE_METHODS), disclosedOn: IsoDate, version: Type.Integer({ minimum: 1 }) },
  { additionalProperties: false },
)
export type DiscloseInput = Static<typeof DiscloseInput>

export const DisclosureLogRow = Type.Object({
  id: Uuid,
  requestId: Type.Union([Uuid, Type.Null()]),
  recipient: Type.String(),
  basis: DisclosureBasis,
  basisCitation: Type.Union([Type.String(), Type.Null()]),
  what: Type.String(),
  method: Type.Enum(DISCLOSURE_METHODS),
  disclosedOn: IsoDate,
  disclosedBy: Type.Union([Type.String(), Type.Null()]),
})

export const DisclosureRequest = Type.Object({
  id: Uuid,
  number: Type.Integer(),
  serviceTask: Type.String(),
  requesterKind: RequesterKind,
  requesterName: Type.String(),
  requesterOrganisation: Type.Union([Type.String(), Type.Null()]),
  receivedOn: IsoDate,
  basis: DisclosureBasis,
  basisCitation: Type.Union([Type.String(), Type.Null()]),
  consentId: Type.Union([Uuid, Type.Null()]),
  purpose: Type.String(),
  requested: Type.String(),
  registeredBy: Type.String(),
  decision: Type.Union([Type.Object({ outcome: DisclosureOutcome, reasons: Type.String(), decidedOn: IsoDate, decidedBy: Type.String() }), Type.Null()]),
  version: Type.Integer(),
})
export type DisclosureRequest = Static<typeof DisclosureRequest>

export const INFORMATION_BASES = ['client_act_20', 'child_welfare_act_41', 'consent', 'other_act'] as const

/** An outgoing request for information to another authority (asiakaslaki 20 §, LSL 41 §): asked, and what was obtained. */
export const InformationRequest = Type.Object({
  id: Uuid,
  authority: Type.String(),
  basis: Type.Enum(INFORMATION_BASES),
  basisCitation: Type.Union([Type.String(), Type.Null()]),
  asked: Type.String(),
  sentOn: IsoDate,
  sentBy: Type.String(),
  answer: Type.Union([Type.Object({ answeredOn: IsoDate, obtained: Type.String() }), Type.Null()]),
  version: Type.Integer(),
})
export type InformationRequest = Static<typeof InformationRequest>

export const InformationRequestInput = Type.Object(
  { serviceTask: ServiceTaskCode, authority: Text(300, 2), basis: Type.Enum(INFORMATION_BASES), basisCitation: Opt(Text(500)), asked: Text(5000, 3), sentOn: IsoDate },
  { additionalProperties: false },
)
export type InformationRequestInput = Static<typeof InformationRequestInput>

export const InformationAnswerInput = Type.Object(
  { serviceTask: ServiceTaskCode, answeredOn: IsoDate, obtained: Text(10_000, 2), version: Type.Integer({ minimum: 1 }) },
  { additionalProperties: false },
)
export type InformationAnswerInput = Static<typeof InformationAnswerInput>

export const DisclosureRegister = Type.Object({
  serviceTask: Type.String(),
  requests: Type.Array(DisclosureRequest),
  log: Type.Array(DisclosureLogRow),
  /** what the workers asked other authorities about the client in this register */
  informationRequests: Type.Array(InformationRequest),
})
export type DisclosureRegister = Static<typeof DisclosureRegister>

export const ConsentInput = Type.Object(
  {
    kind: Type.Union([Type.Literal('consent'), Type.Literal('ban')]),
    /** a consent: to whom; a ban: absent */
    recipient: Opt(Text(300)),
    purpose: Text(2000, 3),
    dataScope: Opt(Text(2000)),
    banPurpose: Type.Optional(Type.Union([Type.Enum(DISCLOSURE_BAN_PURPOSES), Type.Null()])),
    serviceTasks: Type.Array(ServiceTaskCode, { maxItems: 20, uniqueItems: true }),
    /** a legal representative who gave it for the client (a guardian, an edunvalvoja); absent: the client */
    givenBy: Type.Optional(Type.Union([Uuid, Type.Null()])),
    form: Type.Union([Type.Literal('written'), Type.Literal('oral'), Type.Literal('electronic')]),
    givenOn: IsoDate,
    validUntil: Type.Optional(Type.Union([IsoDate, Type.Null()])),
  },
  { additionalProperties: false },
)
export type ConsentInput = Static<typeof ConsentInput>

export const RevokeInput = Type.Object({ revokedOn: IsoDate, note: Text(2000, 3), version: Type.Integer({ minimum: 1 }) }, { additionalProperties: false })
export type RevokeInput = Static<typeof RevokeInput>

export const Consent = Type.Object({
  id: Uuid,
  kind: Type.Union([Type.Literal('consent'), Type.Literal('ban')]),
  recipient: Type.Union([Type.String(), Type.Null()]),
  purpose: Type.String(),
  dataScope: Type.Union([Type.String(), Type.Null()]),
  banPurpose: Type.Union([Type.Enum(DISCLOSURE_BAN_PURPOSES), Type.Null()]),
  serviceTasks: Type.Array(Type.String()),
  givenBy: Type.Union([Type.Object({ id: Uuid, name: Type.String() }), Type.Null()]),
  form: Type.Union([Type.Literal('written'), Type.Literal('oral'), Type.Literal('electronic')]),
  givenOn: IsoDate,
  validUntil: Type.Union([IsoDate, Type.Null()]),
  recordedBy: Type.String(),
  revoked: Type.Union([Type.Object({ on: IsoDate, by: Type.String(), note: Type.String() }), Type.Null()]),
  /** today: valid, not yet, expired or revoked (a ban: in force or revoked) */
  standing: Type.Union([Type.Literal('valid'), Type.Literal('not_yet'), Type.Literal('expired'), Type.Literal('revoked')]),
  version: Type.Integer(),
})
export type Consent = Static<typeof Consent>

export const ConsentList = Type.Object({ consents: Type.Array(Consent) })
export type ConsentList = Static<typeof ConsentList>

const P = '/api/persons/:id'

// ---- regular disclosures that run (the privacy notice's `regular_disclosure` rows with an output) --------------------

/** The outputs Huoma can produce for a regular disclosure (mirrored by the migration's CHECK and `notice.ts`). */
export const REGULAR_DISCLOSURE_PRODUCERS = ['kela_income_support_decisions'] as const
export const RegularDisclosureProducer = Type.Enum(REGULAR_DISCLOSURE_PRODUCERS)
/** The register each output reads: a definition naming the output is of that service task. */
export const REGULAR_DISCLOSURE_PRODUCER_TASKS: Record<(typeof REGULAR_DISCLOSURE_PRODUCERS)[number], string> = { kela_income_support_decisions: 'income_support' }

export const RegularRun = Type.Object({
  id: Uuid,
  number: Type.Integer(),
  periodStart: IsoDate,
  periodEnd: IsoDate,
  trigger: Type.Union([Type.Literal('job'), Type.Literal('manual')]),
  runBy: Type.Union([Type.String(), Type.Null()], { description: 'the main user who ran it now; null: the scheduled job' }),
  ranAt: Type.String({ format: 'date-time' }),
  included: Type.Integer({ description: 'clients whose data the file carries (one disclosure log row each)' }),
  records: Type.Integer({ description: 'rows of the file' }),
  leftOutRestricted: Type.Integer({ description: 'clients left out: a restriction of processing in the register' }),
  leftOutBanned: Type.Integer({ description: 'clients left out: their ban on the purpose' }),
  leftOutNoIdentity: Type.Integer({ description: 'clients left out: no henkilötunnus to identify them to the recipient' }),
  fileName: Type.String(),
  fileSha256: Type.String(),
})
export type RegularRun = Static<typeof RegularRun>

export const RegularDefinition = Type.Object({
  id: Uuid,
  serviceTask: ServiceTaskCode,
  recipientFi: Type.String(),
  recipientSv: Type.String(),
  legalBasisFi: Type.String(),
  legalBasisSv: Type.String(),
  contentFi: Type.String(),
  contentSv: Type.String(),
  frequency: Type.String(),
  active: Type.Boolean(),
  producer: Type.Union([RegularDisclosureProducer, Type.Null()], { description: 'the output Huoma makes for it; null: not produced by Huoma' }),
  runs: Type.Array(RegularRun, { description: 'the latest runs, newest period first (at most 20)' }),
})
export const RegularDefinitionList = Type.Object({ definitions: Type.Array(RegularDefinition) })
export type RegularDefinitionList = Static<typeof RegularDefinitionList>

export const RegularRunInput = Type.Object({ periodStart: IsoDate, periodEnd: IsoDate }, { additionalProperties: false })
export type RegularRunInput = Static<typeof RegularRunInput>
export const RegularRunResult = Type.Object({ run: RegularRun, alreadyRan: Type.Boolean({ description: 'the period had run before: nothing was sent or logged again' }) })
const RegularParams = Type.Object({ definitionId: Uuid })
const RegularRunParams = Type.Object({ definitionId: Uuid, runId: Uuid })

export const disclosuresEndpoints = endpoints({
  'disclosures.regularList': {
    method: 'GET',
    path: '/api/admin/regular-disclosures/runs',
    action: 'disclosures:regular-read',
    summary: 'The regular disclosures with their outputs and latest runs (counts only, no client data)',
    response: { 200: RegularDefinitionList },
  },
  'disclosures.regularRun': {
    method: 'POST',
    path: '/api/admin/regular-disclosures/:definitionId/runs',
    action: 'disclosures:regular-run',
    summary: 'Run a regular disclosure now for a closed period: its file, a disclosure log row per client, audited as a disclosure; a period that ran answers its run',
    params: RegularParams,
    body: RegularRunInput,
    response: { 200: RegularRunResult },
    errors: [409],
  },
  'disclosures.regularFile': {
    method: 'GET',
    path: '/api/admin/regular-disclosures/:definitionId/runs/:runId/file',
    action: 'disclosures:regular-file',
    summary: 'The file a run produced (as sent to the recipient), audited as an export naming its clients',
    params: RegularRunParams,
    produces: 'text/csv',
    response: { 200: FileBody },
  },
  'disclosures.register': {
    method: 'GET',
    path: `${P}/disclosures`,
    action: 'disclosures:read',
    summary: 'The client\'s disclosure requests with their decisions, and the disclosure log, in one register',
    params: PersonParams,
    query: DisclosureRegisterQuery,
    response: { 200: DisclosureRegister },
  },
  'disclosures.receive': {
    method: 'POST',
    path: `${P}/disclosures`,
    action: 'disclosures:receive',
    summary: 'Register a request to disclose the client\'s data: requester, legal basis (or consent), purpose, what is asked',
    params: PersonParams,
    body: DisclosureRequestInput,
    response: { 201: DisclosureRegister },
  },
  'disclosures.decide': {
    method: 'POST',
    path: `${P}/disclosures/:requestId/decision`,
    action: 'disclosures:decide',
    summary: 'Decide a disclosure request: disclose, partly or refuse, with reasons; a consent and the client\'s bans are checked',
    params: DisclosureRequestParams,
    body: DisclosureDecisionInput,
    response: { 200: DisclosureRegister },
    errors: [409],
  },
  'disclosures.disclose': {
    method: 'POST',
    path: `${P}/disclosures/:requestId/disclosed`,
    action: 'disclosures:disclose',
    summary: 'Record the disclosure made on a decided request into the disclosure log (audited as a disclosure)',
    params: DisclosureRequestParams,
    body: DiscloseInput,
    response: { 200: DisclosureRegister },
    errors: [409],
  },
  'disclosures.decisionPdf': {
    method: 'GET',
    path: `${P}/disclosures/:requestId/decision/pdf`,
    action: 'disclosures:print',
    summary: 'The decision on a disclosure request as PDF for the requester, with the appeal instructions when anything was refused',
    params: DisclosureRequestParams,
    query: Type.Object({ serviceTask: ServiceTaskCode, language: Type.Optional(Type.Union([Type.Literal('fi'), Type.Literal('sv')])) }, { additionalProperties: false }),
    response: { 200: FileBody },
    produces: 'application/pdf',
  },
  'disclosures.bundlePdf': {
    method: 'GET',
    path: `${P}/disclosures/:requestId/bundle/pdf`,
    action: 'disclosures:print',
    summary: 'The documents sent on a decided request as one PDF: a cover letter, then the chosen records of the register within the period',
    params: DisclosureRequestParams,
    query: Type.Object(
      {
        serviceTask: ServiceTaskCode,
        /** the record kinds to send, comma-separated copy keys (e.g. `journal/entry,kernel/decision`) */
        records: Type.String({ pattern: '^[a-z-]+/[a-z-]+(,[a-z-]+/[a-z-]+)*$', maxLength: 500 }),
        from: Type.Optional(IsoDate),
        to: Type.Optional(IsoDate),
        language: Type.Optional(Type.Union([Type.Literal('fi'), Type.Literal('sv')])),
      },
      { additionalProperties: false },
    ),
    response: { 200: FileBody },
    produces: 'application/pdf',
    errors: [409],
  },
  'disclosures.askInformation': {
    method: 'POST',
    path: `${P}/information-requests`,
    action: 'disclosures:ask',
    summary: 'Record a request for information sent to another authority about the client (asiakaslaki 20 §, LSL 41 §, another act)',
    params: PersonParams,
    body: InformationRequestInput,
    response: { 201: DisclosureRegister },
  },
  'disclosures.informationAnswered': {
    method: 'POST',
    path: `${P}/information-requests/:requestId/answer`,
    action: 'disclosures:ask',
    summary: 'Record what an information request obtained, and when',
    params: DisclosureRequestParams,
    body: InformationAnswerInput,
    response: { 200: DisclosureRegister },
    errors: [409],
  },
  'disclosures.consents': {
    method: 'GET',
    path: `${P}/consents`,
    action: 'consents:read',
    summary: 'The client\'s consents and bans, in force and past',
    params: PersonParams,
    response: { 200: ConsentList },
  },
  'disclosures.recordConsent': {
    method: 'POST',
    path: `${P}/consents`,
    action: 'consents:record',
    summary: 'Record a consent (to whom, what, which registers, until when) or a ban on disclosing for genealogy or register research',
    params: PersonParams,
    body: ConsentInput,
    response: { 201: ConsentList },
  },
  'disclosures.revokeConsent': {
    method: 'POST',
    path: `${P}/consents/:consentId/revoke`,
    action: 'consents:revoke',
    summary: 'Revoke a consent or a ban on a day, with a note; it stays in the record',
    params: ConsentParams,
    body: RevokeInput,
    response: { 200: ConsentList },
    errors: [409],
  },
})

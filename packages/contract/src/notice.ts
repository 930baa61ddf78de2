import Type, { type Static } from 'typebox'
import { FileBody, IsoDate, Uuid } from './common'
import { endpoints } from './endpoint'
import { LoginResponse } from './auth'
import { ServiceTaskCode } from './persons'

/**
 * Issue 13, items 7 and 8. The privacy notice (tietosuojaseloste) of the social welfare client register, generated
 * from the live configuration — the controller's and the data protection officer's contact, the purposes and acts
 * per service task, regular disclosures, transfers, retention, where paper records are kept, security measures and
 * the client's rights — public in Finnish and Swedish as JSON, HTML and PDF, every version kept. The configuration
 * the main user keeps for it; the record that a client was informed of the processing; the user commitment
 * (käyttäjäsitoumus) every user accepts at first sign-in and after it changes.
 */

export const NoticeLanguage = Type.Union([Type.Literal('fi'), Type.Literal('sv')])
export type NoticeLanguage = Static<typeof NoticeLanguage>

/** One entry of a section (a service task, a disclosure, a retention class): a title and its lines. */
export const NoticeItem = Type.Object({ title: Type.String(), lines: Type.Array(Type.String()) })
export type NoticeItem = Static<typeof NoticeItem>

export const NoticeSection = Type.Object({
  id: Type.String(),
  heading: Type.String(),
  paragraphs: Type.Array(Type.String()),
  items: Type.Array(NoticeItem),
})
export type NoticeSection = Static<typeof NoticeSection>

/** The notice in one language, as generated. */
export const NoticeDocument = Type.Object({ title: Type.String(), sections: Type.Array(NoticeSection) })
export type NoticeDocument = Static<typeof NoticeDocument>

export const NoticeVersionSummary = Type.Object({
  number: Type.Integer(),
  generatedAt: Type.String({ format: 'date-time' }),
  contentHash: Type.String({ description: 'SHA-256 of the content of both languages, hex' }),
  reason: Type.String({ description: 'What made it: `startup`, or the configuration changed (`settings`, `regular_disclosures`, `paper_records`)' }),
})
export type NoticeVersionSummary = Static<typeof NoticeVersionSummary>

export const NoticeVersion = Type.Object({ ...NoticeVersionSummary.properties, language: NoticeLanguage, document: NoticeDocument })
export type NoticeVersion = Static<typeof NoticeVersion>

export const NoticeVersionList = Type.Object({ versions: Type.Array(NoticeVersionSummary) })
export type NoticeVersionList = Static<typeof NoticeVersionList>

export const NoticeQuery = Type.Object({ language: Type.Optional(NoticeLanguage) }, { additionalProperties: false })
export const NoticeVersionParams = Type.Object({ number: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }) })

const Text = (max: number) => Type.String({ maxLength: max })
const Required = (max: number) => Type.String({ minLength: 2, maxLength: max })

/** The controller's data protection parameters (the main user's). */
export const DataProtectionSettingsInput = Type.Object(
  {
    controllerAddress: Text(300),
    controllerEmail: Text(200),
    controllerPhone: Text(40),
    dpoName: Text(200),
    dpoEmail: Text(200),
    dpoPhone: Text(40),
    dpoAddress: Text(300),
    rightsContactFi: Text(2000),
    rightsContactSv: Text(2000),
    transfersFi: Text(2000),
    transfersSv: Text(2000),
    securityFi: Text(4000),
    securitySv: Text(4000),
    version: Type.Integer({ minimum: 1 }),
  },
  { additionalProperties: false },
)
export type DataProtectionSettingsInput = Static<typeof DataProtectionSettingsInput>

export const DataProtectionSettings = Type.Object({
  ...DataProtectionSettingsInput.properties,
  controllerName: Type.String(),
  businessId: Type.String(),
  updatedAt: Type.String({ format: 'date-time' }),
})
export type DataProtectionSettings = Static<typeof DataProtectionSettings>

export const DISCLOSURE_FREQUENCIES = ['continuous', 'daily', 'monthly', 'yearly', 'on_request', 'per_event'] as const
export const DisclosureFrequency = Type.Enum(DISCLOSURE_FREQUENCIES)
export type DisclosureFrequency = Static<typeof DisclosureFrequency>

export const RegularDisclosureInput = Type.Object(
  {
    serviceTask: ServiceTaskCode,
    recipientFi: Required(200),
    recipientSv: Required(200),
    /** the provision with its citation, e.g. `Laki toimeentulotuesta 1412/1997 14 a §` */
    legalBasisFi: Required(300),
    legalBasisSv: Required(300),
    contentFi: Required(1000),
    contentSv: Required(1000),
    frequency: DisclosureFrequency,
    /** the output Huoma produces and runs for it (`GET /api/admin/regular-disclosures/runs`); left out: unchanged */
    producer: Type.Optional(Type.Union([Type.Enum(['kela_income_support_decisions'] as const), Type.Null()])),
  },
  { additionalProperties: false },
)
export type RegularDisclosureInput = Static<typeof RegularDisclosureInput>

export const RegularDisclosureUpdate = Type.Object(
  { ...RegularDisclosureInput.properties, active: Type.Boolean(), version: Type.Integer({ minimum: 1 }) },
  { additionalProperties: false },
)
export type RegularDisclosureUpdate = Static<typeof RegularDisclosureUpdate>

export const RegularDisclosure = Type.Object({ id: Uuid, ...RegularDisclosureUpdate.properties })
export type RegularDisclosure = Static<typeof RegularDisclosure>

export const PaperRecordInput = Type.Object(
  {
    serviceTask: ServiceTaskCode,
    /** the unit whose records they are; none: the whole organisation's */
    unitId: Type.Union([Uuid, Type.Null()]),
    place: Required(300),
    content: Required(1000),
    /** the period the records cover, e.g. `1995–2014` */
    period: Required(100),
    responsible: Required(200),
  },
  { additionalProperties: false },
)
export type PaperRecordInput = Static<typeof PaperRecordInput>

export const PaperRecordUpdate = Type.Object({ ...PaperRecordInput.properties, active: Type.Boolean(), version: Type.Integer({ minimum: 1 }) }, { additionalProperties: false })
export type PaperRecordUpdate = Static<typeof PaperRecordUpdate>

export const PaperRecord = Type.Object({ id: Uuid, ...PaperRecordUpdate.properties, unitName: Type.Union([Type.String(), Type.Null()]) })
export type PaperRecord = Static<typeof PaperRecord>

export const RegularDisclosureList = Type.Object({ disclosures: Type.Array(RegularDisclosure) })
export const PaperRecordList = Type.Object({ records: Type.Array(PaperRecord) })
export const ConfigItemParams = Type.Object({ itemId: Uuid })

export const PROCESSING_INFORMED_METHODS = ['in_person', 'letter', 'e_service'] as const
export const ProcessingInformedMethod = Type.Enum(PROCESSING_INFORMED_METHODS)
export type ProcessingInformedMethod = Static<typeof ProcessingInformedMethod>

/** That the client was informed of the processing of their data (GDPR art. 13) at the start of the relationship. */
export const ProcessingInformedInput = Type.Object(
  {
    serviceTask: ServiceTaskCode,
    informedOn: IsoDate,
    method: ProcessingInformedMethod,
    /** the worker who informed them; absent: the one recording */
    informedBy: Type.Optional(Uuid),
  },
  { additionalProperties: false },
)
export type ProcessingInformedInput = Static<typeof ProcessingInformedInput>

export const ProcessingNotice = Type.Object({
  id: Uuid,
  serviceTask: ServiceTaskCode,
  informedOn: IsoDate,
  method: ProcessingInformedMethod,
  informedBy: Type.Object({ id: Uuid, displayName: Type.String() }),
  /** the privacy notice in force when it was recorded */
  noticeVersion: Type.Union([Type.Integer(), Type.Null()]),
  recordedAt: Type.String({ format: 'date-time' }),
})
export type ProcessingNotice = Static<typeof ProcessingNotice>

export const ProcessingNoticeList = Type.Object({ records: Type.Array(ProcessingNotice) })
export type ProcessingNoticeList = Static<typeof ProcessingNoticeList>
export const ProcessingNoticeParams = Type.Object({ id: Uuid })
export const ProcessingNoticeQuery = Type.Object({ serviceTask: ServiceTaskCode }, { additionalProperties: false })

export const noticeEndpoints = endpoints({
  'notice.current': {
    method: 'GET',
    path: '/api/privacy-notice',
    action: 'notice:public',
    summary: 'The privacy notice in force (public), in Finnish or Swedish',
    query: NoticeQuery,
    response: { 200: NoticeVersion },
  },
  'notice.html': {
    method: 'GET',
    path: '/api/privacy-notice/html',
    action: 'notice:public',
    summary: 'The privacy notice in force as an HTML page (public)',
    description: 'Answers text/html.',
    query: NoticeQuery,
    response: { 200: FileBody },
    produces: 'text/html',
  },
  'notice.pdf': {
    method: 'GET',
    path: '/api/privacy-notice/pdf',
    action: 'notice:public',
    summary: 'The privacy notice in force as PDF (public)',
    description: 'Answers application/pdf.',
    query: NoticeQuery,
    response: { 200: FileBody },
    produces: 'application/pdf',
  },
  'notice.versions': {
    method: 'GET',
    path: '/api/privacy-notice/versions',
    action: 'notice:public',
    summary: 'Every version of the privacy notice, newest first (public)',
    response: { 200: NoticeVersionList },
  },
  'notice.version': {
    method: 'GET',
    path: '/api/privacy-notice/versions/:number',
    action: 'notice:public',
    summary: 'One version of the privacy notice as it was generated (public)',
    params: NoticeVersionParams,
    query: NoticeQuery,
    response: { 200: NoticeVersion },
  },
  'notice.settings': {
    method: 'GET',
    path: '/api/admin/data-protection',
    action: 'notice:configure',
    summary: 'The controller\'s data protection parameters (contact, the data protection officer, rights, transfers, security)',
    response: { 200: DataProtectionSettings },
  },
  'notice.updateSettings': {
    method: 'PUT',
    path: '/api/admin/data-protection',
    action: 'notice:configure',
    summary: 'Change the data protection parameters; the privacy notice is regenerated',
    body: DataProtectionSettingsInput,
    response: { 200: DataProtectionSettings },
    errors: [409],
  },
  'notice.regularDisclosures': {
    method: 'GET',
    path: '/api/admin/regular-disclosures',
    action: 'notice:configure',
    summary: 'The regular disclosures of every service task (ended ones too)',
    response: { 200: RegularDisclosureList },
  },
  'notice.createRegularDisclosure': {
    method: 'POST',
    path: '/api/admin/regular-disclosures',
    action: 'notice:configure',
    summary: 'Add a regular disclosure (recipient, legal basis, content, frequency); the privacy notice is regenerated',
    body: RegularDisclosureInput,
    response: { 201: RegularDisclosure },
  },
  'notice.updateRegularDisclosure': {
    method: 'PUT',
    path: '/api/admin/regular-disclosures/:itemId',
    action: 'notice:configure',
    summary: 'Change or end a regular disclosure; the privacy notice is regenerated',
    params: ConfigItemParams,
    body: RegularDisclosureUpdate,
    response: { 200: RegularDisclosure },
    errors: [409],
  },
  'notice.paperRecords': {
    method: 'GET',
    path: '/api/admin/paper-records',
    action: 'notice:configure',
    summary: 'The register of where paper records are kept (ended entries too)',
    response: { 200: PaperRecordList },
  },
  'notice.createPaperRecord': {
    method: 'POST',
    path: '/api/admin/paper-records',
    action: 'notice:configure',
    summary: 'Add where paper records of a service task are kept; the privacy notice is regenerated',
    body: PaperRecordInput,
    response: { 201: PaperRecord },
  },
  'notice.updatePaperRecord': {
    method: 'PUT',
    path: '/api/admin/paper-records/:itemId',
    action: 'notice:configure',
    summary: 'Change or end an entry of the paper records register; the privacy notice is regenerated',
    params: ConfigItemParams,
    body: PaperRecordUpdate,
    response: { 200: PaperRecord },
    errors: [409],
  },
  'notice.informedRecords': {
    method: 'GET',
    path: '/api/persons/:id/processing-notices',
    action: 'notice:informed-read',
    summary: 'When and how the client was informed of the processing of their data in one register (service task)',
    params: ProcessingNoticeParams,
    query: ProcessingNoticeQuery,
    response: { 200: ProcessingNoticeList },
  },
  'notice.recordInformed': {
    method: 'POST',
    path: '/api/persons/:id/processing-notices',
    action: 'notice:informed-record',
    summary: 'Record that the client was informed of the processing (day, in person / letter / e-service, by whom); answers the register\'s records',
    params: ProcessingNoticeParams,
    body: ProcessingInformedInput,
    response: { 201: ProcessingNoticeList },
  },
})

export const CommitmentStatus = Type.Object({
  /** the version in force; null: none published (nothing to accept) */
  version: Type.Union([Type.Integer(), Type.Null()]),
  textFi: Type.String(),
  textSv: Type.String(),
  publishedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  acceptedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
})
export type CommitmentStatus = Static<typeof CommitmentStatus>

export const CommitmentAccept = Type.Object({ version: Type.Integer({ minimum: 1 }) }, { additionalProperties: false })
export type CommitmentAccept = Static<typeof CommitmentAccept>

export const CommitmentPublish = Type.Object(
  { textFi: Type.String({ minLength: 20, maxLength: 20000 }), textSv: Type.String({ minLength: 20, maxLength: 20000 }) },
  { additionalProperties: false },
)
export type CommitmentPublish = Static<typeof CommitmentPublish>

export const CommitmentVersionList = Type.Object({
  versions: Type.Array(
    Type.Object({
      version: Type.Integer(),
      textFi: Type.String(),
      textSv: Type.String(),
      publishedAt: Type.String({ format: 'date-time' }),
      publishedBy: Type.Union([Type.String(), Type.Null()]),
      acceptances: Type.Integer({ description: 'How many users have accepted it' }),
    }),
  ),
  /** active users who have not accepted the version in force */
  pendingUsers: Type.Integer(),
})
export type CommitmentVersionList = Static<typeof CommitmentVersionList>

export const commitmentEndpoints = endpoints({
  'commitment.current': {
    method: 'GET',
    path: '/api/commitment',
    action: 'commitment:read',
    summary: 'The user commitment in force and whether the signed-in user has accepted it',
    response: { 200: CommitmentStatus },
  },
  'commitment.accept': {
    method: 'POST',
    path: '/api/commitment/accept',
    action: 'commitment:accept',
    summary: 'Accept the user commitment in force (the version read); the session becomes active',
    body: CommitmentAccept,
    response: { 200: LoginResponse },
    errors: [409],
  },
  'commitment.versions': {
    method: 'GET',
    path: '/api/admin/commitment',
    action: 'commitment:manage',
    summary: 'Every version of the user commitment with how many have accepted it',
    response: { 200: CommitmentVersionList },
  },
  'commitment.publish': {
    method: 'POST',
    path: '/api/admin/commitment',
    action: 'commitment:manage',
    summary: 'Publish a new version of the user commitment: every user accepts it at their next request',
    body: CommitmentPublish,
    response: { 201: CommitmentVersionList },
  },
})

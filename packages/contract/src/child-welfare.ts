import Type, { type Static } from 'typebox'
import { FileBody, IsoDate, Uuid } from './common'
import { endpoints } from './endpoint'

/*
 * Lastensuojelu — child welfare. This part: the notifications register (ilmoitusrekisteri, kept apart from the client
 * register; 254/2015): child welfare notifications, anticipatory notifications before birth, requests for a
 * service-need assessment and other ways a matter becomes pending, each an intake of the case kernel in the intake
 * unit's queue. The public e-form takes notifications without signing in. Per child the matter runs its statutory
 * deadlines (urgency at once, the decision to start the assessment by the 7th working day, the assessment complete
 * within 3 months). The code lists mirror `@huoma/domain` (child-welfare.ts); the server asserts they are equal.
 */

export const NOTIFICATION_KINDS = ['notification', 'anticipatory', 'assessment_request', 'other'] as const
export const NotificationKind = Type.Enum(NOTIFICATION_KINDS)
export type NotificationKind = Static<typeof NotificationKind>

export const NOTIFICATION_REPORTER_TYPES = [
  'school',
  'day_care',
  'health_care',
  'police',
  'social_services',
  'emergency_services',
  'prosecution_or_court',
  'other_authority',
  'parent',
  'relative',
  'private_person',
  'child',
  'anonymous',
  'other',
] as const
export const ReporterType = Type.Enum(NOTIFICATION_REPORTER_TYPES)
export type ReporterType = Static<typeof ReporterType>

export const NOTIFICATION_CHANNELS = ['eform', 'phone', 'letter', 'email', 'in_person', 'other'] as const
export const NotificationChannel = Type.Enum(NOTIFICATION_CHANNELS)
export type NotificationChannel = Static<typeof NotificationChannel>

const Text = (max: number, min = 0) => Type.String({ maxLength: max, minLength: min })
const Opt = <T extends ReturnType<typeof Text>>(t: T) => Type.Optional(Type.Union([t, Type.Null()]))

/** A child as the reporter named them (identified in the registry by the intake worker afterwards). */
export const ReportedChild = Type.Object(
  {
    name: Text(200, 1),
    /** birth date, when known */
    birthDate: Type.Optional(Type.Union([IsoDate, Type.Null()])),
    /** age or other clue when the birth date is not known, the school or day care, the address */
    details: Opt(Text(500)),
  },
  { additionalProperties: false },
)
export type ReportedChild = Static<typeof ReportedChild>

const reporterFields = {
  reporterType: ReporterType,
  reporterName: Opt(Text(200)),
  /** the school, day care centre, hospital, police department… of an official reporter */
  reporterOrganisation: Opt(Text(200)),
  reporterPhone: Opt(Text(40)),
  reporterEmail: Opt(Text(200)),
}

/** What anyone may send through the public e-form (no sign-in). An official reporter must identify themselves. */
export const PublicNotificationInput = Type.Object(
  {
    kind: Type.Union([Type.Literal('notification'), Type.Literal('anticipatory'), Type.Literal('assessment_request')]),
    ...reporterFields,
    /** what the reporter is worried about */
    content: Text(20_000, 1),
    children: Type.Array(ReportedChild, { minItems: 1, maxItems: 12 }),
    /** guardians or others of the family, as the reporter knows them */
    family: Opt(Text(1000)),
    /** the reporter asks not to be named to the family (honoured where the law allows) */
    withholdIdentity: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
)
export type PublicNotificationInput = Static<typeof PublicNotificationInput>

export const PublicNotificationReceipt = Type.Object({
  /** the number the reporter may quote when contacting the unit */
  receipt: Type.String(),
  receivedAt: Type.String({ format: 'date-time' }),
  unitName: Type.String(),
})
export type PublicNotificationReceipt = Static<typeof PublicNotificationReceipt>

/** A worker registers a notification received by phone, letter, e-mail or in person. */
export const RegisterNotificationInput = Type.Object(
  {
    kind: NotificationKind,
    channel: NotificationChannel,
    ...reporterFields,
    /** the reporter is under the statutory duty to report (LSL 25 §); derived from the reporter type when absent */
    reporterDuty: Type.Optional(Type.Boolean()),
    /** when it arrived (Europe/Helsinki local `YYYY-MM-DDTHH:MM` or an ISO instant); not in the future */
    receivedAt: Type.String({ minLength: 16, maxLength: 40 }),
    unitId: Uuid,
    content: Text(20_000, 1),
    children: Type.Array(ReportedChild, { minItems: 1, maxItems: 12 }),
    family: Opt(Text(1000)),
    withholdIdentity: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
)
export type RegisterNotificationInput = Static<typeof RegisterNotificationInput>

export const NotificationParams = Type.Object({ notificationId: Uuid })
export const MatterParams = Type.Object({ notificationId: Uuid, matterId: Uuid })

export const ChildSearchInput = Type.Object(
  {
    /** part of the name ("virtanen ai", "aino virtanen"); at least 3 letters unless a birth date is given */
    name: Type.Optional(Type.String({ maxLength: 100 })),
    birthDate: Type.Optional(IsoDate),
  },
  { additionalProperties: false },
)
export type ChildSearchInput = Static<typeof ChildSearchInput>

export const ChildSearchResult = Type.Object({
  persons: Type.Array(
    Type.Object({ id: Uuid, hetu: Type.Union([Type.String(), Type.Null()]), temporaryId: Type.Union([Type.String(), Type.Null()]), firstNames: Type.String(), lastName: Type.String(), birthDate: Type.Union([IsoDate, Type.Null()]), deathDate: Type.Union([IsoDate, Type.Null()]), turvakielto: Type.Boolean() }),
  ),
  /** always 0: every minor matching is shown (kept for the shape of the registry search) */
  hiddenMatches: Type.Integer({ minimum: 0 }),
})
export type ChildSearchResult = Static<typeof ChildSearchResult>

export const Urgency = Type.Union([Type.Literal('urgent'), Type.Literal('not_urgent')])
export type Urgency = Static<typeof Urgency>

export const UrgencyInput = Type.Object(
  { urgency: Urgency, reason: Text(2000, 10), version: Type.Integer({ minimum: 1 }) },
  { additionalProperties: false },
)
export type UrgencyInput = Static<typeof UrgencyInput>

export const AddChildInput = Type.Object({ personId: Uuid, version: Type.Integer({ minimum: 1 }) }, { additionalProperties: false })
export type AddChildInput = Static<typeof AddChildInput>

export const StartDecision = Type.Union([Type.Literal('start'), Type.Literal('no_assessment'), Type.Literal('already_client')])
export type StartDecision = Static<typeof StartDecision>

/** The decision whether to start the service-need assessment (LSL 26 § 3 mom), by the 7th working day. */
export const StartDecisionInput = Type.Object(
  {
    decision: StartDecision,
    decidedOn: IsoDate,
    reasons: Text(5000, 10),
    /** the social worker responsible for the assessment (start); defaults to the one deciding */
    responsibleUserId: Type.Optional(Uuid),
    version: Type.Integer({ minimum: 1 }),
  },
  { additionalProperties: false },
)
export type StartDecisionInput = Static<typeof StartDecisionInput>

export const INFORMED_METHODS = ['letter', 'in_person', 'phone', 'electronic'] as const
export const InformedInput = Type.Object(
  { informedOn: IsoDate, method: Type.Enum(INFORMED_METHODS), note: Opt(Text(1000)), version: Type.Integer({ minimum: 1 }) },
  { additionalProperties: false },
)
export type InformedInput = Static<typeof InformedInput>

export const CloseNotificationInput = Type.Object(
  { reason: Text(2000, 10), version: Type.Integer({ minimum: 1 }) },
  { additionalProperties: false },
)
export type CloseNotificationInput = Static<typeof CloseNotificationInput>

const DeadlineInfo = Type.Object({
  dueOn: IsoDate,
  state: Type.Union([Type.Literal('open'), Type.Literal('paused'), Type.Literal('met'), Type.Literal('cancelled')]),
  metOn: Type.Union([IsoDate, Type.Null()]),
  standing: Type.Union([
    Type.Literal('upcoming'),
    Type.Literal('due_today'),
    Type.Literal('overdue'),
    Type.Literal('paused'),
    Type.Literal('met_on_time'),
    Type.Literal('met_late'),
    Type.Literal('cancelled'),
  ]),
  workingDaysLeft: Type.Integer(),
})
export type DeadlineInfo = Static<typeof DeadlineInfo>

/** The kernel deadline kinds of child welfare (the domain's CHILD_WELFARE_DEADLINES, prefixed). */
export const CW_DEADLINE_KINDS = ['child_welfare.urgency', 'child_welfare.assessment_start', 'child_welfare.assessment_complete', 'child_welfare.urgent_placement', 'child_welfare.urgent_placement_extended', 'child_welfare.plan_review'] as const
export const CwDeadlineKind = Type.Enum(CW_DEADLINE_KINDS)

/** One child's matter from a notification: the decision to start the assessment and its deadlines. */
export const ChildMatter = Type.Object({
  id: Uuid,
  person: Type.Object({ id: Uuid, name: Type.String(), birthDate: Type.Union([IsoDate, Type.Null()]) }),
  pendingOn: IsoDate,
  state: Type.Union([Type.Literal('pending'), Type.Literal('assessment'), Type.Literal('closed')]),
  startDecision: Type.Union([
    Type.Object({ decision: StartDecision, decidedOn: IsoDate, reasons: Type.String(), decidedBy: Type.String(), responsibleName: Type.Union([Type.String(), Type.Null()]) }),
    Type.Null(),
  ]),
  informed: Type.Union([Type.Object({ informedOn: IsoDate, method: Type.String(), note: Type.Union([Type.String(), Type.Null()]) }), Type.Null()]),
  startDeadline: Type.Union([DeadlineInfo, Type.Null()]),
  completeDeadline: Type.Union([DeadlineInfo, Type.Null()]),
  version: Type.Integer(),
})
export type ChildMatter = Static<typeof ChildMatter>

export const Notification = Type.Object({
  id: Uuid,
  receipt: Type.String(),
  kind: NotificationKind,
  channel: NotificationChannel,
  reporterType: ReporterType,
  reporterDuty: Type.Boolean(),
  reporterName: Type.Union([Type.String(), Type.Null()]),
  reporterOrganisation: Type.Union([Type.String(), Type.Null()]),
  reporterPhone: Type.Union([Type.String(), Type.Null()]),
  reporterEmail: Type.Union([Type.String(), Type.Null()]),
  withholdIdentity: Type.Boolean(),
  /** the reporter asked to stay unknown to the family and the reader is not one of the case's workers: name and contacts left out */
  reporterHidden: Type.Boolean(),
  receivedAt: Type.String({ format: 'date-time' }),
  receivedOn: IsoDate,
  unit: Type.Object({ id: Uuid, name: Type.String() }),
  content: Type.String(),
  reportedChildren: Type.Array(ReportedChild),
  family: Type.Union([Type.String(), Type.Null()]),
  urgency: Type.Union([Type.Object({ urgency: Urgency, reason: Type.String(), assessedBy: Type.String(), assessedAt: Type.String({ format: 'date-time' }) }), Type.Null()]),
  urgencyDeadline: Type.Union([DeadlineInfo, Type.Null()]),
  /** open: in the intake queue; closed: handled, or led nowhere (it stays in the register) */
  state: Type.Union([Type.Literal('open'), Type.Literal('closed')]),
  closed: Type.Union([Type.Object({ on: IsoDate, reason: Type.Union([Type.String(), Type.Null()]) }), Type.Null()]),
  registeredBy: Type.Union([Type.String(), Type.Null()]),
  matters: Type.Array(ChildMatter),
  version: Type.Integer(),
})
export type Notification = Static<typeof Notification>

export const NotificationQueueQuery = Type.Object(
  {
    /** open (default): the intake queue; closed: the register's handled ones; all */
    state: Type.Optional(Type.Union([Type.Literal('open'), Type.Literal('closed'), Type.Literal('all')])),
    unitId: Type.Optional(Uuid),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
    offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000 })),
  },
  { additionalProperties: false },
)
export type NotificationQueueQuery = Static<typeof NotificationQueueQuery>

export const NotificationQueueItem = Type.Object({
  id: Uuid,
  receipt: Type.String(),
  kind: NotificationKind,
  channel: NotificationChannel,
  reporterType: ReporterType,
  receivedAt: Type.String({ format: 'date-time' }),
  unitName: Type.String(),
  /** the children as identified (registry names), else as reported */
  children: Type.Array(Type.Object({ name: Type.String(), identified: Type.Boolean() })),
  urgency: Type.Union([Urgency, Type.Null()]),
  state: Type.Union([Type.Literal('open'), Type.Literal('closed')]),
  /** the earliest open deadline of the notification or its children, with where it stands */
  nextDeadline: Type.Union([Type.Object({ kind: CwDeadlineKind, dueOn: IsoDate, standing: DeadlineInfo.properties.standing, workingDaysLeft: Type.Integer() }), Type.Null()]),
})
export type NotificationQueueItem = Static<typeof NotificationQueueItem>

export const NotificationQueue = Type.Object({
  today: IsoDate,
  items: Type.Array(NotificationQueueItem),
  total: Type.Integer(),
  /** open ones whose urgency is not assessed yet */
  unassessed: Type.Integer(),
  overdue: Type.Integer(),
})
export type NotificationQueue = Static<typeof NotificationQueue>

export const childWelfareEndpoints = endpoints({
  'childWelfare.publicNotify': {
    method: 'POST',
    path: '/api/public/child-welfare/notifications',
    action: 'child-welfare:public-notify',
    summary: 'Make a child welfare notification without signing in (the public e-form); answers a receipt number',
    description:
      'Anyone may report a concern about a child (LSL 25 §). Officials under the duty to report must give their name, organisation and phone. ' +
      'The notification goes straight to the intake unit\'s queue. Rate limited per address.',
    body: PublicNotificationInput,
    response: { 201: PublicNotificationReceipt },
  },
  'childWelfare.queue': {
    method: 'GET',
    path: '/api/child-welfare/notifications',
    action: 'child-welfare:notifications',
    summary: 'The intake queue: notifications of the user\'s child welfare units, unassessed and overdue first',
    query: NotificationQueueQuery,
    response: { 200: NotificationQueue },
  },
  'childWelfare.register': {
    method: 'POST',
    path: '/api/child-welfare/notifications',
    action: 'child-welfare:register',
    summary: 'Register a notification received by phone, letter, e-mail or in person into a unit\'s queue',
    body: RegisterNotificationInput,
    response: { 201: Notification },
  },
  'childWelfare.notification': {
    method: 'GET',
    path: '/api/child-welfare/notifications/:notificationId',
    action: 'child-welfare:notifications',
    summary: 'One notification with the reporter, its children\'s matters and their deadlines',
    params: NotificationParams,
    response: { 200: Notification },
  },
  'childWelfare.findChild': {
    method: 'POST',
    path: '/api/child-welfare/notifications/:notificationId/child-search',
    action: 'child-welfare:find-child',
    summary: 'Find the child an open notification concerns in the client registry: minors (at the receipt) by name or birth date',
    description: 'Only for an open notification of the user\'s unit; audited as a search naming the persons shown and the notification.',
    params: NotificationParams,
    body: ChildSearchInput,
    response: { 200: ChildSearchResult },
  },
  'childWelfare.assessUrgency': {
    method: 'POST',
    path: '/api/child-welfare/notifications/:notificationId/urgency',
    action: 'child-welfare:handle',
    summary: 'Record the urgency assessed at once (LSL 26 § 2 mom), with who and when',
    params: NotificationParams,
    body: UrgencyInput,
    response: { 200: Notification },
    errors: [409],
  },
  'childWelfare.addChild': {
    method: 'POST',
    path: '/api/child-welfare/notifications/:notificationId/children',
    action: 'child-welfare:handle',
    summary: 'Identify a child the notification concerns: opens the child\'s matter and its statutory deadlines',
    params: NotificationParams,
    body: AddChildInput,
    response: { 200: Notification },
    errors: [409],
  },
  'childWelfare.decideStart': {
    method: 'POST',
    path: '/api/child-welfare/notifications/:notificationId/matters/:matterId/start-decision',
    action: 'child-welfare:handle',
    summary: 'Decide whether to start the service-need assessment (by the 7th working day, LSL 26 § 3 mom)',
    params: MatterParams,
    body: StartDecisionInput,
    response: { 200: Notification },
    errors: [409],
  },
  'childWelfare.recordInformed': {
    method: 'POST',
    path: '/api/child-welfare/notifications/:notificationId/matters/:matterId/informed',
    action: 'child-welfare:handle',
    summary: 'Record that the child and the guardians were told of the notification and what follows',
    params: MatterParams,
    body: InformedInput,
    response: { 200: Notification },
    errors: [409],
  },
  'childWelfare.close': {
    method: 'POST',
    path: '/api/child-welfare/notifications/:notificationId/close',
    action: 'child-welfare:handle',
    summary: 'Close a notification (handled, or led nowhere): it leaves the queue and stays in the register',
    params: NotificationParams,
    body: CloseNotificationInput,
    response: { 200: Notification },
    errors: [409],
  },
})

// ---- Part 2: the child's child welfare record: assessment, placements, care order ---------------------------------

export const PLACEMENT_FORMS = ['family_care', 'professional_family_home', 'institution', 'kinship_care', 'other'] as const
export const PlacementForm = Type.Enum(PLACEMENT_FORMS)
export type PlacementForm = Static<typeof PlacementForm>

/** THL's reason codes for placing a child (lastensuojelurekisteri), short list. */
export const PLACEMENT_REASONS = ['parents_substance_abuse', 'parents_mental_health', 'violence', 'neglect', 'child_behaviour', 'child_substance_abuse', 'parents_exhaustion', 'other'] as const
export const PlacementReason = Type.Enum(PLACEMENT_REASONS)

const CW_CLIENT = '/api/persons/:id/child-welfare'
export const ChildParams = Type.Object({ id: Uuid })
export const ChildMatterParams = Type.Object({ id: Uuid, matterId: Uuid })
export const PlacementParams = Type.Object({ id: Uuid, placementId: Uuid })
export const CourtApplicationParams = Type.Object({ id: Uuid, applicationId: Uuid })
export const CwDecisionParams = Type.Object({ id: Uuid, decisionId: Uuid })
export const CwPdfQuery = Type.Object(
  {
    language: Type.Optional(Type.Union([Type.Literal('fi'), Type.Literal('sv')])),
    /** a guardian the copy is for: the child's prohibition to disclose to them is honoured (asiakaslaki 11 §) */
    recipient: Type.Optional(Uuid),
  },
  { additionalProperties: false },
)
export const MeasureParams = Type.Object({ id: Uuid, measureId: Uuid })
export const BanParams = Type.Object({ id: Uuid, banId: Uuid })

export const AssessmentInput = Type.Object(
  {
    childViews: Text(10_000, 1),
    guardianViews: Text(10_000, 1),
    summary: Text(20_000, 10),
    conclusion: Type.Union([Type.Literal('client'), Type.Literal('not_client')]),
    completedOn: IsoDate,
    version: Type.Integer({ minimum: 1 }),
  },
  { additionalProperties: false },
)
export type AssessmentInput = Static<typeof AssessmentInput>

const placeFields = {
  form: PlacementForm,
  /** the place from the provider register; or its name when it is not there (kinship care) */
  providerId: Type.Optional(Type.Union([Uuid, Type.Null()])),
  placeName: Opt(Text(200)),
  reasons: Type.Array(PlacementReason, { minItems: 1, maxItems: PLACEMENT_REASONS.length, uniqueItems: true }),
}

/** The urgent placement decision (LSL 38 §); the child was placed on `placedOn` (the decision day or later). */
export const UrgentPlacementInput = Type.Object(
  {
    decidedOn: IsoDate,
    placedOn: IsoDate,
    ...placeFields,
    decisionReasons: Text(20_000, 10),
    language: Type.Optional(Type.Union([Type.Literal('fi'), Type.Literal('sv')])),
  },
  { additionalProperties: false },
)
export type UrgentPlacementInput = Static<typeof UrgentPlacementInput>

export const ExtensionInput = Type.Object(
  { decidedOn: IsoDate, decisionReasons: Text(20_000, 10), version: Type.Integer({ minimum: 1 }), language: Type.Optional(Type.Union([Type.Literal('fi'), Type.Literal('sv')])) },
  { additionalProperties: false },
)
export type ExtensionInput = Static<typeof ExtensionInput>

export const POSITIONS = ['consent', 'objection', 'not_heard'] as const
export const Position = Type.Enum(POSITIONS)
export type Position = Static<typeof Position>

/** A care order (LSL 40 §) prepared after hearing the guardians and the child of 12 or over (LSL 42–43 §). */
export const CareOrderInput = Type.Object(
  {
    /** the day of the decision, or of preparing the court application */
    decidedOn: IsoDate,
    /** every guardian's position, and the child's when 12 or over on that day */
    positions: Type.Array(
      Type.Object({ personId: Uuid, position: Position, heardOn: Type.Optional(Type.Union([IsoDate, Type.Null()])), note: Opt(Text(2000)) }, { additionalProperties: false }),
      { minItems: 1, maxItems: 6 },
    ),
    ...placeFields,
    startsOn: IsoDate,
    decisionReasons: Text(20_000, 10),
    language: Type.Optional(Type.Union([Type.Literal('fi'), Type.Literal('sv')])),
  },
  { additionalProperties: false },
)
export type CareOrderInput = Static<typeof CareOrderInput>

export const CareOrderResult = Type.Union([
  Type.Object({ outcome: Type.Literal('decision'), decisionId: Uuid, decisionNumber: Type.Integer(), placementId: Uuid }),
  Type.Object({ outcome: Type.Literal('court_application'), applicationId: Uuid, applicationNumber: Type.Integer() }),
])
export type CareOrderResult = Static<typeof CareOrderResult>

export const FiledInput = Type.Object({ filedOn: IsoDate }, { additionalProperties: false })

export const Placement = Type.Object({
  id: Uuid,
  basis: Type.Union([Type.Literal('open_care'), Type.Literal('urgent'), Type.Literal('care_order'), Type.Literal('after_care')]),
  form: PlacementForm,
  place: Type.String(),
  providerId: Type.Union([Uuid, Type.Null()]),
  reasons: Type.Array(Type.String()),
  startsOn: IsoDate,
  endsOn: Type.Union([IsoDate, Type.Null()]),
  decision: Type.Object({ id: Uuid, number: Type.Integer(), maker: Type.String() }),
  extension: Type.Union([Type.Object({ id: Uuid, number: Type.Integer(), maker: Type.String() }), Type.Null()]),
  /** an urgent placement's statutory end: day 30, or day 60 once extended */
  deadline: Type.Union([DeadlineInfo, Type.Null()]),
  version: Type.Integer(),
})
export type Placement = Static<typeof Placement>

export const CourtApplication = Type.Object({
  id: Uuid,
  number: Type.Integer(),
  preparedOn: IsoDate,
  preparedBy: Type.String(),
  positions: Type.Array(Type.Object({ personId: Uuid, name: Type.String(), role: Type.Union([Type.Literal('guardian'), Type.Literal('child')]), position: Position, heardOn: Type.Union([IsoDate, Type.Null()]), note: Type.Union([Type.String(), Type.Null()]) })),
  filedOn: Type.Union([IsoDate, Type.Null()]),
})
export type CourtApplication = Static<typeof CourtApplication>

/** Open-care support measures (LSL 36–37 §) and after-care measures (LSL 76 §); mirrors the domain's lists. */
export const OPEN_CARE_MEASURES = ['family_work', 'support_person', 'support_family', 'family_rehabilitation', 'peer_group', 'financial_support', 'housing_support', 'school_support', 'hobby_support', 'therapy', 'open_care_placement', 'other'] as const
export const AFTER_CARE_MEASURES = ['support_person', 'financial_support', 'housing_support', 'supported_housing', 'education_support', 'therapy', 'peer_group', 'after_care_placement', 'other'] as const
export const MEASURE_CODES = [...new Set([...OPEN_CARE_MEASURES, ...AFTER_CARE_MEASURES])] as (typeof OPEN_CARE_MEASURES[number] | typeof AFTER_CARE_MEASURES[number])[]
export const MeasurePhase = Type.Union([Type.Literal('open_care'), Type.Literal('after_care')])

export const SupportMeasure = Type.Object({
  id: Uuid,
  phase: MeasurePhase,
  code: Type.String(),
  granted: Type.Boolean(),
  description: Type.String(),
  startsOn: IsoDate,
  endsOn: Type.Union([IsoDate, Type.Null()]),
  decision: Type.Object({ id: Uuid, number: Type.Integer(), maker: Type.String() }),
  /** a placing measure's placement on the timeline */
  placementId: Type.Union([Uuid, Type.Null()]),
  version: Type.Integer(),
})
export type SupportMeasure = Static<typeof SupportMeasure>

export const BAN_SCOPES = ['all', 'child_views'] as const
export const DisclosureBan = Type.Object({
  id: Uuid,
  /** null: every guardian */
  guardian: Type.Union([Type.Object({ id: Uuid, name: Type.String() }), Type.Null()]),
  scope: Type.Enum(BAN_SCOPES),
  childStatement: Type.String(),
  maturityAssessment: Type.String(),
  recordedOn: IsoDate,
  recordedBy: Type.String(),
  lifted: Type.Union([Type.Object({ on: IsoDate, by: Type.String(), reason: Type.String() }), Type.Null()]),
  version: Type.Integer(),
})
export type DisclosureBan = Static<typeof DisclosureBan>

export const ChildWelfareRecord = Type.Object({
  person: Type.Object({ id: Uuid, name: Type.String(), birthDate: Type.Union([IsoDate, Type.Null()]), ageToday: Type.Union([Type.Integer(), Type.Null()]) }),
  guardians: Type.Array(Type.Object({ id: Uuid, name: Type.String() })),
  matters: Type.Array(
    Type.Object({
      id: Uuid,
      notificationId: Uuid,
      receipt: Type.String(),
      pendingOn: IsoDate,
      state: Type.Union([Type.Literal('pending'), Type.Literal('assessment'), Type.Literal('closed')]),
      responsibleName: Type.Union([Type.String(), Type.Null()]),
      completeDeadline: Type.Union([DeadlineInfo, Type.Null()]),
      assessment: Type.Union([
        Type.Object({ childViews: Type.String(), guardianViews: Type.String(), summary: Type.String(), conclusion: Type.Union([Type.Literal('client'), Type.Literal('not_client')]), completedOn: IsoDate, completedBy: Type.String() }),
        Type.Null(),
      ]),
      version: Type.Integer(),
    }),
  ),
  decisions: Type.Array(Type.Object({ id: Uuid, number: Type.Integer(), type: Type.String(), decidedOn: IsoDate, maker: Type.String(), outcome: Type.String() })),
  placements: Type.Array(Placement),
  courtApplications: Type.Array(CourtApplication),
  /** open-care support measures and after-care measures, each on its decision */
  measures: Type.Array(SupportMeasure),
  /** the child's prohibitions to disclose to a guardian, in force and lifted */
  bans: Type.Array(DisclosureBan),
  /** after-care (LSL 75 §) following the latest ended placement that gives it; null when none has ended */
  afterCare: Type.Union([Type.Object({
    eligible: Type.Boolean(),
    endsOn: IsoDate,
    law: Type.Union([Type.Literal('age_21'), Type.Literal('age_25'), Type.Literal('age_23'), Type.Literal('transition_2024')]),
    reason: Type.Union([Type.Literal('eligible'), Type.Literal('too_short'), Type.Literal('ended'), Type.Literal('not_yet')]),
    placementId: Uuid,
  }), Type.Null()]),
})
export type ChildWelfareRecord = Static<typeof ChildWelfareRecord>

export const childWelfareRecordEndpoints = endpoints({
  'childWelfare.record': {
    method: 'GET',
    path: CW_CLIENT,
    action: 'child-welfare:read',
    summary: 'The child\'s child welfare record: matters and assessments, decisions, the placements timeline, court applications',
    params: ChildParams,
    response: { 200: ChildWelfareRecord },
  },
  'childWelfare.completeAssessment': {
    method: 'POST',
    path: `${CW_CLIENT}/matters/:matterId/assessment`,
    action: 'child-welfare:assess',
    summary: 'Complete the service-need assessment with its conclusion (child welfare client or not); meets the 3-month deadline',
    params: ChildMatterParams,
    body: AssessmentInput,
    response: { 200: ChildWelfareRecord },
    errors: [409],
  },
  'childWelfare.urgentPlacement': {
    method: 'POST',
    path: `${CW_CLIENT}/urgent-placements`,
    action: 'child-welfare:decide',
    summary: 'Decide an urgent placement (LSL 38 §): the placement and its 30-day statutory end on the worklist',
    params: ChildParams,
    body: UrgentPlacementInput,
    response: { 201: ChildWelfareRecord },
  },
  'childWelfare.extendUrgentPlacement': {
    method: 'POST',
    path: `${CW_CLIENT}/urgent-placements/:placementId/extension`,
    action: 'child-welfare:decide',
    summary: 'Extend an urgent placement once by at most 30 days (LSL 38 a §), by another official than the one who placed',
    params: PlacementParams,
    body: ExtensionInput,
    response: { 200: ChildWelfareRecord },
    errors: [409],
  },
  'childWelfare.careOrder': {
    method: 'POST',
    path: `${CW_CLIENT}/care-orders`,
    action: 'child-welfare:decide',
    summary: 'A care order: decided when nobody heard objects, else prepared as an application to the administrative court',
    params: ChildParams,
    body: CareOrderInput,
    response: { 201: CareOrderResult },
  },
  'childWelfare.courtApplicationFiled': {
    method: 'POST',
    path: `${CW_CLIENT}/court-applications/:applicationId/filed`,
    action: 'child-welfare:decide',
    summary: 'Record the day the care order application was filed with the court (an urgent placement then continues)',
    params: CourtApplicationParams,
    body: FiledInput,
    response: { 200: ChildWelfareRecord },
    errors: [409],
  },
  'childWelfare.courtApplicationPdf': {
    method: 'GET',
    path: `${CW_CLIENT}/court-applications/:applicationId/pdf`,
    action: 'child-welfare:print',
    summary: 'The care order application to the administrative court as PDF',
    description: 'Answers application/pdf. Audited as a print.',
    params: CourtApplicationParams,
    query: CwPdfQuery,
    response: { 200: FileBody },
    produces: 'application/pdf',
  },
  'childWelfare.decisionPdf': {
    method: 'GET',
    path: `${CW_CLIENT}/decisions/:decisionId/pdf`,
    action: 'child-welfare:print',
    summary: 'A child welfare decision as PDF with the appeal instructions to the administrative court',
    description: 'Answers application/pdf. Audited as a print.',
    params: CwDecisionParams,
    query: CwPdfQuery,
    response: { 200: FileBody },
    produces: 'application/pdf',
  },
})

// ---- Part 3: ending a placement, after-care, the caseload ------------------------------------------------------------

export const EndPlacementInput = Type.Object(
  {
    endsOn: IsoDate,
    /** ending a care order is a decision (LSL 47 §): its reasons; a factual end (the child went home) needs none */
    decisionReasons: Opt(Text(20_000)),
    version: Type.Integer({ minimum: 1 }),
    language: Type.Optional(Type.Union([Type.Literal('fi'), Type.Literal('sv')])),
  },
  { additionalProperties: false },
)
export type EndPlacementInput = Static<typeof EndPlacementInput>


export const CaseloadRow = Type.Object({
  userId: Uuid,
  name: Type.String(),
  unitName: Type.String(),
  /** children whose responsible social worker in child welfare this worker is */
  children: Type.Integer(),
  /** over the statutory maximum */
  over: Type.Boolean(),
})
export const Caseload = Type.Object({ today: IsoDate, maximum: Type.Union([Type.Integer(), Type.Null()]), workers: Type.Array(CaseloadRow) })
export type Caseload = Static<typeof Caseload>

export const ResponsibleWorkers = Type.Object({
  workers: Type.Array(Type.Object({ userId: Uuid, name: Type.String(), unitId: Uuid, unitName: Type.String() })),
})
export type ResponsibleWorkers = Static<typeof ResponsibleWorkers>

export const childWelfareCaseEndpoints = endpoints({
  'childWelfare.responsibleWorkers': {
    method: 'GET',
    path: '/api/child-welfare/responsible-workers',
    action: 'child-welfare:workers',
    summary: 'The licensed social workers with a live child welfare grant in one\'s own units: whom a child\'s responsible worker may be (LSL 13 §)',
    response: { 200: ResponsibleWorkers },
  },
  'childWelfare.endPlacement': {
    method: 'POST',
    path: `${CW_CLIENT}/placements/:placementId/end`,
    action: 'child-welfare:decide',
    summary: 'End a placement: a care order by a decision to end the care (LSL 47 §), others on the day the child left',
    params: PlacementParams,
    body: EndPlacementInput,
    response: { 200: ChildWelfareRecord },
    errors: [409],
  },
  'childWelfare.caseload': {
    method: 'GET',
    path: '/api/child-welfare/caseload',
    action: 'child-welfare:caseload',
    summary: 'Children per responsible social worker in the supervisor\'s units against the statutory maximum (LSL 13 b §)',
    response: { 200: Caseload },
  },
})

// ---- Part 5: support measures, the assessment summary, the child's prohibitions ----------------------------------

const measureItem = Type.Object(
  {
    code: Type.Enum(Object.fromEntries(MEASURE_CODES.map((c) => [c, c])) as { [K in (typeof MEASURE_CODES)[number]]: K }),
    granted: Type.Boolean(),
    description: Text(2000, 3),
    startsOn: IsoDate,
    endsOn: Type.Optional(Type.Union([IsoDate, Type.Null()])),
    /** a placing measure's place (open-care placement, LSL 37 §; after-care placement, LSL 76 §) */
    form: Type.Optional(PlacementForm),
    providerId: Type.Optional(Type.Union([Uuid, Type.Null()])),
    placeName: Opt(Text(200)),
    reasons: Type.Optional(Type.Array(PlacementReason, { maxItems: PLACEMENT_REASONS.length, uniqueItems: true })),
  },
  { additionalProperties: false },
)

/** A decision on support measures: open-care (the child, LSL 34–37 §) or after-care (the young person, LSL 75–76 §). */
export const SupportMeasuresInput = Type.Object(
  {
    phase: MeasurePhase,
    decidedOn: IsoDate,
    measures: Type.Array(measureItem, { minItems: 1, maxItems: 12 }),
    decisionReasons: Text(20_000, 10),
    language: Type.Optional(Type.Union([Type.Literal('fi'), Type.Literal('sv')])),
  },
  { additionalProperties: false },
)
export type SupportMeasuresInput = Static<typeof SupportMeasuresInput>

export const EndMeasureInput = Type.Object({ endsOn: IsoDate, version: Type.Integer({ minimum: 1 }) }, { additionalProperties: false })
export type EndMeasureInput = Static<typeof EndMeasureInput>

export const BanInput = Type.Object(
  {
    /** the guardian the child forbids; null or absent: every guardian */
    guardianId: Type.Optional(Type.Union([Uuid, Type.Null()])),
    scope: Type.Enum(BAN_SCOPES),
    childStatement: Text(5000, 3),
    maturityAssessment: Text(5000, 10),
    recordedOn: IsoDate,
  },
  { additionalProperties: false },
)
export type BanInput = Static<typeof BanInput>

export const LiftBanInput = Type.Object({ liftedOn: IsoDate, reason: Text(2000, 3), version: Type.Integer({ minimum: 1 }) }, { additionalProperties: false })
export type LiftBanInput = Static<typeof LiftBanInput>

export const childWelfareMeasureEndpoints = endpoints({
  'childWelfare.supportMeasures': {
    method: 'POST',
    path: `${CW_CLIENT}/support-measures`,
    action: 'child-welfare:decide',
    summary: 'Decide open-care support measures (incl. an open-care placement) or after-care measures, each granted or refused',
    params: ChildParams,
    body: SupportMeasuresInput,
    response: { 201: ChildWelfareRecord },
  },
  'childWelfare.endMeasure': {
    method: 'POST',
    path: `${CW_CLIENT}/support-measures/:measureId/end`,
    action: 'child-welfare:decide',
    summary: 'End a support measure (and its placement) on a day',
    params: MeasureParams,
    body: EndMeasureInput,
    response: { 200: ChildWelfareRecord },
    errors: [409],
  },
  'childWelfare.assessmentPdf': {
    method: 'GET',
    path: `${CW_CLIENT}/matters/:matterId/assessment/pdf`,
    action: 'child-welfare:print',
    summary: 'The service-need assessment summary as PDF; for a guardian the child\'s prohibition is honoured, and the reporter is never named',
    params: ChildMatterParams,
    query: CwPdfQuery,
    response: { 200: FileBody },
    produces: 'application/pdf',
    errors: [409],
  },
  'childWelfare.recordBan': {
    method: 'POST',
    path: `${CW_CLIENT}/disclosure-bans`,
    action: 'child-welfare:ban',
    summary: 'Record the child\'s prohibition to disclose their data to a guardian (asiakaslaki 11 §), with the maturity assessment',
    params: ChildParams,
    body: BanInput,
    response: { 201: ChildWelfareRecord },
  },
  'childWelfare.liftBan': {
    method: 'POST',
    path: `${CW_CLIENT}/disclosure-bans/:banId/lift`,
    action: 'child-welfare:ban',
    summary: 'Lift the child\'s prohibition (the child withdrew it, or came of age), with the reason; the record stays',
    params: BanParams,
    body: LiftBanInput,
    response: { 200: ChildWelfareRecord },
    errors: [409],
  },
})

// ---- Part 4: the client plan ---------------------------------------------------------------------------------------

export const PlanInput = Type.Object(
  {
    /** the child's plan, or the parents' own plan while the child is placed (LSL 30 § 3 mom) */
    kind: Type.Union([Type.Literal('child'), Type.Literal('parents')]),
    goals: Text(20_000, 10),
    measures: Text(20_000, 10),
    childViews: Opt(Text(10_000)),
    parentViews: Opt(Text(10_000)),
    madeOn: IsoDate,
    /** the next review; at the latest a year from the plan (default) */
    reviewBy: Type.Optional(Type.Union([IsoDate, Type.Null()])),
    /** the plan this one reviews (its current version); absent for the first plan of its kind */
    replacesId: Type.Optional(Type.Union([Uuid, Type.Null()])),
  },
  { additionalProperties: false },
)
export type PlanInput = Static<typeof PlanInput>

export const Plan = Type.Object({
  id: Uuid,
  kind: Type.Union([Type.Literal('child'), Type.Literal('parents')]),
  replacesId: Type.Union([Uuid, Type.Null()]),
  current: Type.Boolean(),
  goals: Type.String(),
  measures: Type.String(),
  childViews: Type.Union([Type.String(), Type.Null()]),
  parentViews: Type.Union([Type.String(), Type.Null()]),
  madeOn: IsoDate,
  madeBy: Type.String(),
  reviewBy: IsoDate,
  /** the review deadline of the current version */
  reviewDeadline: Type.Union([DeadlineInfo, Type.Null()]),
})
export type Plan = Static<typeof Plan>

export const PlanList = Type.Object({ plans: Type.Array(Plan) })
export type PlanList = Static<typeof PlanList>

export const childWelfarePlanEndpoints = endpoints({
  'childWelfare.plans': {
    method: 'GET',
    path: `${CW_CLIENT}/plans`,
    action: 'child-welfare:read',
    summary: 'The child\'s client plans (the child\'s and the parents\'), every version, the current ones with their review deadline',
    params: ChildParams,
    response: { 200: PlanList },
  },
  'childWelfare.makePlan': {
    method: 'POST',
    path: `${CW_CLIENT}/plans`,
    action: 'child-welfare:plan',
    summary: 'Make a client plan, or review one as its new version; the review deadline moves (at least yearly, LSL 30 §)',
    params: ChildParams,
    body: PlanInput,
    response: { 201: PlanList },
    errors: [409],
  },
})

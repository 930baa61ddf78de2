import Type, { type Static } from 'typebox'
import { IsoDate, Uuid } from './common'
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
  nextDeadline: Type.Union([Type.Object({ kind: Type.String(), dueOn: IsoDate, standing: Type.String(), workingDaysLeft: Type.Integer() }), Type.Null()]),
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

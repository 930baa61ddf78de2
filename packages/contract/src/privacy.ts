import Type, { type Static, type TSchema } from 'typebox'
import { FileBody, IsoDate, NoContent, Uuid } from './common'
import { endpoints } from './endpoint'

/**
 * Break the glass and the data protection officer's tools (lokivalvonta): the audit log search, the review of
 * sampled accesses and of break-the-glass accesses, and the client's report "who has processed my data".
 */

const Timestamp = Type.String({ format: 'date-time' })
const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()])

// ---- Break the glass ------------------------------------------------------------------------------------------

export const BreakGlassRequest = Type.Object(
  {
    serviceTask: Type.String({ minLength: 1, maxLength: 64, description: 'A service task of one of the user\'s grants' }),
    reason: Type.String({ maxLength: 2000, description: 'Why the client must be opened without a relationship (at least 10 letters or digits)' }),
  },
  { additionalProperties: false },
)
export type BreakGlassRequest = Static<typeof BreakGlassRequest>

export const BreakGlassAccess = Type.Object({
  id: Uuid,
  personId: Uuid,
  serviceTask: Type.String(),
  expiresAt: Timestamp,
})
export type BreakGlassAccess = Static<typeof BreakGlassAccess>

export const ServiceTaskOption = Type.Object({ code: Type.String(), name: Type.String() })
export type ServiceTaskOption = Static<typeof ServiceTaskOption>

/** The service tasks in which the signed-in user may break the glass, named in the request's language. */
export const BreakGlassTasks = Type.Object({ serviceTasks: Type.Array(ServiceTaskOption), hours: Type.Integer() })
export type BreakGlassTasks = Static<typeof BreakGlassTasks>

// ---- Audit log search -------------------------------------------------------------------------------------------

export const AuditActionKind = Type.Union([
  Type.Literal('view'),
  Type.Literal('insert'),
  Type.Literal('update'),
  Type.Literal('delete'),
  Type.Literal('print'),
  Type.Literal('export'),
  Type.Literal('disclose'),
  Type.Literal('search'),
  Type.Literal('security'),
])
export const AuditOutcome = Type.Union([Type.Literal('success'), Type.Literal('denied'), Type.Literal('failure')])

export const AuditLogQuery = Type.Object(
  {
    clientId: Type.Optional(Uuid),
    userId: Type.Optional(Uuid),
    from: Type.Optional(IsoDate),
    to: Type.Optional(IsoDate),
    event: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    action: Type.Optional(AuditActionKind),
    outcome: Type.Optional(AuditOutcome),
    /** Keyset paging: only rows with a smaller id (the `nextBefore` of the previous page). */
    before: Type.Optional(Type.Integer({ minimum: 1 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
  },
  { additionalProperties: false },
)
export type AuditLogQuery = Static<typeof AuditLogQuery>

export const AuditLogEntry = Type.Object({
  id: Type.Integer(),
  occurredAt: Timestamp,
  userId: Nullable(Uuid),
  userName: Nullable(Type.String()),
  roleCode: Nullable(Type.String()),
  clientIds: Type.Array(Uuid),
  dataGroup: Type.String(),
  action: Type.String(),
  event: Type.String(),
  basis: Nullable(Type.String()),
  refId: Nullable(Uuid),
  outcome: Type.String(),
})
export type AuditLogEntry = Static<typeof AuditLogEntry>

export const AuditLogPage = Type.Object({
  entries: Type.Array(AuditLogEntry),
  /** Pass as `before` for the next (older) page; null on the last page. */
  nextBefore: Nullable(Type.Integer()),
})
export type AuditLogPage = Static<typeof AuditLogPage>

export const StaffOption = Type.Object({ id: Uuid, username: Type.String(), displayName: Type.String() })
export const StaffOptions = Type.Object({ users: Type.Array(StaffOption) })
export type StaffOptions = Static<typeof StaffOptions>

// ---- Reviews ---------------------------------------------------------------------------------------------------

export const Verdict = Type.Union([Type.Literal('justified'), Type.Literal('unjustified'), Type.Literal('needs_follow_up')])
export type Verdict = Static<typeof Verdict>

export const VerdictRequest = Type.Object(
  { verdict: Verdict, note: Type.String({ maxLength: 2000 }) },
  { additionalProperties: false },
)
export type VerdictRequest = Static<typeof VerdictRequest>

export const ReviewStatusQuery = Type.Object(
  {
    status: Type.Optional(Type.Union([Type.Literal('open'), Type.Literal('all')], { default: 'all' })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 100 })),
  },
  { additionalProperties: false },
)
export type ReviewStatusQuery = Static<typeof ReviewStatusQuery>

const ReviewFields = {
  reviewedAt: Nullable(Timestamp),
  reviewedByName: Nullable(Type.String()),
  verdict: Nullable(Verdict),
  note: Nullable(Type.String()),
}

export const SampleDrawRequest = Type.Object(
  { size: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, description: 'Default: the setting HUOMA_AUDIT_SAMPLE_SIZE' })) },
  { additionalProperties: false },
)
export type SampleDrawRequest = Static<typeof SampleDrawRequest>

export const SampleItem = Type.Object({
  id: Uuid,
  sampledAt: Timestamp,
  entry: AuditLogEntry,
  ...ReviewFields,
})
export type SampleItem = Static<typeof SampleItem>

export const SampleList = Type.Object({ items: Type.Array(SampleItem) })
export type SampleList = Static<typeof SampleList>

export const SampleDrawResult = Type.Object({
  drawn: Type.Integer({ minimum: 0 }),
  windowDays: Type.Integer(),
  items: Type.Array(SampleItem),
})
export type SampleDrawResult = Static<typeof SampleDrawResult>

export const BreakGlassReviewItem = Type.Object({
  id: Uuid,
  userId: Uuid,
  userName: Type.String(),
  personId: Uuid,
  serviceTask: Type.String(),
  serviceTaskName: Type.String(),
  /** The stated reason: free text, kept in break_glass and never copied into the audit log. */
  reason: Type.String(),
  createdAt: Timestamp,
  expiresAt: Timestamp,
  active: Type.Boolean(),
  /** Successful reads of the client by the user on this break-the-glass access. */
  accessCount: Type.Integer({ minimum: 0 }),
  ...ReviewFields,
})
export type BreakGlassReviewItem = Static<typeof BreakGlassReviewItem>

export const BreakGlassQueue = Type.Object({ items: Type.Array(BreakGlassReviewItem) })
export type BreakGlassQueue = Static<typeof BreakGlassQueue>

export const ReviewIdParams = Type.Object({ id: Uuid })

// ---- The client's report -----------------------------------------------------------------------------------------

export const AccessReportRequest = Type.Object(
  {
    personId: Uuid,
    language: Type.Union([Type.Literal('fi'), Type.Literal('sv')]),
    /** Default: two years back from today (Helsinki). Earlier only with a reason. */
    from: Type.Optional(IsoDate),
    /** Default: today. */
    to: Type.Optional(IsoDate),
    /** Required when `from` is more than two years back; recorded, never written to the audit log itself. */
    reason: Type.Optional(Type.String({ maxLength: 2000 })),
    /**
     * The report goes to this guardian of a minor client: the cover is addressed to the guardian, and the registers
     * the child has forbidden disclosing to them (asiakaslaki 11 §) are left out, which the report says.
     */
    guardianId: Type.Optional(Uuid),
  },
  { additionalProperties: false },
)
export type AccessReportRequest = Static<typeof AccessReportRequest>

/**
 * The data protection officer's operations (break the glass itself is the person card's, in persons). Every read
 * that names clients is an `audit:read` row, every verdict an `audit:review` row.
 */
export const privacyEndpoints = endpoints({
  'privacy.searchLog': {
    method: 'GET',
    path: '/api/privacy/audit-log',
    action: 'audit:read',
    summary: 'Search the audit log by client, user, period, event, action kind and outcome; newest first, keyset paging',
    query: AuditLogQuery,
    response: { 200: AuditLogPage },
  },
  'privacy.staff': {
    method: 'GET',
    path: '/api/privacy/staff',
    action: 'audit:read',
    summary: 'Staff users, for the user filter of the log search',
    response: { 200: StaffOptions },
  },
  'privacy.breakGlassQueue': {
    method: 'GET',
    path: '/api/privacy/break-glass',
    action: 'audit:read',
    summary: 'Break-the-glass accesses: the unreviewed first (oldest first), then the reviewed (newest first)',
    query: ReviewStatusQuery,
    response: { 200: BreakGlassQueue },
  },
  'privacy.reviewBreakGlass': {
    method: 'POST',
    path: '/api/privacy/break-glass/:id/verdict',
    action: 'audit:review',
    summary: 'Close a break-the-glass access with a verdict and a note',
    params: ReviewIdParams,
    body: VerdictRequest,
    response: { 204: NoContent },
    errors: [409],
  },
  'privacy.drawSample': {
    method: 'POST',
    path: '/api/privacy/samples',
    action: 'audit:review',
    summary: 'Draw a random sample of recent client-data accesses for review (size: the setting, or given)',
    body: SampleDrawRequest,
    response: { 200: SampleDrawResult },
  },
  'privacy.samples': {
    method: 'GET',
    path: '/api/privacy/samples',
    action: 'audit:read',
    summary: 'Sampled accesses: the unreviewed first, then the reviewed',
    query: ReviewStatusQuery,
    response: { 200: SampleList },
  },
  'privacy.reviewSample': {
    method: 'POST',
    path: '/api/privacy/samples/:id/verdict',
    action: 'audit:review',
    summary: 'Close a sampled access with a verdict and a note',
    params: ReviewIdParams,
    body: VerdictRequest,
    response: { 204: NoContent },
    errors: [409],
  },
  'privacy.accessReport': {
    method: 'POST',
    path: '/api/privacy/access-report',
    action: 'audit:client-report',
    summary: 'The report "who has processed my data" for a client, as a PDF in Finnish or Swedish',
    description:
      'Covers two years back by default; an earlier start needs `reason`, which is recorded (never in the audit log). ' +
      'Answers application/pdf. Printing is audited (action print, data group privacy/access-report).',
    body: AccessReportRequest,
    response: { 200: FileBody },
    produces: 'application/pdf',
  },
})

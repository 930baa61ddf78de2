import Type, { type Static } from 'typebox'
import { IsoDate, NoContent, Uuid } from './common'
import { endpoints } from './endpoint'

/**
 * Retention and destruction of client records (rules.md §3; the 703/2023 annex): the retention table as
 * effective-dated parameters kept by the main user with the legal source of each row; each client's retention per
 * register (the client's basic data and each service task) — permanent (the 8/18/28 sample, an archive order), the
 * destroy-after date, still running, or held; legal holds; destruction lists proposed by due date, reviewed and
 * approved by an archive officer other than the proposer, executed in batches — an item is the whole client, or only
 * the registers that ran out of a client who stays; and the permanent destruction records.
 */

export const RETENTION_TRIGGERS = ['death', 'closing', 'last_closing', 'birth', 'document', 'decision_end'] as const
export const RetentionTriggerCode = Type.Enum(RETENTION_TRIGGERS)

export const RetentionRuleRow = Type.Object({
  id: Uuid,
  retentionClass: Type.String(),
  trigger: RetentionTriggerCode,
  years: Type.Integer(),
  validFrom: IsoDate,
  validUntil: Type.Union([IsoDate, Type.Null()]),
  legalSource: Type.String(),
  unverified: Type.Boolean(),
  archiveOrdered: Type.Boolean(),
  version: Type.Integer(),
  updatedAt: Type.String({ format: 'date-time' }),
})
export type RetentionRuleRow = Static<typeof RetentionRuleRow>

export const RetentionRuleList = Type.Object({ rules: Type.Array(RetentionRuleRow) })
export type RetentionRuleList = Static<typeof RetentionRuleList>

/** A change of a row (optimistic locking), or a new row of a class from a day (the row in force before it ends the day before). */
export const RetentionRuleUpdate = Type.Object(
  {
    years: Type.Integer({ minimum: 1, maximum: 200 }),
    legalSource: Type.String({ minLength: 3, maxLength: 500 }),
    archiveOrdered: Type.Boolean(),
    validUntil: Type.Union([IsoDate, Type.Null()]),
    version: Type.Integer({ minimum: 1 }),
  },
  { additionalProperties: false },
)
export type RetentionRuleUpdate = Static<typeof RetentionRuleUpdate>

export const RetentionRuleInput = Type.Object(
  {
    retentionClass: Type.String({ minLength: 1, maxLength: 60 }),
    trigger: RetentionTriggerCode,
    years: Type.Integer({ minimum: 1, maximum: 200 }),
    validFrom: IsoDate,
    legalSource: Type.String({ minLength: 3, maxLength: 500 }),
    archiveOrdered: Type.Boolean(),
  },
  { additionalProperties: false },
)
export type RetentionRuleInput = Static<typeof RetentionRuleInput>

export const RetentionRuleParams = Type.Object({ ruleId: Uuid })

export const HOLD_KINDS = ['appeal', 'complaint', 'other'] as const
export const HoldKind = Type.Enum(HOLD_KINDS)

export const RetentionHold = Type.Object({
  id: Uuid,
  serviceTask: Type.Union([Type.String(), Type.Null()]),
  kind: HoldKind,
  reason: Type.String(),
  placedAt: Type.String({ format: 'date-time' }),
  liftedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  version: Type.Integer(),
})

/** What a destruction took of a register (the record's number, when): a client's register may go while they stay. */
export const RegisterDestroyed = Type.Object({
  recordNumber: Type.Integer(),
  destroyedAt: Type.String({ format: 'date-time' }),
})

/** The whole client, or only some registers of a client whose other registers are kept. */
export const DESTRUCTION_SCOPES = ['client', 'registers'] as const
export const DestructionScope = Type.Enum(DESTRUCTION_SCOPES)

export const RegisterRetention = Type.Object({
  /** `client` (the client's basic data) or a service task */
  register: Type.String(),
  retentionClass: Type.String(),
  /** `destroyed`: the register's records were destroyed and no matter of it has been opened since */
  status: Type.Enum(['permanent', 'until', 'running', 'held', 'destroyed'] as const),
  destroyAfter: Type.Union([IsoDate, Type.Null()]),
  permanentReason: Type.Union([Type.Enum(['sample', 'archive_order'] as const), Type.Null()]),
  waitingFor: Type.Union([Type.String(), Type.Null()]),
  fallback: Type.Boolean(),
  legalSource: Type.Union([Type.String(), Type.Null()]),
  /** the register's latest destruction (its retention starts again from a new matter of it) */
  destroyed: Type.Union([RegisterDestroyed, Type.Null()]),
})

export const ClientRetention = Type.Object({
  registers: Type.Array(RegisterRetention),
  holds: Type.Array(RetentionHold),
})
export type ClientRetention = Static<typeof ClientRetention>

export const HoldInput = Type.Object(
  {
    serviceTask: Type.Union([Type.String({ maxLength: 60 }), Type.Null()]),
    kind: HoldKind,
    reason: Type.String({ maxLength: 1000 }),
  },
  { additionalProperties: false },
)
export type HoldInput = Static<typeof HoldInput>

export const RetentionPersonParams = Type.Object({ id: Uuid })
export const RetentionHoldParams = Type.Object({ id: Uuid, holdId: Uuid })
export const RetentionVersion = Type.Object({ version: Type.Integer({ minimum: 1 }) }, { additionalProperties: false })

export const DESTRUCTION_LIST_STATES = ['proposed', 'approved', 'executing', 'done', 'cancelled'] as const

export const DestructionListSummary = Type.Object({
  id: Uuid,
  number: Type.Integer(),
  state: Type.Enum(DESTRUCTION_LIST_STATES),
  dueOn: IsoDate,
  proposedAt: Type.String({ format: 'date-time' }),
  proposedBy: Type.Union([Type.String(), Type.Null()]),
  approvedBy: Type.Union([Type.String(), Type.Null()]),
  approvedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  finishedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  listed: Type.Integer(),
  removed: Type.Integer(),
  destroyed: Type.Integer(),
  version: Type.Integer(),
})
export type DestructionListSummary = Static<typeof DestructionListSummary>

export const DestructionLists = Type.Object({ lists: Type.Array(DestructionListSummary) })
export type DestructionLists = Static<typeof DestructionLists>

export const DestructionItem = Type.Object({
  id: Uuid,
  personId: Uuid,
  /** the whole client, or only `registers` (the client and their other registers stay) */
  scope: DestructionScope,
  /** the client's name while listed; null once destroyed */
  label: Type.Union([Type.String(), Type.Null()]),
  birthDate: Type.Union([IsoDate, Type.Null()]),
  registers: Type.Array(Type.String()),
  destroyAfter: IsoDate,
  basis: Type.String(),
  state: Type.Enum(['listed', 'removed', 'destroyed'] as const),
  removedReason: Type.Union([Type.String(), Type.Null()]),
  recordNumber: Type.Union([Type.Integer(), Type.Null()]),
})
export type DestructionItem = Static<typeof DestructionItem>

export const DestructionListDetail = Type.Object({
  list: DestructionListSummary,
  items: Type.Array(DestructionItem),
})
export type DestructionListDetail = Static<typeof DestructionListDetail>

export const DestructionListParams = Type.Object({ listId: Uuid })
export const DestructionItemParams = Type.Object({ listId: Uuid, itemId: Uuid })
export const DestructionRemoveItem = Type.Object({ reason: Type.String({ maxLength: 1000 }), version: Type.Integer({ minimum: 1 }) }, { additionalProperties: false })
export type DestructionRemoveItem = Static<typeof DestructionRemoveItem>

export const DestructionRecord = Type.Object({
  id: Uuid,
  number: Type.Integer(),
  listNumber: Type.Integer(),
  subjectKey: Type.String(),
  scope: DestructionScope,
  registers: Type.Array(Type.String()),
  destroyAfter: IsoDate,
  basis: Type.String(),
  proposedBy: Type.Union([Type.String(), Type.Null()]),
  approvedBy: Type.String(),
  destroyedAt: Type.String({ format: 'date-time' }),
  counts: Type.Record(Type.String(), Type.Integer()),
})
export type DestructionRecord = Static<typeof DestructionRecord>

export const DestructionRecordQuery = Type.Object(
  {
    /** a henkilötunnus or temporary id: its pseudonymous key is looked up */
    identity: Type.Optional(Type.String({ maxLength: 40 })),
    listId: Type.Optional(Uuid),
  },
  { additionalProperties: false },
)
export const DestructionRecords = Type.Object({ records: Type.Array(DestructionRecord) })
export type DestructionRecords = Static<typeof DestructionRecords>

export const retentionEndpoints = endpoints({
  'retention.rules': {
    method: 'GET',
    path: '/api/retention/rules',
    action: 'retention:rules-read',
    summary: 'The retention table: each class\'s period, trigger, validity and legal source (effective-dated rows)',
    response: { 200: RetentionRuleList },
  },
  'retention.addRule': {
    method: 'POST',
    path: '/api/retention/rules',
    action: 'retention:rules-write',
    summary: 'A new row of a class from a day; the row in force then ends the day before (the main user)',
    body: RetentionRuleInput,
    response: { 201: RetentionRuleList },
    errors: [409],
  },
  'retention.updateRule': {
    method: 'PUT',
    path: '/api/retention/rules/:ruleId',
    action: 'retention:rules-write',
    summary: 'Change a row\'s years, legal source, archive order or end (optimistic locking: a stale version answers 409)',
    params: RetentionRuleParams,
    body: RetentionRuleUpdate,
    response: { 200: RetentionRuleList },
    errors: [409],
  },
  'retention.client': {
    method: 'GET',
    path: '/api/persons/:id/retention',
    action: 'retention:read',
    summary: 'A client\'s retention per register (computed from the facts today) and the legal holds',
    params: RetentionPersonParams,
    response: { 200: ClientRetention },
    errors: [410],
  },
  'retention.placeHold': {
    method: 'POST',
    path: '/api/persons/:id/retention/holds',
    action: 'retention:hold',
    summary: 'Place a legal hold on a client or one register (an appeal or complaint pending): nothing of it is destroyed',
    params: RetentionPersonParams,
    body: HoldInput,
    response: { 201: ClientRetention },
    errors: [410],
  },
  'retention.liftHold': {
    method: 'POST',
    path: '/api/persons/:id/retention/holds/:holdId/lift',
    action: 'retention:hold',
    summary: 'Lift a legal hold (optimistic locking)',
    params: RetentionHoldParams,
    body: RetentionVersion,
    response: { 200: ClientRetention },
    errors: [409, 410],
  },
  'destruction.lists': {
    method: 'GET',
    path: '/api/retention/destruction-lists',
    action: 'destruction:lists',
    summary: 'The destruction lists with their counts (no client data)',
    response: { 200: DestructionLists },
  },
  'destruction.propose': {
    method: 'POST',
    path: '/api/retention/destruction-lists',
    action: 'destruction:propose',
    summary: 'Propose a destruction list now: the clients whose every register\'s retention ran out, not permanent, not held',
    response: { 201: DestructionListDetail, 204: NoContent },
  },
  'destruction.list': {
    method: 'GET',
    path: '/api/retention/destruction-lists/:listId',
    action: 'destruction:read',
    summary: 'A destruction list with its items (who, which registers, due since when, on what basis)',
    params: DestructionListParams,
    response: { 200: DestructionListDetail },
  },
  'destruction.removeItem': {
    method: 'POST',
    path: '/api/retention/destruction-lists/:listId/items/:itemId/remove',
    action: 'destruction:review',
    summary: 'Take an item off a proposed list with the reason (kept on the list)',
    params: DestructionItemParams,
    body: DestructionRemoveItem,
    response: { 200: DestructionListDetail },
    errors: [409],
  },
  'destruction.approve': {
    method: 'POST',
    path: '/api/retention/destruction-lists/:listId/approve',
    action: 'destruction:approve',
    summary: 'Approve a proposed list (not one\'s own proposal); every item is checked again as due and not held',
    params: DestructionListParams,
    body: RetentionVersion,
    response: { 200: DestructionListDetail },
    errors: [409],
  },
  'destruction.execute': {
    method: 'POST',
    path: '/api/retention/destruction-lists/:listId/execute',
    action: 'destruction:execute',
    summary: 'Destroy an approved list\'s clients irreversibly in batches, each with its destruction record (resumes a stopped run)',
    params: DestructionListParams,
    response: { 200: DestructionListDetail },
    errors: [409],
  },
  'destruction.records': {
    method: 'GET',
    path: '/api/retention/destruction-records',
    action: 'destruction:records',
    summary: 'The permanent destruction records (by list, or by the identity\'s pseudonymous key)',
    query: DestructionRecordQuery,
    response: { 200: DestructionRecords },
  },
})

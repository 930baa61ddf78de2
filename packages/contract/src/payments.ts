import Type, { type Static, type TSchema } from 'typebox'
import { FileBody, IsoDate, Uuid } from './common'
import { endpoints } from './endpoint'

/**
 * Payments (maksuliikenne): open payables are gathered into batches by due date and unit, approved by a second
 * person (never the creator), written to an ISO 20022 pain.001 file for the bank, and followed up from the bank's
 * pain.002 status reports and camt.054 notifications (settlements, returns). Money is integer cents; dates are
 * Helsinki calendar dates. Only the `finance` role works with batches; benefit handlers see the returned payments
 * of their own clients.
 */

/** A batch: draft → approved → sent (file generated) → accepted / partly_accepted / rejected (pain.002) → closed. */
export const PAYMENT_BATCH_STATES = ['draft', 'approved', 'sent', 'accepted', 'partly_accepted', 'rejected', 'closed', 'cancelled'] as const
/**
 * One payment of a batch: pending (until the bank's feedback) → accepted or rejected (pain.002) → settled (booked
 * in camt.054) or returned (a return with RtrInf in camt.054, e.g. AC01 account not found).
 */
export const PAYMENT_ITEM_STATES = ['pending', 'accepted', 'rejected', 'settled', 'returned'] as const
export const PAIN001_VERSIONS = ['001.001.09', '001.001.03'] as const

export const PaymentBatchState = Type.Enum(PAYMENT_BATCH_STATES)
export type PaymentBatchState = Static<typeof PaymentBatchState>
export const PaymentItemState = Type.Enum(PAYMENT_ITEM_STATES)
export type PaymentItemState = Static<typeof PaymentItemState>
export const Pain001Version = Type.Enum(PAIN001_VERSIONS)
export type Pain001VersionName = Static<typeof Pain001Version>

const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()])
const StaffName = Type.Object({ id: Uuid, name: Type.String() })

// ---- Selecting payables -------------------------------------------------------------------------------------------

/** `GET /api/payments/preview`: open payables due in the range (inclusive), optionally of one unit. */
export const PaymentSelection = Type.Object(
  {
    dueFrom: IsoDate,
    dueTo: IsoDate,
    /** the unit whose payables are paid; absent = every unit */
    unitId: Type.Optional(Uuid),
  },
  { additionalProperties: false },
)
export type PaymentSelection = Static<typeof PaymentSelection>

/** An open payable as finance sees it when batching (client data: every listing is audited). */
export const OpenPayable = Type.Object({
  id: Uuid,
  number: Type.Integer(),
  personId: Uuid,
  serviceTask: Type.String(),
  unitId: Uuid,
  unitName: Type.String(),
  payeeKind: Type.Union([Type.Literal('client'), Type.Literal('provider')]),
  payeeName: Type.String(),
  iban: Type.String(),
  bic: Nullable(Type.String()),
  amountCents: Type.Integer(),
  dueOn: IsoDate,
  /**
   * the day the bank is asked to pay: the due date, or — when the due date is already past or not a banking day —
   * the next banking day (Finnish bank holidays and TARGET2 closing days skipped). Fixed when the file is generated.
   */
  executionOn: IsoDate,
  reference: Nullable(Type.String()),
  message: Nullable(Type.String()),
})
export type OpenPayable = Static<typeof OpenPayable>

export const PaymentPreview = Type.Object({
  count: Type.Integer(),
  totalCents: Type.Integer(),
  payables: Type.Array(OpenPayable),
})
export type PaymentPreview = Static<typeof PaymentPreview>

// ---- Batches ------------------------------------------------------------------------------------------------------

export const BatchParams = Type.Object({ batchId: Uuid })
export type BatchParams = Static<typeof BatchParams>

/**
 * `POST /api/payments/batches`: create a draft batch of the open payables of the selection. `expectedCount` and
 * `expectedTotalCents` (from the preview) make the creation refuse (409) when the selection changed meanwhile.
 */
export const BatchCreate = Type.Object(
  {
    ...PaymentSelection.properties,
    expectedCount: Type.Optional(Type.Integer({ minimum: 0 })),
    expectedTotalCents: Type.Optional(Type.Integer({ minimum: 0 })),
  },
  { additionalProperties: false },
)
export type BatchCreate = Static<typeof BatchCreate>

/** Approve or cancel: optimistic lock at the batch version the user saw. */
export const BatchVersionBody = Type.Object({ version: Type.Integer({ minimum: 1 }) }, { additionalProperties: false })
export type BatchVersionBody = Static<typeof BatchVersionBody>

export const ItemStateCounts = Type.Object({
  pending: Type.Integer(),
  accepted: Type.Integer(),
  rejected: Type.Integer(),
  settled: Type.Integer(),
  returned: Type.Integer(),
})

/** A batch without its payments (no client data). */
export const PaymentBatchSummary = Type.Object({
  id: Uuid,
  number: Type.Integer(),
  state: PaymentBatchState,
  version: Type.Integer(),
  unitId: Nullable(Uuid),
  unitName: Nullable(Type.String()),
  dueFrom: IsoDate,
  dueTo: IsoDate,
  count: Type.Integer(),
  totalCents: Type.Integer(),
  createdBy: StaffName,
  createdAt: Type.String({ format: 'date-time' }),
  approvedBy: Nullable(StaffName),
  approvedAt: Nullable(Type.String({ format: 'date-time' })),
  cancelledAt: Nullable(Type.String({ format: 'date-time' })),
  /** set when the file was first generated (the batch became `sent`) */
  sentAt: Nullable(Type.String({ format: 'date-time' })),
  painVersion: Nullable(Pain001Version),
  msgId: Nullable(Type.String()),
  /** the group status of the last pain.002 (ACTC, ACCP, PART, RJCT …) */
  bankStatus: Nullable(Type.String()),
  items: ItemStateCounts,
  /** whether the signed-in user may approve it (a draft, and not created by them) */
  canApprove: Type.Boolean(),
})
export type PaymentBatchSummary = Static<typeof PaymentBatchSummary>

export const BatchListQuery = Type.Object(
  { state: Type.Optional(PaymentBatchState), limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })) },
  { additionalProperties: false },
)
export type BatchListQuery = Static<typeof BatchListQuery>

export const PaymentBatchList = Type.Object({ batches: Type.Array(PaymentBatchSummary) })
export type PaymentBatchList = Static<typeof PaymentBatchList>

/** One payment of a batch. */
export const PaymentItem = Type.Object({
  id: Uuid,
  payableId: Uuid,
  payableNumber: Type.Integer(),
  personId: Uuid,
  serviceTask: Type.String(),
  unitId: Uuid,
  payeeName: Type.String(),
  iban: Type.String(),
  bic: Nullable(Type.String()),
  amountCents: Type.Integer(),
  dueOn: IsoDate,
  /** the requested execution date written to the file (null until the file is generated) */
  executionOn: Nullable(IsoDate),
  reference: Nullable(Type.String()),
  message: Nullable(Type.String()),
  /** the reconciliation key written to the file and returned by the bank in pain.002 and camt.054 */
  endToEndId: Type.String(),
  state: PaymentItemState,
  /** the bank's reason code of a rejection or a return (AC01, AM01, DT01, NARR …) and its text */
  reasonCode: Nullable(Type.String()),
  reasonText: Nullable(Type.String()),
  /** the bank's archive reference (arkistointitunnus) of the settlement or return */
  bankReference: Nullable(Type.String()),
})
export type PaymentItem = Static<typeof PaymentItem>

/** `GET /api/payments/batches/:batchId`: the batch and its payments (client data: audited as a view). */
export const PaymentBatch = Type.Object({ ...PaymentBatchSummary.properties, payments: Type.Array(PaymentItem) })
export type PaymentBatch = Static<typeof PaymentBatch>

/**
 * `GET /api/payments/batches/:batchId/pain001?version=001.001.03`: the bank file (application/xml, an attachment).
 * The first download fixes the version, MsgId, creation time and execution dates and marks the batch `sent`; every
 * later download is byte-identical (asking for the other version then is a 409).
 */
export const Pain001Query = Type.Object({ version: Type.Optional(Pain001Version) }, { additionalProperties: false })
export type Pain001Query = Static<typeof Pain001Query>

// ---- Bank feedback ------------------------------------------------------------------------------------------------

/**
 * `POST /api/payments/imports/pain002` and `POST /api/payments/imports/camt054`: the bank file as the request body
 * (Content-Type application/xml or text/xml). An import is all-or-nothing; a malformed file, a file of the wrong
 * kind or one about payments Huoma did not send is refused (422 with field `body`).
 */
export const BankImportResult = Type.Object({
  id: Uuid,
  kind: Type.Union([Type.Literal('pain002'), Type.Literal('camt054')]),
  /** true when every entry of the file had been imported before (nothing changed) */
  duplicate: Type.Boolean(),
  /** pain.002: the original MsgId; camt.054: the notification id */
  messageId: Type.String(),
  /** the batches whose payments the file changed (pain.002: the batch it is about) */
  batchIds: Type.Array(Uuid),
  /** their numbers, in the order of `batchIds` */
  batchNumbers: Type.Array(Type.Integer()),
  accepted: Type.Integer(),
  rejected: Type.Integer(),
  settled: Type.Integer(),
  returned: Type.Integer(),
  /** camt.054 entries already imported before (same AcctSvcrRef), skipped */
  skipped: Type.Integer(),
  /** camt.054 entries that are not about Huoma's payments (other credits and debits on the account), ignored */
  unrelated: Type.Integer(),
})
export type BankImportResult = Static<typeof BankImportResult>

/**
 * The body of a bank feedback import: the XML file as it is (Content-Type application/xml or text/xml). The server
 * validates nothing against it: the body arrives as a file spooled to disk, not as a string.
 */
export const BankFileBody = Type.Unsafe<string>({ type: 'string', description: 'the bank file (application/xml or text/xml)' })

// ---- Returned payments --------------------------------------------------------------------------------------------

/**
 * `GET /api/payments/returned`: returned (or rejected) payments — for a handler, of the clients they can see (the
 * list chokepoint); for finance, all of them (the payments they process, audited with the clients named).
 */
export const ReturnedQuery = Type.Object(
  { includeHandled: Type.Optional(Type.Boolean({ default: false })) },
  { additionalProperties: false },
)
export type ReturnedQuery = Static<typeof ReturnedQuery>

export const ReturnedPayment = Type.Object({
  payableId: Uuid,
  payableNumber: Type.Integer(),
  personId: Uuid,
  serviceTask: Type.String(),
  sourceKind: Type.String(),
  sourceId: Uuid,
  payeeName: Type.String(),
  iban: Type.String(),
  amountCents: Type.Integer(),
  dueOn: IsoDate,
  state: Type.Union([Type.Literal('returned'), Type.Literal('rejected')]),
  reasonCode: Nullable(Type.String()),
  reasonText: Nullable(Type.String()),
  batchId: Uuid,
  batchNumber: Type.Integer(),
  returnedOn: Nullable(IsoDate),
})
export type ReturnedPayment = Static<typeof ReturnedPayment>

export const ReturnedPayments = Type.Object({ payments: Type.Array(ReturnedPayment) })
export type ReturnedPayments = Static<typeof ReturnedPayments>

// ---- Accounting export --------------------------------------------------------------------------------------------

/**
 * `GET /api/payments/accounting?batchId=…` or `?from=…&to=…` (by execution date), `format=csv|json` (default json).
 * CSV: UTF-8 with a byte-order mark, semicolon-separated, CRLF line ends, decimal comma; columns in the order of
 * `AccountingEntry`'s properties (a header row with these names).
 */
export const AccountingQuery = Type.Object(
  {
    batchId: Type.Optional(Uuid),
    from: Type.Optional(IsoDate),
    to: Type.Optional(IsoDate),
    format: Type.Optional(Type.Union([Type.Literal('csv'), Type.Literal('json')], { default: 'json' })),
  },
  { additionalProperties: false },
)
export type AccountingQuery = Static<typeof AccountingQuery>

/** One ledger entry per payment that was sent to the bank (rejected and returned ones marked by `state`). */
export const AccountingEntry = Type.Object({
  batchNumber: Type.Integer(),
  paymentNumber: Type.Integer(),
  endToEndId: Type.String(),
  executionOn: IsoDate,
  state: PaymentItemState,
  costCentre: Type.String(),
  account: Type.String(),
  serviceTask: Type.String(),
  sourceKind: Type.String(),
  unitCode: Type.String(),
  amountCents: Type.Integer(),
  /** the amount in euros as text with a decimal point, e.g. "123.45" (CSV: decimal comma) */
  amount: Type.String(),
})
export type AccountingEntry = Static<typeof AccountingEntry>

export const AccountingExport = Type.Object({
  entries: Type.Array(AccountingEntry),
  count: Type.Integer(),
  totalCents: Type.Integer(),
})
export type AccountingExport = Static<typeof AccountingExport>

// ---- Operations ---------------------------------------------------------------------------------------------------

const BASE = '/api/payments'

// ---- Payment commitments billed by providers -----------------------------------------------------------------------

/** A payment commitment as finance sees it when a provider's bill arrives: what is left of its maximum. */
export const CommitmentForBilling = Type.Object({
  id: Uuid,
  number: Type.Integer(),
  serviceTask: Type.String(),
  /** the client the commitment was given for: name only (finance pays, it does not read the case) */
  clientName: Type.String(),
  providerKind: Type.String(),
  providerName: Type.String(),
  /** the provider of the register the commitment names, if it names one */
  providerId: Nullable(Uuid),
  purpose: Type.String(),
  validFrom: IsoDate,
  validUntil: IsoDate,
  maxCents: Type.Integer(),
  /** billed so far (payables not cancelled) */
  billedCents: Type.Integer(),
  decisionNumber: Type.Integer(),
})
export type CommitmentForBilling = Static<typeof CommitmentForBilling>

export const CommitmentNumberParams = Type.Object({ number: Type.Integer({ minimum: 1 }) })
export const CommitmentBillParams = Type.Object({ commitmentId: Uuid })

/** A provider's bill against a commitment: becomes a payable to the provider (within validity and the maximum). */
export const CommitmentBillInput = Type.Object(
  {
    /** the billing provider from the register, when the commitment names none */
    providerId: Type.Optional(Uuid),
    amountCents: Type.Integer({ minimum: 1, maximum: 99_999_999_999 }),
    /** the day the service was given */
    servedOn: IsoDate,
    dueOn: IsoDate,
    /** the provider's payment reference (viitenumero) or, without one, a message */
    reference: Type.Optional(Type.String({ pattern: '^(RF[0-9]{2}[0-9A-Z]{1,21}|[0-9]{4,20})$' })),
    message: Type.Optional(Type.String({ minLength: 1, maxLength: 140 })),
  },
  { additionalProperties: false },
)
export type CommitmentBillInput = Static<typeof CommitmentBillInput>

export const CommitmentBillResult = Type.Object({ payableId: Uuid, leftCents: Type.Integer() })
export type CommitmentBillResult = Static<typeof CommitmentBillResult>

/**
 * The payments' operations. Every read or change that names clients is audited with the clients' ids (the role-event
 * chokepoint); the handlers' returned-payments list goes through the list chokepoint (filtered in SQL).
 */
export const paymentsEndpoints = endpoints({
  'payments.preview': {
    method: 'GET',
    path: `${BASE}/preview`,
    action: 'payments:preview',
    summary: 'Open payables of a due-date range and unit, with count and total',
    query: PaymentSelection,
    response: { 200: PaymentPreview },
  },
  'payments.createBatch': {
    method: 'POST',
    path: `${BASE}/batches`,
    action: 'payments:create',
    summary: 'Create a draft batch of the open payables of a selection',
    description:
      'Refused with 409 when the selection is empty or differs from `expectedCount` / `expectedTotalCents` (the ' +
      'preview the user saw), with 422 when a payable cannot be written to a bank file (IBAN, amount, text).',
    body: BatchCreate,
    response: { 201: PaymentBatch },
    errors: [409, 422],
  },
  'payments.listBatches': {
    method: 'GET',
    path: `${BASE}/batches`,
    action: 'payments:batches',
    summary: 'Payment batches, newest first (no client data)',
    query: BatchListQuery,
    response: { 200: PaymentBatchList },
  },
  'payments.readBatch': {
    method: 'GET',
    path: `${BASE}/batches/:batchId`,
    action: 'payments:batch-read',
    summary: 'A batch with its payments',
    params: BatchParams,
    response: { 200: PaymentBatch },
  },
  'payments.approve': {
    method: 'POST',
    path: `${BASE}/batches/:batchId/approve`,
    action: 'payments:approve',
    summary: 'Approve a draft batch (never by its creator)',
    params: BatchParams,
    body: BatchVersionBody,
    response: { 200: PaymentBatch },
    errors: [409],
  },
  'payments.cancel': {
    method: 'POST',
    path: `${BASE}/batches/:batchId/cancel`,
    action: 'payments:cancel',
    summary: 'Cancel an unsent batch (its payables return to the open list)',
    params: BatchParams,
    body: BatchVersionBody,
    response: { 200: PaymentBatch },
    errors: [409],
  },
  'payments.file': {
    method: 'GET',
    path: `${BASE}/batches/:batchId/pain001`,
    action: 'payments:file',
    summary: 'The pain.001 bank file of an approved batch (the first download marks it sent; later ones are identical)',
    description: 'Answers the XML as an attachment, streamed. Audited as an export naming the batch\'s clients.',
    params: BatchParams,
    query: Pain001Query,
    response: { 200: FileBody },
    produces: 'application/xml',
    errors: [409],
  },
  'payments.importPain002': {
    method: 'POST',
    path: `${BASE}/imports/pain002`,
    action: 'payments:import',
    summary: 'Import a pain.002 status report (all or nothing)',
    description: 'The body is the bank file as it is; a file that is not a pain.002 about a file Huoma sent is refused (422).',
    body: BankFileBody,
    consumes: ['application/xml', 'text/xml'],
    response: { 200: BankImportResult },
    errors: [413, 415, 422],
  },
  'payments.importCamt054': {
    method: 'POST',
    path: `${BASE}/imports/camt054`,
    action: 'payments:import',
    summary: 'Import a camt.054 notification (all or nothing, idempotent on AcctSvcrRef)',
    description: 'The body is the bank file as it is; a file about another account, or with an amount that differs, is refused (422).',
    body: BankFileBody,
    consumes: ['application/xml', 'text/xml'],
    response: { 200: BankImportResult },
    errors: [413, 415, 422],
  },
  'payments.commitment': {
    method: 'GET',
    path: `${BASE}/commitments/:number`,
    action: 'payments:commitments',
    summary: 'A payment commitment by its number (printed on the provider\'s bill): validity, maximum and what is billed',
    params: CommitmentNumberParams,
    response: { 200: CommitmentForBilling },
  },
  'payments.billCommitment': {
    method: 'POST',
    path: `${BASE}/commitments/:commitmentId/bills`,
    action: 'payments:commitment-bill',
    summary: 'Record a provider\'s bill against a payment commitment: a payable to the provider, paid in the next batch',
    description: 'Within the commitment\'s validity and what is left of its maximum; one payable per bill reference.',
    params: CommitmentBillParams,
    body: CommitmentBillInput,
    response: { 201: CommitmentBillResult },
    errors: [409],
  },
  'payments.returned': {
    method: 'GET',
    path: `${BASE}/returned`,
    action: 'payments:returned',
    summary: 'Returned and rejected payments: of the clients the handler may see; all of them for finance',
    query: ReturnedQuery,
    response: { 200: ReturnedPayments },
  },
  'payments.accounting': {
    method: 'GET',
    path: `${BASE}/accounting`,
    action: 'payments:accounting',
    summary: 'Accounting entries per payment, of a batch or a period (execution date), as JSON or CSV',
    description:
      'JSON by default; `format=csv` answers text/csv (UTF-8 with a byte-order mark, `;`, CRLF, decimal comma) as an ' +
      'attachment, with the columns of AccountingEntry in order. Audited as an export.',
    query: AccountingQuery,
    response: { 200: AccountingExport },
  },
})

import Type, { type Static, type TSchema } from 'typebox'
import { FileBody, IsoDate, Uuid } from './common'
import { endpoints } from './endpoint'

/**
 * Clients' intermediary accounts (välitystili: the office manages the client's money — incoming benefits and pension,
 * bills paid on the client's behalf) and young people's after-care funds (itsenäistymisvarat, LSL 77 §) on one
 * append-only ledger. Money is integer cents; money in is positive, money out negative.
 */

export const CLIENT_ACCOUNT_KINDS = ['intermediary', 'after_care_fund'] as const
export const ClientAccountKind = Type.Union([Type.Literal('intermediary'), Type.Literal('after_care_fund')])
export type ClientAccountKind = Static<typeof ClientAccountKind>

export const CLIENT_ACCOUNT_ENTRY_KINDS = ['deposit', 'bill', 'payout', 'interest', 'adjustment', 'reversal'] as const
export const ClientAccountEntryKind = Type.Union([
  Type.Literal('deposit'),
  Type.Literal('bill'),
  Type.Literal('payout'),
  Type.Literal('interest'),
  Type.Literal('adjustment'),
  Type.Literal('reversal'),
])
export type ClientAccountEntryKind = Static<typeof ClientAccountEntryKind>

const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()])
const ServiceTaskCode = Type.String({ pattern: '^[a-z_]{2,40}$', description: 'Service task code (palvelutehtävä)' })
const Cents = Type.Integer({ description: 'Euro cents' })

export const ClientAccountTaskParams = Type.Object({ id: Uuid, serviceTask: ServiceTaskCode })
export type ClientAccountTaskParams = Static<typeof ClientAccountTaskParams>
export const ClientAccountParams = Type.Object({ id: Uuid, serviceTask: ServiceTaskCode, accountId: Uuid })
export type ClientAccountParams = Static<typeof ClientAccountParams>
export const ClientAccountEntryParams = Type.Object({ id: Uuid, serviceTask: ServiceTaskCode, accountId: Uuid, entryId: Uuid })
export type ClientAccountEntryParams = Static<typeof ClientAccountEntryParams>

export const ClientAccountStaff = Type.Object({ id: Uuid, displayName: Type.String() })

export const ClientAccountSummary = Type.Object({
  id: Uuid,
  number: Type.Integer(),
  personId: Uuid,
  serviceTask: Type.String(),
  unitId: Uuid,
  kind: ClientAccountKind,
  reference: Type.String({ description: 'Finnish reference (viitenumero) for incoming payments to the collective client-funds account' }),
  openedOn: IsoDate,
  closedOn: Nullable(IsoDate),
  responsible: Nullable(ClientAccountStaff),
  balanceCents: Cents,
  version: Type.Integer(),
})
export type ClientAccountSummary = Static<typeof ClientAccountSummary>

export const ClientAccountList = Type.Object({ accounts: Type.Array(ClientAccountSummary) })
export type ClientAccountList = Static<typeof ClientAccountList>

export const ClientAccountEntry = Type.Object({
  id: Uuid,
  number: Type.Integer(),
  kind: ClientAccountEntryKind,
  entryOn: IsoDate,
  amountCents: Cents,
  description: Type.String(),
  bankRef: Nullable(Type.String()),
  reversesId: Nullable(Uuid),
  reversedById: Nullable(Uuid),
  payable: Nullable(
    Type.Object({
      id: Uuid,
      payeeName: Type.String(),
      iban: Type.String(),
      reference: Nullable(Type.String()),
      message: Nullable(Type.String()),
      dueOn: IsoDate,
      state: Type.String(),
    }),
  ),
  balanceAfterCents: Cents,
  createdBy: Nullable(ClientAccountStaff),
  createdAt: Type.String({ format: 'date-time' }),
})
export type ClientAccountEntry = Static<typeof ClientAccountEntry>

export const ClientAccountDetail = Type.Object({
  account: ClientAccountSummary,
  balanceOn: IsoDate,
  balanceOnCents: Cents,
  entries: Type.Array(ClientAccountEntry),
})
export type ClientAccountDetail = Static<typeof ClientAccountDetail>

export const ClientAccountQuery = Type.Object({ on: Type.Optional(IsoDate) }, { additionalProperties: false })
export type ClientAccountQuery = Static<typeof ClientAccountQuery>

export const ClientAccountOpen = Type.Object(
  {
    kind: ClientAccountKind,
    openedOn: IsoDate,
    unitId: Type.Optional(Uuid),
    responsibleUserId: Type.Optional(Nullable(Uuid)),
  },
  { additionalProperties: false },
)
export type ClientAccountOpen = Static<typeof ClientAccountOpen>

export const ClientAccountUpdate = Type.Object(
  {
    version: Type.Integer(),
    responsibleUserId: Nullable(Uuid),
    closedOn: Nullable(IsoDate),
  },
  { additionalProperties: false },
)
export type ClientAccountUpdate = Static<typeof ClientAccountUpdate>

const Payee = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 70 }),
    iban: Type.String({ minLength: 1, maxLength: 42 }),
    reference: Type.Optional(Type.String({ maxLength: 35 })),
    message: Type.Optional(Type.String({ maxLength: 140 })),
  },
  { additionalProperties: false },
)
const Description = Type.String({ minLength: 1, maxLength: 200 })
const PositiveCents = Type.Integer({ minimum: 1, maximum: 99999999999 })

/** Money in: an incoming payment (optionally with the bank's archive reference AcctSvcrRef, so an import is idempotent). */
export const DepositInput = Type.Object(
  { kind: Type.Literal('deposit'), entryOn: IsoDate, amountCents: PositiveCents, description: Description, bankRef: Type.Optional(Type.String({ minLength: 1, maxLength: 35 })) },
  { additionalProperties: false },
)
/** A bill paid on the client's behalf to a provider, through the payment batches. */
export const BillInput = Type.Object(
  { kind: Type.Literal('bill'), amountCents: PositiveCents, description: Description, dueOn: IsoDate, payee: Payee },
  { additionalProperties: false },
)
/** A payout to the client's own bank account (the payee name is the client's). */
export const PayoutInput = Type.Object(
  {
    kind: Type.Literal('payout'),
    amountCents: PositiveCents,
    description: Description,
    dueOn: IsoDate,
    iban: Type.String({ minLength: 1, maxLength: 42 }),
    message: Type.Optional(Type.String({ maxLength: 140 })),
  },
  { additionalProperties: false },
)
export const InterestInput = Type.Object(
  { kind: Type.Literal('interest'), entryOn: IsoDate, amountCents: PositiveCents, description: Description },
  { additionalProperties: false },
)
/** A signed adjustment (e.g. a bank charge); a negative one is dated today. */
export const AdjustmentInput = Type.Object(
  { kind: Type.Literal('adjustment'), entryOn: IsoDate, amountCents: Type.Integer({ minimum: -99999999999, maximum: 99999999999 }), description: Description },
  { additionalProperties: false },
)
export const ClientAccountEntryInput = Type.Union([DepositInput, BillInput, PayoutInput, InterestInput, AdjustmentInput])
export type ClientAccountEntryInput = Static<typeof ClientAccountEntryInput>

export const ReversalInput = Type.Object({ description: Description }, { additionalProperties: false })
export type ReversalInput = Static<typeof ReversalInput>

export const StatementQuery = Type.Object(
  { from: IsoDate, to: IsoDate, language: Type.Optional(Type.Union([Type.Literal('fi'), Type.Literal('sv')])) },
  { additionalProperties: false },
)
export type StatementQuery = Static<typeof StatementQuery>

export const ReconciliationQuery = Type.Object({ month: Type.String({ pattern: '^[0-9]{4}-(0[1-9]|1[0-2])$' }) }, { additionalProperties: false })
export type ReconciliationQuery = Static<typeof ReconciliationQuery>

export const ReconciliationInput = Type.Object(
  {
    month: Type.String({ pattern: '^[0-9]{4}-(0[1-9]|1[0-2])$' }),
    bankBalanceCents: Type.Integer({ minimum: -99999999999, maximum: 99999999999 }),
    note: Type.Optional(Type.String({ maxLength: 500 })),
  },
  { additionalProperties: false },
)
export type ReconciliationInput = Static<typeof ReconciliationInput>

export const ReconciliationRecord = Type.Object({
  id: Uuid,
  month: Type.String(),
  ledgerCents: Cents,
  bankCents: Cents,
  differenceCents: Cents,
  accountCount: Type.Integer(),
  note: Nullable(Type.String()),
  reconciledBy: ClientAccountStaff,
  reconciledAt: Type.String({ format: 'date-time' }),
})
export type ReconciliationRecord = Static<typeof ReconciliationRecord>

export const Reconciliation = Type.Object({
  month: Type.String(),
  monthEnd: IsoDate,
  closed: Type.Boolean(),
  ledgerCents: Cents,
  accounts: Type.Array(
    Type.Object({
      id: Uuid,
      number: Type.Integer(),
      personId: Uuid,
      clientName: Type.String(),
      kind: ClientAccountKind,
      serviceTask: Type.String(),
      reference: Type.String(),
      balanceCents: Cents,
    }),
  ),
  history: Type.Array(ReconciliationRecord),
})
export type Reconciliation = Static<typeof Reconciliation>

// ---- Operations ---------------------------------------------------------------------------------------------------

const BASE = '/api/persons/:id/client-accounts/:serviceTask'
const ACCOUNT = `${BASE}/:accountId`

/**
 * The client accounts' operations. Everything about one client's accounts goes through the client chokepoint in the
 * account's service task (named in the path, so access is decided before any account is read); finance's monthly
 * reconciliation goes through the list chokepoint.
 */
export const clientAccountsEndpoints = endpoints({
  'clientAccounts.list': {
    method: 'GET',
    path: BASE,
    action: 'client-accounts:read',
    summary: 'The client\'s accounts in the service task with their balances',
    params: ClientAccountTaskParams,
    response: { 200: ClientAccountList },
  },
  'clientAccounts.open': {
    method: 'POST',
    path: BASE,
    action: 'client-accounts:open',
    summary: 'Open an intermediary account or an after-care fund (gets its own Finnish reference for incoming payments)',
    params: ClientAccountTaskParams,
    body: ClientAccountOpen,
    response: { 201: ClientAccountSummary },
  },
  'clientAccounts.read': {
    method: 'GET',
    path: ACCOUNT,
    action: 'client-accounts:read',
    summary: 'An account with every entry (running balance) and its balance at a date (default today)',
    params: ClientAccountParams,
    query: ClientAccountQuery,
    response: { 200: ClientAccountDetail },
  },
  'clientAccounts.update': {
    method: 'PUT',
    path: ACCOUNT,
    action: 'client-accounts:edit',
    summary: 'Change the responsible worker or close the account (only with a zero balance); optimistic locking with version',
    params: ClientAccountParams,
    body: ClientAccountUpdate,
    response: { 200: ClientAccountSummary },
    errors: [409],
  },
  'clientAccounts.record': {
    method: 'POST',
    path: `${ACCOUNT}/entries`,
    action: 'client-accounts:record',
    summary:
      'Record a deposit (idempotent on the bank\'s archive reference), a bill or a payout (a payable for the payment batches; never beyond the balance), interest or an adjustment',
    description: 'Answers 201 with a new entry, or 200 with the entry already recorded for the same deposit (same archive reference, account and amount).',
    params: ClientAccountParams,
    body: ClientAccountEntryInput,
    response: { 200: ClientAccountEntry, 201: ClientAccountEntry },
  },
  'clientAccounts.reverse': {
    method: 'POST',
    path: `${ACCOUNT}/entries/:entryId/reverse`,
    action: 'client-accounts:record',
    summary: 'Correct an entry with a reversing entry dated today (an unpaid bill\'s payable is cancelled with it)',
    params: ClientAccountEntryParams,
    body: ReversalInput,
    response: { 201: ClientAccountEntry },
  },
  'clientAccounts.statement': {
    method: 'GET',
    path: `${ACCOUNT}/statement`,
    action: 'client-accounts:print',
    summary: 'The account statement for a period as PDF (Finnish or Swedish): opening balance, entries, closing balance',
    description: 'Answers application/pdf with the contact address only. Audited as a print.',
    params: ClientAccountParams,
    query: StatementQuery,
    response: { 200: FileBody },
    produces: 'application/pdf',
  },
  'clientAccounts.reconciliation': {
    method: 'GET',
    path: '/api/client-accounts/reconciliation',
    action: 'client-accounts:reconcile',
    summary: 'Every client account\'s balance at the end of a month, the ledger total and the month\'s reconciliations',
    query: ReconciliationQuery,
    response: { 200: Reconciliation },
  },
  'clientAccounts.reconcile': {
    method: 'POST',
    path: '/api/client-accounts/reconciliation',
    action: 'client-accounts:reconcile',
    summary: 'Record the bank balance of the collective client-funds account at month end; a difference of 0 closes the month',
    body: ReconciliationInput,
    response: { 201: Reconciliation },
  },
})

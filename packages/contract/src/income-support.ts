import Type, { type Static } from 'typebox'
import { FileBody, IsoDate, Uuid } from './common'
import { endpoints } from './endpoint'
import { PageFields, pageQueryFields } from './paging'

/**
 * Income support (toimeentulotuki): the county's supplementary (täydentävä) and preventive (ehkäisevä) assistance on
 * top of Kela's basic calculation. Money is integer cents everywhere; dates are Helsinki calendar dates.
 *
 * The code lists mirror `@huoma/domain` (income-support/types.ts); the server asserts at compile time that they are
 * the same lists.
 */


export const IS_PERUSOSA_CATEGORIES = [
  'single',
  'single_parent',
  'adult_other',
  'adult_with_parents',
  'child_10_17_1',
  'child_10_17_2',
  'child_10_17_3',
  'child_under_10_1',
  'child_under_10_2',
  'child_under_10_3',
] as const
export const IS_BASIC_EXPENSE_TYPES = [
  'rent',
  'maintenance_charge',
  'water',
  'heating',
  'electricity',
  'home_insurance',
  'health_care_fees',
  'prescribed_medicines',
  'daycare_fees',
  'moving_costs_basic',
  'identity_document',
  'other_basic',
] as const
export const IS_SUPPLEMENTARY_TYPES = [
  'rent_deposit',
  'moving',
  'furniture',
  'child_visiting',
  'children_hobbies',
  'children_equipment',
  'funeral',
  'study_costs',
  'commuting',
  'health_care_special',
  'other_supplementary',
] as const
export const IS_INCOME_TYPES = [
  'net_wage',
  'self_employment',
  'unemployment_benefit',
  'labour_market_subsidy',
  'general_benefit',
  'housing_allowance',
  'child_benefit',
  'child_maintenance',
  'pension',
  'sickness_allowance',
  'parental_allowance',
  'student_financial_aid',
  'minor_assistance',
  'other_income',
  'excluded_maternity_grant',
  'excluded_disability_allowance',
  'excluded_expense_compensation',
  'excluded_distraint',
  'excluded_other',
] as const
export const IS_MEMBER_ROLES = ['applicant', 'spouse', 'child', 'adult_child'] as const
export const IS_REDUCTION_GROUNDS = [
  'refused_work',
  'repeated_refusal',
  'primary_benefit_not_applied',
  'not_registered_jobseeker',
  'unemployment_sanction',
  'integration_plan',
] as const
export const IS_APPLICATION_STATES = ['received', 'in_preparation', 'decided', 'notified'] as const
export const IS_CHANNELS = ['paper', 'eform', 'kela'] as const
export const IS_OUTCOMES = ['granted', 'partly_granted', 'refused'] as const
export const IS_PROVIDER_KINDS = ['pharmacy', 'funeral', 'landlord', 'energy', 'other'] as const

/** An amount in cents: a whole number, never negative, below 10 million euros. */
export const CentsAmount = Type.Integer({ minimum: 0, maximum: 999_999_999, description: 'euro cents' })

export const PerusosaCategory = Type.Enum(IS_PERUSOSA_CATEGORIES)
export type PerusosaCategory = Static<typeof PerusosaCategory>
export const BasicExpenseType = Type.Enum(IS_BASIC_EXPENSE_TYPES)
export type BasicExpenseType = Static<typeof BasicExpenseType>
export const SupplementaryType = Type.Enum(IS_SUPPLEMENTARY_TYPES)
export type SupplementaryType = Static<typeof SupplementaryType>
export const IncomeType = Type.Enum(IS_INCOME_TYPES)
export type IncomeType = Static<typeof IncomeType>
export const ReductionGround = Type.Enum(IS_REDUCTION_GROUNDS)
export type ReductionGround = Static<typeof ReductionGround>
export const MemberRole = Type.Enum(IS_MEMBER_ROLES)
export type MemberRole = Static<typeof MemberRole>
export const ApplicationState = Type.Enum(IS_APPLICATION_STATES)
export type ApplicationState = Static<typeof ApplicationState>
export const ApplicationChannel = Type.Enum(IS_CHANNELS)
export type ApplicationChannel = Static<typeof ApplicationChannel>
export const DecisionOutcome = Type.Enum(IS_OUTCOMES)
export type DecisionOutcome = Static<typeof DecisionOutcome>
export const ProviderKind = Type.Enum(IS_PROVIDER_KINDS)
export type ProviderKind = Static<typeof ProviderKind>

// ---------------------------------------------------------------------------------------------------------------
// Parameters

export const ParameterValues = Type.Object(
  {
    validFrom: IsoDate,
    validUntil: Type.Union([IsoDate, Type.Null()]),
    perusosa: Type.Object(Object.fromEntries(IS_PERUSOSA_CATEGORIES.map((c) => [c, CentsAmount])) as Record<PerusosaCategory, typeof CentsAmount>, {
      additionalProperties: false,
    }),
    earnedIncomeDeduction: Type.Union([
      Type.Object({ perEarnerMaxCents: CentsAmount, appliesTo: Type.Union([Type.Literal('all'), Type.Literal('minors')]) }, { additionalProperties: false }),
      Type.Null(),
    ]),
    minorEarningsCappedAtOwnPerusosa: Type.Boolean(),
    minorAssistanceLimit: Type.Union([Type.Object({ singleCents: CentsAmount, familyCents: CentsAmount }, { additionalProperties: false }), Type.Null()]),
    daysPerMonth: Type.Integer({ minimum: 28, maximum: 31 }),
    housingNormCents: Type.Union([Type.Array(CentsAmount, { minItems: 1, maxItems: 12 }), Type.Null()]),
    /** TTTL 10 § reduction percentages by ground in the period (absent in sets saved before it existed: no grounds) */
    reductions: Type.Optional(
      Type.Object(
        {
          grounds: Type.Object(
            {
              refused_work: Type.Optional(Type.Integer({ minimum: 0, maximum: 100 })),
              repeated_refusal: Type.Optional(Type.Integer({ minimum: 0, maximum: 100 })),
              primary_benefit_not_applied: Type.Optional(Type.Integer({ minimum: 0, maximum: 100 })),
              not_registered_jobseeker: Type.Optional(Type.Integer({ minimum: 0, maximum: 100 })),
              integration_plan: Type.Optional(Type.Integer({ minimum: 0, maximum: 100 })),
            },
            { additionalProperties: false },
          ),
          unemploymentSanction: Type.Union([
            Type.Object({ firstMonthPercent: Type.Integer({ minimum: 0, maximum: 100 }), laterPercent: Type.Integer({ minimum: 0, maximum: 100 }), maxMonths: Type.Integer({ minimum: 1, maximum: 24 }) }, { additionalProperties: false }),
            Type.Null(),
          ]),
        },
        { additionalProperties: false },
      ),
    ),
    source: Type.String({ maxLength: 500 }),
  },
  { additionalProperties: false },
)
export type ParameterValues = Static<typeof ParameterValues>

export const ParameterSet = Type.Object({
  ...ParameterValues.properties,
  id: Uuid,
  version: Type.Integer(),
  updatedAt: Type.String({ format: 'date-time' }),
  updatedBy: Type.Union([Type.String(), Type.Null()]),
})
export type ParameterSet = Static<typeof ParameterSet>

export const ParameterSets = Type.Object({ sets: Type.Array(ParameterSet) })
export type ParameterSets = Static<typeof ParameterSets>

export const ParameterSetParams = Type.Object({ setId: Uuid })
export const ParameterSetUpdate = Type.Object({ ...ParameterValues.properties, version: Type.Integer({ minimum: 1 }) }, { additionalProperties: false })
export type ParameterSetUpdate = Static<typeof ParameterSetUpdate>

export const ParameterHistoryEntry = Type.Object({
  version: Type.Integer(),
  change: Type.Union([Type.Literal('create'), Type.Literal('update'), Type.Literal('delete')]),
  values: ParameterValues,
  changedBy: Type.Union([Type.String(), Type.Null()]),
  changedAt: Type.String({ format: 'date-time' }),
})
export const ParameterHistory = Type.Object({ history: Type.Array(ParameterHistoryEntry) })
export type ParameterHistory = Static<typeof ParameterHistory>

// ---------------------------------------------------------------------------------------------------------------
// Claims (what the applicant claims; the handler sets what is accepted)

const Note = Type.String({ maxLength: 500 })

export const ExpenseClaim = Type.Object(
  {
    type: BasicExpenseType,
    amountCents: CentsAmount,
    acceptedCents: Type.Optional(Type.Union([CentsAmount, Type.Null()])),
    memberId: Type.Optional(Type.Union([Uuid, Type.Null()])),
    note: Type.Optional(Note),
  },
  { additionalProperties: false },
)
export const IncomeClaim = Type.Object({ type: IncomeType, amountCents: CentsAmount, memberId: Uuid, note: Type.Optional(Note) }, { additionalProperties: false })
export const AssetClaim = Type.Object(
  { type: Type.Union([Type.Literal('bank_balance'), Type.Literal('other_asset')]), amountCents: CentsAmount, memberId: Uuid, note: Type.Optional(Note) },
  { additionalProperties: false },
)
export const SupplementaryClaim = Type.Object(
  { type: SupplementaryType, amountCents: CentsAmount, acceptedCents: Type.Optional(Type.Union([CentsAmount, Type.Null()])), note: Type.Optional(Note) },
  { additionalProperties: false },
)
export const PreventiveClaim = Type.Object(
  { purpose: Type.String({ minLength: 1, maxLength: 200 }), amountCents: CentsAmount, acceptedCents: Type.Optional(Type.Union([CentsAmount, Type.Null()])) },
  { additionalProperties: false },
)

export const Claims = Type.Object(
  {
    expenses: Type.Array(ExpenseClaim, { maxItems: 100 }),
    incomes: Type.Array(IncomeClaim, { maxItems: 100 }),
    assets: Type.Array(AssetClaim, { maxItems: 50 }),
    supplementary: Type.Array(SupplementaryClaim, { maxItems: 50 }),
    preventive: Type.Array(PreventiveClaim, { maxItems: 20 }),
  },
  { additionalProperties: false },
)
export type Claims = Static<typeof Claims>

export const MemberInput = Type.Object(
  {
    personId: Uuid,
    role: MemberRole,
    alternatingResidence: Type.Optional(Type.Boolean()),
    perusosaReductionPercent: Type.Optional(Type.Integer({ minimum: 0, maximum: 100 })),
    /** the ground of a reduction: the percentage comes from the period's parameters (takes precedence) */
    reductionGround: Type.Optional(Type.Union([ReductionGround, Type.Null()])),
    /** for an unemployment sanction: which month of it the period is (1 = the first) */
    sanctionMonth: Type.Optional(Type.Union([Type.Integer({ minimum: 1, maximum: 24 }), Type.Null()])),
  },
  { additionalProperties: false },
)
export type MemberInput = Static<typeof MemberInput>

export const Member = Type.Object({
  personId: Uuid,
  role: MemberRole,
  alternatingResidence: Type.Boolean(),
  perusosaReductionPercent: Type.Integer(),
  reductionGround: Type.Union([ReductionGround, Type.Null()]),
  sanctionMonth: Type.Union([Type.Integer(), Type.Null()]),
  firstNames: Type.String(),
  lastName: Type.String(),
  birthDate: Type.Union([IsoDate, Type.Null()]),
})
export type Member = Static<typeof Member>

// ---------------------------------------------------------------------------------------------------------------
// Calculation (as the domain engine returns it)

export const CalculationLine = Type.Object({
  section: Type.String(),
  code: Type.String(),
  memberId: Type.Optional(Type.String()),
  amountCents: Type.Integer(),
  rule: Type.String(),
  detail: Type.Optional(Type.Record(Type.String(), Type.Union([Type.Number(), Type.String(), Type.Boolean()]))),
})
export type CalculationLine = Static<typeof CalculationLine>

const Totals = Type.Object({ expensesCents: Type.Integer(), incomeCents: Type.Integer(), assetsCents: Type.Integer(), resultCents: Type.Integer() })

export const Calculation = Type.Object({
  parametersValidFrom: IsoDate,
  lines: Type.Array(CalculationLine),
  basic: Totals,
  withSupplementary: Totals,
  supplementaryCents: Type.Integer(),
  preventiveCents: Type.Integer(),
  countyTotalCents: Type.Integer(),
})
export type Calculation = Static<typeof Calculation>

/** The calculation, or why it could not be made (e.g. a month outside every parameter period). */
export const CalculationOutcome = Type.Union([
  Type.Object({ ok: Type.Literal(true), calculation: Calculation }),
  Type.Object({ ok: Type.Literal(false), field: Type.String(), code: Type.String(), message: Type.String() }),
])
export type CalculationOutcome = Static<typeof CalculationOutcome>

/** Kela's basic calculation as forwarded with the application (Kela decides basic assistance). */
export const KelaBasic = Type.Object({
  decisionDate: IsoDate,
  /** Kela's basic assistance for the period (perustoimeentulotuki), cents */
  basicCents: Type.Integer(),
  lines: Type.Array(Type.Object({ code: Type.String(), label: Type.String(), amountCents: Type.Integer() })),
})
export type KelaBasic = Static<typeof KelaBasic>

// ---------------------------------------------------------------------------------------------------------------
// Applications

export const PersonParams = Type.Object({ id: Uuid })
export const ApplicationParams = Type.Object({ id: Uuid, applicationId: Uuid })
export type ApplicationParams = Static<typeof ApplicationParams>
export const DecisionParams = Type.Object({ id: Uuid, decisionId: Uuid })
export type DecisionParams = Static<typeof DecisionParams>
export const CommitmentParams = Type.Object({ id: Uuid, commitmentId: Uuid })
export type CommitmentParams = Static<typeof CommitmentParams>

export const ApplicationCreate = Type.Object(
  {
    unitId: Uuid,
    channel: Type.Union([Type.Literal('paper'), Type.Literal('eform')]),
    receivedOn: IsoDate,
    urgent: Type.Boolean(),
    periodStart: IsoDate,
    periodEnd: IsoDate,
    members: Type.Array(MemberInput, { minItems: 1, maxItems: 20 }),
    claims: Claims,
    housingCapped: Type.Optional(Type.Boolean()),
    /** a benefit handler registering the application takes it at once */
    takeIt: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
)
export type ApplicationCreate = Static<typeof ApplicationCreate>

export const ApplicationUpdate = Type.Object(
  {
    version: Type.Integer({ minimum: 1 }),
    urgent: Type.Boolean(),
    periodStart: IsoDate,
    periodEnd: IsoDate,
    members: Type.Array(MemberInput, { minItems: 1, maxItems: 20 }),
    claims: Claims,
    housingCapped: Type.Boolean(),
  },
  { additionalProperties: false },
)
export type ApplicationUpdate = Static<typeof ApplicationUpdate>

/** A what-if calculation of unsaved edits (the handler's screen recalculates on each change). */
export const CalculationRequest = Type.Object(
  {
    periodStart: IsoDate,
    periodEnd: IsoDate,
    members: Type.Array(MemberInput, { minItems: 1, maxItems: 20 }),
    claims: Claims,
    housingCapped: Type.Boolean(),
  },
  { additionalProperties: false },
)
export type CalculationRequest = Static<typeof CalculationRequest>

export const CompletionRequest = Type.Object(
  { requestedOn: IsoDate, dueOn: IsoDate, request: Type.String({ minLength: 5, maxLength: 4000 }), version: Type.Integer({ minimum: 1 }) },
  { additionalProperties: false },
)
export type CompletionRequest = Static<typeof CompletionRequest>
export const CompletionAnswer = Type.Object({ answeredOn: IsoDate, version: Type.Integer({ minimum: 1 }) }, { additionalProperties: false })
export type CompletionAnswer = Static<typeof CompletionAnswer>

export const StaffRef = Type.Object({ id: Uuid, name: Type.String() })

export const DecisionSummary = Type.Object({
  id: Uuid,
  number: Type.Integer(),
  decidedOn: IsoDate,
  decisionMaker: StaffRef,
  language: Type.Union([Type.Literal('fi'), Type.Literal('sv')]),
  outcome: DecisionOutcome,
  grantedCents: Type.Integer(),
  correctsId: Type.Union([Uuid, Type.Null()]),
  correctedById: Type.Union([Uuid, Type.Null()]),
  notifiedOn: Type.Union([IsoDate, Type.Null()]),
})
export type DecisionSummary = Static<typeof DecisionSummary>

export const Application = Type.Object({
  id: Uuid,
  number: Type.Integer(),
  personId: Uuid,
  unitId: Uuid,
  channel: ApplicationChannel,
  kelaCaseRef: Type.Union([Type.String(), Type.Null()]),
  receivedOn: IsoDate,
  urgent: Type.Boolean(),
  periodStart: IsoDate,
  periodEnd: IsoDate,
  state: ApplicationState,
  handler: Type.Union([StaffRef, Type.Null()]),
  dueOn: IsoDate,
  deadlineRule: Type.String(),
  overdue: Type.Boolean(),
  completion: Type.Union([
    Type.Object({ requestedOn: IsoDate, dueOn: IsoDate, answeredOn: Type.Union([IsoDate, Type.Null()]), request: Type.String() }),
    Type.Null(),
  ]),
  housingCapped: Type.Boolean(),
  members: Type.Array(Member),
  claims: Claims,
  kelaBasic: Type.Union([KelaBasic, Type.Null()]),
  calculation: CalculationOutcome,
  decisions: Type.Array(DecisionSummary),
  version: Type.Integer(),
})
export type Application = Static<typeof Application>

export const ApplicationListItem = Type.Object({
  id: Uuid,
  number: Type.Integer(),
  personId: Uuid,
  applicantName: Type.String(),
  unitId: Uuid,
  unitName: Type.String(),
  channel: ApplicationChannel,
  receivedOn: IsoDate,
  urgent: Type.Boolean(),
  state: ApplicationState,
  dueOn: IsoDate,
  overdue: Type.Boolean(),
  /** working days left until the deadline (negative when overdue) */
  workingDaysLeft: Type.Integer(),
  completionPending: Type.Boolean(),
  handler: Type.Union([StaffRef, Type.Null()]),
  memberCount: Type.Integer(),
  /** for taking the application from the queue (optimistic locking) */
  version: Type.Integer(),
})
export type ApplicationListItem = Static<typeof ApplicationListItem>

export const ClientApplications = Type.Object({ applications: Type.Array(ApplicationListItem) })
export type ClientApplications = Static<typeof ClientApplications>

/** A payable's state: open (to be paid), in a batch, paid, returned by the bank, cancelled (by a correction). */
export const PayableState = Type.Union([Type.Literal('open'), Type.Literal('in_batch'), Type.Literal('paid'), Type.Literal('returned'), Type.Literal('cancelled')])
export type PayableState = Static<typeof PayableState>

/** One income support payment of the client (to the client, or to a provider against a payment commitment). */
export const ClientPayment = Type.Object({
  id: Uuid,
  number: Type.Integer(),
  /** the day it is (or was) due to be paid */
  dueOn: IsoDate,
  amountCents: Type.Integer({ minimum: 1 }),
  payee: Type.Object({ kind: Type.Union([Type.Literal('client'), Type.Literal('provider')]), name: Type.String() }),
  /** the decision it pays (for a provider's bill: the decision of its payment commitment) */
  decision: Type.Union([Type.Object({ id: Uuid, number: Type.Integer() }), Type.Null()]),
  /** the payment commitment a provider's bill is paid against */
  commitmentNumber: Type.Union([Type.Integer(), Type.Null()]),
  state: PayableState,
  /** the bank's execution day, once the payment is in a sent batch */
  paidOn: Type.Union([IsoDate, Type.Null()]),
  returnedOn: Type.Union([IsoDate, Type.Null()]),
  /** the bank's reason for a rejected or returned payment (AC01 …) */
  returnReason: Type.Union([Type.String(), Type.Null()]),
})
export type ClientPayment = Static<typeof ClientPayment>

export const ClientPayments = Type.Object({
  payments: Type.Array(ClientPayment),
  /** the sum of the paid ones (state paid), cents */
  paidTotalCents: Type.Integer(),
})
export type ClientPayments = Static<typeof ClientPayments>

/** The worklist's sort keys: the deadline (default), the day received, the applicant's name, the state. */
export const WORKLIST_SORTS = ['deadline', 'received', 'name', 'state'] as const
export type WorklistSort = (typeof WORKLIST_SORTS)[number]

export const WorklistQuery = Type.Object(
  {
    /** mine: assigned to me; unit: unassigned in my units (the queue); all: both */
    scope: Type.Optional(Type.Union([Type.Literal('mine'), Type.Literal('queue'), Type.Literal('all')])),
    unitId: Type.Optional(Uuid),
    /** only applications in this state */
    state: Type.Optional(Type.Union([Type.Literal('received'), Type.Literal('in_preparation')])),
    /** only this handler's applications, or `none`: the unassigned ones */
    handler: Type.Optional(Type.Union([Uuid, Type.Literal('none')])),
    /** only those whose decision deadline has passed */
    overdue: Type.Optional(Type.Boolean()),
    /** paging (default: the first 100) and sorting (default: deadline, earliest first) */
    ...pageQueryFields(WORKLIST_SORTS),
  },
  { additionalProperties: false },
)
export type WorklistQuery = Static<typeof WorklistQuery>

export const Worklist = Type.Object({
  today: IsoDate,
  items: Type.Array(ApplicationListItem),
  /** overdue ones among all that match the filters */
  overdueCount: Type.Integer(),
  ...PageFields,
  /** the handlers of the applications the scope holds (for the handler filter) */
  handlers: Type.Array(StaffRef),
})
export type Worklist = Static<typeof Worklist>

export const AssignBody = Type.Object({ handlerId: Type.Optional(Uuid), version: Type.Integer({ minimum: 1 }) }, { additionalProperties: false })
export type AssignBody = Static<typeof AssignBody>
export const AssignParams = Type.Object({ applicationId: Uuid })
/** The application taken and its client (whose relationship in income support is now open). */
export const AssignResult = Type.Object({ personId: Type.String(), applicationId: Type.String() })
export type AssignResult = Static<typeof AssignResult>

export const KelaImportResult = Type.Object({
  imported: Type.Integer(),
  alreadyImported: Type.Integer(),
  refused: Type.Array(Type.Object({ kelaCaseRef: Type.String(), reason: Type.String() })),
  applications: Type.Array(Type.Object({ id: Uuid, personId: Uuid, kelaCaseRef: Type.String() })),
})
export type KelaImportResult = Static<typeof KelaImportResult>

// ---------------------------------------------------------------------------------------------------------------
// Decisions

export const DecisionItemInput = Type.Object(
  {
    /** which claimed item: supplementary[i] or preventive[i] of the application's claims */
    kind: Type.Union([Type.Literal('supplementary'), Type.Literal('preventive')]),
    index: Type.Integer({ minimum: 0, maximum: 49 }),
    outcome: DecisionOutcome,
    grantedCents: CentsAmount,
    reason: Type.String({ minLength: 1, maxLength: 2000 }),
    /** pay this item by a payment commitment to a provider instead of money to the client */
    commitment: Type.Optional(
      Type.Object(
        {
          providerKind: ProviderKind,
          providerName: Type.String({ minLength: 1, maxLength: 200 }),
          validFrom: IsoDate,
          validUntil: IsoDate,
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
)
export type DecisionItemInput = Static<typeof DecisionItemInput>

export const DecisionInput = Type.Object(
  {
    version: Type.Integer({ minimum: 1 }),
    decidedOn: IsoDate,
    language: Type.Optional(Type.Union([Type.Literal('fi'), Type.Literal('sv')])),
    reasons: Type.String({ minLength: 1, maxLength: 8000 }),
    items: Type.Array(DecisionItemInput, { maxItems: 70 }),
    /** the client's account for money granted to the client; default: the payment account in the registry */
    iban: Type.Optional(Type.String({ maxLength: 42 })),
    /** the decision this one corrects (the application's latest decision) */
    correctsId: Type.Optional(Uuid),
  },
  { additionalProperties: false },
)
export type DecisionInput = Static<typeof DecisionInput>

export const DecisionItem = Type.Object({
  kind: Type.Union([Type.Literal('supplementary'), Type.Literal('preventive')]),
  code: Type.String(),
  claimedCents: Type.Integer(),
  grantedCents: Type.Integer(),
  outcome: DecisionOutcome,
  reason: Type.String(),
  law: Type.String(),
  commitmentId: Type.Union([Uuid, Type.Null()]),
})
export type DecisionItem = Static<typeof DecisionItem>

export const PaymentCommitment = Type.Object({
  id: Uuid,
  number: Type.Integer(),
  decisionId: Uuid,
  providerKind: ProviderKind,
  providerName: Type.String(),
  purpose: Type.String(),
  validFrom: IsoDate,
  validUntil: IsoDate,
  maxCents: Type.Integer(),
})
export type PaymentCommitment = Static<typeof PaymentCommitment>

export const Payable = Type.Object({
  id: Uuid,
  number: Type.Integer(),
  payeeKind: Type.Union([Type.Literal('client'), Type.Literal('provider')]),
  payeeName: Type.String(),
  iban: Type.String(),
  amountCents: Type.Integer(),
  dueOn: IsoDate,
  reference: Type.Union([Type.String(), Type.Null()]),
  message: Type.Union([Type.String(), Type.Null()]),
  state: Type.String(),
})
export type Payable = Static<typeof Payable>

export const Decision = Type.Object({
  ...DecisionSummary.properties,
  applicationId: Uuid,
  periodStart: IsoDate,
  periodEnd: IsoDate,
  reasons: Type.String(),
  items: Type.Array(DecisionItem),
  calculation: Calculation,
  commitments: Type.Array(PaymentCommitment),
  payables: Type.Array(Payable),
  /** the last day for a request for a review (oikaisuvaatimus): 30 days from notification (+7 days by post) */
  appealDeadline: Type.Union([IsoDate, Type.Null()]),
})
export type Decision = Static<typeof Decision>

/**
 * Tiedoksianto: the day the client received the decision when it is known (a receipt, handed over), or the day it
 * was sent — a letter is then deemed received on the 7th day after, an electronic message on the 3rd.
 */
export const NotificationInput = Type.Object(
  {
    notifiedOn: Type.Optional(IsoDate),
    sentOn: Type.Optional(IsoDate),
    method: Type.Union([Type.Literal('post'), Type.Literal('in_person'), Type.Literal('electronic')]),
  },
  { additionalProperties: false },
)
export type NotificationInput = Static<typeof NotificationInput>

export const PdfQuery = Type.Object({ language: Type.Optional(Type.Union([Type.Literal('fi'), Type.Literal('sv')])) }, { additionalProperties: false })

/** The household as the registry knows it, proposed as the application's members (TTTL 6 §: the applicant, a spouse or
 * cohabitant, and their minor children in the same dwelling); others living there are listed but not proposed. */
export const HouseholdProposal = Type.Object({
  on: IsoDate,
  members: Type.Array(
    Type.Object({
      personId: Uuid,
      firstNames: Type.String(),
      lastName: Type.String(),
      birthDate: Type.Union([IsoDate, Type.Null()]),
      /** the proposed role, or null when the person lives there but is not part of the family (e.g. an adult flatmate) */
      role: Type.Union([MemberRole, Type.Null()]),
    }),
  ),
})
export type HouseholdProposal = Static<typeof HouseholdProposal>
export const HouseholdProposalQuery = Type.Object({ on: Type.Optional(IsoDate) }, { additionalProperties: false })

const CLIENT = '/api/persons/:id/income-support'

/**
 * Income support's operations: the parameters (no client data), the handler's worklist, Kela's forwarded applications
 * and taking an application (role-scoped and audited with the clients named), and everything about one client's
 * applications and decisions through the client chokepoint in the income support register.
 */
export const incomeSupportEndpoints = endpoints({
  // ---- Parameters (no client data)
  'incomeSupport.parameters': {
    method: 'GET',
    path: '/api/income-support/parameters',
    action: 'income-support:parameters',
    summary: 'The effective-dated parameter sets',
    response: { 200: ParameterSets },
  },
  'incomeSupport.parameterHistory': {
    method: 'GET',
    path: '/api/income-support/parameters/:setId/history',
    action: 'income-support:parameters',
    summary: 'Every change of one parameter set, newest first',
    params: ParameterSetParams,
    response: { 200: ParameterHistory },
  },
  'incomeSupport.createParameterSet': {
    method: 'POST',
    path: '/api/income-support/parameters',
    action: 'income-support:parameters-edit',
    summary: 'Add a parameter set (periods may not overlap)',
    body: ParameterValues,
    response: { 201: ParameterSet },
    errors: [409],
  },
  'incomeSupport.updateParameterSet': {
    method: 'PUT',
    path: '/api/income-support/parameters/:setId',
    action: 'income-support:parameters-edit',
    summary: 'Change a parameter set (optimistic locking with version)',
    params: ParameterSetParams,
    body: ParameterSetUpdate,
    response: { 200: ParameterSet },
    errors: [409],
  },

  // ---- Worklist, Kela import, assignment
  'incomeSupport.worklist': {
    method: 'GET',
    path: '/api/income-support/worklist',
    action: 'income-support:worklist',
    summary: 'Open applications by deadline: mine, the unit queue, or both',
    query: WorklistQuery,
    response: { 200: Worklist },
  },
  'incomeSupport.kelaFetch': {
    method: 'POST',
    path: '/api/income-support/kela/fetch',
    action: 'income-support:kela-import',
    summary: 'Fetch the applications Kela has forwarded into the queue (idempotent on Kela\'s case reference)',
    response: { 200: KelaImportResult },
  },
  'incomeSupport.assign': {
    method: 'POST',
    path: '/api/income-support/applications/:applicationId/assign',
    action: 'income-support:assign',
    summary: 'Take an application from the unit queue (a supervisor may give it to a handler); opens the client relationship',
    params: AssignParams,
    body: AssignBody,
    response: { 200: AssignResult },
    errors: [409],
  },

  // ---- One client's applications
  'incomeSupport.calculateNew': {
    method: 'POST',
    path: `${CLIENT}/calculate`,
    action: 'income-support:calculate',
    summary: 'Calculate an application being registered (nothing is saved): the live calculation of the registration form',
    params: PersonParams,
    body: CalculationRequest,
    response: { 200: CalculationOutcome },
  },
  'incomeSupport.household': {
    method: 'GET',
    path: `${CLIENT}/household`,
    action: 'income-support:household',
    summary: 'The registry household of the client on a day, proposed as an application\'s members (applicant, spouse, children)',
    params: PersonParams,
    query: HouseholdProposalQuery,
    response: { 200: HouseholdProposal },
  },
  'incomeSupport.clientApplications': {
    method: 'GET',
    path: `${CLIENT}/applications`,
    action: 'income-support:read',
    summary: 'The client\'s income support applications, newest first',
    params: PersonParams,
    response: { 200: ClientApplications },
  },
  'incomeSupport.clientPayments': {
    method: 'GET',
    path: `${CLIENT}/payments`,
    action: 'income-support:payments',
    summary: 'The history of the client\'s income support payments (to the client and to providers), newest first',
    params: PersonParams,
    response: { 200: ClientPayments },
  },
  'incomeSupport.register': {
    method: 'POST',
    path: `${CLIENT}/applications`,
    action: 'income-support:register',
    summary: 'Register an application received on paper or as an e-form (to the unit queue, or taken at once)',
    params: PersonParams,
    body: ApplicationCreate,
    response: { 201: Application },
  },
  'incomeSupport.application': {
    method: 'GET',
    path: `${CLIENT}/applications/:applicationId`,
    action: 'income-support:read',
    summary: 'An application with its household, claims, live calculation and decisions',
    params: ApplicationParams,
    response: { 200: Application },
  },
  'incomeSupport.updateApplication': {
    method: 'PUT',
    path: `${CLIENT}/applications/:applicationId`,
    action: 'income-support:edit',
    summary: 'Change the household, period, urgency and claimed/accepted items (optimistic locking with version); answers the recalculated application',
    params: ApplicationParams,
    body: ApplicationUpdate,
    response: { 200: Application },
    errors: [409],
  },
  'incomeSupport.calculate': {
    method: 'POST',
    path: `${CLIENT}/applications/:applicationId/calculate`,
    action: 'income-support:read',
    summary: 'Calculate unsaved edits (nothing is saved)',
    params: ApplicationParams,
    body: CalculationRequest,
    response: { 200: CalculationOutcome },
  },
  'incomeSupport.requestCompletion': {
    method: 'POST',
    path: `${CLIENT}/applications/:applicationId/completion`,
    action: 'income-support:edit',
    summary: 'Request completion (täydennyspyyntö): the deadline becomes the 7th working day after the answer or the due date',
    params: ApplicationParams,
    body: CompletionRequest,
    response: { 200: Application },
    errors: [409],
  },
  'incomeSupport.answerCompletion': {
    method: 'POST',
    path: `${CLIENT}/applications/:applicationId/completion/answer`,
    action: 'income-support:edit',
    summary: 'Record the client\'s answer to the request for completion',
    params: ApplicationParams,
    body: CompletionAnswer,
    response: { 200: Application },
    errors: [409],
  },

  // ---- Decisions
  'incomeSupport.decisionPreview': {
    method: 'POST',
    path: `${CLIENT}/applications/:applicationId/decision-preview`,
    action: 'income-support:print',
    summary: 'The decision as it would be made, as a PDF marked as a preview (nothing is saved; audited as a print)',
    description: 'Answers application/pdf.',
    params: ApplicationParams,
    body: DecisionInput,
    response: { 200: FileBody },
    produces: 'application/pdf',
  },
  'incomeSupport.decide': {
    method: 'POST',
    path: `${CLIENT}/applications/:applicationId/decisions`,
    action: 'income-support:decide',
    summary: 'Make the decision (or a correcting one, with correctsId): frozen calculation, commitments and payables',
    params: ApplicationParams,
    body: DecisionInput,
    response: { 201: Decision },
    errors: [409],
  },
  'incomeSupport.decision': {
    method: 'GET',
    path: `${CLIENT}/decisions/:decisionId`,
    action: 'income-support:read',
    summary: 'A decision with its items, calculation, commitments and payables',
    params: DecisionParams,
    response: { 200: Decision },
  },
  'incomeSupport.notification': {
    method: 'POST',
    path: `${CLIENT}/decisions/:decisionId/notification`,
    action: 'income-support:notify',
    summary: 'Record the notification (tiedoksianto) of the decision',
    params: DecisionParams,
    body: NotificationInput,
    response: { 200: Decision },
  },
  'incomeSupport.decisionPdf': {
    method: 'GET',
    path: `${CLIENT}/decisions/:decisionId/pdf`,
    action: 'income-support:print',
    summary: 'The decision as PDF in its language (or the one asked) with the calculation appendix and appeal instructions',
    description: 'Answers application/pdf. Audited as a print.',
    params: DecisionParams,
    query: PdfQuery,
    response: { 200: FileBody },
    produces: 'application/pdf',
  },
  'incomeSupport.commitmentPdf': {
    method: 'GET',
    path: `${CLIENT}/commitments/:commitmentId/pdf`,
    action: 'income-support:print',
    summary: 'A payment commitment (maksusitoumus) as PDF for the provider',
    description: 'Answers application/pdf. Audited as a print.',
    params: CommitmentParams,
    query: PdfQuery,
    response: { 200: FileBody },
    produces: 'application/pdf',
  },
})

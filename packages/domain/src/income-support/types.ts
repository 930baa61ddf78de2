/**
 * Income support (toimeentulotuki) — the types of the calculation engine.
 *
 * Kela decides basic assistance (perustoimeentulotuki); the wellbeing services county decides supplementary
 * (täydentävä) and preventive (ehkäisevä) assistance on top of Kela's basic calculation, so the engine reproduces the
 * basic calculation exactly and adds the county's items. Every amount is integer cents; every date a Helsinki
 * calendar date (YYYY-MM-DD). Every amount, percentage and limit comes from an effective-dated parameter set, never
 * from code (rules.md §1).
 */
import type { Cents } from '../money';
import type { LocalDate } from '../calendar';

/** Perusosa categories (TTTL 9 §). Children's rank counts the household's minor children oldest first. */
export const PERUSOSA_CATEGORIES = [
  'single', // yksin asuva; also a parent living with an adult child only (TTTL 9 § 2 mom)
  'single_parent', // yksinhuoltaja
  'adult_other', // muu 18 vuotta täyttänyt / puoliso, avopuoliso
  'adult_with_parents', // 18 vuotta täyttänyt vanhempiensa luona asuva
  'child_10_17_1',
  'child_10_17_2',
  'child_10_17_3', // third and each further
  'child_under_10_1',
  'child_under_10_2',
  'child_under_10_3',
] as const;
export type PerusosaCategory = (typeof PERUSOSA_CATEGORIES)[number];

/**
 * One effective-dated parameter set. A calculation of month M uses the set whose [validFrom, validUntil] contains
 * the first day of M. Sets never overlap.
 */
export interface IncomeSupportParameters {
  validFrom: LocalDate;
  /** inclusive; null = open-ended */
  validUntil: LocalDate | null;
  /** perusosa per category, cents per month */
  perusosa: Record<PerusosaCategory, Cents>;
  /**
   * Earned-income deduction (etuoikeutettu ansiotulo, TTTL 11 § 3 mom). `perEarnerMaxCents`: Kela's practice —
   * min(wage, max) per earner is left out of income; null = abolished. `appliesTo`: whose earnings
   * ('all' until 28.2.2026; from 1.3.2026 abolished for adults).
   */
  earnedIncomeDeduction: { perEarnerMaxCents: Cents; appliesTo: 'all' | 'minors' } | null;
  /**
   * From 1.3.2026: a minor's earned income counts only up to the child's own perusosa (the rest is left out).
   * false before.
   */
  minorEarningsCappedAtOwnPerusosa: boolean;
  /** Minor gifts and assistance (vähäiset avustukset): only the excess over the limit counts; null = abolished. */
  minorAssistanceLimit: { singleCents: Cents; familyCents: Cents } | null;
  /** Days that a month's perusosa is divided by for a part month (kela: 30). */
  daysPerMonth: number;
  /**
   * Housing-cost norm (asumisnormi, TTTL 7 a §) by household size (1..n; the last entry applies to larger
   * households), cents per month; null where the organisation has not loaded a norm. Applied only to members whose
   * housing direction period has lapsed (see `CalculationInput.housingCapped`).
   */
  housingNormCents: Cents[] | null;
  /**
   * Reduction percentages by ground (TTTL 10 §). Optional so that sets saved before the field existed still load:
   * a set without it has no grounds (a reduction can then only be given as a percentage).
   */
  reductions?: ReductionParameters;
  /** Source notes shown beside the set (e.g. "Kela 16.2.2026"). */
  source: string;
}

/**
 * Grounds for reducing a member's own perusosa (TTTL 10 §). Until 31.1.2026: refusing work or employment measures
 * (up to 20 %) and repeated refusal (up to 40 %). From 1.2.2026: not applying for a primary benefit Kela told the
 * client to apply for (50 %), not registering as a full-time jobseeker (50 %), an unemployment-benefit sanction
 * (20 % in the first month, 40 % after, at most 6 months: `unemploymentSanction`), neglecting the integration plan
 * (20 % ⚠️). The percentages are parameters of the period, never code.
 */
export const REDUCTION_GROUNDS = [
  'refused_work',
  'repeated_refusal',
  'primary_benefit_not_applied',
  'not_registered_jobseeker',
  'unemployment_sanction',
  'integration_plan',
] as const;
export type ReductionGround = (typeof REDUCTION_GROUNDS)[number];

/** The reduction percentages of a period: a ground that is missing is no ground in that period. */
export interface ReductionParameters {
  /** percent per ground (except `unemployment_sanction`, which follows its schedule) */
  grounds: Partial<Record<Exclude<ReductionGround, 'unemployment_sanction'>, number>>;
  /** the unemployment-benefit sanction schedule; null = not a ground in the period */
  unemploymentSanction: { firstMonthPercent: number; laterPercent: number; maxMonths: number } | null;
}

/** Who a household member is to the applicant (TTTL 6 §: applicant, spouse, their minor children living with them). */
export type MemberRole = 'applicant' | 'spouse' | 'child' | 'adult_child';

export interface HouseholdMember {
  /** registry person id (opaque to the engine) */
  id: string;
  role: MemberRole;
  birthDate: LocalDate;
  /** Dual residence (vuoroasuminen): the child's perusosa is split 50/50 between the two households. */
  alternatingResidence?: boolean;
  /**
   * Reduction of this member's own perusosa (TTTL 10 §), percent 0–100 (20, 40, 50 in practice).
   * See `sanctionReductionPercent` for the unemployment-benefit sanction schedule.
   */
  perusosaReductionPercent?: number;
  /**
   * The ground of a reduction: the percentage then comes from the period's parameters (for an unemployment sanction
   * by `sanctionMonth`, 1 = the first month), and takes precedence over `perusosaReductionPercent`.
   */
  reduction?: { ground: ReductionGround; sanctionMonth?: number };
}

/** Accepted basic expenses (muut perusmenot and housing, TTTL 7 a–7 b §). */
export const BASIC_EXPENSE_TYPES = [
  'rent',
  'maintenance_charge', // vastike
  'water',
  'heating',
  'electricity',
  'home_insurance',
  'health_care_fees', // public health-care fees
  'prescribed_medicines',
  'daycare_fees',
  'moving_costs_basic',
  'identity_document',
  'other_basic',
] as const;
export type BasicExpenseType = (typeof BASIC_EXPENSE_TYPES)[number];

export const HOUSING_EXPENSE_TYPES: readonly BasicExpenseType[] = ['rent', 'maintenance_charge', 'water', 'heating'];

/** Supplementary (täydentävä, TTTL 7 c §) special expenses accepted by the county's discretion. */
export const SUPPLEMENTARY_EXPENSE_TYPES = [
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
] as const;
export type SupplementaryExpenseType = (typeof SUPPLEMENTARY_EXPENSE_TYPES)[number];

export const INCOME_TYPES = [
  'net_wage', // earned income after tax (counts for the earned-income deduction)
  'self_employment', // also counts for the deduction (Kela)
  'unemployment_benefit',
  'labour_market_subsidy',
  'general_benefit', // yleistuki, from May 2026
  'housing_allowance',
  'child_benefit',
  'child_maintenance', // elatusapu / elatustuki
  'pension',
  'sickness_allowance',
  'parental_allowance',
  'student_financial_aid',
  'minor_assistance', // gifts and small assistance: only the excess over the limit counts (until 28.2.2026)
  'other_income',
  /** Never income (kela.fi): listed so the calculation shows why they were left out. */
  'excluded_maternity_grant',
  'excluded_disability_allowance',
  'excluded_expense_compensation',
  'excluded_distraint', // ulosotto: the amount taken is not income
  'excluded_other',
] as const;
export type IncomeType = (typeof INCOME_TYPES)[number];

export interface ExpenseItem {
  type: BasicExpenseType;
  amountCents: Cents;
  /** amount accepted (≤ claimed); absent = the whole claim */
  acceptedCents?: Cents;
  memberId?: string;
  note?: string;
}

export interface IncomeItem {
  type: IncomeType;
  amountCents: Cents;
  memberId: string;
}

export interface AssetItem {
  /** bank balance, realisable property… (minor children's assets are not counted: TTTL 11 §) */
  type: 'bank_balance' | 'other_asset';
  amountCents: Cents;
  memberId: string;
}

export interface SupplementaryItem {
  type: SupplementaryExpenseType;
  amountCents: Cents;
  acceptedCents?: Cents;
  note?: string;
}

/** Preventive (ehkäisevä, TTTL 13 §): granted by discretion as such, not from the deficit. */
export interface PreventiveItem {
  purpose: string;
  amountCents: Cents;
}

export interface CalculationInput {
  /** the calculation period: first and last day, inside one calendar month (a part month prorates perusosa) */
  periodStart: LocalDate;
  periodEnd: LocalDate;
  members: HouseholdMember[];
  expenses: ExpenseItem[];
  incomes: IncomeItem[];
  assets: AssetItem[];
  supplementary: SupplementaryItem[];
  preventive: PreventiveItem[];
  /** The housing direction (3 months) has lapsed: housing costs are accepted only up to the norm. */
  housingCapped?: boolean;
}

export type LineSection = 'perusosa' | 'expense' | 'income' | 'deduction' | 'excluded' | 'asset' | 'supplementary' | 'preventive' | 'result';

/** One line of the calculation with the rule that produced it (shown to the handler and printed as the appendix). */
export interface CalculationLine {
  section: LineSection;
  /** machine code of the line: a perusosa category, an expense or income type, or a result code */
  code: string;
  memberId?: string;
  /**
   * the amount the line contributes, cents; expenses and incomes positive, deductions positive (subtracted).
   * A correction inside the expense side is negative: `perusosa_reduction` (TTTL 10 §) and `housing_norm_cap`
   * (TTTL 7 a §). Lines of section `excluded` (and a minor child's assets) are 0 with the amount in `detail`.
   */
  amountCents: Cents;
  /** the rule that produced the line, e.g. "TTTL 9 § 1 mom", "TTTL 11 § 3 mom (Kela practice)" */
  rule: string;
  /** structured detail for the text, e.g. { percent: 50, days: 10, claimedCents: 70000 } */
  detail?: Record<string, number | string | boolean>;
}

export interface CalculationTotals {
  expensesCents: Cents;
  incomeCents: Cents;
  assetsCents: Cents;
  /** max(0, expenses − income − assets) */
  resultCents: Cents;
}

export interface CalculationResult {
  parametersValidFrom: LocalDate;
  lines: CalculationLine[];
  /** Kela's basic calculation (perusosa + muut perusmenot) */
  basic: CalculationTotals;
  /** basic + the county's accepted supplementary expenses */
  withSupplementary: CalculationTotals;
  /** what the county grants as supplementary: withSupplementary.result − basic.result (never negative) */
  supplementaryCents: Cents;
  /** what the county grants as preventive */
  preventiveCents: Cents;
  /** supplementaryCents + preventiveCents: the county's part */
  countyTotalCents: Cents;
}

/**
 * Why a calculation was refused. `field` is the path of the offending input, e.g. `incomes[2].memberId`.
 * - `no_parameters`: no parameter set covers the month (`month` = `YYYY-MM`).
 * - `period_invalid`: not a date, start after end, or the period leaves one calendar month.
 * - `no_applicant` / `multiple_applicants`: a household has exactly one hakija.
 * - `member_invalid`: a duplicate member id, an invalid birth date or a second spouse.
 * - `unknown_member`: an item names a member not in `members`.
 * - `negative_amount`: an amount below zero; `invalid_amount`: not a whole number of cents.
 * - `reduction_invalid`: `perusosaReductionPercent` outside 0–100, or a reduction ground the period's parameters do not
 *   have (or an unemployment sanction month that is not a positive integer).
 */
export type CalculationError =
  | { code: 'no_parameters'; month: string }
  | { code: 'period_invalid'; field: 'periodStart' | 'periodEnd' }
  | { code: 'no_applicant' }
  | { code: 'multiple_applicants'; field: string }
  | { code: 'member_invalid'; memberId: string; field: string }
  | { code: 'unknown_member'; memberId: string; field: string }
  | { code: 'negative_amount'; field: string }
  | { code: 'invalid_amount'; field: string }
  | { code: 'reduction_invalid'; memberId: string };

/** TTTL 14 a § processing deadline input. */
export interface DeadlineInput {
  receivedOn: LocalDate;
  urgent: boolean;
  /** request for completion (täydennyspyyntö) and the client's answer, if any */
  completion?: { requestedOn: LocalDate; dueOn: LocalDate; answeredOn?: LocalDate | null } | null;
}

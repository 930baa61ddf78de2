/**
 * The toimeentulotuki calculation (TTTL 6 §): Kela's perustoimeentulotuki reproduced exactly, then the county's
 * täydentävä (TTTL 7 c §) and ehkäisevä (TTTL 13 §) toimeentulotuki on top of it.
 *
 * @module
 */
import { cents, multiplyByFraction, sumCents, type Cents } from '../money';
import { compareLocalDates, dateParts, daysBetween, daysInMonth, isLocalDate, localDateFromParts, type LocalDate } from '../calendar';
import { monthKey, pickParameters } from './parameters';
import { isMinorChild, perusosaCategories, sanctionReductionPercent } from './perusosa';
import {
  HOUSING_EXPENSE_TYPES,
  type CalculationError,
  type CalculationInput,
  type CalculationLine,
  type CalculationResult,
  type CalculationTotals,
  type HouseholdMember,
  type IncomeSupportParameters,
  type IncomeType,
} from './types';

/** Outcome of {@link calculateIncomeSupport}. */
export type CalculationOutcome = { ok: true; value: CalculationResult } | { ok: false; error: CalculationError };

/** Earned income (ansiotulo) for the deduction and for a minor's cap: wages and self-employment (Kela). */
const EARNED_INCOME_TYPES: readonly IncomeType[] = ['net_wage', 'self_employment'];

const isExcludedIncome = (type: IncomeType) => type.startsWith('excluded_');

const fail = (error: CalculationError): CalculationOutcome => ({ ok: false, error });

/** Checks the period: two dates, start ≤ end, inside one calendar month. */
function checkPeriod(input: CalculationInput): CalculationError | null {
  if (!isLocalDate(input.periodStart)) return { code: 'period_invalid', field: 'periodStart' };
  if (!isLocalDate(input.periodEnd)) return { code: 'period_invalid', field: 'periodEnd' };
  if (compareLocalDates(input.periodStart, input.periodEnd) > 0) return { code: 'period_invalid', field: 'periodEnd' };
  if (monthKey(input.periodStart) !== monthKey(input.periodEnd)) return { code: 'period_invalid', field: 'periodEnd' };
  return null;
}

/** Checks an amount: a whole number of cents, not negative. */
function checkAmount(value: unknown, field: string): CalculationError | null {
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) return { code: 'invalid_amount', field };
  return value < 0 ? { code: 'negative_amount', field } : null;
}

/** Checks the household and every item; the first problem in input order wins. */
function checkInput(input: CalculationInput): CalculationError | null {
  const ids = new Set<string>();
  let applicants = 0;
  let spouses = 0;
  for (const [i, member] of input.members.entries()) {
    if (typeof member.id !== 'string' || member.id === '' || ids.has(member.id)) {
      return { code: 'member_invalid', memberId: String(member.id), field: `members[${i}].id` };
    }
    ids.add(member.id);
    if (!isLocalDate(member.birthDate)) return { code: 'member_invalid', memberId: member.id, field: `members[${i}].birthDate` };
    if (member.role === 'applicant' && ++applicants > 1) return { code: 'multiple_applicants', field: `members[${i}].role` };
    if (member.role === 'spouse' && ++spouses > 1) return { code: 'member_invalid', memberId: member.id, field: `members[${i}].role` };
    const pct = member.perusosaReductionPercent;
    if (pct !== undefined && (typeof pct !== 'number' || !Number.isFinite(pct) || pct < 0 || pct > 100)) {
      return { code: 'reduction_invalid', memberId: member.id };
    }
  }
  if (applicants === 0) return { code: 'no_applicant' };

  const member = (memberId: string | undefined, field: string, required: boolean): CalculationError | null =>
    (memberId === undefined && !required) || (memberId !== undefined && ids.has(memberId))
      ? null
      : { code: 'unknown_member', memberId: String(memberId), field };

  const checks: (() => CalculationError | null)[] = [
    ...input.expenses.flatMap((e, i) => [
      () => member(e.memberId, `expenses[${i}].memberId`, false),
      () => checkAmount(e.amountCents, `expenses[${i}].amountCents`),
      () => (e.acceptedCents === undefined ? null : checkAmount(e.acceptedCents, `expenses[${i}].acceptedCents`)),
    ]),
    ...input.incomes.flatMap((item, i) => [
      () => member(item.memberId, `incomes[${i}].memberId`, true),
      () => checkAmount(item.amountCents, `incomes[${i}].amountCents`),
    ]),
    ...input.assets.flatMap((a, i) => [
      () => member(a.memberId, `assets[${i}].memberId`, true),
      () => checkAmount(a.amountCents, `assets[${i}].amountCents`),
    ]),
    ...input.supplementary.flatMap((s, i) => [
      () => checkAmount(s.amountCents, `supplementary[${i}].amountCents`),
      () => (s.acceptedCents === undefined ? null : checkAmount(s.acceptedCents, `supplementary[${i}].acceptedCents`)),
    ]),
    ...input.preventive.map((p, i) => () => checkAmount(p.amountCents, `preventive[${i}].amountCents`)),
  ];
  for (const check of checks) {
    const error = check();
    if (error) return error;
  }
  return null;
}

const totals = (expensesCents: Cents, incomeCents: Cents, assetsCents: Cents): CalculationTotals => ({
  expensesCents,
  incomeCents,
  assetsCents,
  resultCents: cents(Math.max(0, expensesCents - incomeCents - assetsCents)),
});

const sumLines = (lines: readonly CalculationLine[], section: CalculationLine['section']) =>
  sumCents(lines.filter((l) => l.section === section).map((l) => l.amountCents));

/**
 * Calculates toimeentulotuki for one period inside one calendar month (TTTL 6 §):
 * `max(0, EXPENSES − INCOME − ASSETS)`, first Kela's basic calculation, then with the county's accepted supplementary
 * expenses. The parameter set is the one containing the first day of the period's month.
 *
 * **Perusosa (TTTL 9 §)** per member by {@link perusosaCategories}, then in this order, each step rounded half up
 * to the cent (every intermediate is itself a monthly amount Kela could publish):
 * 1. reduction of the member's own perusosa (alennettu perusosa, TTTL 10 §): `× (100 − pct) / 100`;
 * 2. vuoroasuminen: the child's perusosa is split 50/50 between the two households: `× 1/2`;
 * 3. part month: `× days / daysPerMonth` (Kela: daily perusosa = monthly / 30); a whole calendar month is the
 *    monthly amount whatever its length.
 * Example (rules.md §1.8 F): 578.43 − 50 % = 289.22; ten days of 578.43 = 192.81. A reduction is shown as its own
 * negative line (rule "TTTL 10 §") under the member's full perusosa line.
 *
 * **Muut perusmenot and housing (TTTL 7 a §, 7 b §)**: `acceptedCents ?? amountCents` per item. When
 * `housingCapped` (the 3-month direction to cheaper housing has lapsed) the housing items together are accepted up
 * to the asumisnormi for the household size (number of members; the last entry for larger households); the excess
 * is a negative line "housing_norm_cap". Without a loaded norm a zero line "housing_norm_missing" says so.
 *
 * **Income (TTTL 11 §)**: net amounts. `excluded_*` types are never income: a zero line in section `excluded` with
 * the amount in the detail. Deductions are positive lines in section `deduction`, subtracted from income:
 * - etuoikeutettu ansiotulo (TTTL 11 § 3 mom, Kela practice): per earner `min(net_wage + self_employment, max)`,
 *   where the set's rule applies to the member (`all`, or `minors` = minor children only): wage 400 → 250 counted,
 *   wage 120 → 0 counted;
 * - from 1.3.2026 a minor child's earned income counts at most up to the child's own perusosa in this
 *   calculation (after reduction, vuoroasuminen and proration);
 * - vähäiset avustukset (`minor_assistance`, Kela practice): while the set has a limit, the household's total is
 *   counted only above the limit (single limit for a one-member household, family limit otherwise); with no limit it
 *   counts in full.
 *
 * **Assets (TTTL 11 §)**: counted, except a minor child's (zero line with the amount in the detail).
 *
 * **County**: `supplementaryCents = max(0, withSupplementary.result − basic.result)`; `preventiveCents` = the sum
 * of the preventive items (granted by discretion, not from the deficit).
 *
 * All money is integer cents; the only division is {@link multiplyByFraction} with half-up rounding.
 */
/**
 * The member's reduction percentage: by its ground from the period's parameters (an unemployment sanction by its
 * month on the schedule), else the percentage given; null when the ground is not one of the period's.
 */
function reductionPercent(m: HouseholdMember, params: IncomeSupportParameters): number | null {
  if (!m.reduction) return m.perusosaReductionPercent ?? 0;
  const r = params.reductions;
  if (m.reduction.ground === 'unemployment_sanction') {
    const month = m.reduction.sanctionMonth ?? 1;
    if (!r?.unemploymentSanction || !Number.isInteger(month) || month < 1) return null;
    return sanctionReductionPercent(month, r.unemploymentSanction);
  }
  const pct = r?.grounds[m.reduction.ground];
  return pct === undefined ? null : pct;
}

export function calculateIncomeSupport(input: CalculationInput, sets: readonly IncomeSupportParameters[]): CalculationOutcome {
  const periodError = checkPeriod(input);
  if (periodError) return fail(periodError);
  const { year, month, day: startDay } = dateParts(input.periodStart);
  const params = pickParameters(sets, localDateFromParts(year, month, 1)!);
  if (!params) return fail({ code: 'no_parameters', month: monthKey(input.periodStart) });
  const inputError = checkInput(input);
  if (inputError) return fail(inputError);

  const lines: CalculationLine[] = [];
  const start: LocalDate = input.periodStart;
  const days = daysBetween(start, input.periodEnd) + 1;
  const wholeMonth = startDay === 1 && days === daysInMonth(year, month);
  const membersById = new Map(input.members.map((m) => [m.id, m]));
  const isMinor = (m: HouseholdMember | undefined) => m !== undefined && isMinorChild(m, start);

  // --- perusosa (TTTL 9 §, 10 §) ---------------------------------------------------------------------------------
  const ownPerusosa = new Map<string, Cents>();
  for (const assignment of perusosaCategories(input.members, start)) {
    const m = membersById.get(assignment.memberId)!;
    const monthly = params.perusosa[assignment.category];
    const pct = reductionPercent(m, params);
    if (pct === null) return fail({ code: 'reduction_invalid', memberId: m.id });
    const finish = (monthlyAmount: Cents) => {
      const shared = m.alternatingResidence ? multiplyByFraction(monthlyAmount, 1, 2, 'half-up') : monthlyAmount;
      return wholeMonth ? shared : multiplyByFraction(shared, days, params.daysPerMonth, 'half-up');
    };
    const full = finish(monthly);
    const reduced = pct > 0 ? finish(multiplyByFraction(monthly, 100 - pct, 100, 'half-up')) : full;
    const detail: Record<string, number | string | boolean> = {
      ...(m.reduction ? { reductionGround: m.reduction.ground } : {}),
      category: assignment.category,
      reason: assignment.reason,
      monthlyCents: monthly,
      ageYears: assignment.ageYears,
    };
    if (assignment.childRank !== undefined) detail.childRank = assignment.childRank;
    if (m.alternatingResidence) detail.alternatingResidence = true;
    if (!wholeMonth) Object.assign(detail, { days, daysPerMonth: params.daysPerMonth });
    lines.push({ section: 'perusosa', code: assignment.category, memberId: m.id, amountCents: full, rule: assignment.rule, detail });
    if (reduced !== full) {
      lines.push({
        section: 'perusosa',
        code: 'perusosa_reduction',
        memberId: m.id,
        amountCents: cents(reduced - full),
        rule: 'TTTL 10 §',
        detail: { percent: pct, reducedCents: reduced },
      });
    }
    ownPerusosa.set(m.id, reduced);
  }

  // --- housing and muut perusmenot (TTTL 7 a §, 7 b §) ---------------------------------------------------------------
  let housingCents = cents(0);
  for (const expense of input.expenses) {
    const accepted = expense.acceptedCents ?? expense.amountCents;
    const housing = HOUSING_EXPENSE_TYPES.includes(expense.type);
    if (housing) housingCents = cents(housingCents + accepted);
    const detail: Record<string, number | string | boolean> = {};
    if (accepted !== expense.amountCents) detail.claimedCents = expense.amountCents;
    if (expense.note !== undefined) detail.note = expense.note;
    lines.push({
      section: 'expense',
      code: expense.type,
      ...(expense.memberId !== undefined && { memberId: expense.memberId }),
      amountCents: accepted,
      rule: housing ? 'TTTL 7 a §' : 'TTTL 7 b §',
      ...(Object.keys(detail).length > 0 && { detail }),
    });
  }
  if (input.housingCapped) {
    const norms = params.housingNormCents;
    if (!norms || norms.length === 0) {
      lines.push({
        section: 'expense',
        code: 'housing_norm_missing',
        amountCents: cents(0),
        rule: 'TTTL 7 a §',
        detail: { housingCents, reason: 'no_norm_in_parameters' },
      });
    } else {
      const householdSize = input.members.length;
      const normCents = norms[Math.min(householdSize, norms.length) - 1]!;
      if (housingCents > normCents) {
        lines.push({
          section: 'expense',
          code: 'housing_norm_cap',
          amountCents: cents(normCents - housingCents),
          rule: 'TTTL 7 a §',
          detail: { housingCents, normCents, householdSize },
        });
      }
    }
  }

  // --- income (TTTL 11 §) -------------------------------------------------------------------------------------------
  const earnings = new Map<string, Cents>();
  let minorAssistanceCents = cents(0);
  for (const income of input.incomes) {
    if (isExcludedIncome(income.type)) {
      lines.push({
        section: 'excluded',
        code: income.type,
        memberId: income.memberId,
        amountCents: cents(0),
        rule: 'TTTL 11 § 2 mom',
        detail: { amountCents: income.amountCents },
      });
      continue;
    }
    lines.push({ section: 'income', code: income.type, memberId: income.memberId, amountCents: income.amountCents, rule: 'TTTL 11 § 1 mom' });
    if (EARNED_INCOME_TYPES.includes(income.type)) {
      earnings.set(income.memberId, cents((earnings.get(income.memberId) ?? 0) + income.amountCents));
    }
    if (income.type === 'minor_assistance') minorAssistanceCents = cents(minorAssistanceCents + income.amountCents);
  }
  // Earners in member order, so that the lines come out in a stable order.
  for (const m of input.members) {
    const earned = earnings.get(m.id);
    if (earned === undefined || earned === 0) continue;
    const minor = isMinor(m);
    let counted = earned;
    const rule = params.earnedIncomeDeduction;
    if (rule && (rule.appliesTo === 'all' || minor)) {
      const deduction = cents(Math.min(earned, rule.perEarnerMaxCents));
      if (deduction > 0) {
        lines.push({
          section: 'deduction',
          code: 'earned_income_deduction',
          memberId: m.id,
          amountCents: deduction,
          rule: 'TTTL 11 § 3 mom (Kela practice)',
          detail: { earningsCents: earned, maxCents: rule.perEarnerMaxCents },
        });
        counted = cents(earned - deduction);
      }
    }
    if (params.minorEarningsCappedAtOwnPerusosa && minor) {
      const cap = ownPerusosa.get(m.id) ?? cents(0);
      if (counted > cap) {
        lines.push({
          section: 'deduction',
          code: 'minor_earnings_cap',
          memberId: m.id,
          amountCents: cents(counted - cap),
          rule: 'TTTL 11 § (from 1.3.2026)',
          detail: { earningsCents: earned, countedBeforeCapCents: counted, ownPerusosaCents: cap },
        });
      }
    }
  }
  if (params.minorAssistanceLimit && minorAssistanceCents > 0) {
    const single = input.members.length === 1;
    const limit = single ? params.minorAssistanceLimit.singleCents : params.minorAssistanceLimit.familyCents;
    lines.push({
      section: 'deduction',
      code: 'minor_assistance_limit',
      amountCents: cents(Math.min(minorAssistanceCents, limit)),
      rule: 'TTTL 11 § 2 mom (Kela practice)',
      detail: { totalCents: minorAssistanceCents, limitCents: limit, limit: single ? 'single' : 'family' },
    });
  }

  // --- assets (TTTL 11 §) -------------------------------------------------------------------------------------------
  for (const asset of input.assets) {
    const minor = isMinor(membersById.get(asset.memberId));
    lines.push({
      section: 'asset',
      code: asset.type,
      memberId: asset.memberId,
      amountCents: minor ? cents(0) : asset.amountCents,
      rule: 'TTTL 11 § 1 mom',
      ...(minor && { detail: { amountCents: asset.amountCents, excluded: 'minor_child' } }),
    });
  }

  const expensesCents = cents(sumLines(lines, 'perusosa') + sumLines(lines, 'expense'));
  const incomeCents = cents(sumLines(lines, 'income') - sumLines(lines, 'deduction'));
  const assetsCents = sumLines(lines, 'asset');
  const basic = totals(expensesCents, incomeCents, assetsCents);

  // --- county: täydentävä (TTTL 7 c §) and ehkäisevä (TTTL 13 §) ----------------------------------------------------
  for (const item of input.supplementary) {
    const accepted = item.acceptedCents ?? item.amountCents;
    const detail: Record<string, number | string | boolean> = {};
    if (accepted !== item.amountCents) detail.claimedCents = item.amountCents;
    if (item.note !== undefined) detail.note = item.note;
    lines.push({
      section: 'supplementary',
      code: item.type,
      amountCents: accepted,
      rule: 'TTTL 7 c §',
      ...(Object.keys(detail).length > 0 && { detail }),
    });
  }
  for (const item of input.preventive) {
    const detail = { purpose: item.purpose };
    lines.push({ section: 'preventive', code: 'preventive', amountCents: item.amountCents, rule: 'TTTL 13 §', detail });
  }
  const withSupplementary = totals(cents(expensesCents + sumLines(lines, 'supplementary')), incomeCents, assetsCents);
  const supplementaryCents = cents(Math.max(0, withSupplementary.resultCents - basic.resultCents));
  const preventiveCents = sumLines(lines, 'preventive');
  const countyTotalCents = cents(supplementaryCents + preventiveCents);

  lines.push(
    {
      section: 'result',
      code: 'basic_result',
      amountCents: basic.resultCents,
      rule: 'TTTL 6 §',
      detail: { expensesCents, incomeCents, assetsCents },
    },
    {
      section: 'result',
      code: 'supplementary_result',
      amountCents: supplementaryCents,
      rule: 'TTTL 7 c §',
      detail: { withSupplementaryResultCents: withSupplementary.resultCents, basicResultCents: basic.resultCents },
    },
    { section: 'result', code: 'preventive_result', amountCents: preventiveCents, rule: 'TTTL 13 §' },
    { section: 'result', code: 'county_total', amountCents: countyTotalCents, rule: 'TTTL 7 c §, 13 §' },
  );

  return {
    ok: true,
    value: { parametersValidFrom: params.validFrom, lines, basic, withSupplementary, supplementaryCents, preventiveCents, countyTotalCents },
  };
}

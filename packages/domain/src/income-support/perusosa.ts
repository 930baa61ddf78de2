/**
 * Perusosa categories of a household (TTTL 9 §) and the reduction schedule of the perusosa (TTTL 10 §).
 *
 * @module
 */
import { compareLocalDates, dateParts, isLeapYear, type LocalDate } from '../calendar';
import type { HouseholdMember, PerusosaCategory } from './types';

/**
 * Why a member got their category:
 * - `alone`: hakija living alone (yksin asuva, TTTL 9 § 1 mom);
 * - `single_parent`: hakija with minor children and no spouse (yksinhuoltaja);
 * - `with_spouse`: hakija living with a spouse (muu 18 vuotta täyttänyt);
 * - `spouse`: the hakija's puoliso / avopuoliso (muu 18 vuotta täyttänyt);
 * - `parent_with_adult_child`: a parent living only with an 18+ child gets the single rate (TTTL 9 § 2 mom);
 * - `adult_with_parents`: an 18+ child living with the parent(s);
 * - `child_turned_18`: a member given as `child` who is already 18 at the period start: treated as an 18+ child
 *   living with the parent(s) (the input is probably stale; the line says so);
 * - `minor_child`: a minor child, column by sibling rank and the child's own age.
 */
export type PerusosaReason =
  | 'alone'
  | 'single_parent'
  | 'with_spouse'
  | 'spouse'
  | 'parent_with_adult_child'
  | 'adult_with_parents'
  | 'child_turned_18'
  | 'minor_child';

/** The perusosa category of one member. */
export interface PerusosaAssignment {
  memberId: string;
  category: PerusosaCategory;
  reason: PerusosaReason;
  /** full years at the period start */
  ageYears: number;
  /** minor children only: rank among the household's minor children, oldest first (1, 2, 3 …) */
  childRank?: number;
  /** the statute cited on the calculation line, e.g. "TTTL 9 § 2 mom" */
  rule: string;
}

/**
 * Age in full years on `date`. Someone born on 29 February has their birthday on 28 February in a common year
 * (150/1930 3 §: a period ends on the last day of the month when the same-numbered day does not exist).
 */
export function ageOn(birthDate: LocalDate, date: LocalDate): number {
  const birth = dateParts(birthDate);
  const on = dateParts(date);
  const birthDay = birth.month === 2 && birth.day === 29 && !isLeapYear(on.year) ? 28 : birth.day;
  const hadBirthday = on.month > birth.month || (on.month === birth.month && on.day >= birthDay);
  return on.year - birth.year - (hadBirthday ? 0 : 1);
}

/** Whether a member is a minor child of the household (role `child`, under 18 at `date`). */
export function isMinorChild(member: HouseholdMember, date: LocalDate): boolean {
  return member.role === 'child' && ageOn(member.birthDate, date) < 18;
}

const CHILD_COLUMNS = {
  older: ['child_10_17_1', 'child_10_17_2', 'child_10_17_3'],
  younger: ['child_under_10_1', 'child_under_10_2', 'child_under_10_3'],
} as const satisfies Record<string, readonly PerusosaCategory[]>;

/**
 * The perusosa category of every member (TTTL 9 §), in the order of `members`, as of `periodStart`:
 *
 * - hakija with a spouse → `adult_other`, and the spouse → `adult_other`;
 * - hakija without a spouse but with minor children → `single_parent` (yksinhuoltaja);
 * - hakija alone, or living only with 18+ children → `single` (TTTL 9 § 2 mom);
 * - `adult_child` (18+ living with the parents) → `adult_with_parents`; so is a `child` who is already 18;
 * - minor children are ranked oldest first (same birth date: by id, for a stable result); rank 1, 2 or 3+ picks the
 *   column and the child's own age picks 10–17 or under 10. A child in vuoroasuminen counts in the rank of both
 *   households (Kela: the child belongs to both families).
 *
 * The function does not validate the household; {@link calculateIncomeSupport} does.
 */
export function perusosaCategories(members: readonly HouseholdMember[], periodStart: LocalDate): PerusosaAssignment[] {
  const hasSpouse = members.some((m) => m.role === 'spouse');
  const minors = members
    .filter((m) => isMinorChild(m, periodStart))
    .sort((a, b) => compareLocalDates(a.birthDate, b.birthDate) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const rankOf = new Map(minors.map((m, i) => [m.id, i + 1]));
  const hasAdultChild = members.some((m) => (m.role === 'child' || m.role === 'adult_child') && !rankOf.has(m.id));

  return members.map((member): PerusosaAssignment => {
    const ageYears = ageOn(member.birthDate, periodStart);
    const base = { memberId: member.id, ageYears };
    switch (member.role) {
      case 'applicant':
        if (hasSpouse) return { ...base, category: 'adult_other', reason: 'with_spouse', rule: 'TTTL 9 § 1 mom' };
        if (minors.length > 0) return { ...base, category: 'single_parent', reason: 'single_parent', rule: 'TTTL 9 § 1 mom' };
        if (hasAdultChild) return { ...base, category: 'single', reason: 'parent_with_adult_child', rule: 'TTTL 9 § 2 mom' };
        return { ...base, category: 'single', reason: 'alone', rule: 'TTTL 9 § 1 mom' };
      case 'spouse':
        return { ...base, category: 'adult_other', reason: 'spouse', rule: 'TTTL 9 § 1 mom' };
      case 'adult_child':
        return { ...base, category: 'adult_with_parents', reason: 'adult_with_parents', rule: 'TTTL 9 § 1 mom' };
      case 'child': {
        const childRank = rankOf.get(member.id);
        if (childRank === undefined) {
          return { ...base, category: 'adult_with_parents', reason: 'child_turned_18', rule: 'TTTL 9 § 1 mom' };
        }
        const columns = ageYears >= 10 ? CHILD_COLUMNS.older : CHILD_COLUMNS.younger;
        return { ...base, category: columns[Math.min(childRank, 3) - 1]!, reason: 'minor_child', childRank, rule: 'TTTL 9 § 1 mom' };
      }
    }
  });
}

/**
 * Reduction of the perusosa for an unemployment-benefit sanction (karenssi, työssäolovelvoite, under-25 obligation;
 * TTTL 10 §, from 1.2.2026): **20 %** in the first month, **40 %** in months 2–6, and none from the 7th month
 * (the reduction lasts at most 6 months). `monthOfSanction` counts from 1.
 */
export function sanctionReductionPercent(
  monthOfSanction: number,
  schedule: { firstMonthPercent: number; laterPercent: number; maxMonths: number } = { firstMonthPercent: 20, laterPercent: 40, maxMonths: 6 },
): number {
  if (!Number.isInteger(monthOfSanction) || monthOfSanction < 1) {
    throw new RangeError(`monthOfSanction must be a positive integer, got ${monthOfSanction}`);
  }
  if (monthOfSanction === 1) return schedule.firstMonthPercent;
  return monthOfSanction <= schedule.maxMonths ? schedule.laterPercent : 0;
}

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  BASIC_EXPENSE_TYPES,
  DEFAULT_INCOME_SUPPORT_PARAMETERS as SETS,
  INCOME_TYPES,
  SUPPLEMENTARY_EXPENSE_TYPES,
  pickParameters,
  perusosaCategories,
  sumCents,
  type CalculationInput,
  type HouseholdMember,
  type IncomeSupportParameters,
} from '../../src/index';
import { c, calc, d, monthInput } from './fixtures';

/** Sets with a housing norm too, so that the cap takes part in the properties. */
const WITH_NORM: IncomeSupportParameters[] = SETS.map((s) => ({ ...s, housingNormCents: [c(60000), c(75000), c(90000)] }));
const MONTHS = ['2024-06', '2025-01', '2026-02', '2026-03', '2027-11'];

const amount = fc.integer({ min: 0, max: 300_000 }).map(c);

const birthDate = (minYear: number, maxYear: number) =>
  fc.record({ y: fc.integer({ min: minYear, max: maxYear }), m: fc.integer({ min: 1, max: 12 }), day: fc.integer({ min: 1, max: 28 }) }).map(({ y, m, day }) =>
    d(`${y}-${String(m).padStart(2, '0')}-${String(day).padStart(2, '0')}`),
  );

const household: fc.Arbitrary<HouseholdMember[]> = fc
  .record({
    spouse: fc.boolean(),
    children: fc.array(fc.record({ birthDate: birthDate(2006, 2026), alternating: fc.boolean() }), { maxLength: 5 }),
    adultChildren: fc.integer({ min: 0, max: 2 }),
    reduction: fc.constantFrom(undefined, 0, 20, 40, 50),
  })
  .map(({ spouse, children, adultChildren, reduction }) => [
    { id: 'A', role: 'applicant', birthDate: d('1980-02-02'), ...(reduction !== undefined && { perusosaReductionPercent: reduction }) },
    ...(spouse ? [{ id: 'S', role: 'spouse', birthDate: d('1982-03-03') } as const] : []),
    ...children.map((k, i): HouseholdMember => ({ id: `K${i}`, role: 'child', birthDate: k.birthDate, alternatingResidence: k.alternating })),
    ...Array.from({ length: adultChildren }, (_, i): HouseholdMember => ({ id: `C${i}`, role: 'adult_child', birthDate: d('2000-01-01') })),
  ]);

const calculationInput: fc.Arbitrary<CalculationInput> = fc
  .record({
    month: fc.constantFrom(...MONTHS),
    partMonth: fc.option(fc.record({ from: fc.integer({ min: 1, max: 28 }), length: fc.integer({ min: 0, max: 27 }) }), { nil: undefined }),
    members: household,
    housingCapped: fc.boolean(),
    expenses: fc.array(fc.record({ type: fc.constantFrom(...BASIC_EXPENSE_TYPES), amountCents: amount, accepted: fc.option(amount, { nil: undefined }) }), {
      maxLength: 5,
    }),
    incomes: fc.array(fc.record({ type: fc.constantFrom(...INCOME_TYPES), amountCents: amount, who: fc.nat() }), { maxLength: 6 }),
    assets: fc.array(fc.record({ type: fc.constantFrom('bank_balance' as const, 'other_asset' as const), amountCents: amount, who: fc.nat() }), { maxLength: 2 }),
    supplementary: fc.array(fc.record({ type: fc.constantFrom(...SUPPLEMENTARY_EXPENSE_TYPES), amountCents: amount }), { maxLength: 3 }),
    preventive: fc.array(fc.record({ purpose: fc.string(), amountCents: amount }), { maxLength: 2 }),
  })
  .map((r) => {
    const base = monthInput(r.month);
    const pick = (n: number) => r.members[n % r.members.length]!.id;
    const from = r.partMonth ? Math.min(r.partMonth.from, 28) : 1;
    const to = r.partMonth ? Math.min(from + r.partMonth.length, 28) : undefined;
    return {
      ...base,
      ...(to !== undefined && { periodStart: d(`${r.month}-${String(from).padStart(2, '0')}`), periodEnd: d(`${r.month}-${String(to).padStart(2, '0')}`) }),
      members: r.members,
      housingCapped: r.housingCapped,
      expenses: r.expenses.map((e) => ({ type: e.type, amountCents: e.amountCents, ...(e.accepted !== undefined && { acceptedCents: e.accepted }) })),
      incomes: r.incomes.map((i) => ({ type: i.type, amountCents: i.amountCents, memberId: pick(i.who) })),
      assets: r.assets.map((a) => ({ type: a.type, amountCents: a.amountCents, memberId: pick(a.who) })),
      supplementary: r.supplementary,
      preventive: r.preventive,
    };
  });

const RUNS = { numRuns: 300 };

describe('calculateIncomeSupport: properties', () => {
  it('is never negative, and the totals are the sums of the lines', () => {
    fc.assert(
      fc.property(calculationInput, (input) => {
        const r = calc(input, WITH_NORM);
        for (const t of [r.basic, r.withSupplementary]) {
          expect(t.resultCents).toBeGreaterThanOrEqual(0);
          expect(t.resultCents).toBe(Math.max(0, t.expensesCents - t.incomeCents - t.assetsCents));
        }
        expect(r.supplementaryCents).toBeGreaterThanOrEqual(0);
        expect(r.countyTotalCents).toBe(r.supplementaryCents + r.preventiveCents);
        const sum = (...sections: string[]) => sumCents(r.lines.filter((l) => sections.includes(l.section)).map((l) => l.amountCents));
        expect(r.basic.expensesCents).toBe(sum('perusosa', 'expense'));
        expect(r.basic.incomeCents).toBe(sum('income') - sum('deduction'));
        expect(r.basic.incomeCents).toBeGreaterThanOrEqual(0);
        expect(r.basic.assetsCents).toBe(sum('asset'));
        expect(sum('excluded')).toBe(0);
        for (const line of r.lines) expect(Number.isSafeInteger(line.amountCents)).toBe(true);
      }),
      RUNS,
    );
  });

  it('is monotone non-increasing in income', () => {
    fc.assert(
      fc.property(calculationInput, fc.nat(), fc.integer({ min: 1, max: 100_000 }), (input, which, extra) => {
        fc.pre(input.incomes.length > 0);
        const i = which % input.incomes.length;
        const more = { ...input, incomes: input.incomes.map((item, j) => (j === i ? { ...item, amountCents: c(item.amountCents + extra) } : item)) };
        const before = calc(input, WITH_NORM);
        const after = calc(more, WITH_NORM);
        expect(after.basic.resultCents).toBeLessThanOrEqual(before.basic.resultCents);
        expect(after.withSupplementary.resultCents).toBeLessThanOrEqual(before.withSupplementary.resultCents);
      }),
      RUNS,
    );
  });

  it('adding an accepted supplementary item never lowers the county total', () => {
    fc.assert(
      fc.property(calculationInput, fc.constantFrom(...SUPPLEMENTARY_EXPENSE_TYPES), amount, (input, type, amountCents) => {
        const before = calc(input, WITH_NORM);
        const after = calc({ ...input, supplementary: [...input.supplementary, { type, amountCents }] }, WITH_NORM);
        expect(after.countyTotalCents).toBeGreaterThanOrEqual(before.countyTotalCents);
        expect(after.basic).toEqual(before.basic);
      }),
      RUNS,
    );
  });

  it('for whole months without reductions or vuoroasuminen, perusosa is the sum of the category amounts', () => {
    fc.assert(
      fc.property(household, fc.constantFrom(...MONTHS), (members, month) => {
        const plain = members.map(({ perusosaReductionPercent: _p, alternatingResidence: _a, ...m }) => m);
        const input = monthInput(month, { members: plain });
        const params = pickParameters(SETS, input.periodStart)!;
        const expected = sumCents(perusosaCategories(plain, input.periodStart).map((a) => params.perusosa[a.category]));
        expect(calc(input).basic.expensesCents).toBe(expected);
      }),
      RUNS,
    );
  });
});

import { describe, expect, it } from 'vitest';
import {
  DEFAULT_INCOME_SUPPORT_PARAMETERS as SETS,
  PERUSOSA_CATEGORIES,
  multiplyByPercentage,
  pickParameters,
  validateParameterSets,
  type IncomeSupportParameters,
  type PerusosaCategory,
} from '../../src/index';
import { c, d, eur } from './fixtures';

/** Statutory percentages of the single amount until 28.2.2026 (rules.md §1.3), in category order. */
const PERCENT_UNTIL_FEB_2026: Record<PerusosaCategory, number> = {
  single: 100,
  single_parent: 114,
  adult_other: 85,
  adult_with_parents: 73,
  child_10_17_1: 70,
  child_10_17_2: 65,
  child_10_17_3: 60,
  child_under_10_1: 63,
  child_under_10_2: 58,
  child_under_10_3: 53,
};

const setOn = (date: string) => {
  const set = pickParameters(SETS, d(date));
  if (!set) throw new Error(`no set on ${date}`);
  return set;
};

describe('DEFAULT_INCOME_SUPPORT_PARAMETERS', () => {
  it('passes validateParameterSets and covers 2024 onwards without gaps', () => {
    expect(validateParameterSets(SETS)).toEqual([]);
    expect(SETS.map((s) => [s.validFrom, s.validUntil])).toEqual([
      ['2024-01-01', '2024-12-31'],
      ['2025-01-01', '2025-12-31'],
      ['2026-01-01', '2026-02-28'],
      ['2026-03-01', null],
    ]);
    for (const set of SETS) {
      expect(set.daysPerMonth).toBe(30);
      expect(set.housingNormCents).toBeNull();
      expect(set.source).toMatch(/Kela/);
    }
  });

  it.each([
    ['2024-01-01', '587.71'],
    ['2025-01-01', '593.55'],
    ['2026-01-01', '596.32'],
  ])('every published value of the %s table equals round_half_up(single %s × %%)', (from, single) => {
    const set = setOn(from);
    expect(set.perusosa.single).toBe(eur(single));
    for (const category of PERUSOSA_CATEGORIES) {
      expect(set.perusosa[category], category).toBe(multiplyByPercentage(set.perusosa.single, PERCENT_UNTIL_FEB_2026[category], 'half-up'));
    }
  });

  it('holds the Kela tables of rules.md §1.3 (2024 and 1.3.2026 in full)', () => {
    expect(Object.values(setOn('2024-07-01').perusosa).map(Number)).toEqual([58771, 66999, 49955, 42903, 41140, 38201, 35263, 37026, 34087, 31149]);
    expect(setOn('2026-03-01').perusosa).toEqual({
      single: eur('578.43'),
      single_parent: eur('665.19'),
      adult_other: eur('497.45'),
      adult_with_parents: eur('422.25'),
      child_10_17_1: eur('417.63'),
      child_10_17_2: eur('388.70'),
      child_10_17_3: eur('359.78'),
      child_under_10_1: eur('375.98'),
      child_under_10_2: eur('347.06'),
      child_under_10_3: eur('318.14'),
    });
  });

  it('§9.1: perusosa lookup is effective-dated and category-based', () => {
    expect(setOn('2025-06-01').perusosa.single).toBe(eur('593.55'));
    expect(setOn('2026-02-01').perusosa.single).toBe(eur('596.32'));
    expect(setOn('2026-02-28').perusosa.single).toBe(eur('596.32'));
    expect(setOn('2026-03-01').perusosa.single).toBe(eur('578.43'));
    expect(setOn('2026-03-01').perusosa.single_parent).toBe(eur('665.19'));
    expect(setOn('2031-12-01').perusosa.single).toBe(eur('578.43')); // open-ended
    expect(pickParameters(SETS, d('2023-12-31'))).toBeUndefined();
  });

  it('keeps the earned-income deduction and the minor-assistance limit until 28.2.2026 only', () => {
    for (const date of ['2024-01-01', '2025-06-01', '2026-02-28']) {
      const set = setOn(date);
      expect(set.earnedIncomeDeduction).toEqual({ perEarnerMaxCents: 15000, appliesTo: 'all' });
      expect(set.minorAssistanceLimit).toEqual({ singleCents: 5000, familyCents: 10000 });
      expect(set.minorEarningsCappedAtOwnPerusosa).toBe(false);
    }
    const reform = setOn('2026-03-01');
    expect(reform.earnedIncomeDeduction).toBeNull();
    expect(reform.minorAssistanceLimit).toBeNull();
    expect(reform.minorEarningsCappedAtOwnPerusosa).toBe(true);
  });
});

describe('validateParameterSets', () => {
  const base = SETS[3]!;
  const set = (over: Partial<IncomeSupportParameters>): IncomeSupportParameters => ({ ...base, ...over });

  it('accepts an empty list and gaps between sets', () => {
    expect(validateParameterSets([])).toEqual([]);
    expect(validateParameterSets([SETS[0]!, SETS[2]!])).toEqual([]);
  });

  it('reports overlapping sets, also open-ended ones and a shared single day', () => {
    expect(validateParameterSets([SETS[0]!, set({ validFrom: d('2024-12-31'), validUntil: d('2025-01-31') })])).toEqual([
      { index: 1, code: 'overlap', field: 'validFrom', otherIndex: 0 },
    ]);
    expect(validateParameterSets([set({ validFrom: d('2027-01-01') }), base])).toEqual([{ index: 1, code: 'overlap', field: 'validFrom', otherIndex: 0 }]);
    expect(validateParameterSets([set({ validFrom: d('2026-03-01'), validUntil: d('2026-03-31') }), set({ validFrom: d('2026-04-01') })])).toEqual([]);
  });

  it('reports validFrom after validUntil and non-dates', () => {
    expect(validateParameterSets([set({ validFrom: d('2026-03-02'), validUntil: d('2026-03-01') })])).toEqual([
      { index: 0, code: 'range_invalid', field: 'validUntil' },
    ]);
    expect(validateParameterSets([set({ validFrom: '2026-02-30' as never })])).toEqual([{ index: 0, code: 'date_invalid', field: 'validFrom' }]);
  });

  it('reports a missing category, negative and fractional amounts and a bad day count', () => {
    const { child_under_10_3: _dropped, ...perusosa } = base.perusosa;
    expect(validateParameterSets([set({ perusosa: perusosa as never })])).toEqual([
      { index: 0, code: 'missing_category', field: 'perusosa.child_under_10_3' },
    ]);
    expect(
      validateParameterSets([
        set({
          perusosa: { ...base.perusosa, single: -1 as never, adult_other: 12.5 as never },
          earnedIncomeDeduction: { perEarnerMaxCents: c(-15000), appliesTo: 'all' },
          minorAssistanceLimit: { singleCents: c(5000), familyCents: c(-1) },
          housingNormCents: [c(60000), c(-5)],
          daysPerMonth: 0,
        }),
      ]),
    ).toEqual([
      { index: 0, code: 'negative_amount', field: 'perusosa.single' },
      { index: 0, code: 'invalid_amount', field: 'perusosa.adult_other' },
      { index: 0, code: 'negative_amount', field: 'earnedIncomeDeduction.perEarnerMaxCents' },
      { index: 0, code: 'negative_amount', field: 'minorAssistanceLimit.familyCents' },
      { index: 0, code: 'negative_amount', field: 'housingNormCents[1]' },
      { index: 0, code: 'days_invalid', field: 'daysPerMonth' },
    ]);
  });
});

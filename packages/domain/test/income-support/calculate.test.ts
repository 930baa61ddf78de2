import { describe, expect, it } from 'vitest';
import {
  DEFAULT_INCOME_SUPPORT_PARAMETERS as SETS,
  PERUSOSA_CATEGORIES,
  calculateIncomeSupport,
  multiplyByPercentage,
  type CalculationInput,
  type HouseholdMember,
  type IncomeItem,
  type IncomeSupportParameters,
  type PerusosaCategory,
} from '../../src/index';
import { applicant, c, calc, d, eur, monthInput, section } from './fixtures';

const income = (type: IncomeItem['type'], euros: string, memberId = 'A'): IncomeItem => ({ type, amountCents: eur(euros), memberId });
const member = (id: string, role: HouseholdMember['role'], birthDate: string, extra: Partial<HouseholdMember> = {}): HouseholdMember => ({
  id,
  role,
  birthDate: d(birthDate),
  ...extra,
});

/** A 2017 set for Kela's official example: single 487.89, Kela's per-earner 150 € deduction of the time. */
const PERCENT_2017: Record<PerusosaCategory, number> = {
  single: 100,
  single_parent: 110,
  adult_other: 85,
  adult_with_parents: 73,
  child_10_17_1: 70,
  child_10_17_2: 65,
  child_10_17_3: 60,
  child_under_10_1: 63,
  child_under_10_2: 58,
  child_under_10_3: 53,
};
const SET_2017: IncomeSupportParameters = {
  validFrom: d('2017-01-01'),
  validUntil: d('2017-12-31'),
  perusosa: Object.fromEntries(PERUSOSA_CATEGORIES.map((k) => [k, multiplyByPercentage(eur('487.89'), PERCENT_2017[k], 'half-up')])) as Record<
    PerusosaCategory,
    ReturnType<typeof c>
  >,
  earnedIncomeDeduction: { perEarnerMaxCents: c(15000), appliesTo: 'all' },
  minorEarningsCappedAtOwnPerusosa: false,
  minorAssistanceLimit: { singleCents: c(5000), familyCents: c(10000) },
  daysPerMonth: 30,
  housingNormCents: null,
  source: 'test: Kela 2017 example',
};

/** rules.md §1.8 C/D: net wage 400, labour market subsidy 450, housing allowance 300, rent 650, water 20, medicine 25. */
const exampleC = (month: string) =>
  monthInput(month, {
    incomes: [income('net_wage', '400'), income('labour_market_subsidy', '450'), income('housing_allowance', '300')],
    expenses: [
      { type: 'rent', amountCents: eur('650') },
      { type: 'water', amountCents: eur('20') },
      { type: 'prescribed_medicines', amountCents: eur('25') },
    ],
  });

/** Counted income of a single applicant with only `wage` of net wage. */
const countedWage = (month: string, wage: string) => calc(monthInput(month, { incomes: [income('net_wage', wage)] })).basic.incomeCents;

describe('calculateIncomeSupport: worked examples (rules.md §1.8, §9.3)', () => {
  it('A: Kela 2017, single unemployed → 238.09', () => {
    const result = calc(
      monthInput('2017-05', {
        incomes: [income('labour_market_subsidy', '518.40'), income('housing_allowance', '406.40')],
        expenses: [{ type: 'rent', amountCents: eur('675') }],
      }),
      [SET_2017],
    );
    expect(result.basic).toEqual({ expensesCents: eur('1162.89'), incomeCents: eur('924.80'), assetsCents: 0, resultCents: eur('238.09') });
    expect(result.parametersValidFrom).toBe('2017-01-01');
  });

  it('C: January 2025, single with a wage → 288.55 (Kela: min(wage, 150) left out)', () => {
    const result = calc(exampleC('2025-01'));
    expect(result.basic).toEqual({ expensesCents: eur('1288.55'), incomeCents: eur('1000'), assetsCents: 0, resultCents: eur('288.55') });
    expect(section(result, 'deduction')).toEqual([
      {
        section: 'deduction',
        code: 'earned_income_deduction',
        memberId: 'A',
        amountCents: eur('150'),
        rule: 'TTTL 11 § 3 mom (Kela practice)',
        detail: { earningsCents: eur('400'), maxCents: eur('150') },
      },
    ]);
    expect(section(result, 'perusosa')).toEqual([
      {
        section: 'perusosa',
        code: 'single',
        memberId: 'A',
        amountCents: eur('593.55'),
        rule: 'TTTL 9 § 1 mom',
        detail: { category: 'single', reason: 'alone', monthlyCents: eur('593.55'), ageYears: 39 },
      },
    ]);
    expect(section(result, 'expense').map((l) => [l.code, l.amountCents, l.rule])).toEqual([
      ['rent', eur('650'), 'TTTL 7 a §'],
      ['water', eur('20'), 'TTTL 7 a §'],
      ['prescribed_medicines', eur('25'), 'TTTL 7 b §'],
    ]);
    expect(result.supplementaryCents).toBe(0);
    expect(result.countyTotalCents).toBe(0);
  });

  it('D: March 2026, same person → 123.43 (perusosa 578.43, no deduction for 18+)', () => {
    const result = calc(exampleC('2026-03'));
    expect(result.basic).toEqual({ expensesCents: eur('1273.43'), incomeCents: eur('1150'), assetsCents: 0, resultCents: eur('123.43') });
    expect(section(result, 'deduction')).toEqual([]);
    expect(result.parametersValidFrom).toBe('2026-03-01');
  });

  it('never negative: income 1 300 against expenses 1 288.55 → 0.00', () => {
    const input = exampleC('2025-01');
    input.incomes = [income('labour_market_subsidy', '1000'), income('housing_allowance', '300')];
    const result = calc(input);
    expect(result.basic).toEqual({ expensesCents: eur('1288.55'), incomeCents: eur('1300'), assetsCents: 0, resultCents: 0 });
    expect(result.lines.find((l) => l.code === 'basic_result')).toMatchObject({ amountCents: 0, rule: 'TTTL 6 §' });
  });

  it('counts available assets, not a minor child\'s (TTTL 11 §)', () => {
    const input = exampleC('2025-01');
    input.members = [applicant(), member('K', 'child', '2012-01-01')];
    input.assets = [
      { type: 'bank_balance', amountCents: eur('100'), memberId: 'A' },
      { type: 'bank_balance', amountCents: eur('500'), memberId: 'K' },
    ];
    const result = calc(input);
    expect(result.basic.assetsCents).toBe(eur('100'));
    expect(section(result, 'asset')[1]).toMatchObject({ memberId: 'K', amountCents: 0, detail: { amountCents: eur('500'), excluded: 'minor_child' } });
  });
});

describe('earned-income deduction (§9.2)', () => {
  it('2025: wage 400 → 250 counted, wage 120 → 0 counted, wage 150 → 0', () => {
    expect(countedWage('2025-06', '400')).toBe(eur('250'));
    expect(countedWage('2025-06', '120')).toBe(0);
    expect(countedWage('2025-06', '150')).toBe(0);
    expect(countedWage('2026-02', '400')).toBe(eur('250'));
  });

  it('2026-03: adult wage 400 → 400 counted', () => {
    expect(countedWage('2026-03', '400')).toBe(eur('400'));
  });

  it('is per earner and adds wages and self-employment income of one earner', () => {
    const result = calc(
      monthInput('2025-06', {
        members: [applicant(), member('S', 'spouse', '1986-01-01')],
        incomes: [income('net_wage', '100'), income('self_employment', '200'), income('net_wage', '400', 'S')],
      }),
    );
    expect(section(result, 'deduction').map((l) => [l.memberId, l.amountCents])).toEqual([
      ['A', eur('150')],
      ['S', eur('150')],
    ]);
    expect(result.basic.incomeCents).toBe(eur('400'));
  });

  it('with appliesTo "minors" only a minor child\'s earnings are deducted', () => {
    const set: IncomeSupportParameters = { ...SETS[3]!, earnedIncomeDeduction: { perEarnerMaxCents: c(15000), appliesTo: 'minors' }, minorEarningsCappedAtOwnPerusosa: false };
    const result = calc(
      monthInput('2026-03', {
        members: [applicant(), member('K', 'child', '2010-01-01')],
        incomes: [income('net_wage', '400'), income('net_wage', '400', 'K')],
      }),
      [set],
    );
    expect(section(result, 'deduction').map((l) => [l.memberId, l.amountCents])).toEqual([['K', eur('150')]]);
    expect(result.basic.incomeCents).toBe(eur('650'));
  });
});

describe('minor child\'s earnings from 1.3.2026', () => {
  const household = (month: string, wage: string) =>
    calc(monthInput(month, { members: [applicant(), member('K', 'child', '2010-01-01')], incomes: [income('net_wage', wage, 'K')] }));

  it('count at most up to the child\'s own perusosa (417.63 for the eldest 10–17)', () => {
    const result = household('2026-03', '500');
    expect(result.basic.incomeCents).toBe(eur('417.63'));
    expect(section(result, 'deduction')).toEqual([
      expect.objectContaining({ code: 'minor_earnings_cap', memberId: 'K', amountCents: eur('82.37'), detail: expect.objectContaining({ ownPerusosaCents: eur('417.63') }) }),
    ]);
    expect(household('2026-03', '300').basic.incomeCents).toBe(eur('300'));
  });

  it('before the reform the 150 € deduction applies instead, with no cap', () => {
    expect(household('2026-02', '500').basic.incomeCents).toBe(eur('350'));
  });
});

describe('vähäiset avustukset (minor_assistance)', () => {
  it('§1.4 Anni example: single, 40 + 50 → only the excess over 50 counts: 40', () => {
    const result = calc(monthInput('2025-06', { incomes: [income('minor_assistance', '40'), income('minor_assistance', '50')] }));
    expect(result.basic.incomeCents).toBe(eur('40'));
    expect(section(result, 'deduction')).toEqual([
      {
        section: 'deduction',
        code: 'minor_assistance_limit',
        amountCents: eur('50'),
        rule: 'TTTL 11 § 2 mom (Kela practice)',
        detail: { totalCents: eur('90'), limitCents: eur('50'), limit: 'single' },
      },
    ]);
  });

  it('a family has the 100 € limit', () => {
    const family = (euros: string[]) =>
      calc(monthInput('2025-06', { members: [applicant(), member('K', 'child', '2015-01-01')], incomes: euros.map((e) => income('minor_assistance', e)) })).basic
        .incomeCents;
    expect(family(['40', '50'])).toBe(0);
    expect(family(['100', '50'])).toBe(eur('50'));
  });

  it('counts in full once the limit is abolished (from 1.3.2026)', () => {
    expect(calc(monthInput('2026-03', { incomes: [income('minor_assistance', '40'), income('minor_assistance', '50')] })).basic.incomeCents).toBe(eur('90'));
  });
});

describe('income that is never income', () => {
  it('shows excluded types as zero lines with the amount in the detail', () => {
    const result = calc(
      monthInput('2026-03', {
        incomes: [income('excluded_distraint', '200'), income('excluded_disability_allowance', '100'), income('pension', '300')],
      }),
    );
    expect(result.basic.incomeCents).toBe(eur('300'));
    expect(section(result, 'excluded')).toEqual([
      { section: 'excluded', code: 'excluded_distraint', memberId: 'A', amountCents: 0, rule: 'TTTL 11 § 2 mom', detail: { amountCents: eur('200') } },
      { section: 'excluded', code: 'excluded_disability_allowance', memberId: 'A', amountCents: 0, rule: 'TTTL 11 § 2 mom', detail: { amountCents: eur('100') } },
    ]);
  });
});

describe('perusosa reductions and part months (§1.8 F, §9.4)', () => {
  const single = (pct: number | undefined, start = '2026-03-01', end = '2026-03-31') =>
    calc({ ...monthInput('2026-03'), periodStart: d(start), periodEnd: d(end), members: [applicant(undefined, pct === undefined ? {} : { perusosaReductionPercent: pct })] });

  it.each([
    [50, '289.22'],
    [20, '462.74'],
    [40, '347.06'],
    [0, '578.43'],
    [100, '0'],
  ])('%i %% reduction of 578.43 → %s', (pct, expected) => {
    const result = single(pct);
    expect(result.basic.expensesCents).toBe(eur(expected));
  });

  it('shows the reduction as its own TTTL 10 § line under the full perusosa', () => {
    expect(section(single(50), 'perusosa').map((l) => [l.code, l.amountCents, l.rule])).toEqual([
      ['single', eur('578.43'), 'TTTL 9 § 1 mom'],
      ['perusosa_reduction', -eur('289.21'), 'TTTL 10 §'],
    ]);
  });

  it('ten days → 578.43 × 10 / 30 = 192.81', () => {
    const result = single(undefined, '2026-03-01', '2026-03-10');
    expect(result.basic.expensesCents).toBe(eur('192.81'));
    expect(section(result, 'perusosa')[0]!.detail).toMatchObject({ days: 10, daysPerMonth: 30 });
  });

  it('reduces first, then prorates: 50 % for ten days → 289.22 × 10 / 30 = 96.41', () => {
    expect(single(50, '2026-03-11', '2026-03-20').basic.expensesCents).toBe(eur('96.41'));
    // where the order matters: 462.74 × 5 / 30 = 77.12 (prorating first would give 96.41 × 80 % = 77.13)
    expect(single(20, '2026-03-01', '2026-03-05').basic.expensesCents).toBe(eur('77.12'));
  });

  it('a whole calendar month is the monthly amount whatever its length', () => {
    expect(calc(monthInput('2026-02')).basic.expensesCents).toBe(eur('596.32')); // 28 days
    expect(single(undefined, '2026-03-01', '2026-03-31').basic.expensesCents).toBe(eur('578.43')); // 31 days
    expect(single(undefined, '2026-03-02', '2026-03-31').basic.expensesCents).toBe(eur('578.43')); // 30 days = 30/30
    expect(calc({ ...monthInput('2026-02'), periodStart: d('2026-02-15') }).basic.expensesCents).toBe(eur('278.28')); // 596.32 × 14 / 30
  });
});

describe('reduction grounds from the period\'s parameters (TTTL 10 §)', () => {
  const withGround = (month: string, reduction: HouseholdMember['reduction']) =>
    calculateIncomeSupport(monthInput(month, { members: [applicant(undefined, { reduction })] }), SETS);

  it('March 2026: a primary benefit not applied for → 50 %, the unemployment sanction 20 % then 40 % for six months', () => {
    const perusosa = (r: ReturnType<typeof withGround>) => (r.ok ? r.value.basic.expensesCents : null);
    expect(perusosa(withGround('2026-03', { ground: 'primary_benefit_not_applied' }))).toBe(eur('289.22'));
    expect(perusosa(withGround('2026-03', { ground: 'unemployment_sanction', sanctionMonth: 1 }))).toBe(eur('462.74'));
    expect(perusosa(withGround('2026-03', { ground: 'unemployment_sanction', sanctionMonth: 2 }))).toBe(eur('347.06'));
    expect(perusosa(withGround('2026-03', { ground: 'unemployment_sanction', sanctionMonth: 7 }))).toBe(eur('578.43'));
    const ok = withGround('2026-03', { ground: 'primary_benefit_not_applied' });
    expect(ok.ok && ok.value.lines.find((l) => l.section === 'perusosa')!.detail).toMatchObject({ reductionGround: 'primary_benefit_not_applied' });
  });

  it('2025: refusing work is a ground (20 %), the 2026 grounds are not; a ground of another period is refused', () => {
    const r2025 = withGround('2025-06', { ground: 'refused_work' });
    expect(r2025.ok && r2025.value.basic.expensesCents).toBe(eur('474.84')); // 593.55 × 80 %
    expect(withGround('2025-06', { ground: 'primary_benefit_not_applied' })).toEqual({ ok: false, error: { code: 'reduction_invalid', memberId: 'A' } });
    expect(withGround('2026-03', { ground: 'refused_work' })).toEqual({ ok: false, error: { code: 'reduction_invalid', memberId: 'A' } });
  });

  it('a set saved without reduction parameters has no grounds, but a given percentage still applies', () => {
    const bare = SETS.map((set): IncomeSupportParameters => ({ ...set, reductions: undefined }));
    expect(calculateIncomeSupport(monthInput('2026-03', { members: [applicant(undefined, { reduction: { ground: 'integration_plan' } })] }), bare).ok).toBe(false);
    const pct = calculateIncomeSupport(monthInput('2026-03', { members: [applicant(undefined, { perusosaReductionPercent: 20 })] }), bare);
    expect(pct.ok && pct.value.basic.expensesCents).toBe(eur('462.74'));
  });
});

describe('households', () => {
  it('family of five, March 2026: two adults and three children ranked by age', () => {
    const result = calc(
      monthInput('2026-03', {
        members: [
          applicant('1985-04-01'),
          member('S', 'spouse', '1987-08-15'),
          member('K3', 'child', '2019-02-02'), // 7: third child under 10
          member('K1', 'child', '2012-06-01'), // 13: first child 10–17
          member('K2', 'child', '2015-09-10'), // 10: second child 10–17
        ],
        expenses: [{ type: 'rent', amountCents: eur('1100') }],
        incomes: [income('net_wage', '1800', 'S'), income('child_benefit', '400.50')],
      }),
    );
    expect(section(result, 'perusosa').map((l) => [l.memberId, l.code, l.amountCents, l.detail?.childRank])).toEqual([
      ['A', 'adult_other', eur('497.45'), undefined],
      ['S', 'adult_other', eur('497.45'), undefined],
      ['K3', 'child_under_10_3', eur('318.14'), 3],
      ['K1', 'child_10_17_1', eur('417.63'), 1],
      ['K2', 'child_10_17_2', eur('388.70'), 2],
    ]);
    // 2119.37 + 1100 − (1800 + 400.50) = 1018.87; no earned-income deduction for adults from 1.3.2026
    expect(result.basic).toEqual({ expensesCents: eur('3219.37'), incomeCents: eur('2200.50'), assetsCents: 0, resultCents: eur('1018.87') });
  });

  it('vuoroasuminen halves the child\'s perusosa (half up: 417.63 / 2 = 208.82)', () => {
    const result = calc(
      monthInput('2026-03', {
        members: [applicant(), member('K', 'child', '2012-01-01', { alternatingResidence: true }), member('L', 'child', '2018-01-01', { alternatingResidence: true })],
      }),
    );
    expect(section(result, 'perusosa').map((l) => [l.memberId, l.amountCents])).toEqual([
      ['A', eur('665.19')],
      ['K', eur('208.82')],
      ['L', eur('173.53')], // 347.06 / 2
    ]);
    expect(section(result, 'perusosa')[1]!.detail).toMatchObject({ alternatingResidence: true, monthlyCents: eur('417.63') });
  });

  it('a parent living with an adult child only gets the single rate; the child the 18+ rate', () => {
    const result = calc(monthInput('2026-03', { members: [applicant('1960-01-01'), member('C', 'adult_child', '2004-01-01')] }));
    expect(section(result, 'perusosa').map((l) => [l.code, l.amountCents, l.rule])).toEqual([
      ['single', eur('578.43'), 'TTTL 9 § 2 mom'],
      ['adult_with_parents', eur('422.25'), 'TTTL 9 § 1 mom'],
    ]);
  });

  it('a "child" who is already 18 is counted as an 18+ child living with the parents and the line says why', () => {
    const result = calc(monthInput('2026-03', { members: [applicant(), member('K', 'child', '2008-01-15')] }));
    expect(section(result, 'perusosa')[1]).toMatchObject({ code: 'adult_with_parents', detail: { reason: 'child_turned_18', ageYears: 18 } });
    expect(section(result, 'perusosa')[0]).toMatchObject({ code: 'single', detail: { reason: 'parent_with_adult_child' } });
  });
});

describe('housing norm (TTTL 7 a §)', () => {
  const withNorm: IncomeSupportParameters = { ...SETS[3]!, housingNormCents: [c(60000), c(80000)] };
  const housing = (housingCapped: boolean, members: HouseholdMember[] = [applicant()]) =>
    monthInput('2026-03', {
      members,
      housingCapped,
      expenses: [
        { type: 'rent', amountCents: eur('650') },
        { type: 'water', amountCents: eur('20') },
        { type: 'electricity', amountCents: eur('40') },
      ],
    });

  it('caps the housing items at the norm once the direction period has lapsed, with a line showing the cap', () => {
    const result = calc(housing(true), [withNorm]);
    expect(result.basic.expensesCents).toBe(eur('578.43') + eur('600') + eur('40'));
    expect(section(result, 'expense').at(-1)).toEqual({
      section: 'expense',
      code: 'housing_norm_cap',
      amountCents: -eur('70'),
      rule: 'TTTL 7 a §',
      detail: { housingCents: eur('670'), normCents: eur('600'), householdSize: 1 },
    });
  });

  it('uses the last entry for larger households and does nothing under the norm or without the cap flag', () => {
    const three = [applicant(), member('K', 'child', '2012-01-01'), member('L', 'child', '2014-01-01')];
    expect(section(calc(housing(true, three), [withNorm]), 'expense').map((l) => l.code)).toEqual(['rent', 'water', 'electricity']);
    expect(section(calc(housing(false), [withNorm]), 'expense').map((l) => l.code)).toEqual(['rent', 'water', 'electricity']);
  });

  it('says so when no norm is loaded', () => {
    const result = calc(housing(true));
    expect(result.basic.expensesCents).toBe(eur('578.43') + eur('710'));
    expect(section(result, 'expense').at(-1)).toMatchObject({ code: 'housing_norm_missing', amountCents: 0, rule: 'TTTL 7 a §' });
  });

  it('uses the accepted amount and keeps the claim in the detail', () => {
    const result = calc(monthInput('2026-03', { expenses: [{ type: 'rent', amountCents: eur('900'), acceptedCents: eur('700'), note: 'kohtuullinen vuokra' }] }));
    expect(section(result, 'expense')).toEqual([
      { section: 'expense', code: 'rent', amountCents: eur('700'), rule: 'TTTL 7 a §', detail: { claimedCents: eur('900'), note: 'kohtuullinen vuokra' } },
    ]);
  });
});

describe('county: supplementary (TTTL 7 c §) and preventive (TTTL 13 §)', () => {
  it('grants the accepted supplementary expenses that the basic result does not cover', () => {
    const input = exampleC('2026-03'); // basic 123.43
    input.supplementary = [
      { type: 'furniture', amountCents: eur('300'), acceptedCents: eur('200') },
      { type: 'children_hobbies', amountCents: eur('50') },
    ];
    input.preventive = [{ purpose: 'sähkövelka', amountCents: eur('150') }];
    const result = calc(input);
    expect(result.basic.resultCents).toBe(eur('123.43'));
    expect(result.withSupplementary).toEqual({ expensesCents: eur('1523.43'), incomeCents: eur('1150'), assetsCents: 0, resultCents: eur('373.43') });
    expect(result.supplementaryCents).toBe(eur('250'));
    expect(result.preventiveCents).toBe(eur('150'));
    expect(result.countyTotalCents).toBe(eur('400'));
    expect(section(result, 'supplementary').map((l) => [l.code, l.amountCents, l.rule, l.detail])).toEqual([
      ['furniture', eur('200'), 'TTTL 7 c §', { claimedCents: eur('300') }],
      ['children_hobbies', eur('50'), 'TTTL 7 c §', undefined],
    ]);
    expect(section(result, 'preventive')).toEqual([{ section: 'preventive', code: 'preventive', amountCents: eur('150'), rule: 'TTTL 13 §', detail: { purpose: 'sähkövelka' } }]);
    expect(section(result, 'result').map((l) => [l.code, l.amountCents])).toEqual([
      ['basic_result', eur('123.43')],
      ['supplementary_result', eur('250')],
      ['preventive_result', eur('150')],
      ['county_total', eur('400')],
    ]);
  });

  it('grants only the part of the special expenses above a surplus of income', () => {
    const input = exampleC('2026-03');
    input.incomes.push(income('other_income', '200')); // income 1350 > expenses 1273.43 by 76.57
    input.supplementary = [{ type: 'funeral', amountCents: eur('100') }];
    const result = calc(input);
    expect(result.basic.resultCents).toBe(0);
    expect(result.supplementaryCents).toBe(eur('23.43'));
  });

  it('every line names its rule', () => {
    const input = exampleC('2025-01');
    input.supplementary = [{ type: 'moving', amountCents: eur('100') }];
    input.preventive = [{ purpose: 'x', amountCents: eur('10') }];
    for (const line of calc(input).lines) expect(line.rule).toMatch(/^TTTL \d+/);
  });
});

describe('errors', () => {
  const error = (input: CalculationInput, sets: readonly IncomeSupportParameters[] = SETS) => {
    const outcome = calculateIncomeSupport(input, sets);
    return outcome.ok ? null : outcome.error;
  };
  const base = () => exampleC('2026-03');

  it('no parameter set for the month', () => {
    expect(error(monthInput('2023-12'))).toEqual({ code: 'no_parameters', month: '2023-12' });
    expect(error(monthInput('2025-03'), [SETS[3]!])).toEqual({ code: 'no_parameters', month: '2025-03' });
  });

  it('period not inside one calendar month, start after end or not a date', () => {
    expect(error({ ...base(), periodEnd: d('2026-04-01') })).toEqual({ code: 'period_invalid', field: 'periodEnd' });
    expect(error({ ...base(), periodStart: d('2026-03-20'), periodEnd: d('2026-03-19') })).toEqual({ code: 'period_invalid', field: 'periodEnd' });
    expect(error({ ...base(), periodStart: '2026-02-30' as never })).toEqual({ code: 'period_invalid', field: 'periodStart' });
    expect(error({ ...base(), periodEnd: '31.3.2026' as never })).toEqual({ code: 'period_invalid', field: 'periodEnd' });
  });

  it('no applicant, two applicants, a second spouse, a duplicate id or a bad birth date', () => {
    expect(error({ ...base(), members: [member('S', 'spouse', '1980-01-01')] })).toEqual({ code: 'no_applicant' });
    expect(error({ ...base(), members: [applicant(), member('B', 'applicant', '1980-01-01')] })).toEqual({ code: 'multiple_applicants', field: 'members[1].role' });
    expect(error({ ...base(), members: [applicant(), member('S', 'spouse', '1980-01-01'), member('T', 'spouse', '1980-01-01')] })).toEqual({
      code: 'member_invalid',
      memberId: 'T',
      field: 'members[2].role',
    });
    expect(error({ ...base(), members: [applicant(), member('A', 'child', '2015-01-01')] })).toEqual({ code: 'member_invalid', memberId: 'A', field: 'members[1].id' });
    expect(error({ ...base(), members: [applicant(), { id: 'K', role: 'child', birthDate: '2015-13-01' as never }] })).toEqual({
      code: 'member_invalid',
      memberId: 'K',
      field: 'members[1].birthDate',
    });
  });

  it('an item naming a member who is not in the household', () => {
    const input = base();
    input.incomes[2] = income('housing_allowance', '300', 'X');
    expect(error(input)).toEqual({ code: 'unknown_member', memberId: 'X', field: 'incomes[2].memberId' });
    const expense = base();
    expense.expenses[1] = { type: 'water', amountCents: eur('20'), memberId: 'nobody' };
    expect(error(expense)).toEqual({ code: 'unknown_member', memberId: 'nobody', field: 'expenses[1].memberId' });
    expect(error({ ...base(), assets: [{ type: 'bank_balance', amountCents: c(1), memberId: 'Q' }] })).toEqual({
      code: 'unknown_member',
      memberId: 'Q',
      field: 'assets[0].memberId',
    });
  });

  it('negative or fractional amounts, with their field path', () => {
    const expense = base();
    expense.expenses[0] = { type: 'rent', amountCents: eur('650'), acceptedCents: c(-1) };
    expect(error(expense)).toEqual({ code: 'negative_amount', field: 'expenses[0].acceptedCents' });
    const inc = base();
    inc.incomes[1] = { type: 'pension', amountCents: c(-500), memberId: 'A' };
    expect(error(inc)).toEqual({ code: 'negative_amount', field: 'incomes[1].amountCents' });
    expect(error({ ...base(), supplementary: [{ type: 'moving', amountCents: c(-1) }] })).toEqual({ code: 'negative_amount', field: 'supplementary[0].amountCents' });
    expect(error({ ...base(), preventive: [{ purpose: 'x', amountCents: c(1) }, { purpose: 'y', amountCents: c(-1) }] })).toEqual({
      code: 'negative_amount',
      field: 'preventive[1].amountCents',
    });
    expect(error({ ...base(), assets: [{ type: 'other_asset', amountCents: 12.5 as never, memberId: 'A' }] })).toEqual({ code: 'invalid_amount', field: 'assets[0].amountCents' });
  });

  it('a reduction outside 0–100 %', () => {
    for (const pct of [-1, 100.5, 120, Number.NaN]) {
      expect(error({ ...base(), members: [applicant(undefined, { perusosaReductionPercent: pct })] })).toEqual({ code: 'reduction_invalid', memberId: 'A' });
    }
  });
});

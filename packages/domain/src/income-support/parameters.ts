/**
 * Effective-dated parameter sets of toimeentulotuki: perusosa per category (TTTL 9 §), the earned-income deduction
 * (etuoikeutettu ansiotulo, TTTL 11 § 3 mom), the limit of vähäiset avustukset, the part-month divisor and the
 * asumisnormi (TTTL 7 a §). Values come from rules.md §1.3–1.4; every ⚠️ there is repeated here.
 *
 * @module
 */
import { cents, type Cents } from '../money';
import { compareLocalDates, dateParts, isLocalDate, localDate, type LocalDate } from '../calendar';
import { PERUSOSA_CATEGORIES, type IncomeSupportParameters, type PerusosaCategory, type ReductionParameters } from './types';

/** Perusosa table in cents, columns in the order of {@link PERUSOSA_CATEGORIES}. */
const table = (values: readonly [number, number, number, number, number, number, number, number, number, number]) =>
  Object.fromEntries(PERUSOSA_CATEGORIES.map((category, i) => [category, cents(values[i] as number)])) as Record<
    PerusosaCategory,
    Cents
  >;

/** Kela practice until 28.2.2026: min(ansiotulo, 150 €) per earner is left out of income (TTTL 11 § 3 mom). */
const DEDUCTION_150_ALL = { perEarnerMaxCents: cents(15_000), appliesTo: 'all' } as const;
/** Kela limit of vähäiset avustukset until 28.2.2026: 50 € a month for one person, 100 € for a family. */
const MINOR_ASSISTANCE_50_100 = { singleCents: cents(5_000), familyCents: cents(10_000) } as const;

/**
 * The parameter sets shipped with Huoma (rules.md §1.3–1.4). The main user may load corrected or newer sets; the
 * server checks them with {@link validateParameterSets}.
 *
 * - **2024** ✅ kela.fi/social-assistance-basic-amount (kansaneläkeindeksi 1911).
 * - **2025**: single 593.55 ✅ (Kela 18.12.2025); ⚠️ the other categories are *derived* ("d" in rules.md) as
 *   round_half_up(593.55 × the statutory percentage) until Kela's own 2025 table is loaded.
 * - **1.1.–28.2.2026** ✅ Kela 16.2.2026 (index 1939).
 * - **from 1.3.2026** ✅ Kela 16.2.2026: perusosa lowered for everyone 18+, stored in euros (the 10–17 columns are
 *   not whole percentages); the earned-income deduction abolished for 18+ (Kela 28.1.2026) and a minor's earnings
 *   count only up to the child's own perusosa. ⚠️ The privilege of vähäiset avustukset is abolished by the same
 *   reform (ShUB 29/2025), but its exact start date was not found: 1.3.2026 is assumed.
 *
 * Every set divides a part month by 30 days (kela.fi/toimeentulotuki-perusosan-maara ✅) and has no asumisnormi:
 * the norm is set by Government decree per municipality group (TTTL 7 a §) and must be loaded by the organisation.
 */
/** Until 31.1.2026 (TTTL 10 § before the 2026 reform): up to 20 %, repeated up to 40 %. */
const REDUCTIONS_UNTIL_2026_01: ReductionParameters = { grounds: { refused_work: 20, repeated_refusal: 40 }, unemploymentSanction: null };
/** From 1.2.2026 (Kela 28.1.2026; integration plan 20 % ⚠️). */
const REDUCTIONS_FROM_2026_02: ReductionParameters = {
  grounds: { primary_benefit_not_applied: 50, not_registered_jobseeker: 50, integration_plan: 20 },
  unemploymentSanction: { firstMonthPercent: 20, laterPercent: 40, maxMonths: 6 },
};

export const DEFAULT_INCOME_SUPPORT_PARAMETERS: readonly IncomeSupportParameters[] = Object.freeze([
  {
    validFrom: localDate('2024-01-01'),
    validUntil: localDate('2024-12-31'),
    // 100 / 114 / 85 / 73 / 70 / 65 / 60 / 63 / 58 / 53 % of the single amount
    perusosa: table([58771, 66999, 49955, 42903, 41140, 38201, 35263, 37026, 34087, 31149]),
    earnedIncomeDeduction: DEDUCTION_150_ALL,
    minorEarningsCappedAtOwnPerusosa: false,
    minorAssistanceLimit: MINOR_ASSISTANCE_50_100,
    daysPerMonth: 30,
    housingNormCents: null,
    reductions: REDUCTIONS_UNTIL_2026_01,
    source:
      'Kela: kela.fi/social-assistance-basic-amount (2024 table, kansaneläkeindeksi 1911); ' +
      'deduction and minor assistance: kela.fi/toimeentulotuki-tulot-jotka-vaikuttavat',
  },
  {
    validFrom: localDate('2025-01-01'),
    validUntil: localDate('2025-12-31'),
    // ⚠️ only the single amount is Kela's; the rest are round_half_up(593.55 × %) (rules.md §1.3 "d")
    perusosa: table([59355, 67665, 50452, 43329, 41549, 38581, 35613, 37394, 34426, 31458]),
    earnedIncomeDeduction: DEDUCTION_150_ALL,
    minorEarningsCappedAtOwnPerusosa: false,
    minorAssistanceLimit: MINOR_ASSISTANCE_50_100,
    daysPerMonth: 30,
    housingNormCents: null,
    reductions: REDUCTIONS_UNTIL_2026_01,
    source:
      'Kela 18.12.2025 "Stricter criteria for social assistance as of February" (single 593.55, index 1930); ' +
      'other categories derived as round_half_up(single × %) ⚠️ until Kela\'s 2025 table is loaded',
  },
  {
    validFrom: localDate('2026-01-01'),
    validUntil: localDate('2026-02-28'),
    // 100 / 114 / 85 / 73 / 70 / 65 / 60 / 63 / 58 / 53 % of the single amount
    perusosa: table([59632, 67980, 50687, 43531, 41742, 38761, 35779, 37568, 34587, 31605]),
    earnedIncomeDeduction: DEDUCTION_150_ALL,
    minorEarningsCappedAtOwnPerusosa: false,
    minorAssistanceLimit: MINOR_ASSISTANCE_50_100,
    daysPerMonth: 30,
    housingNormCents: null,
    // ⚠️ the set covers January and February 2026: the old grounds apply to January, the new ones (reform in force
    // 1.2.2026) to February; the handler chooses the ground by the case
    reductions: { grounds: { ...REDUCTIONS_UNTIL_2026_01.grounds, ...REDUCTIONS_FROM_2026_02.grounds }, unemploymentSanction: REDUCTIONS_FROM_2026_02.unemploymentSanction },
    source:
      'Kela 16.2.2026 (kela.fi/news/basic-amount-of-social-assistance-to-be-reduced-for-everyone-aged-18-or-over-as-of-1-march; ' +
      'sttinfo.fi/tiedote/71815459), index 1939',
  },
  {
    validFrom: localDate('2026-03-01'),
    validUntil: null,
    perusosa: table([57843, 66519, 49745, 42225, 41763, 38870, 35978, 37598, 34706, 31814]),
    earnedIncomeDeduction: null,
    minorEarningsCappedAtOwnPerusosa: true,
    /** ⚠️ abolished by the 2026 reform (ShUB 29/2025); start date 1.3.2026 assumed, not confirmed. */
    minorAssistanceLimit: null,
    daysPerMonth: 30,
    housingNormCents: null,
    reductions: REDUCTIONS_FROM_2026_02,
    source:
      'Kela 16.2.2026 (kela.fi/news/basic-amount-of-social-assistance-to-be-reduced-for-everyone-aged-18-or-over-as-of-1-march; ' +
      'sttinfo.fi/tiedote/71815459); deduction abolished for 18+: Kela 28.1.2026; ' +
      'minor-assistance privilege abolished (ShUB 29/2025) ⚠️ start date assumed 1.3.2026',
  },
] satisfies IncomeSupportParameters[]);

/**
 * One problem of a parameter set, for the main user's editor. `index` is the set's position in the list given to
 * {@link validateParameterSets}; `field` the path inside it (e.g. `perusosa.single`).
 * - `date_invalid`: `validFrom` / `validUntil` is not a calendar date;
 * - `range_invalid`: `validFrom` after `validUntil`;
 * - `overlap`: the set overlaps set `otherIndex` (a date would have two sets);
 * - `missing_category`: a perusosa category has no amount;
 * - `negative_amount`: an amount below zero; `invalid_amount`: not a whole number of cents;
 * - `days_invalid`: `daysPerMonth` is not a positive integer;
 * - `percent_invalid`: a reduction percentage outside 0–100 (or a sanction length that is not a positive integer).
 */
export interface ParameterSetProblem {
  index: number;
  code: 'date_invalid' | 'range_invalid' | 'overlap' | 'missing_category' | 'negative_amount' | 'invalid_amount' | 'days_invalid' | 'percent_invalid';
  field?: string;
  otherIndex?: number;
}

/**
 * Checks parameter sets before they are stored or used: every set well formed, and no two sets covering the same day
 * (a calculation month must find exactly one set). Returns every problem found; an empty list means valid.
 * Gaps between sets are allowed (a month in a gap fails with `no_parameters`).
 */
export function validateParameterSets(sets: readonly IncomeSupportParameters[]): ParameterSetProblem[] {
  const problems: ParameterSetProblem[] = [];
  const amount = (index: number, field: string, value: unknown) => {
    if (typeof value !== 'number' || !Number.isSafeInteger(value)) problems.push({ index, code: 'invalid_amount', field });
    else if (value < 0) problems.push({ index, code: 'negative_amount', field });
  };
  const ranges: { index: number; from: LocalDate; until: LocalDate | null }[] = [];

  sets.forEach((set, index) => {
    const fromOk = isLocalDate(set.validFrom);
    const untilOk = set.validUntil === null || isLocalDate(set.validUntil);
    if (!fromOk) problems.push({ index, code: 'date_invalid', field: 'validFrom' });
    if (!untilOk) problems.push({ index, code: 'date_invalid', field: 'validUntil' });
    if (fromOk && untilOk) {
      if (set.validUntil !== null && compareLocalDates(set.validFrom, set.validUntil) > 0) {
        problems.push({ index, code: 'range_invalid', field: 'validUntil' });
      } else {
        ranges.push({ index, from: set.validFrom, until: set.validUntil });
      }
    }
    for (const category of PERUSOSA_CATEGORIES) {
      const value = (set.perusosa as Partial<Record<PerusosaCategory, Cents>> | undefined)?.[category];
      if (value === undefined || value === null) problems.push({ index, code: 'missing_category', field: `perusosa.${category}` });
      else amount(index, `perusosa.${category}`, value);
    }
    if (set.earnedIncomeDeduction) amount(index, 'earnedIncomeDeduction.perEarnerMaxCents', set.earnedIncomeDeduction.perEarnerMaxCents);
    if (set.minorAssistanceLimit) {
      amount(index, 'minorAssistanceLimit.singleCents', set.minorAssistanceLimit.singleCents);
      amount(index, 'minorAssistanceLimit.familyCents', set.minorAssistanceLimit.familyCents);
    }
    set.housingNormCents?.forEach((norm, i) => amount(index, `housingNormCents[${i}]`, norm));
    if (!Number.isInteger(set.daysPerMonth) || set.daysPerMonth <= 0) problems.push({ index, code: 'days_invalid', field: 'daysPerMonth' });
    const percent = (field: string, value: unknown) => {
      if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > 100) problems.push({ index, code: 'percent_invalid', field });
    };
    for (const [ground, pct] of Object.entries(set.reductions?.grounds ?? {})) percent(`reductions.grounds.${ground}`, pct);
    const sanction = set.reductions?.unemploymentSanction;
    if (sanction) {
      percent('reductions.unemploymentSanction.firstMonthPercent', sanction.firstMonthPercent);
      percent('reductions.unemploymentSanction.laterPercent', sanction.laterPercent);
      if (!Number.isInteger(sanction.maxMonths) || sanction.maxMonths < 1) problems.push({ index, code: 'percent_invalid', field: 'reductions.unemploymentSanction.maxMonths' });
    }
  });

  // Two closed-or-open intervals overlap when each starts no later than the other ends.
  const startsBeforeEnd = (from: LocalDate, until: LocalDate | null) => until === null || compareLocalDates(from, until) <= 0;
  for (let i = 0; i < ranges.length; i++) {
    for (let j = i + 1; j < ranges.length; j++) {
      const a = ranges[i]!;
      const b = ranges[j]!;
      if (startsBeforeEnd(a.from, b.until) && startsBeforeEnd(b.from, a.until)) {
        problems.push({ index: b.index, code: 'overlap', field: 'validFrom', otherIndex: a.index });
      }
    }
  }
  return problems;
}

/** The set whose [validFrom, validUntil] contains `date` (validUntil inclusive, null = open-ended), or undefined. */
export function pickParameters(sets: readonly IncomeSupportParameters[], date: LocalDate): IncomeSupportParameters | undefined {
  return sets.find(
    (set) => compareLocalDates(set.validFrom, date) <= 0 && (set.validUntil === null || compareLocalDates(date, set.validUntil) <= 0),
  );
}

/** `YYYY-MM` of a date, as reported in `no_parameters`. */
export const monthKey = (date: LocalDate): string => {
  const { year, month } = dateParts(date);
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}`;
};

/** Builders shared by the income-support tests. */
import {
  cents,
  localDate,
  type CalculationInput,
  type CalculationResult,
  type HouseholdMember,
  type IncomeSupportParameters,
  DEFAULT_INCOME_SUPPORT_PARAMETERS,
  calculateIncomeSupport,
} from '../../src/index';

export const d = localDate;
export const c = cents;
/** Euros (as written in rules.md) to cents, exactly: `eur('593.55')` = 59355. */
export const eur = (s: string) => {
  const [whole, frac = ''] = s.split('.');
  return cents(Number(whole) * 100 + Number(frac.padEnd(2, '0')));
};

export const applicant = (birthDate = '1985-05-05', extra: Partial<HouseholdMember> = {}): HouseholdMember => ({
  id: 'A',
  role: 'applicant',
  birthDate: d(birthDate),
  ...extra,
});

/** An input for a whole calendar month `YYYY-MM` with a single applicant and nothing else. */
export const monthInput = (month: string, overrides: Partial<CalculationInput> = {}): CalculationInput => {
  const start = d(`${month}-01`);
  const [y, m] = month.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return {
    periodStart: start,
    periodEnd: d(`${month}-${String(last).padStart(2, '0')}`),
    members: [applicant()],
    expenses: [],
    incomes: [],
    assets: [],
    supplementary: [],
    preventive: [],
    ...overrides,
  };
};

/** Calculates with the default sets (or `sets`) and fails the test on an error. */
export const calc = (input: CalculationInput, sets: readonly IncomeSupportParameters[] = DEFAULT_INCOME_SUPPORT_PARAMETERS): CalculationResult => {
  const outcome = calculateIncomeSupport(input, sets);
  if (!outcome.ok) throw new Error(`calculation failed: ${JSON.stringify(outcome.error)}`);
  return outcome.value;
};

/** The lines of a result in a section. */
export const section = (result: CalculationResult, name: CalculationResult['lines'][number]['section']) =>
  result.lines.filter((l) => l.section === name);

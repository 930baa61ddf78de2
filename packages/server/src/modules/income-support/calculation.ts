import {
  type CalculationOutcome,
  type Claims,
  type IS_BASIC_EXPENSE_TYPES,
  type IS_INCOME_TYPES,
  type IS_PERUSOSA_CATEGORIES,
  type IS_REDUCTION_GROUNDS,
  type IS_SUPPLEMENTARY_TYPES,
  type MemberInput,
} from '@huoma/contract'
import {
  type BASIC_EXPENSE_TYPES,
  type INCOME_TYPES,
  type PERUSOSA_CATEGORIES,
  type REDUCTION_GROUNDS,
  type SUPPLEMENTARY_EXPENSE_TYPES,
  calculateIncomeSupport,
  localDate,
  type CalculationError,
  type CalculationInput,
  type Cents,
  type IncomeSupportParameters,
} from '@huoma/domain'
import type { Lang } from '../../http/language'
import { translateIssue } from '../../http/problem'

/** A household member as the engine needs it: the registry's birth date joined to the application's role. */
export interface EngineMember extends MemberInput {
  birthDate: string | null
}

export interface CalculationSource {
  periodStart: string
  periodEnd: string
  members: EngineMember[]
  claims: Claims
  housingCapped: boolean
}

const c = (n: number) => n as Cents

/** The contract's code lists are the domain's (a list changed on one side only fails to compile here). */
type Same<A extends readonly string[], B extends readonly string[]> = A[number] extends B[number] ? (B[number] extends A[number] ? true : false) : false
const sameLists: [
  Same<typeof IS_PERUSOSA_CATEGORIES, typeof PERUSOSA_CATEGORIES>,
  Same<typeof IS_BASIC_EXPENSE_TYPES, typeof BASIC_EXPENSE_TYPES>,
  Same<typeof IS_SUPPLEMENTARY_TYPES, typeof SUPPLEMENTARY_EXPENSE_TYPES>,
  Same<typeof IS_INCOME_TYPES, typeof INCOME_TYPES>,
  Same<typeof IS_REDUCTION_GROUNDS, typeof REDUCTION_GROUNDS>,
] = [true, true, true, true, true]
void sameLists

/** The engine's input from an application (saved or being edited). */
export function engineInput(src: CalculationSource): CalculationInput {
  return {
    periodStart: localDate(src.periodStart),
    periodEnd: localDate(src.periodEnd),
    members: src.members.map((m) => ({
      id: m.personId,
      role: m.role,
      // members are checked on save to have a birth date in the registry (is.member.no_birth_date)
      birthDate: localDate(m.birthDate ?? src.periodStart),
      alternatingResidence: m.alternatingResidence ?? false,
      perusosaReductionPercent: m.perusosaReductionPercent ?? 0,
      ...(m.reductionGround ? { reduction: { ground: m.reductionGround, ...(m.sanctionMonth ? { sanctionMonth: m.sanctionMonth } : {}) } } : {}),
    })),
    expenses: src.claims.expenses.map((e) => ({
      type: e.type,
      amountCents: c(e.amountCents),
      ...(e.acceptedCents != null ? { acceptedCents: c(e.acceptedCents) } : {}),
      ...(e.memberId ? { memberId: e.memberId } : {}),
      ...(e.note ? { note: e.note } : {}),
    })),
    incomes: src.claims.incomes.map((i) => ({ type: i.type, amountCents: c(i.amountCents), memberId: i.memberId })),
    assets: src.claims.assets.map((a) => ({ type: a.type, amountCents: c(a.amountCents), memberId: a.memberId })),
    supplementary: src.claims.supplementary.map((s) => ({
      type: s.type,
      amountCents: c(s.amountCents),
      ...(s.acceptedCents != null ? { acceptedCents: c(s.acceptedCents) } : {}),
    })),
    preventive: src.claims.preventive.map((p) => ({ purpose: p.purpose, amountCents: c(p.acceptedCents ?? p.amountCents) })),
    housingCapped: src.housingCapped,
  }
}

/** The engine's error as a field issue of the application form (codes `is.calc.*`, translated in messages.ts). */
export function calculationIssue(e: CalculationError): { field: string; code: string; params?: Record<string, string> } {
  switch (e.code) {
    case 'no_parameters':
      return { field: 'periodStart', code: 'is.calc.no_parameters', params: { month: e.month } }
    case 'period_invalid':
      return { field: e.field, code: 'is.calc.period_invalid' }
    case 'no_applicant':
      return { field: 'members', code: 'is.calc.no_applicant' }
    case 'unknown_member':
      return { field: `claims.${e.field}`, code: 'is.calc.unknown_member' }
    case 'negative_amount':
      return { field: `claims.${e.field}`, code: 'is.calc.negative_amount' }
    case 'reduction_invalid':
      return { field: 'members', code: 'is.calc.reduction_invalid' }
    case 'multiple_applicants':
      return { field: e.field, code: 'is.calc.multiple_applicants' }
    case 'member_invalid':
      return { field: e.field, code: 'is.calc.member_invalid' }
    case 'invalid_amount':
      return { field: `claims.${e.field}`, code: 'is.calc.invalid_amount' }
  }
}

export function calculate(src: CalculationSource, sets: readonly IncomeSupportParameters[], lang: Lang): CalculationOutcome {
  const result = calculateIncomeSupport(engineInput(src), sets)
  if (result.ok) return { ok: true, calculation: result.value as unknown as Extract<CalculationOutcome, { ok: true }>['calculation'] }
  const issue = calculationIssue(result.error)
  const t = translateIssue(lang, issue)
  return { ok: false, field: t.field, code: t.code, message: t.message }
}

import type { TFunction } from 'i18next'
import { fi } from './i18n'

type Groups = Pick<
  typeof fi.incomeSupport,
  | 'perusosaCategories'
  | 'expenseTypes'
  | 'supplementaryTypes'
  | 'incomeTypes'
  | 'assetTypes'
  | 'roles'
  | 'states'
  | 'channels'
  | 'outcomes'
  | 'providerKinds'
  | 'sections'
  | 'lineCodes'
  | 'notificationMethods'
  | 'changeKinds'
>
export type LabelGroup = keyof Groups

/** The words for a code of the income support API; a code the dictionary does not know is shown as it is. */
export function isLabel(t: TFunction, group: LabelGroup, code: string): string {
  if (!Object.hasOwn(fi.incomeSupport[group], code)) return code
  return t(`incomeSupport.${group}.${code}` as `incomeSupport.${LabelGroup}.${keyof Groups[LabelGroup]}`)
}

/**
 * A calculation line in words: the code's own group first (a perusosa category, an expense, an income …), then the
 * engine's own codes (deductions, caps, results).
 */
export function lineLabel(t: TFunction, section: string, code: string): string {
  const group: LabelGroup | undefined =
    section === 'perusosa' && code !== 'perusosa_reduction'
      ? 'perusosaCategories'
      : section === 'expense' && Object.hasOwn(fi.incomeSupport.expenseTypes, code)
        ? 'expenseTypes'
        : (section === 'income' || section === 'excluded') && Object.hasOwn(fi.incomeSupport.incomeTypes, code)
          ? 'incomeTypes'
          : section === 'asset' && Object.hasOwn(fi.incomeSupport.assetTypes, code)
            ? 'assetTypes'
            : section === 'supplementary' && Object.hasOwn(fi.incomeSupport.supplementaryTypes, code)
              ? 'supplementaryTypes'
              : undefined
  return isLabel(t, group ?? 'lineCodes', code)
}

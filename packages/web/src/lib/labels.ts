/**
 * Words for codes that several features show: service tasks (palvelutehtävä), roles and persons' names. The texts
 * are in the app-wide part of the dictionary (`common`, `roles`); a code the dictionary does not know yet is shown
 * as it is.
 */
import type { TFunction, TypeOptions } from 'i18next'
import { i18n } from './language'

// The dictionary's type as i18next knows it (i18n/i18next.d.ts), not an import of i18n/fi.ts: that file composes the
// features' slices, and the features import this kit, so importing it here would close an import cycle.
type AppDictionary = TypeOptions['resources']['translation']
type ServiceTaskCode = keyof AppDictionary['common']['serviceTasks']
type RoleCode = keyof AppDictionary['roles']

/** The service tasks in the dictionary's order (for selects). */
export const SERVICE_TASK_CODES = [
  'adult_social_work',
  'income_support',
  'child_welfare',
  'family_services',
  'disability_services',
  'substance_mental_health',
  'child_maintenance',
  'client_fees',
] as const satisfies readonly ServiceTaskCode[]

/** The service task's name in the UI language: `child_welfare` → "Lastensuojelu". */
export function serviceTaskName(t: TFunction, code: string): string {
  return i18n.exists(`common.serviceTasks.${code}`) ? t(`common.serviceTasks.${code as ServiceTaskCode}`) : code
}

/** The role's name in the UI language: `social_worker` → "Sosiaalityöntekijä". */
export function roleName(t: TFunction, code: string): string {
  return i18n.exists(`roles.${code}`) ? t(`roles.${code as RoleCode}`) : code
}

/** A person as registers write them: "Sukunimi Etunimet". */
export function personName(p: { lastName: string; firstNames: string }): string {
  return `${p.lastName} ${p.firstNames}`.trim()
}

/**
 * Words for codes that several features show: service tasks (palvelutehtävä), roles and persons' names. The texts
 * are in the app-wide part of the dictionary (`common`, `roles`); a code the dictionary does not know yet is shown
 * as it is.
 */
import type { TFunction } from 'i18next'
import type { fi } from '../i18n/fi'
import { i18n } from '../i18n/language'

type ServiceTaskCode = keyof typeof fi.common.serviceTasks
type RoleCode = keyof typeof fi.roles

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

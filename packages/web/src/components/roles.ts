import type { TFunction } from 'i18next'
import { fi } from '../i18n/fi'

type KnownRole = keyof typeof fi.roles

function isKnownRole(code: string): code is KnownRole {
  return Object.hasOwn(fi.roles, code)
}

/** The role's name in the UI language; a role code the UI does not know yet is shown as it is. */
export function roleName(t: TFunction, code: string): string {
  return isKnownRole(code) ? t(`roles.${code}`) : code
}

import type { TFunction } from 'i18next'
import { fi } from './i18n'
import { localeOf } from '../../lib/format'

type CodeGroups = Pick<
  typeof fi.persons,
  'relationKinds' | 'startReasons' | 'endReasons' | 'family' | 'addressKinds' | 'sex' | 'serviceLanguages' | 'timeline' | 'fields'
>
export type CodeGroup = keyof CodeGroups

/** The words for a code of the API (service task, reason, relation, changed field …); an unknown code as it is. */
export function codeLabel(t: TFunction, group: CodeGroup, code: string): string {
  const key = code.replace(/\./g, '_')
  if (!Object.hasOwn(fi.persons[group], key)) return code
  return t(`persons.${group}.${key}` as `persons.${CodeGroup}.${keyof CodeGroups[CodeGroup]}`)
}

/** The codes of a group, in the dictionary's order (for selects). */
export function codesOf<G extends CodeGroup>(group: G): (keyof CodeGroups[G] & string)[] {
  return Object.keys(fi.persons[group]) as (keyof CodeGroups[G] & string)[]
}

/** A list of changed fields in words: "sukunimi, vakinainen osoite". */
export function fieldList(t: TFunction, fields: readonly string[]): string {
  return [...new Set(fields.map((f) => codeLabel(t, 'fields', f)))].join(', ')
}

/** A language code (ISO 639) in words in the UI language: `fi` → "suomi" / "finska" / "Finnish". */
export function languageName(code: string, uiLanguage: string): string {
  try {
    return new Intl.DisplayNames([localeOf(uiLanguage)], { type: 'language' }).of(code) ?? code
  } catch {
    return code
  }
}

/** Languages offered when a client is registered by hand. */
export const COMMON_LANGUAGES = ['fi', 'sv', 'en', 'ru', 'et', 'ar', 'so', 'fa', 'uk', 'ku'] as const

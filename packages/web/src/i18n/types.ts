/** The same tree of keys as `T`, every leaf a string: a translation must have exactly the source's keys. */
export type DeepStringRecord<T> = { [K in keyof T]: T[K] extends string ? string : DeepStringRecord<T[K]> }

export const LANGUAGES = ['fi', 'sv', 'en'] as const
export type UiLanguage = (typeof LANGUAGES)[number]

/** Each language's name in that language itself, as language pickers show them. */
export const LANGUAGE_NAMES: Record<UiLanguage, string> = { fi: 'Suomi', sv: 'Svenska', en: 'English' }

export function isUiLanguage(value: unknown): value is UiLanguage {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value)
}

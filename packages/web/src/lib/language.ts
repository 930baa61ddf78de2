/**
 * The UI language: the i18next instance, the language in use, the switcher's remembered choice and the user's own
 * language. Free of the dictionaries (they are composed from the features list in fi.ts, sv.ts and en.ts, and
 * handed to i18next by index.ts), so that any module may import this one.
 */
import i18n from 'i18next'

/** The same tree of keys as `T`, every leaf a string: a translation must have exactly the source's keys. */
export type DeepStringRecord<T> = { [K in keyof T]: T[K] extends string ? string : DeepStringRecord<T[K]> }

export const LANGUAGES = ['fi', 'sv', 'en'] as const
export type UiLanguage = (typeof LANGUAGES)[number]

/** Each language's name in that language itself, as language pickers show them. */
export const LANGUAGE_NAMES: Record<UiLanguage, string> = { fi: 'Suomi', sv: 'Svenska', en: 'English' }

export function isUiLanguage(value: unknown): value is UiLanguage {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value)
}

const STORAGE_KEY = 'huoma.language'

/** The language this browser's user picked explicitly with the language switcher, if any. */
export function storedLanguage(): UiLanguage | undefined {
  try {
    const value = localStorage.getItem(STORAGE_KEY)
    return isUiLanguage(value) ? value : undefined
  } catch {
    return undefined
  }
}

/** The first of the browser's preferred languages that the UI speaks. */
export function browserLanguage(): UiLanguage | undefined {
  const tags = navigator.languages?.length ? navigator.languages : [navigator.language]
  for (const tag of tags) {
    const base = tag?.toLowerCase().split('-')[0]
    if (isUiLanguage(base)) return base
  }
  return undefined
}

export function currentLanguage(): UiLanguage {
  return isUiLanguage(i18n.language) ? i18n.language : 'fi'
}

/** The language switcher's choice: applied at once and remembered on this browser. */
export async function chooseLanguage(language: UiLanguage): Promise<void> {
  try {
    localStorage.setItem(STORAGE_KEY, language)
  } catch {
    // Storage may be disabled by policy; the choice then lasts for this page load only.
  }
  await i18n.changeLanguage(language)
}

/** After sign-in the user's own language applies, unless this browser has an explicit choice. */
export async function applyUserLanguage(language: UiLanguage): Promise<void> {
  if (!storedLanguage() && i18n.language !== language) await i18n.changeLanguage(language)
}

i18n.on('languageChanged', (language) => {
  document.documentElement.lang = language
})

export { i18n }

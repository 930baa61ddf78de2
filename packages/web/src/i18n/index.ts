import i18n from 'i18next'
import { initReactI18next } from 'react-i18next'
import { en } from './en'
import { fi } from './fi'
import { sv } from './sv'
import { isUiLanguage, LANGUAGES, type UiLanguage } from './types'

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

function browserLanguage(): UiLanguage | undefined {
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

void i18n.use(initReactI18next).init({
  resources: { fi: { translation: fi }, sv: { translation: sv }, en: { translation: en } },
  lng: storedLanguage() ?? browserLanguage() ?? 'fi',
  fallbackLng: 'fi',
  supportedLngs: LANGUAGES,
  interpolation: { escapeValue: false },
  initAsync: false,
})

export { i18n }

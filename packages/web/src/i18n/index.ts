/**
 * Starts i18next with the dictionaries: the app-wide keys and every feature's slice, composed in fi.ts, sv.ts and
 * en.ts from the features list. Imported once by main.tsx (and the tests' set-up) before anything renders.
 */
import { initReactI18next } from 'react-i18next'
import { en } from './en'
import { fi } from './fi'
import { browserLanguage, i18n, storedLanguage } from '../lib/language'
import { sv } from './sv'
import { LANGUAGES } from '../lib/language'

export { applyUserLanguage, chooseLanguage, currentLanguage, i18n, storedLanguage } from '../lib/language'

void i18n.use(initReactI18next).init({
  resources: { fi: { translation: fi }, sv: { translation: sv }, en: { translation: en } },
  lng: storedLanguage() ?? browserLanguage() ?? 'fi',
  fallbackLng: 'fi',
  supportedLngs: LANGUAGES,
  interpolation: { escapeValue: false },
  initAsync: false,
})

import 'i18next'
import type { fi } from './fi'

// Typed keys: `t('no.such.key')` is a compile error.
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation'
    resources: { translation: typeof fi }
  }
}

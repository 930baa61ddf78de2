import type { Feature } from '../../lib/feature'
import { ConsentsSection } from './ConsentsSection'
import { DisclosuresSection } from './DisclosuresSection'
import * as dictionary from './i18n'

/** Luovutukset ja suostumukset on the client card: disclosure requests per register, the log, consents and bans. */
export const disclosures: Feature<typeof dictionary.fi> = {
  id: 'disclosures',
  dictionary,
  cardSections: [
    { id: 'disclosures', component: DisclosuresSection, order: 40, action: 'disclosures:read', serviceTask: 'each' },
    { id: 'consents', component: ConsentsSection, order: 45, action: 'consents:read' },
  ],
}

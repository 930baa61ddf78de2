import type { Feature } from '../../lib/feature'
import { JournalCardSection } from './CardSection'
import * as dictionary from './i18n'

/** Asiakaskertomus: the client journal on the client card, one per service task of the user's. */
export const journal: Feature<typeof dictionary.fi> = {
  id: 'journal',
  dictionary,
  cardSections: [{ id: 'journal', component: JournalCardSection, order: 20, serviceTask: 'each' }],
}

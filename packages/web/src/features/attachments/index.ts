import type { Feature } from '../../lib/feature'
import { AttachmentsCardSection } from './CardSection'

/**
 * Liitteet on the client card: a service task's attachments below its journal. The panel itself is shared
 * (`components/AttachmentsPanel.tsx`, words under `attachments` in the app-wide dictionary): the income support
 * application shows it too.
 */
export const attachments: Feature = {
  id: 'attachments',
  cardSections: [{ id: 'attachments', component: AttachmentsCardSection, order: 20, serviceTask: 'each' }],
}

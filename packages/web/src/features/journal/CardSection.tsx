import { useTranslation } from 'react-i18next'
import type { PersonCardSectionProps } from '../../lib/feature'
import { serviceTaskName } from '../../lib/labels'
import { JournalPanel } from './JournalPanel'

/**
 * The client journal (asiakaskertomus) on the client card: one per service task in which the signed-in user has an
 * ongoing relationship with the client.
 */
export function JournalCardSection({ card, serviceTask }: PersonCardSectionProps) {
  const { t } = useTranslation()
  if (!serviceTask) return null
  return <JournalPanel personId={card.person.id} serviceTask={serviceTask} title={t('journal.cardTitle', { task: serviceTaskName(t, serviceTask) })} panel={`card:journal:${serviceTask}`} />
}

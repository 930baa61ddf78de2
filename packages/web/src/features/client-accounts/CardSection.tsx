import { useTranslation } from 'react-i18next'
import type { PersonCardSectionProps } from '../../lib/feature'
import { serviceTaskName } from '../../lib/labels'
import { ClientAccountsSection } from './ClientAccountsSection'

/** The client's accounts in one service task of the user's, on the client card. */
export function ClientAccountsCardSection({ card, serviceTask }: PersonCardSectionProps) {
  const { t } = useTranslation()
  if (!serviceTask) return null
  return <ClientAccountsSection personId={card.person.id} serviceTask={serviceTask} taskName={serviceTaskName(t, serviceTask)} />
}

import type { PersonCardSectionProps } from '../../lib/feature'
import { AttachmentsPanel } from '../../components/AttachmentsPanel'

/** The attachments of one of the user's service tasks on the client card, below that task's journal. */
export function AttachmentsCardSection({ card, serviceTask }: PersonCardSectionProps) {
  if (!serviceTask) return null
  return <AttachmentsPanel personId={card.person.id} serviceTask={serviceTask} panel={`card:attachments:${serviceTask}`} />
}

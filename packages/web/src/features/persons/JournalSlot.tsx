import { useTranslation } from 'react-i18next'
import { AttachmentsPanel } from '../attachments'
import { JournalPanel } from '../journal/JournalPanel'
import { serviceTaskName } from '../../lib/labels'

/**
 * The client journal (asiakaskertomus) on the client card: one per service task in which the signed-in user has an
 * ongoing relationship with the client (the card decides the tasks), with the task's attachments below it. The
 * panels live in features/journal and features/attachments.
 */
export function JournalSlot({ personId, serviceTask }: { personId: string; serviceTask: string }) {
  const { t } = useTranslation()
  return (
    <>
      <JournalPanel personId={personId} serviceTask={serviceTask} title={t('persons.card.journalOf', { task: serviceTaskName(t, serviceTask) })} />
      <AttachmentsPanel personId={personId} serviceTask={serviceTask} />
    </>
  )
}

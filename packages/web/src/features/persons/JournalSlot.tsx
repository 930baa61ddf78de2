import { useTranslation } from 'react-i18next'
import { JournalPanel } from '../journal/JournalPanel'
import { codeLabel } from './labels'

/**
 * The client journal (asiakaskertomus) on the client card: one per service task in which the signed-in user has an
 * ongoing relationship with the client (the card decides the tasks). The panel itself lives in features/journal.
 */
export function JournalSlot({ personId, serviceTask }: { personId: string; serviceTask: string }) {
  const { t } = useTranslation()
  return <JournalPanel personId={personId} serviceTask={serviceTask} title={t('persons.card.journalOf', { task: codeLabel(t, 'serviceTasks', serviceTask) })} />
}

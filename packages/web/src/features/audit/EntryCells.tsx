import type { ReactNode } from 'react'
import type { AuditLogEntry } from '@huoma/contract'
import { useTranslation } from 'react-i18next'
import { useLabels } from './format'
import { formatDateTime } from '../../lib/format'

const SHOWN_CLIENTS = 3

/** The client ids of a log row: a few in full, then how many more. */
export function ClientIds({ ids, actions }: { ids: string[]; actions?: ((id: string) => ReactNode) | undefined }) {
  const { t } = useTranslation()
  if (!ids.length) return <>–</>
  return (
    <ul className="client-ids">
      {ids.slice(0, SHOWN_CLIENTS).map((id) => (
        <li key={id}>
          <code>{id}</code>
          {actions?.(id)}
        </li>
      ))}
      {ids.length > SHOWN_CLIENTS && <li>{t('audit.common.moreClients', { count: ids.length - SHOWN_CLIENTS })}</li>}
    </ul>
  )
}

/** One log row as a definition list (the review cards). */
export function EntryFacts({ entry }: { entry: AuditLogEntry }) {
  const { t } = useTranslation()
  const labels = useLabels()
  return (
    <dl className="facts">
      <dt>{t('audit.common.when')}</dt>
      <dd>{formatDateTime(entry.occurredAt)}</dd>
      <dt>{t('audit.common.who')}</dt>
      <dd>{entry.userName ?? t('audit.common.system')}</dd>
      <dt>{t('audit.common.role')}</dt>
      <dd>{labels.role(entry.roleCode)}</dd>
      <dt>{t('audit.common.client')}</dt>
      <dd>
        <ClientIds ids={entry.clientIds} />
      </dd>
      <dt>{t('audit.common.dataGroup')}</dt>
      <dd>
        <code>{entry.dataGroup}</code>
      </dd>
      <dt>{t('audit.common.action')}</dt>
      <dd>
        {labels.action(entry.action)} (<code>{entry.event}</code>)
      </dd>
      <dt>{t('audit.common.basis')}</dt>
      <dd>{labels.basis(entry.basis)}</dd>
      <dt>{t('audit.common.outcome')}</dt>
      <dd>{labels.outcome(entry.outcome)}</dd>
    </dl>
  )
}

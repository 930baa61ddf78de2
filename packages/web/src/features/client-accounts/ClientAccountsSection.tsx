import { clientAccountsEndpoints, type ClientAccountKind } from '@huoma/contract'
import { useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { ApiError, describeError, type ErrorText } from '../../api/client'
import { useEndpoint } from '../../api/endpoint'
import { ErrorAlert } from '../../components/Alert'
import { can, useUser } from '../../session/context'
import { accountPage, openAccount } from './api'
import './client-accounts.css'
import { formatEuros } from '../../lib/money'
import { formatDate, todayInHelsinki } from '../../lib/format'
import { FoldingPanel } from '../../components/FoldingPanel'

/**
 * The client card's section of intermediary accounts (välitystili) and after-care funds (itsenäistymisvarat) in one
 * service task: the card shows it only where the user has their own relationship in that task, as the journal.
 */
export function ClientAccountsSection({ personId, serviceTask, taskName }: { personId: string; serviceTask: string; taskName: string }) {
  const { t } = useTranslation()
  const user = useUser()
  const id = useId()
  const list = useEndpoint(clientAccountsEndpoints['clientAccounts.list'], { params: { id: personId, serviceTask } })
  const [kind, setKind] = useState<ClientAccountKind>('intermediary')
  const [error, setError] = useState<{ text: ErrorText; messages: string[] }>()
  const [busy, setBusy] = useState(false)

  async function open() {
    setBusy(true)
    try {
      await openAccount(personId, serviceTask, kind, todayInHelsinki())
      setError(undefined)
      list.reload()
    } catch (e) {
      setError({ text: describeError(e), messages: e instanceof ApiError ? (e.problem.errors ?? []).map((x) => x.message) : [] })
    } finally {
      setBusy(false)
    }
  }

  return (
    <FoldingPanel panel={`card:client-accounts:${serviceTask}`} className="card-section ca-section" title={t('clientAccounts.section.title', { task: taskName })}>
      {list.status === 'loading' && <p className="muted">{t('clientAccounts.loading')}</p>}
      {list.status === 'error' && <p className="muted">{list.error.title}</p>}
      {list.status === 'success' && list.data.accounts.length === 0 && <p className="muted">{t('clientAccounts.section.none')}</p>}
      {list.status === 'success' && list.data.accounts.length > 0 && (
        <table className="compact">
          <thead>
            <tr>
              <th scope="col">{t('clientAccounts.kind')}</th>
              <th scope="col">{t('clientAccounts.reference')}</th>
              <th scope="col">{t('clientAccounts.opened')}</th>
              <th scope="col" className="num">
                {t('clientAccounts.balance')}
              </th>
            </tr>
          </thead>
          <tbody>
            {list.data.accounts.map((a) => (
              <tr key={a.id}>
                <td>
                  <Link to={accountPage(personId, serviceTask, a.id)}>{t(`clientAccounts.kinds.${a.kind}`)}</Link>
                  {a.closedOn && <span className="muted"> ({t('clientAccounts.closedOn', { date: formatDate(a.closedOn) })})</span>}
                </td>
                <td>{a.reference}</td>
                <td>{formatDate(a.openedOn)}</td>
                <td className="num">{formatEuros(a.balanceCents)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {can(user, 'client-accounts:open') && (
        <div className="ca-open">
          <label htmlFor={`${id}-kind`}>{t('clientAccounts.section.newKind')}</label>
          <select id={`${id}-kind`} value={kind} onChange={(e) => setKind(e.target.value as ClientAccountKind)}>
            <option value="intermediary">{t('clientAccounts.kinds.intermediary')}</option>
            <option value="after_care_fund">{t('clientAccounts.kinds.after_care_fund')}</option>
          </select>
          <button type="button" className="button button-primary" onClick={() => void open()} disabled={busy}>
            {t('clientAccounts.section.open')}
          </button>
        </div>
      )}
      <ErrorAlert error={error?.text} messages={error?.messages ?? []} />
    </FoldingPanel>
  )
}

import { retentionEndpoints as ep, type DestructionItem, type DestructionListDetail } from '@huoma/contract'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useParams } from 'react-router'
import { ApiError, describeError, type ErrorText } from '../../api/client'
import { useEndpoint } from '../../api/endpoint'
import { ErrorAlert } from '../../components/Alert'
import { ConfirmDialog } from '../../components/ConfirmDialog'
import { Page } from '../../components/Page'
import { formatDate, formatDateTime } from '../../lib/format'
import { serviceTaskName } from '../../lib/labels'
import { can, useUser } from '../../session/context'
import { retentionApi } from './api'
import './retention.css'

/** The messages of a refusal (each listed client's reason), besides its title. */
const messagesOf = (e: unknown) => (e instanceof ApiError ? (e.problem.errors ?? []).map((x) => x.message) : [])

/**
 * Hävitysluettelo: the clients on a list with what goes of each — the whole client, or only the registers that ran
 * out of a client who stays — the day their retention ended and its basis; the
 * archive officer takes a client off with a reason, approves the list (another's proposal; every client checked
 * again) and executes it — each step behind a confirmation that says what will happen.
 */
export function DestructionListPage() {
  const { t } = useTranslation()
  const user = useUser()
  const { listId = '' } = useParams()
  const state = useEndpoint(ep['destruction.list'], { params: { listId } })
  const [override, setOverride] = useState<DestructionListDetail>()
  const [error, setError] = useState<{ text: ErrorText; messages: string[] }>()
  const [notice, setNotice] = useState<string>()
  const [confirm, setConfirm] = useState<'approve' | 'execute'>()
  const [busy, setBusy] = useState(false)
  const [removing, setRemoving] = useState<DestructionItem>()
  const [reason, setReason] = useState('')

  const detail = override ?? (state.status === 'success' ? state.data : undefined)

  async function act(work: () => Promise<DestructionListDetail>, done: (d: DestructionListDetail) => string) {
    setBusy(true)
    setError(undefined)
    setNotice(undefined)
    try {
      const d = await work()
      setOverride(d)
      setNotice(done(d))
      return true
    } catch (e) {
      setError({ text: describeError(e), messages: messagesOf(e) })
      return false
    } finally {
      setBusy(false)
      setConfirm(undefined)
    }
  }

  if (!detail) {
    return (
      <Page title={t('retention.lists.title')}>
        {state.status === 'error' ? <ErrorAlert error={state.error} /> : <p role="status">{t('retention.lists.loading')}</p>}
      </Page>
    )
  }
  const { list, items } = detail
  const reviewing = list.state === 'proposed' && can(user, 'destruction:review')
  const name = (i: DestructionItem) => i.label ?? t(i.scope === 'registers' ? 'retention.list.destroyedRegisters' : 'retention.list.destroyedClient', { record: i.recordNumber ?? '–' })

  return (
    <Page title={t('retention.list.title', { number: list.number })}>
      <p>
        <Link to="/retention/destruction">{t('retention.list.back')}</Link>
      </p>
      <p>
        {t('retention.list.summary', { state: t(`retention.states.${list.state}`), proposed: formatDateTime(list.proposedAt), proposer: list.proposedBy ?? t('retention.lists.system') })}{' '}
        {list.approvedBy && t('retention.list.approvedBy', { approver: list.approvedBy, at: formatDateTime(list.approvedAt) })}
      </p>
      <p>{t('retention.lists.counts', { listed: list.listed, removed: list.removed, destroyed: list.destroyed })}</p>
      <div role="status" className="status-region">
        {notice && <p className="notice">{notice}</p>}
      </div>
      <ErrorAlert error={error?.text} messages={error?.messages} />
      <div className="retention-actions">
        {list.state === 'proposed' && can(user, 'destruction:approve') && (
          <button type="button" className="button" disabled={busy || list.listed === 0} onClick={() => setConfirm('approve')}>
            {t('retention.list.approve')}
          </button>
        )}
        {(list.state === 'approved' || list.state === 'executing') && can(user, 'destruction:execute') && (
          <button type="button" className="button button-danger" disabled={busy} onClick={() => setConfirm('execute')}>
            {busy ? t('retention.list.executing') : t('retention.list.execute')}
          </button>
        )}
      </div>
      {confirm === 'approve' && (
        <ConfirmDialog
          title={t('retention.list.approveTitle')}
          confirmLabel={t('retention.list.approve')}
          busy={busy}
          onCancel={() => setConfirm(undefined)}
          onConfirm={() => void act(() => retentionApi.approve(list.id, list.version), () => t('retention.list.approved'))}
        >
          <p>{t('retention.list.approveBody', { number: list.number, count: list.listed })}</p>
        </ConfirmDialog>
      )}
      {confirm === 'execute' && (
        <ConfirmDialog
          title={t('retention.list.executeTitle')}
          confirmLabel={t('retention.list.execute')}
          busy={busy}
          danger
          onCancel={() => setConfirm(undefined)}
          onConfirm={() => void act(() => retentionApi.execute(list.id), (d) => t('retention.list.done', { count: d.list.destroyed }))}
        >
          <p>{t('retention.list.executeBody', { number: list.number, count: list.listed })}</p>
        </ConfirmDialog>
      )}
      <table className="retention-table">
        <caption>{t('retention.list.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('retention.list.columns.client')}</th>
            <th scope="col">{t('retention.list.columns.registers')}</th>
            <th scope="col">{t('retention.list.columns.destroyAfter')}</th>
            <th scope="col">{t('retention.list.columns.basis')}</th>
            <th scope="col">{t('retention.list.columns.state')}</th>
            {reviewing && <th scope="col">{t('retention.list.columns.actions')}</th>}
          </tr>
        </thead>
        <tbody>
          {items.map((i) => (
            <tr key={i.id} className={i.state === 'removed' ? 'retention-removed' : undefined}>
              <th scope="row">
                {name(i)}
                {i.birthDate && <span className="retention-note"> {formatDate(i.birthDate)}</span>}
              </th>
              <td>
                <span className={i.scope === 'registers' ? 'retention-scope retention-scope-registers' : 'retention-scope'}>{t(`retention.list.scope.${i.scope}`)}</span>{' '}
                <span>{i.registers.map((r) => (r === 'client' ? t('retention.client') : serviceTaskName(t, r))).join(', ')}</span>
              </td>
              <td>{formatDate(i.destroyAfter)}</td>
              <td className="retention-basis">{i.basis}</td>
              <td>
                {t(`retention.itemStates.${i.state}`)}
                {i.removedReason && <span className="retention-note"> — {i.removedReason}</span>}
              </td>
              {reviewing && (
                <td>
                  {i.state === 'listed' && removing?.id !== i.id && (
                    <button type="button" className="button-link" aria-label={t('retention.list.removeLabel', { client: name(i) })} onClick={() => { setRemoving(i); setReason('') }}>
                      {t('retention.list.remove')}
                    </button>
                  )}
                  {removing?.id === i.id && (
                    <form
                      onSubmit={(e) => {
                        e.preventDefault()
                        void act(() => retentionApi.removeItem(list.id, i.id, { reason, version: list.version }), () => t('retention.list.removed')).then((ok) => ok && setRemoving(undefined))
                      }}
                    >
                      <label htmlFor={`reason-${i.id}`}>{t('retention.list.reason')}</label>
                      <input id={`reason-${i.id}`} value={reason} onChange={(e) => setReason(e.target.value)} />
                      <button type="submit" className="button" disabled={busy}>
                        {t('retention.list.confirmRemove')}
                      </button>
                      <button type="button" className="button-link" onClick={() => setRemoving(undefined)}>
                        {t('retention.list.cancel')}
                      </button>
                    </form>
                  )}
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </Page>
  )
}

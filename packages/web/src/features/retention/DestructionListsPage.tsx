import { retentionEndpoints as ep } from '@huoma/contract'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useNavigate } from 'react-router'
import { useEndpoint } from '../../api/endpoint'
import { describeError, type ErrorText } from '../../api/client'
import { ErrorAlert } from '../../components/Alert'
import { Page } from '../../components/Page'
import { formatDateTime } from '../../lib/format'
import { can, useUser } from '../../session/context'
import { retentionApi } from './api'
import './retention.css'

/**
 * Hävitysluettelot (`destruction:lists`): the destruction lists with their state and counts, newest first; the archive
 * and data protection officers propose one now (`destruction:propose`), the nightly job proposes one by itself.
 */
export function DestructionListsPage() {
  const { t } = useTranslation()
  const user = useUser()
  const navigate = useNavigate()
  const lists = useEndpoint(ep['destruction.lists'])
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<ErrorText>()
  const [notice, setNotice] = useState<string>()

  async function propose() {
    setBusy(true)
    setError(undefined)
    setNotice(undefined)
    try {
      const detail = await retentionApi.propose()
      if (!detail) {
        setNotice(t('retention.lists.nobodyDue'))
        lists.reload()
      } else {
        void navigate(`/retention/destruction/${detail.list.id}`)
      }
    } catch (e) {
      setError(describeError(e))
    } finally {
      setBusy(false)
    }
  }

  return (
    <Page title={t('retention.lists.title')}>
      <p className="lead">{t('retention.lists.intro')}</p>
      <div role="status" className="status-region">
        {notice && <p className="notice">{notice}</p>}
      </div>
      <ErrorAlert error={error ?? (lists.status === 'error' ? lists.error : undefined)} />
      {can(user, 'destruction:propose') && (
        <p>
          <button type="button" className="button" disabled={busy} onClick={() => void propose()}>
            {busy ? t('retention.lists.proposing') : t('retention.lists.propose')}
          </button>
        </p>
      )}
      {can(user, 'destruction:records') && (
        <p>
          <Link to="/retention/destruction-records">{t('retention.nav.records')}</Link>
        </p>
      )}
      {lists.status === 'loading' && <p>{t('retention.lists.loading')}</p>}
      {lists.status === 'success' && lists.data.lists.length === 0 && <p>{t('retention.lists.none')}</p>}
      {lists.status === 'success' && lists.data.lists.length > 0 && (
        <table className="retention-table">
          <caption>{t('retention.lists.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('retention.lists.columns.number')}</th>
              <th scope="col">{t('retention.lists.columns.state')}</th>
              <th scope="col">{t('retention.lists.columns.proposed')}</th>
              <th scope="col">{t('retention.lists.columns.proposer')}</th>
              <th scope="col">{t('retention.lists.columns.approver')}</th>
              <th scope="col">{t('retention.lists.columns.counts')}</th>
            </tr>
          </thead>
          <tbody>
            {lists.data.lists.map((l) => (
              <tr key={l.id}>
                <th scope="row">
                  <Link to={`/retention/destruction/${l.id}`} aria-label={t('retention.lists.open', { number: l.number })}>
                    {l.number}
                  </Link>
                </th>
                <td>{t(`retention.states.${l.state}`)}</td>
                <td>{formatDateTime(l.proposedAt)}</td>
                <td>{l.proposedBy ?? t('retention.lists.system')}</td>
                <td>{l.approvedBy ?? '–'}</td>
                <td>{t('retention.lists.counts', { listed: l.listed, removed: l.removed, destroyed: l.destroyed })}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Page>
  )
}

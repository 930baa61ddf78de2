import { retentionEndpoints as ep } from '@huoma/contract'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useEndpoint } from '../../api/endpoint'
import { ErrorAlert } from '../../components/Alert'
import { Page } from '../../components/Page'
import { formatDate, formatDateTime } from '../../lib/format'
import { serviceTaskName } from '../../lib/labels'
import './retention.css'

/**
 * Hävityspöytäkirjat (`destruction:records`): the permanent records of destroyed clients — what, whose as a
 * pseudonym, the basis, who approved, when; a search by identity computes the same pseudonym on the server.
 */
export function DestructionRecordsPage() {
  const { t } = useTranslation()
  const [typed, setTyped] = useState('')
  const [identity, setIdentity] = useState('')
  const records = useEndpoint(ep['destruction.records'], { query: identity ? { identity } : {} })
  return (
    <Page title={t('retention.records.title')}>
      <p className="lead">{t('retention.records.intro')}</p>
      <form
        className="retention-search"
        onSubmit={(e) => {
          e.preventDefault()
          setIdentity(typed.trim())
        }}
      >
        <label htmlFor="destruction-identity">{t('retention.records.identity')}</label>
        <input id="destruction-identity" value={typed} onChange={(e) => setTyped(e.target.value)} />
        <button type="submit" className="button">
          {t('retention.records.search')}
        </button>
      </form>
      {records.status === 'error' && <ErrorAlert error={records.error} />}
      {records.status === 'loading' && <p role="status">{t('retention.lists.loading')}</p>}
      {records.status === 'success' && records.data.records.length === 0 && <p>{t('retention.records.none')}</p>}
      {records.status === 'success' && records.data.records.length > 0 && (
        <table className="retention-table">
          <caption>{t('retention.records.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('retention.records.columns.number')}</th>
              <th scope="col">{t('retention.records.columns.list')}</th>
              <th scope="col">{t('retention.records.columns.registers')}</th>
              <th scope="col">{t('retention.records.columns.basis')}</th>
              <th scope="col">{t('retention.records.columns.approver')}</th>
              <th scope="col">{t('retention.records.columns.destroyed')}</th>
              <th scope="col">{t('retention.records.columns.key')}</th>
            </tr>
          </thead>
          <tbody>
            {records.data.records.map((r) => (
              <tr key={r.id}>
                <th scope="row">{r.number}</th>
                <td>{r.listNumber}</td>
                <td>
                  <span className="retention-scope">{t(`retention.list.scope.${r.scope}`)}</span> <span>{r.registers.map((x) => (x === 'client' ? t('retention.client') : serviceTaskName(t, x))).join(', ')}</span>
                </td>
                <td className="retention-basis">
                  {r.basis} ({formatDate(r.destroyAfter)})
                </td>
                <td>{r.approvedBy}</td>
                <td>{formatDateTime(r.destroyedAt)}</td>
                <td className="retention-key">{r.subjectKey.slice(0, 16)}…</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Page>
  )
}

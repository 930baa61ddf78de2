import { retentionEndpoints as ep, type RetentionRuleList, type RetentionRuleRow } from '@huoma/contract'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { ApiError, describeError, type ErrorText } from '../../api/client'
import { useEndpoint } from '../../api/endpoint'
import { ErrorAlert } from '../../components/Alert'
import { Page } from '../../components/Page'
import { formatDate } from '../../lib/format'
import { can, useUser } from '../../session/context'
import { retentionApi } from './api'
import './retention.css'

/**
 * Säilytysajat (`retention:rules-read`): the retention table with each row's period, validity and legal source; the
 * main user (`retention:rules-write`) changes a row's period, source or archiving order at the version shown.
 */
export function RetentionRulesPage() {
  const { t, i18n } = useTranslation()
  const user = useUser()
  const state = useEndpoint(ep['retention.rules'])
  const [override, setOverride] = useState<RetentionRuleList>()
  const [editing, setEditing] = useState<RetentionRuleRow>()
  const [years, setYears] = useState('')
  const [source, setSource] = useState('')
  const [archive, setArchive] = useState(false)
  const [error, setError] = useState<{ text: ErrorText; messages: string[] }>()
  const [notice, setNotice] = useState<string>()
  const [busy, setBusy] = useState(false)
  const rules = override ?? (state.status === 'success' ? state.data : undefined)
  const mayEdit = can(user, 'retention:rules-write')
  const className = (c: string) => (i18n.exists(`retention.classes.${c}`) ? t(`retention.classes.${c as 'vouchers'}`) : c)

  async function save(rule: RetentionRuleRow) {
    setBusy(true)
    setError(undefined)
    setNotice(undefined)
    try {
      setOverride(await retentionApi.updateRule(rule.id, { years: Number(years), legalSource: source, archiveOrdered: archive, validUntil: rule.validUntil, version: rule.version }))
      setEditing(undefined)
      setNotice(t('retention.rules.saved'))
    } catch (e) {
      setError({ text: describeError(e), messages: e instanceof ApiError ? (e.problem.errors ?? []).map((x) => x.message) : [] })
    } finally {
      setBusy(false)
    }
  }

  return (
    <Page title={t('retention.rules.title')}>
      <p className="lead">{t('retention.rules.intro')}</p>
      <div role="status" className="status-region">
        {notice && <p className="notice">{notice}</p>}
      </div>
      <ErrorAlert error={error?.text ?? (state.status === 'error' ? state.error : undefined)} messages={error?.messages} />
      {!rules && state.status === 'loading' && <p>{t('retention.lists.loading')}</p>}
      {rules && (
        <table className="retention-table">
          <caption>{t('retention.rules.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('retention.rules.columns.class')}</th>
              <th scope="col">{t('retention.rules.columns.period')}</th>
              <th scope="col">{t('retention.rules.columns.valid')}</th>
              <th scope="col">{t('retention.rules.columns.source')}</th>
              {mayEdit && <th scope="col">{t('retention.rules.columns.actions')}</th>}
            </tr>
          </thead>
          <tbody>
            {rules.rules.map((r) => (
              <tr key={r.id}>
                <th scope="row">{className(r.retentionClass)}</th>
                <td>
                  {t('retention.rules.period', { years: r.years, trigger: t(`retention.triggers.${r.trigger}`) })}
                  {r.archiveOrdered && <p className="retention-note">{t('retention.rules.archiveOrdered')}</p>}
                </td>
                <td>
                  {formatDate(r.validFrom)}–{r.validUntil ? formatDate(r.validUntil) : ''}
                </td>
                <td>
                  {r.legalSource}
                  {r.unverified && <p className="retention-note">{t('retention.rules.unverified')}</p>}
                </td>
                {mayEdit && (
                  <td>
                    {editing?.id !== r.id ? (
                      <button
                        type="button"
                        className="button-link"
                        aria-label={t('retention.rules.editLabel', { class: className(r.retentionClass) })}
                        onClick={() => {
                          setEditing(r)
                          setYears(String(r.years))
                          setSource(r.legalSource)
                          setArchive(r.archiveOrdered)
                        }}
                      >
                        {t('retention.rules.edit')}
                      </button>
                    ) : (
                      <form
                        className="retention-rule-form"
                        onSubmit={(e) => {
                          e.preventDefault()
                          void save(r)
                        }}
                      >
                        <label htmlFor={`years-${r.id}`}>{t('retention.rules.years')}</label>
                        <input id={`years-${r.id}`} inputMode="numeric" value={years} onChange={(e) => setYears(e.target.value)} />
                        <label htmlFor={`source-${r.id}`}>{t('retention.rules.legalSource')}</label>
                        <input id={`source-${r.id}`} value={source} onChange={(e) => setSource(e.target.value)} />
                        <label>
                          <input type="checkbox" checked={archive} onChange={(e) => setArchive(e.target.checked)} /> {t('retention.rules.archive')}
                        </label>
                        <button type="submit" className="button" disabled={busy}>
                          {t('retention.rules.save')}
                        </button>
                        <button type="button" className="button-link" onClick={() => setEditing(undefined)}>
                          {t('retention.rules.cancel')}
                        </button>
                      </form>
                    )}
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Page>
  )
}

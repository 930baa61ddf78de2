import { noticeEndpoints, type ProcessingInformedInput } from '@huoma/contract'
import { useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { ApiError, describeError, type ErrorText } from '../../api/client'
import { callApi, useEndpoint } from '../../api/endpoint'
import { ErrorAlert } from '../../components/Alert'
import type { PersonCardSectionProps } from '../../lib/feature'
import { formatDate, parseFinnishDate, todayInHelsinki } from '../../lib/format'
import { serviceTaskName } from '../../lib/labels'
import { can, useUser } from '../../session/context'
import { FoldingPanel } from '../../components/FoldingPanel'

type Method = ProcessingInformedInput['method']

/**
 * On the client card, per service task of the user's own relationship: whether and how the client was informed of
 * the processing of their data (GDPR art. 13) at the start of the relationship, and the form to record it.
 */
export function InformedCardSection({ card, serviceTask }: PersonCardSectionProps) {
  const { t } = useTranslation()
  const user = useUser()
  const id = useId()
  const personId = card.person.id
  const task = (serviceTask ?? 'adult_social_work') as ProcessingInformedInput['serviceTask']
  const list = useEndpoint(noticeEndpoints['notice.informedRecords'], { params: { id: personId }, query: { serviceTask: task } })
  const [date, setDate] = useState(() => formatDate(todayInHelsinki()))
  const [method, setMethod] = useState<Method>('in_person')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<{ text: ErrorText; messages: string[] }>()
  if (!serviceTask) return null
  const records = list.status === 'success' ? list.data.records : []

  async function record() {
    const informedOn = parseFinnishDate(date)
    if (!informedOn) {
      setError({ text: { title: t('privacyNotice.informed.badDate') }, messages: [] })
      return
    }
    setBusy(true)
    try {
      await callApi(noticeEndpoints['notice.recordInformed'], { params: { id: personId }, body: { serviceTask: task, informedOn, method } })
      setError(undefined)
      list.reload()
    } catch (e) {
      setError({ text: describeError(e), messages: e instanceof ApiError ? (e.problem.errors ?? []).map((x) => x.message) : [] })
    } finally {
      setBusy(false)
    }
  }

  return (
    <FoldingPanel panel={`card:informed:${serviceTask}`} className="card-section" title={t('privacyNotice.informed.title', { task: serviceTaskName(t, serviceTask) })}>
      {list.status === 'error' && <p className="muted">{list.error.title}</p>}
      {list.status === 'success' && records.length === 0 && <p className="muted">{t('privacyNotice.informed.none')}</p>}
      {records.length > 0 && (
        <ul>
          {records.map((r) => (
            <li key={r.id}>
              {t('privacyNotice.informed.entry', { date: formatDate(r.informedOn), method: t(`privacyNotice.informed.methods.${r.method}`), name: r.informedBy.displayName })}
            </li>
          ))}
        </ul>
      )}
      {can(user, 'notice:informed-record') && (
        <div className="informed-form">
          <ErrorAlert error={error?.text} messages={error?.messages} />
          <label htmlFor={`${id}-date`}>{t('privacyNotice.informed.date')}</label>
          <input id={`${id}-date`} value={date} onChange={(e) => setDate(e.target.value)} inputMode="numeric" />
          <label htmlFor={`${id}-method`}>{t('privacyNotice.informed.method')}</label>
          <select id={`${id}-method`} value={method} onChange={(e) => setMethod(e.target.value as Method)}>
            <option value="in_person">{t('privacyNotice.informed.methods.in_person')}</option>
            <option value="letter">{t('privacyNotice.informed.methods.letter')}</option>
            <option value="e_service">{t('privacyNotice.informed.methods.e_service')}</option>
          </select>
          <button type="button" className="button button-primary" onClick={() => void record()} disabled={busy}>
            {busy ? t('privacyNotice.informed.recording') : t('privacyNotice.informed.record')}
          </button>
        </div>
      )}
    </FoldingPanel>
  )
}

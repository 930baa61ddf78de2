import { disclosuresEndpoints as ep, type RegularDefinitionList } from '@huoma/contract'
import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { ApiError, describeError, type ErrorText } from '../../api/client'
import { callApi, endpointPath, useEndpoint } from '../../api/endpoint'
import { ErrorAlert } from '../../components/Alert'
import { addDays, formatDate, formatDateRange, formatDateTime, parseFinnishDate, todayInHelsinki } from '../../lib/format'
import { can, useUser } from '../../session/context'

type Definition = RegularDefinitionList['definitions'][number]

/**
 * The regular disclosures Huoma produces (Kela's income support decisions): each one's latest runs — period, who
 * ran it, the clients carried and those left out, the file — and "run now" for an ended period.
 */
export function RegularRunsPanel() {
  const { t } = useTranslation()
  const list = useEndpoint(ep['disclosures.regularList'])
  // what the last run now said and the period typed, kept here: the list reloads after a run (and the definitions'
  // parts with it)
  const [notes, setNotes] = useState<Record<string, string>>({})
  const yesterday = formatDate(addDays(todayInHelsinki(), -1))
  const [periods, setPeriods] = useState<Record<string, { start: string; end: string }>>({})
  if (list.status !== 'success') return null
  const produced = list.data.definitions.filter((d) => d.producer && d.active)
  if (!produced.length) return null
  return (
    <section aria-labelledby="regular-runs">
      <h2 id="regular-runs">{t('privacyNotice.runs.title')}</h2>
      <p>{t('privacyNotice.runs.intro')}</p>
      {produced.map((d) => (
        <DefinitionRuns
          key={d.id}
          definition={d}
          note={notes[d.id]}
          period={periods[d.id] ?? { start: yesterday, end: yesterday }}
          setPeriod={(period) => setPeriods({ ...periods, [d.id]: period })}
          onRun={(note) => {
            setNotes({ ...notes, [d.id]: note })
            list.reload()
          }}
        />
      ))}
    </section>
  )
}

function DefinitionRuns({
  definition: d,
  note,
  onRun,
  period: { start, end },
  setPeriod,
}: {
  definition: Definition
  note: string | undefined
  onRun: (note: string) => void
  period: { start: string; end: string }
  setPeriod: (period: { start: string; end: string }) => void
}) {
  const { t } = useTranslation()
  const user = useUser()
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<{ text: ErrorText; messages: string[] }>()

  async function runNow(event: FormEvent) {
    event.preventDefault()
    const periodStart = parseFinnishDate(start)
    const periodEnd = parseFinnishDate(end)
    if (!periodStart || !periodEnd) {
      setError({ text: { title: t('privacyNotice.runs.badDate') }, messages: [] })
      return
    }
    setBusy(true)
    try {
      const out = await callApi(ep['disclosures.regularRun'], { params: { definitionId: d.id }, body: { periodStart, periodEnd } })
      const period = formatDateRange(out.run.periodStart, out.run.periodEnd)
      setError(undefined)
      onRun(out.alreadyRan ? t('privacyNotice.runs.alreadyRan', { period }) : t('privacyNotice.runs.done', { period, count: out.run.included }))
    } catch (e) {
      setError({ text: describeError(e), messages: e instanceof ApiError ? (e.problem.errors ?? []).map((x) => x.message) : [] })
    } finally {
      setBusy(false)
    }
  }

  const heading = `${d.recipientFi}: ${d.producer ? t(`privacyNotice.runs.producers.${d.producer}`) : ''}`
  return (
    <div className="regular-runs">
      <h3>{heading}</h3>
      {d.runs.length === 0 ? (
        <p>{t('privacyNotice.runs.none')}</p>
      ) : (
        <table className="compact">
          <thead>
            <tr>
              <th scope="col">{t('privacyNotice.runs.period')}</th>
              <th scope="col">{t('privacyNotice.runs.ranAt')}</th>
              <th scope="col">{t('privacyNotice.runs.by')}</th>
              <th scope="col">{t('privacyNotice.runs.included')}</th>
              <th scope="col">{t('privacyNotice.runs.leftOut')}</th>
              <th scope="col">{t('privacyNotice.runs.file')}</th>
            </tr>
          </thead>
          <tbody>
            {d.runs.map((r) => (
              <tr key={r.id}>
                <td>{formatDateRange(r.periodStart, r.periodEnd)}</td>
                <td>{formatDateTime(r.ranAt)}</td>
                <td>{r.trigger === 'job' ? t('privacyNotice.runs.job') : r.runBy}</td>
                <td>{r.included}</td>
                <td>{t('privacyNotice.runs.leftOutText', { restricted: r.leftOutRestricted, banned: r.leftOutBanned, noIdentity: r.leftOutNoIdentity })}</td>
                <td>
                  {can(user, 'disclosures:regular-file') && (
                    <a href={endpointPath(ep['disclosures.regularFile'], { params: { definitionId: d.id, runId: r.id } })} download={r.fileName}>
                      {r.fileName}
                    </a>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {can(user, 'disclosures:regular-run') && (
        <form onSubmit={(e) => void runNow(e)} className="form-grid">
          <ErrorAlert error={error?.text} messages={error?.messages} />
          {note && <p role="status">{note}</p>}
          <label htmlFor={`rr-start-${d.id}`}>{t('privacyNotice.runs.start')}</label>
          <input id={`rr-start-${d.id}`} value={start} onChange={(e) => setPeriod({ start: e.target.value, end })} inputMode="numeric" />
          <label htmlFor={`rr-end-${d.id}`}>{t('privacyNotice.runs.end')}</label>
          <input id={`rr-end-${d.id}`} value={end} onChange={(e) => setPeriod({ start, end: e.target.value })} inputMode="numeric" />
          <button type="submit" className="button button-primary" disabled={busy}>
            {busy ? t('privacyNotice.runs.running') : t('privacyNotice.runs.runNow')}
          </button>
        </form>
      )}
    </div>
  )
}

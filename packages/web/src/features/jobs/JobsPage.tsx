import type { JobList, JobRunView, JobView } from '@huoma/contract'
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { describeError, type ErrorText } from '../../api/client'
import { ErrorAlert } from '../../components/Alert'
import { Page } from '../../components/Page'
import { isUiLanguage } from '../../lib/language'
import { can, useUser } from '../../session/context'
import { formatDateTime } from '../../lib/format'
import { jobsApi } from './api'
import './jobs.css'

/** While a job runs, the list is read again this often (ms), so its end shows without a reload. */
const RUNNING_REFRESH_MS = 2000

/**
 * Ajastetut tehtävät (action `jobs:read`): the scheduled jobs — the audit sealer, the population-register sync,
 * Kela's import, … — with each one's last run and outcome (a failure in words and colour, with its error), the next
 * run, and for `jobs:run` a button that runs a job now, once. Times in Helsinki time.
 */
export function JobsPage() {
  const { t, i18n } = useTranslation()
  const user = useUser()
  const lang = isUiLanguage(i18n.language) ? i18n.language : 'fi'
  const mayRun = can(user, 'jobs:run')
  const [round, setRound] = useState(0)
  const [list, setList] = useState<{ data?: JobList; error?: ErrorText }>({})
  const [starting, setStarting] = useState<string>()
  const [notice, setNotice] = useState<string>()
  const [runError, setRunError] = useState<ErrorText>()

  useEffect(() => {
    const controller = new AbortController()
    jobsApi.list({ signal: controller.signal }).then(
      (data) => setList({ data }),
      (error: unknown) => {
        if (!controller.signal.aborted) setList((current) => ({ ...current, error: describeError(error) }))
      },
    )
    return () => controller.abort()
  }, [round])

  const running = list.data?.jobs.some((job) => job.runningNow) ?? false
  useEffect(() => {
    if (!running) return
    const timer = setTimeout(() => setRound((n) => n + 1), RUNNING_REFRESH_MS)
    return () => clearTimeout(timer)
  }, [running, list.data])

  async function runNow(job: JobView) {
    setStarting(job.name)
    setRunError(undefined)
    setNotice(undefined)
    try {
      await jobsApi.runNow(job.name)
      setNotice(t('jobs.started', { job: job.title[lang] }))
      setRound((n) => n + 1)
    } catch (error) {
      setRunError(describeError(error))
    } finally {
      setStarting(undefined)
    }
  }

  return (
    <Page title={t('jobs.title')}>
      <p className="lead">{t('jobs.intro')}</p>
      <div role="status" className="status-region">
        {notice && <p className="notice">{notice}</p>}
      </div>
      <ErrorAlert error={runError ?? list.error} />
      {!list.data && !list.error && <p>{t('jobs.loading')}</p>}
      {list.data && (
        <table className="jobs-table">
          <caption>
            {t('jobs.caption')} <span className="job-note">{t('jobs.timeZone')}</span>
          </caption>
          <thead>
            <tr>
              <th scope="col">{t('jobs.columns.job')}</th>
              <th scope="col">{t('jobs.columns.schedule')}</th>
              <th scope="col">{t('jobs.columns.lastRun')}</th>
              <th scope="col">{t('jobs.columns.outcome')}</th>
              <th scope="col">{t('jobs.columns.nextRun')}</th>
              {mayRun && (
                <th scope="col">
                  <span className="visually-hidden">{t('jobs.columns.actions')}</span>
                </th>
              )}
            </tr>
          </thead>
          <tbody>
            {list.data.jobs.map((job) => (
              <JobRow key={job.name} job={job} lang={lang} mayRun={mayRun} starting={starting === job.name} onRun={() => void runNow(job)} />
            ))}
          </tbody>
        </table>
      )}
    </Page>
  )
}

function JobRow({ job, lang, mayRun, starting, onRun }: { job: JobView; lang: 'fi' | 'sv' | 'en'; mayRun: boolean; starting: boolean; onRun: () => void }) {
  const { t } = useTranslation()
  const last = job.lastRun
  const failing = job.consecutiveFailures > 0
  const lastFailed = last?.outcome === 'failure' || last?.outcome === 'abandoned'
  // The error to show: the last run's own, or while a failed job is being retried, the failure that made it so.
  const error = lastFailed ? last.error : failing ? (job.lastFailure?.error ?? null) : null
  return (
    <tr className={failing ? 'job-failing' : undefined}>
      <th scope="row">
        {job.title[lang]}
        <span className="job-name">{job.name}</span>
        <p className="job-note">{job.description[lang]}</p>
        {!job.scheduledHere && <p className="job-note">{t('jobs.notScheduledHere')}</p>}
      </th>
      <td>
        {job.scheduleText[lang]}
        {job.quiet && <p className="job-note">{t('jobs.quietNote')}</p>}
      </td>
      <td>
        {last ? (
          <>
            {formatDateTime(last.startedAt)}
            {last.trigger === 'manual' && <span className="job-note"> {t('jobs.byHand')}</span>}
          </>
        ) : (
          t('jobs.never')
        )}
      </td>
      <td>
        {last ? <OutcomeBadge outcome={last.outcome} /> : '–'}
        {last?.summary && <p className="job-summary">{last.summary}</p>}
        {error && (
          <p className="job-error">
            {t('jobs.errorLabel')} {error}
          </p>
        )}
        {failing && <p className="job-error">{t('jobs.failuresInRow', { count: job.consecutiveFailures })}</p>}
        {!failing && !lastFailed && job.lastFailure && (
          <p className="job-note">{t('jobs.earlierFailure', { time: formatDateTime(job.lastFailure.at), error: job.lastFailure.error })}</p>
        )}
      </td>
      <td>
        {job.quiet ? t('jobs.continuous') : job.nextRunAt ? formatDateTime(job.nextRunAt) : '–'}
        {job.retry && <p className="job-note">{t('jobs.retry', { attempt: job.retry.attempt, of: job.retry.of })}</p>}
      </td>
      {mayRun && (
        <td>
          <button type="button" className="button" disabled={job.runningNow || starting} aria-label={t('jobs.runNowLabel', { job: job.title[lang] })} onClick={onRun}>
            {starting ? t('jobs.starting') : t('jobs.runNow')}
          </button>
        </td>
      )}
    </tr>
  )
}

function OutcomeBadge({ outcome }: { outcome: JobRunView['outcome'] }) {
  const { t } = useTranslation()
  const style = { success: 'badge-ok', failure: 'badge-danger', running: 'badge-info', abandoned: 'badge-warning' }[outcome]
  return <span className={`badge ${style}`}>{t(`jobs.outcome.${outcome}`)}</span>
}

import { privacyEndpoints, type AuditLogEntry } from '@huoma/contract'
import { useEffect, useId, useRef, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { describeError, type ErrorText } from '../../api/client'
import { useEndpoint } from '../../api/endpoint'
import { ErrorAlert } from '../../components/Alert'
import { TextField } from '../../components/TextField'
import { auditApi, type LogFilters } from './api'
import { ClientIds } from './EntryCells'
import { ClientFinder } from './ClientFinder'
import { AUDIT_ACTIONS, AUDIT_OUTCOMES, useLabels, UUID_PATTERN } from './format'
import { formatDateTime } from '../../lib/format'

const EMPTY: LogFilters = { clientId: '', userId: '', from: '', to: '', event: '', action: '', outcome: '' }
const PAGE = 50
/** Events worth offering in the filter; any other code can be typed. */
const KNOWN_EVENTS = ['persons:read', 'persons:search', 'persons:break-glass', 'audit:read', 'audit:review', 'audit:client-report', 'auth:login-failure']

/** Lokihaku: filters, a results table newest first, and older pages on request. */
export function LogSearch({ onReportFor }: { onReportFor: (clientId: string) => void }) {
  const { t } = useTranslation()
  const labels = useLabels()
  const id = useId()
  const staff = useEndpoint(privacyEndpoints['privacy.staff'])
  const [filters, setFilters] = useState<LogFilters>(EMPTY)
  const [clientError, setClientError] = useState<string>()
  const [clientPending, setClientPending] = useState(false)
  const [result, setResult] = useState<{ entries: AuditLogEntry[]; nextBefore: number | null; applied: LogFilters }>()
  const [error, setError] = useState<ErrorText>()
  const [busy, setBusy] = useState(false)
  const clientInput = useRef<HTMLInputElement>(null)
  const resultsHeading = useRef<HTMLHeadingElement>(null)
  const focusResults = useRef(false)

  useEffect(() => {
    if (focusResults.current && result) {
      focusResults.current = false
      resultsHeading.current?.focus()
    }
  }, [result])

  async function run(applied: LogFilters, before?: number) {
    setBusy(true)
    setError(undefined)
    try {
      const page = await auditApi.searchLog(applied, before, PAGE)
      setResult((previous) => ({
        entries: before && previous ? [...previous.entries, ...page.entries] : page.entries,
        nextBefore: page.nextBefore,
        applied,
      }))
    } catch (failure) {
      setError(describeError(failure))
    } finally {
      setBusy(false)
    }
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    const clientId = filters.clientId.trim()
    if (clientPending || (clientId && !UUID_PATTERN.test(clientId))) {
      setClientError(t('audit.finder.choose'))
      clientInput.current?.focus()
      return
    }
    setClientError(undefined)
    focusResults.current = true
    void run({ ...filters, clientId })
  }

  function filterByClient(clientId: string) {
    const next = { ...EMPTY, clientId }
    setFilters(next)
    focusResults.current = true
    void run(next)
  }

  const set = (key: keyof LogFilters) => (event: { target: { value: string } }) => setFilters((f) => ({ ...f, [key]: event.target.value }))

  return (
    <section aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{t('audit.log.heading')}</h2>
      <p className="lead">{t('audit.log.intro')}</p>
      <form noValidate onSubmit={submit} className="filter-form" aria-label={t('audit.log.filters')}>
        <div className="filter-grid">
          <ClientFinder
            inputRef={clientInput}
            label={t('audit.finder.label')}
            value={filters.clientId}
            onChange={(chosen, pending) => {
              setFilters((f) => ({ ...f, clientId: chosen }))
              setClientPending(pending)
            }}
            error={clientError}
            className="filter-wide"
          />
          <div className="field">
            <label htmlFor={`${id}-user`}>{t('audit.log.user')}</label>
            <select id={`${id}-user`} value={filters.userId} onChange={set('userId')}>
              <option value="">{t('audit.log.anyUser')}</option>
              {staff.status === 'success' &&
                staff.data.users.map((u) => (
                  <option key={u.id} value={u.id}>
                    {u.displayName} ({u.username})
                  </option>
                ))}
            </select>
          </div>
          <TextField type="date" label={t('audit.log.from')} name="from" value={filters.from} onChange={set('from')} />
          <TextField type="date" label={t('audit.log.to')} name="to" value={filters.to} onChange={set('to')} />
          <div className="field">
            <label htmlFor={`${id}-event`}>{t('audit.log.event')}</label>
            <input
              id={`${id}-event`}
              list={`${id}-events`}
              value={filters.event}
              onChange={set('event')}
              spellCheck={false}
              autoComplete="off"
              aria-describedby={`${id}-event-hint`}
            />
            <datalist id={`${id}-events`}>
              {KNOWN_EVENTS.map((e) => (
                <option key={e} value={e} />
              ))}
            </datalist>
            <p id={`${id}-event-hint`} className="field-hint">
              {t('audit.log.eventHint')}
            </p>
          </div>
          <div className="field">
            <label htmlFor={`${id}-action`}>{t('audit.log.action')}</label>
            <select id={`${id}-action`} value={filters.action} onChange={set('action')}>
              <option value="">{t('audit.log.any')}</option>
              {AUDIT_ACTIONS.map((a) => (
                <option key={a} value={a}>
                  {labels.action(a)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={`${id}-outcome`}>{t('audit.log.outcome')}</label>
            <select id={`${id}-outcome`} value={filters.outcome} onChange={set('outcome')}>
              <option value="">{t('audit.log.any')}</option>
              {AUDIT_OUTCOMES.map((o) => (
                <option key={o} value={o}>
                  {labels.outcome(o)}
                </option>
              ))}
            </select>
          </div>
        </div>
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? t('audit.log.searching') : t('audit.log.submit')}
        </button>
      </form>
      <ErrorAlert error={error} />
      {result && (
        <div className="results">
          <h3 ref={resultsHeading} tabIndex={-1} id={`${id}-results`}>
            {t('audit.log.results')}
          </h3>
          <p role="status">{result.entries.length ? t('audit.log.count', { count: result.entries.length }) : t('audit.log.noResults')}</p>
          {result.entries.length > 0 && (
            <div className="table-scroll" role="region" aria-labelledby={`${id}-results`} tabIndex={0}>
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t('audit.common.when')}</th>
                    <th scope="col">{t('audit.common.who')}</th>
                    <th scope="col">{t('audit.common.role')}</th>
                    <th scope="col">{t('audit.common.client')}</th>
                    <th scope="col">{t('audit.common.dataGroup')}</th>
                    <th scope="col">{t('audit.common.action')}</th>
                    <th scope="col">{t('audit.common.basis')}</th>
                    <th scope="col">{t('audit.common.outcome')}</th>
                  </tr>
                </thead>
                <tbody>
                  {result.entries.map((e) => (
                    <tr key={e.id} className={e.outcome === 'success' ? undefined : 'row-refused'}>
                      <td className="nowrap">{formatDateTime(e.occurredAt)}</td>
                      <td>{e.userName ?? t('audit.common.system')}</td>
                      <td>{labels.role(e.roleCode)}</td>
                      <td>
                        <ClientIds
                          ids={e.clientIds}
                          actions={(clientId) => (
                            <span className="client-actions">
                              <button type="button" className="button-link" aria-label={t('audit.log.filterClient', { id: clientId })} onClick={() => filterByClient(clientId)}>
                                {t('audit.log.filterShort')}
                              </button>
                              <button type="button" className="button-link" aria-label={t('audit.log.reportFor', { id: clientId })} onClick={() => onReportFor(clientId)}>
                                {t('audit.log.reportShort')}
                              </button>
                            </span>
                          )}
                        />
                      </td>
                      <td>
                        <code>{e.dataGroup}</code>
                      </td>
                      <td>
                        {labels.action(e.action)}
                        <br />
                        <code className="muted">{e.event}</code>
                      </td>
                      <td>{labels.basis(e.basis)}</td>
                      <td>{labels.outcome(e.outcome)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {result.nextBefore !== null && (
            <button type="button" className="button" disabled={busy} onClick={() => void run(result.applied, result.nextBefore ?? undefined)}>
              {t('audit.log.more')}
            </button>
          )}
        </div>
      )}
    </section>
  )
}

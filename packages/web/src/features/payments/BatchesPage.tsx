import { paymentsEndpoints, type PaymentBatchSummary } from '@huoma/contract'
import { useId, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { useEndpoint } from '../../api/endpoint'
import { ErrorAlert } from '../../components/Alert'
import { Page } from '../../components/Page'
import { can, useUser } from '../../session/context'
import { accountingUrl } from './api'
import { BankImport } from './BankImport'
import { payLabel } from './labels'
import { TransferProgress } from './Progress'
import './payments.css'
import { formatBytes, formatDateRange, formatDateTime, todayInHelsinki } from '../../lib/format'
import { formatEuros } from '../../lib/money'
import { useDownload } from '../../api/download'

/** Maksuerät: the batches, newest first, with a way to a new one, the bank's feedback and the period's ledger. */
export function BatchesPage() {
  const { t } = useTranslation()
  const user = useUser()
  const list = useEndpoint(paymentsEndpoints['payments.listBatches'])
  return (
    <Page title={t('payments.batches.title')}>
      <p className="lead">{t('payments.batches.intro')}</p>
      <div className="pay-toolbar">
        {can(user, 'payments:preview') && can(user, 'payments:create') && (
          <Link className="button button-primary" to="/payments/new">
            {t('payments.batches.new')}
          </Link>
        )}
        {can(user, 'payments:batch-read') && <Link to="/payments/bank-returns">{t('nav.bankReturns')}</Link>}
        {/* Finance follows returns per batch (the page above); the per-client list is the handlers' worklist. */}
        {can(user, 'payments:returned') && !can(user, 'payments:batch-read') && (
          <Link to="/payments/returns">{t('payments.batches.returnsLink')}</Link>
        )}
      </div>
      <ErrorAlert error={list.status === 'error' ? list.error : undefined} />
      {list.status === 'loading' && <p className="muted">{t('payments.loading')}</p>}
      {list.status === 'success' && <BatchTable batches={list.data.batches} />}
      {can(user, 'payments:import') && (
        <section className="panel pay-panel" aria-labelledby="pay-list-import">
          <h2 id="pay-list-import">{t('payments.import.title')}</h2>
          <BankImport onImported={list.reload} />
        </section>
      )}
      {can(user, 'payments:accounting') && <PeriodExport />}
    </Page>
  )
}

export function BatchTable({ batches }: { batches: PaymentBatchSummary[] }) {
  const { t } = useTranslation()
  const id = useId()
  if (batches.length === 0) return <p className="muted">{t('payments.batches.empty')}</p>
  return (
    <div className="table-scroll" role="region" aria-labelledby={`${id}-caption`} tabIndex={0}>
      <table className="pay-table pay-batches">
        <caption id={`${id}-caption`}>{t('payments.batches.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('payments.columns.batch')}</th>
            <th scope="col">{t('payments.columns.state')}</th>
            <th scope="col">{t('payments.columns.dueRange')}</th>
            <th scope="col">{t('payments.columns.unit')}</th>
            <th scope="col" className="num">
              {t('payments.columns.count')}
            </th>
            <th scope="col" className="num">
              {t('payments.columns.total')}
            </th>
            <th scope="col">{t('payments.columns.createdBy')}</th>
            <th scope="col">{t('payments.columns.approvedBy')}</th>
          </tr>
        </thead>
        <tbody>
          {batches.map((b) => (
            <tr key={b.id}>
              <th scope="row">
                <Link to={`/payments/batches/${b.id}`}>{t('payments.batches.batchLink', { number: b.number })}</Link>
              </th>
              <td>
                <span className={`badge pay-state pay-state-${b.state}`}>{payLabel(t, 'batchStates', b.state)}</span>
                {b.canApprove && <span className="pay-awaits">{t('payments.batches.awaitsYou')}</span>}
              </td>
              <td>{formatDateRange(b.dueFrom, b.dueTo)}</td>
              <td>{b.unitName ?? t('payments.allUnits')}</td>
              <td className="num">{b.count}</td>
              <td className="num">{formatEuros(b.totalCents)}</td>
              <td>
                {b.createdBy.name}
                <span className="pay-sub">{formatDateTime(b.createdAt)}</span>
              </td>
              <td>
                {b.approvedBy ? (
                  <>
                    {b.approvedBy.name}
                    <span className="pay-sub">{formatDateTime(b.approvedAt)}</span>
                  </>
                ) : (
                  '–'
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}

/** The accounting entries of a period (by execution date) as CSV or JSON. */
function PeriodExport() {
  const { t } = useTranslation()
  const id = useId()
  const today = todayInHelsinki()
  const [from, setFrom] = useState(`${today.slice(0, 8)}01`)
  const [to, setTo] = useState(today)
  const [format, setFormat] = useState<'csv' | 'json'>('csv')
  const [invalid, setInvalid] = useState(false)
  const { state, start } = useDownload()

  function submit(event: FormEvent) {
    event.preventDefault()
    if (!from || !to || from > to) {
      setInvalid(true)
      return
    }
    setInvalid(false)
    void start(accountingUrl({ from, to, format }), `kirjanpito-${from}-${to}.${format}`)
  }

  return (
    <section className="panel pay-panel" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{t('payments.accounting.periodTitle')}</h2>
      <p>{t('payments.accounting.periodHint')}</p>
      <form className="pay-form-row" onSubmit={submit} noValidate>
        <div className={invalid ? 'field field-invalid' : 'field'}>
          <label htmlFor={`${id}-from`}>{t('payments.accounting.from')}</label>
          <input id={`${id}-from`} type="date" value={from} onChange={(e) => setFrom(e.target.value)} aria-invalid={invalid || undefined} aria-describedby={invalid ? `${id}-error` : undefined} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-to`}>{t('payments.accounting.to')}</label>
          <input id={`${id}-to`} type="date" value={to} onChange={(e) => setTo(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-format`}>{t('payments.accounting.format')}</label>
          <select id={`${id}-format`} value={format} onChange={(e) => setFormat(e.target.value as 'csv' | 'json')}>
            <option value="csv">CSV</option>
            <option value="json">JSON</option>
          </select>
        </div>
        <button type="submit" className="button" disabled={state.status === 'running'}>
          {t('payments.accounting.download')}
        </button>
      </form>
      {invalid && (
        <p id={`${id}-error`} className="field-error">
          {t('payments.rangeInvalid')}
        </p>
      )}
      <div role="status" className="status-region pay-status">
        {state.status === 'running' && <TransferProgress label={t('payments.accounting.downloading')} progress={state.progress} />}
        {state.status === 'done' && <p className="notice">{t('payments.accounting.done', { name: state.fileName, size: formatBytes(state.bytes) })}</p>}
      </div>
      <ErrorAlert error={state.status === 'error' ? state.error : undefined} />
    </section>
  )
}

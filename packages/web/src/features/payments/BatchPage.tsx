import type { PaymentBatch, PaymentItem, Pain001VersionName } from '@huoma/contract'
import { useCallback, useEffect, useId, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useLocation, useParams } from 'react-router'
import { describeError, type ErrorText } from '../../api/client'
import { ErrorAlert } from '../../components/Alert'
import { Page } from '../../components/Page'
import { can, useUser } from '../../session/context'
import { accountingUrl, approveBatch, cancelBatch, fetchBatch, pain001Url } from './api'
import { BankImport } from './BankImport'
import { itemStateLabel, payLabel, reasonInWords } from './labels'
import { MaskedIban } from './MaskedIban'
import { TransferProgress } from './Progress'
import './payments.css'
import { formatBytes, formatDate, formatDateRange, formatDateTime } from '../../lib/format'
import { formatEuros } from '../../lib/money'
import { useDownload } from '../../api/download'
import { ConfirmDialog } from '../../components/ConfirmDialog'

/** States in which the batch is still before the bank: the file is not yet written. */
const BEFORE_FILE = new Set(['draft', 'cancelled'])
const CANCELLABLE = new Set(['draft', 'approved'])

/**
 * A payment batch: its facts and payments, the second person's approval, the pain.001 file for the bank (streamed,
 * its progress shown), the bank's feedback (pain.002, camt.054) and the accounting export.
 */
export function BatchPage() {
  const { t } = useTranslation()
  const { batchId = '' } = useParams()
  const location = useLocation()
  const batch = useBatch(batchId)
  const created = (location.state as { created?: boolean } | null)?.created === true
  const title = batch.data ? t('payments.batch.title', { number: batch.data.number }) : t('payments.batch.titleLoading')
  return (
    <Page title={title}>
      <p>
        <Link to="/payments">{t('payments.batch.back')}</Link>
      </p>
      <ErrorAlert error={batch.error} />
      {!batch.data && !batch.error && <p className="muted">{t('payments.loading')}</p>}
      {batch.data && <BatchView key={batch.data.id} batch={batch.data} created={created} reload={batch.reload} />}
    </Page>
  )
}

/**
 * The batch, fetched again on `reload` while the page keeps showing what it has: the messages of an approval, a
 * download or an import stay on screen as the batch's new state arrives.
 */
function useBatch(batchId: string) {
  const [round, setRound] = useState(0)
  const [state, setState] = useState<{ batchId: string; data?: PaymentBatch; error?: ErrorText }>({ batchId })
  useEffect(() => {
    const controller = new AbortController()
    fetchBatch(batchId, controller.signal).then(
      (data) => setState({ batchId, data }),
      (failure: unknown) => {
        if (!controller.signal.aborted) setState((s) => ({ ...(s.batchId === batchId ? s : { batchId }), error: describeError(failure) }))
      },
    )
    return () => controller.abort()
  }, [batchId, round])
  const reload = useCallback(() => setRound((n) => n + 1), [])
  const current = state.batchId === batchId ? state : { batchId }
  return { data: current.data, error: current.error, reload }
}

export function BatchView({ batch, created = false, reload }: { batch: PaymentBatch; created?: boolean; reload: () => void }) {
  const { t } = useTranslation()
  const user = useUser()
  const [notice, setNotice] = useState<string | undefined>(created ? t('payments.batch.created') : undefined)
  const [error, setError] = useState<ErrorText>()
  const [busy, setBusy] = useState<'approve' | 'cancel'>()
  const [confirmCancel, setConfirmCancel] = useState(false)
  const [confirmApprove, setConfirmApprove] = useState(false)
  const noticeRef = useRef<HTMLParagraphElement>(null)
  const focusNotice = useRef(false)
  useEffect(() => {
    // After an approval or a cancellation the button is gone: the focus goes to what happened instead of the page.
    if (focusNotice.current && notice) {
      noticeRef.current?.focus()
      focusNotice.current = false
    }
  }, [notice])
  const mine = batch.createdBy.id === user.id
  const mayApprove = batch.state === 'draft' && batch.canApprove && !mine && can(user, 'payments:approve')

  async function approve() {
    setConfirmApprove(false)
    setBusy('approve')
    setError(undefined)
    setNotice(undefined)
    try {
      await approveBatch(batch)
      setNotice(t('payments.batch.approved'))
      focusNotice.current = true
      reload()
    } catch (failure) {
      setError(describeError(failure))
      reload()
    } finally {
      setBusy(undefined)
    }
  }

  async function cancel() {
    setBusy('cancel')
    setError(undefined)
    setNotice(undefined)
    try {
      await cancelBatch(batch)
      setNotice(t('payments.batch.cancelled'))
      focusNotice.current = true
      setConfirmCancel(false)
      reload()
    } catch (failure) {
      setError(describeError(failure))
    } finally {
      setBusy(undefined)
    }
  }

  return (
    <>
      <div role="status" className="status-region">
        {notice && (
          <p className="notice" ref={noticeRef} tabIndex={-1}>
            {notice}
          </p>
        )}
      </div>
      <ErrorAlert error={error} />
      <BatchFacts batch={batch} />

      {confirmApprove && (
        <ConfirmDialog
          title={t('payments.batch.approveTitle', { number: batch.number })}
          confirmLabel={t('payments.batch.approveConfirm', { count: batch.count, total: formatEuros(batch.totalCents) })}
          busy={busy !== undefined}
          onConfirm={() => void approve()}
          onCancel={() => setConfirmApprove(false)}
        >
          <p>{t('payments.batch.approveWhat', { count: batch.count, total: formatEuros(batch.totalCents), range: formatDateRange(batch.dueFrom, batch.dueTo) })}</p>
          <p className="confirm-warning">{t('payments.batch.approveEffect')}</p>
        </ConfirmDialog>
      )}
      <section className="panel pay-panel" aria-labelledby="pay-approval-heading">
        <h2 id="pay-approval-heading">{t('payments.batch.approvalTitle')}</h2>
        {batch.approvedBy ? (
          <p>{t('payments.batch.approvedBy', { name: batch.approvedBy.name, time: formatDateTime(batch.approvedAt) })}</p>
        ) : batch.state === 'draft' ? (
          <>
            <p>{t('payments.batch.twoPersonRule')}</p>
            {mine && <p className="pay-own-batch">{t('payments.batch.ownBatch')}</p>}
            {!mine && !mayApprove && <p className="muted">{t('payments.batch.mayNotApprove')}</p>}
            {mayApprove && (
              <button type="button" className="button button-primary" disabled={busy !== undefined} onClick={() => setConfirmApprove(true)}>
                {busy === 'approve' ? t('payments.batch.approving') : t('payments.batch.approve')}
              </button>
            )}
          </>
        ) : (
          <p className="muted">{t('payments.batch.notApproved')}</p>
        )}
        {CANCELLABLE.has(batch.state) && can(user, 'payments:cancel') && (
          <div className="pay-cancel">
            {!confirmCancel ? (
              <button type="button" className="button" disabled={busy !== undefined} onClick={() => setConfirmCancel(true)}>
                {t('payments.batch.cancel')}
              </button>
            ) : (
              <>
                <p>{t('payments.batch.cancelConfirmText')}</p>
                <button type="button" className="button button-danger" disabled={busy !== undefined} onClick={() => void cancel()}>
                  {busy === 'cancel' ? t('payments.batch.cancelling') : t('payments.batch.cancelConfirm')}
                </button>{' '}
                <button type="button" className="button" onClick={() => setConfirmCancel(false)}>
                  {t('payments.batch.cancelKeep')}
                </button>
              </>
            )}
          </div>
        )}
      </section>

      {!BEFORE_FILE.has(batch.state) && can(user, 'payments:file') && (
        <BankFile
          batch={batch}
          onDownloaded={() => {
            setNotice(undefined)
            reload()
          }}
        />
      )}
      {!BEFORE_FILE.has(batch.state) && batch.state !== 'approved' && can(user, 'payments:import') && (
        <section className="panel pay-panel" aria-labelledby="pay-import-heading">
          <h2 id="pay-import-heading">{t('payments.import.title')}</h2>
          <BankImport batchId={batch.id} onImported={reload} />
        </section>
      )}
      {!BEFORE_FILE.has(batch.state) && batch.state !== 'approved' && can(user, 'payments:accounting') && <AccountingDownloads batch={batch} />}

      <PaymentsTable batch={batch} />
    </>
  )
}

function BatchFacts({ batch }: { batch: PaymentBatch }) {
  const { t } = useTranslation()
  const counts = (['pending', 'accepted', 'rejected', 'settled', 'returned'] as const).filter((s) => batch.items[s] > 0)
  return (
    <dl className="facts pay-facts">
      <dt>{t('payments.batch.state')}</dt>
      <dd>
        <span className={`badge pay-state pay-state-${batch.state}`}>{payLabel(t, 'batchStates', batch.state)}</span>
      </dd>
      <dt>{t('payments.batch.dueRange')}</dt>
      <dd>{formatDateRange(batch.dueFrom, batch.dueTo)}</dd>
      <dt>{t('payments.batch.unit')}</dt>
      <dd>{batch.unitName ?? t('payments.allUnits')}</dd>
      <dt>{t('payments.batch.count')}</dt>
      <dd>{batch.count}</dd>
      <dt>{t('payments.batch.total')}</dt>
      <dd data-testid="pay-batch-total">{formatEuros(batch.totalCents)}</dd>
      <dt>{t('payments.batch.createdBy')}</dt>
      <dd>{t('payments.batch.byAt', { name: batch.createdBy.name, time: formatDateTime(batch.createdAt) })}</dd>
      <dt>{t('payments.batch.approvedByLabel')}</dt>
      <dd>{batch.approvedBy ? t('payments.batch.byAt', { name: batch.approvedBy.name, time: formatDateTime(batch.approvedAt) }) : '–'}</dd>
      {batch.sentAt && (
        <>
          <dt>{t('payments.batch.sentAt')}</dt>
          <dd>{formatDateTime(batch.sentAt)}</dd>
        </>
      )}
      {batch.painVersion && (
        <>
          <dt>{t('payments.batch.fileVersion')}</dt>
          <dd>pain.{batch.painVersion}</dd>
        </>
      )}
      {batch.msgId && (
        <>
          <dt>{t('payments.batch.msgId')}</dt>
          <dd className="pay-mono">{batch.msgId}</dd>
        </>
      )}
      {batch.bankStatus && (
        <>
          <dt>{t('payments.batch.bankStatus')}</dt>
          <dd>{batch.bankStatus}</dd>
        </>
      )}
      {batch.cancelledAt && (
        <>
          <dt>{t('payments.batch.cancelledAt')}</dt>
          <dd>{formatDateTime(batch.cancelledAt)}</dd>
        </>
      )}
      {counts.length > 0 && (
        <>
          <dt>{t('payments.batch.itemStates')}</dt>
          <dd>{counts.map((s) => `${itemStateLabel(t, s, batch.state)} ${batch.items[s]}`).join(', ')}</dd>
        </>
      )}
    </dl>
  )
}

const VERSIONS: readonly Pain001VersionName[] = ['001.001.09', '001.001.03']

/** The pain.001 file: version 09 by default (03 on request) until the first download fixes it. */
function BankFile({ batch, onDownloaded }: { batch: PaymentBatch; onDownloaded: () => void }) {
  const { t } = useTranslation()
  const id = useId()
  const fixed = batch.painVersion
  const [version, setVersion] = useState<Pain001VersionName>(fixed ?? '001.001.09')
  const { state, start } = useDownload(onDownloaded)
  const chosen = fixed ?? version
  const first = batch.state === 'approved'
  const resultRef = useRef<HTMLParagraphElement>(null)
  useEffect(() => {
    if (state.status === 'done') resultRef.current?.focus()
  }, [state.status])

  return (
    <section className="panel pay-panel" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{t('payments.file.title')}</h2>
      <p>{first ? t('payments.file.firstHint') : t('payments.file.againHint')}</p>
      <fieldset className="pay-versions">
        <legend>{t('payments.file.version')}</legend>
        {VERSIONS.map((v) => (
          <label key={v} className="pay-radio">
            <input
              type="radio"
              name={`${id}-version`}
              value={v}
              checked={chosen === v}
              disabled={fixed !== null && fixed !== v}
              onChange={() => setVersion(v)}
            />{' '}
            {v === '001.001.09' ? t('payments.file.version09') : t('payments.file.version03')}
          </label>
        ))}
        {fixed && <p className="muted pay-hint">{t('payments.file.versionFixed', { version: fixed })}</p>}
      </fieldset>
      <button
        type="button"
        className="button button-primary"
        disabled={state.status === 'running'}
        onClick={() => void start(pain001Url(batch.id, chosen), `maksuerä-${batch.number}-pain.${chosen}.xml`)}
      >
        {state.status === 'running' ? t('payments.file.downloading') : t('payments.file.download')}
      </button>
      <div role="status" className="status-region pay-status">
        {state.status === 'running' && <TransferProgress label={t('payments.file.generating')} progress={state.progress} />}
        {state.status === 'done' && (
          <p className="notice" ref={resultRef} tabIndex={-1}>
            {t('payments.file.done', { name: state.fileName, size: formatBytes(state.bytes) })}
          </p>
        )}
      </div>
      <ErrorAlert error={state.status === 'error' ? state.error : undefined} />
    </section>
  )
}

function AccountingDownloads({ batch }: { batch: PaymentBatch }) {
  const { t } = useTranslation()
  const id = useId()
  const { state, start } = useDownload()
  return (
    <section className="panel pay-panel" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{t('payments.accounting.title')}</h2>
      <p>{t('payments.accounting.batchHint')}</p>
      <div className="pay-buttons">
        {(['csv', 'json'] as const).map((format) => (
          <button
            key={format}
            type="button"
            className="button"
            disabled={state.status === 'running'}
            onClick={() => void start(accountingUrl({ batchId: batch.id, format }), `kirjanpito-maksuerä-${batch.number}.${format}`)}
          >
            {format === 'csv' ? t('payments.accounting.csv') : t('payments.accounting.json')}
          </button>
        ))}
      </div>
      <div role="status" className="status-region pay-status">
        {state.status === 'running' && <TransferProgress label={t('payments.accounting.downloading')} progress={state.progress} />}
        {state.status === 'done' && <p className="notice">{t('payments.accounting.done', { name: state.fileName, size: formatBytes(state.bytes) })}</p>}
      </div>
      <ErrorAlert error={state.status === 'error' ? state.error : undefined} />
    </section>
  )
}

function referenceOrMessage(item: Pick<PaymentItem, 'reference' | 'message'>): string {
  return [item.reference, item.message].filter(Boolean).join(' / ') || '–'
}

export function PaymentsTable({ batch }: { batch: PaymentBatch }) {
  const { t } = useTranslation()
  const id = useId()
  if (batch.payments.length === 0) return <p className="muted">{t('payments.batch.noPayments')}</p>
  return (
    <div className="pay-section">
      <h2 id={`${id}-caption`}>{t('payments.batch.paymentsTitle')}</h2>
      <div className="table-scroll" role="region" aria-labelledby={`${id}-caption`} tabIndex={0}>
        <table className="pay-table">
          <thead>
            <tr>
              <th scope="col">{t('payments.columns.number')}</th>
              <th scope="col">{t('payments.columns.payee')}</th>
              <th scope="col">{t('payments.columns.account')}</th>
              <th scope="col" className="num">
                {t('payments.columns.amount')}
              </th>
              <th scope="col">{t('payments.columns.reference')}</th>
              <th scope="col">{t('payments.columns.dueOn')}</th>
              <th scope="col">{t('payments.columns.executionOn')}</th>
              <th scope="col">{t('payments.columns.status')}</th>
            </tr>
          </thead>
          <tbody>
            {batch.payments.map((p) => (
              <tr key={p.id}>
                <td className="num">{p.payableNumber}</td>
                <td>{p.payeeName}</td>
                <td>
                  <MaskedIban iban={p.iban} />
                </td>
                <td className="num">{formatEuros(p.amountCents)}</td>
                <td>{referenceOrMessage(p)}</td>
                <td>{formatDate(p.dueOn)}</td>
                <td>{formatDate(p.executionOn)}</td>
                <td>
                  <span className={`badge pay-item pay-item-${p.state}`}>{itemStateLabel(t, p.state, batch.state)}</span>
                  {(p.reasonCode || p.reasonText) && <span className="pay-reason">{reasonInWords(t, p.reasonCode, p.reasonText)}</span>}
                </td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row" colSpan={3}>
                {t('payments.batch.tableTotal', { count: batch.count })}
              </th>
              <td className="num" data-testid="pay-table-total">
                {formatEuros(batch.totalCents)}
              </td>
              <td colSpan={4} />
            </tr>
          </tfoot>
        </table>
      </div>
    </div>
  )
}

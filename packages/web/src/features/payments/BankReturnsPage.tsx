import type { PaymentBatch, PaymentItem } from '@huoma/contract'
import { useEffect, useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { describeError, type ErrorText } from '../../api/client'
import { ErrorAlert } from '../../components/Alert'
import { Page } from '../../components/Page'
import { fetchBatch, fetchBatches } from './api'
import { payLabel, reasonInWords } from './labels'
import { MaskedIban } from './MaskedIban'
import './payments.css'
import { formatDate } from '../../lib/format'
import { formatEuros } from '../../lib/money'

/** How many batches with returns or rejections are read (newest first). */
const MAX_BATCHES = 20

type Row = PaymentItem & { batchId: string; batchNumber: number }
type Load = { status: 'loading' } | { status: 'done'; rows: Row[]; truncated: boolean } | { status: 'error'; error: ErrorText }

/**
 * Palautukset ja hylkäykset, finance's view: the payments the bank rejected (pain.002) or returned (camt.054) in
 * the batches, with the bank's reason in words and its archive reference. Read from the batches that have any
 * (each read is the audited batch view); the handlers' own list of their clients is ReturnsPage.
 */
export function BankReturnsPage() {
  const { t } = useTranslation()
  const id = useId()
  const [load, setLoad] = useState<Load>({ status: 'loading' })

  useEffect(() => {
    const controller = new AbortController()
    const run = async () => {
      const { batches } = await fetchBatches(controller.signal)
      const affected = batches.filter((b) => b.items.returned + b.items.rejected > 0)
      const read: PaymentBatch[] = []
      for (const b of affected.slice(0, MAX_BATCHES)) read.push(await fetchBatch(b.id, controller.signal))
      const rows = read.flatMap((b) => b.payments.filter((p) => p.state === 'returned' || p.state === 'rejected').map((p) => ({ ...p, batchId: b.id, batchNumber: b.number })))
      return { rows, truncated: affected.length > MAX_BATCHES }
    }
    run().then(
      ({ rows, truncated }) => setLoad({ status: 'done', rows, truncated }),
      (failure: unknown) => {
        if (!controller.signal.aborted) setLoad({ status: 'error', error: describeError(failure) })
      },
    )
    return () => controller.abort()
  }, [])

  return (
    <Page title={t('payments.bankReturns.title')}>
      <p className="lead">{t('payments.bankReturns.intro')}</p>
      <ErrorAlert error={load.status === 'error' ? load.error : undefined} />
      {load.status === 'loading' && <p className="muted">{t('payments.loading')}</p>}
      {load.status === 'done' &&
        (load.rows.length === 0 ? (
          <p className="muted">{t('payments.bankReturns.empty')}</p>
        ) : (
          <>
            {load.truncated && <p className="notice">{t('payments.bankReturns.truncated', { count: MAX_BATCHES })}</p>}
            <div className="table-scroll" role="region" aria-labelledby={`${id}-caption`} tabIndex={0}>
              <table className="pay-table">
                <caption id={`${id}-caption`}>{t('payments.bankReturns.caption', { count: load.rows.length })}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('payments.columns.batch')}</th>
                    <th scope="col">{t('payments.columns.payee')}</th>
                    <th scope="col">{t('payments.columns.account')}</th>
                    <th scope="col" className="num">
                      {t('payments.columns.amount')}
                    </th>
                    <th scope="col">{t('payments.columns.dueOn')}</th>
                    <th scope="col">{t('payments.columns.status')}</th>
                    <th scope="col">{t('payments.columns.reason')}</th>
                    <th scope="col">{t('payments.columns.bankReference')}</th>
                  </tr>
                </thead>
                <tbody>
                  {load.rows.map((p) => (
                    <tr key={p.id}>
                      <td>
                        <Link to={`/payments/batches/${p.batchId}`}>{t('payments.batches.batchLink', { number: p.batchNumber })}</Link>
                      </td>
                      <td>
                        {p.payeeName}
                        <span className="pay-sub">{t('payments.returns.payable', { number: p.payableNumber })}</span>
                      </td>
                      <td>
                        <MaskedIban iban={p.iban} />
                      </td>
                      <td className="num">{formatEuros(p.amountCents)}</td>
                      <td>{formatDate(p.dueOn)}</td>
                      <td>
                        <span className={`badge pay-item pay-item-${p.state}`}>{payLabel(t, 'itemStates', p.state)}</span>
                      </td>
                      <td>{reasonInWords(t, p.reasonCode, p.reasonText)}</td>
                      <td className="pay-mono">{p.bankReference ?? '–'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        ))}
    </Page>
  )
}

import { paymentsEndpoints } from '@huoma/contract'
import { useId } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useSearchParams } from 'react-router'
import { useEndpoint } from '../../api/endpoint'
import { ErrorAlert } from '../../components/Alert'
import { Page } from '../../components/Page'
import { can, useUser } from '../../session/context'
import { payLabel, reasonInWords } from './labels'
import { serviceTaskName } from '../../lib/labels'
import { MaskedIban } from './MaskedIban'
import './payments.css'
import { formatDate } from '../../lib/format'
import { formatEuros } from '../../lib/money'

/**
 * Palautuneet maksut: payments the bank returned or rejected, for the clients the user may see (finance: all of
 * them), each with the bank's reason in words, so that the handler can correct the account and pay again.
 */
export function ReturnsPage() {
  const { t } = useTranslation()
  const user = useUser()
  const id = useId()
  const [params, setParams] = useSearchParams()
  const includeHandled = params.get('handled') === '1'
  const list = useEndpoint(paymentsEndpoints['payments.returned'], { query: includeHandled ? { includeHandled } : {} })
  const mayOpenBatch = can(user, 'payments:batch-read')
  // finance sees every return but opens no client cards
  const mayOpenClient = can(user, 'persons:card')
  return (
    <Page title={t('payments.returns.title')}>
      <p className="lead">{t('payments.returns.intro')}</p>
      <div className="pay-toolbar">
        <label className="pay-check">
          <input type="checkbox" checked={includeHandled} onChange={(e) => setParams(e.target.checked ? new URLSearchParams({ handled: '1' }) : new URLSearchParams())} />{' '}
          {t('payments.returns.includeHandled')}
        </label>
      </div>
      <ErrorAlert error={list.status === 'error' ? list.error : undefined} />
      {list.status === 'loading' && <p className="muted">{t('payments.loading')}</p>}
      {list.status === 'success' &&
        (list.data.payments.length === 0 ? (
          <p className="muted">{t('payments.returns.empty')}</p>
        ) : (
          <div className="table-scroll" role="region" aria-labelledby={`${id}-caption`} tabIndex={0}>
            <table className="pay-table">
              <caption id={`${id}-caption`}>{t('payments.returns.caption', { count: list.data.payments.length })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('payments.columns.payee')}</th>
                  <th scope="col">{t('payments.columns.account')}</th>
                  <th scope="col" className="num">
                    {t('payments.columns.amount')}
                  </th>
                  <th scope="col">{t('payments.columns.dueOn')}</th>
                  <th scope="col">{t('payments.columns.status')}</th>
                  <th scope="col">{t('payments.columns.reason')}</th>
                  <th scope="col">{t('payments.columns.serviceTask')}</th>
                  <th scope="col">{t('payments.columns.batch')}</th>
                  <th scope="col">{t('payments.columns.returnedOn')}</th>
                </tr>
              </thead>
              <tbody>
                {list.data.payments.map((p) => (
                  <tr key={p.payableId}>
                    <td>
                      {mayOpenClient ? <Link to={`/persons/${p.personId}`}>{p.payeeName}</Link> : p.payeeName}
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
                    <td>{serviceTaskName(t, p.serviceTask)}</td>
                    <td>
                      {mayOpenBatch ? (
                        <Link to={`/payments/batches/${p.batchId}`}>{t('payments.batches.batchLink', { number: p.batchNumber })}</Link>
                      ) : (
                        t('payments.batches.batchLink', { number: p.batchNumber })
                      )}
                    </td>
                    <td>{formatDate(p.returnedOn)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ))}
    </Page>
  )
}

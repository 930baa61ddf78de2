import { incomeSupportEndpoints as ep } from '@huoma/contract'
import { useTranslation } from 'react-i18next'
import { useEndpoint } from '../../api/endpoint'
import { FoldingPanel } from '../../components/FoldingPanel'
import type { PersonCardSectionProps } from '../../lib/feature'
import { formatDate } from '../../lib/format'
import { formatEuros } from '../../lib/money'
import './income-support.css'

/**
 * The client card's history of paid benefits (maksetut etuudet): every income support payment of the client — to
 * the client on a decision, to a provider against a payment commitment — with its decision, amount, state and the
 * bank's day, newest first (`GET /api/persons/:id/income-support/payments`, audited).
 */
export function ClientPaymentsSection({ card }: PersonCardSectionProps) {
  const { t } = useTranslation()
  const list = useEndpoint(ep['incomeSupport.clientPayments'], { params: { id: card.person.id } })
  return (
    <FoldingPanel panel="card:income-support-payments" className="card-section is-client-payments" title={t('incomeSupport.payments.title')}>
      <p className="muted">{t('incomeSupport.payments.intro')}</p>
      {list.status === 'loading' && <p className="muted">{t('incomeSupport.payments.loading')}</p>}
      {list.status === 'error' && <p className="muted">{list.error.title}</p>}
      {list.status === 'success' && list.data.payments.length === 0 && <p className="muted">{t('incomeSupport.payments.none')}</p>}
      {list.status === 'success' && list.data.payments.length > 0 && (
        <>
          {/* scrolls sideways on a narrow screen; focusable so that a keyboard can scroll it */}
          <div className="is-payments-scroll" tabIndex={0} role="group" aria-label={t('incomeSupport.payments.label')}>
            <table className="compact" aria-label={t('incomeSupport.payments.label')}>
              <thead>
                <tr>
                  <th scope="col">{t('incomeSupport.payments.due')}</th>
                  <th scope="col" className="num">
                    {t('incomeSupport.payments.amount')}
                  </th>
                  <th scope="col">{t('incomeSupport.payments.payee')}</th>
                  <th scope="col">{t('incomeSupport.payments.decision')}</th>
                  <th scope="col">{t('incomeSupport.payments.state')}</th>
                  <th scope="col">{t('incomeSupport.payments.paidOn')}</th>
                </tr>
              </thead>
              <tbody>
                {list.data.payments.map((p) => (
                  <tr key={p.id}>
                    <td>{formatDate(p.dueOn)}</td>
                    <td className="num">{formatEuros(p.amountCents)}</td>
                    <td>{p.payee.name}</td>
                    <td>
                      {p.decision ? t('incomeSupport.payments.decisionNumber', { number: p.decision.number }) : '–'}
                      {p.commitmentNumber !== null && `, ${t('incomeSupport.payments.commitmentNumber', { number: p.commitmentNumber })}`}
                    </td>
                    <td>
                      {t(`incomeSupport.payments.states.${p.state}`)}
                      {p.returnReason && `, ${t('incomeSupport.payments.returnedReason', { code: p.returnReason })}`}
                    </td>
                    <td>{formatDate(p.returnedOn ?? p.paidOn)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p>{t('incomeSupport.payments.paidTotal', { amount: formatEuros(list.data.paidTotalCents) })}</p>
        </>
      )}
    </FoldingPanel>
  )
}

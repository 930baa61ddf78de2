import type { Decision, DecisionSummary, NotificationInput } from '@huoma/contract'
import { incomeSupportRuleText } from '@huoma/domain'
import { useEffect, useId, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { describeError, type ErrorText } from '../../api/client'
import { ErrorAlert } from '../../components/Alert'
import { can, useUser } from '../../session/context'
import { commitmentPdfUrl, decisionPdfUrl, fetchDecision, recordNotification } from './api'
import { isLabel } from './labels'
import { formatDate, todayInHelsinki } from '../../lib/format'
import { isUiLanguage } from '../../lib/language'
import { formatEuros } from '../../lib/money'

/** The application's decisions, newest first, each with its items, payment commitments, PDFs and notification. */
export function DecisionsSection({ personId, decisions, onChanged }: { personId: string; decisions: readonly DecisionSummary[]; onChanged: () => void }) {
  const { t } = useTranslation()
  const id = useId()
  if (decisions.length === 0) return null
  const ordered = [...decisions].sort((a, b) => b.number - a.number)
  return (
    <section className="panel is-decisions" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} tabIndex={-1}>
        {t('incomeSupport.decisions.title')}
      </h2>
      {ordered.map((d) => (
        <DecisionCard key={`${d.id}-${d.notifiedOn ?? ''}`} personId={personId} summary={d} onChanged={onChanged} />
      ))}
    </section>
  )
}

type Load = { status: 'loading' } | { status: 'done'; decision: Decision } | { status: 'error'; error: ErrorText }

function DecisionCard({ personId, summary, onChanged }: { personId: string; summary: DecisionSummary; onChanged: () => void }) {
  const { t, i18n } = useTranslation()
  const lang = isUiLanguage(i18n.language) ? i18n.language : 'fi'
  const user = useUser()
  const id = useId()
  const [load, setLoad] = useState<Load>({ status: 'loading' })
  useEffect(() => {
    const controller = new AbortController()
    fetchDecision(personId, summary.id, controller.signal).then(
      (decision) => setLoad({ status: 'done', decision }),
      (error: unknown) => {
        if (!controller.signal.aborted) setLoad({ status: 'error', error: describeError(error) })
      },
    )
    return () => controller.abort()
  }, [personId, summary.id])
  const decision = load.status === 'done' ? load.decision : undefined
  const mayPrint = can(user, 'income-support:print')

  return (
    <article className="is-decision-card" aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`}>
        {t('incomeSupport.decisions.heading', { number: summary.number, date: formatDate(summary.decidedOn) })}
        {summary.correctedById && <span className="badge badge-muted">{t('incomeSupport.decisions.corrected')}</span>}
      </h3>
      <dl className="facts">
        <dt>{t('incomeSupport.decisions.outcome')}</dt>
        <dd>{isLabel(t, 'outcomes', summary.outcome)}</dd>
        <dt>{t('incomeSupport.decisions.granted')}</dt>
        <dd data-testid="is-decision-granted">{formatEuros(summary.grantedCents)}</dd>
        <dt>{t('incomeSupport.decisions.maker')}</dt>
        <dd>{summary.decisionMaker.name}</dd>
        <dt>{t('incomeSupport.decisions.language')}</dt>
        <dd>{t(`incomeSupport.decision.languages.${summary.language}`)}</dd>
        <dt>{t('incomeSupport.decisions.notified')}</dt>
        <dd>{summary.notifiedOn ? formatDate(summary.notifiedOn) : t('incomeSupport.decisions.notNotified')}</dd>
        {decision?.appealDeadline && (
          <>
            <dt>{t('incomeSupport.decisions.appealDeadline')}</dt>
            <dd>{formatDate(decision.appealDeadline)}</dd>
          </>
        )}
      </dl>
      {mayPrint && (
        <ul className="is-links">
          {(['fi', 'sv'] as const).map((l) => (
            <li key={l}>
              <a href={decisionPdfUrl(personId, summary.id, l)} download={`paatos-${summary.number}-${l}.pdf`}>
                {t('incomeSupport.decisions.pdf', { number: summary.number, language: t(`incomeSupport.decision.languages.${l}`) })}
              </a>
            </li>
          ))}
        </ul>
      )}
      <ErrorAlert error={load.status === 'error' ? load.error : undefined} />
      {decision && decision.items.length > 0 && (
        <table className="compact">
          <caption>{t('incomeSupport.decisions.items')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('incomeSupport.decisions.item')}</th>
              <th scope="col" className="num">
                {t('incomeSupport.decisions.claimed')}
              </th>
              <th scope="col" className="num">
                {t('incomeSupport.decisions.granted')}
              </th>
              <th scope="col">{t('incomeSupport.decisions.outcome')}</th>
              <th scope="col">{t('incomeSupport.decisions.reason')}</th>
            </tr>
          </thead>
          <tbody>
            {decision.items.map((item, i) => (
              <tr key={i}>
                <td>{item.kind === 'supplementary' ? isLabel(t, 'supplementaryTypes', item.code) : item.code}</td>
                <td className="num">{formatEuros(item.claimedCents)}</td>
                <td className="num">{formatEuros(item.grantedCents)}</td>
                <td>{isLabel(t, 'outcomes', item.outcome)}</td>
                <td>
                  {item.reason} <span className="muted">({incomeSupportRuleText(item.law, lang)})</span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {decision && decision.commitments.length > 0 && (
        <>
          <h4>{t('incomeSupport.decisions.commitments')}</h4>
          <ul className="is-links">
            {decision.commitments.map((c) => (
              <li key={c.id}>
                {t('incomeSupport.decisions.commitment', {
                  number: c.number,
                  provider: c.providerName,
                  kind: isLabel(t, 'providerKinds', c.providerKind),
                  amount: formatEuros(c.maxCents),
                  from: formatDate(c.validFrom),
                  until: formatDate(c.validUntil),
                })}{' '}
                {mayPrint && (
                  <a href={commitmentPdfUrl(personId, c.id)} download={`maksusitoumus-${c.number}.pdf`}>
                    {t('incomeSupport.decisions.commitmentPdf', { number: c.number })}
                  </a>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
      {decision && decision.payables.length > 0 && (
        <table className="compact">
          <caption>{t('incomeSupport.decisions.payables')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('incomeSupport.decisions.payee')}</th>
              <th scope="col" className="num">
                {t('incomeSupport.calculation.amount')}
              </th>
              <th scope="col">{t('incomeSupport.decisions.dueOn')}</th>
              <th scope="col">{t('incomeSupport.decisions.reference')}</th>
            </tr>
          </thead>
          <tbody>
            {decision.payables.map((p) => (
              <tr key={p.id}>
                <td>{p.payeeName}</td>
                <td className="num">{formatEuros(p.amountCents)}</td>
                <td>{formatDate(p.dueOn)}</td>
                <td className="mono">{p.reference ?? '–'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {!summary.notifiedOn && can(user, 'income-support:notify') && <NotificationForm personId={personId} decisionId={summary.id} onSaved={onChanged} />}
    </article>
  )
}

const METHODS: NotificationInput['method'][] = ['post', 'in_person', 'electronic']

function NotificationForm({ personId, decisionId, onSaved }: { personId: string; decisionId: string; onSaved: () => void }) {
  const { t } = useTranslation()
  const id = useId()
  const [notifiedOn, setNotifiedOn] = useState(todayInHelsinki())
  const [method, setMethod] = useState<NotificationInput['method']>('post')
  const [error, setError] = useState<ErrorText>()
  const [busy, setBusy] = useState(false)

  async function submit(event: FormEvent) {
    event.preventDefault()
    setBusy(true)
    setError(undefined)
    try {
      await recordNotification(personId, decisionId, { notifiedOn, method })
      onSaved()
    } catch (failure) {
      setError(describeError(failure))
      setBusy(false)
    }
  }

  return (
    <form className="form is-row is-notification" onSubmit={(e) => void submit(e)} aria-label={t('incomeSupport.decisions.notifyTitle')}>
      <div className="field">
        <label htmlFor={`${id}-date`}>{t('incomeSupport.decisions.notifiedOn')}</label>
        <input id={`${id}-date`} type="date" value={notifiedOn} onChange={(e) => setNotifiedOn(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-method`}>{t('incomeSupport.decisions.method')}</label>
        <select id={`${id}-method`} value={method} onChange={(e) => setMethod(e.target.value as NotificationInput['method'])}>
          {METHODS.map((m) => (
            <option key={m} value={m}>
              {isLabel(t, 'notificationMethods', m)}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" className="button" disabled={busy}>
        {t('incomeSupport.decisions.notify')}
      </button>
      <ErrorAlert error={error} />
    </form>
  )
}

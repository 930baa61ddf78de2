import type { Reconciliation } from '@huoma/contract'
import { useEffect, useId, useRef, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { ApiError, describeError, type ErrorText } from '../../api/client'
import { ErrorAlert } from '../../components/Alert'
import { Page } from '../../components/Page'
import { TextField } from '../../components/TextField'
import { ConfirmDialog } from '../../components/ConfirmDialog'
import { fetchReconciliation, reconcileMonth } from './api'
import './client-accounts.css'
import { addMonths, formatDate, formatDateTime, todayInHelsinki } from '../../lib/format'
import { type FieldErrors, fieldErrorsOf, otherMessages } from '../../lib/fieldErrors'
import { formatEuros, parseSignedEuros } from '../../lib/money'
import { serviceTaskName } from '../../lib/labels'

/** `2030-01` → `2029-12`. */
export function previousMonth(month: string): string {
  return addMonths(`${month}-01`, -1).slice(0, 7)
}

/** `2030-01` → `1/2030`. */
const monthName = (month: string) => {
  const [y, m] = month.split('-')
  return `${Number(m)}/${y}`
}

type Load = { status: 'loading' } | { status: 'done'; view: Reconciliation } | { status: 'error'; error: ErrorText }

/**
 * Asiakasvarojen täsmäytys (/client-accounts/reconciliation): finance compares the ledger — every client account's
 * balance at the end of a month — with the balance of the collective client-funds bank account, and records it. A
 * difference of zero closes the month (nothing can be dated in it any more); otherwise the month stays open and the
 * record tells what was found.
 */
export function ReconciliationPage() {
  const { t } = useTranslation()
  const id = useId()
  const thisMonth = todayInHelsinki().slice(0, 7)
  const [month, setMonth] = useState(previousMonth(thisMonth))
  const [load, setLoad] = useState<{ key: string; state: Load }>()
  const [bank, setBank] = useState('')
  const [note, setNote] = useState('')
  const [errors, setErrors] = useState<FieldErrors>({})
  const [failure, setFailure] = useState<{ text: ErrorText; messages: string[] }>()
  const [notice, setNotice] = useState('')
  const [saving, setSaving] = useState(false)
  const [confirming, setConfirming] = useState(false)
  const noticeRef = useRef<HTMLParagraphElement>(null)
  const valid = /^\d{4}-(0[1-9]|1[0-2])$/.test(month)
  const key = month

  useEffect(() => {
    if (!valid) return
    const controller = new AbortController()
    fetchReconciliation(month, controller.signal).then(
      (view) => setLoad({ key, state: { status: 'done', view } }),
      (error: unknown) => {
        if (!controller.signal.aborted) setLoad({ key, state: { status: 'error', error: describeError(error) } })
      },
    )
    return () => controller.abort()
  }, [month, valid, key])

  useEffect(() => {
    if (notice) noticeRef.current?.focus()
  }, [notice])

  const state: Load = load?.key === key ? load.state : { status: 'loading' }
  const view = state.status === 'done' ? state.view : undefined
  const bankCents = parseSignedEuros(bank)
  const ended = month < thisMonth

  // The figure is checked first; then a dialog says what recording it does (closes the month, or records a difference
  // for good) and warns of a negative bank balance; only its button records.
  function submit(event: FormEvent) {
    event.preventDefault()
    setNotice('')
    setFailure(undefined)
    if (bankCents === null) {
      setErrors({ bankBalanceCents: t('clientAccounts.reconciliation.bankInvalid') })
      return
    }
    setErrors({})
    setConfirming(true)
  }

  async function record() {
    setConfirming(false)
    if (bankCents === null) return
    setSaving(true)
    try {
      const next = await reconcileMonth({ month, bankBalanceCents: bankCents, ...(note.trim() ? { note: note.trim() } : {}) })
      const last = next.history.at(-1)
      setLoad({ key, state: { status: 'done', view: next } })
      setBank('')
      setNote('')
      setNotice(
        next.closed
          ? t('clientAccounts.reconciliation.closedNow', { month: monthName(month) })
          : t('clientAccounts.reconciliation.recordedDifference', { difference: formatEuros(last?.differenceCents ?? 0) }),
      )
    } catch (error) {
      const byField = fieldErrorsOf(error instanceof ApiError ? error.problem : undefined)
      setErrors(byField)
      setFailure({ text: describeError(error), messages: otherMessages(byField, new Set(['month', 'bankBalanceCents', 'note'])) })
    } finally {
      setSaving(false)
    }
  }

  return (
    <Page title={t('clientAccounts.reconciliation.title')}>
      <div className="ca-page">
        <p className="lead">{t('clientAccounts.reconciliation.intro')}</p>
        <div className="ca-statement">
          <TextField
            label={t('clientAccounts.reconciliation.month')}
            type="month"
            value={month}
            max={thisMonth}
            error={errors.month}
            onChange={(e) => {
              setMonth(e.target.value)
              setErrors({})
              setFailure(undefined)
              setNotice('')
            }}
          />
        </div>
        <p role="status" className="notice" ref={noticeRef} tabIndex={-1}>
          {notice}
        </p>
        {!valid && <p className="muted">{t('clientAccounts.reconciliation.chooseMonth')}</p>}
        {valid && state.status === 'loading' && <p className="muted">{t('clientAccounts.loading')}</p>}
        {valid && state.status === 'error' && <ErrorAlert error={state.error} />}
        {view && (
          <>
            <section aria-labelledby={`${id}-summary`}>
              <h2 id={`${id}-summary`}>{t('clientAccounts.reconciliation.summary', { month: monthName(view.month) })}</h2>
              <dl className="ca-summary">
                <dt>{t('clientAccounts.reconciliation.ledger', { date: formatDate(view.monthEnd) })}</dt>
                <dd className="ca-balance" data-testid="ca-ledger">
                  {formatEuros(view.ledgerCents)}
                </dd>
                <dt>{t('clientAccounts.reconciliation.accountCount')}</dt>
                <dd>{view.accounts.length}</dd>
                <dt>{t('clientAccounts.reconciliation.state')}</dt>
                <dd data-testid="ca-month-state">{view.closed ? t('clientAccounts.reconciliation.closed') : t('clientAccounts.reconciliation.open')}</dd>
              </dl>
            </section>

            {!view.closed && ended && (
              <section aria-labelledby={`${id}-form`}>
                <h2 id={`${id}-form`}>{t('clientAccounts.reconciliation.formTitle')}</h2>
                <form className="ca-form" onSubmit={submit} noValidate>
                  <TextField
                    label={t('clientAccounts.reconciliation.bank', { date: formatDate(view.monthEnd) })}
                    value={bank}
                    inputMode="decimal"
                    required
                    error={errors.bankBalanceCents}
                    onChange={(e) => setBank(e.target.value)}
                  />
                  <p className="muted" data-testid="ca-difference" aria-live="polite">
                    {bankCents === null
                      ? t('clientAccounts.reconciliation.differenceHint')
                      : t('clientAccounts.reconciliation.differenceIs', { difference: formatEuros(bankCents - view.ledgerCents) })}
                  </p>
                  <div className={errors.note ? 'field field-invalid' : 'field'}>
                    <label htmlFor={`${id}-note`}>{t('clientAccounts.reconciliation.note')}</label>
                    <textarea
                      id={`${id}-note`}
                      value={note}
                      maxLength={500}
                      rows={3}
                      aria-invalid={errors.note ? true : undefined}
                      aria-describedby={errors.note ? `${id}-note-error` : undefined}
                      onChange={(e) => setNote(e.target.value)}
                    />
                    {errors.note && (
                      <p id={`${id}-note-error`} className="field-error">
                        {errors.note}
                      </p>
                    )}
                  </div>
                  <div>
                    <button type="submit" className="button button-primary" disabled={saving}>
                      {saving ? t('clientAccounts.reconciliation.saving') : t('clientAccounts.reconciliation.submit')}
                    </button>
                  </div>
                </form>
              </section>
            )}
            {confirming && bankCents !== null && (
              <ConfirmDialog
                title={t('clientAccounts.reconciliation.confirmTitle', { month: monthName(view.month) })}
                confirmLabel={t('clientAccounts.reconciliation.confirmSubmit')}
                busy={saving}
                danger={bankCents < 0}
                onConfirm={() => void record()}
                onCancel={() => setConfirming(false)}
              >
                <p>
                  {t('clientAccounts.reconciliation.confirmFigures', {
                    ledger: formatEuros(view.ledgerCents),
                    bank: formatEuros(bankCents),
                    difference: formatEuros(bankCents - view.ledgerCents),
                  })}
                </p>
                {bankCents < 0 && <p className="confirm-warning">{t('clientAccounts.reconciliation.confirmNegative', { bank: formatEuros(bankCents) })}</p>}
                <p>{bankCents === view.ledgerCents ? t('clientAccounts.reconciliation.confirmCloses') : t('clientAccounts.reconciliation.confirmStaysOpen')}</p>
              </ConfirmDialog>
            )}
            {!view.closed && !ended && <p className="muted">{t('clientAccounts.reconciliation.notEnded')}</p>}
            <ErrorAlert error={failure?.text} messages={failure?.messages ?? []} />

            <section aria-labelledby={`${id}-history`}>
              <h2 id={`${id}-history`}>{t('clientAccounts.reconciliation.history')}</h2>
              {view.history.length === 0 ? (
                <p className="muted">{t('clientAccounts.reconciliation.noHistory')}</p>
              ) : (
                <table className="compact">
                  <thead>
                    <tr>
                      <th scope="col">{t('clientAccounts.reconciliation.at')}</th>
                      <th scope="col">{t('clientAccounts.reconciliation.by')}</th>
                      <th scope="col" className="num">
                        {t('clientAccounts.reconciliation.ledgerShort')}
                      </th>
                      <th scope="col" className="num">
                        {t('clientAccounts.reconciliation.bankShort')}
                      </th>
                      <th scope="col" className="num">
                        {t('clientAccounts.reconciliation.difference')}
                      </th>
                      <th scope="col">{t('clientAccounts.reconciliation.note')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {view.history.map((r) => (
                      <tr key={r.id}>
                        <td>{formatDateTime(r.reconciledAt)}</td>
                        <td>{r.reconciledBy.displayName}</td>
                        <td className="num">{formatEuros(r.ledgerCents)}</td>
                        <td className="num">{formatEuros(r.bankCents)}</td>
                        <td className="num">{formatEuros(r.differenceCents)}</td>
                        <td>{r.note ?? '–'}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
            </section>

            <section aria-labelledby={`${id}-accounts`}>
              <h2 id={`${id}-accounts`}>{t('clientAccounts.reconciliation.accounts', { date: formatDate(view.monthEnd) })}</h2>
              {view.accounts.length === 0 ? (
                <p className="muted">{t('clientAccounts.reconciliation.noAccounts')}</p>
              ) : (
                <table className="compact">
                  <thead>
                    <tr>
                      <th scope="col">{t('clientAccounts.reconciliation.number')}</th>
                      <th scope="col">{t('clientAccounts.reconciliation.client')}</th>
                      <th scope="col">{t('clientAccounts.kind')}</th>
                      <th scope="col">{t('clientAccounts.reconciliation.serviceTask')}</th>
                      <th scope="col">{t('clientAccounts.reference')}</th>
                      <th scope="col" className="num">
                        {t('clientAccounts.balance')}
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {view.accounts.map((a) => (
                      <tr key={a.id}>
                        <td className="num">{a.number}</td>
                        <td>{a.clientName}</td>
                        <td>{t(`clientAccounts.kinds.${a.kind}`)}</td>
                        <td>{serviceTaskName(t, a.serviceTask)}</td>
                        <td>{a.reference}</td>
                        <td className="num">{formatEuros(a.balanceCents)}</td>
                      </tr>
                    ))}
                  </tbody>
                  <tfoot>
                    <tr>
                      <th scope="row" colSpan={5}>
                        {t('clientAccounts.reconciliation.total')}
                      </th>
                      <td className="num">{formatEuros(view.ledgerCents)}</td>
                    </tr>
                  </tfoot>
                </table>
              )}
            </section>
          </>
        )}
      </div>
    </Page>
  )
}

import type { CommitmentBillInput, CommitmentForBilling, Provider } from '@huoma/contract'
import { useEffect, useId, useRef, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { ApiError, describeError, type ErrorText } from '../../api/client'
import { ErrorAlert } from '../../components/Alert'
import { Page } from '../../components/Page'
import { TextField } from '../../components/TextField'
import { useFormErrors } from '../../components/useFormErrors'
import { formatDate, formatDateRange } from '../../lib/format'
import { formatEuros, parseEuroInput, type EuroInputError } from '../../lib/money'
import { can, useUser } from '../../session/context'
import { activeProviders, billCommitment, findCommitment } from './api'
import './payments.css'

type Lookup = { status: 'idle' } | { status: 'loading' } | { status: 'found'; commitment: CommitmentForBilling } | { status: 'error'; error: ErrorText }

/**
 * Laskut maksusitoumuksella (finance, action `payments:commitments`): a service provider's bill names the payment
 * commitment (maksusitoumus) it is sent against. Finance finds the commitment by that number — provider, client,
 * validity, maximum, billed and what is left — and records the bill (`payments:commitment-bill`): a payable to the
 * provider, paid in the next batch. The server keeps the bill within the validity and the maximum and records the
 * same bill (its reference or message) once.
 */
export function CommitmentBillsPage() {
  const { t } = useTranslation()
  const user = useUser()
  const [number, setNumber] = useState('')
  const [numberError, setNumberError] = useState<string>()
  const [lookup, setLookup] = useState<Lookup>({ status: 'idle' })
  const numberInput = useRef<HTMLInputElement>(null)

  async function find(event: FormEvent) {
    event.preventDefault()
    const text = number.trim()
    if (!/^\d{1,9}$/.test(text) || Number(text) < 1) {
      setNumberError(t('payments.commitments.numberInvalid'))
      numberInput.current?.focus()
      return
    }
    setNumberError(undefined)
    setLookup({ status: 'loading' })
    try {
      setLookup({ status: 'found', commitment: await findCommitment(Number(text)) })
    } catch (failure) {
      const notFound = failure instanceof ApiError && failure.status === 404
      setLookup({ status: 'error', error: notFound ? { title: t('payments.commitments.notFound', { number: text }) } : describeError(failure) })
    }
  }

  return (
    <Page title={t('payments.commitments.title')}>
      <p className="lead">{t('payments.commitments.intro')}</p>
      <section className="panel pay-panel" aria-labelledby="pay-commitment-lookup">
        <h2 id="pay-commitment-lookup">{t('payments.commitments.lookupHeading')}</h2>
        <form className="pay-form-row" onSubmit={find} noValidate>
          <TextField
            ref={numberInput}
            label={t('payments.commitments.number')}
            value={number}
            onChange={(e) => setNumber(e.target.value)}
            error={numberError}
            inputMode="numeric"
            autoComplete="off"
            maxLength={9}
          />
          <button type="submit" className="button button-primary" disabled={lookup.status === 'loading'}>
            {lookup.status === 'loading' ? t('payments.commitments.finding') : t('payments.commitments.find')}
          </button>
        </form>
      </section>
      <ErrorAlert error={lookup.status === 'error' ? lookup.error : undefined} />
      {lookup.status === 'found' && (
        <CommitmentView
          key={lookup.commitment.id}
          commitment={lookup.commitment}
          mayBill={can(user, 'payments:commitment-bill')}
          onBilled={(leftCents) => setLookup({ status: 'found', commitment: { ...lookup.commitment, billedCents: lookup.commitment.maxCents - leftCents } })}
        />
      )}
    </Page>
  )
}

function CommitmentView({ commitment: c, mayBill, onBilled }: { commitment: CommitmentForBilling; mayBill: boolean; onBilled: (leftCents: number) => void }) {
  const { t } = useTranslation()
  const id = useId()
  return (
    <section className="pay-section" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{t('payments.commitments.heading', { number: c.number })}</h2>
      <dl className="facts pay-facts" data-testid="pay-commitment">
        <dt>{t('payments.commitments.provider')}</dt>
        <dd>{c.providerName}</dd>
        <dt>{t('payments.commitments.client')}</dt>
        <dd>{c.clientName}</dd>
        <dt>{t('payments.commitments.purpose')}</dt>
        <dd>{c.purpose}</dd>
        <dt>{t('payments.commitments.validity')}</dt>
        <dd>{formatDateRange(c.validFrom, c.validUntil)}</dd>
        <dt>{t('payments.commitments.decision')}</dt>
        <dd>{c.decisionNumber}</dd>
        <dt>{t('payments.commitments.max')}</dt>
        <dd data-testid="pay-commitment-max">{formatEuros(c.maxCents)}</dd>
        <dt>{t('payments.commitments.billed')}</dt>
        <dd data-testid="pay-commitment-billed">{formatEuros(c.billedCents)}</dd>
        <dt>{t('payments.commitments.left')}</dt>
        <dd data-testid="pay-commitment-left">{formatEuros(c.maxCents - c.billedCents)}</dd>
      </dl>
      {mayBill && <BillForm commitment={c} onBilled={onBilled} />}
    </section>
  )
}

/** The server's field names (`errors[].field`), in the order the focus goes to the first in error. */
const FIELDS = ['providerId', 'amountCents', 'servedOn', 'dueOn', 'reference', 'message'] as const

const AMOUNT_ERRORS: Record<EuroInputError, 'amountInvalid' | 'amountNegative' | 'amountPrecision' | 'amountTooLarge'> = {
  invalid: 'amountInvalid',
  negative: 'amountNegative',
  precision: 'amountPrecision',
  tooLarge: 'amountTooLarge',
}

interface Recorded {
  payableId: string
  amountCents: number
  dueOn: string
  leftCents: number
}

function BillForm({ commitment, onBilled }: { commitment: CommitmentForBilling; onBilled: (leftCents: number) => void }) {
  const { t } = useTranslation()
  const id = useId()
  const choosesProvider = commitment.providerId === null
  const [providers, setProviders] = useState<Provider[]>()
  const [providerId, setProviderId] = useState('')
  const [amount, setAmount] = useState('')
  const [servedOn, setServedOn] = useState('')
  const [dueOn, setDueOn] = useState('')
  const [reference, setReference] = useState('')
  const [message, setMessage] = useState('')
  const [saving, setSaving] = useState(false)
  const [duplicate, setDuplicate] = useState(false)
  const [recorded, setRecorded] = useState<Recorded>()
  const { fieldErrors, error, register, check, fail, clear } = useFormErrors(FIELDS)

  // A commitment that names no provider is billed by one chosen from the register (those valid today).
  useEffect(() => {
    if (!choosesProvider) return
    const controller = new AbortController()
    activeProviders(controller.signal).then(
      (list) => setProviders(list.providers),
      () => setProviders([]),
    )
    return () => controller.abort()
  }, [choosesProvider])

  async function submit(event: FormEvent) {
    event.preventDefault()
    setDuplicate(false)
    setRecorded(undefined)
    const missing: Partial<Record<(typeof FIELDS)[number], string>> = {}
    const parsed = parseEuroInput(amount)
    if (!parsed.ok) missing.amountCents = t(`payments.commitments.errors.${AMOUNT_ERRORS[parsed.error]}`)
    else if (parsed.cents === null) missing.amountCents = t('payments.commitments.errors.amountRequired')
    else if (parsed.cents === 0) missing.amountCents = t('payments.commitments.errors.amountZero')
    if (!servedOn) missing.servedOn = t('payments.commitments.errors.dateRequired')
    if (!dueOn) missing.dueOn = t('payments.commitments.errors.dateRequired')
    // a reference as printed (`1232 45`, `rf18 5390 0754 7034`) is sent without its spaces
    const ref = reference.replace(/\s+/g, '').toUpperCase()
    const msg = message.trim()
    if (!ref && !msg) missing.reference = t('payments.commitments.errors.referenceOrMessage')
    if (choosesProvider && !providerId) missing.providerId = t('payments.commitments.errors.providerRequired')
    if (!check(missing) || !parsed.ok || !parsed.cents) return

    const body: CommitmentBillInput = {
      amountCents: parsed.cents,
      servedOn,
      dueOn,
      ...(choosesProvider ? { providerId } : {}),
      ...(ref ? { reference: ref } : {}),
      ...(msg ? { message: msg } : {}),
    }
    setSaving(true)
    try {
      const result = await billCommitment(commitment.id, body)
      setRecorded({ payableId: result.payableId, amountCents: body.amountCents, dueOn, leftCents: result.leftCents })
      setAmount('')
      setReference('')
      setMessage('')
      onBilled(result.leftCents)
    } catch (failure) {
      if (failure instanceof ApiError && failure.status === 409) {
        clear()
        setDuplicate(true)
      } else fail(failure)
    } finally {
      setSaving(false)
    }
  }

  return (
    <section className="panel pay-panel" aria-labelledby={`${id}-heading`}>
      <h3 id={`${id}-heading`}>{t('payments.commitments.billHeading')}</h3>
      <div role="status" className="status-region pay-status">
        {recorded && (
          <div className="notice">
            <p>
              {t('payments.commitments.recorded', {
                amount: formatEuros(recorded.amountCents),
                dueOn: formatDate(recorded.dueOn),
                left: formatEuros(recorded.leftCents),
              })}
            </p>
            <p className="pay-sub">{t('payments.commitments.payable', { id: recorded.payableId })}</p>
          </div>
        )}
      </div>
      <ErrorAlert error={duplicate ? { title: t('payments.commitments.duplicate') } : error?.text} messages={duplicate ? [] : error?.messages} />
      <form onSubmit={submit} noValidate className="form">
        {choosesProvider && (
          <div className={fieldErrors.providerId ? 'field field-invalid' : 'field'}>
            <label htmlFor={`${id}-provider`}>{t('payments.commitments.billProvider')}</label>
            <select
              id={`${id}-provider`}
              ref={register('providerId')}
              value={providerId}
              onChange={(e) => setProviderId(e.target.value)}
              aria-invalid={fieldErrors.providerId ? true : undefined}
              aria-describedby={fieldErrors.providerId ? `${id}-provider-error` : undefined}
            >
              <option value="">{t('payments.commitments.chooseProvider')}</option>
              {providers?.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.businessId ? `${p.name} (${p.businessId})` : p.name}
                </option>
              ))}
            </select>
            {fieldErrors.providerId && (
              <p id={`${id}-provider-error`} className="field-error">
                {fieldErrors.providerId}
              </p>
            )}
          </div>
        )}
        <div className="pay-form-row">
          <TextField
            label={t('payments.commitments.amount')}
            value={amount}
            onChange={(e) => setAmount(e.target.value)}
            error={fieldErrors.amountCents}
            ref={register('amountCents')}
            inputMode="decimal"
            autoComplete="off"
          />
          <TextField type="date" label={t('payments.commitments.servedOn')} value={servedOn} onChange={(e) => setServedOn(e.target.value)} error={fieldErrors.servedOn} ref={register('servedOn')} />
          <TextField type="date" label={t('payments.commitments.dueOn')} value={dueOn} onChange={(e) => setDueOn(e.target.value)} error={fieldErrors.dueOn} ref={register('dueOn')} />
        </div>
        <p className="pay-hint">{t('payments.commitments.referenceHint')}</p>
        <div className="pay-form-row">
          <TextField
            label={t('payments.commitments.reference')}
            value={reference}
            onChange={(e) => setReference(e.target.value)}
            error={fieldErrors.reference}
            ref={register('reference')}
            maxLength={40}
            autoComplete="off"
            spellCheck={false}
          />
          <TextField
            label={t('payments.commitments.message')}
            value={message}
            onChange={(e) => setMessage(e.target.value)}
            error={fieldErrors.message}
            ref={register('message')}
            maxLength={140}
            autoComplete="off"
          />
        </div>
        <button type="submit" className="button button-primary" disabled={saving}>
          {saving ? t('payments.commitments.recording') : t('payments.commitments.record')}
        </button>
      </form>
    </section>
  )
}

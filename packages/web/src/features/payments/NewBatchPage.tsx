import type { PaymentPreview, PaymentSelection } from '@huoma/contract'
import { useEffect, useId, useMemo, useRef, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useNavigate } from 'react-router'
import { describeError, type ErrorText } from '../../api/client'
import { fetchUnits, type Unit } from '../../api/units'
import { ErrorAlert } from '../../components/Alert'
import { Page } from '../../components/Page'
import { createBatch, fetchPreview } from './api'
import { MaskedIban } from './MaskedIban'
import './payments.css'
import { addDays, formatDate, todayInHelsinki } from '../../lib/format'
import { formatEuros } from '../../lib/money'

type PreviewState = { status: 'idle' } | { status: 'loading' } | { status: 'done'; selection: PaymentSelection; preview: PaymentPreview }

/**
 * A new batch: a due-date range and a unit, a preview of the open payables it would take (count, total and the
 * payees by name — the server logs that the list was seen), then the draft batch. The units are the organisation's
 * active units (`GET /api/units`): payables of any unit may be batched.
 */
export function NewBatchPage() {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const id = useId()
  const today = todayInHelsinki()
  const [dueFrom, setDueFrom] = useState(addDays(today, -30))
  const [dueTo, setDueTo] = useState(addDays(today, 14))
  const [unitId, setUnitId] = useState('')
  const [units, setUnits] = useState<Unit[]>([])
  const [rangeError, setRangeError] = useState(false)
  const [preview, setPreview] = useState<PreviewState>({ status: 'idle' })
  const [error, setError] = useState<ErrorText>()
  const [creating, setCreating] = useState(false)
  const summaryRef = useRef<HTMLParagraphElement>(null)

  // Without the list the selection still works for all units, so a failure only leaves the choice out.
  useEffect(() => {
    const controller = new AbortController()
    fetchUnits(controller.signal).then(
      (list) => setUnits([...list].sort((a, b) => a.name.localeCompare(b.name, 'fi'))),
      () => undefined,
    )
    return () => controller.abort()
  }, [])

  useEffect(() => {
    if (preview.status === 'done') summaryRef.current?.focus()
  }, [preview])

  function changed() {
    setPreview({ status: 'idle' })
    setError(undefined)
  }

  async function showPreview(event: FormEvent) {
    event.preventDefault()
    if (!dueFrom || !dueTo || dueFrom > dueTo) {
      setRangeError(true)
      return
    }
    setRangeError(false)
    setError(undefined)
    const selection: PaymentSelection = unitId ? { dueFrom, dueTo, unitId } : { dueFrom, dueTo }
    setPreview({ status: 'loading' })
    try {
      const result = await fetchPreview(selection)
      setPreview({ status: 'done', selection, preview: result })
    } catch (failure) {
      setError(describeError(failure))
      setPreview({ status: 'idle' })
    }
  }

  async function create() {
    if (preview.status !== 'done') return
    setCreating(true)
    setError(undefined)
    try {
      const batch = await createBatch({ ...preview.selection, expectedCount: preview.preview.count, expectedTotalCents: preview.preview.totalCents })
      void navigate(`/payments/batches/${batch.id}`, { state: { created: true } })
    } catch (failure) {
      setError(describeError(failure))
      setCreating(false)
    }
  }

  const unitName = useMemo(() => units.find((u) => u.id === unitId)?.name, [units, unitId])

  return (
    <Page title={t('payments.newBatch.title')}>
      <p>
        <Link to="/payments">{t('payments.batch.back')}</Link>
      </p>
      <p className="lead">{t('payments.newBatch.intro')}</p>
      <form className="panel pay-panel" onSubmit={(e) => void showPreview(e)} noValidate aria-labelledby={`${id}-heading`}>
        <h2 id={`${id}-heading`}>{t('payments.newBatch.selection')}</h2>
        <div className="pay-form-row">
          <div className={rangeError ? 'field field-invalid' : 'field'}>
            <label htmlFor={`${id}-from`}>{t('payments.newBatch.dueFrom')}</label>
            <input
              id={`${id}-from`}
              type="date"
              value={dueFrom}
              required
              aria-invalid={rangeError || undefined}
              aria-describedby={rangeError ? `${id}-range-error` : undefined}
              onChange={(e) => {
                setDueFrom(e.target.value)
                changed()
              }}
            />
          </div>
          <div className={rangeError ? 'field field-invalid' : 'field'}>
            <label htmlFor={`${id}-to`}>{t('payments.newBatch.dueTo')}</label>
            <input
              id={`${id}-to`}
              type="date"
              value={dueTo}
              required
              aria-invalid={rangeError || undefined}
              aria-describedby={rangeError ? `${id}-range-error` : undefined}
              onChange={(e) => {
                setDueTo(e.target.value)
                changed()
              }}
            />
          </div>
          <div className="field">
            <label htmlFor={`${id}-unit`}>{t('payments.newBatch.unit')}</label>
            <select
              id={`${id}-unit`}
              value={unitId}
              onChange={(e) => {
                setUnitId(e.target.value)
                changed()
              }}
            >
              <option value="">{t('payments.allUnits')}</option>
              {units.map((u) => (
                <option key={u.id} value={u.id}>
                  {u.name}
                </option>
              ))}
            </select>
          </div>
        </div>
        {rangeError && (
          <p id={`${id}-range-error`} className="field-error">
            {t('payments.rangeInvalid')}
          </p>
        )}
        <p className="muted pay-hint">{t('payments.newBatch.auditNote')}</p>
        <button type="submit" className="button" disabled={preview.status === 'loading'}>
          {preview.status === 'loading' ? t('payments.newBatch.previewing') : t('payments.newBatch.preview')}
        </button>
      </form>
      <ErrorAlert error={error} />
      {preview.status === 'done' && (
        <section className="pay-section" aria-labelledby={`${id}-preview`}>
          <h2 id={`${id}-preview`}>{t('payments.newBatch.previewTitle')}</h2>
          <p ref={summaryRef} tabIndex={-1} className="pay-summary" data-testid="pay-preview-summary">
            {t('payments.newBatch.summary', {
              count: preview.preview.count,
              total: formatEuros(preview.preview.totalCents),
              from: formatDate(preview.selection.dueFrom),
              to: formatDate(preview.selection.dueTo),
              unit: unitName ?? t('payments.newBatch.unitsInSentence'),
            })}
          </p>
          {preview.preview.count === 0 ? (
            <p className="muted">{t('payments.newBatch.nothing')}</p>
          ) : (
            <>
              <PreviewTable preview={preview.preview} />
              <button type="button" className="button button-primary" disabled={creating} onClick={() => void create()}>
                {creating ? t('payments.newBatch.creating') : t('payments.newBatch.create', { count: preview.preview.count, total: formatEuros(preview.preview.totalCents) })}
              </button>
            </>
          )}
        </section>
      )}
    </Page>
  )
}

function PreviewTable({ preview }: { preview: PaymentPreview }) {
  const { t } = useTranslation()
  const id = useId()
  return (
    <div className="table-scroll" role="region" aria-labelledby={`${id}-caption`} tabIndex={0}>
      <table className="pay-table">
        <caption id={`${id}-caption`}>{t('payments.newBatch.tableCaption')}</caption>
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
            <th scope="col">{t('payments.columns.unit')}</th>
          </tr>
        </thead>
        <tbody>
          {preview.payables.map((p) => (
            <tr key={p.id}>
              <td className="num">{p.number}</td>
              <td>{p.payeeName}</td>
              <td>
                  <MaskedIban iban={p.iban} />
                </td>
              <td className="num">{formatEuros(p.amountCents)}</td>
              <td>{[p.reference, p.message].filter(Boolean).join(' / ') || '–'}</td>
              <td>{formatDate(p.dueOn)}</td>
              <td>{formatDate(p.executionOn)}</td>
              <td>{p.unitName}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row" colSpan={3}>
              {t('payments.batch.tableTotal', { count: preview.count })}
            </th>
            <td className="num">{formatEuros(preview.totalCents)}</td>
            <td colSpan={4} />
          </tr>
        </tfoot>
      </table>
    </div>
  )
}

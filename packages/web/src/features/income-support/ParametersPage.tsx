import { IS_PERUSOSA_CATEGORIES, incomeSupportEndpoints as ep, type ParameterHistory, type ParameterSet, type ParameterValues } from '@huoma/contract'
import { useEffect, useId, useRef, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { ApiError, describeError, type ErrorText } from '../../api/client'
import { ErrorAlert } from '../../components/Alert'
import { Page } from '../../components/Page'
import { useEndpoint } from '../../api/endpoint'
import { can, useUser } from '../../session/context'
import { createParameterSet, fetchParameterHistory, updateParameterSet } from './api'
import { EuroInput } from './EuroInput'
import { isLabel } from './labels'
import './income-support.css'
import { formatDate, formatDateTime } from '../../lib/format'
import { type FieldErrors, fieldErrorsOf, otherMessages } from '../../lib/fieldErrors'
import { formatEuros } from '../../lib/money'

type Mode = { kind: 'view' } | { kind: 'edit' } | { kind: 'new' } | { kind: 'history' }

/**
 * Toimeentulotuen parametrit: the effective-dated sets (perusosa per category, deduction rules, limits). Handlers
 * read them; the main user adds and changes sets, each change kept with who and when (the history).
 */
export function ParametersPage() {
  const { t } = useTranslation()
  const user = useUser()
  const sets = useEndpoint(ep['incomeSupport.parameters'])
  const [selected, setSelected] = useState<string>()
  const [mode, setMode] = useState<Mode>({ kind: 'view' })
  const [notice, setNotice] = useState<string>()
  const mayEdit = can(user, 'income-support:parameters-edit')
  const detail = useRef<HTMLHeadingElement>(null)

  const list = sets.status === 'success' ? [...sets.data.sets].sort((a, b) => b.validFrom.localeCompare(a.validFrom)) : []
  const current = list.find((s) => s.id === selected) ?? list[0]

  function choose(id: string) {
    setSelected(id)
    setMode({ kind: 'view' })
    setNotice(undefined)
    requestAnimationFrame(() => detail.current?.focus())
  }

  return (
    <Page title={t('incomeSupport.parameters.title')}>
      <p className="lead">{t('incomeSupport.parameters.intro')}</p>
      <div role="status" className="status-region">
        {notice && <p className="notice">{notice}</p>}
      </div>
      <ErrorAlert error={sets.status === 'error' ? sets.error : undefined} />
      {sets.status === 'loading' && <p className="muted">{t('incomeSupport.loading')}</p>}
      {sets.status === 'success' && (
        <>
          <table className="is-param-sets">
            <caption>{t('incomeSupport.parameters.sets')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('incomeSupport.parameters.period')}</th>
                <th scope="col" className="num">
                  {t('incomeSupport.parameters.singlePerusosa')}
                </th>
                <th scope="col">{t('incomeSupport.parameters.source')}</th>
                <th scope="col">{t('incomeSupport.parameters.updated')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('incomeSupport.parameters.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {list.map((s) => (
                <tr key={s.id} aria-current={s.id === current?.id ? 'true' : undefined} className={s.id === current?.id ? 'is-selected' : undefined}>
                  <th scope="row">{periodText(s)}</th>
                  <td className="num">{formatEuros(s.perusosa.single)}</td>
                  <td>{s.source}</td>
                  <td>
                    {formatDateTime(s.updatedAt)}
                    {s.updatedBy && <span className="muted"> {s.updatedBy}</span>}
                  </td>
                  <td>
                    <button type="button" className="button button-small" onClick={() => choose(s.id)} aria-label={t('incomeSupport.parameters.showLabel', { period: periodText(s) })}>
                      {t('incomeSupport.parameters.show')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {mayEdit && mode.kind !== 'new' && (
            <p>
              <button type="button" className="button" onClick={() => setMode({ kind: 'new' })}>
                {t('incomeSupport.parameters.new')}
              </button>
            </p>
          )}
          {mode.kind === 'new' && (
            <ParameterForm
              title={t('incomeSupport.parameters.newTitle')}
              initial={current ? { ...valuesOf(current), validFrom: '', validUntil: null, source: '' } : undefined}
              onCancel={() => setMode({ kind: 'view' })}
              onSubmit={(values) => createParameterSet(values)}
              onSaved={(saved) => {
                sets.reload()
                setSelected(saved.id)
                setMode({ kind: 'view' })
                setNotice(t('incomeSupport.parameters.created'))
              }}
            />
          )}
          {current && mode.kind !== 'new' && (
            <section className="panel is-param-detail" aria-labelledby="is-param-detail">
              <h2 id="is-param-detail" ref={detail} tabIndex={-1}>
                {t('incomeSupport.parameters.detailTitle', { period: periodText(current) })}
              </h2>
              <p className="muted">{t('incomeSupport.parameters.version', { version: current.version })}</p>
              <div className="button-row">
                {mayEdit && mode.kind !== 'edit' && (
                  <button type="button" className="button" onClick={() => setMode({ kind: 'edit' })}>
                    {t('incomeSupport.parameters.edit')}
                  </button>
                )}
                <button type="button" className="button" aria-pressed={mode.kind === 'history'} onClick={() => setMode(mode.kind === 'history' ? { kind: 'view' } : { kind: 'history' })}>
                  {t('incomeSupport.parameters.history')}
                </button>
              </div>
              {mode.kind === 'edit' ? (
                <ParameterForm
                  title={t('incomeSupport.parameters.editTitle')}
                  initial={valuesOf(current)}
                  onCancel={() => setMode({ kind: 'view' })}
                  onSubmit={(values) => updateParameterSet(current.id, { ...values, version: current.version })}
                  onSaved={() => {
                    sets.reload()
                    setMode({ kind: 'view' })
                    setNotice(t('incomeSupport.parameters.saved'))
                  }}
                  onConflict={() => sets.reload()}
                />
              ) : (
                <ParameterValuesView values={current} />
              )}
              {mode.kind === 'history' && <HistoryView setId={current.id} />}
            </section>
          )}
        </>
      )}
    </Page>
  )
}

function periodText(v: { validFrom: string; validUntil: string | null }): string {
  return `${formatDate(v.validFrom)}–${v.validUntil ? formatDate(v.validUntil) : ''}`
}

function valuesOf(s: ParameterSet): ParameterValues {
  return {
    validFrom: s.validFrom,
    validUntil: s.validUntil,
    perusosa: { ...s.perusosa },
    earnedIncomeDeduction: s.earnedIncomeDeduction,
    minorEarningsCappedAtOwnPerusosa: s.minorEarningsCappedAtOwnPerusosa,
    minorAssistanceLimit: s.minorAssistanceLimit,
    daysPerMonth: s.daysPerMonth,
    housingNormCents: s.housingNormCents,
    source: s.source,
  }
}

function ParameterValuesView({ values }: { values: ParameterValues }) {
  const { t } = useTranslation()
  return (
    <>
      <table className="compact is-perusosa">
        <caption>{t('incomeSupport.parameters.perusosa')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('incomeSupport.parameters.category')}</th>
            <th scope="col" className="num">
              {t('incomeSupport.parameters.perMonth')}
            </th>
          </tr>
        </thead>
        <tbody>
          {IS_PERUSOSA_CATEGORIES.map((c) => (
            <tr key={c}>
              <th scope="row">{isLabel(t, 'perusosaCategories', c)}</th>
              <td className="num">{formatEuros(values.perusosa[c])}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <dl className="facts">
        <dt>{t('incomeSupport.parameters.earnedIncomeDeduction')}</dt>
        <dd>
          {values.earnedIncomeDeduction
            ? t('incomeSupport.parameters.deductionText', {
                amount: formatEuros(values.earnedIncomeDeduction.perEarnerMaxCents),
                whom: t(`incomeSupport.parameters.appliesTo.${values.earnedIncomeDeduction.appliesTo}`),
              })
            : t('incomeSupport.parameters.none')}
        </dd>
        <dt>{t('incomeSupport.parameters.minorCap')}</dt>
        <dd>{values.minorEarningsCappedAtOwnPerusosa ? t('incomeSupport.parameters.yes') : t('incomeSupport.parameters.no')}</dd>
        <dt>{t('incomeSupport.parameters.minorAssistance')}</dt>
        <dd>
          {values.minorAssistanceLimit
            ? t('incomeSupport.parameters.minorAssistanceText', {
                single: formatEuros(values.minorAssistanceLimit.singleCents),
                family: formatEuros(values.minorAssistanceLimit.familyCents),
              })
            : t('incomeSupport.parameters.none')}
        </dd>
        <dt>{t('incomeSupport.parameters.daysPerMonth')}</dt>
        <dd>{values.daysPerMonth}</dd>
        <dt>{t('incomeSupport.parameters.housingNorm')}</dt>
        <dd>
          {values.housingNormCents
            ? values.housingNormCents.map((c, i) => t('incomeSupport.parameters.normEntry', { size: i + 1, amount: formatEuros(c) })).join('; ')
            : t('incomeSupport.parameters.none')}
        </dd>
        <dt>{t('incomeSupport.parameters.source')}</dt>
        <dd>{values.source || '–'}</dd>
      </dl>
    </>
  )
}

interface FormProps<T> {
  title: string
  initial: ParameterValues | undefined
  onSubmit: (values: ParameterValues) => Promise<T>
  onSaved: (saved: T) => void
  onCancel: () => void
  onConflict?: () => void
}

const EMPTY: ParameterValues = {
  validFrom: '',
  validUntil: null,
  perusosa: Object.fromEntries(IS_PERUSOSA_CATEGORIES.map((c) => [c, 0])) as ParameterValues['perusosa'],
  earnedIncomeDeduction: null,
  minorEarningsCappedAtOwnPerusosa: false,
  minorAssistanceLimit: null,
  daysPerMonth: 30,
  housingNormCents: null,
  source: '',
}

function ParameterForm<T>({ title, initial, onSubmit, onSaved, onCancel, onConflict }: FormProps<T>) {
  const { t } = useTranslation()
  const id = useId()
  const [v, setV] = useState<ParameterValues>(initial ?? EMPTY)
  const [invalid, setInvalid] = useState<Set<string>>(new Set())
  const [errors, setErrors] = useState<FieldErrors>({})
  const [failure, setFailure] = useState<{ text: ErrorText; messages: string[] }>()
  const [busy, setBusy] = useState(false)
  const heading = useRef<HTMLHeadingElement>(null)
  useEffect(() => heading.current?.focus(), [])

  const validity = (key: string, valid: boolean) =>
    setInvalid((s) => {
      if (valid === !s.has(key)) return s
      const next = new Set(s)
      if (valid) next.delete(key)
      else next.add(key)
      return next
    })

  async function submit(event: FormEvent) {
    event.preventDefault()
    setFailure(undefined)
    setErrors({})
    if (invalid.size > 0) {
      setFailure({ text: { title: t('incomeSupport.application.fixAmounts') }, messages: [] })
      return
    }
    setBusy(true)
    try {
      onSaved(await onSubmit(v))
    } catch (error) {
      const problem = error instanceof ApiError ? error.problem : undefined
      if (error instanceof ApiError && error.status === 409) onConflict?.()
      const byField = fieldErrorsOf(problem)
      setErrors(byField)
      const shown = new Set(['validFrom', 'validUntil', 'daysPerMonth', 'source', ...IS_PERUSOSA_CATEGORIES.map((c) => `perusosa.${c}`)])
      setFailure({
        text: error instanceof ApiError && error.status === 409 ? { title: t('incomeSupport.parameters.conflict') } : describeError(error),
        messages: otherMessages(byField, shown),
      })
      setBusy(false)
    }
  }

  const fieldClass = (path: string) => (errors[path] ? 'field field-invalid' : 'field')
  const fieldError = (path: string) => errors[path] && <p className="field-error">{errors[path]}</p>

  return (
    <form className="form is-param-form" noValidate onSubmit={(e) => void submit(e)} aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`} ref={heading} tabIndex={-1}>
        {title}
      </h3>
      <div className="is-row">
        <div className={fieldClass('validFrom')}>
          <label htmlFor={`${id}-from`}>{t('incomeSupport.parameters.validFrom')}</label>
          <input id={`${id}-from`} type="date" required value={v.validFrom} onChange={(e) => setV({ ...v, validFrom: e.target.value })} />
          {fieldError('validFrom')}
        </div>
        <div className={fieldClass('validUntil')}>
          <label htmlFor={`${id}-until`}>{t('incomeSupport.parameters.validUntil')}</label>
          <input id={`${id}-until`} type="date" value={v.validUntil ?? ''} onChange={(e) => setV({ ...v, validUntil: e.target.value || null })} />
          {fieldError('validUntil')}
        </div>
        <div className={fieldClass('daysPerMonth')}>
          <label htmlFor={`${id}-days`}>{t('incomeSupport.parameters.daysPerMonth')}</label>
          <input id={`${id}-days`} type="number" min={28} max={31} value={v.daysPerMonth} onChange={(e) => setV({ ...v, daysPerMonth: Number(e.target.value) || 30 })} />
          {fieldError('daysPerMonth')}
        </div>
      </div>
      <fieldset className="is-perusosa-fields">
        <legend>{t('incomeSupport.parameters.perusosa')}</legend>
        {IS_PERUSOSA_CATEGORIES.map((c) => (
          <EuroInput
            key={c}
            label={isLabel(t, 'perusosaCategories', c)}
            value={v.perusosa[c]}
            required
            error={errors[`perusosa.${c}`]}
            onValidity={(valid) => validity(`perusosa.${c}`, valid)}
            onChange={(cents) => setV((old) => ({ ...old, perusosa: { ...old.perusosa, [c]: cents ?? 0 } }))}
          />
        ))}
      </fieldset>
      <fieldset>
        <legend>{t('incomeSupport.parameters.earnedIncomeDeduction')}</legend>
        <label className="is-check">
          <input
            type="checkbox"
            checked={v.earnedIncomeDeduction !== null}
            onChange={(e) => setV({ ...v, earnedIncomeDeduction: e.target.checked ? { perEarnerMaxCents: 15000, appliesTo: 'all' } : null })}
          />{' '}
          {t('incomeSupport.parameters.inUse')}
        </label>
        {v.earnedIncomeDeduction && (
          <div className="is-row">
            <EuroInput
              label={t('incomeSupport.parameters.perEarnerMax')}
              value={v.earnedIncomeDeduction.perEarnerMaxCents}
              required
              onValidity={(valid) => validity('deduction', valid)}
              onChange={(cents) => setV((old) => ({ ...old, earnedIncomeDeduction: old.earnedIncomeDeduction && { ...old.earnedIncomeDeduction, perEarnerMaxCents: cents ?? 0 } }))}
            />
            <div className="field">
              <label htmlFor={`${id}-applies`}>{t('incomeSupport.parameters.appliesToLabel')}</label>
              <select
                id={`${id}-applies`}
                value={v.earnedIncomeDeduction.appliesTo}
                onChange={(e) =>
                  setV((old) => ({ ...old, earnedIncomeDeduction: old.earnedIncomeDeduction && { ...old.earnedIncomeDeduction, appliesTo: e.target.value as 'all' | 'minors' } }))
                }
              >
                <option value="all">{t('incomeSupport.parameters.appliesTo.all')}</option>
                <option value="minors">{t('incomeSupport.parameters.appliesTo.minors')}</option>
              </select>
            </div>
          </div>
        )}
        <label className="is-check">
          <input type="checkbox" checked={v.minorEarningsCappedAtOwnPerusosa} onChange={(e) => setV({ ...v, minorEarningsCappedAtOwnPerusosa: e.target.checked })} />{' '}
          {t('incomeSupport.parameters.minorCap')}
        </label>
      </fieldset>
      <fieldset>
        <legend>{t('incomeSupport.parameters.minorAssistance')}</legend>
        <label className="is-check">
          <input
            type="checkbox"
            checked={v.minorAssistanceLimit !== null}
            onChange={(e) => setV({ ...v, minorAssistanceLimit: e.target.checked ? { singleCents: 0, familyCents: 0 } : null })}
          />{' '}
          {t('incomeSupport.parameters.inUse')}
        </label>
        {v.minorAssistanceLimit && (
          <div className="is-row">
            <EuroInput
              label={t('incomeSupport.parameters.limitSingle')}
              value={v.minorAssistanceLimit.singleCents}
              required
              onValidity={(valid) => validity('limitSingle', valid)}
              onChange={(cents) => setV((old) => ({ ...old, minorAssistanceLimit: old.minorAssistanceLimit && { ...old.minorAssistanceLimit, singleCents: cents ?? 0 } }))}
            />
            <EuroInput
              label={t('incomeSupport.parameters.limitFamily')}
              value={v.minorAssistanceLimit.familyCents}
              required
              onValidity={(valid) => validity('limitFamily', valid)}
              onChange={(cents) => setV((old) => ({ ...old, minorAssistanceLimit: old.minorAssistanceLimit && { ...old.minorAssistanceLimit, familyCents: cents ?? 0 } }))}
            />
          </div>
        )}
      </fieldset>
      <fieldset>
        <legend>{t('incomeSupport.parameters.housingNorm')}</legend>
        {(v.housingNormCents ?? []).map((cents, i) => (
          <div key={i} className="is-row">
            <EuroInput
              label={t('incomeSupport.parameters.normFor', { size: i + 1 })}
              value={cents}
              required
              onValidity={(valid) => validity(`norm${i}`, valid)}
              onChange={(c) => setV((old) => ({ ...old, housingNormCents: (old.housingNormCents ?? []).map((x, j) => (j === i ? (c ?? 0) : x)) }))}
            />
          </div>
        ))}
        <div className="button-row">
          {(v.housingNormCents?.length ?? 0) < 12 && (
            <button type="button" className="button button-small" onClick={() => setV({ ...v, housingNormCents: [...(v.housingNormCents ?? []), 0] })}>
              {t('incomeSupport.parameters.addNorm')}
            </button>
          )}
          {v.housingNormCents && (
            <button
              type="button"
              className="button button-small"
              onClick={() => {
                validity(`norm${v.housingNormCents!.length - 1}`, true)
                setV({ ...v, housingNormCents: v.housingNormCents!.length > 1 ? v.housingNormCents!.slice(0, -1) : null })
              }}
            >
              {t('incomeSupport.parameters.removeNorm')}
            </button>
          )}
        </div>
      </fieldset>
      <div className={fieldClass('source')}>
        <label htmlFor={`${id}-source`}>{t('incomeSupport.parameters.source')}</label>
        <input id={`${id}-source`} type="text" maxLength={500} value={v.source} onChange={(e) => setV({ ...v, source: e.target.value })} />
        {fieldError('source')}
      </div>
      <ErrorAlert error={failure?.text} messages={failure?.messages ?? []} />
      <div className="button-row">
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? t('incomeSupport.parameters.saving') : t('incomeSupport.parameters.save')}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          {t('incomeSupport.parameters.cancel')}
        </button>
      </div>
    </form>
  )
}

function HistoryView({ setId }: { setId: string }) {
  const { t } = useTranslation()
  const [state, setState] = useState<{ status: 'loading' } | { status: 'done'; history: ParameterHistory } | { status: 'error'; error: ErrorText }>({ status: 'loading' })
  useEffect(() => {
    const controller = new AbortController()
    fetchParameterHistory(setId, controller.signal).then(
      (history) => setState({ status: 'done', history }),
      (error: unknown) => {
        if (!controller.signal.aborted) setState({ status: 'error', error: describeError(error) })
      },
    )
    return () => controller.abort()
  }, [setId])
  if (state.status === 'loading') return <p className="muted">{t('incomeSupport.loading')}</p>
  if (state.status === 'error') return <ErrorAlert error={state.error} />
  return (
    <table className="compact is-history">
      <caption>{t('incomeSupport.parameters.historyTitle')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('incomeSupport.parameters.versionCol')}</th>
          <th scope="col">{t('incomeSupport.parameters.change')}</th>
          <th scope="col">{t('incomeSupport.parameters.changedAt')}</th>
          <th scope="col">{t('incomeSupport.parameters.changedBy')}</th>
          <th scope="col">{t('incomeSupport.parameters.period')}</th>
          <th scope="col" className="num">
            {t('incomeSupport.parameters.singlePerusosa')}
          </th>
        </tr>
      </thead>
      <tbody>
        {[...state.history.history]
          .sort((a, b) => b.version - a.version)
          .map((h) => (
            <tr key={h.version}>
              <td className="num">{h.version}</td>
              <td>{isLabel(t, 'changeKinds', h.change)}</td>
              <td>{formatDateTime(h.changedAt)}</td>
              <td>{h.changedBy ?? '–'}</td>
              <td>{periodText(h.values)}</td>
              <td className="num">{formatEuros(h.values.perusosa.single)}</td>
            </tr>
          ))}
      </tbody>
    </table>
  )
}

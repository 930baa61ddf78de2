import { IS_OUTCOMES, IS_PROVIDER_KINDS, type Application, type Decision, type DecisionInput, type DecisionItemInput, type DecisionOutcome, type ProviderKind } from '@huoma/contract'
import { useEffect, useId, useRef, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { KeptDraftParts, useKeptDraft } from '../../components/KeptDraft'
import { ApiError, describeError, type ErrorText } from '../../api/client'
import { ErrorAlert } from '../../components/Alert'
import { makeDecision, previewDecision } from './api'
import { EuroInput } from './EuroInput'
import { isLabel } from './labels'
import { type FieldErrors, fieldErrorsOf, otherMessages } from '../../lib/fieldErrors'
import { formatDate, todayInHelsinki } from '../../lib/format'
import { ConfirmDialog } from '../../components/ConfirmDialog'
import { formatEuros } from '../../lib/money'

interface ItemDraft {
  kind: 'supplementary' | 'preventive'
  index: number
  label: string
  claimedCents: number
  acceptedCents: number
  outcome: DecisionOutcome
  grantedCents: number | null
  reason: string
  commitment: boolean
  providerKind: ProviderKind
  providerName: string
  validFrom: string
  validUntil: string
}

interface FormProps {
  application: Application
  defaultLanguage: 'fi' | 'sv'
  /** the handler has unsaved changes to the claims: a decision must be made on what is saved */
  unsaved: boolean
  onDecided: (decision: Decision) => void
}

/**
 * Päätöksen valmistelu: an outcome, granted amount and reason for every supplementary and preventive item, an
 * optional payment commitment to a provider, the general reasons and the decision's language; a preview PDF
 * before the decision is made.
 */
export function DecisionForm({ application, defaultLanguage, unsaved, onDecided }: FormProps) {
  const { t } = useTranslation()
  const id = useId()
  const latest = application.decisions.find((d) => d.correctedById === null) ?? null
  const [items, setItems] = useState<ItemDraft[]>(() => [
    ...application.claims.supplementary.map((c, index) => {
      const accepted = c.acceptedCents ?? c.amountCents
      return draftItem('supplementary', index, isLabel(t, 'supplementaryTypes', c.type), c.amountCents, accepted, application)
    }),
    ...application.claims.preventive.map((c, index) => draftItem('preventive', index, c.purpose, c.amountCents, c.acceptedCents ?? c.amountCents, application)),
  ])
  const [reasons, setReasons] = useState('')
  const [language, setLanguage] = useState<'fi' | 'sv'>(defaultLanguage)
  const [decidedOn, setDecidedOn] = useState(todayInHelsinki())
  const [iban, setIban] = useState('')
  const [invalid, setInvalid] = useState<Set<string>>(new Set())
  const [errors, setErrors] = useState<FieldErrors>({})
  const [failure, setFailure] = useState<{ text: ErrorText; messages: string[] }>()
  const [busy, setBusy] = useState<'preview' | 'decide'>()
  const [previewUrl, setPreviewUrl] = useState<string>()
  const [confirming, setConfirming] = useState<DecisionInput>()
  // the decision being written is kept over a reload, for this version of the application's claims
  const draft = useKeptDraft(`is-decision ${application.id} ${application.version}`, { items, reasons, language, decidedOn, iban }, (kept) => {
    if (kept.items.length === items.length) setItems(kept.items)
    setReasons(kept.reasons)
    setLanguage(kept.language)
    setDecidedOn(kept.decidedOn)
    setIban(kept.iban)
  })
  const lastUrl = useRef<string | undefined>(undefined)
  useEffect(() => () => {
    if (lastUrl.current) URL.revokeObjectURL(lastUrl.current)
  }, [])

  const setItem = (i: number, patch: Partial<ItemDraft>) => setItems((xs) => xs.map((x, j) => (j === i ? { ...x, ...patch } : x)))
  const validity = (key: string, valid: boolean) =>
    setInvalid((s) => {
      if (valid === !s.has(key)) return s
      const next = new Set(s)
      if (valid) next.delete(key)
      else next.add(key)
      return next
    })

  function input(): DecisionInput | undefined {
    const missing: FieldErrors = {}
    if (!reasons.trim()) missing.reasons = t('incomeSupport.decision.reasonsRequired')
    items.forEach((item, i) => {
      if (!item.reason.trim()) missing[`items.${i}.reason`] = t('incomeSupport.decision.reasonRequired')
      if (item.grantedCents === null) missing[`items.${i}.grantedCents`] = t('incomeSupport.euro.required')
      if (item.commitment && !item.providerName.trim()) missing[`items.${i}.commitment.providerName`] = t('incomeSupport.decision.providerRequired')
    })
    setErrors(missing)
    setFailure(undefined)
    if (Object.keys(missing).length > 0 || invalid.size > 0) {
      setFailure({ text: { title: t('incomeSupport.decision.fix') }, messages: [] })
      return undefined
    }
    return {
      version: application.version,
      decidedOn,
      language,
      reasons: reasons.trim(),
      ...(iban.trim() && { iban: iban.replace(/\s+/g, '').toUpperCase() }),
      ...(latest && { correctsId: latest.id }),
      items: items.map(
        (item): DecisionItemInput => ({
          kind: item.kind,
          index: item.index,
          outcome: item.outcome,
          grantedCents: item.outcome === 'refused' ? 0 : (item.grantedCents ?? 0),
          reason: item.reason.trim(),
          ...(item.commitment && {
            commitment: { providerKind: item.providerKind, providerName: item.providerName.trim(), validFrom: item.validFrom, validUntil: item.validUntil },
          }),
        }),
      ),
    }
  }

  function failed(error: unknown) {
    const problem = error instanceof ApiError ? error.problem : undefined
    const byField = fieldErrorsOf(problem)
    setErrors(byField)
    const shown = new Set(['reasons', 'decidedOn', 'language', 'iban', ...items.flatMap((_, i) => [`items.${i}.reason`, `items.${i}.grantedCents`, `items.${i}.outcome`, `items.${i}.commitment.providerName`])])
    setFailure({ text: describeError(error), messages: otherMessages(byField, shown) })
  }

  async function preview() {
    const body = input()
    if (!body) return
    // Opened at the click, so that a popup blocker lets it through; filled when the PDF arrives.
    let win: Window | null = null
    try {
      win = window.open('', '_blank')
    } catch {
      win = null
    }
    setBusy('preview')
    try {
      const blob = await previewDecision(application.personId, application.id, body)
      if (lastUrl.current) URL.revokeObjectURL(lastUrl.current)
      const url = URL.createObjectURL(blob)
      lastUrl.current = url
      setPreviewUrl(url)
      if (win) win.location.href = url
    } catch (error) {
      win?.close()
      failed(error)
    } finally {
      setBusy(undefined)
    }
  }

  // The form's checks first; then a dialog says what the decision does, and only its button makes it.
  function decide(event: FormEvent) {
    event.preventDefault()
    const body = input()
    if (body) setConfirming(body)
  }

  async function decideNow(body: DecisionInput) {
    setConfirming(undefined)
    setBusy('decide')
    try {
      const decision = await makeDecision(application.personId, application.id, body)
      draft.discard()
      onDecided(decision)
    } catch (error) {
      failed(error)
      setBusy(undefined)
    }
  }

  const total = items.reduce((sum, item) => sum + (item.outcome === 'refused' ? 0 : (item.grantedCents ?? 0)), 0)
  const err = (path: string) => errors[path]

  return (
    <section className="panel is-decision" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{latest ? t('incomeSupport.decision.correctTitle', { number: latest.number }) : t('incomeSupport.decision.title')}</h2>
      {unsaved && <p className="notice">{t('incomeSupport.decision.saveFirst')}</p>}
      <form className="form" noValidate onSubmit={decide}>
        <KeptDraftParts draft={draft} busy={busy === 'decide'} />
        {items.length === 0 && <p className="muted">{t('incomeSupport.decision.noItems')}</p>}
        {items.map((item, i) => {
          const base = `${id}-i${i}`
          return (
            <fieldset key={`${item.kind}-${item.index}`} className="is-decision-item">
              <legend>
                {t(`incomeSupport.decision.kind.${item.kind}`)}: {item.label}
              </legend>
              <p className="muted">
                {t('incomeSupport.decision.claimedAccepted', { claimed: formatEuros(item.claimedCents), accepted: formatEuros(item.acceptedCents) })}
              </p>
              <div className="is-row">
                <div className="field">
                  <label htmlFor={`${base}-outcome`}>{t('incomeSupport.decision.outcome')}</label>
                  <select
                    id={`${base}-outcome`}
                    value={item.outcome}
                    onChange={(e) => {
                      const outcome = e.target.value as DecisionOutcome
                      setItem(i, { outcome, ...(outcome === 'refused' ? { grantedCents: 0 } : outcome === 'granted' ? { grantedCents: item.acceptedCents } : {}) })
                    }}
                  >
                    {IS_OUTCOMES.map((o) => (
                      <option key={o} value={o}>
                        {isLabel(t, 'outcomes', o)}
                      </option>
                    ))}
                  </select>
                </div>
                <EuroInput
                  label={t('incomeSupport.decision.granted')}
                  value={item.grantedCents}
                  required
                  error={err(`items.${i}.grantedCents`)}
                  onValidity={(valid) => validity(`items.${i}`, valid)}
                  onChange={(cents) => setItem(i, { grantedCents: cents })}
                />
              </div>
              <div className={err(`items.${i}.reason`) ? 'field field-invalid' : 'field'}>
                <label htmlFor={`${base}-reason`}>{t('incomeSupport.decision.itemReason')}</label>
                <textarea
                  id={`${base}-reason`}
                  rows={2}
                  maxLength={2000}
                  value={item.reason}
                  aria-invalid={err(`items.${i}.reason`) ? true : undefined}
                  aria-describedby={err(`items.${i}.reason`) ? `${base}-reason-error` : undefined}
                  onChange={(e) => setItem(i, { reason: e.target.value })}
                />
                {err(`items.${i}.reason`) && (
                  <p id={`${base}-reason-error`} className="field-error">
                    {err(`items.${i}.reason`)}
                  </p>
                )}
              </div>
              <label className="is-check">
                <input type="checkbox" checked={item.commitment} onChange={(e) => setItem(i, { commitment: e.target.checked })} /> {t('incomeSupport.decision.commitment')}
              </label>
              {item.commitment && (
                <div className="is-row">
                  <div className="field">
                    <label htmlFor={`${base}-pk`}>{t('incomeSupport.decision.providerKind')}</label>
                    <select id={`${base}-pk`} value={item.providerKind} onChange={(e) => setItem(i, { providerKind: e.target.value as ProviderKind })}>
                      {IS_PROVIDER_KINDS.map((k) => (
                        <option key={k} value={k}>
                          {isLabel(t, 'providerKinds', k)}
                        </option>
                      ))}
                    </select>
                  </div>
                  <div className={err(`items.${i}.commitment.providerName`) ? 'field field-invalid' : 'field'}>
                    <label htmlFor={`${base}-pn`}>{t('incomeSupport.decision.providerName')}</label>
                    <input
                      id={`${base}-pn`}
                      type="text"
                      maxLength={200}
                      value={item.providerName}
                      aria-invalid={err(`items.${i}.commitment.providerName`) ? true : undefined}
                      aria-describedby={err(`items.${i}.commitment.providerName`) ? `${base}-pn-error` : undefined}
                      onChange={(e) => setItem(i, { providerName: e.target.value })}
                    />
                    {err(`items.${i}.commitment.providerName`) && (
                      <p id={`${base}-pn-error`} className="field-error">
                        {err(`items.${i}.commitment.providerName`)}
                      </p>
                    )}
                  </div>
                  <div className="field">
                    <label htmlFor={`${base}-vf`}>{t('incomeSupport.decision.validFrom')}</label>
                    <input id={`${base}-vf`} type="date" value={item.validFrom} onChange={(e) => setItem(i, { validFrom: e.target.value })} />
                  </div>
                  <div className="field">
                    <label htmlFor={`${base}-vu`}>{t('incomeSupport.decision.validUntil')}</label>
                    <input id={`${base}-vu`} type="date" value={item.validUntil} onChange={(e) => setItem(i, { validUntil: e.target.value })} />
                  </div>
                </div>
              )}
            </fieldset>
          )
        })}
        <p className="is-decision-total">{t('incomeSupport.decision.total', { amount: formatEuros(total) })}</p>
        <div className={err('reasons') ? 'field field-invalid' : 'field'}>
          <label htmlFor={`${id}-reasons`}>{t('incomeSupport.decision.reasons')}</label>
          <p id={`${id}-reasons-hint`} className="field-hint">
            {t('incomeSupport.decision.reasonsHint')}
          </p>
          <textarea
            id={`${id}-reasons`}
            rows={5}
            maxLength={8000}
            value={reasons}
            aria-invalid={err('reasons') ? true : undefined}
            aria-describedby={[`${id}-reasons-hint`, err('reasons') ? `${id}-reasons-error` : ''].filter(Boolean).join(' ')}
            onChange={(e) => setReasons(e.target.value)}
          />
          {err('reasons') && (
            <p id={`${id}-reasons-error`} className="field-error">
              {err('reasons')}
            </p>
          )}
        </div>
        <div className="is-row">
          <fieldset className="field is-language">
            <legend>{t('incomeSupport.decision.language')}</legend>
            {(['fi', 'sv'] as const).map((l) => (
              <label key={l} className="is-check">
                <input type="radio" name={`${id}-language`} value={l} checked={language === l} onChange={() => setLanguage(l)} /> {t(`incomeSupport.decision.languages.${l}`)}
              </label>
            ))}
          </fieldset>
          <div className={err('decidedOn') ? 'field field-invalid' : 'field'}>
            <label htmlFor={`${id}-date`}>{t('incomeSupport.decision.decidedOn')}</label>
            <input id={`${id}-date`} type="date" value={decidedOn} onChange={(e) => setDecidedOn(e.target.value)} />
            {err('decidedOn') && <p className="field-error">{err('decidedOn')}</p>}
          </div>
        </div>
        <div className={err('iban') ? 'field field-invalid is-iban' : 'field is-iban'}>
          <label htmlFor={`${id}-iban`}>{t('incomeSupport.decision.iban')}</label>
          <p id={`${id}-iban-hint`} className="field-hint">
            {t('incomeSupport.decision.ibanHint')}
          </p>
          <input
            id={`${id}-iban`}
            type="text"
            autoComplete="off"
            maxLength={42}
            value={iban}
            aria-invalid={err('iban') ? true : undefined}
            aria-describedby={[`${id}-iban-hint`, err('iban') ? `${id}-iban-error` : ''].filter(Boolean).join(' ')}
            onChange={(e) => setIban(e.target.value)}
          />
          {err('iban') && (
            <p id={`${id}-iban-error`} className="field-error">
              {err('iban')}
            </p>
          )}
        </div>
        <ErrorAlert error={failure?.text} messages={failure?.messages ?? []} />
        <div className="button-row">
          <button type="button" className="button" disabled={busy !== undefined || unsaved} onClick={() => void preview()}>
            {busy === 'preview' ? t('incomeSupport.decision.previewing') : t('incomeSupport.decision.preview')}
          </button>
          <button type="submit" className="button button-primary" disabled={busy !== undefined || unsaved}>
            {busy === 'decide' ? t('incomeSupport.decision.deciding') : t('incomeSupport.decision.decide')}
          </button>
        </div>
        {previewUrl && (
          <p>
            <a href={previewUrl} target="_blank" rel="noreferrer">
              {t('incomeSupport.decision.openPreview')}
            </a>
          </p>
        )}
      </form>
      {confirming && (
        <ConfirmDialog
          title={t('incomeSupport.decision.confirmTitle')}
          confirmLabel={t('incomeSupport.decision.confirmDecide', { total: formatEuros(total) })}
          busy={busy !== undefined}
          onConfirm={() => void decideNow(confirming)}
          onCancel={() => setConfirming(undefined)}
        >
          <p>
            {t('incomeSupport.decision.confirmWhat', {
              date: formatDate(confirming.decidedOn),
              language: t(`incomeSupport.decision.languages.${language}`),
              total: formatEuros(total),
              granted: confirming.items.filter((item) => item.outcome !== 'refused').length,
              count: confirming.items.length,
            })}
          </p>
          {latest && <p>{t('incomeSupport.decision.confirmCorrects', { number: latest.number })}</p>}
          {commitments(confirming) > 0 && <p>{t('incomeSupport.decision.confirmCommitments', { count: commitments(confirming) })}</p>}
          <p className="confirm-warning">{t('incomeSupport.decision.confirmEffect')}</p>
        </ConfirmDialog>
      )}
    </section>
  )
}

const commitments = (body: DecisionInput) => body.items.filter((item) => item.commitment).length

function draftItem(kind: ItemDraft['kind'], index: number, label: string, claimed: number, accepted: number, application: Application): ItemDraft {
  return {
    kind,
    index,
    label,
    claimedCents: claimed,
    acceptedCents: accepted,
    // What the handler accepted into the calculation is what a grant is measured against: granted = all of it,
    // partly granted = less, refused = nothing.
    outcome: accepted > 0 ? 'granted' : 'refused',
    grantedCents: accepted,
    reason: '',
    commitment: false,
    providerKind: 'pharmacy',
    providerName: '',
    validFrom: application.periodStart,
    validUntil: application.periodEnd,
  }
}


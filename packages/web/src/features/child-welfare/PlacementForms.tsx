import { POSITIONS, type ChildWelfareRecord, type Position } from '@huoma/contract'
import type { TFunction } from 'i18next'
import { useId, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { TextField } from '../../components/TextField'
import { useFormErrors } from '../../components/useFormErrors'
import type { FieldErrors } from '../../lib/fieldErrors'
import { formatDate, todayInHelsinki } from '../../lib/format'
import { recordApi } from './api'
import { FailureAlert, type RecordChanged } from './display'
import { tooLong } from './draft'
import { RadioGroup, TextAreaField } from '../../components/FormFields'
import { checkPlace, defaultDecisionLanguage, emptyPlace, LanguageField, PLACE_FIELDS, placeBody, PlaceFields, type PlaceDraft } from './PlaceFields'
import { anyObjection, careOrderParties, emptyPosition, openUrgentPlacement, positionsBody, type Party, type PositionDraft } from './record'
import { usePathErrors } from './usePathErrors'

const MIN_REASONS = 10
const MAX_REASONS = 20_000

interface FormProps {
  record: ChildWelfareRecord
  onChanged: RecordChanged
  reload: () => void
  onCancel: () => void
  onDone: () => void
}

/** The decision's reasons: at least 10 characters, at most what the server takes. */
function reasonsIssue(t: TFunction, text: string): string | undefined {
  return text.trim().length < MIN_REASONS ? t('childWelfare.record.reasonsRequired') : tooLong(t, text, MAX_REASONS)
}

const URGENT_FIELDS = ['decidedOn', 'placedOn', ...PLACE_FIELDS, 'decisionReasons', 'language'] as const
type UrgentField = (typeof URGENT_FIELDS)[number]

/**
 * The urgent placement (LSL 38 §): the decision day and the day the child was placed, the form and the place, the
 * reasons for placing (THL's codes) and the decision's reasons. Its statutory end (day 30) goes on the worklist.
 */
export function UrgentPlacementForm({ record: r, onChanged, reload, onCancel, onDone }: FormProps) {
  const { t } = useTranslation()
  const today = todayInHelsinki()
  const [decidedOn, setDecidedOn] = useState(today)
  const [placedOn, setPlacedOn] = useState(today)
  const [place, setPlace] = useState<PlaceDraft>(emptyPlace)
  const [decisionReasons, setDecisionReasons] = useState('')
  const [language, setLanguage] = useState(defaultDecisionLanguage)
  const [saving, setSaving] = useState(false)
  const { fieldErrors, error, register, check, fail } = useFormErrors(URGENT_FIELDS)

  async function submit(event: FormEvent) {
    event.preventDefault()
    const found: Partial<Record<UrgentField, string>> = { ...checkPlace(t, place) }
    if (!decidedOn) found.decidedOn = t('childWelfare.record.dateRequired')
    if (!placedOn) found.placedOn = t('childWelfare.record.dateRequired')
    const reasons = reasonsIssue(t, decisionReasons)
    if (reasons) found.decisionReasons = reasons
    // the field order, for the focus: dates first, then the place
    const ordered = Object.fromEntries(URGENT_FIELDS.filter((f) => found[f]).map((f) => [f, found[f]]))
    if (!check(ordered) || !place.form) return
    setSaving(true)
    try {
      const next = await recordApi.urgentPlacement(r.person.id, { decidedOn, placedOn, ...placeBody({ ...place, form: place.form }), decisionReasons, language })
      onDone()
      onChanged(next, t('childWelfare.record.urgent.saved'))
    } catch (failure) {
      fail(failure)
      setSaving(false)
    }
  }

  return (
    <form noValidate onSubmit={(e) => void submit(e)} className="cw-subform" aria-label={t('childWelfare.record.urgent.heading')}>
      <p className="field-hint">{t('childWelfare.record.urgent.intro')}</p>
      <div className="cw-grid">
        <TextField name="decidedOn" type="date" label={t('childWelfare.record.decidedOn')} max={today} value={decidedOn} onChange={(e) => setDecidedOn(e.target.value)} error={fieldErrors.decidedOn} ref={register('decidedOn')} />
        <TextField name="placedOn" type="date" label={t('childWelfare.record.urgent.placedOn')} value={placedOn} onChange={(e) => setPlacedOn(e.target.value)} error={fieldErrors.placedOn} ref={register('placedOn')} />
      </div>
      <PlaceFields value={place} onChange={setPlace} errors={fieldErrors} register={register} />
      <TextAreaField
        name="decisionReasons"
        label={t('childWelfare.record.decisionReasons')}
        hint={t('childWelfare.record.decisionReasonsHint')}
        rows={5}
        max={MAX_REASONS}
        value={decisionReasons}
        onChange={(e) => setDecisionReasons(e.target.value)}
        error={fieldErrors.decisionReasons}
        ref={register('decisionReasons')}
      />
      <LanguageField value={language} onChange={setLanguage} error={fieldErrors.language} register={register('language')} />
      <FailureAlert error={error} conflict={false} onReload={reload} />
      <div className="button-row">
        <button type="submit" className="button button-primary" disabled={saving}>
          {saving ? t('childWelfare.notification.saving') : t('childWelfare.record.urgent.save')}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          {t('childWelfare.record.cancel')}
        </button>
      </div>
    </form>
  )
}

/** The fields of the care order form in their order, the positions' fields by their place in the body. */
function careOrderFieldOrder(parties: readonly Party[]): string[] {
  return [
    'decidedOn',
    'positions',
    ...parties.flatMap((_, i) => [`positions.${i}.position`, `positions.${i}.heardOn`, `positions.${i}.note`]),
    ...PLACE_FIELDS,
    'startsOn',
    'decisionReasons',
    'language',
  ]
}

/**
 * The care order (LSL 40 §): every guardian's position and the child's from the age of 12 (consent, objection, or
 * not heard with the reason), the place and the reasons, the day the substitute care begins. When nobody objects it
 * is the official's decision (an urgent placement ends the day before the care begins); when someone objects it is
 * prepared as an application to the administrative court, with its PDF to file.
 */
export function CareOrderForm({ record: r, onChanged, reload, onCancel, onDone }: FormProps) {
  const { t } = useTranslation()
  const id = useId()
  const today = todayInHelsinki()
  const [decidedOn, setDecidedOn] = useState(today)
  const [drafts, setDrafts] = useState<Record<string, PositionDraft>>({})
  const [place, setPlace] = useState<PlaceDraft>(emptyPlace)
  const [startsOn, setStartsOn] = useState(today)
  const [decisionReasons, setDecisionReasons] = useState('')
  const [language, setLanguage] = useState(defaultDecisionLanguage)
  const [saving, setSaving] = useState(false)
  const { errors, failure, register, check, fail } = usePathErrors()
  const parties = careOrderParties(r, decidedOn)
  const objection = anyObjection(parties, drafts)
  const urgent = openUrgentPlacement(r)
  const order = careOrderFieldOrder(parties)
  const draftOf = (personId: string) => drafts[personId] ?? emptyPosition()
  const setDraft = (personId: string, change: Partial<PositionDraft>) => setDrafts((all) => ({ ...all, [personId]: { ...(all[personId] ?? emptyPosition()), ...change } }))

  async function submit(event: FormEvent) {
    event.preventDefault()
    const found: FieldErrors = {}
    if (!decidedOn) found.decidedOn = t('childWelfare.record.dateRequired')
    parties.forEach((party, i) => {
      const d = draftOf(party.personId)
      if (!d.position) found[`positions.${i}.position`] = t('childWelfare.record.care.positionRequired')
      else if (d.position !== 'not_heard' && !d.heardOn) found[`positions.${i}.heardOn`] = t('childWelfare.record.care.heardOnRequired')
      else if (d.heardOn && decidedOn && d.heardOn > decidedOn) found[`positions.${i}.heardOn`] = t('childWelfare.record.care.heardAfter')
      if (d.position === 'not_heard' && !d.note.trim()) found[`positions.${i}.note`] = t('childWelfare.record.care.notHeardReason')
      else if (tooLong(t, d.note, 2000)) found[`positions.${i}.note`] = tooLong(t, d.note, 2000)!
    })
    Object.assign(found, checkPlace(t, place))
    if (!startsOn) found.startsOn = t('childWelfare.record.dateRequired')
    else if (decidedOn && startsOn < decidedOn) found.startsOn = t('childWelfare.record.care.startsBeforeDecision')
    const reasons = reasonsIssue(t, decisionReasons)
    if (reasons) found.decisionReasons = reasons
    if (!check(found, order, t('childWelfare.fields.fix')) || !place.form) return
    setSaving(true)
    try {
      const body = { decidedOn, positions: positionsBody(parties, drafts), ...placeBody({ ...place, form: place.form }), startsOn, decisionReasons, language }
      const result = await recordApi.careOrder(r.person.id, body)
      const next = await recordApi.record(r.person.id)
      onDone()
      onChanged(
        next,
        result.outcome === 'decision'
          ? t('childWelfare.record.care.decided', { number: result.decisionNumber })
          : t('childWelfare.record.care.applied', { number: result.applicationNumber }),
      )
    } catch (problem) {
      fail(problem, order)
      setSaving(false)
    }
  }

  return (
    <form noValidate onSubmit={(e) => void submit(e)} className="cw-subform" aria-label={t('childWelfare.record.care.heading')}>
      <p className="field-hint">{t('childWelfare.record.care.intro')}</p>
      <TextField
        name="decidedOn"
        type="date"
        label={t('childWelfare.record.care.decidedOn')}
        max={today}
        value={decidedOn}
        onChange={(e) => setDecidedOn(e.target.value)}
        error={errors.decidedOn}
        ref={register('decidedOn')}
      />
      <fieldset className="cw-child" aria-describedby={errors.positions ? `${id}-positions-error` : undefined}>
        <legend>{t('childWelfare.record.care.positions')}</legend>
        <p className="field-hint">{t('childWelfare.record.care.positionsHint')}</p>
        {/* always there, so that a refusal of the positions can take the focus as it is shown */}
        <p id={`${id}-positions-error`} className={errors.positions ? 'field-error' : 'cw-empty'} tabIndex={-1} ref={register('positions')}>
          {errors.positions}
        </p>
        {parties.length === 0 && <p className="cw-note">{t('childWelfare.record.care.noParties')}</p>}
        {parties.map((party, i) => {
          const d = draftOf(party.personId)
          return (
            <div key={party.personId} className="cw-party">
              <RadioGroup
                legend={t(`childWelfare.record.care.partyRoles.${party.role}`, { name: party.name })}
                name={`${id}-position-${party.personId}`}
                value={d.position}
                onChange={(position: Position) => setDraft(party.personId, { position })}
                options={POSITIONS.map((p) => ({ value: p, label: t(`childWelfare.record.positions.${p}`) }))}
                error={errors[`positions.${i}.position`]}
                firstRef={register(`positions.${i}.position`)}
              />
              <div className="cw-grid">
                <TextField
                  name={`positions.${i}.heardOn`}
                  type="date"
                  label={d.position === 'not_heard' ? t('childWelfare.record.care.heardOnOptional') : t('childWelfare.record.care.heardOn')}
                  max={decidedOn || today}
                  value={d.heardOn}
                  onChange={(e) => setDraft(party.personId, { heardOn: e.target.value })}
                  error={errors[`positions.${i}.heardOn`]}
                  ref={register(`positions.${i}.heardOn`)}
                />
              </div>
              <TextAreaField
                name={`positions.${i}.note`}
                label={d.position === 'not_heard' ? t('childWelfare.record.care.noteNotHeard') : t('childWelfare.record.care.note')}
                rows={2}
                value={d.note}
                onChange={(e) => setDraft(party.personId, { note: e.target.value })}
                error={errors[`positions.${i}.note`]}
                ref={register(`positions.${i}.note`)}
              />
            </div>
          )
        })}
      </fieldset>
      {objection && <p className="cw-note cw-note-strong">{t('childWelfare.record.care.objectionNote')}</p>}
      <PlaceFields value={place} onChange={setPlace} errors={errors} register={register} />
      <TextField
        name="startsOn"
        type="date"
        label={t('childWelfare.record.care.startsOn')}
        min={decidedOn || undefined}
        value={startsOn}
        onChange={(e) => setStartsOn(e.target.value)}
        error={errors.startsOn}
        ref={register('startsOn')}
      />
      {urgent && !objection && <p className="field-hint">{t('childWelfare.record.care.endsUrgent', { date: formatDate(urgent.startsOn) })}</p>}
      <TextAreaField
        name="decisionReasons"
        label={objection ? t('childWelfare.record.care.applicationReasons') : t('childWelfare.record.decisionReasons')}
        hint={t('childWelfare.record.decisionReasonsHint')}
        rows={6}
        max={MAX_REASONS}
        value={decisionReasons}
        onChange={(e) => setDecisionReasons(e.target.value)}
        error={errors.decisionReasons}
        ref={register('decisionReasons')}
      />
      <LanguageField value={language} onChange={setLanguage} error={errors.language} register={register('language')} />
      <FailureAlert error={failure} conflict={false} onReload={reload} />
      <div className="button-row">
        <button type="submit" className="button button-primary" disabled={saving}>
          {saving ? t('childWelfare.notification.saving') : objection ? t('childWelfare.record.care.saveApplication') : t('childWelfare.record.care.saveDecision')}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          {t('childWelfare.record.cancel')}
        </button>
      </div>
    </form>
  )
}

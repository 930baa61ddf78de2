import { AFTER_CARE_MEASURES, OPEN_CARE_MEASURES, type ChildWelfareRecord, type SupportMeasure, type SupportMeasuresInput } from '@huoma/contract'
import type { TFunction } from 'i18next'
import { useId, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { TextField } from '../../components/TextField'
import { useFormErrors } from '../../components/useFormErrors'
import type { FieldErrors } from '../../lib/fieldErrors'
import { formatDate, todayInHelsinki } from '../../lib/format'
import { recordApi } from './api'
import { FailureAlert, isConflict, type RecordChanged } from './display'
import { tooLong } from './draft'
import { RadioGroup, SelectField, TextAreaField } from '../../components/FormFields'
import { checkPlace, defaultDecisionLanguage, emptyPlace, LanguageField, PLACE_FIELDS, placeBody, PlaceFields, type PlaceDraft } from './PlaceFields'
import { usePathErrors } from './usePathErrors'

export type MeasurePhase = SupportMeasure['phase']
export type MeasureCode = (typeof OPEN_CARE_MEASURES)[number] | (typeof AFTER_CARE_MEASURES)[number]
export const MEASURES_OF: Record<MeasurePhase, readonly MeasureCode[]> = { open_care: OPEN_CARE_MEASURES, after_care: AFTER_CARE_MEASURES }
/** The measures that place the child (LSL 37 §) or the young person (LSL 76 §): they need a form of care and a place. */
export const PLACING: readonly string[] = ['open_care_placement', 'after_care_placement']

const MAX_ROWS = 12
const MAX_DESCRIPTION = 2000
const MAX_REASONS = 20_000

export interface MeasureDraft {
  /** a key for React that stays with the row when another is removed */
  key: number
  code: MeasureCode | ''
  granted: 'granted' | 'refused' | ''
  description: string
  startsOn: string
  endsOn: string
  place: PlaceDraft
}

const ROW_FIELDS = ['code', 'granted', 'description', 'startsOn', 'endsOn', ...PLACE_FIELDS] as const

/** The form's fields in their order, a row's by its place in the body (`measures.2.endsOn`), for the focus. */
export function measuresFieldOrder(rows: number): string[] {
  return ['phase', 'decidedOn', 'measures', ...Array.from({ length: rows }, (_, i) => ROW_FIELDS.map((f) => `measures.${i}.${f}`)).flat(), 'decisionReasons', 'language']
}

/** The form's own checks, keyed by the paths the server uses (dotted). */
export function checkMeasures(t: TFunction, decidedOn: string, rows: readonly MeasureDraft[], decisionReasons: string): FieldErrors {
  const found: FieldErrors = {}
  if (!decidedOn) found.decidedOn = t('childWelfare.record.dateRequired')
  if (rows.length === 0) found.measures = t('childWelfare.record.measures.form.rowsRequired')
  rows.forEach((row, i) => {
    const at = (field: string, message: string | undefined) => {
      if (message) found[`measures.${i}.${field}`] = message
    }
    at('code', row.code ? undefined : t('childWelfare.record.measures.form.codeRequired'))
    at('granted', row.granted ? undefined : t('childWelfare.record.measures.form.grantedRequired'))
    at('description', row.description.trim().length < 3 ? t('childWelfare.record.measures.form.descriptionRequired') : tooLong(t, row.description, MAX_DESCRIPTION))
    at('startsOn', row.startsOn ? undefined : t('childWelfare.record.dateRequired'))
    at('endsOn', row.endsOn && row.startsOn && row.endsOn < row.startsOn ? t('childWelfare.record.measures.form.endBeforeStart') : undefined)
    if (PLACING.includes(row.code) && row.granted === 'granted') {
      for (const [field, message] of Object.entries(checkPlace(t, row.place))) at(field, message)
    }
  })
  if (decisionReasons.trim().length < 10) found.decisionReasons = t('childWelfare.record.reasonsRequired')
  else if (tooLong(t, decisionReasons, MAX_REASONS)) found.decisionReasons = tooLong(t, decisionReasons, MAX_REASONS)!
  return found
}

/** The body of the decision: the end left out when not given, the place only on a placing measure that has one. */
export function measuresBody(phase: MeasurePhase, decidedOn: string, rows: readonly MeasureDraft[], decisionReasons: string, language: 'fi' | 'sv'): SupportMeasuresInput {
  return {
    phase,
    decidedOn,
    measures: rows.map((row) => {
      const { form } = row.place
      const placing = PLACING.includes(row.code) && row.granted === 'granted' && form !== ''
      return {
        code: row.code as MeasureCode,
        granted: row.granted === 'granted',
        description: row.description.trim(),
        startsOn: row.startsOn,
        ...(row.endsOn ? { endsOn: row.endsOn } : {}),
        ...(placing ? placeBody({ ...row.place, form }) : {}),
      }
    }),
    decisionReasons,
    language,
  }
}

interface FormProps {
  record: ChildWelfareRecord
  onChanged: RecordChanged
  reload: () => void
  onCancel: () => void
  onDone: () => void
}

/**
 * A decision on support measures (LSL 34–37 §, after-care 75–76 §): the phase (after-care only while the young person
 * is entitled to it), the day, one or more measures each granted or refused with its period (a placing measure with
 * its form of care and place), and the decision's reasons. A refusal keeps everything written, the server's
 * messages at each row's fields.
 */
export function SupportMeasuresForm({ record: r, onChanged, reload, onCancel, onDone }: FormProps) {
  const { t } = useTranslation()
  const id = useId()
  const today = todayInHelsinki()
  const afterCare = r.afterCare?.eligible === true
  const newRow = (key: number): MeasureDraft => ({ key, code: '', granted: '', description: '', startsOn: today, endsOn: '', place: emptyPlace() })
  const [phase, setPhase] = useState<MeasurePhase>('open_care')
  const [decidedOn, setDecidedOn] = useState(today)
  const [rows, setRows] = useState<MeasureDraft[]>(() => [newRow(0)])
  const [decisionReasons, setDecisionReasons] = useState('')
  const [language, setLanguage] = useState(defaultDecisionLanguage)
  const [saving, setSaving] = useState(false)
  const { errors, failure, register, check, fail, clear } = usePathErrors()
  const order = measuresFieldOrder(rows.length)
  const codes = MEASURES_OF[phase]

  const setRow = (key: number, change: Partial<MeasureDraft>) => setRows((all) => all.map((row) => (row.key === key ? { ...row, ...change } : row)))
  const choosePhase = (next: MeasurePhase) => {
    setPhase(next)
    // a measure the other phase does not have is chosen again
    setRows((all) => all.map((row) => (row.code && !MEASURES_OF[next].includes(row.code) ? { ...row, code: '' } : row)))
  }
  const removeRow = (key: number) => {
    // the messages are by the rows' places, which move: they are said again on the next try
    clear()
    setRows((all) => all.filter((row) => row.key !== key))
  }

  async function submit(event: FormEvent) {
    event.preventDefault()
    if (!check(checkMeasures(t, decidedOn, rows, decisionReasons), order, t('childWelfare.fields.fix'))) return
    setSaving(true)
    try {
      const next = await recordApi.supportMeasures(r.person.id, measuresBody(phase, decidedOn, rows, decisionReasons, language))
      onDone()
      onChanged(next, t('childWelfare.record.measures.form.saved'))
    } catch (problem) {
      fail(problem, order)
      setSaving(false)
    }
  }

  return (
    <form noValidate onSubmit={(e) => void submit(e)} className="cw-subform" aria-label={t('childWelfare.record.measures.form.heading')}>
      <p className="field-hint">{t('childWelfare.record.measures.form.intro')}</p>
      {afterCare ? (
        <RadioGroup
          legend={t('childWelfare.record.measures.form.phase')}
          name={`${id}-phase`}
          value={phase}
          onChange={choosePhase}
          options={(['open_care', 'after_care'] as const).map((p) => ({ value: p, label: t(`childWelfare.record.measures.phases.${p}`) }))}
          error={errors.phase}
          firstRef={register('phase')}
        />
      ) : (
        <p className={errors.phase ? 'field-error' : 'cw-note'} tabIndex={-1} ref={register('phase')}>
          {errors.phase ?? t('childWelfare.record.measures.form.openCareOnly')}
        </p>
      )}
      <TextField name="decidedOn" type="date" label={t('childWelfare.record.decidedOn')} max={today} value={decidedOn} onChange={(e) => setDecidedOn(e.target.value)} error={errors.decidedOn} ref={register('decidedOn')} />
      <p className={errors.measures ? 'field-error' : 'cw-empty'} tabIndex={-1} ref={register('measures')}>
        {errors.measures}
      </p>
      {rows.map((row, i) => {
        const at = (field: string) => errors[`measures.${i}.${field}`]
        const placeErrors = Object.fromEntries(PLACE_FIELDS.map((f) => [f, at(f)]))
        return (
          <fieldset key={row.key} className="cw-child">
            <legend>{t('childWelfare.record.measures.form.row', { number: i + 1 })}</legend>
            <div className="cw-grid">
              <SelectField
                name={`measures.${i}.code`}
                label={t('childWelfare.record.measures.measure')}
                value={row.code}
                onChange={(e) => setRow(row.key, { code: e.target.value as MeasureCode | '' })}
                error={at('code')}
                ref={register(`measures.${i}.code`)}
              >
                <option value="">{t('childWelfare.record.measures.form.chooseCode')}</option>
                {codes.map((code) => (
                  <option key={code} value={code}>
                    {t(`childWelfare.record.measures.codes.${code}`)}
                  </option>
                ))}
              </SelectField>
            </div>
            <RadioGroup
              legend={t('childWelfare.record.measures.outcome')}
              name={`${id}-granted-${row.key}`}
              value={row.granted}
              onChange={(granted) => setRow(row.key, { granted })}
              options={[
                { value: 'granted' as const, label: t('childWelfare.record.measures.form.grant') },
                { value: 'refused' as const, label: t('childWelfare.record.measures.form.refuse') },
              ]}
              error={at('granted')}
              firstRef={register(`measures.${i}.granted`)}
            />
            <TextAreaField
              name={`measures.${i}.description`}
              label={t('childWelfare.record.measures.description')}
              hint={t('childWelfare.record.measures.form.descriptionHint')}
              rows={2}
              max={MAX_DESCRIPTION}
              value={row.description}
              onChange={(e) => setRow(row.key, { description: e.target.value })}
              error={at('description')}
              ref={register(`measures.${i}.description`)}
            />
            <div className="cw-grid">
              <TextField
                name={`measures.${i}.startsOn`}
                type="date"
                label={t('childWelfare.record.measures.form.startsOn')}
                value={row.startsOn}
                onChange={(e) => setRow(row.key, { startsOn: e.target.value })}
                error={at('startsOn')}
                ref={register(`measures.${i}.startsOn`)}
              />
              <TextField
                name={`measures.${i}.endsOn`}
                type="date"
                label={t('childWelfare.record.measures.form.endsOn')}
                min={row.startsOn || undefined}
                value={row.endsOn}
                onChange={(e) => setRow(row.key, { endsOn: e.target.value })}
                error={at('endsOn')}
                ref={register(`measures.${i}.endsOn`)}
              />
            </div>
            {PLACING.includes(row.code) && row.granted !== 'refused' && (
              <PlaceFields value={row.place} onChange={(place) => setRow(row.key, { place })} errors={placeErrors} register={(f) => register(`measures.${i}.${f}`)} />
            )}
            {rows.length > 1 && (
              <div className="button-row">
                <button type="button" className="button" onClick={() => removeRow(row.key)}>
                  {t('childWelfare.record.measures.form.remove', { number: i + 1 })}
                </button>
              </div>
            )}
          </fieldset>
        )
      })}
      {rows.length < MAX_ROWS && (
        <div className="button-row">
          <button type="button" className="button" onClick={() => setRows((all) => [...all, newRow(Math.max(-1, ...all.map((row) => row.key)) + 1)])}>
            {t('childWelfare.record.measures.form.add')}
          </button>
        </div>
      )}
      <TextAreaField
        name="decisionReasons"
        label={t('childWelfare.record.decisionReasons')}
        hint={t('childWelfare.record.decisionReasonsHint')}
        rows={5}
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
          {saving ? t('childWelfare.notification.saving') : t('childWelfare.record.measures.form.save')}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          {t('childWelfare.record.cancel')}
        </button>
      </div>
    </form>
  )
}

/** A granted measure still running (no end, or one still ahead) may be ended on a day. */
export const mayEnd = (m: SupportMeasure, today: string) => m.granted && (m.endsOn === null || m.endsOn > today)

const END_FIELDS = ['endsOn', 'measure'] as const

/** Ending a support measure (and the placement of a placing one) on a day, not before it began. */
export function EndMeasureForm({ record: r, measure: m, name, onChanged, reload, onCancel, onDone }: FormProps & { measure: SupportMeasure; name: string }) {
  const { t } = useTranslation()
  const today = todayInHelsinki()
  const [endsOn, setEndsOn] = useState(m.endsOn && m.endsOn < today ? m.endsOn : today)
  const [saving, setSaving] = useState(false)
  const [conflict, setConflict] = useState(false)
  const { fieldErrors, error, register, check, fail } = useFormErrors(END_FIELDS)

  async function submit(event: FormEvent) {
    event.preventDefault()
    setConflict(false)
    const found: Partial<Record<(typeof END_FIELDS)[number], string>> = {}
    if (!endsOn) found.endsOn = t('childWelfare.record.dateRequired')
    else if (endsOn < m.startsOn) found.endsOn = t('childWelfare.record.measures.end.beforeStart', { date: formatDate(m.startsOn) })
    if (!check(found)) return
    setSaving(true)
    try {
      const next = await recordApi.endMeasure(r.person.id, m.id, endsOn, m.version)
      onDone()
      onChanged(next, t('childWelfare.record.measures.end.saved', { name, date: formatDate(endsOn) }))
    } catch (failure) {
      setConflict(isConflict(failure))
      fail(failure)
      setSaving(false)
    }
  }

  return (
    <form noValidate onSubmit={(e) => void submit(e)} className="cw-subform" aria-label={t('childWelfare.record.measures.end.heading', { name })}>
      <p className={fieldErrors.measure ? 'field-error' : 'cw-empty'} tabIndex={-1} ref={register('measure')}>
        {fieldErrors.measure}
      </p>
      <TextField
        name="endsOn"
        type="date"
        label={t('childWelfare.record.measures.end.endsOn')}
        min={m.startsOn}
        value={endsOn}
        onChange={(e) => setEndsOn(e.target.value)}
        error={fieldErrors.endsOn}
        ref={register('endsOn')}
      />
      <FailureAlert error={error} conflict={conflict} onReload={reload} conflictText={t('childWelfare.record.conflict')} reloadText={t('childWelfare.record.reload')} />
      <div className="button-row">
        <button type="submit" className="button button-primary" disabled={saving}>
          {saving ? t('childWelfare.notification.saving') : t('childWelfare.record.measures.end.save')}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          {t('childWelfare.record.cancel')}
        </button>
      </div>
    </form>
  )
}

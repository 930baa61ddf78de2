import { HOUSING_KINDS, INCOME_SOURCES, type LifeSituation, type LifeSituationHistory, type LifeSituationRecord } from '@huoma/contract'
import { useCallback, useEffect, useId, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { ApiError, describeError, type ErrorText } from '../../api/client'
import { ErrorAlert } from '../../components/Alert'
import { TextField } from '../../components/TextField'
import { useFormErrors } from '../../components/useFormErrors'
import { can, useUser } from '../../session/context'
import { personsApi } from './api'
import { SelectField } from './SelectField'
import { formatDateTime } from '../../lib/format'
import { FoldingPanel } from '../../components/FoldingPanel'

const FIELDS = ['housingKind', 'household', 'incomeSource', 'notes'] as const
type Field = (typeof FIELDS)[number]

/**
 * Asumis- ja elämäntilanne: the current housing kind, household, income source and notes, who recorded them and when,
 * and the earlier situations. A save records a new situation based on the one shown (409 if another came first).
 */
export function LifeSituationSection({ personId }: { personId: string }) {
  const { t } = useTranslation()
  const user = useUser()
  const [data, setData] = useState<LifeSituationHistory>()
  const [loadError, setLoadError] = useState<ErrorText>()
  const [editing, setEditing] = useState(false)
  const [done, setDone] = useState(false)
  const [conflict, setConflict] = useState<ErrorText>()

  const load = useCallback(
    (signal?: AbortSignal) =>
      personsApi
        .lifeSituation(personId, signal)
        .then(setData)
        .catch((failure: unknown) => {
          if (!signal?.aborted) setLoadError(describeError(failure))
        }),
    [personId],
  )
  useEffect(() => {
    const controller = new AbortController()
    void load(controller.signal)
    return () => controller.abort()
  }, [load])

  return (
    <FoldingPanel panel="card:life-situation" className="card-section" title={t('persons.lifeSituation.title')} actions={
        <>
        {data && can(user, 'persons:life-situation-record') && !editing && (
          <button
            type="button"
            className="button button-small"
            aria-label={t('persons.lifeSituation.update')}
            onClick={() => {
              setDone(false)
              setConflict(undefined)
              setEditing(true)
            }}
          >
            {t('persons.card.edit')}
          </button>
        )}
        </>
      }>
      <div role="status" className="status-region">
        {done && <p className="notice">{t('persons.lifeSituation.saved')}</p>}
      </div>
      {conflict && (
        <div role="alert" className="alert alert-error">
          <p className="alert-title">{t('persons.card.conflict')}</p>
          {conflict.detail && <p>{conflict.detail}</p>}
          <p>{t('persons.card.conflictHint')}</p>
        </div>
      )}
      <ErrorAlert error={loadError} />
      {data === undefined && !loadError && <p className="muted">{t('persons.card.loading')}</p>}
      {data && editing && (
        <LifeSituationForm
          current={data.current}
          onCancel={() => setEditing(false)}
          onSaved={() => {
            setEditing(false)
            setDone(true)
            void load()
          }}
          onConflict={(text) => {
            setEditing(false)
            setConflict(text)
            void load()
          }}
          save={(body) => personsApi.recordLifeSituation(personId, body)}
        />
      )}
      {data && !editing && (data.current ? <SituationFacts situation={data.current} /> : <p className="muted">{t('persons.lifeSituation.none')}</p>)}
      {data && data.history.length > 0 && (
        <details className="life-history">
          <summary>{t('persons.lifeSituation.history', { count: data.history.length })}</summary>
          <ol className="plain-list">
            {data.history.map((s) => (
              <li key={s.id}>
                <SituationFacts situation={s} />
              </li>
            ))}
          </ol>
        </details>
      )}
    </FoldingPanel>
  )
}

function SituationFacts({ situation: s }: { situation: LifeSituation }) {
  const { t } = useTranslation()
  return (
    <dl className="facts">
      <dt>{t('persons.lifeSituation.fields.housingKind')}</dt>
      <dd>{t(`persons.lifeSituation.housingKinds.${s.housingKind}`)}</dd>
      <dt>{t('persons.lifeSituation.fields.household')}</dt>
      <dd>{s.household ?? '–'}</dd>
      <dt>{t('persons.lifeSituation.fields.incomeSource')}</dt>
      <dd>{t(`persons.lifeSituation.incomeSources.${s.incomeSource}`)}</dd>
      {s.notes && (
        <>
          <dt>{t('persons.lifeSituation.fields.notes')}</dt>
          <dd>{s.notes}</dd>
        </>
      )}
      <dt>{t('persons.lifeSituation.recorded')}</dt>
      <dd>
        {formatDateTime(s.recordedAt)}
        {s.recordedBy && <> · {s.recordedBy}</>}
      </dd>
    </dl>
  )
}

function LifeSituationForm({
  current,
  save,
  onCancel,
  onSaved,
  onConflict,
}: {
  current: LifeSituation | null
  save: (body: LifeSituationRecord) => Promise<unknown>
  onCancel: () => void
  onSaved: () => void
  onConflict: (text: ErrorText) => void
}) {
  const { t } = useTranslation()
  const id = useId()
  const [values, setValues] = useState<Record<Field, string>>({
    housingKind: current?.housingKind ?? '',
    household: current?.household ?? '',
    incomeSource: current?.incomeSource ?? '',
    notes: current?.notes ?? '',
  })
  const [saving, setSaving] = useState(false)
  const { fieldErrors, error, register, check, fail } = useFormErrors(FIELDS)
  const set = (field: Field) => (event: { target: { value: string } }) => setValues((v) => ({ ...v, [field]: event.target.value }))

  useEffect(() => {
    document.getElementById(`${id}-housing`)?.focus()
  }, [id])

  async function submit(event: FormEvent) {
    event.preventDefault()
    const found: Partial<Record<Field, string>> = {}
    if (!values.housingKind) found.housingKind = t('persons.lifeSituation.housingRequired')
    if (!values.incomeSource) found.incomeSource = t('persons.lifeSituation.incomeRequired')
    if (!check(found)) return
    setSaving(true)
    try {
      await save({
        basedOn: current?.id ?? null,
        housingKind: values.housingKind as LifeSituationRecord['housingKind'],
        incomeSource: values.incomeSource as LifeSituationRecord['incomeSource'],
        household: values.household.trim() || null,
        notes: values.notes.trim() || null,
      })
      onSaved()
    } catch (failure) {
      setSaving(false)
      if (failure instanceof ApiError && failure.status === 409) return onConflict(describeError(failure))
      fail(failure)
    }
  }

  return (
    <form noValidate onSubmit={submit} className="form">
      <ErrorAlert error={error?.text} messages={error?.messages} />
      <div className="form-grid">
        <SelectField
          id={`${id}-housing`}
          name="housingKind"
          label={t('persons.lifeSituation.fields.housingKind')}
          placeholder={t('persons.card.choose')}
          value={values.housingKind}
          onChange={set('housingKind')}
          error={fieldErrors.housingKind}
          ref={register('housingKind')}
          options={HOUSING_KINDS.map((k) => ({ value: k, label: t(`persons.lifeSituation.housingKinds.${k}`) }))}
        />
        <SelectField
          name="incomeSource"
          label={t('persons.lifeSituation.fields.incomeSource')}
          placeholder={t('persons.card.choose')}
          value={values.incomeSource}
          onChange={set('incomeSource')}
          error={fieldErrors.incomeSource}
          ref={register('incomeSource')}
          options={INCOME_SOURCES.map((k) => ({ value: k, label: t(`persons.lifeSituation.incomeSources.${k}`) }))}
        />
        <TextField name="household" label={t('persons.lifeSituation.fields.household')} value={values.household} onChange={set('household')} error={fieldErrors.household} ref={register('household')} maxLength={500} autoComplete="off" />
        <TextField name="notes" label={t('persons.lifeSituation.fields.notes')} value={values.notes} onChange={set('notes')} error={fieldErrors.notes} ref={register('notes')} maxLength={2000} autoComplete="off" />
      </div>
      <div className="form-buttons">
        <button type="submit" className="button button-primary" disabled={saving}>
          {saving ? t('persons.card.saving') : t('persons.card.save')}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          {t('persons.card.cancel')}
        </button>
      </div>
    </form>
  )
}

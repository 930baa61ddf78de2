import type { Relationship, RelationshipEnd, RelationshipOpen } from '@huoma/contract'
import { useId, useRef, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { ApiError, describeError, type ErrorText } from '../../api/client'
import { ErrorAlert } from '../../components/Alert'
import { TextField } from '../../components/TextField'
import { can, useUser } from '../../session/context'
import { personsApi } from './api'
import { codeLabel, codesOf } from './labels'
import { SelectField } from './SelectField'
import { splitFieldErrors } from '../../lib/fieldErrors'
import { formatRegisterDate, parseFinnishDate } from '../../lib/format'
import { serviceTaskName, SERVICE_TASK_CODES } from '../../lib/labels'
import { FoldingPanel } from '../../components/FoldingPanel'

interface Props {
  personId: string
  relationships: readonly Relationship[]
  onChanged: () => void
}

/** Asiakkuudet: the client relationships per service task, and the forms that open and end them. */
export function RelationshipsSection({ personId, relationships, onChanged }: Props) {
  const { t } = useTranslation()
  const user = useUser()
  const [opening, setOpening] = useState(false)
  const [ending, setEnding] = useState<Relationship>()
  const [done, setDone] = useState<string>()

  return (
    <FoldingPanel panel="card:relationships" className="card-section" title={t('persons.card.relationships')} actions={
        <>
        {can(user, 'relationships:open') && !opening && (
          <button
            type="button"
            className="button button-small"
            onClick={() => {
              setDone(undefined)
              setEnding(undefined)
              setOpening(true)
            }}
          >
            {t('persons.card.openRelationship')}
          </button>
        )}
        </>
      }>
      <div role="status" className="status-region">
        {done && <p className="notice">{done}</p>}
      </div>
      {relationships.length === 0 ? (
        <p className="muted">{t('persons.card.noRelationships')}</p>
      ) : (
        <table className="compact">
          <thead>
            <tr>
              <th scope="col">{t('persons.card.serviceTask')}</th>
              <th scope="col">{t('persons.card.worker')}</th>
              <th scope="col">{t('persons.card.started')}</th>
              <th scope="col">{t('persons.card.ended')}</th>
              {can(user, 'relationships:end') && (
                <th scope="col">
                  <span className="visually-hidden">{t('persons.card.actions')}</span>
                </th>
              )}
            </tr>
          </thead>
          <tbody>
            {relationships.map((r) => (
              <tr key={r.id}>
                <td>{serviceTaskName(t, r.serviceTask)}</td>
                <td>
                  {r.userName}
                  <span className="muted small block">{codeLabel(t, 'relationKinds', r.kind)}</span>
                </td>
                <td>
                  {formatRegisterDate(r.startDate)}
                  {/* clerical access sees a sensitive service's relationship without its reason */}
                  {r.serviceTask !== 'confidential' && <span className="muted small block">{codeLabel(t, 'startReasons', r.startReason)}</span>}
                </td>
                <td>
                  {r.endDate ? (
                    <>
                      {formatRegisterDate(r.endDate)}
                      {r.endReason && <span className="muted small block">{codeLabel(t, 'endReasons', r.endReason)}</span>}
                    </>
                  ) : (
                    <span className="badge badge-ok">{t('persons.card.ongoing')}</span>
                  )}
                </td>
                {can(user, 'relationships:end') && (
                  <td>
                    {!r.endDate && (
                      <button
                        type="button"
                        className="button button-small"
                        aria-label={t('persons.card.endRelationshipOf', { task: serviceTaskName(t, r.serviceTask) })}
                        onClick={() => {
                          setDone(undefined)
                          setOpening(false)
                          setEnding(r)
                        }}
                      >
                        {t('persons.card.endRelationship')}
                      </button>
                    )}
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {opening && (
        <OpenForm
          personId={personId}
          onCancel={() => setOpening(false)}
          onDone={() => {
            setOpening(false)
            setDone(t('persons.card.relationshipOpened'))
            onChanged()
          }}
        />
      )}
      {ending && (
        <EndForm
          key={ending.id}
          personId={personId}
          relationship={ending}
          onCancel={() => setEnding(undefined)}
          onDone={() => {
            setEnding(undefined)
            setDone(t('persons.card.relationshipEnded'))
            onChanged()
          }}
        />
      )}
    </FoldingPanel>
  )
}

const OPEN_FIELDS = ['serviceTask', 'kind', 'startDate', 'startReason', 'userId', 'selfReason'] as const
type OpenField = (typeof OPEN_FIELDS)[number]

function OpenForm({ personId, onCancel, onDone }: { personId: string; onCancel: () => void; onDone: () => void }) {
  const { t } = useTranslation()
  const user = useUser()
  const id = useId()
  const [values, setValues] = useState({ serviceTask: '', kind: 'responsible', startDate: '', startReason: '', selfReason: '' })
  const [errors, setErrors] = useState<Partial<Record<OpenField, string>>>({})
  const [error, setError] = useState<{ text: ErrorText; messages: string[] }>()
  const [busy, setBusy] = useState(false)
  const form = useRef<HTMLFormElement>(null)
  const set = (field: keyof typeof values) => (event: { target: { value: string } }) => setValues((v) => ({ ...v, [field]: event.target.value }))

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    const found: Partial<Record<OpenField, string>> = {}
    if (!values.serviceTask) found.serviceTask = t('persons.register.taskRequired')
    const startDate = values.startDate.trim() ? parseFinnishDate(values.startDate) : undefined
    if (values.startDate.trim() && !startDate) found.startDate = t('persons.card.dateFormat')
    if (!values.startReason) found.startReason = t('persons.card.startReasonRequired')
    setErrors(found)
    setError(undefined)
    const first = OPEN_FIELDS.find((f) => found[f])
    if (first) return form.current?.querySelector<HTMLElement>(`[name="${first}"]`)?.focus()
    const body: RelationshipOpen = {
      serviceTask: values.serviceTask as RelationshipOpen['serviceTask'],
      userId: user.id,
      kind: values.kind as RelationshipOpen['kind'],
      startReason: values.startReason as RelationshipOpen['startReason'],
      ...(startDate ? { startDate } : {}),
      ...(values.selfReason.trim() ? { selfReason: values.selfReason.trim() } : {}),
    }
    setBusy(true)
    try {
      await personsApi.openRelationship(personId, body)
      onDone()
    } catch (failure) {
      setBusy(false)
      const { byField, other } = failure instanceof ApiError ? splitFieldErrors(failure.problem, OPEN_FIELDS) : { byField: {}, other: [] }
      // The worker is always the user here: a refusal of the worker is about the chosen service task.
      if (byField.userId) byField.serviceTask = byField.userId
      setErrors(byField)
      setError({ text: describeError(failure), messages: other })
      const firstInvalid = OPEN_FIELDS.find((f) => byField[f])
      if (firstInvalid) form.current?.querySelector<HTMLElement>(`[name="${firstInvalid === 'userId' ? 'serviceTask' : firstInvalid}"]`)?.focus()
    }
  }

  return (
    <form ref={form} noValidate onSubmit={submit} className="form subform" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`} className="subheading">
        {t('persons.card.openRelationshipHeading')}
      </h3>
      <ErrorAlert error={error?.text} messages={error?.messages} />
      <p className="muted">{t('persons.card.workerSelf', { name: user.displayName })}</p>
      <div className="form-row">
        <SelectField
          name="serviceTask"
          label={t('persons.card.serviceTask')}
          placeholder={t('persons.register.chooseTask')}
          value={values.serviceTask}
          onChange={set('serviceTask')}
          error={errors.serviceTask}
          options={SERVICE_TASK_CODES.map((c) => ({ value: c, label: serviceTaskName(t, c) }))}
        />
        <SelectField
          name="kind"
          label={t('persons.card.kind')}
          value={values.kind}
          onChange={set('kind')}
          error={errors.kind}
          options={codesOf('relationKinds').map((c) => ({ value: c, label: codeLabel(t, 'relationKinds', c) }))}
        />
        <TextField
          name="startDate"
          label={`${t('persons.card.startDate')} (${t('persons.card.dateHint')})`}
          value={values.startDate}
          onChange={set('startDate')}
          error={errors.startDate}
          inputMode="numeric"
          autoComplete="off"
        />
        <SelectField
          name="startReason"
          label={t('persons.card.startReason')}
          placeholder={t('persons.card.choose')}
          value={values.startReason}
          onChange={set('startReason')}
          error={errors.startReason}
          options={codesOf('startReasons').map((c) => ({ value: c, label: codeLabel(t, 'startReasons', c) }))}
        />
      </div>
      <TextField
        name="selfReason"
        label={t('persons.card.selfReason')}
        value={values.selfReason}
        onChange={set('selfReason')}
        error={errors.selfReason}
        maxLength={1000}
        autoComplete="off"
      />
      <p className="muted small">{t('persons.card.selfReasonHint')}</p>
      <div className="form-buttons">
        <button type="submit" className="button button-primary" disabled={busy}>
          {t('persons.card.openRelationship')}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          {t('persons.card.cancel')}
        </button>
      </div>
    </form>
  )
}

const END_FIELDS = ['endDate', 'endReason'] as const
type EndField = (typeof END_FIELDS)[number]

function EndForm({ personId, relationship, onCancel, onDone }: { personId: string; relationship: Relationship; onCancel: () => void; onDone: () => void }) {
  const { t } = useTranslation()
  const id = useId()
  const [endDate, setEndDate] = useState('')
  const [endReason, setEndReason] = useState('')
  const [errors, setErrors] = useState<Partial<Record<EndField, string>>>({})
  const [error, setError] = useState<{ text: ErrorText; messages: string[] }>()
  const [busy, setBusy] = useState(false)
  const form = useRef<HTMLFormElement>(null)
  const task = serviceTaskName(t, relationship.serviceTask)

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    const found: Partial<Record<EndField, string>> = {}
    const date = endDate.trim() ? parseFinnishDate(endDate) : undefined
    if (endDate.trim() && !date) found.endDate = t('persons.card.dateFormat')
    if (!endReason) found.endReason = t('persons.card.endReasonRequired')
    setErrors(found)
    setError(undefined)
    const first = END_FIELDS.find((f) => found[f])
    if (first) return form.current?.querySelector<HTMLElement>(`[name="${first}"]`)?.focus()
    const body: RelationshipEnd = { endReason: endReason as RelationshipEnd['endReason'], ...(date ? { endDate: date } : {}) }
    setBusy(true)
    try {
      await personsApi.endRelationship(personId, relationship.id, body)
      onDone()
    } catch (failure) {
      setBusy(false)
      const { byField, other } = failure instanceof ApiError ? splitFieldErrors(failure.problem, END_FIELDS) : { byField: {}, other: [] }
      setErrors(byField)
      setError({ text: describeError(failure), messages: other })
    }
  }

  return (
    <form ref={form} noValidate onSubmit={submit} className="form subform" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`} className="subheading">
        {t('persons.card.endRelationshipOf', { task })}
      </h3>
      <ErrorAlert error={error?.text} messages={error?.messages} />
      <div className="form-row">
        <TextField
          name="endDate"
          label={`${t('persons.card.endDate')} (${t('persons.card.dateHint')})`}
          value={endDate}
          onChange={(e) => setEndDate(e.target.value)}
          error={errors.endDate}
          inputMode="numeric"
          autoComplete="off"
        />
        <SelectField
          name="endReason"
          label={t('persons.card.endReason')}
          placeholder={t('persons.card.choose')}
          value={endReason}
          onChange={(e) => setEndReason(e.target.value)}
          error={errors.endReason}
          options={codesOf('endReasons').map((c) => ({ value: c, label: codeLabel(t, 'endReasons', c) }))}
        />
      </div>
      <div className="form-buttons">
        <button type="submit" className="button button-primary" disabled={busy}>
          {t('persons.card.endRelationship')}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          {t('persons.card.cancel')}
        </button>
      </div>
    </form>
  )
}

import type { ClientCard, FamilyRelation } from '@huoma/contract'
import { useId, useRef, useState, type FormEvent, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { ApiError, describeError, type ErrorText } from '../../api/client'
import { ErrorAlert } from '../../components/Alert'
import { TextField } from '../../components/TextField'
import { can, useUser } from '../../session/context'
import { personsApi } from './api'
import { codeLabel, codesOf } from './labels'
import { PersonMarkers } from './PersonMarkers'
import { SelectField } from './SelectField'
import { splitFieldErrors } from '../../lib/fieldErrors'
import { formatRegisterDate, parseFinnishDate } from '../../lib/format'
import { personName } from '../../lib/labels'
import { FoldingPanel } from '../../components/FoldingPanel'

/** Finds the one visible person with this henkilötunnus (the family and household forms name persons by it). */
export async function personByHetu(hetu: string): Promise<string | undefined> {
  const result = await personsApi.search({ hetu: hetu.trim().toUpperCase() })
  return result.persons[0]?.id
}

type FormErrors<F extends string> = Partial<Record<F, string>>

/**
 * A small form of the card: fields by name, local checks first, then the server's field messages under the fields
 * (`body.<field>`; `relatedId`/`personId` errors go to the henkilötunnus field that chose the person).
 */
function useCardForm<F extends string>(fields: readonly F[], alias: Partial<Record<string, F>> = {}) {
  const [errors, setErrors] = useState<FormErrors<F>>({})
  const [error, setError] = useState<{ text: ErrorText; messages: string[] }>()
  const [busy, setBusy] = useState(false)
  const form = useRef<HTMLFormElement>(null)
  const focus = (found: FormErrors<F>) => {
    const first = fields.find((f) => found[f])
    if (first) form.current?.querySelector<HTMLElement>(`[name="${first}"]`)?.focus()
  }
  async function run(found: FormErrors<F>, work: () => Promise<void>) {
    setErrors(found)
    setError(undefined)
    if (fields.some((f) => found[f])) return focus(found)
    setBusy(true)
    try {
      await work()
    } catch (failure) {
      const names = [...fields, ...(Object.keys(alias) as F[])]
      const { byField, other } = failure instanceof ApiError ? splitFieldErrors(failure.problem, names) : { byField: {} as FormErrors<F>, other: [] }
      for (const [from, to] of Object.entries(alias) as [F, F][]) {
        if (byField[from]) byField[to] = byField[from]
      }
      setErrors(byField)
      setError({ text: describeError(failure), messages: other })
      focus(byField)
    } finally {
      setBusy(false)
    }
  }
  return { errors, error, busy, form, run }
}

/** A date field: its ISO date ('' when empty or not a date) and the message for the field when it is not right. */
function dateOrError(text: string, required: boolean, message: string, requiredMessage: string): { value: string; error?: string } {
  if (!text.trim()) return required ? { value: '', error: requiredMessage } : { value: '' }
  const value = parseFinnishDate(text)
  return value ? { value } : { value: '', error: message }
}

function SubForm({ title, onSubmit, error, children, submit, busy, onCancel, formRef }: {
  title: string
  onSubmit: (e: FormEvent<HTMLFormElement>) => void
  error: { text: ErrorText; messages: string[] } | undefined
  children: ReactNode
  submit: string
  busy: boolean
  onCancel: () => void
  formRef: React.RefObject<HTMLFormElement | null>
}) {
  const { t } = useTranslation()
  const id = useId()
  return (
    <form ref={formRef} noValidate onSubmit={onSubmit} className="form subform" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`} className="subheading">
        {title}
      </h3>
      <ErrorAlert error={error?.text} messages={error?.messages} />
      <div className="form-row">{children}</div>
      <div className="form-buttons">
        <button type="submit" className="button button-primary" disabled={busy}>
          {submit}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          {t('persons.card.cancel')}
        </button>
      </div>
    </form>
  )
}

const RELATION_FIELDS = ['hetu', 'relation', 'validFrom', 'validUntil'] as const

function AddRelationForm({ personId, onDone, onCancel }: { personId: string; onDone: () => void; onCancel: () => void }) {
  const { t } = useTranslation()
  const [values, setValues] = useState({ hetu: '', relation: '', validFrom: '' })
  const f = useCardForm(RELATION_FIELDS, { relatedId: 'hetu' })
  const set = (k: keyof typeof values) => (e: { target: { value: string } }) => setValues((v) => ({ ...v, [k]: e.target.value }))

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    const found: FormErrors<(typeof RELATION_FIELDS)[number]> = {}
    if (!values.hetu.trim()) found.hetu = t('persons.edit.hetuRequired')
    if (!values.relation) found.relation = t('persons.edit.relationRequired')
    const from = dateOrError(values.validFrom, false, t('persons.card.dateFormat'), '')
    if (from.error) found.validFrom = from.error
    void f.run(found, async () => {
      const relatedId = await personByHetu(values.hetu)
      if (!relatedId) throw new ApiError({ type: 'about:blank', title: t('persons.edit.notFound'), status: 404, errors: [{ field: 'body.hetu', code: 'not_found', message: t('persons.edit.notFound') }] })
      await personsApi.addFamilyRelation(personId, {
        relatedId,
        relation: values.relation as FamilyRelation,
        ...(from.value ? { validFrom: from.value } : {}),
      })
      onDone()
    })
  }

  return (
    <SubForm title={t('persons.edit.addRelation')} onSubmit={submit} error={f.error} submit={t('persons.edit.add')} busy={f.busy} onCancel={onCancel} formRef={f.form}>
      <TextField name="hetu" label={t('persons.edit.otherHetu')} value={values.hetu} onChange={set('hetu')} error={f.errors.hetu} autoComplete="off" />
      <SelectField
        name="relation"
        label={t('persons.edit.relation')}
        placeholder={t('persons.card.choose')}
        value={values.relation}
        onChange={set('relation')}
        error={f.errors.relation}
        options={codesOf('family').map((c) => ({ value: c, label: codeLabel(t, 'family', c) }))}
      />
      <TextField
        name="validFrom"
        label={`${t('persons.card.startDate')} (${t('persons.card.dateHint')})`}
        value={values.validFrom}
        onChange={set('validFrom')}
        error={f.errors.validFrom}
        inputMode="numeric"
        autoComplete="off"
      />
    </SubForm>
  )
}

const END_FIELDS = ['validUntil'] as const

/** Ends something with an end date: a family relation or a household membership (`end` sends it). */
function EndDateForm({ title, submitLabel, end, onDone, onCancel }: {
  title: string
  submitLabel: string
  end: (body: { validUntil: string }) => Promise<unknown>
  onDone: () => void
  onCancel: () => void
}) {
  const { t } = useTranslation()
  const [validUntil, setValidUntil] = useState('')
  const f = useCardForm(END_FIELDS)
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    const until = dateOrError(validUntil, true, t('persons.card.dateFormat'), t('persons.edit.endDateRequired'))
    void f.run(until.error ? { validUntil: until.error } : {}, async () => {
      await end({ validUntil: until.value })
      onDone()
    })
  }
  return (
    <SubForm title={title} onSubmit={submit} error={f.error} submit={submitLabel} busy={f.busy} onCancel={onCancel} formRef={f.form}>
      <TextField
        name="validUntil"
        label={`${t('persons.card.endDate')} (${t('persons.card.dateHint')})`}
        value={validUntil}
        onChange={(e) => setValidUntil(e.target.value)}
        error={f.errors.validUntil}
        inputMode="numeric"
        autoComplete="off"
      />
    </SubForm>
  )
}

/** What the family section is editing: a new relation, or the end of one the server has an id for. */
type Editing<T> = { kind: 'add' } | { kind: 'end'; item: T; relationId: string } | undefined

export function FamilySection({ personId, family, onChanged }: { personId: string; family: ClientCard['family']; onChanged: () => void }) {
  const { t } = useTranslation()
  const user = useUser()
  const editable = can(user, 'persons:family')
  const [editing, setEditing] = useState<Editing<ClientCard['family'][number]>>()
  const [done, setDone] = useState<string>()
  const finish = (message: string) => () => {
    setEditing(undefined)
    setDone(message)
    onChanged()
  }
  return (
    <FoldingPanel panel="card:family" className="card-section" title={t('persons.card.family')} actions={
        <>
        {editable && !editing && (
          <button type="button" className="button button-small" onClick={() => (setDone(undefined), setEditing({ kind: 'add' }))}>
            {t('persons.edit.addRelation')}
          </button>
        )}
        </>
      }>
      <div role="status" className="status-region">
        {done && <p className="notice">{done}</p>}
      </div>
      {family.length === 0 ? (
        <p className="muted">{t('persons.card.noFamily')}</p>
      ) : (
        <table className="compact">
          <thead>
            <tr>
              <th scope="col">{t('persons.card.relation')}</th>
              <th scope="col">{t('persons.card.name')}</th>
              <th scope="col">{t('persons.register.birthDate')}</th>
              <th scope="col">{t('persons.edit.period')}</th>
              {editable && (
                <th scope="col">
                  <span className="visually-hidden">{t('persons.card.actions')}</span>
                </th>
              )}
            </tr>
          </thead>
          <tbody>
            {family.map(({ relationId, ...f }) => (
              <tr key={`${f.relation}-${f.id}-${relationId ?? ''}`}>
                <td>{codeLabel(t, 'family', f.relation)}</td>
                <td>
                  {personName(f)} <PersonMarkers turvakielto={false} deathDate={f.deathDate} />
                </td>
                <td>{formatRegisterDate(f.birthDate)}</td>
                <td>{period(f.validFrom, f.validUntil)}</td>
                {editable && (
                  <td>
                    {relationId && !f.validUntil && (
                      <button
                        type="button"
                        className="button button-small"
                        aria-label={t('persons.edit.endRelationOf', { name: personName(f) })}
                        onClick={() => (setDone(undefined), setEditing({ kind: 'end', item: f, relationId }))}
                      >
                        {t('persons.edit.end')}
                      </button>
                    )}
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {editing?.kind === 'add' && <AddRelationForm personId={personId} onCancel={() => setEditing(undefined)} onDone={finish(t('persons.edit.relationAdded'))} />}
      {editing?.kind === 'end' && (
        <EndDateForm
          key={editing.relationId}
          title={t('persons.edit.endRelationOf', { name: personName(editing.item) })}
          submitLabel={t('persons.edit.end')}
          end={(body) => personsApi.endFamilyRelation(personId, editing.relationId, body)}
          onCancel={() => setEditing(undefined)}
          onDone={finish(t('persons.edit.relationEnded'))}
        />
      )}
    </FoldingPanel>
  )
}

function period(from: string | null, until: string | null): string {
  if (!from && !until) return ''
  return `${formatRegisterDate(from)}–${until ? formatRegisterDate(until) : ''}`
}

const START_FIELDS = ['validFrom'] as const
const MEMBER_FIELDS = ['hetu', 'validFrom'] as const

function StartHouseholdForm({ personId, onDone, onCancel }: { personId: string; onDone: () => void; onCancel: () => void }) {
  const { t } = useTranslation()
  const [validFrom, setValidFrom] = useState('')
  const f = useCardForm(START_FIELDS)
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    const from = dateOrError(validFrom, true, t('persons.card.dateFormat'), t('persons.edit.startDateRequired'))
    void f.run(from.error ? { validFrom: from.error } : {}, async () => {
      await personsApi.startHousehold(personId, { validFrom: from.value })
      onDone()
    })
  }
  return (
    <SubForm title={t('persons.edit.startHousehold')} onSubmit={submit} error={f.error} submit={t('persons.edit.startHousehold')} busy={f.busy} onCancel={onCancel} formRef={f.form}>
      <TextField
        name="validFrom"
        label={`${t('persons.card.startDate')} (${t('persons.card.dateHint')})`}
        value={validFrom}
        onChange={(e) => setValidFrom(e.target.value)}
        error={f.errors.validFrom}
        inputMode="numeric"
        autoComplete="off"
      />
    </SubForm>
  )
}

function AddMemberForm({ personId, onDone, onCancel }: { personId: string; onDone: () => void; onCancel: () => void }) {
  const { t } = useTranslation()
  const [values, setValues] = useState({ hetu: '', validFrom: '' })
  const f = useCardForm(MEMBER_FIELDS, { personId: 'hetu' })
  const set = (k: keyof typeof values) => (e: { target: { value: string } }) => setValues((v) => ({ ...v, [k]: e.target.value }))
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    const found: FormErrors<(typeof MEMBER_FIELDS)[number]> = {}
    if (!values.hetu.trim()) found.hetu = t('persons.edit.hetuRequired')
    const from = dateOrError(values.validFrom, true, t('persons.card.dateFormat'), t('persons.edit.startDateRequired'))
    if (from.error) found.validFrom = from.error
    void f.run(found, async () => {
      const memberId = await personByHetu(values.hetu)
      if (!memberId) throw new ApiError({ type: 'about:blank', title: t('persons.edit.notFound'), status: 404, errors: [{ field: 'body.hetu', code: 'not_found', message: t('persons.edit.notFound') }] })
      await personsApi.addHouseholdMember(personId, { personId: memberId, validFrom: from.value })
      onDone()
    })
  }
  return (
    <SubForm title={t('persons.edit.addMember')} onSubmit={submit} error={f.error} submit={t('persons.edit.add')} busy={f.busy} onCancel={onCancel} formRef={f.form}>
      <TextField name="hetu" label={t('persons.edit.otherHetu')} value={values.hetu} onChange={set('hetu')} error={f.errors.hetu} autoComplete="off" />
      <TextField
        name="validFrom"
        label={`${t('persons.card.startDate')} (${t('persons.card.dateHint')})`}
        value={values.validFrom}
        onChange={set('validFrom')}
        error={f.errors.validFrom}
        inputMode="numeric"
        autoComplete="off"
      />
    </SubForm>
  )
}

type HouseholdEditing = { kind: 'start' } | { kind: 'add' } | { kind: 'end'; memberId: string; name: string } | undefined

export function HouseholdSection({ personId, card, onChanged }: { personId: string; card: ClientCard; onChanged: () => void }) {
  const { t } = useTranslation()
  const user = useUser()
  const editable = can(user, 'persons:household')
  const own = card.ownHousehold ?? null
  const [editing, setEditing] = useState<HouseholdEditing>()
  const [done, setDone] = useState<string>()
  const finish = (message: string) => () => {
    setEditing(undefined)
    setDone(message)
    onChanged()
  }
  const open = (e: HouseholdEditing) => () => {
    setDone(undefined)
    setEditing(e)
  }
  return (
    <FoldingPanel panel="card:household" className="card-section" title={t('persons.card.household')} actions={
        <>
        {editable && !editing && (
          <span className="section-actions">
            {own ? (
              <>
                <button type="button" className="button button-small" onClick={open({ kind: 'add' })}>
                  {t('persons.edit.addMember')}
                </button>
                <button type="button" className="button button-small" onClick={open({ kind: 'end', memberId: personId, name: personName(card.person) })}>
                  {t('persons.edit.leaveHousehold')}
                </button>
              </>
            ) : (
              <button type="button" className="button button-small" onClick={open({ kind: 'start' })}>
                {t('persons.edit.startHousehold')}
              </button>
            )}
          </span>
        )}
        </>
      }>
      <div role="status" className="status-region">
        {done && <p className="notice">{done}</p>}
      </div>
      {own && <p className="muted">{t('persons.edit.memberSince', { date: formatRegisterDate(own.validFrom) })}</p>}
      {card.household.length === 0 ? (
        <p className="muted">{t('persons.card.noHousehold')}</p>
      ) : (
        <table className="compact">
          <thead>
            <tr>
              <th scope="col">{t('persons.card.name')}</th>
              <th scope="col">{t('persons.register.birthDate')}</th>
              <th scope="col">{t('persons.card.memberSince')}</th>
              {editable && (
                <th scope="col">
                  <span className="visually-hidden">{t('persons.card.actions')}</span>
                </th>
              )}
            </tr>
          </thead>
          <tbody>
            {card.household.map((h) => (
              <tr key={h.id}>
                <td>{personName(h)}</td>
                <td>{formatRegisterDate(h.birthDate)}</td>
                <td>{formatRegisterDate(h.validFrom)}</td>
                {editable && (
                  <td>
                    <button
                      type="button"
                      className="button button-small"
                      aria-label={t('persons.edit.endMembershipOf', { name: personName(h) })}
                      onClick={open({ kind: 'end', memberId: h.id, name: personName(h) })}
                    >
                      {t('persons.edit.end')}
                    </button>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {editing?.kind === 'start' && <StartHouseholdForm personId={personId} onCancel={() => setEditing(undefined)} onDone={finish(t('persons.edit.householdStarted'))} />}
      {editing?.kind === 'add' && <AddMemberForm personId={personId} onCancel={() => setEditing(undefined)} onDone={finish(t('persons.edit.memberAdded'))} />}
      {editing?.kind === 'end' && (
        <EndDateForm
          key={editing.memberId}
          title={t('persons.edit.endMembershipOf', { name: editing.name })}
          submitLabel={t('persons.edit.end')}
          end={(body) => personsApi.endHouseholdMember(personId, editing.memberId, body)}
          onCancel={() => setEditing(undefined)}
          onDone={finish(t('persons.edit.membershipEnded'))}
        />
      )}
    </FoldingPanel>
  )
}

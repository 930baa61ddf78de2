import { childWelfareCaseEndpoints as cases, INFORMED_METHODS, type ChildMatter, type Notification, type StartDecision } from '@huoma/contract'
import { useId, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { useEndpoint } from '../../api/endpoint'
import { KeptDraftParts, useKeptDraft } from '../../components/KeptDraft'
import { useFormErrors } from '../../components/useFormErrors'
import { TextField } from '../../components/TextField'
import { formatDate, todayInHelsinki } from '../../lib/format'
import { can, useUser } from '../../session/context'
import { childWelfareApi } from './api'
import { DeadlineLine, deadlineKindName, FailureAlert, isConflict, type OnChanged } from './display'
import { tooLong } from './draft'
import { RadioGroup, SelectField, TextAreaField } from '../../components/FormFields'
import { MIN_REASON } from './UrgencySection'

type Method = (typeof INFORMED_METHODS)[number]
const DECISIONS: readonly StartDecision[] = ['start', 'no_assessment', 'already_client']

interface Props {
  notification: Notification
  matter: ChildMatter
  mayHandle: boolean
  onChanged: OnChanged
  reload: () => void
}

/**
 * One identified child's matter: pending from the day of receipt, its statutory deadlines (the decision on starting
 * the service-need assessment by the 7th working day, the assessment complete within 3 months), the decision with
 * its reasons and the responsible social worker, and informing the child and the guardians.
 */
export function MatterCard({ notification: n, matter: m, mayHandle, onChanged, reload }: Props) {
  const { t } = useTranslation()
  const user = useUser()
  const id = useId()
  const deadlines = [
    m.startDeadline && { kind: 'assessment_start', info: m.startDeadline },
    m.completeDeadline && { kind: 'assessment_complete', info: m.completeDeadline },
  ].filter((d) => !!d)
  const d = m.startDecision
  return (
    <article className="cw-matter" aria-labelledby={`${id}-name`}>
      <h3 id={`${id}-name`}>
        {m.person.name}
        {m.person.birthDate && <span className="cw-muted cw-born"> {t('childWelfare.matter.bornOn', { date: formatDate(m.person.birthDate) })}</span>}
      </h3>
      <p>
        <span className={m.state === 'closed' ? 'badge badge-muted' : 'badge badge-info'}>{t(`childWelfare.matter.states.${m.state}`)}</span>{' '}
        {t('childWelfare.matter.pendingOn', { date: formatDate(m.pendingOn) })}
      </p>
      {d && d.decision !== 'no_assessment' && can(user, 'child-welfare:read') && (
        <p>
          <Link to={`/persons/${m.person.id}/child-welfare`}>{t('childWelfare.matter.openRecord', { name: m.person.name })}</Link>
        </p>
      )}
      {deadlines.length > 0 && (
        <>
          <h4>{t('childWelfare.matter.deadlines')}</h4>
          <ul className="cw-deadlines">
            {deadlines.map((dl) => (
              <li key={dl.kind}>
                <DeadlineLine label={`${deadlineKindName(t, dl.kind)}:`} info={dl.info} />
              </li>
            ))}
          </ul>
        </>
      )}

      <h4>{t('childWelfare.matter.decisionHeading')}</h4>
      {d ? (
        <div className="cw-decision">
          <p>
            <strong>{t('childWelfare.matter.decided', { decision: t(`childWelfare.matter.decisions.${d.decision}`), date: formatDate(d.decidedOn) })}</strong>
          </p>
          <p className="cw-text">{d.reasons}</p>
          <p className="cw-muted">
            {t('childWelfare.matter.decidedBy', { name: d.decidedBy })}
            {d.responsibleName && <> {t('childWelfare.matter.responsibleIs', { name: d.responsibleName })}</>}
          </p>
        </div>
      ) : !mayHandle || n.state !== 'open' ? null : n.urgency ? (
        <DecisionForm notification={n} matter={m} onChanged={onChanged} reload={reload} />
      ) : (
        <p className="cw-note">{t('childWelfare.matter.urgencyFirst')}</p>
      )}

      <h4>{t('childWelfare.matter.informedHeading')}</h4>
      {m.informed ? (
        <p>
          {t('childWelfare.matter.informed', {
            date: formatDate(m.informed.informedOn),
            method: (INFORMED_METHODS as readonly string[]).includes(m.informed.method) ? t(`childWelfare.matter.methods.${m.informed.method as Method}`) : m.informed.method,
          })}
          {m.informed.note && <span className="cw-muted"> {m.informed.note}</span>}
        </p>
      ) : mayHandle ? (
        <InformedForm notification={n} matter={m} onChanged={onChanged} reload={reload} />
      ) : (
        <p className="cw-muted">{t('childWelfare.matter.notInformed')}</p>
      )}
    </article>
  )
}

const DECISION_FIELDS = ['decision', 'decidedOn', 'reasons', 'responsibleUserId'] as const

/**
 * The decision whether to start the service-need assessment (LSL 26 § 3 mom): dated no earlier than the matter
 * became pending and not in the future, with reasons; starting names the responsible social worker, chosen from the
 * licensed social workers of the user's child welfare units (the user when listed) — the server refuses, with a field
 * message, one who is not a licensed social worker of the notification's unit.
 */
function DecisionForm({ notification: n, matter: m, onChanged, reload }: Omit<Props, 'mayHandle'>) {
  const { t } = useTranslation()
  const user = useUser()
  const id = useId()
  const today = todayInHelsinki()
  const [decision, setDecision] = useState<StartDecision | ''>('')
  const [decidedOn, setDecidedOn] = useState(today)
  const [reasons, setReasons] = useState('')
  // the responsible social worker: the user when listed, unless another is chosen
  const [responsible, setResponsible] = useState<string>()
  const [saving, setSaving] = useState(false)
  const [conflict, setConflict] = useState(false)
  const { fieldErrors, error, register, check, fail } = useFormErrors(DECISION_FIELDS)
  const workers = useResponsibleWorkers(user)
  const responsibleId = responsible ?? (workers.some((w) => w.userId === user.id) ? user.id : '')
  const draft = useKeptDraft(`cw-start-decision ${m.id} ${m.version}`, { decision, decidedOn, reasons }, (kept) => {
    setDecision(kept.decision)
    setDecidedOn(kept.decidedOn)
    setReasons(kept.reasons)
  })

  async function submit(event: FormEvent) {
    event.preventDefault()
    setConflict(false)
    const missing: Partial<Record<(typeof DECISION_FIELDS)[number], string>> = {}
    if (!decision) missing.decision = t('childWelfare.matter.decisionRequired')
    if (!decidedOn) missing.decidedOn = t('childWelfare.matter.dateRequired')
    if (decision === 'start' && !responsibleId) missing.responsibleUserId = t('childWelfare.matter.responsibleRequired')
    if (reasons.trim().length < MIN_REASON) missing.reasons = t('childWelfare.matter.reasonsRequired')
    else if (tooLong(t, reasons, 5000)) missing.reasons = tooLong(t, reasons, 5000)
    if (!check(missing) || !decision) return
    setSaving(true)
    try {
      const next = await childWelfareApi.decideStart(n.id, m.id, {
        decision,
        decidedOn,
        reasons: reasons.trim(),
        ...(decision === 'start' ? { responsibleUserId: responsibleId } : {}),
        version: m.version,
      })
      draft.discard()
      onChanged(next, t('childWelfare.notification.decisionSaved', { name: m.person.name }))
    } catch (failure) {
      setConflict(isConflict(failure))
      fail(failure)
      setSaving(false)
    }
  }

  return (
    <form noValidate onSubmit={(e) => void submit(e)} className="cw-subform" aria-label={`${t('childWelfare.matter.decisionHeading')}: ${m.person.name}`}>
      <KeptDraftParts draft={draft} busy={saving} />
      <RadioGroup
        legend={t('childWelfare.matter.decisionLegend')}
        name={`${id}-decision`}
        value={decision}
        onChange={setDecision}
        options={DECISIONS.map((value) => ({ value, label: t(`childWelfare.matter.decisions.${value}`) }))}
        error={fieldErrors.decision}
        firstRef={register('decision')}
      />
      <div className="cw-grid">
        <TextField
          name="decidedOn"
          type="date"
          label={t('childWelfare.matter.decidedOn')}
          min={m.pendingOn}
          max={today}
          value={decidedOn}
          onChange={(e) => setDecidedOn(e.target.value)}
          error={fieldErrors.decidedOn}
          ref={register('decidedOn')}
        />
        {decision === 'start' && (
          <SelectField
            name="responsibleUserId"
            label={t('childWelfare.matter.responsible')}
            hint={t('childWelfare.matter.responsibleHint')}
            value={responsibleId}
            onChange={(e) => setResponsible(e.target.value)}
            error={fieldErrors.responsibleUserId}
            ref={register('responsibleUserId')}
          >
            {!responsibleId && <option value="">{t('childWelfare.matter.chooseResponsible')}</option>}
            {workers.map((w) => (
              <option key={w.userId} value={w.userId}>
                {w.userId === user.id ? t('childWelfare.matter.responsibleSelf', { name: w.name }) : w.name}
              </option>
            ))}
          </SelectField>
        )}
      </div>
      <TextAreaField
        name="reasons"
        label={t('childWelfare.matter.reasons')}
        hint={t('childWelfare.matter.reasonsHint')}
        rows={3}
        value={reasons}
        onChange={(e) => setReasons(e.target.value)}
        error={fieldErrors.reasons}
        ref={register('reasons')}
      />
      <FailureAlert error={error} conflict={conflict} onReload={reload} />
      <div className="button-row">
        <button type="submit" className="button button-primary" disabled={saving}>
          {saving ? t('childWelfare.notification.saving') : t('childWelfare.matter.saveDecision')}
        </button>
      </div>
    </form>
  )
}

/**
 * Whom the assessment's responsible social worker may be: the licensed social workers of the user's child welfare
 * units (each once); while the list loads, or when it cannot be read, the user alone (the server checks the choice).
 */
function useResponsibleWorkers(user: { id: string; displayName: string }) {
  const list = useEndpoint(cases['childWelfare.responsibleWorkers'])
  if (list.status !== 'success') return [{ userId: user.id, name: user.displayName }]
  const seen = new Set<string>()
  return list.data.workers.filter((w) => (seen.has(w.userId) ? false : (seen.add(w.userId), true))).map((w) => ({ userId: w.userId, name: w.name }))
}

const INFORMED_FIELDS = ['informedOn', 'method', 'note'] as const

/** That the child and the guardians were told of the notification and what follows: the day, how, a note. */
function InformedForm({ notification: n, matter: m, onChanged, reload }: Omit<Props, 'mayHandle'>) {
  const { t } = useTranslation()
  const today = todayInHelsinki()
  const [informedOn, setInformedOn] = useState(today)
  const [method, setMethod] = useState<Method | ''>('')
  const [note, setNote] = useState('')
  const [saving, setSaving] = useState(false)
  const [conflict, setConflict] = useState(false)
  const { fieldErrors, error, register, check, fail } = useFormErrors(INFORMED_FIELDS)

  async function submit(event: FormEvent) {
    event.preventDefault()
    setConflict(false)
    const missing: Partial<Record<(typeof INFORMED_FIELDS)[number], string>> = {}
    if (!informedOn) missing.informedOn = t('childWelfare.matter.dateRequired')
    if (!method) missing.method = t('childWelfare.matter.methodRequired')
    if (tooLong(t, note, 1000)) missing.note = tooLong(t, note, 1000)
    if (!check(missing) || !method) return
    setSaving(true)
    try {
      const next = await childWelfareApi.recordInformed(n.id, m.id, { informedOn, method, note: note.trim() || null, version: m.version })
      onChanged(next, t('childWelfare.notification.informedSaved', { name: m.person.name }))
    } catch (failure) {
      setConflict(isConflict(failure))
      fail(failure)
      setSaving(false)
    }
  }

  return (
    <form noValidate onSubmit={(e) => void submit(e)} className="cw-subform" aria-label={`${t('childWelfare.matter.informedHeading')}: ${m.person.name}`}>
      <div className="cw-grid">
        <TextField
          name="informedOn"
          type="date"
          label={t('childWelfare.matter.informedOn')}
          min={m.pendingOn}
          max={today}
          value={informedOn}
          onChange={(e) => setInformedOn(e.target.value)}
          error={fieldErrors.informedOn}
          ref={register('informedOn')}
        />
        <SelectField name="method" label={t('childWelfare.matter.method')} value={method} onChange={(e) => setMethod(e.target.value as Method | '')} error={fieldErrors.method} ref={register('method')}>
          <option value="">{t('childWelfare.matter.chooseMethod')}</option>
          {INFORMED_METHODS.map((value) => (
            <option key={value} value={value}>
              {t(`childWelfare.matter.methods.${value}`)}
            </option>
          ))}
        </SelectField>
      </div>
      <TextAreaField name="note" label={t('childWelfare.matter.note')} rows={2} value={note} onChange={(e) => setNote(e.target.value)} error={fieldErrors.note} ref={register('note')} />
      <FailureAlert error={error} conflict={conflict} onReload={reload} />
      <div className="button-row">
        <button type="submit" className="button button-primary" disabled={saving}>
          {saving ? t('childWelfare.notification.saving') : t('childWelfare.matter.saveInformed')}
        </button>
      </div>
    </form>
  )
}

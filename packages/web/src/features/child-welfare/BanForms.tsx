import { BAN_SCOPES, type BanInput, type ChildWelfareRecord, type DisclosureBan } from '@huoma/contract'
import { useId, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { TextField } from '../../components/TextField'
import { useFormErrors } from '../../components/useFormErrors'
import { formatDate, todayInHelsinki } from '../../lib/format'
import { recordApi } from './api'
import { FailureAlert, isConflict, type RecordChanged } from './display'
import { tooLong } from './draft'
import { RadioGroup, SelectField, TextAreaField } from '../../components/FormFields'

interface FormProps {
  record: ChildWelfareRecord
  onChanged: RecordChanged
  reload: () => void
  onCancel: () => void
  onDone: () => void
}

/** The guardian choice's value for "every guardian" (the body's `guardianId: null`). */
export const EVERY_GUARDIAN = 'all'
const MAX_TEXT = 5000

export interface BanDraft {
  guardian: string
  scope: (typeof BAN_SCOPES)[number] | ''
  childStatement: string
  maturityAssessment: string
  recordedOn: string
}

const BAN_FIELDS = ['guardianId', 'scope', 'childStatement', 'maturityAssessment', 'recordedOn'] as const
type BanField = (typeof BAN_FIELDS)[number]

/** The body of the prohibition: the guardian's id, or null for every guardian. */
export function banBody(d: BanDraft & { scope: (typeof BAN_SCOPES)[number] }): BanInput {
  return {
    guardianId: d.guardian === EVERY_GUARDIAN ? null : d.guardian,
    scope: d.scope,
    childStatement: d.childStatement.trim(),
    maturityAssessment: d.maturityAssessment.trim(),
    recordedOn: d.recordedOn,
  }
}

/**
 * The child's prohibition to disclose their data to a guardian (asiakaslaki 11 §): whom (one guardian or every
 * one), what (everything, or the child's own views), what the child said, and the worker's assessment that the
 * child is mature enough to forbid it.
 */
export function BanForm({ record: r, onChanged, reload, onCancel, onDone }: FormProps) {
  const { t } = useTranslation()
  const id = useId()
  const today = todayInHelsinki()
  const [draft, setDraft] = useState<BanDraft>({ guardian: '', scope: '', childStatement: '', maturityAssessment: '', recordedOn: today })
  const [saving, setSaving] = useState(false)
  const { fieldErrors, error, register, check, fail } = useFormErrors(BAN_FIELDS)
  const set = (change: Partial<BanDraft>) => setDraft((d) => ({ ...d, ...change }))

  async function submit(event: FormEvent) {
    event.preventDefault()
    const found: Partial<Record<BanField, string>> = {}
    if (!draft.guardian) found.guardianId = t('childWelfare.record.bans.form.guardianRequired')
    if (!draft.scope) found.scope = t('childWelfare.record.bans.form.scopeRequired')
    if (draft.childStatement.trim().length < 3) found.childStatement = t('childWelfare.record.bans.form.statementRequired')
    else if (tooLong(t, draft.childStatement, MAX_TEXT)) found.childStatement = tooLong(t, draft.childStatement, MAX_TEXT)!
    if (draft.maturityAssessment.trim().length < 10) found.maturityAssessment = t('childWelfare.record.bans.form.maturityRequired')
    else if (tooLong(t, draft.maturityAssessment, MAX_TEXT)) found.maturityAssessment = tooLong(t, draft.maturityAssessment, MAX_TEXT)!
    if (!draft.recordedOn) found.recordedOn = t('childWelfare.record.dateRequired')
    if (!check(found) || !draft.scope) return
    setSaving(true)
    try {
      const next = await recordApi.recordBan(r.person.id, banBody({ ...draft, scope: draft.scope }))
      onDone()
      onChanged(next, t('childWelfare.record.bans.form.saved'))
    } catch (failure) {
      fail(failure)
      setSaving(false)
    }
  }

  return (
    <form noValidate onSubmit={(e) => void submit(e)} className="cw-subform" aria-label={t('childWelfare.record.bans.form.heading')}>
      <p className="field-hint">{t('childWelfare.record.bans.form.intro')}</p>
      <SelectField name="guardianId" label={t('childWelfare.record.bans.form.guardian')} value={draft.guardian} onChange={(e) => set({ guardian: e.target.value })} error={fieldErrors.guardianId} ref={register('guardianId')}>
        <option value="">{t('childWelfare.record.bans.form.chooseGuardian')}</option>
        {r.guardians.map((g) => (
          <option key={g.id} value={g.id}>
            {g.name}
          </option>
        ))}
        <option value={EVERY_GUARDIAN}>{t('childWelfare.record.bans.form.everyGuardian')}</option>
      </SelectField>
      <RadioGroup
        legend={t('childWelfare.record.bans.form.scope')}
        name={`${id}-scope`}
        value={draft.scope}
        onChange={(scope) => set({ scope })}
        options={BAN_SCOPES.map((s) => ({ value: s, label: t(`childWelfare.record.bans.form.scopes.${s}`) }))}
        error={fieldErrors.scope}
        firstRef={register('scope')}
      />
      <TextAreaField
        name="childStatement"
        label={t('childWelfare.record.bans.childStatement')}
        hint={t('childWelfare.record.bans.form.statementHint')}
        rows={3}
        max={MAX_TEXT}
        value={draft.childStatement}
        onChange={(e) => set({ childStatement: e.target.value })}
        error={fieldErrors.childStatement}
        ref={register('childStatement')}
      />
      <TextAreaField
        name="maturityAssessment"
        label={t('childWelfare.record.bans.maturity')}
        hint={t('childWelfare.record.bans.form.maturityHint')}
        rows={4}
        max={MAX_TEXT}
        value={draft.maturityAssessment}
        onChange={(e) => set({ maturityAssessment: e.target.value })}
        error={fieldErrors.maturityAssessment}
        ref={register('maturityAssessment')}
      />
      <TextField
        name="recordedOn"
        type="date"
        label={t('childWelfare.record.bans.form.recordedOn')}
        max={today}
        value={draft.recordedOn}
        onChange={(e) => set({ recordedOn: e.target.value })}
        error={fieldErrors.recordedOn}
        ref={register('recordedOn')}
      />
      <FailureAlert error={error} conflict={false} onReload={reload} />
      <div className="button-row">
        <button type="submit" className="button button-primary" disabled={saving}>
          {saving ? t('childWelfare.notification.saving') : t('childWelfare.record.bans.form.save')}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          {t('childWelfare.record.cancel')}
        </button>
      </div>
    </form>
  )
}

const LIFT_FIELDS = ['liftedOn', 'reason'] as const
type LiftField = (typeof LIFT_FIELDS)[number]

/** Lifting a prohibition in force (the child withdrew it, or came of age): the day and the reason; the record stays. */
export function LiftBanForm({ record: r, ban: b, name, onChanged, reload, onCancel, onDone }: FormProps & { ban: DisclosureBan; name: string }) {
  const { t } = useTranslation()
  const today = todayInHelsinki()
  const [liftedOn, setLiftedOn] = useState(today)
  const [reason, setReason] = useState('')
  const [saving, setSaving] = useState(false)
  const [conflict, setConflict] = useState(false)
  const { fieldErrors, error, register, check, fail } = useFormErrors(LIFT_FIELDS)

  async function submit(event: FormEvent) {
    event.preventDefault()
    setConflict(false)
    const found: Partial<Record<LiftField, string>> = {}
    if (!liftedOn) found.liftedOn = t('childWelfare.record.dateRequired')
    else if (liftedOn < b.recordedOn) found.liftedOn = t('childWelfare.record.bans.lift.beforeRecorded', { date: formatDate(b.recordedOn) })
    if (reason.trim().length < 3) found.reason = t('childWelfare.record.bans.lift.reasonRequired')
    else if (tooLong(t, reason, 2000)) found.reason = tooLong(t, reason, 2000)!
    if (!check(found)) return
    setSaving(true)
    try {
      const next = await recordApi.liftBan(r.person.id, b.id, { liftedOn, reason: reason.trim(), version: b.version })
      onDone()
      onChanged(next, t('childWelfare.record.bans.lift.saved', { name }))
    } catch (failure) {
      setConflict(isConflict(failure))
      fail(failure)
      setSaving(false)
    }
  }

  return (
    <form noValidate onSubmit={(e) => void submit(e)} className="cw-subform" aria-label={t('childWelfare.record.bans.lift.heading', { name })}>
      <TextField
        name="liftedOn"
        type="date"
        label={t('childWelfare.record.bans.lift.liftedOn')}
        min={b.recordedOn}
        max={today}
        value={liftedOn}
        onChange={(e) => setLiftedOn(e.target.value)}
        error={fieldErrors.liftedOn}
        ref={register('liftedOn')}
      />
      <TextAreaField name="reason" label={t('childWelfare.record.bans.lift.reason')} rows={2} max={2000} value={reason} onChange={(e) => setReason(e.target.value)} error={fieldErrors.reason} ref={register('reason')} />
      <FailureAlert error={error} conflict={conflict} onReload={reload} conflictText={t('childWelfare.record.conflict')} reloadText={t('childWelfare.record.reload')} />
      <div className="button-row">
        <button type="submit" className="button button-primary" disabled={saving}>
          {saving ? t('childWelfare.notification.saving') : t('childWelfare.record.bans.lift.save')}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          {t('childWelfare.record.cancel')}
        </button>
      </div>
    </form>
  )
}

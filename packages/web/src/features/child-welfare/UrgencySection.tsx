import type { Notification, Urgency } from '@huoma/contract'
import { useId, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { useFormErrors } from '../../components/useFormErrors'
import { formatDate, formatDateTime } from '../../lib/format'
import { childWelfareApi } from './api'
import { DeadlineDays, FailureAlert, isConflict, StandingBadge, UrgencyBadge, type OnChanged } from './display'
import { tooLong } from './draft'
import { RadioGroup, TextAreaField } from '../../components/FormFields'

const FIELDS = ['urgency', 'reason'] as const
const URGENCIES: readonly Urgency[] = ['urgent', 'not_urgent']
/** The fewest characters the server takes for a reason (contract: `UrgencyInput.reason`). */
export const MIN_REASON = 10
const MAX_REASON = 2000

/**
 * The urgency of the notification (LSL 26 § 2 mom): assessed at once, recorded with the reasons and who and when.
 * Until then its deadline (the day of receipt, or the next working day) with where it stands, and — for a worker
 * who handles notifications — the form.
 */
export function UrgencySection({ notification: n, mayHandle, onChanged, reload }: { notification: Notification; mayHandle: boolean; onChanged: OnChanged; reload: () => void }) {
  const { t } = useTranslation()
  const id = useId()
  const [urgency, setUrgency] = useState<Urgency | ''>('')
  const [reason, setReason] = useState('')
  const [saving, setSaving] = useState(false)
  const [conflict, setConflict] = useState(false)
  const { fieldErrors, error, register, check, fail } = useFormErrors(FIELDS)

  async function submit(event: FormEvent) {
    event.preventDefault()
    setConflict(false)
    const missing: Partial<Record<(typeof FIELDS)[number], string>> = {}
    if (!urgency) missing.urgency = t('childWelfare.notification.urgencyRequired')
    if (reason.trim().length < MIN_REASON) missing.reason = t('childWelfare.notification.reasonRequired')
    else if (tooLong(t, reason, MAX_REASON)) missing.reason = tooLong(t, reason, MAX_REASON)
    if (!check(missing) || !urgency) return
    setSaving(true)
    try {
      onChanged(await childWelfareApi.assessUrgency(n.id, { urgency, reason: reason.trim(), version: n.version }), t('childWelfare.notification.urgencySaved'))
    } catch (failure) {
      setConflict(isConflict(failure))
      fail(failure)
      setSaving(false)
    }
  }

  const assessed = n.urgency
  const due = n.urgencyDeadline
  return (
    <section className="panel cw-panel cw-wide" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{t('childWelfare.notification.urgencyHeading')}</h2>
      {assessed ? (
        <>
          <p>
            <UrgencyBadge urgency={assessed.urgency} />
          </p>
          <p className="cw-text">{assessed.reason}</p>
          <p className="cw-muted">{t('childWelfare.notification.assessedBy', { name: assessed.assessedBy, time: formatDateTime(assessed.assessedAt) })}</p>
        </>
      ) : (
        <>
          {due && (
            <p>
              {t('childWelfare.notification.urgencyDue', { date: formatDate(due.dueOn) })} <StandingBadge standing={due.standing} /> <DeadlineDays info={due} />
            </p>
          )}
          {!mayHandle && <UrgencyBadge urgency={null} />}
          {mayHandle && (
            <form noValidate onSubmit={(e) => void submit(e)} className="cw-subform">
              <RadioGroup
                legend={t('childWelfare.notification.urgencyLegend')}
                name={`${id}-urgency`}
                value={urgency}
                onChange={setUrgency}
                options={URGENCIES.map((u) => ({ value: u, label: t(`childWelfare.urgency.${u}`) }))}
                error={fieldErrors.urgency}
                firstRef={register('urgency')}
              />
              <TextAreaField
                name="reason"
                label={t('childWelfare.notification.urgencyReason')}
                hint={t('childWelfare.notification.urgencyReasonHint')}
                rows={3}
                value={reason}
                onChange={(e) => setReason(e.target.value)}
                error={fieldErrors.reason}
                ref={register('reason')}
              />
              <FailureAlert error={error} conflict={conflict} onReload={reload} />
              <div className="button-row">
                <button type="submit" className="button button-primary" disabled={saving}>
                  {saving ? t('childWelfare.notification.saving') : t('childWelfare.notification.saveUrgency')}
                </button>
              </div>
            </form>
          )}
        </>
      )}
    </section>
  )
}

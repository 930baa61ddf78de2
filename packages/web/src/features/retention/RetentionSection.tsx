import { HOLD_KINDS, retentionEndpoints as ep, type ClientRetention } from '@huoma/contract'
import { useEffect, useRef, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { describeError, type ErrorText } from '../../api/client'
import { callApi, useEndpoint } from '../../api/endpoint'
import { ErrorAlert } from '../../components/Alert'
import { ConfirmDialog } from '../../components/ConfirmDialog'
import { Expander, SelectField, TextAreaField } from '../../components/FormFields'
import { FormFooter } from '../../components/FormFooter'
import { useFormErrors } from '../../components/useFormErrors'
import type { PersonCardSectionProps } from '../../lib/feature'
import { formatDate, formatDateTime, helsinkiDateOf } from '../../lib/format'
import { serviceTaskName } from '../../lib/labels'
import { can, useUser } from '../../session/context'
import { FoldingPanel } from '../../components/FoldingPanel'

type Hold = ClientRetention['holds'][number]
type HoldKind = (typeof HOLD_KINDS)[number]

/**
 * Säilytys on the client card (`retention:read`): per register how long the records are kept — permanently (the
 * birthday sample, an archive order), until a day, or until an event that has not happened yet, or destroyed (a
 * register that ran out while the client stays: the day and the destruction record) — with the legal source, and the legal holds (an appeal or complaint pending) that keep everything; those who may (`retention:hold`)
 * place a hold on the client or one register and lift one behind a confirmation.
 */
export function RetentionSection({ card }: PersonCardSectionProps) {
  const { t } = useTranslation()
  const user = useUser()
  const personId = card.person.id
  const state = useEndpoint(ep['retention.client'], { params: { id: personId } })
  const [notice, setNotice] = useState<string>()
  const [lifting, setLifting] = useState<Hold>()
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<ErrorText>()
  const noticeRef = useRef<HTMLParagraphElement>(null)
  useEffect(() => {
    if (notice) noticeRef.current?.focus()
  }, [notice])
  const registerName = (r: string | null) => (r === null || r === 'client' ? t('retention.card.wholeClient') : serviceTaskName(t, r))
  const mayHold = can(user, 'retention:hold')

  async function lift(h: Hold) {
    setBusy(true)
    setError(undefined)
    try {
      await callApi(ep['retention.liftHold'], { params: { id: personId, holdId: h.id }, body: { version: h.version } })
      setLifting(undefined)
      setNotice(t('retention.card.lifted'))
      state.reload()
    } catch (e) {
      setError(describeError(e))
    } finally {
      setBusy(false)
    }
  }

  const data = state.status === 'success' ? state.data : undefined
  const active = data?.holds.filter((h) => !h.liftedAt) ?? []
  return (
    <FoldingPanel panel="card:retention" className="card-section retention-card" title={t('retention.card.title')}>
      <div role="status" className="status-region">
        {notice && (
          <p ref={noticeRef} tabIndex={-1} className="notice">
            {notice}
          </p>
        )}
      </div>
      {state.status === 'error' && <ErrorAlert error={state.error} />}
      <ErrorAlert error={error} />
      {data && (
        <>
          <table className="retention-table">
            <caption>{t('retention.card.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('retention.card.columns.register')}</th>
                <th scope="col">{t('retention.card.columns.kept')}</th>
                <th scope="col">{t('retention.card.columns.source')}</th>
              </tr>
            </thead>
            <tbody>
              {data.registers.map((r) => (
                <tr key={r.register}>
                  <th scope="row">{r.register === 'client' ? t('retention.client') : serviceTaskName(t, r.register)}</th>
                  <td>
                    {r.status === 'permanent' && t(`retention.card.permanent.${r.permanentReason ?? 'sample'}`)}
                    {r.status === 'until' && t(r.fallback ? 'retention.card.untilFallback' : 'retention.card.until', { date: formatDate(r.destroyAfter) })}
                    {r.status === 'running' && t('retention.card.running', { event: t(`retention.triggers.${(r.waitingFor ?? 'closing') as 'closing'}`) })}
                    {r.status === 'held' && t('retention.card.held')}
                    {r.destroyed && (
                      <span className={r.status === 'destroyed' ? undefined : 'retention-note'}>
                        {r.status === 'destroyed' ? '' : ' '}
                        {t(r.status === 'destroyed' ? 'retention.card.destroyed' : 'retention.card.destroyedBefore', { date: formatDate(helsinkiDateOf(r.destroyed.destroyedAt)), record: r.destroyed.recordNumber })}
                      </span>
                    )}
                  </td>
                  <td>{r.legalSource ?? '–'}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <h3>{t('retention.card.holds')}</h3>
          {active.length === 0 ? (
            <p>{t('retention.card.noHolds')}</p>
          ) : (
            <ul className="hold-list">
              {active.map((h) => (
                <li key={h.id}>
                  <strong>{t(`retention.card.kinds.${h.kind}`)}</strong> — {registerName(h.serviceTask)}, {t('retention.card.placed', { at: formatDateTime(h.placedAt) })}
                  <p className="pre-line">{h.reason}</p>
                  {mayHold && (
                    <button type="button" className="button" onClick={() => setLifting(h)}>
                      {t('retention.card.lift')}
                    </button>
                  )}
                </li>
              ))}
            </ul>
          )}
          {mayHold && (
            <Expander label={t('retention.card.place')}>
              {({ cancel, done }) => (
                <HoldForm
                  personId={personId}
                  registers={data.registers.map((r) => r.register).filter((r) => r !== 'client')}
                  onCancel={cancel}
                  onSaved={() => {
                    done()
                    setNotice(t('retention.card.placedNotice'))
                    state.reload()
                  }}
                />
              )}
            </Expander>
          )}
        </>
      )}
      {lifting && (
        <ConfirmDialog title={t('retention.card.liftTitle')} confirmLabel={t('retention.card.lift')} busy={busy} onCancel={() => setLifting(undefined)} onConfirm={() => void lift(lifting)}>
          <p>{t('retention.card.liftBody', { register: registerName(lifting.serviceTask) })}</p>
        </ConfirmDialog>
      )}
    </FoldingPanel>
  )
}

const HOLD_FIELDS = ['serviceTask', 'kind', 'reason'] as const

function HoldForm({ personId, registers, onCancel, onSaved }: { personId: string; registers: string[]; onCancel: () => void; onSaved: () => void }) {
  const { t } = useTranslation()
  const [serviceTask, setServiceTask] = useState('')
  const [kind, setKind] = useState<HoldKind>('appeal')
  const [reason, setReason] = useState('')
  const [saving, setSaving] = useState(false)
  const { fieldErrors, error, register, check, fail } = useFormErrors(HOLD_FIELDS)

  async function submit(event: FormEvent) {
    event.preventDefault()
    if (!check(reason.trim().length < 3 ? { reason: t('retention.card.reasonRequired') } : {})) return
    setSaving(true)
    try {
      await callApi(ep['retention.placeHold'], { params: { id: personId }, body: { serviceTask: serviceTask || null, kind, reason: reason.trim() } })
      onSaved()
    } catch (failure) {
      fail(failure)
      setSaving(false)
    }
  }

  return (
    <form noValidate onSubmit={(e) => void submit(e)} className="form" aria-label={t('retention.card.place')}>
      <SelectField name="serviceTask" label={t('retention.card.holdRegister')} value={serviceTask} onChange={(e) => setServiceTask(e.target.value)} error={fieldErrors.serviceTask} ref={register('serviceTask')}>
        <option value="">{t('retention.card.wholeClient')}</option>
        {registers.map((r) => (
          <option key={r} value={r}>
            {serviceTaskName(t, r)}
          </option>
        ))}
      </SelectField>
      <SelectField name="kind" label={t('retention.card.holdKind')} value={kind} onChange={(e) => setKind(e.target.value as HoldKind)} error={fieldErrors.kind} ref={register('kind')}>
        {HOLD_KINDS.map((k) => (
          <option key={k} value={k}>
            {t(`retention.card.kinds.${k}`)}
          </option>
        ))}
      </SelectField>
      <TextAreaField name="reason" label={t('retention.card.reason')} rows={2} max={1000} value={reason} onChange={(e) => setReason(e.target.value)} error={fieldErrors.reason} ref={register('reason')} />
      <FormFooter error={error} submitLabel={t('retention.card.save')} busy={saving} onCancel={onCancel} />
    </form>
  )
}

import { DISCLOSURE_BAN_PURPOSES, disclosuresEndpoints as ep, type Consent } from '@huoma/contract'
import { useEffect, useId, useRef, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { describeError } from '../../api/client'
import { callApi, useEndpoint } from '../../api/endpoint'
import { ErrorAlert } from '../../components/Alert'
import { CheckboxGroup, Expander, RadioGroup, SelectField, TextAreaField } from '../../components/FormFields'
import { TextField } from '../../components/TextField'
import { FormFooter } from '../../components/FormFooter'
import { useFormErrors } from '../../components/useFormErrors'
import type { PersonCardSectionProps } from '../../lib/feature'
import { formatDate, todayInHelsinki } from '../../lib/format'
import { SERVICE_TASK_CODES, serviceTaskName } from '../../lib/labels'
import { FoldingPanel } from '../../components/FoldingPanel'

type Task = (typeof SERVICE_TASK_CODES)[number]
type BanPurpose = (typeof DISCLOSURE_BAN_PURPOSES)[number]
type Form = 'written' | 'oral' | 'electronic'

/** Suostumukset ja kiellot on the client card: the client's consents and bans, with forms to record and revoke. */
export function ConsentsSection({ card }: PersonCardSectionProps) {
  const { t } = useTranslation()
  const personId = card.person.id
  const list = useEndpoint(ep['disclosures.consents'], { params: { id: personId } })
  const [notice, setNotice] = useState<string>()
  const noticeRef = useRef<HTMLParagraphElement>(null)
  useEffect(() => {
    if (notice) noticeRef.current?.focus()
  }, [notice])
  const saved = (text: string) => {
    setNotice(text)
    list.reload()
  }
  return (
    <FoldingPanel panel="card:consents" className="card-section consents" title={t('consents.title')}>
      <p className="field-hint">{t('consents.intro')}</p>
      <div role="status" className="status-region">
        {notice && (
          <p ref={noticeRef} tabIndex={-1} className="notice">
            {notice}
          </p>
        )}
      </div>
      {list.status === 'error' && <ErrorAlert error={describeError(list.error)} />}
      {list.status === 'success' &&
        (list.data.consents.length === 0 ? (
          <p>{t('consents.none')}</p>
        ) : (
          <ul className="consent-list">
            {list.data.consents.map((c) => (
              <li key={c.id}>
                <ConsentItem personId={personId} c={c} onSaved={saved} />
              </li>
            ))}
          </ul>
        ))}
      <Expander label={t('consents.record.open')}>
        {({ cancel, done }) => (
          <RecordForm
            personId={personId}
            onCancel={cancel}
            onSaved={() => {
              done()
              saved(t('consents.record.saved'))
            }}
          />
        )}
      </Expander>
    </FoldingPanel>
  )
}

function ConsentItem({ personId, c, onSaved }: { personId: string; c: Consent; onSaved: (notice: string) => void }) {
  const { t } = useTranslation()
  const title = c.kind === 'ban' && c.banPurpose ? t('consents.ban', { purpose: t(`consents.banPurposes.${c.banPurpose}`) }) : t('consents.consentTo', { recipient: c.recipient ?? '' })
  return (
    <>
      <p>
        <strong>{title}</strong> <span className={c.standing === 'valid' ? 'badge badge-ok' : 'badge badge-muted'}>{t(`consents.standings.${c.standing}`)}</span>
      </p>
      <p>
        {c.purpose}
        {c.serviceTasks.length > 0 && (
          <>
            {' '}
            — {t('consents.registers')}: {c.serviceTasks.map((s) => serviceTaskName(t, s)).join(', ')}
          </>
        )}
      </p>
      <p className="field-hint">
        {t('consents.given', { date: formatDate(c.givenOn), form: t(`consents.forms.${c.form}`) })}
        {c.validUntil && <>, {t('consents.until', { date: formatDate(c.validUntil) })}</>}
      </p>
      {c.revoked ? (
        <p className="field-hint">{t('consents.revokedOn', { date: formatDate(c.revoked.on), note: c.revoked.note })}</p>
      ) : (
        <Expander label={t('consents.revoke.open')}>
          {({ cancel, done }) => (
            <RevokeForm
              personId={personId}
              c={c}
              onCancel={cancel}
              onSaved={() => {
                done()
                onSaved(t('consents.revoke.saved'))
              }}
            />
          )}
        </Expander>
      )}
    </>
  )
}

const RECORD_FIELDS = ['kind', 'recipient', 'purpose', 'banPurpose', 'serviceTasks', 'form', 'givenOn', 'validUntil'] as const
type RecordField = (typeof RECORD_FIELDS)[number]

function RecordForm({ personId, onCancel, onSaved }: { personId: string; onCancel: () => void; onSaved: () => void }) {
  const { t } = useTranslation()
  const id = useId()
  const today = todayInHelsinki()
  const [d, setD] = useState({ kind: 'consent' as 'consent' | 'ban', recipient: '', purpose: '', banPurpose: '' as BanPurpose | '', serviceTasks: [] as Task[], form: 'written' as Form, givenOn: today, validUntil: '' })
  const [saving, setSaving] = useState(false)
  const { fieldErrors, error, register, check, fail } = useFormErrors(RECORD_FIELDS)
  const set = (change: Partial<typeof d>) => setD((x) => ({ ...x, ...change }))

  async function submit(event: FormEvent) {
    event.preventDefault()
    const required = t('consents.record.required')
    const found: Partial<Record<RecordField, string>> = {}
    if (d.kind === 'consent' && !d.recipient.trim()) found.recipient = required
    if (d.kind === 'consent' && d.serviceTasks.length === 0) found.serviceTasks = t('consents.record.registersRequired')
    if (d.kind === 'ban' && !d.banPurpose) found.banPurpose = required
    if (d.purpose.trim().length < 3) found.purpose = required
    if (!d.givenOn) found.givenOn = required
    if (!check(found)) return
    setSaving(true)
    try {
      await callApi(ep['disclosures.recordConsent'], {
        params: { id: personId },
        body: {
          kind: d.kind,
          recipient: d.kind === 'consent' ? d.recipient.trim() : null,
          purpose: d.purpose.trim(),
          banPurpose: d.kind === 'ban' && d.banPurpose ? d.banPurpose : null,
          serviceTasks: d.serviceTasks,
          form: d.form,
          givenOn: d.givenOn,
          validUntil: d.validUntil || null,
        },
      })
      onSaved()
    } catch (failure) {
      fail(failure)
      setSaving(false)
    }
  }

  return (
    <form noValidate onSubmit={(e) => void submit(e)} className="form disclosure-form" aria-label={t('consents.record.open')}>
      <RadioGroup
        legend={t('consents.record.kind')}
        name={`${id}-kind`}
        value={d.kind}
        onChange={(kind) => set({ kind })}
        options={(['consent', 'ban'] as const).map((k) => ({ value: k, label: t(`consents.record.kinds.${k}`) }))}
        error={fieldErrors.kind}
        firstRef={register('kind')}
      />
      {d.kind === 'consent' ? (
        <TextField name="recipient" label={t('consents.record.recipient')} maxLength={300} value={d.recipient} onChange={(e) => set({ recipient: e.target.value })} error={fieldErrors.recipient} ref={register('recipient')} />
      ) : (
        <SelectField name="banPurpose" label={t('consents.record.banPurpose')} value={d.banPurpose} onChange={(e) => set({ banPurpose: e.target.value as BanPurpose })} error={fieldErrors.banPurpose} ref={register('banPurpose')}>
          <option value="">{t('disclosures.receive.choose')}</option>
          {DISCLOSURE_BAN_PURPOSES.map((p) => (
            <option key={p} value={p}>
              {t(`consents.banPurposes.${p}`)}
            </option>
          ))}
        </SelectField>
      )}
      <TextAreaField name="purpose" label={t('consents.record.purpose')} rows={2} max={2000} value={d.purpose} onChange={(e) => set({ purpose: e.target.value })} error={fieldErrors.purpose} ref={register('purpose')} />
      <CheckboxGroup
        legend={t('consents.record.registers')}
        options={SERVICE_TASK_CODES.map((code) => ({ value: code, label: serviceTaskName(t, code) }))}
        value={d.serviceTasks}
        onChange={(serviceTasks) => set({ serviceTasks })}
        error={fieldErrors.serviceTasks}
        firstRef={register('serviceTasks')}
      />
      <SelectField name="form" label={t('consents.record.form')} value={d.form} onChange={(e) => set({ form: e.target.value as Form })} error={fieldErrors.form} ref={register('form')}>
        {(['written', 'oral', 'electronic'] as const).map((f) => (
          <option key={f} value={f}>
            {t(`consents.forms.${f}`)}
          </option>
        ))}
      </SelectField>
      <TextField name="givenOn" type="date" label={t('consents.record.givenOn')} max={today} value={d.givenOn} onChange={(e) => set({ givenOn: e.target.value })} error={fieldErrors.givenOn} ref={register('givenOn')} />
      <TextField name="validUntil" type="date" label={t('consents.record.validUntil')} min={d.givenOn} value={d.validUntil} onChange={(e) => set({ validUntil: e.target.value })} error={fieldErrors.validUntil} ref={register('validUntil')} />
      <FormFooter error={error} submitLabel={t('consents.record.save')} busy={saving} onCancel={onCancel} />
    </form>
  )
}

function RevokeForm({ personId, c, onCancel, onSaved }: { personId: string; c: Consent; onCancel: () => void; onSaved: () => void }) {
  const { t } = useTranslation()
  const today = todayInHelsinki()
  const [on, setOn] = useState(today)
  const [note, setNote] = useState('')
  const [saving, setSaving] = useState(false)
  const { fieldErrors, error, register, check, fail } = useFormErrors(['revokedOn', 'note'] as const)

  async function submit(event: FormEvent) {
    event.preventDefault()
    if (!check(note.trim().length < 3 ? { note: t('consents.revoke.noteRequired') } : {})) return
    setSaving(true)
    try {
      await callApi(ep['disclosures.revokeConsent'], { params: { id: personId, consentId: c.id }, body: { revokedOn: on, note: note.trim(), version: c.version } })
      onSaved()
    } catch (failure) {
      fail(failure)
      setSaving(false)
    }
  }

  return (
    <form noValidate onSubmit={(e) => void submit(e)} className="form disclosure-form" aria-label={t('consents.revoke.open')}>
      <TextField name="revokedOn" type="date" label={t('consents.revoke.on')} min={c.givenOn} max={today} value={on} onChange={(e) => setOn(e.target.value)} error={fieldErrors.revokedOn} ref={register('revokedOn')} />
      <TextAreaField name="note" label={t('consents.revoke.note')} rows={2} max={2000} value={note} onChange={(e) => setNote(e.target.value)} error={fieldErrors.note} ref={register('note')} />
      <FormFooter error={error} submitLabel={t('consents.revoke.save')} busy={saving} onCancel={onCancel} />
    </form>
  )
}

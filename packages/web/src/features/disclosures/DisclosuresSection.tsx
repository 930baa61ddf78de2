import {
  DISCLOSURE_BASES,
  DISCLOSURE_METHODS,
  REQUESTER_KINDS,
  disclosuresEndpoints as ep,
  type DisclosureRegister,
  type DisclosureRequest,
} from '@huoma/contract'
import { useEffect, useId, useRef, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { describeError } from '../../api/client'
import { callApi, endpointPath, useEndpoint } from '../../api/endpoint'
import { ErrorAlert } from '../../components/Alert'
import { ConfirmDialog } from '../../components/ConfirmDialog'
import { CheckboxGroup, Expander, RadioGroup, SelectField, TextAreaField } from '../../components/FormFields'
import { TextField } from '../../components/TextField'
import { FormFooter } from '../../components/FormFooter'
import { KeptDraftParts, useKeptDraft } from '../../components/KeptDraft'
import { useFormErrors } from '../../components/useFormErrors'
import type { PersonCardSectionProps } from '../../lib/feature'
import { formatDate, todayInHelsinki } from '../../lib/format'
import { serviceTaskName } from '../../lib/labels'
import './disclosures.css'
import { FoldingPanel } from '../../components/FoldingPanel'

type Basis = (typeof DISCLOSURE_BASES)[number]
type RequesterKind = (typeof REQUESTER_KINDS)[number]
type Method = (typeof DISCLOSURE_METHODS)[number]
type Outcome = 'disclose' | 'partly' | 'refuse'

/**
 * Tietojen luovutukset on the client card, one per register the user works in: the requests to disclose the
 * client's data with their decisions and PDFs, the disclosure log, and the forms to register, decide and record.
 */
export function DisclosuresSection({ card, serviceTask }: PersonCardSectionProps) {
  const { t } = useTranslation()
  const personId = card.person.id
  const register = useEndpoint(ep['disclosures.register'], { params: { id: personId }, query: { serviceTask: serviceTask ?? '' } })
  const [notice, setNotice] = useState<string>()
  const noticeRef = useRef<HTMLParagraphElement>(null)
  useEffect(() => {
    if (notice) noticeRef.current?.focus()
  }, [notice])
  if (!serviceTask) return null
  const saved = (text: string) => {
    setNotice(text)
    register.reload()
  }
  return (
    <FoldingPanel panel={`card:disclosures:${serviceTask}`} className="card-section disclosures" title={t('disclosures.title', { task: serviceTaskName(t, serviceTask) })}>
      <p className="field-hint">{t('disclosures.intro')}</p>
      <div role="status" className="status-region">
        {notice && (
          <p ref={noticeRef} tabIndex={-1} className="notice">
            {notice}
          </p>
        )}
      </div>
      {register.status === 'loading' && <p>…</p>}
      {register.status === 'error' && <ErrorAlert error={describeError(register.error)} />}
      {register.status === 'success' && <RegisterView personId={personId} serviceTask={serviceTask} r={register.data} onSaved={saved} />}
    </FoldingPanel>
  )
}

function RegisterView({ personId, serviceTask, r, onSaved }: { personId: string; serviceTask: string; r: DisclosureRegister; onSaved: (notice: string) => void }) {
  const { t } = useTranslation()
  return (
    <>
      {r.requests.length === 0 ? (
        <p>{t('disclosures.none')}</p>
      ) : (
        <ul className="disclosure-requests">
          {r.requests.map((q) => (
            <li key={q.id}>
              <RequestItem personId={personId} serviceTask={serviceTask} q={q} disclosed={r.log.some((l) => l.requestId === q.id)} onSaved={onSaved} />
            </li>
          ))}
        </ul>
      )}
      <Expander label={t('disclosures.receive.open')}>
        {({ cancel, done }) => (
          <ReceiveForm
            personId={personId}
            serviceTask={serviceTask}
            onCancel={cancel}
            onSaved={() => {
              done()
              onSaved(t('disclosures.receive.saved'))
            }}
          />
        )}
      </Expander>
      <h3>{t('disclosures.log')}</h3>
      {r.log.length === 0 ? (
        <p>{t('disclosures.noLog')}</p>
      ) : (
        <div className="table-scroll">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('disclosures.logColumns.on')}</th>
                <th scope="col">{t('disclosures.logColumns.recipient')}</th>
                <th scope="col">{t('disclosures.logColumns.basis')}</th>
                <th scope="col">{t('disclosures.logColumns.what')}</th>
                <th scope="col">{t('disclosures.logColumns.by')}</th>
              </tr>
            </thead>
            <tbody>
              {r.log.map((l) => (
                <tr key={l.id}>
                  <td>{formatDate(l.disclosedOn)}</td>
                  <td>{l.recipient}</td>
                  <td>
                    {t(`disclosures.bases.${l.basis}`)}
                    {l.basisCitation && <> ({l.basisCitation})</>}
                  </td>
                  <td>{l.what}</td>
                  <td>{l.disclosedBy ?? '–'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  )
}

function RequestItem({ personId, serviceTask, q, disclosed, onSaved }: { personId: string; serviceTask: string; q: DisclosureRequest; disclosed: boolean; onSaved: (notice: string) => void }) {
  const { t } = useTranslation()
  const requester = q.requesterOrganisation ? `${q.requesterName}, ${q.requesterOrganisation}` : q.requesterName
  return (
    <article aria-label={t('disclosures.request', { number: q.number, requester })}>
      <h3>{t('disclosures.request', { number: q.number, requester })}</h3>
      <dl className="facts">
        <dt>{t('disclosures.receive.requesterKind')}</dt>
        <dd>
          {t(`disclosures.requesterKinds.${q.requesterKind}`)}, {t('disclosures.received', { date: formatDate(q.receivedOn) })}
        </dd>
        <dt>{t('disclosures.basis')}</dt>
        <dd>
          {t(`disclosures.bases.${q.basis}`)}
          {q.basisCitation && <> ({q.basisCitation})</>}
        </dd>
        <dt>{t('disclosures.purpose')}</dt>
        <dd>{q.purpose}</dd>
        <dt>{t('disclosures.requested')}</dt>
        <dd className="pre-line">{q.requested}</dd>
        <dt>{t('disclosures.decide.outcome')}</dt>
        <dd>
          {q.decision
            ? t('disclosures.decidedBy', { outcome: t(`disclosures.outcomes.${q.decision.outcome}`), date: formatDate(q.decision.decidedOn), name: q.decision.decidedBy })
            : t('disclosures.undecided')}
        </dd>
      </dl>
      {q.decision && (
        <ul className="document-links">
          {(['fi', 'sv'] as const).map((language) => (
            <li key={language}>
              <a href={endpointPath(ep['disclosures.decisionPdf'], { params: { id: personId, requestId: q.id }, query: { serviceTask, language } })} download={`luovutuspaatos-${q.number}-${language}.pdf`}>
                {t('disclosures.pdf', { language: t(`disclosures.languages.${language}`) })}
              </a>
            </li>
          ))}
        </ul>
      )}
      {!q.decision && (
        <Expander label={t('disclosures.decide.open')}>
          {({ cancel, done }) => (
            <DecideForm
              personId={personId}
              serviceTask={serviceTask}
              q={q}
              onCancel={cancel}
              onSaved={() => {
                done()
                onSaved(t('disclosures.decide.saved'))
              }}
            />
          )}
        </Expander>
      )}
      {q.decision && q.decision.outcome !== 'refuse' && (
        <Expander label={t('disclosures.bundle.open')}>{({ cancel }) => <BundleForm personId={personId} serviceTask={serviceTask} q={q} onCancel={cancel} />}</Expander>
      )}
      {q.decision && q.decision.outcome !== 'refuse' && !disclosed && (
        <Expander label={t('disclosures.disclose.open')}>
          {({ cancel, done }) => (
            <DiscloseForm
              personId={personId}
              serviceTask={serviceTask}
              q={q}
              onCancel={cancel}
              onSaved={() => {
                done()
                onSaved(t('disclosures.disclose.saved'))
              }}
            />
          )}
        </Expander>
      )}
    </article>
  )
}

const RECEIVE_FIELDS = ['requesterKind', 'requesterName', 'requesterOrganisation', 'receivedOn', 'basis', 'basisCitation', 'consentId', 'purpose', 'requested'] as const
type ReceiveField = (typeof RECEIVE_FIELDS)[number]

function ReceiveForm({ personId, serviceTask, onCancel, onSaved }: { personId: string; serviceTask: string; onCancel: () => void; onSaved: () => void }) {
  const { t } = useTranslation()
  const today = todayInHelsinki()
  const consents = useEndpoint(ep['disclosures.consents'], { params: { id: personId } })
  const [d, setD] = useState({ requesterKind: '' as RequesterKind | '', requesterName: '', requesterOrganisation: '', receivedOn: today, basis: '' as Basis | '', basisCitation: '', consentId: '', purpose: '', requested: '' })
  const [saving, setSaving] = useState(false)
  const { fieldErrors, error, register, check, fail } = useFormErrors(RECEIVE_FIELDS)
  const draft = useKeptDraft(`disclosure-request ${personId} ${serviceTask}`, d, setD)
  const set = (change: Partial<typeof d>) => setD((x) => ({ ...x, ...change }))
  const usable = consents.status === 'success' ? consents.data.consents.filter((c) => c.kind === 'consent' && c.standing === 'valid' && c.serviceTasks.includes(serviceTask)) : []

  async function submit(event: FormEvent) {
    event.preventDefault()
    const required = t('disclosures.receive.required')
    const found: Partial<Record<ReceiveField, string>> = {}
    if (!d.requesterKind) found.requesterKind = required
    if (d.requesterName.trim().length < 2) found.requesterName = required
    if (!d.receivedOn) found.receivedOn = required
    if (!d.basis) found.basis = required
    if ((d.basis === 'other_act' || d.basis === 'research_permit') && !d.basisCitation.trim()) found.basisCitation = required
    if (d.basis === 'consent' && !d.consentId) found.consentId = required
    if (d.purpose.trim().length < 3) found.purpose = required
    if (d.requested.trim().length < 3) found.requested = required
    if (!check(found) || !d.requesterKind || !d.basis) return
    setSaving(true)
    try {
      await callApi(ep['disclosures.receive'], {
        params: { id: personId },
        body: {
          serviceTask,
          requesterKind: d.requesterKind,
          requesterName: d.requesterName.trim(),
          requesterOrganisation: d.requesterOrganisation.trim() || null,
          receivedOn: d.receivedOn,
          basis: d.basis,
          basisCitation: d.basisCitation.trim() || null,
          consentId: d.basis === 'consent' ? d.consentId : null,
          purpose: d.purpose.trim(),
          requested: d.requested.trim(),
        },
      })
      draft.discard()
      onSaved()
    } catch (failure) {
      fail(failure)
      setSaving(false)
    }
  }

  return (
    <form noValidate onSubmit={(e) => void submit(e)} className="form disclosure-form" aria-label={t('disclosures.receive.open')}>
      <KeptDraftParts draft={draft} busy={saving} />
      <SelectField name="requesterKind" label={t('disclosures.receive.requesterKind')} value={d.requesterKind} onChange={(e) => set({ requesterKind: e.target.value as RequesterKind })} error={fieldErrors.requesterKind} ref={register('requesterKind')}>
        <option value="">{t('disclosures.receive.choose')}</option>
        {REQUESTER_KINDS.map((k) => (
          <option key={k} value={k}>
            {t(`disclosures.requesterKinds.${k}`)}
          </option>
        ))}
      </SelectField>
      <TextField name="requesterName" label={t('disclosures.receive.requesterName')} maxLength={200} value={d.requesterName} onChange={(e) => set({ requesterName: e.target.value })} error={fieldErrors.requesterName} ref={register('requesterName')} />
      <TextField name="requesterOrganisation" label={t('disclosures.receive.requesterOrganisation')} maxLength={200} value={d.requesterOrganisation} onChange={(e) => set({ requesterOrganisation: e.target.value })} error={fieldErrors.requesterOrganisation} ref={register('requesterOrganisation')} />
      <TextField name="receivedOn" type="date" label={t('disclosures.receive.receivedOn')} max={today} value={d.receivedOn} onChange={(e) => set({ receivedOn: e.target.value })} error={fieldErrors.receivedOn} ref={register('receivedOn')} />
      <SelectField name="basis" label={t('disclosures.receive.basis')} value={d.basis} onChange={(e) => set({ basis: e.target.value as Basis })} error={fieldErrors.basis} ref={register('basis')}>
        <option value="">{t('disclosures.receive.choose')}</option>
        {DISCLOSURE_BASES.map((b) => (
          <option key={b} value={b}>
            {t(`disclosures.bases.${b}`)}
          </option>
        ))}
      </SelectField>
      {(d.basis === 'other_act' || d.basis === 'research_permit') && (
        <TextField name="basisCitation" label={t('disclosures.receive.citation')} maxLength={500} value={d.basisCitation} onChange={(e) => set({ basisCitation: e.target.value })} error={fieldErrors.basisCitation} ref={register('basisCitation')} />
      )}
      {d.basis === 'consent' && (
        <SelectField name="consentId" label={t('disclosures.receive.consent')} value={d.consentId} onChange={(e) => set({ consentId: e.target.value })} error={fieldErrors.consentId} ref={register('consentId')}>
          <option value="">{t('disclosures.receive.chooseConsent')}</option>
          {usable.map((c) => (
            <option key={c.id} value={c.id}>
              {c.recipient}: {c.purpose}
            </option>
          ))}
        </SelectField>
      )}
      <TextAreaField name="purpose" label={t('disclosures.receive.purpose')} rows={2} max={2000} value={d.purpose} onChange={(e) => set({ purpose: e.target.value })} error={fieldErrors.purpose} ref={register('purpose')} />
      <TextAreaField name="requested" label={t('disclosures.receive.requested')} rows={3} max={5000} counter value={d.requested} onChange={(e) => set({ requested: e.target.value })} error={fieldErrors.requested} ref={register('requested')} />
      <FormFooter error={error} submitLabel={t('disclosures.receive.save')} busy={saving} onCancel={onCancel} draft={draft} />
    </form>
  )
}

const DECIDE_FIELDS = ['outcome', 'reasons', 'decidedOn'] as const

function DecideForm({ personId, serviceTask, q, onCancel, onSaved }: { personId: string; serviceTask: string; q: DisclosureRequest; onCancel: () => void; onSaved: () => void }) {
  const { t } = useTranslation()
  const id = useId()
  const today = todayInHelsinki()
  const [outcome, setOutcome] = useState<Outcome | ''>('')
  const [reasons, setReasons] = useState('')
  const [decidedOn, setDecidedOn] = useState(today)
  const [confirming, setConfirming] = useState(false)
  const [saving, setSaving] = useState(false)
  const { fieldErrors, error, register, check, fail } = useFormErrors(DECIDE_FIELDS)
  const draft = useKeptDraft(`disclosure-decision ${personId} ${q.id} ${q.version}`, { outcome, reasons, decidedOn }, (kept) => {
    setOutcome(kept.outcome)
    setReasons(kept.reasons)
    setDecidedOn(kept.decidedOn)
  })

  function validate(event: FormEvent) {
    event.preventDefault()
    const found: Partial<Record<(typeof DECIDE_FIELDS)[number], string>> = {}
    if (!outcome) found.outcome = t('disclosures.receive.required')
    if (reasons.trim().length < 10) found.reasons = t('disclosures.decide.reasonsRequired')
    if (check(found)) setConfirming(true)
  }

  async function decide() {
    if (!outcome) return
    setSaving(true)
    try {
      await callApi(ep['disclosures.decide'], { params: { id: personId, requestId: q.id }, body: { serviceTask, outcome, reasons: reasons.trim(), decidedOn, version: q.version } })
      draft.discard()
      setConfirming(false)
      onSaved()
    } catch (failure) {
      setConfirming(false)
      fail(failure)
      setSaving(false)
    }
  }

  return (
    <form noValidate onSubmit={validate} className="form disclosure-form" aria-label={t('disclosures.decide.open')}>
      <KeptDraftParts draft={draft} busy={saving} />
      <RadioGroup
        legend={t('disclosures.decide.outcome')}
        name={`${id}-outcome`}
        value={outcome}
        onChange={setOutcome}
        options={(['disclose', 'partly', 'refuse'] as const).map((o) => ({ value: o, label: t(`disclosures.outcomes.${o}`) }))}
        error={fieldErrors.outcome}
        firstRef={register('outcome')}
      />
      <TextAreaField name="reasons" label={t('disclosures.decide.reasons')} rows={3} max={20000} counter value={reasons} onChange={(e) => setReasons(e.target.value)} error={fieldErrors.reasons} ref={register('reasons')} />
      <TextField name="decidedOn" type="date" label={t('disclosures.decide.decidedOn')} min={q.receivedOn} max={today} value={decidedOn} onChange={(e) => setDecidedOn(e.target.value)} error={fieldErrors.decidedOn} ref={register('decidedOn')} />
      <FormFooter error={error} submitLabel={t('disclosures.decide.save')} busy={saving} onCancel={onCancel} draft={draft} />
      {confirming && (
        <ConfirmDialog title={t('disclosures.decide.confirmTitle')} confirmLabel={t('disclosures.decide.save')} busy={saving} onConfirm={() => void decide()} onCancel={() => setConfirming(false)}>
          <p>{t('disclosures.decide.confirmBody')}</p>
        </ConfirmDialog>
      )}
    </form>
  )
}

const DISCLOSE_FIELDS = ['what', 'method', 'disclosedOn'] as const

function DiscloseForm({ personId, serviceTask, q, onCancel, onSaved }: { personId: string; serviceTask: string; q: DisclosureRequest; onCancel: () => void; onSaved: () => void }) {
  const { t } = useTranslation()
  const today = todayInHelsinki()
  const [what, setWhat] = useState(q.requested)
  const [method, setMethod] = useState<Method>('secure_email')
  const [disclosedOn, setDisclosedOn] = useState(today)
  const [saving, setSaving] = useState(false)
  const { fieldErrors, error, register, check, fail } = useFormErrors(DISCLOSE_FIELDS)

  async function submit(event: FormEvent) {
    event.preventDefault()
    if (!check(what.trim().length < 3 ? { what: t('disclosures.disclose.whatRequired') } : {})) return
    setSaving(true)
    try {
      await callApi(ep['disclosures.disclose'], { params: { id: personId, requestId: q.id }, body: { serviceTask, what: what.trim(), method, disclosedOn, version: q.version } })
      onSaved()
    } catch (failure) {
      fail(failure)
      setSaving(false)
    }
  }

  return (
    <form noValidate onSubmit={(e) => void submit(e)} className="form disclosure-form" aria-label={t('disclosures.disclose.open')}>
      <TextAreaField name="what" label={t('disclosures.disclose.what')} rows={3} max={5000} value={what} onChange={(e) => setWhat(e.target.value)} error={fieldErrors.what} ref={register('what')} />
      <SelectField name="method" label={t('disclosures.disclose.method')} value={method} onChange={(e) => setMethod(e.target.value as Method)} error={fieldErrors.method} ref={register('method')}>
        {DISCLOSURE_METHODS.map((m) => (
          <option key={m} value={m}>
            {t(`disclosures.methods.${m}`)}
          </option>
        ))}
      </SelectField>
      <TextField name="disclosedOn" type="date" label={t('disclosures.disclose.disclosedOn')} max={today} value={disclosedOn} onChange={(e) => setDisclosedOn(e.target.value)} error={fieldErrors.disclosedOn} ref={register('disclosedOn')} />
      <FormFooter error={error} submitLabel={t('disclosures.disclose.save')} busy={saving} onCancel={onCancel} />
    </form>
  )
}

/** The record kinds a bundle may enclose (the modules' copy keys): those of every register, and the register's own. */
const BUNDLE_RECORDS: { key: string; tasks?: readonly string[] }[] = [
  { key: 'journal/entry' },
  { key: 'kernel/decision' },
  { key: 'appointments/appointment' },
  { key: 'attachments/attachment' },
  { key: 'income-support/application', tasks: ['income_support'] },
  { key: 'child-welfare/assessment', tasks: ['child_welfare'] },
  { key: 'child-welfare/plan', tasks: ['child_welfare'] },
  { key: 'child-welfare/support-measure', tasks: ['child_welfare'] },
  { key: 'child-welfare/placement', tasks: ['child_welfare'] },
]

/**
 * The documents to send on a decided request as one PDF: the record kinds chosen, the period and the language; the
 * link lays out a cover letter and the records (the print is logged).
 */
function BundleForm({ personId, serviceTask, q, onCancel }: { personId: string; serviceTask: string; q: DisclosureRequest; onCancel: () => void }) {
  const { t } = useTranslation()
  const options = BUNDLE_RECORDS.filter((r) => !r.tasks || r.tasks.includes(serviceTask)).map((r) => ({ value: r.key, label: t(`disclosures.bundle.records.${r.key.replace(/[/-]/g, '_')}` as 'disclosures.bundle.records.journal_entry') }))
  const [records, setRecords] = useState<string[]>(['journal/entry'])
  const [from, setFrom] = useState('')
  const [to, setTo] = useState('')
  const [language, setLanguage] = useState<'fi' | 'sv'>('fi')
  const href = endpointPath(ep['disclosures.bundlePdf'], {
    params: { id: personId, requestId: q.id },
    query: { serviceTask, records: records.join(','), language, ...(from ? { from } : {}), ...(to ? { to } : {}) },
  })
  return (
    <div className="form">
      <CheckboxGroup legend={t('disclosures.bundle.what')} options={options} value={records} onChange={setRecords} hint={t('disclosures.bundle.hint')} />
      <TextField name="bundleFrom" type="date" label={t('disclosures.bundle.from')} value={from} max={to || undefined} onChange={(e) => setFrom(e.target.value)} />
      <TextField name="bundleTo" type="date" label={t('disclosures.bundle.to')} value={to} min={from || undefined} onChange={(e) => setTo(e.target.value)} />
      <RadioGroup
        name="bundleLanguage"
        legend={t('disclosures.bundle.language')}
        options={(['fi', 'sv'] as const).map((l) => ({ value: l, label: t(`disclosures.languages.${l}`) }))}
        value={language}
        onChange={setLanguage}
      />
      <div className="button-row">
        {records.length ? (
          <a className="button button-primary" href={href} download={`luovutus-${q.number}.pdf`}>
            {t('disclosures.bundle.make')}
          </a>
        ) : (
          <span className="field-hint">{t('disclosures.bundle.none')}</span>
        )}
        <button type="button" className="button" onClick={onCancel}>
          {t('disclosures.bundle.close')}
        </button>
      </div>
    </div>
  )
}

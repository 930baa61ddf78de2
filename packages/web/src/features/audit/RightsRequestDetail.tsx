import { type REFUSAL_GROUNDS, rightsEndpoints as ep, type Restriction, type RightsPart, type RightsRequest } from '@huoma/contract'
import { groundsFor } from '@huoma/domain'
import { useEffect, useId, useRef, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { describeError } from '../../api/client'
import { callApi, endpointPath, useEndpoint } from '../../api/endpoint'
import { ErrorAlert } from '../../components/Alert'
import { ConfirmDialog } from '../../components/ConfirmDialog'
import { Expander, SelectField, TextAreaField } from '../../components/FormFields'
import { TextField } from '../../components/TextField'
import { FormFooter } from '../../components/FormFooter'
import { KeptDraftParts, useKeptDraft } from '../../components/KeptDraft'
import { useFormErrors } from '../../components/useFormErrors'
import { formatDate, todayInHelsinki } from '../../lib/format'
import { SERVICE_TASK_CODES, serviceTaskName } from '../../lib/labels'

type Ground = (typeof REFUSAL_GROUNDS)[number]
type Choice = 'none' | 'granted' | 'refused'
interface PartDraft {
  serviceTask: string | null
  outcome: Choice
  ground: Ground | ''
  explanation: string
}

/** The standing of a request as a badge: overdue and due soon stand out. */
export function StandingBadge({ standing }: { standing: RightsRequest['standing'] }) {
  const { t } = useTranslation()
  const tone = standing === 'overdue' ? 'badge badge-danger' : standing === 'due_soon' ? 'badge badge-warning' : 'badge'
  return <span className={tone}>{t(`audit.rights.standings.${standing}`)}</span>
}

/** One request: its facts, the forms of an open one (decide, extend, withdrawn), the documents of a decided one. */
export function RightsRequestDetail({ requestId, onBack }: { requestId: string; onBack: () => void }) {
  const { t } = useTranslation()
  const request = useEndpoint(ep['rights.read'], { params: { requestId } })
  const [notice, setNotice] = useState<string>()
  const noticeRef = useRef<HTMLParagraphElement>(null)
  useEffect(() => {
    if (notice) noticeRef.current?.focus()
  }, [notice])
  const saved = (text: string) => {
    setNotice(text)
    request.reload()
  }

  return (
    <section aria-label={t('audit.rights.heading')}>
      <button type="button" className="button-link" onClick={onBack}>
        ← {t('audit.rights.back')}
      </button>
      <div role="status" className="status-region">
        {notice && (
          <p ref={noticeRef} tabIndex={-1} className="notice">
            {notice}
          </p>
        )}
      </div>
      {request.status === 'loading' && <p>{t('audit.common.loading')}</p>}
      {request.status === 'error' && <ErrorAlert error={describeError(request.error)} />}
      {request.status === 'success' && <RequestView r={request.data} onSaved={saved} />}
    </section>
  )
}

function RequestView({ r, onSaved }: { r: RightsRequest; onSaved: (notice: string) => void }) {
  const { t } = useTranslation()
  const registers = r.serviceTasks.length ? r.serviceTasks.map((s) => serviceTaskName(t, s)).join(', ') : t('audit.rights.detail.allRegisters')
  return (
    <>
      <h2>
        {t('audit.rights.detail.heading', { number: r.number })} <StandingBadge standing={r.standing} />
      </h2>
      <dl className="facts">
        <dt>{t('audit.rights.client')}</dt>
        <dd>
          {r.person.name}
          {r.person.hetu && <>, {r.person.hetu}</>}
        </dd>
        <dt>{t('audit.rights.kind')}</dt>
        <dd>{t(`audit.rights.kinds.${r.kind}`)}</dd>
        <dt>{t('audit.rights.detail.requester')}</dt>
        <dd>
          {t(`audit.rights.requesterKinds.${r.requesterKind}`)}
          {r.requester && <>: {r.requester.name}</>}
        </dd>
        <dt>{t('audit.rights.detail.channel')}</dt>
        <dd>{t(`audit.rights.channels.${r.channel}`)}</dd>
        <dt>{t('audit.rights.detail.identity')}</dt>
        <dd>{t('audit.rights.detail.identityBy', { how: t(`audit.rights.identityChecks.${r.identityCheck}`), who: r.identityCheckedBy })}</dd>
        <dt>{t('audit.rights.received')}</dt>
        <dd>{formatDate(r.receivedOn)}</dd>
        <dt>{t('audit.rights.due')}</dt>
        <dd>
          {formatDate(r.effectiveDue)}
          {r.extendedTo && r.extensionNoticeOn && (
            <> — {t('audit.rights.detail.extended', { date: formatDate(r.extendedTo), notice: formatDate(r.extensionNoticeOn), reason: r.extensionReason ?? '' })}</>
          )}
        </dd>
        <dt>{t('audit.rights.detail.registers')}</dt>
        <dd>{registers}</dd>
        {r.periodFrom && r.periodTo && (
          <>
            <dt>{t('audit.rights.detail.period')}</dt>
            <dd>
              {formatDate(r.periodFrom)}–{formatDate(r.periodTo)}
            </dd>
          </>
        )}
        <dt>{t('audit.rights.detail.details')}</dt>
        <dd className="pre-line">{r.details}</dd>
      </dl>
      {r.state === 'withdrawn' && r.withdrawnOn && <p>{t('audit.rights.detail.withdrawn', { date: formatDate(r.withdrawnOn) })}</p>}
      {r.state === 'open' && (
        <>
          <DecisionForm r={r} onSaved={onSaved} />
          {!r.extendedTo && (
            <Expander label={t('audit.rights.extend.open')}>
              {({ cancel, done }) => (
                <ExtendForm
                  r={r}
                  onCancel={cancel}
                  onSaved={() => {
                    done()
                    onSaved(t('audit.rights.extend.saved'))
                  }}
                />
              )}
            </Expander>
          )}
          <Expander label={t('audit.rights.withdraw.open')}>
            {({ cancel, done }) => (
              <WithdrawForm
                r={r}
                onCancel={cancel}
                onSaved={() => {
                  done()
                  onSaved(t('audit.rights.withdraw.saved'))
                }}
              />
            )}
          </Expander>
        </>
      )}
      {r.decision && <Decided r={r} />}
      <Restrictions personId={r.person.id} onSaved={onSaved} />
    </>
  )
}

function Decided({ r }: { r: RightsRequest }) {
  const { t } = useTranslation()
  const d = r.decision!
  const params = { params: { requestId: r.id } }
  const refused = d.parts.some((p) => p.outcome === 'refused')
  const copy = (r.kind === 'access' || r.kind === 'log') && d.outcome !== 'refused'
  const register = (p: RightsPart) => (p.serviceTask === null ? t('audit.rights.decide.registry') : serviceTaskName(t, p.serviceTask))
  return (
    <section aria-labelledby={`decided-${r.id}`}>
      <h3 id={`decided-${r.id}`}>{t('audit.rights.decided.heading', { number: d.number, date: formatDate(d.decidedOn) })}</h3>
      <p>
        <strong>{t(`audit.rights.decided.outcomes.${d.outcome}`)}</strong> {t('audit.rights.decided.maker', { name: d.maker })}
      </p>
      <ul>
        {d.parts.map((p) => (
          <li key={p.serviceTask ?? 'registry'}>
            {register(p)}: {t(`audit.rights.decide.${p.outcome}`)}
            {p.ground && <> — {t(`audit.rights.grounds.${p.ground}`)}</>}
            {p.explanation && <>. {p.explanation}</>}
          </li>
        ))}
      </ul>
      <h4>{t('audit.rights.decided.documents')}</h4>
      <ul className="document-links">
        <li>
          <a href={endpointPath(ep['rights.decisionPdf'], params)} download={`tietosuojapaatos-${r.number}.pdf`}>
            {t('audit.rights.decided.decisionPdf')}
          </a>
        </li>
        {refused && (
          <li>
            <a href={endpointPath(ep['rights.refusalCertificate'], params)} download={`kieltaytymistodistus-${r.number}.pdf`}>
              {t('audit.rights.decided.certificate')}
            </a>
          </li>
        )}
        {copy && (
          <>
            <li>
              <a href={endpointPath(ep['rights.copyPdf'], params)} download={`asiakastiedot-${r.number}.pdf`}>
                {t('audit.rights.decided.copyPdf')}
              </a>
            </li>
            <li>
              <a href={endpointPath(ep['rights.copy'], params)} download={`asiakastiedot-${r.number}.json`}>
                {t('audit.rights.decided.copyJson')}
              </a>
            </li>
          </>
        )}
      </ul>
    </section>
  )
}

const DECISION_FIELDS = ['parts', 'reasons', 'decidedOn'] as const

function DecisionForm({ r, onSaved }: { r: RightsRequest; onSaved: (notice: string) => void }) {
  const { t } = useTranslation()
  const id = useId()
  const today = todayInHelsinki()
  const rows: (string | null)[] = [null, ...(r.serviceTasks.length ? r.serviceTasks : SERVICE_TASK_CODES)]
  const [parts, setParts] = useState<PartDraft[]>(rows.map((serviceTask) => ({ serviceTask, outcome: 'none', ground: '', explanation: '' })))
  const [partErrors, setPartErrors] = useState<Record<number, { ground?: string; explanation?: string }>>({})
  const [reasons, setReasons] = useState('')
  const [decidedOn, setDecidedOn] = useState(today)
  const [confirming, setConfirming] = useState(false)
  const [saving, setSaving] = useState(false)
  const { fieldErrors, error, register, check, fail } = useFormErrors(DECISION_FIELDS)
  const grounds = groundsFor(r.kind)
  const setPart = (i: number, change: Partial<PartDraft>) => setParts((ps) => ps.map((p, j) => (j === i ? { ...p, ...change } : p)))
  const draft = useKeptDraft(`rights-decision ${r.id} ${r.version}`, { parts, reasons, decidedOn }, (kept) => {
    if (kept.parts.length === parts.length) setParts(kept.parts)
    setReasons(kept.reasons)
    setDecidedOn(kept.decidedOn)
  })

  function validate(event: FormEvent) {
    event.preventDefault()
    const found: Partial<Record<(typeof DECISION_FIELDS)[number], string>> = {}
    const perPart: Record<number, { ground?: string; explanation?: string }> = {}
    if (!parts.some((p) => p.outcome !== 'none')) found.parts = t('audit.rights.decide.partsRequired')
    parts.forEach((p, i) => {
      if (p.outcome !== 'refused') return
      const e: { ground?: string; explanation?: string } = {}
      if (!p.ground) e.ground = t('audit.rights.decide.groundRequired')
      if (p.explanation.trim().length < 10) e.explanation = t('audit.rights.decide.explanationRequired')
      if (e.ground || e.explanation) perPart[i] = e
    })
    if (reasons.trim().length < 10) found.reasons = t('audit.rights.decide.reasonsRequired')
    setPartErrors(perPart)
    const first = Object.keys(perPart)[0]
    if (!check(found)) return
    if (first !== undefined) {
      document.getElementById(`${id}-part-${first}`)?.focus()
      return
    }
    setConfirming(true)
  }

  async function decide() {
    setSaving(true)
    try {
      const body = {
        parts: parts
          .filter((p) => p.outcome !== 'none')
          .map((p) => ({ serviceTask: p.serviceTask, outcome: p.outcome as 'granted' | 'refused', ground: p.outcome === 'refused' ? (p.ground as Ground) : null, explanation: p.explanation.trim() })),
        reasons: reasons.trim(),
        decidedOn,
        version: r.version,
      }
      const next = await callApi(ep['rights.decide'], { params: { requestId: r.id }, body })
      draft.discard()
      setConfirming(false)
      onSaved(t('audit.rights.decide.saved', { number: next.decision?.number ?? '' }))
    } catch (failure) {
      setConfirming(false)
      fail(failure)
    } finally {
      setSaving(false)
    }
  }

  return (
    <form noValidate onSubmit={validate} className="form rights-form" aria-labelledby={`${id}-heading`}>
      <h3 id={`${id}-heading`}>{t('audit.rights.decide.heading')}</h3>
      <KeptDraftParts draft={draft} busy={saving} />
      <p className="field-hint">{t('audit.rights.decide.intro')}</p>
      <div className={fieldErrors.parts ? 'field field-invalid' : 'field'}>
        {fieldErrors.parts && <p className="field-error">{fieldErrors.parts}</p>}
        {parts.map((p, i) => (
          <fieldset key={p.serviceTask ?? 'registry'} className="rights-part">
            <legend>{p.serviceTask === null ? t('audit.rights.decide.registry') : serviceTaskName(t, p.serviceTask)}</legend>
            <SelectField
              id={`${id}-part-${i}`}
              ref={i === 0 ? register('parts') : undefined}
              label={t('audit.rights.decide.outcome')}
              value={p.outcome}
              onChange={(e) => setPart(i, { outcome: e.target.value as Choice })}
            >
              <option value="none">{t('audit.rights.decide.notIncluded')}</option>
              <option value="granted">{t('audit.rights.decide.granted')}</option>
              <option value="refused">{t('audit.rights.decide.refused')}</option>
            </SelectField>
            {p.outcome === 'refused' && (
              <SelectField label={t('audit.rights.decide.ground')} value={p.ground} onChange={(e) => setPart(i, { ground: e.target.value as Ground })} error={partErrors[i]?.ground}>
                <option value="">{t('audit.rights.decide.chooseGround')}</option>
                {grounds.map((g) => (
                  <option key={g} value={g}>
                    {t(`audit.rights.grounds.${g}`)}
                  </option>
                ))}
              </SelectField>
            )}
            {p.outcome !== 'none' && (
              <TextAreaField
                label={t('audit.rights.decide.explanation')}
                rows={2}
                max={5000}
                value={p.explanation}
                onChange={(e) => setPart(i, { explanation: e.target.value })}
                error={partErrors[i]?.explanation}
              />
            )}
          </fieldset>
        ))}
      </div>
      <TextAreaField name="reasons" label={t('audit.rights.decide.reasons')} rows={4} max={20000} counter value={reasons} onChange={(e) => setReasons(e.target.value)} error={fieldErrors.reasons} ref={register('reasons')} />
      <TextField name="decidedOn" type="date" label={t('audit.rights.decide.decidedOn')} min={r.receivedOn} max={today} value={decidedOn} onChange={(e) => setDecidedOn(e.target.value)} error={fieldErrors.decidedOn} ref={register('decidedOn')} />
      <FormFooter error={error} submitLabel={t('audit.rights.decide.save')} busy={saving} />
      {confirming && (
        <ConfirmDialog title={t('audit.rights.decide.confirmTitle')} confirmLabel={t('audit.rights.decide.confirm')} busy={saving} onConfirm={() => void decide()} onCancel={() => setConfirming(false)}>
          <p>{t('audit.rights.decide.confirmBody')}</p>
        </ConfirmDialog>
      )}
    </form>
  )
}

const EXTEND_FIELDS = ['extendedTo', 'reason', 'noticeOn'] as const

function ExtendForm({ r, onCancel, onSaved }: { r: RightsRequest; onCancel: () => void; onSaved: () => void }) {
  const { t } = useTranslation()
  const today = todayInHelsinki()
  const [to, setTo] = useState('')
  const [reason, setReason] = useState('')
  const [noticeOn, setNoticeOn] = useState(today)
  const [saving, setSaving] = useState(false)
  const { fieldErrors, error, register, check, fail } = useFormErrors(EXTEND_FIELDS)

  async function submit(event: FormEvent) {
    event.preventDefault()
    const found: Partial<Record<(typeof EXTEND_FIELDS)[number], string>> = {}
    if (!to) found.extendedTo = t('audit.rights.extend.required')
    if (reason.trim().length < 10) found.reason = t('audit.rights.extend.required')
    if (!noticeOn) found.noticeOn = t('audit.rights.extend.required')
    if (!check(found)) return
    setSaving(true)
    try {
      await callApi(ep['rights.extend'], { params: { requestId: r.id }, body: { extendedTo: to, reason: reason.trim(), noticeOn, version: r.version } })
      onSaved()
    } catch (failure) {
      fail(failure)
      setSaving(false)
    }
  }

  return (
    <form noValidate onSubmit={(e) => void submit(e)} className="form rights-form" aria-label={t('audit.rights.extend.open')}>
      <TextField name="extendedTo" type="date" label={t('audit.rights.extend.to')} min={r.dueOn} value={to} onChange={(e) => setTo(e.target.value)} error={fieldErrors.extendedTo} ref={register('extendedTo')} />
      <TextAreaField name="reason" label={t('audit.rights.extend.reason')} rows={2} max={2000} value={reason} onChange={(e) => setReason(e.target.value)} error={fieldErrors.reason} ref={register('reason')} />
      <TextField name="noticeOn" type="date" label={t('audit.rights.extend.noticeOn')} max={today} value={noticeOn} onChange={(e) => setNoticeOn(e.target.value)} error={fieldErrors.noticeOn} ref={register('noticeOn')} />
      <FormFooter error={error} submitLabel={t('audit.rights.extend.save')} busy={saving} onCancel={onCancel} />
    </form>
  )
}

function WithdrawForm({ r, onCancel, onSaved }: { r: RightsRequest; onCancel: () => void; onSaved: () => void }) {
  const { t } = useTranslation()
  const today = todayInHelsinki()
  const [on, setOn] = useState(today)
  const [saving, setSaving] = useState(false)
  const { fieldErrors, error, register, fail } = useFormErrors(['withdrawnOn'] as const)

  async function submit(event: FormEvent) {
    event.preventDefault()
    setSaving(true)
    try {
      await callApi(ep['rights.withdraw'], { params: { requestId: r.id }, body: { withdrawnOn: on, version: r.version } })
      onSaved()
    } catch (failure) {
      fail(failure)
      setSaving(false)
    }
  }

  return (
    <form noValidate onSubmit={(e) => void submit(e)} className="form rights-form" aria-label={t('audit.rights.withdraw.open')}>
      <TextField name="withdrawnOn" type="date" label={t('audit.rights.withdraw.on')} min={r.receivedOn} max={today} value={on} onChange={(e) => setOn(e.target.value)} error={fieldErrors.withdrawnOn} ref={register('withdrawnOn')} />
      <FormFooter error={error} submitLabel={t('audit.rights.withdraw.save')} busy={saving} onCancel={onCancel} />
    </form>
  )
}

/** The client's restrictions of processing, each standing one with its lift form. */
function Restrictions({ personId, onSaved }: { personId: string; onSaved: (notice: string) => void }) {
  const { t } = useTranslation()
  const list = useEndpoint(ep['rights.restrictions'], { query: { personId } })
  const reloadThen = (text: string) => {
    list.reload()
    onSaved(text)
  }
  return (
    <section aria-labelledby={`restrictions-${personId}`}>
      <h3 id={`restrictions-${personId}`}>{t('audit.rights.restrictions.heading')}</h3>
      {list.status === 'error' && <ErrorAlert error={describeError(list.error)} />}
      {list.status === 'success' &&
        (list.data.restrictions.length === 0 ? (
          <p>{t('audit.rights.restrictions.none')}</p>
        ) : (
          <ul>
            {list.data.restrictions.map((x) => (
              <li key={x.id}>
                <strong>{x.serviceTasks.length ? x.serviceTasks.map((s) => serviceTaskName(t, s)).join(', ') : t('audit.rights.restrictions.every')}</strong>{' '}
                {t('audit.rights.restrictions.since', { date: formatDate(x.restrictedOn), number: x.requestNumber ?? '–' })}
                {x.liftedOn ? (
                  <p>{t('audit.rights.restrictions.lifted', { date: formatDate(x.liftedOn), name: x.liftedBy ?? '', note: x.liftNote ?? '' })}</p>
                ) : (
                  <Expander label={t('audit.rights.restrictions.lift')}>
                    {({ cancel, done }) => (
                      <LiftForm
                        x={x}
                        onCancel={cancel}
                        onSaved={() => {
                          done()
                          reloadThen(t('audit.rights.restrictions.saved'))
                        }}
                      />
                    )}
                  </Expander>
                )}
              </li>
            ))}
          </ul>
        ))}
    </section>
  )
}

function LiftForm({ x, onCancel, onSaved }: { x: Restriction; onCancel: () => void; onSaved: () => void }) {
  const { t } = useTranslation()
  const today = todayInHelsinki()
  const [note, setNote] = useState('')
  const [on, setOn] = useState(today)
  const [saving, setSaving] = useState(false)
  const { fieldErrors, error, register, check, fail } = useFormErrors(['liftedOn', 'note'] as const)

  async function submit(event: FormEvent) {
    event.preventDefault()
    if (!check(note.trim().length < 5 ? { note: t('audit.rights.restrictions.noteRequired') } : {})) return
    setSaving(true)
    try {
      await callApi(ep['rights.liftRestriction'], { params: { restrictionId: x.id }, body: { liftedOn: on, note: note.trim(), version: x.version } })
      onSaved()
    } catch (failure) {
      fail(failure)
      setSaving(false)
    }
  }

  return (
    <form noValidate onSubmit={(e) => void submit(e)} className="form rights-form" aria-label={t('audit.rights.restrictions.lift')}>
      <TextField name="liftedOn" type="date" label={t('audit.rights.restrictions.liftedOn')} min={x.restrictedOn} max={today} value={on} onChange={(e) => setOn(e.target.value)} error={fieldErrors.liftedOn} ref={register('liftedOn')} />
      <TextAreaField name="note" label={t('audit.rights.restrictions.note')} rows={2} max={2000} value={note} onChange={(e) => setNote(e.target.value)} error={fieldErrors.note} ref={register('note')} />
      <FormFooter error={error} submitLabel={t('audit.rights.restrictions.save')} busy={saving} onCancel={onCancel} />
    </form>
  )
}

import { PLACEMENT_FORMS, PLACEMENT_REASONS, type ChildWelfareRecord, type CourtApplication, type Placement } from '@huoma/contract'
import { useId, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type { TFunction } from 'i18next'
import { TextField } from '../../components/TextField'
import { useFormErrors } from '../../components/useFormErrors'
import { formatDate, MISSING, todayInHelsinki } from '../../lib/format'
import { can, useUser } from '../../session/context'
import { applicationPdfUrl, recordApi } from './api'
import { deadlineKindName, FailureAlert, isConflict, MarkedDeadline, PdfLinks, type RecordChanged } from './display'
import { tooLong } from './draft'
import { Expander, TextAreaField } from '../../components/FormFields'
import { defaultDecisionLanguage, LanguageField } from './PlaceFields'
import { CareOrderForm, UrgentPlacementForm } from './PlacementForms'
import { openUrgentPlacement, placementTimeline, type PlacementPhase } from './record'

interface Props {
  record: ChildWelfareRecord
  today: string
  onChanged: RecordChanged
  reload: () => void
}

const PHASE_CLASS: Record<PlacementPhase, string> = { current: 'badge badge-info', upcoming: 'badge badge-warning', ended: 'badge badge-muted' }

export const formName = (t: TFunction, form: string) => ((PLACEMENT_FORMS as readonly string[]).includes(form) ? t(`childWelfare.record.forms.${form as (typeof PLACEMENT_FORMS)[number]}`) : form)
const reasonName = (t: TFunction, reason: string) =>
  (PLACEMENT_REASONS as readonly string[]).includes(reason) ? t(`childWelfare.record.reasons.${reason as (typeof PLACEMENT_REASONS)[number]}`) : reason

/**
 * The placements outside the home as a timeline, the latest first: the basis (urgent, care order, open care,
 * after-care), the form and the place, the reasons, the days, the decision and its maker, the extension, and an
 * urgent placement's statutory end marked when due soon or overdue. The new urgent placement and the care order are
 * decided here, an urgent placement extended (by another official) and a placement ended; the care order
 * applications to the administrative court follow, with their PDF and the day of filing.
 */
export function PlacementsSection({ record: r, today, onChanged, reload }: Props) {
  const { t } = useTranslation()
  const user = useUser()
  const id = useId()
  const mayDecide = can(user, 'child-welfare:decide')
  const timeline = placementTimeline(r.placements, today)
  return (
    <section className="panel cw-panel cw-wide" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{t('childWelfare.record.placements.heading')}</h2>
      {timeline.length === 0 ? (
        <p>{t('childWelfare.record.placements.none')}</p>
      ) : (
        <ol className="cw-timeline" aria-label={t('childWelfare.record.placements.timeline')}>
          {timeline.map(({ placement, phase }) => (
            <PlacementItem key={placement.id} record={r} placement={placement} phase={phase} mayDecide={mayDecide} onChanged={onChanged} reload={reload} />
          ))}
        </ol>
      )}
      {mayDecide && (
        <div className="cw-actions">
          <Expander label={t('childWelfare.record.urgent.open')}>{({ cancel, done }) => <UrgentPlacementForm record={r} onChanged={onChanged} reload={reload} onCancel={cancel} onDone={done} />}</Expander>
          <Expander label={t('childWelfare.record.care.open')}>{({ cancel, done }) => <CareOrderForm record={r} onChanged={onChanged} reload={reload} onCancel={cancel} onDone={done} />}</Expander>
        </div>
      )}
      {r.courtApplications.length > 0 && <CourtApplications record={r} mayDecide={mayDecide} onChanged={onChanged} reload={reload} />}
    </section>
  )
}

function PlacementItem({ record: r, placement: p, phase, mayDecide, onChanged, reload }: { record: ChildWelfareRecord; placement: Placement; phase: PlacementPhase; mayDecide: boolean; onChanged: RecordChanged; reload: () => void }) {
  const { t } = useTranslation()
  const id = useId()
  const extendable = p.basis === 'urgent' && !p.extension && p.endsOn === null
  const period = p.endsOn ? t('childWelfare.record.placements.fromTo', { from: formatDate(p.startsOn), to: formatDate(p.endsOn) }) : t('childWelfare.record.placements.from', { from: formatDate(p.startsOn) })
  return (
    <li className={`cw-placement cw-placement-${phase}`} aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>
        {t(`childWelfare.record.bases.${p.basis}`)}, {period} <span className={PHASE_CLASS[phase]}>{t(`childWelfare.record.phases.${phase}`)}</span>
      </h3>
      <dl className="facts">
        <dt>{t('childWelfare.record.place.form')}</dt>
        <dd>{formName(t, p.form)}</dd>
        <dt>{t('childWelfare.record.placements.place')}</dt>
        <dd>{p.place || MISSING}</dd>
        <dt>{t('childWelfare.record.place.reasons')}</dt>
        <dd>{p.reasons.map((reason) => reasonName(t, reason)).join(', ') || MISSING}</dd>
        <dt>{t('childWelfare.record.placements.decision')}</dt>
        <dd>{t('childWelfare.record.placements.decisionBy', { number: p.decision.number, name: p.decision.maker })}</dd>
        {p.basis === 'urgent' && (
          <>
            <dt>{t('childWelfare.record.placements.extension')}</dt>
            <dd>{p.extension ? t('childWelfare.record.placements.decisionBy', { number: p.extension.number, name: p.extension.maker }) : t('childWelfare.record.placements.notExtended')}</dd>
          </>
        )}
        {p.deadline && (
          <>
            <dt>{deadlineKindName(t, p.extension ? 'urgent_placement_extended' : 'urgent_placement')}</dt>
            <dd>
              <MarkedDeadline info={p.deadline} />
            </dd>
          </>
        )}
      </dl>
      {mayDecide && (extendable || p.endsOn === null) && (
        <div className="cw-actions">
          {extendable && (
            <Expander label={t('childWelfare.record.extension.open')}>
              {({ cancel, done }) => <ExtensionForm record={r} placement={p} onChanged={onChanged} reload={reload} onCancel={cancel} onDone={done} />}
            </Expander>
          )}
          {p.endsOn === null && (
            <Expander label={t('childWelfare.record.end.open')}>{({ cancel, done }) => <EndForm record={r} placement={p} onChanged={onChanged} reload={reload} onCancel={cancel} onDone={done} />}</Expander>
          )}
        </div>
      )}
    </li>
  )
}

interface PlacementFormProps {
  record: ChildWelfareRecord
  placement: Placement
  onChanged: RecordChanged
  reload: () => void
  onCancel: () => void
  onDone: () => void
}

/** `decisionMaker` and `placement`: the refusals of the decision as a whole (the same official; extended, or ended). */
const EXTENSION_FIELDS = ['decisionMaker', 'placement', 'decidedOn', 'decisionReasons', 'language'] as const
type ExtensionField = (typeof EXTENSION_FIELDS)[number]

/**
 * The one extension of an urgent placement (LSL 38 a §), by another official than the one who placed the child:
 * the server refuses the same official, and that refusal is shown at the top of the form, where the focus goes.
 */
function ExtensionForm({ record: r, placement: p, onChanged, reload, onCancel, onDone }: PlacementFormProps) {
  const { t } = useTranslation()
  const user = useUser()
  const today = todayInHelsinki()
  const [decidedOn, setDecidedOn] = useState(today)
  const [decisionReasons, setDecisionReasons] = useState('')
  const [language, setLanguage] = useState(defaultDecisionLanguage)
  const [saving, setSaving] = useState(false)
  const [conflict, setConflict] = useState(false)
  const { fieldErrors, error, register, check, fail } = useFormErrors(EXTENSION_FIELDS)
  const sameOfficial = p.decision.maker === user.displayName

  async function submit(event: FormEvent) {
    event.preventDefault()
    setConflict(false)
    const found: Partial<Record<ExtensionField, string>> = {}
    if (!decidedOn) found.decidedOn = t('childWelfare.record.dateRequired')
    const reasons = decisionReasons.trim().length < 10 ? t('childWelfare.record.reasonsRequired') : tooLong(t, decisionReasons, 20_000)
    if (reasons) found.decisionReasons = reasons
    if (!check(found)) return
    setSaving(true)
    try {
      const next = await recordApi.extend(r.person.id, p.id, { decidedOn, decisionReasons, version: p.version, language })
      onDone()
      onChanged(next, t('childWelfare.record.extension.saved'))
    } catch (failure) {
      setConflict(isConflict(failure))
      fail(failure)
      setSaving(false)
    }
  }

  const refusal = [fieldErrors.decisionMaker, fieldErrors.placement].filter(Boolean).join(' ')
  const refusalRef = (element: HTMLElement | null) => {
    register('decisionMaker')?.(element)
    register('placement')?.(element)
  }
  return (
    <form noValidate onSubmit={(e) => void submit(e)} className="cw-subform" aria-label={t('childWelfare.record.extension.heading')}>
      {/* always there, so that the refusal takes the focus as it is shown */}
      <div className={refusal ? 'alert alert-error cw-refusal' : 'cw-empty'} tabIndex={-1} ref={refusalRef}>
        {refusal && (
          <>
            <p className="alert-title">{t('childWelfare.record.extension.refused')}</p>
            <p>{refusal}</p>
          </>
        )}
      </div>
      <p className={sameOfficial ? 'cw-note cw-note-strong' : 'field-hint'}>
        {sameOfficial ? t('childWelfare.record.extension.youPlaced', { name: p.decision.maker }) : t('childWelfare.record.extension.intro', { name: p.decision.maker })}
      </p>
      <TextField
        name="decidedOn"
        type="date"
        label={t('childWelfare.record.decidedOn')}
        min={p.startsOn}
        max={today}
        value={decidedOn}
        onChange={(e) => setDecidedOn(e.target.value)}
        error={fieldErrors.decidedOn}
        ref={register('decidedOn')}
      />
      <TextAreaField
        name="decisionReasons"
        label={t('childWelfare.record.decisionReasons')}
        hint={t('childWelfare.record.decisionReasonsHint')}
        rows={4}
        value={decisionReasons}
        onChange={(e) => setDecisionReasons(e.target.value)}
        error={fieldErrors.decisionReasons}
        ref={register('decisionReasons')}
      />
      <LanguageField value={language} onChange={setLanguage} error={fieldErrors.language} register={register('language')} />
      <FailureAlert error={error} conflict={conflict} onReload={reload} conflictText={t('childWelfare.record.conflict')} reloadText={t('childWelfare.record.reload')} />
      <div className="button-row">
        <button type="submit" className="button button-primary" disabled={saving}>
          {saving ? t('childWelfare.notification.saving') : t('childWelfare.record.extension.save')}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          {t('childWelfare.record.cancel')}
        </button>
      </div>
    </form>
  )
}

const END_FIELDS = ['placement', 'endsOn', 'decisionReasons', 'language'] as const
type EndField = (typeof END_FIELDS)[number]

/**
 * Ending a placement: a care order ends by a decision to end the care (LSL 47 §) with its reasons, from which the
 * after-care follows; an urgent or open-care placement on the day the child left.
 */
function EndForm({ record: r, placement: p, onChanged, reload, onCancel, onDone }: PlacementFormProps) {
  const { t } = useTranslation()
  const today = todayInHelsinki()
  const decision = p.basis === 'care_order'
  const [endsOn, setEndsOn] = useState(today)
  const [decisionReasons, setDecisionReasons] = useState('')
  const [language, setLanguage] = useState(defaultDecisionLanguage)
  const [saving, setSaving] = useState(false)
  const [conflict, setConflict] = useState(false)
  const { fieldErrors, error, register, check, fail } = useFormErrors(END_FIELDS)

  async function submit(event: FormEvent) {
    event.preventDefault()
    setConflict(false)
    const found: Partial<Record<EndField, string>> = {}
    if (!endsOn) found.endsOn = t('childWelfare.record.dateRequired')
    else if (endsOn < p.startsOn) found.endsOn = t('childWelfare.record.end.beforeStart', { date: formatDate(p.startsOn) })
    if (decision) {
      const reasons = decisionReasons.trim().length < 10 ? t('childWelfare.record.reasonsRequired') : tooLong(t, decisionReasons, 20_000)
      if (reasons) found.decisionReasons = reasons
    }
    if (!check(found)) return
    setSaving(true)
    try {
      const next = await recordApi.endPlacement(r.person.id, p.id, { endsOn, version: p.version, ...(decision ? { decisionReasons, language } : {}) })
      onDone()
      onChanged(next, t('childWelfare.record.end.saved', { date: formatDate(endsOn) }))
    } catch (failure) {
      setConflict(isConflict(failure))
      fail(failure)
      setSaving(false)
    }
  }

  return (
    <form noValidate onSubmit={(e) => void submit(e)} className="cw-subform" aria-label={t('childWelfare.record.end.heading')}>
      <p className="field-hint">{decision ? t('childWelfare.record.end.careIntro') : t('childWelfare.record.end.intro')}</p>
      <p className={fieldErrors.placement ? 'field-error' : 'cw-empty'} tabIndex={-1} ref={register('placement')}>
        {fieldErrors.placement}
      </p>
      <TextField
        name="endsOn"
        type="date"
        label={decision ? t('childWelfare.record.end.careEndsOn') : t('childWelfare.record.end.endsOn')}
        min={p.startsOn}
        max={today}
        value={endsOn}
        onChange={(e) => setEndsOn(e.target.value)}
        error={fieldErrors.endsOn}
        ref={register('endsOn')}
      />
      {decision && (
        <>
          <TextAreaField
            name="decisionReasons"
            label={t('childWelfare.record.decisionReasons')}
            hint={t('childWelfare.record.decisionReasonsHint')}
            rows={4}
            value={decisionReasons}
            onChange={(e) => setDecisionReasons(e.target.value)}
            error={fieldErrors.decisionReasons}
            ref={register('decisionReasons')}
          />
          <LanguageField value={language} onChange={setLanguage} error={fieldErrors.language} register={register('language')} />
        </>
      )}
      <FailureAlert error={error} conflict={conflict} onReload={reload} conflictText={t('childWelfare.record.conflict')} reloadText={t('childWelfare.record.reload')} />
      <div className="button-row">
        <button type="submit" className="button button-primary" disabled={saving}>
          {saving ? t('childWelfare.notification.saving') : decision ? t('childWelfare.record.end.saveDecision') : t('childWelfare.record.end.save')}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          {t('childWelfare.record.cancel')}
        </button>
      </div>
    </form>
  )
}

/** The care order applications to the administrative court: the positions heard, the PDF, and the day it was filed. */
function CourtApplications({ record: r, mayDecide, onChanged, reload }: { record: ChildWelfareRecord; mayDecide: boolean; onChanged: RecordChanged; reload: () => void }) {
  const { t } = useTranslation()
  const user = useUser()
  const id = useId()
  const mayPrint = can(user, 'child-welfare:print')
  const urgent = openUrgentPlacement(r)
  return (
    <div className="cw-court">
      <h3 id={`${id}-heading`}>{t('childWelfare.record.court.heading')}</h3>
      {[...r.courtApplications].reverse().map((a) => (
        <article key={a.id} className="cw-matter" aria-label={t('childWelfare.record.court.title', { number: a.number })}>
          <h4>{t('childWelfare.record.court.title', { number: a.number })}</h4>
          <p>
            {t('childWelfare.record.court.prepared', { date: formatDate(a.preparedOn), name: a.preparedBy })}{' '}
            {a.filedOn ? (
              <span className="badge badge-ok">{t('childWelfare.record.court.filed', { date: formatDate(a.filedOn) })}</span>
            ) : (
              <span className="badge badge-warning">{t('childWelfare.record.court.notFiled')}</span>
            )}
          </p>
          <table className="compact">
            <caption>{t('childWelfare.record.court.positions')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('childWelfare.record.court.person')}</th>
                <th scope="col">{t('childWelfare.record.court.role')}</th>
                <th scope="col">{t('childWelfare.record.court.position')}</th>
                <th scope="col">{t('childWelfare.record.court.heardOn')}</th>
                <th scope="col">{t('childWelfare.record.court.note')}</th>
              </tr>
            </thead>
            <tbody>
              {a.positions.map((p) => (
                <tr key={p.personId}>
                  <th scope="row">{p.name}</th>
                  <td>{t(`childWelfare.record.court.roles.${p.role}`)}</td>
                  <td>{p.position === 'objection' ? <strong>{t(`childWelfare.record.positions.${p.position}`)}</strong> : t(`childWelfare.record.positions.${p.position}`)}</td>
                  <td>{p.heardOn ? formatDate(p.heardOn) : MISSING}</td>
                  <td>{p.note ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {mayPrint && <PdfLinks kind="application" href={(language) => applicationPdfUrl(r.person.id, a.id, language)} number={a.number} />}
          {!a.filedOn && mayDecide && (
            <FiledForm record={r} application={a} continuesUrgent={urgent !== undefined} onChanged={onChanged} reload={reload} />
          )}
        </article>
      ))}
    </div>
  )
}

const FILED_FIELDS = ['filedOn'] as const

/** The day the application was filed with the court: an urgent placement then continues until the court decides. */
function FiledForm({ record: r, application: a, continuesUrgent, onChanged, reload }: { record: ChildWelfareRecord; application: CourtApplication; continuesUrgent: boolean; onChanged: RecordChanged; reload: () => void }) {
  const { t } = useTranslation()
  const today = todayInHelsinki()
  const [filedOn, setFiledOn] = useState(today)
  const [saving, setSaving] = useState(false)
  const { fieldErrors, error, register, check, fail } = useFormErrors(FILED_FIELDS)

  async function submit(event: FormEvent) {
    event.preventDefault()
    if (!check(filedOn ? {} : { filedOn: t('childWelfare.record.dateRequired') })) return
    setSaving(true)
    try {
      const next = await recordApi.filed(r.person.id, a.id, filedOn)
      onChanged(next, t('childWelfare.record.court.filedSaved', { number: a.number, date: formatDate(filedOn) }))
    } catch (failure) {
      fail(failure)
      setSaving(false)
    }
  }

  return (
    <form noValidate onSubmit={(e) => void submit(e)} className="cw-subform cw-inline-form" aria-label={t('childWelfare.record.court.filedLabel', { number: a.number })}>
      {continuesUrgent && <p className="field-hint">{t('childWelfare.record.court.continuesUrgent')}</p>}
      <div className="cw-inline">
        <TextField name="filedOn" type="date" label={t('childWelfare.record.court.filedOn')} min={a.preparedOn} max={today} value={filedOn} onChange={(e) => setFiledOn(e.target.value)} error={fieldErrors.filedOn} ref={register('filedOn')} />
        <button type="submit" className="button button-primary" disabled={saving}>
          {saving ? t('childWelfare.notification.saving') : t('childWelfare.record.court.saveFiled')}
        </button>
      </div>
      <FailureAlert error={error} conflict={false} onReload={reload} />
    </form>
  )
}

import type { ChildWelfareRecord } from '@huoma/contract'
import { useId, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { TextField } from '../../components/TextField'
import { KeptDraftParts, useKeptDraft } from '../../components/KeptDraft'
import { useFormErrors } from '../../components/useFormErrors'
import { formatDate, todayInHelsinki } from '../../lib/format'
import { can, useUser } from '../../session/context'
import { assessmentPdfUrl, recordApi } from './api'
import { GuardianCopies } from './GuardianCopies'
import { deadlineKindName, FailureAlert, isConflict, MarkedDeadline, PdfLinks, type RecordChanged } from './display'
import { tooLong } from './draft'
import { Expander, RadioGroup, TextAreaField } from '../../components/FormFields'

type Matter = ChildWelfareRecord['matters'][number]
type Conclusion = 'client' | 'not_client'
const CONCLUSIONS: readonly Conclusion[] = ['client', 'not_client']

/**
 * The child's matters: each notification's matter with its state, the responsible social worker and the 3-month
 * deadline of the service-need assessment (overdue or due soon marked), the completed assessment, or — while it
 * runs — the form that completes it.
 */
export function MattersSection({ record: r, onChanged, reload }: { record: ChildWelfareRecord; onChanged: RecordChanged; reload: () => void }) {
  const { t } = useTranslation()
  const id = useId()
  return (
    <section className="panel cw-panel cw-wide" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{t('childWelfare.record.matters.heading')}</h2>
      {r.matters.length === 0 && <p>{t('childWelfare.record.matters.none')}</p>}
      {r.matters.map((m) => (
        <MatterArticle key={m.id} record={r} matter={m} onChanged={onChanged} reload={reload} />
      ))}
    </section>
  )
}

function MatterArticle({ record: r, matter: m, onChanged, reload }: { record: ChildWelfareRecord; matter: Matter; onChanged: RecordChanged; reload: () => void }) {
  const { t } = useTranslation()
  const user = useUser()
  const id = useId()
  const a = m.assessment
  return (
    <article className="cw-matter" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>
        {t('childWelfare.record.matters.title', { receipt: m.receipt })}{' '}
        <span className={m.state === 'closed' ? 'badge badge-muted' : 'badge badge-info'}>{t(`childWelfare.matter.states.${m.state}`)}</span>
      </h3>
      <dl className="facts">
        <dt>{t('childWelfare.record.matters.pendingOn')}</dt>
        <dd>{formatDate(m.pendingOn)}</dd>
        <dt>{t('childWelfare.record.matters.notification')}</dt>
        <dd>
          {can(user, 'child-welfare:notifications') ? <Link to={`/child-welfare/notifications/${m.notificationId}`}>{m.receipt}</Link> : <span className="cw-mono">{m.receipt}</span>}
        </dd>
        <dt>{t('childWelfare.record.matters.responsible')}</dt>
        <dd>{m.responsibleName ?? t('childWelfare.record.matters.noResponsible')}</dd>
        {m.completeDeadline && (
          <>
            <dt>{deadlineKindName(t, 'assessment_complete')}</dt>
            <dd>
              <MarkedDeadline info={m.completeDeadline} />
            </dd>
          </>
        )}
      </dl>
      {a ? (
        <>
          <h4>{t('childWelfare.record.assessment.heading')}</h4>
          <p>
            <strong>{t(`childWelfare.record.assessment.conclusions.${a.conclusion}`)}</strong>{' '}
            <span className="cw-muted">{t('childWelfare.record.assessment.completed', { date: formatDate(a.completedOn), name: a.completedBy })}</span>
          </p>
          <dl className="cw-texts">
            <dt>{t('childWelfare.record.assessment.childViews')}</dt>
            <dd className="cw-text">{a.childViews}</dd>
            <dt>{t('childWelfare.record.assessment.guardianViews')}</dt>
            <dd className="cw-text">{a.guardianViews}</dd>
            <dt>{t('childWelfare.record.assessment.summary')}</dt>
            <dd className="cw-text">{a.summary}</dd>
          </dl>
          {can(user, 'child-welfare:print') && (
            <>
              <PdfLinks kind="assessment" href={(language) => assessmentPdfUrl(r.person.id, m.id, language)} number={m.receipt} />
              <GuardianCopies kind="assessment" number={m.receipt} guardians={r.guardians} href={(language, recipient) => assessmentPdfUrl(r.person.id, m.id, language, recipient)} />
            </>
          )}
        </>
      ) : m.state === 'assessment' && can(user, 'child-welfare:assess') ? (
        <Expander label={t('childWelfare.record.assessment.open')}>
          {({ cancel, done }) => <AssessmentForm record={r} matter={m} onChanged={onChanged} reload={reload} onCancel={cancel} onDone={done} />}
        </Expander>
      ) : null}
    </article>
  )
}

const FIELDS = ['childViews', 'guardianViews', 'summary', 'conclusion', 'completedOn'] as const
type Field = (typeof FIELDS)[number]
const LIMITS = { views: 10_000, summary: 20_000 } as const
const MIN_SUMMARY = 10

/**
 * Completing the service-need assessment (LSL 27 §): the child's own views and the guardians' apart, the summary and
 * the conclusion — a child welfare client (the relationship stays with the responsible worker) or not (the
 * relationship opened for the assessment ends) — and the day, which meets the 3-month deadline.
 */
function AssessmentForm({
  record: r,
  matter: m,
  onChanged,
  reload,
  onCancel,
  onDone,
}: {
  record: ChildWelfareRecord
  matter: Matter
  onChanged: RecordChanged
  reload: () => void
  onCancel: () => void
  onDone: () => void
}) {
  const { t } = useTranslation()
  const id = useId()
  const today = todayInHelsinki()
  const [childViews, setChildViews] = useState('')
  const [guardianViews, setGuardianViews] = useState('')
  const [summary, setSummary] = useState('')
  const [conclusion, setConclusion] = useState<Conclusion | ''>('')
  const [completedOn, setCompletedOn] = useState(today)
  const [saving, setSaving] = useState(false)
  const [conflict, setConflict] = useState(false)
  const { fieldErrors, error, register, check, fail } = useFormErrors(FIELDS)
  const draft = useKeptDraft(`cw-assessment ${r.person.id} ${m.id}`, { childViews, guardianViews, summary, conclusion, completedOn }, (kept) => {
    setChildViews(kept.childViews)
    setGuardianViews(kept.guardianViews)
    setSummary(kept.summary)
    setConclusion(kept.conclusion)
    setCompletedOn(kept.completedOn)
  })

  async function submit(event: FormEvent) {
    event.preventDefault()
    setConflict(false)
    const found: Partial<Record<Field, string>> = {}
    if (!childViews.trim()) found.childViews = t('childWelfare.record.assessment.childViewsRequired')
    else if (tooLong(t, childViews, LIMITS.views)) found.childViews = tooLong(t, childViews, LIMITS.views)
    if (!guardianViews.trim()) found.guardianViews = t('childWelfare.record.assessment.guardianViewsRequired')
    else if (tooLong(t, guardianViews, LIMITS.views)) found.guardianViews = tooLong(t, guardianViews, LIMITS.views)
    if (summary.trim().length < MIN_SUMMARY) found.summary = t('childWelfare.record.assessment.summaryRequired')
    else if (tooLong(t, summary, LIMITS.summary)) found.summary = tooLong(t, summary, LIMITS.summary)
    if (!conclusion) found.conclusion = t('childWelfare.record.assessment.conclusionRequired')
    if (!completedOn) found.completedOn = t('childWelfare.record.dateRequired')
    if (!check(found) || !conclusion) return
    setSaving(true)
    try {
      const next = await recordApi.completeAssessment(r.person.id, m.id, { childViews, guardianViews, summary, conclusion, completedOn, version: m.version })
      draft.discard()
      onDone()
      onChanged(next, t('childWelfare.record.assessment.saved', { receipt: m.receipt }))
    } catch (failure) {
      setConflict(isConflict(failure))
      fail(failure)
      setSaving(false)
    }
  }

  return (
    <form noValidate onSubmit={(e) => void submit(e)} className="cw-subform" aria-label={t('childWelfare.record.assessment.formLabel', { receipt: m.receipt })}>
      <KeptDraftParts draft={draft} busy={saving} />
      <TextAreaField
        name="childViews"
        label={t('childWelfare.record.assessment.childViews')}
        hint={t('childWelfare.record.assessment.childViewsHint')}
        rows={4}
        max={LIMITS.views}
        value={childViews}
        onChange={(e) => setChildViews(e.target.value)}
        error={fieldErrors.childViews}
        ref={register('childViews')}
      />
      <TextAreaField
        name="guardianViews"
        label={t('childWelfare.record.assessment.guardianViews')}
        rows={4}
        max={LIMITS.views}
        value={guardianViews}
        onChange={(e) => setGuardianViews(e.target.value)}
        error={fieldErrors.guardianViews}
        ref={register('guardianViews')}
      />
      <TextAreaField
        name="summary"
        label={t('childWelfare.record.assessment.summary')}
        hint={t('childWelfare.record.assessment.summaryHint')}
        rows={5}
        max={LIMITS.summary}
        value={summary}
        onChange={(e) => setSummary(e.target.value)}
        error={fieldErrors.summary}
        ref={register('summary')}
      />
      <RadioGroup
        legend={t('childWelfare.record.assessment.conclusion')}
        name={`${id}-conclusion`}
        value={conclusion}
        onChange={setConclusion}
        options={CONCLUSIONS.map((c) => ({ value: c, label: t(`childWelfare.record.assessment.conclusions.${c}`), hint: t(`childWelfare.record.assessment.conclusionHints.${c}`) }))}
        error={fieldErrors.conclusion}
        firstRef={register('conclusion')}
      />
      <TextField
        name="completedOn"
        type="date"
        label={t('childWelfare.record.assessment.completedOn')}
        min={m.pendingOn}
        max={today}
        value={completedOn}
        onChange={(e) => setCompletedOn(e.target.value)}
        error={fieldErrors.completedOn}
        ref={register('completedOn')}
      />
      <FailureAlert error={error} conflict={conflict} onReload={reload} conflictText={t('childWelfare.record.conflict')} reloadText={t('childWelfare.record.reload')} />
      <div className="button-row">
        <button type="submit" className="button button-primary" disabled={saving}>
          {saving ? t('childWelfare.notification.saving') : t('childWelfare.record.assessment.save')}
        </button>
        <button type="button" className="button" onClick={() => draft.cancel(onCancel)}>
          {t('childWelfare.record.cancel')}
        </button>
      </div>
    </form>
  )
}

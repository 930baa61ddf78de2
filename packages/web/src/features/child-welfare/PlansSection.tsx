import type { ChildWelfareRecord, Plan } from '@huoma/contract'
import { useId, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type { ErrorText } from '../../api/client'
import { ErrorAlert } from '../../components/Alert'
import { TextField } from '../../components/TextField'
import { useFormErrors } from '../../components/useFormErrors'
import { KeptDraftParts, useKeptDraft } from '../../components/KeptDraft'
import { addMonths, formatDate } from '../../lib/format'
import { can, useUser } from '../../session/context'
import { recordApi } from './api'
import { FailureAlert, isConflict, MarkedDeadline } from './display'
import { tooLong } from './draft'
import { Expander, TextAreaField } from '../../components/FormFields'
import { isPlaced, planGroup } from './record'

type Kind = Plan['kind']
const KINDS: readonly Kind[] = ['child', 'parents']

interface Props {
  record: ChildWelfareRecord
  plans: Plan[] | undefined
  error: ErrorText | undefined
  today: string
  onPlans: (plans: Plan[], notice: string) => void
  reload: () => void
}

/**
 * The client plans (LSL 30 §): the child's plan and, while the child is placed, the parents' own — each the current
 * version with its review deadline, made or reviewed as a new version (the earlier ones stay readable below it).
 */
export function PlansSection({ record, plans, error, today, onPlans, reload }: Props) {
  const { t } = useTranslation()
  const id = useId()
  return (
    <section className="panel cw-panel cw-wide" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{t('childWelfare.record.plans.heading')}</h2>
      <ErrorAlert error={error} />
      {!plans && !error && <p role="status">{t('childWelfare.loading')}</p>}
      {plans && KINDS.map((kind) => <PlanKind key={kind} kind={kind} record={record} plans={plans} today={today} onPlans={onPlans} reload={reload} />)}
    </section>
  )
}

function PlanKind({ kind, record, plans, today, onPlans, reload }: Omit<Props, 'plans' | 'error'> & { kind: Kind; plans: Plan[] }) {
  const { t } = useTranslation()
  const user = useUser()
  const id = useId()
  const { current, earlier } = planGroup(plans, kind)
  const mayPlan = can(user, 'child-welfare:plan')
  const placed = isPlaced(record, today)
  return (
    <article className="cw-matter" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{t(`childWelfare.record.plans.kinds.${kind}`)}</h3>
      {current ? (
        <>
          <PlanView plan={current} />
          {mayPlan && (
            <Expander label={t('childWelfare.record.plans.review')}>
              {({ cancel, done }) => <PlanForm kind={kind} record={record} current={current} today={today} onPlans={onPlans} reload={reload} onCancel={cancel} onDone={done} />}
            </Expander>
          )}
        </>
      ) : (
        <>
          <p>{kind === 'child' ? t('childWelfare.record.plans.noChildPlan') : placed ? t('childWelfare.record.plans.noParentsPlan') : t('childWelfare.record.plans.parentsWhenPlaced')}</p>
          {mayPlan && (kind === 'child' || placed) && (
            <Expander label={t(`childWelfare.record.plans.make.${kind}`)}>
              {({ cancel, done }) => <PlanForm kind={kind} record={record} current={undefined} today={today} onPlans={onPlans} reload={reload} onCancel={cancel} onDone={done} />}
            </Expander>
          )}
        </>
      )}
      {earlier.length > 0 && (
        <details className="cw-earlier">
          <summary>{t('childWelfare.record.plans.earlier', { count: earlier.length })}</summary>
          {earlier.map((p) => (
            <div key={p.id} className="cw-version">
              <h4>{t('childWelfare.record.plans.version', { date: formatDate(p.madeOn), name: p.madeBy })}</h4>
              <PlanView plan={p} />
            </div>
          ))}
        </details>
      )}
    </article>
  )
}

function PlanView({ plan: p }: { plan: Plan }) {
  const { t } = useTranslation()
  return (
    <dl className="cw-texts">
      <dt>{t('childWelfare.record.plans.made')}</dt>
      <dd>{t('childWelfare.record.plans.madeBy', { date: formatDate(p.madeOn), name: p.madeBy })}</dd>
      <dt>{t('childWelfare.record.plans.reviewBy')}</dt>
      <dd>{p.current && p.reviewDeadline ? <MarkedDeadline info={p.reviewDeadline} /> : formatDate(p.reviewBy)}</dd>
      <dt>{t('childWelfare.record.plans.goals')}</dt>
      <dd className="cw-text">{p.goals}</dd>
      <dt>{t('childWelfare.record.plans.measures')}</dt>
      <dd className="cw-text">{p.measures}</dd>
      {p.childViews && (
        <>
          <dt>{t('childWelfare.record.plans.childViews')}</dt>
          <dd className="cw-text">{p.childViews}</dd>
        </>
      )}
      {p.parentViews && (
        <>
          <dt>{t('childWelfare.record.plans.parentViews')}</dt>
          <dd className="cw-text">{p.parentViews}</dd>
        </>
      )}
    </dl>
  )
}

const FIELDS = ['kind', 'goals', 'measures', 'childViews', 'parentViews', 'madeOn', 'reviewBy'] as const
type Field = (typeof FIELDS)[number]
const LIMITS = { text: 20_000, views: 10_000 } as const
const MIN_TEXT = 10

/** A plan, or its review as a new version of the current one (prefilled from it; the review date moves with it). */
function PlanForm({
  kind,
  record,
  current,
  today,
  onPlans,
  reload,
  onCancel,
  onDone,
}: {
  kind: Kind
  record: ChildWelfareRecord
  current: Plan | undefined
  today: string
  onPlans: Props['onPlans']
  reload: () => void
  onCancel: () => void
  onDone: () => void
}) {
  const { t } = useTranslation()
  const [goals, setGoals] = useState(current?.goals ?? '')
  const [measures, setMeasures] = useState(current?.measures ?? '')
  const [childViews, setChildViews] = useState(current?.childViews ?? '')
  const [parentViews, setParentViews] = useState(current?.parentViews ?? '')
  const [madeOn, setMadeOn] = useState(today)
  const [reviewBy, setReviewBy] = useState('')
  const [saving, setSaving] = useState(false)
  const [conflict, setConflict] = useState(false)
  const { fieldErrors, error, register, check, fail } = useFormErrors(FIELDS)
  const draft = useKeptDraft(`cw-plan ${record.person.id} ${kind} ${current?.id ?? 'new'}`, { goals, measures, childViews, parentViews, madeOn, reviewBy }, (kept) => {
    setGoals(kept.goals)
    setMeasures(kept.measures)
    setChildViews(kept.childViews)
    setParentViews(kept.parentViews)
    setMadeOn(kept.madeOn)
    setReviewBy(kept.reviewBy)
  })

  async function submit(event: FormEvent) {
    event.preventDefault()
    setConflict(false)
    const found: Partial<Record<Field, string>> = {}
    const text = (field: 'goals' | 'measures', value: string) => {
      if (value.trim().length < MIN_TEXT) found[field] = t(`childWelfare.record.plans.${field}Required`)
      else if (tooLong(t, value, LIMITS.text)) found[field] = tooLong(t, value, LIMITS.text)
    }
    text('goals', goals)
    text('measures', measures)
    if (tooLong(t, childViews, LIMITS.views)) found.childViews = tooLong(t, childViews, LIMITS.views)
    if (tooLong(t, parentViews, LIMITS.views)) found.parentViews = tooLong(t, parentViews, LIMITS.views)
    if (!madeOn) found.madeOn = t('childWelfare.record.dateRequired')
    if (reviewBy && madeOn && reviewBy <= madeOn) found.reviewBy = t('childWelfare.record.plans.reviewAfter')
    if (!check(found)) return
    setSaving(true)
    try {
      const answer = await recordApi.makePlan(record.person.id, {
        kind,
        goals,
        measures,
        childViews: childViews.trim() || null,
        parentViews: parentViews.trim() || null,
        madeOn,
        reviewBy: reviewBy || null,
        replacesId: current?.id ?? null,
      })
      draft.discard()
      onDone()
      onPlans(answer.plans, t(current ? 'childWelfare.record.plans.reviewed' : 'childWelfare.record.plans.saved', { plan: t(`childWelfare.record.plans.kinds.${kind}`) }))
    } catch (failure) {
      setConflict(isConflict(failure))
      fail(failure)
      setSaving(false)
    }
  }

  const label = t(current ? 'childWelfare.record.plans.reviewLabel' : 'childWelfare.record.plans.makeLabel', { plan: t(`childWelfare.record.plans.kinds.${kind}`) })
  return (
    <form noValidate onSubmit={(e) => void submit(e)} className="cw-subform" aria-label={label}>
      <KeptDraftParts draft={draft} busy={saving} />
      <p className={fieldErrors.kind ? 'field-error' : 'cw-empty'} tabIndex={-1} ref={register('kind')}>
        {fieldErrors.kind}
      </p>
      <TextAreaField name="goals" label={t('childWelfare.record.plans.goals')} rows={4} max={LIMITS.text} value={goals} onChange={(e) => setGoals(e.target.value)} error={fieldErrors.goals} ref={register('goals')} />
      <TextAreaField
        name="measures"
        label={t('childWelfare.record.plans.measures')}
        hint={t('childWelfare.record.plans.measuresHint')}
        rows={4}
        max={LIMITS.text}
        value={measures}
        onChange={(e) => setMeasures(e.target.value)}
        error={fieldErrors.measures}
        ref={register('measures')}
      />
      <TextAreaField name="childViews" label={t('childWelfare.record.plans.childViews')} rows={3} value={childViews} onChange={(e) => setChildViews(e.target.value)} error={fieldErrors.childViews} ref={register('childViews')} />
      <TextAreaField name="parentViews" label={t('childWelfare.record.plans.parentViews')} rows={3} value={parentViews} onChange={(e) => setParentViews(e.target.value)} error={fieldErrors.parentViews} ref={register('parentViews')} />
      <div className="cw-grid">
        <TextField
          name="madeOn"
          type="date"
          label={t('childWelfare.record.plans.madeOn')}
          min={current?.madeOn}
          max={today}
          value={madeOn}
          onChange={(e) => setMadeOn(e.target.value)}
          error={fieldErrors.madeOn}
          ref={register('madeOn')}
        />
        <TextField
          name="reviewBy"
          type="date"
          label={t('childWelfare.record.plans.reviewByOptional')}
          min={madeOn || undefined}
          max={madeOn ? addMonths(madeOn, 12) : undefined}
          value={reviewBy}
          onChange={(e) => setReviewBy(e.target.value)}
          error={fieldErrors.reviewBy}
          ref={register('reviewBy')}
        />
      </div>
      <p className="field-hint">{t('childWelfare.record.plans.reviewByHint')}</p>
      <FailureAlert error={error} conflict={conflict} onReload={reload} conflictText={t('childWelfare.record.plans.conflict')} reloadText={t('childWelfare.record.reload')} />
      <div className="button-row">
        <button type="submit" className="button button-primary" disabled={saving}>
          {saving ? t('childWelfare.notification.saving') : t('childWelfare.record.plans.save')}
        </button>
        <button type="button" className="button" onClick={() => draft.cancel(onCancel)}>
          {t('childWelfare.record.cancel')}
        </button>
      </div>
    </form>
  )
}

import { childWelfarePlanEndpoints as planEp, childWelfareRecordEndpoints as rec, type ChildWelfareRecord, type Plan } from '@huoma/contract'
import { useEffect, useId, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useParams } from 'react-router'
import type { ErrorText } from '../../api/client'
import { useEndpoint } from '../../api/endpoint'
import { ErrorAlert } from '../../components/Alert'
import { Page } from '../../components/Page'
import { formatDate, todayInHelsinki } from '../../lib/format'
import { AfterCareSection } from './AfterCareSection'
import { DecisionsSection } from './DecisionsSection'
import { MattersSection } from './MattersSection'
import { BansSection, MeasuresSection } from './MeasuresSection'
import { PlacementsSection } from './PlacementsSection'
import { PlansSection } from './PlansSection'
import type { RecordChanged } from './display'
import './child-welfare.css'

/**
 * Lastensuojelu — the child's child welfare record (/persons/:id/child-welfare, action `child-welfare:read`): the
 * matters with their service-need assessment and its 3-month deadline (its summary as PDF), the child's prohibitions
 * to disclose to a guardian, the client plans, the support measures decided, the placements as a
 * timeline with the urgent placement, its extension, the care order (or the application to the administrative
 * court) and ending a placement, the decisions with their PDFs, and the after-care that follows. Every change
 * answers the record as it now is; a change someone else saved first is refused (409) and said so.
 */
export function RecordPage() {
  const { t } = useTranslation()
  const { id = '' } = useParams()
  const record = useEndpoint(rec['childWelfare.record'], { params: { id } })
  const plans = useEndpoint(planEp['childWelfare.plans'], { params: { id } })
  // what is shown: the last read, or the answer of the last change
  const [shown, setShown] = useState<ChildWelfareRecord>()
  const [read, setRead] = useState<ChildWelfareRecord>()
  const [shownPlans, setShownPlans] = useState<Plan[]>()
  const [readPlans, setReadPlans] = useState<{ plans: Plan[] }>()
  const [notice, setNotice] = useState('')
  if (record.status === 'success' && record.data !== read) {
    setRead(record.data)
    setShown(record.data)
  }
  if (plans.status === 'success' && plans.data !== readPlans) {
    setReadPlans(plans.data)
    setShownPlans(plans.data.plans)
  }

  if (!shown) {
    return (
      <Page title={t('childWelfare.record.loadingTitle')}>
        <p>
          <Link to={`/persons/${id}`}>{t('childWelfare.record.toCard')}</Link>
        </p>
        {record.status === 'error' ? <ErrorAlert error={record.error} /> : <p role="status">{t('childWelfare.loading')}</p>}
      </Page>
    )
  }
  return (
    <RecordView
      record={shown}
      plans={shownPlans}
      plansError={plans.status === 'error' ? plans.error : undefined}
      notice={notice}
      onChanged={(next, message) => {
        setNotice(message)
        setShown(next)
      }}
      onPlans={(next, message) => {
        setNotice(message)
        setShownPlans(next)
      }}
      reload={() => {
        setNotice('')
        record.reload()
        plans.reload()
      }}
    />
  )
}

function RecordView({
  record: r,
  plans,
  plansError,
  notice,
  onChanged,
  onPlans,
  reload,
}: {
  record: ChildWelfareRecord
  plans: Plan[] | undefined
  plansError: ErrorText | undefined
  notice: string
  onChanged: RecordChanged
  onPlans: (plans: Plan[], notice: string) => void
  reload: () => void
}) {
  const { t } = useTranslation()
  const id = useId()
  const noticeRef = useRef<HTMLParagraphElement>(null)
  const today = todayInHelsinki()
  // After a change the form that was used is gone: the focus goes to the notice that says what was saved.
  useEffect(() => {
    if (notice) noticeRef.current?.focus()
  }, [notice, r, plans])

  return (
    <Page title={t('childWelfare.record.title', { name: r.person.name })}>
      <p>
        <Link to={`/persons/${r.person.id}`}>{t('childWelfare.record.toCard')}</Link>
      </p>
      <div role="status" className="status-region">
        {notice && (
          <p className="notice" tabIndex={-1} ref={noticeRef}>
            {notice}
          </p>
        )}
      </div>

      <section className="panel cw-panel" aria-labelledby={`${id}-child`}>
        <h2 id={`${id}-child`}>{t('childWelfare.record.child')}</h2>
        <dl className="facts">
          <dt>{t('childWelfare.record.name')}</dt>
          <dd>{r.person.name}</dd>
          <dt>{t('childWelfare.record.born')}</dt>
          <dd>
            {r.person.birthDate
              ? r.person.ageToday !== null
                ? t('childWelfare.record.bornAge', { date: formatDate(r.person.birthDate), age: r.person.ageToday })
                : formatDate(r.person.birthDate)
              : t('childWelfare.notGiven')}
          </dd>
          <dt>{t('childWelfare.record.guardians')}</dt>
          <dd>
            {r.guardians.length === 0 ? (
              t('childWelfare.record.noGuardians')
            ) : (
              <ul className="cw-plain">
                {r.guardians.map((g) => (
                  <li key={g.id}>{g.name}</li>
                ))}
              </ul>
            )}
          </dd>
        </dl>
      </section>

      <MattersSection record={r} onChanged={onChanged} reload={reload} />
      <BansSection record={r} onChanged={onChanged} reload={reload} />
      <PlansSection record={r} plans={plans} error={plansError} today={today} onPlans={onPlans} reload={reload} />
      <MeasuresSection record={r} onChanged={onChanged} reload={reload} />
      <PlacementsSection record={r} today={today} onChanged={onChanged} reload={reload} />
      <DecisionsSection record={r} />
      <AfterCareSection record={r} />
    </Page>
  )
}

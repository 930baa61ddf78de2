import type { ChildWelfareRecord, DeadlineInfo, Notification, Urgency } from '@huoma/contract'
import type { TFunction } from 'i18next'
import { useTranslation } from 'react-i18next'
import { ApiError, type ErrorText } from '../../api/client'
import { ErrorAlert } from '../../components/Alert'
import { formatDate } from '../../lib/format'
import { deadlineMark, type DeadlineMark } from './record'

/** The words and badges the notification pages share: deadline kinds and standings, urgency. */

const DEADLINE_KEYS = ['urgency', 'assessment_start', 'assessment_complete', 'urgent_placement', 'urgent_placement_extended', 'plan_review'] as const
type DeadlineKey = (typeof DEADLINE_KEYS)[number]
const isDeadlineKey = (key: string): key is DeadlineKey => (DEADLINE_KEYS as readonly string[]).includes(key)

/** `child_welfare.assessment_start` (or the bare key) → "Päätös arvioinnin aloittamisesta"; an unknown kind as it is. */
export function deadlineKindName(t: TFunction, kind: string): string {
  const key = kind.replace(/^child_welfare\./, '')
  return isDeadlineKey(key) ? t(`childWelfare.deadlineKinds.${key}`) : kind
}

const STANDINGS = ['upcoming', 'due_today', 'overdue', 'paused', 'met_on_time', 'met_late', 'cancelled'] as const
type Standing = (typeof STANDINGS)[number]
const isStanding = (s: string): s is Standing => (STANDINGS as readonly string[]).includes(s)

const STANDING_CLASS: Record<Standing, string> = {
  upcoming: 'badge badge-info',
  due_today: 'badge badge-warning',
  overdue: 'badge badge-danger',
  paused: 'badge badge-muted',
  met_on_time: 'badge badge-ok',
  met_late: 'badge badge-warning',
  cancelled: 'badge badge-muted',
}

/** Where a deadline stands, in words and colour (never colour alone). */
export function StandingBadge({ standing }: { standing: string }) {
  const { t } = useTranslation()
  if (!isStanding(standing)) return <span className="badge badge-muted">{standing}</span>
  return <span className={STANDING_CLASS[standing]}>{t(`childWelfare.standing.${standing}`)}</span>
}

/** "3 arkipäivää jäljellä" / "2 arkipäivää myöhässä" for an open deadline; "tehty 4.12.2026" for a met one. */
export function DeadlineDays({ info }: { info: Pick<DeadlineInfo, 'workingDaysLeft'> & Partial<Pick<DeadlineInfo, 'state' | 'metOn'>> }) {
  const { t } = useTranslation()
  if (info.state === 'met') return <span className="cw-days">{t('childWelfare.metOn', { date: formatDate(info.metOn) })}</span>
  if (info.state && info.state !== 'open') return null
  return (
    <span className="cw-days">
      {info.workingDaysLeft < 0
        ? t('childWelfare.daysLate', { count: -info.workingDaysLeft })
        : t('childWelfare.daysLeft', { count: info.workingDaysLeft })}
    </span>
  )
}

/** The urgency as assessed, or "not assessed" (marked so that it stands out in the queue). */
export function UrgencyBadge({ urgency }: { urgency: Urgency | null }) {
  const { t } = useTranslation()
  if (urgency === 'urgent') return <span className="badge badge-warning">{t('childWelfare.urgency.urgent')}</span>
  if (urgency === 'not_urgent') return <span className="badge badge-muted">{t('childWelfare.urgency.not_urgent')}</span>
  return <span className="badge badge-danger-outline">{t('childWelfare.urgency.unassessed')}</span>
}

/** What a section of the notification page hands back after a change: the notification as it now is, and what to tell. */
export type OnChanged = (next: Notification, notice: string) => void

const MARK_CLASS: Record<DeadlineMark, string> = {
  overdue: 'badge badge-danger',
  due_today: 'badge badge-warning',
  due_soon: 'badge badge-warning',
  open: 'badge badge-info',
  paused: 'badge badge-muted',
  met: 'badge badge-ok',
  met_late: 'badge badge-warning',
  cancelled: 'badge badge-muted',
}

/** A deadline of the child's record: its due date marked overdue, today or due soon (in words, never colour alone). */
export function MarkedDeadline({ info }: { info: DeadlineInfo }) {
  const { t } = useTranslation()
  const mark = deadlineMark(info)
  return (
    <span className={`cw-marked cw-marked-${mark}`}>
      <span className="cw-nowrap">{formatDate(info.dueOn)}</span> <span className={MARK_CLASS[mark]}>{t(`childWelfare.record.marks.${mark}`)}</span>{' '}
      <DeadlineDays info={info} />
    </span>
  )
}

/** What a section of the child's record hands back after a change: the record as it now is, and what to tell. */
export type RecordChanged = (next: ChildWelfareRecord, notice: string) => void

/** A deadline as one line: what it is, its due date, where it stands and the working days left (or when it was met). */
export function DeadlineLine({ label, info }: { label: string; info: DeadlineInfo }) {
  return (
    <>
      <span>{label}</span> <span className="cw-nowrap">{formatDate(info.dueOn)}</span> <StandingBadge standing={info.standing} /> <DeadlineDays info={info} />
    </>
  )
}

/** Whether a change was refused because someone else changed the notification first. */
export const isConflict = (error: unknown) => error instanceof ApiError && error.status === 409

/**
 * A form's failure above its buttons: a conflict (409) says that someone else changed the notification and offers
 * to load it again; anything else is the server's problem with the messages that no field of the form shows.
 */
export function FailureAlert({
  error,
  conflict,
  onReload,
  conflictText,
  reloadText,
}: {
  error: { text: ErrorText; messages: string[] } | undefined
  conflict: boolean
  onReload: () => void
  /** What the conflict is about (default: the notification). */
  conflictText?: string
  reloadText?: string
}) {
  const { t } = useTranslation()
  if (!conflict) return <ErrorAlert error={error?.text} messages={error?.messages ?? []} />
  return (
    <div role="alert" className="alert-region">
      <div className="alert alert-error">
        <p className="alert-title">{conflictText ?? t('childWelfare.notification.conflict')}</p>
        <button type="button" className="button" onClick={onReload}>
          {reloadText ?? t('childWelfare.notification.reload')}
        </button>
      </div>
    </div>
  )
}

const FILE_NAMES = { application: 'hakemus', decision: 'paatos', assessment: 'arvio' } as const

/** Links to a document's PDF in Finnish and Swedish. */
export function PdfLinks({ kind, href, number }: { kind: 'application' | 'decision' | 'assessment'; href: (language: 'fi' | 'sv') => string; number: number | string }) {
  const { t } = useTranslation()
  return (
    <ul className="cw-links">
      {(['fi', 'sv'] as const).map((language) => (
        <li key={language}>
          <a href={href(language)} download={`${FILE_NAMES[kind]}-${number}-${language}.pdf`}>
            {t(`childWelfare.record.pdf.${kind}`, { number, language: t(`childWelfare.record.languages.${language}`) })}
          </a>
        </li>
      ))}
    </ul>
  )
}

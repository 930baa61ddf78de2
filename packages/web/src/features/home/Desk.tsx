import { deskEndpoints, type Desk as DeskData, type DeskAppointment, type DeskDeadline, type DeskDraft, type DeskWaiting } from '@huoma/contract'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { useEndpoint } from '../../api/endpoint'
import { ErrorAlert } from '../../components/Alert'
import { formatDate, formatDateTime, formatWallClockRange, formatShortDate } from '../../lib/format'
import { roleName, serviceTaskName } from '../../lib/labels'
import { formatEuros } from '../../lib/money'
import { useUser } from '../../session/context'

/** The deadlines whose work is done on the child's child welfare record; the others open the client's card. */
const RECORD_KINDS = new Set(['child_welfare.assessment_complete', 'child_welfare.urgent_placement', 'child_welfare.urgent_placement_extended', 'child_welfare.plan_review'])

/**
 * Työpöytä (action `desk:read`): the signed-in user's desk in one request — today's and this week's appointments, my
 * deadlines (overdue and due soon), my unfinished work, what waits for my act and my clients by service task. Every
 * row is a link into the work. Sections the user's roles do not have are not shown.
 */
export function Desk() {
  const { t } = useTranslation()
  const user = useUser()
  const desk = useEndpoint(deskEndpoints['desk.read'])
  if (desk.status === 'loading') return <p role="status">{t('desk.loading')}</p>
  if (desk.status === 'error') return <ErrorAlert error={{ title: t('desk.failed'), detail: desk.error.title }} />
  const d = desk.data
  const empty = d.clients === null && d.appointments === null && d.drafts === null && d.deadlines === null && d.waiting === null
  if (empty) return <p>{user.roles.includes('statistician') ? t('desk.statistician') : t('desk.nothing')}</p>
  return (
    <div className="desk">
      {d.appointments && <Appointments desk={d} appointments={d.appointments} />}
      {d.deadlines && <Deadlines deadlines={d.deadlines} />}
      {d.waiting && <Waiting waiting={d.waiting} />}
      {d.drafts && <Drafts drafts={d.drafts} />}
      {d.clients && <Clients clients={d.clients} />}
      {user.roles.includes('statistician') && <p>{t('desk.statistician')}</p>}
    </div>
  )
}

function Appointments({ desk, appointments }: { desk: DeskData; appointments: DeskAppointment[] }) {
  const { t } = useTranslation()
  const today = appointments.filter((a) => a.start.slice(0, 10) === desk.today)
  const later = appointments.filter((a) => a.start.slice(0, 10) !== desk.today)
  const row = (a: DeskAppointment, withDay: boolean) => (
    <li key={a.id}>
      <span className="desk-when">
        {withDay && `${formatShortDate(a.start.slice(0, 10))} `}
        {formatWallClockRange(a.start, a.end)}
      </span>{' '}
      {a.client ? (
        <>
          <Link to={`/persons/${a.client.id}`}>{a.client.name}</Link>
          {a.place && ` · ${t(`desk.places.${a.place}`)}`}
          {a.serviceTask && ` · ${serviceTaskName(t, a.serviceTask)}`}
        </>
      ) : (
        t('desk.busy')
      )}
    </li>
  )
  return (
    <section className="panel desk-section" aria-labelledby="desk-today-heading">
      <h2 id="desk-today-heading">{t('desk.today')}</h2>
      {today.length ? <ul className="desk-list">{today.map((a) => row(a, false))}</ul> : <p>{t('desk.noAppointmentsToday')}</p>}
      {desk.weekEnd > desk.today && (
        <>
          <h3>{t('desk.week')}</h3>
          {later.length ? <ul className="desk-list">{later.map((a) => row(a, true))}</ul> : <p>{t('desk.noAppointmentsWeek')}</p>}
        </>
      )}
      <p>
        <Link to={`/appointments?date=${desk.today}&view=week`}>{t('desk.calendar')}</Link>
      </p>
    </section>
  )
}

function Deadlines({ deadlines }: { deadlines: NonNullable<DeskData['deadlines']> }) {
  const { t } = useTranslation()
  const kinds: Record<string, string> = t('desk.kinds', { returnObjects: true })
  const standing = (i: DeskDeadline) =>
    i.standing === 'overdue' ? (
      <span className="badge badge-danger">{t('desk.overdue')}</span>
    ) : i.standing === 'due_today' ? (
      <span className="badge badge-warning">{t('desk.dueToday')}</span>
    ) : null
  const what = (i: DeskDeadline) => kinds[i.kind] ?? i.kind
  return (
    <section className="panel desk-section" aria-labelledby="desk-deadlines-heading">
      <h2 id="desk-deadlines-heading">{t('desk.deadlines')}</h2>
      <p className="desk-note">{t('desk.deadlinesIntro', { count: deadlines.soonDays })}</p>
      {deadlines.items.length ? (
        <ul className="desk-list">
          {deadlines.items.map((i) => (
            <li key={i.id} className={i.standing === 'overdue' ? 'desk-overdue' : undefined}>
              {standing(i)} {i.urgent && <span className="badge badge-warning">{t('desk.urgent')}</span>}{' '}
              {i.client ? <Link to={RECORD_KINDS.has(i.kind) ? `/persons/${i.client.id}/child-welfare` : `/persons/${i.client.id}`}>{`${what(i)}: ${i.client.name}`}</Link> : what(i)}
              {' · '}
              {t('desk.due', { date: formatDate(i.dueOn) })}
              {' · '}
              {i.workingDaysLeft < 0 ? t('desk.daysLate', { count: -i.workingDaysLeft }) : t('desk.daysLeft', { count: i.workingDaysLeft })}
            </li>
          ))}
        </ul>
      ) : (
        <p>{t('desk.noDeadlines')}</p>
      )}
      <p>
        <Link to="/deadlines">{t('desk.allDeadlines', { count: deadlines.total })}</Link>
      </p>
    </section>
  )
}

function Drafts({ drafts }: { drafts: DeskDraft[] }) {
  const { t } = useTranslation()
  return (
    <section className="panel desk-section" aria-labelledby="desk-drafts-heading">
      <h2 id="desk-drafts-heading">{t('desk.drafts')}</h2>
      {drafts.length ? (
        <ul className="desk-list">
          {drafts.map((d) => (
            <li key={`${d.kind}/${d.id}`}>
              {d.kind === 'journal' ? (
                <Link to={`/persons/${d.client.id}`}>{`${d.client.name}: ${t('desk.journalDraft', { date: formatDate(d.date) })}`}</Link>
              ) : (
                <Link to={`/persons/${d.client.id}/income-support/${d.id}`}>{`${d.client.name}: ${t('desk.application', { number: d.number, date: formatDate(d.date) })}`}</Link>
              )}{' '}
              · {serviceTaskName(t, d.serviceTask)}
            </li>
          ))}
        </ul>
      ) : (
        <p>{t('desk.noDrafts')}</p>
      )}
    </section>
  )
}

function Waiting({ waiting }: { waiting: DeskWaiting[] }) {
  const { t } = useTranslation()
  const item = (w: DeskWaiting) => {
    switch (w.kind) {
      case 'payment_batch':
        return (
          <Link to={`/payments/batches/${w.id}`}>
            {t('desk.batch', { number: w.number, count: w.itemCount, total: formatEuros(w.totalCents), name: w.createdByName, since: formatDateTime(w.since) })}
          </Link>
        )
      case 'grant_request':
        return (
          <Link to="/admin/grant-requests">
            {t('desk.grantRequest', { user: w.userName, role: roleName(t, w.roleCode), name: w.requestedByName, since: formatDateTime(w.since) })}
          </Link>
        )
      case 'audit_samples':
        return <Link to="/audit">{t('desk.samples', { count: w.count, since: formatDateTime(w.since) })}</Link>
      case 'break_glass_reviews':
        return <Link to="/audit">{t('desk.breakGlass', { count: w.count, since: formatDateTime(w.since) })}</Link>
      case 'deadline_queue':
        return <Link to="/deadlines">{t('desk.queue', { count: w.count, overdue: w.overdueCount })}</Link>
    }
  }
  return (
    <section className="panel desk-section" aria-labelledby="desk-waiting-heading">
      <h2 id="desk-waiting-heading">{t('desk.waiting')}</h2>
      {waiting.length ? (
        <ul className="desk-list">
          {waiting.map((w, i) => (
            <li key={'id' in w ? w.id : `${w.kind}-${i}`}>{item(w)}</li>
          ))}
        </ul>
      ) : (
        <p>{t('desk.noWaiting')}</p>
      )}
    </section>
  )
}

function Clients({ clients }: { clients: NonNullable<DeskData['clients']> }) {
  const { t } = useTranslation()
  const byTask = new Map<string, typeof clients>()
  for (const c of clients) byTask.set(c.serviceTask, [...(byTask.get(c.serviceTask) ?? []), c])
  return (
    <section className="panel desk-section" aria-labelledby="desk-clients-heading">
      <h2 id="desk-clients-heading">{t('desk.clients')}</h2>
      {clients.length ? (
        [...byTask].map(([task, list]) => (
          <details key={task} className="desk-task" open={byTask.size === 1 || list.length <= 10}>
            <summary>{`${serviceTaskName(t, task)} (${t('desk.clientCount', { count: list.length })})`}</summary>
            <ul className="desk-list desk-clients">
              {list.map((c) => (
                <li key={c.id}>
                  <Link to={`/persons/${c.id}`}>{c.name}</Link>
                </li>
              ))}
            </ul>
          </details>
        ))
      ) : (
        <p>{t('desk.noClients')}</p>
      )}
    </section>
  )
}

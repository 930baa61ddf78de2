import { childWelfareEndpoints as ep, type Notification } from '@huoma/contract'
import { useEffect, useId, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useLocation, useParams } from 'react-router'
import { useEndpoint } from '../../api/endpoint'
import { ErrorAlert } from '../../components/Alert'
import { Page } from '../../components/Page'
import { formatDate, formatDateTime } from '../../lib/format'
import { can, useUser } from '../../session/context'
import { CloseSection } from './CloseSection'
import type { OnChanged } from './display'
import { IdentifyChild } from './IdentifyChild'
import { MatterCard } from './MatterCard'
import { UrgencySection } from './UrgencySection'
import './child-welfare.css'

/**
 * Lastensuojeluilmoitus (/child-welfare/notifications/:notificationId, action `child-welfare:notifications`): the
 * notification as it came (reporter with the duty to report and the wish to stay unnamed to the family, the
 * concern, the children and family as reported), its urgency assessed at once, the children identified from the
 * registry each as a matter with its statutory deadlines, the decision to start the service-need assessment and
 * informing the family per child, and closing. The handling (`child-welfare:handle`) answers the notification as it
 * now is; a change someone else saved first is refused (409) and said so, with a way to load the latest.
 */
export function NotificationPage() {
  const { t } = useTranslation()
  const { notificationId = '' } = useParams()
  const location = useLocation()
  const registeredReceipt = (location.state as { registered?: string } | null)?.registered
  const detail = useEndpoint(ep['childWelfare.notification'], { params: { notificationId } })
  // the notification shown: the last one read, or the answer of the last change
  const [shown, setShown] = useState<Notification>()
  const [read, setRead] = useState<Notification>()
  const [notice, setNotice] = useState(registeredReceipt ? t('childWelfare.register.registered', { receipt: registeredReceipt }) : '')
  if (detail.status === 'success' && detail.data !== read) {
    setRead(detail.data)
    setShown(detail.data)
  }

  if (!shown) {
    return (
      <Page title={t('childWelfare.notification.loadingTitle')}>
        <p>
          <Link to="/child-welfare/notifications">{t('childWelfare.notification.back')}</Link>
        </p>
        {detail.status === 'error' ? <ErrorAlert error={detail.error} /> : <p role="status">{t('childWelfare.loading')}</p>}
      </Page>
    )
  }
  return (
    <NotificationView
      key={`${shown.id} ${shown.version}`}
      notification={shown}
      notice={notice}
      onChanged={(next, message) => {
        setNotice(message)
        setShown(next)
      }}
      reload={() => {
        setNotice('')
        detail.reload()
      }}
    />
  )
}

function NotificationView({ notification: n, notice, onChanged, reload }: { notification: Notification; notice: string; onChanged: OnChanged; reload: () => void }) {
  const { t } = useTranslation()
  const user = useUser()
  const id = useId()
  const noticeRef = useRef<HTMLParagraphElement>(null)
  const mayHandle = can(user, 'child-welfare:handle')
  const open = n.state === 'open'
  // After a change the form that was used is gone: the focus goes to the notice that says what was saved.
  useEffect(() => {
    if (notice) noticeRef.current?.focus()
  }, [notice])

  return (
    <Page title={t('childWelfare.notification.title', { receipt: n.receipt })}>
      <p>
        <Link to="/child-welfare/notifications">{t('childWelfare.notification.back')}</Link>
      </p>
      <div role="status" className="status-region">
        {notice && (
          <p className="notice" tabIndex={-1} ref={noticeRef}>
            {notice}
          </p>
        )}
      </div>

      <div className="cw-columns">
        <section className="panel cw-panel" aria-labelledby={`${id}-facts`}>
          <h2 id={`${id}-facts`}>{t('childWelfare.notification.facts')}</h2>
          <dl className="facts">
            <dt>{t('childWelfare.notification.receipt')}</dt>
            <dd className="cw-mono">{n.receipt}</dd>
            <dt>{t('childWelfare.notification.kind')}</dt>
            <dd>{t(`childWelfare.kinds.${n.kind}`)}</dd>
            <dt>{t('childWelfare.notification.received')}</dt>
            <dd>
              {formatDateTime(n.receivedAt)} ({t(`childWelfare.channels.${n.channel}`)})
            </dd>
            <dt>{t('childWelfare.notification.unit')}</dt>
            <dd>{n.unit.name}</dd>
            <dt>{t('childWelfare.notification.registeredBy')}</dt>
            <dd>{n.registeredBy ?? t('childWelfare.notification.viaEform')}</dd>
            <dt>{t('childWelfare.notification.state')}</dt>
            <dd>{n.closed ? t('childWelfare.notification.states.closed', { date: formatDate(n.closed.on) }) : t('childWelfare.notification.states.open')}</dd>
            {n.closed?.reason && (
              <>
                <dt>{t('childWelfare.notification.closedReason')}</dt>
                <dd>{n.closed.reason}</dd>
              </>
            )}
          </dl>
        </section>

        <section className="panel cw-panel" aria-labelledby={`${id}-reporter`}>
          <h2 id={`${id}-reporter`}>{t('childWelfare.fields.reporterHeading')}</h2>
          <dl className="facts">
            <dt>{t('childWelfare.notification.reporterType')}</dt>
            <dd>{t(`childWelfare.reporterTypes.${n.reporterType}`)}</dd>
            <dt>{t('childWelfare.notification.duty')}</dt>
            <dd>{n.reporterDuty ? t('childWelfare.notification.dutyYes') : t('childWelfare.notification.dutyNo')}</dd>
            {n.reporterHidden ? (
              <>
                <dt>{t('childWelfare.fields.reporterName')}</dt>
                <dd className="cw-muted">{t('childWelfare.notification.reporterHidden')}</dd>
              </>
            ) : (
              <>
                <dt>{t('childWelfare.fields.reporterName')}</dt>
                <dd>{n.reporterName ?? <span className="cw-muted">{t('childWelfare.notGiven')}</span>}</dd>
                <dt>{t('childWelfare.fields.reporterOrganisation')}</dt>
                <dd>{n.reporterOrganisation ?? <span className="cw-muted">{t('childWelfare.notGiven')}</span>}</dd>
                <dt>{t('childWelfare.fields.reporterPhone')}</dt>
                <dd>{n.reporterPhone ?? <span className="cw-muted">{t('childWelfare.notGiven')}</span>}</dd>
                <dt>{t('childWelfare.fields.reporterEmail')}</dt>
                <dd>{n.reporterEmail ?? <span className="cw-muted">{t('childWelfare.notGiven')}</span>}</dd>
              </>
            )}
            <dt>{t('childWelfare.notification.withheld')}</dt>
            <dd>{n.withholdIdentity ? <span className="badge badge-warning">{t('childWelfare.notification.withheldText')}</span> : t('childWelfare.notification.withheldNo')}</dd>
          </dl>
        </section>
      </div>

      <section className="panel cw-panel cw-wide" aria-labelledby={`${id}-content`}>
        <h2 id={`${id}-content`}>{t('childWelfare.notification.contentHeading')}</h2>
        <p className="cw-text">{n.content}</p>
        <h3>{t('childWelfare.notification.reportedChildren')}</h3>
        <ul className="cw-reported">
          {n.reportedChildren.map((c, i) => (
            <li key={`${i} ${c.name}`}>
              <strong>{c.name}</strong>
              {c.birthDate && <>, {t('childWelfare.notification.bornOn', { date: formatDate(c.birthDate) })}</>}
              {c.details && <span className="cw-muted"> — {c.details}</span>}
            </li>
          ))}
        </ul>
        {n.family && (
          <>
            <h3>{t('childWelfare.notification.family')}</h3>
            <p className="cw-text">{n.family}</p>
          </>
        )}
      </section>

      <UrgencySection notification={n} mayHandle={mayHandle && open} onChanged={onChanged} reload={reload} />

      <section className="panel cw-panel cw-wide" aria-labelledby={`${id}-children`}>
        <h2 id={`${id}-children`}>{t('childWelfare.notification.childrenHeading')}</h2>
        <p className="field-hint">{n.kind === 'anticipatory' ? t('childWelfare.notification.anticipatoryNote') : t('childWelfare.notification.childrenIntro')}</p>
        {n.matters.length === 0 && <p>{t('childWelfare.notification.noChildren')}</p>}
        {n.matters.map((m) => (
          <MatterCard key={m.id} notification={n} matter={m} mayHandle={mayHandle} onChanged={onChanged} reload={reload} />
        ))}
        {mayHandle && open && <IdentifyChild notification={n} onChanged={onChanged} reload={reload} />}
      </section>

      {mayHandle && open && <CloseSection notification={n} onChanged={onChanged} reload={reload} />}
    </Page>
  )
}

import { privacyEndpoints } from '@huoma/contract'
import { useId } from 'react'
import { useTranslation } from 'react-i18next'
import { useEndpoint } from '../../api/endpoint'
import { ErrorAlert } from '../../components/Alert'
import { auditApi } from './api'
import { useSavedNotice } from './useSavedNotice'
import { ReviewOutcome, VerdictForm } from './VerdictForm'
import { formatDateTime } from '../../lib/format'

/** The break-the-glass review queue: the unreviewed first (oldest first), each closed with a verdict and grounds. */
export function BreakGlassReviews() {
  const { t } = useTranslation()
  const id = useId()
  const queue = useEndpoint(privacyEndpoints['privacy.breakGlassQueue'])
  const saved = useSavedNotice()
  const open = queue.status === 'success' ? queue.data.items.filter((i) => !i.reviewedAt).length : 0

  return (
    <section aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{t('audit.breakGlass.heading')}</h2>
      <p className="lead">{t('audit.breakGlass.intro')}</p>
      {saved.notice}
      {queue.status === 'loading' && <p role="status">{t('audit.common.loading')}</p>}
      <ErrorAlert error={queue.status === 'error' ? queue.error : undefined} />
      {queue.status === 'error' && (
        <button type="button" className="button" onClick={queue.reload}>
          {t('errors.retry')}
        </button>
      )}
      {queue.status === 'success' && (
        <>
          <p className="queue-summary">
            {t('audit.breakGlass.openCount', { count: open })}{' '}
            <button type="button" className="button" onClick={queue.reload}>
              {t('audit.breakGlass.refresh')}
            </button>
          </p>
          {queue.data.items.length === 0 && <p>{t('audit.breakGlass.empty')}</p>}
          <ul className="review-list">
            {queue.data.items.map((item) => {
              const title = t('audit.breakGlass.item', { name: item.userName, date: formatDateTime(item.createdAt) })
              return (
                <li key={item.id}>
                  <article className={item.reviewedAt ? 'review-card review-closed' : 'review-card'} aria-labelledby={`${id}-${item.id}`}>
                    <h3 id={`${id}-${item.id}`}>{title}</h3>
                    <dl className="facts">
                      <dt>{t('audit.common.who')}</dt>
                      <dd>{item.userName}</dd>
                      <dt>{t('audit.common.client')}</dt>
                      <dd>
                        <code>{item.personId}</code>
                      </dd>
                      <dt>{t('audit.breakGlass.serviceTask')}</dt>
                      <dd>{item.serviceTaskName}</dd>
                      <dt>{t('audit.breakGlass.reason')}</dt>
                      <dd className="reason">{item.reason}</dd>
                      <dt>{t('audit.breakGlass.opened')}</dt>
                      <dd>{formatDateTime(item.createdAt)}</dd>
                      <dt>{t('audit.breakGlass.expires')}</dt>
                      <dd>
                        {formatDateTime(item.expiresAt)} ({item.active ? t('audit.breakGlass.active') : t('audit.breakGlass.expired')})
                      </dd>
                      <dt>{t('audit.breakGlass.reads')}</dt>
                      <dd>{item.accessCount}</dd>
                    </dl>
                    {item.reviewedAt && item.verdict ? (
                      <ReviewOutcome verdict={item.verdict} note={item.note} by={item.reviewedByName} at={formatDateTime(item.reviewedAt)} />
                    ) : (
                      <VerdictForm
                        save={(body) => auditApi.reviewBreakGlass(item.id, body)}
                        label={`${t('audit.verdict.legend')}: ${title}`}
                        onSaved={() => {
                          saved.show()
                          queue.reload()
                        }}
                      />
                    )}
                  </article>
                </li>
              )
            })}
          </ul>
        </>
      )}
    </section>
  )
}

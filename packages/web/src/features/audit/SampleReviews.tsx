import { privacyEndpoints } from '@huoma/contract'
import { useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { describeError, type ErrorText } from '../../api/client'
import { useEndpoint } from '../../api/endpoint'
import { ErrorAlert } from '../../components/Alert'
import { auditApi } from './api'
import { EntryFacts } from './EntryCells'
import { useSavedNotice } from './useSavedNotice'
import { ReviewOutcome, VerdictForm } from './VerdictForm'
import { formatDateTime } from '../../lib/format'

/** Pistokokeet: draw a random sample of recent accesses and close each with a verdict. */
export function SampleReviews() {
  const { t } = useTranslation()
  const id = useId()
  const sample = useEndpoint(privacyEndpoints['privacy.samples'])
  const saved = useSavedNotice()
  const [drawing, setDrawing] = useState(false)
  const [drawn, setDrawn] = useState<{ count: number; days: number }>()
  const [error, setError] = useState<ErrorText>()
  const open = sample.status === 'success' ? sample.data.items.filter((i) => !i.reviewedAt).length : 0

  async function draw() {
    setDrawing(true)
    setError(undefined)
    try {
      const result = await auditApi.drawSample()
      setDrawn({ count: result.drawn, days: result.windowDays })
      sample.reload()
    } catch (failure) {
      setError(describeError(failure))
    } finally {
      setDrawing(false)
    }
  }

  return (
    <section aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{t('audit.sample.heading')}</h2>
      <p className="lead">{t('audit.sample.intro')}</p>
      <p>
        <button type="button" className="button button-primary" onClick={() => void draw()} disabled={drawing}>
          {drawing ? t('audit.sample.drawing') : t('audit.sample.draw')}
        </button>
      </p>
      <div role="status" className="status-region">
        {drawn && <p className="notice">{t('audit.sample.drawn', { count: drawn.count, days: drawn.days })}</p>}
      </div>
      <ErrorAlert error={error ?? (sample.status === 'error' ? sample.error : undefined)} />
      {saved.notice}
      {sample.status === 'loading' && <p role="status">{t('audit.common.loading')}</p>}
      {sample.status === 'success' && (
        <>
          <p className="queue-summary">{t('audit.sample.openCount', { count: open })}</p>
          {sample.data.items.length === 0 && <p>{t('audit.sample.empty')}</p>}
          <ul className="review-list">
            {sample.data.items.map((item) => {
              const title = t('audit.sample.item', { id: item.entry.id })
              return (
                <li key={item.id}>
                  <article className={item.reviewedAt ? 'review-card review-closed' : 'review-card'} aria-labelledby={`${id}-${item.id}`}>
                    <h3 id={`${id}-${item.id}`}>{title}</h3>
                    <p className="muted">
                      {t('audit.sample.sampledAt')} {formatDateTime(item.sampledAt)}
                    </p>
                    <EntryFacts entry={item.entry} />
                    {item.reviewedAt && item.verdict ? (
                      <ReviewOutcome verdict={item.verdict} note={item.note} by={item.reviewedByName} at={formatDateTime(item.reviewedAt)} />
                    ) : (
                      <VerdictForm
                        save={(body) => auditApi.reviewSample(item.id, body)}
                        label={`${t('audit.verdict.legend')}: ${title}`}
                        onSaved={() => {
                          saved.show()
                          sample.reload()
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

import type { ChildWelfareRecord } from '@huoma/contract'
import { useId } from 'react'
import { useTranslation } from 'react-i18next'
import { formatDate } from '../../lib/format'

/**
 * Jälkihuolto (LSL 75–76 §): after the latest ended substitute care (or a long enough open-care placement) — whether
 * the young person is entitled to it, until when, and under which law (the age limit changed in 2020 and 2024).
 */
export function AfterCareSection({ record: r }: { record: ChildWelfareRecord }) {
  const { t } = useTranslation()
  const id = useId()
  const a = r.afterCare
  return (
    <section className="panel cw-panel cw-wide" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{t('childWelfare.record.afterCare.heading')}</h2>
      {a ? (
        <dl className="facts">
          <dt>{t('childWelfare.record.afterCare.entitled')}</dt>
          <dd>
            <span className={a.eligible ? 'badge badge-ok' : 'badge badge-muted'}>{a.eligible ? t('childWelfare.record.afterCare.yes') : t('childWelfare.record.afterCare.no')}</span>{' '}
            {t(`childWelfare.record.afterCare.reasons.${a.reason}`)}
          </dd>
          <dt>{t('childWelfare.record.afterCare.until')}</dt>
          <dd>{formatDate(a.endsOn)}</dd>
          <dt>{t('childWelfare.record.afterCare.law')}</dt>
          <dd>{t(`childWelfare.record.afterCare.laws.${a.law}`)}</dd>
        </dl>
      ) : (
        <p>{t('childWelfare.record.afterCare.none')}</p>
      )}
    </section>
  )
}

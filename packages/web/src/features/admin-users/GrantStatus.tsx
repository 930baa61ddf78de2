import type { GrantView } from '@huoma/contract'
import { useTranslation } from 'react-i18next'
import { formatLocaleDate } from '../../lib/format'

/** voimassa / alkaa / päättynyt / lopetettu: in words, never by colour alone. */
export function GrantStatusBadge({ grant }: { grant: Pick<GrantView, 'status' | 'validFrom'> }) {
  const { t } = useTranslation()
  switch (grant.status) {
    case 'current':
      return <span className="badge badge-ok">{t('adminUsers.status.current')}</span>
    case 'future':
      return <span className="badge badge-info">{t('adminUsers.status.future', { date: formatLocaleDate(grant.validFrom) })}</span>
    case 'expired':
      return <span className="badge badge-muted">{t('adminUsers.status.expired')}</span>
    case 'ended':
      return <span className="badge badge-muted">{t('adminUsers.status.ended')}</span>
  }
}

/** "1.3.2026 alkaen", "1.3.2026–31.5.2026". */
export function GrantPeriod({ grant }: { grant: Pick<GrantView, 'validFrom' | 'validUntil'> }) {
  const { t } = useTranslation()
  return grant.validUntil ? (
    <>{t('adminUsers.period.range', { from: formatLocaleDate(grant.validFrom), until: formatLocaleDate(grant.validUntil) })}</>
  ) : (
    <>{t('adminUsers.period.from', { from: formatLocaleDate(grant.validFrom) })}</>
  )
}

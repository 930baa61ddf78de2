import { useTranslation } from 'react-i18next'
import { formatRegisterDate } from '../../lib/format'

/** Turvakielto and death, as badges next to a person's name. */
export function PersonMarkers({ turvakielto, deathDate, long = false }: { turvakielto: boolean; deathDate: string | null; long?: boolean }) {
  const { t } = useTranslation()
  return (
    <>
      {turvakielto && <span className="badge badge-danger">{long ? t('persons.turvakieltoLong') : t('persons.turvakielto')}</span>}
      {deathDate && (
        <span className="badge badge-muted">
          <span aria-hidden="true">† </span>
          {t('persons.deceasedOn', { date: formatRegisterDate(deathDate) })}
        </span>
      )}
    </>
  )
}

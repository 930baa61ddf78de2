import { useId } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import type { PersonCardSectionProps } from '../../lib/feature'

/** The way from the client card to the child's child welfare record (shown where the user has a basis in child welfare). */
export function ChildWelfareCardSection({ card }: PersonCardSectionProps) {
  const { t } = useTranslation()
  const id = useId()
  return (
    <section className="panel card-section" aria-labelledby={id}>
      <h2 id={id}>{t('childWelfare.record.cardHeading')}</h2>
      <p>{t('childWelfare.record.cardIntro')}</p>
      <p>
        <Link to={`/persons/${card.person.id}/child-welfare`} className="button">
          {t('childWelfare.record.cardLink')}
        </Link>
      </p>
    </section>
  )
}

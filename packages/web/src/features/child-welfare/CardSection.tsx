import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import type { PersonCardSectionProps } from '../../lib/feature'
import { FoldingPanel } from '../../components/FoldingPanel'

/** The way from the client card to the child's child welfare record (shown where the user has a basis in child welfare). */
export function ChildWelfareCardSection({ card }: PersonCardSectionProps) {
  const { t } = useTranslation()
  return (
    <FoldingPanel panel="card:child-welfare" className="card-section" title={t('childWelfare.record.cardHeading')}>
      <p>{t('childWelfare.record.cardIntro')}</p>
      <p>
        <Link to={`/persons/${card.person.id}/child-welfare`} className="button">
          {t('childWelfare.record.cardLink')}
        </Link>
      </p>
    </FoldingPanel>
  )
}

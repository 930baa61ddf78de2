import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import type { PersonCardSectionProps } from '../../lib/feature'
import { ClientApplicationsSection } from './ClientApplicationsSection'

/** The client's income support applications on the client card. */
export function ApplicationsCardSection({ card }: PersonCardSectionProps) {
  return <ClientApplicationsSection personId={card.person.id} />
}

/** The way from the client card to registering a new income support application. */
export function RegisterCardSection({ card }: PersonCardSectionProps) {
  const { t } = useTranslation()
  return (
    <p>
      <Link to={`/persons/${card.person.id}/income-support/new`} className="button">
        {t('incomeSupport.register.open')}
      </Link>
    </p>
  )
}

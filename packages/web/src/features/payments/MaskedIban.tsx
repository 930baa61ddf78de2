import { useTranslation } from 'react-i18next'
import { maskIban } from './format'

/** An account masked but for its country and last four characters; a screen reader hears it in words. */
export function MaskedIban({ iban }: { iban: string }) {
  const { t } = useTranslation()
  const compact = iban.replace(/\s+/g, '')
  return (
    <span className="pay-mono">
      <span aria-hidden="true">{maskIban(compact)}</span>
      <span className="visually-hidden">{t('payments.maskedIban', { country: compact.slice(0, 2), last: compact.slice(-4) })}</span>
    </span>
  )
}

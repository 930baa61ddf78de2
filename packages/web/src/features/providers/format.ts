import type { Provider, ProviderServiceType } from '@huoma/contract'
import { formatIban } from '@huoma/domain'
import type { TFunction } from 'i18next'
import { formatDate } from '../../lib/format'

/**
 * An account in groups of four as it is printed (`FI21 1234 5600 0007 85`): the domain's form for a Finnish IBAN,
 * the same grouping for a foreign one (the register accepts any valid IBAN).
 */
export function groupedIban(iban: string): string {
  const compact = iban.replace(/\s+/g, '').toUpperCase()
  try {
    return formatIban(compact)
  } catch {
    return compact.replace(/(.{4})(?=.)/g, '$1 ')
  }
}

/** The service types in words, in the register's order. */
export function serviceTypeNames(t: TFunction, types: readonly ProviderServiceType[]): string {
  return types.map((type) => t(`providers.serviceTypes.${type}`)).join(', ')
}

/** `1.1.2026–31.12.2026`, or `1.1.2026 alkaen` while the validity goes on. */
export function validityText(t: TFunction, provider: Pick<Provider, 'validFrom' | 'validUntil'>): string {
  return provider.validUntil
    ? `${formatDate(provider.validFrom)}–${formatDate(provider.validUntil)}`
    : t('providers.validFromOnly', { from: formatDate(provider.validFrom) })
}

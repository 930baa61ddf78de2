/**
 * `@huoma/domain` — pure Finnish domain rules for Huoma: identifiers (henkilötunnus, IBAN/BIC, payment
 * references), money, the Helsinki calendar with statutory deadlines, and name search/sorting. No I/O, no clock.
 *
 * @module
 */
export type { Result } from './result';
export * from './calendar';
export * from './display';
export * from './hetu';
export * from './iban';
export * from './reference';
export * from './money';
export * from './names';
export * from './bank';
export * from './income-support';
export * from './decisions';
export * from './deadlines';
export * from './business-id';
export * from './child-welfare';
export * from './retention';
export * from './disclosures';
export * from './data-subject-rights';
export * from './privacy-notice';
export * from './document-types';
export * from './legal-citation';

import type { TFunction } from 'i18next'
import { fi } from './i18n'

type Groups = Pick<typeof fi.payments, 'batchStates' | 'itemStates' | 'reasons'>
export type PaymentLabelGroup = keyof Groups

/** The words for a code of the payments API; a code the dictionary does not know is shown as it is. */
export function payLabel(t: TFunction, group: PaymentLabelGroup, code: string): string {
  if (!Object.hasOwn(fi.payments[group], code)) return code
  return t(`payments.${group}.${code}` as `payments.${PaymentLabelGroup}.${keyof Groups[PaymentLabelGroup]}`)
}

/** Whether the dictionary explains this bank reason code (ISO 20022 external status / return reason). */
export function knownReason(code: string | null | undefined): code is keyof typeof fi.payments.reasons {
  return !!code && Object.hasOwn(fi.payments.reasons, code)
}

/**
 * A bank's reason for a rejection or return in words: the code, what it means, and the bank's own text when it
 * says more (`AC01 – Tilinumero on virheellinen tai tiliä ei ole (pankki: 1+TILIÄ EI LÖYDY)`).
 */
export function reasonInWords(t: TFunction, code: string | null | undefined, text: string | null | undefined): string {
  const bankText = text?.trim()
  if (!code) return bankText ? t('payments.reasonBankOnly', { text: bankText }) : t('payments.reasonUnknown')
  const meaning = knownReason(code) ? t(`payments.reasons.${code}`) : t('payments.reasonUnlisted')
  return bankText ? t('payments.reasonWithText', { code, meaning, text: bankText }) : `${code} – ${meaning}`
}

/**
 * A payment's state in words as its batch stands: a pending payment of a batch not yet sent is not "waiting for the
 * bank" but waiting for the approval or the sending (or gone with the cancelled batch).
 */
export function itemStateLabel(t: TFunction, itemState: string, batchState: string): string {
  if (itemState === 'pending' && (batchState === 'draft' || batchState === 'approved' || batchState === 'cancelled')) {
    return t(`payments.itemStatesBeforeBank.${batchState}`)
  }
  return payLabel(t, 'itemStates', itemState)
}

import type { Pain001Remittance } from '@huoma/domain'

/** A payable's reference (Finnish viitenumero or RF) or else its message, as the bank file carries it. */
export function remittanceOf(reference: string | null, message: string | null): Pain001Remittance {
  if (reference) {
    const ref = reference.replace(/\s+/g, '').toUpperCase()
    return ref.startsWith('RF') ? { kind: 'rf_reference', reference: ref } : { kind: 'finnish_reference', reference: ref }
  }
  return { kind: 'message', message: message ?? '' }
}

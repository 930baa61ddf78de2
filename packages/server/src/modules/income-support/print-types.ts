import type { PrintAddress, PrintOrganisation } from '../../kernel/decisions/document'
import type { Calculation, DecisionItem, DecisionOutcome, MemberRole, PaymentCommitment, ProviderKind } from '@huoma/contract'

export type { PrintAddress, PrintOrganisation }

/**
 * What the income support documents print. The repository gathers it through the client-data chokepoint; the
 * renderers in `pdf.ts` only lay it out. An address printed on a document is always the contact address
 * (yhteysosoite) — never a protected (turvakielto) address.
 */

export interface DecisionPrintInput {
  language: 'fi' | 'sv'
  organisation: PrintOrganisation
  /** a preview is marked as such on every page ("LUONNOS – EI PÄÄTÖS" / "UTKAST – INTE ETT BESLUT") */
  preview: boolean
  decision: {
    number: number | null
    decidedOn: string
    periodStart: string
    periodEnd: string
    outcome: DecisionOutcome
    grantedCents: number
    reasons: string
    /** the number of the decision this one corrects */
    correctsNumber: number | null
  }
  decisionMaker: { name: string }
  applicant: { name: string; hetu: string | null; temporaryId: string | null; address: PrintAddress | null }
  application: { number: number; receivedOn: string; channel: 'paper' | 'eform' | 'kela'; kelaCaseRef: string | null }
  members: { name: string; role: MemberRole; birthDate: string | null }[]
  items: DecisionItem[]
  /** the calculation, printed as the appendix (laskelma) */
  calculation: Calculation
  /** names of household members by person id, for the calculation lines */
  memberNames: Record<string, string>
  commitments: PaymentCommitment[]
  payments: { payeeName: string; ibanMasked: string; amountCents: number; dueOn: string }[]
}

export interface CommitmentPrintInput {
  language: 'fi' | 'sv'
  organisation: PrintOrganisation
  commitment: {
    number: number
    providerKind: ProviderKind
    providerName: string
    purpose: string
    validFrom: string
    validUntil: string
    maxCents: number
  }
  decision: { number: number; decidedOn: string }
  decisionMaker: { name: string }
  /** the client the provider serves: name and birth date only (the provider needs no henkilötunnus or address) */
  client: { name: string; birthDate: string | null }
  printedAt: Date
}

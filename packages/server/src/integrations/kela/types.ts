import type { Claims, KelaBasic, MemberRole } from '@huoma/contract'

/**
 * Kela's forwarding of applications (eTotu, "Kelmu" technical interface): when a client asks, Kela forwards the
 * supplementary and preventive part of an income support application to the wellbeing services county, the day after
 * its own basic decision, with its basic calculation. No machine-readable specification of Kela's interface is
 * public (integrations.md §6), so the connector is an interface with a simulator; the persons are named by
 * henkilötunnus and mapped to the registry on import.
 */
export interface ForwardedApplication {
  /** Kela's case reference; the import is idempotent on it */
  kelaCaseRef: string
  /** the day Kela forwarded the application: the county's processing clock starts from it */
  forwardedOn: string
  urgent: boolean
  applicantHetu: string
  members: { hetu: string; role: MemberRole }[]
  periodStart: string
  periodEnd: string
  basic: KelaBasic
  /** the expenses, incomes and assets of Kela's calculation, and the supplementary/preventive items asked for */
  claims: Omit<Claims, 'incomes' | 'assets' | 'expenses'> & {
    expenses: (Omit<Claims['expenses'][number], 'memberId'> & { memberHetu?: string })[]
    incomes: (Omit<Claims['incomes'][number], 'memberId'> & { memberHetu: string })[]
    assets: (Omit<Claims['assets'][number], 'memberId'> & { memberHetu: string })[]
  }
}

export interface KelaForwardingClient {
  readonly kind: 'simulator' | 'remote'
  /** Applications forwarded to the organisation up to `today` (Helsinki date), oldest first. */
  forwarded(today: string): Promise<ForwardedApplication[]>
}

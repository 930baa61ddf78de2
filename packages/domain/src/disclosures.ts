import { compareLocalDates, type LocalDate } from './calendar';

/**
 * Disclosures of client data (luovutukset) and consents: the legal bases a disclosure may rest on, who asks, and
 * whether a consent covers a disclosure on a day (rules.md §4; asiakaslaki 812/2000 16–20 §, julkisuuslaki
 * 621/1999, the GDPR Art. 7 on consent).
 */

/** What a disclosure rests on; `consent` needs the client's consent in force, the others a statute. */
export const DISCLOSURE_BASES = [
  /** the client's (or their legal representative's) consent (asiakaslaki 16–17 §) */
  'consent',
  /** to another authority or provider for arranging the client's care without consent (asiakaslaki 17 § 2 mom) */
  'client_act_17',
  /** to authorities and bodies the law entitles to obtain it (asiakaslaki 18 §, e.g. Kela, the police for a crime) */
  'client_act_18',
  /** without a request, to protect life, health or safety (asiakaslaki 19 §) */
  'client_act_19',
  /** the child welfare act's own provisions (LSL 25–25 d §, 41 §) */
  'child_welfare_act',
  /** another act, cited in the request */
  'other_act',
  /** research or statistics under a research permit (toisiolaki 552/2019; julkisuuslaki 28 §) */
  'research_permit',
] as const;
export type DisclosureBasis = (typeof DISCLOSURE_BASES)[number];

/** Who asks. Genealogy and register research are refused when the client has banned them. */
export const REQUESTER_KINDS = ['authority', 'police', 'court', 'kela', 'enforcement', 'provider', 'party', 'research', 'genealogy', 'other'] as const;
export type RequesterKind = (typeof REQUESTER_KINDS)[number];

/** A basis that names its source in the request (the act and section, or the permit's number). */
export function basisNeedsCitation(basis: DisclosureBasis): boolean {
  return basis === 'other_act' || basis === 'research_permit';
}

/** The client's bans on disclosing for these purposes (henkilömatrikkeli, sukututkimus, register research). */
export const DISCLOSURE_BAN_PURPOSES = ['genealogy', 'register_research'] as const;
export type DisclosureBanPurpose = (typeof DISCLOSURE_BAN_PURPOSES)[number];

/** Which ban purpose a requester falls under, if any. */
export function banPurposeOf(kind: RequesterKind): DisclosureBanPurpose | null {
  if (kind === 'genealogy') return 'genealogy';
  if (kind === 'research') return 'register_research';
  return null;
}

export interface ConsentFacts {
  givenOn: LocalDate;
  validUntil: LocalDate | null;
  revokedOn: LocalDate | null;
  serviceTasks: readonly string[];
}

export type ConsentStanding = 'valid' | 'not_yet' | 'expired' | 'revoked' | 'other_task';

/**
 * Whether a consent covers a disclosure from the service task's register on a day: given by then, not past its end
 * (the end day included), not revoked by then (revoked on the day: no longer), and naming the task.
 */
export function consentStanding(c: ConsentFacts, o: { on: LocalDate; serviceTask: string }): ConsentStanding {
  if (c.revokedOn && compareLocalDates(c.revokedOn, o.on) <= 0) return 'revoked';
  if (compareLocalDates(o.on, c.givenOn) < 0) return 'not_yet';
  if (c.validUntil && compareLocalDates(o.on, c.validUntil) > 0) return 'expired';
  if (!c.serviceTasks.includes(o.serviceTask)) return 'other_task';
  return 'valid';
}

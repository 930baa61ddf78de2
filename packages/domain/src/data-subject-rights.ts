import { addMonths, compareLocalDates, type LocalDate } from './calendar';

/**
 * The client's own requests about their data (rules.md §4.4): access (GDPR Art. 15, asiakaslaki 812/2000, and a
 * party's access under julkisuuslaki 621/1999 11 §), rectification (Art. 16), erasure (Art. 17 — mostly refused by
 * law: the processing is a statutory task and the retention statutory, Art. 17(3)(b)), restriction (Art. 18), and
 * the log request ("who processed my data and to whom it was disclosed", 703/2023 11 §).
 *
 * The answer is due in one month of receipt, extendable by two further months for complex or many requests, the
 * requester told of the extension and its reasons within the first month (Art. 12(3)).
 */

export const RIGHTS_REQUEST_KINDS = ['access', 'rectification', 'restriction', 'erasure', 'log'] as const;
export type RightsRequestKind = (typeof RIGHTS_REQUEST_KINDS)[number];

/** Who makes the request: the client, a minor's guardian, or another legal representative (edunvalvoja). */
export const RIGHTS_REQUESTER_KINDS = ['client', 'guardian', 'representative'] as const;
export type RightsRequesterKind = (typeof RIGHTS_REQUESTER_KINDS)[number];

/**
 * How the requester's identity was verified before anything is registered: never by a phone call or an unsigned
 * e-mail alone.
 */
export const IDENTITY_CHECKS = ['identity_document', 'strong_electronic', 'signed_letter_verified', 'known_in_person'] as const;
export type IdentityCheck = (typeof IDENTITY_CHECKS)[number];

export const RIGHTS_CHANNELS = ['in_person', 'letter', 'e_service', 'secure_email'] as const;
export type RightsChannel = (typeof RIGHTS_CHANNELS)[number];

/**
 * Why a part of a request is refused. Access: tietosuojalaki 1050/2018 34 § (the information would seriously endanger
 * the client's health or care, or the child's health or development; or others' rights); erasure: the statutory
 * retention (GDPR Art. 17(3)(b), 703/2023 annex); any: a manifestly unfounded or excessive request (Art. 12(5)).
 */
export const REFUSAL_GROUNDS = ['health_or_care', 'child_development', 'others_rights', 'statutory_retention', 'data_correct', 'unfounded'] as const;
export type RefusalGround = (typeof REFUSAL_GROUNDS)[number];

/** The grounds a refusal of each kind of request may rest on. */
export function groundsFor(kind: RightsRequestKind): readonly RefusalGround[] {
  switch (kind) {
    case 'access':
    case 'log':
      return ['health_or_care', 'child_development', 'others_rights', 'unfounded'];
    case 'rectification':
      return ['data_correct', 'unfounded'];
    case 'erasure':
      return ['statutory_retention', 'unfounded'];
    case 'restriction':
      return ['data_correct', 'unfounded'];
  }
}

/** The statute each refusal ground cites, in the decision's two languages. */
export const REFUSAL_GROUND_LAW: Record<RefusalGround, { fi: string; sv: string }> = {
  health_or_care: { fi: 'Tietosuojalaki (1050/2018) 34 § 1 mom. 2 kohta', sv: 'Dataskyddslagen (1050/2018) 34 § 1 mom. 2 punkten' },
  child_development: { fi: 'Tietosuojalaki (1050/2018) 34 § 1 mom. 2 kohta; sosiaalihuollon asiakaslaki (812/2000) 11 §', sv: 'Dataskyddslagen (1050/2018) 34 § 1 mom. 2 punkten; lagen om klientens ställning och rättigheter inom socialvården (812/2000) 11 §' },
  others_rights: { fi: 'Tietosuojalaki (1050/2018) 34 § 1 mom. 3 kohta; EU:n yleinen tietosuoja-asetus 15 art. 4 kohta', sv: 'Dataskyddslagen (1050/2018) 34 § 1 mom. 3 punkten; EU:s allmänna dataskyddsförordning art. 15.4' },
  statutory_retention: { fi: 'EU:n yleinen tietosuoja-asetus 17 art. 3 kohdan b alakohta; laki sosiaali- ja terveydenhuollon asiakastietojen käsittelystä (703/2023), liite', sv: 'EU:s allmänna dataskyddsförordning art. 17.3 b; lagen om behandling av klientuppgifter inom social- och hälsovården (703/2023), bilaga' },
  data_correct: { fi: 'EU:n yleinen tietosuoja-asetus 16 ja 18 art.', sv: 'EU:s allmänna dataskyddsförordning art. 16 och 18' },
  unfounded: { fi: 'EU:n yleinen tietosuoja-asetus 12 art. 5 kohta', sv: 'EU:s allmänna dataskyddsförordning art. 12.5' },
};

/** The answer's due date: one month after receipt (the same day of the month, or the month's last day). */
export function rightsDueDate(receivedOn: LocalDate): LocalDate {
  return addMonths(receivedOn, 1);
}

/** The latest due date an extension may set: two further months. */
export function rightsMaxExtension(receivedOn: LocalDate): LocalDate {
  return addMonths(receivedOn, 3);
}

export type ExtensionProblem = 'not_later' | 'too_late' | 'notice_late' | 'already_extended';

/**
 * Whether the due date may be moved to `to`, the requester told on `noticeOn`: later than the first due date, at most
 * three months from receipt, told within the first month, and only once.
 */
export function extensionProblem(r: { receivedOn: LocalDate; extendedTo: LocalDate | null }, to: LocalDate, noticeOn: LocalDate): ExtensionProblem | null {
  if (r.extendedTo) return 'already_extended';
  const due = rightsDueDate(r.receivedOn);
  if (compareLocalDates(to, due) <= 0) return 'not_later';
  if (compareLocalDates(to, rightsMaxExtension(r.receivedOn)) > 0) return 'too_late';
  if (compareLocalDates(noticeOn, due) > 0 || compareLocalDates(noticeOn, r.receivedOn) < 0) return 'notice_late';
  return null;
}

export type PartOutcome = 'granted' | 'refused';

/** The whole answer from its parts (one per register): granted, partly granted or refused. */
export function rightsOutcome(parts: readonly { outcome: PartOutcome }[]): 'granted' | 'partly' | 'refused' {
  if (parts.length === 0) throw new RangeError('a decision has at least one part');
  const granted = parts.filter((p) => p.outcome === 'granted').length;
  if (granted === parts.length) return 'granted';
  return granted === 0 ? 'refused' : 'partly';
}

import { addDays, compareLocalDates, dateParts, type LocalDate } from './calendar';
import { birthdayAt } from './child-welfare';

/**
 * Retention of social welfare client documents (rules.md §3): how long each kind of record is kept, from which
 * event, by which law — as effective-dated parameters, so that a change of the law is a new row, not new code —
 * and when a record may be destroyed (its destroy-after date), or that it is kept permanently (the archive sample of
 * clients born on the 8th, 18th or 28th day, and the document types an archiving order names).
 *
 * Since 1.1.2024 the retention times are those of the annex of the Act on the Processing of Client Data in Social
 * Welfare and Health Care (703/2023), applied also to documents made before it. The destroy-after date is the day
 * after which the record may be put on a destruction list: the retention has run to its end on that day.
 */

/** The event a retention period runs from. */
export type RetentionTrigger =
  /** the client's death (client basic data, child welfare) */
  | 'death'
  /** the matter's closing (most service tasks) */
  | 'closing'
  /** the last matter of the task closed, once the need for the service has ended (disability services) */
  | 'last_closing'
  /** the child's birth (family law matters concerning a child) */
  | 'birth'
  /** the document's own date (vouchers) */
  | 'document'
  /** the end of the decision's validity (client fee decisions) */
  | 'decision_end';

/** A class of records that one row of the retention table covers. */
export const RETENTION_CLASSES = [
  'client_basic',
  'families_with_children',
  'working_age',
  'older_people',
  'substance_abuse',
  'disability',
  'child_welfare',
  'child_welfare_notification',
  'family_law_child',
  'family_law_other',
  'vouchers',
  'client_fee_decisions',
] as const;
export type RetentionClass = (typeof RETENTION_CLASSES)[number];

/** One row of the retention table: a class kept `years` from its trigger, in force for records on days [validFrom, validUntil]. */
export interface RetentionRule {
  retentionClass: RetentionClass;
  trigger: RetentionTrigger;
  years: number;
  validFrom: LocalDate;
  validUntil: LocalDate | null;
  /** the statute or decision the row follows, shown to the main user and in the privacy notice */
  legalSource: string;
  /** ⚠️ a value not verified from the source: shown for legal review */
  unverified?: boolean;
}

const LAW_2024 = '2024-01-01' as LocalDate;
const SOURCE = 'Laki sosiaali- ja terveydenhuollon asiakastietojen käsittelystä 703/2023, liite';

/** The retention table in force from 1.1.2024 (703/2023 annex; applies to earlier documents as well). */
export const RETENTION_RULES_2024: readonly RetentionRule[] = [
  { retentionClass: 'client_basic', trigger: 'death', years: 2, validFrom: LAW_2024, validUntil: null, legalSource: SOURCE },
  { retentionClass: 'families_with_children', trigger: 'closing', years: 30, validFrom: LAW_2024, validUntil: null, legalSource: SOURCE },
  { retentionClass: 'working_age', trigger: 'closing', years: 10, validFrom: LAW_2024, validUntil: null, legalSource: SOURCE },
  { retentionClass: 'older_people', trigger: 'closing', years: 10, validFrom: LAW_2024, validUntil: null, legalSource: SOURCE },
  { retentionClass: 'substance_abuse', trigger: 'closing', years: 10, validFrom: LAW_2024, validUntil: null, legalSource: SOURCE },
  { retentionClass: 'disability', trigger: 'last_closing', years: 10, validFrom: LAW_2024, validUntil: null, legalSource: SOURCE },
  { retentionClass: 'child_welfare', trigger: 'death', years: 2, validFrom: LAW_2024, validUntil: null, legalSource: SOURCE },
  // a notification that led to no client relationship: the annex's row was not retrieved (rules.md §3.2 ⚠️)
  { retentionClass: 'child_welfare_notification', trigger: 'closing', years: 10, validFrom: LAW_2024, validUntil: null, legalSource: SOURCE, unverified: true },
  { retentionClass: 'family_law_child', trigger: 'birth', years: 120, validFrom: LAW_2024, validUntil: null, legalSource: SOURCE },
  { retentionClass: 'family_law_other', trigger: 'closing', years: 10, validFrom: LAW_2024, validUntil: null, legalSource: SOURCE },
  { retentionClass: 'vouchers', trigger: 'document', years: 3, validFrom: LAW_2024, validUntil: null, legalSource: SOURCE },
  { retentionClass: 'client_fee_decisions', trigger: 'decision_end', years: 12, validFrom: LAW_2024, validUntil: null, legalSource: SOURCE, unverified: true },
];

/**
 * When the date of death of a client kept "2 years after death" is not known: no rule was found; by analogy with
 * patient records 120 years from birth (rules.md §3.2 ⚠️), a parameter flagged for legal review.
 */
export const UNKNOWN_DEATH_FALLBACK_YEARS = 120;

/** The record class of a service task's case records (the task's row of the table; ⚠️ income support assumed working-age). */
export function retentionClassOfTask(serviceTask: string): RetentionClass | null {
  switch (serviceTask) {
    case 'adult_social_work':
    case 'income_support':
      return 'working_age';
    case 'child_welfare':
      return 'child_welfare';
    case 'family_services':
      return 'families_with_children';
    case 'disability_services':
      return 'disability';
    case 'substance_mental_health':
      return 'substance_abuse';
    case 'child_maintenance':
      return 'family_law_child';
    case 'client_fees':
      return 'client_fee_decisions';
    default:
      return null;
  }
}

/**
 * Kansallisarkisto's sample: the documents of clients born on the 8th, 18th or 28th day of a month are preserved
 * permanently (rules.md §3.3).
 */
export function inPermanentSample(birthDate: LocalDate | null): boolean {
  if (!birthDate) return false;
  const { day } = dateParts(birthDate);
  return day === 8 || day === 18 || day === 28;
}

/** The facts a record's retention depends on; a missing one means the event has not happened (or is not known). */
export interface RetentionFacts {
  retentionClass: RetentionClass;
  /** the client's (for `family_law_child`: the child's) birth date */
  birthDate: LocalDate | null;
  deathDate: LocalDate | null;
  /** the matter's closing day (for `last_closing`: the last matter of the task) */
  closedOn: LocalDate | null;
  /** `last_closing`: the need for the service has ended (e.g. the disability services ended for good) */
  needEnded?: boolean;
  /** a matter of the same task is open (a new one opened after the closing): the period has not started */
  openMatter?: boolean;
  documentDate: LocalDate | null;
  decisionEndsOn?: LocalDate | null;
  /** an archiving order names this document type */
  archiveOrdered?: boolean;
  /** a legal hold (appeal, complaint) is on the client or the matter */
  legalHold?: boolean;
}

export type Retention =
  /** kept for good: the permanent sample or an archiving order */
  | { kind: 'permanent'; reason: 'sample' | 'archive_order' }
  /** may be destroyed after this day (inclusive of the last day of retention) */
  | { kind: 'until'; destroyAfter: LocalDate; rule: RetentionRule; fallback: boolean }
  /** the period has not started yet (the client lives, the matter is open…) */
  | { kind: 'running'; waitingFor: RetentionTrigger; rule: RetentionRule }
  /** held: not to be destroyed whatever the dates say */
  | { kind: 'held'; underlying: Exclude<Retention, { kind: 'held' }> };

/** The table's row for a class in force on a day. */
export function retentionRuleOn(rules: readonly RetentionRule[], retentionClass: RetentionClass, on: LocalDate): RetentionRule | null {
  return (
    rules.find(
      (r) => r.retentionClass === retentionClass && compareLocalDates(r.validFrom, on) <= 0 && (r.validUntil === null || compareLocalDates(on, r.validUntil) <= 0),
    ) ?? null
  );
}

/**
 * A record's retention on a day by the table in force that day: permanent (the sample, an archiving order), the day
 * after which it may be destroyed, still running (waiting for the event), or held. Retention ends `years` after the
 * event on the same calendar day (a 29 February event ends on 1 March in a common year); the record may be destroyed
 * after that day.
 */
export function retentionOf(facts: RetentionFacts, rules: readonly RetentionRule[], on: LocalDate): Retention {
  const base = ((): Exclude<Retention, { kind: 'held' }> => {
    if (facts.archiveOrdered) return { kind: 'permanent', reason: 'archive_order' };
    if (inPermanentSample(facts.birthDate)) return { kind: 'permanent', reason: 'sample' };
    const rule = retentionRuleOn(rules, facts.retentionClass, on);
    if (!rule) throw new RangeError(`No retention rule for ${facts.retentionClass} on ${on}`);
    const until = (from: LocalDate, years: number, fallback = false): Exclude<Retention, { kind: 'held' }> => ({ kind: 'until', destroyAfter: birthdayAt(from, years), rule, fallback });
    switch (rule.trigger) {
      case 'death':
        if (facts.deathDate) return until(facts.deathDate, rule.years);
        // the death not known: the fallback from birth, unless that has not yet run out (then still running)
        if (facts.birthDate) {
          const fallback = until(facts.birthDate, UNKNOWN_DEATH_FALLBACK_YEARS, true);
          if (fallback.kind === 'until' && compareLocalDates(fallback.destroyAfter, on) < 0) return fallback;
        }
        return { kind: 'running', waitingFor: 'death', rule };
      case 'closing':
        if (facts.closedOn && !facts.openMatter) return until(facts.closedOn, rule.years);
        return { kind: 'running', waitingFor: 'closing', rule };
      case 'last_closing':
        if (facts.closedOn && facts.needEnded && !facts.openMatter) return until(facts.closedOn, rule.years);
        return { kind: 'running', waitingFor: 'last_closing', rule };
      case 'birth':
        if (facts.birthDate) return until(facts.birthDate, rule.years);
        return { kind: 'running', waitingFor: 'birth', rule };
      case 'document':
        if (facts.documentDate) return until(facts.documentDate, rule.years);
        return { kind: 'running', waitingFor: 'document', rule };
      case 'decision_end':
        if (facts.decisionEndsOn) return until(facts.decisionEndsOn, rule.years);
        return { kind: 'running', waitingFor: 'decision_end', rule };
    }
  })();
  return facts.legalHold ? { kind: 'held', underlying: base } : base;
}

/** Whether a record is due for the destruction list on a day: its retention ran out before the day, and nothing holds it. */
export function dueForDestruction(r: Retention, on: LocalDate): boolean {
  return r.kind === 'until' && compareLocalDates(r.destroyAfter, on) < 0;
}

/** The first day a record may be put on a destruction list (the day after its destroy-after date). */
export function firstDestructionDay(r: Retention): LocalDate | null {
  return r.kind === 'until' ? addDays(r.destroyAfter, 1) : null;
}

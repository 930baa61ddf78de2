import { addDays, addMonths, compareLocalDates, dateParts, isWorkingDay, localDateFromParts, type LocalDate, type WorkingDayMode } from './calendar';
import { dueDate, type DeadlineRule } from './deadlines';

/**
 * Child welfare (lastensuojelu, LSL 417/2007): its statutory deadlines as rules of the case kernel, the
 * caseload limit of the responsible social worker, and the end of the after-care obligation by the law in force
 * (rules.md §2.1, §2.4). Every date here is a Europe/Helsinki calendar date.
 */

/** The deadlines of a child welfare matter, by the kind the server keeps them under (`child_welfare.<key>`). */
export const CHILD_WELFARE_DEADLINES = {
  /** LSL 26 § 2 mom: assess the urgency at once (the day of receipt, or the next working day when it came on a day off) */
  urgency: { legalBasis: 'LSL 26 § 2 mom', rule: { kind: 'immediately' } },
  /** LSL 26 § 3 mom: decide whether to start the service-need assessment by the 7th working day after receipt */
  assessment_start: { legalBasis: 'LSL 26 § 3 mom', rule: { kind: 'working_days', days: 7 } },
  /** SHL 36 §, LSL 26 § 5 mom: complete the assessment within 3 months of the matter becoming pending (not rolled forward) */
  assessment_complete: { legalBasis: 'SHL 36 § 3 mom, LSL 26 § 5 mom', rule: { kind: 'months', months: 3 } },
  /** LSL 38 §: an urgent placement lasts at most 30 days, the day of placement being day 1 */
  urgent_placement: { legalBasis: 'LSL 38 §', rule: { kind: 'period_day', day: 30 } },
  /** LSL 38 a §: one extension by another official, at most 30 days more: day 60 of the same period */
  urgent_placement_extended: { legalBasis: 'LSL 38 a §', rule: { kind: 'period_day', day: 60 } },
  /** LSL 30 §: the client plan reviewed as needed, at least once a year (⚠️ annual wording not seen verbatim) */
  plan_review: { legalBasis: 'LSL 30 §', rule: { kind: 'months', months: 12 } },
} as const satisfies Record<string, { legalBasis: string; rule: DeadlineRule | { kind: 'immediately' } }>;

export type ChildWelfareDeadlineKey = keyof typeof CHILD_WELFARE_DEADLINES;

/**
 * The day the urgency of a notification must be assessed: "at once" (LSL 26 § 2 mom) — the day it was received,
 * or the next working day when it arrived on a weekend, a holiday (or, in administrative mode, an eve). An urgent
 * matter is acted on at once whatever the day; this date is what the worklist holds the unit to.
 */
export function urgencyDue(receivedOn: LocalDate, mode: WorkingDayMode = 'strict'): LocalDate {
  let day = receivedOn;
  while (!isWorkingDay(day, mode)) day = addDays(day, 1);
  return day;
}

/** The due date of a child welfare deadline that starts on `start` (receipt, placement, plan made). */
export function childWelfareDue(key: ChildWelfareDeadlineKey, start: LocalDate, mode: WorkingDayMode = 'strict'): LocalDate {
  const r: DeadlineRule | { kind: 'immediately' } = CHILD_WELFARE_DEADLINES[key].rule;
  return r.kind === 'immediately' ? urgencyDue(start, mode) : dueDate(r, start, mode);
}

/** The day a person turns `years` old (born on 29 February: 1 March in a common year). */
export function birthdayAt(birthDate: LocalDate, years: number): LocalDate {
  const { year, month, day } = dateParts(birthDate);
  return localDateFromParts(year + years, month, day) ?? addDays(localDateFromParts(year + years, month, day - 1)!, 1);
}

/**
 * The statutory maximum of children per responsible social worker (LSL 13 b §) on a day: 35 in 2022–2023, 30 from
 * 1.1.2024; none before 2022.
 */
export function caseloadMaximum(on: LocalDate): number | null {
  if (compareLocalDates(on, '2024-01-01' as LocalDate) >= 0) return 30;
  if (compareLocalDates(on, '2022-01-01' as LocalDate) >= 0) return 35;
  return null;
}

/** What the after-care end follows: the law in force, named in the client's documents. */
export type AfterCareLaw =
  /** before 1.1.2020: ends at 21 */
  | 'age_21'
  /** LSL 75 § as amended 542/2019, 1.1.2020–31.12.2023: ends at 25 */
  | 'age_25'
  /** LSL 75 § as amended by HE 56/2023, from 1.1.2024: ends at 23 */
  | 'age_23'
  /** the transition of the 2024 amendment: a young person 23 or older on 1.1.2024 kept after-care six months (⚠️ verify the wording) */
  | 'transition_2024';

const LAW_2020 = '2020-01-01' as LocalDate;
const LAW_2024 = '2024-01-01' as LocalDate;
const TRANSITION_2024_END = '2024-06-30' as LocalDate;

/**
 * The day the municipality's after-care obligation ends at the latest (LSL 75 §), by the law in force on the way:
 * under the law before 2020 the young person turned 21 before 1.1.2020 → their 21st birthday; turned 25 before
 * 1.1.2024 → their 25th birthday; under 23 on 1.1.2024 → their 23rd birthday; 23 or older (but not yet 25) on
 * 1.1.2024 → the end of the six-month transition (30.6.2024) or the 25th birthday if sooner. The obligation ends
 * on the returned day (the birthday itself), so after-care measures may run up to the day before.
 */
export function afterCareEnd(birthDate: LocalDate): { endsOn: LocalDate; law: AfterCareLaw } {
  const at21 = birthdayAt(birthDate, 21);
  if (compareLocalDates(at21, LAW_2020) < 0) return { endsOn: at21, law: 'age_21' };
  const at25 = birthdayAt(birthDate, 25);
  if (compareLocalDates(at25, LAW_2024) < 0) return { endsOn: at25, law: 'age_25' };
  const at23 = birthdayAt(birthDate, 23);
  if (compareLocalDates(at23, LAW_2024) >= 0) return { endsOn: at23, law: 'age_23' };
  return compareLocalDates(at25, TRANSITION_2024_END) < 0 ? { endsOn: at25, law: 'age_25' } : { endsOn: TRANSITION_2024_END, law: 'transition_2024' };
}

/**
 * Whether a young person is entitled to after-care on a day (LSL 75 §): after substitute care (a care order, or an
 * urgent placement that ended in care), or after an open-care placement of the child alone that lasted at least six
 * months, and only until the obligation ends. `afterCareStartedOn` is the day the placement ended.
 */
export function afterCareEligible(
  input: { birthDate: LocalDate; endedPlacement: { kind: 'substitute_care' | 'open_care_placement'; startedOn: LocalDate; endedOn: LocalDate } },
  on: LocalDate,
): { eligible: boolean; endsOn: LocalDate; law: AfterCareLaw; reason: 'eligible' | 'too_short' | 'ended' | 'not_yet' } {
  const { endsOn, law } = afterCareEnd(input.birthDate);
  const p = input.endedPlacement;
  if (p.kind === 'open_care_placement' && compareLocalDates(addMonths(p.startedOn, 6), addDays(p.endedOn, 1)) > 0) {
    return { eligible: false, endsOn, law, reason: 'too_short' };
  }
  if (compareLocalDates(on, p.endedOn) <= 0) return { eligible: false, endsOn, law, reason: 'not_yet' };
  if (compareLocalDates(on, endsOn) >= 0) return { eligible: false, endsOn, law, reason: 'ended' };
  return { eligible: true, endsOn, law, reason: 'eligible' };
}

/** Who reported: reporter types of the notifications register (THL's categories, LSL 25 §). */
export const NOTIFICATION_REPORTER_TYPES = [
  'school',
  'day_care',
  'health_care',
  'police',
  'social_services',
  'emergency_services',
  'prosecution_or_court',
  'other_authority',
  'parent',
  'relative',
  'private_person',
  'child',
  'anonymous',
  'other',
] as const;
export type NotificationReporterType = (typeof NOTIFICATION_REPORTER_TYPES)[number];

/** Reporters who act in an official capacity: under the duty to report (LSL 25 §), and who must identify themselves. */
const OFFICIAL_REPORTERS: ReadonlySet<NotificationReporterType> = new Set(['school', 'day_care', 'health_care', 'police', 'social_services', 'emergency_services', 'prosecution_or_court', 'other_authority']);

export function reporterIsOfficial(type: NotificationReporterType): boolean {
  return OFFICIAL_REPORTERS.has(type);
}

/** How a matter became pending (LSL 26 §): a notification, an anticipatory one before birth, a request for assessment, other. */
export const NOTIFICATION_KINDS = ['notification', 'anticipatory', 'assessment_request', 'other'] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** Whether a kind starts the 7-working-day and 3-month deadlines for the children it names (an anticipatory one concerns a child not yet born). */
export function startsAssessmentDeadlines(kind: NotificationKind): boolean {
  return kind !== 'anticipatory';
}

/**
 * Open-care support measures (avohuollon tukitoimet, LSL 36 §) — the open-care placement of the child alone or with
 * a parent among them (LSL 37 §) — and after-care measures (jälkihuollon tukitoimet, LSL 76 §): the codes a decision
 * on them names. THL's lastensuojelurekisteri counts open-care clients and placements by these.
 */
export const OPEN_CARE_MEASURES = [
  'family_work',
  'support_person',
  'support_family',
  'family_rehabilitation',
  'peer_group',
  'financial_support',
  'housing_support',
  'school_support',
  'hobby_support',
  'therapy',
  'open_care_placement',
  'other',
] as const;
export type OpenCareMeasure = (typeof OPEN_CARE_MEASURES)[number];

export const AFTER_CARE_MEASURES = [
  'support_person',
  'financial_support',
  'housing_support',
  'supported_housing',
  'education_support',
  'therapy',
  'peer_group',
  'after_care_placement',
  'other',
] as const;
export type AfterCareMeasure = (typeof AFTER_CARE_MEASURES)[number];

/** The measures that place the child or young person somewhere (a placement on the timeline, with its form and place). */
export function measurePlaces(code: OpenCareMeasure | AfterCareMeasure): boolean {
  return code === 'open_care_placement' || code === 'after_care_placement';
}

/** A support measure decision's one outcome from the measures applied for: all granted, some, or none. */
export function supportDecisionOutcome(granted: readonly boolean[]): 'granted' | 'partly_granted' | 'refused' {
  const yes = granted.filter(Boolean).length;
  if (yes === granted.length && yes > 0) return 'granted';
  return yes === 0 ? 'refused' : 'partly_granted';
}

/**
 * Whether an after-care measure for [from, to] fits the young person's after-care (LSL 75 §): entitled on its first
 * day, and ending (to null: until further notice) before the obligation ends — the latest last day is the day
 * before `endsOn`, which the caller shows when refusing.
 */
export function afterCareCovers(
  input: Parameters<typeof afterCareEligible>[0],
  from: LocalDate,
  to: LocalDate | null,
): { ok: true; lastDay: LocalDate } | { ok: false; reason: 'too_short' | 'ended' | 'not_yet' | 'past_end'; lastDay: LocalDate } {
  const e = afterCareEligible(input, from);
  const lastDay = addDays(e.endsOn, -1);
  if (!e.eligible) return { ok: false, reason: e.reason === 'eligible' ? 'not_yet' : e.reason, lastDay };
  if (to !== null && compareLocalDates(to, lastDay) > 0) return { ok: false, reason: 'past_end', lastDay };
  return { ok: true, lastDay };
}

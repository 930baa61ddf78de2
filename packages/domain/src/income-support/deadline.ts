/**
 * Processing deadline of a toimeentulotuki application (käsittelyaika, TTTL 14 a §).
 *
 * @module
 */
import { compareLocalDates, workingDayDeadline, type LocalDate, type WorkingDayMode } from '../calendar';
import type { DeadlineInput } from './types';

/** The latest decision day and the rule that set it. */
export interface IncomeSupportDeadline {
  dueOn: LocalDate;
  rule: 'urgent' | 'seventh_working_day' | 'after_completion';
}

/**
 * The day by which the decision must be made (TTTL 14 a §), counted in arkipäivät by 150/1930 (the day of receipt
 * is not counted; a deadline ending on a day named in 5 § moves to the next working day):
 *
 * - **urgent** (kiireellinen): the same or the next arkipäivä → the latest day is the next working day after
 *   `receivedOn` (received Fri 1.5.2026, vappu → Mon 4.5.2026). An urgent case is decided on the information
 *   available; a request for completion does not extend it.
 * - otherwise **the 7th arkipäivä** after receipt (Wed 1.4.2026 → Tue 14.4.2026 across Easter).
 * - **incomplete application** (täydennyspyyntö): the 7th arkipäivä after the client's answer, or after the
 *   completion deadline `dueOn` if there is no answer (the decision is then made on the information available).
 *   An answer given only after `dueOn` does not move the deadline further: it ran from the lapse. The result is
 *   never earlier than the original 7-day deadline.
 *
 * `mode` is the organisation's working-day counting mode (default strict; see {@link WorkingDayMode}).
 */
export function incomeSupportDeadline(input: DeadlineInput, mode: WorkingDayMode = 'strict'): IncomeSupportDeadline {
  if (input.urgent) return { dueOn: workingDayDeadline(input.receivedOn, 1, mode), rule: 'urgent' };
  const original = workingDayDeadline(input.receivedOn, 7, mode);
  const completion = input.completion;
  if (!completion) return { dueOn: original, rule: 'seventh_working_day' };
  const answered = completion.answeredOn ?? null;
  const from = answered !== null && compareLocalDates(answered, completion.dueOn) < 0 ? answered : completion.dueOn;
  const afterCompletion = workingDayDeadline(from, 7, mode);
  return compareLocalDates(afterCompletion, original) < 0
    ? { dueOn: original, rule: 'seventh_working_day' }
    : { dueOn: afterCompletion, rule: 'after_completion' };
}

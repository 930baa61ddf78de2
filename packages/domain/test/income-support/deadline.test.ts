import { describe, expect, it } from 'vitest';
import { addDays, incomeSupportDeadline, isDeadlineDay, type WorkingDayMode } from '../../src/index';
import data from '../vectors/fi-holidays.json';
import { d } from './fixtures';

const due = (receivedOn: string, urgent = false, mode?: WorkingDayMode) => incomeSupportDeadline({ receivedOn: d(receivedOn), urgent }, mode);

describe('incomeSupportDeadline (TTTL 14 a §)', () => {
  it('§2.4/§9.5: the 7th working day after receipt (strict)', () => {
    expect(due('2026-03-03')).toEqual({ dueOn: '2026-03-12', rule: 'seventh_working_day' });
    expect(due('2025-12-19')).toEqual({ dueOn: '2026-01-02', rule: 'seventh_working_day' }); // Christmas
    expect(due('2026-04-01')).toEqual({ dueOn: '2026-04-14', rule: 'seventh_working_day' }); // Easter
    expect(due('2026-05-11')).toEqual({ dueOn: '2026-05-21', rule: 'seventh_working_day' }); // Ascension
  });

  it('administrative mode skips the eves (Fri 19.12.2025 → Mon 5.1.2026)', () => {
    expect(due('2025-12-19', false, 'administrative').dueOn).toBe('2026-01-05');
  });

  it.each(data.workingDayDeadlineVectors.filter((v) => v.workingDays === 7))('fi-holidays.json vector from $start', (v) => {
    expect(due(v.start, false, 'strict').dueOn).toBe(v.deadlineStrict);
    expect(due(v.start, false, 'administrative').dueOn).toBe(v.deadlineAdministrative);
  });

  it('urgent: the next working day after receipt', () => {
    expect(due('2026-05-01', true)).toEqual({ dueOn: '2026-05-04', rule: 'urgent' }); // Fri vappu → Mon
    expect(due('2026-03-03', true)).toEqual({ dueOn: '2026-03-04', rule: 'urgent' }); // Tue → Wed
    expect(due('2026-04-02', true)).toEqual({ dueOn: '2026-04-07', rule: 'urgent' }); // Maundy Thu → Tue after Easter
    expect(due('2026-03-06', true)).toEqual({ dueOn: '2026-03-09', rule: 'urgent' }); // Fri → Mon
  });

  describe('with a request for completion (täydennyspyyntö)', () => {
    const completion = (answeredOn: string | null, dueOn = '2026-03-16') =>
      incomeSupportDeadline({
        receivedOn: d('2026-03-03'),
        urgent: false,
        completion: { requestedOn: d('2026-03-05'), dueOn: d(dueOn), answeredOn: answeredOn === null ? null : d(answeredOn) },
      });

    it('the 7th working day after the answer', () => {
      expect(completion('2026-03-10')).toEqual({ dueOn: '2026-03-19', rule: 'after_completion' });
    });

    it('without an answer, the 7th working day after the completion deadline (decided on the information available)', () => {
      expect(completion(null)).toEqual({ dueOn: '2026-03-25', rule: 'after_completion' });
      expect(
        incomeSupportDeadline({ receivedOn: d('2026-03-03'), urgent: false, completion: { requestedOn: d('2026-03-05'), dueOn: d('2026-03-16') } }),
      ).toEqual({ dueOn: '2026-03-25', rule: 'after_completion' });
    });

    it('a late answer does not move the deadline past the one counted from the completion deadline', () => {
      expect(completion('2026-03-20')).toEqual({ dueOn: '2026-03-25', rule: 'after_completion' });
    });

    it('counts across Easter 2026', () => {
      expect(completion('2026-04-01', '2026-04-10')).toEqual({ dueOn: '2026-04-14', rule: 'after_completion' });
    });

    it('is never earlier than the original deadline', () => {
      expect(completion('2026-03-02')).toEqual({ dueOn: '2026-03-12', rule: 'seventh_working_day' });
    });

    it('does not extend an urgent case', () => {
      expect(
        incomeSupportDeadline({ receivedOn: d('2026-03-03'), urgent: true, completion: { requestedOn: d('2026-03-03'), dueOn: d('2026-03-10'), answeredOn: null } }),
      ).toEqual({ dueOn: '2026-03-04', rule: 'urgent' });
    });
  });

  it('is on a working day after receipt, never on an eve, on every receipt day of 2024–2026', () => {
    for (let day = d('2024-01-01'); day <= '2026-12-31'; day = addDays(day, 1)) {
      for (const urgent of [false, true]) {
        const { dueOn } = due(day, urgent);
        expect(dueOn > day).toBe(true);
        expect(isDeadlineDay(dueOn)).toBe(true);
      }
    }
  });
});

import { describe, expect, it } from 'vitest';
import {
  afterCareCovers,
  afterCareEligible,
  afterCareEnd,
  birthdayAt,
  caseloadMaximum,
  childWelfareDue,
  localDate,
  measurePlaces,
  reporterIsOfficial,
  startsAssessmentDeadlines,
  supportDecisionOutcome,
  urgencyDue,
} from '../src/index';
import holidays from './vectors/fi-holidays.json';

const d = localDate;

describe('child welfare deadlines (rules.md §2.4)', () => {
  it('decides on starting the assessment by the 7th working day, in both modes', () => {
    expect(childWelfareDue('assessment_start', d('2026-03-03'))).toBe('2026-03-12');
    expect(childWelfareDue('assessment_start', d('2025-12-19'))).toBe('2026-01-02');
    expect(childWelfareDue('assessment_start', d('2025-12-19'), 'administrative')).toBe('2026-01-05');
    expect(childWelfareDue('assessment_start', d('2026-04-01'))).toBe('2026-04-14');
    expect(childWelfareDue('assessment_start', d('2026-05-11'))).toBe('2026-05-21');
  });

  it('agrees with every 7-working-day vector of the holiday file', () => {
    const vectors = holidays.workingDayDeadlineVectors.filter((v) => v.workingDays === 7);
    expect(vectors.length).toBeGreaterThan(3);
    for (const v of vectors) {
      expect(childWelfareDue('assessment_start', d(v.start)), v.start).toBe(v.deadlineStrict);
      expect(childWelfareDue('assessment_start', d(v.start), 'administrative'), v.start).toBe(v.deadlineAdministrative);
    }
  });

  it('completes the assessment within 3 months on the same-numbered day or the month\'s last, never rolled forward', () => {
    expect(childWelfareDue('assessment_complete', d('2025-11-30'))).toBe('2026-02-28');
    // 3.10.2026 + 3 months = Sunday 3.1.2027: not moved to Monday (the authority gains no days)
    expect(childWelfareDue('assessment_complete', d('2026-10-03'))).toBe('2027-01-03');
  });

  it('ends an urgent placement on day 30 counting the placement day, and its one extension on day 60', () => {
    expect(childWelfareDue('urgent_placement', d('2026-03-10'))).toBe('2026-04-08');
    expect(childWelfareDue('urgent_placement_extended', d('2026-03-10'))).toBe('2026-05-08');
  });

  it('reviews the client plan at least yearly', () => {
    expect(childWelfareDue('plan_review', d('2025-03-15'))).toBe('2026-03-15');
  });

  it('assesses urgency the day of receipt, or the next working day after a weekend or holiday', () => {
    expect(urgencyDue(d('2026-03-03'))).toBe('2026-03-03');
    expect(urgencyDue(d('2026-04-03'))).toBe('2026-04-07'); // Good Friday → Easter Monday → Tuesday
    expect(childWelfareDue('urgency', d('2026-12-05'))).toBe('2026-12-07'); // Saturday, 6.12 Sunday
    expect(urgencyDue(d('2026-12-24'))).toBe('2026-12-24');
    expect(urgencyDue(d('2026-12-24'), 'administrative')).toBe('2026-12-28');
  });
});

describe('caseload maximum (LSL 13 b §)', () => {
  it('is 35 children in 2022–2023, 30 from 2024, none before', () => {
    expect(caseloadMaximum(d('2021-12-31'))).toBeNull();
    expect(caseloadMaximum(d('2022-01-01'))).toBe(35);
    expect(caseloadMaximum(d('2023-12-31'))).toBe(35);
    expect(caseloadMaximum(d('2024-01-01'))).toBe(30);
  });
});

describe('after-care end by the law in force (LSL 75 §)', () => {
  it('turns 21 before 2020: ends at 21', () => {
    expect(afterCareEnd(d('1998-12-31'))).toEqual({ endsOn: '2019-12-31', law: 'age_21' });
  });

  it('under 21 on 1.1.2020: kept by the 2020 law until the 2024 one (nobody reached 25 before it)', () => {
    expect(afterCareEnd(d('1999-01-01'))).toEqual({ endsOn: '2024-01-01', law: 'age_25' });
    expect(afterCareEnd(d('1999-06-15'))).toEqual({ endsOn: '2024-06-15', law: 'age_25' });
  });

  it('under 23 on 1.1.2024: ends at 23', () => {
    expect(afterCareEnd(d('2001-01-01'))).toEqual({ endsOn: '2024-01-01', law: 'age_23' });
    expect(afterCareEnd(d('2005-03-20'))).toEqual({ endsOn: '2028-03-20', law: 'age_23' });
  });

  it('23 or older but not 25 on 1.1.2024: the six-month transition, or the 25th birthday if sooner', () => {
    expect(afterCareEnd(d('2000-05-05'))).toEqual({ endsOn: '2024-06-30', law: 'transition_2024' });
    expect(afterCareEnd(d('1999-03-01'))).toEqual({ endsOn: '2024-03-01', law: 'age_25' });
  });

  it('counts a birthday on 29 February as 1 March in a common year', () => {
    expect(birthdayAt(d('2004-02-29'), 23)).toBe('2027-03-01');
    expect(birthdayAt(d('2004-02-29'), 24)).toBe('2028-02-29');
  });

  it('gives after-care after substitute care, and after an open-care placement only of six months or more', () => {
    const birthDate = d('2008-04-10');
    const sub = { kind: 'substitute_care' as const, startedOn: d('2020-01-01'), endedOn: d('2026-04-09') };
    expect(afterCareEligible({ birthDate, endedPlacement: sub }, d('2026-05-01'))).toMatchObject({ eligible: true, endsOn: '2031-04-10', law: 'age_23' });
    expect(afterCareEligible({ birthDate, endedPlacement: sub }, d('2031-04-10'))).toMatchObject({ eligible: false, reason: 'ended' });
    expect(afterCareEligible({ birthDate, endedPlacement: sub }, d('2026-04-09'))).toMatchObject({ eligible: false, reason: 'not_yet' });
    const open = (endedOn: string) => ({ kind: 'open_care_placement' as const, startedOn: d('2025-10-01'), endedOn: d(endedOn) });
    expect(afterCareEligible({ birthDate, endedPlacement: open('2026-03-30') }, d('2026-05-01'))).toMatchObject({ eligible: false, reason: 'too_short' });
    expect(afterCareEligible({ birthDate, endedPlacement: open('2026-03-31') }, d('2026-05-01'))).toMatchObject({ eligible: true });
  });

  it('fits after-care measures between the end of the placement and the day before the obligation ends', () => {
    const input = { birthDate: d('2008-04-10'), endedPlacement: { kind: 'substitute_care' as const, startedOn: d('2020-01-01'), endedOn: d('2026-04-09') } };
    expect(afterCareCovers(input, d('2026-05-01'), d('2031-04-09'))).toEqual({ ok: true, lastDay: '2031-04-09' });
    expect(afterCareCovers(input, d('2026-05-01'), null)).toEqual({ ok: true, lastDay: '2031-04-09' });
    expect(afterCareCovers(input, d('2026-05-01'), d('2031-04-10'))).toEqual({ ok: false, reason: 'past_end', lastDay: '2031-04-09' });
    expect(afterCareCovers(input, d('2026-04-09'), null)).toMatchObject({ ok: false, reason: 'not_yet' });
    expect(afterCareCovers(input, d('2031-04-10'), null)).toMatchObject({ ok: false, reason: 'ended' });
    // a young person born in 2000 turned 23 before 2024 and kept after-care to the end of the transition (30.6.2024)
    const older = { birthDate: d('2000-09-01'), endedPlacement: { kind: 'substitute_care' as const, startedOn: d('2015-01-01'), endedOn: d('2018-09-01') } }
    expect(afterCareCovers(older, d('2024-02-01'), d('2024-06-29'))).toMatchObject({ ok: true, lastDay: '2024-06-29' });
    expect(afterCareCovers(older, d('2024-02-01'), d('2024-06-30'))).toMatchObject({ ok: false, reason: 'past_end' });
  });
});

describe('support measures (LSL 36–37 §, 76 §)', () => {
  it('derives one outcome from the measures granted', () => {
    expect(supportDecisionOutcome([true, true])).toBe('granted');
    expect(supportDecisionOutcome([true, false])).toBe('partly_granted');
    expect(supportDecisionOutcome([false])).toBe('refused');
    expect(supportDecisionOutcome([])).toBe('refused');
  });

  it('knows which measures place the child on the timeline', () => {
    expect(measurePlaces('open_care_placement')).toBe(true);
    expect(measurePlaces('after_care_placement')).toBe(true);
    expect(measurePlaces('family_work')).toBe(false);
  });
});

describe('notifications', () => {
  it('holds officials to identify themselves, and starts no assessment deadlines for an anticipatory notification', () => {
    expect(reporterIsOfficial('school')).toBe(true);
    expect(reporterIsOfficial('police')).toBe(true);
    expect(reporterIsOfficial('private_person')).toBe(false);
    expect(reporterIsOfficial('child')).toBe(false);
    expect(startsAssessmentDeadlines('notification')).toBe(true);
    expect(startsAssessmentDeadlines('anticipatory')).toBe(false);
  });
});

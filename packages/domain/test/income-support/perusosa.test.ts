import { describe, expect, it } from 'vitest';
import { ageOn, perusosaCategories, sanctionReductionPercent, type HouseholdMember } from '../../src/index';
import { d } from './fixtures';

const m = (id: string, role: HouseholdMember['role'], birthDate: string): HouseholdMember => ({ id, role, birthDate: d(birthDate) });
const categories = (members: HouseholdMember[], on = '2026-03-01') =>
  Object.fromEntries(perusosaCategories(members, d(on)).map((a) => [a.memberId, a.category]));

describe('perusosaCategories (TTTL 9 §)', () => {
  it('applicant alone → single; with a spouse → adult_other for both', () => {
    expect(categories([m('A', 'applicant', '1980-01-01')])).toEqual({ A: 'single' });
    expect(categories([m('A', 'applicant', '1980-01-01'), m('S', 'spouse', '1982-01-01')])).toEqual({ A: 'adult_other', S: 'adult_other' });
  });

  it('applicant with minor children and no spouse → single_parent; with a spouse → adult_other', () => {
    expect(categories([m('A', 'applicant', '1980-01-01'), m('K', 'child', '2015-01-01')])).toEqual({ A: 'single_parent', K: 'child_10_17_1' });
    expect(categories([m('A', 'applicant', '1980-01-01'), m('S', 'spouse', '1980-01-01'), m('K', 'child', '2020-01-01')])).toEqual({
      A: 'adult_other',
      S: 'adult_other',
      K: 'child_under_10_1',
    });
  });

  it('a parent living only with an 18+ child gets the single rate (TTTL 9 § 2 mom)', () => {
    const [parent, child] = perusosaCategories([m('A', 'applicant', '1960-01-01'), m('C', 'adult_child', '2005-01-01')], d('2026-03-01'));
    expect(parent).toMatchObject({ category: 'single', reason: 'parent_with_adult_child', rule: 'TTTL 9 § 2 mom' });
    expect(child).toMatchObject({ category: 'adult_with_parents', reason: 'adult_with_parents' });
    // with a minor sibling too the parent is a single parent
    expect(categories([m('A', 'applicant', '1960-01-01'), m('C', 'adult_child', '2005-01-01'), m('K', 'child', '2012-01-01')])).toEqual({
      A: 'single_parent',
      C: 'adult_with_parents',
      K: 'child_10_17_1',
    });
  });

  it('a "child" already 18 at the period start is treated as an 18+ child living with the parents', () => {
    const result = perusosaCategories([m('A', 'applicant', '1970-01-01'), m('K', 'child', '2008-03-01'), m('L', 'child', '2010-01-01')], d('2026-03-01'));
    expect(result.map((a) => [a.memberId, a.category, a.reason, a.childRank])).toEqual([
      ['A', 'single_parent', 'single_parent', undefined],
      ['K', 'adult_with_parents', 'child_turned_18', undefined],
      ['L', 'child_10_17_1', 'minor_child', 1], // the 18-year-old does not take a sibling rank
    ]);
  });

  it('ranks minor children oldest first; rank picks the column, the own age picks 10–17 or under 10', () => {
    const members = [
      m('A', 'applicant', '1980-01-01'),
      m('youngest', 'child', '2022-05-05'),
      m('middle', 'child', '2017-01-01'),
      m('eldest', 'child', '2011-01-01'),
      m('fourth', 'child', '2024-01-01'),
    ];
    const result = perusosaCategories(members, d('2026-03-01'));
    expect(result.map((a) => [a.memberId, a.category, a.childRank])).toEqual([
      ['A', 'single_parent', undefined],
      ['youngest', 'child_under_10_3', 3],
      ['middle', 'child_under_10_2', 2],
      ['eldest', 'child_10_17_1', 1],
      ['fourth', 'child_under_10_3', 4], // "3rd and each further"
    ]);
  });

  it('twins are ranked by id, whatever their order in the input', () => {
    const twins = [m('t-b', 'child', '2012-06-01'), m('t-a', 'child', '2012-06-01')];
    expect(categories([m('A', 'applicant', '1980-01-01'), ...twins])).toEqual({ A: 'single_parent', 't-a': 'child_10_17_1', 't-b': 'child_10_17_2' });
    expect(categories([m('A', 'applicant', '1980-01-01'), ...twins.reverse()])).toEqual({ A: 'single_parent', 't-a': 'child_10_17_1', 't-b': 'child_10_17_2' });
  });

  it('uses the age at the period start (a tenth birthday later in the month does not count yet)', () => {
    const members = [m('A', 'applicant', '1980-01-01'), m('K', 'child', '2016-03-15')];
    expect(categories(members, '2026-03-01').K).toBe('child_under_10_1');
    expect(categories(members, '2026-03-15').K).toBe('child_10_17_1');
  });
});

describe('ageOn', () => {
  it('counts full years; a 29 February birthday falls on 28 February in a common year', () => {
    expect(ageOn(d('2008-03-01'), d('2026-02-28'))).toBe(17);
    expect(ageOn(d('2008-03-01'), d('2026-03-01'))).toBe(18);
    expect(ageOn(d('2008-02-29'), d('2026-02-27'))).toBe(17);
    expect(ageOn(d('2008-02-29'), d('2026-02-28'))).toBe(18);
    expect(ageOn(d('2008-02-29'), d('2028-02-28'))).toBe(19);
    expect(ageOn(d('2008-02-29'), d('2028-02-29'))).toBe(20);
  });
});

describe('sanctionReductionPercent (TTTL 10 §, from 1.2.2026)', () => {
  it('§9.4: month 1 → 20 %, months 2–6 → 40 %, from month 7 → 0 %', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 12].map((m) => sanctionReductionPercent(m))).toEqual([20, 40, 40, 40, 40, 40, 0, 0, 0]);
    // the schedule is a parameter of the period
    expect([1, 2, 3, 4].map((m) => sanctionReductionPercent(m, { firstMonthPercent: 10, laterPercent: 30, maxMonths: 3 }))).toEqual([10, 30, 30, 0]);
  });

  it('refuses a month that is not a positive integer', () => {
    for (const bad of [0, -1, 1.5, Number.NaN]) expect(() => sanctionReductionPercent(bad)).toThrow(RangeError);
  });
});

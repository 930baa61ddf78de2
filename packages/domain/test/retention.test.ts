import { describe, expect, it } from 'vitest';
import {
  RETENTION_CLASSES,
  RETENTION_RULES_2024,
  dueForDestruction,
  firstDestructionDay,
  inPermanentSample,
  localDate,
  retentionClassOfTask,
  retentionOf,
  retentionRuleOn,
  type RetentionClass,
  type RetentionFacts,
} from '../src/index';

const d = localDate;
const today = d('2026-12-06');
const facts = (retentionClass: RetentionClass, f: Partial<RetentionFacts> = {}): RetentionFacts => ({
  retentionClass,
  birthDate: d('1980-03-15'),
  deathDate: null,
  closedOn: null,
  documentDate: null,
  ...f,
});

describe('the retention table (703/2023 annex, rules.md §3.2)', () => {
  it('has one row in force for every class', () => {
    for (const c of RETENTION_CLASSES) expect(retentionRuleOn(RETENTION_RULES_2024, c, today), c).not.toBeNull();
    // the table applies to older documents as well, but its rows start on 1.1.2024: a record is judged on the day
    expect(retentionRuleOn(RETENTION_RULES_2024, 'child_welfare', d('2023-12-31'))).toBeNull();
  });

  it.each([
    // class, the facts, the day after which the record may be destroyed
    ['client_basic', { deathDate: d('2025-05-31') }, '2027-05-31'],
    ['child_welfare', { deathDate: d('2024-02-29') }, '2026-03-01'],
    ['families_with_children', { closedOn: d('2020-06-30') }, '2050-06-30'],
    ['working_age', { closedOn: d('2016-01-10') }, '2026-01-10'],
    ['older_people', { closedOn: d('2019-11-30') }, '2029-11-30'],
    ['substance_abuse', { closedOn: d('2015-12-31') }, '2025-12-31'],
    ['disability', { closedOn: d('2014-04-01'), needEnded: true }, '2024-04-01'],
    ['child_welfare_notification', { closedOn: d('2018-02-01') }, '2028-02-01'],
    ['family_law_child', { birthDate: d('1907-09-01') }, '2027-09-01'],
    ['family_law_other', { closedOn: d('2012-12-12') }, '2022-12-12'],
    ['vouchers', { documentDate: d('2023-03-01') }, '2026-03-01'],
    ['client_fee_decisions', { decisionEndsOn: d('2014-07-31') }, '2026-07-31'],
  ] as [RetentionClass, Partial<RetentionFacts>, string][])('%s: may be destroyed after %s', (c, f, destroyAfter) => {
    const r = retentionOf(facts(c, f), RETENTION_RULES_2024, today);
    expect(r).toMatchObject({ kind: 'until', destroyAfter, fallback: false });
    expect(dueForDestruction(r, today)).toBe(destroyAfter < today);
    expect(firstDestructionDay(r)).not.toBeNull();
  });

  it('judges a record by the row in force on the day: a later row of a class takes over from its first day', () => {
    const changed = [
      ...RETENTION_RULES_2024.filter((r) => r.retentionClass !== 'working_age'),
      { ...RETENTION_RULES_2024.find((r) => r.retentionClass === 'working_age')!, validUntil: d('2029-12-31') },
      { retentionClass: 'working_age' as const, trigger: 'closing' as const, years: 12, validFrom: d('2030-01-01'), validUntil: null, legalSource: 'Laki 999/2029 (testi)' },
    ];
    const f = facts('working_age', { closedOn: d('2019-05-31') });
    expect(retentionOf(f, changed, d('2029-12-31'))).toMatchObject({ kind: 'until', destroyAfter: '2029-05-31', rule: { years: 10 } });
    expect(retentionOf(f, changed, d('2030-01-01'))).toMatchObject({ kind: 'until', destroyAfter: '2031-05-31', rule: { years: 12, legalSource: 'Laki 999/2029 (testi)' } });
    // a death registered after the fallback date was used replaces the fallback
    const basic = facts('client_basic', { birthDate: d('1900-02-02') });
    expect(retentionOf(basic, RETENTION_RULES_2024, today)).toMatchObject({ kind: 'until', destroyAfter: '2020-02-02', fallback: true });
    expect(retentionOf({ ...basic, deathDate: d('2025-12-24') }, RETENTION_RULES_2024, today)).toMatchObject({ kind: 'until', destroyAfter: '2027-12-24', fallback: false });
  });

  it('keeps the record while the event has not happened', () => {
    expect(retentionOf(facts('child_welfare'), RETENTION_RULES_2024, today)).toMatchObject({ kind: 'running', waitingFor: 'death' });
    expect(retentionOf(facts('working_age'), RETENTION_RULES_2024, today)).toMatchObject({ kind: 'running', waitingFor: 'closing' });
    // disability: closed, but the need for the service has not ended
    expect(retentionOf(facts('disability', { closedOn: d('2010-01-01') }), RETENTION_RULES_2024, today)).toMatchObject({ kind: 'running', waitingFor: 'last_closing' });
  });

  it('restarts the period when a new matter of the task is opened after the closing', () => {
    const closed = facts('working_age', { closedOn: d('2014-01-01') });
    expect(dueForDestruction(retentionOf(closed, RETENTION_RULES_2024, today), today)).toBe(true);
    expect(retentionOf({ ...closed, openMatter: true }, RETENTION_RULES_2024, today)).toMatchObject({ kind: 'running' });
    // closed again later: counted from the new closing
    expect(retentionOf({ ...closed, closedOn: d('2025-02-01') }, RETENTION_RULES_2024, today)).toMatchObject({ destroyAfter: '2035-02-01' });
  });

  it('moves a death-triggered record from running to a date when the death is registered', () => {
    const alive = facts('client_basic', { birthDate: d('1950-01-02') });
    expect(retentionOf(alive, RETENTION_RULES_2024, today).kind).toBe('running');
    expect(retentionOf({ ...alive, deathDate: d('2026-10-01') }, RETENTION_RULES_2024, today)).toMatchObject({ kind: 'until', destroyAfter: '2028-10-01' });
  });

  it('falls back to 120 years from birth when the death is not known, once that has run out', () => {
    expect(retentionOf(facts('child_welfare', { birthDate: d('1905-01-01') }), RETENTION_RULES_2024, today)).toMatchObject({ kind: 'until', destroyAfter: '2025-01-01', fallback: true });
    expect(retentionOf(facts('child_welfare', { birthDate: d('1910-01-01') }), RETENTION_RULES_2024, today)).toMatchObject({ kind: 'running', waitingFor: 'death' });
  });
});

describe('permanent preservation (rules.md §3.3)', () => {
  it('keeps the records of clients born on the 8th, 18th and 28th day for good', () => {
    for (const day of ['08', '18', '28']) expect(inPermanentSample(d(`1970-02-${day}`))).toBe(true);
    for (const day of ['07', '09', '19', '29', '01', '30']) expect(inPermanentSample(d(`1972-01-${day}`))).toBe(false);
    expect(inPermanentSample(null)).toBe(false);
    const sampled = retentionOf(facts('working_age', { birthDate: d('1980-03-18'), closedOn: d('2000-01-01') }), RETENTION_RULES_2024, today);
    expect(sampled).toEqual({ kind: 'permanent', reason: 'sample' });
    expect(dueForDestruction(sampled, today)).toBe(false);
  });

  it('keeps document types an archiving order names', () => {
    expect(retentionOf(facts('working_age', { closedOn: d('2000-01-01'), archiveOrdered: true }), RETENTION_RULES_2024, today)).toEqual({ kind: 'permanent', reason: 'archive_order' });
  });

  it('never offers a record on legal hold for destruction', () => {
    const held = retentionOf(facts('working_age', { closedOn: d('2000-01-01'), legalHold: true }), RETENTION_RULES_2024, today);
    expect(held).toMatchObject({ kind: 'held', underlying: { kind: 'until', destroyAfter: '2010-01-01' } });
    expect(dueForDestruction(held, today)).toBe(false);
  });
});

describe('service tasks to retention classes', () => {
  it('maps every service task of the system', () => {
    expect(retentionClassOfTask('child_welfare')).toBe('child_welfare');
    expect(retentionClassOfTask('income_support')).toBe('working_age');
    expect(retentionClassOfTask('family_services')).toBe('families_with_children');
    expect(retentionClassOfTask('child_maintenance')).toBe('family_law_child');
    expect(retentionClassOfTask('unknown')).toBeNull();
  });
});

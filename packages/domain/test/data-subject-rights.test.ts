import { describe, expect, it } from 'vitest';
import { extensionProblem, groundsFor, localDate, RIGHTS_REQUEST_KINDS, REFUSAL_GROUND_LAW, rightsDueDate, rightsMaxExtension, rightsOutcome } from '../src/index';

const d = localDate;

describe("the client's requests about their data (GDPR Art. 12(3))", () => {
  it('are due one month after receipt, the month-end rule included', () => {
    expect(rightsDueDate(d('2026-03-15'))).toBe('2026-04-15');
    expect(rightsDueDate(d('2026-01-31'))).toBe('2026-02-28');
    expect(rightsDueDate(d('2028-01-31'))).toBe('2028-02-29');
    expect(rightsDueDate(d('2026-12-20'))).toBe('2027-01-20');
    expect(rightsMaxExtension(d('2026-03-15'))).toBe('2026-06-15');
  });

  it('may be extended once by at most two months, told within the first month', () => {
    const r = { receivedOn: d('2026-03-15'), extendedTo: null };
    expect(extensionProblem(r, d('2026-06-15'), d('2026-04-15'))).toBeNull();
    expect(extensionProblem(r, d('2026-06-16'), d('2026-04-01'))).toBe('too_late');
    expect(extensionProblem(r, d('2026-04-15'), d('2026-04-01'))).toBe('not_later');
    expect(extensionProblem(r, d('2026-05-15'), d('2026-04-16'))).toBe('notice_late');
    expect(extensionProblem(r, d('2026-05-15'), d('2026-03-14'))).toBe('notice_late');
    expect(extensionProblem({ ...r, extendedTo: d('2026-05-15') }, d('2026-06-15'), d('2026-04-01'))).toBe('already_extended');
  });

  it('refuse on the grounds the law gives for each kind, each ground citing its statute', () => {
    expect(groundsFor('access')).toContain('child_development');
    expect(groundsFor('access')).toContain('others_rights');
    expect(groundsFor('access')).not.toContain('statutory_retention');
    expect(groundsFor('erasure')).toEqual(['statutory_retention', 'unfounded']);
    for (const kind of RIGHTS_REQUEST_KINDS) {
      for (const g of groundsFor(kind)) {
        expect(REFUSAL_GROUND_LAW[g].fi).toMatch(/\d/);
        expect(REFUSAL_GROUND_LAW[g].sv).toMatch(/\d/);
      }
    }
    expect(REFUSAL_GROUND_LAW.child_development.fi).toContain('34 §');
  });

  it('answer granted, partly or refused from the parts', () => {
    expect(rightsOutcome([{ outcome: 'granted' }, { outcome: 'granted' }])).toBe('granted');
    expect(rightsOutcome([{ outcome: 'granted' }, { outcome: 'refused' }])).toBe('partly');
    expect(rightsOutcome([{ outcome: 'refused' }])).toBe('refused');
    expect(() => rightsOutcome([])).toThrow(RangeError);
  });
});

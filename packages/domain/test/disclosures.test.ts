import { describe, expect, it } from 'vitest';
import { banPurposeOf, basisNeedsCitation, consentStanding, localDate } from '../src/index';

const d = localDate;

describe('consents (asiakaslaki 16–17 §, GDPR Art. 7)', () => {
  const consent = { givenOn: d('2026-03-01'), validUntil: d('2026-12-31'), revokedOn: null, serviceTasks: ['adult_social_work', 'income_support'] };
  it('covers a disclosure from a named register between its first and last day', () => {
    expect(consentStanding(consent, { on: d('2026-03-01'), serviceTask: 'income_support' })).toBe('valid');
    expect(consentStanding(consent, { on: d('2026-12-31'), serviceTask: 'adult_social_work' })).toBe('valid');
    expect(consentStanding(consent, { on: d('2027-01-01'), serviceTask: 'adult_social_work' })).toBe('expired');
    expect(consentStanding(consent, { on: d('2026-02-28'), serviceTask: 'adult_social_work' })).toBe('not_yet');
    expect(consentStanding(consent, { on: d('2026-06-01'), serviceTask: 'child_welfare' })).toBe('other_task');
    expect(consentStanding({ ...consent, validUntil: null }, { on: d('2040-01-01'), serviceTask: 'income_support' })).toBe('valid');
  });
  it('stops on the day it is revoked', () => {
    const revoked = { ...consent, revokedOn: d('2026-06-10') };
    expect(consentStanding(revoked, { on: d('2026-06-09'), serviceTask: 'income_support' })).toBe('valid');
    expect(consentStanding(revoked, { on: d('2026-06-10'), serviceTask: 'income_support' })).toBe('revoked');
  });
});

describe('disclosure bases and requesters', () => {
  it('asks for the citation of another act or the research permit', () => {
    expect(basisNeedsCitation('other_act')).toBe(true);
    expect(basisNeedsCitation('research_permit')).toBe(true);
    expect(basisNeedsCitation('client_act_18')).toBe(false);
    expect(basisNeedsCitation('consent')).toBe(false);
  });
  it('knows which requesters a client\'s ban concerns', () => {
    expect(banPurposeOf('genealogy')).toBe('genealogy');
    expect(banPurposeOf('research')).toBe('register_research');
    expect(banPurposeOf('police')).toBeNull();
  });
});

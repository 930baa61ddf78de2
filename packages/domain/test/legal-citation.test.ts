import { describe, expect, it } from 'vitest';
import { CHILD_WELFARE_DEADLINES, legalCitationText } from '../src';

describe('legalCitationText', () => {
  it('keeps the Finnish citation and writes it in Swedish and English', () => {
    expect(legalCitationText('TTTL 14 a §', 'fi')).toBe('TTTL 14 a §');
    expect(legalCitationText('TTTL 14 a §', 'sv')).toBe('Lagen om utkomststöd 14 a §');
    expect(legalCitationText('TTTL 14 a §', 'en')).toBe('Act on Social Assistance s. 14a');
    expect(legalCitationText('LSL 26 § 2 mom', 'sv')).toBe('Barnskyddslagen 26 § 2 mom.');
    expect(legalCitationText('LSL 26 § 2 mom', 'en')).toBe('Child Welfare Act s. 26(2)');
    expect(legalCitationText('SHL 36 § 3 mom, LSL 26 § 5 mom', 'sv')).toBe('Socialvårdslagen 36 § 3 mom., Barnskyddslagen 26 § 5 mom.');
    expect(legalCitationText('SHL 36 § 3 mom, LSL 26 § 5 mom', 'en')).toBe('Social Welfare Act s. 36(3), Child Welfare Act s. 26(5)');
    expect(legalCitationText('LSL 38 a §', 'en')).toBe('Child Welfare Act s. 38a');
  });

  it('returns a citation it does not know as it is', () => {
    expect(legalCitationText('VammaisL 3 §', 'en')).toBe('VammaisL 3 §');
    expect(legalCitationText('kunnan ohje', 'sv')).toBe('kunnan ohje');
  });

  it('knows every legal basis of the child welfare deadlines', () => {
    for (const { legalBasis } of Object.values(CHILD_WELFARE_DEADLINES)) {
      for (const language of ['sv', 'en'] as const) expect(legalCitationText(legalBasis, language)).not.toMatch(/\b(LSL|SHL|TTTL)\b|mom\b(?!\.)/);
    }
  });
});

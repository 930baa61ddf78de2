import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { incomeSupportRuleText } from '../../src/income-support';
import type { DisplayLanguage } from '../../src/display';

describe('incomeSupportRuleText', () => {
  it.each<[string, DisplayLanguage, string]>([
    ['TTTL 9 § 1 mom', 'fi', 'TTTL 9 § 1 mom.'],
    ['TTTL 9 § 1 mom', 'sv', 'Lag om utkomststöd 9 § 1 mom.'],
    ['TTTL 9 § 1 mom', 'en', 'Act on Social Assistance s. 9(1)'],
    ['TTTL 7 a §', 'sv', 'Lag om utkomststöd 7 a §'],
    ['TTTL 7 a §', 'en', 'Act on Social Assistance s. 7a'],
    ['TTTL 7 c §, 13 §', 'en', 'Act on Social Assistance s. 7c, s. 13'],
    ['TTTL 7 c §, 13 §', 'fi', 'TTTL 7 c §, 13 §'],
    ['TTTL 11 § 3 mom (Kela practice)', 'fi', 'TTTL 11 § 3 mom. (Kelan soveltamiskäytäntö)'],
    ['TTTL 11 § 3 mom (Kela practice)', 'sv', 'Lag om utkomststöd 11 § 3 mom. (FPA:s tillämpningspraxis)'],
    ['TTTL 11 § 2 mom (Kela practice)', 'en', "Act on Social Assistance s. 11(2) (Kela's practice)"],
    ['TTTL 11 § (from 1.3.2026)', 'fi', 'TTTL 11 § (1.3.2026 alkaen)'],
    ['TTTL 11 § (from 1.3.2026)', 'sv', 'Lag om utkomststöd 11 § (från 1.3.2026)'],
    ['TTTL 11 § (from 1.3.2026)', 'en', 'Act on Social Assistance s. 11 (from 1 March 2026)'],
  ])('%s in %s reads %s', (rule, lang, expected) => {
    expect(incomeSupportRuleText(rule, lang)).toBe(expected);
  });

  it('returns a citation it does not recognise as it is', () => {
    expect(incomeSupportRuleText('SHL 27 §', 'sv')).toBe('SHL 27 §');
    expect(incomeSupportRuleText('TTTL kohta', 'en')).toBe('TTTL kohta');
  });

  it('translates every ground the engine writes (each literal of its source)', () => {
    const dir = fileURLToPath(new URL('../../src/income-support/', import.meta.url));
    const source = ['calculate.ts', 'perusosa.ts'].map((f) => readFileSync(`${dir}${f}`, 'utf8')).join('\n');
    const rules = [...new Set([...source.matchAll(/'(TTTL [^']+)'/g)].map((m) => m[1]!))];
    expect(rules.length).toBeGreaterThanOrEqual(12);
    for (const rule of rules) {
      expect(incomeSupportRuleText(rule, 'sv'), rule).toMatch(/^Lag om utkomststöd /);
      expect(incomeSupportRuleText(rule, 'en'), rule).toMatch(/^Act on Social Assistance s\. /);
      for (const lang of ['fi', 'sv'] as const) expect(incomeSupportRuleText(rule, lang), rule).not.toMatch(/Kela practice|from \d/);
    }
  });
});

import { composeIBAN, isValidIBAN } from 'ibantools';
import { describe, expect, it } from 'vitest';
import {
  bicForFinnishIban,
  formatIban,
  ibanFromFinnishBban,
  isValidBic,
  isValidFinnishIban,
  validateFinnishIban,
} from '../src/index';
import bicTable from '../src/data/fi-bank-bic.json';
import data from './vectors/iban-fi-vectors.json';
import { prng, randDigits } from './helpers';

const compact = (s: string) => s.replace(/\s+/g, '');
/** Appends the Luhn (2-1) check digit to 13 digits, independently of src/. */
const withLuhn = (d13: string) => {
  for (let c = 0; c <= 9; c++) {
    const digits = d13 + c;
    const sum = [...digits].reverse().reduce((acc, ch, i) => acc + [0, 2, 4, 6, 8, 1, 3, 5, 7, 9][Number(ch)]! * (i % 2) + Number(ch) * (1 - (i % 2)), 0);
    if (sum % 10 === 0) return digits;
  }
  throw new Error('unreachable');
};
const iban = (country: 'FI' | 'AX', bban: string) => composeIBAN({ countryCode: country, bban }) as string;

describe('validateFinnishIban – iban-fi-vectors.json', () => {
  it.each(data.vectors)('$iban → valid $validIban', (v) => {
    const r = validateFinnishIban(v.iban);
    expect(r.ok).toBe(v.validIban);
    if (r.ok) expect(r.value).toBe(compact(v.iban));
    expect(isValidFinnishIban(v.iban)).toBe(v.validIban);
  });

  it.each(data.vectors.filter((v) => v.validIban))('$iban → BIC $derivedBic', (v) => {
    expect(bicForFinnishIban(v.iban)).toMatchObject({ ok: true, value: { bankCode: v.bankCode3, bic: v.derivedBic } });
    if (v.bicStatedBySource && v.bicMatches) expect(v.derivedBic).toBe(v.bicStatedBySource);
  });

  it.each(data.vectors.filter((v) => v.validIban))('$iban prints in groups of four', (v) => {
    const printed = formatIban(v.iban);
    expect(printed).toMatch(/^[A-Z]{2}\d{2}( \d{4}){3} \d{2}$/);
    expect(compact(printed)).toBe(compact(v.iban));
  });

  it('names the failing check', () => {
    expect(validateFinnishIban('FI15 6601 0001 5306 42')).toEqual({ ok: false, error: 'checksum' });
    expect(validateFinnishIban('FI9080002627761348A')).toEqual({ ok: false, error: 'format' });
    expect(validateFinnishIban('DE89370400440532013000')).toEqual({ ok: false, error: 'format' });
    expect(validateFinnishIban('')).toEqual({ ok: false, error: 'format' });
    // mod-97 correct but the account number's own Luhn digit is wrong
    const badLuhn = iban('FI', '12345600000786');
    expect(validateFinnishIban(badLuhn)).toEqual({ ok: false, error: 'national_checksum' });
  });

  it('accepts Åland (AX), lower case and any spacing', () => {
    expect(validateFinnishIban(iban('AX', '12345600000785'))).toEqual({ ok: true, value: 'AX2112345600000785' });
    expect(validateFinnishIban(' fi21 1234 5600 0007 85 ')).toEqual({ ok: true, value: 'FI2112345600000785' });
    expect(formatIban('fi2112345600000785')).toBe('FI21 1234 5600 0007 85');
    expect(() => formatIban('FI2112345600000786')).toThrow(RangeError);
  });

  it('property: random Luhn-valid BBANs validate as FI and AX; a changed digit fails', () => {
    const rnd = prng(97);
    for (let i = 0; i < 500; i++) {
      const bban = withLuhn(randDigits(rnd, 13));
      for (const country of ['FI', 'AX'] as const) {
        const value = iban(country, bban);
        expect(validateFinnishIban(value)).toEqual({ ok: true, value });
        const pos = 4 + (i % 14);
        const changed = value.slice(0, pos) + ((Number(value[pos]) + 1 + (i % 9)) % 10) + value.slice(pos + 1);
        expect(isValidFinnishIban(changed)).toBe(false);
      }
    }
  });

  it('property: the mod-97 verdict agrees with ibantools for any check digits (the national check kept apart)', () => {
    const rnd = prng(1097);
    let valid = 0;
    for (let i = 0; i < 3000; i++) {
      const bban = withLuhn(randDigits(rnd, 13));
      const country = i % 2 ? 'AX' : 'FI';
      const candidate = `${country}${randDigits(rnd, 2)}${bban}`;
      const result = validateFinnishIban(candidate);
      expect(result.ok ? 'ok' : result.error).toBe(isValidIBAN(candidate) ? 'ok' : 'checksum');
      if (result.ok) valid++;
    }
    expect(valid).toBeGreaterThan(10); // about 1 in 97 random check digits is right
  });
});

describe('bicForFinnishIban', () => {
  it('reports unknown and retired bank codes instead of undefined', () => {
    expect(bicForFinnishIban(iban('FI', withLuhn('9000000000001')))).toEqual({ ok: false, error: 'unknown_bank_code' });
    expect(bicForFinnishIban(iban('FI', withLuhn('3130000000001')))).toEqual({ ok: false, error: 'retired_bank_code' });
    expect(bicForFinnishIban(iban('FI', withLuhn('7980000000001')))).toEqual({ ok: false, error: 'retired_bank_code' });
    expect(bicForFinnishIban('FI2112345600000786')).toEqual({ ok: false, error: 'invalid_iban' });
  });

  it('agrees with the flat lookupTable3Digit for every code 000–999', () => {
    const table: Record<string, string> = bicTable.lookupTable3Digit;
    for (let code = 0; code <= 999; code++) {
      const c = String(code).padStart(3, '0');
      const r = bicForFinnishIban(iban('FI', withLuhn(`${c}0000000000`)));
      expect(r.ok ? r.value.bic : undefined).toBe(table[c]);
    }
  });

  it('maps the main ranges of integrations.md §4', () => {
    const bic = (code: string) => {
      const r = bicForFinnishIban(iban('FI', withLuhn(`${code}1234567890`)));
      return r.ok ? r.value.bic : r.error;
    };
    expect([bic('100'), bic('299'), bic('330'), bic('345'), bic('899'), bic('365'), bic('395'), bic('370')]).toEqual([
      'NDEAFIHH', 'NDEAFIHH', 'ESSEFIHX', 'DABAFIHH', 'DABAFIHH', 'SBANFIHH', 'SBANFIHH', 'DNBAFIHX',
    ]);
    expect([bic('405'), bic('497'), bic('470'), bic('440'), bic('500'), bic('600'), bic('713'), bic('799')]).toEqual([
      'HELSFIHH', 'HELSFIHH', 'POPFFI22', 'ITELFIHH', 'OKOYFIHH', 'AABAFI22', 'CITIFIHX', 'HOLVFIHH',
    ]);
  });
});

describe('isValidBic', () => {
  it('accepts every BIC of the bank table and rejects malformed ones', () => {
    for (const b of [...bicTable.banks, ...bicTable.removedSincePreviousList]) expect(isValidBic(b.bic)).toBe(true);
    expect(isValidBic('NDEAFIHHXXX')).toBe(true);
    for (const bad of ['ndeafihh', 'NDEAFIH', 'NDEAFIHHX', 'NDEA1IHH', 'NDEAQQHH', 'NDEAFI1H', 'NDEAFIHO', '']) {
      expect(isValidBic(bad)).toBe(false);
    }
  });
});

describe('ibanFromFinnishBban – corporate.js vectors', () => {
  it.each(data.bbanToIban.vectors)('$bban → $iban ($bic)', (v) => {
    expect(ibanFromFinnishBban(v.bban)).toEqual({ ok: true, value: v.iban });
    expect(bicForFinnishIban(v.iban)).toMatchObject({ ok: true, value: { bic: v.bic } });
  });

  it('rejects malformed numbers and wrong check digits', () => {
    expect(ibanFromFinnishBban('12345-785')).toEqual({ ok: false, error: 'format' });
    expect(ibanFromFinnishBban('123456-7')).toEqual({ ok: false, error: 'format' });
    expect(ibanFromFinnishBban('123456-786')).toEqual({ ok: false, error: 'national_checksum' });
  });
});

import { describe, expect, it } from 'vitest';
import {
  createFinnishReference,
  formatFinnishReference,
  formatRfReference,
  isValidFinnishReference,
  isValidRfReference,
  rfFromFinnishReference,
  validateFinnishReference,
  validateRfReference,
} from '../src/index';
import data from './vectors/reference-number-vectors.json';
import { prng, randDigits, randInt } from './helpers';

const compact = (s: string) => s.replace(/\s+/g, '');

describe('Finnish reference (viitenumero) – reference-number-vectors.json', () => {
  it.each(data.finnishReference)('$value → valid $valid', (v) => {
    expect(isValidFinnishReference(v.value)).toBe(v.valid);
    const r = validateFinnishReference(v.value);
    if (r.ok) expect(r.value).toBe(compact(v.value).replace(/^0+/, ''));
  });

  it.each(data.finnishReference.filter((v) => v.base !== undefined))('base $base → $value', (v) => {
    expect(createFinnishReference(v.base ?? '')).toBe(v.value);
    expect(v.value.slice(-1)).toBe(v.computedCheckDigit);
  });

  it.each(data.finnishReference.filter((v) => v.valid && /^\d{1,5}( \d{5})+$/.test(v.value)))(
    '$value is already in printed form',
    (v) => expect(formatFinnishReference(compact(v.value))).toBe(v.value),
  );

  it('creates, formats and names errors', () => {
    expect(createFinnishReference('123456')).toBe('1234561');
    expect(formatFinnishReference('1234561')).toBe('12 34561');
    expect(formatFinnishReference('01030100067175800018')).toBe('1030 10006 71758 00018');
    expect(createFinnishReference('000 123')).toBe('1232');
    expect(validateFinnishReference('12a4')).toEqual({ ok: false, error: 'format' });
    expect(validateFinnishReference('')).toEqual({ ok: false, error: 'format' });
    expect(validateFinnishReference('0232')).toEqual({ ok: false, error: 'length' });
    expect(validateFinnishReference('123456789012345678901')).toEqual({ ok: false, error: 'length' });
    expect(validateFinnishReference('1234560')).toEqual({ ok: false, error: 'checksum' });
    expect(() => createFinnishReference('12')).toThrow(RangeError);
    expect(() => createFinnishReference('12345678901234567890')).toThrow(RangeError);
    expect(() => createFinnishReference('12x')).toThrow(RangeError);
    expect(() => formatFinnishReference('1234560')).toThrow(RangeError);
  });
});

describe('RF creditor reference (ISO 11649) – reference-number-vectors.json', () => {
  it.each(data.rfCreditorReference)('$value → valid $valid, Finnish body $bodyIsValidFinnishReference', (v) => {
    const r = validateRfReference(v.value);
    expect(r.ok).toBe(v.valid);
    expect(isValidRfReference(v.value)).toBe(v.valid);
    if (r.ok) {
      expect(r.value.reference).toBe(compact(v.value));
      expect(r.value.bodyIsFinnishReference).toBe(v.bodyIsValidFinnishReference);
    }
  });

  it.each(data.rfDerivedFromFinnishReference)('$finnishReference → $rf', (v) => {
    expect(rfFromFinnishReference(v.finnishReference)).toBe(v.rf);
  });

  it.each(data.rfCreditorReference.filter((v) => v.valid && /^RF\d\d( [0-9A-Z]{4})*( [0-9A-Z]{1,4})$/.test(v.value)))(
    '$value is already in printed form',
    (v) => expect(formatRfReference(compact(v.value))).toBe(v.value),
  );

  it('strips leading zeros of the Finnish reference into the RF body', () => {
    expect(rfFromFinnishReference('01030100067175800018')).toBe('RF031030100067175800018');
  });

  it('names errors and tolerates lower case', () => {
    expect(validateRfReference('rf34 1234 561')).toMatchObject({ ok: true, value: { reference: 'RF341234561', body: '1234561' } });
    expect(validateRfReference('RF34')).toEqual({ ok: false, error: 'format' });
    expect(validateRfReference('RX341234561')).toEqual({ ok: false, error: 'format' });
    expect(validateRfReference('RF3A1234561')).toEqual({ ok: false, error: 'format' });
    expect(validateRfReference(`RF00${'1'.repeat(22)}`)).toEqual({ ok: false, error: 'format' });
    expect(validateRfReference('RF351234561')).toEqual({ ok: false, error: 'checksum' });
    expect(formatRfReference('RF341234561')).toBe('RF34 1234 561');
    expect(formatRfReference('RF97C2H5OH')).toBe('RF97 C2H5 OH');
    expect(() => formatRfReference('RF351234561')).toThrow(RangeError);
    expect(() => rfFromFinnishReference('1234560')).toThrow(RangeError);
  });
});

describe('property: random bases', () => {
  it('create → validate → RF round-trips; any single-digit change is detected', () => {
    const rnd = prng(7);
    for (let i = 0; i < 1000; i++) {
      const base = String(randInt(rnd, 1, 9)) + randDigits(rnd, randInt(rnd, 2, 18));
      const ref = createFinnishReference(base);
      expect(ref.startsWith(base)).toBe(true);
      expect(validateFinnishReference(formatFinnishReference(ref))).toEqual({ ok: true, value: ref });
      const rf = rfFromFinnishReference(ref);
      expect(validateRfReference(formatRfReference(rf))).toEqual({
        ok: true,
        value: { reference: rf, body: ref, bodyIsFinnishReference: true },
      });
      const pos = randInt(rnd, 1, ref.length - 1);
      const changed = ref.slice(0, pos) + ((Number(ref[pos]) + randInt(rnd, 1, 9)) % 10) + ref.slice(pos + 1);
      expect(isValidFinnishReference(changed)).toBe(false);
      expect(isValidRfReference(`${rf.slice(0, 4)}${changed}`)).toBe(false);
    }
  });
});

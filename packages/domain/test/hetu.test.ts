import { describe, expect, it } from 'vitest';
import {
  HETU_GENDER_NEUTRAL_FROM,
  HETU_PATTERN,
  addDays,
  formatHetuMasked,
  isValidHetu,
  localDate,
  makeTemporaryHetu,
  maskHetus,
  normalizeHetu,
  parseHetu,
  type HetuError,
} from '../src/index';
import data from './vectors/hetu-vectors.json';
import { prng, randInt } from './helpers';

const ERROR_CODE: Record<string, HetuError> = {
  format: 'format',
  date: 'date',
  checksum: 'checksum',
  'individual-number<002': 'individual_number',
};

const valid = data.vectors.filter((v) => v.valid);
// Vectors that are invalid only in their raw spelling (whitespace, lower-case check character): Huoma normalises.
const normalisable = data.vectors.filter((v) => !v.valid && v.value !== normalizeHetu(v.value));
const invalid = data.vectors.filter((v) => !v.valid && v.value === normalizeHetu(v.value));

describe('parseHetu – hetu-vectors.json', () => {
  it('covers every vector', () => {
    expect(valid.length + normalisable.length + invalid.length).toBe(data.vectors.length);
    expect(valid.length).toBeGreaterThan(30);
    expect(invalid.length).toBeGreaterThan(15);
  });

  it.each(valid)('$value is valid ($birthDate, $sex)', (v) => {
    const r = parseHetu(v.value);
    expect(r).toMatchObject({ ok: true, value: { hetu: v.value, birthDate: v.birthDate, temporary: v.temporaryRange } });
    if (!r.ok) return;
    expect(r.value.century).toBe(Math.floor(Number(v.birthDate?.slice(0, 4)) / 100) * 100);
    expect(r.value.individualNumber).toBe(Number(v.value.slice(7, 10)));
    // The vectors derive sex from parity for every code; Huoma withholds the hint from 2027 births onwards.
    expect(r.value.sexHint).toBe(r.value.birthDate < HETU_GENDER_NEUTRAL_FROM ? v.sex : null);
  });

  it.each(invalid)('$value is invalid ($invalidReason)', (v) => {
    expect(parseHetu(v.value)).toEqual({ ok: false, error: ERROR_CODE[v.invalidReason ?? ''] });
  });

  it.each(normalisable)('%j is accepted after trim + upper-case, returned canonical', (v) => {
    const r = parseHetu(v.value);
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.value.hetu).toBe(v.value.trim().toUpperCase());
      expect(r.value.hetu).not.toBe(v.value);
    }
  });
});

describe('parseHetu – rules.md §8 examples', () => {
  it('131052-308T: born 13.10.1952, female, permanent', () => {
    expect(parseHetu('131052-308T')).toEqual({
      ok: true,
      value: {
        hetu: '131052-308T',
        birthDate: '1952-10-13',
        century: 1900,
        individualNumber: 308,
        temporary: false,
        sexHint: 'female',
      },
    });
  });

  it('rejects a wrong check character, an impossible date and individual numbers 000/001', () => {
    expect(parseHetu('131052-308U')).toEqual({ ok: false, error: 'checksum' });
    expect(parseHetu('290201A902D')).toEqual({ ok: false, error: 'date' });
    expect(parseHetu('131052-000V')).toEqual({ ok: false, error: 'individual_number' });
    expect(parseHetu('131052-001W')).toEqual({ ok: false, error: 'individual_number' });
    expect(parseHetu('131052-002X')).toMatchObject({ ok: true, value: { individualNumber: 2 } });
  });

  it('the century sign is part of the identity', () => {
    const a = parseHetu('010190-999W');
    const b = parseHetu('010190Y999W');
    expect(a).toMatchObject({ ok: true, value: { temporary: true, birthDate: '1990-01-01' } });
    expect(b).toMatchObject({ ok: true, value: { temporary: true, birthDate: '1990-01-01' } });
    expect(a.ok && b.ok && a.value.hetu !== b.value.hetu).toBe(true);
  });

  it('accepts any 2000s year, also future ones (2030)', () => {
    expect(parseHetu('010130A1235')).toMatchObject({ ok: true, value: { birthDate: '2030-01-01', sexHint: null } });
  });

  it('withholds the sex hint from the gender-neutral reform date on', () => {
    const before = makeTemporaryHetu(addDays(HETU_GENDER_NEUTRAL_FROM, -1), 901);
    const from = makeTemporaryHetu(HETU_GENDER_NEUTRAL_FROM, 901);
    expect(parseHetu(before)).toMatchObject({ ok: true, value: { sexHint: 'male' } });
    expect(parseHetu(from)).toMatchObject({ ok: true, value: { sexHint: null } });
  });

  it('rejects shapes that are not 11 characters of DDMMYYCNNNQ', () => {
    for (const s of ['', '010190-999', '010190-999WX', '010190G999W', '010190-99AW', '010190 999W', '0101 90-999W']) {
      expect(parseHetu(s)).toEqual({ ok: false, error: 'format' });
    }
    expect(isValidHetu('010190-999W')).toBe(true);
    expect(isValidHetu('010190-999K')).toBe(false);
  });

  it('lower-case century signs normalise too', () => {
    expect(parseHetu('010594y9021')).toMatchObject({ ok: true, value: { hetu: '010594Y9021' } });
  });
});

describe('makeTemporaryHetu', () => {
  it('builds the documented examples', () => {
    expect(makeTemporaryHetu(localDate('1990-01-01'), 999)).toBe('010190-999W');
    expect(makeTemporaryHetu(localDate('1990-01-01'), 999, 'Y')).toBe('010190Y999W');
    expect(makeTemporaryHetu(localDate('1994-05-01'), 902, 'Y')).toBe('010594Y9021');
    expect(makeTemporaryHetu(localDate('1888-02-02'), 981)).toBe('020288+9818');
    expect(makeTemporaryHetu(localDate('2016-05-02'), 903, 'C')).toBe('020516C903K');
  });

  it('every generated code validates and round-trips (1800–2099, all signs)', () => {
    const rnd = prng(31);
    const signs = { 1800: ['+'], 1900: ['-', 'Y', 'X', 'W', 'V', 'U'], 2000: ['A', 'B', 'C', 'D', 'E', 'F'] } as const;
    for (let i = 0; i < 2000; i++) {
      const birthDate = addDays(localDate('1800-01-01'), randInt(rnd, 0, 109_572)); // … 2099-12-31
      const century = (Math.floor(Number(birthDate.slice(0, 4)) / 100) * 100) as 1800 | 1900 | 2000;
      const choices = signs[century];
      const sign = choices[randInt(rnd, 0, choices.length - 1)];
      const n = randInt(rnd, 900, 999);
      const hetu = makeTemporaryHetu(birthDate, n, sign);
      expect(parseHetu(hetu)).toMatchObject({ ok: true, value: { hetu, birthDate, century, individualNumber: n, temporary: true } });
      // any other check character is rejected
      const wrong = hetu.slice(0, 10) + (hetu[10] === '0' ? '1' : '0');
      expect(parseHetu(wrong)).toEqual({ ok: false, error: 'checksum' });
    }
  });

  it('rejects non-temporary numbers, unsupported centuries and mismatched signs', () => {
    expect(() => makeTemporaryHetu(localDate('1990-01-01'), 899)).toThrow(RangeError);
    expect(() => makeTemporaryHetu(localDate('1990-01-01'), 1000)).toThrow(RangeError);
    expect(() => makeTemporaryHetu(localDate('1990-01-01'), 950.5)).toThrow(RangeError);
    expect(() => makeTemporaryHetu(localDate('1799-12-31'), 950)).toThrow(RangeError);
    expect(() => makeTemporaryHetu(localDate('2100-01-01'), 950)).toThrow(RangeError);
    expect(() => makeTemporaryHetu(localDate('1990-01-01'), 950, 'A')).toThrow(RangeError);
    expect(() => makeTemporaryHetu(localDate('1990-01-01'), 950, 'G')).toThrow(RangeError);
  });
});

describe('masking', () => {
  it('formatHetuMasked keeps the date and century sign only', () => {
    expect(formatHetuMasked('010190-999W')).toBe('010190-****');
    expect(formatHetuMasked('010190y999w')).toBe('010190Y****');
    expect(formatHetuMasked('not a hetu')).toBe('***********');
  });

  it('HETU_PATTERN finds every century sign in either case and nothing hetu-unlike', () => {
    const line =
      'a=010195+433X b=010197-100P c=010114A173M d=311210f540n e=010594Y9021 f=050594U903M ' +
      'g="020516C903K" h=/persons/100190Y999P/ i=person_030516D9037';
    expect(line.match(HETU_PATTERN)).toEqual([
      '010195+433X', '010197-100P', '010114A173M', '311210f540n', '010594Y9021', '050594U903M',
      '020516C903K', '100190Y999P', '030516D9037',
    ]);
    const notHetus = 'iban FI2112345600000785 tel 0401234567 ref 1234567890123 id 1010190-999W 010190-999WX 010190G999W';
    expect(notHetus.match(HETU_PATTERN)).toBeNull();
    expect(HETU_PATTERN.flags).toContain('g');
    expect(HETU_PATTERN.flags).toContain('i');
  });

  it('maskHetus masks all codes of a log line, repeatedly (global regex state)', () => {
    const line = 'lookup 010190-999W and 010190y999w by 131052-308T';
    const masked = 'lookup 010190-**** and 010190Y**** by 131052-****';
    expect(maskHetus(line)).toBe(masked);
    expect(maskHetus(line)).toBe(masked);
    expect(maskHetus('no codes here')).toBe('no codes here');
  });
});

import { describe, expect, it } from 'vitest';
import {
  addCents,
  cents,
  formatEuros,
  multiplyByFraction,
  multiplyByPercentage,
  parseEuros,
  subtractCents,
  sumCents,
  toDecimalString,
  type Cents,
  type MoneyParseError,
} from '../src/index';
import { plainSpaces, prng, randInt } from './helpers';

const c = cents;

describe('parseEuros', () => {
  it.each<[string, number]>([
    ['1 234,56', 123456],
    ['1234.56', 123456],
    ['1234,56', 123456],
    ['12,5', 1250],
    ['12', 1200],
    ['0,05', 5],
    ['0', 0],
    ['007,10', 710],
    ['1\u00a0234,56\u00a0€', 123456],
    ['1\u202f234\u202f567,8', 123456780],
    ['  7,00€ ', 700],
    ['12 345 678', 1234567800],
    ['90071992547409,91', Number.MAX_SAFE_INTEGER],
  ])('%j → %i cents', (input, expected) => {
    expect(parseEuros(input)).toEqual({ ok: true, value: expected });
  });

  it.each<[string, MoneyParseError]>([
    ['', 'empty'],
    ['   ', 'empty'],
    ['€', 'empty'],
    ['abc', 'format'],
    ['12,', 'format'],
    [',5', 'format'],
    ['1.234,56', 'format'],
    ['1,234.56', 'format'],
    ['€12', 'format'],
    ['12 €50', 'format'],
    ['+12', 'format'],
    ['1e3', 'format'],
    ['12 34', 'grouping'],
    ['1234 567', 'grouping'],
    ['1 2345', 'grouping'],
    ['1.234', 'too_many_decimals'],
    ['12,345', 'too_many_decimals'],
    ['0,001', 'too_many_decimals'],
    ['-5', 'negative'],
    ['−1 234,56', 'negative'],
    ['90071992547409,92', 'out_of_range'],
    ['100000000000000000000', 'out_of_range'],
  ])('%j → %s', (input, error) => {
    expect(parseEuros(input)).toEqual({ ok: false, error });
  });

  it('accepts negatives only when allowed, and never yields −0', () => {
    expect(parseEuros('-5', { allowNegative: true })).toEqual({ ok: true, value: -500 });
    expect(parseEuros('−1 234,56 €', { allowNegative: true })).toEqual({ ok: true, value: -123456 });
    const zero = parseEuros('-0,00');
    expect(zero).toEqual({ ok: true, value: 0 });
    expect(zero.ok && Object.is(zero.value, -0)).toBe(false);
  });
});

describe('formatting', () => {
  it('formats with Intl in fi, sv and en (whitespace normalised)', () => {
    expect(plainSpaces(formatEuros(c(123456)))).toBe('1 234,56 €');
    expect(plainSpaces(formatEuros(c(123456), 'sv'))).toBe('1 234,56 €');
    expect(formatEuros(c(123456), 'en')).toBe('€1,234.56');
    expect(plainSpaces(formatEuros(c(5)))).toBe('0,05 €');
    expect(plainSpaces(formatEuros(c(-123456)))).toBe('−1 234,56 €');
    expect(plainSpaces(formatEuros(c(Number.MAX_SAFE_INTEGER)))).toBe('90 071 992 547 409,91 €');
  });

  it('toDecimalString is the ISO 20022 amount form', () => {
    expect([0, 5, 50, 123456, -7, -123456].map((n) => toDecimalString(c(n)))).toEqual([
      '0.00', '0.05', '0.50', '1234.56', '-0.07', '-1234.56',
    ]);
  });

  it('property: parse(format(x)) = x in fi and sv', () => {
    const rnd = prng(2026);
    for (let i = 0; i < 2000; i++) {
      const amount = c(randInt(rnd, -1e12, 1e12));
      for (const locale of ['fi', 'sv'] as const) {
        expect(parseEuros(formatEuros(amount, locale), { allowNegative: true })).toEqual({ ok: true, value: amount });
      }
      expect(parseEuros(toDecimalString(amount), { allowNegative: true })).toEqual({ ok: true, value: amount });
    }
  });
});

describe('arithmetic', () => {
  it('brands only safe integers', () => {
    expect(() => cents(1.5)).toThrow(RangeError);
    expect(() => cents(Number.MAX_SAFE_INTEGER + 1)).toThrow(RangeError);
    expect(() => cents(Number.NaN)).toThrow(RangeError);
    expect(Object.is(cents(-0), 0)).toBe(true);
  });

  it('adds, subtracts and sums without losing cents', () => {
    expect(addCents(c(10), c(20))).toBe(30);
    expect(subtractCents(c(10), c(20))).toBe(-10);
    expect(sumCents([])).toBe(0);
    expect(sumCents([c(59355), c(65000), c(2000), c(2500)])).toBe(128855); // rules.md §1.8 C: 1 288,55
    expect(sumCents(new Set([c(1), c(2)]))).toBe(3);
    expect(() => addCents(c(Number.MAX_SAFE_INTEGER), c(1))).toThrow(RangeError);
    expect(() => sumCents([c(Number.MAX_SAFE_INTEGER), c(1), c(-5)])).toThrow(RangeError);
  });

  it('rules.md §1.8 F / §9.4: perusosa 578,43 € reductions and ten days', () => {
    const perusosa = c(57843);
    expect(multiplyByPercentage(perusosa, 80, 'half-up')).toBe(46274); // −20 %
    expect(multiplyByPercentage(perusosa, 60, 'half-up')).toBe(34706); // −40 %
    expect(multiplyByPercentage(perusosa, 50, 'half-up')).toBe(28922); // −50 %: 289,215 → 289,22
    expect(multiplyByFraction(perusosa, 10, 30, 'half-up')).toBe(19281);
  });

  it('half-up rounds ties away from zero, half-even to the even cent', () => {
    const cases: [number, number, number, number][] = [
      // amount, percentage, half-up, half-even
      [25, 50, 13, 12],
      [35, 50, 18, 18],
      [-25, 50, -13, -12],
      [-35, 50, -18, -18],
      [57843, 50, 28922, 28922],
      [1, 49, 0, 0],
      [1, 51, 1, 1],
      [-1, 51, -1, -1],
    ];
    for (const [amount, pct, up, even] of cases) {
      expect(multiplyByPercentage(c(amount), pct, 'half-up')).toBe(up);
      expect(multiplyByPercentage(c(amount), pct, 'half-even')).toBe(even);
    }
  });

  it('uses the decimal value of the factors, not binary floating point', () => {
    expect(100 * 1.005).toBeLessThan(100.5); // why a float implementation would fail
    expect(multiplyByFraction(c(100), 1.005, 1, 'half-up')).toBe(101);
    expect(multiplyByPercentage(c(19813), 0.5, 'half-up')).toBe(99); // 99,065 cents
    expect(multiplyByPercentage(c(5), 10, 'half-even')).toBe(0);
    expect(multiplyByPercentage(c(5), 10, 'half-up')).toBe(1);
    expect(multiplyByPercentage(c(1_000_000), 1e-7, 'half-up')).toBe(0);
    expect(multiplyByFraction(c(7), -1, 2, 'half-up')).toBe(-4);
    expect(multiplyByFraction(c(7), 1, -2, 'half-even')).toBe(-4);
  });

  it('property: percentage results agree with exact BigInt arithmetic', () => {
    const rnd = prng(11);
    for (let i = 0; i < 2000; i++) {
      const amount = randInt(rnd, -10_000_000, 10_000_000);
      const basisPoints = randInt(rnd, 0, 20_000); // 0,00 %–200,00 %
      const exact = BigInt(amount) * BigInt(basisPoints); // in 1/10000 cents
      const q = exact / 10_000n;
      const r = exact % 10_000n;
      const abs = r < 0n ? -r : r;
      const away = amount < 0 ? q - 1n : q + 1n;
      const expected = abs > 5_000n ? away : abs < 5_000n ? q : away;
      expect(multiplyByPercentage(c(amount), basisPoints / 100, 'half-up') as Cents).toBe(Number(expected));
    }
  });

  it('refuses division by zero, non-finite factors and overflow', () => {
    expect(() => multiplyByFraction(c(1), 1, 0, 'half-up')).toThrow(RangeError);
    expect(() => multiplyByPercentage(c(1), Number.POSITIVE_INFINITY, 'half-up')).toThrow(RangeError);
    expect(() => multiplyByPercentage(c(Number.MAX_SAFE_INTEGER), 200, 'half-up')).toThrow(RangeError);
  });
});

import { describe, expect, it } from 'vitest';
import { checkSepaIdentifier, checkSepaText, isSepaText, toSepaText } from '../../src/index';
import { centsToDecimal, decimalToCents, helsinkiDateTime, isIsoDateTime } from '../../src/bank/text';
import { escapeXmlAttribute, escapeXmlText, writeXml } from '../../src/bank/xml-writer';
import { flatten } from './helpers';
import { prng, randInt } from '../helpers';

describe('SEPA identifiers', () => {
  it.each([
    ['HUOMA-2026-0001', null],
    ["A/b?c:d(e)f.g,h'i+j k-l", null],
    ['X'.repeat(35), null],
    ['', 'required'],
    ['X'.repeat(36), 'too_long'],
    ['MAKSU_1', 'invalid_characters'],
    ['MAKSU-Ä', 'invalid_characters'],
    ['MAKSU#1', 'invalid_characters'],
    [' MAKSU', 'invalid_characters'],
    ['/MAKSU', 'invalid_slashes'],
    ['MAKSU/', 'invalid_slashes'],
    ['MA//KSU', 'invalid_slashes'],
  ] as const)('%j → %s', (id, expected) => {
    expect(checkSepaIdentifier(id)).toBe(expected);
  });
});

describe('SEPA text (names and messages)', () => {
  it('accepts ISO-8859-15 and refuses the rest', () => {
    expect(isSepaText('Åsa Öberg-Mäkelä, Šárka Žák, Œuvre, 10 € & <x>')).toBe(true);
    for (const bad of ['Nguyễn', 'a\u00A0b', 'a\tb', 'a\nb', 'x\u0000', '¤', '½', 'Ł', '“quoted”', '😀']) expect(isSepaText(bad), bad).toBe(false);
    expect(checkSepaText(' Maija', 70)).toBe('invalid_characters');
    expect(checkSepaText('', 70)).toBe('required');
    expect(checkSepaText('ä'.repeat(70), 70)).toBeNull();
    expect(checkSepaText('ä'.repeat(71), 70)).toBe('too_long');
  });

  it('toSepaText keeps å/ä/ö and makes the rest acceptable', () => {
    expect(toSepaText('  Åsa\u00A0 Öberg\n')).toBe('Åsa Öberg');
    expect(toSepaText('Nguyễn Văn Ánh')).toBe('Nguyen Van Ánh');
    expect(toSepaText('Dvořák Łukasz')).toBe('Dvorák Lukasz');
    expect(toSepaText('A\u030Angström')).toBe('Ångström'); // decomposed Å is composed, not stripped
    expect(toSepaText('“Päätös” – 3/2026')).toBe('"Päätös" - 3/2026');
    expect(toSepaText('Иван 😀')).toBe('???? ?');
    const rnd = prng(2026);
    for (let i = 0; i < 500; i++) {
      const s = Array.from({ length: randInt(rnd, 0, 30) }, () => String.fromCodePoint(randInt(rnd, 0, 0x2fff))).join('');
      expect(isSepaText(toSepaText(s))).toBe(true);
    }
  });
});

describe('amounts and timestamps', () => {
  it('formats and parses decimals exactly', () => {
    expect(centsToDecimal(0n)).toBe('0.00');
    expect(centsToDecimal(5n)).toBe('0.05');
    expect(centsToDecimal(99_999_999_999n)).toBe('999999999.99');
    expect(centsToDecimal(100_000_012_444n * 1000n)).toBe('1000000124440.00');
    expect(decimalToCents('123.45')).toBe(12345);
    expect(decimalToCents('100')).toBe(10000);
    expect(decimalToCents('0.5')).toBe(50);
    expect(decimalToCents('0.00000')).toBe(0);
    expect(decimalToCents('1.230')).toBe(123);
    for (const bad of ['1.234', '1,23', '', 'abc', '1e3', '.5', '99999999999999999.99']) expect(decimalToCents(bad), bad).toBeNull();
  });

  it('xs:dateTime check and Helsinki local time with offset', () => {
    expect(isIsoDateTime('2026-03-02T11:30:00')).toBe(true);
    expect(isIsoDateTime('2026-03-02T11:30:00.123+02:00')).toBe(true);
    expect(isIsoDateTime('2026-03-02T11:30:00Z')).toBe(true);
    expect(isIsoDateTime('2026-03-02 11:30:00')).toBe(false);
    expect(isIsoDateTime('2026-13-02T11:30:00')).toBe(false);
    expect(helsinkiDateTime(new Date('2026-03-29T00:59:59Z'))).toBe('2026-03-29T02:59:59+02:00');
    expect(helsinkiDateTime(new Date('2026-03-29T01:00:00Z'))).toBe('2026-03-29T04:00:00+03:00'); // DST starts
    expect(helsinkiDateTime(new Date('2025-12-31T22:00:00Z'))).toBe('2026-01-01T00:00:00+02:00');
  });
});

describe('XML writer', () => {
  it('escapes text and attributes so that a DOM parser reads back the original', () => {
    const rnd = prng(20022);
    const alphabet = ['&', '<', '>', '"', "'", ']]>', 'ä', 'Å', '€', ' ', '\t', '\n', 'a', '&amp;', '<!--', '😀'];
    for (let i = 0; i < 200; i++) {
      const value = Array.from({ length: randInt(rnd, 1, 12) }, () => alphabet[randInt(rnd, 0, alphabet.length - 1)]).join('');
      const text = `[${value}]`; // brackets: the DOM reader drops whitespace-only text nodes
      const xml = `<Doc>${writeXml([['A', text, { v: value }]], null, 0)}</Doc>`;
      const leaves = flatten(xml);
      expect(leaves.A, JSON.stringify(value)).toBe(text);
      expect(leaves['A/@v'], JSON.stringify(value)).toBe(value);
    }
  });

  it('refuses characters XML cannot carry', () => {
    for (const bad of ['\u0000', '\u0001', '\u001F', '\uFFFE', '\uD800']) {
      expect(() => escapeXmlText(`a${bad}`)).toThrow(RangeError);
      expect(() => escapeXmlAttribute(`a${bad}`)).toThrow(RangeError);
    }
  });

  it('indents nested elements and skips absent optional ones', () => {
    expect(writeXml([['A', [['B', 'x'], false, ['C', [['D', '1', { Ccy: 'EUR' }]]]]]], '  ', 1)).toBe(
      '\n  <A>\n    <B>x</B>\n    <C>\n      <D Ccy="EUR">1</D>\n    </C>\n  </A>',
    );
    expect(writeXml([['A', [['B', 'x'], null]]], null, 5)).toBe('<A><B>x</B></A>');
  });
});

import { describe, expect, it } from 'vitest';
import { compareFinnish, finnishCollator, foldForSearch } from '../src/index';

describe('foldForSearch', () => {
  it.each([
    ['Hämäläinen', 'hamalainen'],
    ['HÄMÄLÄINEN', 'hamalainen'],
    ['  Åke   Öberg\tMüller ', 'ake oberg muller'],
    ['Renée Zoë Ñúñez', 'renee zoe nunez'],
    ['Søren Ærø', 'soren aero'],
    ['Straße', 'strasse'],
    ['Łukasz Đorđević', 'lukasz dordevic'],
    ['Anna-Liisa Kärkkäinen', 'anna-liisa karkkainen'],
    ['Ａｎｎａ', 'anna'], // full-width compatibility forms
    ['', ''],
  ])('%j → %j', (name, key) => {
    expect(foldForSearch(name)).toBe(key);
  });

  it('makes "Hamalainen" find "Hämäläinen" and is idempotent', () => {
    const names = ['Hämäläinen', 'Östman', 'Väänänen', 'Ylönen', 'Virtanen'];
    expect(names.filter((n) => foldForSearch(n).includes(foldForSearch('Hamalainen')))).toEqual(['Hämäläinen']);
    expect(names.filter((n) => foldForSearch(n).startsWith(foldForSearch('vaa')))).toEqual(['Väänänen']);
    for (const n of names) expect(foldForSearch(foldForSearch(n))).toBe(foldForSearch(n));
  });
});

describe('Finnish collation', () => {
  it('sorts Å Ä Ö after Z and W after V', () => {
    const expected = ['Aalto', 'Vesa', 'Wilma', 'Zorro', 'Åke', 'Ärrä', 'Öljy', 'Ömmä'];
    const shuffled = ['Ömmä', 'Zorro', 'Wilma', 'Åke', 'Vesa', 'Ärrä', 'Aalto', 'Öljy'];
    expect([...shuffled].sort(compareFinnish)).toEqual(expected);
    expect([...shuffled].sort(finnishCollator.compare)).toEqual(expected);
  });

  it('what Node’s ICU gives for V/W and Ü', () => {
    // V and W are distinct letters (Vilma < Wesa), Ü sorts as Y (Uuno < Ülle < Yrjö)
    expect(['Wesa', 'Vilma', 'Yrjö', 'Ülle', 'Uuno'].sort(compareFinnish)).toEqual(['Uuno', 'Vilma', 'Wesa', 'Ülle', 'Yrjö']);
    expect(compareFinnish('Ä', 'Z')).toBeGreaterThan(0);
    expect(compareFinnish('aalto', 'Aalto')).not.toBe(0);
    expect(finnishCollator.resolvedOptions().locale).toBe('fi');
  });
});

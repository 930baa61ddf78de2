/**
 * Person names: a search key that is independent of diacritics and case, and Finnish alphabetical order
 * (SFS 4600: … X Y Z Å Ä Ö; V and W are separate letters, Ü sorts as Y).
 *
 * @module
 */

/** Letters that Unicode decomposition does not reduce to a base letter. */
const EXTRA_FOLDS: Readonly<Record<string, string>> = {
  ø: 'o', æ: 'ae', œ: 'oe', ß: 'ss', đ: 'd', ð: 'd', ł: 'l', þ: 'th', ı: 'i', ħ: 'h',
};

/**
 * Search key of a name: lower case, diacritics removed (å ä → a, ö → o, ü → u, é → e, ø → o, ß → ss …),
 * compatibility forms unified (NFKD) and whitespace collapsed. Store it next to the name so that "Hamalainen"
 * finds "Hämäläinen" with a plain index, without PostgreSQL's `unaccent` extension.
 * Note that å/ä/ö are real letters in Finnish; folding them is a deliberate recall-over-precision choice.
 */
export function foldForSearch(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[øæœßđðłþıħ]/g, (ch) => EXTRA_FOLDS[ch] ?? ch)
    .replace(/\s+/g, ' ')
    .trim();
}

/** ICU collator for Finnish (`fi`): Å, Ä, Ö after Z; W after V (not merged with it in current CLDR). */
export const finnishCollator: Intl.Collator = new Intl.Collator('fi');

/** Compares two strings in Finnish alphabetical order; use as `names.sort(compareFinnish)`. */
export function compareFinnish(a: string, b: string): number {
  return finnishCollator.compare(a, b);
}

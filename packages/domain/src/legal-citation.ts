import type { DisplayLanguage } from './display';

/**
 * A statute citation in the reader's language. Deadlines (the case kernel's `legal_basis`) keep the law they come
 * from in its Finnish short form — `TTTL 14 a §`, `LSL 26 § 2 mom`, `SHL 36 § 3 mom, LSL 26 § 5 mom` — and that
 * stored form stays as it is; this turns it into what a reader of another language reads: Swedish names the act
 * (*Barnskyddslagen 26 § 2 mom.*), English writes the section the English way (*Child Welfare Act s. 26(2)*). A
 * citation of an act or in a shape this does not know is returned as it is: it is still the correct reference.
 */
export function legalCitationText(citation: string, language: DisplayLanguage): string {
  if (language === 'fi') return citation;
  const parts = citation.split(/\s*,\s*/).map((part) => CITATION.exec(part.trim()));
  if (parts.length === 0 || parts.some((p) => p === null || !(p[1]! in ACTS))) return citation;
  return (parts as RegExpExecArray[])
    .map(([, act, n, letter, moment]) => {
      const name = ACTS[act as Act][language];
      if (language === 'en') return `${name} s. ${n}${letter ?? ''}${moment ? `(${moment})` : ''}`;
      return `${name} ${n}${letter ? ` ${letter}` : ''} §${moment ? ` ${moment} mom.` : ''}`;
    })
    .join(', ');
}

/** `<ACT> 26 §`, `<ACT> 14 a §`, `<ACT> 26 § 2 mom` (also `mom.`) */
const CITATION = /^([A-ZÅÄÖ]+)\s+(\d+)(?:\s*([a-z]))?\s*§(?:\s+(\d+)\s*mom\.?)?$/;

type Act = 'TTTL' | 'LSL' | 'SHL';

/** The acts Huoma's deadlines cite, by their Finnish abbreviation: the act's name in Swedish and English. */
const ACTS: Record<Act, Record<'sv' | 'en', string>> = {
  TTTL: { sv: 'Lagen om utkomststöd', en: 'Act on Social Assistance' },
  LSL: { sv: 'Barnskyddslagen', en: 'Child Welfare Act' },
  SHL: { sv: 'Socialvårdslagen', en: 'Social Welfare Act' },
};

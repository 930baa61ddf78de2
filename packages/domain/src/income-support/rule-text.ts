import type { DisplayLanguage } from '../display';

/**
 * The legal ground of a calculation line in the reader's language. The engine records each line's ground as a
 * citation of the income support act in its Finnish short form — `TTTL 11 § 3 mom`, `TTTL 7 c §, 13 §`, with an
 * optional note: `(Kela practice)` where the rule is Kela's application practice, `(from 1.3.2026)` where it is
 * the law as amended on that date. Those strings are kept in saved calculations, so they stay the stored form;
 * this turns one into what a handler or a client reads: a Swedish decision cites *lagen om utkomststöd* and says
 * *Folkpensionsanstaltens tillämpningspraxis*, an English screen says "Act on Social Assistance s. 11(3)".
 * A citation this does not recognise is returned as it is (it is still the correct legal reference).
 */
export function incomeSupportRuleText(rule: string, language: DisplayLanguage): string {
  const m = RULE.exec(rule.trim());
  if (!m) return rule;
  const [, body, note] = m as unknown as [string, string, string | undefined];
  const sections = body.split(/\s*,\s*/).map(SECTION.exec.bind(SECTION));
  if (sections.some((s) => s === null)) return rule;
  const cited = (sections as RegExpExecArray[]).map(([, n, letter, moment]) => citeSection(language, n!, letter, moment));
  const act = ACT[language];
  const text = language === 'en' ? `${act} ${cited.map((c) => `s. ${c}`).join(', ')}` : `${act} ${cited.join(', ')}`;
  return note ? `${text} (${noteText(note, language)})` : text;
}

/** `TTTL <sections>` with an optional parenthesised note. */
const RULE = /^TTTL\s+(.+?)(?:\s+\(([^)]+)\))?$/;
/** `11 §`, `7 c §`, `11 § 3 mom` (also `mom.`) */
const SECTION = /^(\d+)(?:\s*([a-z]))?\s*§(?:\s+(\d+)\s*mom\.?)?$/;

const ACT: Record<DisplayLanguage, string> = {
  fi: 'TTTL',
  sv: 'Lag om utkomststöd',
  en: 'Act on Social Assistance',
};

function citeSection(language: DisplayLanguage, n: string, letter: string | undefined, moment: string | undefined): string {
  if (language === 'en') return `${n}${letter ?? ''}${moment ? `(${moment})` : ''}`;
  const section = `${n}${letter ? ` ${letter}` : ''} §`;
  return moment ? `${section} ${moment} mom.` : section;
}

const FROM = /^from (\d{1,2})\.(\d{1,2})\.(\d{4})$/;
const MONTHS_EN = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

function noteText(note: string, language: DisplayLanguage): string {
  if (note === 'Kela practice') {
    return { fi: 'Kelan soveltamiskäytäntö', sv: 'FPA:s tillämpningspraxis', en: "Kela's practice" }[language];
  }
  const from = FROM.exec(note);
  if (from) {
    const [, d, mo, y] = from as unknown as [string, string, string, string];
    if (language === 'fi') return `${Number(d)}.${Number(mo)}.${y} alkaen`;
    if (language === 'sv') return `från ${Number(d)}.${Number(mo)}.${y}`;
    return `from ${Number(d)} ${MONTHS_EN[Number(mo) - 1] ?? mo} ${y}`;
  }
  return note;
}

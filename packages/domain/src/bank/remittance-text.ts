/**
 * The message a benefit payment carries to the payee's bank statement (the unstructured remittance, `Ustrd`):
 * what is paid, for which period, on which decision and by whom — in the payee's language — instead of a bare
 * reference number that tells the client nothing. At most 140 characters of ISO-8859-15: the payer's name is
 * shortened first, then left out, so the benefit, the period and the decision number always fit.
 *
 * @module
 */
import { toSepaText } from './text';

const WORDS = {
  fi: { decision: 'päätös' },
  sv: { decision: 'beslut' },
} as const;

/** `2026-11-01` → `1.11.2026`. */
function finnishDate(iso: string): string {
  const [y, m, d] = iso.slice(0, 10).split('-');
  return `${Number(d)}.${Number(m)}.${y}`;
}

/**
 * A period as the statement shows it: `1.11.-30.11.2026`, or with both years when they differ; one day alone. The
 * dash is ASCII: banks print statement texts in Latin-9, which has no en dash.
 */
export function remittancePeriod(start: string, end: string): string {
  if (start === end) return finnishDate(start);
  const [s, e] = [finnishDate(start), finnishDate(end)];
  return start.slice(0, 4) === end.slice(0, 4) ? `${s.slice(0, s.lastIndexOf('.') + 1)}-${e}` : `${s}-${e}`;
}

export interface BenefitRemittance {
  language: 'fi' | 'sv';
  /** the benefit in the payee's language, e.g. "Toimeentulotuki" */
  benefit: string;
  periodStart: string;
  periodEnd: string;
  decisionNumber: number;
  /** the paying organisation, e.g. "Demolan kaupunki" */
  payer: string;
}

/** `Toimeentulotuki 1.11.-30.11.2026, päätös 123. Demolan kaupunki` (≤ 140 characters, ISO-8859-15). */
export function benefitRemittanceText(r: BenefitRemittance): string {
  const core = toSepaText(`${r.benefit} ${remittancePeriod(r.periodStart, r.periodEnd)}, ${WORDS[r.language].decision} ${r.decisionNumber}`).slice(0, 140);
  const payer = toSepaText(r.payer);
  const room = 140 - core.length - 2;
  // the payer is shortened to the room left, and left out when fewer than five characters would remain
  if (!payer || room < 5) return core;
  return `${core}. ${payer.slice(0, room).trimEnd()}`;
}

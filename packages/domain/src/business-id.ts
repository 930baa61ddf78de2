import type { Result } from './result';

/**
 * Y-tunnus (Finnish business id): seven digits, a hyphen and a check digit. The check digit: the digits weighted
 * 7, 9, 10, 5, 8, 4, 2 and summed; remainder 0 gives 0, remainder 1 is never issued, otherwise 11 − remainder
 * (PRH/Verohallinto). Six-digit forms are padded with a leading zero (old ids, e.g. `737546-2` = `0737546-2`).
 */
export type BusinessId = string & { readonly __brand: 'BusinessId' };

export type BusinessIdError = 'format' | 'checksum';

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2] as const;

/** The check digit of seven digits, or null when the remainder is 1 (no such id is issued). */
export function businessIdCheckDigit(digits: string): number | null {
  if (!/^\d{7}$/.test(digits)) throw new RangeError(`seven digits expected, got ${digits}`);
  const sum = WEIGHTS.reduce((s, w, i) => s + w * Number(digits[i]), 0);
  const r = sum % 11;
  if (r === 0) return 0;
  if (r === 1) return null;
  return 11 - r;
}

/** Validates and normalises a Y-tunnus (`1234567-1`); spaces around are ignored. */
export function validateBusinessId(input: string): Result<BusinessId, BusinessIdError> {
  const m = /^(\d{6,7})-(\d)$/.exec(input.trim());
  if (!m) return { ok: false, error: 'format' };
  const digits = m[1]!.padStart(7, '0');
  const check = businessIdCheckDigit(digits);
  if (check === null || check !== Number(m[2])) return { ok: false, error: 'checksum' };
  return { ok: true, value: `${digits}-${m[2]}` as BusinessId };
}

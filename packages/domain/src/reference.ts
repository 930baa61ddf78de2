/**
 * Payment references: the Finnish viitenumero (kotimainen viite, Finance Finland "Kotimaisen viitteen
 * rakenneohje") and the international RF creditor reference (ISO 11649).
 *
 * @module
 */
import { err, ok, type Result } from './result';

const strip = (input: string) => input.replace(/\s+/g, '');

/** 7-3-1 weights applied from the right; check digit = (10 − Σ mod 10) mod 10. */
const viiteCheckDigit = (base: string) => {
  const sum = [...base].reverse().reduce((acc, ch, i) => acc + Number(ch) * ([7, 3, 1][i % 3] as number), 0);
  return String((10 - (sum % 10)) % 10);
};

/**
 * `format`: characters other than digits and spaces; `length`: not 4–20 digits including the check digit (leading
 * zeros, as in the 20-digit bank barcode form, are ignored); `checksum`: wrong check digit.
 */
export type FinnishReferenceError = 'format' | 'length' | 'checksum';

/**
 * Validates a viitenumero, tolerating spaces. On success returns the electronic form: digits only, without leading
 * zeros (`0 10301 00067 17580 0018` → `1030100067175800018`).
 */
export function validateFinnishReference(input: string): Result<string, FinnishReferenceError> {
  const digits = strip(input);
  if (!/^\d+$/.test(digits)) return err('format');
  const reference = digits.replace(/^0+/, '');
  if (digits.length > 20 || reference.length < 4) return err('length');
  if (viiteCheckDigit(reference.slice(0, -1)) !== reference.slice(-1)) return err('checksum');
  return ok(reference);
}

/** Whether `input` is a valid viitenumero. */
export function isValidFinnishReference(input: string): boolean {
  return validateFinnishReference(input).ok;
}

/**
 * Creates a viitenumero by appending the 7-3-1 check digit to `base` (3–19 digits, spaces allowed, leading zeros
 * dropped): `123456` → `1234561`. Throws `RangeError` for any other base.
 */
export function createFinnishReference(base: string): string {
  const raw = strip(base);
  const digits = raw.replace(/^0+/, '');
  if (!/^\d{1,19}$/.test(raw) || digits.length < 3) {
    throw new RangeError(`Reference base must be 3–19 digits, got ${JSON.stringify(base)}`);
  }
  return digits + viiteCheckDigit(digits);
}

/** Printed form: groups of five from the right, no leading zeros (`1234561` → `12 34561`). Throws if invalid. */
export function formatFinnishReference(reference: string): string {
  const checked = validateFinnishReference(reference);
  if (!checked.ok) throw new RangeError(`Invalid Finnish reference (${checked.error})`);
  return checked.value.replace(/\B(?=(\d{5})+$)/g, ' ');
}

/** ISO 7064 mod 97-10 over an alphanumeric string, letters A = 10 … Z = 35. */
const mod97 = (s: string) =>
  [...s].reduce((rem, ch) => {
    const v = parseInt(ch, 36);
    return v > 9 ? (rem * 100 + v) % 97 : (rem * 10 + v) % 97;
  }, 0);

/** `format`: not `RF` + 2 digits + 1–21 letters/digits (spaces ignored); `checksum`: mod 97 ≠ 1. */
export type RfReferenceError = 'format' | 'checksum';

/** A valid RF creditor reference. */
export interface RfReference {
  /** Electronic form, upper case without spaces: `RF341234561`. */
  reference: string;
  /** The part after `RF` and the check digits; in Finnish domestic clearing only this is forwarded. */
  body: string;
  /**
   * Whether the body is itself a valid viitenumero. Huoma validates RF by ISO 11649 alone (integrations.md §2), so
   * `RF712348231` is valid with `bodyIsFinnishReference: false`; show a warning rather than rejecting.
   */
  bodyIsFinnishReference: boolean;
}

/** Validates an RF creditor reference (ISO 11649), tolerating spaces and lower case. */
export function validateRfReference(input: string): Result<RfReference, RfReferenceError> {
  const reference = strip(input).toUpperCase();
  if (!/^RF\d{2}[0-9A-Z]{1,21}$/.test(reference)) return err('format');
  if (mod97(reference.slice(4) + reference.slice(0, 4)) !== 1) return err('checksum');
  const body = reference.slice(4);
  return ok({ reference, body, bodyIsFinnishReference: isValidFinnishReference(body) });
}

/** Whether `input` is a valid RF creditor reference. */
export function isValidRfReference(input: string): boolean {
  return validateRfReference(input).ok;
}

/**
 * Creates the RF creditor reference of a Finnish viitenumero (body = the viitenumero without leading zeros):
 * `1234561` → `RF341234561`. Throws `RangeError` if `finnishReference` is not a valid viitenumero.
 */
export function rfFromFinnishReference(finnishReference: string): string {
  const checked = validateFinnishReference(finnishReference);
  if (!checked.ok) throw new RangeError(`Invalid Finnish reference (${checked.error})`);
  const checkDigits = 98 - mod97(`${checked.value}RF00`);
  return `RF${String(checkDigits).padStart(2, '0')}${checked.value}`;
}

/** Printed form in groups of four from the left: `RF34 1234 561`. Throws if invalid. */
export function formatRfReference(reference: string): string {
  const checked = validateRfReference(reference);
  if (!checked.ok) throw new RangeError(`Invalid RF reference (${checked.error})`);
  return checked.value.reference.replace(/(.{4})(?!$)/g, '$1 ');
}

/**
 * Finnish bank accounts: IBAN (ISO 13616, `FIkk` + 14-digit BBAN; Åland uses `AX` with the same BBAN) and the
 * BIC derived from the rahalaitostunnus (monetary institution code), the first three BBAN digits.
 *
 * The BIC table is Finance Finland's "Finnish monetary institution codes and BICs" (as of 2026-03-03), stored in
 * `data/fi-bank-bic.json`; review it when Finance Finland updates the list.
 *
 * @module
 */
import { friendlyFormatIBAN, isValidBIC as ibantoolsIsValidBic } from 'ibantools';
import bankTable from './data/fi-bank-bic.json';
import { err, ok, type Result } from './result';

/**
 * `format`: not `FI`/`AX` + 16 digits after removing spaces; `checksum`: ISO 13616 mod-97 fails;
 * `national_checksum`: the BBAN's own check digit (Luhn, weights 2-1, required of every Finnish account number)
 * fails.
 */
export type FinnishIbanError = 'format' | 'checksum' | 'national_checksum';

const compact = (input: string) => input.replace(/\s+/g, '').toUpperCase();

const luhnOk = (digits: string) => {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    const d = (digits.charCodeAt(digits.length - 1 - i) - 48) * (i % 2 ? 2 : 1);
    sum += d > 9 ? d - 9 : d;
  }
  return sum % 10 === 0;
};

/** Letters of the two country codes as ISO 13616 numbers them (A = 10 … Z = 35). */
const COUNTRY_DIGITS = { FI: '1518', AX: '1033' } as const;

/**
 * ISO 13616 (ISO 7064 mod 97-10) remainder of a Finnish IBAN already known to be `FI`/`AX` + 16 digits: the BBAN,
 * then the country as digits, then the check digits, read as one number mod 97 — 1 when the IBAN is valid. Digit by
 * digit, so validating a payment file's 100 000 accounts costs no string rewriting (ibantools' general form, for
 * any country, rebuilt each IBAN as a string of digits: a third of pain.001's CPU).
 */
const finnishMod97 = (country: keyof typeof COUNTRY_DIGITS, bban: string, check: string) => {
  let r = 0;
  for (const part of [bban, COUNTRY_DIGITS[country], check]) for (let i = 0; i < part.length; i++) r = (r * 10 + part.charCodeAt(i) - 48) % 97;
  return r;
};

/**
 * Validates a Finnish (or Åland) IBAN, tolerating spaces and lower case. On success returns the electronic form
 * (`FI2112345600000785`), which is what to store and put in payment files.
 */
export function validateFinnishIban(input: string): Result<string, FinnishIbanError> {
  const iban = compact(input);
  if (!/^(FI|AX)\d{16}$/.test(iban)) return err('format');
  if (finnishMod97(iban.slice(0, 2) as 'FI' | 'AX', iban.slice(4), iban.slice(2, 4)) !== 1) return err('checksum');
  if (!luhnOk(iban.slice(4))) return err('national_checksum');
  return ok(iban);
}

/** Whether `input` is a valid Finnish (or Åland) IBAN. */
export function isValidFinnishIban(input: string): boolean {
  return validateFinnishIban(input).ok;
}

/** Printed form in groups of four: `FI21 1234 5600 0007 85`. Throws `RangeError` unless the IBAN is valid. */
export function formatIban(iban: string): string {
  const checked = validateFinnishIban(iban);
  if (!checked.ok) throw new RangeError(`Invalid Finnish IBAN (${checked.error})`);
  return friendlyFormatIBAN(checked.value) ?? checked.value;
}

interface BankEntry {
  bic: string;
  name: string;
  bankCodeRanges: string[];
}

const expand = (banks: readonly BankEntry[]) => {
  const map = new Map<string, { bic: string; bankName: string }>();
  for (const bank of banks) {
    for (const range of bank.bankCodeRanges) {
      const [from, to = from] = range.split('-').map(Number) as [number, number?];
      for (let code = from; code <= to; code++) map.set(String(code), { bic: bank.bic, bankName: bank.name });
    }
  }
  return map;
};

const BANKS = expand(bankTable.banks);
const RETIRED = expand(bankTable.removedSincePreviousList);

/** The bank behind a Finnish account. */
export interface FinnishBank {
  /** Rahalaitostunnus: first three BBAN digits. */
  bankCode: string;
  bic: string;
  bankName: string;
}

/**
 * `invalid_iban`: see {@link validateFinnishIban}; `unknown_bank_code`: no bank has this code;
 * `retired_bank_code`: the code belonged to a bank that has left Finland (Handelsbanken 31x, Swedbank 38x, Viva 798).
 */
export type BicLookupError = 'invalid_iban' | 'unknown_bank_code' | 'retired_bank_code';

/** Looks up the BIC of a Finnish IBAN from its three-digit bank code (IBAN characters 5–7). */
export function bicForFinnishIban(iban: string): Result<FinnishBank, BicLookupError> {
  const checked = validateFinnishIban(iban);
  if (!checked.ok) return err('invalid_iban');
  const bankCode = checked.value.slice(4, 7);
  const bank = BANKS.get(bankCode);
  if (bank) return ok({ bankCode, ...bank });
  return err(RETIRED.has(bankCode) ? 'retired_bank_code' : 'unknown_bank_code');
}

/**
 * Whether `bic` is a valid BIC (ISO 9362) as ISO 20022 payment files accept it: 8 or 11 characters, upper case,
 * pattern `[A-Z]{6}[A-Z2-9][A-NP-Z0-9]([A-Z0-9]{3})?` (pain.001.001.03 BICIdentifier) and a known country code.
 */
export function isValidBic(bic: string): boolean {
  return /^[A-Z]{6}[A-Z2-9][A-NP-Z0-9](?:[A-Z0-9]{3})?$/.test(bic) && ibantoolsIsValidBic(bic);
}

/**
 * Converts a legacy domestic account number (`123456-785`, or the 14-digit machine form) to an IBAN. Short forms
 * are padded with zeros after the 7th digit for bank groups 4 and 5 (savings banks, Aktia, POP, OP) and after the
 * 6th digit otherwise. `format`: not such an account number; `national_checksum`: Luhn check digit fails.
 */
export function ibanFromFinnishBban(bban: string): Result<string, 'format' | 'national_checksum'> {
  const m = /^(\d{6})-?(\d{2,8})$/.exec(bban.replace(/\s+/g, ''));
  if (!m) return err('format');
  const [, head, tail] = m as unknown as [string, string, string];
  const machine = /^[45]/.test(head) ? head + tail[0] + tail.slice(1).padStart(7, '0') : head + tail.padStart(8, '0');
  if (!luhnOk(machine)) return err('national_checksum');
  const checkDigits = 98 - finnishMod97('FI', machine, '00');
  return ok(`FI${String(checkDigits).padStart(2, '0')}${machine}`);
}

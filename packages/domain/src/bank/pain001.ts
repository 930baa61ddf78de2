/**
 * SEPA credit transfer initiation (ISO 20022 `pain.001`) as Finnish banks take it: version `001.001.09` by default,
 * `001.001.03` on request (integrations.md §1).
 *
 * The file is produced as a stream of string chunks so that a 100 000-payment batch never sits in memory: the
 * payments of each group are read from an iterator (sync or async, e.g. a database cursor) while the XML is written.
 * The group header needs the number of transactions and the control sum *before* the payments, so the caller
 * supplies them (from the database or from {@link checkPain001}, a cheap first pass) and the generator verifies
 * them while streaming. On any problem the generator throws {@link Pain001Error} **before** writing the closing
 * `</Document>`, so a partial output is never a well-formed file; the caller must discard what it received.
 *
 * What Huoma writes, per Finnish bank guides and the EPC SCT rulebook:
 * - `GrpHdr`: MsgId, CreDtTm, NbOfTxs, CtrlSum, InitgPty (Nm and, when given, the bank-given service/contract id —
 *   usually the Y-tunnus — as `Id/OrgId/Othr/Id` with scheme `BANK`).
 * - One `PmtInf` per group: PmtMtd `TRF`, optional BtchBookg and per-group NbOfTxs/CtrlSum, PmtTpInf with SvcLvl
 *   `SEPA` and the optional category purpose, ReqdExctnDt (a banking day, not in the past), Dbtr (Nm + the same
 *   id), DbtrAcct IBAN, DbtrAgt BIC, ChrgBr `SLEV`.
 * - Per payment: EndToEndId (the reconciliation key that comes back in pain.002 and camt.054), EUR amount, CdtrAgt
 *   with the real BIC of the Finnish bank code (derived from the IBAN), Cdtr name, CdtrAcct IBAN and remittance:
 *   exactly one of a Finnish reference (`Strd/CdtrRefInf`, `SCOR`), an RF reference (`SCOR` + `Issr` `ISO`) or an
 *   unstructured message (`Ustrd`, max 140).
 *
 * @module
 */
import { isBankingDay, parseLocalDate, compareLocalDates, type LocalDate } from '../calendar';
import { bicForFinnishIban, isValidBic, validateFinnishIban } from '../iban';
import type { Cents } from '../money';
import { validateFinnishReference, validateRfReference } from '../reference';
import { electronicFormatIBAN, isSEPACountry, isValidIBAN } from 'ibantools';
import {
  centsToDecimal,
  checkSepaIdentifier,
  checkSepaText,
  helsinkiDateTime,
  isIsoDateTime,
  SEPA_MAX_AMOUNT,
} from './text';
import { writeXml, type XmlChild } from './xml-writer';

/** pain.001 versions Huoma writes. `001.001.09` (ISO 2019) is the default; `001.001.03` (ISO 2009) on request. */
export type Pain001Version = '001.001.09' | '001.001.03';

/** Longest creditor or debtor name (EPC AT-21/AT-02). */
export const SEPA_NAME_MAX_LENGTH = 70;
/** Longest unstructured remittance message (Max140Text). */
export const SEPA_MESSAGE_MAX_LENGTH = 140;

/** The paying organisation (municipality or wellbeing services county) and its account. */
export interface Pain001Debtor {
  /** Max 70 characters, ISO-8859-15. */
  name: string;
  /** Finnish IBAN of the account to debit. */
  iban: string;
  /** BIC of the debtor's bank; derived from the IBAN when omitted. */
  bic?: string;
  /**
   * The identifier the bank gave for the payment service (palvelutunnus / sopimustunnus), usually the Y-tunnus.
   * Written in `InitgPty` and `Dbtr` as `Id/OrgId/Othr/Id`. Omit if the bank identifies the sender otherwise.
   */
  organisationId?: string;
  /** Scheme code of {@link organisationId}; Finnish banks want `BANK` (default). */
  organisationIdScheme?: string;
}

/** Exactly one kind of remittance information per payment. */
export type Pain001Remittance =
  /** Finnish viitenumero; spaces and leading zeros are removed before writing. */
  | { kind: 'finnish_reference'; reference: string }
  /** RF creditor reference (ISO 11649); written upper-case without spaces. */
  | { kind: 'rf_reference'; reference: string }
  /** Free text, 1–140 characters, ISO-8859-15 (å/ä/ö allowed). */
  | { kind: 'message'; message: string };

/** One credit transfer. */
export interface Pain001Payment {
  /** Unique within the file; SEPA-safe, max 35 (see `checkSepaIdentifier`). Returned by the bank in pain.002/camt. */
  endToEndId: string;
  /** Optional InstrId (the debtor bank sees it, the creditor does not); same rules as the EndToEndId. */
  instructionId?: string;
  /** Amount in euro cents, 1 … 99 999 999 999. */
  amount: Cents;
  /** Max 70 characters, ISO-8859-15 (å, ä, ö kept). Normalise register names with `toSepaText` first. */
  creditorName: string;
  /** Finnish IBAN, or another SEPA country's IBAN (then `creditorBic` is optional and no BIC is derived). */
  creditorIban: string;
  /**
   * BIC of the creditor's bank. For a Finnish IBAN the BIC of the bank code is always written; a different value
   * here is an error (`creditorBic`/`mismatch`). Needed only for a Finnish bank code missing from the table.
   */
  creditorBic?: string;
  remittance: Pain001Remittance;
  /** Optional ISO purpose code (ExternalPurpose1Code, 4 letters), e.g. `BENE`, `SSBE`, `GOVT`. */
  purpose?: string;
}

/**
 * Category purpose (PmtTpInf/CtgyPurp, ExternalCategoryPurpose1Code) of a payment group. Finnish banks act on it:
 * `SALA`/`PENS` mark salary/pension batches (Nordea, Samlink). For social-welfare benefit payouts to clients the
 * ISO code is `SSBE` (social security benefit); payments to service providers are `SUPP`. The code to use for
 * benefits must be agreed with the bank (integrations.md §1.2, "verify"), so none is written unless given.
 */
export type CategoryPurposeCode = 'SSBE' | 'SALA' | 'PENS' | 'SUPP' | 'GOVT' | 'OTHR' | (string & {});

/** One `PmtInf`: payments from the debtor account with the same requested execution date and category. */
export interface Pain001Group {
  /** Unique within the file; SEPA-safe, max 35. */
  paymentInfoId: string;
  /** A Finnish banking day, not before `today`. */
  requestedExecutionDate: LocalDate;
  categoryPurpose?: CategoryPurposeCode;
  /** `true`: one combined debit on the account statement; `false`: one per payment; omitted: bank default. */
  batchBooking?: boolean;
  /** If given, written as PmtInf/NbOfTxs and verified like the header's. */
  numberOfTransactions?: number;
  /** If given, written as PmtInf/CtrlSum and verified like the header's. */
  controlSum?: Cents | bigint;
  /** The payments, read once per generate/check call. At least one. */
  payments: Iterable<Pain001Payment> | AsyncIterable<Pain001Payment>;
}

/** Everything needed to write one pain.001 file. */
export interface Pain001Input {
  version?: Pain001Version;
  /** Unique per sender (the bank refuses a repeated MsgId); SEPA-safe, max 35. */
  messageId: string;
  /** GrpHdr/CreDtTm: a `Date` (written as Helsinki time with offset) or an `xs:dateTime` string as is. */
  creationDateTime: Date | string;
  /** The date the file is made, for refusing past execution dates (pass `todayInHelsinki(now)`). */
  today: LocalDate;
  debtor: Pain001Debtor;
  /** Precomputed Σ payments; verified while streaming. */
  numberOfTransactions: number;
  /** Precomputed Σ amounts in cents (a bigint as {@link checkPain001} returns it, or `Cents`); verified while streaming. */
  controlSum: Cents | bigint;
  groups: Iterable<Pain001Group> | AsyncIterable<Pain001Group>;
}

/** Output formatting. */
export interface Pain001Options {
  /** Indent the XML (default `true`): easier to read in support cases; banks accept both. */
  prettyPrint?: boolean;
  /** Approximate size of the yielded chunks in characters (default 65 536). */
  chunkSize?: number;
}

/** Field an issue is about. `debtor.*` and header fields have no group/payment index. */
export type Pain001Field =
  | 'version'
  | 'messageId'
  | 'creationDateTime'
  | 'today'
  | 'numberOfTransactions'
  | 'controlSum'
  | 'debtor.name'
  | 'debtor.iban'
  | 'debtor.bic'
  | 'debtor.organisationId'
  | 'debtor.organisationIdScheme'
  | 'groups'
  | 'paymentInfoId'
  | 'requestedExecutionDate'
  | 'categoryPurpose'
  | 'payments'
  | 'endToEndId'
  | 'instructionId'
  | 'amount'
  | 'creditorName'
  | 'creditorIban'
  | 'creditorBic'
  | 'remittance'
  | 'purpose';

/**
 * What is wrong:
 * - `required`, `too_long`, `invalid_characters` (outside the allowed set, or surrounding spaces),
 *   `invalid_slashes` (identifier starts/ends with `/` or contains `//`), `duplicate` (id repeated in the file);
 * - `invalid` (bad IBAN/BIC/reference/date/code/time format or checksum), `unknown_bank` (Finnish bank code not in
 *   Finance Finland's table and no BIC given), `retired_bank` (bank has left Finland), `not_sepa` (IBAN country
 *   outside SEPA), `mismatch` (given BIC differs from the bank code's BIC; declared count/sum differs from the
 *   payments);
 * - `not_integer`, `not_positive`, `above_maximum` (amount over 999 999 999,99 €);
 * - `in_past`, `not_banking_day` (requested execution date);
 * - `empty` (no groups, or a group without payments).
 */
export type Pain001IssueCode =
  | 'required'
  | 'too_long'
  | 'invalid_characters'
  | 'invalid_slashes'
  | 'duplicate'
  | 'invalid'
  | 'unknown_bank'
  | 'retired_bank'
  | 'not_sepa'
  | 'mismatch'
  | 'not_integer'
  | 'not_positive'
  | 'above_maximum'
  | 'in_past'
  | 'not_banking_day'
  | 'empty';

/** One validation finding, located by group and payment index so the server can point at the row. */
export interface Pain001Issue {
  field: Pain001Field;
  code: Pain001IssueCode;
  /** 0-based index of the group in `groups`, for group and payment issues. */
  groupIndex?: number;
  /** 0-based index of the payment within its group. */
  paymentIndex?: number;
  /** 0-based position of the payment in the whole file. */
  paymentOrdinal?: number;
}

/** Thrown by {@link generatePain001} and {@link pain001ToString}; `issues` says what was wrong. */
export class Pain001Error extends Error {
  override readonly name = 'Pain001Error';
  constructor(readonly issues: readonly Pain001Issue[]) {
    super(`pain.001 not generated: ${issues.map((i) => `${i.field} ${i.code}`).join(', ')}`);
  }
}

/** Result of {@link checkPain001}. */
export interface Pain001Check {
  /** Empty when the input can be generated. */
  issues: Pain001Issue[];
  /** Payments counted. */
  numberOfTransactions: number;
  /** Σ amounts of the payments that have a valid integer amount, as a bigint (no overflow). */
  controlSum: bigint;
  /** Per group, in order. */
  groups: { numberOfTransactions: number; controlSum: bigint }[];
}

// ---------------------------------------------------------------------------------------------------------------
// Validation

type Issue = Pick<Pain001Issue, 'field' | 'code'>;

const CODE4 = /^[A-Z0-9]{1,4}$/;

const isPositiveAmount = (value: unknown) =>
  typeof value === 'bigint' ? value >= 1n : typeof value === 'number' && Number.isSafeInteger(value) && value >= 1;

const checkId = (field: Pain001Field, value: unknown, issues: Issue[]) => {
  const code = checkSepaIdentifier(value as string);
  if (code) issues.push({ field, code });
};

const checkText = (field: Pain001Field, value: unknown, maxLength: number, issues: Issue[]) => {
  const code = checkSepaText(value as string, maxLength);
  if (code) issues.push({ field, code });
};

/** Validated header values. */
interface Header {
  version: Pain001Version;
  creationDateTime: string;
  debtorIban: string;
  debtorBic: string;
  scheme: string;
}

function checkHeader(input: Partial<Pain001Input>, issues: Issue[], requireTotals: boolean): Header | undefined {
  const before = issues.length;
  if (input.version !== undefined && input.version !== '001.001.09' && input.version !== '001.001.03') {
    issues.push({ field: 'version', code: 'invalid' });
  }
  checkId('messageId', input.messageId, issues);
  let creationDateTime = '';
  if (input.creationDateTime instanceof Date) {
    if (Number.isNaN(input.creationDateTime.getTime())) issues.push({ field: 'creationDateTime', code: 'invalid' });
    else creationDateTime = helsinkiDateTime(input.creationDateTime);
  } else if (typeof input.creationDateTime === 'string' && isIsoDateTime(input.creationDateTime)) {
    creationDateTime = input.creationDateTime;
  } else {
    issues.push({ field: 'creationDateTime', code: input.creationDateTime === undefined ? 'required' : 'invalid' });
  }
  if (typeof input.today !== 'string' || parseLocalDate(input.today) === null) issues.push({ field: 'today', code: 'invalid' });
  if (requireTotals || input.numberOfTransactions !== undefined) {
    const n = input.numberOfTransactions;
    if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 1) {
      issues.push({ field: 'numberOfTransactions', code: n === undefined ? 'required' : 'invalid' });
    }
  }
  if ((requireTotals || input.controlSum !== undefined) && !isPositiveAmount(input.controlSum)) {
    issues.push({ field: 'controlSum', code: input.controlSum === undefined ? 'required' : 'invalid' });
  }
  const debtor = input.debtor;
  if (!debtor) {
    issues.push({ field: 'debtor.name', code: 'required' }, { field: 'debtor.iban', code: 'required' });
    return undefined;
  }
  checkText('debtor.name', debtor.name, SEPA_NAME_MAX_LENGTH, issues);
  const iban = typeof debtor.iban === 'string' ? validateFinnishIban(debtor.iban) : undefined;
  let debtorBic = '';
  if (!iban?.ok) {
    issues.push({ field: 'debtor.iban', code: debtor.iban ? 'invalid' : 'required' });
  } else if (debtor.bic !== undefined) {
    if (!isValidBic(debtor.bic)) issues.push({ field: 'debtor.bic', code: 'invalid' });
    debtorBic = debtor.bic;
  } else {
    const bank = bicForFinnishIban(iban.value);
    if (bank.ok) debtorBic = bank.value.bic;
    else issues.push({ field: 'debtor.bic', code: bank.error === 'retired_bank_code' ? 'retired_bank' : 'unknown_bank' });
  }
  if (debtor.organisationId !== undefined) checkId('debtor.organisationId', debtor.organisationId, issues);
  const scheme = debtor.organisationIdScheme ?? 'BANK';
  if (!CODE4.test(scheme)) issues.push({ field: 'debtor.organisationIdScheme', code: 'invalid' });
  if (issues.length > before || !iban?.ok) return undefined;
  return { version: input.version ?? '001.001.09', creationDateTime, debtorIban: iban.value, debtorBic, scheme };
}

function checkGroupHeader(group: Pain001Group, today: LocalDate, issues: Issue[]): void {
  checkId('paymentInfoId', group.paymentInfoId, issues);
  const date = typeof group.requestedExecutionDate === 'string' ? parseLocalDate(group.requestedExecutionDate) : null;
  if (date === null) issues.push({ field: 'requestedExecutionDate', code: group.requestedExecutionDate ? 'invalid' : 'required' });
  else if (compareLocalDates(date, today) < 0) issues.push({ field: 'requestedExecutionDate', code: 'in_past' });
  else if (!isBankingDay(date)) issues.push({ field: 'requestedExecutionDate', code: 'not_banking_day' });
  if (group.categoryPurpose !== undefined && !/^[A-Z]{4}$/.test(group.categoryPurpose)) {
    issues.push({ field: 'categoryPurpose', code: 'invalid' });
  }
  const n = group.numberOfTransactions;
  if (n !== undefined && (!Number.isSafeInteger(n) || n < 1)) issues.push({ field: 'numberOfTransactions', code: 'invalid' });
  if (group.controlSum !== undefined && !isPositiveAmount(group.controlSum)) issues.push({ field: 'controlSum', code: 'invalid' });
  if (group.payments == null) issues.push({ field: 'payments', code: 'required' });
}

/** A payment after validation, as written. */
interface CheckedPayment {
  endToEndId: string;
  instructionId?: string;
  amount: number;
  creditorName: string;
  creditorIban: string;
  creditorBic?: string;
  remittance: { ustrd: string } | { ref: string; iso: boolean };
  purpose?: string;
}

/** Validates one payment; returns it in written form, or undefined (and pushes issues). */
function checkPayment(p: Pain001Payment, issues: Issue[]): CheckedPayment | undefined {
  const before = issues.length;
  checkId('endToEndId', p.endToEndId, issues);
  if (p.instructionId !== undefined) checkId('instructionId', p.instructionId, issues);

  const amount = p.amount as unknown;
  if (typeof amount !== 'number' || !Number.isSafeInteger(amount)) issues.push({ field: 'amount', code: amount == null ? 'required' : 'not_integer' });
  else if (amount <= 0) issues.push({ field: 'amount', code: 'not_positive' });
  else if (amount > SEPA_MAX_AMOUNT) issues.push({ field: 'amount', code: 'above_maximum' });

  checkText('creditorName', p.creditorName, SEPA_NAME_MAX_LENGTH, issues);

  let creditorIban = '';
  let creditorBic: string | undefined;
  if (typeof p.creditorIban !== 'string' || p.creditorIban.trim() === '') {
    issues.push({ field: 'creditorIban', code: 'required' });
  } else if (/^\s*(FI|AX)/i.test(p.creditorIban)) {
    const iban = validateFinnishIban(p.creditorIban);
    if (!iban.ok) {
      issues.push({ field: 'creditorIban', code: 'invalid' });
    } else {
      creditorIban = iban.value;
      const bank = bicForFinnishIban(iban.value);
      if (p.creditorBic !== undefined && !isValidBic(p.creditorBic)) {
        issues.push({ field: 'creditorBic', code: 'invalid' });
      } else if (bank.ok) {
        if (p.creditorBic !== undefined && p.creditorBic !== bank.value.bic) issues.push({ field: 'creditorBic', code: 'mismatch' });
        creditorBic = bank.value.bic;
      } else if (bank.error === 'retired_bank_code') {
        issues.push({ field: 'creditorIban', code: 'retired_bank' });
      } else if (p.creditorBic === undefined) {
        issues.push({ field: 'creditorBic', code: 'unknown_bank' });
      } else {
        creditorBic = p.creditorBic;
      }
    }
  } else {
    const iban = electronicFormatIBAN(p.creditorIban) ?? '';
    if (!isValidIBAN(iban)) issues.push({ field: 'creditorIban', code: 'invalid' });
    else if (!isSEPACountry(iban.slice(0, 2))) issues.push({ field: 'creditorIban', code: 'not_sepa' });
    else creditorIban = iban;
    if (p.creditorBic !== undefined) {
      if (isValidBic(p.creditorBic)) creditorBic = p.creditorBic;
      else issues.push({ field: 'creditorBic', code: 'invalid' });
    }
  }

  let remittance: CheckedPayment['remittance'] | undefined;
  const r = p.remittance as Pain001Remittance | undefined;
  if (r == null) {
    issues.push({ field: 'remittance', code: 'required' });
  } else if (r.kind === 'finnish_reference') {
    const ref = typeof r.reference === 'string' ? validateFinnishReference(r.reference) : undefined;
    if (ref?.ok) remittance = { ref: ref.value, iso: false };
    else issues.push({ field: 'remittance', code: r.reference ? 'invalid' : 'required' });
  } else if (r.kind === 'rf_reference') {
    const ref = typeof r.reference === 'string' ? validateRfReference(r.reference) : undefined;
    if (ref?.ok) remittance = { ref: ref.value.reference, iso: true };
    else issues.push({ field: 'remittance', code: r.reference ? 'invalid' : 'required' });
  } else if (r.kind === 'message') {
    const code = checkSepaText(r.message, SEPA_MESSAGE_MAX_LENGTH);
    if (code) issues.push({ field: 'remittance', code });
    else remittance = { ustrd: r.message };
  } else {
    issues.push({ field: 'remittance', code: 'invalid' });
  }
  if (p.purpose !== undefined && !/^[A-Z]{4}$/.test(p.purpose)) issues.push({ field: 'purpose', code: 'invalid' });

  if (issues.length > before || remittance === undefined) return undefined;
  return {
    endToEndId: p.endToEndId,
    ...(p.instructionId !== undefined && { instructionId: p.instructionId }),
    amount: amount as number,
    creditorName: p.creditorName,
    creditorIban,
    ...(creditorBic !== undefined && { creditorBic }),
    remittance,
    ...(p.purpose !== undefined && { purpose: p.purpose }),
  };
}

/**
 * Validates a single payment on its own (no duplicate check): the issues, without indexes. Useful when a payment
 * is created or edited, long before a file is made.
 */
export function validatePain001Payment(payment: Pain001Payment): Pain001Issue[] {
  const issues: Issue[] = [];
  checkPayment(payment, issues);
  return issues;
}

/**
 * The first pass: validates the whole input (header, every group and every payment, duplicate ids) and counts
 * transactions and amounts, which the caller passes to {@link generatePain001}. `numberOfTransactions` and
 * `controlSum` may be omitted; when given they are compared with the computed totals. Reads every payment
 * iterable once; memory grows only with the number of distinct ids (for the duplicate check) and the issues.
 */
export async function checkPain001(
  input: Omit<Pain001Input, 'numberOfTransactions' | 'controlSum'> & Partial<Pick<Pain001Input, 'numberOfTransactions' | 'controlSum'>>,
): Promise<Pain001Check> {
  const issues: Pain001Issue[] = [];
  const headerIssues: Issue[] = [];
  checkHeader(input, headerIssues, false);
  issues.push(...headerIssues);
  const today = parseLocalDate(String(input.today)) ?? ('0000-01-01' as LocalDate);
  const groups: Pain001Check['groups'] = [];
  const paymentInfoIds = new Set<string>();
  const endToEndIds = new Set<string>();
  let ordinal = 0;
  let total = 0n;
  let groupIndex = 0;
  for await (const group of input.groups ?? []) {
    const groupIssues: Issue[] = [];
    checkGroupHeader(group, today, groupIssues);
    if (paymentInfoIds.has(group.paymentInfoId)) groupIssues.push({ field: 'paymentInfoId', code: 'duplicate' });
    paymentInfoIds.add(group.paymentInfoId);
    let count = 0;
    let sum = 0n;
    for await (const payment of group.payments ?? []) {
      const paymentIssues: Issue[] = [];
      checkPayment(payment, paymentIssues);
      if (typeof payment.endToEndId === 'string') {
        if (endToEndIds.has(payment.endToEndId)) paymentIssues.push({ field: 'endToEndId', code: 'duplicate' });
        endToEndIds.add(payment.endToEndId);
      }
      for (const issue of paymentIssues) issues.push({ ...issue, groupIndex, paymentIndex: count, paymentOrdinal: ordinal });
      if (Number.isSafeInteger(payment.amount)) sum += BigInt(payment.amount);
      count++;
      ordinal++;
    }
    if (count === 0) groupIssues.push({ field: 'payments', code: 'empty' });
    if (group.numberOfTransactions !== undefined && group.numberOfTransactions !== count) {
      groupIssues.push({ field: 'numberOfTransactions', code: 'mismatch' });
    }
    if (isPositiveAmount(group.controlSum) && BigInt(group.controlSum as bigint) !== sum) groupIssues.push({ field: 'controlSum', code: 'mismatch' });
    for (const issue of groupIssues) issues.push({ ...issue, groupIndex });
    groups.push({ numberOfTransactions: count, controlSum: sum });
    total += sum;
    groupIndex++;
  }
  if (groupIndex === 0) issues.push({ field: 'groups', code: 'empty' });
  if (input.numberOfTransactions !== undefined && Number.isSafeInteger(input.numberOfTransactions) && input.numberOfTransactions !== ordinal) {
    issues.push({ field: 'numberOfTransactions', code: 'mismatch' });
  }
  if (input.controlSum !== undefined && isPositiveAmount(input.controlSum) && BigInt(input.controlSum) !== total) {
    issues.push({ field: 'controlSum', code: 'mismatch' });
  }
  return { issues, numberOfTransactions: ordinal, controlSum: total, groups };
}

// ---------------------------------------------------------------------------------------------------------------
// Generation

const NAMESPACE = (version: Pain001Version) => `urn:iso:std:iso:20022:tech:xsd:pain.${version}`;

/**
 * Writes the pain.001 file as string chunks (each about `chunkSize` characters; concatenated they are the UTF-8
 * document). Validates the header first and each group and payment as it is read; throws {@link Pain001Error} at
 * the first invalid one, and at the end when the payments do not add up to the declared `numberOfTransactions` /
 * `controlSum` (header or group). The closing tag is yielded only after all checks pass.
 *
 * Memory stays flat in the number of payments except for the set of EndToEndIds kept for the uniqueness check
 * (tens of bytes per payment).
 */
export async function* generatePain001(input: Pain001Input, options: Pain001Options = {}): AsyncGenerator<string, void, undefined> {
  const headerIssues: Issue[] = [];
  const header = checkHeader(input, headerIssues, true);
  if (!header) throw new Pain001Error(headerIssues);
  const v09 = header.version === '001.001.09';
  const bicTag = v09 ? 'BICFI' : 'BIC';
  const chunkSize = options.chunkSize ?? 65_536;
  const indent = options.prettyPrint === false ? null : '  ';
  const nl = indent === null ? '' : '\n';
  const pad = (depth: number) => (indent === null ? '' : nl + indent.repeat(depth));

  let buffer = '';
  const party: XmlChild = input.debtor.organisationId !== undefined && [
    'Id',
    [['OrgId', [['Othr', [['Id', input.debtor.organisationId], ['SchmeNm', [['Cd', header.scheme]]]]]]]],
  ];

  buffer += `<?xml version="1.0" encoding="UTF-8"?>${nl}<Document xmlns="${NAMESPACE(header.version)}">${pad(1)}<CstmrCdtTrfInitn>`;
  buffer += writeXml(
    [
      [
        'GrpHdr',
        [
          ['MsgId', input.messageId],
          ['CreDtTm', header.creationDateTime],
          ['NbOfTxs', String(input.numberOfTransactions)],
          ['CtrlSum', centsToDecimal(input.controlSum)],
          ['InitgPty', [['Nm', input.debtor.name], party]],
        ],
      ],
    ],
    indent,
    2,
  );

  const paymentInfoIds = new Set<string>();
  const endToEndIds = new Set<string>();
  let ordinal = 0;
  let total = 0n;
  let groupIndex = 0;
  for await (const group of input.groups) {
    const groupIssues: Issue[] = [];
    checkGroupHeader(group, input.today, groupIssues);
    if (paymentInfoIds.has(group.paymentInfoId)) groupIssues.push({ field: 'paymentInfoId', code: 'duplicate' });
    if (groupIssues.length > 0) throw new Pain001Error(groupIssues.map((i) => ({ ...i, groupIndex })));
    paymentInfoIds.add(group.paymentInfoId);

    buffer += `${pad(2)}<PmtInf>`;
    buffer += writeXml(
      [
        ['PmtInfId', group.paymentInfoId],
        ['PmtMtd', 'TRF'],
        group.batchBooking !== undefined && ['BtchBookg', String(group.batchBooking)],
        group.numberOfTransactions !== undefined && ['NbOfTxs', String(group.numberOfTransactions)],
        group.controlSum !== undefined && ['CtrlSum', centsToDecimal(group.controlSum)],
        ['PmtTpInf', [['SvcLvl', [['Cd', 'SEPA']]], group.categoryPurpose !== undefined && ['CtgyPurp', [['Cd', group.categoryPurpose]]]]],
        ['ReqdExctnDt', v09 ? [['Dt', group.requestedExecutionDate]] : group.requestedExecutionDate],
        ['Dbtr', [['Nm', input.debtor.name], party]],
        ['DbtrAcct', [['Id', [['IBAN', header.debtorIban]]]]],
        ['DbtrAgt', [['FinInstnId', [[bicTag, header.debtorBic]]]]],
        ['ChrgBr', 'SLEV'],
      ],
      indent,
      3,
    );

    let count = 0;
    let sum = 0n;
    for await (const payment of group.payments) {
      const issues: Issue[] = [];
      const p = checkPayment(payment, issues);
      if (p && endToEndIds.has(p.endToEndId)) issues.push({ field: 'endToEndId', code: 'duplicate' });
      if (!p || issues.length > 0) {
        throw new Pain001Error(issues.map((i) => ({ ...i, groupIndex, paymentIndex: count, paymentOrdinal: ordinal })));
      }
      endToEndIds.add(p.endToEndId);
      const r = p.remittance;
      buffer += writeXml(
        [
          [
            'CdtTrfTxInf',
            [
              ['PmtId', [p.instructionId !== undefined && ['InstrId', p.instructionId], ['EndToEndId', p.endToEndId]]],
              ['Amt', [['InstdAmt', centsToDecimal(BigInt(p.amount)), { Ccy: 'EUR' }]]],
              p.creditorBic !== undefined && ['CdtrAgt', [['FinInstnId', [[bicTag, p.creditorBic]]]]],
              ['Cdtr', [['Nm', p.creditorName]]],
              ['CdtrAcct', [['Id', [['IBAN', p.creditorIban]]]]],
              p.purpose !== undefined && ['Purp', [['Cd', p.purpose]]],
              [
                'RmtInf',
                'ustrd' in r
                  ? [['Ustrd', r.ustrd]]
                  : [['Strd', [['CdtrRefInf', [['Tp', [['CdOrPrtry', [['Cd', 'SCOR']]], r.iso && ['Issr', 'ISO']]], ['Ref', r.ref]]]]]],
              ],
            ],
          ],
        ],
        indent,
        3,
      );
      count++;
      ordinal++;
      sum += BigInt(p.amount);
      if (buffer.length >= chunkSize) {
        yield buffer;
        buffer = '';
      }
    }
    const endIssues: Issue[] = [];
    if (count === 0) endIssues.push({ field: 'payments', code: 'empty' });
    if (group.numberOfTransactions !== undefined && group.numberOfTransactions !== count) endIssues.push({ field: 'numberOfTransactions', code: 'mismatch' });
    if (group.controlSum !== undefined && BigInt(group.controlSum) !== sum) endIssues.push({ field: 'controlSum', code: 'mismatch' });
    if (endIssues.length > 0) throw new Pain001Error(endIssues.map((i) => ({ ...i, groupIndex })));
    buffer += `${pad(2)}</PmtInf>`;
    total += sum;
    groupIndex++;
  }

  const endIssues: Issue[] = [];
  if (groupIndex === 0) endIssues.push({ field: 'groups', code: 'empty' });
  if (ordinal !== input.numberOfTransactions) endIssues.push({ field: 'numberOfTransactions', code: 'mismatch' });
  if (total !== BigInt(input.controlSum)) endIssues.push({ field: 'controlSum', code: 'mismatch' });
  if (endIssues.length > 0) throw new Pain001Error(endIssues);
  yield `${buffer}${pad(1)}</CstmrCdtTrfInitn>${nl}</Document>${nl}`;
}

/** Collects {@link generatePain001} into one string; for small files and tests. */
export async function pain001ToString(input: Pain001Input, options?: Pain001Options): Promise<string> {
  let out = '';
  for await (const chunk of generatePain001(input, options)) out += chunk;
  return out;
}

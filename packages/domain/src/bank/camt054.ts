/**
 * Bank-to-customer debit/credit notifications (ISO 20022 `camt.054.001.02`) as Finnish banks send them
 * (Finance Finland B2C guidance, integrations.md §1.4): booked debits of Huoma's payment batches, incoming
 * reference payments and, for Huoma most importantly, **returned payouts**, which arrive as credit entries whose
 * transactions carry `RtrInf` (reason `AC01` account does not exist, `AC04` account closed, `MS03` …) and the
 * original EndToEndId.
 *
 * The file is read as a stream and yields one {@link Camt054Entry} at a time, so memory does not grow with the
 * number of entries (it is bounded by the largest single entry, whose transaction details are kept as parsed
 * objects).
 *
 * Amount signs: {@link Camt054Entry.signedAmount} is positive for a credit and negative for a debit, and a
 * reversal (`RvslInd` = true) flips the sign — a reversed credit is money leaving the account. This is what makes
 * the Finance Finland sample's `TtlNetNtryAmt` come out right.
 *
 * Idempotent import: `AcctSvcrRef` (arkistointitunnus) identifies an entry at the bank; store the pair
 * (account IBAN, entry `accountServicerReference`) with a unique constraint and skip entries already seen.
 *
 * @module
 */
import { parseLocalDate, type LocalDate } from '../calendar';
import { cents, type Cents } from '../money';
import { validateFinnishReference, validateRfReference } from '../reference';
import { decimalToCents } from './text';
import { BankFileParseError, child, children, readXml, text, type XmlNode, type XmlSource } from './xml-reader';

/** A creditor reference found in remittance information, classified and validated. */
export interface CreditorReference {
  /** As in the file, trimmed. */
  raw: string;
  /** `rf`: starts with `RF` or is issued by `ISO`; `finnish`: digits only; `other`: anything else. */
  kind: 'finnish' | 'rf' | 'other';
  /** Whether it passes the check-digit validation of its kind (`other` is never valid). */
  valid: boolean;
  /** Electronic form when valid: viitenumero without leading zeros, or RF upper case without spaces. */
  reference?: string;
}

/**
 * Classifies a reference from a bank file: `RF…` (or issuer `ISO`) is validated as ISO 11649, digits as a Finnish
 * viitenumero (`00000006450830029863` → `6450830029863`). Invalid ones are kept with `valid: false` so the server
 * can still show them (e.g. a 3-digit reference some banks accept).
 */
export function classifyCreditorReference(raw: string, issuer?: string): CreditorReference {
  const trimmed = raw.trim();
  const compact = trimmed.replace(/\s+/g, '').toUpperCase();
  if (compact.startsWith('RF') || issuer === 'ISO') {
    const rf = validateRfReference(compact);
    return rf.ok ? { raw: trimmed, kind: 'rf', valid: true, reference: rf.value.reference } : { raw: trimmed, kind: 'rf', valid: false };
  }
  if (/^\d+$/.test(compact)) {
    const fi = validateFinnishReference(compact);
    return fi.ok ? { raw: trimmed, kind: 'finnish', valid: true, reference: fi.value } : { raw: trimmed, kind: 'finnish', valid: false };
  }
  return { raw: trimmed, kind: 'other', valid: false };
}

/** One `Strd` block of remittance information. Finnish AOS2 allows several (an invoice and its credit notes). */
export interface StructuredRemittance {
  reference?: CreditorReference;
  /** `RfrdDocAmt/RmtdAmt`: amount paid against this reference. */
  remittedAmount?: Cents;
  /** `RfrdDocAmt/CdtNoteAmt`: credit note deducted (reduces the transaction amount). */
  creditNoteAmount?: Cents;
  /** `RfrdDocInf/Tp/CdOrPrtry/Cd`, e.g. `CINV`. */
  documentType?: string;
  /** `RfrdDocInf/Nb`, e.g. an invoice number. */
  documentNumber?: string;
}

/** `RtrInf`: why a payment came back. */
export interface ReturnInformation {
  /** ISO return reason, e.g. `AC01` (incorrect account), `AC04` (closed account), `AC06` (blocked), `MS03`, `CUST`. */
  reasonCode?: string;
  proprietaryReason?: string;
  /** Text lines, e.g. `1+TILIÄ EI LÖYDY`. */
  additionalInfo: string[];
  originatorName?: string;
  originatorBic?: string;
}

/** One `TxDtls`. */
export interface Camt054Transaction {
  /** Transaction-level archive reference (`Refs/AcctSvcrRef`). */
  accountServicerReference?: string;
  /** EndToEndId of the original payment: Huoma's key to match a return or a booked debit to its payment. */
  endToEndId?: string;
  instructionId?: string;
  messageId?: string;
  paymentInfoId?: string;
  transactionId?: string;
  /** `AmtDtls/TxAmt/Amt` (booked, account currency), else `AmtDtls/InstdAmt/Amt`. */
  amount?: Cents;
  currency?: string;
  /** Instructed amount when it differs in currency (international payments). */
  instructedAmount?: { amount: Cents; currency: string };
  bankTransactionCode?: BankTransactionCode;
  debtorName?: string;
  debtorIban?: string;
  ultimateDebtorName?: string;
  creditorName?: string;
  creditorIban?: string;
  /** Non-IBAN creditor account (`CdtrAcct/Id/Othr/Id`, e.g. a BBAN in legacy material). */
  creditorAccountOther?: string;
  ultimateCreditorName?: string;
  /** `Purp/Cd`. */
  purpose?: string;
  /** All creditor references of the structured blocks, in order. */
  references: CreditorReference[];
  structuredRemittance: StructuredRemittance[];
  unstructuredRemittance: string[];
  /** Present on returned payments. */
  returnInformation?: ReturnInformation;
  /** `RltdDts/AccptncDtTm`: in Finland the payer's payment date (AOS1). */
  acceptanceDateTime?: string;
  interbankSettlementDate?: LocalDate;
  additionalInfo?: string;
}

/** `BkTxCd`: ISO domain/family/sub-family and the Finnish proprietary code (e.g. `705` reference payment). */
export interface BankTransactionCode {
  domain?: string;
  family?: string;
  subFamily?: string;
  /** e.g. `705TransactionCodeText` or `705 VIITESIIRROT`; the first three digits are the Finnish code. */
  proprietaryCode?: string;
  /** e.g. `FFFS`. */
  proprietaryIssuer?: string;
}

/** `NtryDtls/Btch`. */
export interface Camt054Batch {
  messageId?: string;
  paymentInfoId?: string;
  numberOfTransactions?: number;
  totalAmount?: Cents;
  creditDebit?: 'CRDT' | 'DBIT';
}

/** The `Ntfctn` an entry belongs to (one per reported account); shared by all its entries. */
export interface Camt054Notification {
  id?: string;
  creationDateTime?: string;
  electronicSequenceNumber?: string;
  accountIban?: string;
  /** Non-IBAN account id, if the bank sent one. */
  accountOther?: string;
  accountCurrency?: string;
  accountServicerBic?: string;
  /** `TxsSummry/TtlNtries`, for checking the entries against the bank's own totals. */
  summary?: {
    numberOfEntries?: number;
    /** Σ entry amounts without signs. */
    sum?: Cents;
    /** Σ signed entry amounts (credits minus debits, reversals negated), signed by its CdtDbtInd. */
    netAmount?: Cents;
  };
}

/** One `Ntry`. */
export interface Camt054Entry {
  /** `GrpHdr/MsgId` of the file. */
  messageId: string;
  notification: Camt054Notification;
  /** 0-based position within its notification. */
  index: number;
  entryReference?: string;
  /** Absolute amount. */
  amount: Cents;
  currency: string;
  creditDebit: 'CRDT' | 'DBIT';
  /** `RvslInd`: this entry reverses an earlier one (or, as in the Finance Finland sample, an unsuccessful credit). */
  reversal: boolean;
  /** + credit, − debit; negated when `reversal`. */
  signedAmount: Cents;
  /** `BOOK` (booked), `PDNG` (pending) or `INFO` (information only, not on the statement). */
  status: string;
  bookingDate?: LocalDate;
  valueDate?: LocalDate;
  /** Arkistointitunnus: the bank's unique reference for the entry — the idempotency key of an import. */
  accountServicerReference?: string;
  bankTransactionCode?: BankTransactionCode;
  batches: Camt054Batch[];
  transactions: Camt054Transaction[];
  additionalInfo?: string;
}

const NAMESPACE = 'urn:iso:std:iso:20022:tech:xsd:camt.054.001.02';

const definedOnly = <T extends object>(value: T): T =>
  Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;

const amountOf = (node: XmlNode | undefined, where: string): Cents | undefined => {
  const raw = node?.text.trim();
  if (raw === undefined || raw === '') return undefined;
  const value = decimalToCents(raw);
  if (value === null || value < 0) throw new BankFileParseError('invalid_amount', `${where}: ${JSON.stringify(raw)}`);
  return value;
};

const dateOf = (node: XmlNode | undefined, where: string): LocalDate | undefined => {
  const raw = text(node, 'Dt') ?? text(node, 'DtTm')?.slice(0, 10) ?? text(node);
  if (raw === undefined) return undefined;
  const date = parseLocalDate(raw);
  if (date === null) throw new BankFileParseError('invalid_date', `${where}: ${JSON.stringify(raw)}`);
  return date;
};

const creditDebitOf = (raw: string | undefined, where: string): 'CRDT' | 'DBIT' | undefined => {
  if (raw === undefined || raw === 'CRDT' || raw === 'DBIT') return raw;
  throw new BankFileParseError('invalid_value', `${where}: ${JSON.stringify(raw)}`);
};

const countOf = (raw: string | undefined, where: string): number | undefined => {
  if (raw === undefined) return undefined;
  if (!/^\d{1,15}$/.test(raw)) throw new BankFileParseError('invalid_value', `${where}: ${JSON.stringify(raw)}`);
  return Number(raw);
};

function bankTransactionCodeOf(node: XmlNode | undefined): BankTransactionCode | undefined {
  if (!node) return undefined;
  return definedOnly<BankTransactionCode>({
    domain: text(node, 'Domn', 'Cd'),
    family: text(node, 'Domn', 'Fmly', 'Cd'),
    subFamily: text(node, 'Domn', 'Fmly', 'SubFmlyCd'),
    proprietaryCode: text(node, 'Prtry', 'Cd'),
    proprietaryIssuer: text(node, 'Prtry', 'Issr'),
  });
}

function transactionOf(node: XmlNode): Camt054Transaction {
  const where = 'Ntry/NtryDtls/TxDtls';
  const txAmount = child(node, 'Amt') ?? child(node, 'AmtDtls', 'TxAmt', 'Amt') ?? child(node, 'AmtDtls', 'InstdAmt', 'Amt');
  const instructed = child(node, 'AmtDtls', 'InstdAmt', 'Amt');
  const instructedAmount = amountOf(instructed, `${where}/AmtDtls/InstdAmt/Amt`);
  const parties = child(node, 'RltdPties');
  const structuredRemittance = children(node, 'RmtInf', 'Strd').map((s) => {
    const ref = child(s, 'CdtrRefInf');
    const raw = text(ref, 'Ref');
    return definedOnly<StructuredRemittance>({
      reference: raw === undefined ? undefined : classifyCreditorReference(raw, text(ref, 'Tp', 'Issr')),
      remittedAmount: amountOf(child(s, 'RfrdDocAmt', 'RmtdAmt'), `${where}/RmtInf/Strd/RfrdDocAmt/RmtdAmt`),
      creditNoteAmount: amountOf(child(s, 'RfrdDocAmt', 'CdtNoteAmt'), `${where}/RmtInf/Strd/RfrdDocAmt/CdtNoteAmt`),
      documentType: text(s, 'RfrdDocInf', 'Tp', 'CdOrPrtry', 'Cd'),
      documentNumber: text(s, 'RfrdDocInf', 'Nb'),
    });
  });
  const rtr = child(node, 'RtrInf');
  return definedOnly<Camt054Transaction>({
    accountServicerReference: text(node, 'Refs', 'AcctSvcrRef'),
    endToEndId: text(node, 'Refs', 'EndToEndId'),
    instructionId: text(node, 'Refs', 'InstrId'),
    messageId: text(node, 'Refs', 'MsgId'),
    paymentInfoId: text(node, 'Refs', 'PmtInfId'),
    transactionId: text(node, 'Refs', 'TxId'),
    amount: amountOf(txAmount, `${where}/AmtDtls/TxAmt/Amt`),
    currency: txAmount?.attributes.Ccy,
    instructedAmount:
      instructed && instructedAmount !== undefined && instructed.attributes.Ccy !== txAmount?.attributes.Ccy
        ? { amount: instructedAmount, currency: instructed.attributes.Ccy ?? '' }
        : undefined,
    bankTransactionCode: bankTransactionCodeOf(child(node, 'BkTxCd')),
    debtorName: text(parties, 'Dbtr', 'Nm'),
    debtorIban: text(parties, 'DbtrAcct', 'Id', 'IBAN'),
    ultimateDebtorName: text(parties, 'UltmtDbtr', 'Nm'),
    creditorName: text(parties, 'Cdtr', 'Nm'),
    creditorIban: text(parties, 'CdtrAcct', 'Id', 'IBAN'),
    creditorAccountOther: text(parties, 'CdtrAcct', 'Id', 'Othr', 'Id'),
    ultimateCreditorName: text(parties, 'UltmtCdtr', 'Nm'),
    purpose: text(node, 'Purp', 'Cd'),
    references: structuredRemittance.flatMap((s) => (s.reference ? [s.reference] : [])),
    structuredRemittance,
    unstructuredRemittance: children(node, 'RmtInf', 'Ustrd').map((u) => u.text.trim()),
    returnInformation: rtr
      ? definedOnly<ReturnInformation>({
          reasonCode: text(rtr, 'Rsn', 'Cd'),
          proprietaryReason: text(rtr, 'Rsn', 'Prtry'),
          additionalInfo: children(rtr, 'AddtlInf').map((a) => a.text.trim()),
          originatorName: text(rtr, 'Orgtr', 'Nm'),
          originatorBic: text(rtr, 'Orgtr', 'Id', 'OrgId', 'BICOrBEI'),
        })
      : undefined,
    acceptanceDateTime: text(node, 'RltdDts', 'AccptncDtTm'),
    interbankSettlementDate: dateOf(child(node, 'RltdDts', 'IntrBkSttlmDt'), `${where}/RltdDts/IntrBkSttlmDt`),
    additionalInfo: text(node, 'AddtlTxInf'),
  });
}

function notificationOf(node: XmlNode): Camt054Notification {
  const acct = child(node, 'Acct');
  const totals = child(node, 'TxsSummry', 'TtlNtries');
  const net = amountOf(child(totals, 'TtlNetNtryAmt'), 'Ntfctn/TxsSummry/TtlNtries/TtlNetNtryAmt');
  const netSign = creditDebitOf(text(totals, 'CdtDbtInd'), 'Ntfctn/TxsSummry/TtlNtries/CdtDbtInd');
  return definedOnly<Camt054Notification>({
    id: text(node, 'Id'),
    creationDateTime: text(node, 'CreDtTm'),
    electronicSequenceNumber: text(node, 'ElctrncSeqNb'),
    accountIban: text(acct, 'Id', 'IBAN'),
    accountOther: text(acct, 'Id', 'Othr', 'Id'),
    accountCurrency: text(acct, 'Ccy'),
    accountServicerBic: text(acct, 'Svcr', 'FinInstnId', 'BIC'),
    summary: totals
      ? definedOnly({
          numberOfEntries: countOf(text(totals, 'NbOfNtries'), 'Ntfctn/TxsSummry/TtlNtries/NbOfNtries'),
          sum: amountOf(child(totals, 'Sum'), 'Ntfctn/TxsSummry/TtlNtries/Sum'),
          netAmount: net === undefined ? undefined : cents(netSign === 'DBIT' ? -net : net),
        })
      : undefined,
  });
}

function entryOf(
  node: XmlNode,
  messageId: string,
  notification: Camt054Notification,
  index: number,
  batches: Camt054Batch[],
  transactions: Camt054Transaction[],
): Camt054Entry {
  const amountNode = child(node, 'Amt');
  const amount = amountOf(amountNode, 'Ntry/Amt');
  if (amount === undefined) throw new BankFileParseError('missing_element', 'Ntry/Amt');
  const creditDebit = creditDebitOf(text(node, 'CdtDbtInd'), 'Ntry/CdtDbtInd');
  if (!creditDebit) throw new BankFileParseError('missing_element', 'Ntry/CdtDbtInd');
  const reversalText = text(node, 'RvslInd');
  if (reversalText !== undefined && !['true', 'false', '1', '0'].includes(reversalText)) {
    throw new BankFileParseError('invalid_value', `Ntry/RvslInd: ${JSON.stringify(reversalText)}`);
  }
  const reversal = reversalText === 'true' || reversalText === '1';
  const status = text(node, 'Sts') ?? text(node, 'Sts', 'Cd');
  if (!status) throw new BankFileParseError('missing_element', 'Ntry/Sts');
  const positive = (creditDebit === 'CRDT') !== reversal;
  return definedOnly<Camt054Entry>({
    messageId,
    notification,
    index,
    entryReference: text(node, 'NtryRef'),
    amount,
    currency: amountNode?.attributes.Ccy ?? '',
    creditDebit,
    reversal,
    signedAmount: cents(positive ? amount : -amount),
    status,
    bookingDate: dateOf(child(node, 'BookgDt'), 'Ntry/BookgDt'),
    valueDate: dateOf(child(node, 'ValDt'), 'Ntry/ValDt'),
    accountServicerReference: text(node, 'AcctSvcrRef'),
    bankTransactionCode: bankTransactionCodeOf(child(node, 'BkTxCd')),
    batches,
    transactions,
    additionalInfo: text(node, 'AddtlNtryInf'),
  });
}

const emptyNode = (name: string): XmlNode => ({ name, attributes: {}, children: [], text: '' });

/**
 * Reads a camt.054.001.02 and yields its entries in file order. Throws {@link BankFileParseError}
 * (`unexpected_document` for another message or version; value errors for bad amounts, dates or indicators).
 * Entries already yielded stay valid if a later part of the file turns out broken; import in one transaction.
 */
export async function* parseCamt054(source: XmlSource): AsyncGenerator<Camt054Entry, void, undefined> {
  yield* readXml<Camt054Entry>(source, (emit) => {
    let messageId = '';
    let notificationNode: XmlNode | undefined;
    let notification: Camt054Notification | undefined;
    let index = 0;
    let entry: { node: XmlNode; batches: Camt054Batch[]; transactions: Camt054Transaction[] } | undefined;
    return {
      capture: (path) =>
        (path.length === 3 && path[2] === 'GrpHdr') ||
        (path.length === 4 && path[2] === 'Ntfctn' && path[3] !== 'Ntry') ||
        (path.length === 5 && path[3] === 'Ntry' && path[4] !== 'NtryDtls') ||
        (path.length === 6 && path[4] === 'NtryDtls'),
      open: (path, namespace) => {
        if (path.length === 1) {
          if (path[0] !== 'Document' || namespace !== NAMESPACE) {
            throw new BankFileParseError('unexpected_document', `namespace ${JSON.stringify(namespace)}`);
          }
        } else if (path.length === 2 && path[1] !== 'BkToCstmrDbtCdtNtfctn') {
          throw new BankFileParseError('unexpected_document', `element ${path[1]}`);
        } else if (path.length === 3 && path[2] === 'Ntfctn') {
          notificationNode = emptyNode('Ntfctn');
          notification = undefined;
          index = 0;
        } else if (path.length === 4 && path[3] === 'Ntry') {
          notification ??= notificationOf(notificationNode ?? emptyNode('Ntfctn'));
          entry = { node: emptyNode('Ntry'), batches: [], transactions: [] };
        }
      },
      close: (path) => {
        if (path.length === 4 && path[3] === 'Ntry' && entry && notification) {
          if (!messageId) throw new BankFileParseError('missing_element', 'GrpHdr/MsgId');
          emit(entryOf(entry.node, messageId, notification, index++, entry.batches, entry.transactions));
          entry = undefined;
        }
      },
      captured: (path, node) => {
        if (path.length === 3) {
          messageId = text(node, 'MsgId') ?? '';
        } else if (path.length === 4) {
          notificationNode?.children.push(node);
        } else if (path.length === 5) {
          entry?.node.children.push(node);
        } else if (node.name === 'TxDtls') {
          entry?.transactions.push(transactionOf(node));
        } else if (node.name === 'Btch') {
          entry?.batches.push(
            definedOnly<Camt054Batch>({
              messageId: text(node, 'MsgId'),
              paymentInfoId: text(node, 'PmtInfId'),
              numberOfTransactions: countOf(text(node, 'NbOfTxs'), 'Ntry/NtryDtls/Btch/NbOfTxs'),
              totalAmount: amountOf(child(node, 'TtlAmt'), 'Ntry/NtryDtls/Btch/TtlAmt'),
              creditDebit: creditDebitOf(text(node, 'CdtDbtInd'), 'Ntry/NtryDtls/Btch/CdtDbtInd'),
            }),
          );
        }
      },
    };
  });
}

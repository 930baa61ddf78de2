/**
 * Payment status reports (ISO 20022 `pain.002`, versions `001.001.03` and `001.001.10`) from Finnish banks.
 *
 * Finnish banks send up to three rounds of feedback for one pain.001 (integrations.md §1.5): reception feedback
 * (`GrpSts` `ACTC` = technically OK, or `RJCT` with `NARR` and the schema error text), then payment feedback
 * (`ACCP`, `PART`, `RJCT`) per payment group (`PmtInfSts`) and per transaction (`TxSts`) with ISO reason codes
 * (`AC01`, `AC04`, `AM01`, `DT01`, `NARR` …) and Finnish text in `AddtlInf`. Matching keys: `OrgnlMsgId` →
 * `OrgnlPmtInfId` → `OrgnlEndToEndId`.
 *
 * The report is read with a streaming parser (no DOM); the result holds every transaction status it lists.
 *
 * @module
 */
import { parseLocalDate, type LocalDate } from '../calendar';
import type { Cents } from '../money';
import { decimalToCents } from './text';
import { BankFileParseError, child, children, readXml, text, type XmlNode, type XmlSource } from './xml-reader';

/** Versions read. */
export type Pain002Version = '001.001.03' | '001.001.10';

/**
 * Status codes (ExternalPaymentGroupStatus1Code / ExternalPaymentTransactionStatus1Code). Finnish banks use
 * `ACTC` (technically accepted), `ACCP` (accepted for payment), `PART` (partly accepted), `RJCT` (rejected) and,
 * more rarely, `ACSP`, `ACSC`, `ACWC`, `PDNG`, `RCVD`. Unknown codes are passed through as they are.
 */
export type Pain002StatusCode =
  | 'ACTC'
  | 'ACCP'
  | 'ACSP'
  | 'ACSC'
  | 'ACWC'
  | 'ACCC'
  | 'PART'
  | 'PDNG'
  | 'RCVD'
  | 'RJCT'
  | (string & {});

/** One `StsRsnInf`. */
export interface Pain002Reason {
  /** ISO reason code (`Rsn/Cd`), e.g. `AC01`, `AC04`, `AM01`, `DT01`, `NARR`. */
  code?: string;
  /** Bank-specific reason (`Rsn/Prtry`). */
  proprietary?: string;
  /** The `AddtlInf` lines as sent (max 105 characters each, split anywhere — even inside a word). */
  additionalInfo: string[];
  /** The lines joined without a separator, which restores texts the bank split mid-word. */
  text: string;
  /** BIC of the party that gave the status (`Orgtr/Id/OrgId/BICOrBEI` or `AnyBIC`). */
  originatorBic?: string;
  originatorName?: string;
}

/** One `NbOfTxsPerSts`. */
export interface Pain002StatusCount {
  status: Pain002StatusCode;
  numberOfTransactions: number;
  controlSum?: Cents;
}

/** One `TxInfAndSts`. */
export interface Pain002TransactionStatus {
  statusId?: string;
  originalInstructionId?: string;
  /** The EndToEndId Huoma wrote; absent in some bank feedback, which then identifies the payment by amount only. */
  originalEndToEndId?: string;
  /** `TxSts` as sent; often absent when the status is given for the whole group. */
  status?: Pain002StatusCode;
  /** `status`, else the group's `PmtInfSts`, else the report's `GrpSts` — skipping `PART`, which says nothing of a single payment. */
  effectiveStatus?: Pain002StatusCode;
  reasons: Pain002Reason[];
  /** Bank's archive reference (`AcctSvcrRef`) when given. */
  accountServicerReference?: string;
  /** From `OrgnlTxRef`, when the bank echoes the original transaction. */
  amount?: Cents;
  currency?: string;
  requestedExecutionDate?: LocalDate;
  debtorName?: string;
  debtorIban?: string;
  creditorName?: string;
  creditorIban?: string;
  creditorBic?: string;
}

/** One `OrgnlPmtInfAndSts`. */
export interface Pain002PaymentInfoStatus {
  originalPaymentInfoId: string;
  originalNumberOfTransactions?: number;
  originalControlSum?: Cents;
  /** `PmtInfSts` as sent. */
  status?: Pain002StatusCode;
  /** `status`, else the report's `GrpSts` unless that is `PART`. */
  effectiveStatus?: Pain002StatusCode;
  reasons: Pain002Reason[];
  statusCounts: Pain002StatusCount[];
  transactions: Pain002TransactionStatus[];
}

/** A parsed pain.002. */
export interface Pain002Report {
  version: Pain002Version;
  messageId: string;
  creationDateTime: string;
  /** MsgId of the pain.001 this report is about. */
  originalMessageId: string;
  /** e.g. `pain.001.001.03`. */
  originalMessageNameId?: string;
  originalCreationDateTime?: string;
  originalNumberOfTransactions?: number;
  originalControlSum?: Cents;
  /** `GrpSts`: `ACTC`, `ACCP`, `PART`, `RJCT` … (optional in the message). */
  groupStatus?: Pain002StatusCode;
  /** Reasons given for the whole message (e.g. `NARR` + schema error text). */
  reasons: Pain002Reason[];
  statusCounts: Pain002StatusCount[];
  paymentInformation: Pain002PaymentInfoStatus[];
}

const NAMESPACES: Record<string, Pain002Version> = {
  'urn:iso:std:iso:20022:tech:xsd:pain.002.001.03': '001.001.03',
  'urn:iso:std:iso:20022:tech:xsd:pain.002.001.10': '001.001.10',
};

const amountOf = (node: XmlNode | undefined, where: string): Cents | undefined => {
  const raw = node?.text.trim();
  if (raw === undefined || raw === '') return undefined;
  const value = decimalToCents(raw);
  if (value === null) throw new BankFileParseError('invalid_amount', `${where}: ${JSON.stringify(raw)}`);
  return value;
};

const countOf = (raw: string | undefined, where: string): number | undefined => {
  if (raw === undefined) return undefined;
  if (!/^\d{1,15}$/.test(raw)) throw new BankFileParseError('invalid_value', `${where}: ${JSON.stringify(raw)}`);
  return Number(raw);
};

const dateOf = (node: XmlNode | undefined, where: string): LocalDate | undefined => {
  const raw = text(node) ?? text(node, 'Dt') ?? text(node, 'DtTm')?.slice(0, 10);
  if (raw === undefined) return undefined;
  const date = parseLocalDate(raw);
  if (date === null) throw new BankFileParseError('invalid_date', `${where}: ${JSON.stringify(raw)}`);
  return date;
};

const definedOnly = <T extends object>(value: T): T =>
  Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;

function reasonsOf(node: XmlNode): Pain002Reason[] {
  return children(node, 'StsRsnInf').flatMap((r) => {
    const additionalInfo = children(r, 'AddtlInf').map((a) => a.text);
    const reason = definedOnly<Pain002Reason>({
      code: text(r, 'Rsn', 'Cd'),
      proprietary: text(r, 'Rsn', 'Prtry'),
      additionalInfo,
      text: additionalInfo.join(''),
      originatorBic: text(r, 'Orgtr', 'Id', 'OrgId', 'BICOrBEI') ?? text(r, 'Orgtr', 'Id', 'OrgId', 'AnyBIC'),
      originatorName: text(r, 'Orgtr', 'Nm'),
    });
    const empty = !reason.code && !reason.proprietary && additionalInfo.length === 0 && !reason.originatorBic && !reason.originatorName;
    return empty ? [] : [reason];
  });
}

function statusCountsOf(node: XmlNode, where: string): Pain002StatusCount[] {
  return children(node, 'NbOfTxsPerSts').map((n) =>
    definedOnly<Pain002StatusCount>({
      status: text(n, 'DtldSts') ?? '',
      numberOfTransactions: countOf(text(n, 'DtldNbOfTxs'), `${where}/NbOfTxsPerSts/DtldNbOfTxs`) ?? 0,
      controlSum: amountOf(child(n, 'DtldCtrlSum'), `${where}/NbOfTxsPerSts/DtldCtrlSum`),
    }),
  );
}

function transactionOf(node: XmlNode): Pain002TransactionStatus {
  const ref = child(node, 'OrgnlTxRef');
  const amount = child(ref, 'Amt', 'InstdAmt');
  return definedOnly<Pain002TransactionStatus>({
    statusId: text(node, 'StsId'),
    // `OrgnlInstrdId` (sic) appears in a published Finnish bank sample; read it as the InstrId.
    originalInstructionId: text(node, 'OrgnlInstrId') ?? text(node, 'OrgnlInstrdId'),
    originalEndToEndId: text(node, 'OrgnlEndToEndId'),
    status: text(node, 'TxSts'),
    reasons: reasonsOf(node),
    accountServicerReference: text(node, 'AcctSvcrRef'),
    amount: amountOf(amount, 'TxInfAndSts/OrgnlTxRef/Amt/InstdAmt'),
    currency: amount?.attributes.Ccy,
    requestedExecutionDate: dateOf(child(ref, 'ReqdExctnDt'), 'TxInfAndSts/OrgnlTxRef/ReqdExctnDt'),
    debtorName: text(ref, 'Dbtr', 'Nm') ?? text(ref, 'Dbtr', 'Pty', 'Nm'),
    debtorIban: text(ref, 'DbtrAcct', 'Id', 'IBAN'),
    creditorName: text(ref, 'Cdtr', 'Nm') ?? text(ref, 'Cdtr', 'Pty', 'Nm'),
    creditorIban: text(ref, 'CdtrAcct', 'Id', 'IBAN'),
    creditorBic: text(ref, 'CdtrAgt', 'FinInstnId', 'BIC') ?? text(ref, 'CdtrAgt', 'FinInstnId', 'BICFI'),
  });
}

const specific = (...statuses: (string | undefined)[]) => statuses.find((s) => s !== undefined && s !== 'PART');

type Event =
  | { kind: 'header'; name: 'GrpHdr' | 'OrgnlGrpInfAndSts'; node: XmlNode }
  | { kind: 'pmtinf'; node: XmlNode; transactions: Pain002TransactionStatus[] };

/**
 * Parses a pain.002 (v03 or v10). Throws {@link BankFileParseError}: `unexpected_document` for another message
 * or version, `missing_element` without `GrpHdr/MsgId` or `OrgnlMsgId`, and the value errors for bad amounts,
 * counts or dates.
 */
export async function parsePain002(source: XmlSource): Promise<Pain002Report> {
  let version: Pain002Version | undefined;
  let groupHeader: XmlNode | undefined;
  let original: XmlNode | undefined;
  const paymentInfoNodes: { node: XmlNode; transactions: Pain002TransactionStatus[] }[] = [];

  const events = readXml<Event>(source, (emit) => {
    let pmtInf: { node: XmlNode; transactions: Pain002TransactionStatus[] } | undefined;
    return {
      capture: (path) =>
        (path.length === 3 && (path[2] === 'GrpHdr' || path[2] === 'OrgnlGrpInfAndSts')) ||
        (path.length === 4 && path[2] === 'OrgnlPmtInfAndSts'),
      open: (path, namespace) => {
        if (path.length === 1) {
          version = NAMESPACES[namespace];
          if (path[0] !== 'Document' || !version) throw new BankFileParseError('unexpected_document', `namespace ${JSON.stringify(namespace)}`);
        } else if (path.length === 2 && path[1] !== 'CstmrPmtStsRpt') {
          throw new BankFileParseError('unexpected_document', `element ${path[1]}`);
        } else if (path.length === 3 && path[2] === 'OrgnlPmtInfAndSts') {
          pmtInf = { node: { name: 'OrgnlPmtInfAndSts', attributes: {}, children: [], text: '' }, transactions: [] };
        }
      },
      close: (path) => {
        if (path.length === 3 && path[2] === 'OrgnlPmtInfAndSts' && pmtInf) {
          emit({ kind: 'pmtinf', ...pmtInf });
          pmtInf = undefined;
        }
      },
      captured: (path, node) => {
        if (path.length === 3) emit({ kind: 'header', name: node.name as 'GrpHdr' | 'OrgnlGrpInfAndSts', node });
        else if (node.name === 'TxInfAndSts') pmtInf?.transactions.push(transactionOf(node));
        else pmtInf?.node.children.push(node);
      },
    };
  });
  for await (const event of events) {
    if (event.kind === 'pmtinf') paymentInfoNodes.push(event);
    else if (event.name === 'GrpHdr') groupHeader = event.node;
    else original = event.node;
  }

  const messageId = text(groupHeader, 'MsgId');
  const originalMessageId = text(original, 'OrgnlMsgId');
  if (!version || !messageId) throw new BankFileParseError('missing_element', 'GrpHdr/MsgId');
  if (!original || !originalMessageId) throw new BankFileParseError('missing_element', 'OrgnlGrpInfAndSts/OrgnlMsgId');
  const groupStatus = text(original, 'GrpSts');

  return definedOnly<Pain002Report>({
    version,
    messageId,
    creationDateTime: text(groupHeader, 'CreDtTm') ?? '',
    originalMessageId,
    originalMessageNameId: text(original, 'OrgnlMsgNmId'),
    originalCreationDateTime: text(original, 'OrgnlCreDtTm'),
    originalNumberOfTransactions: countOf(text(original, 'OrgnlNbOfTxs'), 'OrgnlGrpInfAndSts/OrgnlNbOfTxs'),
    originalControlSum: amountOf(child(original, 'OrgnlCtrlSum'), 'OrgnlGrpInfAndSts/OrgnlCtrlSum'),
    groupStatus,
    reasons: reasonsOf(original),
    statusCounts: statusCountsOf(original, 'OrgnlGrpInfAndSts'),
    paymentInformation: paymentInfoNodes.map(({ node, transactions }) => {
      const status = text(node, 'PmtInfSts');
      const pmtInfEffective = specific(status, groupStatus);
      const originalPaymentInfoId = text(node, 'OrgnlPmtInfId');
      if (!originalPaymentInfoId) throw new BankFileParseError('missing_element', 'OrgnlPmtInfAndSts/OrgnlPmtInfId');
      return definedOnly<Pain002PaymentInfoStatus>({
        originalPaymentInfoId,
        originalNumberOfTransactions: countOf(text(node, 'OrgnlNbOfTxs'), 'OrgnlPmtInfAndSts/OrgnlNbOfTxs'),
        originalControlSum: amountOf(child(node, 'OrgnlCtrlSum'), 'OrgnlPmtInfAndSts/OrgnlCtrlSum'),
        status,
        effectiveStatus: pmtInfEffective,
        reasons: reasonsOf(node),
        statusCounts: statusCountsOf(node, 'OrgnlPmtInfAndSts'),
        transactions: transactions.map((t) => definedOnly({ ...t, effectiveStatus: specific(t.status, status, groupStatus) })),
      });
    }),
  });
}

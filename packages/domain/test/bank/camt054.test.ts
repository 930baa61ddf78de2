import { describe, expect, it } from 'vitest';
import { BankFileParseError, classifyCreditorReference, parseCamt054, type Camt054Entry } from '../../src/index';
import { byteChunks, toArray, vector, xsdErrors } from './helpers';

const FFFS = 'fffs/camt.054.001.02-fffs-b2c-sample.xml';
const CORPORATE = 'corporate-js/camt.054.001.02-1-parse-xml.xml';

describe('camt.054: Finance Finland B2C sample (integrations.md §1.4)', () => {
  it('is valid against the official schema', async () => {
    expect(await xsdErrors(vector(FFFS), 'camt.054.001.02')).toEqual([]);
  });

  it('has 6 entries whose totals match TxsSummry — Sum 10830.05, net 169.95 CRDT only with the reversal negative', async () => {
    const entries = await toArray(parseCamt054(vector(FFFS)));
    expect(entries).toHaveLength(6);
    const { notification } = entries[0]!;
    expect(notification).toEqual({
      id: 'BANKFILEID00001NTR00001',
      creationDateTime: '2010-10-30T21:01:45+02:00',
      electronicSequenceNumber: '96',
      accountIban: 'FI7433010001222090',
      accountCurrency: 'EUR',
      accountServicerBic: 'ESSEFIHX',
      summary: { numberOfEntries: 6, sum: 1083005, netAmount: 16995 },
    });
    expect(entries.every((e) => e.notification === notification && e.messageId === 'BANKFILEID219073')).toBe(true);
    expect(entries.reduce((s, e) => s + e.amount, 0)).toBe(1083005);
    expect(entries.reduce((s, e) => s + e.signedAmount, 0)).toBe(16995);
    // Treating the reversed credit as a credit would give 369.95: the sign rule is what makes the totals agree.
    expect(entries.reduce((s, e) => s + (e.creditDebit === 'CRDT' ? e.amount : -e.amount), 0)).toBe(36995);
    expect(entries.map((e) => [e.entryReference, e.creditDebit, e.reversal, e.status, e.signedAmount])).toEqual([
      ['1', 'CRDT', false, 'BOOK', 200000],
      ['2', 'CRDT', false, 'BOOK', 50000],
      ['3', 'CRDT', false, 'BOOK', 300000],
      ['4', 'DBIT', false, 'BOOK', -423005],
      ['5', 'DBIT', false, 'BOOK', -100000],
      ['6', 'CRDT', true, 'INFO', -10000],
    ]);
  });

  it('entry 1: reference payments 705 with references 3900, credit note 12344 and 43216', async () => {
    const [e1] = await toArray(parseCamt054(vector(FFFS)));
    expect(e1).toMatchObject({
      index: 0,
      amount: 200000,
      currency: 'EUR',
      creditDebit: 'CRDT',
      status: 'BOOK',
      bookingDate: '2010-10-29',
      valueDate: '2010-10-29',
      accountServicerReference: '091029ACCTSTMTARCH04',
      bankTransactionCode: { domain: 'PMNT', family: 'RCDT', subFamily: 'DMCT', proprietaryCode: '705TransactionCodeText', proprietaryIssuer: 'FFFS' },
      batches: [{ messageId: 'BANKFILEID998765', numberOfTransactions: 2, totalAmount: 200000, creditDebit: 'CRDT' }],
    });
    expect(e1!.transactions.map((t) => t.references.map((r) => r.reference))).toEqual([['3900', '12344'], ['43216']]);
    expect(e1!.transactions[0]).toMatchObject({
      accountServicerReference: 'D091029N987654321S001',
      amount: 190000,
      debtorName: 'PAYERS NAME1',
      acceptanceDateTime: '2010-10-28T09:00:00+02:00',
      structuredRemittance: [
        { reference: { raw: '3900', kind: 'finnish', valid: true, reference: '3900' }, remittedAmount: 250000 },
        { reference: { raw: '12344', kind: 'finnish', valid: true, reference: '12344' }, creditNoteAmount: 60000 },
      ],
    });
  });

  it('entry 3: SEPA credit transfer 700 with RF references (one with a trailing space) and EndToEndIds', async () => {
    const e3 = (await toArray(parseCamt054(vector(FFFS))))[2]!;
    expect(e3.bankTransactionCode).toMatchObject({ domain: 'PMNT', family: 'RCDT', subFamily: 'ESCT', proprietaryCode: '700TransactionCodeText' });
    expect(e3.transactions.map((t) => t.endToEndId)).toEqual(['EndToEndIdAT-41-001', 'EndToEndIdAT-41-002']);
    expect(e3.transactions[0]!.references).toEqual([
      { raw: 'RF7812345', kind: 'rf', valid: true, reference: 'RF7812345' },
      { raw: 'RF0812344', kind: 'rf', valid: true, reference: 'RF0812344' },
    ]);
    expect(e3.transactions[0]!.interbankSettlementDate).toBe('2010-10-28');
    expect(e3.transactions[1]).toMatchObject({ purpose: 'CASH', unstructuredRemittance: ['RFB/557742358'], ultimateDebtorName: 'AT-08 ULTIMATE DEBTOR NAME' });
  });

  it('entries 4–5: debits, domestic 702 and cross-border 770', async () => {
    const entries = await toArray(parseCamt054(vector(FFFS)));
    const [, , , e4, e5] = entries;
    expect(e4!.bankTransactionCode?.proprietaryCode).toMatch(/^702/);
    expect(e4!.batches).toEqual([{ messageId: 'MSGSCT0100', paymentInfoId: 'CustRefForPmtBatch9', numberOfTransactions: 3 }]);
    expect(e4!.transactions.map((t) => [t.instructionId, t.amount, t.creditorAccountOther])).toEqual([
      ['TITOT1106ID01', 200002, '29501800020582'],
      ['TITOT1106ID02', 100001, '29501800020582'],
      ['TITOT1106ID03', 123002, '29501800020574'],
    ]);
    expect(e4!.transactions[2]!.structuredRemittance).toEqual([{ documentType: 'CINV', documentNumber: '217827182718' }]);
    expect(e5!.bankTransactionCode?.proprietaryCode).toMatch(/^770/);
    expect(e5!.valueDate).toBeUndefined();
    expect(e5!.transactions.map((t) => [t.endToEndId, t.amount, t.currency, t.instructedAmount])).toEqual([
      ['ISSRBKREF12345678', 50000, 'EUR', { amount: 75000, currency: 'USD' }],
      ['ISSRBKREF12345679', 50000, 'EUR', { amount: 7925500, currency: 'JPY' }],
    ]);
  });

  it('entry 6: reversal (RvslInd true, INFO) with return reasons AC01 and CUST', async () => {
    const e6 = (await toArray(parseCamt054(vector(FFFS))))[5]!;
    expect(e6).toMatchObject({ amount: 10000, creditDebit: 'CRDT', reversal: true, status: 'INFO', signedAmount: -10000, accountServicerReference: '091029ACCTSTMTERR01' });
    expect(e6.transactions.map((t) => t.returnInformation)).toEqual([
      { reasonCode: 'AC01', additionalInfo: ['1+TILIÄ EI LÖYDY'] },
      { reasonCode: 'CUST', additionalInfo: ['4+MAKSAJA PERUUTTANUT'] },
    ]);
    expect(e6.transactions.map((t) => [t.amount, t.references[0]?.reference])).toEqual([
      [4000, '2345678917'],
      [6000, '1234567897'],
    ]);
  });

  it('AcctSvcrRef is present on every entry and unique: re-importing the file adds nothing', async () => {
    const imported = new Map<string, Camt054Entry>();
    const importFile = async () => {
      let added = 0;
      for await (const entry of parseCamt054(vector(FFFS))) {
        const key = `${entry.notification.accountIban}/${entry.accountServicerReference}`;
        expect(entry.accountServicerReference).toBeTruthy();
        if (!imported.has(key)) {
          imported.set(key, entry);
          added++;
        }
      }
      return added;
    };
    expect(await importFile()).toBe(6);
    expect(await importFile()).toBe(0);
    expect(imported.size).toBe(6);
  });
});

describe('camt.054: corporate.js sample', () => {
  it('two credit entries: reference payments and a direct debit, with Finnish, short and RF references', async () => {
    const xml = vector(CORPORATE);
    expect(await xsdErrors(xml, 'camt.054.001.02')).toEqual([]);
    const entries = await toArray(parseCamt054(xml));
    expect(entries.map((e) => [e.accountServicerReference, e.amount, e.signedAmount, e.bookingDate, e.bankTransactionCode?.proprietaryCode])).toEqual([
      ['REFP2011034', 18300, 18300, '2011-09-16', '705 VIITESIIRROT'],
      ['RFDI2011030', 1000, 1000, '2011-09-16', '704 SUORAVELOITUKSET'],
    ]);
    expect(entries[0]!.notification).toMatchObject({ accountIban: 'FI9881234511224450', accountServicerBic: 'DABAFIHH', summary: { numberOfEntries: 2, netAmount: 19300 } });
    expect(entries[0]!.transactions.map((t) => [t.accountServicerReference, t.amount, t.references])).toEqual([
      // "123" has a correct check digit but is shorter than the 4 digits Finance Finland's rules require.
      ['1109168E0049198529', 14700, [{ raw: '123', kind: 'finnish', valid: false }]],
      ['1109168E0049198530', 3600, [{ raw: 'RF74100978', kind: 'rf', valid: true, reference: 'RF74100978' }]],
    ]);
    expect(entries[1]!.transactions[0]!.references).toEqual([
      { raw: '00000006450830029863', kind: 'finnish', valid: true, reference: '6450830029863' },
    ]);
    expect(entries.reduce((s, e) => s + e.signedAmount, 0)).toBe(entries[0]!.notification.summary!.netAmount);
  });
});

describe('camt.054: streaming', () => {
  it('gives the same entries from a string, bytes, 1-byte chunks and an async stream', async () => {
    const xml = vector(FFFS);
    const expected = await toArray(parseCamt054(xml));
    expect(await toArray(parseCamt054(new TextEncoder().encode(xml)))).toEqual(expected);
    expect(await toArray(parseCamt054(byteChunks(xml, 1)))).toEqual(expected);
    async function* stream() {
      for (const chunk of byteChunks(xml, 4096)) yield chunk;
    }
    expect(await toArray(parseCamt054(stream()))).toEqual(expected);
  });

  it('yields entries while the file is still arriving (one entry per return, 20 000 entries)', async () => {
    const ENTRIES = 20_000;
    const entryXml = (i: number) =>
      `<Ntry><Amt Ccy="EUR">${(i + 1).toFixed(2)}</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts><BookgDt><Dt>2026-03-05</Dt></BookgDt>` +
      `<AcctSvcrRef>ARCH${i}</AcctSvcrRef><BkTxCd><Domn><Cd>PMNT</Cd><Fmly><Cd>RCDT</Cd><SubFmlyCd>ESCT</SubFmlyCd></Fmly></Domn></BkTxCd>` +
      `<NtryDtls><TxDtls><Refs><AcctSvcrRef>ARCH${i}-1</AcctSvcrRef><EndToEndId>HUOMA-${i}</EndToEndId></Refs>` +
      `<AmtDtls><TxAmt><Amt Ccy="EUR">${(i + 1).toFixed(2)}</Amt></TxAmt></AmtDtls>` +
      `<RtrInf><Rsn><Cd>${['AC01', 'AC04', 'MS03'][i % 3]}</Cd></Rsn><AddtlInf>Palautus</AddtlInf></RtrInf></TxDtls></NtryDtls></Ntry>`;
    let produced = 0;
    async function* file() {
      yield '<?xml version="1.0" encoding="UTF-8"?><Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.054.001.02"><BkToCstmrDbtCdtNtfctn>';
      yield '<GrpHdr><MsgId>RETURNS-1</MsgId><CreDtTm>2026-03-05T06:00:00+02:00</CreDtTm></GrpHdr>';
      yield '<Ntfctn><Id>N1</Id><CreDtTm>2026-03-05T06:00:00+02:00</CreDtTm><Acct><Id><IBAN>FI1410093000123458</IBAN></Id></Acct>';
      for (let i = 0; i < ENTRIES; i++) {
        produced = i + 1;
        yield entryXml(i);
      }
      yield '</Ntfctn></BkToCstmrDbtCdtNtfctn></Document>';
    }
    let count = 0;
    let sum = 0;
    let maxLag = 0;
    const reasons = new Map<string, number>();
    for await (const entry of parseCamt054(file())) {
      maxLag = Math.max(maxLag, produced - count);
      count++;
      sum += entry.signedAmount;
      const tx = entry.transactions[0]!;
      expect(tx.endToEndId).toBe(`HUOMA-${entry.index}`);
      const reason = tx.returnInformation?.reasonCode ?? '';
      reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
    }
    expect(count).toBe(ENTRIES);
    expect(sum).toBe((ENTRIES * (ENTRIES + 1)) / 2 * 100);
    expect(Object.fromEntries(reasons)).toEqual({ AC01: 6667, AC04: 6667, MS03: 6666 });
    expect(maxLag).toBeLessThanOrEqual(1); // each entry is yielded as soon as its chunk is parsed
  }, 60_000);
});

describe('camt.054: errors', () => {
  const rejects = async (xml: string, code: string) => {
    const error = await toArray(parseCamt054(xml)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BankFileParseError);
    expect((error as BankFileParseError).code).toBe(code);
  };

  it('refuses other messages and bad values with codes', async () => {
    const xml = vector(FFFS);
    await rejects(vector('corporate-js/pain.002.001.03-1-accepted-technical-check.xml'), 'unexpected_document');
    await rejects(xml.replace('camt.054.001.02"', 'camt.054.001.08"'), 'unexpected_document');
    await rejects(xml.replace('<Amt Ccy="EUR">2000.00</Amt>', '<Amt Ccy="EUR">2000,00</Amt>'), 'invalid_amount');
    await rejects(xml.replace('<CdtDbtInd>DBIT</CdtDbtInd>', '<CdtDbtInd>D</CdtDbtInd>'), 'invalid_value');
    await rejects(xml.replace('<RvslInd>true</RvslInd>', '<RvslInd>yes</RvslInd>'), 'invalid_value');
    await rejects(xml.replace('<Dt>2010-10-30</Dt>', '<Dt>2010-10-32</Dt>'), 'invalid_date');
    await rejects(xml.replace('<Sts>BOOK</Sts>', ''), 'missing_element');
    await rejects(xml.slice(0, -200), 'malformed_xml');
  });

  it('entries before a broken part are still yielded (import in one transaction)', async () => {
    const xml = vector(FFFS).replace('<Amt Ccy="EUR">4230.05</Amt>', '<Amt Ccy="EUR">x</Amt>');
    const seen: string[] = [];
    const error = await (async () => {
      for await (const entry of parseCamt054(xml)) seen.push(entry.entryReference ?? '');
    })().catch((e: unknown) => e);
    expect((error as BankFileParseError).code).toBe('invalid_amount');
    expect(seen).toEqual(['1', '2', '3']);
  });
});

describe('classifyCreditorReference', () => {
  it.each([
    ['1232', undefined, { raw: '1232', kind: 'finnish', valid: true, reference: '1232' }],
    [' 12 34561 ', undefined, { raw: '12 34561', kind: 'finnish', valid: true, reference: '1234561' }],
    ['1233', undefined, { raw: '1233', kind: 'finnish', valid: false }],
    ['RF18 5390 0754 7034', undefined, { raw: 'RF18 5390 0754 7034', kind: 'rf', valid: true, reference: 'RF18539007547034' }],
    ['rf341234561', undefined, { raw: 'rf341234561', kind: 'rf', valid: true, reference: 'RF341234561' }],
    ['RF17539007547034', undefined, { raw: 'RF17539007547034', kind: 'rf', valid: false }],
    ['1234561', 'ISO', { raw: '1234561', kind: 'rf', valid: false }],
    ['INV-2026-1', undefined, { raw: 'INV-2026-1', kind: 'other', valid: false }],
  ] as const)('%s (issuer %s)', (raw, issuer, expected) => {
    expect(classifyCreditorReference(raw, issuer)).toEqual(expected);
  });
});

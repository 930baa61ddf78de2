import { describe, expect, it } from 'vitest';
import { BankFileParseError, parsePain002, type Pain002Report } from '../../src/index';
import { byteChunks, vector, xsdErrors } from './helpers';

const sample = (n: number) =>
  vector(
    `corporate-js/${
      [
        'pain.002.001.03-1-accepted-technical-check.xml',
        'pain.002.001.03-2-rejected-technical-check.xml',
        'pain.002.001.03-3-accepted-payment-material.xml',
        'pain.002.001.03-4-accepted-and-rejected-payments.xml',
        'pain.002.001.03-5-rejected-payment-material.xml',
        'pain.002.001.03-6-rejected-payment-material-2.xml',
      ][n - 1]
    }`,
  );

describe('pain.002.001.03: the six corporate.js bank samples (integrations.md §1.4)', () => {
  it('1: reception feedback ACTC', async () => {
    const r = await parsePain002(sample(1));
    expect(r).toEqual<Pain002Report>({
      version: '001.001.03',
      messageId: '1539869',
      creationDateTime: '2010-06-08T12:01:10+03:00',
      originalMessageId: '20110102-0000001',
      originalMessageNameId: 'pain.001.001.03',
      groupStatus: 'ACTC',
      reasons: [],
      statusCounts: [],
      paymentInformation: [],
    });
  });

  it('2: reception feedback RJCT with NARR and the schema error split over three AddtlInf', async () => {
    const r = await parsePain002(sample(2));
    expect(r.groupStatus).toBe('RJCT');
    expect(r.originalMessageId).toBe('20110102-0000001');
    expect(r.reasons).toHaveLength(1);
    expect(r.reasons[0]!.code).toBe('NARR');
    expect(r.reasons[0]!.additionalInfo).toHaveLength(3);
    expect(r.reasons[0]!.text).toBe(
      "pain.001.001.03 could not be processed, please verify structure. cvc-datatype-valid.1.2.1: '4847,37' is not a valid value for 'decimal'.cvc-type.3.1.3: The value '4847,37' of element 'CtrlSum' is not valid.",
    );
    expect(r.paymentInformation).toEqual([]);
  });

  it('3: payment feedback ACCP for the only group', async () => {
    const r = await parsePain002(sample(3));
    expect(r).toMatchObject({ groupStatus: 'ACCP', originalMessageId: '20140102-0000001', originalNumberOfTransactions: 1 });
    expect(r.paymentInformation).toEqual([
      {
        originalPaymentInfoId: '20110102-123456-01',
        originalNumberOfTransactions: 1,
        originalControlSum: 9008,
        status: 'ACCP',
        effectiveStatus: 'ACCP',
        reasons: [],
        statusCounts: [{ status: 'ACCP', numberOfTransactions: 1, controlSum: 9008 }],
        transactions: [
          {
            reasons: [],
            amount: 9008,
            currency: 'EUR',
            requestedExecutionDate: '2014-01-08',
            debtorName: 'Firma Oy',
            debtorIban: 'FI9250009420108078',
            effectiveStatus: 'ACCP',
          },
        ],
      },
    ]);
  });

  it('4: PART — one transaction RJCT "Viite virheellinen", one group RJCT DT01, two groups ACCP', async () => {
    const r = await parsePain002(sample(4));
    expect(r.groupStatus).toBe('PART');
    expect(r.originalMessageId).toBe('MsgId_110610');
    expect(r.originalNumberOfTransactions).toBe(8);
    expect(r.paymentInformation.map((p) => [p.originalPaymentInfoId, p.status, p.effectiveStatus])).toEqual([
      ['20140102-123456-01', 'PART', undefined],
      ['20140102-123456-02', 'RJCT', 'RJCT'],
      ['20140102-123456-03', 'ACCP', 'ACCP'],
      ['20140102-123456-04', 'ACCP', 'ACCP'],
    ]);
    const [part, rejected] = r.paymentInformation;
    expect(part!.statusCounts).toEqual([
      { status: 'ACCP', numberOfTransactions: 2, controlSum: 11175722 },
      { status: 'RJCT', numberOfTransactions: 1, controlSum: 2211 },
    ]);
    expect(part!.transactions).toEqual([
      {
        originalInstructionId: '201401115UTH00000154',
        originalEndToEndId: 'TEST PMT',
        status: 'RJCT',
        effectiveStatus: 'RJCT',
        reasons: [{ code: 'NARR', additionalInfo: ['Viite virheellinen'], text: 'Viite virheellinen' }],
        amount: 2211,
        currency: 'EUR',
        requestedExecutionDate: '2014-01-11',
        debtorName: 'Firma Oy',
        debtorIban: 'FI4858498520016103',
        creditorName: 'Oy Yritys Ab',
        creditorIban: 'FI4880002002330354',
      },
    ]);
    expect(rejected!.reasons).toEqual([{ code: 'DT01', additionalInfo: ['Eräpäivä virheellinen'], text: 'Eräpäivä virheellinen' }]);
    // A transaction listed without its own TxSts inherits the group's rejection.
    expect(rejected!.transactions.map((t) => [t.status, t.effectiveStatus, t.amount])).toEqual([[undefined, 'RJCT', 74022]]);
    expect(r.paymentInformation[3]!.originalControlSum).toBe(50000011);
  });

  it('5: RJCT with DT01 "Eräpäivä virheellinen." at group level', async () => {
    const r = await parsePain002(sample(5));
    expect(r.groupStatus).toBe('RJCT');
    expect(r.paymentInformation).toHaveLength(1);
    expect(r.paymentInformation[0]).toMatchObject({
      originalPaymentInfoId: '20140108-123456-01',
      status: 'RJCT',
      reasons: [{ code: 'DT01', text: 'Eräpäivä virheellinen.' }],
    });
    expect(r.paymentInformation[0]!.transactions[0]).toMatchObject({ effectiveStatus: 'RJCT', amount: 1308, requestedExecutionDate: '2014-01-02' });
  });

  it('6: RJCT AM01 "Nolla-summa tilisiirrossa." for a zero amount (0.00000), with an originator BIC and an empty reason', async () => {
    const r = await parsePain002(sample(6));
    expect(r.groupStatus).toBe('RJCT');
    expect(r.originalMessageId).toBe('1547478597597');
    expect(r.reasons).toEqual([{ additionalInfo: [], text: '', originatorBic: 'NDEAFIHH' }]);
    expect(r.statusCounts).toEqual([{ status: 'RJCT', numberOfTransactions: 1, controlSum: 0 }]);
    const [group] = r.paymentInformation;
    expect(group).toMatchObject({ originalPaymentInfoId: '1547478597597-G-1', status: 'RJCT' });
    expect(group!.reasons).toEqual([{ additionalInfo: ['Koko erä hylätty.'], text: 'Koko erä hylätty.' }]); // the empty StsRsnInf is dropped
    expect(group!.transactions).toEqual([
      {
        originalEndToEndId: '1547478597597-G-1-P-1',
        status: 'RJCT',
        effectiveStatus: 'RJCT',
        reasons: [{ code: 'AM01', additionalInfo: ['Nolla-summa tilisiirrossa.'], text: 'Nolla-summa tilisiirrossa.' }],
        amount: 0,
        currency: 'EUR',
        creditorName: 'Tomi Nokkala',
        creditorIban: 'FI0757107020059205',
        creditorBic: 'OKOYFIHH',
      },
    ]);
  });

  it('the samples fail the German DK variant schema, as recorded (so v03 is parsed by structure)', async () => {
    for (const n of [1, 4, 6]) expect((await xsdErrors(sample(n), 'pain.002.001.03.dk-sepa-variant')).length).toBeGreaterThan(0);
  });
});

describe('pain.002.001.10', () => {
  it('reception feedback ACTC for a v09 file', async () => {
    const xml = vector('huoma/pain.002.001.10-reception-accepted.xml');
    expect(await xsdErrors(xml, 'pain.002.001.10')).toEqual([]);
    expect(await parsePain002(xml)).toEqual({
      version: '001.001.10',
      messageId: 'STS-20260302-000017',
      creationDateTime: '2026-03-02T11:35:12+02:00',
      originalMessageId: 'HUOMA-2026-0001',
      originalMessageNameId: 'pain.001.001.09',
      originalCreationDateTime: '2026-03-02T11:30:00+02:00',
      originalNumberOfTransactions: 3,
      originalControlSum: 117396,
      groupStatus: 'ACTC',
      reasons: [],
      statusCounts: [],
      paymentInformation: [],
    });
  });

  it('PART with per-transaction statuses, AC04 and v10 party/date forms', async () => {
    const xml = vector('huoma/pain.002.001.10-partly-accepted.xml');
    expect(await xsdErrors(xml, 'pain.002.001.10')).toEqual([]);
    const r = await parsePain002(xml);
    expect(r.version).toBe('001.001.10');
    expect(r.groupStatus).toBe('PART');
    expect(r.statusCounts).toEqual([
      { status: 'ACCP', numberOfTransactions: 2, controlSum: 105051 },
      { status: 'RJCT', numberOfTransactions: 1, controlSum: 12345 },
    ]);
    const txs = r.paymentInformation[0]!.transactions;
    expect(txs.map((t) => [t.originalEndToEndId, t.status, t.effectiveStatus])).toEqual([
      ['E2E-1', 'ACCP', 'ACCP'],
      ['E2E-2', 'ACCP', 'ACCP'],
      ['E2E-3', 'RJCT', 'RJCT'],
    ]);
    expect(txs[2]).toMatchObject({
      originalInstructionId: 'HUOMA-I-3',
      reasons: [{ code: 'AC04', text: 'Tili lopetettu', originatorBic: 'NDEAFIHH' }],
      amount: 12345,
      requestedExecutionDate: '2026-03-04',
      debtorName: 'Esimerkin hyvinvointialue',
      creditorName: 'Åsa Öberg',
      creditorIban: 'FI2350000110000238',
      creditorBic: 'OKOYFIHH',
    });
  });
});

describe('pain.002 input handling', () => {
  it('reads bytes and byte chunks cut inside multi-byte characters the same as a string', async () => {
    const xml = sample(4);
    const expected = await parsePain002(xml);
    expect(await parsePain002(new TextEncoder().encode(xml))).toEqual(expected);
    expect(await parsePain002(byteChunks(xml, 7))).toEqual(expected);
    async function* slow() {
      for (const chunk of byteChunks(xml, 1)) yield chunk;
    }
    expect(await parsePain002(slow())).toEqual(expected);
    expect(await parsePain002(`\uFEFF${xml}`)).toEqual(expected);
  });

  const rejects = async (source: Parameters<typeof parsePain002>[0], code: string) => {
    const error = await parsePain002(source).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BankFileParseError);
    expect((error as BankFileParseError).code).toBe(code);
  };

  it('refuses other messages, other versions and broken files with codes', async () => {
    await rejects(vector('fffs/camt.054.001.02-fffs-b2c-sample.xml'), 'unexpected_document');
    await rejects(sample(1).replace('pain.002.001.03', 'pain.002.001.05'), 'unexpected_document');
    await rejects(sample(1).replace('</CstmrPmtStsRpt>', ''), 'malformed_xml');
    await rejects(sample(1).replace('<OrgnlMsgId>20110102-0000001</OrgnlMsgId>', ''), 'missing_element');
    await rejects(sample(3).replace('<OrgnlCtrlSum>90.08<', '<OrgnlCtrlSum>90,08<'), 'invalid_amount');
    await rejects(sample(3).replace('<ReqdExctnDt>2014-01-08<', '<ReqdExctnDt>2014-02-30<'), 'invalid_date');
    await rejects(new Uint8Array([0x3c, 0xff, 0xfe]), 'malformed_xml');
  });

  it('refuses DOCTYPE (no entity expansion)', async () => {
    const bomb = sample(1).replace(
      '<?xml version="1.0" encoding="UTF-8"?>',
      '<?xml version="1.0" encoding="UTF-8"?><!DOCTYPE Document [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">]>',
    );
    await rejects(bomb, 'doctype_not_allowed');
  });
});

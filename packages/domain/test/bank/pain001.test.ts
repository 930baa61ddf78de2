import { describe, expect, it } from 'vitest';
import {
  bicForFinnishIban,
  cents,
  checkPain001,
  generatePain001,
  localDate,
  pain001ToString,
  Pain001Error,
  validatePain001Payment,
  type Pain001Group,
  type Pain001Input,
  type Pain001Issue,
  type Pain001Payment,
  type Pain001Version,
} from '../../src/index';
import { collect, flatten, rootNamespace, vector, xsdErrors } from './helpers';

// Valid Finnish accounts (iban-fi-vectors.json) and the BIC of their bank codes.
const NORDEA = 'FI1410093000123458'; // 100 → NDEAFIHH
const NORDEA_2 = 'FI6329501800020582'; // 295 → NDEAFIHH (the corporate.js creditor)
const OP = 'FI2350000110000238'; // 500 → OKOYFIHH
const HELSINGIN_OP = 'FI1840551010234569'; // 405 → HELSFIHH
const SP = 'FI7433010001222090'; // 330 → ESSEFIHX

const TODAY = localDate('2026-03-02'); // Monday

const payment = (overrides: Partial<Pain001Payment> = {}): Pain001Payment => ({
  endToEndId: 'E2E-1',
  amount: cents(12345),
  creditorName: 'Maija Meikäläinen',
  creditorIban: OP,
  remittance: { kind: 'message', message: 'Toimeentulotuki 3/2026' },
  ...overrides,
});

const group = (payments: Pain001Payment[], overrides: Partial<Pain001Group> = {}): Pain001Group => ({
  paymentInfoId: 'HUOMA-1-G1',
  requestedExecutionDate: localDate('2026-03-04'),
  payments,
  ...overrides,
});

/** Builds an input with correct totals computed from plain arrays of payments. */
const input = (groups: Pain001Group[], overrides: Partial<Pain001Input> = {}): Pain001Input => {
  const all = groups.flatMap((g) => g.payments as Pain001Payment[]);
  return {
    messageId: 'HUOMA-2026-0001',
    creationDateTime: '2026-03-02T11:30:00+02:00',
    today: TODAY,
    debtor: { name: 'Esimerkin hyvinvointialue', iban: NORDEA, organisationId: '1234567-8' },
    numberOfTransactions: all.length,
    controlSum: cents(all.reduce((s, p) => s + p.amount, 0)),
    groups,
    ...overrides,
  };
};

const issuesOf = async (promise: Promise<unknown>): Promise<Pain001Issue[]> => {
  try {
    await promise;
  } catch (e) {
    if (e instanceof Pain001Error) return [...e.issues];
    throw e;
  }
  throw new Error('expected a Pain001Error');
};

const VERSIONS: Pain001Version[] = ['001.001.09', '001.001.03'];

/** Scenarios written in both versions and validated against the official XSD. */
const scenarios: Record<string, Pain001Input> = {
  'Finnish reference': input([group([payment({ remittance: { kind: 'finnish_reference', reference: '00000 12345 3' } })])]),
  'RF reference': input([group([payment({ remittance: { kind: 'rf_reference', reference: 'rf81 1234 53' } })])]),
  'unstructured message with å/ä/ö and XML specials': input([
    group([payment({ creditorName: 'Åke Öhman & <Söner>', remittance: { kind: 'message', message: 'Ä "x" > y & z <å>' } })]),
  ]),
  'several PmtInf with different execution dates': input([
    group([payment(), payment({ endToEndId: 'E2E-2', creditorIban: HELSINGIN_OP })], { paymentInfoId: 'G1' }),
    group([payment({ endToEndId: 'E2E-3', creditorIban: SP, amount: cents(99_999_999_999) })], {
      paymentInfoId: 'G2',
      requestedExecutionDate: localDate('2026-03-05'),
    }),
  ]),
  'category purpose, batch booking and group totals': input([
    group([payment(), payment({ endToEndId: 'E2E-2', amount: cents(1) })], {
      categoryPurpose: 'SSBE',
      batchBooking: true,
      numberOfTransactions: 2,
      controlSum: cents(12346),
    }),
  ]),
  'instruction id, purpose and a non-Finnish SEPA account without BIC': input([
    group([
      payment({ instructionId: 'I-1', purpose: 'BENE' }),
      payment({ endToEndId: "E2E-2 (x)+?:.,'", creditorIban: 'DE89 3704 0044 0532 0130 00' }),
      payment({ endToEndId: 'E2E-3', creditorIban: 'SE45 5000 0000 0583 9825 7466', creditorBic: 'ESSESESS' }),
    ]),
  ]),
  'debtor without organisation id, explicit debtor BIC, Date creation time': input([group([payment()])], {
    debtor: { name: 'Kunta', iban: OP, bic: 'OKOYFIHH' },
    creationDateTime: new Date('2026-07-01T09:15:00Z'),
  }),
};

describe('pain.001 generator → official XSD', () => {
  for (const version of VERSIONS) {
    it.each(Object.entries(scenarios))(`${version}: %s`, async (_name, scenario) => {
      const xml = await pain001ToString({ ...scenario, version });
      expect(rootNamespace(xml)).toBe(`urn:iso:std:iso:20022:tech:xsd:pain.${version}`);
      expect(await xsdErrors(xml, `pain.${version}`)).toEqual([]);
    });

    it(`${version}: a 1 000-payment file with all remittance kinds, compact output`, async () => {
      const payments = Array.from({ length: 1000 }, (_, i) =>
        payment({
          endToEndId: `E2E-${i}`,
          amount: cents(1 + i * 997),
          remittance:
            i % 3 === 0
              ? { kind: 'finnish_reference', reference: '1232' }
              : i % 3 === 1
                ? { kind: 'rf_reference', reference: 'RF111232' }
                : { kind: 'message', message: `Maksu ${i}` },
        }),
      );
      const xml = await pain001ToString({ ...input([group(payments)]), version }, { prettyPrint: false, chunkSize: 1000 });
      expect(xml).not.toContain('\n  <');
      expect(await xsdErrors(xml, `pain.${version}`)).toEqual([]);
    });
  }

  it('the validator harness accepts the reference fixtures of both versions', async () => {
    expect(await xsdErrors(vector('php-sepa-xml/pain.001.001.03.xml'), 'pain.001.001.03')).toEqual([]);
    expect(await xsdErrors(vector('php-sepa-xml/pain.001.001.09.xml'), 'pain.001.001.09')).toEqual([]);
  });

  it('deliberately broken files fail validation', async () => {
    const v09 = await pain001ToString({ ...scenarios['RF reference']!, version: '001.001.09' });
    const v03 = await pain001ToString({ ...scenarios['RF reference']!, version: '001.001.03' });
    const broken: [string, string, 'pain.001.001.09' | 'pain.001.001.03'][] = [
      ['v03 BIC element in a v09 file', v09.replaceAll('BICFI>', 'BIC>'), 'pain.001.001.09'],
      ['v03 date form in a v09 file', v09.replace(/<ReqdExctnDt>\s*<Dt>([^<]+)<\/Dt>\s*<\/ReqdExctnDt>/, '<ReqdExctnDt>$1</ReqdExctnDt>'), 'pain.001.001.09'],
      ['v03 content under the v09 namespace', v03.replace('pain.001.001.03', 'pain.001.001.09'), 'pain.001.001.09'],
      ['decimal comma in an amount (a real bank rejection, see pain.002 sample 2)', v03.replace('<InstdAmt Ccy="EUR">123.45<', '<InstdAmt Ccy="EUR">123,45<'), 'pain.001.001.03'],
      ['EndToEndId over 35 characters', v03.replace('<EndToEndId>E2E-1<', `<EndToEndId>${'X'.repeat(36)}<`), 'pain.001.001.03'],
      ['missing debtor account', v03.replace(/<DbtrAcct>[\s\S]*?<\/DbtrAcct>/, ''), 'pain.001.001.03'],
    ];
    for (const [what, xml, schema] of broken) {
      expect(xml, what).not.toBe(schema === 'pain.001.001.09' ? v09 : v03);
      expect((await xsdErrors(xml, schema)).length, what).toBeGreaterThan(0);
    }
  });
});

describe('pain.001 golden files: corporate.js scenarios (pain.001.001.03)', () => {
  /**
   * Known, intended differences between Huoma's output and the corporate.js expectations. Everything else must be
   * equal, leaf by leaf (see `flatten`).
   */
  const SAMPLE_DEBTOR_IBAN = 'FI8529501800030574'; // fails mod-97 and the Finnish Luhn check: Huoma refuses it
  const DEBTOR_IBAN = NORDEA; // a valid Nordea account used instead
  const SAMPLE_SUNDAY = '2013-11-10'; // scenario 5, group 2: a Sunday — not a banking day
  const NEXT_BANKING_DAY = '2013-11-11';

  const expectedFromSample = (sample: string): Record<string, string> => {
    const leaves = flatten(sample);
    const out: Record<string, string> = {};
    for (const [path, value] of Object.entries(leaves)) {
      // 5. Huoma does not repeat the debtor agent's BIC as the debtor's own organisation identifier.
      if (path.endsWith('/Dbtr/Id/OrgId/BICOrBEI')) continue;
      // 1. The samples carry the placeholder BIC BANKFIHH; Huoma writes the real BIC of the bank code.
      if (path.endsWith('/CdtrAgt/FinInstnId/BIC')) {
        expect(value).toBe('BANKFIHH');
        const iban = leaves[path.replace('/CdtrAgt/FinInstnId/BIC', '/CdtrAcct/Id/IBAN')]!;
        const bank = bicForFinnishIban(iban);
        out[path] = bank.ok ? bank.value.bic : 'no BIC';
        continue;
      }
      // 2. The sample debtor account is invalid; a valid one is used.
      if (value === SAMPLE_DEBTOR_IBAN) {
        out[path] = DEBTOR_IBAN;
        continue;
      }
      // 3. A Sunday execution date is moved to the next banking day.
      out[path] = value === SAMPLE_SUNDAY ? NEXT_BANKING_DAY : value;
    }
    // 4. Huoma adds the initiating party's name, the SEPA service level and the SLEV charge bearer.
    out['CstmrCdtTrfInitn/GrpHdr/InitgPty/Nm'] = 'Oy Company Ab';
    for (const path of Object.keys(leaves).filter((p) => p.endsWith('/PmtMtd'))) {
      out[path.replace('/PmtMtd', '/PmtTpInf/SvcLvl/Cd')] = 'SEPA';
      out[path.replace('/PmtMtd', '/ChrgBr')] = 'SLEV';
    }
    return out;
  };

  type Row = { e2e: string; name: string; remittance: Pain001Payment['remittance'] };
  const scenario = (groups: { id: string; date: string; rows: Row[] }[]): Pain001Input => {
    const all = groups.flatMap((g) => g.rows);
    return {
      version: '001.001.03',
      messageId: '2013-11-01-P1',
      creationDateTime: '2013-11-01T23:59:00',
      today: localDate('2013-11-01'),
      debtor: { name: 'Oy Company Ab', iban: DEBTOR_IBAN, bic: 'NDEAFIHH', organisationId: '87654321' },
      numberOfTransactions: all.length,
      controlSum: cents(10001 * all.length),
      groups: groups.map((g) => ({
        paymentInfoId: g.id,
        requestedExecutionDate: localDate(g.date),
        payments: g.rows.map((r) => ({
          endToEndId: r.e2e,
          amount: cents(10001),
          creditorName: r.name,
          creditorIban: NORDEA_2,
          remittance: r.remittance,
        })),
      })),
    };
  };
  const rf: Pain001Payment['remittance'] = { kind: 'rf_reference', reference: 'RF81123453' };
  const three = (rows: Row[]) => rows;
  const rfRows = three([
    { e2e: '2013-11-01-134123412', name: 'John Doe', remittance: rf },
    { e2e: '2013-11-01-134123413', name: 'John Doe jr', remittance: rf },
    { e2e: '2013-11-01-134123414', name: 'Chuck Norris', remittance: rf },
  ]);
  const cases: [string, Pain001Input][] = [
    [
      'pain.001.001.03-1-one-sepa-payment-with-finnish-national-reference.xml',
      scenario([{ id: '2013-11-01-G1', date: '2013-11-15', rows: [{ e2e: '2013-11-01-134123412', name: 'John Doe', remittance: { kind: 'finnish_reference', reference: '11112' } }] }]),
    ],
    [
      'pain.001.001.03-2-one-sepa-payment-with-unstructured-message.xml',
      scenario([{ id: '2013-11-01-G1', date: '2013-11-15', rows: [{ e2e: '2013-11-01-134123412', name: 'John Doe', remittance: { kind: 'message', message: 'Laskunnumero 1122' } }] }]),
    ],
    [
      'pain.001.001.03-3-one-sepa-payment-with-international-rf-reference.xml',
      scenario([{ id: '2013-11-01-G1', date: '2013-11-15', rows: rfRows.slice(0, 1) }]),
    ],
    [
      'pain.001.001.03-4-multiple-sepa-payments-with-same-due-date-with-international-rf-reference.xml',
      scenario([{ id: '2013-11-01-G1', date: '2013-11-15', rows: rfRows }]),
    ],
    [
      'pain.001.001.03-5-multiple-sepa-payments-with-different-due-date-with-international-rf-reference.xml',
      scenario([
        { id: '2013-11-01-G1', date: '2013-11-15', rows: rfRows.slice(0, 1) },
        { id: '2013-11-01-G2', date: NEXT_BANKING_DAY, rows: rfRows.slice(1) },
      ]),
    ],
  ];

  it.each(cases)('%s', async (file, scenarioInput) => {
    const sample = vector(`corporate-js/${file}`);
    expect(await xsdErrors(sample, 'pain.001.001.03')).toEqual([]);
    const xml = await pain001ToString(scenarioInput);
    expect(await xsdErrors(xml, 'pain.001.001.03')).toEqual([]);
    expect(rootNamespace(xml)).toBe(rootNamespace(sample));
    const actual = flatten(xml);
    expect(actual).toEqual(expectedFromSample(sample));
    // Huoma's creditor BIC is the real one for bank code 295, not the placeholder.
    for (const [path, value] of Object.entries(actual)) if (path.endsWith('/CdtrAgt/FinInstnId/BIC')) expect(value).toBe('NDEAFIHH');
  });

  it('refuses what the samples contain but a bank would reject', async () => {
    expect(bicForFinnishIban(SAMPLE_DEBTOR_IBAN).ok).toBe(false);
    const bad = scenario([{ id: '2013-11-01-G2', date: SAMPLE_SUNDAY, rows: rfRows.slice(1) }]);
    bad.debtor = { ...bad.debtor, iban: SAMPLE_DEBTOR_IBAN };
    expect(await issuesOf(pain001ToString(bad))).toEqual([{ field: 'debtor.iban', code: 'invalid' }]);
    bad.debtor = { ...bad.debtor, iban: DEBTOR_IBAN };
    expect(await issuesOf(pain001ToString(bad))).toEqual([{ field: 'requestedExecutionDate', code: 'not_banking_day', groupIndex: 0 }]);
    // The placeholder BIC given explicitly for a Nordea account is a mismatch, not silently written.
    expect(validatePain001Payment({ endToEndId: 'X', amount: cents(1), creditorName: 'John Doe', creditorIban: NORDEA_2, creditorBic: 'BANKFIHH', remittance: rf })).toEqual([
      { field: 'creditorBic', code: 'mismatch' },
    ]);
  });
});

describe('pain.001 control totals are verified while streaming', () => {
  const two = [group([payment(), payment({ endToEndId: 'E2E-2', amount: cents(100) })])];

  it('a wrong control sum throws at the end and the document is never closed', async () => {
    const chunks: string[] = [];
    const run = async () => {
      for await (const chunk of generatePain001(input(two, { controlSum: cents(12346) }), { chunkSize: 10 })) chunks.push(chunk);
    };
    expect(await issuesOf(run())).toEqual([{ field: 'controlSum', code: 'mismatch' }]);
    const partial = chunks.join('');
    expect(partial).toContain('<CtrlSum>123.46</CtrlSum>');
    expect(partial).toContain('E2E-2'); // all payments were streamed before the check failed …
    expect(partial).not.toContain('</Document>'); // … but the file is not well-formed
  });

  it('a wrong number of transactions throws', async () => {
    expect(await issuesOf(pain001ToString(input(two, { numberOfTransactions: 3 })))).toEqual([{ field: 'numberOfTransactions', code: 'mismatch' }]);
    expect(await issuesOf(pain001ToString(input(two, { numberOfTransactions: 1 })))).toEqual([{ field: 'numberOfTransactions', code: 'mismatch' }]);
  });

  it('both wrong: both reported', async () => {
    expect(await issuesOf(pain001ToString(input(two, { numberOfTransactions: 1, controlSum: cents(1) })))).toEqual([
      { field: 'numberOfTransactions', code: 'mismatch' },
      { field: 'controlSum', code: 'mismatch' },
    ]);
  });

  it('declared group totals are verified too', async () => {
    const g = (o: Partial<Pain001Group>) => [group([payment(), payment({ endToEndId: 'E2E-2', amount: cents(100) })], o)];
    expect(await issuesOf(pain001ToString(input(g({ numberOfTransactions: 3 }))))).toEqual([{ field: 'numberOfTransactions', code: 'mismatch', groupIndex: 0 }]);
    expect(await issuesOf(pain001ToString(input(g({ controlSum: cents(12444) }))))).toEqual([{ field: 'controlSum', code: 'mismatch', groupIndex: 0 }]);
    await expect(pain001ToString(input(g({ numberOfTransactions: 2, controlSum: cents(12445) })))).resolves.toContain('<NbOfTxs>2</NbOfTxs>');
  });

  it('checkPain001 is the first pass that computes the totals', async () => {
    const groups = [
      group([payment(), payment({ endToEndId: 'E2E-2', amount: cents(100) })], { paymentInfoId: 'G1' }),
      group([payment({ endToEndId: 'E2E-3', amount: cents(99_999_999_999) })], { paymentInfoId: 'G2' }),
    ];
    const { numberOfTransactions: _n, controlSum: _s, ...withoutTotals } = input(groups);
    const check = await checkPain001(withoutTotals);
    expect(check).toEqual({
      issues: [],
      numberOfTransactions: 3,
      controlSum: 100_000_012_444n,
      groups: [
        { numberOfTransactions: 2, controlSum: 12_445n },
        { numberOfTransactions: 1, controlSum: 99_999_999_999n },
      ],
    });
    const xml = await pain001ToString({ ...withoutTotals, numberOfTransactions: check.numberOfTransactions, controlSum: check.controlSum });
    expect(xml).toContain('<CtrlSum>1000000124.44</CtrlSum>');
    expect((await checkPain001({ ...withoutTotals, groups: [{ ...groups[0]!, controlSum: 1.5 as never }] })).issues).toEqual([
      { field: 'controlSum', code: 'invalid', groupIndex: 0 },
    ]);
    expect((await checkPain001({ ...withoutTotals, numberOfTransactions: 4, controlSum: cents(1) })).issues).toEqual([
      { field: 'numberOfTransactions', code: 'mismatch' },
      { field: 'controlSum', code: 'mismatch' },
    ]);
  });
});

describe('pain.001 keeps Finnish characters and escapes XML', () => {
  it('å/ä/ö and other Latin-9 letters survive in names and messages, in both versions', async () => {
    for (const version of VERSIONS) {
      const xml = await pain001ToString({
        ...input([
          group([
            payment({ creditorName: 'Åsa Öberg-Mäkelä', remittance: { kind: 'message', message: 'Päätös 12/2026: ÅÄÖ åäö é ü š ž €' } }),
            payment({ endToEndId: 'E2E-2', creditorName: 'Tom & Jerry <Oy>' }),
          ]),
        ], { debtor: { name: 'Hyvinvointialue Ämmälä', iban: NORDEA } }),
        version,
      });
      expect(xml).toContain('<Nm>Åsa Öberg-Mäkelä</Nm>');
      expect(xml).toContain('<Ustrd>Päätös 12/2026: ÅÄÖ åäö é ü š ž €</Ustrd>');
      expect(xml).toContain('<Nm>Hyvinvointialue Ämmälä</Nm>');
      expect(xml).toContain('<Nm>Tom &amp; Jerry &lt;Oy&gt;</Nm>');
      const leaves = flatten(xml);
      expect(leaves['CstmrCdtTrfInitn/PmtInf[0]/CdtTrfTxInf[1]/Cdtr/Nm']).toBe('Tom & Jerry <Oy>');
      expect(await xsdErrors(xml, `pain.${version}`)).toEqual([]);
    }
  });

  it('characters Finnish banks do not accept are refused, not silently changed', () => {
    expect(validatePain001Payment(payment({ creditorName: 'Nguyễn Văn A' }))).toEqual([{ field: 'creditorName', code: 'invalid_characters' }]);
    expect(validatePain001Payment(payment({ remittance: { kind: 'message', message: 'rivi 1\nrivi 2' } }))).toEqual([
      { field: 'remittance', code: 'invalid_characters' },
    ]);
    expect(validatePain001Payment(payment({ endToEndId: 'MAKSU-Ä1' }))).toEqual([{ field: 'endToEndId', code: 'invalid_characters' }]);
  });
});

describe('pain.001 input validation: error codes per payment index', () => {
  const cases: [string, Partial<Pain001Payment>, Pain001Issue[]][] = [
    ['missing EndToEndId', { endToEndId: '' }, [{ field: 'endToEndId', code: 'required' }]],
    ['EndToEndId of 36', { endToEndId: 'A'.repeat(36) }, [{ field: 'endToEndId', code: 'too_long' }]],
    ['EndToEndId of 35 is fine', { endToEndId: 'A'.repeat(35) }, []],
    ['EndToEndId with _', { endToEndId: 'E2E_1' }, [{ field: 'endToEndId', code: 'invalid_characters' }]],
    ['EndToEndId with a trailing space', { endToEndId: 'E2E-1 ' }, [{ field: 'endToEndId', code: 'invalid_characters' }]],
    ['EndToEndId starting with /', { endToEndId: '/E2E' }, [{ field: 'endToEndId', code: 'invalid_slashes' }]],
    ['EndToEndId ending with /', { endToEndId: 'E2E/' }, [{ field: 'endToEndId', code: 'invalid_slashes' }]],
    ['EndToEndId with //', { endToEndId: 'E2E//1' }, [{ field: 'endToEndId', code: 'invalid_slashes' }]],
    ['InstrId with //', { instructionId: 'a//b' }, [{ field: 'instructionId', code: 'invalid_slashes' }]],
    ['zero amount', { amount: cents(0) }, [{ field: 'amount', code: 'not_positive' }]],
    ['negative amount', { amount: cents(-1) }, [{ field: 'amount', code: 'not_positive' }]],
    ['fractional cents', { amount: 1.5 as never }, [{ field: 'amount', code: 'not_integer' }]],
    ['SEPA maximum 999 999 999,99 € is fine', { amount: cents(99_999_999_999) }, []],
    ['one cent above the SEPA maximum', { amount: cents(100_000_000_000) }, [{ field: 'amount', code: 'above_maximum' }]],
    ['empty creditor name', { creditorName: ' ' }, [{ field: 'creditorName', code: 'required' }]],
    ['creditor name of 71', { creditorName: 'Ä'.repeat(71) }, [{ field: 'creditorName', code: 'too_long' }]],
    ['creditor name of 70 is fine', { creditorName: 'Ä'.repeat(70) }, []],
    ['IBAN with a wrong check digit', { creditorIban: 'FI1410093000123459' }, [{ field: 'creditorIban', code: 'invalid' }]],
    ['missing IBAN', { creditorIban: '' }, [{ field: 'creditorIban', code: 'required' }]],
    ['unknown Finnish bank code, no BIC', { creditorIban: 'FI2090000000000001' }, [{ field: 'creditorBic', code: 'unknown_bank' }]],
    ['unknown Finnish bank code with a BIC', { creditorIban: 'FI2090000000000001', creditorBic: 'TESTFIHH' }, []],
    ['retired bank (Handelsbanken 31x)', { creditorIban: 'FI4831300000000007' }, [{ field: 'creditorIban', code: 'retired_bank' }]],
    ['BIC of another bank', { creditorBic: 'NDEAFIHH' }, [{ field: 'creditorBic', code: 'mismatch' }]],
    ['the right BIC given explicitly', { creditorBic: 'OKOYFIHH' }, []],
    ['malformed BIC', { creditorBic: 'okoyfihh' }, [{ field: 'creditorBic', code: 'invalid' }]],
    ['non-SEPA IBAN', { creditorIban: 'BR1800360305000010009795493C1' }, [{ field: 'creditorIban', code: 'not_sepa' }]],
    ['foreign IBAN with a wrong check digit', { creditorIban: 'DE89370400440532013001' }, [{ field: 'creditorIban', code: 'invalid' }]],
    ['missing remittance', { remittance: undefined as never }, [{ field: 'remittance', code: 'required' }]],
    ['unknown remittance kind', { remittance: { kind: 'both' } as never }, [{ field: 'remittance', code: 'invalid' }]],
    ['Finnish reference with a wrong check digit', { remittance: { kind: 'finnish_reference', reference: '1233' } }, [{ field: 'remittance', code: 'invalid' }]],
    ['empty Finnish reference', { remittance: { kind: 'finnish_reference', reference: '' } }, [{ field: 'remittance', code: 'required' }]],
    ['RF reference with a wrong check digit', { remittance: { kind: 'rf_reference', reference: 'RF17539007547034' } }, [{ field: 'remittance', code: 'invalid' }]],
    ['Finnish reference given as RF', { remittance: { kind: 'rf_reference', reference: '1232' } }, [{ field: 'remittance', code: 'invalid' }]],
    ['message of 141', { remittance: { kind: 'message', message: 'ä'.repeat(141) } }, [{ field: 'remittance', code: 'too_long' }]],
    ['message of 140 is fine', { remittance: { kind: 'message', message: 'ä'.repeat(140) } }, []],
    ['empty message', { remittance: { kind: 'message', message: '' } }, [{ field: 'remittance', code: 'required' }]],
    ['lower-case purpose', { purpose: 'bene' }, [{ field: 'purpose', code: 'invalid' }]],
    [
      'several problems at once',
      { endToEndId: '', amount: cents(0), creditorIban: 'FI00' },
      [
        { field: 'endToEndId', code: 'required' },
        { field: 'amount', code: 'not_positive' },
        { field: 'creditorIban', code: 'invalid' },
      ],
    ],
  ];

  it.each(cases)('%s', async (_what, overrides, expected) => {
    expect(validatePain001Payment(payment(overrides))).toEqual(expected);
  });

  it('checkPain001 locates every issue by group, payment and ordinal', async () => {
    const groups = [
      group([payment(), payment({ endToEndId: 'E2E-2', creditorIban: 'FI1410093000123459' })], { paymentInfoId: 'G1' }),
      group(
        [
          payment({ endToEndId: 'E2E-3' }),
          payment({ endToEndId: 'E2E-1', remittance: { kind: 'message', message: 'x'.repeat(141) } }),
          payment({ endToEndId: 'E2E-5', amount: cents(0) }),
        ],
        { paymentInfoId: 'G1', requestedExecutionDate: localDate('2026-02-27') },
      ),
      group([], { paymentInfoId: 'G3', requestedExecutionDate: localDate('2026-03-07'), categoryPurpose: 'benefit' }),
    ];
    const check = await checkPain001({ ...input(groups), numberOfTransactions: undefined, controlSum: undefined });
    expect(check.issues).toEqual([
      { field: 'creditorIban', code: 'invalid', groupIndex: 0, paymentIndex: 1, paymentOrdinal: 1 },
      { field: 'remittance', code: 'too_long', groupIndex: 1, paymentIndex: 1, paymentOrdinal: 3 },
      { field: 'endToEndId', code: 'duplicate', groupIndex: 1, paymentIndex: 1, paymentOrdinal: 3 },
      { field: 'amount', code: 'not_positive', groupIndex: 1, paymentIndex: 2, paymentOrdinal: 4 },
      { field: 'requestedExecutionDate', code: 'in_past', groupIndex: 1 },
      { field: 'paymentInfoId', code: 'duplicate', groupIndex: 1 },
      { field: 'requestedExecutionDate', code: 'not_banking_day', groupIndex: 2 },
      { field: 'categoryPurpose', code: 'invalid', groupIndex: 2 },
      { field: 'payments', code: 'empty', groupIndex: 2 },
    ]);
    expect(check.numberOfTransactions).toBe(5);
  });

  it('the generator stops at the first invalid payment with its location', async () => {
    const groups = [
      group([payment()], { paymentInfoId: 'G1' }),
      group([payment({ endToEndId: 'E2E-2' }), payment({ endToEndId: 'E2E-1' })], { paymentInfoId: 'G2' }),
    ];
    expect(await issuesOf(pain001ToString(input(groups)))).toEqual([
      { field: 'endToEndId', code: 'duplicate', groupIndex: 1, paymentIndex: 1, paymentOrdinal: 2 },
    ]);
  });

  it.each([
    ['today', localDate('2026-03-04'), []],
    ['in the past', localDate('2026-03-03'), [{ field: 'requestedExecutionDate', code: 'in_past', groupIndex: 0 }]],
    ['Saturday', localDate('2026-03-07'), [{ field: 'requestedExecutionDate', code: 'not_banking_day', groupIndex: 0 }]],
    ['Midsummer Eve (Friday)', localDate('2026-06-19'), [{ field: 'requestedExecutionDate', code: 'not_banking_day', groupIndex: 0 }]],
    ['Christmas Eve', localDate('2026-12-24'), [{ field: 'requestedExecutionDate', code: 'not_banking_day', groupIndex: 0 }]],
    ['Epiphany', localDate('2027-01-06'), [{ field: 'requestedExecutionDate', code: 'not_banking_day', groupIndex: 0 }]],
    ['not a date', '2026-02-30' as never, [{ field: 'requestedExecutionDate', code: 'invalid', groupIndex: 0 }]],
  ] as const)('requested execution date %s', async (_what, date, expected) => {
    const check = await checkPain001({ ...input([group([payment()], { requestedExecutionDate: date })]), today: localDate('2026-03-04') });
    expect(check.issues).toEqual(expected);
  });

  it('header problems are reported without indexes', async () => {
    const bad = input([group([payment()])], {
      messageId: 'MSG//1',
      creationDateTime: '2026-03-02 11:30',
      debtor: { name: 'Ä'.repeat(71), iban: 'FI1410093000123459', organisationId: 'Y_1234567-8' },
    });
    expect(await issuesOf(pain001ToString(bad))).toEqual([
      { field: 'messageId', code: 'invalid_slashes' },
      { field: 'creationDateTime', code: 'invalid' },
      { field: 'debtor.name', code: 'too_long' },
      { field: 'debtor.iban', code: 'invalid' },
      { field: 'debtor.organisationId', code: 'invalid_characters' },
    ]);
    expect(await issuesOf(pain001ToString(input([group([payment()])], { numberOfTransactions: 0, controlSum: cents(0) })))).toEqual([
      { field: 'numberOfTransactions', code: 'invalid' },
      { field: 'controlSum', code: 'invalid' },
    ]);
    expect(await issuesOf(pain001ToString(input([], { numberOfTransactions: 1, controlSum: cents(1) })))).toEqual([
      { field: 'groups', code: 'empty' },
      { field: 'numberOfTransactions', code: 'mismatch' },
      { field: 'controlSum', code: 'mismatch' },
    ]);
    expect(await issuesOf(pain001ToString(input([group([payment()])], { debtor: { name: 'X', iban: 'FI2090000000000001' } })))).toEqual([
      { field: 'debtor.bic', code: 'unknown_bank' },
    ]);
  });
});

describe('pain.001 output details', () => {
  it('derives the real BIC from the Finnish bank code', async () => {
    const xml = await pain001ToString(
      input([
        group([
          payment({ creditorIban: NORDEA_2 }),
          payment({ endToEndId: 'E2E-2', creditorIban: OP }),
          payment({ endToEndId: 'E2E-3', creditorIban: HELSINGIN_OP }),
          payment({ endToEndId: 'E2E-4', creditorIban: SP }),
          payment({ endToEndId: 'E2E-5', creditorIban: 'DE89370400440532013000' }),
        ]),
      ]),
    );
    const leaves = flatten(xml);
    const bic = (i: number) => leaves[`CstmrCdtTrfInitn/PmtInf[0]/CdtTrfTxInf[${i}]/CdtrAgt/FinInstnId/BICFI`];
    expect([0, 1, 2, 3, 4].map(bic)).toEqual(['NDEAFIHH', 'OKOYFIHH', 'HELSFIHH', 'ESSEFIHX', undefined]);
    expect(leaves['CstmrCdtTrfInitn/PmtInf[0]/DbtrAgt/FinInstnId/BICFI']).toBe('NDEAFIHH');
  });

  it('writes references in machine form and each remittance kind alone', async () => {
    const xml = await pain001ToString(
      input([
        group([
          payment({ remittance: { kind: 'finnish_reference', reference: '0000 12345 3' } }),
          payment({ endToEndId: 'E2E-2', remittance: { kind: 'rf_reference', reference: 'rf34 1234 561' } }),
        ]),
      ]),
    );
    const leaves = flatten(xml);
    const tx = (i: number) =>
      Object.fromEntries(
        Object.entries(leaves)
          .filter(([p]) => p.startsWith(`CstmrCdtTrfInitn/PmtInf[0]/CdtTrfTxInf[${i}]/RmtInf`))
          .map(([p, v]) => [p.replace(/^.*RmtInf\//, ''), v]),
      );
    expect(tx(0)).toEqual({ 'Strd/CdtrRefInf/Tp/CdOrPrtry/Cd': 'SCOR', 'Strd/CdtrRefInf/Ref': '123453' });
    expect(tx(1)).toEqual({ 'Strd/CdtrRefInf/Tp/CdOrPrtry/Cd': 'SCOR', 'Strd/CdtrRefInf/Tp/Issr': 'ISO', 'Strd/CdtrRefInf/Ref': 'RF341234561' });
  });

  it('writes the creation time of a Date in Helsinki time with its offset', async () => {
    const winter = await pain001ToString(input([group([payment()])], { creationDateTime: new Date('2026-01-15T22:30:05Z') }));
    expect(winter).toContain('<CreDtTm>2026-01-16T00:30:05+02:00</CreDtTm>');
    const summer = await pain001ToString(input([group([payment()], { requestedExecutionDate: localDate('2026-07-01') })], { creationDateTime: new Date('2026-06-30T09:00:00Z') }));
    expect(summer).toContain('<CreDtTm>2026-06-30T12:00:00+03:00</CreDtTm>');
  });

  it('reads payments from async iterables (e.g. a database cursor) and yields bounded chunks', async () => {
    async function* cursor() {
      for (let i = 0; i < 50; i++) {
        await Promise.resolve();
        yield payment({ endToEndId: `E2E-${i}`, amount: cents(100) });
      }
    }
    async function* groups() {
      yield { ...group([]), payments: cursor() };
    }
    const chunks: string[] = [];
    for await (const chunk of generatePain001(input([], { numberOfTransactions: 50, controlSum: cents(5000), groups: groups() }), { chunkSize: 2000 })) {
      chunks.push(chunk);
    }
    expect(chunks.length).toBeGreaterThan(5);
    const xml = chunks.join('');
    expect(xml.match(/<CdtTrfTxInf>/g)).toHaveLength(50);
    expect(await xsdErrors(xml, 'pain.001.001.09')).toEqual([]);
    expect(await collect(generatePain001(input([group([payment()])])))).toBe(await pain001ToString(input([group([payment()])])));
  });
});

import { SaxesParser } from 'saxes';
import { describe, expect, it } from 'vitest';
import { cents, checkPain001, generatePain001, localDate, type Pain001Payment } from '../../src/index';

const N = 100_000;
const IBANS = ['FI1410093000123458', 'FI6329501800020582', 'FI2350000110000238', 'FI1840551010234569', 'FI7433010001222090'];
const amountOf = (i: number) => 1 + ((i * 7919) % 250_000);

/** Lazily produced payments: nothing about the batch is held by the test. */
function* payments(count = N): Generator<Pain001Payment> {
  for (let i = 0; i < count; i++) {
    yield {
      endToEndId: `HUOMA-2026-03-${String(i).padStart(8, '0')}`,
      amount: cents(amountOf(i)),
      creditorName: `Asiakas Äijälä ${i}`,
      creditorIban: IBANS[i % IBANS.length]!,
      remittance: i % 2 ? { kind: 'message', message: `Toimeentulotuki 3/2026, päätös ${i}` } : { kind: 'finnish_reference', reference: '1232' },
    };
  }
}

const base = {
  messageId: 'HUOMA-STREAM-1',
  creationDateTime: '2026-03-02T11:30:00+02:00',
  today: localDate('2026-03-02'),
  debtor: { name: 'Esimerkin hyvinvointialue', iban: 'FI1410093000123458', organisationId: '1234567-8' },
};
const groups = () => [{ paymentInfoId: 'HUOMA-STREAM-1-G1', requestedExecutionDate: localDate('2026-03-04'), categoryPurpose: 'SSBE', payments: payments() }];

describe('pain.001 streaming', () => {
  it(`generates ${N.toLocaleString('en')} payments chunk by chunk, verified by a streaming parse`, async ({ annotate }) => {
    const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MiB`;
    const heapBefore = process.memoryUsage().heapUsed;

    // First pass (what the server would otherwise get from the database): totals and validation.
    const check = await checkPain001({ ...base, groups: groups() });
    expect(check.issues).toEqual([]);
    expect(check.numberOfTransactions).toBe(N);
    let expectedSum = 0n;
    for (let i = 0; i < N; i++) expectedSum += BigInt(amountOf(i));
    expect(check.controlSum).toBe(expectedSum);

    // Second pass: stream the XML through a SAX parser, keeping only counters.
    const parser = new SaxesParser({ xmlns: true });
    let transactions = 0;
    let amountSum = 0n;
    let lastEndToEnd = -1;
    let outOfOrder = 0;
    let inAmount = false;
    let inEndToEnd = false;
    let text = '';
    let documentClosed = false;
    parser.on('opentag', (tag) => {
      inAmount = tag.local === 'InstdAmt';
      inEndToEnd = tag.local === 'EndToEndId';
      text = '';
    });
    parser.on('text', (t) => {
      if (inAmount || inEndToEnd) text += t;
    });
    parser.on('closetag', (tag) => {
      if (tag.local === 'CdtTrfTxInf') transactions++;
      if (tag.local === 'InstdAmt') {
        const [whole = '0', fraction = '00'] = text.split('.');
        amountSum += BigInt(whole) * 100n + BigInt(fraction);
      }
      if (tag.local === 'EndToEndId') {
        const n = Number(text.slice(-8));
        if (n !== lastEndToEnd + 1) outOfOrder++;
        lastEndToEnd = n;
      }
      if (tag.local === 'Document') documentClosed = true;
      inAmount = inEndToEnd = false;
    });

    let chunks = 0;
    let characters = 0;
    let maxHeap = 0;
    for await (const chunk of generatePain001({ ...base, groups: groups(), numberOfTransactions: check.numberOfTransactions, controlSum: check.controlSum })) {
      chunks++;
      characters += chunk.length;
      parser.write(chunk);
      if (chunks % 50 === 0) maxHeap = Math.max(maxHeap, process.memoryUsage().heapUsed);
    }
    parser.close();
    const heapAfter = process.memoryUsage().heapUsed;

    expect(documentClosed).toBe(true);
    expect(transactions).toBe(N);
    expect(lastEndToEnd).toBe(N - 1);
    expect(outOfOrder).toBe(0);
    expect(amountSum).toBe(expectedSum);
    expect(chunks).toBeGreaterThan(100); // output really came in pieces
    annotate(
      `${chunks} chunks, ${mb(characters)} of XML; heap before ${mb(heapBefore)}, max during ${mb(maxHeap)}, after ${mb(heapAfter)}`,
    );
  }, 300_000);

  it('an iterator that ends early is caught by the declared count', async () => {
    let error: unknown;
    try {
      for await (const _ of generatePain001({
        ...base,
        numberOfTransactions: 11,
        controlSum: cents([...Array(10).keys()].reduce((s, i) => s + amountOf(i), 0)),
        groups: [{ paymentInfoId: 'G', requestedExecutionDate: localDate('2026-03-04'), payments: payments(10) }],
      }));
    } catch (e) {
      error = e;
    }
    expect(error).toMatchObject({ issues: [{ field: 'numberOfTransactions', code: 'mismatch' }] });
  }, 60_000);
});

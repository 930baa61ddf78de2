/**
 * `npm run bench -- pain001 --payments N --out FILE [--version 09|03]`: writes an ISO 20022 pain.001 file for N
 * synthetic payables with the streaming generator of @huoma/domain and prints the time and the peak RSS.
 *
 * The payables are produced lazily by a generator (nothing about the batch is held here), read twice as the server
 * does: `checkPain001` (validation, totals) and `generatePain001` (XML chunks) written to a file stream with
 * back-pressure.
 */
import fs from 'node:fs'
import { once } from 'node:events'
import { parseArgs } from 'node:util'
import {
  cents,
  checkPain001,
  createFinnishReference,
  generatePain001,
  ibanFromFinnishBban,
  nextBankingDay,
  todayInHelsinki,
  type Pain001Payment,
  type Pain001Version,
} from '@huoma/domain'
import { Random } from '../../packages/server/src/seed/names'

/** Bank codes (first three BBAN digits) of Finnish banks in the BIC table: Nordea, Danske, S-Pankki, Aktia, POP, OP, Ålandsbanken, Holvi… */
const BANK_CODES = ['101', '114', '229', '340', '800', '360', '405', '470', '500', '532', '574', '600', '661', '717', '799']
const FIRST_NAMES = ['Väinö', 'Åsa', 'Pääkkö', 'Öhman', 'Mäkelä', 'Jönsson', 'Sjöström', 'Törmä', 'Hämäläinen', 'Björk']
const GIVEN = ['Aino', 'Eetu', 'Sööri', 'Jääkko', 'Märta', 'Åke', 'Pirjö', 'Lärs', 'Tiina', 'Ville']

const luhnDigit = (digits: string): string => {
  // Check digit d such that `digits + d` passes the Luhn check (weights 1, 2, … from the right).
  let sum = 0
  for (let i = 0; i < digits.length; i++) {
    const d = Number(digits[digits.length - 1 - i]) * (i % 2 === 0 ? 2 : 1)
    sum += d > 9 ? d - 9 : d
  }
  return String((10 - (sum % 10)) % 10)
}

/** A valid Finnish IBAN of the bank code from 13 digits of body: the 14-digit machine BBAN with its Luhn digit. */
export function syntheticIban(bankCode: string, serial: number): string {
  const body = bankCode + String(serial).padStart(10, '0')
  const result = ibanFromFinnishBban(body + luhnDigit(body))
  if (!result.ok) throw new Error(`synthetic BBAN ${body} rejected: ${result.error}`)
  return result.value
}

function* payables(count: number, seed: number): Generator<Pain001Payment> {
  const random = new Random(seed)
  for (let i = 0; i < count; i++) {
    const bankCode = BANK_CODES[i % BANK_CODES.length] as string
    const name = `${GIVEN[random.int(0, GIVEN.length - 1)] as string} ${FIRST_NAMES[random.int(0, FIRST_NAMES.length - 1)] as string}`
    yield {
      endToEndId: `HUOMA-BENCH-${String(i).padStart(10, '0')}`,
      amount: cents(random.int(500, 250_000)),
      creditorName: name,
      creditorIban: syntheticIban(bankCode, random.int(1, 999_999_999)),
      remittance:
        i % 3 === 0
          ? { kind: 'message', message: `Toimeentulotuki, päätös ${i}, maksetaan hakijalle ${name}` }
          : { kind: 'finnish_reference', reference: createFinnishReference(String(100_000 + i)) },
      purpose: 'BENE',
    }
  }
}

export async function pain001Command(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      payments: { type: 'string' },
      out: { type: 'string' },
      version: { type: 'string', default: '09' },
      seed: { type: 'string', default: '1' },
      compact: { type: 'boolean', default: false },
    },
  })
  const count = Number((values.payments ?? '').replace(/_/g, ''))
  if (!Number.isSafeInteger(count) || count < 1) throw new Error('--payments N (a positive integer) is required')
  if (!values.out) throw new Error('--out FILE is required')
  if (values.version !== '09' && values.version !== '03') throw new Error(`--version must be 09 or 03, got "${values.version}"`)
  const version: Pain001Version = values.version === '09' ? '001.001.09' : '001.001.03'
  const seed = Number(values.seed)

  // Peak RSS: the kernel's high-water mark (maxRSS, KiB) and a 20 ms sampler as a cross-check.
  let sampledPeak = process.memoryUsage().rss
  const sampler = setInterval(() => {
    sampledPeak = Math.max(sampledPeak, process.memoryUsage().rss)
  }, 20)
  const rssAtStart = process.memoryUsage().rss

  const now = new Date()
  const today = todayInHelsinki(now)
  const due = nextBankingDay(today)
  const base = {
    version,
    messageId: `HUOMA-BENCH-${now.getTime()}`,
    creationDateTime: now,
    today,
    debtor: { name: 'Hyvinvointialue Pohjois-Öljylä', iban: syntheticIban('500', 1), organisationId: '1234567-8' },
  }
  const groups = () => [{ paymentInfoId: 'HUOMA-BENCH-G1', requestedExecutionDate: due, categoryPurpose: 'SSBE', payments: payables(count, seed) }]

  const started = performance.now()
  const check = await checkPain001({ ...base, groups: groups() })
  if (check.issues.length) throw new Error(`synthetic payables fail validation: ${JSON.stringify(check.issues.slice(0, 3))}`)
  const checked = performance.now()

  const out = fs.createWriteStream(values.out)
  let bytes = 0
  for await (const chunk of generatePain001(
    { ...base, groups: groups(), numberOfTransactions: check.numberOfTransactions, controlSum: check.controlSum },
    { prettyPrint: !values.compact },
  )) {
    bytes += Buffer.byteLength(chunk)
    if (!out.write(chunk)) await once(out, 'drain')
  }
  out.end()
  await once(out, 'finish')
  const finished = performance.now()
  const elapsed = (finished - started) / 1000
  clearInterval(sampler)
  sampledPeak = Math.max(sampledPeak, process.memoryUsage().rss)
  const maxRss = process.resourceUsage().maxRSS * 1024

  const mb = (b: number) => (b / 1e6).toFixed(1)
  process.stdout.write(
    `pain.${version}: ${count.toLocaleString('en')} payments, ${mb(bytes)} MB file, ${elapsed.toFixed(2)} s ` +
      `(check ${((checked - started) / 1000).toFixed(2)} s + write ${((finished - checked) / 1000).toFixed(2)} s), ` +
      `peak RSS ${mb(maxRss)} MB (sampled ${mb(sampledPeak)} MB, ${mb(rssAtStart)} MB at start); ` +
      `Σ ${(Number(check.controlSum) / 100).toLocaleString('en', { minimumFractionDigits: 2 })} EUR, due ${due} → ${values.out}\n`,
  )
}

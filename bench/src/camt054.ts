/**
 * `npm run bench -- camt054 --payments N [--database-url URL]`: issue 6, "camt.054 import of 100 000 entries".
 *
 * On a PostgreSQL database (default `huoma_bench_camt` on DATABASE_URL's server, else 127.0.0.1:5432), with the
 * Huoma server started in this process (`startServer`, migrations and the demo seed, a free port):
 *
 * 1. inserts N open payables (SQL, `INSERT … SELECT FROM unnest(…)` in batches) due on one day of their own;
 * 2. over HTTP creates a batch of them as `maksuliikenne`, approves it as `talouspaallikko` and downloads its
 *    pain.001 (streamed and counted, not kept), so the batch is `sent` and every payment has its EndToEndId;
 * 3. writes a camt.054.001.02 for the debtor account with N booked debit entries (one transaction each, with its
 *    AcctSvcrRef, EndToEndId and amount) to a temp file, streamed from keyset pages of the items;
 * 4. in a fresh child process (so its peak RSS is the import's, not the setup's) starts the server again on the
 *    same database and POSTs the file to `/api/payments/imports/camt054` as the body (streamed from the file), and
 *    prints the entries, file size, import time, entries/s, RSS before the import, peak RSS (`maxRSS`) and a 20 ms
 *    RSS sampler's peak during the import.
 */
import { spawn } from 'node:child_process'
import { once } from 'node:events'
import fs from 'node:fs'
import http from 'node:http'
import os from 'node:os'
import path from 'node:path'
import { pipeline } from 'node:stream/promises'
import { parseArgs } from 'node:util'
import { addDays, createFinnishReference, todayInHelsinki, type LocalDate } from '@huoma/domain'
import { sql } from 'kysely'
import { DEFAULT_DEMO_PASSWORD, loadConfig, type Config } from '../../packages/server/src/config'
import { redactUrl } from '../../packages/server/src/db/database'
import { Random } from '../../packages/server/src/seed/names'
import { startServer, type RunningServer } from '../../packages/server/src/server'
import { login, type Session } from './http'
import { syntheticIban } from './pain001'
import { benchDataDir, ensureDatabaseExists } from './target'

const CAMT_DATABASE = 'huoma_bench_camt'
const LOCAL_PG = 'postgres://postgres@127.0.0.1:5432/postgres'
/** The payables of this bench are recognisable by their source key. */
const SOURCE_KEY = 'bench-camt054'
const INSERT_BATCH = 10_000
const PAGE = 5_000
const CREATOR = 'maksuliikenne'
const APPROVER = 'talouspaallikko'
const BANK_CODES = ['101', '114', '229', '340', '800', '360', '405', '470', '500', '532', '574', '600', '661', '717', '799']
const SURNAMES = ['Väinö', 'Åsa', 'Pääkkö', 'Öhman', 'Mäkelä', 'Jönsson', 'Sjöström', 'Törmä', 'Hämäläinen', 'Björk']
const GIVEN = ['Aino', 'Eetu', 'Sööri', 'Jääkko', 'Märta', 'Åke', 'Pirjö', 'Lärs', 'Tiina', 'Ville']

interface ImportResult {
  messageId: string
  duplicate: boolean
  settled: number
  returned: number
  skipped: number
  unrelated: number
  batchIds: string[]
}

const mb = (b: number) => (b / 1e6).toFixed(1)
const secs = (ms: number) => (ms / 1000).toFixed(2)
const log = (msg: string) => process.stderr.write(`bench camt054: ${msg}\n`)
const password = () => process.env.HUOMA_DEMO_PASSWORD || DEFAULT_DEMO_PASSWORD

function databaseUrl(explicit: string | undefined): { url: string; adminUrl: string } {
  const base = explicit || process.env.DATABASE_URL || LOCAL_PG
  const url = new URL(base)
  if (!explicit) url.pathname = `/${CAMT_DATABASE}`
  const admin = new URL(base)
  admin.pathname = '/postgres'
  return { url: url.toString(), adminUrl: admin.toString() }
}

/** The server's config for the bench database: a free port, no web bundle, quiet log, the route's own body limit. */
function serverConfig(url: string): Config {
  const dataDir = benchDataDir({ kind: 'postgresql', url, adminUrl: url })
  return loadConfig({ ...process.env, DATABASE_URL: url, HUOMA_DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', HUOMA_WEB_DIST: '', LOG_LEVEL: process.env.LOG_LEVEL || 'warn' })
}

async function api<T>(server: RunningServer, session: Session, method: string, urlPath: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { cookie: session.cookie }
  if (method !== 'GET' && session.csrfToken) headers['x-csrf-token'] = session.csrfToken
  if (body !== undefined) headers['content-type'] = 'application/json'
  const res = await fetch(`${server.url}${urlPath}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) })
  if (res.status < 200 || res.status >= 300) throw new Error(`${method} ${urlPath}: HTTP ${res.status} ${(await res.text()).slice(0, 2000)}`)
  return (await res.json()) as T
}

/** Writes text to a file stream with back-pressure. */
function writer(file: string) {
  const out = fs.createWriteStream(file)
  let bytes = 0
  return {
    async write(s: string) {
      bytes += Buffer.byteLength(s)
      if (!out.write(s)) await once(out, 'drain')
    },
    async end() {
      out.end()
      await once(out, 'finish')
      return bytes
    },
  }
}

const amount = (cents: number) => `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`

/** Step 1: N open payables due on `dueOn` in unit ETUU, for the demo's persons in turn. */
async function insertPayables(server: RunningServer, count: number, dueOn: LocalDate, seed: number): Promise<string> {
  const db = server.database.db
  // what an interrupted earlier run left open would change the selection's count
  await sql`UPDATE payable SET state = 'cancelled' WHERE state = 'open' AND source_key = ${SOURCE_KEY}`.execute(db)
  const unitId = (await db.selectFrom('unit').select('id').where('code', '=', 'ETUU').executeTakeFirstOrThrow()).id
  const persons = (await sql<{ id: string }>`SELECT id FROM person ORDER BY id LIMIT 1000`.execute(db)).rows.map((r) => r.id)
  if (!persons.length) throw new Error('the database has no persons (is the demo seeded?)')
  const random = new Random(seed)
  for (let start = 0; start < count; start += INSERT_BATCH) {
    const n = Math.min(INSERT_BATCH, count - start)
    const person: string[] = []
    const name: string[] = []
    const iban: string[] = []
    const cents: number[] = []
    const reference: (string | null)[] = []
    const message: (string | null)[] = []
    for (let k = 0; k < n; k++) {
      const i = start + k
      const payee = `${GIVEN[random.int(0, GIVEN.length - 1)] as string} ${SURNAMES[random.int(0, SURNAMES.length - 1)] as string}`
      person.push(persons[i % persons.length] as string)
      name.push(payee)
      iban.push(syntheticIban(BANK_CODES[i % BANK_CODES.length] as string, random.int(1, 999_999_999)))
      cents.push(random.int(500, 250_000))
      const ref = i % 3 !== 0
      reference.push(ref ? createFinnishReference(String(100_000 + i)) : null)
      message.push(ref ? null : `Toimeentulotuki, päätös ${i}`)
    }
    await sql`
      INSERT INTO payable (source_kind, source_id, source_key, person_id, service_task, unit_id, payee_kind, payee_name,
                           iban, amount_cents, due_on, reference, message)
      SELECT 'income_support_decision', gen_random_uuid(), ${SOURCE_KEY}, t.person_id, 'income_support', ${unitId}::uuid,
             'client', t.name, t.iban, t.cents, ${dueOn}::date, t.reference, t.message
      FROM unnest(${person}::uuid[], ${name}::text[], ${iban}::text[], ${cents}::bigint[], ${reference}::text[], ${message}::text[])
        AS t(person_id, name, iban, cents, reference, message)`.execute(db)
  }
  return unitId
}

/** Step 3: the camt.054.001.02, one booked debit entry per payment (batchBooking false), streamed from the items. */
async function writeCamt054(server: RunningServer, batchId: string, iban: string, bookedOn: LocalDate, file: string): Promise<{ entries: number; bytes: number }> {
  const db = server.database.db
  const w = writer(file)
  const tag = Date.now().toString(36).toUpperCase()
  const created = new Date().toISOString().slice(0, 19)
  await w.write(`<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.054.001.02" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
  <BkToCstmrDbtCdtNtfctn>
    <GrpHdr><MsgId>CAMT-BENCH-${tag}</MsgId><CreDtTm>${created}</CreDtTm></GrpHdr>
    <Ntfctn>
      <Id>N-BENCH-${tag}</Id>
      <CreDtTm>${created}</CreDtTm>
      <Acct><Id><IBAN>${iban}</IBAN></Id><Ccy>EUR</Ccy></Acct>`)
  let entries = 0
  let after = 0
  for (;;) {
    const rows = await db
      .selectFrom('payment_item')
      .select(['number', 'end_to_end_id', 'amount_cents'])
      .where('batch_id', '=', batchId)
      .where('cancelled', '=', false)
      .where('number', '>', after)
      .orderBy('number')
      .limit(PAGE)
      .execute()
    let chunk = ''
    for (const r of rows) {
      entries++
      const ref = `ARCH-${tag}-${entries}`
      const amt = amount(Number(r.amount_cents))
      chunk += `
      <Ntry>
        <NtryRef>${entries}</NtryRef>
        <Amt Ccy="EUR">${amt}</Amt>
        <CdtDbtInd>DBIT</CdtDbtInd>
        <Sts>BOOK</Sts>
        <BookgDt><Dt>${bookedOn}</Dt></BookgDt>
        <ValDt><Dt>${bookedOn}</Dt></ValDt>
        <AcctSvcrRef>${ref}</AcctSvcrRef>
        <BkTxCd><Domn><Cd>PMNT</Cd><Fmly><Cd>ICDT</Cd><SubFmlyCd>ESCT</SubFmlyCd></Fmly></Domn></BkTxCd>
        <NtryDtls>
          <TxDtls>
            <Refs><AcctSvcrRef>${ref}</AcctSvcrRef><EndToEndId>${r.end_to_end_id}</EndToEndId></Refs>
            <AmtDtls><TxAmt><Amt Ccy="EUR">${amt}</Amt></TxAmt></AmtDtls>
          </TxDtls>
        </NtryDtls>
      </Ntry>`
    }
    if (chunk) await w.write(chunk)
    if (rows.length < PAGE) break
    after = Number(rows[rows.length - 1]!.number)
  }
  await w.write(`
    </Ntfctn>
  </BkToCstmrDbtCdtNtfctn>
</Document>
`)
  return { entries, bytes: await w.end() }
}

/** POSTs a file as the body, streamed from disk (node:http: no client-side timeout on a long import). */
function postFile(url: string, session: Session, file: string): Promise<{ status: number; body: string }> {
  const size = fs.statSync(file).size
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      {
        method: 'POST',
        headers: {
          cookie: session.cookie,
          ...(session.csrfToken ? { 'x-csrf-token': session.csrfToken } : {}),
          'content-type': 'application/xml',
          'content-length': String(size),
        },
      },
      (res) => {
        const parts: Buffer[] = []
        res.on('data', (c: Buffer) => parts.push(c))
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(parts).toString('utf8') }))
        res.on('error', reject)
      },
    )
    req.on('error', reject)
    pipeline(fs.createReadStream(file), req).catch(reject)
  })
}

/** Step 4, in the child process: a fresh server on the same database, the import, and what it cost. */
async function importOnly(url: string, file: string, batchId: string | undefined): Promise<void> {
  const server = await startServer(serverConfig(url), { demo: true })
  try {
    const session = await login(server.url, CREATOR, password())
    const size = fs.statSync(file).size
    const rssBefore = process.memoryUsage().rss
    const heapBefore = process.memoryUsage().heapUsed
    const maxBefore = process.resourceUsage().maxRSS * 1024
    let sampled = rssBefore
    const sampler = setInterval(() => {
      sampled = Math.max(sampled, process.memoryUsage().rss)
    }, 20)
    const started = performance.now()
    const res = await postFile(`${server.url}/api/payments/imports/camt054`, session, file)
    const elapsed = performance.now() - started
    clearInterval(sampler)
    sampled = Math.max(sampled, process.memoryUsage().rss)
    const maxRss = process.resourceUsage().maxRSS * 1024
    const memory = `RSS before ${mb(rssBefore)} MB (heap ${mb(heapBefore)} MB, maxRSS so far ${mb(maxBefore)} MB), peak RSS ${mb(maxRss)} MB (sampled during the import ${mb(sampled)} MB)`
    if (res.status !== 200) {
      process.stdout.write(`import: FAILED, HTTP ${res.status} after ${secs(elapsed)} s, ${mb(size)} MB file; ${memory}\n`)
      throw new Error(`POST /api/payments/imports/camt054 (${mb(size)} MB): HTTP ${res.status} ${res.body.slice(0, 2000)}`)
    }
    const result = JSON.parse(res.body) as ImportResult
    const entries = result.settled + result.returned + result.skipped + result.unrelated
    let check = ''
    if (batchId) {
      const rows = await server.database.db
        .selectFrom('payment_item')
        .select(['state', (eb) => eb.fn.countAll<number>().as('n')])
        .where('batch_id', '=', batchId)
        .groupBy('state')
        .execute()
      const batch = await server.database.db.selectFrom('payment_batch').select('state').where('id', '=', batchId).executeTakeFirstOrThrow()
      check = `; batch ${batch.state}, items ${rows.map((r) => `${r.state} ${Number(r.n).toLocaleString('en')}`).join(', ')}`
    }
    process.stdout.write(
      `import: ${entries.toLocaleString('en')} entries (settled ${result.settled.toLocaleString('en')}, skipped ${result.skipped}, ` +
        `unrelated ${result.unrelated}, returned ${result.returned}), ${mb(size)} MB file, ${secs(elapsed)} s, ` +
        `${Math.round(entries / (elapsed / 1000)).toLocaleString('en')} entries/s; ${memory}${check}\n`,
    )
  } finally {
    await server.close()
  }
}

/** Steps 1–3 with the server in this process; returns the batch's id. */
async function setupSteps(url: string, count: number, seed: number, camtFile: string): Promise<string> {
  const config = serverConfig(url)
  const server = await startServer(config, { demo: true })
  try {
    const today = todayInHelsinki(new Date())
    // a due date of their own (no demo payable is that far ahead), so the selection is exactly these payables
    const dueOn = addDays(today, 200)
    const t0 = performance.now()
    const unitId = await insertPayables(server, count, dueOn, seed)
    const t1 = performance.now()
    log(`1. ${count.toLocaleString('en')} payables inserted in ${secs(t1 - t0)} s`)

    const creator = await login(server.url, CREATOR, password())
    const approver = await login(server.url, APPROVER, password())
    const created = await api<{ id: string; version: number; count: number }>(server, creator, 'POST', '/api/payments/batches', {
      dueFrom: dueOn,
      dueTo: dueOn,
      unitId,
      expectedCount: count,
    })
    const batchId = created.id
    const t2a = performance.now()
    const approved = await api<{ state: string }>(server, approver, 'POST', `/api/payments/batches/${batchId}/approve`, { version: created.version })
    if (approved.state !== 'approved') throw new Error(`batch ${batchId} is ${approved.state} after approval`)
    const t2b = performance.now()
    const res = await fetch(`${server.url}/api/payments/batches/${batchId}/pain001`, { headers: { cookie: creator.cookie } })
    if (res.status !== 200 || !res.body) throw new Error(`GET pain001: HTTP ${res.status} ${await res.text()}`)
    let painBytes = 0
    for await (const chunk of res.body) painBytes += (chunk as Uint8Array).byteLength
    const t2 = performance.now()
    log(
      `2. batch of ${created.count.toLocaleString('en')} created in ${secs(t2a - t1)} s, approved in ${secs(t2b - t2a)} s, ` +
        `pain.001 ${mb(painBytes)} MB streamed in ${secs(t2 - t2b)} s`,
    )

    const { entries, bytes } = await writeCamt054(server, batchId, config.debtor.iban, today, camtFile)
    const t3 = performance.now()
    log(`3. camt.054 of ${entries.toLocaleString('en')} entries, ${mb(bytes)} MB written in ${secs(t3 - t2)} s → ${camtFile}`)
    process.stdout.write(
      `setup: ${count.toLocaleString('en')} payables inserted ${secs(t1 - t0)} s; batch created ${secs(t2a - t1)} s, approved ` +
        `${secs(t2b - t2a)} s, pain.001 ${mb(painBytes)} MB ${secs(t2 - t2b)} s; camt.054 ${entries.toLocaleString('en')} entries ` +
        `${mb(bytes)} MB written ${secs(t3 - t2)} s; steps 1–3 ${secs(t3 - t0)} s (setup process peak RSS ` +
        `${mb(process.resourceUsage().maxRSS * 1024)} MB)\n`,
    )
    return batchId
  } finally {
    await server.close()
  }
}

export async function camt054Command(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      payments: { type: 'string' },
      'database-url': { type: 'string' },
      seed: { type: 'string', default: '1' },
      keep: { type: 'boolean', default: false },
      // internal: the child process that only imports
      'import-file': { type: 'string' },
      'batch-id': { type: 'string' },
    },
  })
  const { url, adminUrl } = databaseUrl(values['database-url'])
  if (values['import-file']) return importOnly(url, values['import-file'], values['batch-id'])

  const count = Number((values.payments ?? '').replace(/_/g, ''))
  if (!Number.isSafeInteger(count) || count < 1) throw new Error('--payments N (a positive integer) is required')
  if (await ensureDatabaseExists({ kind: 'postgresql', url, adminUrl })) log(`created ${redactUrl(url)}`)
  log(`${count.toLocaleString('en')} payments on ${redactUrl(url)}`)

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'huoma-camt054-'))
  const camtFile = path.join(dir, 'camt054.xml')
  try {
    const batchId = await setupSteps(url, count, Number(values.seed), camtFile)
    // 4. the import in a fresh process: its peak RSS is the server's start plus the import, nothing of the setup
    const child = spawn(
      process.execPath,
      [...process.execArgv, process.argv[1] as string, 'camt054', '--database-url', url, '--import-file', camtFile, '--batch-id', batchId],
      { stdio: 'inherit' },
    )
    const [code] = (await once(child, 'exit')) as [number | null]
    if (code !== 0) throw new Error(`the import process exited with ${code}`)
  } finally {
    if (!values.keep) fs.rmSync(dir, { recursive: true, force: true })
    else log(`kept ${camtFile}`)
  }
}

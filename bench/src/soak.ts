/**
 * `npm run bench -- soak [--minutes M] [--connections N] [--interval S] [--rate R] [--pglite DIR | --database-url URL]
 * [--server-url URL [--server-pid PID]]`: a soak benchmark. For M minutes (default 30) N concurrent loops in this
 * process (default 4) send a mix of a working day's requests to a Huoma server in another process (started here as
 * `startHuomaServer` does for `run`, or an already running one) as several demo users, and every S seconds (default
 * 60) the interval's requests, unexpected answers and exact p50/p95/p99 are printed beside the server's RSS
 * (/proc/<pid>/status VmRSS), V8 heap (a probe module loaded into the server writes it to a file), open file
 * descriptors (/proc/<pid>/fd), CPU, and on PostgreSQL the database's connections and the audit rows waiting for
 * the sealer. At the end: first vs. last interval, trends per 10 minutes, min–max and the verdict "stable" /
 * "drifting" of soak-summary.ts; the whole run goes to bench/results/soak-<time>.json.
 *
 * The mix (weights per operation; each operation one request unless said):
 * - as `sosiaalityontekija` and `sosiaaliohjaaja` (half each), the registry set's scenarios: name search 14,
 *   henkilötunnus search 10, person read 16, client card 10, journal page 8; own calendar for two weeks 6, a client's
 *   appointments 4; a journal entry written and signed (draft `POST`, then `sign`) 6; an appointment booked and
 *   cancelled 2 (a 400 for an overlap with a concurrent booking is expected, not an error);
 * - as `etuuskasittelija`, the income support set's worklist queue (100 of 10 000 open applications, each listed
 *   client audited) 8;
 * - every 15 s a sign-in, `GET /api/auth/me` and sign-out of one of four users in turn (the login rate limit is 20
 *   a minute).
 * Every client read and write goes through the access layer and writes its audit row, which the server's sealer
 * chains (HUOMA_AUDIT_SEAL_INTERVAL_MS).
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { parseArgs } from 'node:util'
import { addDays, todayInHelsinki } from '@huoma/domain'
import pg from 'pg'
import { APPOINTMENT_PLACES, type Appointment } from '../../packages/contract/src/appointments'
import { JOURNAL_ENTRY_TYPES, type JournalEntryDetail } from '../../packages/contract/src/journal'
import { DEFAULT_DEMO_PASSWORD } from '../../packages/server/src/config'
import { Random, WeightedTable } from '../../packages/server/src/seed/names'
import { positiveInt } from './args'
import { login, send, type Answer, type Session } from './http'
import { ensureRelationships } from './prepare'
import { benchContext, benchEnvironment, tableLayout, writeResultFile } from './runner'
import { incomeSupportSet } from './scenarios/income-support'
import { registrySet } from './scenarios/registry'
import type { HttpRequestSpec, Scenario } from './scenarios/types'
import { startHuomaServer, type StartedServer } from './server'
import type { ProbeReading } from './server-probe'
import { LatencyRecorder } from './stats'
import { SOAK_LIMITS, summariseSoak, type SoakPoint, type SoakSummary } from './soak-summary'
import { describeTarget, openTarget, REPO_ROOT, resolveTarget, serverEnv } from './target'

const WORKERS = ['sosiaalityontekija', 'sosiaaliohjaaja'] as const
const HANDLER = 'etuuskasittelija'
const CHURN_USERS = [...WORKERS, HANDLER, 'toimistosihteeri']
const CHURN_SECONDS = 15
/** Operation → relative weight. Worker operations are split evenly between the workers. */
const WORKER_MIX = {
  'search-by-name': 14,
  'search-by-hetu': 10,
  'client-read': 16,
  'client-card': 10,
  'client-journal': 8,
  calendar: 6,
  'client-appointments': 4,
  'journal-write': 6,
  'appointment-book': 2,
} as const
const HANDLER_MIX = { 'worklist-queue': 8 } as const
const REGISTRY_SCENARIOS = ['search-by-name', 'search-by-hetu', 'client-read', 'client-card', 'client-journal'] as const

const USAGE = `Usage: npm run bench -- soak [options]

  --minutes M           how long the load runs (default 30)
  --connections N       concurrent request loops (default 4)
  --interval S          seconds per reported interval (default 60)
  --rate R              at most R operations started per second in all (default 0: as fast as the loops go)
  --pglite DIR | --database-url URL    the prepared database (as for run; default PostgreSQL huoma_bench)
  --server-url URL      load an already running server on that database instead of starting one
  --server-pid PID      with --server-url: read that process's RSS, fds and CPU from /proc
  --relationships N     open adult social work clients each worker gets (default 2000)
  --seed N              seed of the request inputs (default 1)
  --results DIR         where the result JSON goes (default bench/results)

Verdict: after a warm-up of ${SOAK_LIMITS.warmupMinutes} min (a third of a run shorter than ${3 * SOAK_LIMITS.warmupMinutes} min), "stable" when p95's last third is
within ±${SOAK_LIMITS.p95Band * 100} % of its first third, RSS and heap-after-GC grow less than ${SOAK_LIMITS.memoryGrowth * 100} % (fitted line), connections and
fds stay within their first third's maximum (+${SOAK_LIMITS.connectionSlack}; +max(${SOAK_LIMITS.fdSlack.absolute}, ${SOAK_LIMITS.fdSlack.relative * 100} %)) and unexpected answers are ≤ ${SOAK_LIMITS.errorRate * 100} %;
"inconclusive" when fewer than ${SOAK_LIMITS.minIntervals} intervals follow the warm-up, or when p95 alone failed while the machine's load
average moved the same way by more than ${SOAK_LIMITS.p95Band * 100} % (other work on a shared machine, not the server).`

const log = (msg: string) => process.stderr.write(`bench soak: ${msg}\n`)
const mb = (bytes: number) => bytes / 2 ** 20
const is2xx = (status: number) => status >= 200 && status < 300

/** Requests of one interval (or of the whole run): all together and by request label. */
class Tally {
  readonly all = new LatencyRecorder()
  readonly byLabel = new Map<string, LatencyRecorder>()

  add(label: string, answer: Answer, expected: boolean): void {
    let r = this.byLabel.get(label)
    if (!r) this.byLabel.set(label, (r = new LatencyRecorder()))
    for (const rec of [this.all, r]) {
      rec.add(answer.ms)
      const key = answer.status ? String(answer.status) : 'error'
      rec.statuses[key] = (rec.statuses[key] ?? 0) + 1
      if (!expected) rec.errors++
    }
  }
}

interface ProcReading {
  rssMB: number
  fds: number
  cpuSeconds: number
}

/** RSS, open file descriptors and CPU time (user + system) of a process, from /proc; null when it is gone. */
function readProc(pid: number): ProcReading | null {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8')
    const rssKb = Number(/^VmRSS:\s+(\d+) kB/m.exec(status)?.[1] ?? NaN)
    const fds = fs.readdirSync(`/proc/${pid}/fd`).length
    // Fields after the command name (which may hold spaces): state is the 3rd field, utime the 14th, stime the 15th.
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8')
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    const ticks = Number(fields[11]) + Number(fields[12])
    return { rssMB: rssKb / 1024, fds, cpuSeconds: ticks / 100 }
  } catch {
    return null
  }
}

function readProbe(file: string | null): ProbeReading | null {
  if (!file) return null
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as ProbeReading
  } catch {
    return null
  }
}

interface PgReading {
  connections: number
  idleInTransaction: number
  auditPending: number | null
  /** Connections ever made to the database (pg_stat_database.sessions, PostgreSQL 14+): its rise is the new ones. */
  sessionsTotal: number | null
}

/** The database's connections other than this one's (all of them the server's, unless others use the database). */
async function readPg(client: pg.Client | null): Promise<PgReading | null> {
  if (!client) return null
  try {
    const { rows } = await client.query<{ connections: number; idle_in_tx: number }>(
      `SELECT count(*)::int AS connections, count(*) FILTER (WHERE state = 'idle in transaction')::int AS idle_in_tx
         FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`,
    )
    const optional = async (text: string) => {
      try {
        return (await client.query<{ n: number }>(text)).rows[0]?.n ?? null
      } catch {
        return null // an older schema or server, or no right to read it
      }
    }
    return {
      connections: rows[0]?.connections ?? 0,
      idleInTransaction: rows[0]?.idle_in_tx ?? 0,
      auditPending: await optional('SELECT count(*)::int AS n FROM audit_pending'),
      sessionsTotal: await optional('SELECT sessions::float8 AS n FROM pg_stat_database WHERE datname = current_database()'),
    }
  } catch (e) {
    log(`warning: could not read pg_stat_activity (${(e as Error).message})`)
    return null
  }
}

export interface SoakInterval extends SoakPoint {
  index: number
  seconds: number
  rps: number
  p50Ms: number
  p99Ms: number
  maxMs: number
  statuses: Record<string, number>
  heapUsedMB: number | null
  serverCpuPercent: number | null
  benchCpuPercent: number
  loadAverage1: number
  pgIdleInTransaction: number | null
  /** Connections opened to the database during the interval (the pool closes one idle for 10 s and opens anew). */
  pgNewConnections: number | null
  auditPending: number | null
  byRequest: Record<string, { requests: number; errors: number; p50Ms: number; p95Ms: number }>
}

/** An operation of the mix: one or more requests as one user. */
interface Op {
  name: string
  user: string
  weight: number
  run(call: Caller): Promise<void>
}
type Caller = (label: string, spec: HttpRequestSpec, expect?: (status: number) => boolean) => Promise<Answer>

interface Prepared {
  persons: number
  userIds: Map<string, string>
  /** Each worker's open adult social work clients (journal writes, appointments). */
  clients: Map<string, string[]>
  scenarios: Map<string, Map<string, Scenario>>
}

/** Relationships for every worker, the scenario sets' inputs, user ids; the database is closed again after. */
async function prepareSoak(target: ReturnType<typeof resolveTarget>, random: Random, relationships: number): Promise<Prepared> {
  const database = await openTarget(target, 2)
  try {
    const query = benchContext(database, random, '').query
    const persons = (await query<{ n: number }>('SELECT count(*)::int AS n FROM person'))[0]?.n ?? 0
    if (persons < 1000) throw new Error(`${describeTarget(target)} has ${persons} persons: run \`npm run bench -- prepare\` on it first`)
    const users = await query<{ id: string; username: string }>('SELECT id, username FROM staff_user WHERE username = ANY($1)', [[...WORKERS, HANDLER]])
    const userIds = new Map(users.map((u) => [u.username, u.id]))
    const clients = new Map<string, string[]>()
    const scenarios = new Map<string, Map<string, Scenario>>()
    for (const worker of WORKERS) {
      const added = await ensureRelationships(database.db, worker, relationships)
      if (added) log(`gave ${worker} ${added} open client relationships`)
      const ids = await query<{ id: string }>(
        `SELECT cr.person_id AS id FROM client_relationship cr JOIN staff_user u ON u.id = cr.user_id JOIN person p ON p.id = cr.person_id
          WHERE u.username = $1 AND cr.service_task = 'adult_social_work' AND cr.start_date <= current_date AND cr.end_date IS NULL
            AND p.merged_into IS NULL AND p.death_date IS NULL
          LIMIT $2`,
        [worker, relationships],
      )
      if (ids.length < 10) throw new Error(`${worker} has ${ids.length} adult social work clients; the soak needs some`)
      clients.set(worker, ids.map((r) => r.id))
      const made = await registrySet.create(benchContext(database, random, worker))
      scenarios.set(worker, new Map(made.map((s) => [s.name, s])))
    }
    const handler = await incomeSupportSet.create(benchContext(database, random, HANDLER))
    scenarios.set(HANDLER, new Map(handler.map((s) => [s.name, s])))
    for (const [user, names] of [...WORKERS.map((w) => [w, REGISTRY_SCENARIOS] as const), [HANDLER, Object.keys(HANDLER_MIX)] as const]) {
      for (const name of names) if (!scenarios.get(user)?.has(name)) throw new Error(`No scenario ${name} for ${user} (is the database prepared?)`)
    }
    return { persons, userIds, clients, scenarios }
  } finally {
    await database.close()
  }
}

function buildMix(prep: Prepared, random: Random): WeightedTable<Op> {
  const today = () => todayInHelsinki(new Date())
  let written = 0
  const ops: Op[] = []
  const scenarioOp = (name: string, user: string, weight: number): Op => {
    const s = prep.scenarios.get(user)?.get(name) as Scenario
    return { name, user, weight, run: async (call) => void (await call(name, s.http())) }
  }
  for (const user of WORKERS) {
    const share = (w: number) => w / WORKERS.length
    const clients = prep.clients.get(user) as string[]
    const userId = prep.userIds.get(user) as string
    for (const name of REGISTRY_SCENARIOS) ops.push(scenarioOp(name, user, share(WORKER_MIX[name])))
    ops.push(
      {
        name: 'calendar',
        user,
        weight: share(WORKER_MIX.calendar),
        run: async (call) => void (await call('calendar', { method: 'GET', path: `/api/appointments?from=${today()}&to=${addDays(today(), 13)}` })),
      },
      {
        name: 'client-appointments',
        user,
        weight: share(WORKER_MIX['client-appointments']),
        run: async (call) => void (await call('client-appointments', { method: 'GET', path: `/api/persons/${random.pick(clients)}/appointments` })),
      },
      {
        name: 'journal-write',
        user,
        weight: share(WORKER_MIX['journal-write']),
        run: async (call) => {
          const base = `/api/persons/${random.pick(clients)}/journal/adult_social_work`
          const body = {
            type: random.pick(JOURNAL_ENTRY_TYPES),
            eventDate: today(),
            text: `Soak-kirjaus ${++written}. Asiakkaan tilanne käytiin läpi puhelimessa ja sovittiin seuraavasta tapaamisesta.`,
          }
          const draft = await call('journal-draft', { method: 'POST', path: base, body })
          if (!is2xx(draft.status)) return
          const entry = JSON.parse(draft.body) as JournalEntryDetail
          const version = entry.versions[0]?.version ?? 1
          await call('journal-sign', { method: 'POST', path: `${base}/entries/${entry.entryId}/sign`, body: { version } })
        },
      },
      {
        name: 'appointment-book',
        user,
        weight: share(WORKER_MIX['appointment-book']),
        run: async (call) => {
          const client = random.pick(clients)
          const day = addDays(today(), random.int(30, 400))
          const at = (m: number) => `${day}T${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`
          const start = 8 * 60 + 15 * random.int(0, 31)
          const body = { workerId: userId, serviceTask: 'adult_social_work', start: at(start), end: at(start + 30), place: random.pick(APPOINTMENT_PLACES) }
          // 400 is the overlap with another booking of the same worker at the same time: possible, not a fault.
          const booked = await call('appointment-book', { method: 'POST', path: `/api/persons/${client}/appointments`, body }, (s) => is2xx(s) || s === 400)
          if (!is2xx(booked.status)) return
          const a = JSON.parse(booked.body) as Appointment
          await call('appointment-cancel', {
            method: 'POST',
            path: `/api/persons/${client}/appointments/${a.id}/cancel`,
            body: { reason: 'no_longer_needed', version: a.version },
          })
        },
      },
    )
  }
  ops.push(scenarioOp('worklist-queue', HANDLER, HANDLER_MIX['worklist-queue']))
  return new WeightedTable(ops.map((op) => [op, op.weight] as const))
}

const f = (n: number | null | undefined, digits = 1) => (n === null || n === undefined || !Number.isFinite(n) ? '—' : n.toFixed(digits))

const INTERVAL_HEAD = ['min', 'requests', 'req/s', 'errors', 'p50 ms', 'p95 ms', 'p99 ms', 'RSS MB', 'heap MB', 'heap GC MB', 'fds', 'pg conns', 'new conns', 'audit pend', 'cpu %', 'load']
const intervalCells = (r: SoakInterval) => [
  f(r.endMinute, 1),
  String(r.requests),
  f(r.rps, 1),
  String(r.errors),
  f(r.p50Ms),
  f(r.p95Ms),
  f(r.p99Ms),
  f(r.rssMB),
  f(r.heapUsedMB),
  f(r.heapAfterGcMB),
  r.fds === null ? '—' : String(r.fds),
  r.pgConnections === null ? '—' : String(r.pgConnections),
  r.pgNewConnections === null ? '—' : String(r.pgNewConnections),
  r.auditPending === null ? '—' : String(r.auditPending),
  f(r.serverCpuPercent, 0),
  f(r.loadAverage1, 2),
]
/** The interval lines are printed as they come, so the widths are fixed up front. */
const intervalLine = (cells: readonly string[]) => cells.map((c, i) => c.padStart(Math.max(7, (INTERVAL_HEAD[i] as string).length))).join(' ')

/** The closing lines: per series first/last, trend, min–max; the checks; the verdict. */
export function formatSoakSummary(s: SoakSummary): string {
  const out = [`Summary (${s.windowIntervals} intervals after a warm-up of ${f(s.warmupMinutes)} min; trends and thirds over those):`]
  const labels: Record<keyof SoakSummary['series'], string> = {
    p95Ms: 'p95 ms',
    rssMB: 'RSS MB',
    heapAfterGcMB: 'heap after GC MB',
    fds: 'open fds',
    pgConnections: 'pg connections',
    loadAverage1: 'machine load',
  }
  for (const [key, label] of Object.entries(labels) as [keyof SoakSummary['series'], string][]) {
    const x = s.series[key]
    if (!x) {
      out.push(`  ${label.padEnd(17)} not measured`)
      continue
    }
    out.push(
      `  ${label.padEnd(17)} first interval ${f(x.first)}, last ${f(x.last)}; first third ${f(x.firstThirdMean)}, last third ${f(x.lastThirdMean)}; ` +
        `trend ${x.slopePer10Min >= 0 ? '+' : ''}${f(x.slopePer10Min, 2)} / 10 min; min–max ${f(x.min)}–${f(x.max)} (${f(x.max - x.min)})`,
    )
  }
  out.push('Checks:')
  for (const c of s.checks) out.push(`  ${c.ok ? 'ok   ' : 'FAIL '} ${c.name}: ${c.detail}${c.confoundedBy ? ` — not judged: ${c.confoundedBy}` : ''}`)
  out.push(`verdict: ${s.verdict}`)
  return out.join('\n')
}

export async function soakCommand(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      minutes: { type: 'string' },
      connections: { type: 'string' },
      interval: { type: 'string' },
      rate: { type: 'string' },
      pglite: { type: 'string' },
      'database-url': { type: 'string' },
      'server-url': { type: 'string' },
      'server-pid': { type: 'string' },
      relationships: { type: 'string' },
      seed: { type: 'string' },
      results: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  })
  if (values.help) {
    process.stdout.write(`${USAGE}\n`)
    return
  }
  const minutes = Number(values.minutes ?? 30)
  if (!(minutes > 0)) throw new Error(`--minutes must be positive, got "${values.minutes}"`)
  const connections = Math.max(1, positiveInt('connections', values.connections, 4))
  const intervalMs = Math.max(1, positiveInt('interval', values.interval, 60)) * 1000
  const rate = Number(values.rate ?? 0)
  if (!(rate >= 0)) throw new Error(`--rate must be a non-negative number, got "${values.rate}"`)
  const seed = positiveInt('seed', values.seed, 1)
  const resultsDir = path.resolve(values.results ?? path.join(REPO_ROOT, 'bench/results'))
  const password = process.env.HUOMA_DEMO_PASSWORD ?? DEFAULT_DEMO_PASSWORD
  const target = resolveTarget({ pglite: values.pglite, databaseUrl: values['database-url'] })
  const random = new Random(seed)

  log(`preparing the inputs on ${describeTarget(target)}`)
  const prep = await prepareSoak(target, random, positiveInt('relationships', values.relationships, 2000))
  const mix = buildMix(prep, random)

  let server: StartedServer | null = null
  let pgClient: pg.Client | null = null
  const probeDir = fs.mkdtempSync(path.join(os.tmpdir(), 'huoma-soak-'))
  const probeFile = values['server-url'] ? null : path.join(probeDir, 'probe.json')
  try {
    let baseUrl = values['server-url']
    let pid: number | null = values['server-pid'] ? positiveInt('server-pid', values['server-pid'], 0) : null
    if (!baseUrl) {
      log(`starting the Huoma server on ${describeTarget(target)}`)
      server = await startHuomaServer(
        { ...serverEnv(target), LOG_LEVEL: process.env.LOG_LEVEL || 'warn', HUOMA_BENCH_PROBE_FILE: probeFile as string },
        { nodeArgs: ['--import', pathToFileURL(path.join(REPO_ROOT, 'bench/src/server-probe.ts')).href] },
      )
      baseUrl = server.url
      pid = server.pid
      log(`server up at ${baseUrl}, pid ${pid} (log: ${server.logFile})`)
    }
    const url = baseUrl
    if (target.kind === 'postgresql') {
      pgClient = new pg.Client({ connectionString: target.url })
      await pgClient.connect()
    }

    const sessions = new Map<string, Session>()
    for (const user of [...WORKERS, HANDLER]) sessions.set(user, await login(url, user, password))

    let stopping = false
    const wakers = new Set<() => void>()
    const sleepOrStop = (ms: number) =>
      new Promise<void>((resolve) => {
        if (stopping || ms <= 0) return resolve()
        const done = () => {
          clearTimeout(timer)
          wakers.delete(done)
          resolve()
        }
        const timer = setTimeout(done, ms)
        wakers.add(done)
      })
    const stop = () => {
      stopping = true
      for (const wake of [...wakers]) wake()
    }
    const onSigint = () => {
      log('interrupted: closing the current interval and summarising')
      stop()
    }
    process.once('SIGINT', onSigint)

    let current = new Tally()
    const whole = new Tally()
    const errorSeen = new Set<string>()
    const record = (label: string, answer: Answer, expected: boolean) => {
      current.add(label, answer, expected)
      whole.add(label, answer, expected)
      const key = `${label} ${answer.status}`
      if (!expected && !errorSeen.has(key) && errorSeen.size < 50) {
        errorSeen.add(key)
        log(`unexpected answer to ${label}: ${answer.status ? `HTTP ${answer.status} ${answer.body.slice(0, 300)}` : answer.error}`)
      }
    }
    /** A sign-in again after a 401, at most one at a time per user. */
    const relogins = new Map<string, Promise<void>>()
    const relogin = (user: string) => {
      if (!relogins.has(user)) {
        relogins.set(
          user,
          login(url, user, password)
            .then((s) => void sessions.set(user, s))
            .catch((e: unknown) => void log(`sign-in again as ${user} failed: ${(e as Error).message}`))
            .finally(() => setTimeout(() => relogins.delete(user), 5000)),
        )
      }
      return relogins.get(user) as Promise<void>
    }
    const callerFor = (user: string, session?: Session): Caller => async (label, spec, expect = is2xx) => {
      const answer = await send(url, session ?? (sessions.get(user) as Session), spec)
      record(label, answer, expect(answer.status))
      if (answer.status === 401 && !session) await relogin(user)
      return answer
    }

    const gapMs = rate > 0 ? 1000 / rate : 0
    let nextSlot = performance.now()
    const pace = async () => {
      if (!gapMs) return
      const slot = Math.max(nextSlot, performance.now())
      nextSlot = slot + gapMs
      await sleepOrStop(slot - performance.now())
    }
    const loop = async () => {
      while (!stopping) {
        await pace()
        if (stopping) break
        const op = mix.pick(random)
        try {
          await op.run(callerFor(op.user))
        } catch (e) {
          // an answer that was not what the contract says (its request was counted already)
          if (!errorSeen.has(op.name)) {
            errorSeen.add(op.name)
            log(`operation ${op.name} failed: ${(e as Error).message}`)
          }
        }
      }
    }
    const churn = async () => {
      for (let i = 0; !stopping; i++) {
        await sleepOrStop(CHURN_SECONDS * 1000)
        if (stopping) break
        const user = CHURN_USERS[i % CHURN_USERS.length] as string
        const started = performance.now()
        let session: Session
        try {
          session = await login(url, user, password)
          record('login', { status: 200, ms: performance.now() - started, body: '' }, true)
        } catch (e) {
          record('login', { status: 0, ms: performance.now() - started, body: '', error: (e as Error).message }, false)
          continue
        }
        const call = callerFor(user, session)
        await call('session-me', { method: 'GET', path: '/api/auth/me' })
        await call('logout', { method: 'POST', path: '/api/auth/logout' })
      }
    }

    log(
      `${minutes} min of mixed load, ${connections} loops${rate ? `, at most ${rate} operations/s` : ''}, ` +
        `intervals of ${intervalMs / 1000} s; users ${[...WORKERS, HANDLER].join(', ')}`,
    )
    const intervals: SoakInterval[] = []
    const startedAt = new Date().toISOString()
    const t0 = performance.now()
    const endAt = t0 + minutes * 60_000
    const running = [...Array.from({ length: connections }, loop), churn()]
    process.stdout.write(
      `soak: ${minutes} min, ${connections} loops${rate ? `, ≤ ${rate} op/s` : ''}, ${describeTarget(target)} ` +
        `(${prep.persons.toLocaleString('en')} persons), server ${url}${pid ? ` pid ${pid}` : ''}\n${intervalLine(INTERVAL_HEAD)}\n`,
    )
    let last = {
      t: t0,
      cpu: pid ? (readProc(pid)?.cpuSeconds ?? null) : null,
      bench: process.cpuUsage(),
      sessions: (await readPg(pgClient))?.sessionsTotal ?? null,
    }
    for (let i = 1; ; i++) {
      await sleepOrStop(Math.min(t0 + i * intervalMs, endAt) - performance.now())
      const done = current
      current = new Tally()
      const now = performance.now()
      const seconds = (now - last.t) / 1000
      const stats = done.all.summary(now - last.t)
      const proc = pid ? readProc(pid) : null
      const probe = readProbe(probeFile)
      const pgr = await readPg(pgClient)
      const bench = process.cpuUsage()
      const row: SoakInterval = {
        index: i,
        endMinute: (now - t0) / 60_000,
        seconds,
        requests: stats.requests,
        errors: stats.errors,
        rps: stats.rps,
        p50Ms: stats.p50Ms,
        p95Ms: stats.p95Ms,
        p99Ms: stats.p99Ms,
        maxMs: stats.maxMs,
        statuses: stats.statuses,
        rssMB: proc?.rssMB ?? null,
        heapUsedMB: probe ? mb(probe.heapUsed) : null,
        heapAfterGcMB: probe?.heapAfterGc ? mb(probe.heapAfterGc) : null,
        fds: proc?.fds ?? null,
        pgConnections: pgr?.connections ?? null,
        pgIdleInTransaction: pgr?.idleInTransaction ?? null,
        pgNewConnections: pgr?.sessionsTotal != null && last.sessions !== null ? pgr.sessionsTotal - last.sessions : null,
        auditPending: pgr?.auditPending ?? null,
        serverCpuPercent: proc && last.cpu !== null ? ((proc.cpuSeconds - last.cpu) / seconds) * 100 : null,
        benchCpuPercent: ((bench.user + bench.system - last.bench.user - last.bench.system) / 1e6 / seconds) * 100,
        loadAverage1: os.loadavg()[0] as number,
        byRequest: Object.fromEntries(
          [...done.byLabel].map(([label, r]) => {
            const s = r.summary(now - last.t)
            return [label, { requests: s.requests, errors: s.errors, p50Ms: s.p50Ms, p95Ms: s.p95Ms }]
          }),
        ),
      }
      intervals.push(row)
      process.stdout.write(`${intervalLine(intervalCells(row))}\n`)
      last = { t: now, cpu: proc?.cpuSeconds ?? last.cpu, bench, sessions: pgr?.sessionsTotal ?? last.sessions }
      if (stopping || now >= endAt - 1) break
      if (server && !proc) {
        log(`the server (pid ${pid}) is gone; its log: ${server.logFile}`)
        break
      }
    }
    stop()
    process.removeListener('SIGINT', onSigint)
    await Promise.all(running)

    const summary = summariseSoak(intervals, intervals.at(-1)?.endMinute ?? minutes)
    const finishedAt = new Date().toISOString()
    const byRequest = [...whole.byLabel].map(([label, r]) => ({ label, ...r.summary(performance.now() - t0) }))
    const head = ['request', 'count', 'errors', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms', 'statuses']
    const rows = byRequest.map((r) => [
      r.label,
      String(r.requests),
      String(r.errors),
      f(r.p50Ms),
      f(r.p95Ms),
      f(r.p99Ms),
      f(r.maxMs, 0),
      Object.entries(r.statuses).map(([k, v]) => `${k}:${v}`).join(' '),
    ])
    const { line, rule } = tableLayout(head, rows, (c) => c >= 1 && c <= 6)
    const resultFile = writeResultFile(resultsDir, 'soak', finishedAt, {
      command: 'soak',
      startedAt,
      finishedAt,
      target: describeTarget(target),
      databaseKind: target.kind,
      persons: prep.persons,
      options: { minutes, connections, intervalSeconds: intervalMs / 1000, rate, seed, churnSeconds: CHURN_SECONDS },
      mix: { workers: WORKERS, workerWeights: WORKER_MIX, handler: HANDLER, handlerWeights: HANDLER_MIX, churnUsers: CHURN_USERS },
      server: { url, pid, external: !server, logFile: server?.logFile ?? null },
      environment: benchEnvironment(),
      limits: SOAK_LIMITS,
      intervals,
      byRequest,
      summary,
    })
    process.stdout.write(`\n${[line(head), rule, ...rows.map(line)].join('\n')}\n\n${formatSoakSummary(summary)}\nwritten to ${resultFile}\n`)
  } finally {
    await pgClient?.end().catch(() => undefined)
    await server?.stop()
    fs.rmSync(probeDir, { recursive: true, force: true })
  }
}

import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { CompiledQuery } from 'kysely'
import type { Database } from '../../packages/server/src/db/database'
import { Random } from '../../packages/server/src/seed/names'
import { login, runHttp, type Session } from './http'
import { ratioToAuditedRead, REFERENCE_TASKS, runReferences, type ReferenceResult } from './reference'
import { startHuomaServer, type StartedServer } from './server'
import { runSql } from './sql'
import type { RunStats } from './stats'
import { describeTarget, openTarget, REPO_ROOT, serverEnv, type BenchTarget } from './target'
import type { BenchContext, Scenario, ScenarioSet, SqlQuery } from './scenarios/types'

export interface RunOptions {
  sets: readonly ScenarioSet[]
  /** Only these scenarios (by name); empty = all. */
  scenarios: readonly string[]
  connections: number
  seconds: number
  warmupSeconds: number
  /** Measure this running server instead of starting one. */
  serverUrl?: string | undefined
  username: string
  password: string
  seed: number
  resultsDir: string
  /** Measure the reference scenarios (bare route, one query, one-statement audited read) too; PostgreSQL only. */
  references?: boolean
}

export interface ScenarioResult {
  name: string
  description: string
  http: RunStats
  sql: RunStats
  ratios: {
    /** How many times longer the median HTTP request takes than the median SQL request. */
    httpP50OverSqlP50: number
    /** How many times more requests per second the raw SQL side completes. */
    sqlRpsOverHttpRps: number
    /** How many times more requests per second the one-statement audited read completes (NaN without references). */
    auditedReadRpsOverHttpRps: number
    /** How many times longer the HTTP p95 is than the audited read's p95 (NaN without references). */
    httpP95OverAuditedReadP95: number
  }
}

export interface BenchEnvironment {
  node: string
  platform: string
  cpus: number
  cpuModel: string
  memoryGiB: number
  gitCommit: string | null
}

export interface SetResult {
  set: string
  description: string
  startedAt: string
  finishedAt: string
  target: string
  databaseKind: BenchTarget['kind']
  persons: number
  connections: number
  durationSeconds: number
  warmupSeconds: number
  environment: BenchEnvironment
  scenarios: ScenarioResult[]
  /** The reference scenarios measured in the same run (empty on PGlite or with --no-reference). */
  references: ReferenceResult[]
  resultFile?: string
}

const log = (msg: string) => process.stderr.write(`bench: ${msg}\n`)

function gitCommit(): string | null {
  try {
    return execFileSync('git', ['rev-parse', 'HEAD'], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim()
  } catch {
    return null
  }
}

/** The machine, Node and commit a result was measured on. */
export function benchEnvironment(): BenchEnvironment {
  return {
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? 'unknown',
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    gitCommit: gitCommit(),
  }
}

/** What a scenario set's `create` gets: queries on the open database, the seeded random source, the user. */
export function benchContext(database: Database, random: Random, username: string): BenchContext {
  return {
    query: async <R>(text: string, values: unknown[] = []) => (await database.db.executeQuery(CompiledQuery.raw(text, values))).rows as R[],
    db: database.db,
    random,
    username,
  }
}

/** Writes `data` as `<dir>/<name>-<finishedAt as a file-name stamp>.json`; returns the path relative to the repo. */
export function writeResultFile(dir: string, name: string, finishedAt: string, data: unknown): string {
  fs.mkdirSync(dir, { recursive: true })
  const file = path.join(dir, `${name}-${finishedAt.replace(/[:.]/g, '-')}.json`)
  fs.writeFileSync(file, `${JSON.stringify(data, null, 2)}\n`)
  return path.relative(REPO_ROOT, file)
}

/** A plain-text table's column widths and line formatter; the columns `right` names are right-aligned. */
export function tableLayout(head: readonly string[], rows: readonly (readonly string[])[], right: (column: number) => boolean) {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] ?? '').length)))
  const line = (cells: readonly string[]) =>
    cells.map((c, i) => (right(i) ? c.padStart(widths[i] as number) : c.padEnd(widths[i] as number))).join('  ').trimEnd()
  return { widths, line, rule: line(widths.map((w) => '-'.repeat(w))) }
}

/**
 * Runs every selected scenario on both sides. The SQL side runs first, in this process, with the database open;
 * then the database is closed and the Huoma server is started on it for the HTTP side (PGlite allows only one
 * process on a data folder, and this way neither side competes with the other for the CPU).
 */
export async function runBench(target: BenchTarget, opts: RunOptions): Promise<SetResult[]> {
  const startedAt = new Date().toISOString()
  const random = new Random(opts.seed)
  const database = await openTarget(target, opts.connections)
  const prepared: Array<{ set: ScenarioSet; scenarios: Scenario[] }> = []
  const sqlResults = new Map<Scenario, RunStats>()
  let persons = 0
  let referenceInput: { userId: string; personIds: string[] } | null = null
  try {
    const ctx = benchContext(database, random, opts.username)
    const execute = (q: SqlQuery) => database.db.executeQuery(CompiledQuery.raw(q.text, q.values))
    persons = (await ctx.query<{ n: number }>('SELECT count(*)::int AS n FROM person'))[0]?.n ?? 0
    if (opts.references !== false && target.kind === 'postgresql' && !opts.serverUrl) {
      const related = await ctx.query<{ user_id: string; person_id: string }>(
        `SELECT u.id AS user_id, cr.person_id FROM client_relationship cr JOIN staff_user u ON u.id = cr.user_id
          WHERE u.username = $1 AND cr.service_task = ANY($2) AND cr.start_date <= current_date
            AND (cr.end_date IS NULL OR cr.end_date >= current_date)
          LIMIT 2000`,
        [opts.username, REFERENCE_TASKS],
      )
      if (related.length) referenceInput = { userId: related[0]!.user_id, personIds: related.map((r) => r.person_id) }
      else log('no client relationships of the bench user: the reference scenarios are skipped (run bench prepare)')
    }
    for (const set of opts.sets) {
      const all = await set.create(ctx)
      const scenarios = opts.scenarios.length ? all.filter((s) => opts.scenarios.includes(s.name)) : all
      if (scenarios.length) prepared.push({ set, scenarios })
    }
    if (prepared.length === 0) throw new Error(`No scenario matches ${opts.scenarios.join(', ')}`)
    for (const { set, scenarios } of prepared) {
      for (const s of scenarios) {
        log(`${set.name}/${s.name}: SQL side, ${opts.connections} concurrent, ${opts.warmupSeconds} s warm-up + ${opts.seconds} s`)
        if (opts.warmupSeconds > 0) await runSql(execute, s.sql, { connections: opts.connections, seconds: opts.warmupSeconds })
        sqlResults.set(s, await runSql(execute, s.sql, { connections: opts.connections, seconds: opts.seconds }))
      }
    }
  } finally {
    await database.close()
  }

  let references: ReferenceResult[] = []
  if (referenceInput && target.kind === 'postgresql') {
    references = await runReferences({
      databaseUrl: target.url,
      ...referenceInput,
      connections: opts.connections,
      seconds: opts.seconds,
      warmupSeconds: opts.warmupSeconds,
      pick: (n) => random.int(0, n - 1),
    })
  }

  let server: StartedServer | null = null
  const httpResults = new Map<Scenario, RunStats>()
  try {
    let baseUrl = opts.serverUrl
    if (!baseUrl) {
      log(`starting the Huoma server on ${describeTarget(target)}`)
      // Only the audit sealer runs beside the load (HUOMA_JOBS overrides): a daily job falling due mid-run (retention
      // over 1 M persons at 01:30 Helsinki) would be measured instead of the request path.
      server = await startHuomaServer({ ...serverEnv(target), HUOMA_JOBS: process.env.HUOMA_JOBS || 'audit-sealer' })
      baseUrl = server.url
      log(`server up at ${baseUrl} (log: ${server.logFile})`)
    }
    const session: Session = await login(baseUrl, opts.username, opts.password)
    for (const { set, scenarios } of prepared) {
      for (const s of scenarios) {
        log(`${set.name}/${s.name}: HTTP side, ${opts.connections} connections, ${opts.warmupSeconds} s warm-up + ${opts.seconds} s`)
        if (opts.warmupSeconds > 0) await runHttp(baseUrl, session, s.http, { connections: opts.connections, seconds: opts.warmupSeconds })
        const stats = await runHttp(baseUrl, session, s.http, { connections: opts.connections, seconds: opts.seconds })
        httpResults.set(s, stats)
        if (stats.requests === 0) {
          log(`warning: no HTTP responses in ${opts.seconds} s for ${s.name}; the server may be stalled${server ? ` (log: ${server.logFile})` : ''}`)
        }
      }
    }
  } finally {
    await server?.stop()
  }

  const finishedAt = new Date().toISOString()
  const environment = benchEnvironment()
  const results: SetResult[] = prepared.map(({ set, scenarios }) => ({
    set: set.name,
    description: set.description,
    startedAt,
    finishedAt,
    target: describeTarget(target),
    databaseKind: target.kind,
    persons,
    connections: opts.connections,
    durationSeconds: opts.seconds,
    warmupSeconds: opts.warmupSeconds,
    environment,
    scenarios: scenarios.map((s) => {
      const http = httpResults.get(s) as RunStats
      const sqlStats = sqlResults.get(s) as RunStats
      const toReference = ratioToAuditedRead(http, references)
      return {
        name: s.name,
        description: s.description,
        http,
        sql: sqlStats,
        ratios: {
          httpP50OverSqlP50: http.p50Ms / sqlStats.p50Ms,
          sqlRpsOverHttpRps: sqlStats.rps / http.rps,
          auditedReadRpsOverHttpRps: toReference.rps,
          httpP95OverAuditedReadP95: toReference.p95,
        },
      }
    }),
    references,
  }))

  for (const r of results) r.resultFile = writeResultFile(opts.resultsDir, r.set, finishedAt, r)
  return results
}

const fmt = (n: number, digits = 2) => (Number.isFinite(n) ? n.toFixed(digits) : '—')

/** A readable table of one set's results. */
export function formatResults(r: SetResult): string {
  const head = ['scenario', 'side', 'req/s', 'p50 ms', 'p95 ms', 'p99 ms', 'errors', 'statuses']
  const statuses = (st: RunStats) => Object.entries(st.statuses).map(([k, v]) => `${k}:${v}`).join(' ')
  const rows = r.scenarios.map((s) => [
    [s.name, 'HTTP', fmt(s.http.rps, 0), fmt(s.http.p50Ms), fmt(s.http.p95Ms), fmt(s.http.p99Ms), String(s.http.errors), statuses(s.http)],
    ['', 'SQL', fmt(s.sql.rps, 0), fmt(s.sql.p50Ms), fmt(s.sql.p95Ms), fmt(s.sql.p99Ms), String(s.sql.errors), statuses(s.sql)],
  ])
  const referenceRows = r.references.map((ref) => [
    `reference: ${ref.name}`, 'HTTP', fmt(ref.http.rps, 0), fmt(ref.http.p50Ms), fmt(ref.http.p95Ms), fmt(ref.http.p99Ms), String(ref.http.errors), statuses(ref.http),
  ])
  const { widths, line, rule } = tableLayout(head, [...referenceRows, ...rows.flat()], (i) => i >= 2 && i <= 6)
  const body: string[] = []
  for (const row of referenceRows) body.push(line(row))
  if (referenceRows.length) body.push(rule)
  const pad = ''.padEnd(widths[0] as number)
  r.scenarios.forEach((s, i) => {
    for (const row of rows[i] as string[][]) body.push(line(row))
    body.push(`${pad}  ratio: HTTP p50 / SQL p50 = ${fmt(s.ratios.httpP50OverSqlP50, 1)}×, SQL req/s / HTTP req/s = ${fmt(s.ratios.sqlRpsOverHttpRps, 1)}×`)
    if (r.references.length) {
      body.push(
        `${pad}  vs the one-statement audited read: its req/s / HTTP req/s = ${fmt(s.ratios.auditedReadRpsOverHttpRps, 1)}×, HTTP p95 / its p95 = ${fmt(s.ratios.httpP95OverAuditedReadP95, 1)}×`,
      )
    }
  })
  return [
    `${r.set}: ${r.description}`,
    `${r.target}, ${r.persons.toLocaleString('en')} persons; ${r.connections} connections, ${r.durationSeconds} s per side (+${r.warmupSeconds} s warm-up); ${r.environment.cpus} CPUs, Node ${r.environment.node}`,
    '',
    ...r.references.map((ref) => `reference ${ref.name}: ${ref.description}`),
    ...(r.references.length ? [''] : []),
    line(head),
    rule,
    ...body,
    '',
    r.resultFile ? `written to ${r.resultFile}` : '',
  ].join('\n')
}

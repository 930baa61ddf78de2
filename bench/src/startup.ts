/**
 * `npm run bench -- startup`: cold start to the first health answer. Each run spawns a new server process (the
 * production build by default, `--entry source` for the TypeScript through tsx) against an already migrated and
 * seeded database and times it from the spawn to the first 200 of GET /api/health (polled every 10 ms). The first
 * start of each database only prepares it (migrations, the demo municipality) and is not counted.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { positiveInt } from './args'
import { ensureServerBuild, startHuomaServer, type ServerEntry } from './server'
import { describeTarget, ensureDatabaseExists, resolveTarget, serverEnv, type BenchTarget } from './target'

const USAGE = `Usage: npm run bench -- startup [--runs N] [--entry dist|source] [--db pglite|postgresql|both]
                                   [--database-url URL] [--pglite DIR]

  --runs N            measured starts per database (default 5), after one unmeasured start that prepares it
  --entry dist        the production build npm start runs (default); "source": TypeScript through tsx's loader
  --db both           the embedded database (a new folder in the temp folder, or --pglite DIR) and PostgreSQL
                      (database "huoma_startup" on the local server, or --database-url URL); default both`

export interface StartupFigures {
  target: string
  entry: ServerEntry
  runsMs: number[]
  /** The server process's CPU time up to the first answer, per run (less sensitive to a busy machine). */
  cpuMs: number[]
  medianMs: number
  medianCpuMs: number
  minMs: number
  maxMs: number
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b)
  const mid = Math.floor(s.length / 2)
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2
}

async function measure(target: BenchTarget, entry: ServerEntry, runs: number): Promise<StartupFigures> {
  await ensureDatabaseExists(target)
  // Only the audit sealer runs on its own, as in the end-to-end suite: no job's work competes with the measurement.
  const env = { ...serverEnv(target), HUOMA_JOBS: 'audit-sealer', LOG_LEVEL: 'warn' }
  const prepared = await startHuomaServer(env, { entry, pollMs: 10 })
  await prepared.stop()
  const runsMs: number[] = []
  const cpuMs: number[] = []
  for (let i = 0; i < runs; i++) {
    const server = await startHuomaServer(env, { entry, pollMs: 10 })
    runsMs.push(Math.round(server.healthyAfterMs))
    if (server.cpuMs !== null) cpuMs.push(server.cpuMs)
    await server.stop()
    process.stderr.write(`startup: ${describeTarget(target)} (${entry}) run ${i + 1}: ${Math.round(server.healthyAfterMs)} ms (CPU ${server.cpuMs ?? '?'} ms)\n`)
  }
  return {
    target: describeTarget(target),
    entry,
    runsMs,
    cpuMs,
    medianMs: Math.round(median(runsMs)),
    medianCpuMs: cpuMs.length ? Math.round(median(cpuMs)) : 0,
    minMs: Math.min(...runsMs),
    maxMs: Math.max(...runsMs),
  }
}

export async function startupCommand(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      runs: { type: 'string' },
      entry: { type: 'string' },
      db: { type: 'string' },
      'database-url': { type: 'string' },
      pglite: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  })
  if (values.help) {
    process.stdout.write(`${USAGE}\n`)
    return
  }
  const runs = Math.max(1, positiveInt('runs', values.runs, 5))
  const entry = (values.entry ?? 'dist') as ServerEntry
  if (entry !== 'dist' && entry !== 'source') throw new Error(`--entry must be dist or source, got "${entry}"`)
  const db = values.db ?? 'both'
  if (!['pglite', 'postgresql', 'both'].includes(db)) throw new Error(`--db must be pglite, postgresql or both, got "${db}"`)
  if (entry === 'dist') ensureServerBuild()

  const targets: BenchTarget[] = []
  let tempDir: string | undefined
  if (db !== 'postgresql') {
    if (!values.pglite) tempDir = fs.mkdtempSync(path.join(os.tmpdir(), 'huoma-startup-'))
    targets.push(resolveTarget({ pglite: values.pglite ?? tempDir }))
  }
  if (db !== 'pglite') {
    const url = values['database-url'] ?? startupDatabaseUrl()
    targets.push(resolveTarget({ databaseUrl: url }))
  }
  try {
    for (const t of targets) {
      const f = await measure(t, entry, runs)
      const cpu = f.cpuMs.length ? `; server CPU median ${f.medianCpuMs} ms` : ''
      process.stdout.write(`${f.target} (${f.entry}): median ${f.medianMs} ms, min ${f.minMs}, max ${f.maxMs} — runs ${f.runsMs.join(', ')} ms${cpu}\n`)
    }
  } finally {
    if (tempDir) fs.rmSync(tempDir, { recursive: true, force: true })
  }
}

/** The local PostgreSQL server (or DATABASE_URL's) with the database "huoma_startup". */
function startupDatabaseUrl(): string {
  const url = new URL(process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres')
  url.pathname = '/huoma_startup'
  return url.toString()
}

/**
 * The benchmark suite proper — `npm run bench [-- all|prepare|run] [options]`: prepare the database, run the scenario
 * sets beside the reference scenarios. Loaded by main.ts only for these commands. See bench/README.md.
 */
import path from 'node:path'
import { parseArgs } from 'node:util'
import { DEFAULT_DEMO_PASSWORD } from '../../packages/server/src/config'
import { positiveInt } from './args'
import { prepare } from './prepare'
import { formatResults, runBench } from './runner'
import { SCENARIO_SETS } from './scenarios/index'
import { REPO_ROOT, describeTarget, resolveTarget } from './target'

const USAGE = `Usage: npm run bench [-- <command>] [options]

Commands:
  (none), all   prepare (only what is missing) and run every scenario set
  prepare       create/migrate the benchmark database, seed the demo users and top persons up to --persons
  run           run the scenario sets against the prepared database
  pain001 --payments N --out FILE [--version 09|03]
                write a pain.001 bank file for N synthetic payables; prints time and peak RSS (no database)
  income-support-calc [--seconds S]
                income support calculations per second for a family of five (no database)
  audit-seed --rows N [--method trigger|window] [--batch N]
                append N synthetic audit rows with a valid hash chain; prints rows/s
  audit-verify  run the audit chain verification over the whole log; prints rows/s
  camt054 --payments N [--database-url URL] [--keep]
                N payables → batch → pain.001 → a camt.054 of N booked debits, imported over HTTP; prints time and RSS
  soak [--minutes M] [--connections N] [--interval S] [--rate R] [--pglite DIR | --database-url URL] [--server-url URL [--server-pid PID]]
                M minutes (default 30) of mixed load (searches, reads, cards, journal writes and signatures, appointments,
                the income support worklist, sign-ins) as several demo users from this process against a server in
                another; every S s (default 60) requests, errors, p50/p95/p99, the server's RSS, heap and fds and the
                database's connections; at the end the trends and "stable"/"drifting" (\`soak --help\` for the limits)
  startup [--runs N] [--entry dist|source] [--db pglite|postgresql|both]
                cold start to the first health answer: a new server process per run against a prepared database
                (\`startup --help\`); median, min and max per database
  destruction [--persons N] [--due M] [--batch B] [--database-url URL]
                on its own database (huoma_bench_destruction): N persons (default 1 000 000), M due (default 100 000);
                times the recomputation, proposal, approval and the execution in batches of B (default 1000): clients/s,
                rows/s and RSS per batch
  help          this text

Database (default: PostgreSQL database "${'huoma_bench'}" on DATABASE_URL's server, else postgres://postgres@127.0.0.1:5432):
  --pglite DIR          use an embedded PGlite database in DIR instead
  --database-url URL    use exactly this PostgreSQL database

Options:
  --persons N           persons to have in the database (prepare; default 1000000)
  --seed N              seed for the population and the request inputs (default: derived / 1)
  --relationships N     open client relationships for the bench user (prepare; default 2000)
  --duration S          seconds per side per scenario (default 10)
  --connections N       concurrent HTTP connections = concurrent SQL loops (default 10)
  --warmup S            unmeasured warm-up seconds before each side (default 2)
  --set NAME            only this scenario set (repeatable); sets: ${SCENARIO_SETS.map((s) => s.name).join(', ')}
  --scenario NAME       only this scenario (repeatable)
  --server-url URL      measure an already running Huoma server instead of starting one
  --no-reference        skip the reference scenarios (bare route, one query, one-statement audited read), which
                        otherwise run on PostgreSQL before Huoma's and give every scenario its ratio to the audited read
  --results DIR         where result JSON goes (default bench/results)

Environment: HUOMA_DEMO_PASSWORD (login password, default the demo password), HUOMA_BENCH_USER (default
sosiaalityontekija), DATABASE_URL, HUOMA_BENCH_CW_MATTERS (open child welfare matters to seed; default 5 % of the
persons, 50 000 at 1 M).`

export async function suiteCommand(args: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      pglite: { type: 'string' },
      'database-url': { type: 'string' },
      persons: { type: 'string' },
      seed: { type: 'string' },
      relationships: { type: 'string' },
      duration: { type: 'string' },
      connections: { type: 'string' },
      warmup: { type: 'string' },
      set: { type: 'string', multiple: true },
      scenario: { type: 'string', multiple: true },
      'server-url': { type: 'string' },
      'no-reference': { type: 'boolean' },
      results: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  })
  const command = positionals[0] ?? 'all'
  if (values.help || command === 'help') {
    process.stdout.write(`${USAGE}\n`)
    return
  }
  if (!['all', 'prepare', 'run'].includes(command)) throw new Error(`Unknown command "${command}"\n\n${USAGE}`)

  const target = resolveTarget({ pglite: values.pglite, databaseUrl: values['database-url'] })
  const username = process.env.HUOMA_BENCH_USER || 'sosiaalityontekija'
  const seed = values.seed === undefined ? undefined : positiveInt('seed', values.seed, 1)

  if (command === 'all' || command === 'prepare') {
    const result = await prepare(target, {
      persons: positiveInt('persons', values.persons, 1_000_000),
      seed,
      username,
      relationships: positiveInt('relationships', values.relationships, 2000),
    })
    process.stdout.write(
      `prepared ${result.target}: ${result.personsAfter.toLocaleString('en')} persons` +
        (result.seeded
          ? `; seeded ${result.seeded.persons.toLocaleString('en')} in ${(result.seeded.elapsedMs / 1000).toFixed(1)} s ` +
            `(${Math.round(result.seeded.persons / (result.seeded.elapsedMs / 1000)).toLocaleString('en')} persons/s, ` +
            `${Math.round(result.seeded.rows / (result.seeded.elapsedMs / 1000)).toLocaleString('en')} rows/s, ${result.seeded.method})`
          : '') +
        `; total ${(result.elapsedMs / 1000).toFixed(1)} s\n`,
    )
  }

  if (command === 'all' || command === 'run') {
    const wanted = values.set ?? []
    const sets = wanted.length ? SCENARIO_SETS.filter((s) => wanted.includes(s.name)) : SCENARIO_SETS
    if (sets.length === 0) throw new Error(`No scenario set named ${wanted.join(', ')}; sets: ${SCENARIO_SETS.map((s) => s.name).join(', ')}`)
    process.stderr.write(`bench: running ${sets.map((s) => s.name).join(', ')} on ${describeTarget(target)}\n`)
    const results = await runBench(target, {
      sets,
      scenarios: values.scenario ?? [],
      connections: Math.max(1, positiveInt('connections', values.connections, 10)),
      seconds: Math.max(1, positiveInt('duration', values.duration, 10)),
      warmupSeconds: positiveInt('warmup', values.warmup, 2),
      serverUrl: values['server-url'],
      references: !values['no-reference'],
      username,
      password: process.env.HUOMA_DEMO_PASSWORD ?? DEFAULT_DEMO_PASSWORD,
      seed: seed ?? 1,
      resultsDir: path.resolve(values.results ?? path.join(REPO_ROOT, 'bench/results')),
    })
    for (const r of results) process.stdout.write(`\n${formatResults(r)}\n`)
  }
}


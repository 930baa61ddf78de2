import { parseArgs } from 'node:util'
import { loadConfig } from './config'
import { openDatabase, type Database } from './db/database'
import { migrateToLatest, migrationStatus } from './db/migrate'
import { describeStartupError } from './startup-errors'
import { isDemoSeeded, seedDemo } from './seed/demo'
import { insertPopulation } from './seed/population'
import { sealAuditLog, verifyAuditChain } from './access/audit'

const USAGE = `Usage: huoma <command>   (from the repository: npm run huoma -- <command>)

  serve [--demo]              start the server (--demo: seed the Demola demo municipality into an empty database)
  db migrate                  apply pending database migrations
  db status                   list migrations and whether each is applied
  seed --demo                 seed the Demola demo municipality (only into an empty database)
  seed --persons N [--seed S] add N synthetic persons (households, addresses) for benchmarks
  audit verify                walk the audit log's hash chain; exits 1 naming the first broken row
  audit seal                  seal the rows written since the last seal into the chain (the server does this itself)
  vtj sync                    apply the population register's changes to the client registry (nightly batch)

Environment: DATABASE_URL (PostgreSQL; default: embedded PGlite in HUOMA_DATA_DIR, default ./data),
HUOMA_DEMO_PASSWORD, PORT (8080), HOST (127.0.0.1), LOG_LEVEL.`

class UsageError extends Error {}

async function withDatabase<T>(fn: (database: Database) => Promise<T>): Promise<T> {
  const config = loadConfig()
  let database: Database
  try {
    database = await openDatabase(config)
  } catch (e) {
    throw new Error(describeStartupError(e))
  }
  try {
    return await fn(database)
  } finally {
    await database.close()
  }
}

function positiveInt(value: string | undefined, name: string): number {
  const n = Number(value)
  if (!value || !Number.isInteger(n) || n <= 0) throw new UsageError(`${name} must be a positive whole number, got "${value ?? ''}"`)
  return n
}

export async function runCli(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      demo: { type: 'boolean', default: false },
      persons: { type: 'string' },
      seed: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  })
  const [command, sub] = positionals
  if (values.help || !command) {
    process.stdout.write(USAGE + '\n')
    return command || values.help ? 0 : 2
  }
  switch (command) {
    case 'serve': {
      const { serve } = await import('./main')
      await serve({ demo: values.demo })
      return -1 // keeps running
    }
    case 'db':
      if (sub === 'migrate') {
        return withDatabase(async (database) => {
          const applied = await migrateToLatest(database.db)
          process.stdout.write(applied.length ? `Applied: ${applied.join(', ')}\n` : 'The database is up to date.\n')
          return 0
        })
      }
      if (sub === 'status') {
        return withDatabase(async (database) => {
          process.stdout.write(`Database: ${database.kind} — ${database.location}\n`)
          for (const m of await migrationStatus(database.db)) {
            process.stdout.write(`  ${m.executedAt ? 'applied ' + m.executedAt.toISOString() : 'pending'.padEnd(32)}  ${m.name}\n`)
          }
          return 0
        })
      }
      throw new UsageError('db takes "migrate" or "status"')
    case 'seed': {
      if (!values.demo && values.persons === undefined) throw new UsageError('seed takes --demo or --persons N')
      return withDatabase(async (database) => {
        await migrateToLatest(database.db)
        if (values.demo) {
          if (await isDemoSeeded(database.db)) {
            process.stdout.write('The demo municipality is already seeded; nothing to do.\n')
          } else {
            const config = loadConfig()
            const r = await seedDemo(database, { password: config.demoPassword })
            process.stdout.write(`Seeded Demola: ${r.persons} persons, ${r.users} staff users.\n`)
          }
        }
        if (values.persons !== undefined) {
          const count = positiveInt(values.persons, '--persons')
          const started = Date.now()
          const r = await insertPopulation(database, {
            count,
            databaseUrl: loadConfig().databaseUrl,
            seed: values.seed === undefined ? Date.now() % 2 ** 31 : positiveInt(values.seed, '--seed'),
          })
          const s = (Date.now() - started) / 1000
          process.stdout.write(`Added ${r.persons} persons in ${s.toFixed(1)} s (${Math.round(r.persons / s)} persons/s).\n`)
        }
        return 0
      })
    }
    case 'vtj':
      if (sub !== 'sync') throw new UsageError('vtj takes "sync"')
      return withDatabase(async (database) => {
        await migrateToLatest(database.db)
        const { connectVtj } = await import('./integrations/vtj/connect')
        const { syncFromVtj } = await import('./modules/persons/vtj-sync')
        const { createLogger } = await import('./http/logger')
        const { systemClock } = await import('./kernel/clock')
        const connector = await connectVtj(database, createLogger('warn'), systemClock)
        // The simulator lives in this process only: give it the day's changes to deliver (the real register has its own).
        if (connector.kind === 'simulator') connector.client.seedDemoChanges()
        try {
          const r = await syncFromVtj(database.db, connector.client, systemClock, { persistCursor: connector.kind === 'xroad', log: (s) => process.stdout.write(s + '\n') })
          process.stdout.write(`VTJ sync done: ${r.changes} changes in ${r.pages} page(s), ${r.updatedPersons} clients updated (${r.changedFields} fields).\n`)
          return 0
        } finally {
          connector.close()
        }
      })
    case 'audit':
      if (sub === 'seal') {
        return withDatabase(async (database) => {
          const n = await sealAuditLog(database.db)
          process.stdout.write(`Audit log: ${n} pending rows sealed into the chain.\n`)
          return 0
        })
      }
      if (sub !== 'verify') throw new UsageError('audit takes "verify" or "seal"')
      return withDatabase(async (database) => {
        const r = await verifyAuditChain(database.db, {
          onProgress: (n) => process.stderr.isTTY && process.stderr.write(`\r  ${n} rows verified`),
        })
        if (process.stderr.isTTY) process.stderr.write('\n')
        const rate = r.ms > 0 ? Math.round((r.rows / r.ms) * 1000) : r.rows
        const pending = r.pending ? ` ${r.pending} newer rows are not yet sealed (the server seals them within seconds; \`huoma audit seal\` seals them now).` : ''
        if (r.ok) {
          process.stdout.write(`Audit log intact: ${r.rows} rows verified in ${(r.ms / 1000).toFixed(1)} s (${rate} rows/s).${pending}\n`)
          return 0
        }
        const b = r.brokenAt!
        const why: Record<typeof b.reason, string> = {
          hash: 'its content does not match its hash (the row was altered)',
          link: `position ${b.position ?? '?'} of the chain is missing (a seal was removed)`,
          head: `the chain head does not match the last sealed position ${b.position ?? '?'} (seals were removed from the end)`,
          missing: 'the row is gone (it was sealed or queued for sealing, and then deleted)',
          unsealed: 'the row is neither sealed nor queued for sealing (it was slipped in past the triggers)',
          clients: 'its client index (audit_client) does not match the row\'s client ids',
        }
        process.stdout.write(`Audit log BROKEN at ${b.reason === 'head' ? 'the chain head' : `row ${b.id}`}: ${why[b.reason]}. ${r.rows} rows before it verified.\n`)
        return 1
      })
    default:
      throw new UsageError(`Unknown command "${command}"`)
  }
}

if (import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith('huoma.mjs')) {
  try {
    const code = await runCli(process.argv.slice(2))
    if (code >= 0) process.exit(code)
  } catch (e) {
    if (e instanceof UsageError || (e as NodeJS.ErrnoException).code?.startsWith('ERR_PARSE_ARGS')) {
      process.stderr.write(`${(e as Error).message}\n\n${USAGE}\n`)
      process.exit(2)
    }
    process.stderr.write(`${(e as Error).message}\n`)
    process.exit(1)
  }
}

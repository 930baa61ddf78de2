import { randomInt } from 'node:crypto'
import { parseArgs } from 'node:util'
import { loadConfig, type Config } from './config'
import { openDatabase, type Database } from './db/database'
import { migrateForServer, migrationStatus } from './db/migrate'
import { describeStartupError } from './startup-errors'
import { isDemoSeeded, seedDemo } from './seed/demo'
import { insertPopulation } from './seed/population'
import { systemClock } from './kernel/clock'
import { sealAuditLog, verifyAuditChain } from './access/audit'
import { keyIdOf, loadVerifyingKeys, openAuditAnchor } from './access/audit-anchor'

const USAGE = `Usage: huoma <command>   (from the repository: npm run huoma -- <command>)

  serve [--demo]              start the server (--demo: seed the Demola demo municipality into an empty database)
  db migrate                  apply pending database migrations
  db status                   list migrations and whether each is applied
  seed --demo                 seed the Demola demo municipality (only into an empty database)
  seed --persons N [--seed S] add N synthetic persons (households, addresses) for benchmarks
  audit verify                walk the audit log's hash chain and check its signed heads against the public key
                              and the witness file; exits 1 naming the first problem
  audit seal                  seal the rows written since the last seal into the chain, sign the head and witness it
                              (the server does this itself)
  audit detach --before YYYY-MM [--force]
                              detach the audit log's whole months older than YYYY-MM for cold storage: each month's
                              rows are checked against the chain, recorded (rows, seal positions, last hash) so that
                              verify accounts for them, and left as tables of their own to dump and drop; refuses a
                              month with unsealed rows, and one younger than the 12-year retention unless --force
  backup <folder>             write a backup into a new folder: the database (embedded: a consistent export, refused
                              while a server holds the data folder; PostgreSQL: pg_dump -Fc), the key and witness
                              files of the data folder, and a manifest of totals and checksums
  restore <folder>            restore a backup into an empty data folder or an empty PostgreSQL database, then verify
                              the audit log and compare the totals with the manifest; exits 1 on any difference
  vtj sync                    apply the population register's changes to the client registry (nightly batch)
  jobs list                   the scheduled jobs: schedule, last run and outcome, next run, failures in a row
  jobs run <name> [--demo]    run a scheduled job now, once (claimed like a scheduled run; waits for its end;
                              --demo: the demo municipality, where Kela's simulator may forward applications)

Environment: DATABASE_URL (PostgreSQL; default: embedded PGlite in HUOMA_DATA_DIR, default ./data),
HUOMA_MIGRATION_DATABASE_URL (the owner's connection for migrations, when DATABASE_URL is the application role),
HUOMA_AUDIT_SIGNING_KEY_FILE, HUOMA_AUDIT_PUBLIC_KEY_FILE, HUOMA_AUDIT_WITNESS_FILE, HUOMA_AUDIT_WITNESS_SYSLOG,
HUOMA_DEMO_PASSWORD, PORT (8080), HOST (127.0.0.1), LOG_LEVEL, LOG_FORMAT (json; text: readable lines).`

class UsageError extends Error {}

async function withDatabase<T>(fn: (database: Database, config: Config) => Promise<T>): Promise<T> {
  const config = loadConfig()
  let database: Database
  try {
    database = await openDatabase(config)
  } catch (e) {
    throw new Error(describeStartupError(e))
  }
  try {
    return await fn(database, config)
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
      before: { type: 'string' },
      force: { type: 'boolean', default: false },
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
        return withDatabase(async (database, config) => {
          const { applied, appRole } = await migrateForServer(database.db, config.migrationDatabaseUrl)
          process.stdout.write(applied.length ? `Applied: ${applied.join(', ')}\n` : 'The database is up to date.\n')
          if (appRole) process.stdout.write(`Applied as the owner; the application role "${appRole}" was granted its rights.\n`)
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
      return withDatabase(async (database, config) => {
        await migrateForServer(database.db, config.migrationDatabaseUrl)
        if (values.demo) {
          if (await isDemoSeeded(database.db)) {
            process.stdout.write('The demo municipality is already seeded; nothing to do.\n')
          } else {
            const r = await seedDemo(database, { password: config.demoPassword, now: systemClock.now() })
            process.stdout.write(`Seeded Demola: ${r.persons} persons, ${r.users} staff users.\n`)
          }
        }
        if (values.persons !== undefined) {
          const count = positiveInt(values.persons, '--persons')
          const started = performance.now()
          const r = await insertPopulation(database, {
            count,
            databaseUrl: loadConfig().databaseUrl,
            seed: values.seed === undefined ? randomInt(2 ** 31 - 1) : positiveInt(values.seed, '--seed'),
          })
          const s = (performance.now() - started) / 1000
          process.stdout.write(`Added ${r.persons} persons in ${s.toFixed(1)} s (${Math.round(r.persons / s)} persons/s).\n`)
        }
        return 0
      })
    }
    case 'vtj':
      if (sub !== 'sync') throw new UsageError('vtj takes "sync"')
      return withDatabase(async (database, config) => {
        await migrateForServer(database.db, config.migrationDatabaseUrl)
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
    case 'jobs': {
      if (sub !== 'list' && sub !== 'run') throw new UsageError('jobs takes "list" or "run <name>"')
      const name = positionals[2]
      if (sub === 'run' && !name) throw new UsageError('jobs run takes the name of a job (see "jobs list")')
      return withDatabase(async (database, config) => {
        await migrateForServer(database.db, config.migrationDatabaseUrl)
        return sub === 'list' ? listJobs(database) : runJob(database, name!, values.demo)
      })
    }
    case 'audit':
      if (sub === 'seal') {
        return withDatabase(async (database, config) => {
          const n = await sealAuditLog(database.db, openAuditAnchor(config.audit), { now: () => systemClock.now() })
          process.stdout.write(`Audit log: ${n} pending rows sealed into the chain; its head is signed and in the witness ${config.audit.witnessFile}.\n`)
          return 0
        })
      }
      if (sub === 'detach') {
        if (!values.before) throw new UsageError('audit detach takes --before YYYY-MM (the first month to keep)')
        const before = values.before
        return withDatabase(async (database, config) => {
          await migrateForServer(database.db, config.migrationDatabaseUrl)
          return detachAudit(database, config, before, values.force)
        })
      }
      if (sub !== 'verify') throw new UsageError('audit takes "verify", "seal" or "detach"')
      return withDatabase(async (database, config) => {
        const report = await verifyAuditReport(database, config)
        process.stdout.write(report.text + '\n')
        return report.ok ? 0 : 1
      })
    case 'backup': {
      const target = sub
      if (!target) throw new UsageError('backup takes the folder to write the backup into (a new one)')
      const { backup } = await import('./backup')
      const started = performance.now()
      const { folder, manifest } = await backup(loadConfig(), target)
      const t = manifest.totals
      process.stdout.write(
        `Backup of the ${manifest.kind === 'pglite' ? 'embedded database' : 'PostgreSQL database'} written to ${folder} in ${((performance.now() - started) / 1000).toFixed(1)} s: ` +
          `${manifest.database.file} (${(manifest.database.bytes / 1048576).toFixed(1)} MiB), migration ${manifest.migration}, ${t.persons} persons, ` +
          `${t.journalEntries} journal entries, ${t.payables} payables, ${t.auditRows} audit rows under signed head ${manifest.audit.lastHeadSeq}.\n` +
          `  With it: ${manifest.files.map((f) => f.file.replace(/^files\//, '')).join(', ') || 'no files of the data folder'}.\n`,
      )
      for (const k of manifest.keptApart) process.stdout.write(`  NOT in the backup, configured outside the data folder — back it up on its own: ${k.role} ${k.path}\n`)
      return 0
    }
    case 'restore': {
      const source = sub
      if (!source) throw new UsageError('restore takes the folder of a backup made by "huoma backup"')
      const { restore, readTotals, compareWithManifest } = await import('./backup')
      const { latestMigration } = await import('./db/migrate')
      const config = loadConfig()
      const r = await restore(config, source)
      process.stdout.write(`Restored the ${r.manifest.kind === 'pglite' ? 'embedded database' : 'PostgreSQL database'} of ${r.manifest.createdAt} (migration ${r.manifest.migration}).\n`)
      for (const f of r.written) process.stdout.write(`  wrote ${f}\n`)
      for (const f of r.kept) process.stdout.write(`  kept ${f}\n`)
      return withDatabase(async (database) => {
        const report = await verifyAuditReport(database, config)
        process.stdout.write(report.text + '\n')
        const diffs = compareWithManifest(r.manifest, { ...(await readTotals(database.db)), migration: await latestMigration(database.db) })
        if (diffs.length) process.stdout.write(`The restored database does NOT give the backup's totals:\n${diffs.map((d) => `  ${d}\n`).join('')}`)
        else process.stdout.write(`Totals match the backup: ${Object.entries(r.manifest.totals).map(([k, v]) => `${k} ${v}`).join(', ')}.\n`)
        if (!report.ok || diffs.length) {
          process.stdout.write('Restore FAILED its checks: do not serve from this database; keep the backup and the witness for examination.\n')
          return 1
        }
        return 0
      })
    }
    default:
      throw new UsageError(`Unknown command "${command}"`)
  }
}

/**
 * `audit detach`: as the log's owner (HUOMA_MIGRATION_DATABASE_URL when set: the application role may not detach),
 * the months before `before`, oldest first; exits 1 when a month was refused.
 */
async function detachAudit(database: Database, config: Config, before: string, force: boolean): Promise<number> {
  const { detachAuditPartitions } = await import('./access/audit-partitions')
  const owner = config.migrationDatabaseUrl ? await openDatabase({ ...config, databaseUrl: config.migrationDatabaseUrl }) : database
  try {
    const r = await detachAuditPartitions(owner.db, {
      before,
      now: systemClock.now(),
      force,
      onMonth: (m) =>
        process.stdout.write(
          `Detached ${m.month}: ${m.rows} rows (seal positions ${m.firstPosition ?? '–'}…${m.lastPosition ?? '–'}), ${m.clientRows} client index rows` +
            `${m.forced ? ', within the retention (--force)' : ''} — now the tables ${m.logTable} and ${m.clientTable}.\n`,
        ),
    })
    if (!r.detached.length && !r.refused.length) process.stdout.write(`No month of the audit log before ${before} is attached; nothing to detach.\n`)
    if (r.detached.length) {
      process.stdout.write(
        `Dump the detached tables for cold storage (pg_dump -t <table>, with audit_detached and audit_seal for their chain) and then drop them; ` +
          `huoma audit verify accounts for their rows.\n`,
      )
    }
    if (r.inDefault) process.stdout.write(`${r.inDefault} rows older than ${before} are in the default partition and stay in the log.\n`)
    for (const f of r.refused) process.stdout.write(`Refused ${f.month} (${f.reason}): ${f.detail}.\n`)
    return r.refused.length ? 1 : 0
  } finally {
    if (owner !== database) await owner.close()
  }
}

/** `audit verify`: the chain, the signed heads and the witness, as the operator's one paragraph. */
async function verifyAuditReport(database: Database, config: Config): Promise<{ ok: boolean; text: string }> {
  const verifying = loadVerifyingKeys(config.audit)
  const r = await verifyAuditChain(database.db, {
    onProgress: (n) => process.stderr.isTTY && process.stderr.write(`\r  ${n} rows verified`),
    anchor: { keys: verifying.keys, witnessFile: config.audit.witnessFile },
  })
  if (process.stderr.isTTY) process.stderr.write('\n')
  const rate = r.ms > 0 ? Math.round((r.rows / r.ms) * 1000) : r.rows
  const pending = r.pending ? ` ${r.pending} newer rows are not yet sealed (the server seals them within seconds; \`huoma audit seal\` seals them now).` : ''
  const keys = verifying.keys.map(keyIdOf).join(', ') || 'none'
  if (r.ok) {
    return {
      ok: true,
      text:
        `Audit log intact: ${r.rows} rows verified${r.detached ? ` (and ${r.detached} rows of detached months accounted for)` : ''} in ${(r.ms / 1000).toFixed(1)} s (${rate} rows/s); ${r.heads} signed ${r.heads === 1 ? 'head holds' : 'heads hold'} ` +
        `under ${keys} and ${r.heads === 1 ? 'matches' : 'match'} the witness ${config.audit.witnessFile}.${pending}`,
    }
  }
  const b = r.brokenAt!
  const why: Record<typeof b.reason, string> = {
    hash: 'its content does not match its hash (the row was altered)',
    link: `position ${b.position ?? '?'} of the chain is missing (a seal was removed)`,
    head: `the chain head does not match the last sealed position ${b.position ?? '?'} (seals were removed from the end)`,
    missing: 'the row is gone (it was sealed or queued for sealing, and then deleted)',
    unsealed: 'the row is neither sealed nor queued for sealing (it was slipped in past the triggers)',
    clients: 'its client index (audit_client) does not match the row\'s client ids',
    detached: 'the record of detached months (audit_detached) does not match the chain: a detached month\'s last hash differs, or its rows are back or fewer than recorded',
    signature: verifying.keys.length
      ? `its signature does not hold under the verifying key (${keys}; the head names ${b.keyId ?? '?'}): the head was altered or signed with another key`
      : `there is no key to check its signature with (${verifying.source}): set HUOMA_AUDIT_PUBLIC_KEY_FILE or HUOMA_AUDIT_SIGNING_KEY_FILE`,
    anchor: `the chain at position ${b.position ?? '?'} (row ${b.id}) no longer has the hash the head signed: rows up to there were altered and the chain recomputed`,
    'anchor-gap': `the signed heads do not follow one another: head ${b.seq ?? '?'} starting at position ${b.position ?? '?'} is missing (a signed head was removed or altered)`,
    unsigned: `position ${b.position ?? '?'} and the seals after it are signed by no head (seals made past the sealer; the server signs them in its next round)`,
    'witness-missing': `the database's head is not in the witness ${config.audit.witnessFile} (the witness lags or was cut)`,
    'witness-extra': `the witness ${config.audit.witnessFile} holds it and the database does not (signed heads were removed from the database, or it was restored from an older backup)`,
    'witness-differs': `the witness ${config.audit.witnessFile} holds a different head under that number (one of the two was altered)`,
    'witness-unreadable': `line ${b.line ?? '?'} of the witness ${config.audit.witnessFile} is not a signed head following the previous one`,
  }
  const where =
    b.reason === 'head'
      ? 'the chain head'
      : b.reason === 'witness-unreadable'
        ? 'the witness'
        : b.seq !== undefined
          ? `signed head ${b.seq}`
          : b.reason === 'unsigned'
            ? `position ${b.position ?? '?'}`
            : `row ${b.id}`
  return { ok: false, text: `Audit log BROKEN at ${where}: ${why[b.reason]}. ${r.rows} rows before it verified.` }
}

/** The job runner of a command-line process: the server's jobs, none on a schedule (the servers run those). */
async function cliJobRunner(database: Database, demo = false) {
  const [{ connectVtj }, { connectKela }, { engineParameters }, { createLogger }, { JobRunner }, { serverJobs }] = await Promise.all([
    import('./integrations/vtj/connect'),
    import('./integrations/kela/connect'),
    import('./modules/income-support/parameters'),
    import('./http/logger'),
    import('./kernel/jobs'),
    import('./jobs'),
  ])
  const logger = createLogger('warn')
  const vtj = await connectVtj(database, logger, systemClock)
  const kela = await connectKela(database, await engineParameters(database.db), logger, systemClock.now())
  const config = loadConfig()
  const auditAnchor = openAuditAnchor(config.audit)
  const runner = new JobRunner({ database, clock: systemClock, logger, jobs: serverJobs({ config, vtj, kela, demo, auditAnchor }), scheduled: 'none' })
  await runner.register()
  return { runner, close: () => vtj.close() }
}

async function listJobs(database: Database): Promise<number> {
  const [{ readJobRows }, { jobView }, { helsinkiWallClock }] = await Promise.all([import('./modules/jobs/queries'), import('./modules/jobs/view'), import('./kernel/jobs')])
  const { runner, close } = await cliJobRunner(database)
  try {
    const infos = runner.jobs()
    const rows = await readJobRows(database.db, infos.map((i) => i.definition.name))
    const time = (iso: string | null | undefined) => (iso ? helsinkiWallClock(new Date(iso)) : '–')
    for (const info of infos) {
      const v = jobView(info, rows.get(info.definition.name))
      const last = v.lastRun
      process.stdout.write(`${v.name} — ${v.title.en}  (${v.scheduleText.en})\n`)
      process.stdout.write(`  ${v.description.en}\n`)
      process.stdout.write(`  last run: ${last ? `${time(last.startedAt)} ${last.outcome}${last.trigger === 'manual' ? ' (by hand)' : ''}${last.summary ? ` — ${last.summary}` : ''}${last.error ? ` — ${last.error}` : ''}` : 'never'}\n`)
      process.stdout.write(`  next run: ${v.quiet ? 'every server runs it on its own schedule' : time(v.nextRunAt)}${v.retry ? ` (attempt ${v.retry.attempt} of ${v.retry.of})` : ''}\n`)
      if (v.consecutiveFailures) process.stdout.write(`  FAILING: ${v.consecutiveFailures} failures in a row; last: ${v.lastFailure?.error ?? ''}\n`)
    }
    process.stdout.write('Times are Helsinki time.\n')
    return 0
  } finally {
    close()
  }
}

async function runJob(database: Database, name: string, demo: boolean): Promise<number> {
  const [{ appendAudit }, { JobBusyError, UnknownJobError }, { jobsEvents }] = await Promise.all([import('./access/audit'), import('./kernel/jobs'), import('./modules/jobs/events')])
  const { runner, close } = await cliJobRunner(database, demo)
  try {
    const run = await runner.runNow(name, {
      // A configuration action from the command line: audited like the main user's, without a user.
      within: (trx, runId) => appendAudit(trx, { userId: null, event: jobsEvents.run, basis: 'cli', refId: runId, outcome: 'success' }),
    })
    process.stdout.write(`Running ${name} (run ${run.runId})…\n`)
    const r = await run.done
    if (r.outcome === 'success') {
      process.stdout.write(`${name}: done${r.summary ? ` — ${r.summary}` : ''}\n`)
      return 0
    }
    process.stdout.write(`${name}: ${r.outcome} — ${r.error}\n`)
    return 1
  } catch (e) {
    if (e instanceof UnknownJobError) throw new UsageError(`${e.message} (the jobs: ${runner.jobs().map((j) => j.definition.name).join(', ')})`)
    if (e instanceof JobBusyError) {
      process.stdout.write(`${e.message} (on a server); try again when it has ended.\n`)
      return 1
    }
    throw e
  } finally {
    await runner.stop()
    close()
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

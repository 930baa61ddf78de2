import type { Logger } from 'pino'
import type { Kysely } from 'kysely'
import type { DB } from './db/schema'
import { buildApp, type App } from './app'
import type { Config } from './config'
import { openDatabase, type Database } from './db/database'
import { auditLogPowers, migrateForServer } from './db/migrate'
import { openAuditAnchor } from './access/audit-anchor'
import { bufferedStdout, createLogger, readableLog } from './http/logger'
import { DEMO_USERS, isDemoSeeded, seedDemo } from './seed/demo'
import { connectVtj } from './integrations/vtj/connect'
import { connectKela } from './integrations/kela/connect'
import { importDemoKelaApplications } from './seed/demo-income-support'
import { seedDemoClientAccounts } from './modules/client-accounts/demo'
import { engineParameters, ensureDefaultParameters } from './modules/income-support/parameters'
import { systemClock, type Clock } from './kernel/clock'
import { JobRunner, type JobDefinition } from './kernel/jobs'
import { serverJobs } from './jobs'

export interface RunningServer {
  app: App
  database: Database
  url: string
  logger: Logger
  /** The scheduled jobs' runner of this process (also `app.jobs`). */
  jobs: JobRunner
  close(): Promise<void>
}

export interface StartOptions {
  demo: boolean
  logger?: Logger
  clock?: Clock
  /** Jobs added to the server's own list (`serverJobs`), for tests. */
  extraJobs?: JobDefinition[]
}

/**
 * Opens the database, applies pending migrations, seeds the demo municipality when asked and the database is
 * empty, starts listening and then the scheduled jobs. The caller owns shutdown (`close`): the jobs stop after the
 * last request (the audit sealer's last round included), then the database closes.
 */
export async function startServer(config: Config, opts: StartOptions): Promise<RunningServer> {
  const logger = opts.logger ?? createLogger(config.logLevel, config.logFormat === 'text' ? readableLog() : bufferedStdout())
  const clock = opts.clock ?? systemClock
  // The key that signs the audit chain's heads lives outside the database (created on first start when defaulted).
  const auditAnchor = openAuditAnchor(config.audit)
  const database = await openDatabase(config)
  try {
    const { applied, appRole } = await migrateForServer(database.db, config.migrationDatabaseUrl)
    if (applied.length) logger.info({ applied }, 'migrations applied')
    if (appRole) logger.info({ role: appRole }, 'migrations applied as the owner; the server runs as its application role')
    if (database.kind === 'postgresql') {
      const powers = await auditLogPowers(database.db)
      if (powers) logger.warn(`${powers}: it could alter the audit log. Give the server an application role (README, "Two database roles")`)
    }
    logger.info({ keyId: auditAnchor.keyId, witness: config.audit.witnessFile }, 'audit log anchored: seal heads are signed and witnessed outside the database')
    let demoSeededNow = false
    if (opts.demo && !(await isDemoSeeded(database.db))) {
      demoSeededNow = true
      const started = performance.now()
      const result = await seedDemo(database, { password: config.demoPassword, now: systemClock.now() })
      logger.info({ ...result, ms: Math.round(performance.now() - started) }, 'demo municipality Demola seeded')
    }
    const seededParameters = await ensureDefaultParameters(database.db)
    if (seededParameters) logger.info({ sets: seededParameters }, 'income support parameters: Kela\'s published sets loaded')
    const vtj = await connectVtj(database, logger, clock)
    // The demo municipality is dated by the real day (seedDemo's persons and grants), and so are the households the
    // Kela simulator mirrors and the applications it has forwarded: a test's clock then moves over that data.
    const kela = await connectKela(database, await engineParameters(database.db), logger, systemClock.now())
    if (demoSeededNow) await importDemoKelaApplications(database, kela, config, logger, systemClock.now())
    if (demoSeededNow) await seedDemoClientAccounts(database, clock.now())
    const jobs = new JobRunner({
      database,
      clock,
      logger,
      jobs: [...serverJobs({ config, vtj, kela, demo: opts.demo, auditAnchor }), ...(opts.extraJobs ?? [])],
      scheduled: config.jobs.run,
      pollMs: config.jobs.pollMs,
    })
    await jobs.register()
    const app = await buildApp({ config, database, logger, vtj: vtj.client, kela, clock, jobs })
    // The jobs stop after the server has stopped taking requests: running ones are aborted and awaited, and the audit
    // sealer's last round seals what the last requests wrote. Then the register's connection closes.
    app.addHook('onClose', async () => {
      await jobs.stop()
      vtj.close()
    })
    await app.listen({ port: config.port, host: config.host })
    // Audit rows are chained off the request path: the sealer's first round (rows left by an earlier run) comes
    // after listening, with the other jobs.
    jobs.start()
    const address = app.server.address()
    const port = typeof address === 'object' && address ? address.port : config.port
    const host = config.host.includes(':') ? `[${config.host}]` : config.host
    let closed = false
    return {
      app,
      database,
      logger,
      jobs,
      url: `http://${host}:${port}`,
      close: async () => {
        if (closed) return
        closed = true
        await app.close()
        await database.close()
      },
    }
  } catch (e) {
    await database.close().catch(() => undefined)
    throw e
  }
}

/** A demo user as the start-up banner prints them: the role's name in the user's own language, from the database. */
export interface DemoLogin {
  username: string
  displayName: string
  roleNames: string[]
}

/** The demo users in the database with the names of their roles in each user's language (`staff_user.language`). */
export async function demoLogins(db: Kysely<DB>): Promise<DemoLogin[]> {
  const usernames = DEMO_USERS.map((u) => u.username)
  const rows = await db
    .selectFrom('staff_user as u')
    .innerJoin('staff_grant as g', 'g.user_id', 'u.id')
    .innerJoin('role as r', 'r.code', 'g.role_code')
    .where('u.username', 'in', usernames)
    .select(['u.username', 'u.display_name', 'u.language', 'r.name_fi', 'r.name_sv', 'r.name_en'])
    .execute()
  const byUser = new Map<string, DemoLogin>()
  for (const row of rows) {
    const login = byUser.get(row.username) ?? { username: row.username, displayName: row.display_name, roleNames: [] }
    const name = row.language === 'sv' ? row.name_sv : row.language === 'en' ? row.name_en : row.name_fi
    if (!login.roleNames.includes(name)) login.roleNames.push(name)
    byUser.set(row.username, login)
  }
  return usernames.flatMap((username) => byUser.get(username) ?? [])
}

/**
 * What `huoma serve` prints once it listens. With the demo, every demo user: username, name, the role's name in the
 * user's language and what the user does in the demo, so that e.g. the three finance users (one makes payment
 * batches, another approves them) can be told apart.
 */
export function banner(server: RunningServer, config: Config, demo: boolean, logins: readonly DemoLogin[] = []): string {
  const lines = [
    '',
    `  Huoma is running at ${server.url}`,
    `  Database: ${server.database.kind === 'pglite' ? 'embedded PostgreSQL (PGlite)' : 'PostgreSQL'} — ${server.database.location}`,
    `  API docs: ${server.url}/api/docs`,
  ]
  if (demo) {
    lines.push(
      '',
      '  Demo logins (municipality "Demola", fictional data):',
      ...logins.map((login) => {
        const duty = DEMO_USERS.find((u) => u.username === login.username)?.duty
        return `    ${login.username.padEnd(20)} ${login.displayName.padEnd(16)} ${login.roleNames.join(', ')}${duty ? ` — ${duty}` : ''}`
      }),
      config.demoPasswordIsDefault
        ? `  Password for all demo users: ${config.demoPassword}   (set HUOMA_DEMO_PASSWORD to choose another)`
        : '  Password for all demo users: the value of HUOMA_DEMO_PASSWORD',
    )
  }
  lines.push('')
  return lines.join('\n')
}

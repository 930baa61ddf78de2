import { setTimeout as sleep } from 'node:timers/promises'
import type { JobList, JobView } from '@huoma/contract'
import { sql, type Kysely } from 'kysely'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { verifyAuditChain } from '../src/access/audit'
import { loadConfig, type Config } from '../src/config'
import type { DB } from '../src/db/schema'
import { createLogger } from '../src/http/logger'
import { TestClock } from '../src/kernel/clock'
import { dailyAt, describeSchedule, every, helsinkiInstant, nextAfter, nextSlot, type JobDefinition } from '../src/kernel/jobs'
import { startServer, type RunningServer } from '../src/server'
import { databaseKinds, scratchDatabase, type ScratchDatabase } from './helpers/databases'
import { Client, startTestServer, type TestServer } from './helpers/server'

const kinds = await databaseKinds()
const texts = { title: { fi: 'Testi', sv: 'Test', en: 'Test' }, description: { fi: 'Testitehtävä', sv: 'Testjobb', en: 'A test job' } }
const at = (iso: string) => new Date(iso)

/** Polls `check` until it returns true; a generous wait, never a timing assertion. */
async function waitFor(what: string, check: () => Promise<boolean>, opts: { timeoutMs?: number; between?: () => void } = {}): Promise<void> {
  const deadline = Date.now() + (opts.timeoutMs ?? 20_000)
  for (;;) {
    if (await check()) return
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    opts.between?.()
    await sleep(25)
  }
}

describe('job schedules (Europe/Helsinki)', () => {
  it('turns a Helsinki wall-clock time into an instant, in winter and in summer time', () => {
    expect(helsinkiInstant('2026-01-15', 2, 30).toISOString()).toBe('2026-01-15T00:30:00.000Z')
    expect(helsinkiInstant('2026-07-15', 2, 30).toISOString()).toBe('2026-07-14T23:30:00.000Z')
    // 03:30 does not exist on the spring night (03:00 → 04:00): an hour later
    expect(helsinkiInstant('2026-03-29', 3, 30).toISOString()).toBe('2026-03-29T01:30:00.000Z')
    // 03:30 happens twice on the autumn night (04:00 → 03:00): the first one
    expect(helsinkiInstant('2026-10-25', 3, 30).toISOString()).toBe('2026-10-25T00:30:00.000Z')
  })

  it('runs daily at 02:30 across the spring change: 23 hours apart that night', () => {
    const s = dailyAt('02:30')
    const before = nextAfter(s, at('2026-03-28T12:00:00Z'))
    expect(before.toISOString()).toBe('2026-03-29T00:30:00.000Z')
    expect(nextAfter(s, before).toISOString()).toBe('2026-03-29T23:30:00.000Z')
  })

  it('runs daily at 03:30 once on the autumn night that has it twice', () => {
    const s = dailyAt('03:30')
    const first = nextAfter(s, at('2026-10-24T12:00:00Z'))
    expect(first.toISOString()).toBe('2026-10-25T00:30:00.000Z')
    expect(nextAfter(s, first).toISOString()).toBe('2026-10-26T01:30:00.000Z')
  })

  it('runs on working days only across Easter (Good Friday to Easter Monday) and a weekend', () => {
    const s = dailyAt('07:00', { workingDaysOnly: true })
    // Thursday 2 April 2026 at 07:00 EEST, then Tuesday 7 April
    expect(nextAfter(s, at('2026-04-01T12:00:00Z')).toISOString()).toBe('2026-04-02T04:00:00.000Z')
    expect(nextAfter(s, at('2026-04-02T04:00:00Z')).toISOString()).toBe('2026-04-07T04:00:00.000Z')
    // Friday 5 December 2025, then Monday 8 December (Independence Day 6.12. is a Saturday)
    expect(nextAfter(s, at('2025-12-05T05:00:00Z')).toISOString()).toBe('2025-12-08T05:00:00.000Z')
  })

  it('aligns interval slots to the epoch and runs missed slots once, as the latest', () => {
    const s = every(1000)
    expect(nextAfter(s, at('2026-01-01T00:00:00.400Z')).toISOString()).toBe('2026-01-01T00:00:01.000Z')
    expect(nextSlot(s, at('2026-01-01T00:00:01Z'), at('2026-01-01T00:00:01.200Z')).toISOString()).toBe('2026-01-01T00:00:02.000Z')
    expect(nextSlot(s, at('2026-01-01T00:00:01Z'), at('2026-01-01T00:00:09.500Z')).toISOString()).toBe('2026-01-01T00:00:09.000Z')
    const daily = dailyAt('02:30')
    expect(nextSlot(daily, at('2026-01-10T00:30:00Z'), at('2026-01-14T12:00:00Z')).toISOString()).toBe('2026-01-14T00:30:00.000Z')
  })

  it('says the schedule in words in each language', () => {
    expect(describeSchedule(every(200))).toEqual({ fi: '200 millisekunnin välein', sv: 'var 200:e millisekund', en: 'every 200 ms' })
    expect(describeSchedule(every(60_000))).toEqual({ fi: 'minuutin välein', sv: 'varje minut', en: 'every minute' })
    expect(describeSchedule(every(120_000)).sv).toBe('var 2:a minut')
    expect(describeSchedule(dailyAt('07:00', { workingDaysOnly: true }))).toEqual({
      fi: 'arkipäivisin klo 7.00 Suomen aikaa',
      sv: 'vardagar kl. 7.00 finsk tid',
      en: 'on working days at 07:00 Helsinki time',
    })
  })
})

describe.each(kinds)('scheduled jobs on %s', (kind) => {
  let t: TestServer
  // Monday 2 March 2026, 02:59 in Helsinki; the clock stands still unless a test moves it.
  const clock = new TestClock('2026-03-02T00:59:00Z', false)
  let flakyFails = true
  let release: () => void = () => undefined
  const flaky: JobDefinition = {
    name: 'test-flaky',
    ...texts,
    schedule: dailyAt('03:00'),
    maxAttempts: 3,
    backoff: { firstMs: 60_000, factor: 2 },
    run: async ({ attempt }) => {
      if (flakyFails) throw new Error(`boom ${attempt} for 010594Y9032`)
      return { summary: 'fine again' }
    },
  }
  const dst: JobDefinition = { name: 'test-dst', ...texts, schedule: dailyAt('03:30'), run: async () => ({ summary: 'dst' }) }
  const workdays: JobDefinition = { name: 'test-workdays', ...texts, schedule: dailyAt('07:00', { workingDaysOnly: true }), run: async () => ({}) }
  const blocker: JobDefinition = {
    name: 'test-blocker',
    ...texts,
    schedule: dailyAt('23:59'),
    // By hand it waits for the test to release it; on its schedule it ends at once.
    run: ({ trigger }) =>
      trigger === 'manual'
        ? new Promise((resolve) => {
            release = () => resolve({ summary: 'released' })
          })
        : Promise.resolve({}),
  }
  let main: Client
  const db = () => t.server.database.db

  async function jobs(): Promise<Record<string, JobView>> {
    const res = await main.get('/api/admin/jobs')
    expect(res.status).toBe(200)
    return Object.fromEntries(((await res.json()) as JobList).jobs.map((j) => [j.name, j]))
  }
  async function moveTo(iso: string) {
    clock.set(iso)
    await t.server.jobs.runDue()
  }

  beforeAll(async () => {
    const base = loadConfig({ ...process.env, HUOMA_WEB_DIST: '' })
    t = await startTestServer(
      kind,
      // The population-register sync and Kela's import run by hand here, not when the tests move the clock.
      { jobs: { ...base.jobs, run: ['audit-sealer', 'test-flaky', 'test-dst', 'test-workdays', 'test-blocker'], pollMs: 60_000 } },
      { clock, extraJobs: [flaky, dst, workdays, blocker] },
    )
    main = new Client(t.url)
    await main.login('paakayttaja')
  })
  afterAll(async () => {
    release()
    await t?.stop()
  })

  it('lists every job with its schedule, next run and no failures; other roles are refused', async () => {
    const all = await jobs()
    expect(Object.keys(all)).toEqual(['audit-sealer', 'audit-partitions', 'deadline-reminders', 'vtj-sync', 'kela-import', 'regular-disclosures', 'retention', 'test-flaky', 'test-dst', 'test-workdays', 'test-blocker'])
    expect(all['audit-sealer']).toMatchObject({ quiet: true, scheduledHere: true, schedule: { kind: 'interval', everyMs: 200 }, scheduleText: { en: 'every 200 ms' } })
    expect(all['vtj-sync']).toMatchObject({
      quiet: false,
      scheduledHere: false,
      schedule: { kind: 'daily', at: '02:30', workingDaysOnly: false },
      scheduleText: { fi: 'päivittäin klo 2.30 Suomen aikaa' },
      nextRunAt: '2026-03-03T00:30:00.000Z',
      lastRun: null,
      consecutiveFailures: 0,
    })
    expect(all['kela-import']).toMatchObject({ scheduleText: { fi: 'arkipäivisin klo 7.00 Suomen aikaa' }, nextRunAt: '2026-03-02T05:00:00.000Z' })
    expect(all['test-flaky']).toMatchObject({ nextRunAt: '2026-03-02T01:00:00.000Z', runningNow: false, retry: null })

    const worker = new Client(t.url)
    await worker.login('sosiaalityontekija')
    expect((await worker.get('/api/admin/jobs')).status).toBe(403)
    const finance = new Client(t.url)
    await finance.login('talous')
    expect((await finance.post('/api/admin/jobs/test-flaky/run')).status).toBe(403)
    expect((await new Client(t.url).get('/api/admin/jobs')).status).toBe(401)
  })

  it('retries a failing job with backoff, then reports it, and the schedule goes on', async () => {
    await moveTo('2026-03-02T01:00:00Z')
    let flakyView = (await jobs())['test-flaky']!
    expect(flakyView).toMatchObject({ consecutiveFailures: 1, nextRunAt: '2026-03-02T01:01:00.000Z', retry: { attempt: 2, of: 3 }, runningNow: false })
    expect(flakyView.lastRun).toMatchObject({ outcome: 'failure', trigger: 'schedule', error: 'boom 1 for [hetu]' })

    // Not before the backoff has passed
    await moveTo('2026-03-02T01:00:59Z')
    expect((await jobs())['test-flaky']!.consecutiveFailures).toBe(1)

    await moveTo('2026-03-02T01:01:00Z')
    flakyView = (await jobs())['test-flaky']!
    expect(flakyView).toMatchObject({ consecutiveFailures: 2, nextRunAt: '2026-03-02T01:03:00.000Z', retry: { attempt: 3, of: 3 } })
    expect(flakyView.lastRun).toMatchObject({ outcome: 'failure', trigger: 'retry', error: 'boom 2 for [hetu]' })

    await moveTo('2026-03-02T01:03:00Z')
    flakyView = (await jobs())['test-flaky']!
    // Every attempt failed: reported, and the next run is the next day's
    expect(flakyView).toMatchObject({ consecutiveFailures: 3, nextRunAt: '2026-03-03T01:00:00.000Z', retry: null, lastSuccessAt: null })
    expect(flakyView.lastRun).toMatchObject({ outcome: 'failure', trigger: 'retry', error: 'boom 3 for [hetu]', startedAt: '2026-03-02T01:03:00.000Z' })
    expect(flakyView.lastFailure).toEqual({ at: '2026-03-02T01:03:00.000Z', error: 'boom 3 for [hetu]' })
    const runs = await db().selectFrom('job_run').select(['trigger', 'attempt', 'slot_at', 'outcome']).where('job_name', '=', 'test-flaky').orderBy('started_at').execute()
    expect(runs).toEqual([
      { trigger: 'schedule', attempt: 1, slot_at: at('2026-03-02T01:00:00Z'), outcome: 'failure' },
      { trigger: 'retry', attempt: 2, slot_at: at('2026-03-02T01:00:00Z'), outcome: 'failure' },
      { trigger: 'retry', attempt: 3, slot_at: at('2026-03-02T01:00:00Z'), outcome: 'failure' },
    ])

    flakyFails = false
    await moveTo('2026-03-03T01:00:00Z')
    flakyView = (await jobs())['test-flaky']!
    expect(flakyView).toMatchObject({ consecutiveFailures: 0, nextRunAt: '2026-03-04T01:00:00.000Z', lastSuccessAt: '2026-03-03T01:00:00.000Z' })
    expect(flakyView.lastRun).toMatchObject({ outcome: 'success', trigger: 'schedule', error: null, summary: 'fine again' })
    // The failure stays visible after the success.
    expect(flakyView.lastFailure?.error).toBe('boom 3 for [hetu]')
  })

  it('computes the next run in Helsinki time across the DST changes and working days across Easter', async () => {
    // Missed days are run once (the latest slot), then the schedule continues.
    await moveTo('2026-03-28T00:00:00Z')
    expect((await jobs())['test-dst']!.nextRunAt).toBe('2026-03-28T01:30:00.000Z')
    await moveTo('2026-03-28T01:30:00Z')
    // 03:30 does not exist on 29 March: it runs at 04:30 summer time
    expect((await jobs())['test-dst']!.nextRunAt).toBe('2026-03-29T01:30:00.000Z')
    await moveTo('2026-03-29T01:30:00Z')
    expect((await jobs())['test-dst']!.nextRunAt).toBe('2026-03-30T00:30:00.000Z')

    await moveTo('2026-04-02T03:59:00Z')
    expect((await jobs())['test-workdays']!.nextRunAt).toBe('2026-04-02T04:00:00.000Z')
    await moveTo('2026-04-02T04:00:00Z')
    // Good Friday, Saturday, Easter Sunday and Easter Monday are skipped
    expect((await jobs())['test-workdays']!.nextRunAt).toBe('2026-04-07T04:00:00.000Z')

    await moveTo('2026-10-24T23:00:00Z')
    expect((await jobs())['test-dst']!.nextRunAt).toBe('2026-10-25T00:30:00.000Z')
    await moveTo('2026-10-25T00:30:00Z')
    // The second 03:30 of the autumn night is not a second run
    expect((await jobs())['test-dst']!.nextRunAt).toBe('2026-10-26T01:30:00.000Z')
    await moveTo('2026-10-25T01:30:00Z')
    const that = await db().selectFrom('job_run').select('slot_at').where('job_name', '=', 'test-dst').where('started_at', '>=', at('2026-10-25T00:00:00Z')).execute()
    expect(that).toEqual([{ slot_at: at('2026-10-25T00:30:00Z') }])
  })

  it('runs a job by hand once, through the claim, as an audited security event', async () => {
    const res = await main.post('/api/admin/jobs/test-blocker/run')
    expect(res.status).toBe(202)
    const { runId } = (await res.json()) as { runId: string }
    const view = (await jobs())['test-blocker']!
    expect(view).toMatchObject({ runningNow: true, lastRun: { id: runId, outcome: 'running', trigger: 'manual', finishedAt: null } })

    // Running: a second run is refused (and the attempt is audited as a failure)
    const again = await main.post('/api/admin/jobs/test-blocker/run')
    expect(again.status).toBe(409)
    expect(await again.json()).toMatchObject({ type: 'https://huoma.fi/problems/job-running', detail: expect.stringMatching(/käynnissä/) })
    release()
    await waitFor('the manual run to end', async () => (await jobs())['test-blocker']!.lastRun?.outcome === 'success')
    expect((await jobs())['test-blocker']).toMatchObject({ runningNow: false, lastRun: { id: runId, summary: 'released', trigger: 'manual' } })

    const mainUser = await db().selectFrom('staff_user').select('id').where('username', '=', 'paakayttaja').executeTakeFirstOrThrow()
    const run = await db().selectFrom('job_run').selectAll().where('id', '=', runId).executeTakeFirstOrThrow()
    expect(run).toMatchObject({ trigger: 'manual', slot_at: null, requested_by: mainUser.id, outcome: 'success' })
    const audit = await db()
      .selectFrom('audit_log')
      .select(['user_id', 'role_code', 'data_group', 'action', 'event', 'ref_id', 'outcome', 'client_ids'])
      .where('event', '=', 'jobs:run')
      .where('user_id', '=', mainUser.id)
      .orderBy('id')
      .execute()
    expect(audit).toEqual([
      { user_id: mainUser.id, role_code: 'main_user', data_group: 'security/job', action: 'security', event: 'jobs:run', ref_id: runId, outcome: 'success', client_ids: [] },
      { user_id: mainUser.id, role_code: 'main_user', data_group: 'security/job', action: 'security', event: 'jobs:run', ref_id: null, outcome: 'failure', client_ids: [] },
    ])
    // The scheduled slot is not touched by a manual run
    expect((await jobs())['test-blocker']!.nextRunAt).toBe('2026-10-25T21:59:00.000Z')

    const unknown = await main.post('/api/admin/jobs/no-such-job/run')
    expect(unknown.status).toBe(404)
    expect((await unknown.json()).errors).toEqual([{ field: 'params.name', code: 'jobs.name.unknown', message: 'Ajastettua tehtävää no-such-job ei ole.' }])
  })

  it('runs the population-register sync, Kela\'s import and the sealer by hand', async () => {
    for (const name of ['vtj-sync', 'kela-import', 'audit-sealer']) {
      const res = await main.post(`/api/admin/jobs/${name}/run`)
      expect(res.status, name).toBe(202)
      await waitFor(`${name} to end`, async () => {
        const v = (await jobs())[name]!
        return v.lastRun?.trigger === 'manual' && v.lastRun.outcome !== 'running' && !v.runningNow
      })
      expect((await jobs())[name]!.lastRun, name).toMatchObject({ outcome: 'success', error: null })
    }
    expect((await jobs())['vtj-sync']!.lastRun?.summary).toMatch(/changes in 1 page/)
    expect((await jobs())['kela-import']!.lastRun?.summary).toMatch(/imported/)
  })

  it('seals an audited request\'s row within a short wait, as a job, and an idle sealer writes nothing', async () => {
    const worker = new Client(t.url)
    await worker.login('sosiaalityontekija')
    expect((await worker.get('/api/persons?name=virtanen')).status).toBe(200)
    const last = await db().selectFrom('audit_log').select((eb) => eb.fn.max('id').as('id')).executeTakeFirstOrThrow()
    // The clock stands still in this suite: each move makes the next round due.
    await waitFor('the audit rows to be sealed', async () => !!(await db().selectFrom('audit_seal').select('position').where('audit_id', '=', Number(last.id)).executeTakeFirst()), {
      between: () => clock.advance({ ms: 250 }),
    })
    expect((await verifyAuditChain(db())).ok).toBe(true)
    await waitFor('the sealer to have nothing pending', async () => !(await db().selectFrom('audit_pending').select('audit_id').executeTakeFirst()), {
      between: () => clock.advance({ ms: 250 }),
    })
    await waitFor('the sealer\'s round to be recorded', async () => /sealed/.test((await jobs())['audit-sealer']!.lastRun?.summary ?? ''), { between: () => clock.advance({ ms: 250 }) })

    // Idle: rounds come and go (the clock moves, the runner polls) and nothing is written — no row changes, and on
    // PGlite (one database in the cluster) no transaction id is even assigned.
    await sleep(300)
    const before = await writeMarks(db())
    for (let i = 0; i < 12; i++) {
      clock.advance({ ms: 200 })
      await t.server.jobs.runDue()
      await sleep(20)
    }
    expect(await writeMarks(db())).toEqual(before)
  })

  /** The xmin of the jobs' and the chain's rows (changed by any update), and PGlite's next transaction id. */
  async function writeMarks(d: Kysely<DB>) {
    const rows = await sql<{ x: string }>`SELECT string_agg(name || ':' || xmin::text, ',' ORDER BY name) AS x FROM job`.execute(d)
    const head = await sql<{ x: string }>`SELECT xmin::text AS x FROM audit_chain_head`.execute(d)
    const next = kind === 'pglite' ? (await sql<{ x: string }>`SELECT pg_snapshot_xmax(pg_current_snapshot())::text AS x`.execute(d)).rows[0]?.x : null
    return { jobs: rows.rows[0]?.x, head: head.rows[0]?.x, next }
  }
})

describe.runIf(kinds.includes('postgresql'))('two servers over one PostgreSQL', () => {
  let scratch: ScratchDatabase
  let servers: RunningServer[] = []
  const base = '2026-05-04T06:00:00.000Z'
  const clock = new TestClock(base, false)
  const SLOTS = 20

  /** Each server's copy of the job: records its slot under a unique key (a second run of a slot would fail). */
  const slotJob = (server: string): JobDefinition => ({
    name: 'test-slots',
    ...texts,
    schedule: every(1000),
    maxAttempts: 1,
    run: async ({ db, slotAt }) => {
      await sql`INSERT INTO test_slot_run (slot, server) VALUES (${slotAt}, ${server})`.execute(db)
      await sleep(10)
      return { summary: server }
    },
  })
  /** A quiet job that counts how many of its rounds are in flight at once, across the servers. */
  const quietJob = (): JobDefinition => ({
    name: 'test-quiet',
    ...texts,
    schedule: every(100),
    quiet: true,
    run: async ({ db }) => {
      await sql`UPDATE test_quiet SET inflight = inflight + 1, max_inflight = greatest(max_inflight, inflight + 1), rounds = rounds + 1`.execute(db)
      await sleep(15)
      await sql`UPDATE test_quiet SET inflight = inflight - 1`.execute(db)
      return { worked: false }
    },
  })

  beforeAll(async () => {
    scratch = await scratchDatabase('postgresql')
    const setup = new pg.Client({ connectionString: scratch.databaseUrl })
    await setup.connect()
    await setup.query('CREATE TABLE test_slot_run (slot timestamptz PRIMARY KEY, server text NOT NULL)')
    await setup.query('CREATE TABLE test_quiet (inflight int NOT NULL, max_inflight int NOT NULL, rounds int NOT NULL); INSERT INTO test_quiet VALUES (0, 0, 0)')
    await setup.end()
    const config: Config = {
      ...loadConfig({ ...process.env, DATABASE_URL: scratch.databaseUrl, HUOMA_DATA_DIR: scratch.dataDir, HUOMA_WEB_DIST: '' }),
      port: 0,
      host: '127.0.0.1',
    }
    const jobsConfig = { ...config.jobs, run: ['test-slots', 'test-quiet'], pollMs: 10 }
    for (const name of ['a', 'b']) {
      servers.push(
        await startServer({ ...config, jobs: jobsConfig }, { demo: false, clock, logger: createLogger(process.env.TEST_LOG_LEVEL ?? 'silent'), extraJobs: [slotJob(name), quietJob()] }),
      )
    }
  })
  afterAll(async () => {
    for (const s of servers) await s.close()
    servers = []
    await scratch?.drop()
  })

  it('run every slot of a short-interval job once, never twice, and a quiet job one round at a time', { timeout: 120_000 }, async () => {
    const db = servers[0]!.database.db
    const count = async () => Number((await sql<{ n: number }>`SELECT count(*)::int AS n FROM test_slot_run`.execute(db)).rows[0]?.n)
    for (let k = 1; k <= SLOTS; k++) {
      clock.set(new Date(Date.parse(base) + k * 1000))
      // Both servers' timers poll every 10 ms; both are also told to run what is due at the same moment.
      await Promise.all(servers.map((s) => s.jobs.runDue()))
      await waitFor(`slot ${k}`, async () => (await count()) >= k)
    }
    await waitFor('the last run to be recorded', async () => !(await db.selectFrom('job').select('running_run_id').where('name', '=', 'test-slots').executeTakeFirstOrThrow()).running_run_id)

    const slots = await sql<{ slot: Date; server: string }>`SELECT slot, server FROM test_slot_run ORDER BY slot`.execute(db)
    expect(slots.rows.map((r) => r.slot.toISOString())).toEqual(Array.from({ length: SLOTS }, (_, i) => new Date(Date.parse(base) + (i + 1) * 1000).toISOString()))
    const runs = await db.selectFrom('job_run').select(['slot_at', 'outcome', 'worker']).where('job_name', '=', 'test-slots').execute()
    expect(runs).toHaveLength(SLOTS)
    expect(runs.every((r) => r.outcome === 'success')).toBe(true)
    expect(new Set(runs.map((r) => r.slot_at!.toISOString())).size).toBe(SLOTS)
    const by = (name: string) => slots.rows.filter((r) => r.server === name).length
    console.warn(`two servers: slots run by a ${by('a')}, by b ${by('b')}`)

    const quiet = (await sql<{ max_inflight: number; rounds: number }>`SELECT max_inflight, rounds FROM test_quiet`.execute(db)).rows[0]!
    expect(quiet.rounds).toBeGreaterThan(0)
    expect(quiet.max_inflight).toBe(1)
    // Its idle rounds wrote nothing to its row
    expect(await db.selectFrom('job').select(['last_started_at', 'consecutive_failures']).where('name', '=', 'test-quiet').executeTakeFirstOrThrow()).toEqual({ last_started_at: null, consecutive_failures: 0 })
  })
})

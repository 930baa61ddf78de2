import { randomBytes } from 'node:crypto'
import os from 'node:os'
import { setTimeout as sleep } from 'node:timers/promises'
import { sql, type Kysely, type Selectable, type Transaction, type Updateable } from 'kysely'
import type { Logger } from 'pino'
import type { DatabaseKind } from '../../db/database'
import type { DB, JobTable, JobTrigger } from '../../db/schema'
import { maskHetu } from '../../http/logger'
import type { Clock } from '../clock'
import { catchUp, checkSchedule, nextAfter, nextSlot, scheduleKey } from './schedule'
import type { Backoff, JobContext, JobDefinition, JobResult } from './types'

const NAME = /^[a-z0-9][a-z0-9-]{0,59}$/
const DEFAULT_BACKOFF: Required<Backoff> = { firstMs: 60_000, factor: 2, maxMs: 3_600_000 }
/** The first key of every job's advisory lock ("HUOM"); the second is a hash of the job's name. */
const LOCK_NAMESPACE = 0x48554f4d
/** How long a manual run of a quiet job waits for another server's round to end. */
const QUIET_MANUAL_WAIT_MS = 30_000

export interface JobRunnerOptions {
  database: { readonly kind: DatabaseKind; readonly db: Kysely<DB> }
  clock: Clock
  logger: Logger
  jobs: readonly JobDefinition[]
  /** The jobs this process runs on their schedule (HUOMA_JOBS): every job, none, or the named ones. Any job can be run by hand. */
  scheduled?: 'all' | 'none' | readonly string[]
  /** How often the job table is read for due runs (HUOMA_JOBS_POLL_MS, default 1 s). */
  pollMs?: number
  /** A run's lease: renewed every third of it while the run lasts; a run whose lease ran out is abandoned (default 1 min). */
  leaseMs?: number
  /** How long stop() waits for running jobs after aborting them (default 5 s). */
  stopTimeoutMs?: number
}

export type RunOutcome = { outcome: 'success'; summary?: string } | { outcome: 'failure' | 'abandoned'; error: string }

export interface ManualRun {
  runId: string
  startedAt: Date
  /** Settles when the run has ended and been recorded. */
  done: Promise<RunOutcome>
}

/** What this process knows of a job beyond its row: whether it schedules it, runs it now, and (quiet jobs) when next. */
export interface JobInfo {
  definition: JobDefinition
  scheduledHere: boolean
  runningHere: boolean
  /** Quiet jobs only: the next round this process will try (their schedule lives in memory). */
  nextRoundHere: Date | null
}

export class UnknownJobError extends Error {
  constructor(readonly job: string) {
    super(`There is no job named "${job}"`)
    this.name = 'UnknownJobError'
  }
}

export class JobBusyError extends Error {
  constructor(readonly job: string) {
    super(`The job "${job}" is running now`)
    this.name = 'JobBusyError'
  }
}

export class RunnerStoppedError extends Error {
  constructor() {
    super('The server is stopping; no new job runs are started')
    this.name = 'RunnerStoppedError'
  }
}

interface Claim {
  runId: string
  trigger: JobTrigger
  slotAt: Date | null
  attempt: number
  startedAt: Date
}

interface Active {
  controller: AbortController
  done: Promise<unknown>
}

type JobRow = Selectable<JobTable>

/** FNV-1a, as a signed 32-bit integer (the second key of a job's advisory lock). */
function lockKey(name: string): number {
  let h = 0x811c9dc5
  for (let i = 0; i < name.length; i++) {
    h ^= name.charCodeAt(i)
    h = Math.imul(h, 0x01000193)
  }
  return h | 0
}

/** A failure as one line for the job's row: no henkilötunnus, at most 2 000 characters. */
export function errorText(e: unknown): string {
  const text = e instanceof Error ? e.message || e.name : typeof e === 'string' ? e : JSON.stringify(e) ?? String(e)
  return maskHetu(text || 'failed').slice(0, 2000)
}

const noop = () => undefined

/**
 * Runs the scheduled jobs of one server process, safely beside other processes over the same database.
 *
 * - A scheduled job's due run is claimed in a short transaction: its `job` row is taken FOR UPDATE SKIP LOCKED
 *   only while it is due and nobody holds it, a `job_run` row is written and the row gets a lease (renewed while the
 *   run lasts). So one run happens once, whichever process sees it first; a process that died leaves a lease that
 *   runs out, and the run is reported as abandoned and tried again.
 * - Due is decided by the injected clock (tests move a TestClock); the lease is the database's real time.
 * - A failure is tried again after the backoff, up to maxAttempts per slot; then it stays reported on the row (last
 *   error, consecutive failures) and the schedule goes on.
 * - Quiet jobs (see JobDefinition.quiet) take an advisory lock per round instead, and write only work and failures.
 */
export class JobRunner {
  readonly worker = `${os.hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`
  private readonly db: Kysely<DB>
  private readonly kind: DatabaseKind
  private readonly clock: Clock
  private readonly log: Logger
  private readonly defs = new Map<string, JobDefinition>()
  private readonly keys = new Map<string, number>()
  private readonly scheduledHere = new Set<string>()
  private readonly pollMs: number
  private readonly leaseMs: number
  private readonly stopTimeoutMs: number
  private readonly active = new Map<string, Active>()
  private readonly quietState = new Map<string, { nextAt: Date; attempt: number }>()
  /** consecutive_failures as last read or written: a quiet job's successful idle round clears a reported failure. */
  private readonly knownFailures = new Map<string, number>()
  private timer: NodeJS.Timeout | undefined
  private started = false
  private stopping: Promise<void> | undefined
  private lastPoll = -Infinity
  private polling: Promise<Promise<unknown>[]> | undefined

  constructor(opts: JobRunnerOptions) {
    this.db = opts.database.db
    this.kind = opts.database.kind
    this.clock = opts.clock
    this.log = opts.logger
    this.pollMs = Math.max(opts.pollMs ?? 1000, 5)
    this.leaseMs = Math.max(opts.leaseMs ?? 60_000, 1000)
    this.stopTimeoutMs = opts.stopTimeoutMs ?? 5000
    const byKey = new Map<number, string>()
    for (const def of opts.jobs) {
      if (!NAME.test(def.name)) throw new Error(`A job's name must be lower-case letters, digits and hyphens: "${def.name}"`)
      if (this.defs.has(def.name)) throw new Error(`Two jobs are named "${def.name}"`)
      checkSchedule(def.schedule)
      const max = def.maxAttempts ?? 3
      if (!Number.isInteger(max) || max < 1) throw new Error(`Job ${def.name}: maxAttempts must be a whole number ≥ 1`)
      if (def.runAtShutdown && !def.quiet) throw new Error(`Job ${def.name}: only a quiet job runs at shutdown`)
      const key = lockKey(def.name)
      const clash = byKey.get(key)
      if (clash) throw new Error(`Jobs ${clash} and ${def.name} hash to the same lock; rename one`)
      byKey.set(key, def.name)
      this.keys.set(def.name, key)
      this.defs.set(def.name, def)
    }
    const scheduled = opts.scheduled ?? 'all'
    const names = scheduled === 'all' ? [...this.defs.keys()] : scheduled === 'none' ? [] : scheduled
    for (const name of names) {
      if (!this.defs.has(name)) throw new Error(`HUOMA_JOBS names "${name}", which is not a job (the jobs: ${[...this.defs.keys()].join(', ')})`)
      this.scheduledHere.add(name)
    }
  }

  /** The jobs in registration order, with what this process knows of them. */
  jobs(): JobInfo[] {
    return [...this.defs.values()].map((definition) => ({
      definition,
      scheduledHere: this.scheduledHere.has(definition.name),
      runningHere: this.active.has(definition.name),
      nextRoundHere: definition.quiet && this.scheduledHere.has(definition.name) && !this.stopping ? (this.quietState.get(definition.name)?.nextAt ?? null) : null,
    }))
  }

  /**
   * Makes sure every job has its row (the first next run from the clock). A job whose schedule changed since the
   * row was written gets its next run computed anew. Writes nothing when the rows are as they should be.
   */
  async register(): Promise<void> {
    const now = this.clock.now()
    const names = [...this.defs.keys()]
    if (!names.length) return
    const rows = new Map(
      (await this.db.selectFrom('job').select(['name', 'schedule', 'quiet', 'consecutive_failures']).where('name', 'in', names).execute()).map((r) => [r.name, r]),
    )
    for (const def of this.defs.values()) {
      const schedule = scheduleKey(def.schedule)
      const quiet = def.quiet === true
      const next = quiet ? null : nextAfter(def.schedule, now)
      const row = rows.get(def.name)
      if (row) this.knownFailures.set(def.name, row.consecutive_failures)
      if (!row) {
        await this.db
          .insertInto('job')
          .values({ name: def.name, schedule, quiet, slot_at: next, next_run_at: next })
          .onConflict((oc) => oc.column('name').doNothing())
          .execute()
      } else if (row.schedule !== schedule || row.quiet !== quiet) {
        await this.db
          .updateTable('job')
          .set({ schedule, quiet, slot_at: next, next_run_at: next, attempt: 0 })
          .where('name', '=', def.name)
          .where('running_run_id', 'is', null)
          .execute()
        this.log.info({ job: def.name, schedule, next }, 'job schedule changed')
      }
    }
  }

  /** Starts the schedule (after `register`). */
  start(): void {
    if (this.started || this.stopping) return
    this.started = true
    const now = this.clock.now()
    for (const name of this.scheduledHere) {
      const def = this.defs.get(name)!
      if (def.quiet) this.quietState.set(name, { nextAt: nextAfter(def.schedule, now), attempt: 0 })
    }
    this.arm()
  }

  /**
   * Stops the schedule: aborts running jobs and waits for them (at most stopTimeoutMs), then runs the final round of
   * the jobs that ask for one (the audit sealer).
   */
  stop(): Promise<void> {
    this.stopping ??= (async () => {
      if (this.timer) clearTimeout(this.timer)
      this.timer = undefined
      await this.polling?.catch(noop)
      const running = [...this.active.values()]
      for (const a of running) a.controller.abort(new Error('the server is stopping'))
      let timeout: NodeJS.Timeout | undefined
      await Promise.race([
        Promise.allSettled(running.map((a) => a.done)),
        new Promise<void>((resolve) => {
          timeout = setTimeout(resolve, this.stopTimeoutMs)
        }),
      ])
      clearTimeout(timeout)
      for (const def of this.defs.values()) {
        if (!def.runAtShutdown || !this.scheduledHere.has(def.name) || !this.started) continue
        const a = this.active.get(def.name)
        if (a) await a.done.catch(noop)
        await this.quietRound(def, 'schedule').catch(noop)
      }
    })()
    return this.stopping
  }

  /**
   * One pass now, whatever the timers say: the due quiet rounds and the due scheduled runs (tests move the clock and
   * call this). Resolves when the runs it started have ended.
   */
  async runDue(): Promise<void> {
    const quiet = this.startDueQuiet()
    await this.polling?.catch(noop)
    const started = await this.pollOnce()
    await Promise.allSettled([...quiet, ...started])
  }

  /**
   * Runs a job now, once, through the same claim as its schedule. `within` runs in the claim's transaction (the
   * caller's audit row). A scheduled job that is running anywhere answers JobBusyError; a quiet job waits for a
   * round in progress. The schedule is not moved, but a success ends pending retries.
   */
  async runNow(name: string, opts: { requestedBy?: string | null; within?: (trx: Transaction<DB>, runId: string) => Promise<void> } = {}): Promise<ManualRun> {
    const def = this.defs.get(name)
    if (!def) throw new UnknownJobError(name)
    if (this.stopping) throw new RunnerStoppedError()
    const startedAt = this.clock.now()
    const insertRun = (trx: Transaction<DB>) =>
      trx
        .insertInto('job_run')
        .values({ job_name: name, trigger: 'manual', slot_at: null, attempt: 1, worker: this.worker, requested_by: opts.requestedBy ?? null, started_at: startedAt })
        .returning('id')
        .executeTakeFirstOrThrow()
    if (def.quiet) {
      const runId = await this.db.transaction().execute(async (trx) => {
        const { id } = await insertRun(trx)
        await opts.within?.(trx, id)
        return id
      })
      const done = (async (): Promise<RunOutcome> => {
        for (let a = this.active.get(name); a; a = this.active.get(name)) await a.done.catch(noop)
        return this.quietRound(def, 'manual', { runId, startedAt })
      })()
      return { runId, startedAt, done }
    }
    if (this.active.has(name)) throw new JobBusyError(name)
    const claim = await this.db.transaction().execute(async (trx) => {
      const row = await trx.selectFrom('job').select(['name', 'running_run_id']).where('name', '=', name).forUpdate().skipLocked().executeTakeFirst()
      if (!row || row.running_run_id) return null
      const { id } = await insertRun(trx)
      await this.lease(trx, name, id)
      await opts.within?.(trx, id)
      return { runId: id, trigger: 'manual' as const, slotAt: null, attempt: 1, startedAt }
    })
    if (!claim) throw new JobBusyError(name)
    this.log.info({ job: name, runId: claim.runId, requestedBy: opts.requestedBy ?? null }, 'job run by hand')
    return { runId: claim.runId, startedAt, done: this.launch(def, claim) }
  }

  // ---- The loop ----------------------------------------------------------------------------------------------------

  private arm(): void {
    if (!this.started || this.stopping) return
    if (this.timer) clearTimeout(this.timer)
    let delay = this.pollMs - (performance.now() - this.lastPoll)
    const now = this.clock.now().getTime()
    for (const [name, state] of this.quietState) if (!this.active.has(name)) delay = Math.min(delay, state.nextAt.getTime() - now)
    this.timer = setTimeout(() => this.wake(), Math.max(5, Math.min(delay, this.pollMs)))
    this.timer.unref()
  }

  private wake(): void {
    this.timer = undefined
    if (this.stopping) return
    for (const p of this.startDueQuiet()) p.catch(noop)
    if (!this.polling && performance.now() - this.lastPoll >= this.pollMs) void this.pollOnce()
    this.arm()
  }

  private startDueQuiet(): Promise<unknown>[] {
    if (this.stopping) return []
    const now = this.clock.now().getTime()
    const started: Promise<unknown>[] = []
    for (const [name, state] of this.quietState) {
      if (this.active.has(name) || state.nextAt.getTime() > now) continue
      started.push(this.quietRound(this.defs.get(name)!, 'schedule'))
    }
    return started
  }

  /** Reads the job rows (a read only), reports abandoned runs and claims the due ones; returns the runs started. */
  private pollOnce(): Promise<Promise<unknown>[]> {
    this.lastPoll = performance.now()
    const polling = (async () => {
      const started: Promise<unknown>[] = []
      const rows = await this.db
        .selectFrom('job')
        .select(['name', 'next_run_at', 'running_run_id', 'consecutive_failures', sql<boolean>`lease_until < clock_timestamp()`.as('lease_expired')])
        .where('name', 'in', [...this.defs.keys()])
        .execute()
      for (const row of rows) {
        this.knownFailures.set(row.name, row.consecutive_failures)
        const def = this.defs.get(row.name)
        if (!def || def.quiet || this.stopping) continue
        if (row.running_run_id) {
          if (row.lease_expired) await this.reap(def, row.running_run_id)
          continue
        }
        if (!this.scheduledHere.has(def.name) || this.active.has(def.name)) continue
        if (!row.next_run_at || row.next_run_at.getTime() > this.clock.now().getTime()) continue
        const claim = await this.claimScheduled(def)
        if (claim) started.push(this.launch(def, claim).catch(noop))
      }
      return started
    })()
    this.polling = polling
    return polling
      .catch((e: unknown) => {
        this.log.error({ err: e }, 'reading the job table failed; trying again')
        return []
      })
      .finally(() => {
        if (this.polling === polling) this.polling = undefined
      })
  }

  // ---- Scheduled jobs ----------------------------------------------------------------------------------------------

  private lease(trx: Transaction<DB>, name: string, runId: string) {
    return trx
      .updateTable('job')
      .set({ running_run_id: runId, lease_owner: this.worker, lease_until: sql<Date>`clock_timestamp() + ${this.leaseMs} * interval '1 millisecond'` })
      .where('name', '=', name)
      .execute()
  }

  private claimScheduled(def: JobDefinition): Promise<Claim | null> {
    return this.db.transaction().execute(async (trx) => {
      const now = this.clock.now()
      const row = await trx
        .selectFrom('job')
        .select(['slot_at', 'next_run_at', 'attempt'])
        .where('name', '=', def.name)
        .where('running_run_id', 'is', null)
        .where('next_run_at', '<=', now)
        .forUpdate()
        .skipLocked()
        .executeTakeFirst()
      if (!row) return null
      // A retry serves its failed slot; a first attempt claimed late serves the latest slot that has come.
      const slot = row.slot_at ?? row.next_run_at!
      const slotAt = row.attempt > 0 ? slot : catchUp(def.schedule, slot, now)
      const claim = { trigger: (row.attempt > 0 ? 'retry' : 'schedule') as JobTrigger, slotAt, attempt: row.attempt + 1, startedAt: now }
      const { id } = await trx
        .insertInto('job_run')
        .values({ job_name: def.name, trigger: claim.trigger, slot_at: claim.slotAt, attempt: claim.attempt, worker: this.worker, started_at: now })
        .returning('id')
        .executeTakeFirstOrThrow()
      await this.lease(trx, def.name, id)
      return { ...claim, runId: id }
    })
  }

  private launch(def: JobDefinition, claim: Claim): Promise<RunOutcome> {
    const controller = new AbortController()
    const done = this.execute(def, claim, controller).finally(() => {
      this.active.delete(def.name)
    })
    this.active.set(def.name, { controller, done })
    return done
  }

  private async execute(def: JobDefinition, claim: Claim, controller: AbortController): Promise<RunOutcome> {
    const log = this.log.child({ job: def.name, runId: claim.runId })
    log.info({ trigger: claim.trigger, slotAt: claim.slotAt, attempt: claim.attempt }, 'job started')
    const heartbeat = setInterval(() => {
      this.db
        .updateTable('job')
        .set({ lease_until: sql<Date>`clock_timestamp() + ${this.leaseMs} * interval '1 millisecond'` })
        .where('name', '=', def.name)
        .where('running_run_id', '=', claim.runId)
        .executeTakeFirst()
        .then((r) => {
          if (r.numUpdatedRows === 0n) controller.abort(new Error('the run lost its lease'))
        })
        .catch((e: unknown) => log.warn({ err: e }, 'renewing the job lease failed'))
    }, Math.floor(this.leaseMs / 3))
    heartbeat.unref()
    let result: RunOutcome
    try {
      const r = await def.run(this.context(def, controller.signal, claim.trigger, claim.slotAt, claim.attempt))
      result = r?.summary ? { outcome: 'success', summary: r.summary.slice(0, 2000) } : { outcome: 'success' }
    } catch (e) {
      result = this.stopping && controller.signal.aborted ? { outcome: 'abandoned', error: 'the server stopped during the run' } : { outcome: 'failure', error: errorText(e) }
    } finally {
      clearInterval(heartbeat)
    }
    if (result.outcome === 'success') log.info({ summary: result.summary }, 'job done')
    else log.error({ error: result.error, attempt: claim.attempt }, `job ${result.outcome === 'failure' ? 'failed' : 'abandoned'}`)
    await this.db
      .transaction()
      .execute(async (trx) => {
        const row = await trx.selectFrom('job').selectAll().where('name', '=', def.name).forUpdate().executeTakeFirst()
        await this.settle(trx, def, row, claim, result, false)
      })
      .catch((e: unknown) => log.error({ err: e }, 'recording the job run failed'))
    return result
  }

  /** A run whose server stopped answering (its lease ran out): reported as abandoned, a failed attempt. */
  private async reap(def: JobDefinition, runId: string): Promise<void> {
    await this.db
      .transaction()
      .execute(async (trx) => {
        const row = await trx
          .selectFrom('job')
          .selectAll()
          .where('name', '=', def.name)
          .where('running_run_id', '=', runId)
          .where(sql<boolean>`lease_until < clock_timestamp()`)
          .forUpdate()
          .skipLocked()
          .executeTakeFirst()
        if (!row) return
        const run = await trx.selectFrom('job_run').selectAll().where('id', '=', runId).executeTakeFirstOrThrow()
        const claim: Claim = { runId, trigger: run.trigger, slotAt: run.slot_at, attempt: run.attempt, startedAt: run.started_at }
        const error = `the server running it (${run.worker}) stopped before the run ended`
        this.log.warn({ job: def.name, runId, worker: run.worker }, 'job run abandoned')
        await this.settle(trx, def, row, claim, { outcome: 'abandoned', error }, true)
      })
      .catch((e: unknown) => this.log.error({ err: e, job: def.name }, 'reporting an abandoned job run failed'))
  }

  /** Writes a run's end: its job_run row, and the job's row (the lease released, the next run, the report). */
  private async settle(trx: Transaction<DB>, def: JobDefinition, row: JobRow | undefined, claim: Claim, result: RunOutcome, countAbandoned: boolean): Promise<void> {
    const now = this.clock.now()
    const error = result.outcome === 'success' ? null : result.error
    const summary = result.outcome === 'success' ? (result.summary ?? null) : null
    await trx
      .updateTable('job_run')
      .set({ outcome: result.outcome, finished_at: now, error, summary })
      .where('id', '=', claim.runId)
      .where('outcome', '=', 'running')
      .execute()
    if (!row || row.running_run_id !== claim.runId) {
      this.log.warn({ job: def.name, runId: claim.runId }, 'the job run had lost its lease; the job row was left as it is')
      return
    }
    const failed = result.outcome === 'failure' || (result.outcome === 'abandoned' && countAbandoned)
    const set: Updateable<JobTable> = {
      running_run_id: null,
      lease_owner: null,
      lease_until: null,
      last_run_id: claim.runId,
      last_trigger: claim.trigger,
      last_started_at: claim.startedAt,
      last_finished_at: now,
      last_outcome: result.outcome,
      last_summary: summary,
    }
    if (result.outcome === 'success') Object.assign(set, { consecutive_failures: 0, last_success_at: now })
    if (failed) Object.assign(set, { consecutive_failures: row.consecutive_failures + 1, last_error: error, last_error_at: now })
    if (claim.trigger === 'manual') {
      // A manual success ends the retries of a failed slot; otherwise the schedule is not moved.
      if (result.outcome === 'success' && row.attempt > 0) {
        const next = nextSlot(def.schedule, row.slot_at ?? now, now)
        Object.assign(set, { attempt: 0, slot_at: next, next_run_at: next })
      }
    } else if (result.outcome === 'success' || claim.attempt >= (def.maxAttempts ?? 3)) {
      const next = nextSlot(def.schedule, claim.slotAt ?? now, now)
      Object.assign(set, { attempt: 0, slot_at: next, next_run_at: next })
      if (result.outcome !== 'success') this.log.error({ job: def.name, attempts: claim.attempt, next }, 'job failed on every attempt; the schedule goes on')
    } else {
      const retryAt = result.outcome === 'abandoned' ? now : new Date(now.getTime() + backoffMs(def, claim.attempt))
      Object.assign(set, { attempt: claim.attempt, next_run_at: retryAt })
    }
    await trx.updateTable('job').set(set).where('name', '=', def.name).execute()
    this.knownFailures.set(def.name, (set.consecutive_failures as number | undefined) ?? row.consecutive_failures)
  }

  // ---- Quiet jobs --------------------------------------------------------------------------------------------------

  private quietRound(def: JobDefinition, trigger: 'schedule' | 'manual', manual?: { runId: string; startedAt: Date }): Promise<RunOutcome> {
    const controller = new AbortController()
    const done = this.doQuietRound(def, trigger, controller.signal, manual).finally(() => {
      this.active.delete(def.name)
      this.arm()
    })
    this.active.set(def.name, { controller, done })
    return done
  }

  private async doQuietRound(def: JobDefinition, trigger: 'schedule' | 'manual', signal: AbortSignal, manual?: { runId: string; startedAt: Date }): Promise<RunOutcome> {
    let state = this.quietState.get(def.name)
    if (!state) {
      state = { nextAt: nextAfter(def.schedule, this.clock.now()), attempt: 0 }
      if (this.scheduledHere.has(def.name)) this.quietState.set(def.name, state)
    }
    const attempt = trigger === 'manual' ? 1 : state.attempt + 1
    const startedAt = manual?.startedAt ?? this.clock.now()
    let result: JobResult | void = undefined
    let failure: { error: unknown } | undefined
    let ran = true
    try {
      const r = await this.exclusive(def.name, () => def.run(this.context(def, signal, trigger, null, attempt)), trigger === 'manual' ? QUIET_MANUAL_WAIT_MS : 0)
      ran = r.ran
      result = r.value
    } catch (e) {
      failure = { error: e }
    }
    const now = this.clock.now()
    if (!ran) {
      // Another server is running this job's round: this one's slot is theirs.
      if (trigger === 'schedule') state.nextAt = nextSlot(def.schedule, state.nextAt, now)
      const outcome: RunOutcome = { outcome: 'failure', error: 'another server was running the job for the whole wait' }
      if (manual) await this.recordQuiet(def, trigger, startedAt, now, outcome, manual.runId)
      return outcome
    }
    if (!failure) {
      if (trigger === 'schedule') {
        state.attempt = 0
        state.nextAt = nextSlot(def.schedule, state.nextAt, now)
      }
      const outcome: RunOutcome = result?.summary ? { outcome: 'success', summary: result.summary.slice(0, 2000) } : { outcome: 'success' }
      const worked = result?.worked !== false
      if (worked || manual || (this.knownFailures.get(def.name) ?? 0) > 0) await this.recordQuiet(def, trigger, startedAt, now, outcome, manual?.runId)
      return outcome
    }
    const outcome: RunOutcome = { outcome: 'failure', error: errorText(failure.error) }
    this.log.error({ job: def.name, err: failure.error, attempt }, 'job failed')
    if (trigger === 'schedule') {
      if (attempt < (def.maxAttempts ?? 3)) {
        state.attempt = attempt
        state.nextAt = new Date(now.getTime() + backoffMs(def, attempt))
      } else {
        state.attempt = 0
        state.nextAt = nextSlot(def.schedule, state.nextAt, now)
      }
    }
    await this.recordQuiet(def, trigger, startedAt, now, outcome, manual?.runId)
    return outcome
  }

  /** A quiet round that did work or failed (or was run by hand): the job's row, and the manual run's row. */
  private async recordQuiet(def: JobDefinition, trigger: JobTrigger, startedAt: Date, finishedAt: Date, result: RunOutcome, runId?: string): Promise<void> {
    const error = result.outcome === 'success' ? null : result.error
    const summary = result.outcome === 'success' ? (result.summary ?? null) : null
    const set: Updateable<JobTable> = {
      last_run_id: runId ?? null,
      last_trigger: trigger,
      last_started_at: startedAt,
      last_finished_at: finishedAt,
      last_outcome: result.outcome,
      last_summary: summary,
      ...(result.outcome === 'success' ? { consecutive_failures: 0, last_success_at: finishedAt } : { last_error: error, last_error_at: finishedAt }),
    }
    try {
      await this.db.transaction().execute(async (trx) => {
        let update = trx.updateTable('job').set(set)
        if (result.outcome !== 'success') update = update.set((eb) => ({ consecutive_failures: eb('consecutive_failures', '+', 1) }))
        const row = await update.where('name', '=', def.name).returning('consecutive_failures').executeTakeFirst()
        if (row) this.knownFailures.set(def.name, row.consecutive_failures)
        if (runId) await trx.updateTable('job_run').set({ outcome: result.outcome, finished_at: finishedAt, error, summary }).where('id', '=', runId).execute()
      })
    } catch (e) {
      this.log.error({ err: e, job: def.name }, 'recording the job round failed')
    }
  }

  /**
   * Runs `fn` while this process holds the job's advisory lock (PostgreSQL: one server at a time, and taking it writes
   * nothing). PGlite has one process by construction (the data-folder lock), so the process's own bookkeeping is the
   * lock there — and holding its only connection through the run would leave the job none.
   */
  private async exclusive<T>(name: string, fn: () => Promise<T>, waitMs: number): Promise<{ ran: boolean; value?: T }> {
    if (this.kind === 'pglite') return { ran: true, value: await fn() }
    const key = this.keys.get(name)!
    return this.db.connection().execute(async (conn) => {
      const deadline = performance.now() + waitMs
      for (;;) {
        const { rows } = await sql<{ ok: boolean }>`SELECT pg_try_advisory_lock(${LOCK_NAMESPACE}::int4, ${key}::int4) AS ok`.execute(conn)
        if (rows[0]?.ok) break
        if (performance.now() >= deadline) return { ran: false }
        await sleep(50)
      }
      try {
        return { ran: true, value: await fn() }
      } finally {
        await sql`SELECT pg_advisory_unlock(${LOCK_NAMESPACE}::int4, ${key}::int4)`.execute(conn).catch((e: unknown) => this.log.error({ err: e, job: name }, 'releasing the job lock failed'))
      }
    })
  }

  private context(def: JobDefinition, signal: AbortSignal, trigger: JobTrigger, slotAt: Date | null, attempt: number): JobContext {
    return { db: this.db, clock: this.clock, log: this.log.child({ job: def.name }), signal, trigger, slotAt, attempt }
  }
}

/** The wait before attempt `attempt + 1` of a slot. */
export function backoffMs(def: Pick<JobDefinition, 'backoff'>, attempt: number): number {
  const b = { ...DEFAULT_BACKOFF, ...def.backoff }
  return Math.min(b.maxMs, Math.round(b.firstMs * b.factor ** Math.max(attempt - 1, 0)))
}

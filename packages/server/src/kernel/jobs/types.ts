import type { Kysely } from 'kysely'
import type { Logger } from 'pino'
import type { DB, JobTrigger } from '../../db/schema'
import type { Clock } from '../clock'
import type { JobSchedule, Localized } from './schedule'

/** What a run of a job is given. */
export interface JobContext {
  /** The database (not a transaction: the job opens its own, as short as its work allows). */
  db: Kysely<DB>
  /** The server's clock: a job never reads the system time itself. */
  clock: Clock
  log: Logger
  /** Aborted when the server stops (a long job stops between its steps) or the run's lease was lost. */
  signal: AbortSignal
  trigger: JobTrigger
  /** The scheduled time this run serves (retries keep it); null for a manual run and for quiet jobs. */
  slotAt: Date | null
  /** 1 for the first attempt of a slot. */
  attempt: number
}

/** What a run may report. */
export interface JobResult {
  /** False when the run found nothing to do: a quiet job's idle round is then not written anywhere. */
  worked?: boolean
  /** One line for the main user ("12 rows sealed"); never client data. */
  summary?: string
}

/** How long to wait before a failed attempt is tried again: firstMs, then × factor each time, at most maxMs. */
export interface Backoff {
  firstMs: number
  factor?: number
  maxMs?: number
}

export interface JobDefinition {
  /** Stable id: lower-case letters, digits and hyphens (`audit-sealer`). */
  name: string
  /** A short title ("Audit log sealing"), for lists and buttons. */
  title: Localized
  /** What the job does, in a sentence. */
  description: Localized
  schedule: JobSchedule
  /** Attempts per scheduled slot before the failure is reported and the schedule goes on (default 3). */
  maxAttempts?: number
  /** Default: 1 minute, doubling, at most an hour. */
  backoff?: Backoff
  /**
   * A frequent job whose idle rounds must cost nothing (the audit sealer): one server at a time runs a round under a
   * PostgreSQL advisory lock (no write), the schedule is kept in each server's memory, and a round is written to the
   * job's row only when it reports work (`worked !== false`) or fails. Such a job must be safe to run again for a
   * slot (another server may run the next one); its retries are in memory.
   */
  quiet?: boolean
  /** Run once more when the server stops, after the last request (the audit sealer). */
  runAtShutdown?: boolean
  run(ctx: JobContext): Promise<JobResult | void>
}

import { endpoints } from './endpoint'
import Type, { type Static, type TSchema } from 'typebox'

/*
 * Ajastetut tehtävät — scheduled jobs (the audit sealer, the population-register sync, Kela's import, …): what the
 * main user sees of them and the "run now" button. No client data.
 */

const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()])
const Instant = Type.String({ format: 'date-time' })

/** A text in each language of the user interface. */
export const LocalizedText = Type.Object({ fi: Type.String(), sv: Type.String(), en: Type.String() })
export type LocalizedText = Static<typeof LocalizedText>

export const JobName = Type.String({ pattern: '^[a-z0-9][a-z0-9-]{0,59}$', description: 'The job\'s stable id, e.g. `audit-sealer`' })

/** When a job runs (times of day are Europe/Helsinki). */
export const JobSchedule = Type.Union([
  Type.Object({ kind: Type.Literal('interval'), everyMs: Type.Integer({ minimum: 1 }) }),
  Type.Object({ kind: Type.Literal('daily'), at: Type.String({ pattern: '^\\d{2}:\\d{2}$' }), workingDaysOnly: Type.Boolean() }),
])
export type JobSchedule = Static<typeof JobSchedule>

export const JobTrigger = Type.Union([Type.Literal('schedule'), Type.Literal('retry'), Type.Literal('manual')])
export type JobTrigger = Static<typeof JobTrigger>

export const JobRunOutcome = Type.Union([Type.Literal('running'), Type.Literal('success'), Type.Literal('failure'), Type.Literal('abandoned')])
export type JobRunOutcome = Static<typeof JobRunOutcome>

/** One run (for a quiet job: the last round that did work or failed). */
export const JobRunView = Type.Object({
  /** The run's id (`job_run`): scheduled runs of ordinary jobs and every manual run have one; a quiet job's rounds do not. */
  id: Nullable(Type.String({ format: 'uuid' })),
  trigger: JobTrigger,
  startedAt: Instant,
  finishedAt: Nullable(Instant),
  outcome: JobRunOutcome,
  /** The failure as the job reported it (never client data: any henkilötunnus is masked). */
  error: Nullable(Type.String()),
  summary: Nullable(Type.String()),
})
export type JobRunView = Static<typeof JobRunView>

export const JobView = Type.Object({
  name: JobName,
  title: LocalizedText,
  description: LocalizedText,
  schedule: JobSchedule,
  /** The schedule in words, in each language. */
  scheduleText: LocalizedText,
  /**
   * A frequent job whose idle rounds are not recorded (the audit sealer): lastRun is its last round that did work or
   * failed, and its next round is this server's.
   */
  quiet: Type.Boolean(),
  maxAttempts: Type.Integer({ minimum: 1 }),
  /** Whether the server that answered runs the job on its schedule (HUOMA_JOBS). */
  scheduledHere: Type.Boolean(),
  runningNow: Type.Boolean(),
  /** The run in progress, or else the last one that ended. */
  lastRun: Nullable(JobRunView),
  lastSuccessAt: Nullable(Instant),
  /** The latest failure, kept after later successes. */
  lastFailure: Nullable(Type.Object({ at: Instant, error: Type.String() })),
  /** Failed runs in a row (0 after a success). */
  consecutiveFailures: Type.Integer({ minimum: 0 }),
  nextRunAt: Nullable(Instant),
  /** Set while a failed slot waits to be tried again: the attempt coming next, of how many. */
  retry: Nullable(Type.Object({ attempt: Type.Integer({ minimum: 2 }), of: Type.Integer({ minimum: 1 }) })),
})
export type JobView = Static<typeof JobView>

export const JobList = Type.Object({ jobs: Type.Array(JobView) })
export type JobList = Static<typeof JobList>

export const JobNameParams = Type.Object({ name: JobName })
export type JobNameParams = Static<typeof JobNameParams>

/** The answer to "run now": the run has been claimed and started; its end shows in the list. */
export const JobRunStarted = Type.Object({ runId: Type.String({ format: 'uuid' }), startedAt: Instant })
export type JobRunStarted = Static<typeof JobRunStarted>

/** The main user's scheduled jobs. */
export const jobsEndpoints = endpoints({
  'jobs.list': {
    method: 'GET',
    path: '/api/admin/jobs',
    action: 'jobs:read',
    summary: 'The scheduled jobs: schedule, last run, outcome and error, next run, failures in a row',
    response: { 200: JobList },
  },
  'jobs.run': {
    method: 'POST',
    path: '/api/admin/jobs/:name/run',
    action: 'jobs:run',
    summary: 'Run a job now, once (claimed like a scheduled run: never twice at once); answers when it has started',
    params: JobNameParams,
    response: { 202: JobRunStarted },
    errors: [409, 503],
  },
})

import type { Kysely } from 'kysely'
import type { DB, JobTrigger } from '../../db/schema'

/** A job's row with its run in progress (if any): what the jobs page shows besides the definition. */
export interface JobRowView {
  name: string
  nextRunAt: Date | null
  attempt: number
  consecutiveFailures: number
  running: { id: string; trigger: JobTrigger; startedAt: Date } | null
  last: {
    id: string | null
    trigger: JobTrigger
    startedAt: Date
    finishedAt: Date | null
    outcome: 'success' | 'failure' | 'abandoned'
    summary: string | null
    error: string | null
  } | null
  lastSuccessAt: Date | null
  lastFailure: { at: Date; error: string } | null
}

/** The rows of the named jobs (one query; the jobs' own tables, no client data). */
export async function readJobRows(db: Kysely<DB>, names: readonly string[]): Promise<Map<string, JobRowView>> {
  if (!names.length) return new Map()
  const rows = await db
    .selectFrom('job as j')
    .leftJoin('job_run as r', 'r.id', 'j.running_run_id')
    .leftJoin('job_run as l', 'l.id', 'j.last_run_id')
    .select([
      'j.name',
      'j.next_run_at',
      'j.attempt',
      'j.consecutive_failures',
      'j.running_run_id',
      'r.trigger as running_trigger',
      'r.started_at as running_started_at',
      'j.last_run_id',
      'j.last_trigger',
      'j.last_started_at',
      'j.last_finished_at',
      'j.last_outcome',
      'j.last_summary',
      'j.last_error',
      'j.last_error_at',
      'l.error as last_run_error',
      'j.last_success_at',
    ])
    .where('j.name', 'in', names)
    .execute()
  return new Map(
    rows.map((r) => [
      r.name,
      {
        name: r.name,
        nextRunAt: r.next_run_at,
        attempt: r.attempt,
        consecutiveFailures: r.consecutive_failures,
        running: r.running_run_id && r.running_trigger && r.running_started_at ? { id: r.running_run_id, trigger: r.running_trigger, startedAt: r.running_started_at } : null,
        last:
          r.last_trigger && r.last_started_at && r.last_outcome
            ? {
                id: r.last_run_id,
                trigger: r.last_trigger,
                startedAt: r.last_started_at,
                finishedAt: r.last_finished_at,
                outcome: r.last_outcome,
                summary: r.last_summary,
                // A recorded run has its own error; a quiet job's round only the row's latest failure.
                error: r.last_outcome === 'success' ? null : r.last_run_id ? r.last_run_error : r.last_error,
              }
            : null,
        lastSuccessAt: r.last_success_at,
        lastFailure: r.last_error_at && r.last_error ? { at: r.last_error_at, error: r.last_error } : null,
      },
    ]),
  )
}

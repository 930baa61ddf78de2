import type { JobView } from '@huoma/contract'
import { describeSchedule, type JobInfo } from '../../kernel/jobs'
import type { JobRowView } from './queries'

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null)

/** A job as the main user sees it: its definition, its row, and what this server knows of it. */
export function jobView(info: JobInfo, row: JobRowView | undefined): JobView {
  const def = info.definition
  const quiet = def.quiet === true
  const maxAttempts = def.maxAttempts ?? 3
  const running = row?.running ?? null
  const last = row?.last ?? null
  return {
    name: def.name,
    title: def.title,
    description: def.description,
    schedule: def.schedule.kind === 'interval' ? { kind: 'interval', everyMs: def.schedule.everyMs } : { kind: 'daily', at: def.schedule.at, workingDaysOnly: def.schedule.workingDaysOnly === true },
    scheduleText: describeSchedule(def.schedule),
    quiet,
    maxAttempts,
    scheduledHere: info.scheduledHere,
    runningNow: running !== null || info.runningHere,
    lastRun: running
      ? { id: running.id, trigger: running.trigger, startedAt: running.startedAt.toISOString(), finishedAt: null, outcome: 'running', error: null, summary: null }
      : last
        ? { id: last.id, trigger: last.trigger, startedAt: last.startedAt.toISOString(), finishedAt: iso(last.finishedAt), outcome: last.outcome, error: last.error, summary: last.summary }
        : null,
    lastSuccessAt: iso(row?.lastSuccessAt),
    lastFailure: row?.lastFailure ? { at: row.lastFailure.at.toISOString(), error: row.lastFailure.error } : null,
    consecutiveFailures: row?.consecutiveFailures ?? 0,
    nextRunAt: quiet ? iso(info.nextRoundHere) : iso(row?.nextRunAt),
    retry: !quiet && row && row.attempt > 0 && row.attempt < maxAttempts ? { attempt: row.attempt + 1, of: maxAttempts } : null,
  }
}

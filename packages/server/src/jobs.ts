import { auditSealerJob } from './kernel/jobs/audit-sealer'
import type { Config } from './config'
import type { KelaForwardingClient } from './integrations/kela/types'
import type { VtjConnector } from './integrations/vtj'
import type { JobDefinition } from './kernel/jobs'
import { deadlineRoundJob } from './kernel/deadlines'
import { kelaImportJob } from './modules/income-support/kela-job'
import { vtjSyncJob } from './modules/persons/vtj-job'

/** What the server's jobs are built from. */
export interface ServerJobDeps {
  config: Config
  vtj: VtjConnector
  kela: KelaForwardingClient
  /** The demo municipality (`serve --demo`, `npm start`): Kela's simulator may forward into its queue. */
  demo: boolean
}

/**
 * The server's scheduled jobs — the one list `startServer` (and `huoma jobs`) hands to the runner
 * (kernel/jobs/runner.ts). A new job is one more element here: a JobDefinition built by its module (a function in
 * the module's folder that takes what the job needs). Still to come here: the statutory-deadline reminders and the
 * retention runs. The list is a plain array on purpose; it is meant to move into a per-module registry later.
 */
export function serverJobs({ config, vtj, kela, demo }: ServerJobDeps): JobDefinition[] {
  return [
    auditSealerJob({ intervalMs: config.security.auditSealIntervalMs }),
    vtjSyncJob({ vtj, at: config.jobs.vtjSyncAt }),
    deadlineRoundJob({ at: config.jobs.deadlineRoundAt, daysBefore: config.jobs.deadlineReminderDays, mode: config.workingDayMode }),
    kelaImportJob({ kela, at: config.jobs.kelaImportAt, mode: config.workingDayMode, unitCode: process.env.HUOMA_KELA_UNIT || undefined, demo }),
  ]
}

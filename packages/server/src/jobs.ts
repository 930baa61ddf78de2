import { auditSealerJob } from './kernel/jobs/audit-sealer'
import { auditPartitionsJob } from './kernel/jobs/audit-partitions'
import type { JobDefinition } from './kernel/jobs'
import { deadlineRoundJob } from './kernel/deadlines'
import { MODULES } from './modules'
import type { ModuleJobDeps } from './modules/module'
import type { AuditAnchor } from './access/audit-anchor'
import { CLIENT_FORGETTERS, REGISTER_RECORDS } from './catalogue'

/** What the server's jobs are built from: the modules' deps, and the audit anchor (signing key, witness) of the kernel's sealer. */
export type ServerJobDeps = Omit<ModuleJobDeps, 'forgetters' | 'registerRecords'> & { auditAnchor: AuditAnchor }

/**
 * The server's scheduled jobs — the one list `startServer` (and `huoma jobs`) hands to the runner
 * (kernel/jobs/runner.ts): the kernel's own (the audit sealer, the audit log's monthly partitions, the statutory-deadline
 * reminders) and every module's
 * (`jobs` of its declaration in `modules/index.ts`: the population-register sync of persons, Kela's import of income
 * support). A module's new job is one more element of its own `jobs`; nothing here changes.
 */
export function serverJobs(deps: ServerJobDeps): JobDefinition[] {
  const { config } = deps
  const moduleDeps: ModuleJobDeps = { ...deps, forgetters: CLIENT_FORGETTERS, registerRecords: REGISTER_RECORDS }
  return [
    auditSealerJob({ intervalMs: config.security.auditSealIntervalMs, anchor: deps.auditAnchor }),
    auditPartitionsJob(),
    deadlineRoundJob({ at: config.jobs.deadlineRoundAt, daysBefore: config.jobs.deadlineReminderDays, mode: config.workingDayMode }),
    ...MODULES.flatMap((m) => m.jobs?.(moduleDeps) ?? []),
  ]
}

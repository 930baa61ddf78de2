import { defineAuditEvents } from '../../access/audit-events'

/** The main user's run-now of a scheduled job: a configuration event. */
export const jobsEvents = defineAuditEvents('jobs', {
  run: { kind: 'security', dataGroup: 'security/job', description: 'Ran a scheduled job by hand (the row points to the run)' },
})

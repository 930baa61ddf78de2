import { defineActions } from '../../access/actions'

/** The actions of the scheduled jobs' page (the main user's). */
export const jobsActions = defineActions({
  'jobs:read': { scope: 'role', roles: ['main_user'], description: 'See the scheduled jobs: last run, outcome and error, next run, failures (no client data)' },
  'jobs:run': { scope: 'role', roles: ['main_user'], description: 'Run a scheduled job now, once (a security event in the audit log)' },
})

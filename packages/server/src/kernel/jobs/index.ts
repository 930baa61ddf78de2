/**
 * Scheduled jobs: the kernel part (definitions, schedules, the runner). It knows no module; the server's list of
 * jobs is `serverJobs` in src/jobs.ts.
 */
export * from './schedule'
export * from './types'
export * from './runner'

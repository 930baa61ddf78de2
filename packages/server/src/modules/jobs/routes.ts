/* eslint-disable no-restricted-syntax -- the jobs' own tables (job, job_run) and audit rows of the main user's actions, never client data */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyRequest } from 'fastify'
import { jobsEndpoints as ep } from '@huoma/contract'
import { appendAudit, type AuditEvent } from '../../access/audit'
import { requireAuthed, type AuthedContext } from '../../access/context'
import { endpoint } from '../../http/endpoint'
import { jobsEvents } from './events'
import { HttpProblem } from '../../http/problem'
import { JobBusyError, RunnerStoppedError, UnknownJobError } from '../../kernel/jobs'
import { jobsDetail } from './messages'
import { readJobRows } from './queries'
import { jobView } from './view'

/** The main user's run-now as a security (configuration) event: who, in which role, which run. */
function auditEvent(ctx: AuthedContext, request: FastifyRequest, e: { refId: string | null; outcome: AuditEvent['outcome'] }): AuditEvent {
  const grant = ctx.grants[0]
  return {
    userId: ctx.principal.userId,
    roleCode: grant?.roleCode ?? null,
    unitId: grant?.unitId ?? null,
    event: jobsEvents.run,
    basis: 'role',
    refId: e.refId,
    outcome: e.outcome,
    requestId: request.id,
    clientAddress: request.ip,
  }
}

/**
 * Ajastetut tehtävät: the scheduled jobs for the main user — each job's last run, outcome and error, next run and
 * failures in a row — and "run now", which goes through the same claim as the schedule (kernel/jobs/runner.ts).
 */
export const jobRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.route({
    ...endpoint(ep['jobs.list']),
    handler: async () => {
      const infos = app.jobs.jobs()
      const rows = await readJobRows(app.database.db, infos.map((i) => i.definition.name))
      return { jobs: infos.map((info) => jobView(info, rows.get(info.definition.name))) }
    },
  })

  app.route({
    ...endpoint(ep['jobs.run']),
    handler: async (request, reply) => {
      const ctx = requireAuthed(request)
      const { name } = request.params
      try {
        const run = await app.jobs.runNow(name, {
          requestedBy: ctx.principal.userId,
          within: (trx, runId) => appendAudit(trx, auditEvent(ctx, request, { refId: runId, outcome: 'success' })),
        })
        run.done.catch((e: unknown) => request.log.error({ err: e, job: name }, 'job run by hand failed to record'))
        return reply.code(202).send({ runId: run.runId, startedAt: run.startedAt.toISOString() })
      } catch (e) {
        if (e instanceof UnknownJobError) {
          throw new HttpProblem(404, 'notFound', { issues: [{ field: 'params.name', code: 'jobs.name.unknown', params: { name } }] })
        }
        if (e instanceof JobBusyError || e instanceof RunnerStoppedError) {
          await appendAudit(app.database.db, auditEvent(ctx, request, { refId: null, outcome: 'failure' }))
          throw e instanceof JobBusyError
            ? new HttpProblem(409, 'conflict', { type: 'https://huoma.fi/problems/job-running', detail: jobsDetail('running') })
            : new HttpProblem(503, 'unavailable', { detail: jobsDetail('stopping') })
        }
        throw e
      }
    },
  })
}

import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { disclosuresEndpoints as ep } from '@huoma/contract'
import type { FastifyRequest } from 'fastify'
import type { ClientScope } from '../../access/client-access'
import { requireAuthed, type AuthedContext } from '../../access/context'
import { endpoint } from '../../http/endpoint'
import { problems } from '../../http/problem'
import { localDate } from '@huoma/domain'
import { disclosureBundlePdf, disclosureDecisionPdf } from './print'
import { listDefinitions, periodIssues, regularConfigDb, runFile, runRegularDisclosure } from './regular'
import { askInformation, decideRequest, informationAnswered, listConsents, readRegister, receiveRequest, recordConsent, recordDisclosure, revokeConsent } from './repository'

/**
 * Disclosures and consents over HTTP: every route goes through the client chokepoint — a register's requests in
 * that service task (the worker's relationship or supervision there), consents across the client's registers — and
 * answers the register or the list as it now is, read in the same transaction.
 */
export const disclosuresRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const today = () => app.clock.today()

  const inRegister = (request: FastifyRequest, personId: string, serviceTask: string, work: (scope: ClientScope, ctx: AuthedContext) => Promise<void>) => {
    const ctx = requireAuthed(request)
    return app.clientData.withClient(ctx, { personId, serviceTask }, async (scope) => {
      await work(scope, ctx)
      return readRegister(scope, serviceTask)
    })
  }
  const consents = (request: FastifyRequest, personId: string, work: (scope: ClientScope, ctx: AuthedContext) => Promise<void>) => {
    const ctx = requireAuthed(request)
    return app.clientData.withClient(ctx, { personId }, async (scope) => {
      await work(scope, ctx)
      return listConsents(scope, today())
    })
  }

  app.route({
    ...endpoint(ep['disclosures.register']),
    handler: async (request) => inRegister(request, request.params.id, request.query.serviceTask, async () => {}),
  })

  app.route({
    ...endpoint(ep['disclosures.receive']),
    handler: async (request, reply) => {
      const out = await inRegister(request, request.params.id, request.body.serviceTask, (scope, ctx) => receiveRequest(scope, request.body, { userId: ctx.principal.userId, today: today() }))
      return reply.status(201).send(out)
    },
  })

  app.route({
    ...endpoint(ep['disclosures.decide']),
    handler: async (request) =>
      inRegister(request, request.params.id, request.body.serviceTask, (scope, ctx) => decideRequest(scope, request.params.requestId, request.body, { userId: ctx.principal.userId, today: today() })),
  })

  app.route({
    ...endpoint(ep['disclosures.disclose']),
    handler: async (request) =>
      inRegister(request, request.params.id, request.body.serviceTask, (scope, ctx) => recordDisclosure(scope, request.params.requestId, request.body, { userId: ctx.principal.userId, today: today() })),
  })

  app.route({
    ...endpoint(ep['disclosures.decisionPdf']),
    handler: async (request, reply) => {
      const ctx = requireAuthed(request)
      const { serviceTask } = request.query
      // the organisation that decides: the user's unit in the register
      const unitId = ctx.grants.find((g) => g.serviceTasks.includes(serviceTask))?.unitId
      if (!unitId) throw problems.notFound()
      const out = await app.clientData.withClient(ctx, { personId: request.params.id, serviceTask }, (scope) =>
        disclosureDecisionPdf(scope, request.params.requestId, { serviceTask, unitId, language: request.query.language ?? 'fi' }),
      )
      return reply.header('content-type', 'application/pdf').header('content-disposition', `inline; filename="luovutuspaatos-${out.number}.pdf"`).send(out.pdf)
    },
  })

  app.route({
    ...endpoint(ep['disclosures.bundlePdf']),
    handler: async (request, reply) => {
      const ctx = requireAuthed(request)
      const { serviceTask, records, from, to, language } = request.query
      const unitId = ctx.grants.find((g) => g.serviceTasks.includes(serviceTask))?.unitId
      if (!unitId) throw problems.notFound()
      const out = await app.clientData.withClient(ctx, { personId: request.params.id, serviceTask }, async (scope) => {
        const sender = await scope.trx.selectFrom('staff_user').select('display_name').where('id', '=', ctx.principal.userId).executeTakeFirst()
        return disclosureBundlePdf(scope, request.params.requestId, {
          serviceTask,
          unitId,
          language: language ?? 'fi',
          tables: app.clientCopyTables,
          records: records.split(','),
          ...(from ? { from } : {}),
          ...(to ? { to } : {}),
          sender: sender?.display_name ?? '',
          today: app.clock.today(),
        })
      })
      return reply.header('content-type', 'application/pdf').header('content-disposition', `attachment; filename="luovutus-${out.number}.pdf"`).send(out.pdf)
    },
  })

  app.route({
    ...endpoint(ep['disclosures.askInformation']),
    handler: async (request, reply) => {
      const out = await inRegister(request, request.params.id, request.body.serviceTask, (scope, ctx) => askInformation(scope, request.body, { userId: ctx.principal.userId, today: today() }))
      return reply.status(201).send(out)
    },
  })

  app.route({
    ...endpoint(ep['disclosures.informationAnswered']),
    handler: async (request) =>
      inRegister(request, request.params.id, request.body.serviceTask, (scope) => informationAnswered(scope, request.params.requestId, request.body, { today: today() })),
  })

  app.route({
    ...endpoint(ep['disclosures.consents']),
    handler: async (request) => consents(request, request.params.id, async () => {}),
  })

  app.route({
    ...endpoint(ep['disclosures.recordConsent']),
    handler: async (request, reply) => {
      const out = await consents(request, request.params.id, (scope, ctx) => recordConsent(scope, request.body, { userId: ctx.principal.userId, today: today() }))
      return reply.status(201).send(out)
    },
  })

  app.route({
    ...endpoint(ep['disclosures.revokeConsent']),
    handler: async (request) =>
      consents(request, request.params.id, (scope, ctx) => revokeConsent(scope, request.params.consentId, request.body, { userId: ctx.principal.userId, today: today() })),
  })

  // ---- regular disclosures (the main user's): the definitions and their runs, run now, a run's file ----------------

  app.route({
    ...endpoint(ep['disclosures.regularList']),
    handler: async () => listDefinitions(regularConfigDb(app)),
  })

  app.route({
    ...endpoint(ep['disclosures.regularRun']),
    handler: async (request) => {
      const ctx = requireAuthed(request)
      const periodStart = localDate(request.body.periodStart)
      const periodEnd = localDate(request.body.periodEnd)
      const issues = periodIssues(periodStart, periodEnd, today())
      if (issues.length) throw problems.validation(issues)
      return app.clientData.roleEvent(ctx, async (trx) => {
        const out = await runRegularDisclosure(trx, { definitionId: request.params.definitionId, periodStart, periodEnd, trigger: 'manual', runBy: ctx.principal.userId })
        return { value: { run: out.run, alreadyRan: out.alreadyRan }, clientIds: out.clientIds, refId: out.run.id }
      })
    },
  })

  app.route({
    ...endpoint(ep['disclosures.regularFile']),
    handler: async (request, reply) => {
      const ctx = requireAuthed(request)
      const out = await app.clientData.roleEvent(ctx, async (trx) => {
        const f = await runFile(trx, request.params.definitionId, request.params.runId)
        return { value: f, clientIds: f.clientIds, refId: f.id }
      })
      return reply.header('content-type', out.media_type).header('content-disposition', `attachment; filename="${out.file_name}"`).send(out.file)
    },
  })
}

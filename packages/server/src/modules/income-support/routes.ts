import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { incomeSupportEndpoints as ep, type ApplicationParams, type Worklist } from '@huoma/contract'
import { todayInHelsinki } from '@huoma/domain'
import type { FastifyRequest } from 'fastify'
import type { ClientScope } from '../../access/client-access'
import { requireAuthed, type AuthedContext } from '../../access/context'
import { pageRequest } from '../../kernel/paging'
import { endpoint } from '../../http/endpoint'
import { requestLanguage, type Lang } from '../../http/language'
import { problems } from '../../http/problem'
import {
  answerCompletion,
  assign,
  calculateNew,
  clientApplications,
  eligibleHandler,
  readApplication,
  registerApplication,
  requestCompletion,
  SERVICE_TASK,
  updateApplication,
  whatIf,
  worklist,
} from './applications'
import { commitmentPrintInput, decisionPrintInput, makeDecision, previewPrintInput, readDecision, recordNotification } from './decisions'
import { householdProposal } from './household'
import { clientPayments } from './payments-history'
import { importForwarded, kelaUnit } from './kela-import'
import { createParameterSet, listParameterSets, parameterHistory, parametersDb, updateParameterSet } from './parameters'
import { renderCommitment, renderDecision } from './pdf'

/** The worklist's page when the query names none. */
const WORKLIST_PAGE = 100

/** The units in which the user's grants for the route's action reach income support. */
const unitsOf = (ctx: AuthedContext) => [
  ...new Set(
    ctx.grants
      .filter((g) => g.serviceTasks.includes(SERVICE_TASK))
      .map((g) => g.unitId),
  ),
]

/**
 * Income support (toimeentulotuki): parameters (no client data), the handler's worklist and the Kela import
 * (role-scoped, filtered and audited through the chokepoint), and everything about one client's applications and
 * decisions through the client chokepoint in the income support register. The time is the app's clock.
 */
export const incomeSupportRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const mode = () => app.config.workingDayMode
  const target = (personId: string) => ({ personId, serviceTask: SERVICE_TASK })

  /**
   * A change to one application through the chokepoint, answered with the application as it now is (recalculated),
   * in the same transaction.
   */
  const changeAndRead = (
    request: FastifyRequest,
    params: ApplicationParams,
    change: (scope: ClientScope, lang: Lang, now: Date, userId: string) => Promise<void>,
  ) => {
    const ctx = requireAuthed(request)
    const lang = requestLanguage(request)
    const now = app.clock.now()
    return app.clientData.withClient(ctx, target(params.id), async (scope) => {
      await change(scope, lang, now, ctx.principal.userId)
      return readApplication(scope, params.applicationId, lang, now)
    })
  }

  // ---- Parameters (no client data) -----------------------------------------------------------------------------

  app.route({
    ...endpoint(ep['incomeSupport.parameters']),
    handler: async () => ({ sets: await listParameterSets(parametersDb(app)) }),
  })

  app.route({
    ...endpoint(ep['incomeSupport.parameterHistory']),
    handler: async (request) => parameterHistory(parametersDb(app), request.params.setId),
  })

  app.route({
    ...endpoint(ep['incomeSupport.createParameterSet']),
    handler: async (request, reply) => {
      const ctx = requireAuthed(request)
      return reply.status(201).send(await createParameterSet(parametersDb(app), request.body, ctx.principal.userId))
    },
  })

  app.route({
    ...endpoint(ep['incomeSupport.updateParameterSet']),
    handler: async (request) => {
      const ctx = requireAuthed(request)
      const { version, ...values } = request.body
      return updateParameterSet(parametersDb(app), request.params.setId, values, version, ctx.principal.userId)
    },
  })

  // ---- Worklist, Kela import, assignment -----------------------------------------------------------------------

  app.route({
    ...endpoint(ep['incomeSupport.worklist']),
    handler: async (request) => {
      const ctx = requireAuthed(request)
      const lang = requestLanguage(request)
      const now = app.clock.now()
      const q = request.query
      const page = pageRequest(q, { sort: 'deadline', limit: WORKLIST_PAGE })
      let out: Worklist = { today: todayInHelsinki(now), items: [], overdueCount: 0, offset: page.offset, limit: page.limit, total: 0, handlers: [] }
      await app.clientData.list(ctx, { serviceTask: SERVICE_TASK }, async (trx, isVisible) => {
        const r = await worklist(
          trx,
          isVisible,
          { scope: q.scope ?? 'all', unitId: q.unitId, state: q.state, handler: q.handler, overdueOnly: q.overdue ?? false, page, userId: ctx.principal.userId, units: unitsOf(ctx) },
          lang,
          mode(),
          now,
        )
        out = r.worklist
        return r.personIds.map((id) => ({ id }))
      })
      return out
    },
  })

  app.route({
    ...endpoint(ep['incomeSupport.kelaFetch']),
    handler: async (request) => {
      const ctx = requireAuthed(request)
      const lang = requestLanguage(request)
      const now = app.clock.now()
      const forwarded = await app.kela.forwarded(todayInHelsinki(now))
      return app.clientData.roleEvent(ctx, async (trx) => {
        const unitId = await kelaUnit(trx, app.config.kelaUnitCode)
        if (!unitId) throw problems.notFound()
        const { result, clientIds } = await importForwarded(trx, forwarded, { unitId, userId: ctx.principal.userId, lang, mode: mode(), now })
        return { value: result, clientIds }
      })
    },
  })

  app.route({
    ...endpoint(ep['incomeSupport.assign']),
    handler: async (request) => {
      const ctx = requireAuthed(request)
      const units = unitsOf(ctx)
      const handlerId = request.body.handlerId ?? ctx.principal.userId
      const mayAssignOthers = ctx.grants.some((g) => g.roleCode === 'supervisor' && g.serviceTasks.includes(SERVICE_TASK))
      const today = app.clock.today()
      return app.clientData.roleEvent(ctx, async (trx) => {
        const personId = await assign(trx, request.params.applicationId, request.body.version, {
          userId: ctx.principal.userId,
          handlerId,
          units,
          mayAssignOthers,
          today,
          assignable: (unitId) => eligibleHandler(trx, handlerId, unitId, today),
        })
        return { value: { personId, applicationId: request.params.applicationId }, clientIds: [personId], refId: request.params.applicationId }
      })
    },
  })

  // ---- One client's applications ---------------------------------------------------------------------------

  app.route({
    ...endpoint(ep['incomeSupport.calculateNew']),
    handler: async (request) => {
      const ctx = requireAuthed(request)
      const lang = requestLanguage(request)
      return app.clientData.withClient(ctx, { personId: request.params.id }, (scope) => calculateNew(scope, request.body, lang))
    },
  })

  app.route({
    ...endpoint(ep['incomeSupport.household']),
    handler: async (request) => {
      const ctx = requireAuthed(request)
      const on = request.query.on ?? app.clock.today()
      return app.clientData.withClient(ctx, { personId: request.params.id }, (scope) => householdProposal(scope, on))
    },
  })

  app.route({
    ...endpoint(ep['incomeSupport.clientApplications']),
    handler: async (request) => {
      const ctx = requireAuthed(request)
      const lang = requestLanguage(request)
      const now = app.clock.now()
      const applications = await app.clientData.withClient(ctx, target(request.params.id), (scope) => clientApplications(scope, lang, mode(), now))
      return { applications }
    },
  })

  app.route({
    ...endpoint(ep['incomeSupport.clientPayments']),
    handler: async (request) => {
      const ctx = requireAuthed(request)
      return app.clientData.withClient(ctx, target(request.params.id), (scope) => clientPayments(scope))
    },
  })

  app.route({
    ...endpoint(ep['incomeSupport.register']),
    handler: async (request, reply) => {
      const ctx = requireAuthed(request)
      const lang = requestLanguage(request)
      const now = app.clock.now()
      const personId = request.params.id
      const body = request.body
      // handlers register into their own units; the office secretary (registry, kirjaamo) into any unit
      const registry = ctx.grants.some((g) => g.roleCode === 'office_secretary' && g.serviceTasks.includes(SERVICE_TASK))
      if (!registry && !unitsOf(ctx).includes(body.unitId)) throw problems.validation([{ field: 'unitId', code: 'is.unit.not_yours' }])
      const takes = body.takeIt === true && ctx.grants.some((g) => g.roleCode !== 'office_secretary' && g.unitId === body.unitId)
      // one transaction and one audit row (insert) naming every household member: the registrar sees what they
      // registered; later reads go through the client chokepoint (the handler's relationship opens on taking it)
      const created = await app.clientData.roleEvent(ctx, async (trx) => {
        const { application, clientIds } = await registerApplication(trx, personId, body, {
          handlerId: takes ? ctx.principal.userId : null,
          createdBy: ctx.principal.userId,
          lang,
          mode: mode(),
          now,
        })
        return { value: application, clientIds, refId: application.id }
      })
      return reply.status(201).send(created)
    },
  })

  app.route({
    ...endpoint(ep['incomeSupport.application']),
    handler: async (request) => {
      const ctx = requireAuthed(request)
      const lang = requestLanguage(request)
      const now = app.clock.now()
      return app.clientData.withClient(ctx, target(request.params.id), (scope) => readApplication(scope, request.params.applicationId, lang, now))
    },
  })

  app.route({
    ...endpoint(ep['incomeSupport.updateApplication']),
    handler: async (request) =>
      changeAndRead(request, request.params, (scope, l, n, u) => updateApplication(scope, request.params.applicationId, request.body, l, mode(), n, u)),
  })

  app.route({
    ...endpoint(ep['incomeSupport.calculate']),
    handler: async (request) => {
      const ctx = requireAuthed(request)
      const lang = requestLanguage(request)
      return app.clientData.withClient(ctx, target(request.params.id), (scope) => whatIf(scope, request.params.applicationId, request.body, lang))
    },
  })

  app.route({
    ...endpoint(ep['incomeSupport.requestCompletion']),
    handler: async (request) =>
      changeAndRead(request, request.params, (scope, _l, n, u) => requestCompletion(scope, request.params.applicationId, request.body, mode(), n, u)),
  })

  app.route({
    ...endpoint(ep['incomeSupport.answerCompletion']),
    handler: async (request) =>
      changeAndRead(request, request.params, (scope, _l, n, u) => answerCompletion(scope, request.params.applicationId, request.body, mode(), n, u)),
  })

  // ---- Decisions -------------------------------------------------------------------------------------------

  app.route({
    ...endpoint(ep['incomeSupport.decisionPreview']),
    handler: async (request, reply) => {
      const ctx = requireAuthed(request)
      const lang = requestLanguage(request)
      const now = app.clock.now()
      const input = await app.clientData.withClient(ctx, target(request.params.id), (scope) =>
        previewPrintInput(scope, request.params.applicationId, request.body, ctx.principal.displayName, lang, now),
      )
      // Rendered after the commit, so the single embedded connection is not held while the PDF is laid out.
      const pdf = await renderDecision(input)
      return reply.header('content-type', 'application/pdf').header('content-disposition', 'inline; filename="paatosluonnos.pdf"').send(pdf)
    },
  })

  app.route({
    ...endpoint(ep['incomeSupport.decide']),
    handler: async (request, reply) => {
      const ctx = requireAuthed(request)
      const lang = requestLanguage(request)
      const now = app.clock.now()
      const decision = await app.clientData.withClient(ctx, target(request.params.id), async (scope) => {
        const id = await makeDecision(scope, request.params.applicationId, request.body, ctx.principal.userId, lang, now)
        return readDecision(scope, id)
      })
      return reply.status(201).send(decision)
    },
  })

  app.route({
    ...endpoint(ep['incomeSupport.decision']),
    handler: async (request) => {
      const ctx = requireAuthed(request)
      return app.clientData.withClient(ctx, target(request.params.id), (scope) => readDecision(scope, request.params.decisionId))
    },
  })

  app.route({
    ...endpoint(ep['incomeSupport.notification']),
    handler: async (request) => {
      const ctx = requireAuthed(request)
      const now = app.clock.now()
      return app.clientData.withClient(ctx, target(request.params.id), async (scope) => {
        await recordNotification(scope, request.params.decisionId, request.body, ctx.principal.userId, now)
        return readDecision(scope, request.params.decisionId)
      })
    },
  })

  app.route({
    ...endpoint(ep['incomeSupport.decisionPdf']),
    handler: async (request, reply) => {
      const ctx = requireAuthed(request)
      const input = await app.clientData.withClient(ctx, target(request.params.id), (scope) => decisionPrintInput(scope, request.params.decisionId, request.query.language))
      const pdf = await renderDecision(input)
      return reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', `inline; filename="${input.language === 'sv' ? 'beslut' : 'paatos'}-${input.decision.number}.pdf"`)
        .send(pdf)
    },
  })

  app.route({
    ...endpoint(ep['incomeSupport.commitmentPdf']),
    handler: async (request, reply) => {
      const ctx = requireAuthed(request)
      const now = app.clock.now()
      const input = await app.clientData.withClient(ctx, target(request.params.id), (scope) =>
        commitmentPrintInput(scope, request.params.commitmentId, request.query.language, now),
      )
      const pdf = await renderCommitment(input)
      return reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', `inline; filename="${input.language === 'sv' ? 'betalningsforbindelse' : 'maksusitoumus'}-${input.commitment.number}.pdf"`)
        .send(pdf)
    },
  })
}

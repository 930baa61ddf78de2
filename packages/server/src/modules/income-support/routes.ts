import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import {
  Application,
  ApplicationCreate,
  ApplicationParams,
  ApplicationUpdate,
  AssignBody,
  AssignParams,
  CalculationOutcome,
  CalculationRequest,
  ClientApplications,
  CommitmentParams,
  CompletionAnswer,
  CompletionRequest,
  Decision,
  DecisionInput,
  DecisionParams,
  HouseholdProposal,
  HouseholdProposalQuery,
  KelaImportResult,
  NotificationInput,
  ParameterHistory,
  ParameterSet,
  ParameterSetParams,
  ParameterSets,
  ParameterSetUpdate,
  ParameterValues,
  PdfQuery,
  PersonParams,
  Worklist,
  WorklistQuery,
} from '@huoma/contract'
import { todayInHelsinki } from '@huoma/domain'
import { Type } from 'typebox'
import { requireAuthed, type AuthedContext } from '../../access/context'
import type { FastifyRequest } from 'fastify'
import type { ClientScope } from '../../access/client-access'
import { requestLanguage, type Lang } from '../../http/language'
import { problems } from '../../http/problem'
import {
  answerCompletion,
  assign,
  calculateNew,
  clientApplications,
  createInput,
  insertApplication,
  readApplication,
  requestCompletion,
  SERVICE_TASK,
  updateApplication,
  whatIf,
  worklist,
} from './applications'
import { commitmentPrintInput, decisionPrintInput, makeDecision, previewPrintInput, readDecision, recordNotification } from './decisions'
import { householdProposal } from './household'
import { importForwarded, kelaUnit } from './kela-import'
import { createParameterSet, listParameterSets, parameterHistory, updateParameterSet } from './parameters'
import { renderCommitment, renderDecision } from './pdf'

const TAGS = ['income-support']
const CLIENT = '/api/persons/:id/income-support'

/** The units in which the user's grants for the route's action reach income support. */
const unitsOf = (ctx: AuthedContext) => [
  ...new Set(
    ctx.grants
      .filter((g) => g.serviceTasks.includes(SERVICE_TASK))
      .map((g) => g.unitId),
  ),
]

const PdfResponse = { 200: Type.Unsafe<Buffer>({ type: 'string', format: 'binary', description: 'application/pdf' }) }

/**
 * Income support (toimeentulotuki): parameters (no client data), the handler's worklist and the Kela import
 * (role-scoped, filtered and audited through the chokepoint), and everything about one client's applications and
 * decisions through the client chokepoint in the income support register.
 */
export const incomeSupportRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const mode = () => app.config.workingDayMode
  const target = (personId: string) => ({ personId, serviceTask: SERVICE_TASK })

  /**
   * A change to one application through the chokepoint, answered with the application as it now is (recalculated),
   * in the same transaction.
   */
  const changeAndRead = (
    request: FastifyRequest<{ Params: { id: string; applicationId: string } }>,
    change: (scope: ClientScope, lang: Lang, now: Date, userId: string) => Promise<void>,
  ) => {
    const ctx = requireAuthed(request)
    const lang = requestLanguage(request)
    const now = app.clock.now()
    return app.clientData.withClient(ctx, target(request.params.id), async (scope) => {
      await change(scope, lang, now, ctx.principal.userId)
      return readApplication(scope, request.params.applicationId, lang, now)
    })
  }

  // ---- Parameters (no client data) -----------------------------------------------------------------------------

  // eslint-disable-next-line no-restricted-syntax -- parameters are no client data (amounts and rules, not persons)
  const paramsDb = () => app.database.db

  app.get(
    '/api/income-support/parameters',
    { config: { action: 'income-support:parameters' }, schema: { tags: TAGS, summary: 'The effective-dated parameter sets', response: { 200: ParameterSets } } },
    async () => ({ sets: await listParameterSets(paramsDb()) }),
  )

  app.get(
    '/api/income-support/parameters/:setId/history',
    {
      config: { action: 'income-support:parameters' },
      schema: { tags: TAGS, summary: 'Every change of one parameter set, newest first', params: ParameterSetParams, response: { 200: ParameterHistory } },
    },
    async (request) => parameterHistory(paramsDb(), request.params.setId),
  )

  app.post(
    '/api/income-support/parameters',
    {
      config: { action: 'income-support:parameters-edit' },
      schema: { tags: TAGS, summary: 'Add a parameter set (periods may not overlap)', body: ParameterValues, response: { 201: ParameterSet } },
    },
    async (request, reply) => {
      const ctx = requireAuthed(request)
      return reply.status(201).send(await createParameterSet(paramsDb(), request.body, ctx.principal.userId))
    },
  )

  app.put(
    '/api/income-support/parameters/:setId',
    {
      config: { action: 'income-support:parameters-edit' },
      schema: { tags: TAGS, summary: 'Change a parameter set (optimistic locking with version)', params: ParameterSetParams, body: ParameterSetUpdate, response: { 200: ParameterSet } },
    },
    async (request) => {
      const ctx = requireAuthed(request)
      const { version, ...values } = request.body
      return updateParameterSet(paramsDb(), request.params.setId, values, version, ctx.principal.userId)
    },
  )

  // ---- Worklist, Kela import, assignment -----------------------------------------------------------------------

  app.get(
    '/api/income-support/worklist',
    {
      config: { action: 'income-support:worklist' },
      schema: { tags: TAGS, summary: 'Open applications by deadline: mine, the unit queue, or both', querystring: WorklistQuery, response: { 200: Worklist } },
    },
    async (request) => {
      const ctx = requireAuthed(request)
      const lang = requestLanguage(request)
      const now = new Date()
      let out: Worklist = { today: todayInHelsinki(now), items: [], overdueCount: 0, total: 0 }
      await app.clientData.list(ctx, { serviceTask: SERVICE_TASK }, async (trx, isVisible) => {
        const r = await worklist(
          trx,
          isVisible,
          { scope: request.query.scope ?? 'all', unitId: request.query.unitId, limit: request.query.limit ?? 100, userId: ctx.principal.userId, units: unitsOf(ctx) },
          lang,
          mode(),
          now,
        )
        out = r.worklist
        return r.personIds.map((id) => ({ id }))
      })
      return out
    },
  )

  app.post(
    '/api/income-support/kela/fetch',
    {
      config: { action: 'income-support:kela-import' },
      schema: { tags: TAGS, summary: 'Fetch the applications Kela has forwarded into the queue (idempotent on Kela\'s case reference)', response: { 200: KelaImportResult } },
    },
    async (request) => {
      const ctx = requireAuthed(request)
      const lang = requestLanguage(request)
      const now = new Date()
      const forwarded = await app.kela.forwarded(todayInHelsinki(now))
      return app.clientData.roleEvent(ctx, async (trx) => {
        const unitId = await kelaUnit(trx, process.env.HUOMA_KELA_UNIT)
        if (!unitId) throw problems.notFound()
        const { result, clientIds } = await importForwarded(trx, forwarded, { unitId, userId: ctx.principal.userId, lang, mode: mode(), now })
        return { value: result, clientIds }
      })
    },
  )

  app.post(
    '/api/income-support/applications/:applicationId/assign',
    {
      config: { action: 'income-support:assign' },
      schema: {
        tags: TAGS,
        summary: 'Take an application from the unit queue (a supervisor may give it to a handler); opens the client relationship',
        params: AssignParams,
        body: AssignBody,
        response: { 200: Type.Object({ personId: Type.String(), applicationId: Type.String() }) },
      },
    },
    async (request) => {
      const ctx = requireAuthed(request)
      const units = unitsOf(ctx)
      const handlerId = request.body.handlerId ?? ctx.principal.userId
      const mayAssignOthers = ctx.grants.some((g) => g.roleCode === 'supervisor' && g.serviceTasks.includes(SERVICE_TASK))
      const today = todayInHelsinki(new Date())
      return app.clientData.roleEvent(ctx, async (trx) => {
        const personId = await assign(trx, request.params.applicationId, request.body.version, {
          userId: ctx.principal.userId,
          handlerId,
          units,
          mayAssignOthers,
          today,
          assignable: async (unitId) =>
            !!(await trx
              .selectFrom('staff_grant as g')
              .innerJoin('staff_user as u', 'u.id', 'g.user_id')
              .select('g.id')
              .where('g.user_id', '=', handlerId)
              .where('g.unit_id', '=', unitId)
              .where('u.active', '=', true)
              .where('g.ended_at', 'is', null)
              .where('g.role_code', 'in', ['benefit_handler', 'social_worker', 'supervisor'])
              .where((eb) => eb(eb.val(SERVICE_TASK), '=', eb.fn.any('g.service_tasks')))
              .where('g.valid_from', '<=', today)
              .where((eb) => eb.or([eb('g.valid_until', 'is', null), eb('g.valid_until', '>=', today)]))
              .executeTakeFirst()),
        })
        return { value: { personId, applicationId: request.params.applicationId }, clientIds: [personId], refId: request.params.applicationId }
      })
    },
  )

  // ---- One client's applications ---------------------------------------------------------------------------

  app.post(
    `${CLIENT}/calculate`,
    {
      config: { action: 'income-support:calculate' },
      schema: {
        tags: TAGS,
        summary: 'Calculate an application being registered (nothing is saved): the live calculation of the registration form',
        params: PersonParams,
        body: CalculationRequest,
        response: { 200: CalculationOutcome },
      },
    },
    async (request) => {
      const ctx = requireAuthed(request)
      const lang = requestLanguage(request)
      return app.clientData.withClient(ctx, { personId: request.params.id }, (scope) => calculateNew(scope, request.body, lang))
    },
  )

  app.get(
    `${CLIENT}/household`,
    {
      config: { action: 'income-support:household' },
      schema: {
        tags: TAGS,
        summary: 'The registry household of the client on a day, proposed as an application\'s members (applicant, spouse, children)',
        params: PersonParams,
        querystring: HouseholdProposalQuery,
        response: { 200: HouseholdProposal },
      },
    },
    async (request) => {
      const ctx = requireAuthed(request)
      const on = request.query.on ?? todayInHelsinki(new Date())
      return app.clientData.withClient(ctx, { personId: request.params.id }, (scope) => householdProposal(scope, on))
    },
  )

  app.get(
    `${CLIENT}/applications`,
    {
      config: { action: 'income-support:read' },
      schema: { tags: TAGS, summary: 'The client\'s income support applications, newest first', params: PersonParams, response: { 200: ClientApplications } },
    },
    async (request) => {
      const ctx = requireAuthed(request)
      const lang = requestLanguage(request)
      const applications = await app.clientData.withClient(ctx, target(request.params.id), (scope) => clientApplications(scope, lang, mode(), new Date()))
      return { applications }
    },
  )

  app.post(
    `${CLIENT}/applications`,
    {
      config: { action: 'income-support:register' },
      schema: {
        tags: TAGS,
        summary: 'Register an application received on paper or as an e-form (to the unit queue, or taken at once)',
        params: PersonParams,
        body: ApplicationCreate,
        response: { 201: Application },
      },
    },
    async (request, reply) => {
      const ctx = requireAuthed(request)
      const lang = requestLanguage(request)
      const now = new Date()
      const personId = request.params.id
      const body = request.body
      // handlers register into their own units; the office secretary (registry, kirjaamo) into any unit
      const registry = ctx.grants.some((g) => g.roleCode === 'office_secretary' && g.serviceTasks.includes(SERVICE_TASK))
      if (!registry && !unitsOf(ctx).includes(body.unitId)) throw problems.validation([{ field: 'unitId', code: 'is.unit.not_yours' }])
      const takes = body.takeIt === true && ctx.grants.some((g) => g.roleCode !== 'office_secretary' && g.unitId === body.unitId)
      // one transaction and one audit row (insert) naming every household member: the registrar sees what they
      // registered; later reads go through the client chokepoint (the handler's relationship opens on taking it)
      const created = await app.clientData.roleEvent(ctx, async (trx) => {
        const exists = await trx.selectFrom('person').select('id').where('id', '=', personId).where('merged_into', 'is', null).executeTakeFirst()
        if (!exists) throw problems.notFound()
        const unit = await trx.selectFrom('unit').select('id').where('id', '=', body.unitId).where('active', '=', true).executeTakeFirst()
        if (!unit) throw problems.validation([{ field: 'unitId', code: 'is.unit.not_yours' }])
        const id = await insertApplication(trx, createInput(personId, body, takes ? ctx.principal.userId : null, ctx.principal.userId), lang, mode(), now)
        const touched = new Set([personId, ...body.members.map((m) => m.personId)])
        const scope = { trx, personId, basis: 'relationship' as const, touch: (...ids: string[]) => ids.forEach((x) => touched.add(x)) }
        const value = await readApplication(scope, id, lang, now)
        return { value, clientIds: [...touched], refId: id }
      })
      return reply.status(201).send(created)
    },
  )

  app.get(
    `${CLIENT}/applications/:applicationId`,
    {
      config: { action: 'income-support:read' },
      schema: { tags: TAGS, summary: 'An application with its household, claims, live calculation and decisions', params: ApplicationParams, response: { 200: Application } },
    },
    async (request) => {
      const ctx = requireAuthed(request)
      const lang = requestLanguage(request)
      return app.clientData.withClient(ctx, target(request.params.id), (scope) => readApplication(scope, request.params.applicationId, lang, new Date()))
    },
  )

  app.put(
    `${CLIENT}/applications/:applicationId`,
    {
      config: { action: 'income-support:edit' },
      schema: {
        tags: TAGS,
        summary: 'Change the household, period, urgency and claimed/accepted items (optimistic locking with version); answers the recalculated application',
        params: ApplicationParams,
        body: ApplicationUpdate,
        response: { 200: Application },
      },
    },
    async (request) => changeAndRead(request, (scope, l, n, u) => updateApplication(scope, request.params.applicationId, request.body, l, mode(), n, u)),
  )

  app.post(
    `${CLIENT}/applications/:applicationId/calculate`,
    {
      config: { action: 'income-support:read' },
      schema: { tags: TAGS, summary: 'Calculate unsaved edits (nothing is saved)', params: ApplicationParams, body: CalculationRequest, response: { 200: CalculationOutcome } },
    },
    async (request) => {
      const ctx = requireAuthed(request)
      const lang = requestLanguage(request)
      return app.clientData.withClient(ctx, target(request.params.id), (scope) => whatIf(scope, request.params.applicationId, request.body, lang))
    },
  )

  app.post(
    `${CLIENT}/applications/:applicationId/completion`,
    {
      config: { action: 'income-support:edit' },
      schema: {
        tags: TAGS,
        summary: 'Request completion (täydennyspyyntö): the deadline becomes the 7th working day after the answer or the due date',
        params: ApplicationParams,
        body: CompletionRequest,
        response: { 200: Application },
      },
    },
    async (request) => changeAndRead(request, (scope, l, n, u) => requestCompletion(scope, request.params.applicationId, request.body, mode(), n, u)),
  )

  app.post(
    `${CLIENT}/applications/:applicationId/completion/answer`,
    {
      config: { action: 'income-support:edit' },
      schema: { tags: TAGS, summary: 'Record the client\'s answer to the request for completion', params: ApplicationParams, body: CompletionAnswer, response: { 200: Application } },
    },
    async (request) => changeAndRead(request, (scope, l, n, u) => answerCompletion(scope, request.params.applicationId, request.body, mode(), n, u)),
  )

  // ---- Decisions -------------------------------------------------------------------------------------------

  app.post(
    `${CLIENT}/applications/:applicationId/decision-preview`,
    {
      config: { action: 'income-support:print' },
      schema: {
        tags: TAGS,
        summary: 'The decision as it would be made, as a PDF marked as a preview (nothing is saved; audited as a print)',
        params: ApplicationParams,
        body: DecisionInput,
        response: PdfResponse,
      },
    },
    async (request, reply) => {
      const ctx = requireAuthed(request)
      const lang = requestLanguage(request)
      const input = await app.clientData.withClient(ctx, target(request.params.id), (scope) =>
        previewPrintInput(scope, request.params.applicationId, request.body, ctx.principal.displayName, lang, new Date()),
      )
      const pdf = await renderDecision(input)
      return reply.header('content-type', 'application/pdf').header('content-disposition', 'inline; filename="paatosluonnos.pdf"').send(pdf)
    },
  )

  app.post(
    `${CLIENT}/applications/:applicationId/decisions`,
    {
      config: { action: 'income-support:decide' },
      schema: {
        tags: TAGS,
        summary: 'Make the decision (or a correcting one, with correctsId): frozen calculation, commitments and payables',
        params: ApplicationParams,
        body: DecisionInput,
        response: { 201: Decision },
      },
    },
    async (request, reply) => {
      const ctx = requireAuthed(request)
      const lang = requestLanguage(request)
      const decision = await app.clientData.withClient(ctx, target(request.params.id), async (scope) => {
        const id = await makeDecision(scope, request.params.applicationId, request.body, ctx.principal.userId, lang, new Date())
        return readDecision(scope, id)
      })
      return reply.status(201).send(decision)
    },
  )

  app.get(
    `${CLIENT}/decisions/:decisionId`,
    {
      config: { action: 'income-support:read' },
      schema: { tags: TAGS, summary: 'A decision with its items, calculation, commitments and payables', params: DecisionParams, response: { 200: Decision } },
    },
    async (request) => {
      const ctx = requireAuthed(request)
      return app.clientData.withClient(ctx, target(request.params.id), (scope) => readDecision(scope, request.params.decisionId))
    },
  )

  app.post(
    `${CLIENT}/decisions/:decisionId/notification`,
    {
      config: { action: 'income-support:notify' },
      schema: { tags: TAGS, summary: 'Record the notification (tiedoksianto) of the decision', params: DecisionParams, body: NotificationInput, response: { 200: Decision } },
    },
    async (request) => {
      const ctx = requireAuthed(request)
      return app.clientData.withClient(ctx, target(request.params.id), async (scope) => {
        await recordNotification(scope, request.params.decisionId, request.body, ctx.principal.userId, new Date())
        return readDecision(scope, request.params.decisionId)
      })
    },
  )

  app.get(
    `${CLIENT}/decisions/:decisionId/pdf`,
    {
      config: { action: 'income-support:print' },
      schema: {
        tags: TAGS,
        summary: 'The decision as PDF in its language (or the one asked) with the calculation appendix and appeal instructions',
        params: DecisionParams,
        querystring: PdfQuery,
        response: PdfResponse,
      },
    },
    async (request, reply) => {
      const ctx = requireAuthed(request)
      const input = await app.clientData.withClient(ctx, target(request.params.id), (scope) => decisionPrintInput(scope, request.params.decisionId, request.query.language))
      const pdf = await renderDecision(input)
      return reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', `inline; filename="${input.language === 'sv' ? 'beslut' : 'paatos'}-${input.decision.number}.pdf"`)
        .send(pdf)
    },
  )

  app.get(
    `${CLIENT}/commitments/:commitmentId/pdf`,
    {
      config: { action: 'income-support:print' },
      schema: { tags: TAGS, summary: 'A payment commitment (maksusitoumus) as PDF for the provider', params: CommitmentParams, querystring: PdfQuery, response: PdfResponse },
    },
    async (request, reply) => {
      const ctx = requireAuthed(request)
      const input = await app.clientData.withClient(ctx, target(request.params.id), (scope) =>
        commitmentPrintInput(scope, request.params.commitmentId, request.query.language, new Date()),
      )
      const pdf = await renderCommitment(input)
      return reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', `inline; filename="${input.language === 'sv' ? 'betalningsforbindelse' : 'maksusitoumus'}-${input.commitment.number}.pdf"`)
        .send(pdf)
    },
  )
}

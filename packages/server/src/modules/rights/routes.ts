import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { rightsEndpoints as ep, type IDENTITY_CHECKS as C_CHECKS, type REFUSAL_GROUNDS as C_GROUNDS, type RIGHTS_REQUEST_KINDS as C_KINDS } from '@huoma/contract'
import type { IDENTITY_CHECKS, REFUSAL_GROUNDS, RIGHTS_REQUEST_KINDS } from '@huoma/domain'
import type { FastifyReply } from 'fastify'
import { requireAuthed, type AuthedContext } from '../../access/context'
import { endpoint } from '../../http/endpoint'
import { buildCopy } from './copy-builder'
import { refusalCertificatePdf, renderCopyPdf, rightsDecisionPdf } from './print'
import {
  decideRequest,
  extendRequest,
  liftRestriction,
  listRequests,
  listRestrictions,
  readRequest,
  registerRequest,
  withdrawRequest,
} from './repository'

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never
// the contract's code lists are the domain's
const sameLists: [Same<(typeof C_KINDS)[number], (typeof RIGHTS_REQUEST_KINDS)[number]>, Same<(typeof C_GROUNDS)[number], (typeof REFUSAL_GROUNDS)[number]>, Same<(typeof C_CHECKS)[number], (typeof IDENTITY_CHECKS)[number]>] = [true, true, true]
void sameLists

/**
 * The client's requests about their data over HTTP. The officer reaches the client by the request, so every route is
 * role-scoped through the chokepoint's role event: the work runs in one transaction and its audit row names the
 * client (and the guardian or representative who asked).
 */
export const rightsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const today = () => app.clock.today()
  const actor = (ctx: AuthedContext) => ({ userId: ctx.principal.userId, today: today() })

  /** A change to one request, answered by the request as it now is, read in the same transaction. */
  const change = (ctx: AuthedContext, requestId: string, work: (trx: Parameters<Parameters<typeof app.clientData.roleEvent>[1]>[0]) => Promise<string[]>) =>
    app.clientData.roleEvent(ctx, async (trx) => {
      const clientIds = await work(trx)
      return { value: await readRequest(trx, requestId, today()), clientIds, refId: requestId }
    })

  app.route({
    ...endpoint(ep['rights.list']),
    handler: async (request) => {
      const ctx = requireAuthed(request)
      return app.clientData.roleEvent(ctx, async (trx) => {
        const requests = await listRequests(trx, { state: request.query.state ?? 'open', personId: request.query.personId }, today())
        return { value: { requests }, clientIds: requests.flatMap((r) => [r.person.id, ...(r.requester ? [r.requester.id] : [])]) }
      })
    },
  })

  app.route({
    ...endpoint(ep['rights.register']),
    handler: async (request, reply) => {
      const ctx = requireAuthed(request)
      const out = await app.clientData.roleEvent(ctx, async (trx) => {
        const { id, personIds } = await registerRequest(trx, request.body, actor(ctx))
        return { value: await readRequest(trx, id, today()), clientIds: personIds, refId: id }
      })
      return reply.status(201).send(out)
    },
  })

  app.route({
    ...endpoint(ep['rights.read']),
    handler: async (request) => {
      const ctx = requireAuthed(request)
      return app.clientData.roleEvent(ctx, async (trx) => {
        const r = await readRequest(trx, request.params.requestId, today())
        return { value: r, clientIds: [r.person.id, ...(r.requester ? [r.requester.id] : [])], refId: r.id }
      })
    },
  })

  app.route({
    ...endpoint(ep['rights.extend']),
    handler: async (request) => {
      const ctx = requireAuthed(request)
      return change(ctx, request.params.requestId, (trx) => extendRequest(trx, request.params.requestId, request.body, actor(ctx)))
    },
  })

  app.route({
    ...endpoint(ep['rights.withdraw']),
    handler: async (request) => {
      const ctx = requireAuthed(request)
      return change(ctx, request.params.requestId, (trx) => withdrawRequest(trx, request.params.requestId, request.body, actor(ctx)))
    },
  })

  app.route({
    ...endpoint(ep['rights.decide']),
    handler: async (request) => {
      const ctx = requireAuthed(request)
      // the decision is the officer's unit's
      const unitId = ctx.grants[0]?.unitId
      return change(ctx, request.params.requestId, (trx) => decideRequest(trx, request.params.requestId, request.body, { ...actor(ctx), unitId }))
    },
  })

  const pdfReply = (kind: 'decision' | 'certificate') => async (request: { params: { requestId: string } } & Parameters<typeof requireAuthed>[0], reply: FastifyReply) => {
    const ctx = requireAuthed(request)
    const out = await app.clientData.roleEvent(ctx, async (trx) => {
      const r = await readRequest(trx, request.params.requestId, today())
      const printed = kind === 'decision' ? await rightsDecisionPdf(trx, r.id) : await refusalCertificatePdf(trx, r.id)
      return { value: printed, clientIds: [r.person.id, ...(r.requester ? [r.requester.id] : [])], refId: r.id }
    })
    const name = kind === 'decision' ? 'tietosuojapaatos' : 'kieltaytymistodistus'
    return reply.header('content-type', 'application/pdf').header('content-disposition', `inline; filename="${name}-${out.number}.pdf"`).send(out.pdf)
  }

  app.route({ ...endpoint(ep['rights.decisionPdf']), handler: pdfReply('decision') })
  app.route({ ...endpoint(ep['rights.refusalCertificate']), handler: pdfReply('certificate') })

  app.route({
    ...endpoint(ep['rights.copy']),
    handler: async (request) => {
      const ctx = requireAuthed(request)
      const out = await app.clientData.roleEvent(ctx, async (trx) => {
        const { input, personIds } = await buildCopy(trx, app.clientCopyTables, request.params.requestId, app.clock.now())
        return { value: input.copy, clientIds: personIds, refId: request.params.requestId }
      })
      return out
    },
  })

  app.route({
    ...endpoint(ep['rights.copyPdf']),
    handler: async (request, reply) => {
      const ctx = requireAuthed(request)
      const out = await app.clientData.roleEvent(ctx, async (trx) => {
        const { input, personIds } = await buildCopy(trx, app.clientCopyTables, request.params.requestId, app.clock.now())
        return { value: input, clientIds: personIds, refId: request.params.requestId }
      })
      // laid out after the commit, so the embedded database's one connection is not held meanwhile
      const pdf = await renderCopyPdf(out)
      return reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', `attachment; filename="asiakastiedot-${out.copy.request.number}.pdf"`)
        .send(pdf)
    },
  })

  app.route({
    ...endpoint(ep['rights.restrictions']),
    handler: async (request) => {
      const ctx = requireAuthed(request)
      return app.clientData.roleEvent(ctx, async (trx) => ({ value: { restrictions: await listRestrictions(trx, request.query.personId) }, clientIds: [request.query.personId] }))
    },
  })

  app.route({
    ...endpoint(ep['rights.liftRestriction']),
    handler: async (request) => {
      const ctx = requireAuthed(request)
      return app.clientData.roleEvent(ctx, async (trx) => {
        const personId = await liftRestriction(trx, request.params.restrictionId, request.body, actor(ctx))
        return { value: { restrictions: await listRestrictions(trx, personId) }, clientIds: [personId], refId: request.params.restrictionId }
      })
    },
  })
}

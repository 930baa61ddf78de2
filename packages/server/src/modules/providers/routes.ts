import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { providersEndpoints as ep } from '@huoma/contract'
import { appendAudit } from '../../access/audit'
import { actorAudit } from '../../access/actor-audit'
import { requireAuthed } from '../../access/context'
import { endpoint } from '../../http/endpoint'
import { providerEvents } from './events'
import { createProvider, listProviders, providerDb, readProvider, updateProvider } from './queries'

/** Palveluntuottajarekisteri: finance keeps the register of service providers; case workers choose from it. */
export const providerRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const db = () => providerDb(app)

  app.route({
    ...endpoint(ep['providers.list']),
    handler: async (request) => listProviders(db(), request.query, app.clock.today()),
  })

  app.route({
    ...endpoint(ep['providers.read']),
    handler: async (request) => readProvider(db(), request.params.providerId, app.clock.today()),
  })

  app.route({
    ...endpoint(ep['providers.create']),
    handler: async (request, reply) => {
      const ctx = requireAuthed(request)
      const provider = await db()
        .transaction()
        .execute(async (trx) => {
          const p = await createProvider(trx, request.body, ctx.principal.userId, app.clock.today())
          await appendAudit(trx, actorAudit(ctx, { event: providerEvents.created, refId: p.id }))
          return p
        })
      return reply.status(201).send(provider)
    },
  })

  app.route({
    ...endpoint(ep['providers.update']),
    handler: async (request) => {
      const ctx = requireAuthed(request)
      return db()
        .transaction()
        .execute(async (trx) => {
          const p = await updateProvider(trx, request.params.providerId, request.body, ctx.principal.userId, app.clock.today())
          await appendAudit(trx, actorAudit(ctx, { event: providerEvents.updated, refId: p.id }))
          return p
        })
    },
  })
}

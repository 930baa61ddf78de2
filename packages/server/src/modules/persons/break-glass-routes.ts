import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { personsEndpoints as ep } from '@huoma/contract'
import { requireAuthed } from '../../access/context'
import { endpoint } from '../../http/endpoint'
import { requestLanguage } from '../../http/language'
import { breakGlassServiceTasks, breakTheGlass } from './break-glass'

/** Break the glass (murra lasi): the rules, the access row and its audit row are in break-glass.ts. */
export const breakGlassRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.route({
    ...endpoint(ep['persons.breakGlassServiceTasks']),
    handler: async (request) => {
      const ctx = requireAuthed(request)
      const lang = requestLanguage(request)
      const rows = await breakGlassServiceTasks(app.database, ctx.principal)
      return {
        serviceTasks: rows.map((r) => ({ code: r.code, name: lang === 'sv' ? r.name_sv : lang === 'en' ? r.name_en : r.name_fi })),
        hours: app.config.security.breakGlassHours,
      }
    },
  })

  app.route({
    ...endpoint(ep['persons.breakGlass']),
    handler: async (request, reply) => {
      const ctx = requireAuthed(request)
      const access = await breakTheGlass(app.database, ctx, request.params.id, request.body, app.config.security.breakGlassHours)
      return reply.status(201).send(access)
    },
  })
}

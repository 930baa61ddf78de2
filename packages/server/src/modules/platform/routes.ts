import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { platformEndpoints as ep } from '@huoma/contract'
import { requireAuthed } from '../../access/context'
import { endpoint } from '../../http/endpoint'
import { requestLanguage } from '../../http/language'
import { activeUnits, latestMigration, platformDb } from './queries'

export const healthRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const db = platformDb(app)

  app.route({
    ...endpoint(ep['platform.health']),
    handler: async () => ({ status: 'ok' as const, database: app.database.kind, migration: (await latestMigration(db)) ?? 'none' }),
  })

  app.route({
    ...endpoint(ep['platform.units']),
    handler: async (request) => {
      const ctx = requireAuthed(request)
      const lang = requestLanguage(request)
      const rows = await activeUnits(db)
      return {
        units: rows.map((u) => {
          const grants = ctx.principal.grants.filter((g) => g.unitId === u.id)
          return {
            id: u.id,
            code: u.code,
            name: lang === 'sv' ? u.name_sv : u.name_fi,
            mine: grants.length > 0,
            myServiceTasks: [...new Set(grants.flatMap((g) => g.serviceTasks))],
          }
        }),
      }
    },
  })
}

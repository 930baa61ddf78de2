import { platformEndpoints as ep } from '@huoma/contract'
import { endpoint } from '../../http/endpoint'
import { requireAuthed } from '../../access/context'
import { requestLanguage } from '../../http/language'
import { sql } from 'kysely'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'

export const healthRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.route({
    ...endpoint(ep['platform.health']),
    handler: async () => {
      const db = app.database.db // eslint-disable-line no-restricted-syntax -- the migration table only, no client data
      const { rows } = await sql<{ name: string }>`SELECT name FROM kysely_migration ORDER BY name DESC LIMIT 1`.execute(db)
      return { status: 'ok' as const, database: app.database.kind, migration: rows[0]?.name ?? 'none' }
    },
  })

  app.route({
    ...endpoint(ep['platform.units']),
    handler: async (request) => {
      const ctx = requireAuthed(request)
      const lang = requestLanguage(request)
      const db = app.database.db // eslint-disable-line no-restricted-syntax -- units are the organisation's structure, no client data
      const rows = await db.selectFrom('unit').select(['id', 'code', 'name_fi', 'name_sv']).where('active', '=', true).orderBy('code').execute()
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

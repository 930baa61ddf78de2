import { Health, UnitList } from '@huoma/contract'
import { requireAuthed } from '../../access/context'
import { requestLanguage } from '../../http/language'
import { sql } from 'kysely'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'

export const healthRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/health',
    { config: { action: 'platform:health' }, schema: { tags: ['platform'], summary: 'Liveness and database status', response: { 200: Health } } },
    async () => {
      const db = app.database.db // eslint-disable-line no-restricted-syntax -- the migration table only, no client data
      const { rows } = await sql<{ name: string }>`SELECT name FROM kysely_migration ORDER BY name DESC LIMIT 1`.execute(db)
      return { status: 'ok' as const, database: app.database.kind, migration: rows[0]?.name ?? 'none' }
    },
  )

  app.get(
    '/api/units',
    {
      config: { action: 'platform:units' },
      schema: { tags: ['platform'], summary: 'The organisation\'s active units, with the user\'s own marked (no client data)', response: { 200: UnitList } },
    },
    async (request) => {
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
  )
}

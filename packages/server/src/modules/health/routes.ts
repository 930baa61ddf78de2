import { Health } from '@huoma/contract'
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
}

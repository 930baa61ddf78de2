import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { archiveEndpoints as ep } from '@huoma/contract'
import type { Kysely } from 'kysely'
import { requireAuthed } from '../../access/context'
import type { Database } from '../../db/database'
import type { DB } from '../../db/schema'
import { endpoint } from '../../http/endpoint'
import { problems } from '../../http/problem'
import { recomputeStale } from '../retention'
import { listCandidates, listPackages, makePackage, packageContent } from './package'

/**
 * The handle for the archive's own bookkeeping: the list of packages (counts and checksums, no client data), and
 * bringing stale retention up to date before the registers ready are picked (many transactions, each its own).
 */
// eslint-disable-next-line no-restricted-syntax -- package counts and retention recomputation hold no client data
const archiveDb = (app: { database: Database }): Kysely<DB> => app.database.db

/** Archive packages over HTTP: the registers ready, making a package, the packages and their zips. */
export const archiveRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const today = () => app.clock.today()

  app.route({
    ...endpoint(ep['archive.candidates']),
    handler: async (request) => {
      const ctx = requireAuthed(request)
      await recomputeStale(archiveDb(app), today())
      return app.clientData.roleEvent(ctx, async (trx) => {
        const out = await listCandidates(trx, today(), request.query.register)
        return { value: out, clientIds: [...new Set(out.candidates.map((c) => c.personId))] }
      })
    },
  })

  app.route({
    ...endpoint(ep['archive.packages']),
    handler: async () => ({ packages: await listPackages(archiveDb(app)) }),
  })

  app.route({
    ...endpoint(ep['archive.create']),
    handler: async (request, reply) => {
      const ctx = requireAuthed(request)
      await recomputeStale(archiveDb(app), today())
      const made = await app.clientData.roleEvent(ctx, async (trx) => {
        const out = await makePackage(trx, app.clientCopyTables, {
          today: today(),
          now: app.clock.now(),
          userId: ctx.principal.userId,
          attachmentFolder: app.config.attachments.folder,
          ...(request.body.register ? { register: request.body.register } : {}),
          ...(request.body.personIds ? { personIds: request.body.personIds } : {}),
        })
        if (!out) return { value: null, clientIds: [] }
        return { value: out.summary, clientIds: out.clientIds, refId: out.summary.id }
      })
      if (!made) return reply.status(204).send(null)
      return reply.status(201).send(made)
    },
  })

  app.route({
    ...endpoint(ep['archive.download']),
    handler: async (request, reply) => {
      const ctx = requireAuthed(request)
      const out = await app.clientData.roleEvent(ctx, async (trx) => {
        const p = await packageContent(trx, request.params.packageId)
        if (!p) throw problems.notFound()
        return { value: p, clientIds: p.clientIds, refId: request.params.packageId }
      })
      return reply
        .header('content-type', 'application/zip')
        .header('content-disposition', `attachment; filename="arkistopaketti-${out.number}.zip"`)
        .send(Buffer.from(out.zip))
    },
  })
}

import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { journalEndpoints as ep } from '@huoma/contract'
import type { ClientScope } from '../../access/client-access'
import { requireAuthed, type AuthedContext } from '../../access/context'
import { endpoint } from '../../http/endpoint'
import { renderJournal } from './pdf'
import { correctEntry, createDraft, deleteDraft, listEntries, printInput, readEntry, signDraft, updateDraft, type JournalTarget } from './repository'

/**
 * Journal (asiakaskertomus) routes. Every one goes through the client-data chokepoint with the journal's service
 * task: access is decided for that task only (a relationship in adult social work does not open child welfare
 * entries), and the audit row's data group is `<service task>/entry`.
 */
export const journalRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const withJournal = <T>(ctx: AuthedContext, params: { id: string; serviceTask: string }, work: (t: JournalTarget) => Promise<T>) =>
    app.clientData.withClient(ctx, { personId: params.id, serviceTask: params.serviceTask }, (scope: ClientScope) =>
      work({ scope, serviceTask: params.serviceTask, userId: ctx.principal.userId }),
    )

  app.route({
    ...endpoint(ep['journal.list']),
    handler: async (request) => {
      const ctx = requireAuthed(request)
      return withJournal(ctx, request.params, (t) => listEntries(t, { limit: request.query.limit ?? 20, cursor: request.query.cursor }))
    },
  })

  app.route({
    ...endpoint(ep['journal.read']),
    handler: async (request) => {
      const ctx = requireAuthed(request)
      return withJournal(ctx, request.params, (t) => readEntry(t, request.params.entryId))
    },
  })

  app.route({
    ...endpoint(ep['journal.createDraft']),
    handler: async (request, reply) => {
      const ctx = requireAuthed(request)
      const entry = await withJournal(ctx, request.params, (t) => createDraft(t, request.body, app.clock.now()))
      return reply.status(201).send(entry)
    },
  })

  app.route({
    ...endpoint(ep['journal.updateDraft']),
    handler: async (request) => {
      const ctx = requireAuthed(request)
      return withJournal(ctx, request.params, (t) => updateDraft(t, request.params.entryId, request.body, app.clock.now()))
    },
  })

  app.route({
    ...endpoint(ep['journal.deleteDraft']),
    handler: async (request, reply) => {
      const ctx = requireAuthed(request)
      await withJournal(ctx, request.params, (t) => deleteDraft(t, request.params.entryId))
      return reply.status(204).send(null)
    },
  })

  app.route({
    ...endpoint(ep['journal.sign']),
    handler: async (request) => {
      const ctx = requireAuthed(request)
      return withJournal(ctx, request.params, (t) => signDraft(t, request.params.entryId, request.body.version))
    },
  })

  app.route({
    ...endpoint(ep['journal.correct']),
    handler: async (request, reply) => {
      const ctx = requireAuthed(request)
      const entry = await withJournal(ctx, request.params, (t) => correctEntry(t, request.params.entryId, request.body, app.clock.now()))
      return reply.status(201).send(entry)
    },
  })

  app.route({
    ...endpoint(ep['journal.print']),
    handler: async (request, reply) => {
      const ctx = requireAuthed(request)
      const now = app.clock.now()
      const lang = request.query.lang ?? 'fi'
      const input = await withJournal(ctx, request.params, (t) => printInput(t, lang, request.query.entryId, ctx.principal.displayName, now))
      // Rendered after the commit, so the single embedded connection is not held while the PDF is laid out.
      const pdf = await renderJournal(input)
      const name = lang === 'sv' ? 'klientberattelse' : 'asiakaskertomus'
      return reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', `inline; filename="${name}-${app.clock.today()}.pdf"`)
        .header('cache-control', 'no-store')
        .send(pdf)
    },
  })
}

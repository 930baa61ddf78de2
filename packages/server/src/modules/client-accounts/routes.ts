import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { clientAccountsEndpoints as ep, type Reconciliation } from '@huoma/contract'
import type { FastifyRequest } from 'fastify'
import { requireAuthed, type AuthedContext } from '../../access/context'
import { endpoint } from '../../http/endpoint'
import { requestLanguage } from '../../http/language'
import { renderStatement } from './pdf'
import {
  accountDetail,
  listAccounts,
  openAccount,
  reconcile,
  reconciliationView,
  recordEntry,
  reverseEntry,
  statementInput,
  updateAccount,
  type Actor,
} from './repository'

/**
 * Clients' intermediary accounts (välitystili) and after-care funds (itsenäistymisvarat): everything about one
 * client's accounts goes through the client chokepoint in the account's service task (named in the URL, so access is
 * decided before any account is read); finance's monthly reconciliation goes through the list chokepoint.
 */
export const clientAccountRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const actor = (ctx: AuthedContext, request: FastifyRequest, serviceTask: string): Actor => ({
    userId: ctx.principal.userId,
    lang: requestLanguage(request),
    today: app.clock.today(),
    units: [...new Set(ctx.grants.filter((g) => g.serviceTasks.includes(serviceTask)).map((g) => g.unitId))],
  })
  const target = (p: { id: string; serviceTask: string }) => ({ personId: p.id, serviceTask: p.serviceTask })

  app.route({
    ...endpoint(ep['clientAccounts.list']),
    handler: async (request) => {
      const ctx = requireAuthed(request)
      const accounts = await app.clientData.withClient(ctx, target(request.params), (scope) => listAccounts(scope, request.params.serviceTask))
      return { accounts }
    },
  })

  app.route({
    ...endpoint(ep['clientAccounts.open']),
    handler: async (request, reply) => {
      const ctx = requireAuthed(request)
      const a = actor(ctx, request, request.params.serviceTask)
      const out = await app.clientData.withClient(ctx, target(request.params), (scope) => openAccount(scope, request.params.serviceTask, request.body, a))
      return reply.status(201).send(out)
    },
  })

  app.route({
    ...endpoint(ep['clientAccounts.read']),
    handler: async (request) => {
      const ctx = requireAuthed(request)
      const on = request.query.on ?? app.clock.today()
      return app.clientData.withClient(ctx, target(request.params), (scope) => accountDetail(scope, request.params.serviceTask, request.params.accountId, on))
    },
  })

  app.route({
    ...endpoint(ep['clientAccounts.update']),
    handler: async (request) => {
      const ctx = requireAuthed(request)
      const a = actor(ctx, request, request.params.serviceTask)
      return app.clientData.withClient(ctx, target(request.params), (scope) => updateAccount(scope, request.params.serviceTask, request.params.accountId, request.body, a))
    },
  })

  app.route({
    ...endpoint(ep['clientAccounts.record']),
    handler: async (request, reply) => {
      const ctx = requireAuthed(request)
      const a = actor(ctx, request, request.params.serviceTask)
      const r = await app.clientData.withClient(ctx, target(request.params), (scope) => recordEntry(scope, request.params.serviceTask, request.params.accountId, request.body, a))
      return reply.status(r.created ? 201 : 200).send(r.entry)
    },
  })

  app.route({
    ...endpoint(ep['clientAccounts.reverse']),
    handler: async (request, reply) => {
      const ctx = requireAuthed(request)
      const a = actor(ctx, request, request.params.serviceTask)
      const out = await app.clientData.withClient(ctx, target(request.params), (scope) =>
        reverseEntry(scope, request.params.serviceTask, request.params.accountId, request.params.entryId, request.body.description, a),
      )
      return reply.status(201).send(out)
    },
  })

  app.route({
    ...endpoint(ep['clientAccounts.statement']),
    handler: async (request, reply) => {
      const ctx = requireAuthed(request)
      const today = app.clock.today()
      const { from, to, language } = request.query
      const input = await app.clientData.withClient(ctx, target(request.params), (scope) =>
        statementInput(scope, request.params.serviceTask, request.params.accountId, from, to, language ?? 'fi', today),
      )
      const pdf = await renderStatement(input)
      return reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', `inline; filename="${input.language === 'sv' ? 'kontoutdrag' : 'tiliote'}-${input.account.number}-${to}.pdf"`)
        .send(pdf)
    },
  })

  // ---- finance: monthly reconciliation of the collective client-funds account -----------------------------------

  app.route({
    ...endpoint(ep['clientAccounts.reconciliation']),
    handler: async (request) => {
      const ctx = requireAuthed(request)
      let out: Reconciliation | undefined
      // finance reconciles the one collective bank account: every client account counts, whatever its service task,
      // so the visibility filter of case work does not apply; every client listed is in the audit row
      await app.clientData.list(ctx, {}, async (trx) => {
        const r = await reconciliationView(trx, request.query.month)
        out = r.view
        return r.personIds.map((id) => ({ id }))
      })
      return out!
    },
  })

  app.route({
    ...endpoint(ep['clientAccounts.reconcile']),
    handler: async (request, reply) => {
      const ctx = requireAuthed(request)
      let out: Reconciliation | undefined
      await app.clientData.list(ctx, {}, async (trx) => {
        const r = await reconcile(trx, request.body, { userId: ctx.principal.userId, today: app.clock.today() })
        out = r.view
        return r.personIds.map((id) => ({ id }))
      })
      return reply.status(201).send(out!)
    },
  })
}

import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import {
  ClientAccountDetail,
  ClientAccountEntry,
  ClientAccountEntryInput,
  ClientAccountEntryParams,
  ClientAccountList,
  ClientAccountOpen,
  ClientAccountParams,
  ClientAccountQuery,
  ClientAccountSummary,
  ClientAccountTaskParams,
  ClientAccountUpdate,
  Reconciliation,
  ReconciliationInput,
  ReconciliationQuery,
  ReversalInput,
  StatementQuery,
} from '@huoma/contract'
import { todayInHelsinki } from '@huoma/domain'
import { Type } from 'typebox'
import { requireAuthed, type AuthedContext } from '../../access/context'
import type { FastifyRequest } from 'fastify'
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

const TAGS = ['client-accounts']
const BASE = '/api/persons/:id/client-accounts/:serviceTask'
const ACCOUNT = `${BASE}/:accountId`

const PdfResponse = { 200: Type.Unsafe<Buffer>({ type: 'string', format: 'binary', description: 'application/pdf' }) }

/**
 * Clients' intermediary accounts (välitystili) and after-care funds (itsenäistymisvarat): everything about one
 * client's accounts goes through the client chokepoint in the account's service task (named in the URL, so access is
 * decided before any account is read); finance's monthly reconciliation goes through the list chokepoint.
 */
export const clientAccountRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const actor = (ctx: AuthedContext, request: FastifyRequest, serviceTask: string): Actor => ({
    userId: ctx.principal.userId,
    lang: requestLanguage(request),
    today: todayInHelsinki(new Date()),
    units: [...new Set(ctx.grants.filter((g) => g.serviceTasks.includes(serviceTask)).map((g) => g.unitId))],
  })
  const target = (p: { id: string; serviceTask: string }) => ({ personId: p.id, serviceTask: p.serviceTask })

  app.get(
    BASE,
    {
      config: { action: 'client-accounts:read' },
      schema: { tags: TAGS, summary: 'The client\'s accounts in the service task with their balances', params: ClientAccountTaskParams, response: { 200: ClientAccountList } },
    },
    async (request) => {
      const ctx = requireAuthed(request)
      const accounts = await app.clientData.withClient(ctx, target(request.params), (scope) => listAccounts(scope, request.params.serviceTask))
      return { accounts }
    },
  )

  app.post(
    BASE,
    {
      config: { action: 'client-accounts:open' },
      schema: {
        tags: TAGS,
        summary: 'Open an intermediary account or an after-care fund (gets its own Finnish reference for incoming payments)',
        params: ClientAccountTaskParams,
        body: ClientAccountOpen,
        response: { 201: ClientAccountSummary },
      },
    },
    async (request, reply) => {
      const ctx = requireAuthed(request)
      const a = actor(ctx, request, request.params.serviceTask)
      const out = await app.clientData.withClient(ctx, target(request.params), (scope) => openAccount(scope, request.params.serviceTask, request.body, a))
      return reply.status(201).send(out)
    },
  )

  app.get(
    ACCOUNT,
    {
      config: { action: 'client-accounts:read' },
      schema: {
        tags: TAGS,
        summary: 'An account with every entry (running balance) and its balance at a date (default today)',
        params: ClientAccountParams,
        querystring: ClientAccountQuery,
        response: { 200: ClientAccountDetail },
      },
    },
    async (request) => {
      const ctx = requireAuthed(request)
      const on = request.query.on ?? todayInHelsinki(new Date())
      return app.clientData.withClient(ctx, target(request.params), (scope) => accountDetail(scope, request.params.serviceTask, request.params.accountId, on))
    },
  )

  app.put(
    ACCOUNT,
    {
      config: { action: 'client-accounts:edit' },
      schema: {
        tags: TAGS,
        summary: 'Change the responsible worker or close the account (only with a zero balance); optimistic locking with version',
        params: ClientAccountParams,
        body: ClientAccountUpdate,
        response: { 200: ClientAccountSummary },
      },
    },
    async (request) => {
      const ctx = requireAuthed(request)
      const a = actor(ctx, request, request.params.serviceTask)
      return app.clientData.withClient(ctx, target(request.params), (scope) => updateAccount(scope, request.params.serviceTask, request.params.accountId, request.body, a))
    },
  )

  app.post(
    `${ACCOUNT}/entries`,
    {
      config: { action: 'client-accounts:record' },
      schema: {
        tags: TAGS,
        summary:
          'Record a deposit (idempotent on the bank\'s archive reference), a bill or a payout (a payable for the payment batches; never beyond the balance), interest or an adjustment',
        params: ClientAccountParams,
        body: ClientAccountEntryInput,
        response: { 200: ClientAccountEntry, 201: ClientAccountEntry },
      },
    },
    async (request, reply) => {
      const ctx = requireAuthed(request)
      const a = actor(ctx, request, request.params.serviceTask)
      const r = await app.clientData.withClient(ctx, target(request.params), (scope) => recordEntry(scope, request.params.serviceTask, request.params.accountId, request.body, a))
      return reply.status(r.created ? 201 : 200).send(r.entry)
    },
  )

  app.post(
    `${ACCOUNT}/entries/:entryId/reverse`,
    {
      config: { action: 'client-accounts:record' },
      schema: {
        tags: TAGS,
        summary: 'Correct an entry with a reversing entry dated today (an unpaid bill\'s payable is cancelled with it)',
        params: ClientAccountEntryParams,
        body: ReversalInput,
        response: { 201: ClientAccountEntry },
      },
    },
    async (request, reply) => {
      const ctx = requireAuthed(request)
      const a = actor(ctx, request, request.params.serviceTask)
      const out = await app.clientData.withClient(ctx, target(request.params), (scope) =>
        reverseEntry(scope, request.params.serviceTask, request.params.accountId, request.params.entryId, request.body.description, a),
      )
      return reply.status(201).send(out)
    },
  )

  app.get(
    `${ACCOUNT}/statement`,
    {
      config: { action: 'client-accounts:print' },
      schema: {
        tags: TAGS,
        summary: 'The account statement for a period as PDF (Finnish or Swedish): opening balance, entries, closing balance',
        params: ClientAccountParams,
        querystring: StatementQuery,
        response: PdfResponse,
      },
    },
    async (request, reply) => {
      const ctx = requireAuthed(request)
      const today = todayInHelsinki(new Date())
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
  )

  // ---- finance: monthly reconciliation of the collective client-funds account -----------------------------------

  app.get(
    '/api/client-accounts/reconciliation',
    {
      config: { action: 'client-accounts:reconcile' },
      schema: {
        tags: TAGS,
        summary: 'Every client account\'s balance at the end of a month, the ledger total and the month\'s reconciliations',
        querystring: ReconciliationQuery,
        response: { 200: Reconciliation },
      },
    },
    async (request) => {
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
  )

  app.post(
    '/api/client-accounts/reconciliation',
    {
      config: { action: 'client-accounts:reconcile' },
      schema: {
        tags: TAGS,
        summary: 'Record the bank balance of the collective client-funds account at month end; a difference of 0 closes the month',
        body: ReconciliationInput,
        response: { 201: Reconciliation },
      },
    },
    async (request, reply) => {
      const ctx = requireAuthed(request)
      let out: Reconciliation | undefined
      await app.clientData.list(ctx, {}, async (trx) => {
        const r = await reconcile(trx, request.body, { userId: ctx.principal.userId, today: todayInHelsinki(new Date()) })
        out = r.view
        return r.personIds.map((id) => ({ id }))
      })
      return reply.status(201).send(out!)
    },
  )
}

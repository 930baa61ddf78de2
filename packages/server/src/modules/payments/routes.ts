import type { IncomingMessage } from 'node:http'
import { Readable } from 'node:stream'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import {
  AccountingExport,
  AccountingQuery,
  BankImportResult,
  BatchCreate,
  BatchListQuery,
  BatchParams,
  BatchVersionBody,
  Pain001Query,
  PaymentBatch,
  PaymentBatchList,
  PaymentPreview,
  PaymentSelection,
  ReturnedPayments,
  ReturnedQuery,
} from '@huoma/contract'
import type { FastifyRequest } from 'fastify'
import { sql, type SqlBool } from 'kysely'
import { Type } from 'typebox'
import { asAction, requireAuthed } from '../../access/context'
import { accountingCsv, accountingEntries, returnedPayments } from './accounting'
import { approveBatch, cancelBatch, createBatch, listBatches, readBatch, refuse, selectOpen } from './batches'
import { importCamt054, importPain002 } from './feedback'
import { prepareFile, streamFile } from './file'
import { isSpooled, spool } from './spool'

const TAGS = ['payments']
const BASE = '/api/payments'
/** Bank files can be large: a camt.054 of 100 000 entries is tens of megabytes. */
const IMPORT_LIMIT = 256 * 1024 * 1024

/**
 * Documents the body (the XML file as it is). The routes validate nothing against it: the body arrives as a file
 * spooled to disk (see the content-type parser below), not as a string.
 */
const XmlBody = Type.Unsafe<string>({ type: 'string', description: 'the bank file (application/xml or text/xml)' })

/**
 * Payments: finance batches open payables, a second person approves, the pain.001 streams out, the bank's feedback
 * comes back in. Every read or change that names clients goes through the role-event chokepoint (audited with the
 * clients' ids); the returned-payments list for handlers goes through the list chokepoint (filtered in SQL).
 */
export const paymentRoutes: FastifyPluginAsyncTypebox = async (app) => {
  // Bank files are posted as they are. The body is streamed to a private temporary file (hashed and size-checked on
  // the way) instead of into memory; the import then streams it from disk through the XML reader. The file is
  // removed when the response is sent or the request is aborted.
  app.addContentTypeParser(['application/xml', 'text/xml'], async (request: FastifyRequest, payload: IncomingMessage) => {
    const length = Number(request.headers['content-length'])
    return spool(payload, IMPORT_LIMIT, Number.isFinite(length) ? length : undefined)
  })
  const disposeBody = async (request: FastifyRequest) => {
    if (isSpooled(request.body)) await request.body.dispose()
  }
  app.addHook('onResponse', disposeBody)
  app.addHook('onRequestAbort', disposeBody)

  app.get(
    `${BASE}/preview`,
    {
      config: { action: 'payments:preview' },
      schema: { tags: TAGS, summary: 'Open payables of a due-date range and unit, with count and total', querystring: PaymentSelection, response: { 200: PaymentPreview } },
    },
    async (request) => {
      const ctx = requireAuthed(request)
      return app.clientData.roleEvent(ctx, async (trx) => {
        const payables = await selectOpen(trx, request.query, new Date())
        return {
          value: { count: payables.length, totalCents: payables.reduce((s, p) => s + p.amountCents, 0), payables },
          clientIds: [...new Set(payables.map((p) => p.personId))],
        }
      })
    },
  )

  app.post(
    `${BASE}/batches`,
    {
      config: { action: 'payments:create' },
      schema: { tags: TAGS, summary: 'Create a draft batch of the open payables of a selection', body: BatchCreate, response: { 201: PaymentBatch } },
    },
    async (request, reply) => {
      const ctx = requireAuthed(request)
      const batchId = await app.clientData.roleEvent(ctx, async (trx) => {
        const { batchId, personIds } = await createBatch(trx, ctx.principal.userId, request.body, new Date())
        return { value: batchId, clientIds: personIds, refId: batchId }
      })
      return reply.status(201).send(await readAudited(asAction(ctx, app.actions, 'payments:batch-read'), batchId))
    },
  )

  const readAudited = (ctx: ReturnType<typeof requireAuthed>, batchId: string) =>
    app.clientData.roleEvent(ctx, async (trx) => {
      const { batch, personIds } = await readBatch(trx, ctx.principal.userId, batchId)
      return { value: batch, clientIds: personIds, refId: batchId }
    })

  // eslint-disable-next-line no-restricted-syntax -- batch summaries are no client data (states, counts, totals, staff)
  const summariesDb = () => app.database.db

  app.get(
    `${BASE}/batches`,
    {
      config: { action: 'payments:batches' },
      schema: { tags: TAGS, summary: 'Payment batches, newest first (no client data)', querystring: BatchListQuery, response: { 200: PaymentBatchList } },
    },
    async (request) => {
      const ctx = requireAuthed(request)
      return { batches: await listBatches(summariesDb(), ctx.principal.userId, request.query) }
    },
  )

  app.get(
    `${BASE}/batches/:batchId`,
    {
      config: { action: 'payments:batch-read' },
      schema: { tags: TAGS, summary: 'A batch with its payments', params: BatchParams, response: { 200: PaymentBatch } },
    },
    async (request) => readAudited(requireAuthed(request), request.params.batchId),
  )

  app.post(
    `${BASE}/batches/:batchId/approve`,
    {
      config: { action: 'payments:approve' },
      schema: {
        tags: TAGS,
        summary: 'Approve a draft batch (never by its creator)',
        params: BatchParams,
        body: BatchVersionBody,
        response: { 200: PaymentBatch },
      },
    },
    async (request) => {
      const ctx = requireAuthed(request)
      await app.clientData.roleEvent(ctx, async (trx) => ({
        value: null,
        clientIds: await approveBatch(trx, ctx.principal.userId, request.params.batchId, request.body.version),
        refId: request.params.batchId,
      }))
      return readAudited(asAction(ctx, app.actions, 'payments:batch-read'), request.params.batchId)
    },
  )

  app.post(
    `${BASE}/batches/:batchId/cancel`,
    {
      config: { action: 'payments:cancel' },
      schema: { tags: TAGS, summary: 'Cancel an unsent batch (its payables return to the open list)', params: BatchParams, body: BatchVersionBody, response: { 200: PaymentBatch } },
    },
    async (request) => {
      const ctx = requireAuthed(request)
      await app.clientData.roleEvent(ctx, async (trx) => ({
        value: null,
        clientIds: await cancelBatch(trx, ctx.principal.userId, request.params.batchId, request.body.version),
        refId: request.params.batchId,
      }))
      return readAudited(asAction(ctx, app.actions, 'payments:batch-read'), request.params.batchId)
    },
  )

  // eslint-disable-next-line no-restricted-syntax -- the file's rows are paged after the audited export transaction committed
  const streamDb = () => app.database.db

  app.get(
    `${BASE}/batches/:batchId/pain001`,
    {
      config: { action: 'payments:file' },
      schema: {
        tags: TAGS,
        summary: 'The pain.001 bank file of an approved batch (the first download marks it sent; later ones are identical)',
        params: BatchParams,
        querystring: Pain001Query,
      },
    },
    async (request, reply) => {
      const ctx = requireAuthed(request)
      const file = await app.clientData.roleEvent(ctx, async (trx) => {
        const prepared = await prepareFile(trx, ctx.principal.userId, request.params.batchId, request.query.version, new Date())
        return { value: prepared, clientIds: prepared.personIds, refId: prepared.batchId }
      })
      const chunks = streamFile(streamDb(), app.config.debtor, file)
      // The first chunk is produced before the headers go out, so a file that cannot be written is still a problem answer.
      const first = await chunks.next()
      async function* rest() {
        if (!first.done) yield first.value
        for await (const c of chunks) yield c
      }
      return reply
        .header('content-type', 'application/xml; charset=utf-8')
        .header('content-disposition', `attachment; filename="pain.${file.version}-${file.msgId}.xml"`)
        .header('cache-control', 'no-store')
        .header('x-content-type-options', 'nosniff')
        .send(Readable.from(rest(), { objectMode: false }))
    },
  )

  const imports = (kind: 'pain002' | 'camt054') =>
    app.post(
      `${BASE}/imports/${kind}`,
      {
        config: { action: 'payments:import' },
        bodyLimit: IMPORT_LIMIT,
        // the body is a spooled file (XmlBody documents it); nothing to validate before the parser reads it
        validatorCompiler: () => () => true,
        schema: {
          tags: TAGS,
          summary: kind === 'pain002' ? 'Import a pain.002 status report (all or nothing)' : 'Import a camt.054 notification (all or nothing, idempotent on AcctSvcrRef)',
          body: XmlBody,
          response: { 200: BankImportResult },
        },
      },
      async (request) => {
        const ctx = requireAuthed(request)
        const body: unknown = request.body
        if (!isSpooled(body)) throw refuse(415, [{ field: 'body', code: 'pay.import.not_xml' }])
        try {
          const xml = kind === 'pain002' ? await body.text() : ''
          return await app.clientData.roleEvent(ctx, async (trx) => {
            const { result, personIds } =
              kind === 'pain002' ? await importPain002(trx, ctx.principal.userId, xml) : await importCamt054(trx, ctx.principal.userId, body, app.config.debtor.iban)
            return { value: result, clientIds: personIds, refId: result.id }
          })
        } finally {
          await body.dispose()
        }
      },
    )
  imports('pain002')
  imports('camt054')

  app.get(
    `${BASE}/returned`,
    {
      config: { action: 'payments:returned' },
      schema: { tags: TAGS, summary: 'Returned and rejected payments: of the clients the handler may see; all of them for finance', querystring: ReturnedQuery, response: { 200: ReturnedPayments } },
    },
    async (request) => {
      const ctx = requireAuthed(request)
      const includeHandled = request.query.includeHandled ?? false
      // Finance has no client relationships: it processes every payment (as in a batch's view), so it sees every
      // return, and the audit row names the clients shown. Handlers see their own clients' through the list chokepoint.
      const rows = ctx.principal.roles.includes('finance')
        ? await app.clientData.roleEvent(ctx, async (trx) => {
            const rows = await returnedPayments(trx, () => sql<SqlBool>`true`, includeHandled)
            return { value: rows, clientIds: [...new Set(rows.map((r) => r.id))] }
          })
        : await app.clientData.list(ctx, {}, (trx, isVisible) => returnedPayments(trx, isVisible, includeHandled))
      return { payments: rows.map(({ id: _id, ...p }) => p) }
    },
  )

  app.get(
    `${BASE}/accounting`,
    {
      config: { action: 'payments:accounting' },
      schema: {
        tags: TAGS,
        summary: 'Accounting entries per payment, of a batch or a period (execution date), as JSON or CSV',
        querystring: AccountingQuery,
        response: { 200: AccountingExport },
      },
    },
    async (request, reply) => {
      const ctx = requireAuthed(request)
      const q = request.query
      if (!q.batchId && !(q.from && q.to)) throw refuse(400, [{ field: 'batchId', code: 'pay.accounting.choose' }])
      const entries = await app.clientData.roleEvent(ctx, async (trx) => {
        const { entries, personIds } = await accountingEntries(trx, q)
        return { value: entries, clientIds: personIds, refId: q.batchId ?? null }
      })
      if (q.format === 'csv') {
        const name = q.batchId ? `huoma-accounting-batch.csv` : `huoma-accounting-${q.from}-${q.to}.csv`
        return reply
          .header('content-type', 'text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="${name}"`)
          .header('cache-control', 'no-store')
          .send(accountingCsv(entries) as never)
      }
      return { entries, count: entries.length, totalCents: entries.reduce((s, e) => s + e.amountCents, 0) }
    },
  )
}

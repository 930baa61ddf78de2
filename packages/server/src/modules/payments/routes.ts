import type { IncomingMessage } from 'node:http'
import { Readable } from 'node:stream'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { paymentsEndpoints as ep } from '@huoma/contract'
import type { FastifyRequest } from 'fastify'
import { asAction, requireAuthed, type AuthedContext } from '../../access/context'
import { endpoint } from '../../http/endpoint'
import { accountingCsv, accountingEntries, allReturnedPayments, returnedPayments } from './accounting'
import { approveBatch, batchSummariesDb, cancelBatch, createBatch, listBatches, readBatch, refuse, selectOpen } from './batches'
import { importCamt054, importPain002 } from './feedback'
import { fileRowsDb, prepareFile, streamFile } from './file'
import { isSpooled, spool } from './spool'
import { commitmentByNumber, recordCommitmentBill } from './commitments'

/** Bank files can be large: a camt.054 of 100 000 entries is tens of megabytes. */
const IMPORT_LIMIT = 256 * 1024 * 1024

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

  /** A batch with its payments, audited as the batch read (after a change, as the action really performed). */
  const readAudited = (ctx: AuthedContext, batchId: string) =>
    app.clientData.roleEvent(ctx, async (trx) => {
      const { batch, personIds } = await readBatch(trx, ctx.principal.userId, batchId)
      return { value: batch, clientIds: personIds, refId: batchId }
    })

  app.route({
    ...endpoint(ep['payments.preview']),
    handler: async (request) => {
      const ctx = requireAuthed(request)
      return app.clientData.roleEvent(ctx, async (trx) => {
        const payables = await selectOpen(trx, request.query, app.clock.now())
        return {
          value: { count: payables.length, totalCents: payables.reduce((s, p) => s + p.amountCents, 0), payables },
          clientIds: [...new Set(payables.map((p) => p.personId))],
        }
      })
    },
  })

  app.route({
    ...endpoint(ep['payments.createBatch']),
    handler: async (request, reply) => {
      const ctx = requireAuthed(request)
      const batchId = await app.clientData.roleEvent(ctx, async (trx) => {
        const { batchId, personIds } = await createBatch(trx, ctx.principal.userId, request.body, app.clock.now())
        return { value: batchId, clientIds: personIds, refId: batchId }
      })
      return reply.status(201).send(await readAudited(asAction(ctx, app.actions, 'payments:batch-read'), batchId))
    },
  })

  app.route({
    ...endpoint(ep['payments.listBatches']),
    handler: async (request) => {
      const ctx = requireAuthed(request)
      return { batches: await listBatches(batchSummariesDb(app), ctx.principal.userId, request.query) }
    },
  })

  app.route({
    ...endpoint(ep['payments.readBatch']),
    handler: async (request) => readAudited(requireAuthed(request), request.params.batchId),
  })

  app.route({
    ...endpoint(ep['payments.approve']),
    handler: async (request) => {
      const ctx = requireAuthed(request)
      await app.clientData.roleEvent(ctx, async (trx) => ({
        value: null,
        clientIds: await approveBatch(trx, ctx.principal.userId, request.params.batchId, request.body.version),
        refId: request.params.batchId,
      }))
      return readAudited(asAction(ctx, app.actions, 'payments:batch-read'), request.params.batchId)
    },
  })

  app.route({
    ...endpoint(ep['payments.cancel']),
    handler: async (request) => {
      const ctx = requireAuthed(request)
      await app.clientData.roleEvent(ctx, async (trx) => ({
        value: null,
        clientIds: await cancelBatch(trx, ctx.principal.userId, request.params.batchId, request.body.version),
        refId: request.params.batchId,
      }))
      return readAudited(asAction(ctx, app.actions, 'payments:batch-read'), request.params.batchId)
    },
  })

  app.route({
    ...endpoint(ep['payments.file']),
    handler: async (request, reply) => {
      const ctx = requireAuthed(request)
      const file = await app.clientData.roleEvent(ctx, async (trx) => {
        const prepared = await prepareFile(trx, ctx.principal.userId, request.params.batchId, request.query.version, app.clock.now())
        return { value: prepared, clientIds: prepared.personIds, refId: prepared.batchId }
      })
      const chunks = streamFile(fileRowsDb(app), app.config.debtor, file)
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
        // a stream (the contract's FileBody types the bytes, not how they are sent): Fastify pipes it out
        .send(Readable.from(rest(), { objectMode: false }) as never)
    },
  })

  const importEndpoints = { pain002: ep['payments.importPain002'], camt054: ep['payments.importCamt054'] }
  const imports = (kind: 'pain002' | 'camt054') =>
    app.route({
      ...endpoint(importEndpoints[kind], { bodyLimit: IMPORT_LIMIT }),
      // the body is a spooled file (the contract's BankFileBody documents it); nothing to validate before the parser reads it
      validatorCompiler: () => () => true,
      handler: async (request) => {
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
    })
  imports('pain002')
  imports('camt054')

  app.route({
    ...endpoint(ep['payments.commitment']),
    handler: async (request) => {
      const ctx = requireAuthed(request)
      return app.clientData.roleEvent(ctx, async (trx) => {
        const { value, clientId } = await commitmentByNumber(trx, request.params.number)
        return { value, clientIds: [clientId], refId: value.id }
      })
    },
  })

  app.route({
    ...endpoint(ep['payments.billCommitment']),
    handler: async (request, reply) => {
      const ctx = requireAuthed(request)
      const result = await app.clientData.roleEvent(ctx, async (trx) => {
        const r = await recordCommitmentBill(trx, request.params.commitmentId, request.body, ctx.principal.userId, app.clock.today())
        return { value: { payableId: r.payableId, leftCents: r.leftCents }, clientIds: [r.personId], refId: r.payableId }
      })
      return reply.status(201).send(result)
    },
  })

  app.route({
    ...endpoint(ep['payments.returned']),
    handler: async (request) => {
      const ctx = requireAuthed(request)
      const includeHandled = request.query.includeHandled ?? false
      // Finance has no client relationships: it processes every payment (as in a batch's view), so it sees every
      // return, and the audit row names the clients shown. Handlers see their own clients' through the list chokepoint.
      const rows = ctx.principal.roles.includes('finance')
        ? await app.clientData.roleEvent(ctx, async (trx) => {
            const rows = await allReturnedPayments(trx, includeHandled)
            return { value: rows, clientIds: [...new Set(rows.map((r) => r.id))] }
          })
        : await app.clientData.list(ctx, {}, (trx, isVisible) => returnedPayments(trx, isVisible, includeHandled))
      return { payments: rows.map(({ id: _id, ...p }) => p) }
    },
  })

  app.route({
    ...endpoint(ep['payments.accounting']),
    handler: async (request, reply) => {
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
  })
}

import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { commitmentEndpoints as cep, noticeEndpoints as ep } from '@huoma/contract'
import { appendAudit } from '../../access/audit'
import { actorAudit } from '../../access/actor-audit'
import { loadPrincipal, requireAuthed, type AuthedContext } from '../../access/context'
import type { AuditEventType } from '../../access/audit-events'
import { endpoint } from '../../http/endpoint'
import { problems } from '../../http/problem'
import { sessionAnswer } from '../auth'
import { acceptCommitment, commitmentStatus, commitmentVersions, publishCommitment } from './commitment.queries'
import { noticeEvents } from './events'
import { listInformed, recordInformed } from './informed'
import {
  createPaperRecord,
  createRegularDisclosure,
  listNoticeVersions,
  listPaperRecords,
  listRegularDisclosures,
  noticeDb,
  readNoticeVersion,
  readSettings,
  regenerateAtStartup,
  regenerateNotice,
  updatePaperRecord,
  updateRegularDisclosure,
  updateSettings,
  type NoticeReason,
} from './queries'
import { noticeHtml, noticePdf } from './render'

/**
 * The privacy notice (public), the main user's configuration it is generated from (each change regenerates the notice
 * in the change's transaction), the record that a client was informed (through the client chokepoint) and the user
 * commitment.
 */
export const noticeRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const db = () => noticeDb(app)
  /** The PDF of the version in force, per language (the public page's link): rendered once, not per request. */
  const pdfCache = new Map<string, Buffer>()

  // a version for the configuration and texts as they are when the server starts
  app.addHook('onReady', async () => {
    const { number, created } = await regenerateAtStartup(db())
    if (created) app.log.info({ version: number }, 'privacy notice: new version generated')
  })

  /** A configuration change, its audit row and the notice's regeneration in one transaction. */
  const configure = <T>(ctx: AuthedContext, event: AuditEventType, reason: NoticeReason, work: (trx: Parameters<typeof regenerateNotice>[0]) => Promise<T>, refOf: (out: T) => string) =>
    db()
      .transaction()
      .execute(async (trx) => {
        const out = await work(trx)
        await appendAudit(trx, actorAudit(ctx, { event, refId: refOf(out) }))
        await regenerateNotice(trx, reason)
        return out
      })

  // ---- the public notice -------------------------------------------------------------------------------------------

  app.route({
    ...endpoint(ep['notice.current']),
    handler: async (request) => readNoticeVersion(db(), undefined, request.query.language ?? 'fi'),
  })

  app.route({
    ...endpoint(ep['notice.html']),
    handler: async (request, reply) => {
      const v = await readNoticeVersion(db(), undefined, request.query.language ?? 'fi')
      return reply.header('content-type', 'text/html; charset=utf-8').send(Buffer.from(noticeHtml(v), 'utf8'))
    },
  })

  app.route({
    ...endpoint(ep['notice.pdf']),
    handler: async (request, reply) => {
      const v = await readNoticeVersion(db(), undefined, request.query.language ?? 'fi')
      const name = v.language === 'sv' ? 'dataskyddsbeskrivning' : 'tietosuojaseloste'
      // a version never changes: its PDF is rendered once per language and process, whoever asks how often
      const key = `${v.number}:${v.language}`
      let pdf = pdfCache.get(key)
      if (!pdf) {
        pdf = await noticePdf(v)
        // only the version in force is kept (at most its two languages)
        for (const k of pdfCache.keys()) if (!k.startsWith(`${v.number}:`)) pdfCache.delete(k)
        pdfCache.set(key, pdf)
      }
      return reply.header('content-type', 'application/pdf').header('content-disposition', `inline; filename="${name}-${v.number}.pdf"`).send(pdf)
    },
  })

  app.route({
    ...endpoint(ep['notice.versions']),
    handler: async () => ({ versions: await listNoticeVersions(db()) }),
  })

  app.route({
    ...endpoint(ep['notice.version']),
    handler: async (request) => readNoticeVersion(db(), request.params.number, request.query.language ?? 'fi'),
  })

  // ---- the main user's configuration -------------------------------------------------------------------------------

  app.route({
    ...endpoint(ep['notice.settings']),
    handler: async () => readSettings(db()),
  })

  app.route({
    ...endpoint(ep['notice.updateSettings']),
    handler: async (request) => {
      const ctx = requireAuthed(request)
      return configure(ctx, noticeEvents.settingsUpdated, 'settings', async (trx) => updateSettings(trx, request.body, ctx.principal.userId), () => ctx.principal.userId)
    },
  })

  app.route({
    ...endpoint(ep['notice.regularDisclosures']),
    handler: async () => ({ disclosures: await listRegularDisclosures(db()) }),
  })

  app.route({
    ...endpoint(ep['notice.createRegularDisclosure']),
    handler: async (request, reply) => {
      const ctx = requireAuthed(request)
      const out = await configure(ctx, noticeEvents.regularDisclosureCreated, 'regular_disclosures', (trx) => createRegularDisclosure(trx, request.body, ctx.principal.userId), (out) => out.id)
      return reply.status(201).send(out)
    },
  })

  app.route({
    ...endpoint(ep['notice.updateRegularDisclosure']),
    handler: async (request) => {
      const ctx = requireAuthed(request)
      return configure(ctx, noticeEvents.regularDisclosureUpdated, 'regular_disclosures', (trx) => updateRegularDisclosure(trx, request.params.itemId, request.body, ctx.principal.userId), (out) => out.id)
    },
  })

  app.route({
    ...endpoint(ep['notice.paperRecords']),
    handler: async () => ({ records: await listPaperRecords(db()) }),
  })

  app.route({
    ...endpoint(ep['notice.createPaperRecord']),
    handler: async (request, reply) => {
      const ctx = requireAuthed(request)
      const out = await configure(ctx, noticeEvents.paperRecordCreated, 'paper_records', (trx) => createPaperRecord(trx, request.body, ctx.principal.userId), (out) => out.id)
      return reply.status(201).send(out)
    },
  })

  app.route({
    ...endpoint(ep['notice.updatePaperRecord']),
    handler: async (request) => {
      const ctx = requireAuthed(request)
      return configure(ctx, noticeEvents.paperRecordUpdated, 'paper_records', (trx) => updatePaperRecord(trx, request.params.itemId, request.body, ctx.principal.userId), (out) => out.id)
    },
  })

  // ---- the client was informed of the processing -------------------------------------------------------------------

  app.route({
    ...endpoint(ep['notice.informedRecords']),
    handler: async (request) => {
      const ctx = requireAuthed(request)
      const { serviceTask } = request.query
      return { records: await app.clientData.withClient(ctx, { personId: request.params.id, serviceTask }, (scope) => listInformed(scope, serviceTask)) }
    },
  })

  app.route({
    ...endpoint(ep['notice.recordInformed']),
    handler: async (request, reply) => {
      const ctx = requireAuthed(request)
      const records = await app.clientData.withClient(ctx, { personId: request.params.id, serviceTask: request.body.serviceTask }, async (scope) => {
        await recordInformed(scope, request.body, { userId: ctx.principal.userId, today: app.clock.today() })
        return listInformed(scope, request.body.serviceTask)
      })
      return reply.status(201).send({ records })
    },
  })

  // ---- the user commitment -----------------------------------------------------------------------------------------

  app.route({
    ...endpoint(cep['commitment.current']),
    handler: async (request) => commitmentStatus(db(), requireAuthed(request).principal.userId),
  })

  app.route({
    ...endpoint(cep['commitment.accept']),
    handler: async (request) => {
      const ctx = requireAuthed(request)
      const userId = ctx.principal.userId
      await db()
        .transaction()
        .execute(async (trx) => {
          if (await acceptCommitment(trx, userId, request.body.version)) {
            await appendAudit(trx, { ...actorAudit(ctx, { event: noticeEvents.commitmentAccepted, refId: userId }), basis: `version:${request.body.version}` })
          }
        })
      const principal = await loadPrincipal(db(), userId)
      if (!principal) throw problems.unauthorized()
      return sessionAnswer(db(), app.actions, principal, ctx.session.stage)
    },
  })

  app.route({
    ...endpoint(cep['commitment.versions']),
    handler: async () => commitmentVersions(db()),
  })

  app.route({
    ...endpoint(cep['commitment.publish']),
    handler: async (request, reply) => {
      const ctx = requireAuthed(request)
      await db()
        .transaction()
        .execute(async (trx) => {
          const number = await publishCommitment(trx, request.body, ctx.principal.userId)
          await appendAudit(trx, { ...actorAudit(ctx, { event: noticeEvents.commitmentPublished, refId: ctx.principal.userId }), basis: `version:${number}` })
        })
      return reply.status(201).send(await commitmentVersions(db()))
    },
  })
}

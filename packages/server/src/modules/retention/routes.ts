import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { retentionEndpoints as ep } from '@huoma/contract'
import type { Kysely } from 'kysely'
import { appendAudit } from '../../access/audit'
import { actorAudit } from '../../access/actor-audit'
import { requireAuthed } from '../../access/context'
import { loadSecretKey } from '../../access/mfa'
import type { Database } from '../../db/database'
import type { DB } from '../../db/schema'
import { endpoint } from '../../http/endpoint'
import { problems } from '../../http/problem'
import { approveList, destructionKey, executeList, listDetail, listRecords, listSummaries, proposeList, removeItem, subjectKey } from './destruction'
import { retentionEvents } from './events'
import { liftHold, placeHold } from './holds'
import { addRule, listRules, rulesDb, updateRule } from './rules.queries'
import { clientRetention, recomputeStale } from './state'

/**
 * The handle of destruction's own bookkeeping outside one transaction: recomputing stale retention before a proposal,
 * and executing a list batch by batch (each batch its own transaction with its audit row naming the clients).
 */
// eslint-disable-next-line no-restricted-syntax -- execution spans many transactions, each appending its own audit row of the clients destroyed
const destructionDb = (app: { database: Database }): Kysely<DB> => app.database.db

/** Retention parameters, a client's retention and holds, and the destruction lists and records over HTTP. */
export const retentionRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const today = () => app.clock.today()
  let key: Buffer | null = null
  const destructionKeyOf = () => (key ??= destructionKey(loadSecretKey({ secretKey: app.config.secretKey, dataDir: app.config.dataDir })))

  app.route({
    ...endpoint(ep['retention.rules']),
    handler: async () => ({ rules: await rulesDb(app).transaction().execute((trx) => listRules(trx)) }),
  })

  app.route({
    ...endpoint(ep['retention.addRule']),
    handler: async (request, reply) => {
      const ctx = requireAuthed(request)
      const rules = await rulesDb(app)
        .transaction()
        .execute(async (trx) => {
          const id = await addRule(trx, request.body, ctx.principal.userId, app.clock.now())
          await appendAudit(trx, actorAudit(ctx, { event: retentionEvents.ruleAdded, refId: id }))
          return listRules(trx)
        })
      return reply.status(201).send({ rules })
    },
  })

  app.route({
    ...endpoint(ep['retention.updateRule']),
    handler: async (request) => {
      const ctx = requireAuthed(request)
      const rules = await rulesDb(app)
        .transaction()
        .execute(async (trx) => {
          await updateRule(trx, request.params.ruleId, request.body, ctx.principal.userId, app.clock.now())
          await appendAudit(trx, actorAudit(ctx, { event: retentionEvents.ruleChanged, refId: request.params.ruleId }))
          return listRules(trx)
        })
      return { rules }
    },
  })

  app.route({
    ...endpoint(ep['retention.client']),
    handler: async (request) => app.clientData.withClient(requireAuthed(request), { personId: request.params.id }, (scope) => clientRetention(scope.trx, scope.personId, today())),
  })

  app.route({
    ...endpoint(ep['retention.placeHold']),
    handler: async (request, reply) => {
      const ctx = requireAuthed(request)
      const out = await app.clientData.withClient(ctx, { personId: request.params.id }, async (scope) => {
        await placeHold(scope, request.body, ctx.principal.userId)
        return clientRetention(scope.trx, scope.personId, today())
      })
      return reply.status(201).send(out)
    },
  })

  app.route({
    ...endpoint(ep['retention.liftHold']),
    handler: async (request) => {
      const ctx = requireAuthed(request)
      return app.clientData.withClient(ctx, { personId: request.params.id }, async (scope) => {
        await liftHold(scope, request.params.holdId, request.body.version, ctx.principal.userId, app.clock.now())
        return clientRetention(scope.trx, scope.personId, today())
      })
    },
  })

  app.route({
    ...endpoint(ep['destruction.lists']),
    handler: async () => ({ lists: await listSummaries(rulesDb(app)) }),
  })

  app.route({
    ...endpoint(ep['destruction.propose']),
    handler: async (request, reply) => {
      const ctx = requireAuthed(request)
      await recomputeStale(destructionDb(app), today())
      const detail = await app.clientData.roleEvent(ctx, async (trx) => {
        const out = await proposeList(trx, { proposedBy: ctx.principal.userId, today: today() })
        if (!out) return { value: null, clientIds: [] }
        return { value: await listDetail(trx, out.listId), clientIds: out.clientIds, refId: out.listId }
      })
      if (!detail) return reply.status(204).send(null)
      return reply.status(201).send(detail)
    },
  })

  app.route({
    ...endpoint(ep['destruction.list']),
    handler: async (request) =>
      app.clientData.roleEvent(requireAuthed(request), async (trx) => {
        const detail = await listDetail(trx, request.params.listId)
        return { value: detail, clientIds: detail.items.filter((i) => i.state !== 'destroyed').map((i) => i.personId), refId: request.params.listId }
      }),
  })

  app.route({
    ...endpoint(ep['destruction.removeItem']),
    handler: async (request) => {
      const ctx = requireAuthed(request)
      return app.clientData.roleEvent(ctx, async (trx) => {
        const personId = await removeItem(trx, { ...request.params, reason: request.body.reason, version: request.body.version, userId: ctx.principal.userId, now: app.clock.now() })
        return { value: await listDetail(trx, request.params.listId), clientIds: [personId], refId: request.params.listId }
      })
    },
  })

  app.route({
    ...endpoint(ep['destruction.approve']),
    handler: async (request) => {
      const ctx = requireAuthed(request)
      return app.clientData.roleEvent(ctx, async (trx) => {
        const clientIds = await approveList(trx, { listId: request.params.listId, version: request.body.version, userId: ctx.principal.userId, today: today(), now: app.clock.now() })
        return { value: await listDetail(trx, request.params.listId), clientIds, refId: request.params.listId }
      })
    },
  })

  app.route({
    ...endpoint(ep['destruction.execute']),
    handler: async (request) => {
      const ctx = requireAuthed(request)
      const { listId } = request.params
      // the decision to execute, naming the clients still listed, is the action's audit row; each batch then writes
      // its own row naming the clients it destroyed (retention:destroyed)
      await app.clientData.roleEvent(ctx, async (trx) => {
        const listed = await trx.selectFrom('destruction_item').select('person_id').where('list_id', '=', listId).where('state', '=', 'listed').execute()
        const list = await trx.selectFrom('destruction_list').select('state').where('id', '=', listId).executeTakeFirst()
        if (!list) throw problems.notFound()
        return { value: null, clientIds: listed.map((l) => l.person_id), refId: listId }
      })
      await executeList(destructionDb(app), listId, { userId: ctx.principal.userId, today: today(), now: () => app.clock.now(), key: destructionKeyOf(), attachmentFolder: app.config.attachments.folder, forgetters: app.clientForgetters, registerRecords: app.registerRecords })
      return listDetail(rulesDb(app), listId)
    },
  })

  app.route({
    ...endpoint(ep['destruction.records']),
    handler: async (request) => {
      const { identity, listId } = request.query
      return { records: await listRecords(rulesDb(app), { ...(identity ? { subjectKey: subjectKey(destructionKeyOf(), identity) } : {}), ...(listId ? { listId } : {}) }) }
    },
  })
}

import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { childWelfareMeasureEndpoints as measures, childWelfarePlanEndpoints as plans, childWelfareCaseEndpoints as cases, childWelfareEndpoints as ep, childWelfareRecordEndpoints as rec } from '@huoma/contract'
import type { FastifyRequest } from 'fastify'
import type { Transaction } from 'kysely'
import type { DB } from '../../db/schema'
import { requireAuthed, type AuthedContext } from '../../access/context'
import { endpoint } from '../../http/endpoint'
import { requestLanguage } from '../../http/language'
import { problems } from '../../http/problem'
import {
  addChild,
  assessUrgency,
  closeNotification,
  decideStart,
  findChild,
  intakeUnit,
  notificationQueue,
  readNotification,
  receivePublic,
  recordInformed,
  registerNotification,
  SERVICE_TASK,
  RESPONSIBLE_ROLES,
  RESPONSIBLE_QUALIFICATION,
  type Viewer,
} from './notifications'
import { assessmentPdf, courtApplicationPdf, decisionPdf } from './print'
import { careOrder, completeAssessment, courtApplicationFiled, endPlacement, extendUrgentPlacement, readRecord, urgentPlacement } from './record'
import { caseload, caseloadDb } from './caseload'
import { liveGrantHolders } from '../../kernel/units'
import { searchVisible } from '../persons'
import { listPlans, makePlan } from './plans'
import { decideSupportMeasures, endMeasure, liftChildBan, recordChildBan } from './measures'
import type { ClientScope } from '../../access/client-access'

type Trx = Transaction<DB>

/** The reader of a notification, for whether they see a withheld reporter. */
const viewerOf = (ctx: AuthedContext): Viewer => ({
  userId: ctx.principal.userId,
  supervisor: ctx.grants.some((g) => g.roleCode === 'supervisor' && g.serviceTasks.includes(SERVICE_TASK)),
})

/** The units in which the user's grants for the route's action reach child welfare. */
const unitsOf = (ctx: AuthedContext) => [...new Set(ctx.grants.filter((g) => g.serviceTasks.includes(SERVICE_TASK)).map((g) => g.unitId))]

/**
 * Child welfare's notifications register: the public e-form (no sign-in, rate limited, audited with the address),
 * the intake queue and each notification (role-scoped to the user's child welfare units, audited naming the
 * identified children), and the intake worker's handling. Every change answers the notification as it now is, read
 * in the same transaction.
 */
export const childWelfareRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const mode = () => app.config.workingDayMode

  /** A change to one notification, then the notification as it now is; the audit row names its children. */
  const change = (request: FastifyRequest, notificationId: string, work: (trx: Trx, units: string[], userId: string) => Promise<unknown>) => {
    const ctx = requireAuthed(request)
    const lang = requestLanguage(request)
    const units = unitsOf(ctx)
    return app.clientData.roleEvent(ctx, async (trx) => {
      await work(trx, units, ctx.principal.userId)
      const { notification, childIds } = await readNotification(trx, notificationId, { units, lang, today: app.clock.today(), mode: mode(), viewer: viewerOf(ctx) })
      return { value: notification, clientIds: childIds, refId: notificationId }
    })
  }

  app.route({
    ...endpoint(ep['childWelfare.publicNotify'], { config: { rateLimit: { max: app.config.publicFormRateLimitPerHour, timeWindow: '1 hour' } } }),
    handler: async (request, reply) => {
      const now = app.clock.now()
      const out = await app.clientData.publicEvent(request.access, async (trx) => {
        const unit = await intakeUnit(trx, app.config.childWelfareUnitCode)
        if (!unit) throw problems.validation([{ field: 'unit', code: 'cw.unit.none' }])
        const made = await receivePublic(trx, request.body, { unitId: unit.id, now, mode: mode() })
        const lang = requestLanguage(request)
        return { value: { receipt: made.receipt, receivedAt: now.toISOString(), unitName: lang === 'sv' ? unit.name_sv : unit.name_fi }, clientIds: [], refId: made.id }
      })
      return reply.status(201).send(out)
    },
  })

  app.route({
    ...endpoint(ep['childWelfare.queue']),
    handler: async (request) => {
      const ctx = requireAuthed(request)
      const lang = requestLanguage(request)
      return app.clientData.roleEvent(ctx, async (trx) => {
        const { queue, childIds } = await notificationQueue(trx, request.query, { units: unitsOf(ctx), lang, today: app.clock.today(), mode: mode() })
        return { value: queue, clientIds: childIds }
      })
    },
  })

  app.route({
    ...endpoint(ep['childWelfare.register']),
    handler: async (request, reply) => {
      const ctx = requireAuthed(request)
      const lang = requestLanguage(request)
      const units = unitsOf(ctx)
      // the office secretary (kirjaamo) registers into any unit; workers into their own
      const anyUnit = ctx.grants.some((g) => g.roleCode === 'office_secretary')
      const now = app.clock.now()
      const out = await app.clientData.roleEvent(ctx, async (trx) => {
        const id = await registerNotification(trx, request.body, { userId: ctx.principal.userId, units, anyUnit, now, mode: mode() })
        const unitsForRead = anyUnit ? [...units, request.body.unitId] : units
        const { notification } = await readNotification(trx, id, { units: unitsForRead, lang, today: app.clock.today(), mode: mode(), viewer: viewerOf(ctx) })
        return { value: notification, clientIds: [], refId: id }
      })
      return reply.status(201).send(out)
    },
  })

  app.route({
    ...endpoint(ep['childWelfare.notification']),
    handler: async (request) => {
      const ctx = requireAuthed(request)
      const lang = requestLanguage(request)
      const id = request.params.notificationId
      return app.clientData.roleEvent(ctx, async (trx) => {
        const { notification, childIds } = await readNotification(trx, id, { units: unitsOf(ctx), lang, today: app.clock.today(), mode: mode(), viewer: viewerOf(ctx) })
        return { value: notification, clientIds: childIds, refId: id }
      })
    },
  })

  app.route({
    ...endpoint(ep['childWelfare.findChild']),
    handler: async (request) => {
      const ctx = requireAuthed(request)
      const id = request.params.notificationId
      return app.clientData.roleEvent(ctx, async (trx) => {
        const persons = await findChild(trx, id, request.body, {
          units: unitsOf(ctx),
          search: async (t, c, isVisible) => (await searchVisible(t, c, isVisible)).map(({ sortKey: _sortKey, ...p }) => p),
        })
        return { value: { persons, hiddenMatches: 0 }, clientIds: persons.map((p) => p.id), refId: id }
      })
    },
  })

  app.route({
    ...endpoint(ep['childWelfare.assessUrgency']),
    handler: async (request) => {
      const id = request.params.notificationId
      return change(request, id, (trx, units, userId) => assessUrgency(trx, id, request.body, { units, userId, now: app.clock.now() }))
    },
  })

  app.route({
    ...endpoint(ep['childWelfare.addChild']),
    handler: async (request) => {
      const id = request.params.notificationId
      return change(request, id, (trx, units, userId) => addChild(trx, id, request.body, { units, userId, mode: mode() }))
    },
  })

  app.route({
    ...endpoint(ep['childWelfare.decideStart']),
    handler: async (request) => {
      const { notificationId, matterId } = request.params
      return change(request, notificationId, (trx, units, userId) => decideStart(trx, notificationId, matterId, request.body, { units, userId, today: app.clock.today(), mode: mode() }))
    },
  })

  app.route({
    ...endpoint(ep['childWelfare.recordInformed']),
    handler: async (request) => {
      const { notificationId, matterId } = request.params
      return change(request, notificationId, (trx, units) => recordInformed(trx, notificationId, matterId, request.body, { units, today: app.clock.today() }))
    },
  })

  app.route({
    ...endpoint(ep['childWelfare.close']),
    handler: async (request) => {
      const id = request.params.notificationId
      return change(request, id, (trx, units, userId) => closeNotification(trx, id, request.body, { units, userId, today: app.clock.today() }))
    },
  })

  // ---- The child's record (client chokepoint, child welfare register) ---------------------------------------------

  const target = (personId: string) => ({ personId, serviceTask: SERVICE_TASK })
  /** The unit a decision is made in: the user's (first) child welfare unit. */
  const decidingUnit = (ctx: AuthedContext) => {
    const unit = unitsOf(ctx)[0]
    if (!unit) throw problems.forbidden()
    return unit
  }
  /** A change to the child's record through the chokepoint, answered with the record as it now is. */
  const changeRecord = (request: FastifyRequest, personId: string, work: (scope: ClientScope, ctx: AuthedContext) => Promise<void>) => {
    const ctx = requireAuthed(request)
    const lang = requestLanguage(request)
    return app.clientData.withClient(ctx, target(personId), async (scope) => {
      await work(scope, ctx)
      return readRecord(scope, { today: app.clock.today(), mode: mode(), lang })
    })
  }

  app.route({
    ...endpoint(rec['childWelfare.record']),
    handler: async (request) => {
      const ctx = requireAuthed(request)
      const lang = requestLanguage(request)
      return app.clientData.withClient(ctx, target(request.params.id), (scope) => readRecord(scope, { today: app.clock.today(), mode: mode(), lang }))
    },
  })

  app.route({
    ...endpoint(rec['childWelfare.completeAssessment']),
    handler: async (request) =>
      changeRecord(request, request.params.id, (scope, ctx) => completeAssessment(scope, request.params.matterId, request.body, { userId: ctx.principal.userId, today: app.clock.today() })),
  })

  app.route({
    ...endpoint(rec['childWelfare.urgentPlacement']),
    handler: async (request, reply) => {
      const out = await changeRecord(request, request.params.id, (scope, ctx) =>
        urgentPlacement(scope, request.body, { unitId: decidingUnit(ctx), userId: ctx.principal.userId, today: app.clock.today(), mode: mode() }),
      )
      return reply.status(201).send(out)
    },
  })

  app.route({
    ...endpoint(rec['childWelfare.extendUrgentPlacement']),
    handler: async (request) =>
      changeRecord(request, request.params.id, (scope, ctx) =>
        extendUrgentPlacement(scope, request.params.placementId, request.body, { unitId: decidingUnit(ctx), userId: ctx.principal.userId, today: app.clock.today(), mode: mode() }),
      ),
  })

  app.route({
    ...endpoint(rec['childWelfare.careOrder']),
    handler: async (request, reply) => {
      const ctx = requireAuthed(request)
      const out = await app.clientData.withClient(ctx, target(request.params.id), (scope) =>
        careOrder(scope, request.body, { unitId: decidingUnit(ctx), userId: ctx.principal.userId, today: app.clock.today() }),
      )
      return reply.status(201).send(out)
    },
  })

  app.route({
    ...endpoint(rec['childWelfare.courtApplicationFiled']),
    handler: async (request) =>
      changeRecord(request, request.params.id, (scope, ctx) => courtApplicationFiled(scope, request.params.applicationId, request.body.filedOn, { userId: ctx.principal.userId, today: app.clock.today() })),
  })

  app.route({
    ...endpoint(rec['childWelfare.courtApplicationPdf']),
    handler: async (request, reply) => {
      const ctx = requireAuthed(request)
      const out = await app.clientData.withClient(ctx, target(request.params.id), (scope) => courtApplicationPdf(scope, request.params.applicationId, request.query.language))
      return reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', `inline; filename="${out.lang === 'sv' ? 'ansokan' : 'hakemus'}-${out.number}.pdf"`)
        .send(out.pdf)
    },
  })

  app.route({
    ...endpoint(rec['childWelfare.decisionPdf']),
    handler: async (request, reply) => {
      const ctx = requireAuthed(request)
      const out = await app.clientData.withClient(ctx, target(request.params.id), (scope) => decisionPdf(scope, request.params.decisionId, { language: request.query.language, recipient: request.query.recipient, today: app.clock.today() }))
      return reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', `inline; filename="${out.lang === 'sv' ? 'beslut' : 'paatos'}-${out.number}.pdf"`)
        .send(out.pdf)
    },
  })

  app.route({
    ...endpoint(measures['childWelfare.assessmentPdf']),
    handler: async (request, reply) => {
      const ctx = requireAuthed(request)
      const out = await app.clientData.withClient(ctx, target(request.params.id), (scope) =>
        assessmentPdf(scope, request.params.matterId, { language: request.query.language, recipient: request.query.recipient, today: app.clock.today() }),
      )
      return reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', `inline; filename="${out.lang === 'sv' ? 'bedomning' : 'arvio'}-${out.receipt}.pdf"`)
        .send(out.pdf)
    },
  })

  app.route({
    ...endpoint(measures['childWelfare.supportMeasures']),
    handler: async (request, reply) => {
      const out = await changeRecord(request, request.params.id, (scope, ctx) =>
        decideSupportMeasures(scope, request.body, { unitId: decidingUnit(ctx), userId: ctx.principal.userId, today: app.clock.today() }),
      )
      return reply.status(201).send(out)
    },
  })

  app.route({
    ...endpoint(measures['childWelfare.endMeasure']),
    handler: async (request) => changeRecord(request, request.params.id, (scope) => endMeasure(scope, request.params.measureId, request.body, { today: app.clock.today() })),
  })

  app.route({
    ...endpoint(measures['childWelfare.recordBan']),
    handler: async (request, reply) => {
      const out = await changeRecord(request, request.params.id, (scope, ctx) => recordChildBan(scope, request.body, { userId: ctx.principal.userId, today: app.clock.today() }))
      return reply.status(201).send(out)
    },
  })

  app.route({
    ...endpoint(measures['childWelfare.liftBan']),
    handler: async (request) =>
      changeRecord(request, request.params.id, (scope, ctx) => liftChildBan(scope, request.params.banId, request.body, { userId: ctx.principal.userId, today: app.clock.today() })),
  })

  app.route({
    ...endpoint(cases['childWelfare.endPlacement']),
    handler: async (request) =>
      changeRecord(request, request.params.id, (scope, ctx) =>
        endPlacement(scope, request.params.placementId, request.body, { unitId: decidingUnit(ctx), userId: ctx.principal.userId, today: app.clock.today() }),
      ),
  })

  app.route({
    ...endpoint(cases['childWelfare.caseload']),
    handler: async (request) => {
      const ctx = requireAuthed(request)
      // counts only: no client data is read (no chokepoint, no audit row)
      return caseload(caseloadDb(app), unitsOf(ctx), { today: app.clock.today(), lang: requestLanguage(request) })
    },
  })

  app.route({
    ...endpoint(cases['childWelfare.responsibleWorkers']),
    handler: async (request) => {
      const ctx = requireAuthed(request)
      // staff of the user's own units only: no client data (no chokepoint, no audit row)
      const workers = await liveGrantHolders(
        caseloadDb(app),
        { unitIds: unitsOf(ctx), serviceTask: SERVICE_TASK, roles: RESPONSIBLE_ROLES, on: app.clock.today(), qualification: RESPONSIBLE_QUALIFICATION },
        requestLanguage(request),
      )
      return { workers }
    },
  })

  app.route({
    ...endpoint(plans['childWelfare.plans']),
    handler: async (request) => {
      const ctx = requireAuthed(request)
      const list = await app.clientData.withClient(ctx, target(request.params.id), (scope) => listPlans(scope, { today: app.clock.today(), mode: mode() }))
      return { plans: list }
    },
  })

  app.route({
    ...endpoint(plans['childWelfare.makePlan']),
    handler: async (request, reply) => {
      const ctx = requireAuthed(request)
      const list = await app.clientData.withClient(ctx, target(request.params.id), async (scope) => {
        await makePlan(scope, request.body, { unitId: decidingUnit(ctx), userId: ctx.principal.userId, today: app.clock.today(), mode: mode() })
        return listPlans(scope, { today: app.clock.today(), mode: mode() })
      })
      return reply.status(201).send({ plans: list })
    },
  })
}

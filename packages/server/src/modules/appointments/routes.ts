import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { appointmentsEndpoints as ep } from '@huoma/contract'
import { requireAuthed, type AuthedContext } from '../../access/context'
import { endpoint } from '../../http/endpoint'
import { requestLanguage } from '../../http/language'
import { unitNames } from '../../kernel/units'
import { book, calendar, cancel, checkRange, clientAppointments, move } from './repository'

/** The service tasks in which the user's grants for the route's action reach appointments. */
const tasksOf = (ctx: AuthedContext) => [...new Set(ctx.grants.flatMap((g) => g.serviceTasks))]

/**
 * Appointments (ajanvaraus). Calendars (a worker's or an office's) go through the chokepoint's list filter: a slot
 * whose client the user may not see shows only as busy, and the clients shown are audited. A client's appointments,
 * booking, moving and cancelling go through the chokepoint for that client.
 */
export const appointmentRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.route({
    ...endpoint(ep['appointments.calendar']),
    handler: async (request) => {
      const ctx = requireAuthed(request)
      const { from, to, unitId, includeCancelled } = request.query
      checkRange(from, to)
      const workerId = request.query.workerId ?? (unitId ? null : ctx.principal.userId)
      const lang = requestLanguage(request)
      let result: Awaited<ReturnType<typeof calendar>> = { appointments: [], clientIds: [] }
      let units: { id: string; name: string }[] = []
      const unitIds = [...new Set(ctx.grants.map((g) => g.unitId))]
      await app.clientData.list(ctx, {}, async (trx, isVisible) => {
        result = await calendar(trx, isVisible, { from, to, workerId, unitId: unitId ?? null, includeCancelled: includeCancelled ?? false }, lang)
        // The offices of the user's grants, for the office-calendar picker (organisation data, no client data).
        units = await unitNames(trx, unitIds, lang)
        return result.clientIds.map((id) => ({ id }))
      })
      return { from, to, workerId, unitId: unitId ?? null, appointments: result.appointments, units }
    },
  })

  app.route({
    ...endpoint(ep['appointments.forClient']),
    handler: async (request) => {
      const ctx = requireAuthed(request)
      const lang = requestLanguage(request)
      const appointments = await app.clientData.withClient(ctx, { personId: request.params.id }, (scope) => clientAppointments(scope, tasksOf(ctx), lang))
      return { appointments }
    },
  })

  app.route({
    ...endpoint(ep['appointments.book']),
    handler: async (request, reply) => {
      const ctx = requireAuthed(request)
      const lang = requestLanguage(request)
      const appointment = await app.clientData.withClient(ctx, { personId: request.params.id, serviceTask: request.body.serviceTask }, (scope) =>
        book(scope, request.body, ctx.principal.userId, app.clock.now(), lang),
      )
      return reply.status(201).send(appointment)
    },
  })

  app.route({
    ...endpoint(ep['appointments.move']),
    handler: async (request) => {
      const ctx = requireAuthed(request)
      const lang = requestLanguage(request)
      return app.clientData.withClient(ctx, { personId: request.params.id }, (scope) =>
        move(scope, request.params.appointmentId, tasksOf(ctx), request.body, app.clock.now(), lang),
      )
    },
  })

  app.route({
    ...endpoint(ep['appointments.cancel']),
    handler: async (request) => {
      const ctx = requireAuthed(request)
      const lang = requestLanguage(request)
      return app.clientData.withClient(ctx, { personId: request.params.id }, (scope) =>
        cancel(scope, request.params.appointmentId, tasksOf(ctx), request.body, ctx.principal.userId, lang),
      )
    },
  })
}

import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import {
  Appointment,
  AppointmentBook,
  AppointmentCancel,
  AppointmentMove,
  AppointmentParams,
  Calendar,
  CalendarQuery,
  ClientAppointments,
  ClientAppointmentsParams,
} from '@huoma/contract'
import { requireAuthed, type AuthedContext } from '../../access/context'
import { requestLanguage } from '../../http/language'
import { book, calendar, cancel, checkRange, clientAppointments, move } from './repository'

const TAGS = ['appointments']
const CLIENT_BASE = '/api/persons/:id/appointments'

/** The service tasks in which the user's grants for the route's action reach appointments. */
const tasksOf = (ctx: AuthedContext) => [...new Set(ctx.grants.flatMap((g) => g.serviceTasks))]

/**
 * Appointments (ajanvaraus). Calendars (a worker's or an office's) go through the chokepoint's list filter: a slot
 * whose client the user may not see shows only as busy, and the clients shown are audited. A client's appointments,
 * booking, moving and cancelling go through the chokepoint for that client.
 */
export const appointmentRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/appointments',
    {
      config: { action: 'appointments:read' },
      schema: {
        tags: TAGS,
        summary: 'A worker\'s (default: one\'s own) or an office\'s calendar between two dates (inclusive, at most 42 days)',
        querystring: CalendarQuery,
        response: { 200: Calendar },
      },
    },
    async (request) => {
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
        if (unitIds.length) {
          const rows = await trx.selectFrom('unit').select(['id', 'name_fi', 'name_sv']).where('id', 'in', unitIds).orderBy('code').execute()
          units = rows.map((u) => ({ id: u.id, name: lang === 'sv' ? u.name_sv : u.name_fi }))
        }
        return result.clientIds.map((id) => ({ id }))
      })
      return { from, to, workerId, unitId: unitId ?? null, appointments: result.appointments, units }
    },
  )

  app.get(
    CLIENT_BASE,
    {
      config: { action: 'appointments:client' },
      schema: { tags: TAGS, summary: 'A client\'s appointments, newest first', params: ClientAppointmentsParams, response: { 200: ClientAppointments } },
    },
    async (request) => {
      const ctx = requireAuthed(request)
      const lang = requestLanguage(request)
      const appointments = await app.clientData.withClient(ctx, { personId: request.params.id }, (scope) => clientAppointments(scope, tasksOf(ctx), lang))
      return { appointments }
    },
  )

  app.post(
    CLIENT_BASE,
    {
      config: { action: 'appointments:book' },
      schema: {
        tags: TAGS,
        summary: 'Book an appointment for the client (Helsinki local times; an overlapping booking of the worker is refused)',
        params: ClientAppointmentsParams,
        body: AppointmentBook,
        response: { 201: Appointment },
      },
    },
    async (request, reply) => {
      const ctx = requireAuthed(request)
      const lang = requestLanguage(request)
      const appointment = await app.clientData.withClient(ctx, { personId: request.params.id, serviceTask: request.body.serviceTask }, (scope) =>
        book(scope, request.body, ctx.principal.userId, new Date(), lang),
      )
      return reply.status(201).send(appointment)
    },
  )

  app.post(
    `${CLIENT_BASE}/:appointmentId/move`,
    {
      config: { action: 'appointments:change' },
      schema: {
        tags: TAGS,
        summary: 'Move an appointment to another time (and place); optimistic locking with version',
        params: AppointmentParams,
        body: AppointmentMove,
        response: { 200: Appointment },
      },
    },
    async (request) => {
      const ctx = requireAuthed(request)
      const lang = requestLanguage(request)
      return app.clientData.withClient(ctx, { personId: request.params.id }, (scope) =>
        move(scope, request.params.appointmentId, tasksOf(ctx), request.body, new Date(), lang),
      )
    },
  )

  app.post(
    `${CLIENT_BASE}/:appointmentId/cancel`,
    {
      config: { action: 'appointments:cancel' },
      schema: {
        tags: TAGS,
        summary: 'Cancel an appointment with a reason code',
        params: AppointmentParams,
        body: AppointmentCancel,
        response: { 200: Appointment },
      },
    },
    async (request) => {
      const ctx = requireAuthed(request)
      const lang = requestLanguage(request)
      return app.clientData.withClient(ctx, { personId: request.params.id }, (scope) =>
        cancel(scope, request.params.appointmentId, tasksOf(ctx), request.body, ctx.principal.userId, lang),
      )
    },
  )
}

import Type, { type Static } from 'typebox'
import { IsoDate, Uuid } from './common'
import { endpoints } from './endpoint'

/**
 * Appointments (ajanvaraus): a client's meeting with a worker. Times travel as Europe/Helsinki local times
 * `YYYY-MM-DDTHH:MM` and are stored as instants; every appointment also carries its instants in ISO 8601 UTC.
 * A worker never has two booked appointments at overlapping times (refused by the database).
 */

export const APPOINTMENT_PLACES = ['office', 'home_visit', 'phone', 'video'] as const
export const AppointmentPlace = Type.Union([Type.Literal('office'), Type.Literal('home_visit'), Type.Literal('phone'), Type.Literal('video')])
export type AppointmentPlace = (typeof APPOINTMENT_PLACES)[number]

export const APPOINTMENT_CANCEL_REASONS = ['client_cancelled', 'worker_unavailable', 'rescheduled', 'no_longer_needed', 'other'] as const
export const AppointmentCancelReason = Type.Union([
  Type.Literal('client_cancelled'),
  Type.Literal('worker_unavailable'),
  Type.Literal('rescheduled'),
  Type.Literal('no_longer_needed'),
  Type.Literal('other'),
])
export type AppointmentCancelReason = (typeof APPOINTMENT_CANCEL_REASONS)[number]

export const LocalDateTime = Type.String({
  pattern: '^\\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])T([01][0-9]|2[0-3]):[0-5][0-9]$',
  description: 'Local time in Europe/Helsinki, YYYY-MM-DDTHH:MM',
})
export type LocalDateTime = Static<typeof LocalDateTime>

const ServiceTaskCode = Type.String({ pattern: '^[a-z_]{2,40}$', description: 'Service task code (palvelutehtävä)' })

export const AppointmentStatus = Type.Union([Type.Literal('booked'), Type.Literal('cancelled')])
export type AppointmentStatus = Static<typeof AppointmentStatus>

/** One appointment. `client` is null when the user may not see who the client is (the slot is shown as busy). */
export const Appointment = Type.Object({
  id: Uuid,
  worker: Type.Object({ id: Uuid, name: Type.String() }),
  unit: Type.Object({ id: Uuid, name: Type.String() }),
  client: Type.Union([Type.Object({ id: Uuid, name: Type.String() }), Type.Null()]),
  serviceTask: Type.Union([ServiceTaskCode, Type.Null()]),
  start: LocalDateTime,
  end: LocalDateTime,
  startAt: Type.String({ format: 'date-time' }),
  endAt: Type.String({ format: 'date-time' }),
  place: Type.Union([AppointmentPlace, Type.Null()]),
  status: AppointmentStatus,
  cancelReason: Type.Union([AppointmentCancelReason, Type.Null()]),
  version: Type.Integer(),
})
export type Appointment = Static<typeof Appointment>

/** A calendar: a worker's (default: the signed-in user's) or a unit's (office), dates inclusive, at most 42 days. */
export const CalendarQuery = Type.Object(
  {
    from: IsoDate,
    to: IsoDate,
    workerId: Type.Optional(Uuid),
    unitId: Type.Optional(Uuid),
    includeCancelled: Type.Optional(Type.Boolean({ default: false })),
  },
  { additionalProperties: false },
)
export type CalendarQuery = Static<typeof CalendarQuery>

export const Calendar = Type.Object({
  from: IsoDate,
  to: IsoDate,
  workerId: Type.Union([Uuid, Type.Null()]),
  unitId: Type.Union([Uuid, Type.Null()]),
  appointments: Type.Array(Appointment),
  /** The offices (units) of the user's current grants, for choosing an office calendar. */
  units: Type.Optional(Type.Array(Type.Object({ id: Uuid, name: Type.String() }))),
})
export type Calendar = Static<typeof Calendar>

export const ClientAppointmentsParams = Type.Object({ id: Uuid })
export type ClientAppointmentsParams = Static<typeof ClientAppointmentsParams>

export const AppointmentParams = Type.Object({ id: Uuid, appointmentId: Uuid })
export type AppointmentParams = Static<typeof AppointmentParams>

export const ClientAppointments = Type.Object({ appointments: Type.Array(Appointment) })
export type ClientAppointments = Static<typeof ClientAppointments>

export const AppointmentBook = Type.Object(
  {
    workerId: Uuid,
    serviceTask: ServiceTaskCode,
    start: LocalDateTime,
    end: LocalDateTime,
    place: AppointmentPlace,
  },
  { additionalProperties: false },
)
export type AppointmentBook = Static<typeof AppointmentBook>

/** Move an appointment (optimistic locking: `version` of the appointment as read). */
export const AppointmentMove = Type.Object(
  {
    start: LocalDateTime,
    end: LocalDateTime,
    place: Type.Optional(AppointmentPlace),
    version: Type.Integer({ minimum: 1 }),
  },
  { additionalProperties: false },
)
export type AppointmentMove = Static<typeof AppointmentMove>

export const AppointmentCancel = Type.Object(
  { reason: AppointmentCancelReason, version: Type.Integer({ minimum: 1 }) },
  { additionalProperties: false },
)
export type AppointmentCancel = Static<typeof AppointmentCancel>

const CLIENT_BASE = '/api/persons/:id/appointments'

/**
 * The appointments' operations. Calendars go through the list chokepoint (others' clients shown only as busy); a
 * client's appointments, booking, moving and cancelling through the chokepoint for that client.
 */
export const appointmentsEndpoints = endpoints({
  'appointments.calendar': {
    method: 'GET',
    path: '/api/appointments',
    action: 'appointments:read',
    summary: 'A worker\'s (default: one\'s own) or an office\'s calendar between two dates (inclusive, at most 42 days)',
    query: CalendarQuery,
    response: { 200: Calendar },
  },
  'appointments.forClient': {
    method: 'GET',
    path: CLIENT_BASE,
    action: 'appointments:client',
    summary: 'A client\'s appointments, newest first',
    params: ClientAppointmentsParams,
    response: { 200: ClientAppointments },
  },
  'appointments.book': {
    method: 'POST',
    path: CLIENT_BASE,
    action: 'appointments:book',
    summary: 'Book an appointment for the client (Helsinki local times; an overlapping booking of the worker is refused)',
    params: ClientAppointmentsParams,
    body: AppointmentBook,
    response: { 201: Appointment },
  },
  'appointments.move': {
    method: 'POST',
    path: `${CLIENT_BASE}/:appointmentId/move`,
    action: 'appointments:change',
    summary: 'Move an appointment to another time (and place); optimistic locking with version',
    params: AppointmentParams,
    body: AppointmentMove,
    response: { 200: Appointment },
    errors: [409],
  },
  'appointments.cancel': {
    method: 'POST',
    path: `${CLIENT_BASE}/:appointmentId/cancel`,
    action: 'appointments:cancel',
    summary: 'Cancel an appointment with a reason code',
    params: AppointmentParams,
    body: AppointmentCancel,
    response: { 200: Appointment },
    errors: [409],
  },
})

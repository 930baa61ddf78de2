import {
  appointmentsEndpoints as ep,
  personsEndpoints,
  type AppointmentBook,
  type AppointmentCancelReason,
  type AppointmentMove,
} from '@huoma/contract'
import { callApi } from '../../api/endpoint'

/** The signed-in worker's calendar, or an office's (unit) when `unitId` is given, between two dates (inclusive). */
export function fetchCalendar(from: string, to: string, signal?: AbortSignal, unitId?: string) {
  return callApi(ep['appointments.calendar'], { query: { from, to, unitId }, ...(signal ? { signal } : {}) })
}

/** Moves an appointment to another time (local Helsinki times `YYYY-MM-DDTHH:MM`); the database refuses an overlap. */
export function moveAppointment(personId: string, appointmentId: string, body: AppointmentMove) {
  return callApi(ep['appointments.move'], { params: { id: personId, appointmentId }, body })
}

export function bookAppointment(personId: string, body: AppointmentBook) {
  return callApi(ep['appointments.book'], { params: { id: personId }, body })
}

export function cancelAppointment(personId: string, appointmentId: string, reason: AppointmentCancelReason, version: number) {
  return callApi(ep['appointments.cancel'], { params: { id: personId, appointmentId }, body: { reason, version } })
}

export function searchClients(name: string, signal?: AbortSignal) {
  return callApi(personsEndpoints['persons.search'], { query: { name, limit: 10 }, ...(signal ? { signal } : {}) })
}

import type { Appointment, AppointmentBook, AppointmentCancelReason, AppointmentMove, Calendar, PersonSearchResult } from '@huoma/contract'
import { apiRequest } from '../../api/client'

/** The signed-in worker's calendar, or an office's (unit) when `unitId` is given, between two dates (inclusive). */
export function fetchCalendar(from: string, to: string, signal?: AbortSignal, unitId?: string): Promise<Calendar> {
  const unit = unitId ? `&unitId=${encodeURIComponent(unitId)}` : ''
  return apiRequest<Calendar>(`/api/appointments?from=${from}&to=${to}${unit}`, signal ? { signal } : {})
}

/** Moves an appointment to another time (local Helsinki times `YYYY-MM-DDTHH:MM`); the database refuses an overlap. */
export function moveAppointment(personId: string, appointmentId: string, body: AppointmentMove): Promise<Appointment> {
  return apiRequest<Appointment>(`/api/persons/${encodeURIComponent(personId)}/appointments/${encodeURIComponent(appointmentId)}/move`, { method: 'POST', body })
}

export function bookAppointment(personId: string, body: AppointmentBook): Promise<Appointment> {
  return apiRequest<Appointment>(`/api/persons/${encodeURIComponent(personId)}/appointments`, { method: 'POST', body })
}

export function cancelAppointment(personId: string, appointmentId: string, reason: AppointmentCancelReason, version: number): Promise<Appointment> {
  return apiRequest<Appointment>(`/api/persons/${encodeURIComponent(personId)}/appointments/${encodeURIComponent(appointmentId)}/cancel`, {
    method: 'POST',
    body: { reason, version },
  })
}

export function searchClients(name: string, signal?: AbortSignal): Promise<PersonSearchResult> {
  return apiRequest<PersonSearchResult>(`/api/persons?name=${encodeURIComponent(name)}&limit=10`, signal ? { signal } : {})
}

import type { Appointment, AppointmentBook, AppointmentCancelReason, Calendar, PersonSearchResult } from '@huoma/contract'
import { apiRequest } from '../../api/client'

/** The signed-in worker's calendar between two dates (inclusive). */
export function fetchCalendar(from: string, to: string, signal?: AbortSignal): Promise<Calendar> {
  return apiRequest<Calendar>(`/api/appointments?from=${from}&to=${to}`, signal ? { signal } : {})
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

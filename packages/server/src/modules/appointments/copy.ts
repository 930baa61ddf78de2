import type { TimelineSource } from '../../kernel/client-timeline'
import { staffName, type CopyTable } from '../../kernel/client-copy'

const L = (fi: string, sv: string) => ({ fi, sv })

/** The client's appointments, cancelled ones included. */
export const appointmentsCopy: readonly CopyTable[] = [
  {
    key: 'appointments/appointment',
    title: L('Tapaamiset', 'Möten'),
    from: 'appointment',
    serviceTask: { column: 'service_task' },
    documentType: 'appointment',
    date: "to_char(start_at AT TIME ZONE 'Europe/Helsinki', 'YYYY-MM-DD')",
    columns: [
      { key: 'start', sql: "to_char(start_at AT TIME ZONE 'Europe/Helsinki', 'YYYY-MM-DD HH24:MI')", label: L('Alkaa', 'Börjar') },
      { key: 'end', sql: "to_char(end_at AT TIME ZONE 'Europe/Helsinki', 'YYYY-MM-DD HH24:MI')", label: L('Päättyy', 'Slutar') },
      { key: 'place', label: L('Paikka', 'Plats') },
      { key: 'worker', sql: staffName('worker_id'), label: L('Työntekijä', 'Arbetstagare') },
      { key: 'status', label: L('Tila', 'Status') },
      { key: 'cancel_reason', label: L('Peruutuksen syy', 'Orsak till avbokning') },
    ],
    orderBy: 'start_at',
  },
]

/** The module's records as events on the client card's timeline. */
export const appointmentsTimeline: readonly TimelineSource[] = [
  { kind: 'appointment.booked', from: 'appointment', serviceTask: 'service_task', at: 'start_at', by: staffName('worker_id'), where: "status = 'booked'" },
  { kind: 'appointment.cancelled', from: 'appointment', serviceTask: 'service_task', at: 'start_at', by: staffName('worker_id'), where: "status = 'cancelled'" },
]

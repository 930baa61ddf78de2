import Type, { type Static } from 'typebox'
import { IsoDate, Uuid } from './common'
import { endpoints } from './endpoint'

/*
 * Työpöytä — the worker's desk, the home page of every role: my clients by service task, this week's appointments,
 * my unfinished work (journal drafts, applications in preparation), my statutory deadlines and what waits for me
 * (batches to approve, grant requests to decide, accesses to review). A section the user's roles do not have is
 * null; every client named went through the list chokepoint, whose one audit row names them.
 */

/** A Europe/Helsinki wall-clock time `YYYY-MM-DDTHH:MM`. */
const LocalDateTime = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}$' })
const ClientRef = Type.Object({ id: Uuid, name: Type.String() })

export const DeskClient = Type.Object({ id: Uuid, name: Type.String(), serviceTask: Type.String(), since: IsoDate })
export type DeskClient = Static<typeof DeskClient>

/** One of my booked appointments; a client I may not see (booked for me by another) is only a busy slot: nulls. */
export const DeskAppointment = Type.Object({
  id: Uuid,
  client: Type.Union([ClientRef, Type.Null()]),
  serviceTask: Type.Union([Type.String(), Type.Null()]),
  start: LocalDateTime,
  end: LocalDateTime,
  place: Type.Union([Type.Literal('office'), Type.Literal('home_visit'), Type.Literal('phone'), Type.Literal('video'), Type.Null()]),
})
export type DeskAppointment = Static<typeof DeskAppointment>

/** Work begun and not finished: an unsigned journal entry of mine, an income support application I am preparing. */
export const DeskDraft = Type.Object({
  kind: Type.Union([Type.Literal('journal'), Type.Literal('income_support')]),
  /** the journal entry's id, or the application's */
  id: Uuid,
  client: ClientRef,
  serviceTask: Type.String(),
  /** the entry's event date, or the day the application was received */
  date: IsoDate,
  /** the application's number (income support) */
  number: Type.Union([Type.Integer(), Type.Null()]),
  /** the application's state (income support) */
  state: Type.Union([Type.String(), Type.Null()]),
})
export type DeskDraft = Static<typeof DeskDraft>

export const DeskDeadline = Type.Object({
  id: Uuid,
  kind: Type.String(),
  serviceTask: Type.String(),
  client: Type.Union([ClientRef, Type.Null()]),
  dueOn: IsoDate,
  urgent: Type.Boolean(),
  standing: Type.Union([Type.Literal('upcoming'), Type.Literal('due_today'), Type.Literal('overdue'), Type.Literal('paused')]),
  /** negative when overdue */
  workingDaysLeft: Type.Integer(),
})
export type DeskDeadline = Static<typeof DeskDeadline>

/** Something that waits for the user's act; no client content. */
export const DeskWaiting = Type.Union([
  Type.Object({
    kind: Type.Literal('payment_batch'),
    id: Uuid,
    number: Type.Integer(),
    itemCount: Type.Integer(),
    totalCents: Type.Integer(),
    createdByName: Type.String(),
    since: Type.String({ format: 'date-time' }),
  }),
  Type.Object({
    kind: Type.Literal('grant_request'),
    id: Uuid,
    userName: Type.String(),
    roleCode: Type.String(),
    requestedByName: Type.String(),
    since: Type.String({ format: 'date-time' }),
  }),
  Type.Object({
    /** sampled accesses or break-the-glass accesses not yet reviewed */
    kind: Type.Union([Type.Literal('audit_samples'), Type.Literal('break_glass_reviews')]),
    count: Type.Integer(),
    since: Type.String({ format: 'date-time' }),
  }),
  Type.Object({
    /** the units' deadline queue: deadlines nobody is responsible for yet */
    kind: Type.Literal('deadline_queue'),
    count: Type.Integer(),
    overdueCount: Type.Integer(),
  }),
])
export type DeskWaiting = Static<typeof DeskWaiting>

export const Desk = Type.Object({
  today: IsoDate,
  /** the appointments shown run from today to the Sunday of this week */
  weekEnd: IsoDate,
  clients: Type.Union([Type.Array(DeskClient), Type.Null()]),
  appointments: Type.Union([Type.Array(DeskAppointment), Type.Null()]),
  drafts: Type.Union([Type.Array(DeskDraft), Type.Null()]),
  deadlines: Type.Union([
    Type.Object({
      /** overdue ones and those due within `soonDays` working days, due date first */
      items: Type.Array(DeskDeadline),
      overdueCount: Type.Integer(),
      /** all my open deadlines (the rest are on the deadlines page) */
      total: Type.Integer(),
      soonDays: Type.Integer(),
    }),
    Type.Null(),
  ]),
  waiting: Type.Union([Type.Array(DeskWaiting), Type.Null()]),
})
export type Desk = Static<typeof Desk>

export const deskEndpoints = endpoints({
  'desk.read': {
    method: 'GET',
    path: '/api/desk',
    action: 'desk:read',
    summary: 'The signed-in user\'s desk: my clients, this week\'s appointments, my drafts and deadlines, what waits for me',
    response: { 200: Desk },
  },
})

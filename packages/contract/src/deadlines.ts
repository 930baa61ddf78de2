import Type, { type Static } from 'typebox'
import { IsoDate, Uuid } from './common'
import { endpoints } from './endpoint'

/*
 * Määräajat — statutory deadlines of every service as one worklist (the case kernel's `deadline` rows): the worker's
 * own (where they are the responsible worker) and their units' queues (nobody responsible yet), overdue and urgent
 * marked, reminders shown. Each service's own worklist (e.g. income support's) is a consumer of the same rows.
 */

export const DeadlineScope = Type.Union([Type.Literal('mine'), Type.Literal('unit')])
export type DeadlineScope = Static<typeof DeadlineScope>

export const DeadlineQuery = Type.Object(
  {
    /** mine: where I am the responsible worker; unit: my units' deadlines with nobody responsible (the queue) */
    scope: Type.Optional(DeadlineScope),
    /** one of the user's units (unit scope); absent = all of them */
    unitId: Type.Optional(Uuid),
    /** only overdue ones */
    overdue: Type.Optional(Type.Boolean()),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
  },
  { additionalProperties: false },
)
export type DeadlineQuery = Static<typeof DeadlineQuery>

/** Where an open deadline stands today. */
export const OpenDeadlineStanding = Type.Union([Type.Literal('upcoming'), Type.Literal('due_today'), Type.Literal('overdue'), Type.Literal('paused')])
export type OpenDeadlineStanding = Static<typeof OpenDeadlineStanding>

export const DeadlineItem = Type.Object({
  id: Uuid,
  /** `<service>.<deadline>`, e.g. `income_support.decision` */
  kind: Type.String(),
  serviceTask: Type.String(),
  unitId: Uuid,
  unitName: Type.String(),
  /** the law the deadline comes from, e.g. `TTTL 14 a §` */
  legalBasis: Type.String(),
  /** the client (when the deadline is about one) */
  /** the client (when the deadline is about one); canOpen: the user may open the card (a queue may name others) */
  person: Type.Union([Type.Object({ id: Uuid, name: Type.String(), canOpen: Type.Boolean() }), Type.Null()]),
  responsibleName: Type.Union([Type.String(), Type.Null()]),
  startedOn: IsoDate,
  dueOn: IsoDate,
  urgent: Type.Boolean(),
  state: Type.Union([Type.Literal('open'), Type.Literal('paused')]),
  standing: OpenDeadlineStanding,
  /** negative when overdue */
  workingDaysLeft: Type.Integer(),
  /** a reminder has been made for this due date (the daily deadline round) */
  reminded: Type.Boolean(),
})
export type DeadlineItem = Static<typeof DeadlineItem>

export const DeadlineList = Type.Object({
  today: IsoDate,
  items: Type.Array(DeadlineItem),
  total: Type.Integer(),
  overdueCount: Type.Integer(),
  /** the user's units (for the unit filter) */
  units: Type.Array(Type.Object({ id: Uuid, name: Type.String() })),
})
export type DeadlineList = Static<typeof DeadlineList>

export const deadlinesEndpoints = endpoints({
  'deadlines.list': {
    method: 'GET',
    path: '/api/deadlines',
    action: 'deadlines:list',
    summary: 'Statutory deadlines of every service: mine, or my units\' queue, by due date with overdue and urgent marked',
    query: DeadlineQuery,
    response: { 200: DeadlineList },
  },
})

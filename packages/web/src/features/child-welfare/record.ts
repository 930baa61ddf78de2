import type { ChildWelfareRecord, DeadlineInfo, Placement, Plan, Position } from '@huoma/contract'
import { ageOn, localDate } from '@huoma/domain'
import { isIsoDate } from '../../lib/format'

/**
 * The rules of the child's child welfare page that are not drawing: the placements as a timeline, how a deadline is
 * marked, who is heard before a care order, whether the child is placed, the plans current and earlier.
 */

/** A deadline this many working days ahead or fewer is marked "due soon". */
export const DUE_SOON_WORKING_DAYS = 5

export type DeadlineMark = 'overdue' | 'due_today' | 'due_soon' | 'open' | 'paused' | 'met' | 'met_late' | 'cancelled'

/** How a deadline is marked on the page: overdue, today, due soon (five working days or fewer), or as it stands. */
export function deadlineMark(info: DeadlineInfo): DeadlineMark {
  if (info.state === 'met') return info.standing === 'met_late' ? 'met_late' : 'met'
  if (info.state === 'cancelled') return 'cancelled'
  if (info.state === 'paused') return 'paused'
  if (info.standing === 'overdue' || info.workingDaysLeft < 0) return 'overdue'
  if (info.standing === 'due_today') return 'due_today'
  return info.workingDaysLeft <= DUE_SOON_WORKING_DAYS ? 'due_soon' : 'open'
}

export type PlacementPhase = 'current' | 'upcoming' | 'ended'

export interface TimelineEntry {
  placement: Placement
  phase: PlacementPhase
}

/** Where a placement stands on `today`: begun and not ended, still to begin, or ended (the end day still counts). */
export function placementPhase(p: Pick<Placement, 'startsOn' | 'endsOn'>, today: string): PlacementPhase {
  if (p.startsOn > today) return 'upcoming'
  if (p.endsOn !== null && p.endsOn < today) return 'ended'
  return 'current'
}

/**
 * The placements as a timeline, the latest first: by the day they began, and of two that began on the same day the
 * one still open (then the one that ended later) first. Each with where it stands today.
 */
export function placementTimeline(placements: readonly Placement[], today: string): TimelineEntry[] {
  const endKey = (p: Placement) => p.endsOn ?? '9999-12-31'
  return [...placements]
    .sort((a, b) => (a.startsOn !== b.startsOn ? (a.startsOn < b.startsOn ? 1 : -1) : endKey(a) < endKey(b) ? 1 : endKey(a) > endKey(b) ? -1 : 0))
    .map((placement) => ({ placement, phase: placementPhase(placement, today) }))
}

/** Whether the child is placed on `day` (the parents' own plan is made only then). */
export function isPlaced(record: Pick<ChildWelfareRecord, 'placements'>, day: string): boolean {
  return record.placements.some((p) => p.basis !== 'after_care' && placementPhase(p, day) === 'current')
}

/** The urgent placement still open, which a care order or the court's filing continues or ends. */
export function openUrgentPlacement(record: Pick<ChildWelfareRecord, 'placements'>): Placement | undefined {
  return record.placements.find((p) => p.basis === 'urgent' && p.endsOn === null)
}

/** The age a child with this birth date has on `day`; null when either is unknown. */
export function ageOnDay(birthDate: string | null, day: string): number | null {
  if (!birthDate || !isIsoDate(birthDate) || !isIsoDate(day)) return null
  return ageOn(localDate(birthDate), localDate(day))
}

/** Whose position a care order hears (LSL 42–43 §): every guardian, and the child from the age of 12. */
export interface Party {
  personId: string
  name: string
  role: 'guardian' | 'child'
}

export const CHILD_HEARD_FROM_AGE = 12

/**
 * The parties of a care order on the day of the decision: the child's current guardians in the record's order, then
 * the child when 12 or over on that day (today's age while the day is not given yet).
 */
export function careOrderParties(record: Pick<ChildWelfareRecord, 'person' | 'guardians'>, decidedOn: string): Party[] {
  const guardians: Party[] = record.guardians.map((g) => ({ personId: g.id, name: g.name, role: 'guardian' }))
  const age = ageOnDay(record.person.birthDate, decidedOn) ?? record.person.ageToday
  return age !== null && age >= CHILD_HEARD_FROM_AGE ? [...guardians, { personId: record.person.id, name: record.person.name, role: 'child' }] : guardians
}

export interface PositionDraft {
  position: Position | ''
  heardOn: string
  note: string
}

export const emptyPosition = (): PositionDraft => ({ position: '', heardOn: '', note: '' })

/** The positions as the body carries them, in the parties' order (a position not chosen is left for the check). */
export function positionsBody(parties: readonly Party[], drafts: Readonly<Record<string, PositionDraft>>) {
  return parties.flatMap((party) => {
    const d = drafts[party.personId] ?? emptyPosition()
    if (!d.position) return []
    return [{ personId: party.personId, position: d.position, heardOn: d.position === 'not_heard' ? d.heardOn || null : d.heardOn, note: d.note.trim() || null }]
  })
}

/** Whether one of the parties objects: the care order then becomes an application to the administrative court. */
export const anyObjection = (parties: readonly Party[], drafts: Readonly<Record<string, PositionDraft>>) =>
  parties.some((p) => drafts[p.personId]?.position === 'objection')

export interface PlanGroup {
  kind: Plan['kind']
  current: Plan | undefined
  /** the earlier versions, the latest first */
  earlier: Plan[]
}

/** The plans of one kind: the current version and the earlier ones, the latest first. */
export function planGroup(plans: readonly Plan[], kind: Plan['kind']): PlanGroup {
  const own = plans.filter((p) => p.kind === kind).sort((a, b) => (a.madeOn !== b.madeOn ? (a.madeOn < b.madeOn ? 1 : -1) : 0))
  return { kind, current: own.find((p) => p.current), earlier: own.filter((p) => !p.current) }
}

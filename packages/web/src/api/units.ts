import { platformEndpoints, type SessionUser, type UnitList } from '@huoma/contract'
import { callApi } from './endpoint'

export type Unit = UnitList['units'][number]

/** The organisation's active units (`GET /api/units`): no client data; the user's own are marked. */
export async function fetchUnits(signal?: AbortSignal): Promise<Unit[]> {
  const list = await callApi(platformEndpoints['platform.units'], signal ? { signal } : {})
  return list.units
}

/**
 * The units whose queue the user may register into (an income support application, a child welfare notification):
 * the office secretary any unit, others the units where a grant of theirs covers the service task.
 */
export function registrationUnits(units: readonly Unit[], user: Pick<SessionUser, 'roles'>, serviceTask = 'income_support'): Unit[] {
  if (user.roles.includes('office_secretary')) return [...units]
  return units.filter((u) => u.myServiceTasks.includes(serviceTask))
}

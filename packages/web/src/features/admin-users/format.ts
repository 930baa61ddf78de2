import type { OrgNames, OrganisationStructure } from '@huoma/contract'
import { currentLanguage } from '../../lib/language'

/** The name in the UI language. */
export function localName(names: OrgNames): string {
  return names[currentLanguage()]
}

/** OrgNames of units and service tasks from the organisation structure; an unknown code is shown as it is. */
export function organisationNames(org: OrganisationStructure | undefined) {
  const units = new Map(org?.units.map((u) => [u.id, u]) ?? [])
  const tasks = new Map(org?.serviceTasks.map((s) => [s.code, s]) ?? [])
  return {
    unit: (id: string) => {
      const unit = units.get(id)
      return unit ? localName(unit.names) : id
    },
    unitCode: (id: string) => units.get(id)?.code ?? '',
    task: (code: string) => {
      const task = tasks.get(code)
      return task ? localName(task.names) : code
    },
  }
}

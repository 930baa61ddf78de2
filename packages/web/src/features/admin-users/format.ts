import type { OrgNames, OrganisationStructure } from '@huoma/contract'
import { currentLanguage } from '../../i18n'

/** The name in the UI language. */
export function localName(names: OrgNames): string {
  return names[currentLanguage()]
}

/** Today's calendar date in Finland as `YYYY-MM-DD` (grants' dates are Helsinki dates). */
export function todayInHelsinki(now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Helsinki', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now)
}

/** A `YYYY-MM-DD` date as the UI language writes it (1.3.2026, 2026-03-01, …). */
export function formatDate(iso: string): string {
  const date = new Date(`${iso}T00:00:00Z`)
  if (Number.isNaN(date.getTime())) return iso
  return new Intl.DateTimeFormat(currentLanguage() === 'en' ? 'en-GB' : currentLanguage(), { timeZone: 'UTC' }).format(date)
}

/** A moment as a date and time in Finland. */
export function formatDateTime(iso: string): string {
  const date = new Date(iso)
  if (Number.isNaN(date.getTime())) return iso
  return new Intl.DateTimeFormat(currentLanguage() === 'en' ? 'en-GB' : currentLanguage(), {
    timeZone: 'Europe/Helsinki',
    dateStyle: 'short',
    timeStyle: 'short',
  }).format(date)
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

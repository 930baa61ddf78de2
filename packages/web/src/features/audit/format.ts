import { useTranslation } from 'react-i18next'
import { currentLanguage } from '../../i18n'

const locale = () => ({ fi: 'fi-FI', sv: 'sv-FI', en: 'en-GB' })[currentLanguage()]

/** A moment as date and time in Helsinki, in the UI language. */
export function formatDateTime(iso: string): string {
  return new Intl.DateTimeFormat(locale(), {
    timeZone: 'Europe/Helsinki',
    day: 'numeric',
    month: 'numeric',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  }).format(new Date(iso))
}

/** Today's calendar date in Helsinki, `YYYY-MM-DD`. */
export function helsinkiToday(now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Helsinki', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now)
}

/** `date` moved by whole months (the last day of a shorter month when the day does not exist). */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number]
  const index = y * 12 + (m - 1) + months
  const year = Math.floor(index / 12)
  const month = (index % 12) + 1
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate()
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`
}

export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** Labels for codes from the log; a code the dictionary does not know is shown as it is. */
export function useLabels() {
  const { t } = useTranslation()
  const label = (group: string, code: string | null | undefined) => (code ? t(`${group}.${code}`, { defaultValue: code }) : '–')
  return {
    role: (code: string | null) => label('roles', code),
    action: (code: string) => label('audit.actions', code),
    outcome: (code: string) => label('audit.outcomes', code),
    basis: (code: string | null) => label('audit.bases', code),
    verdict: (code: string | null) => label('audit.verdicts', code),
  }
}

export const AUDIT_ACTIONS = ['view', 'insert', 'update', 'delete', 'print', 'export', 'disclose', 'search', 'security'] as const
export const AUDIT_OUTCOMES = ['success', 'denied', 'failure'] as const
export const VERDICTS = ['justified', 'unjustified', 'needs_follow_up'] as const
export type VerdictCode = (typeof VERDICTS)[number]

import { useTranslation } from 'react-i18next'

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

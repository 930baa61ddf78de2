import type { Problem } from '@huoma/contract'

/**
 * A field pointer of the server (`body.claims.expenses[0].amountCents`, `/claims/expenses/0/amountCents`) as one
 * dotted path: `claims.expenses.0.amountCents`.
 */
export function normalisePath(field: string): string {
  return field
    .replace(/^\/?body[./]?/, '')
    .replace(/\[(\d+)\]/g, '.$1')
    .replace(/\//g, '.')
    .replace(/^\.+|\.+$/g, '')
}

export type FieldErrors = Record<string, string>

/** The problem's field messages keyed by dotted path (several for one field joined). */
export function fieldErrorsOf(problem: Problem | undefined): FieldErrors {
  const result: FieldErrors = {}
  for (const { field, message } of problem?.errors ?? []) {
    const path = normalisePath(field)
    result[path] = result[path] ? `${result[path]} ${message}` : message
  }
  return result
}

/** The messages whose field is not one of `shown` (they go to the form's summary instead). */
export function otherMessages(errors: FieldErrors, shown: ReadonlySet<string>): string[] {
  return Object.entries(errors)
    .filter(([path]) => !shown.has(path))
    .map(([, message]) => message)
}

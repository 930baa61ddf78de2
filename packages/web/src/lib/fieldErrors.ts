/**
 * The field-level messages of a problem+json answer (`errors[]`: a pointer to the field and a message already in
 * the UI language), shown at the form's own fields; whatever no field of the form shows goes to the form's alert.
 */
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

/**
 * Splits a problem's `errors[]` into messages for the form's own fields and the rest. A pointer names its field by
 * its last segment that is not an array index: `body.username`, `/username` and `username` all mean `username`,
 * and `body.otherParticipants.2` means `otherParticipants`. Several messages for one field are joined.
 */
export function splitFieldErrors<F extends string>(
  problem: Problem,
  fields: readonly F[],
): { byField: Partial<Record<F, string>>; other: string[] } {
  const byField: Partial<Record<F, string>> = {}
  const other: string[] = []
  for (const { field, message } of problem.errors ?? []) {
    const name = normalisePath(field).split('.').filter((segment) => !/^\d+$/.test(segment)).pop() ?? ''
    const known = fields.find((candidate) => candidate === name)
    if (known === undefined) other.push(message)
    else byField[known] = byField[known] ? `${byField[known]} ${message}` : message
  }
  return { byField, other }
}

/** Field messages keyed by dotted path, for forms whose fields are nested (claims, parameters, ledgers). */
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

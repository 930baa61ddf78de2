import type { Problem } from '@huoma/contract'

/**
 * Splits a problem's `errors[]` into messages for the form's own fields (keyed by the last segment of the
 * pointer: `body.username`, `/username` and `username` all mean `username`) and the rest.
 */
export function splitFieldErrors<F extends string>(
  problem: Problem,
  fields: readonly F[],
): { byField: Partial<Record<F, string>>; other: string[] } {
  const byField: Partial<Record<F, string>> = {}
  const other: string[] = []
  for (const { field, message } of problem.errors ?? []) {
    const name = field.split(/[./]/).pop() ?? ''
    const known = fields.find((candidate) => candidate === name)
    if (known === undefined) other.push(message)
    else byField[known] = byField[known] ? `${byField[known]} ${message}` : message
  }
  return { byField, other }
}

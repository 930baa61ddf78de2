/** Command-line numbers of the bench commands. */

/** A non-negative integer option (`_` allowed as a thousands separator), or `fallback` when it is not given. */
export function positiveInt(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined) return fallback
  const n = Number(raw.replace(/_/g, ''))
  if (!Number.isFinite(n) || n < 0 || !Number.isInteger(n)) throw new Error(`--${name} must be a non-negative integer, got "${raw}"`)
  return n
}

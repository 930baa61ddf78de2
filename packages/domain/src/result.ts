/**
 * Outcome of validating untrusted input. Errors are stable machine-readable codes (never prose) so that the
 * server and the UI can translate them.
 */
export type Result<T, E extends string> = { ok: true; value: T } | { ok: false; error: E };

/** @internal */
export const ok = <T>(value: T): { ok: true; value: T } => ({ ok: true, value });
/** @internal */
export const err = <E extends string>(error: E): { ok: false; error: E } => ({ ok: false, error });

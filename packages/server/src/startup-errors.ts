import { DatabaseOpenError } from './db/database'
import { DataDirLockedError } from './db/lock'
import { MigrationError } from './db/migrate'

/** A startup failure as one clear paragraph for the operator (no stack trace for the expected cases). */
export function describeStartupError(e: unknown): string {
  if (e instanceof DataDirLockedError || e instanceof DatabaseOpenError) return `Huoma cannot start: ${e.message}`
  if (e instanceof MigrationError) return `Huoma cannot start: a database migration failed. ${e.message}`
  const err = e as NodeJS.ErrnoException
  if (err?.code === 'EADDRINUSE') return `Huoma cannot start: the port is already in use (${err.message}). Set PORT to another port.`
  if (err?.code === 'EACCES') return `Huoma cannot start: permission denied (${err.message}).`
  return `Huoma cannot start: ${err?.stack ?? String(e)}`
}

import { createHash } from 'node:crypto'
// the auth module's own tables in the database type (declaration merging)
import type {} from './schema'
import type { SessionStage } from '../../access/session'
import { sql, type Kysely } from 'kysely'
import type { SecuritySettings } from '../../config'
import { appendAudit, type AuditEvent, type Executor } from '../../access/audit'
import { storeRecoveryCodes, removeSecondFactor } from '../../access/mfa'
import { createSession, revokeAllSessions, revokeOtherSessions, revokeSession, type NewSession } from '../../access/session'
import type { Database } from '../../db/database'
import type { DB } from '../../db/schema'

/*
 * The staff member's own account: sign-in, lockout, sessions, password and second factor. Every multi-step change is
 * one transaction with its audit rows. Nothing here reads a client table.
 */

/** The handle of the sign-in flows. */
// eslint-disable-next-line no-restricted-syntax -- sign-in reads and writes staff accounts and sessions, never client data
export const accountsDb = (app: { database: Database }): Kysely<DB> => app.database.db

/** Where a new session comes from (kept on the session row). */
export interface SessionOrigin {
  clientAddress: string
  userAgent: string | undefined
}

const lockedNow = sql<boolean>`locked_until IS NOT NULL AND locked_until > now()`
/** The end of a lockout starting now. */
const lockEnd = (settings: SecuritySettings) => sql<Date>`now() + make_interval(mins => ${settings.lockoutMinutes})`
/** What the failure count of a user name that does not exist is kept under (a mistyped name can be personal data). */
const nameKey = (username: string) => createHash('sha256').update(username).digest()

/** Locks the account for `lockoutMinutes`; the counter starts over. */
async function lockAccount(trx: Executor, settings: SecuritySettings, userId: string): Promise<void> {
  await trx.updateTable('staff_user').set({ locked_until: lockEnd(settings), failed_logins: 0 }).where('id', '=', userId).execute()
}

/** What a password sign-in needs of the user with this (normalised) username. */
export async function findLoginUser(db: Executor, username: string) {
  return db
    .selectFrom('staff_user')
    .select(['id', 'password_hash', 'active', 'totp_enabled_at', 'password_changed_at'])
    .where('username', '=', username)
    .executeTakeFirst()
}

/**
 * A failed sign-in for a user name that does not exist (or an inactive account), counted and locked exactly like a
 * real account's failures, so that the answer — 401, then 423 at the threshold and while "locked" — does not tell
 * which user names exist. Keyed by a SHA-256 of the normalised name. Returns whether the name is locked now (before
 * or by this attempt).
 */
export async function recordUnknownFailure(db: Executor, settings: SecuritySettings, username: string): Promise<boolean> {
  const key = nameKey(username)
  // the stored row's columns, named as ON CONFLICT's SET needs them
  const lockedStored = sql<boolean>`login_unknown_attempt.locked_until IS NOT NULL AND login_unknown_attempt.locked_until > now()`
  const row = await db
    .insertInto('login_unknown_attempt')
    .values({ username_hash: key, failed_logins: 1 })
    .onConflict((oc) =>
      oc.column('username_hash').doUpdateSet({
        // while locked the count stays; a passed lock starts it over
        failed_logins: sql<number>`CASE WHEN ${lockedStored} THEN login_unknown_attempt.failed_logins WHEN login_unknown_attempt.locked_until IS NOT NULL THEN 1 ELSE login_unknown_attempt.failed_logins + 1 END`,
        locked_until: sql<Date | null>`CASE WHEN ${lockedStored} THEN login_unknown_attempt.locked_until END`,
        updated_at: sql<Date>`now()`,
      }),
    )
    .returning(['failed_logins', lockedNow.as('locked')])
    .executeTakeFirstOrThrow()
  if (row.locked) return true
  if (row.failed_logins < settings.lockoutThreshold) return false
  await db.updateTable('login_unknown_attempt').set({ locked_until: lockEnd(settings), failed_logins: 0 }).where('username_hash', '=', key).execute()
  return true
}

/** Whether a user name that does not exist is "locked" now (answered without checking the password, as a real one). */
export async function unknownLocked(db: Executor, username: string): Promise<boolean> {
  const row = await db
    .selectFrom('login_unknown_attempt')
    .select(lockedNow.as('locked'))
    .where('username_hash', '=', nameKey(username))
    .executeTakeFirst()
  return row?.locked ?? false
}

/** Whether the account is locked now. */
export async function isLocked(db: Executor, userId: string): Promise<boolean> {
  const row = await db.selectFrom('staff_user').select(lockedNow.as('locked')).where('id', '=', userId).executeTakeFirst()
  return row?.locked ?? false
}

/**
 * Counts a failed password or second-factor attempt towards the lockout shared by both. At the threshold the
 * account is locked for `lockoutMinutes` and the counter starts over. Returns whether this attempt locked it.
 */
export async function countFailure(trx: Executor, settings: SecuritySettings, userId: string): Promise<boolean> {
  const r = await trx
    .updateTable('staff_user')
    .set((eb) => ({ failed_logins: eb('failed_logins', '+', 1) }))
    .where('id', '=', userId)
    .returning('failed_logins')
    .executeTakeFirstOrThrow()
  if (r.failed_logins < settings.lockoutThreshold) return false
  await lockAccount(trx, settings, userId)
  return true
}

/**
 * A password attempt takes its place in the failure count before the password is checked, in one conditional
 * statement: the count goes up only while the account is not locked, and the attempt learns its place. So parallel
 * guesses cannot all pass the lock check before any failure is counted: an attempt whose place is beyond the
 * threshold is refused without a check (and gives its place back), and the one at the threshold locks the account
 * when it fails. Returns the place, or null when the account is locked.
 */
export async function reserveAttempt(db: Executor, userId: string): Promise<number | null> {
  const r = await db
    .updateTable('staff_user')
    .set((eb) => ({ failed_logins: eb('failed_logins', '+', 1) }))
    .where('id', '=', userId)
    .where(sql<boolean>`NOT (${lockedNow})`)
    .returning('failed_logins')
    .executeTakeFirst()
  return r ? r.failed_logins : null
}

/** Gives back an attempt's place in the count (an attempt refused beyond the threshold). */
export async function releaseAttempt(db: Executor, userId: string): Promise<void> {
  await db
    .updateTable('staff_user')
    .set({ failed_logins: sql<number>`greatest(failed_logins - 1, 0)` })
    .where('id', '=', userId)
    .execute()
}

/**
 * A reserved attempt that failed, in one transaction: already counted, it locks the account when its place reached
 * the threshold (the counter starts over), and the audit rows `audit(locked)` are appended. Returns whether it locked.
 */
export async function recordReservedFailure(db: Kysely<DB>, settings: SecuritySettings, userId: string, place: number, audit: (locked: boolean) => AuditEvent[]): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const locks = place >= settings.lockoutThreshold
    if (locks) await lockAccount(trx, settings, userId)
    await appendAudit(trx, ...audit(locks))
    return locks
  })
}

/**
 * A failed attempt, in one transaction: counted towards the lockout, every session of the user ended when it
 * locks the account (`endSessionsOnLock`), and the audit rows `audit(locked)` appended. Returns whether it locked.
 */
export async function recordFailure(
  db: Kysely<DB>,
  settings: SecuritySettings,
  userId: string,
  opts: { endSessionsOnLock: boolean; audit: (locked: boolean) => AuditEvent[] },
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const locked = await countFailure(trx, settings, userId)
    if (locked && opts.endSessionsOnLock) await revokeAllSessions(trx, userId)
    await appendAudit(trx, ...opts.audit(locked))
    return locked
  })
}

const clearFailures = (trx: Executor, userId: string) =>
  trx.updateTable('staff_user').set({ failed_logins: 0, locked_until: null }).where('id', '=', userId).execute()

const newSession = (trx: Executor, settings: SecuritySettings, userId: string, stage: SessionStage, origin: SessionOrigin) =>
  createSession(trx, settings, { userId, stage, clientAddress: origin.clientAddress, userAgent: origin.userAgent })

/**
 * A sign-in step that issues a session, in one transaction: the failure count is cleared only when the sign-in is
 * complete (`clearFailures`: knowing the password must not reset the count of wrong second-factor codes), the
 * session it replaces is revoked (`replaces`: a token seen before the second factor is worth nothing), and the audit
 * rows are appended.
 */
interface SignInArgs {
  userId: string
  stage: SessionStage
  origin: SessionOrigin
  clearFailures: boolean
  replaces?: Buffer
  audit: AuditEvent[]
}

export async function issueSignInSession(db: Kysely<DB>, settings: SecuritySettings, args: SignInArgs): Promise<NewSession> {
  return (await signInSession(db, settings, { ...args, reserved: false }))!
}

/**
 * The same for a password attempt that took its place in the count (`reserveAttempt`): null, and nothing written,
 * when a parallel attempt has locked the account meanwhile.
 */
export async function issueReservedSignInSession(db: Kysely<DB>, settings: SecuritySettings, args: SignInArgs): Promise<NewSession | null> {
  return signInSession(db, settings, { ...args, reserved: true })
}

async function signInSession(
  db: Kysely<DB>,
  settings: SecuritySettings,
  args: SignInArgs & { reserved: boolean },
): Promise<NewSession | null> {
  return db.transaction().execute(async (trx) => {
    if (args.reserved) {
      // the attempt's place is given back (or the count cleared) only while the account is still open: a parallel
      // attempt may have locked it since this one's place was taken, and then this one is refused too
      const open = await trx
        .updateTable('staff_user')
        .set({ failed_logins: args.clearFailures ? 0 : sql<number>`greatest(failed_logins - 1, 0)` })
        .where('id', '=', args.userId)
        .where(sql<boolean>`NOT (${lockedNow})`)
        .returning('id')
        .executeTakeFirst()
      if (!open) return null
    } else if (args.clearFailures) await clearFailures(trx, args.userId)
    if (args.replaces) await revokeSession(trx, args.replaces)
    const session = await newSession(trx, settings, args.userId, args.stage, args.origin)
    await appendAudit(trx, ...args.audit)
    return session
  })
}

/** Ends one session (sign-out) with its audit row. */
export async function endSession(db: Kysely<DB>, sessionId: Buffer, audit: AuditEvent): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await revokeSession(trx, sessionId)
    await appendAudit(trx, audit)
  })
}

/** Ends every session of the user with the audit row. */
export async function endAllSessions(db: Kysely<DB>, userId: string, audit: AuditEvent): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await revokeAllSessions(trx, userId)
    await appendAudit(trx, audit)
  })
}

/** One's own account security: the user row's dates and second-factor state, and the unused recovery codes. */
export async function accountSecurity(db: Executor, userId: string) {
  const user = await db
    .selectFrom('staff_user')
    .select(['username', 'password_changed_at', 'totp_enabled_at', 'totp_secret', 'mfa_exempt'])
    .where('id', '=', userId)
    .executeTakeFirstOrThrow()
  const codes = await db
    .selectFrom('staff_recovery_code')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('user_id', '=', userId)
    .where('used_at', 'is', null)
    .executeTakeFirstOrThrow()
  return { ...user, unusedRecoveryCodes: Number(codes.n) }
}

/** The hashes of the user's earlier passwords, newest first (at most `limit`). */
export async function earlierPasswordHashes(db: Executor, userId: string, limit: number): Promise<string[]> {
  if (limit <= 0) return []
  const rows = await db.selectFrom('staff_password_history').select('password_hash').where('user_id', '=', userId).orderBy('id', 'desc').limit(limit).execute()
  return rows.map((r) => r.password_hash)
}

/** The username and password hash, to check the current password. */
export async function credentials(db: Executor, userId: string) {
  return db.selectFrom('staff_user').select(['username', 'password_hash']).where('id', '=', userId).executeTakeFirstOrThrow()
}

/**
 * A changed password, in one transaction: the new hash (the lockout cleared), every session ended and a new active
 * one issued (a changed password is a new sign-in), and the audit row.
 */
export async function changePassword(
  db: Kysely<DB>,
  settings: SecuritySettings,
  args: { userId: string; hash: string; origin: SessionOrigin; audit: AuditEvent },
): Promise<NewSession> {
  return db.transaction().execute(async (trx) => {
    // the password being replaced goes to the history; only the newest `passwordHistory` are kept
    const old = await trx.selectFrom('staff_user').select('password_hash').where('id', '=', args.userId).forUpdate().executeTakeFirstOrThrow()
    if (old.password_hash && settings.passwordHistory > 0) {
      await trx.insertInto('staff_password_history').values({ user_id: args.userId, password_hash: old.password_hash }).execute()
      await trx
        .deleteFrom('staff_password_history')
        .where('user_id', '=', args.userId)
        .where('id', 'not in', (eb) => eb.selectFrom('staff_password_history').select('id').where('user_id', '=', args.userId).orderBy('id', 'desc').limit(settings.passwordHistory))
        .execute()
    }
    await trx
      .updateTable('staff_user')
      .set({ password_hash: args.hash, password_changed_at: sql<Date>`now()`, failed_logins: 0, locked_until: null })
      .where('id', '=', args.userId)
      .execute()
    // Every other session ends; this one is replaced by a new token (a changed password is a new sign-in).
    await revokeAllSessions(trx, args.userId)
    const session = await newSession(trx, settings, args.userId, 'active', args.origin)
    await appendAudit(trx, args.audit)
    return session
  })
}

/* ---- The second factor ------------------------------------------------------------------------------------- */

/** The user's second-factor state (the sealed TOTP state, when enrolled) and password age. */
export async function secondFactor(db: Executor, userId: string) {
  return db
    .selectFrom('staff_user')
    .select(['username', 'password_hash', 'totp_secret', 'totp_enabled_at', 'password_changed_at'])
    .where('id', '=', userId)
    .executeTakeFirstOrThrow()
}

/**
 * Replaces the sealed TOTP state if it is still `expected` (compare-and-set: of two requests with the same code,
 * only one gets through). Returns whether it was replaced.
 */
export async function replaceTotpState(db: Executor, userId: string, expected: string, sealed: string): Promise<boolean> {
  const r = await db.updateTable('staff_user').set({ totp_secret: sealed }).where('id', '=', userId).where('totp_secret', '=', expected).executeTakeFirst()
  return Number(r.numUpdatedRows) === 1
}

/** The organisation's name, for the account name shown in authenticator apps. */
export async function organisationName(db: Executor): Promise<string | undefined> {
  return (await db.selectFrom('organisation').select('name').orderBy('created_at').limit(1).executeTakeFirst())?.name
}

/** Keeps a new, unconfirmed TOTP secret (sealed) for a user who has none enabled, with the audit row. */
export async function startEnrolment(db: Kysely<DB>, userId: string, sealed: string, audit: AuditEvent): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('staff_user').set({ totp_secret: sealed }).where('id', '=', userId).where('totp_enabled_at', 'is', null).execute()
    await appendAudit(trx, audit)
  })
}

/**
 * Confirms the enrolment of the secret sealed as `expected`, in one transaction: the state with the accepted step,
 * the recovery codes, every other session ended (opened without the second factor) and the audit row. Returns
 * false, changing nothing, when the enrolment changed meanwhile.
 */
export async function confirmEnrolment(
  db: Kysely<DB>,
  args: { userId: string; expected: string; sealed: string; recoveryHashes: string[]; keepSession: Buffer; audit: AuditEvent },
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const r = await trx
      .updateTable('staff_user')
      .set({ totp_secret: args.sealed, totp_enabled_at: sql<Date>`now()` })
      .where('id', '=', args.userId)
      .where('totp_secret', '=', args.expected)
      .where('totp_enabled_at', 'is', null)
      .executeTakeFirst()
    if (Number(r.numUpdatedRows) !== 1) return false
    await storeRecoveryCodes(trx, args.userId, args.recoveryHashes)
    await revokeOtherSessions(trx, args.userId, args.keepSession)
    await appendAudit(trx, args.audit)
    return true
  })
}

/** Turns the second factor off (secret and recovery codes) with the audit row. */
export async function disableSecondFactor(db: Kysely<DB>, userId: string, audit: AuditEvent): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await removeSecondFactor(trx, userId)
    await appendAudit(trx, audit)
  })
}

/** Replaces the recovery codes with the prepared hashes, with the audit row. */
export async function replaceRecoveryCodes(db: Kysely<DB>, userId: string, hashes: string[], audit: AuditEvent): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await storeRecoveryCodes(trx, userId, hashes)
    await appendAudit(trx, audit)
  })
}

import type { CreateUserRequest, UpdateUserRequest } from '@huoma/contract'
import { sql, type Kysely } from 'kysely'
import { appendAudit, type Executor } from '../../access/audit'
import type { AuthedContext } from '../../access/context'
import { revokeAllSessions } from '../../access/session'
import type { Database } from '../../db/database'
import type { DB } from '../../db/schema'
import { problems } from '../../http/problem'
import { actorAudit } from '../../access/actor-audit'
import { adminEvents } from './events'
import { adminConflict } from './messages'
import { endGrants } from './repository'

/*
 * Changes of staff accounts, each one transaction with its audit row. Nothing here reads a client table.
 */

/** The handle of user administration. */
// eslint-disable-next-line no-restricted-syntax -- staff accounts and grants, never client data
export const adminDb = (app: { database: Database }): Kysely<DB> => app.database.db

/** Locks the user's row for the transaction and checks the version the main user saw. */
export async function lockUser(trx: Executor, id: string, version?: number) {
  const row = await trx
    .selectFrom('staff_user')
    .select(['id', 'username', 'active', 'version'])
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst()
  if (!row) throw problems.notFound()
  if (version !== undefined && row.version !== version) throw adminConflict('staleVersion')
  return row
}

const bumpVersion = { version: sql<number>`version + 1`, updated_at: sql<Date>`now()` }

const isUniqueViolation = (e: unknown) => typeof e === 'object' && e !== null && (e as { code?: unknown }).code === '23505'

export async function userExists(db: Executor, id: string): Promise<boolean> {
  return (await db.selectFrom('staff_user').select('id').where('id', '=', id).executeTakeFirst()) !== undefined
}

export async function usernameTaken(db: Executor, username: string): Promise<boolean> {
  return (await db.selectFrom('staff_user').select('id').where('username', '=', username).executeTakeFirst()) !== undefined
}

/**
 * Creates the user with the password hash; `password_changed_at` NULL sends them to set a password of their own
 * at the first sign-in. Answers 'taken' when another user got the username meanwhile.
 */
export async function createUser(
  db: Kysely<DB>,
  ctx: AuthedContext,
  user: { username: string; body: CreateUserRequest; passwordHash: string },
): Promise<string | 'taken'> {
  const { username, body, passwordHash } = user
  try {
    return await db.transaction().execute(async (trx) => {
      const row = await trx
        .insertInto('staff_user')
        .values({
          username,
          display_name: body.displayName.trim(),
          email: body.email?.trim() || null,
          language: body.language,
          password_hash: passwordHash,
          // NULL: the sign-in flow sends the user to set a password of their own first (stage password_change).
          password_changed_at: null,
          // the creator saw or chose the first password: they may not ask for or grant it client-content rights
          created_by: ctx.principal.userId,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      await appendAudit(trx, actorAudit(ctx, { event: adminEvents.userCreated, refId: row.id }))
      return row.id
    })
  } catch (e) {
    if (isUniqueViolation(e)) return 'taken'
    throw e
  }
}

/** Changes the name, e-mail or language under the version the main user saw; nothing to change writes nothing. */
export async function updateUser(db: Kysely<DB>, ctx: AuthedContext, id: string, body: UpdateUserRequest): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await lockUser(trx, id, body.version)
    const changes = {
      ...(body.displayName !== undefined ? { display_name: body.displayName.trim() } : {}),
      ...(body.email !== undefined ? { email: body.email?.trim() || null } : {}),
      ...(body.language !== undefined ? { language: body.language } : {}),
    }
    if (!Object.keys(changes).length) return
    await trx.updateTable('staff_user').set({ ...changes, ...bumpVersion }).where('id', '=', id).execute()
    await appendAudit(trx, actorAudit(ctx, { event: adminEvents.userUpdated, refId: id }))
  })
}

/** Deactivates the user: every grant ends today and every session is revoked, in one transaction. */
export async function deactivateUser(db: Kysely<DB>, ctx: AuthedContext, id: string, version: number): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const user = await lockUser(trx, id, version)
    if (id === ctx.principal.userId) throw adminConflict('selfDeactivation')
    if (!user.active) throw adminConflict('alreadyInactive')
    await trx
      .updateTable('staff_user')
      .set({ active: false, deactivated_at: sql<Date>`now()`, ...bumpVersion })
      .where('id', '=', id)
      .execute()
    await endGrants(trx, { userId: id })
    await revokeAllSessions(trx, id)
    await appendAudit(trx, actorAudit(ctx, { event: adminEvents.userDeactivated, refId: id }))
  })
}

/** Reactivates the user (without grants) and clears the lockout. */
export async function reactivateUser(db: Kysely<DB>, ctx: AuthedContext, id: string, version: number): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const user = await lockUser(trx, id, version)
    if (user.active) throw adminConflict('alreadyActive')
    await trx
      .updateTable('staff_user')
      .set({ active: true, deactivated_at: null, failed_logins: 0, locked_until: null, ...bumpVersion })
      .where('id', '=', id)
      .execute()
    await appendAudit(trx, actorAudit(ctx, { event: adminEvents.userReactivated, refId: id }))
  })
}

/** Removes the user's TOTP secret and recovery codes and revokes every session. */
export async function resetSecondFactor(db: Kysely<DB>, ctx: AuthedContext, id: string, version: number): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await lockUser(trx, id, version)
    await trx.updateTable('staff_user').set({ totp_secret: null, totp_enabled_at: null, ...bumpVersion }).where('id', '=', id).execute()
    await trx.deleteFrom('staff_recovery_code').where('user_id', '=', id).execute()
    await revokeAllSessions(trx, id)
    await appendAudit(trx, actorAudit(ctx, { event: adminEvents.mfaReset, refId: id }))
  })
}

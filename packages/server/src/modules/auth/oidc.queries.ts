import { sql, type Kysely } from 'kysely'
import type { SecuritySettings } from '../../config'
import { appendAudit, type AuditEvent, type Executor } from '../../access/audit'
import { createSession, type NewSession } from '../../access/session'
import type { DB } from '../../db/schema'
import type { SessionOrigin } from './account.queries'

/*
 * Single sign-on's tables: the pending login flows (state, nonce, PKCE verifier) and the identities linked to staff
 * users. Nothing here reads a client table.
 */

/** Keeps a new login flow under the hash of its cookie token for `minutes`, clearing the expired ones first. */
export async function saveFlow(
  db: Kysely<DB>,
  flow: { id: Buffer; state: string; nonce: string; codeVerifier: string; redirectUri: string; minutes: number },
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('oidc_login_flow').where(sql<boolean>`expires_at <= now()`).execute()
    await trx
      .insertInto('oidc_login_flow')
      .values({
        id: flow.id,
        state: flow.state,
        nonce: flow.nonce,
        code_verifier: flow.codeVerifier,
        redirect_uri: flow.redirectUri,
        expires_at: sql<Date>`now() + make_interval(mins => ${flow.minutes})` as unknown as Date,
      })
      .execute()
  })
}

/** Takes (deletes and returns) the live flow with this id: a code and its verifier are good for one attempt. */
export async function takeFlow(db: Executor, id: Buffer) {
  return db.deleteFrom('oidc_login_flow').where('id', '=', id).where(sql<boolean>`expires_at > now()`).returningAll().executeTakeFirst()
}

/** The user an identity is linked to. */
export async function linkedUserId(db: Executor, issuer: string, subject: string): Promise<string | undefined> {
  const row = await db.selectFrom('staff_user_identity').select('user_id').where('issuer', '=', issuer).where('subject', '=', subject).executeTakeFirst()
  return row?.user_id
}

export async function userIdByUsername(db: Executor, username: string): Promise<string | undefined> {
  return (await db.selectFrom('staff_user').select('id').where('username', '=', username).executeTakeFirst())?.id
}

/** Whether the user may sign in now: active, and not locked. */
export async function signInState(db: Executor, userId: string) {
  return db
    .selectFrom('staff_user')
    .select(['id', 'active'])
    .select(sql<boolean>`locked_until IS NOT NULL AND locked_until > now()`.as('locked'))
    .where('id', '=', userId)
    .executeTakeFirstOrThrow()
}

/**
 * The sign-in through the provider, in one transaction: links the identity when it is not linked yet (`link`: one
 * identity per user and issuer — another subject presenting the same username is not this user, and the answer is
 * 'identity_conflict' with nothing written), notes the identity's last sign-in, clears the failure count, issues an
 * active session and appends the audit rows (`linkAudit` only when linked now).
 */
export async function signInWithIdentity(
  db: Kysely<DB>,
  settings: SecuritySettings,
  args: { userId: string; issuer: string; subject: string; link: boolean; origin: SessionOrigin; linkAudit: AuditEvent; audit: AuditEvent },
): Promise<NewSession | 'identity_conflict'> {
  return db.transaction().execute(async (trx) => {
    const events: AuditEvent[] = []
    if (args.link) {
      const other = await trx
        .selectFrom('staff_user_identity')
        .select('subject')
        .where('user_id', '=', args.userId)
        .where('issuer', '=', args.issuer)
        .executeTakeFirst()
      if (other) return 'identity_conflict' as const
      const inserted = await trx
        .insertInto('staff_user_identity')
        .values({ issuer: args.issuer, subject: args.subject, user_id: args.userId })
        .onConflict((oc) => oc.doNothing())
        .returning('subject')
        .executeTakeFirst()
      if (!inserted) return 'identity_conflict' as const
      events.push(args.linkAudit)
    }
    await trx
      .updateTable('staff_user_identity')
      .set({ last_login_at: sql`now()` as unknown as Date })
      .where('issuer', '=', args.issuer)
      .where('subject', '=', args.subject)
      .execute()
    await trx.updateTable('staff_user').set({ failed_logins: 0, locked_until: null }).where('id', '=', args.userId).execute()
    const session = await createSession(trx, settings, {
      userId: args.userId,
      stage: 'active',
      clientAddress: args.origin.clientAddress,
      userAgent: args.origin.userAgent,
    })
    await appendAudit(trx, ...events, args.audit)
    return session
  })
}

import { createHash, randomBytes } from 'node:crypto'
import type { FastifyReply } from 'fastify'
import { sql } from 'kysely'
import type { SecuritySettings } from '../config'
import type { Executor } from './audit'

export const SESSION_COOKIE = 'huoma-session'
export const CSRF_COOKIE = 'huoma-csrf'
export const CSRF_HEADER = 'x-csrf-token'

export type SessionStage = 'mfa_pending' | 'password_change' | 'active'

export function tokenHash(token: string): Buffer {
  return createHash('sha256').update(token).digest()
}

export interface NewSession {
  token: string
  csrfToken: string
  id: Buffer
}

export async function createSession(
  db: Executor,
  settings: SecuritySettings,
  args: { userId: string; stage: SessionStage; clientAddress: string; userAgent: string | undefined },
): Promise<NewSession> {
  const token = randomBytes(32).toString('base64url')
  const csrfToken = randomBytes(24).toString('base64url')
  const id = tokenHash(token)
  await db
    .insertInto('staff_session')
    .values({
      id,
      user_id: args.userId,
      csrf_token: csrfToken,
      stage: args.stage,
      expires_at: sql<Date>`now() + make_interval(hours => ${settings.sessionAbsoluteHours})` as unknown as Date,
      client_address: args.clientAddress,
      user_agent: args.userAgent?.slice(0, 300) ?? null,
    })
    .execute()
  return { token, csrfToken, id }
}

export interface LiveSession {
  id: Buffer
  userId: string
  csrfToken: string
  stage: SessionStage
  createdAt: Date
  lastSeenAt: Date
}

/** The session a cookie names, if it is neither revoked nor past its idle or absolute timeout. */
export async function findLiveSession(db: Executor, settings: SecuritySettings, token: string): Promise<LiveSession | undefined> {
  const row = await db
    .selectFrom('staff_session as s')
    .innerJoin('staff_user as u', 'u.id', 's.user_id')
    .select(['s.id', 's.user_id', 's.csrf_token', 's.stage', 's.created_at', 's.last_seen_at'])
    .where('s.id', '=', tokenHash(token))
    .where('s.revoked_at', 'is', null)
    .where('u.active', '=', true)
    .where(sql<boolean>`s.expires_at > now()`)
    .where(sql<boolean>`s.last_seen_at > now() - make_interval(mins => ${settings.sessionIdleMinutes})`)
    .executeTakeFirst()
  return (
    row && {
      id: row.id,
      userId: row.user_id,
      csrfToken: row.csrf_token,
      stage: row.stage,
      createdAt: row.created_at as Date,
      lastSeenAt: row.last_seen_at as Date,
    }
  )
}

/**
 * Slides the idle timeout; written at most once a minute per session to spare the database. `now`: the app's clock.
 * The slide notifies no cache (migration 0071): the session — the access cache's own entry when it came from there —
 * records it here, so that the next minute's requests of this process do not write it again.
 */
export async function touchSession(db: Executor, session: LiveSession, now: Date): Promise<void> {
  if (now.getTime() - session.lastSeenAt.getTime() < 60_000) return
  await db.updateTable('staff_session').set({ last_seen_at: sql`now()` as unknown as Date }).where('id', '=', session.id).execute()
  session.lastSeenAt = now
}

export async function revokeSession(db: Executor, id: Buffer): Promise<void> {
  await db.updateTable('staff_session').set({ revoked_at: sql`now()` as unknown as Date }).where('id', '=', id).where('revoked_at', 'is', null).execute()
}

export async function revokeAllSessions(db: Executor, userId: string): Promise<number> {
  const r = await db
    .updateTable('staff_session')
    .set({ revoked_at: sql`now()` as unknown as Date })
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst()
  return Number(r.numUpdatedRows)
}

/** Ends every session of the user except `keep` (after a password change or a new second factor). */
export async function revokeOtherSessions(db: Executor, userId: string, keep: Buffer): Promise<number> {
  const r = await db
    .updateTable('staff_session')
    .set({ revoked_at: sql`now()` as unknown as Date })
    .where('user_id', '=', userId)
    .where('id', '!=', keep)
    .where('revoked_at', 'is', null)
    .executeTakeFirst()
  return Number(r.numUpdatedRows)
}

export function setSessionCookies(reply: FastifyReply, session: NewSession, secure: boolean, maxAgeSeconds: number): void {
  const common = { path: '/', sameSite: 'strict' as const, secure, maxAge: maxAgeSeconds }
  reply.setCookie(SESSION_COOKIE, session.token, { ...common, httpOnly: true })
  reply.setCookie(CSRF_COOKIE, session.csrfToken, { ...common, httpOnly: false })
}

export function clearSessionCookies(reply: FastifyReply, secure: boolean): void {
  reply.clearCookie(SESSION_COOKIE, { path: '/', sameSite: 'strict', secure, httpOnly: true })
  reply.clearCookie(CSRF_COOKIE, { path: '/', sameSite: 'strict', secure })
}

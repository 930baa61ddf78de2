import { sql } from 'kysely'
import type { SecuritySettings } from '../config'
import type { Database, Listener } from '../db/database'
import type { RoleCode } from './actions'
import type { Executor } from './audit'
import type { Grant, Principal } from './context'
import { tokenHash, type LiveSession, type SessionStage } from './session'

/** The channel migration 0050's triggers notify: 'u:<user id>' or '*' (everyone). */
export const ACCESS_CHANNEL = 'huoma_access'

/** What the access layer needs of a request's session: the session, its principal and the commitment gate. */
export interface ResolvedAccess {
  session: LiveSession
  principal: Principal
  commitmentPending: boolean
}

interface Entry extends ResolvedAccess {
  /** performance.now() after which the entry is not used */
  validUntil: number
}

export interface AccessCacheStats {
  hits: number
  misses: number
  invalidations: number
  entries: number
  listening: boolean
}

/**
 * The session, the user, today's grants and the commitment gate in one statement, with the same conditions as
 * findLiveSession, loadPrincipal and commitmentPending; and how long the answer holds by the database's clock: until
 * the absolute or idle timeout or the end of the day in Helsinki (grants are valid by date).
 */
export async function loadAccess(
  db: Executor,
  settings: SecuritySettings,
  id: Buffer,
): Promise<{ access: ResolvedAccess; holdsMs: number } | undefined> {
  const row = (
    await sql<{
      id: Buffer
      user_id: string
      csrf_token: string
      stage: SessionStage
      created_at: Date
      last_seen_at: Date
      username: string
      display_name: string
      language: Principal['language']
      grants: { id: string; role_code: string; unit_id: string; service_tasks: string[] }[]
      commitment_pending: boolean
      holds_ms: number
    }>`
    SELECT s.id, s.user_id, s.csrf_token, s.stage, s.created_at, s.last_seen_at, u.username, u.display_name, u.language,
           (SELECT coalesce(json_agg(json_build_object('id', g.id, 'role_code', g.role_code, 'unit_id', g.unit_id, 'service_tasks', g.service_tasks)), '[]')
              FROM staff_grant g
             WHERE g.user_id = u.id AND g.ended_at IS NULL
               AND g.valid_from <= (now() AT TIME ZONE 'Europe/Helsinki')::date
               AND (g.valid_until IS NULL OR g.valid_until >= (now() AT TIME ZONE 'Europe/Helsinki')::date)) AS grants,
           coalesce((SELECT a.user_id IS NULL
                       FROM user_commitment_version v
                       LEFT JOIN user_commitment_acceptance a ON a.version = v.number AND a.user_id = u.id
                      ORDER BY v.number DESC LIMIT 1), false) AS commitment_pending,
           (extract(epoch FROM least(
              s.expires_at,
              s.last_seen_at + make_interval(mins => ${settings.sessionIdleMinutes}),
              (((now() AT TIME ZONE 'Europe/Helsinki')::date + 1)::timestamp AT TIME ZONE 'Europe/Helsinki')
            ) - now()) * 1000)::float8 AS holds_ms
      FROM staff_session s
      JOIN staff_user u ON u.id = s.user_id
     WHERE s.id = ${id} AND s.revoked_at IS NULL AND u.active
       AND s.expires_at > now()
       AND s.last_seen_at > now() - make_interval(mins => ${settings.sessionIdleMinutes})`.execute(db)
  ).rows[0]
  if (!row) return undefined
  const grants: Grant[] = row.grants.map((g) => ({ id: g.id, roleCode: g.role_code as RoleCode, unitId: g.unit_id, serviceTasks: g.service_tasks }))
  return {
    access: {
      session: { id: row.id, userId: row.user_id, csrfToken: row.csrf_token, stage: row.stage, createdAt: row.created_at, lastSeenAt: row.last_seen_at },
      principal: {
        userId: row.user_id,
        username: row.username,
        displayName: row.display_name,
        language: row.language,
        grants,
        roles: [...new Set(grants.map((g) => g.roleCode))],
      },
      commitmentPending: row.commitment_pending,
    },
    holdsMs: Number(row.holds_ms),
  }
}

/**
 * Sessions and their principals, cached in this process (issue 16, item 1). Safe by default:
 *
 * - an entry lives at most `ttlMs` (30 s), and never past its session's idle or absolute timeout or the end of the
 *   day in Helsinki, as the database's clock counts them;
 * - migration 0050's triggers notify every change to users, grants, sessions and commitments; each notification
 *   drops the user's entries here (and in every other process listening to the same database);
 * - while the listening connection is down nothing is cached: every request reads the database, as before;
 * - a load that overlapped an invalidation is not kept (it may have read the state before the change).
 */
export class AccessCache {
  private readonly entries = new Map<string, Entry>()
  private readonly byUser = new Map<string, Set<string>>()
  private generation = 0
  private live = false
  private listener: Listener | undefined
  private readonly counts = { hits: 0, misses: 0, invalidations: 0 }

  constructor(
    private readonly database: Pick<Database, 'db' | 'listen'>,
    private readonly settings: SecuritySettings,
    private readonly opts: { ttlMs: number; maxEntries?: number; onDown?: (reason: string) => void } = { ttlMs: 30_000 },
  ) {}

  /** Starts listening (a cache of TTL 0 never listens and never caches). */
  async start(): Promise<void> {
    if (this.opts.ttlMs <= 0 || this.listener) return
    this.listener = await this.database.listen(ACCESS_CHANNEL, {
      notify: (payload) => this.invalidate(payload),
      up: () => {
        this.clear()
        this.live = true
      },
      down: (reason) => {
        this.live = false
        this.clear()
        this.opts.onDown?.(reason)
      },
    })
  }

  async close(): Promise<void> {
    this.live = false
    this.clear()
    await this.listener?.close()
    this.listener = undefined
  }

  /** The live session a cookie's token names, with its principal; undefined when there is none. */
  async resolve(token: string): Promise<ResolvedAccess | undefined> {
    const id = tokenHash(token)
    const key = id.toString('hex')
    if (this.live) {
      const hit = this.entries.get(key)
      if (hit && hit.validUntil > performance.now()) {
        this.counts.hits++
        return hit
      }
      if (hit) this.drop(key)
    }
    this.counts.misses++
    const generation = this.generation
    const started = performance.now()
    const loaded = await loadAccess(this.database.db, this.settings, id)
    if (!loaded) return undefined
    if (this.live && generation === this.generation && loaded.holdsMs > 0) {
      const entry: Entry = { ...loaded.access, validUntil: started + Math.min(this.opts.ttlMs, loaded.holdsMs) }
      this.store(key, entry)
    }
    return loaded.access
  }

  /**
   * Waits until the changes committed so far have reached this cache (after a state-changing request, before its
   * answer: the same user's next request finds them, whichever connection the change was made on).
   */
  async settle(): Promise<void> {
    if (!this.live || !this.listener) return
    await this.listener.sync()
  }

  /** A notification: 'u:<user id>' drops that user's entries, anything else (e.g. '*') drops all. */
  invalidate(payload: string): void {
    this.generation++
    this.counts.invalidations++
    const userId = payload.startsWith('u:') ? payload.slice(2) : undefined
    if (!userId) return this.clear()
    for (const key of this.byUser.get(userId) ?? []) this.entries.delete(key)
    this.byUser.delete(userId)
  }

  stats(): AccessCacheStats {
    return { ...this.counts, entries: this.entries.size, listening: this.live }
  }

  private clear(): void {
    this.generation++
    this.entries.clear()
    this.byUser.clear()
  }

  private store(key: string, entry: Entry): void {
    if (this.entries.size >= (this.opts.maxEntries ?? 10_000)) this.clear()
    this.entries.set(key, entry)
    const userId = entry.principal.userId
    let keys = this.byUser.get(userId)
    if (!keys) this.byUser.set(userId, (keys = new Set()))
    keys.add(key)
  }

  private drop(key: string): void {
    const entry = this.entries.get(key)
    if (!entry) return
    this.entries.delete(key)
    this.byUser.get(entry.principal.userId)?.delete(key)
  }
}

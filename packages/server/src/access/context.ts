import type { FastifyRequest } from 'fastify'
import { sql } from 'kysely'
import type { Action, ActionCatalogue, ActionDef, RoleCode } from './actions'
import type { Executor } from './audit'
import type { LiveSession } from './session'
import { problems } from '../http/problem'

export interface Grant {
  id: string
  roleCode: RoleCode
  unitId: string
  serviceTasks: string[]
}

export interface Principal {
  userId: string
  username: string
  displayName: string
  language: 'fi' | 'sv' | 'en'
  grants: Grant[]
  roles: RoleCode[]
}

/** Who is asking, for what, from where: every service function that touches client data takes this. */
export interface AccessContext {
  action: Action
  /** The action's definition (scope, roles, audit kind, data group). */
  def: ActionDef
  /** The user's grants that give this action (empty for public and session actions). */
  grants: Grant[]
  principal: Principal | null
  session: LiveSession | null
  requestId: string
  clientAddress: string
}

/** An AccessContext whose principal is known (every non-public action). */
export type AuthedContext = AccessContext & { principal: Principal; session: LiveSession }

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The one action this route performs (the modules' action catalogue). */
    action?: Action
  }
  interface FastifyRequest {
    access: AccessContext
  }
}

/** Currently valid grants: within their dates in Helsinki time, not ended, of an active user. */
export async function loadPrincipal(db: Executor, userId: string): Promise<Principal | undefined> {
  const user = await db
    .selectFrom('staff_user')
    .select(['id', 'username', 'display_name', 'language'])
    .where('id', '=', userId)
    .where('active', '=', true)
    .executeTakeFirst()
  if (!user) return undefined
  const grants = await db
    .selectFrom('staff_grant')
    .select(['id', 'role_code', 'unit_id', 'service_tasks'])
    .where('user_id', '=', userId)
    .where('ended_at', 'is', null)
    .where(sql<boolean>`valid_from <= (now() AT TIME ZONE 'Europe/Helsinki')::date`)
    .where(sql<boolean>`(valid_until IS NULL OR valid_until >= (now() AT TIME ZONE 'Europe/Helsinki')::date)`)
    .execute()
  const mapped: Grant[] = grants.map((g) => ({ id: g.id, roleCode: g.role_code as RoleCode, unitId: g.unit_id, serviceTasks: g.service_tasks }))
  return {
    userId: user.id,
    username: user.username,
    displayName: user.display_name,
    language: user.language,
    grants: mapped,
    roles: [...new Set(mapped.map((g) => g.roleCode))],
  }
}

export function grantsFor(principal: Principal, def: ActionDef): Grant[] {
  return principal.grants.filter((g) => def.roles?.includes(g.roleCode))
}

export function requireAuthed(request: FastifyRequest): AuthedContext {
  const ctx = request.access
  if (!ctx?.principal || !ctx.session) throw problems.unauthorized()
  return ctx as AuthedContext
}

/**
 * The same request acting as another action of the catalogue (the batch read after a batch is created, the
 * population-register refresh when a card is opened): name, definition and grants change together, so the audit
 * row and the access decision follow the action that is really performed.
 */
export function asAction(ctx: AuthedContext, catalogue: ActionCatalogue, action: Action): AuthedContext {
  const def = catalogue[action]
  return { ...ctx, action, def, grants: grantsFor(ctx.principal, def) }
}

import type { FastifyInstance, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import { sql } from 'kysely'
import { ACTIONS, isAction, type Action, type ActionDef, type RoleCode } from './actions'
import { appendAudit, type Executor } from './audit'
import { CSRF_HEADER, SESSION_COOKIE, findLiveSession, touchSession, type LiveSession } from './session'
import { HttpProblem, problems } from '../http/problem'
import {
  withClientAccess,
  withClientList,
  withNewClient,
  withRoleEvent,
  type ClientScope,
  type ClientTarget,
  type ListWork,
  type NewClientWork,
  type RoleEventWork,
} from './client-access'

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
  principal: Principal | null
  session: LiveSession | null
  requestId: string
  clientAddress: string
}

/** An AccessContext whose principal is known (every non-public action). */
export type AuthedContext = AccessContext & { principal: Principal; session: LiveSession }

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The one action this route performs (the action catalogue in access/actions.ts). */
    action?: Action
  }
  interface FastifyRequest {
    access: AccessContext
  }
  interface FastifyInstance {
    /** The only way module code reaches client data: checks access and appends the audit row in one transaction. */
    clientData: ClientData
    /** Every API route with its declared action (for the authorisation matrix and audit-completeness tests). */
    routeCatalogue: RouteEntry[]
  }
}

export interface RouteEntry {
  method: string
  url: string
  action: Action
}

export interface ClientData {
  withClient: <T>(ctx: AuthedContext, target: ClientTarget, work: (scope: ClientScope) => Promise<T>) => Promise<T>
  list: <T extends { id: string }>(ctx: AuthedContext, opts: { serviceTask?: string }, work: ListWork<T>) => Promise<T[]>
  create: <T>(ctx: AuthedContext, work: NewClientWork<T>) => Promise<T>
  roleEvent: <T>(ctx: AuthedContext, work: RoleEventWork<T>) => Promise<T>
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

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])

/**
 * The access layer for HTTP. At startup it refuses any /api route without a declared action. Per request it
 * resolves the session, enforces CSRF on state-changing requests and checks the action's role scope; a refusal of
 * a signed-in user is itself an audit event.
 */
export const accessPlugin = fp(async (app: FastifyInstance) => {
  app.decorateRequest('access', null as unknown as AccessContext)
  app.decorate('clientData', {
    withClient: (ctx, target, work) => withClientAccess(app.database.db, ctx, target, work),
    list: (ctx, opts, work) => withClientList(app.database.db, ctx, opts, work),
    create: (ctx, work) => withNewClient(app.database.db, ctx, work),
    roleEvent: (ctx, work) => withRoleEvent(app.database.db, ctx, work),
  } satisfies ClientData)

  const catalogue: RouteEntry[] = []
  app.decorate('routeCatalogue', catalogue)
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api')) return
    if (route.url.startsWith('/api/docs')) {
      route.config = { ...(route.config ?? {}), action: 'platform:docs' }
      return
    }
    const action = (route.config as { action?: unknown } | undefined)?.action
    if (!isAction(action)) {
      throw new Error(`Route ${String(route.method)} ${route.url} declares no action from the catalogue (config.action)`)
    }
    for (const method of [route.method].flat()) if (method !== 'HEAD') catalogue.push({ method, url: route.url, action })
  })

  // preValidation, so that a refused user learns nothing from validation errors either.
  app.addHook('preValidation', async (request) => {
    const action = request.routeOptions.config.action
    if (!action) return // non-API routes (static files)
    const def: ActionDef = ACTIONS[action]
    const ctx: AccessContext = { action, principal: null, session: null, requestId: request.id, clientAddress: request.ip }
    request.access = ctx
    if (def.scope === 'public') return

    const db = app.database.db
    const token = request.cookies[SESSION_COOKIE]
    const session = token ? await findLiveSession(db, app.config.security, token) : undefined
    if (!session) throw problems.unauthorized()
    if (!SAFE_METHODS.has(request.method) && request.headers[CSRF_HEADER] !== session.csrfToken) {
      throw new HttpProblem(403, 'forbidden', { type: 'https://huoma.fi/problems/csrf' })
    }
    if (session.stage !== 'active' && action !== 'auth:session' && !action.startsWith('auth:')) {
      throw new HttpProblem(403, 'forbidden', { type: `https://huoma.fi/problems/${session.stage.replace('_', '-')}` })
    }
    const principal = await loadPrincipal(db, session.userId)
    if (!principal) throw problems.unauthorized()
    await touchSession(db, session)
    ctx.principal = principal
    ctx.session = session
    if (def.scope === 'session') return
    if (grantsFor(principal, def).length === 0) {
      await appendAudit(db, {
        userId: principal.userId,
        dataGroup: def.dataGroup ?? 'security/access',
        action: 'security',
        event: action,
        basis: 'role',
        outcome: 'denied',
        requestId: request.id,
        clientAddress: request.ip,
      })
      throw problems.forbidden()
    }
  })
})

export function requireAuthed(request: FastifyRequest): AuthedContext {
  const ctx = request.access
  if (!ctx?.principal || !ctx.session) throw problems.unauthorized()
  return ctx as AuthedContext
}

import type { FastifyInstance, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import type { ActionCatalogue, ActionDef } from './actions'
import { appendAudit } from './audit'
import { accessEvents } from './events'
import { actionEvent, type AuditEventCatalogue } from './audit-events'
import { grantsFor, type AccessContext, type AuthedContext } from './context'
import { commitmentRequired } from './commitment'
import { CSRF_HEADER, SESSION_COOKIE, touchSession } from './session'
import { AccessCache } from './access-cache'
import { HttpProblem, problems } from '../http/problem'
import { isUuid } from '../http/edge'
import {
  readClientData,
  findClients,
  type ClientFind,
  withClientAccess,
  withClientList,
  withNewClient,
  withPublicEvent,
  withRoleEvent,
  type ClientRead,
  type ClientReadResult,
  type ClientScope,
  type ClientTarget,
  type ListWork,
  type NewClientWork,
  type RoleEventWork,
} from './client-access'
import type { Action } from './actions'

declare module 'fastify' {
  interface FastifyInstance {
    /** The only way module code reaches client data: checks access and appends the audit row in one transaction. */
    clientData: ClientData
    /** Every API route with its declared action (for the authorisation matrix and audit-completeness tests). */
    routeCatalogue: RouteEntry[]
    /** The action catalogue assembled from the modules. */
    actions: ActionCatalogue
    /** Every audit event by name (the actions' own and the modules' declared ones). */
    auditEvents: AuditEventCatalogue
    /** Sessions and principals cached in this process, invalidated by the database's notifications. */
    accessCache: AccessCache
  }
}

export interface RouteEntry {
  method: string
  url: string
  action: Action
}

export interface ClientData {
  withClient: <T>(ctx: AuthedContext, target: ClientTarget, work: (scope: ClientScope) => Promise<T>) => Promise<T>
  /** one client's data for a view action as one statement (access, read, audit row): see `readClientData` */
  read: <R>(ctx: AuthedContext, target: ClientTarget, read: ClientRead<R>, args?: Record<string, unknown>) => Promise<ClientReadResult<R>>
  list: <T extends { id: string }>(ctx: AuthedContext, opts: { serviceTask?: string }, work: ListWork<T>) => Promise<T[]>
  /** a find by a unique key as one statement (rows, visibility, audit row); undefined when it reaches a hidden person: see `findClients` */
  find: <R extends { id: string }>(ctx: AuthedContext, opts: { serviceTask?: string }, find: ClientFind<R>, args: Record<string, unknown>) => Promise<R[] | undefined>
  create: <T>(ctx: AuthedContext, work: NewClientWork<T>) => Promise<T>
  roleEvent: <T>(ctx: AuthedContext, work: RoleEventWork<T>) => Promise<T>
  /** a public action's write (no user), audited with the caller's address */
  publicEvent: <T>(ctx: AccessContext, work: RoleEventWork<T>) => Promise<T>
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])

/** The client a URL names (`/api/persons/:id/…`), for the audit row of a refusal (read before validation: checked here). */
function clientOfUrl(request: FastifyRequest): string[] {
  if (!request.routeOptions.url?.startsWith('/api/persons/:id')) return []
  const id = (request.params as Record<string, unknown> | undefined)?.id
  return isUuid(id) ? [id.toLowerCase()] : []
}

/**
 * The access layer for HTTP. At startup it refuses any /api route without a declared action. Per request it
 * resolves the session, enforces CSRF on state-changing requests and checks the action's role scope; a refusal of
 * a signed-in user is itself an audit event.
 */
export const accessPlugin = fp(async (app: FastifyInstance, opts: { actions: ActionCatalogue; auditEvents: AuditEventCatalogue }) => {
  const actions = opts.actions
  app.decorate('actions', actions)
  app.decorate('auditEvents', opts.auditEvents)
  app.decorateRequest('access', null as unknown as AccessContext)
  app.decorate('clientData', {
    withClient: (ctx, target, work) => withClientAccess(app.database.db, ctx, target, work),
    read: (ctx, target, read, args) => readClientData(app.database.db, ctx, target, read, args),
    list: (ctx, opts, work) => withClientList(app.database.db, ctx, opts, work),
    find: (ctx, opts, find, args) => findClients(app.database.db, ctx, opts, find, args),
    create: (ctx, work) => withNewClient(app.database.db, ctx, work),
    roleEvent: (ctx, work) => withRoleEvent(app.database.db, ctx, work),
    publicEvent: (ctx, work) => withPublicEvent(app.database.db, ctx, work),
  } satisfies ClientData)

  const cache = new AccessCache(app.database, app.config.security, {
    ttlMs: app.config.accessCacheMs,
    onDown: (reason) => app.log.warn({ reason }, 'access cache off: the notification listener is down; sessions are read from the database until it is back'),
  })
  app.decorate('accessCache', cache)
  await cache.start()
  app.addHook('onClose', () => cache.close())
  // A state-changing request may have changed someone's access: before it answers, its change has reached this
  // process's cache (whichever connection committed it), so the next request — this user's or anyone's — sees it.
  app.addHook('onSend', async (request, _reply, payload) => {
    if (!SAFE_METHODS.has(request.method)) await cache.settle()
    return payload
  })

  const catalogue: RouteEntry[] = []
  app.decorate('routeCatalogue', catalogue)
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api')) return
    if (route.url.startsWith('/api/docs')) {
      route.config = { ...(route.config ?? {}), action: 'platform:docs' }
      return
    }
    const action = (route.config as { action?: unknown } | undefined)?.action
    if (typeof action !== 'string' || !Object.hasOwn(actions, action)) {
      throw new Error(`Route ${String(route.method)} ${route.url} declares no action from the catalogue (config.action)`)
    }
    for (const method of [route.method].flat()) if (method !== 'HEAD') catalogue.push({ method, url: route.url, action: action as Action })
  })

  // preValidation, so that a refused user learns nothing from validation errors either.
  app.addHook('preValidation', async (request) => {
    const action = request.routeOptions.config.action
    if (!action) return // non-API routes (static files)
    const def: ActionDef = actions[action]
    const ctx: AccessContext = { action, def, grants: [], principal: null, session: null, requestId: request.id, clientAddress: request.ip }
    request.access = ctx
    if (def.scope === 'public') return

    const db = app.database.db
    const token = request.cookies[SESSION_COOKIE]
    const resolved = token ? await cache.resolve(token) : undefined
    if (!resolved) throw problems.unauthorized()
    const { session, principal } = resolved
    // a refusal names the client when the URL names one (`/api/persons/:id/…`), so the client's report shows it
    const clientIds = clientOfUrl(request)
    if (!SAFE_METHODS.has(request.method) && request.headers[CSRF_HEADER] !== session.csrfToken) {
      await appendAudit(db, { userId: session.userId, event: accessEvents.csrfRefused, basis: action, outcome: 'denied', clientIds, requestId: request.id, clientAddress: request.ip })
      throw new HttpProblem(403, 'forbidden', { type: 'https://huoma.fi/problems/csrf' })
    }
    if (session.stage !== 'active' && action !== 'auth:session' && !action.startsWith('auth:')) {
      throw new HttpProblem(403, 'forbidden', { type: `https://huoma.fi/problems/${session.stage.replace('_', '-')}` })
    }
    // the user commitment in force must be accepted before anything else but signing in and out
    if (!action.startsWith('auth:') && !def.beforeCommitment && resolved.commitmentPending) throw commitmentRequired()
    await touchSession(db, session, app.clock.now())
    ctx.principal = principal
    ctx.session = session
    if (def.scope === 'session') return
    ctx.grants = grantsFor(principal, def)
    if (ctx.grants.length === 0) {
      await appendAudit(db, {
        userId: principal.userId,
        event: actionEvent(action, def, 'security'),
        basis: 'role',
        outcome: 'denied',
        clientIds,
        requestId: request.id,
        clientAddress: request.ip,
      })
      throw problems.forbidden()
    }
  })
})


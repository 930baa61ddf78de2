import type { AuditActionKind } from '../db/schema'

/** Roles (rows of the `role` table). */
export const ROLES = [
  'social_worker',
  'social_counsellor',
  'benefit_handler',
  'office_secretary',
  'supervisor',
  'main_user',
  'data_protection_officer',
  'finance',
  'statistician',
] as const
export type RoleCode = (typeof ROLES)[number]

/**
 * How an action is scoped:
 * - `public`: anyone, no session (health, login).
 * - `session`: any signed-in user, whatever their grants (own session, own password).
 * - `role`: a currently valid grant with one of `roles` (no client data, or client data filtered in SQL by the
 *   chokepoint, e.g. search).
 * - `client`: as `role`, and in addition access to the one client named by the request, checked by the
 *   client-access chokepoint (relationship, or break the glass) inside the same transaction as the work.
 */
export type ActionScope = 'public' | 'session' | 'role' | 'client'

export interface ActionDef {
  scope: ActionScope
  roles?: readonly RoleCode[]
  /** What kind of audit row the action writes when it touches client data; absent = touches no client data. */
  audit?: AuditActionKind
  /** The data group of the audit row: register (service task or `registry`) / record type. */
  dataGroup?: string
  description: string
}

const CASE_WORKERS = ['social_worker', 'social_counsellor', 'benefit_handler', 'supervisor'] as const satisfies readonly RoleCode[]
const REGISTRY_USERS = [...CASE_WORKERS, 'office_secretary'] as const satisfies readonly RoleCode[]

/**
 * The action catalogue: every HTTP endpoint declares exactly one of these (`config.action`), and the access layer
 * refuses to start a route that does not. The web app receives the permitted ones to decide what to show.
 */
export const ACTIONS = {
  'platform:health': { scope: 'public', description: 'Liveness and database status' },
  'platform:docs': { scope: 'public', description: 'API description (OpenAPI) and its docs page' },
  'auth:login': { scope: 'public', description: 'Sign in with username and password' },
  'auth:session': { scope: 'session', description: 'Read or end one\'s own session' },
  'persons:search': {
    scope: 'role',
    roles: REGISTRY_USERS,
    audit: 'search',
    dataGroup: 'registry/person',
    description: 'Search the client registry (results filtered to clients the user may see)',
  },
  'persons:read': {
    scope: 'client',
    roles: REGISTRY_USERS,
    audit: 'view',
    dataGroup: 'registry/person',
    description: 'Read a client\'s basic data',
  },
  'admin:users': { scope: 'role', roles: ['main_user'], description: 'Manage users and grants (no client content)' },
  'audit:read': { scope: 'role', roles: ['data_protection_officer'], description: 'Search and review the audit log' },
} as const satisfies Record<string, ActionDef>

export type Action = keyof typeof ACTIONS

export function actionDef(action: Action): ActionDef {
  return ACTIONS[action]
}

export function isAction(value: unknown): value is Action {
  return typeof value === 'string' && Object.hasOwn(ACTIONS, value)
}

/** Actions a holder of these roles may perform (for the web app's navigation and buttons). */
export function permittedActions(roles: readonly string[]): Action[] {
  return (Object.keys(ACTIONS) as Action[]).filter((a) => {
    const def: ActionDef = ACTIONS[a]
    if (def.scope === 'public' || def.scope === 'session') return true
    return def.roles?.some((r) => roles.includes(r)) ?? false
  })
}

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
  'archivist',
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
  /** For client actions: the access bases that suffice (default: all). Protected data needs a real need. */
  bases?: readonly ('relationship' | 'supervision' | 'registry' | 'intake' | 'break_glass')[]
  /**
   * An output (audit kind print, export or disclose) that a restriction of processing (GDPR Art. 18) does not stop:
   * only what answers the client's own requests. Every other output of a restricted client's data is refused.
   */
  underRestriction?: 'allowed'
  /** A session action allowed before the user has accepted the user commitment in force (reading and accepting it). */
  beforeCommitment?: boolean
  description: string
}

/** The roles that work with clients' cases. */
export const CASE_WORKERS = ['social_worker', 'social_counsellor', 'benefit_handler', 'supervisor'] as const satisfies readonly RoleCode[]
/** Who prepares and decides income support: benefit handlers, social workers and their supervisors. */
export const INCOME_SUPPORT_HANDLERS = ['benefit_handler', 'social_worker', 'supervisor'] as const satisfies readonly RoleCode[]
/** Who manage clients' intermediary accounts and after-care funds: social workers, counsellors and supervisors. */
export const CLIENT_ACCOUNT_WORKERS = ['social_worker', 'social_counsellor', 'supervisor'] as const satisfies readonly RoleCode[]
export const REGISTRY_USERS = [...CASE_WORKERS, 'office_secretary'] as const satisfies readonly RoleCode[]
/** Roles that may open a client without a relationship by stating a reason (reviewed by the DPO afterwards). */
export const BREAK_GLASS_ROLES = [...CASE_WORKERS, 'data_protection_officer'] as const satisfies readonly RoleCode[]

/** Declares a module's actions, keeping their literal names and definitions. */
export function defineActions<const T extends Record<string, ActionDef>>(actions: T): T {
  return actions
}

/**
 * The names of every action of every module. The access layer knows no module: the composition root
 * (`src/catalogue.ts`) fills this registry from the modules' lists by declaration merging, so `Action` is the union of
 * the declared names wherever it is used, and a route, a test or a module that names an action nobody declared does
 * not compile.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled by declaration merging in src/catalogue.ts
export interface ActionRegistry {}
export type Action = keyof ActionRegistry & string

/** The assembled catalogue: every action by name. */
export type ActionCatalogue = Readonly<Record<Action, ActionDef>>

/** Actions a holder of these roles may perform (for the web app's navigation and buttons). */
export function permittedActions(catalogue: ActionCatalogue, roles: readonly string[]): Action[] {
  return (Object.keys(catalogue) as Action[]).filter((a) => {
    const def: ActionDef = catalogue[a]
    if (def.scope === 'public' || def.scope === 'session') return true
    return def.roles?.some((r) => roles.includes(r)) ?? false
  })
}

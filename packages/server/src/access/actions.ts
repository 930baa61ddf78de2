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
  /** For client actions: the access bases that suffice (default: all). Protected data needs a real need. */
  bases?: readonly ('relationship' | 'supervision' | 'registry' | 'break_glass')[]
  description: string
}

const CASE_WORKERS = ['social_worker', 'social_counsellor', 'benefit_handler', 'supervisor'] as const satisfies readonly RoleCode[]
/** Who prepares and decides income support: benefit handlers, social workers and their supervisors. */
const INCOME_SUPPORT_HANDLERS = ['benefit_handler', 'social_worker', 'supervisor'] as const satisfies readonly RoleCode[]
/** Who manage clients' intermediary accounts and after-care funds: social workers, counsellors and supervisors. */
const CLIENT_ACCOUNT_WORKERS = ['social_worker', 'social_counsellor', 'supervisor'] as const satisfies readonly RoleCode[]
const REGISTRY_USERS = [...CASE_WORKERS, 'office_secretary'] as const satisfies readonly RoleCode[]
/** Roles that may open a client without a relationship by stating a reason (reviewed by the DPO afterwards). */
const BREAK_GLASS_ROLES = [...CASE_WORKERS, 'data_protection_officer'] as const satisfies readonly RoleCode[]

/**
 * The action catalogue: every HTTP endpoint declares exactly one of these (`config.action`), and the access layer
 * refuses to start a route that does not. The web app receives the permitted ones to decide what to show.
 */
export const ACTIONS = {
  'platform:health': { scope: 'public', description: 'Liveness and database status' },
  'platform:docs': { scope: 'public', description: 'API description (OpenAPI) and its docs page' },
  'platform:units': { scope: 'session', description: 'The organisation\'s active units (no client data), the user\'s own marked' },
  'auth:login': { scope: 'public', description: 'Sign in with username and password' },
  'auth:oidc-config': { scope: 'public', description: 'Whether single sign-on (OpenID Connect) is offered, and its button text' },
  'auth:oidc-login': { scope: 'public', description: 'Sign in through the organisation\'s OpenID Connect provider (start and callback)' },
  'auth:session': { scope: 'session', description: 'Read or end one\'s own session' },
  'auth:password': { scope: 'session', description: 'Change one\'s own password' },
  'auth:mfa': { scope: 'session', description: 'Enrol, verify or replace one\'s own second factor (TOTP, recovery codes)' },
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
  'persons:create': {
    scope: 'role',
    roles: REGISTRY_USERS,
    audit: 'insert',
    dataGroup: 'registry/person',
    description: 'Register a person as a client (from the population register or by hand, or with a temporary id)',
  },
  'persons:update': {
    scope: 'client',
    roles: REGISTRY_USERS,
    audit: 'update',
    dataGroup: 'registry/person',
    description: 'Change a client\'s basic data (optimistic locking; every change kept in the history)',
  },
  'persons:card': {
    scope: 'client',
    roles: REGISTRY_USERS,
    audit: 'view',
    dataGroup: 'registry/client-card',
    description: 'The client card: basic data, family, household, relationships and timeline',
  },
  'persons:protected-address': {
    scope: 'client',
    roles: ['social_worker', 'social_counsellor', 'supervisor'],
    audit: 'view',
    dataGroup: 'registry/protected-address',
    bases: ['relationship', 'supervision', 'break_glass'],
    description: 'The address and municipality of a client under turvakielto (each view logged as its own data group)',
  },
  'persons:merge': {
    scope: 'client',
    roles: ['office_secretary', 'supervisor'],
    audit: 'update',
    dataGroup: 'registry/person',
    description: 'Merge a temporary identity into the real henkilötunnus (set it, or move every record to its holder)',
  },
  'persons:family': {
    scope: 'client',
    roles: REGISTRY_USERS,
    audit: 'update',
    dataGroup: 'registry/family',
    description: 'Add or end a family relation (parent, guardian, spouse, cohabitant) with dates',
  },
  'persons:household': {
    scope: 'client',
    roles: REGISTRY_USERS,
    audit: 'update',
    dataGroup: 'registry/household',
    description: 'Start a household (ruokakunta), add a member or end a membership, with dates',
  },
  'relationships:open': {
    scope: 'client',
    roles: ['social_worker', 'social_counsellor', 'supervisor', 'office_secretary'],
    audit: 'insert',
    dataGroup: 'registry/relationship',
    description: 'Open a client relationship (asiakkuus) in a service task and name the worker',
  },
  'relationships:end': {
    scope: 'client',
    roles: ['social_worker', 'social_counsellor', 'supervisor', 'office_secretary'],
    audit: 'update',
    dataGroup: 'registry/relationship',
    description: 'End a client relationship with a reason code',
  },
  'persons:vtj-refresh': {
    scope: 'client',
    roles: REGISTRY_USERS,
    audit: 'update',
    dataGroup: 'registry/person',
    description: 'Refresh a client\'s data from the population register (VTJ) and show what changed',
  },
  'vtj:query': {
    scope: 'role',
    roles: REGISTRY_USERS,
    audit: 'view',
    dataGroup: 'registry/vtj',
    description: 'Query a person from the population register with a stated purpose (käyttötarkoitus)',
  },
  'journal:read': {
    scope: 'client',
    roles: CASE_WORKERS,
    audit: 'view',
    dataGroup: 'journal/entry',
    description: 'Read a client\'s journal (asiakaskertomus) in a service task',
  },
  'journal:write': {
    scope: 'client',
    roles: ['social_worker', 'social_counsellor', 'supervisor'],
    audit: 'insert',
    dataGroup: 'journal/entry',
    description: 'Write or edit a draft journal entry',
  },
  'journal:delete-draft': {
    scope: 'client',
    roles: ['social_worker', 'social_counsellor', 'supervisor'],
    audit: 'delete',
    dataGroup: 'journal/entry',
    description: 'Delete one\'s own unsigned draft (a signed entry is never deleted)',
  },
  'journal:sign': {
    scope: 'client',
    roles: ['social_worker', 'social_counsellor', 'supervisor'],
    audit: 'update',
    dataGroup: 'journal/entry',
    description: 'Sign a journal entry (it becomes immutable)',
  },
  'journal:correct': {
    scope: 'client',
    roles: ['social_worker', 'social_counsellor', 'supervisor'],
    audit: 'insert',
    dataGroup: 'journal/entry',
    description: 'Correct a signed journal entry with a new version and a reason (the old stays readable)',
  },
  'journal:print': {
    scope: 'client',
    roles: CASE_WORKERS,
    audit: 'print',
    dataGroup: 'journal/entry',
    description: 'Print journal entries to PDF',
  },
  'attachments:read': {
    scope: 'client',
    roles: CASE_WORKERS,
    audit: 'view',
    dataGroup: 'attachments/attachment',
    description: 'List a client\'s attachments (scanned documents, PDFs, images) in a service task',
  },
  'attachments:upload': {
    scope: 'client',
    roles: ['social_worker', 'social_counsellor', 'supervisor'],
    audit: 'insert',
    dataGroup: 'attachments/attachment',
    description: 'Upload an attachment to a client in a service task (type sniffed from the content, size limited)',
  },
  'attachments:download': {
    scope: 'client',
    roles: CASE_WORKERS,
    audit: 'export',
    dataGroup: 'attachments/attachment',
    description: 'Download an attachment (an export of client data)',
  },
  'appointments:read': {
    scope: 'role',
    roles: REGISTRY_USERS,
    audit: 'view',
    dataGroup: 'appointments/appointment',
    description: 'A worker\'s or an office\'s calendar in a date range (clients named only where the user may see them)',
  },
  'appointments:client': {
    scope: 'client',
    roles: CASE_WORKERS,
    audit: 'view',
    dataGroup: 'appointments/appointment',
    description: 'A client\'s appointments',
  },
  'appointments:book': {
    scope: 'client',
    roles: CASE_WORKERS,
    audit: 'insert',
    dataGroup: 'appointments/appointment',
    description: 'Book an appointment for a client with a worker (double booking refused by the database)',
  },
  'appointments:change': {
    scope: 'client',
    roles: CASE_WORKERS,
    audit: 'update',
    dataGroup: 'appointments/appointment',
    description: 'Move a client\'s appointment to another time or place',
  },
  'appointments:cancel': {
    scope: 'client',
    roles: CASE_WORKERS,
    audit: 'update',
    dataGroup: 'appointments/appointment',
    description: 'Cancel a client\'s appointment with a reason code',
  },
  'income-support:parameters': {
    scope: 'role',
    roles: ['benefit_handler', 'social_worker', 'supervisor', 'main_user'],
    description: 'Read the effective-dated income support parameters (perusosa, deduction rules, limits) and their history',
  },
  'income-support:parameters-edit': {
    scope: 'role',
    roles: ['main_user'],
    description: 'Add or change an income support parameter set (every change kept with who and when)',
  },
  'income-support:worklist': {
    scope: 'role',
    roles: INCOME_SUPPORT_HANDLERS,
    audit: 'view',
    dataGroup: 'income_support/application',
    description: 'The handler\'s worklist: open income support applications by deadline (own and the unit\'s queue)',
  },
  'income-support:household': {
    scope: 'client',
    roles: [...INCOME_SUPPORT_HANDLERS, 'office_secretary'],
    audit: 'view',
    dataGroup: 'registry/household',
    description: 'The registry household of a client proposed as the members of an income support application',
  },
  'income-support:calculate': {
    scope: 'client',
    roles: [...INCOME_SUPPORT_HANDLERS, 'office_secretary'],
    audit: 'view',
    dataGroup: 'registry/household',
    description: 'Calculate an application being registered (the household\'s birth dates from the registry; nothing saved)',
  },
  'income-support:register': {
    scope: 'role',
    roles: [...INCOME_SUPPORT_HANDLERS, 'office_secretary'],
    audit: 'insert',
    dataGroup: 'income_support/application',
    description: 'Register an income support application received on paper or as an e-form (opens the matter in the unit\'s queue)',
  },
  'income-support:kela-import': {
    scope: 'role',
    roles: INCOME_SUPPORT_HANDLERS,
    audit: 'insert',
    dataGroup: 'income_support/application',
    description: 'Fetch the applications Kela has forwarded (supplementary and preventive assistance) into the unit\'s queue',
  },
  'income-support:assign': {
    scope: 'role',
    roles: INCOME_SUPPORT_HANDLERS,
    audit: 'update',
    dataGroup: 'income_support/application',
    description: 'Take an application from the unit\'s queue (a supervisor may assign it to a handler); opens the client relationship',
  },
  'income-support:read': {
    scope: 'client',
    roles: INCOME_SUPPORT_HANDLERS,
    audit: 'view',
    dataGroup: 'income_support/application',
    description: 'Read a client\'s income support applications, calculations and decisions',
  },
  'income-support:edit': {
    scope: 'client',
    roles: INCOME_SUPPORT_HANDLERS,
    audit: 'update',
    dataGroup: 'income_support/application',
    description: 'Prepare an application: household, claimed and accepted items, requests for completion',
  },
  'income-support:decide': {
    scope: 'client',
    roles: INCOME_SUPPORT_HANDLERS,
    audit: 'insert',
    dataGroup: 'income_support/decision',
    description: 'Make (or correct with a new) income support decision; creates payment commitments and payables',
  },
  'income-support:notify': {
    scope: 'client',
    roles: INCOME_SUPPORT_HANDLERS,
    audit: 'update',
    dataGroup: 'income_support/decision',
    description: 'Record when and how the decision reached the client (tiedoksianto)',
  },
  'income-support:print': {
    scope: 'client',
    roles: INCOME_SUPPORT_HANDLERS,
    audit: 'print',
    dataGroup: 'income_support/decision',
    description: 'Print a decision (or its preview) or a payment commitment as PDF',
  },
  'client-accounts:read': {
    scope: 'client',
    roles: CLIENT_ACCOUNT_WORKERS,
    audit: 'view',
    dataGroup: 'client_accounts/account',
    description: 'Read a client\'s intermediary accounts and after-care funds: entries and the balance at a date',
  },
  'client-accounts:open': {
    scope: 'client',
    roles: CLIENT_ACCOUNT_WORKERS,
    audit: 'insert',
    dataGroup: 'client_accounts/account',
    description: 'Open an intermediary account (välitystili) or an after-care fund (itsenäistymisvarat) for a client',
  },
  'client-accounts:edit': {
    scope: 'client',
    roles: CLIENT_ACCOUNT_WORKERS,
    audit: 'update',
    dataGroup: 'client_accounts/account',
    description: 'Change a client account\'s responsible worker or close it (only with a zero balance)',
  },
  'client-accounts:record': {
    scope: 'client',
    roles: CLIENT_ACCOUNT_WORKERS,
    audit: 'insert',
    dataGroup: 'client_accounts/entry',
    description: 'Record a deposit, a bill or payout (creates a payable), interest, an adjustment or a reversing correction',
  },
  'client-accounts:print': {
    scope: 'client',
    roles: CLIENT_ACCOUNT_WORKERS,
    audit: 'print',
    dataGroup: 'client_accounts/account',
    description: 'Print a client account\'s statement for a period as PDF',
  },
  'client-accounts:reconcile': {
    scope: 'role',
    roles: ['finance'],
    audit: 'view',
    dataGroup: 'client_accounts/account',
    description: 'Monthly reconciliation: every client account\'s balance at month end against the collective bank account',
  },
  'payments:preview': {
    scope: 'role',
    roles: ['finance'],
    audit: 'view',
    dataGroup: 'payments/payable',
    description: 'List the open payables of a due-date range and unit with their count and total (before creating a batch)',
  },
  'payments:create': {
    scope: 'role',
    roles: ['finance'],
    audit: 'insert',
    dataGroup: 'payments/batch',
    description: 'Create a draft payment batch of the open payables of a selection (they leave the open list)',
  },
  'payments:batches': {
    scope: 'role',
    roles: ['finance'],
    description: 'List payment batches: states, counts and totals (no client data)',
  },
  'payments:batch-read': {
    scope: 'role',
    roles: ['finance'],
    audit: 'view',
    dataGroup: 'payments/batch',
    description: 'Read a payment batch with its payments (payees, accounts, amounts, bank statuses)',
  },
  'payments:approve': {
    scope: 'role',
    roles: ['finance'],
    audit: 'update',
    dataGroup: 'payments/batch',
    description: 'Approve a draft payment batch (a second person: never the one who created it)',
  },
  'payments:cancel': {
    scope: 'role',
    roles: ['finance'],
    audit: 'update',
    dataGroup: 'payments/batch',
    description: 'Cancel a draft or approved batch that has not been sent (its payables return to the open list)',
  },
  'payments:file': {
    scope: 'role',
    roles: ['finance'],
    audit: 'export',
    dataGroup: 'payments/batch',
    description: 'Download the pain.001 bank file of an approved batch (the first download marks it sent; later ones are identical)',
  },
  'payments:import': {
    scope: 'role',
    roles: ['finance'],
    audit: 'update',
    dataGroup: 'payments/batch',
    description: 'Import the bank\'s feedback: pain.002 status reports and camt.054 notifications (settlements, returns)',
  },
  'payments:returned': {
    scope: 'role',
    roles: [...INCOME_SUPPORT_HANDLERS, 'finance'],
    audit: 'view',
    dataGroup: 'payments/payable',
    description: 'Returned and rejected payments: a handler\'s of the clients they may see (to pay again or correct the account); finance\'s all (the payments they process)',
  },
  'payments:accounting': {
    scope: 'role',
    roles: ['finance'],
    audit: 'export',
    dataGroup: 'payments/accounting',
    description: 'Export accounting entries (cost centre, account, service task) per batch or period as CSV or JSON',
  },
  'persons:break-glass': {
    scope: 'role',
    roles: BREAK_GLASS_ROLES,
    description: 'Open a client without a relationship for a bounded time by stating a reason (flagged for review)',
  },
  'admin:users': { scope: 'role', roles: ['main_user'], description: 'List users, their grants and grant requests (no client content)' },
  'admin:users:write': { scope: 'role', roles: ['main_user'], description: 'Create, change and deactivate users; reset a second factor' },
  'admin:grants:write': { scope: 'role', roles: ['main_user'], description: 'Grant and end rights (substitutes with an end date)' },
  'admin:grant-requests': { scope: 'role', roles: ['supervisor', 'main_user'], description: 'Request rights for a worker (supervisor) and see the requests' },
  'jobs:read': { scope: 'role', roles: ['main_user'], description: 'See the scheduled jobs: last run, outcome and error, next run, failures (no client data)' },
  'jobs:run': { scope: 'role', roles: ['main_user'], description: 'Run a scheduled job now, once (a security event in the audit log)' },
  'audit:read': { scope: 'role', roles: ['data_protection_officer'], description: 'Search the audit log and read the review queues' },
  'audit:review': { scope: 'role', roles: ['data_protection_officer'], description: 'Close a sampled access or a break-the-glass access with a verdict' },
  'audit:client-report': {
    scope: 'role',
    roles: ['data_protection_officer'],
    audit: 'print',
    dataGroup: 'privacy/access-report',
    description: 'Print the report "who has processed my data" for a client (2 years; older only with a stated reason)',
  },
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

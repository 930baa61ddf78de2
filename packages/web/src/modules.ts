import type { fi } from './i18n/fi'

/** A menu label: a key of `nav`, or the `nav` key of a feature's own slice of the dictionary. */
type NavKey = `nav.${Exclude<keyof typeof fi.nav, 'label'>}` | 'jobs.nav'

export interface AppModule {
  id: 'home' | 'persons' | 'appointments' | 'income-support' | 'income-support-parameters' | 'payments' | 'bank-returns' | 'payment-returns' | 'client-accounts-reconciliation' | 'admin-users' | 'grant-requests' | 'jobs' | 'audit'
  path: string
  /** The action from SessionUser.actions that opens this module; none: everyone signed in. */
  action?: string
  /** Left out of the menu for a user who also has this action (a module that covers the same ground for them). */
  notWith?: string
  label: NavKey
}

/** The modules of the left navigation, in menu order. Routes are generated from this list as well. */
export const modules: readonly AppModule[] = [
  { id: 'home', path: '/', label: 'nav.home' },
  { id: 'persons', path: '/persons', action: 'persons:search', label: 'nav.persons' },
  { id: 'appointments', path: '/appointments', action: 'appointments:read', label: 'nav.appointments' },
  { id: 'income-support', path: '/income-support', action: 'income-support:worklist', label: 'nav.incomeSupport' },
  { id: 'income-support-parameters', path: '/income-support/parameters', action: 'income-support:parameters', label: 'nav.incomeSupportParameters' },
  { id: 'payments', path: '/payments', action: 'payments:batches', label: 'nav.payments' },
  { id: 'bank-returns', path: '/payments/bank-returns', action: 'payments:batch-read', label: 'nav.bankReturns' },
  // Finance follows returns per batch (bank-returns); the per-client list is the benefit handlers' worklist.
  { id: 'payment-returns', path: '/payments/returns', action: 'payments:returned', notWith: 'payments:batch-read', label: 'nav.paymentReturns' },
  { id: 'client-accounts-reconciliation', path: '/client-accounts/reconciliation', action: 'client-accounts:reconcile', label: 'nav.clientAccountsReconciliation' },
  { id: 'admin-users', path: '/admin/users', action: 'admin:users', label: 'nav.adminUsers' },
  { id: 'grant-requests', path: '/admin/grant-requests', action: 'admin:grant-requests', label: 'nav.grantRequests' },
  { id: 'jobs', path: '/admin/jobs', action: 'jobs:read', label: 'jobs.nav' },
  { id: 'audit', path: '/audit', action: 'audit:read', label: 'nav.audit' },
]

/** The modules a user with these actions may open. Actions that no module knows open nothing. */
export function visibleModules(actions: readonly string[]): AppModule[] {
  return modules.filter(
    (module) => (module.action === undefined || actions.includes(module.action)) && !(module.notWith && actions.includes(module.notWith)),
  )
}

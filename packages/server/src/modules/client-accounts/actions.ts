import { defineActions, CLIENT_ACCOUNT_WORKERS } from '../../access/actions'

/** The actions of this module (the access layer's catalogue is assembled from every module's). */
export const clientAccountsActions = defineActions({
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
})

import { defineActions, INCOME_SUPPORT_HANDLERS } from '../../access/actions'

/** The actions of this module (the access layer's catalogue is assembled from every module's). */
export const paymentsActions = defineActions({
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
  'payments:commitments': {
    scope: 'role',
    roles: ['finance'],
    audit: 'view',
    dataGroup: 'payments/commitment',
    description: 'Find a payment commitment by its number when a provider\'s bill arrives (the client named in the audit row)',
  },
  'payments:commitment-bill': {
    scope: 'role',
    roles: ['finance'],
    audit: 'insert',
    dataGroup: 'payments/payable',
    description: 'Record a provider\'s bill against a payment commitment (a payable to the provider within the maximum)',
  },
})

import { defineActions } from '../../access/actions'

/** The actions of this module (the access layer's catalogue is assembled from every module's). */
export const privacyActions = defineActions({
  'audit:read': { scope: 'role', roles: ['data_protection_officer'], description: 'Search the audit log and read the review queues' },
  'audit:review': { scope: 'role', roles: ['data_protection_officer'], description: 'Close a sampled access or a break-the-glass access with a verdict' },
  'audit:client-report': {
    scope: 'role',
    roles: ['data_protection_officer'],
    audit: 'print',
    dataGroup: 'privacy/access-report',
    description: 'Print the report "who has processed my data" for a client (2 years; older only with a stated reason)',
  },
})

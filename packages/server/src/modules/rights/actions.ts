import { defineActions } from '../../access/actions'

const OFFICER = ['data_protection_officer'] as const

/**
 * The client's requests about their data, handled by the data protection officer's team. The officer reaches the
 * client by the request itself, not by a client relationship: every action is role-scoped and its audit row names the
 * client (and a guardian or representative who made the request).
 */
export const rightsActions = defineActions({
  'rights:read': { scope: 'role', roles: OFFICER, audit: 'view', dataGroup: 'privacy/rights-request', description: 'Read the clients\' requests about their data and the restrictions of processing' },
  'rights:register': { scope: 'role', roles: OFFICER, audit: 'insert', dataGroup: 'privacy/rights-request', description: 'Register a client\'s request about their data once the requester\'s identity is checked' },
  'rights:handle': { scope: 'role', roles: OFFICER, audit: 'update', dataGroup: 'privacy/rights-request', description: 'Extend a request\'s deadline, record its withdrawal, lift a restriction of processing' },
  'rights:decide': { scope: 'role', roles: OFFICER, audit: 'update', dataGroup: 'privacy/rights-request', description: 'Answer a client\'s request by a decision in parts per register (a granted restriction restricts processing)' },
  'rights:print': { scope: 'role', roles: OFFICER, audit: 'print', dataGroup: 'privacy/rights-request', description: 'Print the decision on a client\'s request and the refusal certificate' },
  'rights:copy': { scope: 'role', roles: OFFICER, audit: 'export', dataGroup: 'privacy/client-copy', description: 'Produce the copy of a client\'s data (PDF and JSON) for a granted access or log request' },
})

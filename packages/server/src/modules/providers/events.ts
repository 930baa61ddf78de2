import { defineAuditEvents } from '../../access/audit-events'

/** Changes of the provider register: configuration events (money follows a provider's account). */
export const providerEvents = defineAuditEvents('providers', {
  created: { kind: 'security', dataGroup: 'config/provider', description: 'Entered a service provider in the register' },
  updated: { kind: 'security', dataGroup: 'config/provider', description: 'Changed a service provider (its account, validity, …)' },
})

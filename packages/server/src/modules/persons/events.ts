import { defineAuditEvents } from '../../access/audit-events'

/** Audit events of the registry that are not one client action's own. */
export const breakGlassEvents = defineAuditEvents('persons', {
  breakGlass: {
    kind: 'security',
    dataGroup: 'security/break-glass',
    description: 'Opened a client without a relationship by stating a reason (for a bounded time; reviewed by the data protection officer)',
  },
})

/** The population register's change feed applied by the system. */
export const vtjEvents = defineAuditEvents('vtj', {
  sync: { kind: 'update', dataGroup: 'registry/person', description: 'The population register\'s changes applied to the client registry (a system job)' },
})

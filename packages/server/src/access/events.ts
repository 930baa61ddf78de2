import { defineAuditEvents } from './audit-events'

/** The access layer's own events (refusals that are no action's own). */
export const accessEvents = defineAuditEvents('access', {
  csrfRefused: {
    kind: 'security',
    dataGroup: 'security/access',
    description: 'Refused a state-changing request whose CSRF token was missing or wrong (the client named when the URL names one)',
  },
})

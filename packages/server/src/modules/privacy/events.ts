import { defineAuditEvents } from '../../access/audit-events'

/** The data protection officer's own processing: reading the log names clients, a verdict closes a review. */
export const privacyEvents = defineAuditEvents('audit', {
  read: { kind: 'view', dataGroup: 'privacy/audit-log', description: 'Read the audit log: every client named in the answer (a search or a view)' },
  review: { kind: 'security', dataGroup: 'privacy/review', description: 'Closed a reviewed access (break the glass or a sampled one) with a verdict' },
})

import { defineAuditEvents } from '../../access/audit-events'

/** What the disclosures module does by itself: the scheduled run of a regular disclosure (the main user's run is its action). */
export const disclosuresEvents = defineAuditEvents('disclosures', {
  regularJobRun: { kind: 'disclose', dataGroup: 'privacy/regular-disclosure', description: 'The scheduled job ran a regular disclosure for its period (the clients the file carries named)' },
})

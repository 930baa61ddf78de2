import { defineAuditEvents } from '../../access/audit-events'

/** Retention's events besides its actions' own: changes of the table, and what the system does by itself. */
export const retentionEvents = defineAuditEvents('retention', {
  ruleAdded: { kind: 'security', dataGroup: 'config/retention-rule', description: 'Added a row to the retention table' },
  ruleChanged: { kind: 'security', dataGroup: 'config/retention-rule', description: 'Changed a row of the retention table' },
  listProposed: { kind: 'insert', dataGroup: 'registry/destruction-list', description: 'The retention job proposed a destruction list of the clients due' },
  destroyed: { kind: 'delete', dataGroup: 'registry/destruction', description: 'A batch of an approved destruction list destroyed (the clients named)' },
})

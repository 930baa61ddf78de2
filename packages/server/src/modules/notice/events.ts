import { defineAuditEvents } from '../../access/audit-events'

/** Changes of the privacy notice's configuration, the notice's versions, and the user commitment. */
export const noticeEvents = defineAuditEvents('notice', {
  settingsUpdated: { kind: 'security', dataGroup: 'config/data-protection', description: 'Changed the data protection parameters of the privacy notice' },
  regularDisclosureCreated: { kind: 'security', dataGroup: 'config/regular-disclosure', description: 'Added a regular disclosure of a service task' },
  regularDisclosureUpdated: { kind: 'security', dataGroup: 'config/regular-disclosure', description: 'Changed or ended a regular disclosure' },
  paperRecordCreated: { kind: 'security', dataGroup: 'config/paper-records', description: 'Added an entry to the register of paper records' },
  paperRecordUpdated: { kind: 'security', dataGroup: 'config/paper-records', description: 'Changed or ended an entry of the register of paper records' },
  commitmentPublished: { kind: 'security', dataGroup: 'security/commitment', description: 'Published a new version of the user commitment' },
  commitmentAccepted: { kind: 'security', dataGroup: 'security/commitment', description: 'Accepted the user commitment in force' },
})

import { defineAuditEvents } from '../../access/audit-events'

const user = 'security/user'
const grant = 'security/grant'
const request = 'security/grant-request'

/** Audit events of the main user's work on users and rights, and of supervisors' grant requests. */
export const adminEvents = defineAuditEvents('admin', {
  userCreated: { kind: 'security', dataGroup: user, description: 'Created a user', legacy: ['admin.user.created'] },
  userUpdated: { kind: 'security', dataGroup: user, description: 'Changed a user\'s details', legacy: ['admin.user.updated'] },
  userDeactivated: { kind: 'security', dataGroup: user, description: 'Deactivated a user (every session ends)', legacy: ['admin.user.deactivated'] },
  userReactivated: { kind: 'security', dataGroup: user, description: 'Reactivated a user', legacy: ['admin.user.reactivated'] },
  mfaReset: { kind: 'security', dataGroup: user, description: 'Reset a user\'s second factor', legacy: ['admin.mfa.reset'] },
  grantCreated: { kind: 'security', dataGroup: grant, description: 'Granted a role in a unit and service tasks', legacy: ['admin.grant.created'] },
  grantEnded: { kind: 'security', dataGroup: grant, description: 'Ended a grant', legacy: ['admin.grant.ended'] },
  grantRequestFiled: { kind: 'security', dataGroup: request, description: 'A supervisor requested rights for a worker', legacy: ['admin.grant_request.filed'] },
  grantRequestGranted: { kind: 'security', dataGroup: request, description: 'Granted a requested right', legacy: ['admin.grant_request.granted'] },
  grantRequestRefused: { kind: 'security', dataGroup: request, description: 'Refused a requested right', legacy: ['admin.grant_request.refused'] },
})

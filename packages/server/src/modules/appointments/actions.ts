import { defineActions, CASE_WORKERS, REGISTRY_USERS } from '../../access/actions'

/** The actions of this module (the access layer's catalogue is assembled from every module's). */
export const appointmentsActions = defineActions({
  'appointments:read': {
    scope: 'role',
    roles: REGISTRY_USERS,
    audit: 'view',
    dataGroup: 'appointments/appointment',
    description: 'A worker\'s or an office\'s calendar in a date range (clients named only where the user may see them)',
  },
  'appointments:client': {
    scope: 'client',
    roles: CASE_WORKERS,
    audit: 'view',
    dataGroup: 'appointments/appointment',
    description: 'A client\'s appointments',
  },
  'appointments:book': {
    scope: 'client',
    roles: CASE_WORKERS,
    audit: 'insert',
    dataGroup: 'appointments/appointment',
    description: 'Book an appointment for a client with a worker (double booking refused by the database)',
  },
  'appointments:change': {
    scope: 'client',
    roles: CASE_WORKERS,
    audit: 'update',
    dataGroup: 'appointments/appointment',
    description: 'Move a client\'s appointment to another time or place',
  },
  'appointments:cancel': {
    scope: 'client',
    roles: CASE_WORKERS,
    audit: 'update',
    dataGroup: 'appointments/appointment',
    description: 'Cancel a client\'s appointment with a reason code',
  },
})

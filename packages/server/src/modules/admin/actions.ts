import { defineActions } from '../../access/actions'

/** The actions of this module (the access layer's catalogue is assembled from every module's). */
export const adminActions = defineActions({
  'admin:users': { scope: 'role', roles: ['main_user'], description: 'List users, their grants and grant requests (no client content)' },
  'admin:users-write': { scope: 'role', roles: ['main_user'], description: 'Create, change and deactivate users; reset a second factor' },
  'admin:grants-write': { scope: 'role', roles: ['main_user'], description: 'Grant and end rights (substitutes with an end date)' },
  'admin:grant-requests': { scope: 'role', roles: ['supervisor', 'main_user'], description: 'Request rights for a worker (supervisor) and see the requests' },
})

import { defineActions } from '../../access/actions'

/** The actions of this module (the access layer's catalogue is assembled from every module's). */
export const platformActions = defineActions({
  'platform:health': { scope: 'public', description: 'Liveness and database status' },
  'platform:docs': { scope: 'public', description: 'API description (OpenAPI) and its docs page' },
  'platform:units': { scope: 'session', description: 'The organisation\'s active units (no client data), the user\'s own marked' },
})

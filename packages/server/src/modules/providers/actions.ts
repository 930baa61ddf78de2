import { CASE_WORKERS, defineActions } from '../../access/actions'

/** The provider register's actions: finance keeps it, case workers choose from it. No client data. */
export const providersActions = defineActions({
  'providers:read': {
    scope: 'role',
    roles: [...CASE_WORKERS, 'finance'],
    description: 'Search and read the register of service providers (Y-tunnus, account, service types, validity)',
  },
  'providers:write': {
    scope: 'role',
    roles: ['finance'],
    description: 'Enter or change a service provider (every change kept with who and when)',
  },
})

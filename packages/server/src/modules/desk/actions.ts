import { ROLES, defineActions } from '../../access/actions'

/** The desk: every role's home page (sections by role; clients only through the list chokepoint). */
export const deskActions = defineActions({
  'desk:read': {
    scope: 'role',
    roles: ROLES,
    audit: 'view',
    dataGroup: 'case/desk',
    description: 'My desk: my clients, this week\'s appointments, my drafts and deadlines, and what waits for my act',
  },
})

import { CASE_WORKERS, defineActions } from '../../access/actions'

/** The worklist of statutory deadlines across services (the case kernel's deadlines). */
export const deadlinesActions = defineActions({
  'deadlines:list': {
    scope: 'role',
    roles: CASE_WORKERS,
    audit: 'view',
    dataGroup: 'case/deadline',
    description: 'My statutory deadlines of every service, or my units\' queue (clients named where the user may see them)',
  },
})

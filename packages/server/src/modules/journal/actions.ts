import { defineActions, CASE_WORKERS } from '../../access/actions'

/** The actions of this module (the access layer's catalogue is assembled from every module's). */
export const journalActions = defineActions({
  'journal:read': {
    scope: 'client',
    roles: CASE_WORKERS,
    audit: 'view',
    dataGroup: 'journal/entry',
    description: 'Read a client\'s journal (asiakaskertomus) in a service task',
  },
  'journal:write': {
    scope: 'client',
    roles: ['social_worker', 'social_counsellor', 'supervisor'],
    audit: 'insert',
    dataGroup: 'journal/entry',
    description: 'Write or edit a draft journal entry',
  },
  'journal:delete-draft': {
    scope: 'client',
    roles: ['social_worker', 'social_counsellor', 'supervisor'],
    audit: 'delete',
    dataGroup: 'journal/entry',
    description: 'Delete one\'s own unsigned draft (a signed entry is never deleted)',
  },
  'journal:sign': {
    scope: 'client',
    roles: ['social_worker', 'social_counsellor', 'supervisor'],
    audit: 'update',
    dataGroup: 'journal/entry',
    description: 'Sign a journal entry (it becomes immutable)',
  },
  'journal:correct': {
    scope: 'client',
    roles: ['social_worker', 'social_counsellor', 'supervisor'],
    audit: 'insert',
    dataGroup: 'journal/entry',
    description: 'Correct a signed journal entry with a new version and a reason (the old stays readable)',
  },
  'journal:print': {
    scope: 'client',
    roles: CASE_WORKERS,
    audit: 'print',
    dataGroup: 'journal/entry',
    description: 'Print journal entries to PDF',
  },
})

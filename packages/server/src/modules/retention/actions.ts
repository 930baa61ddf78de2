import { defineActions, REGISTRY_USERS } from '../../access/actions'

/** Who reads the retention table: the main user keeps it, the archive officer and the data protection officer apply it. */
const RULE_READERS = ['main_user', 'archivist', 'data_protection_officer'] as const
/** Who see destruction lists and records: the archive officer and the data protection officer. */
const ARCHIVE = ['archivist', 'data_protection_officer'] as const
/** The case's workers, and the registry (kirjaamo), which receives the appeals and complaints that hold records. */
const BASES = ['relationship', 'supervision', 'registry', 'break_glass'] as const

/** The actions of retention and destruction (issue 13, items 4 and 5). */
export const retentionActions = defineActions({
  'retention:rules-read': {
    scope: 'role',
    roles: RULE_READERS,
    description: 'Read the retention table (periods, triggers, validity, legal sources)',
  },
  'retention:rules-write': {
    scope: 'role',
    roles: ['main_user'],
    description: 'Change the retention table: a row\'s period, legal source or archive order, or a new row from a day',
  },
  'retention:read': {
    scope: 'client',
    // the archive and data protection officers reach no live client here, but a destroyed one answers them 410 with
    // its destruction record's number
    roles: [...REGISTRY_USERS, ...ARCHIVE],
    audit: 'view',
    dataGroup: 'registry/retention',
    bases: BASES,
    description: 'Read a client\'s retention per register (destroy-after dates, permanent, held) and legal holds',
  },
  'retention:hold': {
    scope: 'client',
    roles: REGISTRY_USERS,
    audit: 'update',
    dataGroup: 'registry/retention',
    bases: BASES,
    description: 'Place or lift a legal hold on a client or one register (an appeal or complaint pending)',
  },
  'destruction:lists': {
    scope: 'role',
    roles: ARCHIVE,
    description: 'List the destruction lists with their counts (no client data)',
  },
  'destruction:propose': {
    scope: 'role',
    roles: ARCHIVE,
    audit: 'insert',
    dataGroup: 'registry/destruction-list',
    description: 'Propose a destruction list of the clients whose retention ran out',
  },
  'destruction:read': {
    scope: 'role',
    roles: ARCHIVE,
    audit: 'view',
    dataGroup: 'registry/destruction-list',
    description: 'Read a destruction list with the clients on it',
  },
  'destruction:review': {
    scope: 'role',
    roles: ['archivist'],
    audit: 'update',
    dataGroup: 'registry/destruction-list',
    description: 'Take a client off a proposed destruction list with the reason',
  },
  'destruction:approve': {
    scope: 'role',
    roles: ['archivist'],
    audit: 'update',
    dataGroup: 'registry/destruction-list',
    description: 'Approve a destruction list proposed by someone else',
  },
  'destruction:execute': {
    scope: 'role',
    roles: ['archivist'],
    audit: 'delete',
    dataGroup: 'registry/destruction',
    description: 'Destroy the clients of an approved destruction list irreversibly, writing the destruction records',
  },
  'destruction:records': {
    scope: 'role',
    roles: ARCHIVE,
    description: 'Read the permanent destruction records (pseudonymous keys, no client data)',
  },
})

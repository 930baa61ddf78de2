import { CASE_WORKERS, defineActions } from '../../access/actions'

const BASES = ['relationship', 'supervision', 'break_glass'] as const

/**
 * The privacy notice's actions: the public notice, its configuration (the main user's, no client data), the record
 * that a client was informed of the processing (client data), and the user commitment.
 */
export const noticeActions = defineActions({
  'notice:public': { scope: 'public', description: 'Read the privacy notice (tietosuojaseloste) and its versions, as JSON, HTML or PDF' },
  'notice:configure': {
    scope: 'role',
    roles: ['main_user'],
    description: 'Keep the data protection parameters, the regular disclosures and the paper records register the privacy notice is generated from',
  },
  'notice:informed-read': {
    scope: 'client',
    roles: CASE_WORKERS,
    audit: 'view',
    dataGroup: 'registry/processing-notice',
    bases: BASES,
    description: 'Read when and how a client was informed of the processing of their data in one register (service task)',
  },
  'notice:informed-record': {
    scope: 'client',
    roles: CASE_WORKERS,
    audit: 'insert',
    dataGroup: 'registry/processing-notice',
    bases: BASES,
    description: 'Record that a client was informed of the processing of their data (day, how, by whom) in a service task',
  },
  'commitment:read': { scope: 'session', beforeCommitment: true, description: 'Read the user commitment (käyttäjäsitoumus) in force and one\'s own acceptance' },
  'commitment:accept': { scope: 'session', beforeCommitment: true, description: 'Accept the user commitment in force' },
  'commitment:manage': {
    scope: 'role',
    roles: ['main_user'],
    description: 'Publish a new version of the user commitment and see how many have accepted each',
  },
})

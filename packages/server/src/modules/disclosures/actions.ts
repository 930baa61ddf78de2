import { defineActions } from '../../access/actions'

/** Who handles disclosures and consents in a register: the workers of the client's case and their supervisors. */
const CASE_WORKERS = ['social_worker', 'social_counsellor', 'benefit_handler', 'supervisor'] as const
const BASES = ['relationship', 'supervision', 'break_glass'] as const

/** The actions of disclosures and consents (the access layer's catalogue is assembled from every module's). */
export const disclosuresActions = defineActions({
  'disclosures:read': {
    scope: 'client',
    roles: CASE_WORKERS,
    audit: 'view',
    dataGroup: 'privacy/disclosure',
    bases: BASES,
    description: 'Read a client\'s disclosure requests, their decisions and the disclosure log in one register',
  },
  'disclosures:receive': {
    scope: 'client',
    roles: CASE_WORKERS,
    audit: 'insert',
    dataGroup: 'privacy/disclosure',
    bases: BASES,
    description: 'Register a request from another authority or party to disclose a client\'s data, with its legal basis',
  },
  'disclosures:decide': {
    scope: 'client',
    roles: ['social_worker', 'benefit_handler', 'supervisor'],
    audit: 'update',
    dataGroup: 'privacy/disclosure',
    bases: BASES,
    description: 'Decide a disclosure request (disclose, partly, refuse) with reasons; consents and the client\'s bans are checked',
  },
  'disclosures:disclose': {
    scope: 'client',
    roles: ['social_worker', 'benefit_handler', 'supervisor'],
    audit: 'disclose',
    dataGroup: 'privacy/disclosure',
    bases: BASES,
    description: 'Record a disclosure made on a decided request into the disclosure log',
  },
  'disclosures:print': {
    scope: 'client',
    roles: CASE_WORKERS,
    audit: 'print',
    dataGroup: 'privacy/disclosure',
    bases: BASES,
    description: 'Print the decision on a disclosure request for the requester (with the appeal instructions of a refusal)',
  },
  'disclosures:ask': {
    scope: 'client',
    roles: CASE_WORKERS,
    audit: 'insert',
    dataGroup: 'privacy/information-request',
    bases: BASES,
    description: 'Record a request for information sent to another authority about a client, and what it obtained',
  },
  'consents:read': {
    scope: 'client',
    roles: CASE_WORKERS,
    audit: 'view',
    dataGroup: 'privacy/consent',
    bases: BASES,
    description: 'Read a client\'s consents and bans on disclosure',
  },
  'consents:record': {
    scope: 'client',
    roles: CASE_WORKERS,
    audit: 'insert',
    dataGroup: 'privacy/consent',
    bases: BASES,
    description: 'Record a client\'s consent to disclose (to whom, what, which registers, until when) or a ban (genealogy, register research)',
  },
  'consents:revoke': {
    scope: 'client',
    roles: CASE_WORKERS,
    audit: 'update',
    dataGroup: 'privacy/consent',
    bases: BASES,
    description: 'Record that a client revoked a consent or lifted a ban',
  },
  'disclosures:regular-read': {
    scope: 'role',
    roles: ['main_user'],
    description: 'See the regular disclosures Huoma produces and their runs (periods and counts, no client data)',
  },
  'disclosures:regular-run': {
    scope: 'role',
    roles: ['main_user'],
    audit: 'disclose',
    dataGroup: 'privacy/regular-disclosure',
    description: 'Run a regular disclosure now for a closed period: its file and a disclosure log row per client it carries',
  },
  'disclosures:regular-file': {
    scope: 'role',
    roles: ['main_user'],
    audit: 'export',
    dataGroup: 'privacy/regular-disclosure',
    description: 'Download the file a regular disclosure\'s run produced (as sent to the recipient)',
  },
})

import { defineActions } from '../../access/actions'

/** The actions of the archive package (issue 13, item 6): the archive officer's; the data protection officer sees the list. */
export const archiveActions = defineActions({
  'archive:candidates': {
    scope: 'role',
    roles: ['archivist'],
    audit: 'view',
    dataGroup: 'registry/archive',
    description: 'List the clients whose registers are ordered permanent and ready for the archive (names and identities)',
  },
  'archive:packages': {
    scope: 'role',
    roles: ['archivist', 'data_protection_officer'],
    description: 'List the archive packages made (counts and checksums, no client data)',
  },
  'archive:package': {
    scope: 'role',
    roles: ['archivist'],
    audit: 'export',
    dataGroup: 'registry/archive',
    description: 'Make an archive package: the permanent registers\' records as PDF/A documents with their metadata',
  },
  'archive:download': {
    scope: 'role',
    roles: ['archivist'],
    audit: 'export',
    dataGroup: 'registry/archive',
    description: 'Download an archive package (the PDF/A documents and metadata of its clients) for the archive',
  },
})

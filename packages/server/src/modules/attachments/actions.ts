import { defineActions, CASE_WORKERS } from '../../access/actions'

/** The actions of this module (the access layer's catalogue is assembled from every module's). */
export const attachmentsActions = defineActions({
  'attachments:read': {
    scope: 'client',
    roles: CASE_WORKERS,
    audit: 'view',
    dataGroup: 'attachments/attachment',
    description: 'List a client\'s attachments (scanned documents, PDFs, images) in a service task',
  },
  'attachments:upload': {
    scope: 'client',
    roles: ['social_worker', 'social_counsellor', 'supervisor'],
    audit: 'insert',
    dataGroup: 'attachments/attachment',
    description: 'Upload an attachment to a client in a service task (type sniffed from the content, size limited)',
  },
  'attachments:download': {
    scope: 'client',
    roles: CASE_WORKERS,
    audit: 'export',
    dataGroup: 'attachments/attachment',
    description: 'Download an attachment (an export of client data)',
  },
})

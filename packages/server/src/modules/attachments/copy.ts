import { ATTACHMENT_DOCUMENT_TYPES } from '@huoma/domain'
import type { TimelineSource } from '../../kernel/client-timeline'
import { staffName, type CopyTable } from '../../kernel/client-copy'

const L = (fi: string, sv: string) => ({ fi, sv })

/** The client's attachments as a list (the files themselves are given with the copy on request). */
export const attachmentsCopy: readonly CopyTable[] = [
  {
    key: 'attachments/attachment',
    title: L('Liitteet', 'Bilagor'),
    from: 'attachment',
    serviceTask: { column: 'service_task' },
    documentType: 'attachment',
    date: "to_char(uploaded_at AT TIME ZONE 'Europe/Helsinki', 'YYYY-MM-DD')",
    columns: [
      { key: 'document_type', label: L('Asiakirja', 'Handling'), values: ATTACHMENT_DOCUMENT_TYPES },
      { key: 'file_name', label: L('Tiedosto', 'Fil') },
      { key: 'content_type', label: L('Tyyppi', 'Typ') },
      { key: 'size_bytes', label: L('Koko (tavua)', 'Storlek (byte)') },
      { key: 'uploaded', sql: "to_char(uploaded_at AT TIME ZONE 'Europe/Helsinki', 'YYYY-MM-DD')", label: L('Tallennettu', 'Sparad') },
      { key: 'uploaded_by', sql: staffName('uploaded_by'), label: L('Tallentaja', 'Sparad av') },
    ],
    orderBy: 'uploaded_at',
  },
]

/** The module's records as events on the client card's timeline. */
export const attachmentsTimeline: readonly TimelineSource[] = [{ kind: 'attachment.added', from: 'attachment', serviceTask: 'service_task', at: 'uploaded_at', by: staffName('uploaded_by') }]

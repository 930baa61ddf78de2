import { ATTACHMENT_DOCUMENT_TYPE_FIELD, ATTACHMENT_FILE_FIELD, ATTACHMENT_JOURNAL_FIELD, attachmentsEndpoints as ep, type AttachmentDocumentType } from '@huoma/contract'
import { callApi, endpointPath } from './endpoint'

/** The attachments of one client in one service task, through the contract's endpoints. */

/** The download address (a GET, so a plain link with the session cookie downloads it). */
export function downloadUrl(personId: string, serviceTask: string, attachmentId: string): string {
  return endpointPath(ep['attachments.download'], { params: { id: personId, serviceTask, attachmentId } })
}

export function listAttachments(personId: string, serviceTask: string, signal?: AbortSignal) {
  return callApi(ep['attachments.list'], { params: { id: personId, serviceTask }, ...(signal ? { signal } : {}) })
}

/** Uploads one file as multipart/form-data: its document type and the optional journal entry first, then the file. */
export function uploadAttachment(personId: string, serviceTask: string, file: File, documentType: AttachmentDocumentType, journalEntryId?: string) {
  const form = new FormData()
  form.append(ATTACHMENT_DOCUMENT_TYPE_FIELD, documentType)
  if (journalEntryId) form.append(ATTACHMENT_JOURNAL_FIELD, journalEntryId)
  form.append(ATTACHMENT_FILE_FIELD, file, file.name)
  return callApi(ep['attachments.upload'], { params: { id: personId, serviceTask }, body: form })
}

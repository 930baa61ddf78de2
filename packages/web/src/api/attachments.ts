import { ATTACHMENT_FILE_FIELD, ATTACHMENT_JOURNAL_FIELD, type Attachment, type AttachmentList, type Problem } from '@huoma/contract'
import { ApiError, apiRequest, CSRF_COOKIE, CSRF_HEADER, NetworkError, readCookie } from './client'
import { currentLanguage, i18n } from '../lib/language'

/** The attachments of one client in one service task: `/api/persons/:id/attachments/:serviceTask`. */
export function attachmentsPath(personId: string, serviceTask: string): string {
  return `/api/persons/${encodeURIComponent(personId)}/attachments/${encodeURIComponent(serviceTask)}`
}

/** The download address (a GET, so a plain link with the session cookie downloads it). */
export function downloadUrl(personId: string, serviceTask: string, attachmentId: string): string {
  return `${attachmentsPath(personId, serviceTask)}/${encodeURIComponent(attachmentId)}/content`
}

export function listAttachments(personId: string, serviceTask: string, signal?: AbortSignal): Promise<AttachmentList> {
  return apiRequest<AttachmentList>(attachmentsPath(personId, serviceTask), signal ? { signal } : {})
}

/** Uploads one file as multipart/form-data (apiRequest speaks JSON only). */
export async function uploadAttachment(personId: string, serviceTask: string, file: File, journalEntryId?: string): Promise<Attachment> {
  const form = new FormData()
  if (journalEntryId) form.append(ATTACHMENT_JOURNAL_FIELD, journalEntryId)
  form.append(ATTACHMENT_FILE_FIELD, file, file.name)
  const headers = new Headers({ Accept: 'application/json', 'Accept-Language': currentLanguage() })
  const csrf = readCookie(CSRF_COOKIE)
  if (csrf) headers.set(CSRF_HEADER, csrf)
  let response: Response
  try {
    response = await fetch(attachmentsPath(personId, serviceTask), { method: 'POST', headers, credentials: 'same-origin', body: form })
  } catch (error) {
    throw new NetworkError(error)
  }
  let body: unknown
  try {
    body = await response.json()
  } catch {
    body = undefined
  }
  if (response.ok) return body as Attachment
  const problem = body as Problem | undefined
  throw new ApiError(
    problem && typeof problem.title === 'string' && typeof problem.status === 'number'
      ? problem
      : { type: 'about:blank', title: i18n.t('errors.http', { status: response.status }), status: response.status },
  )
}

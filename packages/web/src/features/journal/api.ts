import type {
  JournalCorrection,
  JournalDraftCreate,
  JournalDraftUpdate,
  JournalEntryDetail,
  JournalList,
} from '@huoma/contract'
import { apiRequest } from '../../api/client'

/** The journal of one client in one service task: `/api/persons/:id/journal/:serviceTask`. */
export function journalPath(personId: string, serviceTask: string): string {
  return `/api/persons/${encodeURIComponent(personId)}/journal/${encodeURIComponent(serviceTask)}`
}

export function entryPath(personId: string, serviceTask: string, entryId: string): string {
  return `${journalPath(personId, serviceTask)}/entries/${encodeURIComponent(entryId)}`
}

export function listJournal(personId: string, serviceTask: string, cursor?: string, signal?: AbortSignal): Promise<JournalList> {
  const query = cursor ? `?cursor=${encodeURIComponent(cursor)}` : ''
  return apiRequest<JournalList>(`${journalPath(personId, serviceTask)}${query}`, signal ? { signal } : {})
}

export function readEntry(personId: string, serviceTask: string, entryId: string): Promise<JournalEntryDetail> {
  return apiRequest<JournalEntryDetail>(entryPath(personId, serviceTask, entryId))
}

export function createDraft(personId: string, serviceTask: string, body: JournalDraftCreate): Promise<JournalEntryDetail> {
  return apiRequest<JournalEntryDetail>(journalPath(personId, serviceTask), { method: 'POST', body })
}

export function updateDraft(personId: string, serviceTask: string, entryId: string, body: JournalDraftUpdate): Promise<JournalEntryDetail> {
  return apiRequest<JournalEntryDetail>(entryPath(personId, serviceTask, entryId), { method: 'PUT', body })
}

export function deleteDraft(personId: string, serviceTask: string, entryId: string): Promise<void> {
  return apiRequest<void>(entryPath(personId, serviceTask, entryId), { method: 'DELETE' })
}

export function signEntry(personId: string, serviceTask: string, entryId: string, version: number): Promise<JournalEntryDetail> {
  return apiRequest<JournalEntryDetail>(`${entryPath(personId, serviceTask, entryId)}/sign`, { method: 'POST', body: { version } })
}

export function correctEntry(personId: string, serviceTask: string, entryId: string, body: JournalCorrection): Promise<JournalEntryDetail> {
  return apiRequest<JournalEntryDetail>(`${entryPath(personId, serviceTask, entryId)}/corrections`, { method: 'POST', body })
}

/** The PDF of the journal (a GET, so the browser can open it in a tab with the session cookie). */
export function printUrl(personId: string, serviceTask: string, language: string): string {
  return `${journalPath(personId, serviceTask)}/print?lang=${language === 'sv' ? 'sv' : 'fi'}`
}

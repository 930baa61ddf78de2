import { journalEndpoints as ep, type JournalCorrection, type JournalDraftCreate, type JournalDraftUpdate } from '@huoma/contract'
import { callApi, endpointPath } from '../../api/endpoint'

/** The journal of one client in one service task, through the contract's endpoints. */
const target = (personId: string, serviceTask: string) => ({ id: personId, serviceTask })
const entry = (personId: string, serviceTask: string, entryId: string) => ({ id: personId, serviceTask, entryId })

export function listJournal(personId: string, serviceTask: string, cursor?: string, signal?: AbortSignal) {
  return callApi(ep['journal.list'], { params: target(personId, serviceTask), query: cursor ? { cursor } : {}, ...(signal ? { signal } : {}) })
}

export function readEntry(personId: string, serviceTask: string, entryId: string) {
  return callApi(ep['journal.read'], { params: entry(personId, serviceTask, entryId) })
}

export function createDraft(personId: string, serviceTask: string, body: JournalDraftCreate) {
  return callApi(ep['journal.createDraft'], { params: target(personId, serviceTask), body })
}

export function updateDraft(personId: string, serviceTask: string, entryId: string, body: JournalDraftUpdate) {
  return callApi(ep['journal.updateDraft'], { params: entry(personId, serviceTask, entryId), body })
}

export function deleteDraft(personId: string, serviceTask: string, entryId: string) {
  return callApi(ep['journal.deleteDraft'], { params: entry(personId, serviceTask, entryId) })
}

export function signEntry(personId: string, serviceTask: string, entryId: string, version: number) {
  return callApi(ep['journal.sign'], { params: entry(personId, serviceTask, entryId), body: { version } })
}

export function correctEntry(personId: string, serviceTask: string, entryId: string, body: JournalCorrection) {
  return callApi(ep['journal.correct'], { params: entry(personId, serviceTask, entryId), body })
}

/** The PDF of the journal (a GET, so the browser can open it in a tab with the session cookie). */
export function printUrl(personId: string, serviceTask: string, language: string): string {
  return endpointPath(ep['journal.print'], { params: target(personId, serviceTask), query: { lang: language === 'sv' ? 'sv' : 'fi' } })
}

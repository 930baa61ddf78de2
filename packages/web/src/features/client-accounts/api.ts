import type {
  ClientAccountEntry,
  ClientAccountEntryInput,
  ClientAccountKind,
  ClientAccountSummary,
  Reconciliation,
  ReconciliationInput,
} from '@huoma/contract'
import { apiRequest } from '../../api/client'

/** The accounts of one client in one service task: `/api/persons/:id/client-accounts/:serviceTask`. */
export function accountsPath(personId: string, serviceTask: string): string {
  return `/api/persons/${encodeURIComponent(personId)}/client-accounts/${encodeURIComponent(serviceTask)}`
}

export function accountPath(personId: string, serviceTask: string, accountId: string): string {
  return `${accountsPath(personId, serviceTask)}/${encodeURIComponent(accountId)}`
}

/** The web page of one account. */
export function accountPage(personId: string, serviceTask: string, accountId: string): string {
  return `/persons/${encodeURIComponent(personId)}/client-accounts/${encodeURIComponent(serviceTask)}/${encodeURIComponent(accountId)}`
}

export function openAccount(personId: string, serviceTask: string, kind: ClientAccountKind, openedOn: string): Promise<ClientAccountSummary> {
  return apiRequest<ClientAccountSummary>(accountsPath(personId, serviceTask), { method: 'POST', body: { kind, openedOn } })
}

export function recordEntry(personId: string, serviceTask: string, accountId: string, body: ClientAccountEntryInput): Promise<ClientAccountEntry> {
  return apiRequest<ClientAccountEntry>(`${accountPath(personId, serviceTask, accountId)}/entries`, { method: 'POST', body })
}

export function reverseEntry(personId: string, serviceTask: string, accountId: string, entryId: string, description: string): Promise<ClientAccountEntry> {
  return apiRequest<ClientAccountEntry>(`${accountPath(personId, serviceTask, accountId)}/entries/${encodeURIComponent(entryId)}/reverse`, {
    method: 'POST',
    body: { description },
  })
}

/** The statement PDF (a GET, so the browser opens it in a tab with the session cookie). */
export function statementUrl(personId: string, serviceTask: string, accountId: string, from: string, to: string, language: string): string {
  const lang = language === 'sv' ? 'sv' : 'fi'
  return `${accountPath(personId, serviceTask, accountId)}/statement?from=${from}&to=${to}&language=${lang}`
}

/** Finance's monthly reconciliation of the collective client-funds account: every account's balance at month end. */
export function fetchReconciliation(month: string, signal?: AbortSignal): Promise<Reconciliation> {
  return apiRequest<Reconciliation>(`/api/client-accounts/reconciliation?month=${encodeURIComponent(month)}`, signal ? { signal } : {})
}

/** Records the bank balance at month end; a difference of zero closes the month. */
export function reconcileMonth(body: ReconciliationInput): Promise<Reconciliation> {
  return apiRequest<Reconciliation>('/api/client-accounts/reconciliation', { method: 'POST', body })
}

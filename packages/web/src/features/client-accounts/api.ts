import { clientAccountsEndpoints as ep, type ClientAccountEntryInput, type ClientAccountKind, type ReconciliationInput } from '@huoma/contract'
import { callApi, endpointPath } from '../../api/endpoint'

/** Calls of the client accounts, typed by the contract (`clientAccountsEndpoints`). */
const task = (personId: string, serviceTask: string) => ({ id: personId, serviceTask })
const account = (personId: string, serviceTask: string, accountId: string) => ({ id: personId, serviceTask, accountId })

/** The web page of one account. */
export function accountPage(personId: string, serviceTask: string, accountId: string): string {
  return `/persons/${encodeURIComponent(personId)}/client-accounts/${encodeURIComponent(serviceTask)}/${encodeURIComponent(accountId)}`
}

export function openAccount(personId: string, serviceTask: string, kind: ClientAccountKind, openedOn: string) {
  return callApi(ep['clientAccounts.open'], { params: task(personId, serviceTask), body: { kind, openedOn } })
}

export function recordEntry(personId: string, serviceTask: string, accountId: string, body: ClientAccountEntryInput) {
  return callApi(ep['clientAccounts.record'], { params: account(personId, serviceTask, accountId), body })
}

export function reverseEntry(personId: string, serviceTask: string, accountId: string, entryId: string, description: string) {
  return callApi(ep['clientAccounts.reverse'], { params: { ...account(personId, serviceTask, accountId), entryId }, body: { description } })
}

/** The statement PDF (a GET, so the browser opens it in a tab with the session cookie). */
export function statementUrl(personId: string, serviceTask: string, accountId: string, from: string, to: string, language: string): string {
  return endpointPath(ep['clientAccounts.statement'], { params: account(personId, serviceTask, accountId), query: { from, to, language: language === 'sv' ? 'sv' : 'fi' } })
}

/** Finance's monthly reconciliation of the collective client-funds account: every account's balance at month end. */
export function fetchReconciliation(month: string, signal?: AbortSignal) {
  return callApi(ep['clientAccounts.reconciliation'], { query: { month }, ...(signal ? { signal } : {}) })
}

/** Records the bank balance at month end; a difference of zero closes the month. */
export function reconcileMonth(body: ReconciliationInput) {
  return callApi(ep['clientAccounts.reconcile'], { body })
}

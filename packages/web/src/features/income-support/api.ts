import type {
  Application,
  ApplicationCreate,
  ApplicationListItem,
  ApplicationUpdate,
  CalculationOutcome,
  CalculationRequest,
  ClientApplications,
  ClientCard,
  CompletionAnswer,
  CompletionRequest,
  Decision,
  DecisionInput,
  HouseholdProposal,
  KelaImportResult,
  NotificationInput,
  ParameterHistory,
  ParameterSet,
  ParameterSetUpdate,
  ParameterSets,
  ParameterValues,
  Problem,
  Worklist,
} from '@huoma/contract'
import { ApiError, CSRF_COOKIE, CSRF_HEADER, NetworkError, apiRequest, readCookie } from '../../api/client'
import { currentLanguage, i18n } from '../../lib/language'

const enc = encodeURIComponent
const person = (personId: string) => `/api/persons/${enc(personId)}/income-support`
const application = (personId: string, applicationId: string) => `${person(personId)}/applications/${enc(applicationId)}`
const opts = (signal?: AbortSignal) => (signal ? { signal } : {})

export type WorklistScope = 'mine' | 'queue' | 'all'

export function fetchWorklist(scope: WorklistScope, signal?: AbortSignal): Promise<Worklist> {
  return apiRequest<Worklist>(`/api/income-support/worklist?scope=${scope}`, opts(signal))
}

export function fetchFromKela(): Promise<KelaImportResult> {
  return apiRequest<KelaImportResult>('/api/income-support/kela/fetch', { method: 'POST', body: {} })
}

/** Takes an application from the queue, at the version the worklist showed (a change meanwhile answers 409). */
export function takeApplication(item: ApplicationListItem): Promise<unknown> {
  return apiRequest(`/api/income-support/applications/${enc(item.id)}/assign`, { method: 'POST', body: { version: item.version } })
}

export function fetchClientApplications(personId: string, signal?: AbortSignal): Promise<ClientApplications> {
  return apiRequest<ClientApplications>(`${person(personId)}/applications`, opts(signal))
}

export function fetchApplication(personId: string, applicationId: string, signal?: AbortSignal): Promise<Application> {
  return apiRequest<Application>(application(personId, applicationId), opts(signal))
}

export function fetchClientCard(personId: string, signal?: AbortSignal): Promise<ClientCard> {
  return apiRequest<ClientCard>(`/api/persons/${enc(personId)}/card`, opts(signal))
}

/** The client's registry household on a day, proposed as an application's members (a role, or null for a flatmate). */
export function fetchHousehold(personId: string, on: string, signal?: AbortSignal): Promise<HouseholdProposal> {
  return apiRequest<HouseholdProposal>(`${person(personId)}/household?on=${enc(on)}`, opts(signal))
}

/** Registers an application received on paper or as an e-form: into the unit's queue, or taken at once (takeIt). */
export function registerApplication(personId: string, body: ApplicationCreate): Promise<Application> {
  return apiRequest<Application>(`${person(personId)}/applications`, { method: 'POST', body })
}

/** The live calculation of an application being registered (nothing is saved): the household from the registry. */
export function calculateNew(personId: string, body: CalculationRequest, signal?: AbortSignal): Promise<CalculationOutcome> {
  return apiRequest<CalculationOutcome>(`${person(personId)}/calculate`, { method: 'POST', body, ...opts(signal) })
}

export function saveApplication(personId: string, applicationId: string, body: ApplicationUpdate): Promise<Application> {
  return apiRequest<Application>(application(personId, applicationId), { method: 'PUT', body })
}

export function calculate(personId: string, applicationId: string, body: CalculationRequest, signal?: AbortSignal): Promise<CalculationOutcome> {
  return apiRequest<CalculationOutcome>(`${application(personId, applicationId)}/calculate`, { method: 'POST', body, ...opts(signal) })
}

export function requestCompletion(personId: string, applicationId: string, body: CompletionRequest): Promise<Application> {
  return apiRequest<Application>(`${application(personId, applicationId)}/completion`, { method: 'POST', body })
}

export function answerCompletion(personId: string, applicationId: string, body: CompletionAnswer): Promise<Application> {
  return apiRequest<Application>(`${application(personId, applicationId)}/completion/answer`, { method: 'POST', body })
}

export function makeDecision(personId: string, applicationId: string, body: DecisionInput): Promise<Decision> {
  return apiRequest<Decision>(`${application(personId, applicationId)}/decisions`, { method: 'POST', body })
}

/** The decision as it would be printed, before it is made (a PDF marked as a draft). */
export function previewDecision(personId: string, applicationId: string, body: DecisionInput): Promise<Blob> {
  return pdfRequest(`${application(personId, applicationId)}/decision-preview`, body)
}

export function fetchDecision(personId: string, decisionId: string, signal?: AbortSignal): Promise<Decision> {
  return apiRequest<Decision>(`${person(personId)}/decisions/${enc(decisionId)}`, opts(signal))
}

export function recordNotification(personId: string, decisionId: string, body: NotificationInput): Promise<Decision> {
  return apiRequest<Decision>(`${person(personId)}/decisions/${enc(decisionId)}/notification`, { method: 'POST', body })
}

export function decisionPdfUrl(personId: string, decisionId: string, language: 'fi' | 'sv'): string {
  return `${person(personId)}/decisions/${enc(decisionId)}/pdf?language=${language}`
}

export function commitmentPdfUrl(personId: string, commitmentId: string): string {
  return `${person(personId)}/commitments/${enc(commitmentId)}/pdf`
}

export function fetchParameters(signal?: AbortSignal): Promise<ParameterSets> {
  return apiRequest<ParameterSets>('/api/income-support/parameters', opts(signal))
}

export function fetchParameterHistory(setId: string, signal?: AbortSignal): Promise<ParameterHistory> {
  return apiRequest<ParameterHistory>(`/api/income-support/parameters/${enc(setId)}/history`, opts(signal))
}

export function createParameterSet(body: ParameterValues): Promise<ParameterSet> {
  return apiRequest<ParameterSet>('/api/income-support/parameters', { method: 'POST', body })
}

export function updateParameterSet(setId: string, body: ParameterSetUpdate): Promise<ParameterSet> {
  return apiRequest<ParameterSet>(`/api/income-support/parameters/${enc(setId)}`, { method: 'PUT', body })
}

/** A POST answered with a PDF (the decision preview): the CSRF token as for every change, problems as ApiError. */
async function pdfRequest(path: string, body: unknown): Promise<Blob> {
  const headers = new Headers({ Accept: 'application/pdf, application/problem+json', 'Accept-Language': currentLanguage(), 'Content-Type': 'application/json' })
  const csrf = readCookie(CSRF_COOKIE)
  if (csrf) headers.set(CSRF_HEADER, csrf)
  let response: Response
  try {
    response = await fetch(path, { method: 'POST', headers, credentials: 'same-origin', body: JSON.stringify(body) })
  } catch (error) {
    throw new NetworkError(error)
  }
  if (response.ok) return response.blob()
  let problem: Problem | undefined
  try {
    const parsed = (await response.json()) as Problem
    if (typeof parsed?.title === 'string') problem = parsed
  } catch {
    problem = undefined
  }
  throw new ApiError(problem ?? { type: 'about:blank', title: i18n.t('errors.http', { status: response.status }), status: response.status })
}

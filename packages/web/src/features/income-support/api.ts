import {
  incomeSupportEndpoints as ep,
  personsEndpoints,
  type ApplicationCreate,
  type ApplicationListItem,
  type ApplicationUpdate,
  type CalculationRequest,
  type CompletionAnswer,
  type CompletionRequest,
  type DecisionInput,
  type NotificationInput,
  type ParameterSetUpdate,
  type ParameterValues,
  type WorklistQuery,
} from '@huoma/contract'
import { callApi, endpointPath } from '../../api/endpoint'

/** Income support's calls, typed by the contract (`incomeSupportEndpoints`). */
const application = (personId: string, applicationId: string) => ({ id: personId, applicationId })
const decision = (personId: string, decisionId: string) => ({ id: personId, decisionId })
const opts = (signal?: AbortSignal) => (signal ? { signal } : {})

export type WorklistScope = 'mine' | 'queue' | 'all'

/** The worklist's terms beside the scope: paging, sorting and filters (only those that differ from the defaults). */
export type WorklistTerms = Omit<WorklistQuery, 'scope' | 'unitId'>

export function fetchWorklist(scope: WorklistScope, signal?: AbortSignal, terms: WorklistTerms = {}) {
  return callApi(ep['incomeSupport.worklist'], { query: { scope, ...terms }, ...opts(signal) })
}

export function fetchFromKela() {
  return callApi(ep['incomeSupport.kelaFetch'])
}

/** Takes an application from the queue, at the version the worklist showed (a change meanwhile answers 409). */
export function takeApplication(item: ApplicationListItem) {
  return callApi(ep['incomeSupport.assign'], { params: { applicationId: item.id }, body: { version: item.version } })
}

export function fetchApplication(personId: string, applicationId: string, signal?: AbortSignal) {
  return callApi(ep['incomeSupport.application'], { params: application(personId, applicationId), ...opts(signal) })
}

export function fetchClientCard(personId: string, signal?: AbortSignal) {
  return callApi(personsEndpoints['persons.card'], { params: { id: personId }, ...opts(signal) })
}

/** The client's registry household on a day, proposed as an application's members (a role, or null for a flatmate). */
export function fetchHousehold(personId: string, on: string, signal?: AbortSignal) {
  return callApi(ep['incomeSupport.household'], { params: { id: personId }, query: { on }, ...opts(signal) })
}

/** Registers an application received on paper or as an e-form: into the unit's queue, or taken at once (takeIt). */
export function registerApplication(personId: string, body: ApplicationCreate) {
  return callApi(ep['incomeSupport.register'], { params: { id: personId }, body })
}

/** The live calculation of an application being registered (nothing is saved): the household from the registry. */
export function calculateNew(personId: string, body: CalculationRequest, signal?: AbortSignal) {
  return callApi(ep['incomeSupport.calculateNew'], { params: { id: personId }, body, ...opts(signal) })
}

export function saveApplication(personId: string, applicationId: string, body: ApplicationUpdate) {
  return callApi(ep['incomeSupport.updateApplication'], { params: application(personId, applicationId), body })
}

export function calculate(personId: string, applicationId: string, body: CalculationRequest, signal?: AbortSignal) {
  return callApi(ep['incomeSupport.calculate'], { params: application(personId, applicationId), body, ...opts(signal) })
}

export function requestCompletion(personId: string, applicationId: string, body: CompletionRequest) {
  return callApi(ep['incomeSupport.requestCompletion'], { params: application(personId, applicationId), body })
}

export function answerCompletion(personId: string, applicationId: string, body: CompletionAnswer) {
  return callApi(ep['incomeSupport.answerCompletion'], { params: application(personId, applicationId), body })
}

export function makeDecision(personId: string, applicationId: string, body: DecisionInput) {
  return callApi(ep['incomeSupport.decide'], { params: application(personId, applicationId), body })
}

/** The decision as it would be printed, before it is made (a PDF marked as a draft). */
export async function previewDecision(personId: string, applicationId: string, body: DecisionInput): Promise<Blob> {
  const response = await callApi(ep['incomeSupport.decisionPreview'], { params: application(personId, applicationId), body })
  return response.blob()
}

export function fetchDecision(personId: string, decisionId: string, signal?: AbortSignal) {
  return callApi(ep['incomeSupport.decision'], { params: decision(personId, decisionId), ...opts(signal) })
}

export function recordNotification(personId: string, decisionId: string, body: NotificationInput) {
  return callApi(ep['incomeSupport.notification'], { params: decision(personId, decisionId), body })
}

/** The decision's PDF (a GET, so the browser opens or saves it with the session cookie). */
export function decisionPdfUrl(personId: string, decisionId: string, language: 'fi' | 'sv'): string {
  return endpointPath(ep['incomeSupport.decisionPdf'], { params: decision(personId, decisionId), query: { language } })
}

export function commitmentPdfUrl(personId: string, commitmentId: string): string {
  return endpointPath(ep['incomeSupport.commitmentPdf'], { params: { id: personId, commitmentId } })
}

export function fetchParameterHistory(setId: string, signal?: AbortSignal) {
  return callApi(ep['incomeSupport.parameterHistory'], { params: { setId }, ...opts(signal) })
}

export function createParameterSet(body: ParameterValues) {
  return callApi(ep['incomeSupport.createParameterSet'], { body })
}

export function updateParameterSet(setId: string, body: ParameterSetUpdate) {
  return callApi(ep['incomeSupport.updateParameterSet'], { params: { setId }, body })
}

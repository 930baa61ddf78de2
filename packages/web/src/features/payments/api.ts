import {
  paymentsEndpoints as ep,
  providersEndpoints,
  type BankImportResult,
  type BatchCreate,
  type CommitmentBillInput,
  type PaymentSelection,
  type Pain001VersionName,
} from '@huoma/contract'
import { ApiError, CSRF_COOKIE, CSRF_HEADER, NetworkError, readCookie } from '../../api/client'
import { callApi, endpointPath } from '../../api/endpoint'
import { currentLanguage } from '../../lib/language'
import { problemOf, type Progress } from '../../api/download'

/** Calls of maksuliikenne, typed by the contract (`paymentsEndpoints`). */
const withSignal = (signal?: AbortSignal) => (signal ? { signal } : {})

export function fetchBatches(signal?: AbortSignal) {
  return callApi(ep['payments.listBatches'], withSignal(signal))
}

/** The open payables of a selection with their count and total (the server audits the listing: names are shown). */
export function fetchPreview(selection: PaymentSelection, signal?: AbortSignal) {
  const { dueFrom, dueTo, unitId } = selection
  return callApi(ep['payments.preview'], { query: { dueFrom, dueTo, unitId }, ...withSignal(signal) })
}

export function createBatch(body: BatchCreate) {
  return callApi(ep['payments.createBatch'], { body })
}

export function fetchBatch(batchId: string, signal?: AbortSignal) {
  return callApi(ep['payments.readBatch'], { params: { batchId }, ...withSignal(signal) })
}

export function approveBatch(batch: { id: string; version: number }) {
  return callApi(ep['payments.approve'], { params: { batchId: batch.id }, body: { version: batch.version } })
}

export function cancelBatch(batch: { id: string; version: number }) {
  return callApi(ep['payments.cancel'], { params: { batchId: batch.id }, body: { version: batch.version } })
}

export function pain001Url(batchId: string, version: Pain001VersionName): string {
  return endpointPath(ep['payments.file'], { params: { batchId }, query: { version } })
}

export function accountingUrl(query: { batchId?: string; from?: string; to?: string; format: 'csv' | 'json' }): string {
  const { batchId, from, to, format } = query
  return endpointPath(ep['payments.accounting'], { query: { batchId: batchId || undefined, from: from || undefined, to: to || undefined, format } })
}

/** `includeHandled` is sent only when asked for (the unhandled ones are the default). */
export function fetchReturned(includeHandled: boolean, signal?: AbortSignal) {
  return callApi(ep['payments.returned'], { query: includeHandled ? { includeHandled } : {}, ...withSignal(signal) })
}

/** A payment commitment by the number printed on a provider's bill (audited: it names the client). */
export function findCommitment(number: number, signal?: AbortSignal) {
  return callApi(ep['payments.commitment'], { params: { number }, ...withSignal(signal) })
}

/** A provider's bill against a commitment: a payable to the provider (409 when the same bill was recorded). */
export function billCommitment(commitmentId: string, body: CommitmentBillInput) {
  return callApi(ep['payments.billCommitment'], { params: { commitmentId }, body })
}

/** The providers valid today, to choose the billing one when the commitment names none. */
export function activeProviders(signal?: AbortSignal) {
  return callApi(providersEndpoints['providers.list'], withSignal(signal))
}

// ---- Uploads with XHR (bytes sent counted); downloads are api/download.ts ------------------------------------------

export type BankFileKind = 'pain002' | 'camt054'

/** Which feedback a bank file is, from its namespace or root element; undefined when neither. */
export function sniffBankFile(text: string): BankFileKind | undefined {
  if (/pain\.002\.|<(?:\w+:)?CstmrPmtStsRpt\b/.test(text)) return 'pain002'
  if (/camt\.054\.|<(?:\w+:)?BkToCstmrDbtCdtNtfctn\b/.test(text)) return 'camt054'
  return undefined
}

/** The import's address from its declaration (the body is the file itself, sent by XHR below, not by `callApi`). */
function importPath(kind: BankFileKind): string {
  return (kind === 'pain002' ? ep['payments.importPain002'] : ep['payments.importCamt054']).path
}

export type UploadPhase = { phase: 'sending'; progress: Progress } | { phase: 'processing' }

/**
 * POSTs a bank file (the XML as the request body) and reports the bytes sent, then that the server is reading it.
 * XMLHttpRequest, because fetch reports no upload progress.
 */
export function importBankFile(kind: BankFileKind, file: Blob, onPhase: (phase: UploadPhase) => void): Promise<BankImportResult> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest()
    xhr.open('POST', importPath(kind))
    xhr.withCredentials = true
    xhr.setRequestHeader('Accept', 'application/json')
    xhr.setRequestHeader('Accept-Language', currentLanguage())
    xhr.setRequestHeader('Content-Type', 'application/xml')
    const csrf = readCookie(CSRF_COOKIE)
    if (csrf) xhr.setRequestHeader(CSRF_HEADER, csrf)
    xhr.upload.onprogress = (event) => onPhase({ phase: 'sending', progress: { loaded: event.loaded, total: event.lengthComputable ? event.total : file.size } })
    xhr.upload.onload = () => onPhase({ phase: 'processing' })
    xhr.onerror = () => reject(new NetworkError(new Error('upload failed')))
    xhr.onload = () => {
      let body: unknown
      try {
        body = JSON.parse(xhr.responseText) as unknown
      } catch {
        body = undefined
      }
      if (xhr.status >= 200 && xhr.status < 300) resolve(body as BankImportResult)
      else reject(new ApiError(problemOf(body, xhr.status)))
    }
    onPhase({ phase: 'sending', progress: { loaded: 0, total: file.size } })
    xhr.send(file)
  })
}

import type {
  BankImportResult,
  BatchCreate,
  PaymentBatch,
  PaymentBatchList,
  PaymentBatchSummary,
  PaymentPreview,
  PaymentSelection,
  Pain001VersionName,
  ReturnedPayments,
} from '@huoma/contract'
import { ApiError, CSRF_COOKIE, CSRF_HEADER, NetworkError, apiRequest, readCookie } from '../../api/client'
import { currentLanguage } from '../../lib/language'
import { problemOf, type Progress } from '../../api/download'

const enc = encodeURIComponent
const opts = (signal?: AbortSignal) => (signal ? { signal } : {})
const batchPath = (batchId: string) => `/api/payments/batches/${enc(batchId)}`

export function fetchBatches(signal?: AbortSignal): Promise<PaymentBatchList> {
  return apiRequest<PaymentBatchList>('/api/payments/batches', opts(signal))
}

function selectionQuery(selection: PaymentSelection): string {
  const query = new URLSearchParams({ dueFrom: selection.dueFrom, dueTo: selection.dueTo })
  if (selection.unitId) query.set('unitId', selection.unitId)
  return query.toString()
}

/** The open payables of a selection with their count and total (the server audits the listing: names are shown). */
export function fetchPreview(selection: PaymentSelection, signal?: AbortSignal): Promise<PaymentPreview> {
  return apiRequest<PaymentPreview>(`/api/payments/preview?${selectionQuery(selection)}`, opts(signal))
}

export function createBatch(body: BatchCreate): Promise<PaymentBatchSummary> {
  return apiRequest<PaymentBatchSummary>('/api/payments/batches', { method: 'POST', body })
}

export function fetchBatch(batchId: string, signal?: AbortSignal): Promise<PaymentBatch> {
  return apiRequest<PaymentBatch>(batchPath(batchId), opts(signal))
}

export function approveBatch(batch: { id: string; version: number }): Promise<PaymentBatchSummary> {
  return apiRequest<PaymentBatchSummary>(`${batchPath(batch.id)}/approve`, { method: 'POST', body: { version: batch.version } })
}

export function cancelBatch(batch: { id: string; version: number }): Promise<PaymentBatchSummary> {
  return apiRequest<PaymentBatchSummary>(`${batchPath(batch.id)}/cancel`, { method: 'POST', body: { version: batch.version } })
}

export function pain001Url(batchId: string, version: Pain001VersionName): string {
  return `${batchPath(batchId)}/pain001?version=${enc(version)}`
}

export function accountingUrl(query: { batchId?: string; from?: string; to?: string; format: 'csv' | 'json' }): string {
  const params = new URLSearchParams()
  if (query.batchId) params.set('batchId', query.batchId)
  if (query.from) params.set('from', query.from)
  if (query.to) params.set('to', query.to)
  params.set('format', query.format)
  return `/api/payments/accounting?${params.toString()}`
}

export function fetchReturned(includeHandled: boolean, signal?: AbortSignal): Promise<ReturnedPayments> {
  return apiRequest<ReturnedPayments>(`/api/payments/returned${includeHandled ? '?includeHandled=true' : ''}`, opts(signal))
}

// ---- Uploads with XHR (bytes sent counted); downloads are api/download.ts ------------------------------------------

export type BankFileKind = 'pain002' | 'camt054'

/** Which feedback a bank file is, from its namespace or root element; undefined when neither. */
export function sniffBankFile(text: string): BankFileKind | undefined {
  if (/pain\.002\.|<(?:\w+:)?CstmrPmtStsRpt\b/.test(text)) return 'pain002'
  if (/camt\.054\.|<(?:\w+:)?BkToCstmrDbtCdtNtfctn\b/.test(text)) return 'camt054'
  return undefined
}

export type UploadPhase = { phase: 'sending'; progress: Progress } | { phase: 'processing' }

/**
 * POSTs a bank file (the XML as the request body) and reports the bytes sent, then that the server is reading it.
 * XMLHttpRequest, because fetch reports no upload progress.
 */
export function importBankFile(kind: BankFileKind, file: Blob, onPhase: (phase: UploadPhase) => void): Promise<BankImportResult> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest()
    xhr.open('POST', `/api/payments/imports/${kind}`)
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

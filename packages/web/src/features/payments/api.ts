import type {
  BankImportResult,
  BatchCreate,
  PaymentBatch,
  PaymentBatchList,
  PaymentBatchSummary,
  PaymentPreview,
  PaymentSelection,
  Pain001VersionName,
  Problem,
  ReturnedPayments,
} from '@huoma/contract'
import { ApiError, CSRF_COOKIE, CSRF_HEADER, NetworkError, apiRequest, readCookie } from '../../api/client'
import { currentLanguage, i18n } from '../../i18n'

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

// ---- Files: downloads read as a stream (bytes counted), uploads with XHR (bytes sent counted) ---------------------

/** How far a transfer is: bytes so far and, when the server or the file tells it, the total. */
export interface Progress {
  loaded: number
  total: number | undefined
}

export interface DownloadedFile {
  blob: Blob
  fileName: string
}

function problemOf(body: unknown, status: number): Problem {
  const candidate = body as Partial<Problem> | undefined
  return candidate && typeof candidate.title === 'string' && typeof candidate.status === 'number'
    ? (candidate as Problem)
    : { type: 'about:blank', title: i18n.t('errors.http', { status }), status }
}

/** `attachment; filename="x.xml"; filename*=UTF-8''x.xml` → `x.xml` (the encoded form preferred). */
export function fileNameFrom(disposition: string | null, fallback: string): string {
  if (!disposition) return fallback
  const encoded = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(disposition)
  if (encoded?.[1]) {
    try {
      return decodeURIComponent(encoded[1].trim())
    } catch {
      // a broken encoding: try the plain parameter
    }
  }
  const plain = /filename\s*=\s*"?([^";]+)"?/.exec(disposition)
  return plain?.[1]?.trim() || fallback
}

/**
 * GETs a file and reads its body chunk by chunk, reporting the bytes received (the server streams the bank file
 * as it generates it, so the first bytes arrive long before the last). Problems become ApiError as elsewhere.
 */
export async function downloadFile(path: string, fallbackName: string, onProgress: (progress: Progress) => void, signal?: AbortSignal): Promise<DownloadedFile> {
  const headers = new Headers({ 'Accept-Language': currentLanguage() })
  let response: Response
  try {
    response = await fetch(path, { method: 'GET', headers, credentials: 'same-origin', signal: signal ?? null })
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error
    throw new NetworkError(error)
  }
  if (!response.ok) {
    let body: unknown
    try {
      body = await response.json()
    } catch {
      body = undefined
    }
    throw new ApiError(problemOf(body, response.status))
  }
  const length = Number(response.headers.get('content-length'))
  const total = Number.isFinite(length) && length > 0 ? length : undefined
  const type = response.headers.get('content-type') ?? 'application/octet-stream'
  const fileName = fileNameFrom(response.headers.get('content-disposition'), fallbackName)
  onProgress({ loaded: 0, total })
  if (!response.body) {
    const blob = await response.blob()
    onProgress({ loaded: blob.size, total: blob.size })
    return { blob, fileName }
  }
  const reader = response.body.getReader()
  const chunks: Uint8Array[] = []
  let loaded = 0
  try {
    for (;;) {
      const { done, value } = await reader.read()
      if (done) break
      chunks.push(value)
      loaded += value.byteLength
      onProgress({ loaded, total })
    }
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error
    throw new NetworkError(error)
  }
  return { blob: new Blob(chunks as BlobPart[], { type }), fileName }
}

/** Hands a downloaded file to the browser as a download (an object URL clicked through a temporary link). */
export function saveFile({ blob, fileName }: DownloadedFile): void {
  const url = URL.createObjectURL(blob)
  const link = document.createElement('a')
  link.href = url
  link.download = fileName
  link.style.display = 'none'
  document.body.append(link)
  link.click()
  link.remove()
  setTimeout(() => URL.revokeObjectURL(url), 60_000)
}

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

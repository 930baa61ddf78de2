/**
 * Files fetched from the API as downloads: read as a stream with the bytes counted (the server streams a bank file
 * as it generates it), then handed to the browser; a hook that holds such a download's progress.
 */
import type { Problem } from '@huoma/contract'
import { useCallback, useEffect, useRef, useState } from 'react'
import { ApiError, describeError, NetworkError, type ErrorText } from './client'
import { currentLanguage, i18n } from '../lib/language'

/** How far a transfer is: bytes so far and, when the server or the file tells it, the total. */
export interface Progress {
  loaded: number
  total: number | undefined
}

export interface DownloadedFile {
  blob: Blob
  fileName: string
}

/** The problem of a failed answer, or one made from its status when the body is not one. */
export function problemOf(body: unknown, status: number): Problem {
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


export type DownloadState =
  | { status: 'idle' }
  | { status: 'running'; progress: Progress | undefined }
  | { status: 'done'; bytes: number; fileName: string }
  | { status: 'error'; error: ErrorText }

/**
 * A download with its progress: `start` fetches the file as a stream, counting the bytes, and hands it to the
 * browser when complete. Leaving the page aborts it.
 */
export function useDownload(onDone?: () => void) {
  const [state, setState] = useState<DownloadState>({ status: 'idle' })
  const controller = useRef<AbortController | null>(null)
  const done = useRef(onDone)
  useEffect(() => {
    done.current = onDone
  }, [onDone])
  useEffect(() => () => controller.current?.abort(), [])

  const start = useCallback(async (path: string, fallbackName: string) => {
    controller.current?.abort()
    const current = new AbortController()
    controller.current = current
    setState({ status: 'running', progress: undefined })
    try {
      const file = await downloadFile(path, fallbackName, (progress) => setState({ status: 'running', progress }), current.signal)
      saveFile(file)
      setState({ status: 'done', bytes: file.blob.size, fileName: file.fileName })
      done.current?.()
    } catch (error) {
      if (!current.signal.aborted) setState({ status: 'error', error: describeError(error) })
    }
  }, [])

  return { state, start }
}

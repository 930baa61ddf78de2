import type { Problem } from '@huoma/contract'
import { currentLanguage, i18n } from '../lib/language'

export const CSRF_COOKIE = 'huoma-csrf'
export const CSRF_HEADER = 'x-csrf-token'

/** The server answered with an error status; `problem` is its RFC 9457 body, already in the UI language. */
export class ApiError extends Error {
  readonly problem: Problem
  constructor(problem: Problem) {
    super(problem.detail ?? problem.title)
    this.name = 'ApiError'
    this.problem = problem
  }
  get status(): number {
    return this.problem.status
  }
}

/** The request never got an answer (server down, network gone). */
export class NetworkError extends Error {
  constructor(cause: unknown) {
    super(i18n.t('errors.network'), { cause })
    this.name = 'NetworkError'
  }
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'

export interface RequestOptions {
  method?: Method
  /** Sent as JSON; a `FormData` is sent as multipart/form-data (the browser writes its boundary). */
  body?: unknown
  signal?: AbortSignal
}

const sessionExpiredListeners = new Set<() => void>()

/** Called when a request outside /api/auth/ is refused with 401: the session has ended on the server. */
export function onSessionExpired(listener: () => void): () => void {
  sessionExpiredListeners.add(listener)
  return () => {
    sessionExpiredListeners.delete(listener)
  }
}

const commitmentRequiredListeners = new Set<() => void>()

/**
 * Called when a request is refused because the user has yet to accept the user commitment in force (the main user
 * published a new version during the session): the session is asked again and the sign-in shows the commitment.
 */
export function onCommitmentRequired(listener: () => void): () => void {
  commitmentRequiredListeners.add(listener)
  return () => {
    commitmentRequiredListeners.delete(listener)
  }
}

export const COMMITMENT_REQUIRED = 'https://huoma.fi/problems/commitment-required'

export function readCookie(name: string): string | undefined {
  for (const part of document.cookie.split(';')) {
    const [key, ...value] = part.trim().split('=')
    if (key === name) return decodeURIComponent(value.join('='))
  }
  return undefined
}

function isProblem(value: unknown): value is Problem {
  if (typeof value !== 'object' || value === null) return false
  const { title, status } = value as Record<string, unknown>
  return typeof title === 'string' && typeof status === 'number'
}

async function readBody(response: Response): Promise<unknown> {
  const type = response.headers.get('content-type') ?? ''
  if (response.status === 204 || !/[/+]json\b/.test(type)) return undefined
  try {
    return await response.json()
  } catch {
    return undefined
  }
}

/**
 * Sends one request with the UI language, the CSRF token and the session cookie, and answers the response when it
 * is a success; an error status becomes ApiError (its problem+json body, or one made from the status).
 */
async function send(path: string, options: RequestOptions, accept: string): Promise<Response> {
  const method = options.method ?? 'GET'
  const headers = new Headers({ Accept: accept, 'Accept-Language': currentLanguage() })
  const multipart = options.body instanceof FormData
  if (options.body !== undefined && !multipart) headers.set('Content-Type', 'application/json')
  if (method !== 'GET') {
    const csrf = readCookie(CSRF_COOKIE)
    if (csrf) headers.set(CSRF_HEADER, csrf)
  }
  let response: Response
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      body: options.body === undefined ? null : multipart ? (options.body as FormData) : JSON.stringify(options.body),
      signal: options.signal ?? null,
    })
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error
    throw new NetworkError(error)
  }
  if (response.ok) return response
  const body = await readBody(response)
  if (response.status === 401 && !path.startsWith('/api/auth/')) sessionExpiredListeners.forEach((listener) => listener())
  if (response.status === 403 && isProblem(body) && body.type === COMMITMENT_REQUIRED) commitmentRequiredListeners.forEach((listener) => listener())
  throw new ApiError(
    isProblem(body)
      ? body
      : { type: 'about:blank', title: i18n.t('errors.http', { status: response.status }), status: response.status },
  )
}

/** One call to the Huoma API: JSON in and out, the UI language, the CSRF token and the session cookie. */
export async function apiRequest<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const response = await send(path, options, 'application/json')
  return (await readBody(response)) as T
}

/**
 * One call whose answer is a file (a PDF, a CSV): the response itself, to be read as a blob, when it succeeds;
 * failures as in `apiRequest`. `accept` names the file's media type (problem+json is added for the errors).
 */
export function apiFileRequest(path: string, accept: string, options: RequestOptions = {}): Promise<Response> {
  return send(path, options, `${accept}, application/problem+json`)
}

export interface ErrorText {
  title: string
  detail?: string
}

/** What to tell the user about a failed request: the server's own words when it sent a problem. */
export function describeError(error: unknown): ErrorText {
  if (error instanceof ApiError) {
    const { title, detail } = error.problem
    return detail && detail !== title ? { title, detail } : { title }
  }
  if (error instanceof NetworkError) return { title: error.message }
  return { title: i18n.t('errors.unexpected') }
}

import { endpointUrl, type Endpoint, type EndpointBody, type EndpointParams, type EndpointQuery, type EndpointResponse } from '@huoma/contract'
import type { TSchema } from '@huoma/contract'
import { apiFileRequest, apiRequest } from './client'
import { useApi, type ApiState } from './useApi'

/**
 * The API client typed by the contract: each call names an endpoint the server was built from, and its path
 * parameters, query, body and answer take their types from the same schemas. No call site writes a URL or asserts
 * a response type by hand.
 */

/** An endpoint whose request body is a multipart upload (`consumes: ['multipart/form-data']`). */
type Multipart<E extends Endpoint> = E['consumes'] extends readonly string[]
  ? 'multipart/form-data' extends E['consumes'][number]
    ? true
    : false
  : false

/** The query: required when the schema has a required key, otherwise optional; `undefined` values are left out. */
type QueryArg<E extends Endpoint> = E['query'] extends TSchema
  ? object extends EndpointQuery<E>
    ? { query?: EndpointQuery<E> }
    : { query: EndpointQuery<E> }
  : { query?: undefined }

/** The body: the schema's type, a `FormData` for a multipart upload, none otherwise. */
type BodyArg<E extends Endpoint> = E['body'] extends TSchema
  ? { body: EndpointBody<E> }
  : Multipart<E> extends true
    ? { body: FormData }
    : { body?: undefined }

export type EndpointArgs<E extends Endpoint> = (E['params'] extends TSchema ? { params: EndpointParams<E> } : { params?: undefined }) &
  QueryArg<E> &
  BodyArg<E> & { signal?: AbortSignal }

/** The arguments are optional when the endpoint has no path parameters, no required query and no body. */
type ArgsTuple<E extends Endpoint> = object extends EndpointArgs<E> ? [args?: EndpointArgs<E>] : [args: EndpointArgs<E>]

/**
 * What `callApi` resolves to: the decoded JSON answer; `undefined` for an endpoint that answers 204 No Content
 * (`apiRequest` reads no body then); the `Response` itself for a file (`produces`), to be read as a blob.
 */
export type ApiResult<E extends Endpoint> = E['produces'] extends string
  ? Response
  : [keyof E['response']] extends [204]
    ? undefined
    : EndpointResponse<E>

interface LooseArgs {
  params?: Record<string, unknown>
  query?: Record<string, unknown>
  body?: unknown
  signal?: AbortSignal
}

/** The URL of an endpoint with its path parameters and query filled in (links, downloads, `useApi`). */
export function endpointPath<E extends Endpoint>(e: E, ...[args]: ArgsTuple<E>): string {
  const a = args as LooseArgs | undefined
  return endpointUrl(e.path, a?.params, a?.query)
}

/**
 * Calls an endpoint: JSON in and out (a `FormData` body as multipart), the UI language, the CSRF token and the
 * session cookie (`apiRequest`); a file endpoint answers its `Response` (`apiFileRequest`).
 */
export function callApi<E extends Endpoint>(e: E, ...[args]: ArgsTuple<E>): Promise<ApiResult<E>> {
  const a = args as LooseArgs | undefined
  const url = endpointUrl(e.path, a?.params, a?.query)
  const options = {
    method: e.method,
    ...(a?.body !== undefined ? { body: a.body } : {}),
    ...(a?.signal ? { signal: a.signal } : {}),
  }
  if (e.produces !== undefined) return apiFileRequest(url, e.produces, options) as Promise<ApiResult<E>>
  return apiRequest<ApiResult<E>>(url, options)
}

/**
 * `useApi` for an endpoint that is read when a page mounts (GET, JSON): loading, then the data or the error, read
 * again when the arguments' URL changes or on `reload`.
 */
export function useEndpoint<E extends Endpoint & { method: 'GET'; produces?: undefined }>(
  e: E,
  ...args: ArgsTuple<E>
): ApiState<ApiResult<E>> & { reload: () => void } {
  return useApi<ApiResult<E>>(endpointPath(e, ...args))
}

import { endpointUrl, type Endpoint, type EndpointBody, type EndpointParams, type EndpointQuery, type EndpointResponse } from '@huoma/contract'
import type { TSchema } from '@huoma/contract'
import { apiRequest } from './client'
import { useApi, type ApiState } from './useApi'

/**
 * The API client typed by the contract: each call names an endpoint the server was built from, and its path
 * parameters, query, body and answer take their types from the same schemas. No call site writes a URL or asserts
 * a response type by hand.
 */
export type EndpointArgs<E extends Endpoint> = (E['params'] extends TSchema ? { params: EndpointParams<E> } : { params?: undefined }) &
  (E['query'] extends TSchema ? { query?: Partial<EndpointQuery<E>> } : { query?: undefined }) &
  (E['body'] extends TSchema ? { body: EndpointBody<E> } : { body?: undefined }) & { signal?: AbortSignal }

/** The arguments are optional when the endpoint has no path parameters and no body. */
type ArgsTuple<E extends Endpoint> = object extends EndpointArgs<E> ? [args?: EndpointArgs<E>] : [args: EndpointArgs<E>]

/** The URL of an endpoint with its path parameters and query filled in (links, downloads, `useApi`). */
export function endpointPath<E extends Endpoint>(e: E, ...[args]: ArgsTuple<E>): string {
  const a = args as { params?: Record<string, unknown>; query?: Record<string, unknown> } | undefined
  return endpointUrl(e.path, a?.params, a?.query)
}

/** Calls an endpoint: JSON in and out, the UI language, the CSRF token and the session cookie (`apiRequest`). */
export function callApi<E extends Endpoint>(e: E, ...[args]: ArgsTuple<E>): Promise<EndpointResponse<E>> {
  const a = args as { params?: Record<string, unknown>; query?: Record<string, unknown>; body?: unknown; signal?: AbortSignal } | undefined
  return apiRequest<EndpointResponse<E>>(endpointUrl(e.path, a?.params, a?.query), {
    method: e.method,
    ...(a?.body !== undefined ? { body: a.body } : {}),
    ...(a?.signal ? { signal: a.signal } : {}),
  })
}

/** `useApi` for an endpoint that is read when a page mounts (GET). */
export function useEndpoint<E extends Endpoint & { method: 'GET' }>(e: E, ...args: ArgsTuple<E>): ApiState<EndpointResponse<E>> & { reload: () => void } {
  return useApi<EndpointResponse<E>>(endpointPath(e, ...args))
}

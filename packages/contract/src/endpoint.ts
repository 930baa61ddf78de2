import type { Static, TSchema } from 'typebox'

/**
 * An API operation, declared once here and used by both sides: the server registers its route from it (method,
 * path, schemas, the access action, the OpenAPI operationId and texts) and the web app calls it through a client
 * typed by it (params, query, body and response per operation). The key under which an endpoint is declared is its
 * operationId: `<module>.<verb>` in camelCase parts, unique across the API.
 */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'

export interface EndpointDef {
  method: HttpMethod
  /** Fastify-style path with `:name` parameters, under /api. */
  path: `/api${string}`
  /** The access action this operation performs (the server's action catalogue). */
  action: string
  summary: string
  description?: string
  params?: TSchema
  query?: TSchema
  body?: TSchema
  /** JSON answers by status; a binary or text answer is declared with `produces` and an empty-schema status. */
  response: { readonly [status: number]: TSchema }
  /** The media type of a non-JSON answer (a PDF, a CSV, a bank file). */
  produces?: string
  /** The media types of a non-JSON request body (a bank file, a multipart upload). */
  consumes?: readonly string[]
  /** Answers this operation may give besides the common ones (400, 401, 403, 404, 429, 500), e.g. 409, 413, 422. */
  errors?: readonly number[]
}

/** An endpoint as declared: its definition and the key it was declared under (the operationId). */
export type Endpoint<K extends string = string, E extends EndpointDef = EndpointDef> = E & { readonly operationId: K }

/** Declares a module's endpoints, keeping every literal type; each gets its key as `operationId`. */
export function endpoints<const T extends Record<string, EndpointDef>>(defs: T): { readonly [K in keyof T & string]: Endpoint<K, T[K]> } {
  return Object.fromEntries(Object.entries(defs).map(([operationId, def]) => [operationId, { ...def, operationId }])) as {
    readonly [K in keyof T & string]: Endpoint<K, T[K]>
  }
}

type StaticOf<S> = S extends TSchema ? Static<S> : undefined

/** The success status codes of an endpoint (2xx). */
type SuccessStatus<E extends EndpointDef> = Extract<keyof E['response'], 200 | 201 | 202 | 204>

export type EndpointParams<E extends EndpointDef> = StaticOf<E['params']>
export type EndpointQuery<E extends EndpointDef> = StaticOf<E['query']>
export type EndpointBody<E extends EndpointDef> = StaticOf<E['body']>
/** The decoded success answer (for `produces` endpoints the client returns the raw Response instead). */
export type EndpointResponse<E extends EndpointDef> = E['produces'] extends string
  ? Response
  : E['response'][SuccessStatus<E>] extends infer S
    ? S extends TSchema
      ? Static<S>
      : undefined
    : undefined

/** Fills `:name` path parameters (URI-encoded). */
export function endpointUrl(path: string, params: Record<string, unknown> | undefined, query?: Record<string, unknown>): string {
  const filled = path.replace(/:([A-Za-z0-9_]+)/g, (_, name: string) => {
    const value = params?.[name]
    if (value === undefined || value === null || value === '') throw new Error(`Missing path parameter ${name} for ${path}`)
    return encodeURIComponent(String(value))
  })
  if (!query) return filled
  const search = new URLSearchParams()
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null) continue
    for (const v of Array.isArray(value) ? value : [value]) search.append(key, String(v))
  }
  const qs = search.toString()
  return qs ? `${filled}?${qs}` : filled
}
export type { Static, TSchema } from 'typebox'

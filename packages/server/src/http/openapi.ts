import type { FastifyDynamicSwaggerOptions } from '@fastify/swagger'
import { API_TAGS, FieldError, Problem } from '@huoma/contract'

/**
 * The OpenAPI document for other clients than the web app: every operation with its operationId, its tag, the
 * security it needs (the session cookie; the CSRF header too on state-changing methods; none for public actions),
 * and its error answers as `application/problem+json` with the contract's `Problem`. The route schemas stay as
 * they are: everything added here is added by @fastify/swagger's `transform` to the document only, so no error
 * schema takes part in serializing or validating a real answer. Routes declared from the contract
 * (`http/endpoint.ts`) carry their operationId, tag and extra error statuses; a route that is not (yet) gets an
 * operationId derived from its method and path and a tag from its path.
 */

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Error statuses the operation may answer besides the common ones (the contract endpoint's `errors`). */
    errorStatuses?: readonly number[]
  }
}

/** How an action is reached, as far as the document is concerned (the action catalogue's `scope`). */
export type OperationScope = 'public' | 'session' | 'role' | 'client'

export interface OpenApiOptions {
  version: string
  /** The scope of a route's action (undefined for a route without one). */
  scopeOf: (action: string) => OperationScope | undefined
  sessionCookie: string
  csrfHeader: string
  csrfCookie: string
}

export const SECURITY_SESSION = 'session'
export const SECURITY_CSRF = 'csrf'
const PROBLEM_REF = '#/components/schemas/Problem'
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])

/** What each error status means in this API. */
export const ERROR_DESCRIPTIONS: Readonly<Record<number, string>> = {
  400: 'The request is not valid: `errors` names each offending field with a message in the request\'s language.',
  401: 'Not signed in, or the session has ended (when signing in: the user name or password is wrong).',
  403:
    'Not permitted: no valid grant with a role for the action, a missing or wrong CSRF token, or a sign-in that is ' +
    'not complete (second factor, password change).',
  404: 'Not found, or not visible to the user: a client the user may not see answers the same as one that does not exist.',
  409: 'Conflicts with the current state (e.g. an overlapping booking, a record already signed or decided, a batch in another state).',
  410: 'No longer available.',
  413: 'The request body is larger than the limit.',
  415: 'The request body\'s media type is not accepted.',
  422: 'The request is well formed but cannot be carried out.',
  423: 'Locked: too many failed attempts; try again later.',
  429: 'Too many requests: try again later.',
  500: 'Internal error: the problem\'s `requestId` finds the request in the server\'s log.',
  502: 'An external service (the population register, Kela, the bank) answered with an error.',
  503: 'An external service is not available at the moment.',
}

const SUCCESS_DESCRIPTIONS: Readonly<Record<string, string>> = {
  200: 'OK',
  201: 'Created',
  202: 'Accepted: the work goes on after the answer',
  204: 'Done: no content',
  302: 'A redirect: see the Location header',
}

/**
 * The error answers every operation may give (the contract's common ones), and 413/415 where it takes a body. Public
 * actions keep 401 and 403 too: signing in answers 401 to a wrong password, and the document stays uniform.
 */
export function commonErrorStatuses(hasBody: boolean): number[] {
  const statuses = [400, 401, 403, 404, 429, 500]
  return hasBody ? [...statuses, 413, 415] : statuses
}

/**
 * A stable, unique operationId for a route not declared from the contract: its tag in camelCase, then the method
 * and the path's segments (`:name` as `By<Name>`), e.g. `GET /api/payments/batches/:batchId/pain001` →
 * `payments.getBatchesByBatchIdPain001`. Method + path identify a route, so the id is unique.
 */
export function derivedOperationId(method: string, url: string, tag: string): string {
  const pascal = (s: string) => s.split(/[^A-Za-z0-9]+/).filter(Boolean).map((w) => w[0]!.toUpperCase() + w.slice(1)).join('')
  const segments = url.split('/').filter((s) => s && s !== 'api')
  if (segments[0] === tag) segments.shift()
  const rest = segments.map((s) => (s.startsWith(':') ? `By${pascal(s.slice(1))}` : pascal(s))).join('')
  const module = tag.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase())
  return `${module}.${method.toLowerCase()}${rest}`
}

/** The tag of a route without one: the first segment of its path under /api. */
export function pathTag(url: string): string {
  return url.split('/').filter((s) => s && s !== 'api')[0] ?? 'platform'
}

type Schema = Record<string, unknown>

/** A plain JSON copy of a TypeBox schema (no symbol or non-enumerable members). */
const plain = (schema: unknown): Schema => JSON.parse(JSON.stringify(schema)) as Schema

function problemComponents(): Record<string, Schema> {
  const problem = plain(Problem)
  const properties = problem.properties as Record<string, Schema>
  return {
    Problem: {
      ...problem,
      description:
        'RFC 9457 problem details: the body of every error answer (`application/problem+json`). `title` and `detail` ' +
        'are in the language of the Accept-Language header (fi, sv, en); more members may follow (e.g. the id of an ' +
        'existing duplicate).',
      properties: {
        ...properties,
        type: { ...properties.type, description: 'A URI that names the kind of problem, e.g. https://huoma.fi/problems/validation' },
        title: { ...properties.title, description: 'A short, translated summary of the kind of problem' },
        status: { ...properties.status, description: 'The HTTP status code' },
        detail: { ...properties.detail, description: 'A translated explanation of this occurrence' },
        instance: { ...properties.instance, description: 'The path of the request' },
        requestId: { ...properties.requestId, description: 'The request id (also in the x-request-id header), for the server\'s log' },
        errors: { type: 'array', items: { $ref: '#/components/schemas/FieldError' }, description: 'Field-level messages (validation)' },
      },
    },
    FieldError: { ...plain(FieldError), description: 'A field-level message, translated to the language of the request' },
  }
}

function problemResponse(status: number) {
  return {
    description: ERROR_DESCRIPTIONS[status] ?? `Error ${status}`,
    content: { 'application/problem+json': { schema: { $ref: PROBLEM_REF } } },
  }
}

/** The media type schema of a request body that is not JSON and has no body schema of its own. */
function rawBodySchema(mediaType: string): Schema {
  return mediaType.startsWith('multipart/')
    ? { type: 'object', description: 'Form fields and files: see the operation\'s description' }
    : { type: 'string', format: 'binary', description: `The ${mediaType} document` }
}

/** The options of @fastify/swagger for Huoma's API document. */
export function openapiOptions(opts: OpenApiOptions): FastifyDynamicSwaggerOptions {
  const usedTags = new Set<string>()
  return {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Huoma API',
        version: opts.version,
        description:
          'Huoma — social welfare client information system. Errors are application/problem+json (RFC 9457) ' +
          'with field-level messages in the language of the Accept-Language header (fi, sv, en).\n\n' +
          `Sign in with \`POST /api/auth/login\`: the answer sets the session cookie \`${opts.sessionCookie}\` ` +
          `(httpOnly) and the cookie \`${opts.csrfCookie}\`, whose value every state-changing request (POST, PUT, ` +
          `PATCH, DELETE) sends back in the \`${opts.csrfHeader}\` header. Every use of client data is written to ` +
          'the audit log.',
        license: { name: 'EUPL-1.2', url: 'https://interoperable-europe.ec.europa.eu/collection/eupl/eupl-text-eupl-12' },
      },
      servers: [{ url: '/', description: 'This server' }],
      components: {
        securitySchemes: {
          [SECURITY_SESSION]: {
            type: 'apiKey',
            in: 'cookie',
            name: opts.sessionCookie,
            description: 'The session, set by signing in (httpOnly, SameSite=Strict); it ends when idle or at its absolute limit.',
          },
          [SECURITY_CSRF]: {
            type: 'apiKey',
            in: 'header',
            name: opts.csrfHeader,
            description: `The session's CSRF token: the value of the \`${opts.csrfCookie}\` cookie, required on state-changing methods.`,
          },
        },
        schemas: problemComponents(),
      },
      security: [{ [SECURITY_SESSION]: [] }],
    },
    transform: ({ schema, url, route }) => {
      const s: Schema = { ...((schema ?? {}) as Schema) }
      if (s.hide) return { schema: s as never, url }
      const method = [route.method].flat().find((m) => m !== 'HEAD') ?? 'GET'
      const tags = (s.tags as string[] | undefined) ?? [pathTag(url)]
      s.tags = tags
      for (const tag of tags) usedTags.add(tag)
      s.operationId ??= derivedOperationId(method, url, tags[0]!)

      const action = route.config?.action
      const scope = typeof action === 'string' ? opts.scopeOf(action) : undefined
      s.security = scope === 'public' ? [] : SAFE_METHODS.has(method) ? [{ [SECURITY_SESSION]: [] }] : [{ [SECURITY_SESSION]: [], [SECURITY_CSRF]: [] }]

      // A body that is not JSON and has no schema (a multipart upload) still shows its media types.
      const consumes = s.consumes as string[] | undefined
      if (!s.body && consumes?.length) s.body = { content: Object.fromEntries(consumes.map((c) => [c, { schema: rawBodySchema(c) }])) }

      const responses: Record<string, unknown> = {}
      for (const [status, response] of Object.entries((s.response ?? {}) as Record<string, Schema>)) {
        const description = SUCCESS_DESCRIPTIONS[status]
        responses[status] = description && !response.description && !response['x-response-description'] ? { ...response, 'x-response-description': description } : response
      }
      // A route without a success schema (a stream it writes itself) still answers something: say so, without content.
      if (!Object.keys(responses).some((status) => /^[23]/.test(status))) responses['200'] = { type: 'null', 'x-response-description': 'OK (a stream; no schema declared)' }
      const statuses = new Set([...commonErrorStatuses(Boolean(s.body)), ...(route.config?.errorStatuses ?? [])])
      for (const status of [...statuses].sort((a, b) => a - b)) responses[String(status)] ??= problemResponse(status)
      s.response = responses
      return { schema: s as never, url }
    },
    transformObject: (documentObject) => {
      const doc = ('openapiObject' in documentObject ? documentObject.openapiObject : documentObject.swaggerObject) as Schema
      const descriptions: Record<string, string> = API_TAGS
      const declared = Object.keys(API_TAGS).filter((t) => usedTags.has(t))
      const undeclared = [...usedTags].filter((t) => !Object.hasOwn(descriptions, t)).sort()
      doc.tags = [...declared, ...undeclared].map((name) => ({ name, ...(descriptions[name] ? { description: descriptions[name] } : {}) }))
      return doc as never
    },
  }
}

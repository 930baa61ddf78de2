import type { Socket } from 'node:net'
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { HttpProblem, problems, type FieldIssue } from './problem'
import { requestLanguage } from './language'
import { msg } from './messages'

interface AjvIssue {
  instancePath: string
  keyword: string
  params: Record<string, unknown>
}

/** Turns ajv's errors into field issues: `body.username`, `query.limit`, … */
export function issuesFromValidation(errors: AjvIssue[], context: string | undefined): FieldIssue[] {
  const prefix = context === 'querystring' ? 'query' : (context ?? 'body')
  const seen = new Set<string>()
  const issues: FieldIssue[] = []
  for (const e of errors) {
    const path = e.instancePath
      .split('/')
      .filter(Boolean)
      .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    let code = e.keyword
    const params: Record<string, string | number> = {}
    if (e.keyword === 'required') path.push(String(e.params.missingProperty))
    if (e.keyword === 'additionalProperties') params.property = String(e.params.additionalProperty)
    if (typeof e.params.limit === 'number') params.limit = e.params.limit
    if (typeof e.params.type === 'string') params.type = e.params.type
    if (typeof e.params.format === 'string') params.format = e.params.format
    if (e.keyword === 'const' || e.keyword === 'anyOf' || e.keyword === 'oneOf') code = 'enum'
    if (e.keyword === 'minProperties') code = 'required'
    const field = [prefix, ...path].join('.')
    const key = `${field}|${code}`
    if (seen.has(key)) continue
    // A union reports one error per branch; the first specific one is enough for the field.
    if (code === 'enum' && issues.some((i) => i.field === field)) continue
    seen.add(key)
    issues.push({ field, code, params })
  }
  return issues
}

/**
 * The body limit that refused the request: the route's own (`bodyLimit` of the endpoint) or the server's
 * (`HUOMA_BODY_LIMIT`). Fastify's error message carries no number, so it is read from the route.
 */
function bodyLimitOf(request: FastifyRequest | undefined): number | undefined {
  const limit = request?.routeOptions?.bodyLimit
  return typeof limit === 'number' && limit > 0 ? limit : undefined
}

function toProblem(error: FastifyError & { validation?: AjvIssue[]; validationContext?: string }, request?: FastifyRequest): HttpProblem {
  if (error instanceof HttpProblem) return error
  if (error.validation) return problems.validation(issuesFromValidation(error.validation, error.validationContext))
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE': {
      const limit = bodyLimitOf(request)
      return limit !== undefined ? problems.tooLarge(limit) : new HttpProblem(413, 'tooLarge')
    }
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new HttpProblem(415, 'unsupportedMediaType', {
        detail: (l) => msg(l, 'detail', 'unsupportedMediaType', { type: /: (.*)$/.exec(error.message)?.[1] ?? '' }),
      })
    case 'FST_ERR_BAD_URL':
    case 'FST_ERR_MAX_PARAM_LENGTH':
      return new HttpProblem(error.statusCode ?? 400, 'badRequest', { detail: (l) => msg(l, 'detail', 'badUrl') })
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new HttpProblem(400, 'badRequest', { detail: (l) => msg(l, 'detail', 'emptyJson') })
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return new HttpProblem(400, 'badRequest', { detail: (l) => msg(l, 'detail', 'malformedJson') })
  }
  if (error instanceof SyntaxError && error.statusCode === 400) {
    return new HttpProblem(400, 'badRequest', { detail: (l) => msg(l, 'detail', 'malformedJson') })
  }
  if (error.statusCode === 429) {
    return new HttpProblem(429, 'tooManyRequests', { detail: (l) => msg(l, 'detail', 'tooManyRequests') })
  }
  if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
    const titleKey = error.statusCode === 404 ? 'notFound' : error.statusCode === 401 ? 'unauthorized' : 'badRequest'
    return new HttpProblem(error.statusCode, titleKey)
  }
  if (databaseUnreachable(error)) {
    return new HttpProblem(503, 'unavailable', { detail: (l) => msg(l, 'detail', 'internal', { requestId: '{requestId}' }), headers: { 'retry-after': '5' } })
  }
  return new HttpProblem(500, 'internal', { detail: (l) => msg(l, 'detail', 'internal', { requestId: '{requestId}' }) })
}

// PostgreSQL shut down, restarting or out of reach (SQLSTATE classes 08 and 57P, socket errors, the pg client's own)
const UNREACHABLE_CODES = new Set(['57P01', '57P02', '57P03', '08000', '08001', '08003', '08006', 'ECONNREFUSED', 'ECONNRESET', 'EPIPE'])
const UNREACHABLE_MESSAGE = /^(Connection terminated|Client has encountered a connection error|Client was closed and is not queryable)/

/** The database went away under the request: a temporary outage (503), not a fault of the server (500). */
function databaseUnreachable(error: { code?: string; message?: string }): boolean {
  return (error.code !== undefined && UNREACHABLE_CODES.has(error.code)) || UNREACHABLE_MESSAGE.test(error.message ?? '')
}

export function sendProblem(request: FastifyRequest, reply: FastifyReply, problem: HttpProblem) {
  const lang = requestLanguage(request)
  const body = problem.toProblem(lang, request.url.split('?')[0] ?? request.url, request.id)
  if (body.detail) body.detail = body.detail.replace('{requestId}', request.id)
  for (const [k, v] of Object.entries(problem.opts.headers ?? {})) reply.header(k, v)
  return reply.status(problem.status).type('application/problem+json').send(body)
}

/** A handler for paths no route matches that may answer instead of the 404 (the single-page app's index). */
export type NotFoundFallback = (request: FastifyRequest, reply: FastifyReply) => FastifyReply | undefined

export function registerErrorHandling(app: FastifyInstance, fallback?: NotFoundFallback) {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const problem = toProblem(error, request)
    if (problem.status >= 500) request.log.error({ err: error }, 'request failed')
    else request.log.info({ status: problem.status, code: error.code }, 'request refused')
    return sendProblem(request, reply, problem)
  })
  app.setNotFoundHandler((request, reply) => fallback?.(request, reply) ?? sendProblem(request, reply, routeNotFound(request)))
}

/**
 * Fastify's own refusals before routing (a path segment that is not valid percent-encoding: 400, or one longer than
 * the router takes: 414), as problem+json like the rest; without this they answer plain JSON of Fastify's shape.
 */
export function frameworkErrors(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  request.log.info({ code: error.code }, 'request refused')
  return sendProblem(request, reply, toProblem(error, request))
}

export function routeNotFound(request: FastifyRequest): HttpProblem {
  const path = `${request.method} ${request.url.split('?')[0]}`
  return new HttpProblem(404, 'notFound', { detail: (l) => msg(l, 'detail', 'routeNotFound', { path }) })
}

/**
 * Node's HTTP parser refuses some requests before Fastify sees them (headers or a URL over the size limit: 431; a
 * malformed request line: 400; a request that took too long: 408). Fastify's default answer to those is plain JSON
 * of its own shape; this one is application/problem+json like every other refusal, in the default language (the
 * Accept-Language header was not read), and then closes the connection as the default does.
 */
export function clientErrorHandler(err: Error & { code?: string }, socket: Socket): void {
  if (err.code === 'ECONNRESET' || socket.destroyed) return
  const [status, reason, title] =
    err.code === 'HPE_HEADER_OVERFLOW'
      ? ([431, 'Request Header Fields Too Large', 'tooLarge'] as const)
      : err.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? ([408, 'Request Timeout', 'badRequest'] as const)
        : ([400, 'Bad Request', 'badRequest'] as const)
  const body = JSON.stringify({ type: `https://huoma.fi/problems/${title}`, title: msg('fi', 'title', title), status })
  if (socket.writable) {
    socket.write(`HTTP/1.1 ${status} ${reason}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nContent-Type: application/problem+json\r\nConnection: close\r\n\r\n${body}`)
  }
  socket.destroy(err)
}

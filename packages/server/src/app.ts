import { randomUUID } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify'
import helmet from 'helmet'
import type { IncomingMessage, ServerResponse } from 'node:http'
import cookie from '@fastify/cookie'
import rateLimit from '@fastify/rate-limit'
import swagger from '@fastify/swagger'
import swaggerUi from '@fastify/swagger-ui'
import fastifyStatic from '@fastify/static'
import responseValidation from '@fastify/response-validation'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import Ajv from 'ajv'
import { edgeValidator } from './http/edge'
import { LazySchemas } from './http/lazy-schemas'
import ajvFormats from 'ajv-formats'
import type { Logger } from 'pino'
import type { Config } from './config'
import type { Database } from './db/database'
import { clientErrorHandler, frameworkErrors, registerErrorHandling, type NotFoundFallback } from './http/errors'
import type { KelaForwardingClient } from './integrations/kela/types'
import type { VtjClient } from './integrations/vtj'
import { accessPlugin } from './access/plugin'
import type { ActionDef } from './access/actions'
import { CSRF_COOKIE, CSRF_HEADER, SESSION_COOKIE } from './access/session'
import { openapiOptions } from './http/openapi'
import { ACTIONS, AUDIT_EVENTS, CLIENT_FORGETTERS, FIELD_MESSAGES, REGISTER_RECORDS } from './catalogue'
import { MODULES } from './modules'
import type { CopyTable } from './kernel/client-copy'
import type { ClientForgetter } from './kernel/client-forget'
import type { RegisterRecords } from './kernel/register-records'
import { KERNEL_TIMELINE, type TimelineSource } from './kernel/client-timeline'
import { registerFieldMessages } from './http/problem'
import type { Clock } from './kernel/clock'
import type { JobRunner } from './kernel/jobs'

declare module 'fastify' {
  interface FastifyInstance {
    database: Database
    config: Config
    kela: KelaForwardingClient
    /** The one clock of the server (modules never read the system time themselves). */
    clock: Clock
    /** The scheduled jobs of this process (kernel/jobs). */
    jobs: JobRunner
    /** Every module's declared client records, in module order: what the copy of a client's data reads. */
    clientCopyTables: readonly CopyTable[]
    /** every module's `forgetClients`, for the destruction */
    clientForgetters: readonly ClientForgetter[]
    /** every module's records of a register, for the destruction of a register */
    registerRecords: RegisterRecords
    /** The kernel's and every module's records as timeline events of the client card. */
    clientTimelineSources: readonly TimelineSource[]
    /** The routes' schemas, compiled on first use (http/lazy-schemas); `compileAll()` compiles the rest now. */
    lazySchemas: LazySchemas
  }
}

export interface AppDeps {
  config: Config
  database: Database
  logger: Logger
  vtj: VtjClient
  kela: KelaForwardingClient
  clock: Clock
  jobs: JobRunner
}

function newAjv(coerceTypes: false | 'array') {
  const ajv = new Ajv({ allErrors: true, removeAdditional: false, useDefaults: true, coerceTypes, strict: false })
  ;(ajvFormats.default ?? ajvFormats)(ajv)
  return ajv
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{8,100}$/

/**
 * One log line a request, written when it is answered and naming it (method, URL, status, time), instead of
 * Fastify's two (an "incoming request" line before it); the other lines (errors, stream errors) as Fastify writes them.
 */
class OneLineRequestLog extends LogController {
  override incomingRequest(): void {}
  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    if (this.isLogDisabled(request)) return
    if (error) reply.log.error({ req: request, res: reply, err: error, responseTime: reply.elapsedTime }, 'request errored')
    else reply.log.info({ req: request, res: reply, responseTime: reply.elapsedTime }, 'request completed')
  }
}

/** The headers a middleware that does not look at the request sets (helmet's), recorded once. */
export function recordHeaders(middleware: (req: IncomingMessage, res: ServerResponse, next: (err?: unknown) => void) => void): [string, string][] {
  const headers = new Map<string, string>()
  const res = {
    setHeader: (name: string, value: string | number | readonly string[]) => headers.set(name.toLowerCase(), String(value)),
    removeHeader: (name: string) => headers.delete(name.toLowerCase()),
  }
  let failure: unknown
  middleware({ headers: {} } as IncomingMessage, res as unknown as ServerResponse, (err) => (failure = err))
  if (failure) throw failure instanceof Error ? failure : new Error(String(failure))
  return [...headers]
}

export async function buildApp({ config, database, logger, vtj, kela, clock, jobs }: AppDeps) {
  const lazySchemas = new LazySchemas()
  const app = Fastify({
    loggerInstance: logger as FastifyBaseLogger,
    bodyLimit: config.bodyLimit,
    trustProxy: process.env.HUOMA_TRUST_PROXY === 'true',
    genReqId: (req) => {
      const incoming = req.headers['x-request-id']
      return typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID()
    },
    routerOptions: { ignoreTrailingSlash: true },
    // Response serializers are built on a route's first response, not at start-up (http/lazy-schemas).
    schemaController: { compilersFactory: { buildSerializer: lazySchemas.serializerBuilder } },
    clientErrorHandler,
    frameworkErrors,
    logController: new OneLineRequestLog(),
  }).withTypeProvider<TypeBoxTypeProvider>()

  // Bodies are JSON and must have the right types (a number where a string belongs is an error); query strings,
  // path parameters and headers are text by nature and are coerced to the schema's types.
  const strict = newAjv(false)
  const coercing = newAjv('array')
  // Any control character but tab and line breaks is refused as a field error before the schema runs.
  // Each is compiled on the route's first request (http/lazy-schemas).
  app.setValidatorCompiler(({ schema, httpPart }) => edgeValidator(lazySchemas.validator(() => (httpPart === 'body' ? strict : coercing).compile(schema))))

  app.decorate('database', database)
  app.decorate('config', config)
  app.decorate('vtj', vtj)
  app.decorate('kela', kela)
  app.decorate('clock', clock)
  app.decorate('jobs', jobs)
  app.decorate('clientForgetters', CLIENT_FORGETTERS)
  app.decorate('registerRecords', REGISTER_RECORDS)
  app.decorate('clientCopyTables', MODULES.flatMap((m): readonly CopyTable[] => m.clientCopy ?? []))
  app.decorate('clientTimelineSources', [...KERNEL_TIMELINE, ...MODULES.flatMap((m): readonly TimelineSource[] => m.clientTimeline ?? [])])
  app.decorate('lazySchemas', lazySchemas)
  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id)
    // Nothing the API answers may be kept by a browser or a proxy: client data, PDFs, files, errors alike (a route
    // may still say otherwise for itself).
    if (request.url.startsWith('/api/')) reply.header('cache-control', 'no-store')
  })

  registerErrorHandling(app, registerWebApp(app, config.webDist))

  // The security headers (CSP, HSTS, X-Frame-Options, …) are the same on every response: helmet's are recorded once
  // here and set on each (the Fastify plugin rebuilt helmet, parsing the CSP, on every request).
  const securityHeaders = recordHeaders(helmet({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        fontSrc: ["'self'"],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
        upgradeInsecureRequests: config.secureCookies ? [] : null,
      },
    },
    hsts: config.secureCookies,
  }))
  app.addHook('onRequest', (_request, reply, done) => {
    for (const [name, value] of securityHeaders) reply.raw.setHeader(name, value)
    done()
  })
  await app.register(cookie)
  await app.register(rateLimit, { global: false })
  if (config.responseValidation) await app.register(responseValidation, { ajv: { plugins: [ajvFormats.default ?? ajvFormats, lazySchemas.ajvPlugin] } })

  for (const messages of FIELD_MESSAGES) registerFieldMessages(messages)
  await app.register(accessPlugin, { actions: ACTIONS, auditEvents: AUDIT_EVENTS })
  await app.register(
    swagger,
    openapiOptions({
      version: '0.1.0',
      scopeOf: (action) => (Object.hasOwn(ACTIONS, action) ? (ACTIONS as Record<string, ActionDef>)[action]!.scope : undefined),
      sessionCookie: SESSION_COOKIE,
      csrfHeader: CSRF_HEADER,
      csrfCookie: CSRF_COOKIE,
    }),
  )
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true })
  app.get('/api/openapi.json', { config: { action: 'platform:docs' }, schema: { hide: true } }, async () => app.swagger())

  for (const module of MODULES) if (module.routes) await app.register(module.routes)

  return app
}

export type App = Awaited<ReturnType<typeof buildApp>>

/**
 * Serves the built single-page app from the same port. Returns the fallback for unmatched paths: client-side
 * routes get index.html; API paths and missing files (anything with an extension) fall through to the 404.
 */
function registerWebApp(app: FastifyInstance, webDist: string | undefined): NotFoundFallback | undefined {
  const index = webDist ? path.join(webDist, 'index.html') : undefined
  if (!webDist || !index || !fs.existsSync(index)) {
    app.log.warn({ webDist }, 'web app not built; serving the API only')
    return undefined
  }
  void app.register(fastifyStatic, { root: webDist, wildcard: false, index: false, maxAge: '1h', immutable: false })
  return (request, reply) => {
    const url = request.url.split('?')[0] ?? '/'
    const isPage = (request.method === 'GET' || request.method === 'HEAD') && !url.startsWith('/api') && !/\.[A-Za-z0-9]+$/.test(url)
    return isPage ? reply.header('cache-control', 'no-cache').sendFile('index.html') : undefined
  }
}

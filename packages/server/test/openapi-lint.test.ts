import { createConfig, lintFromString } from '@redocly/openapi-core'
import { API_TAGS } from '@huoma/contract'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestServer, type TestServer } from './helpers/server'

/**
 * The OpenAPI document serves other clients than the web app: a standard linter (Redocly's `recommended` rules)
 * finds no error in it, and every operation says who may call it, how it fails and what media types it speaks.
 * One database kind is enough: the document does not depend on the database.
 */

interface Operation {
  operationId?: string
  tags?: string[]
  security?: Record<string, string[]>[]
  requestBody?: { content: Record<string, unknown> }
  responses: Record<string, { description: string; content?: Record<string, { schema?: { $ref?: string } }> }>
}
type Doc = {
  openapi: string
  info: { license?: { name: string; url?: string } }
  servers?: { url: string }[]
  tags?: { name: string; description?: string }[]
  components: { securitySchemes: Record<string, { type: string; in: string; name: string }>; schemas: Record<string, unknown> }
  paths: Record<string, Record<string, Operation>>
}

const METHODS = ['get', 'put', 'post', 'delete', 'patch']

describe('the OpenAPI document', () => {
  let t: TestServer
  let text: string
  let doc: Doc
  const operations: { method: string; path: string; op: Operation }[] = []

  beforeAll(async () => {
    t = await startTestServer('pglite', {}, { demo: false })
    const res = await fetch(`${t.url}/api/openapi.json`)
    expect(res.status).toBe(200)
    text = await res.text()
    doc = JSON.parse(text) as Doc
    for (const [path, item] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(item)) if (METHODS.includes(method)) operations.push({ method, path, op })
    }
  })
  afterAll(() => t?.stop())

  it('has no error under a standard linter (Redocly, recommended rules)', async () => {
    const config = await createConfig({ extends: ['recommended'] })
    const problems = await lintFromString({ source: text, absoluteRef: 'openapi.json', config })
    const errors = problems.filter((p) => p.severity === 'error')
    const warnings = problems.filter((p) => p.severity === 'warn')
    const byRule = (list: typeof problems) => {
      const counts = new Map<string, number>()
      for (const p of list) counts.set(p.ruleId, (counts.get(p.ruleId) ?? 0) + 1)
      return [...counts].map(([rule, n]) => `${rule}: ${n}`)
    }
    process.stdout.write(`OpenAPI lint (Redocly recommended): ${operations.length} operations, ${errors.length} errors, ${warnings.length} warnings ${byRule(warnings).join(', ')}\n`)
    expect(errors.map((e) => `${e.ruleId}: ${e.message} at ${e.location[0]?.pointer}`)).toEqual([])
    // The only warnings allowed: single sign-on's two redirects have no 2xx answer by nature.
    expect(warnings.filter((w) => w.ruleId !== 'operation-2xx-response')).toEqual([])
  })

  it('names the licence and the server, and describes every tag', () => {
    expect(doc.openapi).toBe('3.1.0')
    expect(doc.info.license).toEqual({ name: 'EUPL-1.2', url: expect.stringMatching(/^https:\/\//) })
    expect(doc.servers).toEqual([expect.objectContaining({ url: '/' })])
    const described = new Map((doc.tags ?? []).map((tag) => [tag.name, tag.description]))
    for (const { op, method, path } of operations) {
      expect(op.tags, `${method} ${path}`).toHaveLength(1)
      expect(described.get(op.tags![0]!), `tag ${op.tags![0]} of ${method} ${path}`).toEqual(expect.any(String))
      expect(Object.keys(API_TAGS), `tag ${op.tags![0]} of ${method} ${path} in the contract's API_TAGS`).toContain(op.tags![0])
    }
  })

  it('gives every operation a unique operationId', () => {
    const ids = operations.map(({ op, method, path }) => op.operationId ?? `(none: ${method} ${path})`)
    expect(ids.filter((id) => id.startsWith('(none'))).toEqual([])
    expect(new Set(ids).size).toBe(ids.length)
    // Contract endpoints keep their key.
    const byPath = (method: string, path: string) => doc.paths[path]?.[method]?.operationId
    expect(byPath('post', '/api/auth/login')).toBe('auth.login')
    expect(byPath('get', '/api/persons/{id}')).toEqual(expect.stringMatching(/^persons\./))
  })

  it('declares the session cookie and the CSRF header, and says which operations need them', () => {
    expect(doc.components.securitySchemes).toEqual({
      session: expect.objectContaining({ type: 'apiKey', in: 'cookie', name: 'huoma-session' }),
      csrf: expect.objectContaining({ type: 'apiKey', in: 'header', name: 'x-csrf-token' }),
    })
    const security = (method: string, path: string) => doc.paths[path]![method]!.security
    // Public actions (the catalogue's scope 'public') need nothing.
    expect(security('get', '/api/health')).toEqual([])
    expect(security('post', '/api/auth/login')).toEqual([])
    // Reading needs the session; changing anything needs the CSRF token as well.
    expect(security('get', '/api/persons/{id}')).toEqual([{ session: [] }])
    expect(security('post', '/api/persons')).toEqual([{ session: [], csrf: [] }])
    for (const { op, method, path } of operations) {
      expect(op.security, `${method} ${path}`).toBeDefined()
      if (op.security!.length === 0) continue
      expect(op.security, `${method} ${path}`).toEqual([method === 'get' ? { session: [] } : { session: [], csrf: [] }])
    }
  })

  it('documents the error answers as problem+json with the shared Problem schema', () => {
    expect(doc.components.schemas.Problem).toMatchObject({ type: 'object', required: ['type', 'title', 'status'] })
    expect(doc.components.schemas.FieldError).toMatchObject({ type: 'object' })
    for (const { op, method, path } of operations) {
      const statuses = Object.keys(op.responses)
      expect(statuses, `${method} ${path}`).toEqual(expect.arrayContaining(['400', '401', '403', '404', '429', '500']))
      for (const status of statuses.filter((s) => /^[45]/.test(s))) {
        expect(op.responses[status]!.content, `${method} ${path} ${status}`).toEqual({
          'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } },
        })
      }
    }
    // The contract's declared extra answers are there too.
    expect(Object.keys(doc.paths['/api/persons/{id}/attachments/{serviceTask}']!.post!.responses)).toEqual(expect.arrayContaining(['413', '415']))
    expect(Object.keys(doc.paths['/api/auth/login']!.post!.responses)).toEqual(['200', '400', '401', '403', '404', '413', '415', '423', '429', '500'])
    expect(Object.keys(doc.paths['/api/persons/from-vtj']!.post!.responses)).toEqual(expect.arrayContaining(['409', '502']))
  })

  it('shows the media types of answers and bodies that are not JSON', () => {
    const ok = (method: string, path: string) => Object.keys(doc.paths[path]![method]!.responses['200']!.content ?? {})
    expect(ok('get', '/api/persons/{id}/journal/{serviceTask}/print')).toEqual(['application/pdf'])
    expect(ok('post', '/api/privacy/access-report')).toEqual(['application/pdf'])
    expect(ok('get', '/api/persons/{id}/attachments/{serviceTask}/{attachmentId}/content')).toEqual(['application/octet-stream'])
    expect(Object.keys(doc.paths['/api/persons/{id}/attachments/{serviceTask}']!.post!.requestBody!.content)).toEqual(['multipart/form-data'])
  })
})

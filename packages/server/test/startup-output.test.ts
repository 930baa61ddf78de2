import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadConfig } from '../src/config'
import { createLogger, readableLine, readableLog } from '../src/http/logger'
import { DEMO_USERS } from '../src/seed/demo'
import { ROLES } from '../src/access/actions'
import { banner, demoLogins } from '../src/server'
import { databaseKinds } from './helpers/databases'
import { startTestServer, type TestServer } from './helpers/server'

/** A logger writing readable lines into an array (what `npm start` shows in development). */
function readable() {
  const lines: string[] = []
  const logger = createLogger('info', readableLog({ write: (text: string) => lines.push(...text.split('\n').filter(Boolean)) }))
  return { logger, lines }
}

describe('the development log', () => {
  it('writes one readable line a request: Helsinki time, level, method, URL, status and milliseconds', () => {
    const { logger, lines } = readable()
    const child = logger.child({ reqId: 'r-1' })
    child.info({ req: { method: 'GET', url: '/api/persons/010190-999W/card', host: 'x' } }, 'incoming request')
    expect(lines).toEqual([])
    child.info({ res: { statusCode: 200 }, responseTime: 12.6 }, 'request completed')
    expect(lines).toHaveLength(1)
    expect(lines[0]).toMatch(/^\d{2}:\d{2}:\d{2} INFO {2}GET \/api\/persons\/\[hetu\]\/card 200 13 ms$/)
  })

  it('reads the server\'s one line a request, which names the request itself', () => {
    const { logger, lines } = readable()
    logger.child({ reqId: 'r-2' }).info({ req: { method: 'DELETE', url: '/api/x/1' }, res: { statusCode: 204 }, responseTime: 2.2 }, 'request completed')
    expect(lines.map((l) => l.slice(9))).toEqual(['INFO  DELETE /api/x/1 204 2 ms'])
  })

  it('pairs each completed request with its own incoming line, however they interleave', () => {
    const { logger, lines } = readable()
    logger.child({ reqId: 'a' }).info({ req: { method: 'POST', url: '/api/a' } }, 'incoming request')
    logger.child({ reqId: 'b' }).info({ req: { method: 'GET', url: '/api/b' } }, 'incoming request')
    logger.child({ reqId: 'b' }).info({ res: { statusCode: 404 }, responseTime: 1 }, 'request completed')
    logger.child({ reqId: 'a' }).warn({ res: { statusCode: 201 }, responseTime: 3 }, 'request completed')
    expect(lines.map((l) => l.slice(9))).toEqual(['INFO  GET /api/b 404 1 ms', 'WARN  POST /api/a 201 3 ms'])
  })

  it('shows other messages with their fields, and an error with its stack', () => {
    const { logger, lines } = readable()
    logger.info({ persons: 300, users: 13 }, 'demo municipality Demola seeded')
    logger.info({ applied: ['0001_platform', '0002_access', '0003_registry', '0004_vtj', '0005_privacy'], kept: ['a', 'b'] }, 'migrations applied')
    logger.error({ err: new Error('boom 010190-999W') }, 'shutting down after an error')
    expect(lines[0]!.slice(9)).toBe('INFO  demo municipality Demola seeded persons=300 users=13')
    expect(lines[1]!.slice(9)).toBe('INFO  migrations applied applied=["0001_platform" … "0005_privacy"](5) kept=["a","b"]')
    expect(lines[2]!.slice(9)).toBe('ERROR shutting down after an error')
    expect(lines[3]).toBe('    Error: boom [hetu]')
    expect(lines.slice(4).every((l) => l.startsWith('    ') && l.trimStart().startsWith('at '))).toBe(true)
    expect(lines.join('\n')).not.toContain('{"level"')
  })

  it('passes a line that is not JSON through as it is', () => {
    expect(readableLine('plain text\n', new Map())).toBe('plain text')
  })

  it('is chosen by LOG_FORMAT=text, never in production; JSON otherwise', () => {
    expect(loadConfig({ LOG_FORMAT: 'text' }).logFormat).toBe('text')
    expect(loadConfig({}).logFormat).toBe('json')
    expect(loadConfig({ LOG_FORMAT: 'text', NODE_ENV: 'production' }).logFormat).toBe('json')
  })
})

const kinds = await databaseKinds()

describe.each(kinds)('the start-up banner on %s', (kind) => {
  let t: TestServer
  beforeAll(async () => {
    t = await startTestServer(kind)
  })
  afterAll(() => t?.stop())

  it('prints every demo user with the role name in the user’s language, and the finance users apart', async () => {
    const logins = await demoLogins(t.server.database.db)
    expect(logins.map((l) => l.username)).toEqual(DEMO_USERS.map((u) => u.username))
    const text = banner(t.server, t.config, true, logins)
    const line = (username: string) => text.split('\n').find((l) => l.trim().startsWith(`${username} `)) ?? ''
    expect(line('sosiaalityontekija')).toMatch(/Aino Lehtinen +Sosiaalityöntekijä — /)
    expect(line('arkistonhoitaja')).toMatch(/Arkistonhoitaja — /)
    // The three finance users share a role; what each does tells them apart.
    expect(line('maksuliikenne')).toMatch(/Talous — .*laatii maksuerät/)
    expect(line('talouspaallikko')).toMatch(/Talous — .*hyväksyy muiden laatimat maksuerät/)
    expect(new Set(['talous', 'maksuliikenne', 'talouspaallikko'].map(line)).size).toBe(3)
    // no role code is printed
    for (const code of ROLES) expect(text).not.toMatch(new RegExp(`\\b${code}\\b`))
  })
})

import type { Logger } from 'pino'
import { loadConfig, type Config } from '../../src/config'
import { startServer, type RunningServer } from '../../src/server'
import { createLogger } from '../../src/http/logger'
import type { Clock } from '../../src/kernel/clock'
import type { JobDefinition } from '../../src/kernel/jobs'
import { scratchDatabase, type DbKind, type ScratchDatabase } from './databases'

export const DEMO_PASSWORD = 'Testi-salasana-2026'

export interface TestServer {
  kind: DbKind
  url: string
  server: RunningServer
  config: Config
  scratch: ScratchDatabase
  stop(): Promise<void>
}

/**
 * The servers running in this test process, by URL. A test that changes a user, session or grant straight in the
 * database (as an out-of-band change) expects the next request to see it; on PostgreSQL the change reaches the
 * server's access cache by a notification a few milliseconds later. `Client` waits for the notifications committed so
 * far to arrive before each request (`accessCache.settle`, one round trip on the listening connection), so such a
 * test asserts the invalidation itself, not a race with it.
 */
const RUNNING = new Map<string, RunningServer>()

/** A real Huoma server on an ephemeral port over a fresh database seeded with Demola. */
export async function startTestServer(
  kind: DbKind,
  overrides: Partial<Config> = {},
  opts: {
    demo?: boolean
    logger?: Logger
    clock?: Clock
    extraJobs?: JobDefinition[]
    /** another PostgreSQL cluster than the shared one */
    adminUrl?: string
    /** a database (and data folder) that exists already, e.g. one restored: served as it is (`demo` false), its `drop` on stop */
    scratch?: ScratchDatabase
  } = {},
): Promise<TestServer> {
  const scratch = opts.scratch ?? (await scratchDatabase(kind, opts.adminUrl))
  const base = loadConfig({
    ...process.env,
    DATABASE_URL: scratch.databaseUrl ?? '',
    HUOMA_DATA_DIR: scratch.dataDir,
    HUOMA_DEMO_PASSWORD: DEMO_PASSWORD,
    HUOMA_WEB_DIST: '',
  })
  // Tests log in far more often than people do: the login rate limit would only get in the way.
  // Of the scheduled jobs only the audit sealer runs on its own: the nightly register sync and Kela's import would
  // change the demo data at 02:30 and 07:00 in the middle of whatever test runs then (tests run them by hand).
  const config: Config = {
    ...base,
    port: 0,
    host: '127.0.0.1',
    publicFormRateLimitPerHour: 100_000,
    // every API test checks every response against its route's schema, whatever NODE_ENV says
    responseValidation: true,
    ...overrides,
    security: { ...base.security, loginRateLimitPerMinute: 100_000, ...overrides.security },
    jobs: { ...base.jobs, run: ['audit-sealer'], ...overrides.jobs },
  }
  const server = await startServer(config, { demo: opts.demo ?? !opts.scratch, logger: opts.logger ?? createLogger(process.env.TEST_LOG_LEVEL ?? 'silent'), ...(opts.clock ? { clock: opts.clock } : {}), ...(opts.extraJobs ? { extraJobs: opts.extraJobs } : {}) })
  RUNNING.set(server.url, server)
  return {
    kind,
    url: server.url,
    server,
    config,
    scratch,
    stop: async () => {
      RUNNING.delete(server.url)
      await server.close()
      await scratch.drop()
    },
  }
}

/** A tiny HTTP client that keeps the session and CSRF cookies like a browser does. */
export class Client {
  private cookies = new Map<string, string>()
  constructor(
    readonly baseUrl: string,
    readonly language = 'fi',
  ) {}

  get csrf(): string | undefined {
    return this.cookies.get('huoma-csrf')
  }

  async request(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Response> {
    const h: Record<string, string> = { 'accept-language': this.language, ...headers }
    if (this.cookies.size) h.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ')
    if (body !== undefined && !h['content-type']) h['content-type'] = 'application/json'
    if (method !== 'GET' && method !== 'HEAD' && this.csrf && !('x-csrf-token' in headers)) h['x-csrf-token'] = this.csrf
    await RUNNING.get(this.baseUrl)?.app.accessCache.settle()
    const res = await fetch(this.baseUrl + path, {
      method,
      headers: h,
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    })
    for (const c of res.headers.getSetCookie()) {
      const [pair = ''] = c.split(';')
      const i = pair.indexOf('=')
      const name = pair.slice(0, i)
      const value = pair.slice(i + 1)
      if (value === '' || /max-age=0|expires=thu, 01 jan 1970/i.test(c)) this.cookies.delete(name)
      else this.cookies.set(name, value)
    }
    return res
  }

  get(path: string) {
    return this.request('GET', path)
  }
  post(path: string, body?: unknown, headers?: Record<string, string>) {
    return this.request('POST', path, body, headers)
  }

  async login(username: string, password = DEMO_PASSWORD): Promise<Response> {
    const res = await this.post('/api/auth/login', { username, password })
    if (res.status !== 200) throw new Error(`login ${username} failed: ${res.status} ${await res.text()}`)
    return res
  }
}

import autocannon from 'autocannon'
import { LatencyRecorder, type RunStats } from './stats'
import type { HttpRequestSpec } from './scenarios/types'

export interface Session {
  cookie: string
  csrfToken: string | undefined
}

/** Logs in with the JSON login endpoint and keeps the session cookies (and the CSRF cookie's value). */
export async function login(baseUrl: string, username: string, password: string): Promise<Session> {
  const res = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  })
  if (res.status !== 200) throw new Error(`Login as ${username} failed: HTTP ${res.status} ${await res.text()}`)
  const cookies = res.headers.getSetCookie().map((c) => c.split(';')[0] as string)
  if (cookies.length === 0) throw new Error('Login answered 200 but set no cookie')
  const csrf = cookies.find((c) => c.startsWith('huoma-csrf='))
  const body = (await res.json().catch(() => ({}))) as { stage?: string }
  if (body.stage && body.stage !== 'active') process.stderr.write(`bench: warning: the session stage after login is "${body.stage}"\n`)
  return { cookie: cookies.join('; '), csrfToken: csrf ? decodeURIComponent(csrf.slice('huoma-csrf='.length)) : undefined }
}

function withSession(spec: HttpRequestSpec, session: Session) {
  const headers: Record<string, string> = { cookie: session.cookie, ...spec.headers }
  if (spec.method !== 'GET' && session.csrfToken) headers['x-csrf-token'] = session.csrfToken
  let body: string | undefined
  if (spec.body !== undefined) {
    body = JSON.stringify(spec.body)
    headers['content-type'] = 'application/json'
  }
  return { method: spec.method, path: spec.path, headers, body } satisfies autocannon.Request
}

export interface Answer {
  /** HTTP status, or 0 when the request failed (connection error, timeout). */
  status: number
  /** From sending to the last byte of the body. */
  ms: number
  body: string
  /** The transport error when `status` is 0. */
  error?: string
}

/**
 * One request of a scenario with the session (cookie; CSRF header on non-GET), through fetch's keep-alive pool;
 * the body is read to the end. Never throws: a failed request answers status 0.
 */
export async function send(baseUrl: string, session: Session, spec: HttpRequestSpec, timeoutMs = 30_000): Promise<Answer> {
  const req = withSession(spec, session)
  const started = performance.now()
  try {
    const res = await fetch(`${baseUrl}${req.path}`, { method: req.method, headers: req.headers, body: req.body, signal: AbortSignal.timeout(timeoutMs) })
    const body = await res.text()
    return { status: res.status, ms: performance.now() - started, body }
  } catch (e) {
    return { status: 0, ms: performance.now() - started, body: '', error: e instanceof Error ? e.message : String(e) }
  }
}

/** Runs the HTTP side of a scenario with autocannon: `connections` keep-alive connections for `seconds`. */
export async function runHttp(
  baseUrl: string,
  session: Session,
  factory: () => HttpRequestSpec,
  opts: { connections: number; seconds: number },
): Promise<RunStats> {
  const recorder = new LatencyRecorder()
  const started = performance.now()
  await new Promise<void>((resolve, reject) => {
    const instance = autocannon(
      {
        url: baseUrl,
        connections: opts.connections,
        duration: opts.seconds,
        requests: [{ setupRequest: (req) => ({ ...req, ...withSession(factory(), session) }) }],
      },
      (err) => (err ? reject(err) : resolve()),
    )
    instance.on('response', (_client, statusCode, _bytes, ms) => {
      recorder.add(ms)
      recorder.statuses[statusCode] = (recorder.statuses[statusCode] ?? 0) + 1
      if (statusCode < 200 || statusCode >= 300) recorder.errors++
    })
    instance.on('reqError', () => {
      recorder.errors++
      recorder.statuses.error = (recorder.statuses.error ?? 0) + 1
    })
  })
  return recorder.summary(performance.now() - started)
}

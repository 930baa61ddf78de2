/**
 * The reference scenarios (issue 16 item 8): in every `npm run bench -- run` on PostgreSQL, beside Huoma's own
 * scenarios, the same harness measures what the machine can do at all — a bare route, one query per request, and
 * the whole client read as one prepared, audited statement (`reference-server.ts`) — and every Huoma scenario is
 * printed with its ratio to the audited read. Issue 16's goal for the client read is ≤ 1.5× of that statement.
 */
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { runHttp } from './http'
import { WORKER_TASKS } from './scenarios/registry'
import { freePort } from './server'
import type { RunStats } from './stats'
import { REPO_ROOT } from './target'

/** The service tasks the bench's worker reads persons in: the client-read scenario's. */
export const REFERENCE_TASKS = WORKER_TASKS

/**
 * The one-statement audited read: the access decision (an open client relationship of the user in one of the
 * service tasks), the person, the addresses as JSON and the audit row — the same `audit_log` insert Huoma writes,
 * with its triggers (client index, sealing queue) — in one round trip. $1 person, $2 user, $3 service tasks.
 */
export const AUDITED_READ_SQL = `
WITH allowed AS (
  SELECT p.id FROM person p
   WHERE p.id = $1
     AND EXISTS (SELECT 1 FROM client_relationship cr
                  WHERE cr.person_id = p.id AND cr.user_id = $2 AND cr.service_task = ANY($3)
                    AND cr.start_date <= current_date AND (cr.end_date IS NULL OR cr.end_date >= current_date))
), audited AS (
  INSERT INTO audit_log (user_id, role_code, client_ids, data_group, action, event, basis, outcome)
  SELECT $2, 'social_worker', ARRAY[id], 'registry/person', 'view', 'persons:read', 'relationship', 'success' FROM allowed
  RETURNING id
)
SELECT p.id, p.hetu, p.temporary_id, p.first_names, p.last_name, p.birth_date, p.death_date, p.turvakielto,
       p.calling_name, p.service_language, p.native_language, p.phone, p.email, p.version,
       (SELECT coalesce(json_agg(json_build_object('kind', a.kind, 'street', a.street, 'postalCode', a.postal_code,
                                                   'postOffice', a.post_office, 'validFrom', a.valid_from,
                                                   'validUntil', a.valid_until) ORDER BY a.kind, a.valid_from DESC), '[]')
          FROM person_address a WHERE a.person_id = p.id) AS addresses,
       (SELECT count(*) FROM audited) AS audited
  FROM person p JOIN allowed USING (id)`

export type ReferenceName = 'bare-route' | 'one-query' | 'audited-read'

export interface ReferenceResult {
  name: ReferenceName
  description: string
  http: RunStats
}

export const REFERENCE_DESCRIPTIONS: Record<ReferenceName, string> = {
  'bare-route': 'a Fastify route that does nothing (the HTTP stack alone)',
  'one-query': 'one unnamed pg query per request (the person by id)',
  'audited-read': 'the client read as one named prepared statement: access check, person, addresses as JSON, audit row',
}

const log = (msg: string) => process.stderr.write(`bench: ${msg}\n`)

/**
 * Starts the reference server on the benchmark database, measures the three reference scenarios over HTTP with the
 * same connections and duration as Huoma's, and stops it. `personIds` are persons the user has an open client
 * relationship with (so the audited read takes the allowed path, as the client-read scenario does).
 */
export async function runReferences(opts: {
  databaseUrl: string
  userId: string
  personIds: readonly string[]
  connections: number
  seconds: number
  warmupSeconds: number
  pick: (n: number) => number
}): Promise<ReferenceResult[]> {
  if (opts.personIds.length === 0) throw new Error('The reference scenarios need persons the bench user is related to (run bench prepare)')
  const port = await freePort()
  const logFile = path.join(os.tmpdir(), `huoma-bench-reference-${port}.log`)
  const out = fs.openSync(logFile, 'w')
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/src/reference-server.ts'], {
    cwd: REPO_ROOT,
    env: { ...process.env, DATABASE_URL: opts.databaseUrl, PORT: String(port), HUOMA_BENCH_USER_ID: opts.userId, HUOMA_PG_POOL_SIZE: String(opts.connections) },
    stdio: ['ignore', out, out],
  })
  fs.closeSync(out)
  const url = `http://127.0.0.1:${port}`
  try {
    const deadline = Date.now() + 60_000
    for (;;) {
      if (child.exitCode !== null) throw new Error(`The reference server exited. Its log (${logFile}):\n${fs.readFileSync(logFile, 'utf8')}`)
      try {
        if ((await fetch(`${url}/ref/bare`, { signal: AbortSignal.timeout(1000) })).ok) break
      } catch {
        // not listening yet
      }
      if (Date.now() > deadline) throw new Error(`The reference server did not answer within 60 s (log: ${logFile})`)
      await new Promise((r) => setTimeout(r, 200))
    }
    const person = () => opts.personIds[opts.pick(opts.personIds.length)] as string
    // the allowed path must answer 200: a 404 would mean the statement measured the refusal
    const probe = await fetch(`${url}/ref/audited-read/${person()}`)
    if (probe.status !== 200) throw new Error(`The reference audited read answered ${probe.status} (log: ${logFile})`)
    const paths: Record<ReferenceName, () => string> = {
      'bare-route': () => '/ref/bare',
      'one-query': () => `/ref/one-query/${person()}`,
      'audited-read': () => `/ref/audited-read/${person()}`,
    }
    const session = { cookie: '', csrfToken: undefined }
    const results: ReferenceResult[] = []
    for (const name of Object.keys(paths) as ReferenceName[]) {
      log(`reference/${name}: HTTP side, ${opts.connections} connections, ${opts.warmupSeconds} s warm-up + ${opts.seconds} s`)
      const factory = () => ({ method: 'GET' as const, path: paths[name]() })
      if (opts.warmupSeconds > 0) await runHttp(url, session, factory, { connections: opts.connections, seconds: opts.warmupSeconds })
      results.push({ name, description: REFERENCE_DESCRIPTIONS[name], http: await runHttp(url, session, factory, { connections: opts.connections, seconds: opts.seconds }) })
    }
    return results
  } finally {
    if (child.exitCode === null) {
      child.kill('SIGTERM')
      await new Promise((r) => {
        const t = setTimeout(() => {
          child.kill('SIGKILL')
          r(null)
        }, 10_000)
        child.once('exit', () => {
          clearTimeout(t)
          r(null)
        })
      })
    }
  }
}

/**
 * How a Huoma scenario compares with the one-statement audited read: how many times more requests per second the
 * reference completes, and how many times longer Huoma's p95 is. NaN when either side has no measurement.
 */
export function ratioToAuditedRead(http: RunStats, references: readonly ReferenceResult[]): { rps: number; p95: number } {
  const ref = references.find((r) => r.name === 'audited-read')?.http
  if (!ref || !http.rps || !ref.p95Ms) return { rps: NaN, p95: NaN }
  return { rps: ref.rps / http.rps, p95: http.p95Ms / ref.p95Ms }
}

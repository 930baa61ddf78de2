import { LatencyRecorder, type RunStats } from './stats'
import type { SqlQuery } from './scenarios/types'

/**
 * Runs the SQL side of a scenario: `connections` concurrent loops for `seconds`, each executing the factory's
 * statements through the same Kysely + pg pool the server uses (for PGlite, its single-connection pool), one
 * request after another. Latency is measured per request (all its statements).
 */
export async function runSql(
  execute: (q: SqlQuery) => Promise<unknown>,
  factory: () => SqlQuery | readonly SqlQuery[],
  opts: { connections: number; seconds: number },
): Promise<RunStats> {
  const recorder = new LatencyRecorder()
  const started = performance.now()
  const end = started + opts.seconds * 1000
  let firstError: unknown = null
  const loop = async () => {
    while (performance.now() < end) {
      const q = factory()
      const queries: readonly SqlQuery[] = Array.isArray(q) ? q : [q as SqlQuery]
      const t0 = performance.now()
      try {
        for (const query of queries) await execute(query)
        recorder.add(performance.now() - t0)
      } catch (e) {
        firstError ??= e
        recorder.errors++
        recorder.statuses.error = (recorder.statuses.error ?? 0) + 1
        if (recorder.errors > 100 && recorder.count === 0) break
      }
    }
  }
  await Promise.all(Array.from({ length: opts.connections }, loop))
  const stats = recorder.summary(performance.now() - started)
  if (firstError) process.stderr.write(`bench: SQL errors (${stats.errors}); first: ${(firstError as Error).message}\n`)
  return stats
}

import type { Kysely } from 'kysely'
import type { DB } from '../../../packages/server/src/db/schema'
import type { Random } from '../../../packages/server/src/seed/names'

/** One HTTP request of a scenario (the harness adds the session cookie and, for non-GET, the CSRF header). */
export interface HttpRequestSpec {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'
  /** Path with query string, e.g. `/api/persons?name=kor`. */
  path: string
  headers?: Record<string, string>
  /** Sent as JSON. */
  body?: unknown
}

/** A parameterised SQL statement. */
export interface SqlQuery {
  text: string
  values: unknown[]
}

/**
 * A benchmark scenario: the same piece of work done through the Huoma HTTP API and as raw SQL through the same
 * pg driver and pool. Both factories are called once per request, so they should vary their input (random names,
 * ids from a sample) to keep the database's caches honest.
 */
export interface Scenario {
  name: string
  description: string
  http: () => HttpRequestSpec
  /** One statement, or several run one after the other (counted as one request). */
  sql: () => SqlQuery | readonly SqlQuery[]
}

/** What a scenario set can use while it builds its scenarios (before anything is measured). */
export interface BenchContext {
  /** Runs a query against the benchmark database and returns its rows. */
  query<R>(text: string, values?: unknown[]): Promise<R[]>
  /** The same database through Kysely, for the server's own functions (e.g. the kernel's daily deadline round). */
  db: Kysely<DB>
  /** Seeded random source, so runs pick the same inputs. */
  random: Random
  /** The user the HTTP side logs in as. */
  username: string
}

export interface ScenarioSet {
  name: string
  description: string
  create(ctx: BenchContext): Promise<Scenario[]>
}

import pg from 'pg'

export interface CountedStatements {
  /** every statement but the listening connection's heartbeat */
  all: number
  /** those reading or writing the session, the user, the grants or the commitment gate */
  access: number
  /** the texts, in the order sent */
  texts: string[]
}

/**
 * Counts the statements every pg client of this process sends while `fn` runs (PGlite's included: it is a pg client
 * too). The listening connection's round trips (its heartbeat, the settle before each request) and the job runner's
 * poll are not a request's own work and are left out: either landing inside the measured request made counts flaky
 * under load.
 */
/**
 * The job runner's poll of the job table, which every server sends every few seconds whatever jobs it runs (to reap
 * another server's abandoned runs): landing inside a measured request it made the card's count flaky in CI.
 */
const BACKGROUND = /^select "name", "next_run_at", "running_run_id", "consecutive_failures", lease_until < clock_timestamp\(\) as "lease_expired" from "job"/

export async function statements(fn: () => Promise<unknown>): Promise<CountedStatements> {
  const original = pg.Client.prototype.query
  const n: CountedStatements = { all: 0, access: 0, texts: [] }
  pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
    const text = typeof args[0] === 'string' ? args[0] : ((args[0] as { text?: string } | undefined)?.text ?? '')
    if (text.trim() === 'SELECT 1' || BACKGROUND.test(text)) return (original as (...a: unknown[]) => unknown).apply(this, args)
    n.all++
    n.texts.push(text)
    if (/staff_session|staff_user|staff_grant|user_commitment/.test(text)) n.access++
    return (original as (...a: unknown[]) => unknown).apply(this, args)
  } as typeof original
  try {
    await fn()
  } finally {
    pg.Client.prototype.query = original
  }
  return n
}

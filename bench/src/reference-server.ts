/**
 * The reference server of the benchmark (issue 16 item 8): the physical limits Huoma's request path is measured
 * against, served by a bare Fastify over the same `pg` driver, pool size and PostgreSQL settings (JIT off) as the
 * Huoma server, in its own process like Huoma's:
 *
 * - `GET /ref/bare` — a route that does nothing: the HTTP stack alone;
 * - `GET /ref/one-query/:id` — one unnamed query per request (the person by id);
 * - `GET /ref/audited-read/:id` — the whole client read as ONE named prepared statement: the access decision (an
 *   open client relationship of the user in one of their service tasks), the person, the addresses as JSON, and the
 *   audit row (the same `audit_log` insert, with its triggers, that Huoma writes), in one round trip. Nothing Huoma
 *   does for a durable, audited read can be cheaper than this on the same machine.
 *
 * Run by the bench harness (`runner.ts`), not by hand: `node --import tsx bench/src/reference-server.ts` with
 * DATABASE_URL, PORT, HUOMA_BENCH_USER_ID and HUOMA_PG_POOL_SIZE in the environment; prints `listening <url>`.
 */
import Fastify from 'fastify'
import pg from 'pg'
import { AUDITED_READ_SQL, REFERENCE_TASKS } from './reference'

const url = process.env.DATABASE_URL
const userId = process.env.HUOMA_BENCH_USER_ID
if (!url || !userId) throw new Error('DATABASE_URL and HUOMA_BENCH_USER_ID are required')
const port = Number(process.env.PORT ?? 0)
const poolSize = Number(process.env.HUOMA_PG_POOL_SIZE ?? 10)

const pool = new pg.Pool({ connectionString: url, max: poolSize, idleTimeoutMillis: 0, options: '-c jit=off' })

const app = Fastify({ logger: false })
app.get('/ref/bare', async () => ({ ok: true }))
app.get<{ Params: { id: string } }>('/ref/one-query/:id', async (req, reply) => {
  const r = await pool.query('SELECT id, hetu, first_names, last_name, birth_date, version FROM person WHERE id = $1', [req.params.id])
  return r.rows[0] ?? reply.code(404).send({ status: 404 })
})
app.get<{ Params: { id: string } }>('/ref/audited-read/:id', async (req, reply) => {
  const r = await pool.query({ name: 'ref_audited_read', text: AUDITED_READ_SQL, values: [req.params.id, userId, REFERENCE_TASKS] })
  return r.rows[0] ?? reply.code(404).send({ status: 404 })
})

const address = await app.listen({ port, host: '127.0.0.1' })
process.stdout.write(`listening ${address}\n`)
const stop = () => {
  void app.close().then(() => pool.end()).then(() => process.exit(0))
}
process.on('SIGTERM', stop)
process.on('SIGINT', stop)

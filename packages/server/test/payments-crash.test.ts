import path from 'node:path'
import { addDays, todayInHelsinki } from '@huoma/domain'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { databaseKinds } from './helpers/databases'
import { runChild as runScript } from './helpers/kill-child'
import { insertPayables, type PayableSpec } from './helpers/payments'
import { startTestServer, type TestServer } from './helpers/server'

const CHILD = path.join(import.meta.dirname, 'helpers/payments-crash-child.ts')
const runChild = (args: string[], killAfterMs?: number) => runScript(CHILD, args, killAfterMs)
const hasPostgres = (await databaseKinds()).includes('postgresql')

describe.skipIf(!hasPostgres)('payments survive kill -9 (PostgreSQL)', () => {
  let t: TestServer
  const db = () => t.server.database.db
  const today = todayInHelsinki(new Date())
  const days = Array.from({ length: 30 }, (_, i) => addDays(today, i + 1))
  let users: { creator: string; approver: string }

  beforeAll(async () => {
    t = await startTestServer('postgresql')
    // the demo's own decided applications left open payables: this test counts exactly what it inserts
    await db().deleteFrom('payable').where('state', '=', 'open').execute()
    const u = await db().selectFrom('staff_user').select(['id', 'username']).where('username', 'in', ['talous', 'maksuliikenne']).execute()
    users = { creator: u.find((x) => x.username === 'talous')!.id, approver: u.find((x) => x.username === 'maksuliikenne')!.id }
    const persons = (await db().selectFrom('person').select('id').limit(50).execute()).map((p) => p.id)
    const unit = (await db().selectFrom('unit').select('id').where('code', '=', 'ETUU').executeTakeFirstOrThrow()).id
    const specs: PayableSpec[] = days.flatMap((day, i) => persons.map((personId, j) => ({ personId, unitId: unit, amountCents: 1000 + i * 100 + j, dueOn: day })))
    for (let i = 0; i < specs.length; i += 500) await insertPayables(db(), specs.slice(i, i + 500))
  }, 120_000)
  afterAll(async () => t?.stop())

  async function checkConsistent() {
    // at most one live item per payable (also the partial unique index), and the payable's state agrees with it
    const twice = await sql<{ n: number }>`SELECT count(*)::int AS n FROM (SELECT payable_id FROM payment_item WHERE NOT cancelled GROUP BY payable_id HAVING count(*) > 1) x`.execute(db())
    expect(twice.rows[0]!.n).toBe(0)
    const mismatch = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM payable p
      LEFT JOIN payment_item i ON i.payable_id = p.id AND NOT i.cancelled
      WHERE (p.state = 'open' AND i.id IS NOT NULL) OR (p.state = 'in_batch' AND i.id IS NULL)`.execute(db())
    expect(mismatch.rows[0]!.n).toBe(0)
    // every batch holds exactly what it says; a sent one has its file data and every execution date
    const batches = await sql<{ bad: number }>`
      SELECT count(*)::int AS bad FROM payment_batch b
      WHERE b.state <> 'cancelled' AND (
        b.item_count <> (SELECT count(*) FROM payment_item i WHERE i.batch_id = b.id AND NOT i.cancelled)
        OR b.total_cents <> (SELECT coalesce(sum(amount_cents), 0) FROM payment_item i WHERE i.batch_id = b.id AND NOT i.cancelled)
        OR (b.state = 'sent' AND (b.msg_id IS NULL OR EXISTS (SELECT 1 FROM payment_item i WHERE i.batch_id = b.id AND i.execution_on IS NULL))))`.execute(db())
    expect(batches.rows[0]!.bad).toBe(0)
  }

  it('kills the worker with SIGKILL at random points, checks consistency each time, and a re-run pays every payable exactly once', { timeout: 300_000 }, async () => {
    const args = [t.scratch.databaseUrl!, users.creator, users.approver, ...days]
    let kills = 0
    for (let round = 0; round < 6; round++) {
      const r = await runChild(args, Math.floor(Math.random() * 800))
      // a kill that landed while batches were being made (it had done some steps, not all)
      if (r.signal === 'SIGKILL' && /created|approved|file/.test(r.out)) kills++
      await checkConsistent()
      if (r.out.includes('done')) break
    }
    expect(kills).toBeGreaterThan(0)
    const final = await runChild(args)
    expect(final.out).toContain('done')
    await checkConsistent()
    const states = await sql<{ state: string; n: number }>`SELECT state, count(*)::int AS n FROM payable GROUP BY state`.execute(db())
    expect(states.rows).toEqual([{ state: 'in_batch', n: days.length * 50 }])
    const sent = await sql<{ n: number; total: number }>`SELECT count(*)::int AS n, sum(total_cents)::bigint AS total FROM payment_batch WHERE state = 'sent'`.execute(db())
    const owed = await sql<{ total: number }>`SELECT sum(amount_cents)::bigint AS total FROM payable`.execute(db())
    expect(Number(sent.rows[0]!.total)).toBe(Number(owed.rows[0]!.total))
    expect(sent.rows[0]!.n).toBe(days.length)
    // running it once more does nothing new
    const again = await runChild(args)
    expect(again.out).not.toContain('created')
  })
})

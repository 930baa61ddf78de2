import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { todayInHelsinki, type LocalDate } from '@huoma/domain'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { grantsFor, loadPrincipal, type AuthedContext } from '../../packages/server/src/access/context'
import { visiblePersons } from '../../packages/server/src/access/client-access'
import { ACTIONS } from '../../packages/server/src/catalogue'
import type { Database } from '../../packages/server/src/db/database'
import { migrateToLatest } from '../../packages/server/src/db/migrate'
import { deadlineQueue } from '../../packages/server/src/kernel/deadlines'
import { notificationQueue } from '../../packages/server/src/modules/child-welfare/notifications'
import { seedDemo } from '../../packages/server/src/seed/demo'
import { Random } from '../../packages/server/src/seed/names'
import { benchContext } from '../src/runner'
import { childWelfareSet, dueCalendar, PENDING_SHARE, seedReceipt, wantedMatters, workersNeeded } from '../src/scenarios/child-welfare'
import type { BenchContext, Scenario, SqlQuery } from '../src/scenarios/types'
import { openTarget } from '../src/target'

describe('child welfare set: arithmetic', () => {
  it('wants 5 % of the persons as open matters, or the override', () => {
    expect(wantedMatters(1_000_000, {})).toBe(50_000)
    expect(wantedMatters(20_000, {})).toBe(1_000)
    expect(wantedMatters(1_000_000, { HUOMA_BENCH_CW_MATTERS: '300' })).toBe(300)
    expect(() => wantedMatters(1, { HUOMA_BENCH_CW_MATTERS: '-1' })).toThrow()
  })
  it('adds synthetic workers so that the children in assessment make 30 each', () => {
    expect(workersNeeded(50_000, 1)).toBe(Math.ceil((50_000 * (1 - PENDING_SHARE)) / 30) - 1)
    expect(workersNeeded(10, 5)).toBe(0)
  })
  it('gives distinct receipts in the e-form\'s format', () => {
    const receipts = new Set(Array.from({ length: 20_000 }, (_, i) => seedReceipt(i + 1)))
    expect(receipts.size).toBe(20_000)
    for (const r of [...receipts].slice(0, 100)) expect(r).toMatch(/^LS-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$/)
  })
  it('takes the due dates from the domain rules', () => {
    const c = dueCalendar('2026-03-02' as LocalDate, 10, 'strict')
    expect(c.day[10]).toBe('2026-03-02')
    // a Monday: urgency the same day, the 7th working day after it, three months, day 30 of the period
    expect(c.urgency[10]).toBe('2026-03-02')
    expect(c.start[10]).toBe('2026-03-11')
    expect(c.complete[10]).toBe('2026-06-02')
    expect(c.placement[10]).toBe('2026-03-31')
    // a Saturday's urgency is assessed on the Monday
    expect(c.urgency[8]).toBe('2026-03-02')
  })
})

/**
 * The seed on an embedded database with a small population: the rows are the application's (its own queue functions
 * read them), the top-up is idempotent, and each scenario's SQL side returns what the server's function returns.
 */
describe('child welfare set on PGlite', () => {
  let dir: string
  let database: Database
  let ctx: BenchContext
  let scenarios: Scenario[]
  const wanted = 150
  const previous = process.env.HUOMA_BENCH_CW_MATTERS

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'huoma-bench-cw-'))
    database = await openTarget({ kind: 'pglite', dir })
    await migrateToLatest(database.db)
    await seedDemo(database, { password: 'Bench-test-2026', persons: 3000, now: new Date() })
    process.env.HUOMA_BENCH_CW_MATTERS = String(wanted)
    ctx = benchContext(database, new Random(1), 'sosiaalityontekija')
    scenarios = await childWelfareSet.create(ctx)
  }, 300_000)

  afterAll(async () => {
    if (previous === undefined) delete process.env.HUOMA_BENCH_CW_MATTERS
    else process.env.HUOMA_BENCH_CW_MATTERS = previous
    await database?.close()
    fs.rmSync(dir, { recursive: true, force: true })
  })

  const one = async <R>(text: string, values: unknown[] = []) => (await ctx.query<R>(text, values))[0] as R

  it('seeds the open matters, pending and in assessment, with their deadlines', async () => {
    const states = await ctx.query<{ state: string; n: number }>(`SELECT state, count(*)::int AS n FROM cw_matter GROUP BY state ORDER BY state`)
    const by = Object.fromEntries(states.map((s) => [s.state, s.n]))
    expect((by.pending ?? 0) + (by.assessment ?? 0)).toBeGreaterThanOrEqual(wanted)
    expect((by.pending ?? 0) + (by.assessment ?? 0)).toBeLessThanOrEqual(wanted + 2)
    expect(by.pending).toBeGreaterThan(0)
    expect(by.assessment).toBeGreaterThan(0)
    // every pending matter has its open start deadline in the unit's queue; every started one its met start deadline,
    // its open completion deadline with the responsible worker, and that worker's relationship with the child
    expect(
      await one<{ n: number }>(`SELECT count(*)::int AS n FROM cw_matter m WHERE m.state = 'pending' AND NOT EXISTS (
         SELECT 1 FROM deadline d WHERE d.subject_id = m.id AND d.kind = 'child_welfare.assessment_start' AND d.state = 'open' AND d.responsible_user_id IS NULL)`),
    ).toEqual({ n: 0 })
    expect(
      await one<{ n: number }>(`SELECT count(*)::int AS n FROM cw_matter m WHERE m.state = 'assessment' AND NOT (
         EXISTS (SELECT 1 FROM deadline d WHERE d.subject_id = m.id AND d.kind = 'child_welfare.assessment_start' AND d.state = 'met' AND d.met_on = m.start_decided_on)
         AND EXISTS (SELECT 1 FROM deadline d WHERE d.subject_id = m.id AND d.kind = 'child_welfare.assessment_complete' AND d.state = 'open'
                       AND d.responsible_user_id = m.responsible_user_id AND d.person_id = m.person_id)
         AND EXISTS (SELECT 1 FROM client_relationship r WHERE r.person_id = m.person_id AND r.user_id = m.responsible_user_id
                       AND r.service_task = 'child_welfare' AND r.kind = 'responsible' AND r.end_date IS NULL))`),
    ).toEqual({ n: 0 })
    // every deadline started (and met) with its events; the bench user is one of the responsible workers
    expect(await one<{ n: number }>(`SELECT count(*)::int AS n FROM deadline d WHERE NOT EXISTS (SELECT 1 FROM deadline_event e WHERE e.deadline_id = d.id AND e.event = 'started')`)).toEqual({ n: 0 })
    expect(await one<{ n: number }>(`SELECT count(*)::int AS n FROM deadline d WHERE d.state = 'met' AND NOT EXISTS (SELECT 1 FROM deadline_event e WHERE e.deadline_id = d.id AND e.event = 'met')`)).toEqual({ n: 0 })
    const mine = await one<{ n: number }>(
      `SELECT count(*)::int AS n FROM deadline d JOIN staff_user u ON u.id = d.responsible_user_id WHERE u.username = 'sosiaalityontekija' AND d.state = 'open'`,
    )
    expect(mine.n).toBeGreaterThan(0)
    // the children are minors on the day the matter became pending, each with at most one open matter
    expect(
      await one<{ n: number }>(`SELECT count(*)::int AS n FROM cw_matter m JOIN person p ON p.id = m.person_id
         WHERE p.birth_date > m.pending_on OR p.birth_date <= (m.pending_on - interval '18 years')::date`),
    ).toEqual({ n: 0 })
    expect(await one<{ n: number }>(`SELECT count(*)::int AS n FROM (SELECT person_id FROM cw_matter WHERE state <> 'closed' GROUP BY person_id HAVING count(*) > 1) x`)).toEqual({ n: 0 })
  })

  it('adds nothing the second time', async () => {
    const count = () => one<{ d: number; n: number }>('SELECT (SELECT count(*)::int FROM deadline) AS d, (SELECT count(*)::int FROM cw_notification) AS n')
    const before = await count()
    await childWelfareSet.create(ctx)
    expect(await count()).toEqual(before)
  })

  const run = async (q: SqlQuery) => ctx.query<Record<string, unknown>>(q.text, q.values)
  const scenario = (name: string) => scenarios.find((s) => s.name === name)!
  const today = () => todayInHelsinki(new Date())

  it('intake-queue: the SQL side returns the page notificationQueue() returns', async () => {
    const laps = await one<{ id: string }>(`SELECT id FROM unit WHERE code = 'LAPS'`)
    const queries = scenario('intake-queue').sql() as readonly SqlQuery[]
    const pageQuery = queries.find((q) => q.text.includes('OFFSET $5'))!
    const [counts, total, page] = [await run(queries[0]!), await run(queries[1]!), await run(pageQuery)]
    const offset = pageQuery.values[4] as number
    const served = await database.db.transaction().execute((trx) =>
      notificationQueue(trx, { state: 'open', unitId: laps.id, limit: 50, offset }, { units: [laps.id], lang: 'fi', today: today(), mode: 'strict' }),
    )
    expect(page.map((r) => r.id)).toEqual(served.queue.items.map((i) => i.id))
    expect(Number(total[0]!.n)).toBe(served.queue.total)
    expect({ unassessed: Number(counts[0]!.unassessed), overdue: Number(counts[0]!.overdue) }).toEqual({ unassessed: served.queue.unassessed, overdue: served.queue.overdue })
    expect(served.queue.items.some((i) => i.nextDeadline)).toBe(true)
  })

  for (const scope of ['mine', 'unit'] as const) {
    it(`deadlines-${scope}: the SQL side returns the rows and counts deadlineQueue() returns`, async () => {
      const user = await one<{ id: string }>(`SELECT id FROM staff_user WHERE username = 'sosiaalityontekija'`)
      const laps = await one<{ id: string }>(`SELECT id FROM unit WHERE code = 'LAPS'`)
      const principal = (await loadPrincipal(database.db, user.id))!
      const def = ACTIONS['deadlines:list']
      const access = { action: 'deadlines:list', def, grants: grantsFor(principal, def), principal, session: {}, requestId: 'test', clientAddress: '127.0.0.1' } as unknown as AuthedContext
      const byUnit = new Map<string, Set<string>>()
      for (const g of access.grants) byUnit.set(g.unitId, new Set([...(byUnit.get(g.unitId) ?? []), ...g.serviceTasks]))
      const units = [...byUnit].filter(([id]) => scope === 'mine' || id === laps.id).map(([unitId, tasks]) => ({ unitId, serviceTasks: [...tasks] }))
      const served = await database.db.transaction().execute((trx) =>
        deadlineQueue(trx, visiblePersons(access), { scope, userId: user.id, units, overdueOnly: false, limit: 200, today: today(), mode: 'strict', lang: 'fi' }),
      )
      const [rows, counts] = [...(await Promise.all((scenario(`deadlines-${scope}`).sql() as readonly SqlQuery[]).map(run)))]
      expect(served.items.length).toBeGreaterThan(0)
      expect(rows!.map((r) => r.id)).toEqual(served.items.map((i) => i.id))
      expect(rows!.map((r) => Boolean(r.can_open))).toEqual(served.items.map((i) => (i.person ? i.person.canOpen : false)))
      expect(rows!.map((r) => Boolean(r.reminded))).toEqual(served.items.map((i) => i.reminded))
      expect(counts![0]).toEqual({ total: served.total, overdue: served.overdueCount })
    })
  }
})

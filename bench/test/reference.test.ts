import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../packages/server/src/db/database'
import { migrateToLatest } from '../../packages/server/src/db/migrate'
import { seedDemo } from '../../packages/server/src/seed/demo'
import { Random } from '../../packages/server/src/seed/names'
import { AUDITED_READ_SQL, ratioToAuditedRead, REFERENCE_TASKS, type ReferenceResult } from '../src/reference'
import { benchContext, formatResults, type SetResult } from '../src/runner'
import type { RunStats } from '../src/stats'
import type { BenchContext } from '../src/scenarios/types'
import { openTarget } from '../src/target'

/**
 * The one-statement audited read is the bench's yardstick for the client read (issue 16): it must do the same work —
 * refuse without a relationship, return the person and the addresses, and write the audit row Huoma writes — or the
 * ratio against it means nothing. Checked on the embedded database with the demo municipality.
 */
describe('the reference audited read', () => {
  let dir: string
  let database: Database
  let ctx: BenchContext
  let userId: string
  let related: string
  let unrelated: string

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'huoma-bench-ref-'))
    database = await openTarget({ kind: 'pglite', dir })
    await migrateToLatest(database.db)
    await seedDemo(database, { password: 'Bench-test-2026', persons: 300, now: new Date() })
    ctx = benchContext(database, new Random(1), 'sosiaalityontekija')
    userId = (await ctx.query<{ id: string }>(`SELECT id FROM staff_user WHERE username = 'sosiaalityontekija'`))[0]!.id
    // a person with an address whom the worker has no relationship with yet gets one (as bench prepare gives them)
    related = (
      await ctx.query<{ id: string }>(
        `SELECT p.id FROM person p WHERE EXISTS (SELECT 1 FROM person_address a WHERE a.person_id = p.id)
            AND NOT EXISTS (SELECT 1 FROM client_relationship cr WHERE cr.person_id = p.id) ORDER BY p.id LIMIT 1`,
      )
    )[0]!.id
    await ctx.query(
      `INSERT INTO client_relationship (person_id, user_id, service_task, kind, start_date) VALUES ($1, $2, 'adult_social_work', 'responsible', current_date - 30)`,
      [related, userId],
    )
    unrelated = (
      await ctx.query<{ id: string }>(
        `SELECT id FROM person p WHERE NOT EXISTS (SELECT 1 FROM client_relationship cr WHERE cr.person_id = p.id AND cr.user_id = $1) LIMIT 1`,
        [userId],
      )
    )[0]!.id
  }, 300_000)

  afterAll(async () => {
    await database?.close()
    fs.rmSync(dir, { recursive: true, force: true })
  })

  const auditRows = async (personId: string) =>
    (await ctx.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log WHERE $1 = ANY(client_ids) AND event = 'persons:read'`, [personId]))[0]!.n

  it('reads a related client with the addresses and writes one audit row', async () => {
    const before = await auditRows(related)
    const rows = await ctx.query<{ id: string; addresses: unknown[]; audited: string | number }>(AUDITED_READ_SQL, [related, userId, REFERENCE_TASKS])
    expect(rows).toHaveLength(1)
    expect(rows[0]!.id).toBe(related)
    const addresses = typeof rows[0]!.addresses === 'string' ? JSON.parse(rows[0]!.addresses) : rows[0]!.addresses
    expect(Array.isArray(addresses) && addresses.length).toBeGreaterThan(0)
    expect(Number(rows[0]!.audited)).toBe(1)
    expect(await auditRows(related)).toBe(before + 1)
    const row = (await ctx.query<{ user_id: string; action: string; basis: string; outcome: string; data_group: string }>(
      `SELECT user_id, action, basis, outcome, data_group FROM audit_log WHERE $1 = ANY(client_ids) AND event = 'persons:read' ORDER BY id DESC LIMIT 1`,
      [related],
    ))[0]
    expect(row).toEqual({ user_id: userId, action: 'view', basis: 'relationship', outcome: 'success', data_group: 'registry/person' })
  })

  it('refuses a person without a relationship and writes nothing', async () => {
    const before = await auditRows(unrelated)
    expect(await ctx.query(AUDITED_READ_SQL, [unrelated, userId, REFERENCE_TASKS])).toEqual([])
    expect(await auditRows(unrelated)).toBe(before)
  })
})

const stats = (rps: number, p95Ms: number): RunStats =>
  ({ requests: rps * 10, errors: 0, statuses: { 200: rps * 10 }, durationSeconds: 10, rps, p50Ms: p95Ms / 2, p95Ms, p99Ms: p95Ms * 2, meanMs: p95Ms / 2, maxMs: p95Ms * 3 })

describe('the ratios to the reference', () => {
  const references: ReferenceResult[] = [
    { name: 'bare-route', description: 'bare', http: stats(20_000, 1) },
    { name: 'one-query', description: 'one', http: stats(4_000, 3) },
    { name: 'audited-read', description: 'audited', http: stats(1_800, 10) },
  ]

  it('compares a scenario with the audited read', () => {
    expect(ratioToAuditedRead(stats(1_200, 15), references)).toEqual({ rps: 1.5, p95: 1.5 })
    expect(ratioToAuditedRead(stats(200, 100), [])).toEqual({ rps: NaN, p95: NaN })
  })

  it('prints the reference rows and each scenario’s ratio beside Huoma’s', () => {
    const http = stats(600, 20)
    const result = {
      set: 'registry',
      description: 'Client registry',
      target: 'PostgreSQL x',
      persons: 1_000_000,
      connections: 10,
      durationSeconds: 10,
      warmupSeconds: 2,
      environment: { node: 'v20', platform: 'linux', cpus: 2, cpuModel: 'x', memoryGiB: 24, gitCommit: null },
      references,
      scenarios: [
        {
          name: 'client-read',
          description: 'read',
          http,
          sql: stats(3_000, 5),
          ratios: { httpP50OverSqlP50: 4, sqlRpsOverHttpRps: 5, ...(({ rps, p95 }) => ({ auditedReadRpsOverHttpRps: rps, httpP95OverAuditedReadP95: p95 }))(ratioToAuditedRead(http, references)) },
        },
      ],
    } as unknown as SetResult
    const text = formatResults(result)
    expect(text).toMatch(/reference: bare-route\s+HTTP\s+20000/)
    expect(text).toMatch(/reference: audited-read\s+HTTP\s+1800/)
    expect(text).toContain('vs the one-statement audited read: its req/s / HTTP req/s = 3.0×, HTTP p95 / its p95 = 2.0×')
    expect(formatResults({ ...result, references: [] })).not.toContain('audited read')
  })
})

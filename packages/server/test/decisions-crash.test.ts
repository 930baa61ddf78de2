import fs from 'node:fs'
import path from 'node:path'
import { todayInHelsinki } from '@huoma/domain'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { verifyAuditChain } from '../src/access/audit'
import { databaseKinds } from './helpers/databases'
import { decisionOrphans, openApplications } from './helpers/income-support'
import { runChild as runScript } from './helpers/kill-child'
import type { CrashPlanItem } from './helpers/decisions-crash-child'
import { Client, startTestServer, type TestServer } from './helpers/server'

const CHILD = path.join(import.meta.dirname, 'helpers/decisions-crash-child.ts')
const runChild = (args: string[], killAfterMs?: number) => runScript(CHILD, args, killAfterMs, /^decided /m)
const hasPostgres = (await databaseKinds()).includes('postgresql')
const APPLICATIONS = 40

describe.skipIf(!hasPostgres)('income support decisions survive kill -9 (PostgreSQL)', () => {
  let t: TestServer
  const db = () => t.server.database.db
  const today = todayInHelsinki(new Date())
  const plan: CrashPlanItem[] = []
  /** client payable and commitment maximum of each application */
  const expected = new Map<string, { payable: number; commitment: number }>()
  let planFile: string
  let auditBefore: number

  beforeAll(async () => {
    t = await startTestServer('postgresql')
    const handler = new Client(t.url)
    await handler.login('etuuskasittelija')
    const opened = await openApplications(t, handler, APPLICATIONS, (i) => ({
      expenses: [{ type: 'rent', amountCents: 60000 }],
      incomes: [],
      assets: [],
      supplementary: [{ type: 'furniture', amountCents: 10000 + i }],
      preventive: [{ purpose: 'Velkaneuvonnan matkakulut', amountCents: 3000 + i }],
    }))
    for (const [i, a] of opened.entries()) {
      plan.push({
        ...a,
        decisions: [
          {
            decidedOn: today,
            language: 'fi',
            reasons: 'Huonekalut ja matkakulut myönnetään haetun mukaisesti.',
            iban: 'FI2112345600000785',
            items: [
              { kind: 'supplementary', index: 0, outcome: 'granted', grantedCents: 10000 + i, reason: 'Välttämätön meno.' },
              {
                kind: 'preventive',
                index: 0,
                outcome: 'granted',
                grantedCents: 3000 + i,
                reason: 'Edistää omatoimista suoriutumista.',
                commitment: { providerKind: 'other', providerName: 'Demolan Liikenne Oy', validFrom: today, validUntil: today },
              },
            ],
          },
        ],
      })
      expected.set(a.applicationId, { payable: 10000 + i, commitment: 3000 + i })
    }
    planFile = path.join(t.scratch.dataDir, 'decisions-crash-plan.json')
    fs.writeFileSync(planFile, JSON.stringify(plan))
    auditBefore = Number((await db().selectFrom('audit_log').select((eb) => eb.fn.max('id').as('m')).executeTakeFirst())?.m ?? 0)
  }, 180_000)
  afterAll(async () => t?.stop())

  /** Every application decided wholly or not at all; nothing hangs off a decision that is not there. Returns how many are decided. */
  async function checkConsistent(): Promise<number> {
    expect(await decisionOrphans(t)).toEqual({ payables: 0, commitments: 0, details: 0, cancellations: 0 })

    const ids = plan.map((p) => p.applicationId)
    const rows = await sql<{ id: string; state: string; decisions: number; details: number; commitments: number[]; payables: number[]; deadline: string; met_on: string | null }>`
      SELECT a.id, a.state,
        (SELECT count(*)::int FROM decision d WHERE d.decision_type = 'income_support' AND d.subject_id = a.id) AS decisions,
        (SELECT count(*)::int FROM income_support_decision_detail x WHERE x.application_id = a.id) AS details,
        (SELECT coalesce(array_agg(c.max_cents::int ORDER BY c.number), '{}'::int[]) FROM payment_commitment c JOIN decision d ON d.id = c.decision_id WHERE d.subject_id = a.id) AS commitments,
        (SELECT coalesce(array_agg(p.amount_cents::int ORDER BY p.number), '{}'::int[]) FROM payable p JOIN decision d ON d.id = p.source_id
          WHERE p.source_kind = 'income_support_decision' AND d.subject_id = a.id AND p.state <> 'cancelled') AS payables,
        dl.state AS deadline, dl.met_on::text AS met_on
      FROM income_support_application a
      JOIN deadline dl ON dl.kind = 'income_support.decision' AND dl.subject_id = a.id
      WHERE a.id = ANY(${ids}::uuid[])`.execute(db())
    expect(rows.rows).toHaveLength(ids.length)
    let decided = 0
    for (const r of rows.rows) {
      const e = expected.get(r.id)!
      const whole = { state: 'decided', decisions: 1, details: 1, commitments: [e.commitment], payables: [e.payable], deadline: 'met', met_on: today }
      const none = { state: 'in_preparation', decisions: 0, details: 0, commitments: [], payables: [], deadline: 'open', met_on: null }
      const { id: _id, ...got } = r
      expect(got).toEqual(r.decisions ? whole : none)
      if (r.decisions) decided++
    }
    // each decision has its audit row (written in the same transaction), and the chain holds
    const audited = await sql<{ n: number }>`SELECT count(*)::int AS n FROM audit_log WHERE id > ${auditBefore} AND event = 'income-support:decide'`.execute(db())
    expect(audited.rows[0]!.n).toBe(decided)
    expect(await verifyAuditChain(db())).toMatchObject({ ok: true })
    return decided
  }

  it('kills the deciding server with SIGKILL at random points; each time every decision is whole or absent, and a re-run decides every application exactly once', { timeout: 600_000 }, async () => {
    const args = [t.scratch.databaseUrl!, t.scratch.dataDir, planFile]
    expect(await checkConsistent()).toBe(0)
    let kills = 0
    let decided = 0
    for (let round = 0; round < 6; round++) {
      // armed on the first decision made: a kill within 0.6 s of it lands while the rest are being made
      const r = await runChild(args, Math.floor(Math.random() * 600))
      const now = await checkConsistent()
      // a kill that landed while decisions were being made (some made in this round, not all)
      if (r.signal === 'SIGKILL' && now > decided && now < APPLICATIONS) kills++
      decided = now
      if (r.out.includes('done')) break
    }
    expect(kills).toBeGreaterThan(0)
    const final = await runChild(args)
    expect(final.out).toContain('done')
    expect(await checkConsistent()).toBe(APPLICATIONS)
    // running it once more decides nothing new
    const again = await runChild(args)
    expect(again.out).not.toContain('decided')
    expect(await checkConsistent()).toBe(APPLICATIONS)
  })
})

import fs from 'node:fs'
import path from 'node:path'
import { todayInHelsinki } from '@huoma/domain'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { verifyAuditChain } from '../src/access/audit'
import { databaseKinds } from './helpers/databases'
import type { CrashPlanItem } from './helpers/decisions-crash-child'
import { decisionOrphans, openApplications } from './helpers/income-support'
import { runChild as runScript } from './helpers/kill-child'
import { Client, startTestServer, type TestServer } from './helpers/server'

/*
 * Issue 15, fault injection: kill -9 while income support decisions are being corrected (oikaisu). A correction is one
 * transaction of many writes — the correcting decision, its detail and commitments, the corrected decision's open
 * payables cancelled, a payable of the difference to what is already on its way, the application, the audit row —
 * and a server killed anywhere in it must leave each correction wholly there or wholly absent.
 *
 * Every application is first decided (partly granted, 100 € + i cents to the client), and for half of them that payable
 * is taken into a payment batch (money on its way, no longer the decision's to cancel). Then a worker server makes two
 * corrections of each — 200 € + i, then 300 € + i to the client — and is killed with SIGKILL at random points.
 */

const CHILD = path.join(import.meta.dirname, 'helpers/decisions-crash-child.ts')
const runChild = (args: string[], killAfterMs?: number) => runScript(CHILD, args, killAfterMs)
const hasPostgres = (await databaseKinds()).includes('postgresql')
const APPLICATIONS = 30
/** the client's part of the first decision and of each correction: €100, €200, €300 (+ i cents) */
const TO_CLIENT = [10000, 20000, 30000]
const CORRECTIONS = TO_CLIENT.length - 1

interface PayableLayout {
  state: string
  amount: number
  /** the position in the chain of the decision that cancelled it */
  cancelledBy: number | null
}
interface DecisionLayout {
  granted: number
  commitments: number[]
  payables: PayableLayout[]
}

describe.skipIf(!hasPostgres)('income support corrections survive kill -9 (PostgreSQL)', () => {
  let t: TestServer
  const db = () => t.server.database.db
  const today = todayInHelsinki(new Date())
  const plan: CrashPlanItem[] = []
  /** index of each application in the plan, and whether its first payable went into a batch */
  const apps = new Map<string, { i: number; batched: boolean }>()
  let planFile: string
  let auditBefore: number

  /** The decision body of step s (0 = the first decision) for the application of index i. */
  function step(s: number, i: number): Record<string, unknown> {
    const supplementary = TO_CLIENT[s]! + i
    return {
      decidedOn: today,
      language: 'fi',
      reasons: s === 0 ? 'Huonekaluista myönnetään osa; matkakulut myönnetään.' : `Oikaisu ${s}: huonekaluja koskeva selvitys täydentyi.`,
      iban: 'FI2112345600000785',
      items: [
        {
          kind: 'supplementary',
          index: 0,
          outcome: s === CORRECTIONS ? 'granted' : 'partly_granted',
          grantedCents: supplementary,
          reason: 'Välttämätön meno.',
        },
        s === CORRECTIONS
          ? { kind: 'preventive', index: 0, outcome: 'refused', grantedCents: 0, reason: 'Matkat on jo korvattu muualta.' }
          : {
              kind: 'preventive',
              index: 0,
              outcome: 'granted',
              grantedCents: 3000 + i,
              reason: 'Edistää omatoimista suoriutumista.',
              commitment: { providerKind: 'other', providerName: 'Demolan Liikenne Oy', validFrom: today, validUntil: today },
            },
      ],
    }
  }

  /**
   * What the chain of an application must hold after `k` corrections: each decision's total, its commitments, and its
   * payables. A correction cancels the open payables of the decision in force and pays the difference between its
   * amount and what the earlier decisions already have on its way (the batched first payable).
   */
  function expectedChain(i: number, batched: boolean, k: number): DecisionLayout[] {
    const toClient = (s: number) => TO_CLIENT[s]! + i
    return Array.from({ length: k + 1 }, (_, s) => {
      const onItsWay = batched ? toClient(0) : 0
      const payable: PayableLayout =
        s === 0 && batched
          ? { state: 'in_batch', amount: toClient(0), cancelledBy: null }
          : { state: s < k ? 'cancelled' : 'open', amount: toClient(s) - (s === 0 ? 0 : onItsWay), cancelledBy: s < k ? s + 1 : null }
      return { granted: toClient(s) + (s === CORRECTIONS ? 0 : 3000 + i), commitments: s === CORRECTIONS ? [] : [3000 + i], payables: [payable] }
    })
  }

  beforeAll(async () => {
    t = await startTestServer('postgresql')
    const handler = new Client(t.url)
    await handler.login('etuuskasittelija')
    const opened = await openApplications(t, handler, APPLICATIONS, (i) => ({
      expenses: [{ type: 'rent', amountCents: 60000 }],
      incomes: [],
      assets: [],
      supplementary: [{ type: 'furniture', amountCents: TO_CLIENT[CORRECTIONS]! + i }],
      preventive: [{ purpose: 'Velkaneuvonnan matkakulut', amountCents: 3000 + i }],
    }))
    for (const [i, a] of opened.entries()) {
      plan.push({ ...a, decisions: Array.from({ length: CORRECTIONS + 1 }, (_, s) => step(s, i)) })
      apps.set(a.applicationId, { i, batched: i % 2 === 0 })
    }
    // The first decisions: the even ones' payables go into a batch before the odd ones are decided.
    const decideFirst = async (even: boolean) => {
      for (const p of plan.filter((_, i) => i % 2 === (even ? 0 : 1))) {
        const base = `/api/persons/${p.personId}/income-support/applications/${p.applicationId}`
        const { version } = (await (await handler.get(base)).json()) as { version: number }
        const res = await handler.post(`${base}/decisions`, { ...p.decisions[0], version })
        if (res.status !== 201) throw new Error(`first decision: ${res.status} ${await res.text()}`)
      }
    }
    await decideFirst(true)
    const due = await sql<{ from: string; to: string }>`
      SELECT min(p.due_on)::text AS from, max(p.due_on)::text AS to FROM payable p JOIN decision d ON d.id = p.source_id
      WHERE d.subject_id = ANY(${plan.map((p) => p.applicationId)}::uuid[])`.execute(db())
    const finance = new Client(t.url)
    await finance.login('maksuliikenne')
    const etuu = (await db().selectFrom('unit').select('id').where('code', '=', 'ETUU').executeTakeFirstOrThrow()).id
    const batch = await finance.post('/api/payments/batches', { dueFrom: due.rows[0]!.from, dueTo: due.rows[0]!.to, unitId: etuu })
    if (batch.status !== 201) throw new Error(`batch: ${batch.status} ${await batch.text()}`)
    await decideFirst(false)
    planFile = path.join(t.scratch.dataDir, 'corrections-crash-plan.json')
    fs.writeFileSync(planFile, JSON.stringify(plan))
    auditBefore = Number((await db().selectFrom('audit_log').select((eb) => eb.fn.max('id').as('m')).executeTakeFirst())?.m ?? 0)
  }, 180_000)
  afterAll(async () => t?.stop())

  /**
   * Every correction wholly there or wholly absent, every application's chain exactly as its corrections so far make
   * it, the acknowledged corrections among them; returns how many corrections are there.
   */
  async function checkConsistent(acknowledged: string[]): Promise<number> {
    expect(await decisionOrphans(t)).toEqual({ payables: 0, commitments: 0, details: 0, cancellations: 0 })
    const ids = plan.map((p) => p.applicationId)
    const rows = await sql<{
      application_id: string
      state: string
      deadline: string
      met_on: string | null
      id: string
      corrects_id: string | null
      granted: number | null
      commitments: number[]
      payables: { id: string; state: string; amount: number; cancelled_by: string | null }[]
    }>`
      SELECT a.id AS application_id, a.state, dl.state AS deadline, dl.met_on::text AS met_on,
        d.id, d.corrects_id, x.granted_cents::int AS granted,
        (SELECT coalesce(array_agg(c.max_cents::int ORDER BY c.number), '{}') FROM payment_commitment c WHERE c.decision_id = d.id) AS commitments,
        (SELECT coalesce(json_agg(json_build_object('id', p.id, 'state', p.state, 'amount', p.amount_cents, 'cancelled_by', p.cancelled_by_source) ORDER BY p.number), '[]')
           FROM payable p WHERE p.source_kind = 'income_support_decision' AND p.source_id = d.id) AS payables
      FROM income_support_application a
      JOIN deadline dl ON dl.kind = 'income_support.decision' AND dl.subject_id = a.id
      JOIN decision d ON d.decision_type = 'income_support' AND d.subject_id = a.id
      LEFT JOIN income_support_decision_detail x ON x.id = d.id
      WHERE a.id = ANY(${ids}::uuid[])`.execute(db())
    const byApp = new Map<string, typeof rows.rows>()
    for (const r of rows.rows) byApp.set(r.application_id, [...(byApp.get(r.application_id) ?? []), r])
    expect(byApp.size).toBe(APPLICATIONS)
    let corrections = 0
    for (const [appId, decisions] of byApp) {
      const { i, batched } = apps.get(appId)!
      // the chain from the first decision: each corrects the one before, none corrected twice
      const chain = [decisions.find((d) => d.corrects_id === null)!]
      for (let next; (next = decisions.find((d) => d.corrects_id === chain.at(-1)!.id)); ) chain.push(next)
      expect(chain.length, `${appId}: ${decisions.length} decisions, a chain of ${chain.length}`).toBe(decisions.length)
      const k = chain.length - 1
      expect(k).toBeLessThanOrEqual(CORRECTIONS)
      // the application decided, its deadline met on the first decision's day, whatever the corrections
      expect(decisions[0]).toMatchObject({ state: 'decided', deadline: 'met', met_on: today })
      // no double payment for the period: what is not cancelled adds up to what the decision in force pays the client
      const live = chain.flatMap((d) => d.payables).filter((p) => p.state !== 'cancelled')
      expect(live.reduce((s, p) => s + p.amount, 0), `${appId} (${batched ? 'batched' : 'open'}) after ${k} corrections: payables ${JSON.stringify(chain.map((d) => d.payables))}`).toBe(TO_CLIENT[k]! + i)
      expect(live.filter((p) => p.state === 'open').length).toBeLessThanOrEqual(1)
      // and each decision exactly as made: its total, commitments and payables, cancelled by the decision after it
      const position = new Map(chain.map((d, s) => [d.id, s]))
      const got: DecisionLayout[] = chain.map((d) => ({
        granted: d.granted!,
        commitments: d.commitments,
        payables: d.payables.map((p) => ({ state: p.state, amount: Number(p.amount), cancelledBy: p.cancelled_by === null ? null : (position.get(p.cancelled_by) ?? -1) })),
      }))
      expect(got).toEqual(expectedChain(i, batched, k))
      corrections += k
    }
    // every correction the worker was answered 201 for is there
    const present = new Set(rows.rows.map((r) => r.id))
    expect(acknowledged.filter((id) => !present.has(id))).toEqual([])
    // each correction has its audit row (the same transaction), and the chain holds
    const audited = await sql<{ n: number }>`SELECT count(*)::int AS n FROM audit_log WHERE id > ${auditBefore} AND event = 'income-support:decide'`.execute(db())
    expect(audited.rows[0]!.n).toBe(corrections)
    expect(await verifyAuditChain(db())).toMatchObject({ ok: true })
    return corrections
  }

  it('kills the correcting server with SIGKILL at random points; each correction is whole or absent, nothing is paid twice, and a re-run makes every correction once', { timeout: 600_000 }, async () => {
    const args = [t.scratch.databaseUrl!, t.scratch.dataDir, planFile]
    const acknowledged: string[] = []
    const acks = (out: string) => acknowledged.push(...[...out.matchAll(/^decided \S+ (\S+)$/gm)].map((m) => m[1]!))
    const total = APPLICATIONS * CORRECTIONS
    expect(await checkConsistent(acknowledged)).toBe(0)
    let kills = 0
    let made = 0
    const rounds: string[] = []
    for (let round = 0; round < 10; round++) {
      const delay = Math.floor(Math.random() * 2000)
      const r = await runChild(args, delay)
      acks(r.out)
      const now = await checkConsistent(acknowledged)
      rounds.push(`${delay} ms: ${now - made} (${r.signal ?? 'exit'})`)
      // a kill that landed while corrections were being made (some made in this round, not all)
      if (r.signal === 'SIGKILL' && now > made && now < total) kills++
      made = now
      if (r.out.includes('done')) break
    }
    console.warn(`corrections-crash: ${kills} kills mid-work; per round (kill delay: corrections made): ${rounds.join(', ')}`)
    expect(kills).toBeGreaterThan(0)
    const final = await runChild(args)
    acks(final.out)
    expect(final.out).toContain('done')
    expect(await checkConsistent(acknowledged)).toBe(total)
    expect(acknowledged.length).toBeLessThanOrEqual(total)
    // running it once more corrects nothing
    const again = await runChild(args)
    expect(again.out).not.toContain('decided')
    expect(await checkConsistent(acknowledged)).toBe(total)
  })
})

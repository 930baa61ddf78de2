import { todayInHelsinki } from '@huoma/domain'
import { sql } from 'kysely'
import type { Client, TestServer } from './server'

export interface ClaimsInput {
  expenses: { type: string; amountCents: number }[]
  incomes: { type: string; amountCents: number }[]
  assets: { type: string; amountCents: number }[]
  supplementary: { type: string; amountCents: number }[]
  preventive: { purpose: string; amountCents: number }[]
}

/**
 * `count` paper applications for income support in the benefit unit ETUU, each by an adult of the registry who has
 * none yet, taken into preparation by `handler` (a benefit handler), covering this month up to today; `claims(i)`
 * gives the i-th application's claims.
 */
export async function openApplications(t: TestServer, handler: Client, count: number, claims: (i: number) => ClaimsInput): Promise<{ personId: string; applicationId: string }[]> {
  const db = t.server.database.db
  const today = todayInHelsinki(new Date())
  const etuu = (await db.selectFrom('unit').select('id').where('code', '=', 'ETUU').executeTakeFirstOrThrow()).id
  const persons = await sql<{ id: string }>`
    SELECT p.id FROM person p
    WHERE p.hetu IS NOT NULL AND p.merged_into IS NULL AND p.death_date IS NULL AND p.birth_date <= '2000-01-01'
      AND NOT EXISTS (SELECT 1 FROM income_support_member m WHERE m.person_id = p.id)
    ORDER BY p.id LIMIT ${count}`.execute(db)
  if (persons.rows.length !== count) throw new Error(`only ${persons.rows.length} adults without an application, ${count} needed`)
  const opened: { personId: string; applicationId: string }[] = []
  for (const [i, { id: personId }] of persons.rows.entries()) {
    const res = await handler.post(`/api/persons/${personId}/income-support/applications`, {
      unitId: etuu,
      channel: 'paper',
      receivedOn: today,
      urgent: false,
      periodStart: `${today.slice(0, 8)}01`,
      periodEnd: today,
      members: [{ personId, role: 'applicant' }],
      claims: claims(i),
      takeIt: true,
    })
    if (res.status !== 201) throw new Error(`application: ${res.status} ${await res.text()}`)
    opened.push({ personId, applicationId: ((await res.json()) as { id: string }).id })
  }
  return opened
}

/**
 * Rows that hang off a decision that is not there (a crash between the statements of one decision would leave them):
 * the decisions' payables, payment commitments and income support details, and payables cancelled in the name of a
 * correcting decision (of the same matter) that does not exist. All zero in a consistent database.
 */
export async function decisionOrphans(t: TestServer): Promise<{ payables: number; commitments: number; details: number; cancellations: number }> {
  const r = await sql<{ payables: number; commitments: number; details: number; cancellations: number }>`
    SELECT
      (SELECT count(*)::int FROM payable p
        WHERE p.source_kind = 'income_support_decision' AND NOT EXISTS (SELECT 1 FROM decision d WHERE d.id = p.source_id)) AS payables,
      (SELECT count(*)::int FROM payment_commitment c WHERE NOT EXISTS (SELECT 1 FROM decision d WHERE d.id = c.decision_id)) AS commitments,
      (SELECT count(*)::int FROM income_support_decision_detail x WHERE NOT EXISTS (SELECT 1 FROM decision d WHERE d.id = x.id)) AS details,
      (SELECT count(*)::int FROM payable p
        WHERE p.state = 'cancelled' AND p.source_kind = 'income_support_decision'
          AND NOT EXISTS (SELECT 1 FROM decision d JOIN decision s ON s.id = p.source_id
                          WHERE d.id = p.cancelled_by_source AND d.corrects_id IS NOT NULL AND d.subject_id = s.subject_id)) AS cancellations`.execute(t.server.database.db)
  return r.rows[0]!
}

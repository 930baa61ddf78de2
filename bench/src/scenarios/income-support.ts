/**
 * Income support: the benefit handler's worklist over 10 000 open applications (issue 5, p95).
 *
 * `create` tops the unassigned open applications of the ETUU unit (Etuuskäsittely in the demo seed) up to
 * {@link OPEN_APPLICATIONS} with plain SQL: random persons with a birth date as applicants, received a few days
 * before a due date spread over ±20 days from today. The HTTP side is `GET /api/income-support/worklist?scope=queue`
 * as the bench user, which must be a handler in that unit: run the set with
 * `HUOMA_BENCH_USER=etuuskasittelija` (or `esihenkilo`). The SQL side is what `worklist()` in
 * packages/server/src/modules/income-support/applications.ts runs for the queue: the page of 100 by deadline and
 * the count query. The server also opens a transaction, resolves the grants and audits every listed client.
 */
import { ACTIONS } from '../../../packages/server/src/catalogue'
import type { BenchContext, Scenario, ScenarioSet } from './types'

export const OPEN_APPLICATIONS = 10_000
const WORKLIST_LIMIT = 100
const EMPTY_CLAIMS = '{"expenses":[],"incomes":[],"assets":[],"supplementary":[],"preventive":[]}'
const OPEN_STATES = `('received', 'in_preparation')`

const log = (msg: string) => process.stderr.write(`bench income-support: ${msg}\n`)

/** Unassigned open applications in `unitId`, topped up to `wanted`. Returns how many were added. */
async function ensureOpenApplications(ctx: BenchContext, unitId: string, wanted: number): Promise<number> {
  const count = async () =>
    (
      await ctx.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM income_support_application WHERE unit_id = $1 AND handler_id IS NULL AND state IN ${OPEN_STATES}`,
        [unitId],
      )
    )[0]?.n ?? 0
  const before = await count()
  let have = before
  while (have < wanted) {
    const inserted = await ctx.query<{ n: number }>(
      `WITH applicants AS (
         SELECT id, current_date + (floor(random() * 41)::int - 20) AS due
           FROM person WHERE birth_date IS NOT NULL AND death_date IS NULL ORDER BY random() LIMIT $1),
       application AS (
         INSERT INTO income_support_application
           (person_id, unit_id, channel, received_on, period_start, period_end, state, handler_id, claims)
         SELECT id, $2, 'paper', due - (3 + floor(random() * 5)::int), date_trunc('month', due)::date,
                (date_trunc('month', due) + interval '1 month - 1 day')::date, 'received', NULL, $3::jsonb
           FROM applicants
         RETURNING id, person_id, received_on),
       deadline AS (
         -- the kernel holds each application's TTTL 14 a § deadline (the due dates spread around today)
         INSERT INTO deadline (kind, service_task, unit_id, person_id, subject_id, legal_basis, start_event, started_on, due_on, rule)
         SELECT 'income_support.decision', 'income_support', $2, a.person_id, a.id, 'TTTL 14 a §', 'application_received',
                a.received_on, p.due, 'seventh_working_day'
           FROM application a JOIN applicants p ON p.id = a.person_id
         RETURNING 1),
       member AS (
         INSERT INTO income_support_member (application_id, person_id, role, position)
         SELECT id, person_id, 'applicant', 0 FROM application RETURNING 1)
       SELECT count(*)::int AS n FROM member`,
      [wanted - have, unitId, EMPTY_CLAIMS],
    )
    const n = inserted[0]?.n ?? 0
    if (n === 0) throw new Error('No persons with a birth date to apply: run `npm run bench -- prepare` first')
    have += n
  }
  // Fresh rows have no statistics yet: without them the planner misjudges the worklist queries.
  if (have > before) await ctx.query('ANALYZE income_support_application, income_support_member, deadline')
  return have - before
}

export const incomeSupportSet: ScenarioSet = {
  name: 'income-support',
  description: `Income support: the handler's worklist queue (${OPEN_APPLICATIONS.toLocaleString('en')} open applications, page of ${WORKLIST_LIMIT})`,
  async create(ctx) {
    const etuu = (await ctx.query<{ id: string }>(`SELECT id FROM unit WHERE code = 'ETUU'`))[0]
    if (!etuu) throw new Error('No unit ETUU in the benchmark database (the demo seed makes it): run `npm run bench -- prepare`')
    const added = await ensureOpenApplications(ctx, etuu.id, OPEN_APPLICATIONS)
    if (added) log(`added ${added.toLocaleString('en')} open applications to the ETUU queue`)

    // The units whose queue the bench user sees: grants in a role that may read the worklist, reaching income support.
    const roles: readonly string[] = ACTIONS['income-support:worklist'].roles ?? []
    const units = (
      await ctx.query<{ unit_id: string }>(
        `SELECT DISTINCT g.unit_id FROM staff_grant g JOIN staff_user u ON u.id = g.user_id
          WHERE u.username = $1 AND g.role_code = ANY($2) AND 'income_support' = ANY(g.service_tasks)
            AND g.valid_from <= current_date AND (g.valid_until IS NULL OR g.valid_until >= current_date) AND g.ended_at IS NULL`,
        [ctx.username, roles],
      )
    ).map((r) => r.unit_id)
    if (!units.includes(etuu.id)) {
      log(
        `skipped: ${ctx.username} has no income support grant in ETUU, so its worklist queue is not the one filled here; ` +
          'run with HUOMA_BENCH_USER=etuuskasittelija (or esihenkilo)',
      )
      return []
    }

    const inList = units.map((_, i) => `$${i + 1}`).join(', ')
    const where = `dl.kind = 'income_support.decision' AND dl.state IN ('open', 'paused') AND dl.responsible_user_id IS NULL AND dl.unit_id IN (${inList})`
    // As the server does: the page's ids from the kernel's open deadlines alone (their partial indexes), then those
    // rows joined to the application, person, unit and handler; the count on the deadlines alone.
    const page = {
      text: `WITH page AS (
               SELECT dl.subject_id AS id FROM deadline dl
                WHERE ${where}
                ORDER BY dl.due_on, dl.urgent DESC, dl.started_on, dl.subject_id
                LIMIT ${WORKLIST_LIMIT})
             SELECT a.id, a.number, a.person_id, person.first_names, person.last_name, a.unit_id, u.name_fi, u.name_sv, a.channel,
                    a.received_on, a.urgent, a.state, dl.due_on, a.completion_requested_on, a.completion_answered_on, a.handler_id,
                    h.display_name AS handler_name,
                    (SELECT count(*)::int FROM income_support_member m WHERE m.application_id = a.id) AS member_count
               FROM page
               JOIN income_support_application a ON a.id = page.id
               JOIN deadline dl ON dl.subject_id = a.id AND dl.kind = 'income_support.decision'
               JOIN person ON person.id = a.person_id
               JOIN unit u ON u.id = a.unit_id
               LEFT JOIN staff_user h ON h.id = a.handler_id
              ORDER BY dl.due_on, dl.urgent DESC, dl.started_on, dl.subject_id`,
      values: units,
    }
    const countQuery = () => ({
      text: `SELECT count(*)::int AS total, count(*) FILTER (WHERE dl.due_on < $${units.length + 1})::int AS overdue
               FROM deadline dl
              WHERE ${where}`,
      values: [...units, new Date().toISOString().slice(0, 10)],
    })

    const scenarios: Scenario[] = [
      {
        name: 'worklist-queue',
        description: `GET /api/income-support/worklist?scope=queue&limit=${WORKLIST_LIMIT}; SQL: the page by deadline and the count`,
        http: () => ({ method: 'GET', path: `/api/income-support/worklist?scope=queue&limit=${WORKLIST_LIMIT}` }),
        sql: () => [page, countQuery()],
      },
    ]
    return scenarios
  },
}

/**
 * The audit log (issue 3, Bench): what the data protection officer's search costs on a big log, and what writing the
 * audit row costs a client read. Fill the log first with `npm run bench -- audit-seed --rows N`.
 *
 * - As the data protection officer (`HUOMA_BENCH_USER=tietosuojavastaava`):
 *   - `who-processed-frequent`: `GET /api/privacy/audit-log?clientId=X` for clients drawn from the log's own rows
 *     (so weighted by how often they were processed), vs. the SQL `searchAuditLog` runs
 *     (packages/server/src/modules/privacy/repository.ts): X and the identities merged into X looked up first, then
 *     audit_client by (client_id, audit_id) newest first joined to audit_log, `LIMIT 51`, the user's name joined.
 *     The server also audits the read (one row naming the listed clients).
 *   - `who-processed-any`: the same for persons drawn uniformly from the registry (most with few or no rows).
 *   (Earlier versions searched `client_ids && $1` through a GIN index: fine for rare clients, but a busy client's
 *   every row had to be fetched and sorted before the newest page: p95 1–2.6 s at 50 M rows. Migration 0016.)
 * - As a worker with client relationships (`sosiaalityontekija`, the default):
 *   - `read-vs-sql`: `GET /api/persons/<id>` vs. the read alone in SQL (the access decision of withClientAccess,
 *     the person, the addresses): no audit row.
 *   - `read-vs-sql-audited`: the same request vs. the same read plus the audit row (`INSERT INTO audit_log`, with
 *     its insert trigger adding the audit_client and audit_pending rows, committed; the chain is sealed off the
 *     request path since migration 0016). The two SQL sides side by side give the cost of the audit write; each
 *     statement runs in its own transaction through the pool (the read statements write nothing, so only the
 *     INSERT commits and waits for the WAL flush).
 *
 * For another user the scenarios that do not fit are left out with a warning.
 */
import type { BenchContext, Scenario, ScenarioSet } from './types'

const log = (msg: string) => process.stderr.write(`bench audit: ${msg}\n`)

/** The columns `searchAuditLog` selects. */
const ENTRY_COLUMNS = 'a.id, a.occurred_at, a.user_id, a.role_code, a.client_ids, a.data_group, a.action, a.event, a.basis, a.ref_id, a.outcome'
const WORKER_TASKS = ['adult_social_work', 'income_support', 'substance_mental_health', 'child_welfare', 'family_services']

/** searchAuditLog's identities: the person and every identity merged into them (identityIds in repository.ts). */
const IDENTITY_IDS = `WITH RECURSIVE ids(id) AS (SELECT $1::uuid UNION SELECT p.id FROM person p JOIN ids ON p.merged_into = ids.id) SELECT id FROM ids`

function whoProcessed(name: string, description: string, pick: () => string): Scenario {
  const select = `SELECT ${ENTRY_COLUMNS}, u.display_name AS user_name
                    FROM audit_client c JOIN audit_log a ON a.id = c.audit_id AND a.occurred_at = c.occurred_at LEFT JOIN staff_user u ON u.id = a.user_id`
  return {
    name,
    description,
    http: () => ({ method: 'GET', path: `/api/privacy/audit-log?clientId=${pick()}` }),
    sql: () => {
      const id = pick()
      // As the server does: the identities first, then the search with them as a parameter.
      return [
        { text: IDENTITY_IDS, values: [id] },
        { text: `${select} WHERE c.client_id = $1 ORDER BY a.id DESC LIMIT $2`, values: [id, 51] },
      ]
    },
  }
}

async function dpoScenarios(ctx: BenchContext): Promise<Scenario[]> {
  const [{ rows } = { rows: 0 }] = await ctx.query<{ rows: number }>(`SELECT coalesce(sum(greatest(c.reltuples, 0)), 0)::float8 AS rows FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = 'audit_log'::regclass`)
  log(`audit_log has ~${Math.round(rows).toLocaleString('en')} rows (planner estimate)`)
  // A sample of log rows: their clients come up as often as they were processed.
  const frequent = (
    await ctx.query<{ id: string }>(
      `SELECT client_ids[1] AS id FROM audit_log TABLESAMPLE SYSTEM (1) WHERE cardinality(client_ids) > 0 LIMIT 5000`,
    )
  ).map((r) => r.id)
  const any = (await ctx.query<{ id: string }>(`SELECT id FROM person TABLESAMPLE SYSTEM (1) LIMIT 5000`)).map((r) => r.id)
  const random = ctx.random
  const scenarios: Scenario[] = []
  if (frequent.length) {
    scenarios.push(
      whoProcessed(
        'who-processed-frequent',
        'GET /api/privacy/audit-log?clientId=<client of a sampled log row>; SQL: the identities, then audit_client ⋈ audit_log ORDER BY id DESC LIMIT 51',
        () => random.pick(frequent),
      ),
    )
  } else log('the audit log is empty: run `npm run bench -- audit-seed --rows N` first')
  if (any.length) {
    scenarios.push(
      whoProcessed(
        'who-processed-any',
        'GET /api/privacy/audit-log?clientId=<uniformly drawn person>; SQL: the identities, then audit_client ⋈ audit_log ORDER BY id DESC LIMIT 51',
        () => random.pick(any),
      ),
    )
  }
  return scenarios
}

async function readScenarios(ctx: BenchContext): Promise<Scenario[]> {
  const related = await ctx.query<{ id: string; user_id: string; role_code: string }>(
    `SELECT DISTINCT cr.person_id AS id, u.id AS user_id,
            (SELECT g.role_code FROM staff_grant g WHERE g.user_id = u.id ORDER BY g.role_code LIMIT 1) AS role_code
       FROM client_relationship cr JOIN staff_user u ON u.id = cr.user_id JOIN person p ON p.id = cr.person_id
      WHERE u.username = $1 AND cr.end_date IS NULL AND cr.service_task = ANY($2) AND p.merged_into IS NULL
      LIMIT 5000`,
    [ctx.username, WORKER_TASKS],
  )
  if (related.length < 10) {
    log(`${ctx.username} has no client relationships: the read scenarios are left out (prepare gives them to the bench user)`)
    return []
  }
  const { user_id: userId, role_code: roleCode } = related[0]!
  const random = ctx.random
  const pick = () => random.pick(related).id
  const http = () => ({ method: 'GET' as const, path: `/api/persons/${pick()}` })
  /** What GET /api/persons/:id reads: the access decision (withClientAccess), the person, the addresses. */
  const read = (id: string) => [
    {
      text: `SELECT p.id, p.merged_into,
                    CASE WHEN EXISTS (SELECT 1 FROM client_relationship cr WHERE cr.person_id = p.id AND cr.user_id = $2
                                         AND cr.service_task = ANY($3) AND cr.start_date <= current_date
                                         AND (cr.end_date IS NULL OR cr.end_date >= current_date)) THEN 'relationship' END AS basis,
                    (SELECT bg.id FROM break_glass bg WHERE bg.person_id = p.id AND bg.user_id = $2 AND bg.service_task = ANY($3)
                        AND bg.expires_at > now() ORDER BY bg.created_at DESC LIMIT 1) AS break_glass_id
               FROM person p WHERE p.id = $1`,
      values: [id, userId, WORKER_TASKS],
    },
    {
      text: `SELECT id, hetu, temporary_id, first_names, last_name, birth_date, death_date, turvakielto, calling_name,
                    service_language, native_language, phone, email, version FROM person WHERE id = $1`,
      values: [id],
    },
    {
      text: `SELECT kind, street, postal_code, post_office, valid_from, valid_until FROM person_address WHERE person_id = $1
              ORDER BY kind, valid_from DESC`,
      values: [id],
    },
  ]
  let request = 0
  return [
    {
      name: 'read-vs-sql',
      description: 'GET /api/persons/<id>; SQL: access decision, person, addresses (no audit row)',
      http,
      sql: () => read(pick()),
    },
    {
      name: 'read-vs-sql-audited',
      description: 'GET /api/persons/<id>; SQL: access decision, person, addresses + INSERT INTO audit_log (insert trigger: clients, pending)',
      http,
      sql: () => {
        const id = pick()
        return [
          ...read(id),
          {
            text: `INSERT INTO audit_log (user_id, role_code, client_ids, data_group, action, event, basis, outcome, request_id, client_address)
                   VALUES ($1, $2, ARRAY[$3]::uuid[], 'registry/person', 'view', 'persons:read', 'relationship', 'success', $4, '127.0.0.1')`,
            values: [userId, roleCode, id, `bench-${++request}`],
          },
        ]
      },
    },
  ]
}

export const auditSet: ScenarioSet = {
  name: 'audit',
  description: 'Audit log: the data protection officer\'s "who processed client X" on a big log; the cost of the audit row on a client read',
  async create(ctx) {
    const [role] = await ctx.query<{ dpo: boolean }>(
      `SELECT EXISTS (SELECT 1 FROM staff_grant g JOIN staff_user u ON u.id = g.user_id
                       WHERE u.username = $1 AND g.role_code = 'data_protection_officer') AS dpo`,
      [ctx.username],
    )
    if (role?.dpo) return dpoScenarios(ctx)
    log(`${ctx.username} is not a data protection officer: "who processed client X" needs HUOMA_BENCH_USER=tietosuojavastaava`)
    return readScenarios(ctx)
  },
}

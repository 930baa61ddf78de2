/**
 * The copy of a client's data (issue 13, Bench): a granted access request for a client with
 * {@link RECORDS} records, read as the data protection officer (`HUOMA_BENCH_USER=tietosuojavastaava`).
 *
 * `create` picks one registry person with a henkilötunnus and, the first time, gives them {@link RECORDS} records in
 * bulk SQL, each as the application writes it: signed journal entries in adult social work, appointments and
 * disclosure-log rows (the shares below), then a granted access request with its kernel decision (every register).
 * Later runs find the same request by its details text and reuse it.
 *
 * Scenarios:
 * - `copy-json`: `GET /api/rights/requests/:id/copy` vs. the statements the copy runs: the identities, one SELECT
 *   per declared record type of every module (`clientCopy`, the same FROM/WHERE/ORDER BY), the processing log
 *   through audit_client for two years and the disclosure log. The server also writes the export audit row.
 * - `copy-pdf`: `GET /api/rights/requests/:id/copy/pdf`, the same reads and the PDF laid out (pdfmake): the SQL side is
 *   the same reads, so the ratio is the cost of the layout.
 */
import { MODULES } from '../../../packages/server/src/modules'
import type { CopyTable } from '../../../packages/server/src/kernel/client-copy'
import type { BenchContext, Scenario, ScenarioSet, SqlQuery } from './types'

/** The records of the bench client (the issue's figure). */
export const RECORDS = 2000
const SHARES = { journal: 0.6, appointments: 0.3, disclosures: 0.1 }
const MARK = 'bench: copy of a client with 2000 records'

const log = (msg: string) => process.stderr.write(`bench rights: ${msg}\n`)

const IDENTITY_IDS = `WITH RECURSIVE ids(id) AS (SELECT $1::uuid UNION SELECT p.id FROM person p JOIN ids ON p.merged_into = ids.id) SELECT id FROM ids`

/** One declared record type as the copy reads it (kernel/client-copy.ts `readClientCopy`). */
export function copyStatement(t: CopyTable): string {
  const task = 'column' in t.serviceTask ? t.serviceTask.column : `${t.serviceTask.fixed === null ? 'NULL' : `'${t.serviceTask.fixed}'`}::text`
  const columns = t.columns.map((c) => `${c.sql ?? c.key} AS "c_${c.key}"`).join(', ')
  return `SELECT ${task} AS copy_task, ${columns} FROM ${t.from} WHERE ${t.personColumn ?? 'person_id'} = ANY($1::uuid[])${t.where ? ` AND (${t.where})` : ''} ORDER BY ${t.orderBy}`
}

async function seed(ctx: BenchContext): Promise<{ requestId: string; personId: string }> {
  const existing = await ctx.query<{ id: string; person_id: string }>(`SELECT id, person_id FROM rights_request WHERE details = $1 AND state = 'decided' LIMIT 1`, [MARK])
  if (existing[0]) {
    log(`reusing request ${existing[0].id}`)
    return { requestId: existing[0].id, personId: existing[0].person_id }
  }
  const started = Date.now()
  const [person] = await ctx.query<{ id: string }>(`SELECT id FROM person WHERE hetu IS NOT NULL AND merged_into IS NULL AND death_date IS NULL ORDER BY id LIMIT 1`)
  if (!person) throw new Error('the registry is empty: run `npm run bench -- prepare` first')
  const [worker] = await ctx.query<{ id: string }>(`SELECT id FROM staff_user WHERE username = 'sosiaalityontekija'`)
  const [dpo] = await ctx.query<{ id: string }>(`SELECT id FROM staff_user WHERE username = 'tietosuojavastaava'`)
  const [unit] = await ctx.query<{ id: string }>(`SELECT id FROM unit WHERE code = 'AIKU'`)
  const [hall] = await ctx.query<{ id: string }>(`SELECT id FROM unit WHERE code = 'HALL'`)
  if (!worker || !dpo || !unit || !hall) throw new Error('the demo users and units are missing (prepare seeds them)')
  const journal = Math.round(RECORDS * SHARES.journal)
  const appointments = Math.round(RECORDS * SHARES.appointments)
  const disclosures = RECORDS - journal - appointments
  await ctx.query(
    `INSERT INTO journal_entry (person_id, service_task, type, event_date, body, status, author_id, signed_by, signed_at)
     SELECT $1, 'adult_social_work', (ARRAY['meeting','home_visit','phone_call','measure'])[1 + i % 4], current_date - (i % 700),
            'Tapaaminen ' || i || ': asiakkaan tilanne käytiin läpi, sovittiin jatkosta ja seuraavasta tapaamisesta.',
            'signed', $2, $2, now() - (i || ' hours')::interval
       FROM generate_series(1, $3) i`,
    [person.id, worker.id, journal],
  )
  await ctx.query(
    `INSERT INTO appointment (person_id, worker_id, unit_id, service_task, start_at, end_at, place, created_by)
     SELECT $1, $2, $3, 'adult_social_work', now() - (i || ' days')::interval, now() - (i || ' days')::interval + interval '1 hour',
            (ARRAY['office','home_visit','phone','video'])[1 + i % 4], $2
       FROM generate_series(1, $4) i`,
    [person.id, worker.id, unit.id, appointments],
  )
  await ctx.query(
    `INSERT INTO disclosure_log (person_id, service_task, recipient, basis, what, method, disclosed_on, disclosed_by)
     SELECT $1, 'adult_social_work', 'Kela', 'client_act_18', 'Tapaamisten päivät ' || i, 'interface', current_date - (i % 700), $2
       FROM generate_series(1, $3) i`,
    [person.id, worker.id, disclosures],
  )
  const [request] = await ctx.query<{ id: string }>(
    `INSERT INTO rights_request (person_id, kind, requester_kind, channel, identity_check, identity_checked_by, received_on, due_on, details, language, registered_by)
     VALUES ($1, 'access', 'client', 'in_person', 'identity_document', $2, current_date - 1, current_date - 1 + interval '1 month', $3, 'fi', $2) RETURNING id`,
    [person.id, dpo.id, MARK],
  )
  const items = JSON.stringify([{ serviceTask: null, outcome: 'granted', ground: null, explanation: 'Kaikki tiedot annetaan.' }])
  const [decision] = await ctx.query<{ id: string }>(
    `INSERT INTO decision (decision_type, service_task, person_id, unit_id, subject_id, decided_on, decision_maker_id, language, appeal_route, appeal_days, outcome, reasons, items)
     VALUES ('data_subject_rights', 'adult_social_work', $1, $2, $3, current_date, $4, 'fi', 'administrative_court', 30, 'granted', 'Pyyntöön suostutaan kokonaan.', $5::jsonb) RETURNING id`,
    [person.id, hall.id, request!.id, dpo.id, items],
  )
  await ctx.query(`UPDATE rights_request SET state = 'decided', decision_id = $2, version = version + 1 WHERE id = $1`, [request!.id, decision!.id])
  await ctx.query(`ANALYZE journal_entry; ANALYZE appointment; ANALYZE disclosure_log`)
  log(`seeded ${journal} journal entries, ${appointments} appointments and ${disclosures} disclosures for ${person.id} in ${Date.now() - started} ms`)
  return { requestId: request!.id, personId: person.id }
}

export const rightsSet: ScenarioSet = {
  name: 'rights',
  description: `The copy of a client's data with ${RECORDS} records (access request), as JSON and as PDF, as the data protection officer`,
  async create(ctx: BenchContext): Promise<Scenario[]> {
    if (ctx.username !== 'tietosuojavastaava') {
      log('the copy is the data protection officer\'s: run with HUOMA_BENCH_USER=tietosuojavastaava (set skipped)')
      return []
    }
    const { requestId, personId } = await seed(ctx)
    const tables = MODULES.flatMap((m): readonly CopyTable[] => m.clientCopy ?? [])
    const reads = (): SqlQuery[] => [
      { text: IDENTITY_IDS, values: [personId] },
      ...tables.map((t) => ({ text: copyStatement(t), values: [[personId]] })),
      {
        text: `SELECT DISTINCT ON (a.id) a.id, a.occurred_at, u.display_name, a.data_group, a.action, ro.name_fi
                 FROM audit_client c JOIN audit_log a ON a.id = c.audit_id LEFT JOIN staff_user u ON u.id = a.user_id LEFT JOIN role ro ON ro.code = a.role_code
                WHERE c.client_id = ANY($1::uuid[]) AND a.outcome = 'success' AND c.occurred_at >= now() - interval '2 years' ORDER BY a.id`,
        values: [[personId]],
      },
      { text: `SELECT disclosed_on, recipient, service_task, basis, basis_citation, what FROM disclosure_log WHERE person_id = ANY($1::uuid[]) AND disclosed_on >= current_date - interval '2 years' ORDER BY disclosed_on`, values: [[personId]] },
    ]
    return [
      {
        name: 'copy-json',
        description: `GET /api/rights/requests/:id/copy (${RECORDS} records); SQL: the identities, one SELECT per declared record type (${tables.length}), the processing and disclosure logs`,
        http: () => ({ method: 'GET', path: `/api/rights/requests/${requestId}/copy` }),
        sql: reads,
      },
      {
        name: 'copy-pdf',
        description: `GET /api/rights/requests/:id/copy/pdf (${RECORDS} records laid out by pdfmake); SQL: the same reads`,
        http: () => ({ method: 'GET', path: `/api/rights/requests/${requestId}/copy/pdf` }),
        sql: reads,
      },
    ]
  },
}

/**
 * Child welfare (issue 12): the intake queue and the statutory-deadline worklist over 50 000 open child welfare
 * matters at 1 M persons.
 *
 * `create` tops the open matters (cw_matter `pending` or `assessment`) of the demo child welfare unit LAPS up to
 * {@link OPEN_MATTERS_PER_PERSON} × persons (50 000 at 1 M; `HUOMA_BENCH_CW_MATTERS` overrides) with bulk SQL, each
 * row as the application writes it (packages/server/src/modules/child-welfare/notifications.ts and record.ts, the
 * kernel's deadlines.ts, intake.ts and relationships.ts): a notification is an intake with its cw_notification row and
 * its urgency deadline; each identified child (the minors of one household, at most three) gets a matter, an
 * intake_person row with its guardians and the 7-working-day deadline to decide on the assessment. About
 * {@link PENDING_SHARE} of the matters are still pending in open notifications (the intake queue); the others were
 * started: the start deadline met (some late), a responsible social worker with the child's client relationship, the
 * 3-month completion deadline open, the notification closed; {@link PLACEMENT_SHARE} of those children were also
 * placed urgently (decision, cw_placement and the 30-day deadline). Every deadline has its `started` (and `met`)
 * event. The responsible workers are every licensed social worker with a child welfare grant in LAPS — the bench
 * user `sosiaalityontekija` and synthetic workers `bench-lsl-NNNN`, as many as keep the caseload at
 * {@link CASELOAD} children — so the bench user gets an ordinary worker's share. Then the kernel's daily deadline
 * round runs (missed days and reminders, as the server's morning job would) and the tables are analysed.
 *
 * The scenarios, as the bench user (who must work child welfare in LAPS):
 * - `intake-queue`: `GET /api/child-welfare/notifications?state=open&unitId=LAPS&limit=50&offset=…` (the web page's
 *   page size, one of the first ten pages) vs. what `notificationQueue()` runs: the counts, the total, the page
 *   ordered by the earliest open deadline, the page's children and its open deadlines.
 * - `deadlines-mine`: `GET /api/deadlines?scope=mine` vs. what `deadlineQueue()` runs for the worker's own: the
 *   page of 200 (with the client-visibility check), the counts and the unit names.
 * - `deadlines-unit`: `GET /api/deadlines?scope=unit&unitId=LAPS` vs. the same for the unit's queue (nobody
 *   responsible yet), each row's `canOpen` visibility check included.
 * The server also runs each in a transaction and writes the audit row naming the listed clients.
 */
import { childWelfareDue, todayInHelsinki, addDays, type LocalDate, type WorkingDayMode } from '@huoma/domain'
import { ACTIONS } from '../../../packages/server/src/catalogue'
import { deadlineRound } from '../../../packages/server/src/kernel/deadlines'
import type { BenchContext, ScenarioSet, SqlQuery } from './types'

/** 50 000 open matters at 1 000 000 persons. */
export const OPEN_MATTERS_PER_PERSON = 0.05
/** Share of the open matters still pending (start not decided) in open notifications; the rest are in assessment. */
export const PENDING_SHARE = 0.2
/** Open notifications whose children are not identified yet, per open matter. */
export const UNIDENTIFIED_PER_MATTER = 0.02
/** Children in assessment per responsible social worker (LSL 13 b §: at most 30 from 2024). */
export const CASELOAD = 30
/** Children in assessment who were also placed urgently (LSL 38 §). */
export const PLACEMENT_SHARE = 0.03
/** Matters per seeding statement (keeps each statement's memory and WAL moderate). */
const BATCH = 10_000
export const QUEUE_PAGE = 50
const QUEUE_PAGES = 10
const DEADLINE_LIMIT = 200
const SERVICE_TASK = 'child_welfare'
const UNIT_CODE = 'LAPS'
const WORKER_PREFIX = 'bench-lsl-'
const PLACEMENT_REASONS = ['parents_substance_abuse', 'parents_mental_health', 'violence', 'neglect', 'child_behaviour', 'child_substance_abuse', 'parents_exhaustion', 'other']
/** The receipt alphabet of notifications.ts (no 0/O, 1/I/L). */
const RECEIPT_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ'

const log = (msg: string) => process.stderr.write(`bench child-welfare: ${msg}\n`)

/** The open matters wanted for a population: 5 % of the persons, or `HUOMA_BENCH_CW_MATTERS`. */
export function wantedMatters(persons: number, env: NodeJS.ProcessEnv = process.env): number {
  const override = env.HUOMA_BENCH_CW_MATTERS
  if (override !== undefined && override !== '') {
    const n = Number(override)
    if (!Number.isInteger(n) || n < 0) throw new Error(`HUOMA_BENCH_CW_MATTERS must be a non-negative integer, got "${override}"`)
    return n
  }
  return Math.round(persons * OPEN_MATTERS_PER_PERSON)
}

/** Synthetic social workers besides the demo ones so that the children in assessment make {@link CASELOAD} each. */
export function workersNeeded(matters: number, demoWorkers: number): number {
  return Math.max(0, Math.ceil((matters * (1 - PENDING_SHARE)) / CASELOAD) - demoWorkers)
}

export interface DueCalendar {
  day: string[]
  urgency: string[]
  start: string[]
  complete: string[]
  placement: string[]
}

/**
 * The due dates of the child welfare deadlines for every start day from `days` before `today` to `today`, by the
 * domain's own rules (`childWelfareDue`, the server's working-day mode): the seed's lookup table.
 */
export function dueCalendar(today: LocalDate, days: number, mode: WorkingDayMode): DueCalendar {
  const c: DueCalendar = { day: [], urgency: [], start: [], complete: [], placement: [] }
  for (let i = days; i >= 0; i--) {
    const d = addDays(today, -i)
    c.day.push(d)
    c.urgency.push(childWelfareDue('urgency', d, mode))
    c.start.push(childWelfareDue('assessment_start', d, mode))
    c.complete.push(childWelfareDue('assessment_complete', d, mode))
    c.placement.push(childWelfareDue('urgent_placement', d, mode))
  }
  return c
}

/** The receipt number the seed gives the intake of `number`: a bijection of the number onto LS-XXXX-XXXX. */
export function seedReceipt(number: number): string {
  const base = RECEIPT_ALPHABET.length
  let x = (BigInt(number) * 982_451_653n) % BigInt(base) ** 8n
  let s = ''
  for (let k = 0; k < 8; k++) {
    s = RECEIPT_ALPHABET[Number(x % BigInt(base))] + s
    x /= BigInt(base)
  }
  return `LS-${s.slice(0, 4)}-${s.slice(4)}`
}

/** {@link seedReceipt} in SQL, over the column `number`. */
const RECEIPT_SQL = `(SELECT 'LS-' || left(s, 4) || '-' || right(s, 4) FROM (
    SELECT string_agg(substr('${RECEIPT_ALPHABET}', (((i.number * 982451653) % 852891037441) / (31::bigint ^ k)::bigint % 31)::int + 1, 1), '' ORDER BY k DESC) AS s
      FROM generate_series(0, 7) k) r)`

const OFFICIAL = `('school', 'day_care', 'health_care', 'police', 'social_services', 'emergency_services', 'prosecution_or_court', 'other_authority')`

/**
 * One seeding statement: $2 matters (whole households, so it may overshoot by two) and $13 notifications with no child
 * identified yet. Plans are materialised CTEs (each random() drawn once); the inserts reference them, so every id is
 * known before the rows are written and the foreign keys are checked at the end of the statement.
 */
const SEED_SQL = `
WITH
cal AS (SELECT * FROM unnest($5::date[], $6::date[], $7::date[], $8::date[], $9::date[]) AS c(day, urgency_due, start_due, complete_due, placement_due)),
minors AS MATERIALIZED (
  SELECT DISTINCT ON (p.id) hm.household_id, p.id AS person_id, p.birth_date, p.first_names, p.last_name
    FROM person p JOIN household_member hm ON hm.person_id = p.id AND hm.valid_until IS NULL
   WHERE p.birth_date > ($10::date - interval '18 years')::date AND p.birth_date <= $10::date - 150
     AND p.death_date IS NULL AND p.merged_into IS NULL
     AND NOT EXISTS (SELECT 1 FROM cw_matter m WHERE m.person_id = p.id AND m.state <> 'closed')
     AND NOT EXISTS (SELECT 1 FROM client_relationship r WHERE r.person_id = p.id AND r.service_task = 'child_welfare'
                       AND r.kind = 'responsible' AND r.end_date IS NULL)
   ORDER BY p.id, hm.valid_from DESC),
cand AS MATERIALIZED (
  SELECT m.*, row_number() OVER (PARTITION BY m.household_id ORDER BY m.birth_date, m.person_id) AS k FROM minors m),
hh AS MATERIALIZED (
  SELECT household_id, nk, sum(nk) OVER (ORDER BY r, household_id) AS cum
    FROM (SELECT household_id, least(count(*), 3)::int AS nk, random() AS r FROM cand GROUP BY household_id) x),
n1 AS MATERIALIZED (
  SELECT household_id, nk, gen_random_uuid() AS nid, gen_random_uuid() AS iid, random() < $3 AS pending,
         random() AS r_day, random() AS r_time, random() AS r_kind, random() AS r_rep, random() AS r_chan,
         random() AS r_urg, random() AS r_urg2, random() AS r_at,
         ($4::uuid[])[1 + floor(random() * $11)::int] AS intake_worker
    FROM (SELECT household_id, nk FROM hh WHERE cum - nk < $2
          UNION ALL SELECT NULL::uuid, 0 FROM generate_series(1, $13)) picked),
n2 AS (
  SELECT n1.*, household_id IS NULL OR pending AS open,
         $10::date - CASE WHEN household_id IS NULL THEN floor(r_day * 4)::int
                          WHEN pending THEN floor(r_day * 14)::int ELSE 8 + floor(r_day * 100)::int END AS received_on,
         CASE WHEN r_kind < 0.85 THEN 'notification' WHEN r_kind < 0.95 THEN 'assessment_request' ELSE 'other' END AS kind
    FROM n1),
n3 AS (
  SELECT n2.*,
         CASE WHEN kind = 'assessment_request' THEN
                CASE WHEN r_rep < 0.6 THEN 'parent' WHEN r_rep < 0.8 THEN 'child' ELSE 'social_services' END
              WHEN kind = 'other' THEN CASE WHEN r_rep < 0.5 THEN 'other_authority' ELSE 'relative' END
              WHEN r_rep < 0.20 THEN 'school' WHEN r_rep < 0.30 THEN 'day_care' WHEN r_rep < 0.45 THEN 'health_care'
              WHEN r_rep < 0.65 THEN 'police' WHEN r_rep < 0.70 THEN 'social_services' WHEN r_rep < 0.75 THEN 'emergency_services'
              WHEN r_rep < 0.77 THEN 'other_authority' WHEN r_rep < 0.85 THEN 'parent' WHEN r_rep < 0.90 THEN 'relative'
              WHEN r_rep < 0.95 THEN 'private_person' ELSE 'anonymous' END AS reporter_type,
         CASE WHEN open AND r_urg < CASE WHEN household_id IS NULL THEN 0.5 ELSE 0.1 END THEN NULL
              WHEN r_urg2 < 0.15 THEN 'urgent' ELSE 'not_urgent' END AS urgency,
         least((received_on + time '07:00' + r_time * interval '10 hours') AT TIME ZONE 'Europe/Helsinki', now()) AS received_at
    FROM n2),
n4 AS MATERIALIZED (
  SELECT n3.*, reporter_type IN ${OFFICIAL} AS official,
         CASE WHEN reporter_type = 'anonymous' THEN CASE WHEN r_chan < 0.5 THEN 'eform' ELSE 'phone' END
              WHEN r_chan < 0.35 THEN 'eform' WHEN r_chan < 0.65 THEN 'phone' WHEN r_chan < 0.85 THEN 'email'
              WHEN r_chan < 0.95 THEN 'letter' ELSE 'in_person' END AS channel,
         CASE WHEN urgency IS NOT NULL THEN least(received_at + r_at * interval '4 hours', now()) END AS urgency_at
    FROM n3),
kids AS MATERIALIZED (
  SELECT n.nid, n.iid, n.open AS pending, n.received_on, n.urgency, n.intake_worker, c.person_id, c.first_names, c.last_name, c.birth_date,
         gen_random_uuid() AS mid,
         CASE WHEN NOT n.open THEN least($10::date, n.received_on + floor(random() * 13)::int) END AS decided_on,
         CASE WHEN NOT n.open THEN ($4::uuid[])[1 + floor(random() * $11)::int] END AS responsible,
         random() < 0.8 AS informed, random() < $12 AS placed, random() AS r_place, random() AS r_form, random() AS r_reason
    FROM n4 n JOIN cand c ON c.household_id = n.household_id AND c.k <= 3),
kagg AS (
  SELECT nid, count(*)::int AS nk, max(decided_on) AS closed_on,
         jsonb_agg(jsonb_build_object('name', first_names || ' ' || last_name, 'birthDate', birth_date, 'details', NULL) ORDER BY birth_date) AS children
    FROM kids GROUP BY nid),
notif AS MATERIALIZED (
  SELECT n.*, coalesce(a.nk, 0) AS children_identified, a.closed_on,
         coalesce(a.children, '[{"name": "Lapsi (bench)", "birthDate": null, "details": "Henkilöllisyys selvitetään"}]'::jsonb) AS children,
         CASE WHEN n.channel = 'eform' THEN NULL ELSE n.intake_worker END AS registered_by,
         CASE WHEN n.urgency IS NOT NULL THEN n.intake_worker END AS urgency_by
    FROM n4 n LEFT JOIN kagg a ON a.nid = n.nid),
ins_intake AS (
  INSERT INTO intake (id, kind, service_task, unit_id, received_at, state, closed_on, created_by, created_at)
  SELECT iid, CASE kind WHEN 'notification' THEN 'child_welfare_notification' WHEN 'assessment_request' THEN 'service_need_request'
                        ELSE 'child_welfare_other' END,
         'child_welfare', $1, received_at, CASE WHEN open THEN 'open' ELSE 'closed' END, CASE WHEN NOT open THEN closed_on END,
         registered_by, received_at
    FROM notif
  RETURNING id, number),
ins_notification AS (
  INSERT INTO cw_notification (id, intake_id, receipt, kind, channel, reporter_type, reporter_duty, reporter_name, reporter_organisation,
                               reporter_phone, reporter_email, withhold_identity, received_at, received_on, content, reported_children,
                               family, urgency, urgency_reason, urgency_by, urgency_at, closed_reason, registered_by, version, created_at)
  SELECT n.nid, i.id, ${RECEIPT_SQL}, n.kind, n.channel, n.reporter_type, n.official,
         CASE WHEN n.reporter_type <> 'anonymous' THEN 'Ilmoittaja (bench)' END,
         CASE WHEN n.official THEN 'Demola, ' || n.reporter_type END,
         CASE WHEN n.reporter_type <> 'anonymous' THEN '040 000 0000' END,
         NULL, n.official AND n.r_rep < 0.05,
         n.received_at, n.received_on, 'Huoli lapsen hyvinvoinnista (bench).', n.children, NULL,
         n.urgency, CASE WHEN n.urgency IS NOT NULL THEN 'Arvioitu ilmoituksen perusteella (bench).' END, n.urgency_by, n.urgency_at,
         CASE WHEN NOT n.open THEN 'Palvelutarpeen arviointi aloitettu (bench).' END, n.registered_by,
         1 + (n.urgency IS NOT NULL)::int + n.children_identified * CASE WHEN n.open THEN 1 ELSE 2 END + (NOT n.open)::int,
         n.received_at
    FROM ins_intake i JOIN notif n ON n.iid = i.id
  RETURNING 1),
ins_matter AS (
  INSERT INTO cw_matter (id, notification_id, person_id, pending_on, state, start_decision, start_decided_on, start_reasons,
                         start_decided_by, responsible_user_id, informed_on, informed_method, version, created_at)
  SELECT mid, nid, person_id, received_on, CASE WHEN pending THEN 'pending' ELSE 'assessment' END,
         CASE WHEN NOT pending THEN 'start' END, decided_on,
         CASE WHEN NOT pending THEN 'Palvelutarpeen arviointi aloitetaan (bench).' END,
         CASE WHEN NOT pending THEN intake_worker END, responsible,
         CASE WHEN informed AND NOT pending THEN decided_on END, CASE WHEN informed AND NOT pending THEN 'letter' END,
         1 + (NOT pending)::int + (informed AND NOT pending)::int, now()
    FROM kids
  RETURNING 1),
ins_intake_person AS (
  INSERT INTO intake_person (intake_id, person_id, role)
  SELECT DISTINCT ON (iid, person_id) iid, person_id, role FROM (
    SELECT iid, person_id, 'child' AS role, 0 AS o FROM kids
    UNION ALL
    SELECT k.iid, r.related_id, 'guardian', 1 FROM kids k
      JOIN person_relation r ON r.person_id = k.person_id AND r.kind = 'guardian' AND (r.valid_until IS NULL OR r.valid_until >= k.received_on)
  ) x ORDER BY iid, person_id, o
  RETURNING 1),
ins_relationship AS (
  INSERT INTO client_relationship (person_id, user_id, service_task, kind, start_date, opened_by, start_reason)
  SELECT person_id, responsible, 'child_welfare', 'responsible', decided_on, intake_worker, 'notification' FROM kids WHERE NOT pending
  RETURNING 1),
plc AS MATERIALIZED (
  SELECT k.*, gen_random_uuid() AS pid, gen_random_uuid() AS did, greatest(k.decided_on, $10::date - floor(k.r_place * 36)::int) AS start,
         (ARRAY['family_care', 'professional_family_home', 'institution', 'kinship_care'])[1 + floor(k.r_form * 4)::int] AS form,
         ($14::text[])[1 + floor(k.r_reason * cardinality($14::text[]))::int] AS reason
    FROM kids k WHERE NOT k.pending AND k.placed),
ins_decision AS (
  INSERT INTO decision (id, decision_type, service_task, person_id, unit_id, subject_id, decided_on, decided_at, decision_maker_id,
                        maker_qualification, language, appeal_route, appeal_days, outcome, reasons, items)
  SELECT p.did, 'child_welfare_urgent_placement', 'child_welfare', p.person_id, $1, p.pid, p.start,
         least((p.start + time '12:00') AT TIME ZONE 'Europe/Helsinki', now()), p.responsible, 'licensed_social_worker', 'fi',
         'administrative_court', 30, 'placed', 'Lapsi on välittömässä vaarassa (bench).',
         jsonb_build_array(jsonb_build_object('form', p.form, 'providerId', NULL, 'placeName', 'Vastaanottoyksikkö (bench)',
                                              'placedOn', p.start, 'reasons', jsonb_build_array(p.reason), 'endsAtLatest', c.placement_due))
    FROM plc p JOIN cal c ON c.day = p.start
  RETURNING 1),
ins_placement AS (
  INSERT INTO cw_placement (id, person_id, basis, decision_id, form, place_name, reasons, starts_on)
  SELECT pid, person_id, 'urgent', did, form, 'Vastaanottoyksikkö (bench)', ARRAY[reason], start FROM plc
  RETURNING 1),
dl AS MATERIALIZED (
  SELECT gen_random_uuid() AS id, x.* FROM (
    SELECT 'child_welfare.urgency' AS kind, NULL::uuid AS person_id, NULL::uuid AS responsible, n.nid AS subject,
           'LSL 26 § 2 mom' AS legal, 'notification_received' AS start_event, n.received_on AS started_on, c.urgency_due AS due_on,
           'immediately' AS rule, true AS urgent, CASE WHEN n.urgency IS NULL THEN 'open' ELSE 'met' END AS state,
           (n.urgency_at AT TIME ZONE 'Europe/Helsinki')::date AS met_on, n.registered_by AS opened_by, n.urgency_by AS met_by
      FROM notif n JOIN cal c ON c.day = n.received_on
    UNION ALL
    SELECT 'child_welfare.assessment_start', k.person_id, NULL, k.mid, 'LSL 26 § 3 mom', 'notification_received', k.received_on,
           c.start_due, 'seventh_working_day', coalesce(k.urgency = 'urgent', false), CASE WHEN k.pending THEN 'open' ELSE 'met' END,
           k.decided_on, k.intake_worker, k.intake_worker
      FROM kids k JOIN cal c ON c.day = k.received_on
    UNION ALL
    SELECT 'child_welfare.assessment_complete', k.person_id, k.responsible, k.mid, 'SHL 36 § 3 mom, LSL 26 § 5 mom',
           'notification_received', k.received_on, c.complete_due, 'three_months', coalesce(k.urgency = 'urgent', false), 'open',
           NULL, k.intake_worker, NULL
      FROM kids k JOIN cal c ON c.day = k.received_on WHERE NOT k.pending
    UNION ALL
    SELECT 'child_welfare.urgent_placement', p.person_id, p.responsible, p.pid, 'LSL 38 §', 'urgent_placement', p.start,
           c.placement_due, 'thirtieth_day', true, 'open', NULL, p.responsible, NULL
      FROM plc p JOIN cal c ON c.day = p.start
  ) x),
ins_deadline AS (
  INSERT INTO deadline (id, kind, service_task, unit_id, person_id, responsible_user_id, subject_id, legal_basis, start_event,
                        started_on, due_on, rule, urgent, state, met_on, missed_on, version)
  SELECT id, kind, 'child_welfare', $1, person_id, responsible, subject, legal, start_event, started_on, due_on, rule, urgent, state,
         CASE WHEN state = 'met' THEN met_on END, CASE WHEN state = 'met' AND met_on > due_on THEN due_on + 1 END,
         CASE WHEN state = 'met' THEN 2 ELSE 1 END
    FROM dl
  RETURNING 1),
ins_event AS (
  INSERT INTO deadline_event (deadline_id, event, on_date, due_before, due_after, by_user)
  SELECT id, 'started', started_on, NULL, due_on, opened_by FROM dl
  UNION ALL
  SELECT id, 'met', met_on, due_on, NULL, met_by FROM dl WHERE state = 'met'
  RETURNING 1)
SELECT (SELECT count(*) FROM ins_matter)::int AS matters, (SELECT count(*) FROM ins_notification)::int AS notifications,
       (SELECT count(*) FROM ins_deadline)::int AS deadlines, (SELECT count(*) FROM ins_event)::int AS events,
       (SELECT count(*) FROM ins_intake_person)::int AS intake_persons, (SELECT count(*) FROM ins_relationship)::int AS relationships,
       (SELECT count(*) FROM ins_placement)::int AS placements`

interface SeedCounts {
  matters: number
  notifications: number
  deadlines: number
  events: number
  intake_persons: number
  relationships: number
  placements: number
}

/** The licensed social workers with a live social worker grant for child welfare in the unit: who may be responsible. */
async function responsibleWorkers(ctx: BenchContext, unitId: string, today: string): Promise<{ id: string; username: string }[]> {
  return ctx.query<{ id: string; username: string }>(
    `SELECT DISTINCT u.id, u.username FROM staff_user u JOIN staff_grant g ON g.user_id = u.id
      WHERE u.active AND u.qualification = 'licensed_social_worker' AND g.unit_id = $1 AND g.role_code = 'social_worker'
        AND $2 = ANY(g.service_tasks) AND g.ended_at IS NULL AND g.valid_from <= $3 AND (g.valid_until IS NULL OR g.valid_until >= $3)
      ORDER BY u.id`,
    [unitId, SERVICE_TASK, today],
  )
}

/** Synthetic social workers `bench-lsl-0001…` (no password: nobody logs in as them) with a child welfare grant in the unit. */
async function ensureWorkers(ctx: BenchContext, unitId: string, count: number, today: string): Promise<void> {
  if (count <= 0) return
  await ctx.query(
    `INSERT INTO staff_user (username, display_name, language, qualification, qualification_register_no)
     SELECT '${WORKER_PREFIX}' || lpad(g::text, greatest(4, length(g::text)), '0'), 'Sosiaalityöntekijä ' || g || ' (bench)', 'fi',
            'licensed_social_worker', '9' || lpad(g::text, greatest(8, length(g::text)), '0')
       FROM generate_series(1, $1::int) g
     ON CONFLICT (username) DO NOTHING`,
    [count],
  )
  await ctx.query(
    `INSERT INTO staff_grant (user_id, role_code, unit_id, service_tasks, valid_from)
     SELECT u.id, 'social_worker', $1, ARRAY['child_welfare', 'family_services'], $2::date - 365
       FROM staff_user u
      WHERE u.username LIKE '${WORKER_PREFIX}%'
        AND NOT EXISTS (SELECT 1 FROM staff_grant g WHERE g.user_id = u.id AND g.unit_id = $1 AND g.ended_at IS NULL)`,
    [unitId, today],
  )
}

const openMatters = async (ctx: BenchContext, unitId: string) =>
  (
    await ctx.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM cw_matter m JOIN cw_notification n ON n.id = m.notification_id JOIN intake i ON i.id = n.intake_id
        WHERE i.unit_id = $1 AND m.state IN ('pending', 'assessment')`,
      [unitId],
    )
  )[0]?.n ?? 0

const unidentifiedOpen = async (ctx: BenchContext, unitId: string) =>
  (
    await ctx.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM cw_notification n JOIN intake i ON i.id = n.intake_id
        WHERE i.unit_id = $1 AND i.service_task = 'child_welfare' AND i.state = 'open'
          AND NOT EXISTS (SELECT 1 FROM cw_matter m WHERE m.notification_id = n.id)`,
      [unitId],
    )
  )[0]?.n ?? 0

/** Tops the unit's open matters up to `wanted`; returns what was added. Idempotent: only what is missing. */
export async function ensureChildWelfareMatters(ctx: BenchContext, unitId: string, wanted: number, mode: WorkingDayMode): Promise<SeedCounts & { elapsedMs: number }> {
  const started = performance.now()
  const today = todayInHelsinki(new Date())
  const added: SeedCounts = { matters: 0, notifications: 0, deadlines: 0, events: 0, intake_persons: 0, relationships: 0, placements: 0 }
  const demoWorkers = (await responsibleWorkers(ctx, unitId, today)).filter((w) => !w.username.startsWith(WORKER_PREFIX)).length
  await ensureWorkers(ctx, unitId, workersNeeded(wanted, demoWorkers), today)
  const pool = (await responsibleWorkers(ctx, unitId, today)).map((w) => w.id)
  if (pool.length === 0) throw new Error(`No licensed social worker with a child welfare grant in ${UNIT_CODE}`)
  const cal = dueCalendar(today, 200, mode)
  const run = async (matters: number, unidentified: number) => {
    const [r] = await ctx.query<SeedCounts>(SEED_SQL, [
      unitId, matters, PENDING_SHARE, pool, cal.day, cal.urgency, cal.start, cal.complete, cal.placement, today, pool.length,
      PLACEMENT_SHARE, unidentified, PLACEMENT_REASONS,
    ])
    for (const k of Object.keys(added) as (keyof SeedCounts)[]) added[k] += r?.[k] ?? 0
    return r?.matters ?? 0
  }
  let have = await openMatters(ctx, unitId)
  const before = have
  while (have < wanted) {
    const t0 = performance.now()
    const n = await run(Math.min(BATCH, wanted - have), 0)
    if (n === 0) throw new Error(`No minors left for child welfare matters (${have.toLocaleString('en')} of ${wanted.toLocaleString('en')}): prepare more persons`)
    have += n
    log(`${have.toLocaleString('en')}/${wanted.toLocaleString('en')} open matters (+${n.toLocaleString('en')} in ${((performance.now() - t0) / 1000).toFixed(1)} s)`)
  }
  const unidentifiedMissing = Math.round(wanted * UNIDENTIFIED_PER_MATTER) - (await unidentifiedOpen(ctx, unitId))
  if (unidentifiedMissing > 0) await run(0, unidentifiedMissing)
  if (have > before || unidentifiedMissing > 0) {
    // The server's morning job: missed days of overdue deadlines and the reminders (what the worklist shows).
    const t0 = performance.now()
    const round = await deadlineRound(ctx.db, today, { daysBefore: 2, mode })
    log(`deadline round: ${round.missed.toLocaleString('en')} missed, ${round.reminders.toLocaleString('en')} reminders in ${((performance.now() - t0) / 1000).toFixed(1)} s`)
    await ctx.query(
      'ANALYZE intake, intake_person, cw_notification, cw_matter, deadline, deadline_event, deadline_reminder, client_relationship, decision, cw_placement, staff_user, staff_grant',
    )
  }
  return { ...added, elapsedMs: performance.now() - started }
}

const placeholders = (from: number, n: number) => Array.from({ length: n }, (_, i) => `$${from + i}`).join(', ')

const HELSINKI_TODAY = `(now() AT TIME ZONE 'Europe/Helsinki')::date`

/** The visibility predicate of access/client-access.ts `visible()` for a worker (relationship or break-the-glass in their tasks). */
function visibleSql(person: string, userParam: string, tasksParam: string): string {
  return `(EXISTS (SELECT 1 AS one FROM client_relationship AS cr WHERE cr.person_id = ${person}.id AND cr.service_task = ANY(${tasksParam})
             AND cr.start_date <= ${HELSINKI_TODAY} AND (cr.end_date IS NULL OR cr.end_date >= ${HELSINKI_TODAY}) AND cr.user_id = ${userParam})
          OR EXISTS (SELECT 1 AS one FROM break_glass AS bg WHERE bg.person_id = ${person}.id AND bg.user_id = ${userParam}
             AND bg.service_task = ANY(${tasksParam}) AND bg.expires_at > now()))`
}

/** The earliest open child welfare deadline of a notification or its children (notificationQueue's `nextDue`). */
const NEXT_DUE = `(SELECT min(x.due_on) FROM (
      SELECT dl.due_on FROM deadline dl WHERE dl.subject_id = n.id AND dl.state = 'open' AND dl.kind LIKE 'child_welfare.%'
      UNION ALL
      SELECT dl.due_on FROM cw_matter m JOIN deadline dl ON dl.subject_id = m.id
       WHERE m.notification_id = n.id AND dl.state = 'open' AND dl.kind LIKE 'child_welfare.%') x)`

export const childWelfareSet: ScenarioSet = {
  name: 'child-welfare',
  description: 'Child welfare: the intake queue and the deadline worklist (mine, the unit\'s) over the open matters of LAPS',
  async create(ctx) {
    const laps = (await ctx.query<{ id: string }>(`SELECT id FROM unit WHERE code = $1`, [UNIT_CODE]))[0]
    if (!laps) throw new Error(`No unit ${UNIT_CODE} in the benchmark database (the demo seed makes it): run \`npm run bench -- prepare\``)
    const mode: WorkingDayMode = process.env.HUOMA_WORKING_DAY_MODE === 'administrative' ? 'administrative' : 'strict'
    const persons = (await ctx.query<{ n: number }>('SELECT count(*)::int AS n FROM person'))[0]?.n ?? 0
    const wanted = wantedMatters(persons)
    const seeded = await ensureChildWelfareMatters(ctx, laps.id, wanted, mode)
    if (seeded.matters || seeded.notifications) {
      log(
        `added ${seeded.matters.toLocaleString('en')} open matters in ${seeded.notifications.toLocaleString('en')} notifications ` +
          `(${seeded.deadlines.toLocaleString('en')} deadlines, ${seeded.events.toLocaleString('en')} events, ${seeded.intake_persons.toLocaleString('en')} intake persons, ` +
          `${seeded.relationships.toLocaleString('en')} relationships, ${seeded.placements.toLocaleString('en')} urgent placements) in ${(seeded.elapsedMs / 1000).toFixed(1)} s`,
      )
    }

    const user = (await ctx.query<{ id: string }>('SELECT id FROM staff_user WHERE username = $1', [ctx.username]))[0]
    // The bench user's live grants, as loadPrincipal reads them; each route keeps those of its action's roles.
    const grants = user
      ? await ctx.query<{ role_code: string; unit_id: string; service_tasks: string[] }>(
          `SELECT role_code, unit_id, service_tasks FROM staff_grant WHERE user_id = $1 AND ended_at IS NULL
              AND valid_from <= ${HELSINKI_TODAY} AND (valid_until IS NULL OR valid_until >= ${HELSINKI_TODAY})`,
          [user.id],
        )
      : []
    const of = (action: 'child-welfare:notifications' | 'deadlines:list') => {
      const roles: readonly string[] = ACTIONS[action].roles ?? []
      return grants.filter((g) => roles.includes(g.role_code))
    }
    const cwUnits = [...new Set(of('child-welfare:notifications').filter((g) => g.service_tasks.includes(SERVICE_TASK)).map((g) => g.unit_id))]
    if (!user || !cwUnits.includes(laps.id)) {
      log(`skipped: ${ctx.username} has no child welfare grant in ${UNIT_CODE}; run as sosiaalityontekija (the default) or esihenkilo`)
      return []
    }
    const userId = user.id
    const dlGrants = of('deadlines:list')
    const byUnit = new Map<string, Set<string>>()
    for (const g of dlGrants) {
      const tasks = byUnit.get(g.unit_id) ?? new Set<string>()
      for (const t of g.service_tasks) tasks.add(t)
      byUnit.set(g.unit_id, tasks)
    }
    // the tasks in which a relationship or break-the-glass access counts (scopesFor: every task of the action's grants)
    const tasks = [...new Set(dlGrants.flatMap((g) => g.service_tasks))]
    const lapsTasks = [...(byUnit.get(laps.id) ?? [])]
    const today = () => todayInHelsinki(new Date())

    // ---- the intake queue: notificationQueue() for state=open, unitId=LAPS ----
    const queueWhere = `i.unit_id IN ($1) AND i.service_task = $2 AND i.state = $3`
    const queueCounts = (): SqlQuery => ({
      text: `SELECT count(*) AS open, count(*) FILTER (WHERE n.urgency IS NULL) AS unassessed,
                    count(*) FILTER (WHERE n.id IN (SELECT dl.subject_id FROM deadline dl
                        WHERE dl.state = 'open' AND dl.kind LIKE 'child_welfare.%' AND dl.due_on < $4)
                      OR n.id IN (SELECT m.notification_id FROM cw_matter m JOIN deadline dl ON dl.subject_id = m.id
                        WHERE dl.state = 'open' AND dl.kind LIKE 'child_welfare.%' AND dl.due_on < $5)) AS overdue
               FROM cw_notification AS n INNER JOIN intake AS i ON i.id = n.intake_id WHERE ${queueWhere}`,
      values: [laps.id, SERVICE_TASK, 'open', today(), today()],
    })
    const queueTotal: SqlQuery = {
      text: `SELECT count(*) AS n FROM cw_notification AS n INNER JOIN intake AS i ON i.id = n.intake_id WHERE ${queueWhere}`,
      values: [laps.id, SERVICE_TASK, 'open'],
    }
    const queuePage = (offset: number): SqlQuery => ({
      text: `SELECT n.id, n.receipt, n.kind, n.channel, n.reporter_type, n.received_at, n.urgency, n.reported_children, i.state, u.name_fi, u.name_sv,
                    ${NEXT_DUE} AS next_due
               FROM cw_notification AS n INNER JOIN intake AS i ON i.id = n.intake_id INNER JOIN unit AS u ON u.id = i.unit_id
              WHERE ${queueWhere}
              ORDER BY i.state = 'open' DESC, n.urgency IS NULL DESC, n.urgency = 'urgent' DESC, ${NEXT_DUE} ASC NULLS LAST, n.received_at, n.id
              LIMIT $4 OFFSET $5`,
      values: [laps.id, SERVICE_TASK, 'open', QUEUE_PAGE, offset],
    })
    // Each page's ids (the server reads them from the page it just fetched): the two follow-up queries per page.
    const pages: { offset: number; followUps: SqlQuery[] }[] = []
    for (let p = 0; p < QUEUE_PAGES; p++) {
      const ids = (await ctx.query<{ id: string }>(queuePage(p * QUEUE_PAGE).text, queuePage(p * QUEUE_PAGE).values)).map((r) => r.id)
      if (!ids.length) break
      pages.push({
        offset: p * QUEUE_PAGE,
        followUps: [
          {
            text: `SELECT m.notification_id, m.person_id, p.first_names, p.last_name FROM cw_matter AS m INNER JOIN person AS p ON p.id = m.person_id
                    WHERE m.notification_id IN (${placeholders(1, ids.length)}) ORDER BY p.birth_date`,
            values: ids,
          },
          {
            text: `SELECT dl.kind, dl.due_on, dl.state, dl.met_on, dl.subject_id AS notification_id FROM deadline AS dl
                    WHERE dl.subject_id IN (${placeholders(1, ids.length)}) AND dl.state = $${ids.length + 1} AND dl.kind LIKE $${ids.length + 2}
                   UNION ALL
                   SELECT dl.kind, dl.due_on, dl.state, dl.met_on, m.notification_id FROM cw_matter AS m INNER JOIN deadline AS dl ON dl.subject_id = m.id
                    WHERE m.notification_id IN (${placeholders(ids.length + 3, ids.length)}) AND dl.state = $${2 * ids.length + 3} AND dl.kind LIKE $${2 * ids.length + 4}
                   ORDER BY due_on`,
            values: [...ids, 'open', 'child_welfare.%', ...ids, 'open', 'child_welfare.%'],
          },
        ],
      })
    }

    // ---- the deadline worklist: deadlineQueue() ----
    const columns = (canOpen: string) => `dl.id, dl.kind, dl.service_task, dl.unit_id, u.name_fi, u.name_sv, dl.legal_basis, dl.person_id, p.first_names, p.last_name,
        w.display_name AS responsible_name, dl.started_on, dl.due_on, dl.urgent, dl.state, ${canOpen} AS can_open,
        EXISTS (SELECT 1 AS one FROM deadline_reminder AS r WHERE r.deadline_id = dl.id AND r.due_on = dl.due_on) AS reminded`
    const from = `deadline AS dl INNER JOIN unit AS u ON u.id = dl.unit_id LEFT JOIN person AS p ON p.id = dl.person_id
        LEFT JOIN staff_user AS w ON w.id = dl.responsible_user_id`
    const order = `ORDER BY dl.due_on, dl.urgent DESC, dl.started_on, dl.id LIMIT ${DEADLINE_LIMIT}`
    const counts = (where: string, values: unknown[]): SqlQuery => ({
      text: `SELECT count(*)::int AS total, (count(*) FILTER (WHERE dl.state = 'open' AND dl.due_on < $${values.length + 1}))::int AS overdue
               FROM deadline AS dl WHERE ${where}`,
      values: [...values, today()],
    })
    const unitNames: SqlQuery = { text: `SELECT id, name_fi, name_sv FROM unit WHERE id = ANY($1) ORDER BY code`, values: [[...byUnit.keys()]] }
    // mine: $1 user, $2 the tasks of the visibility check
    const mineWhere = `dl.state IN ('open', 'paused') AND dl.responsible_user_id = $1
        AND (dl.person_id IS NULL OR EXISTS (SELECT 1 AS one FROM person WHERE person.id = dl.person_id AND ${visibleSql('person', '$1', '$2')}))`
    const mine = (): SqlQuery[] => [
      { text: `SELECT ${columns('dl.person_id IS NOT NULL')} FROM ${from} WHERE ${mineWhere} ${order}`, values: [userId, tasks] },
      counts(mineWhere, [userId, tasks]),
      unitNames,
    ]
    // unit (LAPS only): $1 user, $2 visibility tasks, $3 LAPS, $4 the user's tasks in LAPS
    const unitWhere = `dl.state IN ('open', 'paused') AND dl.responsible_user_id IS NULL AND dl.unit_id = $3 AND dl.service_task = ANY($4)`
    const unitCanOpen = `EXISTS (SELECT 1 AS one FROM person WHERE person.id = dl.person_id AND ${visibleSql('person', '$1', '$2')})`
    const unit = (): SqlQuery[] => [
      { text: `SELECT ${columns(unitCanOpen)} FROM ${from} WHERE ${unitWhere} ${order}`, values: [userId, tasks, laps.id, lapsTasks] },
      counts(`dl.state IN ('open', 'paused') AND dl.responsible_user_id IS NULL AND dl.unit_id = $1 AND dl.service_task = ANY($2)`, [laps.id, lapsTasks]),
      unitNames,
    ]

    const pick = () => pages[Math.floor(ctx.random.next() * pages.length)]
    return [
      {
        name: 'intake-queue',
        description: `GET /api/child-welfare/notifications?state=open&unitId=…&limit=${QUEUE_PAGE}&offset=(one of the first ${QUEUE_PAGES} pages); SQL: notificationQueue()'s counts, total, page, children, deadlines`,
        http: () => ({ method: 'GET', path: `/api/child-welfare/notifications?state=open&unitId=${laps.id}&limit=${QUEUE_PAGE}&offset=${pick()?.offset ?? 0}` }),
        sql: () => {
          const p = pick()
          return p ? [queueCounts(), queueTotal, queuePage(p.offset), ...p.followUps] : [queueCounts(), queueTotal, queuePage(0)]
        },
      },
      {
        name: 'deadlines-mine',
        description: `GET /api/deadlines?scope=mine (limit ${DEADLINE_LIMIT}); SQL: deadlineQueue()'s page with the visibility check, the counts, the unit names`,
        http: () => ({ method: 'GET', path: '/api/deadlines?scope=mine' }),
        sql: mine,
      },
      {
        name: 'deadlines-unit',
        description: `GET /api/deadlines?scope=unit&unitId=… (LAPS, limit ${DEADLINE_LIMIT}); SQL: deadlineQueue()'s page with canOpen per row, the counts, the unit names`,
        http: () => ({ method: 'GET', path: `/api/deadlines?scope=unit&unitId=${laps.id}` }),
        sql: unit,
      },
    ]
  },
}

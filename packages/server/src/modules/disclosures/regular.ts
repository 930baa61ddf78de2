import { createHash } from 'node:crypto'
import { addDays, compareLocalDates, daysBetween, type DisclosureBanPurpose, type LocalDate } from '@huoma/domain'
import type { RegularDefinitionList, RegularRun } from '@huoma/contract'
import { sql, type Kysely, type Selectable, type Transaction } from 'kysely'
import type { Database } from '../../db/database'
import type { Executor } from '../../access/audit'
import type { DB } from '../../db/schema'
import { dateOf } from '../../db/dates'
import { HttpProblem, problems, type FieldIssue } from '../../http/problem'
import { logDisclosures } from '../../kernel/disclosure-log'
import type { ForgottenClient } from '../../kernel/client-forget'
import type { RegularDisclosureRunTable } from './schema'

/**
 * Regular disclosures that run (issue 13, item 1). A row of the privacy notice's `regular_disclosure` (recipient,
 * legal basis with its citation, service task, what, frequency) may name a **producer**: the output Huoma makes for
 * it from its own data. A run covers one closed period (days up to yesterday): it reads the producer's rows, leaves
 * out the clients whose data may not go (a restriction of processing in the register, a ban on the producer's
 * purpose, no henkilötunnus to identify them by) and counts them, writes the file, and one disclosure log row per
 * client the file carries — pointing to the run — in one transaction with the caller's `disclose` audit row. The
 * run is unique per definition and period: the same period again answers the run already made (nothing logged or
 * sent twice); a period overlapping another run's is refused.
 */

/** One row of a producer's file: the client it is about, their identity, and the fields written. */
interface ProducedRow {
  personId: string
  hetu: string | null
  fields: (string | number | null)[]
}

interface Producer {
  /** the register the data comes from (the restriction of processing is checked there) */
  serviceTask: string
  /** a ban of the client's that stops this disclosure (register research, genealogy); null: none applies */
  banPurpose: DisclosureBanPurpose | null
  /** the disclosure log's basis code and the method */
  basis: 'other_act' | 'client_act_18' | 'research_permit'
  method: 'interface' | 'secure_email'
  columns: readonly string[]
  /** the column naming the client (their identity code): a destroyed client's lines are found by it */
  identityColumn: string
  fileName: (start: LocalDate, end: LocalDate) => string
  rows: (trx: Executor, start: LocalDate, end: LocalDate) => Promise<ProducedRow[]>
}

/**
 * The income support decisions for Kela (toimeentulotukilaki 1412/1997 14 a § and 18 §): every decision on
 * supplementary or preventive income support made in the period, corrections included. Kela publishes no file
 * format for it (integrations.md §6), so the file is a documented CSV (RFC 4180, UTF-8, comma, header row) of the
 * fields the definition names; money in integer cents.
 */
const kelaIncomeSupportDecisions: Producer = {
  serviceTask: 'income_support',
  banPurpose: null,
  basis: 'other_act',
  method: 'interface',
  columns: ['decision_number', 'decided_on', 'henkilotunnus', 'last_name', 'first_names', 'outcome', 'corrects_decision_number', 'period_start', 'period_end', 'granted_cents'],
  identityColumn: 'henkilotunnus',
  fileName: (start, end) => `kela-toimeentulotukipaatokset-${start}${start === end ? '' : `--${end}`}.csv`,
  rows: async (trx, start, end) => {
    const rows = await trx
      .selectFrom('decision as d')
      .innerJoin('person as p', 'p.id', 'd.person_id')
      .leftJoin('income_support_decision_detail as x', 'x.id', 'd.id')
      .leftJoin('decision as c', 'c.id', 'd.corrects_id')
      .select(['d.number', 'd.decided_on', 'd.person_id', 'd.outcome', 'p.hetu', 'p.last_name', 'p.first_names', 'c.number as corrects_number', 'x.period_start', 'x.period_end', 'x.granted_cents'])
      .where('d.decision_type', '=', 'income_support')
      .where('d.decided_on', '>=', start)
      .where('d.decided_on', '<=', end)
      .orderBy('d.number')
      .execute()
    return rows.map((r) => ({
      personId: r.person_id,
      hetu: r.hetu,
      fields: [Number(r.number), dateOf(r.decided_on), r.hetu, r.last_name, r.first_names, r.outcome, r.corrects_number === null ? null : Number(r.corrects_number), dateOf(r.period_start), dateOf(r.period_end), r.granted_cents === null ? null : Number(r.granted_cents)],
    }))
  },
}

export const PRODUCERS: Record<string, Producer> = { kela_income_support_decisions: kelaIncomeSupportDecisions }

/** The longest period one run may cover. */
export const MAX_PERIOD_DAYS = 366

/** RFC 4180: a field with a comma, quote or line break is quoted, its quotes doubled. */
function csvField(v: string | number | null): string {
  if (v === null) return ''
  const s = String(v)
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s
}

export function toCsv(columns: readonly string[], rows: (string | number | null)[][]): Buffer {
  const lines = [columns.join(','), ...rows.map((r) => r.map(csvField).join(','))]
  return Buffer.from(`${lines.join('\r\n')}\r\n`, 'utf8')
}

/** RFC 4180 read back: the rows of a file `toCsv` wrote (header included), quoted fields and doubled quotes undone. */
export function parseCsv(file: Buffer): string[][] {
  const text = file.toString('utf8')
  const rows: string[][] = []
  let row: string[] = []
  let field = ''
  let quoted = false
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"'
        i++
      } else if (ch === '"') quoted = false
      else field += ch
    } else if (ch === '"') quoted = true
    else if (ch === ',') {
      row.push(field)
      field = ''
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(field)
      rows.push(row)
      row = []
      field = ''
      i++
    } else field += ch
  }
  if (field !== '' || row.length) rows.push([...row, field])
  return rows
}

/**
 * The destruction's part here (`forgetClients` of the module): a run's kept file names the clients it carried by
 * identity code, where no foreign key leads. A destroyed client's lines leave every kept file that has them; the
 * run then counts them in `destroyed_rows`, its record and client counts and checksum are of what is kept. A
 * client's register destroyed takes their lines out of the runs disclosed from that register only.
 */
export async function forgetInRegularRuns(trx: Transaction<DB>, clients: readonly ForgottenClient[]): Promise<number> {
  // a register's destruction: only the lines of the runs disclosed from that register
  let removed = await forgetLines(trx, clients.filter((c) => !c.registers), null)
  const byRegister = new Map<string, ForgottenClient[]>()
  for (const c of clients) for (const r of c.registers ?? []) byRegister.set(r, [...(byRegister.get(r) ?? []), c])
  for (const [register, of] of byRegister) removed += await forgetLines(trx, of, register)
  return removed
}

async function forgetLines(trx: Transaction<DB>, clients: readonly ForgottenClient[], register: string | null): Promise<number> {
  if (!clients.length) return 0
  const codes = new Set(clients.flatMap((c) => [c.hetu, c.temporaryId]).filter((x): x is string => !!x))
  const runs = await trx
    .selectFrom('regular_disclosure_run')
    .select(['id', 'producer', 'file', 'included', 'destroyed_rows'])
    .where('id', 'in', (eb) =>
      eb
        .selectFrom('disclosure_log')
        .select(sql<string>`regular_run_id`.as('id'))
        .where('person_id', 'in', clients.map((c) => c.id))
        .where('regular_run_id', 'is not', null)
        .$if(register !== null, (q) => q.where('service_task', '=', register!)),
    )
    .forUpdate()
    .execute()
  let removed = 0
  for (const run of runs) {
    const producer = PRODUCERS[run.producer]
    if (!producer) throw new Error(`A regular disclosure run of an unknown output: ${run.producer}`)
    const column = producer.columns.indexOf(producer.identityColumn)
    const [, ...rows] = parseCsv(run.file)
    const kept = rows.filter((r) => !codes.has(r[column] ?? ''))
    const gone = rows.length - kept.length
    if (!gone) continue
    const goneClients = new Set(rows.filter((r) => codes.has(r[column] ?? '')).map((r) => r[column])).size
    const file = toCsv(producer.columns, kept)
    await trx
      .updateTable('regular_disclosure_run')
      .set({
        file,
        file_sha256: createHash('sha256').update(file).digest('hex'),
        records: kept.length,
        included: Math.max(0, run.included - goneClients),
        destroyed_rows: run.destroyed_rows + gone,
      })
      .where('id', '=', run.id)
      .execute()
    removed += gone
  }
  return removed
}

/** A manual run's period: closed (up to yesterday), in order, at most a year. */
export function periodIssues(start: LocalDate, end: LocalDate, today: LocalDate): FieldIssue[] {
  const issues: FieldIssue[] = []
  if (compareLocalDates(end, start) < 0) issues.push({ field: 'periodEnd', code: 'regular.period.order' })
  else if (daysBetween(start, end) + 1 > MAX_PERIOD_DAYS) issues.push({ field: 'periodEnd', code: 'regular.period.long', params: { days: MAX_PERIOD_DAYS } })
  if (compareLocalDates(end, today) >= 0) issues.push({ field: 'periodEnd', code: 'regular.period.open', params: { lastDay: addDays(today, -1) } })
  return issues
}

const notRunnable = () => new HttpProblem(409, 'conflict', { type: 'https://huoma.fi/problems/regular-disclosure-not-runnable', issues: [{ field: 'definitionId', code: 'regular.not_runnable' }] })

const toRun = (r: Selectable<RegularDisclosureRunTable> & { run_by_name: string | null }): RegularRun => ({
  id: r.id,
  number: Number(r.number),
  periodStart: dateOf(r.period_start),
  periodEnd: dateOf(r.period_end),
  trigger: r.trigger,
  runBy: r.run_by_name,
  ranAt: new Date(r.ran_at).toISOString(),
  included: r.included,
  records: r.records,
  leftOutRestricted: r.left_out_restricted,
  leftOutBanned: r.left_out_banned,
  leftOutNoIdentity: r.left_out_no_identity,
  fileName: r.file_name,
  fileSha256: r.file_sha256,
})

export interface RunRequest {
  definitionId: string
  periodStart: LocalDate
  periodEnd: LocalDate
  trigger: 'job' | 'manual'
  runBy: string | null
}

export interface RunOutcome {
  run: RegularRun
  alreadyRan: boolean
  /** the clients whose data this call disclosed (none when the period had run) — for the caller's audit row */
  clientIds: string[]
}

/** The run of a definition for a period (see the module comment); inside the caller's transaction. */
export async function runRegularDisclosure(trx: Transaction<DB>, r: RunRequest): Promise<RunOutcome> {
  // one run of a definition at a time: the definition's row is the lock
  const def = await trx.selectFrom('regular_disclosure').selectAll().where('id', '=', r.definitionId).forUpdate().executeTakeFirst()
  if (!def) throw problems.notFound()
  const producer = def.producer ? PRODUCERS[def.producer] : undefined
  if (!def.active || !producer) throw notRunnable()
  const same = await runsOf(trx).where('r.regular_disclosure_id', '=', def.id).where('r.period_start', '=', r.periodStart).where('r.period_end', '=', r.periodEnd).executeTakeFirst()
  if (same) return { run: toRun(same), alreadyRan: true, clientIds: [] }
  const overlap = await trx
    .selectFrom('regular_disclosure_run')
    .select(['period_start', 'period_end'])
    .where('regular_disclosure_id', '=', def.id)
    .where('period_start', '<=', r.periodEnd)
    .where('period_end', '>=', r.periodStart)
    .orderBy('period_start')
    .executeTakeFirst()
  if (overlap) {
    throw new HttpProblem(409, 'conflict', {
      type: 'https://huoma.fi/problems/regular-disclosure-overlap',
      issues: [{ field: 'periodStart', code: 'regular.overlap', params: { start: dateOf(overlap.period_start), end: dateOf(overlap.period_end) } }],
    })
  }

  const produced = await producer.rows(trx, r.periodStart, r.periodEnd)
  const persons = [...new Set(produced.map((p) => p.personId))]
  const restricted = new Set<string>()
  const banned = new Set<string>()
  if (persons.length) {
    const rs = await trx
      .selectFrom('processing_restriction')
      .select('person_id')
      .where('person_id', 'in', persons)
      .where('lifted_on', 'is', null)
      .where((eb) => eb.or([eb(sql`cardinality(service_tasks)`, '=', 0), eb(sql.val(producer.serviceTask), '=', eb.fn.any('service_tasks'))]))
      .execute()
    for (const x of rs) restricted.add(x.person_id)
    if (producer.banPurpose) {
      const bs = await trx
        .selectFrom('consent')
        .select('person_id')
        .where('person_id', 'in', persons)
        .where('kind', '=', 'ban')
        .where('ban_purpose', '=', producer.banPurpose)
        .where('given_on', '<=', r.periodEnd)
        .where('revoked_on', 'is', null)
        .execute()
      for (const x of bs) if (!restricted.has(x.person_id)) banned.add(x.person_id)
    }
  }
  const noIdentity = new Set(persons.filter((p) => !restricted.has(p) && !banned.has(p) && produced.some((x) => x.personId === p && !x.hetu)))
  const included = produced.filter((p) => !restricted.has(p.personId) && !banned.has(p.personId) && !noIdentity.has(p.personId))
  const clientIds = [...new Set(included.map((p) => p.personId))]
  const file = toCsv(producer.columns, included.map((p) => p.fields))

  const inserted = await trx
    .insertInto('regular_disclosure_run')
    .values({
      regular_disclosure_id: def.id,
      producer: def.producer!,
      period_start: r.periodStart,
      period_end: r.periodEnd,
      trigger: r.trigger,
      run_by: r.runBy,
      included: clientIds.length,
      records: included.length,
      left_out_restricted: restricted.size,
      left_out_banned: banned.size,
      left_out_no_identity: noIdentity.size,
      file_name: producer.fileName(r.periodStart, r.periodEnd),
      media_type: 'text/csv; charset=utf-8',
      file,
      file_sha256: createHash('sha256').update(file).digest('hex'),
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  const period = r.periodStart === r.periodEnd ? r.periodStart : `${r.periodStart}–${r.periodEnd}`
  await logDisclosures(
    trx,
    clientIds.map((personId) => ({
      personId,
      serviceTask: def.service_task,
      requestId: null,
      recipient: def.recipient_fi,
      basis: producer.basis,
      basisCitation: def.legal_basis_fi,
      what: `${def.content_fi} (${period})`,
      method: producer.method,
      disclosedOn: r.periodEnd,
      disclosedBy: r.runBy,
      regularRunId: inserted.id,
    })),
  )
  const run = await runsOf(trx).where('r.id', '=', inserted.id).executeTakeFirstOrThrow()
  return { run: toRun(run), alreadyRan: false, clientIds }
}

function runsOf(db: Executor) {
  return db
    .selectFrom('regular_disclosure_run as r')
    .leftJoin('staff_user as u', 'u.id', 'r.run_by')
    .selectAll('r')
    .select(sql<string | null>`u.display_name`.as('run_by_name'))
}

/** The handle of the definitions' list: outside any chokepoint, because it reads configuration and counts. */
// eslint-disable-next-line no-restricted-syntax -- the definitions and their runs' periods and counts name no client
export const regularConfigDb = (app: { database: Database }): Kysely<DB> => app.database.db

/** The definitions with their producer and latest runs (counts, never client data). */
export async function listDefinitions(db: Executor): Promise<RegularDefinitionList> {
  const defs = await db.selectFrom('regular_disclosure as d').innerJoin('service_task as s', 's.code', 'd.service_task').selectAll('d').orderBy('d.active', 'desc').orderBy('s.sort_order').orderBy('d.recipient_fi').execute()
  const runs = defs.length ? await runsOf(db).where('r.regular_disclosure_id', 'in', defs.map((d) => d.id)).orderBy('r.period_start', 'desc').execute() : []
  return {
    definitions: defs.map((d) => ({
      id: d.id,
      serviceTask: d.service_task,
      recipientFi: d.recipient_fi,
      recipientSv: d.recipient_sv,
      legalBasisFi: d.legal_basis_fi,
      legalBasisSv: d.legal_basis_sv,
      contentFi: d.content_fi,
      contentSv: d.content_sv,
      frequency: d.frequency,
      active: d.active,
      producer: (d.producer ?? null) as 'kela_income_support_decisions' | null,
      runs: runs.filter((x) => x.regular_disclosure_id === d.id).slice(0, 20).map(toRun),
    })),
  }
}

/** A run's file and the clients it carries (from the disclosure log), for the audited download. */
export async function runFile(db: Executor, definitionId: string, runId: string) {
  const run = await db.selectFrom('regular_disclosure_run').select(['id', 'file', 'file_name', 'media_type']).where('id', '=', runId).where('regular_disclosure_id', '=', definitionId).executeTakeFirst()
  if (!run) throw problems.notFound()
  const clients = await db.selectFrom('disclosure_log').select('person_id').distinct().where('regular_run_id', '=', runId).execute()
  return { ...run, clientIds: clients.map((c) => c.person_id) }
}

/**
 * The periods the job runs for a definition: each day from the day after its latest run up to yesterday, at most the
 * last `catchUp` days (a server that was down catches up; the first run covers yesterday).
 */
export async function duePeriods(db: Executor, definitionId: string, today: LocalDate, catchUp = 7): Promise<LocalDate[]> {
  const yesterday = addDays(today, -1)
  const latest = await db.selectFrom('regular_disclosure_run').select((eb) => eb.fn.max('period_end').as('end')).where('regular_disclosure_id', '=', definitionId).executeTakeFirst()
  const earliest = addDays(today, -catchUp)
  let from = latest?.end ? addDays(dateOf(latest.end), 1) : yesterday
  if (compareLocalDates(from, earliest) < 0) from = earliest
  const days: LocalDate[] = []
  for (let d = from; compareLocalDates(d, yesterday) <= 0; d = addDays(d, 1)) days.push(d)
  return days
}

/** The live definitions Huoma produces. */
export async function runnableDefinitions(db: Executor): Promise<{ id: string; producer: string }[]> {
  const rows = await db.selectFrom('regular_disclosure').select(['id', 'producer']).where('active', '=', true).where('producer', 'is not', null).orderBy('created_at').execute()
  return rows.filter((r) => r.producer && PRODUCERS[r.producer]).map((r) => ({ id: r.id, producer: r.producer! }))
}

import type { Appointment, AppointmentBook, AppointmentCancel, AppointmentMove } from '@huoma/contract'
import { addDays, parseLocalDate, todayInHelsinki } from '@huoma/domain'
import { sql, type Expression, type ExpressionBuilder, type SqlBool, type Transaction } from 'kysely'
import type { ClientScope } from '../../access/client-access'
import type { DB } from '../../db/schema'
import type { Lang } from '../../http/language'
import { HttpProblem, problems, type FieldIssue } from '../../http/problem'

type Trx = Transaction<DB>
type PersonEB = ExpressionBuilder<DB, 'person'>

export const MAX_HOURS = 12
export const MAX_RANGE_DAYS = 42

/** An instant from a Europe/Helsinki local time `YYYY-MM-DDTHH:MM`, converted by the database. */
const instant = (local: string) => sql<Date>`(${local.replace('T', ' ')}::timestamp AT TIME ZONE 'Europe/Helsinki')`
const localOf = (col: 'a.start_at' | 'a.end_at') => sql<string>`to_char(${sql.ref(col)} AT TIME ZONE 'Europe/Helsinki', 'YYYY-MM-DD"T"HH24:MI')`
const iso = (d: Date | string) => new Date(d).toISOString()

const conflict = (kind: 'stale' | 'cancelled') =>
  new HttpProblem(409, 'conflict', {
    type: `https://huoma.fi/problems/appointment-${kind}`,
    detail: (l: Lang) =>
      ({
        stale: {
          fi: 'Varausta on muutettu sillä välin. Lataa kalenteri uudelleen.',
          sv: 'Bokningen har ändrats under tiden. Ladda om kalendern.',
          en: 'The appointment was changed meanwhile. Reload the calendar.',
        },
        cancelled: {
          fi: 'Varaus on jo peruttu.',
          sv: 'Bokningen har redan avbokats.',
          en: 'The appointment has already been cancelled.',
        },
      })[kind][l],
  })

function baseQuery(trx: Trx) {
  return trx
    .selectFrom('appointment as a')
    .innerJoin('staff_user as w', 'w.id', 'a.worker_id')
    .innerJoin('unit as u', 'u.id', 'a.unit_id')
    .innerJoin('person', 'person.id', 'a.person_id')
    .select([
      'a.id',
      'a.person_id',
      'a.worker_id',
      'w.display_name as worker_name',
      'a.unit_id',
      'u.name_fi as unit_name_fi',
      'u.name_sv as unit_name_sv',
      'person.first_names',
      'person.last_name',
      'a.service_task',
      'a.start_at',
      'a.end_at',
      localOf('a.start_at').as('start_local'),
      localOf('a.end_at').as('end_local'),
      'a.place',
      'a.status',
      'a.cancel_reason',
      'a.version',
    ])
}

type Row = Awaited<ReturnType<ReturnType<typeof baseQuery>['execute']>>[number]

/** An appointment as shown; without `visible` only the time, worker, unit and status (the slot is busy). */
function toAppointment(r: Row, visible: boolean, lang: Lang): Appointment {
  return {
    id: r.id,
    worker: { id: r.worker_id, name: r.worker_name },
    unit: { id: r.unit_id, name: lang === 'sv' ? r.unit_name_sv : r.unit_name_fi },
    client: visible ? { id: r.person_id, name: `${r.last_name} ${r.first_names}` } : null,
    serviceTask: visible ? r.service_task : null,
    start: r.start_local,
    end: r.end_local,
    startAt: iso(r.start_at),
    endAt: iso(r.end_at),
    place: visible ? r.place : null,
    status: r.status,
    cancelReason: visible ? r.cancel_reason : null,
    version: r.version,
  }
}

/** Checks a date range of a calendar query (dates inclusive). */
export function checkRange(from: string, to: string): void {
  const f = parseLocalDate(from)
  const t = parseLocalDate(to)
  const issues: FieldIssue[] = []
  if (!f) issues.push({ field: 'querystring.from', code: 'appointments.time.invalid' })
  if (!t) issues.push({ field: 'querystring.to', code: 'appointments.time.invalid' })
  if (f && t) {
    if (t < f) issues.push({ field: 'querystring.to', code: 'appointments.range.invalid' })
    else if (addDays(f, MAX_RANGE_DAYS - 1) < t) issues.push({ field: 'querystring.to', code: 'appointments.range.tooLong', params: { days: MAX_RANGE_DAYS } })
  }
  if (issues.length) throw problems.validation(issues)
}

/**
 * A worker's or a unit's calendar from `from` to `to` (Helsinki dates, inclusive). `isVisible` is the chokepoint's
 * SQL filter: appointments of clients the user may not see come back as busy slots without client content. Returns
 * the appointments and the ids of the clients shown (for the audit row).
 */
export async function calendar(
  trx: Trx,
  isVisible: (eb: PersonEB) => Expression<SqlBool>,
  q: { from: string; to: string; workerId: string | null; unitId: string | null; includeCancelled: boolean },
  lang: Lang,
): Promise<{ appointments: Appointment[]; clientIds: string[] }> {
  let query = baseQuery(trx)
    .select((eb) => sql<boolean>`(${isVisible(eb as unknown as PersonEB)})`.as('visible'))
    .where('a.start_at', '<', instant(`${addDays(parseLocalDate(q.to)!, 1)}T00:00`))
    .where('a.end_at', '>', instant(`${q.from}T00:00`))
  if (q.workerId) query = query.where('a.worker_id', '=', q.workerId)
  if (q.unitId) query = query.where('a.unit_id', '=', q.unitId)
  if (!q.includeCancelled) query = query.where('a.status', '=', 'booked')
  const rows = await query.orderBy('a.start_at').orderBy('a.id').execute()
  return {
    appointments: rows.map((r) => toAppointment(r, Boolean(r.visible), lang)),
    clientIds: [...new Set(rows.filter((r) => r.visible).map((r) => r.person_id))],
  }
}

/** A client's appointments in the given service tasks (those of the user's grants), newest first. */
export async function clientAppointments(scope: ClientScope, tasks: string[], lang: Lang): Promise<Appointment[]> {
  if (!tasks.length) return []
  const rows = await baseQuery(scope.trx)
    .where('a.person_id', '=', scope.personId)
    .where('a.service_task', 'in', tasks)
    .orderBy('a.start_at', 'desc')
    .limit(500)
    .execute()
  return rows.map((r) => toAppointment(r, true, lang))
}

async function readOne(scope: ClientScope, id: string, lang: Lang): Promise<Appointment> {
  const row = await baseQuery(scope.trx).where('a.id', '=', id).where('a.person_id', '=', scope.personId).executeTakeFirstOrThrow()
  return toAppointment(row, true, lang)
}

/** Time checks of a booking or a move, every issue at once; the instants are computed by the database. */
async function checkTimes(trx: Trx, start: string, end: string, now: Date): Promise<FieldIssue[]> {
  const issues: FieldIssue[] = []
  if (!parseLocalDate(start.slice(0, 10))) issues.push({ field: 'body.start', code: 'appointments.time.invalid' })
  if (!parseLocalDate(end.slice(0, 10))) issues.push({ field: 'body.end', code: 'appointments.time.invalid' })
  if (issues.length) return issues
  const r = await sql<{ s: Date; e: Date }>`SELECT ${instant(start)} AS s, ${instant(end)} AS e`.execute(trx)
  const { s, e } = r.rows[0]!
  const startMs = new Date(s).getTime()
  const endMs = new Date(e).getTime()
  if (startMs < now.getTime()) issues.push({ field: 'body.start', code: 'appointments.start.past' })
  if (endMs <= startMs) issues.push({ field: 'body.end', code: 'appointments.end.beforeStart' })
  else if (endMs - startMs > MAX_HOURS * 3600_000) issues.push({ field: 'body.end', code: 'appointments.end.tooLong', params: { hours: MAX_HOURS } })
  return issues
}

const isOverlap = (e: unknown) => (e as { code?: string }).code === '23P01'
const overlap = () => problems.validation([{ field: 'body.start', code: 'appointments.overlap' }])

export async function book(scope: ClientScope, input: AppointmentBook, createdBy: string, now: Date, lang: Lang): Promise<Appointment> {
  const { trx } = scope
  const issues = await checkTimes(trx, input.start, input.end, now)
  // The worker's office for the task: a grant valid today that covers the service task.
  const today = todayInHelsinki(now)
  const grant = await trx
    .selectFrom('staff_grant as g')
    .innerJoin('staff_user as w', 'w.id', 'g.user_id')
    .select('g.unit_id')
    .where('g.user_id', '=', input.workerId)
    .where('w.active', '=', true)
    .where('g.ended_at', 'is', null)
    .where('g.valid_from', '<=', today)
    .where((eb) => eb.or([eb('g.valid_until', 'is', null), eb('g.valid_until', '>=', today)]))
    .where(sql<boolean>`${input.serviceTask} = ANY(g.service_tasks)`)
    .orderBy('g.created_at')
    .executeTakeFirst()
  if (!grant) issues.push({ field: 'body.workerId', code: 'appointments.worker.unknown' })
  if (issues.length || !grant) throw problems.validation(issues)
  let id: string
  try {
    const row = await trx
      .insertInto('appointment')
      .values({
        person_id: scope.personId,
        worker_id: input.workerId,
        unit_id: grant.unit_id,
        service_task: input.serviceTask,
        start_at: instant(input.start),
        end_at: instant(input.end),
        place: input.place,
        created_by: createdBy,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    id = row.id
  } catch (e) {
    if (isOverlap(e)) throw overlap()
    throw e
  }
  return readOne(scope, id, lang)
}

/** The appointment locked for a change, if it is this client's and in one of the user's service tasks. */
async function forChange(scope: ClientScope, id: string, tasks: string[], version: number) {
  const row = await scope.trx
    .selectFrom('appointment')
    .select(['id', 'status', 'version'])
    .where('id', '=', id)
    .where('person_id', '=', scope.personId)
    .where('service_task', 'in', tasks.length ? tasks : [''])
    .forUpdate()
    .executeTakeFirst()
  if (!row) throw problems.notFound()
  if (row.status === 'cancelled') throw conflict('cancelled')
  if (row.version !== version) throw conflict('stale')
  return row
}

export async function move(scope: ClientScope, id: string, tasks: string[], input: AppointmentMove, now: Date, lang: Lang): Promise<Appointment> {
  const row = await forChange(scope, id, tasks, input.version)
  const issues = await checkTimes(scope.trx, input.start, input.end, now)
  if (issues.length) throw problems.validation(issues)
  try {
    await scope.trx
      .updateTable('appointment')
      .set({
        start_at: instant(input.start),
        end_at: instant(input.end),
        ...(input.place ? { place: input.place } : {}),
        version: row.version + 1,
        updated_at: sql<Date>`now()`,
      })
      .where('id', '=', row.id)
      .execute()
  } catch (e) {
    if (isOverlap(e)) throw overlap()
    throw e
  }
  return readOne(scope, id, lang)
}

export async function cancel(scope: ClientScope, id: string, tasks: string[], input: AppointmentCancel, userId: string, lang: Lang): Promise<Appointment> {
  const row = await forChange(scope, id, tasks, input.version)
  await scope.trx
    .updateTable('appointment')
    .set({
      status: 'cancelled',
      cancel_reason: input.reason,
      cancelled_by: userId,
      cancelled_at: sql<Date>`now()`,
      version: row.version + 1,
      updated_at: sql<Date>`now()`,
    })
    .where('id', '=', row.id)
    .execute()
  return readOne(scope, id, lang)
}

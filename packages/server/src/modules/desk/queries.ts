import type { DeskAppointment, DeskClient, DeskDraft, DeskWaiting } from '@huoma/contract'
import { addDays, compareFinnish, type LocalDate } from '@huoma/domain'
import { sql, type Expression, type ExpressionBuilder, type SqlBool, type Transaction } from 'kysely'
import type { DB } from '../../db/schema'

type Trx = Transaction<DB>
type PersonEB = ExpressionBuilder<DB, 'person'>
type IsVisible = (eb: PersonEB) => Expression<SqlBool>

/** An instant from a Europe/Helsinki calendar day's midnight, converted by the database. */
const midnight = (day: string) => sql<Date>`(${`${day} 00:00`}::timestamp AT TIME ZONE 'Europe/Helsinki')`
const localOf = (col: 'a.start_at' | 'a.end_at') => sql<string>`to_char(${sql.ref(col)} AT TIME ZONE 'Europe/Helsinki', 'YYYY-MM-DD"T"HH24:MI')`
const nameOf = (r: { last_name: string; first_names: string }) => `${r.last_name} ${r.first_names}`
const visibleSql = (isVisible: IsVisible) => (eb: ExpressionBuilder<DB, 'person'>) => sql<boolean>`(${isVisible(eb)})`

/**
 * My clients: my own open client relationships in the service tasks of my case-work grants, that the chokepoint lets
 * me see (a merged identity is gone), by service task and in Finnish order of names.
 */
export async function myClients(trx: Trx, isVisible: IsVisible, o: { userId: string; tasks: string[]; today: LocalDate }): Promise<DeskClient[]> {
  if (!o.tasks.length) return []
  const rows = await trx
    .selectFrom('client_relationship as cr')
    .innerJoin('person', 'person.id', 'cr.person_id')
    .select(['person.id', 'person.first_names', 'person.last_name', 'cr.service_task', 'cr.start_date'])
    .where('cr.user_id', '=', o.userId)
    .where('cr.service_task', 'in', o.tasks)
    .where('cr.start_date', '<=', o.today)
    .where((eb) => eb.or([eb('cr.end_date', 'is', null), eb('cr.end_date', '>=', o.today)]))
    .where('person.merged_into', 'is', null)
    .where((eb) => isVisible(eb as unknown as PersonEB))
    .execute()
  // one line per client and task (two relationships in one task, e.g. responsible and team, are one client)
  const seen = new Map<string, DeskClient>()
  for (const r of rows) {
    const key = `${r.service_task}/${r.id}`
    const prev = seen.get(key)
    if (!prev || r.start_date < prev.since) seen.set(key, { id: r.id, name: nameOf(r), serviceTask: r.service_task, since: r.start_date })
  }
  return [...seen.values()].sort((a, b) => a.serviceTask.localeCompare(b.serviceTask) || compareFinnish(a.name, b.name) || a.id.localeCompare(b.id))
}

/**
 * My booked appointments from today's midnight to the end of `until` (Helsinki). A client the chokepoint does not
 * let me see (booked for me by someone else) is only a busy slot, as in the calendar.
 */
export async function myAppointments(trx: Trx, isVisible: IsVisible, o: { userId: string; from: LocalDate; until: LocalDate }): Promise<DeskAppointment[]> {
  const rows = await trx
    .selectFrom('appointment as a')
    .innerJoin('person', 'person.id', 'a.person_id')
    .select(['a.id', 'a.person_id', 'person.first_names', 'person.last_name', 'a.service_task', 'a.place', localOf('a.start_at').as('start'), localOf('a.end_at').as('end')])
    .select((eb) => visibleSql(isVisible)(eb as unknown as PersonEB).as('visible'))
    .where('a.worker_id', '=', o.userId)
    .where('a.status', '=', 'booked')
    .where('a.start_at', '>=', midnight(o.from))
    .where('a.start_at', '<', midnight(addDays(o.until, 1)))
    .orderBy('a.start_at')
    .orderBy('a.id')
    .execute()
  return rows.map((r) => ({
    id: r.id,
    client: r.visible ? { id: r.person_id, name: nameOf(r) } : null,
    serviceTask: r.visible ? r.service_task : null,
    start: r.start,
    end: r.end,
    place: r.visible ? r.place : null,
  }))
}

/**
 * My unfinished work: journal entries I have begun and not signed (drafts are their author's only), and income
 * support applications I handle that are still in preparation. Oldest first.
 */
export async function myDrafts(trx: Trx, isVisible: IsVisible, o: { userId: string; incomeSupport: boolean }): Promise<DeskDraft[]> {
  const journal = await trx
    .selectFrom('journal_entry as j')
    .innerJoin('person', 'person.id', 'j.person_id')
    .select(['j.entry_id', 'j.person_id', 'person.first_names', 'person.last_name', 'j.service_task', 'j.event_date'])
    .where('j.author_id', '=', o.userId)
    .where('j.status', '=', 'draft')
    .where('person.merged_into', 'is', null)
    .where((eb) => isVisible(eb as unknown as PersonEB))
    .orderBy('j.event_date')
    .orderBy('j.entry_id')
    .execute()
  const drafts: DeskDraft[] = journal.map((r) => ({
    kind: 'journal',
    id: r.entry_id,
    client: { id: r.person_id, name: nameOf(r) },
    serviceTask: r.service_task,
    date: r.event_date,
    number: null,
    state: null,
  }))
  if (!o.incomeSupport) return drafts
  const applications = await trx
    .selectFrom('income_support_application as a')
    .innerJoin('person', 'person.id', 'a.person_id')
    .select(['a.id', 'a.number', 'a.state', 'a.person_id', 'person.first_names', 'person.last_name', 'a.received_on'])
    .where('a.handler_id', '=', o.userId)
    .where('a.state', '=', 'in_preparation')
    .where('person.merged_into', 'is', null)
    .where((eb) => isVisible(eb as unknown as PersonEB))
    .orderBy('a.received_on')
    .orderBy('a.number')
    .execute()
  return [
    ...drafts,
    ...applications.map((r): DeskDraft => ({
      kind: 'income_support',
      id: r.id,
      client: { id: r.person_id, name: nameOf(r) },
      serviceTask: 'income_support',
      date: r.received_on,
      number: r.number,
      state: r.state,
    })),
  ]
}

/** Payment batches made by another finance user, waiting for the second person's approval; oldest first. */
export async function batchesToApprove(trx: Trx, userId: string): Promise<DeskWaiting[]> {
  const rows = await trx
    .selectFrom('payment_batch as b')
    .innerJoin('staff_user as u', 'u.id', 'b.created_by')
    .select(['b.id', 'b.number', 'b.item_count', 'b.total_cents', 'u.display_name', 'b.created_at'])
    .where('b.state', '=', 'draft')
    .where('b.created_by', '<>', userId)
    .orderBy('b.created_at')
    .orderBy('b.number')
    .execute()
  return rows.map((r) => ({
    kind: 'payment_batch',
    id: r.id,
    number: r.number,
    itemCount: r.item_count,
    totalCents: Number(r.total_cents),
    createdByName: r.display_name,
    since: new Date(r.created_at).toISOString(),
  }))
}

/** Grant requests nobody has decided yet that this main user may decide (not their own, not their account's); oldest first. */
export async function grantRequestsToDecide(trx: Trx, userId: string): Promise<DeskWaiting[]> {
  const rows = await trx
    .selectFrom('grant_request as r')
    .innerJoin('staff_user as u', 'u.id', 'r.user_id')
    .innerJoin('staff_user as rq', 'rq.id', 'r.requested_by')
    .select(['r.id', 'u.display_name as user_name', 'r.role_code', 'rq.display_name as requester', 'r.requested_at'])
    .where('r.decision', 'is', null)
    .where('r.requested_by', '<>', userId)
    .where('r.user_id', '<>', userId)
    // the main user who created the worker's account may not decide their rights either (separation of duties)
    .where((eb) => eb.or([eb('u.created_by', 'is', null), eb('u.created_by', '<>', userId)]))
    .orderBy('r.requested_at')
    .orderBy('r.id')
    .execute()
  return rows.map((r) => ({
    kind: 'grant_request',
    id: r.id,
    userName: r.user_name,
    roleCode: r.role_code,
    requestedByName: r.requester,
    since: new Date(r.requested_at).toISOString(),
  }))
}

/** The data protection officer's open reviews: sampled accesses and break-the-glass accesses (counts, oldest). */
export async function reviewsToDo(trx: Trx): Promise<DeskWaiting[]> {
  const row = await trx
    .selectNoFrom((eb) => [
      eb.selectFrom('audit_review').select(sql<number>`count(*)::int`.as('n')).where('reviewed_at', 'is', null).as('samples'),
      eb.selectFrom('audit_review').select(sql<Date | null>`min(sampled_at)`.as('m')).where('reviewed_at', 'is', null).as('samples_since'),
      eb.selectFrom('break_glass').select(sql<number>`count(*)::int`.as('n')).where('reviewed_at', 'is', null).as('glass'),
      eb.selectFrom('break_glass').select(sql<Date | null>`min(created_at)`.as('m')).where('reviewed_at', 'is', null).as('glass_since'),
    ])
    .executeTakeFirstOrThrow()
  const out: DeskWaiting[] = []
  if (row.samples && row.samples_since) out.push({ kind: 'audit_samples', count: Number(row.samples), since: new Date(row.samples_since).toISOString() })
  if (row.glass && row.glass_since) out.push({ kind: 'break_glass_reviews', count: Number(row.glass), since: new Date(row.glass_since).toISOString() })
  return out
}

import { sql, type Transaction } from 'kysely'
import type { DB } from '../db/schema'
import { staffName } from './client-copy'

/**
 * One kind of record a module shows on the client card's timeline (issue 14: "a timeline of everything recorded"):
 * when it happened, what (the kind, a code the web app words), who, and in which register. Only the event is shown,
 * never the content, and only in the registers where the reader has a basis of their own (see `readTimeline`).
 * A module joins the timeline by declaring its records (`defineModule({ clientTimeline })`).
 */
export interface TimelineSource {
  /** `journal.signed`, `appointment.booked`…: the web app's `persons.timeline` words it */
  kind: string
  /** the table, or a join (static SQL written in the module) */
  from: string
  /** the column that names the client (default `person_id`) */
  personColumn?: string
  /** the register of each row: a column (static SQL) */
  serviceTask: string
  /** when (a timestamptz expression; a date-only event gives its Helsinki midnight) */
  at: string
  /** who (a staff member's name), or none */
  by?: string
  where?: string
}

export interface TimelineRow {
  at: string
  kind: string
  by: string | null
  serviceTask: string | null
  fields: string[]
}

/** How many of each kind the card shows, newest first. */
const PER_KIND = 100

/**
 * The declared records of the client in the given registers, newest first per kind ({@link PER_KIND} each), in the
 * caller's (audited) transaction. No register: nothing.
 */
export async function readTimeline(trx: Transaction<DB>, sources: readonly TimelineSource[], q: { personId: string; tasks: readonly string[] }): Promise<TimelineRow[]> {
  if (!q.tasks.length || !sources.length) return []
  // one statement: each source's newest rows as its own branch, concatenated
  const branches = sources.map(
    (s, i) => sql`(SELECT ${sql.lit(i)}::int AS source, ${sql.raw(s.at)} AS at, ${sql.raw(s.by ?? 'NULL::text')} AS by, ${sql.raw(s.serviceTask)} AS task
        FROM ${sql.raw(s.from)}
       WHERE ${sql.raw(s.personColumn ?? 'person_id')} = ${q.personId}::uuid
         AND ${sql.raw(s.serviceTask)} = ANY(${sql.val([...q.tasks])}::text[])
         ${s.where ? sql`AND (${sql.raw(s.where)})` : sql``}
       ORDER BY 2 DESC
       LIMIT ${sql.lit(PER_KIND)})`,
  )
  const rows = await sql<{ source: number; at: Date; by: string | null; task: string }>`${sql.join(branches, sql` UNION ALL `)}`.execute(trx)
  return rows.rows.map((r) => ({ at: new Date(r.at).toISOString(), kind: sources[r.source]!.kind, by: r.by, serviceTask: r.task, fields: [] }))
}

/** A day as the timestamp of its start in Helsinki (a date-only event sorts with the day's timed ones). */
export const helsinkiMidnight = (column: string) => `(${column}::timestamp AT TIME ZONE 'Europe/Helsinki')`

/**
 * The registers in which the reader may see the client's records: their own open client relationship, a supervisor's
 * over anyone's open one, or their live break-the-glass access; within the tasks of their grants.
 */
export async function recordTasks(trx: Transaction<DB>, o: { personId: string; userId: string; grantTasks: readonly string[]; supervisionTasks: readonly string[] }): Promise<string[]> {
  if (!o.grantTasks.length) return []
  const today = sql<string>`(now() AT TIME ZONE 'Europe/Helsinki')::date`
  const rows = await sql<{ task: string }>`
    SELECT DISTINCT cr.service_task AS task FROM client_relationship cr
     WHERE cr.person_id = ${o.personId}::uuid AND cr.start_date <= ${today} AND (cr.end_date IS NULL OR cr.end_date >= ${today})
       AND ((cr.user_id = ${o.userId}::uuid AND cr.service_task = ANY(${sql.val([...o.grantTasks])}::text[]))
            OR cr.service_task = ANY(${sql.val([...o.supervisionTasks, ''])}::text[]))
    UNION
    SELECT bg.service_task FROM break_glass bg
     WHERE bg.person_id = ${o.personId}::uuid AND bg.user_id = ${o.userId}::uuid AND bg.expires_at > now()
       AND bg.service_task = ANY(${sql.val([...o.grantTasks])}::text[])`.execute(trx)
  return rows.rows.map((r) => r.task)
}

/** The kernel's own records on the timeline: every service's decisions. */
export const KERNEL_TIMELINE: readonly TimelineSource[] = [
  { kind: 'decision.made', from: 'decision', serviceTask: 'service_task', at: 'decided_at', by: staffName('decision_maker_id') },
]

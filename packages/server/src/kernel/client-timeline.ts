import { sql, type Expression, type RawBuilder } from 'kysely'
import { staffName } from './client-copy'

/**
 * One kind of record a module shows on the client card's timeline (issue 14: "a timeline of everything recorded"):
 * when it happened, what (the kind, a code the web app words), who, and in which register. Only the event is shown,
 * never the content, and only in the registers where the reader has a basis of their own (see `timelineJson`).
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

/** The reader as SQL (a compiled statement's parameters): see {@link TimelineReader}. */
export interface TimelineReaderSql {
  userId: Expression<string>
  grantTasks: Expression<string[]>
  supervisionTasks: Expression<string[]>
}

/** Who reads the timeline: their open relationships, supervision and break-the-glass decide the registers. */
export interface TimelineReader {
  userId: string
  /** the tasks of the reader's grants */
  grantTasks: readonly string[]
  /** the tasks in which the reader supervises (a supervisor sees records under anyone's open relationship) */
  supervisionTasks: readonly string[]
}

/**
 * The declared records of the client in the registers where the reader has a basis of their own, newest first per
 * kind ({@link PER_KIND} each), as ONE SQL expression: a JSON array of `{ source, at, by, task }` that the card's
 * statement selects beside the registry (no round trip of its own; `toTimeline` reads it). No register: `[]`.
 *
 * The registers are the reader's own open client relationship, a supervisor's over anyone's open one, or their live
 * break-the-glass access; within the tasks of their grants. They are computed once in the expression (a CTE) and
 * each source's branch reads only them.
 */
export function timelineJson(sources: readonly TimelineSource[], personId: Expression<string>, reader: TimelineReaderSql): RawBuilder<TimelineJson[]> {
  if (!sources.length) return sql<TimelineJson[]>`'[]'::json`
  const today = sql<string>`(now() AT TIME ZONE 'Europe/Helsinki')::date`
  const grantTasks = sql`${reader.grantTasks}::text[]`
  const branches = sources.map(
    (s, i) => sql`(SELECT ${sql.lit(i)}::int AS source, ${sql.raw(s.at)} AS at, ${sql.raw(s.by ?? 'NULL::text')} AS by, ${sql.raw(s.serviceTask)} AS task
        FROM ${sql.raw(s.from)}
       WHERE ${sql.raw(s.personColumn ?? 'person_id')} = ${personId}::uuid
         AND ${sql.raw(s.serviceTask)} = ANY((SELECT tasks FROM record_tasks)::text[])
         ${s.where ? sql`AND (${sql.raw(s.where)})` : sql``}
       ORDER BY 2 DESC
       LIMIT ${sql.lit(PER_KIND)})`,
  )
  return sql<TimelineJson[]>`(
    WITH record_tasks AS (
      SELECT coalesce(array_agg(DISTINCT task), '{}') AS tasks FROM (
        SELECT cr.service_task AS task FROM client_relationship cr
         WHERE cr.person_id = ${personId}::uuid AND cr.start_date <= ${today} AND (cr.end_date IS NULL OR cr.end_date >= ${today})
           AND ((cr.user_id = ${reader.userId}::uuid AND cr.service_task = ANY(${grantTasks}))
                OR cr.service_task = ANY(${reader.supervisionTasks}::text[]))
        UNION ALL
        SELECT bg.service_task FROM break_glass bg
         WHERE bg.person_id = ${personId}::uuid AND bg.user_id = ${reader.userId}::uuid AND bg.expires_at > now()
           AND bg.service_task = ANY(${grantTasks})) t)
    SELECT coalesce(json_agg(r), '[]'::json) FROM (${sql.join(branches, sql` UNION ALL `)}) r)`
}

/** One row of {@link timelineJson}: the source's index, when (a timestamp in JSON), who, the register. */
export interface TimelineJson {
  source: number
  at: string
  by: string | null
  task: string
}

/** The rows of {@link timelineJson} as the card's timeline entries. */
export function toTimeline(sources: readonly TimelineSource[], rows: readonly TimelineJson[]): TimelineRow[] {
  return rows.map((r) => ({ at: new Date(r.at).toISOString(), kind: sources[r.source]!.kind, by: r.by, serviceTask: r.task, fields: [] }))
}

/** A day as the timestamp of its start in Helsinki (a date-only event sorts with the day's timed ones). */
export const helsinkiMidnight = (column: string) => `(${column}::timestamp AT TIME ZONE 'Europe/Helsinki')`

/** The kernel's own records on the timeline: every service's decisions. */
export const KERNEL_TIMELINE: readonly TimelineSource[] = [
  { kind: 'decision.made', from: 'decision', serviceTask: 'service_task', at: 'decided_at', by: staffName('decision_maker_id') },
]

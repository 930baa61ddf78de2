import type { AuditLogEntry, AuditLogQuery, BreakGlassReviewItem, SampleItem, Verdict } from '@huoma/contract'
import { sql, type Kysely, type Transaction } from 'kysely'
import { appendAudit, type Executor } from '../../access/audit'
import { grantsFor, type AuthedContext } from '../../access/context'
import type { Database } from '../../db/database'
import type { DB } from '../../db/schema'
import { privacyActions } from './actions'
import { privacyEvents } from './events'

/**
 * Queries of the data protection officer's tools over the security tables (audit_log, audit_review, break_glass).
 * Every filter, order and page is done in SQL: the audit log grows to tens of millions of rows.
 */

/** Start of a Helsinki calendar day as an instant. */
/**
 * The handle the officer's tools read the security tables with. They reach past the client chokepoint on purpose:
 * every read that names a client is audited here (`readLogged`), and the report reaches client data through
 * `app.clientData.list`.
 */
// eslint-disable-next-line no-restricted-syntax -- the security tables (audit_log, audit_review, break_glass), never client content
export const securityTables = (app: { database: Database }): Kysely<DB> => app.database.db

const helsinkiDayStart = (date: string) => sql<Date>`(${date}::date::timestamp AT TIME ZONE 'Europe/Helsinki')`
const helsinkiDayEnd = (date: string) => sql<Date>`((${date}::date + 1)::timestamp AT TIME ZONE 'Europe/Helsinki')`

const ENTRY_COLUMNS = [
  'a.id',
  'a.occurred_at',
  'a.user_id',
  'a.role_code',
  'a.client_ids',
  'a.data_group',
  'a.action',
  'a.event',
  'a.basis',
  'a.ref_id',
  'a.outcome',
] as const

interface EntryRow {
  id: number
  occurred_at: Date
  user_id: string | null
  user_name: string | null
  role_code: string | null
  client_ids: string[]
  data_group: string
  action: string
  event: string
  basis: string | null
  ref_id: string | null
  outcome: string
}

function toEntry(r: EntryRow): AuditLogEntry {
  return {
    id: r.id,
    occurredAt: r.occurred_at.toISOString(),
    userId: r.user_id,
    userName: r.user_name,
    roleCode: r.role_code,
    clientIds: r.client_ids,
    dataGroup: r.data_group,
    action: r.action,
    event: r.event,
    basis: r.basis,
    refId: r.ref_id,
    outcome: r.outcome,
  }
}

/**
 * The ids a person has had: their own and every identity merged into them (a temporary id merged into the real
 * henkilötunnus), so the log of a person includes what was recorded under an earlier identity. Looked up first and
 * passed to the log query as parameters, so the planner sees each id.
 */
export async function identityIds(db: Executor, personId: string): Promise<string[]> {
  const { rows } = await sql<{ id: string }>`WITH RECURSIVE ids(id) AS (
    SELECT ${personId}::uuid
    UNION SELECT p.id FROM person p JOIN ids ON p.merged_into = ids.id
  ) SELECT id FROM ids`.execute(db)
  return rows.map((r) => r.id)
}

/**
 * One page of the audit log, newest first, keyset-paged on id.
 *
 * By client: from audit_client, whose primary key (client_id, audit_id) includes occurred_at — the index is read
 * backwards from the newest row of that client and each hit fetches its one log row, so a page costs the rows it
 * returns (plus those the other filters reject) whatever the length of the client's history. With several
 * identities (merged ids) each has its own ordered index scan and PostgreSQL merges them (Merge Append), still
 * stopping when the page is full.
 * Otherwise a user filter uses the (user_id, occurred_at) index, a period the occurred_at index, and the id order
 * with LIMIT stops as soon as the page is full.
 */
export async function searchAuditLog(db: Executor, q: AuditLogQuery & { events?: string[] }): Promise<{ entries: AuditLogEntry[]; nextBefore: number | null }> {
  const limit = q.limit ?? 50
  const filters = (clientPath: boolean) => {
    const at = clientPath ? sql.ref('c.occurred_at') : sql.ref('a.occurred_at')
    const id = clientPath ? sql.ref('c.audit_id') : sql.ref('a.id')
    const w: ReturnType<typeof sql<boolean>>[] = []
    if (q.userId) w.push(sql<boolean>`a.user_id = ${q.userId}::uuid`)
    if (q.from) w.push(sql<boolean>`${at} >= ${helsinkiDayStart(q.from)}`)
    if (q.to) w.push(sql<boolean>`${at} < ${helsinkiDayEnd(q.to)}`)
    if (q.events?.length) w.push(sql<boolean>`a.event = ANY(${q.events}::text[])`)
    else if (q.event) w.push(sql<boolean>`a.event = ${q.event}`)
    if (q.action) w.push(sql<boolean>`a.action = ${q.action}`)
    if (q.outcome) w.push(sql<boolean>`a.outcome = ${q.outcome}`)
    if (q.before) w.push(sql<boolean>`${id} < ${q.before}::bigint`)
    return w.length ? sql<boolean>`${sql.join(w, sql` AND `)}` : sql<boolean>`true`
  }
  let rows: EntryRow[]
  if (q.clientId) {
    const ids = await identityIds(db, q.clientId)
    const branch = (clientId: string) =>
      db
        .selectFrom('audit_client as c')
        // the row's time too: the log is partitioned by it (migration 0058), so each hit reads one month's index
        .innerJoin('audit_log as a', (j) => j.onRef('a.id', '=', 'c.audit_id').onRef('a.occurred_at', '=', 'c.occurred_at'))
        .leftJoin('staff_user as u', 'u.id', 'a.user_id')
        .select(ENTRY_COLUMNS)
        .select('u.display_name as user_name')
        .where('c.client_id', '=', clientId)
        .where(filters(true))
    const [first, ...rest] = ids.map(branch)
    const union = rest.reduce((acc, b) => acc.unionAll(b), first!)
    rows = (await union.orderBy('id', 'desc').limit(limit + 1).execute()) as EntryRow[]
  } else {
    rows = (await db
      .selectFrom('audit_log as a')
      .leftJoin('staff_user as u', 'u.id', 'a.user_id')
      .select(ENTRY_COLUMNS)
      .select('u.display_name as user_name')
      .where(filters(false))
      .orderBy('a.id', 'desc')
      .limit(limit + 1)
      .execute()) as EntryRow[]
  }
  const page = rows.slice(0, limit)
  return { entries: page.map(toEntry), nextBefore: rows.length > limit ? (page.at(-1)?.id ?? null) : null }
}

export async function listStaff(db: Executor) {
  const rows = await db.selectFrom('staff_user').select(['id', 'username', 'display_name']).orderBy('display_name').execute()
  return rows.map((r) => ({ id: r.id, username: r.username, displayName: r.display_name }))
}

// ---- The random sample ----------------------------------------------------------------------------------------

export interface SampleOptions {
  /** The data protection officer drawing the sample (their own accesses are never drawn). */
  userId: string
  size: number
  windowDays: number
  /**
   * Up to this many ids in the window, the sample is drawn exactly (ORDER BY random() over the window's rows);
   * above it by probing random ids. Tests lower it to exercise the probing path.
   */
  exactBelow?: number
}

/** Rows worth a human look: a person's successful use of client data, not yet sampled, not the reviewer's own. */
function eligible(userId: string, windowDays: number) {
  return sql<boolean>`a.outcome = 'success'
    AND a.action IN ('view', 'insert', 'update', 'delete', 'print', 'export', 'disclose', 'search')
    AND cardinality(a.client_ids) > 0
    AND a.user_id IS NOT NULL AND a.user_id <> ${userId}
    AND a.event NOT LIKE 'audit:%'
    AND a.occurred_at >= now() - make_interval(days => ${windowDays}::int)
    AND NOT EXISTS (SELECT 1 FROM audit_review r WHERE r.audit_id = a.id)`
}

/**
 * Draws a uniform random sample of recent client-data accesses into audit_review, in SQL.
 *
 * Scaling: ids of audit_log are dense (one sequence; only rolled-back writes leave gaps), so the window is an id range
 * [lo, hi]: lo is the first row at the window's start (one probe of the occurred_at index), hi the newest row.
 * A small window is sampled exactly with ORDER BY random(). A large one (50 million rows, a month ≈ a million) is
 * sampled by drawing random ids in the range and looking each up by primary key: rejection sampling, so ineligible
 * ids (security events, empty searches, already sampled) are skipped and the result stays uniform over the eligible
 * rows. Each round costs `probes` index lookups, whatever the table's size; the probe count doubles when a round
 * leaves the sample short, and the rounds are bounded.
 */
export async function drawSample(trx: Transaction<DB>, o: SampleOptions): Promise<number> {
  const exactBelow = o.exactBelow ?? 50_000
  const lo = await sql<{ id: number }>`
    SELECT id FROM audit_log WHERE occurred_at >= now() - make_interval(days => ${o.windowDays}::int) ORDER BY occurred_at LIMIT 1`.execute(trx)
  const head = await sql<{ id: number | null }>`SELECT max(id) AS id FROM audit_log`.execute(trx)
  const low = lo.rows[0]?.id
  const high = Number(head.rows[0]?.id ?? 0)
  if (low === undefined || high < low) return 0
  const picked: number[] = []
  if (high - low + 1 <= exactBelow) {
    const { rows } = await sql<{ id: number }>`
      SELECT a.id FROM audit_log a
       WHERE a.id BETWEEN ${low} AND ${high} AND ${eligible(o.userId, o.windowDays)}
       ORDER BY random() LIMIT ${o.size}`.execute(trx)
    picked.push(...rows.map((r) => r.id))
  } else {
    let probes = Math.max(o.size * 20, 200)
    for (let round = 0; round < 5 && picked.length < o.size; round++, probes *= 2) {
      const { rows } = await sql<{ id: number }>`
        SELECT a.id
          FROM (SELECT DISTINCT (${low}::bigint + floor(random() * ${high - low + 1})::bigint) AS id
                  FROM generate_series(1, ${probes}::int)) p
          JOIN audit_log a ON a.id = p.id
         WHERE ${eligible(o.userId, o.windowDays)} AND a.id <> ALL(${picked}::bigint[])
         ORDER BY random() LIMIT ${o.size - picked.length}`.execute(trx)
      picked.push(...rows.map((r) => r.id))
    }
  }
  if (!picked.length) return 0
  const inserted = await trx
    .insertInto('audit_review')
    .values(picked.map((id) => ({ audit_id: id, sampled_by: o.userId })))
    .onConflict((oc) => oc.column('audit_id').doNothing())
    .returning('id')
    .execute()
  return inserted.length
}

export async function listSample(db: Executor, opts: { status: 'open' | 'all'; limit: number }): Promise<SampleItem[]> {
  let q = db
    .selectFrom('audit_review as r')
    .innerJoin('audit_log as a', 'a.id', 'r.audit_id')
    .leftJoin('staff_user as u', 'u.id', 'a.user_id')
    .leftJoin('staff_user as rv', 'rv.id', 'r.reviewed_by')
    .select(ENTRY_COLUMNS)
    .select(['u.display_name as user_name', 'r.id as review_id', 'r.sampled_at', 'r.reviewed_at', 'r.verdict', 'r.note', 'rv.display_name as reviewer'])
  if (opts.status === 'open') q = q.where('r.reviewed_at', 'is', null)
  const rows = await q
    .orderBy(sql`r.reviewed_at IS NULL`, 'desc')
    .orderBy('r.sampled_at', 'desc')
    .orderBy('a.id', 'desc')
    .limit(opts.limit)
    .execute()
  return rows.map((r) => ({
    id: r.review_id,
    sampledAt: r.sampled_at.toISOString(),
    entry: toEntry(r as EntryRow),
    reviewedAt: r.reviewed_at?.toISOString() ?? null,
    reviewedByName: r.reviewer,
    verdict: r.verdict,
    note: r.note,
  }))
}

/** Closes one sampled access; undefined when there is no such review, 'closed' when it was already reviewed. */
export async function closeSampleReview(
  trx: Transaction<DB>,
  id: string,
  by: string,
  verdict: Verdict,
  note: string,
): Promise<{ clientIds: string[] } | 'closed' | undefined> {
  const current = await trx
    .selectFrom('audit_review as r')
    .innerJoin('audit_log as a', 'a.id', 'r.audit_id')
    .select(['r.reviewed_at', 'a.client_ids'])
    .where('r.id', '=', id)
    .forUpdate('r')
    .executeTakeFirst()
  if (!current) return undefined
  if (current.reviewed_at) return 'closed'
  await trx.updateTable('audit_review').set({ reviewed_by: by, reviewed_at: sql<Date>`now()`, verdict, note }).where('id', '=', id).execute()
  return { clientIds: current.client_ids }
}

// ---- Break-the-glass review queue -----------------------------------------------------------------------------

export async function listBreakGlass(
  db: Executor,
  opts: { status: 'open' | 'all'; limit: number; lang: 'fi' | 'sv' | 'en' },
): Promise<BreakGlassReviewItem[]> {
  const select = (reviewed: boolean) => {
    let q = db
      .selectFrom('break_glass as bg')
      .innerJoin('staff_user as u', 'u.id', 'bg.user_id')
      .innerJoin('service_task as st', 'st.code', 'bg.service_task')
      .leftJoin('staff_user as rv', 'rv.id', 'bg.reviewed_by')
      .select([
        'bg.id',
        'bg.user_id',
        'u.display_name as user_name',
        'bg.person_id',
        'bg.service_task',
        'st.name_fi',
        'st.name_sv',
        'st.name_en',
        'bg.reason',
        'bg.created_at',
        'bg.expires_at',
        sql<boolean>`bg.expires_at > now()`.as('active'),
        'bg.reviewed_at',
        'rv.display_name as reviewer',
        'bg.verdict',
        'bg.review_note',
        // Reads of the client by the user on this access: the (user_id, occurred_at) index bounds the scan.
        (eb) =>
          eb
            .selectFrom('audit_log as a')
            .select(sql<number>`count(*)::int`.as('n'))
            .whereRef('a.user_id', '=', 'bg.user_id')
            .where(sql<boolean>`a.occurred_at >= bg.created_at AND a.occurred_at <= bg.expires_at`)
            .where(sql<boolean>`a.client_ids @> ARRAY[bg.person_id]`)
            .where('a.basis', '=', 'break_glass')
            .where('a.action', '<>', 'security')
            .where('a.outcome', '=', 'success')
            .as('access_count'),
      ])
    q = reviewed ? q.where('bg.reviewed_at', 'is not', null).orderBy('bg.reviewed_at', 'desc') : q.where('bg.reviewed_at', 'is', null).orderBy('bg.created_at', 'asc')
    return q.limit(opts.limit)
  }
  const open = await select(false).execute()
  const closed = opts.status === 'open' || open.length >= opts.limit ? [] : await select(true).limit(opts.limit - open.length).execute()
  return [...open, ...closed].map((r) => ({
    id: r.id,
    userId: r.user_id,
    userName: r.user_name,
    personId: r.person_id,
    serviceTask: r.service_task,
    serviceTaskName: opts.lang === 'sv' ? r.name_sv : opts.lang === 'en' ? r.name_en : r.name_fi,
    reason: r.reason,
    createdAt: r.created_at.toISOString(),
    expiresAt: r.expires_at.toISOString(),
    active: r.active,
    accessCount: r.access_count ?? 0,
    reviewedAt: r.reviewed_at?.toISOString() ?? null,
    reviewedByName: r.reviewer,
    verdict: r.verdict,
    note: r.review_note,
  }))
}

export async function closeBreakGlassReview(
  trx: Transaction<DB>,
  id: string,
  by: string,
  verdict: Verdict,
  note: string,
): Promise<{ personId: string } | 'closed' | undefined> {
  const current = await trx.selectFrom('break_glass').select(['person_id', 'reviewed_at']).where('id', '=', id).forUpdate().executeTakeFirst()
  if (!current) return undefined
  if (current.reviewed_at) return 'closed'
  await trx.updateTable('break_glass').set({ reviewed_by: by, reviewed_at: sql<Date>`now()`, verdict, review_note: note }).where('id', '=', id).execute()
  return { personId: current.person_id }
}

// ---- The officer's own processing, audited ----------------------------------------------------------------------

function roleOf(ctx: AuthedContext, action: keyof typeof privacyActions): string | null {
  return grantsFor(ctx.principal, privacyActions[action])[0]?.roleCode ?? null
}

/**
 * The data protection officer reading the log is processing the data of every client the answer names: `work`
 * reads in one transaction, and one audit row (event `audit:read`) with the clients it names is the transaction's
 * last step.
 */
export async function readLogged<T>(
  db: Kysely<DB>,
  ctx: AuthedContext,
  read: { dataGroup: string; kind: 'search' | 'view' },
  work: (trx: Transaction<DB>) => Promise<{ value: T; clientIds: Iterable<string> }>,
): Promise<T> {
  return db.transaction().execute(async (trx) => {
    const { value, clientIds } = await work(trx)
    await appendAudit(trx, {
      userId: ctx.principal.userId,
      roleCode: roleOf(ctx, 'audit:read'),
      clientIds: [...new Set(clientIds)],
      dataGroup: read.dataGroup,
      kind: read.kind,
      event: privacyEvents.read,
      basis: 'log_monitoring',
      outcome: 'success',
      requestId: ctx.requestId,
      clientAddress: ctx.clientAddress,
    })
    return value
  })
}

/** Closes a review: `undefined` = no such item, `'closed'` = already reviewed, otherwise the clients it concerned. */
export type CloseReview = (trx: Transaction<DB>, id: string, userId: string, verdict: Verdict, note: string) => Promise<undefined | 'closed' | string[]>

/**
 * A verdict on a reviewed access (break the glass or a sampled one): the review is closed and an `audit:review` row
 * pointing to it appended in the same transaction. Answers as `close` does, or 'ok'.
 */
export async function closeWithVerdict(
  db: Kysely<DB>,
  ctx: AuthedContext,
  review: { id: string; dataGroup: string; verdict: Verdict; note: string },
  close: CloseReview,
): Promise<undefined | 'closed' | 'ok'> {
  return db.transaction().execute(async (trx) => {
    const clientIds = await close(trx, review.id, ctx.principal.userId, review.verdict, review.note)
    if (clientIds === undefined || clientIds === 'closed') return clientIds
    await appendAudit(trx, {
      userId: ctx.principal.userId,
      roleCode: roleOf(ctx, 'audit:review'),
      clientIds,
      dataGroup: review.dataGroup,
      event: privacyEvents.review,
      basis: 'log_monitoring',
      refId: review.id,
      outcome: 'success',
      requestId: ctx.requestId,
      clientAddress: ctx.clientAddress,
    })
    return 'ok' as const
  })
}

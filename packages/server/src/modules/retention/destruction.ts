import type { DestructionItem, DestructionListDetail, DestructionListSummary, DestructionRecord } from '@huoma/contract'
import type { ClientForgetter } from '../../kernel/client-forget'
import type { RegisterRecords } from '../../kernel/register-records'
import type { LocalDate } from '@huoma/domain'
import { createHmac, hkdfSync } from 'node:crypto'
import fs from 'node:fs/promises'
import path from 'node:path'
import { sql, type Kysely, type RawBuilder, type Transaction } from 'kysely'
import { appendAudit, type Executor } from '../../access/audit'
import type { DB } from '../../db/schema'
import { HttpProblem, problems, type FieldIssue } from '../../http/problem'
import { retentionEvents } from './events'
import { purgeClients, purgeRegisters } from './purge'
import { CLIENT_REGISTER, recomputeClients } from './state'
import { dateOf } from '../../db/dates'

/** The key of the destruction records' pseudonyms: derived from the server's secret key, never stored. */
export function destructionKey(secret: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', secret, Buffer.alloc(0), 'huoma destruction record subject key', 32))
}

/** Whose records were destroyed, pseudonymously: HMAC-SHA256 of the identity (henkilötunnus or temporary id). */
export function subjectKey(key: Buffer, identity: string): string {
  return createHmac('sha256', key).update(identity.trim().toUpperCase()).digest('hex')
}

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString())

// ---------------------------------------------------------------------------------------------------------------
// Proposal

/** The basis of an item's registers, as the archive officer reviews it (over `retention_state s`, `retention_rule r`). */
const BASIS = sql`string_agg(s.retention_class || ' ' || coalesce(r.years::text, '?') || ' y from ' || coalesce(r.trigger, '?')
                        || CASE WHEN s.fallback THEN ' (birth + 120 y: death not known)' ELSE '' END
                        || ', ' || to_char(s.destroy_after, 'YYYY-MM-DD'), '; ' ORDER BY s.register)
               || ' — ' || string_agg(DISTINCT coalesce(r.legal_source, ''), '; ')`

/** "An item of an open list already names this" for the client `person` (and `also`, when given). */
const onOpenList = (person: RawBuilder<unknown>, also?: RawBuilder<unknown>) =>
  sql`EXISTS (SELECT 1 FROM destruction_item i JOIN destruction_list l ON l.id = i.list_id
              WHERE i.person_id = ${person} AND i.state = 'listed' AND l.state IN ('proposed', 'approved', 'executing')${also ? sql` AND ${also}` : sql``})`

/**
 * Proposes a destruction list (the states are current: the caller recomputed the stale ones), or null when nothing is
 * due. Two kinds of items: the whole client, whose every register's retention ran out before `today`, none
 * permanent, none held, not stale and not on a list still open; and the registers of a client who as a whole is not
 * due (another register running, permanent or held — a hold on one register keeps that register only): each register
 * whose retention ran out, never the basic data (`client`) alone, nothing of the permanent sample, no register already
 * on an open list. A register destroyed has no retention left until a new matter of it is opened, so it is not
 * listed again before that.
 */
export async function proposeList(trx: Transaction<DB>, o: { proposedBy: string | null; today: LocalDate }): Promise<{ listId: string; clientIds: string[] } | null> {
  const list = await trx.insertInto('destruction_list').values({ state: 'proposed', proposed_by: o.proposedBy, due_on: o.today }).returning('id').executeTakeFirstOrThrow()
  const whole = await sql<{ person_id: string }>`
    INSERT INTO destruction_item (list_id, person_id, scope, label, birth_date, registers, destroy_after, basis)
    SELECT ${list.id}::uuid, d.person_id, 'client', p.last_name || ', ' || p.first_names, p.birth_date, d.registers, d.destroy_after, d.basis
    FROM (
      SELECT s.person_id, max(s.destroy_after) AS destroy_after, array_agg(s.register ORDER BY s.register) AS registers, ${BASIS} AS basis
      FROM retention_state s LEFT JOIN retention_rule r ON r.id = s.rule_id
      GROUP BY s.person_id
      HAVING bool_and(s.status = 'until' AND s.destroy_after < ${o.today}::date)
    ) d
    JOIN person p ON p.id = d.person_id AND p.merged_into IS NULL
    WHERE NOT EXISTS (SELECT 1 FROM retention_stale st WHERE st.person_id = d.person_id)
      AND NOT EXISTS (SELECT 1 FROM retention_hold h WHERE h.person_id = d.person_id AND h.lifted_at IS NULL)
      AND NOT ${onOpenList(sql`d.person_id`)}
    RETURNING person_id`.execute(trx)
  // the registers that ran out of the clients kept as a whole (after the whole clients: none of theirs is listed twice)
  const registers = await sql<{ person_id: string }>`
    INSERT INTO destruction_item (list_id, person_id, scope, label, birth_date, registers, destroy_after, basis)
    SELECT ${list.id}::uuid, d.person_id, 'registers', p.last_name || ', ' || p.first_names, p.birth_date, d.registers, d.destroy_after, d.basis
    FROM (
      SELECT s.person_id, max(s.destroy_after) AS destroy_after, array_agg(s.register ORDER BY s.register) AS registers, ${BASIS} AS basis
      FROM retention_state s LEFT JOIN retention_rule r ON r.id = s.rule_id
      WHERE s.status = 'until' AND s.destroy_after < ${o.today}::date AND s.register <> ${CLIENT_REGISTER}
        AND NOT ${onOpenList(sql`s.person_id`, sql`(i.scope = 'client' OR s.register = ANY(i.registers))`)}
      GROUP BY s.person_id
    ) d
    JOIN person p ON p.id = d.person_id AND p.merged_into IS NULL
    WHERE NOT EXISTS (SELECT 1 FROM retention_stale st WHERE st.person_id = d.person_id)
      -- the client as a whole is kept: some register is not due
      AND EXISTS (SELECT 1 FROM retention_state k WHERE k.person_id = d.person_id AND NOT (k.status = 'until' AND k.destroy_after < ${o.today}::date))
      -- the permanent sample keeps everything
      AND NOT EXISTS (SELECT 1 FROM retention_state k WHERE k.person_id = d.person_id AND k.permanent_reason = 'sample')
    RETURNING person_id`.execute(trx)
  const rows = [...whole.rows, ...registers.rows]
  if (!rows.length) {
    await trx.deleteFrom('destruction_list').where('id', '=', list.id).execute()
    return null
  }
  return { listId: list.id, clientIds: [...new Set(rows.map((r) => r.person_id))] }
}

// ---------------------------------------------------------------------------------------------------------------
// Reading

const summaries = (db: Executor) =>
  db
    .selectFrom('destruction_list as l')
    .leftJoin('staff_user as p', 'p.id', 'l.proposed_by')
    .leftJoin('staff_user as a', 'a.id', 'l.approved_by')
    .select([
      'l.id',
      'l.number',
      'l.state',
      'l.due_on',
      'l.proposed_at',
      'l.approved_at',
      'l.finished_at',
      'l.version',
      'p.display_name as proposer',
      'a.display_name as approver',
      sql<number>`(SELECT count(*) FROM destruction_item i WHERE i.list_id = l.id AND i.state = 'listed')`.as('listed'),
      sql<number>`(SELECT count(*) FROM destruction_item i WHERE i.list_id = l.id AND i.state = 'removed')`.as('removed'),
      sql<number>`(SELECT count(*) FROM destruction_item i WHERE i.list_id = l.id AND i.state = 'destroyed')`.as('destroyed'),
    ])

type SummaryRow = Awaited<ReturnType<ReturnType<typeof summaries>['execute']>>[number]
const toSummary = (r: SummaryRow): DestructionListSummary => ({
  id: r.id,
  number: Number(r.number),
  state: r.state,
  dueOn: dateOf(r.due_on),
  proposedAt: iso(r.proposed_at)!,
  proposedBy: r.proposer,
  approvedBy: r.approver,
  approvedAt: iso(r.approved_at),
  finishedAt: iso(r.finished_at),
  listed: Number(r.listed),
  removed: Number(r.removed),
  destroyed: Number(r.destroyed),
  version: r.version,
})

export async function listSummaries(db: Executor): Promise<DestructionListSummary[]> {
  return (await summaries(db).orderBy('l.number', 'desc').limit(200).execute()).map(toSummary)
}

/** The most items a list's page carries (the counts are always exact). */
export const ITEMS_SHOWN = 2000

/** A list with its items (the first ITEMS_SHOWN, listed ones first, by name). */
export async function listDetail(db: Executor, listId: string): Promise<DestructionListDetail> {
  const list = await summaries(db).where('l.id', '=', listId).executeTakeFirst()
  if (!list) throw problems.notFound()
  const items = await db
    .selectFrom('destruction_item as i')
    .leftJoin('destruction_record as r', 'r.item_id', 'i.id')
    .select(['i.id', 'i.person_id', 'i.scope', 'i.label', 'i.birth_date', 'i.registers', 'i.destroy_after', 'i.basis', 'i.state', 'i.removed_reason', 'r.number as record_number'])
    .where('i.list_id', '=', listId)
    .orderBy(sql`i.state = 'listed'`, 'desc')
    .orderBy('i.label')
    .orderBy('i.id')
    .limit(ITEMS_SHOWN)
    .execute()
  return {
    list: toSummary(list),
    items: items.map(
      (i): DestructionItem => ({
        id: i.id,
        personId: i.person_id,
        scope: i.scope,
        label: i.label,
        birthDate: i.birth_date ? dateOf(i.birth_date) : null,
        registers: i.registers,
        destroyAfter: dateOf(i.destroy_after),
        basis: i.basis,
        state: i.state,
        removedReason: i.removed_reason,
        recordNumber: i.record_number === null ? null : Number(i.record_number),
      }),
    ),
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Review and approval

async function lockList(trx: Executor, listId: string) {
  const list = await trx.selectFrom('destruction_list').selectAll().where('id', '=', listId).forUpdate().executeTakeFirst()
  if (!list) throw problems.notFound()
  return list
}

const stateIssue = (code: string, state: string) => new HttpProblem(409, 'conflict', { issues: [{ field: 'list', code, params: { state } }] })

/** Takes a client off a proposed list with the reason (the item stays, marked removed). */
export async function removeItem(trx: Transaction<DB>, o: { listId: string; itemId: string; reason: string; version: number; userId: string; now: Date }): Promise<string> {
  const list = await lockList(trx, o.listId)
  if (list.state !== 'proposed') throw stateIssue('destruction.not_proposed', list.state)
  if (list.version !== o.version) throw problems.conflict()
  const reason = o.reason.trim()
  if ([...reason].length < 3) throw problems.validation([{ field: 'reason', code: 'retention.reason' }])
  const item = await trx.selectFrom('destruction_item').select(['person_id', 'state']).where('id', '=', o.itemId).where('list_id', '=', o.listId).executeTakeFirst()
  if (!item) throw problems.notFound()
  if (item.state !== 'listed') throw new HttpProblem(409, 'conflict', { issues: [{ field: 'item', code: 'destruction.item_state' }] })
  await trx.updateTable('destruction_item').set({ state: 'removed', removed_by: o.userId, removed_at: o.now, removed_reason: reason }).where('id', '=', o.itemId).execute()
  await trx.updateTable('destruction_list').set({ version: list.version + 1 }).where('id', '=', o.listId).execute()
  return item.person_id
}

/** An item as its checks read it: whose, the whole client or only some registers. */
type CheckedItem = { id: string; person_id: string; scope: 'client' | 'registers'; registers: string[] }

/**
 * Why each of these items may not be destroyed today, if anything: the clients' retention is recomputed from the facts
 * now (a hold placed, a death corrected, a new matter opened since the proposal), then for the whole client every
 * register must have run out, none permanent, none held; for registers, each of the item's registers must have run
 * out, not be permanent nor held (on the register or on the client), and the client must not be of the permanent
 * sample.
 */
export async function refusals(trx: Transaction<DB>, items: CheckedItem[], today: LocalDate): Promise<FieldIssue[]> {
  const issues: FieldIssue[] = []
  // in parts: a statement takes at most 65 535 parameters
  for (let i = 0; i < items.length; i += REFUSAL_CHUNK) issues.push(...(await refusalsOf(trx, items.slice(i, i + REFUSAL_CHUNK), today)))
  return issues
}

const REFUSAL_CHUNK = 5000

async function refusalsOf(trx: Transaction<DB>, items: CheckedItem[], today: LocalDate): Promise<FieldIssue[]> {
  if (!items.length) return []
  const ids = [...new Set(items.map((i) => i.person_id))]
  await recomputeClients(trx, ids, today)
  const states = await trx.selectFrom('retention_state').select(['person_id', 'register', 'status', 'destroy_after', 'permanent_reason']).where('person_id', 'in', ids).execute()
  const by = new Map<string, typeof states>()
  for (const s of states) by.set(s.person_id, [...(by.get(s.person_id) ?? []), s])
  const issues: FieldIssue[] = []
  for (const item of items) {
    const all = by.get(item.person_id) ?? []
    if (!all.length) continue // not in the registry any more: nothing to destroy, the execution marks it
    const field = `items.${item.id}`
    const sample = all.find((r) => r.permanent_reason === 'sample')
    if (item.scope === 'registers' && sample) {
      issues.push({ field, code: 'destruction.permanent', params: { reason: 'sample' } })
      continue
    }
    // a register of the item without retention (no matter of it any more) is not due
    const rows = item.scope === 'client' ? all : item.registers.map((register) => all.find((r) => r.register === register) ?? { register, status: 'running' as const, destroy_after: null, permanent_reason: null })
    const held = rows.find((r) => r.status === 'held')
    const permanent = rows.find((r) => r.status === 'permanent')
    const notDue = rows.find((r) => r.status === 'running' || (r.status === 'until' && r.destroy_after !== null && dateOf(r.destroy_after) >= today))
    if (held) issues.push({ field, code: 'destruction.held' })
    else if (permanent) issues.push({ field, code: 'destruction.permanent', params: { reason: permanent.permanent_reason ?? '' } })
    else if (notDue) issues.push({ field, code: 'destruction.not_due', params: { destroyAfter: notDue.destroy_after ? dateOf(notDue.destroy_after) : '–' } })
  }
  return issues
}

/** Approves a proposed list: by another than its proposer, and every listed client still due and not held. */
export async function approveList(trx: Transaction<DB>, o: { listId: string; version: number; userId: string; today: LocalDate; now: Date }): Promise<string[]> {
  const list = await lockList(trx, o.listId)
  if (list.state !== 'proposed') throw stateIssue('destruction.not_proposed', list.state)
  if (list.version !== o.version) throw problems.conflict()
  if (list.proposed_by === o.userId) throw new HttpProblem(403, 'forbidden', { issues: [{ field: 'list', code: 'destruction.own_proposal' }] })
  const items = await trx.selectFrom('destruction_item').select(['id', 'person_id', 'scope', 'registers']).where('list_id', '=', o.listId).where('state', '=', 'listed').execute()
  if (!items.length) throw new HttpProblem(409, 'conflict', { issues: [{ field: 'list', code: 'destruction.empty' }] })
  const issues = await refusals(trx, items, o.today)
  if (issues.length) throw new HttpProblem(409, 'conflict', { issues })
  await trx.updateTable('destruction_list').set({ state: 'approved', approved_by: o.userId, approved_at: o.now, version: list.version + 1 }).where('id', '=', o.listId).execute()
  return [...new Set(items.map((i) => i.person_id))]
}

// ---------------------------------------------------------------------------------------------------------------
// Execution

export interface ExecuteOptions {
  /** who runs it (null: the retention job resuming a stopped run) */
  userId: string | null
  today: LocalDate
  /** the clock's time, read as the run goes on */
  now: () => Date
  key: Buffer
  /** the attachment folder (files of clients destroyed are unlinked after their batch commits) */
  attachmentFolder: string
  /** every module's `forgetClients` (catalogue's CLIENT_FORGETTERS): what they hold of the clients goes with them */
  forgetters: readonly ClientForgetter[]
  /** every module's records of a register (catalogue's REGISTER_RECORDS): what an item of registers removes */
  registerRecords: RegisterRecords
  batchSize?: number
  signal?: AbortSignal
  /** called after each committed batch (tests and the benchmark) */
  onBatch?: (destroyed: number) => void
}

async function unlinkPending(db: Kysely<DB>, listId: string, folder: string): Promise<void> {
  const pending = await db.selectFrom('destruction_item').select(['id', 'pending_files']).where('list_id', '=', listId).where(sql<boolean>`cardinality(pending_files) > 0`).execute()
  for (const item of pending) {
    for (const key of item.pending_files) {
      if (!/^[0-9a-f-]{36}$/.test(key)) continue
      await fs.rm(path.join(folder, key), { force: true })
    }
    await db.updateTable('destruction_item').set({ pending_files: [] }).where('id', '=', item.id).execute()
  }
}

/**
 * Executes an approved list in batches, each one transaction: the batch's items are checked again (due, not held,
 * not permanent — otherwise the run stops with the reasons and nothing of the batch is destroyed), every row of a
 * whole client is removed (`purgeClients`) and every row of an item's registers (`purgeRegisters`: the modules'
 * register records and what hangs on them), a destruction record is written for each, the items are marked destroyed, and
 * the batch's audit row names them. A run killed at any point leaves each batch whole or untouched; running the
 * list again resumes with the items still listed, so nothing is destroyed twice. Files of the attachment folder
 * are unlinked after their batch commits (and by the next run if the process died in between).
 */
export async function executeList(db: Kysely<DB>, listId: string, o: ExecuteOptions): Promise<{ destroyed: number; batches: number }> {
  const batchSize = o.batchSize ?? 500
  const list = await db.transaction().execute(async (trx) => {
    const l = await lockList(trx, listId)
    if (l.state !== 'approved' && l.state !== 'executing') throw stateIssue('destruction.not_approved', l.state)
    if (l.state === 'approved') {
      await trx.updateTable('destruction_list').set({ state: 'executing', executed_by: o.userId, started_at: o.now(), version: l.version + 1 }).where('id', '=', listId).execute()
    }
    return l
  })
  await unlinkPending(db, listId, o.attachmentFolder)
  let destroyed = 0
  let batches = 0
  for (;;) {
    o.signal?.throwIfAborted()
    const n = await db.transaction().execute(async (trx) => {
      // the one way past the immutability guards: this transaction names the executing list
      await sql`SELECT set_config('huoma.destruction_list', ${listId}, true)`.execute(trx)
      const items = await trx
        .selectFrom('destruction_item')
        .select(['id', 'person_id', 'scope', 'registers', 'destroy_after', 'basis'])
        .where('list_id', '=', listId)
        .where('state', '=', 'listed')
        .orderBy('id')
        .limit(batchSize)
        .forUpdate()
        .execute()
      if (!items.length) return 0
      const issues = await refusals(trx, items, o.today)
      if (issues.length) throw new HttpProblem(409, 'conflict', { issues })
      const persons = await trx
        .selectFrom('person')
        .select(['id', 'hetu', 'temporary_id'])
        .where('id', 'in', items.map((i) => i.person_id))
        .forUpdate()
        .execute()
      const identity = new Map(persons.map((p) => [p.id, (p.hetu ?? p.temporary_id)!]))
      const present = items.filter((i) => identity.has(i.person_id))
      const missing = items.filter((i) => !identity.has(i.person_id))
      if (missing.length) {
        await trx
          .updateTable('destruction_item')
          .set({ state: 'removed', removed_by: list.approved_by, removed_at: o.now(), removed_reason: 'Not in the registry when the list was executed' })
          .where('id', 'in', missing.map((i) => i.id))
          .execute()
      }
      if (!present.length) return missing.length
      // the whole clients first; then the registers of clients who stay (the client of a whole item is not on
      // another open item, so no client is both)
      const wholeItems = present.filter((i) => i.scope === 'client')
      const registerItems = present.filter((i) => i.scope === 'registers')
      const purged = await purgeClients(trx, wholeItems.map((i) => i.person_id), o.forgetters)
      const purgedRegisters = await purgeRegisters(trx, registerItems.map((i) => ({ personId: i.person_id, registers: i.registers })), o.registerRecords, o.forgetters)
      const resultOf = (i: (typeof present)[number]) => (i.scope === 'client' ? purged : purgedRegisters)
      const now = o.now()
      await trx
        .insertInto('destruction_record')
        .values(
          present.map((i) => ({
            list_id: listId,
            item_id: i.id,
            subject_key: subjectKey(o.key, identity.get(i.person_id)!),
            scope: i.scope,
            registers: i.registers,
            destroy_after: dateOf(i.destroy_after),
            basis: i.basis,
            proposed_by: list.proposed_by,
            approved_by: list.approved_by!,
            executed_by: o.userId,
            destroyed_at: now,
            counts: JSON.stringify({ ...resultOf(i).perClient.get(i.person_id), files: resultOf(i).files.get(i.person_id)?.length ?? 0 }),
          })),
        )
        .execute()
      // the item keeps the id (which names nobody once the person is gone), not the name or birth date
      const withFiles = present.filter((i) => resultOf(i).files.has(i.person_id))
      await trx
        .updateTable('destruction_item')
        .set({ state: 'destroyed', destroyed_at: now, label: null, birth_date: null })
        .where('id', 'in', present.map((i) => i.id))
        .execute()
      for (const i of withFiles) await trx.updateTable('destruction_item').set({ pending_files: resultOf(i).files.get(i.person_id)! }).where('id', '=', i.id).execute()
      await appendAudit(trx, {
        event: retentionEvents.destroyed,
        userId: o.userId,
        basis: o.userId ? 'role' : 'system',
        refId: listId,
        clientIds: [...new Set(present.map((i) => i.person_id))],
        outcome: 'success',
      })
      return items.length
    })
    if (n === 0) break
    destroyed += n
    batches++
    await unlinkPending(db, listId, o.attachmentFolder)
    o.onBatch?.(destroyed)
  }
  await db.updateTable('destruction_list').set({ state: 'done', finished_at: o.now() }).where('id', '=', listId).where('state', '=', 'executing').execute()
  return { destroyed, batches }
}

/** The lists a stopped run left executing (the retention job resumes them). */
export async function executingLists(db: Executor): Promise<string[]> {
  return (await db.selectFrom('destruction_list').select('id').where('state', '=', 'executing').orderBy('number').execute()).map((l) => l.id)
}

// ---------------------------------------------------------------------------------------------------------------
// Records

export async function listRecords(db: Executor, o: { subjectKey?: string; listId?: string }): Promise<DestructionRecord[]> {
  let q = db
    .selectFrom('destruction_record as r')
    .innerJoin('destruction_list as l', 'l.id', 'r.list_id')
    .innerJoin('staff_user as a', 'a.id', 'r.approved_by')
    .leftJoin('staff_user as p', 'p.id', 'r.proposed_by')
    .select(['r.id', 'r.number', 'l.number as list_number', 'r.subject_key', 'r.scope', 'r.registers', 'r.destroy_after', 'r.basis', 'p.display_name as proposer', 'a.display_name as approver', 'r.destroyed_at', 'r.counts'])
    .orderBy('r.number', 'desc')
    .limit(500)
  if (o.subjectKey) q = q.where('r.subject_key', '=', o.subjectKey)
  if (o.listId) q = q.where('r.list_id', '=', o.listId)
  return (await q.execute()).map((r) => ({
    id: r.id,
    number: Number(r.number),
    listNumber: Number(r.list_number),
    subjectKey: r.subject_key,
    scope: r.scope,
    registers: r.registers,
    destroyAfter: dateOf(r.destroy_after),
    basis: r.basis,
    proposedBy: r.proposer,
    approvedBy: r.approver,
    destroyedAt: iso(r.destroyed_at)!,
    counts: (typeof r.counts === 'string' ? JSON.parse(r.counts) : r.counts) as Record<string, number>,
  }))
}

import type { ClientRetention } from '@huoma/contract'
import { addDays, birthdayAt, compareLocalDates, retentionClassOfTask, retentionOf, UNKNOWN_DEATH_FALLBACK_YEARS, type LocalDate, type RetentionClass } from '@huoma/domain'
import { sql, type Kysely, type Transaction } from 'kysely'
import type { Executor } from '../../access/audit'
import type { DB } from '../../db/schema'
import { loadRules, type StoredRule } from './rules.queries'
import { dateOf } from '../../db/dates'

/** The register of a client's basic data (asiakkuusasiakirja and basic data: 2 years after death). */
export const CLIENT_REGISTER = 'client'

interface Facts {
  birth: LocalDate | null
  death: LocalDate | null
  tasks: Map<string, { open: boolean; closedOn: LocalDate | null }>
  holds: { task: string | null }[]
}


/** The facts of a batch of clients, read in the caller's transaction. */
async function factsOf(trx: Executor, personIds: string[], today: LocalDate): Promise<Map<string, Facts>> {
  const out = new Map<string, Facts>()
  if (!personIds.length) return out
  const persons = await trx.selectFrom('person').select(['id', 'birth_date', 'death_date']).where('id', 'in', personIds).where('merged_into', 'is', null).execute()
  for (const p of persons) out.set(p.id, { birth: dateOf(p.birth_date), death: dateOf(p.death_date), tasks: new Map(), holds: [] })
  const rels = await trx
    .selectFrom('client_relationship')
    .select(['person_id', 'service_task', sql<boolean>`bool_or(end_date IS NULL OR end_date > ${today})`.as('open'), sql<string | null>`max(end_date)`.as('closed_on')])
    .where('person_id', 'in', personIds)
    .groupBy(['person_id', 'service_task'])
    .execute()
  for (const r of rels) out.get(r.person_id)?.tasks.set(r.service_task, { open: !!r.open, closedOn: dateOf(r.closed_on) })
  const holds = await trx.selectFrom('retention_hold').select(['person_id', 'service_task']).where('person_id', 'in', personIds).where('lifted_at', 'is', null).execute()
  for (const h of holds) out.get(h.person_id)?.holds.push({ task: h.service_task })
  return out
}

/** One register's retention today, as stored. */
function registerRow(personId: string, register: string, cls: RetentionClass, f: Facts, task: { open: boolean; closedOn: LocalDate | null } | null, rules: StoredRule[], today: LocalDate) {
  const inForce = rules.find((r) => r.retentionClass === cls && compareLocalDates(r.validFrom, today) <= 0 && (r.validUntil === null || compareLocalDates(today, r.validUntil) <= 0)) ?? null
  const held = f.holds.some((h) => h.task === null || h.task === register)
  const r = retentionOf(
    {
      retentionClass: cls,
      birthDate: f.birth,
      deathDate: f.death,
      closedOn: task?.closedOn ?? null,
      needEnded: task ? !task.open : false,
      openMatter: task?.open ?? false,
      documentDate: null,
      decisionEndsOn: task && !task.open ? task.closedOn : null,
      archiveOrdered: inForce?.archiveOrdered ?? false,
      legalHold: held,
    },
    rules,
    today,
  )
  const base = r.kind === 'held' ? r.underlying : r
  // the unknown-death fallback runs out by time alone: look again on the first day it has
  const recheck = base.kind === 'running' && base.waitingFor === 'death' && !f.death && f.birth ? fallbackRecheck(f.birth) : null
  return {
    person_id: personId,
    register,
    retention_class: cls,
    status: r.kind,
    destroy_after: base.kind === 'until' ? base.destroyAfter : null,
    permanent_reason: base.kind === 'permanent' ? base.reason : null,
    waiting_for: base.kind === 'running' ? base.waitingFor : null,
    fallback: base.kind === 'until' ? base.fallback : false,
    rule_id: inForce?.id ?? null,
    recheck_on: recheck,
    computed_on: today,
  }
}

/** The day after the unknown-death fallback (120 years from birth) has run out. */
function fallbackRecheck(birth: LocalDate): LocalDate {
  return addDays(birthdayAt(birth, UNKNOWN_DEATH_FALLBACK_YEARS), 2)
}

/**
 * Recomputes the retention of a batch of clients from their facts today, in the caller's transaction: one row per
 * register (the basic data, and each service task the client has had a relationship in), replacing the old rows.
 */
export async function recomputeClients(trx: Executor, personIds: string[], today: LocalDate, rules?: StoredRule[]): Promise<void> {
  if (!personIds.length) return
  const table = rules ?? (await loadRules(trx))
  await trx.deleteFrom('retention_stale').where('person_id', 'in', personIds).execute()
  const facts = await factsOf(trx, personIds, today)
  await trx.deleteFrom('retention_state').where('person_id', 'in', personIds).execute()
  const rows: ReturnType<typeof registerRow>[] = []
  for (const [id, f] of facts) {
    rows.push(registerRow(id, CLIENT_REGISTER, 'client_basic', f, null, table, today))
    for (const [task, t] of f.tasks) rows.push(registerRow(id, task, retentionClassOfTask(task) ?? 'working_age', f, t, table, today))
  }
  for (let i = 0; i < rows.length; i += 2000) await trx.insertInto('retention_state').values(rows.slice(i, i + 2000)).execute()
}

/**
 * Recomputes every stale client (a fact changed) and every client whose retention changes by time alone today (the
 * unknown-death fallback), in transactions of `batch` clients. Returns how many were recomputed.
 */
export async function recomputeStale(db: Kysely<DB>, today: LocalDate, opts: { batch?: number; signal?: AbortSignal } = {}): Promise<number> {
  const batch = opts.batch ?? 2000
  const rules = await db.transaction().execute((trx) => loadRules(trx))
  let done = 0
  for (;;) {
    opts.signal?.throwIfAborted()
    const n = await db.transaction().execute(async (trx: Transaction<DB>) => {
      const stale = await trx.selectFrom('retention_stale').select('person_id').limit(batch).forUpdate().skipLocked().execute()
      let ids = stale.map((s) => s.person_id)
      if (ids.length < batch) {
        const due = await trx.selectFrom('retention_state').select('person_id').distinct().where('recheck_on', '<=', today).limit(batch - ids.length).execute()
        ids = [...new Set([...ids, ...due.map((d) => d.person_id)])]
      }
      await recomputeClients(trx, ids, today, rules)
      return ids.length
    })
    done += n
    if (n < batch) return done
  }
}

/** A client's retention as the API shows it (recomputed first when stale), with the holds. */
export async function clientRetention(trx: Executor, personId: string, today: LocalDate): Promise<ClientRetention> {
  const stale = await trx.selectFrom('retention_stale').select('person_id').where('person_id', '=', personId).executeTakeFirst()
  const has = await trx.selectFrom('retention_state').select('person_id').where('person_id', '=', personId).executeTakeFirst()
  if (stale || !has) await recomputeClients(trx, [personId], today)
  const rows = await trx
    .selectFrom('retention_state as s')
    .leftJoin('retention_rule as r', 'r.id', 's.rule_id')
    .select(['s.register', 's.retention_class', 's.status', 's.destroy_after', 's.permanent_reason', 's.waiting_for', 's.fallback', 'r.legal_source'])
    .where('s.person_id', '=', personId)
    .execute()
  const holds = await trx.selectFrom('retention_hold').selectAll().where('person_id', '=', personId).orderBy('placed_at', 'desc').execute()
  // the registers destroyed while the client stayed: the latest destruction of each
  const destroyedRows = await trx
    .selectFrom('destruction_item as i')
    .innerJoin('destruction_record as d', 'd.item_id', 'i.id')
    .select(['i.registers', 'd.number', 'd.destroyed_at'])
    .where('i.person_id', '=', personId)
    .where('i.scope', '=', 'registers')
    .where('i.state', '=', 'destroyed')
    .orderBy('d.number')
    .execute()
  const destroyed = new Map<string, { recordNumber: number; destroyedAt: string }>()
  for (const d of destroyedRows) for (const register of d.registers) destroyed.set(register, { recordNumber: Number(d.number), destroyedAt: new Date(d.destroyed_at).toISOString() })
  const kept = new Set(rows.map((r) => r.register))
  const gone = [...destroyed.keys()].filter((register) => !kept.has(register))
  return {
    registers: [
      ...rows.map((r) => ({
        register: r.register,
        retentionClass: r.retention_class,
        status: r.status,
        destroyAfter: dateOf(r.destroy_after),
        permanentReason: r.permanent_reason,
        waitingFor: r.waiting_for,
        fallback: r.fallback,
        legalSource: r.legal_source,
        destroyed: destroyed.get(r.register) ?? null,
      })),
      // destroyed and no matter of it opened since: nothing of it is kept
      ...gone.map((register) => ({
        register,
        retentionClass: retentionClassOfTask(register) ?? 'working_age',
        status: 'destroyed' as const,
        destroyAfter: null,
        permanentReason: null,
        waitingFor: null,
        fallback: false,
        legalSource: null,
        destroyed: destroyed.get(register)!,
      })),
    ].sort((a, b) => (a.register === CLIENT_REGISTER ? -1 : b.register === CLIENT_REGISTER ? 1 : a.register.localeCompare(b.register))),
    holds: holds.map((h) => ({
      id: h.id,
      serviceTask: h.service_task,
      kind: h.kind,
      reason: h.reason,
      placedAt: new Date(h.placed_at).toISOString(),
      liftedAt: h.lifted_at ? new Date(h.lifted_at).toISOString() : null,
      version: h.version,
    })),
  }
}

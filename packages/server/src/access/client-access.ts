import { sql, type Expression, type ExpressionBuilder, type Kysely, type SqlBool, type Transaction } from 'kysely'
import type { DB } from '../db/schema'
// the kernel's intake tables in the database type (declaration merging)
import type {} from '../kernel/schema'
import type { ActionDef, RoleCode } from './actions'
import { appendAudit } from './audit'
import { actionEvent } from './audit-events'
import { grantsFor, type AccessContext, type AuthedContext } from './context'
import { HttpProblem, problems } from '../http/problem'

/**
 * How a user may reach a client, per role (a grant's role decides the basis it can give):
 * - every client-content role: an open client relationship in a service task of the grant, or a live
 *   break-the-glass access (stated reason, bounded time, reviewed by the data protection officer);
 * - supervisor: also clients that have an open relationship with anyone in the grant's service tasks;
 * - office secretary: the registry's basic data of any person (registering clients is their task);
 * - intake: while a matter about persons who are not (yet) clients is open in a unit and service task (a child
 *   welfare notification, an information request), a worker with a grant in that unit and task reaches those
 *   persons' registry data (and what an action explicitly opens to intake), the audit row pointing to the intake.
 */
const SUPERVISION_ROLES: readonly RoleCode[] = ['supervisor']
const REGISTRY_ROLES: readonly RoleCode[] = ['office_secretary']

export type AccessBasis = 'relationship' | 'supervision' | 'registry' | 'intake' | 'break_glass'

const TODAY = sql<string>`(now() AT TIME ZONE 'Europe/Helsinki')::date`

interface Scopes {
  userId: string
  /** service tasks in which a relationship or break-glass access counts */
  tasks: string[]
  supervisionTasks: string[]
  registry: boolean
  /** (unit, service task) pairs of the grants in which an open intake about the person counts */
  intake: { unitId: string; task: string }[]
}

function scopesFor(ctx: AuthedContext, def: ActionDef, serviceTask: string | undefined): Scopes {
  const grants = grantsFor(ctx.principal, def)
  const inTask = (tasks: string[]) => (serviceTask ? tasks.filter((t) => t === serviceTask) : tasks)
  const uniq = (xs: string[]) => [...new Set(xs)]
  return {
    userId: ctx.principal.userId,
    tasks: uniq(grants.flatMap((g) => inTask(g.serviceTasks))),
    supervisionTasks: uniq(grants.filter((g) => SUPERVISION_ROLES.includes(g.roleCode)).flatMap((g) => inTask(g.serviceTasks))),
    registry: !serviceTask && (def.dataGroup?.startsWith('registry/') ?? false) && grants.some((g) => REGISTRY_ROLES.includes(g.roleCode)),
    // intake opens the registry's data of its persons, and whatever an action lists `intake` among its bases for
    intake:
      (def.dataGroup?.startsWith('registry/') && !def.bases) || def.bases?.includes('intake')
        ? grants.flatMap((g) => inTask(g.serviceTasks).map((task) => ({ unitId: g.unitId, task })))
        : [],
  }
}

type PersonEB = ExpressionBuilder<DB, 'person'>

/**
 * The rows behind each basis of access, not yet tied to a person: the visibility predicate correlates them with
 * `person.id` (EXISTS), the reachable set selects their `person_id` (IN) — one description of each rule for both.
 */
function relationshipRows(eb: PersonEB, s: Scopes, anyWorker: boolean, tasks: string[]) {
  let q = eb
    .selectFrom('client_relationship as cr')
    .where('cr.service_task', 'in', tasks)
    .where('cr.start_date', '<=', TODAY)
    .where((w) => w.or([w('cr.end_date', 'is', null), w('cr.end_date', '>=', TODAY)]))
  if (!anyWorker) q = q.where('cr.user_id', '=', s.userId)
  return q
}

function breakGlassRows(eb: PersonEB, s: Scopes) {
  return eb
    .selectFrom('break_glass as bg')
    .where('bg.user_id', '=', s.userId)
    .where('bg.service_task', 'in', s.tasks)
    .where(sql<boolean>`bg.expires_at > now()`)
}

function intakeRows(eb: PersonEB, s: Scopes) {
  return eb
    .selectFrom('intake_person as ip')
    .innerJoin('intake as i', 'i.id', 'ip.intake_id')
    .where('i.state', '=', 'open')
    .where((w) => w.or(s.intake.map((p) => w.and([w('i.unit_id', '=', p.unitId), w('i.service_task', '=', p.task)]))))
}

function relationshipExists(eb: PersonEB, s: Scopes, anyWorker: boolean, tasks: string[]) {
  return eb.exists(relationshipRows(eb, s, anyWorker, tasks).select(sql.lit(1).as('one')).whereRef('cr.person_id', '=', 'person.id'))
}

function breakGlassExists(eb: PersonEB, s: Scopes) {
  return eb.exists(breakGlassRows(eb, s).select(sql.lit(1).as('one')).whereRef('bg.person_id', '=', 'person.id'))
}

/** The open intake of one of the user's (unit, task) pairs naming the person, newest first (for the audit row). */
function intakeOf(eb: PersonEB, s: Scopes) {
  return intakeRows(eb, s).select('i.id').whereRef('ip.person_id', '=', 'person.id').orderBy('i.received_at', 'desc').limit(1)
}

/** The SQL predicate "this user may see this person for this action": used by lists and single reads alike. */
function visible(eb: PersonEB, s: Scopes): Expression<SqlBool> {
  const ors: Expression<SqlBool>[] = []
  if (s.registry) ors.push(sql<SqlBool>`true`)
  if (s.tasks.length) ors.push(relationshipExists(eb, s, false, s.tasks), breakGlassExists(eb, s))
  if (s.supervisionTasks.length) ors.push(relationshipExists(eb, s, true, s.supervisionTasks))
  if (s.intake.length) ors.push(eb.exists(intakeOf(eb, s)))
  return ors.length ? eb.or(ors) : sql<SqlBool>`false`
}

/**
 * "person.id IN (the persons the scopes reach)", one set of ids built from the user's own rows (their open relationships,
 * live break-the-glass accesses and open intakes; under supervision the open relationships of the grant's service
 * tasks) — each branch an index lookup, so a search can start from this small set instead of the whole register.
 * `null` when the scopes reach nobody. Without the registry's basic data (which reaches every person) it is the same
 * set as {@link visible} describes, condition for condition.
 */
function reachableIds(eb: PersonEB, s: Scopes): Expression<SqlBool> | null {
  const branches = []
  if (s.tasks.length) branches.push(relationshipRows(eb, s, false, s.tasks).select('cr.person_id'), breakGlassRows(eb, s).select('bg.person_id'))
  if (s.supervisionTasks.length) branches.push(relationshipRows(eb, s, true, s.supervisionTasks).select('cr.person_id'))
  if (s.intake.length) branches.push(intakeRows(eb, s).select('ip.person_id'))
  return branches.length ? sql<SqlBool>`person.id IN (${sql.join(branches, sql` UNION `)})` : null
}

/**
 * Where a list may start: every person (`everyone`), or the reachable set — `contains` is "person.id IN (the ids)",
 * cheap to start from (a few index lookups per client of the user) and cheap to exclude (one hashed set).
 */
export interface Reach {
  readonly everyone: boolean
  readonly contains: (eb: PersonEB) => Expression<SqlBool>
}

function reachOf(s: Scopes): Reach {
  if (s.registry) return { everyone: true, contains: () => sql<SqlBool>`true` }
  return {
    everyone: false,
    contains: (eb) => {
      return reachableIds(eb, s) ?? sql<SqlBool>`false`
    },
  }
}

/**
 * A filter for list endpoints: `db.selectFrom('person').where(visiblePersons(ctx))`. Filtering happens in SQL,
 * never by fetching and discarding.
 */
export function visiblePersons(ctx: AuthedContext, serviceTask?: string) {
  const s = scopesFor(ctx, ctx.def, serviceTask)
  return (eb: PersonEB) => visible(eb, s)
}

/** Handed to the work function of `withClientAccess`: the transaction and the basis of access. */
export interface ClientScope {
  readonly trx: Transaction<DB>
  readonly personId: string
  readonly basis: AccessBasis
  /** Other clients whose data the work returned (e.g. household members): they get the audit row too. */
  touch(...personIds: string[]): void
}

const DENIED = Symbol('denied')
const RESTRICTED = Symbol('restricted')

/** The audit kinds that let data leave the system: a restriction of processing stops them. */
const OUTPUT_KINDS: ReadonlySet<string> = new Set(['print', 'export', 'disclose'])

/** The client's data is under a restriction of processing (GDPR Art. 18): 409, nothing printed, exported or sent. */
export const RESTRICTED_PROBLEM_TYPE = 'https://huoma.fi/problems/processing-restricted'
export const restrictedProblem = () =>
  new HttpProblem(409, 'conflict', { type: RESTRICTED_PROBLEM_TYPE, issues: [{ field: 'personId', code: 'restriction.active' }] })

/**
 * Whether a live restriction covers the register: one of every register, or naming it; an output that names no
 * register is stopped by any live restriction.
 */
export async function restrictionStands(trx: Transaction<DB>, personId: string, serviceTask: string | undefined): Promise<boolean> {
  const row = await trx
    .selectFrom('processing_restriction')
    .select('id')
    .where('person_id', '=', personId)
    .where('lifted_on', 'is', null)
    .$if(serviceTask !== undefined, (q) => q.where((eb) => eb.or([eb(sql`cardinality(service_tasks)`, '=', 0), eb(sql.val(serviceTask!), '=', eb.fn.any('service_tasks'))])))
    .limit(1)
    .executeTakeFirst()
  return row !== undefined
}

/** The answer for a client destroyed at the end of retention: 410, with the destruction record's number to those who may read the records. */
export const GONE_PROBLEM_TYPE = 'https://huoma.fi/problems/client-destroyed'
const DESTRUCTION_RECORD_READERS: readonly RoleCode[] = ['archivist', 'data_protection_officer']
export function goneProblem(recordNumber: number | null): HttpProblem {
  return new HttpProblem(410, 'gone', { type: GONE_PROBLEM_TYPE, ...(recordNumber !== null ? { extra: { destructionRecord: recordNumber } } : {}) })
}

/** The destruction record of a client destroyed under this id (the list's item keeps the id, never the identity). */
async function destructionRecordOf(trx: Transaction<DB>, personId: string): Promise<number | null> {
  const { rows } = await sql<{ number: number }>`
    SELECT r.number FROM destruction_item i JOIN destruction_record r ON r.item_id = i.id
    WHERE i.person_id = ${personId} AND i.state = 'destroyed' LIMIT 1`.execute(trx)
  return rows[0] ? Number(rows[0].number) : null
}

/** The answer for an identity merged into another: 404 with a pointer to the surviving person. */
export const MERGED_PROBLEM_TYPE = 'https://huoma.fi/problems/person-merged'
export function mergedProblem(into: string): HttpProblem {
  return new HttpProblem(404, 'notFound', { type: MERGED_PROBLEM_TYPE, extra: { mergedInto: into } })
}

/**
 * The chokepoint for one client's data. In one transaction: decide in SQL whether the user may reach the client
 * for the route's action (and service task), run the work, and append the audit row. A refusal is logged too, and
 * answers 404 exactly like a client that does not exist.
 */
export interface ClientTarget {
  personId: string
  serviceTask?: string
}

/**
 * A list's work: the transaction, the visibility filter for its SQL, and the reachable set (for a search that
 * starts from the user's own clients rather than from the whole register; the same persons as the filter lets
 * through).
 */
export type ListWork<T> = (trx: Transaction<DB>, isVisible: (eb: PersonEB) => Expression<SqlBool>, reach: Reach) => Promise<T[]>

export async function withClientAccess<T>(
  db: Kysely<DB>,
  ctx: AuthedContext,
  target: ClientTarget,
  work: (scope: ClientScope) => Promise<T>,
): Promise<T> {
  const def: ActionDef = ctx.def
  if (def.scope !== 'client' || !def.audit || !def.dataGroup) {
    throw new Error(`withClientAccess used for ${ctx.action}, which is not a client action with an audit kind`)
  }
  const s = scopesFor(ctx, def, target.serviceTask)
  const base = {
    userId: ctx.principal.userId,
    roleCode: grantsFor(ctx.principal, def)[0]?.roleCode ?? null,
    dataGroup: target.serviceTask ? `${target.serviceTask}/${def.dataGroup.split('/')[1]}` : def.dataGroup,
    event: actionEvent(ctx.action, def),
    requestId: ctx.requestId,
    clientAddress: ctx.clientAddress,
  }
  // Access granted, then the record looked for is not there: the work's transaction rolls back, so its audit row
  // would go too. The attempt is written after the rollback, naming the client (a by-id probe leaves its trace).
  let reached: { basis: AccessBasis; refId: string | null } | null = null
  const result = await db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom('person')
      .select((eb) => [
        'person.id',
        'person.merged_into',
        eb
          .case()
          .when(s.tasks.length ? relationshipExists(eb, s, false, s.tasks) : sql<SqlBool>`false`)
          .then(sql.lit<AccessBasis>('relationship'))
          .when(s.supervisionTasks.length ? relationshipExists(eb, s, true, s.supervisionTasks) : sql<SqlBool>`false`)
          .then(sql.lit<AccessBasis>('supervision'))
          .when(sql.lit(s.registry))
          .then(sql.lit<AccessBasis>('registry'))
          .else(null)
          .end()
          .as('basis'),
        s.intake.length ? intakeOf(eb, s).as('intake_id') : sql<string | null>`NULL::uuid`.as('intake_id'),
        eb
          .selectFrom('break_glass as bg')
          .select('bg.id')
          .whereRef('bg.person_id', '=', 'person.id')
          .where('bg.user_id', '=', s.userId)
          .where('bg.service_task', 'in', s.tasks.length ? s.tasks : [''])
          .where(sql<boolean>`bg.expires_at > now()`)
          .orderBy('bg.created_at', 'desc')
          .limit(1)
          .as('break_glass_id'),
      ])
      .where('person.id', '=', target.personId)
      .executeTakeFirst()
    // Every basis the user has for this client, strongest first; an action may demand a stronger one than merely
    // seeing the client (e.g. a protected address is not for the registry basis).
    const available = [row?.basis, row?.intake_id ? 'intake' : null, row?.break_glass_id ? 'break_glass' : null].filter((b): b is AccessBasis => !!b)
    const basis = available.find((b) => !def.bases || def.bases.includes(b)) ?? null
    if (!row || !basis) {
      await appendAudit(trx, { ...base, clientIds: [target.personId], outcome: 'denied', basis: null })
      const destroyed = row ? null : await destructionRecordOf(trx, target.personId)
      if (destroyed !== null) return { gone: ctx.principal.roles.some((r) => DESTRUCTION_RECORD_READERS.includes(r)) ? destroyed : null }
      return DENIED
    }
    if (row.merged_into) {
      // A merged (temporary) identity serves no module: every record moved to the survivor. The user who may reach
      // it is told where to go; nothing of the client was processed, so the row records a refusal.
      await appendAudit(trx, { ...base, clientIds: [target.personId], outcome: 'denied', basis })
      return { merged: row.merged_into as string }
    }
    if (OUTPUT_KINDS.has(def.audit!) && def.underRestriction !== 'allowed' && (await restrictionStands(trx, target.personId, target.serviceTask))) {
      await appendAudit(trx, { ...base, clientIds: [target.personId], outcome: 'denied', basis })
      return RESTRICTED
    }
    const touched = new Set<string>([target.personId])
    reached = { basis, refId: basis === 'break_glass' ? (row.break_glass_id ?? null) : basis === 'intake' ? (row.intake_id ?? null) : null }
    const value = await work({ trx, personId: target.personId, basis, touch: (...ids) => ids.forEach((id) => touched.add(id)) })
    await appendAudit(trx, {
      ...base,
      clientIds: [...touched],
      outcome: 'success',
      basis,
      refId: basis === 'break_glass' ? (row.break_glass_id ?? null) : basis === 'intake' ? (row.intake_id ?? null) : null,
    })
    return { value }
  }).catch(async (error: unknown) => {
    const failed = reached as { basis: AccessBasis; refId: string | null } | null
    if (failed && error instanceof HttpProblem && error.status === 404) {
      await appendAudit(db, { ...base, clientIds: [target.personId], outcome: 'failure', basis: failed.basis, refId: failed.refId })
    }
    throw error
  })
  if (result === DENIED) throw problems.notFound()
  if (result === RESTRICTED) throw restrictedProblem()
  if ('merged' in result) throw mergedProblem(result.merged as string)
  if ('gone' in result) throw goneProblem(result.gone ?? null)
  return result.value
}

/**
 * The chokepoint for registering a new client: the work inserts the person and returns its id; the insert's audit
 * row is appended in the same transaction. The role check was done by the access layer before the handler ran.
 */
export type NewClientWork<T> = (trx: Transaction<DB>) => Promise<{ personId: string; value: T; touched?: string[] }>

export async function withNewClient<T>(db: Kysely<DB>, ctx: AuthedContext, work: NewClientWork<T>): Promise<T> {
  if (ctx.def.audit !== 'insert') throw new Error(`withNewClient used for ${ctx.action}, which is not an insert action`)
  return withRoleEvent(db, ctx, async (trx) => {
    const { personId, value, touched = [] } = await work(trx)
    return { value, clientIds: [personId, ...touched] }
  })
}

export type RoleEventWork<T> = (trx: Transaction<DB>) => Promise<{ value: T; clientIds: string[]; refId?: string | null }>

/**
 * The chokepoint for role-scoped actions that touch client data not reached through one known client: the
 * work runs in a transaction and names the clients it touched (possibly none yet, e.g. a population-register
 * query for someone not in the registry); the audit row with those ids is appended in the same transaction.
 */
export async function withRoleEvent<T>(db: Kysely<DB>, ctx: AuthedContext, work: RoleEventWork<T>): Promise<T> {
  const def: ActionDef = ctx.def
  if (def.scope !== 'role' || !def.audit || !def.dataGroup) throw new Error(`withRoleEvent used for ${ctx.action}, which is not an audited role action`)
  return db.transaction().execute(async (trx) => {
    const { value, clientIds, refId } = await work(trx)
    await appendAudit(trx, {
      userId: ctx.principal.userId,
      roleCode: grantsFor(ctx.principal, def)[0]?.roleCode ?? null,
      event: actionEvent(ctx.action, def),
      basis: 'role',
      refId: refId ?? null,
      clientIds,
      outcome: 'success',
      requestId: ctx.requestId,
      clientAddress: ctx.clientAddress,
    })
    return value
  })
}

/**
 * The chokepoint for the public actions that write client data without a signed-in user (the child welfare
 * e-form): the work runs in a transaction and names what it made; the audit row (no user, basis `public`, the
 * caller's address) is appended in the same transaction.
 */
export async function withPublicEvent<T>(db: Kysely<DB>, ctx: AccessContext, work: RoleEventWork<T>): Promise<T> {
  const def: ActionDef = ctx.def
  if (def.scope !== 'public' || !def.audit || !def.dataGroup) throw new Error(`withPublicEvent used for ${ctx.action}, which is not an audited public action`)
  return db.transaction().execute(async (trx) => {
    const { value, clientIds, refId } = await work(trx)
    await appendAudit(trx, {
      userId: null,
      roleCode: null,
      event: actionEvent(ctx.action, def),
      basis: 'public',
      refId: refId ?? null,
      clientIds,
      outcome: 'success',
      requestId: ctx.requestId,
      clientAddress: ctx.clientAddress,
    })
    return value
  })
}

/**
 * The chokepoint for lists and searches over clients: the work gets the SQL visibility filter, returns its rows,
 * and every client id in the result is written to one audit row in the same transaction.
 */
export async function withClientList<T extends { id: string }>(
  db: Kysely<DB>,
  ctx: AuthedContext,
  opts: { serviceTask?: string },
  work: ListWork<T>,
): Promise<T[]> {
  const def: ActionDef = ctx.def
  if (def.scope !== 'role' || !def.audit || !def.dataGroup) {
    throw new Error(`withClientList used for ${ctx.action}, which is not a listing action with an audit kind`)
  }
  const s = scopesFor(ctx, def, opts.serviceTask)
  return db.transaction().execute(async (trx) => {
    const rows = await work(trx, (eb) => visible(eb, s), reachOf(s))
    await appendAudit(trx, {
      userId: ctx.principal.userId,
      roleCode: grantsFor(ctx.principal, def)[0]?.roleCode ?? null,
      event: actionEvent(ctx.action, def),
      basis: 'search',
      clientIds: rows.map((r) => r.id),
      outcome: 'success',
      requestId: ctx.requestId,
      clientAddress: ctx.clientAddress,
    })
    return rows
  })
}

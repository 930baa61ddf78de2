import { CompiledQuery, sql, type Expression, type ExpressionBuilder, type Kysely, type SelectQueryBuilder, type SqlBool, type Transaction } from 'kysely'
import type { DB } from '../db/schema'
// the kernel's intake tables in the database type (declaration merging)
import type {} from '../kernel/schema'
import type { ActionDef, RoleCode } from './actions'
import { appendAudit, AUDIT_ROW_TYPES, auditRow } from './audit'
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

/**
 * What the SQL of an access decision depends on: which bases the scopes can give at all. The values (the user, the
 * service tasks, the intake pairs) are bound as parameters — arrays whole, compared with `= ANY` — so the text of a
 * statement is the same for every user of the same shape, and a compiled statement can be kept and prepared by name.
 */
interface Shape {
  tasks: boolean
  supervision: boolean
  registry: boolean
  intake: boolean
}

/** The scopes' values as SQL: bound values for a request, or a compiled statement's slots. */
interface ScopeSql {
  userId: Expression<string>
  tasks: Expression<string[]>
  supervisionTasks: Expression<string[]>
  intakeUnits: Expression<string[]>
  intakeTasks: Expression<string[]>
}

function shapeOf(s: Scopes): Shape {
  return { tasks: s.tasks.length > 0, supervision: s.supervisionTasks.length > 0, registry: s.registry, intake: s.intake.length > 0 }
}

function sqlOf(s: Scopes): ScopeSql {
  return {
    userId: sql.val(s.userId),
    tasks: sql.val(s.tasks),
    supervisionTasks: sql.val(s.supervisionTasks),
    intakeUnits: sql.val(s.intake.map((p) => p.unitId)),
    intakeTasks: sql.val(s.intake.map((p) => p.task)),
  }
}

type PersonEB = ExpressionBuilder<DB, 'person'>

/**
 * The rows behind each basis of access, not yet tied to a person: the visibility predicate correlates them with
 * `person.id` (EXISTS), the reachable set selects their `person_id` (IN), the single client's decision picks its
 * basis from them — one description of each rule for all three.
 */
function relationshipRows(eb: PersonEB, p: ScopeSql, anyWorker: boolean, tasks: Expression<string[]>) {
  let q = eb
    .selectFrom('client_relationship as cr')
    .where(sql<SqlBool>`cr.service_task = ANY(${tasks}::text[])`)
    .where('cr.start_date', '<=', TODAY)
    .where((w) => w.or([w('cr.end_date', 'is', null), w('cr.end_date', '>=', TODAY)]))
  if (!anyWorker) q = q.where('cr.user_id', '=', p.userId)
  return q
}

function breakGlassRows(eb: PersonEB, p: ScopeSql) {
  return eb
    .selectFrom('break_glass as bg')
    .where('bg.user_id', '=', p.userId)
    .where(sql<SqlBool>`bg.service_task = ANY(${p.tasks}::text[])`)
    .where(sql<boolean>`bg.expires_at > now()`)
}

function intakeRows(eb: PersonEB, p: ScopeSql) {
  return eb
    .selectFrom('intake_person as ip')
    .innerJoin('intake as i', 'i.id', 'ip.intake_id')
    .where('i.state', '=', 'open')
    .where(sql<SqlBool>`(i.unit_id, i.service_task) IN (SELECT * FROM unnest(${p.intakeUnits}::uuid[], ${p.intakeTasks}::text[]))`)
}

function relationshipExists(eb: PersonEB, p: ScopeSql, anyWorker: boolean, tasks: Expression<string[]>) {
  return eb.exists(relationshipRows(eb, p, anyWorker, tasks).select(sql.lit(1).as('one')).whereRef('cr.person_id', '=', 'person.id'))
}

function breakGlassExists(eb: PersonEB, p: ScopeSql) {
  return eb.exists(breakGlassRows(eb, p).select(sql.lit(1).as('one')).whereRef('bg.person_id', '=', 'person.id'))
}

/** The open intake of one of the user's (unit, task) pairs naming the person, newest first (for the audit row). */
function intakeOf(eb: PersonEB, p: ScopeSql) {
  return intakeRows(eb, p).select('i.id').whereRef('ip.person_id', '=', 'person.id').orderBy('i.received_at', 'desc').limit(1)
}

/** The user's live break-the-glass access to the person, newest first (for the audit row). */
function breakGlassOf(eb: PersonEB, p: ScopeSql) {
  return breakGlassRows(eb, p).select('bg.id').whereRef('bg.person_id', '=', 'person.id').orderBy('bg.created_at', 'desc').limit(1)
}

/** The SQL predicate "this user may see this person for this action": used by lists and single reads alike. */
function visible(eb: PersonEB, shape: Shape, p: ScopeSql): Expression<SqlBool> {
  const ors: Expression<SqlBool>[] = []
  if (shape.registry) ors.push(sql<SqlBool>`true`)
  if (shape.tasks) ors.push(relationshipExists(eb, p, false, p.tasks), breakGlassExists(eb, p))
  if (shape.supervision) ors.push(relationshipExists(eb, p, true, p.supervisionTasks))
  if (shape.intake) ors.push(eb.exists(intakeOf(eb, p)))
  return ors.length ? eb.or(ors) : sql<SqlBool>`false`
}

const BASIS_ORDER: readonly AccessBasis[] = ['relationship', 'supervision', 'registry', 'intake', 'break_glass']

/**
 * One client's access decision as a query: the person by id (no row: no such person), whether it was merged away,
 * the strongest basis the action accepts (`null`: refused) and the row the audit must point to (the intake or the
 * break-the-glass access behind the basis). The same query serves the transactional chokepoint and the one-statement
 * read.
 */
function accessDecision(db: Kysely<DB> | Transaction<DB>, def: ActionDef, shape: Shape, p: ScopeSql, personId: Expression<string>) {
  const accepts = (b: AccessBasis) => !def.bases || def.bases.includes(b)
  const decided = db
    .selectFrom('person')
    .select((eb) => {
      const when: [Expression<SqlBool>, AccessBasis][] = []
      for (const b of BASIS_ORDER.filter(accepts)) {
        if (b === 'relationship' && shape.tasks) when.push([relationshipExists(eb, p, false, p.tasks), b])
        if (b === 'supervision' && shape.supervision) when.push([relationshipExists(eb, p, true, p.supervisionTasks), b])
        if (b === 'registry' && shape.registry) when.push([sql<SqlBool>`true`, b])
        if (b === 'intake' && shape.intake) when.push([eb.exists(intakeOf(eb, p)), b])
        if (b === 'break_glass' && shape.tasks) when.push([breakGlassExists(eb, p), b])
      }
      const basis = when.length
        ? sql<AccessBasis | null>`CASE ${sql.join(when.map(([cond, b]) => sql`WHEN ${cond} THEN ${sql.lit(b)}`), sql` `)} END`
        : sql<AccessBasis | null>`NULL::text`
      return ['person.id', 'person.merged_into', basis.as('basis')]
    })
    .where('person.id', '=', personId)
  // the row behind the basis, looked up only for the basis that needs one (named `person` for the correlations)
  return db.selectFrom(decided.as('person')).select((eb) => {
    const pe = eb as unknown as PersonEB
    const intakeId = shape.intake && accepts('intake') ? intakeOf(pe, p) : sql<string | null>`NULL::uuid`
    const breakGlassId = shape.tasks && accepts('break_glass') ? breakGlassOf(pe, p) : sql<string | null>`NULL::uuid`
    return [
      'person.id',
      'person.merged_into',
      'person.basis',
      sql<string | null>`CASE person.basis WHEN 'intake' THEN (${intakeId}) WHEN 'break_glass' THEN (${breakGlassId}) END`.as('ref_id'),
    ]
  })
}

/**
 * "person.id IN (the persons the scopes reach)", one set of ids built from the user's own rows (their open relationships,
 * live break-the-glass accesses and open intakes; under supervision the open relationships of the grant's service
 * tasks) — each branch an index lookup, so a search can start from this small set instead of the whole register.
 * `null` when the scopes reach nobody. Without the registry's basic data (which reaches every person) it is the same
 * set as {@link visible} describes, condition for condition.
 */
function reachableIds(eb: PersonEB, shape: Shape, p: ScopeSql, named?: NameFilter): Expression<SqlBool> | null {
  const branches = []
  const rel = (anyWorker: boolean, tasks: Expression<string[]>) => {
    const rows = relationshipRows(eb, p, anyWorker, tasks)
    return (named ? rows.where(named(sql.ref<string>('cr.search_name'))) : rows).select('cr.person_id')
  }
  if (shape.tasks) branches.push(rel(false, p.tasks), breakGlassRows(eb, p).select('bg.person_id'))
  if (shape.supervision) branches.push(rel(true, p.supervisionTasks))
  if (shape.intake) branches.push(intakeRows(eb, p).select('ip.person_id'))
  return branches.length ? sql<SqlBool>`person.id IN (${sql.join(branches, sql` UNION `)})` : null
}

/**
 * Where a list may start: every person (`everyone`), or the reachable set — `contains` is "person.id IN (the ids)",
 * cheap to start from (a few index lookups per client of the user) and cheap to exclude (one hashed set).
 */
export interface Reach {
  readonly everyone: boolean
  /**
   * With `named`, the relationship branches keep only the rows whose person's folded name key (kept on the row,
   * migration 0069) passes it: a name search reads the persons whose names match, not every client's person row.
   * The caller still tests the name on `person` (the other branches are not filtered).
   */
  readonly contains: (eb: PersonEB, named?: NameFilter) => Expression<SqlBool>
}

/** A condition on a folded name key ("surname first names"), given as an expression. */
export type NameFilter = (searchName: Expression<string>) => Expression<SqlBool>

function reachOf(shape: Shape, p: ScopeSql): Reach {
  if (shape.registry) return { everyone: true, contains: () => sql<SqlBool>`true` }
  return {
    everyone: false,
    contains: (eb, named) => reachableIds(eb, shape, p, named) ?? sql<SqlBool>`false`,
  }
}

/**
 * A filter for list endpoints: `db.selectFrom('person').where(visiblePersons(ctx))`. Filtering happens in SQL,
 * never by fetching and discarding.
 */
export function visiblePersons(ctx: AuthedContext, serviceTask?: string) {
  const s = scopesFor(ctx, ctx.def, serviceTask)
  const shape = shapeOf(s)
  const p = sqlOf(s)
  return (eb: PersonEB) => visible(eb, shape, p)
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

/** The destruction record of a client destroyed under this id (the list's item keeps the id, never the identity; a register destroyed earlier is not the client's end). */
async function destructionRecordOf(trx: Transaction<DB>, personId: string): Promise<number | null> {
  const { rows } = await sql<{ number: number }>`
    SELECT r.number FROM destruction_item i JOIN destruction_record r ON r.item_id = i.id
    WHERE i.person_id = ${personId} AND i.state = 'destroyed' AND i.scope = 'client' LIMIT 1`.execute(trx)
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

/** The audit row's fields that the request decides (who, which register, what event): the same for every outcome. */
function auditBase(ctx: AuthedContext, def: ActionDef, target: ClientTarget) {
  return {
    userId: ctx.principal.userId,
    roleCode: grantsFor(ctx.principal, def)[0]?.roleCode ?? null,
    dataGroup: target.serviceTask ? `${target.serviceTask}/${def.dataGroup!.split('/')[1]}` : def.dataGroup!,
    event: actionEvent(ctx.action, def),
    requestId: ctx.requestId ?? null,
    clientAddress: ctx.clientAddress ?? null,
  }
}

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
  const base = auditBase(ctx, def, target)
  // Access granted, then the record looked for is not there: the work's transaction rolls back, so its audit row
  // would go too. The attempt is written after the rollback, naming the client (a by-id probe leaves its trace).
  let reached: { basis: AccessBasis; refId: string | null } | null = null
  const result = await db.transaction().execute(async (trx) => {
    const row = await accessDecision(trx, def, shapeOf(s), sqlOf(s), sql.val(target.personId)).executeTakeFirst()
    const basis = row?.basis ?? null
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
    reached = { basis, refId: row.ref_id }
    const value = await work({ trx, personId: target.personId, basis, touch: (...ids) => ids.forEach((id) => touched.add(id)) })
    await appendAudit(trx, {
      ...base,
      clientIds: [...touched],
      outcome: 'success',
      basis,
      refId: row.ref_id,
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

// ---- The one-statement read ---------------------------------------------------------------------------------------

/**
 * A read of one client's data that is SQL alone: columns (and JSON aggregates) selected from `person`, narrowed to
 * the client by the chokepoint. `readClientData` runs it as ONE statement with the access decision and the audit row.
 */
export interface ClientRead<R> {
  /** Names the read; with the action and the shape of the user's scopes it keys the compiled statement. */
  readonly name: string
  readonly select: (person: SelectQueryBuilder<DB, 'person', object>, on: ReadContext) => SelectQueryBuilder<DB, 'person', R>
  /**
   * Other persons whose data the read returns (a card's family and household), as an array expression over the
   * client's id: the audit row names them beside the client, as `ClientScope.touch` does in a transaction.
   */
  readonly touched?: (personId: Expression<string>) => Expression<string[]>
}

/** What a read's SQL may name besides `person`: the client's id, the basis the decision gave, the request's arguments. */
export interface ReadContext {
  readonly personId: Expression<string>
  readonly basis: Expression<AccessBasis>
  /** a request's argument (`readClientData`'s `args`): a parameter of the compiled statement */
  readonly arg: <T>(name: string) => Expression<T>
}

/** A read's context as values, for a read run inside a client scope (the transactional chokepoint's work). */
export function readContextOf(scope: Pick<ClientScope, 'personId' | 'basis'>, args: Record<string, unknown> = {}): ReadContext {
  return {
    personId: sql.val(scope.personId),
    basis: sql.val(scope.basis),
    arg: <T>(name: string) => sql.val(argument(args, name, 'read')) as unknown as Expression<T>,
  }
}

/** A read's data and the basis it was allowed on (a card tells the reader why they see it). */
export interface ClientReadResult<R> {
  value: R
  basis: AccessBasis
}

type SlotName =
  | 'personId'
  | 'userId'
  | 'tasks'
  | 'supervisionTasks'
  | 'intakeUnits'
  | 'intakeTasks'
  | 'roleCode'
  | 'dataGroup'
  | 'requestId'
  | 'clientAddress'
  /** a request's own argument of a one-statement find or read (see `findClients`, `readClientData`) */
  | `arg:${string}`

/** A parameter of a compiled statement whose value each request supplies. */
class Slot {
  constructor(readonly name: SlotName) {}
}

interface CompiledRead {
  sql: string
  parameters: ({ slot: SlotName } | { value: unknown })[]
}

/** A request's argument of a compiled read or find; `label` names the statement in the error of a missing one. */
function argument(args: Record<string, unknown>, name: string, label: string): unknown {
  if (!(name in args)) throw new Error(`${label}: no argument "${name}"`)
  return args[name]
}

/** A compiled statement's parameters for one request: each slot's value (an `arg:` slot from `args`), or the constant. */
function parametersOf(compiled: CompiledRead, values: Partial<Record<SlotName, unknown>>, args: Record<string, unknown>, label: string): unknown[] {
  return compiled.parameters.map((p) => {
    if (!('slot' in p)) return p.value
    return p.slot.startsWith('arg:') ? argument(args, p.slot.slice(4), label) : values[p.slot]
  })
}

/** Compiled once per read, action and shape of the scopes; bounded by the code's reads × actions × 2⁴ shapes. */
const compiledReads = new Map<string, CompiledRead>()

const slot = <T>(name: SlotName) => sql.val(new Slot(name)) as unknown as Expression<T>

/** The user's scopes as slots of a compiled statement. */
const scopeSlots = (): ScopeSql => ({
  userId: slot('userId'),
  tasks: slot('tasks'),
  supervisionTasks: slot('supervisionTasks'),
  intakeUnits: slot('intakeUnits'),
  intakeTasks: slot('intakeTasks'),
})

type AuditColumn = keyof ReturnType<typeof auditRow>

/**
 * `INSERT INTO audit_log (…) SELECT …` of a compiled statement's success row: who, role, request and address as
 * slots (the data group too when asked), the basis when fixed, and the columns the statement computes as given.
 */
function slottedAuditInsert(
  ctx: AuthedContext,
  def: ActionDef,
  o: { dataGroup?: boolean; basis?: string },
  computed: Partial<Record<AuditColumn, Expression<unknown>>>,
) {
  const row = auditRow({
    event: actionEvent(ctx.action, def),
    userId: new Slot('userId') as unknown as string,
    roleCode: new Slot('roleCode') as unknown as string,
    ...(o.dataGroup ? { dataGroup: new Slot('dataGroup') as unknown as string } : {}),
    requestId: new Slot('requestId') as unknown as string,
    clientAddress: new Slot('clientAddress') as unknown as string,
    ...(o.basis ? { basis: o.basis } : {}),
    outcome: 'success',
  })
  const columns = Object.keys(row) as AuditColumn[]
  const values = columns.map((c) => computed[c] ?? sql`${sql.val(row[c])}::${sql.raw(AUDIT_ROW_TYPES[c])}`)
  return sql`INSERT INTO audit_log (${sql.join(columns.map((c) => sql.ref(c)))}) SELECT ${sql.join(values)}`
}

function compileRead(db: Kysely<DB>, ctx: AuthedContext, shape: Shape, read: ClientRead<unknown>): CompiledRead {
  const def = ctx.def
  const p = scopeSlots()
  const decision = accessDecision(db, def, shape, p, slot('personId'))
  const okId = sql.ref<string>('ok.id')
  const clientIds = read.touched ? sql`ARRAY[ok.id] || ARRAY(SELECT t FROM unnest(${read.touched(okId)}) t WHERE t <> ok.id)` : sql`ARRAY[ok.id]`
  const audit = slottedAuditInsert(ctx, def, { dataGroup: true }, { client_ids: clientIds, basis: sql`ok.basis`, ref_id: sql`ok.ref_id` })
  const data = read.select(db.selectFrom('person').where('person.id', '=', okId), {
    personId: okId,
    basis: sql.ref<AccessBasis>('ok.basis'),
    arg: (name) => slot(`arg:${name}`),
  })
  // The decision; the audit row when it allows (a data-modifying CTE runs whether or not it is read); the data
  // beside the decision, joined only when it allows. A refusal writes nothing here: the caller retries through the
  // transactional chokepoint, which writes the refusal (or the 404/410) exactly as for any other action.
  const compiled = sql`
WITH acc AS (${decision}),
ok AS (SELECT * FROM acc WHERE basis IS NOT NULL AND merged_into IS NULL),
audited AS (${audit} FROM ok)
SELECT acc.basis AS huoma_basis, acc.merged_into AS huoma_merged_into, d.*
  FROM acc LEFT JOIN ok ON true LEFT JOIN LATERAL (${data}) d ON true`.compile(db)
  return sharedSlots(compiled.sql, compiled.parameters)
}

/**
 * One parameter per slot: the decision names the user, the tasks and the intake scopes in several subqueries, and
 * each would otherwise be bound (arrays serialised and sent) again — 26 parameters become 15 in the person read.
 * Kysely numbers each occurrence `$1…$n` in order; anything else is left as it is.
 */
function sharedSlots(text: string, parameters: readonly unknown[]): CompiledRead {
  const numbers = [...text.matchAll(/\$(\d+)/g)].map((m) => Number(m[1]))
  if (numbers.length !== parameters.length || numbers.some((n, i) => n !== i + 1)) {
    return { sql: text, parameters: parameters.map((v) => (v instanceof Slot ? { slot: v.name } : { value: v })) }
  }
  const out: CompiledRead['parameters'] = []
  const bySlot = new Map<SlotName, number>()
  const sql = text.replace(/\$(\d+)/g, (_, n: string) => {
    const v = parameters[Number(n) - 1]
    if (!(v instanceof Slot)) return `$${out.push({ value: v })}`
    let i = bySlot.get(v.name)
    if (i === undefined) bySlot.set(v.name, (i = out.push({ slot: v.name })))
    return `$${i}`
  })
  return { sql, parameters: out }
}

/**
 * One client's data for a view action in ONE statement — the access decision, the read and the audit row, compiled
 * once and prepared by name — where `withClientAccess` takes a transaction and a round trip for each. Anything but
 * an allowed read of an existing, unmerged client (a refusal, a destroyed or merged client, an output kind that a
 * restriction could stop) goes through `withClientAccess`, which decides and logs it the one way.
 */
export async function readClientData<R>(
  db: Kysely<DB>,
  ctx: AuthedContext,
  target: ClientTarget,
  read: ClientRead<R>,
  args: Record<string, unknown> = {},
): Promise<ClientReadResult<R>> {
  const def: ActionDef = ctx.def
  const viaTransaction = () =>
    withClientAccess(db, ctx, target, async (scope) => {
      const on = readContextOf(scope, args)
      const value = await read.select(scope.trx.selectFrom('person').where('person.id', '=', scope.personId), on).executeTakeFirstOrThrow()
      if (read.touched) {
        const { ids } = await scope.trx.selectNoFrom(sql<string[]>`${read.touched(on.personId)}`.as('ids')).executeTakeFirstOrThrow()
        scope.touch(...ids)
      }
      return { value, basis: scope.basis }
    })
  if (def.scope !== 'client' || !def.audit || !def.dataGroup || OUTPUT_KINDS.has(def.audit)) return viaTransaction()
  const s = scopesFor(ctx, def, target.serviceTask)
  const shape = shapeOf(s)
  const key = `${read.name}|${ctx.action}|${+shape.tasks}${+shape.supervision}${+shape.registry}${+shape.intake}`
  let compiled = compiledReads.get(key)
  if (!compiled) compiledReads.set(key, (compiled = compileRead(db, ctx, shape, read as ClientRead<unknown>)))
  const base = auditBase(ctx, def, target)
  const values: Partial<Record<SlotName, unknown>> = {
    personId: target.personId,
    userId: s.userId,
    tasks: s.tasks,
    supervisionTasks: s.supervisionTasks,
    intakeUnits: s.intake.map((i) => i.unitId),
    intakeTasks: s.intake.map((i) => i.task),
    roleCode: base.roleCode,
    dataGroup: base.dataGroup,
    requestId: base.requestId,
    clientAddress: base.clientAddress,
  }
  const { rows } = await db.executeQuery<R & { huoma_basis: AccessBasis | null; huoma_merged_into: string | null }>(
    CompiledQuery.raw(compiled.sql, parametersOf(compiled, values, args, `read ${read.name}`)),
  )
  const row = rows[0]
  if (!row?.huoma_basis || row.huoma_merged_into) return viaTransaction()
  const { huoma_basis: basis, huoma_merged_into: _m, ...data } = row
  return { value: data as unknown as R, basis }
}

// ---- The one-statement find ---------------------------------------------------------------------------------------

/**
 * A search that is SQL alone and finds few persons by a unique key (a henkilötunnus): `select` narrows `person` by
 * the request's arguments (`arg(name)`: a parameter of the compiled statement) and selects what the answer shows.
 * `findClients` runs it as ONE statement with the visibility of each row and the search's audit row.
 */
export interface ClientFind<R extends { id: string }> {
  /** Names the find; with the action and the shape of the user's scopes it keys the compiled statement. */
  readonly name: string
  readonly select: (person: SelectQueryBuilder<DB, 'person', object>, arg: <T>(name: string) => Expression<T>) => SelectQueryBuilder<DB, 'person', R>
}

const compiledFinds = new Map<string, CompiledRead>()

/**
 * A find of clients for a listing action in ONE statement — the rows, whether the user may see each, and the
 * search's audit row naming them — where `withClientList` takes a transaction and four round trips. Only an answer
 * whose every row is visible (or that found no one) is written and returned; when the find reaches a person the
 * user may not see, nothing is written and it returns `undefined`: the caller searches through `withClientList`,
 * which counts the hidden match (and may offer break-the-glass) and logs the search the one way.
 */
export async function findClients<R extends { id: string }>(
  db: Kysely<DB>,
  ctx: AuthedContext,
  opts: { serviceTask?: string },
  find: ClientFind<R>,
  args: Record<string, unknown>,
): Promise<R[] | undefined> {
  const def: ActionDef = ctx.def
  if (def.scope !== 'role' || !def.audit || !def.dataGroup) throw new Error(`findClients used for ${ctx.action}, which is not a listing action with an audit kind`)
  const s = scopesFor(ctx, def, opts.serviceTask)
  const shape = shapeOf(s)
  const key = `${find.name}|${ctx.action}|${+shape.tasks}${+shape.supervision}${+shape.registry}${+shape.intake}`
  let compiled = compiledFinds.get(key)
  if (!compiled) {
    const p = scopeSlots()
    const audit = slottedAuditInsert(ctx, def, { basis: 'search' }, { client_ids: sql`ARRAY(SELECT id FROM found)` })
    const rows = find
      .select(db.selectFrom('person'), (name) => slot(`arg:${name}`))
      .select((eb) => sql<boolean>`${visible(eb, shape, p)}`.as('huoma_visible'))
    compiled = (() => {
      const c = sql`
WITH found AS (${rows}),
audited AS (${audit} WHERE NOT EXISTS (SELECT 1 FROM found WHERE NOT huoma_visible))
SELECT * FROM found`.compile(db)
      return sharedSlots(c.sql, c.parameters)
    })()
    compiledFinds.set(key, compiled)
  }
  const values: Partial<Record<SlotName, unknown>> = {
    userId: s.userId,
    tasks: s.tasks,
    supervisionTasks: s.supervisionTasks,
    intakeUnits: s.intake.map((i) => i.unitId),
    intakeTasks: s.intake.map((i) => i.task),
    roleCode: grantsFor(ctx.principal, def)[0]?.roleCode ?? null,
    requestId: ctx.requestId ?? null,
    clientAddress: ctx.clientAddress ?? null,
  }
  const { rows } = await db.executeQuery<R & { huoma_visible: boolean }>(CompiledQuery.raw(compiled.sql, parametersOf(compiled, values, args, `find ${find.name}`)))
  if (rows.some((r) => !r.huoma_visible)) return undefined
  return rows.map(({ huoma_visible: _v, ...r }) => r as unknown as R)
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
    const shape = shapeOf(s)
    const p = sqlOf(s)
    const rows = await work(trx, (eb) => visible(eb, shape, p), reachOf(shape, p))
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

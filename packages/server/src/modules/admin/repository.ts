import { sql, type RawBuilder } from 'kysely'
import type {
  GrantRequestView,
  GrantStatus,
  GrantView,
  OrganisationStructure,
  AdminStaffRef,
  StaffUserView,
  UserStatusFilter,
} from '@huoma/contract'
import { compareFinnish, foldForSearch } from '@huoma/domain'
import type { Executor } from '../../access/audit'
import type { FieldIssue } from '../../http/problem'
import { problems } from '../../http/problem'

/*
 * Staff accounts, grants and grant requests. Nothing here reads a client table: the queries touch organisation,
 * unit, service_task, role, staff_user, staff_grant, staff_session, staff_recovery_code and grant_request only.
 */

/** Today's calendar date in Finland, as the access layer computes it (context.ts). */
export const TODAY: RawBuilder<string> = sql<string>`(now() AT TIME ZONE 'Europe/Helsinki')::date`

const iso = (d: Date | string): string => (d instanceof Date ? d.toISOString() : new Date(d).toISOString())
const isoOrNull = (d: Date | string | null): string | null => (d === null ? null : iso(d))

function staffRef(id: string | null, username: string | null, displayName: string | null): AdminStaffRef | null {
  return id && username !== null && displayName !== null ? { id, username, displayName } : null
}

// ---- Organisation ----------------------------------------------------------------------------------------------

export async function organisationStructure(db: Executor): Promise<OrganisationStructure> {
  const [org, units, tasks, roles] = await Promise.all([
    db.selectFrom('organisation').select(['id', 'name', 'business_id']).orderBy('created_at').executeTakeFirst(),
    db.selectFrom('unit').select(['id', 'code', 'name_fi', 'name_sv', 'active']).orderBy('code').execute(),
    db.selectFrom('service_task').select(['code', 'name_fi', 'name_sv', 'name_en']).orderBy('sort_order').execute(),
    db.selectFrom('role').select(['code', 'name_fi', 'name_sv', 'name_en', 'client_content']).execute(),
  ])
  return {
    organisation: org ? { id: org.id, name: org.name, businessId: org.business_id } : null,
    units: units
      .map((u) => ({ id: u.id, code: u.code, names: { fi: u.name_fi, sv: u.name_sv, en: u.name_fi }, active: u.active }))
      .sort((a, b) => compareFinnish(a.names.fi, b.names.fi)),
    serviceTasks: tasks.map((t) => ({ code: t.code, names: { fi: t.name_fi, sv: t.name_sv, en: t.name_en } })),
    roles: roles.map((r) => ({ code: r.code, names: { fi: r.name_fi, sv: r.name_sv, en: r.name_en }, clientContent: r.client_content })),
  }
}

/** The ids of the active units (a main user may ask for rights in any of them). */
export async function activeUnitIds(db: Executor): Promise<string[]> {
  return (await db.selectFrom('unit').select('id').where('active', '=', true).orderBy('code').execute()).map((u) => u.id)
}

// ---- Grants ----------------------------------------------------------------------------------------------------

const STATUS_ORDER: Record<GrantStatus, number> = { current: 0, future: 1, expired: 2, ended: 3 }

function grantSelect(db: Executor) {
  return db
    .selectFrom('staff_grant as g')
    .leftJoin('staff_user as rq', 'rq.id', 'g.requested_by')
    .leftJoin('staff_user as gb', 'gb.id', 'g.granted_by')
    .select([
      'g.id',
      'g.user_id',
      'g.role_code',
      'g.unit_id',
      'g.service_tasks',
      'g.valid_from',
      'g.valid_until',
      'g.ended_at',
      'g.created_at',
      'rq.id as rq_id',
      'rq.username as rq_username',
      'rq.display_name as rq_name',
      'gb.id as gb_id',
      'gb.username as gb_username',
      'gb.display_name as gb_name',
    ])
    .select(
      sql<GrantStatus>`CASE WHEN g.ended_at IS NOT NULL THEN 'ended'
                            WHEN g.valid_until < ${TODAY} THEN 'expired'
                            WHEN g.valid_from > ${TODAY} THEN 'future'
                            ELSE 'current' END`.as('status'),
    )
}

type GrantRow = Awaited<ReturnType<ReturnType<typeof grantSelect>['execute']>>[number]

function toGrantView(g: GrantRow): GrantView {
  return {
    id: g.id,
    userId: g.user_id,
    roleCode: g.role_code,
    unitId: g.unit_id,
    serviceTasks: g.service_tasks,
    validFrom: g.valid_from,
    validUntil: g.valid_until,
    status: g.status,
    endedAt: isoOrNull(g.ended_at),
    requestedBy: staffRef(g.rq_id, g.rq_username, g.rq_name),
    grantedBy: staffRef(g.gb_id, g.gb_username, g.gb_name),
    createdAt: iso(g.created_at),
  }
}

function sortGrants(grants: GrantView[]): GrantView[] {
  return grants.sort(
    (a, b) => STATUS_ORDER[a.status] - STATUS_ORDER[b.status] || b.validFrom.localeCompare(a.validFrom) || b.createdAt.localeCompare(a.createdAt),
  )
}

/** The grants of these users; `inForceOrFuture`: only those that are current or start later. */
export async function grantsOf(db: Executor, userIds: string[], inForceOrFuture: boolean): Promise<Map<string, GrantView[]>> {
  const byUser = new Map<string, GrantView[]>(userIds.map((id) => [id, []]))
  if (!userIds.length) return byUser
  let q = grantSelect(db).where('g.user_id', 'in', userIds)
  if (inForceOrFuture) q = q.where('g.ended_at', 'is', null).where(sql<boolean>`(g.valid_until IS NULL OR g.valid_until >= ${TODAY})`)
  for (const row of await q.execute()) byUser.get(row.user_id)?.push(toGrantView(row))
  for (const list of byUser.values()) sortGrants(list)
  return byUser
}

export async function readGrant(db: Executor, id: string): Promise<GrantView | undefined> {
  const row = await grantSelect(db).where('g.id', '=', id).executeTakeFirst()
  return row && toGrantView(row)
}

/** Current main-user grants of active users, leaving out `exceptGrantId`: ending the last one would lock admin out. */
export async function otherCurrentMainUserGrants(db: Executor, exceptGrantId: string): Promise<number> {
  const row = await db
    .selectFrom('staff_grant as g')
    .innerJoin('staff_user as u', 'u.id', 'g.user_id')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('g.role_code', '=', 'main_user')
    .where('g.id', '<>', exceptGrantId)
    .where('u.active', '=', true)
    .where('g.ended_at', 'is', null)
    .where(sql<boolean>`g.valid_from <= ${TODAY}`)
    .where(sql<boolean>`(g.valid_until IS NULL OR g.valid_until >= ${TODAY})`)
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

/**
 * Ends grants now: `ended_at` is set and `valid_until` becomes today (a grant that has not started yet keeps its
 * start date as its end date, which the CHECK valid_until >= valid_from requires; `ended_at` keeps it out of force).
 */
export async function endGrants(db: Executor, where: { grantId: string } | { userId: string }): Promise<number> {
  let q = db
    .updateTable('staff_grant')
    .set({
      ended_at: sql<Date>`now()`,
      valid_until: sql<string>`GREATEST(valid_from, LEAST(COALESCE(valid_until, ${TODAY}), ${TODAY}))`,
    })
    .where('ended_at', 'is', null)
    .where(sql<boolean>`(valid_until IS NULL OR valid_until >= ${TODAY})`)
  q = 'grantId' in where ? q.where('id', '=', where.grantId) : q.where('user_id', '=', where.userId)
  const r = await q.executeTakeFirst()
  return Number(r.numUpdatedRows)
}

export interface GrantFields {
  roleCode: string
  unitId: string
  serviceTasks: string[]
  validFrom: string
  validUntil?: string | null | undefined
  substitute?: boolean | undefined
}

/**
 * Checks a grant (or a request for one) against the organisation: the role, an active unit, known service tasks
 * (none for a role without client content, at least one for a role with it), and dates that are not in the past
 * and in order. Returns field issues under `prefix` (the request's body).
 */
export async function grantFieldIssues(db: Executor, f: GrantFields, today: string, prefix = 'body'): Promise<FieldIssue[]> {
  const issues: FieldIssue[] = []
  const [role, unit, tasks] = await Promise.all([
    db.selectFrom('role').select(['code', 'client_content']).where('code', '=', f.roleCode).executeTakeFirst(),
    db.selectFrom('unit').select(['id']).where('id', '=', f.unitId).where('active', '=', true).executeTakeFirst(),
    f.serviceTasks.length
      ? db.selectFrom('service_task').select('code').where('code', 'in', f.serviceTasks).execute()
      : Promise.resolve([] as { code: string }[]),
  ])
  if (!role) issues.push({ field: `${prefix}.roleCode`, code: 'admin.grant.roleUnknown' })
  if (!unit) issues.push({ field: `${prefix}.unitId`, code: 'admin.grant.unitUnknown' })
  const known = new Set(tasks.map((t) => t.code))
  for (const code of f.serviceTasks) {
    if (!known.has(code)) issues.push({ field: `${prefix}.serviceTasks`, code: 'admin.grant.serviceTaskUnknown', params: { code } })
  }
  if (role?.client_content && f.serviceTasks.length === 0) issues.push({ field: `${prefix}.serviceTasks`, code: 'admin.grant.serviceTasksRequired' })
  if (role && !role.client_content && f.serviceTasks.length > 0) {
    issues.push({ field: `${prefix}.serviceTasks`, code: 'admin.grant.serviceTasksNotAllowed' })
  }
  if (f.validFrom < today) issues.push({ field: `${prefix}.validFrom`, code: 'admin.grant.fromPast' })
  if (f.validUntil && f.validUntil < f.validFrom) issues.push({ field: `${prefix}.validUntil`, code: 'admin.grant.untilBeforeFrom' })
  if (f.substitute && !f.validUntil) issues.push({ field: `${prefix}.validUntil`, code: 'admin.grant.substituteUntilRequired' })
  return issues
}

// ---- Users -----------------------------------------------------------------------------------------------------

function userSelect(db: Executor) {
  return db
    .selectFrom('staff_user')
    .select([
      'id',
      'username',
      'display_name',
      'email',
      'language',
      'active',
      'deactivated_at',
      'totp_enabled_at',
      'password_changed_at',
      'created_at',
      'version',
    ])
    .select(sql<Date | null>`CASE WHEN locked_until > now() THEN locked_until END`.as('locked_until'))
}

type UserRow = Awaited<ReturnType<ReturnType<typeof userSelect>['execute']>>[number]

function toUserView(u: UserRow, grants: GrantView[]): StaffUserView {
  return {
    id: u.id,
    username: u.username,
    displayName: u.display_name,
    email: u.email,
    language: u.language,
    active: u.active,
    deactivatedAt: isoOrNull(u.deactivated_at),
    mfaEnabled: u.totp_enabled_at !== null,
    mustChangePassword: u.password_changed_at === null,
    lockedUntil: isoOrNull(u.locked_until),
    createdAt: iso(u.created_at),
    version: u.version,
    grants,
  }
}

/** Users matching a part of their name or username (diacritics ignored), Finnish order, each with grants in force or ahead. */
export async function listUsers(
  db: Executor,
  opts: { q?: string | undefined; status: UserStatusFilter; limit: number },
): Promise<{ users: StaffUserView[]; total: number }> {
  let q = userSelect(db)
  if (opts.status !== 'all') q = q.where('active', '=', opts.status === 'active')
  const rows = await q.execute()
  const needle = opts.q ? foldForSearch(opts.q) : ''
  const matched = needle
    ? rows.filter((u) => foldForSearch(u.display_name).includes(needle) || foldForSearch(u.username).includes(needle))
    : rows
  matched.sort((a, b) => compareFinnish(a.display_name, b.display_name) || a.username.localeCompare(b.username))
  const page = matched.slice(0, opts.limit)
  const grants = await grantsOf(
    db,
    page.map((u) => u.id),
    true,
  )
  return { users: page.map((u) => toUserView(u, grants.get(u.id) ?? [])), total: matched.length }
}

/** One user with every grant and its status. */
export async function readUser(db: Executor, id: string): Promise<StaffUserView | undefined> {
  const row = await userSelect(db).where('id', '=', id).executeTakeFirst()
  if (!row) return undefined
  const grants = await grantsOf(db, [id], false)
  return toUserView(row, grants.get(id) ?? [])
}

export async function readUserOrThrow(db: Executor, id: string): Promise<StaffUserView> {
  const user = await readUser(db, id)
  if (!user) throw problems.notFound()
  return user
}

export async function staffDirectory(db: Executor): Promise<AdminStaffRef[]> {
  const rows = await db.selectFrom('staff_user').select(['id', 'username', 'display_name']).where('active', '=', true).execute()
  return rows
    .map((r) => ({ id: r.id, username: r.username, displayName: r.display_name }))
    .sort((a, b) => compareFinnish(a.displayName, b.displayName))
}

// ---- Grant requests --------------------------------------------------------------------------------------------

function requestSelect(db: Executor) {
  return db
    .selectFrom('grant_request as r')
    .innerJoin('staff_user as u', 'u.id', 'r.user_id')
    .innerJoin('staff_user as rb', 'rb.id', 'r.requested_by')
    .leftJoin('staff_user as d', 'd.id', 'r.decided_by')
    .select([
      'r.id',
      'r.role_code',
      'r.unit_id',
      'r.service_tasks',
      'r.valid_from',
      'r.valid_until',
      'r.justification',
      'r.requested_at',
      'r.decision',
      'r.decided_at',
      'r.grant_id',
      'u.id as u_id',
      'u.username as u_username',
      'u.display_name as u_name',
      'u.created_by as u_created_by',
      'rb.id as rb_id',
      'rb.username as rb_username',
      'rb.display_name as rb_name',
      'd.id as d_id',
      'd.username as d_username',
      'd.display_name as d_name',
    ])
}

type RequestRow = Awaited<ReturnType<ReturnType<typeof requestSelect>['execute']>>[number]

function toRequestView(r: RequestRow): GrantRequestView {
  return {
    id: r.id,
    user: { id: r.u_id, username: r.u_username, displayName: r.u_name },
    accountCreatedBy: r.u_created_by,
    roleCode: r.role_code,
    unitId: r.unit_id,
    serviceTasks: r.service_tasks,
    validFrom: r.valid_from,
    validUntil: r.valid_until,
    justification: r.justification,
    requestedBy: { id: r.rb_id, username: r.rb_username, displayName: r.rb_name },
    requestedAt: iso(r.requested_at),
    decision: r.decision,
    decidedBy: staffRef(r.d_id, r.d_username, r.d_name),
    decidedAt: isoOrNull(r.decided_at),
    grantId: r.grant_id,
  }
}

/** Requests, oldest open first; `requestedBy`: only those this supervisor filed. */
export async function listRequests(
  db: Executor,
  opts: { status: 'open' | 'decided' | 'all'; requestedBy?: string | undefined },
): Promise<GrantRequestView[]> {
  let q = requestSelect(db)
  if (opts.status === 'open') q = q.where('r.decided_at', 'is', null)
  if (opts.status === 'decided') q = q.where('r.decided_at', 'is not', null)
  if (opts.requestedBy) q = q.where('r.requested_by', '=', opts.requestedBy)
  const rows = await q.orderBy('r.requested_at', opts.status === 'open' ? 'asc' : 'desc').limit(500).execute()
  return rows.map(toRequestView)
}

export async function readRequest(db: Executor, id: string): Promise<GrantRequestView | undefined> {
  const row = await requestSelect(db).where('r.id', '=', id).executeTakeFirst()
  return row && toRequestView(row)
}

/* eslint-disable no-restricted-syntax -- staff accounts and grants, never client data */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyRequest } from 'fastify'
import {
  CreateGrantRequest,
  CreateUserRequest,
  CreateUserResponse,
  FileGrantRequest,
  GrantIdParams,
  GrantList,
  GrantRequestIdParams,
  GrantRequestList,
  GrantRequestListQuery,
  GrantRequestView,
  GrantView,
  OrganisationStructure,
  GrantRequestOptions,
  StaffUserView,
  UpdateUserRequest,
  UserIdParams,
  UserList,
  UserListQuery,
  VersionedRequest,
} from '@huoma/contract'
import { todayInHelsinki } from '@huoma/domain'
import { sql } from 'kysely'
import type { ActionDef } from '../../access/actions'
import { appendAudit, type AuditEvent, type Executor } from '../../access/audit'
import type { AuditEventType } from '../../access/audit-events'
import { adminEvents } from './events'
import { grantsFor, requireAuthed, type AuthedContext } from '../../access/context'
import { hashPassword } from '../../access/passwords'
import { revokeAllSessions } from '../../access/session'
import { HttpProblem, problems, type FieldIssue } from '../../http/problem'
import { adminDetail, type AdminDetail } from './messages'
import { normaliseUsername, oneTimePassword, passwordIssues, usernameIssues } from './policy'
import {
  TODAY,
  endGrants,
  grantFieldIssues,
  grantsOf,
  listRequests,
  listUsers,
  organisationStructure,
  otherCurrentMainUserGrants,
  readGrant,
  readRequest,
  readUserOrThrow,
  staffDirectory,
} from './repository'

/*
 * Käyttäjät ja oikeudet: the main user's administration of staff accounts and grants, and the supervisors' grant
 * requests. Every change is a security event in the audit log, written in the same transaction as the change,
 * with the affected user's id in ref_id and never free text. No response carries client data.
 */

const conflict = (key: AdminDetail) =>
  new HttpProblem(409, 'conflict', { detail: adminDetail(key), type: `https://huoma.fi/problems/${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}` })


/** An audit event of the signed-in actor, in the role that permitted the action. */
function auditEvent(
  ctx: AuthedContext,
  request: FastifyRequest,
  e: { event: AuditEventType; refId: string; outcome?: AuditEvent['outcome']; unitId?: string },
): AuditEvent {
  const def: ActionDef = ctx.def
  const grants = grantsFor(ctx.principal, def)
  // The grant the actor acted under: the one in the unit concerned when there is one (a supervisor's request).
  const grant = grants.find((g) => g.unitId === e.unitId) ?? grants[0]
  return {
    userId: ctx.principal.userId,
    roleCode: grant?.roleCode ?? null,
    unitId: grant?.unitId ?? null,
    event: e.event,
    basis: 'role',
    refId: e.refId,
    outcome: e.outcome ?? 'success',
    requestId: request.id,
    clientAddress: request.ip,
  }
}

/**
 * Refuses a change of one's own rights or second factor (no one escalates their own access): a denial audit row,
 * written outside any transaction so that it stays, and 403.
 */
async function refuseSelf(db: Executor, ctx: AuthedContext, request: FastifyRequest, event: AuditEventType): Promise<never> {
  await appendAudit(db, auditEvent(ctx, request, { event, refId: ctx.principal.userId, outcome: 'denied' }))
  throw new HttpProblem(403, 'forbidden', { detail: adminDetail('selfChange') })
}

/** Locks the user's row for the transaction and checks the version the main user saw. */
async function lockUser(trx: Executor, id: string, version?: number) {
  const row = await trx
    .selectFrom('staff_user')
    .select(['id', 'username', 'active', 'version'])
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst()
  if (!row) throw problems.notFound()
  if (version !== undefined && row.version !== version) throw conflict('staleVersion')
  return row
}

const bumpVersion = { version: sql<number>`version + 1`, updated_at: sql<Date>`now()` }

const isUniqueViolation = (e: unknown) => typeof e === 'object' && e !== null && (e as { code?: unknown }).code === '23505'

export const adminRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const db = () => app.database.db
  const today = () => todayInHelsinki(new Date())

  // ---- Organisation and request options (for the forms) -------------------------------------------------------

  app.get(
    '/api/admin/organisation',
    {
      config: { action: 'admin:grant-requests' },
      schema: {
        tags: ['admin'],
        summary: 'Units, service tasks and roles, with their names in Finnish, Swedish and English',
        response: { 200: OrganisationStructure },
      },
    },
    async () => organisationStructure(db()),
  )

  app.get(
    '/api/admin/grant-requests/options',
    {
      config: { action: 'admin:grant-requests' },
      schema: {
        tags: ['admin'],
        summary: 'For a request: active staff accounts (names only) and the units the caller supervises',
        response: { 200: GrantRequestOptions },
      },
    },
    async (request) => {
      const ctx = requireAuthed(request)
      const unitIds = [...new Set(ctx.principal.grants.filter((g) => g.roleCode === 'supervisor').map((g) => g.unitId))]
      return { users: await staffDirectory(db()), unitIds }
    },
  )

  // ---- Users -------------------------------------------------------------------------------------------------

  app.get(
    '/api/admin/users',
    {
      config: { action: 'admin:users' },
      schema: {
        tags: ['admin'],
        summary: 'Staff users by name or username, with their current and future grants',
        querystring: UserListQuery,
        response: { 200: UserList },
      },
    },
    async (request) => {
      const q = request.query
      return listUsers(db(), { q: q.q?.trim() || undefined, status: q.status ?? 'active', limit: q.limit ?? 200 })
    },
  )

  app.get(
    '/api/admin/users/:id',
    {
      config: { action: 'admin:users' },
      schema: { tags: ['admin'], summary: 'A staff user with every grant and its status', params: UserIdParams, response: { 200: StaffUserView } },
    },
    async (request) => readUserOrThrow(db(), request.params.id),
  )

  app.post(
    '/api/admin/users',
    {
      config: { action: 'admin:users-write' },
      schema: {
        tags: ['admin'],
        summary: 'Create a staff user; the password is set here or generated and shown once, and must be changed at first sign-in',
        body: CreateUserRequest,
        response: { 201: CreateUserResponse },
      },
    },
    async (request, reply) => {
      const ctx = requireAuthed(request)
      const body = request.body
      const username = normaliseUsername(body.username)
      const issues: FieldIssue[] = [...usernameIssues(username)]
      if (body.password !== undefined) issues.push(...passwordIssues(body.password, username, app.config.security.passwordMinLength))
      if (issues.length) throw problems.validation(issues)
      const taken = await db().selectFrom('staff_user').select('id').where('username', '=', username).executeTakeFirst()
      if (taken) throw problems.validation([{ field: 'body.username', code: 'admin.username.taken' }])

      const generated = body.password === undefined ? oneTimePassword() : undefined
      const passwordHash = await hashPassword(body.password ?? generated!)
      let id: string
      try {
        id = await db()
          .transaction()
          .execute(async (trx) => {
            const row = await trx
              .insertInto('staff_user')
              .values({
                username,
                display_name: body.displayName.trim(),
                email: body.email?.trim() || null,
                language: body.language,
                password_hash: passwordHash,
                // NULL: the sign-in flow sends the user to set a password of their own first (stage password_change).
                password_changed_at: null,
              })
              .returning('id')
              .executeTakeFirstOrThrow()
            await appendAudit(trx, auditEvent(ctx, request, { event: adminEvents.userCreated, refId: row.id }))
            return row.id
          })
      } catch (e) {
        if (isUniqueViolation(e)) throw problems.validation([{ field: 'body.username', code: 'admin.username.taken' }])
        throw e
      }
      const user = await readUserOrThrow(db(), id)
      reply.status(201)
      return generated ? { user, initialPassword: generated } : { user }
    },
  )

  app.patch(
    '/api/admin/users/:id',
    {
      config: { action: 'admin:users-write' },
      schema: {
        tags: ['admin'],
        summary: 'Change a user\'s name, e-mail or language (optimistic lock: a stale version gets 409)',
        params: UserIdParams,
        body: UpdateUserRequest,
        response: { 200: StaffUserView },
      },
    },
    async (request) => {
      const ctx = requireAuthed(request)
      const { id } = request.params
      const body = request.body
      await db()
        .transaction()
        .execute(async (trx) => {
          await lockUser(trx, id, body.version)
          const changes = {
            ...(body.displayName !== undefined ? { display_name: body.displayName.trim() } : {}),
            ...(body.email !== undefined ? { email: body.email?.trim() || null } : {}),
            ...(body.language !== undefined ? { language: body.language } : {}),
          }
          if (!Object.keys(changes).length) return
          await trx.updateTable('staff_user').set({ ...changes, ...bumpVersion }).where('id', '=', id).execute()
          await appendAudit(trx, auditEvent(ctx, request, { event: adminEvents.userUpdated, refId: id }))
        })
      return readUserOrThrow(db(), id)
    },
  )

  app.post(
    '/api/admin/users/:id/deactivate',
    {
      config: { action: 'admin:users-write' },
      schema: {
        tags: ['admin'],
        summary: 'Deactivate a user: every grant ends today and every session is revoked, at once',
        params: UserIdParams,
        body: VersionedRequest,
        response: { 200: StaffUserView },
      },
    },
    async (request) => {
      const ctx = requireAuthed(request)
      const { id } = request.params
      await db()
        .transaction()
        .execute(async (trx) => {
          const user = await lockUser(trx, id, request.body.version)
          if (id === ctx.principal.userId) throw conflict('selfDeactivation')
          if (!user.active) throw conflict('alreadyInactive')
          await trx
            .updateTable('staff_user')
            .set({ active: false, deactivated_at: sql<Date>`now()`, ...bumpVersion })
            .where('id', '=', id)
            .execute()
          await endGrants(trx, { userId: id })
          await revokeAllSessions(trx, id)
          await appendAudit(trx, auditEvent(ctx, request, { event: adminEvents.userDeactivated, refId: id }))
        })
      return readUserOrThrow(db(), id)
    },
  )

  app.post(
    '/api/admin/users/:id/reactivate',
    {
      config: { action: 'admin:users-write' },
      schema: {
        tags: ['admin'],
        summary: 'Reactivate a user (without grants: rights are granted anew)',
        params: UserIdParams,
        body: VersionedRequest,
        response: { 200: StaffUserView },
      },
    },
    async (request) => {
      const ctx = requireAuthed(request)
      const { id } = request.params
      await db()
        .transaction()
        .execute(async (trx) => {
          const user = await lockUser(trx, id, request.body.version)
          if (user.active) throw conflict('alreadyActive')
          await trx
            .updateTable('staff_user')
            .set({ active: true, deactivated_at: null, failed_logins: 0, locked_until: null, ...bumpVersion })
            .where('id', '=', id)
            .execute()
          await appendAudit(trx, auditEvent(ctx, request, { event: adminEvents.userReactivated, refId: id }))
        })
      return readUserOrThrow(db(), id)
    },
  )

  app.post(
    '/api/admin/users/:id/reset-mfa',
    {
      config: { action: 'admin:users-write' },
      schema: {
        tags: ['admin'],
        summary: 'Reset a user\'s second factor: the TOTP secret and recovery codes are removed and every session is revoked',
        params: UserIdParams,
        body: VersionedRequest,
        response: { 200: StaffUserView },
      },
    },
    async (request) => {
      const ctx = requireAuthed(request)
      const { id } = request.params
      // One's own second factor is replaced through one's own MFA settings, never by the main-user shortcut.
      if (id === ctx.principal.userId) await refuseSelf(db(), ctx, request, adminEvents.mfaReset)
      await db()
        .transaction()
        .execute(async (trx) => {
          await lockUser(trx, id, request.body.version)
          await trx.updateTable('staff_user').set({ totp_secret: null, totp_enabled_at: null, ...bumpVersion }).where('id', '=', id).execute()
          await trx.deleteFrom('staff_recovery_code').where('user_id', '=', id).execute()
          await revokeAllSessions(trx, id)
          await appendAudit(trx, auditEvent(ctx, request, { event: adminEvents.mfaReset, refId: id }))
        })
      return readUserOrThrow(db(), id)
    },
  )

  // ---- Grants ------------------------------------------------------------------------------------------------

  app.get(
    '/api/admin/users/:id/grants',
    {
      config: { action: 'admin:users' },
      schema: {
        tags: ['admin'],
        summary: 'A user\'s grants with their status: current, future, expired or ended',
        params: UserIdParams,
        response: { 200: GrantList },
      },
    },
    async (request) => {
      const { id } = request.params
      const exists = await db().selectFrom('staff_user').select('id').where('id', '=', id).executeTakeFirst()
      if (!exists) throw problems.notFound()
      return { grants: (await grantsOf(db(), [id], false)).get(id) ?? [] }
    },
  )

  app.post(
    '/api/admin/users/:id/grants',
    {
      config: { action: 'admin:grants-write' },
      schema: {
        tags: ['admin'],
        summary: 'Grant a role in a unit for service tasks from a date, until a date for substitutes',
        params: UserIdParams,
        body: CreateGrantRequest,
        response: { 201: GrantView },
      },
    },
    async (request, reply) => {
      const ctx = requireAuthed(request)
      const { id } = request.params
      const body = request.body
      // Nobody grants rights to themselves: a main user who needs client access asks another main user.
      if (id === ctx.principal.userId) await refuseSelf(db(), ctx, request, adminEvents.grantCreated)
      const grantId = await db()
        .transaction()
        .execute(async (trx) => {
          const user = await lockUser(trx, id)
          if (!user.active) throw conflict('userInactive')
          const issues = await grantFieldIssues(trx, body, today())
          if (issues.length) throw problems.validation(issues)
          const row = await trx
            .insertInto('staff_grant')
            .values({
              user_id: id,
              role_code: body.roleCode,
              unit_id: body.unitId,
              service_tasks: body.serviceTasks,
              valid_from: body.validFrom,
              valid_until: body.validUntil ?? null,
              requested_by: null,
              granted_by: ctx.principal.userId,
            })
            .returning('id')
            .executeTakeFirstOrThrow()
          await appendAudit(trx, auditEvent(ctx, request, { event: adminEvents.grantCreated, refId: id }))
          return row.id
        })
      reply.status(201)
      return (await readGrant(db(), grantId))!
    },
  )

  app.post(
    '/api/admin/grants/:id/end',
    {
      config: { action: 'admin:grants-write' },
      schema: {
        tags: ['admin'],
        summary: 'End a grant now: it stops counting at once and its end date becomes today',
        params: GrantIdParams,
        response: { 200: GrantView },
      },
    },
    async (request) => {
      const ctx = requireAuthed(request)
      const { id } = request.params
      await db()
        .transaction()
        .execute(async (trx) => {
          const grant = await trx
            .selectFrom('staff_grant')
            .select(['id', 'user_id', 'role_code'])
            .select(sql<boolean>`ended_at IS NULL AND (valid_until IS NULL OR valid_until >= ${TODAY})`.as('in_force'))
            .select(sql<boolean>`valid_from <= ${TODAY}`.as('started'))
            .where('id', '=', id)
            .forUpdate()
            .executeTakeFirst()
          if (!grant) throw problems.notFound()
          if (!grant.in_force) throw conflict('grantNotInForce')
          if (grant.role_code === 'main_user' && grant.started && (await otherCurrentMainUserGrants(trx, id)) === 0) throw conflict('lastMainUser')
          await endGrants(trx, { grantId: id })
          await appendAudit(trx, auditEvent(ctx, request, { event: adminEvents.grantEnded, refId: grant.user_id }))
        })
      return (await readGrant(db(), id))!
    },
  )

  // ---- Grant requests ----------------------------------------------------------------------------------------

  app.get(
    '/api/admin/grant-requests',
    {
      config: { action: 'admin:grant-requests' },
      schema: {
        tags: ['admin'],
        summary: 'Grant requests: the main user sees all, a supervisor those they filed',
        querystring: GrantRequestListQuery,
        response: { 200: GrantRequestList },
      },
    },
    async (request) => {
      const ctx = requireAuthed(request)
      const all = ctx.principal.roles.includes('main_user')
      return {
        requests: await listRequests(db(), { status: request.query.status ?? 'open', requestedBy: all ? undefined : ctx.principal.userId }),
      }
    },
  )

  app.post(
    '/api/admin/grant-requests',
    {
      config: { action: 'admin:grant-requests' },
      schema: {
        tags: ['admin'],
        summary: 'A supervisor requests a right for a worker in a unit they supervise, with a justification',
        body: FileGrantRequest,
        response: { 201: GrantRequestView },
      },
    },
    async (request, reply) => {
      const ctx = requireAuthed(request)
      const body = request.body
      const supervises = ctx.principal.grants.some((g) => g.roleCode === 'supervisor' && g.unitId === body.unitId)
      if (!supervises) {
        await appendAudit(
          db(),
          auditEvent(ctx, request, { event: adminEvents.grantRequestFiled, refId: body.userId, outcome: 'denied' }),
        )
        throw new HttpProblem(403, 'forbidden', { detail: adminDetail('notSupervisorOfUnit') })
      }
      const id = await db()
        .transaction()
        .execute(async (trx) => {
          const worker = await trx.selectFrom('staff_user').select('id').where('id', '=', body.userId).where('active', '=', true).executeTakeFirst()
          const issues: FieldIssue[] = worker ? [] : [{ field: 'body.userId', code: 'admin.grantRequest.userUnknown' }]
          issues.push(...(await grantFieldIssues(trx, body, today())))
          if (issues.length) throw problems.validation(issues)
          const row = await trx
            .insertInto('grant_request')
            .values({
              user_id: body.userId,
              role_code: body.roleCode,
              unit_id: body.unitId,
              service_tasks: body.serviceTasks,
              valid_from: body.validFrom,
              valid_until: body.validUntil ?? null,
              justification: body.justification.trim(),
              requested_by: ctx.principal.userId,
            })
            .returning('id')
            .executeTakeFirstOrThrow()
          await appendAudit(
            trx,
            auditEvent(ctx, request, { event: adminEvents.grantRequestFiled, refId: body.userId, unitId: body.unitId }),
          )
          return row.id
        })
      reply.status(201)
      return (await readRequest(db(), id))!
    },
  )

  app.post(
    '/api/admin/grant-requests/:id/grant',
    {
      config: { action: 'admin:grants-write' },
      schema: {
        tags: ['admin'],
        summary: 'Grant a request: the grant is created as requested (from today at the earliest), naming the requester',
        params: GrantRequestIdParams,
        response: { 200: GrantRequestView },
      },
    },
    async (request) => {
      const ctx = requireAuthed(request)
      const { id } = request.params
      const worker = await db().selectFrom('grant_request').select('user_id').where('id', '=', id).executeTakeFirst()
      if (worker?.user_id === ctx.principal.userId) await refuseSelf(db(), ctx, request, adminEvents.grantRequestGranted)
      await db()
        .transaction()
        .execute(async (trx) => {
          const req = await trx.selectFrom('grant_request').selectAll().where('id', '=', id).forUpdate().executeTakeFirst()
          if (!req) throw problems.notFound()
          if (req.decided_at) throw conflict('requestDecided')
          const user = await lockUser(trx, req.user_id)
          if (!user.active) throw conflict('userInactive')
          const from = req.valid_from < today() ? today() : req.valid_from
          if (req.valid_until !== null && req.valid_until < from) throw conflict('requestLapsed')
          const grant = await trx
            .insertInto('staff_grant')
            .values({
              user_id: req.user_id,
              role_code: req.role_code,
              unit_id: req.unit_id,
              service_tasks: req.service_tasks,
              valid_from: from,
              valid_until: req.valid_until,
              requested_by: req.requested_by,
              granted_by: ctx.principal.userId,
            })
            .returning('id')
            .executeTakeFirstOrThrow()
          await trx
            .updateTable('grant_request')
            .set({ decision: 'granted', decided_by: ctx.principal.userId, decided_at: sql<Date>`now()`, grant_id: grant.id })
            .where('id', '=', id)
            .execute()
          await appendAudit(
            trx,
            auditEvent(ctx, request, { event: adminEvents.grantCreated, refId: req.user_id }),
            auditEvent(ctx, request, { event: adminEvents.grantRequestGranted, refId: req.user_id }),
          )
        })
      return (await readRequest(db(), id))!
    },
  )

  app.post(
    '/api/admin/grant-requests/:id/refuse',
    {
      config: { action: 'admin:grants-write' },
      schema: { tags: ['admin'], summary: 'Refuse a request', params: GrantRequestIdParams, response: { 200: GrantRequestView } },
    },
    async (request) => {
      const ctx = requireAuthed(request)
      const { id } = request.params
      await db()
        .transaction()
        .execute(async (trx) => {
          const req = await trx.selectFrom('grant_request').select(['id', 'user_id', 'decided_at']).where('id', '=', id).forUpdate().executeTakeFirst()
          if (!req) throw problems.notFound()
          if (req.decided_at) throw conflict('requestDecided')
          await trx
            .updateTable('grant_request')
            .set({ decision: 'refused', decided_by: ctx.principal.userId, decided_at: sql<Date>`now()` })
            .where('id', '=', id)
            .execute()
          await appendAudit(trx, auditEvent(ctx, request, { event: adminEvents.grantRequestRefused, refId: req.user_id }))
        })
      return (await readRequest(db(), id))!
    },
  )
}

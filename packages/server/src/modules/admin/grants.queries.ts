import type { CreateGrantRequest, FileGrantRequest } from '@huoma/contract'
import { sql, type Kysely } from 'kysely'
import { appendAudit, type Executor } from '../../access/audit'
import type { AuthedContext } from '../../access/context'
import type { DB } from '../../db/schema'
import { problems, type FieldIssue } from '../../http/problem'
import { actorAudit } from '../../access/actor-audit'
import { adminEvents } from './events'
import { adminConflict } from './messages'
import { TODAY, endGrants, grantFieldIssues, otherCurrentMainUserGrants } from './repository'
import { isSeparationViolation } from './separation'
import { lockUser } from './users.queries'

/*
 * Grants and grant requests, each change one transaction with its audit rows. Nothing here reads a client table.
 */

/** Grants a role to an active user as the main user asked; answers the new grant's id. */
export async function createGrant(db: Kysely<DB>, ctx: AuthedContext, userId: string, body: CreateGrantRequest, today: string): Promise<string> {
  return separated(() => db.transaction().execute(async (trx) => {
    const user = await lockUser(trx, userId)
    if (!user.active) throw adminConflict('userInactive')
    const issues = await grantFieldIssues(trx, body, today)
    if (issues.length) throw problems.validation(issues)
    const row = await trx
      .insertInto('staff_grant')
      .values({
        user_id: userId,
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
    await appendAudit(trx, actorAudit(ctx, { event: adminEvents.grantCreated, refId: userId }))
    return row.id
  }))
}

/** Ends a grant in force now; the last current main-user grant is never ended. */
export async function endGrant(db: Kysely<DB>, ctx: AuthedContext, id: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const grant = await trx
      .selectFrom('staff_grant')
      .select(['id', 'user_id', 'role_code'])
      .select(sql<boolean>`ended_at IS NULL AND (valid_until IS NULL OR valid_until >= ${TODAY})`.as('in_force'))
      .select(sql<boolean>`valid_from <= ${TODAY}`.as('started'))
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirst()
    if (!grant) throw problems.notFound()
    if (!grant.in_force) throw adminConflict('grantNotInForce')
    if (grant.role_code === 'main_user' && grant.started && (await otherCurrentMainUserGrants(trx, id)) === 0) throw adminConflict('lastMainUser')
    await endGrants(trx, { grantId: id })
    await appendAudit(trx, actorAudit(ctx, { event: adminEvents.grantEnded, refId: grant.user_id }))
  })
}

/** Files a supervisor's request for an active worker; answers the request's id. */
export async function fileGrantRequest(db: Kysely<DB>, ctx: AuthedContext, body: FileGrantRequest, today: string): Promise<string> {
  return db.transaction().execute(async (trx) => {
    const worker = await trx.selectFrom('staff_user').select('id').where('id', '=', body.userId).where('active', '=', true).executeTakeFirst()
    const issues: FieldIssue[] = worker ? [] : [{ field: 'body.userId', code: 'admin.grantRequest.userUnknown' }]
    issues.push(...(await grantFieldIssues(trx, body, today)))
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
    await appendAudit(trx, actorAudit(ctx, { event: adminEvents.grantRequestFiled, refId: body.userId, unitId: body.unitId }))
    return row.id
  })
}

/** Whom a request is for, the role and who asked (undefined: no such request). */
export async function requestedFor(db: Executor, requestId: string): Promise<{ userId: string; roleCode: string; requestedBy: string } | undefined> {
  return db
    .selectFrom('grant_request')
    .select(['user_id as userId', 'role_code as roleCode', 'requested_by as requestedBy'])
    .where('id', '=', requestId)
    .executeTakeFirst()
}

/** Runs a grant's transaction, answering 409 when the database's separation trigger refuses what raced past the checks. */
async function separated<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work()
  } catch (e) {
    if (isSeparationViolation(e)) throw adminConflict('separation')
    throw e
  }
}

/** Grants an open request as requested, from today at the earliest, naming the requester. */
export async function approveGrantRequest(db: Kysely<DB>, ctx: AuthedContext, id: string, today: string): Promise<void> {
  await separated(() => db.transaction().execute(async (trx) => {
    const req = await trx.selectFrom('grant_request').selectAll().where('id', '=', id).forUpdate().executeTakeFirst()
    if (!req) throw problems.notFound()
    if (req.decided_at) throw adminConflict('requestDecided')
    const user = await lockUser(trx, req.user_id)
    if (!user.active) throw adminConflict('userInactive')
    const from = req.valid_from < today ? today : req.valid_from
    if (req.valid_until !== null && req.valid_until < from) throw adminConflict('requestLapsed')
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
      actorAudit(ctx, { event: adminEvents.grantCreated, refId: req.user_id }),
      actorAudit(ctx, { event: adminEvents.grantRequestGranted, refId: req.user_id }),
    )
  }))
}

/** Refuses an open request. */
export async function refuseGrantRequest(db: Kysely<DB>, ctx: AuthedContext, id: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const req = await trx.selectFrom('grant_request').select(['id', 'user_id', 'decided_at']).where('id', '=', id).forUpdate().executeTakeFirst()
    if (!req) throw problems.notFound()
    if (req.decided_at) throw adminConflict('requestDecided')
    await trx
      .updateTable('grant_request')
      .set({ decision: 'refused', decided_by: ctx.principal.userId, decided_at: sql<Date>`now()` })
      .where('id', '=', id)
      .execute()
    await appendAudit(trx, actorAudit(ctx, { event: adminEvents.grantRequestRefused, refId: req.user_id }))
  })
}

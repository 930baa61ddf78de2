import type { BreakGlassAccess, BreakGlassRequest } from '@huoma/contract'
import { sql, type Expression, type ExpressionBuilder, type SqlBool, type Transaction } from 'kysely'
import { personsActions } from './actions'
import { breakGlassEvents } from './events'
import { appendAudit } from '../../access/audit'
import { grantsFor, type AuthedContext, type Principal } from '../../access/context'
import type { Database } from '../../db/database'
import type { DB } from '../../db/schema'
import { problems, type FieldIssue } from '../../http/problem'
import { isMeaningfulReason, REASON_MIN_CHARS } from '../../access/reason'

/**
 * Break the glass (murra lasi): a worker opens a client with whom they have no relationship, for a bounded time
 * (`config.security.breakGlassHours`), by stating a reason. The access is decided by the client-access chokepoint,
 * which honours live `break_glass` rows of the user in the service tasks of their grants; every read on it carries
 * the break_glass id in the audit row's ref_id, and the data protection officer reviews each one afterwards.
 */

/*
 * Not through the client-data chokepoint, on purpose: break_glass rows and their audit rows are security data, and of
 * the person only its existence is checked (no client data is read or returned). The functions that run their own
 * transaction take the server's `Database`.
 */

const BREAK_GLASS = personsActions['persons:break-glass']

/** Grants under which the principal may break the glass (a role listed for `persons:break-glass`). */
function breakGlassGrants(principal: Principal) {
  return grantsFor(principal, BREAK_GLASS)
}

/**
 * The one hidden match of an exact henkilötunnus search, as an opaque id, for a user who may break the glass.
 *
 * What this reveals, and why it is acceptable: the searcher typed the full henkilötunnus, so they already hold the
 * identifier; `hiddenMatches` already tells them that such a person is in the registry (a mirror of the population
 * register, so this says nothing about being a client of social services). The id adds only a random UUID: no
 * name, birth date, address, turvakielto flag or client status. It lets the UI offer break the glass, which again
 * needs a reason, is audited and reviewed; without it GET /api/persons/:id answers 404 as before. A name or birth
 * date search never returns ids of hidden matches: those criteria match many people, and handing out their ids
 * would let a user open someone they never identified.
 */
export async function hiddenHetuMatch(
  ctx: AuthedContext,
  trx: Transaction<DB>,
  hetu: string,
  isVisible: (eb: ExpressionBuilder<DB, 'person'>) => Expression<SqlBool>,
): Promise<string | undefined> {
  if (breakGlassGrants(ctx.principal).length === 0) return undefined
  const row = await trx
    .selectFrom('person')
    .select('person.id')
    .where('person.hetu', '=', hetu)
    .where((eb) => eb.not(isVisible(eb)))
    .executeTakeFirst()
  return row?.id
}

/** The service tasks in which the principal may break the glass (codes and names, in the organisation's order). */
export async function breakGlassServiceTasks(database: Database, principal: Principal) {
  const codes = [...new Set(breakGlassGrants(principal).flatMap((g) => g.serviceTasks))]
  if (!codes.length) return []
  return database.db.selectFrom('service_task').select(['code', 'name_fi', 'name_sv', 'name_en']).where('code', 'in', codes).orderBy('sort_order').execute()
}

/**
 * Opens the client for `hours` on the stated reason: one transaction writes the `break_glass` row and its audit row
 * (or, for a person that does not exist, the refusal's audit row, and answers 404). The reason must be meaningful
 * and the service task one of the user's grants that may break the glass (field messages otherwise).
 */
export async function breakTheGlass(
  database: Database,
  ctx: AuthedContext,
  personId: string,
  input: BreakGlassRequest,
  hours: number,
): Promise<BreakGlassAccess> {
  const { serviceTask, reason } = input
  const grant = breakGlassGrants(ctx.principal).find((g) => g.serviceTasks.includes(serviceTask))
  const issues: FieldIssue[] = []
  if (!grant) issues.push({ field: 'body.serviceTask', code: 'breakGlass.serviceTask' })
  if (!isMeaningfulReason(reason)) issues.push({ field: 'body.reason', code: 'reason.tooShort', params: { limit: REASON_MIN_CHARS } })
  if (!grant || issues.length) throw problems.validation(issues)

  const audit = {
    userId: ctx.principal.userId,
    roleCode: grant.roleCode,
    unitId: grant.unitId,
    clientIds: [personId],
    event: breakGlassEvents.breakGlass,
    requestId: ctx.requestId,
    clientAddress: ctx.clientAddress,
  }
  const created = await database.db.transaction().execute(async (trx) => {
    const person = await trx.selectFrom('person').select('id').where('id', '=', personId).executeTakeFirst()
    if (!person) {
      await appendAudit(trx, { ...audit, basis: null, outcome: 'denied' })
      return undefined
    }
    const row = await trx
      .insertInto('break_glass')
      .values({
        user_id: ctx.principal.userId,
        person_id: personId,
        service_task: serviceTask,
        reason: reason.trim(),
        expires_at: sql<Date>`now() + make_interval(hours => ${hours}::int)`,
      })
      .returning(['id', 'expires_at'])
      .executeTakeFirstOrThrow()
    // The audit row commits with the access it records (the chain is sealed later, off the request path).
    await appendAudit(trx, { ...audit, basis: 'break_glass', refId: row.id, outcome: 'success' })
    return row
  })
  if (!created) throw problems.notFound()
  return { id: created.id, personId, serviceTask, expiresAt: created.expires_at.toISOString() }
}

// this module's tables in the database type (declaration merging)
import type {} from './schema'
import type { ProcessingInformedInput, ProcessingNotice } from '@huoma/contract'
import { compareLocalDates, type LocalDate } from '@huoma/domain'
import { sql } from 'kysely'
import { CASE_WORKERS } from '../../access/actions'
import type { ClientScope } from '../../access/client-access'
import { problems, type FieldIssue } from '../../http/problem'

/**
 * When and how the client was informed of the processing in one register, newest first (the chokepoint checked the
 * basis in that register: another register's records would tell in which services the person is a client).
 */
export async function listInformed(scope: ClientScope, serviceTask: string): Promise<ProcessingNotice[]> {
  const rows = await scope.trx
    .selectFrom('client_processing_notice as n')
    .innerJoin('staff_user as u', 'u.id', 'n.informed_by')
    .select(['n.id', 'n.service_task', 'n.informed_on', 'n.method', 'n.informed_by', 'u.display_name', 'n.notice_version', 'n.recorded_at'])
    .where('n.person_id', '=', scope.personId)
    .where('n.service_task', '=', serviceTask)
    .orderBy('n.informed_on', 'desc')
    .orderBy('n.recorded_at', 'desc')
    .execute()
  return rows.map((r) => ({
    id: r.id,
    serviceTask: r.service_task as ProcessingNotice['serviceTask'],
    informedOn: r.informed_on,
    method: r.method,
    informedBy: { id: r.informed_by, displayName: r.display_name },
    noticeVersion: r.notice_version,
    recordedAt: r.recorded_at.toISOString(),
  }))
}

/**
 * Records that the client was informed of the processing of their data in a service task (GDPR art. 13, at the
 * start of the client relationship): not in the future; the one who informed holds a live case-work grant in the
 * task (by default the one recording). The privacy notice in force is named.
 */
export async function recordInformed(scope: ClientScope, input: ProcessingInformedInput, ctx: { userId: string; today: LocalDate }): Promise<void> {
  const issues: FieldIssue[] = []
  if (compareLocalDates(input.informedOn as LocalDate, ctx.today) > 0) issues.push({ field: 'body.informedOn', code: 'notice.informedOn' })
  const informedBy = input.informedBy ?? ctx.userId
  const worker = await scope.trx
    .selectFrom('staff_grant as g')
    .innerJoin('staff_user as u', 'u.id', 'g.user_id')
    .select('g.id')
    .where('g.user_id', '=', informedBy)
    .where('u.active', '=', true)
    .where('g.ended_at', 'is', null)
    .where('g.role_code', 'in', [...CASE_WORKERS])
    .where(sql<boolean>`${input.serviceTask} = ANY(g.service_tasks)`)
    .where('g.valid_from', '<=', ctx.today)
    .where((eb) => eb.or([eb('g.valid_until', 'is', null), eb('g.valid_until', '>=', ctx.today)]))
    .executeTakeFirst()
  if (!worker) issues.push({ field: 'body.informedBy', code: 'notice.informedBy' })
  if (issues.length) throw problems.validation(issues)
  const notice = await scope.trx.selectFrom('privacy_notice_version').select('number').orderBy('number', 'desc').limit(1).executeTakeFirst()
  await scope.trx
    .insertInto('client_processing_notice')
    .values({
      person_id: scope.personId,
      service_task: input.serviceTask,
      informed_on: input.informedOn,
      method: input.method,
      informed_by: informedBy,
      notice_version: notice?.number ?? null,
      recorded_by: ctx.userId,
    })
    .execute()
}

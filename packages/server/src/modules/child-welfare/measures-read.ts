// the kernel's and this module's tables in the database type (declaration merging)
import type {} from '../../kernel/schema'
import type {} from './schema'
import type { DisclosureBan, SupportMeasure } from '@huoma/contract'
import type { ClientScope } from '../../access/client-access'
import { listBans } from '../../kernel/disclosure-bans'
import { SERVICE_TASK } from './notifications'

/** The child's support measures and prohibitions as the record shows them (read inside the client chokepoint). */

export async function readMeasures(scope: ClientScope): Promise<SupportMeasure[]> {
  const rows = await scope.trx
    .selectFrom('cw_support_measure as m')
    .innerJoin('decision as d', 'd.id', 'm.decision_id')
    .innerJoin('staff_user as u', 'u.id', 'd.decision_maker_id')
    .selectAll('m')
    .select(['d.number', 'u.display_name'])
    .where('m.person_id', '=', scope.personId)
    .orderBy('m.starts_on')
    .orderBy('m.created_at')
    .orderBy('m.code')
    .execute()
  return rows.map((m) => ({
    id: m.id,
    phase: m.phase,
    code: m.code,
    granted: m.granted,
    description: m.description,
    startsOn: m.starts_on,
    endsOn: m.ends_on,
    decision: { id: m.decision_id, number: Number(m.number), maker: m.display_name },
    placementId: m.placement_id,
    version: m.version,
  }))
}

export async function readBans(scope: ClientScope): Promise<DisclosureBan[]> {
  const bans = await listBans(scope.trx, scope.personId, SERVICE_TASK)
  scope.touch(...bans.flatMap((b) => (b.guardianId ? [b.guardianId] : [])))
  return bans.map((b) => ({
    id: b.id,
    guardian: b.guardianId ? { id: b.guardianId, name: b.guardianName ?? '' } : null,
    scope: b.scope,
    childStatement: b.childStatement,
    maturityAssessment: b.maturityAssessment,
    recordedOn: b.recordedOn,
    recordedBy: b.recordedBy,
    lifted: b.liftedOn ? { on: b.liftedOn, by: b.liftedBy ?? '', reason: b.liftReason ?? '' } : null,
    version: b.version,
  }))
}


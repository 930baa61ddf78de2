// this module's tables in the database type (declaration merging)
import type {} from './schema'
import type { RightsDecisionInput, RightsExtensionInput, RightsRequest, RightsRequestInput, RightsWithdrawInput, LiftRestrictionInput, Restriction } from '@huoma/contract'
import {
  addDays,
  compareLocalDates,
  extensionProblem,
  groundsFor,
  localDate,
  rightsDueDate,
  rightsOutcome,
  type LocalDate,
  type RightsRequestKind,
} from '@huoma/domain'
import type { Transaction } from 'kysely'
import type { DB } from '../../db/schema'
import { HttpProblem, problems, type FieldIssue } from '../../http/problem'
import { insertDecision } from '../../kernel/decisions/decisions'
import type { DecisionType } from '../../kernel/decisions/types'
import { isGuardianOf } from '../../kernel/disclosure-bans'

type Trx = Transaction<DB>

/**
 * The decision on a client's request about their data. Its register is the one the request's first part names; a
 * refusal is appealed to the administrative court in 30 days (laki oikeudenkäynnistä hallintoasioissa 808/2019, which
 * the instructions cite, with tietosuojalaki 1050/2018), and the refusal certificate tells how to turn to the Data
 * Protection Ombudsman.
 */
export const RIGHTS_DECISION: DecisionType = {
  code: 'data_subject_rights',
  serviceTask: 'adult_social_work',
  title: { fi: 'Päätös rekisteröidyn oikeuksia koskevaan pyyntöön', sv: 'Beslut om en begäran som gäller den registrerades rättigheter' },
  appeal: {
    route: 'administrative_court',
    days: 30,
    law: { fi: 'tietosuojalaki 1050/2018', sv: 'dataskyddslagen 1050/2018' },
  },
  qualification: null,
  outcomes: ['granted', 'partly', 'refused'],
  payableSourceKind: 'none',
}

/** How many days before its due date an open request counts as due soon. */
const DUE_SOON_DAYS = 7

const closed = (code: string) => new HttpProblem(409, 'conflict', { issues: [{ field: 'state', code }] })

export interface Actor {
  userId: string
  today: LocalDate
}

/** Registers the request: the identity check is required, the requester must be who they say they are to the client. */
export async function registerRequest(trx: Trx, b: RightsRequestInput, o: Actor): Promise<{ id: string; personIds: string[] }> {
  const issues: FieldIssue[] = []
  if (!b.identityCheck) issues.push({ field: 'body.identityCheck', code: 'rights.identityRequired' })
  const received = localDate(b.receivedOn)
  if (compareLocalDates(received, o.today) > 0) issues.push({ field: 'body.receivedOn', code: 'rights.future' })
  if (b.requesterKind === 'client' && b.requesterId) issues.push({ field: 'body.requesterId', code: 'rights.requesterNotClient' })
  if (b.requesterKind !== 'client' && !b.requesterId) issues.push({ field: 'body.requesterId', code: 'rights.requesterRequired' })
  if (b.requesterId && b.requesterId === b.personId) issues.push({ field: 'body.requesterId', code: 'rights.requesterNotClient' })
  const period = b.periodFrom || b.periodTo
  if (period && !(b.periodFrom && b.periodTo)) issues.push({ field: b.periodFrom ? 'body.periodTo' : 'body.periodFrom', code: 'rights.periodBoth' })
  if (b.periodFrom && b.periodTo && b.periodFrom > b.periodTo) issues.push({ field: 'body.periodFrom', code: 'rights.periodOrder' })
  if (b.periodTo && b.periodTo > o.today) issues.push({ field: 'body.periodTo', code: 'rights.future' })
  if (period && b.kind !== 'log' && b.kind !== 'access') issues.push({ field: 'body.periodFrom', code: 'rights.periodKind' })
  if (!b.details.trim()) issues.push({ field: 'body.details', code: 'rights.details' })
  const tasks = [...new Set(b.serviceTasks)]
  if (tasks.length) {
    const known = await trx.selectFrom('service_task').select('code').where('code', 'in', tasks).execute()
    if (known.length !== tasks.length) issues.push({ field: 'body.serviceTasks', code: 'rights.serviceTask' })
  }
  const person = await trx.selectFrom('person').select(['id', 'merged_into']).where('id', '=', b.personId).executeTakeFirst()
  if (!person || person.merged_into) issues.push({ field: 'body.personId', code: 'rights.unknownPerson' })
  if (b.requesterId && person) {
    const requester = await trx.selectFrom('person').select('id').where('id', '=', b.requesterId).executeTakeFirst()
    if (!requester) issues.push({ field: 'body.requesterId', code: 'rights.unknownPerson' })
    else if (b.requesterKind === 'guardian' && !(await isGuardianOf(trx, { personId: b.personId, guardianId: b.requesterId, on: o.today }))) {
      issues.push({ field: 'body.requesterId', code: 'rights.notGuardian' })
    }
  }
  if (issues.length) throw problems.validation(issues)
  const row = await trx
    .insertInto('rights_request')
    .values({
      person_id: b.personId,
      kind: b.kind,
      requester_kind: b.requesterKind,
      requester_id: b.requesterId ?? null,
      channel: b.channel,
      identity_check: b.identityCheck!,
      identity_checked_by: o.userId,
      received_on: received,
      due_on: rightsDueDate(received),
      service_tasks: tasks,
      period_from: b.periodFrom ?? null,
      period_to: b.periodTo ?? null,
      details: b.details.trim(),
      language: b.language,
      registered_by: o.userId,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return { id: row.id, personIds: [b.personId, ...(b.requesterId ? [b.requesterId] : [])] }
}

function requestQuery(trx: Trx) {
  return trx
    .selectFrom('rights_request as r')
    .innerJoin('person as p', 'p.id', 'r.person_id')
    .leftJoin('person as q', 'q.id', 'r.requester_id')
    .innerJoin('staff_user as ic', 'ic.id', 'r.identity_checked_by')
    .leftJoin('decision as d', 'd.id', 'r.decision_id')
    .leftJoin('staff_user as dm', 'dm.id', 'd.decision_maker_id')
    .selectAll('r')
    .select([
      'p.first_names',
      'p.last_name',
      'p.hetu',
      'q.first_names as q_first_names',
      'q.last_name as q_last_name',
      'q.hetu as q_hetu',
      'ic.display_name as identity_checked_by_name',
      'd.number as decision_number',
      'd.decided_on',
      'd.outcome as decision_outcome',
      'd.reasons as decision_reasons',
      'd.items as decision_items',
      'dm.display_name as decision_maker',
    ])
}

type RequestRow = Awaited<ReturnType<ReturnType<typeof requestQuery>['executeTakeFirstOrThrow']>>

function toRequest(r: RequestRow, today: LocalDate): RightsRequest {
  const effectiveDue = r.extended_to ?? r.due_on
  const standing =
    r.state !== 'open' ? 'closed' : effectiveDue < today ? 'overdue' : effectiveDue <= addDays(today, DUE_SOON_DAYS) ? 'due_soon' : 'open'
  return {
    id: r.id,
    number: Number(r.number),
    person: { id: r.person_id, name: `${r.first_names} ${r.last_name}`, hetu: r.hetu },
    kind: r.kind,
    requesterKind: r.requester_kind,
    requester: r.requester_id ? { id: r.requester_id, name: `${r.q_first_names} ${r.q_last_name}`, hetu: r.q_hetu ?? null } : null,
    channel: r.channel,
    identityCheck: r.identity_check,
    identityCheckedBy: r.identity_checked_by_name,
    receivedOn: r.received_on,
    dueOn: r.due_on,
    extendedTo: r.extended_to,
    extensionReason: r.extension_reason,
    extensionNoticeOn: r.extension_notice_on,
    effectiveDue,
    standing,
    serviceTasks: r.service_tasks,
    periodFrom: r.period_from,
    periodTo: r.period_to,
    details: r.details,
    language: r.language,
    state: r.state,
    withdrawnOn: r.withdrawn_on,
    decision:
      r.decision_id && r.decided_on
        ? {
            id: r.decision_id,
            number: Number(r.decision_number),
            decidedOn: r.decided_on,
            maker: r.decision_maker ?? '',
            outcome: r.decision_outcome as 'granted' | 'partly' | 'refused',
            reasons: r.decision_reasons ?? '',
            parts: r.decision_items as RightsDecisionInput['parts'],
          }
        : null,
    version: r.version,
  }
}

export async function readRequest(trx: Trx, id: string, today: LocalDate): Promise<RightsRequest> {
  const r = await requestQuery(trx).where('r.id', '=', id).executeTakeFirst()
  if (!r) throw problems.notFound()
  return toRequest(r, today)
}

/** The open requests by their due date (the extended one when extended), or one client's every request. */
export async function listRequests(trx: Trx, q: { state: 'open' | 'all'; personId?: string | undefined }, today: LocalDate): Promise<RightsRequest[]> {
  const rows = await requestQuery(trx)
    .$if(q.state === 'open', (x) => x.where('r.state', '=', 'open'))
    .$if(q.personId !== undefined, (x) => x.where('r.person_id', '=', q.personId!))
    .orderBy((eb) => eb.fn.coalesce('r.extended_to', 'r.due_on'))
    .orderBy('r.number')
    .limit(500)
    .execute()
  return rows.map((r) => toRequest(r, today))
}

/** The request locked for a change: 404 unknown, 409 on a stale version or when it is no longer open. */
async function openForChange(trx: Trx, id: string, version: number) {
  const r = await trx.selectFrom('rights_request').selectAll().where('id', '=', id).forUpdate().executeTakeFirst()
  if (!r) throw problems.notFound()
  if (r.version !== version) throw problems.conflict()
  if (r.state !== 'open') throw closed('rights.closed')
  return r
}

export async function extendRequest(trx: Trx, id: string, b: RightsExtensionInput, o: Actor): Promise<string[]> {
  const r = await openForChange(trx, id, b.version)
  const issues: FieldIssue[] = []
  const problem = extensionProblem({ receivedOn: localDate(r.received_on), extendedTo: r.extended_to ? localDate(r.extended_to) : null }, localDate(b.extendedTo), localDate(b.noticeOn))
  if (problem) issues.push({ field: problem === 'notice_late' ? 'body.noticeOn' : 'body.extendedTo', code: `rights.extension.${problem}`, params: { receivedOn: r.received_on, dueOn: r.due_on } })
  if (b.noticeOn > o.today) issues.push({ field: 'body.noticeOn', code: 'rights.future' })
  if (issues.length) throw problems.validation(issues)
  await trx
    .updateTable('rights_request')
    .set({ extended_to: b.extendedTo, extension_reason: b.reason.trim(), extension_notice_on: b.noticeOn, version: r.version + 1 })
    .where('id', '=', id)
    .execute()
  return personsOf(r)
}

export async function withdrawRequest(trx: Trx, id: string, b: RightsWithdrawInput, o: Actor): Promise<string[]> {
  const r = await openForChange(trx, id, b.version)
  const issues: FieldIssue[] = []
  if (b.withdrawnOn > o.today) issues.push({ field: 'body.withdrawnOn', code: 'rights.future' })
  if (b.withdrawnOn < r.received_on) issues.push({ field: 'body.withdrawnOn', code: 'rights.beforeReceived', params: { receivedOn: r.received_on } })
  if (issues.length) throw problems.validation(issues)
  await trx.updateTable('rights_request').set({ state: 'withdrawn', withdrawn_on: b.withdrawnOn, version: r.version + 1 }).where('id', '=', id).execute()
  return personsOf(r)
}

const personsOf = (r: { person_id: string; requester_id: string | null }) => [r.person_id, ...(r.requester_id ? [r.requester_id] : [])]

/** The register a part names that the request covers (every register when the request names none). */
function partIssues(kind: RightsRequestKind, tasks: readonly string[], known: ReadonlySet<string>, parts: RightsDecisionInput['parts']): FieldIssue[] {
  const issues: FieldIssue[] = []
  const seen = new Set<string>()
  parts.forEach((p, i) => {
    const key = p.serviceTask ?? 'registry'
    if (seen.has(key)) issues.push({ field: `body.parts.${i}.serviceTask`, code: 'rights.partTwice' })
    seen.add(key)
    if (p.serviceTask && (!known.has(p.serviceTask) || (tasks.length > 0 && !tasks.includes(p.serviceTask)))) {
      issues.push({ field: `body.parts.${i}.serviceTask`, code: 'rights.partNotAsked' })
    }
    if (p.outcome === 'refused') {
      if (!p.ground) issues.push({ field: `body.parts.${i}.ground`, code: 'rights.groundRequired' })
      else if (!groundsFor(kind).includes(p.ground)) issues.push({ field: `body.parts.${i}.ground`, code: 'rights.groundNotFor' })
      if (p.explanation.trim().length < 10) issues.push({ field: `body.parts.${i}.explanation`, code: 'rights.explanation', params: { min: 10 } })
    } else if (p.ground) issues.push({ field: `body.parts.${i}.ground`, code: 'rights.groundGranted' })
  })
  return issues
}

/**
 * Answers the request with a kernel decision in parts. A granted restriction restricts processing in the granted
 * registers (a granted registry part: every register) until the officer lifts it.
 */
export async function decideRequest(trx: Trx, id: string, b: RightsDecisionInput, o: Actor & { unitId: string | undefined }): Promise<string[]> {
  const r = await openForChange(trx, id, b.version)
  if (!o.unitId) throw problems.forbidden()
  const known = new Set((await trx.selectFrom('service_task').select('code').execute()).map((t) => t.code))
  const issues = partIssues(r.kind, r.service_tasks, known, b.parts)
  if (b.decidedOn < r.received_on) issues.push({ field: 'body.decidedOn', code: 'rights.beforeReceived', params: { receivedOn: r.received_on } })
  if (b.decidedOn > o.today) issues.push({ field: 'body.decidedOn', code: 'rights.future' })
  if (issues.length) throw problems.validation(issues)
  const parts = b.parts.map((p) => ({ serviceTask: p.serviceTask, outcome: p.outcome, ground: p.outcome === 'refused' ? (p.ground ?? null) : null, explanation: p.explanation.trim() }))
  const register = parts.find((p) => p.serviceTask)?.serviceTask ?? r.service_tasks[0] ?? RIGHTS_DECISION.serviceTask
  const decision = await insertDecision({ trx, personId: r.person_id }, RIGHTS_DECISION, {
    unitId: o.unitId,
    subjectId: r.id,
    correctsId: null,
    decidedOn: b.decidedOn,
    makerId: o.userId,
    language: r.language,
    outcome: rightsOutcome(parts),
    reasons: b.reasons,
    items: parts,
    serviceTask: register,
  })
  await trx.updateTable('rights_request').set({ state: 'decided', decision_id: decision.id, version: r.version + 1 }).where('id', '=', id).execute()
  const granted = parts.filter((p) => p.outcome === 'granted')
  if (r.kind === 'restriction' && granted.length) {
    await trx
      .insertInto('processing_restriction')
      .values({
        person_id: r.person_id,
        service_tasks: granted.some((p) => p.serviceTask === null) ? [] : granted.map((p) => p.serviceTask!),
        grounds: r.details,
        request_id: r.id,
        restricted_on: b.decidedOn,
        restricted_by: o.userId,
      })
      .execute()
  }
  return personsOf(r)
}

export async function listRestrictions(trx: Trx, personId: string): Promise<Restriction[]> {
  const rows = await trx
    .selectFrom('processing_restriction as x')
    .innerJoin('staff_user as by', 'by.id', 'x.restricted_by')
    .leftJoin('staff_user as lb', 'lb.id', 'x.lifted_by')
    .leftJoin('rights_request as r', 'r.id', 'x.request_id')
    .selectAll('x')
    .select(['by.display_name as restricted_by_name', 'lb.display_name as lifted_by_name', 'r.number as request_number'])
    .where('x.person_id', '=', personId)
    .orderBy('x.restricted_on', 'desc')
    .orderBy('x.created_at', 'desc')
    .execute()
  return rows.map((x) => ({
    id: x.id,
    personId: x.person_id,
    serviceTasks: x.service_tasks,
    grounds: x.grounds,
    requestNumber: x.request_number === null ? null : Number(x.request_number),
    restrictedOn: x.restricted_on,
    restrictedBy: x.restricted_by_name,
    liftedOn: x.lifted_on,
    liftedBy: x.lifted_by_name,
    liftNote: x.lift_note,
    version: x.version,
  }))
}

export async function liftRestriction(trx: Trx, id: string, b: LiftRestrictionInput, o: Actor): Promise<string> {
  const x = await trx.selectFrom('processing_restriction').selectAll().where('id', '=', id).forUpdate().executeTakeFirst()
  if (!x) throw problems.notFound()
  if (x.version !== b.version) throw problems.conflict()
  if (x.lifted_on) throw closed('rights.lifted')
  const issues: FieldIssue[] = []
  if (b.liftedOn > o.today) issues.push({ field: 'body.liftedOn', code: 'rights.future' })
  if (b.liftedOn < x.restricted_on) issues.push({ field: 'body.liftedOn', code: 'rights.liftBefore', params: { restrictedOn: x.restricted_on } })
  if (issues.length) throw problems.validation(issues)
  await trx.updateTable('processing_restriction').set({ lifted_on: b.liftedOn, lifted_by: o.userId, lift_note: b.note.trim(), version: x.version + 1 }).where('id', '=', id).execute()
  return x.person_id
}

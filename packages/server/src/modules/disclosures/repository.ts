// the kernel's and this module's tables in the database type (declaration merging)
import type {} from '../../kernel/schema'
import type {} from './schema'
import type { Consent, ConsentInput, ConsentList, DiscloseInput, InformationAnswerInput, InformationRequestInput, DisclosureDecisionInput, DisclosureRegister, DisclosureRequestInput, RevokeInput } from '@huoma/contract'
import { banPurposeOf, basisNeedsCitation, compareLocalDates, consentStanding, localDate, type DISCLOSURE_BASES, type DISCLOSURE_BAN_PURPOSES, type LocalDate, type REQUESTER_KINDS, type RequesterKind } from '@huoma/domain'
import type { DISCLOSURE_BASES as C_BASES, DISCLOSURE_BAN_PURPOSES as C_BANS, REQUESTER_KINDS as C_KINDS } from '@huoma/contract'
import { sql } from 'kysely'
import type { ClientScope } from '../../access/client-access'
import { banned, consentFor, logDisclosure } from '../../kernel/disclosure-log'
import { isGuardianOf } from '../../kernel/disclosure-bans'
import { problems, type FieldIssue } from '../../http/problem'

/**
 * Disclosure requests, their decisions and the disclosures made on them, per register (service task), and the
 * client's consents and bans — all through the client chokepoint. Every write checks first and writes nothing on a
 * refusal (one transaction); the consent a disclosure rests on is checked when it is decided and again when the data
 * is sent, and the client's bans on genealogy and register research are honoured.
 */

/** The contract's code lists are the domain's (a list changed on one side only fails to compile here). */
type Same<A extends readonly string[], B extends readonly string[]> = A[number] extends B[number] ? (B[number] extends A[number] ? true : false) : false
const sameLists: [Same<typeof C_BASES, typeof DISCLOSURE_BASES>, Same<typeof C_KINDS, typeof REQUESTER_KINDS>, Same<typeof C_BANS, typeof DISCLOSURE_BAN_PURPOSES>] = [true, true, true]
void sameLists

const notFuture = (day: string, today: LocalDate, field: string): FieldIssue[] => (compareLocalDates(localDate(day), today) > 0 ? [{ field, code: 'disclosure.date.future' }] : [])

export async function readRegister(scope: ClientScope, serviceTask: string): Promise<DisclosureRegister> {
  const requests = await scope.trx
    .selectFrom('disclosure_request as r')
    .innerJoin('staff_user as reg', 'reg.id', 'r.registered_by')
    .leftJoin('staff_user as dec', 'dec.id', 'r.decided_by')
    .selectAll('r')
    .select(['reg.display_name as registered_by_name', 'dec.display_name as decided_by_name'])
    .where('r.person_id', '=', scope.personId)
    .where('r.service_task', '=', serviceTask)
    .orderBy('r.received_on', 'desc')
    .orderBy('r.number', 'desc')
    .execute()
  const log = await scope.trx
    .selectFrom('disclosure_log as l')
    .leftJoin('staff_user as u', 'u.id', 'l.disclosed_by')
    .selectAll('l')
    .select('u.display_name')
    .where('l.person_id', '=', scope.personId)
    .where('l.service_task', '=', serviceTask)
    .orderBy('l.disclosed_on', 'desc')
    .orderBy('l.created_at', 'desc')
    .execute()
  const asked = await scope.trx
    .selectFrom('information_request as i')
    .innerJoin('staff_user as u', 'u.id', 'i.sent_by')
    .selectAll('i')
    .select('u.display_name')
    .where('i.person_id', '=', scope.personId)
    .where('i.service_task', '=', serviceTask)
    .orderBy('i.sent_on', 'desc')
    .orderBy('i.created_at', 'desc')
    .execute()
  return {
    serviceTask,
    informationRequests: asked.map((i) => ({
      id: i.id,
      authority: i.authority,
      basis: i.basis,
      basisCitation: i.basis_citation,
      asked: i.asked,
      sentOn: i.sent_on,
      sentBy: i.display_name,
      answer: i.answered_on && i.obtained !== null ? { answeredOn: i.answered_on, obtained: i.obtained } : null,
      version: i.version,
    })),
    requests: requests.map((r) => ({
      id: r.id,
      number: Number(r.number),
      serviceTask: r.service_task,
      requesterKind: r.requester_kind as RequesterKind,
      requesterName: r.requester_name,
      requesterOrganisation: r.requester_organisation,
      receivedOn: r.received_on,
      basis: r.basis as DisclosureRegister['requests'][number]['basis'],
      basisCitation: r.basis_citation,
      consentId: r.consent_id,
      purpose: r.purpose,
      requested: r.requested,
      registeredBy: r.registered_by_name,
      decision: r.outcome && r.decided_on ? { outcome: r.outcome, reasons: r.decision_reasons ?? '', decidedOn: r.decided_on, decidedBy: r.decided_by_name ?? '' } : null,
      version: r.version,
    })),
    log: log.map((l) => ({
      id: l.id,
      requestId: l.request_id,
      recipient: l.recipient,
      basis: l.basis as DisclosureRegister['log'][number]['basis'],
      basisCitation: l.basis_citation,
      what: l.what,
      method: l.method,
      disclosedOn: l.disclosed_on,
      disclosedBy: l.display_name,
    })),
  }
}

const consentIssue = (standing: string, field: string): FieldIssue[] => (standing === 'valid' ? [] : [{ field, code: `disclosure.consent.${standing}` }])

export async function receiveRequest(scope: ClientScope, input: DisclosureRequestInput, o: { userId: string; today: LocalDate }): Promise<void> {
  const issues: FieldIssue[] = [...notFuture(input.receivedOn, o.today, 'receivedOn')]
  if (basisNeedsCitation(input.basis) && !input.basisCitation?.trim()) issues.push({ field: 'basisCitation', code: 'disclosure.citation' })
  if (input.basis === 'consent') {
    if (!input.consentId) issues.push({ field: 'consentId', code: 'disclosure.consent.required' })
    else issues.push(...consentIssue(await consentFor(scope.trx, { consentId: input.consentId, personId: scope.personId, serviceTask: input.serviceTask, on: input.receivedOn }), 'consentId'))
  }
  if (issues.length) throw problems.validation(issues)
  await scope.trx
    .insertInto('disclosure_request')
    .values({
      person_id: scope.personId,
      service_task: input.serviceTask,
      requester_kind: input.requesterKind,
      requester_name: input.requesterName.trim(),
      requester_organisation: input.requesterOrganisation?.trim() || null,
      received_on: input.receivedOn,
      basis: input.basis,
      basis_citation: input.basisCitation?.trim() || null,
      consent_id: input.basis === 'consent' ? (input.consentId ?? null) : null,
      purpose: input.purpose.trim(),
      requested: input.requested.trim(),
      registered_by: o.userId,
    })
    .execute()
}

async function requestRow(scope: ClientScope, requestId: string, serviceTask: string, version: number) {
  const r = await scope.trx
    .selectFrom('disclosure_request')
    .selectAll()
    .where('id', '=', requestId)
    .where('person_id', '=', scope.personId)
    .where('service_task', '=', serviceTask)
    .forUpdate()
    .executeTakeFirst()
  if (!r) throw problems.notFound()
  if (r.version !== version) throw problems.conflict()
  return r
}

/** Whether disclosing on the request is allowed on the day: its consent in force, and no ban of the client's. */
async function allowedOn(scope: ClientScope, r: { basis: string; consent_id: string | null; service_task: string; requester_kind: string }, on: string, field: string): Promise<FieldIssue[]> {
  const issues: FieldIssue[] = []
  if (r.basis === 'consent' && r.consent_id) issues.push(...consentIssue(await consentFor(scope.trx, { consentId: r.consent_id, personId: scope.personId, serviceTask: r.service_task, on }), field))
  const purpose = banPurposeOf(r.requester_kind as RequesterKind)
  if (purpose && (await banned(scope.trx, { personId: scope.personId, purpose, on }))) issues.push({ field, code: 'disclosure.banned' })
  return issues
}

export async function decideRequest(scope: ClientScope, requestId: string, input: DisclosureDecisionInput, o: { userId: string; today: LocalDate }): Promise<void> {
  const r = await requestRow(scope, requestId, input.serviceTask, input.version)
  const issues: FieldIssue[] = [...notFuture(input.decidedOn, o.today, 'decidedOn')]
  if (r.outcome) issues.push({ field: 'outcome', code: 'disclosure.decided' })
  if (compareLocalDates(localDate(input.decidedOn), localDate(r.received_on)) < 0) issues.push({ field: 'decidedOn', code: 'disclosure.before_received', params: { receivedOn: r.received_on } })
  if (input.outcome !== 'refuse') issues.push(...(await allowedOn(scope, r, input.decidedOn, 'outcome')))
  if (issues.length) throw problems.validation(issues)
  await scope.trx
    .updateTable('disclosure_request')
    .set({ outcome: input.outcome, decision_reasons: input.reasons.trim(), decided_on: input.decidedOn, decided_by: o.userId, version: sql<number>`version + 1` })
    .where('id', '=', requestId)
    .execute()
}

export async function recordDisclosure(scope: ClientScope, requestId: string, input: DiscloseInput, o: { userId: string; today: LocalDate }): Promise<void> {
  const r = await requestRow(scope, requestId, input.serviceTask, input.version)
  const issues: FieldIssue[] = [...notFuture(input.disclosedOn, o.today, 'disclosedOn')]
  if (!r.outcome || r.outcome === 'refuse') issues.push({ field: 'request', code: 'disclosure.refused' })
  else if (compareLocalDates(localDate(input.disclosedOn), localDate(r.decided_on!)) < 0) issues.push({ field: 'disclosedOn', code: 'disclosure.before_decision', params: { decidedOn: r.decided_on! } })
  if (r.outcome && r.outcome !== 'refuse') issues.push(...(await allowedOn(scope, r, input.disclosedOn, 'disclosedOn')))
  if (issues.length) throw problems.validation(issues)
  await logDisclosure(scope.trx, {
    personId: scope.personId,
    serviceTask: r.service_task,
    requestId: r.id,
    recipient: r.requester_organisation ? `${r.requester_name}, ${r.requester_organisation}` : r.requester_name,
    basis: r.basis,
    basisCitation: r.basis_citation,
    what: input.what.trim(),
    method: input.method,
    disclosedOn: input.disclosedOn,
    disclosedBy: o.userId,
  })
  await scope.trx.updateTable('disclosure_request').set({ version: sql<number>`version + 1` }).where('id', '=', requestId).execute()
}

// ---- Outgoing information requests -----------------------------------------------------------------------------

export async function askInformation(scope: ClientScope, input: InformationRequestInput, o: { userId: string; today: LocalDate }): Promise<void> {
  const issues: FieldIssue[] = [...notFuture(input.sentOn, o.today, 'sentOn')]
  if (input.basis === 'other_act' && !input.basisCitation?.trim()) issues.push({ field: 'basisCitation', code: 'disclosure.citation' })
  if (issues.length) throw problems.validation(issues)
  await scope.trx
    .insertInto('information_request')
    .values({
      person_id: scope.personId,
      service_task: input.serviceTask,
      authority: input.authority.trim(),
      basis: input.basis,
      basis_citation: input.basisCitation?.trim() || null,
      asked: input.asked.trim(),
      sent_on: input.sentOn,
      sent_by: o.userId,
    })
    .execute()
}

export async function informationAnswered(scope: ClientScope, requestId: string, input: InformationAnswerInput, o: { today: LocalDate }): Promise<void> {
  const r = await scope.trx
    .selectFrom('information_request')
    .selectAll()
    .where('id', '=', requestId)
    .where('person_id', '=', scope.personId)
    .where('service_task', '=', input.serviceTask)
    .forUpdate()
    .executeTakeFirst()
  if (!r) throw problems.notFound()
  if (r.version !== input.version) throw problems.conflict()
  const issues: FieldIssue[] = [...notFuture(input.answeredOn, o.today, 'answeredOn')]
  if (r.answered_on) issues.push({ field: 'answeredOn', code: 'information.answered' })
  if (compareLocalDates(localDate(input.answeredOn), localDate(r.sent_on)) < 0) issues.push({ field: 'answeredOn', code: 'information.before_sent', params: { sentOn: r.sent_on } })
  if (issues.length) throw problems.validation(issues)
  await scope.trx
    .updateTable('information_request')
    .set({ answered_on: input.answeredOn, obtained: input.obtained.trim(), version: sql<number>`version + 1` })
    .where('id', '=', requestId)
    .execute()
}

// ---- Consents and bans ---------------------------------------------------------------------------------------

export async function listConsents(scope: ClientScope, today: LocalDate): Promise<ConsentList> {
  const rows = await scope.trx
    .selectFrom('consent as c')
    .innerJoin('staff_user as rec', 'rec.id', 'c.recorded_by')
    .leftJoin('staff_user as rev', 'rev.id', 'c.revoked_by')
    .leftJoin('person as g', 'g.id', 'c.given_by')
    .selectAll('c')
    .select(['rec.display_name as recorded_by_name', 'rev.display_name as revoked_by_name', 'g.first_names', 'g.last_name'])
    .where('c.person_id', '=', scope.personId)
    .orderBy('c.given_on', 'desc')
    .orderBy('c.created_at', 'desc')
    .execute()
  scope.touch(...rows.flatMap((c) => (c.given_by ? [c.given_by] : [])))
  return {
    consents: rows.map((c): Consent => {
      const s = consentStanding(
        { givenOn: localDate(c.given_on), validUntil: c.valid_until ? localDate(c.valid_until) : null, revokedOn: c.revoked_on ? localDate(c.revoked_on) : null, serviceTasks: c.service_tasks },
        { on: today, serviceTask: c.service_tasks[0] ?? '' },
      )
      return {
        id: c.id,
        kind: c.kind,
        recipient: c.recipient,
        purpose: c.purpose,
        dataScope: c.data_scope,
        banPurpose: c.ban_purpose,
        serviceTasks: c.service_tasks,
        givenBy: c.given_by ? { id: c.given_by, name: `${c.first_names ?? ''} ${c.last_name ?? ''}`.trim() } : null,
        form: c.form,
        givenOn: c.given_on,
        validUntil: c.valid_until,
        recordedBy: c.recorded_by_name,
        revoked: c.revoked_on ? { on: c.revoked_on, by: c.revoked_by_name ?? '', note: c.revoke_note ?? '' } : null,
        standing: s === 'other_task' ? 'valid' : s,
        version: c.version,
      }
    }),
  }
}

export async function recordConsent(scope: ClientScope, input: ConsentInput, o: { userId: string; today: LocalDate }): Promise<void> {
  const issues: FieldIssue[] = [...notFuture(input.givenOn, o.today, 'givenOn')]
  if (input.kind === 'consent') {
    if (!input.recipient?.trim()) issues.push({ field: 'recipient', code: 'consent.recipient' })
    if (!input.serviceTasks.length) issues.push({ field: 'serviceTasks', code: 'consent.tasks' })
  } else if (!input.banPurpose) issues.push({ field: 'banPurpose', code: 'consent.ban_purpose' })
  if (input.validUntil && compareLocalDates(localDate(input.validUntil), localDate(input.givenOn)) < 0) issues.push({ field: 'validUntil', code: 'consent.until_before' })
  if (input.givenBy) {
    scope.touch(input.givenBy)
    if (!(await isGuardianOf(scope.trx, { personId: scope.personId, guardianId: input.givenBy, on: input.givenOn }))) issues.push({ field: 'givenBy', code: 'consent.given_by' })
  }
  if (issues.length) throw problems.validation(issues)
  await scope.trx
    .insertInto('consent')
    .values({
      person_id: scope.personId,
      kind: input.kind,
      recipient: input.kind === 'consent' ? input.recipient!.trim() : null,
      purpose: input.purpose.trim(),
      data_scope: input.dataScope?.trim() || null,
      ban_purpose: input.kind === 'ban' ? (input.banPurpose ?? null) : null,
      service_tasks: [...input.serviceTasks],
      given_by: input.givenBy ?? null,
      form: input.form,
      given_on: input.givenOn,
      valid_until: input.validUntil ?? null,
      recorded_by: o.userId,
    })
    .execute()
}

export async function revokeConsent(scope: ClientScope, consentId: string, input: RevokeInput, o: { userId: string; today: LocalDate }): Promise<void> {
  const c = await scope.trx.selectFrom('consent').selectAll().where('id', '=', consentId).where('person_id', '=', scope.personId).forUpdate().executeTakeFirst()
  if (!c) throw problems.notFound()
  if (c.version !== input.version) throw problems.conflict()
  const issues: FieldIssue[] = [...notFuture(input.revokedOn, o.today, 'revokedOn')]
  if (c.revoked_on) issues.push({ field: 'revokedOn', code: 'consent.revoked' })
  if (compareLocalDates(localDate(input.revokedOn), localDate(c.given_on)) < 0) issues.push({ field: 'revokedOn', code: 'consent.revoke_before', params: { givenOn: c.given_on } })
  if (issues.length) throw problems.validation(issues)
  await scope.trx
    .updateTable('consent')
    .set({ revoked_on: input.revokedOn, revoked_by: o.userId, revoke_note: input.note.trim(), version: sql<number>`version + 1` })
    .where('id', '=', consentId)
    .execute()
}

import type { Calculation, Claims, Decision, DecisionInput, DecisionItem, DecisionOutcome, NotificationInput, Payable, PaymentCommitment } from '@huoma/contract'
import {
  bicForFinnishIban,
  calendarDayDeadline,
  createFinnishReference,
  formatEuros,
  localDate,
  nextBankingDay,
  rollForwardDeadline,
  todayInHelsinki,
  validateFinnishIban,
  type Cents,
} from '@huoma/domain'
import { randomUUID } from 'node:crypto'
import { sql, type Transaction } from 'kysely'
import type { ClientScope } from '../../access/client-access'
import type { DB } from '../../db/schema'
import type { Lang } from '../../http/language'
import { HttpProblem, problems, type FieldIssue } from '../../http/problem'
import { calculate } from './calculation'
import { applicationRow, engineMember, SERVICE_TASK, type ApplicationRow } from './applications'
import { engineParameters } from './parameters'
import { mailingAddress } from '../../pdf/mailing-address'
import type { CommitmentPrintInput, DecisionPrintInput, PrintOrganisation } from './print-types'
import { itemLaw } from './texts'

type Trx = Transaction<DB>

const REASONS_MIN = 10

/** Everything a decision (or its preview) is made of, checked; nothing is written. */
export interface PreparedDecision {
  row: ApplicationRow
  language: 'fi' | 'sv'
  calculation: Calculation
  items: DecisionItem[]
  commitments: (NonNullable<DecisionInput['items'][number]['commitment']> & { itemIndex: number; purpose: string; maxCents: number })[]
  clientPayment: { iban: string; bic: string | null; amountCents: number } | null
  grantedCents: number
  outcome: DecisionOutcome
  memberNames: Record<string, string>
  members: { personId: string; name: string; role: string; birthDate: string | null }[]
}

function overallOutcome(items: DecisionItem[]): DecisionOutcome {
  if (!items.length || items.every((i) => i.outcome === 'refused')) return 'refused'
  if (items.every((i) => i.outcome === 'granted')) return 'granted'
  return 'partly_granted'
}

/**
 * Check a decision against its application: every supplementary and preventive claim decided exactly once, each
 * outcome consistent with its amount, a reason for each item and for the whole, supplementary assistance within the
 * calculation, an account for money paid to the client.
 */
export async function prepareDecision(scope: ClientScope, applicationId: string, body: DecisionInput, lang: Lang, now: Date, opts: { preview: boolean }): Promise<PreparedDecision> {
  const { trx } = scope
  const row = await applicationRow(trx, scope.personId, applicationId)
  const claims = row.claims as Claims
  const issues: FieldIssue[] = []
  const today = todayInHelsinki(now)

  if (!opts.preview && row.version !== body.version) {
    throw new HttpProblem(409, 'conflict', {
      type: 'https://huoma.fi/problems/stale-version',
      detail: (l: Lang) =>
        ({
          fi: 'Hakemusta on muutettu sillä välin. Lataa se uudelleen ennen päätöstä.',
          sv: 'Ansökan har ändrats under tiden. Ladda om den före beslutet.',
          en: 'The application was changed meanwhile. Reload it before deciding.',
        })[l],
    })
  }
  // the first decision needs an open application; a correction needs the latest decision of a decided one
  const latest = await trx
    .selectFrom('income_support_decision as d')
    .select(['d.id'])
    .where('d.application_id', '=', applicationId)
    .where((eb) => eb.not(eb.exists(eb.selectFrom('income_support_decision as c').select('c.id').whereRef('c.corrects_id', '=', 'd.id'))))
    .orderBy('d.decided_at', 'desc')
    .executeTakeFirst()
  if (body.correctsId) {
    if (!latest || latest.id !== body.correctsId) issues.push({ field: 'correctsId', code: 'is.decision.corrects_invalid' })
  } else if (latest || (row.state !== 'received' && row.state !== 'in_preparation')) {
    issues.push({ field: 'correctsId', code: 'is.decision.not_open' })
  }

  if (body.decidedOn > today) issues.push({ field: 'decidedOn', code: 'is.date.future' })
  if (body.decidedOn < row.received_on) issues.push({ field: 'decidedOn', code: 'is.date.before_received' })
  if (body.reasons.trim().length < REASONS_MIN) issues.push({ field: 'reasons', code: 'is.decision.reasons_required', params: { min: REASONS_MIN } })

  const seen = new Set<string>()
  const items: DecisionItem[] = []
  const commitments: PreparedDecision['commitments'] = []
  body.items.forEach((it, i) => {
    const key = `${it.kind}[${it.index}]`
    const claim = it.kind === 'supplementary' ? claims.supplementary[it.index] : claims.preventive[it.index]
    if (!claim) {
      issues.push({ field: `items[${i}].index`, code: 'is.decision.item_unknown' })
      return
    }
    if (seen.has(key)) issues.push({ field: `items[${i}].index`, code: 'is.decision.item_duplicate' })
    seen.add(key)
    const claimed = claim.acceptedCents ?? claim.amountCents
    const consistent =
      it.outcome === 'granted' ? it.grantedCents === claimed && claimed > 0 : it.outcome === 'refused' ? it.grantedCents === 0 : it.grantedCents > 0 && it.grantedCents < claimed
    if (!consistent) issues.push({ field: `items[${i}].grantedCents`, code: 'is.decision.granted_mismatch' })
    if (!it.reason.trim()) issues.push({ field: `items[${i}].reason`, code: 'is.decision.reason_required' })
    const code = it.kind === 'supplementary' ? (claim as Claims['supplementary'][number]).type : 'preventive'
    if (it.commitment) {
      if (it.outcome === 'refused') issues.push({ field: `items[${i}].commitment`, code: 'is.decision.commitment_refused' })
      if (it.commitment.validUntil < it.commitment.validFrom) issues.push({ field: `items[${i}].commitment.validUntil`, code: 'is.decision.commitment_dates' })
      const purpose = it.kind === 'preventive' ? (claim as Claims['preventive'][number]).purpose : code
      commitments.push({ ...it.commitment, itemIndex: items.length, purpose, maxCents: it.grantedCents })
    }
    items.push({
      kind: it.kind,
      code,
      claimedCents: claimed,
      grantedCents: it.grantedCents,
      outcome: it.outcome,
      reason: it.reason.trim(),
      law: itemLaw(it.kind, code),
      commitmentId: null,
    })
  })
  claims.supplementary.forEach((_, i) => {
    if (!seen.has(`supplementary[${i}]`)) issues.push({ field: 'items', code: 'is.decision.item_missing', params: { item: `supplementary[${i}]` } })
  })
  claims.preventive.forEach((_, i) => {
    if (!seen.has(`preventive[${i}]`)) issues.push({ field: 'items', code: 'is.decision.item_missing', params: { item: `preventive[${i}]` } })
  })

  const memberRows = await trx
    .selectFrom('income_support_member as m')
    .innerJoin('person as p', 'p.id', 'm.person_id')
    .select(['m.person_id', 'm.role', 'm.alternating_residence', 'm.reduction_percent', 'm.reduction_ground', 'm.sanction_month', 'p.first_names', 'p.last_name', 'p.birth_date'])
    .where('m.application_id', '=', applicationId)
    .orderBy('m.position')
    .execute()
  scope.touch(...memberRows.map((m) => m.person_id))
  const outcome = calculate(
    {
      periodStart: row.period_start,
      periodEnd: row.period_end,
      members: memberRows.map(engineMember),
      claims,
      housingCapped: row.housing_capped,
    },
    await engineParameters(trx),
    lang,
  )
  if (!outcome.ok) throw problems.validation([...issues, { field: 'items', code: 'is.decision.calculation_failed', params: { message: outcome.message } }])
  const calculation = outcome.calculation

  const supplementaryGranted = items.filter((i) => i.kind === 'supplementary').reduce((s, i) => s + i.grantedCents, 0)
  if (supplementaryGranted > calculation.supplementaryCents) {
    issues.push({
      field: 'items',
      code: 'is.decision.exceeds_calculation',
      params: { granted: formatEuros(supplementaryGranted as Cents, lang === 'en' ? 'en' : lang), max: formatEuros(calculation.supplementaryCents as Cents, lang === 'en' ? 'en' : lang) },
    })
  }

  const person = await trx.selectFrom('person').select(['iban', 'bic', 'service_language']).where('id', '=', scope.personId).executeTakeFirstOrThrow()
  const toClient = items.reduce((s, it, i) => s + (commitments.some((c) => c.itemIndex === i) ? 0 : it.grantedCents), 0)
  let clientPayment: PreparedDecision['clientPayment'] = null
  if (toClient > 0) {
    const raw = body.iban ?? person.iban
    if (!raw) issues.push({ field: 'iban', code: 'is.decision.iban_missing' })
    else {
      const iban = validateFinnishIban(raw)
      if (!iban.ok) issues.push({ field: 'iban', code: 'is.decision.iban_invalid' })
      else {
        const bic = bicForFinnishIban(iban.value)
        clientPayment = { iban: iban.value, bic: bic.ok ? bic.value.bic : (body.iban ? null : person.bic), amountCents: toClient }
      }
    }
  }
  if (issues.length) throw problems.validation(issues)

  const grantedCents = items.reduce((s, i) => s + i.grantedCents, 0)
  return {
    row,
    language: body.language ?? (person.service_language === 'sv' ? 'sv' : 'fi'),
    calculation,
    items,
    commitments,
    clientPayment,
    grantedCents,
    outcome: overallOutcome(items),
    memberNames: Object.fromEntries(memberRows.map((m) => [m.person_id, `${m.first_names} ${m.last_name}`])),
    members: memberRows.map((m) => ({ personId: m.person_id, name: `${m.first_names} ${m.last_name}`, role: m.role, birthDate: m.birth_date })),
  }
}

const recoveryNeeded = new HttpProblem(409, 'conflict', {
  type: 'https://huoma.fi/problems/income-support-recovery',
  detail: (l: Lang) =>
    ({
      fi: 'Korjaava päätös myöntäisi vähemmän kuin on jo maksettu. Liikaa maksetun takaisinperintä on tehtävä omalla päätöksellään.',
      sv: 'Det rättande beslutet skulle bevilja mindre än vad som redan betalats. Återkrav av det som betalats för mycket ska göras med ett eget beslut.',
      en: 'The correcting decision would grant less than has already been paid. Recovering the overpayment needs its own decision.',
    })[l],
})

/**
 * Make the decision: the frozen calculation and items, payment commitments, and the payables. A correction cancels
 * the corrected decision's unpaid payables and pays only the difference to what is already paid or in a batch.
 * Returns the decision id.
 */
export async function makeDecision(scope: ClientScope, applicationId: string, body: DecisionInput, userId: string, lang: Lang, now: Date): Promise<string> {
  const prepared = await prepareDecision(scope, applicationId, body, lang, now, { preview: false })
  const { trx } = scope
  const { row } = prepared
  // commitment ids are made here so the frozen items can name them: the decision row never changes after insert
  const commitmentIds = prepared.commitments.map(() => randomUUID())
  const items = prepared.items.map((it, i) => {
    const k = prepared.commitments.findIndex((c) => c.itemIndex === i)
    return k >= 0 ? { ...it, commitmentId: commitmentIds[k]! } : it
  })
  const decision = await trx
    .insertInto('income_support_decision')
    .values({
      application_id: applicationId,
      person_id: scope.personId,
      corrects_id: body.correctsId ?? null,
      decided_on: body.decidedOn,
      decision_maker_id: userId,
      language: prepared.language,
      period_start: row.period_start,
      period_end: row.period_end,
      calculation: JSON.stringify(prepared.calculation),
      items: JSON.stringify(items),
      reasons: body.reasons.trim(),
      granted_cents: prepared.grantedCents,
      outcome: prepared.outcome,
    })
    .returning(['id', 'number'])
    .executeTakeFirstOrThrow()
  for (const [k, c] of prepared.commitments.entries()) {
    await trx
      .insertInto('payment_commitment')
      .values({
        id: commitmentIds[k]!,
        decision_id: decision.id,
        person_id: scope.personId,
        provider_kind: c.providerKind,
        provider_name: c.providerName.trim(),
        purpose: c.purpose,
        valid_from: c.validFrom,
        valid_until: c.validUntil,
        max_cents: c.maxCents,
      })
      .execute()
  }

  // Payables: money to the client (a correction pays the difference to what the corrected decision already paid)
  let amount = prepared.clientPayment?.amountCents ?? 0
  if (body.correctsId) {
    const previous = await trx.selectFrom('payable').select(['id', 'state', 'amount_cents']).where('source_kind', '=', 'income_support_decision').where('source_id', '=', body.correctsId).execute()
    const committed = previous.filter((p) => p.state === 'in_batch' || p.state === 'paid').reduce((s, p) => s + p.amount_cents, 0)
    const open = previous.filter((p) => p.state === 'open').map((p) => p.id)
    if (open.length) await trx.updateTable('payable').set({ state: 'cancelled', cancelled_by_source: decision.id }).where('id', 'in', open).execute()
    amount -= committed
    if (amount < 0) throw recoveryNeeded
  }
  if (amount > 0 && prepared.clientPayment) {
    const person = await trx.selectFrom('person').select(['first_names', 'last_name']).where('id', '=', scope.personId).executeTakeFirstOrThrow()
    await trx
      .insertInto('payable')
      .values({
        source_kind: 'income_support_decision',
        source_id: decision.id,
        source_key: 'client',
        person_id: scope.personId,
        service_task: SERVICE_TASK,
        unit_id: row.unit_id,
        payee_kind: 'client',
        payee_name: `${person.first_names} ${person.last_name}`,
        iban: prepared.clientPayment.iban,
        bic: prepared.clientPayment.bic,
        amount_cents: amount,
        // paid on the first banking day from the decision day (a payment cannot be due in the past)
        due_on: nextBankingDay(localDate(body.decidedOn < todayInHelsinki(now) ? todayInHelsinki(now) : body.decidedOn)),
        reference: createFinnishReference(String(1000 + decision.number)),
        message: null,
        created_by: userId,
      })
      .execute()
  }
  await trx
    .updateTable('income_support_application')
    .set({ state: 'decided', version: sql<number>`version + 1`, updated_at: sql<Date>`now()` })
    .where('id', '=', applicationId)
    .execute()
  return decision.id
}

// ---------------------------------------------------------------------------------------------------------------
// Reading decisions

async function decisionRow(trx: Trx, personId: string, decisionId: string) {
  const row = await trx
    .selectFrom('income_support_decision as d')
    .innerJoin('staff_user as u', 'u.id', 'd.decision_maker_id')
    .leftJoin('income_support_notification as n', 'n.decision_id', 'd.id')
    .leftJoin('income_support_decision as c', 'c.corrects_id', 'd.id')
    .selectAll('d')
    .select(['u.display_name', 'n.notified_on', 'n.method', 'c.id as corrected_by'])
    .where('d.id', '=', decisionId)
    .where('d.person_id', '=', personId)
    .executeTakeFirst()
  if (!row) throw problems.notFound()
  return row
}

/** The last day for a request for a review: 30 days from notification, moved past a holiday or weekend (150/1930). */
export function appealDeadline(notifiedOn: string | null): string | null {
  return notifiedOn ? rollForwardDeadline(calendarDayDeadline(localDate(notifiedOn), 30)) : null
}

export async function readDecision(scope: ClientScope, decisionId: string): Promise<Decision> {
  const { trx } = scope
  const d = await decisionRow(trx, scope.personId, decisionId)
  const commitments = await trx.selectFrom('payment_commitment').selectAll().where('decision_id', '=', decisionId).orderBy('number').execute()
  const payables = await trx.selectFrom('payable').selectAll().where('source_kind', '=', 'income_support_decision').where('source_id', '=', decisionId).orderBy('number').execute()
  return {
    id: d.id,
    number: d.number,
    decidedOn: d.decided_on,
    decisionMaker: { id: d.decision_maker_id, name: d.display_name },
    language: d.language,
    outcome: d.outcome,
    grantedCents: d.granted_cents,
    correctsId: d.corrects_id,
    correctedById: d.corrected_by ?? null,
    notifiedOn: d.notified_on ?? null,
    applicationId: d.application_id,
    periodStart: d.period_start,
    periodEnd: d.period_end,
    reasons: d.reasons,
    items: d.items as DecisionItem[],
    calculation: d.calculation as Calculation,
    commitments: commitments.map(toCommitment),
    payables: payables.map(
      (p): Payable => ({
        id: p.id,
        number: p.number,
        payeeKind: p.payee_kind,
        payeeName: p.payee_name,
        iban: p.iban,
        amountCents: p.amount_cents,
        dueOn: p.due_on,
        reference: p.reference,
        message: p.message,
        state: p.state,
      }),
    ),
    appealDeadline: appealDeadline(d.notified_on ?? null),
  }
}

const toCommitment = (c: DB['payment_commitment'] extends infer _ ? { id: string; number: number; decision_id: string; provider_kind: PaymentCommitment['providerKind']; provider_name: string; purpose: string; valid_from: string; valid_until: string; max_cents: number } : never): PaymentCommitment => ({
  id: c.id,
  number: c.number,
  decisionId: c.decision_id,
  providerKind: c.provider_kind,
  providerName: c.provider_name,
  purpose: c.purpose,
  validFrom: c.valid_from,
  validUntil: c.valid_until,
  maxCents: c.max_cents,
})

export async function recordNotification(scope: ClientScope, decisionId: string, body: NotificationInput, userId: string, now: Date) {
  const { trx } = scope
  const d = await decisionRow(trx, scope.personId, decisionId)
  const issues: FieldIssue[] = []
  if (d.notified_on) issues.push({ field: 'notifiedOn', code: 'is.notification.exists' })
  if (body.notifiedOn < d.decided_on) issues.push({ field: 'notifiedOn', code: 'is.date.before_received' })
  if (body.notifiedOn > todayInHelsinki(now)) issues.push({ field: 'notifiedOn', code: 'is.date.future' })
  if (issues.length) throw problems.validation(issues)
  await trx.insertInto('income_support_notification').values({ decision_id: decisionId, notified_on: body.notifiedOn, method: body.method, recorded_by: userId }).execute()
  await trx
    .updateTable('income_support_application')
    .set({ state: 'notified', version: sql<number>`version + 1`, updated_at: sql<Date>`now()` })
    .where('id', '=', d.application_id)
    .where('state', '=', 'decided')
    .execute()
}

// ---------------------------------------------------------------------------------------------------------------
// Printing

const maskIban = (iban: string) => `${iban.slice(0, 4)} **** **** ${iban.slice(-4)}`

async function organisationFor(trx: Trx, unitId: string, lang: 'fi' | 'sv'): Promise<PrintOrganisation> {
  const u = await trx
    .selectFrom('unit')
    .innerJoin('organisation as o', 'o.id', 'unit.organisation_id')
    .select(['unit.name_fi', 'unit.name_sv', 'o.name'])
    .where('unit.id', '=', unitId)
    .executeTakeFirstOrThrow()
  return {
    name: u.name,
    unitName: lang === 'sv' ? u.name_sv : u.name_fi,
    reviewAuthority: lang === 'sv' ? `${u.name} – sektionen för individärenden` : `${u.name} – yksilöasioiden jaosto`,
    reviewAddress: lang === 'sv' ? `${u.name}, registratorskontoret` : `${u.name}, kirjaamo`,
  }
}

async function applicantFor(trx: Trx, personId: string) {
  const p = await trx.selectFrom('person').select(['first_names', 'last_name', 'hetu', 'temporary_id', 'birth_date', 'turvakielto']).where('id', '=', personId).executeTakeFirstOrThrow()
  return {
    name: `${p.first_names} ${p.last_name}`,
    hetu: p.hetu,
    temporaryId: p.temporary_id,
    birthDate: p.birth_date,
    // the decision goes to the client by mail
    address: await mailingAddress(trx, personId, p.turvakielto),
  }
}

export async function previewPrintInput(scope: ClientScope, applicationId: string, body: DecisionInput, userName: string, lang: Lang, now: Date): Promise<DecisionPrintInput> {
  const p = await prepareDecision(scope, applicationId, body, lang, now, { preview: true })
  const { trx } = scope
  let correctsNumber: number | null = null
  if (body.correctsId) {
    const c = await trx.selectFrom('income_support_decision').select('number').where('id', '=', body.correctsId).executeTakeFirst()
    correctsNumber = c?.number ?? null
  }
  const applicant = await applicantFor(trx, scope.personId)
  return {
    language: p.language,
    organisation: await organisationFor(trx, p.row.unit_id, p.language),
    preview: true,
    decision: {
      number: null,
      decidedOn: body.decidedOn,
      periodStart: p.row.period_start,
      periodEnd: p.row.period_end,
      outcome: p.outcome,
      grantedCents: p.grantedCents,
      reasons: body.reasons.trim(),
      correctsNumber,
    },
    decisionMaker: { name: userName },
    applicant,
    application: { number: p.row.number, receivedOn: p.row.received_on, channel: p.row.channel, kelaCaseRef: p.row.kela_case_ref },
    members: p.members.map((m) => ({ name: m.name, role: m.role as DecisionPrintInput['members'][number]['role'], birthDate: m.birthDate })),
    items: p.items,
    calculation: p.calculation,
    memberNames: p.memberNames,
    commitments: p.commitments.map((c, i) => ({
      id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
      number: 0,
      decisionId: '00000000-0000-4000-8000-000000000000',
      providerKind: c.providerKind,
      providerName: c.providerName,
      purpose: c.purpose,
      validFrom: c.validFrom,
      validUntil: c.validUntil,
      maxCents: c.maxCents,
    })),
    payments: p.clientPayment
      ? [{ payeeName: applicant.name, ibanMasked: maskIban(p.clientPayment.iban), amountCents: p.clientPayment.amountCents, dueOn: nextBankingDay(localDate(body.decidedOn)) }]
      : [],
  }
}

export async function decisionPrintInput(scope: ClientScope, decisionId: string, language: 'fi' | 'sv' | undefined): Promise<DecisionPrintInput> {
  const { trx } = scope
  const d = await readDecision(scope, decisionId)
  const lang = language ?? d.language
  const app = await trx.selectFrom('income_support_application').selectAll().where('id', '=', d.applicationId).executeTakeFirstOrThrow()
  const members = await trx
    .selectFrom('income_support_member as m')
    .innerJoin('person as p', 'p.id', 'm.person_id')
    .select(['m.person_id', 'm.role', 'p.first_names', 'p.last_name', 'p.birth_date'])
    .where('m.application_id', '=', d.applicationId)
    .orderBy('m.position')
    .execute()
  scope.touch(...members.map((m) => m.person_id))
  let correctsNumber: number | null = null
  if (d.correctsId) correctsNumber = (await trx.selectFrom('income_support_decision').select('number').where('id', '=', d.correctsId).executeTakeFirstOrThrow()).number
  return {
    language: lang,
    organisation: await organisationFor(trx, app.unit_id, lang),
    preview: false,
    decision: {
      number: d.number,
      decidedOn: d.decidedOn,
      periodStart: d.periodStart,
      periodEnd: d.periodEnd,
      outcome: d.outcome,
      grantedCents: d.grantedCents,
      reasons: d.reasons,
      correctsNumber,
    },
    decisionMaker: { name: d.decisionMaker.name },
    applicant: await applicantFor(trx, scope.personId),
    application: { number: app.number, receivedOn: app.received_on, channel: app.channel, kelaCaseRef: app.kela_case_ref },
    members: members.map((m) => ({ name: `${m.first_names} ${m.last_name}`, role: m.role, birthDate: m.birth_date })),
    items: d.items,
    calculation: d.calculation,
    memberNames: Object.fromEntries(members.map((m) => [m.person_id, `${m.first_names} ${m.last_name}`])),
    commitments: d.commitments,
    payments: d.payables.filter((p) => p.state !== 'cancelled').map((p) => ({ payeeName: p.payeeName, ibanMasked: maskIban(p.iban), amountCents: p.amountCents, dueOn: p.dueOn })),
  }
}

export async function commitmentPrintInput(scope: ClientScope, commitmentId: string, language: 'fi' | 'sv' | undefined, now: Date): Promise<CommitmentPrintInput> {
  const { trx } = scope
  const c = await trx.selectFrom('payment_commitment').selectAll().where('id', '=', commitmentId).where('person_id', '=', scope.personId).executeTakeFirst()
  if (!c) throw problems.notFound()
  const d = await decisionRow(trx, scope.personId, c.decision_id)
  const app = await trx.selectFrom('income_support_application').select('unit_id').where('id', '=', d.application_id).executeTakeFirstOrThrow()
  const lang = language ?? d.language
  const applicant = await applicantFor(trx, scope.personId)
  return {
    language: lang,
    organisation: await organisationFor(trx, app.unit_id, lang),
    commitment: {
      number: c.number,
      providerKind: c.provider_kind,
      providerName: c.provider_name,
      purpose: c.purpose,
      validFrom: c.valid_from,
      validUntil: c.valid_until,
      maxCents: c.max_cents,
    },
    decision: { number: d.number, decidedOn: d.decided_on },
    decisionMaker: { name: d.display_name },
    client: { name: applicant.name, birthDate: applicant.birthDate },
    printedAt: now,
  }
}

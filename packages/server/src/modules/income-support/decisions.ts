import type { Calculation, Claims, Decision, DecisionInput, DecisionItem, DecisionOutcome, NotificationInput, Payable, PaymentCommitment } from '@huoma/contract'
import {
  benefitRemittanceText,
  bicForFinnishIban,
  formatEuros,
  localDate,
  nextBankingDay,
  todayInHelsinki,
  validateFinnishIban,
  type Cents,
} from '@huoma/domain'
import { randomUUID } from 'node:crypto'
import { correctionChain, insertDecision, latestDecision, readDecision as kernelReadDecision, recordNotification as kernelRecordNotification } from '../../kernel/decisions/decisions'
import { cancelOpenPayables, createCommitment, createPayable, payablesOf } from '../../kernel/payables'
import { meetDeadline } from '../../kernel/deadlines'
import { INCOME_SUPPORT_DECISION } from './decision-type'
import { printOrganisation, printRecipient } from '../../kernel/decisions/parties'
import { sql } from 'kysely'
import type { ClientScope } from '../../access/client-access'
import type { Lang } from '../../http/language'
import { HttpProblem, problems, type FieldIssue } from '../../http/problem'
import { calculate } from './calculation'
import { applicationRow, DEADLINE_KIND, engineMember, SERVICE_TASK, type ApplicationRow } from './applications'
import { engineParameters } from './parameters'
import type { CommitmentPrintInput, DecisionPrintInput } from './print-types'
import { itemLaw } from './texts'

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
  const latest = await latestDecision(trx, INCOME_SUPPORT_DECISION, applicationId)
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
 * the unpaid payables of the decisions it replaces (the corrected one and those it corrected) and pays only the
 * difference to what of theirs is already paid or in a batch.
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
  const decision = await insertDecision(scope, INCOME_SUPPORT_DECISION, {
    unitId: row.unit_id,
    subjectId: applicationId,
    correctsId: body.correctsId ?? null,
    decidedOn: body.decidedOn,
    makerId: userId,
    language: prepared.language,
    outcome: prepared.outcome,
    reasons: body.reasons,
    items,
  })
  await trx
    .insertInto('income_support_decision_detail')
    .values({
      id: decision.id,
      application_id: applicationId,
      period_start: row.period_start,
      period_end: row.period_end,
      calculation: JSON.stringify(prepared.calculation),
      granted_cents: prepared.grantedCents,
    })
    .execute()
  for (const [k, c] of prepared.commitments.entries()) {
    await createCommitment(trx, {
      id: commitmentIds[k]!,
      decisionId: decision.id,
      personId: scope.personId,
      serviceTask: SERVICE_TASK,
      provider: { kind: c.providerKind, name: c.providerName },
      purpose: c.purpose,
      validFrom: c.validFrom,
      validUntil: c.validUntil,
      maxCents: c.maxCents,
    })
  }

  // Payables: money to the client (a correction pays the difference to what the decisions it replaces already paid or
  // have in a batch: the corrected one and those it corrected in turn)
  let amount = prepared.clientPayment?.amountCents ?? 0
  if (body.correctsId) {
    const replaced = await correctionChain(trx, body.correctsId)
    const { committedCents } = await cancelOpenPayables(trx, INCOME_SUPPORT_DECISION.payableSourceKind, replaced, decision.id)
    amount -= committedCents
    if (amount < 0) throw recoveryNeeded
  }
  if (amount > 0 && prepared.clientPayment) {
    const person = await trx.selectFrom('person').select(['first_names', 'last_name']).where('id', '=', scope.personId).executeTakeFirstOrThrow()
    await createPayable(trx, {
      sourceKind: INCOME_SUPPORT_DECISION.payableSourceKind,
      sourceId: decision.id,
      sourceKey: 'client',
      personId: scope.personId,
      serviceTask: SERVICE_TASK,
      unitId: row.unit_id,
      payee: { kind: 'client', name: `${person.first_names} ${person.last_name}`, iban: prepared.clientPayment.iban, bic: prepared.clientPayment.bic },
      amountCents: amount,
      // paid on the first banking day from the decision day (a payment cannot be due in the past)
      dueOn: nextBankingDay(localDate(body.decidedOn < todayInHelsinki(now) ? todayInHelsinki(now) : body.decidedOn)),
      // the client's statement says what is paid, for when, on which decision and by whom (not a bare reference);
      // the bank's feedback is matched by the payment's EndToEndId, so no reference is needed
      reference: null,
      message: benefitRemittanceText({
        language: prepared.language,
        benefit: prepared.language === 'sv' ? 'Utkomststöd' : 'Toimeentulotuki',
        periodStart: localDate(row.period_start),
        periodEnd: localDate(row.period_end),
        decisionNumber: decision.number,
        payer: (await printOrganisation(trx, row.unit_id, prepared.language)).name,
      }),
      createdBy: userId,
    })
  }
  await trx
    .updateTable('income_support_application')
    .set({ state: 'decided', version: sql<number>`version + 1`, updated_at: sql<Date>`now()` })
    .where('id', '=', applicationId)
    .execute()
  // TTTL 14 a §: the deadline is met on the day of the (first) decision; a correction leaves it as it was
  await meetDeadline(trx, DEADLINE_KIND, applicationId, { on: body.decidedOn, byUser: userId })
  return decision.id
}

// ---------------------------------------------------------------------------------------------------------------
// Reading decisions

/** A decision of the scope's client with income support's details (the kernel's row and the detail row). */
async function decisionRow(scope: ClientScope, decisionId: string) {
  const d = await kernelReadDecision(scope, INCOME_SUPPORT_DECISION, decisionId)
  const x = await scope.trx.selectFrom('income_support_decision_detail').selectAll().where('id', '=', decisionId).executeTakeFirstOrThrow()
  return { ...d, detail: x }
}

export async function readDecision(scope: ClientScope, decisionId: string): Promise<Decision> {
  const { trx } = scope
  const d = await decisionRow(scope, decisionId)
  const commitments = await trx.selectFrom('payment_commitment').selectAll().where('decision_id', '=', decisionId).orderBy('number').execute()
  const payables = await payablesOf(trx, INCOME_SUPPORT_DECISION.payableSourceKind, decisionId)
  return {
    id: d.id,
    number: d.number,
    decidedOn: d.decidedOn,
    decisionMaker: { id: d.maker.id, name: d.maker.name },
    language: d.language,
    outcome: d.outcome as DecisionOutcome,
    grantedCents: d.detail.granted_cents,
    correctsId: d.correctsId,
    correctedById: d.correctedById,
    notifiedOn: d.notification?.notifiedOn ?? null,
    applicationId: d.detail.application_id,
    periodStart: d.detail.period_start,
    periodEnd: d.detail.period_end,
    reasons: d.reasons,
    items: d.items as DecisionItem[],
    calculation: d.detail.calculation as Calculation,
    commitments: commitments.map(toCommitment),
    payables: payables satisfies Payable[],
    appealDeadline: d.appealDeadline,
  }
}

const toCommitment = (c: { id: string; number: number; decision_id: string; provider_kind: PaymentCommitment['providerKind']; provider_name: string; purpose: string; valid_from: string; valid_until: string; max_cents: number }): PaymentCommitment => ({
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

/** Tiedoksianto through the kernel; the application is then `notified`. */
export async function recordNotification(scope: ClientScope, decisionId: string, body: NotificationInput, userId: string, now: Date) {
  const { decision } = await kernelRecordNotification(scope, INCOME_SUPPORT_DECISION, decisionId, body, userId, todayInHelsinki(now))
  await scope.trx
    .updateTable('income_support_application')
    .set({ state: 'notified', version: sql<number>`version + 1`, updated_at: sql<Date>`now()` })
    .where('id', '=', decision.subjectId!)
    .where('state', '=', 'decided')
    .execute()
}

// ---------------------------------------------------------------------------------------------------------------
// Printing

const maskIban = (iban: string) => `${iban.slice(0, 4)} **** **** ${iban.slice(-4)}`

export async function previewPrintInput(scope: ClientScope, applicationId: string, body: DecisionInput, userName: string, lang: Lang, now: Date): Promise<DecisionPrintInput> {
  const p = await prepareDecision(scope, applicationId, body, lang, now, { preview: true })
  const { trx } = scope
  let correctsNumber: number | null = null
  if (body.correctsId) {
    const c = await trx.selectFrom('income_support_decision').select('number').where('id', '=', body.correctsId).executeTakeFirst()
    correctsNumber = c?.number ?? null
  }
  const applicant = await printRecipient(scope)
  return {
    language: p.language,
    organisation: await printOrganisation(trx, p.row.unit_id, p.language),
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
    organisation: await printOrganisation(trx, app.unit_id, lang),
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
    applicant: await printRecipient(scope),
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
  const d = await kernelReadDecision(scope, INCOME_SUPPORT_DECISION, c.decision_id)
  const lang = language ?? d.language
  const applicant = await printRecipient(scope)
  return {
    language: lang,
    organisation: await printOrganisation(trx, d.unitId, lang),
    commitment: {
      number: c.number,
      providerKind: c.provider_kind,
      providerName: c.provider_name,
      purpose: c.purpose,
      validFrom: c.valid_from,
      validUntil: c.valid_until,
      maxCents: c.max_cents,
    },
    decision: { number: d.number, decidedOn: d.decidedOn },
    decisionMaker: { name: d.maker.name },
    client: { name: applicant.name, birthDate: applicant.birthDate },
    printedAt: now,
  }
}

// the kernel's tables in the database type (declaration merging)
import type {} from './schema'
import { bicForFinnishIban, compareLocalDates, type LocalDate } from '@huoma/domain'
import { electronicFormatIBAN, isValidIBAN } from 'ibantools'
import { sql } from 'kysely'
import type { Executor } from '../access/audit'
import { HttpProblem, problems, type FieldIssue } from '../http/problem'
import { correctionChain } from './decisions/decisions'

/**
 * Payables and payment commitments of any decision (or any other source): money owed to the client or to a
 * registered provider, paid through the payment batches. A source yields at most one payable per key (unique), so
 * nothing is paid twice; a payable in a batch can no longer be cancelled (the database refuses it).
 */

export type Payee =
  /**
   * named with its account by the source: the client, or a provider outside the register (a bill recorded on a
   * client account names its payee and account)
   */
  | { kind: 'client' | 'provider'; name: string; iban: string; bic: string | null }
  /** a provider of the register: its name and account are read from the register when the payable is made */
  | { kind: 'provider'; providerId: string }

export interface NewPayable {
  sourceKind: string
  sourceId: string
  /** distinguishes several payables of one source (`client`, `item-2`, `bill-<id>`) */
  sourceKey: string
  personId: string
  serviceTask: string
  unitId: string
  payee: Payee
  amountCents: number
  dueOn: LocalDate | string
  reference: string | null
  message: string | null
  createdBy: string | null
  commitmentId?: string | null
}

/** A provider usable for a payment on a day: in the register, valid that day, with an account. */
export async function payableProvider(trx: Executor, providerId: string, on: string) {
  const p = await trx.selectFrom('provider').select(['id', 'name', 'iban', 'bic', 'valid_from', 'valid_until']).where('id', '=', providerId).executeTakeFirst()
  const issues: FieldIssue[] = []
  if (!p) issues.push({ field: 'providerId', code: 'provider.unknown' })
  else {
    if (p.valid_from > on || (p.valid_until !== null && p.valid_until < on)) issues.push({ field: 'providerId', code: 'provider.notValid', params: { on } })
    if (!p.iban) issues.push({ field: 'providerId', code: 'provider.noAccount' })
  }
  if (issues.length || !p || !p.iban) throw problems.validation(issues)
  return { ...p, iban: p.iban }
}

/** Creates a payable; returns its id and number. */
export async function createPayable(trx: Executor, p: NewPayable): Promise<{ id: string; number: number }> {
  if (!Number.isInteger(p.amountCents) || p.amountCents <= 0) throw new Error(`A payable's amount must be positive cents, got ${p.amountCents}`)
  let payee: { kind: 'client' | 'provider'; name: string; iban: string; bic: string | null; providerId: string | null }
  if ('providerId' in p.payee) {
    const provider = await payableProvider(trx, p.payee.providerId, String(p.dueOn))
    const derived = bicForFinnishIban(provider.iban)
    payee = { kind: 'provider', name: provider.name, iban: provider.iban, bic: provider.bic ?? (derived.ok ? derived.value.bic : null), providerId: provider.id }
  } else {
    const iban = electronicFormatIBAN(p.payee.iban) ?? ''
    if (!isValidIBAN(iban)) throw problems.validation([{ field: 'iban', code: 'payable.iban' }])
    payee = { kind: p.payee.kind, name: p.payee.name, iban, bic: p.payee.bic, providerId: null }
  }
  return trx
    .insertInto('payable')
    .values({
      source_kind: p.sourceKind,
      source_id: p.sourceId,
      source_key: p.sourceKey,
      person_id: p.personId,
      service_task: p.serviceTask,
      unit_id: p.unitId,
      payee_kind: payee.kind,
      payee_name: payee.name,
      iban: payee.iban,
      bic: payee.bic,
      provider_id: payee.providerId,
      commitment_id: p.commitmentId ?? null,
      amount_cents: p.amountCents,
      due_on: p.dueOn,
      reference: p.reference,
      message: p.message,
      created_by: p.createdBy,
    })
    .returning(['id', 'number'])
    .executeTakeFirstOrThrow()
}

export interface PayableView {
  id: string
  number: number
  payeeKind: 'client' | 'provider'
  payeeName: string
  iban: string
  amountCents: number
  dueOn: string
  reference: string | null
  message: string | null
  state: 'open' | 'cancelled' | 'in_batch' | 'paid' | 'returned'
}

/** The payables of a source, in the order they were made. */
export async function payablesOf(trx: Executor, sourceKind: string, sourceId: string): Promise<PayableView[]> {
  const rows = await trx.selectFrom('payable').selectAll().where('source_kind', '=', sourceKind).where('source_id', '=', sourceId).orderBy('number').execute()
  return rows.map((p) => ({
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
  }))
}

/**
 * Cancels the open payables of the sources a correcting decision replaces — the decision it corrects and every one
 * that decision corrected in turn (`sourceIds`, the whole chain: see `correctionChain`) — and tells what of theirs is
 * already on its way or paid, so the correction pays only the difference. The chain, not only the decision corrected:
 * a payable of the first decision taken into a batch stays there through any number of corrections, and each
 * correction must count it. The rows are locked first, so a batch being made meanwhile either has them (and they
 * count as on their way) or waits and finds them cancelled; a payable in a batch is never cancelled (the database
 * refuses it, payable_payment_guard).
 */
export async function cancelOpenPayables(trx: Executor, sourceKind: string, sourceIds: readonly string[], cancelledBy: string): Promise<{ cancelled: number; committedCents: number }> {
  if (!sourceIds.length) return { cancelled: 0, committedCents: 0 }
  const rows = await trx
    .selectFrom('payable')
    .select(['id', 'state', 'amount_cents'])
    .where('source_kind', '=', sourceKind)
    .where('source_id', 'in', sourceIds)
    .orderBy('number')
    .forUpdate()
    .execute()
  const open = rows.filter((p) => p.state === 'open').map((p) => p.id)
  if (open.length) await trx.updateTable('payable').set({ state: 'cancelled', cancelled_by_source: cancelledBy }).where('id', 'in', open).execute()
  return { cancelled: open.length, committedCents: rows.filter((p) => p.state === 'in_batch' || p.state === 'paid').reduce((s, p) => s + p.amount_cents, 0) }
}

// ---- Payment commitments (maksusitoumus) -------------------------------------------------------------------------

export type ProviderKind = 'pharmacy' | 'funeral' | 'landlord' | 'energy' | 'other'

export interface NewCommitment {
  id?: string
  decisionId: string
  personId: string
  serviceTask: string
  /** a registered provider, or a provider named on the decision only (paid when it is entered in the register) */
  provider: { providerId: string; kind: ProviderKind } | { name: string; kind: ProviderKind }
  purpose: string
  validFrom: string
  validUntil: string
  maxCents: number
}

/** A promise to a provider to pay up to a maximum within a validity, made by a decision. */
export async function createCommitment(trx: Executor, c: NewCommitment): Promise<{ id: string; number: number }> {
  let name: string
  let providerId: string | null = null
  if ('providerId' in c.provider) {
    const p = await trx.selectFrom('provider').select(['id', 'name']).where('id', '=', c.provider.providerId).executeTakeFirst()
    if (!p) throw problems.validation([{ field: 'providerId', code: 'provider.unknown' }])
    name = p.name
    providerId = p.id
  } else name = c.provider.name.trim()
  return trx
    .insertInto('payment_commitment')
    .values({
      ...(c.id ? { id: c.id } : {}),
      decision_id: c.decisionId,
      person_id: c.personId,
      service_task: c.serviceTask,
      provider_kind: c.provider.kind,
      provider_name: name,
      provider_id: providerId,
      purpose: c.purpose,
      valid_from: c.validFrom,
      valid_until: c.validUntil,
      max_cents: c.maxCents,
    })
    .returning(['id', 'number'])
    .executeTakeFirstOrThrow()
}

/** What has been billed against a commitment so far: its payables that are not cancelled, in cents. */
export async function commitmentBilled(trx: Executor, commitmentId: string): Promise<number> {
  const r = await trx
    .selectFrom('payable')
    .select(sql<string>`coalesce(sum(amount_cents), 0)`.as('s'))
    .where('commitment_id', '=', commitmentId)
    .where('state', '<>', 'cancelled')
    .executeTakeFirstOrThrow()
  return Number(r.s)
}

export interface CommitmentBill {
  /** the provider that billed, when the commitment named none from the register */
  providerId?: string | undefined
  amountCents: number
  /** the day the service was given (within the commitment's validity) */
  servedOn: string
  dueOn: string
  reference: string | null
  message: string | null
  createdBy: string
}

/**
 * A provider's bill against a payment commitment becomes a payable to the provider: within the commitment's
 * validity and what is left of its maximum (under the commitment's row lock, so two bills cannot together exceed it).
 */
export async function billCommitment(trx: Executor, commitmentId: string, bill: CommitmentBill, today: LocalDate): Promise<{ payableId: string; personId: string; leftCents: number }> {
  const c = await trx
    .selectFrom('payment_commitment as c')
    .innerJoin('decision as d', 'd.id', 'c.decision_id')
    .select(['c.id', 'c.number', 'c.person_id', 'c.service_task', 'c.provider_id', 'c.provider_name', 'c.purpose', 'c.decision_id', 'c.valid_from', 'c.valid_until', 'c.max_cents', 'd.unit_id', 'd.decision_type'])
    .where('c.id', '=', commitmentId)
    .forUpdate('c')
    .executeTakeFirst()
  if (!c) throw problems.notFound()
  // A corrected decision's commitment is replaced by the correction's: it takes no more bills, and what was billed
  // on the earlier commitments of the chain to the same provider for the same purpose counts against the new one's
  // maximum (so a provider cannot bill both up to each maximum).
  const replaced = await trx.selectFrom('decision').select('id').where('corrects_id', '=', c.decision_id).executeTakeFirst()
  if (replaced) throw problems.validation([{ field: 'commitment', code: 'commitment.replaced' }])
  const chain = (await correctionChain(trx, c.decision_id)).slice(1)
  let used = await commitmentBilled(trx, commitmentId)
  if (chain.length) {
    const earlier = await trx
      .selectFrom('payment_commitment as e')
      .innerJoin('payable as p', 'p.commitment_id', 'e.id')
      .select(sql<string>`coalesce(sum(p.amount_cents), 0)`.as('s'))
      .where('e.decision_id', 'in', chain)
      .where('e.purpose', '=', c.purpose)
      .where((eb) => (c.provider_id ? eb('e.provider_id', '=', c.provider_id) : eb('e.provider_name', '=', c.provider_name)))
      .where('p.state', '<>', 'cancelled')
      .executeTakeFirstOrThrow()
    used += Number(earlier.s)
  }
  // one payable per invoice (its reference or message) of a commitment: a bill sent twice is paid once
  const sourceKey = `bill:${bill.reference ?? bill.message}`
  const exists = await trx.selectFrom('payable').select('id').where('source_kind', '=', 'payment_commitment').where('source_id', '=', commitmentId).where('source_key', '=', sourceKey).executeTakeFirst()
  if (exists && (bill.reference !== null || bill.message !== null)) throw new HttpProblem(409, 'conflict', { type: 'https://huoma.fi/problems/duplicate-bill' })
  const providerId = c.provider_id ?? bill.providerId
  const issues: FieldIssue[] = []
  if (!providerId) issues.push({ field: 'providerId', code: 'commitment.providerRequired' })
  if (c.provider_id && bill.providerId && bill.providerId !== c.provider_id) issues.push({ field: 'providerId', code: 'commitment.otherProvider' })
  if (bill.servedOn < c.valid_from || bill.servedOn > c.valid_until) issues.push({ field: 'servedOn', code: 'commitment.outsideValidity', params: { from: c.valid_from, until: c.valid_until } })
  if (!Number.isInteger(bill.amountCents) || bill.amountCents <= 0) issues.push({ field: 'amountCents', code: 'minimum', params: { limit: 1 } })
  else if (used + bill.amountCents > c.max_cents) issues.push({ field: 'amountCents', code: 'commitment.exceeds', params: { left: ((c.max_cents - used) / 100).toFixed(2).replace('.', ',') } })
  if (compareLocalDates(bill.dueOn as LocalDate, today) < 0) issues.push({ field: 'dueOn', code: 'payable.duePast' })
  if (bill.reference === null && bill.message === null) issues.push({ field: 'reference', code: 'payable.referenceOrMessage' })
  if (issues.length || !providerId) throw problems.validation(issues)
  const payable = await createPayable(trx, {
    sourceKind: 'payment_commitment',
    sourceId: commitmentId,
    sourceKey,
    personId: c.person_id,
    serviceTask: c.service_task,
    unitId: c.unit_id,
    payee: { kind: 'provider', providerId },
    amountCents: bill.amountCents,
    dueOn: bill.dueOn,
    reference: bill.reference,
    message: bill.message,
    createdBy: bill.createdBy,
    commitmentId,
  })
  return { payableId: payable.id, personId: c.person_id, leftCents: c.max_cents - used - bill.amountCents }
}

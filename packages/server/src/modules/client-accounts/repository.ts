import { randomUUID } from 'node:crypto'
import { sql, type Transaction } from 'kysely'
import type {
  ClientAccountDetail,
  ClientAccountEntry,
  ClientAccountEntryInput,
  ClientAccountOpen,
  ClientAccountSummary,
  ClientAccountUpdate,
  Reconciliation,
  ReconciliationRecord,
} from '@huoma/contract'
import {
  bicForFinnishIban,
  createFinnishReference,
  type Cents,
  daysInMonth,
  formatEuros,
  localDate,
  nextBankingDay,
  validateFinnishIban,
  validateFinnishReference,
  validateRfReference,
} from '@huoma/domain'
import type { ClientScope } from '../../access/client-access'
import type { DB } from '../../db/schema'
import { createPayable } from '../../kernel/payables'
import { mailingAddress } from '../../pdf/mailing-address'
import { problems, type FieldIssue } from '../../http/problem'
import type { Lang } from '../../http/language'
import type { ClientAccountCode } from './messages'

type Trx = Transaction<DB>

const issue = (field: string, code: ClientAccountCode, params?: Record<string, string | number>): FieldIssue => ({ field, code, params })
const refuse = (field: string, code: ClientAccountCode, params?: Record<string, string | number>) => problems.validation([issue(field, code, params)])
const euros = (c: number, lang: Lang) => formatEuros(c as Cents, lang).replace(/\s/g, ' ')
const monthOf = (date: string) => date.slice(0, 7)

/** Who is acting, and where their grants for the action reach the service task. */
export interface Actor {
  userId: string
  lang: Lang
  today: string
  /** units in which the user's grants for the action include the service task */
  units: string[]
}

// ---- accounts ---------------------------------------------------------------------------------------------------

const accountColumns = [
  'a.id',
  'a.number',
  'a.person_id',
  'a.service_task',
  'a.unit_id',
  'a.kind',
  'a.reference',
  'a.opened_on',
  'a.closed_on',
  'a.responsible_user_id',
  'a.version',
  'u.display_name as responsible_name',
] as const

function accountQuery(trx: Trx) {
  return trx
    .selectFrom('client_account as a')
    .leftJoin('staff_user as u', 'u.id', 'a.responsible_user_id')
    .select(accountColumns)
    .select((eb) =>
      eb
        .selectFrom('client_account_entry as e')
        .select(sql<number>`coalesce(sum(e.amount_cents), 0)::bigint`.as('b'))
        .whereRef('e.account_id', '=', 'a.id')
        .as('balance'),
    )
}
type AccountRow = Awaited<ReturnType<ReturnType<typeof accountQuery>['executeTakeFirstOrThrow']>>

function summary(r: AccountRow): ClientAccountSummary {
  return {
    id: r.id,
    number: Number(r.number),
    personId: r.person_id,
    serviceTask: r.service_task,
    unitId: r.unit_id,
    kind: r.kind,
    reference: r.reference,
    openedOn: r.opened_on,
    closedOn: r.closed_on,
    responsible: r.responsible_user_id ? { id: r.responsible_user_id, displayName: r.responsible_name ?? '' } : null,
    balanceCents: Number(r.balance ?? 0),
    version: r.version,
  }
}

/** The account of this client in this service task (else 404, as if it did not exist); optionally row-locked. */
async function account(scope: ClientScope, serviceTask: string, accountId: string, lock = false): Promise<AccountRow> {
  if (lock) {
    // the lock serialises everything that changes the balance of one account: two bills cannot both pass the check
    const locked = await scope.trx
      .selectFrom('client_account')
      .select('id')
      .where('id', '=', accountId)
      .where('person_id', '=', scope.personId)
      .where('service_task', '=', serviceTask)
      .forUpdate()
      .executeTakeFirst()
    if (!locked) throw problems.notFound()
  }
  const row = await accountQuery(scope.trx)
    .where('a.id', '=', accountId)
    .where('a.person_id', '=', scope.personId)
    .where('a.service_task', '=', serviceTask)
    .executeTakeFirst()
  if (!row) throw problems.notFound()
  return row
}

export async function listAccounts(scope: ClientScope, serviceTask: string): Promise<ClientAccountSummary[]> {
  const rows = await accountQuery(scope.trx)
    .where('a.person_id', '=', scope.personId)
    .where('a.service_task', '=', serviceTask)
    .orderBy('a.closed_on', (ob) => ob.desc().nullsFirst())
    .orderBy('a.number')
    .execute()
  return rows.map(summary)
}

async function checkResponsible(trx: Trx, userId: string | null | undefined) {
  if (!userId) return
  const u = await trx.selectFrom('staff_user').select('id').where('id', '=', userId).executeTakeFirst()
  if (!u) throw refuse('body.responsibleUserId', 'ca.responsible.not_found')
}

export async function openAccount(scope: ClientScope, serviceTask: string, body: ClientAccountOpen, actor: Actor): Promise<ClientAccountSummary> {
  const { trx } = scope
  const issues: FieldIssue[] = []
  const unitId = body.unitId ?? actor.units[0]
  if (!unitId || !actor.units.includes(unitId)) issues.push(issue('body.unitId', 'ca.unit.not_yours'))
  if (body.openedOn > actor.today) issues.push(issue('body.openedOn', 'ca.date.future'))
  const existing = await trx
    .selectFrom('client_account')
    .select('id')
    .where('person_id', '=', scope.personId)
    .where('service_task', '=', serviceTask)
    .where('kind', '=', body.kind)
    .where('closed_on', 'is', null)
    .executeTakeFirst()
  if (existing) issues.push(issue('body.kind', 'ca.account.exists'))
  if (issues.length) throw problems.validation(issues)
  const responsible = body.responsibleUserId === undefined ? actor.userId : body.responsibleUserId
  await checkResponsible(trx, responsible)
  const { rows } = await sql<{ n: number }>`SELECT nextval('client_account_number_seq')::bigint AS n`.execute(trx)
  const number = Number(rows[0]!.n)
  // the reference for incoming payments: prefix 7 (client funds) and the account number, with the 7-3-1 check digit
  const reference = createFinnishReference(`7${String(number).padStart(6, '0')}`)
  const inserted = await trx
    .insertInto('client_account')
    .values({
      number,
      person_id: scope.personId,
      service_task: serviceTask,
      unit_id: unitId!,
      kind: body.kind,
      reference,
      opened_on: body.openedOn,
      responsible_user_id: responsible ?? null,
      created_by: actor.userId,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return summary(await account(scope, serviceTask, inserted.id))
}

export async function updateAccount(scope: ClientScope, serviceTask: string, accountId: string, body: ClientAccountUpdate, actor: Actor): Promise<ClientAccountSummary> {
  const { trx } = scope
  const a = await account(scope, serviceTask, accountId, true)
  if (a.version !== body.version) throw problems.conflict()
  await checkResponsible(trx, body.responsibleUserId)
  if (body.closedOn && body.closedOn !== a.closed_on) {
    const balance = Number(a.balance ?? 0)
    if (balance !== 0) throw refuse('body.closedOn', 'ca.close.balance', { balance: euros(balance, actor.lang) })
    if (body.closedOn > actor.today) throw refuse('body.closedOn', 'ca.date.future')
    if (body.closedOn < a.opened_on) throw refuse('body.closedOn', 'ca.date.before_opened', { openedOn: a.opened_on })
    const last = await trx.selectFrom('client_account_entry').select((eb) => eb.fn.max('entry_on').as('d')).where('account_id', '=', accountId).executeTakeFirst()
    if (last?.d && body.closedOn < String(last.d)) throw refuse('body.closedOn', 'ca.close.before_last_entry', { date: String(last.d) })
  }
  await trx
    .updateTable('client_account')
    .set({ responsible_user_id: body.responsibleUserId, closed_on: body.closedOn, version: a.version + 1 })
    .where('id', '=', accountId)
    .where('version', '=', body.version)
    .execute()
  return summary(await account(scope, serviceTask, accountId))
}

// ---- entries ----------------------------------------------------------------------------------------------------

async function balanceOf(trx: Trx, accountId: string, on?: string): Promise<number> {
  let q = trx.selectFrom('client_account_entry').select(sql<number>`coalesce(sum(amount_cents), 0)::bigint`.as('b')).where('account_id', '=', accountId)
  if (on) q = q.where('entry_on', '<=', on)
  return Number((await q.executeTakeFirstOrThrow()).b)
}

async function monthClosed(trx: Trx, date: string): Promise<boolean> {
  const r = await trx
    .selectFrom('client_account_reconciliation')
    .select('id')
    .where('month', '=', `${monthOf(date)}-01`)
    .where(sql<boolean>`bank_cents = ledger_cents`)
    .executeTakeFirst()
  return !!r
}

async function entries(trx: Trx, accountId: string, from?: string, to?: string): Promise<ClientAccountEntry[]> {
  let q = trx
    .selectFrom('client_account_entry as e')
    .leftJoin('payable as p', 'p.id', 'e.payable_id')
    .leftJoin('staff_user as u', 'u.id', 'e.created_by')
    .leftJoin('client_account_entry as r', 'r.reverses_id', 'e.id')
    .select([
      'e.id',
      'e.number',
      'e.kind',
      'e.entry_on',
      'e.amount_cents',
      'e.description',
      'e.bank_ref',
      'e.reverses_id',
      'e.created_by',
      'e.created_at',
      'u.display_name',
      'r.id as reversed_by',
      'p.id as payable_id',
      'p.payee_name',
      'p.iban',
      'p.reference',
      'p.message',
      'p.due_on',
      'p.state as payable_state',
    ])
    .where('e.account_id', '=', accountId)
  if (to) q = q.where('e.entry_on', '<=', to)
  const rows = await q.orderBy('e.entry_on').orderBy('e.number').execute()
  let balance = 0
  const out: ClientAccountEntry[] = []
  for (const r of rows) {
    balance += Number(r.amount_cents)
    if (from && r.entry_on < from) continue
    out.push({
      id: r.id,
      number: Number(r.number),
      kind: r.kind,
      entryOn: r.entry_on,
      amountCents: Number(r.amount_cents),
      description: r.description,
      bankRef: r.bank_ref,
      reversesId: r.reverses_id,
      reversedById: r.reversed_by ?? null,
      payable: r.payable_id
        ? { id: r.payable_id, payeeName: r.payee_name!, iban: r.iban!, reference: r.reference, message: r.message, dueOn: r.due_on!, state: r.payable_state! }
        : null,
      balanceAfterCents: balance,
      createdBy: r.created_by ? { id: r.created_by, displayName: r.display_name ?? '' } : null,
      createdAt: new Date(r.created_at).toISOString(),
    })
  }
  return out
}

export async function accountDetail(scope: ClientScope, serviceTask: string, accountId: string, on: string): Promise<ClientAccountDetail> {
  const a = await account(scope, serviceTask, accountId)
  return { account: summary(a), balanceOn: on, balanceOnCents: await balanceOf(scope.trx, accountId, on), entries: await entries(scope.trx, accountId) }
}

async function entryById(trx: Trx, accountId: string, entryId: string): Promise<ClientAccountEntry> {
  return (await entries(trx, accountId)).find((e) => e.id === entryId)!
}

function checkIban(field: string, value: string): string {
  const v = validateFinnishIban(value)
  if (!v.ok) throw refuse(field, 'ca.iban.invalid')
  return v.value
}

function checkReference(field: string, value: string): string {
  const compact = value.replace(/\s/g, '').toUpperCase()
  if (/^RF/.test(compact)) {
    const rf = validateRfReference(compact)
    if (!rf.ok) throw refuse(field, 'ca.reference.invalid')
    return compact
  }
  const fi = validateFinnishReference(compact)
  if (!fi.ok) throw refuse(field, 'ca.reference.invalid')
  return fi.value
}

async function clientName(trx: Trx, personId: string): Promise<string> {
  const p = await trx.selectFrom('person').select(['first_names', 'last_name']).where('id', '=', personId).executeTakeFirstOrThrow()
  return `${p.first_names} ${p.last_name}`
}

/** Result of recording: `created` false when a deposit with the same bank archive reference was already recorded. */
export interface Recorded {
  entry: ClientAccountEntry
  created: boolean
}

export async function recordEntry(scope: ClientScope, serviceTask: string, accountId: string, input: ClientAccountEntryInput, actor: Actor): Promise<Recorded> {
  const { trx } = scope
  if (input.kind === 'deposit' && input.bankRef) {
    // idempotent bank import: the same archive reference on the same account with the same amount is the same payment
    const same = await trx.selectFrom('client_account_entry').select(['id', 'account_id', 'amount_cents']).where('bank_ref', '=', input.bankRef).executeTakeFirst()
    if (same) {
      if (same.account_id === accountId && Number(same.amount_cents) === input.amountCents) {
        await account(scope, serviceTask, accountId)
        return { entry: await entryById(trx, accountId, same.id), created: false }
      }
      throw refuse('body.bankRef', 'ca.bank_ref.conflict')
    }
  }
  const a = await account(scope, serviceTask, accountId, true)
  if (a.closed_on) throw refuse('body.kind', 'ca.account.closed')
  const outgoing = input.kind === 'bill' || input.kind === 'payout'
  const entryOn = outgoing ? actor.today : input.entryOn
  const dateField = outgoing ? 'body.dueOn' : 'body.entryOn'
  if (!outgoing) {
    if (entryOn > actor.today) throw refuse(dateField, 'ca.date.future')
    if (entryOn < a.opened_on) throw refuse(dateField, 'ca.date.before_opened', { openedOn: a.opened_on })
  } else if (input.dueOn < actor.today) throw refuse('body.dueOn', 'ca.date.past')
  if (await monthClosed(trx, entryOn)) throw refuse(dateField, 'ca.month.closed', { month: monthOf(entryOn) })

  let amount: number
  if (outgoing) amount = -input.amountCents
  else if (input.kind === 'adjustment') {
    if (input.amountCents === 0) throw refuse('body.amountCents', 'ca.adjustment.zero')
    if (input.amountCents < 0 && entryOn !== actor.today) throw refuse('body.entryOn', 'ca.adjustment.negative_today')
    amount = input.amountCents
  } else amount = input.amountCents

  if (amount < 0) {
    const balance = await balanceOf(trx, accountId)
    if (balance + amount < 0) throw refuse('body.amountCents', 'ca.overdraft', { balance: euros(balance, actor.lang) })
  }

  const entryId = randomUUID()
  let payableId: string | null = null
  if (outgoing) {
    const payee =
      input.kind === 'bill'
        ? { kind: 'provider' as const, name: input.payee.name.trim(), ibanField: 'body.payee.iban', iban: input.payee.iban, reference: input.payee.reference, message: input.payee.message }
        : { kind: 'client' as const, name: await clientName(trx, scope.personId), ibanField: 'body.iban', iban: input.iban, reference: undefined, message: input.message ?? input.description }
    const iban = checkIban(payee.ibanField, payee.iban)
    const hasRef = !!payee.reference?.trim()
    const hasMsg = !!payee.message?.trim()
    if (hasRef === hasMsg) throw refuse('body.payee.reference', 'ca.payee.reference_or_message')
    const reference = hasRef ? checkReference('body.payee.reference', payee.reference!) : null
    const bic = bicForFinnishIban(iban)
    const p = await createPayable(trx, {
      sourceKind: 'client_account',
      sourceId: entryId,
      sourceKey: input.kind,
      personId: scope.personId,
      serviceTask: a.service_task,
      unitId: a.unit_id,
      payee: { kind: payee.kind, name: payee.name, iban, bic: bic.ok ? bic.value.bic : null },
      amountCents: input.amountCents,
      dueOn: nextBankingDay(localDate(input.dueOn)),
      reference,
      message: hasMsg ? payee.message!.trim() : null,
      createdBy: actor.userId,
    })
    payableId = p.id
  }
  await trx
    .insertInto('client_account_entry')
    .values({
      id: entryId,
      account_id: accountId,
      kind: input.kind,
      entry_on: entryOn,
      amount_cents: amount,
      description: input.description.trim(),
      bank_ref: input.kind === 'deposit' ? (input.bankRef ?? null) : null,
      payable_id: payableId,
      created_by: actor.userId,
    })
    .execute()
  return { entry: await entryById(trx, accountId, entryId), created: true }
}

/** A correction: a reversing entry (today) of the opposite amount; an unpaid bill's payable is cancelled with it. */
export async function reverseEntry(scope: ClientScope, serviceTask: string, accountId: string, entryId: string, description: string, actor: Actor): Promise<ClientAccountEntry> {
  const { trx } = scope
  await account(scope, serviceTask, accountId, true)
  const e = await trx.selectFrom('client_account_entry').selectAll().where('id', '=', entryId).where('account_id', '=', accountId).executeTakeFirst()
  if (!e) throw problems.notFound()
  if (e.kind === 'reversal') throw refuse('entryId', 'ca.reversal.of_reversal')
  const already = await trx.selectFrom('client_account_entry').select('id').where('reverses_id', '=', entryId).executeTakeFirst()
  if (already) throw refuse('entryId', 'ca.reversal.already')
  if (await monthClosed(trx, actor.today)) throw refuse('entryId', 'ca.month.closed', { month: monthOf(actor.today) })
  const amount = -Number(e.amount_cents)
  if (amount < 0) {
    const balance = await balanceOf(trx, accountId)
    if (balance + amount < 0) throw refuse('entryId', 'ca.overdraft', { balance: euros(balance, actor.lang) })
  }
  const id = randomUUID()
  if (e.payable_id) {
    const p = await trx.selectFrom('payable').select('state').where('id', '=', e.payable_id).forUpdate().executeTakeFirstOrThrow()
    // money still waiting is withdrawn; money the bank returned is back on the collective account already
    if (p.state === 'open') await trx.updateTable('payable').set({ state: 'cancelled', cancelled_by_source: id }).where('id', '=', e.payable_id).execute()
    else if (p.state !== 'returned' && p.state !== 'cancelled') throw refuse('entryId', 'ca.reversal.payable_state')
  }
  await trx
    .insertInto('client_account_entry')
    .values({ id, account_id: accountId, kind: 'reversal', entry_on: actor.today, amount_cents: amount, description: description.trim(), reverses_id: entryId, created_by: actor.userId })
    .execute()
  return entryById(trx, accountId, id)
}

// ---- statement --------------------------------------------------------------------------------------------------

export interface StatementInput {
  language: 'fi' | 'sv'
  organisation: { name: string; unitName: string }
  client: { name: string; address: { street: string; postalCode: string; postOffice: string } | null }
  account: { number: number; kind: 'intermediary' | 'after_care_fund'; reference: string; serviceTaskName: string; openedOn: string; closedOn: string | null }
  from: string
  to: string
  openingCents: number
  closingCents: number
  entries: { entryOn: string; kind: string; description: string; amountCents: number; balanceAfterCents: number; payeeName: string | null }[]
  printedOn: string
}

export async function statementInput(scope: ClientScope, serviceTask: string, accountId: string, from: string, to: string, language: 'fi' | 'sv', today: string): Promise<StatementInput> {
  if (to < from) throw refuse('querystring.to', 'ca.period.invalid')
  const { trx } = scope
  const a = await account(scope, serviceTask, accountId)
  const unit = await trx
    .selectFrom('unit')
    .innerJoin('organisation as o', 'o.id', 'unit.organisation_id')
    .select(['unit.name_fi', 'unit.name_sv', 'o.name'])
    .where('unit.id', '=', a.unit_id)
    .executeTakeFirstOrThrow()
  const task = await trx.selectFrom('service_task').select(['name_fi', 'name_sv']).where('code', '=', a.service_task).executeTakeFirstOrThrow()
  const p = await trx.selectFrom('person').select(['first_names', 'last_name', 'turvakielto']).where('id', '=', scope.personId).executeTakeFirstOrThrow()
  // the statement goes to the client by mail
  const address = await mailingAddress(trx, scope.personId, p.turvakielto)
  const all = await entries(trx, accountId, from, to)
  const openingCents = all.length ? all[0]!.balanceAfterCents - all[0]!.amountCents : await balanceOf(trx, accountId, dayBefore(from))
  const closingCents = await balanceOf(trx, accountId, to)
  return {
    language,
    organisation: { name: unit.name, unitName: language === 'sv' ? unit.name_sv : unit.name_fi },
    client: { name: `${p.first_names} ${p.last_name}`, address },
    account: { number: Number(a.number), kind: a.kind, reference: a.reference, serviceTaskName: language === 'sv' ? task.name_sv : task.name_fi, openedOn: a.opened_on, closedOn: a.closed_on },
    from,
    to,
    openingCents,
    closingCents,
    entries: all.map((e) => ({ entryOn: e.entryOn, kind: e.kind, description: e.description, amountCents: e.amountCents, balanceAfterCents: e.balanceAfterCents, payeeName: e.payable?.payeeName ?? null })),
    printedOn: today,
  }
}

function dayBefore(date: string): string {
  const d = new Date(`${date}T12:00:00Z`)
  d.setUTCDate(d.getUTCDate() - 1)
  return d.toISOString().slice(0, 10)
}

// ---- reconciliation (finance) -----------------------------------------------------------------------------------

export function monthEnd(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number]
  return `${month}-${String(daysInMonth(y, m)).padStart(2, '0')}`
}

/**
 * Every account's balance at the end of the month (finance reconciles the collective client-funds bank account, so
 * it sees all accounts whatever their service task) and the stored reconciliations of the month. Returns the client
 * ids for the list chokepoint's audit row.
 */
export async function reconciliationView(trx: Trx, month: string): Promise<{ view: Reconciliation; personIds: string[] }> {
  const end = monthEnd(month)
  const rows = await trx
    .selectFrom('client_account as a')
    .innerJoin('person as p', 'p.id', 'a.person_id')
    .select(['a.id', 'a.number', 'a.person_id', 'a.kind', 'a.service_task', 'a.reference', 'p.first_names', 'p.last_name'])
    .select((eb) =>
      eb
        .selectFrom('client_account_entry as e')
        .select(sql<number>`coalesce(sum(e.amount_cents), 0)::bigint`.as('b'))
        .whereRef('e.account_id', '=', 'a.id')
        .where('e.entry_on', '<=', end)
        .as('balance'),
    )
    .where('a.opened_on', '<=', end)
    .orderBy('a.number')
    .execute()
  const accounts = rows.map((r) => ({
    id: r.id,
    number: Number(r.number),
    personId: r.person_id,
    clientName: `${r.last_name} ${r.first_names}`,
    kind: r.kind,
    serviceTask: r.service_task,
    reference: r.reference,
    balanceCents: Number(r.balance ?? 0),
  }))
  const history = await trx
    .selectFrom('client_account_reconciliation as r')
    .innerJoin('staff_user as u', 'u.id', 'r.reconciled_by')
    .select(['r.id', 'r.month', 'r.ledger_cents', 'r.bank_cents', 'r.difference_cents', 'r.account_count', 'r.note', 'r.reconciled_by', 'r.reconciled_at', 'u.display_name'])
    .where('r.month', '=', `${month}-01`)
    .orderBy('r.reconciled_at')
    .execute()
  const records: ReconciliationRecord[] = history.map((h) => ({
    id: h.id,
    month,
    ledgerCents: Number(h.ledger_cents),
    bankCents: Number(h.bank_cents),
    differenceCents: Number(h.difference_cents),
    accountCount: h.account_count,
    note: h.note,
    reconciledBy: { id: h.reconciled_by, displayName: h.display_name },
    reconciledAt: new Date(h.reconciled_at).toISOString(),
  }))
  return {
    view: {
      month,
      monthEnd: end,
      closed: records.some((r) => r.differenceCents === 0),
      ledgerCents: accounts.reduce((s, a) => s + a.balanceCents, 0),
      accounts,
      history: records,
    },
    personIds: [...new Set(accounts.map((a) => a.personId))],
  }
}

export async function reconcile(
  trx: Trx,
  input: { month: string; bankBalanceCents: number; note?: string },
  actor: { userId: string; today: string },
): Promise<{ view: Reconciliation; personIds: string[] }> {
  // no entry may be appended while the month's total is taken and the month possibly closed
  await sql`LOCK TABLE client_account_entry IN SHARE MODE`.execute(trx)
  if (monthEnd(input.month) >= actor.today) throw refuse('body.month', 'ca.month.not_ended')
  const before = await reconciliationView(trx, input.month)
  if (before.view.closed) throw refuse('body.month', 'ca.month.already_closed', { month: input.month })
  await trx
    .insertInto('client_account_reconciliation')
    .values({
      month: `${input.month}-01`,
      ledger_cents: before.view.ledgerCents,
      bank_cents: input.bankBalanceCents,
      account_count: before.view.accounts.length,
      note: input.note?.trim() || null,
      reconciled_by: actor.userId,
    })
    .execute()
  return reconciliationView(trx, input.month)
}

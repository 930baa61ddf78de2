import type { ClientPayment, ClientPayments } from '@huoma/contract'
import type { ClientScope } from '../../access/client-access'
import { dateOf } from '../../db/dates'
import { INCOME_SUPPORT_DECISION } from './decision-type'
import { SERVICE_TASK } from './applications'


/**
 * The history of a client's income support payments (maksetut etuudet): every payable of the register — to the client
 * on a decision, and to a provider on a bill against a payment commitment — with the decision it pays, its state and
 * the bank's days from its live payment item (at most one per payable, by `payment_item_payable_once`). Newest due
 * first. Read through the chokepoint for the income support register.
 */
export async function clientPayments(scope: ClientScope): Promise<ClientPayments> {
  const rows = await scope.trx
    .selectFrom('payable as p')
    .leftJoin('payment_commitment as pc', (j) => j.onRef('pc.id', '=', 'p.source_id').on('p.source_kind', '=', 'payment_commitment'))
    .leftJoin('decision as d', (j) =>
      j.on((eb) =>
        eb.or([
          eb.and([eb('p.source_kind', '=', INCOME_SUPPORT_DECISION.payableSourceKind), eb('d.id', '=', eb.ref('p.source_id'))]),
          eb('d.id', '=', eb.ref('pc.decision_id')),
        ]),
      ),
    )
    .leftJoin('payment_item as i', (j) => j.onRef('i.payable_id', '=', 'p.id').on('i.cancelled', '=', false))
    .select([
      'p.id',
      'p.number',
      'p.due_on',
      'p.amount_cents',
      'p.payee_kind',
      'p.payee_name',
      'p.state',
      'd.id as decision_id',
      'd.number as decision_number',
      'pc.number as commitment_number',
      'i.execution_on',
      'i.returned_on',
      'i.reason_code',
    ])
    .where('p.person_id', '=', scope.personId)
    .where('p.service_task', '=', SERVICE_TASK)
    .orderBy('p.due_on', 'desc')
    .orderBy('p.number', 'desc')
    .execute()
  const payments: ClientPayment[] = rows.map((r) => ({
    id: r.id,
    number: Number(r.number),
    dueOn: dateOf(r.due_on),
    amountCents: Number(r.amount_cents),
    payee: { kind: r.payee_kind, name: r.payee_name },
    decision: r.decision_id !== null && r.decision_number !== null ? { id: r.decision_id, number: Number(r.decision_number) } : null,
    commitmentNumber: r.commitment_number === null ? null : Number(r.commitment_number),
    state: r.state,
    paidOn: dateOf(r.execution_on),
    returnedOn: dateOf(r.returned_on),
    returnReason: r.reason_code,
  }))
  const paidTotalCents = payments.filter((p) => p.state === 'paid').reduce((sum, p) => sum + p.amountCents, 0)
  return { payments, paidTotalCents }
}

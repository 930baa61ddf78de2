import type { CommitmentBillInput, CommitmentForBilling } from '@huoma/contract'
import type { LocalDate } from '@huoma/domain'
import type { Transaction } from 'kysely'
import type { DB } from '../../db/schema'
import { problems } from '../../http/problem'
import { billCommitment, commitmentBilled } from '../../kernel/payables'
// the kernel's tables in the database type (declaration merging)
import type {} from '../../kernel/schema'

/**
 * A provider's bill against a payment commitment (maksusitoumus), as finance handles it: the commitment is found by
 * the number printed on the bill, and the bill becomes a payable to the provider through the kernel (within the
 * commitment's validity and what is left of its maximum, one payable per bill reference). Both name the client in
 * their audit rows (the chokepoint's role event).
 */
export async function commitmentByNumber(trx: Transaction<DB>, number: number): Promise<{ value: CommitmentForBilling; clientId: string }> {
  const c = await trx
    .selectFrom('payment_commitment as c')
    .innerJoin('decision as d', 'd.id', 'c.decision_id')
    .innerJoin('person as p', 'p.id', 'c.person_id')
    .select([
      'c.id',
      'c.number',
      'c.person_id',
      'c.service_task',
      'c.provider_kind',
      'c.provider_name',
      'c.provider_id',
      'c.purpose',
      'c.valid_from',
      'c.valid_until',
      'c.max_cents',
      'd.number as decision_number',
      'p.first_names',
      'p.last_name',
    ])
    .where('c.number', '=', number)
    .executeTakeFirst()
  if (!c) throw problems.notFound()
  return {
    clientId: c.person_id,
    value: {
      id: c.id,
      number: c.number,
      serviceTask: c.service_task,
      clientName: `${c.first_names} ${c.last_name}`,
      providerKind: c.provider_kind,
      providerName: c.provider_name,
      providerId: c.provider_id,
      purpose: c.purpose,
      validFrom: c.valid_from,
      validUntil: c.valid_until,
      maxCents: c.max_cents,
      billedCents: await commitmentBilled(trx, c.id),
      decisionNumber: c.decision_number,
    },
  }
}

export async function recordCommitmentBill(trx: Transaction<DB>, commitmentId: string, body: CommitmentBillInput, userId: string, today: LocalDate) {
  return billCommitment(
    trx,
    commitmentId,
    {
      providerId: body.providerId,
      amountCents: body.amountCents,
      servedOn: body.servedOn,
      dueOn: body.dueOn,
      reference: body.reference ?? null,
      message: body.message ?? null,
      createdBy: userId,
    },
    today,
  )
}

import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { insertDecision } from '../src/kernel/decisions/decisions'
import { createCommitment, createPayable } from '../src/kernel/payables'
import { INCOME_SUPPORT_DECISION } from '../src/modules/income-support/decision-type'
import { databaseKinds } from './helpers/databases'
import { insertPayables } from './helpers/payments'
import { Client, startTestServer, type TestServer } from './helpers/server'

/**
 * The history of a client's paid benefits (issue 14 item 4): `GET /api/persons/:id/income-support/payments` lists
 * every income support payable of the client — on a decision to the client, on a bill against a payment commitment
 * to a provider — with its decision, state and the bank's days, audited as a view; others see 404.
 */
const kinds = await databaseKinds()

describe.each(kinds)('income support payment history on %s', (kind) => {
  let t: TestServer
  beforeAll(async () => {
    t = await startTestServer(kind)
  })
  afterAll(async () => {
    await t?.stop()
  })
  const db = () => t.server.database.db
  const userId = async (username: string) => (await db().selectFrom('staff_user').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id

  it('lists the client\'s payments newest first with decision, commitment, state and bank days; audited', async () => {
    const sec = new Client(t.url)
    await sec.login('toimistosihteeri')
    const person = (await (await sec.post('/api/persons', { firstNames: 'Maija', lastName: 'Maksettu', birthDate: '1970-05-06' })).json()).id as string
    const handlerId = await userId('etuuskasittelija')
    expect((await sec.post(`/api/persons/${person}/relationships`, { serviceTask: 'income_support', userId: handlerId, kind: 'responsible', startReason: 'application' })).status).toBe(201)
    const unitId = (await db().selectFrom('unit').select('id').where('code', '=', 'ETUU').executeTakeFirstOrThrow()).id
    const pharmacy = (await db().selectFrom('provider').select('id').where('business_id', '=', '2734561-5').executeTakeFirstOrThrow()).id

    // a decision paying the client, and a decision's payment commitment billed by the pharmacy
    const made = await db().transaction().execute(async (trx) => {
      const d = await insertDecision({ trx, personId: person }, INCOME_SUPPORT_DECISION, {
        unitId, subjectId: null, correctsId: null, decidedOn: '2040-03-02', makerId: handlerId, language: 'fi', outcome: 'granted', reasons: 'Lääkkeet ja perusosa.', items: [{ code: 'medicine', outcome: 'granted' }],
      })
      const toClient = await createPayable(trx, {
        sourceKind: INCOME_SUPPORT_DECISION.payableSourceKind, sourceId: d.id, sourceKey: 'client', personId: person, serviceTask: 'income_support', unitId,
        payee: { kind: 'client', name: 'Maija Maksettu', iban: 'FI2112345600000785', bic: null }, amountCents: 52_311, dueOn: '2040-03-05', reference: null, message: 'Toimeentulotuki', createdBy: handlerId,
      })
      const c = await createCommitment(trx, { decisionId: d.id, personId: person, serviceTask: 'income_support', provider: { providerId: pharmacy, kind: 'pharmacy' }, purpose: 'Lääkkeet', validFrom: '2040-03-02', validUntil: '2040-03-31', maxCents: 5000 })
      const bill = await createPayable(trx, {
        sourceKind: 'payment_commitment', sourceId: c.id, sourceKey: 'bill:1', personId: person, serviceTask: 'income_support', unitId,
        payee: { kind: 'provider', providerId: pharmacy }, amountCents: 3_450, dueOn: '2040-03-20', reference: null, message: 'Lääkkeet', createdBy: handlerId, commitmentId: c.id,
      })
      return { decision: d, commitment: c, toClient, bill }
    })
    // a third payable, on no decision Huoma knows (as payments' own tests make them)
    const [loose] = await insertPayables(db(), [{ personId: person, unitId, amountCents: 1_000, dueOn: '2040-02-01' }])

    // the client's payment and the loose one go to the bank: one settled (paid), one rejected (returned, AC01)
    const f = new Client(t.url)
    await f.login('talous')
    const a = new Client(t.url)
    await a.login('maksuliikenne')
    let batch = await (await f.post('/api/payments/batches', { dueFrom: '2040-02-01', dueTo: '2040-03-05' })).json()
    batch = await (await a.post(`/api/payments/batches/${batch.id}/approve`, { version: batch.version })).json()
    expect((await f.get(`/api/payments/batches/${batch.id}/pain001`)).status).toBe(200)
    const items = await db().selectFrom('payment_item').select(['id', 'payable_id', 'execution_on']).where('batch_id', '=', batch.id).execute()
    const itemOf = (payableId: string) => items.find((i) => i.payable_id === payableId)!
    // (what the bank feedback import writes; the payables follow by the item trigger)
    await sql`UPDATE payment_item SET state = 'settled', settled_on = execution_on WHERE id = ${itemOf(made.toClient.id).id}`.execute(db())
    await sql`UPDATE payment_item SET state = 'rejected', reason_code = 'AC01', returned_on = execution_on WHERE id = ${itemOf(loose!.id).id}`.execute(db())

    const handler = new Client(t.url)
    await handler.login('etuuskasittelija')
    const res = await handler.get(`/api/persons/${person}/income-support/payments`)
    expect(res.status).toBe(200)
    const body = await res.json()
    const executed = String(itemOf(made.toClient.id).execution_on).slice(0, 10)
    expect(body.payments).toEqual([
      {
        id: made.bill.id, number: made.bill.number, dueOn: '2040-03-20', amountCents: 3_450, payee: { kind: 'provider', name: expect.any(String) },
        decision: { id: made.decision.id, number: made.decision.number }, commitmentNumber: made.commitment.number, state: 'open', paidOn: null, returnedOn: null, returnReason: null,
      },
      {
        id: made.toClient.id, number: made.toClient.number, dueOn: '2040-03-05', amountCents: 52_311, payee: { kind: 'client', name: 'Maija Maksettu' },
        decision: { id: made.decision.id, number: made.decision.number }, commitmentNumber: null, state: 'paid', paidOn: executed, returnedOn: null, returnReason: null,
      },
      {
        id: loose!.id, number: loose!.number, dueOn: '2040-02-01', amountCents: 1_000, payee: { kind: 'client', name: expect.any(String) },
        decision: null, commitmentNumber: null, state: 'returned', paidOn: expect.any(String), returnedOn: expect.any(String), returnReason: 'AC01',
      },
    ])
    expect(body.paidTotalCents).toBe(52_311)

    const rows = await db()
      .selectFrom('audit_log')
      .select(['action', 'data_group', 'outcome'])
      .where('event', '=', 'income-support:payments')
      .where(({ eb, val }) => eb(val(person), '=', eb.fn.any('client_ids')))
      .execute()
    expect(rows).toEqual([{ action: 'view', data_group: 'income_support/payable', outcome: 'success' }])

    // a social worker with no basis in income support gets 404, and the refusal is audited
    const other = new Client(t.url)
    await other.login('sosiaalityontekija')
    expect((await other.get(`/api/persons/${person}/income-support/payments`)).status).toBe(404)
    const denied = await db()
      .selectFrom('audit_log')
      .select('outcome')
      .where('event', '=', 'income-support:payments')
      .where('outcome', '<>', 'success')
      .where(({ eb, val }) => eb(val(person), '=', eb.fn.any('client_ids')))
      .execute()
    expect(denied).toHaveLength(1)
  })
})

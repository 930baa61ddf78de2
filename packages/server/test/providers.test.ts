import { sql, type Transaction } from 'kysely'
import { compareFinnish, todayInHelsinki } from '@huoma/domain'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DB } from '../src/db/schema'
import { insertDecision } from '../src/kernel/decisions/decisions'
import { createCommitment } from '../src/kernel/payables'
import { INCOME_SUPPORT_DECISION } from '../src/modules/income-support/decision-type'
import { databaseKinds } from './helpers/databases'
import { Client, startTestServer, type TestServer } from './helpers/server'

/**
 * The provider register (palveluntuottajarekisteri) and the providers' bills against payment commitments: finance
 * enters and changes providers (the Y-tunnus's check digit, the account, the BIC derived from it, the validity, every
 * version kept with who and when), case workers may only read it; a bill against a commitment becomes a payable to
 * the provider within the commitment's validity and what is left of its maximum, once per bill, and the payments
 * batch pays it to the provider's account.
 */
const kinds = await databaseKinds()

interface FieldErr {
  field: string
  code: string
  message: string
}

const NEW_PROVIDER = {
  name: 'Kuljetus Testinen Oy',
  businessId: '0112038-9',
  iban: 'FI21 1234 5600 0007 85',
  street: 'Tehdaskatu 1',
  postalCode: '99990',
  postOffice: 'DEMOLA',
  serviceTypes: ['other'],
  validFrom: '2026-01-01',
}

describe.each(kinds)('providers and commitment bills on %s', (kind) => {
  let t: TestServer
  let finance: Client // talous
  let financeSv: Client
  let worker: Client // sosiaalityontekija: may read the register, not change it
  const db = () => t.server.database.db
  const maxAuditId = async () => Number((await db().selectFrom('audit_log').select((eb) => eb.fn.max('id').as('m')).executeTakeFirst())?.m ?? 0)
  const auditSince = (id: number) => db().selectFrom('audit_log').select(['event', 'action', 'data_group', 'client_ids', 'ref_id', 'outcome']).where('id', '>', id).orderBy('id').execute()

  beforeAll(async () => {
    t = await startTestServer(kind)
    finance = new Client(t.url)
    await finance.login('talous')
    financeSv = new Client(t.url, 'sv')
    await financeSv.login('talous')
    worker = new Client(t.url)
    await worker.login('sosiaalityontekija')
  })
  afterAll(() => t?.stop())

  it('lists the demo register, searches by name or Y-tunnus, and lets case workers read it', async () => {
    const all = await (await worker.get('/api/providers')).json()
    expect(all.providers.map((p: { name: string }) => p.name)).toContain('Demolan Keskusapteekki')
    const byName = await (await finance.get('/api/providers?q=apteek')).json()
    expect(byName.providers).toEqual([expect.objectContaining({ name: 'Demolan Keskusapteekki', businessId: '2734561-5', bic: 'NDEAFIHH', active: true })])
    const byId = await (await finance.get('/api/providers?q=2734561-5')).json()
    expect(byId.providers).toHaveLength(1)
    const byType = await (await finance.get('/api/providers?serviceType=funeral')).json()
    expect(byType.providers.map((p: { name: string }) => p.name)).toEqual(['Hautaustoimisto Rauha Oy'])
    // the register is finance's: a social worker may not enter a provider
    expect((await worker.post('/api/providers', NEW_PROVIDER)).status).toBe(403)
  })

  it('checks the Y-tunnus, the account and the validity with field messages in the user\'s language', async () => {
    const bad = await finance.post('/api/providers', { ...NEW_PROVIDER, businessId: '0112038-8', iban: 'FI21 1234 5600 0007 86', validUntil: '2025-12-31' })
    expect(bad.status).toBe(400)
    const errors: FieldErr[] = (await bad.json()).errors
    expect(errors.map((e) => [e.field, e.code])).toEqual([
      ['businessId', 'provider.businessId'],
      ['iban', 'provider.iban'],
      ['validUntil', 'provider.validity'],
    ])
    expect(errors[0]!.message).toMatch(/Y-tunnus/)
    const sv = await financeSv.post('/api/providers', { ...NEW_PROVIDER, businessId: '0112038-8' })
    expect((await sv.json()).errors[0].message).toMatch(/FO-numret/)
    // a BIC that does not match the account's bank
    const bic = await finance.post('/api/providers', { ...NEW_PROVIDER, bic: 'OKOYFIHH' })
    expect((await bic.json()).errors.map((e: FieldErr) => e.field)).toEqual(['bic'])
    // the same Y-tunnus twice
    const twice = await finance.post('/api/providers', { ...NEW_PROVIDER, businessId: '2734561-5' })
    expect((await twice.json()).errors).toEqual([expect.objectContaining({ field: 'businessId', code: 'provider.businessIdTaken' })])
    expect(await db().selectFrom('provider').select('id').where('name', '=', NEW_PROVIDER.name).execute()).toHaveLength(0)
  })

  it('enters and changes a provider with optimistic locking, keeping every version with who and when, audited', async () => {
    const before = await maxAuditId()
    const made = await finance.post('/api/providers', NEW_PROVIDER)
    expect(made.status).toBe(201)
    const p = await made.json()
    // normalised: the machine form of the IBAN, the BIC derived from its bank
    expect(p).toMatchObject({ iban: 'FI2112345600000785', bic: 'NDEAFIHH', businessId: '0112038-9', version: 1, active: true, validUntil: null })

    const changed = await finance.request('PUT', `/api/providers/${p.id}`, { ...NEW_PROVIDER, iban: 'FI6510183000123457', validUntil: '2026-12-31', version: 1 })
    expect(changed.status).toBe(200)
    expect(await changed.json()).toMatchObject({ iban: 'FI6510183000123457', bic: 'NDEAFIHH', version: 2 })
    // a change made on a stale version is refused and changes nothing
    const stale = await finance.request('PUT', `/api/providers/${p.id}`, { ...NEW_PROVIDER, name: 'Toinen nimi Oy', version: 1 })
    expect(stale.status).toBe(409)

    const history = await (await finance.get(`/api/providers/${p.id}`)).json()
    expect(history.provider.name).toBe(NEW_PROVIDER.name)
    expect(history.changes.map((c: { version: number; changedBy: string; snapshot: { iban: string } }) => [c.version, c.changedBy, c.snapshot.iban])).toEqual([
      [2, 'Kari Mattila', 'FI6510183000123457'],
      [1, 'Kari Mattila', 'FI2112345600000785'],
    ])
    expect((await auditSince(before)).map((r) => [r.event, r.action, r.data_group, r.ref_id])).toEqual([
      ['providers:created', 'security', 'config/provider', p.id],
      ['providers:updated', 'security', 'config/provider', p.id],
    ])
    // no longer valid: not offered by default, found with all=true
    const later = await (await finance.get(`/api/providers?q=${encodeURIComponent('Kuljetus Testinen')}`)).json()
    expect(later.providers).toHaveLength(1)
    expect((await finance.get('/api/providers/00000000-0000-4000-8000-000000000000')).status).toBe(404)
  })

  it('refuses bills on a corrected decision\'s commitment and counts them against the correction\'s', async () => {
    const person = await db().selectFrom('person').select('id').orderBy('hetu', 'desc').limit(1).executeTakeFirstOrThrow()
    const unit = await db().selectFrom('unit').select('id').where('code', '=', 'ETUU').executeTakeFirstOrThrow()
    const maker = await db().selectFrom('staff_user').select('id').where('username', '=', 'etuuskasittelija').executeTakeFirstOrThrow()
    const pharmacy = await db().selectFrom('provider').select(['id']).where('business_id', '=', '2734561-5').executeTakeFirstOrThrow()
    // a decision with a 100 € commitment, and its correction with a new 100 € one to the same pharmacy for the same purpose
    const make = (correctsId: string | null) =>
      db()
        .transaction()
        .execute(async (trx: Transaction<DB>) => {
          const scope = { trx, personId: person.id, basis: 'relationship' as const, touch: () => undefined }
          const d = await insertDecision(scope, INCOME_SUPPORT_DECISION, {
            unitId: unit.id,
            subjectId: null,
            correctsId,
            decidedOn: '2026-03-02',
            makerId: maker.id,
            language: 'fi',
            outcome: 'granted',
            reasons: 'Lääkkeet maksusitoumuksella.',
            items: [{ code: 'medicine', outcome: 'granted' }],
          })
          const c = await createCommitment(trx, { decisionId: d.id, personId: person.id, serviceTask: 'income_support', provider: { providerId: pharmacy.id, kind: 'pharmacy' }, purpose: 'Reseptilääkkeet', validFrom: '2026-03-02', validUntil: '2026-03-31', maxCents: 10000 })
          return { decisionId: d.id, commitmentId: c.id }
        })
    const first = await make(null)
    const bill = { amountCents: 6000, servedOn: '2026-03-05', dueOn: todayInHelsinki(new Date()), reference: '2011' }
    expect((await finance.post(`/api/payments/commitments/${first.commitmentId}/bills`, bill)).status).toBe(201)
    const corrected = await make(first.decisionId)
    const old = await finance.post(`/api/payments/commitments/${first.commitmentId}/bills`, { ...bill, reference: '2028' })
    expect(old.status).toBe(400)
    expect((await old.json()).errors.map((e: FieldErr) => e.code)).toEqual(['commitment.replaced'])
    const tooMuch = await finance.post(`/api/payments/commitments/${corrected.commitmentId}/bills`, { ...bill, reference: '2037', amountCents: 4001 })
    expect((await tooMuch.json()).errors.map((e: FieldErr) => e.code)).toEqual(['commitment.exceeds'])
    expect((await finance.post(`/api/payments/commitments/${corrected.commitmentId}/bills`, { ...bill, reference: '2037', amountCents: 4000 })).status).toBe(201)
    const paid = await db().selectFrom('payable').select((eb) => eb.fn.sum<string>('amount_cents').as('s')).where('commitment_id', 'in', [first.commitmentId, corrected.commitmentId]).where('state', '<>', 'cancelled').executeTakeFirstOrThrow()
    expect(Number(paid.s)).toBe(10000)
  })

  it('turns a provider\'s bill into a payable within the commitment, once per bill, paid to the provider\'s account', async () => {
    const person = await db().selectFrom('person').select('id').orderBy('hetu').limit(1).executeTakeFirstOrThrow()
    const unit = await db().selectFrom('unit').select('id').where('code', '=', 'ETUU').executeTakeFirstOrThrow()
    const maker = await db().selectFrom('staff_user').select('id').where('username', '=', 'etuuskasittelija').executeTakeFirstOrThrow()
    const pharmacy = await db().selectFrom('provider').select(['id', 'iban']).where('business_id', '=', '2734561-5').executeTakeFirstOrThrow()
    // a decision of income support giving a commitment to the pharmacy, as the kernel makes it
    const commitment = await db()
      .transaction()
      .execute(async (trx: Transaction<DB>) => {
        const scope = { trx, personId: person.id, basis: 'relationship' as const, touch: () => undefined }
        const d = await insertDecision(scope, INCOME_SUPPORT_DECISION, {
          unitId: unit.id,
          subjectId: null,
          correctsId: null,
          decidedOn: '2026-03-02',
          makerId: maker.id,
          language: 'fi',
          outcome: 'granted',
          reasons: 'Lääkkeet maksusitoumuksella.',
          items: [{ code: 'medicine', outcome: 'granted' }],
        })
        return createCommitment(trx, {
          decisionId: d.id,
          personId: person.id,
          serviceTask: 'income_support',
          provider: { providerId: pharmacy.id, kind: 'pharmacy' },
          purpose: 'Reseptilääkkeet',
          validFrom: '2026-03-02',
          validUntil: '2026-03-31',
          maxCents: 10000,
        })
      })

    const before = await maxAuditId()
    const found = await finance.get(`/api/payments/commitments/${commitment.number}`)
    expect(found.status).toBe(200)
    expect(await found.json()).toMatchObject({ id: commitment.id, providerName: 'Demolan Keskusapteekki', providerId: pharmacy.id, maxCents: 10000, billedCents: 0, validUntil: '2026-03-31' })
    expect((await finance.get('/api/payments/commitments/999999999')).status).toBe(404)
    // a social worker handles no bills
    expect((await worker.get(`/api/payments/commitments/${commitment.number}`)).status).toBe(403)

    const billUrl = `/api/payments/commitments/${commitment.id}/bills`
    const bill = { amountCents: 6000, servedOn: '2026-03-05', dueOn: todayInHelsinki(new Date()), reference: '1232' }
    // outside the validity; more than the maximum; neither reference nor message
    const outside = await finance.post(billUrl, { ...bill, servedOn: '2026-04-01' })
    expect((await outside.json()).errors.map((e: FieldErr) => e.field)).toEqual(['servedOn'])
    const tooMuch = await finance.post(billUrl, { ...bill, amountCents: 10001 })
    const tooMuchErrors: FieldErr[] = (await tooMuch.json()).errors
    expect(tooMuchErrors.map((e) => [e.field, e.code])).toEqual([['amountCents', 'commitment.exceeds']])
    expect(tooMuchErrors[0]!.message).toContain('100,00')
    const { reference, ...noReference } = bill
    void reference
    expect((await (await finance.post(billUrl, noReference)).json()).errors.map((e: FieldErr) => e.field)).toEqual(['reference'])

    const billed = await finance.post(billUrl, bill)
    expect(billed.status).toBe(201)
    const result = await billed.json()
    expect(result.leftCents).toBe(4000)
    // the same bill again is paid once
    expect((await finance.post(billUrl, bill)).status).toBe(409)
    // a second bill may use only what is left
    const second = await finance.post(billUrl, { ...bill, reference: '1245', amountCents: 4001 })
    expect((await second.json()).errors.map((e: FieldErr) => e.code)).toEqual(['commitment.exceeds'])

    const payable = await db().selectFrom('payable').selectAll().where('id', '=', result.payableId).executeTakeFirstOrThrow()
    expect(payable).toMatchObject({ payee_kind: 'provider', payee_name: 'Demolan Keskusapteekki', iban: pharmacy.iban, provider_id: pharmacy.id, commitment_id: commitment.id, amount_cents: 6000, state: 'open', person_id: person.id })
    const now = await (await finance.get(`/api/payments/commitments/${commitment.number}`)).json()
    expect(now.billedCents).toBe(6000)

    // audited as reads and inserts naming the client
    const rows = await auditSince(before)
    const ok = rows.filter((r) => r.outcome === 'success')
    expect(ok.map((r) => [r.event, r.action, r.client_ids])).toEqual([
      ['payments:commitments', 'view', [person.id]],
      ['payments:commitment-bill', 'insert', [person.id]],
      ['payments:commitments', 'view', [person.id]],
    ])

    // payments pays providers: the batch preview of the due date offers the payable to the provider's account
    const preview = await (await finance.get(`/api/payments/preview?dueFrom=${bill.dueOn}&dueTo=${bill.dueOn}`)).json()
    expect(preview.payables).toContainEqual(expect.objectContaining({ id: payable.id, payeeKind: 'provider', payeeName: 'Demolan Keskusapteekki', iban: pharmacy.iban, amountCents: 6000 }))
    const count = await sql<{ n: string }>`SELECT count(*)::text AS n FROM payable WHERE commitment_id = ${commitment.id}`.execute(db())
    expect(count.rows[0]!.n).toBe('1')
  })
  it('pages the register by name with the total, never cutting it silently', async () => {
    const first = await (await finance.get('/api/providers?all=true&limit=2')).json()
    expect(first).toMatchObject({ offset: 0, limit: 2 })
    expect(first.providers).toHaveLength(2)
    const names: string[] = []
    for (let offset = 0; offset < first.total; offset += 2) {
      const page = await (await finance.get(`/api/providers?all=true&limit=2&offset=${offset}`)).json()
      expect(page.total).toBe(first.total)
      names.push(...page.providers.map((p: { name: string }) => p.name))
    }
    expect(names).toHaveLength(first.total)
    expect(names).toEqual([...names].sort(compareFinnish))
    const desc = await (await finance.get(`/api/providers?all=true&order=desc&limit=1`)).json()
    expect(desc.providers[0].name).toBe(names.at(-1))
    expect((await finance.get('/api/providers?limit=501')).status).toBe(400)
  })
})

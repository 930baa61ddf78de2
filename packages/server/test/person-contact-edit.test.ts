import { makeTemporaryHetu, localDate } from '@huoma/domain'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { databaseKinds } from './helpers/databases'
import { Client, startTestServer, type TestServer } from './helpers/server'

const kinds = await databaseKinds()

/** Addresses and the account edited on the client card: the person update endpoint's rules as the card uses them. */
describe.each(kinds)('client card: addresses and IBAN on %s', (kind) => {
  let t: TestServer
  let secretary: Client
  let worker: Client
  let finance: Client
  const db = () => t.server.database.db
  const freshHetu = (day: number) => makeTemporaryHetu(localDate(`1931-04-${String(day).padStart(2, '0')}`), 998, 'U')
  const addressesOf = async (personId: string) =>
    db().selectFrom('person_address').select(['kind', 'street', 'postal_code', 'valid_from', 'valid_until']).where('person_id', '=', personId).orderBy('kind').orderBy('street').execute()

  beforeAll(async () => {
    t = await startTestServer(kind)
    secretary = new Client(t.url)
    await secretary.login('toimistosihteeri')
    worker = new Client(t.url)
    await worker.login('sosiaalityontekija')
    finance = new Client(t.url)
    await finance.login('talous')
  })
  afterAll(() => t?.stop())

  async function newClient(day: number) {
    const res = await worker.post('/api/persons', {
      hetu: freshHetu(day),
      firstNames: 'Iida',
      lastName: 'Osoitekokeilu',
      addresses: [{ kind: 'permanent', street: 'Vanha tie 1', postalCode: '00100', postOffice: 'Helsinki' }],
      relationship: { serviceTask: 'adult_social_work', startReason: 'application' },
    })
    expect(res.status).toBe(201)
    return ((await res.json()) as { id: string }).id
  }

  it('saves the account and the addresses with validity, shows them on the card and audits the change', async () => {
    const id = await newClient(1)
    const { person } = await (await worker.get(`/api/persons/${id}/card`)).json()
    expect(person.iban).toBeNull()
    const res = await worker.request('PATCH', `/api/persons/${id}`, {
      version: person.version,
      iban: 'FI21 1234 5600 0007 85',
      addresses: [
        { kind: 'permanent', street: 'Uusi katu 2 A 3', postalCode: '00500', postOffice: 'Helsinki', validFrom: '2026-11-01' },
        { kind: 'postal', street: 'PL 77', postalCode: '00501', postOffice: 'Helsinki', validFrom: '2026-11-01', validUntil: '2027-04-30' },
      ],
    })
    expect(res.status).toBe(200)
    const saved = await res.json()
    expect(saved).toMatchObject({ iban: 'FI2112345600000785', version: person.version + 1 })
    expect(saved.addresses).toEqual(
      expect.arrayContaining([
        { kind: 'permanent', street: 'Uusi katu 2 A 3', postalCode: '00500', postOffice: 'Helsinki', validFrom: '2026-11-01', validUntil: null },
        { kind: 'postal', street: 'PL 77', postalCode: '00501', postOffice: 'Helsinki', validFrom: '2026-11-01', validUntil: '2027-04-30' },
      ]),
    )
    expect(await addressesOf(id)).toHaveLength(2)
    const stored = await db().selectFrom('person').select(['iban', 'bic']).where('id', '=', id).executeTakeFirstOrThrow()
    expect(stored).toEqual({ iban: 'FI2112345600000785', bic: 'NDEAFIHH' })
    const row = await db().selectFrom('audit_log').selectAll().where('event', '=', 'persons:update').where('outcome', '=', 'success').orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow()
    expect(row).toMatchObject({ data_group: 'registry/person', client_ids: [id] })
    const card = await (await worker.get(`/api/persons/${id}/card`)).json()
    expect(card.timeline.find((e: { kind: string }) => e.kind === 'person.changed').fields).toEqual(['iban', 'addresses'])
  })

  it('refuses bad input with a message at each field and saves nothing', async () => {
    const id = await newClient(2)
    const { person } = await (await worker.get(`/api/persons/${id}/card`)).json()
    const before = await addressesOf(id)

    const schema = await worker.request('PATCH', `/api/persons/${id}`, {
      version: person.version,
      addresses: [{ kind: 'permanent', street: 'Katu 1', postalCode: '123', postOffice: 'Helsinki' }],
    })
    expect(schema.status).toBe(400)
    const schemaProblem = await schema.json()
    expect(schemaProblem.errors).toEqual([expect.objectContaining({ field: expect.stringMatching(/addresses.0.postalCode/) })])

    const rules = await worker.request('PATCH', `/api/persons/${id}`, {
      version: person.version,
      iban: 'FI2112345600000786',
      addresses: [{ kind: 'permanent', street: 'Katu 1', postalCode: '00100', postOffice: 'Helsinki', validFrom: '2026-05-01', validUntil: '2026-04-30' }],
    })
    expect(rules.status).toBe(400)
    expect((await rules.json()).errors).toEqual([
      { field: 'body.iban', code: 'iban.checksum', message: 'IBAN-tilinumeron tarkisteet eivät täsmää. Tarkista numero.' },
      { field: 'body.addresses.0.validUntil', code: 'date.before_start', message: 'Päättymispäivä ei voi olla ennen alkamispäivää.' },
    ])
    expect(await addressesOf(id)).toEqual(before)
    const after = await db().selectFrom('person').select(['iban', 'version']).where('id', '=', id).executeTakeFirstOrThrow()
    expect(after).toEqual({ iban: null, version: person.version })
  })

  it('answers 409 to a stale version and keeps the newer data', async () => {
    const id = await newClient(3)
    const { person } = await (await worker.get(`/api/persons/${id}/card`)).json()
    const first = await worker.request('PATCH', `/api/persons/${id}`, { version: person.version, iban: 'FI2112345600000785' })
    expect(first.status).toBe(200)
    const stale = await worker.request('PATCH', `/api/persons/${id}`, {
      version: person.version,
      iban: null,
      addresses: [{ kind: 'contact', street: 'Vanhentunut 9', postalCode: '00100', postOffice: 'Helsinki' }],
    })
    expect(stale.status).toBe(409)
    expect((await db().selectFrom('person').select('iban').where('id', '=', id).executeTakeFirstOrThrow()).iban).toBe('FI2112345600000785')
    expect((await addressesOf(id)).map((a) => a.street)).toEqual(['Vanha tie 1'])
  })

  it('is refused to a role without the right to change the registry', async () => {
    const id = await newClient(4)
    const { person } = await (await worker.get(`/api/persons/${id}/card`)).json()
    const res = await finance.request('PATCH', `/api/persons/${id}`, { version: person.version, iban: 'FI2112345600000785' })
    expect(res.status).toBe(403)
    expect((await db().selectFrom('person').select('iban').where('id', '=', id).executeTakeFirstOrThrow()).iban).toBeNull()
  })

  it('under turvakielto edits only the contact address and never touches the protected ones', async () => {
    const p = await db().selectFrom('person').select(['id', 'version']).where('turvakielto', '=', true).where('merged_into', 'is', null).limit(1).executeTakeFirstOrThrow()
    const protectedBefore = (await addressesOf(p.id)).filter((a) => a.kind !== 'contact')
    expect(protectedBefore.length).toBeGreaterThan(0)
    const card = await (await secretary.get(`/api/persons/${p.id}/card`)).json()
    expect(card.person.addresses.every((a: { kind: string }) => a.kind === 'contact')).toBe(true)

    const refused = await secretary.request('PATCH', `/api/persons/${p.id}`, {
      version: card.person.version,
      addresses: [{ kind: 'permanent', street: 'Paljastettu 1', postalCode: '00100', postOffice: 'Helsinki' }],
    })
    expect(refused.status).toBe(400)
    expect((await refused.json()).errors).toEqual([expect.objectContaining({ field: 'body.addresses.0.kind', code: 'address.protected' })])

    const ok = await secretary.request('PATCH', `/api/persons/${p.id}`, {
      version: card.person.version,
      addresses: [{ kind: 'contact', street: 'PL 4040', postalCode: '00101', postOffice: 'Helsinki' }],
    })
    expect(ok.status).toBe(200)
    const answer = await ok.json()
    expect(answer.addresses).toEqual([{ kind: 'contact', street: 'PL 4040', postalCode: '00101', postOffice: 'Helsinki', validFrom: null, validUntil: null }])
    const after = await addressesOf(p.id)
    expect(after.filter((a) => a.kind !== 'contact')).toEqual(protectedBefore)
    expect(after.filter((a) => a.kind === 'contact').map((a) => a.street)).toEqual(['PL 4040'])
  })
})

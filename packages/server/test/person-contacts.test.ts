import { makeTemporaryHetu, localDate } from '@huoma/domain'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { databaseKinds } from './helpers/databases'
import { Client, startTestServer, type TestServer } from './helpers/server'

const kinds = await databaseKinds()

/** Relatives, contact persons and an adult's representative (edunvalvoja) on the client card. */
describe.each(kinds)('client card: contact persons and representatives on %s', (kind) => {
  let t: TestServer
  let worker: Client
  let finance: Client
  const db = () => t.server.database.db
  const freshHetu = (day: number) => makeTemporaryHetu(localDate(`1932-05-${String(day).padStart(2, '0')}`), 997, 'U')
  const rows = async (personId: string) => db().selectFrom('person_contact').selectAll().where('person_id', '=', personId).execute()

  beforeAll(async () => {
    t = await startTestServer(kind)
    worker = new Client(t.url)
    await worker.login('sosiaalityontekija')
    finance = new Client(t.url)
    await finance.login('talous')
  })
  afterAll(() => t?.stop())

  async function newClient(day: number) {
    const res = await worker.post('/api/persons', {
      hetu: freshHetu(day),
      firstNames: 'Eino',
      lastName: 'Edustettava',
      relationship: { serviceTask: 'adult_social_work', startReason: 'application' },
    })
    expect(res.status).toBe(201)
    return ((await res.json()) as { id: string }).id
  }

  const edunvalvoja = {
    kind: 'edunvalvoja',
    name: 'Oikeusaputoimiston yleinen edunvalvoja Maria Holm',
    phone: '029 566 0000',
    email: 'edunvalvonta@example.fi',
    address: 'Kirkkokatu 1, 00100 Helsinki',
    matters: 'Talous ja omaisuus',
    validFrom: '2026-01-15',
  }

  it('adds, lists, changes and ends a representative, each audited in its own data group', async () => {
    const id = await newClient(1)
    const added = await worker.post(`/api/persons/${id}/contacts`, edunvalvoja)
    expect(added.status).toBe(201)
    const contact = await added.json()
    expect(contact).toMatchObject({ kind: 'edunvalvoja', matters: 'Talous ja omaisuus', validFrom: '2026-01-15', validUntil: null, version: 1, linkedPersonId: null })
    const sister = await worker.post(`/api/persons/${id}/contacts`, { kind: 'relative', name: 'Kaisa Edustettava', relation: 'sisar', phone: '040 111 2222' })
    expect(sister.status).toBe(201)

    const list = await (await worker.get(`/api/persons/${id}/contacts`)).json()
    expect(list.contacts.map((c: { kind: string }) => c.kind)).toEqual(['edunvalvoja', 'relative'])
    const viewed = await db().selectFrom('audit_log').selectAll().where('event', '=', 'persons:contacts').orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow()
    expect(viewed).toMatchObject({ data_group: 'registry/contact', client_ids: [id], outcome: 'success' })

    const changed = await worker.request('PATCH', `/api/persons/${id}/contacts/${contact.id}`, { ...edunvalvoja, matters: 'Talous, omaisuus ja asunto', version: 1 })
    expect(changed.status).toBe(200)
    expect(await changed.json()).toMatchObject({ matters: 'Talous, omaisuus ja asunto', version: 2 })

    const ended = await worker.post(`/api/persons/${id}/contacts/${contact.id}/end`, { validUntil: '2026-11-30', version: 2 })
    expect(ended.status).toBe(200)
    expect(await ended.json()).toMatchObject({ validUntil: '2026-11-30', version: 3 })
    const again = await worker.post(`/api/persons/${id}/contacts/${contact.id}/end`, { validUntil: '2026-12-01', version: 3 })
    expect(again.status).toBe(400)
    expect((await again.json()).errors).toEqual([expect.objectContaining({ field: 'body.validUntil', code: 'contact.already_ended' })])

    const after = await (await worker.get(`/api/persons/${id}/contacts`)).json()
    expect(after.contacts.map((c: { kind: string }) => c.kind)).toEqual(['relative', 'edunvalvoja'])
    const events = await db().selectFrom('audit_log').select(['event', 'data_group']).where('event', 'in', ['persons:contact-add', 'persons:contact-update']).where('outcome', '=', 'success').execute()
    expect(events.filter((e) => e.event === 'persons:contact-add').length).toBeGreaterThanOrEqual(2)
    expect(events.filter((e) => e.event === 'persons:contact-update').length).toBeGreaterThanOrEqual(2)
    expect(new Set(events.map((e) => e.data_group))).toEqual(new Set(['registry/contact']))
  })

  it('refuses bad input with a message at each field and saves nothing', async () => {
    const id = await newClient(2)
    const schema = await worker.post(`/api/persons/${id}/contacts`, { kind: 'guardian_angel', name: '', email: 'ei-sahkoposti' })
    expect(schema.status).toBe(400)
    const fields = ((await schema.json()).errors as { field: string }[]).map((e) => e.field)
    expect(fields).toEqual(expect.arrayContaining([expect.stringMatching(/kind/), expect.stringMatching(/name/), expect.stringMatching(/email/)]))

    const rules = await worker.post(`/api/persons/${id}/contacts`, { kind: 'edunvalvoja', name: 'Maria Holm', validFrom: '2026-05-01', validUntil: '2026-04-01', linkedPersonId: id })
    expect(rules.status).toBe(400)
    expect((await rules.json()).errors).toEqual([
      { field: 'body.matters', code: 'contact.matters_required', message: 'Kerro, missä asioissa edustaja hoitaa asiakkaan asioita (esim. talous, omaisuus, asunto).' },
      { field: 'body.validUntil', code: 'date.before_start', message: 'Päättymispäivä ei voi olla ennen alkamispäivää.' },
      { field: 'body.linkedPersonId', code: 'contact.self', message: 'Asiakasta ei voi merkitä omaksi yhteyshenkilökseen.' },
    ])
    expect(await rows(id)).toEqual([])
  })

  it('answers 409 to a stale version and keeps the newer data', async () => {
    const id = await newClient(3)
    const contact = await (await worker.post(`/api/persons/${id}/contacts`, edunvalvoja)).json()
    expect((await worker.request('PATCH', `/api/persons/${id}/contacts/${contact.id}`, { ...edunvalvoja, phone: '029 566 1111', version: 1 })).status).toBe(200)
    const stale = await worker.request('PATCH', `/api/persons/${id}/contacts/${contact.id}`, { ...edunvalvoja, phone: '029 566 9999', version: 1 })
    expect(stale.status).toBe(409)
    const staleEnd = await worker.post(`/api/persons/${id}/contacts/${contact.id}/end`, { version: 1 })
    expect(staleEnd.status).toBe(409)
    expect(await rows(id)).toEqual([expect.objectContaining({ phone: '029 566 1111', valid_until: null, version: 2 })])
  })

  it('is refused to a role without the registry right, and a contact of another client is not found', async () => {
    const id = await newClient(4)
    const other = await newClient(5)
    const contact = await (await worker.post(`/api/persons/${id}/contacts`, edunvalvoja)).json()
    expect((await finance.get(`/api/persons/${id}/contacts`)).status).toBe(403)
    expect((await finance.post(`/api/persons/${id}/contacts`, edunvalvoja)).status).toBe(403)
    expect((await finance.request('PATCH', `/api/persons/${id}/contacts/${contact.id}`, { ...edunvalvoja, version: 1 })).status).toBe(403)
    expect((await worker.request('PATCH', `/api/persons/${other}/contacts/${contact.id}`, { ...edunvalvoja, name: 'Väärä', version: 1 })).status).toBe(404)
    expect(await rows(id)).toEqual([expect.objectContaining({ name: edunvalvoja.name, version: 1 })])
  })
})

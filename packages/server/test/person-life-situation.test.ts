import { makeTemporaryHetu, localDate } from '@huoma/domain'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { databaseKinds } from './helpers/databases'
import { Client, startTestServer, type TestServer } from './helpers/server'

const kinds = await databaseKinds()

/** Housing and life situation on the client card: each save a new row, the older ones the history. */
describe.each(kinds)('client card: housing and life situation on %s', (kind) => {
  let t: TestServer
  let worker: Client
  let finance: Client
  const db = () => t.server.database.db
  const freshHetu = (day: number) => makeTemporaryHetu(localDate(`1933-06-${String(day).padStart(2, '0')}`), 996, 'U')
  const count = async (personId: string) => (await db().selectFrom('person_life_situation').select('id').where('person_id', '=', personId).execute()).length

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
      firstNames: 'Ville',
      lastName: 'Tilanne',
      relationship: { serviceTask: 'adult_social_work', startReason: 'application' },
    })
    expect(res.status).toBe(201)
    return ((await res.json()) as { id: string }).id
  }

  it('puts each recorded situation and each contact person added or changed on the card\'s timeline, without content', async () => {
    const id = await newClient(7)
    expect((await worker.post(`/api/persons/${id}/life-situation`, { basedOn: null, housingKind: 'homeless', incomeSource: 'none', notes: 'Asunnoton' })).status).toBe(201)
    const workerId = (await db().selectFrom('staff_user').select('id').where('username', '=', 'sosiaalityontekija').executeTakeFirstOrThrow()).id
    await db()
      .insertInto('person_contact')
      .values([
        { person_id: id, kind: 'relative', name: 'Sisko Tilanne', created_by: workerId, created_at: new Date('2026-03-01T08:00:00Z'), updated_at: new Date('2026-03-04T09:30:00Z') },
        { person_id: id, kind: 'edunvalvoja', name: 'Edunvalvonta Oy', created_by: workerId, created_at: new Date('2026-03-02T10:00:00Z'), updated_at: new Date('2026-03-02T10:00:00Z') },
      ])
      .execute()
    const card = await (await worker.get(`/api/persons/${id}/card`)).json()
    const events = (card.timeline as { at: string; kind: string; by: string | null; serviceTask: string | null }[]).filter((e) => e.kind.startsWith('contact.') || e.kind.startsWith('life_situation.'))
    expect(events.filter((e) => e.kind !== 'life_situation.recorded')).toEqual([
      { at: '2026-03-04T09:30:00.000Z', kind: 'contact.changed', by: null, serviceTask: null, fields: [] },
      { at: '2026-03-02T10:00:00.000Z', kind: 'contact.added', by: 'Aino Lehtinen', serviceTask: null, fields: [] },
      { at: '2026-03-01T08:00:00.000Z', kind: 'contact.added', by: 'Aino Lehtinen', serviceTask: null, fields: [] },
    ])
    expect(events.filter((e) => e.kind === 'life_situation.recorded')).toEqual([expect.objectContaining({ by: 'Aino Lehtinen', serviceTask: null })])
    // only the event: no name, relation or note reaches the timeline
    expect(JSON.stringify(card.timeline)).not.toMatch(/Sisko|Edunvalvonta Oy|Asunnoton/)
  })

  it('records the situation, keeps the previous one as history and audits each read and save', async () => {
    const id = await newClient(1)
    expect(await (await worker.get(`/api/persons/${id}/life-situation`)).json()).toEqual({ current: null, history: [] })
    const first = await worker.post(`/api/persons/${id}/life-situation`, { basedOn: null, housingKind: 'rental', household: 'Asuu yksin', incomeSource: 'pension' })
    expect(first.status).toBe(201)
    const saved = await first.json()
    expect(saved).toMatchObject({ housingKind: 'rental', household: 'Asuu yksin', incomeSource: 'pension', notes: null, recordedBy: 'Aino Lehtinen' })
    const second = await worker.post(`/api/persons/${id}/life-situation`, { basedOn: saved.id, housingKind: 'supported_housing', incomeSource: 'pension', notes: 'Muutti tuettuun asumiseen' })
    expect(second.status).toBe(201)
    const read = await (await worker.get(`/api/persons/${id}/life-situation`)).json()
    expect(read.current).toMatchObject({ housingKind: 'supported_housing', notes: 'Muutti tuettuun asumiseen' })
    expect(read.history).toEqual([expect.objectContaining({ id: saved.id, housingKind: 'rental' })])
    const events = await db()
      .selectFrom('audit_log')
      .select(['event', 'data_group', 'client_ids'])
      .where('event', 'like', 'persons:life-situation%')
      .where('outcome', '=', 'success')
      .where(({ eb, val }) => eb(val(id), '=', eb.fn.any('client_ids')))
      .execute()
    expect(events.filter((e) => e.event === 'persons:life-situation-record')).toHaveLength(2)
    expect(events.every((e) => e.data_group === 'registry/life-situation')).toBe(true)
  })

  it('refuses bad input at the fields, a stale base with 409, a role without the right with 403; nothing saved', async () => {
    const id = await newClient(2)
    const bad = await worker.post(`/api/persons/${id}/life-situation`, { basedOn: null, housingKind: 'castle', incomeSource: 'lottery', notes: 'x'.repeat(2001) })
    expect(bad.status).toBe(400)
    const fields = ((await bad.json()).errors as { field: string }[]).map((e) => e.field)
    expect(fields).toEqual(expect.arrayContaining([expect.stringMatching(/housingKind/), expect.stringMatching(/incomeSource/), expect.stringMatching(/notes/)]))
    expect(await count(id)).toBe(0)

    const first = await (await worker.post(`/api/persons/${id}/life-situation`, { basedOn: null, housingKind: 'owner', incomeSource: 'employment' })).json()
    const stale = await worker.post(`/api/persons/${id}/life-situation`, { basedOn: null, housingKind: 'homeless', incomeSource: 'none' })
    expect(stale.status).toBe(409)
    expect((await worker.get(`/api/persons/${id}/life-situation`).then((r) => r.json())).current.id).toBe(first.id)

    expect((await finance.get(`/api/persons/${id}/life-situation`)).status).toBe(403)
    expect((await finance.post(`/api/persons/${id}/life-situation`, { basedOn: first.id, housingKind: 'homeless', incomeSource: 'none' })).status).toBe(403)
    expect(await count(id)).toBe(1)
  })
})

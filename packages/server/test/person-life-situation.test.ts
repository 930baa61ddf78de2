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
    const events = await db().selectFrom('audit_log').select(['event', 'data_group', 'client_ids']).where('event', 'like', 'persons:life-situation%').where('outcome', '=', 'success').execute()
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

import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { databaseKinds } from './helpers/databases'
import { Client, startTestServer, type TestServer } from './helpers/server'

const kinds = await databaseKinds()

interface FieldErr {
  field: string
  code: string
  message: string
}

describe.each(kinds)('appointments (ajanvaraus) on %s', (kind) => {
  let t: TestServer
  let secretary: Client
  let worker: Client // sosiaalityontekija: relationship with both clients in adult_social_work
  let workerSv: Client // the same worker, speaking Swedish
  let counsellor: Client // sosiaaliohjaaja: no relationship with the clients
  let clientA: string
  let clientB: string
  let workerId: string
  const db = () => t.server.database.db
  const userId = async (username: string) => (await db().selectFrom('staff_user').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id
  const maxAuditId = async () => Number((await db().selectFrom('audit_log').select((eb) => eb.fn.max('id').as('m')).executeTakeFirst())?.m ?? 0)
  const auditSince = (id: number) => db().selectFrom('audit_log').selectAll().where('id', '>', id).orderBy('id').execute()
  const booking = (day: string, from: string, to: string, extra: Record<string, unknown> = {}) => ({
    workerId,
    serviceTask: 'adult_social_work',
    start: `${day}T${from}`,
    end: `${day}T${to}`,
    place: 'office',
    ...extra,
  })

  beforeAll(async () => {
    t = await startTestServer(kind)
    secretary = new Client(t.url)
    await secretary.login('toimistosihteeri')
    workerId = await userId('sosiaalityontekija')
    const ids: string[] = []
    for (const [firstNames, lastName] of [
      ['Aapo', 'Varaaja'],
      ['Bertta', 'Varaaja'],
    ] as const) {
      const res = await secretary.post('/api/persons', { firstNames, lastName, birthDate: '1980-02-02' })
      expect(res.status).toBe(201)
      const { id } = await res.json()
      const rel = await secretary.post(`/api/persons/${id}/relationships`, { serviceTask: 'adult_social_work', userId: workerId, kind: 'team', startReason: 'other' })
      expect(rel.status).toBe(201)
      ids.push(id)
    }
    ;[clientA, clientB] = ids as [string, string]
    worker = new Client(t.url)
    await worker.login('sosiaalityontekija')
    workerSv = new Client(t.url, 'sv')
    await workerSv.login('sosiaalityontekija')
    counsellor = new Client(t.url)
    await counsellor.login('sosiaaliohjaaja')
  })
  afterAll(() => t?.stop())

  it('books an appointment in Helsinki local time, stored as an instant, with an insert audit row', async () => {
    const before = await maxAuditId()
    const res = await worker.post(`/api/persons/${clientA}/appointments`, booking('2030-01-14', '09:00', '10:00', { place: 'home_visit' }))
    expect(res.status).toBe(201)
    const a = await res.json()
    expect(a).toMatchObject({
      start: '2030-01-14T09:00',
      end: '2030-01-14T10:00',
      startAt: '2030-01-14T07:00:00.000Z', // winter time: UTC+2
      endAt: '2030-01-14T08:00:00.000Z',
      place: 'home_visit',
      status: 'booked',
      serviceTask: 'adult_social_work',
      client: { id: clientA, name: 'Varaaja Aapo' },
      worker: { id: workerId, name: 'Aino Lehtinen' },
      version: 1,
    })
    // Summer time: UTC+3.
    const summer = await (await worker.post(`/api/persons/${clientA}/appointments`, booking('2030-06-14', '09:00', '09:30'))).json()
    expect(summer.startAt).toBe('2030-06-14T06:00:00.000Z')
    const rows = (await auditSince(before)).filter((r) => r.event === 'appointments:book')
    expect(rows).toHaveLength(2)
    expect(rows[0]).toMatchObject({ action: 'insert', outcome: 'success', data_group: 'adult_social_work/appointment', user_id: workerId })
    expect(rows[0]!.client_ids).toEqual([clientA])
  })

  it('refuses an overlapping booking of the worker with a field message in Finnish and Swedish', async () => {
    expect((await worker.post(`/api/persons/${clientA}/appointments`, booking('2030-01-15', '09:00', '10:00'))).status).toBe(201)
    const fi = await worker.post(`/api/persons/${clientB}/appointments`, booking('2030-01-15', '09:30', '10:30'))
    expect(fi.status).toBe(400)
    const fiErrors = (await fi.json()).errors as FieldErr[]
    expect(fiErrors).toEqual([{ field: 'body.start', code: 'appointments.overlap', message: 'Työntekijällä on jo varaus tähän aikaan. Valitse toinen aika.' }])
    const sv = await workerSv.post(`/api/persons/${clientB}/appointments`, booking('2030-01-15', '08:30', '09:01'))
    expect(sv.status).toBe(400)
    expect(((await sv.json()).errors as FieldErr[])[0]!.message).toBe('Arbetstagaren har redan en bokning vid denna tid. Välj en annan tid.')
    // Back to back is fine.
    expect((await worker.post(`/api/persons/${clientB}/appointments`, booking('2030-01-15', '10:00', '11:00'))).status).toBe(201)
  })

  it('the database itself refuses a double booking, also from concurrent requests', async () => {
    const a = await db().selectFrom('appointment').select(['unit_id', 'created_by']).where('worker_id', '=', workerId).executeTakeFirstOrThrow()
    await expect(
      db()
        .insertInto('appointment')
        .values({
          person_id: clientB,
          worker_id: workerId,
          unit_id: a.unit_id,
          service_task: 'adult_social_work',
          start_at: '2030-01-15T07:15:00Z',
          end_at: '2030-01-15T07:45:00Z',
          place: 'phone',
          created_by: a.created_by,
        })
        .execute(),
    ).rejects.toMatchObject({ code: '23P01' })
    const results = await Promise.all([
      worker.post(`/api/persons/${clientA}/appointments`, booking('2030-01-16', '12:00', '13:00')),
      worker.post(`/api/persons/${clientB}/appointments`, booking('2030-01-16', '12:30', '13:30')),
      worker.post(`/api/persons/${clientB}/appointments`, booking('2030-01-16', '12:45', '13:15')),
    ])
    expect(results.map((r) => r.status).sort()).toEqual([201, 400, 400])
  })

  it('validates times: end after start, not in the past, a real day', async () => {
    const res = await worker.post(`/api/persons/${clientA}/appointments`, booking('2030-01-17', '10:00', '09:00'))
    expect(res.status).toBe(400)
    expect(((await res.json()).errors as FieldErr[]).map((e) => e.code)).toEqual(['appointments.end.beforeStart'])
    const past = await worker.post(`/api/persons/${clientA}/appointments`, booking('2020-01-17', '09:00', '10:00'))
    expect(((await past.json()).errors as FieldErr[]).map((e) => e.code)).toEqual(['appointments.start.past'])
    const feb30 = await worker.post(`/api/persons/${clientA}/appointments`, booking('2030-02-30', '09:00', '10:00'))
    expect(feb30.status).toBe(400)
    const noGrant = await worker.post(`/api/persons/${clientA}/appointments`, booking('2030-01-17', '09:00', '10:00', { workerId: await userId('talous') }))
    expect(((await noGrant.json()).errors as FieldErr[]).map((e) => e.field)).toEqual(['body.workerId'])
  })

  it('moves an appointment (optimistic locking) and the old time becomes free', async () => {
    const a = await (await worker.post(`/api/persons/${clientA}/appointments`, booking('2030-01-21', '09:00', '10:00'))).json()
    const url = `/api/persons/${clientA}/appointments/${a.id}`
    const moved = await worker.post(`${url}/move`, { start: '2030-01-22T13:00', end: '2030-01-22T14:30', place: 'video', version: a.version })
    expect(moved.status).toBe(200)
    expect(await moved.json()).toMatchObject({ start: '2030-01-22T13:00', end: '2030-01-22T14:30', place: 'video', version: 2 })
    expect((await worker.post(`${url}/move`, { start: '2030-01-22T15:00', end: '2030-01-22T16:00', version: 1 })).status).toBe(409)
    expect((await worker.post(`/api/persons/${clientB}/appointments`, booking('2030-01-21', '09:00', '10:00'))).status).toBe(201)
    // Moving onto a booked time is refused like a booking.
    const onto = await worker.post(`${url}/move`, { start: '2030-01-21T09:30', end: '2030-01-21T10:00', version: 2 })
    expect(onto.status).toBe(400)
    expect(((await onto.json()).errors as FieldErr[])[0]!.code).toBe('appointments.overlap')
  })

  it('cancels with a reason code; the slot is free again and a second cancel conflicts', async () => {
    const a = await (await worker.post(`/api/persons/${clientA}/appointments`, booking('2030-01-23', '09:00', '10:00'))).json()
    const url = `/api/persons/${clientA}/appointments/${a.id}`
    const before = await maxAuditId()
    const res = await worker.post(`${url}/cancel`, { reason: 'client_cancelled', version: a.version })
    expect(res.status).toBe(200)
    expect(await res.json()).toMatchObject({ status: 'cancelled', cancelReason: 'client_cancelled' })
    const audit = (await auditSince(before)).find((r) => r.event === 'appointments:cancel')
    expect(audit).toMatchObject({ action: 'update', outcome: 'success', client_ids: [clientA] })
    expect((await worker.post(`${url}/cancel`, { reason: 'other', version: 2 })).status).toBe(409)
    expect((await worker.post(`${url}/cancel`, { reason: 'because', version: 2 })).status).toBe(400)
    expect((await worker.post(`/api/persons/${clientB}/appointments`, booking('2030-01-23', '09:00', '10:00'))).status).toBe(201)
    const week = await (await worker.get('/api/appointments?from=2030-01-21&to=2030-01-27&includeCancelled=true')).json()
    expect(week.appointments.filter((x: { status: string }) => x.status === 'cancelled')).toHaveLength(1)
    const booked = await (await worker.get('/api/appointments?from=2030-01-21&to=2030-01-27')).json()
    expect(booked.appointments.every((x: { status: string }) => x.status === 'booked')).toBe(true)
  })

  it('a week view of one\'s own calendar names the clients and is audited with their ids', async () => {
    const before = await maxAuditId()
    const res = await worker.get('/api/appointments?from=2030-01-14&to=2030-01-20')
    expect(res.status).toBe(200)
    const week = await res.json()
    expect(week.workerId).toBe(workerId)
    const starts = week.appointments.map((a: { start: string }) => a.start) as string[]
    // The winner of the concurrent bookings on the 16th depends on timing.
    expect(starts.slice(0, 3)).toEqual(['2030-01-14T09:00', '2030-01-15T09:00', '2030-01-15T10:00'])
    expect(starts).toHaveLength(4)
    expect(starts[3]).toMatch(/^2030-01-16T12:/)
    expect(week.appointments.every((a: { client: unknown }) => a.client !== null)).toBe(true)
    const row = (await auditSince(before)).find((r) => r.event === 'appointments:read')
    expect(row).toMatchObject({ action: 'view', outcome: 'success' })
    expect([...row!.client_ids].sort()).toEqual([clientA, clientB].sort())
    // The range is bounded and ordered.
    expect((await worker.get('/api/appointments?from=2030-01-20&to=2030-01-14')).status).toBe(400)
    expect((await worker.get('/api/appointments?from=2030-01-01&to=2030-03-01')).status).toBe(400)
  })

  it('another worker sees the busy slots of a colleague\'s calendar but not the clients, and cannot reach them', async () => {
    const before = await maxAuditId()
    const res = await counsellor.get(`/api/appointments?from=2030-01-14&to=2030-01-20&workerId=${workerId}`)
    expect(res.status).toBe(200)
    const week = await res.json()
    expect(week.appointments.length).toBeGreaterThan(0)
    for (const a of week.appointments) expect(a).toMatchObject({ client: null, serviceTask: null, place: null, cancelReason: null })
    expect(JSON.stringify(week)).not.toContain('Varaaja')
    const row = (await auditSince(before)).find((r) => r.event === 'appointments:read')
    expect(row!.client_ids).toEqual([])
    // The office calendar (unit) likewise.
    const unitId = week.appointments[0].unit.id
    const office = await (await counsellor.get(`/api/appointments?from=2030-01-14&to=2030-01-20&unitId=${unitId}`)).json()
    expect(office.appointments.length).toBe(week.appointments.length)
    expect(office.appointments.every((a: { client: unknown }) => a.client === null)).toBe(true)
    // The client's own list, booking, moving and cancelling: 404 and a denial audit row each.
    const before2 = await maxAuditId()
    expect((await counsellor.get(`/api/persons/${clientA}/appointments`)).status).toBe(404)
    const counsellorId = await userId('sosiaaliohjaaja')
    expect((await counsellor.post(`/api/persons/${clientA}/appointments`, { ...booking('2030-02-01', '09:00', '10:00'), workerId: counsellorId })).status).toBe(404)
    const someId = office.appointments[0].id
    expect((await counsellor.post(`/api/persons/${clientA}/appointments/${someId}/cancel`, { reason: 'other', version: 1 })).status).toBe(404)
    const denied = (await auditSince(before2)).filter((r) => r.outcome === 'denied').map((r) => r.event)
    expect(denied).toEqual(['appointments:client', 'appointments:book', 'appointments:cancel'])
  })

  it('the client\'s appointments through the chokepoint, and an appointment is reached only through its own client', async () => {
    const res = await worker.get(`/api/persons/${clientA}/appointments`)
    expect(res.status).toBe(200)
    const list = (await res.json()).appointments as { id: string; client: { id: string }; version: number }[]
    expect(list.length).toBeGreaterThan(2)
    expect(list.every((a) => a.client.id === clientA)).toBe(true)
    // clientA's appointment addressed under clientB: not found.
    const a = list.find((x) => x)!
    expect((await worker.post(`/api/persons/${clientB}/appointments/${a.id}/cancel`, { reason: 'other', version: a.version })).status).toBe(404)
  })
})

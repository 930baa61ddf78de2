import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { closeIntake, openIntake } from '../src/kernel/intake'
import { databaseKinds } from './helpers/databases'
import { Client, startTestServer, type TestServer } from './helpers/server'

/**
 * Intake through the chokepoint: a matter about persons who are not clients (here a child welfare notification
 * about two siblings, received by the families unit LAPS) opens their registry data to the workers with a grant in
 * that unit and service task — with an audit row naming the person, on the basis `intake`, pointing to the intake —
 * and to nobody else; nothing beyond the registry; and only while it is open.
 */
const kinds = await databaseKinds()

describe.each(kinds)('intake on %s', (kind) => {
  let t: TestServer
  const db = () => t.server.database.db
  let worker: Client // sosiaalityontekija: child welfare in LAPS
  let counsellor: Client // sosiaaliohjaaja: family services in LAPS, not child welfare
  let children: string[]
  let laps: string

  beforeAll(async () => {
    t = await startTestServer(kind)
    worker = new Client(t.url)
    await worker.login('sosiaalityontekija')
    counsellor = new Client(t.url)
    await counsellor.login('sosiaaliohjaaja')
    laps = (await db().selectFrom('unit').select('id').where('code', '=', 'LAPS').executeTakeFirstOrThrow()).id
    // two minors nobody works with yet
    children = (
      await db()
        .selectFrom('person')
        .select('id')
        .where('birth_date', '>', '2012-01-01')
        .where((eb) => eb.not(eb.exists(eb.selectFrom('client_relationship as cr').select('cr.id').whereRef('cr.person_id', '=', 'person.id'))))
        .orderBy('id')
        .limit(2)
        .execute()
    ).map((p) => p.id)
    expect(children).toHaveLength(2)
  })
  afterAll(() => t?.stop())

  const audit = (personId: string, since: number) =>
    db().selectFrom('audit_log').select(['event', 'basis', 'ref_id', 'outcome', 'client_ids']).where('id', '>', since).where(sql<boolean>`client_ids @> ARRAY[${personId}]::uuid[]`).orderBy('id').execute()
  const maxId = async () => Number((await db().selectFrom('audit_log').select((eb) => eb.fn.max('id').as('m')).executeTakeFirstOrThrow()).m)

  it('opens the registry data of its persons to the unit\'s workers of its task, audited on the basis intake, while open', async () => {
    const [child, sibling] = children as [string, string]
    expect((await worker.get(`/api/persons/${child}`)).status).toBe(404)

    const intake = await db()
      .transaction()
      .execute((trx) =>
        openIntake(trx, {
          kind: 'child_welfare_notification',
          serviceTask: 'child_welfare',
          unitId: laps,
          receivedAt: new Date('2026-03-02T08:15:00Z'),
          persons: [
            { personId: child, role: 'child' },
            { personId: sibling, role: 'sibling' },
          ],
          createdBy: null,
        }),
      )

    const before = await maxId()
    const read = await worker.get(`/api/persons/${child}`)
    expect(read.status).toBe(200)
    expect((await read.json()).id).toBe(child)
    expect((await worker.get(`/api/persons/${sibling}/card`)).status).toBe(200)
    expect(await audit(child, before)).toEqual([{ event: 'persons:read', basis: 'intake', ref_id: intake.id, outcome: 'success', client_ids: [child] }])

    // nothing beyond the registry: the child's journal in child welfare is not opened by an intake
    expect((await worker.get(`/api/persons/${child}/journal/child_welfare`)).status).toBe(404)
    // a worker of the unit without a grant in child welfare does not reach them
    expect((await counsellor.get(`/api/persons/${child}`)).status).toBe(404)

    // the registry search lists them for the worker (the list filter is the same predicate)
    const search = await (await worker.get(`/api/persons?name=${encodeURIComponent((await db().selectFrom('person').select('last_name').where('id', '=', child).executeTakeFirstOrThrow()).last_name)}`)).json()
    expect(search.persons.map((r: { id: string }) => r.id)).toContain(child)

    await db().transaction().execute((trx) => closeIntake(trx, intake.id, '2026-03-10'))
    expect((await worker.get(`/api/persons/${child}`)).status).toBe(404)
    expect((await audit(child, before)).at(-1)).toMatchObject({ event: 'persons:read', outcome: 'denied', basis: null })
  })
})

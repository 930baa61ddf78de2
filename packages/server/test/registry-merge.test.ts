import { localDate, makeTemporaryHetu } from '@huoma/domain'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { databaseKinds } from './helpers/databases'
import { Client, startTestServer, type TestServer } from './helpers/server'

const kinds = await databaseKinds()

/** A valid henkilötunnus with a permanent individual number (002–899): a "real" identity for the tests. */
function realHetu(ddmmyy: string, sign: string, individual: number): string {
  const nnn = String(individual).padStart(3, '0')
  return `${ddmmyy}${sign}${nnn}${'0123456789ABCDEFHJKLMNPRSTUVWXY'[Number(ddmmyy + nnn) % 31]}`
}

describe.each(kinds)('registry: temporary identity merged into the real one on %s', (kind) => {
  let t: TestServer
  let secretary: Client
  let worker: Client
  let supervisor: Client
  const db = () => t.server.database.db
  const userId = async (username: string) => (await db().selectFrom('staff_user').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id
  let day = 0
  const freshHetu = () => makeTemporaryHetu(localDate(`1931-04-${String(++day).padStart(2, '0')}`), 998, 'U')

  /** A temporary person (no hetu) who is the social worker's client with a signed journal entry, an appointment, an attachment. */
  async function temporaryClient(lastName: string) {
    const res = await secretary.post('/api/persons', { firstNames: 'Väliaikainen', lastName, birthDate: '1931-04-30' })
    expect(res.status).toBe(201)
    const { id } = await res.json()
    expect((await secretary.post(`/api/persons/${id}/relationships`, { serviceTask: 'adult_social_work', userId: await userId('sosiaalityontekija'), kind: 'team', startReason: 'other' })).status).toBe(201)
    const base = `/api/persons/${id}/journal/adult_social_work`
    const d = await (await worker.post(base, { type: 'meeting', eventDate: '2026-01-02', text: 'Tapaaminen ennen tunnistamista.' })).json()
    expect((await worker.post(`${base}/entries/${d.entryId}/sign`, { version: d.versions[0].version })).status).toBe(200)
    const date = `2032-02-${String(++day).padStart(2, '0')}`
    const booked = await worker.post(`/api/persons/${id}/appointments`, {
      workerId: await userId('sosiaalityontekija'),
      serviceTask: 'adult_social_work',
      start: `${date}T09:00`,
      end: `${date}T10:00`,
      place: 'office',
    })
    expect(booked.status).toBe(201)
    const form = new FormData()
    form.append('documentType', 'medical_statement')
    form.append('file', new Blob([new TextEncoder().encode('%PDF-1.4\n%%EOF\n')], { type: 'application/pdf' }), 'liite.pdf')
    const cookies = (worker as unknown as { cookies: Map<string, string> }).cookies
    const up = await fetch(`${t.url}/api/persons/${id}/attachments/adult_social_work`, {
      method: 'POST',
      headers: { cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join('; '), 'x-csrf-token': worker.csrf ?? '' },
      body: form,
    })
    expect(up.status).toBe(201)
    return id as string
  }

  const version = async (id: string) => (await db().selectFrom('person').select('version').where('id', '=', id).executeTakeFirstOrThrow()).version

  /** Rows in every table with a foreign key to person that still point at the person. */
  async function referencing(id: string) {
    const fks = await sql<{ t: string; c: string }>`
      SELECT c.conrelid::regclass::text AS t, a.attname AS c FROM pg_constraint c
      JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
      WHERE c.contype = 'f' AND c.confrelid = 'person'::regclass`.execute(db())
    const out: Record<string, number> = {}
    for (const fk of fks.rows) {
      const r = await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.raw(fk.t)} WHERE ${sql.id(fk.c)} = ${id}`.execute(db())
      if (r.rows[0]!.n) out[`${fk.t}.${fk.c}`] = r.rows[0]!.n
    }
    return out
  }

  beforeAll(async () => {
    t = await startTestServer(kind)
    secretary = new Client(t.url)
    await secretary.login('toimistosihteeri')
    worker = new Client(t.url)
    await worker.login('sosiaalityontekija')
    supervisor = new Client(t.url)
    await supervisor.login('esihenkilo')
  })
  afterAll(() => t?.stop())

  it('merges a temporary person into the holder of the real henkilötunnus: records move, the old id points to the new, history kept', async () => {
    const temp = await temporaryClient('Yhdistettävä')
    const hetu = freshHetu()
    const real = (await (await secretary.post('/api/persons', { hetu, firstNames: 'Oikea', lastName: 'Henkilö' })).json()).id as string
    // Family and household of the temporary person move too; a relation between the two records disappears.
    const parent = (await (await secretary.post('/api/persons', { hetu: freshHetu(), firstNames: 'Vanhempi', lastName: 'Yhdistettävä' })).json()).id as string
    expect((await secretary.post(`/api/persons/${temp}/family`, { relatedId: parent, relation: 'parent', validFrom: '1931-04-30' })).status).toBe(201)
    expect((await secretary.post(`/api/persons/${temp}/family`, { relatedId: real, relation: 'spouse' })).status).toBe(201)
    expect((await secretary.post(`/api/persons/${temp}/household`, { validFrom: '2025-01-01' })).status).toBe(201)
    expect((await secretary.post(`/api/persons/${temp}/household/members`, { personId: parent, validFrom: '2025-01-01' })).status).toBe(201)
    const before = await referencing(temp)
    expect(before).toMatchObject({ 'journal_entry.person_id': 1, 'appointment.person_id': 1, 'attachment.person_id': 1, 'client_relationship.person_id': 1 })

    const res = await secretary.post(`/api/persons/${temp}/merge`, { hetu, reason: 'Henkilöllisyys selvisi passista', version: await version(temp) })
    expect(res.status).toBe(200)
    const result = await res.json()
    expect(result).toMatchObject({ outcome: 'merged', personId: real, moved: { journal_entry: 1, appointment: 1, attachment: 1, client_relationship: 1, person_relation: 1, household_member: 1 } })

    // Nothing of the client's records is left on the old id (its own history and addresses stay with it).
    const left = await referencing(temp)
    expect(Object.keys(left).filter((k) => !k.startsWith('person_history.') && !k.startsWith('person_address.'))).toEqual([])
    const old = await db().selectFrom('person').select(['merged_into', 'temporary_id']).where('id', '=', temp).executeTakeFirstOrThrow()
    expect(old.merged_into).toBe(real)

    // The old id answers with a pointer; the survivor's card has the records, family and household.
    const gone = await secretary.get(`/api/persons/${temp}/card`)
    expect(gone.status).toBe(404)
    expect(await gone.json()).toMatchObject({ type: 'https://huoma.fi/problems/person-merged', mergedInto: real })
    expect((await secretary.get(`/api/persons/${temp}`)).status).toBe(404)
    // every module answers the same through the chokepoint (not only the registry's routes), and logs a refusal
    const elsewhere = await secretary.get(`/api/persons/${temp}/income-support/household`)
    expect(elsewhere.status).toBe(404)
    expect(await elsewhere.json()).toMatchObject({ mergedInto: real })
    const refused = await db().selectFrom('audit_log').selectAll().where('event', '=', 'income-support:household').orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow()
    expect(refused).toMatchObject({ outcome: 'denied', client_ids: [temp] })
    const card = await (await worker.get(`/api/persons/${real}/card`)).json()
    expect(card.accessBasis).toBe('relationship')
    expect(card.family).toEqual([expect.objectContaining({ id: parent, relation: 'parent' })])
    expect(card.household).toEqual([expect.objectContaining({ id: parent })])
    const journal = await (await worker.get(`/api/persons/${real}/journal/adult_social_work`)).json()
    expect(JSON.stringify(journal)).toContain('Tapaaminen ennen tunnistamista.')

    // Not searchable under the old identity any more.
    const search = await (await secretary.get('/api/persons?name=Yhdistettävä')).json()
    expect(search.persons.map((p: { id: string }) => p.id)).not.toContain(temp)

    // History: who, when, why on both persons; the audit row names both.
    const history = await db().selectFrom('person_history').selectAll().where('person_id', 'in', [temp, real]).where('source', '=', 'merge').execute()
    expect(history).toHaveLength(2)
    for (const h of history) expect(h).toMatchObject({ changed_by: await userId('toimistosihteeri'), reason: 'Henkilöllisyys selvisi passista' })
    expect(history.find((h) => h.person_id === real)!.changes[0]).toEqual({ field: 'mergedFrom', from: old.temporary_id, to: hetu })
    // the newest registry event is the merge; the moved records show on the survivor's timeline too
    expect(card.timeline.find((e: { kind: string }) => e.kind.startsWith('person.'))).toMatchObject({ kind: 'person.merge', by: 'Tiina Rantala' })
    expect(card.timeline.some((e: { kind: string }) => e.kind === 'appointment.booked')).toBe(true)
    const audit = await db().selectFrom('audit_log').selectAll().where('event', '=', 'persons:merge').where('outcome', '=', 'success').execute()
    expect(audit.some((a) => a.client_ids.includes(temp) && a.client_ids.includes(real) && a.action === 'update')).toBe(true)

    // The data protection officer's log of the survivor includes what was recorded under the temporary identity.
    const dpo = new Client(t.url)
    await dpo.login('tietosuojavastaava')
    const log = await (await dpo.get(`/api/privacy/audit-log?clientId=${real}&event=journal:write&limit=200`)).json()
    expect(log.entries.some((e: { clientIds: string[] }) => e.clientIds.includes(temp))).toBe(true)

    // A merged person cannot be merged or changed again.
    const again = await secretary.post(`/api/persons/${temp}/merge`, { hetu: freshHetu(), reason: 'Uudestaan', version: 1 })
    expect(again.status).toBe(404)
    expect((await again.json()).mergedInto).toBe(real)
  })

  it('sets the henkilötunnus on the temporary person when nobody has it', async () => {
    const res = await secretary.post('/api/persons', { firstNames: 'Tunnistamaton', lastName: 'Testi', birthDate: '1990-01-01' })
    const { id } = await res.json()
    const hetu = freshHetu()
    const merged = await secretary.post(`/api/persons/${id}/merge`, { hetu, reason: 'Henkilötunnus saatiin Kelasta', version: await version(id) })
    expect(merged.status).toBe(200)
    expect(await merged.json()).toEqual({ outcome: 'identified', personId: id, moved: {} })
    const p = await db().selectFrom('person').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
    expect(p).toMatchObject({ hetu, birth_date: '1931-04-' + hetu.slice(0, 2), merged_into: null })
    const h = await db().selectFrom('person_history').selectAll().where('person_id', '=', id).where('source', '=', 'merge').executeTakeFirstOrThrow()
    expect(h.changes[0]).toMatchObject({ field: 'hetu', from: p.temporary_id, to: hetu })
    expect(h.reason).toBe('Henkilötunnus saatiin Kelasta')
  })

  it('refuses a real-to-real merge, bad input and a stale version with field messages, and changes nothing', async () => {
    const a = (await (await secretary.post('/api/persons', { hetu: realHetu('150560', '-', 123), firstNames: 'Aito', lastName: 'Ensimmäinen' })).json()).id
    const bHetu = realHetu('160560', '-', 234)
    await secretary.post('/api/persons', { hetu: bHetu, firstNames: 'Aito', lastName: 'Toinen' })
    const refused = await secretary.post(`/api/persons/${a}/merge`, { hetu: bHetu, reason: 'Kokeilu virheellä', version: await version(a) })
    expect(refused.status).toBe(400)
    expect((await refused.json()).errors).toEqual([expect.objectContaining({ field: 'body.hetu', code: 'merge.real_identity' })])
    const temp = (await (await secretary.post('/api/persons', { firstNames: 'V', lastName: 'Virheellinen', birthDate: '1990-01-01' })).json()).id
    const sv = new Client(t.url, 'sv')
    await sv.login('toimistosihteeri')
    const bad = await (await sv.post(`/api/persons/${temp}/merge`, { hetu: '131052-308U', reason: 'Kokeilu', version: 1 })).json()
    expect(bad.errors).toEqual([{ field: 'body.hetu', code: 'hetu.checksum', message: 'Personbeteckningens kontrolltecken stämmer inte.' }])
    const stale = await secretary.post(`/api/persons/${temp}/merge`, { hetu: freshHetu(), reason: 'Kokeilu', version: 99 })
    expect(stale.status).toBe(409)
    const short = await secretary.post(`/api/persons/${temp}/merge`, { hetu: freshHetu(), reason: 'x', version: 1 })
    expect(short.status).toBe(400)
    expect((await short.json()).errors[0].field).toBe('body.reason')
    expect(await db().selectFrom('person').select(['hetu', 'merged_into']).where('id', '=', temp).executeTakeFirstOrThrow()).toEqual({ hetu: null, merged_into: null })
    // Roles: a social worker may not merge at all.
    expect((await worker.post(`/api/persons/${temp}/merge`, { hetu: freshHetu(), reason: 'Kokeilu', version: 1 })).status).toBe(403)
  })

  it('answers 404 when the holder of the henkilötunnus is not accessible, and logs the refusal', async () => {
    // The supervisor reaches the temporary client (open relationship in adult social work) but not the holder.
    const temp = await temporaryClient('Esihenkilönäkymä')
    const hetu = freshHetu()
    const hidden = (await (await secretary.post('/api/persons', { hetu, firstNames: 'Piilossa', lastName: 'Henkilö' })).json()).id
    const res = await supervisor.post(`/api/persons/${temp}/merge`, { hetu, reason: 'Yritys yhdistää', version: await version(temp) })
    expect(res.status).toBe(404)
    expect(await res.json()).not.toHaveProperty('mergedInto')
    const denied = await db().selectFrom('audit_log').selectAll().where('event', '=', 'persons:merge').where('outcome', '=', 'denied').execute()
    expect(denied.some((a) => a.client_ids.includes(hidden))).toBe(true)
    expect(await db().selectFrom('person').select('merged_into').where('id', '=', temp).executeTakeFirstOrThrow()).toEqual({ merged_into: null })
    expect((await referencing(temp))['journal_entry.person_id']).toBe(1)
  })

  it('refuses two responsible workers in one service task with a message, and a failure half-way leaves nothing moved', async () => {
    const temp = await temporaryClient('Puolivalmis')
    const hetu = freshHetu()
    const real = (await (await secretary.post('/api/persons', { hetu, firstNames: 'Vastuu', lastName: 'Molemmilla' })).json()).id
    const both = { serviceTask: 'income_support', userId: await userId('sosiaalityontekija'), kind: 'responsible', startReason: 'other' }
    expect((await secretary.post(`/api/persons/${temp}/relationships`, both)).status).toBe(201)
    expect((await secretary.post(`/api/persons/${real}/relationships`, both)).status).toBe(201)
    const en = new Client(t.url, 'en')
    await en.login('toimistosihteeri')
    const clash = await en.post(`/api/persons/${temp}/merge`, { hetu, reason: 'Tunnistettu', version: await version(temp) })
    expect(clash.status).toBe(409)
    expect((await clash.json()).errors).toEqual([
      {
        field: 'body.hetu',
        code: 'merge.responsible_conflict',
        message: 'Both persons have a responsible worker in the service task income_support. End one of the client relationships before merging.',
      },
    ])

    // A table (as another module might add) whose unique constraint fails after the journal and appointments moved.
    await sql`CREATE TABLE merge_probe (person_id uuid UNIQUE REFERENCES person(id))`.execute(db())
    try {
      const other = await temporaryClient('Puolivalmis Toinen')
      const target = (await (await secretary.post('/api/persons', { hetu: freshHetu(), firstNames: 'Kohde', lastName: 'Törmäys' })).json()).id
      await sql`INSERT INTO merge_probe VALUES (${other}), (${target})`.execute(db())
      const before = await referencing(other)
      const targetHetu = (await db().selectFrom('person').select('hetu').where('id', '=', target).executeTakeFirstOrThrow()).hetu!
      const failed = await secretary.post(`/api/persons/${other}/merge`, { hetu: targetHetu, reason: 'Tunnistettu', version: await version(other) })
      expect(failed.status).toBe(409)
      expect((await failed.json()).errors[0]).toMatchObject({ code: 'merge.conflict' })
      expect(await referencing(other)).toEqual(before)
      expect(await db().selectFrom('person').select('merged_into').where('id', '=', other).executeTakeFirstOrThrow()).toEqual({ merged_into: null })
      expect(await db().selectFrom('person_history').select('id').where('person_id', 'in', [other, target]).where('source', '=', 'merge').execute()).toEqual([])
    } finally {
      await sql`DROP TABLE merge_probe`.execute(db())
    }
  })
})

describe.each(kinds)('registry: family relations and households on %s', (kind) => {
  let t: TestServer
  let secretary: Client
  const db = () => t.server.database.db
  let n = 0
  const person = async (firstNames: string) => {
    const res = await secretary.post('/api/persons', { hetu: makeTemporaryHetu(localDate(`1932-05-${String(++n).padStart(2, '0')}`), 997, 'U'), firstNames, lastName: 'Perhe' })
    expect(res.status).toBe(201)
    return (await res.json()).id as string
  }

  beforeAll(async () => {
    t = await startTestServer(kind)
    secretary = new Client(t.url)
    await secretary.login('toimistosihteeri')
  })
  afterAll(() => t?.stop())

  it('adds and ends family relations, refusing bad input with field messages in fi, sv and en', async () => {
    const child = await person('Lapsi')
    const mother = await person('Äiti')
    const spouse = await person('Puoliso')
    const add = await secretary.post(`/api/persons/${mother}/family`, { relatedId: child, relation: 'child', validFrom: '2010-01-01' })
    expect(add.status).toBe(201)
    const { relationId } = await add.json()
    expect(await db().selectFrom('person_relation').select(['person_id', 'related_id', 'kind']).where('id', '=', relationId).executeTakeFirstOrThrow()).toEqual({
      person_id: child,
      related_id: mother,
      kind: 'parent',
    })
    const childCard = await (await secretary.get(`/api/persons/${child}/card`)).json()
    expect(childCard.family).toEqual([expect.objectContaining({ id: mother, relationId, relation: 'parent', validFrom: '2010-01-01' })])

    const before = await db().selectFrom('person_relation').select('id').execute()
    const dup = await (await secretary.post(`/api/persons/${child}/family`, { relatedId: mother, relation: 'parent' })).json()
    expect(dup.errors).toEqual([{ field: 'body.relation', code: 'family.duplicate', message: 'Henkilöiden välillä on jo voimassa oleva samanlainen suhde.' }])
    const reversed = await (await secretary.post(`/api/persons/${child}/family`, { relatedId: mother, relation: 'child' })).json()
    expect(reversed.errors[0].code).toBe('family.reversed')
    const sv = new Client(t.url, 'sv')
    await sv.login('toimistosihteeri')
    const self = await (await sv.post(`/api/persons/${mother}/family`, { relatedId: mother, relation: 'spouse', validFrom: '2020-02-01', validUntil: '2020-01-01' })).json()
    expect(self.errors).toEqual([
      { field: 'body.relatedId', code: 'family.self', message: 'En person kan inte kopplas till sig själv.' },
      { field: 'body.validUntil', code: 'date.before_start', message: 'Slutdatumet kan inte vara före startdatumet.' },
    ])
    const en = new Client(t.url, 'en')
    await en.login('toimistosihteeri')
    const unknown = await (await en.post(`/api/persons/${mother}/family`, { relatedId: '00000000-0000-4000-8000-000000000000', relation: 'spouse' })).json()
    expect(unknown.errors).toEqual([{ field: 'body.relatedId', code: 'family.person_not_found', message: 'The person is not in the registry or you may not see them.' }])
    const badKind = await en.post(`/api/persons/${mother}/family`, { relatedId: spouse, relation: 'cousin' })
    expect(badKind.status).toBe(400)
    expect((await badKind.json()).errors[0].field).toBe('body.relation')
    expect(await db().selectFrom('person_relation').select('id').execute()).toHaveLength(before.length)

    // Spouses: one open relation whichever way it is typed; ending it frees the way for a new one.
    const sp = await (await secretary.post(`/api/persons/${mother}/family`, { relatedId: spouse, relation: 'spouse', validFrom: '2015-06-01' })).json()
    expect((await (await secretary.post(`/api/persons/${spouse}/family`, { relatedId: mother, relation: 'spouse' })).json()).errors[0].code).toBe('family.duplicate')
    const early = await (await secretary.post(`/api/persons/${spouse}/family/${sp.relationId}/end`, { validUntil: '2015-01-01' })).json()
    expect(early.errors).toEqual([{ field: 'body.validUntil', code: 'date.before_start', message: 'Päättymispäivä ei voi olla ennen alkamispäivää.' }])
    expect((await secretary.post(`/api/persons/${spouse}/family/${sp.relationId}/end`, { validUntil: '2024-12-31' })).status).toBe(200)
    expect((await (await secretary.post(`/api/persons/${spouse}/family/${sp.relationId}/end`, { validUntil: '2025-01-31' })).json()).errors[0].code).toBe('family.already_ended')
    expect((await secretary.post(`/api/persons/${mother}/family`, { relatedId: spouse, relation: 'cohabitant', validFrom: '2025-01-01' })).status).toBe(201)
    // Someone else's relation is not reachable through this person.
    expect((await secretary.post(`/api/persons/${child}/family/${sp.relationId}/end`, { validUntil: '2025-01-31' })).status).toBe(404)

    const audit = await db().selectFrom('audit_log').selectAll().where('event', '=', 'persons:family').where('outcome', '=', 'success').execute()
    expect(audit.some((a) => a.client_ids.includes(mother) && a.client_ids.includes(child) && a.data_group === 'registry/family' && a.action === 'update')).toBe(true)
  })

  it('starts a household, adds and ends members with dates, in the shape income support reads', async () => {
    const a = await person('Aikuinen')
    const b = await person('Toinen')
    const c = await person('Kolmas')
    const start = await secretary.post(`/api/persons/${a}/household`, { validFrom: '2025-03-01' })
    expect(start.status).toBe(201)
    const { householdId } = await start.json()
    expect((await (await secretary.post(`/api/persons/${a}/household`, { validFrom: '2025-03-01' })).json()).errors[0]).toMatchObject({ field: 'body.validFrom', code: 'household.already_member' })
    expect((await secretary.post(`/api/persons/${a}/household/members`, { personId: b, validFrom: '2025-03-01' })).status).toBe(201)
    expect((await (await secretary.post(`/api/persons/${a}/household/members`, { personId: b, validFrom: '2025-04-01' })).json()).errors[0].code).toBe('household.already_member')
    expect((await (await secretary.post(`/api/persons/${c}/household/members`, { personId: b, validFrom: '2025-04-01' })).json()).errors[0].code).toBe('household.none')
    await secretary.post(`/api/persons/${c}/household`, { validFrom: '2025-01-01' })
    const elsewhere = await (await secretary.post(`/api/persons/${c}/household/members`, { personId: b, validFrom: '2025-04-01' })).json()
    expect(elsewhere.errors).toEqual([{ field: 'body.personId', code: 'household.member_elsewhere', message: 'Henkilö kuuluu toiseen ruokakuntaan. Päätä ensin se jäsenyys.' }])
    const badDate = await secretary.post(`/api/persons/${a}/household/members`, { personId: c, validFrom: '2025-13-01' })
    expect(badDate.status).toBe(400)
    expect((await badDate.json()).errors[0].field).toBe('body.validFrom')

    const card = await (await secretary.get(`/api/persons/${a}/card`)).json()
    expect(card.ownHousehold).toEqual({ householdId, validFrom: '2025-03-01' })
    expect(card.household).toEqual([expect.objectContaining({ id: b, householdId, validFrom: '2025-03-01', validUntil: null })])
    const early = await (await secretary.post(`/api/persons/${a}/household/members/${b}/end`, { validUntil: '2025-02-01' })).json()
    expect(early.errors[0]).toMatchObject({ field: 'body.validUntil', code: 'date.before_start' })
    expect((await secretary.post(`/api/persons/${a}/household/members/${b}/end`, { validUntil: '2025-06-30' })).status).toBe(200)
    expect((await secretary.post(`/api/persons/${a}/household/members/${b}/end`, { validUntil: '2025-06-30' })).status).toBe(404)
    // b may now join c's household, but not before leaving a's.
    expect((await (await secretary.post(`/api/persons/${c}/household/members`, { personId: b, validFrom: '2025-06-01' })).json()).errors[0].code).toBe('household.overlap')
    expect((await secretary.post(`/api/persons/${c}/household/members`, { personId: b, validFrom: '2025-07-01' })).status).toBe(201)

    const rows = await db().selectFrom('household_member').selectAll().where('person_id', 'in', [a, b]).orderBy('valid_from').execute()
    expect(rows.map((r) => [r.household_id === householdId, r.person_id === a ? 'a' : 'b', r.valid_from, r.valid_until])).toEqual([
      [true, 'a', '2025-03-01', null],
      [true, 'b', '2025-03-01', '2025-06-30'],
      [false, 'b', '2025-07-01', null],
    ])
    expect((await (await secretary.get(`/api/persons/${a}/card`)).json()).household).toEqual([])
    const audit = await db().selectFrom('audit_log').selectAll().where('event', '=', 'persons:household').where('outcome', '=', 'success').execute()
    expect(audit.some((x) => x.client_ids.includes(a) && x.client_ids.includes(b) && x.data_group === 'registry/household')).toBe(true)
  })
})

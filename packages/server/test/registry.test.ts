import { makeTemporaryHetu, localDate } from '@huoma/domain'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { databaseKinds } from './helpers/databases'
import { Client, startTestServer, type TestServer } from './helpers/server'
import { openIntake } from '../src/kernel/intake'

const kinds = await databaseKinds()

describe.each(kinds)('client registry: persons, card, relationships on %s', (kind) => {
  let t: TestServer
  let secretary: Client
  let worker: Client
  const db = () => t.server.database.db
  const count = async () => Number((await db().selectFrom('person').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)
  const userId = async (username: string) => (await db().selectFrom('staff_user').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id
  // A hetu the demo population does not use: birth dates in 1930 with individual number 999.
  const freshHetu = (day: number) => makeTemporaryHetu(localDate(`1930-03-${String(day).padStart(2, '0')}`), 999, 'U')

  beforeAll(async () => {
    t = await startTestServer(kind)
    secretary = new Client(t.url)
    await secretary.login('toimistosihteeri')
    worker = new Client(t.url)
    await worker.login('sosiaalityontekija')
  })
  afterAll(() => t?.stop())

  it('registers a person with a henkilötunnus and refuses a duplicate with a pointer to the existing one', async () => {
    const hetu = freshHetu(1)
    const res = await secretary.post('/api/persons', {
      hetu,
      firstNames: 'Åsa Maria',
      lastName: 'Öhman',
      serviceLanguage: 'sv',
      iban: 'FI21 1234 5600 0007 85',
      addresses: [{ kind: 'permanent', street: 'Rantatie 1', postalCode: '00100', postOffice: 'Helsinki' }],
    })
    expect(res.status).toBe(201)
    const created = await res.json()
    expect(created).toMatchObject({ hetu, temporaryId: null })
    const stored = await db().selectFrom('person').selectAll().where('id', '=', created.id).executeTakeFirstOrThrow()
    expect(stored).toMatchObject({ birth_date: '1930-03-01', search_name: 'ohman asa maria', iban: 'FI2112345600000785', bic: 'NDEAFIHH' })
    const before = await count()
    const dup = await secretary.post('/api/persons', { hetu: hetu.toLowerCase(), firstNames: 'X', lastName: 'Y' })
    expect(dup.status).toBe(409)
    expect(await dup.json()).toMatchObject({ existingPersonId: created.id, errors: [{ field: 'body.hetu', code: 'person.duplicate' }] })
    expect(await count()).toBe(before)
    const audit = await db().selectFrom('audit_log').selectAll().where('event', '=', 'persons:create').execute()
    expect(audit.some((a) => a.client_ids.includes(created.id) && a.action === 'insert')).toBe(true)
  })

  it('010190-999W and 010190Y999W are different people', async () => {
    const a = await secretary.post('/api/persons', { hetu: '010190-999W', firstNames: 'Aapo', lastName: 'Testinen' })
    const b = await secretary.post('/api/persons', { hetu: '010190Y999W', firstNames: 'Bertta', lastName: 'Testinen' })
    expect([a.status, b.status]).toEqual([201, 201])
    expect((await a.json()).id).not.toBe((await b.json()).id)
  })

  it('issues a clearly marked temporary id when there is no henkilötunnus', async () => {
    const res = await secretary.post('/api/persons', { firstNames: 'Tuntematon', lastName: 'Henkilö', birthDate: '1985-06-15' })
    expect(res.status).toBe(201)
    const p = await res.json()
    expect(p.hetu).toBeNull()
    expect(p.temporaryId).toMatch(/^1\.2\.246\.10\.1234567\.10\.0\.99\.\d+$/)
  })

  it('refuses bad input with precise field messages and writes nothing', async () => {
    const before = await count()
    const fi = await secretary.post('/api/persons', {
      hetu: '131052-308U',
      firstNames: 'Virhe',
      lastName: 'Testi',
      iban: 'FI2112345600000786',
      addresses: [{ kind: 'permanent', street: 'Tie 1', postalCode: '123', postOffice: 'X', validFrom: '2026-02-01', validUntil: '2026-01-01' }],
    })
    expect(fi.status).toBe(400)
    const errors = (await fi.json()).errors
    expect(errors).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'body.addresses.0.postalCode', code: 'pattern' })]))
    const sv = new Client(t.url, 'sv')
    await sv.login('toimistosihteeri')
    const r2 = await (await sv.post('/api/persons', { hetu: '131052-308U', firstNames: 'V', lastName: 'T', iban: 'FI2112345600000786' })).json()
    expect(r2.errors).toEqual([
      { field: 'body.hetu', code: 'hetu.checksum', message: 'Personbeteckningens kontrolltecken stämmer inte.' },
      { field: 'body.iban', code: 'iban.checksum', message: 'IBAN-kontonumrets kontrollsiffror stämmer inte. Kontrollera numret.' },
    ])
    const future = await (await secretary.post('/api/persons', { firstNames: 'V', lastName: 'T', birthDate: '2099-01-01' })).json()
    expect(future.errors).toEqual([{ field: 'body.birthDate', code: 'birthDate.future', message: 'Syntymäaika ei voi olla tulevaisuudessa.' }])
    expect(await count()).toBe(before)
  })

  it('a worker who registers a client with a relationship can open the card; changes need the current version', async () => {
    const res = await worker.post('/api/persons', {
      hetu: freshHetu(2),
      firstNames: 'Kalle',
      lastName: 'Kokeilu',
      relationship: { serviceTask: 'adult_social_work', startReason: 'application' },
    })
    expect(res.status).toBe(201)
    const { id } = await res.json()
    const card = await (await worker.get(`/api/persons/${id}/card`)).json()
    expect(card.person.lastName).toBe('Kokeilu')
    expect(card.accessBasis).toBe('relationship')
    expect(card.relationships).toEqual([expect.objectContaining({ serviceTask: 'adult_social_work', kind: 'responsible', userName: 'Aino Lehtinen', startReason: 'application' })])
    const v = card.person.version
    const ok = await worker.request('PATCH', `/api/persons/${id}`, { version: v, phone: '+358 40 123 4567', lastName: 'Kokeilu-Mäkinen' })
    expect(ok.status).toBe(200)
    expect(await ok.json()).toMatchObject({ phone: '+358 40 123 4567', lastName: 'Kokeilu-Mäkinen', version: v + 1 })
    const stale = await worker.request('PATCH', `/api/persons/${id}`, { version: v, phone: '+358 50 000 0000' })
    expect(stale.status).toBe(409)
    const after = await (await worker.get(`/api/persons/${id}/card`)).json()
    expect(after.person.phone).toBe('+358 40 123 4567')
    expect(after.timeline.find((e: { kind: string }) => e.kind === 'person.changed').fields).toEqual(['lastName', 'phone'])
  })

  it('the card shows family and household, and the audit row names every person shown', async () => {
    const child = await db()
      .selectFrom('person_relation as r')
      .innerJoin('person as p', 'p.id', 'r.person_id')
      .select(['r.person_id', 'r.related_id'])
      .where('r.kind', '=', 'parent')
      .where('p.turvakielto', '=', false)
      .limit(1)
      .executeTakeFirstOrThrow()
    const card = await (await secretary.get(`/api/persons/${child.person_id}/card`)).json()
    expect(card.family).toEqual(expect.arrayContaining([expect.objectContaining({ id: child.related_id, relation: 'parent' })]))
    const row = await db().selectFrom('audit_log').selectAll().where('event', '=', 'persons:card').orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow()
    expect(row.client_ids).toEqual(expect.arrayContaining([child.person_id, child.related_id, ...card.household.map((h: { id: string }) => h.id)]))
    // exactly the persons shown, each once, the client first
    const shown = new Set<string>([child.person_id, ...card.family.map((f: { id: string }) => f.id), ...card.household.map((h: { id: string }) => h.id)])
    expect(row.client_ids[0]).toBe(child.person_id)
    expect([...row.client_ids].sort()).toEqual([...shown].sort())
  })

  it('the card shows a spouse once, though the population register records the marriage from both sides', async () => {
    const pair = await db()
      .selectFrom('person_relation as a')
      .innerJoin('person_relation as b', (j) => j.onRef('b.person_id', '=', 'a.related_id').onRef('b.related_id', '=', 'a.person_id'))
      .innerJoin('person as p', 'p.id', 'a.person_id')
      .select(['a.person_id', 'a.related_id'])
      .where('a.kind', '=', 'spouse')
      .where('b.kind', '=', 'spouse')
      .where('a.valid_until', 'is', null)
      .where('b.valid_until', 'is', null)
      .where('p.turvakielto', '=', false)
      .limit(1)
      .executeTakeFirstOrThrow()
    const card = await (await secretary.get(`/api/persons/${pair.person_id}/card`)).json()
    const spouses = card.family.filter((f: { relation: string }) => f.relation === 'spouse')
    expect(spouses).toEqual([expect.objectContaining({ id: pair.related_id, validUntil: null })])
    // ending the marriage ends it from both sides: the card still shows it once, ended
    const ended = await secretary.post(`/api/persons/${pair.person_id}/family/${spouses[0].relationId}/end`, { validUntil: '2026-01-31' })
    expect(ended.status).toBe(200)
    const after = (await (await secretary.get(`/api/persons/${pair.person_id}/card`)).json()).family.filter((f: { relation: string }) => f.relation === 'spouse')
    expect(after).toEqual([expect.objectContaining({ id: pair.related_id, validUntil: '2026-01-31' })])
    const rows = await db().selectFrom('person_relation').select(['valid_until']).where('kind', '=', 'spouse').where((eb) => eb.or([eb.and([eb('person_id', '=', pair.person_id), eb('related_id', '=', pair.related_id)]), eb.and([eb('person_id', '=', pair.related_id), eb('related_id', '=', pair.person_id)])])).execute()
    expect(rows.map((r) => String(r.valid_until).slice(0, 10)).every((v) => v !== 'null')).toBe(true)
  })

  it('the protected address needs a relationship; the office secretary never sees it; each view is its own data group', async () => {
    const p = await db().selectFrom('person').select('id').where('turvakielto', '=', true).limit(1).executeTakeFirstOrThrow()
    expect((await secretary.get(`/api/persons/${p.id}/protected-address`)).status).toBe(403)
    const card = await (await secretary.get(`/api/persons/${p.id}/card`)).json()
    expect(card.person.addresses.every((a: { kind: string }) => a.kind === 'contact')).toBe(true)
    expect((await worker.get(`/api/persons/${p.id}/protected-address`)).status).toBe(404)
    const opened = await secretary.post(`/api/persons/${p.id}/relationships`, { serviceTask: 'adult_social_work', userId: await userId('sosiaalityontekija'), kind: 'responsible', startReason: 'referral' })
    expect(opened.status).toBe(201)
    const res = await worker.get(`/api/persons/${p.id}/protected-address`)
    expect(res.status).toBe(200)
    expect((await res.json()).addresses.some((a: { kind: string }) => a.kind === 'permanent')).toBe(true)
    const row = await db().selectFrom('audit_log').selectAll().where('event', '=', 'persons:protected-address').where('outcome', '=', 'success').orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow()
    expect(row).toMatchObject({ data_group: 'registry/protected-address', basis: 'relationship', client_ids: [p.id] })

    // The end date is the relationship's last day: access lasts through it and ends after it.
    const rel = (await opened.json()) as { id: string }
    const ended = await secretary.post(`/api/persons/${p.id}/relationships/${rel.id}/end`, { endReason: 'needs_met' })
    expect(ended.status).toBe(200)
    expect((await ended.json()).endReason).toBe('needs_met')
    expect((await worker.get(`/api/persons/${p.id}/card`)).status).toBe(200)
    await db().updateTable('client_relationship').set({ start_date: '2025-01-01', end_date: '2025-12-31' }).where('id', '=', rel.id).execute()
    expect((await worker.get(`/api/persons/${p.id}/card`)).status).toBe(404)
  })

  it('refuses a relationship for a worker without a grant to that service task', async () => {
    const p = await db().selectFrom('person').select('id').limit(1).executeTakeFirstOrThrow()
    const res = await secretary.post(`/api/persons/${p.id}/relationships`, { serviceTask: 'child_welfare', userId: await userId('etuuskasittelija'), kind: 'team', startReason: 'other' })
    expect(res.status).toBe(400)
    expect((await res.json()).errors).toEqual([expect.objectContaining({ field: 'body.userId', code: 'relationship.user_without_grant' })])
  })

  it('names only a case worker: finance is not made a child welfare worker even with the task in its grant', async () => {
    const p = await db().selectFrom('person').select('id').limit(1).executeTakeFirstOrThrow()
    const before = await db().selectFrom('client_relationship').select('id').where('person_id', '=', p.id).execute()
    const res = await secretary.post(`/api/persons/${p.id}/relationships`, { serviceTask: 'child_welfare', userId: await userId('talous'), kind: 'team', startReason: 'other' })
    expect(res.status).toBe(400)
    expect((await res.json()).errors).toEqual([
      { field: 'body.userId', code: 'relationship.user_without_grant', message: 'Työntekijällä ei ole voimassa olevaa asiakastyön käyttöoikeutta tähän palvelutehtävään.' },
    ])
    expect(await db().selectFrom('client_relationship').select('id').where('person_id', '=', p.id).execute()).toEqual(before)
  })

  it('a worker opening a relationship for themselves outside their unit\'s intake states why, and the supervisor sees it', async () => {
    const p = await (await secretary.post('/api/persons', { firstNames: 'Oma', lastName: 'Avaus', birthDate: '1980-04-04' })).json()
    const me = await userId('sosiaalityontekija')
    expect((await secretary.post(`/api/persons/${p.id}/relationships`, { serviceTask: 'adult_social_work', userId: me, kind: 'team', startReason: 'other' })).status).toBe(201)
    const journal = `/api/persons/${p.id}/journal/substance_mental_health`
    expect((await worker.get(journal)).status).toBe(404)

    // Without a reason: refused at the field, nothing opened, the substance abuse journal stays closed.
    const open = { serviceTask: 'substance_mental_health', userId: me, kind: 'team', startReason: 'other' }
    const refused = await worker.post(`/api/persons/${p.id}/relationships`, open)
    expect(refused.status).toBe(400)
    expect((await refused.json()).errors).toEqual([expect.objectContaining({ field: 'body.selfReason', code: 'relationship.self_reason_required' })])
    expect((await worker.post(`/api/persons/${p.id}/relationships`, { ...open, selfReason: 'lyhyt' })).status).toBe(400)
    expect((await worker.get(journal)).status).toBe(404)

    // With a reason: opened, and the reason is kept for the supervisor.
    const opened = await worker.post(`/api/persons/${p.id}/relationships`, { ...open, selfReason: '  Asiakas pyysi samaa työntekijää päihdetyöhön.  ' })
    expect(opened.status).toBe(201)
    const rel = await opened.json()
    expect((await db().selectFrom('client_relationship').select(['self_reason', 'opened_by']).where('id', '=', rel.id).executeTakeFirstOrThrow())).toEqual({
      self_reason: 'Asiakas pyysi samaa työntekijää päihdetyöhön.',
      opened_by: me,
    })
    const supervisor = new Client(t.url)
    await supervisor.login('esihenkilo')
    const seen = await (await supervisor.get('/api/relationships/self-opened')).json()
    expect(seen.relationships.find((r: { id: string }) => r.id === rel.id)).toMatchObject({
      person: { id: p.id, lastName: 'Avaus' },
      serviceTask: 'substance_mental_health',
      worker: { id: me, displayName: 'Aino Lehtinen' },
      reason: 'Asiakas pyysi samaa työntekijää päihdetyöhön.',
    })
    const audit = await db().selectFrom('audit_log').selectAll().where('event', '=', 'relationships:self-opened').orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow()
    expect(audit).toMatchObject({ user_id: await userId('esihenkilo'), action: 'view', outcome: 'success' })
    expect(audit.client_ids).toContain(p.id)
    // Only supervisors see the list.
    expect((await worker.get('/api/relationships/self-opened')).status).toBe(403)
    // Naming someone else needs no reason (the office secretary assigns workers).
    const team = await secretary.post(`/api/persons/${p.id}/relationships`, { serviceTask: 'income_support', userId: me, kind: 'team', startReason: 'other' })
    expect(team.status).toBe(201)
    expect((await db().selectFrom('client_relationship').select('self_reason').where('id', '=', (await team.json()).id).executeTakeFirstOrThrow()).self_reason).toBeNull()
  })

  it('the office secretary sees that a person is a client and whom to contact, not in which sensitive service', async () => {
    const p = await (await secretary.post('/api/persons', { firstNames: 'Toimisto', lastName: 'Näkymä', birthDate: '2015-06-06' })).json()
    const open = async (serviceTask: string, username: string) => {
      const r = await secretary.post(`/api/persons/${p.id}/relationships`, { serviceTask, userId: await userId(username), kind: 'team', startReason: 'referral' })
      expect(r.status).toBe(201)
      return (await r.json()).id as string
    }
    const welfare = await open('child_welfare', 'sosiaalityontekija')
    await open('income_support', 'etuuskasittelija')
    const ended = await open('substance_mental_health', 'sosiaalityontekija')
    expect((await secretary.post(`/api/persons/${p.id}/relationships/${ended}/end`, { endReason: 'needs_met' })).status).toBe(200)

    const card = await (await secretary.get(`/api/persons/${p.id}/card`)).json()
    expect(card.accessBasis).toBe('registry')
    const shown = card.relationships.map((r: { serviceTask: string; userName: string; startReason: string }) => [r.serviceTask, r.userName, r.startReason]).sort()
    expect(shown).toEqual([
      ['confidential', 'Aino Lehtinen', 'confidential'],
      ['income_support', 'Leena Kivelä', 'referral'],
    ])
    expect(card.relationships.find((r: { serviceTask: string }) => r.serviceTask === 'confidential').id).toBe(welfare)
    const body = JSON.stringify(card)
    expect(body).not.toContain('child_welfare')
    expect(body).not.toContain('substance_mental_health')
    expect(card.timeline.filter((e: { kind: string }) => e.kind.startsWith('relationship.')).map((e: { serviceTask: string | null }) => e.serviceTask).sort()).toEqual([
      'income_support',
      null,
    ])

    // The worker sees her own child welfare relationship by name.
    const own = await (await worker.get(`/api/persons/${p.id}/card`)).json()
    expect(own.relationships.map((r: { serviceTask: string }) => r.serviceTask)).toContain('child_welfare')
  })

  it('takes a matter from the unit\'s intake without a reason', async () => {
    const p = await (await secretary.post('/api/persons', { firstNames: 'Saapunut', lastName: 'Asia', birthDate: '1981-05-05' })).json()
    const me = await userId('sosiaalityontekija')
    const aiku = (await db().selectFrom('unit').select('id').where('code', '=', 'AIKU').executeTakeFirstOrThrow()).id
    await db().transaction().execute((trx) =>
      openIntake(trx, { kind: 'service_need_request', serviceTask: 'adult_social_work', unitId: aiku, receivedAt: new Date(), persons: [{ personId: p.id, role: 'client' }], createdBy: null }),
    )
    const opened = await worker.post(`/api/persons/${p.id}/relationships`, { serviceTask: 'adult_social_work', userId: me, kind: 'responsible', startReason: 'other' })
    expect(opened.status).toBe(201)
    expect((await db().selectFrom('client_relationship').select('self_reason').where('id', '=', (await opened.json()).id).executeTakeFirstOrThrow()).self_reason).toBeNull()
  })

  it('search: diacritics ignored, words in any order, typos tolerated, Finnish order with Å Ä Ö after Z', async () => {
    const names = ['Öljymäki', 'Zorro', 'Åkerman', 'Aaltonen', 'Ärräpää', 'Hämäläinen']
    for (const [i, lastName] of names.entries()) {
      const r = await secretary.post('/api/persons', { hetu: freshHetu(10 + i), firstNames: 'Sortti', lastName })
      expect(r.status).toBe(201)
    }
    const byDate = async (q: string) => (await (await secretary.get(`/api/persons?${q}`)).json()).persons.map((p: { lastName: string }) => p.lastName)
    const all = (await Promise.all(names.map((_, i) => byDate(`birthDate=1930-03-${10 + i}`)))).flat()
    expect(all.length).toBe(6)
    const ordered = (await (await secretary.get('/api/persons?name=sortti')).json()).persons.map((p: { lastName: string }) => p.lastName)
    expect(ordered).toEqual(['Aaltonen', 'Hämäläinen', 'Zorro', 'Åkerman', 'Ärräpää', 'Öljymäki'])
    expect(await byDate('name=Hamalainen')).toContain('Hämäläinen')
    expect(await byDate('name=' + encodeURIComponent('sortti hämäläinen'))).toEqual(['Hämäläinen'])
    expect(await byDate('name=Hamalaenen')).toContain('Hämäläinen')
    const logged = await db().selectFrom('audit_log').select('client_ids').where('event', '=', 'persons:search').orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow()
    expect(logged.client_ids.length).toBeGreaterThan(0)
  })
})

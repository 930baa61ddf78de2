import { addMonths, HETU_PATTERN, todayInHelsinki } from '@huoma/domain'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { drawSample } from '../src/modules/privacy/repository'
import { databaseKinds } from './helpers/databases'
import { pdfText } from './helpers/pdf'
import { Client, startTestServer, type TestServer } from './helpers/server'

const kinds = await databaseKinds()


const REASON = 'Asiakas epäilee tietojensa väärinkäyttöä vuonna 2022'

describe.each(kinds)('the data protection officer\'s tools on %s', (kind) => {
  let t: TestServer
  let dpo: Client
  const db = () => t.server.database.db
  const userId = async (username: string) => (await db().selectFrom('staff_user').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id
  const maxAuditId = async () => Number((await db().selectFrom('audit_log').select((eb) => eb.fn.max('id').as('m')).executeTakeFirst())?.m ?? 0)
  const auditSince = (id: number) => db().selectFrom('audit_log').selectAll().where('id', '>', id).orderBy('id').execute()
  const persons = async (n: number, turvakielto = false) =>
    db().selectFrom('person').select(['id', 'hetu', 'first_names', 'last_name']).where('turvakielto', '=', turvakielto).orderBy('hetu').limit(n).execute()
  const relate = async (personId: string, username: string, task = 'adult_social_work') =>
    db().insertInto('client_relationship').values({ person_id: personId, user_id: await userId(username), service_task: task, kind: 'responsible', start_date: '2026-01-01' }).execute()

  beforeAll(async () => {
    t = await startTestServer(kind)
    t.server.app.config.security.auditSampleSize = 4
    dpo = new Client(t.url)
    await dpo.login('tietosuojavastaava')
  })
  afterAll(() => t?.stop())

  describe('the log search', () => {
    it('filters by client, user, event, action kind, outcome and period, newest first, and audits the read', async () => {
      const [a, b] = await persons(2)
      await relate(a!.id, 'sosiaalityontekija')
      const worker = new Client(t.url)
      await worker.login('sosiaalityontekija')
      expect((await worker.get(`/api/persons/${a!.id}`)).status).toBe(200)
      expect((await worker.get(`/api/persons/${a!.id}`)).status).toBe(200)
      expect((await worker.get(`/api/persons/${b!.id}`)).status).toBe(404)
      const workerId = await userId('sosiaalityontekija')

      const before = await maxAuditId()
      const res = await dpo.get(`/api/privacy/audit-log?clientId=${a!.id}&event=persons:read`)
      expect(res.status).toBe(200)
      const page = await res.json()
      expect(page.entries).toHaveLength(2)
      expect(page.nextBefore).toBeNull()
      expect(page.entries[0].id).toBeGreaterThan(page.entries[1].id)
      expect(page.entries[0]).toMatchObject({
        userId: workerId,
        userName: 'Aino Lehtinen',
        roleCode: 'social_worker',
        clientIds: [a!.id],
        dataGroup: 'registry/person',
        action: 'view',
        event: 'persons:read',
        basis: 'relationship',
        refId: null,
        outcome: 'success',
      })
      // The officer looking at who looked at a client is processing that client's data: one audit row.
      const dpoId = await userId('tietosuojavastaava')
      const reads = (await auditSince(before)).filter((r) => r.event === 'audit:read')
      expect(reads).toHaveLength(1)
      expect(reads[0]).toMatchObject({ user_id: dpoId, role_code: 'data_protection_officer', action: 'search', client_ids: [a!.id], basis: 'log_monitoring', data_group: 'privacy/audit-log' })

      const denied = await (await dpo.get(`/api/privacy/audit-log?userId=${workerId}&outcome=denied`)).json()
      expect(denied.entries.length).toBeGreaterThan(0)
      expect(denied.entries.every((e: { userId: string; outcome: string }) => e.userId === workerId && e.outcome === 'denied')).toBe(true)
      expect(denied.entries.some((e: { clientIds: string[] }) => e.clientIds.includes(b!.id))).toBe(true)

      const views = await (await dpo.get(`/api/privacy/audit-log?action=view&userId=${workerId}`)).json()
      expect(views.entries.every((e: { action: string }) => e.action === 'view')).toBe(true)

      const today = todayInHelsinki(new Date())
      const inPeriod = await (await dpo.get(`/api/privacy/audit-log?clientId=${a!.id}&from=${today}&to=${today}`)).json()
      expect(inPeriod.entries.length).toBeGreaterThanOrEqual(2)
      const earlier = await (await dpo.get(`/api/privacy/audit-log?clientId=${a!.id}&from=2020-01-01&to=2020-12-31`)).json()
      expect(earlier.entries).toEqual([])

      // Reading the same client's log again lists the officer's earlier reads, whose clients are not named again:
      // each read names the searched client and the clients of the other rows it shows, so it cannot snowball.
      const again = await dpo.get(`/api/privacy/audit-log?clientId=${a!.id}`)
      const listed: Array<{ event: string; clientIds: string[] }> = (await again.json()).entries
      expect(listed.some((e) => e.event === 'audit:read')).toBe(true)
      for (let i = 0; i < 3; i++) await dpo.get(`/api/privacy/audit-log?clientId=${a!.id}`)
      const last = (await auditSince(before)).filter((r) => r.event === 'audit:read').at(-1)!
      const others = new Set(listed.filter((e) => !e.event.startsWith('audit:')).flatMap((e) => e.clientIds))
      expect(new Set(last.client_ids)).toEqual(new Set([a!.id, ...others]))

      const bad = await dpo.get(`/api/privacy/audit-log?from=2026-02-01&to=2026-01-01`)
      expect(bad.status).toBe(400)
      expect((await bad.json()).errors[0]).toMatchObject({ field: 'query.from', code: 'privacy.period' })
    })

    it('pages by id without gaps or overlaps', async () => {
      const ids: number[] = []
      let before: number | null = null
      for (let i = 0; i < 100; i++) {
        const page: { entries: Array<{ id: number }>; nextBefore: number | null } = await (
          await dpo.get(`/api/privacy/audit-log?limit=7${before ? `&before=${before}` : ''}`)
        ).json()
        ids.push(...page.entries.map((e) => e.id))
        if (page.nextBefore === null) break
        expect(page.entries).toHaveLength(7)
        expect(page.nextBefore).toBe(page.entries.at(-1)!.id)
        before = page.nextBefore
      }
      // Each page's own audit row is newer than the first page: the walk sees exactly the rows up to its start.
      const expected = await db().selectFrom('audit_log').select('id').where('id', '<=', ids[0]!).orderBy('id', 'desc').execute()
      expect(ids).toEqual(expected.map((r) => r.id))
      expect(new Set(ids).size).toBe(ids.length)
      expect([...ids].sort((x, y) => y - x)).toEqual(ids)
    })

    it('finds an event under the names it was written under before the naming scheme', async () => {
      const worker = await userId('sosiaalityontekija')
      // A row as the sign-in wrote it before events were named <area>:<verb> (appending is what the log allows).
      const legacy = await db()
        .insertInto('audit_log')
        .values({ user_id: worker, client_ids: [], data_group: 'security/login', action: 'security', event: 'login.success', outcome: 'success' })
        .returning('id')
        .executeTakeFirstOrThrow()
      const c = new Client(t.url)
      await c.login('sosiaalityontekija')
      const page = await (await dpo.get(`/api/privacy/audit-log?event=auth:login-success&userId=${worker}&limit=100`)).json()
      const events = page.entries.map((e: { id: number; event: string }) => e.event)
      expect(events).toContain('auth:login-success')
      expect(page.entries.map((e: { id: number }) => e.id)).toContain(Number(legacy.id))
      expect(new Set(events)).toEqual(new Set(['auth:login-success', 'login.success']))
    })

    it('lists the staff for the user filter', async () => {
      const res = await (await dpo.get('/api/privacy/staff')).json()
      expect(res.users).toContainEqual({ id: await userId('sosiaalityontekija'), username: 'sosiaalityontekija', displayName: 'Aino Lehtinen' })
    })

    it('finds any client by henkilötunnus, client id or name for the officer, and audits whom it found', async () => {
      const [p] = await persons(1)
      const since = await maxAuditId()
      let res = await dpo.get(`/api/privacy/clients?q=${encodeURIComponent(p!.hetu!.toLowerCase())}`)
      expect(res.status).toBe(200)
      expect(((await res.json()) as { persons: { id: string }[] }).persons.map((x) => x.id)).toEqual([p!.id])
      const rows = await auditSince(since)
      expect(rows).toEqual([expect.objectContaining({ action: 'search', data_group: 'registry/person', client_ids: [p!.id], basis: 'log_monitoring' })])
      res = await dpo.get(`/api/privacy/clients?q=${p!.id}`)
      expect(((await res.json()) as { persons: { hetu: string }[] }).persons).toEqual([expect.objectContaining({ hetu: p!.hetu })])
      res = await dpo.get(`/api/privacy/clients?q=${encodeURIComponent(`${p!.last_name} ${p!.first_names.split(' ')[0]}`)}`)
      expect(((await res.json()) as { persons: { id: string }[] }).persons.map((x) => x.id)).toContain(p!.id)
      res = await dpo.get('/api/privacy/clients?q=ab')
      expect(res.status).toBe(400)
      expect(((await res.json()) as { errors: { code: string }[] }).errors[0]).toMatchObject({ code: 'privacy.findTooShort' })
      const worker = new Client(t.url)
      await worker.login('sosiaalityontekija')
      expect((await worker.get(`/api/privacy/clients?q=${p!.hetu}`)).status).toBe(403)
    })
  })

  it('is refused (403) to every other role, and each refusal is audited', async () => {
    const [p] = await persons(1)
    for (const username of ['sosiaalityontekija', 'esihenkilo', 'paakayttaja', 'toimistosihteeri']) {
      const c = new Client(t.url)
      await c.login(username)
      const uid = await userId(username)
      const before = await maxAuditId()
      const calls: Array<[() => Promise<Response>, string]> = [
        [() => c.get('/api/privacy/audit-log'), 'audit:read'],
        [() => c.get('/api/privacy/break-glass'), 'audit:read'],
        [() => c.post('/api/privacy/samples', {}), 'audit:review'],
        [() => c.post('/api/privacy/break-glass/00000000-0000-4000-8000-000000000000/verdict', { verdict: 'justified', note: 'x' }), 'audit:review'],
        [() => c.post('/api/privacy/access-report', { personId: p!.id, language: 'fi' }), 'audit:client-report'],
      ]
      for (const [call, event] of calls) {
        const res = await call()
        expect(res.status, `${username} ${event}`).toBe(403)
      }
      const rows = (await auditSince(before)).filter((r) => r.user_id === uid)
      expect(rows.map((r) => [r.event, r.outcome])).toEqual(calls.map(([, event]) => [event, 'denied']))
    }
  })

  describe('the random sample', () => {
    it('draws the configured number of other people\'s client-data accesses, reviews each once with a verdict and a note', async () => {
      const secretary = new Client(t.url)
      await secretary.login('toimistosihteeri')
      for (const p of await persons(8)) expect((await secretary.get(`/api/persons/${p.id}`)).status).toBe(200)

      const before = await maxAuditId()
      const res = await dpo.post('/api/privacy/samples', {})
      expect(res.status).toBe(200)
      const drawn = await res.json()
      expect(drawn.drawn).toBe(4)
      expect(drawn.windowDays).toBe(30)
      expect(drawn.items).toHaveLength(4)
      const dpoId = await userId('tietosuojavastaava')
      for (const item of drawn.items) {
        expect(item.verdict).toBeNull()
        expect(item.entry.outcome).toBe('success')
        expect(item.entry.clientIds.length).toBeGreaterThan(0)
        expect(item.entry.userId).not.toBe(dpoId)
        expect(item.entry.event.startsWith('audit:')).toBe(false)
        expect(['view', 'insert', 'update', 'delete', 'print', 'export', 'disclose', 'search']).toContain(item.entry.action)
      }
      const reviews = await db().selectFrom('audit_review').selectAll().execute()
      expect(reviews).toHaveLength(4)
      expect(reviews.every((r) => r.sampled_by === dpoId && r.reviewed_at === null)).toBe(true)
      const read = (await auditSince(before)).find((r) => r.event === 'audit:read')
      expect(new Set(read!.client_ids)).toEqual(new Set(drawn.items.flatMap((i: { entry: { clientIds: string[] } }) => i.entry.clientIds)))

      // A second draw never picks the same access again.
      const again = await (await dpo.post('/api/privacy/samples', { size: 3 })).json()
      expect(again.drawn).toBe(3)
      const auditIds = (await db().selectFrom('audit_review').select('audit_id').execute()).map((r) => r.audit_id)
      expect(new Set(auditIds).size).toBe(7)

      const [first, second] = drawn.items
      const blank = await dpo.post(`/api/privacy/samples/${first.id}/verdict`, { verdict: 'justified', note: '  ' })
      expect(blank.status).toBe(400)
      expect((await blank.json()).errors[0]).toMatchObject({ field: 'body.note', code: 'privacy.noteRequired', message: 'Kirjoita arvion perustelu.' })
      const wrong = await dpo.post(`/api/privacy/samples/${first.id}/verdict`, { verdict: 'maybe', note: 'x' })
      expect(wrong.status).toBe(400)

      const beforeVerdict = await maxAuditId()
      expect((await dpo.post(`/api/privacy/samples/${first.id}/verdict`, { verdict: 'justified', note: 'Rekisterin ylläpito, asiakas asioi' })).status).toBe(204)
      expect((await dpo.post(`/api/privacy/samples/${second.id}/verdict`, { verdict: 'needs_follow_up', note: 'Kysyttävä esihenkilöltä' })).status).toBe(204)
      const twice = await dpo.post(`/api/privacy/samples/${first.id}/verdict`, { verdict: 'unjustified', note: 'muutos' })
      expect(twice.status).toBe(409)
      expect((await twice.json()).errors[0]).toMatchObject({ code: 'privacy.alreadyReviewed' })
      expect((await dpo.post('/api/privacy/samples/00000000-0000-4000-8000-000000000000/verdict', { verdict: 'justified', note: 'x' })).status).toBe(404)

      const verdicts = (await auditSince(beforeVerdict)).filter((r) => r.event === 'audit:review')
      expect(verdicts.map((r) => r.ref_id)).toEqual([first.id, second.id])
      expect(verdicts[0]).toMatchObject({ user_id: dpoId, action: 'security', outcome: 'success', client_ids: first.entry.clientIds })

      const list = await (await dpo.get('/api/privacy/samples')).json()
      expect(list.items).toHaveLength(7)
      expect(list.items.slice(0, 5).every((i: { verdict: string | null }) => i.verdict === null)).toBe(true)
      expect(list.items.slice(5).map((i: { id: string }) => i.id).sort()).toEqual([first.id, second.id].sort())
      expect(list.items.find((i: { id: string }) => i.id === first.id)).toMatchObject({ verdict: 'justified', note: 'Rekisterin ylläpito, asiakas asioi', reviewedByName: 'Maria Lindqvist' })
      const open = await (await dpo.get('/api/privacy/samples?status=open')).json()
      expect(open.items).toHaveLength(5)
    })

    it('samples a large window by probing random ids, uniformly over the eligible rows only', async () => {
      const secretary = new Client(t.url)
      await secretary.login('toimistosihteeri')
      for (const p of await persons(12)) expect((await secretary.get(`/api/persons/${p.id}`)).status).toBe(200)
      const dpoId = await userId('tietosuojavastaava')
      const picked = await db()
        .transaction()
        .execute((trx) => drawSample(trx, { userId: dpoId, size: 5, windowDays: 30, exactBelow: 0 }))
      expect(picked).toBe(5)
      const rows = await db()
        .selectFrom('audit_review as r')
        .innerJoin('audit_log as a', 'a.id', 'r.audit_id')
        .select(['a.user_id', 'a.outcome', 'a.action', 'a.event', 'a.client_ids'])
        .where('r.reviewed_at', 'is', null)
        .execute()
      expect(rows.length).toBeGreaterThanOrEqual(5)
      for (const r of rows) {
        expect(r.user_id).not.toBe(dpoId)
        expect(r.outcome).toBe('success')
        expect(r.client_ids.length).toBeGreaterThan(0)
        expect(r.action).not.toBe('security')
      }
    })
  })

  describe('the break-the-glass review queue', () => {
    it('lists unreviewed accesses first with the reason and the reads made on them, and closes each with a verdict', async () => {
      const [, , , , , , , , , p] = await persons(10)
      const worker = new Client(t.url)
      await worker.login('sosiaaliohjaaja')
      const opened = await worker.post(`/api/persons/${p!.id}/break-glass`, { serviceTask: 'income_support', reason: 'Toimeentulotukihakemus, asiakas paikalla' })
      expect(opened.status).toBe(201)
      const access = await opened.json()
      expect((await worker.get(`/api/persons/${p!.id}`)).status).toBe(200)
      expect((await worker.get(`/api/persons/${p!.id}`)).status).toBe(200)

      const before = await maxAuditId()
      const sv = new Client(t.url, 'sv')
      await sv.login('tietosuojavastaava')
      const queue = await (await sv.get('/api/privacy/break-glass')).json()
      expect(queue.items[0]).toMatchObject({
        id: access.id,
        userName: 'Mikko Salonen',
        personId: p!.id,
        serviceTask: 'income_support',
        serviceTaskName: 'Utkomststöd',
        reason: 'Toimeentulotukihakemus, asiakas paikalla',
        active: true,
        accessCount: 2,
        verdict: null,
        reviewedAt: null,
      })
      const read = (await auditSince(before)).find((r) => r.event === 'audit:read')
      expect(read).toMatchObject({ data_group: 'privacy/break-glass-review', client_ids: expect.arrayContaining([p!.id]) })

      const beforeVerdict = await maxAuditId()
      const res = await dpo.post(`/api/privacy/break-glass/${access.id}/verdict`, { verdict: 'justified', note: 'Hakemus käsiteltiin samana päivänä' })
      expect(res.status).toBe(204)
      const bg = await db().selectFrom('break_glass').selectAll().where('id', '=', access.id).executeTakeFirstOrThrow()
      expect(bg).toMatchObject({ verdict: 'justified', review_note: 'Hakemus käsiteltiin samana päivänä', reviewed_by: await userId('tietosuojavastaava') })
      const verdict = (await auditSince(beforeVerdict)).find((r) => r.event === 'audit:review')
      expect(verdict).toMatchObject({ ref_id: access.id, client_ids: [p!.id], action: 'security', outcome: 'success' })
      // The note is free text: it stays in break_glass, never in the audit log.
      const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM audit_log a WHERE audit_log_canonical(a) LIKE '%Hakemus%'`.execute(db())
      expect(rows[0]?.n).toBe(0)

      expect((await dpo.post(`/api/privacy/break-glass/${access.id}/verdict`, { verdict: 'unjustified', note: 'toisin' })).status).toBe(409)
      const open = await (await dpo.get('/api/privacy/break-glass?status=open')).json()
      expect(open.items.map((i: { id: string }) => i.id)).not.toContain(access.id)
      const all = await (await dpo.get('/api/privacy/break-glass')).json()
      const idx = all.items.findIndex((i: { id: string }) => i.id === access.id)
      expect(all.items.slice(0, idx).every((i: { verdict: string | null }) => i.verdict === null)).toBe(true)
      expect(all.items[idx]).toMatchObject({ verdict: 'justified', reviewedByName: 'Maria Lindqvist' })
    })
  })

  describe('the report "who has processed my data"', () => {
    it('prints in Finnish and Swedish: the client, who processed and how, never a protected address or another henkilötunnus', async () => {
      const [client] = await persons(1, true)
      const addresses = await db().selectFrom('person_address').select(['kind', 'street']).where('person_id', '=', client!.id).execute()
      const protectedStreets = addresses.filter((a) => a.kind !== 'contact').map((a) => a.street)
      const contact = addresses.find((a) => a.kind === 'contact')
      expect(protectedStreets.length).toBeGreaterThan(0)

      await relate(client!.id, 'sosiaalityontekija')
      const worker = new Client(t.url)
      await worker.login('sosiaalityontekija')
      expect((await worker.get(`/api/persons/${client!.id}`)).status).toBe(200)
      // A search whose audit row names the client together with other persons.
      const secretary = new Client(t.url)
      await secretary.login('toimistosihteeri')
      const search = await (await secretary.get(`/api/persons?name=${encodeURIComponent(client!.last_name)}`)).json()
      expect(search.persons.map((x: { id: string }) => x.id)).toContain(client!.id)

      const before = await maxAuditId()
      const res = await dpo.post('/api/privacy/access-report', { personId: client!.id, language: 'fi' })
      expect(res.status).toBe(200)
      expect(res.headers.get('content-type')).toBe('application/pdf')
      expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="kasittelyselvitys-\d{4}-\d{2}-\d{2}\.pdf"$/)
      const text = await pdfText(Buffer.from(await res.arrayBuffer()))
      expect(text).toContain('Selvitys asiakastietojen käsittelystä')
      expect(text).toContain('Tietojen käsittelyt')
      expect(text).toContain(`${client!.first_names} ${client!.last_name}`)
      expect(text).toContain(client!.hetu!)
      expect(text).toContain('Aino Lehtinen')
      expect(text).toContain('Sosiaalityöntekijä')
      expect(text).toContain('Katsoi perustiedot')
      expect(text).toContain('Asiakassuhde')
      expect(text).toContain('Tiina Rantala')
      expect(text).toContain('Maria Lindqvist')
      for (const street of protectedStreets) expect(text).not.toContain(street)
      if (contact) expect(text).toContain(contact.street)
      expect([...text.matchAll(HETU_PATTERN)].map((m) => m[0])).toEqual([client!.hetu])
      for (const other of search.persons.filter((x: { id: string }) => x.id !== client!.id)) {
        expect(text).not.toContain(other.hetu)
      }

      const printed = (await auditSince(before)).filter((r) => r.event === 'audit:client-report')
      expect(printed).toHaveLength(1)
      expect(printed[0]).toMatchObject({
        user_id: await userId('tietosuojavastaava'),
        action: 'print',
        data_group: 'privacy/access-report',
        client_ids: [client!.id],
        outcome: 'success',
      })

      const sv = await dpo.post('/api/privacy/access-report', { personId: client!.id, language: 'sv' })
      expect(sv.status).toBe(200)
      const svText = await pdfText(Buffer.from(await sv.arrayBuffer()))
      expect(svText).toContain('Redogörelse för behandlingen av klientuppgifter')
      expect(svText).toContain('Behandlingar av uppgifterna')
      expect(svText).toContain('Socialarbetare')
      expect(svText).toContain('Klientrelation')
      expect(svText).toContain('Såg basuppgifterna')
      // The first report is itself a processing, and the second one lists it.
      expect(svText).toContain('Upprättade denna redogörelse')
      for (const street of protectedStreets) expect(svText).not.toContain(street)
    })

    it('reaches beyond two years only with a stated reason, recorded outside the audit log', async () => {
      const [, client] = await persons(2)
      const today = todayInHelsinki(new Date())
      const threeYearsBack = addMonths(today, -36)
      const refused = await dpo.post('/api/privacy/access-report', { personId: client!.id, language: 'fi', from: threeYearsBack })
      expect(refused.status).toBe(400)
      expect((await refused.json()).errors).toEqual([
        {
          field: 'body.reason',
          code: 'privacy.reasonRequired',
          message: 'Yli kahden vuoden takaisista tapahtumista selvitys annetaan vain erityisestä syystä: kirjoita syy (vähintään 10 kirjainta tai numeroa).',
        },
      ])
      const two = await dpo.post('/api/privacy/access-report', { personId: client!.id, language: 'fi', from: addMonths(today, -24) })
      expect(two.status).toBe(200)

      const before = await maxAuditId()
      const ok = await dpo.post('/api/privacy/access-report', { personId: client!.id, language: 'sv', from: threeYearsBack, reason: REASON })
      expect(ok.status).toBe(200)
      const text = await pdfText(Buffer.from(await ok.arrayBuffer()))
      expect(text).toContain('Redogörelsen omfattar mer än två år')
      expect(text).not.toContain(REASON)
      const printed = (await auditSince(before)).find((r) => r.event === 'audit:client-report')!
      const { rows: reasons } = await sql<{ reason: string; request_id: string; person_id: string; period_from: string }>`
        SELECT reason, request_id, person_id, period_from FROM access_report_reason`.execute(db())
      expect(reasons).toEqual([{ reason: REASON, request_id: printed.request_id, person_id: client!.id, period_from: threeYearsBack }])
      const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM audit_log a WHERE audit_log_canonical(a) LIKE '%väärinkäyttöä%'`.execute(db())
      expect(rows[0]?.n).toBe(0)
    })

    it('refuses a bad period and an unknown client (404, nothing printed)', async () => {
      const [client] = await persons(1)
      const backwards = await dpo.post('/api/privacy/access-report', { personId: client!.id, language: 'fi', from: '2026-03-01', to: '2026-02-01' })
      expect(backwards.status).toBe(400)
      const future = await dpo.post('/api/privacy/access-report', { personId: client!.id, language: 'fi', to: '2999-01-01' })
      expect((await future.json()).errors[0]).toMatchObject({ field: 'body.to', code: 'privacy.future' })
      const en = await dpo.post('/api/privacy/access-report', { personId: client!.id, language: 'en' })
      expect(en.status).toBe(400)
      const before = await maxAuditId()
      const missing = await dpo.post('/api/privacy/access-report', { personId: '00000000-0000-4000-8000-000000000000', language: 'fi' })
      expect(missing.status).toBe(404)
      expect((await auditSince(before)).filter((r) => r.event === 'audit:client-report')).toEqual([])
    })
  })
})

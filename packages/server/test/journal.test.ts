import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { databaseKinds } from './helpers/databases'
import { pdfText } from './helpers/pdf'
import { Client, startTestServer, type TestServer } from './helpers/server'

const kinds = await databaseKinds()


const ORIGINAL = 'Asiakas kertoi vuokrarästeistä. Sovittiin yhteydenotosta isännöitsijään.'
const EDITED = 'Asiakas kertoi vuokrarästeistä (kolme kuukautta). Sovittiin yhteydenotosta isännöitsijään.'
const CORRECTED = 'Asiakas kertoi vuokrarästeistä (kaksi kuukautta). Sovittiin yhteydenotosta isännöitsijään.'
const REASON = 'Rästien määrä kirjattiin väärin, tarkistettu vuokranantajalta'

describe.each(kinds)('journal (asiakaskertomus) on %s', (kind) => {
  let t: TestServer
  let secretary: Client
  let worker: Client // sosiaalityontekija: relationship in adult_social_work
  let counsellor: Client // sosiaaliohjaaja: relationship in adult_social_work
  let supervisor: Client // esihenkilo: relationship in child_welfare
  let personId: string
  const db = () => t.server.database.db
  const userId = async (username: string) => (await db().selectFrom('staff_user').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id
  const maxAuditId = async () => Number((await db().selectFrom('audit_log').select((eb) => eb.fn.max('id').as('m')).executeTakeFirst())?.m ?? 0)
  const auditSince = (id: number) => db().selectFrom('audit_log').selectAll().where('id', '>', id).orderBy('id').execute()
  const journal = (task = 'adult_social_work') => `/api/persons/${personId}/journal/${task}`
  const today = () => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Helsinki' }).format(new Date())

  beforeAll(async () => {
    t = await startTestServer(kind)
    secretary = new Client(t.url)
    await secretary.login('toimistosihteeri')
    const res = await secretary.post('/api/persons', {
      firstNames: 'Oskari Ilmari',
      lastName: 'Kertomus',
      birthDate: '1971-04-12',
      turvakielto: true,
      addresses: [{ kind: 'permanent', street: 'Salainenkuja 7', postalCode: '00990', postOffice: 'Helsinki' }],
    })
    expect(res.status).toBe(201)
    personId = (await res.json()).id
    for (const [username, serviceTask] of [
      ['sosiaalityontekija', 'adult_social_work'],
      ['sosiaaliohjaaja', 'adult_social_work'],
      ['esihenkilo', 'child_welfare'],
    ] as const) {
      const r = await secretary.post(`/api/persons/${personId}/relationships`, {
        serviceTask,
        userId: await userId(username),
        kind: 'team',
        startReason: 'other',
      })
      expect(r.status).toBe(201)
    }
    worker = new Client(t.url)
    await worker.login('sosiaalityontekija')
    counsellor = new Client(t.url)
    await counsellor.login('sosiaaliohjaaja')
    supervisor = new Client(t.url)
    await supervisor.login('esihenkilo')
  })
  afterAll(() => t?.stop())

  it('draft → edit (a stale version is 409) → sign → edits refused → correction with a reason → both versions readable', async () => {
    const start = await maxAuditId()
    const created = await worker.post(journal(), {
      type: 'meeting',
      eventDate: today(),
      eventTime: '09:30',
      staffParticipants: [await userId('sosiaalityontekija')],
      otherParticipants: ['Asiakkaan sisar'],
      text: ORIGINAL,
    })
    expect(created.status).toBe(201)
    const draft = await created.json()
    expect(draft).toMatchObject({ state: 'draft', serviceTask: 'adult_social_work' })
    const v1 = draft.versions[0]
    expect(v1).toMatchObject({
      versionNo: 1,
      status: 'draft',
      version: 1,
      eventTime: '09:30',
      text: ORIGINAL,
      author: { name: 'Aino Lehtinen' },
      staffParticipants: [{ name: 'Aino Lehtinen' }],
      otherParticipants: ['Asiakkaan sisar'],
      signedBy: null,
      superseded: false,
    })
    const entry = `${journal()}/entries/${draft.entryId}`

    const edited = await worker.request('PUT', entry, { type: 'meeting', eventDate: today(), eventTime: '09:30', text: EDITED, version: 1 })
    expect(edited.status).toBe(200)
    expect((await edited.json()).versions[0]).toMatchObject({ text: EDITED, version: 2, otherParticipants: [] })
    const stale = await worker.request('PUT', entry, { type: 'meeting', eventDate: today(), text: 'Vanhan version päälle', version: 1 })
    expect(stale.status).toBe(409)
    expect((await stale.json()).type).toBe('https://huoma.fi/problems/journal-stale')
    expect((await worker.post(`${entry}/sign`, { version: 1 })).status).toBe(409)

    const signed = await worker.post(`${entry}/sign`, { version: 2 })
    expect(signed.status).toBe(200)
    const s = await signed.json()
    expect(s.state).toBe('signed')
    expect(s.versions[0]).toMatchObject({ status: 'signed', text: EDITED, signedBy: { name: 'Aino Lehtinen' } })
    expect(Date.parse(s.versions[0].signedAt)).toBeGreaterThan(Date.now() - 60_000)

    const refused = await worker.request('PUT', entry, { type: 'meeting', eventDate: today(), text: 'Muutos', version: 3 })
    expect(refused.status).toBe(409)
    expect((await refused.json()).detail).toBe('Allekirjoitettua merkintää ei voi muuttaa eikä poistaa; korjaus tehdään uutena versiona.')
    expect((await worker.request('DELETE', entry)).status).toBe(409)

    // A correction needs a reason; the blank one is refused with a field message.
    const noReason = await counsellor.post(`${entry}/corrections`, { type: 'meeting', eventDate: today(), text: CORRECTED, basedOn: v1.id, reason: '  ' })
    expect(noReason.status).toBe(400)
    expect((await noReason.json()).errors).toEqual([
      { field: 'body.reason', code: 'journal.reason.required', message: 'Kirjoita korjauksen syy (vähintään 5 kirjainta tai numeroa).' },
    ])
    const corrected = await counsellor.post(`${entry}/corrections`, { type: 'meeting', eventDate: today(), eventTime: '09:30', text: CORRECTED, basedOn: v1.id, reason: REASON })
    expect(corrected.status).toBe(201)
    const c = await corrected.json()
    expect(c.state).toBe('corrected')
    expect(c.versions).toHaveLength(2)
    const [v2, old] = c.versions
    expect(v2).toMatchObject({ versionNo: 2, status: 'signed', text: CORRECTED, correctionReason: REASON, author: { name: 'Mikko Salonen' }, signedBy: { name: 'Mikko Salonen' }, superseded: false })
    expect(old).toMatchObject({ id: v1.id, versionNo: 1, text: EDITED, author: { name: 'Aino Lehtinen' }, signedBy: { name: 'Aino Lehtinen' }, superseded: true, correctionReason: null })
    expect(Date.parse(v2.createdAt)).toBeGreaterThanOrEqual(Date.parse(old.signedAt))

    // Correcting the superseded version again is a conflict: the user must see the latest one first.
    const again = await worker.post(`${entry}/corrections`, { type: 'meeting', eventDate: today(), text: 'Toinen korjaus', basedOn: v1.id, reason: REASON })
    expect(again.status).toBe(409)
    expect((await again.json()).type).toBe('https://huoma.fi/problems/journal-superseded')

    // Both versions readable by others in the task, with who, when and why.
    const read = await (await worker.get(entry)).json()
    expect(read.versions.map((v: { text: string }) => v.text)).toEqual([CORRECTED, EDITED])
    const list = await (await worker.get(journal())).json()
    const item = list.entries.find((e: { entryId: string }) => e.entryId === draft.entryId)
    expect(item).toMatchObject({ state: 'corrected', current: { versionNo: 2, text: CORRECTED } })
    expect(item.history).toEqual([
      expect.objectContaining({ versionNo: 2, authorName: 'Mikko Salonen', correctionReason: REASON, superseded: false }),
      expect.objectContaining({ versionNo: 1, authorName: 'Aino Lehtinen', signedByName: 'Aino Lehtinen', superseded: true }),
    ])

    // Every step wrote its audit row in the task's data group, with the client's id and nothing else.
    const rows = (await auditSince(start)).filter((r) => r.event.startsWith('journal:'))
    const successes = rows.filter((r) => r.outcome === 'success')
    expect(new Set(successes.map((r) => `${r.event} ${r.action}`))).toEqual(
      new Set(['journal:write insert', 'journal:sign update', 'journal:correct insert', 'journal:read view']),
    )
    for (const r of rows) {
      expect(r.data_group).toBe('adult_social_work/entry')
      expect(r.client_ids).toEqual([personId])
    }
    // Refused edits and stale writes roll back their transaction: no success row is written for them.
    expect(successes.filter((r) => r.event === 'journal:write')).toHaveLength(2)
  })

  it('the database refuses to change or delete a signed row, whatever the application does', async () => {
    const res = await worker.post(journal(), { type: 'phone_call', eventDate: today(), text: 'Puhelu asiakkaalle.' })
    const { entryId, versions } = await res.json()
    const signed = await (await worker.post(`${journal()}/entries/${entryId}/sign`, { version: versions[0].version })).json()
    const id = signed.versions[0].id
    const attempts = [
      sql`UPDATE journal_entry SET body = 'Väärennetty' WHERE id = ${id}`,
      sql`UPDATE journal_entry SET status = 'draft', signed_by = NULL, signed_at = NULL WHERE id = ${id}`,
      sql`UPDATE journal_entry SET updated_at = now() WHERE id = ${id}`,
      sql`DELETE FROM journal_entry WHERE id = ${id}`,
      sql`TRUNCATE journal_entry CASCADE`,
    ]
    for (const q of attempts) await expect(q.execute(db())).rejects.toThrow(/immutable|TRUNCATE refused/)
    const after = await db().selectFrom('journal_entry').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
    expect(after).toMatchObject({ body: 'Puhelu asiakkaalle.', status: 'signed' })

    // A draft may be changed and deleted; its identity may not move, and only its author signs it.
    const d = await (await worker.post(journal(), { type: 'other', eventDate: today(), text: 'Luonnos' })).json()
    const draftId = d.versions[0].id
    await expect(sql`UPDATE journal_entry SET person_id = gen_random_uuid() WHERE id = ${draftId}`.execute(db())).rejects.toThrow(/identity|foreign key/)
    const other = await userId('sosiaaliohjaaja')
    await expect(sql`UPDATE journal_entry SET status = 'signed', signed_by = ${other}, signed_at = now() WHERE id = ${draftId}`.execute(db())).rejects.toThrow(/only the author/)
    // A correction must point at a signed version of the same client and task.
    await expect(
      sql`INSERT INTO journal_entry (previous_id, person_id, service_task, type, event_date, body, status, author_id, signed_by, signed_at, correction_reason)
          VALUES (${draftId}, ${personId}, 'adult_social_work', 'other', ${today()}, 'x', 'signed', ${other}, ${other}, now(), 'Korjauksen syy')`.execute(db()),
    ).rejects.toThrow(/only a signed version/)
    expect((await worker.request('DELETE', `${journal()}/entries/${d.entryId}`)).status).toBe(204)
    expect(await db().selectFrom('journal_entry').select('id').where('id', '=', draftId).executeTakeFirst()).toBeUndefined()
  })

  it('a draft is visible only to its author, and only they can edit, sign or delete it', async () => {
    const d = await (await worker.post(journal(), { type: 'home_visit', eventDate: today(), text: 'Keskeneräinen kotikäyntikirjaus' })).json()
    const entry = `${journal()}/entries/${d.entryId}`
    const list = await (await counsellor.get(journal())).json()
    expect(list.entries.some((e: { entryId: string }) => e.entryId === d.entryId)).toBe(false)
    expect((await counsellor.get(entry)).status).toBe(404)
    expect((await counsellor.request('PUT', entry, { type: 'home_visit', eventDate: today(), text: 'Toisen muutos', version: 1 })).status).toBe(404)
    expect((await counsellor.post(`${entry}/sign`, { version: 1 })).status).toBe(404)
    expect((await counsellor.request('DELETE', entry)).status).toBe(404)
    expect((await counsellor.post(`${entry}/corrections`, { type: 'home_visit', eventDate: today(), text: 'x', basedOn: d.versions[0].id, reason: REASON })).status).toBe(404)
    // The supervisor (who supervises adult social work) does not see the draft either.
    const sup = await (await supervisor.get(journal())).json()
    expect(sup.entries.some((e: { entryId: string }) => e.entryId === d.entryId)).toBe(false)
    const mine = await (await worker.get(journal())).json()
    expect(mine.entries.find((e: { entryId: string }) => e.entryId === d.entryId)).toMatchObject({ state: 'draft' })
    expect((await worker.request('DELETE', entry)).status).toBe(204)
    expect((await worker.get(entry)).status).toBe(404)
  })

  it('separates service tasks: a relationship in adult social work opens no child welfare entries', async () => {
    const res = await supervisor.post(journal('child_welfare'), { type: 'negotiation', eventDate: today(), text: 'Lastensuojelun neuvottelu.' })
    expect(res.status).toBe(201)
    const { entryId, versions } = await res.json()
    expect((await supervisor.post(`${journal('child_welfare')}/entries/${entryId}/sign`, { version: versions[0].version })).status).toBe(200)

    const before = await maxAuditId()
    // The social worker has a child welfare grant but no relationship in that task: as if the client did not exist.
    expect((await worker.get(journal('child_welfare'))).status).toBe(404)
    expect((await worker.get(`${journal('child_welfare')}/entries/${entryId}`)).status).toBe(404)
    expect((await worker.get(`${journal('child_welfare')}/print`)).status).toBe(404)
    expect((await worker.post(journal('child_welfare'), { type: 'other', eventDate: today(), text: 'x' })).status).toBe(404)
    // Asking for the child welfare entry through the adult social work journal finds nothing either.
    expect((await worker.get(`${journal()}/entries/${entryId}`)).status).toBe(404)
    const list = await (await worker.get(journal())).json()
    expect(list.entries.some((e: { entryId: string }) => e.entryId === entryId)).toBe(false)
    const denied = (await auditSince(before)).filter((r) => r.outcome === 'denied')
    expect(denied.length).toBe(4)
    expect(denied.every((r) => r.data_group === 'child_welfare/entry' && r.client_ids.includes(personId))).toBe(true)
    // A service task that does not exist is refused the same way.
    expect((await worker.get(journal('no_such_task'))).status).toBe(404)
  })

  it('validates fields with messages in the user\'s language', async () => {
    const sv = new Client(t.url, 'sv')
    await sv.login('sosiaalityontekija')
    const res = await sv.post(journal(), {
      type: 'meeting',
      eventDate: '2999-01-01',
      staffParticipants: ['00000000-0000-4000-8000-000000000000'],
      otherParticipants: ['  '],
      text: '   ',
    })
    expect(res.status).toBe(400)
    expect((await res.json()).errors).toEqual([
      { field: 'body.eventDate', code: 'journal.eventDate.future', message: 'Händelsedatumet kan inte vara i framtiden.' },
      { field: 'body.text', code: 'journal.text.blank', message: 'Skriv anteckningens text.' },
      { field: 'body.staffParticipants.0', code: 'journal.participants.unknown', message: 'Den valda arbetstagaren som deltagare hittades inte.' },
      { field: 'body.otherParticipants.0', code: 'journal.participants.blank', message: 'En annan deltagares namn eller beskrivning kan inte vara tom.' },
    ])
    const en = new Client(t.url, 'en')
    await en.login('sosiaalityontekija')
    const bad = await (await en.post(journal(), { type: 'visit', eventDate: 'eilen', text: 'x' })).json()
    expect(new Set(bad.errors.map((e: { field: string }) => e.field))).toEqual(new Set(['body.eventDate', 'body.type']))
  })

  it('pages the list newest first with a keyset cursor', async () => {
    const c = new Client(t.url)
    await c.login('sosiaaliohjaaja')
    const dates = ['2026-01-05', '2026-01-04', '2026-01-03']
    for (const eventDate of dates) {
      const d = await (await c.post(journal(), { type: 'other', eventDate, text: `Merkintä ${eventDate}` })).json()
      expect((await c.post(`${journal()}/entries/${d.entryId}/sign`, { version: 1 })).status).toBe(200)
    }
    const all = await (await c.get(`${journal()}?limit=100`)).json()
    const order = all.entries.map((e: { current: { eventDate: string } }) => e.current.eventDate)
    expect([...order].sort().reverse()).toEqual(order)
    const seen: string[] = []
    let cursor: string | null = null
    do {
      const page: { entries: { entryId: string }[]; nextCursor: string | null } = await (await c.get(`${journal()}?limit=2${cursor ? `&cursor=${cursor}` : ''}`)).json()
      expect(page.entries.length).toBeLessThanOrEqual(2)
      seen.push(...page.entries.map((e) => e.entryId))
      cursor = page.nextCursor
    } while (cursor)
    expect(seen).toEqual(all.entries.map((e: { entryId: string }) => e.entryId))
  })

  it('prints the journal to PDF without any address, in Finnish or Swedish, as an audited print', async () => {
    const before = await maxAuditId()
    const res = await worker.get(`${journal()}/print?lang=fi`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('application/pdf')
    const text = await pdfText(Buffer.from(await res.arrayBuffer()))
    expect(text).toContain('Asiakaskertomus')
    expect(text).toContain('Oskari Ilmari Kertomus')
    expect(text).toContain('Aikuisten sosiaalityö')
    expect(text).toContain(CORRECTED.replace(/\s+/g, ' '))
    expect(text).toContain(EDITED.replace(/\s+/g, ' ')) // the corrected version stays readable in print too
    expect(text).toContain(REASON)
    expect(text).toContain('Mikko Salonen')
    expect(text).toContain('Aino Lehtinen')
    expect(text).not.toContain('Salainenkuja')
    expect(text).not.toContain('00990')
    expect(text).not.toContain('Lastensuojelun neuvottelu') // another task's entry
    expect(text).not.toContain('Keskeneräinen') // drafts are not printed
    const rows = (await auditSince(before)).filter((r) => r.event === 'journal:print')
    expect(rows).toEqual([expect.objectContaining({ action: 'print', outcome: 'success', data_group: 'adult_social_work/entry', client_ids: [personId], user_id: await userId('sosiaalityontekija') })])

    const sv = await worker.get(`${journal()}/print?lang=sv`)
    const svText = await pdfText(Buffer.from(await sv.arrayBuffer()))
    expect(svText).toContain('Klientberättelse')
    expect(svText).toContain('Socialt arbete för vuxna')
    expect(svText).toContain('Oskari Ilmari Kertomus')
    expect((await worker.get(`${journal()}/print?lang=de`)).status).toBe(400)
  })
})

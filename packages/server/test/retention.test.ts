import { createHash, randomUUID } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { addDays, localDate, todayInHelsinki } from '@huoma/domain'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { REGISTER_RECORDS } from '../src/catalogue'
import { databaseKinds } from './helpers/databases'
import { Client, startTestServer, type TestServer } from './helpers/server'

/**
 * Retention and destruction over HTTP (issue 13, items 4 and 5): the retention table kept by the main user
 * (effective-dated rows with their legal source, optimistic locking); a client's retention recomputed when the facts
 * change (a matter closed, a new one opened, a death registered), the permanent sample and legal holds; a destruction
 * list proposed by due date, an item removed with its reason, approval by another than the proposer, refusals of a
 * held or not-yet-due client, and execution: the client's rows, attachments and search entry gone, 410 with the
 * destruction record's number to those who may read the records, the audit log and the record kept.
 */
const kinds = await databaseKinds()

interface Problem {
  status: number
  type?: string
  destructionRecord?: number
  errors?: { field: string; code: string; message: string }[]
}
interface Rule {
  id: string
  retentionClass: string
  trigger: string
  years: number
  validFrom: string
  validUntil: string | null
  legalSource: string
  archiveOrdered: boolean
  version: number
}
interface Retention {
  registers: { register: string; retentionClass: string; status: string; destroyAfter: string | null; permanentReason: string | null; waitingFor: string | null; fallback: boolean; destroyed: { recordNumber: number; destroyedAt: string } | null }[]
  holds: { id: string; serviceTask: string | null; kind: string; liftedAt: string | null; version: number }[]
}
interface ListDetail {
  list: { id: string; number: number; state: string; version: number; listed: number; removed: number; destroyed: number }
  items: { id: string; personId: string; scope: string; label: string | null; registers: string[]; destroyAfter: string; basis: string; state: string; removedReason: string | null; recordNumber: number | null }[]
}

describe.each(kinds)('retention and destruction on %s', (kind) => {
  let t: TestServer
  let sec: Client
  let worker: Client
  let main: Client
  let dpo: Client
  let archivist: Client
  const today = localDate(todayInHelsinki(new Date()))
  const TASK = 'adult_social_work'
  const db = () => t.server.database.db
  const userId = async (username: string) => (await db().selectFrom('staff_user').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id
  const errors = async (res: Response) => ((await res.json()) as Problem).errors ?? []

  /** A client of the social worker in adult social work (temporary identity), born on a day outside the sample. */
  async function newClient(lastName: string, birthDate = '1940-05-05'): Promise<{ id: string; temporaryId: string; relationshipId: string }> {
    const res = await sec.post('/api/persons', { firstNames: 'Testi', lastName, birthDate })
    expect(res.status).toBe(201)
    const { id } = (await res.json()) as { id: string }
    expect((await sec.post(`/api/persons/${id}/relationships`, { serviceTask: TASK, userId: await userId('sosiaalityontekija'), kind: 'responsible', startReason: 'other' })).status).toBe(201)
    const p = await db().selectFrom('person').select('temporary_id').where('id', '=', id).executeTakeFirstOrThrow()
    const r = await db().selectFrom('client_relationship').select('id').where('person_id', '=', id).executeTakeFirstOrThrow()
    return { id, temporaryId: p.temporary_id!, relationshipId: r.id }
  }

  /** The facts of a client long gone: the matter closed in 2001, the client died in 2003 (what the register sync writes). */
  async function makeDue(id: string) {
    await db().updateTable('client_relationship').set({ start_date: '1999-01-01', end_date: '2001-06-30', end_reason: 'needs_met' }).where('person_id', '=', id).execute()
    await db().updateTable('person').set({ death_date: '2003-02-01' }).where('id', '=', id).execute()
  }

  const retention = async (c: Client, id: string) => {
    const res = await c.get(`/api/persons/${id}/retention`)
    expect(res.status).toBe(200)
    return (await res.json()) as Retention
  }
  const register = (r: Retention, name: string) => r.registers.find((x) => x.register === name)!

  beforeAll(async () => {
    t = await startTestServer(kind)
    sec = new Client(t.url)
    await sec.login('toimistosihteeri')
    worker = new Client(t.url)
    await worker.login('sosiaalityontekija')
    main = new Client(t.url)
    await main.login('paakayttaja')
    dpo = new Client(t.url)
    await dpo.login('tietosuojavastaava')
    archivist = new Client(t.url)
    await archivist.login('arkistonhoitaja')
  })
  afterAll(async () => t?.stop())

  it('keeps the retention table as effective-dated parameters edited by the main user, with the legal source', async () => {
    let res = await main.get('/api/retention/rules')
    expect(res.status).toBe(200)
    let rules = ((await res.json()) as { rules: Rule[] }).rules
    expect(rules).toHaveLength(12)
    const basic = rules.find((r) => r.retentionClass === 'client_basic')!
    expect(basic).toMatchObject({ trigger: 'death', years: 2, validFrom: '2024-01-01', validUntil: null })
    expect(basic.legalSource).toContain('703/2023')
    expect((await archivist.get('/api/retention/rules')).status).toBe(200)
    expect((await worker.get('/api/retention/rules')).status).toBe(403)
    expect((await archivist.request('PUT', `/api/retention/rules/${basic.id}`, { years: 3, legalSource: 'x 703/2023', archiveOrdered: false, validUntil: null, version: basic.version })).status).toBe(403)

    // a change at the version shown; a stale version answers 409
    const vouchers = rules.find((r) => r.retentionClass === 'vouchers')!
    res = await main.request('PUT', `/api/retention/rules/${vouchers.id}`, { years: 4, legalSource: vouchers.legalSource, archiveOrdered: false, validUntil: null, version: vouchers.version })
    expect(res.status).toBe(200)
    expect(((await res.json()) as { rules: Rule[] }).rules.find((r) => r.id === vouchers.id)).toMatchObject({ years: 4, version: vouchers.version + 1 })
    expect((await main.request('PUT', `/api/retention/rules/${vouchers.id}`, { years: 5, legalSource: vouchers.legalSource, archiveOrdered: false, validUntil: null, version: vouchers.version })).status).toBe(409)

    // a new row from a day ends the one in force the day before; a row before it is refused with a field message
    res = await main.post('/api/retention/rules', { retentionClass: 'vouchers', trigger: 'document', years: 6, validFrom: '2030-01-01', legalSource: 'Laki 999/2029 (testi)', archiveOrdered: false })
    expect(res.status).toBe(201)
    rules = ((await res.json()) as { rules: Rule[] }).rules.filter((r) => r.retentionClass === 'vouchers')
    expect(rules.map((r) => [r.validFrom, r.validUntil, r.years])).toEqual([
      ['2024-01-01', '2029-12-31', 4],
      ['2030-01-01', null, 6],
    ])
    res = await main.post('/api/retention/rules', { retentionClass: 'vouchers', trigger: 'document', years: 6, validFrom: '2029-01-01', legalSource: 'Laki 999/2029 (testi)', archiveOrdered: false })
    expect(res.status).toBe(400)
    expect((await errors(res))[0]).toMatchObject({ field: 'validFrom', code: 'retention.valid_from' })
    const history = await db().selectFrom('retention_rule_history').select('rule_id').execute()
    expect(history.length).toBe(3)
    const audit = await db().selectFrom('audit_log').select('event').where('event', 'in', ['retention:rule-changed', 'retention:rule-added']).execute()
    expect(audit.map((a) => a.event).sort()).toEqual(['retention:rule-added', 'retention:rule-changed'])
  })

  it('recomputes a client\'s destroy-after dates when a matter closes, a new one opens and a death is registered', async () => {
    const { id, relationshipId } = await newClient('Säilytys')
    let r = await retention(worker, id)
    expect(register(r, 'client')).toMatchObject({ retentionClass: 'client_basic', status: 'running', waitingFor: 'death' })
    expect(register(r, TASK)).toMatchObject({ retentionClass: 'working_age', status: 'running', waitingFor: 'closing' })

    // the matter closes: 10 years from the closing
    expect((await sec.post(`/api/persons/${id}/relationships/${relationshipId}/end`, { endReason: 'needs_met' })).status).toBe(200)
    r = await retention(worker, id)
    const end = (await db().selectFrom('client_relationship').select('end_date').where('id', '=', relationshipId).executeTakeFirstOrThrow()).end_date as unknown as string
    const closed = typeof end === 'string' ? end.slice(0, 10) : new Date(end).toISOString().slice(0, 10)
    expect(register(r, TASK)).toMatchObject({ status: 'until', destroyAfter: `${Number(closed.slice(0, 4)) + 10}${closed.slice(4)}` })

    // a new matter opens: the period has not started
    expect((await sec.post(`/api/persons/${id}/relationships`, { serviceTask: TASK, userId: await userId('sosiaalityontekija'), kind: 'responsible', startReason: 'other' })).status).toBe(201)
    r = await retention(worker, id)
    expect(register(r, TASK)).toMatchObject({ status: 'running', waitingFor: 'closing' })

    // the register reports the death: 2 years from it
    await db().updateTable('person').set({ death_date: '2025-03-10' }).where('id', '=', id).execute()
    r = await retention(worker, id)
    expect(register(r, 'client')).toMatchObject({ status: 'until', destroyAfter: '2027-03-10', fallback: false })

    // a worker without a relationship to the client gets 404
    const other = new Client(t.url)
    await other.login('etuuskasittelija')
    expect((await other.get(`/api/persons/${id}/retention`)).status).toBe(404)
  })

  it('marks the permanent sample (born on the 8th, 18th or 28th) permanent', async () => {
    const { id } = await newClient('Otos', '1950-03-18')
    const r = await retention(worker, id)
    expect(r.registers.every((x) => x.status === 'permanent' && x.permanentReason === 'sample')).toBe(true)
  })

  it('proposes, reviews, approves and executes a destruction list; refuses the held, the not yet due and one\'s own proposal', async () => {
    const gone = await newClient('Hävitettävä')
    const held = await newClient('Pidossa')
    const reopened = await newClient('Uusiasia')
    const removed = await newClient('Poistettava')
    for (const c of [gone, held, reopened, removed]) await makeDue(c.id)
    // the client's records: a signed journal entry and an attachment
    await db().updateTable('client_relationship').set({ end_date: null, end_reason: null }).where('person_id', '=', gone.id).execute()
    const base = `/api/persons/${gone.id}/journal/${TASK}`
    const draft = (await (await worker.post(base, { type: 'meeting', eventDate: '2001-01-02', text: 'Tapaaminen, jonka säilytysaika päättyy.' })).json()) as { entryId: string; versions: { version: number }[] }
    expect((await worker.post(`${base}/entries/${draft.entryId}/sign`, { version: draft.versions[0]!.version })).status).toBe(200)
    await db()
      .insertInto('attachment')
      .values({ person_id: gone.id, service_task: TASK, file_name: 'liite.txt', content_type: 'text/plain', document_type: 'other', size_bytes: 5, sha256: createHash('sha256').update('liite').digest(), storage: 'database', content: Buffer.from('liite'), uploaded_by: await userId('sosiaalityontekija') })
      .execute()
    await db().updateTable('client_relationship').set({ end_date: '2001-06-30', end_reason: 'needs_met' }).where('person_id', '=', gone.id).execute()

    // nobody but the archive and data protection officers proposes
    expect((await worker.post('/api/retention/destruction-lists')).status).toBe(403)
    expect((await main.post('/api/retention/destruction-lists')).status).toBe(403)
    let res = await dpo.post('/api/retention/destruction-lists')
    expect(res.status).toBe(201)
    let detail = (await res.json()) as ListDetail
    const mine = [gone, held, reopened, removed].map((c) => c.id)
    expect(detail.items.map((i) => i.personId)).toEqual(expect.arrayContaining(mine))
    const itemOf = (id: string) => detail.items.find((i) => i.personId === id)!
    expect(itemOf(gone.id)).toMatchObject({ label: 'Hävitettävä, Testi', registers: ['adult_social_work', 'client'], destroyAfter: '2011-06-30', state: 'listed' })
    expect(itemOf(gone.id).basis).toContain('703/2023')
    // a second proposal finds nobody new
    expect((await dpo.post('/api/retention/destruction-lists')).status).toBe(204)
    // other clients due in the demo data are not this test's: take them off
    const list = detail.list
    let version = list.version
    for (const item of detail.items.filter((i) => !mine.includes(i.personId))) {
      res = await archivist.post(`/api/retention/destruction-lists/${list.id}/items/${item.id}/remove`, { reason: 'Ei tämän testin asiakas', version })
      expect(res.status).toBe(200)
      version = ((await res.json()) as ListDetail).list.version
    }

    // the facts change after the proposal: a hold is placed, a new matter opens
    res = await sec.post(`/api/persons/${held.id}/retention/holds`, { serviceTask: null, kind: 'complaint', reason: 'Kantelu aluehallintovirastossa' })
    expect(res.status).toBe(201)
    expect(((await res.json()) as Retention).registers.every((x) => x.status === 'held')).toBe(true)
    expect((await sec.post(`/api/persons/${reopened.id}/relationships`, { serviceTask: TASK, userId: await userId('sosiaalityontekija'), kind: 'responsible', startReason: 'other' })).status).toBe(201)

    // the proposer cannot approve; approval refuses the held and the not yet due, naming each
    res = await archivist.post(`/api/retention/destruction-lists/${list.id}/approve`, { version })
    expect(res.status).toBe(409)
    const issues = await errors(res)
    expect(issues).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: `items.${itemOf(held.id).id}`, code: 'destruction.held' }),
        expect.objectContaining({ field: `items.${itemOf(reopened.id).id}`, code: 'destruction.not_due' }),
      ]),
    )
    expect(issues.find((i) => i.code === 'destruction.held')!.message).toContain('pito')
    // executing an unapproved list is refused
    res = await archivist.post(`/api/retention/destruction-lists/${list.id}/execute`)
    expect(res.status).toBe(409)
    expect((await errors(res))[0]).toMatchObject({ code: 'destruction.not_approved' })
    for (const c of [held, reopened, removed]) {
      res = await archivist.post(`/api/retention/destruction-lists/${list.id}/items/${itemOf(c.id).id}/remove`, { reason: c === removed ? 'Arkistolaitos pyysi tarkistusta' : 'Ei hävitettävissä', version })
      expect(res.status).toBe(200)
      version = ((await res.json()) as ListDetail).list.version
    }
    expect((await archivist.post(`/api/retention/destruction-lists/${list.id}/items/${itemOf(removed.id).id}/remove`, { reason: 'Toiseen kertaan', version })).status).toBe(409)
    expect((await archivist.post(`/api/retention/destruction-lists/${list.id}/items/${itemOf(gone.id).id}/remove`, { reason: 'x', version })).status).toBe(400)

    // one's own proposal: refused
    const own = await newClient('Oma')
    await makeDue(own.id)
    res = await archivist.post('/api/retention/destruction-lists')
    expect(res.status).toBe(201)
    const ownList = ((await res.json()) as ListDetail).list
    res = await archivist.post(`/api/retention/destruction-lists/${ownList.id}/approve`, { version: ownList.version })
    expect(res.status).toBe(403)
    expect((await errors(res))[0]).toMatchObject({ field: 'list', code: 'destruction.own_proposal' })

    // approved by the archive officer (the proposal was the data protection officer's), then executed
    expect((await archivist.post(`/api/retention/destruction-lists/${list.id}/approve`, { version: version - 1 })).status).toBe(409)
    res = await archivist.post(`/api/retention/destruction-lists/${list.id}/approve`, { version })
    expect(res.status).toBe(200)
    expect(((await res.json()) as ListDetail).list.state).toBe('approved')
    const auditBefore = await db().selectFrom('audit_client').select('audit_id').where('client_id', '=', gone.id).execute()
    expect(auditBefore.length).toBeGreaterThan(0)
    // the name search's vocabulary: the client's own surname word, and a word the others share
    const [surnameWord, sharedWord] = (await db().selectFrom('person').select('search_name').where('id', '=', gone.id).executeTakeFirstOrThrow()).search_name.split(' ') as [string, string]
    const vocabulary = async (w: string) => (await db().selectFrom('person_name_word').select('word').where('word', '=', w).executeTakeFirst()) !== undefined
    expect(await vocabulary(surnameWord)).toBe(true)
    // a regular disclosure's kept file names the client by identity code, where no foreign key leads (and a quoted
    // name with a comma beside, which must come back as it was)
    const kela = await db().selectFrom('regular_disclosure').select('id').where('producer', '=', 'kela_income_support_decisions').executeTakeFirstOrThrow()
    const header = 'decision_number,decided_on,henkilotunnus,last_name,first_names,outcome,corrects_decision_number,period_start,period_end,granted_cents'
    const otherLine = '7,2001-03-02,010101-9876,"Muu, Toinen",Testi,granted,,2001-03-01,2001-03-31,12345'
    const sent = Buffer.from(`${header}\r\n5,2001-03-01,${gone.temporaryId},Hävitettävä,Testi,granted,,2001-03-01,2001-03-31,5000\r\n${otherLine}\r\n`)
    const run = await db()
      .insertInto('regular_disclosure_run')
      .values({ regular_disclosure_id: kela.id, producer: 'kela_income_support_decisions', period_start: '2001-03-01', period_end: '2001-03-02', trigger: 'job', run_by: null, included: 2, records: 2, left_out_restricted: 0, left_out_banned: 0, left_out_no_identity: 0, file_name: 'kela.csv', media_type: 'text/csv; charset=utf-8', file: sent, file_sha256: createHash('sha256').update(sent).digest('hex') })
      .returning('id')
      .executeTakeFirstOrThrow()
    await db()
      .insertInto('disclosure_log')
      .values({ person_id: gone.id, service_task: 'income_support', recipient: 'Kela', basis: 'other_act', what: 'toimeentulotukipäätökset', method: 'interface', disclosed_on: '2001-03-03', regular_run_id: run.id })
      .execute()
    res = await archivist.post(`/api/retention/destruction-lists/${list.id}/execute`)
    expect(res.status).toBe(200)
    detail = (await res.json()) as ListDetail
    expect(detail.list).toMatchObject({ state: 'done', listed: 0, destroyed: 1 })
    const destroyedItem = detail.items.find((i) => i.personId === gone.id)!
    expect(destroyedItem).toMatchObject({ state: 'destroyed', label: null })
    // the kept file lost the client's line, nothing else; its checksum and counts are of what is kept
    const kept = await db().selectFrom('regular_disclosure_run').select(['file', 'file_sha256', 'records', 'included', 'destroyed_rows']).where('id', '=', run.id).executeTakeFirstOrThrow()
    expect(kept.file.toString('utf8')).toBe(`${header}\r\n${otherLine}\r\n`)
    expect(kept).toMatchObject({ records: 1, included: 1, destroyed_rows: 1, file_sha256: createHash('sha256').update(kept.file).digest('hex') })
    expect(destroyedItem.recordNumber).toBeGreaterThan(0)

    // the client is gone: rows, attachment, journal, search; the others untouched
    expect(await db().selectFrom('person').select('id').where('id', '=', gone.id).executeTakeFirst()).toBeUndefined()
    expect(await db().selectFrom('journal_entry').select('id').where('person_id', '=', gone.id).execute()).toEqual([])
    expect(await db().selectFrom('attachment').select('id').where('person_id', '=', gone.id).execute()).toEqual([])
    expect(await db().selectFrom('client_relationship').select('id').where('person_id', '=', gone.id).execute()).toEqual([])
    expect(await db().selectFrom('person').select('id').where('id', '=', held.id).executeTakeFirst()).toBeDefined()
    res = await sec.get(`/api/persons?name=${encodeURIComponent('Hävitettävä')}`)
    expect(res.status).toBe(200)
    expect(JSON.stringify(await res.json())).not.toContain(gone.id)
    // no trace of the name in the typo vocabulary; the shared first name stays
    expect(await vocabulary(surnameWord)).toBe(false)
    expect(await vocabulary(sharedWord)).toBe(true)
    // 410 to whoever asks for the destroyed id; the record's number only to those who may read the records
    res = await worker.get(`/api/persons/${gone.id}/retention`)
    expect(res.status).toBe(410)
    const problem = (await res.json()) as Problem
    expect(problem.type).toBe('https://huoma.fi/problems/client-destroyed')
    expect(problem.destructionRecord).toBeUndefined()
    res = await sec.get(`/api/persons/${gone.id}`)
    expect(res.status).toBe(410)
    expect(((await res.json()) as Problem).destructionRecord).toBeUndefined()
    for (const officer of [dpo, archivist]) {
      res = await officer.get(`/api/persons/${gone.id}/retention`)
      expect(res.status).toBe(410)
      expect(((await res.json()) as Problem).destructionRecord).toBe(destroyedItem.recordNumber)
    }
    // a live client is not theirs to read
    expect((await archivist.get(`/api/persons/${held.id}/retention`)).status).toBe(404)

    // the destruction record stays: what, whose (pseudonymously), basis, approver, when; found by the identity
    res = await archivist.get(`/api/retention/destruction-records?identity=${encodeURIComponent(gone.temporaryId)}`)
    expect(res.status).toBe(200)
    const records = ((await res.json()) as { records: { number: number; subjectKey: string; registers: string[]; basis: string; approvedBy: string; proposedBy: string; counts: Record<string, number> }[] }).records
    expect(records).toHaveLength(1)
    expect(records[0]).toMatchObject({ number: destroyedItem.recordNumber, registers: ['adult_social_work', 'client'], approvedBy: 'Raili Saarinen', proposedBy: 'Maria Lindqvist' })
    expect(records[0]!.subjectKey).toMatch(/^[0-9a-f]{64}$/)
    expect(records[0]!.subjectKey).not.toContain(gone.temporaryId)
    expect(records[0]!.counts).toMatchObject({ person: 1, journal_entry: 1, attachment: 1, client_relationship: 1 })
    expect((await worker.get('/api/retention/destruction-records')).status).toBe(403)
    // the record is permanent, the audit log untouched
    await expect(db().deleteFrom('destruction_record').execute()).rejects.toThrow(/permanent/)
    const auditAfter = await db().selectFrom('audit_client').select('audit_id').where('client_id', '=', gone.id).execute()
    expect(auditAfter.length).toBeGreaterThan(auditBefore.length)
    const batchRow = await db().selectFrom('audit_log').select(['action', 'client_ids']).where('event', '=', 'retention:destroyed').orderBy('id', 'desc').executeTakeFirstOrThrow()
    expect(batchRow).toMatchObject({ action: 'delete', client_ids: [gone.id] })

    // signed entries are still immutable outside an executing list
    const signed = await db().selectFrom('journal_entry').select('id').where('status', '=', 'signed').executeTakeFirst()
    if (signed) await expect(db().deleteFrom('journal_entry').where('id', '=', signed.id).execute()).rejects.toThrow(/immutable/)
  })

  it('knows every table of client rows with a service task as a register\'s records, or as kept on purpose', async () => {
    // a table holding a client's rows per service task must be declared by its module (clientCopy of one table, or
    // registerRecords), else a register's destruction would leave its rows behind
    const { rows } = await sql<{ table: string }>`
      SELECT c.table_name AS table FROM information_schema.columns c
      JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name AND t.table_type = 'BASE TABLE'
      WHERE c.table_schema = 'public' AND c.column_name IN ('person_id', 'service_task')
      GROUP BY c.table_name HAVING count(*) = 2 ORDER BY 1`.execute(db())
    const declared = new Set(REGISTER_RECORDS.tables.map((x) => x.table))
    const kept = new Set(REGISTER_RECORDS.kept)
    // not records of the register: access (break-glass reasons, part of the access log), retention's own holds, a
    // minor's standing ban on disclosures to guardians
    const notRecords = new Set(['break_glass', 'retention_hold', 'minor_disclosure_ban'])
    const undeclared = rows.map((r) => r.table).filter((x) => !declared.has(x) && !kept.has(x) && !notRecords.has(x))
    expect(undeclared).toEqual([])
    expect(kept.has('disclosure_log')).toBe(true)
    expect([...declared]).toEqual(expect.arrayContaining(['journal_entry', 'attachment', 'decision', 'income_support_application', 'client_relationship', 'cw_matter', 'client_account']))
  })

  it('destroys a register that ran out while the client stays: income support gone, adult social work kept', async () => {
    const folder = t.config.attachments.folder
    fs.mkdirSync(folder, { recursive: true, mode: 0o700 })
    const workerId = await userId('sosiaalityontekija')
    // a client of adult social work today (the matter open), whose income support matter closed in 2001
    const c = await newClient('Rekisterinen', '1960-05-05')
    const whole = await newClient('Kokonainen')
    await makeDue(whole.id)
    const handler = new Client(t.url)
    await handler.login('etuuskasittelija')
    const etuu = (await db().selectFrom('unit').select('id').where('code', '=', 'ETUU').executeTakeFirstOrThrow()).id
    let res = await handler.post(`/api/persons/${c.id}/income-support/applications`, {
      unitId: etuu,
      channel: 'paper',
      receivedOn: today,
      urgent: false,
      periodStart: `${today.slice(0, 8)}01`,
      periodEnd: today,
      members: [{ personId: c.id, role: 'applicant' }],
      claims: { expenses: [], incomes: [], assets: [], supplementary: [{ type: 'furniture', amountCents: 12000 }], preventive: [{ purpose: 'Velkaneuvonnan matkakulut', amountCents: 3000 }] },
      takeIt: true,
    })
    expect(res.status).toBe(201)
    const applicationId = ((await res.json()) as { id: string }).id
    const appPath = `/api/persons/${c.id}/income-support/applications/${applicationId}`
    const version = ((await (await handler.get(appPath)).json()) as { version: number }).version
    res = await handler.post(`${appPath}/decisions`, {
      decidedOn: today,
      language: 'fi',
      reasons: 'Huonekalut ja matkakulut myönnetään haetun mukaisesti.',
      iban: 'FI2112345600000785',
      version,
      items: [
        { kind: 'supplementary', index: 0, outcome: 'granted', grantedCents: 12000, reason: 'Välttämätön meno.' },
        { kind: 'preventive', index: 0, outcome: 'granted', grantedCents: 3000, reason: 'Edistää omatoimista suoriutumista.', commitment: { providerKind: 'other', providerName: 'Demolan Liikenne Oy', validFrom: today, validUntil: today } },
      ],
    })
    expect(res.status).toBe(201)
    // signed journal entries and a file of the attachment folder in each register
    const files = new Map<string, string>()
    for (const task of ['income_support', TASK]) {
      await db()
        .insertInto('journal_entry')
        .values({ person_id: c.id, service_task: task, type: 'meeting', event_date: '2000-01-01', body: `Merkintä ${task}`, status: 'signed', author_id: workerId, signed_by: workerId, signed_at: new Date() })
        .execute()
      const key = randomUUID()
      fs.writeFileSync(path.join(folder, key), `liite ${task}`)
      files.set(task, key)
      await db()
        .insertInto('attachment')
        .values({ person_id: c.id, service_task: task, file_name: `${task}.txt`, content_type: 'text/plain', document_type: 'other', size_bytes: 10, sha256: createHash('sha256').update(task).digest(), storage: 'folder', storage_key: key, uploaded_by: workerId })
        .execute()
    }
    // the income support matter closed long ago: 10 years from closing ran out in 2011
    await db().updateTable('client_relationship').set({ start_date: '1999-01-01', end_date: '2001-06-30', end_reason: 'needs_met' }).where('person_id', '=', c.id).where('service_task', '=', 'income_support').execute()
    let r = await retention(worker, c.id)
    expect(register(r, 'income_support')).toMatchObject({ status: 'until', destroyAfter: '2011-06-30', destroyed: null })
    expect(register(r, TASK)).toMatchObject({ status: 'running' })
    const count = async (table: 'income_support_application' | 'decision' | 'payable' | 'payment_commitment' | 'deadline' | 'journal_entry' | 'attachment' | 'client_relationship', task?: string) =>
      (await db().selectFrom(table).select('person_id').where('person_id', '=', c.id).$if(task !== undefined, (q) => q.where(sql.ref('service_task'), '=', task)).execute()).length
    expect(await count('income_support_application')).toBe(1)
    expect(await count('decision', 'income_support')).toBe(1)
    expect(await count('payable', 'income_support')).toBeGreaterThan(0)
    expect(await count('payment_commitment', 'income_support')).toBe(1)
    expect(await count('deadline', 'income_support')).toBeGreaterThan(0)

    // the proposal lists the register alone for the client kept, and the whole client beside it
    res = await dpo.post('/api/retention/destruction-lists')
    expect(res.status).toBe(201)
    let detail = (await res.json()) as ListDetail
    const itemOf = (id: string) => detail.items.find((i) => i.personId === id)!
    expect(itemOf(c.id)).toMatchObject({ scope: 'registers', registers: ['income_support'], destroyAfter: '2011-06-30', state: 'listed' })
    expect(itemOf(whole.id)).toMatchObject({ scope: 'client', registers: ['adult_social_work', 'client'] })
    // listed once: a second proposal finds nothing new
    expect((await dpo.post('/api/retention/destruction-lists')).status).toBe(204)
    const list = detail.list
    let v = list.version
    for (const item of detail.items.filter((i) => i.personId !== c.id && i.personId !== whole.id)) {
      res = await archivist.post(`/api/retention/destruction-lists/${list.id}/items/${item.id}/remove`, { reason: 'Ei tämän testin asiakas', version: v })
      expect(res.status).toBe(200)
      v = ((await res.json()) as ListDetail).list.version
    }

    // a hold on the register placed before the approval: refused with its code, for that item only
    res = await sec.post(`/api/persons/${c.id}/retention/holds`, { serviceTask: 'income_support', kind: 'appeal', reason: 'Valitus hallinto-oikeudessa' })
    expect(res.status).toBe(201)
    const hold = ((await res.json()) as Retention).holds[0]!
    res = await archivist.post(`/api/retention/destruction-lists/${list.id}/approve`, { version: v })
    expect(res.status).toBe(409)
    expect(await errors(res)).toEqual([expect.objectContaining({ field: `items.${itemOf(c.id).id}`, code: 'destruction.held' })])
    expect((await sec.post(`/api/persons/${c.id}/retention/holds/${hold.id}/lift`, { version: hold.version })).status).toBe(200)
    // approving one's own proposal is refused
    expect((await dpo.post(`/api/retention/destruction-lists/${list.id}/approve`, { version: v })).status).toBe(403)
    res = await archivist.post(`/api/retention/destruction-lists/${list.id}/approve`, { version: v })
    expect(res.status).toBe(200)
    // the guards: inside the executing list a signed entry of the register on the list may go, one of the register
    // the client keeps may not (the list is set executing by hand here; the execution resumes it)
    await db().updateTable('destruction_list').set({ state: 'executing', started_at: new Date() }).where('id', '=', list.id).execute()
    const tryDelete = (task: string) =>
      db()
        .transaction()
        .execute(async (trx) => {
          await sql`SELECT set_config('huoma.destruction_list', ${list.id}, true)`.execute(trx)
          const n = await trx.deleteFrom('journal_entry').where('person_id', '=', c.id).where('service_task', '=', task).executeTakeFirst()
          expect(Number(n.numDeletedRows)).toBe(1)
          throw new Error('rolled back')
        })
    await expect(tryDelete('income_support')).rejects.toThrow('rolled back')
    await expect(tryDelete(TASK)).rejects.toThrow(/immutable/)
    // regular disclosures' kept files naming the client: one disclosed from income support, one from adult social
    // work; the disclosure log rows of both stay (their own retention), only the income support line goes
    const kela = await db().selectFrom('regular_disclosure').select('id').where('producer', '=', 'kela_income_support_decisions').executeTakeFirstOrThrow()
    const header = 'decision_number,decided_on,henkilotunnus,last_name,first_names,outcome,corrects_decision_number,period_start,period_end,granted_cents'
    const line = `9,2001-03-01,${c.temporaryId},Rekisterinen,Testi,granted,,2001-03-01,2001-03-31,5000`
    const runs: Record<string, string> = {}
    for (const [n, task] of ['income_support', TASK].entries()) {
      const file = Buffer.from(`${header}\r\n${line}\r\n`)
      runs[task] = (
        await db()
          .insertInto('regular_disclosure_run')
          .values({ regular_disclosure_id: kela.id, producer: 'kela_income_support_decisions', period_start: `2002-0${n + 1}-01`, period_end: `2002-0${n + 1}-02`, trigger: 'job', run_by: null, included: 1, records: 1, left_out_restricted: 0, left_out_banned: 0, left_out_no_identity: 0, file_name: 'kela.csv', media_type: 'text/csv; charset=utf-8', file, file_sha256: createHash('sha256').update(file).digest('hex') })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id
      await db()
        .insertInto('disclosure_log')
        .values({ person_id: c.id, service_task: task, recipient: 'Kela', basis: 'other_act', what: 'päätökset', method: 'interface', disclosed_on: '2001-03-03', regular_run_id: runs[task] })
        .execute()
    }
    res = await archivist.post(`/api/retention/destruction-lists/${list.id}/execute`)
    expect(res.status).toBe(200)
    detail = (await res.json()) as ListDetail
    expect(detail.list).toMatchObject({ state: 'done', listed: 0, destroyed: 2 })
    const keptFile = async (task: string) => (await db().selectFrom('regular_disclosure_run').select(['file', 'destroyed_rows']).where('id', '=', runs[task]!).executeTakeFirstOrThrow())
    expect(await keptFile('income_support')).toMatchObject({ destroyed_rows: 1 })
    expect((await keptFile('income_support')).file.toString('utf8')).toBe(`${header}\r\n`)
    expect(await keptFile(TASK)).toMatchObject({ destroyed_rows: 0 })
    expect((await keptFile(TASK)).file.toString('utf8')).toContain(line)
    expect((await db().selectFrom('disclosure_log').select('service_task').where('person_id', '=', c.id).execute()).map((d) => d.service_task).sort()).toEqual([TASK, 'income_support'].sort())
    expect(itemOf(c.id)).toMatchObject({ state: 'destroyed', scope: 'registers' })

    // the register's records are gone, with what hangs on them and the file; the client and the other register stay
    expect(await count('income_support_application')).toBe(0)
    expect(await db().selectFrom('income_support_member').select('application_id').where('application_id', '=', applicationId).execute()).toEqual([])
    expect(await count('decision', 'income_support')).toBe(0)
    expect(await count('payable', 'income_support')).toBe(0)
    expect(await count('payment_commitment', 'income_support')).toBe(0)
    expect(await count('deadline', 'income_support')).toBe(0)
    expect(await count('journal_entry', 'income_support')).toBe(0)
    expect(await count('attachment', 'income_support')).toBe(0)
    expect(await count('client_relationship', 'income_support')).toBe(0)
    expect(fs.existsSync(path.join(folder, files.get('income_support')!))).toBe(false)
    expect(await count('journal_entry', TASK)).toBe(1)
    expect(await count('attachment', TASK)).toBe(1)
    expect(await count('client_relationship', TASK)).toBe(1)
    expect(fs.existsSync(path.join(folder, files.get(TASK)!))).toBe(true)
    expect(await db().selectFrom('person').select('id').where('id', '=', c.id).executeTakeFirst()).toBeDefined()
    expect((await sec.get(`/api/persons/${c.id}`)).status).toBe(200)
    expect(await db().selectFrom('person').select('id').where('id', '=', whole.id).executeTakeFirst()).toBeUndefined()
    expect((await sec.get(`/api/persons/${whole.id}`)).status).toBe(410)

    // the record names the register; the card's retention shows it destroyed with the record's number
    const recordNumber = itemOf(c.id).recordNumber!
    expect(recordNumber).toBeGreaterThan(0)
    res = await archivist.get(`/api/retention/destruction-records?identity=${encodeURIComponent(c.temporaryId)}`)
    const records = ((await res.json()) as { records: { number: number; scope: string; registers: string[]; counts: Record<string, number> }[] }).records
    expect(records).toHaveLength(1)
    expect(records[0]).toMatchObject({ number: recordNumber, scope: 'registers', registers: ['income_support'] })
    expect(records[0]!.counts).toMatchObject({ income_support_application: 1, decision: 1, payment_commitment: 1, journal_entry: 1, attachment: 1, client_relationship: 1, files: 1 })
    expect(records[0]!.counts.person).toBeUndefined()
    r = await retention(worker, c.id)
    expect(register(r, 'income_support')).toMatchObject({ status: 'destroyed', destroyed: { recordNumber } })
    expect(register(r, TASK)).toMatchObject({ status: 'running', destroyed: null })
    expect(register(r, 'client')).toMatchObject({ status: 'running' })
    const batchRow = await db().selectFrom('audit_log').select('client_ids').where('event', '=', 'retention:destroyed').where('ref_id', '=', list.id).executeTakeFirstOrThrow()
    expect([...batchRow.client_ids!].sort()).toEqual([c.id, whole.id].sort())

    // destroyed and nothing since: not listed again; a new matter of the register starts its retention again
    res = await dpo.post('/api/retention/destruction-lists')
    if (res.status === 201) expect(((await res.json()) as ListDetail).items.map((i) => i.personId)).not.toContain(c.id)
    else expect(res.status).toBe(204)
    expect((await sec.post(`/api/persons/${c.id}/relationships`, { serviceTask: 'income_support', userId: await userId('etuuskasittelija'), kind: 'responsible', startReason: 'other' })).status).toBe(201)
    r = await retention(worker, c.id)
    expect(register(r, 'income_support')).toMatchObject({ status: 'running', waitingFor: 'closing', destroyed: { recordNumber } })
  })

  it('lifts a hold at the version shown, and the client becomes due again', async () => {
    const c = await newClient('Pidonpurku')
    await makeDue(c.id)
    let res = await sec.post(`/api/persons/${c.id}/retention/holds`, { serviceTask: TASK, kind: 'appeal', reason: 'Valitus hallinto-oikeudessa' })
    expect(res.status).toBe(201)
    let r = (await res.json()) as Retention
    expect(register(r, TASK).status).toBe('held')
    expect(register(r, 'client').status).toBe('until')
    res = await sec.post(`/api/persons/${c.id}/retention/holds`, { serviceTask: 'no_such_task', kind: 'appeal', reason: 'x' })
    expect(res.status).toBe(400)
    expect((await errors(res)).map((e) => e.code).sort()).toEqual(['retention.reason', 'retention.task'])
    const hold = r.holds[0]!
    expect((await sec.post(`/api/persons/${c.id}/retention/holds/${hold.id}/lift`, { version: hold.version + 1 })).status).toBe(409)
    res = await sec.post(`/api/persons/${c.id}/retention/holds/${hold.id}/lift`, { version: hold.version })
    expect(res.status).toBe(200)
    r = (await res.json()) as Retention
    expect(register(r, TASK)).toMatchObject({ status: 'until', destroyAfter: '2011-06-30' })
    expect(r.holds[0]!.liftedAt).not.toBeNull()
    expect((await sec.post(`/api/persons/${c.id}/retention/holds/${hold.id}/lift`, { version: hold.version + 1 })).status).toBe(409)
    // a worker whose relationship ended no longer reaches the client
    expect((await worker.get(`/api/persons/${c.id}/retention`)).status).toBe(404)
    expect(addDays(today, 0)).toBe(today)
  })
})

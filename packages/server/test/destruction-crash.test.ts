import { randomUUID, createHash } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { verifyAuditChain } from '../src/access/audit'
import { databaseKinds } from './helpers/databases'
import { runChild as runScript } from './helpers/kill-child'
import { Client, startTestServer, type TestServer } from './helpers/server'

/*
 * Issue 13, item 5, fault injection: kill -9 while a destruction list is executed. A batch is one transaction — the
 * re-check, every row of every client of the batch (journal entries, attachments, relationships, the person), the
 * destruction records, the items marked destroyed, the audit row — and a server killed anywhere in it must leave each
 * client wholly there or wholly destroyed with exactly one record; running the list again resumes with the rest and
 * destroys nothing twice. Files of the attachment folder are unlinked after their batch commits, and a run killed in
 * between leaves them to the next run. The list mixes whole clients with items of one register (every third client
 * lives on with an open income support matter, only their adult social work ran out): such a client keeps the
 * person and the income support records, and loses the adult social work records wholly or not at all.
 */

const CHILD = path.join(import.meta.dirname, 'helpers/destruction-crash-child.ts')
const runChild = (args: string[], killAfterMs?: number) => runScript(CHILD, args, killAfterMs, /^batch /m)
const hasPostgres = (await databaseKinds()).includes('postgresql')
const CLIENTS = 240
const BATCH = 8
const ENTRIES = 3
/** every third client: only the adult social work register is due (alive, an open income support matter) */
const isRegisterClient = (i: number) => i % 3 === 0

describe.skipIf(!hasPostgres)('destruction survives kill -9 (PostgreSQL)', () => {
  let t: TestServer
  const db = () => t.server.database.db
  let listId: string
  const mine = new Set<string>()
  const registerClients = new Set<string>()
  const files = new Map<string, string>()
  let folder: string

  beforeAll(async () => {
    t = await startTestServer('postgresql')
    folder = t.config.attachments.folder
    fs.mkdirSync(folder, { recursive: true, mode: 0o700 })
    const worker = (await db().selectFrom('staff_user').select('id').where('username', '=', 'sosiaalityontekija').executeTakeFirstOrThrow()).id
    // clients long gone: the matter closed in 2001, died in 2003; each with signed journal entries and a file
    const persons = await sql<{ id: string }>`
      INSERT INTO person (temporary_id, first_names, last_name, search_name, birth_date, death_date)
      SELECT '1.2.246.10.99.crash.' || i, 'Kaatuva', 'Asiakas' || i, 'asiakas' || i || ' kaatuva', '1930-01-05', '2003-02-01'
      FROM generate_series(1, ${CLIENTS}) i RETURNING id`.execute(db())
    for (const p of persons.rows) mine.add(p.id)
    const ids = [...mine]
    for (const [i, id] of ids.entries()) if (isRegisterClient(i)) registerClients.add(id)
    const living = [...registerClients]
    await db().updateTable('person').set({ death_date: null }).where('id', 'in', living).execute()
    await sql`
      INSERT INTO client_relationship (person_id, user_id, service_task, kind, start_date, end_date, start_reason, end_reason)
      SELECT id, ${worker}, 'adult_social_work', 'responsible', '1999-01-01', '2001-06-30', 'other', 'needs_met' FROM unnest(${ids}::uuid[]) id`.execute(db())
    await sql`
      INSERT INTO journal_entry (person_id, service_task, type, event_date, body, status, author_id, signed_by, signed_at)
      SELECT id, 'adult_social_work', 'meeting', '2000-01-01', 'Tapaaminen ' || n, 'signed', ${worker}, ${worker}, now()
      FROM unnest(${ids}::uuid[]) id, generate_series(1, ${ENTRIES}) n`.execute(db())
    // the register kept: an open income support matter with a signed entry
    await sql`
      INSERT INTO client_relationship (person_id, user_id, service_task, kind, start_date, start_reason)
      SELECT id, ${worker}, 'income_support', 'responsible', '2020-01-01', 'other' FROM unnest(${living}::uuid[]) id`.execute(db())
    await sql`
      INSERT INTO journal_entry (person_id, service_task, type, event_date, body, status, author_id, signed_by, signed_at)
      SELECT id, 'income_support', 'meeting', '2020-01-02', 'Toimeentulotuki', 'signed', ${worker}, ${worker}, now()
      FROM unnest(${living}::uuid[]) id`.execute(db())
    for (const id of ids) {
      const key = randomUUID()
      fs.writeFileSync(path.join(folder, key), `liite ${id}`)
      files.set(id, key)
    }
    await db()
      .insertInto('attachment')
      .values(ids.map((id) => ({ person_id: id, service_task: 'adult_social_work', file_name: 'liite.txt', content_type: 'text/plain' as const, document_type: 'other' as const, size_bytes: 10, sha256: createHash('sha256').update(id).digest(), storage: 'folder' as const, storage_key: files.get(id)!, uploaded_by: worker })))
      .execute()
    // proposed by the data protection officer, the demo's other due clients taken off, approved by the archive officer
    const dpo = new Client(t.url)
    await dpo.login('tietosuojavastaava')
    const proposed = await dpo.post('/api/retention/destruction-lists')
    expect(proposed.status).toBe(201)
    const detail = (await proposed.json()) as { list: { id: string; version: number }; items: { id: string; personId: string }[] }
    listId = detail.list.id
    await db().updateTable('destruction_item').set({ state: 'removed', removed_by: worker, removed_at: new Date(), removed_reason: 'Ei tämän testin asiakas' }).where('list_id', '=', listId).where('person_id', 'not in', ids).execute()
    expect(Number((await db().selectFrom('destruction_item').select((eb) => eb.fn.countAll().as('n')).where('list_id', '=', listId).where('state', '=', 'listed').executeTakeFirstOrThrow()).n)).toBe(CLIENTS)
    const scopes = await db().selectFrom('destruction_item').select(['person_id', 'scope', 'registers']).where('list_id', '=', listId).where('state', '=', 'listed').execute()
    for (const item of scopes) {
      if (registerClients.has(item.person_id)) expect(item).toMatchObject({ scope: 'registers', registers: ['adult_social_work'] })
      else expect(item).toMatchObject({ scope: 'client', registers: ['adult_social_work', 'client'] })
    }
    const archivist = new Client(t.url)
    await archivist.login('arkistonhoitaja')
    expect((await archivist.post(`/api/retention/destruction-lists/${listId}/approve`, { version: detail.list.version })).status).toBe(200)
  }, 180_000)
  afterAll(async () => t?.stop())

  /** Each client wholly there or wholly destroyed with one record; returns how many are destroyed. */
  async function checkConsistent(): Promise<number> {
    const ids = [...mine]
    const items = await db().selectFrom('destruction_item').select(['id', 'person_id', 'state', 'pending_files']).where('list_id', '=', listId).where('person_id', 'in', ids).execute()
    const persons = new Set((await db().selectFrom('person').select('id').where('id', 'in', ids).execute()).map((p) => p.id))
    const entries = await sql<{ person_id: string; n: number }>`
      SELECT person_id, count(*)::int AS n FROM journal_entry WHERE person_id = ANY(${ids}::uuid[]) AND service_task = 'adult_social_work' GROUP BY person_id`.execute(db())
    const entryCount = new Map(entries.rows.map((r) => [r.person_id, r.n]))
    const attachments = new Set((await db().selectFrom('attachment').select('person_id').where('person_id', 'in', ids).execute()).map((a) => a.person_id))
    const relationships = new Set((await db().selectFrom('client_relationship').select('person_id').where('person_id', 'in', ids).where('service_task', '=', 'adult_social_work').execute()).map((a) => a.person_id))
    // the register kept, of the clients who stay: always whole
    const keptEntries = await sql<{ n: number }>`SELECT count(*)::int AS n FROM journal_entry WHERE person_id = ANY(${[...registerClients]}::uuid[]) AND service_task = 'income_support'`.execute(db())
    expect(keptEntries.rows[0]!.n).toBe(registerClients.size)
    const keptRelationships = await db().selectFrom('client_relationship').select('person_id').where('person_id', 'in', [...registerClients]).where('service_task', '=', 'income_support').execute()
    expect(keptRelationships.length).toBe(registerClients.size)
    const records = await sql<{ item_id: string; n: number }>`SELECT item_id, count(*)::int AS n FROM destruction_record WHERE list_id = ${listId} GROUP BY item_id`.execute(db())
    const recordCount = new Map(records.rows.map((r) => [r.item_id, r.n]))
    let destroyed = 0
    for (const item of items) {
      const file = path.join(folder, files.get(item.person_id)!)
      if (item.state === 'destroyed') {
        destroyed++
        expect(entryCount.has(item.person_id) || attachments.has(item.person_id) || relationships.has(item.person_id), `half destroyed ${item.person_id}`).toBe(false)
        // the client of a register item stays; a whole one is gone
        expect(persons.has(item.person_id), `person ${item.person_id}`).toBe(registerClients.has(item.person_id))
        expect(recordCount.get(item.id)).toBe(1)
        // the file goes after its batch commits: while it is still there, the item says so
        if (fs.existsSync(file)) expect(item.pending_files).toEqual([files.get(item.person_id)])
      } else {
        expect(item.state).toBe('listed')
        expect(persons.has(item.person_id) && entryCount.get(item.person_id) === ENTRIES && attachments.has(item.person_id) && relationships.has(item.person_id), `half destroyed ${item.person_id}`).toBe(true)
        expect(recordCount.has(item.id)).toBe(false)
        expect(fs.existsSync(file)).toBe(true)
      }
    }
    // every client destroyed is named by exactly one batch's audit row, and the chain holds
    const audited = await sql<{ client: string; n: number }>`
      SELECT c AS client, count(*)::int AS n FROM audit_log, unnest(client_ids) c WHERE event = 'retention:destroyed' AND ref_id = ${listId}::uuid GROUP BY c`.execute(db())
    expect(audited.rows.length).toBe(destroyed)
    expect(audited.rows.every((r) => r.n === 1)).toBe(true)
    expect(await verifyAuditChain(db())).toMatchObject({ ok: true })
    return destroyed
  }

  it('kills the destroying server with SIGKILL at random points; each client is whole or destroyed once, and a re-run finishes the list', { timeout: 600_000 }, async () => {
    const args = [t.scratch.databaseUrl!, t.scratch.dataDir, listId, String(BATCH)]
    expect(await checkConsistent()).toBe(0)
    let kills = 0
    let made = 0
    const rounds: string[] = []
    for (let round = 0; round < 8; round++) {
      // a run of the whole list takes about 1.5 s here: kills within 0.7 s land mid-run
      const delay = 100 + Math.floor(Math.random() * 600)
      const r = await runChild(args, delay)
      const now = await checkConsistent()
      rounds.push(`${delay} ms: ${now - made} (${r.signal ?? 'exit'})`)
      if (r.signal === 'SIGKILL' && now > made && now < CLIENTS) kills++
      made = now
      if (r.out.includes('done') || now === CLIENTS) break
    }
    console.warn(`destruction-crash: ${kills} kills mid-run; per round (kill delay: clients destroyed): ${rounds.join(', ')}`)
    expect(kills).toBeGreaterThan(0)
    const final = await runChild(args)
    expect(final.out).toContain('done')
    expect(await checkConsistent()).toBe(CLIENTS)
    for (const id of mine) expect(fs.existsSync(path.join(folder, files.get(id)!))).toBe(false)
    expect((await db().selectFrom('destruction_list').select('state').where('id', '=', listId).executeTakeFirstOrThrow()).state).toBe('done')
    // running it once more destroys nothing: the list is done
    const again = await runChild(args)
    expect(again.out).toContain('done')
    expect(again.out).not.toContain('batch')
    expect(Number((await db().selectFrom('destruction_record').select((eb) => eb.fn.countAll().as('n')).where('list_id', '=', listId).executeTakeFirstOrThrow()).n)).toBe(CLIENTS)
  })
})

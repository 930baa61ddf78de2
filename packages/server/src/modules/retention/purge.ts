import { sql, type RawBuilder, type Transaction } from 'kysely'
import type { DB } from '../../db/schema'
import type { ClientForgetter } from '../../kernel/client-forget'
import type { RegisterRecords } from '../../kernel/register-records'

/** A foreign key `child.column → parent.parentColumn` (one column), read from the catalogue. */
interface Edge {
  child: string
  column: string
  parent: string
  parentColumn: string
  nullable: boolean
  /** the child table keeps client rows itself (it has a person_id column) */
  clientTable: boolean
}

let graph: Promise<Edge[]> | null = null

/**
 * Every single-column foreign key of the schema, read once per process from `pg_constraint` (as merging a person
 * does): so a table added later with a key to `person`, or to a table of client rows, is destroyed too without a
 * change here.
 */
async function edges(trx: Transaction<DB>): Promise<Edge[]> {
  graph ??= sql<{ child: string; column: string; parent: string; parent_column: string; not_null: boolean; client_table: boolean }>`
    SELECT c.conrelid::regclass::text AS child, a.attname AS column, c.confrelid::regclass::text AS parent,
           pa.attname AS parent_column, a.attnotnull AS not_null,
           EXISTS (SELECT 1 FROM pg_attribute x WHERE x.attrelid = c.conrelid AND x.attname = 'person_id' AND NOT x.attisdropped) AS client_table
    FROM pg_constraint c
    JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
    JOIN pg_attribute pa ON pa.attrelid = c.confrelid AND pa.attnum = c.confkey[1]
    WHERE c.contype = 'f' AND array_length(c.conkey, 1) = 1
    ORDER BY 1, 2`
    .execute(trx)
    .then((r) => r.rows.map((e) => ({ child: e.child, column: e.column, parent: e.parent, parentColumn: e.parent_column, nullable: !e.not_null, clientTable: e.client_table })))
    .catch((error: unknown) => {
      graph = null
      throw error
    })
  return graph
}

export interface PurgeResult {
  /** rows removed per client and table (tables with the client's own rows: `person_id`), and the person row */
  perClient: Map<string, Record<string, number>>
  /** rows removed per table in all (dependent rows included) */
  totals: Record<string, number>
  /** the keys of attachment files kept in the folder, to unlink after commit */
  files: Map<string, string[]>
}

/** A walk down the foreign keys from a set of root rows (`removeRows`). */
interface Walk {
  trx: Transaction<DB>
  edges: Edge[]
  result: PurgeResult
  /** tables whose rows the walk never removes: a nullable key from them is emptied, a required one is an error */
  kept: ReadonlySet<string>
}

const count = (result: PurgeResult, table: string, n: number) => {
  result.totals[table] = (result.totals[table] ?? 0) + n
}

/**
 * Removes the rows of `table` that `where` picks and everything hanging on them, dependants first, following every
 * foreign key down (the one FK-graph walk of the whole client's and a register's destruction). A key from a table
 * without client rows that may be empty (a bank entry's payment) is emptied instead, as is a nullable key from a
 * table the walk keeps. Counts the rows per client (by `person_id`) and collects the attachment folder's files.
 */
async function removeRows(w: Walk, table: string, where: RawBuilder<unknown>, depth: number): Promise<void> {
  if (depth > 12) throw new Error(`purge: foreign keys nest too deep at ${table}`)
  for (const e of w.edges) {
    if (e.parent !== table || e.child === table) continue
    const sub = sql`${sql.ref(e.column)} IN (SELECT ${sql.ref(e.parentColumn)} FROM ${sql.table(table)} WHERE ${where})`
    if (w.kept.has(e.child)) {
      if (!e.nullable) throw new Error(`purge: ${e.child}.${e.column} is kept but needs the ${table} rows removed`)
      await sql`UPDATE ${sql.table(e.child)} SET ${sql.ref(e.column)} = NULL WHERE ${sub}`.execute(w.trx)
    } else if (e.nullable && !e.clientTable) {
      await sql`UPDATE ${sql.table(e.child)} SET ${sql.ref(e.column)} = NULL WHERE ${sub}`.execute(w.trx)
    } else {
      await removeRows(w, e.child, sub, depth + 1)
    }
  }
  const hasPerson = table === 'person' || w.edges.some((e) => e.child === table && e.clientTable)
  if (hasPerson) {
    const key = table === 'person' ? sql.ref('id') : sql.ref('person_id')
    // an attachment's file in the folder goes after the commit
    const file = table === 'attachment' ? sql`CASE WHEN storage = 'folder' THEN storage_key END` : sql`NULL::text`
    const { rows } = await sql<{ p: string; f: string | null }>`DELETE FROM ${sql.table(table)} WHERE ${where} RETURNING ${key} AS p, ${file} AS f`.execute(w.trx)
    count(w.result, table, rows.length)
    for (const r of rows) {
      const c = w.result.perClient.get(r.p)
      if (c) c[table] = (c[table] ?? 0) + 1
      if (r.f) w.result.files.set(r.p, [...(w.result.files.get(r.p) ?? []), r.f])
    }
  } else {
    const r = await sql`DELETE FROM ${sql.table(table)} WHERE ${where}`.execute(w.trx)
    count(w.result, table, Number(r.numAffectedRows ?? 0))
  }
}

/**
 * Removes clients and everything that hangs on them, in the caller's transaction (which has named the executing
 * destruction list, so the immutability guards let the rows go): every row of every table whose foreign key reaches
 * the person — dependants first, following the keys down — then the person rows themselves (the search key with
 * them), and the words of their names that no remaining person has from the name search's vocabulary. A key from a table that holds no client rows and may be empty (a bank entry's payment) is emptied instead.
 * Identities merged into a destroyed person go with it.
 */
export async function purgeClients(trx: Transaction<DB>, personIds: string[], forgetters: readonly ClientForgetter[]): Promise<PurgeResult> {
  if (!personIds.length) return { perClient: new Map(), totals: {}, files: new Map() }
  const all = await edges(trx)
  const ids = new Set(personIds)
  // temporary identities merged into these (their records moved here already)
  for (let frontier = [...ids]; frontier.length; ) {
    const merged = await trx.selectFrom('person').select('id').where('merged_into', 'in', frontier).execute()
    frontier = merged.map((m) => m.id).filter((id) => !ids.has(id))
    frontier.forEach((id) => ids.add(id))
  }
  const idList = [...ids]
  const result: PurgeResult = { perClient: new Map(idList.map((id) => [id, {}])), totals: {}, files: new Map() }
  const idArray = sql`ARRAY[${sql.join(idList.map((id) => sql`${id}`))}]::uuid[]`
  // what the modules keep of them where no key leads (a kept file naming them), while their identities can be read
  const identities = await trx.selectFrom('person').select(['id', 'hetu', 'temporary_id']).where('id', 'in', idList).execute()
  for (const forget of forgetters) {
    const n = await forget(trx, identities.map((p) => ({ id: p.id, hetu: p.hetu, temporaryId: p.temporary_id })))
    if (n) count(result, 'forgotten', n)
  }

  // the words of their names, for the typo vocabulary below (read before the person rows go)
  const words = (
    await sql<{ w: string }>`SELECT DISTINCT w FROM person, unnest(string_to_array(search_name, ' ')) AS w WHERE id = ANY(${idArray}) AND w <> ''`.execute(trx)
  ).rows.map((r) => r.w)
  await removeRows({ trx, edges: all, result, kept: new Set() }, 'person', sql`id = ANY(${idArray})`, 0)
  // the name search's vocabulary (migration 0057) holds words only, but a rare surname is itself a trace of the
  // client: a word no remaining person's name has (at the positions the search reaches) goes with them
  if (words.length) {
    const r = await sql`
      DELETE FROM person_name_word nw
       WHERE nw.word = ANY(ARRAY[${sql.join(words.map((w) => sql`${w}`))}]::text[])
         AND NOT EXISTS (SELECT 1 FROM person p WHERE split_part(p.search_name, ' ', 1) = nw.word)
         AND NOT EXISTS (SELECT 1 FROM person p WHERE split_part(p.search_name, ' ', 2) = nw.word)
         AND NOT EXISTS (SELECT 1 FROM person p WHERE split_part(p.search_name, ' ', 3) = nw.word)
         AND NOT EXISTS (SELECT 1 FROM person p WHERE split_part(p.search_name, ' ', 4) = nw.word)
         AND NOT EXISTS (SELECT 1 FROM person p WHERE split_part(p.search_name, ' ', 5) = nw.word)`.execute(trx)
    count(result, 'person_name_word', Number(r.numAffectedRows ?? 0))
  }
  // what retention derived from the facts (no foreign key: merging identities does not move it)
  await trx.deleteFrom('retention_state').where('person_id', 'in', idList).execute()
  await trx.deleteFrom('retention_stale').where('person_id', 'in', idList).execute()
  // a merged identity's rows are the survivor's: its counts join the destroyed client's
  for (const id of idList) if (!personIds.includes(id)) result.perClient.delete(id)
  return result
}

/** Registers of one client to destroy, the client (person, basic data) and their other registers staying. */
export interface RegisterPurge {
  personId: string
  registers: readonly string[]
}

/**
 * Removes registers of clients, in the caller's transaction (which has named the executing destruction list): the
 * rows of every register table the modules declare (`RegisterRecords`: the copy's one-table records and the modules'
 * `registerRecords` — the relationships of the service task among them) whose client and register are the item's,
 * and everything hanging on them by foreign key (the same walk as the whole client's). The person row, the basic
 * data, the other registers' rows, the audit log and the disclosure log stay (the tables `kept`: a nullable key from
 * them is emptied). Before that, every module's forgetter removes what it keeps of the registers where no key
 * leads. The registers' retention is taken away and the clients marked stale, so their retention is recomputed
 * from the facts left.
 */
export async function purgeRegisters(trx: Transaction<DB>, items: readonly RegisterPurge[], records: RegisterRecords, forgetters: readonly ClientForgetter[]): Promise<PurgeResult> {
  const result: PurgeResult = { perClient: new Map(items.map((i) => [i.personId, {}])), totals: {}, files: new Map() }
  if (!items.length) return result
  const all = await edges(trx)
  const identities = await trx.selectFrom('person').select(['id', 'hetu', 'temporary_id']).where('id', 'in', items.map((i) => i.personId)).execute()
  const identity = new Map(identities.map((p) => [p.id, p]))
  const clients = items.flatMap((i) => {
    const p = identity.get(i.personId)
    return p ? [{ id: p.id, hetu: p.hetu, temporaryId: p.temporary_id, registers: i.registers }] : []
  })
  for (const forget of forgetters) {
    const n = await forget(trx, clients)
    if (n) count(result, 'forgotten', n)
  }
  const pairs = items.flatMap((i) => i.registers.map((r) => ({ p: i.personId, r })))
  const persons = sql`${sql.val(pairs.map((x) => x.p))}::uuid[]`
  const tasks = sql`${sql.val(pairs.map((x) => x.r))}::text[]`
  const walk: Walk = { trx, edges: all, result, kept: new Set(records.kept) }
  for (const t of records.tables) {
    const person = sql.ref(t.personColumn ?? 'person_id')
    let where: RawBuilder<unknown>
    if ('fixed' in t.serviceTask) {
      const fixed = t.serviceTask.fixed
      const ids = pairs.filter((x) => x.r === fixed).map((x) => x.p)
      if (!ids.length) continue
      where = sql`${person} = ANY(${sql.val(ids)}::uuid[])`
    } else {
      // the client first (the tables' person index), then the pair
      where = sql`${person} = ANY(${persons}) AND (${person}, ${sql.raw(t.serviceTask.column)}) IN (SELECT d.p, d.t FROM unnest(${persons}, ${tasks}) AS d(p, t))`
    }
    await removeRows(walk, t.table, where, 0)
  }
  // the registers' retention: gone with the facts, recomputed from what is left
  for (const i of items) await trx.deleteFrom('retention_state').where('person_id', '=', i.personId).where('register', 'in', [...i.registers]).execute()
  await trx
    .insertInto('retention_stale')
    .values(items.map((i) => ({ person_id: i.personId })))
    .onConflict((oc) => oc.column('person_id').doNothing())
    .execute()
  return result
}

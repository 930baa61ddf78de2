import { sql, type RawBuilder, type Transaction } from 'kysely'
import type { DB } from '../../db/schema'
import type { ClientForgetter } from '../../kernel/client-forget'

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

/**
 * Removes clients and everything that hangs on them, in the caller's transaction (which has named the executing
 * destruction list, so the immutability guards let the rows go): every row of every table whose foreign key reaches
 * the person — dependants first, following the keys down — then the person rows themselves (the search key with
 * them), and the words of their names that no remaining person has from the name search's vocabulary. A key from a table that holds no client rows and may be empty (a bank entry's payment) is emptied instead.
 * Identities merged into a destroyed person go with it.
 */
export async function purgeClients(trx: Transaction<DB>, personIds: string[], forgetters: readonly ClientForgetter[]): Promise<PurgeResult> {
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
  const files = await trx.selectFrom('attachment').select(['person_id', 'storage_key']).where('person_id', 'in', idList).where('storage', '=', 'folder').execute()
  for (const f of files) if (f.storage_key) result.files.set(f.person_id, [...(result.files.get(f.person_id) ?? []), f.storage_key])

  const count = (table: string, n: number) => {
    result.totals[table] = (result.totals[table] ?? 0) + n
  }
  const idArray = sql`ARRAY[${sql.join(idList.map((id) => sql`${id}`))}]::uuid[]`
  // what the modules keep of them where no key leads (a kept file naming them), while their identities can be read
  const identities = await trx.selectFrom('person').select(['id', 'hetu', 'temporary_id']).where('id', 'in', idList).execute()
  for (const forget of forgetters) {
    const n = await forget(trx, identities.map((p) => ({ id: p.id, hetu: p.hetu, temporaryId: p.temporary_id })))
    if (n) count('forgotten', n)
  }

  const purge = async (table: string, where: RawBuilder<unknown>, depth: number): Promise<void> => {
    if (depth > 12) throw new Error(`purge: foreign keys nest too deep at ${table}`)
    for (const e of all) {
      if (e.parent !== table || e.child === table) continue
      const sub = sql`${sql.ref(e.column)} IN (SELECT ${sql.ref(e.parentColumn)} FROM ${sql.table(table)} WHERE ${where})`
      if (e.nullable && !e.clientTable) {
        await sql`UPDATE ${sql.table(e.child)} SET ${sql.ref(e.column)} = NULL WHERE ${sub}`.execute(trx)
      } else {
        await purge(e.child, sub, depth + 1)
      }
    }
    const hasPerson = table === 'person' || all.some((e) => e.child === table && e.clientTable)
    if (hasPerson) {
      const key = table === 'person' ? sql.ref('id') : sql.ref('person_id')
      const { rows } = await sql<{ p: string }>`DELETE FROM ${sql.table(table)} WHERE ${where} RETURNING ${key} AS p`.execute(trx)
      count(table, rows.length)
      for (const r of rows) {
        const c = result.perClient.get(r.p)
        if (c) c[table] = (c[table] ?? 0) + 1
      }
    } else {
      const r = await sql`DELETE FROM ${sql.table(table)} WHERE ${where}`.execute(trx)
      count(table, Number(r.numAffectedRows ?? 0))
    }
  }
  // the words of their names, for the typo vocabulary below (read before the person rows go)
  const words = (
    await sql<{ w: string }>`SELECT DISTINCT w FROM person, unnest(string_to_array(search_name, ' ')) AS w WHERE id = ANY(${idArray}) AND w <> ''`.execute(trx)
  ).rows.map((r) => r.w)
  await purge('person', sql`id = ANY(${idArray})`, 0)
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
    count('person_name_word', Number(r.numAffectedRows ?? 0))
  }
  // what retention derived from the facts (no foreign key: merging identities does not move it)
  await trx.deleteFrom('retention_state').where('person_id', 'in', idList).execute()
  await trx.deleteFrom('retention_stale').where('person_id', 'in', idList).execute()
  // a merged identity's rows are the survivor's: its counts join the destroyed client's
  for (const id of idList) if (!personIds.includes(id)) result.perClient.delete(id)
  return result
}

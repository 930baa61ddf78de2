import type { CopyTable } from './client-copy'

/**
 * One table of a module's client records, with the register (service task) of each row: what the destruction of a
 * register starts from (rules.md §3.2: retention is defined per service task, and each register runs out on its
 * own). Everything hanging on these rows by foreign key goes with them (the destruction follows the keys itself).
 */
export interface RegisterTable {
  /** the table (one name, never a join) */
  table: string
  /** the column that names the client (default `person_id`) */
  personColumn?: string
  /** the register of each row: a column (or a static SQL expression over the row), or one fixed register */
  serviceTask: { column: string } | { fixed: string }
}

/** What a register's destruction knows of the modules' records (assembled once by the composition root). */
export interface RegisterRecords {
  /** the tables whose rows of the client in a register are that register's records */
  tables: readonly RegisterTable[]
  /**
   * the tables a register's destruction leaves whole (the basic data, and records that follow their own retention
   * such as the disclosure log): a nullable key from them to a row removed is emptied; a required one is an error
   */
  kept: readonly string[]
}

const IDENT = /^[a-z_][a-z0-9_]*$/

/** A module's declarations, as far as register destruction reads them. */
export interface RegisterDeclarer {
  name: string
  clientCopy?: readonly CopyTable[]
  registerRecords?: readonly RegisterTable[]
}

/**
 * The register records of every module: each copy declaration of one table (no join) whose rows carry a service task
 * (a column or a fixed one), unless it follows its own retention (`ownRetention`), and each module's explicit
 * `registerRecords` (the tables its copy reaches through a join or does not give). The copy's `where` chooses what the
 * client is given; a register's destruction takes every row of the table in the register. Declarations of the basic
 * data (a fixed register of null) and those with `ownRetention` make up the tables kept.
 */
export function assembleRegisterRecords(modules: readonly RegisterDeclarer[]): RegisterRecords {
  const tables = new Map<string, RegisterTable>()
  const kept = new Set<string>(['person'])
  const add = (t: RegisterTable, from: string) => {
    if (!IDENT.test(t.table)) throw new Error(`${from}: a register table is one table, not ${t.table}`)
    if (t.personColumn !== undefined && !IDENT.test(t.personColumn)) throw new Error(`${from}: person column ${t.personColumn}`)
    const before = tables.get(t.table)
    if (before && JSON.stringify(before) !== JSON.stringify(t)) throw new Error(`${from}: ${t.table} is declared twice with different registers`)
    tables.set(t.table, t)
  }
  for (const m of modules) {
    for (const c of m.clientCopy ?? []) {
      if (!IDENT.test(c.from)) continue // a join: the module declares the table itself in registerRecords
      if (c.ownRetention || ('fixed' in c.serviceTask && c.serviceTask.fixed === null)) {
        kept.add(c.from)
        continue
      }
      const serviceTask = 'column' in c.serviceTask ? { column: c.serviceTask.column } : { fixed: c.serviceTask.fixed! }
      add({ table: c.from, ...(c.personColumn ? { personColumn: c.personColumn } : {}), serviceTask }, `${m.name} copy ${c.key}`)
    }
    for (const t of m.registerRecords ?? []) add(t, `${m.name} registerRecords`)
  }
  for (const k of kept) if (tables.has(k)) throw new Error(`${k} is both kept and a register's records`)
  return { tables: [...tables.values()], kept: [...kept] }
}

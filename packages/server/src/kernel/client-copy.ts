import type { DocumentType } from '@huoma/domain'
import { sql, type Transaction } from 'kysely'
import type { DB } from '../db/schema'

/** A text in the two languages of the documents given to clients. */
export interface CopyText {
  fi: string
  sv: string
}

/**
 * One kind of record a module keeps about a client, declared for the copy of the client's data (the right of access,
 * GDPR Art. 15): the module names its table, the register of each row, and the columns the client receives with
 * their labels. The copy reads the declaration inside the officer's audited transaction; the module keeps the
 * knowledge of its own tables, and a new module joins the copy by declaring its records (`defineModule({ clientCopy
 * })`). Columns that would reveal another person (a reporter who asked to stay unknown, another client's
 * henkilötunnus) are simply not declared.
 */
export interface CopyTable {
  /** `<module>/<record>`: the key of the section in the machine-readable copy */
  key: string
  title: CopyText
  /** the table, or a join of tables with aliases (static SQL written in the module, never user input) */
  from: string
  /** the column that names the client (default `person_id`) */
  personColumn?: string
  /** the register of each row: a column, or a fixed register (null: the client registry's basic data) */
  serviceTask: { column: string } | { fixed: string | null }
  /** the document type of these records (asiakirjatyyppi): the archive package and the retention rules name it */
  documentType: DocumentType
  /** the record's date as a `YYYY-MM-DD` SQL expression (static SQL): the archive's first and last dates */
  date: string
  /**
   * the columns given: `key` in the JSON copy, `sql` the expression (default: the key), `label` in the PDF, and for a
   * column of codes the phrase of each code (`values`), which the documents print instead of the code
   */
  columns: readonly CopyColumn[]
  /** a further condition on the rows (static SQL), e.g. only signed journal entries */
  where?: string
  orderBy: string
  /**
   * the records follow their own retention, not their register's (the disclosure log): a register's destruction
   * leaves them (`kernel/register-records`)
   */
  ownRetention?: boolean
}

export interface CopyColumn {
  key: string
  sql?: string
  label: CopyText
  values?: Readonly<Record<string, CopyText>>
}

export type CopyValue = string | number | boolean | null

/** A record's value as a document prints it: a code as its phrase in the language, else the value itself. */
export function copyValueText(column: Pick<CopyColumn, 'values'> | undefined, v: CopyValue, lang: 'fi' | 'sv'): CopyValue {
  if (typeof v !== 'string' || !column?.values) return v
  return Object.hasOwn(column.values, v) ? column.values[v]![lang] : v
}

export interface CopySection {
  key: string
  title: CopyText
  /** the register of the section's records (null: the registry) */
  serviceTask: string | null
  documentType: DocumentType
  columns: { key: string; label: CopyText; values?: Readonly<Record<string, CopyText>> }[]
  records: Record<string, CopyValue>[]
  /** each record's date (`YYYY-MM-DD`, null when it has none), parallel to `records` */
  recordDates: (string | null)[]
}

const IDENT = /^[a-z_][a-z0-9_.]*$/

function asValue(v: unknown): CopyValue {
  if (v === null || v === undefined) return null
  if (v instanceof Date) return v.toISOString()
  if (Array.isArray(v)) return v.map((x) => String(x)).join(', ')
  if (typeof v === 'object') return JSON.stringify(v)
  if (typeof v === 'bigint') return Number(v)
  return v as CopyValue
}

/**
 * Reads every declared record of the clients' identities (the person and the identities merged into it), keeping the
 * registers `include` admits (null: the registry's basic data). One query per declaration, in the caller's
 * transaction; the sections come in declaration order, each register's rows in the declared order.
 */
export async function readClientCopy(
  trx: Transaction<DB>,
  tables: readonly CopyTable[],
  q: { personIds: readonly string[]; include: (serviceTask: string | null) => boolean },
): Promise<CopySection[]> {
  const sections: CopySection[] = []
  for (const t of tables) {
    const person = t.personColumn ?? 'person_id'
    if (!IDENT.test(person)) throw new Error(`${t.key}: person column ${person}`)
    const task = 'column' in t.serviceTask ? sql.raw(t.serviceTask.column) : sql`${t.serviceTask.fixed}::text`
    const columns = sql.join(t.columns.map((c) => sql`${sql.raw(c.sql ?? c.key)} AS ${sql.ref(`c_${c.key}`)}`))
    const rows = await sql<Record<string, unknown>>`
      SELECT ${task} AS copy_task, ${sql.raw(t.date)} AS copy_date, ${columns}
      FROM ${sql.raw(t.from)}
      WHERE ${sql.raw(person)} = ANY(${sql.val([...q.personIds])}::uuid[]) ${t.where ? sql`AND (${sql.raw(t.where)})` : sql``}
      ORDER BY ${sql.raw(t.orderBy)}`.execute(trx)
    const byTask = new Map<string | null, { records: Record<string, CopyValue>[]; dates: (string | null)[] }>()
    for (const r of rows.rows) {
      const serviceTask = (r.copy_task as string | null) ?? null
      if (!q.include(serviceTask)) continue
      const record = Object.fromEntries(t.columns.map((c) => [c.key, asValue(r[`c_${c.key}`])]))
      let group = byTask.get(serviceTask)
      if (!group) byTask.set(serviceTask, (group = { records: [], dates: [] }))
      group.records.push(record)
      group.dates.push((r.copy_date as string | null) ?? null)
    }
    for (const [serviceTask, g] of byTask) {
      sections.push({
        key: t.key,
        title: t.title,
        serviceTask,
        documentType: t.documentType,
        columns: t.columns.map((c) => ({ key: c.key, label: c.label, ...(c.values ? { values: c.values } : {}) })),
        records: g.records,
        recordDates: g.dates,
      })
    }
  }
  return sections
}

/** A staff member's name for a column holding their id (the copy says who, not a code). */
export const staffName = (column: string) => `(SELECT display_name FROM staff_user su WHERE su.id = ${column})`

import type { RetentionRuleInput, RetentionRuleRow, RetentionRuleUpdate } from '@huoma/contract'
import { addDays, compareLocalDates, RETENTION_CLASSES, RETENTION_RULES_2024, type LocalDate, type RetentionClass, type RetentionRule } from '@huoma/domain'
import type { Kysely, Selectable } from 'kysely'
import type { Executor } from '../../access/audit'
import type { Database } from '../../db/database'
import type { DB } from '../../db/schema'
import { problems } from '../../http/problem'
import type { RetentionRuleTable } from './schema'

/** The handle of the retention table's routes and of the jobs: the table names no client. */
// eslint-disable-next-line no-restricted-syntax -- retention rules are parameters (periods and laws), not client data
export const rulesDb = (app: { database: Database }): Kysely<DB> => app.database.db

/** A row of the table with its database id (what a computed retention points to). */
export type StoredRule = RetentionRule & { id: string; archiveOrdered: boolean }

const toRule = (r: Selectable<RetentionRuleTable>): StoredRule => ({
  id: r.id,
  retentionClass: r.retention_class as RetentionClass,
  trigger: r.trigger,
  years: r.years,
  validFrom: r.valid_from as LocalDate,
  validUntil: r.valid_until as LocalDate | null,
  legalSource: r.legal_source,
  ...(r.unverified ? { unverified: true } : {}),
  archiveOrdered: r.archive_ordered,
})

const toRow = (r: Selectable<RetentionRuleTable>): RetentionRuleRow => ({
  id: r.id,
  retentionClass: r.retention_class,
  trigger: r.trigger,
  years: r.years,
  validFrom: r.valid_from,
  validUntil: r.valid_until,
  legalSource: r.legal_source,
  unverified: r.unverified,
  archiveOrdered: r.archive_ordered,
  version: r.version,
  updatedAt: new Date(r.updated_at).toISOString(),
})

/** The table as the law has it (the domain's 703/2023 rows), loaded once into an empty table. */
export async function ensureRules(db: Executor): Promise<void> {
  const any = await db.selectFrom('retention_rule').select('id').limit(1).executeTakeFirst()
  if (any) return
  await db
    .insertInto('retention_rule')
    .values(
      RETENTION_RULES_2024.map((r) => ({
        retention_class: r.retentionClass,
        trigger: r.trigger,
        years: r.years,
        valid_from: r.validFrom,
        valid_until: r.validUntil,
        legal_source: r.legalSource,
        unverified: r.unverified ?? false,
      })),
    )
    .execute()
}

export async function loadRules(db: Executor): Promise<StoredRule[]> {
  await ensureRules(db)
  return (await db.selectFrom('retention_rule').selectAll().orderBy('retention_class').orderBy('valid_from').execute()).map(toRule)
}

export async function listRules(db: Executor): Promise<RetentionRuleRow[]> {
  await ensureRules(db)
  const rows = await db.selectFrom('retention_rule').selectAll().orderBy('retention_class').orderBy('valid_from').execute()
  const order = (c: string) => RETENTION_CLASSES.indexOf(c as RetentionClass)
  return rows.map(toRow).sort((a, b) => order(a.retentionClass) - order(b.retentionClass) || compareLocalDates(a.validFrom as LocalDate, b.validFrom as LocalDate))
}

async function history(db: Executor, id: string, by: string) {
  const r = await db.selectFrom('retention_rule').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
  await db.insertInto('retention_rule_history').values({ rule_id: id, version: r.version, changed_by: by, snapshot: JSON.stringify(toRow(r)) }).execute()
}

/** The clients whose computed retention used a class: stale after the class's rows change. */
async function markClassStale(db: Executor, retentionClass: string) {
  await db
    .insertInto('retention_stale')
    .columns(['person_id'])
    .expression((eb) => eb.selectFrom('retention_state').select('person_id').distinct().where('retention_class', '=', retentionClass))
    .onConflict((oc) => oc.doNothing())
    .execute()
}

/** A row's period, legal source, archive order or end changed, at the version shown. */
export async function updateRule(db: Executor, id: string, input: RetentionRuleUpdate, by: string, now: Date): Promise<void> {
  const row = await db.selectFrom('retention_rule').selectAll().where('id', '=', id).forUpdate().executeTakeFirst()
  if (!row) throw problems.notFound()
  if (row.version !== input.version) throw problems.conflict()
  if (input.validUntil && compareLocalDates(input.validUntil as LocalDate, row.valid_from as LocalDate) < 0) {
    throw problems.validation([{ field: 'validUntil', code: 'retention.valid_until', params: { validFrom: row.valid_from } }])
  }
  await db
    .updateTable('retention_rule')
    .set({ years: input.years, legal_source: input.legalSource.trim(), archive_ordered: input.archiveOrdered, valid_until: input.validUntil, version: row.version + 1, updated_by: by, updated_at: now })
    .where('id', '=', id)
    .execute()
  await history(db, id, by)
  await markClassStale(db, row.retention_class)
}

/** A new row of a class from a day: the row in force that day ends the day before (its history says so). */
export async function addRule(db: Executor, input: RetentionRuleInput, by: string, now: Date): Promise<string> {
  if (!(RETENTION_CLASSES as readonly string[]).includes(input.retentionClass)) throw problems.validation([{ field: 'retentionClass', code: 'retention.class' }])
  await ensureRules(db)
  const rows = await db.selectFrom('retention_rule').selectAll().where('retention_class', '=', input.retentionClass).orderBy('valid_from', 'desc').forUpdate().execute()
  const from = input.validFrom as LocalDate
  const current = rows.find((r) => compareLocalDates(r.valid_from as LocalDate, from) <= 0 && (r.valid_until === null || compareLocalDates(from, r.valid_until as LocalDate) <= 0))
  const later = rows.find((r) => compareLocalDates(r.valid_from as LocalDate, from) >= 0)
  if (later) throw problems.validation([{ field: 'validFrom', code: 'retention.valid_from', params: { validFrom: later.valid_from } }])
  if (current) {
    await db.updateTable('retention_rule').set({ valid_until: addDays(from, -1), version: current.version + 1, updated_by: by, updated_at: now }).where('id', '=', current.id).execute()
    await history(db, current.id, by)
  }
  const ins = await db
    .insertInto('retention_rule')
    .values({ retention_class: input.retentionClass, trigger: input.trigger, years: input.years, valid_from: from, valid_until: null, legal_source: input.legalSource.trim(), archive_ordered: input.archiveOrdered, updated_by: by })
    .returning('id')
    .executeTakeFirstOrThrow()
  await history(db, ins.id, by)
  await markClassStale(db, input.retentionClass)
  return ins.id
}


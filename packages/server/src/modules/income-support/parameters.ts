import type { ParameterHistory, ParameterSet, ParameterValues } from '@huoma/contract'
import { DEFAULT_INCOME_SUPPORT_PARAMETERS, validateParameterSets, type IncomeSupportParameters } from '@huoma/domain'
import { sql, type Kysely, type Transaction } from 'kysely'
import type { Database } from '../../db/database'
import type { DB } from '../../db/schema'
import { HttpProblem, problems } from '../../http/problem'
import type { Lang } from '../../http/language'

/**
 * Effective-dated income support parameters (perusosa table, earned-income deduction, minor-assistance limits,
 * housing norms). They are no client data: the main user edits them, every change is kept in
 * `income_support_parameter_history` with who and when, and a calculation picks the set of its month.
 */

type Executor = Kysely<DB> | Transaction<DB>

/** The handle of the parameter routes: outside any chokepoint, because parameters name no client. */
// eslint-disable-next-line no-restricted-syntax -- parameters are no client data (amounts and rules, not persons)
export const parametersDb = (app: { database: Database }): Kysely<DB> => app.database.db
type SetRow = Awaited<ReturnType<typeof selectSets>>[number]

const selectSets = (db: Executor) =>
  db
    .selectFrom('income_support_parameter_set as s')
    .leftJoin('staff_user as u', 'u.id', 's.updated_by')
    .select(['s.id', 's.valid_from', 's.valid_until', 's.body', 's.source', 's.version', 's.updated_at', 'u.display_name as updated_by_name'])
    .orderBy('s.valid_from')
    .execute()

type Body = Omit<ParameterValues, 'validFrom' | 'validUntil' | 'source'>

const bodyOf = (v: ParameterValues): Body => ({
  perusosa: v.perusosa,
  earnedIncomeDeduction: v.earnedIncomeDeduction,
  minorEarningsCappedAtOwnPerusosa: v.minorEarningsCappedAtOwnPerusosa,
  minorAssistanceLimit: v.minorAssistanceLimit,
  daysPerMonth: v.daysPerMonth,
  housingNormCents: v.housingNormCents,
  ...(v.reductions ? { reductions: v.reductions } : {}),
})

function toValues(row: { valid_from: string; valid_until: string | null; body: unknown; source: string }): ParameterValues {
  return { ...(row.body as Body), validFrom: row.valid_from, validUntil: row.valid_until, source: row.source }
}

function toSet(row: SetRow): ParameterSet {
  return {
    ...toValues(row),
    id: row.id,
    version: row.version,
    updatedAt: new Date(row.updated_at).toISOString(),
    updatedBy: row.updated_by_name ?? null,
  }
}

/** The sets in the shape the domain engine takes. */
export function toDomainParameters(sets: readonly ParameterValues[]): IncomeSupportParameters[] {
  return sets.map((s) => s as unknown as IncomeSupportParameters)
}

export async function listParameterSets(db: Executor): Promise<ParameterSet[]> {
  return (await selectSets(db)).map(toSet)
}

/** All sets as the engine takes them (for calculations inside a client transaction). */
export async function engineParameters(db: Executor): Promise<IncomeSupportParameters[]> {
  return toDomainParameters((await selectSets(db)).map(toValues))
}

export async function parameterHistory(db: Executor, setId: string): Promise<ParameterHistory> {
  const rows = await db
    .selectFrom('income_support_parameter_history as h')
    .leftJoin('staff_user as u', 'u.id', 'h.changed_by')
    .select(['h.version', 'h.change', 'h.valid_from', 'h.valid_until', 'h.body', 'h.source', 'h.changed_at', 'u.display_name'])
    .where('h.set_id', '=', setId)
    .orderBy('h.id', 'desc')
    .execute()
  if (!rows.length) throw problems.notFound()
  return {
    history: rows.map((r) => ({
      version: r.version,
      change: r.change,
      values: toValues(r),
      changedBy: r.display_name ?? null,
      changedAt: new Date(r.changed_at).toISOString(),
    })),
  }
}

const overlapProblem = new HttpProblem(409, 'conflict', {
  type: 'https://huoma.fi/problems/income-support-parameters-overlap',
  detail: (l: Lang) =>
    ({
      fi: 'Parametrijaksot menisivät päällekkäin. Päätä ensin edellinen jakso.',
      sv: 'Parameterperioderna skulle överlappa varandra. Avsluta först den föregående perioden.',
      en: 'The parameter periods would overlap. End the previous period first.',
    })[l],
})

const staleProblem = new HttpProblem(409, 'conflict', {
  type: 'https://huoma.fi/problems/stale-version',
  detail: (l: Lang) =>
    ({
      fi: 'Parametreja on muutettu sillä välin. Lataa ne uudelleen ja tee muutoksesi sitten.',
      sv: 'Parametrarna har ändrats under tiden. Ladda om dem och gör sedan dina ändringar.',
      en: 'The parameters were changed meanwhile. Reload them and then make your changes.',
    })[l],
})

/** Field-level checks of one set (the domain's rules) and of the whole table after the change (no overlaps). */
function check(values: ParameterValues, others: ParameterValues[]) {
  const own = validateParameterSets(toDomainParameters([values]))
  if (own.length) throw problems.validation(own.map((p) => ({ field: p.field ?? 'validFrom', code: `is.parameters.${p.code}` })))
  const all = validateParameterSets(toDomainParameters([...others, values].sort((a, b) => a.validFrom.localeCompare(b.validFrom))))
  if (all.some((p) => p.code === 'overlap')) throw overlapProblem
}

const isOverlap = (e: unknown) => typeof e === 'object' && e !== null && ['23P01', '23505'].includes(String((e as { code?: unknown }).code))

async function history(trx: Transaction<DB>, setId: string, version: number, change: 'create' | 'update', v: ParameterValues, userId: string | null) {
  await trx
    .insertInto('income_support_parameter_history')
    .values({
      set_id: setId,
      version,
      change,
      valid_from: v.validFrom,
      valid_until: v.validUntil,
      body: JSON.stringify(bodyOf(v)),
      source: v.source,
      changed_by: userId,
    })
    .execute()
}

export async function createParameterSet(db: Kysely<DB>, values: ParameterValues, userId: string | null): Promise<ParameterSet> {
  try {
    return await db.transaction().execute(async (trx) => {
      await sql`LOCK TABLE income_support_parameter_set IN SHARE ROW EXCLUSIVE MODE`.execute(trx)
      check(values, (await selectSets(trx)).map(toValues))
      const row = await trx
        .insertInto('income_support_parameter_set')
        .values({ valid_from: values.validFrom, valid_until: values.validUntil, body: JSON.stringify(bodyOf(values)), source: values.source, updated_by: userId })
        .returning('id')
        .executeTakeFirstOrThrow()
      await history(trx, row.id, 1, 'create', values, userId)
      return toSet((await selectSets(trx)).find((s) => s.id === row.id)!)
    })
  } catch (e) {
    if (isOverlap(e)) throw overlapProblem
    throw e
  }
}

export async function updateParameterSet(db: Kysely<DB>, setId: string, values: ParameterValues, version: number, userId: string | null): Promise<ParameterSet> {
  try {
    return await db.transaction().execute(async (trx) => {
      await sql`LOCK TABLE income_support_parameter_set IN SHARE ROW EXCLUSIVE MODE`.execute(trx)
      const sets = await selectSets(trx)
      const current = sets.find((s) => s.id === setId)
      if (!current) throw problems.notFound()
      if (current.version !== version) throw staleProblem
      check(values, sets.filter((s) => s.id !== setId).map(toValues))
      await trx
        .updateTable('income_support_parameter_set')
        .set({
          valid_from: values.validFrom,
          valid_until: values.validUntil,
          body: JSON.stringify(bodyOf(values)),
          source: values.source,
          version: version + 1,
          updated_by: userId,
          updated_at: sql<Date>`now()`,
        })
        .where('id', '=', setId)
        .execute()
      await history(trx, setId, version + 1, 'update', values, userId)
      return toSet((await selectSets(trx)).find((s) => s.id === setId)!)
    })
  } catch (e) {
    if (isOverlap(e)) throw overlapProblem
    throw e
  }
}

/**
 * A new organisation starts with the sets Kela has published (domain defaults); the main user edits from there.
 * Runs at start-up; does nothing once any set exists.
 */
export async function ensureDefaultParameters(db: Kysely<DB>): Promise<number> {
  return db.transaction().execute(async (trx) => {
    await sql`LOCK TABLE income_support_parameter_set IN SHARE ROW EXCLUSIVE MODE`.execute(trx)
    const existing = await trx.selectFrom('income_support_parameter_set').select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow()
    if (existing.n > 0) return 0
    for (const p of DEFAULT_INCOME_SUPPORT_PARAMETERS) {
      const values = p as unknown as ParameterValues
      const row = await trx
        .insertInto('income_support_parameter_set')
        .values({ valid_from: values.validFrom, valid_until: values.validUntil, body: JSON.stringify(bodyOf(values)), source: values.source, updated_by: null })
        .returning('id')
        .executeTakeFirstOrThrow()
      await history(trx, row.id, 1, 'create', values, null)
    }
    return DEFAULT_INCOME_SUPPORT_PARAMETERS.length
  })
}

import type { PersonMerge, PersonMergeResult } from '@huoma/contract'
import { parseHetu } from '@huoma/domain'
import { sql, type Expression, type ExpressionBuilder, type SqlBool, type Transaction } from 'kysely'
import { mergedProblem, type ClientScope } from '../../access/client-access'
import type { DB, FieldChange } from '../../db/schema'
import { HttpProblem, problems, type FieldIssue } from '../../http/problem'

type Trx = Transaction<DB>
type PersonEB = ExpressionBuilder<DB, 'person'>

/**
 * A person merged into another answers 404 with a pointer to the survivor (`mergedInto`), given only to users who may
 * reach the old record; the client-data chokepoint does this for every module (access/client-access.ts).
 */
export { MERGED_PROBLEM_TYPE, mergedProblem } from '../../access/client-access'

/** Thrown when the person holding the typed henkilötunnus exists but the user may not reach them. */
export class MergeTargetHidden extends Error {
  constructor(readonly targetId: string) {
    super('merge target not visible')
  }
}

function invalid(issues: FieldIssue[]): never {
  throw problems.validation(issues)
}

/** Is the identity temporary: no henkilötunnus (an `<OID>.99.<n>` id), or one in the temporary range 900–999. */
export function isTemporaryIdentity(p: { hetu: string | null }): boolean {
  if (!p.hetu) return true
  const parsed = parseHetu(p.hetu)
  return parsed.ok && parsed.value.temporary
}

/** Tables whose person column a merge handles itself (or deliberately leaves with the merged person). */
const HANDLED = new Set(['person.merged_into', 'person_history.person_id', 'person_address.person_id', 'person_relation.person_id', 'person_relation.related_id', 'household_member.person_id'])

/** Every single-column foreign key to person(id), read from the catalogue so that tables added later move too. */
async function personForeignKeys(trx: Trx): Promise<Array<{ table_name: string; column_name: string }>> {
  const { rows } = await sql<{ table_name: string; column_name: string }>`
    SELECT c.conrelid::regclass::text AS table_name, a.attname AS column_name
    FROM pg_constraint c
    JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
    WHERE c.contype = 'f' AND c.confrelid = 'person'::regclass AND array_length(c.conkey, 1) = 1
    ORDER BY 1, 2`.execute(trx)
  return rows
}

async function history(trx: Trx, personId: string, by: string, changes: FieldChange[], reason: string) {
  await trx.insertInto('person_history').values({ person_id: personId, changed_by: by, source: 'merge', changes: JSON.stringify(changes), reason }).execute()
}

const conflict = (code: string, params?: Record<string, string>) =>
  new HttpProblem(409, 'conflict', { type: 'https://huoma.fi/problems/merge-conflict', issues: [{ field: 'body.hetu', code, params }] })

/**
 * Merges the temporary person of the scope into the real identity typed by the user, in the scope's one transaction:
 * - nobody has the henkilötunnus: it is set on this person (birth date from it), and the history says so;
 * - someone has it: every client record of this person (every table with a foreign key to person, found in the
 *   catalogue) moves to that person, this person keeps `merged_into` and drops out of searches, and both persons'
 *   history says who, when and why. Any failure rolls everything back.
 */
export async function mergePerson(
  scope: ClientScope,
  input: PersonMerge,
  actorId: string,
  isVisible: (eb: PersonEB) => Expression<SqlBool>,
): Promise<PersonMergeResult> {
  const { trx, personId } = scope
  const source = await trx.selectFrom('person').selectAll().where('id', '=', personId).forUpdate().executeTakeFirstOrThrow()
  if (source.merged_into) throw mergedProblem(source.merged_into)
  const parsed = parseHetu(input.hetu)
  if (!parsed.ok) invalid([{ field: 'body.hetu', code: `hetu.${parsed.error}` }])
  const hetu = parsed.value.hetu
  if (!isTemporaryIdentity(source)) invalid([{ field: 'body.hetu', code: 'merge.real_identity' }])
  if (hetu === source.hetu) invalid([{ field: 'body.hetu', code: 'merge.same_person' }])
  if (source.version !== input.version) throw conflict('merge.stale')
  const reason = input.reason.trim()
  if (reason.length < 5) invalid([{ field: 'body.reason', code: 'minLength', params: { limit: 5 } }])

  const holder = await trx.selectFrom('person').select(['id', 'merged_into']).where('hetu', '=', hetu).executeTakeFirst()
  if (!holder) {
    const changes: FieldChange[] = [{ field: 'hetu', from: source.hetu ?? source.temporary_id, to: hetu }]
    if (source.birth_date !== parsed.value.birthDate) changes.push({ field: 'birthDate', from: source.birth_date, to: parsed.value.birthDate })
    await trx
      .updateTable('person')
      .set({
        hetu,
        birth_date: parsed.value.birthDate,
        sex: source.sex ?? parsed.value.sexHint,
        // Never compared with the register under this identity: the card's next opening refreshes it from VTJ.
        vtj_checked_at: null,
        version: source.version + 1,
        updated_at: sql<Date>`now()`,
      })
      .where('id', '=', personId)
      .execute()
    await history(trx, personId, actorId, changes, reason)
    return { outcome: 'identified', personId, moved: {} }
  }
  if (holder.merged_into) invalid([{ field: 'body.hetu', code: 'merge.target_merged' }])
  const visible = await trx.selectFrom('person').select('id').where('id', '=', holder.id).where(isVisible).executeTakeFirst()
  if (!visible) throw new MergeTargetHidden(holder.id)
  const targetId = holder.id
  // Both rows locked in id order, so two merges of the same pair cannot deadlock.
  await trx.selectFrom('person').select('id').where('id', 'in', [personId, targetId]).orderBy('id').forUpdate().execute()

  const clash = await trx
    .selectFrom('client_relationship')
    .select('service_task')
    .where('person_id', 'in', [personId, targetId])
    .where('kind', '=', 'responsible')
    .where('end_date', 'is', null)
    .groupBy('service_task')
    .having(sql<boolean>`count(DISTINCT person_id) = 2`)
    .executeTakeFirst()
  if (clash) throw conflict('merge.responsible_conflict', { serviceTask: clash.service_task })
  const households = await trx
    .selectFrom('household_member')
    .select(['person_id', 'household_id'])
    .where('person_id', 'in', [personId, targetId])
    .where('valid_until', 'is', null)
    .execute()
  if (new Set(households.map((h) => h.household_id)).size > 1) throw conflict('merge.household_conflict')

  // First the mark: the journal's guard lets a row change its person only from a person merged into the new one.
  await trx.updateTable('person').set({ merged_into: targetId, version: source.version + 1, updated_at: sql<Date>`now()` }).where('id', '=', personId).execute()

  const moved: Record<string, number> = {}
  const count = (table: string, n: bigint | number | undefined) => {
    if (n) moved[table] = (moved[table] ?? 0) + Number(n)
  }
  // Family relations: a relation between the two records of one person makes no sense; an identical one is kept once.
  await trx
    .deleteFrom('person_relation')
    .where((eb) =>
      eb.or([
        eb.and([eb('person_id', '=', personId), eb('related_id', '=', targetId)]),
        eb.and([eb('person_id', '=', targetId), eb('related_id', '=', personId)]),
      ]),
    )
    .execute()
  count('person_relation', (await trx.updateTable('person_relation').set({ person_id: targetId }).where('person_id', '=', personId).executeTakeFirst()).numUpdatedRows)
  count('person_relation', (await trx.updateTable('person_relation').set({ related_id: targetId }).where('related_id', '=', personId).executeTakeFirst()).numUpdatedRows)
  await sql`
    DELETE FROM person_relation a USING person_relation b
    WHERE a.id > b.id AND a.person_id = b.person_id AND a.related_id = b.related_id AND a.kind = b.kind
      AND a.valid_from IS NOT DISTINCT FROM b.valid_from AND a.valid_until IS NOT DISTINCT FROM b.valid_until
      AND ${targetId}::uuid IN (a.person_id, a.related_id)`.execute(trx)
  // Households: where both were members of the same household, the survivor's membership stands.
  await trx
    .deleteFrom('household_member as hm')
    .where('hm.person_id', '=', personId)
    .where((eb) => eb.exists(eb.selectFrom('household_member as t').select('t.person_id').whereRef('t.household_id', '=', 'hm.household_id').where('t.person_id', '=', targetId)))
    .execute()
  count('household_member', (await trx.updateTable('household_member').set({ person_id: targetId }).where('person_id', '=', personId).executeTakeFirst()).numUpdatedRows)

  for (const fk of await personForeignKeys(trx)) {
    if (HANDLED.has(`${fk.table_name}.${fk.column_name}`)) continue
    try {
      const r = await sql`UPDATE ${sql.raw(fk.table_name)} SET ${sql.id(fk.column_name)} = ${targetId} WHERE ${sql.id(fk.column_name)} = ${personId}`.execute(trx)
      count(fk.table_name, r.numAffectedRows)
    } catch (e) {
      if ((e as { code?: string }).code === '23505') throw conflict('merge.conflict', { table: fk.table_name })
      throw e
    }
  }

  const target = await trx.selectFrom('person').select(['hetu', 'version']).where('id', '=', targetId).executeTakeFirstOrThrow()
  await trx.updateTable('person').set({ version: target.version + 1, updated_at: sql<Date>`now()` }).where('id', '=', targetId).execute()
  const oldIdentity = source.temporary_id ?? source.hetu
  await history(trx, personId, actorId, [{ field: 'mergedInto', from: null, to: targetId }], reason)
  await history(trx, targetId, actorId, [{ field: 'mergedFrom', from: oldIdentity, to: target.hetu }, ...Object.entries(moved).map(([table, n]) => ({ field: `moved.${table}`, from: 0, to: n }))], reason)
  scope.touch(targetId)
  return { outcome: 'merged', personId: targetId, moved }
}

import type { FamilyRelation, FamilyRelationAdd, HouseholdMemberAdd } from '@huoma/contract'
import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely'
import type { ClientScope } from '../../access/client-access'
import type { DB } from '../../db/schema'
import { problems, type FieldIssue } from '../../http/problem'

type PersonEB = ExpressionBuilder<DB, 'person'>
type IsVisible = (eb: PersonEB) => Expression<SqlBool>

function invalid(issues: FieldIssue[]): never {
  throw problems.validation(issues)
}

/**
 * person_relation reads "person_id has <kind> related_id": related_id is the parent / guardian / spouse of person_id.
 * The API speaks from the card's person: relation "parent" = the other person is my parent, "child" = I am theirs.
 */
function orient(me: string, other: string, relation: FamilyRelation) {
  switch (relation) {
    case 'parent':
      return { person_id: me, related_id: other, kind: 'parent' as const }
    case 'child':
      return { person_id: other, related_id: me, kind: 'parent' as const }
    case 'guardian':
      return { person_id: me, related_id: other, kind: 'guardian' as const }
    case 'ward':
      return { person_id: other, related_id: me, kind: 'guardian' as const }
    default:
      return { person_id: me, related_id: other, kind: relation }
  }
}

/** The other person exists, is not merged away, and the user may see them for this action. */
async function assertReachable(scope: ClientScope, otherId: string, isVisible: IsVisible, field: string) {
  const row = await scope.trx
    .selectFrom('person')
    .select('id')
    .where('id', '=', otherId)
    .where('merged_into', 'is', null)
    .where(isVisible)
    .executeTakeFirst()
  if (!row) invalid([{ field, code: 'family.person_not_found' }])
}

/** Serialises edits of these persons' family and household data (row locks in id order). */
async function lockPersons(scope: ClientScope, ids: string[]) {
  await scope.trx.selectFrom('person').select('id').where('id', 'in', ids).orderBy('id').forUpdate().execute()
}

export async function addRelation(scope: ClientScope, input: FamilyRelationAdd, isVisible: IsVisible): Promise<{ relationId: string }> {
  const me = scope.personId
  const issues: FieldIssue[] = []
  if (input.relatedId === me) issues.push({ field: 'body.relatedId', code: 'family.self' })
  if (input.validFrom && input.validUntil && input.validUntil < input.validFrom) issues.push({ field: 'body.validUntil', code: 'date.before_start' })
  if (issues.length) invalid(issues)
  await assertReachable(scope, input.relatedId, isVisible, 'body.relatedId')
  await lockPersons(scope, [me, input.relatedId])
  const row = orient(me, input.relatedId, input.relation)
  const symmetric = row.kind === 'spouse' || row.kind === 'cohabitant'
  // One open relation of a kind between two persons; parent and guardian never both ways.
  const existing = await scope.trx
    .selectFrom('person_relation')
    .select(['person_id', 'kind'])
    .where('valid_until', 'is', null)
    .where((eb) =>
      eb.or([
        eb.and([eb('person_id', '=', row.person_id), eb('related_id', '=', row.related_id)]),
        eb.and([eb('person_id', '=', row.related_id), eb('related_id', '=', row.person_id)]),
      ]),
    )
    .execute()
  const same = existing.find((e) => e.kind === row.kind && (symmetric || e.person_id === row.person_id))
  if (same && !input.validUntil) invalid([{ field: 'body.relation', code: 'family.duplicate' }])
  if (!symmetric && existing.some((e) => e.kind === row.kind && e.person_id !== row.person_id)) invalid([{ field: 'body.relation', code: 'family.reversed' }])
  const inserted = await scope.trx
    .insertInto('person_relation')
    .values({ ...row, valid_from: input.validFrom ?? null, valid_until: input.validUntil ?? null })
    .returning('id')
    .executeTakeFirstOrThrow()
  scope.touch(input.relatedId)
  return { relationId: inserted.id }
}

export async function endRelation(scope: ClientScope, relationId: string, validUntil: string): Promise<{ relationId: string }> {
  const me = scope.personId
  const r = await scope.trx
    .selectFrom('person_relation')
    .select(['id', 'person_id', 'related_id', 'kind', 'valid_from', 'valid_until'])
    .where('id', '=', relationId)
    .where((eb) => eb.or([eb('person_id', '=', me), eb('related_id', '=', me)]))
    .forUpdate()
    .executeTakeFirst()
  if (!r) throw problems.notFound()
  if (r.valid_until) invalid([{ field: 'body.validUntil', code: 'family.already_ended' }])
  if (r.valid_from && validUntil < r.valid_from) invalid([{ field: 'body.validUntil', code: 'date.before_start' }])
  await scope.trx.updateTable('person_relation').set({ valid_until: validUntil }).where('id', '=', relationId).execute()
  // a marriage recorded from both sides ends on both (the card shows it once)
  if (r.kind === 'spouse') {
    await scope.trx
      .updateTable('person_relation')
      .set({ valid_until: validUntil })
      .where('kind', '=', 'spouse')
      .where('person_id', '=', r.related_id)
      .where('related_id', '=', r.person_id)
      .where('valid_until', 'is', null)
      .execute()
  }
  scope.touch(r.person_id === me ? r.related_id : r.person_id)
  return { relationId }
}

async function openMembership(scope: ClientScope, personId: string) {
  return scope.trx
    .selectFrom('household_member')
    .select(['household_id', 'valid_from'])
    .where('person_id', '=', personId)
    .where('valid_until', 'is', null)
    .executeTakeFirst()
}

/** Starts a household (ruokakunta) with the card's person as its first member. */
export async function startHousehold(scope: ClientScope, validFrom: string): Promise<{ householdId: string }> {
  await lockPersons(scope, [scope.personId])
  if (await openMembership(scope, scope.personId)) invalid([{ field: 'body.validFrom', code: 'household.already_member' }])
  const h = await scope.trx.insertInto('household').defaultValues().returning('id').executeTakeFirstOrThrow()
  await scope.trx.insertInto('household_member').values({ household_id: h.id, person_id: scope.personId, valid_from: validFrom }).execute()
  return { householdId: h.id }
}

/** Adds a person to the card's person's current household. */
export async function addHouseholdMember(scope: ClientScope, input: HouseholdMemberAdd, isVisible: IsVisible): Promise<{ householdId: string }> {
  if (input.personId === scope.personId) invalid([{ field: 'body.personId', code: 'household.already_member' }])
  await assertReachable(scope, input.personId, isVisible, 'body.personId')
  await lockPersons(scope, [scope.personId, input.personId])
  const mine = await openMembership(scope, scope.personId)
  if (!mine) invalid([{ field: 'body.personId', code: 'household.none' }])
  const theirs = await openMembership(scope, input.personId)
  if (theirs) invalid([{ field: 'body.personId', code: theirs.household_id === mine.household_id ? 'household.already_member' : 'household.member_elsewhere' }])
  const lastEnd = await scope.trx
    .selectFrom('household_member')
    .select(sql<string>`max(valid_until)`.as('until'))
    .where('person_id', '=', input.personId)
    .executeTakeFirst()
  if (lastEnd?.until && input.validFrom <= lastEnd.until) invalid([{ field: 'body.validFrom', code: 'household.overlap' }])
  await scope.trx.insertInto('household_member').values({ household_id: mine.household_id, person_id: input.personId, valid_from: input.validFrom }).execute()
  scope.touch(input.personId)
  return { householdId: mine.household_id }
}

/** Ends a member's (possibly the card's person's own) membership of the card's person's current household. */
export async function endHouseholdMember(scope: ClientScope, memberId: string, validUntil: string): Promise<{ householdId: string }> {
  await lockPersons(scope, [scope.personId, memberId])
  const mine = await openMembership(scope, scope.personId)
  if (!mine) throw problems.notFound()
  const m = await scope.trx
    .selectFrom('household_member')
    .select(['valid_from'])
    .where('household_id', '=', mine.household_id)
    .where('person_id', '=', memberId)
    .where('valid_until', 'is', null)
    .executeTakeFirst()
  if (!m) throw problems.notFound()
  if (validUntil < m.valid_from) invalid([{ field: 'body.validUntil', code: 'date.before_start' }])
  await scope.trx
    .updateTable('household_member')
    .set({ valid_until: validUntil })
    .where('household_id', '=', mine.household_id)
    .where('person_id', '=', memberId)
    .where('valid_until', 'is', null)
    .execute()
  scope.touch(memberId)
  return { householdId: mine.household_id }
}

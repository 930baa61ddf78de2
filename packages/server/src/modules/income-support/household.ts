import type { HouseholdProposal, MemberRole } from '@huoma/contract'
import { ageOn, localDate } from '@huoma/domain'
import type { ClientScope } from '../../access/client-access'

/**
 * The registry's household of the client on a day, as proposed members of an income support application: the
 * client is the applicant; a spouse or cohabitant (person_relation, in force that day) is the spouse; the client's or
 * the spouse's minor children living there are children; an adult child of the client living there is an adult child
 * (TTTL 9 § 2 mom); anyone else living there is listed without a role (not part of the family in TTTL 6 §).
 */
export async function householdProposal(scope: ClientScope, on: string): Promise<HouseholdProposal> {
  const { trx, personId } = scope
  const inForce = <T extends { valid_from: string | null; valid_until: string | null }>(r: T) => (!r.valid_from || r.valid_from <= on) && (!r.valid_until || r.valid_until >= on)
  const mine = (await trx.selectFrom('household_member').select(['household_id', 'valid_from', 'valid_until']).where('person_id', '=', personId).execute()).filter(inForce)
  const householdId = mine[0]?.household_id
  const rows = householdId
    ? (
        await trx
          .selectFrom('household_member as m')
          .innerJoin('person as p', 'p.id', 'm.person_id')
          .select(['p.id', 'p.first_names', 'p.last_name', 'p.birth_date', 'm.valid_from', 'm.valid_until'])
          .where('m.household_id', '=', householdId)
          .where('p.merged_into', 'is', null)
          .execute()
      ).filter(inForce)
    : []
  const self = await trx.selectFrom('person').select(['id', 'first_names', 'last_name', 'birth_date']).where('id', '=', personId).executeTakeFirstOrThrow()
  const people = new Map([[self.id, self], ...rows.map((r) => [r.id, r] as const)])
  const ids = [...people.keys()]
  const relations = (
    await trx
      .selectFrom('person_relation')
      .select(['person_id', 'related_id', 'kind', 'valid_from', 'valid_until'])
      .where((eb) => eb.and([eb('person_id', 'in', ids), eb('related_id', 'in', ids)]))
      .execute()
  ).filter(inForce)
  const related = (a: string, b: string, kinds: string[]) =>
    relations.some((r) => kinds.includes(r.kind) && ((r.person_id === a && r.related_id === b) || (r.person_id === b && r.related_id === a)))
  // "parent" rows: person_id is the parent of related_id (or the other way round in older data): accept either,
  // deciding by age
  const isChildOf = (child: string, parent: string) =>
    relations.some((r) => (r.kind === 'parent' || r.kind === 'guardian') && ((r.person_id === parent && r.related_id === child) || (r.person_id === child && r.related_id === parent))) &&
    (people.get(child)?.birth_date ?? '') > (people.get(parent)?.birth_date ?? '')
  const spouse = ids.find((id) => id !== personId && related(personId, id, ['spouse', 'cohabitant']))
  const parents = [personId, ...(spouse ? [spouse] : [])]
  const day = localDate(on)
  const roleOf = (id: string): MemberRole | null => {
    if (id === personId) return 'applicant'
    if (id === spouse) return 'spouse'
    const birth = people.get(id)?.birth_date
    if (!birth || !parents.some((p) => isChildOf(id, p))) return null
    return ageOn(localDate(birth), day) < 18 ? 'child' : isChildOf(id, personId) ? 'adult_child' : null
  }
  const order: Record<string, number> = { applicant: 0, spouse: 1, child: 2, adult_child: 3 }
  const members = ids
    .map((id) => {
      const p = people.get(id)!
      return { personId: id, firstNames: p.first_names, lastName: p.last_name, birthDate: p.birth_date, role: roleOf(id) }
    })
    .sort((a, b) => (order[a.role ?? ''] ?? 9) - (order[b.role ?? ''] ?? 9) || (a.birthDate ?? '').localeCompare(b.birthDate ?? ''))
  scope.touch(...ids)
  return { on, members }
}

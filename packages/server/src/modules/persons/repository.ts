import { sql, type Expression, type ExpressionBuilder, type SqlBool, type Transaction } from 'kysely'
import type { PersonDetails, PersonSummary } from '@huoma/contract'
import type { DB } from '../../db/schema'
import type { ClientScope } from '../../access/client-access'

type PersonEB = ExpressionBuilder<DB, 'person'>

const SUMMARY_COLUMNS = [
  'person.id',
  'person.hetu',
  'person.temporary_id',
  'person.first_names',
  'person.last_name',
  'person.birth_date',
  'person.death_date',
  'person.turvakielto',
] as const

export interface PersonCriteria {
  /** folded name key, see foldForSearch */
  nameKey?: string
  hetu?: string
  birthDate?: string
  limit: number
}

function criteria(eb: PersonEB, c: PersonCriteria): Expression<SqlBool> {
  const ands: Expression<SqlBool>[] = []
  if (c.hetu) ands.push(eb('person.hetu', '=', c.hetu))
  if (c.birthDate) ands.push(eb('person.birth_date', '=', c.birthDate))
  if (c.nameKey) {
    // Prefix match on the folded "surname first names" key, or approximate (trigram) when nothing starts so.
    ands.push(eb.or([eb('person.search_name', 'like', `${c.nameKey.replace(/[\\%_]/g, '\\$&')}%`), sql<SqlBool>`person.search_name % ${c.nameKey}`]))
  }
  return eb.and(ands)
}

/** Persons matching the criteria that the filter lets through, best match first. */
export async function searchVisible(
  trx: Transaction<DB>,
  c: PersonCriteria,
  isVisible: (eb: PersonEB) => Expression<SqlBool>,
): Promise<Array<PersonSummary & { sortKey: string }>> {
  let q = trx
    .selectFrom('person')
    .select(SUMMARY_COLUMNS)
    .select('person.search_name')
    .where((eb) => eb.and([criteria(eb, c), isVisible(eb)]))
  if (c.nameKey) {
    q = q.orderBy(sql`(person.search_name LIKE ${c.nameKey + '%'})`, 'desc').orderBy(sql`similarity(person.search_name, ${c.nameKey})`, 'desc')
  }
  const rows = await q.orderBy('person.search_name').limit(c.limit).execute()
  return rows.map((r) => ({ ...toSummary(r), sortKey: r.search_name }))
}

/** How many matching persons the filter hides (shown as "a person exists"). */
export async function countHidden(
  trx: Transaction<DB>,
  c: PersonCriteria,
  isVisible: (eb: PersonEB) => Expression<SqlBool>,
): Promise<number> {
  const row = await trx
    .selectFrom('person')
    .select(sql<number>`count(*)`.as('n'))
    .where((eb) => eb.and([criteria(eb, c), eb.not(isVisible(eb))]))
    .executeTakeFirstOrThrow()
  return row.n
}

function toSummary(r: {
  id: string
  hetu: string | null
  temporary_id: string | null
  first_names: string
  last_name: string
  birth_date: string | null
  death_date: string | null
  turvakielto: boolean
}): PersonSummary {
  return {
    id: r.id,
    hetu: r.hetu,
    temporaryId: r.temporary_id,
    firstNames: r.first_names,
    lastName: r.last_name,
    birthDate: r.birth_date,
    deathDate: r.death_date,
    turvakielto: r.turvakielto,
  }
}

/** One person's basic data. Under turvakielto only the contact address is returned. */
export async function readPerson(scope: ClientScope): Promise<PersonDetails> {
  const p = await scope.trx
    .selectFrom('person')
    .select([...SUMMARY_COLUMNS, 'calling_name', 'service_language', 'native_language', 'phone', 'email', 'version'])
    .where('id', '=', scope.personId)
    .executeTakeFirstOrThrow()
  let addresses = scope.trx
    .selectFrom('person_address')
    .select(['kind', 'street', 'postal_code', 'post_office', 'valid_from', 'valid_until'])
    .where('person_id', '=', scope.personId)
  if (p.turvakielto) addresses = addresses.where('kind', '=', 'contact')
  const rows = await addresses.orderBy('kind').orderBy('valid_from', 'desc').execute()
  return {
    ...toSummary(p),
    callingName: p.calling_name,
    serviceLanguage: p.service_language,
    nativeLanguage: p.native_language,
    phone: p.phone,
    email: p.email,
    version: p.version,
    addresses: rows.map((a) => ({
      kind: a.kind,
      street: a.street,
      postalCode: a.postal_code,
      postOffice: a.post_office,
      validFrom: a.valid_from,
      validUntil: a.valid_until,
    })),
  }
}

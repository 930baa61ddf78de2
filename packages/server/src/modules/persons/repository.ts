import { sql, type Expression, type ExpressionBuilder, type SqlBool, type Transaction } from 'kysely'
import type { PersonDetails, PersonSummary } from '@huoma/contract'
import { compareFinnish } from '@huoma/domain'
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

const likeEscape = (s: string) => s.replace(/[\\%_]/g, '\\$&')

/**
 * Name matching on the folded key "surname first names" (diacritics removed: "hamalainen" finds "Hämäläinen"):
 * - a prefix of the whole key ("virtanen ai") — the btree text_pattern_ops index;
 * - every word typed (3+ letters) starting a word of the key, in any order ("aino virtanen") — trigram GIN for the
 *   LIKE, the word-start check filters the few candidates;
 * - typo-tolerant: word similarity (pg_trgm `<%`) of what was typed to the best-matching part of the key.
 */
function allWordsMatch(eb: PersonEB, key: string): Expression<SqlBool> | undefined {
  const tokens = key.split(' ').filter((t) => t.length >= 3)
  if (!tokens.length) return undefined
  return eb.and(
    tokens.flatMap((t) => [
      eb('person.search_name', 'like', `%${likeEscape(t)}%`),
      sql<SqlBool>`(' ' || person.search_name) LIKE ${`% ${likeEscape(t)}%`}`,
    ]),
  )
}

function nameMatch(eb: PersonEB, key: string): Expression<SqlBool> {
  const ors: Expression<SqlBool>[] = [eb('person.search_name', 'like', `${likeEscape(key)}%`)]
  const words = allWordsMatch(eb, key)
  if (words) ors.push(words)
  if (key.length >= 4) ors.push(sql<SqlBool>`${key} <% person.search_name`)
  return eb.or(ors)
}

function criteria(eb: PersonEB, c: PersonCriteria): Expression<SqlBool> {
  const ands: Expression<SqlBool>[] = []
  if (c.hetu) ands.push(eb('person.hetu', '=', c.hetu))
  if (c.birthDate) ands.push(eb('person.birth_date', '=', c.birthDate))
  if (c.nameKey) ands.push(nameMatch(eb, c.nameKey))
  return eb.and(ands)
}

/**
 * Persons matching the criteria that the filter lets through: by relevance tier (whole-key prefix, then all words,
 * then approximate — only when nothing matched as typed), and within a tier in Finnish alphabetical order (Å Ä Ö after Z) — sorted here because the
 * embedded database has no Finnish collation.
 */
export async function searchVisible(
  trx: Transaction<DB>,
  c: PersonCriteria,
  isVisible: (eb: PersonEB) => Expression<SqlBool>,
): Promise<Array<PersonSummary & { sortKey: string }>> {
  const key = c.nameKey ?? ''
  // One typo in a ten-letter name gives a word similarity of about 0.55; pg_trgm's default cut-off is 0.6.
  if (key) await sql`SET LOCAL pg_trgm.word_similarity_threshold = 0.5`.execute(trx)
  let q = trx
    .selectFrom('person')
    .select(SUMMARY_COLUMNS)
    .select((eb) => {
      if (!key) return sql<number>`0`.as('tier')
      const words = allWordsMatch(eb, key) ?? sql<SqlBool>`false`
      return sql<number>`CASE WHEN person.search_name LIKE ${likeEscape(key) + '%'} THEN 0 WHEN ${words} THEN 1 ELSE 2 END`.as('tier')
    })
    .where((eb) => eb.and([criteria(eb, c), isVisible(eb)]))
  if (key) q = q.orderBy('tier').orderBy(sql`word_similarity(${key}, person.search_name)`, 'desc')
  const found = await q.orderBy('person.search_name').limit(c.limit).execute()
  // Approximate matches only when nothing matched as typed: a correct name should not drown in look-alikes.
  const rows = found.some((r) => r.tier < 2) ? found.filter((r) => r.tier < 2) : found
  return rows
    .map((r) => ({ ...toSummary(r), tier: r.tier, sortKey: `${r.last_name} ${r.first_names}` }))
    .sort((a, b) => a.tier - b.tier || compareFinnish(a.sortKey, b.sortKey))
    .map(({ tier: _, ...p }) => p)
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

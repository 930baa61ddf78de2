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

type NamePhase = 'prefix' | 'words' | 'fuzzy'

/** What "matches the name" means in each phase of a search, most exact first. */
function nameMatch(eb: PersonEB, key: string, phase: NamePhase): Expression<SqlBool> {
  const prefix = eb('person.search_name', 'like', `${likeEscape(key)}%`)
  if (phase === 'prefix') return prefix
  if (phase === 'words') return eb.and([allWordsMatch(eb, key) ?? sql<SqlBool>`false`, eb.not(prefix)])
  return sql<SqlBool>`${key} <% person.search_name`
}

function typedMatch(eb: PersonEB, key: string): Expression<SqlBool> {
  const words = allWordsMatch(eb, key)
  return words ? eb.or([nameMatch(eb, key, 'prefix'), words]) : nameMatch(eb, key, 'prefix')
}

function criteria(eb: PersonEB, c: PersonCriteria, name?: Expression<SqlBool>): Expression<SqlBool> {
  // A person merged into another is found only as the surviving person.
  const ands: Expression<SqlBool>[] = [eb('person.merged_into', 'is', null)]
  if (c.hetu) ands.push(eb('person.hetu', '=', c.hetu))
  if (c.birthDate) ands.push(eb('person.birth_date', '=', c.birthDate))
  if (name) ands.push(name)
  return eb.and(ands)
}

/** One typo in a ten-letter name gives a word similarity of about 0.55; pg_trgm's default cut-off is 0.6. */
async function fuzzyThreshold(trx: Transaction<DB>) {
  await sql`SET LOCAL pg_trgm.word_similarity_threshold = 0.5`.execute(trx)
}

/**
 * Persons matching the criteria that the filter lets through. A name is searched on the folded key "surname first
 * names" (diacritics removed: "hamalainen" finds "Hämäläinen") in phases, each a cheap indexed query:
 * 1. a prefix of the whole key ("virtanen ai") — btree text_pattern_ops, read in index order;
 * 2. if that leaves room: every typed word (3+ letters) starting a word of the key, in any order ("aino virtanen")
 *    — trigram GIN;
 * 3. only if nothing matched as typed: typo-tolerant word similarity (pg_trgm `<%`), best first.
 * The result is in Finnish alphabetical order (Å Ä Ö after Z) within each phase — sorted here because the embedded
 * database has no Finnish collation.
 */
export async function searchVisible(
  trx: Transaction<DB>,
  c: PersonCriteria,
  isVisible: (eb: PersonEB) => Expression<SqlBool>,
): Promise<Array<PersonSummary & { sortKey: string }>> {
  const key = c.nameKey ?? ''
  const run = async (name: NamePhase | undefined, limit: number) => {
    let q = trx
      .selectFrom('person')
      .select(SUMMARY_COLUMNS)
      .where((eb) => eb.and([criteria(eb, c, name ? nameMatch(eb, key, name) : undefined), isVisible(eb)]))
    q = name === 'fuzzy' ? q.orderBy(sql`word_similarity(${key}, person.search_name)`, 'desc') : q.orderBy(sql`person.search_name USING ~<~`)
    return (await q.limit(limit).execute()).map((r) => ({ ...toSummary(r), sortKey: `${r.last_name} ${r.first_names}` }))
  }
  const byName = (rows: Array<PersonSummary & { sortKey: string }>) => rows.sort((a, b) => compareFinnish(a.sortKey, b.sortKey))
  if (!key) return byName(await run(undefined, c.limit))
  const found = byName(await run('prefix', c.limit))
  if (found.length < c.limit && allWordsMatchable(key)) found.push(...byName(await run('words', c.limit - found.length)))
  if (found.length === 0 && key.length >= 4) {
    await fuzzyThreshold(trx)
    return run('fuzzy', c.limit)
  }
  return found
}

const allWordsMatchable = (key: string) => key.split(' ').some((t) => t.length >= 3)

/**
 * How many matching persons the filter hides (shown as "a person exists"), counted up to 100: the number only has
 * to tell the worker that the person they look for may be there, and counting every "Korhonen" costs.
 */
export async function countHidden(
  trx: Transaction<DB>,
  c: PersonCriteria,
  isVisible: (eb: PersonEB) => Expression<SqlBool>,
): Promise<number> {
  const key = c.nameKey ?? ''
  const count = async (name?: (eb: PersonEB) => Expression<SqlBool>) => {
    const row = await trx
      .selectFrom((db) =>
        db
          .selectFrom('person')
          .select(sql.lit(1).as('one'))
          .where((eb) => eb.and([criteria(eb, c, name?.(eb)), eb.not(isVisible(eb))]))
          .limit(HIDDEN_COUNT_CAP)
          .as('hidden'),
      )
      .select(sql<number>`count(*)::int`.as('n'))
      .executeTakeFirstOrThrow()
    return row.n
  }
  if (!key) return count()
  const typed = await count((eb) => typedMatch(eb, key))
  if (typed > 0 || key.length < 4) return typed
  const anyTyped = await trx.selectFrom('person').select('id').where((eb) => criteria(eb, c, typedMatch(eb, key))).limit(1).executeTakeFirst()
  if (anyTyped) return 0
  await fuzzyThreshold(trx)
  return count((eb) => nameMatch(eb, key, 'fuzzy'))
}

export const HIDDEN_COUNT_CAP = 100

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
    .select([...SUMMARY_COLUMNS, 'calling_name', 'service_language', 'native_language', 'phone', 'email', 'iban', 'version'])
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
    iban: p.iban,
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

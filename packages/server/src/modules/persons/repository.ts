import { sql, type Expression, type ExpressionBuilder, type Selectable, type SqlBool, type Transaction } from 'kysely'
import { jsonArrayFrom } from 'kysely/helpers/postgres'
import type { PersonDetails, PersonSummary } from '@huoma/contract'
import { compareFinnish } from '@huoma/domain'
import type { DB } from '../../db/schema'
import { readContextOf, type ClientFind, type ClientRead, type ClientScope, type Reach } from '../../access/client-access'

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

/** How many words of the key a typed word is matched against: the first by the whole-key prefix index, the rest by migration 0057's. */
const WORD_POSITIONS = [2, 3, 4, 5] as const

/** A folded name key: the person's (indexed) or the one kept on a client relationship row (migration 0069). */
type NameKey = Expression<string>
const PERSON_NAME: NameKey = sql.ref<string>('person.search_name')
// The separator and position as literals, so that on `person` the expression is the indexed one.
const wordAt = (name: NameKey, n: number) => sql<string>`split_part(${name}, ${sql.lit(' ')}, ${sql.lit(n)})`
const like = (e: Expression<string>, pattern: string) => sql<SqlBool>`${e} LIKE ${pattern}`

/**
 * "`e` starts with `text`" as the byte-order range `text ≤ e < text's successor` (the `text_pattern_ops` operators):
 * what the planner derives from `LIKE 'text%'` with a literal, but sargable with parameters too — so a search's
 * statements keep one text per shape and PostgreSQL may reuse a generic plan instead of planning each search.
 */
function startsWith(e: Expression<string>, text: string): Expression<SqlBool> {
  const chars = [...text]
  const last = chars.pop()
  const code = last === undefined ? undefined : last.codePointAt(0)!
  // no successor (empty, or the last code point of Unicode): the pattern itself
  if (code === undefined || code >= 0x10ffff || (code >= 0xd7ff && code < 0xe000)) return like(e, `${likeEscape(text)}%`)
  const successor = chars.join('') + String.fromCodePoint(code + 1)
  return sql<SqlBool>`(${e} ~>=~ ${text} AND ${e} ~<~ ${successor})`
}
const anyOf = (conds: Expression<SqlBool>[]) => sql<SqlBool>`(${sql.join(conds, sql` OR `)})`
const allOf = (conds: Expression<SqlBool>[]) => sql<SqlBool>`(${sql.join(conds, sql` AND `)})`

/**
 * Name matching on the folded key "surname first names" (diacritics removed: "hamalainen" finds "Hämäläinen"):
 * - a prefix of the whole key ("virtanen ai") — the btree text_pattern_ops index;
 * - every word typed (3+ letters) starting one of the first five words of the key, in any order ("aino virtanen")
 *   — per word the whole-key prefix index or the btree of that word position (`split_part`, migration 0057), each a
 *   range a capped count can stop in;
 * - typo-tolerant: every typed word (3+ letters) is like (pg_trgm word similarity ≥ 0.5) one of the first five
 *   words of the key — the like words looked up in the vocabulary of name words (`person_name_word`, trigram GiST,
 *   nearest first), the persons by those words on the position indexes.
 */
function wordStarts(name: NameKey, token: string): Expression<SqlBool> {
  return anyOf([startsWith(name, token), ...WORD_POSITIONS.map((n) => startsWith(wordAt(name, n), token))])
}

function allWordsMatch(name: NameKey, key: string): Expression<SqlBool> | undefined {
  const tokens = key.split(' ').filter((t) => t.length >= 3)
  if (!tokens.length) return undefined
  return allOf(tokens.map((t) => wordStarts(name, t)))
}

type NamePhase = 'prefix' | 'words'

/** What "matches the name" means in each phase of a search, most exact first. */
function nameMatch(name: NameKey, key: string, phase: NamePhase): Expression<SqlBool> {
  const prefix = startsWith(name, key)
  if (phase === 'prefix') return prefix
  return allOf([allWordsMatch(name, key) ?? sql<SqlBool>`false`, sql<SqlBool>`NOT (${prefix})`])
}

/** How many like words of the vocabulary one typed word may stand for. */
const LIKE_WORDS = 20

/** For each typed word (3+ letters), the vocabulary's words like it (word similarity ≥ 0.5), nearest first. */
async function likeWords(trx: Transaction<DB>, key: string): Promise<string[][]> {
  await fuzzyThreshold(trx)
  const out: string[][] = []
  for (const token of key.split(' ').filter((t) => t.length >= 3)) {
    const rows = await trx
      .selectFrom('person_name_word')
      .select('word')
      .where(sql<SqlBool>`${token} <% word`)
      .orderBy(sql`word <->> ${token}`)
      .limit(LIKE_WORDS)
      .execute()
    out.push(rows.map((r) => r.word))
  }
  return out
}

/** Every typed word is like one of the first five words of the key: equalities on the position indexes. */
function fuzzyMatch(name: NameKey, likeWords: string[][]): Expression<SqlBool> {
  const inWords = (e: Expression<string>, words: string[]) => sql<SqlBool>`${e} IN (${sql.join(words)})`
  return allOf(likeWords.map((words) => (words.length ? anyOf([1, ...WORD_POSITIONS].map((n) => inWords(wordAt(name, n), words))) : sql<SqlBool>`false`)))
}

/** Matched as typed: the prefix phase or the words phase. */
function typedMatch(name: NameKey, key: string): Expression<SqlBool> {
  const words = allWordsMatch(name, key)
  return words ? anyOf([nameMatch(name, key, 'prefix'), words]) : nameMatch(name, key, 'prefix')
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
const FUZZY_THRESHOLD = 0.5
async function fuzzyThreshold(trx: Transaction<DB>) {
  await sql`SET LOCAL pg_trgm.word_similarity_threshold = ${sql.lit(FUZZY_THRESHOLD)}`.execute(trx)
}

type Found = PersonSummary & { sortKey: string }
type SummaryRow = Parameters<typeof toSummary>[0]
const found = (r: SummaryRow): Found => ({ ...toSummary(r), sortKey: `${r.last_name} ${r.first_names}` })
const byName = (rows: Found[]) => rows.sort((a, b) => compareFinnish(a.sortKey, b.sortKey))
const allWordsMatchable = (key: string) => key.split(' ').some((t) => t.length >= 3)

/**
 * Where a search looks: the visibility filter, and the reachable set when the access layer gives one. With a set
 * (a worker's clients) the search starts from it — a few index lookups per client — and matches the names there;
 * without one (`everyone`: the registry's basic data; or a caller's own filter) it walks the name indexes.
 */
export interface SearchScope {
  isVisible: (eb: PersonEB) => Expression<SqlBool>
  reach?: Reach
}

const fromReach = (scope: SearchScope): scope is SearchScope & { reach: Reach } => scope.reach !== undefined && !scope.reach.everyone

/**
 * Persons matching the criteria that the filter lets through, most exact first: the name as a prefix of the folded
 * key "surname first names" (diacritics removed: "hamalainen" finds "Hämäläinen"), then every typed word (3+
 * letters) starting a word of the key in any order ("aino virtanen"), and only when nothing matched as typed
 * (visible or not), typo-tolerant: every typed word like a word of the name (see {@link likeWords}), best first. The prefix and word matches are in
 * Finnish alphabetical order (Å Ä Ö after Z) within each phase — sorted here because the embedded database has no
 * Finnish collation.
 *
 * From a reachable set (a worker) the set's persons are matched by name in one statement per phase, never in index
 * order (a `LIMIT` over an index order would walk every "Ko…" of the register looking for the worker's few).
 * Over the whole register each phase is an index walk: the prefix the btree `text_pattern_ops` in index order, the
 * words and the typos' like words the position indexes of migration 0057 (a bitmap of the persons having them,
 * sorted, never an index order with a filter).
 */
/** The persons found, and from a reachable set how many of its persons match in all (the page may show fewer). */
interface Matches {
  rows: Found[]
  reachable?: number
}

async function matchVisible(trx: Transaction<DB>, c: PersonCriteria, scope: SearchScope): Promise<Matches> {
  const key = c.nameKey ?? ''
  const { isVisible } = scope
  // by name from the reachable set; by henkilötunnus or birth date the unique index finds the row, then its visibility
  if (fromReach(scope) && key) {
    const { reach } = scope
    const rows = await trx
      .selectFrom('person')
      .select([
        ...SUMMARY_COLUMNS,
        sql<number>`CASE WHEN person.search_name LIKE ${`${likeEscape(key)}%`} THEN 0 ELSE 1 END`.as('phase'),
        sql<number>`count(*) OVER ()`.as('reachable'),
      ])
      // the reachable set is the visible set, condition for condition (access/client-access.ts): no second check per
      // row; its relationship rows are matched by the name kept on them, so only matching persons are read
      .where((eb) => eb.and([reach.contains(eb, (name) => typedMatch(name, key)), criteria(eb, c, typedMatch(PERSON_NAME, key))]))
      .orderBy('phase')
      .orderBy(sql`person.search_name COLLATE "C"`)
      .limit(c.limit)
      .execute()
    return {
      rows: [...byName(rows.filter((r) => r.phase === 0).map(found)), ...byName(rows.filter((r) => r.phase !== 0).map(found))],
      reachable: Number(rows[0]?.reachable ?? 0),
    }
  }
  const run = async (name: NamePhase | undefined, limit: number) =>
    (
      await trx
        .selectFrom('person')
        .select(SUMMARY_COLUMNS)
        .where((eb) => eb.and([criteria(eb, c, name ? nameMatch(PERSON_NAME, key, name) : undefined), isVisible(eb)]))
        // The prefix in the index's order; the words sorted (in index order they would filter the whole index).
        .orderBy(name === 'words' ? sql`person.search_name COLLATE "C"` : sql`person.search_name USING ~<~`)
        .limit(limit)
        .execute()
    ).map(found)
  if (!key) return { rows: byName(await run(undefined, c.limit)) }
  const rows = byName(await run('prefix', c.limit))
  if (rows.length < c.limit && allWordsMatchable(key)) rows.push(...byName(await run('words', c.limit - rows.length)))
  return { rows }
}

/**
 * The typo-tolerant matches the filter lets through (only asked when nothing matched as typed): every typed word is
 * like a word of the name (see {@link likeWords}), best word similarity to the whole key first.
 */
async function fuzzyVisible(trx: Transaction<DB>, c: PersonCriteria, key: string, like: string[][], scope: SearchScope): Promise<Matches> {
  const { isVisible } = scope
  const similarity = sql<number>`word_similarity(${key}, person.search_name)`
  const rows = await trx
    .selectFrom('person')
    // from a reachable set its matches are counted in the same pass (the hidden ones are all less these)
    .select([...SUMMARY_COLUMNS, sql<number>`${fromReach(scope) ? sql`count(*) OVER ()` : sql`NULL::int`}`.as('reachable')])
    .where((eb) => eb.and([fromReach(scope) ? scope.reach.contains(eb, (name) => fuzzyMatch(name, like)) : isVisible(eb), criteria(eb, c, fuzzyMatch(PERSON_NAME, like))]))
    .orderBy(similarity, 'desc')
    .orderBy(sql`person.search_name COLLATE "C"`)
    .limit(c.limit)
    .execute()
  return fromReach(scope) ? { rows: rows.map(found), reachable: Number(rows[0]?.reachable ?? 0) } : { rows: rows.map(found) }
}

/**
 * Runs a search with the planner's table scans off: every statement of a search has an index to start from, and a
 * `LIMIT` over a common name ("virtanen": 2 % of the register) lets the planner bet on a scan that finds the first
 * hundred rows soon — a bet lost whenever the hidden ones are fewer (the whole million read, seconds).
 */
async function withoutTableScans<T>(trx: Transaction<DB>, work: () => Promise<T>): Promise<T> {
  await sql`SET LOCAL enable_seqscan = off`.execute(trx)
  const out = await work()
  await sql`SET LOCAL enable_seqscan TO DEFAULT`.execute(trx)
  return out
}

/** Persons matching the criteria that the filter lets through (see {@link matchVisible}); nothing is counted. */
export async function searchVisible(trx: Transaction<DB>, c: PersonCriteria, isVisible: (eb: PersonEB) => Expression<SqlBool>, reach?: Reach): Promise<Found[]> {
  const scope = { isVisible, ...(reach ? { reach } : {}) }
  return withoutTableScans(trx, async () => {
    const { rows } = await matchVisible(trx, c, scope)
    const key = c.nameKey ?? ''
    if (rows.length > 0 || !fuzzyAllowed(key)) return rows
    return (await fuzzyVisible(trx, c, key, await likeWords(trx, key), scope)).rows
  })
}

const fuzzyAllowed = (key: string) => key.length >= 4 && allWordsMatchable(key)

/**
 * How many persons matching the criteria the filter hides, counted up to {@link HIDDEN_COUNT_CAP}: the number only
 * has to tell the worker that the person they look for may be there. Each count stops inside an index walk — the
 * prefix in btree order, one typed word per word position (united), several words and the like words as a bitmap
 * of the position indexes.
 *
 * From a reachable set whose matches were counted (`reachable`: the visible query's `count(*) OVER ()`), the hidden
 * ones are "all matches − the reachable ones": all are counted up to cap + 1 + reachable with no access condition at
 * all, so no statement builds the reachable set again. Otherwise "hidden" is the filter's negation, row by row.
 */
async function countHiddenMatches(trx: Transaction<DB>, c: PersonCriteria, scope: SearchScope, match: 'typed' | { like: string[][] }, reachable?: number): Promise<number> {
  const key = c.nameKey ?? ''
  if (scope.reach?.everyone) return 0
  const byDifference = reachable !== undefined && fromReach(scope) && key !== ''
  // by henkilötunnus or birth date the few rows the index finds are checked one by one
  const hidden = (eb: PersonEB) => (byDifference ? sql<SqlBool>`true` : eb.not(scope.isVisible(eb)))
  // counted to one past the cap (so that "more than the cap" is told apart from exactly the cap), plus the
  // reachable matches when they are subtracted
  // a parameter, not a literal: the statement's text stays the same whatever the number
  const upTo = HIDDEN_COUNT_CAP + 1 + (byDifference ? reachable : 0)
  /** The matches of `name` the count looks at, `upTo` at most, as a scalar subquery that stops there. */
  const counted = (name: Expression<SqlBool> | undefined) =>
    sql<number>`(SELECT count(*)::int FROM (${trx
      .selectFrom('person')
      .select(sql.lit(1).as('one'))
      .where((eb) => eb.and([criteria(eb, c, name), hidden(eb)]))
      .limit(upTo)}) capped)`
  const one = async (n: Expression<number>) => {
    const total = (await sql<{ n: number }>`SELECT ${n} AS n`.execute(trx)).rows[0]!.n
    return byDifference ? Math.min(HIDDEN_COUNT_CAP + 1, total - reachable) : total
  }
  if (!key) return one(counted(undefined))
  if (match !== 'typed') return one(counted(fuzzyMatch(PERSON_NAME, match.like)))
  const prefix = counted(nameMatch(PERSON_NAME, key, 'prefix'))
  if (!allWordsMatchable(key)) return one(prefix)
  const tokens = key.split(' ').filter((t) => t.length >= 3)
  let words = counted(nameMatch(PERSON_NAME, key, 'words'))
  // One word typed (a first name alone: thousands share it): counted per word position, each an index walk in the
  // position index's order that stops at the cap, united so that a person with the word twice counts once — not a
  // bitmap of every person with the name. Exact up to the cap: a position with more than the cap fills it alone.
  if (tokens.length === 1) {
    const notPrefix = sql<SqlBool>`NOT (${nameMatch(PERSON_NAME, key, 'prefix')})`
    const branches = [...(tokens[0] === key ? [] : [1]), ...WORD_POSITIONS].map((n) => {
      const word = n === 1 ? PERSON_NAME : wordAt(PERSON_NAME, n)
      return trx
        .selectFrom('person')
        .select('person.id')
        .where((eb) => eb.and([criteria(eb, c, allOf([startsWith(word, tokens[0]!), notPrefix])), hidden(eb)]))
        .orderBy(sql`${word} USING ~<~`)
        .limit(upTo)
    })
    words = sql<number>`(SELECT count(*)::int FROM (SELECT id FROM (${sql.join(branches.map((b) => sql`(${b})`), sql` UNION `)}) u LIMIT ${upTo}) capped)`
  }
  // one statement: the words are counted only when the prefix left room under the cap (CASE evaluates lazily)
  return one(sql<number>`(SELECT CASE WHEN p.n >= ${upTo} THEN ${upTo} ELSE least(${upTo}, p.n + ${words}) END FROM (SELECT ${prefix} AS n) p)`)
}

/**
 * The search of the client registry: the persons the user may see (see {@link matchVisible}) and how many more
 * match but are hidden (capped). Typo-tolerant matching runs only when nothing — visible or hidden — matched as
 * typed, so both answers come from the same phase.
 */
export async function searchPersons(
  trx: Transaction<DB>,
  c: PersonCriteria,
  isVisible: (eb: PersonEB) => Expression<SqlBool>,
  reach?: Reach,
): Promise<{ persons: Found[]; hidden: number }> {
  const scope = { isVisible, ...(reach ? { reach } : {}) }
  const key = c.nameKey ?? ''
  // by henkilötunnus alone: the unique index finds the one person, and the same statement says whether it is visible
  if (c.hetu && !key && !c.birthDate) {
    const row = await trx
      .selectFrom('person')
      .select((eb) => [...SUMMARY_COLUMNS, sql<boolean>`${isVisible(eb)}`.as('visible')])
      .where((eb) => criteria(eb, c))
      .executeTakeFirst()
    if (!row) return { persons: [], hidden: 0 }
    return row.visible ? { persons: [found(row)], hidden: 0 } : { persons: [], hidden: 1 }
  }
  return withoutTableScans(trx, async () => {
    const typed = await matchVisible(trx, c, scope)
    const hidden = await countHiddenMatches(trx, c, scope, 'typed', typed.reachable)
    if (typed.rows.length > 0 || hidden > 0 || !fuzzyAllowed(key)) return { persons: typed.rows, hidden }
    const like = await likeWords(trx, key)
    const fuzzy = await fuzzyVisible(trx, c, key, like, scope)
    return { persons: fuzzy.rows, hidden: await countHiddenMatches(trx, c, scope, { like }, fuzzy.reachable) }
  })
}

/**
 * The search by henkilötunnus alone as the access layer's one-statement find (`findClients`): the unique index finds
 * the one person (a merged one only as the survivor); the access layer adds whether the user may see them and the
 * search's audit row. A hidden match goes the way of every search (`searchPersons`), which counts it.
 */
export const personByHetu: ClientFind<SummaryRow> = {
  name: 'persons:by-hetu',
  select: (person, arg) => person.select(SUMMARY_COLUMNS).where('person.merged_into', 'is', null).where('person.hetu', '=', arg<string>('hetu')),
}

/** Hidden matches are counted up to this many; beyond it the answer says "more than" (`hiddenMatchesCapped`). */
export const HIDDEN_COUNT_CAP = 100

export function toSummary(r: {
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

/** The person's details and addresses (under turvakielto the contact address only), as one select. */
export const personRead: ClientRead<PersonRow> = {
  name: 'persons.details',
  select: (person) =>
    person.select((eb) => [
      ...SUMMARY_COLUMNS,
      'person.calling_name',
      'person.service_language',
      'person.native_language',
      'person.phone',
      'person.email',
      'person.iban',
      'person.version',
      jsonArrayFrom(
        eb
          .selectFrom('person_address as a')
          .select(['a.kind', 'a.street', 'a.postal_code', 'a.post_office', 'a.valid_from', 'a.valid_until'])
          .whereRef('a.person_id', '=', 'person.id')
          .where((w) => w.or([w.not(w.ref('person.turvakielto')), w('a.kind', '=', 'contact')]))
          .orderBy('a.kind')
          .orderBy('a.valid_from', 'desc'),
      ).as('addresses'),
    ]),
}

type PersonRow = Selectable<Pick<DB['person'], 'id' | 'hetu' | 'temporary_id' | 'first_names' | 'last_name' | 'birth_date' | 'death_date' | 'turvakielto' | 'calling_name' | 'service_language' | 'native_language' | 'phone' | 'email' | 'iban' | 'version'>> & {
  addresses: Selectable<Pick<DB['person_address'], 'kind' | 'street' | 'postal_code' | 'post_office' | 'valid_from' | 'valid_until'>>[]
}

export function toPersonDetails(p: PersonRow): PersonDetails {
  return {
    ...toSummary(p),
    callingName: p.calling_name,
    serviceLanguage: p.service_language,
    nativeLanguage: p.native_language,
    phone: p.phone,
    email: p.email,
    iban: p.iban,
    version: p.version,
    addresses: p.addresses.map((a) => ({
      kind: a.kind,
      street: a.street,
      postalCode: a.postal_code,
      postOffice: a.post_office,
      validFrom: a.valid_from,
      validUntil: a.valid_until,
    })),
  }
}

/** Inside a client's transaction (after a change, for its answer): the same read. */
export async function readPerson(scope: ClientScope): Promise<PersonDetails> {
  return toPersonDetails(await personRead.select(scope.trx.selectFrom('person').where('person.id', '=', scope.personId), readContextOf(scope)).executeTakeFirstOrThrow())
}

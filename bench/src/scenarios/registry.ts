/**
 * The client registry: searching persons by name and by henkilötunnus, reading one person, and the client card of a
 * person with 200 journal entries (the card and the journal's first page, as the web app's card loads them).
 *
 * The SQL side is the plain query such an endpoint needs at minimum. The server does more for the same request
 * (session, access-control filter over client relationships, count of hidden matches, audit row, JSON schema
 * validation), which is exactly what the HTTP/SQL ratio shows. Align the SQL with
 * packages/server/src/modules/persons/repository.ts when those queries settle.
 */
import { foldForSearch } from '@huoma/domain'
import { FINNISH_SURNAMES, SWEDISH_SURNAMES, WeightedTable } from '../../../packages/server/src/seed/names'
import type { BenchContext, Scenario, ScenarioSet } from './types'

interface SamplePerson {
  id: string
  hetu: string
  first_names: string
  last_name: string
}

const SUMMARY_COLUMNS = 'id, hetu, temporary_id, first_names, last_name, birth_date, death_date, turvakielto'

/**
 * Persons the bench user may see (an open client relationship, created by `bench prepare`), else any persons.
 * A fixed-size random sample, drawn once before measuring.
 */
async function samplePersons(ctx: BenchContext, size: number): Promise<SamplePerson[]> {
  try {
    const related = await ctx.query<SamplePerson>(
      `SELECT p.id, p.hetu, p.first_names, p.last_name FROM person p
         JOIN client_relationship cr ON cr.person_id = p.id
         JOIN staff_user u ON u.id = cr.user_id
        WHERE u.username = $1 AND cr.end_date IS NULL AND p.hetu IS NOT NULL
        LIMIT $2`,
      [ctx.username, size],
    )
    if (related.length >= 100) return related
  } catch {
    // no client_relationship table (yet): fall back to any persons
  }
  return ctx.query<SamplePerson>(
    `SELECT id, hetu, first_names, last_name FROM person WHERE hetu IS NOT NULL ORDER BY random() LIMIT $1`,
    [size],
  )
}

/** How many journal entries each client of the card scenarios has, and how many such clients there are. */
export const CARD_JOURNAL_ENTRIES = 200
const CARD_CLIENTS = 20

/**
 * Clients of the bench user in adult social work with {@link CARD_JOURNAL_ENTRIES} signed journal entries each
 * (topped up with SQL, authored and signed by the bench user), checked against the population register just now so
 * that opening the card does not refresh it from VTJ while measuring.
 */
async function cardClients(ctx: BenchContext): Promise<string[]> {
  const rows = await ctx.query<{ id: string; user_id: string }>(
    `SELECT DISTINCT p.id, u.id AS user_id FROM person p
       JOIN client_relationship cr ON cr.person_id = p.id AND cr.service_task = 'adult_social_work' AND cr.end_date IS NULL
       JOIN staff_user u ON u.id = cr.user_id
      WHERE u.username = $1 AND p.merged_into IS NULL
      ORDER BY p.id LIMIT $2`,
    [ctx.username, CARD_CLIENTS],
  )
  for (const { id, user_id } of rows) {
    await ctx.query(
      `INSERT INTO journal_entry (person_id, service_task, type, event_date, body, status, author_id, signed_by, signed_at)
       SELECT $1, 'adult_social_work', (ARRAY['meeting','home_visit','phone_call','measure','negotiation','other'])[1 + n % 6],
              current_date - n, 'Tapaaminen ' || n || '. Asiakkaan tilanne käytiin läpi ja sovittiin jatkosta.', 'signed', $2, $2, now()
         FROM generate_series(1, $3::int - (SELECT count(*)::int FROM journal_entry WHERE person_id = $1 AND service_task = 'adult_social_work')) AS n`,
      [id, user_id, CARD_JOURNAL_ENTRIES],
    )
  }
  if (rows.length) {
    await ctx.query('UPDATE person SET vtj_checked_at = now() WHERE id = ANY($1)', [rows.map((r) => r.id)])
    await ctx.query('ANALYZE journal_entry')
  }
  return rows.map((r) => r.id)
}

/** The bench user's service tasks (sosiaalityontekija in the demo seed); also the reference audited read's. */
export const WORKER_TASKS = ['adult_social_work', 'income_support', 'substance_mental_health', 'child_welfare', 'family_services']

export const registrySet: ScenarioSet = {
  name: 'registry',
  description: 'Client registry: person search by name and by henkilötunnus, person read',
  async create(ctx) {
    const random = ctx.random
    const sample = await samplePersons(ctx, 5000)
    if (sample.length === 0) throw new Error('The benchmark database has no persons: run `npm run bench -- prepare` first')
    const surnames = new WeightedTable([...FINNISH_SURNAMES, ...SWEDISH_SURNAMES.map(([n, w]) => [n, w / 4] as const)])
    const pick = () => sample[random.int(0, sample.length - 1)] as SamplePerson

    /** A 3–6 letter surname prefix, as typed: either with diacritics and capitals or folded. */
    const namePrefix = () => {
      const surname = surnames.pick(random)
      const prefix = surname.slice(0, Math.min(surname.length, random.int(3, 6)))
      return random.chance(0.5) ? prefix : foldForSearch(prefix)
    }

    /** A client's name as a worker types it: "Aino Virtanen" (words in any order, as typed or folded). */
    const wholeName = () => {
      const p = pick()
      const typed = `${p.first_names.split(' ')[0]} ${p.last_name}`
      return random.chance(0.5) ? typed : foldForSearch(typed)
    }
    /** A client's first name alone ("Aino"): thousands of persons in the register share it. */
    const firstName = () => pick().first_names.split(' ')[0] as string
    /** A client's surname (6+ letters) with one typo: a letter dropped, doubled or two swapped ("Virtnaen"). */
    const typo = () => {
      let name = ''
      while (name.length < 6) name = foldForSearch(pick().last_name).replace(/ /g, '')
      const i = random.int(1, name.length - 3)
      const kind = random.int(0, 2)
      if (kind === 0) return name.slice(0, i) + name.slice(i + 1)
      if (kind === 1) return name.slice(0, i) + (name[i] as string) + name.slice(i)
      return name.slice(0, i) + (name[i + 1] as string) + (name[i] as string) + name.slice(i + 2)
    }
    const visibleIds = `SELECT cr.person_id FROM client_relationship cr WHERE cr.user_id = (SELECT id FROM staff_user WHERE username = $2)
        AND cr.service_task = ANY($3) AND cr.start_date <= current_date AND (cr.end_date IS NULL OR cr.end_date >= current_date)`
    const likeEscape = (key: string) => key.replace(/[\\%_]/g, '\\$&')
    /** Every typed word (3+ letters) starts one of the first five words of the key: the prefix and position indexes (0057). */
    const wordsMatch = (tokens: string[], col = 'search_name', first = 4) =>
      tokens
        .map((_, i) => `(${col} LIKE $${first + i} || '%' OR ${[2, 3, 4, 5].map((n) => `split_part(${col}, ' ', ${n}) LIKE $${first + i} || '%'`).join(' OR ')})`)
        .join(' AND ')
    /**
     * What the endpoint runs for a worker (modules/persons/repository.ts): the worker's relationship rows matched by
     * the name kept on them (migration 0069), their persons read and counted in the same pass, and the hidden matches
     * as all matches counted to 101 + the worker's (about 50 here) — the prefix in btree order, then the words on the
     * position indexes — with no access condition.
     */
    const nameSearchSql = (typed: string) => {
      const key = foldForSearch(typed)
      const tokens = key.split(' ').filter((t) => t.length >= 3).map(likeEscape)
      const values = [likeEscape(key), ctx.username, WORKER_TASKS, ...tokens]
      const typedMatch = (col: string) => (tokens.length ? `(${col} LIKE $1 || '%' OR (${wordsMatch(tokens, col)}))` : `${col} LIKE $1 || '%'`)
      return [
        // as the server does for a search's statements (repository.ts withoutTableScans)
        { text: 'SET enable_seqscan = off', values: [] },
        {
          text: `SELECT ${SUMMARY_COLUMNS}, CASE WHEN search_name LIKE $1 || '%' THEN 0 ELSE 1 END AS phase, count(*) OVER () AS reachable
                  FROM person WHERE id IN (${visibleIds} AND ${typedMatch('cr.search_name')}) AND merged_into IS NULL AND ${typedMatch('search_name')}
                  ORDER BY phase, search_name COLLATE "C" LIMIT 50`,
          values,
        },
        {
          text: `SELECT count(*) FROM (SELECT 1 FROM person WHERE merged_into IS NULL AND search_name LIKE $1 || '%' LIMIT 150) hidden`,
          values: values.slice(0, 1),
        },
        ...(tokens.length
          ? [
              {
                text: `SELECT count(*) FROM (SELECT 1 FROM person WHERE merged_into IS NULL AND ${wordsMatch(tokens, 'search_name', 2)} AND search_name NOT LIKE $1 || '%' LIMIT 150) hidden`,
                values: [values[0], ...tokens],
              },
            ]
          : []),
      ]
    }
    /**
     * A typo: nothing matches as typed (the queries above); then the words like it from the vocabulary of name words
     * (trigram GiST, nearest first), the clients having one of them, and the hidden ones counted on the position
     * indexes.
     */
    const typoSearchSql = (typed: string) => {
      const key = foldForSearch(typed)
      const values = [key, ctx.username, WORKER_TASKS]
      const like = `ARRAY(SELECT word FROM person_name_word WHERE $1 <% word ORDER BY word <->> $1 LIMIT 20)`
      const likeMatch = (col: string) => [1, 2, 3, 4, 5].map((n) => `split_part(${col}, ' ', ${n}) = ANY(${like})`).join(' OR ')
      return [
        ...nameSearchSql(typed),
        { text: `SET pg_trgm.word_similarity_threshold = 0.5`, values: [] },
        {
          text: `SELECT ${SUMMARY_COLUMNS}, count(*) OVER () AS reachable FROM person WHERE id IN (${visibleIds} AND (${likeMatch('cr.search_name')}))
                  AND merged_into IS NULL AND (${likeMatch('search_name')}) ORDER BY word_similarity($1, search_name) DESC, search_name COLLATE "C" LIMIT 50`,
          values,
        },
        {
          text: `SELECT count(*) FROM (SELECT 1 FROM person WHERE merged_into IS NULL AND (${likeMatch('search_name')}) LIMIT 150) hidden`,
          values: [key],
        },
      ]
    }

    const cards = await cardClients(ctx)
    const card = () => cards[random.int(0, cards.length - 1)] as string
    // What the access layer decides for a worker in SQL: an open relationship in one of their service tasks.
    const related = (column: string) => `EXISTS (SELECT 1 FROM client_relationship cr WHERE cr.person_id = ${column}
        AND cr.user_id = (SELECT id FROM staff_user WHERE username = $2) AND cr.service_task = ANY($3)
        AND cr.start_date <= current_date AND (cr.end_date IS NULL OR cr.end_date >= current_date))`

    const scenarios: Scenario[] = [
      {
        name: 'search-by-name',
        description: 'GET /api/persons?name=<surname prefix>; SQL: the clients matched, capped hidden count',
        http: () => ({ method: 'GET', path: `/api/persons?name=${encodeURIComponent(namePrefix())}` }),
        sql: () => nameSearchSql(namePrefix()),
      },
      {
        name: 'search-whole-name',
        description: 'GET /api/persons?name=<first name and surname of a client>; SQL: the clients matched, capped hidden count',
        http: () => ({ method: 'GET', path: `/api/persons?name=${encodeURIComponent(wholeName())}` }),
        sql: () => nameSearchSql(wholeName()),
      },
      {
        name: 'search-first-name',
        description: 'GET /api/persons?name=<a first name alone>; SQL: the clients matched, capped hidden count',
        http: () => ({ method: 'GET', path: `/api/persons?name=${encodeURIComponent(firstName())}` }),
        sql: () => nameSearchSql(firstName()),
      },
      {
        name: 'search-typo',
        description: 'GET /api/persons?name=<a client\'s surname with one typo>; SQL: nothing as typed, then similarity and KNN count',
        http: () => ({ method: 'GET', path: `/api/persons?name=${encodeURIComponent(typo())}` }),
        sql: () => typoSearchSql(typo()),
      },
      {
        name: 'search-by-hetu',
        description: 'GET /api/persons?hetu=<existing hetu>; SQL: WHERE hetu = $1',
        http: () => ({ method: 'GET', path: `/api/persons?hetu=${encodeURIComponent(pick().hetu)}` }),
        sql: () => ({ text: `SELECT ${SUMMARY_COLUMNS} FROM person WHERE hetu = $1`, values: [pick().hetu] }),
      },
      {
        name: 'client-read',
        description: 'GET /api/persons/<id>; SQL: the person by id, then the addresses',
        http: () => ({ method: 'GET', path: `/api/persons/${pick().id}` }),
        sql: () => {
          const id = pick().id
          return [
            {
              text: `SELECT ${SUMMARY_COLUMNS}, calling_name, service_language, native_language, phone, email, version
                       FROM person WHERE id = $1`,
              values: [id],
            },
            {
              text: `SELECT kind, street, postal_code, post_office, valid_from, valid_until
                       FROM person_address WHERE person_id = $1 ORDER BY kind, valid_from DESC`,
              values: [id],
            },
          ]
        },
      },
    ]
    if (cards.length) {
      scenarios.push(
        {
          name: 'client-card',
          description: `GET /api/persons/<id>/card of a client with ${CARD_JOURNAL_ENTRIES} journal entries; SQL: access check, person, addresses, family, household, relationships, history`,
          http: () => ({ method: 'GET', path: `/api/persons/${card()}/card` }),
          sql: () => {
            // modules/persons/registry.ts readCard, one query each, with the access decision first.
            const id = card()
            const v = [id]
            return [
              { text: `SELECT id FROM person WHERE id = $1 AND ${related('person.id')}`, values: [id, ctx.username, WORKER_TASKS] },
              { text: `SELECT ${SUMMARY_COLUMNS}, calling_name, service_language, native_language, phone, email, version, merged_into FROM person WHERE id = $1`, values: v },
              { text: `SELECT kind, street, postal_code, post_office, valid_from, valid_until FROM person_address WHERE person_id = $1 ORDER BY kind, valid_from DESC`, values: v },
              {
                text: `SELECT p.id, r.id AS relation_id, p.first_names, p.last_name, p.birth_date, p.death_date, r.kind, r.person_id, r.valid_from, r.valid_until
                         FROM person_relation r JOIN person p ON p.id = CASE WHEN r.person_id = $1 THEN r.related_id ELSE r.person_id END
                        WHERE r.person_id = $1 OR r.related_id = $1`,
                values: v,
              },
              {
                text: `SELECT p.id, m.household_id, p.first_names, p.last_name, p.birth_date, m.valid_from, m.valid_until
                         FROM household_member me JOIN household_member m ON m.household_id = me.household_id JOIN person p ON p.id = m.person_id
                        WHERE me.person_id = $1 AND me.valid_until IS NULL AND m.person_id <> $1 AND m.valid_until IS NULL ORDER BY p.birth_date`,
                values: v,
              },
              {
                text: `SELECT cr.id, cr.service_task, cr.kind, cr.user_id, u.display_name, cr.start_date, cr.end_date, cr.start_reason, cr.end_reason
                         FROM client_relationship cr JOIN staff_user u ON u.id = cr.user_id WHERE cr.person_id = $1 AND cr.service_task = ANY($2)
                        ORDER BY cr.start_date DESC`,
                values: [id, WORKER_TASKS],
              },
              {
                text: `SELECT h.changed_at, h.source, h.changes, u.display_name FROM person_history h LEFT JOIN staff_user u ON u.id = h.changed_by
                        WHERE h.person_id = $1 ORDER BY h.changed_at DESC LIMIT 100`,
                values: v,
              },
              { text: `SELECT household_id, valid_from FROM household_member WHERE person_id = $1 AND valid_until IS NULL`, values: v },
            ]
          },
        },
        {
          name: 'client-journal',
          description: `GET /api/persons/<id>/journal/adult_social_work (first page of 20 of ${CARD_JOURNAL_ENTRIES}); SQL: access check, the page, its versions`,
          http: () => ({ method: 'GET', path: `/api/persons/${card()}/journal/adult_social_work` }),
          sql: () => {
            // modules/journal/repository.ts listEntries: the current versions newest first, then every version of them.
            const id = card()
            const columns = `e.id, e.entry_id, e.entry_no, e.version_no, e.type, e.event_date, e.event_time, e.staff_participants,
                e.other_participants, e.body, e.status, e.author_id, a.display_name AS author_name, e.created_at, e.updated_at,
                e.signed_by, s.display_name AS signer_name, e.signed_at, e.correction_reason, e.version,
                EXISTS (SELECT 1 FROM journal_entry n WHERE n.previous_id = e.id) AS superseded`
            const from = `FROM journal_entry e JOIN staff_user a ON a.id = e.author_id LEFT JOIN staff_user s ON s.id = e.signed_by
                WHERE e.person_id = $1 AND e.service_task = 'adult_social_work' AND (e.status = 'signed' OR e.author_id = (SELECT id FROM staff_user WHERE username = $2))`
            return [
              { text: `SELECT id FROM person WHERE id = $1 AND ${related('person.id')}`, values: [id, ctx.username, WORKER_TASKS] },
              {
                text: `SELECT ${columns} ${from} AND NOT EXISTS (SELECT 1 FROM journal_entry n WHERE n.previous_id = e.id)
                        ORDER BY e.event_date DESC, e.entry_no DESC LIMIT 21`,
                values: [id, ctx.username],
              },
              {
                text: `SELECT ${columns} ${from} AND e.entry_id IN (
                         SELECT e2.entry_id FROM journal_entry e2 WHERE e2.person_id = $1 AND e2.service_task = 'adult_social_work'
                          ORDER BY e2.event_date DESC, e2.entry_no DESC LIMIT 20)
                        ORDER BY e.version_no DESC`,
                values: [id, ctx.username],
              },
            ]
          },
        },
      )
    }
    return scenarios
  },
}

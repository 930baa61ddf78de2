/**
 * The client registry: searching persons by name and by henkilötunnus, and reading one person.
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
}

const SUMMARY_COLUMNS = 'id, hetu, temporary_id, first_names, last_name, birth_date, death_date, turvakielto'

/**
 * Persons the bench user may see (an open client relationship, created by `bench prepare`), else any persons.
 * A fixed-size random sample, drawn once before measuring.
 */
async function samplePersons(ctx: BenchContext, size: number): Promise<SamplePerson[]> {
  try {
    const related = await ctx.query<SamplePerson>(
      `SELECT p.id, p.hetu FROM person p
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
    `SELECT id, hetu FROM person WHERE hetu IS NOT NULL ORDER BY random() LIMIT $1`,
    [size],
  )
}

/** The bench user's service tasks (sosiaalityontekija in the demo seed). */
const WORKER_TASKS = ['adult_social_work', 'income_support', 'substance_mental_health', 'child_welfare', 'family_services']

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

    const scenarios: Scenario[] = [
      {
        name: 'search-by-name',
        description: 'GET /api/persons?name=<surname prefix>; SQL: visible prefix and word matches, capped hidden count',
        http: () => ({ method: 'GET', path: `/api/persons?name=${encodeURIComponent(namePrefix())}` }),
        sql: () => {
          // What the endpoint does for a worker who sees clients through relationships: the visible prefix matches
          // in index order (`USING ~<~` follows the text_pattern_ops index), the visible whole-word matches, and the
          // count of hidden matches capped at 100 (modules/persons/repository.ts).
          const key = foldForSearch(namePrefix())
          const like = key.replace(/[\\%_]/g, '\\$&')
          const visible = `EXISTS (SELECT 1 FROM client_relationship cr WHERE cr.person_id = person.id
              AND cr.user_id = (SELECT id FROM staff_user WHERE username = $2) AND cr.service_task = ANY($3)
              AND cr.start_date <= current_date AND (cr.end_date IS NULL OR cr.end_date >= current_date))`
          const values = [like, ctx.username, WORKER_TASKS]
          return [
            { text: `SELECT ${SUMMARY_COLUMNS} FROM person WHERE search_name LIKE $1 || '%' AND ${visible} ORDER BY search_name USING ~<~ LIMIT 50`, values },
            {
              text: `SELECT ${SUMMARY_COLUMNS} FROM person WHERE search_name LIKE '%' || $1 || '%' AND (' ' || search_name) LIKE '% ' || $1 || '%'
                       AND search_name NOT LIKE $1 || '%' AND ${visible} ORDER BY search_name USING ~<~ LIMIT 50`,
              values,
            },
            {
              text: `SELECT count(*) FROM (SELECT 1 FROM person WHERE (search_name LIKE $1 || '%' OR (search_name LIKE '%' || $1 || '%'
                       AND (' ' || search_name) LIKE '% ' || $1 || '%')) AND NOT ${visible} LIMIT 100) hidden`,
              values,
            },
          ]
        },
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
    return scenarios
  },
}

import { sql, type Kysely } from 'kysely'
import type { Database } from '../db/database'
import type { DB } from '../db/schema'
import { hashPassword } from '../access/passwords'
import { DEMOLA_MUNICIPALITY, insertPopulation } from './population'
import { todayInHelsinki } from '@huoma/domain'
import type { ProviderInput } from '@huoma/contract'
import { seedDemoNotice } from '../modules/notice'
import { createProvider } from '../modules/providers/queries'

/** The fictional municipality every demo and test runs in. */
export const DEMO_ORGANISATION = {
  name: 'Demolan kaupunki',
  businessId: '1234567-1',
  oid: '1.2.246.10.1234567.10.0',
  municipalityCode: '999',
} as const

export const DEMO_UNITS = [
  { code: 'AIKU', name_fi: 'Aikuissosiaalityö', name_sv: 'Socialt arbete för vuxna', cost_centre: '4100' },
  { code: 'LAPS', name_fi: 'Lapsiperheiden palvelut ja lastensuojelu', name_sv: 'Tjänster för barnfamiljer och barnskydd', cost_centre: '4200' },
  { code: 'ETUU', name_fi: 'Etuuskäsittely', name_sv: 'Förmånshandläggning', cost_centre: '4300' },
  { code: 'VAMM', name_fi: 'Vammaispalvelut', name_sv: 'Handikappservice', cost_centre: '4400' },
  { code: 'HALL', name_fi: 'Hallinto ja talous', name_sv: 'Förvaltning och ekonomi', cost_centre: '4900' },
] as const

type UnitCode = (typeof DEMO_UNITS)[number]['code']

const ALL_TASKS = [
  'adult_social_work',
  'income_support',
  'child_welfare',
  'family_services',
  'disability_services',
  'substance_mental_health',
  'child_maintenance',
  'client_fees',
]

/** One demo user per role; the usernames are a contract other checks rely on. */
/** The professional qualifications of the demo staff (decision types may require one of their maker). */
const QUALIFICATIONS: Partial<Record<string, { qualification: 'licensed_social_worker' | 'licensed_social_counsellor'; qualification_register_no: string }>> = {
  sosiaalityontekija: { qualification: 'licensed_social_worker', qualification_register_no: '1002003001' },
  esihenkilo: { qualification: 'licensed_social_worker', qualification_register_no: '1002003002' },
  sosiaaliohjaaja: { qualification: 'licensed_social_counsellor', qualification_register_no: '1002003003' },
}

export const DEMO_USERS: ReadonlyArray<{
  username: string
  displayName: string
  role: string
  /** what the user does in the demo, in Finnish (the demo users' language), printed at start-up after the role name */
  duty: string
  grants: ReadonlyArray<{ unit: UnitCode; tasks: string[] }>
}> = [
  { username: 'sosiaalityontekija', displayName: 'Aino Lehtinen', role: 'social_worker', duty: 'laillistettu sosiaalityöntekijä: aikuissosiaalityö, toimeentulotuki, lastensuojelu', grants: [
    { unit: 'AIKU', tasks: ['adult_social_work', 'income_support', 'substance_mental_health'] },
    { unit: 'LAPS', tasks: ['child_welfare', 'family_services'] },
  ] },
  { username: 'sosiaaliohjaaja', displayName: 'Mikko Salonen', role: 'social_counsellor', duty: 'aikuissosiaalityö, toimeentulotuki', grants: [
    { unit: 'AIKU', tasks: ['adult_social_work', 'income_support'] },
    { unit: 'LAPS', tasks: ['family_services'] },
  ] },
  { username: 'etuuskasittelija', displayName: 'Leena Kivelä', role: 'benefit_handler', duty: 'toimeentulotukihakemukset ja -päätökset', grants: [{ unit: 'ETUU', tasks: ['income_support'] }] },
  { username: 'toimistosihteeri', displayName: 'Tiina Rantala', role: 'office_secretary', duty: 'asiakasrekisteri, väestötiedot, kirjeitse tulevat ilmoitukset', grants: [{ unit: 'HALL', tasks: ALL_TASKS }] },
  { username: 'esihenkilo', displayName: 'Jari Heikkilä', role: 'supervisor', duty: 'esihenkilötyö, toinen viranhaltija määräajan pidennyksiin, asiakasmäärät', grants: [
    { unit: 'AIKU', tasks: ['adult_social_work', 'income_support', 'substance_mental_health'] },
    { unit: 'LAPS', tasks: ['child_welfare', 'family_services', 'child_maintenance'] },
    { unit: 'ETUU', tasks: ['income_support'] },
  ] },
  { username: 'paakayttaja', displayName: 'Pekka Aaltonen', role: 'main_user', duty: 'käyttäjät, oikeudet ja parametrit', grants: [{ unit: 'HALL', tasks: [] }] },
  // a second main user: a right that sees client data is asked for by one person and granted by another
  { username: 'paakayttaja2', displayName: 'Paula Ahonen', role: 'main_user', duty: 'toinen pääkäyttäjä: myöntää oikeudet, joita ensimmäinen pyytää', grants: [{ unit: 'HALL', tasks: [] }] },
  { username: 'tietosuojavastaava', displayName: 'Maria Lindqvist', role: 'data_protection_officer', duty: 'lokitiedot, lokien tarkastus, asiakkaan tietopyyntöjen selosteet', grants: [{ unit: 'HALL', tasks: ALL_TASKS }] },
  { username: 'talous', displayName: 'Kari Mattila', role: 'finance', duty: 'maksuerät, pankin palautteet, täsmäytys, kirjanpitoaineisto', grants: [{ unit: 'HALL', tasks: ['income_support', 'child_welfare', 'client_fees', 'child_maintenance'] }] },
  // a second payments person: batches are approved by someone other than their creator
  { username: 'maksuliikenne', displayName: 'Hanna Virtanen', role: 'finance', duty: 'maksuliikennesihteeri: laatii maksuerät, jotka toinen hyväksyy', grants: [{ unit: 'HALL', tasks: ['income_support', 'child_welfare', 'client_fees', 'child_maintenance'] }] },
  { username: 'talouspaallikko', displayName: 'Olli Koskinen', role: 'finance', duty: 'talouspäällikkö: hyväksyy muiden laatimat maksuerät, täsmäyttää kuukauden', grants: [{ unit: 'HALL', tasks: ['income_support', 'child_welfare', 'client_fees', 'child_maintenance'] }] },
  { username: 'tilastot', displayName: 'Sari Nurmi', role: 'statistician', duty: 'tilastot (tulossa)', grants: [{ unit: 'HALL', tasks: ALL_TASKS }] },
  { username: 'arkistonhoitaja', displayName: 'Raili Saarinen', role: 'archivist', duty: 'säilytysajat, hävitysluettelot, arkisto', grants: [{ unit: 'HALL', tasks: [] }] },
]

/** Service providers of the demo town (fictional). */
const DEMO_PROVIDERS: Omit<ProviderInput, 'validFrom'>[] = [
  { name: 'Demolan Keskusapteekki', businessId: '2734561-5', iban: 'FI6510183000123457', street: 'Kauppakatu 4', postalCode: '99990', postOffice: 'DEMOLA', phone: '040 123 4567', serviceTypes: ['pharmacy'] },
  { name: 'Hautaustoimisto Rauha Oy', businessId: '3012458-1', iban: 'FI7157890050123450', street: 'Kirkkotie 2', postalCode: '99990', postOffice: 'DEMOLA', email: 'toimisto@rauha.example', serviceTypes: ['funeral'] },
  { name: 'Demolan Vuokratalot Oy', businessId: '1987342-6', iban: 'FI1940060010234561', street: 'Asemakatu 10', postalCode: '99990', postOffice: 'DEMOLA', email: 'vuokrat@vuokratalot.example', serviceTypes: ['landlord'] },
  { name: 'Demolan Energia Oy', businessId: '2456789-6', iban: 'FI7180001200345677', postalCode: '99990', postOffice: 'DEMOLA', serviceTypes: ['energy'] },
  { name: 'Hoivakoti Kotiranta', businessId: '3198765-3', iban: 'FI7915723500456785', street: 'Rantatie 8', postalCode: '99990', postOffice: 'DEMOLA', serviceTypes: ['housing_service', 'home_care'] },
  // child welfare's substitute care: a family home and a children's home
  { name: 'Perhekoti Metsätähti', businessId: '3211457-1', iban: 'FI5715723500456793', street: 'Metsätie 14', postalCode: '99990', postOffice: 'DEMOLA', phone: '040 765 4321', serviceTypes: ['family_care'] },
  { name: 'Lastenkoti Kotikallio', businessId: '3211468-6', iban: 'FI7057890050123468', street: 'Kalliotie 3', postalCode: '99990', postOffice: 'DEMOLA', email: 'kotikallio@lastenkoti.example', serviceTypes: ['institutional_care'] },
]

export async function isDemoSeeded(db: Kysely<DB>): Promise<boolean> {
  const row = await db.selectFrom('organisation').select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow()
  return row.n > 0
}

export interface DemoSeedResult {
  persons: number
  users: number
}

/**
 * Seeds Demola: the organisation, its units, one staff user per role with grants, and ~300 fictional persons
 * whose henkilötunnus are in the temporary range 900–999 (no real person can match).
 */
/** Seeds Demola as of `opts.now` (the server's clock): the population's ages, the grants' start, the password's date. */
export async function seedDemo(database: Database, opts: { password: string; persons?: number; now: Date }): Promise<DemoSeedResult> {
  const passwordHashes = await Promise.all(DEMO_USERS.map(() => hashPassword(opts.password)))
  const population = await insertPopulation(database, {
    count: opts.persons ?? 300,
    seed: 2026,
    referenceDate: todayInHelsinki(opts.now),
    municipalities: [DEMOLA_MUNICIPALITY],
    onProgress: false,
  })
  await database.db.transaction().execute(async (trx) => {
    const org = await trx
      .insertInto('organisation')
      .values({
        name: DEMO_ORGANISATION.name,
        business_id: DEMO_ORGANISATION.businessId,
        oid: DEMO_ORGANISATION.oid,
        municipality_code: DEMO_ORGANISATION.municipalityCode,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    const units = await trx
      .insertInto('unit')
      .values(DEMO_UNITS.map((u, i) => ({ ...u, organisation_id: org.id, oid: `${DEMO_ORGANISATION.oid}.${i + 1}` })))
      .returning(['id', 'code'])
      .execute()
    const unitId = (code: string) => units.find((u) => u.code === code)!.id
    const today = todayInHelsinki(opts.now)
    const userIds = new Map<string, string>()
    for (const [i, u] of DEMO_USERS.entries()) {
      const user = await trx
        .insertInto('staff_user')
        .values({
          username: u.username,
          display_name: u.displayName,
          language: 'fi',
          password_hash: passwordHashes[i]!,
          // the database's time, as a password change records it (a test clock may later move months ahead)
          password_changed_at: sql<Date>`now()`,
          // Demo users sign in with the shared password alone (they may still enrol TOTP to try it).
          mfa_exempt: true,
          // Valvira's register: the social workers and the supervisor are licensed social workers, the counsellor a
          // licensed social counsellor (fictional register numbers)
          ...QUALIFICATIONS[u.username],
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      userIds.set(u.username, user.id)
      await trx
        .insertInto('staff_grant')
        .values(u.grants.map((g) => ({ user_id: user.id, role_code: u.role, unit_id: unitId(g.unit), service_tasks: g.tasks, valid_from: today })))
        .execute()
    }
    // the provider register as finance has entered it (fictional companies; Y-tunnus and accounts with valid checks)
    for (const provider of DEMO_PROVIDERS) await createProvider(trx, { ...provider, validFrom: '2025-01-01' }, userIds.get('talous')!, today)
    // the privacy notice's configuration and the user commitment, accepted by every demo user
    await seedDemoNotice(trx, { organisationId: org.id, userIds: [...userIds.values()], mainUserId: userIds.get('paakayttaja')!, unitId })
  })
  return { persons: population.persons, users: DEMO_USERS.length }
}

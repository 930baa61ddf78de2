import { addDays, todayInHelsinki } from '@huoma/domain'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { insertDecision } from '../src/kernel/decisions/decisions'
import { INCOME_SUPPORT_DECISION } from '../src/modules/income-support/decision-type'
import { databaseKinds } from './helpers/databases'
import { pdfText } from './helpers/pdf'
import { Client, startTestServer, type TestServer } from './helpers/server'

/**
 * Regular disclosures that run (issue 13, item 1): Demola's regular disclosure of the income support decisions to
 * Kela produces its file for a closed period — run now by the main user or each morning by the job — with a
 * disclosure log row and a `disclose` audit row for every client the file carries; the client's access report
 * names Kela; a client under a restriction of processing, and one without a henkilötunnus, are left out and
 * counted; the same period again discloses nothing twice, an overlapping one is refused.
 */
const kinds = await databaseKinds()

interface Run {
  id: string
  periodStart: string
  periodEnd: string
  trigger: string
  runBy: string | null
  included: number
  records: number
  leftOutRestricted: number
  leftOutBanned: number
  leftOutNoIdentity: number
  fileName: string
}
interface Definitions {
  definitions: { id: string; recipientFi: string; producer: string | null; runs: Run[] }[]
}

describe.each(kinds)('regular disclosures on %s', (kind) => {
  let t: TestServer
  let main: Client
  let kela: string
  const db = () => t.server.database.db
  const today = todayInHelsinki(new Date())
  const yesterday = addDays(today, -1)
  const DAY = addDays(today, -40)
  const persons: { plain: string; restricted: string; noHetu: string; plainHetu: string; restrictedHetu: string } = { plain: '', restricted: '', noHetu: '', plainHetu: '', restrictedHetu: '' }
  let numbers: { plain: number; restricted: number }

  const userId = async (username: string) => (await db().selectFrom('staff_user').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id
  const decide = async (personId: string, decidedOn: string) => {
    const unitId = (await db().selectFrom('unit').select('id').where('code', '=', 'ETUU').executeTakeFirstOrThrow()).id
    const makerId = await userId('etuuskasittelija')
    return db().transaction().execute((trx) =>
      insertDecision({ trx, personId }, INCOME_SUPPORT_DECISION, { unitId, subjectId: null, correctsId: null, decidedOn, makerId, language: 'fi', outcome: 'granted', reasons: 'Täydentävä toimeentulotuki lääkkeisiin.', items: [{ code: 'medicine', outcome: 'granted' }] }),
    )
  }
  const logRows = (personId: string) => db().selectFrom('disclosure_log').selectAll().where('person_id', '=', personId).where('regular_run_id', 'is not', null).execute()
  const discloseAudits = async (personId: string) =>
    (await sql<{ event: string; user_id: string | null; basis: string | null; ref_id: string | null }>`
      SELECT a.event, a.user_id, a.basis, a.ref_id FROM audit_log a WHERE a.action = 'disclose' AND ${personId}::uuid = ANY(a.client_ids) ORDER BY a.id`.execute(db())).rows

  beforeAll(async () => {
    t = await startTestServer(kind)
    const adults = await sql<{ id: string; hetu: string }>`
      SELECT id, hetu FROM person WHERE hetu IS NOT NULL AND merged_into IS NULL AND death_date IS NULL AND birth_date <= '2000-01-01' ORDER BY id LIMIT 2`.execute(db())
    persons.plain = adults.rows[0]!.id
    persons.plainHetu = adults.rows[0]!.hetu
    persons.restricted = adults.rows[1]!.id
    persons.restrictedHetu = adults.rows[1]!.hetu
    const sec = new Client(t.url)
    await sec.login('toimistosihteeri')
    persons.noHetu = ((await (await sec.post('/api/persons', { firstNames: 'Tilapäinen', lastName: 'Tunnus', birthDate: '1980-04-04' })).json()) as { id: string }).id
    numbers = { plain: Number((await decide(persons.plain, DAY)).number), restricted: Number((await decide(persons.restricted, DAY)).number) }
    await decide(persons.noHetu, DAY)
    // the restricted client's income support register is under a restriction of processing (GDPR Art. 18)
    await db().insertInto('processing_restriction').values({ person_id: persons.restricted, service_tasks: ['income_support'], grounds: 'Tietojen oikeellisuus kiistetty.', restricted_on: DAY, restricted_by: await userId('tietosuojavastaava') }).execute()
    main = new Client(t.url)
    await main.login('paakayttaja')
    const list = (await (await main.get('/api/admin/regular-disclosures/runs')).json()) as Definitions
    kela = list.definitions.find((d) => d.producer === 'kela_income_support_decisions')!.id
  })
  afterAll(async () => t?.stop())

  it('runs now for a closed period: the file, a log row and a disclose audit row per client, the restricted and unidentified left out', async () => {
    const res = await main.post(`/api/admin/regular-disclosures/${kela}/runs`, { periodStart: DAY, periodEnd: DAY })
    expect(res.status, await res.clone().text()).toBe(200)
    const { run, alreadyRan } = (await res.json()) as { run: Run; alreadyRan: boolean }
    expect(alreadyRan).toBe(false)
    expect(run).toMatchObject({ periodStart: DAY, periodEnd: DAY, trigger: 'manual', runBy: expect.any(String), included: 1, records: 1, leftOutRestricted: 1, leftOutBanned: 0, leftOutNoIdentity: 1 })

    // the disclosure log: the carried client only, with the recipient, the basis and its citation, what, when, by whom
    const rows = await logRows(persons.plain)
    expect(rows).toEqual([
      expect.objectContaining({ service_task: 'income_support', recipient: 'Kansaneläkelaitos (Kela)', basis: 'other_act', basis_citation: 'Laki toimeentulotuesta 1412/1997 14 a § ja 18 §', method: 'interface', regular_run_id: run.id, disclosed_by: await userId('paakayttaja') }),
    ])
    expect(rows[0]!.what).toContain(DAY)
    expect(await logRows(persons.restricted)).toEqual([])
    expect(await logRows(persons.noHetu)).toEqual([])
    // the audit: one disclose row of the main user's action naming the carried client, none for those left out
    expect(await discloseAudits(persons.plain)).toEqual([{ event: 'disclosures:regular-run', user_id: await userId('paakayttaja'), basis: 'role', ref_id: run.id }])
    expect(await discloseAudits(persons.restricted)).toEqual([])

    // the file: a CSV of the decisions of the carried clients; downloading it is an export naming them
    const file = await main.get(`/api/admin/regular-disclosures/${kela}/runs/${run.id}/file`)
    expect(file.status).toBe(200)
    expect(file.headers.get('content-type')).toMatch(/^text\/csv/)
    const csv = await file.text()
    const lines = csv.trim().split('\r\n')
    expect(lines[0]).toBe('decision_number,decided_on,henkilotunnus,last_name,first_names,outcome,corrects_decision_number,period_start,period_end,granted_cents')
    expect(lines).toHaveLength(2)
    expect(lines[1]).toMatch(new RegExp(`^${numbers.plain},${DAY},${persons.plainHetu},`))
    expect(csv).not.toContain(persons.restrictedHetu)
    const exports = await db().selectFrom('audit_log').select(['client_ids', 'action']).where('event', '=', 'disclosures:regular-file').execute()
    expect(exports).toEqual([{ client_ids: [persons.plain], action: 'export' }])

    // the client's access report says to whom the data was disclosed
    const officer = new Client(t.url)
    await officer.login('tietosuojavastaava')
    const report = await officer.post('/api/privacy/access-report', { personId: persons.plain, language: 'fi' })
    expect(report.status).toBe(200)
    const text = (await pdfText(Buffer.from(await report.arrayBuffer()))).replace(/\s+/g, ' ')
    expect(text).toContain('Tietojen luovutukset')
    expect(text).toContain('Kansaneläkelaitos (Kela)')
    expect(text).toContain('1412/1997 14 a §')
  })

  it('runs a period once: the same period again answers its run and logs nothing; an overlapping or open period is refused', async () => {
    const before = { log: (await logRows(persons.plain)).length, audit: (await discloseAudits(persons.plain)).length }
    const again = await main.post(`/api/admin/regular-disclosures/${kela}/runs`, { periodStart: DAY, periodEnd: DAY })
    expect(again.status).toBe(200)
    expect(((await again.json()) as { alreadyRan: boolean }).alreadyRan).toBe(true)
    expect((await logRows(persons.plain)).length).toBe(before.log)
    expect((await discloseAudits(persons.plain)).length).toBe(before.audit)
    expect(Number((await db().selectFrom('regular_disclosure_run').select((eb) => eb.fn.countAll().as('n')).where('period_start', '=', DAY).executeTakeFirstOrThrow()).n)).toBe(1)

    const overlap = await main.post(`/api/admin/regular-disclosures/${kela}/runs`, { periodStart: addDays(DAY, -3), periodEnd: DAY })
    expect(overlap.status).toBe(409)
    expect(((await overlap.json()) as { errors: { field: string; code: string; message: string }[] }).errors[0]).toMatchObject({ field: 'periodStart', code: 'regular.overlap', message: expect.stringContaining(DAY) })
    const open = await main.post(`/api/admin/regular-disclosures/${kela}/runs`, { periodStart: yesterday, periodEnd: today })
    expect(open.status).toBe(400)
    expect(((await open.json()) as { errors: { field: string; code: string }[] }).errors).toEqual([expect.objectContaining({ field: 'periodEnd', code: 'regular.period.open' })])
    expect((await logRows(persons.plain)).length).toBe(before.log)
    // an output belongs to one active definition, of the register it reads: refused with a field message, nothing saved
    const definition = { recipientFi: 'Kela', recipientSv: 'FPA', legalBasisFi: 'TTTL 14 a §', legalBasisSv: 'UtkomststödsL 14 a §', contentFi: 'Päätökset', contentSv: 'Besluten', frequency: 'daily', producer: 'kela_income_support_decisions' }
    const count = async () => (await db().selectFrom('regular_disclosure').select('id').execute()).length
    const defs = await count()
    let res = await main.post('/api/admin/regular-disclosures', { ...definition, serviceTask: 'income_support' })
    expect(res.status).toBe(400)
    expect(((await res.json()) as { errors: { field: string; code: string }[] }).errors).toEqual([expect.objectContaining({ field: 'producer', code: 'notice.producer.taken' })])
    res = await main.post('/api/admin/regular-disclosures', { ...definition, serviceTask: 'family_services' })
    expect(res.status).toBe(400)
    expect(((await res.json()) as { errors: { field: string; code: string; message: string }[] }).errors).toEqual([expect.objectContaining({ field: 'producer', code: 'notice.producer.task' })])
    expect(await count()).toBe(defs)
    // a worker may not run it
    const worker = new Client(t.url)
    await worker.login('etuuskasittelija')
    expect((await worker.post(`/api/admin/regular-disclosures/${kela}/runs`, { periodStart: addDays(DAY, -10), periodEnd: addDays(DAY, -10) })).status).toBe(403)
  })

  it('the morning job runs each day since the last run (a week at most) once, as the system, logging and auditing each client', async () => {
    await decide(persons.plain, yesterday)
    await (await t.server.jobs.runNow('regular-disclosures')).done
    // the latest run covered DAY, 40 days ago: the job catches up the last seven days, one run per day
    const list = async () => ((await (await main.get('/api/admin/regular-disclosures/runs')).json()) as Definitions).definitions.find((d) => d.id === kela)!.runs
    let runs = await list()
    const week = Array.from({ length: 7 }, (_, i) => addDays(today, -1 - i))
    expect(runs.map((r) => [r.periodStart, r.periodEnd, r.trigger])).toEqual([...week.map((d) => [d, d, 'job']), [DAY, DAY, 'manual']])
    expect(runs[0]).toMatchObject({ included: 1, records: 1, runBy: null })
    expect(runs.slice(1, 7).every((r) => r.included === 0)).toBe(true)
    const rows = (await logRows(persons.plain)).filter((r) => r.regular_run_id === runs[0]!.id)
    expect(rows).toEqual([expect.objectContaining({ disclosed_by: null, recipient: 'Kansaneläkelaitos (Kela)', disclosed_on: expect.anything() })])
    expect((await discloseAudits(persons.plain)).at(-1)).toEqual({ event: 'disclosures:regular-job-run', user_id: null, basis: 'system', ref_id: runs[0]!.id })
    // the next round finds nothing due: no run, no log row, no audit row
    const before = { audit: (await discloseAudits(persons.plain)).length, log: (await logRows(persons.plain)).length }
    await (await t.server.jobs.runNow('regular-disclosures')).done
    runs = await list()
    expect(runs).toHaveLength(8)
    expect((await discloseAudits(persons.plain)).length).toBe(before.audit)
    expect((await logRows(persons.plain)).length).toBe(before.log)
  })
})

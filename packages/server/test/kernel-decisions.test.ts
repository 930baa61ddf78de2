import { execFileSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { sql, type Transaction } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ClientScope } from '../src/access/client-access'
import type { DB } from '../src/db/schema'
import { correctionChain, insertDecision, latestDecision, readDecision, recordNotification, type NewDecision } from '../src/kernel/decisions/decisions'
import { renderDecisionDocument } from '../src/kernel/decisions/document'
import { printOrganisation, printRecipient } from '../src/kernel/decisions/parties'
import type { DecisionType } from '../src/kernel/decisions/types'
import { HttpProblem } from '../src/http/problem'
import { INCOME_SUPPORT_DECISION } from '../src/modules/income-support/decision-type'
import { localDate } from '@huoma/domain'
import { databaseKinds } from './helpers/databases'
import { startTestServer, type TestServer } from './helpers/server'

/**
 * The case kernel's decisions, for two decision types: income support (a request for a review, any official) and a
 * tiny test-only type (an appeal to the administrative court, made only by a licensed social worker). Decisions are
 * never edited, a correction is a new decision referring to the old one (at most once, same type, client and
 * matter), the maker's qualification is checked, the notification follows the 7th-day rule, and the document
 * prints the instructions of the type's route.
 */
const kinds = await databaseKinds()

const TEST_TYPE: DecisionType = {
  code: 'test_only_statement',
  serviceTask: 'adult_social_work',
  title: { fi: 'Päätös testiasiassa', sv: 'Beslut i testärende' },
  appeal: { route: 'administrative_court', days: 30, law: { fi: 'testilaki 1 §', sv: '1 § i testlagen' } },
  qualification: 'licensed_social_worker',
  outcomes: ['granted', 'refused'],
  payableSourceKind: 'test_only_decision',
}

const pdfText = (buf: Buffer) => {
  const dir = mkdtempSync(path.join(tmpdir(), 'huoma-kd-'))
  const file = path.join(dir, 'd.pdf')
  writeFileSync(file, buf)
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ')
}

describe.each(kinds)('case kernel decisions on %s', (kind) => {
  let t: TestServer
  let personId: string
  let unitId: string
  let worker: string // sosiaalityontekija: a licensed social worker
  let counsellor: string // sosiaaliohjaaja: a licensed social counsellor
  let handler: string // etuuskasittelija: no recorded qualification
  const db = () => t.server.database.db
  const userId = async (username: string) => (await db().selectFrom('staff_user').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id
  /** The kernel runs inside the chokepoint's transaction; here the test opens it and plays the scope. */
  const inScope = <T>(work: (scope: ClientScope) => Promise<T>) =>
    db()
      .transaction()
      .execute((trx: Transaction<DB>) => work({ trx, personId, basis: 'relationship', touch: () => undefined }))
  const decision = (type: DecisionType, over: Partial<NewDecision> = {}): NewDecision => ({
    unitId,
    subjectId: SUBJECT,
    correctsId: null,
    decidedOn: '2026-03-02',
    makerId: worker,
    language: 'fi',
    outcome: 'granted',
    reasons: 'Perusteet on kirjattu asiakaskertomukseen.',
    items: [{ code: 'x', outcome: type.outcomes[0] }],
    ...over,
  })
  const SUBJECT = '00000000-0000-4000-8000-00000000aaaa'

  beforeAll(async () => {
    t = await startTestServer(kind)
    personId = (await db().selectFrom('person').select('id').orderBy('hetu').limit(1).executeTakeFirstOrThrow()).id
    unitId = (await db().selectFrom('unit').select('id').where('code', '=', 'AIKU').executeTakeFirstOrThrow()).id
    worker = await userId('sosiaalityontekija')
    counsellor = await userId('sosiaaliohjaaja')
    handler = await userId('etuuskasittelija')
  })
  afterAll(() => t?.stop())

  it('checks the maker\'s qualification when the type requires one', async () => {
    for (const maker of [counsellor, handler]) {
      const refused = await inScope((s) => insertDecision(s, TEST_TYPE, decision(TEST_TYPE, { makerId: maker }))).catch((e: unknown) => e)
      expect(refused).toBeInstanceOf(HttpProblem)
      expect((refused as HttpProblem).status).toBe(403)
      expect((refused as HttpProblem).opts.issues?.[0]?.code).toBe('decision.qualification')
    }
    const made = await inScope((s) => insertDecision(s, TEST_TYPE, decision(TEST_TYPE)))
    const row = await db().selectFrom('decision').selectAll().where('id', '=', made.id).executeTakeFirstOrThrow()
    expect(row).toMatchObject({ decision_type: 'test_only_statement', maker_qualification: 'licensed_social_worker', appeal_route: 'administrative_court', appeal_days: 30 })
    // income support needs no particular qualification: the benefit handler decides
    const is = await inScope((s) => insertDecision(s, INCOME_SUPPORT_DECISION, decision(INCOME_SUPPORT_DECISION, { makerId: handler, subjectId: null })))
    expect((await db().selectFrom('decision').select('maker_qualification').where('id', '=', is.id).executeTakeFirstOrThrow()).maker_qualification).toBeNull()
  })

  for (const type of [INCOME_SUPPORT_DECISION, TEST_TYPE]) {
    it(`${type.code}: a decision is never edited or deleted, and is corrected once by a new decision`, async () => {
      const subjectId = crypto.randomUUID()
      const first = await inScope((s) => insertDecision(s, type, decision(type, { subjectId })))
      await expect(sql`UPDATE decision SET reasons = 'Toiset perustelut tähän.' WHERE id = ${first.id}`.execute(db())).rejects.toThrow(/never edited/)
      await expect(sql`DELETE FROM decision WHERE id = ${first.id}`.execute(db())).rejects.toThrow(/never edited/)
      await expect(sql`TRUNCATE decision CASCADE`.execute(db())).rejects.toThrow(/never edited/)

      const correction = await inScope((s) => insertDecision(s, type, decision(type, { subjectId, correctsId: first.id, outcome: type.outcomes.at(-1)! })))
      expect(correction.number).toBeGreaterThan(first.number)
      expect(await latestDecision(db(), type, subjectId)).toEqual(correction)
      const old = await inScope((s) => readDecision(s, type, first.id))
      expect(old).toMatchObject({ correctedById: correction.id, reasons: 'Perusteet on kirjattu asiakaskertomukseen.' })
      // the same decision is not corrected twice; the correction itself may be
      await expect(inScope((s) => insertDecision(s, type, decision(type, { subjectId, correctsId: first.id })))).rejects.toThrow(/decision_corrects_idx/)
      const again = await inScope((s) => insertDecision(s, type, decision(type, { subjectId, correctsId: correction.id })))
      expect(await latestDecision(db(), type, subjectId)).toEqual(again)
      // what a correction of the latest replaces: it and every decision it corrected in turn, newest first
      expect(await correctionChain(db(), again.id)).toEqual([again.id, correction.id, first.id])
      expect(await correctionChain(db(), first.id)).toEqual([first.id])
      // a correction is of the same type, client and matter
      const other = type === TEST_TYPE ? INCOME_SUPPORT_DECISION : TEST_TYPE
      await expect(inScope((s) => insertDecision(s, other, decision(other, { subjectId, correctsId: again.id })))).rejects.toThrow(/same type about the same client and matter/)
      await expect(inScope((s) => insertDecision(s, type, decision(type, { subjectId: crypto.randomUUID(), correctsId: again.id })))).rejects.toThrow(/same type/)
    })
  }

  it('records the notification once: a letter is deemed received on the 7th day, and the appeal period runs from it', async () => {
    const subjectId = crypto.randomUUID()
    const d = await inScope((s) => insertDecision(s, TEST_TYPE, decision(TEST_TYPE, { subjectId })))
    const today = localDate('2026-03-20')
    const future = await inScope((s) => recordNotification(s, TEST_TYPE, d.id, { method: 'in_person', notifiedOn: '2026-03-21' }, worker, today)).catch((e: unknown) => e)
    expect((future as HttpProblem).opts.issues?.map((i) => i.code)).toEqual(['decision.notification.future'])
    const early = await inScope((s) => recordNotification(s, TEST_TYPE, d.id, { method: 'post', sentOn: '2026-03-01' }, worker, today)).catch((e: unknown) => e)
    expect((early as HttpProblem).opts.issues?.map((i) => i.code)).toContain('decision.notification.sentOn')

    const n = await inScope((s) => recordNotification(s, TEST_TYPE, d.id, { method: 'post', sentOn: '2026-03-02' }, worker, today))
    expect(n.notifiedOn).toBe('2026-03-09')
    const read = await inScope((s) => readDecision(s, TEST_TYPE, d.id))
    expect(read.notification).toEqual({ method: 'post', sentOn: '2026-03-02', notifiedOn: '2026-03-09' })
    expect(read.appealDeadline).toBe('2026-04-08')
    const twice = await inScope((s) => recordNotification(s, TEST_TYPE, d.id, { method: 'in_person', notifiedOn: '2026-03-10' }, worker, today)).catch((e: unknown) => e)
    expect((twice as HttpProblem).opts.issues?.map((i) => i.code)).toEqual(['decision.notification.exists'])
    // a decision of another type is not found through this type (404)
    await expect(inScope((s) => readDecision(s, INCOME_SUPPORT_DECISION, d.id))).rejects.toMatchObject({ status: 404 })
  })

  it('prints the instructions of the type\'s route: an appeal to the court, or a request for a review', async () => {
    for (const [type, lang, expected] of [
      [TEST_TYPE, 'fi', ['Päätös testiasiassa', 'Valitusosoitus', 'Helsingin hallinto-oikeus', 'testilaki 1 §', 'Valitus on tehtävä 30 päivän kuluessa']],
      [TEST_TYPE, 'sv', ['Beslut i testärende', 'Besvärsanvisning', 'Helsingfors förvaltningsdomstol', '1 § i testlagen']],
      [INCOME_SUPPORT_DECISION, 'fi', ['Päätös toimeentulotuesta', 'Oikaisuvaatimusohje', 'laki toimeentulotuesta 24 §', 'yksilöasioiden jaosto']],
    ] as const) {
      const text = await inScope(async (s) =>
        pdfText(
          await renderDecisionDocument({
            type,
            language: lang,
            organisation: await printOrganisation(s.trx, unitId, lang),
            preview: false,
            number: 77,
            decidedOn: '2026-03-02',
            correctsNumber: null,
            recipient: { heading: lang === 'sv' ? 'Part' : 'Asianosainen', ...(await printRecipient(s)) },
            body: [{ text: 'TYYPIN-OMA-OSA' }],
            reasons: 'PERUSTELU-ALKU\n\nPERUSTELU-LOPPU',
            generalReasons: [],
            maker: { name: 'Aino Lehtinen' },
            appendices: [{ title: 'Liite: testi', content: [{ text: 'LIITTEEN-SISÄLTÖ' }] }],
          }),
        ),
      )
      for (const s of [...expected, 'TYYPIN-OMA-OSA', 'PERUSTELU-LOPPU', 'Aino Lehtinen', 'LIITTEEN-SISÄLTÖ', '2.3.2026']) expect(text, `${type.code} ${lang}: ${s}`).toContain(s)
      expect(text).not.toContain(type === TEST_TYPE ? 'Oikaisuvaatimusohje' : 'Valitusaika')
    }
  })
})

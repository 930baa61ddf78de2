// the kernel's and this module's tables in the database type (declaration merging)
import type {} from '../../kernel/schema'
import type {} from './schema'
import type { BanInput, EndMeasureInput, LiftBanInput, SupportMeasuresInput } from '@huoma/contract'
import {
  AFTER_CARE_MEASURES,
  OPEN_CARE_MEASURES,
  afterCareCovers,
  ageOn,
  compareLocalDates,
  localDate,
  measurePlaces,
  supportDecisionOutcome,
  type LocalDate,
} from '@huoma/domain'
import { sql } from 'kysely'
import type { ClientScope } from '../../access/client-access'
import { liftBan, recordBan } from '../../kernel/disclosure-bans'
import { problems, type FieldIssue } from '../../http/problem'
import { AFTER_CARE_SUPPORT, OPEN_CARE_SUPPORT } from './decision-types'
import { SERVICE_TASK } from './notifications'
import { afterCareBasis, decide, lockChild, overlapping, placeIssues } from './record'

/**
 * Support measures on the kernel's decisions: open-care support measures for a child (LSL 34–37 §), the open-care
 * placement among them, and after-care measures for a young person after substitute care (LSL 75–76 §), fitted to
 * the after-care the domain computes. One decision names every measure applied for, each granted or refused; a
 * granted placing measure puts a placement on the timeline. Everything is checked first; a refusal writes nothing.
 */

const CODES = { open_care: OPEN_CARE_MEASURES as readonly string[], after_care: AFTER_CARE_MEASURES as readonly string[] }

export async function decideSupportMeasures(scope: ClientScope, input: SupportMeasuresInput, o: { unitId: string; userId: string; today: LocalDate }): Promise<void> {
  await lockChild(scope)
  const { trx, personId } = scope
  const person = await trx.selectFrom('person').select('birth_date').where('id', '=', personId).executeTakeFirstOrThrow()
  const placements = await trx.selectFrom('cw_placement').select(['id', 'basis', 'starts_on', 'ends_on']).where('person_id', '=', personId).execute()
  const basis = input.phase === 'after_care' ? afterCareBasis(person.birth_date, placements) : null
  const issues: FieldIssue[] = []
  if (compareLocalDates(localDate(input.decidedOn), o.today) > 0) issues.push({ field: 'decidedOn', code: 'cw.date.future' })
  if (input.phase === 'after_care' && !basis) issues.push({ field: 'phase', code: 'cw.aftercare.none' })
  const places: { index: number; from: string; to: string | null }[] = []
  for (const [i, m] of input.measures.entries()) {
    const at = (f: string) => `measures/${i}/${f}`
    if (!CODES[input.phase].includes(m.code)) issues.push({ field: at('code'), code: 'cw.measure.code' })
    const endsOn = m.endsOn ?? null
    if (endsOn && compareLocalDates(localDate(endsOn), localDate(m.startsOn)) < 0) issues.push({ field: at('endsOn'), code: 'cw.measure.end_before_start' })
    if (!m.granted) continue
    if (input.phase === 'open_care' && person.birth_date && ageOn(localDate(person.birth_date), localDate(m.startsOn)) >= 18) {
      issues.push({ field: at('startsOn'), code: 'cw.measure.adult' })
    }
    if (basis) {
      const fit = afterCareCovers(basis.input, localDate(m.startsOn), endsOn ? localDate(endsOn) : null)
      if (!fit.ok) issues.push({ field: at(fit.reason === 'past_end' ? 'endsOn' : 'startsOn'), code: `cw.aftercare.${fit.reason}`, params: { lastDay: fit.lastDay } })
    }
    if (measurePlaces(m.code as never)) {
      if (!m.form) issues.push({ field: at('form'), code: 'cw.measure.place' })
      for (const p of await placeIssues(scope, { form: m.form ?? 'other', providerId: m.providerId, placeName: m.placeName, reasons: m.reasons ?? [] }, m.startsOn)) issues.push({ ...p, field: at(p.field) })
      const clash = (await overlapping(scope, m.startsOn, endsOn)).find((c) => c.basis !== 'after_care' || input.phase === 'after_care')
      const inThis = places.find((p) => (p.to === null || compareLocalDates(localDate(p.to), localDate(m.startsOn)) >= 0) && (endsOn === null || compareLocalDates(localDate(p.from), localDate(endsOn)) <= 0))
      if (clash) issues.push({ field: at('startsOn'), code: 'cw.placement.overlap', params: { from: clash.starts_on } })
      else if (inThis) issues.push({ field: at('startsOn'), code: 'cw.placement.overlap', params: { from: inThis.from } })
      places.push({ index: i, from: m.startsOn, to: endsOn })
    }
  }
  if (issues.length) throw problems.validation(issues)
  const type = input.phase === 'open_care' ? OPEN_CARE_SUPPORT : AFTER_CARE_SUPPORT
  const d = await decide(scope, type, {
    unitId: o.unitId,
    userId: o.userId,
    decidedOn: input.decidedOn,
    language: input.language ?? 'fi',
    reasons: input.decisionReasons,
    subjectId: null,
    items: input.measures.map((m) => ({
      code: m.code,
      granted: m.granted,
      description: m.description.trim(),
      startsOn: m.startsOn,
      endsOn: m.endsOn ?? null,
      ...(measurePlaces(m.code as never) ? { form: m.form ?? null, providerId: m.providerId ?? null, placeName: m.placeName?.trim() || null, reasons: m.reasons ?? [] } : {}),
    })),
    outcome: supportDecisionOutcome(input.measures.map((m) => m.granted)),
  })
  for (const m of input.measures) {
    let placementId: string | null = null
    if (m.granted && measurePlaces(m.code as never)) {
      placementId = crypto.randomUUID()
      await trx
        .insertInto('cw_placement')
        .values({
          id: placementId,
          person_id: personId,
          basis: input.phase,
          decision_id: d.id,
          form: m.form!,
          provider_id: m.providerId ?? null,
          place_name: m.placeName?.trim() || null,
          reasons: [...(m.reasons ?? [])],
          starts_on: m.startsOn,
          ends_on: m.endsOn ?? null,
        })
        .execute()
    }
    await trx
      .insertInto('cw_support_measure')
      .values({
        person_id: personId,
        phase: input.phase,
        decision_id: d.id,
        code: m.code,
        granted: m.granted,
        description: m.description.trim(),
        starts_on: m.startsOn,
        ends_on: m.granted ? (m.endsOn ?? null) : null,
        placement_id: placementId,
      })
      .execute()
  }
}

/** Ends a granted measure on a day (earlier than planned, or one until further notice); its placement ends with it. */
export async function endMeasure(scope: ClientScope, measureId: string, input: EndMeasureInput, o: { today: LocalDate }): Promise<void> {
  await lockChild(scope)
  const m = await scope.trx.selectFrom('cw_support_measure').selectAll().where('id', '=', measureId).where('person_id', '=', scope.personId).executeTakeFirst()
  if (!m) throw problems.notFound()
  if (m.version !== input.version) throw problems.conflict()
  const issues: FieldIssue[] = []
  if (!m.granted || (m.ends_on && compareLocalDates(localDate(m.ends_on), o.today) < 0)) issues.push({ field: 'measure', code: 'cw.measure.ended' })
  if (compareLocalDates(localDate(input.endsOn), localDate(m.starts_on)) < 0) issues.push({ field: 'endsOn', code: 'cw.measure.end_before_start' })
  if (m.ends_on && compareLocalDates(localDate(input.endsOn), localDate(m.ends_on)) > 0) issues.push({ field: 'endsOn', code: 'cw.measure.ended' })
  if (compareLocalDates(localDate(input.endsOn), o.today) > 0) issues.push({ field: 'endsOn', code: 'cw.date.future' })
  if (issues.length) throw problems.validation(issues)
  await scope.trx.updateTable('cw_support_measure').set({ ends_on: input.endsOn, version: sql<number>`version + 1` }).where('id', '=', measureId).execute()
  if (m.placement_id) await scope.trx.updateTable('cw_placement').set({ ends_on: input.endsOn, version: sql<number>`version + 1` }).where('id', '=', m.placement_id).execute()
}

// ---- The child's prohibitions to disclose to a guardian (asiakaslaki 11 §) ------------------------------------

export async function recordChildBan(scope: ClientScope, input: BanInput, o: { userId: string; today: LocalDate }): Promise<void> {
  if (input.guardianId) scope.touch(input.guardianId)
  await recordBan(
    scope.trx,
    { personId: scope.personId, serviceTask: SERVICE_TASK, guardianId: input.guardianId ?? null, scope: input.scope, childStatement: input.childStatement, maturityAssessment: input.maturityAssessment, recordedOn: input.recordedOn },
    o,
  )
}

export async function liftChildBan(scope: ClientScope, banId: string, input: LiftBanInput, o: { userId: string; today: LocalDate }): Promise<void> {
  await liftBan(scope.trx, { personId: scope.personId, banId, liftedOn: input.liftedOn, reason: input.reason, version: input.version }, o)
}

import type { Claims, KelaImportResult, MemberInput } from '@huoma/contract'
import type { WorkingDayMode } from '@huoma/domain'
import type { Transaction } from 'kysely'
import type { DB } from '../../db/schema'
import type { Lang } from '../../http/language'
import { HttpProblem, translateIssue } from '../../http/problem'
import type { ForwardedApplication } from '../../integrations/kela/types'
import { insertApplication } from './applications'

const REASONS: Record<'not_in_registry', Record<Lang, string>> = {
  not_in_registry: {
    fi: 'Henkilö ({hetu}) ei ole asiakasrekisterissä; rekisteröi hänet väestötietojärjestelmästä ja hae uudelleen.',
    sv: 'Personen ({hetu}) finns inte i klientregistret; registrera personen från befolkningsdatasystemet och hämta på nytt.',
    en: 'The person ({hetu}) is not in the client registry; register them from the population register and fetch again.',
  },
}

/** Mask a henkilötunnus for a message (the date part only): the refusal list must not spread identifiers. */
const maskHetu = (hetu: string) => `${hetu.slice(0, 6)}${hetu.charAt(6)}****`

/**
 * Import forwarded applications into the unit's queue, idempotent on Kela's case reference. Persons are mapped by
 * henkilötunnus; an application naming someone not in the registry is refused (listed with the reason) and
 * imported on a later fetch once the person is registered. Returns the result and the clients touched.
 */
export async function importForwarded(
  trx: Transaction<DB>,
  apps: readonly ForwardedApplication[],
  opts: { unitId: string; userId: string | null; lang: Lang; mode: WorkingDayMode; now: Date },
): Promise<{ result: KelaImportResult; clientIds: string[] }> {
  const result: KelaImportResult = { imported: 0, alreadyImported: 0, refused: [], applications: [] }
  if (!apps.length) return { result, clientIds: [] }
  const known = new Set(
    (await trx.selectFrom('income_support_application').select('kela_case_ref').where('kela_case_ref', 'in', apps.map((a) => a.kelaCaseRef)).execute()).map((r) => r.kela_case_ref),
  )
  const hetus = [...new Set(apps.flatMap((a) => a.members.map((m) => m.hetu)))]
  const persons = new Map(
    (await trx.selectFrom('person').select(['id', 'hetu']).where('hetu', 'in', hetus).where('merged_into', 'is', null).execute()).map((p) => [p.hetu!, p.id]),
  )
  const clientIds: string[] = []
  for (const app of apps) {
    if (known.has(app.kelaCaseRef)) {
      result.alreadyImported++
      continue
    }
    const missing = app.members.find((m) => !persons.has(m.hetu))
    if (missing) {
      result.refused.push({ kelaCaseRef: app.kelaCaseRef, reason: REASONS.not_in_registry[opts.lang].replace('{hetu}', maskHetu(missing.hetu)) })
      continue
    }
    const id = (hetu: string) => persons.get(hetu)!
    const members: MemberInput[] = app.members.map((m) => ({ personId: id(m.hetu), role: m.role }))
    const claims: Claims = {
      expenses: app.claims.expenses.map(({ memberHetu, ...e }) => ({ ...e, ...(memberHetu ? { memberId: id(memberHetu) } : {}) })),
      incomes: app.claims.incomes.map(({ memberHetu, ...i }) => ({ ...i, memberId: id(memberHetu) })),
      assets: app.claims.assets.map(({ memberHetu, ...a }) => ({ ...a, memberId: id(memberHetu) })),
      supplementary: app.claims.supplementary,
      preventive: app.claims.preventive,
    }
    const personId = id(app.applicantHetu)
    try {
      const applicationId = await insertApplication(
        trx,
        {
          personId,
          unitId: opts.unitId,
          channel: 'kela',
          kelaCaseRef: app.kelaCaseRef,
          receivedOn: app.forwardedOn,
          urgent: app.urgent,
          periodStart: app.periodStart,
          periodEnd: app.periodEnd,
          members,
          claims,
          housingCapped: false,
          kelaBasic: app.basic,
          handlerId: null,
          createdBy: opts.userId,
        },
        opts.lang,
        opts.mode,
        opts.now,
      )
      result.imported++
      result.applications.push({ id: applicationId, personId, kelaCaseRef: app.kelaCaseRef })
      clientIds.push(...members.map((m) => m.personId))
    } catch (e) {
      // a checked refusal (e.g. no parameters for the month) is listed; anything else aborts the whole import
      if (!(e instanceof HttpProblem) || e.status !== 400) throw e
      const issue = e.opts.issues?.[0]
      result.refused.push({ kelaCaseRef: app.kelaCaseRef, reason: issue ? translateIssue(opts.lang, issue).message : e.message })
    }
  }
  return { result, clientIds: [...new Set(clientIds)] }
}

/** The unit forwarded applications go to: HUOMA_KELA_UNIT (unit code), else the unit with most income-support grants. */
export async function kelaUnit(trx: Transaction<DB>, unitCode: string | undefined): Promise<string | null> {
  if (unitCode) {
    const u = await trx.selectFrom('unit').select('id').where('code', '=', unitCode).where('active', '=', true).executeTakeFirst()
    return u?.id ?? null
  }
  const u = await trx
    .selectFrom('staff_grant as g')
    .innerJoin('unit', 'unit.id', 'g.unit_id')
    .select(['unit.id', (eb) => eb.fn.countAll<number>().as('n')])
    .where((eb) => eb(eb.val('income_support'), '=', eb.fn.any('g.service_tasks')))
    .where('g.role_code', '=', 'benefit_handler')
    .where('g.ended_at', 'is', null)
    .where('unit.active', '=', true)
    .groupBy('unit.id')
    .orderBy('n', 'desc')
    .executeTakeFirst()
  return u?.id ?? null
}

import type { LifeSituation, LifeSituationHistory, LifeSituationRecord } from '@huoma/contract'
import type { ClientScope } from '../../access/client-access'
import { problems } from '../../http/problem'

const text = (s: string | null | undefined) => (s == null ? null : s.trim() || null)

async function rows(scope: ClientScope) {
  return scope.trx
    .selectFrom('person_life_situation as s')
    .leftJoin('staff_user as u', 'u.id', 's.recorded_by')
    .select(['s.id', 's.housing_kind', 's.household', 's.income_source', 's.notes', 's.recorded_at', 'u.display_name'])
    .where('s.person_id', '=', scope.personId)
    .orderBy('s.recorded_at', 'desc')
    .orderBy('s.id', 'desc')
    .execute()
}

function toSituation(r: Awaited<ReturnType<typeof rows>>[number]): LifeSituation {
  return {
    id: r.id,
    housingKind: r.housing_kind,
    household: r.household,
    incomeSource: r.income_source,
    notes: r.notes,
    recordedAt: new Date(r.recorded_at).toISOString(),
    recordedBy: r.display_name,
  }
}

/** The current situation (the newest) and the older ones, newest first. */
export async function readLifeSituation(scope: ClientScope): Promise<LifeSituationHistory> {
  const all = (await rows(scope)).map(toSituation)
  return { current: all[0] ?? null, history: all.slice(1) }
}

/**
 * Records a new situation; the previous stays as history. The person row is locked so that two saves are serialised,
 * and a save based on a situation that is no longer the current one answers 409.
 */
export async function recordLifeSituation(scope: ClientScope, input: LifeSituationRecord, actorId: string): Promise<LifeSituation> {
  await scope.trx.selectFrom('person').select('id').where('id', '=', scope.personId).forUpdate().executeTakeFirstOrThrow()
  const current = (await rows(scope))[0]
  if ((current?.id ?? null) !== input.basedOn) {
    throw problems.conflict((l) =>
      ({
        fi: 'Joku muu on kirjannut asumis- ja elämäntilanteen sillä välin. Lataa sivu uudelleen ja tee muutoksesi sitten.',
        sv: 'Någon annan har registrerat boende- och livssituationen under tiden. Ladda om sidan och gör sedan dina ändringar.',
        en: 'Someone else recorded the housing and life situation meanwhile. Reload and then make your changes.',
      })[l],
    )
  }
  const inserted = await scope.trx
    .insertInto('person_life_situation')
    .values({
      person_id: scope.personId,
      housing_kind: input.housingKind,
      household: text(input.household),
      income_source: input.incomeSource,
      notes: text(input.notes),
      recorded_by: actorId,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  const saved = (await rows(scope)).find((r) => r.id === inserted.id)
  if (!saved) throw new Error('life situation not found after insert')
  return toSituation(saved)
}

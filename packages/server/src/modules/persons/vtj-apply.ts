import type { PersonFromVtj, VtjRefreshResult } from '@huoma/contract'
import { foldForSearch } from '@huoma/domain'
import { sql, type Transaction } from 'kysely'
import type { ClientScope } from '../../access/client-access'
import type { AuthedContext } from '../../access/context'
import type { ClientData } from '../../access/plugin'
import type { DB, FieldChange } from '../../db/schema'
import { diffPerson, type VtjClient, type VtjFieldChange, type VtjPerson, type VtjPersonSnapshot, type VtjQueryResult } from '../../integrations/vtj'
import { createPerson } from './registry'

type Trx = Transaction<DB>

/** The fields the client registry keeps from the population register. */
const KEPT = ['firstNames', 'lastName', 'birthDate', 'sex', 'deathDate', 'nativeLanguage', 'municipalityCode', 'turvakielto', 'maritalStatus', 'addresses'] as const

/** The registry's current view of a person, in the register's shape, for the diff. */
async function snapshot(trx: Trx, personId: string): Promise<VtjPersonSnapshot & { id: string }> {
  const p = await trx.selectFrom('person').selectAll().where('id', '=', personId).executeTakeFirstOrThrow()
  const addresses = await trx.selectFrom('person_address').selectAll().where('person_id', '=', personId).execute()
  return {
    id: p.id,
    hetu: p.hetu ?? undefined,
    firstNames: p.first_names,
    lastName: p.last_name,
    birthDate: (p.birth_date ?? undefined) as VtjPerson['birthDate'] | undefined,
    sex: p.sex ?? undefined,
    deathDate: (p.death_date ?? undefined) as VtjPerson['deathDate'] | undefined,
    nativeLanguage: p.native_language ?? undefined,
    municipalityCode: (p.turvakielto ? p.protected_municipality_code : p.municipality_code) ?? undefined,
    turvakielto: p.turvakielto,
    maritalStatus: (p.marital_status ?? undefined) as VtjPerson['maritalStatus'],
    addresses: addresses.map((a) => ({
      kind: a.kind,
      street: a.street,
      postalCode: a.postal_code,
      postOffice: a.post_office,
      municipalityCode: a.municipality_code ?? undefined,
      validFrom: (a.valid_from ?? undefined) as VtjPerson['birthDate'] | undefined,
      validUntil: (a.valid_until ?? undefined) as VtjPerson['birthDate'] | undefined,
    })),
  }
}

/** A change as the client card and the history show it: field names, never the values of protected fields. */
export function describeChange(c: VtjFieldChange): FieldChange {
  if (c.field === 'address') return { field: `address.${c.kind}`, from: c.before ? 'set' : null, to: c.after ? 'set' : null }
  if ('added' in c) return { field: c.field, from: c.removed, to: c.added }
  return { field: c.field, from: c.before, to: c.after }
}

/**
 * Brings a registry person up to date with the register's data. Under turvakielto the register discloses no
 * permanent or temporary address and no municipality: the ones already known are kept (and stay hidden by the
 * access layer), only the contact address is replaced. Wards of a person who gets turvakielto get it too.
 */
export async function applyVtjPerson(trx: Trx, personId: string, vtj: VtjPerson, changedBy: string | null): Promise<FieldChange[]> {
  const before = await snapshot(trx, personId)
  const changes = diffPerson(before, vtj, { fields: KEPT })
  await trx
    .updateTable('person')
    .set({
      first_names: vtj.firstNames,
      last_name: vtj.lastName,
      birth_date: vtj.birthDate,
      sex: vtj.sex ?? null,
      death_date: vtj.deathDate ?? null,
      native_language: vtj.nativeLanguage ?? null,
      marital_status: vtj.maritalStatus ?? null,
      turvakielto: vtj.turvakielto,
      ...(vtj.turvakielto ? {} : { municipality_code: vtj.municipalityCode ?? null, protected_municipality_code: null }),
      search_name: foldForSearch(`${vtj.lastName} ${vtj.firstNames}`),
      vtj_checked_at: sql<Date>`now()`,
      ...(changes.length ? { version: sql<number>`version + 1`, updated_at: sql<Date>`now()` } : {}),
    })
    .where('id', '=', personId)
    .execute()
  if (changes.some((c) => c.field === 'address')) {
    const replace = vtj.turvakielto ? (['contact'] as const) : (['permanent', 'temporary', 'postal', 'contact'] as const)
    await trx.deleteFrom('person_address').where('person_id', '=', personId).where('kind', 'in', [...replace]).execute()
    const fresh = vtj.addresses.filter((a) => (replace as readonly string[]).includes(a.kind))
    if (fresh.length) {
      await trx
        .insertInto('person_address')
        .values(
          fresh.map((a) => ({
            person_id: personId,
            kind: a.kind,
            street: a.street,
            postal_code: a.postalCode,
            post_office: a.postOffice,
            municipality_code: a.municipalityCode ?? null,
            valid_from: a.validFrom ?? null,
            valid_until: a.validUntil ?? null,
          })),
        )
        .execute()
    }
  }
  if (vtj.turvakielto && !before.turvakielto) {
    const wards = await trx.selectFrom('person_relation').select('person_id').where('related_id', '=', personId).where('kind', '=', 'guardian').execute()
    if (wards.length) await trx.updateTable('person').set({ turvakielto: true }).where('id', 'in', wards.map((w) => w.person_id)).execute()
  }
  const described = changes.map(describeChange)
  if (described.length) {
    await trx.insertInto('person_history').values({ person_id: personId, changed_by: changedBy, source: 'vtj', changes: JSON.stringify(described) }).execute()
  }
  return described
}

/** Purpose recorded for the automatic refresh when a client card is opened. */
export const REFRESH_PURPOSE = 'Asiakastietojen ajantasaisuuden tarkistus (asiakkaan kortin avaus)'

function outcome(r: VtjQueryResult): string {
  return r.status === 'error' ? `error:${r.code}` : r.status
}

/** Keeps a register query's purpose and outcome in `vtj_query` (the audit row references it); returns its id. */
export async function logVtjQuery(trx: Trx, userId: string | null, personId: string | null, purpose: string, result: VtjQueryResult): Promise<string> {
  const row = await trx
    .insertInto('vtj_query')
    .values({ user_id: userId, person_id: personId, purpose: purpose.trim(), outcome: outcome(result) })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

/** The registry's person with this henkilötunnus, if any. */
export async function personIdByHetu(trx: Trx, hetu: string): Promise<string | undefined> {
  const row = await trx.selectFrom('person').select('id').where('hetu', '=', hetu).executeTakeFirst()
  return row?.id
}

/**
 * Registers a client from the register's answer (in the chokepoint's transaction): the person with the register's
 * data, the query's log row, and family links to guardians and children already in the registry, who are returned
 * as touched (their names are on the new client's card).
 */
export async function registerFromVtj(
  trx: Trx,
  hetu: string,
  p: VtjPerson,
  input: PersonFromVtj,
  result: VtjQueryResult,
  actorId: string,
  now: Date,
): Promise<{ person: Awaited<ReturnType<typeof createPerson>>; touched: string[] }> {
  const c = await createPerson(
    trx,
    {
      hetu,
      firstNames: p.firstNames,
      lastName: p.lastName,
      ...(p.sex ? { sex: p.sex } : {}),
      ...(p.nativeLanguage ? { nativeLanguage: p.nativeLanguage } : {}),
      serviceLanguage: p.nativeLanguage === 'sv' ? 'sv' : 'fi',
      turvakielto: p.turvakielto,
      ...(input.relationship ? { relationship: input.relationship } : {}),
    },
    actorId,
    now,
  )
  await applyVtjPerson(trx, c.id, p, actorId)
  await logVtjQuery(trx, actorId, c.id, input.purpose, result)
  // Family links to persons already in the registry.
  const related = await trx.selectFrom('person').select(['id', 'hetu']).where('hetu', 'in', [...p.guardians, ...p.children].map((r) => r.hetu ?? '').filter(Boolean).concat([''])).execute()
  const idOf = (h: string | undefined) => related.find((r) => r.hetu === h)?.id
  const links = [
    ...p.guardians.map((g) => ({ person_id: c.id, related_id: idOf(g.hetu), kind: 'guardian' as const })),
    ...p.children.map((ch) => ({ person_id: idOf(ch.hetu), related_id: c.id, kind: 'parent' as const })),
  ].filter((l): l is { person_id: string; related_id: string; kind: 'guardian' | 'parent' } => !!l.person_id && !!l.related_id)
  if (links.length) await trx.insertInto('person_relation').values(links).execute()
  return { person: c, touched: related.map((r) => r.id) }
}

/** The client's henkilötunnus (null for a temporary identity). */
async function clientHetu(scope: ClientScope): Promise<string | null> {
  const row = await scope.trx.selectFrom('person').select(['hetu']).where('id', '=', scope.personId).executeTakeFirstOrThrow()
  return row.hetu
}

/**
 * Refreshes one client from the register: the register is asked outside any transaction (a network call must
 * not hold the database), then the change is applied and logged through the client-access chokepoint.
 */
export async function refreshFromVtj(
  vtj: VtjClient,
  clientData: ClientData,
  ctx: AuthedContext,
  personId: string,
  purpose: string,
): Promise<VtjRefreshResult> {
  const hetu = await clientData.withClient(ctx, { personId }, clientHetu)
  if (!hetu) return { status: 'not_found', changedFields: [] }
  const result = await vtj.queryPerson(hetu, { purpose, userId: ctx.principal.username, requestId: ctx.requestId })
  return clientData.withClient(ctx, { personId }, async (scope) => {
    await logVtjQuery(scope.trx, ctx.principal.userId, personId, purpose, result)
    if (result.status !== 'found') return { status: result.status === 'not_found' ? 'not_found' : 'error', changedFields: [] } as VtjRefreshResult
    const changes = await applyVtjPerson(scope.trx, personId, result.person, ctx.principal.userId)
    return { status: changes.length ? 'updated' : 'unchanged', changedFields: changes.map((c) => c.field) } as VtjRefreshResult
  })
}

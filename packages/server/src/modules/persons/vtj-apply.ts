import { foldForSearch } from '@huoma/domain'
import { sql, type Transaction } from 'kysely'
import type { DB, FieldChange } from '../../db/schema'
import { diffPerson, type VtjFieldChange, type VtjPerson, type VtjPersonSnapshot } from '../../integrations/vtj'

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

import type { Executor } from '../../access/audit'
import type { ClientScope } from '../../access/client-access'
import { mailingAddress } from '../../pdf/mailing-address'
import type { PrintAddress, PrintOrganisation } from './document'

/** The organisation and unit that decide, and where their decisions are challenged, in the document's language. */
export async function printOrganisation(trx: Executor, unitId: string, lang: 'fi' | 'sv'): Promise<PrintOrganisation> {
  const u = await trx
    .selectFrom('unit')
    .innerJoin('organisation as o', 'o.id', 'unit.organisation_id')
    .select(['unit.name_fi', 'unit.name_sv', 'o.name', 'o.administrative_court', 'o.administrative_court_sv', 'o.administrative_court_address'])
    .where('unit.id', '=', unitId)
    .executeTakeFirstOrThrow()
  return {
    name: u.name,
    unitName: lang === 'sv' ? u.name_sv : u.name_fi,
    reviewAuthority: lang === 'sv' ? `${u.name} – sektionen för individärenden` : `${u.name} – yksilöasioiden jaosto`,
    reviewAddress: lang === 'sv' ? `${u.name}, registratorskontoret` : `${u.name}, kirjaamo`,
    court: lang === 'sv' ? u.administrative_court_sv : u.administrative_court,
    courtAddress: u.administrative_court_address,
  }
}

/**
 * The client a decision is addressed to: name, identity and the address a letter may carry (never a protected
 * one, by the shared mailing-address rule).
 */
export async function printRecipient(
  scope: Pick<ClientScope, 'trx' | 'personId'>,
  /** another party of the client's matter (a guardian receiving a copy); the caller has named them to the audit row */
  personId: string = scope.personId,
): Promise<{ name: string; hetu: string | null; temporaryId: string | null; birthDate: string | null; address: PrintAddress | null }> {
  const p = await scope.trx
    .selectFrom('person')
    .select(['first_names', 'last_name', 'hetu', 'temporary_id', 'birth_date', 'turvakielto'])
    .where('id', '=', personId)
    .executeTakeFirstOrThrow()
  return {
    name: `${p.first_names} ${p.last_name}`,
    hetu: p.hetu,
    temporaryId: p.temporary_id,
    birthDate: p.birth_date,
    // the decision goes to the client by mail
    address: await mailingAddress(scope.trx, personId, p.turvakielto),
  }
}

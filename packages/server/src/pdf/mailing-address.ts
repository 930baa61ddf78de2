import { sql, type Transaction } from 'kysely'
import type { DB } from '../db/schema'

export interface MailingAddress {
  street: string
  postalCode: string
  postOffice: string
}

/**
 * The address a document sent to the client by mail may print: under turvakielto only the contact address
 * (yhteysosoite), otherwise the contact, postal or permanent address in force, in that order; never a protected
 * address; of several of a kind, the one in force that began last (a move announced for later is not used yet).
 * Null when the registry has none. Called inside a client-data transaction (the chokepoint's).
 */
export async function mailingAddress(trx: Transaction<DB>, personId: string, turvakielto: boolean): Promise<MailingAddress | null> {
  const kinds = turvakielto ? (['contact'] as const) : (['contact', 'postal', 'permanent'] as const)
  const rows = await trx
    .selectFrom('person_address')
    .select(['kind', 'street', 'postal_code', 'post_office'])
    .where('person_id', '=', personId)
    .where('kind', 'in', [...kinds])
    .where(sql<boolean>`(valid_from IS NULL OR valid_from <= (now() AT TIME ZONE 'Europe/Helsinki')::date)`)
    .where(sql<boolean>`(valid_until IS NULL OR valid_until >= (now() AT TIME ZONE 'Europe/Helsinki')::date)`)
    .orderBy(sql`valid_from DESC NULLS LAST`)
    .execute()
  const a = kinds.map((k) => rows.find((r) => r.kind === k)).find((r) => r)
  return a ? { street: a.street, postalCode: a.postal_code, postOffice: a.post_office } : null
}

// the kernel's tables in the database type (declaration merging)
import type {} from './schema'
import { consentStanding, localDate, type ConsentStanding, type DisclosureBanPurpose } from '@huoma/domain'
import type { Executor } from '../access/audit'

/**
 * The disclosure log (luovutusloki) and the client's consents, kept by the kernel: any register's disclosure —
 * decided on a request, or a regular one (Kela, THL, the enforcement office) when its run sends data — writes its
 * row here with the recipient, the basis, what and when; the client's access report prints them. Writing a row
 * does not replace the audit row: the caller's action is audited as `disclose`.
 */
export interface DisclosureEntry {
  personId: string
  serviceTask: string
  requestId: string | null
  recipient: string
  basis: string
  basisCitation: string | null
  what: string
  method: 'secure_email' | 'post' | 'in_person' | 'interface' | 'phone'
  disclosedOn: string
  disclosedBy: string | null
  /** the regular disclosure's run that sent it */
  regularRunId?: string | null
}

/** The disclosure log's columns of an entry: the one mapping for one row and for many. */
function logRow(e: DisclosureEntry) {
  return {
    person_id: e.personId,
    service_task: e.serviceTask,
    request_id: e.requestId,
    recipient: e.recipient,
    basis: e.basis,
    basis_citation: e.basisCitation,
    what: e.what,
    method: e.method,
    disclosed_on: e.disclosedOn,
    disclosed_by: e.disclosedBy,
    regular_run_id: e.regularRunId ?? null,
  }
}

export async function logDisclosure(trx: Executor, e: DisclosureEntry): Promise<string> {
  const row = await trx.insertInto('disclosure_log').values(logRow(e)).returning('id').executeTakeFirstOrThrow()
  return row.id
}

/** Many rows at once (a regular disclosure's run: one per client the file carries), in chunks. */
export async function logDisclosures(trx: Executor, entries: DisclosureEntry[]): Promise<void> {
  for (let i = 0; i < entries.length; i += 1000) {
    await trx.insertInto('disclosure_log').values(entries.slice(i, i + 1000).map(logRow)).execute()
  }
}

/** How a consent of the client stands for a disclosure from the register on the day ('missing': no such consent of this client). */
export async function consentFor(trx: Executor, o: { consentId: string; personId: string; serviceTask: string; on: string }): Promise<ConsentStanding | 'missing'> {
  const c = await trx
    .selectFrom('consent')
    .select(['given_on', 'valid_until', 'revoked_on', 'service_tasks'])
    .where('id', '=', o.consentId)
    .where('person_id', '=', o.personId)
    .where('kind', '=', 'consent')
    .executeTakeFirst()
  if (!c) return 'missing'
  return consentStanding(
    { givenOn: localDate(c.given_on), validUntil: c.valid_until ? localDate(c.valid_until) : null, revokedOn: c.revoked_on ? localDate(c.revoked_on) : null, serviceTasks: c.service_tasks },
    { on: localDate(o.on), serviceTask: o.serviceTask },
  )
}

/** Whether the client's ban on disclosing for the purpose is in force on the day. */
export async function banned(trx: Executor, o: { personId: string; purpose: DisclosureBanPurpose; on: string }): Promise<boolean> {
  const row = await trx
    .selectFrom('consent')
    .select('id')
    .where('person_id', '=', o.personId)
    .where('kind', '=', 'ban')
    .where('ban_purpose', '=', o.purpose)
    .where('given_on', '<=', o.on)
    .where((eb) => eb.or([eb('revoked_on', 'is', null), eb('revoked_on', '>', o.on)]))
    .executeTakeFirst()
  return !!row
}

import type { LocalDate } from '@huoma/domain'
import { sql, type Generated, type Transaction } from 'kysely'
import type { DB } from '../../db/schema'
import { problems } from '../../http/problem'
import { mailingAddress } from '../../pdf/mailing-address'
import type { ReportInput, ReportLanguage, ReportRow } from './report'
import { identityIds } from './repository'
import { isGuardianOf, withheldRegisters } from '../../kernel/disclosure-bans'

/** The reason row for a report reaching beyond two years (migration 0005_privacy; not in the shared table types). */
type ReasonTables = {
  access_report_reason: {
    id: Generated<string>
    user_id: string
    person_id: string
    period_from: string
    period_until: string
    reason: string
    request_id: string | null
  }
}

export interface AccessReportArgs {
  personId: string
  language: ReportLanguage
  from: LocalDate
  to: LocalDate
  /** The period reaches beyond two years: `reason` is recorded (never in the audit log). */
  extended: boolean
  reason: string | undefined
  userId: string
  requestId: string
  printedAt: Date
  printedBy: string
  /** the report goes to this guardian of a minor: the child's prohibitions are honoured */
  guardianId?: string | undefined
  today: string
}

/**
 * What the client's access report prints, read in the chokepoint's transaction: the person (404 when there is none:
 * the transaction rolls back and nothing is logged), the stated reason of an extended period, the mailing address
 * by the rule of every document sent to the client, and every successful processing of the person's identities in
 * the period, found through the audit_client index by client and period.
 */
export async function accessReportInput(trx: Transaction<DB>, args: AccessReportArgs): Promise<{ id: string; input: ReportInput; guardianId: string | null }> {
  const person = await trx
    .selectFrom('person')
    .select(['id', 'first_names', 'last_name', 'hetu', 'temporary_id', 'turvakielto'])
    .where('id', '=', args.personId)
    .executeTakeFirst()
  if (!person) throw problems.notFound() // rolls back: nothing was processed, nothing is logged
  if (args.extended) {
    await trx
      .withTables<ReasonTables>()
      .insertInto('access_report_reason')
      .values({
        user_id: args.userId,
        person_id: person.id,
        period_from: args.from,
        period_until: args.to,
        reason: args.reason!.trim(),
        request_id: args.requestId,
      })
      .execute()
  }
  // For a guardian: only the child's guardian today, and nothing of a register the child forbade disclosing to them.
  let guardian: { id: string; name: string; turvakielto: boolean } | null = null
  let withheld: string[] = []
  if (args.guardianId) {
    const g = await trx.selectFrom('person').select(['id', 'first_names', 'last_name', 'turvakielto']).where('id', '=', args.guardianId).executeTakeFirst()
    if (!g || !(await isGuardianOf(trx, { personId: person.id, guardianId: g.id, on: args.today }))) throw problems.validation([{ field: 'body.guardianId', code: 'ban.not_guardian' }])
    const w = await withheldRegisters(trx, { personId: person.id, guardianId: g.id, on: args.today })
    if (w.every) throw problems.validation([{ field: 'body.guardianId', code: 'ban.guardian' }])
    guardian = { id: g.id, name: `${g.first_names} ${g.last_name}`, turvakielto: g.turvakielto }
    withheld = w.tasks
  }
  // The address a letter to the client (or the guardian receiving it) may print: the rule of every document sent.
  const address = guardian ? await mailingAddress(trx, guardian.id, guardian.turvakielto) : await mailingAddress(trx, person.id, person.turvakielto)
  const lang = args.language
  // The person's own id and every identity merged into it (records written under a temporary id count), found
  // through the audit_client index by client and period.
  const rows = await trx
    .selectFrom('audit_client as c')
    // the row's time too: the log is partitioned by it (migration 0058), so each hit reads one month's index
    .innerJoin('audit_log as a', (j) => j.onRef('a.id', '=', 'c.audit_id').onRef('a.occurred_at', '=', 'c.occurred_at'))
    .leftJoin('staff_user as u', 'u.id', 'a.user_id')
    .leftJoin('role as ro', 'ro.code', 'a.role_code')
    .select(['a.occurred_at', 'u.display_name', 'a.data_group', 'a.action', 'a.event', 'a.basis'])
    .select(lang === 'sv' ? 'ro.name_sv as role_name' : 'ro.name_fi as role_name')
    .where('c.client_id', 'in', await identityIds(trx, person.id))
    .where('a.outcome', '=', 'success')
    .where('c.occurred_at', '>=', sql<Date>`(${args.from}::date::timestamp AT TIME ZONE 'Europe/Helsinki')`)
    .where('c.occurred_at', '<', sql<Date>`((${args.to}::date + 1)::timestamp AT TIME ZONE 'Europe/Helsinki')`)
    .distinctOn('a.id')
    .orderBy('a.id')
    .execute()
  // to whom the data was disclosed in the period (the disclosure log), except the registers withheld from a guardian
  const disclosures = await trx
    .selectFrom('disclosure_log')
    .select(['disclosed_on', 'recipient', 'service_task', 'basis', 'basis_citation', 'what'])
    .where('person_id', 'in', await identityIds(trx, person.id))
    .where('disclosed_on', '>=', args.from)
    .where('disclosed_on', '<=', args.to)
    .$if(withheld.length > 0, (q) => q.where('service_task', 'not in', withheld))
    .orderBy('disclosed_on')
    .execute()
  const tasks = await trx.selectFrom('service_task').select(['code', 'name_fi', 'name_sv']).execute()
  const org = await trx.selectFrom('organisation').select('name').orderBy('created_at').executeTakeFirst()
  const input: ReportInput = {
    language: lang,
    organisation: org?.name ?? '',
    client: { name: `${person.first_names} ${person.last_name}`, hetu: person.hetu, temporaryId: person.temporary_id },
    address: address ? [address.street, `${address.postalCode} ${address.postOffice}`] : null,
    period: { from: args.from, to: args.to },
    extendedPeriod: args.extended,
    printedAt: args.printedAt,
    printedBy: args.printedBy,
    serviceTaskNames: Object.fromEntries(tasks.map((s) => [s.code, lang === 'sv' ? s.name_sv : s.name_fi])),
    guardian: guardian ? { name: guardian.name, withheldRegisters: withheld.map((code) => tasks.find((x) => x.code === code)).map((x) => (x ? (lang === 'sv' ? x.name_sv : x.name_fi) : '')) } : null,
    disclosures: disclosures.map((d) => ({ on: d.disclosed_on, recipient: d.recipient, serviceTask: d.service_task, basis: d.basis, basisCitation: d.basis_citation, what: d.what })),
    rows: rows.filter((r) => !withheld.includes(r.data_group.split('/')[0] ?? '')).map(
      (r): ReportRow => ({
        occurredAt: r.occurred_at,
        userName: r.display_name,
        roleName: r.role_name,
        dataGroup: r.data_group,
        action: r.action,
        event: r.event,
        basis: r.basis,
      }),
    ),
  }
  return { id: person.id, input, guardianId: guardian?.id ?? null }
}

// this module's tables in the database type (declaration merging)
import type {} from './schema'
import type { ClientCopy, RightsPart } from '@huoma/contract'
import { addMonths, localDate, type LocalDate } from '@huoma/domain'
import { sql, type Transaction } from 'kysely'
import type { DB } from '../../db/schema'
import { HttpProblem, problems } from '../../http/problem'
import { readClientCopy, type CopyTable } from '../../kernel/client-copy'
import { guardianWithholding, withheldRegisters } from '../../kernel/disclosure-bans'
import { identityIds } from '../privacy'

type Lang = 'fi' | 'sv'

const ACTIONS: Record<Lang, Record<string, string>> = {
  fi: { view: 'katseli', insert: 'tallensi', update: 'muutti', delete: 'poisti', print: 'tulosti', export: 'vei tiedot', disclose: 'luovutti', search: 'haki', security: 'tietoturvatapahtuma' },
  sv: { view: 'läste', insert: 'sparade', update: 'ändrade', delete: 'raderade', print: 'skrev ut', export: 'exporterade', disclose: 'lämnade ut', search: 'sökte', security: 'säkerhetshändelse' },
}
const OTHER_REGISTERS: Record<Lang, Record<string, string>> = {
  fi: { registry: 'Perustiedot', privacy: 'Tietosuoja', security: 'Tietoturva' },
  sv: { registry: 'Grunduppgifter', privacy: 'Dataskydd', security: 'Datasäkerhet' },
}

export interface CopyInput {
  copy: ClientCopy
  /** the column labels of each section, for the PDF */
  labels: Record<string, Record<string, string>>
  /** the phrases of coded columns, per section and column: the PDF prints the phrase, the JSON keeps the code */
  phrases: Record<string, Record<string, Record<string, string>>>
  registerNames: Record<string, string>
  language: Lang
}

const noCopy = () => new HttpProblem(409, 'conflict', { issues: [{ field: 'requestId', code: 'rights.noCopy' }] })

/**
 * The copy of the client's data for a decided access or log request, read in the officer's audited transaction: the
 * registers the decision granted (for a guardian, less what the child forbade), every module's declared records in
 * them (an access request; a log request gets only the log), who processed the data in the period (the request's,
 * or the two years before the decision) and to whom it was disclosed.
 */
export async function buildCopy(trx: Transaction<DB>, tables: readonly CopyTable[], requestId: string, producedAt: Date): Promise<{ input: CopyInput; personIds: string[] }> {
  const r = await trx
    .selectFrom('rights_request as r')
    .innerJoin('decision as d', 'd.id', 'r.decision_id')
    .innerJoin('person as p', 'p.id', 'r.person_id')
    .select(['r.id', 'r.number', 'r.kind', 'r.person_id', 'r.requester_kind', 'r.requester_id', 'r.period_from', 'r.period_to', 'r.language', 'r.service_tasks'])
    .select(['d.decided_on', 'd.outcome', 'd.items', 'p.first_names', 'p.last_name', 'p.hetu', 'p.temporary_id'])
    .where('r.id', '=', requestId)
    .executeTakeFirst()
  if (!r) {
    const exists = await trx.selectFrom('rights_request').select('id').where('id', '=', requestId).executeTakeFirst()
    throw exists ? noCopy() : problems.notFound()
  }
  if ((r.kind !== 'access' && r.kind !== 'log') || r.outcome === 'refused') throw noCopy()
  const lang = r.language
  const parts = r.items as RightsPart[]
  const allTasks = await trx.selectFrom('service_task').select(['code', 'name_fi', 'name_sv']).orderBy('sort_order').execute()
  // A part names a register; the registry's part (null) covers the basic data and, when the request named no
  // register, every register no other part names.
  const partOf = new Map(parts.map((p) => [p.serviceTask ?? 'registry', p.outcome]))
  const allByRegistry = r.service_tasks.length === 0 && partOf.get('registry') === 'granted'
  const withheld: { serviceTask: string | null; ground: ClientCopy['withheld'][number]['ground'] }[] = parts
    .filter((p) => p.outcome === 'refused')
    .map((p) => ({ serviceTask: p.serviceTask, ground: p.ground ?? null }))
  // For a guardian: the child's prohibitions (asiakaslaki 11 §) are honoured as well.
  let guardianBanned: string[] = []
  let dropChildViews = false
  const today = localDate(r.decided_on)
  if (r.requester_kind === 'guardian' && r.requester_id) {
    const w = await withheldRegisters(trx, { personId: r.person_id, guardianId: r.requester_id, on: r.decided_on })
    guardianBanned = w.every ? allTasks.map((t) => t.code) : w.tasks
    dropChildViews = (await guardianWithholding(trx, { personId: r.person_id, guardianId: r.requester_id, serviceTask: 'child_welfare', on: r.decided_on })) === 'child_views'
    for (const t of guardianBanned) if (partOf.get(t) !== 'refused') withheld.push({ serviceTask: t, ground: 'child_development' })
  }
  const include = (task: string | null): boolean => {
    if (task === null) return partOf.get('registry') === 'granted'
    if (guardianBanned.includes(task)) return false
    return partOf.has(task) ? partOf.get(task) === 'granted' : allByRegistry
  }
  const personIds = await identityIds(trx, r.person_id)
  const sections =
    r.kind === 'access'
      ? (await readClientCopy(trx, tables, { personIds, include })).map((s) => ({
          ...s,
          columns: dropChildViews ? s.columns.filter((c) => c.key !== 'child_views') : s.columns,
          records: dropChildViews ? s.records.map(({ child_views: _, ...rest }) => rest) : s.records,
        }))
      : []
  const from: LocalDate = r.period_from ? localDate(r.period_from) : addMonths(today, -24)
  const to: LocalDate = r.period_to ? localDate(r.period_to) : today
  const registerOf = (dataGroup: string) => dataGroup.split('/')[0] ?? ''
  const processingRows = await trx
    .selectFrom('audit_client as c')
    // the row's time too: the log is partitioned by it (migration 0058), so each hit reads one month's index
    .innerJoin('audit_log as a', (j) => j.onRef('a.id', '=', 'c.audit_id').onRef('a.occurred_at', '=', 'c.occurred_at'))
    .leftJoin('staff_user as u', 'u.id', 'a.user_id')
    .leftJoin('role as ro', 'ro.code', 'a.role_code')
    .select(['a.id', 'a.occurred_at', 'u.display_name', 'a.data_group', 'a.action'])
    .select(lang === 'sv' ? 'ro.name_sv as role_name' : 'ro.name_fi as role_name')
    .where('c.client_id', 'in', personIds)
    .where('a.outcome', '=', 'success')
    .where('c.occurred_at', '>=', sql<Date>`(${from}::date::timestamp AT TIME ZONE 'Europe/Helsinki')`)
    .where('c.occurred_at', '<', sql<Date>`((${to}::date + 1)::timestamp AT TIME ZONE 'Europe/Helsinki')`)
    .distinctOn('a.id')
    .orderBy('a.id')
    .execute()
  const registerNames: Record<string, string> = {
    ...OTHER_REGISTERS[lang],
    ...Object.fromEntries(allTasks.map((t) => [t.code, lang === 'sv' ? t.name_sv : t.name_fi])),
  }
  const taskCodes = new Set(allTasks.map((t) => t.code))
  const hidden = (register: string) => (register === 'registry' ? !include(null) : taskCodes.has(register) && !include(register))
  const processing = processingRows
    .filter((p) => !hidden(registerOf(p.data_group)))
    .map((p) => ({
      at: p.occurred_at.toISOString(),
      who: p.display_name,
      role: p.role_name,
      register: registerNames[registerOf(p.data_group)] ?? registerOf(p.data_group),
      action: ACTIONS[lang][p.action] ?? p.action,
    }))
  const disclosures = (
    await trx
      .selectFrom('disclosure_log')
      .select(['disclosed_on', 'recipient', 'service_task', 'basis', 'basis_citation', 'what'])
      .where('person_id', 'in', personIds)
      .where('disclosed_on', '>=', from)
      .where('disclosed_on', '<=', to)
      .orderBy('disclosed_on')
      .execute()
  )
    .filter((d) => !hidden(d.service_task))
    .map((d) => ({ on: d.disclosed_on, recipient: d.recipient, serviceTask: d.service_task, basis: d.basis_citation ? `${d.basis} (${d.basis_citation})` : d.basis, what: d.what }))
  const org = await trx.selectFrom('organisation').select('name').orderBy('created_at').executeTakeFirst()
  const labels: Record<string, Record<string, string>> = {}
  const phrases: CopyInput['phrases'] = {}
  for (const s of sections) {
    labels[s.key] = Object.fromEntries(s.columns.map((c) => [c.key, c.label[lang]]))
    phrases[s.key] = Object.fromEntries(s.columns.filter((c) => c.values).map((c) => [c.key, Object.fromEntries(Object.entries(c.values!).map(([code, text]) => [code, text[lang]]))]))
  }
  const copy: ClientCopy = {
    format: 'huoma-client-copy/1',
    request: { number: Number(r.number), kind: r.kind, decidedOn: r.decided_on },
    controller: org?.name ?? '',
    producedAt: producedAt.toISOString(),
    client: { name: `${r.first_names} ${r.last_name}`, hetu: r.hetu, temporaryId: r.temporary_id },
    withheld,
    sections: sections.map((s) => ({ key: s.key, title: s.title[lang], serviceTask: s.serviceTask, records: s.records })),
    processing,
    disclosures,
  }
  return { input: { copy, labels, phrases, registerNames, language: lang }, personIds: [r.person_id, ...(r.requester_id ? [r.requester_id] : [])] }
}

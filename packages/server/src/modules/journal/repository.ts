import type {
  JournalCorrection,
  JournalDraftCreate,
  JournalDraftUpdate,
  JournalEntryDetail,
  JournalEntryState,
  JournalList,
  JournalListItem,
  JournalVersion,
} from '@huoma/contract'
import { parseLocalDate, todayInHelsinki } from '@huoma/domain'
import { sql, type ExpressionBuilder, type Transaction } from 'kysely'
import type { ClientScope } from '../../access/client-access'
import type { DB } from '../../db/schema'
import type { Lang } from '../../http/language'
import { HttpProblem, problems, type FieldIssue } from '../../http/problem'
import type { JournalPrintEntry, JournalPrintInput } from './pdf'

type Trx = Transaction<DB>
type EntryEB = ExpressionBuilder<DB & { e: DB['journal_entry'] }, 'e'>

/** The journal of one client in one service task, as reached through the chokepoint. */
export interface JournalTarget {
  scope: ClientScope
  serviceTask: string
  /** The signed-in user: drafts are theirs alone. */
  userId: string
}

const REASON_MIN_CHARS = 5

const conflict = (kind: 'stale' | 'signed' | 'superseded') =>
  new HttpProblem(409, 'conflict', {
    type: `https://huoma.fi/problems/journal-${kind}`,
    detail: (l: Lang) =>
      ({
        stale: {
          fi: 'Luonnosta on muutettu sillä välin toisessa ikkunassa. Lataa merkintä uudelleen ja tee muutoksesi sitten.',
          sv: 'Utkastet har ändrats under tiden i ett annat fönster. Ladda om anteckningen och gör sedan dina ändringar.',
          en: 'The draft was changed meanwhile in another window. Reload the entry and then make your changes.',
        },
        signed: {
          fi: 'Allekirjoitettua merkintää ei voi muuttaa eikä poistaa; korjaus tehdään uutena versiona.',
          sv: 'En undertecknad anteckning kan inte ändras eller raderas; en rättelse görs som en ny version.',
          en: 'A signed entry cannot be changed or deleted; a correction is made as a new version.',
        },
        superseded: {
          fi: 'Merkintää on jo korjattu sillä välin. Lataa merkintä uudelleen ja korjaa uusinta versiota.',
          sv: 'Anteckningen har redan rättats under tiden. Ladda om den och rätta den senaste versionen.',
          en: 'The entry was corrected meanwhile. Reload it and correct the latest version.',
        },
      })[kind][l],
  })

/** Rows the user may see: every signed version, and their own drafts. */
function visibleTo(userId: string) {
  return (eb: EntryEB) => eb.or([eb('e.status', '=', 'signed'), eb('e.author_id', '=', userId)])
}

function baseQuery(trx: Trx, t: JournalTarget) {
  return trx
    .selectFrom('journal_entry as e')
    .innerJoin('staff_user as a', 'a.id', 'e.author_id')
    .leftJoin('staff_user as s', 's.id', 'e.signed_by')
    .select((eb) => [
      'e.id',
      'e.entry_id',
      'e.entry_no',
      'e.version_no',
      'e.type',
      'e.event_date',
      sql<string | null>`to_char(e.event_time, 'HH24:MI')`.as('event_time'),
      'e.staff_participants',
      'e.other_participants',
      'e.body',
      'e.status',
      'e.author_id',
      'a.display_name as author_name',
      'e.created_at',
      'e.updated_at',
      'e.signed_by',
      's.display_name as signer_name',
      'e.signed_at',
      'e.correction_reason',
      'e.version',
      eb.exists(eb.selectFrom('journal_entry as n').select(sql.lit(1).as('one')).whereRef('n.previous_id', '=', 'e.id')).as('superseded'),
    ])
    .where('e.person_id', '=', t.scope.personId)
    .where('e.service_task', '=', t.serviceTask)
    .where(visibleTo(t.userId))
}

type Row = Awaited<ReturnType<ReturnType<typeof baseQuery>['execute']>>[number]

const iso = (d: Date | string) => new Date(d).toISOString()

async function staffNames(trx: Trx, rows: Row[]): Promise<Map<string, string>> {
  const ids = [...new Set(rows.flatMap((r) => r.staff_participants))]
  if (!ids.length) return new Map()
  const users = await trx.selectFrom('staff_user').select(['id', 'display_name']).where('id', 'in', ids).execute()
  return new Map(users.map((u) => [u.id, u.display_name]))
}

function toVersion(r: Row, names: Map<string, string>): JournalVersion {
  return {
    id: r.id,
    entryId: r.entry_id,
    versionNo: r.version_no,
    type: r.type,
    eventDate: r.event_date,
    eventTime: r.event_time,
    staffParticipants: r.staff_participants.map((id) => ({ id, name: names.get(id) ?? '' })),
    otherParticipants: r.other_participants,
    text: r.body,
    status: r.status,
    author: { id: r.author_id, name: r.author_name },
    createdAt: iso(r.created_at),
    updatedAt: iso(r.updated_at),
    signedBy: r.signed_by ? { id: r.signed_by, name: r.signer_name ?? '' } : null,
    signedAt: r.signed_at ? iso(r.signed_at) : null,
    correctionReason: r.correction_reason,
    superseded: Boolean(r.superseded),
    version: r.version,
  }
}

function stateOf(current: Pick<Row, 'status' | 'version_no'>): JournalEntryState {
  if (current.status === 'draft') return 'draft'
  return current.version_no > 1 ? 'corrected' : 'signed'
}

/** Cursor of a page: `<event date>.<entry no>` of the last entry shown. */
const cursorOf = (r: Row) => `${r.event_date}.${r.entry_no}`

export async function listEntries(t: JournalTarget, opts: { limit: number; cursor?: string | undefined }): Promise<JournalList> {
  const { trx } = t.scope
  let q = baseQuery(trx, t).where((eb) => eb.not(eb.exists(eb.selectFrom('journal_entry as n').select(sql.lit(1).as('one')).whereRef('n.previous_id', '=', 'e.id'))))
  if (opts.cursor) {
    const [date = '', no = ''] = opts.cursor.split('.')
    if (!parseLocalDate(date)) throw problems.validation([{ field: 'querystring.cursor', code: 'format' }])
    q = q.where(sql<boolean>`(e.event_date, e.entry_no) < (${date}::date, ${no}::bigint)`)
  }
  const page = await q.orderBy('e.event_date', 'desc').orderBy('e.entry_no', 'desc').limit(opts.limit + 1).execute()
  const current = page.slice(0, opts.limit)
  const entryIds = current.map((r) => r.entry_id)
  const all = entryIds.length
    ? await baseQuery(trx, t).where('e.entry_id', 'in', entryIds).orderBy('e.version_no', 'desc').execute()
    : []
  const names = await staffNames(trx, current)
  const entries: JournalListItem[] = current.map((r) => ({
    entryId: r.entry_id,
    state: stateOf(r),
    current: toVersion(r, names),
    history: all
      .filter((v) => v.entry_id === r.entry_id)
      .map((v) => ({
        id: v.id,
        versionNo: v.version_no,
        status: v.status,
        authorName: v.author_name,
        createdAt: iso(v.created_at),
        signedByName: v.signer_name,
        signedAt: v.signed_at ? iso(v.signed_at) : null,
        correctionReason: v.correction_reason,
        superseded: Boolean(v.superseded),
      })),
  }))
  const last = current.at(-1)
  return { serviceTask: t.serviceTask, entries, nextCursor: page.length > opts.limit && last ? cursorOf(last) : null }
}

export async function readEntry(t: JournalTarget, entryId: string): Promise<JournalEntryDetail> {
  const versions = await baseQuery(t.scope.trx, t).where('e.entry_id', '=', entryId).orderBy('e.version_no', 'desc').execute()
  const current = versions[0]
  // Somebody else's draft answers exactly like an entry that does not exist.
  if (!current) throw problems.notFound()
  const names = await staffNames(t.scope.trx, versions)
  return { entryId, serviceTask: t.serviceTask, state: stateOf(current), versions: versions.map((v) => toVersion(v, names)) }
}

type Content = JournalDraftCreate

/** Domain checks of an entry's content, every issue at once; returns the values to store. */
async function checkContent(trx: Trx, input: Content, now: Date) {
  const issues: FieldIssue[] = []
  if (input.eventDate > todayInHelsinki(now)) issues.push({ field: 'body.eventDate', code: 'journal.eventDate.future' })
  if (!input.text.trim()) issues.push({ field: 'body.text', code: 'journal.text.blank' })
  const staff = input.staffParticipants ?? []
  if (staff.length) {
    const found = new Set((await trx.selectFrom('staff_user').select('id').where('id', 'in', staff).execute()).map((u) => u.id))
    staff.forEach((id, i) => {
      if (!found.has(id)) issues.push({ field: `body.staffParticipants.${i}`, code: 'journal.participants.unknown' })
    })
  }
  const others = (input.otherParticipants ?? []).map((p) => p.trim())
  others.forEach((p, i) => {
    if (!p) issues.push({ field: `body.otherParticipants.${i}`, code: 'journal.participants.blank' })
  })
  return {
    issues,
    values: {
      type: input.type,
      event_date: input.eventDate,
      event_time: input.eventTime ?? null,
      staff_participants: staff,
      other_participants: others,
      body: input.text.replace(/\s+$/, ''),
    },
  }
}

export async function createDraft(t: JournalTarget, input: JournalDraftCreate, now: Date): Promise<JournalEntryDetail> {
  const { issues, values } = await checkContent(t.scope.trx, input, now)
  if (issues.length) throw problems.validation(issues)
  const row = await t.scope.trx
    .insertInto('journal_entry')
    .values({ ...values, person_id: t.scope.personId, service_task: t.serviceTask, author_id: t.userId, status: 'draft' })
    .returning('entry_id')
    .executeTakeFirstOrThrow()
  return readEntry(t, row.entry_id)
}

/** The entry's current version (the one no correction points at), locked for the change, if the user may see it. */
async function currentForChange(t: JournalTarget, entryId: string) {
  const row = await t.scope.trx
    .selectFrom('journal_entry as e')
    .select(['e.id', 'e.status', 'e.author_id', 'e.version'])
    .where('e.entry_id', '=', entryId)
    .where('e.person_id', '=', t.scope.personId)
    .where('e.service_task', '=', t.serviceTask)
    .where(visibleTo(t.userId))
    .where((eb) => eb.not(eb.exists(eb.selectFrom('journal_entry as n').select(sql.lit(1).as('one')).whereRef('n.previous_id', '=', 'e.id'))))
    .forUpdate()
    .executeTakeFirst()
  if (!row) throw problems.notFound()
  return row
}

async function ownDraft(t: JournalTarget, entryId: string, version: number | undefined) {
  const row = await currentForChange(t, entryId)
  if (row.status !== 'draft') throw conflict('signed')
  if (row.author_id !== t.userId) throw problems.notFound()
  if (version !== undefined && row.version !== version) throw conflict('stale')
  return row
}

export async function updateDraft(t: JournalTarget, entryId: string, input: JournalDraftUpdate, now: Date): Promise<JournalEntryDetail> {
  const row = await ownDraft(t, entryId, input.version)
  const { issues, values } = await checkContent(t.scope.trx, input, now)
  if (issues.length) throw problems.validation(issues)
  await t.scope.trx
    .updateTable('journal_entry')
    .set({ ...values, version: row.version + 1, updated_at: sql<Date>`now()` })
    .where('id', '=', row.id)
    .where('version', '=', row.version)
    .execute()
  return readEntry(t, entryId)
}

export async function deleteDraft(t: JournalTarget, entryId: string): Promise<void> {
  const row = await ownDraft(t, entryId, undefined)
  await t.scope.trx.deleteFrom('journal_entry').where('id', '=', row.id).where('status', '=', 'draft').execute()
}

export async function signDraft(t: JournalTarget, entryId: string, version: number): Promise<JournalEntryDetail> {
  const row = await ownDraft(t, entryId, version)
  await t.scope.trx
    .updateTable('journal_entry')
    .set({ status: 'signed', signed_by: t.userId, signed_at: sql<Date>`now()`, updated_at: sql<Date>`now()`, version: row.version + 1 })
    .where('id', '=', row.id)
    .execute()
  return readEntry(t, entryId)
}

export async function correctEntry(t: JournalTarget, entryId: string, input: JournalCorrection, now: Date): Promise<JournalEntryDetail> {
  const row = await currentForChange(t, entryId)
  const { issues, values } = await checkContent(t.scope.trx, input, now)
  const reason = input.reason.trim()
  if (reason.replace(/[^\p{L}\p{N}]/gu, '').length < REASON_MIN_CHARS) {
    issues.push({ field: 'body.reason', code: 'journal.reason.required', params: { min: REASON_MIN_CHARS } })
  }
  if (row.status !== 'signed') issues.push({ field: 'body.basedOn', code: 'journal.correct.draft' })
  if (issues.length) throw problems.validation(issues)
  if (row.id !== input.basedOn) throw conflict('superseded')
  try {
    await t.scope.trx
      .insertInto('journal_entry')
      .values({
        ...values,
        previous_id: row.id,
        person_id: t.scope.personId,
        service_task: t.serviceTask,
        author_id: t.userId,
        status: 'signed',
        signed_by: t.userId,
        signed_at: sql<Date>`now()`,
        correction_reason: reason,
      })
      .execute()
  } catch (e) {
    if ((e as { code?: string }).code === '23505') throw conflict('superseded')
    throw e
  }
  return readEntry(t, entryId)
}

/** What the journal print needs: the client's name and ids (never an address), the task, signed current entries. */
export async function printInput(t: JournalTarget, lang: 'fi' | 'sv', entryId: string | undefined, printedBy: string, now: Date): Promise<JournalPrintInput> {
  const { trx } = t.scope
  const person = await trx.selectFrom('person').select(['first_names', 'last_name', 'hetu', 'temporary_id']).where('id', '=', t.scope.personId).executeTakeFirstOrThrow()
  const task = await trx.selectFrom('service_task').select(['name_fi', 'name_sv']).where('code', '=', t.serviceTask).executeTakeFirst()
  const org = await trx.selectFrom('organisation').select('name').orderBy('created_at').executeTakeFirst()
  let q = baseQuery(trx, t).where('e.status', '=', 'signed')
  if (entryId) q = q.where('e.entry_id', '=', entryId)
  const rows = await q.orderBy('e.event_date', 'desc').orderBy('e.entry_no', 'desc').orderBy('e.version_no', 'desc').execute()
  if (entryId && !rows.length) throw problems.notFound()
  const names = await staffNames(trx, rows)
  const entries: JournalPrintEntry[] = []
  for (const r of rows) {
    if (r.superseded) continue
    const previous = rows.filter((v) => v.entry_id === r.entry_id && v.id !== r.id).map((v) => toVersion(v, names))
    entries.push({ current: toVersion(r, names), previous })
  }
  return {
    language: lang,
    organisation: org?.name ?? '',
    client: { name: `${person.first_names} ${person.last_name}`, hetu: person.hetu, temporaryId: person.temporary_id },
    serviceTask: (lang === 'sv' ? task?.name_sv : task?.name_fi) ?? t.serviceTask,
    printedAt: now,
    printedBy,
    entries,
  }
}

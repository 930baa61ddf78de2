// The privacy notice's configuration and versions are the organisation's data: no client data is reached here.
import type {
  DataProtectionSettings,
  DataProtectionSettingsInput,
  NoticeLanguage,
  NoticeVersion,
  NoticeVersionSummary,
  PaperRecord,
  PaperRecordInput,
  PaperRecordUpdate,
  RegularDisclosure,
  RegularDisclosureInput,
  RegularDisclosureUpdate,
} from '@huoma/contract'
import { sql, type Kysely, type Selectable } from 'kysely'
import type { Executor } from '../../access/audit'
import type { Database } from '../../db/database'
import type { DB } from '../../db/schema'
import { HttpProblem, problems } from '../../http/problem'
import { REGULAR_DISCLOSURE_PRODUCER_TASKS } from '@huoma/contract'
import { composeNoticeContent, noticeHash, type NoticeContent, type NoticeSources } from './generate'
import type { PaperRecordLocationTable, RegularDisclosureTable } from './schema'

// eslint-disable-next-line no-restricted-syntax -- the notice's configuration and versions are the organisation's data, never client data
export const noticeDb = (app: { database: Database }): Kysely<DB> => app.database.db

export type NoticeReason = 'startup' | 'settings' | 'regular_disclosures' | 'paper_records'

const stale = () => new HttpProblem(409, 'conflict', { type: 'https://huoma.fi/problems/stale-version' })

const EMPTY_SETTINGS: NoticeSources['settings'] = {
  controllerAddress: '',
  controllerEmail: '',
  controllerPhone: '',
  dpoName: '',
  dpoEmail: '',
  dpoPhone: '',
  dpoAddress: '',
  rightsContactFi: '',
  rightsContactSv: '',
  transfersFi: '',
  transfersSv: '',
  securityFi: '',
  securitySv: '',
}

/** The controller: the organisation (one per installation; the first one entered). */
async function organisation(db: Executor) {
  return db.selectFrom('organisation').select(['id', 'name', 'business_id']).orderBy('created_at').orderBy('id').limit(1).executeTakeFirst()
}

async function settingsRow(db: Executor, organisationId: string | undefined) {
  if (!organisationId) return undefined
  return db.selectFrom('data_protection_settings').selectAll().where('organisation_id', '=', organisationId).executeTakeFirst()
}

function settingsOf(row: Awaited<ReturnType<typeof settingsRow>>): NoticeSources['settings'] {
  if (!row) return EMPTY_SETTINGS
  return {
    controllerAddress: row.controller_address,
    controllerEmail: row.controller_email,
    controllerPhone: row.controller_phone,
    dpoName: row.dpo_name,
    dpoEmail: row.dpo_email,
    dpoPhone: row.dpo_phone,
    dpoAddress: row.dpo_address,
    rightsContactFi: row.rights_contact_fi,
    rightsContactSv: row.rights_contact_sv,
    transfersFi: row.transfers_fi,
    transfersSv: row.transfers_sv,
    securityFi: row.security_fi,
    securitySv: row.security_sv,
  }
}

/** Reads everything the notice is generated from. */
export async function loadNoticeSources(db: Executor): Promise<NoticeSources> {
  const org = await organisation(db)
  const settings = settingsOf(await settingsRow(db, org?.id))
  const serviceTasks = await db.selectFrom('service_task').select(['code', 'name_fi', 'name_sv']).orderBy('sort_order').execute()
  const disclosures = await db
    .selectFrom('regular_disclosure as d')
    .innerJoin('service_task as s', 's.code', 'd.service_task')
    .selectAll('d')
    .where('d.active', '=', true)
    .orderBy('s.sort_order')
    .orderBy('d.recipient_fi')
    .orderBy('d.id')
    .execute()
  const paper = await db
    .selectFrom('paper_record_location as p')
    .innerJoin('service_task as s', 's.code', 'p.service_task')
    .leftJoin('unit as u', 'u.id', 'p.unit_id')
    .select(['p.service_task', 'p.place', 'p.content', 'p.period', 'p.responsible', 'u.name_fi', 'u.name_sv'])
    .where('p.active', '=', true)
    .orderBy('s.sort_order')
    .orderBy('p.place')
    .orderBy('p.id')
    .execute()
  return {
    organisation: org ? { name: org.name, businessId: org.business_id } : null,
    settings,
    serviceTasks: serviceTasks.map((t) => ({ code: t.code, nameFi: t.name_fi, nameSv: t.name_sv })),
    disclosures: disclosures.map((d) => ({
      serviceTask: d.service_task,
      recipientFi: d.recipient_fi,
      recipientSv: d.recipient_sv,
      legalBasisFi: d.legal_basis_fi,
      legalBasisSv: d.legal_basis_sv,
      contentFi: d.content_fi,
      contentSv: d.content_sv,
      frequency: d.frequency,
    })),
    paperRecords: paper.map((p) => ({
      serviceTask: p.service_task,
      unitNameFi: p.name_fi,
      unitNameSv: p.name_sv,
      place: p.place,
      content: p.content,
      period: p.period,
      responsible: p.responsible,
    })),
  }
}

/**
 * Generates the notice from the configuration as it is in `trx` and stores it as a new version when its content
 * differs from the latest (same hash: nothing is written). Serialised by a transaction-scoped advisory lock, so two
 * servers starting, or two changes, do not race for the next number. Returns the version in force.
 */
export async function regenerateNotice(trx: Executor, reason: NoticeReason): Promise<{ number: number; created: boolean }> {
  await sql`SELECT pg_advisory_xact_lock(hashtext('huoma-privacy-notice'))`.execute(trx)
  const content: NoticeContent = composeNoticeContent(await loadNoticeSources(trx))
  const hash = noticeHash(content)
  const latest = await trx.selectFrom('privacy_notice_version').select(['number', 'content_hash']).orderBy('number', 'desc').limit(1).executeTakeFirst()
  if (latest?.content_hash === hash) return { number: latest.number, created: false }
  const number = (latest?.number ?? 0) + 1
  await trx.insertInto('privacy_notice_version').values({ number, content: JSON.stringify(content), content_hash: hash, reason }).execute()
  return { number, created: true }
}

/** At start-up: a version for the configuration as it is now (the code's texts may have changed with a release). */
export async function regenerateAtStartup(db: Kysely<DB>): Promise<{ number: number; created: boolean }> {
  return db.transaction().execute((trx) => regenerateNotice(trx, 'startup'))
}

const summary = (r: { number: number; generated_at: Date; content_hash: string; reason: string }): NoticeVersionSummary => ({
  number: r.number,
  generatedAt: r.generated_at.toISOString(),
  contentHash: r.content_hash,
  reason: r.reason,
})

export async function listNoticeVersions(db: Executor): Promise<NoticeVersionSummary[]> {
  const rows = await db.selectFrom('privacy_notice_version').select(['number', 'generated_at', 'content_hash', 'reason']).orderBy('number', 'desc').execute()
  return rows.map(summary)
}

/** One version (the latest when `number` is absent) in one language. */
export async function readNoticeVersion(db: Executor, number: number | undefined, language: NoticeLanguage): Promise<NoticeVersion> {
  let q = db.selectFrom('privacy_notice_version').selectAll()
  q = number === undefined ? q.orderBy('number', 'desc').limit(1) : q.where('number', '=', number)
  const row = await q.executeTakeFirst()
  if (!row) throw problems.notFound()
  const content = (typeof row.content === 'string' ? JSON.parse(row.content) : row.content) as NoticeContent
  return { ...summary(row), language, document: content[language] }
}

// ---- the data protection parameters ----------------------------------------------------------------------------------

export async function readSettings(db: Executor): Promise<DataProtectionSettings> {
  const org = await organisation(db)
  if (!org) throw problems.notFound()
  const row = await settingsRow(db, org.id)
  return { ...settingsOf(row), controllerName: org.name, businessId: org.business_id, version: row?.version ?? 1, updatedAt: (row?.updated_at ?? new Date(0)).toISOString() }
}

/** Changes the parameters at the version the main user saw (the first save creates the row at version 1). */
export async function updateSettings(trx: Executor, input: DataProtectionSettingsInput, userId: string): Promise<DataProtectionSettings> {
  const org = await organisation(trx)
  if (!org) throw problems.notFound()
  const { version, ...fields } = input
  const values = {
    controller_address: fields.controllerAddress.trim(),
    controller_email: fields.controllerEmail.trim(),
    controller_phone: fields.controllerPhone.trim(),
    dpo_name: fields.dpoName.trim(),
    dpo_email: fields.dpoEmail.trim(),
    dpo_phone: fields.dpoPhone.trim(),
    dpo_address: fields.dpoAddress.trim(),
    rights_contact_fi: fields.rightsContactFi.trim(),
    rights_contact_sv: fields.rightsContactSv.trim(),
    transfers_fi: fields.transfersFi.trim(),
    transfers_sv: fields.transfersSv.trim(),
    security_fi: fields.securityFi.trim(),
    security_sv: fields.securitySv.trim(),
    updated_by: userId,
  }
  const current = await trx.selectFrom('data_protection_settings').select('version').where('organisation_id', '=', org.id).forUpdate().executeTakeFirst()
  if (!current) {
    if (version !== 1) throw stale()
    // two first saves at once: the second finds the row and is stale
    const inserted = await trx
      .insertInto('data_protection_settings')
      .values({ organisation_id: org.id, ...values, version: 2 })
      .onConflict((oc) => oc.column('organisation_id').doNothing())
      .returning('version')
      .executeTakeFirst()
    if (!inserted) throw stale()
  } else {
    if (current.version !== version) throw stale()
    await trx
      .updateTable('data_protection_settings')
      .set({ ...values, version: sql<number>`version + 1`, updated_at: sql<Date>`now()` })
      .where('organisation_id', '=', org.id)
      .execute()
  }
  return readSettings(trx)
}

// ---- regular disclosures ---------------------------------------------------------------------------------------------

const toDisclosure = (r: Selectable<RegularDisclosureTable>): RegularDisclosure => ({
  id: r.id,
  serviceTask: r.service_task as RegularDisclosure['serviceTask'],
  recipientFi: r.recipient_fi,
  recipientSv: r.recipient_sv,
  legalBasisFi: r.legal_basis_fi,
  legalBasisSv: r.legal_basis_sv,
  contentFi: r.content_fi,
  contentSv: r.content_sv,
  frequency: r.frequency,
  producer: r.producer as RegularDisclosure['producer'],
  active: r.active,
  version: r.version,
})

const disclosureValues = (i: RegularDisclosureInput) => ({
  service_task: i.serviceTask,
  recipient_fi: i.recipientFi.trim(),
  recipient_sv: i.recipientSv.trim(),
  legal_basis_fi: i.legalBasisFi.trim(),
  legal_basis_sv: i.legalBasisSv.trim(),
  content_fi: i.contentFi.trim(),
  content_sv: i.contentSv.trim(),
  frequency: i.frequency,
  ...(i.producer !== undefined ? { producer: i.producer } : {}),
})

export async function listRegularDisclosures(db: Executor): Promise<RegularDisclosure[]> {
  const rows = await db
    .selectFrom('regular_disclosure as d')
    .innerJoin('service_task as s', 's.code', 'd.service_task')
    .selectAll('d')
    .orderBy('d.active', 'desc')
    .orderBy('s.sort_order')
    .orderBy('d.recipient_fi')
    .execute()
  return rows.map(toDisclosure)
}

/**
 * A definition naming an output (`producer`) must be of the register the output reads, and the only active one with
 * it (the partial unique index says the same; a race that reaches it gets the same answer).
 */
async function checkProducer(trx: Executor, input: RegularDisclosureInput, active: boolean, id: string | null): Promise<void> {
  const producer = input.producer
  if (!producer) return
  const task = REGULAR_DISCLOSURE_PRODUCER_TASKS[producer]
  if (input.serviceTask !== task) throw problems.validation([{ field: 'producer', code: 'notice.producer.task', params: { task } }])
  if (!active) return
  let q = trx.selectFrom('regular_disclosure').select('id').where('producer', '=', producer).where('active', '=', true)
  if (id) q = q.where('id', '<>', id)
  if (await q.executeTakeFirst()) throw problems.validation([{ field: 'producer', code: 'notice.producer.taken' }])
}

const rethrowTaken = (e: unknown): never => {
  const pg = e as { code?: string; constraint?: string } | null
  if (pg?.code === '23505' && pg.constraint === 'regular_disclosure_producer_idx') throw problems.validation([{ field: 'producer', code: 'notice.producer.taken' }])
  throw e
}

export async function createRegularDisclosure(trx: Executor, input: RegularDisclosureInput, userId: string): Promise<RegularDisclosure> {
  await checkProducer(trx, input, true, null)
  const row = await trx
    .insertInto('regular_disclosure')
    .values({ ...disclosureValues(input), created_by: userId })
    .returningAll()
    .executeTakeFirstOrThrow()
    .catch(rethrowTaken)
  return toDisclosure(row)
}

export async function updateRegularDisclosure(trx: Executor, id: string, input: RegularDisclosureUpdate, userId: string): Promise<RegularDisclosure> {
  const current = await trx.selectFrom('regular_disclosure').select(['version', 'producer', 'service_task']).where('id', '=', id).forUpdate().executeTakeFirst()
  if (!current) throw problems.notFound()
  if (current.version !== input.version) throw stale()
  // a producer left out stays as it is: check the one the row will have
  await checkProducer(trx, { ...input, producer: input.producer === undefined ? (current.producer as RegularDisclosureInput['producer']) : input.producer }, input.active, id)
  const row = await trx
    .updateTable('regular_disclosure')
    .set({ ...disclosureValues(input), active: input.active, updated_by: userId, version: sql<number>`version + 1`, updated_at: sql<Date>`now()` })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow()
    .catch(rethrowTaken)
  return toDisclosure(row)
}

// ---- the paper records register --------------------------------------------------------------------------------------

type PaperRow = Selectable<PaperRecordLocationTable> & { unit_name: string | null }

const toPaper = (r: PaperRow): PaperRecord => ({
  id: r.id,
  serviceTask: r.service_task as PaperRecord['serviceTask'],
  unitId: r.unit_id,
  unitName: r.unit_name,
  place: r.place,
  content: r.content,
  period: r.period,
  responsible: r.responsible,
  active: r.active,
  version: r.version,
})

const paperValues = (i: PaperRecordInput) => ({
  service_task: i.serviceTask,
  unit_id: i.unitId,
  place: i.place.trim(),
  content: i.content.trim(),
  period: i.period.trim(),
  responsible: i.responsible.trim(),
})

async function readPaper(db: Executor, id: string): Promise<PaperRecord | undefined> {
  const row = await db
    .selectFrom('paper_record_location as p')
    .leftJoin('unit as u', 'u.id', 'p.unit_id')
    .selectAll('p')
    .select('u.name_fi as unit_name')
    .where('p.id', '=', id)
    .executeTakeFirst()
  return row && toPaper(row)
}

export async function listPaperRecords(db: Executor): Promise<PaperRecord[]> {
  const rows = await db
    .selectFrom('paper_record_location as p')
    .innerJoin('service_task as s', 's.code', 'p.service_task')
    .leftJoin('unit as u', 'u.id', 'p.unit_id')
    .selectAll('p')
    .select('u.name_fi as unit_name')
    .orderBy('p.active', 'desc')
    .orderBy('s.sort_order')
    .orderBy('p.place')
    .execute()
  return rows.map(toPaper)
}

async function checkUnit(db: Executor, unitId: string | null) {
  if (unitId === null) return
  const unit = await db.selectFrom('unit').select('id').where('id', '=', unitId).executeTakeFirst()
  if (!unit) throw problems.validation([{ field: 'body.unitId', code: 'notice.unit' }])
}

export async function createPaperRecord(trx: Executor, input: PaperRecordInput, userId: string): Promise<PaperRecord> {
  await checkUnit(trx, input.unitId)
  const row = await trx.insertInto('paper_record_location').values({ ...paperValues(input), created_by: userId }).returning('id').executeTakeFirstOrThrow()
  return (await readPaper(trx, row.id))!
}

export async function updatePaperRecord(trx: Executor, id: string, input: PaperRecordUpdate, userId: string): Promise<PaperRecord> {
  const current = await trx.selectFrom('paper_record_location').select('version').where('id', '=', id).forUpdate().executeTakeFirst()
  if (!current) throw problems.notFound()
  if (current.version !== input.version) throw stale()
  await checkUnit(trx, input.unitId)
  await trx
    .updateTable('paper_record_location')
    .set({ ...paperValues(input), active: input.active, updated_by: userId, version: sql<number>`version + 1`, updated_at: sql<Date>`now()` })
    .where('id', '=', id)
    .execute()
  return (await readPaper(trx, id))!
}

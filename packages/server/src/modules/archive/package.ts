// this module's tables in the database type (declaration merging)
import type {} from './schema'
import type { ArchiveCandidate, ArchivePackageSummary } from '@huoma/contract'
import { archiveDocumentFileName, ATTACHMENT_DOCUMENT_TYPES, DOCUMENT_TYPES, isAttachmentDocumentType, type DocumentType, type LocalDate } from '@huoma/domain'
import { createHash } from 'node:crypto'
import { zipSync } from 'fflate'
import { sql, type Transaction } from 'kysely'
import type { Executor } from '../../access/audit'
import type { DB } from '../../db/schema'
import { readClientCopy, type CopySection, type CopyTable } from '../../kernel/client-copy'
import { identityIds } from '../privacy'
import { registerAttachments } from './attachments'
import { pngHasTransparency, renderArchiveDocument, renderArchiveImage } from './render'
import { metadataXml, type PackageMetadata } from './metadata'
import { dateOf } from '../../db/dates'

/** The register of a client's basic data (the registry's sections, whose service task is null). */
export const CLIENT_REGISTER = 'client'
/** At most this many clients in one package (a package is one transaction and one zip held in memory). */
export const PACKAGE_CLIENT_LIMIT = 200
const LIST_LIMIT = 500
/** The extension of an attachment kept as its original file in the package. */
const ORIGINAL_EXTENSION: Record<string, string> = { 'application/pdf': '.pdf', 'image/png': '.png', 'image/jpeg': '.jpg', 'image/tiff': '.tif', 'text/plain': '.txt' }
type OriginalFormat = 'application/pdf' | 'image/png' | 'image/jpeg' | 'image/tiff' | 'text/plain'


/**
 * The registers ready for the archive, as SQL: retention says permanent (the 8/18/28 sample or an archive order);
 * the person has been a client (a matter, now closed: for the basic data every matter of the client); and no
 * package has covered the register since its last matter closed.
 */
function readyRows(trx: Executor, today: LocalDate, filter: { register?: string; personIds?: readonly string[] }) {
  const closedOn = sql<string | null>`(SELECT max(r.end_date) FROM client_relationship r
      WHERE r.person_id = s.person_id AND (s.register = ${CLIENT_REGISTER} OR r.service_task = s.register))`
  let q = trx
    .selectFrom('retention_state as s')
    .innerJoin('person as p', 'p.id', 's.person_id')
    .select(['s.person_id', 's.register', 's.permanent_reason', 'p.first_names', 'p.last_name', 'p.hetu', 'p.temporary_id'])
    .select(closedOn.as('closed_on'))
    .where('s.status', '=', 'permanent')
    .where('p.merged_into', 'is', null)
    // a client: someone who has had a matter (a person the registry knows only as a relative is no client to archive)
    .where(sql<boolean>`${closedOn} IS NOT NULL`)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('client_relationship as r')
            .select(sql`1`.as('one'))
            .whereRef('r.person_id', '=', 's.person_id')
            .where((eb) => eb.or([eb('s.register', '=', CLIENT_REGISTER), eb('r.service_task', '=', eb.ref('s.register'))]))
            .where((eb) => eb.or([eb('r.end_date', 'is', null), eb('r.end_date', '>', today)])),
        ),
      ),
    )
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('archive_transfer as t')
            .select(sql`1`.as('one'))
            .whereRef('t.person_id', '=', 's.person_id')
            .whereRef('t.register', '=', 's.register')
            .where(sql<boolean>`t.covers_until >= coalesce(${closedOn}, '-infinity'::date)`),
        ),
      ),
    )
  if (filter.register) q = q.where('s.register', '=', filter.register)
  if (filter.personIds) q = q.where('s.person_id', 'in', [...filter.personIds])
  return q
}

/** The registers ready for the archive, the first 500 by name, with the count of all. */
export async function listCandidates(trx: Executor, today: LocalDate, register?: string): Promise<{ candidates: ArchiveCandidate[]; total: number }> {
  const base = readyRows(trx, today, register ? { register } : {})
  const [rows, count] = await Promise.all([
    base.orderBy('p.last_name').orderBy('p.first_names').orderBy('s.person_id').orderBy('s.register').limit(LIST_LIMIT).execute(),
    trx.selectFrom(base.as('x')).select(sql<string>`count(*)`.as('n')).executeTakeFirstOrThrow(),
  ])
  return {
    candidates: rows.map((r) => ({
      personId: r.person_id,
      name: `${r.last_name} ${r.first_names}`,
      identity: r.hetu ?? r.temporary_id ?? null,
      register: r.register,
      reason: r.permanent_reason ?? 'sample',
      closedOn: dateOf(r.closed_on)!,
    })),
    total: Number(count.n),
  }
}

interface Made {
  summary: ArchivePackageSummary
  clientIds: string[]
}

/**
 * Makes an archive package in the caller's transaction: picks the registers ready (up to 200 clients), reads each
 * client's records of those registers through the modules' record declarations, lays out one PDF/A document per
 * register and document type, writes the metadata, zips them, stores the package and records the transfers.
 * Returns null when nothing is ready.
 */
export async function makePackage(
  trx: Transaction<DB>,
  tables: readonly CopyTable[],
  q: { today: LocalDate; now: Date; userId: string; register?: string; personIds?: readonly string[]; attachmentFolder: string },
): Promise<Made | null> {
  const ready = await readyRows(trx, q.today, { ...(q.register ? { register: q.register } : {}), ...(q.personIds ? { personIds: q.personIds } : {}) })
    .orderBy('s.person_id')
    .orderBy('s.register')
    .execute()
  const byPerson = new Map<string, { register: string; reason: 'sample' | 'archive_order' }[]>()
  for (const r of ready) {
    const list = byPerson.get(r.person_id) ?? []
    if (!byPerson.has(r.person_id)) {
      if (byPerson.size >= PACKAGE_CLIENT_LIMIT) continue
      byPerson.set(r.person_id, list)
    }
    list.push({ register: r.register, reason: r.permanent_reason ?? 'sample' })
  }
  if (!byPerson.size) return null

  const org = await trx.selectFrom('organisation').select('name').orderBy('created_at').executeTakeFirst()
  const maker = await trx.selectFrom('staff_user').select('display_name').where('id', '=', q.userId).executeTakeFirst()
  const taskNames = await trx.selectFrom('service_task').select(['code', 'name_fi', 'name_sv']).execute()
  const registerName = (register: string, lang: 'fi' | 'sv') => {
    if (register === CLIENT_REGISTER) return lang === 'sv' ? 'Klientskap och grunduppgifter' : 'Asiakkuus ja perustiedot'
    const t = taskNames.find((x) => x.code === register)
    return t ? (lang === 'sv' ? t.name_sv : t.name_fi) : register
  }
  const persons = await trx
    .selectFrom('person')
    .select(['id', 'hetu', 'temporary_id', 'first_names', 'last_name', 'birth_date', 'death_date', 'service_language'])
    .where('id', 'in', [...byPerson.keys()])
    .execute()

  const files: Record<string, Uint8Array> = {}
  const meta: PackageMetadata = {
    organisation: org?.name ?? '',
    createdAt: q.now.toISOString(),
    createdBy: maker?.display_name ?? null,
    clients: [],
  }
  const transfers: { person_id: string; register: string; reason: 'sample' | 'archive_order'; covers_until: string; documents: number }[] = []
  let clientNo = 0
  for (const p of persons.sort((a, b) => a.id.localeCompare(b.id))) {
    clientNo += 1
    const folder = `c${String(clientNo).padStart(4, '0')}`
    const registers = byPerson.get(p.id) ?? []
    const wanted = new Set(registers.map((r) => r.register))
    const lang: 'fi' | 'sv' = p.service_language === 'sv' ? 'sv' : 'fi'
    const ids = await identityIds(trx, p.id)
    const sections = await readClientCopy(trx, tables, {
      personIds: ids,
      include: (task) => wanted.has(task ?? CLIENT_REGISTER),
    })
    const client: PackageMetadata['clients'][number] = {
      folder,
      hetu: p.hetu,
      temporaryId: p.temporary_id,
      lastName: p.last_name,
      firstNames: p.first_names,
      birthDate: dateOf(p.birth_date),
      deathDate: dateOf(p.death_date),
      registers: registers.map((r) => ({ code: r.register, name: registerName(r.register, lang), reason: r.reason })),
      documents: [],
    }
    for (const r of registers) {
      // one document per register and document type: the records of the same type together, in their order
      const groups = new Map<DocumentType, CopySection[]>()
      for (const s of sections) if ((s.serviceTask ?? CLIENT_REGISTER) === r.register) groups.set(s.documentType, [...(groups.get(s.documentType) ?? []), s])
      let n = 0
      for (const [type, parts] of groups) {
        n += 1
        const dates = parts.flatMap((s) => s.recordDates).filter((d): d is string => !!d).sort()
        const records = parts.reduce((sum, s) => sum + s.records.length, 0)
        const title = `${DOCUMENT_TYPES[type][lang]} — ${registerName(r.register, lang)}`
        const pdf = await renderArchiveDocument({
          lang,
          organisation: meta.organisation,
          title,
          client: { name: `${p.last_name} ${p.first_names}`, hetu: p.hetu, temporaryId: p.temporary_id },
          reason: r.reason,
          firstDate: dates[0] ?? null,
          lastDate: dates.at(-1) ?? null,
          producedAt: q.now,
          sections: parts,
        })
        const file = `${folder}/${archiveDocumentFileName(r.register, n, type)}`
        files[file] = pdf
        client.documents.push({
          file,
          sha256: createHash('sha256').update(pdf).digest('hex'),
          bytes: pdf.length,
          serviceTask: r.register,
          serviceTaskName: registerName(r.register, lang),
          documentType: type,
          documentTypeName: DOCUMENT_TYPES[type][lang],
          title,
          firstDate: dates[0] ?? null,
          lastDate: dates.at(-1) ?? null,
          records,
          reason: r.reason,
          language: lang,
          format: 'PDF/A-1b',
        })
      }
      // the register's attachments as files of their own: an image as a PDF/A page (a transparent PNG, which PDF/A-1
      // cannot hold, and any other file kept as its original), a PDF as its original, with its checksum and format
      if (r.register !== CLIENT_REGISTER) {
        for (const a of await registerAttachments(trx, ids, r.register, q.attachmentFolder)) {
          n += 1
          const typeName = isAttachmentDocumentType(a.documentType) ? ATTACHMENT_DOCUMENT_TYPES[a.documentType][lang] : a.documentType
          const title = `${DOCUMENT_TYPES.attachment[lang]}: ${typeName} — ${registerName(r.register, lang)}`.slice(0, 500)
          const convert = a.contentType === 'image/jpeg' || (a.contentType === 'image/png' && !pngHasTransparency(a.content))
          const bytes = convert
            ? await renderArchiveImage({
                lang,
                organisation: meta.organisation,
                title,
                client: { name: `${p.last_name} ${p.first_names}`, hetu: p.hetu, temporaryId: p.temporary_id },
                reason: r.reason,
                producedAt: q.now,
                image: a.content,
                mediaType: a.contentType as 'image/jpeg' | 'image/png',
                fileName: a.fileName,
                uploadedOn: a.uploadedOn,
                typeName,
              })
            : a.content
          const file = `${folder}/${archiveDocumentFileName(r.register, n, 'attachment').replace(/\.pdf$/, convert ? '.pdf' : ORIGINAL_EXTENSION[a.contentType] ?? '.bin')}`
          files[file] = bytes
          client.documents.push({
            file,
            sha256: createHash('sha256').update(bytes).digest('hex'),
            bytes: bytes.length,
            serviceTask: r.register,
            serviceTaskName: registerName(r.register, lang),
            documentType: 'attachment',
            documentTypeName: DOCUMENT_TYPES.attachment[lang],
            title,
            firstDate: a.uploadedOn,
            lastDate: a.uploadedOn,
            records: 1,
            reason: r.reason,
            language: lang,
            format: convert ? 'PDF/A-1b' : (a.contentType as OriginalFormat),
            original: { fileName: a.fileName, format: a.contentType as OriginalFormat, sha256: a.sha256, bytes: a.content.length, converted: convert },
          })
        }
      }
      transfers.push({ person_id: p.id, register: r.register, reason: r.reason, covers_until: q.today, documents: n })
    }
    meta.clients.push(client)
  }

  const number = Number((await sql<{ n: string }>`SELECT nextval('archive_package_no_seq') AS n`.execute(trx)).rows[0]!.n)
  const xml = metadataXml({ ...meta, number })
  files['metadata.xml'] = new TextEncoder().encode(xml)
  // stored, not deflated: PDFs are compressed already, and a stored zip opens in every archive tool
  const zip = zipSync(files, { level: 0, mtime: q.now })
  const sha256 = createHash('sha256').update(zip).digest('hex')
  const documents = meta.clients.reduce((sum, c) => sum + c.documents.length, 0)
  const row = await trx
    .insertInto('archive_package')
    .values({ number, created_by: q.userId, created_at: q.now, register: q.register ?? null, clients: meta.clients.length, documents, bytes: zip.length, sha256, content: zip })
    .returning(['id', 'number', 'created_at'])
    .executeTakeFirstOrThrow()
  await trx
    .insertInto('archive_transfer')
    .values(transfers.map((t) => ({ ...t, package_id: row.id })))
    .execute()
  return {
    summary: {
      id: row.id,
      number: Number(row.number),
      createdAt: new Date(row.created_at).toISOString(),
      createdBy: maker?.display_name ?? null,
      register: q.register ?? null,
      clients: meta.clients.length,
      documents,
      bytes: zip.length,
      sha256,
      format: 'PDF/A-1b',
    },
    clientIds: [...byPerson.keys()],
  }
}

/** The packages made, newest first (no client data). */
export async function listPackages(trx: Executor): Promise<ArchivePackageSummary[]> {
  const rows = await trx
    .selectFrom('archive_package as a')
    .leftJoin('staff_user as u', 'u.id', 'a.created_by')
    .select(['a.id', 'a.number', 'a.created_at', 'u.display_name', 'a.register', 'a.clients', 'a.documents', 'a.bytes', 'a.sha256'])
    .orderBy('a.number', 'desc')
    .execute()
  return rows.map((r) => ({
    id: r.id,
    number: Number(r.number),
    createdAt: new Date(r.created_at).toISOString(),
    createdBy: r.display_name,
    register: r.register,
    clients: r.clients,
    documents: r.documents,
    bytes: Number(r.bytes),
    sha256: r.sha256,
    format: 'PDF/A-1b' as const,
  }))
}

/** A package's zip and the clients in it (for the audit row), or null. */
export async function packageContent(trx: Executor, packageId: string): Promise<{ number: number; zip: Uint8Array; clientIds: string[] } | null> {
  const row = await trx.selectFrom('archive_package').select(['number', 'content']).where('id', '=', packageId).executeTakeFirst()
  if (!row) return null
  const clients = await trx.selectFrom('archive_transfer').select('person_id').distinct().where('package_id', '=', packageId).execute()
  return { number: Number(row.number), zip: row.content, clientIds: clients.map((c) => c.person_id) }
}

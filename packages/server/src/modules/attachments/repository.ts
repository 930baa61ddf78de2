import { createHash, randomUUID } from 'node:crypto'
import fs from 'node:fs/promises'
import path from 'node:path'
import type { Attachment, AttachmentList, AttachmentType, ATTACHMENT_DOCUMENT_TYPE_CODES as C_TYPES } from '@huoma/contract'
import type { AttachmentDocumentType, ATTACHMENT_DOCUMENT_TYPE_CODES } from '@huoma/domain'
import type { ClientScope } from '../../access/client-access'
import type { AttachmentSettings } from '../../config'
import { problems } from '../../http/problem'

/** The contract's list of document types is the domain's (a list changed on one side only fails to compile here). */
type Same<A extends readonly string[], B extends readonly string[]> = A[number] extends B[number] ? (B[number] extends A[number] ? true : false) : false
const sameLists: Same<typeof C_TYPES, typeof ATTACHMENT_DOCUMENT_TYPE_CODES> = true
void sameLists

/** The attachments of one client in one service task, as reached through the chokepoint. */
export interface AttachmentTarget {
  scope: ClientScope
  serviceTask: string
  userId: string
  settings: AttachmentSettings
}

/** A checked upload, ready to store. */
export interface NewAttachment {
  fileName: string
  contentType: AttachmentType
  documentType: AttachmentDocumentType
  content: Buffer
  journalEntryId: string | null
}

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex')
const iso = (d: Date | string) => new Date(d).toISOString()

function baseQuery(t: AttachmentTarget) {
  return t.scope.trx
    .selectFrom('attachment as a')
    .innerJoin('staff_user as u', 'u.id', 'a.uploaded_by')
    .select([
      'a.id',
      'a.service_task',
      'a.journal_entry_id',
      'a.file_name',
      'a.content_type',
      'a.document_type',
      'a.size_bytes',
      'a.sha256',
      'a.uploaded_by',
      'u.display_name as uploader_name',
      'a.uploaded_at',
    ])
    .where('a.person_id', '=', t.scope.personId)
    .where('a.service_task', '=', t.serviceTask)
}

type Row = Awaited<ReturnType<ReturnType<typeof baseQuery>['execute']>>[number]

function toAttachment(r: Row): Attachment {
  return {
    id: r.id,
    serviceTask: r.service_task,
    journalEntryId: r.journal_entry_id,
    fileName: r.file_name,
    contentType: r.content_type,
    documentType: r.document_type,
    sizeBytes: Number(r.size_bytes),
    sha256: hex(r.sha256),
    uploadedBy: { id: r.uploaded_by, name: r.uploader_name },
    uploadedAt: iso(r.uploaded_at),
  }
}

export async function listAttachments(t: AttachmentTarget): Promise<AttachmentList> {
  const rows = await baseQuery(t).orderBy('a.uploaded_at', 'desc').orderBy('a.id').execute()
  return { serviceTask: t.serviceTask, maxBytes: t.settings.maxBytes, attachments: rows.map(toAttachment) }
}

/**
 * Stores an upload: the row, and in the folder store the file named by a fresh id. The file is written before the
 * row is inserted; the caller's transaction decides, and `cleanup` removes the file if it does not commit — so
 * a refused or failed upload leaves neither an orphan file nor a row.
 */
export async function insertAttachment(t: AttachmentTarget, input: NewAttachment, written: string[]): Promise<Attachment> {
  const { trx, personId } = t.scope
  if (input.journalEntryId) {
    // The entry must be this client's in this service task, and signed or the user's own draft.
    const entry = await trx
      .selectFrom('journal_entry')
      .select('id')
      .where('id', '=', input.journalEntryId)
      .where('person_id', '=', personId)
      .where('service_task', '=', t.serviceTask)
      .where((eb) => eb.or([eb('status', '=', 'signed'), eb('author_id', '=', t.userId)]))
      .executeTakeFirst()
    if (!entry) throw problems.validation([{ field: 'body.journalEntryId', code: 'attachments.journalEntry.unknown' }])
  }
  const id = randomUUID()
  const sha256 = createHash('sha256').update(input.content).digest()
  let storageKey: string | null = null
  if (t.settings.store === 'folder') {
    storageKey = id
    await fs.mkdir(t.settings.folder, { recursive: true, mode: 0o700 })
    const file = path.join(t.settings.folder, storageKey)
    written.push(file)
    const handle = await fs.open(file, 'wx', 0o600)
    try {
      await handle.writeFile(input.content)
      await handle.sync()
    } finally {
      await handle.close()
    }
  }
  await trx
    .insertInto('attachment')
    .values({
      id,
      person_id: personId,
      service_task: t.serviceTask,
      journal_entry_id: input.journalEntryId,
      file_name: input.fileName,
      content_type: input.contentType,
      document_type: input.documentType,
      size_bytes: input.content.length,
      sha256,
      storage: t.settings.store,
      content: t.settings.store === 'database' ? input.content : null,
      storage_key: storageKey,
      uploaded_by: t.userId,
    })
    .execute()
  const row = await baseQuery(t).where('a.id', '=', id).executeTakeFirstOrThrow()
  return toAttachment(row)
}

/** Removes files written for an upload whose transaction did not commit. */
export async function cleanup(written: string[]): Promise<void> {
  await Promise.all(written.map((f) => fs.rm(f, { force: true })))
}

/** One attachment's content for a download; the stored hash is checked, so a damaged file is never handed out. */
export async function readAttachment(t: AttachmentTarget, attachmentId: string): Promise<{ attachment: Attachment; content: Buffer }> {
  const row = await baseQuery(t)
    .select(['a.storage', 'a.content', 'a.storage_key'])
    .where('a.id', '=', attachmentId)
    .executeTakeFirst()
  if (!row) throw problems.notFound()
  let content: Buffer
  if (row.storage === 'folder') {
    if (!row.storage_key || !/^[0-9a-f-]{36}$/.test(row.storage_key)) throw new Error(`attachment ${row.id}: bad storage key`)
    content = await fs.readFile(path.join(t.settings.folder, row.storage_key))
  } else {
    if (!row.content) throw new Error(`attachment ${row.id}: no content`)
    content = Buffer.from(row.content)
  }
  const attachment = toAttachment(row)
  if (createHash('sha256').update(content).digest('hex') !== attachment.sha256) {
    throw new Error(`attachment ${row.id}: content does not match its SHA-256`)
  }
  return { attachment, content }
}

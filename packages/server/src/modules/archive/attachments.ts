import { createHash } from 'node:crypto'
import { promises as fs } from 'node:fs'
import path from 'node:path'
import type { Executor } from '../../access/audit'
import { todayInHelsinki } from '@huoma/domain'

/** An attachment of a register kept permanently, with its original content (checked against its SHA-256). */
export interface ArchiveAttachment {
  id: string
  fileName: string
  contentType: string
  documentType: string
  uploadedOn: string
  content: Buffer
  sha256: string
}

/**
 * The attachments of the client's identities in one register, oldest first, with their content read from the
 * database or the attachment folder; a file whose content does not match its stored SHA-256 stops the package.
 */
export async function registerAttachments(trx: Executor, personIds: readonly string[], register: string, folder: string): Promise<ArchiveAttachment[]> {
  if (!personIds.length) return []
  const rows = await trx
    .selectFrom('attachment')
    .select(['id', 'file_name', 'content_type', 'document_type', 'uploaded_at', 'storage', 'content', 'storage_key', 'sha256'])
    .where('person_id', 'in', [...personIds])
    .where('service_task', '=', register)
    .orderBy('uploaded_at')
    .orderBy('id')
    .execute()
  const out: ArchiveAttachment[] = []
  for (const r of rows) {
    let content: Buffer
    if (r.storage === 'folder') {
      if (!r.storage_key || !/^[0-9a-f-]{36}$/.test(r.storage_key)) throw new Error(`attachment ${r.id}: bad storage key`)
      content = await fs.readFile(path.join(folder, r.storage_key))
    } else {
      if (!r.content) throw new Error(`attachment ${r.id}: no content`)
      content = Buffer.from(r.content)
    }
    const sha256 = createHash('sha256').update(content).digest('hex')
    if (sha256 !== Buffer.from(r.sha256).toString('hex')) throw new Error(`attachment ${r.id}: content does not match its SHA-256`)
    out.push({ id: r.id, fileName: r.file_name, contentType: r.content_type, documentType: r.document_type, uploadedOn: todayInHelsinki(new Date(r.uploaded_at)), content, sha256 })
  }
  return out
}

import multipart from '@fastify/multipart'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { attachmentsEndpoints as ep, ATTACHMENT_DOCUMENT_TYPE_FIELD, ATTACHMENT_FILE_FIELD, ATTACHMENT_JOURNAL_FIELD } from '@huoma/contract'
import { isAttachmentDocumentType, type AttachmentDocumentType } from '@huoma/domain'
import type { FastifyRequest } from 'fastify'
import type { ClientScope } from '../../access/client-access'
import { requireAuthed, type AuthedContext } from '../../access/context'
import { endpoint } from '../../http/endpoint'
import { HttpProblem, problems, type FieldIssue } from '../../http/problem'
import { sanitiseFileName, contentDisposition } from './file-name'
import { cleanup, insertAttachment, listAttachments, readAttachment, type AttachmentTarget, type NewAttachment } from './repository'
import { extensionFits, extensionOf, isAttachmentType, sniffType } from './sniff'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
/** Declared types that say nothing (browsers send these for unknown extensions): the sniffed type decides. */
const UNINFORMATIVE = new Set(['', 'application/octet-stream'])
/** Declared aliases of the accepted types. */
const ALIASES: Record<string, string> = { 'image/jpg': 'image/jpeg', 'image/pjpeg': 'image/jpeg', 'image/x-png': 'image/png', 'image/tif': 'image/tiff' }

const fileIssue = (code: string, params?: Record<string, string>): FieldIssue => ({ field: 'body.file', code, ...(params ? { params } : {}) })

/**
 * Attachment routes (liitteet). Every one goes through the client-data chokepoint with the service task, like the
 * journal. `@fastify/multipart` is registered in this plugin only, so no other route accepts multipart bodies.
 */
export const attachmentRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const settings = app.config.attachments
  await app.register(multipart, {
    limits: { fileSize: settings.maxBytes, files: 1, fields: 4, fieldSize: 200, parts: 6, headerPairs: 100 },
  })

  const withAttachments = <T>(ctx: AuthedContext, params: { id: string; serviceTask: string }, work: (t: AttachmentTarget) => Promise<T>) =>
    app.clientData.withClient(ctx, { personId: params.id, serviceTask: params.serviceTask }, (scope: ClientScope) =>
      work({ scope, serviceTask: params.serviceTask, userId: ctx.principal.userId, settings }),
    )

  app.route({
    ...endpoint(ep['attachments.list']),
    handler: async (request) => {
      const ctx = requireAuthed(request)
      return withAttachments(ctx, request.params, (t) => listAttachments(t))
    },
  })

  app.route({
    ...endpoint(ep['attachments.upload']),
    handler: async (request, reply) => {
      const ctx = requireAuthed(request)
      const upload = await readUpload(request, settings.maxBytes)
      const written: string[] = []
      try {
        const attachment = await withAttachments(ctx, request.params, (t) => insertAttachment(t, upload, written))
        return reply.status(201).send(attachment)
      } catch (err) {
        await cleanup(written)
        throw err
      }
    },
  })

  app.route({
    ...endpoint(ep['attachments.download']),
    handler: async (request, reply) => {
      const ctx = requireAuthed(request)
      const { attachment, content } = await withAttachments(ctx, request.params, (t) => readAttachment(t, request.params.attachmentId))
      const type = attachment.contentType === 'text/plain' ? 'text/plain; charset=utf-8' : attachment.contentType
      return reply
        .header('content-type', type)
        .header('content-disposition', contentDisposition(attachment.fileName))
        .header('x-content-type-options', 'nosniff')
        .header('content-security-policy', "default-src 'none'; sandbox")
        .header('cache-control', 'no-store')
        .send(content)
    },
  })
}

/**
 * Reads and checks the multipart upload before any client data is touched: the file (at most `maxBytes`, else
 * 413), its sanitised name, its sniffed type against the extension and the declared type, its document type (one of
 * the domain's list) and the optional journal entry id. Every refusal is a field message in the request's language.
 */
async function readUpload(request: FastifyRequest, maxBytes: number): Promise<NewAttachment> {
  if (!request.isMultipart()) throw problems.validation([fileIssue('attachments.file.missing')])
  let file: { name: string; declared: string; content: Buffer } | undefined
  let journalEntryId: string | null = null
  let documentType: string | null = null
  try {
    for await (const part of request.parts()) {
      if (part.type === 'file') {
        const content = await part.toBuffer()
        if (part.fieldname !== ATTACHMENT_FILE_FIELD) continue
        if (file) throw problems.validation([fileIssue('attachments.file.tooMany')])
        file = { name: part.filename, declared: part.mimetype.split(';')[0]!.trim().toLowerCase(), content }
      } else if (part.fieldname === ATTACHMENT_DOCUMENT_TYPE_FIELD && typeof part.value === 'string') {
        documentType = part.value.trim()
      } else if (part.fieldname === ATTACHMENT_JOURNAL_FIELD && typeof part.value === 'string' && part.value !== '') {
        if (!UUID.test(part.value)) throw problems.validation([{ field: 'body.journalEntryId', code: 'attachments.journalEntry.format' }])
        journalEntryId = part.value.toLowerCase()
      }
    }
  } catch (err) {
    const code = (err as { code?: string }).code
    if (code === 'FST_REQ_FILE_TOO_LARGE') {
      throw problems.tooLarge(maxBytes, 'https://huoma.fi/problems/attachment-too-large')
    }
    if (code === 'FST_FILES_LIMIT') throw problems.validation([fileIssue('attachments.file.tooMany')])
    if (code === 'FST_FIELDS_LIMIT' || code === 'FST_PARTS_LIMIT' || code === 'FST_INVALID_MULTIPART_CONTENT_TYPE') {
      throw problems.validation([fileIssue('attachments.file.missing')])
    }
    if (err instanceof HttpProblem) throw err
    // Anything else thrown while the parts are read is the multipart parser refusing the body itself (a body cut
    // off before its closing boundary: "Unexpected end of multipart data", a malformed part header): the client's
    // request is broken, not the server.
    throw problems.validation([fileIssue('attachments.file.broken')])
  }
  const issues: FieldIssue[] = []
  if (!documentType) issues.push({ field: 'body.documentType', code: 'attachments.documentType.missing' })
  else if (!isAttachmentDocumentType(documentType)) issues.push({ field: 'body.documentType', code: 'attachments.documentType.unknown' })
  if (!file) throw problems.validation([...issues, fileIssue('attachments.file.missing')])
  if (issues.length > 0) throw problems.validation(issues)
  if (file.content.length === 0) throw problems.validation([fileIssue('attachments.file.empty')])
  const fileName = sanitiseFileName(file.name)
  if (!fileName || !extensionOf(fileName)) throw problems.validation([fileIssue('attachments.file.name')])
  const sniffed = sniffType(file.content)
  if (!sniffed) throw problems.validation([fileIssue('attachments.file.type')])
  const declared = ALIASES[file.declared] ?? file.declared
  const declaredFits = UNINFORMATIVE.has(declared) || declared === sniffed
  if (!extensionFits(fileName, sniffed) || !declaredFits) {
    const claimed = !declaredFits && isAttachmentType(declared) ? declared : `.${extensionOf(fileName)}`
    throw problems.validation([fileIssue('attachments.file.disguised', { actual: sniffed, claimed: declaredFits ? claimed : declared })])
  }
  return { fileName, contentType: sniffed, documentType: documentType as AttachmentDocumentType, content: file.content, journalEntryId }
}

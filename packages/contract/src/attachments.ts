import Type, { type Static } from 'typebox'
import { FileBody, Uuid } from './common'
import { endpoints } from './endpoint'

/**
 * Attachments (liitteet): scanned documents, PDFs and images of a client in one service task, optionally linked to
 * a journal entry. The upload is `multipart/form-data` with one `file` part (and the `documentType` and an optional
 * `journalEntryId` field before it); the type is sniffed from the content and must match the file name's extension and the
 * declared type. A download is an export of client data and is audited as one.
 */

export const ATTACHMENT_TYPES = ['application/pdf', 'image/png', 'image/jpeg', 'image/tiff', 'text/plain'] as const
export type AttachmentType = (typeof ATTACHMENT_TYPES)[number]
export const AttachmentType = Type.Union([
  Type.Literal('application/pdf'),
  Type.Literal('image/png'),
  Type.Literal('image/jpeg'),
  Type.Literal('image/tiff'),
  Type.Literal('text/plain'),
])

/**
 * What an attachment is (liiteasiakirjan tyyppi): mirrors the domain's ATTACHMENT_DOCUMENT_TYPES (the server
 * asserts the lists are equal); their names are the web app's and the domain's.
 */
export const ATTACHMENT_DOCUMENT_TYPE_CODES = [
  'authority_statement',
  'medical_statement',
  'income_evidence',
  'bank_statement',
  'tenancy_agreement',
  'power_of_attorney',
  'client_account',
  'other',
] as const
export const AttachmentDocumentType = Type.Enum(ATTACHMENT_DOCUMENT_TYPE_CODES, {
  description: 'What the document is (a statement from another authority, a medical statement, …)',
})
export type AttachmentDocumentType = Static<typeof AttachmentDocumentType>

/** File name extensions accepted per type (lower case, without the dot). */
export const ATTACHMENT_EXTENSIONS: Record<AttachmentType, readonly string[]> = {
  'application/pdf': ['pdf'],
  'image/png': ['png'],
  'image/jpeg': ['jpg', 'jpeg'],
  'image/tiff': ['tif', 'tiff'],
  'text/plain': ['txt'],
}

/** The multipart field that carries the file. */
export const ATTACHMENT_FILE_FIELD = 'file'
/** The multipart field naming the attachment's document type (one of the domain's ATTACHMENT_DOCUMENT_TYPES). */
export const ATTACHMENT_DOCUMENT_TYPE_FIELD = 'documentType'
/** The optional multipart field naming the journal entry the attachment belongs to. */
export const ATTACHMENT_JOURNAL_FIELD = 'journalEntryId'

export const AttachmentParams = Type.Object({
  id: Uuid,
  serviceTask: Type.String({ pattern: '^[a-z_]{2,40}$', description: 'Service task code (palvelutehtävä)' }),
})
export type AttachmentParams = Static<typeof AttachmentParams>

export const AttachmentFileParams = Type.Object({ ...AttachmentParams.properties, attachmentId: Uuid })
export type AttachmentFileParams = Static<typeof AttachmentFileParams>

export const Attachment = Type.Object({
  id: Uuid,
  serviceTask: Type.String(),
  journalEntryId: Type.Union([Uuid, Type.Null()]),
  fileName: Type.String({ description: 'The sanitised file name (also used for the download)' }),
  contentType: AttachmentType,
  documentType: AttachmentDocumentType,
  sizeBytes: Type.Integer({ minimum: 1 }),
  sha256: Type.String({ pattern: '^[0-9a-f]{64}$', description: 'SHA-256 of the content, hex' }),
  uploadedBy: Type.Object({ id: Uuid, name: Type.String() }),
  uploadedAt: Type.String({ format: 'date-time' }),
})
export type Attachment = Static<typeof Attachment>

export const AttachmentList = Type.Object({
  serviceTask: Type.String(),
  /** The largest accepted file in bytes. */
  maxBytes: Type.Integer(),
  attachments: Type.Array(Attachment),
})
export type AttachmentList = Static<typeof AttachmentList>

const BASE = '/api/persons/:id/attachments/:serviceTask'

/** The attachments' operations: every one reaches the client through the chokepoint with the service task. */
export const attachmentsEndpoints = endpoints({
  'attachments.list': {
    method: 'GET',
    path: BASE,
    action: 'attachments:read',
    summary: 'A client\'s attachments in a service task, newest first',
    params: AttachmentParams,
    response: { 200: AttachmentList },
  },
  'attachments.upload': {
    method: 'POST',
    path: BASE,
    action: 'attachments:upload',
    summary: 'Upload an attachment (multipart/form-data: `documentType`, optional `journalEntryId`, then one `file`)',
    description:
      'Accepts PDF, PNG, JPEG, TIFF and plain text. The type is sniffed from the content and must match the file ' +
      'name\'s extension and the declared type; a larger file than the limit answers 413 and nothing is stored.',
    params: AttachmentParams,
    consumes: ['multipart/form-data'],
    response: { 201: Attachment },
    errors: [413, 415],
  },
  'attachments.download': {
    method: 'GET',
    path: `${BASE}/:attachmentId/content`,
    action: 'attachments:download',
    summary: 'Download an attachment (audited as an export)',
    description: 'Answers the stored bytes as an attachment with the sanitised file name; never rendered inline.',
    params: AttachmentFileParams,
    response: { 200: FileBody },
    produces: 'application/octet-stream',
  },
})

import type { DocumentType } from '@huoma/domain'
import { create } from 'xmlbuilder2'

/** The namespace of Huoma's archive package metadata; its schema is packages/domain/xsd/huoma-archive-package-1.xsd. */
export const ARCHIVE_NS = 'urn:huoma:archive-package:1'

export interface PackageMetadata {
  organisation: string
  createdAt: string
  createdBy: string | null
  clients: {
    folder: string
    hetu: string | null
    temporaryId: string | null
    lastName: string
    firstNames: string
    birthDate: string | null
    deathDate: string | null
    registers: { code: string; name: string; reason: 'sample' | 'archive_order' }[]
    documents: {
      file: string
      sha256: string
      bytes: number
      serviceTask: string
      serviceTaskName: string
      documentType: DocumentType
      documentTypeName: string
      title: string
      firstDate: string | null
      lastDate: string | null
      records: number
      reason: 'sample' | 'archive_order'
      language: 'fi' | 'sv'
      /** PDF/A-1b, or an attachment kept as its original file (a PDF, a transparent PNG, TIFF, text) */
      format: 'PDF/A-1b' | 'application/pdf' | 'image/png' | 'image/jpeg' | 'image/tiff' | 'text/plain'
      /** an attachment's original file: its name, format and checksum, and whether the document is its conversion */
      original?: { fileName: string; format: string; sha256: string; bytes: number; converted: boolean }
    }[]
  }[]
}

/**
 * The package's metadata file: the package (number, organisation, when, by whom), then per client the identity and
 * the registers kept permanently with the reason, and per document its file, checksum, service task, document type,
 * title, dates, record count, retention and format. Elements in a fixed order, so the schema can check it.
 */
export function metadataXml(m: PackageMetadata & { number: number }): string {
  const doc = create({ version: '1.0', encoding: 'UTF-8' })
  const root = doc.ele(ARCHIVE_NS, 'archivePackage').att('number', String(m.number)).att('format', 'PDF/A-1b')
  root.ele(ARCHIVE_NS, 'organisation').txt(m.organisation)
  root.ele(ARCHIVE_NS, 'created').txt(m.createdAt)
  if (m.createdBy) root.ele(ARCHIVE_NS, 'createdBy').txt(m.createdBy)
  root.ele(ARCHIVE_NS, 'producer').txt('Huoma')
  for (const c of m.clients) {
    const el = root.ele(ARCHIVE_NS, 'client').att('folder', c.folder)
    if (c.hetu) el.ele(ARCHIVE_NS, 'hetu').txt(c.hetu)
    else if (c.temporaryId) el.ele(ARCHIVE_NS, 'temporaryId').txt(c.temporaryId)
    el.ele(ARCHIVE_NS, 'lastName').txt(c.lastName)
    el.ele(ARCHIVE_NS, 'firstNames').txt(c.firstNames)
    if (c.birthDate) el.ele(ARCHIVE_NS, 'birthDate').txt(c.birthDate)
    if (c.deathDate) el.ele(ARCHIVE_NS, 'deathDate').txt(c.deathDate)
    for (const r of c.registers) el.ele(ARCHIVE_NS, 'register').att('code', r.code).att('retention', 'permanent').att('reason', r.reason).txt(r.name)
    for (const d of c.documents) {
      const e = el.ele(ARCHIVE_NS, 'document')
      e.ele(ARCHIVE_NS, 'file').txt(d.file)
      e.ele(ARCHIVE_NS, 'sha256').txt(d.sha256)
      e.ele(ARCHIVE_NS, 'bytes').txt(String(d.bytes))
      e.ele(ARCHIVE_NS, 'serviceTask').att('code', d.serviceTask).txt(d.serviceTaskName)
      e.ele(ARCHIVE_NS, 'documentType').att('code', d.documentType).txt(d.documentTypeName)
      e.ele(ARCHIVE_NS, 'title').txt(d.title)
      if (d.firstDate) e.ele(ARCHIVE_NS, 'firstDate').txt(d.firstDate)
      if (d.lastDate) e.ele(ARCHIVE_NS, 'lastDate').txt(d.lastDate)
      e.ele(ARCHIVE_NS, 'records').txt(String(d.records))
      e.ele(ARCHIVE_NS, 'retention').att('reason', d.reason).txt('permanent')
      e.ele(ARCHIVE_NS, 'language').txt(d.language)
      e.ele(ARCHIVE_NS, 'format').txt(d.format)
      if (d.original) {
        const o = e.ele(ARCHIVE_NS, 'original').att('converted', String(d.original.converted))
        o.ele(ARCHIVE_NS, 'fileName').txt(d.original.fileName)
        o.ele(ARCHIVE_NS, 'format').txt(d.original.format)
        o.ele(ARCHIVE_NS, 'sha256').txt(d.original.sha256)
        o.ele(ARCHIVE_NS, 'bytes').txt(String(d.original.bytes))
      }
    }
  }
  return doc.end({ prettyPrint: true })
}

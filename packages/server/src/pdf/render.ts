import { createRequire } from 'node:module'
import pdfmake from 'pdfmake'
import type { TDocumentDefinitions } from 'pdfmake/interfaces'

/**
 * The one pdfmake set-up for every document Huoma prints: the Roboto fonts bundled with pdfmake (Finnish and
 * Swedish letters, the euro sign), the local-file policy admitting exactly those font files, and no URL access at
 * all, so a document definition can never make the server read a file or fetch an address.
 */
const require = createRequire(import.meta.url)
const ROBOTO = require('pdfmake/fonts/Roboto.js') as { Roboto: Record<'normal' | 'bold' | 'italics' | 'bolditalics', string> }
const FONT_FILES = new Set(Object.values(ROBOTO.Roboto))

pdfmake.setFonts(ROBOTO)
pdfmake.setUrlAccessPolicy(() => false)
pdfmake.setLocalAccessPolicy((path) => FONT_FILES.has(path))

export function renderPdf(definition: TDocumentDefinitions): Promise<Buffer> {
  return pdfmake.createPdf(definition).getBuffer()
}

/**
 * A document for the archive, as PDF/A-1b (ISO 19005-1, level B): PDF 1.4 without object streams, every font
 * embedded with its CIDSet, the sRGB output intent (pdfkit's bundled ICC profile) and XMP metadata that agrees with
 * the document information. No transparency: a definition with a watermark or opacity is refused here, since
 * PDF/A-1 forbids it. Apache PDFBox Preflight validates these in the tests.
 */
export async function renderArchivalPdf(definition: TDocumentDefinitions): Promise<Buffer> {
  if (definition.watermark) throw new Error('PDF/A-1 forbids transparency: an archival document has no watermark')
  return pdfmake.createPdf({ ...definition, version: '1.4', subset: 'PDF/A-1b' }).getBuffer()
}

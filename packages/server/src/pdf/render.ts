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

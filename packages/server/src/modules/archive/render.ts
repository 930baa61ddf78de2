import { todayInHelsinki } from '@huoma/domain'
import type { Content } from 'pdfmake/interfaces'
import { copyValueText, type CopySection } from '../../kernel/client-copy'
import { baseDocument, date, documentHeader, factTable, heading, recordBlock, valueText } from '../../kernel/decisions/document'
import { renderArchivalPdf } from '../../pdf/render'

type Lang = 'fi' | 'sv'

const TEXTS = {
  fi: {
    client: 'Asiakas',
    identity: 'Henkilötunnus',
    temporaryId: 'Tilapäinen tunniste',
    period: 'Ajalta',
    retention: 'Säilytys',
    reasons: { sample: 'pysyvästi: syntymäpäiväotos (8., 18. tai 28. päivänä syntynyt)', archive_order: 'pysyvästi: arkistolaitoksen päätös' },
    produced: 'Muodostettu arkistoon',
    records: 'Merkintöjä',
    none: 'Ei merkintöjä.',
    yes: 'kyllä',
    no: 'ei',
  },
  sv: {
    client: 'Klient',
    identity: 'Personbeteckning',
    temporaryId: 'Tillfällig identifierare',
    period: 'Period',
    retention: 'Förvaring',
    reasons: { sample: 'varaktigt: födelsedagsurval (född den 8, 18 eller 28)', archive_order: 'varaktigt: arkivverkets beslut' },
    produced: 'Framställd för arkivet',
    records: 'Anteckningar',
    none: 'Inga anteckningar.',
    yes: 'ja',
    no: 'nej',
  },
} as const

export interface ArchiveDocumentInput {
  lang: Lang
  organisation: string
  title: string
  client: { name: string; hetu: string | null; temporaryId: string | null }
  reason: 'sample' | 'archive_order'
  firstDate: string | null
  lastDate: string | null
  producedAt: Date
  /** the sections of one document type in one register */
  sections: CopySection[]
}

/**
 * One archived document as PDF/A-1b: the organisation and title, the client, the period and why it is kept, then
 * each record with its fields (label: value), in the records' own order. The text is selectable (embedded fonts,
 * no images), so the archive can index it.
 */
export async function renderArchiveDocument(input: ArchiveDocumentInput): Promise<Buffer> {
  const t = TEXTS[input.lang]
  const period = input.firstDate ? `${date(input.firstDate)} – ${date(input.lastDate ?? input.firstDate)}` : '–'
  const records = input.sections.reduce((n, s) => n + s.records.length, 0)
  const content: Content[] = [
    documentHeader({ name: input.organisation, unitName: '' }, input.title, [
      [t.period, period],
      [t.records, String(records)],
      [t.produced, date(todayInHelsinki(input.producedAt))],
    ]),
    factTable([
      [t.client, input.client.name],
      input.client.hetu ? [t.identity, input.client.hetu] : [t.temporaryId, input.client.temporaryId ?? ''],
      [t.retention, t.reasons[input.reason]],
    ]),
  ]
  if (!records) content.push({ text: t.none })
  for (const s of input.sections) {
    if (input.sections.length > 1) content.push(heading(s.title[input.lang]))
    const columns = new Map(s.columns.map((c) => [c.key, c]))
    for (const record of s.records) {
      content.push(recordBlock(record, (k) => columns.get(k)?.label[input.lang] ?? k, (k, v) => valueText(copyValueText(columns.get(k), v, input.lang)!, t.yes, t.no)))
    }
  }
  const doc = baseDocument(input.lang, input.title, content, null)
  return renderArchivalPdf({ ...doc, info: { ...doc.info, title: input.title, author: input.organisation, subject: input.client.name } })
}

const IMAGE_TEXTS = {
  fi: { original: 'Alkuperäinen tiedosto', uploaded: 'Tallennettu', type: 'Liitteen laji' },
  sv: { original: 'Ursprunglig fil', uploaded: 'Sparad', type: 'Bilagans slag' },
} as const

/**
 * An attachment's image (JPEG, or PNG without transparency) as a PDF/A-1b page: the organisation and title, the
 * client, the original file's name and day, then the image fitted to the page. PDF/A-1 forbids transparency, so a
 * PNG with an alpha channel or a transparent colour is not converted (the caller keeps the original).
 */
export async function renderArchiveImage(input: Omit<ArchiveDocumentInput, 'sections' | 'firstDate' | 'lastDate'> & { image: Buffer; mediaType: 'image/jpeg' | 'image/png'; fileName: string; uploadedOn: string; typeName: string }): Promise<Buffer> {
  const t = TEXTS[input.lang]
  const i = IMAGE_TEXTS[input.lang]
  const content: Content[] = [
    documentHeader({ name: input.organisation, unitName: '' }, input.title, [
      [i.uploaded, date(input.uploadedOn)],
      [t.produced, date(todayInHelsinki(input.producedAt))],
    ]),
    factTable([
      [t.client, input.client.name],
      input.client.hetu ? [t.identity, input.client.hetu] : [t.temporaryId, input.client.temporaryId ?? ''],
      [t.retention, t.reasons[input.reason]],
      [i.type, input.typeName],
      [i.original, input.fileName],
    ]),
    { image: `data:${input.mediaType};base64,${input.image.toString('base64')}`, fit: [500, 560], margin: [0, 8, 0, 0] },
  ]
  const doc = baseDocument(input.lang, input.title, content, null)
  return renderArchivalPdf({ ...doc, info: { ...doc.info, title: input.title, author: input.organisation, subject: input.client.name } })
}

/** Whether a PNG carries transparency: an alpha channel (colour types 4 and 6) or a tRNS chunk. */
export function pngHasTransparency(png: Buffer): boolean {
  const colourType = png[25]
  if (colourType === 4 || colourType === 6) return true
  return png.includes(Buffer.from('tRNS', 'latin1'))
}

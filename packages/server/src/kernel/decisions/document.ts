import { type Cents, formatEuros } from '@huoma/domain'
import type { Content, TableCell, TDocumentDefinitions } from 'pdfmake/interfaces'
import { renderPdf } from '../../pdf/render'
import { appealInstructions, type AppealAddressees, type Lang } from './appeal-texts'
import type { DecisionType } from './types'

/**
 * One layout for the decisions of every service, in Finnish or Swedish: the organisation and the document's title
 * with its number and date, the recipient, the type's own blocks (the matter, the decision per item, payments),
 * the reasons citing the law, the decision maker, the appeal instructions of the type's route, and the appendices
 * (each on a page of its own). A preview is marked on every page. The primitives below (headings, fact tables,
 * tables, dates, euros) are what a module composes its blocks from, so every document looks the same.
 */

export type { Lang } from './appeal-texts'

export const PAGE_WIDTH = 499 // A4 (595) minus the 48 pt margins

/** `2026-03-12` → `12.3.2026` (the Finnish and Swedish date). */
export function date(iso: string): string {
  const [y, m, d] = iso.slice(0, 10).split('-')
  return `${Number(d)}.${Number(m)}.${y}`
}

export const euros = (cents: number, lang: Lang) => formatEuros(cents as Cents, lang)

export const label = (text: string): TableCell => ({ text, bold: true })

export function factTable(rows: [string, string | Content][]): Content {
  return {
    table: { widths: [140, '*'], body: rows.map(([k, v]) => [label(k), typeof v === 'string' ? { text: v } : v]) },
    layout: 'noBorders',
    margin: [0, 0, 0, 6],
  }
}

export function heading(text: string, level: 1 | 2 = 1): Content {
  return { text, style: level === 1 ? 'h2' : 'h3' }
}

export const rule = (): Content => ({ canvas: [{ type: 'line', x1: 0, y1: 0, x2: PAGE_WIDTH, y2: 0, lineWidth: 0.5, lineColor: '#999999' }], margin: [0, 4, 0, 6] })

export const tableLayout = {
  hLineWidth: (i: number) => (i === 1 ? 0.8 : 0.3),
  vLineWidth: () => 0,
  hLineColor: () => '#999999',
  paddingTop: () => 2,
  paddingBottom: () => 2,
}

/** The organisation that decides, and where its decisions are challenged. */
export interface PrintOrganisation extends AppealAddressees {
  name: string
  unitName: string
}

/** An address printed on a document: always the contact address (never a protected one). */
export interface PrintAddress {
  street: string
  postalCode: string
  postOffice: string
}

/** The fixed words of every decision document. */
export const FRAME_TEXTS = {
  fi: {
    decisionNumber: 'Päätösnumero',
    decisionDate: 'Päätöspäivä',
    preview: 'LUONNOS – EI PÄÄTÖS',
    corrects: 'Korjaa päätöksen nro {n}',
    name: 'Nimi',
    hetu: 'Henkilötunnus',
    temporaryId: 'Tilapäinen tunniste',
    address: 'Osoite',
    reasons: 'Perustelut',
    generalReasons: 'Sovelletut oikeusohjeet',
    decisionMaker: 'Päätöksentekijä',
    noAppeal: 'Tähän ratkaisuun ei saa hakea muutosta.',
    footer: 'Salassa pidettävä (Laki sosiaalihuollon asiakkaan asemasta ja oikeuksista 812/2000 14 §) – sivu {page}/{pages}',
  },
  sv: {
    decisionNumber: 'Beslutsnummer',
    decisionDate: 'Beslutsdatum',
    preview: 'UTKAST – INTE ETT BESLUT',
    corrects: 'Rättar beslut nr {n}',
    name: 'Namn',
    hetu: 'Personbeteckning',
    temporaryId: 'Tillfällig identifikation',
    address: 'Adress',
    reasons: 'Motivering',
    generalReasons: 'Tillämpade rättsregler',
    decisionMaker: 'Beslutsfattare',
    noAppeal: 'Ändring i detta avgörande får inte sökas.',
    footer: 'Sekretessbelagd (lagen om klientens ställning och rättigheter inom socialvården 812/2000 14 §) – sida {page}/{pages}',
  },
} as const satisfies Record<Lang, Record<string, string>>

/** Replaces `{name}` placeholders. */
export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => (Object.hasOwn(values, key) ? String(values[key]) : whole))
}

/** The organisation at the left, the title with its facts at the right. */
export function documentHeader(org: Pick<PrintOrganisation, 'name' | 'unitName'>, title: string, facts: [string, string][]): Content {
  return {
    columns: [
      { width: '*', stack: [{ text: org.name, bold: true }, { text: org.unitName }], fontSize: 10 },
      {
        width: 210,
        stack: [
          { text: title, fontSize: 15, bold: true, margin: [0, 0, 0, 4] },
          { table: { widths: ['auto', '*'], body: facts.map(([k, v]) => [label(k), v]) }, layout: 'noBorders', fontSize: 9 },
        ],
      },
    ],
    margin: [0, 0, 0, 14],
  }
}

/** A4 with the page footer (confidential, page n/m), the fonts and styles, and the preview mark when asked. */
export function baseDocument(lang: Lang, title: string, content: Content[], previewMark: string | null): TDocumentDefinitions {
  const t = FRAME_TEXTS[lang]
  return {
    info: { title, creator: 'Huoma', producer: 'Huoma' },
    language: lang === 'sv' ? 'sv-FI' : 'fi-FI',
    pageSize: 'A4',
    pageMargins: [48, previewMark ? 60 : 48, 48, 56],
    defaultStyle: { font: 'Roboto', fontSize: 10 },
    styles: {
      h2: { fontSize: 12, bold: true, margin: [0, 10, 0, 4] },
      h3: { fontSize: 10, bold: true, margin: [0, 6, 0, 2] },
      th: { bold: true, fontSize: 9 },
      small: { fontSize: 9 },
    },
    ...(previewMark && {
      header: () => ({ text: previewMark, alignment: 'center', bold: true, color: '#b00020', fontSize: 12, margin: [0, 24, 0, 0] }),
      watermark: { text: previewMark, color: '#b00020', opacity: 0.12, bold: true, fontSize: 40 },
    }),
    footer: (page: number, pages: number) => ({
      text: fill(t.footer, { page, pages }),
      alignment: 'center',
      fontSize: 8,
      margin: [48, 16, 48, 0],
    }),
    content,
  }
}

/** A decision to print: the frame the kernel lays out and the blocks the module composes. */
export interface DecisionDocumentSpec {
  type: DecisionType
  language: Lang
  organisation: PrintOrganisation
  preview: boolean
  number: number | null
  decidedOn: string
  correctsNumber: number | null
  recipient: { heading: string; name: string; hetu: string | null; temporaryId: string | null; address: PrintAddress | null }
  /** the matter and the decision itself: the type's blocks, in order */
  body: Content[]
  /** the decision maker's reasons (paragraphs split on blank lines) and the type's fixed statements of the law */
  reasons: string
  generalReasons: readonly string[]
  maker: { name: string }
  appendices: { title: string; content: Content[] }[]
}

function recipientBlock(s: DecisionDocumentSpec): Content[] {
  const t = FRAME_TEXTS[s.language]
  const r = s.recipient
  const rows: [string, string][] = [[t.name, r.name]]
  if (r.hetu) rows.push([t.hetu, r.hetu])
  else rows.push([t.temporaryId, r.temporaryId ?? '–'])
  if (r.address) rows.push([t.address, `${r.address.street}\n${r.address.postalCode} ${r.address.postOffice}`])
  return [heading(r.heading), factTable(rows)]
}

function reasonsBlock(s: DecisionDocumentSpec): Content[] {
  const t = FRAME_TEXTS[s.language]
  const paragraphs = s.reasons
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean)
  return [
    heading(t.reasons),
    ...paragraphs.map((p): Content => ({ text: p, margin: [0, 0, 0, 6] })),
    ...(s.generalReasons.length ? [heading(t.generalReasons, 2), ...s.generalReasons.map((p): Content => ({ text: p, style: 'small', margin: [0, 0, 0, 4] }))] : []),
  ]
}

function makerBlock(s: DecisionDocumentSpec): Content[] {
  const t = FRAME_TEXTS[s.language]
  const out: Content[] = [heading(t.decisionMaker), { text: s.maker.name, margin: [0, 0, 0, 2] }]
  out.push({ text: `${t.decisionDate} ${date(s.decidedOn)}`, style: 'small' })
  if (s.correctsNumber !== null) out.push({ text: fill(t.corrects, { n: s.correctsNumber }), bold: true, margin: [0, 6, 0, 0] })
  return out
}

function appealBlock(s: DecisionDocumentSpec): Content[] {
  const a = appealInstructions(s.language, s.type.appeal, s.organisation)
  if (!a) return [{ text: FRAME_TEXTS[s.language].noAppeal, margin: [0, 10, 0, 0] }]
  const out: Content[] = [{ text: a.title, style: 'h2', fontSize: 13, pageBreak: 'before' }]
  for (const section of a.sections) {
    out.push(heading(section.heading, 2))
    for (const p of section.paragraphs) out.push({ text: p, margin: [0, 0, 0, 4] })
    if (section.bullets) out.push({ ul: [...section.bullets], margin: [8, 0, 0, 4] })
  }
  return out
}

/** The whole decision document. */
export function decisionDocument(s: DecisionDocumentSpec): TDocumentDefinitions {
  const t = FRAME_TEXTS[s.language]
  const title = s.type.title[s.language]
  const content: Content[] = [
    documentHeader(s.organisation, title, [
      [t.decisionNumber, s.number === null ? '–' : String(s.number)],
      [t.decisionDate, date(s.decidedOn)],
    ]),
    ...(s.correctsNumber !== null ? [{ text: fill(t.corrects, { n: s.correctsNumber }), bold: true, margin: [0, 0, 0, 8] } as Content] : []),
    ...recipientBlock(s),
    ...s.body,
    ...reasonsBlock(s),
    ...makerBlock(s),
    ...appealBlock(s),
    ...s.appendices.flatMap((a): Content[] => [{ text: a.title, style: 'h2', fontSize: 13, pageBreak: 'before' }, ...a.content]),
  ]
  return baseDocument(s.language, s.number === null ? title : `${title} ${s.number}`, content, s.preview ? t.preview : null)
}

export function renderDecisionDocument(s: DecisionDocumentSpec): Promise<Buffer> {
  return renderPdf(decisionDocument(s))
}

/**
 * One record of a client copy as a text block: each non-empty field on its own line, the label in bold, the value as
 * given by `text` (a code's phrase, yes/no for a boolean). One text node per record: a table per record cost
 * pdfmake ~2 ms each, seconds for a client with thousands of records.
 */
export function recordBlock(
  record: Record<string, string | number | boolean | null>,
  label: (key: string) => string,
  text: (key: string, value: string | number | boolean) => string,
): Content {
  const runs = Object.entries(record)
    .filter((e): e is [string, string | number | boolean] => e[1] !== null && e[1] !== '')
    .flatMap(([k, v], i) => [...(i ? ['\n'] : []), { text: `${label(k)}: `, bold: true }, text(k, v)])
  return { text: runs, margin: [0, 0, 0, 6] }
}

/** A value in words: yes/no for a boolean, else the value as text. */
export const valueText = (v: string | number | boolean, yes: string, no: string): string => (v === true ? yes : v === false ? no : String(v))

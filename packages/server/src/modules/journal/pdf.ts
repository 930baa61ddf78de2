import type { JournalEntryType, JournalVersion } from '@huoma/contract'
import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces'
import { renderPdf } from '../../pdf/render'

/**
 * The journal (asiakaskertomus) of one client in one service task as a PDF in Finnish or Swedish: the client's name
 * and identifier, the service task, and every signed entry (its current version with author and signer, and the
 * versions it corrected with who, when and why). It never carries an address, so a client under turvakielto is
 * printed exactly like any other. Drafts are not part of the record and are not printed.
 *
 * pdfmake reads only its bundled Roboto (the local-file policy admits those files and nothing else) and may fetch
 * no URL, so no text in an entry can make the server read a file or call out.
 */

export interface JournalPrintEntry {
  current: JournalVersion
  /** The versions this one corrected, newest first. */
  previous: JournalVersion[]
}

export interface JournalPrintInput {
  language: 'fi' | 'sv'
  organisation: string
  client: { name: string; hetu: string | null; temporaryId: string | null }
  serviceTask: string
  printedAt: Date
  printedBy: string
  entries: JournalPrintEntry[]
}

const TEXTS = {
  fi: {
    title: 'Asiakaskertomus',
    client: 'Asiakas',
    hetu: 'Henkilötunnus',
    temporaryId: 'Tilapäinen tunniste',
    serviceTask: 'Palvelutehtävä',
    printedAt: 'Tulostettu',
    printedBy: 'Tulostaja',
    none: 'Asiakaskertomuksessa ei ole allekirjoitettuja merkintöjä.',
    count: 'Merkintöjä: {n}',
    participants: 'Osallistujat',
    author: 'Kirjannut',
    signed: 'Allekirjoittanut',
    corrected: 'Korjannut',
    reason: 'Korjauksen syy',
    version: 'Versio {n}',
    previous: 'Korjattu aiempi versio {n} (korvattu)',
    footer: 'Salassa pidettävä – sivu {page}/{pages}',
    types: {
      meeting: 'Tapaaminen',
      home_visit: 'Kotikäynti',
      phone_call: 'Puhelu',
      measure: 'Toimenpide',
      negotiation: 'Neuvottelu',
      other: 'Muu',
    } satisfies Record<JournalEntryType, string>,
  },
  sv: {
    title: 'Klientberättelse',
    client: 'Klient',
    hetu: 'Personbeteckning',
    temporaryId: 'Tillfällig identifikation',
    serviceTask: 'Serviceuppgift',
    printedAt: 'Utskriven',
    printedBy: 'Utskriven av',
    none: 'Klientberättelsen har inga undertecknade anteckningar.',
    count: 'Anteckningar: {n}',
    participants: 'Deltagare',
    author: 'Antecknad av',
    signed: 'Undertecknad av',
    corrected: 'Rättad av',
    reason: 'Orsak till rättelsen',
    version: 'Version {n}',
    previous: 'Rättad tidigare version {n} (ersatt)',
    footer: 'Sekretessbelagd – sida {page}/{pages}',
    types: {
      meeting: 'Möte',
      home_visit: 'Hembesök',
      phone_call: 'Telefonsamtal',
      measure: 'Åtgärd',
      negotiation: 'Förhandling',
      other: 'Annat',
    } satisfies Record<JournalEntryType, string>,
  },
} as const

function formats(language: 'fi' | 'sv') {
  const locale = language === 'sv' ? 'sv-FI' : 'fi-FI'
  const day = new Intl.DateTimeFormat(locale, { timeZone: 'Europe/Helsinki', day: 'numeric', month: 'numeric', year: 'numeric' })
  const time = new Intl.DateTimeFormat(locale, { timeZone: 'Europe/Helsinki', hour: '2-digit', minute: '2-digit' })
  return {
    moment: (iso: string | Date) => `${day.format(new Date(iso))} ${time.format(new Date(iso))}`,
    date: (d: string) => {
      const [y, m, dd] = d.split('-')
      return `${Number(dd)}.${Number(m)}.${y}`
    },
  }
}

function versionBlock(v: JournalVersion, t: (typeof TEXTS)['fi' | 'sv'], f: ReturnType<typeof formats>, heading: string, small: boolean): Content {
  const participants = [...v.staffParticipants.map((p) => p.name), ...v.otherParticipants]
  const lines: Content[] = [
    { text: heading, style: small ? 'h3' : 'h2' },
    ...(participants.length ? [{ text: [{ text: `${t.participants}: `, bold: true }, participants.join(', ')] } as Content] : []),
    { text: v.text, margin: [0, 4, 0, 4] },
    v.correctionReason
      ? { text: [{ text: `${t.corrected}: `, bold: true }, `${v.author.name}, ${f.moment(v.createdAt)}`] }
      : { text: [{ text: `${t.author}: `, bold: true }, `${v.author.name}, ${f.moment(v.createdAt)}`] },
    ...(v.correctionReason ? [{ text: [{ text: `${t.reason}: `, bold: true }, v.correctionReason] } as Content] : []),
    ...(v.signedBy && v.signedAt ? [{ text: [{ text: `${t.signed}: `, bold: true }, `${v.signedBy.name}, ${f.moment(v.signedAt)}`] } as Content] : []),
  ]
  return { stack: lines, fontSize: small ? 9 : 10, color: small ? '#444444' : '#000000', margin: [small ? 16 : 0, 0, 0, 10] }
}

export function journalDocument(input: JournalPrintInput): TDocumentDefinitions {
  const t = TEXTS[input.language]
  const f = formats(input.language)
  const facts = [
    [{ text: t.client, bold: true }, input.client.name],
    input.client.hetu ? [{ text: t.hetu, bold: true }, input.client.hetu] : [{ text: t.temporaryId, bold: true }, input.client.temporaryId ?? '–'],
    [{ text: t.serviceTask, bold: true }, input.serviceTask],
    [{ text: t.printedAt, bold: true }, f.moment(input.printedAt)],
    [{ text: t.printedBy, bold: true }, input.printedBy],
  ]
  const content: Content[] = [
    { text: input.organisation, style: 'organisation' },
    { text: t.title, style: 'title' },
    { table: { widths: [110, '*'], body: facts }, layout: 'noBorders', margin: [0, 0, 0, 8] },
    { text: t.count.replace('{n}', String(input.entries.length)), margin: [0, 0, 0, 8] },
  ]
  if (!input.entries.length) content.push({ text: t.none, italics: true })
  for (const e of input.entries) {
    const v = e.current
    const when = `${f.date(v.eventDate)}${v.eventTime ? ` ${v.eventTime.replace(':', '.')}` : ''}`
    const heading = `${when} – ${t.types[v.type]}${v.versionNo > 1 ? ` (${t.version.replace('{n}', String(v.versionNo))})` : ''}`
    content.push(versionBlock(v, t, f, heading, false))
    for (const p of e.previous) {
      const ph = `${t.previous.replace('{n}', String(p.versionNo))}: ${f.date(p.eventDate)} – ${t.types[p.type]}`
      content.push(versionBlock(p, t, f, ph, true))
    }
    content.push({ canvas: [{ type: 'line', x1: 0, y1: 0, x2: 499, y2: 0, lineWidth: 0.5, lineColor: '#999999' }], margin: [0, 0, 0, 10] })
  }
  return {
    info: { title: `${t.title} – ${input.serviceTask}`, creator: 'Huoma', producer: 'Huoma' },
    pageSize: 'A4',
    pageMargins: [48, 48, 48, 56],
    defaultStyle: { font: 'Roboto', fontSize: 10 },
    styles: {
      organisation: { fontSize: 10, color: '#444444', margin: [0, 0, 0, 12] },
      title: { fontSize: 17, bold: true, margin: [0, 0, 0, 8] },
      h2: { fontSize: 12, bold: true, margin: [0, 6, 0, 2] },
      h3: { fontSize: 10, bold: true, margin: [0, 2, 0, 2] },
    },
    footer: (page: number, pages: number) => ({
      text: t.footer.replace('{page}', String(page)).replace('{pages}', String(pages)),
      alignment: 'center',
      fontSize: 8,
      margin: [0, 16, 0, 0],
    }),
    content,
  }
}

export async function renderJournal(input: JournalPrintInput): Promise<Buffer> {
  return renderPdf(journalDocument(input))
}

import type { NoticeVersion } from '@huoma/contract'
import { formatFinnishDate, todayInHelsinki } from '@huoma/domain'
import type { Content } from 'pdfmake/interfaces'
import { baseDocument, heading } from '../../kernel/decisions/document'
import { renderPdf } from '../../pdf/render'

const VERSION_LINE = {
  fi: (n: number, on: string) => `Versio ${n}, laadittu ${on}`,
  sv: (n: number, on: string) => `Version ${n}, upprättad ${on}`,
}

/** The Helsinki calendar day a version was generated, as Finns and Finland-Swedes write it. */
const generatedOn = (v: NoticeVersion) => formatFinnishDate(todayInHelsinki(new Date(v.generatedAt)))

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')

/** The notice as a self-contained HTML page (no script, no outside resource). */
export function noticeHtml(v: NoticeVersion): string {
  const d = v.document
  const body = d.sections
    .map((s) => {
      const paragraphs = s.paragraphs.map((p) => `<p>${escape(p)}</p>`).join('\n')
      const items = s.items.length
        ? `<ul>\n${s.items.map((i) => `<li><strong>${escape(i.title)}</strong>${i.lines.map((l) => `<br>${escape(l)}`).join('')}</li>`).join('\n')}\n</ul>`
        : ''
      return `<section id="${escape(s.id)}">\n<h2>${escape(s.heading)}</h2>\n${paragraphs}\n${items}\n</section>`
    })
    .join('\n')
  return `<!doctype html>
<html lang="${v.language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(d.title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:48rem;margin:2rem auto;padding:0 1rem;line-height:1.5}li{margin-bottom:.5rem}</style>
</head>
<body>
<main>
<h1>${escape(d.title)}</h1>
<p>${escape(VERSION_LINE[v.language](v.number, generatedOn(v)))}</p>
${body}
</main>
</body>
</html>
`
}

/** The notice as PDF in the shared page frame of Huoma's documents. */
export function noticePdf(v: NoticeVersion): Promise<Buffer> {
  const d = v.document
  const content: Content[] = [{ text: d.title, fontSize: 14, bold: true }, { text: VERSION_LINE[v.language](v.number, generatedOn(v)), margin: [0, 2, 0, 6] }]
  for (const s of d.sections) {
    content.push(heading(s.heading))
    for (const p of s.paragraphs) content.push({ text: p, margin: [0, 0, 0, 4] })
    if (s.items.length) {
      content.push({
        ul: s.items.map((i) => ({ stack: [{ text: i.title, bold: true }, ...i.lines.map((l) => ({ text: l }))], margin: [0, 0, 0, 4] })),
      })
    }
  }
  return renderPdf(baseDocument(v.language, d.title, content, null))
}

import { execFile } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'

const run = promisify(execFile)

/**
 * The pages of a PDF as Debian's pdftotext (poppler-utils) reads them, whitespace (incl. no-break spaces) collapsed
 * per page; `layout` keeps the columns' reading order of `pdftotext -layout`.
 */
export async function pdfPages(pdf: Buffer | Uint8Array, opts: { layout?: boolean } = {}): Promise<string[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'huoma-pdf-'))
  try {
    const file = path.join(dir, 'document.pdf')
    fs.writeFileSync(file, pdf)
    const { stdout } = await run('pdftotext', [...(opts.layout ? ['-layout'] : []), '-enc', 'UTF-8', file, '-'])
    const pages = stdout.split('\f').map((p) => p.replace(/\s+/g, ' ').trim())
    while (pages.length && pages[pages.length - 1] === '') pages.pop()
    return pages
  } finally {
    fs.rmSync(dir, { recursive: true, force: true })
  }
}

/** The whole text of a PDF, whitespace collapsed. */
export async function pdfText(pdf: Buffer | Uint8Array, opts: { layout?: boolean } = {}): Promise<string> {
  return (await pdfPages(pdf, opts)).join(' ')
}

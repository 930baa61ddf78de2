import { execFile } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'

const run = promisify(execFile)

/**
 * Apache PDFBox Preflight, the PDF/A-1b validator of Debian's libpdfbox2-java (with the JavaBeans activation and
 * JAXB API jars it needs on Java 11+). CI (.ci/run) and `npm test` install them with apt-get when missing.
 */
const JARS = ['preflight', 'pdfbox2', 'fontbox2', 'xmpbox', 'commons-logging', 'javax.activation', 'jaxb-api'].map((j) => `/usr/share/java/${j}.jar`)

export function pdfaValidatorMissing(): string | null {
  const missing = JARS.filter((j) => !fs.existsSync(j))
  if (missing.length) return `PDF/A validator jars missing: ${missing.join(', ')} (apt-get install libpdfbox2-java libactivation-java libjaxb-api-java)`
  return null
}

/**
 * Validates PDFs as PDF/A-1b with Preflight in one Java run: per file null when valid, else Preflight's error lines
 * (`2.4.3 : Invalid Color space, …`).
 */
export async function pdfaErrors(pdfs: (Buffer | Uint8Array)[]): Promise<(string[] | null)[]> {
  const why = pdfaValidatorMissing()
  if (why) throw new Error(why)
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'huoma-pdfa-'))
  try {
    const out: (string[] | null)[] = []
    for (let i = 0; i < pdfs.length; i++) {
      const file = path.join(dir, `d${i}.pdf`)
      fs.writeFileSync(file, pdfs[i]!)
      // Validator_A1b exits non-zero for an invalid file; its report is on stdout either way
      const r = await run('java', ['-cp', JARS.join(':'), 'org.apache.pdfbox.preflight.Validator_A1b', file]).then(
        (x) => x.stdout,
        (e: { stdout?: string }) => e.stdout ?? '',
      )
      if (r.includes('is a valid PDF/A-1b file')) out.push(null)
      else out.push(r.split('\n').map((l) => l.trim()).filter((l) => /^\d/.test(l) || l.startsWith('The file')))
    }
    return out
  } finally {
    fs.rmSync(dir, { recursive: true, force: true })
  }
}

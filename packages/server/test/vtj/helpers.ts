/** Shared helpers of the VTJ tests: fixture files and XSD validation with xmllint-wasm. */
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { create } from 'xmlbuilder2'
import { validateXML } from 'xmllint-wasm'

export const FIXTURES = path.join(import.meta.dirname, 'fixtures')

export const fixture = (name: string): string => readFileSync(path.join(FIXTURES, name), 'utf8')
const fixtureBytes = (name: string) => ({ fileName: name, contents: new Uint8Array(readFileSync(path.join(FIXTURES, name))) })

/** Every schema an envelope needs; VTJHenkilotiedotKatalogi.xsd is ISO-8859-1, so all go in as bytes. */
const SCHEMA_FILES = [
  'soap-envelope-strict.xsd',
  'query.xsd',
  'xroad.xsd',
  'identifiers.xsd',
  'xml.xsd',
  'vtj-vastaus-unified.xsd',
  'VTJHenkilotiedotKatalogi.xsd',
]

/** Validates a whole SOAP envelope (strict envelope + query.xsd + X-Road headers + the VTJ response schemas). */
export async function validateEnvelope(xml: string): Promise<{ valid: boolean; errors: string[] }> {
  const [errors] = await validateEnvelopes([xml])
  return { valid: errors?.length === 0, errors: errors ?? ['no result'] }
}

/**
 * Validates several envelopes in one xmllint run (each run starts a worker and loads the schemas, so batching
 * keeps the suite fast). Returns the errors of each document, `[]` for a valid one.
 */
export async function validateEnvelopes(xmls: readonly string[]): Promise<string[][]> {
  const names = xmls.map((_, i) => `envelope-${i}.xml`)
  const result = await validateXML({
    xml: xmls.map((contents, i) => ({ fileName: names[i] as string, contents })),
    schema: [fixtureBytes('soap-vtj-main.xsd')],
    preload: SCHEMA_FILES.map(fixtureBytes),
  })
  const perFile = names.map(() => [] as string[])
  for (const e of result.errors) {
    // "envelope-3.xml fails to validate" has no parsed location; its file name leads the message.
    const file = e.loc?.fileName ?? names.find((n) => e.rawMessage.startsWith(`${n} `) || e.rawMessage.startsWith(`${n}:`))
    const i = file ? names.indexOf(file) : -1
    if (i >= 0) perFile[i]?.push(e.rawMessage)
    else for (const list of perFile) list.push(e.rawMessage)
  }
  if (!result.valid && perFile.every((l) => l.length === 0)) for (const list of perFile) list.push(result.rawOutput)
  return perFile
}

/** The skeleton response of evaka's wiremock files with the henkilötunnus filled in. */
export const skeleton = (hetu: string): string => fixture('henkilotunnuskysely-response-skeleton.xml').replace('{{ parameters.ssn }}', hetu)

export const VTJ_RESPONSE_NS = 'http://xml.vrk.fi/schema/vtjkysely'

interface DomNode {
  nodeType: number
  localName?: string | null
  textContent: string | null
  childNodes: ArrayLike<DomNode> & Iterable<DomNode>
}

/**
 * A variation of a response envelope: `values` maps a slash path under `VTJHenkiloVastaussanoma` (local names,
 * e.g. `Henkilo/Turvakielto/TurvakieltoTieto`; the first match at each step) to its new text.
 */
export function withValues(xml: string, values: Record<string, string>): string {
  const doc = create(xml)
  const root = doc.root().node as unknown as DomNode
  const find = (from: DomNode, name: string): DomNode | undefined => {
    for (const c of Array.from(from.childNodes)) {
      if (c.nodeType === 1 && c.localName === name) return c
      const deeper = c.nodeType === 1 ? find(c, name) : undefined
      if (deeper && name === 'VTJHenkiloVastaussanoma') return deeper
    }
    return undefined
  }
  const sanoma = find(root, 'VTJHenkiloVastaussanoma')
  if (!sanoma) throw new Error('no VTJHenkiloVastaussanoma')
  for (const [p, v] of Object.entries(values)) {
    let cur: DomNode | undefined = sanoma
    for (const step of p.split('/')) cur = cur && find(cur, step)
    if (!cur) throw new Error(`no element ${p}`)
    cur.textContent = v
  }
  return doc.end()
}

/** Inserts Paluukoodi and Hakuperusteet before `Henkilo` (or at the end of the message), as the register sends them. */
export function withReturnCode(xml: string, code: string, text: string, searchCode: string, hetu: string): string {
  const head =
    `<Paluukoodi koodi="${code}">${text}</Paluukoodi>` +
    `<Hakuperusteet><Henkilotunnus hakuperustePaluukoodi="${searchCode}" hakuperusteTekstiS="" hakuperusteTekstiR="" hakuperusteTekstiE="">${hetu}</Henkilotunnus></Hakuperusteet>`
  if (/<Henkilo>/.test(xml)) return xml.replace(/<Henkilo>/, `${head}<Henkilo>`)
  return xml.replace(/<\/VTJHenkiloVastaussanoma>/, `${head}</VTJHenkiloVastaussanoma>`)
}

/** Removes the `Henkilo` element (a "not found" answer has none). */
export const withoutHenkilo = (xml: string): string => xml.replace(/<Henkilo>[\s\S]*<\/Henkilo>/, '')
